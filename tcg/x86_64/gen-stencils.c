/*
 * Build-time generator of the x86-64 stencils: writes stencils.c, one small
 * C function per (micro-op, operand forms, condition), from the op table
 * tcg-opc.h.  Semantics come from tcg-eval.h, the interpreter's own
 * evaluator, so the two backends compute the same thing by construction.
 *
 * Operand forms, one letter per input operand in the stencil name:
 *   m  the value lives in the CPU state (a global, or a frame slot for block
 *      temps): hole O<n> is its offset from env (r15)
 *   k  the value is a constant: hole K<n> is the 64-bit value (movabs)
 *   i  the value is a constant in [0, 2^31): hole K<n> is a 32-bit
 *      immediate field (the small code model lets GCC assume that of any
 *      symbol, so it may zero- or sign-extend it; both agree there)
 *   e  (base pointer of host loads/stores only) the env register itself
 *   r  the value is in r12 (the global register variable R), left there by
 *      the op just before, which produced it with an _R stencil
 * Outputs are m, or with suffix _R after the forms: in r12.  Conditional
 * ops get one stencil per condition, suffix _c<cond number>.  Stencils named T_... are terminators: they end in
 * a jump of their own (to TARGET, RETURN or a register) instead of CONT.
 *
 * Usage: gen-stencils OUT.c
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg.h"

typedef struct OpInfo {
    const char *name;
    int o, i, c, flags;
} OpInfo;

static const OpInfo ops[] = {
#define DEF(name, o, i, c, f) { #name, o, i, c, f },
#include "tcg/tcg-opc.h"
#undef DEF
};

static FILE *out;
static unsigned count;
static bool out_reg;        /* the stencil being written leaves its result in R */

static void emitf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
}

/* Reads input operand n (arg index) of form f at width w. */
static const char *rd(char f, int n, int w)
{
    static char buf[8][64];
    static int k;
    char *b = buf[k++ & 7];
    switch (f) {
    case 'm': snprintf(b, 64, "M%d(%d)", w, n); break;
    case 'k': snprintf(b, 64, w == 32 ? "(uint32_t)K64(%d)" : "K64(%d)", n); break;
    case 'i': snprintf(b, 64, "((uint%d_t)(uintptr_t)_JIT_K%d)", w, n); break;
    case 'r': snprintf(b, 64, "((uint%d_t)R)", w); break;
    default: snprintf(b, 64, "((uint64_t)(uintptr_t)env)"); break;
    }
    return b;
}

static void start(const char *name, const char *forms, int cond)
{
    emitf("\nvoid st_%s%s%s%s", name, *forms ? "_" : "", forms, out_reg ? "_R" : "");
    if (cond >= 0) {
        emitf("_c%d", cond);
    }
    emitf("(void)\n{\n");
    count++;
}

/* The output statement: to operand 0 in memory, or to R. */
static void put_out(int w, const char *expr)
{
    if (out_reg) {
        emitf("    R = (uint%d_t)(%s);\n", w, expr);
    } else {
        emitf("    M%d(0) = %s;\n", w, expr);
    }
}

static void finish(void)
{
    emitf("    _JIT_CONT();\n}\n");
}

static int width(const OpInfo *op)
{
    return (op->flags & TCG_OPF_64BIT) ? 64 : 32;
}

/* The _i32 twin that tcg-eval.h's switches are keyed by. */
static const char *base32(const char *name)
{
    static char b[64];
    snprintf(b, sizeof(b), "INDEX_op_%.*s_i32", (int)(strlen(name) - 4), name);
    return b;
}

static bool is_one_of(const char *name, const char *const *list)
{
    for (; *list; list++) {
        size_t n = strlen(*list);
        if (!strncmp(name, *list, n) && (name[n] == '_' && name[n + 1] == 'i')) {
            return true;
        }
    }
    return false;
}

static const char *const binary[] = {
    "add", "sub", "mul", "muluh", "mulsh", "div", "divu", "rem", "remu", "and",
    "or", "xor", "andc", "orc", "eqv", "nand", "nor", "shl", "shr", "sar",
    "rotl", "rotr", NULL,
};
static const char *const unary[] = {
    "mov", "neg", "not", "ext8s", "ext8u", "ext16s", "ext16u", "bswap16",
    "bswap32", "clz", "ctz", "ctpop", NULL,
};

