/* Owns: A64 loads and stores: every size and sign extension, every addressing
 * form (offset, unscaled, pre/post-index, register offset with extends,
 * literal), pairs, FP/SIMD loads and stores (single registers, pairs, LD1/ST1
 * of 1-4 registers, structure loads), and the exclusive monitor (LDXR/STXR incl.
 * failing STXRs, acquire/release, pairs). No LSE atomics (cortex-a57 has none).
 * Addresses are printed as offsets from the buffer base, never raw. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t u64;
typedef uint8_t u8;

static u8 buf[40960] __attribute__((aligned(64)));
static u8 *const b = buf + 4096;     /* base: room for negative offsets */
static u8 out[128] __attribute__((aligned(16)));

static void fill(void)
{
    for (unsigned i = 0; i < sizeof(buf); i++)
        buf[i] = (u8)(i * 0x9d + 0x35);
}

static void dump(const char *name, const u8 *p, unsigned n)
{
    printf("%-28s", name);
    for (unsigned i = 0; i < n; i++)
        printf("%s%02x", i && i % 8 == 0 ? " " : "", p[i]);
    printf("\n");
}

#define LD(insn, p) ({ u64 r_; asm volatile(insn : "=r"(r_) : "r"(p) : "memory"); r_; })

static void test_sizes(void)
{
    static const int offs[] = {0, 1, 6, 8, 13, 255};
    for (unsigned i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
        const u8 *p = b + offs[i];
        printf("off %3d: ldrb=%lx ldrsb.w=%lx ldrsb.x=%lx ldrh=%lx ldrsh.w=%lx "
               "ldrsh.x=%lx ldr.w=%lx ldrsw=%lx ldr.x=%lx\n", offs[i],
               LD("ldrb %w0, [%1]", p), LD("ldrsb %w0, [%1]", p), LD("ldrsb %x0, [%1]", p),
               LD("ldrh %w0, [%1]", p), LD("ldrsh %w0, [%1]", p), LD("ldrsh %x0, [%1]", p),
               LD("ldr %w0, [%1]", p), LD("ldrsw %x0, [%1]", p), LD("ldr %x0, [%1]", p));
    }
}

static void test_addressing(void)
{
    u64 r, q;
    printf("uoff: %lx %lx %lx %lx\n", LD("ldrb %w0, [%1, #4095]", b),
           LD("ldrh %w0, [%1, #8190]", b), LD("ldr %w0, [%1, #16380]", b),
           LD("ldr %0, [%1, #32760]", b));
    printf("ldur: %lx %lx %lx %lx %lx\n", LD("ldur %0, [%1, #-256]", b),
           LD("ldur %0, [%1, #255]", b), LD("ldursb %w0, [%1, #-3]", b),
           LD("ldursh %0, [%1, #-1]", b), LD("ldursw %0, [%1, #7]", b));

    u8 *p = b;
    asm volatile("ldr %0, [%1, #16]!" : "=r"(r), "+r"(p) :: "memory");
    printf("pre-index  ldr x: %lx p=%ld\n", r, (long)(p - b));
    asm volatile("ldrsh %w0, [%1, #-255]!" : "=r"(r), "+r"(p) :: "memory");
    printf("pre-index  ldrsh w: %lx p=%ld\n", r, (long)(p - b));
    asm volatile("ldrsb %0, [%1], #-7" : "=r"(r), "+r"(p) :: "memory");
    printf("post-index ldrsb x: %lx p=%ld\n", r, (long)(p - b));
    asm volatile("ldr %w0, [%1], #255" : "=r"(r), "+r"(p) :: "memory");
    printf("post-index ldr w: %lx p=%ld\n", r, (long)(p - b));

    static const long idx[] = {0, 1, 5, -3};
    for (unsigned i = 0; i < 4; i++) {
        long x = idx[i];
        u64 v[6];
        asm volatile("ldr %0, [%6, %7, lsl #3]\n\tldr %w1, [%6, %w7, sxtw #2]\n\t"
                     "ldrsb %2, [%6, %7, sxtx]\n\tldrh %w3, [%6, %w7, sxtw #1]\n\t"
                     "ldr %4, [%6, %7]\n\tldrsw %5, [%6, %w7, sxtw]"
                     : "=&r"(v[0]), "=&r"(v[1]), "=&r"(v[2]), "=&r"(v[3]), "=&r"(v[4]),
                       "=&r"(v[5])
                     : "r"(b), "r"(x) : "memory");
        printf("regoff %ld: %lx %lx %lx %lx %lx %lx\n", x, v[0], v[1], v[2], v[3], v[4], v[5]);
    }
    /* uxtw of a negative w index wraps to a large positive offset */
    const u8 *low = buf;
    u64 w = 0xffffffff00000010UL;
    asm volatile("ldrb %w0, [%1, %w2, uxtw]" : "=r"(r) : "r"(low), "r"(w) : "memory");
    printf("regoff uxtw ignores top: %lx\n", r);

    u64 d, s, t;
    asm volatile("ldr %0, 1f\n\tldrsw %1, 2f\n\tldr %w2, 2f\n\tldr d0, 1f\n\t"
                 "fmov %3, d0\n\tb 3f\n\t.balign 8\n"
                 "1: .quad 0x0123456789abcdef\n2: .word 0x80000001\n3:"
                 : "=r"(r), "=r"(q), "=r"(d), "=r"(s) :: "v0");
    printf("literal: %lx %lx %lx %lx\n", r, q, d, s);
    asm volatile("adr %0, 1f\n\tadr %1, 2f\n\tsub %0, %1, %0\n\tb 2f\n1: nop\n\tnop\n2:"
                 : "=r"(t), "=r"(s));
    printf("adr delta: %lu\n", t);
    asm volatile("prfm pldl1keep, [%0]\n\tprfm pstl2strm, [%0, #64]\n\tprfum pldl3keep, [%0, #-1]"
                 :: "r"(b));
}

