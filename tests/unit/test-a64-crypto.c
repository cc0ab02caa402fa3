/*
 * Unit tests of the A64 cryptographic extension (a64-crypto.c,
 * helper-crypto.c): AESE/AESD/AESMC/AESIMC, SHA1*, SHA256*, PMULL/PMULL2.
 * Each case runs instruction words, then BRK, through the real translator,
 * optimizer, interpreter and execution loop.
 *
 * The expected values are not ours.  This file is also its own oracle:
 * built for AArch64 with -DCRYPTO_ORACLE it runs the very same cases
 * (same pseudo-random V0-V7, same register numbers) natively and prints
 * the tables between the BEGIN/END markers below:
 *
 *   aarch64-linux-gnu-gcc -static -march=armv8-a+crypto -DCRYPTO_ORACLE \
 *       tests/unit/test-a64-crypto.c -o /tmp/crypto-oracle
 *   qemu-aarch64 -cpu cortex-a57 /tmp/crypto-oracle
 *
 * (qemu-aarch64 7.2, -cpu cortex-a57, made the tables here).  Per
 * instruction, 256 cases are hashed (all of V0-V7 after each) and the
 * first four results kept for diagnostics.  On top of that, known-answer
 * tests chain the instructions into whole algorithms: AES-128 against
 * FIPS-197 appendix C.1 (and back with AESD/AESIMC), SHA-256("abc") and
 * SHA-1("abc") against FIPS 180-4's examples.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* ---- the cases: shared by the oracle and the test ---- */

#define NCASES 256

typedef struct CryptoInsn {
    const char *name;
    uint32_t base;           /* with Rd = Rn = Rm = 0 */
    bool has_rm;             /* bits 20:16 are Rm (else part of the opcode) */
} CryptoInsn;

static const CryptoInsn insns[] = {
    { "AESE", 0x4e284800, false },      { "AESD", 0x4e285800, false },
    { "AESMC", 0x4e286800, false },     { "AESIMC", 0x4e287800, false },
    { "SHA1C", 0x5e000000, true },      { "SHA1P", 0x5e001000, true },
    { "SHA1M", 0x5e002000, true },      { "SHA1SU0", 0x5e003000, true },
    { "SHA256H", 0x5e004000, true },    { "SHA256H2", 0x5e005000, true },
    { "SHA256SU1", 0x5e006000, true },  { "SHA1H", 0x5e280800, false },
    { "SHA1SU1", 0x5e281800, false },   { "SHA256SU0", 0x5e282800, false },
    { "PMULL.8H", 0x0e20e000, true },   { "PMULL2.8H", 0x4e20e000, true },
    { "PMULL.1Q", 0x0ee0e000, true },   { "PMULL2.1Q", 0x4ee0e000, true },
};
#define NINSNS (sizeof(insns) / sizeof(insns[0]))

/* Reserved encodings next to ours, and the later crypto extensions that a
 * Cortex-A57 lacks (SHA512, SHA3, SM3, SM4). */
static const uint32_t other_words[] = {
    0x4e684800, 0x4ea84800, 0x4ee84800,             /* AESE, size 01 10 11 */
    0x4e280800, 0x4e288800, 0x4e289800, 0x4e28f800, /* AES opcodes 0 8 9 1f */
    0x5e007000, 0x5e404000, 0x5ec00000,             /* SHA 3-reg opcode 7, size 01 11 */
    0x5e283800, 0x5e68a800, 0x5e28f800,             /* SHA 2-reg opcode 3 1f, size 01 */
    0x0e60e000, 0x4ea0e000,                         /* PMULL size 01, 10 */
    0x2e20e000,                                     /* U=1, opcode 1110 */
    0xce000000, 0xce200000, 0xce400000, 0xce600000, /* EOR3 BCAX SM3SS1 (reserved) */
    0xce408000, 0xce408c00,                         /* SM3TT1A, SM3TT2B */
    0xce608000, 0xce608400, 0xce608800, 0xce608c00, /* SHA512H H2 SU1, RAX1 */
    0xce60c000, 0xce60c400, 0xce60c800, 0xce60cc00, /* SM3PARTW1 W2, SM4EKEY (reserved) */
    0xce800000, 0xcec08000, 0xcec08400,             /* XAR, SHA512SU0, SM4E */
};
#define NOTHERS (sizeof(other_words) / sizeof(other_words[0]))

/* splitmix64 */
static uint64_t rng_state;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void rng_seed_for(uint32_t base)
{
    rng_state = 0x6372797074ull * (base + 1);
}

/* Fills V0-V7 (v[2r] low, v[2r+1] high half of Vr; one in eight all zeros,
 * one in eight all ones) and returns the word with random Rd, Rn, Rm in
 * 0-7, so that aliased operands come up too. */
