/*
 * The guest-independent part of a virtual CPU, and the descriptor through
 * which a target plugs into the core.
 *
 * Each target embeds a CPUState in its own state struct; translated code
 * reaches everything through one base pointer, the target's state (env),
 * so common fields sit at env_offset + offsetof(CPUState, field).
 */
#ifndef TCG_CPU_H
#define TCG_CPU_H

#include <setjmp.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct TranslationBlock;
struct TBRegion;
struct TCGContext;
struct CPUState;

/* Exception numbers the core itself raises; targets number theirs from
 * EXCP_TARGET_BASE. */
enum {
    EXCP_INTERRUPT = 0x10000,  /* exit request: signal pending, flush, ... */
    EXCP_HLT,
    EXCP_TARGET_BASE = 0,
};

#define TB_JMP_CACHE_BITS 14
#define TB_JMP_CACHE_SIZE (1 << TB_JMP_CACHE_BITS)
#define TB_JMP_USED_MAX 1024

/* One jump cache: blocks by virtual pc (tb_jmp_cache_idx).  In system
 * mode it remembers the slots filled since it was last cleared, so that
 * clearing touches those and not all TB_JMP_CACHE_SIZE; used_n above
 * TB_JMP_USED_MAX: too many, clear them all. */
typedef struct JmpCache {
    struct TranslationBlock *slot[TB_JMP_CACHE_SIZE];  /* first: generated code
                                                        * reads slot[i] through
                                                        * CPUState.jc */
    unsigned used_n;
    uint16_t used[TB_JMP_USED_MAX];
} JmpCache;
_Static_assert(offsetof(JmpCache, slot) == 0, "the JIT's lookup reads slot[] at the cache's address");

/* Scratch slots where the interpreter keeps block-local temps. */
#define TCG_FRAME_SLOTS 512

/* What the core needs from a target, and nothing more. */
typedef struct TargetInfo {
    const char *name;
    size_t state_size;         /* sizeof the whole target CPU struct */
    size_t env_offset;         /* where the base pointer (env) lies in it */
    size_t cpu_offset;         /* where the CPUState lies in it */
    /* Builds the micro-ops for the block starting at tb->pc into tcg_ctx,
     * at most max_insns instructions; fills tb->size and tb->icount. */
    void (*translate)(struct CPUState *cpu, struct TranslationBlock *tb,
                      int max_insns);
    /* The same for a hot region (tb.h's TBRegion): its blocks one after
     * the other, branches between them inside it; NULL if the target has
     * none.  Fills tb->size (the bytes of its blocks) and tb->icount. */
    void (*translate_region)(struct CPUState *cpu, struct TranslationBlock *tb,
                             const struct TBRegion *r);
    /* The key of the next block to run: pc and translation flags. */
    void (*get_tb_cpu_state)(struct CPUState *cpu, uint64_t *pc,
                             uint32_t *flags);
    void (*set_pc)(struct CPUState *cpu, uint64_t pc);
    void (*dump_state)(struct CPUState *cpu, FILE *f);
    /* Disassembler choice for -d in_asm: capstone arch and mode. */
    int cs_arch, cs_mode;
} TargetInfo;

