/*
 * Translation blocks and the translation cache: the code buffer, block
 * lookup by (pc, flags), direct chaining, invalidation and flush.  Also the
 * interface every backend implements.
 */
#ifndef TCG_TB_H
#define TCG_TB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"
#include "tcg.h"

/* Compile flags: part of a block's key, chosen by the loop, not the guest. */
enum {
    CF_COUNT_MASK = 0x1ff,     /* max instructions in the block, 0 = default */
    CF_INVALID = 1 << 16,      /* invalidated: never entered again */
};

#define TB_MAX_INSNS 512

/* A block's exits that chain: two for a two-way branch, and a call's
 * return landing. */
#define TB_NB_EXITS 3

typedef struct TranslationBlock {
    uint64_t pc;               /* guest pc of the first instruction */
    uint32_t flags;            /* target translation flags (block key) */
    uint32_t cflags;           /* CF_* (block key, plus CF_INVALID) */
    uint32_t size;             /* guest bytes covered */
    uint32_t icount;           /* guest instructions */
    uint64_t page_addr[2];     /* guest pages covered; [1] = -1 if one page */

    void *tc_ptr;              /* backend code, executable view */
    uint32_t tc_size;

    struct TranslationBlock *hash_next;
    struct TranslationBlock *page_next[2];
    /* The links that point at this block, in the hash and the page lists. */
    struct TranslationBlock **hash_prev;
    struct TranslationBlock **page_prev[2];

    /* Chaining.  jmp_dest[n] is the block exit n currently jumps to (read
     * by the interpreter without a lock); incoming jumps are a list of
     * (tb | n) words threaded through jmp_list_next, for unlinking.  Exit
     * TB_EXIT_RETURN is the return landing of a block that ends in a
     * call: where a return to the call's next instruction continues, by
     * way of the return stack (push_return). */
    struct TranslationBlock *volatile jmp_dest[TB_NB_EXITS];
    uintptr_t jmp_list_head;
    uintptr_t jmp_list_next[TB_NB_EXITS];
    /* Native backends: code offsets of exit n's jump and of its unlinked
     * continuation. */
    uint32_t jmp_insn_offset[TB_NB_EXITS];
    uint32_t jmp_reset_offset[TB_NB_EXITS];
    /* The guest pc exit n goes to, where the backend's unlinked path sets
     * it at run time rather than in code (the native backend's compact
     * exits, jit.c). */
    uint64_t jmp_pc[TB_NB_EXITS];
    /* Hot regions (tb_gen_region): a backward exit counts down
     * hot_count (native backend) and at zero leaves with TB_EXIT_HOT.  A
     * region has region_blocks > 0 and covers the guest bytes
     * [region_lo, region_hi), within its two pages. */
    uint32_t hot_count;
    uint32_t region_blocks;
    uint64_t region_lo, region_hi;
    /* The native backend's fault maps of the block (jit-emit.c). */
    uint64_t maps_first;
    uint32_t maps_count;
} TranslationBlock;

/* What a backend's exec returns: the last block run, and in the low bits
 * how it left. */
enum {
    TB_EXIT_CHAIN0 = 0,        /* took exit 0: the loop may link it */
    TB_EXIT_CHAIN1 = 1,        /* took exit 1 */
    TB_EXIT_RETURN = 2,        /* took the return landing (exit 2) */
    TB_EXIT_REQUESTED = 4,     /* exit_request seen on entry: pc = tb->pc */
    TB_EXIT_NOCHAIN = 5,       /* left with the pc already set */
    TB_EXIT_HOT = 6,           /* a backward exit got hot: the pc is set to
                                * its destination, a loop's head */
    TB_EXIT_MASK = 7,          /* blocks are 8-aligned */
};

