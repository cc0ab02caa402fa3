/*
 * Unit tests of the A64 loads and stores (a64-ldst.c, a64-simd-ldst.c):
 * short instruction sequences ("snippets") run through the real
 * translator, optimizer, interpreter and execution loop, from one fixed
 * initial state, up to a BRK or a fault; then every X register, SP, NZCV,
 * every V register and the whole data area are compared with the state
 * qemu-aarch64 reached.
 *
 * The expected states are not ours: a static AArch64 program ran each
 * snippet's instruction words at the same addresses, from the same state
 * (set up and captured through signal frames), under qemu-aarch64 7.2
 * -cpu cortex-a57, or -cpu max,sve=off for snippets marked MAX (LSE
 * atomics, LDAPR/LDAPUR, LDLAR), which run here on a cortex-a57 model with
 * those ID register fields added.  Only the differences from the initial
 * state are recorded below.  Code lies at CODE_ADDR, 64 KiB of data at
 * DATA_ADDR ending at TOP_ADDR = 1 << 29, our guest_addr_bits, so that an
 * access at TOP_ADDR faults in both (x9 = TOP_ADDR - 8).
 *
 * The fault snippets end with the faulting instruction.  For their
 * registers the expectation is the state before that instruction (qemu's
 * run of the snippet without it): qemu writes the first registers of
 * LDP Q and of LD1-LD4 before a later access faults, which the
 * architecture leaves UNKNOWN and our precise-state rule forbids.
 * Memory (stores done before the fault stay done), the signal, the pc and
 * the fault address are qemu's.
 */
#include <pthread.h>
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

/* BEGIN STATE (shared with the qemu oracle) */
#define CODE_ADDR 0x1ffe0000ull      /* 64 KiB of code */
#define DATA_ADDR 0x1fff0000ull      /* 64 KiB of data, ending at 1 << 29 */
#define DATA_SIZE 0x10000u
#define TOP_ADDR 0x20000000ull       /* first unmapped byte */

static uint8_t init_byte(unsigned i)
{
    return (uint8_t)(i * 0x9d + 0x35 + (i >> 8) * 0x3b);
}

static uint64_t init_xreg(int i)
{
    switch (i) {
    case 0: return DATA_ADDR + 0x1000;
    case 1: return DATA_ADDR + 0x2003;
    case 2: return 0x0123456789abcdefull;
    case 3: return 5;
    case 4: return (uint64_t)-3;
    case 5: return 0xfedcba9876543210ull;
    case 6: return 0x80000001ull;
    case 7: return 0xffffffff00000010ull;
    case 8: return DATA_ADDR + 0x3000;
    case 9: return TOP_ADDR - 8;
    case 31: return DATA_ADDR + 0x8000;   /* sp */
    default: return 0x1111111111111111ull * (i & 15) ^ ((uint64_t)i << 56) ^ 0x8000ull;
    }
}

static void init_vreg(int i, uint64_t *lo, uint64_t *hi)
{
    *lo = 0x0706050403020100ull + 0x1010101010101010ull * (i & 15) + ((uint64_t)i << 60);
    *hi = ~*lo ^ ((uint64_t)i << 8);
}
/* END STATE */

/* ---- the snippets and what qemu made of them ---- */

enum { D_X, D_F, D_V, D_M };    /* X/SP register, NZCV, V register, memory */

typedef struct Diff {
    uint8_t kind;
    uint32_t idx;               /* register number (SP = 31) or data offset */
    uint64_t a, b;              /* value; V: low, high half */
    const char *bytes;          /* D_M: hex bytes from offset idx on */
} Diff;

typedef struct Snippet {
    const char *name;
    bool max;                   /* needs LSE, LRCPC2, LOR */
    const char *asm_text;
    const uint32_t *words;
    unsigned nwords;
    int sig;                    /* 0 (stopped at BRK), SIGILL, SIGBUS, SIGSEGV */
    uint32_t pc;                /* offset from CODE_ADDR where it stopped */
    uint64_t fault;             /* SIGBUS, SIGSEGV: address; SIGILL: pc */
    const Diff *diffs;
    unsigned ndiffs;
} Snippet;

