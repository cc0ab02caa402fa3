/* Owns: integer arithmetic and NZCV edge cases of the A64 data-processing
 * instructions (add/sub with carry, shifts by large amounts, divide by zero,
 * multiply-high, bit counting, conditional select/compare, bitfields, EXTR,
 * extended-register operands). Everything goes through inline asm so the
 * instruction under test is the one that runs at -O0 and -O2 alike. */
#include <stdint.h>
#include <stdio.h>

typedef uint64_t u64;

static const u64 vals[] = {
    0, 1, 0x7fffffff, 0x80000000, 0xffffffff,
    0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff,
};
#define NVALS (sizeof(vals) / sizeof(vals[0]))

/* op with flags: NZCV is set to `init` first (carry-in for adcs/sbcs, and
 * shows that flag-setting ops overwrite all four bits). */
#define FLAGOP(fn, insn, R)                                                  \
    static u64 fn(u64 a, u64 b, u64 init, u64 *flags)                        \
    {                                                                        \
        u64 r, f;                                                            \
        asm volatile("msr nzcv, %3\n\t" insn " %" R "0, %" R "2, %" R "4\n\t" \
                     "mrs %1, nzcv"                                          \
                     : "=&r"(r), "=&r"(f)                                    \
                     : "r"(a), "r"(init << 28), "r"(b)                       \
                     : "cc");                                                \
        *flags = f >> 28;                                                    \
        return r;                                                            \
    }
FLAGOP(adds_x, "adds", "x") FLAGOP(adds_w, "adds", "w")
FLAGOP(subs_x, "subs", "x") FLAGOP(subs_w, "subs", "w")
FLAGOP(adcs_x, "adcs", "x") FLAGOP(adcs_w, "adcs", "w")
FLAGOP(sbcs_x, "sbcs", "x") FLAGOP(sbcs_w, "sbcs", "w")
FLAGOP(ands_x, "ands", "x") FLAGOP(ands_w, "ands", "w")
FLAGOP(bics_x, "bics", "x") FLAGOP(bics_w, "bics", "w")
FLAGOP(adc_x, "adc", "x")   FLAGOP(sbc_w, "sbc", "w")

typedef u64 (*flagop_fn)(u64, u64, u64, u64 *);
static const struct { const char *name; flagop_fn fn; u64 init; } flagops[] = {
    {"adds.x", adds_x, 0}, {"adds.w", adds_w, 0},
    {"subs.x", subs_x, 0xf}, {"subs.w", subs_w, 0xf},
    {"adcs.x c0", adcs_x, 0}, {"adcs.x c1", adcs_x, 2},
    {"adcs.w c0", adcs_w, 0xd}, {"adcs.w c1", adcs_w, 2},
    {"sbcs.x c0", sbcs_x, 0}, {"sbcs.x c1", sbcs_x, 2},
    {"sbcs.w c0", sbcs_w, 0xd}, {"sbcs.w c1", sbcs_w, 2},
    {"ands.x", ands_x, 0xf}, {"ands.w", ands_w, 0xf},
    {"bics.x", bics_x, 0xf}, {"bics.w", bics_w, 0xf},
    {"adc.x c1", adc_x, 0x2}, {"sbc.w c0", sbc_w, 0x0},
};

