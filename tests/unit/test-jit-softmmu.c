/*
 * The JIT's guest accesses in system mode (tcg/x86_64/gen-stencils.c,
 * gen_guest_access with the soft TLB check): through a toy target whose
 * blocks do one load or store, against a hand-built TLB in the layout of
 * tcg/guest-mem.h.  A hit touches host memory with no call (counted by
 * the slow path, and seen in the block's disassembly); a miss, a tag of
 * -1 (MMIO, no permission, a page with code), another MMU index, a
 * page-crossing or misaligned access go to the slow path (guest_mem_ops)
 * with the exact address and memop.  Every case runs on the interpreter
 * too, whose accesses all go to the slow path: the results must agree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "tcg/cpu.h"
#include "tcg/disas.h"
#include "tcg/guest-mem.h"
#include "tcg/tb.h"
#include "tcg/tcg-op.h"

typedef struct ToyState {
    uint64_t r[4];          /* r0 address, r1 value */
    uint64_t pc;
} ToyState;

#include "toy-target.h"

/* One TLB entry as translated code reads it (tcg/guest-mem.h). */
typedef struct Entry {
    uint64_t tag[3];        /* read, write, fetch */
    uintptr_t addend;
} Entry;
_Static_assert(sizeof(Entry) == 1u << GUEST_TLB_ENTRY_BITS &&
               offsetof(Entry, addend) == GUEST_TLB_ADDEND, "the layout of guest-mem.h");

#define PAGE (1ull << GUEST_PAGE_BITS)
static Entry tlb[GUEST_TLB_MODES][1u << GUEST_TLB_BITS];

/* Guest virtual pages 0x7f0000010000 and the next, backed by host[0..1]:
 * the slow path's own mapping, which it uses whatever the TLB says. */
#define VA0 0x7f0000010000ull
static uint8_t host[2][PAGE] __attribute__((aligned(4096)));

static TCGv_i64 g_r[4], g_pc;
static unsigned slow_calls;
static uint64_t slow_addr;
static unsigned slow_memop;

static uint8_t *slow_host(uint64_t addr)
{
    assert_true(addr >= VA0 && addr < VA0 + 2 * PAGE);
    return &host[0][0] + (addr - VA0);
}

static uint64_t slow_load(CPUState *cs, uint64_t addr, unsigned memop)
{
    slow_calls++;
    slow_addr = addr;
    slow_memop = memop;
    uint64_t v = 0;
    memcpy(&v, slow_host(addr), memop_size(memop));
    return guest_value_loaded(v, memop);
}

static void slow_store(CPUState *cs, uint64_t addr, uint64_t val, unsigned memop)
{
    slow_calls++;
    slow_addr = addr;
    slow_memop = memop;
    uint64_t v = guest_value_to_store(val, memop);
    memcpy(slow_host(addr), &v, memop_size(memop));
}

static void *slow_atomic(CPUState *cs, uint64_t addr, unsigned memop)
{
    return slow_host(addr);
}

static const GuestMemOps slow_ops = { slow_load, slow_store, slow_atomic };

/* The block at pc: bits 15:0 the memop, bit 16 a store (of r1 to [r0]),
 * else a load into r1; then halt. */
static void toy_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    unsigned mop = tb->pc & 0xffff;
    tcg_gen_insn_start(tb->pc);
    if (tb->pc & 0x10000) {
        tcg_gen_qemu_st_i64(g_r[1], g_r[0], mop);
    } else {
        tcg_gen_qemu_ld_i64(g_r[1], g_r[0], mop);
    }
    tcg_gen_movi_i64(g_pc, tb->pc + 4);
    tcg_gen_call(toy_halt, NULL, tcg_env);
    tb->size = 4;
    tb->icount = 1;
}

static bool no_code_fetch(uint64_t addr, void *dst, size_t len)
{
    return false;
}

static void map_page(int mode, uint64_t va, uint8_t *h, bool readable, bool writable)
{
    Entry *e = &tlb[mode][(va >> GUEST_PAGE_BITS) & ((1u << GUEST_TLB_BITS) - 1)];
    e->tag[0] = readable ? va : -1;
    e->tag[1] = writable ? va : -1;
    e->tag[2] = -1;
    e->addend = (uintptr_t)h - va;
}

