/* Owns: the FP and SIMD instructions the JIT computes inline on the host
 * when that is exact (compares, conversions, square root, fused
 * multiply-add, by-element multiplies, vector compares with registers and
 * with zero, absolute compares and difference, FMULX, pairwise ops,
 * vector conversions, FRINT and the rounding conversions, vector FRINT,
 * FCVTL and FCVTN, the FP reductions and 64-bit pairwise ops, integer
 * lane ops, the fixed-point conversions, FCVTAS/FCVTAU and the rounding
 * conversions of vectors of doubles, FCVTXN, FCVT to and from half
 * precision, also with FPCR.AHP, and FCVTL and FCVTN of halves, the
 * estimates FRECPE, FRSQRTE, FRECPX, URECPE and URSQRTE),
 * run on edge values (zeros, denormals, infinities, NaNs, the ends of the
 * integer ranges) under every rounding mode and with FZ on and off, with
 * the result and FPSR recorded after each (a hash per instruction and
 * FPCR; -v prints every one): the host path and the fallback must agree
 * with the architecture wherever the values lead. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint64_t d_vals[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
    0xbff8000000000000ull, 0x0000000000000001ull, 0x000fffffffffffffull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff4000000000000ull, 0x7fefffffffffffffull, 0x41dfffffffc00000ull,
    0xc1e0000000000000ull, 0x43e0000000000000ull, 0xbfe0000000000000ull,
    0x4330000000000001ull, 0x3fb999999999999aull, 0x0020000000000000ull,
};
static const uint32_t s_vals[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x00000001, 0x007fffff,
    0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0x7f7fffff, 0x4f000000,
    0xcf000000, 0x5f000000, 0xbf000000, 0x3dcccccd, 0x00800000, 0x01000000,
};
#define N(a) (sizeof(a) / sizeof((a)[0]))
/* Appends the array src to dst, whose count is n. */
#define APPEND(dst, n, src)                                                   \
    for (size_t k_ = 0; k_ < N(src); k_++) {                                  \
        (dst)[(n)++] = (src)[k_];                                             \
    }

static void set_fpcr(uint64_t v) { __asm__ volatile("msr fpcr, %0" : : "r"(v)); }
static void set_fpsr(uint64_t v) { __asm__ volatile("msr fpsr, %0" : : "r"(v)); }
static uint64_t get_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}

/* FPCR settings: RMode (bits 23:22) 0-3, FZ (bit 24), DN (bit 25). */
static const uint64_t modes[] = { 0, 1ull << 22, 2ull << 22, 3ull << 22, 1ull << 24, 1ull << 25 };

/* Each instruction's results and FPSRs under one FPCR, as a hash printed
 * per instruction (with -v: every one). */
typedef struct Acc {
    const char *name;
    uint64_t h;
    struct Acc *next;
} Acc;
static Acc *accs, **accs_end = &accs;
static int verbose;

static void acc_add(Acc *a, uint64_t v)
{
    if (!a->next && accs_end != &a->next) {
        *accs_end = a;
        accs_end = &a->next;
    }
    for (int k = 0; k < 8; k++) {
        a->h = (a->h ^ (uint8_t)(v >> 8 * k)) * 0x100000001b3ull;
    }
}

/* The two halves of the 16 bytes at r (into w) and FPSR. */
static void acc_vec(Acc *a, const void *r, uint64_t fpsr, uint64_t w[2])
{
    memcpy(w, r, 16);
    acc_add(a, w[0]);
    acc_add(a, w[1]);
    acc_add(a, fpsr);
}

static void acc_print(void)
{
    for (Acc *a = accs; a; a = a->next) {
        printf("  %-12s %016llx\n", a->name, (unsigned long long)a->h);
        a->h = 0;
    }
}

/* Runs one instruction, FPSR cleared or with IXC set first (the host
 * path needs IXC set), and records its result and FPSR. */
#define RUN(name, fmt, ...)                                                   \
    do {                                                                      \
        static Acc acc_ = { name };                                           \
        for (int ixc = 0; ixc < 2; ixc++) {                                   \
            set_fpsr(ixc ? 0x10 : 0);                                         \
            uint64_t r_ = 0;                                                  \
            __VA_ARGS__;                                                      \
            uint64_t fpsr_ = get_fpsr();                                      \
            acc_add(&acc_, r_);                                               \
            acc_add(&acc_, fpsr_);                                            \
            if (verbose) {                                                    \
                printf("%s " fmt " -> %016llx fpsr %llx\n", name, ARGS,       \
                       (unsigned long long)r_, (unsigned long long)fpsr_);    \
            }                                                                 \
        }                                                                     \
    } while (0)

/* A conditional compare after Z and C are set (cmp xzr, xzr), so that
 * its condition decides, and the NZCV it leaves. */
#define RUN_CCMP(name, fmt, insn, ...)                                        \
    RUN(name, fmt, __asm__ volatile("cmp xzr, xzr\n\t" insn "\n\tmrs %0, nzcv"  \
                                    : "=r"(r_) : __VA_ARGS__ : "cc"))

/* The same for a vector instruction, the statement in ... writing the
 * 16 bytes of r, which start as dst. */
#define VEC_RUN(name, dst, ...)                                               \
    do {                                                                      \
        static Acc acc_ = { name };                                           \
        for (int ixc = 0; ixc < 2; ixc++) {                                   \
            v16 r = dst;                                                      \
            set_fpsr(ixc ? 0x10 : 0);                                         \
            __VA_ARGS__;                                                      \
            uint64_t w[2], fpsr_ = get_fpsr();                                \
            acc_vec(&acc_, &r, fpsr_, w);                                     \
            if (verbose) {                                                    \
                printf("%s %zu -> %016llx %016llx fpsr %llx\n", name, i,      \
                       (unsigned long long)w[1], (unsigned long long)w[0],    \
                       (unsigned long long)fpsr_);                            \
            }                                                                 \
        }                                                                     \
    } while (0)