#define WORDS(...) .words = (const uint32_t[]){ __VA_ARGS__ }, \
    .nwords = sizeof((const uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t)
#define DIFFS(...) .diffs = (const Diff[]){ __VA_ARGS__ }, \
    .ndiffs = sizeof((const Diff[]){ __VA_ARGS__ }) / sizeof(Diff)
#define NODIFFS .diffs = NULL, .ndiffs = 0
#define X(r, v) { D_X, r, v##ull, 0, NULL }
#define F(v) { D_F, 0, v, 0, NULL }
#define V(r, lo, hi) { D_V, r, lo##ull, hi##ull, NULL }
#define M(off, hex) { D_M, off, 0, 0, hex }

/* BEGIN GENERATED */
static const Snippet snippets[] = {
    { "int_uimm_loads", false,
      "ldrb w10, [x0, #1]; ldrsb w11, [x0, #1]; ldrsb x12, [x0, #1]; "
      "ldrsb w13, [x0, #2]; ldrh w14, [x0, #4]; ldrsh w15, [x0, #6]; "
      "ldrsh x16, [x0, #10]; ldrsh x17, [x0, #12]; ldr w18, [x0, #12]; "
      "ldrsw x19, [x0, #16]; ldrsw x20, [x0, #20]; ldr x21, [x0, #24]; "
      "ldr x22, [x0, #32760]; ldrb w23, [x0, #4095]; ldrh w24, [x0, #8190]; "
      "ldr w25, [x0, #16380]; ldr x26, [sp, #8]; ldrb w27, [sp]; "
      "prfm pldl1keep, [x0, #8]; prfm pstl3strm, [x0, #32760]; prfm #0x1f, [x1]",
      WORDS(0x3940040a, 0x39c0040b, 0x3980040c, 0x39c0080d, 0x7940080e, 0x79c00c0f, 0x79801410,
            0x79801811, 0xb9400c12, 0xb9801013, 0xb9801414, 0xf9400c15, 0xf97ffc16, 0x397ffc17,
            0x797ffc18, 0xb97ffc19, 0xf94007fa, 0x394003fb, 0xf9800400, 0xf9bffc15, 0xf980003f,
            0xd4200000),
      .sig = 0, .pc = 0x54, .fault = 0x0,
      DIFFS(X(10, 0x82), X(11, 0xffffff82), X(12, 0xffffffffffffff82), X(13, 0x1f),
            X(14, 0xf659), X(15, 0x3093), X(16, 0xffffffffffffa407), X(17, 0xffffffffffffde41),
            X(18, 0x187bde41), X(19, 0xffffffff8cef52b5), X(20, 0x63c629),
            X(21, 0xe84bae1174d73a9d), X(22, 0x8df053b6197cdf42), X(23, 0xbd), X(24, 0x6dd0),
            X(25, 0xcd3093f6), X(26, 0xe84bae1174d73a9d), X(27, 0xb5)) },
    { "int_uimm_signs", false,
      "ldrsb x10, [x0, #0]; ldrsb x11, [x0, #3]; ldrsb w12, [x0, #5]; "
      "ldrsh x13, [x0, #2]; ldrsh w14, [x0, #8]; ldrsw x15, [x0, #4]; "
      "ldrsw x16, [x0, #8]; ldrsw x17, [x0, #28]; ldrh w18, [x0, #30]; "
      "ldr w19, [x0, #36]; ldr x20, [x1, #0]; ldr w21, [x1, #4]; ldrh w22, [x1, #2]",
      WORDS(0x3980000a, 0x39800c0b, 0x39c0140c, 0x7980040d, 0x79c0100e, 0xb980040f, 0xb9800810,
            0xb9801c11, 0x79403c12, 0xb9402413, 0xf9400034, 0xb9400435, 0x79400436, 0xd4200000),
      .sig = 0, .pc = 0x34, .fault = 0x0,
      DIFFS(X(10, 0xffffffffffffffe5), X(11, 0xffffffffffffffbc), X(12, 0xfffffff6),
            X(13, 0xffffffffffffbc1f), X(14, 0x6acd), X(15, 0x3093f659),
            X(16, 0xffffffffa4076acd), X(17, 0xffffffffe84bae11), X(18, 0xe84b),
            X(19, 0xd03396f9), X(20, 0xb71a7de043a6096c), X(21, 0xb71a7de0), X(22, 0x43a6)) },
    { "int_uimm_stores", false,
      "strb w2, [x8, #1]; strb w5, [x8, #3]; strh w2, [x8, #4]; strh w5, [x8, #10]; "
      "str w2, [x8, #12]; str w5, [x8, #20]; str x2, [x8, #24]; str x5, [x8, #32760]; "
      "strb wzr, [x8, #40]; str xzr, [x8, #48]; strh w2, [x8, #8190]; "
      "str w5, [x8, #16380]; str x2, [sp, #16]; str x5, [x1, #0]",
      WORDS(0x39000502, 0x39000d05, 0x79000902, 0x79001505, 0xb9000d02, 0xb9001505, 0xf9000d02,
            0xf93ffd05, 0x3900a11f, 0xf900191f, 0x793ffd02, 0xb93ffd05, 0xf9000be2, 0xf9000025,
            0xd4200000),
      .sig = 0, .pc = 0x38, .fault = 0x0,
      DIFFS(M(0x2003, "1032547698badcfe"), M(0x3001, "ef"), M(0x3003, "10efcd"),
            M(0x300a, "1032efcdab89"), M(0x3014, "10325476efcdab8967452301"), M(0x3028, "00"),
            M(0x3030, "00000000000000"), M(0x4ffe, "ef"), M(0x6ffc, "10325476"),
            M(0x8010, "efcdab8967452301"), M(0xaff8, "1032547698badcfe")) },
    { "int_unscaled", false,
      "ldur x10, [x0, #-256]; ldur x11, [x0, #255]; ldursb w12, [x0, #-3]; "
      "ldursb x13, [x0, #-5]; ldursh x14, [x0, #-1]; ldursh w15, [x0, #3]; "
      "ldursw x16, [x0, #7]; ldurb w17, [x0, #-7]; ldurh w18, [x0, #9]; "
      "ldur w19, [x0, #-11]; sturb w2, [x8, #-1]; sturh w5, [x8, #-5]; "
      "stur w2, [x8, #-9]; stur x5, [x8, #13]; stur x2, [x8, #255]; "
      "stur xzr, [x8, #-256]; prfum pldl1keep, [x0, #-5]; prfum pstl3strm, [x0, #7]; "
      "ldur x20, [sp, #-9]",
      WORDS(0xf850000a, 0xf84ff00b, 0x38dfd00c, 0x389fb00d, 0x789ff00e, 0x78c0300f, 0xb8807010,
            0x385f9011, 0x78409012, 0xb85f5013, 0x381ff102, 0x781fb105, 0xb81f7102, 0xf800d105,
            0xf80ff102, 0xf810011f, 0xf89fb000, 0xf8807015, 0xf85f73f4, 0xd4200000),
      .sig = 0, .pc = 0x4c, .fault = 0x0,
      DIFFS(X(10, 0xf558bb1e81e447aa), X(11, 0xce3194f75abd2048), X(12, 0xffffffd3),
            X(13, 0xffffffffffffff99), X(14, 0xffffffffffffe50d), X(15, 0x59bc),
            X(16, 0x76acd30), X(17, 0x5f), X(18, 0x76a), X(19, 0xc22588eb),
            X(20, 0x40a30669cc2f92f5), M(0x2f00, "0000000000000000"),
            M(0x2ff7, "efcdab891032"), M(0x2fff, "ef"), M(0x300d, "1032547698badcfe"),
            M(0x30ff, "efcdab8967452301")) },
    { "int_post", false,
      "ldrb w10, [x0], #1; ldrsh x11, [x0], #-3; ldrsb w12, [x0], #255; "
      "ldr w13, [x0], #-256; ldrsw x14, [x0], #4; ldr x15, [x0], #8; "
      "ldrsb x16, [x0], #0; ldrh w17, [x0], #2; ldrsh w18, [x0], #2; "
      "ldrsw x19, [x0], #-1",
      WORDS(0x3840140a, 0x789fd40b, 0x38cff40c, 0xb850040d, 0xb880440e, 0xf840840f, 0x38800410,
            0x78402411, 0x78c02412, 0xb89ff413, 0xd4200000),
      .sig = 0, .pc = 0x28, .fault = 0x0,
      DIFFS(X(0, 0x1fff100c), X(10, 0xe5), X(11, 0x1f82), X(12, 0x70), X(13, 0x2048ab0e),
            X(14, 0xffffffffe50d70d3), X(15, 0xcd3093f659bc1f82), X(16, 0x6a), X(17, 0x76a),
            X(18, 0x41a4), X(19, 0xffffffffb5187bde)) },
    { "int_pre", false,
      "ldrb w10, [x0, #1]!; ldrsh x11, [x0, #-3]!; ldrsb w12, [x0, #255]!; "
      "ldr w13, [x0, #-256]!; ldrsw x14, [x0, #4]!; ldr x15, [x0, #8]!; "
      "ldrsb x16, [x0, #0]!; ldrh w17, [x0, #2]!; ldrsh w18, [x0, #2]!; "
      "ldrsw x19, [x0, #-1]!",
      WORDS(0x38401c0a, 0x789fdc0b, 0x38cffc0c, 0xb8500c0d, 0xb8804c0e, 0xf8408c0f, 0x38800c10,
            0x78402c11, 0x78c02c12, 0xb89ffc13, 0xd4200000),
      .sig = 0, .pc = 0x28, .fault = 0x0,
      DIFFS(X(0, 0x1fff100c), X(10, 0x82), X(11, 0xd70), X(12, 0xe), X(13, 0xe50d70d3),
            X(14, 0x59bc1f82), X(15, 0xb5187bde41a4076a), X(16, 0x6a), X(17, 0x41a4),
            X(18, 0x7bde), X(19, 0x187bde41)) },
    { "int_store_wb", false,
      "strb w2, [x8, #1]!; strh w2, [x8], #3; str w5, [x8, #-7]!; str x5, [x8], #16; "
      "str x2, [x8, #255]!; strh w5, [x8, #-256]!; strb w5, [x8], #-1; "
      "str x2, [sp, #-16]!; str w5, [sp], #4",
      WORDS(0x38001d02, 0x78003502, 0xb81f9d05, 0xf8010505, 0xf80ffd02, 0x78100d05, 0x381ff505,
            0xf81f0fe2, 0xb80047e5, 0xd4200000),
      .sig = 0, .pc = 0x24, .fault = 0x0,
      DIFFS(X(8, 0x1fff300b), X(31, 0x1fff7ff4), M(0x2ffd, "1032547698badcfe"),
            M(0x300c, "1032"), M(0x310c, "efcdab8967452301"), M(0x7ff0, "1032547667452301")) },
    { "int_unpriv", false,
      "ldtr x10, [x0, #5]; ldtrb w11, [x0, #-3]; ldtrsb w12, [x0, #1]; "
      "ldtrsb x13, [x0, #1]; ldtrh w14, [x0, #-2]; ldtrsh w15, [x0, #6]; "
      "ldtrsh x16, [x0, #6]; ldtr w17, [x0, #255]; ldtrsw x18, [x0, #-256]; "
      "ldtrsw x19, [x0, #8]; sttr x2, [x8, #-9]; sttrb w5, [x8, #3]; sttrh w2, [x8, #7]; "
      "sttr w5, [x8, #11]",
      WORDS(0xf840580a, 0x385fd80b, 0x38c0180c, 0x3880180d, 0x785fe80e, 0x78c0680f, 0x78806810,
            0xb84ff811, 0xb8900812, 0xb8808813, 0xf81f7902, 0x38003905, 0x78007902, 0xb800b905,
            0xd4200000),
      .sig = 0, .pc = 0x38, .fault = 0x0,
      DIFFS(X(10, 0x41a4076acd3093f6), X(11, 0xd3), X(12, 0xffffff82),
            X(13, 0xffffffffffffff82), X(14, 0xd70), X(15, 0x3093), X(16, 0x3093),
            X(17, 0x5abd2048), X(18, 0xffffffff81e447aa), X(19, 0xffffffffa4076acd),
            M(0x2ff7, "efcdab8967452301"), M(0x3003, "10"), M(0x3007, "efcd"),
            M(0x300b, "10325476")) },
    { "int_regoff_loads", false,
      "ldr x10, [x0, x3, lsl #3]; ldr x11, [x0, x3]; ldr w12, [x0, w4, sxtw #2]; "
      "ldr w13, [x0, w4, sxtw]; ldrsb x14, [x0, x4, sxtx]; ldrh w15, [x0, w7, uxtw #1]; "
      "ldrsw x16, [x0, w7, uxtw]; ldrb w17, [x0, x3, lsl #0]; "
      "ldrsh w18, [x0, x4, sxtx #1]; ldrsh x19, [x0, x3, lsl #1]; "
      "ldrsb w20, [x0, w7, uxtw]; ldrsw x21, [x0, x4, sxtx #2]; "
      "ldr x22, [x0, w4, sxtw #3]; ldrh w23, [x0, x3]; ldr w24, [x0, x4, sxtx]; "
      "prfm pldl1keep, [x0, x3]; prfm pstl2strm, [x0, w4, sxtw #3]; "
      "ldr x25, [sp, x3, lsl #3]",
      WORDS(0xf863780a, 0xf863680b, 0xb864d80c, 0xb864c80d, 0x38a4e80e, 0x7867580f, 0xb8a74810,
            0x38637811, 0x78e4f812, 0x78a37813, 0x38e74814, 0xb8a4f815, 0xf864d816, 0x78636817,
            0xb864e818, 0xf8a36800, 0xf8a4d813, 0xf8637bf9, 0xd4200000),
      .sig = 0, .pc = 0x48, .fault = 0x0,
      DIFFS(X(10, 0xb81b7ee144a70a6d), X(11, 0x41a4076acd3093f6), X(12, 0x2588eb4e),
            X(13, 0xe50d70d3), X(14, 0xffffffffffffffd3), X(15, 0x2285),
            X(16, 0xffffffff8cef52b5), X(17, 0xf6), X(18, 0xffff99fc),
            X(19, 0xffffffffffffa407), X(20, 0xffffffb5), X(21, 0x2588eb4e),
            X(22, 0x3da00366c92c8ff2), X(23, 0x93f6), X(24, 0xe50d70d3),
            X(25, 0x88eb4eb11477da3d)) },
    { "int_regoff_stores", false,
      "str x2, [x8, x3, lsl #3]; strb w2, [x8, w4, sxtw]; strh w5, [x8, w7, uxtw #1]; "
      "str w5, [x8, x4, sxtx #2]; str x5, [x8, w7, uxtw]; strb w5, [x8, x3, lsl #0]; "
      "strh w2, [x8, x3]; str w2, [x8, w3, uxtw]; str xzr, [x8, x4, sxtx #3]",
      WORDS(0xf8237902, 0x3824c902, 0x78275905, 0xb824f905, 0xf8274905, 0x38237905, 0x78236902,
            0xb8234902, 0xf824f91f, 0xd4200000),
      .sig = 0, .pc = 0x24, .fault = 0x0,
      DIFFS(M(0x2fe8, "000000000000"), M(0x2fef, "00"), M(0x2ff4, "10325476"), M(0x2ffd, "ef"),
            M(0x3005, "efcdab89"), M(0x3010, "1032547698badcfe"), M(0x3020, "1032"),
            M(0x3028, "efcdab8967452301")) },
    { "int_regoff_unalloc", false,
      ".inst 0xf863080a",
      WORDS(0xf863080a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "int_wb_overlap", false,
      "mov x10, x0; .inst 0xf8408400; .inst 0xf8408d4a; mov x11, x8; .inst 0xf8008508; "
      ".inst 0xf81f8d6b",
      WORDS(0xaa0003ea, 0xf8408400, 0xf8408d4a, 0xaa0803eb, 0xf8008508, 0xf81f8d6b, 0xd4200000),
      .sig = 0, .pc = 0x18, .fault = 0x0,
      DIFFS(X(0, 0x1fff1008), X(8, 0x1fff3008), X(10, 0x1fff1008), X(11, 0x1fff2ff8),
            M(0x2ff8, "0030ff1f000000000030ff1f00000000")) },
    { "int_wb_overlap_zero", false,
      "add x10, x0, #0; .inst 0xf8400c00; .inst 0xf840054a; add x1, x8, #0; "
      ".inst 0xa9c00421; add x12, x8, #16; .inst 0xa8c02d8c; add x14, x8, #0; "
      ".inst 0xb8000dce",
      WORDS(0x9100000a, 0xf8400c00, 0xf840054a, 0x91000101, 0xa9c00421, 0x9100410c, 0xa8c02d8c,
            0x9100010e, 0xb8000dce, 0xd4200000),
      .sig = 0, .pc = 0x24, .fault = 0x0,
      DIFFS(X(1, 0x1fff3000), X(10, 0x1fff1000), X(11, 0x48ab0e71d4379afd), X(12, 0x1fff3010),
            X(14, 0x1fff3000), M(0x3000, "0030ff1f")) },
    { "int_unalloc_ldrsw_w", false,
      ".inst 0xb9c0000a",
      WORDS(0xb9c0000a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "int_unalloc_ldtr_fp", false,
      ".inst 0xfc40080a",
      WORDS(0xfc40080a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "int_unalloc_post_prfm", false,
      ".inst 0xf8808400",
      WORDS(0xf8808400, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "lit_loads", false,
      "b 1f; neg: .quad 0xf1e2d3c4b5a69788; 1:; ldr x10, lit1; ldr w11, lit1; "
      "ldrsw x12, lit2; ldrsw x13, lit1; ldr s14, lit1; ldr d15, lit2; ldr q16, lit3; "
      "ldr x17, neg; ldr q18, neg; prfm pldl1keep, lit1; b 2f; .balign 16; "
      "lit1: .quad 0x8877665544332211; lit2: .quad 0x0123456789abcdef; "
      "lit3: .quad 0xdeadbeefcafebabe, 0x0f1e2d3c4b5a6978; 2:",
      WORDS(0x14000003, 0xb5a69788, 0xf1e2d3c4, 0x580001aa, 0x1800018b, 0x980001ac, 0x9800014d,
            0x1c00012e, 0x5c00014f, 0x9c000170, 0x58fffef1, 0x9cfffed2, 0xd8000080, 0x1400000b,
            0xd503201f, 0xd503201f, 0x44332211, 0x88776655, 0x89abcdef, 0x01234567, 0xcafebabe,
            0xdeadbeef, 0x4b5a6978, 0x0f1e2d3c, 0xd4200000),
      .sig = 0, .pc = 0x60, .fault = 0x0,
      DIFFS(X(10, 0x8877665544332211), X(11, 0x44332211), X(12, 0xffffffff89abcdef),
            X(13, 0x44332211), X(17, 0xf1e2d3c4b5a69788), V(14, 0x44332211, 0x0),
            V(15, 0x123456789abcdef, 0x0), V(16, 0xdeadbeefcafebabe, 0xf1e2d3c4b5a6978),
            V(18, 0xf1e2d3c4b5a69788, 0x1800018b580001aa)) },
    { "fp_uimm", false,
      "ldr b10, [x0, #1]; ldr h11, [x0, #2]; ldr s12, [x0, #4]; ldr d13, [x0, #8]; "
      "ldr q14, [x0, #16]; ldr q15, [x0, #65520 - 4096 - 16]; ldr d16, [x0, #32760]; "
      "ldr b17, [x0, #4095]; str b1, [x8, #1]; str h2, [x8, #4]; str s3, [x8, #8]; "
      "str d4, [x8, #16]; str q5, [x8, #32]; str q6, [sp, #48]; ldr q18, [x1]; "
      "str q7, [x1, #64]",
      WORDS(0x3d40040a, 0x7d40040b, 0xbd40040c, 0xfd40040d, 0x3dc0040e, 0x3dfbf80f, 0xfd7ffc10,
            0x3d7ffc11, 0x3d000501, 0x7d000902, 0xbd000903, 0xfd000904, 0x3d800905, 0x3d800fe6,
            0x3dc00032, 0x3d801027, 0xd4200000),
      .sig = 0, .pc = 0x40, .fault = 0x0,
      DIFFS(V(10, 0x82, 0x0), V(11, 0xbc1f, 0x0), V(12, 0x3093f659, 0x0),
            V(13, 0x187bde41a4076acd, 0x0), V(14, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            V(15, 0xa5086bce3194f75a, 0x8df053b6197cdf42), V(16, 0x8df053b6197cdf42, 0x0),
            V(17, 0xbd, 0x0), V(18, 0xb71a7de043a6096c, 0x9f0265c82b8ef154),
            M(0x2043, "70717273747576e78f898d8c8b8a8918"), M(0x3001, "10"), M(0x3004, "2021"),
            M(0x3008, "30313233"), M(0x3010, "4041424344454687"),
            M(0x3020, "50515253545556a7afabadacabaaa958"),
            M(0x8030, "60616263646566c79f989d9c9b9a9938")) },
    { "fp_unscaled", false,
      "ldur b10, [x0, #-1]; ldur h11, [x0, #-3]; ldur s12, [x0, #5]; "
      "ldur d13, [x0, #-7]; ldur q14, [x0, #-17]; stur b1, [x8, #-1]; stur h2, [x8, #3]; "
      "stur s3, [x8, #-5]; stur d4, [x8, #7]; stur q5, [x8, #-255]",
      WORDS(0x3c5ff00a, 0x7c5fd00b, 0xbc40500c, 0xfc5f900d, 0x3cdef00e, 0x3c1ff101, 0x7c003102,
            0xbc1fb103, 0xfc007104, 0x3c901105, 0xd4200000),
      .sig = 0, .pc = 0x28, .fault = 0x0,
      DIFFS(V(10, 0xd, 0x0), V(11, 0x70d3, 0x0), V(12, 0xcd3093f6, 0x0),
            V(13, 0xe50d70d33699fc5f, 0x0), V(14, 0x88eb4eb11477da3d, 0x70d33699fc5fc225),
            M(0x2f01, "50515253545556a7afabadacabaaa958"), M(0x2ffb, "3031323310"),
            M(0x3003, "2021"), M(0x3007, "4041424344454687")) },
    { "fp_wb", false,
      "ldr q10, [x0, #16]!; ldr d11, [x0], #-8; ldr b12, [x0, #1]!; ldr h13, [x0], #2; "
      "ldr s14, [x0, #-4]!; str q1, [x8], #32; str s2, [x8, #-4]!; str b3, [x8], #1; "
      "str h4, [x8, #2]!; str d5, [x8], #-255",
      WORDS(0x3cc10c0a, 0xfc5f840b, 0x3c401c0c, 0x7c40240d, 0xbc5fcc0e, 0x3c820501, 0xbc1fcd02,
            0x3c001503, 0x7c002d04, 0xfc101505, 0xd4200000),
      .sig = 0, .pc = 0x28, .fault = 0x0,
      DIFFS(X(0, 0x1fff1007), X(8, 0x1fff2f20), V(10, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            V(11, 0x63c6298cef52b5, 0x0), V(12, 0x6a, 0x0), V(13, 0x76a, 0x0),
            V(14, 0x76acd30, 0x0), M(0x3000, "1011121314151627efefedecebeae9d8"),
            M(0x301c, "30212250515253545556a7")) },
    { "fp_regoff", false,
      "ldr q10, [x0, x3, lsl #4]; ldr d11, [x0, x4, sxtx #3]; "
      "ldr s12, [x0, w7, uxtw #2]; ldr h13, [x0, w4, sxtw #1]; ldr b14, [x0, x3]; "
      "ldr q15, [x0, x4]; str q1, [x8, x3, lsl #4]; str b2, [x8, x3]; "
      "str h3, [x8, x4, sxtx #1]; str s4, [x8, w7, uxtw]; str d5, [x8, x3, lsl #3]",
      WORDS(0x3ce3780a, 0xfc64f80b, 0xbc67580c, 0x7c64d80d, 0x3c63680e, 0x3ce4680f, 0x3ca37901,
            0x3c236902, 0x7c24f903, 0xbc274904, 0xfc237905, 0xd4200000),
      .sig = 0, .pc = 0x2c, .fault = 0x0,
      DIFFS(V(10, 0x40a30669cc2f92f5, 0x288bee51b4177add), V(11, 0x3da00366c92c8ff2, 0x0),
            V(12, 0xfc5fc225, 0x0), V(13, 0x99fc, 0x0), V(14, 0xf6, 0x0),
            V(15, 0x59bc1f82e50d70d3, 0x41a4076acd3093f6), M(0x2ffa, "3031"), M(0x3005, "20"),
            M(0x3010, "40414243"), M(0x3028, "50515253545556a7"),
            M(0x3050, "1011121314151627efefedecebeae9d8")) },
    { "fp_unalloc_q_size", false,
      ".inst 0x7dc0000a",
      WORDS(0x7dc0000a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "pair_loads", false,
      "ldp w10, w11, [x0, #-256]; ldp x12, x13, [x0, #504]; ldpsw x14, x15, [x0, #-8]; "
      "ldpsw x16, x17, [x0, #4]; ldp s18, s19, [x0, #4]; ldp d20, d21, [x0, #-512]; "
      "ldp q22, q23, [x0, #1008]; ldnp x24, x25, [x0, #16]; ldnp q26, q27, [x0, #-32]; "
      "ldnp w26, w27, [x0, #-4]; ldnp s28, s29, [x0, #252]; ldnp d30, d31, [x0, #-8]; "
      "ldp x28, x29, [x1]; ldp x30, xzr, [sp, #-16]",
      WORDS(0x29602c0a, 0xa95fb40c, 0x697f3c0e, 0x6940c410, 0x2d40cc12, 0x6d605414, 0xad5fdc16,
            0xa8416418, 0xac7f6c1a, 0x287fec1a, 0x2c5ff41c, 0x6c7ffc1e, 0xa940743c, 0xa97f7ffe,
            0xd4200000),
      .sig = 0, .pc = 0x38, .fault = 0x0,
      DIFFS(X(10, 0x81e447aa), X(11, 0xf558bb1e), X(12, 0x83e649ac0f72d538),
            X(13, 0xa6096ccf3295f85b), X(14, 0xffffffff99fc5fc2), X(15, 0xd70d336),
            X(16, 0x3093f659), X(17, 0xffffffffa4076acd), X(24, 0x63c6298cef52b5),
            X(25, 0xe84bae1174d73a9d), X(26, 0xd70d336), X(27, 0xbc1f82e5),
            X(28, 0xb71a7de043a6096c), X(29, 0x9f0265c82b8ef154), X(30, 0xf558bb1e81e447aa),
            V(18, 0x3093f659, 0x0), V(19, 0xa4076acd, 0x0), V(20, 0xba1d80e346a90c6f, 0x0),
            V(21, 0xa20568cb2e91f457, 0x0), V(22, 0x1174d73a9d0063c6, 0xf95cbf2285e84bae),
            V(23, 0x1c7fe245a80b6ed1, 0x467ca2d90f356b9),
            V(26, 0x55b81b7ee144a70a, 0x3da00366c92c8ff2),
            V(27, 0x2588eb4eb11477da, 0xd70d33699fc5fc2), V(28, 0x48ab0e71, 0x0),
            V(29, 0xf75abd20, 0x0), V(30, 0xd70d33699fc5fc2, 0x0),
            V(31, 0x3093f659bc1f82e5, 0x0)) },
    { "pair_stores", false,
      "stp w2, w5, [x8, #-4]; stp x2, x5, [x8, #8]; stp s1, s2, [x8, #32]; "
      "stp d3, d4, [x8, #48]; stp q5, q6, [x8, #64]; stnp x5, x2, [x8, #-64]; "
      "stnp q7, q8, [x8, #128]; stnp w2, wzr, [x8, #252]; stnp s9, s10, [x8, #-256]; "
      "stnp d11, d12, [x8, #504]; stp xzr, x2, [x1]; stp x5, x2, [sp, #-32]",
      WORDS(0x293f9502, 0xa9009502, 0x2d040901, 0x6d031103, 0xad021905, 0xa83c0905, 0xac042107,
            0x281ffd02, 0x2c202909, 0x6c1fb10b, 0xa900083f, 0xa93e0be5, 0xd4200000),
      .sig = 0, .pc = 0x30, .fault = 0x0,
      DIFFS(M(0x2003, "0000000000000000efcdab8967452301"), M(0x2f00, "90919293a0a1a2a3"),
            M(0x2fc0, "1032547698badcfeefcdab"), M(0x2fcc, "67452301"),
            M(0x2ffc, "efcdab8910325476"), M(0x3008, "efcdab89674523011032547698badcfe"),
            M(0x3020, "1011121320212223"),
            M(0x3030, "3031323334353667404142434445468750515253545556a7afabadacabaaa958"),
            M(0x3050, "60616263646566c79f989d9c9b9a9938"),
            M(0x3080, "70717273747576e78f898d8c8b8a891880818283848586077f767d7c7b7a79f8"),
            M(0x30fc, "efcdab8900000000"), M(0x31f8, "b0b1b2b3b4b5b667c0c1c2c3c4c5c687"),
            M(0x7fe0, "1032547698badcfeefcdab8967452301")) },
    { "pair_wb", false,
      "ldp x10, x11, [x0, #16]!; ldp w12, w13, [x0], #-8; ldpsw x14, x15, [x0, #8]!; "
      "ldp q16, q17, [x0], #32; ldp s18, s19, [x0, #-256]!; ldp d20, d21, [x0], #504; "
      "stp x2, x5, [x8, #-16]!; stp q1, q2, [x8], #-32; stp w5, w2, [x8, #4]!; "
      "stp s3, s4, [x8], #252; stp d5, d6, [x8, #-512]!; stp x2, x5, [sp, #-16]!; "
      "ldp x22, x23, [sp], #16",
      WORDS(0xa9c12c0a, 0x28ff340c, 0x69c13c0e, 0xacc14410, 0x2de04c12, 0x6cdfd414, 0xa9bf1502,
            0xacbf0901, 0x29808905, 0x2c9f9103, 0x6da01905, 0xa9bf17e2, 0xa8c15ff6, 0xd4200000),
      .sig = 0, .pc = 0x34, .fault = 0x0,
      DIFFS(X(0, 0x1fff1128), X(8, 0x1fff2ed0), X(10, 0x63c6298cef52b5),
            X(11, 0xe84bae1174d73a9d), X(12, 0x8cef52b5), X(13, 0x63c629),
            X(14, 0xffffffff8cef52b5), X(15, 0x63c629), X(22, 0x123456789abcdef),
            X(23, 0xfedcba9876543210), V(16, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            V(17, 0xd03396f95cbf2285, 0xb81b7ee144a70a6d), V(18, 0xf154b71a, 0x0),
            V(19, 0x65c82b8e, 0x0), V(20, 0x65c82b8ef154b71a, 0x0),
            V(21, 0x4db01376d93c9f02, 0x0), M(0x2ed0, "50515253545556a760616263646566c7"),
            M(0x2fd4, "3031323340414243"),
            M(0x2ff0, "1011121314151627efefedecebeae9d82021222324252647dfdcdddcdbdad9b8"),
            M(0x7ff0, "efcdab89674523011032547698badcfe")) },
    { "pair_overlap", false,
      "mov x20, x0; .inst 0xa940280a; .inst 0x69402c0b; .inst 0x2940300c; "
      ".inst 0x6d40280a; .inst 0xad40340d; .inst 0xa8c12800; .inst 0xa9c10294; "
      "mov x21, x8; .inst 0xa8810ab5",
      WORDS(0xaa0003f4, 0xa940280a, 0x69402c0b, 0x2940300c, 0x6d40280a, 0xad40340d, 0xa8c12800,
            0xa9c10294, 0xaa0803f5, 0xa8810ab5, 0xd4200000),
      .sig = 0, .pc = 0x28, .fault = 0x0,
      DIFFS(X(0, 0xe84bae1174d73a9d), X(10, 0x187bde41a4076acd), X(11, 0xffffffffbc1f82e5),
            X(12, 0xbc1f82e5), X(20, 0x1fff1010), X(21, 0x1fff3010),
            V(10, 0x187bde41a4076acd, 0x0), V(13, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            M(0x3000, "0030ff1f00000000efcdab8967452301")) },
    { "pair_unalloc_opc3", false,
      ".inst 0xe9400000",
      WORDS(0xe9400000, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "pair_unalloc_ldnpsw", false,
      ".inst 0x6840280a",
      WORDS(0x6840280a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "pair_stgp", false,
      ".inst 0x69000000",
      WORDS(0x69000000, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "excl_ok_wb", false,
      "ldxrb w10, [x0]; add w10, w10, #1; stxrb w11, w10, [x0]; ldr x12, [x0]; "
      "ldaxrb w13, [x8]; stlxrb w14, w5, [x8]; ldr x15, [x8]; ldaxrb w16, [sp]; "
      "stxrb w17, w2, [sp]; ldr x18, [sp]",
      WORDS(0x085f7c0a, 0x1100054a, 0x080b7c0a, 0xf940000c, 0x085ffd0d, 0x080efd05, 0xf940010f,
            0x085ffff0, 0x08117fe2, 0xf94003f2, 0xd4200000),
      .sig = 0, .pc = 0x28, .fault = 0x0,
      DIFFS(X(10, 0xe6), X(11, 0x0), X(12, 0x3093f659bc1f82e6), X(13, 0x45), X(14, 0x0),
            X(15, 0x90f356b91c7fe210), X(16, 0xb5), X(17, 0x0), X(18, 0x63c6298cef52ef),
            M(0x1000, "e6"), M(0x3000, "10"), M(0x8000, "ef")) },
    { "excl_ok_wh", false,
      "ldxrh w10, [x0]; add w10, w10, #1; stxrh w11, w10, [x0]; ldr x12, [x0]; "
      "ldaxrh w13, [x8]; stlxrh w14, w5, [x8]; ldr x15, [x8]; ldaxrh w16, [sp]; "
      "stxrh w17, w2, [sp]; ldr x18, [sp]",
      WORDS(0x485f7c0a, 0x1100054a, 0x480b7c0a, 0xf940000c, 0x485ffd0d, 0x480efd05, 0xf940010f,
            0x485ffff0, 0x48117fe2, 0xf94003f2, 0xd4200000),
      .sig = 0, .pc = 0x28, .fault = 0x0,
      DIFFS(X(10, 0x82e6), X(11, 0x0), X(12, 0x3093f659bc1f82e6), X(13, 0xe245), X(14, 0x0),
            X(15, 0x90f356b91c7f3210), X(16, 0x52b5), X(17, 0x0), X(18, 0x63c6298cefcdef),
            M(0x1000, "e6"), M(0x3000, "1032"), M(0x8000, "efcd")) },
    { "excl_ok_w", false,
      "ldxr w10, [x0]; add w10, w10, #1; stxr w11, w10, [x0]; ldr x12, [x0]; "
      "ldaxr w13, [x8]; stlxr w14, w5, [x8]; ldr x15, [x8]; ldaxr w16, [sp]; "
      "stxr w17, w2, [sp]; ldr x18, [sp]",
      WORDS(0x885f7c0a, 0x1100054a, 0x880b7c0a, 0xf940000c, 0x885ffd0d, 0x880efd05, 0xf940010f,
            0x885ffff0, 0x88117fe2, 0xf94003f2, 0xd4200000),
      .sig = 0, .pc = 0x28, .fault = 0x0,
      DIFFS(X(10, 0xbc1f82e6), X(11, 0x0), X(12, 0x3093f659bc1f82e6), X(13, 0x1c7fe245),
            X(14, 0x0), X(15, 0x90f356b976543210), X(16, 0x8cef52b5), X(17, 0x0),
            X(18, 0x63c62989abcdef), M(0x1000, "e6"), M(0x3000, "10325476"),
            M(0x8000, "efcdab89")) },
    { "excl_ok_x", false,
      "ldxr x10, [x0]; add x10, x10, #1; stxr w11, x10, [x0]; ldr x12, [x0]; "
      "ldaxr x13, [x8]; stlxr w14, x5, [x8]; ldr x15, [x8]; ldaxr x16, [sp]; "
      "stxr w17, x2, [sp]; ldr x18, [sp]",
      WORDS(0xc85f7c0a, 0x9100054a, 0xc80b7c0a, 0xf940000c, 0xc85ffd0d, 0xc80efd05, 0xf940010f,
            0xc85ffff0, 0xc8117fe2, 0xf94003f2, 0xd4200000),
      .sig = 0, .pc = 0x28, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e6), X(11, 0x0), X(12, 0x3093f659bc1f82e6),
            X(13, 0x90f356b91c7fe245), X(14, 0x0), X(15, 0xfedcba9876543210),
            X(16, 0x63c6298cef52b5), X(17, 0x0), X(18, 0x123456789abcdef), M(0x1000, "e6"),
            M(0x3000, "1032547698badcfe"), M(0x8000, "efcdab8967452301")) },
    { "excl_fail_nold", false,
      "stxr w11, x2, [x0]; stxrb w12, w2, [x0, #0]; ldr x13, [x0]",
      WORDS(0xc80b7c02, 0x080c7c02, 0xf940000d, 0xd4200000),
      .sig = 0, .pc = 0xc, .fault = 0x0,
      DIFFS(X(11, 0x1), X(12, 0x1), X(13, 0x3093f659bc1f82e5)) },
    { "excl_fail_clrex", false,
      "ldxr x10, [x0]; clrex; stxr w11, x2, [x0]; ldr x13, [x0]",
      WORDS(0xc85f7c0a, 0xd5033f5f, 0xc80b7c02, 0xf940000d, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0x1), X(13, 0x3093f659bc1f82e5)) },
    { "excl_fail_changed", false,
      "ldxr x10, [x0]; str x5, [x0]; stxr w11, x2, [x0]; ldr x13, [x0]; ldxr w14, [x8]; "
      "strb w5, [x8, #3]; stlxr w15, w2, [x8]; ldr x16, [x8]",
      WORDS(0xc85f7c0a, 0xf9000005, 0xc80b7c02, 0xf940000d, 0x885f7d0e, 0x39000d05, 0x880ffd02,
            0xf9400110, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0x1), X(13, 0xfedcba9876543210),
            X(14, 0x1c7fe245), X(15, 0x1), X(16, 0x90f356b9107fe245),
            M(0x1000, "1032547698badcfe"), M(0x3003, "10")) },
    { "excl_same_value_ok", false,
      "ldxr x10, [x0]; str x10, [x0]; stxr w11, x2, [x0]; ldr x13, [x0]",
      WORDS(0xc85f7c0a, 0xf900000a, 0xc80b7c02, 0xf940000d, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0x0), X(13, 0x123456789abcdef),
            M(0x1000, "efcdab8967452301")) },
    { "excl_fail_other_addr", false,
      "ldxr x10, [x0]; stxr w11, x2, [x8]; stxr w12, x2, [x0]; ldr x13, [x0]; "
      "ldr x14, [x8]",
      WORDS(0xc85f7c0a, 0xc80b7d02, 0xc80c7c02, 0xf940000d, 0xf940010e, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0x1), X(12, 0x1), X(13, 0x3093f659bc1f82e5),
            X(14, 0x90f356b91c7fe245)) },
    { "excl_fail_second", false,
      "ldxr x10, [x0]; stxr w11, x2, [x0]; stxr w12, x5, [x0]; ldr x13, [x0]",
      WORDS(0xc85f7c0a, 0xc80b7c02, 0xc80c7c05, 0xf940000d, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0x0), X(12, 0x1), X(13, 0x123456789abcdef),
            M(0x1000, "efcdab8967452301")) },
    { "excl_pairs", false,
      "ldxp x10, x11, [x0]; stxp w12, x2, x5, [x0]; ldp x13, x14, [x0]; "
      "ldxp w15, w16, [x8]; stxp w17, w5, w2, [x8]; ldr x18, [x8]; ldaxp x19, x20, [sp]; "
      "stlxp w21, x20, x19, [sp]; ldp x22, x23, [sp]; add x28, x0, #16; "
      "ldaxp w24, w25, [x28]; stlxp w26, w25, wzr, [x28]; ldr x27, [x0, #16]",
      WORDS(0xc87f2c0a, 0xc82c1402, 0xa940380d, 0x887f410f, 0x88310905, 0xf9400112, 0xc87fd3f3,
            0xc835cff4, 0xa9405ff6, 0x9100401c, 0x887fe798, 0x883aff99, 0xf940081b, 0xd4200000),
      .sig = 0, .pc = 0x34, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0x187bde41a4076acd), X(12, 0x0),
            X(13, 0x123456789abcdef), X(14, 0xfedcba9876543210), X(15, 0x1c7fe245),
            X(16, 0x90f356b9), X(17, 0x0), X(18, 0x89abcdef76543210), X(19, 0x63c6298cef52b5),
            X(20, 0xe84bae1174d73a9d), X(21, 0x0), X(22, 0xe84bae1174d73a9d),
            X(23, 0x63c6298cef52b5), X(24, 0x8cef52b5), X(25, 0x63c629), X(26, 0x0),
            X(27, 0x63c629), X(28, 0x1fff1010),
            M(0x1000, "efcdab89674523011032547698badcfe29c66300000000"),
            M(0x3000, "10325476efcdab89"), M(0x8000, "9d3ad77411ae4be8b552ef8c29c66300")) },
    { "excl_pairs_fail", false,
      "ldxp x10, x11, [x0]; str x5, [x0, #8]; stxp w12, x2, x2, [x0]; "
      "ldp x13, x14, [x0]; ldxp w15, w16, [x8]; strb w5, [x8, #7]; "
      "stxp w17, w5, w2, [x8]; ldr x18, [x8]; stxp w19, x2, x5, [sp]",
      WORDS(0xc87f2c0a, 0xf9000405, 0xc82c0802, 0xa940380d, 0x887f410f, 0x39001d05, 0x88310905,
            0xf9400112, 0xc83317e2, 0xd4200000),
      .sig = 0, .pc = 0x24, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0x187bde41a4076acd), X(12, 0x1),
            X(13, 0x3093f659bc1f82e5), X(14, 0xfedcba9876543210), X(15, 0x1c7fe245),
            X(16, 0x90f356b9), X(17, 0x1), X(18, 0x10f356b91c7fe245), X(19, 0x1),
            M(0x1008, "1032547698badcfe"), M(0x3007, "10")) },
    { "excl_overlap", false,
      ".inst 0xc87f280a; .inst 0x887f2c0b; ldxr x12, [x0]; .inst 0xc80c7c0c; "
      "ldr x13, [x0]",
      WORDS(0xc87f280a, 0x887f2c0b, 0xc85f7c0c, 0xc80c7c0c, 0xf940000d, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(X(10, 0x187bde41a4076acd), X(11, 0x3093f659), X(12, 0x0),
            X(13, 0x3093f659bc1f82e5)) },
    /* Not qemu's state (it reports the store failed, x10 = 1): the
     * alignment check comes before the monitor's (Arm ARM
     * AArch64.ExclusiveMonitorsPass), so hardware and Linux give SIGBUS. */
    { "excl_stxr_misaligned_nomon", false,
      "stxr w10, x2, [x1]",
      WORDS(0xc80a7c22, 0xd4200000),
      .sig = 7, .pc = 0x0, .fault = 0x1fff2003,
      NODIFFS },
    { "excl_ldxr_misaligned", false,
      "mov x10, #1; ldxr x11, [x1]",
      WORDS(0xd280002a, 0xc85f7c2b, 0xd4200000),
      .sig = 7, .pc = 0x4, .fault = 0x1fff2003,
      DIFFS(X(10, 0x1)) },
    { "excl_ldxrh_misaligned", false,
      "ldxrh w11, [x1]",
      WORDS(0x485f7c2b, 0xd4200000),
      .sig = 7, .pc = 0x0, .fault = 0x1fff2003,
      NODIFFS },
    { "excl_ldxrb_any", false,
      "ldxrb w11, [x1]; stxrb w12, w5, [x1]; ldr x13, [x1]",
      WORDS(0x085f7c2b, 0x080c7c25, 0xf940002d, 0xd4200000),
      .sig = 0, .pc = 0xc, .fault = 0x0,
      DIFFS(X(11, 0x6c), X(12, 0x0), X(13, 0xb71a7de043a60910), M(0x2003, "10")) },
    { "excl_ldxp_align8", false,
      "add x12, x0, #8; ldxp x10, x11, [x12]",
      WORDS(0x9100200c, 0xc87f2d8a, 0xd4200000),
      .sig = 7, .pc = 0x4, .fault = 0x1fff1008,
      DIFFS(X(12, 0x1fff1008)) },
    { "excl_ldxpw_align4", false,
      "add x12, x0, #4; ldxp w10, w11, [x12]",
      WORDS(0x9100100c, 0x887f2d8a, 0xd4200000),
      .sig = 7, .pc = 0x4, .fault = 0x1fff1004,
      DIFFS(X(12, 0x1fff1004)) },
    { "excl_tagged", false,
      "movz x13, #0x5a00, lsl #48; orr x12, x0, x13; ldr x10, [x12, #8]; "
      "ldxr x11, [x12]; stxr w14, x2, [x0]; ldr x15, [x0]; ldxr x16, [x0]; "
      "stxr w17, x5, [x12]; ldr x18, [x12]",
      WORDS(0xd2eb400d, 0xaa0d000c, 0xf940058a, 0xc85f7d8b, 0xc80e7c02, 0xf940000f, 0xc85f7c10,
            0xc8117d85, 0xf9400192, 0xd4200000),
      .sig = 0, .pc = 0x24, .fault = 0x0,
      DIFFS(X(10, 0x187bde41a4076acd), X(11, 0x3093f659bc1f82e5), X(12, 0x5a0000001fff1000),
            X(13, 0x5a00000000000000), X(14, 0x0), X(15, 0x123456789abcdef),
            X(16, 0x123456789abcdef), X(17, 0x0), X(18, 0xfedcba9876543210),
            M(0x1000, "1032547698badcfe")) },
    /* The last store exclusive, to address -1, is unaligned: SIGBUS there
     * as on hardware (see excl_stxr_misaligned_nomon), where qemu reports
     * a failed store (x11 = 1). The rest is qemu's state. */
    { "excl_stxr_wild", false,
      "ldxr x10, [x9]; stxr w11, x2, [x9]; ldxr x12, [x0]; mov x13, #-1; "
      ".inst 0xc80b7daa",
      WORDS(0xc85f7d2a, 0xc80b7d22, 0xc85f7c0c, 0x9280000d, 0xc80b7daa, 0xd4200000),
      .sig = 7, .pc = 0x10, .fault = 0xffffffffffffffff,
      DIFFS(X(10, 0x5dc02386e94caf12), X(11, 0x0), X(12, 0x3093f659bc1f82e5),
            X(13, 0xffffffffffffffff), M(0xfff8, "efcdab8967452301")) },
    { "ord_all", false,
      "ldarb w10, [x0, #0]; ldarh w11, [x0]; ldar w12, [x0]; ldar x13, [x0]; "
      "ldarb w14, [x1]; stlrb w5, [x8]; add x20, x8, #8; stlrh w5, [x20]; "
      "add x21, x8, #16; stlr w5, [x21]; add x22, x8, #24; stlr x5, [x22]; "
      "stlrb w2, [x1]; ldar x15, [sp]",
      WORDS(0x08dffc0a, 0x48dffc0b, 0x88dffc0c, 0xc8dffc0d, 0x08dffc2e, 0x089ffd05, 0x91002114,
            0x489ffe85, 0x91004115, 0x889ffea5, 0x91006116, 0xc89ffec5, 0x089ffc22, 0xc8dfffef,
            0xd4200000),
      .sig = 0, .pc = 0x38, .fault = 0x0,
      DIFFS(X(10, 0xe5), X(11, 0x82e5), X(12, 0xbc1f82e5), X(13, 0x3093f659bc1f82e5),
            X(14, 0x6c), X(15, 0x63c6298cef52b5), X(20, 0x1fff3008), X(21, 0x1fff3010),
            X(22, 0x1fff3018), M(0x2003, "ef"), M(0x3000, "10"), M(0x3008, "1032"),
            M(0x3010, "10325476"), M(0x3018, "1032547698badcfe")) },
    { "ord_ldar_misaligned", false,
      "ldar x10, [x1]",
      WORDS(0xc8dffc2a, 0xd4200000),
      .sig = 7, .pc = 0x0, .fault = 0x1fff2003,
      NODIFFS },
    { "ord_ldarh_misaligned", false,
      "ldarh w10, [x1]",
      WORDS(0x48dffc2a, 0xd4200000),
      .sig = 7, .pc = 0x0, .fault = 0x1fff2003,
      NODIFFS },
    { "ord_stlr_misaligned", false,
      "add x12, x8, #4; stlr x5, [x12]",
      WORDS(0x9100110c, 0xc89ffd85, 0xd4200000),
      .sig = 7, .pc = 0x4, .fault = 0x1fff3004,
      DIFFS(X(12, 0x1fff3004)) },
    { "ord_ldlar_a57", false,
      "ldlar x10, [x0]",
      WORDS(0xc8df7c0a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "ord_ldlar_max", true,
      "ldlar x10, [x0]; stllr x5, [x8]; ldlarb w11, [x0]; stllrh w2, [x8, #0]",
      WORDS(0xc8df7c0a, 0xc89f7d05, 0x08df7c0b, 0x489f7d02, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0xe5), M(0x3000, "efcd547698badcfe")) },
    { "ord_ldapr_a57", false,
      "ldapr x10, [x0]",
      WORDS(0xf8bfc00a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "ord_ldapr_max", true,
      "ldapr x10, [x0]; ldapr w11, [x0]; ldaprh w12, [x0]; ldaprb w13, [x1]",
      WORDS(0xf8bfc00a, 0xb8bfc00b, 0x78bfc00c, 0x38bfc02d, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0xbc1f82e5), X(12, 0x82e5), X(13, 0x6c)) },
    { "ord_ldapur_max", true,
      "ldapur x10, [x0, #-8]; ldapur w11, [x0, #4]; ldapurh w12, [x0, #-2]; "
      "ldapurb w13, [x0, #-1]; ldapursb w14, [x0, #1]; ldapursb x15, [x0, #1]; "
      "ldapursh w16, [x0, #2]; ldapursh x17, [x0, #2]; ldapursw x18, [x0, #4]; "
      "stlur x5, [x8, #-8]; stlur w2, [x8, #4]; stlurh w5, [x8, #10]; "
      "stlurb w2, [x8, #-1]",
      WORDS(0xd95f800a, 0x9940400b, 0x595fe00c, 0x195ff00d, 0x19c0100e, 0x1980100f, 0x59c02010,
            0x59802011, 0x99804012, 0xd91f8105, 0x99004102, 0x5900a105, 0x191ff102, 0xd4200000),
      .sig = 0, .pc = 0x34, .fault = 0x0,
      DIFFS(X(10, 0xd70d33699fc5fc2), X(11, 0x3093f659), X(12, 0xd70), X(13, 0xd),
            X(14, 0xffffff82), X(15, 0xffffffffffffff82), X(16, 0xffffbc1f),
            X(17, 0xffffffffffffbc1f), X(18, 0x3093f659), M(0x2ff8, "1032547698badcef"),
            M(0x3004, "efcdab89"), M(0x300a, "1032")) },
    { "ord_ldapur_misaligned", true,
      "ldapur x10, [x0, #1]",
      WORDS(0xd940100a, 0xd4200000),
      .sig = 7, .pc = 0x0, .fault = 0x1fff1001,
      NODIFFS },
    { "ord_ldapur_a57", false,
      "ldapur x10, [x0, #8]",
      WORDS(0xd940800a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "lse_a57_undef", false,
      "ldadd x2, x10, [x0]",
      WORDS(0xf822000a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "lse_cas_a57_undef", false,
      "cas x10, x2, [x0]",
      WORDS(0xc8aa7c02, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "lse_ldadd", true,
      "ldaddb w5, w10, [x0]; add x20, x0, #1; ldaddab w2, w11, [x20]; add x20, x0, #2; "
      "ldaddlb w6, w12, [x20]; add x20, x0, #4; ldaddh w5, w13, [x20]; add x20, x0, #6; "
      "ldaddalh w2, w14, [x20]; add x20, x0, #8; ldaddah w6, w15, [x20]; "
      "add x20, x0, #12; ldadd w5, w16, [x20]; add x20, x0, #16; ldadda w2, w17, [x20]; "
      "add x20, x0, #20; ldaddal w6, w18, [x20]; add x20, x0, #24; ldadd x5, x19, [x20]; "
      "add x20, x0, #32; ldaddl x2, x21, [x20]; add x20, x0, #40; "
      "ldaddal x6, x22, [x20]; add x20, x0, #48; stadd x4, [x20]; staddb w4, [x20, #0]; "
      "add x20, x0, #56; staddlh w5, [x20]; add x20, x0, #60; staddl w2, [x20, #0]; "
      "ldp x23, x24, [x0]; ldp x25, x26, [x0, #16]; ldp x27, x28, [x0, #32]; "
      "ldp x29, x30, [x0, #48]; ldr x3, [x0, #64]",
      WORDS(0x3825000a, 0x91000414, 0x38a2028b, 0x91000814, 0x3866028c, 0x91001014, 0x7825028d,
            0x91001814, 0x78e2028e, 0x91002014, 0x78a6028f, 0x91003014, 0xb8250290, 0x91004014,
            0xb8a20291, 0x91005014, 0xb8e60292, 0x91006014, 0xf8250293, 0x91008014, 0xf8620295,
            0x9100a014, 0xf8e60296, 0x9100c014, 0xf824029f, 0x3824029f, 0x9100e014, 0x7865029f,
            0x9100f014, 0xb862029f, 0xa9406017, 0xa9416819, 0xa942701b, 0xa943781d, 0xf9402003,
            0xd4200000),
      .sig = 0, .pc = 0x8c, .fault = 0x0,
      DIFFS(X(3, 0x70d33699fc5fc225), X(10, 0xe5), X(11, 0x82), X(12, 0x1f), X(13, 0xf659),
            X(14, 0x3093), X(15, 0x6acd), X(16, 0x187bde41), X(17, 0x8cef52b5),
            X(18, 0x63c629), X(19, 0xe84bae1174d73a9d), X(20, 0x1fff103c),
            X(21, 0xd03396f95cbf2285), X(22, 0xb81b7ee144a70a6d), X(23, 0xfe822869bc2071f5),
            X(24, 0x8ed01051a4076ace), X(25, 0x8063c62a169b20a4), X(26, 0xe72868a9eb2b6cad),
            X(27, 0xd156dc60e66af074), X(28, 0xb81b7ee1c4a70a6e), X(29, 0xa00366c92c8ff24f),
            X(30, 0x12971ca014770c4d), M(0x1000, "f57120"), M(0x1004, "692882fece"),
            M(0x100c, "5110d08ea4209b162a"), M(0x1017, "80ad6c2beba96828e774f06ae660dc56d16e"),
            M(0x102b, "c4"), M(0x1030, "4f"), M(0x1038, "4d0c"), M(0x103c, "a01c9712")) },
    { "lse_ldclr", true,
      "ldclrb w5, w10, [x0]; add x20, x0, #1; ldclrab w2, w11, [x20]; add x20, x0, #2; "
      "ldclrlb w6, w12, [x20]; add x20, x0, #4; ldclrh w5, w13, [x20]; add x20, x0, #6; "
      "ldclralh w2, w14, [x20]; add x20, x0, #8; ldclrah w6, w15, [x20]; "
      "add x20, x0, #12; ldclr w5, w16, [x20]; add x20, x0, #16; ldclra w2, w17, [x20]; "
      "add x20, x0, #20; ldclral w6, w18, [x20]; add x20, x0, #24; ldclr x5, x19, [x20]; "
      "add x20, x0, #32; ldclrl x2, x21, [x20]; add x20, x0, #40; "
      "ldclral x6, x22, [x20]; add x20, x0, #48; stclr x4, [x20]; stclrb w4, [x20, #0]; "
      "add x20, x0, #56; stclrlh w5, [x20]; add x20, x0, #60; stclrl w2, [x20, #0]; "
      "ldp x23, x24, [x0]; ldp x25, x26, [x0, #16]; ldp x27, x28, [x0, #32]; "
      "ldp x29, x30, [x0, #48]; ldr x3, [x0, #64]",
      WORDS(0x3825100a, 0x91000414, 0x38a2128b, 0x91000814, 0x3866128c, 0x91001014, 0x7825128d,
            0x91001814, 0x78e2128e, 0x91002014, 0x78a6128f, 0x91003014, 0xb8251290, 0x91004014,
            0xb8a21291, 0x91005014, 0xb8e61292, 0x91006014, 0xf8251293, 0x91008014, 0xf8621295,
            0x9100a014, 0xf8e61296, 0x9100c014, 0xf824129f, 0x3824129f, 0x9100e014, 0x7865129f,
            0x9100f014, 0xb862129f, 0xa9406017, 0xa9416819, 0xa942701b, 0xa943781d, 0xf9402003,
            0xd4200000),
      .sig = 0, .pc = 0x8c, .fault = 0x0,
      DIFFS(X(3, 0x70d33699fc5fc225), X(10, 0xe5), X(11, 0x82), X(12, 0x1f), X(13, 0xf659),
            X(14, 0x3093), X(15, 0x6acd), X(16, 0x187bde41), X(17, 0x8cef52b5),
            X(18, 0x63c629), X(19, 0xe84bae1174d73a9d), X(20, 0x1fff103c),
            X(21, 0xd03396f95cbf2285), X(22, 0xb81b7ee144a70a6d), X(23, 0x3010c449bc1e00e5),
            X(24, 0x82bcc41a4076acc), X(25, 0x63c62804441210), X(26, 0x304010083088d),
            X(27, 0xd010929854142200), X(28, 0xb81b7ee144a70a6c), X(29, 0x0),
            X(30, 0x4002101477c82d), M(0x1001, "001e"), M(0x1004, "49c410"), M(0x1008, "cc"),
            M(0x100d, "cc2b081012440428"), M(0x1018, "8d0883000104030000"),
            M(0x1022, "1454989210"), M(0x1028, "6c"), M(0x1030, "00000000000000002dc8"),
            M(0x103c, "10024000")) },
    { "lse_ldeor", true,
      "ldeorb w5, w10, [x0]; add x20, x0, #1; ldeorab w2, w11, [x20]; add x20, x0, #2; "
      "ldeorlb w6, w12, [x20]; add x20, x0, #4; ldeorh w5, w13, [x20]; add x20, x0, #6; "
      "ldeoralh w2, w14, [x20]; add x20, x0, #8; ldeorah w6, w15, [x20]; "
      "add x20, x0, #12; ldeor w5, w16, [x20]; add x20, x0, #16; ldeora w2, w17, [x20]; "
      "add x20, x0, #20; ldeoral w6, w18, [x20]; add x20, x0, #24; ldeor x5, x19, [x20]; "
      "add x20, x0, #32; ldeorl x2, x21, [x20]; add x20, x0, #40; "
      "ldeoral x6, x22, [x20]; add x20, x0, #48; steor x4, [x20]; steorb w4, [x20, #0]; "
      "add x20, x0, #56; steorlh w5, [x20]; add x20, x0, #60; steorl w2, [x20, #0]; "
      "ldp x23, x24, [x0]; ldp x25, x26, [x0, #16]; ldp x27, x28, [x0, #32]; "
      "ldp x29, x30, [x0, #48]; ldr x3, [x0, #64]",
      WORDS(0x3825200a, 0x91000414, 0x38a2228b, 0x91000814, 0x3866228c, 0x91001014, 0x7825228d,
            0x91001814, 0x78e2228e, 0x91002014, 0x78a6228f, 0x91003014, 0xb8252290, 0x91004014,
            0xb8a22291, 0x91005014, 0xb8e62292, 0x91006014, 0xf8252293, 0x91008014, 0xf8622295,
            0x9100a014, 0xf8e62296, 0x9100c014, 0xf824229f, 0x3824229f, 0x9100e014, 0x7865229f,
            0x9100f014, 0xb862229f, 0xa9406017, 0xa9416819, 0xa942701b, 0xa943781d, 0xf9402003,
            0xd4200000),
      .sig = 0, .pc = 0x8c, .fault = 0x0,
      DIFFS(X(3, 0x70d33699fc5fc225), X(10, 0xe5), X(11, 0x82), X(12, 0x1f), X(13, 0xf659),
            X(14, 0x3093), X(15, 0x6acd), X(16, 0x187bde41), X(17, 0x8cef52b5),
            X(18, 0x63c629), X(19, 0xe84bae1174d73a9d), X(20, 0x1fff103c),
            X(21, 0xd03396f95cbf2285), X(22, 0xb81b7ee144a70a6d), X(23, 0xfd7cc449bc1e6df5),
            X(24, 0x6e2fec51a4076acc), X(25, 0x8063c62805449f5a), X(26, 0x169714890283088d),
            X(27, 0xd110d39ed514ef6a), X(28, 0xb81b7ee1c4a70a6c), X(29, 0x5ffc9936d3700d55),
            X(30, 0x140835e1477e82d), M(0x1000, "f56d1e"), M(0x1004, "49c47cfdcc"),
            M(0x100c, "51ec2f6e5a9f440528"), M(0x1017, "808d088302891497166aef14d59ed310d16c"),
            M(0x102b, "c4"), M(0x1031, "0d70d33699fc5f2de8"), M(0x103c, "5e834001")) },
    { "lse_ldset", true,
      "ldsetb w5, w10, [x0]; add x20, x0, #1; ldsetab w2, w11, [x20]; add x20, x0, #2; "
      "ldsetlb w6, w12, [x20]; add x20, x0, #4; ldseth w5, w13, [x20]; add x20, x0, #6; "
      "ldsetalh w2, w14, [x20]; add x20, x0, #8; ldsetah w6, w15, [x20]; "
      "add x20, x0, #12; ldset w5, w16, [x20]; add x20, x0, #16; ldseta w2, w17, [x20]; "
      "add x20, x0, #20; ldsetal w6, w18, [x20]; add x20, x0, #24; ldset x5, x19, [x20]; "
      "add x20, x0, #32; ldsetl x2, x21, [x20]; add x20, x0, #40; "
      "ldsetal x6, x22, [x20]; add x20, x0, #48; stset x4, [x20]; stsetb w4, [x20, #0]; "
      "add x20, x0, #56; stsetlh w5, [x20]; add x20, x0, #60; stsetl w2, [x20, #0]; "
      "ldp x23, x24, [x0]; ldp x25, x26, [x0, #16]; ldp x27, x28, [x0, #32]; "
      "ldp x29, x30, [x0, #48]; ldr x3, [x0, #64]",
      WORDS(0x3825300a, 0x91000414, 0x38a2328b, 0x91000814, 0x3866328c, 0x91001014, 0x7825328d,
            0x91001814, 0x78e2328e, 0x91002014, 0x78a6328f, 0x91003014, 0xb8253290, 0x91004014,
            0xb8a23291, 0x91005014, 0xb8e63292, 0x91006014, 0xf8253293, 0x91008014, 0xf8623295,
            0x9100a014, 0xf8e63296, 0x9100c014, 0xf824329f, 0x3824329f, 0x9100e014, 0x7865329f,
            0x9100f014, 0xb862329f, 0xa9406017, 0xa9416819, 0xa942701b, 0xa943781d, 0xf9402003,
            0xd4200000),
      .sig = 0, .pc = 0x8c, .fault = 0x0,
      DIFFS(X(3, 0x70d33699fc5fc225), X(10, 0xe5), X(11, 0x82), X(12, 0x1f), X(13, 0xf659),
            X(14, 0x3093), X(15, 0x6acd), X(16, 0x187bde41), X(17, 0x8cef52b5),
            X(18, 0x63c629), X(19, 0xe84bae1174d73a9d), X(20, 0x1fff103c),
            X(21, 0xd03396f95cbf2285), X(22, 0xb81b7ee144a70a6d), X(23, 0xfdfff659bc1feff5),
            X(24, 0x7e7ffe51a4076acd), X(25, 0x8063c6298defdfff), X(26, 0xfedfbe9976d73a9d),
            X(27, 0xd133d7ffddbfefef), X(28, 0xb81b7ee1c4a70a6d), X(29, 0xfffffffffffffffd),
            X(30, 0x89ebcfff1477fa3d), M(0x1000, "f5ef"), M(0x1006, "fffd"),
            M(0x100c, "51fe7f7effdf"), M(0x1013, "8d"), M(0x1017, "80"),
            M(0x101b, "7699bedffeefef"), M(0x1023, "ddffd7"), M(0x1027, "d1"), M(0x102b, "c4"),
            M(0x1030, "fdffffffffffffff"), M(0x1039, "fa"), M(0x103c, "ffcf"), M(0x103f, "89")) },
    { "lse_ldsmax", true,
      "ldsmaxb w5, w10, [x0]; add x20, x0, #1; ldsmaxab w2, w11, [x20]; add x20, x0, #2; "
      "ldsmaxlb w6, w12, [x20]; add x20, x0, #4; ldsmaxh w5, w13, [x20]; "
      "add x20, x0, #6; ldsmaxalh w2, w14, [x20]; add x20, x0, #8; "
      "ldsmaxah w6, w15, [x20]; add x20, x0, #12; ldsmax w5, w16, [x20]; "
      "add x20, x0, #16; ldsmaxa w2, w17, [x20]; add x20, x0, #20; "
      "ldsmaxal w6, w18, [x20]; add x20, x0, #24; ldsmax x5, x19, [x20]; "
      "add x20, x0, #32; ldsmaxl x2, x21, [x20]; add x20, x0, #40; "
      "ldsmaxal x6, x22, [x20]; add x20, x0, #48; stsmax x4, [x20]; "
      "stsmaxb w4, [x20, #0]; add x20, x0, #56; stsmaxlh w5, [x20]; add x20, x0, #60; "
      "stsmaxl w2, [x20, #0]; ldp x23, x24, [x0]; ldp x25, x26, [x0, #16]; "
      "ldp x27, x28, [x0, #32]; ldp x29, x30, [x0, #48]; ldr x3, [x0, #64]",
      WORDS(0x3825400a, 0x91000414, 0x38a2428b, 0x91000814, 0x3866428c, 0x91001014, 0x7825428d,
            0x91001814, 0x78e2428e, 0x91002014, 0x78a6428f, 0x91003014, 0xb8254290, 0x91004014,
            0xb8a24291, 0x91005014, 0xb8e64292, 0x91006014, 0xf8254293, 0x91008014, 0xf8624295,
            0x9100a014, 0xf8e64296, 0x9100c014, 0xf824429f, 0x3824429f, 0x9100e014, 0x7865429f,
            0x9100f014, 0xb862429f, 0xa9406017, 0xa9416819, 0xa942701b, 0xa943781d, 0xf9402003,
            0xd4200000),
      .sig = 0, .pc = 0x8c, .fault = 0x0,
      DIFFS(X(3, 0x70d33699fc5fc225), X(10, 0xe5), X(11, 0x82), X(12, 0x1f), X(13, 0xf659),
            X(14, 0x3093), X(15, 0x6acd), X(16, 0x187bde41), X(17, 0x8cef52b5),
            X(18, 0x63c629), X(19, 0xe84bae1174d73a9d), X(20, 0x1fff103c),
            X(21, 0xd03396f95cbf2285), X(22, 0xb81b7ee144a70a6d), X(23, 0x30933210bc1fef10),
            X(24, 0x76543210a4076acd), X(25, 0x63c6298cef52b5), X(26, 0xfedcba9876543210),
            X(27, 0x123456789abcdef), X(28, 0x80000001), X(29, 0xfffffffffffffffd),
            X(30, 0x89abcdef14773210), M(0x1000, "10ef"), M(0x1004, "1032"),
            M(0x100c, "10325476"),
            M(0x1018, "1032547698badcfeefcdab89674523010100008000000000fdffffffffffffff"),
            M(0x1038, "1032"), M(0x103c, "efcdab89")) },
    { "lse_ldsmin", true,
      "ldsminb w5, w10, [x0]; add x20, x0, #1; ldsminab w2, w11, [x20]; add x20, x0, #2; "
      "ldsminlb w6, w12, [x20]; add x20, x0, #4; ldsminh w5, w13, [x20]; "
      "add x20, x0, #6; ldsminalh w2, w14, [x20]; add x20, x0, #8; "
      "ldsminah w6, w15, [x20]; add x20, x0, #12; ldsmin w5, w16, [x20]; "
      "add x20, x0, #16; ldsmina w2, w17, [x20]; add x20, x0, #20; "
      "ldsminal w6, w18, [x20]; add x20, x0, #24; ldsmin x5, x19, [x20]; "
      "add x20, x0, #32; ldsminl x2, x21, [x20]; add x20, x0, #40; "
      "ldsminal x6, x22, [x20]; add x20, x0, #48; stsmin x4, [x20]; "
      "stsminb w4, [x20, #0]; add x20, x0, #56; stsminlh w5, [x20]; add x20, x0, #60; "
      "stsminl w2, [x20, #0]; ldp x23, x24, [x0]; ldp x25, x26, [x0, #16]; "
      "ldp x27, x28, [x0, #32]; ldp x29, x30, [x0, #48]; ldr x3, [x0, #64]",
      WORDS(0x3825500a, 0x91000414, 0x38a2528b, 0x91000814, 0x3866528c, 0x91001014, 0x7825528d,
            0x91001814, 0x78e2528e, 0x91002014, 0x78a6528f, 0x91003014, 0xb8255290, 0x91004014,
            0xb8a25291, 0x91005014, 0xb8e65292, 0x91006014, 0xf8255293, 0x91008014, 0xf8625295,
            0x9100a014, 0xf8e65296, 0x9100c014, 0xf824529f, 0x3824529f, 0x9100e014, 0x7865529f,
            0x9100f014, 0xb862529f, 0xa9406017, 0xa9416819, 0xa942701b, 0xa943781d, 0xf9402003,
            0xd4200000),
      .sig = 0, .pc = 0x8c, .fault = 0x0,
      DIFFS(X(3, 0x70d33699fc5fc225), X(10, 0xe5), X(11, 0x82), X(12, 0x1f), X(13, 0xf659),
            X(14, 0x3093), X(15, 0x6acd), X(16, 0x187bde41), X(17, 0x8cef52b5),
            X(18, 0x63c629), X(19, 0xe84bae1174d73a9d), X(20, 0x1fff103c),
            X(21, 0xd03396f95cbf2285), X(22, 0xb81b7ee144a70a6d), X(23, 0xcdeff659bc0182e5),
            X(24, 0x187bde41a4070001), X(25, 0x8000000189abcdef), X(26, 0xe84bae1174d73a9d),
            X(27, 0xd03396f95cbf2285), X(28, 0xb81b7ee144a70a6d), X(29, 0xa00366c92c8ff2fd),
            X(30, 0x88eb4eb11477da3d), M(0x1002, "01"), M(0x1006, "efcd0100"),
            M(0x1010, "efcdab8901000080"), M(0x1030, "fd")) },
    { "lse_ldumax", true,
      "ldumaxb w5, w10, [x0]; add x20, x0, #1; ldumaxab w2, w11, [x20]; add x20, x0, #2; "
      "ldumaxlb w6, w12, [x20]; add x20, x0, #4; ldumaxh w5, w13, [x20]; "
      "add x20, x0, #6; ldumaxalh w2, w14, [x20]; add x20, x0, #8; "
      "ldumaxah w6, w15, [x20]; add x20, x0, #12; ldumax w5, w16, [x20]; "
      "add x20, x0, #16; ldumaxa w2, w17, [x20]; add x20, x0, #20; "
      "ldumaxal w6, w18, [x20]; add x20, x0, #24; ldumax x5, x19, [x20]; "
      "add x20, x0, #32; ldumaxl x2, x21, [x20]; add x20, x0, #40; "
      "ldumaxal x6, x22, [x20]; add x20, x0, #48; stumax x4, [x20]; "
      "stumaxb w4, [x20, #0]; add x20, x0, #56; stumaxlh w5, [x20]; add x20, x0, #60; "
      "stumaxl w2, [x20, #0]; ldp x23, x24, [x0]; ldp x25, x26, [x0, #16]; "
      "ldp x27, x28, [x0, #32]; ldp x29, x30, [x0, #48]; ldr x3, [x0, #64]",
      WORDS(0x3825600a, 0x91000414, 0x38a2628b, 0x91000814, 0x3866628c, 0x91001014, 0x7825628d,
            0x91001814, 0x78e2628e, 0x91002014, 0x78a6628f, 0x91003014, 0xb8256290, 0x91004014,
            0xb8a26291, 0x91005014, 0xb8e66292, 0x91006014, 0xf8256293, 0x91008014, 0xf8626295,
            0x9100a014, 0xf8e66296, 0x9100c014, 0xf824629f, 0x3824629f, 0x9100e014, 0x7865629f,
            0x9100f014, 0xb862629f, 0xa9406017, 0xa9416819, 0xa942701b, 0xa943781d, 0xf9402003,
            0xd4200000),
      .sig = 0, .pc = 0x8c, .fault = 0x0,
      DIFFS(X(3, 0x70d33699fc5fc225), X(10, 0xe5), X(11, 0x82), X(12, 0x1f), X(13, 0xf659),
            X(14, 0x3093), X(15, 0x6acd), X(16, 0x187bde41), X(17, 0x8cef52b5),
            X(18, 0x63c629), X(19, 0xe84bae1174d73a9d), X(20, 0x1fff103c),
            X(21, 0xd03396f95cbf2285), X(22, 0xb81b7ee144a70a6d), X(23, 0xcdeff659bc1fefe5),
            X(24, 0x76543210a4076acd), X(25, 0x800000018cef52b5), X(26, 0xfedcba9876543210),
            X(27, 0xd03396f95cbf2285), X(28, 0xb81b7ee144a70a6d), X(29, 0xfffffffffffffffd),
            X(30, 0x89abcdef1477da3d), M(0x1001, "ef"), M(0x1006, "efcd"),
            M(0x100c, "10325476"), M(0x1014, "010000801032547698badcfe"),
            M(0x1030, "fdffffffffffffff"), M(0x103c, "efcdab89")) },
    { "lse_ldumin", true,
      "lduminb w5, w10, [x0]; add x20, x0, #1; lduminab w2, w11, [x20]; add x20, x0, #2; "
      "lduminlb w6, w12, [x20]; add x20, x0, #4; lduminh w5, w13, [x20]; "
      "add x20, x0, #6; lduminalh w2, w14, [x20]; add x20, x0, #8; "
      "lduminah w6, w15, [x20]; add x20, x0, #12; ldumin w5, w16, [x20]; "
      "add x20, x0, #16; ldumina w2, w17, [x20]; add x20, x0, #20; "
      "lduminal w6, w18, [x20]; add x20, x0, #24; ldumin x5, x19, [x20]; "
      "add x20, x0, #32; lduminl x2, x21, [x20]; add x20, x0, #40; "
      "lduminal x6, x22, [x20]; add x20, x0, #48; stumin x4, [x20]; "
      "stuminb w4, [x20, #0]; add x20, x0, #56; stuminlh w5, [x20]; add x20, x0, #60; "
      "stuminl w2, [x20, #0]; ldp x23, x24, [x0]; ldp x25, x26, [x0, #16]; "
      "ldp x27, x28, [x0, #32]; ldp x29, x30, [x0, #48]; ldr x3, [x0, #64]",
      WORDS(0x3825700a, 0x91000414, 0x38a2728b, 0x91000814, 0x3866728c, 0x91001014, 0x7825728d,
            0x91001814, 0x78e2728e, 0x91002014, 0x78a6728f, 0x91003014, 0xb8257290, 0x91004014,
            0xb8a27291, 0x91005014, 0xb8e67292, 0x91006014, 0xf8257293, 0x91008014, 0xf8627295,
            0x9100a014, 0xf8e67296, 0x9100c014, 0xf824729f, 0x3824729f, 0x9100e014, 0x7865729f,
            0x9100f014, 0xb862729f, 0xa9406017, 0xa9416819, 0xa942701b, 0xa943781d, 0xf9402003,
            0xd4200000),
      .sig = 0, .pc = 0x8c, .fault = 0x0,
      DIFFS(X(3, 0x70d33699fc5fc225), X(10, 0xe5), X(11, 0x82), X(12, 0x1f), X(13, 0xf659),
            X(14, 0x3093), X(15, 0x6acd), X(16, 0x187bde41), X(17, 0x8cef52b5),
            X(18, 0x63c629), X(19, 0xe84bae1174d73a9d), X(20, 0x1fff103c),
            X(21, 0xd03396f95cbf2285), X(22, 0xb81b7ee144a70a6d), X(23, 0x30933210bc018210),
            X(24, 0x187bde41a4070001), X(25, 0x63c62989abcdef), X(26, 0xe84bae1174d73a9d),
            X(27, 0x123456789abcdef), X(28, 0x80000001), X(29, 0xa00366c92c8ff255),
            X(30, 0x88eb4eb114773210), M(0x1000, "10"), M(0x1002, "01"), M(0x1004, "1032"),
            M(0x1008, "0100"), M(0x1010, "efcdab89"),
            M(0x1020, "efcdab89674523010100008000000000"), M(0x1038, "1032")) },
    { "lse_swp", true,
      "swp x5, x10, [x0]; swpab w2, w11, [x8]; swplh w5, w12, [x8, #0]; "
      "swpal w6, w13, [sp]; swp x2, xzr, [x8]; ldr x14, [x0]; ldr x15, [x8]; "
      "ldr x16, [sp]",
      WORDS(0xf825800a, 0x38a2810b, 0x7865810c, 0xb8e683ed, 0xf822811f, 0xf940000e, 0xf940010f,
            0xf94003f0, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0x45), X(12, 0xe2ef), X(13, 0x8cef52b5),
            X(14, 0xfedcba9876543210), X(15, 0x123456789abcdef), X(16, 0x63c62980000001),
            M(0x1000, "1032547698badcfe"), M(0x3000, "efcdab8967452301"),
            M(0x8000, "01000080")) },
    { "lse_cas", true,
      "ldr x10, [x0]; cas x10, x2, [x0]; mov x11, #1; casa x11, x5, [x0]; ldr x12, [x0]; "
      "ldrb w13, [x8]; casb w13, w5, [x8]; mov w14, #7; casalb w14, w2, [x8]; "
      "ldrh w15, [x8]; caslh w15, w2, [x8]; ldr w16, [sp]; casal w16, w5, [sp]; "
      "ldr x17, [x8]; ldr x18, [sp]; mov x19, #5; casah w19, w2, [sp]; "
      "cas xzr, x2, [x8]; ldr x20, [x8]",
      WORDS(0xf940000a, 0xc8aa7c02, 0xd280002b, 0xc8eb7c05, 0xf940000c, 0x3940010d, 0x08ad7d05,
            0x528000ee, 0x08eefd02, 0x7940010f, 0x48affd02, 0xb94003f0, 0x88f0ffe5, 0xf9400111,
            0xf94003f2, 0xd28000b3, 0x48f37fe2, 0xc8bf7d02, 0xf9400114, 0xd4200000),
      .sig = 0, .pc = 0x4c, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0x123456789abcdef), X(12, 0x123456789abcdef),
            X(13, 0x45), X(14, 0x10), X(15, 0xe210), X(16, 0x8cef52b5),
            X(17, 0x90f356b91c7fcdef), X(18, 0x63c62976543210), X(19, 0x3210),
            X(20, 0x90f356b91c7fcdef), M(0x1000, "efcdab8967452301"), M(0x3000, "efcd"),
            M(0x8000, "10325476")) },
    { "lse_casp", true,
      "ldp x10, x11, [x0]; casp x10, x11, x2, x3, [x0]; ldp x12, x13, [x0]; mov x14, #1; "
      "mov x15, #2; caspal x14, x15, x4, x5, [x0]; ldp w16, w17, [x8]; "
      "caspa w16, w17, w2, w3, [x8]; ldr x18, [x8]; ldr x20, [sp]; mov x21, x20; "
      "caspl w20, w21, w4, w5, [sp]; mov x22, #0; mov x23, #0; "
      "casp x22, x23, x24, x25, [x0, #0]",
      WORDS(0xa9402c0a, 0x482a7c02, 0xa940340c, 0xd280002e, 0xd280004f, 0x486efc04, 0x29404510,
            0x08707d02, 0xf9400112, 0xf94003f4, 0xaa1403f5, 0x0834ffe4, 0xd2800016, 0xd2800017,
            0x48367c18, 0xd4200000),
      .sig = 0, .pc = 0x3c, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0x187bde41a4076acd), X(12, 0x123456789abcdef),
            X(13, 0x5), X(14, 0x123456789abcdef), X(15, 0x5), X(16, 0x1c7fe245),
            X(17, 0x90f356b9), X(18, 0x589abcdef), X(20, 0x8cef52b5), X(21, 0x63c629),
            X(22, 0x123456789abcdef), X(23, 0x5),
            M(0x1000, "efcdab89674523010500000000000000"), M(0x3000, "efcdab8905000000")) },
    { "lse_casp_odd", true,
      ".inst 0x48207c61",
      WORDS(0x48207c61, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "lse_misaligned", true,
      "add x12, x0, #4; ldadd x2, x10, [x12]",
      WORDS(0x9100100c, 0xf822018a, 0xd4200000),
      .sig = 7, .pc = 0x4, .fault = 0x1fff1004,
      DIFFS(X(12, 0x1fff1004)) },
    { "lse_cas_misaligned", true,
      "cas w10, w2, [x1]",
      WORDS(0x88aa7c22, 0xd4200000),
      .sig = 7, .pc = 0x0, .fault = 0x1fff2003,
      NODIFFS },
    { "lse_casp_misaligned", true,
      "add x12, x0, #8; casp x10, x11, x2, x3, [x12]",
      WORDS(0x9100200c, 0x482a7d82, 0xd4200000),
      .sig = 7, .pc = 0x4, .fault = 0x1fff1008,
      DIFFS(X(12, 0x1fff1008)) },
    { "lse_tagged", true,
      "movz x13, #0x3c00, lsl #48; orr x12, x0, x13; ldadd x3, x10, [x12]; "
      "ldr x11, [x0]",
      WORDS(0xd2e7800d, 0xaa0d000c, 0xf823018a, 0xf940000b, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(X(10, 0x3093f659bc1f82e5), X(11, 0x3093f659bc1f82ea), X(12, 0x3c0000001fff1000),
            X(13, 0x3c00000000000000), M(0x1000, "ea")) },
    { "simd_ld1_8b", false,
      "ld1 {v10.8b}, [x0]; ld1 {v11.8b, v12.8b}, [x1]; "
      "ld1 {v13.8b, v14.8b, v15.8b}, [x8]; ld1 {v16.8b, v17.8b, v18.8b, v19.8b}, [sp]; "
      "ld1 {v31.8b, v0.8b}, [x0]",
      WORDS(0x0c40700a, 0x0c40a02b, 0x0c40610d, 0x0c4023f0, 0x0c40a01f, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x187bde41a4076acd, 0x0), V(10, 0x3093f659bc1f82e5, 0x0),
            V(11, 0xb71a7de043a6096c, 0x0), V(12, 0x9f0265c82b8ef154, 0x0),
            V(13, 0x90f356b91c7fe245, 0x0), V(14, 0x78db3ea10467ca2d, 0x0),
            V(15, 0x60c32689ec4fb215, 0x0), V(16, 0x63c6298cef52b5, 0x0),
            V(17, 0xe84bae1174d73a9d, 0x0), V(18, 0xd03396f95cbf2285, 0x0),
            V(19, 0xb81b7ee144a70a6d, 0x0), V(31, 0x3093f659bc1f82e5, 0x0)) },
    { "simd_st1_8b", false,
      "st1 {v1.8b}, [x8]; add x20, x8, #64; st1 {v2.8b, v3.8b}, [x20]; "
      "add x20, x8, #128; st1 {v4.8b, v5.8b, v6.8b}, [x20]; add x20, x8, #256; "
      "st1 {v30.8b, v31.8b, v0.8b, v1.8b}, [x20]; st1 {v7.8b}, [x1]",
      WORDS(0x0c007101, 0x91010114, 0x0c00a282, 0x91020114, 0x0c006284, 0x91040114, 0x0c00229e,
            0x0c007027, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "70717273747576e7"), M(0x3000, "1011121314151627"),
            M(0x3040, "20212223242526473031323334353667"),
            M(0x3080, "404142434445468750515253545556a760616263646566c7"),
            M(0x3100, "e0e1e2e3e4e5e6c7f0f1f2f3f4f5f6e700010203040506071011121314151627")) },
    { "simd_ldn_8b", false,
      "ld2 {v10.8b, v11.8b}, [x0]; ld3 {v12.8b, v13.8b, v14.8b}, [x1]; "
      "ld4 {v15.8b, v16.8b, v17.8b, v18.8b}, [x8]; "
      "ld4 {v30.8b, v31.8b, v0.8b, v1.8b}, [sp]",
      WORDS(0x0c40800a, 0x0c40402c, 0x0c40010f, 0x0c4003fe, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(V(0, 0x1ba733bf4bd763ef, 0x0), V(1, 0xb844d05ce874008c, 0x0),
            V(10, 0x7b4107cd93591fe5, 0x0), V(11, 0x18dea46a30f6bc82, 0x0),
            V(12, 0x4d769fc8f11a436c, 0x0), V(13, 0xea133c658eb7e009, 0x0),
            V(14, 0x87b0d9022b547da6, 0x0), V(15, 0x71fd8915a12db945, 0x0),
            V(16, 0xe9a26b23eca56e2, 0x0), V(17, 0xab37c34fdb67f37f, 0x0),
            V(18, 0x48d460ec7804901c, 0x0), V(30, 0xe16df985119d29b5, 0x0),
            V(31, 0x7e0a9622ae3ac652, 0x0)) },
    { "simd_stn_8b", false,
      "st2 {v1.8b, v2.8b}, [x8]; add x20, x8, #64; st3 {v3.8b, v4.8b, v5.8b}, [x20]; "
      "add x20, x8, #128; st4 {v6.8b, v7.8b, v8.8b, v9.8b}, [x20]; add x20, x8, #256; "
      "st4 {v30.8b, v31.8b, v0.8b, v1.8b}, [x20]; st2 {v29.8b, v30.8b}, [x1]",
      WORDS(0x0c008101, 0x91010114, 0x0c004283, 0x91020114, 0x0c000286, 0x91040114, 0x0c00029e,
            0x0c00803d, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "d0e0d1e1d2e2d3e3d4e4d5e5d6e6a7c7"),
            M(0x3000, "10201121122213231424152516262747"),
            M(0x3040, "3040503141513242523343533444543545553646566787a7"),
            M(0x3080, "60708090617181916272829263738393647484946575859566768696c7e70727"),
            M(0x3100, "e0f00010e1f10111e2f20212e3f30313e4f40414e5f50515e6f60616c7e70727")) },
    { "simd_ld1_16b", false,
      "ld1 {v10.16b}, [x0]; ld1 {v11.16b, v12.16b}, [x1]; "
      "ld1 {v13.16b, v14.16b, v15.16b}, [x8]; "
      "ld1 {v16.16b, v17.16b, v18.16b, v19.16b}, [sp]; ld1 {v31.16b, v0.16b}, [x0]",
      WORDS(0x4c40700a, 0x4c40a02b, 0x4c40610d, 0x4c4023f0, 0x4c40a01f, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            V(10, 0x3093f659bc1f82e5, 0x187bde41a4076acd),
            V(11, 0xb71a7de043a6096c, 0x9f0265c82b8ef154),
            V(12, 0x87ea4db01376d93c, 0x6fd23598fb5ec124),
            V(13, 0x90f356b91c7fe245, 0x78db3ea10467ca2d),
            V(14, 0x60c32689ec4fb215, 0x48ab0e71d4379afd),
            V(15, 0x3093f659bc1f82e5, 0x187bde41a4076acd),
            V(16, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            V(17, 0xd03396f95cbf2285, 0xb81b7ee144a70a6d),
            V(18, 0xa00366c92c8ff255, 0x88eb4eb11477da3d),
            V(19, 0x70d33699fc5fc225, 0x58bb1e81e447aa0d),
            V(31, 0x3093f659bc1f82e5, 0x187bde41a4076acd)) },
    { "simd_st1_16b", false,
      "st1 {v1.16b}, [x8]; add x20, x8, #64; st1 {v2.16b, v3.16b}, [x20]; "
      "add x20, x8, #128; st1 {v4.16b, v5.16b, v6.16b}, [x20]; add x20, x8, #256; "
      "st1 {v30.16b, v31.16b, v0.16b, v1.16b}, [x20]; st1 {v7.16b}, [x1]",
      WORDS(0x4c007101, 0x91010114, 0x4c00a282, 0x91020114, 0x4c006284, 0x91040114, 0x4c00229e,
            0x4c007027, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "70717273747576e78f898d8c8b8a8918"),
            M(0x3000, "1011121314151627efefedecebeae9d8"),
            M(0x3040, "2021222324252647dfdcdddcdbdad9"),
            M(0x3050, "3031323334353667cfcdcdcccbcac998"),
            M(0x3080, "4041424344454687bfbabdbcbbbab97850515253545556a7afabadacabaaa958"),
            M(0x30a0, "60616263646566c79f989d9c9b9a9938"),
            M(0x3100, "e0e1e2e3e4e5e6c71f001d1c1b1a1938f0f1f2f3f4f5f6e70f110d0c0b0a0918"),
            M(0x3120, "0001020304050607fffefdfcfbfaf9f81011121314151627efefedecebeae9d8")) },
    { "simd_ldn_16b", false,
      "ld2 {v10.16b, v11.16b}, [x0]; ld3 {v12.16b, v13.16b, v14.16b}, [x1]; "
      "ld4 {v15.16b, v16.16b, v17.16b, v18.16b}, [x8]; "
      "ld4 {v30.16b, v31.16b, v0.16b, v1.16b}, [sp]",
      WORDS(0x4c40800a, 0x4c40402c, 0x4c40010f, 0x4c4003fe, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(V(0, 0x1ba733bf4bd763ef, 0xbb47d35feb77038f),
            V(1, 0xb844d05ce874008c, 0x58e470fc8814a02c),
            V(10, 0x7b4107cd93591fe5, 0x4b11d79d6329efb5),
            V(11, 0x18dea46a30f6bc82, 0xe8ae743a00c68c52),
            V(12, 0x4d769fc8f11a436c, 0x52e5780a9d2fb24),
            V(13, 0xea133c658eb7e009, 0xa2cbf41d466f98c1),
            V(14, 0x87b0d9022b547da6, 0x3f6891bae30c355e),
            V(15, 0x71fd8915a12db945, 0x119d29b541cd59e5),
            V(16, 0xe9a26b23eca56e2, 0xae3ac652de6af682),
            V(17, 0xab37c34fdb67f37f, 0x4bd763ef7b07931f),
            V(18, 0x48d460ec7804901c, 0xe874008c18a430bc),
            V(30, 0xe16df985119d29b5, 0x810d9925b13dc955),
            V(31, 0x7e0a9622ae3ac652, 0x1eaa36c24eda66f2)) },
    { "simd_stn_16b", false,
      "st2 {v1.16b, v2.16b}, [x8]; add x20, x8, #64; "
      "st3 {v3.16b, v4.16b, v5.16b}, [x20]; add x20, x8, #128; "
      "st4 {v6.16b, v7.16b, v8.16b, v9.16b}, [x20]; add x20, x8, #256; "
      "st4 {v30.16b, v31.16b, v0.16b, v1.16b}, [x20]; st2 {v29.16b, v30.16b}, [x1]",
      WORDS(0x4c008101, 0x91010114, 0x4c004283, 0x91020114, 0x4c000286, 0x91040114, 0x4c00029e,
            0x4c00803d, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100),
            M(0x2003, "d0e0d1e1d2e2d3e3d4e4d5e5d6e6a7c72f1f33002d1d2c1c2b1b2a1a29195838"),
            M(0x3000, "10201121122213231424152516262747efdfefdcedddecdcebdbeadae9d9d8b8"),
            M(0x3040, "3040503141513242523343533444543545553646566787a7cfbfafcdbaabcdbd"),
            M(0x3060, "adccbcaccbbbabcaba"), M(0x306a, "c9b9a99878"),
            M(0x3080, "60708090617181916272829263738393647484946575859566768696c7e70727"),
            M(0x30a0, "9f8f7f6f988976679d8d7d6d9c8c7c6c9b8b7b6b9a8a7a6a998979693818f8d8"),
            M(0x3100, "e0f00010e1f10111e2f20212e3f30313e4f40414e5f50515e6f60616c7e70727"),
            M(0x3120, "1f0fffef0011feef1d0dfded1c0cfcec1b0bfbeb1a0afaea1909f9e93818f8d8")) },
    { "simd_ld1_4h", false,
      "ld1 {v10.4h}, [x0]; ld1 {v11.4h, v12.4h}, [x1]; "
      "ld1 {v13.4h, v14.4h, v15.4h}, [x8]; ld1 {v16.4h, v17.4h, v18.4h, v19.4h}, [sp]; "
      "ld1 {v31.4h, v0.4h}, [x0]",
      WORDS(0x0c40740a, 0x0c40a42b, 0x0c40650d, 0x0c4027f0, 0x0c40a41f, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x187bde41a4076acd, 0x0), V(10, 0x3093f659bc1f82e5, 0x0),
            V(11, 0xb71a7de043a6096c, 0x0), V(12, 0x9f0265c82b8ef154, 0x0),
            V(13, 0x90f356b91c7fe245, 0x0), V(14, 0x78db3ea10467ca2d, 0x0),
            V(15, 0x60c32689ec4fb215, 0x0), V(16, 0x63c6298cef52b5, 0x0),
            V(17, 0xe84bae1174d73a9d, 0x0), V(18, 0xd03396f95cbf2285, 0x0),
            V(19, 0xb81b7ee144a70a6d, 0x0), V(31, 0x3093f659bc1f82e5, 0x0)) },
    { "simd_st1_4h", false,
      "st1 {v1.4h}, [x8]; add x20, x8, #64; st1 {v2.4h, v3.4h}, [x20]; "
      "add x20, x8, #128; st1 {v4.4h, v5.4h, v6.4h}, [x20]; add x20, x8, #256; "
      "st1 {v30.4h, v31.4h, v0.4h, v1.4h}, [x20]; st1 {v7.4h}, [x1]",
      WORDS(0x0c007501, 0x91010114, 0x0c00a682, 0x91020114, 0x0c006684, 0x91040114, 0x0c00269e,
            0x0c007427, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "70717273747576e7"), M(0x3000, "1011121314151627"),
            M(0x3040, "20212223242526473031323334353667"),
            M(0x3080, "404142434445468750515253545556a760616263646566c7"),
            M(0x3100, "e0e1e2e3e4e5e6c7f0f1f2f3f4f5f6e700010203040506071011121314151627")) },
    { "simd_ldn_4h", false,
      "ld2 {v10.4h, v11.4h}, [x0]; ld3 {v12.4h, v13.4h, v14.4h}, [x1]; "
      "ld4 {v15.4h, v16.4h, v17.4h, v18.4h}, [x8]; "
      "ld4 {v30.4h, v31.4h, v0.4h, v1.4h}, [sp]",
      WORDS(0x0c40840a, 0x0c40442c, 0x0c40050f, 0x0c4007fe, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(V(0, 0x7ee196f9ae11c629, 0x0), V(1, 0xb81bd033e84b0063, 0x0),
            V(10, 0xde416acdf65982e5, 0x0), V(11, 0x187ba4073093bc1f, 0x0),
            V(12, 0x137665c8b71a096c, 0x0), V(13, 0x4db09f02f15443a6, 0x0),
            V(14, 0x87ead93c2b8e7de0, 0x0), V(15, 0x9afdb215ca2de245, 0x0),
            V(16, 0xd437ec4f04671c7f, 0x0), V(17, 0xe7126893ea156b9, 0x0),
            V(18, 0x48ab60c378db90f3, 0x0), V(30, 0xa6d22853a9d52b5, 0x0),
            V(31, 0x44a75cbf74d78cef, 0x0)) },
    { "simd_stn_4h", false,
      "st2 {v1.4h, v2.4h}, [x8]; add x20, x8, #64; st3 {v3.4h, v4.4h, v5.4h}, [x20]; "
      "add x20, x8, #128; st4 {v6.4h, v7.4h, v8.4h, v9.4h}, [x20]; add x20, x8, #256; "
      "st4 {v30.4h, v31.4h, v0.4h, v1.4h}, [x20]; st2 {v29.4h, v30.4h}, [x1]",
      WORDS(0x0c008501, 0x91010114, 0x0c004683, 0x91020114, 0x0c000686, 0x91040114, 0x0c00069e,
            0x0c00843d, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "d0d1e0e1d2d3e2e3d4d5e4e5d6a7e6c7"),
            M(0x3000, "10112021121322231415242516272647"),
            M(0x3040, "3031404150513233424352533435444554553667468756a7"),
            M(0x3080, "60617071808190916263727382839293646574758485949566c776e786079627"),
            M(0x3100, "e0e1f0f100011011e2e3f2f302031213e4e5f4f504051415e6c7f6e706071627")) },
    { "simd_ld1_8h", false,
      "ld1 {v10.8h}, [x0]; ld1 {v11.8h, v12.8h}, [x1]; "
      "ld1 {v13.8h, v14.8h, v15.8h}, [x8]; ld1 {v16.8h, v17.8h, v18.8h, v19.8h}, [sp]; "
      "ld1 {v31.8h, v0.8h}, [x0]",
      WORDS(0x4c40740a, 0x4c40a42b, 0x4c40650d, 0x4c4027f0, 0x4c40a41f, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            V(10, 0x3093f659bc1f82e5, 0x187bde41a4076acd),
            V(11, 0xb71a7de043a6096c, 0x9f0265c82b8ef154),
            V(12, 0x87ea4db01376d93c, 0x6fd23598fb5ec124),
            V(13, 0x90f356b91c7fe245, 0x78db3ea10467ca2d),
            V(14, 0x60c32689ec4fb215, 0x48ab0e71d4379afd),
            V(15, 0x3093f659bc1f82e5, 0x187bde41a4076acd),
            V(16, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            V(17, 0xd03396f95cbf2285, 0xb81b7ee144a70a6d),
            V(18, 0xa00366c92c8ff255, 0x88eb4eb11477da3d),
            V(19, 0x70d33699fc5fc225, 0x58bb1e81e447aa0d),
            V(31, 0x3093f659bc1f82e5, 0x187bde41a4076acd)) },
    { "simd_st1_8h", false,
      "st1 {v1.8h}, [x8]; add x20, x8, #64; st1 {v2.8h, v3.8h}, [x20]; "
      "add x20, x8, #128; st1 {v4.8h, v5.8h, v6.8h}, [x20]; add x20, x8, #256; "
      "st1 {v30.8h, v31.8h, v0.8h, v1.8h}, [x20]; st1 {v7.8h}, [x1]",
      WORDS(0x4c007501, 0x91010114, 0x4c00a682, 0x91020114, 0x4c006684, 0x91040114, 0x4c00269e,
            0x4c007427, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "70717273747576e78f898d8c8b8a8918"),
            M(0x3000, "1011121314151627efefedecebeae9d8"),
            M(0x3040, "2021222324252647dfdcdddcdbdad9"),
            M(0x3050, "3031323334353667cfcdcdcccbcac998"),
            M(0x3080, "4041424344454687bfbabdbcbbbab97850515253545556a7afabadacabaaa958"),
            M(0x30a0, "60616263646566c79f989d9c9b9a9938"),
            M(0x3100, "e0e1e2e3e4e5e6c71f001d1c1b1a1938f0f1f2f3f4f5f6e70f110d0c0b0a0918"),
            M(0x3120, "0001020304050607fffefdfcfbfaf9f81011121314151627efefedecebeae9d8")) },
    { "simd_ldn_8h", false,
      "ld2 {v10.8h, v11.8h}, [x0]; ld3 {v12.8h, v13.8h, v14.8h}, [x1]; "
      "ld4 {v15.8h, v16.8h, v17.8h, v18.8h}, [x8]; "
      "ld4 {v30.8h, v31.8h, v0.8h, v1.8h}, [sp]",
      WORDS(0x4c40840a, 0x4c40442c, 0x4c40050f, 0x4c4007fe, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(V(0, 0x7ee196f9ae11c629, 0x1e8136994eb166c9),
            V(1, 0xb81bd033e84b0063, 0x58bb70d388eba003),
            V(10, 0xde416acdf65982e5, 0xae113a9dc62952b5),
            V(11, 0x187ba4073093bc1f, 0xe84b74d700638cef),
            V(12, 0x137665c8b71a096c, 0xcb2e1d806fd2c124),
            V(13, 0x4db09f02f15443a6, 0x56857baa90cfb5e),
            V(14, 0x87ead93c2b8e7de0, 0x3fa291f4e3463598),
            V(15, 0x9afdb215ca2de245, 0x3a9d52b56acd82e5),
            V(16, 0xd437ec4f04671c7f, 0x74d78cefa407bc1f),
            V(17, 0xe7126893ea156b9, 0xae11c629de41f659),
            V(18, 0x48ab60c378db90f3, 0xe84b0063187b3093),
            V(30, 0xa6d22853a9d52b5, 0xaa0dc225da3df255),
            V(31, 0x44a75cbf74d78cef, 0xe447fc5f14772c8f)) },
    { "simd_stn_8h", false,
      "st2 {v1.8h, v2.8h}, [x8]; add x20, x8, #64; st3 {v3.8h, v4.8h, v5.8h}, [x20]; "
      "add x20, x8, #128; st4 {v6.8h, v7.8h, v8.8h, v9.8h}, [x20]; add x20, x8, #256; "
      "st4 {v30.8h, v31.8h, v0.8h, v1.8h}, [x20]; st2 {v29.8h, v30.8h}, [x1]",
      WORDS(0x4c008501, 0x91010114, 0x4c004683, 0x91020114, 0x4c000686, 0x91040114, 0x4c00069e,
            0x4c00843d, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100),
            M(0x2003, "d0d1e0e1d2d3e2e3d4d5e4e5d6a7e6c72f331f002d2c1d1c2b2a1b1a29581938"),
            M(0x3000, "10112021121322231415242516272647efefdfdcedecdddcebeadbdae9d8d9b8"),
            M(0x3040, "3031404150513233424352533435444554553667468756a7cfcdbfbaafabcdcc"),
            M(0x3060, "bdbcadaccbcabbbaab"), M(0x306a, "c998b978a9"),
            M(0x3080, "60617071808190916263727382839293646574758485949566c776e786079627"),
            M(0x30a0, "9f988f897f"),
            M(0x30a6, "6f679d9c8d8c7d7c6d6c9b9a8b8a7b7a6b6a9938891879f869d8"),
            M(0x3100, "e0e1f0f100011011e2e3f2f302031213e4e5f4f504051415e6c7f6e706071627"),
            M(0x3120, "1f000f11fffeefef1d1c0d0cfdfcedec1b1a0b0afbfaebea19380918f9f8e9d8")) },
    { "simd_ld1_2s", false,
      "ld1 {v10.2s}, [x0]; ld1 {v11.2s, v12.2s}, [x1]; "
      "ld1 {v13.2s, v14.2s, v15.2s}, [x8]; ld1 {v16.2s, v17.2s, v18.2s, v19.2s}, [sp]; "
      "ld1 {v31.2s, v0.2s}, [x0]",
      WORDS(0x0c40780a, 0x0c40a82b, 0x0c40690d, 0x0c402bf0, 0x0c40a81f, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x187bde41a4076acd, 0x0), V(10, 0x3093f659bc1f82e5, 0x0),
            V(11, 0xb71a7de043a6096c, 0x0), V(12, 0x9f0265c82b8ef154, 0x0),
            V(13, 0x90f356b91c7fe245, 0x0), V(14, 0x78db3ea10467ca2d, 0x0),
            V(15, 0x60c32689ec4fb215, 0x0), V(16, 0x63c6298cef52b5, 0x0),
            V(17, 0xe84bae1174d73a9d, 0x0), V(18, 0xd03396f95cbf2285, 0x0),
            V(19, 0xb81b7ee144a70a6d, 0x0), V(31, 0x3093f659bc1f82e5, 0x0)) },
    { "simd_st1_2s", false,
      "st1 {v1.2s}, [x8]; add x20, x8, #64; st1 {v2.2s, v3.2s}, [x20]; "
      "add x20, x8, #128; st1 {v4.2s, v5.2s, v6.2s}, [x20]; add x20, x8, #256; "
      "st1 {v30.2s, v31.2s, v0.2s, v1.2s}, [x20]; st1 {v7.2s}, [x1]",
      WORDS(0x0c007901, 0x91010114, 0x0c00aa82, 0x91020114, 0x0c006a84, 0x91040114, 0x0c002a9e,
            0x0c007827, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "70717273747576e7"), M(0x3000, "1011121314151627"),
            M(0x3040, "20212223242526473031323334353667"),
            M(0x3080, "404142434445468750515253545556a760616263646566c7"),
            M(0x3100, "e0e1e2e3e4e5e6c7f0f1f2f3f4f5f6e700010203040506071011121314151627")) },
    { "simd_ldn_2s", false,
      "ld2 {v10.2s, v11.2s}, [x0]; ld3 {v12.2s, v13.2s, v14.2s}, [x1]; "
      "ld4 {v15.2s, v16.2s, v17.2s, v18.2s}, [x8]; "
      "ld4 {v30.2s, v31.2s, v0.2s, v1.2s}, [sp]",
      WORDS(0x0c40880a, 0x0c40482c, 0x0c40090f, 0x0c400bfe, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(V(0, 0x44a70a6d74d73a9d, 0x0), V(1, 0xb81b7ee1e84bae11, 0x0),
            V(10, 0xa4076acdbc1f82e5, 0x0), V(11, 0x187bde413093f659, 0x0),
            V(12, 0x9f0265c843a6096c, 0x0), V(13, 0x1376d93cb71a7de0, 0x0),
            V(14, 0x87ea4db02b8ef154, 0x0), V(15, 0xec4fb2151c7fe245, 0x0),
            V(16, 0x60c3268990f356b9, 0x0), V(17, 0xd4379afd0467ca2d, 0x0),
            V(18, 0x48ab0e7178db3ea1, 0x0), V(30, 0x5cbf22858cef52b5, 0x0),
            V(31, 0xd03396f90063c629, 0x0)) },
    { "simd_stn_2s", false,
      "st2 {v1.2s, v2.2s}, [x8]; add x20, x8, #64; st3 {v3.2s, v4.2s, v5.2s}, [x20]; "
      "add x20, x8, #128; st4 {v6.2s, v7.2s, v8.2s, v9.2s}, [x20]; add x20, x8, #256; "
      "st4 {v30.2s, v31.2s, v0.2s, v1.2s}, [x20]; st2 {v29.2s, v30.2s}, [x1]",
      WORDS(0x0c008901, 0x91010114, 0x0c004a83, 0x91020114, 0x0c000a86, 0x91040114, 0x0c000a9e,
            0x0c00883d, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "d0d1d2d3"), M(0x2008, "e1e2e3d4d5d6a7e4e5e6c7"),
            M(0x3000, "10111213202122231415162724252647"),
            M(0x3040, "3031323340414243505152533435366744454687545556a7"),
            M(0x3080, "60616263707172738081828390919293646566c7747576e78485860794959627"),
            M(0x3100, "e0e1e2e3f0f1f2f30001020310111213e4e5e6c7f4f5f6e70405060714151627")) },
    { "simd_ld1_4s", false,
      "ld1 {v10.4s}, [x0]; ld1 {v11.4s, v12.4s}, [x1]; "
      "ld1 {v13.4s, v14.4s, v15.4s}, [x8]; ld1 {v16.4s, v17.4s, v18.4s, v19.4s}, [sp]; "
      "ld1 {v31.4s, v0.4s}, [x0]",
      WORDS(0x4c40780a, 0x4c40a82b, 0x4c40690d, 0x4c402bf0, 0x4c40a81f, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            V(10, 0x3093f659bc1f82e5, 0x187bde41a4076acd),
            V(11, 0xb71a7de043a6096c, 0x9f0265c82b8ef154),
            V(12, 0x87ea4db01376d93c, 0x6fd23598fb5ec124),
            V(13, 0x90f356b91c7fe245, 0x78db3ea10467ca2d),
            V(14, 0x60c32689ec4fb215, 0x48ab0e71d4379afd),
            V(15, 0x3093f659bc1f82e5, 0x187bde41a4076acd),
            V(16, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            V(17, 0xd03396f95cbf2285, 0xb81b7ee144a70a6d),
            V(18, 0xa00366c92c8ff255, 0x88eb4eb11477da3d),
            V(19, 0x70d33699fc5fc225, 0x58bb1e81e447aa0d),
            V(31, 0x3093f659bc1f82e5, 0x187bde41a4076acd)) },
    { "simd_st1_4s", false,
      "st1 {v1.4s}, [x8]; add x20, x8, #64; st1 {v2.4s, v3.4s}, [x20]; "
      "add x20, x8, #128; st1 {v4.4s, v5.4s, v6.4s}, [x20]; add x20, x8, #256; "
      "st1 {v30.4s, v31.4s, v0.4s, v1.4s}, [x20]; st1 {v7.4s}, [x1]",
      WORDS(0x4c007901, 0x91010114, 0x4c00aa82, 0x91020114, 0x4c006a84, 0x91040114, 0x4c002a9e,
            0x4c007827, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "70717273747576e78f898d8c8b8a8918"),
            M(0x3000, "1011121314151627efefedecebeae9d8"),
            M(0x3040, "2021222324252647dfdcdddcdbdad9"),
            M(0x3050, "3031323334353667cfcdcdcccbcac998"),
            M(0x3080, "4041424344454687bfbabdbcbbbab97850515253545556a7afabadacabaaa958"),
            M(0x30a0, "60616263646566c79f989d9c9b9a9938"),
            M(0x3100, "e0e1e2e3e4e5e6c71f001d1c1b1a1938f0f1f2f3f4f5f6e70f110d0c0b0a0918"),
            M(0x3120, "0001020304050607fffefdfcfbfaf9f81011121314151627efefedecebeae9d8")) },
    { "simd_ldn_4s", false,
      "ld2 {v10.4s, v11.4s}, [x0]; ld3 {v12.4s, v13.4s, v14.4s}, [x1]; "
      "ld4 {v15.4s, v16.4s, v17.4s, v18.4s}, [x8]; "
      "ld4 {v30.4s, v31.4s, v0.4s, v1.4s}, [sp]",
      WORDS(0x4c40880a, 0x4c40482c, 0x4c40090f, 0x4c400bfe, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(V(0, 0x44a70a6d74d73a9d, 0xe447aa0d1477da3d),
            V(1, 0xb81b7ee1e84bae11, 0x58bb1e8188eb4eb1),
            V(10, 0xa4076acdbc1f82e5, 0x74d73a9d8cef52b5),
            V(11, 0x187bde413093f659, 0xe84bae110063c629),
            V(12, 0x9f0265c843a6096c, 0x57ba1d80fb5ec124),
            V(13, 0x1376d93cb71a7de0, 0xcb2e91f46fd23598),
            V(14, 0x87ea4db02b8ef154, 0x3fa20568e346a90c),
            V(15, 0xec4fb2151c7fe245, 0x8cef52b5bc1f82e5),
            V(16, 0x60c3268990f356b9, 0x63c6293093f659),
            V(17, 0xd4379afd0467ca2d, 0x74d73a9da4076acd),
            V(18, 0x48ab0e7178db3ea1, 0xe84bae11187bde41),
            V(30, 0x5cbf22858cef52b5, 0xfc5fc2252c8ff255),
            V(31, 0xd03396f90063c629, 0x70d33699a00366c9)) },
    { "simd_stn_4s", false,
      "st2 {v1.4s, v2.4s}, [x8]; add x20, x8, #64; st3 {v3.4s, v4.4s, v5.4s}, [x20]; "
      "add x20, x8, #128; st4 {v6.4s, v7.4s, v8.4s, v9.4s}, [x20]; add x20, x8, #256; "
      "st4 {v30.4s, v31.4s, v0.4s, v1.4s}, [x20]; st2 {v29.4s, v30.4s}, [x1]",
      WORDS(0x4c008901, 0x91010114, 0x4c004a83, 0x91020114, 0x4c000a86, 0x91040114, 0x4c000a9e,
            0x4c00883d, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "d0d1d2d3"),
            M(0x2008, "e1e2e3d4d5d6a7e4e5e6c72f332d2c1f001d1c2b2a29581b1a1938"),
            M(0x3000, "10111213202122231415162724252647efefed"),
            M(0x3014, "dfdcdddcebeae9d8dbdad9b8"),
            M(0x3040, "3031323340414243505152533435366744454687545556a7cfcdcdccbfbabdbc"),
            M(0x3060, "afabadaccbcac998bbbab978abaaa9"),
            M(0x3080, "60616263707172738081828390919293646566c7747576e78485860794959627"),
            M(0x30a0, "9f989d9c8f898d8c7f767d7c6f676d6c9b9a99388b8a89187b7a79f86b6a69d8"),
            M(0x3100, "e0e1e2e3f0f1f2f30001020310111213e4e5e6c7f4f5f6e70405060714151627"),
            M(0x3120, "1f001d1c0f110d0cfffefdfcefefedec1b1a19380b0a0918fbfaf9f8ebeae9d8")) },
    { "simd_ld1_1d", false,
      "ld1 {v10.1d}, [x0]; ld1 {v11.1d, v12.1d}, [x1]; "
      "ld1 {v13.1d, v14.1d, v15.1d}, [x8]; ld1 {v16.1d, v17.1d, v18.1d, v19.1d}, [sp]; "
      "ld1 {v31.1d, v0.1d}, [x0]",
      WORDS(0x0c407c0a, 0x0c40ac2b, 0x0c406d0d, 0x0c402ff0, 0x0c40ac1f, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x187bde41a4076acd, 0x0), V(10, 0x3093f659bc1f82e5, 0x0),
            V(11, 0xb71a7de043a6096c, 0x0), V(12, 0x9f0265c82b8ef154, 0x0),
            V(13, 0x90f356b91c7fe245, 0x0), V(14, 0x78db3ea10467ca2d, 0x0),
            V(15, 0x60c32689ec4fb215, 0x0), V(16, 0x63c6298cef52b5, 0x0),
            V(17, 0xe84bae1174d73a9d, 0x0), V(18, 0xd03396f95cbf2285, 0x0),
            V(19, 0xb81b7ee144a70a6d, 0x0), V(31, 0x3093f659bc1f82e5, 0x0)) },
    { "simd_st1_1d", false,
      "st1 {v1.1d}, [x8]; add x20, x8, #64; st1 {v2.1d, v3.1d}, [x20]; "
      "add x20, x8, #128; st1 {v4.1d, v5.1d, v6.1d}, [x20]; add x20, x8, #256; "
      "st1 {v30.1d, v31.1d, v0.1d, v1.1d}, [x20]; st1 {v7.1d}, [x1]",
      WORDS(0x0c007d01, 0x91010114, 0x0c00ae82, 0x91020114, 0x0c006e84, 0x91040114, 0x0c002e9e,
            0x0c007c27, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "70717273747576e7"), M(0x3000, "1011121314151627"),
            M(0x3040, "20212223242526473031323334353667"),
            M(0x3080, "404142434445468750515253545556a760616263646566c7"),
            M(0x3100, "e0e1e2e3e4e5e6c7f0f1f2f3f4f5f6e700010203040506071011121314151627")) },
    { "simd_ld1_2d", false,
      "ld1 {v10.2d}, [x0]; ld1 {v11.2d, v12.2d}, [x1]; "
      "ld1 {v13.2d, v14.2d, v15.2d}, [x8]; ld1 {v16.2d, v17.2d, v18.2d, v19.2d}, [sp]; "
      "ld1 {v31.2d, v0.2d}, [x0]",
      WORDS(0x4c407c0a, 0x4c40ac2b, 0x4c406d0d, 0x4c402ff0, 0x4c40ac1f, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            V(10, 0x3093f659bc1f82e5, 0x187bde41a4076acd),
            V(11, 0xb71a7de043a6096c, 0x9f0265c82b8ef154),
            V(12, 0x87ea4db01376d93c, 0x6fd23598fb5ec124),
            V(13, 0x90f356b91c7fe245, 0x78db3ea10467ca2d),
            V(14, 0x60c32689ec4fb215, 0x48ab0e71d4379afd),
            V(15, 0x3093f659bc1f82e5, 0x187bde41a4076acd),
            V(16, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            V(17, 0xd03396f95cbf2285, 0xb81b7ee144a70a6d),
            V(18, 0xa00366c92c8ff255, 0x88eb4eb11477da3d),
            V(19, 0x70d33699fc5fc225, 0x58bb1e81e447aa0d),
            V(31, 0x3093f659bc1f82e5, 0x187bde41a4076acd)) },
    { "simd_st1_2d", false,
      "st1 {v1.2d}, [x8]; add x20, x8, #64; st1 {v2.2d, v3.2d}, [x20]; "
      "add x20, x8, #128; st1 {v4.2d, v5.2d, v6.2d}, [x20]; add x20, x8, #256; "
      "st1 {v30.2d, v31.2d, v0.2d, v1.2d}, [x20]; st1 {v7.2d}, [x1]",
      WORDS(0x4c007d01, 0x91010114, 0x4c00ae82, 0x91020114, 0x4c006e84, 0x91040114, 0x4c002e9e,
            0x4c007c27, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100), M(0x2003, "70717273747576e78f898d8c8b8a8918"),
            M(0x3000, "1011121314151627efefedecebeae9d8"),
            M(0x3040, "2021222324252647dfdcdddcdbdad9"),
            M(0x3050, "3031323334353667cfcdcdcccbcac998"),
            M(0x3080, "4041424344454687bfbabdbcbbbab97850515253545556a7afabadacabaaa958"),
            M(0x30a0, "60616263646566c79f989d9c9b9a9938"),
            M(0x3100, "e0e1e2e3e4e5e6c71f001d1c1b1a1938f0f1f2f3f4f5f6e70f110d0c0b0a0918"),
            M(0x3120, "0001020304050607fffefdfcfbfaf9f81011121314151627efefedecebeae9d8")) },
    { "simd_ldn_2d", false,
      "ld2 {v10.2d, v11.2d}, [x0]; ld3 {v12.2d, v13.2d, v14.2d}, [x1]; "
      "ld4 {v15.2d, v16.2d, v17.2d, v18.2d}, [x8]; "
      "ld4 {v30.2d, v31.2d, v0.2d, v1.2d}, [sp]",
      WORDS(0x4c408c0a, 0x4c404c2c, 0x4c400d0f, 0x4c400ffe, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(V(0, 0xd03396f95cbf2285, 0x70d33699fc5fc225),
            V(1, 0xb81b7ee144a70a6d, 0x58bb1e81e447aa0d),
            V(10, 0x3093f659bc1f82e5, 0x63c6298cef52b5),
            V(11, 0x187bde41a4076acd, 0xe84bae1174d73a9d),
            V(12, 0xb71a7de043a6096c, 0x6fd23598fb5ec124),
            V(13, 0x9f0265c82b8ef154, 0x57ba1d80e346a90c),
            V(14, 0x87ea4db01376d93c, 0x3fa20568cb2e91f4),
            V(15, 0x90f356b91c7fe245, 0x3093f659bc1f82e5),
            V(16, 0x78db3ea10467ca2d, 0x187bde41a4076acd),
            V(17, 0x60c32689ec4fb215, 0x63c6298cef52b5),
            V(18, 0x48ab0e71d4379afd, 0xe84bae1174d73a9d),
            V(30, 0x63c6298cef52b5, 0xa00366c92c8ff255),
            V(31, 0xe84bae1174d73a9d, 0x88eb4eb11477da3d)) },
    { "simd_stn_2d", false,
      "st2 {v1.2d, v2.2d}, [x8]; add x20, x8, #64; st3 {v3.2d, v4.2d, v5.2d}, [x20]; "
      "add x20, x8, #128; st4 {v6.2d, v7.2d, v8.2d, v9.2d}, [x20]; add x20, x8, #256; "
      "st4 {v30.2d, v31.2d, v0.2d, v1.2d}, [x20]; st2 {v29.2d, v30.2d}, [x1]",
      WORDS(0x4c008d01, 0x91010114, 0x4c004e83, 0x91020114, 0x4c000e86, 0x91040114, 0x4c000e9e,
            0x4c008c3d, 0xd4200000),
      .sig = 0, .pc = 0x20, .fault = 0x0,
      DIFFS(X(20, 0x1fff3100),
            M(0x2003, "d0d1d2d3d4d5d6a7e0e1e2e3e4e5e6c72f332d2c2b2a29581f001d1c1b1a1938"),
            M(0x3000, "10111213141516272021222324252647efefed"),
            M(0x3014, "ebeae9d8dfdcdddcdbdad9b8"),
            M(0x3040, "3031323334353667404142434445468750515253545556a7cfcdcdcccbcac998"),
            M(0x3060, "bfbabdbcbbbab978afabadacabaaa9"),
            M(0x3080, "60616263646566c770717273747576e780818283848586079091929394959627"),
            M(0x30a0, "9f989d9c9b9a99388f898d8c8b8a89187f767d7c7b7a79f86f676d6c6b6a69d8"),
            M(0x3100, "e0e1e2e3e4e5e6c7f0f1f2f3f4f5f6e700010203040506071011121314151627"),
            M(0x3120, "1f001d1c1b1a19380f110d0c0b0a0918fffefdfcfbfaf9f8efefedecebeae9d8")) },
    { "simd_post", false,
      "ld1 {v10.16b}, [x0], #16; ld2 {v11.8h, v12.8h}, [x0], x3; "
      "ld3 {v13.2s, v14.2s, v15.2s}, [x0], #24; "
      "ld4 {v16.4s, v17.4s, v18.4s, v19.4s}, [x0], x4; "
      "ld1 {v20.1d, v21.1d, v22.1d, v23.1d}, [x0], #32; "
      "ld1 {v24.2d, v25.2d, v26.2d}, [x0], #48; st1 {v1.8b, v2.8b}, [x8], #16; "
      "st4 {v3.8b, v4.8b, v5.8b, v6.8b}, [x8], x3; st2 {v7.2d, v8.2d}, [x8], #32; "
      "st3 {v9.16b, v10.16b, v11.16b}, [x8], #48; "
      "st1 {v12.4h, v13.4h, v14.4h, v15.4h}, [x8], x4; ld1 {v27.16b}, [sp], #16",
      WORDS(0x4cdf700a, 0x4cc3840b, 0x0cdf480d, 0x4cc40810, 0x0cdf2c14, 0x4cdf6c18, 0x0c9fa101,
            0x0c830103, 0x4c9f8d07, 0x4c9f4109, 0x0c84250c, 0x4cdf73fb, 0xd4200000),
      .sig = 0, .pc = 0x30, .fault = 0x0,
      DIFFS(X(0, 0x1fff107a), X(8, 0x1fff3062), X(31, 0x1fff8010),
            V(10, 0x3093f659bc1f82e5, 0x187bde41a4076acd),
            V(11, 0xae113a9dc62952b5, 0x7ee10a6d96f92285),
            V(12, 0xe84b74d700638cef, 0xb81b44a7d0335cbf), V(13, 0xf95cbf229d0063c6, 0x0),
            V(14, 0x6dd033961174d73a, 0x0), V(15, 0xe144a70a85e84bae, 0x0),
            V(16, 0x2588eb4e55b81b7e, 0xc5288beef558bb1e),
            V(17, 0x99fc5fc2c92c8ff2, 0x399cff6269cc2f92),
            V(18, 0xd70d3363da00366, 0xad1073d6dd40a306),
            V(19, 0x81e447aab11477da, 0x2184e74a51b4177a), V(20, 0xf255b81b7ee144a7, 0x0),
            V(21, 0xda3da00366c92c8f, 0x0), V(22, 0xc22588eb4eb11477, 0x0),
            V(23, 0xaa0d70d33699fc5f, 0x0), V(24, 0x92f558bb1e81e447, 0x7add40a30669cc2f),
            V(25, 0x62c5288bee51b417, 0x4aad1073d6399cff),
            V(26, 0x3295f85bbe2184e7, 0x1a7de043a6096ccf),
            V(27, 0x63c6298cef52b5, 0xe84bae1174d73a9d),
            M(0x3000, "10111213141516272021222324252647304050603170717273747576e7808182"),
            M(0x3020, "83848586078f898d8c8b8a89187f767d7c7b7a79f890e5b5918252921f2993bc"),
            M(0x3040, "c694599d95f63a9693112730ae6fcd85676a226d07f96ca4966b416d6ade0a69"),
            M(0x3060, "7be1d8187eef8c6300d7744be8c663009d22bf5cf93ad774119633d06dae4be8"),
            M(0x3080, "850aa744e1")) },
    { "simd_unalloc_ld2_1d", false,
      ".inst 0x0c408c0a",
      WORDS(0x0c408c0a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "simd_unalloc_opcode", false,
      ".inst 0x4c40100a",
      WORDS(0x4c40100a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "simd_lane_ld", false,
      "ld1 {v10.b}[15], [x0]; ld1 {v11.b}[0], [x1]; ld1 {v12.h}[3], [x0]; "
      "ld1 {v13.h}[7], [x1]; ld1 {v14.s}[1], [x0]; ld1 {v15.s}[3], [x1]; "
      "ld1 {v16.d}[1], [x0]; ld1 {v17.d}[0], [x1]; ld2 {v18.b, v19.b}[7], [x0]; "
      "ld2 {v20.h, v21.h}[4], [x1]; ld2 {v22.s, v23.s}[2], [x8]; "
      "ld2 {v24.d, v25.d}[1], [sp]; ld3 {v26.b, v27.b, v28.b}[9], [x0]; "
      "ld3 {v29.h, v30.h, v31.h}[5], [x1]; ld3 {v0.s, v1.s, v2.s}[3], [x8]; "
      "ld3 {v3.d, v4.d, v5.d}[0], [x0]",
      WORDS(0x4d401c0a, 0x0d40002b, 0x0d40580c, 0x4d40582d, 0x0d40900e, 0x4d40902f, 0x4d408410,
            0x0d408431, 0x0d601c12, 0x4d604034, 0x4d608116, 0x4d6087f8, 0x4d40241a, 0x4d40683d,
            0x4d40b100, 0x0d40a403, 0xd4200000),
      .sig = 0, .pc = 0x40, .fault = 0x0,
      DIFFS(V(0, 0x706050403020100, 0x1c7fe245fcfdfeff),
            V(1, 0x2716151413121110, 0x90f356b9ecedefef),
            V(2, 0x4726252423222120, 0x467ca2ddcdddcdf),
            V(3, 0x3093f659bc1f82e5, 0x98c9cacbcccdcdcf),
            V(4, 0x187bde41a4076acd, 0x78b9babbbcbdbabf),
            V(5, 0x63c6298cef52b5, 0x58a9aaabacadabaf),
            V(10, 0x47a6a5a4a3a2a1a0, 0xe5595a5b5c5d545f),
            V(11, 0x67b6b5b4b3b2b16c, 0x98494a4b4c4d454f),
            V(12, 0x82e5c5c4c3c2c1c0, 0x78393a3b3c3d323f),
            V(13, 0xa7d6d5d4d3d2d1d0, 0x96c2a2b2c2d232f),
            V(14, 0xbc1f82e5e3e2e1e0, 0x38191a1b1c1d101f),
            V(15, 0xe7f6f5f4f3f2f1f0, 0x43a6096c0c0d010f),
            V(16, 0x706050403020100, 0x3093f659bc1f82e5),
            V(17, 0xb71a7de043a6096c, 0xd8e9eaebecedffef),
            V(18, 0xe526252423222120, 0xb8d9dadbdcddccdf),
            V(19, 0x8236353433323130, 0x98c9cacbcccdddcf),
            V(20, 0x8746454443424140, 0x78b9babbbcbd096c),
            V(21, 0xa756555453525150, 0x58a9aaabacad43a6),
            V(22, 0xc766656463626160, 0x38999a9b1c7fe245),
            V(23, 0xe776757473727170, 0x18898a8b90f356b9),
            V(24, 0x786858483828180, 0x63c6298cef52b5),
            V(25, 0x2796959493929190, 0xe84bae1174d73a9d),
            V(26, 0x47a6a5a4a3a2a1a0, 0xb8595a5b5c5de55f),
            V(27, 0x67b6b5b4b3b2b1b0, 0x98494a4b4c4d824f),
            V(28, 0x87c6c5c4c3c2c1c0, 0x78393a3b3c3d1f3f),
            V(29, 0xa7d6d5d4d3d2d1d0, 0x58292a2b096c332f),
            V(30, 0xc7e6e5e4e3e2e1e0, 0x38191a1b43a6001f),
            V(31, 0xe7f6f5f4f3f2f1f0, 0x18090a0b7de0110f)) },
    { "simd_lane_ld4", false,
      "ld4 {v10.b, v11.b, v12.b, v13.b}[13], [x0]; "
      "ld4 {v14.h, v15.h, v16.h, v17.h}[6], [x1]; "
      "ld4 {v18.s, v19.s, v20.s, v21.s}[0], [x8]; "
      "ld4 {v30.d, v31.d, v0.d, v1.d}[1], [sp]",
      WORDS(0x4d60340a, 0x4d60702e, 0x0d60a112, 0x4d60a7fe, 0xd4200000),
      .sig = 0, .pc = 0x10, .fault = 0x0,
      DIFFS(V(0, 0x706050403020100, 0xd03396f95cbf2285),
            V(1, 0x2716151413121110, 0xb81b7ee144a70a6d),
            V(10, 0x47a6a5a4a3a2a1a0, 0xb859e55b5c5d545f),
            V(11, 0x67b6b5b4b3b2b1b0, 0x9849824b4c4d454f),
            V(12, 0x87c6c5c4c3c2c1c0, 0x78391f3b3c3d323f),
            V(13, 0xa7d6d5d4d3d2d1d0, 0x5829bc2b2c2d232f),
            V(14, 0xc7e6e5e4e3e2e1e0, 0x3819096c1c1d101f),
            V(15, 0xe7f6f5f4f3f2f1f0, 0x180943a60c0d010f),
            V(16, 0x706050403020100, 0xf8f97de0fcfdeeff),
            V(17, 0x2716151413121110, 0xd8e9b71aecedffef),
            V(18, 0x472625241c7fe245, 0xb8d9dadbdcddccdf),
            V(19, 0x6736353490f356b9, 0x98c9cacbcccdddcf),
            V(20, 0x874645440467ca2d, 0x78b9babbbcbdaabf),
            V(21, 0xa756555478db3ea1, 0x58a9aaabacadbbaf),
            V(30, 0xc7e6e5e4e3e2e1e0, 0x63c6298cef52b5),
            V(31, 0xe7f6f5f4f3f2f1f0, 0xe84bae1174d73a9d)) },
    { "simd_lane_st", false,
      "st1 {v10.b}[15], [x8]; st1 {v11.h}[3], [x1]; add x20, x8, #16; "
      "st1 {v12.s}[2], [x20]; add x20, x8, #32; st1 {v13.d}[1], [x20]; add x20, x8, #48; "
      "st2 {v14.b, v15.b}[7], [x20]; add x20, x8, #64; st2 {v16.h, v17.h}[4], [x20]; "
      "add x20, x8, #80; st2 {v18.s, v19.s}[1], [x20]; add x20, x8, #96; "
      "st2 {v20.d, v21.d}[0], [x20]; add x20, x8, #128; "
      "st3 {v22.b, v23.b, v24.b}[11], [x20]; add x20, x8, #144; "
      "st3 {v25.h, v26.h, v27.h}[2], [x20]; add x20, x8, #160; "
      "st3 {v28.s, v29.s, v30.s}[3], [x20]; add x20, x8, #192; "
      "st3 {v31.d, v0.d, v1.d}[1], [x20]; add x20, x8, #256; "
      "st4 {v2.b, v3.b, v4.b, v5.b}[1], [x20]; add x20, x8, #272; "
      "st4 {v6.h, v7.h, v8.h, v9.h}[7], [x20]; add x20, x8, #304; "
      "st4 {v10.s, v11.s, v12.s, v13.s}[2], [x20]; add x20, x8, #352; "
      "st4 {v14.d, v15.d, v16.d, v17.d}[1], [x20]",
      WORDS(0x4d001d0a, 0x0d00582b, 0x91004114, 0x4d00828c, 0x91008114, 0x4d00868d, 0x9100c114,
            0x0d201e8e, 0x91010114, 0x4d204290, 0x91014114, 0x0d209292, 0x91018114, 0x0d208694,
            0x91020114, 0x4d002e96, 0x91024114, 0x0d007299, 0x91028114, 0x4d00b29c, 0x91030114,
            0x4d00a69f, 0x91040114, 0x0d202682, 0x91044114, 0x4d207a86, 0x9104c114, 0x4d20a28a,
            0x91058114, 0x4d20a68e, 0xd4200000),
      .sig = 0, .pc = 0x78, .fault = 0x0,
      DIFFS(X(20, 0x1fff3160), M(0x2003, "b667"), M(0x3000, "b8"), M(0x3010, "3f323d3c"),
            M(0x3020, "2f232d2c2b2a2958"), M(0x3030, "c7e7"), M(0x3040, "ffeeefff"),
            M(0x3050, "2425264734353667"), M(0x3060, "404142434445468750515253545556a7"),
            M(0x3080, "9c8c7c"), M(0x3090, "9495a4a5b4b5"),
            M(0x30a0, "3b3a39782b2a29581b1a1938"),
            M(0x30c0, "0f110d0c0b0a0918fffefdfcfbfaf9f8efefedecebeae9d8"),
            M(0x3100, "21314151"), M(0x3110, "9938891879f869d8"),
            M(0x3130, "5f545d5c4f454d4c3f323d3c2f232d2c"),
            M(0x3160, "1f101d1c1b1a19380f010d0c0b0a0918ffeefdfcfbfaf9f8efffedecebeae9d8")) },
    { "simd_lane_post", false,
      "ld1 {v10.b}[3], [x0], #1; ld2 {v11.h, v12.h}[1], [x0], x3; "
      "ld3 {v13.s, v14.s, v15.s}[1], [x0], #12; "
      "ld4 {v16.d, v17.d, v18.d, v19.d}[0], [x0], #32; st1 {v1.d}[1], [x8], #8; "
      "st2 {v2.b, v3.b}[9], [x8], x4; st3 {v4.h, v5.h, v6.h}[6], [x8], #6; "
      "st4 {v7.s, v8.s, v9.s, v10.s}[3], [x8], #16; ld1r {v20.4s}, [x0], #4; "
      "ld2r {v21.8b, v22.8b}, [x0], x3; ld3r {v23.1d, v24.1d, v25.1d}, [x0], #24; "
      "ld4r {v26.8h, v27.8h, v28.8h, v29.8h}, [x0], #8",
      WORDS(0x0ddf0c0a, 0x0de3480b, 0x0ddfb00d, 0x0dffa410, 0x4d9f8501, 0x4da40502, 0x4d9f7104,
            0x4dbfb107, 0x4ddfc814, 0x0de3c015, 0x0ddfec17, 0x4dffe41a, 0xd4200000),
      .sig = 0, .pc = 0x30, .fault = 0x0,
      DIFFS(X(0, 0x1fff105b), X(8, 0x1fff301b), V(10, 0x47a6a5a4e5a2a1a0, 0xb8595a5b5c5d545f),
            V(11, 0x67b6b5b41f82b1b0, 0x98494a4b4c4d454f),
            V(12, 0x87c6c5c459bcc1c0, 0x78393a3b3c3d323f),
            V(13, 0x6acd3093d3d2d1d0, 0x58292a2b2c2d232f),
            V(14, 0xde41a407e3e2e1e0, 0x38191a1b1c1d101f),
            V(15, 0x52b5187bf3f2f1f0, 0x18090a0b0c0d010f),
            V(16, 0x3a9d0063c6298cef, 0xf8f9fafbfcfdeeff),
            V(17, 0x2285e84bae1174d7, 0xd8e9eaebecedffef),
            V(18, 0xa6dd03396f95cbf, 0xb8d9dadbdcddccdf),
            V(19, 0xf255b81b7ee144a7, 0x98c9cacbcccdddcf),
            V(20, 0x66c92c8f66c92c8f, 0x66c92c8f66c92c8f), V(21, 0x303030303030303, 0x0),
            V(22, 0xa0a0a0a0a0a0a0a0, 0x0), V(23, 0x5fc22588eb4eb114, 0x0),
            V(24, 0x47aa0d70d33699fc, 0x0), V(25, 0x2f92f558bb1e81e4, 0x0),
            V(26, 0x69cc69cc69cc69cc, 0x69cc69cc69cc69cc),
            V(27, 0xa306a306a306a306, 0xa306a306a306a306),
            V(28, 0xdd40dd40dd40dd40, 0xdd40dd40dd40dd40),
            V(29, 0x177a177a177a177a, 0x177a177a177a177a),
            M(0x3000, "efefedecebbbbaabaa9b9a8b8a89187b7a79f86b6a69d85b5a59b8")) },
    { "simd_ldr_8b", false,
      "ld1r {v10.8b}, [x0]; ld2r {v11.8b, v12.8b}, [x1]; "
      "ld3r {v13.8b, v14.8b, v15.8b}, [x8]; ld4r {v16.8b, v17.8b, v18.8b, v19.8b}, [sp]; "
      "ld4r {v30.8b, v31.8b, v0.8b, v1.8b}, [x0]",
      WORDS(0x0d40c00a, 0x0d60c02b, 0x0d40e10d, 0x0d60e3f0, 0x0d60e01e, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x1f1f1f1f1f1f1f1f, 0x0), V(1, 0xbcbcbcbcbcbcbcbc, 0x0),
            V(10, 0xe5e5e5e5e5e5e5e5, 0x0), V(11, 0x6c6c6c6c6c6c6c6c, 0x0),
            V(12, 0x909090909090909, 0x0), V(13, 0x4545454545454545, 0x0),
            V(14, 0xe2e2e2e2e2e2e2e2, 0x0), V(15, 0x7f7f7f7f7f7f7f7f, 0x0),
            V(16, 0xb5b5b5b5b5b5b5b5, 0x0), V(17, 0x5252525252525252, 0x0),
            V(18, 0xefefefefefefefef, 0x0), V(19, 0x8c8c8c8c8c8c8c8c, 0x0),
            V(30, 0xe5e5e5e5e5e5e5e5, 0x0), V(31, 0x8282828282828282, 0x0)) },
    { "simd_ldr_16b", false,
      "ld1r {v10.16b}, [x0]; ld2r {v11.16b, v12.16b}, [x1]; "
      "ld3r {v13.16b, v14.16b, v15.16b}, [x8]; "
      "ld4r {v16.16b, v17.16b, v18.16b, v19.16b}, [sp]; "
      "ld4r {v30.16b, v31.16b, v0.16b, v1.16b}, [x0]",
      WORDS(0x4d40c00a, 0x4d60c02b, 0x4d40e10d, 0x4d60e3f0, 0x4d60e01e, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x1f1f1f1f1f1f1f1f, 0x1f1f1f1f1f1f1f1f),
            V(1, 0xbcbcbcbcbcbcbcbc, 0xbcbcbcbcbcbcbcbc),
            V(10, 0xe5e5e5e5e5e5e5e5, 0xe5e5e5e5e5e5e5e5),
            V(11, 0x6c6c6c6c6c6c6c6c, 0x6c6c6c6c6c6c6c6c),
            V(12, 0x909090909090909, 0x909090909090909),
            V(13, 0x4545454545454545, 0x4545454545454545),
            V(14, 0xe2e2e2e2e2e2e2e2, 0xe2e2e2e2e2e2e2e2),
            V(15, 0x7f7f7f7f7f7f7f7f, 0x7f7f7f7f7f7f7f7f),
            V(16, 0xb5b5b5b5b5b5b5b5, 0xb5b5b5b5b5b5b5b5),
            V(17, 0x5252525252525252, 0x5252525252525252),
            V(18, 0xefefefefefefefef, 0xefefefefefefefef),
            V(19, 0x8c8c8c8c8c8c8c8c, 0x8c8c8c8c8c8c8c8c),
            V(30, 0xe5e5e5e5e5e5e5e5, 0xe5e5e5e5e5e5e5e5),
            V(31, 0x8282828282828282, 0x8282828282828282)) },
    { "simd_ldr_4h", false,
      "ld1r {v10.4h}, [x0]; ld2r {v11.4h, v12.4h}, [x1]; "
      "ld3r {v13.4h, v14.4h, v15.4h}, [x8]; ld4r {v16.4h, v17.4h, v18.4h, v19.4h}, [sp]; "
      "ld4r {v30.4h, v31.4h, v0.4h, v1.4h}, [x0]",
      WORDS(0x0d40c40a, 0x0d60c42b, 0x0d40e50d, 0x0d60e7f0, 0x0d60e41e, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0xf659f659f659f659, 0x0), V(1, 0x3093309330933093, 0x0),
            V(10, 0x82e582e582e582e5, 0x0), V(11, 0x96c096c096c096c, 0x0),
            V(12, 0x43a643a643a643a6, 0x0), V(13, 0xe245e245e245e245, 0x0),
            V(14, 0x1c7f1c7f1c7f1c7f, 0x0), V(15, 0x56b956b956b956b9, 0x0),
            V(16, 0x52b552b552b552b5, 0x0), V(17, 0x8cef8cef8cef8cef, 0x0),
            V(18, 0xc629c629c629c629, 0x0), V(19, 0x63006300630063, 0x0),
            V(30, 0x82e582e582e582e5, 0x0), V(31, 0xbc1fbc1fbc1fbc1f, 0x0)) },
    { "simd_ldr_8h", false,
      "ld1r {v10.8h}, [x0]; ld2r {v11.8h, v12.8h}, [x1]; "
      "ld3r {v13.8h, v14.8h, v15.8h}, [x8]; ld4r {v16.8h, v17.8h, v18.8h, v19.8h}, [sp]; "
      "ld4r {v30.8h, v31.8h, v0.8h, v1.8h}, [x0]",
      WORDS(0x4d40c40a, 0x4d60c42b, 0x4d40e50d, 0x4d60e7f0, 0x4d60e41e, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0xf659f659f659f659, 0xf659f659f659f659),
            V(1, 0x3093309330933093, 0x3093309330933093),
            V(10, 0x82e582e582e582e5, 0x82e582e582e582e5),
            V(11, 0x96c096c096c096c, 0x96c096c096c096c),
            V(12, 0x43a643a643a643a6, 0x43a643a643a643a6),
            V(13, 0xe245e245e245e245, 0xe245e245e245e245),
            V(14, 0x1c7f1c7f1c7f1c7f, 0x1c7f1c7f1c7f1c7f),
            V(15, 0x56b956b956b956b9, 0x56b956b956b956b9),
            V(16, 0x52b552b552b552b5, 0x52b552b552b552b5),
            V(17, 0x8cef8cef8cef8cef, 0x8cef8cef8cef8cef),
            V(18, 0xc629c629c629c629, 0xc629c629c629c629),
            V(19, 0x63006300630063, 0x63006300630063),
            V(30, 0x82e582e582e582e5, 0x82e582e582e582e5),
            V(31, 0xbc1fbc1fbc1fbc1f, 0xbc1fbc1fbc1fbc1f)) },
    { "simd_ldr_2s", false,
      "ld1r {v10.2s}, [x0]; ld2r {v11.2s, v12.2s}, [x1]; "
      "ld3r {v13.2s, v14.2s, v15.2s}, [x8]; ld4r {v16.2s, v17.2s, v18.2s, v19.2s}, [sp]; "
      "ld4r {v30.2s, v31.2s, v0.2s, v1.2s}, [x0]",
      WORDS(0x0d40c80a, 0x0d60c82b, 0x0d40e90d, 0x0d60ebf0, 0x0d60e81e, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0xa4076acda4076acd, 0x0), V(1, 0x187bde41187bde41, 0x0),
            V(10, 0xbc1f82e5bc1f82e5, 0x0), V(11, 0x43a6096c43a6096c, 0x0),
            V(12, 0xb71a7de0b71a7de0, 0x0), V(13, 0x1c7fe2451c7fe245, 0x0),
            V(14, 0x90f356b990f356b9, 0x0), V(15, 0x467ca2d0467ca2d, 0x0),
            V(16, 0x8cef52b58cef52b5, 0x0), V(17, 0x63c6290063c629, 0x0),
            V(18, 0x74d73a9d74d73a9d, 0x0), V(19, 0xe84bae11e84bae11, 0x0),
            V(30, 0xbc1f82e5bc1f82e5, 0x0), V(31, 0x3093f6593093f659, 0x0)) },
    { "simd_ldr_4s", false,
      "ld1r {v10.4s}, [x0]; ld2r {v11.4s, v12.4s}, [x1]; "
      "ld3r {v13.4s, v14.4s, v15.4s}, [x8]; ld4r {v16.4s, v17.4s, v18.4s, v19.4s}, [sp]; "
      "ld4r {v30.4s, v31.4s, v0.4s, v1.4s}, [x0]",
      WORDS(0x4d40c80a, 0x4d60c82b, 0x4d40e90d, 0x4d60ebf0, 0x4d60e81e, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0xa4076acda4076acd, 0xa4076acda4076acd),
            V(1, 0x187bde41187bde41, 0x187bde41187bde41),
            V(10, 0xbc1f82e5bc1f82e5, 0xbc1f82e5bc1f82e5),
            V(11, 0x43a6096c43a6096c, 0x43a6096c43a6096c),
            V(12, 0xb71a7de0b71a7de0, 0xb71a7de0b71a7de0),
            V(13, 0x1c7fe2451c7fe245, 0x1c7fe2451c7fe245),
            V(14, 0x90f356b990f356b9, 0x90f356b990f356b9),
            V(15, 0x467ca2d0467ca2d, 0x467ca2d0467ca2d),
            V(16, 0x8cef52b58cef52b5, 0x8cef52b58cef52b5),
            V(17, 0x63c6290063c629, 0x63c6290063c629),
            V(18, 0x74d73a9d74d73a9d, 0x74d73a9d74d73a9d),
            V(19, 0xe84bae11e84bae11, 0xe84bae11e84bae11),
            V(30, 0xbc1f82e5bc1f82e5, 0xbc1f82e5bc1f82e5),
            V(31, 0x3093f6593093f659, 0x3093f6593093f659)) },
    { "simd_ldr_1d", false,
      "ld1r {v10.1d}, [x0]; ld2r {v11.1d, v12.1d}, [x1]; "
      "ld3r {v13.1d, v14.1d, v15.1d}, [x8]; ld4r {v16.1d, v17.1d, v18.1d, v19.1d}, [sp]; "
      "ld4r {v30.1d, v31.1d, v0.1d, v1.1d}, [x0]",
      WORDS(0x0d40cc0a, 0x0d60cc2b, 0x0d40ed0d, 0x0d60eff0, 0x0d60ec1e, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x63c6298cef52b5, 0x0), V(1, 0xe84bae1174d73a9d, 0x0),
            V(10, 0x3093f659bc1f82e5, 0x0), V(11, 0xb71a7de043a6096c, 0x0),
            V(12, 0x9f0265c82b8ef154, 0x0), V(13, 0x90f356b91c7fe245, 0x0),
            V(14, 0x78db3ea10467ca2d, 0x0), V(15, 0x60c32689ec4fb215, 0x0),
            V(16, 0x63c6298cef52b5, 0x0), V(17, 0xe84bae1174d73a9d, 0x0),
            V(18, 0xd03396f95cbf2285, 0x0), V(19, 0xb81b7ee144a70a6d, 0x0),
            V(30, 0x3093f659bc1f82e5, 0x0), V(31, 0x187bde41a4076acd, 0x0)) },
    { "simd_ldr_2d", false,
      "ld1r {v10.2d}, [x0]; ld2r {v11.2d, v12.2d}, [x1]; "
      "ld3r {v13.2d, v14.2d, v15.2d}, [x8]; ld4r {v16.2d, v17.2d, v18.2d, v19.2d}, [sp]; "
      "ld4r {v30.2d, v31.2d, v0.2d, v1.2d}, [x0]",
      WORDS(0x4d40cc0a, 0x4d60cc2b, 0x4d40ed0d, 0x4d60eff0, 0x4d60ec1e, 0xd4200000),
      .sig = 0, .pc = 0x14, .fault = 0x0,
      DIFFS(V(0, 0x63c6298cef52b5, 0x63c6298cef52b5),
            V(1, 0xe84bae1174d73a9d, 0xe84bae1174d73a9d),
            V(10, 0x3093f659bc1f82e5, 0x3093f659bc1f82e5),
            V(11, 0xb71a7de043a6096c, 0xb71a7de043a6096c),
            V(12, 0x9f0265c82b8ef154, 0x9f0265c82b8ef154),
            V(13, 0x90f356b91c7fe245, 0x90f356b91c7fe245),
            V(14, 0x78db3ea10467ca2d, 0x78db3ea10467ca2d),
            V(15, 0x60c32689ec4fb215, 0x60c32689ec4fb215),
            V(16, 0x63c6298cef52b5, 0x63c6298cef52b5),
            V(17, 0xe84bae1174d73a9d, 0xe84bae1174d73a9d),
            V(18, 0xd03396f95cbf2285, 0xd03396f95cbf2285),
            V(19, 0xb81b7ee144a70a6d, 0xb81b7ee144a70a6d),
            V(30, 0x3093f659bc1f82e5, 0x3093f659bc1f82e5),
            V(31, 0x187bde41a4076acd, 0x187bde41a4076acd)) },
    { "simd_unalloc_st1r", false,
      ".inst 0x0d00c00a",
      WORDS(0x0d00c00a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "simd_unalloc_lane_h_odd", false,
      ".inst 0x0d40440a",
      WORDS(0x0d40440a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "simd_unalloc_lane_d_s", false,
      ".inst 0x0d40940a",
      WORDS(0x0d40940a, 0xd4200000),
      .sig = 4, .pc = 0x0, .fault = 0x1ffe0000,
      NODIFFS },
    { "fault_ldr", false,
      "mov x10, #1; ldr x11, [x9, #8]",
      WORDS(0xd280002a, 0xf940052b, 0xd4200000),
      .sig = 11, .pc = 0x4, .fault = 0x20000000,
      DIFFS(X(10, 0x1)) },
    { "fault_ldr_pre", false,
      "ldr x11, [x9, #8]!",
      WORDS(0xf8408d2b, 0xd4200000),
      .sig = 11, .pc = 0x0, .fault = 0x20000000,
      NODIFFS },
    { "fault_ldr_post", false,
      "ldr x9, [x9], #8; ldr x11, [x9], #8",
      WORDS(0xf8408529, 0xf840852b, 0xd4200000),
      .sig = 11, .pc = 0x4, .fault = 0x20000000,
      DIFFS(X(9, 0x20000000)) },
    { "fault_ldp", false,
      "ldp x10, x11, [x9]",
      WORDS(0xa9402d2a, 0xd4200000),
      .sig = 11, .pc = 0x0, .fault = 0x20000000,
      NODIFFS },
    { "fault_ldp_post", false,
      "ldp x10, x9, [x9], #16",
      WORDS(0xa8c1252a, 0xd4200000),
      .sig = 11, .pc = 0x0, .fault = 0x20000000,
      NODIFFS },
    { "fault_ldp_q", false,
      "sub x12, x9, #8; ldp q10, q11, [x12]",
      WORDS(0xd100212c, 0xad402d8a, 0xd4200000),
      .sig = 11, .pc = 0x4, .fault = 0x20000000,
      DIFFS(X(12, 0x1ffffff0)) },
    { "fault_ldr_q", false,
      "ldr q10, [x9]",
      WORDS(0x3dc0012a, 0xd4200000),
      .sig = 11, .pc = 0x0, .fault = 0x20000000,
      NODIFFS },
    { "fault_stp", false,
      "stp x2, x5, [x9]",
      WORDS(0xa9001522, 0xd4200000),
      .sig = 11, .pc = 0x0, .fault = 0x20000000,
      DIFFS(M(0xfff8, "efcdab8967452301")) },
    { "fault_stp_pre", false,
      "stp x2, x5, [x9, #-8]!; stp x2, x5, [x9, #8]!",
      WORDS(0xa9bf9522, 0xa9809522, 0xd4200000),
      .sig = 11, .pc = 0x4, .fault = 0x20000000,
      DIFFS(X(9, 0x1ffffff0), M(0xfff0, "efcdab8967452301efcdab8967452301")) },
    { "fault_str_q", false,
      "str q3, [x9]",
      WORDS(0x3d800123, 0xd4200000),
      .sig = 11, .pc = 0x0, .fault = 0x20000000,
      DIFFS(M(0xfff8, "3031323334353667")) },
    { "fault_ld1", false,
      "ld1 {v10.16b, v11.16b}, [x9]",
      WORDS(0x4c40a12a, 0xd4200000),
      .sig = 11, .pc = 0x0, .fault = 0x20000000,
      NODIFFS },
    { "fault_ld4", false,
      "sub x12, x9, #48; ld4 {v10.16b, v11.16b, v12.16b, v13.16b}, [x12], #64",
      WORDS(0xd100c12c, 0x4cdf018a, 0xd4200000),
      .sig = 11, .pc = 0x4, .fault = 0x20000000,
      DIFFS(X(12, 0x1fffffc8)) },
    { "fault_ld4r", false,
      "add x12, x9, #4; ld4r {v10.2s, v11.2s, v12.2s, v13.2s}, [x12], #16",
      WORDS(0x9100112c, 0x0dffe98a, 0xd4200000),
      .sig = 11, .pc = 0x4, .fault = 0x20000000,
      DIFFS(X(12, 0x1ffffffc)) },
    { "fault_ld3_lane", false,
      "add x12, x9, #4; ld3 {v10.s, v11.s, v12.s}[1], [x12], #12",
      WORDS(0x9100112c, 0x0ddfb18a, 0xd4200000),
      .sig = 11, .pc = 0x4, .fault = 0x20000000,
      DIFFS(X(12, 0x1ffffffc)) },
    { "fault_st1", false,
      "st1 {v1.2d, v2.2d}, [x9], #32",
      WORDS(0x4c9fad21, 0xd4200000),
      .sig = 11, .pc = 0x0, .fault = 0x20000000,
      DIFFS(M(0xfff8, "1011121314151627")) },
    { "fault_ldxp", false,
      "add x12, x9, #8; ldxp x10, x11, [x12]",
      WORDS(0x9100212c, 0xc87f2d8a, 0xd4200000),
      .sig = 11, .pc = 0x4, .fault = 0x20000000,
      DIFFS(X(12, 0x20000000)) },
    { "fault_cas", true,
      "mov x10, #3; cas x10, x2, [x9, #0]; add x12, x9, #8; cas x10, x2, [x12]",
      WORDS(0xd280006a, 0xc8aa7d22, 0x9100212c, 0xc8aa7d82, 0xd4200000),
      .sig = 11, .pc = 0xc, .fault = 0x20000000,
      DIFFS(X(10, 0x5dc02386e94caf12), X(12, 0x20000000)) },
    { "fault_ldadd", true,
      "add x12, x9, #8; ldadd x2, x10, [x12]",
      WORDS(0x9100212c, 0xf822018a, 0xd4200000),
      .sig = 11, .pc = 0x4, .fault = 0x20000000,
      DIFFS(X(12, 0x20000000)) },
    { "fault_casp", true,
      "add x12, x9, #8; casp x10, x11, x2, x3, [x12]",
      WORDS(0x9100212c, 0x482a7d82, 0xd4200000),
      .sig = 11, .pc = 0x4, .fault = 0x20000000,
      DIFFS(X(12, 0x20000000)) },
    { "fault_tagged_high", false,
      "movz x13, #0x0100, lsl #32; ldr x10, [x13]",
      WORDS(0xd2c0200d, 0xf94001aa, 0xd4200000),
      .sig = 11, .pc = 0x4, .fault = 0x10000000000,
      DIFFS(X(13, 0x10000000000)) },
};
/* END GENERATED */

/* ---- the harness ---- */

static uint8_t *host_mem;       /* guest [CODE_ADDR, TOP_ADDR) */
static ARMCPU *cpu_a57, *cpu_max;
static ARMCPUModel max_model;

#define G2H(a) (host_mem + ((a) - CODE_ADDR))

static bool test_code_fetch(uint64_t addr, void *dst, size_t len)
{
    if (addr < CODE_ADDR || addr + len > DATA_ADDR) {
        return false;
    }
    memcpy(dst, G2H(addr), len);
    return true;
}

static void harness_init(void)
{
    if (host_mem) {
        return;
    }
    host_mem = mmap(NULL, TOP_ADDR - CODE_ADDR, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(host_mem != MAP_FAILED);
    guest_base = (uintptr_t)host_mem - CODE_ADDR;
    guest_addr_bits = 29;
    guest_top_byte_ignore = true;
    tb_cache_init(16 << 20, &tcg_backend_interp);
    const ARMCPUModel *a57 = arm_cpu_model_find("cortex-a57");
    assert_non_null(a57);
    cpu_a57 = aarch64_cpu_create(a57);
    max_model = *a57;
    max_model.id_aa64isar0 |= 2ull << 20;   /* Atomic: LSE */
    max_model.id_aa64isar1 |= 2ull << 20;   /* LRCPC: LDAPR, LDAPUR */
    max_model.id_aa64mmfr1 |= 1ull << 16;   /* LO: LDLAR, STLLR */
    cpu_max = aarch64_cpu_create(&max_model);
}

/* The state a run ends in, in qemu's terms. */
typedef struct State {
    int sig;
    uint32_t pc;
    uint64_t fault;
    uint64_t x[32];
    unsigned nzcv;
    uint64_t v[32][2];
    uint8_t mem[DATA_SIZE];
} State;

static void initial_state(State *st)
{
    memset(st, 0, sizeof(*st));
    for (int i = 0; i < 32; i++) {
        st->x[i] = init_xreg(i);
        init_vreg(i, &st->v[i][0], &st->v[i][1]);
    }
    for (unsigned i = 0; i < DATA_SIZE; i++) {
        st->mem[i] = init_byte(i);
    }
}

static unsigned hexval(char c)
{
    return c <= '9' ? c - '0' : c - 'a' + 10;
}

static void expected_state(const Snippet *sn, State *st)
{
    initial_state(st);
    st->sig = sn->sig;
    st->pc = sn->pc;
    st->fault = sn->fault;
    for (unsigned i = 0; i < sn->ndiffs; i++) {
        const Diff *d = &sn->diffs[i];
        switch (d->kind) {
        case D_X:
            st->x[d->idx] = d->a;
            break;
        case D_F:
            st->nzcv = d->a;
            break;
        case D_V:
            st->v[d->idx][0] = d->a;
            st->v[d->idx][1] = d->b;
            break;
        case D_M:
            for (unsigned k = 0; d->bytes[2 * k]; k++) {
                st->mem[d->idx + k] = hexval(d->bytes[2 * k]) << 4 | hexval(d->bytes[2 * k + 1]);
            }
            break;
        }
    }
}

static void run_snippet(const Snippet *sn, State *st)
{
    harness_init();
    ARMCPU *cpu = sn->max ? cpu_max : cpu_a57;
    CPUARMState *env = &cpu->env;
    State init;
    initial_state(&init);

    memset(G2H(CODE_ADDR), 0, DATA_ADDR - CODE_ADDR);
    memcpy(G2H(CODE_ADDR), sn->words, sn->nwords * sizeof(uint32_t));
    tb_invalidate_range(CODE_ADDR, DATA_ADDR);
    memcpy(G2H(DATA_ADDR), init.mem, DATA_SIZE);
    memcpy(env->xregs, init.x, sizeof(env->xregs));
    memcpy(env->vregs, init.v, sizeof(env->vregs));
    aarch64_set_nzcv(env, 0);
    env->exclusive_addr = -1;
    env->pc = CODE_ADDR;

    int excp = cpu_exec(&cpu->parent);
    memset(st, 0, sizeof(*st));
    st->pc = env->pc - CODE_ADDR;
    switch (excp) {
    case EXCP_BRK: st->sig = 0; break;
    case EXCP_UDEF: st->sig = 4; st->fault = env->pc; break;          /* SIGILL */
    case EXCP_MEM_UNALIGNED: st->sig = 7; st->fault = cpu->parent.exception_addr; break;
    case EXCP_MEM_FAULT: st->sig = 11; st->fault = cpu->parent.exception_addr; break;
    default: st->sig = 1000 + excp; break;
    }
    memcpy(st->x, env->xregs, sizeof(st->x));
    st->nzcv = aarch64_get_nzcv(env) >> 28;
    memcpy(st->v, env->vregs, sizeof(st->v));
    memcpy(st->mem, G2H(DATA_ADDR), DATA_SIZE);
}

/* Compares, printing every difference; returns the number found. */
static int compare(const Snippet *sn, const State *got, const State *want)
{
    int bad = 0;
#define REPORT(...) do { if (!bad++) print_message("FAIL %s: %s\n", sn->name, sn->asm_text); \
                         print_message("    " __VA_ARGS__); } while (0)
    if (got->sig != want->sig || got->pc != want->pc || got->fault != want->fault) {
        REPORT("stop: sig %d pc +%#x fault %#llx, want sig %d pc +%#x fault %#llx\n",
               got->sig, got->pc, (unsigned long long)got->fault, want->sig, want->pc,
               (unsigned long long)want->fault);
    }
    for (int i = 0; i < 32; i++) {
        if (got->x[i] != want->x[i]) {
            REPORT("x%d = %#llx, want %#llx\n", i, (unsigned long long)got->x[i],
                   (unsigned long long)want->x[i]);
        }
    }
    if (got->nzcv != want->nzcv) {
        REPORT("nzcv = %x, want %x\n", got->nzcv, want->nzcv);
    }
    for (int i = 0; i < 32; i++) {
        if (got->v[i][0] != want->v[i][0] || got->v[i][1] != want->v[i][1]) {
            REPORT("v%d = %016llx:%016llx, want %016llx:%016llx\n", i,
                   (unsigned long long)got->v[i][1], (unsigned long long)got->v[i][0],
                   (unsigned long long)want->v[i][1], (unsigned long long)want->v[i][0]);
        }
    }
    for (unsigned i = 0; i < DATA_SIZE; i++) {
        if (got->mem[i] != want->mem[i]) {
            REPORT("mem[+%#x] = %02x, want %02x\n", i, got->mem[i], want->mem[i]);
        }
    }
#undef REPORT
    return bad;
}

/* Runs every snippet whose name starts with prefix. */
static void run_group(const char *prefix)
{
    static State got, want;
    int failed = 0, ran = 0;
    for (size_t i = 0; i < sizeof(snippets) / sizeof(snippets[0]); i++) {
        const Snippet *sn = &snippets[i];
        if (strncmp(sn->name, prefix, strlen(prefix))) {
            continue;
        }
        run_snippet(sn, &got);
        expected_state(sn, &want);
        failed += compare(sn, &got, &want) != 0;
        ran++;
    }
    assert_true(ran > 0);
    if (failed) {
        fail_msg("%d of %d %s* snippets differ from qemu", failed, ran, prefix);
    }
}

static void test_int(void **state) { run_group("int_"); }
static void test_literal(void **state) { run_group("lit_"); }
static void test_fp(void **state) { run_group("fp_"); }
static void test_pair(void **state) { run_group("pair_"); }
static void test_exclusive(void **state) { run_group("excl_"); }
static void test_ordered(void **state) { run_group("ord_"); }
static void test_lse(void **state) { run_group("lse_"); }
static void test_simd(void **state) { run_group("simd_"); }
static void test_fault(void **state) { run_group("fault_"); }

/* ---- atomicity across threads ---- */

/* Two host threads, each a guest CPU, add 1 to one counter many times,
 * with an LDAXR/STLXR retry loop or with LDADD: no increment may be lost.
 * Each thread has its own code page-offset so both run concurrently. */
#define THREAD_ITERS 20000

typedef struct ThreadArg {
    ARMCPU *cpu;
    uint64_t pc;
    int excp;
} ThreadArg;

static void *thread_main(void *p)
{
    ThreadArg *t = p;
    CPUARMState *env = &t->cpu->env;
    memset(env->xregs, 0, sizeof(env->xregs));
    env->xregs[0] = DATA_ADDR;          /* the counter */
    env->xregs[1] = THREAD_ITERS;
    env->exclusive_addr = -1;
    env->pc = t->pc;
    do {
        t->excp = cpu_exec(&t->cpu->parent);
    } while (t->excp == EXCP_INTERRUPT);
    return NULL;
}

static void run_threads(const uint32_t *code, unsigned n, bool lse)
{
    harness_init();
    memset(G2H(CODE_ADDR), 0, DATA_ADDR - CODE_ADDR);
    memcpy(G2H(CODE_ADDR), code, n * sizeof(uint32_t));
    tb_invalidate_range(CODE_ADDR, DATA_ADDR);
    memset(G2H(DATA_ADDR), 0, 8);
    ARMCPU *cpus[2];
    for (int i = 0; i < 2; i++) {
        cpus[i] = aarch64_cpu_create(lse ? &max_model : arm_cpu_model_find("cortex-a57"));
    }
    ThreadArg args[2] = { { cpus[0], CODE_ADDR, 0 }, { cpus[1], CODE_ADDR, 0 } };
    pthread_t th[2];
    for (int i = 0; i < 2; i++) {
        assert_int_equal(pthread_create(&th[i], NULL, thread_main, &args[i]), 0);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(args[i].excp, EXCP_BRK);
    }
    uint64_t counter;
    memcpy(&counter, G2H(DATA_ADDR), 8);
    assert_int_equal(counter, 2 * THREAD_ITERS);
}

static void test_threads_exclusive(void **state)
{
    static const uint32_t code[] = {
        0xc85ffc02,     /* 1: ldaxr x2, [x0]      */
        0x91000442,     /*    add x2, x2, #1      */
        0xc803fc02,     /*    stlxr w3, x2, [x0]  */
        0x35ffffa3,     /*    cbnz w3, 1b         */
        0xf1000421,     /*    subs x1, x1, #1     */
        0x54ffff61,     /*    b.ne 1b             */
        0xd4200000,     /*    brk #0              */
    };
    run_threads(code, sizeof(code) / 4, false);
}

static void test_threads_lse(void **state)
{
    static const uint32_t code[] = {
        0xd2800022,     /*    mov x2, #1            */
        0xf8e20003,     /* 1: ldaddal x2, x3, [x0]  */
        0xf1000421,     /*    subs x1, x1, #1       */
        0x54ffffc1,     /*    b.ne 1b               */
        0xd4200000,     /*    brk #0                */
    };
    run_threads(code, sizeof(code) / 4, true);
}

int main(void)
{
    guest_code_fetch = test_code_fetch;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int),
        cmocka_unit_test(test_literal),
        cmocka_unit_test(test_fp),
        cmocka_unit_test(test_pair),
        cmocka_unit_test(test_exclusive),
        cmocka_unit_test(test_ordered),
        cmocka_unit_test(test_lse),
        cmocka_unit_test(test_simd),
        cmocka_unit_test(test_fault),
        cmocka_unit_test(test_threads_exclusive),
        cmocka_unit_test(test_threads_lse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
