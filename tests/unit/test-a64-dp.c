/*
 * Unit tests of the A64 integer data-processing groups (a64-dp-imm.c,
 * a64-dp-reg.c): each case runs one instruction, followed by BRK, through
 * the real translator, optimizer, interpreter and execution loop, and
 * checks X0-X7, SP and NZCV afterwards.
 *
 * The expected values are not ours: they were printed by a small static
 * AArch64 program that ran the same instruction word on the same inputs
 * under qemu-aarch64 7.2 -cpu cortex-a57.  Every case starts from one of
 * four register sets (below) and a given NZCV; instructions only name
 * X0-X7 and register 31, and write at most one register, so a case
 * records which register changed, its new value and the flags after.
 * The sweeps at the end cover whole immediate spaces (every logical
 * immediate, every bitfield immr/imms) and compare a hash of the results.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "target-arm/cpu.h"
#include "tcg/disas.h"
#include "tcg/guest-mem.h"
#include "tcg/tb.h"

/* The instruction runs at the address it had under qemu, so ADR and ADRP
 * see the same pc. */
#define INSN_ADDR 0x4cafe124ull
#define CODE_PAGE (INSN_ADDR & ~0xfffull)
#define BRK_0 0xd4200000u

/* BEGIN SETS: input registers x0..x7, sp */
static const uint64_t in_sets[4][9] = {
    { 0, 1, 0xffffffffffffffffull, 0x8000000000000000ull, 0x7fffffffffffffffull,
      0x80000000ull, 0x7fffffffull, 0xffffffffull, 0x123456789abcdef0ull },
    { 0x0123456789abcdefull, 0xfedcba9876543210ull, 0x00000000ffff0000ull,
      0xffffffff00000001ull, 0x8000000080000000ull, 0x0000000100000000ull,
      0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull, 0x0000fffffffff000ull },
    { 63, 32, 31, 64, 0xffffffffffffffe0ull, 7, 0x0000000100000021ull,
      0xfffffffffffffffeull, 0xffffffff7fffffffull },
    { 0xffffffff80000000ull, 0xffffffffffffffffull, 0x0000000080000000ull, 3,
      0xfffffffffffffff9ull, 0xdeadbeefcafebabeull, 0x00000000ffffffffull,
      0x00000000fffffffeull, 0x7fffffff80000001ull },
};
/* END SETS */

/* ---- the harness ---- */

static uint8_t *code_host;   /* host view of guest page CODE_PAGE */
static ARMCPU *cpu;

static bool test_code_fetch(uint64_t addr, void *dst, size_t len)
{
    if (addr < CODE_PAGE || addr + len > CODE_PAGE + 4096) {
        return false;
    }
    memcpy(dst, code_host + (addr - CODE_PAGE), len);
    return true;
}

static void harness_init(void)
{
    if (cpu) {
        return;
    }
    code_host = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(code_host != MAP_FAILED);
    guest_base = (uintptr_t)code_host - CODE_PAGE;
    tb_cache_init(16 << 20, &tcg_backend_interp);
    cpu = aarch64_cpu_create(arm_cpu_model_find("cortex-a57"));
    assert_non_null(cpu);
}

typedef struct RunResult {
    bool undef;
    uint64_t regs[9];        /* x0..x7, sp */
    unsigned nzcv;
} RunResult;

/* Runs n (<= 4) instructions as one block, with x0..x7, sp = in[0..8]
 * and flags nzcv (N Z C V = bits 3..0); x8..x30 start at zero. */
static void run_code(const uint32_t *insns, int n, const uint64_t in[9],
                     unsigned nzcv, RunResult *r)
{
    harness_init();
    uint32_t words[5];
    memcpy(words, insns, n * sizeof(uint32_t));
    words[n] = BRK_0;
    memcpy(code_host + (INSN_ADDR - CODE_PAGE), words, (n + 1) * 4);
    tb_invalidate_range(INSN_ADDR, INSN_ADDR + (n + 1) * 4);

    CPUARMState *env = &cpu->env;
    memset(env->xregs, 0, sizeof(env->xregs));
    memcpy(env->xregs, in, 8 * sizeof(uint64_t));
    env->xregs[31] = in[8];
    aarch64_set_nzcv(env, nzcv << 28);
    env->pc = INSN_ADDR;

    int excp = cpu_exec(&cpu->parent);
    r->undef = excp == EXCP_UDEF;
    if (r->undef) {
        assert_in_range(env->pc, INSN_ADDR, INSN_ADDR + (n - 1) * 4);
    } else {
        assert_int_equal(excp, EXCP_BRK);
        assert_int_equal(env->pc, INSN_ADDR + n * 4);
    }
    memcpy(r->regs, env->xregs, 8 * sizeof(uint64_t));
    r->regs[8] = env->xregs[31];
    r->nzcv = aarch64_get_nzcv(env) >> 28;
    /* Registers the instruction cannot name must be untouched. */
    for (int i = 8; i < 31; i++) {
        assert_int_equal(env->xregs[i], 0);
    }
}

static void run_insn(uint32_t insn, int set, unsigned nzcv, RunResult *r)
{
    run_code(&insn, 1, in_sets[set], nzcv, r);
}

/* ---- cases with their expected results ---- */

enum { RD_SP = 8, RD_NONE = 9, UNDEF = -1 };

typedef struct Case {
    uint32_t insn;
    uint8_t set, nzcv;
    int8_t rd;               /* register written (0-7, RD_SP), RD_NONE, UNDEF */
    uint64_t value;          /* its new value */
    uint8_t nzcv_out;
} Case;

#define C(insn, set, nzcv, rd, value, nzcv_out) \
    { insn, set, nzcv, rd, value##ull, nzcv_out }

static void check_cases(const Case *cases, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        const Case *c = &cases[i];
        RunResult r;
        run_insn(c->insn, c->set, c->nzcv, &r);
        uint64_t want[9];
        memcpy(want, in_sets[c->set], sizeof(want));
        unsigned want_nzcv = c->rd == UNDEF ? c->nzcv : c->nzcv_out;
        if (c->rd >= 0 && c->rd <= RD_SP) {
            want[c->rd] = c->value;
        }
        bool ok = r.undef == (c->rd == UNDEF) && r.nzcv == want_nzcv &&
                  !memcmp(r.regs, want, sizeof(want));
        if (!ok) {
            bad++;
            print_message("case %zu: %08x set %d nzcv %x: got%s nzcv %x, want%s nzcv %x\n",
                          i, c->insn, c->set, c->nzcv, r.undef ? " UNDEF" : "",
                          r.nzcv, c->rd == UNDEF ? " UNDEF" : "", want_nzcv);
            for (int k = 0; k < 9; k++) {
                if (r.regs[k] != want[k]) {
                    print_message("    %s%d: got %016llx want %016llx\n",
                                  k == 8 ? "sp" : "x", k == 8 ? 0 : k,
                                  (unsigned long long)r.regs[k],
                                  (unsigned long long)want[k]);
                }
            }
        }
    }
    assert_int_equal(bad, 0);
}

#define CHECK_CASES(arr) check_cases(arr, sizeof(arr) / sizeof(arr[0]))

/* Short blocks: the words run in order (a zero word ends the block
 * early), and only X0 and NZCV may change. */
typedef struct SeqCase {
    uint32_t insns[4];
    uint8_t set, nzcv;
    uint64_t x0;
    uint8_t nzcv_out;
} SeqCase;