static void scalar_tests(void)
{
    for (size_t i = 0; i < N(d_vals); i++) {
        double x;
        float f;
        uint64_t xd = d_vals[i];
        uint32_t xs = s_vals[i];
        memcpy(&x, &xd, 8);
        memcpy(&f, &xs, 4);
#define ARGS (unsigned long long)xd
        RUN("fcvtzs x,d", "%016llx", __asm__ volatile("fcvtzs %0, %d1" : "=r"(r_) : "w"(x)));
        RUN("fcvtzu x,d", "%016llx", __asm__ volatile("fcvtzu %0, %d1" : "=r"(r_) : "w"(x)));
        RUN("fcvtzs w,d", "%016llx", __asm__ volatile("fcvtzs %w0, %d1" : "=r"(r_) : "w"(x)));
        RUN("fcvtzu w,d", "%016llx", __asm__ volatile("fcvtzu %w0, %d1" : "=r"(r_) : "w"(x)));
        RUN("fcvt s,d", "%016llx",
            { float t; __asm__ volatile("fcvt %s0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 4); });
        RUN("fsqrt d", "%016llx",
            { double t; __asm__ volatile("fsqrt %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
        RUN("scvtf d,x", "%016llx",
            { double t; __asm__ volatile("scvtf %d0, %1" : "=w"(t) : "r"(xd)); memcpy(&r_, &t, 8); });
        RUN("ucvtf d,x", "%016llx",
            { double t; __asm__ volatile("ucvtf %d0, %1" : "=w"(t) : "r"(xd)); memcpy(&r_, &t, 8); });
        RUN("frintn d", "%016llx",
            { double t; __asm__ volatile("frintn %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
        RUN("frintp d", "%016llx",
            { double t; __asm__ volatile("frintp %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
        RUN("frintm d", "%016llx",
            { double t; __asm__ volatile("frintm %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
        RUN("frintz d", "%016llx",
            { double t; __asm__ volatile("frintz %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
        RUN("fcvtns x,d", "%016llx", __asm__ volatile("fcvtns %0, %d1" : "=r"(r_) : "w"(x)));
        RUN("fcvtps w,d", "%016llx", __asm__ volatile("fcvtps %w0, %d1" : "=r"(r_) : "w"(x)));
        RUN("fcvtmu x,d", "%016llx", __asm__ volatile("fcvtmu %0, %d1" : "=r"(r_) : "w"(x)));
        RUN("ucvtf s,w", "%016llx",
            { float t; __asm__ volatile("ucvtf %s0, %w1" : "=w"(t) : "r"(xd)); memcpy(&r_, &t, 4); });
#undef ARGS
#define ARGS (unsigned)xs
        RUN("fcvtzs w,s", "%08x", __asm__ volatile("fcvtzs %w0, %s1" : "=r"(r_) : "w"(f)));
        RUN("fcvtzu x,s", "%08x", __asm__ volatile("fcvtzu %0, %s1" : "=r"(r_) : "w"(f)));
        RUN("fcvt d,s", "%08x",
            { double t; __asm__ volatile("fcvt %d0, %s1" : "=w"(t) : "w"(f)); memcpy(&r_, &t, 8); });
        RUN("fsqrt s", "%08x",
            { float t; __asm__ volatile("fsqrt %s0, %s1" : "=w"(t) : "w"(f)); memcpy(&r_, &t, 4); });
        RUN("frintn s", "%08x",
            { float t; __asm__ volatile("frintn %s0, %s1" : "=w"(t) : "w"(f)); memcpy(&r_, &t, 4); });
        RUN("frintp s", "%08x",
            { float t; __asm__ volatile("frintp %s0, %s1" : "=w"(t) : "w"(f)); memcpy(&r_, &t, 4); });
        RUN("frintm s", "%08x",
            { float t; __asm__ volatile("frintm %s0, %s1" : "=w"(t) : "w"(f)); memcpy(&r_, &t, 4); });
        RUN("fcvtms w,s", "%08x", __asm__ volatile("fcvtms %w0, %s1" : "=r"(r_) : "w"(f)));
        RUN("fcvtnu w,s", "%08x", __asm__ volatile("fcvtnu %w0, %s1" : "=r"(r_) : "w"(f)));
        RUN("fcvtps s,s", "%08x",
            { float t; __asm__ volatile("fcvtps %s0, %s1" : "=w"(t) : "w"(f)); memcpy(&r_, &t, 4); });
        RUN("scvtf s,w", "%08x",
            { float t; __asm__ volatile("scvtf %s0, %w1" : "=w"(t) : "r"(xs)); memcpy(&r_, &t, 4); });
#undef ARGS
    }
    for (size_t i = 0; i < N(d_vals); i += 2) {
        for (size_t j = 0; j < N(d_vals); j += 3) {
            double x, y, z;
            float f, g, h;
            uint64_t xd = d_vals[i], yd = d_vals[j], zd = d_vals[(i + j) % N(d_vals)];
            uint32_t xs = s_vals[i], ys = s_vals[j], zs = s_vals[(i + j) % N(s_vals)];
            memcpy(&x, &xd, 8);
            memcpy(&y, &yd, 8);
            memcpy(&z, &zd, 8);
            memcpy(&f, &xs, 4);
            memcpy(&g, &ys, 4);
            memcpy(&h, &zs, 4);
#define ARGS (unsigned long long)xd, (unsigned long long)yd
            RUN("fcmp d", "%016llx %016llx",
                __asm__ volatile("fcmp %d1, %d2\n\tmrs %0, nzcv" : "=r"(r_) : "w"(x), "w"(y)));
            RUN("fcmpe d", "%016llx %016llx",
                __asm__ volatile("fcmpe %d1, %d2\n\tmrs %0, nzcv" : "=r"(r_) : "w"(x), "w"(y)));
            /* (the condition holding, then failing: no flag either way
             * but the compare's) */
            RUN_CCMP("fccmpe d eq", "%016llx %016llx", "fccmpe %d1, %d2, #5, eq", "w"(x), "w"(y));
            RUN_CCMP("fccmpe d ne", "%016llx %016llx", "fccmpe %d1, %d2, #5, ne", "w"(x), "w"(y));
            RUN("fmax d", "%016llx %016llx",
                { double t; __asm__ volatile("fmax %d0, %d1, %d2" : "=w"(t) : "w"(x), "w"(y)); memcpy(&r_, &t, 8); });
            RUN("fminnm d", "%016llx %016llx",
                { double t; __asm__ volatile("fminnm %d0, %d1, %d2" : "=w"(t) : "w"(x), "w"(y)); memcpy(&r_, &t, 8); });
            RUN("fnmul d", "%016llx %016llx",
                { double t; __asm__ volatile("fnmul %d0, %d1, %d2" : "=w"(t) : "w"(x), "w"(y)); memcpy(&r_, &t, 8); });
            RUN("fmsub d", "%016llx %016llx",
                { double t; __asm__ volatile("fmsub %d0, %d1, %d2, %d3" : "=w"(t) : "w"(x), "w"(y), "w"(z)); memcpy(&r_, &t, 8); });
            RUN("fnmadd d", "%016llx %016llx",
                { double t; __asm__ volatile("fnmadd %d0, %d1, %d2, %d3" : "=w"(t) : "w"(x), "w"(y), "w"(z)); memcpy(&r_, &t, 8); });
#undef ARGS
#define ARGS (unsigned)xs, (unsigned)ys
            RUN("fcmp s", "%08x %08x",
                __asm__ volatile("fcmp %s1, %s2\n\tmrs %0, nzcv" : "=r"(r_) : "w"(f), "w"(g)));
            RUN("fcmp s #0", "%08x %08x",
                __asm__ volatile("fcmpe %s1, #0.0\n\tmrs %0, nzcv" : "=r"(r_) : "w"(f)));
            RUN_CCMP("fccmp s gt", "%08x %08x", "fccmp %s1, %s2, #10, gt", "w"(f), "w"(g));
            RUN_CCMP("fccmp s le", "%08x %08x", "fccmp %s1, %s2, #10, le", "w"(f), "w"(g));
            RUN("fmadd s", "%08x %08x",
                { float t; __asm__ volatile("fmadd %s0, %s1, %s2, %s3" : "=w"(t) : "w"(f), "w"(g), "w"(h)); memcpy(&r_, &t, 4); });
            RUN("fnmsub s", "%08x %08x",
                { float t; __asm__ volatile("fnmsub %s0, %s1, %s2, %s3" : "=w"(t) : "w"(f), "w"(g), "w"(h)); memcpy(&r_, &t, 4); });
#undef ARGS
        }
    }
}

typedef uint8_t v16 __attribute__((vector_size(16)));

static void vec_tests(void)
{
    /* Lanes from the tables, a few shuffles of them. */
    for (size_t i = 0; i + 4 <= N(s_vals); i += 2) {
        v16 a, b, c;
        uint32_t sa[4], sb[4], sc[4];
        for (int k = 0; k < 4; k++) {
            sa[k] = s_vals[i + k];
            sb[k] = s_vals[(i * 5 + k * 7) % N(s_vals)];
            sc[k] = s_vals[(i + k * 3) % N(s_vals)];
        }
        memcpy(&a, sa, 16);
        memcpy(&b, sb, 16);
        memcpy(&c, sc, 16);
#define VRUN(name, asmtext)                                                   \
        VEC_RUN(name, c, __asm__ volatile(asmtext : "+w"(r) : "w"(a), "w"(b)))
        VRUN("fmla 4s", "fmla %0.4s, %1.4s, %2.4s");
        VRUN("fmls 2s", "fmls %0.2s, %1.2s, %2.2s");
        VRUN("fmla 2d", "fmla %0.2d, %1.2d, %2.2d");
        VRUN("fmla 4s[3]", "fmla %0.4s, %1.4s, %2.s[3]");
        VRUN("fmls 2d[1]", "fmls %0.2d, %1.2d, %2.d[1]");
        VRUN("fmul 4s[1]", "fmul %0.4s, %1.4s, %2.s[1]");
        VRUN("fmul 2s[2]", "fmul %0.2s, %1.2s, %2.s[2]");
        VRUN("fmla s[0]", "fmla %s0, %s1, %2.s[0]");
        VRUN("fmul d[1]", "fmul %d0, %d1, %2.d[1]");
        VRUN("fcmeq 4s", "fcmeq %0.4s, %1.4s, %2.4s");
        VRUN("fcmge 2d", "fcmge %0.2d, %1.2d, %2.2d");
        VRUN("fcmgt 4s", "fcmgt %0.4s, %1.4s, %2.4s");
        VRUN("fcmgt 2s", "fcmgt %0.2s, %1.2s, %2.2s");
        VRUN("fmaxnm 4s", "fmaxnm %0.4s, %1.4s, %2.4s");
        VRUN("fmin 2d", "fmin %0.2d, %1.2d, %2.2d");
        VRUN("fabd 4s", "fabd %0.4s, %1.4s, %2.4s");
        VRUN("fabd 2d", "fabd %0.2d, %1.2d, %2.2d");
        VRUN("fabd s", "fabd %s0, %s1, %s2");
        VRUN("fmulx 4s", "fmulx %0.4s, %1.4s, %2.4s");
        VRUN("fmulx d", "fmulx %d0, %d1, %d2");
        VRUN("frecps 4s", "frecps %0.4s, %1.4s, %2.4s");
        VRUN("frecps 2s", "frecps %0.2s, %1.2s, %2.2s");
        VRUN("frecps 2d", "frecps %0.2d, %1.2d, %2.2d");
        VRUN("frecps s", "frecps %s0, %s1, %s2");
        VRUN("frsqrts 4s", "frsqrts %0.4s, %1.4s, %2.4s");
        VRUN("frsqrts 2d", "frsqrts %0.2d, %1.2d, %2.2d");
        VRUN("frsqrts d", "frsqrts %d0, %d1, %d2");
        VRUN("frsqrts s", "frsqrts %s0, %s1, %s2");
        VRUN("fabs 4s", "fabs %0.4s, %1.4s");
        VRUN("fneg 2d", "fneg %0.2d, %1.2d");
        VRUN("fneg 2s", "fneg %0.2s, %1.2s");
        VRUN("fsqrt 4s", "fsqrt %0.4s, %1.4s");
        VRUN("fsqrt 2s", "fsqrt %0.2s, %1.2s");
        VRUN("fsqrt 2d", "fsqrt %0.2d, %1.2d");
        VRUN("facge 2s", "facge %0.2s, %1.2s, %2.2s");
        VRUN("fcmge s", "fcmge %s0, %s1, %s2");
        VRUN("fcmeq d", "fcmeq %d0, %d1, %d2");
        VRUN("facgt s", "facgt %s0, %s1, %s2");
        VRUN("fcmlt 2s #0", "fcmlt %0.2s, %1.2s, #0.0");
        VRUN("fcmge s #0", "fcmge %s0, %s1, #0.0");
        VRUN("fcmle d #0", "fcmle %d0, %d1, #0.0");
        VRUN("fmulx 4s[1]", "fmulx %0.4s, %1.4s, %2.s[1]");
        VRUN("fmulx 2s[3]", "fmulx %0.2s, %1.2s, %2.s[3]");
        VRUN("fmulx d[1]", "fmulx %d0, %d1, %2.d[1]");
        VRUN("facge 4s", "facge %0.4s, %1.4s, %2.4s");
        VRUN("facgt 2d", "facgt %0.2d, %1.2d, %2.2d");
        VRUN("fcmeq 4s #0", "fcmeq %0.4s, %1.4s, #0.0");
        VRUN("fcmge 2d #0", "fcmge %0.2d, %1.2d, #0.0");
        VRUN("fcmgt 4s #0", "fcmgt %0.4s, %1.4s, #0.0");
        VRUN("fcmle 4s #0", "fcmle %0.4s, %1.4s, #0.0");
        VRUN("fcmlt 2d #0", "fcmlt %0.2d, %1.2d, #0.0");
        VRUN("faddp 4s", "faddp %0.4s, %1.4s, %2.4s");
        VRUN("faddp 2d", "faddp %0.2d, %1.2d, %2.2d");
        VRUN("fmaxp 4s", "fmaxp %0.4s, %1.4s, %2.4s");
        VRUN("fminnmp 2d", "fminnmp %0.2d, %1.2d, %2.2d");
        VRUN("fmaxnmp 4s", "fmaxnmp %0.4s, %1.4s, %2.4s");
        VRUN("fcvtzs 4s", "fcvtzs %0.4s, %1.4s");
        VRUN("fcvtzu 4s", "fcvtzu %0.4s, %1.4s");
        VRUN("fcvtzs 2s", "fcvtzs %0.2s, %1.2s");
        VRUN("fcvtzu 2d", "fcvtzu %0.2d, %1.2d");
        VRUN("fcvtzs 2d", "fcvtzs %0.2d, %1.2d");
        VRUN("scvtf 4s", "scvtf %0.4s, %1.4s");
        VRUN("ucvtf 4s", "ucvtf %0.4s, %1.4s");
        VRUN("scvtf 2d", "scvtf %0.2d, %1.2d");
        VRUN("ucvtf 2s", "ucvtf %0.2s, %1.2s");
        VRUN("fcvtzs s", "fcvtzs %s0, %s1");
        VRUN("ucvtf d", "ucvtf %d0, %d1");
        VRUN("umax 4s", "umax %0.4s, %1.4s, %2.4s");
        VRUN("smin 8h", "smin %0.8h, %1.8h, %2.8h");
        VRUN("cmhi 4s", "cmhi %0.4s, %1.4s, %2.4s");
        VRUN("cmhs 2d", "cmhs %0.2d, %1.2d, %2.2d");
        VRUN("cmgt 16b", "cmgt %0.16b, %1.16b, %2.16b");
        VRUN("uabd 8b", "uabd %0.8b, %1.8b, %2.8b");
        VRUN("saba 4s", "saba %0.4s, %1.4s, %2.4s");
        VRUN("srhadd 8h", "srhadd %0.8h, %1.8h, %2.8h");
        VRUN("uhadd 4s", "uhadd %0.4s, %1.4s, %2.4s");
        VRUN("mls 8h", "mls %0.8h, %1.8h, %2.8h");
        VRUN("mul 4s", "mul %0.4s, %1.4s, %2.4s");
        VRUN("abs 2d", "abs %0.2d, %1.2d");
        VRUN("cmle 4h", "cmle %0.4h, %1.4h, #0");
        VRUN("bsl 16b", "bsl %0.16b, %1.16b, %2.16b");
        VRUN("bif 8b", "bif %0.8b, %1.8b, %2.8b");
        VRUN("umaxp 16b", "umaxp %0.16b, %1.16b, %2.16b");
        VRUN("addp 8b", "addp %0.8b, %1.8b, %2.8b");
        VRUN("sminp 4h", "sminp %0.4h, %1.4h, %2.4h");
        VRUN("uminp 4s", "uminp %0.4s, %1.4s, %2.4s");
        VRUN("addp 2d", "addp %0.2d, %1.2d, %2.2d");
#undef VRUN
    }
}

/* Values with every kind of fraction (ties, just below a half, the
 * largest non-integral values and the integers beyond them) beside the
 * edge values, for FRINT*, the narrowing and widening conversions, the
 * reductions and the pairwise ops. */
static const uint64_t r_dvals[] = {
    0x3fe0000000000000ull, 0xbfe0000000000000ull, 0x3ff8000000000000ull, 0xbff8000000000000ull,
    0x4004000000000000ull, 0xc004000000000000ull, 0x3fdfffffffffffffull, 0xbfe6666666666666ull,
    0x3fd3333333333333ull, 0xbfd3333333333333ull, 0x432fffffffffffffull, 0xc32ffffffffffffdull,
    0x4330000000000001ull, 0x7e37e43c8800759cull, 0x81a56e1fc2f8f359ull, 0x4008000000000000ull,
    0xc01d000000000000ull, 0x3ff0000000000001ull, 0x433fffffffffffffull, 0x40fe240800000000ull,
    0x37a16c262777579cull, 0x47efffffe0000000ull, 0x47effffff0000000ull, 0x380fffffbb1dd6a1ull,
    0xb6a0000000000000ull, 0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull,
    0x800fffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff4000000000000ull, 0xfff8000000000001ull, 0x7fefffffffffffffull, 0x0010000000000000ull,
};
static const uint32_t r_svals[] = {
    0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000, 0xc0200000, 0x3effffff,
    0xbf333333, 0x3e99999a, 0xbe99999a, 0x4affffff, 0xcafffffd, 0x4b000001, 0x7149f2ca,
    0x8da24260, 0x40400000, 0xc0e80000, 0x3f800001, 0x4b7fffff, 0x449a5000, 0x7f7fc99e,
    0x006ce3ee, 0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x7f800000, 0xff800000,
    0x7fc00000, 0x7fa00000, 0xffc00001, 0x7f7fffff, 0x00800000, 0x3f800000, 0xbf800000,
    0x3f000000,
};

static void round_tests(void)
{
    for (size_t i = 0; i < N(r_dvals); i++) {
        double x;
        float f;
        uint64_t xd = r_dvals[i];
        uint32_t xs = r_svals[i];
        memcpy(&x, &xd, 8);
        memcpy(&f, &xs, 4);
#define ARGS (unsigned long long)xd
        RUN("frintn d'", "%016llx",
            { double t; __asm__ volatile("frintn %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
        RUN("frinta d", "%016llx",
            { double t; __asm__ volatile("frinta %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
        RUN("frintx d", "%016llx",
            { double t; __asm__ volatile("frintx %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
        RUN("frinti d", "%016llx",
            { double t; __asm__ volatile("frinti %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
        RUN("fcvt s,d'", "%016llx",
            { float t; __asm__ volatile("fcvt %s0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 4); });
#undef ARGS
#define ARGS (unsigned)xs
        RUN("frinta s", "%08x",
            { float t; __asm__ volatile("frinta %s0, %s1" : "=w"(t) : "w"(f)); memcpy(&r_, &t, 4); });
        RUN("frintx s", "%08x",
            { float t; __asm__ volatile("frintx %s0, %s1" : "=w"(t) : "w"(f)); memcpy(&r_, &t, 4); });
        RUN("frinti s", "%08x",
            { float t; __asm__ volatile("frinti %s0, %s1" : "=w"(t) : "w"(f)); memcpy(&r_, &t, 4); });
        RUN("frintz s", "%08x",
            { float t; __asm__ volatile("frintz %s0, %s1" : "=w"(t) : "w"(f)); memcpy(&r_, &t, 4); });
#undef ARGS
    }
    /* Vectors: a's f32 and b's f64 lanes from the tables, d's (c) first
     * from them too, and once with d the source itself. */
    for (size_t i = 0; i < N(r_dvals); i++) {
        v16 a, b, c, r;
        uint32_t sa[4], sc[4];
        uint64_t db[2];
        for (int k = 0; k < 4; k++) {
            sa[k] = r_svals[(i + k * 5) % N(r_svals)];
            sc[k] = r_svals[(i * 3 + k) % N(r_svals)];
        }
        for (int k = 0; k < 2; k++) {
            db[k] = r_dvals[(i + k * 7) % N(r_dvals)];
        }
        memcpy(&a, sa, 16);
        memcpy(&b, db, 16);
        memcpy(&c, sc, 16);
#define VRUN2(name, asmtext, src)                                             \
        do {                                                                  \
            static Acc acc_ = { name };                                       \
            for (int ixc = 0; ixc < 4; ixc++) {                               \
                set_fpsr(ixc & 1 ? 0x10 : 0);                                 \
                if (ixc & 2) {                                                \
                    r = src;                                                  \
                    __asm__ volatile(asmtext : "+w"(r) : "w"(r), "w"(r));     \
                } else {                                                      \
                    r = c;                                                    \
                    __asm__ volatile(asmtext : "+w"(r) : "w"(a), "w"(b));     \
                }                                                             \
                uint64_t w[2], fpsr_ = get_fpsr();                            \
                acc_vec(&acc_, &r, fpsr_, w);                                 \
                if (verbose) {                                                \
                    printf("%s %zu/%d -> %016llx %016llx fpsr %llx\n", name,  \
                           i, ixc, (unsigned long long)w[1],                  \
                           (unsigned long long)w[0],                          \
                           (unsigned long long)fpsr_);                        \
                }                                                             \
            }                                                                 \
        } while (0)
        VRUN2("frintn 4s", "frintn %0.4s, %1.4s", a);
        VRUN2("frintp 4s", "frintp %0.4s, %1.4s", a);
        VRUN2("frintm 2s", "frintm %0.2s, %1.2s", a);
        VRUN2("frintz 4s", "frintz %0.4s, %1.4s", a);
        VRUN2("frinta 4s", "frinta %0.4s, %1.4s", a);
        VRUN2("frinta 2s", "frinta %0.2s, %1.2s", a);
        VRUN2("frintx 4s", "frintx %0.4s, %1.4s", a);
        VRUN2("frinti 2s", "frinti %0.2s, %1.2s", a);
        VRUN2("frintn 2d", "frintn %0.2d, %2.2d", b);
        VRUN2("frintp 2d", "frintp %0.2d, %2.2d", b);
        VRUN2("frintm 2d", "frintm %0.2d, %2.2d", b);
        VRUN2("frintz 2d", "frintz %0.2d, %2.2d", b);
        VRUN2("frinta 2d", "frinta %0.2d, %2.2d", b);
        VRUN2("frintx 2d", "frintx %0.2d, %2.2d", b);
        VRUN2("frinti 2d", "frinti %0.2d, %2.2d", b);
        VRUN2("fmaxv 4s", "fmaxv %s0, %1.4s", a);
        VRUN2("fminv 4s", "fminv %s0, %1.4s", a);
        VRUN2("fmaxnmv 4s", "fmaxnmv %s0, %1.4s", a);
        VRUN2("fminnmv 4s", "fminnmv %s0, %1.4s", a);
        VRUN2("faddp 2s", "faddp %0.2s, %1.2s, %2.2s", a);
        VRUN2("fmaxp 2s", "fmaxp %0.2s, %1.2s, %2.2s", a);
        VRUN2("fminp 2s", "fminp %0.2s, %2.2s, %1.2s", a);
        VRUN2("fmaxnmp 2s", "fmaxnmp %0.2s, %1.2s, %2.2s", a);
        VRUN2("fminnmp 2s", "fminnmp %0.2s, %1.2s, %2.2s", a);
        VRUN2("faddp s", "faddp %s0, %1.2s", a);
        VRUN2("fmaxp s", "fmaxp %s0, %1.2s", a);
        VRUN2("fminnmp s", "fminnmp %s0, %1.2s", a);
        VRUN2("faddp d", "faddp %d0, %2.2d", b);
        VRUN2("fminp d", "fminp %d0, %2.2d", b);
        VRUN2("fmaxnmp d", "fmaxnmp %d0, %2.2d", b);
        VRUN2("fcvtns 4s", "fcvtns %0.4s, %1.4s", a);
        VRUN2("fcvtpu 4s", "fcvtpu %0.4s, %1.4s", a);
        VRUN2("fcvtms 2s", "fcvtms %0.2s, %1.2s", a);
        VRUN2("fcvtas 4s", "fcvtas %0.4s, %1.4s", a);
        VRUN2("fcvtau 2s", "fcvtau %0.2s, %1.2s", a);
        VRUN2("fcvtnu 2d", "fcvtnu %0.2d, %2.2d", b);
        VRUN2("fcvtl", "fcvtl %0.2d, %1.2s", a);
        VRUN2("fcvtl2", "fcvtl2 %0.2d, %1.4s", a);
        VRUN2("fcvtn", "fcvtn %0.2s, %2.2d", b);
        VRUN2("fcvtn2", "fcvtn2 %0.4s, %2.2d", b);
#undef VRUN2
    }
}

/* ---- fixed point: SCVTF/UCVTF and FCVTZS/FCVTZU by #fbits ---- */

/* Edge values for a conversion to fixed point with f fraction bits, of
 * the precision whose exponent bias is bias and significand mant bits
 * wide: the FP edges (base), one unit (2^-f), a half, three quarters
 * and one and a half units, and for 32- and 64-bit integers the ends of
 * the signed and unsigned ranges (2^(W-1-f), 2^(W-f)) with their
 * neighbours on either side. */
static size_t fixed_vals(int f, int bias, int mant, const uint64_t *base, size_t nbase,
                         uint64_t *v)
{
    uint64_t sign = 1ull << (mant == 52 ? 63 : 31), one = 1ull << mant;
    size_t n = 0;
    for (size_t k = 0; k < nbase; k++) {
        v[n++] = base[k];
    }
    uint64_t unit = (uint64_t)(bias - f) << mant;
    v[n++] = unit;
    v[n++] = unit - one;
    v[n++] = unit - one + one / 2;
    v[n++] = unit + one / 2;
    v[n++] = (unit - one) | sign;
    v[n++] = unit | sign;
    for (int w = 32; w <= 64; w += 32) {
        for (int e = w - 1 - f; e <= w - f; e++) {
            uint64_t lim = (uint64_t)(bias + e) << mant;
            v[n++] = lim - 1;
            v[n++] = lim;
            v[n++] = lim + 1;
            v[n++] = (lim - 1) | sign;
            v[n++] = lim | sign;
            v[n++] = (lim + 1) | sign;
        }
    }
    return n;
}

static size_t fixed_dvals(int f, uint64_t *v)
{
    static const uint64_t base[] = {
        0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
        0xbff8000000000000ull, 0x0000000000000001ull, 0x000fffffffffffffull,
        0x0010000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
        0x7ff8000000000000ull, 0x7ff4000000000000ull, 0x3fb999999999999aull,
        0x7fefffffffffffffull,
    };
    return fixed_vals(f, 1023, 52, base, N(base), v);
}

static size_t fixed_svals(int f, uint32_t *v)
{
    static const uint64_t base[] = {
        0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x00000001, 0x007fffff,
        0x00800000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0x3dcccccd,
        0x7f7fffff,
    };
    uint64_t w[64];
    size_t n = fixed_vals(f, 127, 23, base, N(base), w);
    for (size_t k = 0; k < n; k++) {
        v[k] = (uint32_t)w[k];
    }
    return n;
}

/* Integers for SCVTF/UCVTF: zero, one, the ends of both ranges of both
 * widths, and values that round (ties among them) in single and double. */
static const uint64_t fixed_ivals[] = {
    0, 1, 3, 0xffffffffffffffffull, 0x7fffffff, 0x80000000, 0xffffffff, 0x80000001,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull,
    0x1000001, 0x2000002, 0x2000006, 0xfffffffffefffffful, 0x20000000000001ull,
    0x40000000000002ull, 0x40000000000006ull, 0xffbfffffffffffffull, 0x123456789abcdefull,
};

/* One instruction writing an FP register of type T, the result's bits
 * in r_, and the signed and unsigned pairs of the conversions by #F
 * (form: the operands as the names print them, ops: as the assembler
 * takes them). */
#define RUN_FP(name, T, insn, in)                                             \
    RUN(name, "%016llx",                                                      \
        { T t; __asm__ volatile(insn : "=w"(t) : in); memcpy(&r_, &t, sizeof(t)); })
#define RUN_CVTF(T, form, ops, F, in)                                         \
    RUN_FP("scvtf " form ",#" #F, T, "scvtf " ops ", #" #F, in);              \
    RUN_FP("ucvtf " form ",#" #F, T, "ucvtf " ops ", #" #F, in)
#define RUN_CVTZ(form, ops, F, out, in)                                       \
    RUN("fcvtzs " form ",#" #F, "%016llx",                                    \
        __asm__ volatile("fcvtzs " ops ", #" #F : out : in));                 \
    RUN("fcvtzu " form ",#" #F, "%016llx",                                    \
        __asm__ volatile("fcvtzu " ops ", #" #F : out : in))

/* The scalar forms with f fraction bits (F, the immediate, the same as
 * f), those with 32-bit integers only if w32. */
#define FIXED_SCALAR(F, w32)                                                  \
    do {                                                                      \
        uint64_t dv[64];                                                      \
        uint32_t sv[64];                                                      \
        size_t nd = fixed_dvals(F, dv), ns = fixed_svals(F, sv);              \
        for (size_t i = 0; i < nd; i++) {                                     \
            double x;                                                         \
            uint64_t xd = dv[i];                                              \
            memcpy(&x, &xd, 8);                                               \
            RUN_CVTZ("x,d", "%0, %d1", F, "=r"(r_), "w"(x));                  \
            RUN_CVTZ("d", "%d0, %d1", F, "=w"(r_), "w"(x));                   \
            if (w32) {                                                        \
                RUN_CVTZ("w,d", "%w0, %d1", F, "=r"(r_), "w"(x));             \
            }                                                                 \
        }                                                                     \
        for (size_t i = 0; i < ns; i++) {                                     \
            float x;                                                          \
            uint32_t xs = sv[i];                                              \
            uint64_t xd = xs;                                                 \
            memcpy(&x, &xs, 4);                                               \
            RUN_CVTZ("x,s", "%0, %s1", F, "=r"(r_), "w"(x));                  \
            if (w32) {                                                        \
                RUN_CVTZ("w,s", "%w0, %s1", F, "=r"(r_), "w"(x));             \
                RUN_FP("fcvtzs s,#" #F, float, "fcvtzs %s0, %s1, #" #F, "w"(x)); \
                RUN_FP("fcvtzu s,#" #F, float, "fcvtzu %s0, %s1, #" #F, "w"(x)); \
            }                                                                 \
        }                                                                     \
        for (size_t i = 0; i < N(fixed_ivals); i++) {                         \
            uint64_t xd = fixed_ivals[i];                                     \
            double dx;                                                        \
            memcpy(&dx, &xd, 8);                                              \
            RUN_CVTF(double, "d,x", "%d0, %1", F, "r"(xd));                   \
            RUN_CVTF(float, "s,x", "%s0, %1", F, "r"(xd));                    \
            RUN_CVTF(double, "d", "%d0, %d1", F, "w"(dx));                    \
            if (w32) {                                                        \
                float sx;                                                     \
                uint32_t xs = (uint32_t)xd;                                   \
                memcpy(&sx, &xs, 4);                                          \
                RUN_CVTF(double, "d,w", "%d0, %w1", F, "r"(xd));              \
                RUN_CVTF(float, "s,w", "%s0, %w1", F, "r"(xd));               \
                RUN_CVTF(float, "s", "%s0, %s1", F, "w"(sx));                 \
            }                                                                 \
        }                                                                     \
    } while (0)

/* The vector forms: lanes from the same values, four (or two) at a
 * time, the 2S and 4S forms only if w32.  (FIXED_VRUN: the destination
 * is dst first, for the forms that write half of it.) */
#define FIXED_VRUN(name, asmtext, src, dst)                                   \
    VEC_RUN(name, dst, __asm__ volatile(asmtext : "+w"(r) : "w"(src)))
#define FIXED_VEC(F, w32)                                                     \
    do {                                                                      \
        uint64_t dv[64];                                                      \
        uint32_t sv[64];                                                      \
        size_t nd = fixed_dvals(F, dv), ns = fixed_svals(F, sv);              \
        for (size_t i = 0; i + 2 <= nd; i++) {                                \
            v16 a;                                                            \
            memcpy(&a, &dv[i], 16);                                           \
            FIXED_VRUN("fcvtzs 2d,#" #F, "fcvtzs %0.2d, %1.2d, #" #F, a, a);     \
            FIXED_VRUN("fcvtzu 2d,#" #F, "fcvtzu %0.2d, %1.2d, #" #F, a, a);     \
        }                                                                     \
        for (size_t i = 0; w32 && i + 4 <= ns; i++) {                         \
            v16 a;                                                            \
            memcpy(&a, &sv[i], 16);                                           \
            FIXED_VRUN("fcvtzs 4s,#" #F, "fcvtzs %0.4s, %1.4s, #" #F, a, a);     \
            FIXED_VRUN("fcvtzu 4s,#" #F, "fcvtzu %0.4s, %1.4s, #" #F, a, a);     \
            FIXED_VRUN("fcvtzs 2s,#" #F, "fcvtzs %0.2s, %1.2s, #" #F, a, a);     \
            FIXED_VRUN("fcvtzu 2s,#" #F, "fcvtzu %0.2s, %1.2s, #" #F, a, a);     \
        }                                                                     \
        for (size_t i = 0; i + 2 <= N(fixed_ivals); i++) {                    \
            v16 a;                                                            \
            uint32_t iv[4];                                                   \
            memcpy(&a, &fixed_ivals[i], 16);                                  \
            FIXED_VRUN("scvtf 2d,#" #F, "scvtf %0.2d, %1.2d, #" #F, a, a);       \
            FIXED_VRUN("ucvtf 2d,#" #F, "ucvtf %0.2d, %1.2d, #" #F, a, a);       \
            if (w32) {                                                        \
                for (int k = 0; k < 4; k++) {                                 \
                    iv[k] = (uint32_t)(fixed_ivals[(i + k) % N(fixed_ivals)] >> (k & 1 ? 32 : 0)); \
                }                                                             \
                memcpy(&a, iv, 16);                                           \
                FIXED_VRUN("scvtf 4s,#" #F, "scvtf %0.4s, %1.4s, #" #F, a, a);   \
                FIXED_VRUN("ucvtf 4s,#" #F, "ucvtf %0.4s, %1.4s, #" #F, a, a);   \
                FIXED_VRUN("scvtf 2s,#" #F, "scvtf %0.2s, %1.2s, #" #F, a, a);   \
                FIXED_VRUN("ucvtf 2s,#" #F, "ucvtf %0.2s, %1.2s, #" #F, a, a);   \
            }                                                                 \
        }                                                                     \
    } while (0)

/* fbits at both ends of each range and between: 1, 16, 31 and 32 for
 * every form, 33, 63 and 64 for the 64-bit integers. */
static void fixed_tests(void)
{
#define ARGS (unsigned long long)xd
    FIXED_SCALAR(1, 1);
    FIXED_SCALAR(16, 1);
    FIXED_SCALAR(31, 1);
    FIXED_SCALAR(32, 1);
    FIXED_SCALAR(33, 0);
    FIXED_SCALAR(63, 0);
    FIXED_SCALAR(64, 0);
#undef ARGS
    FIXED_VEC(1, 1);
    FIXED_VEC(16, 1);
    FIXED_VEC(32, 1);
    FIXED_VEC(33, 0);
    FIXED_VEC(64, 0);
}

/* ---- ties away (FCVTAS, FCVTAU) and the rounding conversions of
 * vectors of doubles ---- */

static void round_int_tests(void)
{
    uint64_t dv[64 + N(r_dvals)];
    uint32_t sv[64 + N(r_svals)];
    /* (fraction bits 0: the ends of the integer ranges) */
    size_t nd = fixed_dvals(0, dv), ns = fixed_svals(0, sv);
    memcpy(dv + nd, r_dvals, sizeof(r_dvals));
    memcpy(sv + ns, r_svals, sizeof(r_svals));
    nd += N(r_dvals);
    ns += N(r_svals);
    for (size_t i = 0; i < nd; i++) {
        double x;
        uint64_t xd = dv[i];
        memcpy(&x, &xd, 8);
#define ARGS (unsigned long long)xd
        RUN("fcvtas x,d", "%016llx", __asm__ volatile("fcvtas %0, %d1" : "=r"(r_) : "w"(x)));
        RUN("fcvtau x,d", "%016llx", __asm__ volatile("fcvtau %0, %d1" : "=r"(r_) : "w"(x)));
        RUN("fcvtas w,d", "%016llx", __asm__ volatile("fcvtas %w0, %d1" : "=r"(r_) : "w"(x)));
        RUN("fcvtau w,d", "%016llx", __asm__ volatile("fcvtau %w0, %d1" : "=r"(r_) : "w"(x)));
        RUN("fcvtas d", "%016llx", __asm__ volatile("fcvtas %d0, %d1" : "=w"(r_) : "w"(x)));
        RUN("fcvtau d", "%016llx", __asm__ volatile("fcvtau %d0, %d1" : "=w"(r_) : "w"(x)));
#undef ARGS
    }
    for (size_t i = 0; i < ns; i++) {
        float x;
        uint32_t xs = sv[i];
        memcpy(&x, &xs, 4);
#define ARGS (unsigned)xs
        RUN("fcvtas w,s", "%08x", __asm__ volatile("fcvtas %w0, %s1" : "=r"(r_) : "w"(x)));
        RUN("fcvtau w,s", "%08x", __asm__ volatile("fcvtau %w0, %s1" : "=r"(r_) : "w"(x)));
        RUN("fcvtas x,s", "%08x", __asm__ volatile("fcvtas %0, %s1" : "=r"(r_) : "w"(x)));
        RUN("fcvtau x,s", "%08x", __asm__ volatile("fcvtau %0, %s1" : "=r"(r_) : "w"(x)));
        RUN("fcvtas s", "%08x",
            { float t; __asm__ volatile("fcvtas %s0, %s1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 4); });
        RUN("fcvtau s", "%08x",
            { float t; __asm__ volatile("fcvtau %s0, %s1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 4); });
#undef ARGS
    }
    for (size_t i = 0; i + 2 <= nd; i++) {
        v16 a;
        memcpy(&a, &dv[i], 16);
        FIXED_VRUN("fcvtns 2d'", "fcvtns %0.2d, %1.2d", a, a);
        FIXED_VRUN("fcvtnu 2d'", "fcvtnu %0.2d, %1.2d", a, a);
        FIXED_VRUN("fcvtps 2d", "fcvtps %0.2d, %1.2d", a, a);
        FIXED_VRUN("fcvtpu 2d", "fcvtpu %0.2d, %1.2d", a, a);
        FIXED_VRUN("fcvtms 2d", "fcvtms %0.2d, %1.2d", a, a);
        FIXED_VRUN("fcvtmu 2d", "fcvtmu %0.2d, %1.2d", a, a);
        FIXED_VRUN("fcvtas 2d", "fcvtas %0.2d, %1.2d", a, a);
        FIXED_VRUN("fcvtau 2d", "fcvtau %0.2d, %1.2d", a, a);
    }
}

/* ---- FCVTXN, FCVTXN2: double to single, rounding to odd ---- */

static void cvtxn_tests(void)
{
    /* Beside the edges and fractions: exact singles, ties between two,
     * just off them, at the ends of the single range (the largest, a
     * half unit above it, the smallest normal and just below it). */
    static const uint64_t extra[] = {
        0x3ff0000010000000ull, 0x3ff0000010000001ull, 0x3ff000000fffffffull,
        0xbff0000030000000ull, 0x3ff0000020000000ull, 0x3fefffffffffffffull,
        0x47efffffe0000000ull, 0x47efffffefffffffull, 0x47effffff0000000ull,
        0x47f0000000000000ull, 0xc7effffff8000000ull, 0x3810000000000000ull,
        0x380fffffffffffffull, 0x3810000010000000ull, 0xb810000000000001ull,
        0x36a0000000000000ull, 0x4330000000000001ull, 0xc3e0000000000001ull,
    };
    uint64_t dv[N(extra) + N(r_dvals) + N(d_vals)];
    size_t nd = 0;
    APPEND(dv, nd, extra);
    APPEND(dv, nd, r_dvals);
    APPEND(dv, nd, d_vals);
    for (size_t i = 0; i < nd; i++) {
        double x;
        uint64_t xd = dv[i];
        memcpy(&x, &xd, 8);
#define ARGS (unsigned long long)xd
        RUN("fcvtxn s,d", "%016llx",
            { float t; __asm__ volatile("fcvtxn %s0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 4); });
#undef ARGS
    }
    for (size_t i = 0; i + 2 <= nd; i++) {
        v16 a, c;
        memcpy(&a, &dv[i], 16);
        memcpy(&c, &dv[nd - 2 - i], 16);
        FIXED_VRUN("fcvtxn 2s", "fcvtxn %0.2s, %1.2d", a, a);
        FIXED_VRUN("fcvtxn2 4s", "fcvtxn2 %0.4s, %1.2d", a, c);
    }
}

/* ---- FCVT, FCVTL(2), FCVTN(2) to and from half precision ---- */

/* The halves' edges (zeros, denormals, the smallest normal, the
 * largest, infinities, NaNs, fractions); singles and doubles at the
 * half range's ends (65504, 65520 which rounds to an infinity, just
 * below it, 2^-14 and just below it, 2^-24 and 2^-25), ties between two
 * halves and just off them (for doubles, off by less than a single's
 * last bit: rounding through a single would be wrong), and the tables. */
static const uint16_t h_vals[] = {
    0x0000, 0x8000, 0x3c00, 0xbe00, 0x0001, 0x03ff, 0x0400, 0x7bff, 0xfbff,
    0x7c00, 0xfc00, 0x7e00, 0x7d00, 0xfe01, 0x3555, 0x1234, 0x8001, 0x4000,
};
static const uint32_t h_svals[] = {
    0x477fe000, 0x477ff000, 0x477fefff, 0xc77ff000, 0x38800000, 0x387fffff,
    0x387ff000, 0xb87fe000, 0x33800000, 0x33000000, 0x3f801000, 0x3f803000,
    0x3f801001, 0xbf802fff, 0x47800000, 0x3eaaaaab,
};
static const uint64_t h_dvals[] = {
    0x40effc0000000000ull, 0x40effe0000000000ull, 0x40effdffffffffffull,
    0xc0effe0000000000ull, 0x3f10000000000000ull, 0x3f0fffffffffffffull,
    0x3f0ffe0000000000ull, 0x3e70000000000000ull, 0x3e60000000000000ull,
    0x3ff0020000000000ull, 0x3ff0020000000001ull, 0x3ff001ffffffffffull,
    0xbff0060000000000ull, 0x3ff0020000100000ull, 0x3fd5555555555555ull,
};

/* FCVT to half of the n values of type T at vals (reg: s or d). */
#define HALF_NARROW(name, vals, n, T, fmt, reg)                               \
    for (size_t i = 0; i < n; i++) {                                          \
        uint64_t xh = vals[i];                                                \
        T x;                                                                  \
        memcpy(&x, &vals[i], sizeof(x));                                      \
        RUN(name, fmt, __asm__ volatile("fcvt h16, %" reg "1\n\tfmov %w0, s16" \
                                        : "=r"(r_) : "w"(x) : "v16"));        \
    }
#define HALF_RUNS(sfx)                                                        \
    do {                                                                      \
        for (size_t i = 0; i < N(h_vals); i++) {                              \
            uint32_t xh = h_vals[i];                                          \
            RUN("fcvt s,h" sfx, "%04llx",                                       \
                { float t; __asm__ volatile("fmov s16, %w1\n\tfcvt %s0, h16"  \
                                            : "=w"(t) : "r"(xh) : "v16");     \
                  memcpy(&r_, &t, 4); });                                     \
            RUN("fcvt d,h" sfx, "%04llx",                                       \
                { double t; __asm__ volatile("fmov s16, %w1\n\tfcvt %d0, h16" \
                                             : "=w"(t) : "r"(xh) : "v16");    \
                  memcpy(&r_, &t, 8); });                                     \
        }                                                                     \
        HALF_NARROW("fcvt h,s" sfx, sv, ns, float, "%08llx", "s");            \
        HALF_NARROW("fcvt h,d" sfx, dv, nd, double, "%016llx", "d");          \
        for (size_t i = 0; i + 8 <= N(h_vals); i++) {                         \
            v16 a, c;                                                         \
            memcpy(&a, &h_vals[i], 16);                                       \
            memcpy(&c, &sv[i], 16);                                           \
            FIXED_VRUN("fcvtl 4s" sfx, "fcvtl %0.4s, %1.4h", a, c);           \
            FIXED_VRUN("fcvtl2 4s" sfx, "fcvtl2 %0.4s, %1.8h", a, c);         \
        }                                                                     \
        for (size_t i = 0; i + 4 <= ns; i++) {                                \
            v16 a, c;                                                         \
            memcpy(&a, &sv[i], 16);                                           \
            memcpy(&c, &sv[ns - 4 - i], 16);                                  \
            FIXED_VRUN("fcvtn 4h" sfx, "fcvtn %0.4h, %1.4s", a, c);           \
            FIXED_VRUN("fcvtn2 8h" sfx, "fcvtn2 %0.8h, %1.4s", a, c);         \
        }                                                                     \
    } while (0)

static void half_tests(uint64_t fpcr)
{
    uint32_t sv[N(h_svals) + N(s_vals)];
    uint64_t dv[N(h_dvals) + N(d_vals)];
    size_t ns = 0, nd = 0;
    APPEND(sv, ns, h_svals);
    APPEND(sv, ns, s_vals);
    APPEND(dv, nd, h_dvals);
    APPEND(dv, nd, d_vals);
#define ARGS (unsigned long long)xh
    HALF_RUNS("");
    /* the alternative half-precision format */
    set_fpcr(fpcr | 1ull << 26);
    HALF_RUNS(" ahp");
    set_fpcr(fpcr);
#undef ARGS
}

/* ---- the estimates: FRECPE, FRSQRTE, FRECPX, URECPE, URSQRTE ---- */

static void est_tests(void)
{
    /* Beside the edges: FRECPE's last exponents with a normal estimate
     * and its first with a denormal (or, under FZ, zero) one, both
     * signs; the smallest normals and denormals whose reciprocal
     * overflows; odd and even exponents (FRSQRTE's two tables), every
     * top fraction bit. */
    static const uint64_t d_extra[] = {
        0x7fcfffffffffffffull, 0x7fc0000000000000ull, 0xffcfffffffffffffull,
        0x7fd0000000000000ull, 0x7fdfffffffffffffull, 0xffd0000000000000ull,
        0x7fe0000000000000ull, 0x0010000000000000ull, 0x8010000000000000ull,
        0x0008000000000000ull, 0x0004000000000000ull, 0x0000000000100000ull,
        0x3ff0000000000000ull, 0x4000000000000000ull, 0x3fffffffffffffffull,
        0x3ff8100000000000ull, 0x4008100000000000ull, 0x3feff00000000000ull,
        0x3fe0080000000000ull, 0x3fd5555555555555ull,
    };
    static const uint32_t s_extra[] = {
        0x7e7fffff, 0x7e000000, 0xfe7fffff, 0x7e800000, 0x7effffff, 0xfe800000,
        0x7f000000, 0x00800000, 0x80800000, 0x00400000, 0x00200000, 0x00000100,
        0x3f800000, 0x40000000, 0x3fffffff, 0x3fc08000, 0x40408000, 0x3f7f8000,
        0x3f004000, 0x3eaaaaab,
    };
    uint64_t dv[N(d_extra) + N(d_vals)];
    uint32_t sv[N(s_extra) + N(s_vals)];
    size_t nd = 0, ns = 0;
    APPEND(dv, nd, d_extra);
    APPEND(dv, nd, d_vals);
    APPEND(sv, ns, s_extra);
    APPEND(sv, ns, s_vals);
    for (size_t i = 0; i < nd; i++) {
        double x;
        uint64_t xd = dv[i];
        memcpy(&x, &xd, 8);
#define ARGS (unsigned long long)xd
        RUN("frecpe d", "%016llx",
            { double t; __asm__ volatile("frecpe %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
        RUN("frsqrte d", "%016llx",
            { double t; __asm__ volatile("frsqrte %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
        RUN("frecpx d", "%016llx",
            { double t; __asm__ volatile("frecpx %d0, %d1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 8); });
#undef ARGS
    }
    for (size_t i = 0; i < ns; i++) {
        float x;
        uint32_t xs = sv[i];
        memcpy(&x, &xs, 4);
#define ARGS (unsigned)xs
        RUN("frecpe s", "%08x",
            { float t; __asm__ volatile("frecpe %s0, %s1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 4); });
        RUN("frsqrte s", "%08x",
            { float t; __asm__ volatile("frsqrte %s0, %s1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 4); });
        RUN("frecpx s", "%08x",
            { float t; __asm__ volatile("frecpx %s0, %s1" : "=w"(t) : "w"(x)); memcpy(&r_, &t, 4); });
#undef ARGS
    }
    /* Vectors: neighbouring values (so every lane on the host path, or
     * one lane, or more, sending all to the fallback); the integer
     * estimates of the same bits. */
    for (size_t i = 0; i + 2 <= nd; i++) {
        v16 a, c;
        memcpy(&a, &dv[i], 16);
        memset(&c, 0x5a, 16);
        FIXED_VRUN("frecpe 2d", "frecpe %0.2d, %1.2d", a, c);
        FIXED_VRUN("frsqrte 2d", "frsqrte %0.2d, %1.2d", a, c);
    }
    for (size_t i = 0; i + 4 <= ns; i++) {
        v16 a, c;
        memcpy(&a, &sv[i], 16);
        memset(&c, 0x5a, 16);
        FIXED_VRUN("frecpe 4s", "frecpe %0.4s, %1.4s", a, c);
        FIXED_VRUN("frecpe 2s", "frecpe %0.2s, %1.2s", a, c);
        FIXED_VRUN("frsqrte 4s", "frsqrte %0.4s, %1.4s", a, c);
        FIXED_VRUN("frsqrte 2s", "frsqrte %0.2s, %1.2s", a, c);
        FIXED_VRUN("urecpe 4s", "urecpe %0.4s, %1.4s", a, c);
        FIXED_VRUN("urecpe 2s", "urecpe %0.2s, %1.2s", a, c);
        FIXED_VRUN("ursqrte 4s", "ursqrte %0.4s, %1.4s", a, c);
        FIXED_VRUN("ursqrte 2s", "ursqrte %0.2s, %1.2s", a, c);
    }
}

int main(int argc, char **argv)
{
    verbose = argc > 1 && !strcmp(argv[1], "-v");
    for (size_t m = 0; m < N(modes); m++) {
        printf("== fpcr %llx\n", (unsigned long long)modes[m]);
        set_fpcr(modes[m]);
        scalar_tests();
        vec_tests();
        round_tests();
        fixed_tests();
        round_int_tests();
        cvtxn_tests();
        half_tests(modes[m]);
        est_tests();
        set_fpcr(0);
        acc_print();
    }
    set_fpcr(0);
    return 0;
}