static uint32_t make_case(uint32_t base, bool has_rm, uint64_t v[16])
{
    for (int r = 0; r < 8; r++) {
        unsigned k = rng_next() & 15;
        uint64_t lo = rng_next(), hi = rng_next();
        if (k == 0) {
            lo = hi = 0;
        } else if (k == 1) {
            lo = hi = ~0ull;
        }
        v[2 * r] = lo;
        v[2 * r + 1] = hi;
    }
    uint64_t x = rng_next();
    uint32_t rd = x & 7, rn = (x >> 8) & 7, rm = (x >> 16) & 7;
    return base | rd | rn << 5 | (has_rm ? rm << 16 : 0);
}

static uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 0x100000001b3ull;
    }
    return h;
}

/* Folds one case's outcome into the hash: UNDEF, then V0-V7. */
static uint64_t hash_case(uint64_t h, bool undef, const uint64_t v[16])
{
    uint8_t u = undef;
    h = fnv1a(h, &u, 1);
    return fnv1a(h, v, 16 * sizeof(uint64_t));
}

#define FNV_INIT 0xcbf29ce484222325ull

#ifdef CRYPTO_ORACLE

/* ---- the oracle: runs the cases natively (or under qemu-aarch64) ---- */

#include <signal.h>

void run_vec(const uint64_t *vin, uint64_t *vout, void *code);
__asm__(".global run_vec\n"
        "run_vec:\n"
        "  stp x29, x30, [sp, -16]!\n"
        "  ld1 {v0.2d-v3.2d}, [x0], #64\n"
        "  ld1 {v4.2d-v7.2d}, [x0]\n"
        "  blr x2\n"
        "  st1 {v0.2d-v3.2d}, [x1], #64\n"
        "  st1 {v4.2d-v7.2d}, [x1]\n"
        "  ldp x29, x30, [sp], 16\n"
        "  ret\n");

static sigjmp_buf ill_jmp;
static uint32_t *code;

static void on_sigill(int sig)
{
    (void)sig;
    siglongjmp(ill_jmp, 1);
}

/* Runs one word on V0-V7 = in; true if it was UNDEFINED (out = in). */
static bool run_word(uint32_t insn, const uint64_t in[16], uint64_t out[16])
{
    code[0] = insn;
    code[1] = 0xd65f03c0;   /* ret */
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    if (sigsetjmp(ill_jmp, 1)) {
        memcpy(out, in, 16 * sizeof(uint64_t));
        return true;
    }
    run_vec(in, out, code);
    return false;
}

int main(void)
{
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    signal(SIGILL, on_sigill);
    uint64_t in[16], out[16];
    /* the markers, split so that this source does not contain them */
    printf("/* BEGIN %s */\n", "RANDOM");
    for (size_t i = 0; i < NINSNS; i++) {
        rng_seed_for(insns[i].base);
        uint64_t h = FNV_INIT, sample[4][2];
        for (int c = 0; c < NCASES; c++) {
            uint32_t w = make_case(insns[i].base, insns[i].has_rm, in);
            h = hash_case(h, run_word(w, in, out), out);
            if (c < 4) {
                sample[c][0] = out[2 * (w & 7)];
                sample[c][1] = out[2 * (w & 7) + 1];
            }
        }
        printf("    { \"%s\", 0x%016llxull,\n", insns[i].name, (unsigned long long)h);
        for (int c = 0; c < 4; c++) {
            printf("%s{ 0x%016llxull, 0x%016llxull }%s\n", c ? "        " : "      { ",
                   (unsigned long long)sample[c][0], (unsigned long long)sample[c][1],
                   c < 3 ? "," : " } },");
        }
    }
    printf("/* END %s */\n/* BEGIN %s */\n   ", "RANDOM", "OTHERS");
    for (size_t i = 0; i < NOTHERS; i++) {
        make_case(0, false, in);
        printf(" %d,%s", run_word(other_words[i], in, out), i % 16 == 15 ? "\n   " : "");
    }
    printf("\n/* END %s */\n", "OTHERS");
    return 0;
}

#else /* the test */

#include <cmocka.h>

#include "target-arm/cpu.h"
#include "target-arm/translate-a64.h"
#include "tcg/disas.h"
#include "tcg/guest-mem.h"
#include "tcg/tb.h"

/* ---- expected results, printed by the oracle ---- */

typedef struct Expected {
    const char *name;
    uint64_t hash;           /* of all NCASES outcomes */
    uint64_t sample[4][2];   /* Vd after the first four cases */
} Expected;

