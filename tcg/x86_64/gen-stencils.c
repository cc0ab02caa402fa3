/*
 * Build-time generator of the x86-64 stencils: writes stencils.c, one small
 * C function per (micro-op, operand forms, condition), from the op table
 * tcg-opc.h.  Semantics come from tcg-eval.h, the interpreter's own
 * evaluator, so the two backends compute the same thing by construction.
 *
 * Operand forms, one letter per input operand in the stencil name:
 *   m  the value lives in the CPU state (a global, or a frame slot for block
 *      temps): hole O<n> is its offset from env (rbx)
 *   k  the value is a constant: hole K<n> is the 64-bit value (movabs)
 *   i  the value is a constant in [0, 2^31): hole K<n> is a 32-bit
 *      immediate field (the small code model lets GCC assume that of any
 *      symbol, so it may zero- or sign-extend it; both agree there)
 *   e  (base pointer of host loads/stores only) the env register itself
 *   r  the value is in r12 (the global register variable R), left there by
 *      the op just before, which produced it with an _R stencil
 *   0..5  the value is in a cache register, of that slot (stencil-rt.h):
 *      the JIT patches the register in (REG holes); slots are numbered in
 *      order of first appearance, so a name means one shape of register
 *      sharing (canon; the lists here may say x y z w u v)
 * Outputs are m, or with suffix _R or _<slot> after the forms: that
 * register (the slot of an input: the same register).  Conditional
 * ops get one stencil per condition, suffix _c<cond number>.  Stencils named T_... are terminators: they end in
 * a jump of their own (to TARGET, RETURN or a register) instead of CONT.
 *
 * Usage: gen-stencils OUT.c VARIANTS.txt (the measured extra forms)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/guest-mem.h"
#include "tcg/tcg.h"
#include "stencil-slots.h"

typedef struct OpInfo {
    const char *name;
    int o, i, c, flags;
    TCGOpKind kind;
    bool pair;          /* one of an _i32/_i64 pair (DEF_T) */
} OpInfo;

/* The op table, with each op's kind, by which ops are chosen below; pair,
 * because only the typed ops have an _i32 twin in tcg-eval.h's switches. */
static const OpInfo ops[] = {
#define DEF(name, o, i, c, f, k) { #name, o, i, c, f, TCG_KIND_##k, false },
#define DEF_T(name, o, i, c, f, k) \
    { #name "_i32", o, i, c, (f), TCG_KIND_##k, true }, \
    { #name "_i64", o, i, c, (f) | TCG_OPF_64BIT, TCG_KIND_##k, true },
#include "tcg/tcg-opc.h"
#undef DEF
};

static FILE *out;
static unsigned count;

/* One stencil to write: an op with a location per input and for the output,
 * and for conditional ops the condition, for guest accesses the memop. */
typedef struct Variant {
    const OpInfo *op;
    char forms[8];      /* one of m k i r e 0..5 (x..v before canon) per input */
    char out;           /* m, or R or 0..5 (X..V): the output's register */
    int cond;           /* _c<cond>, or -1 */
    int mop;            /* guest access: size|sign|be, or -1 */
    bool align, tbi;    /* guest access: the a and t suffixes */
    bool sys;           /* guest access: the s suffix (system mode) */
} Variant;

/* Names written so far (the profile list may repeat the base set). */
static char **names;
static unsigned nnames, capnames;

static unsigned name_hash(const char *s)
{
    unsigned h = 5381;
    while (*s) {
        h = h * 33 + (unsigned char)*s++;
    }
    return h;
}

/* True the first time name is seen. */
static bool name_new(const char *name)
{
    if (nnames * 2 >= capnames) {
        unsigned ncap = capnames ? capnames * 2 : 8192;
        char **n = calloc(ncap, sizeof(char *));
        for (unsigned i = 0; i < capnames; i++) {
            if (names[i]) {
                unsigned h = name_hash(names[i]) & (ncap - 1);
                while (n[h]) {
                    h = (h + 1) & (ncap - 1);
                }
                n[h] = names[i];
            }
        }
        free(names);
        names = n;
        capnames = ncap;
    }
    unsigned h = name_hash(name) & (capnames - 1);
    for (; names[h]; h = (h + 1) & (capnames - 1)) {
        if (!strcmp(names[h], name)) {
            return false;
        }
    }
    names[h] = strdup(name);
    nnames++;
    return true;
}

static void emitf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
}

/* A call to a LEAVE hole (holes.h): it never returns to the stencil, and
 * is written as an asm so that GCC adds no stack alignment around it (the
 * callee pops the return address and leaves with the stack as generated
 * code has it, jit-emit.c). */
#define LEAVE_CALL(hole) "__asm__ volatile(\"call " hole "\"); __builtin_unreachable()"

/* Cache registers.  A stencil names each by its slot, a digit 0..5 (in
 * its forms, and as its output: add_i64_01_2 adds the registers of slots
 * 0 and 1 into the register of slot 2, add_i64_01_0 into slot 0's): the
 * JIT patches the registers' numbers in (stencil-rt.h).  The lists below
 * and the profile may also name them by the letters x y z w u v (outputs
 * X Y Z W U V): canon() renames them to slots, in order of first
 * appearance. */
static bool is_cache_in(char f)
{
    return slot_letter_in(f);
}

static bool is_cache_out(char f)
{
    return slot_letter_out(f);
}

/* A register operand: R or a cache register. */
static bool is_reg_in(char f)
{
    return f == 'r' || is_cache_in(f);
}

/* Renames v's cache registers to slots; false if it names more of them
 * than there are. */
static bool canon(Variant *v)
{
    char keys[sizeof(v->forms) + 1];
    return stencil_slots(v->forms, strlen(v->forms), &v->out, keys) <= 6;
}

/* The register variable of an output or input register letter (after
 * canon). */
static const char *reg_var(char f)
{
    static const char *const slot[] = { "G0", "G1", "G2", "G3", "G4", "G5" };
    return f >= '0' && f <= '5' ? slot[f - '0'] : "R";
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
    case 'r': case '0': case '1': case '2': case '3': case '4': case '5':
        snprintf(b, 64, "((uint%d_t)%s)", w, reg_var(f));
        break;
    default: snprintf(b, 64, "((uint64_t)(uintptr_t)env)"); break;
    }
    return b;
}

/* The stencil name of v, without the st_ prefix. */
static void variant_name(const Variant *v, char *name, size_t size)
{
    int n = snprintf(name, size, "%s%s%s", v->op->name, *v->forms ? "_" : "", v->forms);
    if (v->out != 'm') {
        n += snprintf(name + n, size - n, "_%c", v->out);
    }
    if (v->cond >= 0) {
        n += snprintf(name + n, size - n, "_c%d", v->cond);
    }
    if (v->mop >= 0) {
        snprintf(name + n, size - n, "_o%d%s%s%s", v->mop, v->align ? "a" : "",
                 v->tbi ? "t" : "", v->sys ? "s" : "");
    }
}

/* Opens the stencil of v; false if it was written already. */
/* Per op of the table: whether its base stencil exists (every input and
 * the output in the CPU state), the form the JIT can always narrow to. */
static bool has_base[sizeof(ops) / sizeof(ops[0])];

static bool start(const Variant *v)
{
    char name[96];
    variant_name(v, name, sizeof(name));
    if (!name_new(name)) {
        return false;
    }
    if (v->op >= ops && v->op < ops + sizeof(ops) / sizeof(ops[0]) && v->out == 'm' &&
        strspn(v->forms, "m") == strlen(v->forms)) {
        has_base[v->op - ops] = true;
    }
    emitf("\nvoid st_%s(void)\n{\n", name);
    count++;
    return true;
}

/* Opens a stencil of fixed form. */
static void start_named(const char *name)
{
    name_new(name);
    emitf("\nvoid st_%s(void)\n{\n", name);
    count++;
}