static void clear_tlb(void)
{
    memset(tlb, 0xff, sizeof(tlb));
}

/* Runs the access (pc key: memop, store) on backend be: the exception
 * raised (-1 for none), r1 after it. */
static int run(const TCGBackend *be, uint64_t addr, uint64_t val, unsigned mop, bool store,
               uint64_t *r1)
{
    ToyCPU *c = calloc(1, sizeof(*c));
    c->cs.env = &c->env;
    cpu_jmp_cache_init(&c->cs);
    c->cs.target = &toy_target;
    c->cs.exception_index = -1;
    c->cs.tlb_table = (uintptr_t)tlb;
    c->cs.cflags = be == &tcg_backend_jit ? 5 : 6;
    c->env.r[0] = addr;
    c->env.r[1] = val;
    uint64_t pc = mop | (store ? 0x10000 : 0);
    c->env.pc = pc;
    tcg_backend = be;
    current_cpu = &c->cs;
    TranslationBlock *tb = tb_lookup(&c->cs, pc, 0, c->cs.cflags);
    if (!tb) {
        tb = tb_gen_code(&c->cs, pc, 0, c->cs.cflags);
    }
    assert_non_null(tb);
    if (sigsetjmp(c->cs.jmp_env, 0) == 0) {
        c->cs.in_exec = true;
        tcg_backend->exec(&c->cs, tb);
    }
    c->cs.in_exec = false;
    int excp = c->cs.exception_index;
    *r1 = c->env.r[1];
    cpu_list_remove(&c->cs);
    free(c);
    return excp;
}

typedef struct Case {
    const char *what;
    uint64_t addr;
    unsigned mop;
    bool store;
    bool slow;              /* the JIT must take the slow path */
} Case;

#define IDX1 (1u << MO_IDX_SHIFT)

static const Case cases[] = {
    { "load hit", VA0 + 8, MO_64, false, false },
    { "load hit, signed 16-bit big-endian", VA0 + 0x22, MO_16 | MO_SIGN | MO_BE, false, false },
    { "load hit, byte at the page's end", VA0 + PAGE - 1, MO_8, false, false },
    { "load hit, second page", VA0 + PAGE + 0x100, MO_32, false, false },
    { "store hit", VA0 + 16, MO_32, true, false },
    { "store hit, 64-bit big-endian", VA0 + 0x40, MO_64 | MO_BE, true, false },
    { "load across the page end", VA0 + PAGE - 4, MO_64, false, true },
    { "store across the page end", VA0 + PAGE - 2, MO_32, true, true },
    { "load, misaligned with MO_ALIGN", VA0 + 2, MO_32 | MO_ALIGN, false, true },
    { "load, aligned with MO_ALIGN", VA0 + 4, MO_32 | MO_ALIGN, false, false },
    { "load, MMU index 1 (no entry)", VA0 + 8, MO_64 | IDX1, false, true },
};

static void test_accesses(void **state)
{
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const Case *k = &cases[i];
        uint64_t r[2];
        uint8_t after[2][2][PAGE];
        unsigned calls[2];
        for (int b = 0; b < 2; b++) {
            for (int p = 0; p < 2 * (int)PAGE; p++) {
                (&host[0][0])[p] = (uint8_t)(p * 7 + 3);
            }
            clear_tlb();
            map_page(0, VA0, host[0], true, true);
            map_page(0, VA0 + PAGE, host[1], true, true);
            slow_calls = 0;
            const TCGBackend *be = b ? &tcg_backend_jit : &tcg_backend_interp;
            assert_int_equal(run(be, k->addr, 0x1122334455667788ull, k->mop, k->store, &r[b]),
                             EXCP_HLT);
            memcpy(after[b], host, sizeof(host));
            calls[b] = slow_calls;
        }
        print_message("%-40s jit slow calls %u\n", k->what, calls[1]);
        assert_int_equal(calls[0], 1);                  /* the interpreter */
        assert_int_equal(calls[1], k->slow ? 1 : 0);    /* the JIT */
        if (k->slow) {
            assert_int_equal(slow_addr, k->addr);
            assert_int_equal(slow_memop & (MO_SIZE | MO_SIGN | MO_BE | IDX1),
                             k->mop & (MO_SIZE | MO_SIGN | MO_BE | IDX1));
        }
        assert_int_equal(r[0], r[1]);
        assert_memory_equal(after[0], after[1], sizeof(after[0]));
    }
}