static void test_stores(void)
{
    u8 *o = out + 32;
    memset(out, 0xaa, sizeof(out));
    u64 v = 0x0123456789abcdef;
    asm volatile("strb %w1, [%0]\n\tstrh %w1, [%0, #2]\n\tstr %w1, [%0, #4]\n\t"
                 "str %1, [%0, #8]\n\tstur %w1, [%0, #-3]\n\tsturh %w1, [%0, #17]\n\t"
                 "str %1, [%0, #21]" :: "r"(o), "r"(v) : "memory");
    dump("str sizes:", out + 24, 40);
    memset(out, 0xaa, sizeof(out));
    u8 *p = o;
    asm volatile("str %1, [%0, #-8]!\n\tstrh %w1, [%0], #20\n\tstrb %w1, [%0, #1]!"
                 : "+r"(p) : "r"(v) : "memory");
    dump("str pre/post:", out + 16, 40);
    printf("p=%ld\n", (long)(p - o));
    memset(out, 0xaa, sizeof(out));
    long i = -2;
    asm volatile("str %1, [%0, %2, lsl #3]\n\tstr %w1, [%0, %w2, sxtw #2]\n\t"
                 "strh %w1, [%0, %2, sxtx #1]\n\tstrb %w1, [%0, %2]"
                 :: "r"(o + 16), "r"(v), "r"(i) : "memory");
    dump("str regoff:", out + 24, 32);
}

static void test_pairs(void)
{
    u64 x, y;
    const u8 *p = b + 64;
    asm volatile("ldp %w0, %w1, [%2, #-8]" : "=&r"(x), "=&r"(y) : "r"(p) : "memory");
    printf("ldp w: %lx %lx\n", x, y);
    asm volatile("ldpsw %0, %1, [%2, #4]" : "=&r"(x), "=&r"(y) : "r"(p) : "memory");
    printf("ldpsw: %lx %lx\n", x, y);
    asm volatile("ldp %0, %1, [%2, #504]" : "=&r"(x), "=&r"(y) : "r"(p) : "memory");
    printf("ldp x: %lx %lx\n", x, y);
    asm volatile("ldp %0, %1, [%2, #-16]!" : "=&r"(x), "=&r"(y), "+r"(p) :: "memory");
    printf("ldp pre: %lx %lx p=%ld\n", x, y, (long)(p - b));
    asm volatile("ldp %w0, %w1, [%2], #-256" : "=&r"(x), "=&r"(y), "+r"(p) :: "memory");
    printf("ldp w post: %lx %lx p=%ld\n", x, y, (long)(p - b));
    asm volatile("ldnp %0, %1, [%2, #8]" : "=&r"(x), "=&r"(y) : "r"(p) : "memory");
    printf("ldnp: %lx %lx\n", x, y);

    memset(out, 0xaa, sizeof(out));
    u8 *o = out + 48;
    x = 0x1122334455667788; y = 0x99aabbccddeeff00;
    asm volatile("stp %1, %2, [%0, #-16]!\n\tstp %w2, %w1, [%0], #40\n\tstnp %w1, %w2, [%0, #-4]"
                 : "+r"(o) : "r"(x), "r"(y) : "memory");
    dump("stp:", out + 32, 48);
    printf("o=%ld\n", (long)(o - out));
}