static void test_flags(void)
{
    for (unsigned k = 0; k < sizeof(flagops) / sizeof(flagops[0]); k++)
        for (unsigned i = 0; i < NVALS; i++)
            for (unsigned j = 0; j < NVALS; j++) {
                u64 f, r = flagops[k].fn(vals[i], vals[j], flagops[k].init, &f);
                printf("%-9s %lx %lx = %lx nzcv=%lx\n", flagops[k].name,
                       vals[i], vals[j], r, f);
            }
    /* immediate forms */
    u64 r, f, a = 0xfffffffffffff000;
    asm volatile("adds %0, %2, #4095\n\tmrs %1, nzcv" : "=r"(r), "=r"(f) : "r"(a) : "cc");
    printf("adds #4095: %lx nzcv=%lx\n", r, f >> 28);
    asm volatile("adds %0, %2, #1, lsl #12\n\tmrs %1, nzcv" : "=r"(r), "=r"(f) : "r"(a) : "cc");
    printf("adds #1,lsl12: %lx nzcv=%lx\n", r, f >> 28);
    asm volatile("subs %w0, %w2, #1\n\tmrs %1, nzcv" : "=r"(r), "=r"(f) : "r"(a) : "cc");
    printf("subs.w #1: %lx nzcv=%lx\n", r, f >> 28);
    asm volatile("cmn %w1, #1\n\tmrs %0, nzcv" : "=r"(f) : "r"(0xffffffffUL) : "cc");
    printf("cmn.w -1,#1: nzcv=%lx\n", f >> 28);
    asm volatile("negs %0, %2\n\tmrs %1, nzcv" : "=r"(r), "=r"(f) : "r"(vals[6]) : "cc");
    printf("negs INT64_MIN: %lx nzcv=%lx\n", r, f >> 28);
    asm volatile("ngcs %w0, %w2\n\tmrs %1, nzcv" : "=r"(r), "=r"(f) : "r"(0UL) : "cc");
    printf("ngcs.w 0 (c from negs): %lx nzcv=%lx\n", r, f >> 28);
}

#define SHIFT4(R, a, n, o)                                                  \
    asm("lslv %" R "0, %" R "4, %" R "5\n\tlsrv %" R "1, %" R "4, %" R "5\n\t" \
        "asrv %" R "2, %" R "4, %" R "5\n\trorv %" R "3, %" R "4, %" R "5"     \
        : "=&r"(o[0]), "=&r"(o[1]), "=&r"(o[2]), "=&r"(o[3]) : "r"(a), "r"(n))

static void test_shifts(void)
{
    static const u64 amounts[] = {0, 1, 4, 31, 32, 33, 63, 64, 65, 127, 0xffffffffffffffff};
    u64 a = 0x8123456789abcdef, o[4];
    for (unsigned i = 0; i < sizeof(amounts) / sizeof(amounts[0]); i++) {
        SHIFT4("x", a, amounts[i], o);
        printf("shift.x %lx by %lx: lsl=%lx lsr=%lx asr=%lx ror=%lx\n", a, amounts[i],
               o[0], o[1], o[2], o[3]);
        SHIFT4("w", a, amounts[i], o);
        printf("shift.w %lx by %lx: lsl=%lx lsr=%lx asr=%lx ror=%lx\n", a, amounts[i],
               o[0], o[1], o[2], o[3]);
    }
}

static void test_div(void)
{
    static const u64 pairs[][2] = {
        {7, 2}, {-7UL, 2}, {7, -2UL}, {-7UL, -2UL}, {12345, 0}, {0, 0},
        {0x8000000000000000, -1UL}, {0x80000000, 0xffffffff}, {-1UL, 1},
        {0xffffffff, 0x10}, {0x123456789abcdef0, 0x1234},
    };
    for (unsigned i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        u64 a = pairs[i][0], b = pairs[i][1], ux, sx, uw, sw;
        asm("udiv %0, %4, %5\n\tsdiv %1, %4, %5\n\tudiv %w2, %w4, %w5\n\tsdiv %w3, %w4, %w5"
            : "=&r"(ux), "=&r"(sx), "=&r"(uw), "=&r"(sw) : "r"(a), "r"(b));
        printf("div %lx / %lx: udiv.x=%lx sdiv.x=%lx udiv.w=%lx sdiv.w=%lx\n",
               a, b, ux, sx, uw, sw);
    }
}