/* Tags of -1 for one kind of access only: the other still hits. */
static void test_tags(void **state)
{
    uint64_t r;
    clear_tlb();
    map_page(0, VA0, host[0], true, false);     /* a page with code: no writes */
    slow_calls = 0;
    run(&tcg_backend_jit, VA0 + 8, 0, MO_64, false, &r);
    assert_int_equal(slow_calls, 0);
    run(&tcg_backend_jit, VA0 + 8, 5, MO_64, true, &r);
    assert_int_equal(slow_calls, 1);
    clear_tlb();
    map_page(0, VA0, host[0], false, true);     /* write-only */
    slow_calls = 0;
    run(&tcg_backend_jit, VA0 + 8, 5, MO_64, true, &r);
    assert_int_equal(slow_calls, 0);
    run(&tcg_backend_jit, VA0 + 8, 0, MO_64, false, &r);
    assert_int_equal(slow_calls, 1);
    /* An entry of another page at the same index: a miss. */
    clear_tlb();
    map_page(0, VA0 + (PAGE << GUEST_TLB_BITS), host[0], true, true);
    slow_calls = 0;
    run(&tcg_backend_jit, VA0 + 8, 0, MO_64, false, &r);
    assert_int_equal(slow_calls, 1);
}

/* The hit path is straight-line code: in the block's host code, no call
 * before the cold paths (-d out_asm's listing, disassembled by capstone). */
static void test_no_call_on_hit(void **state)
{
    static const unsigned mops[] = { MO_64, MO_32 | MO_SIGN, MO_16 | MO_BE, MO_8 };
    for (unsigned i = 0; i < sizeof(mops) / sizeof(mops[0]); i++) {
        for (int store = 0; store < 2; store++) {
            uint64_t r;
            clear_tlb();
            map_page(0, VA0, host[0], true, true);
            tb_flush();     /* (the listing is of the block translated last) */
            run(&tcg_backend_jit, VA0, 1, mops[i], store, &r);
            ToyCPU dummy = { 0 };
            dummy.cs.cflags = 5;
            cpu_jmp_cache_init(&dummy.cs);
            TranslationBlock *tb = tb_lookup(&dummy.cs, mops[i] | (store ? 0x10000 : 0), 0, 5);
            assert_non_null(tb);
            char *text = NULL;
            size_t len = 0;
            FILE *f = open_memstream(&text, &len);
            tcg_backend_jit.dump_code(tb, f);
            fclose(f);
            /* Lines "0xADDR:  mnemonic  operands".  The check's branch
             * goes to the slow path, which must lie after the first call
             * (the halt's, which ends the block): the hit path from the
             * block's start to the halt is straight-line code. */
            uint64_t first_call = 0, slow = 0;
            int calls = 0;
            bool tlb_register = false;
            for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
                uint64_t at, to;
                char mnem[16];
                if (sscanf(line, " 0x%" SCNx64 ": %15s 0x%" SCNx64, &at, mnem, &to) < 2) {
                    continue;
                }
                if (!strcmp(mnem, "call")) {
                    calls++;
                    first_call = first_call ? first_call : at;
                } else if (mnem[0] == 'j' && strcmp(mnem, "jmp") && !slow) {
                    slow = to;
                }
                tlb_register |= strstr(line, "rbp") != NULL;
            }
            assert_true(tlb_register);          /* the entries' register */
            assert_int_equal(calls, 2);         /* the halt, the slow path */
            assert_true(slow > first_call);     /* out of line */
            free(text);
        }
    }
}

static int setup(void **state)
{
    for (int i = 0; i < 4; i++) {
        g_r[i] = tcg_global_mem_new_i64(offsetof(ToyState, r[i]), "r");
    }
    g_pc = tcg_global_mem_new_i64(offsetof(ToyState, pc), "pc");
    tcg_interp_set_frame_offset(CPU_FIELD_OFFSET(&toy_target, frame));
    guest_code_fetch = no_code_fetch;
    guest_mem_ops = &slow_ops;
    guest_softmmu = true;
    assert_true(tb_cache_init(4 << 20, &tcg_backend_jit));
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accesses),
        cmocka_unit_test(test_tags),
        cmocka_unit_test(test_no_call_on_hit),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
