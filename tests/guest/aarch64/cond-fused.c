/* Owns: conditions right after the instruction that set the flags (CMP,
 * CMN, TST, SUBS, ADDS, ANDS, CCMP and CCMN with immediate flags that
 * a compare's lazy form can and cannot give, then B.cond, CSEL or CSET), which
 * mimic evaluates on that instruction's operands instead of on NZCV
 * (target-arm/a64-flags.c): every condition on edge values at both
 * widths, with an instruction between that leaves the flags alone, one
 * that overwrites an operand's register and one that sets the flags
 * again.  The setters leave NZCV in a lazy form: the uses "next" and "far"
 * read it in another block, one the setter's block sees (its exit computes
 * the flags) and one it does not (the flags are computed where read, from
 * the lazy form).  One line per setter and use: a hash of all results. */
#include <stdint.h>
#include <stdio.h>

#define SETTERS(X)                                                  \
    X(cmp_x, "cmp %x1, %x2")                                        \
    X(cmp_w, "cmp %w1, %w2")                                        \
    X(cmn_x, "cmn %x1, %x2")                                        \
    X(cmn_w, "cmn %w1, %w2")                                        \
    X(tst_x, "tst %x1, %x2")                                        \
    X(tst_w, "tst %w1, %w2")                                        \
    X(subs_x, "subs x9, %x1, %x2")                                  \
    X(subs_w, "subs w9, %w1, %w2")                                  \
    X(adds_x, "adds x9, %x1, %x2")                                  \
    X(adds_w, "adds w9, %w1, %w2")                                  \
    X(ands_x, "ands x9, %x1, %x2")                                  \
    X(ands_w, "ands w9, %w1, %w2")                                  \
    X(cmp_x_imm, "cmp %x1, #5")                                     \
    X(cmp_w_imm, "cmp %w1, #0")                                     \
    X(cmn_x_imm, "cmn %x1, #5")                                     \
    X(cmn_w_imm, "cmn %w1, #1")                                     \
    X(cmn_x_0, "cmn %x1, #0")                                       \
    X(tst_x_top, "tst %x1, #0x8000000000000000")                    \
    X(tst_w_top, "tst %w1, #0x80000000")                            \
    X(ccmp, "cmp %x2, #3\n\tccmp %x1, %x2, #4, ne")                 \
    X(ccmp_0, "cmp %x2, #3\n\tccmp %x1, %x2, #0, ne")               \
    X(ccmp_w2, "cmp %w2, #0\n\tccmp %w1, %w2, #2, ne")              \
    X(ccmp_8, "cmp %x2, %x1\n\tccmp %x1, #5, #8, hs")               \
    X(ccmp_9, "cmp %x2, #5\n\tccmp %x1, %x2, #9, lt")               \
    X(ccmp_6, "cmp %x2, #2\n\tccmp %x1, %x2, #6, gt")               \
    X(ccmp_1, "cmp %x2, #3\n\tccmp %x1, %x2, #1, ne")               \
    X(ccmp_w13, "cmp %w2, #7\n\tccmp %w1, %w2, #13, le")            \
    X(ccmn_4, "cmp %x2, #3\n\tccmn %x1, %x2, #4, ne")               \
    X(ccmn_w0, "tst %w2, #1\n\tccmn %w1, #7, #0, eq")               \
    X(between, "cmp %x1, %x2\n\tmov x10, #7")                       \
    X(overwritten, "mov x10, %x1\n\tcmp x10, %x2\n\tmov x10, #7")   \
    X(reset, "cmp %x1, %x2\n\ttst %x2, %x1")                        \
    X(adc_after, "cmp %x1, %x2\n\tadcs x10, %x1, %x2")

#define CONDS(X, n, s)                                              \
    X(n, s, eq) X(n, s, ne) X(n, s, hs) X(n, s, lo) X(n, s, mi)     \
    X(n, s, pl) X(n, s, vs) X(n, s, vc) X(n, s, hi) X(n, s, ls)     \
    X(n, s, ge) X(n, s, lt) X(n, s, gt) X(n, s, le)

