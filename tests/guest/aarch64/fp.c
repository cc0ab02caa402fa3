/* Owns: scalar floating point bit-exactly: arithmetic, fused multiply-add,
 * square root, min/max with NaNs, rounding to integral, conversions between
 * half/single/double and to/from integers (saturation, fixed point), compares
 * and conditional select, under every FPCR rounding mode and the FZ, DN and
 * AHP bits, printing result bits and the FPSR flags each op raised.
 * FPSR bits: IOC=1 DZC=2 OFC=4 UFC=8 IXC=10 IDC=80. */
#include <stdint.h>
#include <stdio.h>

typedef uint64_t u64;
typedef u64 (*op_fn)(u64 a, u64 b, u64 c, u64 fpcr, u64 *fpsr);

/* Sets FPCR, clears FPSR, loads operands, runs one instruction, reads the
 * result and FPSR, restores FPCR to 0 (Linux's default). */
#define FPOP(fn, pre, insn, post)                                            \
    static u64 fn(u64 a, u64 b, u64 c, u64 cr, u64 *sr)                      \
    {                                                                        \
        u64 r, s;                                                            \
        asm volatile("msr fpcr, %[cr]\n\tmsr fpsr, xzr\n\t" pre "\n\t" insn    \
                     "\n\t" post "\n\tmrs %[s], fpsr\n\tmsr fpcr, xzr"       \
                     : [r] "=&r"(r), [s] "=&r"(s)                            \
                     : [a] "r"(a), [b] "r"(b), [c] "r"(c), [cr] "r"(cr)      \
                     : "x0", "x1", "v0", "v1", "v2", "v3", "cc");            \
        *sr = s;                                                             \
        return r;                                                            \
    }
#define LD_D "fmov d1, %[a]\n\tfmov d2, %[b]\n\tfmov d3, %[c]"
#define LD_S "fmov s1, %w[a]\n\tfmov s2, %w[b]\n\tfmov s3, %w[c]"
#define LD_X "mov x1, %[a]"
#define ST_D "fmov %[r], d0"
#define ST_S "fmov %w[r], s0"
#define ST_X "mov %[r], x0"
#define ST_F "mrs %[r], nzcv"