#define S(i0, i1, i2, i3, set, nzcv, x0, nzcv_out) \
    { { i0, i1, i2, i3 }, set, nzcv, x0##ull, nzcv_out }

static void check_seqs(const SeqCase *cases, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        const SeqCase *c = &cases[i];
        int len = 0;
        while (len < 4 && c->insns[len]) {
            len++;
        }
        RunResult r;
        run_code(c->insns, len, in_sets[c->set], c->nzcv, &r);
        uint64_t want[9];
        memcpy(want, in_sets[c->set], sizeof(want));
        want[0] = c->x0;
        if (r.undef || r.nzcv != c->nzcv_out || memcmp(r.regs, want, sizeof(want))) {
            print_message("sequence %zu, set %d: got x0 %016llx nzcv %x, want %016llx %x\n",
                          i, c->set, (unsigned long long)r.regs[0], r.nzcv,
                          (unsigned long long)c->x0, c->nzcv_out);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

#define CHECK_SEQS(arr) check_seqs(arr, sizeof(arr) / sizeof(arr[0]))

/* BEGIN CASES */
static const Case cases_pcrel[] = {
    C(0x10000000, 0, 0x2, 0, 0x000000004cafe124, 0x2), /* adr x0, .+0x0 */
    C(0x30000001, 0, 0x2, 1, 0x000000004cafe125, 0x2), /* adr x1, .+0x1 */
    C(0x10800002, 0, 0x2, 2, 0x000000004c9fe124, 0x2), /* adr x2, .-0x100000 */
    C(0x707fffe3, 0, 0x2, 3, 0x000000004cbfe123, 0x2), /* adr x3, .+0xfffff */
    C(0x90000004, 0, 0x2, 4, 0x000000004cafe000, 0x2), /* adrp x4, .+0x0 */
    C(0xf07fffe5, 0, 0x2, 5, 0x000000014cafd000, 0x2), /* adrp x5, .+0xfffff000 */
    C(0x90800006, 0, 0x2, 6, 0xffffffff4cafe000, 0x2), /* adrp x6, .-0x100000000 */
    C(0xb0091a27, 0, 0x2, 7, 0x000000005ee43000, 0x2), /* adrp x7, .+0x12345000 */
    C(0x1000005f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* adr xzr, .+0x8 */
};
static const Case cases_addsub_imm[] = {
    C(0x91000020, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* add x0, x1, #0x0 */
    C(0x913ffc20, 0, 0x2, 0, 0x0000000000001000, 0x2), /* add x0, x1, #0xfff */
    C(0x913ffc20, 1, 0x9, 0, 0xfedcba987654420f, 0x9), /* add x0, x1, #0xfff */
    C(0x91400440, 0, 0x2, 0, 0x0000000000000fff, 0x2), /* add x0, x2, #0x1, lsl #12 */
    C(0x91400440, 1, 0x9, 0, 0x00000000ffff1000, 0x9), /* add x0, x2, #0x1, lsl #12 */
    C(0x11000440, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* add w0, w2, #0x1 */
    C(0x11000440, 3, 0x8, 0, 0x0000000080000001, 0x8), /* add w0, w2, #0x1 */
    C(0x910043ff, 0, 0x2, RD_SP, 0x123456789abcdf00, 0x2), /* add sp, sp, #0x10 */
    C(0x910043ff, 2, 0x6, RD_SP, 0xffffffff8000000f, 0x6), /* add sp, sp, #0x10 */
    C(0x910023e0, 1, 0x9, 0, 0x0000fffffffff008, 0x9), /* add x0, sp, #0x8 */
    C(0x910023e0, 2, 0x6, 0, 0xffffffff80000007, 0x6), /* add x0, sp, #0x8 */
    C(0x9100003f, 0, 0x2, RD_SP, 0x0000000000000001, 0x2), /* mov sp, x1 */
    C(0x9100003f, 1, 0x9, RD_SP, 0xfedcba9876543210, 0x9), /* mov sp, x1 */
    C(0x1100045f, 0, 0x2, RD_SP, 0x0000000000000000, 0x2), /* add wsp, w2, #0x1 */
    C(0x1100045f, 1, 0x9, RD_SP, 0x00000000ffff0001, 0x9), /* add wsp, w2, #0x1 */
    C(0x110003e3, 2, 0x6, 3, 0x000000007fffffff, 0x6), /* mov w3, wsp */
    C(0xd1000440, 0, 0x2, 0, 0xfffffffffffffffe, 0x2), /* sub x0, x2, #0x1 */
    C(0xd1000440, 1, 0x9, 0, 0x00000000fffeffff, 0x9), /* sub x0, x2, #0x1 */
    C(0x517ffca3, 0, 0x2, 3, 0x000000007f001000, 0x2), /* sub w3, w5, #0xfff, lsl #12 */
    C(0x517ffca3, 1, 0x9, 3, 0x00000000ff001000, 0x9), /* sub w3, w5, #0xfff, lsl #12 */
    C(0xb1000440, 0, 0x2, RD_NONE, 0x0000000000000000, 0x6), /* adds x0, x2, #0x1 */
    C(0xb1000440, 1, 0x9, 0, 0x00000000ffff0001, 0x0), /* adds x0, x2, #0x1 */
    C(0xb1000440, 2, 0x6, 0, 0x0000000000000020, 0x0), /* adds x0, x2, #0x1 */
    C(0xb1000440, 3, 0x8, 0, 0x0000000080000001, 0x0), /* adds x0, x2, #0x1 */
    C(0x310004c0, 0, 0x2, 0, 0x0000000080000000, 0x9), /* adds w0, w6, #0x1 */
    C(0x310004c0, 1, 0x9, 0, 0x0000000055555556, 0x0), /* adds w0, w6, #0x1 */
    C(0x310004c0, 2, 0x6, 0, 0x0000000000000022, 0x0), /* adds w0, w6, #0x1 */
    C(0x310004c0, 3, 0x8, 0, 0x0000000000000000, 0x6), /* adds w0, w6, #0x1 */
    C(0xb1000480, 0, 0x2, 0, 0x8000000000000000, 0x9), /* adds x0, x4, #0x1 */
    C(0xb1000480, 1, 0x9, 0, 0x8000000080000001, 0x8), /* adds x0, x4, #0x1 */
    C(0x310004e7, 0, 0x2, 7, 0x0000000000000000, 0x6), /* adds w7, w7, #0x1 */
    C(0x310004e7, 3, 0x8, 7, 0x00000000ffffffff, 0x8), /* adds w7, w7, #0x1 */
    C(0xb100045f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x6), /* cmn x2, #0x1 */
    C(0xb100045f, 1, 0x9, RD_NONE, 0x0000000000000000, 0x0), /* cmn x2, #0x1 */
    C(0xf1000000, 0, 0x2, RD_NONE, 0x0000000000000000, 0x6), /* subs x0, x0, #0x0 */
    C(0xf1000000, 1, 0x9, RD_NONE, 0x0000000000000000, 0x2), /* subs x0, x0, #0x0 */
    C(0xf1000000, 2, 0x6, RD_NONE, 0x0000000000000000, 0x2), /* subs x0, x0, #0x0 */
    C(0xf1000000, 3, 0x8, RD_NONE, 0x0000000000000000, 0xa), /* subs x0, x0, #0x0 */
    C(0xf100043f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x6), /* cmp x1, #0x1 */
    C(0xf100043f, 1, 0x9, RD_NONE, 0x0000000000000000, 0xa), /* cmp x1, #0x1 */
    C(0xf100043f, 2, 0x6, RD_NONE, 0x0000000000000000, 0x2), /* cmp x1, #0x1 */
    C(0xf100043f, 3, 0x8, RD_NONE, 0x0000000000000000, 0xa), /* cmp x1, #0x1 */
    C(0x7100107f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x8), /* cmp w3, #0x4 */
    C(0x7100107f, 1, 0x9, RD_NONE, 0x0000000000000000, 0x8), /* cmp w3, #0x4 */
    C(0x7100107f, 2, 0x6, RD_NONE, 0x0000000000000000, 0x2), /* cmp w3, #0x4 */
    C(0x7100107f, 3, 0x8, RD_NONE, 0x0000000000000000, 0x8), /* cmp w3, #0x4 */
    C(0x71000400, 0, 0x2, 0, 0x00000000ffffffff, 0x8), /* subs w0, w0, #0x1 */
    C(0x71000400, 1, 0x9, 0, 0x0000000089abcdee, 0xa), /* subs w0, w0, #0x1 */
    C(0x71000400, 2, 0x6, 0, 0x000000000000003e, 0x2), /* subs w0, w0, #0x1 */
    C(0x71000400, 3, 0x8, 0, 0x000000007fffffff, 0x3), /* subs w0, w0, #0x1 */
    C(0xb10007e0, 0, 0x2, 0, 0x123456789abcdef1, 0x0), /* adds x0, sp, #0x1 */
    C(0xb10007e0, 2, 0x6, 0, 0xffffffff80000000, 0x8), /* adds x0, sp, #0x1 */
    C(0xf10043ff, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* cmp sp, #0x10 */
    C(0xf10043ff, 1, 0x9, RD_NONE, 0x0000000000000000, 0x2), /* cmp sp, #0x10 */
    C(0x710007e7, 0, 0x2, 7, 0x000000009abcdeef, 0xa), /* subs w7, wsp, #0x1 */
    C(0x710007e7, 3, 0x8, 7, 0x0000000080000000, 0xa), /* subs w7, wsp, #0x1 */
    C(0xf1400463, 0, 0x2, 3, 0x7ffffffffffff000, 0x3), /* subs x3, x3, #0x1, lsl #12 */
    C(0xf1400463, 3, 0x8, 3, 0xfffffffffffff003, 0x8), /* subs x3, x3, #0x1, lsl #12 */
};
static const Case cases_logic_imm[] = {
    C(0x92400020, 0, 0x2, 0, 0x0000000000000001, 0x2), /* and x0, x1, #0x1 */
    C(0x92400020, 1, 0x9, 0, 0x0000000000000000, 0x9), /* and x0, x1, #0x1 */
    C(0x92400020, 2, 0x6, 0, 0x0000000000000000, 0x6), /* and x0, x1, #0x1 */
    C(0x92400020, 3, 0x8, 0, 0x0000000000000001, 0x8), /* and x0, x1, #0x1 */
    C(0x9200f040, 0, 0x2, 0, 0x5555555555555555, 0x2), /* and x0, x2, #0x5555555555555555 */
    C(0x9200f040, 1, 0x9, 0, 0x0000000055550000, 0x9), /* and x0, x2, #0x5555555555555555 */
    C(0x9200f040, 2, 0x6, 0, 0x0000000000000015, 0x6), /* and x0, x2, #0x5555555555555555 */
    C(0x9200f040, 3, 0x8, 0, 0x0000000000000000, 0x8), /* and x0, x2, #0x5555555555555555 */
    C(0xb2089fe0, 0, 0x2, 0, 0xff00ff00ff00ff00, 0x2), /* mov x0, #0xff00ff00ff00ff00 */
    C(0x320107e0, 0, 0x2, 0, 0x0000000080000001, 0x2), /* mov w0, #0x80000001 */
    C(0xb24103e1, 0, 0x2, 1, 0x8000000000000000, 0x2), /* orr x1, xzr, #0x8000000000000000 */
    C(0xb240fbe1, 0, 0x2, 1, 0x7fffffffffffffff, 0x2), /* orr x1, xzr, #0x7fffffffffffffff */
    C(0xb27ffbe1, 0, 0x2, 1, 0xfffffffffffffffe, 0x2), /* orr x1, xzr, #0xfffffffffffffffe */
    C(0x321f7be1, 0, 0x2, 1, 0x00000000fffffffe, 0x2), /* orr w1, wzr, #0xfffffffe */
    C(0xb2407fe2, 0, 0x2, 2, 0x00000000ffffffff, 0x2), /* mov x2, #0xffffffff */
    C(0xb20083e2, 0, 0x2, 2, 0x0001000100010001, 0x2), /* mov x2, #0x1000100010001 */
    C(0xb200e3e2, 0, 0x2, 2, 0x1111111111111111, 0x2), /* mov x2, #0x1111111111111111 */
    C(0xb200d7e2, 0, 0x2, 2, 0x3f3f3f3f3f3f3f3f, 0x2), /* mov x2, #0x3f3f3f3f3f3f3f3f */
    C(0xd27ff820, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* eor x0, x1, #0xfffffffffffffffe */
    C(0xd27ff820, 1, 0x9, 0, 0x0123456789abcdee, 0x9), /* eor x0, x1, #0xfffffffffffffffe */
    C(0xd27ff820, 2, 0x6, 0, 0xffffffffffffffde, 0x6), /* eor x0, x1, #0xfffffffffffffffe */
    C(0xd27ff820, 3, 0x8, 0, 0x0000000000000001, 0x8), /* eor x0, x1, #0xfffffffffffffffe */
    C(0x5200cc40, 0, 0x2, 0, 0x00000000f0f0f0f0, 0x2), /* eor w0, w2, #0xf0f0f0f */
    C(0x5200cc40, 1, 0x9, 0, 0x00000000f0f00f0f, 0x9), /* eor w0, w2, #0xf0f0f0f */
    C(0x5200cc40, 2, 0x6, 0, 0x000000000f0f0f10, 0x6), /* eor w0, w2, #0xf0f0f0f */
    C(0x5200cc40, 3, 0x8, 0, 0x000000008f0f0f0f, 0x8), /* eor w0, w2, #0xf0f0f0f */
    C(0xf2410040, 0, 0x2, 0, 0x8000000000000000, 0x8), /* ands x0, x2, #0x8000000000000000 */
    C(0xf2410040, 1, 0x9, 0, 0x0000000000000000, 0x4), /* ands x0, x2, #0x8000000000000000 */
    C(0xf2410040, 2, 0x6, 0, 0x0000000000000000, 0x4), /* ands x0, x2, #0x8000000000000000 */
    C(0xf2410040, 3, 0x8, 0, 0x0000000000000000, 0x4), /* ands x0, x2, #0x8000000000000000 */
    C(0x721f0020, 0, 0x2, RD_NONE, 0x0000000000000000, 0x4), /* ands w0, w1, #0x2 */
    C(0x721f0020, 1, 0x9, 0, 0x0000000000000000, 0x4), /* ands w0, w1, #0x2 */
    C(0x721f0020, 2, 0x6, 0, 0x0000000000000000, 0x4), /* ands w0, w1, #0x2 */
    C(0x721f0020, 3, 0x8, 0, 0x0000000000000002, 0x0), /* ands w0, w1, #0x2 */
    C(0xf27ff47f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x4), /* tst x3, #0x7ffffffffffffffe */
    C(0xf27ff47f, 1, 0x9, RD_NONE, 0x0000000000000000, 0x0), /* tst x3, #0x7ffffffffffffffe */
    C(0xf27ff47f, 2, 0x6, RD_NONE, 0x0000000000000000, 0x0), /* tst x3, #0x7ffffffffffffffe */
    C(0xf27ff47f, 3, 0x8, RD_NONE, 0x0000000000000000, 0x0), /* tst x3, #0x7ffffffffffffffe */
    C(0x720100bf, 0, 0x2, RD_NONE, 0x0000000000000000, 0x8), /* tst w5, #0x80000000 */
    C(0x720100bf, 1, 0x9, RD_NONE, 0x0000000000000000, 0x4), /* tst w5, #0x80000000 */
    C(0x720100bf, 2, 0x6, RD_NONE, 0x0000000000000000, 0x4), /* tst w5, #0x80000000 */
    C(0x720100bf, 3, 0x8, RD_NONE, 0x0000000000000000, 0x8), /* tst w5, #0x80000000 */
    C(0xb27c03ff, 0, 0x2, RD_SP, 0x0000000000000010, 0x2), /* mov sp, #0x10 */
    C(0x121c6c5f, 0, 0x2, RD_SP, 0x00000000fffffff0, 0x2), /* and wsp, w2, #0xfffffff0 */
    C(0x121c6c5f, 1, 0x9, RD_SP, 0x00000000ffff0000, 0x9), /* and wsp, w2, #0xfffffff0 */
    C(0xd240003f, 1, 0x9, RD_SP, 0xfedcba9876543211, 0x9), /* eor sp, x1, #0x1 */
    C(0xf240005f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x0), /* tst x2, #0x1 */
    C(0xf240005f, 2, 0x6, RD_NONE, 0x0000000000000000, 0x0), /* tst x2, #0x1 */
    C(0x12400020, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0xb240ffe0, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x3200ffe0, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x3200fbe0, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x3200f7e0, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x3201f3e0, 0, 0x2, 0, 0x00000000aaaaaaaa, 0x2), /* mov w0, #0xaaaaaaaa */
};
static const Case cases_movewide[] = {
    C(0xd2800000, 1, 0x9, 0, 0x0000000000000000, 0x9), /* mov x0, #0x0 */
    C(0xd2ffffe0, 0, 0x2, 0, 0xffff000000000000, 0x2), /* mov x0, #0xffff000000000000 */
    C(0x52a24680, 1, 0x9, 0, 0x0000000012340000, 0x9), /* mov w0, #0x12340000 */
    C(0x92800000, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* mov x0, #0xffffffffffffffff */
    C(0x12800000, 0, 0x2, 0, 0x00000000ffffffff, 0x2), /* mov w0, #0xffffffff */
    C(0x92c24680, 0, 0x2, 0, 0xffffedcbffffffff, 0x2), /* mov x0, #0xffffedcbffffffff */
    C(0x12bfffe1, 0, 0x2, 1, 0x000000000000ffff, 0x2), /* movn w1, #0xffff, lsl #16 */
    C(0xf2a00002, 0, 0x2, 2, 0xffffffff0000ffff, 0x2), /* movk x2, #0x0, lsl #16 */
    C(0xf2a00002, 1, 0x9, 2, 0x0000000000000000, 0x9), /* movk x2, #0x0, lsl #16 */
    C(0x72824682, 0, 0x2, 2, 0x00000000ffff1234, 0x2), /* movk w2, #0x1234 */
    C(0x72824682, 1, 0x9, 2, 0x00000000ffff1234, 0x9), /* movk w2, #0x1234 */
    C(0xf2f7dde1, 0, 0x2, 1, 0xbeef000000000001, 0x2), /* movk x1, #0xbeef, lsl #48 */
    C(0xf2f7dde1, 1, 0x9, 1, 0xbeefba9876543210, 0x9), /* movk x1, #0xbeef, lsl #48 */
    C(0xf2cb4b43, 1, 0x9, 3, 0xffff5a5a00000001, 0x9), /* movk x3, #0x5a5a, lsl #32 */
    C(0xf280003f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* movk xzr, #0x1 */
    C(0xd280003f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* mov xzr, #0x1 */
    C(0x52c00020, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x72e00020, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0xb2800020, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const Case cases_bitfield[] = {
    C(0x93442c20, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* sbfx x0, x1, #4, #8 */
    C(0x93442c20, 1, 0x9, 0, 0x0000000000000021, 0x9), /* sbfx x0, x1, #4, #8 */
    C(0x93442c20, 2, 0x6, 0, 0x0000000000000002, 0x6), /* sbfx x0, x1, #4, #8 */
    C(0x93442c20, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* sbfx x0, x1, #4, #8 */
    C(0x937ffc40, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* asr x0, x2, #63 */
    C(0x937ffc40, 1, 0x9, 0, 0x0000000000000000, 0x9), /* asr x0, x2, #63 */
    C(0x93401c20, 0, 0x2, 0, 0x0000000000000001, 0x2), /* sxtb x0, w1 */
    C(0x93401c20, 1, 0x9, 0, 0x0000000000000010, 0x9), /* sxtb x0, w1 */
    C(0x93401c20, 2, 0x6, 0, 0x0000000000000020, 0x6), /* sxtb x0, w1 */
    C(0x93401c20, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* sxtb x0, w1 */
    C(0x13003ce0, 0, 0x2, 0, 0x00000000ffffffff, 0x2), /* sxth w0, w7 */
    C(0x13003ce0, 1, 0x9, 0, 0x00000000ffffaaaa, 0x9), /* sxth w0, w7 */
    C(0x13003ce0, 2, 0x6, 0, 0x00000000fffffffe, 0x6), /* sxth w0, w7 */
    C(0x13003ce0, 3, 0x8, 0, 0x00000000fffffffe, 0x8), /* sxth w0, w7 */
    C(0x93407ca0, 0, 0x2, 0, 0xffffffff80000000, 0x2), /* sxtw x0, w5 */
    C(0x93407ca0, 1, 0x9, 0, 0x0000000000000000, 0x9), /* sxtw x0, w5 */
    C(0x93407ca0, 2, 0x6, 0, 0x0000000000000007, 0x6), /* sxtw x0, w5 */
    C(0x93407ca0, 3, 0x8, 0, 0xffffffffcafebabe, 0x8), /* sxtw x0, w5 */
    C(0x937ffc60, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* asr x0, x3, #63 */
    C(0x937ffc60, 1, 0x9, 0, 0xffffffffffffffff, 0x9), /* asr x0, x3, #63 */
    C(0x937ffc60, 2, 0x6, 0, 0x0000000000000000, 0x6), /* asr x0, x3, #63 */
    C(0x937ffc60, 3, 0x8, 0, 0x0000000000000000, 0x8), /* asr x0, x3, #63 */
    C(0x131f7ca0, 0, 0x2, 0, 0x00000000ffffffff, 0x2), /* asr w0, w5, #31 */
    C(0x131f7ca0, 1, 0x9, 0, 0x0000000000000000, 0x9), /* asr w0, w5, #31 */
    C(0x131f7ca0, 2, 0x6, 0, 0x0000000000000000, 0x6), /* asr w0, w5, #31 */
    C(0x131f7ca0, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* asr w0, w5, #31 */
    C(0x13007cc0, 0, 0x2, 0, 0x000000007fffffff, 0x2), /* asr w0, w6, #0 */
    C(0x13007cc0, 1, 0x9, 0, 0x0000000055555555, 0x9), /* asr w0, w6, #0 */
    C(0x13007cc0, 2, 0x6, 0, 0x0000000000000021, 0x6), /* asr w0, w6, #0 */
    C(0x13007cc0, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* asr w0, w6, #0 */
    C(0xd3410020, 0, 0x2, 0, 0x8000000000000000, 0x2), /* lsl x0, x1, #63 */
    C(0xd3410020, 1, 0x9, 0, 0x0000000000000000, 0x9), /* lsl x0, x1, #63 */
    C(0xd3410020, 2, 0x6, 0, 0x0000000000000000, 0x6), /* lsl x0, x1, #63 */
    C(0xd3410020, 3, 0x8, 0, 0x8000000000000000, 0x8), /* lsl x0, x1, #63 */
    C(0x53010020, 0, 0x2, 0, 0x0000000080000000, 0x2), /* lsl w0, w1, #31 */
    C(0x53010020, 1, 0x9, 0, 0x0000000000000000, 0x9), /* lsl w0, w1, #31 */
    C(0x53010020, 2, 0x6, 0, 0x0000000000000000, 0x6), /* lsl w0, w1, #31 */
    C(0x53010020, 3, 0x8, 0, 0x0000000080000000, 0x8), /* lsl w0, w1, #31 */
    C(0xd341fc20, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* lsr x0, x1, #1 */
    C(0xd341fc20, 1, 0x9, 0, 0x7f6e5d4c3b2a1908, 0x9), /* lsr x0, x1, #1 */
    C(0xd341fc20, 2, 0x6, 0, 0x0000000000000010, 0x6), /* lsr x0, x1, #1 */
    C(0xd341fc20, 3, 0x8, 0, 0x7fffffffffffffff, 0x8), /* lsr x0, x1, #1 */
    C(0x531f7c60, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* lsr w0, w3, #31 */
    C(0x531f7c60, 1, 0x9, 0, 0x0000000000000000, 0x9), /* lsr w0, w3, #31 */
    C(0x531f7c60, 2, 0x6, 0, 0x0000000000000000, 0x6), /* lsr w0, w3, #31 */
    C(0x531f7c60, 3, 0x8, 0, 0x0000000000000000, 0x8), /* lsr w0, w3, #31 */
    C(0xd37cfc20, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* lsr x0, x1, #60 */
    C(0xd37cfc20, 1, 0x9, 0, 0x000000000000000f, 0x9), /* lsr x0, x1, #60 */
    C(0xd37cfc20, 2, 0x6, 0, 0x0000000000000000, 0x6), /* lsr x0, x1, #60 */
    C(0xd37cfc20, 3, 0x8, 0, 0x000000000000000f, 0x8), /* lsr x0, x1, #60 */
    C(0xd3783c20, 0, 0x2, 0, 0x0000000000000100, 0x2), /* ubfiz x0, x1, #8, #16 */
    C(0xd3783c20, 1, 0x9, 0, 0x0000000000321000, 0x9), /* ubfiz x0, x1, #8, #16 */
    C(0xd3783c20, 2, 0x6, 0, 0x0000000000002000, 0x6), /* ubfiz x0, x1, #8, #16 */
    C(0xd3783c20, 3, 0x8, 0, 0x0000000000ffff00, 0x8), /* ubfiz x0, x1, #8, #16 */
    C(0x53010040, 0, 0x2, 0, 0x0000000080000000, 0x2), /* lsl w0, w2, #31 */
    C(0x53010040, 1, 0x9, 0, 0x0000000000000000, 0x9), /* lsl w0, w2, #31 */
    C(0x53010040, 2, 0x6, 0, 0x0000000080000000, 0x6), /* lsl w0, w2, #31 */
    C(0x53010040, 3, 0x8, 0, 0x0000000000000000, 0x8), /* lsl w0, w2, #31 */
    C(0x53001c20, 0, 0x2, 0, 0x0000000000000001, 0x2), /* uxtb w0, w1 */
    C(0x53001c20, 1, 0x9, 0, 0x0000000000000010, 0x9), /* uxtb w0, w1 */
    C(0x53001c20, 2, 0x6, 0, 0x0000000000000020, 0x6), /* uxtb w0, w1 */
    C(0x53001c20, 3, 0x8, 0, 0x00000000000000ff, 0x8), /* uxtb w0, w1 */
    C(0x53003c20, 0, 0x2, 0, 0x0000000000000001, 0x2), /* uxth w0, w1 */
    C(0x53003c20, 1, 0x9, 0, 0x0000000000003210, 0x9), /* uxth w0, w1 */
    C(0x53003c20, 2, 0x6, 0, 0x0000000000000020, 0x6), /* uxth w0, w1 */
    C(0x53003c20, 3, 0x8, 0, 0x000000000000ffff, 0x8), /* uxth w0, w1 */
    C(0xb3783c20, 0, 0x2, 0, 0x0000000000000100, 0x2), /* bfi x0, x1, #8, #16 */
    C(0xb3783c20, 1, 0x9, 0, 0x01234567893210ef, 0x9), /* bfi x0, x1, #8, #16 */
    C(0xb3783c20, 2, 0x6, 0, 0x000000000000203f, 0x6), /* bfi x0, x1, #8, #16 */
    C(0xb3783c20, 3, 0x8, 0, 0xffffffff80ffff00, 0x8), /* bfi x0, x1, #8, #16 */
    C(0x33040c20, 0, 0x2, 0, 0x0000000010000000, 0x2), /* bfi w0, w1, #28, #4 */
    C(0x33040c20, 1, 0x9, 0, 0x0000000009abcdef, 0x9), /* bfi w0, w1, #28, #4 */
    C(0x33040c20, 2, 0x6, RD_NONE, 0x0000000000000000, 0x6), /* bfi w0, w1, #28, #4 */
    C(0x33040c20, 3, 0x8, 0, 0x00000000f0000000, 0x8), /* bfi w0, w1, #28, #4 */
    C(0xb37cfc20, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* bfxil x0, x1, #60, #4 */
    C(0xb37cfc20, 1, 0x9, RD_NONE, 0x0000000000000000, 0x9), /* bfxil x0, x1, #60, #4 */
    C(0xb37cfc20, 2, 0x6, 0, 0x0000000000000030, 0x6), /* bfxil x0, x1, #60, #4 */
    C(0xb37cfc20, 3, 0x8, 0, 0xffffffff8000000f, 0x8), /* bfxil x0, x1, #60, #4 */
    C(0x33007c62, 0, 0x2, 2, 0x0000000000000000, 0x2), /* bfxil w2, w3, #0, #32 */
    C(0x33007c62, 1, 0x9, 2, 0x0000000000000001, 0x9), /* bfxil w2, w3, #0, #32 */
    C(0x33007c62, 2, 0x6, 2, 0x0000000000000040, 0x6), /* bfxil w2, w3, #0, #32 */
    C(0x33007c62, 3, 0x8, 2, 0x0000000000000003, 0x8), /* bfxil w2, w3, #0, #32 */
    C(0xb37ff8c5, 0, 0x2, 5, 0x00000000fffffffe, 0x2), /* bfi x5, x6, #1, #63 */
    C(0xb37ff8c5, 1, 0x9, 5, 0xaaaaaaaaaaaaaaaa, 0x9), /* bfi x5, x6, #1, #63 */
    C(0xb37ff8c5, 2, 0x6, 5, 0x0000000200000043, 0x6), /* bfi x5, x6, #1, #63 */
    C(0xb37ff8c5, 3, 0x8, 5, 0x00000001fffffffe, 0x8), /* bfi x5, x6, #1, #63 */
    C(0x93420420, 0, 0x2, 0, 0x4000000000000000, 0x2), /* sbfiz x0, x1, #62, #2 */
    C(0x93420420, 1, 0x9, 0, 0x0000000000000000, 0x9), /* sbfiz x0, x1, #62, #2 */
    C(0x93420420, 2, 0x6, 0, 0x0000000000000000, 0x6), /* sbfiz x0, x1, #62, #2 */
    C(0x93420420, 3, 0x8, 0, 0xc000000000000000, 0x8), /* sbfiz x0, x1, #62, #2 */
    C(0x131f78e0, 0, 0x2, 0, 0x00000000fffffffe, 0x2), /* sbfiz w0, w7, #1, #31 */
    C(0x131f78e0, 1, 0x9, 0, 0x0000000055555554, 0x9), /* sbfiz w0, w7, #1, #31 */
    C(0x131f78e0, 2, 0x6, 0, 0x00000000fffffffc, 0x6), /* sbfiz w0, w7, #1, #31 */
    C(0x131f78e0, 3, 0x8, 0, 0x00000000fffffffc, 0x8), /* sbfiz w0, w7, #1, #31 */
    C(0x93042c20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x53442c20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x53242c20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x5304ac20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0xf3442c20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const Case cases_extract[] = {
    C(0x93c20020, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* extr x0, x1, x2, #0 */
    C(0x93c20020, 1, 0x9, 0, 0x00000000ffff0000, 0x9), /* extr x0, x1, x2, #0 */
    C(0x93c20420, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* extr x0, x1, x2, #1 */
    C(0x93c20420, 1, 0x9, 0, 0x000000007fff8000, 0x9), /* extr x0, x1, x2, #1 */
    C(0x93c20420, 2, 0x6, 0, 0x000000000000000f, 0x6), /* extr x0, x1, x2, #1 */
    C(0x93c20420, 3, 0x8, 0, 0x8000000040000000, 0x8), /* extr x0, x1, x2, #1 */
    C(0x93c2fc20, 0, 0x2, 0, 0x0000000000000003, 0x2), /* extr x0, x1, x2, #63 */
    C(0x93c2fc20, 1, 0x9, 0, 0xfdb97530eca86420, 0x9), /* extr x0, x1, x2, #63 */
    C(0x93c2fc20, 2, 0x6, 0, 0x0000000000000040, 0x6), /* extr x0, x1, x2, #63 */
    C(0x93c2fc20, 3, 0x8, 0, 0xfffffffffffffffe, 0x8), /* extr x0, x1, x2, #63 */
    C(0x13827c20, 0, 0x2, 0, 0x0000000000000003, 0x2), /* extr w0, w1, w2, #31 */
    C(0x13827c20, 1, 0x9, 0, 0x00000000eca86421, 0x9), /* extr w0, w1, w2, #31 */
    C(0x13827c20, 2, 0x6, 0, 0x0000000000000040, 0x6), /* extr w0, w1, w2, #31 */
    C(0x13827c20, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* extr w0, w1, w2, #31 */
    C(0x13820020, 1, 0x9, 0, 0x00000000ffff0000, 0x9), /* extr w0, w1, w2, #0 */
    C(0x13854083, 1, 0x9, 3, 0x0000000000000000, 0x9), /* extr w3, w4, w5, #16 */
    C(0x13854083, 3, 0x8, 3, 0x00000000fff9cafe, 0x8), /* extr w3, w4, w5, #16 */
    C(0x93c13420, 1, 0x9, 0, 0x9087f6e5d4c3b2a1, 0x9), /* ror x0, x1, #13 */
    C(0x13811c20, 1, 0x9, 0, 0x0000000020eca864, 0x9), /* ror w0, w1, #7 */
    C(0x13828420, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x93820420, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0xb3c20420, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x93e20420, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const Case cases_logic_reg[] = {
    C(0x8a020020, 0, 0x2, 0, 0x0000000000000001, 0x2), /* and x0, x1, x2 */
    C(0x8a020020, 1, 0x9, 0, 0x0000000076540000, 0x9), /* and x0, x1, x2 */
    C(0x8a020020, 2, 0x6, 0, 0x0000000000000000, 0x6), /* and x0, x1, x2 */
    C(0x8a020020, 3, 0x8, 0, 0x0000000080000000, 0x8), /* and x0, x1, x2 */
    C(0x8a02fc20, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* and x0, x1, x2, lsl #63 */
    C(0x8a02fc20, 1, 0x9, 0, 0x0000000000000000, 0x9), /* and x0, x1, x2, lsl #63 */
    C(0x8a02fc20, 2, 0x6, 0, 0x0000000000000000, 0x6), /* and x0, x1, x2, lsl #63 */
    C(0x8a02fc20, 3, 0x8, 0, 0x0000000000000000, 0x8), /* and x0, x1, x2, lsl #63 */
    C(0x8a620420, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* bic x0, x1, x2, lsr #1 */
    C(0x8a620420, 1, 0x9, 0, 0xfedcba9800003210, 0x9), /* bic x0, x1, x2, lsr #1 */
    C(0x8a620420, 2, 0x6, 0, 0x0000000000000020, 0x6), /* bic x0, x1, x2, lsr #1 */
    C(0x8a620420, 3, 0x8, 0, 0xffffffffbfffffff, 0x8), /* bic x0, x1, x2, lsr #1 */
    C(0xaa0103e0, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* mov x0, x1 */
    C(0x2a0103e0, 1, 0x9, 0, 0x0000000076543210, 0x9), /* mov w0, w1 */
    C(0xaaa28020, 0, 0x2, 0, 0x0000000000000001, 0x2), /* orn x0, x1, x2, asr #32 */
    C(0xaaa28020, 1, 0x9, 0, 0xffffffffffffffff, 0x9), /* orn x0, x1, x2, asr #32 */
    C(0xaaa28020, 2, 0x6, 0, 0xffffffffffffffff, 0x6), /* orn x0, x1, x2, asr #32 */
    C(0xaaa28020, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* orn x0, x1, x2, asr #32 */
    C(0x2a2103e0, 0, 0x2, 0, 0x00000000fffffffe, 0x2), /* mvn w0, w1 */
    C(0x2a2103e0, 1, 0x9, 0, 0x0000000089abcdef, 0x9), /* mvn w0, w1 */
    C(0x2a2103e0, 2, 0x6, 0, 0x00000000ffffffdf, 0x6), /* mvn w0, w1 */
    C(0x2a2103e0, 3, 0x8, 0, 0x0000000000000000, 0x8), /* mvn w0, w1 */
    C(0xcac20420, 0, 0x2, 0, 0xfffffffffffffffe, 0x2), /* eor x0, x1, x2, ror #1 */
    C(0xcac20420, 1, 0x9, 0, 0xfedcba9809abb210, 0x9), /* eor x0, x1, x2, ror #1 */
    C(0xcac20420, 2, 0x6, 0, 0x800000000000002f, 0x6), /* eor x0, x1, x2, ror #1 */
    C(0xcac20420, 3, 0x8, 0, 0xffffffffbfffffff, 0x8), /* eor x0, x1, x2, ror #1 */
    C(0x4ac27c20, 0, 0x2, 0, 0x00000000fffffffe, 0x2), /* eor w0, w1, w2, ror #31 */
    C(0x4ac27c20, 1, 0x9, 0, 0x0000000089aa3211, 0x9), /* eor w0, w1, w2, ror #31 */
    C(0x4ac27c20, 2, 0x6, 0, 0x000000000000001e, 0x6), /* eor w0, w1, w2, ror #31 */
    C(0x4ac27c20, 3, 0x8, 0, 0x00000000fffffffe, 0x8), /* eor w0, w1, w2, ror #31 */
    C(0xca220020, 0, 0x2, 0, 0x0000000000000001, 0x2), /* eon x0, x1, x2 */
    C(0xca220020, 1, 0x9, 0, 0x012345677654cdef, 0x9), /* eon x0, x1, x2 */
    C(0xca220020, 2, 0x6, 0, 0xffffffffffffffc0, 0x6), /* eon x0, x1, x2 */
    C(0xca220020, 3, 0x8, 0, 0x0000000080000000, 0x8), /* eon x0, x1, x2 */
    C(0x4a6610a4, 0, 0x2, 4, 0x0000000078000000, 0x2), /* eon w4, w5, w6, lsr #4 */
    C(0x4a6610a4, 1, 0x9, 4, 0x00000000faaaaaaa, 0x9), /* eon w4, w5, w6, lsr #4 */
    C(0x4a6610a4, 2, 0x6, 4, 0x00000000fffffffa, 0x6), /* eon w4, w5, w6, lsr #4 */
    C(0x4a6610a4, 3, 0x8, 4, 0x000000003afebabe, 0x8), /* eon w4, w5, w6, lsr #4 */
    C(0xea020020, 0, 0x2, 0, 0x0000000000000001, 0x0), /* ands x0, x1, x2 */
    C(0xea020020, 1, 0x9, 0, 0x0000000076540000, 0x0), /* ands x0, x1, x2 */
    C(0xea020020, 2, 0x6, 0, 0x0000000000000000, 0x4), /* ands x0, x1, x2 */
    C(0xea020020, 3, 0x8, 0, 0x0000000080000000, 0x0), /* ands x0, x1, x2 */
    C(0x6a047c60, 0, 0x2, RD_NONE, 0x0000000000000000, 0x4), /* ands w0, w3, w4, lsl #31 */
    C(0x6a047c60, 1, 0x9, 0, 0x0000000000000000, 0x4), /* ands w0, w3, w4, lsl #31 */
    C(0x6a047c60, 2, 0x6, 0, 0x0000000000000000, 0x4), /* ands w0, w3, w4, lsl #31 */
    C(0x6a047c60, 3, 0x8, 0, 0x0000000000000000, 0x4), /* ands w0, w3, w4, lsl #31 */
    C(0xeaa2fc20, 0, 0x2, RD_NONE, 0x0000000000000000, 0x4), /* bics x0, x1, x2, asr #63 */
    C(0xeaa2fc20, 1, 0x9, 0, 0xfedcba9876543210, 0x8), /* bics x0, x1, x2, asr #63 */
    C(0xeaa2fc20, 2, 0x6, 0, 0x0000000000000020, 0x0), /* bics x0, x1, x2, asr #63 */
    C(0xeaa2fc20, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* bics x0, x1, x2, asr #63 */
    C(0xea03007f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x8), /* tst x3, x3 */
    C(0xea03007f, 1, 0x9, RD_NONE, 0x0000000000000000, 0x8), /* tst x3, x3 */
    C(0xea03007f, 2, 0x6, RD_NONE, 0x0000000000000000, 0x0), /* tst x3, x3 */
    C(0xea03007f, 3, 0x8, RD_NONE, 0x0000000000000000, 0x0), /* tst x3, x3 */
    C(0x6a674020, 0, 0x2, RD_NONE, 0x0000000000000000, 0x4), /* bics w0, w1, w7, lsr #16 */
    C(0x6a674020, 1, 0x9, 0, 0x0000000076541010, 0x0), /* bics w0, w1, w7, lsr #16 */
    C(0x6a674020, 2, 0x6, 0, 0x0000000000000000, 0x4), /* bics w0, w1, w7, lsr #16 */
    C(0x6a674020, 3, 0x8, 0, 0x00000000ffff0000, 0x8), /* bics w0, w1, w7, lsr #16 */
    C(0x0a877c60, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* and w0, w3, w7, asr #31 */
    C(0x0a877c60, 1, 0x9, 0, 0x0000000000000001, 0x9), /* and w0, w3, w7, asr #31 */
    C(0x0a877c60, 2, 0x6, 0, 0x0000000000000040, 0x6), /* and w0, w3, w7, asr #31 */
    C(0x0a877c60, 3, 0x8, 0, 0x0000000000000003, 0x8), /* and w0, w3, w7, asr #31 */
    C(0x2a427c20, 0, 0x2, 0, 0x0000000000000001, 0x2), /* orr w0, w1, w2, lsr #31 */
    C(0x2a427c20, 1, 0x9, 0, 0x0000000076543211, 0x9), /* orr w0, w1, w2, lsr #31 */
    C(0x2a427c20, 2, 0x6, 0, 0x0000000000000020, 0x6), /* orr w0, w1, w2, lsr #31 */
    C(0x2a427c20, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* orr w0, w1, w2, lsr #31 */
    C(0xea20001f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x4), /* bics xzr, x0, x0 */
    C(0xea20001f, 1, 0x9, RD_NONE, 0x0000000000000000, 0x4), /* bics xzr, x0, x0 */
    C(0xea20001f, 2, 0x6, RD_NONE, 0x0000000000000000, 0x4), /* bics xzr, x0, x0 */
    C(0xea20001f, 3, 0x8, RD_NONE, 0x0000000000000000, 0x4), /* bics xzr, x0, x0 */
    C(0x0a02fc20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const Case cases_addsub_shift[] = {
    C(0x8b020020, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* add x0, x1, x2 */
    C(0x8b020020, 1, 0x9, 0, 0xfedcba9976533210, 0x9), /* add x0, x1, x2 */
    C(0x8b020020, 2, 0x6, RD_NONE, 0x0000000000000000, 0x6), /* add x0, x1, x2 */
    C(0x8b020020, 3, 0x8, 0, 0x000000007fffffff, 0x8), /* add x0, x1, x2 */
    C(0x8b02fc20, 0, 0x2, 0, 0x8000000000000001, 0x2), /* add x0, x1, x2, lsl #63 */
    C(0x8b02fc20, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* add x0, x1, x2, lsl #63 */
    C(0x8b02fc20, 2, 0x6, 0, 0x8000000000000020, 0x6), /* add x0, x1, x2, lsl #63 */
    C(0x8b02fc20, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* add x0, x1, x2, lsl #63 */
    C(0x0b427c20, 0, 0x2, 0, 0x0000000000000002, 0x2), /* add w0, w1, w2, lsr #31 */
    C(0x0b427c20, 1, 0x9, 0, 0x0000000076543211, 0x9), /* add w0, w1, w2, lsr #31 */
    C(0x0b427c20, 2, 0x6, 0, 0x0000000000000020, 0x6), /* add w0, w1, w2, lsr #31 */
    C(0x0b427c20, 3, 0x8, 0, 0x0000000000000000, 0x8), /* add w0, w1, w2, lsr #31 */
    C(0x0b0404c0, 0, 0x2, 0, 0x000000007ffffffd, 0x2), /* add w0, w6, w4, lsl #1 */
    C(0x0b0404c0, 1, 0x9, 0, 0x0000000055555555, 0x9), /* add w0, w6, w4, lsl #1 */
    C(0x0b0404c0, 2, 0x6, 0, 0x00000000ffffffe1, 0x6), /* add w0, w6, w4, lsl #1 */
    C(0x0b0404c0, 3, 0x8, 0, 0x00000000fffffff1, 0x8), /* add w0, w6, w4, lsl #1 */
    C(0xcb82fc20, 0, 0x2, 0, 0x0000000000000002, 0x2), /* sub x0, x1, x2, asr #63 */
    C(0xcb82fc20, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* sub x0, x1, x2, asr #63 */
    C(0xcb82fc20, 2, 0x6, 0, 0x0000000000000020, 0x6), /* sub x0, x1, x2, asr #63 */
    C(0xcb82fc20, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* sub x0, x1, x2, asr #63 */
    C(0x4b830420, 0, 0x2, 0, 0x0000000000000001, 0x2), /* sub w0, w1, w3, asr #1 */
    C(0x4b830420, 1, 0x9, 0, 0x0000000076543210, 0x9), /* sub w0, w1, w3, asr #1 */
    C(0x4b830420, 2, 0x6, 0, 0x0000000000000000, 0x6), /* sub w0, w1, w3, asr #1 */
    C(0x4b830420, 3, 0x8, 0, 0x00000000fffffffe, 0x8), /* sub w0, w1, w3, asr #1 */
    C(0xab010040, 0, 0x2, RD_NONE, 0x0000000000000000, 0x6), /* adds x0, x2, x1 */
    C(0xab010040, 1, 0x9, 0, 0xfedcba9976533210, 0x8), /* adds x0, x2, x1 */
    C(0xab010040, 2, 0x6, RD_NONE, 0x0000000000000000, 0x0), /* adds x0, x2, x1 */
    C(0xab010040, 3, 0x8, 0, 0x000000007fffffff, 0x2), /* adds x0, x2, x1 */
    C(0x2b0100c0, 0, 0x2, 0, 0x0000000080000000, 0x9), /* adds w0, w6, w1 */
    C(0x2b0100c0, 1, 0x9, 0, 0x00000000cba98765, 0x9), /* adds w0, w6, w1 */
    C(0x2b0100c0, 2, 0x6, 0, 0x0000000000000041, 0x0), /* adds w0, w6, w1 */
    C(0x2b0100c0, 3, 0x8, 0, 0x00000000fffffffe, 0xa), /* adds w0, w6, w1 */
    C(0xeb020020, 0, 0x2, 0, 0x0000000000000002, 0x0), /* subs x0, x1, x2 */
    C(0xeb020020, 1, 0x9, 0, 0xfedcba9776553210, 0xa), /* subs x0, x1, x2 */
    C(0xeb020020, 2, 0x6, 0, 0x0000000000000001, 0x2), /* subs x0, x1, x2 */
    C(0xeb020020, 3, 0x8, 0, 0xffffffff7fffffff, 0xa), /* subs x0, x1, x2 */
    C(0x6b0600a0, 0, 0x2, 0, 0x0000000000000001, 0x3), /* subs w0, w5, w6 */
    C(0x6b0600a0, 1, 0x9, 0, 0x00000000aaaaaaab, 0x8), /* subs w0, w5, w6 */
    C(0x6b0600a0, 2, 0x6, 0, 0x00000000ffffffe6, 0x8), /* subs w0, w5, w6 */
    C(0x6b0600a0, 3, 0x8, 0, 0x00000000cafebabf, 0x8), /* subs w0, w5, w6 */
    C(0xeb04007f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x3), /* cmp x3, x4 */
    C(0xeb04007f, 1, 0x9, RD_NONE, 0x0000000000000000, 0x2), /* cmp x3, x4 */
    C(0xeb04007f, 2, 0x6, RD_NONE, 0x0000000000000000, 0x0), /* cmp x3, x4 */
    C(0xeb04007f, 3, 0x8, RD_NONE, 0x0000000000000000, 0x0), /* cmp x3, x4 */
    C(0xcb0103e0, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* neg x0, x1 */
    C(0xcb0103e0, 1, 0x9, 0, 0x0123456789abcdf0, 0x9), /* neg x0, x1 */
    C(0xcb0103e0, 2, 0x6, 0, 0xffffffffffffffe0, 0x6), /* neg x0, x1 */
    C(0xcb0103e0, 3, 0x8, 0, 0x0000000000000001, 0x8), /* neg x0, x1 */
    C(0x6b0503e0, 0, 0x2, 0, 0x0000000080000000, 0x9), /* negs w0, w5 */
    C(0x6b0503e0, 1, 0x9, 0, 0x0000000000000000, 0x6), /* negs w0, w5 */
    C(0x6b0503e0, 2, 0x6, 0, 0x00000000fffffff9, 0x8), /* negs w0, w5 */
    C(0x6b0503e0, 3, 0x8, 0, 0x0000000035014542, 0x0), /* negs w0, w5 */
    C(0xeb0303e0, 0, 0x2, 0, 0x8000000000000000, 0x9), /* negs x0, x3 */
    C(0xeb0303e0, 1, 0x9, 0, 0x00000000ffffffff, 0x0), /* negs x0, x3 */
    C(0xeb0303e0, 2, 0x6, 0, 0xffffffffffffffc0, 0x8), /* negs x0, x3 */
    C(0xeb0303e0, 3, 0x8, 0, 0xfffffffffffffffd, 0x8), /* negs x0, x3 */
    C(0x2b0100ff, 0, 0x2, RD_NONE, 0x0000000000000000, 0x6), /* cmn w7, w1 */
    C(0x2b0100ff, 1, 0x9, RD_NONE, 0x0000000000000000, 0x2), /* cmn w7, w1 */
    C(0x2b0100ff, 2, 0x6, RD_NONE, 0x0000000000000000, 0x2), /* cmn w7, w1 */
    C(0x2b0100ff, 3, 0x8, RD_NONE, 0x0000000000000000, 0xa), /* cmn w7, w1 */
    C(0x8b02003f, 1, 0x9, RD_NONE, 0x0000000000000000, 0x9), /* add xzr, x1, x2 */
    C(0xeb000000, 0, 0x2, RD_NONE, 0x0000000000000000, 0x6), /* subs x0, x0, x0 */
    C(0xeb000000, 1, 0x9, 0, 0x0000000000000000, 0x6), /* subs x0, x0, x0 */
    C(0xeb000000, 2, 0x6, 0, 0x0000000000000000, 0x6), /* subs x0, x0, x0 */
    C(0xeb000000, 3, 0x8, 0, 0x0000000000000000, 0x6), /* subs x0, x0, x0 */
    C(0xab44fc84, 0, 0x2, RD_NONE, 0x0000000000000000, 0x0), /* adds x4, x4, x4, lsr #63 */
    C(0xab44fc84, 1, 0x9, 4, 0x8000000080000001, 0x8), /* adds x4, x4, x4, lsr #63 */
    C(0xab44fc84, 2, 0x6, 4, 0xffffffffffffffe1, 0x8), /* adds x4, x4, x4, lsr #63 */
    C(0xab44fc84, 3, 0x8, 4, 0xfffffffffffffffa, 0x8), /* adds x4, x4, x4, lsr #63 */
    C(0x8bc20020, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x0b028020, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const Case cases_addsub_ext[] = {
    C(0x8b220020, 0, 0x2, 0, 0x0000000000000100, 0x2), /* add x0, x1, w2, uxtb */
    C(0x8b220020, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* add x0, x1, w2, uxtb */
    C(0x8b220020, 2, 0x6, RD_NONE, 0x0000000000000000, 0x6), /* add x0, x1, w2, uxtb */
    C(0x8b220020, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* add x0, x1, w2, uxtb */
    C(0x8b222420, 0, 0x2, 0, 0x000000000001ffff, 0x2), /* add x0, x1, w2, uxth #1 */
    C(0x8b222420, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* add x0, x1, w2, uxth #1 */
    C(0x8b222420, 2, 0x6, 0, 0x000000000000005e, 0x6), /* add x0, x1, w2, uxth #1 */
    C(0x8b222420, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* add x0, x1, w2, uxth #1 */
    C(0x8b224820, 0, 0x2, 0, 0x00000003fffffffd, 0x2), /* add x0, x1, w2, uxtw #2 */
    C(0x8b224820, 1, 0x9, 0, 0xfedcba9c76503210, 0x9), /* add x0, x1, w2, uxtw #2 */
    C(0x8b224820, 2, 0x6, 0, 0x000000000000009c, 0x6), /* add x0, x1, w2, uxtw #2 */
    C(0x8b224820, 3, 0x8, 0, 0x00000001ffffffff, 0x8), /* add x0, x1, w2, uxtw #2 */
    C(0x8b226c20, 0, 0x2, 0, 0xfffffffffffffff9, 0x2), /* add x0, x1, x2, uxtx #3 */
    C(0x8b226c20, 1, 0x9, 0, 0xfedcbaa0764c3210, 0x9), /* add x0, x1, x2, uxtx #3 */
    C(0x8b226c20, 2, 0x6, 0, 0x0000000000000118, 0x6), /* add x0, x1, x2, uxtx #3 */
    C(0x8b226c20, 3, 0x8, 0, 0x00000003ffffffff, 0x8), /* add x0, x1, x2, uxtx #3 */
    C(0x8b229020, 0, 0x2, 0, 0xfffffffffffffff1, 0x2), /* add x0, x1, w2, sxtb #4 */
    C(0x8b229020, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* add x0, x1, w2, sxtb #4 */
    C(0x8b229020, 2, 0x6, 0, 0x0000000000000210, 0x6), /* add x0, x1, w2, sxtb #4 */
    C(0x8b229020, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* add x0, x1, w2, sxtb #4 */
    C(0x8b22a020, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* add x0, x1, w2, sxth */
    C(0x8b22a020, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* add x0, x1, w2, sxth */
    C(0x8b22a020, 2, 0x6, RD_NONE, 0x0000000000000000, 0x6), /* add x0, x1, w2, sxth */
    C(0x8b22a020, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* add x0, x1, w2, sxth */
    C(0x8b22c420, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* add x0, x1, w2, sxtw #1 */
    C(0x8b22c420, 1, 0x9, 0, 0xfedcba9876523210, 0x9), /* add x0, x1, w2, sxtw #1 */
    C(0x8b22c420, 2, 0x6, 0, 0x000000000000005e, 0x6), /* add x0, x1, w2, sxtw #1 */
    C(0x8b22c420, 3, 0x8, 0, 0xfffffffeffffffff, 0x8), /* add x0, x1, w2, sxtw #1 */
    C(0x8b22e020, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* add x0, x1, x2, sxtx */
    C(0x8b22e020, 1, 0x9, 0, 0xfedcba9976533210, 0x9), /* add x0, x1, x2, sxtx */
    C(0x8b22e020, 2, 0x6, RD_NONE, 0x0000000000000000, 0x6), /* add x0, x1, x2, sxtx */
    C(0x8b22e020, 3, 0x8, 0, 0x000000007fffffff, 0x8), /* add x0, x1, x2, sxtx */
    C(0x8b2163ff, 0, 0x2, RD_SP, 0x123456789abcdef1, 0x2), /* add sp, sp, x1 */
    C(0x8b2163ff, 1, 0x9, RD_SP, 0xfeddba9876542210, 0x9), /* add sp, sp, x1 */
    C(0x8b21c3e0, 0, 0x2, 0, 0x123456789abcdef1, 0x2), /* add x0, sp, w1, sxtw */
    C(0x8b21c3e0, 1, 0x9, 0, 0x0001000076542210, 0x9), /* add x0, sp, w1, sxtw */
    C(0x8b21c3e0, 2, 0x6, 0, 0xffffffff8000001f, 0x6), /* add x0, sp, w1, sxtw */
    C(0x8b21c3e0, 3, 0x8, 0, 0x7fffffff80000000, 0x8), /* add x0, sp, w1, sxtw */
    C(0xcb2273ff, 0, 0x2, RD_SP, 0x123456789abcdf00, 0x2), /* sub sp, sp, x2, lsl #4 */
    C(0xcb2273ff, 1, 0x9, RD_SP, 0x0000fff0000ff000, 0x9), /* sub sp, sp, x2, lsl #4 */
    C(0x0b220020, 0, 0x2, 0, 0x0000000000000100, 0x2), /* add w0, w1, w2, uxtb */
    C(0x0b220020, 1, 0x9, 0, 0x0000000076543210, 0x9), /* add w0, w1, w2, uxtb */
    C(0x0b220020, 2, 0x6, RD_NONE, 0x0000000000000000, 0x6), /* add w0, w1, w2, uxtb */
    C(0x0b220020, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* add w0, w1, w2, uxtb */
    C(0x0b22a83f, 0, 0x2, RD_SP, 0x00000000fffffffd, 0x2), /* add wsp, w1, w2, sxth #2 */
    C(0x0b22a83f, 1, 0x9, RD_SP, 0x0000000076543210, 0x9), /* add wsp, w1, w2, sxth #2 */
    C(0x0b22a83f, 2, 0x6, RD_SP, 0x000000000000009c, 0x6), /* add wsp, w1, w2, sxth #2 */
    C(0x0b22a83f, 3, 0x8, RD_SP, 0x00000000ffffffff, 0x8), /* add wsp, w1, w2, sxth #2 */
    C(0x4b2447e3, 0, 0x2, 3, 0x000000009abcdef2, 0x2), /* sub w3, wsp, w4, lsl #1 */
    C(0x4b2447e3, 1, 0x9, 3, 0x00000000fffff000, 0x9), /* sub w3, wsp, w4, lsl #1 */
    C(0x4b2447e3, 2, 0x6, 3, 0x000000008000003f, 0x6), /* sub w3, wsp, w4, lsl #1 */
    C(0x4b2447e3, 3, 0x8, 3, 0x000000008000000f, 0x8), /* sub w3, wsp, w4, lsl #1 */
    C(0xab23c020, 0, 0x2, 0, 0x0000000000000001, 0x0), /* adds x0, x1, w3, sxtw */
    C(0xab23c020, 1, 0x9, 0, 0xfedcba9876543211, 0x8), /* adds x0, x1, w3, sxtw */
    C(0xab23c020, 2, 0x6, 0, 0x0000000000000060, 0x0), /* adds x0, x1, w3, sxtw */
    C(0xab23c020, 3, 0x8, 0, 0x0000000000000002, 0x2), /* adds x0, x1, w3, sxtw */
    C(0x6b221020, 0, 0x2, 0, 0x00000000fffff011, 0x8), /* subs w0, w1, w2, uxtb #4 */
    C(0x6b221020, 1, 0x9, 0, 0x0000000076543210, 0x2), /* subs w0, w1, w2, uxtb #4 */
    C(0x6b221020, 2, 0x6, 0, 0x00000000fffffe30, 0x8), /* subs w0, w1, w2, uxtb #4 */
    C(0x6b221020, 3, 0x8, 0, 0x00000000ffffffff, 0xa), /* subs w0, w1, w2, uxtb #4 */
    C(0xeb2163ff, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* cmp sp, x1 */
    C(0xeb2163ff, 1, 0x9, RD_NONE, 0x0000000000000000, 0x0), /* cmp sp, x1 */
    C(0xeb2163ff, 2, 0x6, RD_NONE, 0x0000000000000000, 0xa), /* cmp sp, x1 */
    C(0xeb2163ff, 3, 0x8, RD_NONE, 0x0000000000000000, 0x0), /* cmp sp, x1 */
    C(0x6b22803f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x0), /* cmp w1, w2, sxtb */
    C(0x6b22803f, 1, 0x9, RD_NONE, 0x0000000000000000, 0x2), /* cmp w1, w2, sxtb */
    C(0x6b22803f, 2, 0x6, RD_NONE, 0x0000000000000000, 0x2), /* cmp w1, w2, sxtb */
    C(0x6b22803f, 3, 0x8, RD_NONE, 0x0000000000000000, 0xa), /* cmp w1, w2, sxtb */
    C(0xab2263e0, 0, 0x2, 0, 0x123456789abcdeef, 0x2), /* adds x0, sp, x2 */
    C(0xab2263e0, 1, 0x9, 0, 0x00010000fffef000, 0x0), /* adds x0, sp, x2 */
    C(0xab2263e0, 2, 0x6, 0, 0xffffffff8000001e, 0x8), /* adds x0, sp, x2 */
    C(0xab2263e0, 3, 0x8, 0, 0x8000000000000001, 0x9), /* adds x0, sp, x2 */
    C(0x2b2680e5, 0, 0x2, 5, 0x00000000fffffffe, 0xa), /* adds w5, w7, w6, sxtb */
    C(0x2b2680e5, 1, 0x9, 5, 0x00000000aaaaaaff, 0x8), /* adds w5, w7, w6, sxtb */
    C(0x2b2680e5, 2, 0x6, 5, 0x000000000000001f, 0x2), /* adds w5, w7, w6, sxtb */
    C(0x2b2680e5, 3, 0x8, 5, 0x00000000fffffffd, 0xa), /* adds w5, w7, w6, sxtb */
    C(0x8b221420, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x8b221820, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x8b221c20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x8b620020, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const Case cases_adc[] = {
    C(0x9a020020, 0, 0x2, 0, 0x0000000000000001, 0x2), /* adc x0, x1, x2 */
    C(0x9a020020, 1, 0x9, 0, 0xfedcba9976533210, 0x9), /* adc x0, x1, x2 */
    C(0x9a020020, 2, 0x6, 0, 0x0000000000000040, 0x6), /* adc x0, x1, x2 */
    C(0x9a020020, 3, 0x8, 0, 0x000000007fffffff, 0x8), /* adc x0, x1, x2 */
    C(0x1a020020, 0, 0x2, 0, 0x0000000000000001, 0x2), /* adc w0, w1, w2 */
    C(0x1a020020, 1, 0x9, 0, 0x0000000076533210, 0x9), /* adc w0, w1, w2 */
    C(0x1a020020, 2, 0x6, 0, 0x0000000000000040, 0x6), /* adc w0, w1, w2 */
    C(0x1a020020, 3, 0x8, 0, 0x000000007fffffff, 0x8), /* adc w0, w1, w2 */
    C(0xba020040, 0, 0x2, 0, 0xffffffffffffffff, 0xa), /* adcs x0, x2, x2 */
    C(0xba020040, 1, 0x9, 0, 0x00000001fffe0000, 0x0), /* adcs x0, x2, x2 */
    C(0xba020040, 2, 0x6, RD_NONE, 0x0000000000000000, 0x0), /* adcs x0, x2, x2 */
    C(0xba020040, 3, 0x8, 0, 0x0000000100000000, 0x0), /* adcs x0, x2, x2 */
    C(0x3a0000c0, 0, 0x2, 0, 0x0000000080000000, 0x9), /* adcs w0, w6, w0 */
    C(0x3a0000c0, 1, 0x9, 0, 0x00000000df012344, 0x8), /* adcs w0, w6, w0 */
    C(0x3a0000c0, 2, 0x6, 0, 0x0000000000000061, 0x0), /* adcs w0, w6, w0 */
    C(0x3a0000c0, 3, 0x8, 0, 0x000000007fffffff, 0x3), /* adcs w0, w6, w0 */
    C(0xba1f0080, 0, 0x2, 0, 0x8000000000000000, 0x9), /* adcs x0, x4, xzr */
    C(0xba1f0080, 1, 0x9, 0, 0x8000000080000000, 0x8), /* adcs x0, x4, xzr */
    C(0xba1f0080, 2, 0x6, 0, 0xffffffffffffffe1, 0x8), /* adcs x0, x4, xzr */
    C(0xba1f0080, 3, 0x8, 0, 0xfffffffffffffff9, 0x8), /* adcs x0, x4, xzr */
    C(0x3a0700e0, 0, 0x2, 0, 0x00000000ffffffff, 0xa), /* adcs w0, w7, w7 */
    C(0x3a0700e0, 1, 0x9, 0, 0x0000000055555554, 0x3), /* adcs w0, w7, w7 */
    C(0x3a0700e0, 2, 0x6, 0, 0x00000000fffffffd, 0xa), /* adcs w0, w7, w7 */
    C(0x3a0700e0, 3, 0x8, 0, 0x00000000fffffffc, 0xa), /* adcs w0, w7, w7 */
    C(0xda020020, 0, 0x2, 0, 0x0000000000000002, 0x2), /* sbc x0, x1, x2 */
    C(0xda020020, 1, 0x9, 0, 0xfedcba977655320f, 0x9), /* sbc x0, x1, x2 */
    C(0xda020020, 2, 0x6, 0, 0x0000000000000001, 0x6), /* sbc x0, x1, x2 */
    C(0xda020020, 3, 0x8, 0, 0xffffffff7ffffffe, 0x8), /* sbc x0, x1, x2 */
    C(0x5a020020, 0, 0x2, 0, 0x0000000000000002, 0x2), /* sbc w0, w1, w2 */
    C(0x5a020020, 1, 0x9, 0, 0x000000007655320f, 0x9), /* sbc w0, w1, w2 */
    C(0x5a020020, 2, 0x6, 0, 0x0000000000000001, 0x6), /* sbc w0, w1, w2 */
    C(0x5a020020, 3, 0x8, 0, 0x000000007ffffffe, 0x8), /* sbc w0, w1, w2 */
    C(0xfa010020, 0, 0x2, RD_NONE, 0x0000000000000000, 0x6), /* sbcs x0, x1, x1 */
    C(0xfa010020, 1, 0x9, 0, 0xffffffffffffffff, 0x8), /* sbcs x0, x1, x1 */
    C(0xfa010020, 2, 0x6, 0, 0x0000000000000000, 0x6), /* sbcs x0, x1, x1 */
    C(0xfa010020, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* sbcs x0, x1, x1 */
    C(0x7a050000, 0, 0x2, 0, 0x0000000080000000, 0x9), /* sbcs w0, w0, w5 */
    C(0x7a050000, 1, 0x9, 0, 0x0000000089abcdee, 0xa), /* sbcs w0, w0, w5 */
    C(0x7a050000, 2, 0x6, 0, 0x0000000000000038, 0x2), /* sbcs w0, w0, w5 */
    C(0x7a050000, 3, 0x8, 0, 0x00000000b5014541, 0x8), /* sbcs w0, w0, w5 */
    C(0xfa010060, 0, 0x2, 0, 0x7fffffffffffffff, 0x3), /* sbcs x0, x3, x1 */
    C(0xfa010060, 1, 0x9, 0, 0x0123456689abcdf0, 0x2), /* sbcs x0, x3, x1 */
    C(0xfa010060, 2, 0x6, 0, 0x0000000000000020, 0x2), /* sbcs x0, x3, x1 */
    C(0xfa010060, 3, 0x8, 0, 0x0000000000000003, 0x0), /* sbcs x0, x3, x1 */
    C(0xda0103e0, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* ngc x0, x1 */
    C(0xda0103e0, 1, 0x9, RD_NONE, 0x0000000000000000, 0x9), /* ngc x0, x1 */
    C(0xda0103e0, 2, 0x6, 0, 0xffffffffffffffe0, 0x6), /* ngc x0, x1 */
    C(0xda0103e0, 3, 0x8, 0, 0x0000000000000000, 0x8), /* ngc x0, x1 */
    C(0x7a0103e0, 0, 0x2, 0, 0x00000000ffffffff, 0x8), /* ngcs w0, w1 */
    C(0x7a0103e0, 1, 0x9, 0, 0x0000000089abcdef, 0x8), /* ngcs w0, w1 */
    C(0x7a0103e0, 2, 0x6, 0, 0x00000000ffffffe0, 0x8), /* ngcs w0, w1 */
    C(0x7a0103e0, 3, 0x8, 0, 0x0000000000000000, 0x4), /* ngcs w0, w1 */
    C(0x9a01003f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* adc xzr, x1, x1 */
};
static const Case cases_ccmp[] = {
    C(0xfa410000, 0, 0x2, RD_NONE, 0x0000000000000000, 0x0), /* ccmp x0, x1, #0x0, eq */
    C(0xfa410000, 1, 0x9, RD_NONE, 0x0000000000000000, 0x0), /* ccmp x0, x1, #0x0, eq */
    C(0xfa410000, 2, 0x6, RD_NONE, 0x0000000000000000, 0x2), /* ccmp x0, x1, #0x0, eq */
    C(0xfa410000, 3, 0x8, RD_NONE, 0x0000000000000000, 0x0), /* ccmp x0, x1, #0x0, eq */
    C(0xfa42102f, 0, 0x2, RD_NONE, 0x0000000000000000, 0x0), /* ccmp x1, x2, #0xf, ne */
    C(0xfa42102f, 1, 0x9, RD_NONE, 0x0000000000000000, 0xa), /* ccmp x1, x2, #0xf, ne */
    C(0xfa42102f, 2, 0x6, RD_NONE, 0x0000000000000000, 0xf), /* ccmp x1, x2, #0xf, ne */
    C(0xfa42102f, 3, 0x8, RD_NONE, 0x0000000000000000, 0xa), /* ccmp x1, x2, #0xf, ne */
    C(0x7a442062, 0, 0x2, RD_NONE, 0x0000000000000000, 0x0), /* ccmp w3, w4, #0x2, cs */
    C(0x7a442062, 1, 0x9, RD_NONE, 0x0000000000000000, 0x2), /* ccmp w3, w4, #0x2, cs */
    C(0x7a442062, 2, 0x6, RD_NONE, 0x0000000000000000, 0x0), /* ccmp w3, w4, #0x2, cs */
    C(0x7a442062, 3, 0x8, RD_NONE, 0x0000000000000000, 0x2), /* ccmp w3, w4, #0x2, cs */
    C(0xba413048, 0, 0x2, RD_NONE, 0x0000000000000000, 0x8), /* ccmn x2, x1, #0x8, cc */
    C(0xba413048, 1, 0x9, RD_NONE, 0x0000000000000000, 0x8), /* ccmn x2, x1, #0x8, cc */
    C(0xba413048, 2, 0x6, RD_NONE, 0x0000000000000000, 0x8), /* ccmn x2, x1, #0x8, cc */
    C(0xba413048, 3, 0x8, RD_NONE, 0x0000000000000000, 0x2), /* ccmn x2, x1, #0x8, cc */
    C(0xfa5f4804, 0, 0x2, RD_NONE, 0x0000000000000000, 0x4), /* ccmp x0, #0x1f, #0x4, mi */
    C(0xfa5f4804, 1, 0x9, RD_NONE, 0x0000000000000000, 0x2), /* ccmp x0, #0x1f, #0x4, mi */
    C(0xfa5f4804, 2, 0x6, RD_NONE, 0x0000000000000000, 0x4), /* ccmp x0, #0x1f, #0x4, mi */
    C(0xfa5f4804, 3, 0x8, RD_NONE, 0x0000000000000000, 0xa), /* ccmp x0, #0x1f, #0x4, mi */
    C(0x3a4158e1, 0, 0x2, RD_NONE, 0x0000000000000000, 0x6), /* ccmn w7, #0x1, #0x1, pl */
    C(0x3a4158e1, 1, 0x9, RD_NONE, 0x0000000000000000, 0x1), /* ccmn w7, #0x1, #0x1, pl */
    C(0x3a4158e1, 2, 0x6, RD_NONE, 0x0000000000000000, 0x8), /* ccmn w7, #0x1, #0x1, pl */
    C(0x3a4158e1, 3, 0x8, RD_NONE, 0x0000000000000000, 0x1), /* ccmn w7, #0x1, #0x1, pl */
    C(0xfa416025, 0, 0x2, RD_NONE, 0x0000000000000000, 0x5), /* ccmp x1, x1, #0x5, vs */
    C(0xfa416025, 1, 0x9, RD_NONE, 0x0000000000000000, 0x6), /* ccmp x1, x1, #0x5, vs */
    C(0xfa416025, 2, 0x6, RD_NONE, 0x0000000000000000, 0x5), /* ccmp x1, x1, #0x5, vs */
    C(0xfa416025, 3, 0x8, RD_NONE, 0x0000000000000000, 0x5), /* ccmp x1, x1, #0x5, vs */
    C(0xfa43708a, 0, 0x2, RD_NONE, 0x0000000000000000, 0x9), /* ccmp x4, x3, #0xa, vc */
    C(0xfa43708a, 1, 0x9, RD_NONE, 0x0000000000000000, 0xa), /* ccmp x4, x3, #0xa, vc */
    C(0xfa43708a, 2, 0x6, RD_NONE, 0x0000000000000000, 0xa), /* ccmp x4, x3, #0xa, vc */
    C(0xfa43708a, 3, 0x8, RD_NONE, 0x0000000000000000, 0xa), /* ccmp x4, x3, #0xa, vc */
    C(0xfa438083, 0, 0x2, RD_NONE, 0x0000000000000000, 0x9), /* ccmp x4, x3, #0x3, hi */
    C(0xfa438083, 1, 0x9, RD_NONE, 0x0000000000000000, 0x3), /* ccmp x4, x3, #0x3, hi */
    C(0xfa438083, 2, 0x6, RD_NONE, 0x0000000000000000, 0x3), /* ccmp x4, x3, #0x3, hi */
    C(0xfa438083, 3, 0x8, RD_NONE, 0x0000000000000000, 0x3), /* ccmp x4, x3, #0x3, hi */
    C(0x3a43908c, 0, 0x2, RD_NONE, 0x0000000000000000, 0xc), /* ccmn w4, w3, #0xc, ls */
    C(0x3a43908c, 1, 0x9, RD_NONE, 0x0000000000000000, 0x8), /* ccmn w4, w3, #0xc, ls */
    C(0x3a43908c, 2, 0x6, RD_NONE, 0x0000000000000000, 0x2), /* ccmn w4, w3, #0xc, ls */
    C(0x3a43908c, 3, 0x8, RD_NONE, 0x0000000000000000, 0x8), /* ccmn w4, w3, #0xc, ls */
    C(0xfa40a846, 0, 0x2, RD_NONE, 0x0000000000000000, 0xa), /* ccmp x2, #0x0, #0x6, ge */
    C(0xfa40a846, 1, 0x9, RD_NONE, 0x0000000000000000, 0x2), /* ccmp x2, #0x0, #0x6, ge */
    C(0xfa40a846, 2, 0x6, RD_NONE, 0x0000000000000000, 0x2), /* ccmp x2, #0x0, #0x6, ge */
    C(0xfa40a846, 3, 0x8, RD_NONE, 0x0000000000000000, 0x6), /* ccmp x2, #0x0, #0x6, ge */
    C(0x7a45b0c9, 0, 0x2, RD_NONE, 0x0000000000000000, 0x9), /* ccmp w6, w5, #0x9, lt */
    C(0x7a45b0c9, 1, 0x9, RD_NONE, 0x0000000000000000, 0x9), /* ccmp w6, w5, #0x9, lt */
    C(0x7a45b0c9, 2, 0x6, RD_NONE, 0x0000000000000000, 0x9), /* ccmp w6, w5, #0x9, lt */
    C(0x7a45b0c9, 3, 0x8, RD_NONE, 0x0000000000000000, 0x2), /* ccmp w6, w5, #0x9, lt */
    C(0xba43c067, 0, 0x2, RD_NONE, 0x0000000000000000, 0x7), /* ccmn x3, x3, #0x7, gt */
    C(0xba43c067, 1, 0x9, RD_NONE, 0x0000000000000000, 0xa), /* ccmn x3, x3, #0x7, gt */
    C(0xba43c067, 2, 0x6, RD_NONE, 0x0000000000000000, 0x7), /* ccmn x3, x3, #0x7, gt */
    C(0xba43c067, 3, 0x8, RD_NONE, 0x0000000000000000, 0x7), /* ccmn x3, x3, #0x7, gt */
    C(0x7a41d80b, 0, 0x2, RD_NONE, 0x0000000000000000, 0xb), /* ccmp w0, #0x1, #0xb, le */
    C(0x7a41d80b, 1, 0x9, RD_NONE, 0x0000000000000000, 0xb), /* ccmp w0, #0x1, #0xb, le */
    C(0x7a41d80b, 2, 0x6, RD_NONE, 0x0000000000000000, 0x2), /* ccmp w0, #0x1, #0xb, le */
    C(0x7a41d80b, 3, 0x8, RD_NONE, 0x0000000000000000, 0x3), /* ccmp w0, #0x1, #0xb, le */
    C(0xfa46e0ad, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* ccmp x5, x6, #0xd, al */
    C(0xfa46e0ad, 1, 0x9, RD_NONE, 0x0000000000000000, 0x8), /* ccmp x5, x6, #0xd, al */
    C(0xfa46e0ad, 2, 0x6, RD_NONE, 0x0000000000000000, 0x8), /* ccmp x5, x6, #0xd, al */
    C(0xfa46e0ad, 3, 0x8, RD_NONE, 0x0000000000000000, 0xa), /* ccmp x5, x6, #0xd, al */
    C(0x3a46f0ae, 0, 0x2, RD_NONE, 0x0000000000000000, 0x8), /* ccmn w5, w6, #0xe, nv */
    C(0x3a46f0ae, 1, 0x9, RD_NONE, 0x0000000000000000, 0x0), /* ccmn w5, w6, #0xe, nv */
    C(0x3a46f0ae, 2, 0x6, RD_NONE, 0x0000000000000000, 0x0), /* ccmn w5, w6, #0xe, nv */
    C(0x3a46f0ae, 3, 0x8, RD_NONE, 0x0000000000000000, 0xa), /* ccmn w5, w6, #0xe, nv */
    C(0xda410000, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0xfa410400, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0xfa410810, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const Case cases_csel[] = {
    C(0x9a820020, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* csel x0, x1, x2, eq */
    C(0x9a820020, 1, 0x9, 0, 0x00000000ffff0000, 0x9), /* csel x0, x1, x2, eq */
    C(0x9a820020, 2, 0x6, 0, 0x0000000000000020, 0x6), /* csel x0, x1, x2, eq */
    C(0x9a820020, 3, 0x8, 0, 0x0000000080000000, 0x8), /* csel x0, x1, x2, eq */
    C(0x1a821020, 0, 0x2, 0, 0x0000000000000001, 0x2), /* csel w0, w1, w2, ne */
    C(0x1a821020, 1, 0x9, 0, 0x0000000076543210, 0x9), /* csel w0, w1, w2, ne */
    C(0x1a821020, 2, 0x6, 0, 0x000000000000001f, 0x6), /* csel w0, w1, w2, ne */
    C(0x1a821020, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* csel w0, w1, w2, ne */
    C(0x9a822420, 0, 0x2, 0, 0x0000000000000001, 0x2), /* csinc x0, x1, x2, cs */
    C(0x9a822420, 1, 0x9, 0, 0x00000000ffff0001, 0x9), /* csinc x0, x1, x2, cs */
    C(0x9a822420, 2, 0x6, 0, 0x0000000000000020, 0x6), /* csinc x0, x1, x2, cs */
    C(0x9a822420, 3, 0x8, 0, 0x0000000080000001, 0x8), /* csinc x0, x1, x2, cs */
    C(0x1a9f17e0, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* cset w0, eq */
    C(0x1a9f17e0, 1, 0x9, 0, 0x0000000000000000, 0x9), /* cset w0, eq */
    C(0x1a9f17e0, 2, 0x6, 0, 0x0000000000000001, 0x6), /* cset w0, eq */
    C(0x1a9f17e0, 3, 0x8, 0, 0x0000000000000000, 0x8), /* cset w0, eq */
    C(0xda824020, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* csinv x0, x1, x2, mi */
    C(0xda824020, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* csinv x0, x1, x2, mi */
    C(0xda824020, 2, 0x6, 0, 0xffffffffffffffe0, 0x6), /* csinv x0, x1, x2, mi */
    C(0xda824020, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* csinv x0, x1, x2, mi */
    C(0x5a9f03e0, 0, 0x2, 0, 0x00000000ffffffff, 0x2), /* csetm w0, ne */
    C(0x5a9f03e0, 1, 0x9, 0, 0x00000000ffffffff, 0x9), /* csetm w0, ne */
    C(0x5a9f03e0, 2, 0x6, 0, 0x0000000000000000, 0x6), /* csetm w0, ne */
    C(0x5a9f03e0, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* csetm w0, ne */
    C(0xda828420, 0, 0x2, 0, 0x0000000000000001, 0x2), /* csneg x0, x1, x2, hi */
    C(0xda828420, 1, 0x9, 0, 0xffffffff00010000, 0x9), /* csneg x0, x1, x2, hi */
    C(0xda828420, 2, 0x6, 0, 0xffffffffffffffe1, 0x6), /* csneg x0, x1, x2, hi */
    C(0xda828420, 3, 0x8, RD_NONE, 0x0000000000000000, 0x8), /* csneg x0, x1, x2, hi */
    C(0x5a84a460, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* csneg w0, w3, w4, ge */
    C(0x5a84a460, 1, 0x9, 0, 0x0000000000000001, 0x9), /* csneg w0, w3, w4, ge */
    C(0x5a84a460, 2, 0x6, 0, 0x0000000000000040, 0x6), /* csneg w0, w3, w4, ge */
    C(0x5a84a460, 3, 0x8, 0, 0x0000000000000007, 0x8), /* csneg w0, w3, w4, ge */
    C(0xda83a460, 0, 0x2, 0, 0x8000000000000000, 0x2), /* cneg x0, x3, lt */
    C(0xda83a460, 1, 0x9, 0, 0xffffffff00000001, 0x9), /* cneg x0, x3, lt */
    C(0xda83a460, 2, 0x6, 0, 0x0000000000000040, 0x6), /* cneg x0, x3, lt */
    C(0xda83a460, 3, 0x8, 0, 0xfffffffffffffffd, 0x8), /* cneg x0, x3, lt */
    C(0x9a82c020, 0, 0x2, 0, 0x0000000000000001, 0x2), /* csel x0, x1, x2, gt */
    C(0x9a82c020, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* csel x0, x1, x2, gt */
    C(0x9a82c020, 2, 0x6, 0, 0x000000000000001f, 0x6), /* csel x0, x1, x2, gt */
    C(0x9a82c020, 3, 0x8, 0, 0x0000000080000000, 0x8), /* csel x0, x1, x2, gt */
    C(0x9a82d020, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* csel x0, x1, x2, le */
    C(0x9a82d020, 1, 0x9, 0, 0x00000000ffff0000, 0x9), /* csel x0, x1, x2, le */
    C(0x9a82d020, 2, 0x6, 0, 0x0000000000000020, 0x6), /* csel x0, x1, x2, le */
    C(0x9a82d020, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* csel x0, x1, x2, le */
    C(0x9a826020, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* csel x0, x1, x2, vs */
    C(0x9a826020, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* csel x0, x1, x2, vs */
    C(0x9a826020, 2, 0x6, 0, 0x000000000000001f, 0x6), /* csel x0, x1, x2, vs */
    C(0x9a826020, 3, 0x8, 0, 0x0000000080000000, 0x8), /* csel x0, x1, x2, vs */
    C(0x9a82e420, 0, 0x2, 0, 0x0000000000000001, 0x2), /* csinc x0, x1, x2, al */
    C(0x9a82e420, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* csinc x0, x1, x2, al */
    C(0x9a82e420, 2, 0x6, 0, 0x0000000000000020, 0x6), /* csinc x0, x1, x2, al */
    C(0x9a82e420, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* csinc x0, x1, x2, al */
    C(0x5a82f020, 0, 0x2, 0, 0x0000000000000001, 0x2), /* csinv w0, w1, w2, nv */
    C(0x5a82f020, 1, 0x9, 0, 0x0000000076543210, 0x9), /* csinv w0, w1, w2, nv */
    C(0x5a82f020, 2, 0x6, 0, 0x0000000000000020, 0x6), /* csinv w0, w1, w2, nv */
    C(0x5a82f020, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* csinv w0, w1, w2, nv */
    C(0x5a8094a7, 0, 0x2, 7, 0x0000000000000000, 0x2), /* csneg w7, w5, w0, ls */
    C(0x5a8094a7, 1, 0x9, 7, 0x0000000000000000, 0x9), /* csneg w7, w5, w0, ls */
    C(0x5a8094a7, 2, 0x6, 7, 0x0000000000000007, 0x6), /* csneg w7, w5, w0, ls */
    C(0x5a8094a7, 3, 0x8, 7, 0x00000000cafebabe, 0x8), /* csneg w7, w5, w0, ls */
    C(0x9a824442, 0, 0x2, 2, 0x0000000000000000, 0x2), /* cinc x2, x2, pl */
    C(0x9a824442, 1, 0x9, RD_NONE, 0x0000000000000000, 0x9), /* cinc x2, x2, pl */
    C(0x9a824442, 2, 0x6, 2, 0x0000000000000020, 0x6), /* cinc x2, x2, pl */
    C(0x9a824442, 3, 0x8, RD_NONE, 0x0000000000000000, 0x8), /* cinc x2, x2, pl */
    C(0xba820020, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x9a820820, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const Case cases_dp1[] = {
    C(0xdac00020, 0, 0x2, 0, 0x8000000000000000, 0x2), /* rbit x0, x1 */
    C(0xdac00020, 1, 0x9, 0, 0x084c2a6e195d3b7f, 0x9), /* rbit x0, x1 */
    C(0xdac00020, 2, 0x6, 0, 0x0400000000000000, 0x6), /* rbit x0, x1 */
    C(0xdac00020, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* rbit x0, x1 */
    C(0x5ac00020, 0, 0x2, 0, 0x0000000080000000, 0x2), /* rbit w0, w1 */
    C(0x5ac00020, 1, 0x9, 0, 0x00000000084c2a6e, 0x9), /* rbit w0, w1 */
    C(0x5ac00020, 2, 0x6, 0, 0x0000000004000000, 0x6), /* rbit w0, w1 */
    C(0x5ac00020, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* rbit w0, w1 */
    C(0xdac00060, 0, 0x2, 0, 0x0000000000000001, 0x2), /* rbit x0, x3 */
    C(0xdac00060, 1, 0x9, 0, 0x80000000ffffffff, 0x9), /* rbit x0, x3 */
    C(0xdac00420, 0, 0x2, 0, 0x0000000000000100, 0x2), /* rev16 x0, x1 */
    C(0xdac00420, 1, 0x9, 0, 0xdcfe98ba54761032, 0x9), /* rev16 x0, x1 */
    C(0xdac00420, 2, 0x6, 0, 0x0000000000002000, 0x6), /* rev16 x0, x1 */
    C(0xdac00420, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* rev16 x0, x1 */
    C(0x5ac00420, 0, 0x2, 0, 0x0000000000000100, 0x2), /* rev16 w0, w1 */
    C(0x5ac00420, 1, 0x9, 0, 0x0000000054761032, 0x9), /* rev16 w0, w1 */
    C(0x5ac00420, 2, 0x6, 0, 0x0000000000002000, 0x6), /* rev16 w0, w1 */
    C(0x5ac00420, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* rev16 w0, w1 */
    C(0xdac00820, 0, 0x2, 0, 0x0000000001000000, 0x2), /* rev32 x0, x1 */
    C(0xdac00820, 1, 0x9, 0, 0x98badcfe10325476, 0x9), /* rev32 x0, x1 */
    C(0xdac00820, 2, 0x6, 0, 0x0000000020000000, 0x6), /* rev32 x0, x1 */
    C(0xdac00820, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* rev32 x0, x1 */
    C(0x5ac00820, 0, 0x2, 0, 0x0000000001000000, 0x2), /* rev w0, w1 */
    C(0x5ac00820, 1, 0x9, 0, 0x0000000010325476, 0x9), /* rev w0, w1 */
    C(0x5ac00820, 2, 0x6, 0, 0x0000000020000000, 0x6), /* rev w0, w1 */
    C(0x5ac00820, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* rev w0, w1 */
    C(0xdac00c20, 0, 0x2, 0, 0x0100000000000000, 0x2), /* rev x0, x1 */
    C(0xdac00c20, 1, 0x9, 0, 0x1032547698badcfe, 0x9), /* rev x0, x1 */
    C(0xdac00c20, 2, 0x6, 0, 0x2000000000000000, 0x6), /* rev x0, x1 */
    C(0xdac00c20, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* rev x0, x1 */
    C(0xdac01000, 0, 0x2, 0, 0x0000000000000040, 0x2), /* clz x0, x0 */
    C(0xdac01000, 1, 0x9, 0, 0x0000000000000007, 0x9), /* clz x0, x0 */
    C(0xdac01000, 2, 0x6, 0, 0x000000000000003a, 0x6), /* clz x0, x0 */
    C(0xdac01000, 3, 0x8, 0, 0x0000000000000000, 0x8), /* clz x0, x0 */
    C(0x5ac01020, 0, 0x2, 0, 0x000000000000001f, 0x2), /* clz w0, w1 */
    C(0x5ac01020, 1, 0x9, 0, 0x0000000000000001, 0x9), /* clz w0, w1 */
    C(0x5ac01020, 2, 0x6, 0, 0x000000000000001a, 0x6), /* clz w0, w1 */
    C(0x5ac01020, 3, 0x8, 0, 0x0000000000000000, 0x8), /* clz w0, w1 */
    C(0xdac01040, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* clz x0, x2 */
    C(0xdac01040, 1, 0x9, 0, 0x0000000000000020, 0x9), /* clz x0, x2 */
    C(0xdac01040, 2, 0x6, 0, 0x000000000000003b, 0x6), /* clz x0, x2 */
    C(0xdac01040, 3, 0x8, 0, 0x0000000000000020, 0x8), /* clz x0, x2 */
    C(0x5ac010a0, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* clz w0, w5 */
    C(0x5ac010a0, 1, 0x9, 0, 0x0000000000000020, 0x9), /* clz w0, w5 */
    C(0x5ac010a0, 2, 0x6, 0, 0x000000000000001d, 0x6), /* clz w0, w5 */
    C(0x5ac010a0, 3, 0x8, 0, 0x0000000000000000, 0x8), /* clz w0, w5 */
    C(0xdac01400, 0, 0x2, 0, 0x000000000000003f, 0x2), /* cls x0, x0 */
    C(0xdac01400, 1, 0x9, 0, 0x0000000000000006, 0x9), /* cls x0, x0 */
    C(0xdac01400, 2, 0x6, 0, 0x0000000000000039, 0x6), /* cls x0, x0 */
    C(0xdac01400, 3, 0x8, 0, 0x0000000000000020, 0x8), /* cls x0, x0 */
    C(0xdac01440, 0, 0x2, 0, 0x000000000000003f, 0x2), /* cls x0, x2 */
    C(0xdac01440, 1, 0x9, 0, 0x000000000000001f, 0x9), /* cls x0, x2 */
    C(0xdac01440, 2, 0x6, 0, 0x000000000000003a, 0x6), /* cls x0, x2 */
    C(0xdac01440, 3, 0x8, 0, 0x000000000000001f, 0x8), /* cls x0, x2 */
    C(0x5ac01420, 0, 0x2, 0, 0x000000000000001e, 0x2), /* cls w0, w1 */
    C(0x5ac01420, 1, 0x9, 0, 0x0000000000000000, 0x9), /* cls w0, w1 */
    C(0x5ac01420, 2, 0x6, 0, 0x0000000000000019, 0x6), /* cls w0, w1 */
    C(0x5ac01420, 3, 0x8, 0, 0x000000000000001f, 0x8), /* cls w0, w1 */
    C(0x5ac014e0, 0, 0x2, 0, 0x000000000000001f, 0x2), /* cls w0, w7 */
    C(0x5ac014e0, 1, 0x9, 0, 0x0000000000000000, 0x9), /* cls w0, w7 */
    C(0x5ac014e0, 2, 0x6, 0, 0x000000000000001e, 0x6), /* cls w0, w7 */
    C(0x5ac014e0, 3, 0x8, 0, 0x000000000000001e, 0x8), /* cls w0, w7 */
    C(0xdac01480, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* cls x0, x4 */
    C(0xdac01480, 1, 0x9, 0, 0x0000000000000000, 0x9), /* cls x0, x4 */
    C(0xdac01480, 2, 0x6, 0, 0x000000000000003a, 0x6), /* cls x0, x4 */
    C(0xdac01480, 3, 0x8, 0, 0x000000000000003c, 0x8), /* cls x0, x4 */
    C(0x5ac014c0, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* cls w0, w6 */
    C(0x5ac014c0, 1, 0x9, 0, 0x0000000000000000, 0x9), /* cls w0, w6 */
    C(0x5ac014c0, 2, 0x6, 0, 0x0000000000000019, 0x6), /* cls w0, w6 */
    C(0x5ac014c0, 3, 0x8, 0, 0x000000000000001f, 0x8), /* cls w0, w6 */
    C(0x5ac00c20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0xfac00020, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const Case cases_dp2[] = {
    C(0x9ac20820, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* udiv x0, x1, x2 */
    C(0x9ac20820, 1, 0x9, 0, 0x00000000feddb976, 0x9), /* udiv x0, x1, x2 */
    C(0x9ac20820, 2, 0x6, 0, 0x0000000000000001, 0x6), /* udiv x0, x1, x2 */
    C(0x9ac20820, 3, 0x8, 0, 0x00000001ffffffff, 0x8), /* udiv x0, x1, x2 */
    C(0x1ac20820, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* udiv w0, w1, w2 */
    C(0x1ac20820, 1, 0x9, 0, 0x0000000000000000, 0x9), /* udiv w0, w1, w2 */
    C(0x1ac20820, 2, 0x6, 0, 0x0000000000000001, 0x6), /* udiv w0, w1, w2 */
    C(0x1ac20820, 3, 0x8, 0, 0x0000000000000001, 0x8), /* udiv w0, w1, w2 */
    C(0x9ac20c60, 0, 0x2, 0, 0x8000000000000000, 0x2), /* sdiv x0, x3, x2 */
    C(0x9ac20c60, 1, 0x9, 0, 0xffffffffffffffff, 0x9), /* sdiv x0, x3, x2 */
    C(0x9ac20c60, 2, 0x6, 0, 0x0000000000000002, 0x6), /* sdiv x0, x3, x2 */
    C(0x9ac20c60, 3, 0x8, 0, 0x0000000000000000, 0x8), /* sdiv x0, x3, x2 */
    C(0x9ac00c20, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* sdiv x0, x1, x0 */
    C(0x9ac00c20, 1, 0x9, 0, 0xffffffffffffffff, 0x9), /* sdiv x0, x1, x0 */
    C(0x9ac00c20, 2, 0x6, 0, 0x0000000000000000, 0x6), /* sdiv x0, x1, x0 */
    C(0x9ac00c20, 3, 0x8, 0, 0x0000000000000000, 0x8), /* sdiv x0, x1, x0 */
    C(0x1ac10c00, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* sdiv w0, w0, w1 */
    C(0x1ac10c00, 1, 0x9, 0, 0x00000000ffffffff, 0x9), /* sdiv w0, w0, w1 */
    C(0x1ac10c00, 2, 0x6, 0, 0x0000000000000001, 0x6), /* sdiv w0, w0, w1 */
    C(0x1ac10c00, 3, 0x8, 0, 0x0000000080000000, 0x8), /* sdiv w0, w0, w1 */
    C(0x9ac308a0, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* udiv x0, x5, x3 */
    C(0x9ac308a0, 1, 0x9, 0, 0x0000000000000000, 0x9), /* udiv x0, x5, x3 */
    C(0x9ac308a0, 2, 0x6, 0, 0x0000000000000000, 0x6), /* udiv x0, x5, x3 */
    C(0x9ac308a0, 3, 0x8, 0, 0x4a39ea4fee54e8ea, 0x8), /* udiv x0, x5, x3 */
    C(0x9ac30c80, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* sdiv x0, x4, x3 */
    C(0x9ac30c80, 1, 0x9, 0, 0x0000000080000000, 0x9), /* sdiv x0, x4, x3 */
    C(0x9ac30c80, 2, 0x6, 0, 0x0000000000000000, 0x6), /* sdiv x0, x4, x3 */
    C(0x9ac30c80, 3, 0x8, 0, 0xfffffffffffffffe, 0x8), /* sdiv x0, x4, x3 */
    C(0x1ac30c80, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* sdiv w0, w4, w3 */
    C(0x1ac30c80, 1, 0x9, 0, 0x0000000080000000, 0x9), /* sdiv w0, w4, w3 */
    C(0x1ac30c80, 2, 0x6, 0, 0x0000000000000000, 0x6), /* sdiv w0, w4, w3 */
    C(0x1ac30c80, 3, 0x8, 0, 0x00000000fffffffe, 0x8), /* sdiv w0, w4, w3 */
    C(0x1ac508c7, 0, 0x2, 7, 0x0000000000000000, 0x2), /* udiv w7, w6, w5 */
    C(0x1ac508c7, 1, 0x9, 7, 0x0000000000000000, 0x9), /* udiv w7, w6, w5 */
    C(0x1ac508c7, 2, 0x6, 7, 0x0000000000000004, 0x6), /* udiv w7, w6, w5 */
    C(0x1ac508c7, 3, 0x8, 7, 0x0000000000000001, 0x8), /* udiv w7, w6, w5 */
    C(0x9ac22020, 0, 0x2, 0, 0x8000000000000000, 0x2), /* lsl x0, x1, x2 */
    C(0x9ac22020, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* lsl x0, x1, x2 */
    C(0x9ac22020, 2, 0x6, 0, 0x0000001000000000, 0x6), /* lsl x0, x1, x2 */
    C(0x9ac22020, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* lsl x0, x1, x2 */
    C(0x9ac02020, 0, 0x2, 0, 0x0000000000000001, 0x2), /* lsl x0, x1, x0 */
    C(0x9ac02020, 1, 0x9, 0, 0x1908000000000000, 0x9), /* lsl x0, x1, x0 */
    C(0x9ac02020, 2, 0x6, 0, 0x0000000000000000, 0x6), /* lsl x0, x1, x0 */
    C(0x9ac02020, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* lsl x0, x1, x0 */
    C(0x1ac02020, 0, 0x2, 0, 0x0000000000000001, 0x2), /* lsl w0, w1, w0 */
    C(0x1ac02020, 1, 0x9, 0, 0x0000000019080000, 0x9), /* lsl w0, w1, w0 */
    C(0x1ac02020, 2, 0x6, 0, 0x0000000000000000, 0x6), /* lsl w0, w1, w0 */
    C(0x1ac02020, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* lsl w0, w1, w0 */
    C(0x9ac12440, 0, 0x2, 0, 0x7fffffffffffffff, 0x2), /* lsr x0, x2, x1 */
    C(0x9ac12440, 1, 0x9, 0, 0x000000000000ffff, 0x9), /* lsr x0, x2, x1 */
    C(0x9ac12440, 2, 0x6, 0, 0x0000000000000000, 0x6), /* lsr x0, x2, x1 */
    C(0x9ac12440, 3, 0x8, 0, 0x0000000000000000, 0x8), /* lsr x0, x2, x1 */
    C(0x1ac12440, 0, 0x2, 0, 0x000000007fffffff, 0x2), /* lsr w0, w2, w1 */
    C(0x1ac12440, 1, 0x9, 0, 0x000000000000ffff, 0x9), /* lsr w0, w2, w1 */
    C(0x1ac12440, 2, 0x6, 0, 0x000000000000001f, 0x6), /* lsr w0, w2, w1 */
    C(0x1ac12440, 3, 0x8, 0, 0x0000000000000001, 0x8), /* lsr w0, w2, w1 */
    C(0x1ac52480, 0, 0x2, 0, 0x00000000ffffffff, 0x2), /* lsr w0, w4, w5 */
    C(0x1ac52480, 1, 0x9, 0, 0x0000000080000000, 0x9), /* lsr w0, w4, w5 */
    C(0x1ac52480, 2, 0x6, 0, 0x0000000001ffffff, 0x6), /* lsr w0, w4, w5 */
    C(0x1ac52480, 3, 0x8, 0, 0x0000000000000003, 0x8), /* lsr w0, w4, w5 */
    C(0x9ac02860, 0, 0x2, 0, 0x8000000000000000, 0x2), /* asr x0, x3, x0 */
    C(0x9ac02860, 1, 0x9, 0, 0xffffffffffffffff, 0x9), /* asr x0, x3, x0 */
    C(0x9ac02860, 2, 0x6, 0, 0x0000000000000000, 0x6), /* asr x0, x3, x0 */
    C(0x9ac02860, 3, 0x8, 0, 0x0000000000000003, 0x8), /* asr x0, x3, x0 */
    C(0x1ac228a0, 0, 0x2, 0, 0x00000000ffffffff, 0x2), /* asr w0, w5, w2 */
    C(0x1ac228a0, 1, 0x9, 0, 0x0000000000000000, 0x9), /* asr w0, w5, w2 */
    C(0x1ac228a0, 2, 0x6, 0, 0x0000000000000000, 0x6), /* asr w0, w5, w2 */
    C(0x1ac228a0, 3, 0x8, 0, 0x00000000cafebabe, 0x8), /* asr w0, w5, w2 */
    C(0x1ac32883, 0, 0x2, 3, 0x00000000ffffffff, 0x2), /* asr w3, w4, w3 */
    C(0x1ac32883, 1, 0x9, 3, 0x00000000c0000000, 0x9), /* asr w3, w4, w3 */
    C(0x1ac32883, 2, 0x6, 3, 0x00000000ffffffe0, 0x6), /* asr w3, w4, w3 */
    C(0x1ac32883, 3, 0x8, 3, 0x00000000ffffffff, 0x8), /* asr w3, w4, w3 */
    C(0x9ac22c20, 0, 0x2, 0, 0x0000000000000002, 0x2), /* ror x0, x1, x2 */
    C(0x9ac22c20, 1, 0x9, 0, 0xfedcba9876543210, 0x9), /* ror x0, x1, x2 */
    C(0x9ac22c20, 2, 0x6, 0, 0x0000004000000000, 0x6), /* ror x0, x1, x2 */
    C(0x9ac22c20, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* ror x0, x1, x2 */
    C(0x1ac62c20, 0, 0x2, 0, 0x0000000000000002, 0x2), /* ror w0, w1, w6 */
    C(0x1ac62c20, 1, 0x9, 0, 0x00000000a19083b2, 0x9), /* ror w0, w1, w6 */
    C(0x1ac62c20, 2, 0x6, 0, 0x0000000000000010, 0x6), /* ror w0, w1, w6 */
    C(0x1ac62c20, 3, 0x8, 0, 0x00000000ffffffff, 0x8), /* ror w0, w1, w6 */
    C(0x9ac42ca5, 0, 0x2, 5, 0x0000000100000000, 0x2), /* ror x5, x5, x4 */
    C(0x9ac42ca5, 1, 0x9, RD_NONE, 0x0000000000000000, 0x9), /* ror x5, x5, x4 */
    C(0x9ac42ca5, 2, 0x6, 5, 0x0000000700000000, 0x6), /* ror x5, x5, x4 */
    C(0x9ac42ca5, 3, 0x8, 5, 0x56df77e57f5d5f6f, 0x8), /* ror x5, x5, x4 */
    C(0x1ac24020, 0, 0x2, 0, 0x000000005a05df1b, 0x2), /* crc32b w0, w1, w2 */
    C(0x1ac24020, 1, 0x9, 0, 0x000000001dc14456, 0x9), /* crc32b w0, w1, w2 */
    C(0x1ac24020, 2, 0x6, 0, 0x00000000b6662d3d, 0x6), /* crc32b w0, w1, w2 */
    C(0x1ac24020, 3, 0x8, 0, 0x000000002dfd1072, 0x8), /* crc32b w0, w1, w2 */
    C(0x1ac24420, 0, 0x2, 0, 0x00000000a73d23be, 0x2), /* crc32h w0, w1, w2 */
    C(0x1ac24420, 1, 0x9, 0, 0x0000000082153585, 0x9), /* crc32h w0, w1, w2 */
    C(0x1ac24420, 2, 0x6, 0, 0x0000000058de2a3c, 0x6), /* crc32h w0, w1, w2 */
    C(0x1ac24420, 3, 0x8, 0, 0x00000000be26ed00, 0x8), /* crc32h w0, w1, w2 */
    C(0x1ac24820, 0, 0x2, 0, 0x0000000066074786, 0x2), /* crc32w w0, w1, w2 */
    C(0x1ac24820, 1, 0x9, 0, 0x00000000ae6138c7, 0x9), /* crc32w w0, w1, w2 */
    C(0x1ac24820, 2, 0x6, 0, 0x00000000a848e8f7, 0x6), /* crc32w w0, w1, w2 */
    C(0x1ac24820, 3, 0x8, 0, 0x000000003303a3c3, 0x8), /* crc32w w0, w1, w2 */
    C(0x9ac24c20, 0, 0x2, 0, 0x0000000088cc00eb, 0x2), /* crc32x w0, w1, x2 */
    C(0x9ac24c20, 1, 0x9, 0, 0x000000008c6ab69e, 0x9), /* crc32x w0, w1, x2 */
    C(0x9ac24c20, 2, 0x6, 0, 0x000000005ced41d1, 0x6), /* crc32x w0, w1, x2 */
    C(0x9ac24c20, 3, 0x8, 0, 0x000000002b3b9004, 0x8), /* crc32x w0, w1, x2 */
    C(0x1ac25020, 0, 0x2, 0, 0x000000005f16d052, 0x2), /* crc32cb w0, w1, w2 */
    C(0x1ac25020, 1, 0x9, 0, 0x000000001028935d, 0x9), /* crc32cb w0, w1, w2 */
    C(0x1ac25020, 2, 0x6, 0, 0x000000006ef07595, 0x6), /* crc32cb w0, w1, w2 */
    C(0x1ac25020, 3, 0x8, 0, 0x00000000ad82acae, 0x8), /* crc32cb w0, w1, w2 */
    C(0x1ac25420, 0, 0x2, 0, 0x000000001d3cefa5, 0x2), /* crc32ch w0, w1, w2 */
    C(0x1ac25420, 1, 0x9, 0, 0x00000000ee1dbe93, 0x9), /* crc32ch w0, w1, w2 */
    C(0x1ac25420, 2, 0x6, 0, 0x00000000a737187e, 0x6), /* crc32ch w0, w1, w2 */
    C(0x1ac25420, 3, 0x8, 0, 0x000000000e9e882d, 0x8), /* crc32ch w0, w1, w2 */
    C(0x1ac25820, 0, 0x2, 0, 0x000000006add1e80, 0x2), /* crc32cw w0, w1, w2 */
    C(0x1ac25820, 1, 0x9, 0, 0x00000000e012f7c0, 0x9), /* crc32cw w0, w1, w2 */
    C(0x1ac25820, 2, 0x6, 0, 0x00000000d1057e9a, 0x6), /* crc32cw w0, w1, w2 */
    C(0x1ac25820, 3, 0x8, 0, 0x00000000356e8f40, 0x8), /* crc32cw w0, w1, w2 */
    C(0x9ac25c20, 0, 0x2, 0, 0x000000008d73846a, 0x2), /* crc32cx w0, w1, x2 */
    C(0x9ac25c20, 1, 0x9, 0, 0x00000000abe2eac0, 0x9), /* crc32cx w0, w1, x2 */
    C(0x9ac25c20, 2, 0x6, 0, 0x0000000031146df3, 0x6), /* crc32cx w0, w1, x2 */
    C(0x9ac25c20, 3, 0x8, 0, 0x000000001d759829, 0x8), /* crc32cx w0, w1, x2 */
    C(0x9ac44ca3, 1, 0x9, 3, 0x000000005c5e33b2, 0x9), /* crc32x w3, w5, x4 */
    C(0x9ac44ca3, 3, 0x8, 3, 0x00000000494d559a, 0x8), /* crc32x w3, w5, x4 */
    C(0x1ac24c20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x9ac24820, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0xbac20820, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const Case cases_dp3[] = {
    C(0x9b020c20, 0, 0x2, 0, 0x7fffffffffffffff, 0x2), /* madd x0, x1, x2, x3 */
    C(0x9b020c20, 1, 0x9, 0, 0xbbbbbbbacdf00001, 0x9), /* madd x0, x1, x2, x3 */
    C(0x9b020c20, 2, 0x6, 0, 0x0000000000000420, 0x6), /* madd x0, x1, x2, x3 */
    C(0x9b020c20, 3, 0x8, 0, 0xffffffff80000003, 0x8), /* madd x0, x1, x2, x3 */
    C(0x1b020c20, 0, 0x2, 0, 0x00000000ffffffff, 0x2), /* madd w0, w1, w2, w3 */
    C(0x1b020c20, 1, 0x9, 0, 0x00000000cdf00001, 0x9), /* madd w0, w1, w2, w3 */
    C(0x1b020c20, 2, 0x6, 0, 0x0000000000000420, 0x6), /* madd w0, w1, w2, w3 */
    C(0x1b020c20, 3, 0x8, 0, 0x0000000080000003, 0x8), /* madd w0, w1, w2, w3 */
    C(0x9b028c20, 0, 0x2, 0, 0x8000000000000001, 0x2), /* msub x0, x1, x2, x3 */
    C(0x9b028c20, 1, 0x9, 0, 0x4444444332100001, 0x9), /* msub x0, x1, x2, x3 */
    C(0x9b028c20, 2, 0x6, 0, 0xfffffffffffffc60, 0x6), /* msub x0, x1, x2, x3 */
    C(0x9b028c20, 3, 0x8, 0, 0x0000000080000003, 0x8), /* msub x0, x1, x2, x3 */
    C(0x1b028c20, 0, 0x2, 0, 0x0000000000000001, 0x2), /* msub w0, w1, w2, w3 */
    C(0x1b028c20, 1, 0x9, 0, 0x0000000032100001, 0x9), /* msub w0, w1, w2, w3 */
    C(0x1b028c20, 2, 0x6, 0, 0x00000000fffffc60, 0x6), /* msub w0, w1, w2, w3 */
    C(0x1b028c20, 3, 0x8, 0, 0x0000000080000003, 0x8), /* msub w0, w1, w2, w3 */
    C(0x9b037c60, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* mul x0, x3, x3 */
    C(0x9b037c60, 1, 0x9, 0, 0xfffffffe00000001, 0x9), /* mul x0, x3, x3 */
    C(0x9b037c60, 2, 0x6, 0, 0x0000000000001000, 0x6), /* mul x0, x3, x3 */
    C(0x9b037c60, 3, 0x8, 0, 0x0000000000000009, 0x8), /* mul x0, x3, x3 */
    C(0x9b02fc20, 0, 0x2, 0, 0x0000000000000001, 0x2), /* mneg x0, x1, x2 */
    C(0x9b02fc20, 1, 0x9, 0, 0x4444444432100000, 0x9), /* mneg x0, x1, x2 */
    C(0x9b02fc20, 2, 0x6, 0, 0xfffffffffffffc20, 0x6), /* mneg x0, x1, x2 */
    C(0x9b02fc20, 3, 0x8, 0, 0x0000000080000000, 0x8), /* mneg x0, x1, x2 */
    C(0x9b220c20, 0, 0x2, 0, 0x7fffffffffffffff, 0x2), /* smaddl x0, w1, w2, x3 */
    C(0x9b220c20, 1, 0x9, 0, 0xffff89aacdf00001, 0x9), /* smaddl x0, w1, w2, x3 */
    C(0x9b220c20, 2, 0x6, 0, 0x0000000000000420, 0x6), /* smaddl x0, w1, w2, x3 */
    C(0x9b220c20, 3, 0x8, 0, 0x0000000080000003, 0x8), /* smaddl x0, w1, w2, x3 */
    C(0x9b228c20, 0, 0x2, 0, 0x8000000000000001, 0x2), /* smsubl x0, w1, w2, x3 */
    C(0x9b228c20, 1, 0x9, 0, 0x0000765332100001, 0x9), /* smsubl x0, w1, w2, x3 */
    C(0x9b228c20, 2, 0x6, 0, 0xfffffffffffffc60, 0x6), /* smsubl x0, w1, w2, x3 */
    C(0x9b228c20, 3, 0x8, 0, 0xffffffff80000003, 0x8), /* smsubl x0, w1, w2, x3 */
    C(0x9ba20c20, 0, 0x2, 0, 0x80000000ffffffff, 0x2), /* umaddl x0, w1, w2, x3 */
    C(0x9ba20c20, 1, 0x9, 0, 0x7653bbbacdf00001, 0x9), /* umaddl x0, w1, w2, x3 */
    C(0x9ba20c20, 2, 0x6, 0, 0x0000000000000420, 0x6), /* umaddl x0, w1, w2, x3 */
    C(0x9ba20c20, 3, 0x8, 0, 0x7fffffff80000003, 0x8), /* umaddl x0, w1, w2, x3 */
    C(0x9ba28c20, 0, 0x2, 0, 0x7fffffff00000001, 0x2), /* umsubl x0, w1, w2, x3 */
    C(0x9ba28c20, 1, 0x9, 0, 0x89ac444332100001, 0x9), /* umsubl x0, w1, w2, x3 */
    C(0x9ba28c20, 2, 0x6, 0, 0xfffffffffffffc60, 0x6), /* umsubl x0, w1, w2, x3 */
    C(0x9ba28c20, 3, 0x8, 0, 0x8000000080000003, 0x8), /* umsubl x0, w1, w2, x3 */
    C(0x9b267ca0, 0, 0x2, 0, 0xc000000080000000, 0x2), /* smull x0, w5, w6 */
    C(0x9b267ca0, 1, 0x9, 0, 0x0000000000000000, 0x9), /* smull x0, w5, w6 */
    C(0x9b267ca0, 2, 0x6, 0, 0x00000000000000e7, 0x6), /* smull x0, w5, w6 */
    C(0x9b267ca0, 3, 0x8, 0, 0x0000000035014542, 0x8), /* smull x0, w5, w6 */
    C(0x9ba77ce0, 0, 0x2, 0, 0xfffffffe00000001, 0x2), /* umull x0, w7, w7 */
    C(0x9ba77ce0, 1, 0x9, 0, 0x71c71c70e38e38e4, 0x9), /* umull x0, w7, w7 */
    C(0x9ba77ce0, 2, 0x6, 0, 0xfffffffc00000004, 0x6), /* umull x0, w7, w7 */
    C(0x9ba77ce0, 3, 0x8, 0, 0xfffffffc00000004, 0x8), /* umull x0, w7, w7 */
    C(0x9b427c20, 0, 0x2, 0, 0xffffffffffffffff, 0x2), /* smulh x0, x1, x2 */
    C(0x9b427c20, 1, 0x9, 0, 0xfffffffffedcbbbb, 0x9), /* smulh x0, x1, x2 */
    C(0x9b427c20, 2, 0x6, 0, 0x0000000000000000, 0x6), /* smulh x0, x1, x2 */
    C(0x9b427c20, 3, 0x8, 0, 0xffffffffffffffff, 0x8), /* smulh x0, x1, x2 */
    C(0x9b437c60, 0, 0x2, 0, 0x4000000000000000, 0x2), /* smulh x0, x3, x3 */
    C(0x9b437c60, 1, 0x9, 0, 0x0000000000000000, 0x9), /* smulh x0, x3, x3 */
    C(0x9b437c60, 2, 0x6, 0, 0x0000000000000000, 0x6), /* smulh x0, x3, x3 */
    C(0x9b437c60, 3, 0x8, 0, 0x0000000000000000, 0x8), /* smulh x0, x3, x3 */
    C(0x9bc27c20, 0, 0x2, RD_NONE, 0x0000000000000000, 0x2), /* umulh x0, x1, x2 */
    C(0x9bc27c20, 1, 0x9, 0, 0x00000000fedbbbbb, 0x9), /* umulh x0, x1, x2 */
    C(0x9bc27c20, 2, 0x6, 0, 0x0000000000000000, 0x6), /* umulh x0, x1, x2 */
    C(0x9bc27c20, 3, 0x8, 0, 0x000000007fffffff, 0x8), /* umulh x0, x1, x2 */
    C(0x9bc27c40, 0, 0x2, 0, 0xfffffffffffffffe, 0x2), /* umulh x0, x2, x2 */
    C(0x9bc27c40, 1, 0x9, 0, 0x0000000000000000, 0x9), /* umulh x0, x2, x2 */
    C(0x9bc27c40, 2, 0x6, 0, 0x0000000000000000, 0x6), /* umulh x0, x2, x2 */
    C(0x9bc27c40, 3, 0x8, 0, 0x0000000000000000, 0x8), /* umulh x0, x2, x2 */
    C(0x9bc57c87, 0, 0x2, 7, 0x000000003fffffff, 0x2), /* umulh x7, x4, x5 */
    C(0x9bc57c87, 1, 0x9, 7, 0x0000000080000000, 0x9), /* umulh x7, x4, x5 */
    C(0x9bc57c87, 2, 0x6, 7, 0x0000000000000006, 0x6), /* umulh x7, x4, x5 */
    C(0x9bc57c87, 3, 0x8, 7, 0xdeadbeefcafebab7, 0x8), /* umulh x7, x4, x5 */
    C(0x9b420020, 1, 0x9, 0, 0xfffffffffedcbbbb, 0x9), /* smulh x0, x1, x2 */
    C(0xbb020c20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x1b220c20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x9b42fc20, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const Case cases_unimp[] = {
    C(0x91800000, 0, 0x2, UNDEF, 0, 0x2), /* addg x0, x0, #0x0, #0x0 */
    C(0x11c00000, 0, 0x2, UNDEF, 0, 0x2), /* smax w0, w0, #0 */
    C(0xba000420, 0, 0x2, UNDEF, 0, 0x2), /* rmif x1, #0, #0 */
    C(0x3a00080d, 0, 0x2, UNDEF, 0, 0x2), /* setf8 w0 */
    C(0x9ac00000, 0, 0x2, UNDEF, 0, 0x2), /* subp x0, x0, x0 */
    C(0x9ac01000, 0, 0x2, UNDEF, 0, 0x2), /* irg x0, x0, x0 */
    C(0x9ac03000, 0, 0x2, UNDEF, 0, 0x2), /* pacga x0, x0, x0 */
    C(0x1ac06000, 0, 0x2, UNDEF, 0, 0x2), /* smax w0, w0, w0 */
    C(0x5ac01800, 0, 0x2, UNDEF, 0, 0x2), /* ctz w0, w0 */
    C(0x5ac01c00, 0, 0x2, UNDEF, 0, 0x2), /* cnt w0, w0 */
    C(0x5ac02000, 0, 0x2, UNDEF, 0, 0x2), /* abs w0, w0 */
    C(0xdac10000, 0, 0x2, UNDEF, 0, 0x2), /* pacia x0, x0 */
    C(0x9b600000, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
    C(0x9a002000, 0, 0x2, UNDEF, 0, 0x2), /* unallocated/unimplemented */
};
static const SeqCase cases_sequences[] = {
    S(0xab020020, 0x9a030000, 0, 0, 0, 0x2, 0x8000000000000001, 0x6), /* adds x0, x1, x2; adc x0, x0, x3 */
    S(0xab020020, 0x9a030000, 0, 0, 1, 0x9, 0xfedcba9876533211, 0x8), /* adds x0, x1, x2; adc x0, x0, x3 */
    S(0xab020020, 0x9a030000, 0, 0, 2, 0x6, 0x000000000000007f, 0x0), /* adds x0, x1, x2; adc x0, x0, x3 */
    S(0xab020020, 0x9a030000, 0, 0, 3, 0x8, 0x0000000080000003, 0x2), /* adds x0, x1, x2; adc x0, x0, x3 */
    S(0xeb020020, 0xfa040060, 0x1a9fa7e0, 0, 0, 0x2, 0x0000000000000001, 0x7), /* subs x0, x1, x2; sbcs x0, x3, x4; cset w0, lt */
    S(0xeb020020, 0xfa040060, 0x1a9fa7e0, 0, 1, 0x9, 0x0000000000000000, 0x2), /* subs x0, x1, x2; sbcs x0, x3, x4; cset w0, lt */
    S(0xeb020020, 0xfa040060, 0x1a9fa7e0, 0, 2, 0x6, 0x0000000000000000, 0x0), /* subs x0, x1, x2; sbcs x0, x3, x4; cset w0, lt */
    S(0xeb020020, 0xfa040060, 0x1a9fa7e0, 0, 3, 0x8, 0x0000000000000000, 0x0), /* subs x0, x1, x2; sbcs x0, x3, x4; cset w0, lt */
    S(0xeb02003f, 0xfa441064, 0x9a8600a0, 0, 0, 0x2, 0x000000007fffffff, 0x3), /* cmp x1, x2; ccmp x3, x4, #0x4, ne; csel x0, x5, x6, eq */
    S(0xeb02003f, 0xfa441064, 0x9a8600a0, 0, 1, 0x9, 0x5555555555555555, 0x2), /* cmp x1, x2; ccmp x3, x4, #0x4, ne; csel x0, x5, x6, eq */
    S(0xeb02003f, 0xfa441064, 0x9a8600a0, 0, 2, 0x6, 0x0000000100000021, 0x0), /* cmp x1, x2; ccmp x3, x4, #0x4, ne; csel x0, x5, x6, eq */
    S(0xeb02003f, 0xfa441064, 0x9a8600a0, 0, 3, 0x8, 0x00000000ffffffff, 0x0), /* cmp x1, x2; ccmp x3, x4, #0x4, ne; csel x0, x5, x6, eq */
    S(0x2b020020, 0x9a836400, 0, 0, 0, 0x2, 0x8000000000000001, 0x6), /* adds w0, w1, w2; csinc x0, x0, x3, vs */
    S(0x2b020020, 0x9a836400, 0, 0, 1, 0x9, 0xffffffff00000002, 0x2), /* adds w0, w1, w2; csinc x0, x0, x3, vs */
    S(0x2b020020, 0x9a836400, 0, 0, 2, 0x6, 0x0000000000000041, 0x0), /* adds w0, w1, w2; csinc x0, x0, x3, vs */
    S(0x2b020020, 0x9a836400, 0, 0, 3, 0x8, 0x000000007fffffff, 0x3), /* adds w0, w1, w2; csinc x0, x0, x3, vs */
    S(0xf240003f, 0xba430840, 0xda815420, 0, 0, 0x2, 0x0000000000000001, 0x0), /* tst x1, #0x1; ccmn x2, #0x3, #0x0, eq; cneg x0, x1, mi */
    S(0xf240003f, 0xba430840, 0xda815420, 0, 1, 0x9, 0xfedcba9876543210, 0x0), /* tst x1, #0x1; ccmn x2, #0x3, #0x0, eq; cneg x0, x1, mi */
    S(0xf240003f, 0xba430840, 0xda815420, 0, 2, 0x6, 0x0000000000000020, 0x0), /* tst x1, #0x1; ccmn x2, #0x3, #0x0, eq; cneg x0, x1, mi */
    S(0xf240003f, 0xba430840, 0xda815420, 0, 3, 0x8, 0xffffffffffffffff, 0x0), /* tst x1, #0x1; ccmn x2, #0x3, #0x0, eq; cneg x0, x1, mi */
    S(0xeb02003f, 0xeb04007f, 0x9a9f97e0, 0, 0, 0x2, 0x0000000000000001, 0x3), /* cmp x1, x2; cmp x3, x4; cset x0, hi */
    S(0xeb02003f, 0xeb04007f, 0x9a9f97e0, 0, 1, 0x9, 0x0000000000000001, 0x2), /* cmp x1, x2; cmp x3, x4; cset x0, hi */
    S(0xeb02003f, 0xeb04007f, 0x9a9f97e0, 0, 2, 0x6, 0x0000000000000000, 0x0), /* cmp x1, x2; cmp x3, x4; cset x0, hi */
    S(0xeb02003f, 0xeb04007f, 0x9a9f97e0, 0, 3, 0x8, 0x0000000000000000, 0x0), /* cmp x1, x2; cmp x3, x4; cset x0, hi */
    S(0xea020020, 0xba000000, 0, 0, 0, 0x2, 0x0000000000000002, 0x0), /* ands x0, x1, x2; adcs x0, x0, x0 */
    S(0xea020020, 0xba000000, 0, 0, 1, 0x9, 0x00000000eca80000, 0x0), /* ands x0, x1, x2; adcs x0, x0, x0 */
    S(0xea020020, 0xba000000, 0, 0, 2, 0x6, 0x0000000000000000, 0x4), /* ands x0, x1, x2; adcs x0, x0, x0 */
    S(0xea020020, 0xba000000, 0, 0, 3, 0x8, 0x0000000100000000, 0x0), /* ands x0, x1, x2; adcs x0, x0, x0 */
    S(0xd2800020, 0x8b000c00, 0x9b000400, 0, 0, 0x2, 0x0000000000000052, 0x2), /* mov x0, #0x1; add x0, x0, x0, lsl #3; madd x0, x0, x0, x1 */
    S(0xd2800020, 0x8b000c00, 0x9b000400, 0, 1, 0x9, 0xfedcba9876543261, 0x9), /* mov x0, #0x1; add x0, x0, x0, lsl #3; madd x0, x0, x0, x1 */
    S(0xd2800020, 0x8b000c00, 0x9b000400, 0, 2, 0x6, 0x0000000000000071, 0x6), /* mov x0, #0x1; add x0, x0, x0, lsl #3; madd x0, x0, x0, x1 */
    S(0xd2800020, 0x8b000c00, 0x9b000400, 0, 3, 0x8, 0x0000000000000050, 0x8), /* mov x0, #0x1; add x0, x0, x0, lsl #3; madd x0, x0, x0, x1 */
    S(0x2b02003f, 0x5a0303e0, 0, 0, 0, 0x2, 0x0000000000000000, 0x6), /* cmn w1, w2; ngc w0, w3 */
    S(0x2b02003f, 0x5a0303e0, 0, 0, 1, 0x9, 0x00000000ffffffff, 0x2), /* cmn w1, w2; ngc w0, w3 */
    S(0x2b02003f, 0x5a0303e0, 0, 0, 2, 0x6, 0x00000000ffffffbf, 0x0), /* cmn w1, w2; ngc w0, w3 */
    S(0x2b02003f, 0x5a0303e0, 0, 0, 3, 0x8, 0x00000000fffffffd, 0x3), /* cmn w1, w2; ngc w0, w3 */
    S(0x6b0600bf, 0x7a4028e2, 0xda020020, 0, 0, 0x2, 0x0000000000000002, 0xa), /* cmp w5, w6; ccmp w7, #0x0, #0x2, cs; sbc x0, x1, x2 */
    S(0x6b0600bf, 0x7a4028e2, 0xda020020, 0, 1, 0x9, 0xfedcba9776553210, 0x2), /* cmp w5, w6; ccmp w7, #0x0, #0x2, cs; sbc x0, x1, x2 */
    S(0x6b0600bf, 0x7a4028e2, 0xda020020, 0, 2, 0x6, 0x0000000000000001, 0x2), /* cmp w5, w6; ccmp w7, #0x0, #0x2, cs; sbc x0, x1, x2 */
    S(0x6b0600bf, 0x7a4028e2, 0xda020020, 0, 3, 0x8, 0xffffffff7fffffff, 0x2), /* cmp w5, w6; ccmp w7, #0x0, #0x2, cs; sbc x0, x1, x2 */
};

static void test_pcrel(void **state) { CHECK_CASES(cases_pcrel); }
static void test_addsub_imm(void **state) { CHECK_CASES(cases_addsub_imm); }
static void test_logic_imm(void **state) { CHECK_CASES(cases_logic_imm); }
static void test_movewide(void **state) { CHECK_CASES(cases_movewide); }
static void test_bitfield(void **state) { CHECK_CASES(cases_bitfield); }
static void test_extract(void **state) { CHECK_CASES(cases_extract); }
static void test_logic_reg(void **state) { CHECK_CASES(cases_logic_reg); }
static void test_addsub_shift(void **state) { CHECK_CASES(cases_addsub_shift); }
static void test_addsub_ext(void **state) { CHECK_CASES(cases_addsub_ext); }
static void test_adc(void **state) { CHECK_CASES(cases_adc); }
static void test_ccmp(void **state) { CHECK_CASES(cases_ccmp); }
static void test_csel(void **state) { CHECK_CASES(cases_csel); }
static void test_dp1(void **state) { CHECK_CASES(cases_dp1); }
static void test_dp2(void **state) { CHECK_CASES(cases_dp2); }
static void test_dp3(void **state) { CHECK_CASES(cases_dp3); }
static void test_unimp(void **state) { CHECK_CASES(cases_unimp); }
static void test_sequences(void **state) { CHECK_SEQS(cases_sequences); }

#define CASE_TESTS \
    cmocka_unit_test(test_pcrel), \
    cmocka_unit_test(test_addsub_imm), \
    cmocka_unit_test(test_logic_imm), \
    cmocka_unit_test(test_movewide), \
    cmocka_unit_test(test_bitfield), \
    cmocka_unit_test(test_extract), \
    cmocka_unit_test(test_logic_reg), \
    cmocka_unit_test(test_addsub_shift), \
    cmocka_unit_test(test_addsub_ext), \
    cmocka_unit_test(test_adc), \
    cmocka_unit_test(test_ccmp), \
    cmocka_unit_test(test_csel), \
    cmocka_unit_test(test_dp1), \
    cmocka_unit_test(test_dp2), \
    cmocka_unit_test(test_dp3), \
    cmocka_unit_test(test_unimp), \
    cmocka_unit_test(test_sequences),
/* END CASES */


/* ---- sweeps over whole immediate spaces ---- */

typedef struct Sweep {
    const char *name;
    uint32_t base;           /* the word with the swept field zero */
    unsigned shift, count;   /* the field: count values from bit shift */
    int set;
    uint64_t hash;           /* FNV-1a of (undef, x0, nzcv) for each value */
} Sweep;

static const Sweep sweeps[] = {
    /* ORR Xd/Wd, XZR, #imm and ANDS X0, X1, #imm over N:immr:imms; the
     * bitfield moves X1 into X0 over immr:imms; EXTR X0, X1, X0 over imms. */
    { "ORR (immediate), X", 0xb20003e0, 10, 8192, 0, 0xe082c2b909685e45ull }, /* 512 unallocated */
    { "ORR (immediate), W", 0x320003e0, 10, 8192, 0, 0xf7a2056adc4b49f5ull }, /* 4544 unallocated */
    { "ANDS (immediate), X", 0xf2000020, 10, 8192, 1, 0x09229841acc34a35ull }, /* 512 unallocated */
    { "SBFM, X", 0x93400020, 10, 4096, 1, 0xd51b1d14a297224dull }, /* 0 unallocated */
    { "SBFM, W", 0x13000020, 10, 4096, 1, 0x7eb6128c4dde5269ull }, /* 3072 unallocated */
    { "BFM, X", 0xb3400020, 10, 4096, 1, 0x74ee0dfd6a52ace1ull }, /* 0 unallocated */
    { "BFM, W", 0x33000020, 10, 4096, 1, 0x79235a89c51a040dull }, /* 3072 unallocated */
    { "UBFM, X", 0xd3400020, 10, 4096, 1, 0xbcef99bfb30c7c2dull }, /* 0 unallocated */
    { "UBFM, W", 0x53000020, 10, 4096, 1, 0x2212cca2d3d67e09ull }, /* 3072 unallocated */
    { "EXTR, X", 0x93c00020, 10, 64, 1, 0xe67a533c309f461dull }, /* 0 unallocated */
    { "EXTR, W", 0x13800020, 10, 64, 1, 0x709bc21d2347e929ull }, /* 32 unallocated */
};

static uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 0x100000001b3ull;
    }
    return h;
}

static void test_sweeps(void **state)
{
    int bad = 0;
    for (size_t i = 0; i < sizeof(sweeps) / sizeof(sweeps[0]); i++) {
        const Sweep *sw = &sweeps[i];
        uint64_t h = 0xcbf29ce484222325ull;
        for (unsigned v = 0; v < sw->count; v++) {
            RunResult r;
            run_insn(sw->base | (v << sw->shift), sw->set, 0, &r);
            uint8_t u = r.undef, nz = r.nzcv;
            h = fnv1a(h, &u, 1);
            h = fnv1a(h, &r.regs[0], 8);
            h = fnv1a(h, &nz, 1);
        }
        if (h != sw->hash) {
            print_message("sweep %s: hash %016llx, want %016llx\n", sw->name,
                          (unsigned long long)h, (unsigned long long)sw->hash);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    guest_code_fetch = test_code_fetch;
    const struct CMUnitTest tests[] = {
        CASE_TESTS
        cmocka_unit_test(test_sweeps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