static const Expected expected[NINSNS] = {
/* BEGIN RANDOM */
    { "AESE", 0x820a8574469c1d0aull,
      { { 0x9fc0e920f76c9063ull, 0x7c42f88242260e06ull },
        { 0xbc562935c9fcb9f8ull, 0x3364bd9a771b35a1ull },
        { 0x05496eab8d68b75dull, 0xe34f596eb91f3b01ull },
        { 0x4a31fb260dbd0de7ull, 0xec2948bafd1dfc56ull } } },
    { "AESD", 0xbe62e847829c5c9full,
      { { 0x5252525252525252ull, 0x5252525252525252ull },
        { 0x5252525252525252ull, 0x5252525252525252ull },
        { 0x590b24231c53296full, 0x9b9fe5798394cebeull },
        { 0xf720b59dea1bfcf4ull, 0xcd7d119d7e5cf1d7ull } } },
    { "AESMC", 0xb8906cecc2552caeull,
      { { 0x277f5ed5840476cfull, 0x62ac836e359bc8d4ull },
        { 0xcf67e06c21aff531ull, 0xc7795c8bd4e0c76bull },
        { 0x071394b27f6d352aull, 0x1e5bc91496370a6dull },
        { 0xffffffffffffffffull, 0xffffffffffffffffull } } },
    { "AESIMC", 0x1f5f836d925c7f01ull,
      { { 0xf4c3396170ae33f5ull, 0x9f748f9bd579d716ull },
        { 0xb48a0c334f25efeeull, 0x663b5ea68bae5896ull },
        { 0x52b715fae76efc63ull, 0x4daf6aad001bafa5ull },
        { 0xd4fb49a3e24e11dcull, 0x6632e445a08809e2ull } } },
    { "SHA1C", 0x3b451bee6fc17775ull,
      { { 0xff5b89ba7e2f397cull, 0xd53fd3e797be3209ull },
        { 0x8a07583c7f205614ull, 0x1684af809bdd51a0ull },
        { 0xd2c6d53980668263ull, 0xe5d623dc4cdaed1cull },
        { 0x122d246690a0b523ull, 0xf0bb63607adc5444ull } } },
    { "SHA1P", 0xf0125e8f5b9ed804ull,
      { { 0xd382891900411055ull, 0x6b8277d7a08c2f8eull },
        { 0xf2bd5786e4bcd8a8ull, 0x75bf2514386a7f3dull },
        { 0xf5025682c26da343ull, 0xb2e407a1dd5652c9ull },
        { 0x864bb0adca03d69eull, 0x3e57f7d2ea354f13ull } } },
    { "SHA1M", 0x358d762ef120e22dull,
      { { 0x89cd720ae4c0d14bull, 0x0aae402a1e8562b5ull },
        { 0x3df78b7e1f7b5778ull, 0x0bcd8d18f87b32b9ull },
        { 0xf96e3f5665a7f5b7ull, 0x5cd62eabd652a929ull },
        { 0xb876a31aabb724b9ull, 0x5ba8b51a75e2a63cull } } },
    { "SHA1SU0", 0x19639e8090217e1full,
      { { 0x43e63de5c571b7f6ull, 0xa639a1a1021b692dull },
        { 0xfc9e4b27e422ae24ull, 0x727904c033c1ea59ull },
        { 0x0b4e077a42342f06ull, 0x4050810173b02879ull },
        { 0x88723e7d91b6f904ull, 0xdb98b583e3213dcfull } } },
    { "SHA256H", 0x6dbb621786885b20ull,
      { { 0x7d1951d035383239ull, 0x6f8e85f685a29e4full },
        { 0x6a500be27885f713ull, 0x5c39832dd76d39f8ull },
        { 0x7f8e439c98361395ull, 0x5775b019d0cd5a4aull },
        { 0xda65830e5afc2259ull, 0xd67f813da919ee2full } } },
    { "SHA256H2", 0x604c6fe5463266b0ull,
      { { 0xc2859d2f68c7346full, 0x12882d1a385277fcull },
        { 0xeb1533d44d111992ull, 0x2091a2c6f5246bc4ull },
        { 0xa8892316db2053ecull, 0x2ca37240c5fa1507ull },
        { 0xc34d63f34781a427ull, 0x083ae97a67f6581full } } },
    { "SHA256SU1", 0x6f6a58991887c73cull,
      { { 0x8de2c39d16dd158eull, 0xd44969f4fbffe03cull },
        { 0xe000ae61673df8c3ull, 0x00098d02169c6073ull },
        { 0x24980179c36d9002ull, 0x588d3ba3da4455bfull },
        { 0x0392f6f393a349ccull, 0xa5f2a7131ee2d2e1ull } } },
    { "SHA1H", 0x0f3bf669268d79bbull,
      { { 0x00000000ceb7cb2aull, 0x0000000000000000ull },
        { 0x0000000005a8b04cull, 0x0000000000000000ull },
        { 0x00000000c124aaabull, 0x0000000000000000ull },
        { 0x00000000f56be7d9ull, 0x0000000000000000ull } } },
    { "SHA1SU1", 0xbcdfea82c8e0d03cull,
      { { 0x5ae6c0cc04d48a35ull, 0xf77b5aca74ee9a06ull },
        { 0xa720c4a63dbc5b9eull, 0x149b0acab2b9142full },
        { 0xa1ee1a0738c3bfecull, 0x9479a93733f0dfbaull },
        { 0x97f9cd52bb6362caull, 0xa39cb2ae64ba0f25ull } } },
    { "SHA256SU0", 0x2a06a9d127ca06e2ull,
      { { 0xf50cd276b8446b50ull, 0xa0a49bf12ef9629dull },
        { 0xcbc33a5158721e1aull, 0xd26c4755db4157f4ull },
        { 0xe04e750e3ddb93bcull, 0xceab17729d4c9091ull },
        { 0x6803e1741e7b50e9ull, 0x24e7f89f7dcd6afaull } } },
    { "PMULL.8H", 0x55bbb8bf799a6144ull,
      { { 0x5eae04ec37901bc0ull, 0x4c3e08bf171803e8ull },
        { 0x14580cd730ad1f28ull, 0x11267a18163e77b8ull },
        { 0x7e6f0d68259a547dull, 0x03bd09d467c4216cull },
        { 0x7c381f4a785a06f9ull, 0x0ca339c00c840485ull } } },
    { "PMULL2.8H", 0xce9e0defbcabf926ull,
      { { 0x20f87c2565b80ac6ull, 0x098220ad64940be5ull },
        { 0x3c8c68515f287dc8ull, 0x304e3f4a079d032aull },
        { 0x4c4c3ec1718e3fc0ull, 0x718e629d21de53acull },
        { 0x7e7e43bc05fa3737ull, 0x292978873fc025daull } } },
    { "PMULL.1Q", 0x19481308ca26cce3ull,
      { { 0x5cf35d70fd74e1ceull, 0x01cfdc5ac9de3dbcull },
        { 0x088b36b69eb7a255ull, 0x088b36b69eb7a255ull },
        { 0x8448fa4913c1757eull, 0x128e86a9c4f5386bull },
        { 0xf5aeb46c85d6ee78ull, 0x1ff8a9e5bed1231aull } } },
    { "PMULL2.1Q", 0xd1f959346d70f937ull,
      { { 0x0000000000000000ull, 0x0000000000000000ull },
        { 0x0050540144141041ull, 0x5054104551500004ull },
        { 0x1001501041444511ull, 0x4414454514555044ull },
        { 0xb69dad54a92c58f8ull, 0x5c4da366e9780e94ull } } },
/* END RANDOM */
};

