/*
 * Unit tests of A64 floating point and Advanced SIMD (a64-fp.c,
 * a64-simd.c, helper-fp.c, helper-simd.c): each test vector runs one
 * instruction, followed by BRK, through the real translator, optimizer,
 * interpreter and execution loop, and compares X0-X30, SP, V0-V31, NZCV
 * and FPSR afterwards, bit for bit.
 *
 * The expected results are not ours: a64-fp-gen.py ran every instruction
 * under qemu-aarch64 -cpu cortex-a57 (a64-fp-runner.c) and stored what
 * changed in a64-fp-vectors.txt.  The inputs are rebuilt here from the
 * vector's kind and seed by a64-fp-state.h, the same code the runner used.
 * FPCR and NZCV come from the vector; FPSR starts at zero.
 *
 * One cmocka test per mnemonic, so a failure names the instruction; each
 * failing vector is printed with its assembly, inputs and both results.
 *
 * Usage: test-a64-fp [VECTORS-FILE] (default: a64-fp-vectors.txt next to
 * the source, or $A64_FP_VECTORS).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "target-arm/cpu.h"
#include "tcg/disas.h"
#include "tcg/guest-mem.h"
#include "tcg/tb.h"

#include "a64-fp-state.h"

#define CODE_ADDR 0x10000ull
#define CODE_SIZE (64 * 1024)
#define BRK_0 0xd4200000u

/* ---- the harness ---- */

static uint8_t *code_host;
static ARMCPU *cpu;

static bool test_code_fetch(uint64_t addr, void *dst, size_t len)
{
    if (addr < CODE_ADDR || addr + len > CODE_ADDR + CODE_SIZE) {
        return false;
    }
    memcpy(dst, code_host + (addr - CODE_ADDR), len);
    return true;
}

static void harness_init(void)
{
    if (cpu) {
        return;
    }
    code_host = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(code_host != MAP_FAILED);
    guest_base = (uintptr_t)code_host - CODE_ADDR;
    tb_cache_init(16 << 20, &tcg_backend_interp);
    cpu = aarch64_cpu_create(arm_cpu_model_find("cortex-a57"));
    assert_non_null(cpu);
}

/* ---- vectors ---- */

typedef struct Vector {
    uint32_t insn, fpcr;
    uint8_t nzcv, kind;
    uint64_t seed;
    bool undef;
    uint32_t fpsr;
    uint8_t nzcv_out;
    uint32_t xchanged, vchanged;  /* bit i: register i has a new value */
    uint64_t x[31], v[32][2];     /* the new values */
    char *text;                   /* the whole line, for messages */
} Vector;

static Vector *vectors;
static size_t nvectors;

static char *mnemonic_of(const Vector *v)
{
    const char *a = strstr(v->text, "; ");
    static char buf[32];
    size_t n = 0;
    a = a ? a + 2 : "?";
    while (a[n] && a[n] != ' ' && n < sizeof(buf) - 1) {
        buf[n] = a[n];
        n++;
    }
    buf[n] = 0;
    return buf;
}

static bool parse_vector(char *line, Vector *v)
{
    char kind;
    unsigned nzcv;
    int used = 0;
    memset(v, 0, sizeof(*v));
    if (sscanf(line, "%x %x %x %c %lu :%n", &v->insn, &v->fpcr, &nzcv, &kind,
               (unsigned long *)&v->seed, &used) != 5 || !used) {
        return false;
    }
    v->nzcv = nzcv;
    v->kind = kind;
    v->text = strdup(line);
    char *p = line + used;
    while (*p == ' ') {
        p++;
    }
    if (!strncmp(p, "UNDEF", 5)) {
        v->undef = true;
        return true;
    }
    unsigned fpsr, nout;
    int k = 0;
    if (sscanf(p, "%x %x%n", &fpsr, &nout, &k) != 2) {
        return false;
    }
    v->fpsr = fpsr;
    v->nzcv_out = nout;
    p += k;
    for (;;) {
        while (*p == ' ') {
            p++;
        }
        if (*p != 'x' && *p != 'v') {
            break;
        }
        char *end;
        long r = strtol(p + 1, &end, 10);
        if (end == p + 1 || r < 0 || r > (*p == 'x' ? 30 : 31) || *end != '=') {
            return false;
        }
        char *hex = end + 1;
        if (*p == 'x') {
            v->x[r] = strtoull(hex, &end, 16);
            v->xchanged |= 1u << r;
        } else {
            char hi[17];
            memcpy(hi, hex, 16);
            hi[16] = 0;
            v->v[r][1] = strtoull(hi, NULL, 16);
            v->v[r][0] = strtoull(hex + 16, &end, 16);
            v->vchanged |= 1u << r;
        }
        p = end;
    }
    return true;
}