static void test_mul(void)
{
    static const u64 m[] = {3, 0xffffffff, 0x80000000, 0x7fffffffffffffff,
                            0xffffffffffffffff, 0x123456789abcdef1};
    for (unsigned i = 0; i < 6; i++)
        for (unsigned j = 0; j < 6; j++) {
            u64 a = m[i], b = m[j], c = 0x1111111111111111, o[8];
            asm("madd %0, %8, %9, %10\n\tmsub %1, %8, %9, %10\n\t"
                "smulh %2, %8, %9\n\tumulh %3, %8, %9\n\t"
                "smaddl %4, %w8, %w9, %10\n\tumaddl %5, %w8, %w9, %10\n\t"
                "smsubl %6, %w8, %w9, %10\n\tmneg %w7, %w8, %w9"
                : "=&r"(o[0]), "=&r"(o[1]), "=&r"(o[2]), "=&r"(o[3]), "=&r"(o[4]),
                  "=&r"(o[5]), "=&r"(o[6]), "=&r"(o[7])
                : "r"(a), "r"(b), "r"(c));
            printf("mul %lx %lx: madd=%lx msub=%lx smulh=%lx umulh=%lx smaddl=%lx "
                   "umaddl=%lx smsubl=%lx mneg.w=%lx\n",
                   a, b, o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7]);
        }
}

static void test_bits(void)
{
    static const u64 v[] = {0, 1, 0x80, 0xffffffff, 0x7fffffff00000000,
                            0xffffffffffffffff, 0x0123456789abcdef, 0xfff0000000000000,
                            0x00000000c0000001};
    for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        u64 a = v[i], o[6], w[5];
        asm("clz %0, %6\n\tcls %1, %6\n\trbit %2, %6\n\trev %3, %6\n\t"
            "rev16 %4, %6\n\trev32 %5, %6"
            : "=&r"(o[0]), "=&r"(o[1]), "=&r"(o[2]), "=&r"(o[3]), "=&r"(o[4]), "=&r"(o[5])
            : "r"(a));
        asm("clz %w0, %w5\n\tcls %w1, %w5\n\trbit %w2, %w5\n\trev %w3, %w5\n\t"
            "rev16 %w4, %w5"
            : "=&r"(w[0]), "=&r"(w[1]), "=&r"(w[2]), "=&r"(w[3]), "=&r"(w[4]) : "r"(a));
        printf("bits.x %lx: clz=%lu cls=%lu rbit=%lx rev=%lx rev16=%lx rev32=%lx\n",
               a, o[0], o[1], o[2], o[3], o[4], o[5]);
        printf("bits.w %lx: clz=%lu cls=%lu rbit=%lx rev=%lx rev16=%lx\n",
               a, w[0], w[1], w[2], w[3], w[4]);
    }
}

/* bit f of the mask is set when the condition holds with NZCV = f */
#define CONDMASK(c)                                                          \
    static unsigned mask_##c(void)                                           \
    {                                                                        \
        unsigned m = 0;                                                      \
        for (u64 f = 0; f < 16; f++) {                                       \
            u64 r;                                                           \
            asm volatile("msr nzcv, %1\n\tcsel %0, %2, %3, " #c                \
                         : "=r"(r) : "r"(f << 28), "r"(1UL), "r"(0UL) : "cc");  \
            m |= (unsigned)r << f;                                           \
        }                                                                    \
        return m;                                                            \
    }
CONDMASK(eq) CONDMASK(ne) CONDMASK(cs) CONDMASK(cc) CONDMASK(mi) CONDMASK(pl)
CONDMASK(vs) CONDMASK(vc) CONDMASK(hi) CONDMASK(ls) CONDMASK(ge) CONDMASK(lt)
CONDMASK(gt) CONDMASK(le) CONDMASK(al) CONDMASK(nv)