/* Whether each of other_words is UNDEFINED. */
static const uint8_t other_undef[NOTHERS] = {
/* BEGIN OTHERS */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1,
/* END OTHERS */
};

/* ---- the harness ---- */

#define INSN_ADDR 0x400000ull
#define CODE_PAGE (INSN_ADDR & ~0xfffull)
#define BRK_0 0xd4200000u

static uint8_t *code_host;   /* host view of guest page CODE_PAGE */

/* The test CPU is a Cortex-A57 with the crypto extension advertised, as the
 * real one and qemu's have it: AES = 2 (with PMULL), SHA1 = 1, SHA2 = 1 in
 * ID_AA64ISAR0_EL1.  The plain one has those fields clear. */
#define ISAR0_CRYPTO 0xfff0ull
#define ISAR0_CRYPTO_A57 0x1120ull
static ARMCPUModel model_crypto, model_plain;
static ARMCPU *cpu, *cpu_plain;

static bool test_code_fetch(uint64_t addr, void *dst, size_t len)
{
    if (addr < CODE_PAGE || addr + len > CODE_PAGE + 4096) {
        return false;
    }
    memcpy(dst, code_host + (addr - CODE_PAGE), len);
    return true;
}

static int setup(void **state)
{
    (void)state;
    code_host = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(code_host != MAP_FAILED);
    guest_base = (uintptr_t)code_host - CODE_PAGE;
    tb_cache_init(16 << 20, &tcg_backend_interp);
    const ARMCPUModel *a57 = arm_cpu_model_find("cortex-a57");
    assert_non_null(a57);
    model_crypto = *a57;
    model_crypto.id_aa64isar0 = (a57->id_aa64isar0 & ~ISAR0_CRYPTO) | ISAR0_CRYPTO_A57;
    model_plain = *a57;
    model_plain.id_aa64isar0 &= ~ISAR0_CRYPTO;
    cpu = aarch64_cpu_create(&model_crypto);
    cpu_plain = aarch64_cpu_create(&model_plain);
    assert_non_null(cpu);
    assert_non_null(cpu_plain);
    return 0;
}