static const char *vectors_path(int argc, char **argv)
{
    if (argc > 1) {
        return argv[1];
    }
    if (getenv("A64_FP_VECTORS")) {
        return getenv("A64_FP_VECTORS");
    }
    static char buf[4096];
    snprintf(buf, sizeof(buf), "%s", __FILE__);
    char *slash = strrchr(buf, '/');
    snprintf(slash ? slash + 1 : buf, sizeof(buf) - (slash ? slash + 1 - buf : 0),
             "a64-fp-vectors.txt");
    return buf;
}

static void load_vectors(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "test-a64-fp: cannot open %s\n", path);
        exit(1);
    }
    char line[512];
    size_t cap = 0;
    while (fgets(line, sizeof(line), f)) {
        if (line[0] == '#' || line[0] == '\n') {
            continue;
        }
        line[strcspn(line, "\n")] = 0;
        if (nvectors == cap) {
            cap = cap ? cap * 2 : 1024;
            vectors = realloc(vectors, cap * sizeof(*vectors));
        }
        if (!parse_vector(line, &vectors[nvectors])) {
            fprintf(stderr, "test-a64-fp: bad vector line: %s\n", line);
            exit(1);
        }
        nvectors++;
    }
    fclose(f);
}

/* ---- running one vector ---- */

/* The registers the vector's assembly names (v3, d3, q3 ... / w3, x3), so a
 * failure prints just their inputs. */
static void named_regs(const char *text, uint32_t *vmask, uint32_t *xmask)
{
    const char *a = strstr(text, "; ");
    *vmask = *xmask = 0;
    for (const char *p = a ? a + 2 : text; *p; p++) {
        bool start = p == text || !((p[-1] >= 'a' && p[-1] <= 'z') ||
                                    (p[-1] >= '0' && p[-1] <= '9'));
        if (!start || !strchr("vbhsdqwx", *p) || !*p || p[1] < '0' || p[1] > '9') {
            continue;
        }
        char *end;
        long r = strtol(p + 1, &end, 10);
        if (r > 31 || (*end >= 'a' && *end <= 'z')) {
            continue;
        }
        if (*p == 'w' || *p == 'x') {
            *xmask |= 1u << r;
        } else {
            *vmask |= 1u << r;
        }
    }
}

/* Runs v at its own address (so blocks never need invalidating); returns
 * true if everything matched, printing the difference otherwise. */