static void test_cond(void)
{
    printf("cond masks: eq=%04x ne=%04x cs=%04x cc=%04x mi=%04x pl=%04x vs=%04x vc=%04x\n",
           mask_eq(), mask_ne(), mask_cs(), mask_cc(), mask_mi(), mask_pl(), mask_vs(),
           mask_vc());
    printf("cond masks: hi=%04x ls=%04x ge=%04x lt=%04x gt=%04x le=%04x al=%04x nv=%04x\n",
           mask_hi(), mask_ls(), mask_ge(), mask_lt(), mask_gt(), mask_le(), mask_al(),
           mask_nv());
    static const u64 pairs[][2] = {{5, 9}, {0xffffffffffffffff, 0x80000000},
                                   {0x8000000000000000, 0x7fffffff}};
    for (unsigned i = 0; i < 3; i++)
        for (u64 z = 0; z < 2; z++) {
            u64 a = pairs[i][0], b = pairs[i][1], o[6];
            asm volatile("msr nzcv, %6\n\tcsinc %0, %7, %8, eq\n\tcsinv %1, %7, %8, eq\n\t"
                         "csneg %2, %7, %8, eq\n\tcsinc %w3, %w7, %w8, eq\n\t"
                         "csinv %w4, %w7, %w8, eq\n\tcsneg %w5, %w7, %w8, eq"
                         : "=&r"(o[0]), "=&r"(o[1]), "=&r"(o[2]), "=&r"(o[3]),
                           "=&r"(o[4]), "=&r"(o[5])
                         : "r"(z << 30), "r"(a), "r"(b) : "cc");
            printf("csel Z=%lu %lx %lx: csinc=%lx csinv=%lx csneg=%lx w: %lx %lx %lx\n",
                   z, a, b, o[0], o[1], o[2], o[3], o[4], o[5]);
        }
    /* conditional compare: Z set in the initial flags makes eq true */
    for (u64 init = 0; init < 16; init += 5)
        for (unsigned i = 0; i < NVALS; i += 3) {
            u64 a = vals[i], b = vals[(i + 5) % NVALS], f[5];
            asm volatile("msr nzcv, %5\n\tccmp %6, %7, #0xa, eq\n\tmrs %0, nzcv\n\t"
                         "msr nzcv, %5\n\tccmn %6, %7, #3, ne\n\tmrs %1, nzcv\n\t"
                         "msr nzcv, %5\n\tccmp %w6, #31, #0xf, cs\n\tmrs %2, nzcv\n\t"
                         "msr nzcv, %5\n\tccmn %w6, %w7, #0, ge\n\tmrs %3, nzcv\n\t"
                         "msr nzcv, %5\n\tccmp %6, #0, #4, hi\n\tmrs %4, nzcv"
                         : "=&r"(f[0]), "=&r"(f[1]), "=&r"(f[2]), "=&r"(f[3]), "=&r"(f[4])
                         : "r"(init << 28), "r"(a), "r"(b) : "cc");
            printf("ccmp init=%lx %lx %lx: %lx %lx %lx %lx %lx\n", init, a, b,
                   f[0] >> 28, f[1] >> 28, f[2] >> 28, f[3] >> 28, f[4] >> 28);
        }
}

#define BF(name, insn_x, insn_w)                                             \
    do {                                                                     \
        u64 x = 0x5555555555555555, w = 0x5555555555555555;                  \
        asm(insn_x : "+r"(x) : "r"(src));                                    \
        asm(insn_w : "+r"(w) : "r"(src));                                    \
        printf("%-22s x=%016lx w=%lx\n", name, x, w);                        \
    } while (0)