#define D2(n, i) FPOP(n##_d, LD_D, i " d0, d1, d2", ST_D)
#define S2(n, i) FPOP(n##_s, LD_S, i " s0, s1, s2", ST_S)
D2(fadd, "fadd") D2(fsub, "fsub") D2(fmul, "fmul") D2(fdiv, "fdiv") D2(fnmul, "fnmul")
D2(fmax, "fmax") D2(fmin, "fmin") D2(fmaxnm, "fmaxnm") D2(fminnm, "fminnm")
S2(fadd, "fadd") S2(fsub, "fsub") S2(fmul, "fmul") S2(fdiv, "fdiv") S2(fnmul, "fnmul")
S2(fmax, "fmax") S2(fmin, "fmin") S2(fmaxnm, "fmaxnm") S2(fminnm, "fminnm")
FPOP(fmadd_d, LD_D, "fmadd d0, d1, d2, d3", ST_D) FPOP(fmsub_d, LD_D, "fmsub d0, d1, d2, d3", ST_D)
FPOP(fnmadd_d, LD_D, "fnmadd d0, d1, d2, d3", ST_D) FPOP(fnmsub_d, LD_D, "fnmsub d0, d1, d2, d3", ST_D)
FPOP(fmadd_s, LD_S, "fmadd s0, s1, s2, s3", ST_S) FPOP(fnmsub_s, LD_S, "fnmsub s0, s1, s2, s3", ST_S)
#define D1(n) FPOP(n##_d, LD_D, #n " d0, d1", ST_D)
#define S1(n) FPOP(n##_s, LD_S, #n " s0, s1", ST_S)
D1(fsqrt) D1(fabs) D1(fneg) D1(frintn) D1(frinta) D1(frintp) D1(frintm) D1(frintz) D1(frinti) D1(frintx)
S1(fsqrt) S1(fabs) S1(fneg) S1(frintn) S1(frinta) S1(frintp) S1(frintm) S1(frintz) S1(frinti) S1(frintx)
FPOP(cvt_sd, LD_D, "fcvt s0, d1", ST_S) FPOP(cvt_ds, LD_S, "fcvt d0, s1", ST_D)
FPOP(cvt_hs, LD_S, "fcvt h0, s1", ST_S) FPOP(cvt_sh, LD_S, "fcvt s0, h1", ST_S)
FPOP(cvt_hd, LD_D, "fcvt h0, d1", ST_S) FPOP(cvt_dh, LD_S, "fcvt d0, h1", ST_D)
FPOP(scvtf_dx, LD_X, "scvtf d0, x1", ST_D) FPOP(ucvtf_dx, LD_X, "ucvtf d0, x1", ST_D)
FPOP(scvtf_sw, LD_X, "scvtf s0, w1", ST_S) FPOP(ucvtf_sx, LD_X, "ucvtf s0, x1", ST_S)
FPOP(scvtf_dx8, LD_X, "scvtf d0, x1, #8", ST_D)
#define CVT(n, i) FPOP(n, LD_D, i, ST_X)
CVT(zs_w, "fcvtzs w0, d1") CVT(zs_x, "fcvtzs x0, d1") CVT(zu_w, "fcvtzu w0, d1")
CVT(zu_x, "fcvtzu x0, d1") CVT(ns_x, "fcvtns x0, d1") CVT(as_x, "fcvtas x0, d1")
CVT(ms_x, "fcvtms x0, d1") CVT(ps_x, "fcvtps x0, d1") CVT(nu_w, "fcvtnu w0, d1")
CVT(zs_x16, "fcvtzs x0, d1, #16") CVT(zs_ws, "fcvtzs w0, s1")
FPOP(fcmp_d, LD_D, "fcmp d1, d2", ST_F) FPOP(fcmpe_d, LD_D, "fcmpe d1, d2", ST_F)
FPOP(fcmp0_s, LD_S, "fcmp s1, #0.0", ST_F)
FPOP(fccmp_d, LD_D "\n\tcmp %[c], #0", "fccmp d1, d2, #0x6, eq", ST_F)
FPOP(fccmpe_d, LD_D "\n\tcmp %[c], #0", "fccmpe d1, d2, #0x9, ne", ST_F)
FPOP(fcsel_d, LD_D "\n\tcmp %[c], #5", "fcsel d0, d1, d2, gt", ST_D)

static const u64 dv[] = {
    0, 0x8000000000000000, 0x3ff0000000000000, 0xbff8000000000000, 0x3fb999999999999a,
    0x7fefffffffffffff, 0x0010000000000000, 0x0000000000000001, 0x7ff0000000000000,
    0xfff0000000000000, 0x7ff8000000000123, 0xfff0000000000456,
};
static const u64 sv[] = {
    0, 0x80000000, 0x3f800000, 0xbfc00000, 0x3dcccccd, 0x7f7fffff, 0x00800000, 0x00000001,
    0x7f800000, 0xff800000, 0x7fc00123, 0xff800456,
};
#define NV 12

static const struct { const char *name; op_fn d, s; } bin[] = {
    {"fadd", fadd_d, fadd_s}, {"fsub", fsub_d, fsub_s}, {"fmul", fmul_d, fmul_s},
    {"fdiv", fdiv_d, fdiv_s}, {"fnmul", fnmul_d, fnmul_s}, {"fmax", fmax_d, fmax_s},
    {"fmin", fmin_d, fmin_s}, {"fmaxnm", fmaxnm_d, fmaxnm_s}, {"fminnm", fminnm_d, fminnm_s},
};
static const struct { const char *name; op_fn d, s; } un[] = {
    {"fsqrt", fsqrt_d, fsqrt_s}, {"fabs", fabs_d, fabs_s}, {"fneg", fneg_d, fneg_s},
    {"frintn", frintn_d, frintn_s}, {"frinta", frinta_d, frinta_s},
    {"frintp", frintp_d, frintp_s}, {"frintm", frintm_d, frintm_s},
    {"frintz", frintz_d, frintz_s}, {"frinti", frinti_d, frinti_s},
    {"frintx", frintx_d, frintx_s},
};