/* The output statement: to operand 0 in memory, or to a register. */
static void put_out(const Variant *v, int w, const char *expr)
{
    if (v->out != 'm') {
        emitf("    %s = (uint%d_t)(%s);\n", reg_var(v->out), w, expr);
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

static bool in_list(const char *name, const char *const *list)
{
    for (; *list; list++) {
        if (!strcmp(name, *list)) {
            return true;
        }
    }
    return false;
}

/* Ops of the kinds tcg-eval.h's tcg_eval2 and tcg_eval1 compute. */
static bool is_binary(const OpInfo *op)
{
    return op->kind == TCG_KIND_BINARY;
}

static bool is_eval_unary(const OpInfo *op)
{
    return op->kind == TCG_KIND_UNARY && op->pair;
}

static bool is_host_mem(const OpInfo *op)
{
    return op->kind == TCG_KIND_HOST_LOAD || op->kind == TCG_KIND_HOST_STORE;
}

/* The 64-bit ops that get every combination of locations (the A64 front
 * end computes in 64 bits; 32-bit guest ops are these plus ext32u).  A
 * policy, chosen for speed from measurements, not a kind: so a list. */
static const char *const hot_binary[] = {
    "add_i64", "sub_i64", "and_i64", "or_i64", "xor_i64", "shl_i64", "shr_i64",
    "sar_i64", "andc_i64", "mul_i64", NULL,
};
static const char *const hot_unary[] = {
    "ext32u_i64", "ext32s_i64", "neg_i64", "not_i64", "ext8u_i64", "ext16u_i64",
    "ext8s_i64", "ext16s_i64", NULL,
};

/* Shifts (TCG_OPF_SHIFT) by a constant: the i form is one instruction
 * with an imm8 field (R_X86_64_8; the JIT passes counts below the width
 * only).  The x86 instruction of each: the host's, so a table here. */
static const char *shift_insn(const OpInfo *op)
{
    static const char *const insn[][2] = {
        { "shl", "shl" }, { "shr", "shr" }, { "sar", "sar" }, { "rotl", "rol" },
        { "rotr", "ror" },
    };
    size_t l = strlen(op->name) - 4;    /* without _i32 or _i64 */
    for (unsigned s = 0; s < sizeof(insn) / sizeof(insn[0]); s++) {
        if (strlen(insn[s][0]) == l && !strncmp(op->name, insn[s][0], l)) {
            return insn[s][1];
        }
    }
    fprintf(stderr, "gen-stencils: no x86 instruction for shift %s\n", op->name);
    exit(1);
}

/* The expression of a unary op with input text a (or NULL: no such op). */
static bool unary_expr(const OpInfo *op, const char *a, char *e, size_t size)
{
    const char *n = op->name;
    int w = width(op);
    if (!strncmp(n, "ctpop", 5)) {
        /* The x86-64 baseline has no popcnt, and GCC would call libgcc. */
        snprintf(e, size, "stencil_popcount(%s)", a);
    } else if (is_eval_unary(op)) {
        snprintf(e, size, "tcg_eval1_%d(%s, %s)", w, base32(n), a);
    } else if (!strcmp(n, "ext32s_i64") || !strcmp(n, "ext_i32_i64")) {
        snprintf(e, size, "(uint64_t)(int64_t)(int32_t)%s", a);
    } else if (!strcmp(n, "ext32u_i64") || !strcmp(n, "extu_i32_i64")) {
        snprintf(e, size, "(uint64_t)(uint32_t)%s", a);
    } else if (!strcmp(n, "bswap64_i64")) {
        snprintf(e, size, "__builtin_bswap64(%s)", a);
    } else if (!strcmp(n, "extrl_i64_i32")) {
        snprintf(e, size, "(uint32_t)%s", a);
    } else if (!strcmp(n, "extrh_i64_i32")) {
        snprintf(e, size, "(uint32_t)(%s >> 32)", a);
    } else {
        return false;
    }
    return true;
}

/* The width an unary op reads its input at. */
static int unary_in_width(const OpInfo *op)
{
    const char *n = op->name;
    if (!strcmp(n, "ext_i32_i64") || !strcmp(n, "extu_i32_i64")) {
        return 32;
    }
    return width(op) == 32 && strncmp(n, "extr", 4) ? 32 : 64;
}

static void gen_binary(const Variant *v)
{
    const OpInfo *op = v->op;
    int w = width(op);
    if (v->forms[1] == 'i' && (op->flags & TCG_OPF_SHIFT)) {
        const char *insn = shift_insn(op);
        /* 32 bits: the instruction reads only the low half and clears
         * the high one, so a register operand is passed whole and the
         * result stored whole (no mov r32, r32 either side). */
        bool reg_in = is_reg_in(v->forms[0]);
        if (reg_in && !strcmp(insn, "ror")) {
            /* The BMI set: rorx copies and rotates (no mov first). */
            emitf("#ifdef __BMI2__\n"
                  "    uint64_t v;\n"
                  "    __asm__(\"rorx%c $_JIT_K2, %%%s1, %%%s0\" : \"=r\"(v) : \"r\"(%s));\n"
                  "#else\n", w == 64 ? 'q' : 'l', w == 64 ? "" : "k",
                  w == 64 ? "" : "k", rd(v->forms[0], 1, 64));
        }
        emitf("    uint64_t v = %s;\n"
              "    __asm__(\"%s%c $_JIT_K2, %%%s0\" : \"+r\"(v) : : \"cc\");\n",
              rd(v->forms[0], 1, reg_in ? 64 : w), insn,
              w == 64 ? 'q' : 'l', w == 64 ? "" : "k");
        if (reg_in && !strcmp(insn, "ror")) {
            emitf("#endif\n");
        }
        if (v->out != 'm') {
            emitf("    %s = v;\n", reg_var(v->out));
        } else {
            put_out(v, w, "v");
        }
        return;
    }
    char e[256];
    snprintf(e, sizeof(e), "tcg_eval2_%d(%s, %s, %s)", w, base32(op->name),
             rd(v->forms[0], 1, w), rd(v->forms[1], 2, w));
    put_out(v, w, e);
}

static void gen_cond(const Variant *v)
{
    const OpInfo *op = v->op;
    int w = width(op);
    const char *is64 = w == 64 ? "true" : "false";
    const char *f = v->forms;
    if (op->kind == TCG_KIND_SELECT) {
        /* Both values loaded first: a cmov, not a branch that a
         * data-dependent csel would mispredict. */
        char e[256];
        emitf("    uint%d_t t = %s, e = %s;\n", w, rd(f[2], 3, w), rd(f[3], 4, w));
        snprintf(e, sizeof(e), "tcg_eval_cond(%d, %s, %s, %s) ? t : e", v->cond,
                 rd(f[0], 1, w), rd(f[1], 2, w), is64);
        put_out(v, w, e);
    } else if (op->kind == TCG_KIND_BRANCH) {
        /* Likely-taken as far as GCC knows, so that it lays the jump to
         * CONT out last, where the extractor strips it. */
        emitf("    if (__builtin_expect(tcg_eval_cond(%d, %s, %s, %s), 1)) {\n"
              "        _JIT_TARGET();\n        return;\n    }\n",
              v->cond, rd(f[0], 0, w), rd(f[1], 1, w), is64);
    } else {
        char e[256];
        snprintf(e, sizeof(e), "tcg_eval_cond(%d, %s, %s, %s)", v->cond,
                 rd(f[0], 1, w), rd(f[1], 2, w), is64);
        put_out(v, w, e);
    }
}

/* Host loads and stores relative to a pointer operand plus C0. */
static const char *host_mem_type(const OpInfo *op)
{
    static const struct { const char *prefix; const char *type; } types[] = {
        { "ld8u", "uint8_t" }, { "ld8s", "int8_t" }, { "ld16u", "uint16_t" },
        { "ld16s", "int16_t" }, { "ld32u", "uint32_t" }, { "ld32s", "int32_t" },
        { "ld_i32", "uint32_t" }, { "ld_i64", "uint64_t" },
        { "st8", "uint8_t" }, { "st16", "uint16_t" }, { "st32", "uint32_t" },
        { "st_i32", "uint32_t" }, { "st_i64", "uint64_t" },
    };
    for (unsigned t = 0; t < sizeof(types) / sizeof(types[0]); t++) {
        if (!strncmp(op->name, types[t].prefix, strlen(types[t].prefix))) {
            return types[t].type;
        }
    }
    return NULL;
}

static void gen_host_mem(const Variant *v)
{
    const char *type = host_mem_type(v->op);
    int w = width(v->op);
    if (v->op->kind == TCG_KIND_HOST_LOAD) {
        char e[128];
        snprintf(e, sizeof(e), "(uint%d_t)*(const %s *)(uintptr_t)(%s + CS32(0))",
                 w, type, rd(v->forms[0], 1, 64));
        put_out(v, w, e);
    } else {
        emitf("    *(%s *)(uintptr_t)(%s + CS32(0)) = (%s)%s;\n", type,
              rd(v->forms[1], 1, 64), type, rd(v->forms[0], 0, w));
    }
}

/* Guest loads and stores inline, one stencil per memop (size, sign,
 * endianness), alignment check (a) and top-byte-ignore (t) or system mode
 * (s), suffix _o<memop>[a][t|s]; the helper-only ones (no suffix) remain
 * for the JIT to fall back on.  User mode, as guest_access_prepare:
 * alignment (mask C1) first, then the range: without t, addr <= K4 (the
 * last address at which the access still fits); with t, addr < 2^bits,
 * untagged (see below); host = GUEST_BASE (a displacement) + addr.
 * System mode: alignment, then the soft TLB (below); host = addr + the
 * entry's addend.
 * Anything else goes to the run-time function, which raises; it gets the
 * cache registers too, to write back the guest registers they hold, and
 * finds the memop in the access's fault map (tcg/x86_64/jit.c).  The run-time
 * functions are cold (stencil-rt.h), so GCC puts that path in a section of
 * its own, the stencil's cold part, which the JIT places after the block:
 * the inline code is the check, one jcc and the access.  The check's
 * "shr" sets ZF itself (a flag output), so no "test" follows it.  A host fault on the access itself is a guest fault:
 * the SIGSEGV handler recognises generated code. */
/* The access itself, at host address h (declared by the caller). */
static void gen_host_access(const Variant *v)
{
    static const char *const utype[] = { "uint8_t", "uint16_t", "uint32_t", "uint64_t" };
    static const char *const stype[] = { "int8_t", "int16_t", "int32_t", "int64_t" };
    static const char *const bswap[] = { "", "__builtin_bswap16", "__builtin_bswap32",
                                         "__builtin_bswap64" };
    int w = width(v->op);
    bool load = v->op->name[5] == 'l';
    unsigned size = v->mop & MO_SIZE;
    if (load) {
        char e[128];
        emitf("        %s v = *h;\n", utype[size]);
        if (v->mop & MO_BE) {
            emitf("        v = %s(v);\n", bswap[size]);
        }
        snprintf(e, sizeof(e), "(uint%d_t)(%s)v", w,
                 (v->mop & MO_SIGN) ? stype[size] : utype[size]);
        put_out(v, w, e);
    } else {
        emitf("        %s v = (%s)%s;\n", utype[size], utype[size], rd(v->forms[0], 0, w));
        if (v->mop & MO_BE) {
            emitf("        v = %s(v);\n", bswap[size]);
        }
        emitf("        *h = v;\n");
    }
}

static void gen_guest_access(const Variant *v)
{
    static const char *const utype[] = { "uint8_t", "uint16_t", "uint32_t", "uint64_t" };
    int w = width(v->op);
    bool load = v->op->name[5] == 'l';
    unsigned size = v->mop & MO_SIZE;
    /* A register operand is read where needed (a): GCC would copy a
     * variable holding it, which it must assume the slow path's call
     * changes, to rdi on the inline path too.  The check copies it inside
     * its asm for the same reason. */
    char form = v->forms[load ? 0 : 1];
    const char *addr = rd(form, 1, 64), *a = addr;
    if (!is_reg_in(form)) {
        emitf("    uint64_t a = %s;\n", addr);
        a = "a";
    }
    char misaligned[96] = "";
    if (v->align) {
        snprintf(misaligned, sizeof(misaligned), "(%s & C32(1)) != 0 || ", a);
    }
    if (v->sys) {
        /* System mode: the soft TLB's hit path.  rbp has the vCPU's
         * entries (jit_exec), CS32(2) is the offset of the access's MMU
         * index among them, and the page's entry is at addr shifted by
         * (page bits - entry bits), masked to the index (tcg/guest-mem.h's
         * geometry).  A hit: the tag for the access equals the page of
         * its last byte, so an access crossing into the next page never
         * hits (that page's entry is another one); MMIO pages, pages the
         * walk forbids this access and empty entries have the tag -1. */
        emitf("    const uint8_t *e = TLB_TABLE + CS32(2) + ((%s >> %d) & 0x%x);\n", a,
              GUEST_PAGE_BITS - GUEST_TLB_ENTRY_BITS,
              ((1u << GUEST_TLB_BITS) - 1) << GUEST_TLB_ENTRY_BITS);
        emitf("    if (__builtin_expect(%s*(const uint64_t *)(e + %d) !=\n"
              "                         ((%s + %u) & ~0x%xull), 0)) {\n",
              misaligned, load ? GUEST_TLB_TAG_READ : GUEST_TLB_TAG_WRITE, a,
              (1u << size) - 1, (1u << GUEST_PAGE_BITS) - 1);
    } else if (v->tbi) {
        /* Inline only an untagged address below 2^bits (no bit of
         * addr_high_bits, rbp: one test): then the host address is
         * GUEST_BASE + addr, computed from addr alone so that the load
         * need not wait for the check.  A tagged address takes the slow
         * path, which does the access (top-byte-ignore).  The last bytes
         * of an access at the very top may lie past the space, in its
         * guard (user.h). */
        emitf("    _Bool tagged;\n"
              "    __asm__(\"testq %%%%rbp, %%1\" : \"=@ccnz\"(tagged) : \"rm\"(%s));\n"
              "    if (__builtin_expect(%stagged, 0)) {\n", a, misaligned);
    } else {
        emitf("    if (__builtin_expect(%s%s > K64(4), 0)) {\n", misaligned, a);
    }
    if (load) {
        emitf("        uint64_t r = _JIT_RT_ld(%s);\n", addr);
        put_out(v, w, "r");
    } else {
        emitf("        _JIT_RT_st(%s, %s);\n", addr, rd(v->forms[0], 0, w));
    }
    emitf("    } else {\n");
    if (v->sys) {
        emitf("        %s *h = (%s *)(%s + *(const uintptr_t *)(e + %d));\n", utype[size],
              utype[size], a, GUEST_TLB_ADDEND);
    } else {
        emitf("        uint64_t c = %s;\n", a);
        emitf("        %s *h = (%s *)(GUEST_BASE + c);\n", utype[size], utype[size]);
    }
    gen_host_access(v);
    emitf("    }\n");
}

/* fbinop_i64 (tcg-opc.h), kind v->cond: the host's SSE operation inline,
 * the checks that it is exactly the guest's (the mode word C2 masked with
 * K5 equal to K6, tcg_eval_fbinop_host), the fallback in the cold part. */
static void gen_fbinop(const Variant *v)
{
    /* (The call reads its operands again, as gen_guest_access's does.) */
    const char *a = rd(v->forms[0], 1, 64), *b = rd(v->forms[1], 2, 64);
    emitf("    uint64_t r;\n");
    emitf("    if (__builtin_expect((*(const uint64_t *)(env + CS32(2)) & K64(5)) != K64(6) ||\n"
          "                         !tcg_eval_fbinop_host(%d, %s, %s, &r), 0)) {\n"
          "        r = _JIT_FPSLOW(env, %s, %s, K64(4));\n"
          "    }\n", v->cond, a, b, a, b);
    put_out(v, 64, "r");
}

/* The table argument of tcg_eval_funop_host for kind: the EST hole
 * where it reads the table. */
static const char *est_table(int kind)
{
    unsigned op = kind & TCG_FU_OP;
    return op == TCG_FU_RECPE || op == TCG_FU_RSQRTE ? "EST_TABLE" : "(const uint8_t *)0";
}

/* funop_i64 (tcg-opc.h), kind v->cond: as gen_fbinop, the fallback's
 * third argument K3, the fraction bits C0. */
static void gen_funop(const Variant *v)
{
    const char *a = rd(v->forms[0], 1, 64);
    emitf("    uint64_t r;\n");
    emitf("    if (__builtin_expect((*(const uint64_t *)(env + CS32(2)) & K64(5)) != K64(6) ||\n"
          "                         !tcg_eval_funop_host(%d, %s, C32(0), %s, &r), 0)) {\n"
          "        r = _JIT_FPSLOW(env, %s, K64(3), K64(4));\n"
          "    }\n", v->cond, a, est_table(v->cond), a);
    put_out(v, 64, "r");
}

/* fbinop_vec (tcg-opc.h), kind k: O0 = d, O1 = n, O2 = m, O3 the mode
 * word, K4 the fallback, K5/K6 mask and val.  Packed SSE inline, with the
 * one test both backends make (tcg_eval_fbinop_vec_host); else the lanes
 * one by one through the fallback (GCC keeps that path inline, after a
 * jump, rather than in a cold part). */
static void gen_fbinop_vec(int kind)
{
    /* The fallback's lanes go straight to d: lane k of d overlaps lane k
     * of n and m alone, and nothing stays in a register across a call
     * (a stencil has no callee-saved register, nor a stack frame). */
    int lane = kind & TCG_FP_F64 ? 8 : 4;
    emitf("    if (__builtin_expect((*(const uint64_t *)(env + (intptr_t)_JIT_O3) & K64(5)) != K64(6) ||\n"
          "                         !tcg_eval_fbinop_vec_host(%d, env + (intptr_t)_JIT_O1,\n"
          "                                                   env + (intptr_t)_JIT_O2,\n"
          "                                                   env + (intptr_t)_JIT_O0), 0)) {\n",
          kind);
    for (int k = 0; k < 16; k += lane) {
        const char *t = lane == 8 ? "uint64_t" : "uint32_t";
        /* (d's address after the call, or GCC keeps env's old value;
         * volatile lanes, or it keeps the inline part's loads.) */
        emitf("        {\n"
              "            %s x = _JIT_FPSLOW(env, *(volatile %s *)(env + (intptr_t)_JIT_O1 + %d),\n"
              "                               *(volatile %s *)(env + (intptr_t)_JIT_O2 + %d),\n"
              "                               K64V(4));\n"
              "            *(%s *)(env + (intptr_t)_JIT_O0 + %d) = x;\n"
              "        }\n",
              t, t, k, t, k, t, k);
    }
    emitf("    }\n");
}

/* funop_vec (tcg-opc.h), kind k: O0 = d, O1 = n, O3 the mode word, K3
 * the fallback's argument, K4 the fallback, K5/K6 mask and val, C0 the
 * fraction bits: as fbinop_vec, lane by lane. */
static void gen_funop_vec(int kind)
{
    int lane = kind & TCG_FU_F64 ? 8 : 4, size = kind & TCG_FU_Q ? 16 : 8;
    const char *t = lane == 8 ? "uint64_t" : "uint32_t";
    emitf("    if (__builtin_expect((*(const uint64_t *)(env + (intptr_t)_JIT_O3) & K64(5)) != K64(6) ||\n"
          "                         !tcg_eval_funop_vec_host(%d, env + (intptr_t)_JIT_O1, C32(0),\n"
          "                                                  %s, env + (intptr_t)_JIT_O0), 0)) {\n",
          kind, est_table(kind));
    for (int k = 0; k < size; k += lane) {
        emitf("        {\n"
              "            %s x = _JIT_FPSLOW(env, *(volatile %s *)(env + (intptr_t)_JIT_O1 + %d),\n"
              "                               K64V(3), K64V(4));\n"
              "            *(%s *)(env + (intptr_t)_JIT_O0 + %d) = x;\n"
              "        }\n",
              t, t, k, t, k);
    }
    if (size == 8) {
        emitf("        *(volatile uint64_t *)(env + (intptr_t)_JIT_O0 + 8) = 0;\n");
    }
    emitf("    }\n");
}

/* fmuladd_vec (tcg-opc.h), kind k: O0-O3 = d, n, m, a, O4 the mode word,
 * K1/K2 the fallback's desc and regs, K4 the fallback, K5/K6 mask and
 * val.  In the baseline set (no FMA) only the fallback: the op is not
 * emitted there (tcg_host_isa_extended), but every op has a stencil. */
static void gen_fmuladd_vec(int kind)
{
    emitf("#ifdef __FMA__\n"
          "    if (__builtin_expect((*(const uint64_t *)(env + (intptr_t)_JIT_O4) & K64(5)) != K64(6) ||\n"
          "                         !tcg_eval_fmuladd_host(%d, env + (intptr_t)_JIT_O1,\n"
          "                                                env + (intptr_t)_JIT_O2,\n"
          "                                                env + (intptr_t)_JIT_O3,\n"
          "                                                env + (intptr_t)_JIT_O0), 0))\n"
          "#endif\n"
          "    {\n"
          "        _JIT_FPSLOW(env, K64V(1), K64V(2), K64V(4));\n"
          "    }\n", kind);
}

/* vop_vec (tcg-opc.h), kind k: O0 = d, O1 = n, O2 = m, C0 = imm, O3 and
 * C1 the saturation flag's word and bit. */
static void gen_vop_vec(int kind)
{
    emitf("    tcg_eval_vop_vec(%d, env + (intptr_t)_JIT_O1, env + (intptr_t)_JIT_O2,\n"
          "                     env + (intptr_t)_JIT_O0, C32(0),\n"
          "                     (uint32_t *)(env + (intptr_t)_JIT_O3), C32(1));\n", kind);
}

/* Writes the stencil of v (once). */
static void gen_variant(const Variant *named)
{
    Variant canonical = *named, *v = &canonical;
    if (!canon(v)) {
        return;
    }
    const OpInfo *op = v->op;
    const char *n = op->name;
    char e[256];
    if (v->mop < 0 && !is_binary(op) && v->forms[0] == 'i' &&
        unary_expr(op, "%s", e, sizeof(e)) && strstr(e, "(uint32_t)%s")) {
        return;     /* no i form (see gen_op); the JIT narrows to k */
    }
    if (!start(v)) {
        return;
    }
    if (v->mop >= 0) {
        gen_guest_access(v);
    } else if (!strcmp(n, "fbinop_i64")) {
        gen_fbinop(v);
    } else if (!strcmp(n, "funop_i64")) {
        gen_funop(v);
    } else if (!strncmp(n, "lea", 3)) {
        snprintf(e, sizeof(e), "%s + (%s << %c)", rd(v->forms[0], 1, 64),
                 rd(v->forms[1], 2, 64), n[3]);
        put_out(v, 64, e);
    } else if (is_binary(op)) {
        gen_binary(v);
    } else if (unary_expr(op, rd(v->forms[0], 1, unary_in_width(op)), e, sizeof(e))) {
        put_out(v, width(op), e);
    } else if (v->cond >= 0) {
        gen_cond(v);
    } else if (is_host_mem(op)) {
        gen_host_mem(v);
    } else if ((!strncmp(n, "extract", 7) && n[7] == '_') || !strncmp(n, "sextract", 8)) {
        const char *in = rd(v->forms[0], 1, width(op));
        if (n[0] == 'e') {
            snprintf(e, sizeof(e), "tcg_eval_extract(%s, C32(0), C32(1))", in);
        } else if (width(op) == 32) {
            snprintf(e, sizeof(e), "tcg_eval_sextract((uint64_t)%s << 32, C32(0) + 32, C32(1))", in);
        } else {
            snprintf(e, sizeof(e), "tcg_eval_sextract(%s, C32(0), C32(1))", in);
        }
        put_out(v, width(op), e);
    } else if (!strncmp(n, "deposit", 7)) {
        int w = width(op);
        snprintf(e, sizeof(e), "tcg_eval_deposit(%s, %s, C32(0), C32(1))",
                 rd(v->forms[0], 1, w), rd(v->forms[1], 2, w));
        put_out(v, w, e);
    } else if (!strncmp(n, "extract2", 8)) {
        /* shrd with an imm8 field (C0); at 32 bits the instruction clears
         * the high half, so registers are passed and stored whole, as for
         * the shifts of gen_binary. */
        int w = width(op);
        bool reg_in = is_reg_in(v->forms[0]);
        bool reg_hi = is_reg_in(v->forms[1]);
        emitf("    uint64_t v = %s, h = %s;\n"
              "    __asm__(\"shrd%c $_JIT_C0, %%%s1, %%%s0\" : \"+r\"(v) : \"r\"(h) : \"cc\");\n",
              rd(v->forms[0], 1, reg_in ? 64 : w), rd(v->forms[1], 2, reg_hi ? 64 : w),
              w == 64 ? 'q' : 'l', w == 64 ? "" : "k", w == 64 ? "" : "k");
        if (v->out != 'm') {
            emitf("    %s = v;\n", reg_var(v->out));
        } else {
            put_out(v, w, "v");
        }
    } else {
        fprintf(stderr, "gen-stencils: no generator for %s\n", n);
        exit(1);
    }
    finish();
}

static Variant variant(const OpInfo *op, const char *forms, char out, int cond)
{
    Variant v = { .op = op, .out = out, .cond = cond, .mop = -1 };
    snprintf(v.forms, sizeof(v.forms), "%s", forms);
    return v;
}

/* Every form of op over the given input forms and outputs. */
static void gen_forms(const OpInfo *op, const char *const *forms, const char *outs,
                      int cond)
{
    for (const char *o = outs; *o; o++) {
        for (const char *const *f = forms; *f; f++) {
            Variant v = variant(op, *f, *o, cond);
            gen_variant(&v);
        }
    }
}

/* Every pair of input locations but two constants or R twice. */
static const char *const *all_pairs(void)
{
    static const char *pairs[65];
    static char buf[64][3];
    if (!pairs[0]) {
        static const char locs[] = "mkirxyzw";
        int n = 0;
        for (int a = 0; locs[a]; a++) {
            for (int b = 0; locs[b]; b++) {
                bool ka = locs[a] == 'k' || locs[a] == 'i', kb = locs[b] == 'k' || locs[b] == 'i';
                if ((ka && kb) || (locs[a] == 'r' && locs[b] == 'r')) {
                    continue;
                }
                buf[n][0] = locs[a];
                buf[n][1] = locs[b];
                pairs[n] = buf[n];
                n++;
            }
        }
    }
    return pairs;
}

/* The kinds each CPU-state op has (tcg.h). */
static bool vop_valid(int kind)
{
    return tcg_vop_valid(kind >> 3, kind & 3);
}

static bool fma_valid(int kind)
{
    return tcg_fma_valid(kind);
}

static bool fp_vec_valid(int kind)
{
    return tcg_fp_vec_op(kind & TCG_FP_OP);
}

static bool fu_vec_valid(int kind)
{
    return tcg_fu_vec_valid(kind);
}

/* One stencil (suffix _c<kind>, operands in the CPU state) for each kind
 * below nkinds that valid accepts, its body by gen. */
static void gen_kinds(const OpInfo *op, int nkinds, bool (*valid)(int),
                      void (*gen)(int))
{
    for (int kind = 0; kind < nkinds; kind++) {
        if (valid(kind)) {
            Variant v = variant(op, "", 'm', kind);
            start(&v);
            gen(kind);
            finish();
        }
    }
}

/* The base set: every op in forms m, k, i and r with outputs m and R, so
 * that the JIT can always narrow a wish down to a stencil that exists;
 * and the moves between every location, which the register cache is made
 * of.  Forms with the cache registers x, y, z beyond the moves come from
 * the measured profile (stencil-variants.txt). */
static void gen_op(const OpInfo *op)
{
    const char *n = op->name;
    static const char *const bin_forms[] = { "mm", "mk", "km", "mi", "im",
                                             "rm", "mr", "rk", "ri", "kr", "ir", NULL };
    static const char *const un_forms[] = { "m", "r", "k", "i", NULL };
    static const char *const un_forms_noi[] = { "m", "r", "k", NULL };
    static const char *const cond_forms[] = { "mm", "mk", "mi", "rm", "rk", "ri", NULL };
    /* Every location, and every pair but two constants or R twice. */
    static const char *const all1[] = { "m", "r", "k", "i", "x", "y", "z", "w", NULL };
    const char *const *all2 = all_pairs();
    char e[256];

    if (!strcmp(n, "rotr_i64") || !strcmp(n, "rotr_i32")) {
        /* By an immediate from every location to every register: the
         * first step of a bit-field extract (tcg-op.h), one rorx in the
         * BMI set. */
        static const char *const rforms[] = { "ri", "xi", "yi", "zi", "wi", "mi", NULL };
        gen_forms(op, rforms, "mRXYZW", -1);
    }
    if (!strcmp(n, "mov_i64")) {
        gen_forms(op, all1, "mRXYZW", -1);
    } else if (in_list(n, hot_binary)) {
        /* The bulk of integer code. */
        gen_forms(op, all2, "mRXYZW", -1);
    } else if (in_list(n, hot_unary)) {
        gen_forms(op, all1, "mRXYZW", -1);
    } else if (is_binary(op)) {
        gen_forms(op, bin_forms, "mR", -1);
    } else if (unary_expr(op, "%s", e, sizeof(e))) {
        /* A truncated symbol is an address computation (lea) to GCC: those
         * ops get no i form. */
        bool noi = strstr(e, "(uint32_t)%s") != NULL;
        gen_forms(op, noi ? un_forms_noi : un_forms, "mR", -1);
        /* The 32-bit extensions read a cache register directly (movzx,
         * movsx: a copy too), as their 64-bit twins do. */
        static const char *const ext32[] = { "ext8s_i32", "ext8u_i32", "ext16s_i32",
                                             "ext16u_i32", NULL };
        static const char *const cache_forms[] = { "x", "y", "z", "w", NULL };
        if (in_list(n, ext32)) {
            gen_forms(op, cache_forms, "mR", -1);
        }
    } else if (op->kind == TCG_KIND_COMPARE || op->kind == TCG_KIND_BRANCH) {
        /* A compare and branch on guest registers or block temps the JIT
         * keeps in cache registers: one cmp + jcc (B.cond after CMP). */
        static const char *const reg_cond_forms[] = {
            "xy", "xz", "xw", "yx", "yz", "yw", "zx", "zy", "zw", "wx", "wy", "wz",
            "xi", "yi", "zi", "wi", "xm", "ym", "zm", "wm", "mx", "my", "mz", "mw",
            "xr", "yr", "zr", "wr", "rx", "ry", "rz", "rw", "xk", "yk", "zk", "wk", NULL,
        };
        for (int c = TCG_COND_EQ; c <= TCG_COND_TSTNE; c++) {
            bool branch = op->kind == TCG_KIND_BRANCH;
            gen_forms(op, cond_forms, branch ? "m" : "mR", c);
            if (branch) {
                gen_forms(op, reg_cond_forms, "m", c);
            } else if (width(op) == 64) {
                /* CSET after CMP: two registers, or one and an imm32. */
                static const char *const set_forms[] = {
                    "xy", "xz", "xw", "yx", "yz", "yw", "zx", "zy", "zw", "wx", "wy", "wz",
                    "xi", "yi", "zi", "wi", NULL,
                };
                gen_forms(op, set_forms, "mR", c);
            }
        }
    } else if (op->kind == TCG_KIND_SELECT) {
        /* The compared-with operand may be a constant (csel after a
         * compare with an immediate, cinc, ...). */
        static const char *const mforms[] = { "mmmm", "mimm", "mkmm", NULL };
        /* CSEL after CMP compares guest registers or block temps in cache
         * registers; the values are read from memory by the cmov itself
         * (a clean guest register is there already). */
        static const char *const rforms[] = {
            "xymm", "xzmm", "xwmm", "yxmm", "yzmm", "ywmm", "zxmm", "zymm", "zwmm",
            "wxmm", "wymm", "wzmm", "ximm", "yimm", "zimm", "wimm", NULL,
        };
        for (int c = TCG_COND_EQ; c <= TCG_COND_TSTNE; c++) {
            gen_forms(op, mforms, "m", c);
            if (width(op) == 64) {
                gen_forms(op, rforms, "mR", c);
            }
        }
    } else if (is_host_mem(op)) {
        static const char *const lforms[] = { "e", "m", NULL };
        static const char *const sforms[] = { "me", "mm", "ke", "km", "ie", "im", NULL };
        gen_forms(op, op->kind == TCG_KIND_HOST_LOAD ? lforms : sforms, "m", -1);
    } else if ((!strncmp(n, "extract", 7) && n[7] == '_') || !strncmp(n, "sextract", 8)) {
        static const char *const xforms[] = { "m", "r", NULL };
        gen_forms(op, xforms, "mR", -1);
    } else if (!strncmp(n, "deposit", 7)) {
        static const char *const dforms[] = { "mm", NULL };
        gen_forms(op, dforms, "m", -1);
    } else if (!strncmp(n, "extract2", 8)) {
        /* EXTR of two guest registers: every pair of locations at 64 bits
         * (mov + shrd), the base set at 32. */
        gen_forms(op, width(op) == 64 ? all2 : bin_forms, "mR", -1);
    } else if (op->kind == TCG_KIND_GUEST_LOAD || op->kind == TCG_KIND_GUEST_STORE) {
        bool load = op->kind == TCG_KIND_GUEST_LOAD;
        int w = width(op);
        for (int size = 0; size <= (w == 64 ? 3 : 2); size++) {
            for (int sign = 0; sign <= (load && size < 3); sign++) {
                for (int be = 0; be <= (size > 0); be++) {
                    for (unsigned k = 0; k < 32; k++) {
                        if ((!load && (k & 4)) || ((k & 8) && (k & 16))) {
                            continue;
                        }
                        Variant v = variant(op, load ? ((k & 2) ? "r" : "m")
                                                     : ((k & 2) ? "mr" : "mm"),
                                            (k & 4) ? 'R' : 'm', -1);
                        v.mop = size | (sign ? MO_SIGN : 0) | (be ? MO_BE : 0);
                        v.align = k & 1;
                        v.tbi = k & 8;
                        v.sys = k & 16;
                        gen_variant(&v);
                    }
                }
            }
        }
        /* Through the run-time function always. */
        Variant v = variant(op, load ? "m" : "mm", 'm', -1);
        if (start(&v)) {
            if (load) {
                emitf("    uint64_t r = _JIT_RT_ld(M64(1));\n"
                      "    M%d(0) = r;\n", w);
            } else {
                emitf("    _JIT_RT_st(M64(1), M%d(0));\n", w);
            }
            finish();
        }
    } else if (!strncmp(n, "atomic_cmpxchg128", 17)) {
        Variant v = variant(op, "mmmmm", 'm', -1);
        start(&v);
        emitf("    unsigned __int128 r = _JIT_RT_cmpxchg128(M64(2), M64(3), M64(4), M64(5), M64(6), C32(0));\n"
              "    M64(0) = (uint64_t)r;\n    M64(1) = (uint64_t)(r >> 64);\n");
        finish();
    } else if (!strncmp(n, "atomic_cmpxchg", 14)) {
        Variant v = variant(op, "mmm", 'm', -1);
        int w = width(op);
        start(&v);
        emitf("    uint64_t r = _JIT_RT_cmpxchg(M64(1), M%d(2), M%d(3), C32(0));\n"
              "    M%d(0) = r;\n", w, w, w);
        finish();
    } else if (!strncmp(n, "atomic_rmw", 10)) {
        Variant v = variant(op, "mm", 'm', -1);
        int w = width(op);
        start(&v);
        emitf("    uint64_t r = _JIT_RT_rmw(M64(1), M%d(2), C32(0), C32(1));\n"
              "    M%d(0) = r;\n", w, w);
        finish();
    } else if (!strcmp(n, "fbinop_i64")) {
        /* One set per kind (suffix _c<kind>); the second operand never in R. */
        static const char *const fforms[] = {
            "mm", "mx", "my", "mz", "mw", "rm", "rx", "ry", "rz", "rw",
            "xm", "xx", "xy", "xz", "xw", "ym", "yx", "yy", "yz", "yw",
            "zm", "zx", "zy", "zz", "zw", "wm", "wx", "wy", "wz", "ww", NULL };
        for (int kind = 0; kind <= (TCG_FP_OP | TCG_FP_F64); kind++) {
            if (tcg_fp_scalar_op(kind & TCG_FP_OP)) {
                gen_forms(op, fforms, "mR", kind);
            }
        }
    } else if (!strcmp(n, "funop_i64")) {
        static const char *const uforms[] = { "m", "r", "x", NULL };
        for (int kind = 0; kind < TCG_FU_KINDS; kind++) {
            if (tcg_fu_valid(kind)) {
                gen_forms(op, uforms, "mR", kind);
            }
        }
    } else if (!strcmp(n, "vop_vec")) {
        gen_kinds(op, TCG_VOP_KINDS, vop_valid, gen_vop_vec);
    } else if (!strcmp(n, "fmuladd_vec")) {
        gen_kinds(op, TCG_FMA_KINDS, fma_valid, gen_fmuladd_vec);
    } else if (!strcmp(n, "fbinop_vec")) {
        gen_kinds(op, (TCG_FP_OP | TCG_FP_F64) + 1, fp_vec_valid, gen_fbinop_vec);
    } else if (!strcmp(n, "funop_vec")) {
        gen_kinds(op, TCG_FU_KINDS, fu_vec_valid, gen_funop_vec);
    } else if (!strcmp(n, "insn_start")) {
        /* C0: offset of CPUState.insn_pc; K0: the guest pc. */
        Variant v = variant(op, "", 'm', -1);
        start(&v);
        emitf("    *(uint64_t *)(env + CS32(0)) = K64(0);\n");
        finish();
        /* The same for a pc in [0, 2^31): one instruction. */
        v = variant(op, "i", 'm', -1);
        start(&v);
        emitf("    *(uint64_t *)(env + CS32(0)) = (uintptr_t)_JIT_K0;\n");
        finish();
    } else if (!strcmp(n, "mb")) {
        Variant v = variant(op, "", 'm', -1);
        start(&v);
        emitf("    __atomic_thread_fence(__ATOMIC_SEQ_CST);\n");
        finish();
    }
    /* set_label, br, exit_tb, goto_tb, lookup_and_goto_ptr, push_return,
     * call, discard:
     * handled by the fixed stencils below or by the JIT alone. */
}

/* The fused shift-and-add of lea[]: every pair of locations, as the hot
 * binary ops, to memory or R. */
static void gen_lea(const OpInfo *op)
{
    const char *const *forms = all_pairs();
    gen_forms(op, forms, "mR", -1);
}

/* Parses a stencil name (without st_) of the profile list into v. */
static bool parse_variant(const char *name, Variant *v)
{
    const OpInfo *best = NULL;
    size_t blen = 0;
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        size_t l = strlen(ops[i].name);
        if (l > blen && !strncmp(name, ops[i].name, l) && (name[l] == '_' || !name[l])) {
            best = &ops[i];
            blen = l;
        }
    }
    if (!best) {
        return false;
    }
    *v = variant(best, "", 'm', -1);
    const char *p = name + blen;
    if (*p == '_' && p[1] && strchr("mkirexyzwuv012345", p[1])) {
        size_t l = strspn(p + 1, "mkirexyzwuv012345");
        if (l >= sizeof(v->forms)) {
            return false;
        }
        memcpy(v->forms, p + 1, l);
        v->forms[l] = 0;
        p += 1 + l;
    }
    if (*p == '_' && p[1] && strchr("RXYZWUV012345", p[1]) && (p[2] == '_' || !p[2])) {
        v->out = p[1];
        p += 2;
    }
    if (p[0] == '_' && p[1] == 'c') {
        v->cond = strtol(p + 2, (char **)&p, 10);
    }
    if (p[0] == '_' && p[1] == 'o') {
        v->mop = strtol(p + 2, (char **)&p, 10);
        v->align = *p == 'a';
        p += v->align;
        v->tbi = *p == 't';
        p += v->tbi;
        v->sys = *p == 's';
        p += v->sys;
    }
    return *p == 0 && (int)strlen(v->forms) == best->i;
}

static bool parse_call(const char *name);

/* The profile list: one stencil name per line, '#' starts a comment. */
static void gen_profile(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[256];
    if (!f) {
        perror(path);
        exit(1);
    }
    for (int ln = 1; fgets(line, sizeof(line), f); ln++) {
        char *h = strchr(line, '#');
        if (h) {
            *h = 0;
        }
        char name[128];
        if (sscanf(line, "%127s", name) != 1) {
            continue;
        }
        Variant v;
        if (parse_call(name)) {
            continue;
        }
        if (!parse_variant(name, &v)) {
            fprintf(stderr, "%s:%d: not a stencil name: %s\n", path, ln, name);
            exit(1);
        }
        gen_variant(&v);
        if (v.mop >= 0 && !v.sys) {
            /* The same access in system mode: the profile comes from
             * user-mode runs, and the register forms are the same. */
            v.tbi = false;
            v.sys = true;
            gen_variant(&v);
        }
    }
    fclose(f);
}

/* Calls: call<ret><nargs>[_<forms>][_<OUT>], ret v (none), w (i32) or q
 * (i64); the arguments in any input form (e: env itself, 0-5 a cache
 * register's slot), the result to O0, R or a cache register.  Without
 * forms: every argument from the CPU state.  The arguments are read
 * before the call and the result written after it, so any slot may be
 * one of r8-r11, which the helper may change: the extractor checks that
 * from the code (late_slots), and the JIT puts there only arguments that
 * die at the call and the result. */
static void gen_call_variant(char ret, int n, const char *forms, char out)
{
    Variant v = { .out = out, .cond = -1, .mop = -1 };
    snprintf(v.forms, sizeof(v.forms), "%s", forms);
    /* The fifth and sixth arguments go in r8 and r9, which are cache
     * registers (slots 0 and 1 under one binding, others under the
     * other): no cache register operand there, and a register result
     * goes to R (the JIT's narrowing of the _<slot> form it asks for
     * first, then moves it on). */
    if (n > 4 && is_cache_out(v.out)) {
        v.out = 'R';
    }
    if (!canon(&v) || (n > 4 && strpbrk(v.forms, "012345"))) {
        return;
    }
    forms = v.forms;
    out = v.out;
    char name[64];
    snprintf(name, sizeof(name), "call%c%d%s%s%s%c", ret, n, *forms ? "_" : "", forms,
             out != 'm' ? "_" : "", out != 'm' ? out : 0);
    if (!name_new(name)) {
        return;
    }
    emitf("\nvoid st_%s(void)\n{\n", name);
    count++;
    /* The result goes through a local, so that GCC computes the output
     * address after the call rather than keeping it live (on the stack)
     * across it. */
    emitf("    %s((%s (*)(", ret == 'v' ? "" : "uint64_t r = ",
          ret == 'v' ? "void" : "uint64_t");
    for (int a = 0; a < n; a++) {
        emitf("%suint64_t", a ? ", " : "");
    }
    emitf("%s))(void *)_JIT_HELPER)(", n ? "" : "void");
    for (int a = 0; a < n; a++) {
        emitf("%s%s", a ? ", " : "", rd(*forms ? forms[a] : 'm', a + 1, 64));
    }
    emitf(");\n");
    if (ret != 'v') {
        int w = ret == 'w' ? 32 : 64;
        if (out == 'm') {
            emitf("    M%d(0) = r;\n", w);
        } else {
            emitf("    %s = (uint%d_t)r;\n", reg_var(out), w);
        }
    }
    finish();
}

/* The base set: the first argument env or in memory, the others in
 * memory or small constants (descriptors, register numbers). */
static void gen_calls(void)
{
    static const char rets[] = "vwq";
    for (int r = 0; r < 3; r++) {
        for (int n = 0; n <= 6; n++) {
            gen_call_variant(rets[r], n, "", 'm');
            for (unsigned bits = 0; n && bits < (1u << n); bits++) {
                char forms[8];
                for (int a = 0; a < n; a++) {
                    forms[a] = (bits >> a) & 1 ? (a ? 'i' : 'e') : 'm';
                }
                forms[n] = 0;
                gen_call_variant(rets[r], n, forms, 'm');
            }
        }
    }
}

/* A call variant of the profile list, or false if name is not one. */
static bool parse_call(const char *name)
{
    char ret, forms[8] = "", out = 'm';
    int n, used = 0;
    if (sscanf(name, "call%c%d%n", &ret, &n, &used) != 2 || !strchr("vwq", ret) ||
        n < 0 || n > 6) {
        return false;
    }
    const char *p = name + used;
    if (*p == '_' && strchr("mkirexyzwuv012345", p[1]) && p[1]) {
        size_t l = strspn(p + 1, "mkirexyzwuv012345");
        if ((int)l != n) {
            return false;
        }
        memcpy(forms, p + 1, l);
        forms[l] = 0;
        p += 1 + l;
    }
    if (*p == '_' && p[1] && strchr("RXYZWUV012345", p[1]) && !p[2]) {
        out = p[1];
        p += 2;
    }
    if (*p) {
        return false;
    }
    gen_call_variant(ret, n, forms, out);
    return true;
}

int main(int argc, char **argv)
{
    if (argc != 3 || !(out = fopen(argv[1], "w"))) {
        fprintf(stderr, "usage: gen-stencils OUT.c VARIANTS.txt\n");
        return 1;
    }
    emitf("/* Generated by tcg/x86_64/gen-stencils.c: do not edit. */\n"
          "#include \"tcg/x86_64/stencil-rt.h\"\n");
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        gen_op(&ops[i]);
    }
    /* a + (b << n), n = 1..3: one lea, for the JIT's fusion of an add_i64
     * with the shl_i64 before it (fuse_lea in tcg/x86_64/jit.c). */
    static const OpInfo lea[] = {
        { "lea1_i64", 1, 2, 0, TCG_OPF_64BIT, TCG_KIND_OTHER, false },
        { "lea2_i64", 1, 2, 0, TCG_OPF_64BIT, TCG_KIND_OTHER, false },
        { "lea3_i64", 1, 2, 0, TCG_OPF_64BIT, TCG_KIND_OTHER, false },
    };
    for (int i = 0; i < 3; i++) {
        gen_lea(&lea[i]);
    }
    gen_profile(argv[2]);
    gen_calls();

    /* Block entry: leave with (tb | TB_EXIT_REQUESTED) if asked to.  C0 is
     * the offset of CPUState.exit_request, K0 the return value.  Leaving
     * is the cold part: the entry is a compare and a branch not taken.
     * Only for a block with an exit the JIT cannot test on (jit.c's
     * lower_goto_tb: the test is on backward exits). */
    start_named("tb_start");
    emitf("    if (__builtin_expect(*(volatile int *)(env + CS32(0)) != 0, 0)) {\n"
          "        _JIT_RETURN_COLD(K64(0));\n        return;\n    }\n");
    finish();

    /* Terminators. */
    emitf("\nvoid st_T_exit_tb(void)\n{\n    _JIT_RETURN(K64(0));\n}\n");
    emitf("\nvoid st_T_br(void)\n{\n    _JIT_TARGET();\n}\n");
    /* br_exit_clear: to TARGET unless exit_request (C0: its offset). */
    start_named("br_exit_clear");
    emitf("    if (__builtin_expect(*(volatile int *)(env + CS32(0)) == 0, 1)) {\n"
          "        _JIT_TARGET();\n        return;\n    }\n");
    finish();
    emitf("\nvoid st_T_goto_tb(void)\n{\n    _JIT_TARGET();\n}\n");
    emitf("\nvoid st_T_goto_exit(void)\n{\n    %s;\n}\n", LEAVE_CALL("_JIT_RT_goto_exit"));
    /* goto_tb with the exit request test (C0: the offset of
     * CPUState.exit_request) on a backward exit (jit.c): "jne +5; jmp
     * TARGET; call" -- the call is also the unlinked path. */
    emitf("\nvoid st_T_goto_tb_check(void)\n{\n"
          "    if (__builtin_expect(*(volatile int *)(env + CS32(0)) != 0, 0)) {\n"
          "        %s;\n    }\n    _JIT_TARGET();\n}\n", LEAVE_CALL("_JIT_RT_goto_exit"));
    /* goto_tb_check that also counts the block's hot_count down (K0: its
     * address) where hot regions are on (-accel tcg,tier2=N): at zero it
     * leaves with K2 (tb | TB_EXIT_HOT) and the pc (O0) set to the
     * destination (K1), whose loop the loop makes a region.  The same
     * layout as goto_tb_check: "jmp TARGET" then the exit's call. */
    emitf("%s", "\nvoid st_T_goto_tb_hot(void)\n{\n"
                "    __asm__ volatile goto(\"cmpl $0, _JIT_C0(%%rbx)\\n\\t\"\n"
                "                          \"jne 1f\\n\\t\"\n"
                "                          \"movabs $_JIT_K0, %%rax\\n\\t\"\n"
                "                          \"subl $1, (%%rax)\\n\\t\"\n"
                "                          \"je %l[hot]\\n\\t\"\n"
                "                          \"jmp _JIT_TARGET\\n\"\n"
                "                          \"1:\\n\\t\"\n"
                "                          \"call _JIT_RT_goto_exit\"\n"
                "                          : : : \"rax\", \"memory\", \"cc\" : hot);\n"
                "    __builtin_unreachable();\n"
                "hot:\n"
                "    M64(0) = K64(1);\n"
                "    _JIT_RETURN(K64(2));\n}\n");
    emitf("\nvoid st_T_lookup_and_goto_ptr(void)\n{\n"
          "    void (*p)(void) = (void (*)(void))_JIT_RT_lookup();\n"
          "    if (p) {\n        p();\n        return;\n    }\n"
          "    _JIT_RETURN(K64(0));\n}\n");
    /* The same with the jump cache probed inline first: O0 is the env
     * offset of the guest pc (the block key), O1 of CPUState.jc (the
     * jump caches of the two halves, whose slots come first), O2
     * of CPUState.cflags, C0 the target's constant flags, C1 of
     * CPUState.exit_request (blocks do not test it on entry: jit.c).  An
     * invalidated block has CF_INVALID in its cflags, so it never
     * matches; an eviction clears every jmp_cache (tb_make_room_exclusive). */
    static const char lookup_inline[] =
        "    TranslationBlock *tb = (*(TranslationBlock ***)(env + (intptr_t)_JIT_O1 + (pc >> 63) * 8))"
        "[tb_jmp_cache_idx(pc)];\n"
        "    if (__builtin_expect(tb != NULL, 1) && tb->pc == pc &&\n"
        "        tb->flags == C32(0) && tb->cflags == M32(2) &&\n"
        "        *(volatile int *)(env + CS32(1)) == 0) {\n"
        "        ((void (*)(void))tb->tc_ptr)();\n        return;\n    }\n"
        "    void (*p)(void) = (void (*)(void))_JIT_RT_lookup();\n"
        "    if (p) {\n        p();\n        return;\n    }\n"
        "    _JIT_RETURN(K64(0));\n";
    emitf("\nvoid st_T_lookup_inline(void)\n{\n    uint64_t pc = M64(0);\n%s}\n",
          lookup_inline);
    /* The return stack on the host stack (CPUState.host_sp_base, jit.c).
     * A call: "push the return address (K0); call 2f" and on to the
     * callee's exit at 2, so that the host's return predictor pairs the
     * guest's return with it; the return lands after the call, which
     * drops the address and jumps to the block's return landing (TARGET).
     * At the depth limit (C0: the offset of host_sp_limit) the stack
     * starts again at host_sp_base (C1).  extract-stencils allows these
     * two their stack use by name. */
    start_named("call_return");
    emitf("%s", "    __asm__ volatile(\"cmp _JIT_C0(%%rbx), %%rsp\\n\\t\"\n"
                "                     \"ja 1f\\n\\t\"\n"
                "                     \"mov _JIT_C1(%%rbx), %%rsp\\n\"\n"
                "                     \"1:\\n\\t\"\n"
                "                     \"movabs $_JIT_K0, %%rax\\n\\t\"\n"
                "                     \"push %%rax\\n\\t\"\n"
                "                     \"call 2f\\n\\t\"\n"
                "                     \"add $8, %%rsp\\n\\t\"\n"
                "                     \"jmp _JIT_TARGET\\n\"\n"
                "                     \"2:\" ::: \"rax\", \"memory\", \"cc\");\n");
    finish();
    /* A return, before lookup_inline: if the newest entry above
     * host_sp_base (C0) is the target (O0: the offset of the guest pc),
     * return to it unless exit_request (C1) is set; if it is another,
     * the stack is out of step with the guest's (longjmp, an unwinder, a
     * signal handler's return): drop all of it. */
    start_named("return_host");
    emitf("%s", "    __asm__ volatile(\"mov _JIT_O0(%%rbx), %%rax\\n\\t\"\n"
                "                     \"cmp _JIT_C0(%%rbx), %%rsp\\n\\t\"\n"
                "                     \"jae 1f\\n\\t\"\n"
                "                     \"cmp %%rax, 8(%%rsp)\\n\\t\"\n"
                "                     \"jne 2f\\n\\t\"\n"
                "                     \"cmpl $0, _JIT_C1(%%rbx)\\n\\t\"\n"
                "                     \"jne 1f\\n\\t\"\n"
                "                     \"ret\\n\"\n"
                "                     \"2:\\n\\t\"\n"
                "                     \"mov _JIT_C0(%%rbx), %%rsp\\n\"\n"
                "                     \"1:\" ::: \"rax\", \"memory\", \"cc\");\n");
    finish();
    count += 8;
    fclose(out);
    /* The ops the JIT lowers without a stencil of their own (the fixed
     * ones above, calls by argument count): any other op without a base
     * stencil could not be lowered, so it fails the build here. */
    static const char *const jit_alone[] = { "set_label", "br", "exit_tb", "goto_tb",
                                             "lookup_and_goto_ptr", "push_return", "br_exit_clear", "call",
                                             "discard",
                                             NULL };
    int missing = 0;
    for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        if (!has_base[i] && !in_list(ops[i].name, jit_alone)) {
            fprintf(stderr, "gen-stencils: op %s has no base stencil (all operands "
                    "in the CPU state)\n", ops[i].name);
            missing++;
        }
    }
    if (missing) {
        remove(argv[1]);
        return 1;
    }
    fprintf(stderr, "gen-stencils: %u stencils\n", count);
    return 0;
}