static void test_bitfield(void)
{
    u64 src = 0x8123456789abcdef;
    BF("ubfx 4,8", "ubfx %0, %1, #4, #8", "ubfx %w0, %w1, #4, #8");
    BF("ubfx 60,4 / 28,4", "ubfx %0, %1, #60, #4", "ubfx %w0, %w1, #28, #4");
    BF("sbfx 4,8", "sbfx %0, %1, #4, #8", "sbfx %w0, %w1, #4, #8");
    BF("sbfx 56,8 / 24,8", "sbfx %0, %1, #56, #8", "sbfx %w0, %w1, #24, #8");
    BF("sbfx 0,1", "sbfx %0, %1, #0, #1", "sbfx %w0, %w1, #0, #1");
    BF("bfi 8,12", "bfi %0, %1, #8, #12", "bfi %w0, %w1, #8, #12");
    BF("bfi 52,12 / 20,12", "bfi %0, %1, #52, #12", "bfi %w0, %w1, #20, #12");
    BF("bfxil 12,16", "bfxil %0, %1, #12, #16", "bfxil %w0, %w1, #12, #16");
    BF("ubfiz 3,20", "ubfiz %0, %1, #3, #20", "ubfiz %w0, %w1, #3, #20");
    BF("sbfiz 40,20 / 8,20", "sbfiz %0, %1, #40, #20", "sbfiz %w0, %w1, #8, #20");
    BF("ubfm 10,5", "ubfm %0, %1, #10, #5", "ubfm %w0, %w1, #10, #5");
    BF("sbfm 63,62 / 31,30", "sbfm %0, %1, #63, #62", "sbfm %w0, %w1, #31, #30");
    BF("bfm 17,3", "bfm %0, %1, #17, #3", "bfm %w0, %w1, #17, #3");
    BF("bfm 3,17", "bfm %0, %1, #3, #17", "bfm %w0, %w1, #3, #17");
    BF("sxtb/sxth", "sxtb %0, %w1", "sxth %w0, %w1");
    BF("sxtw/uxth", "sxtw %0, %w1", "uxth %w0, %w1");
    BF("lsl 13 / asr 7", "lsl %0, %1, #13", "asr %w0, %w1, #7");
    BF("extr 0", "extr %0, %1, %0, #0", "extr %w0, %w1, %w0, #0");
    BF("extr 1", "extr %0, %1, %0, #1", "extr %w0, %w1, %w0, #1");
    BF("extr 32 / 16", "extr %0, %1, %0, #32", "extr %w0, %w1, %w0, #16");
    BF("extr 63 / 31", "extr %0, %1, %0, #63", "extr %w0, %w1, %w0, #31");
    BF("ror 20 / 20", "ror %0, %1, #20", "ror %w0, %w1, #20");
    BF("movk 16 / movk 0", "movk %0, #0xbeef, lsl #16", "movk %w0, #0xbeef");
    BF("movn 48 / movn 16", "movn %0, #0x1234, lsl #48", "movn %w0, #0x1234, lsl #16");
    BF("eon ror / orn lsr", "eon %0, %0, %1, ror #12", "orn %w0, %w0, %w1, lsr #3");
    BF("and asr / bic lsl", "and %0, %0, %1, asr #33", "bic %w0, %w0, %w1, lsl #31");
    BF("orr imm / eor imm", "orr %0, %0, #0xff000000000000ff", "eor %w0, %w0, #0x3c3c3c3c");
}

#define EXT(ext, sh, R)                                                      \
    do {                                                                     \
        u64 r;                                                               \
        asm("add %0, %1, %" R "2, " #ext " #" #sh : "=r"(r) : "r"(base), "r"(v)); \
        printf(" %lx", r);                                                   \
    } while (0)
#define EXT5(ext, R)                                                         \
    do {                                                                     \
        printf("add ext %-4s %lx:", #ext, v);                                 \
        EXT(ext, 0, R); EXT(ext, 1, R); EXT(ext, 2, R);                       \
        EXT(ext, 3, R); EXT(ext, 4, R);                                      \
        printf("\n");                                                        \
    } while (0)

static void test_extend(void)
{
    static const u64 v2[] = {0x00000000000000f7, 0xfedcba9876548321};
    u64 base = 0x1000000000000000;
    for (unsigned i = 0; i < 2; i++) {
        u64 v = v2[i];
        EXT5(uxtb, "w"); EXT5(uxth, "w"); EXT5(uxtw, "w"); EXT5(uxtx, "x");
        EXT5(sxtb, "w"); EXT5(sxth, "w"); EXT5(sxtw, "w"); EXT5(sxtx, "x");
        u64 r, f;
        asm volatile("subs %w0, %w2, %w3, sxtb #2\n\tmrs %1, nzcv"
                     : "=r"(r), "=r"(f) : "r"(base), "r"(v) : "cc");
        printf("subs.w sxtb #2: %lx nzcv=%lx\n", r, f >> 28);
        asm volatile("adds %0, %2, %w3, uxth #4\n\tmrs %1, nzcv"
                     : "=r"(r), "=r"(f) : "r"(-base), "r"(v) : "cc");
        printf("adds.x uxth #4: %lx nzcv=%lx\n", r, f >> 28);
    }
}

int main(void)
{
    test_flags();
    test_shifts();
    test_div();
    test_mul();
    test_bits();
    test_cond();
    test_bitfield();
    test_extend();
    return 0;
}