typedef uint64_t (*Fn)(uint64_t, uint64_t);

/* One function per (setter, condition) and use: the setter s, then the
 * use's code, which leaves 0 or 1 (or a or b) in r. */
#define DEF_USE(use, code, n, s, cc)                                          \
    static uint64_t use##_##n##_##cc(uint64_t a, uint64_t b)                  \
    {                                                                         \
        uint64_t r;                                                           \
        __asm__ volatile(s "\n\t" code                                         \
                         : "=&r"(r) : "r"(a), "r"(b) : "cc", "x9", "x10");    \
        return r;                                                             \
    }
#define DEF_BR(n, s, cc)                                                      \
    DEF_USE(br, "b." #cc " 1f\n\tmov %x0, #0\n\tb 2f\n1:\tmov %x0, #1\n2:", n, s, cc)
#define DEF_CSEL(n, s, cc) DEF_USE(csel, "csel %x0, %x1, %x2, " #cc, n, s, cc)
#define DEF_CSET(n, s, cc) DEF_USE(cset, "cset %w0, " #cc, n, s, cc)
#define DEF_NEXT(n, s, cc) DEF_USE(next, "b 3f\n3:\tcset %w0, " #cc, n, s, cc)
#define DEF_FAR(n, s, cc) DEF_USE(far, "b 3f\n3:\tb 4f\n4:\tcset %w0, " #cc, n, s, cc)
#define DEF_ALL(n, s) CONDS(DEF_BR, n, s) CONDS(DEF_CSEL, n, s) CONDS(DEF_CSET, n, s) \
    CONDS(DEF_NEXT, n, s) CONDS(DEF_FAR, n, s)
SETTERS(DEF_ALL)

#define PTR_BR(n, s, cc) br_##n##_##cc,
#define PTR_CSEL(n, s, cc) csel_##n##_##cc,
#define PTR_CSET(n, s, cc) cset_##n##_##cc,
#define PTR_NEXT(n, s, cc) next_##n##_##cc,
#define PTR_FAR(n, s, cc) far_##n##_##cc,
#define ROW(n, s)                                                             \
    { #n, { { CONDS(PTR_BR, n, s) }, { CONDS(PTR_CSEL, n, s) },               \
      { CONDS(PTR_CSET, n, s) }, { CONDS(PTR_NEXT, n, s) },                   \
      { CONDS(PTR_FAR, n, s) } } },

static const struct {
    const char *name;
    Fn fn[5][14];
} setters[] = { SETTERS(ROW) };

static const uint64_t values[] = {
    0, 1, 2, 3, 5, 7, 0x7f, 0x80, 0xfff, 0x7fffffff, 0x80000000, 0xfffffffb,
    0xffffffff, 0x100000000, 0x100000005, 0x7fffffffffffffff, 0x8000000000000000,
    0x8000000000000001, 0xfffffffffffffffb, 0xfffffffffffffffe, 0xffffffffffffffff,
    0x123456789abcdef0, 0xfedcba9876543210,
};
#define NVAL (sizeof(values) / sizeof(values[0]))

int main(void)
{
    static const char *const uses[] = { "b.cond", "csel", "cset", "next", "far" };
    for (unsigned s = 0; s < sizeof(setters) / sizeof(setters[0]); s++) {
        for (int u = 0; u < 5; u++) {
            uint64_t h = 0;
            for (unsigned i = 0; i < NVAL; i++) {
                for (unsigned j = 0; j < NVAL; j++) {
                    for (int c = 0; c < 14; c++) {
                        h = (h ^ setters[s].fn[u][c](values[i], values[j])) *
                            0x100000001b3ull;
                    }
                }
            }
            printf("%-12s %-6s %016llx\n", setters[s].name, uses[u], (unsigned long long)h);
        }
    }
    return 0;
}