static void test_binary(void)
{
    u64 f;
    for (unsigned k = 0; k < sizeof(bin) / sizeof(bin[0]); k++)
        for (int w = 0; w < 2; w++)
            for (int i = 0; i < NV; i++) {
                const u64 *v = w ? sv : dv;
                printf("%s.%c %lx:", bin[k].name, w ? 's' : 'd', v[i]);
                for (int j = 0; j < NV; j++) {
                    u64 r = (w ? bin[k].s : bin[k].d)(v[i], v[j], 0, 0, &f);
                    printf(" %lx/%lx", r, f);
                }
                printf("\n");
            }
}

static void test_unary(void)
{
    static const u64 xd[] = {0x4004000000000000, 0xc004000000000000, 0x3fe0000000000000,
                             0xbfe8000000000000, 0x4330000000000001, 0x3ff8000000000000};
    static const u64 xs[] = {0x40200000, 0xc0200000, 0x3f000000, 0xbf400000, 0x4b000001,
                             0x3fc00000};
    u64 f, all[2][NV + 6];
    for (int i = 0; i < NV + 6; i++) {
        all[0][i] = i < NV ? dv[i] : xd[i - NV];
        all[1][i] = i < NV ? sv[i] : xs[i - NV];
    }
    for (unsigned k = 0; k < sizeof(un) / sizeof(un[0]); k++)
        for (int w = 0; w < 2; w++) {
            printf("%s.%c:", un[k].name, w ? 's' : 'd');
            for (int i = 0; i < NV + 6; i++) {
                u64 r = (w ? un[k].s : un[k].d)(all[w][i], 0, 0, 0, &f);
                printf(" %lx/%lx", r, f);
            }
            printf("\n");
        }
}

static const u64 modes[] = {0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25,
                            (1 << 24) | (1 << 25) | (3 << 22)};
static const char *mode_names = "RN RP RM RZ FZ DN FZ+DN+RZ";

static void run_modes(const char *name, op_fn fn, u64 a, u64 b, u64 c)
{
    printf("%-9s %lx %lx %lx:", name, a, b, c);
    for (unsigned m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
        u64 f, r = fn(a, b, c, modes[m], &f);
        printf(" %lx/%lx", r, f);
    }
    printf("\n");
}