/* Runs n words then BRK as one block on c, with the V registers as the
 * caller left them.  Returns true if the block stopped at an UNDEFINED
 * instruction (whose index goes to *at), false if it reached the BRK. */
static bool run_code_on(ARMCPU *c, const uint32_t *words, int n, int *at)
{
    assert_true(n < 64);
    uint32_t buf[64];
    memcpy(buf, words, n * sizeof(uint32_t));
    buf[n] = BRK_0;
    memcpy(code_host + (INSN_ADDR - CODE_PAGE), buf, (n + 1) * sizeof(uint32_t));
    /* the other CPU (another model) may have translated this page */
    tb_invalidate_range(INSN_ADDR, INSN_ADDR + 4096);

    CPUARMState *env = &c->env;
    env->pc = INSN_ADDR;
    int excp = cpu_exec(&c->parent);
    if (excp == EXCP_UDEF) {
        assert_in_range(env->pc, INSN_ADDR, INSN_ADDR + (n - 1) * 4);
        if (at) {
            *at = (int)((env->pc - INSN_ADDR) / 4);
        }
        return true;
    }
    assert_int_equal(excp, EXCP_BRK);
    assert_int_equal(env->pc, INSN_ADDR + n * 4);
    return false;
}

static bool run_code(const uint32_t *words, int n)
{
    return run_code_on(cpu, words, n, NULL);
}

/* One word on V0-V7 = in (V8-V31 zero); out gets V0-V7 after it.  Checks
 * that V8-V31 stayed zero. */
static bool run_case_on(ARMCPU *c, uint32_t insn, const uint64_t in[16], uint64_t out[16])
{
    CPUARMState *env = &c->env;
    memset(env->vregs, 0, sizeof(env->vregs));
    for (int r = 0; r < 8; r++) {
        env->vregs[r].d[0] = in[2 * r];
        env->vregs[r].d[1] = in[2 * r + 1];
    }
    bool undef = run_code_on(c, &insn, 1, NULL);
    for (int r = 0; r < 8; r++) {
        out[2 * r] = env->vregs[r].d[0];
        out[2 * r + 1] = env->vregs[r].d[1];
    }
    for (int r = 8; r < 32; r++) {
        assert_true(env->vregs[r].d[0] == 0 && env->vregs[r].d[1] == 0);
    }
    return undef;
}

/* ---- random inputs, against the oracle ---- */

static void test_random(void **state)
{
    const CryptoInsn *in_row = *state;
    size_t i = (size_t)(in_row - insns);
    const Expected *e = &expected[i];
    assert_string_equal(e->name, in_row->name);

    rng_seed_for(in_row->base);
    uint64_t in[16], out[16], h = FNV_INIT;
    int bad_samples = 0;
    for (int c = 0; c < NCASES; c++) {
        uint32_t w = make_case(in_row->base, in_row->has_rm, in);
        bool undef = run_case_on(cpu, w, in, out);
        h = hash_case(h, undef, out);
        unsigned rd = w & 7;
        if (c < 4 && (out[2 * rd] != e->sample[c][0] || out[2 * rd + 1] != e->sample[c][1])) {
            print_message("%s case %d (%08x)%s: v%u = %016llx%016llx, want %016llx%016llx\n",
                          in_row->name, c, w, undef ? " UNDEF" : "", rd,
                          (unsigned long long)out[2 * rd + 1], (unsigned long long)out[2 * rd],
                          (unsigned long long)e->sample[c][1], (unsigned long long)e->sample[c][0]);
            bad_samples++;
        }
    }
    if (h != e->hash) {
        print_message("%s: hash of %d cases %016llx, want %016llx\n", in_row->name, NCASES,
                      (unsigned long long)h, (unsigned long long)e->hash);
    }
    assert_int_equal(bad_samples, 0);
    assert_true(h == e->hash);
}

/* Reserved encodings and the crypto extensions a Cortex-A57 lacks: SIGILL
 * at the instruction, nothing written. */