typedef struct CPUState {
    void *env;                 /* base pointer of translated code */
    const TargetInfo *target;

    /* Set by other threads and signal handlers; tested at every block
     * entry, so chained blocks still come back to the loop. */
    volatile int exit_request;

    int exception_index;       /* -1: none pending */
    uint64_t exception_addr;   /* fault address for data and fetch aborts */
    int exception_code;        /* target-defined detail (si_code etc.) */

    /* Guest pc of the instruction being executed, from its insn_start
     * marker; lets a fault or helper exception report the exact pc. */
    uint64_t insn_pc;

    sigjmp_buf jmp_env;        /* cpu_loop_exit lands here */
    bool in_exec;              /* inside cpu_exec: jmp_env is valid */
    bool running;              /* may be running cached code; guarded by the
                                * exclusive-section lock (cpu-exec.c) */
    bool listed;               /* in the CPU list */
    bool excl_pending;         /* an exclusive section waits for it */
    struct CPUState *next_cpu;

    uint32_t cflags;           /* CF_*: translation flags forced for this CPU */

    /* Statistics for -d and the demo. */
    uint64_t stat_insns_executed;
    uint64_t stat_region_insns;        /* of them, in hot regions */

    void *opaque;              /* owner's data (linux-user TaskState) */

    /* The jump caches of pcs with bit 63 clear and set: jc[pc >> 63].
     * Both are jc_own (cpu_jmp_cache_init) until system mode gives each
     * half of the address space its own, switched with it (jmp-banks.c). */
    JmpCache *jc[2];
    JmpCache jc_own;


    /* The native backend's return stack is the host stack below
     * host_sp_base, the stack pointer generated code is entered with: a
     * call pushes the guest return address and calls on (so the host's
     * return predictor sees the pair), a return to that address returns.
     * Leaving generated code drops it, and a call at host_sp_limit
     * starts it again (jit.c). */
    uintptr_t host_sp_base, host_sp_limit;

    /* System mode: this vCPU's soft TLB entries (tcg/guest-mem.h), which
     * the JIT's inline accesses read. */
    uintptr_t tlb_table;

    uint64_t frame[TCG_FRAME_SLOTS];

    /* System mode: the jump caches of the address spaces that ran
     * (jmp-banks.c). */
    struct JmpBanks *jmp_banks;
} CPUState;

static inline void *cpu_env(CPUState *cpu) { return cpu->env; }

/* A new CPU's jump cache (its creator calls this once). */
static inline void cpu_jmp_cache_init(CPUState *cpu)
{
    cpu->jc[0] = cpu->jc[1] = &cpu->jc_own;
}

/* Offset of a common field from the base pointer. */
#define CPU_FIELD_OFFSET(target, field) \
    ((int)((target)->cpu_offset - (target)->env_offset + offsetof(CPUState, field)))

/* The CPU running on this thread, for signal handlers and helpers that
 * were not handed one; each thread has its own. */
extern __thread CPUState *current_cpu;

/* The execution loop (cpu-exec.c).  Returns an exception number. */
int cpu_exec(CPUState *cpu);
/* If set (system mode), the loop offers it each exception first: true if
 * it took it (the guest's pc is at its vector now), and the loop goes on
 * without returning; a guest system call then costs no trip out. */
extern bool (*cpu_exec_exception_hook)(CPUState *cpu, int excp);

/* Leaves translated code for the loop; never returns. */
__attribute__((noreturn)) void cpu_loop_exit(CPUState *cpu);
/* Same, with the guest pc restored from the current instruction marker. */
__attribute__((noreturn)) void cpu_loop_exit_restore(CPUState *cpu);
/* Raise exception excp at the current instruction. */
__attribute__((noreturn)) void cpu_raise(CPUState *cpu, int excp);

/* Entry and exit of cpu_exec, for exclusive sections (exclusive.c). */
void cpu_exec_start(CPUState *cpu);
void cpu_exec_end(CPUState *cpu);

/* The CPUs that may run translated code.  cpu_exec adds a CPU the first
 * time it runs; a thread that ends removes its CPU. */
void cpu_list_remove(CPUState *cpu);

/* An exclusive section: every other CPU is out of translated code (and
 * waits at cpu_exec's entry) until end_exclusive.  Called from within
 * cpu_exec by the CPU that needs it, e.g. to flush the cache. */
void start_exclusive(CPUState *self);
void end_exclusive(void);

static inline void cpu_exit(CPUState *cpu)
{
    __atomic_store_n(&cpu->exit_request, 1, __ATOMIC_RELEASE);
}

static inline CPUState *env_cpu(void *env, const TargetInfo *t)
{
    return (CPUState *)((char *)env - t->env_offset + t->cpu_offset);
}

#endif