#define VLD(name, insn, p)                                                   \
    do {                                                                     \
        asm volatile("movi v0.16b, #0xff\n\t" insn "\n\tstr q0, [%1]"        \
                     :: "r"(p), "r"(out) : "v0", "x9", "memory");            \
        dump(name, out, 16);                                                 \
    } while (0)

static void test_simd(void)
{
    const u8 *p = b + 3;
    VLD("ldr b:", "ldr b0, [%0]", p);
    VLD("ldr h:", "ldr h0, [%0, #2]", p);
    VLD("ldr s pre-index:", "mov x9, %0\n\tldr s0, [x9, #-4]!", p);
    VLD("ldur d:", "ldur d0, [%0, #-5]", p);
    VLD("ldr q:", "ldr q0, [%0, #32]", p);
    VLD("ldr q regoff:", "mov x9, #3\n\tldr q0, [%0, x9, lsl #4]", p);
    VLD("ld1 lane s[2]:", "ld1 {v0.s}[2], [%0]", p);
    VLD("ld1r h:", "ld1r {v0.8h}, [%0]", p);
    VLD("ld1 8b (clears top):", "ld1 {v0.8b}, [%0]", p);
    VLD("ins / ext:", "ldr q0, [%0]\n\tins v0.b[3], v0.b[15]\n\text v0.16b, v0.16b, v0.16b, #5", p);

    u8 big[64];
    asm volatile("ldp q0, q1, [%0]\n\tldp s2, s3, [%0, #8]\n\t"
                 "stp q1, q0, [%1]\n\tstp s3, s2, [%1, #32]\n\tstp d3, d2, [%1, #40]"
                 :: "r"(p), "r"(big) : "v0", "v1", "v2", "v3", "memory");
    dump("ldp/stp q s d:", big, 56);

    for (int n = 1; n <= 4; n++) {
        memset(big, 0, sizeof(big));
        switch (n) {
        case 1: asm volatile("ld1 {v4.16b}, [%0]\n\tst1 {v4.16b}, [%1]"
                             :: "r"(p), "r"(big) : "v4", "memory"); break;
        case 2: asm volatile("ld1 {v4.8h, v5.8h}, [%0]\n\tst1 {v4.8h, v5.8h}, [%1]"
                             :: "r"(p), "r"(big) : "v4", "v5", "memory"); break;
        case 3: asm volatile("ld1 {v4.4s, v5.4s, v6.4s}, [%0]\n\t"
                             "st1 {v4.4s, v5.4s, v6.4s}, [%1]"
                             :: "r"(p), "r"(big) : "v4", "v5", "v6", "memory"); break;
        case 4: /* the register list wraps from v31 to v0 */
                asm volatile("ld1 {v30.2d, v31.2d, v0.2d, v1.2d}, [%0]\n\t"
                             "st1 {v30.2d, v31.2d, v0.2d, v1.2d}, [%1]"
                             :: "r"(p), "r"(big) : "v30", "v31", "v0", "v1", "memory"); break;
        }
        char name[32];
        snprintf(name, sizeof(name), "ld1/st1 x%d:", n);
        dump(name, big, 64);
    }
    memset(big, 0, sizeof(big));
    asm volatile("ld2 {v4.8b, v5.8b}, [%0]\n\tst1 {v4.8b, v5.8b}, [%1]"
                 :: "r"(p), "r"(big) : "v4", "v5", "memory");
    dump("ld2 8b:", big, 16);
    asm volatile("ld3 {v4.4h, v5.4h, v6.4h}, [%0]\n\tst1 {v4.4h, v5.4h, v6.4h}, [%1]"
                 :: "r"(p), "r"(big) : "v4", "v5", "v6", "memory");
    dump("ld3 4h:", big, 24);
    asm volatile("ld4 {v4.4s, v5.4s, v6.4s, v7.4s}, [%0]\n\t"
                 "st1 {v4.4s, v5.4s, v6.4s, v7.4s}, [%1]"
                 :: "r"(p), "r"(big) : "v4", "v5", "v6", "v7", "memory");
    dump("ld4 4s:", big, 64);
    asm volatile("ld1 {v4.16b}, [%0]\n\tst4 {v4.b, v5.b, v6.b, v7.b}[9], [%1]"
                 :: "r"(p), "r"(big) : "v4", "v5", "v6", "v7", "memory");
    dump("st4 lane:", big, 8);

    const u8 *q = p;
    long step = 48;
    asm volatile("ld1 {v4.16b}, [%0], #16\n\tld1 {v5.16b, v6.16b}, [%0], %1"
                 : "+r"(q) : "r"(step) : "v4", "v5", "v6", "memory");
    printf("ld1 post-index: q=%ld\n", (long)(q - p));
}