static void gen_binary(const OpInfo *op)
{
    static const char *const forms[] = { "mm", "mk", "km", "mi", "im",
                                         "rm", "mr", "rk", "ri", "kr", "ir" };
    int w = width(op);
    for (int o = 0; o < 2; o++) {
        out_reg = o;
        for (int f = 0; f < 11; f++) {
            char e[256];
            start(op->name, forms[f], -1);
            snprintf(e, sizeof(e), "tcg_eval2_%d(%s, %s, %s)", w, base32(op->name),
                     rd(forms[f][0], 1, w), rd(forms[f][1], 2, w));
            put_out(w, e);
            finish();
        }
    }
    out_reg = false;
}

static void gen_unary(const OpInfo *op, const char *expr, int win)
{
    static const char *const forms[] = { "m", "r", "k", "i" };
    /* A truncated symbol is an address computation (lea) to GCC: those
     * ops get no i form. */
    int nf = strstr(expr, "(uint32_t)%s") ? 3 : 4;
    for (int o = 0; o < 2; o++) {
        out_reg = o;
        for (int f = 0; f < nf; f++) {
            char e[256];
            start(op->name, forms[f], -1);
            snprintf(e, sizeof(e), expr, rd(forms[f][0], 1, win));
            put_out(width(op), e);
            finish();
        }
    }
    out_reg = false;
}

static void gen_cond(const OpInfo *op, const char *kind)
{
    static const char *const forms[] = { "mm", "mk", "mi", "rm", "rk", "ri" };
    int w = width(op);
    const char *is64 = w == 64 ? "true" : "false";
    for (int c = TCG_COND_EQ; c <= TCG_COND_TSTNE; c++) {
        if (!strcmp(kind, "movcond")) {
            /* The compared-with operand may be a constant (csel after a
             * compare with an immediate, cinc, ...). */
            static const char *const mforms[] = { "mmmm", "mimm", "mkmm" };
            for (int f = 0; f < 3; f++) {
                start(op->name, mforms[f], c);
                /* Both values loaded first: a cmov, not a branch that
                 * a data-dependent csel would mispredict. */
                emitf("    uint%d_t t = M%d(3), e = M%d(4);\n"
                      "    M%d(0) = tcg_eval_cond(%d, M%d(1), %s, %s) ? t : e;\n",
                      w, w, w, w, c, w, rd(mforms[f][1], 2, w), is64);
                finish();
            }
            continue;
        }
        for (int fo = 0; fo < 12; fo++) {
            int f = fo % 6;
            int a = !strcmp(kind, "brcond") ? 0 : 1;
            out_reg = fo >= 6;
            if (out_reg && a == 0) {
                break;
            }
            start(op->name, forms[f], c);
            if (a == 0) {
                /* Likely-taken as far as GCC knows, so that it lays the
                 * jump to CONT out last, where the extractor strips it. */
                emitf("    if (__builtin_expect(tcg_eval_cond(%d, %s, %s, %s), 1)) {\n"
                      "        _JIT_TARGET();\n        return;\n    }\n",
                      c, rd(forms[f][0], 0, w), rd(forms[f][1], 1, w), is64);
            } else {
                char e[256];
                snprintf(e, sizeof(e), "tcg_eval_cond(%d, %s, %s, %s)", c,
                         rd(forms[f][0], 1, w), rd(forms[f][1], 2, w), is64);
                put_out(w, e);
            }
            finish();
        }
        out_reg = false;
    }
}

/* Host loads and stores relative to a pointer operand plus C0. */
static void gen_host_mem(const OpInfo *op)
{
    static const struct { const char *prefix; const char *type; } types[] = {
        { "ld8u", "uint8_t" }, { "ld8s", "int8_t" }, { "ld16u", "uint16_t" },
        { "ld16s", "int16_t" }, { "ld32u", "uint32_t" }, { "ld32s", "int32_t" },
        { "ld_i32", "uint32_t" }, { "ld_i64", "uint64_t" },
        { "st8", "uint8_t" }, { "st16", "uint16_t" }, { "st32", "uint32_t" },
        { "st_i32", "uint32_t" }, { "st_i64", "uint64_t" },
    };
    const char *type = NULL;
    for (unsigned t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
        if (!strncmp(op->name, types[t].prefix, strlen(types[t].prefix))) {
            type = types[t].type;
            break;
        }
    }
    int w = width(op);
    bool load = op->name[0] == 'l';
    static const char *const lforms[] = { "e", "m" };
    static const char *const sforms[] = { "me", "mm", "ke", "km", "ie", "im" };
    int nf = load ? 2 : 6;
    for (int f = 0; f < nf; f++) {
        const char *forms = load ? lforms[f] : sforms[f];
        start(op->name, forms, -1);
        if (load) {
            emitf("    M%d(0) = (uint%d_t)*(const %s *)(uintptr_t)(%s + CS32(0));\n",
                  w, w, type, rd(forms[0], 1, 64));
        } else {
            emitf("    *(%s *)(uintptr_t)(%s + CS32(0)) = (%s)%s;\n", type,
                  rd(forms[1], 1, 64), type, rd(forms[0], 0, w));
        }
        finish();
    }
}