static void test_modes(void)
{
    printf("rounding/flush modes: %s\n", mode_names);
    run_modes("fadd.d", fadd_d, 0x3ff0000000000000, 0x3ca0000000000000, 0);
    run_modes("fadd.d", fadd_d, 0xbff0000000000000, 0xbca0000000000000, 0);
    run_modes("fadd.d", fadd_d, 0x3ff0000000000000, 0x3ca8000000000000, 0);
    run_modes("fsub.d", fsub_d, 0x3ff0000000000000, 0x3ff0000000000000, 0);
    run_modes("fdiv.d", fdiv_d, 0x3ff0000000000000, 0x4008000000000000, 0);
    run_modes("fdiv.d", fdiv_d, 0xbff0000000000000, 0x4008000000000000, 0);
    run_modes("fdiv.d", fdiv_d, 0x3ff0000000000000, 0, 0);
    run_modes("fdiv.d", fdiv_d, 0, 0, 0);
    run_modes("fmul.d", fmul_d, 0x7fefffffffffffff, 0x4000000000000000, 0);
    run_modes("fmul.d", fmul_d, 0x7fefffffffffffff, 0xc000000000000000, 0);
    run_modes("fmul.d", fmul_d, 0x0010000000000000, 0x3fb999999999999a, 0);
    run_modes("fmul.d", fmul_d, 0x0010000000000000, 0x3fe0000000000000, 0);
    run_modes("fadd.d", fadd_d, 0x0000000000000001, 0x000fffffffffffff, 0);
    run_modes("fadd.d", fadd_d, 0x0000000000000003, 0x3ff0000000000000, 0);
    run_modes("fmax.d", fmax_d, 0x0000000000000003, 0x8000000000000005, 0);
    run_modes("fadd.d", fadd_d, 0x7ff8000000000123, 0x3ff0000000000000, 0);
    run_modes("fadd.d", fadd_d, 0x3ff0000000000000, 0x7ff4000000000001, 0);
    run_modes("fmadd.d", fmadd_d, 0x3fb999999999999a, 0x4024000000000000, 0xbff0000000000000);
    run_modes("fmsub.d", fmsub_d, 0x3fb999999999999a, 0x4024000000000000, 0x3ff0000000000000);
    run_modes("fnmadd.d", fnmadd_d, 0x3ff0000000000000, 0x3ff0000000000000, 0xbff0000000000000);
    run_modes("fnmsub.d", fnmsub_d, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000);
    run_modes("fmadd.d", fmadd_d, 0, 0x7ff0000000000000, 0x7ff8000000000042);
    run_modes("fmadd.d", fmadd_d, 0x0010000000000000, 0x3fe0000000000000, 0x8000000000000000);
    run_modes("fmadd.s", fmadd_s, 0x3dcccccd, 0x41200000, 0xbf800000);
    run_modes("fnmsub.s", fnmsub_s, 0x7f7fffff, 0x40000000, 0x7f7fffff);
    run_modes("fsqrt.d", fsqrt_d, 0x4000000000000000, 0, 0);
    run_modes("fsqrt.d", fsqrt_d, 0xbff0000000000000, 0, 0);
    run_modes("fsqrt.s", fsqrt_s, 0x00000002, 0, 0);
    run_modes("frinti.d", frinti_d, 0x4004000000000000, 0, 0);
    run_modes("frinti.d", frinti_d, 0xc00c000000000000, 0, 0);
    run_modes("frintx.s", frintx_s, 0x3fc00000, 0, 0);
    run_modes("fadd.s", fadd_s, 0x3f800000, 0x33800000, 0);
    run_modes("fmul.s", fmul_s, 0x00800000, 0x3f000000, 0);
    run_modes("fcvt s<-d", cvt_sd, 0x3fb999999999999a, 0, 0);
    run_modes("fcvt s<-d", cvt_sd, 0x47efffffffffffff, 0, 0);
    run_modes("fcvt s<-d", cvt_sd, 0x36a0000000000000, 0, 0);
    run_modes("fcvt s<-d", cvt_sd, 0x7ff0000000000456, 0, 0);
    run_modes("fcvt d<-s", cvt_ds, 0x00000001, 0, 0);
    run_modes("fcvt d<-s", cvt_ds, 0x7f800456, 0, 0);
    run_modes("scvtf d,x", scvtf_dx, 0x0020000000000001, 0, 0);
    run_modes("scvtf d,x", scvtf_dx, 0x8000000000000001, 0, 0);
    run_modes("ucvtf d,x", ucvtf_dx, 0xffffffffffffffff, 0, 0);
    run_modes("scvtf s,w", scvtf_sw, 0x01000001, 0, 0);
    run_modes("ucvtf s,x", ucvtf_sx, 0x8000008000000001, 0, 0);
    run_modes("scvtf #8", scvtf_dx8, 0xfffffffffffffe80, 0, 0);
}

static void test_half(void)
{
    static const u64 s[] = {0x3f800000, 0x477fe000, 0x477ff000, 0x47800000, 0x33800000,
                            0x33000001, 0x38800000, 0xff800000, 0x7fc01234, 0x7f812345,
                            0x3dcccccd, 0x80000000};
    static const u64 h[] = {0x3c00, 0x7bff, 0x0001, 0x03ff, 0x7c00, 0xfc00, 0x7e01, 0x7c01,
                            0x8000, 0x3555, 0xffff, 0x0400};
    u64 f, r;
    for (int i = 0; i < 12; i++) {
        printf("fcvt h<-s %08lx:", s[i]);
        for (u64 cr = 0; cr < 3; cr++) {       /* plain, AHP, DN */
            r = cvt_hs(s[i], 0, 0, cr == 0 ? 0 : cr == 1 ? 1 << 26 : 1 << 25, &f);
            printf(" %lx/%lx", r, f);
        }
        r = cvt_hd(cvt_ds(s[i], 0, 0, 0, &f), 0, 0, 0, &f);  /* via the same double */
        printf(" | h<-d %lx/%lx", r, f);
        printf(" | s<-h %04lx:", h[i]);
        for (u64 cr = 0; cr < 2; cr++) {
            r = cvt_sh(h[i], 0, 0, cr ? 1 << 26 : 0, &f);
            printf(" %lx/%lx", r, f);
        }
        r = cvt_dh(h[i], 0, 0, 0, &f);
        printf(" d<-h %lx/%lx\n", r, f);
    }
}

