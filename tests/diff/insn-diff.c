/* Owns: the guest side of the differential instruction test. For a seed, an
 * encoding group and a count, each case builds a random initial state (X0-X30,
 * SP, NZCV, V0-V31, FPSR, FPCR rounding/FZ/DN/AHP), writes one instruction
 * (random fields inside the group's encoding patterns) into a code slot,
 * runs it, and prints one line: the outcome and every piece of state that
 * differs from the initial state (plus a checksum of the scratch memory when
 * it changed). tests/diff/run-diff.py runs it under mimic and under qemu and
 * compares the lines.
 *
 * How a case runs (no register is reserved): the harness executes BRK; the
 * SIGTRAP handler writes the initial state into the signal frame with
 * pc = slot and returns, so sigreturn loads every register at once. The
 * instruction at slot+4 is another BRK; its handler (or the handler of any
 * fault the instruction raised) reads the final state from the frame and
 * siglongjmps back. All memory sits at fixed addresses, so addresses in the
 * state agree between emulators. The slot lies in the middle of a 256 MiB
 * reservation: +-1 MiB around it is readable/executable zeros (UDF, so any
 * branch landing there traps with its pc), the rest PROT_NONE, so every
 * immediate branch ends in a trap the two emulators must agree on.
 *
 *   insn-diff SEED GROUP COUNT [FIRST] [-v]     (GROUP "list" prints groups)
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

typedef uint64_t u64;
typedef uint32_t u32;
typedef unsigned __int128 u128;

#define REGION      0x30000000UL            /* 256 MiB + 2 pages, PROT_NONE */
#define REGION_SIZE (0x10000000UL + 0x2000)
#define SLOT        (REGION + 0x8000000UL)  /* 128 MiB in: every B target is inside */
#define PAD         0x100000UL              /* +-1 MiB of R-X zeros (UDF #0) */
#define SCR         0x48000000UL            /* scratch data, 64 KiB */
#define SCR_SIZE    0x10000UL
#define EXIT_BRK    (0xd4200000u | 0x5a5 << 5)   /* brk #0x5a5 at slot+4 */

struct state {
    u64 x[31], sp, pc, nzcv, fpsr, fpcr;
    u128 v[32];
};

struct outcome {
    int sig, code;
    u64 addr;
};