/* Guest loads and stores inline, one stencil per memop (size, sign,
 * endianness), alignment check (a) and top-byte-ignore (t), suffix
 * _o<memop>[a][t]; the helper-only ones (no suffix) remain for the JIT to
 * fall back on.  As guest_access_prepare: alignment (mask C1) first, then
 * the whole access in range: clean = addr, bits 63:56 cleared under t;
 * clean <= K4 (the last address at which the access still fits); host =
 * GUEST_BASE (r14) + clean.
 * Anything else goes to the helper, which raises.  A host fault on the
 * access itself is a guest fault: the SIGSEGV handler recognises generated
 * code (jit_host_pc_is_guest_access). */
static void gen_guest_access(const OpInfo *op)
{
    static const char *const utype[] = { "uint8_t", "uint16_t", "uint32_t", "uint64_t" };
    static const char *const stype[] = { "int8_t", "int16_t", "int32_t", "int64_t" };
    static const char *const bswap[] = { "", "__builtin_bswap16", "__builtin_bswap32",
                                         "__builtin_bswap64" };
    int w = width(op);
    bool load = op->name[5] == 'l';
    for (unsigned size = 0; size <= (w == 64 ? 3u : 2u); size++) {
        for (unsigned sign = 0; sign <= (load && size < 3); sign++) {
            for (unsigned be = 0; be <= (size > 0); be++) {
                for (unsigned v = 0; v < 16u; v++) {
                    unsigned al = v & 1;
                    bool raddr = v & 2;
                    bool tbi = v & 8;
                    unsigned mop = size | (sign ? MO_SIGN : 0) | (be ? MO_BE : 0);
                    char forms[16];
                    out_reg = load && (v & 4);
                    if (!load && (v & 4)) {
                        continue;
                    }
                    snprintf(forms, sizeof(forms), "%s", load ? (raddr ? "r" : "m")
                                                              : (raddr ? "mr" : "mm"));
                    emitf("\nvoid st_%s_%s%s_o%u%s%s(void)\n{\n", op->name, forms,
                          out_reg ? "_R" : "", mop, al ? "a" : "", tbi ? "t" : "");
                    count++;
                    emitf("    uint64_t a = %s;\n    uint64_t c = %s;\n",
                          raddr ? "R" : "M64(1)", tbi ? "a << 8 >> 8" : "a");
                    emitf("    if (__builtin_expect(%sc > K64(4), 0)) {\n",
                          al ? "(a & C32(1)) != 0 || " : "");
                    if (load) {
                        emitf("        uint64_t r = _JIT_RT_ld(a, C32(0));\n");
                        if (out_reg) {
                            emitf("        R = (uint%d_t)r;\n", w);
                        } else {
                            emitf("        M%d(0) = r;\n", w);
                        }
                    } else {
                        emitf("        _JIT_RT_st(a, M%d(0), C32(0));\n", w);
                    }
                    emitf("    } else {\n");
                    emitf("        %s *h = (%s *)(GUEST_BASE + c);\n",
                          utype[size], utype[size]);
                    if (load) {
                        emitf("        %s v = *(volatile %s *)h;\n", utype[size], utype[size]);
                        if (be) {
                            emitf("        v = %s(v);\n", bswap[size]);
                        }
                        if (out_reg) {
                            emitf("        R = (uint%d_t)(%s)v;\n", w,
                                  sign ? stype[size] : utype[size]);
                        } else {
                            emitf("        M%d(0) = (uint%d_t)(%s)v;\n", w, w,
                                  sign ? stype[size] : utype[size]);
                        }
                    } else {
                        emitf("        %s v = (%s)M%d(0);\n", utype[size], utype[size], w);
                        if (be) {
                            emitf("        v = %s(v);\n", bswap[size]);
                        }
                        emitf("        *(volatile %s *)h = v;\n", utype[size]);
                    }
                    emitf("    }\n");
                    finish();
                    out_reg = false;
                }
            }
        }
    }
}