typedef struct TCGBackend {
    const char *name;
    /* Runs host code from the cache: tb_cache_init then maps it twice (a
     * writable view, and an executable one within +-2 GiB of mimic's text),
     * and tc_ptr is the executable address. */
    bool native;
    /* Generates code for the op list in s into buf (writable view).
     * Returns bytes used, or -1 if avail did not suffice. */
    long (*gen_code)(TCGContext *s, TranslationBlock *tb, uint8_t *buf,
                     size_t avail);
    /* Optional, gen_code in two steps, so that the lock is held for the
     * second alone: gen_detached makes the code outside tb_lock, for tb (a
     * stand-in descriptor), in the thread's own buffer as if at rx (an
     * address of the cache), and returns its size, or -1 (then the ops are
     * spent: gen_code must start again); place_detached, under tb_lock,
     * puts the thread's last such code at buf (executable address rx) for
     * tb: bytes used, -1 if avail did not suffice, -2 if it cannot be
     * placed. */
    long (*gen_detached)(TCGContext *s, TranslationBlock *tb, uintptr_t rx);
    long (*place_detached)(TranslationBlock *tb, uint8_t *buf, uintptr_t rx, size_t avail);
    /* Runs from tb until a block exits to the loop. */
    uintptr_t (*exec)(CPUState *cpu, TranslationBlock *tb);
    /* Points exit n of tb at dest, or back at its unlinked path if NULL. */
    void (*set_jmp)(TranslationBlock *tb, int n, TranslationBlock *dest);
    /* Whether the backend can run with this guest_base (NULL: yes). */
    bool (*usable)(void);
    /* Prints the host code of tb for -d out_asm. */
    void (*dump_code)(TranslationBlock *tb, FILE *f);
} TCGBackend;

extern const TCGBackend tcg_backend_interp;
/* The native backend (tcg/x86_64/jit.c, x86-64 hosts). */
extern const TCGBackend tcg_backend_jit;
/* The SIGSEGV handler's view of the jit: true if a host fault at pc on
 * guest memory is a guest access of generated code; then restore_state
 * makes the CPU state exact from the signal context (a ucontext_t *)
 * before cpu_loop_exit_restore. */
bool jit_host_pc_is_guest_access(uintptr_t pc);
void jit_restore_state(CPUState *cpu, void *uc);
/* -perfmap: where the jit writes "START SIZE guest:0xPC" lines, or NULL. */
extern FILE *jit_perfmap;
/* -accel tcg,host-isa=baseline: the jit's stencils use only the x86-64
 * baseline even on a host with BMI1/BMI2/LZCNT/POPCNT/FMA (set before the
 * first translation). */
extern bool jit_host_isa_baseline;
/* -accel tcg,return-stack=on: the jit's return stack on the host stack
 * (tcg/x86_64/jit.c); off by default, where calls and returns are plain
 * jumps (docs/developer-guide.md says why). */
extern bool jit_return_stack;
/* Whether the second stencil set is in use: the host has BMI1, BMI2,
 * LZCNT, POPCNT and FMA, and host-isa=baseline was not asked for (decided
 * at the first call).  Translators emit fmuladd_vec only then. */
bool tcg_host_isa_extended(void);
/* Where CPUState.frame lies relative to the base pointer (per target). */
void tcg_interp_set_frame_offset(int off);
extern const TCGBackend *tcg_backend;

/* ---- the cache ---- */

/* Returns false (and leaves the cache unset) if the backend is native and
 * the code buffer cannot be mapped near mimic's code. */
bool tb_cache_init(size_t size_bytes, const TCGBackend *backend);

/* Executable address minus writable address of the code buffer (0 for
 * the interpreter, which has one view). */
extern ptrdiff_t tb_code_rx_offset;
/* Called by every flush, whichever backend is current (no thread runs
 * translated code then): the JIT drops what it keeps about old code. */
extern void (*tb_flush_hook)(void);
/* Called when the process exits (user mode: exit_group), if set. */
extern void (*tb_exit_hook)(void);
/* Called on each descriptor the cache keeps for itself (the code buffer's
 * memfd): returns the number to keep it under, out of the guest's reach
 * in user mode.  NULL: kept as opened. */