/* ---- random numbers: splitmix64, one stream per case ---- */
static u64 rs;
static u64 rnd(void)
{
    u64 z = (rs += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
}
static u64 below(u64 n) { return rnd() % n; }

/* ---- encoding groups: each a list of (fixed-bit mask, fixed-bit value) ---- */
struct pat { u32 mask, value; };
struct group { const char *name; int ldst, fp; struct pat p[12]; int any; };

/* Patterns follow the A64 encoding tables (ARM ARM C4.1); fixed bits keep
 * most encodings allocated, a general pattern per group adds the rest. */
static const struct group groups[] = {
    {"addsub-imm", 0, 0, {{0x1f800000, 0x11000000}}},
    {"logic-imm", 0, 0, {{0x9f800000, 0x92000000}, {0x9fc00000, 0x12000000},
                         {0x1f800000, 0x12000000}}},
    {"movewide", 0, 0, {{0x9f800000, 0x92800000}, {0x9fc00000, 0x12800000}}},
    {"bitfield", 0, 0, {{0x9fc00000, 0x93400000}, {0x9fe08000, 0x13000000},
                        {0x1f800000, 0x13000000}}},
    {"extract", 0, 0, {{0xffe00000, 0x93c00000}, {0xffe08000, 0x13800000},
                       {0x1f800000, 0x13800000}}},
    {"pcrel", 0, 0, {{0x1f000000, 0x10000000}}},
    {"addsub-reg", 0, 0, {{0x1f200000, 0x0b000000}, {0x1f200000, 0x0b000000},
                          {0x1fe00000, 0x0b200000}, {0x1fe00000, 0x0b200000},
                          {0x1f200000, 0x0b200000}}},
    {"adc-sbc", 0, 0, {{0x1fe0fc00, 0x1a000000}}},
    {"logic-reg", 0, 0, {{0x1f000000, 0x0a000000}}},
    {"cond-cmp", 0, 0, {{0x3fe00410, 0x3a400000}, {0x1fe00000, 0x1a400000}}},
    {"cond-sel", 0, 0, {{0x3fe00800, 0x1a800000}, {0x1fe00000, 0x1a800000}}},
    {"dp-1src", 0, 0, {{0x7fffe000, 0x5ac00000}, {0x7fffe000, 0x5ac00000},
                       {0x5fe00000, 0x5ac00000}}},
    {"dp-2src", 0, 0, {{0x7fe0f800, 0x1ac00800}, {0x7fe0f000, 0x1ac02000},
                       {0x7fe0e000, 0x1ac04000}, {0x5fe00000, 0x1ac00000}}},
    {"dp-3src", 0, 0, {{0xffe00000, 0x9b000000}, {0xffe00000, 0x1b000000},
                       {0xffe00000, 0x9b200000}, {0xffe00000, 0x9ba00000},
                       {0xffe08000, 0x9b400000}, {0xffe08000, 0x9bc00000},
                       {0x1f000000, 0x1b000000}}},
    {"ldst", 1, 0, {{0x3b000000, 0x39000000},      /* unsigned offset */
                    {0x3b200000, 0x38000000},      /* unscaled, pre/post, unpriv */
                    {0x3b204c00, 0x38204800},      /* register offset */
                    {0x3a000000, 0x28000000},      /* pairs */
                    {0x3b000000, 0x18000000},      /* literal */
                    {0x3fa00000, 0x08000000},      /* exclusive */
                    {0x3fa00000, 0x08200000},      /* exclusive pair */
                    {0x3fa00000, 0x08800000},      /* acquire/release */
                    {0xbfbf0000, 0x0c000000},      /* SIMD multiple structures */
                    {0xbfa00000, 0x0c800000},      /*   post-index */
                    {0xbf9f0000, 0x0d000000},      /* SIMD single structure */
                    {0xbf800000, 0x0d800000}}},    /*   post-index */
    {"fp-1src", 0, 1, {{0xffb87c00, 0x1e204000}, {0xffb87c00, 0x1e204000},
                       {0xff207c00, 0x1e204000}}},
    {"fp-2src", 0, 1, {{0xffa08c00, 0x1e200800}, {0xffa0fc00, 0x1e208800},
                       {0xff200c00, 0x1e200800}}},
    {"fp-3src", 0, 1, {{0xff800000, 0x1f000000}, {0xff000000, 0x1f000000}}},
    {"fp-cmp-csel", 0, 1, {{0xffa0fc07, 0x1e202000}, {0xffa00c00, 0x1e200400},
                           {0xffa00c00, 0x1e200c00}, {0xff203c00, 0x1e202000}}},
    {"fp-int-cvt", 0, 1, {{0x7fa6fc00, 0x1e200000}, {0x7fbefc00, 0x1e220000},
                          {0x7fbefc00, 0x1e260000}, {0x7fa60000, 0x1e000000},
                          {0x7f20fc00, 0x1e200000}, {0x7f200000, 0x1e000000}}},
    {"fp-imm", 0, 1, {{0xffa01fe0, 0x1e201000}, {0xff201c00, 0x1e201000}}},
    {"simd", 0, 1, {{0x9f200400, 0x0e200400},      /* three same */
                    {0x9f200c00, 0x0e200000},      /* three different */
                    {0x9f3e0c00, 0x0e200800},      /* two-register misc */
                    {0x9f3e0c00, 0x0e300800},      /* across lanes */
                    {0x9fe08400, 0x0e000400},      /* copy */
                    {0x9f800400, 0x0f000400},      /* modified imm / shift by imm */
                    {0x9f000400, 0x0f000000},      /* by element */
                    {0xbf208c00, 0x0e000800},      /* permute */
                    {0xbfe08400, 0x2e000000},      /* extract */
                    {0xbf208c00, 0x0e000000},      /* table lookup */
                    {0xdf200400, 0x5e200400},      /* scalar three same */
                    {0xff3e0c00, 0x4e280800}}},    /* AES */
    {"random", 0, 1, {{0, 0}}},
    /* The fuzz group: any word at all (eight patterns by the top three
     * bits), with branches, exceptions and the system class (1/1024 of the
     * space) and MRS/MSR in it drawn more often. */
    {"any", 0, 1, {{0xe0000000, 0x00000000}, {0xe0000000, 0x20000000},
                   {0xe0000000, 0x40000000}, {0xe0000000, 0x60000000},
                   {0xe0000000, 0x80000000}, {0xe0000000, 0xa0000000},
                   {0xe0000000, 0xc0000000}, {0xe0000000, 0xe0000000},
                   {0x1c000000, 0x14000000}, {0xff000000, 0xd4000000},
                   {0xffc00000, 0xd5000000}, {0xffd00000, 0xd5100000}}, 1},
    /* The FP <-> integer conversions of Advanced SIMD: by #fbits (shift
     * by immediate, opcode 111xx), and the two-register misc ones, scalar
     * and vector. */
    {"simd-cvt", 0, 1, {{0xdf80e400, 0x5f00e400}, {0x9f80e400, 0x0f00e400},
                        {0xdf3e0c00, 0x5e200800}, {0x9f3e0c00, 0x0e200800}}},
    /* FCVT between the precisions (any, from half, to half) and vector
     * FCVTN/FCVTL (of halves, or any size), on values around the half
     * range (fp 2: vreg_value's half_range). */
    {"fp-half-cvt", 0, 2, {{0xff3e7c00, 0x1e224000}, {0xfffe7c00, 0x1ee24000},
                           {0xff3ffc00, 0x1e23c000}, {0xbfffec00, 0x0e216800},
                           {0xbfbfec00, 0x0e216800}}},
    /* The estimates, two-register misc with size<1> set and opcode 1110x
     * (URECPE, URSQRTE, FRECPE, FRSQRTE), vector and scalar, and FRECPX;
     * fp 3: lanes mostly normal (vreg_value), often positive, often at
     * the ends of the exponent range. */
    {"simd-est", 0, 3, {{0x9fbfec00, 0x0ea1c800}, {0x9fbfec00, 0x0ea1c800},
                        {0xdfbfec00, 0x5ea1c800}, {0xffbffc00, 0x5ea1f800}}},
};
#define NGROUPS (int)(sizeof(groups) / sizeof(groups[0]))

/* ---- making encodings well-defined ---- */

/* For the "any" group: every word but those whose result is not a function
 * of the state (SVC makes random syscalls, WFE/WFI wait, the counters
 * tick), and writes of TPIDR_EL0, which would take the harness's own
 * thread pointer away. */
static int acceptable_any(u32 w)
{
    if ((w & 0xffe0001f) == 0xd4000001)                /* svc */
        return 0;
    if ((w & 0xfffff01f) == 0xd503201f) {              /* hint */
        u32 op = (w >> 5) & 0x7f;
        return op != 2 && op != 3;                     /* not wfe/wfi */
    }
    if ((w & 0xffd00000) == 0xd5100000) {              /* msr/mrs (register) */
        u32 reg = (w >> 5) & 0x7fff;                   /* o0:op1:CRn:CRm:op2 */
        int read = (w >> 21) & 1;
        if (read && (reg == 0x5f01 || reg == 0x5f02))  /* cntpct, cntvct */
            return 0;
        if (!read && reg == 0x5e82)                    /* tpidr_el0 */
            return 0;
    }
    return 1;
}

/* The system class is excluded except for harmless hints, barriers and the
 * NZCV/FPCR/FPSR registers; SVC is excluded (random syscalls). */
static int acceptable(u32 w)
{
    if ((w & 0xffe0001f) == 0xd4000001)                /* svc */
        return 0;
    if ((w & 0xffc00000) != 0xd5000000)
        return 1;
    if ((w & 0xfffff01f) == 0xd503201f) {              /* hint */
        u32 op = (w >> 5) & 0x7f;
        return op != 2 && op != 3;                     /* not wfe/wfi */
    }
    if ((w & 0xfffff01f) == 0xd503301f)                /* clrex, dsb, dmb, isb */
        return 1;
    if ((w & 0xffd00000) == 0xd5100000) {              /* msr/mrs (register) */
        u32 reg = (w >> 5) & 0x7fff;                   /* o0:op1:CRn:CRm:op2 */
        return reg == 0x5a10 || reg == 0x5a20 || reg == 0x5a21;
    }
    return 0;
}

static u32 other_reg(u32 r, u32 a, u32 b) { while (r == a || r == b) r = (r + 1) & 31; return r; }

/* Rewrites CONSTRAINED UNPREDICTABLE register choices in loads/stores (where
 * two correct emulators may differ) and makes self-branches move on. */
static u32 fix_encoding(u32 w)
{
    u32 rt = w & 31, rn = (w >> 5) & 31, rt2 = (w >> 10) & 31, rs = (w >> 16) & 31;
    int v = (w >> 26) & 1;
    if ((w & 0x3b200400) == 0x38000400 && !v && rn != 31 && rn == rt)  /* ldr/str pre/post */
        w = (w & ~31u) | other_reg(rt, rn, rn);
    if ((w & 0x3a000000) == 0x28000000) {                               /* pairs */
        int wb = (w >> 23) & 1, load = (w >> 22) & 1;
        if (wb && !v && rn != 31)
            rt = other_reg(rt, rn, rn), rt2 = other_reg(rt2, rn, rn);
        if (load && rt == rt2)
            rt2 = other_reg(rt2, rt, v ? 32 : rn);
        w = (w & ~(31u | 31u << 10)) | rt | rt2 << 10;
    }
    if ((w & 0x3f000000) == 0x08000000) {                               /* exclusives */
        int o2 = (w >> 23) & 1, l = (w >> 22) & 1, o1 = (w >> 21) & 1;
        int pair = o1 && !o2 && (w >> 31);
        if (l || o2)
            rs = 31;
        if (!o1)
            rt2 = 31;
        while (!l && !o2 && (rs == rt || (rs == rn && rn != 31) || (pair && rs == rt2)))
            rs = (rs + 1) & 31;
        if (l && pair && rt == rt2)
            rt2 = other_reg(rt2, rt, rt);
        w = (w & ~(31u << 16 | 31u << 10)) | rs << 16 | rt2 << 10;
    }
    if ((w & 0x7c000000) == 0x14000000 && !(w & 0x3ffffff))            /* b, bl */
        w |= 1;
    if (((w & 0xff000010) == 0x54000000 || (w & 0x7e000000) == 0x34000000) &&
        !(w & 0xffffe0))                                               /* b.cond, cbz */
        w |= 1 << 5;
    if ((w & 0x7e000000) == 0x36000000 && !(w & 0x7ffe0))               /* tbz */
        w |= 1 << 5;
    return w;
}

/* ---- initial state ---- */
static const u64 special64[] = {
    0, 1, 2, 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000, 0xffffffff,
    0x7fffffff, 0x80000000, 0x100000000, 0xfffffffe, 0x8000000000000001, 63, 64, 32, 31,
};
static const u64 fp64[] = {
    0, 0x8000000000000000, 0x3ff0000000000000, 0xbff8000000000000, 0x7ff0000000000000,
    0xfff0000000000000, 0x7ff8000000000000, 0x7ff4000000000001, 0x0000000000000001,
    0x000fffffffffffff, 0x7fefffffffffffff, 0x3fe0000000000000, 0x4330000000000000,
    0x43e0000000000000, 0xc1e0000000000000, 0x3fb999999999999a,
};
static const u32 fp32[] = {
    0, 0x80000000, 0x3f800000, 0xbfc00000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00001,
    0x00000001, 0x007fffff, 0x7f7fffff, 0x3f000000, 0x4b000000, 0x5f000000, 0xcf000000,
    0x3dcccccd,
};
static const u32 fp16[] = {0, 0x8000, 0x3c00, 0x7c00, 0xfc00, 0x7e00, 0x7d00, 0x0001, 0x7bff,
                           0x3800, 0x03ff, 0xbe00, 0x5640, 0x1234, 0xffff, 0x4000};

static u64 scr_pointer(int misalign)
{
    u64 p = SCR + 0x4000 + (below(0x4000) & ~15ul);
    return misalign && below(8) == 0 ? p + below(16) : p;
}

static u64 reg_value(void)
{
    switch (below(8)) {
    case 0: case 1: return special64[below(16)];
    case 2: return below(256);
    case 3: return -below(256);
    case 4: return scr_pointer(1);
    case 5: return rnd() & 0xffffffff;
    default: return rnd();
    }
}

/* A single (f64 0) or double near the half-precision range, 2^-17 to
 * 2^17, its bits below a half's last bit often a tie or one off it
 * (a double's by less than a single's last bit: no rounding through a
 * single gets those right). */
static u64 half_range(int f64)
{
    int frac = f64 ? 52 : 23, drop = frac - 10;
    u64 tie = 1ull << (drop - 1), low;
    switch (below(4)) {
    case 0: low = tie; break;
    case 1: low = tie - 1; break;
    case 2: low = tie + 1; break;
    default: low = rnd() & (2 * tie - 1); break;
    }
    u64 e = (f64 ? 1023 : 127) - 17 + below(35);
    return (u64)below(2) << (f64 ? 63 : 31) | e << frac | (rnd() & 0x3ff) << drop | low;
}

/* A normal f32 or f64 (ebits, fbits) lane from random bits: positive
 * three times in four, its exponent at one of the range's ends (or the
 * middle) one time in four. */
static u64 normal_lane(u64 bits, int ebits, int fbits)
{
    u64 emax = (1ull << ebits) - 1, e = (bits >> fbits) & emax;
    u64 ends[] = {1, 2, emax - 3, emax - 2, emax - 1, emax >> 1};
    if (below(4) == 0)
        e = ends[below(6)];
    if (e == 0 || e == emax)
        e = emax >> 1;
    bits = (bits & ~(emax << fbits)) | e << fbits;
    if (below(4))
        bits &= ~(1ull << (ebits + fbits));
    return bits;
}

static u128 vreg_value(int fp)
{
    u128 v = (u128)rnd() << 64 | rnd();
    if (fp == 2 && below(2)) {
        int f64 = below(2);
        for (int i = 0; i < (f64 ? 2 : 4); i++)
            v = f64 ? (v & ~((u128)~0ull << 64 * i)) | (u128)half_range(1) << 64 * i
                    : (v & ~((u128)0xffffffff << 32 * i)) | (u128)half_range(0) << 32 * i;
        return v;
    }
    if (fp == 3 && below(2)) {
        if (below(2)) {
            for (int i = 0; i < 4; i++)
                v = (v & ~((u128)0xffffffff << 32 * i)) |
                    (u128)normal_lane((u32)(v >> 32 * i), 8, 23) << 32 * i;
        } else {
            for (int i = 0; i < 2; i++)
                v = (v & ~((u128)~0ull << 64 * i)) |
                    (u128)normal_lane((u64)(v >> 64 * i), 11, 52) << 64 * i;
        }
        return v;
    }
    switch (fp ? below(6) : 5) {
    case 0: case 1:
        for (int i = 0; i < 4; i++)
            if (below(4))
                v = (v & ~((u128)0xffffffff << 32 * i)) | (u128)fp32[below(16)] << 32 * i;
        break;
    case 2: case 3:
        for (int i = 0; i < 2; i++)
            if (below(4))
                v = (v & ~((u128)~0ull << 64 * i)) | (u128)fp64[below(16)] << 64 * i;
        break;
    case 4:
        for (int i = 0; i < 8; i++)
            if (below(2))
                v = (v & ~((u128)0xffff << 16 * i)) | (u128)fp16[below(16)] << 16 * i;
        break;
    }
    return v;
}

static void initial_state(struct state *s, const struct group *g)
{
    for (int i = 0; i < 31; i++)
        s->x[i] = reg_value();
    s->sp = scr_pointer(0);
    s->nzcv = below(16);
    s->fpcr = below(4) << 22 | (below(4) == 0) << 24 | (below(4) == 0) << 25 |
              (below(8) == 0) << 26;
    s->fpsr = rnd() & 0x0800009f & (rnd() | rnd());
    for (int i = 0; i < 32; i++)
        s->v[i] = vreg_value(g->fp ? g->fp : below(4) == 0);
}

/* Points the base register (and any index register) of a load/store at the
 * scratch buffer, and keeps immediate offsets inside it. */
static u32 aim_at_scratch(u32 w, struct state *s)
{
    u32 rn = (w >> 5) & 31, rm = (w >> 16) & 31;
    if ((w & 0x3b000000) == 0x18000000)                  /* literal: pc-relative */
        return w;
    if ((w & 0x3b000000) == 0x39000000)                  /* imm12 <= 1023 */
        w &= ~(3u << 20);
    if (((w & 0x3b200c00) == 0x38200800 || (w & 0xbf800000) == 0x0c800000 ||
         (w & 0xbf800000) == 0x0d800000) && rm != 31 && rm != rn)
        s->x[rm] = (u64)(below(1024) - 512);
    if (rn == 31)
        s->sp = scr_pointer(0);
    else
        s->x[rn] = scr_pointer(1);
    return w;
}

/* ---- running one case ---- */
enum { PH_IDLE, PH_ENTER, PH_RUN };
static volatile int phase;
static struct state init, fin;
static struct outcome out;
static sigjmp_buf jb;

struct fpsimd { u32 magic, size, fpsr, fpcr; u128 v[32]; };

static struct fpsimd *find_fpsimd(ucontext_t *uc)
{
    unsigned char *p = uc->uc_mcontext.__reserved;
    for (unsigned off = 0; off + 8 <= sizeof(uc->uc_mcontext.__reserved);) {
        struct fpsimd *f = (struct fpsimd *)(p + off);
        if (f->magic == 0x46508001)
            return f;
        if (!f->magic || !f->size)
            break;
        off += f->size;
    }
    return NULL;
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    struct fpsimd *f = find_fpsimd(uc);
    mcontext_t *m = &uc->uc_mcontext;
    if (phase == PH_ENTER && sig == SIGTRAP && f) {
        memcpy(m->regs, init.x, sizeof(init.x));
        m->sp = init.sp;
        m->pc = SLOT;
        m->pstate = (m->pstate & ~0xf0000000ull) | init.nzcv << 28;
        f->fpsr = init.fpsr;
        f->fpcr = init.fpcr;
        memcpy(f->v, init.v, sizeof(init.v));
        phase = PH_RUN;
        return;
    }
    if (phase == PH_RUN) {
        memcpy(fin.x, m->regs, sizeof(fin.x));
        fin.sp = m->sp;
        fin.pc = m->pc;
        fin.nzcv = m->pstate >> 28 & 15;
        if (f) {
            fin.fpsr = f->fpsr;
            fin.fpcr = f->fpcr;
            memcpy(fin.v, f->v, sizeof(fin.v));
        }
        out.sig = sig;
        out.code = si->si_code;
        out.addr = (u64)si->si_addr;
        phase = PH_IDLE;
        siglongjmp(jb, 1);
    }
    static const char msg[] = "insn-diff: unexpected signal in the harness (or no "
                              "fpsimd_context record in the signal frame)\n";
    write(2, msg, sizeof(msg) - 1);
    _exit(3);
}

static void run_case(u32 insn)
{
    u32 *slot = (u32 *)SLOT;
    slot[0] = insn;
    slot[1] = EXIT_BRK;
    memset(slot + 2, 0, 64);
    __builtin___clear_cache((char *)slot, (char *)(slot + 18));
    memset(&fin, 0, sizeof(fin));
    phase = PH_ENTER;
    if (sigsetjmp(jb, 1) == 0) {
        asm volatile("clrex\n\tbrk #0x7a" ::: "memory");
        static const char msg[] = "insn-diff: returned from entry trap\n";
        write(2, msg, sizeof(msg) - 1);
        _exit(3);
    }
    asm volatile("msr fpcr, xzr" ::: "memory");
}

static u64 scratch_hash(void)
{
    const u64 *p = (const u64 *)SCR;
    u64 h = 0x243f6a8885a308d3;
    for (unsigned i = 0; i < SCR_SIZE / 8; i++)
        h = (h ^ p[i]) * 0x100000001b3 + i;
    return h;
}

static void print_u128(const char *name, int i, u128 v)
{
    printf(" %s%d=%016llx%016llx", name, i, (unsigned long long)(v >> 64),
           (unsigned long long)v);
}

static void dump_state(const char *what, const struct state *s)
{
    printf("  %s:", what);
    for (int i = 0; i < 31; i++)
        printf(" x%d=%lx", i, s->x[i]);
    printf(" sp=%lx nzcv=%lx fpsr=%lx fpcr=%lx\n  %s:", s->sp, s->nzcv, s->fpsr, s->fpcr, what);
    for (int i = 0; i < 32; i++)
        print_u128("v", i, s->v[i]);
    printf("\n");
}

int main(int argc, char **argv)
{
    int verbose = argc > 1 && strcmp(argv[argc - 1], "-v") == 0;
    argc -= verbose;
    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        for (int g = 0; g < NGROUPS; g++)
            printf("%s\n", groups[g].name);
        return 0;
    }
    if (argc < 4) {
        fprintf(stderr, "usage: %s SEED GROUP COUNT [FIRST] [-v] | %s list\n", argv[0], argv[0]);
        return 2;
    }
    u64 seed = strtoull(argv[1], NULL, 0);
    long count = strtol(argv[3], NULL, 0), first = argc > 4 ? strtol(argv[4], NULL, 0) : 0;
    int gi = -1;
    for (int g = 0; g < NGROUPS; g++)
        if (strcmp(argv[2], groups[g].name) == 0)
            gi = g;
    if (gi < 0) {
        fprintf(stderr, "insn-diff: unknown group %s (try: list)\n", argv[2]);
        return 2;
    }
    const struct group *g = &groups[gi];

    void *r = mmap((void *)REGION, REGION_SIZE, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1, 0);
    void *s = mmap((void *)SCR, SCR_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (r != (void *)REGION || s != (void *)SCR ||
        mprotect((void *)(SLOT - PAD), 2 * PAD, PROT_READ | PROT_EXEC) ||
        mprotect((void *)SLOT, 4096, PROT_READ | PROT_WRITE | PROT_EXEC)) {
        fprintf(stderr, "insn-diff: cannot map the fixed test areas\n");
        return 3;
    }
    static unsigned char pristine[SCR_SIZE];
    rs = seed ^ 0x5ca7c4;
    for (unsigned i = 0; i < SCR_SIZE; i += 8) {
        u64 x = rnd();
        memcpy(pristine + i, &x, 8);
    }

    static char altstack[1 << 16];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    int sigs[] = {SIGTRAP, SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGSYS};
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        sigaction(sigs[i], &sa, NULL);
    alarm(600);

    for (long n = first; n < first + count; n++) {
        rs = seed * 0x9e3779b97f4a7c15 ^ (u64)gi << 48 ^ (u64)n;
        rnd();
        initial_state(&init, g);
        const struct pat *p;
        u32 insn;
        do {
            int np = 0;
            while (np < 12 && (g->p[np].mask || g->p[np].value || np == 0))
                np++;
            p = &g->p[below(np)];
            insn = ((u32)rnd() & ~p->mask) | p->value;
        } while (g->any ? !acceptable_any(insn) : !acceptable(insn));
        insn = fix_encoding(insn);
        if (g->ldst)
            insn = aim_at_scratch(insn, &init);

        memcpy((void *)SCR, pristine, SCR_SIZE);
        run_case(insn);

        printf("#%ld %s %08x", n, g->name, insn);
        if (out.sig == SIGTRAP && fin.pc == SLOT + 4 && *(u32 *)(SLOT + 4) == EXIT_BRK)
            printf(" ok");
        else if (out.sig == SIGILL)      /* si_code differs: Linux ILLOPC, qemu ILLOPN */
            printf(" sig=%d pc=%+ld", out.sig, (long)(fin.pc - SLOT));
        else
            printf(" sig=%d code=%d addr=%lx pc=%+ld", out.sig, out.code,
                   out.addr & 0x00ffffffffffffff, (long)(fin.pc - SLOT));
        for (int i = 0; i < 31; i++)
            if (fin.x[i] != init.x[i])
                printf(" x%d=%lx", i, fin.x[i]);
        if (fin.sp != init.sp)
            printf(" sp=%lx", fin.sp);
        if (fin.nzcv != init.nzcv)
            printf(" nzcv=%lx", fin.nzcv);
        if (fin.fpsr != init.fpsr)
            printf(" fpsr=%lx", fin.fpsr);
        if (fin.fpcr != init.fpcr)
            printf(" fpcr=%lx", fin.fpcr);
        for (int i = 0; i < 32; i++)
            if (fin.v[i] != init.v[i])
                print_u128("v", i, fin.v[i]);
        if (memcmp((void *)SCR, pristine, SCR_SIZE) != 0)
            printf(" mem=%016lx", scratch_hash());
        printf("\n");
        if (verbose) {
            dump_state("init", &init);
            dump_state("final", &fin);
        }
    }
    printf("done %s %ld\n", g->name, count);
    return 0;
}