static void gen_op(const OpInfo *op)
{
    const char *n = op->name;
    int w = width(op);
    char e[256];

    if (!strncmp(n, "ctpop", 5)) {
        /* The x86-64 baseline has no popcnt, and GCC would call libgcc. */
        gen_unary(op, "stencil_popcount(%s)", w);
    } else if (is_one_of(n, binary)) {
        gen_binary(op);
    } else if (is_one_of(n, unary)) {
        snprintf(e, sizeof(e), "tcg_eval1_%d(%s, %%s)", w, base32(n));
        gen_unary(op, e, w);
    } else if (!strcmp(n, "ext32s_i64") || !strcmp(n, "ext_i32_i64")) {
        gen_unary(op, "(uint64_t)(int64_t)(int32_t)%s", n[3] == '_' ? 32 : 64);
    } else if (!strcmp(n, "ext32u_i64") || !strcmp(n, "extu_i32_i64")) {
        gen_unary(op, "(uint64_t)(uint32_t)%s", n[4] == '_' ? 32 : 64);
    } else if (!strcmp(n, "bswap64_i64")) {
        gen_unary(op, "__builtin_bswap64(%s)", 64);
    } else if (!strcmp(n, "extrl_i64_i32")) {
        gen_unary(op, "(uint32_t)%s", 64);
    } else if (!strcmp(n, "extrh_i64_i32")) {
        gen_unary(op, "(uint32_t)(%s >> 32)", 64);
    } else if (!strncmp(n, "setcond", 7)) {
        gen_cond(op, "setcond");
    } else if (!strncmp(n, "movcond", 7)) {
        gen_cond(op, "movcond");
    } else if (!strncmp(n, "brcond", 6)) {
        gen_cond(op, "brcond");
    } else if (!strncmp(n, "ld", 2) || !strncmp(n, "st", 2)) {
        gen_host_mem(op);
    } else if (!strncmp(n, "extract", 7) || !strncmp(n, "sextract", 8)) {
        for (int fo = 0; fo < 4; fo++) {
            char e[256];
            const char *in = rd("mr"[fo % 2], 1, w);
            out_reg = fo >= 2;
            start(n, fo % 2 ? "r" : "m", -1);
            if (n[0] == 'e') {
                snprintf(e, sizeof(e), "tcg_eval_extract(%s, C32(0), C32(1))", in);
            } else if (w == 32) {
                snprintf(e, sizeof(e), "tcg_eval_sextract((uint64_t)%s << 32, C32(0) + 32, C32(1))", in);
            } else {
                snprintf(e, sizeof(e), "tcg_eval_sextract(%s, C32(0), C32(1))", in);
            }
            put_out(w, e);
            finish();
        }
        out_reg = false;
    } else if (!strncmp(n, "deposit", 7)) {
        start(n, "mm", -1);
        emitf("    M%d(0) = tcg_eval_deposit(M%d(1), M%d(2), C32(0), C32(1));\n",
              w, w, w);
        finish();
    } else if (!strncmp(n, "qemu_ld", 7) || !strncmp(n, "qemu_st", 7)) {
        gen_guest_access(op);
    }
    if (!strncmp(n, "qemu_ld", 7)) {
        start(n, "m", -1);
        emitf("    uint64_t r = _JIT_RT_ld(M64(1), C32(0));\n    M%d(0) = r;\n", w);
        finish();
    }
    if (!strncmp(n, "qemu_st", 7)) {
        start(n, "mm", -1);
        emitf("    _JIT_RT_st(M64(1), M%d(0), C32(0));\n", w);
        finish();
    } else if (!strncmp(n, "qemu", 4)) {
        /* done above */
    } else if (!strncmp(n, "atomic_cmpxchg128", 17)) {
        start(n, "mmmmm", -1);
        emitf("    unsigned __int128 r = _JIT_RT_cmpxchg128(M64(2), M64(3), M64(4), M64(5), M64(6), C32(0));\n"
              "    M64(0) = (uint64_t)r;\n    M64(1) = (uint64_t)(r >> 64);\n");
        finish();
    } else if (!strncmp(n, "atomic_cmpxchg", 14)) {
        start(n, "mmm", -1);
        emitf("    uint64_t r = _JIT_RT_cmpxchg(M64(1), M%d(2), M%d(3), C32(0));\n"
              "    M%d(0) = r;\n", w, w, w);
        finish();
    } else if (!strncmp(n, "atomic_rmw", 10)) {
        start(n, "mm", -1);
        emitf("    uint64_t r = _JIT_RT_rmw(M64(1), M%d(2), C32(0), C32(1));\n"
              "    M%d(0) = r;\n", w, w);
        finish();
    } else if (!strcmp(n, "insn_start")) {
        /* C0: offset of CPUState.insn_pc; K0: the guest pc. */
        start(n, "", -1);
        emitf("    *(uint64_t *)(env + CS32(0)) = K64(0);\n");
        finish();
        /* The same for a pc in [0, 2^31): one instruction. */
        start(n, "i", -1);
        emitf("    *(uint64_t *)(env + CS32(0)) = (uintptr_t)_JIT_K0;\n");
        finish();
    } else if (!strcmp(n, "mb")) {
        start(n, "", -1);
        emitf("    __atomic_thread_fence(__ATOMIC_SEQ_CST);\n");
        finish();
    }
    /* set_label, br, exit_tb, goto_tb, lookup_and_goto_ptr, call, discard:
     * handled by the fixed stencils below or by the JIT alone. */
}