extern int (*tb_own_fd_hook)(int fd);
/* Size of the code buffer in bytes. */
size_t tb_code_size(void);
/* True if host pc lies in the executable view of the code buffer. */
bool tb_pc_in_code(uintptr_t pc);
/* The block whose code (executable view) holds host pc, or NULL. */
TranslationBlock *tb_of_host_pc(uintptr_t pc);

/* The slot of pc in CPUState.jmp_cache (also probed inline by the native
 * backend's lookup_and_goto_ptr). */
static inline unsigned tb_jmp_cache_idx(uint64_t pc)
{
    return (unsigned)((pc >> 2) ^ (pc >> (2 + TB_JMP_CACHE_BITS))) &
           (TB_JMP_CACHE_SIZE - 1);
}

/* For the native backend's inline lookup of indirect branches: a target
 * whose block key is (the uint64_t at env + tb_key_pc_offset, the flags of
 * the block that jumps) declares so at init; it ends a block with an exit
 * to the loop wherever the flags may change.  -1 (the default): the
 * backend always asks get_tb_cpu_state through the loop's lookup. */
extern int tb_key_pc_offset;

/* Finds a valid block for the key, or NULL. */
TranslationBlock *tb_lookup(CPUState *cpu, uint64_t pc, uint32_t flags,
                            uint32_t cflags);
/* Translates a new block; returns NULL when the cache is full, and the
 * caller makes room (tb_make_room_exclusive) and retries. */
TranslationBlock *tb_gen_code(CPUState *cpu, uint64_t pc, uint32_t flags,
                              uint32_t cflags);
/* A hot region: the blocks of a loop, translated again as one block
 * whose branches between them stay inside it, in place of its head's
 * block (tb_gen_region).  pc[0] is the head, the region's only entry;
 * each block has the icount instructions of its translation. */
#define TB_REGION_MAX 16
typedef struct TBRegion {
    int n;
    uint64_t pc[TB_REGION_MAX];
    uint32_t icount[TB_REGION_MAX];
    uint32_t size[TB_REGION_MAX];      /* guest bytes */
    uint64_t lo, hi;                   /* the bytes all of them lie in */
    uint64_t page[2];                  /* their pages; [1] = -1 if one */
} TBRegion;
/* -accel tcg,tier2=N: a backward exit taken N times makes its
 * destination's loop a region; 0 = never. */
extern uint32_t tb_tier2_threshold;
/* Makes the loop whose head is the block of the key a region, if its
 * blocks are translated and fit one (tcg/region.c finds them); the head's
 * block is then invalidated, and every way into it finds the region.
 * Called by the loop on TB_EXIT_HOT; returns the region or NULL. */
TranslationBlock *tb_gen_region(CPUState *cpu, uint64_t pc, uint32_t flags,
                                uint32_t cflags);
/* tcg/region.c: the blocks of the loop through the block of the key, from
 * the translated blocks and their direct exits.  False if there is none. */
bool tb_find_region(CPUState *cpu, uint64_t pc, uint32_t flags, uint32_t cflags,
                    TBRegion *r);

/* Links exit n of tb to dest (both still valid), under the cache lock. */
void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *dest);

/* Removes every block that overlaps [start, end) of guest memory.
 * Returns true if any was removed. */
bool tb_invalidate_range(uint64_t start, uint64_t end);
/* True if translated code exists on the guest page holding addr. */
bool tb_page_has_code(uint64_t addr);

/* Throws away all translated code.  Only while no thread runs it. */
void tb_flush(void);
/* Evicts the oldest blocks until a tenth of the cache is free (all of
 * them if need be).  Only while no thread runs translated code. */
void tb_make_room(void);
/* Stops every other CPU outside translated code, makes room, resumes
 * them.  Called by a CPU inside cpu_exec, between blocks. */
void tb_make_room_exclusive(CPUState *cpu);
/* Called for each block evicted (oldest first, no thread running
 * translated code): the backend frees what it keeps per block. */
extern void (*tb_evict_hook)(TranslationBlock *tb);

/* Called (under the cache lock) when a guest page gets its first block;
 * user mode write-protects the page so that stores to it invalidate,
 * system mode sends stores to it to the slow path. */