static bool run_vector(const Vector *v, size_t index)
{
    uint64_t addr = CODE_ADDR + (index * 8) % CODE_SIZE;
    uint32_t words[2] = { v->insn, BRK_0 };
    memcpy(code_host + (addr - CODE_ADDR), words, sizeof(words));
    tb_invalidate_range(addr, addr + 8);

    A64FPState st;
    a64fp_make_state(v->kind, v->seed, &st);
    CPUARMState *env = &cpu->env;
    memcpy(env->xregs, st.x, 31 * sizeof(uint64_t));
    env->xregs[31] = 0x7ffff000;    /* SP: no FP/SIMD instruction names it */
    for (int i = 0; i < 32; i++) {
        env->vregs[i].d[0] = st.v[i][0];
        env->vregs[i].d[1] = st.v[i][1];
    }
    env->fpcr = v->fpcr;
    env->fpsr = 0;
    aarch64_set_nzcv(env, (uint32_t)v->nzcv << 28);
    env->pc = addr;

    int excp = cpu_exec(&cpu->parent);
    char why[256] = "";
    bool ok = true;
    if (v->undef || excp != EXCP_BRK) {
        if (!v->undef || excp != EXCP_UDEF) {
            snprintf(why, sizeof(why), "exception %d, expected %s", excp,
                     v->undef ? "UNDEF" : "none");
            ok = false;
        }
        if (ok && env->pc != addr) {
            snprintf(why, sizeof(why), "UNDEF at pc %#lx", (unsigned long)env->pc);
            ok = false;
        }
        if (!ok) {
            print_message("FAIL %s\n  %s\n", v->text, why);
        }
        return ok;
    }
    uint32_t nzcv = aarch64_get_nzcv(env) >> 28;
    if (env->fpsr != v->fpsr || nzcv != v->nzcv_out) {
        ok = false;
    }
    for (int i = 0; i < 32; i++) {
        uint64_t ex = i == 31 ? 0x7ffff000 : (v->xchanged >> i & 1) ? v->x[i] : st.x[i];
        if (env->xregs[i] != ex) {
            ok = false;
        }
        uint64_t e0 = (v->vchanged >> i & 1) ? v->v[i][0] : st.v[i][0];
        uint64_t e1 = (v->vchanged >> i & 1) ? v->v[i][1] : st.v[i][1];
        if (env->vregs[i].d[0] != e0 || env->vregs[i].d[1] != e1) {
            ok = false;
        }
    }
    if (!ok) {
        print_message("FAIL %s\n", v->text);
        print_message("  got fpsr %08x nzcv %x, expected fpsr %08x nzcv %x\n",
                      env->fpsr, nzcv, v->fpsr, v->nzcv_out);
        for (int i = 0; i < 32; i++) {
            uint64_t ex = i == 31 ? 0x7ffff000 : (v->xchanged >> i & 1) ? v->x[i] : st.x[i];
            if (env->xregs[i] != ex) {
                print_message("  x%d: in %016lx got %016lx expected %016lx\n", i,
                              (unsigned long)(i == 31 ? 0x7ffff000 : st.x[i]),
                              (unsigned long)env->xregs[i],
                              (unsigned long)ex);
            }
            uint64_t e0 = (v->vchanged >> i & 1) ? v->v[i][0] : st.v[i][0];
            uint64_t e1 = (v->vchanged >> i & 1) ? v->v[i][1] : st.v[i][1];
            if (env->vregs[i].d[0] != e0 || env->vregs[i].d[1] != e1) {
                print_message("  v%d: got %016lx%016lx expected %016lx%016lx\n", i,
                              (unsigned long)env->vregs[i].d[1],
                              (unsigned long)env->vregs[i].d[0],
                              (unsigned long)e1, (unsigned long)e0);
            }
        }
        uint32_t vmask, xmask;
        named_regs(v->text, &vmask, &xmask);
        print_message("  inputs:");
        for (int i = 0; i < 32; i++) {
            if (vmask >> i & 1) {
                print_message(" v%d=%016lx%016lx", i, (unsigned long)st.v[i][1],
                              (unsigned long)st.v[i][0]);
            }
            if ((xmask >> i & 1) && i < 31) {
                print_message(" x%d=%016lx", i, (unsigned long)st.x[i]);
            }
        }
        print_message(" fpcr=%08x nzcv=%x\n", v->fpcr, v->nzcv);
    }
    return ok;
}

/* ---- one test per mnemonic ---- */

typedef struct Group {
    char name[32];
    size_t *idx;
    size_t n;
} Group;

static void test_group(void **state)
{
    const Group *g = *state;
    harness_init();
    size_t fails = 0;
    for (size_t i = 0; i < g->n; i++) {
        if (!run_vector(&vectors[g->idx[i]], g->idx[i]) && ++fails >= 12) {
            print_message("  (stopping %s after %zu failures)\n", g->name, fails);
            break;
        }
    }
    assert_int_equal(fails, 0);
}

int main(int argc, char **argv)
{
    guest_code_fetch = test_code_fetch;
    load_vectors(vectors_path(argc, argv));
    const char *only = getenv("A64_FP_ONLY");  /* run one mnemonic */

    Group *groups = NULL;
    size_t ngroups = 0;
    for (size_t i = 0; i < nvectors; i++) {
        const char *m = mnemonic_of(&vectors[i]);
        if (only && strcmp(m, only)) {
            continue;
        }
        size_t g;
        for (g = 0; g < ngroups && strcmp(groups[g].name, m); g++) {
        }
        if (g == ngroups) {
            groups = realloc(groups, (ngroups + 1) * sizeof(*groups));
            memset(&groups[g], 0, sizeof(groups[g]));
            snprintf(groups[g].name, sizeof(groups[g].name), "%s", m);
            ngroups++;
        }
        groups[g].idx = realloc(groups[g].idx, (groups[g].n + 1) * sizeof(size_t));
        groups[g].idx[groups[g].n++] = i;
    }
    struct CMUnitTest *tests = calloc(ngroups, sizeof(*tests));
    for (size_t g = 0; g < ngroups; g++) {
        tests[g].name = groups[g].name;
        tests[g].test_func = test_group;
        tests[g].initial_state = &groups[g];
    }
    return _cmocka_run_group_tests("a64-fp", tests, ngroups, NULL, NULL);
}