static u64 excl_word[4] __attribute__((aligned(16))) = {5, 6, 7, 8};

static void test_exclusive(void)
{
    u64 old, st1, st2, st3, st4;
    u64 *w = excl_word;
    asm volatile("ldxr %0, [%5]\n\tadd %0, %0, #1\n\tstxr %w1, %0, [%5]\n\t"
                 "stxr %w2, %0, [%5]\n\t"                 /* no ldxr: must fail */
                 "ldxr %0, [%5]\n\tclrex\n\tstxr %w3, %0, [%5]\n\t"
                 "ldaxr %0, [%5]\n\tstlxr %w4, %0, [%5]"
                 : "=&r"(old), "=&r"(st1), "=&r"(st2), "=&r"(st3), "=&r"(st4)
                 : "r"(w) : "memory");
    printf("excl: val=%lu stxr=%lu nold=%lu clrex=%lu stlxr=%lu mem=%lu\n",
           old, st1, st2, st3, st4, w[0]);

    u64 a, c, s;
    asm volatile("ldxp %0, %1, [%3]\n\tadd %0, %0, #100\n\tadd %1, %1, #200\n\t"
                 "stxp %w2, %1, %0, [%3]"
                 : "=&r"(a), "=&r"(c), "=&r"(s) : "r"(w + 2) : "memory");
    printf("ldxp/stxp: %lu %lu st=%lu mem=%lu %lu\n", a, c, s, w[2], w[3]);
    asm volatile("ldaxp %w0, %w1, [%3]\n\tstlxp %w2, %w1, %w0, [%3]"
                 : "=&r"(a), "=&r"(c), "=&r"(s) : "r"(w) : "memory");
    printf("ldaxp/stlxp w: %lx %lx st=%lu mem=%lx\n", a, c, s, w[0]);

    u8 *bp = (u8 *)&w[1];
    asm volatile("ldxrb %w0, [%2]\n\tadd %w0, %w0, #0x80\n\tstxrb %w1, %w0, [%2]"
                 : "=&r"(a), "=&r"(s) : "r"(bp) : "memory");
    printf("ldxrb/stxrb: %lx st=%lu\n", a, s);
    asm volatile("ldaxrh %w0, [%2]\n\tsub %w0, %w0, #1\n\tstlxrh %w1, %w0, [%2]"
                 : "=&r"(a), "=&r"(s) : "r"(bp + 2) : "memory");
    printf("ldaxrh/stlxrh: %lx st=%lu mem=%lx\n", a, s, w[1]);

    asm volatile("stlr %2, [%1]\n\tldar %w0, [%1]" : "=&r"(a) : "r"(w), "r"(0x1234567890UL)
                 : "memory");
    printf("stlr/ldar.w: %lx\n", a);
    asm volatile("stlrb %w2, [%1]\n\tstlrh %w2, [%1, #0]\n\tldarb %w0, [%1]"
                 : "=&r"(a) : "r"(bp), "r"(0xfedcUL) : "memory");
    printf("stlrb/h ldarb: %lx mem=%lx\n", a, w[1]);

    /* atomic increment loop */
    u64 *ctr = &w[3], tmp, fail;
    for (int i = 0; i < 1000; i++)
        asm volatile("1: ldaxr %0, [%2]\n\tadd %0, %0, #3\n\tstlxr %w1, %0, [%2]\n\t"
                     "cbnz %w1, 1b" : "=&r"(tmp), "=&r"(fail) : "r"(ctr) : "memory");
    printf("counter: %lu\n", *ctr);
}

int main(void)
{
    fill();
    test_sizes();
    test_addressing();
    test_stores();
    test_pairs();
    test_simd();
    test_exclusive();
    return 0;
}