/* Calls: nargs from the CPU state, result (none, i32, i64) to O0. */
static void gen_calls(void)
{
    static const char *const rets[] = { "v", "w", "q" };
    for (int r = 0; r < 3; r++) {
        for (int n = 0; n <= 6; n++) {
            char name[32];
            snprintf(name, sizeof(name), "call%s%d", rets[r], n);
            start(name, "", -1);
            /* The result goes through a local, so that GCC computes the
             * output address after the call rather than keeping it live
             * (on the stack) across it. */
            emitf("    %s((%s (*)(", r == 0 ? "" : "uint64_t r = ",
                  r == 0 ? "void" : "uint64_t");
            for (int a = 0; a < n; a++) {
                emitf("%suint64_t", a ? ", " : "");
            }
            emitf("%s))(void *)_JIT_HELPER)(", n ? "" : "void");
            for (int a = 0; a < n; a++) {
                emitf("%sM64(%d)", a ? ", " : "", a + 1);
            }
            emitf(");\n");
            if (r) {
                emitf("    M%d(0) = r;\n", r == 1 ? 32 : 64);
            }
            finish();
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 2 || !(out = fopen(argv[1], "w"))) {
        fprintf(stderr, "usage: gen-stencils OUT.c\n");
        return 1;
    }
    emitf("/* Generated by tcg/x86_64/gen-stencils.c: do not edit. */\n"
          "#include \"tcg/x86_64/stencil-rt.h\"\n");
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        gen_op(&ops[i]);
    }
    gen_calls();

    /* Block entry: leave with (tb | TB_EXIT_REQUESTED) if asked to.  C0 is
     * the offset of CPUState.exit_request, K0 the return value. */
    start("tb_start", "", -1);
    emitf("    if (__builtin_expect(*(volatile int *)(env + CS32(0)) != 0, 1)) {\n"
          "        _JIT_RETURN(K64(0));\n        return;\n    }\n");
    finish();

    /* Terminators. */
    emitf("\nvoid st_T_exit_tb(void)\n{\n    _JIT_RETURN(K64(0));\n}\n");
    emitf("\nvoid st_T_br(void)\n{\n    _JIT_TARGET();\n}\n");
    emitf("\nvoid st_T_goto_tb(void)\n{\n    _JIT_TARGET();\n}\n");
    emitf("\nvoid st_T_lookup_and_goto_ptr(void)\n{\n"
          "    void (*p)(void) = (void (*)(void))_JIT_RT_lookup();\n"
          "    if (p) {\n        p();\n        return;\n    }\n"
          "    _JIT_RETURN(K64(0));\n}\n");
    /* The same with the jump cache probed inline first: O0 is the env
     * offset of the guest pc (the block key), O1 of CPUState.jmp_cache, O2
     * of CPUState.cflags, C0 the target's constant flags.  An invalidated
     * block has CF_INVALID in its cflags, so it never matches; a flush
     * clears every jmp_cache (tb_flush_exclusive). */
    emitf("\nvoid st_T_lookup_inline(void)\n{\n"
          "    uint64_t pc = M64(0);\n"
          "    TranslationBlock *tb = ((TranslationBlock **)(env + (intptr_t)_JIT_O1))"
          "[tb_jmp_cache_idx(pc)];\n"
          "    if (__builtin_expect(tb != NULL, 1) && tb->pc == pc &&\n"
          "        tb->flags == C32(0) && tb->cflags == M32(2)) {\n"
          "        ((void (*)(void))tb->tc_ptr)();\n        return;\n    }\n"
          "    void (*p)(void) = (void (*)(void))_JIT_RT_lookup();\n"
          "    if (p) {\n        p();\n        return;\n    }\n"
          "    _JIT_RETURN(K64(0));\n}\n");
    count += 5;
    fclose(out);
    fprintf(stderr, "gen-stencils: %u stencils\n", count);
    return 0;
}