static void test_undefined(void **state)
{
    (void)state;
    rng_state = 42;
    int bad = 0;
    for (size_t i = 0; i < NOTHERS; i++) {
        uint64_t in[16], out[16];
        make_case(0, false, in);
        bool undef = run_case_on(cpu, other_words[i], in, out);
        if (undef != other_undef[i] || memcmp(in, out, sizeof(in))) {
            print_message("%08x: undef %d, want %d%s\n", other_words[i], undef,
                          other_undef[i], memcmp(in, out, sizeof(in)) ? ", registers changed" : "");
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* A model whose ID_AA64ISAR0 has no AES/SHA1/SHA2: those instructions and
 * the 64-bit PMULL are UNDEFINED there; the 8-bit PMULL is base SIMD. */
static void test_feature_gating(void **state)
{
    (void)state;
    uint64_t in[16] = { 0 }, out[16];
    for (size_t i = 0; i < NINSNS; i++) {
        bool base_simd = insns[i].base == 0x0e20e000 || insns[i].base == 0x4e20e000;
        uint32_t w = insns[i].base | 1 | 2 << 5 | (insns[i].has_rm ? 3 << 16 : 0);
        bool undef = run_case_on(cpu_plain, w, in, out);
        if (undef == base_simd) {
            print_message("%s without the feature: undef %d\n", insns[i].name, undef);
        }
        assert_true(undef != base_simd);
    }
}

/* Our rows decode the crypto space (ahead of the Advanced SIMD group's),
 * and the unimplemented extensions are named as missing. */
static void test_decode_names(void **state)
{
    (void)state;
    static const struct {
        uint32_t insn;
        const char *name;
    } words[] = {
        { 0x4e284800, "AESE, AESD, AESMC, AESIMC" },
        { 0x5e004000, "SHA1C, SHA1P, SHA1M, SHA1SU0, SHA256H, SHA256H2, SHA256SU1" },
        { 0x5e282800, "SHA1H, SHA1SU1, SHA256SU0" },
        { 0x0e20e000, "PMULL, PMULL2" }, { 0x4ee0e000, "PMULL, PMULL2" },
        { 0xce000000, "EOR3 (FEAT_SHA3)" }, { 0xce200000, "BCAX (FEAT_SHA3)" },
        { 0xce400000, "SM3SS1 (FEAT_SM3)" }, { 0xce408000, "SM3TT1A (FEAT_SM3)" },
        { 0xce408400, "SM3TT1B (FEAT_SM3)" }, { 0xce408800, "SM3TT2A (FEAT_SM3)" },
        { 0xce408c00, "SM3TT2B (FEAT_SM3)" }, { 0xce608000, "SHA512H (FEAT_SHA512)" },
        { 0xce608400, "SHA512H2 (FEAT_SHA512)" }, { 0xce608800, "SHA512SU1 (FEAT_SHA512)" },
        { 0xce608c00, "RAX1 (FEAT_SHA3)" }, { 0xce60c000, "SM3PARTW1 (FEAT_SM3)" },
        { 0xce60c400, "SM3PARTW2 (FEAT_SM3)" }, { 0xce60c800, "SM4EKEY (FEAT_SM4)" },
        { 0xce800000, "XAR (FEAT_SHA3)" }, { 0xcec08000, "SHA512SU0 (FEAT_SHA512)" },
        { 0xcec08400, "SM4E (FEAT_SM4)" },
    };
    DecodeTable *t = decode_table_build(a64_groups, a64_ngroups, 0x1e000000);
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        const char *name = decode_lookup(t, words[i].insn);
        if (!name || strcmp(name, words[i].name)) {
            print_message("%08x: %s, want %s\n", words[i].insn, name ? name : "(none)",
                          words[i].name);
        }
        assert_non_null(name);
        assert_string_equal(name, words[i].name);
    }
}

/* ---- known answers: whole algorithms ---- */

static void set_v(int r, uint64_t lo, uint64_t hi)
{
    cpu->env.vregs[r].d[0] = lo;
    cpu->env.vregs[r].d[1] = hi;
}

/* Vr's bytes, as the register file holds them (byte 0 = bits 7:0). */
static void set_v_bytes(int r, const uint8_t b[16])
{
    uint64_t d[2] = { 0, 0 };
    for (int i = 0; i < 16; i++) {
        d[i / 8] |= (uint64_t)b[i] << (8 * (i % 8));
    }
    set_v(r, d[0], d[1]);
}

static void get_v_bytes(int r, uint8_t b[16])
{
    for (int i = 0; i < 16; i++) {
        b[i] = (uint8_t)(cpu->env.vregs[r].d[i / 8] >> (8 * (i % 8)));
    }
}

static void set_v_words(int r, const uint32_t w[4])
{
    set_v(r, w[0] | (uint64_t)w[1] << 32, w[2] | (uint64_t)w[3] << 32);
}

static void get_v_words(int r, uint32_t w[4])
{
    for (int e = 0; e < 4; e++) {
        w[e] = (uint32_t)(cpu->env.vregs[r].d[e / 2] >> (32 * (e % 2)));
    }
}

static uint32_t enc3(uint32_t base, int rd, int rn, int rm)
{
    return base | rd | rn << 5 | rm << 16;
}

/* The S-box by its FIPS-197 definition (5.1.1): inverse in GF(2^8), then
 * the affine map; independent of the helper's table, for the key schedule. */
static uint8_t gf_mul8(uint8_t a, uint8_t b)
{
    uint8_t p = 0;
    for (; b; b >>= 1) {
        if (b & 1) {
            p ^= a;
        }
        a = (uint8_t)((a << 1) ^ (a & 0x80 ? 0x1b : 0));
    }
    return p;
}

static uint8_t sbox_by_definition(uint8_t a)
{
    uint8_t inv = 1;             /* a^254 = a^-1 (0 maps to 0) */
    for (int i = 0; i < 254; i++) {
        inv = gf_mul8(inv, a);
    }
    if (a == 0) {
        inv = 0;
    }
    uint8_t s = 0x63;
    for (int k = 0; k < 5; k++) {
        s ^= (uint8_t)((inv << k) | (inv >> (8 - k)));
    }
    return s;
}

/* FIPS-197 5.2 for a 128-bit key: 11 round keys of 16 bytes. */
static void aes128_key_expansion(const uint8_t key[16], uint8_t rk[11][16])
{
    memcpy(rk[0], key, 16);
    uint8_t rcon = 1;
    for (int r = 1; r <= 10; r++) {
        const uint8_t *p = rk[r - 1];
        uint8_t t[4] = { sbox_by_definition(p[13]) ^ rcon, sbox_by_definition(p[14]),
                         sbox_by_definition(p[15]), sbox_by_definition(p[12]) };
        rcon = gf_mul8(rcon, 2);
        for (int i = 0; i < 16; i++) {
            rk[r][i] = p[i] ^ (i < 4 ? t[i] : rk[r][i - 4]);
        }
    }
}

/* FIPS-197 appendix C.1: AES-128 encryption as the Arm ARM intends it,
 * nine rounds of AESE + AESMC and a last AESE, then the last key XORed (on
 * the host, so that only crypto instructions are under test); then the
 * equivalent inverse cipher back with AESD + AESIMC and keys passed
 * through AESIMC. */
static void test_aes128_fips197(void **state)
{
    (void)state;
    static const uint8_t key[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                     0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f };
    static const uint8_t plain[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                       0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
    static const uint8_t cipher[16] = { 0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
                                        0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a };
    uint8_t rk[11][16], out[16];
    aes128_key_expansion(key, rk);

    /* Encrypt: v0 = state, v1..v11 = round keys 0..10. */
    memset(cpu->env.vregs, 0, sizeof(cpu->env.vregs));
    set_v_bytes(0, plain);
    for (int r = 0; r <= 10; r++) {
        set_v_bytes(1 + r, rk[r]);
    }
    uint32_t code[32];
    int n = 0;
    for (int r = 0; r < 9; r++) {
        code[n++] = enc3(0x4e284800, 0, 1 + r, 0);   /* AESE v0, v(1+r) */
        code[n++] = enc3(0x4e286800, 0, 0, 0);       /* AESMC v0, v0 */
    }
    code[n++] = enc3(0x4e284800, 0, 10, 0);          /* AESE v0, v10 */
    assert_false(run_code(code, n));
    get_v_bytes(0, out);
    for (int i = 0; i < 16; i++) {
        out[i] ^= rk[10][i];
    }
    assert_memory_equal(out, cipher, 16);

    /* Decrypt: v12..v20 = AESIMC(round keys 1..9), then v0 = cipher. */
    n = 0;
    for (int r = 1; r <= 9; r++) {
        code[n++] = enc3(0x4e287800, 11 + r, 1 + r, 0); /* AESIMC v(11+r), v(1+r) */
    }
    set_v_bytes(0, cipher);
    code[n++] = enc3(0x4e285800, 0, 11, 0);             /* AESD v0, v11 (key 10) */
    for (int r = 9; r >= 1; r--) {
        code[n++] = enc3(0x4e287800, 0, 0, 0);          /* AESIMC v0, v0 */
        code[n++] = enc3(0x4e285800, 0, 11 + r, 0);     /* AESD v0, v(11+r) */
    }
    assert_false(run_code(code, n));
    get_v_bytes(0, out);
    for (int i = 0; i < 16; i++) {
        out[i] ^= rk[0][i];
    }
    assert_memory_equal(out, plain, 16);
}

/* The one-block message "abc", padded (FIPS 180-4 5.1.1), as words. */
static void abc_block(uint32_t w[16])
{
    memset(w, 0, 16 * sizeof(uint32_t));
    w[0] = 0x61626380;
    w[15] = 24;
}

/* FIPS 180-4 SHA-256 of "abc" (its example B.1 result), the way Arm's
 * crypto code does it: state {a..d} in v0, {e..h} in v1, schedule in
 * v4..v7; each quad of rounds is SHA256SU0, SHA256H, SHA256H2, SHA256SU1
 * in one block, with the round-constant add and the copy of v0 to v2
 * (plain SIMD) done on the host. */
static void test_sha256_abc(void **state)
{
    (void)state;
    static const uint32_t K[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    };
    static const uint32_t H0[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    static const uint32_t digest[8] = { 0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
                                        0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad };
    uint32_t w[16];
    abc_block(w);
    memset(cpu->env.vregs, 0, sizeof(cpu->env.vregs));
    set_v_words(0, &H0[0]);
    set_v_words(1, &H0[4]);
    for (int q = 0; q < 4; q++) {
        set_v_words(4 + q, &w[4 * q]);
    }
    for (int q = 0; q < 16; q++) {
        int wq = 4 + q % 4;
        uint32_t sched[4], t[4], st[4];
        get_v_words(wq, sched);
        for (int e = 0; e < 4; e++) {
            t[e] = sched[e] + K[4 * q + e];
        }
        set_v_words(3, t);                     /* v3 = W + K */
        get_v_words(0, st);
        set_v_words(2, st);                    /* v2 = old {a..d} */
        uint32_t code[4];
        int n = 0;
        if (q < 12) {
            code[n++] = enc3(0x5e282800, wq, 4 + (q + 1) % 4, 0);  /* SHA256SU0 */
        }
        code[n++] = enc3(0x5e004000, 0, 1, 3);                     /* SHA256H q0, q1, v3 */
        code[n++] = enc3(0x5e005000, 1, 2, 3);                     /* SHA256H2 q1, q2, v3 */
        if (q < 12) {
            code[n++] = enc3(0x5e006000, wq, 4 + (q + 2) % 4, 4 + (q + 3) % 4); /* SU1 */
        }
        assert_false(run_code(code, n));
    }
    uint32_t h[8];
    get_v_words(0, &h[0]);
    get_v_words(1, &h[4]);
    for (int i = 0; i < 8; i++) {
        h[i] += H0[i];
    }
    assert_memory_equal(h, digest, sizeof(digest));
}

/* FIPS 180-4 SHA-1 of "abc" (example: a9993e36 ...): state {a..d} in v0,
 * e in s1 (each quad's next e made by SHA1H from a before the rounds),
 * schedule in v4..v7 updated by SHA1SU0 + SHA1SU1, rounds by SHA1C (0-19),
 * SHA1P (20-39, 60-79), SHA1M (40-59). */
static void test_sha1_abc(void **state)
{
    (void)state;
    static const uint32_t K[4] = { 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6 };
    static const uint32_t H0[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
                                    0xc3d2e1f0 };
    static const uint32_t digest[5] = { 0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c,
                                        0x9cd0d89d };
    static const uint32_t round_op[4] = { 0x5e000000, 0x5e001000, 0x5e002000, 0x5e001000 };
    uint32_t w[16];
    abc_block(w);
    memset(cpu->env.vregs, 0, sizeof(cpu->env.vregs));
    set_v_words(0, &H0[0]);
    set_v(1, H0[4], 0);
    for (int q = 0; q < 4; q++) {
        set_v_words(4 + q, &w[4 * q]);
    }
    for (int q = 0; q < 20; q++) {
        int wq = 4 + q % 4;
        uint32_t sched[4], t[4];
        get_v_words(wq, sched);
        for (int e = 0; e < 4; e++) {
            t[e] = sched[e] + K[q / 5];
        }
        set_v_words(3, t);                                      /* v3 = W + K */
        uint32_t code[4];
        int n = 0;
        code[n++] = enc3(0x5e280800, 2, 0, 0);                  /* SHA1H s2, s0 */
        code[n++] = enc3(round_op[q / 5], 0, 1, 3);             /* SHA1x q0, s1, v3 */
        if (q < 16) {
            /* W[q+4] = SHA1SU1(SHA1SU0(W[q], W[q+1], W[q+2]), W[q+3]) */
            code[n++] = enc3(0x5e003000, wq, 4 + (q + 1) % 4, 4 + (q + 2) % 4);
            code[n++] = enc3(0x5e281800, wq, 4 + (q + 3) % 4, 0);
        }
        assert_false(run_code(code, n));
        uint32_t e2[4];
        get_v_words(2, e2);
        set_v(1, e2[0], 0);                                     /* e = s2 */
    }
    uint32_t h[5];
    get_v_words(0, h);
    h[4] = (uint32_t)cpu->env.vregs[1].d[0];
    for (int i = 0; i < 5; i++) {
        h[i] += H0[i];
    }
    assert_memory_equal(h, digest, sizeof(digest));
}

int main(void)
{
    guest_code_fetch = test_code_fetch;
    struct CMUnitTest tests[NINSNS + 8];
    size_t n = 0;
    for (size_t i = 0; i < NINSNS; i++) {
        tests[n++] = (struct CMUnitTest){ .name = insns[i].name, .test_func = test_random,
                                          .initial_state = (void *)&insns[i] };
    }
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_undefined);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_feature_gating);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_decode_names);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_aes128_fips197);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_sha256_abc);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_sha1_abc);
    return _cmocka_run_group_tests("a64-crypto", tests, n, setup, NULL);
}

#endif