static void test_fp_to_int(void)
{
    static const u64 v[] = {
        0, 0x8000000000000000, 0x3fe0000000000000, 0x3ff8000000000000, 0x4004000000000000,
        0xbfe0000000000000, 0xbff8000000000000, 0xc004000000000000, 0x41dfffffffe00000,
        0x41e0000000000000, 0xc1e0000000200000, 0x41f0000000000000, 0x43e0000000000000,
        0xc3e0000000000000, 0xc3e0000000000001, 0x43f0000000000000, 0x444b1ae4d6e2ef50,
        0xc44b1ae4d6e2ef50, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
        0x0000000000000001, 0x40fffff000000000,
    };
    static const struct { const char *n; op_fn fn; } c[] = {
        {"zs.w", zs_w}, {"zs.x", zs_x}, {"zu.w", zu_w}, {"zu.x", zu_x}, {"ns.x", ns_x},
        {"as.x", as_x}, {"ms.x", ms_x}, {"ps.x", ps_x}, {"nu.w", nu_w}, {"zs.x#16", zs_x16},
    };
    for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        printf("fcvt %016lx:", v[i]);
        for (unsigned k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
            u64 f, r = c[k].fn(v[i], 0, 0, 0, &f);
            printf(" %s=%lx/%lx", c[k].n, r, f);
        }
        u64 f, r = zs_ws(v[i] >> 32, 0, 0, 0, &f);
        printf(" zs.w.s(%lx)=%lx/%lx\n", v[i] >> 32, r, f);
    }
}

static void test_compare(void)
{
    static const u64 v[] = {0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
                            0x7ff0000000000000, 0x7ff8000000000000, 0x7ff0000000000001};
    u64 f;
    for (int i = 0; i < 7; i++) {
        printf("fcmp %lx:", v[i]);
        for (int j = 0; j < 7; j++) {
            u64 r1 = fcmp_d(v[i], v[j], 0, 0, &f), f1 = f;
            u64 r2 = fcmpe_d(v[i], v[j], 0, 0, &f);
            printf(" %lx/%lx,%lx/%lx", r1 >> 28, f1, r2 >> 28, f);
        }
        u64 r = fcmp0_s(v[i] >> 32, 0, 0, 0, &f);
        printf(" | cmp0.s %lx/%lx\n", r >> 28, f);
    }
    for (int i = 0; i < 7; i++)
        for (u64 z = 0; z < 2; z++) {
            u64 r1 = fccmp_d(v[i], v[2], z, 0, &f), f1 = f;
            u64 r2 = fccmpe_d(v[i], v[2], z, 0, &f), f2 = f;
            u64 r3 = fcsel_d(v[i], v[2], z * 10, 0, &f);
            printf("fccmp %lx c=%lu: %lx/%lx fccmpe %lx/%lx fcsel %lx/%lx\n", v[i], z, r1 >> 28,
                   f1, r2 >> 28, f2, r3, f);
        }
    u64 imm[4];
    asm volatile("fmov d0, #1.0\n\tfmov %0, d0\n\tfmov d0, #-31.0\n\tfmov %1, d0\n\t"
                 "fmov s0, #0.125\n\tfmov %w2, s0\n\tfmov s0, #-1.9375\n\tfmov %w3, s0"
                 : "=r"(imm[0]), "=r"(imm[1]), "=r"(imm[2]), "=r"(imm[3]) :: "v0");
    printf("fmov imm: %lx %lx %lx %lx\n", imm[0], imm[1], imm[2], imm[3]);
}

int main(void)
{
    test_binary();
    test_unary();
    test_modes();
    test_half();
    test_fp_to_int();
    test_compare();
    return 0;
}