extern void (*tb_page_first_code_hook)(uint64_t page);

/* System mode: the physical page of the code at vaddr as cpu fetches it
 * now, or -1 if the fetch faults.  Blocks are then keyed and tracked by
 * physical page (a lookup by pc finds a block only where its pages are
 * mapped as when it was made, so a new mapping needs no code flush), and
 * tb_invalidate_range takes physical addresses.  NULL (user mode): by
 * virtual page. */
extern uint64_t (*tb_code_page_hook)(CPUState *cpu, uint64_t vaddr);

/* The jump cache pc's half of the address space uses now. */
static inline JmpCache *tb_jmp_cache_of(CPUState *cpu, uint64_t pc)
{
    return cpu->jc[pc >> 63];
}

/* Puts tb in pc's jump-cache slot; where blocks are keyed by physical
 * page (system mode), the slot is remembered for tb_jmp_cache_clear. */
static inline void tb_jmp_cache_set(CPUState *cpu, uint64_t pc, TranslationBlock *tb)
{
    JmpCache *c = tb_jmp_cache_of(cpu, pc);
    unsigned j = tb_jmp_cache_idx(pc);
    c->slot[j] = tb;
    if (tb_code_page_hook && c->used_n <= TB_JMP_USED_MAX) {
        if (c->used_n < TB_JMP_USED_MAX) {
            c->used[c->used_n] = (uint16_t)j;
        }
        c->used_n++;
    }
}

/* Empties one jump cache: the remembered slots, or all of them. */
void jmp_cache_clear(JmpCache *c);

/* Empties cpu's jump caches, those in use and those other address
 * spaces left (jmp-banks.c). */
void tb_jmp_cache_clear(CPUState *cpu);
/* System mode: the address space changed to the one the target calls
 * key[0] for the lower half (pcs with bit 63 clear) and key[1] for the
 * upper: a half whose key changed gets the jump cache it had when that
 * key last ran, or an empty one (jmp-banks.c). */
void tb_jmp_cache_switch(CPUState *cpu, const uint64_t key[2]);
/* jmp-banks.c's part of tb_jmp_cache_clear and tb_jmp_cache_clear_page:
 * the caches not in use are forgotten, or told of the page. */
void jmp_banks_drop(CPUState *cpu);
void jmp_banks_note_page(CPUState *cpu, uint64_t page, uint64_t size);
/* Whether tb's guest bytes meet [page, page + size). */
static inline bool tb_meets(const TranslationBlock *tb, uint64_t page, uint64_t size)
{
    return tb->pc <= page + (size - 1) && tb->pc + ((tb->size ? tb->size : 1) - 1) >= page;
}
/* Empties the slots of the blocks whose guest bytes meet [page, page +
 * page_size): a TLB entry's page was dropped (system mode). */
void tb_jmp_cache_clear_page(CPUState *cpu, uint64_t page, uint64_t page_size);

/* System mode: the physical address a read of vaddr by cpu reaches now,
 * or -1 if it would fault (nothing raised), for IC IVAU. */
extern uint64_t (*tb_data_paddr_hook)(CPUState *cpu, uint64_t vaddr);

/* Guest page size the cache tracks code by. */
#define TB_PAGE_BITS 12
#define TB_PAGE_SIZE (1ull << TB_PAGE_BITS)
#define TB_PAGE_MASK (~(TB_PAGE_SIZE - 1))

/* Statistics for -d, the demo and the benchmarks. */
typedef struct TBStats {
    uint64_t translated_blocks;
    uint64_t translated_insns;
    uint64_t flushes;           /* the whole cache at once */
    uint64_t evictions;         /* times the oldest blocks made room */
    uint64_t evicted_blocks;
    uint64_t invalidated_blocks;
    uint64_t code_bytes;
    uint64_t regions;           /* hot regions made (tb_gen_region) */
} TBStats;
extern TBStats tb_stats;

/* Options of the core set from the command line. */
extern bool tcg_one_insn_per_tb;
extern bool tcg_no_optimize;

#endif
