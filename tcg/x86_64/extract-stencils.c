/*
 * Build-time extractor of the x86-64 stencils: reads the relocatable object
 * compiled from stencils.c and writes stencil-table.c (see stencil.h), or
 * fails the build, naming the stencil, on anything it does not understand.
 *
 * Per function st_NAME (one section each, -ffunction-sections):
 *  - every relocation must be R_X86_64_64/PC32/PLT32/32/32S/8 against a hole
 *    symbol of holes.h (_JIT_<name>), jump holes pc-relative, value holes
 *    absolute; anything else (GOT, another section, .rodata) fails;
 *  - the code is decoded instruction by instruction (capstone, so the
 *    checks look at instruction boundaries, not stray bytes): no ret, no
 *    push/pop/enter/leave/call-through-memory, and no other write to rsp
 *    than "sub $8, %rsp" / "add $8, %rsp" or a push and pop of a scratch
 *    register (the alignment GCC adds around a helper call: stencils are
 *    entered with rsp = 8 mod 16); the return stack's two stencils may
 *    also ret and load rsp from the CPU state (owns_host_stack);
 *  - it must end in "jmp rel32" to CONT, which is stripped (the next
 *    stencil follows); other jumps to CONT stay and are patched by the JIT
 *    to the end of the stencil.  Terminators (st_T_*) must instead end in
 *    an unconditional jmp (to a hole, or through a register), kept, or a
 *    call to a LEAVE hole (holes.h);
 *  - a final "jcc +5; jmp TARGET" (a conditional branch) becomes one
 *    inverted "jcc TARGET" (fold_final_branch);
 *  - flags for the JIT's store/reload fusion (fuse_flags, stencil.h);
 *  - of a stencil that calls out, the cache-register slots that must not
 *    be caller-saved registers (late_slots).
 *
 * A stencil may have a cold part, section .text.unlikely.st_NAME (symbol
 * st_NAME.cold: GCC's -freorder-blocks-and-partition moves a path to a
 * cold function there).  The inline part reaches it by relocations against
 * that section (holes COLD); the cold part has the same checks, except
 * that it keeps its final jump (to CONT, the end of the inline part).  It
 * must not jump back into the middle of
 * the inline part (HOT): nothing here checks such a jump's target yet.
 *
 * Usage: extract-stencils IN.o OUT.c SET (the StencilSet is stencils_SET)
 */
#include <elf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

#include "stencil.h"

static const struct { const char *name; bool jump, leave; } holes[] = {
#define HOLE(name, how) { "_JIT_" #name, #how[0] != 'V', #how[0] == 'L' },
#include "holes.h"
#undef HOLE
};
#define NHOLES (int)(sizeof(holes) / sizeof(holes[0]))

static const char *cur;      /* stencil being checked, for messages */
static int failures;

static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "extract-stencils: %s: ", cur ? cur : "(object)");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    failures++;
}

typedef struct Hole {
    unsigned offset, kind, type;
    long addend;
} Hole;

static int hole_kind(const char *sym)
{
    for (int i = 0; i < NHOLES; i++) {
        if (!strcmp(sym, holes[i].name)) {
            return i;
        }
    }
    return -1;
}

/* Checks one stencil; returns its kept size, or -1. */
/* Registers a stencil may clobber: a push/pop of one is the alignment
 * around a call, as "sub $8, %rsp" is (GCC's choice in cold code). */
static bool is_scratch(const char *reg)
{
    static const char *const scratch[] = { "rax", "rcx", "rdx", "rsi", "rdi" };
    for (size_t i = 0; i < sizeof(scratch) / sizeof(scratch[0]); i++) {
        if (!strcmp(reg, scratch[i])) {
            return true;
        }
    }
    return false;
}

/* The stencils of the return stack, which lives on the host stack
 * (gen-stencils.c, jit.c): they may also push the return address, call
 * their own next instruction, load rsp from the CPU state and ret. */
static bool owns_host_stack(const char *name)
{
    return !strcmp(name, "st_call_return") || !strcmp(name, "st_return_host");
}

static long check_stencil(const uint8_t *code, size_t size, Hole *h, int nh,
                          bool terminator, bool own_stack)
{
    csh cs;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        fail("capstone unavailable");
        return -1;
    }
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
    cs_insn *insn;
    size_t n = cs_disasm(cs, code, size, 0, 0, &insn);
    long result = -1;
    size_t covered = n ? insn[n - 1].address + insn[n - 1].size : 0;
    if (n == 0 || covered != size) {
        fail("cannot decode the code (%zu of %zu bytes)", covered, size);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        cs_insn *in = &insn[i];
        switch (in->id) {
        case X86_INS_RET:
            if (own_stack && in->size == 1) {
                continue;
            }
            /* fall through */
        case X86_INS_RETF: case X86_INS_RETFQ:
        case X86_INS_IRET: case X86_INS_IRETQ:
            fail("'ret' at +%#lx", (long)in->address);
            continue;
        case X86_INS_PUSH: case X86_INS_POP:
            if (is_scratch(in->op_str)) {
                continue;
            }
            /* fall through */
        case X86_INS_PUSHFQ:
        case X86_INS_POPFQ: case X86_INS_ENTER: case X86_INS_LEAVE:
            fail("unexpected stack use '%s %s' at +%#lx", in->mnemonic,
                 in->op_str, (long)in->address);
            continue;
        default:
            break;
        }
        /* Writes to rsp: only the alignment around a call. */
        cs_regs rd, wr;
        uint8_t nrd, nwr;
        if (cs_regs_access(cs, in, rd, &nrd, wr, &nwr) == CS_ERR_OK) {
            for (int k = 0; k < nwr; k++) {
                if (wr[k] != X86_REG_RSP || in->id == X86_INS_CALL) {
                    continue;
                }
                bool align = (in->id == X86_INS_SUB || in->id == X86_INS_ADD) &&
                             !strcmp(in->op_str, "rsp, 8");
                bool reload = own_stack && in->id == X86_INS_MOV &&
                              !strncmp(in->op_str, "rsp, qword ptr [rbx", 19);
                if (!align && !reload) {
                    fail("unexpected stack use '%s %s' at +%#lx", in->mnemonic,
                         in->op_str, (long)in->address);
                }
            }
        }
        if (in->id == X86_INS_CALL && in->bytes[0] != 0xe8) {
            fail("indirect call '%s %s' at +%#lx", in->mnemonic, in->op_str,
                 (long)in->address);
        }
    }
    cs_insn *last = &insn[n - 1];
    bool rel32_jmp = last->id == X86_INS_JMP && last->size == 5 && last->bytes[0] == 0xe9;
    int last_hole = -1;
    for (int k = 0; k < nh; k++) {
        if (h[k].offset == last->address + 1) {
            last_hole = k;
        }
    }
    if (terminator) {
        bool reg_jmp = last->id == X86_INS_JMP && last->bytes[0] == 0xff &&
                       !strchr(last->op_str, '[');
        bool leave = last->id == X86_INS_CALL && last->bytes[0] == 0xe8 && last_hole >= 0 &&
                     holes[h[last_hole].kind].leave;
        if (!(rel32_jmp && last_hole >= 0) && !reg_jmp && !leave) {
            fail("terminator does not end in an unconditional jump");
            goto out;
        }
        result = size;
    } else {
        if (!rel32_jmp || last_hole < 0 || h[last_hole].kind != 0 /* CONT */) {
            fail("does not end in a jump to the continuation hole");
            goto out;
        }
        result = size - 5;
    }
out:
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&cs);
    return result;
}

/*
 * A conditional branch GCC cannot express as a conditional tail call ends
 * a stencil as "jcc +5; jmp TARGET" (then the stripped jmp to CONT): rewrite
 * it to the single "j!cc TARGET" (0f 8x rel32), one byte shorter, when no
 * jump inside the stencil lands in the bytes that change.  code is the
 * stencil's copy; returns the new size (or size unchanged).
 */
static long fold_final_branch(uint8_t *code, long size, Hole *h, int nh)
{
    long j = size - 7;
    if (j < 0 || (code[j] & 0xf0) != 0x70 || code[j + 1] != 5 || code[j + 2] != 0xe9) {
        return size;
    }
    int target = -1;
    for (int k = 0; k < nh; k++) {
        if (h[k].offset == (unsigned)j + 3) {
            target = k;
        }
    }
    if (target < 0 || strcmp(holes[h[target].kind].name, "_JIT_TARGET")) {
        return size;
    }
    csh cs;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        return size;
    }
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
    cs_insn *insn;
    size_t n = cs_disasm(cs, code, j, 0, 0, &insn);
    /* The jcc must start on an instruction boundary of what precedes. */
    bool ok = j == 0 || (n && insn[n - 1].address + insn[n - 1].size == (uint64_t)j);
    for (size_t i = 0; i < n; i++) {
        cs_x86 *x = &insn[i].detail->x86;
        if (cs_insn_group(cs, &insn[i], X86_GRP_JUMP) && x->op_count == 1 &&
            x->operands[0].type == X86_OP_IMM && x->operands[0].imm > j - 1) {
            /* A jump with a relocation goes to a hole, not here. */
            bool hole = false;
            for (int k = 0; k < nh; k++) {
                hole |= h[k].offset > insn[i].address &&
                        h[k].offset < insn[i].address + insn[i].size;
            }
            ok &= hole;
        }
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&cs);
    if (!ok) {
        return size;
    }
    uint8_t cc = code[j] & 0x0f;
    code[j] = 0x0f;
    code[j + 1] = 0x80 | (cc ^ 1);
    memset(code + j + 2, 0, 4);
    h[target].offset = j + 2;
    return size - 1;
}

/* "mov %rax, d32(%rbx)" and "mov d32(%rbx), %rax": rbx is env. */
static const uint8_t st_rax[] = { 0x48, 0x89, 0x83 }, ld_rax[] = { 0x48, 0x8b, 0x83 };

/* Whether a cold part returns only by its last instruction, a jmp to CONT
 * right after the store "mov %rax, d32(%rbx)" to hole store (the inline
 * part's last): then rax is that field on every way out. */
static bool cold_ends_store(const uint8_t *code, long size, const Hole *h, int nh,
                            const Hole *store)
{
    long st = size - 12;
    if (st < 0 || memcmp(code + st, st_rax, 3) || code[size - 5] != 0xe9) {
        return false;
    }
    bool same = false;
    for (int k = 0; k < nh; k++) {
        if (h[k].kind == 0 && h[k].offset != (unsigned)size - 4) {
            return false;       /* another way back */
        }
        if (h[k].offset == (unsigned)st + 3) {
            same = h[k].kind == store->kind && h[k].addend == store->addend;
        }
    }
    csh cs;
    if (!same || cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        return false;
    }
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
    cs_insn *insn;
    size_t n = cs_disasm(cs, code, size, 0, 0, &insn);
    bool ok = n && insn[n - 1].address == (uint64_t)size - 5 &&
              n >= 2 && insn[n - 2].address == (uint64_t)st;
    for (size_t i = 0; ok && i + 1 < n; i++) {
        /* A jump that is not to a hole must not skip the store. */
        cs_x86 *x = &insn[i].detail->x86;
        bool hole = false;
        for (int k = 0; k < nh; k++) {
            hole |= h[k].offset > insn[i].address &&
                    h[k].offset < insn[i].address + insn[i].size;
        }
        if (cs_insn_group(cs, &insn[i], X86_GRP_JUMP) && !hole) {
            ok = x->op_count == 1 && x->operands[0].type == X86_OP_IMM &&
                 x->operands[0].imm <= st;
        }
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&cs);
    return ok;
}

/* The STENCIL_F_* flags of a final stencil (see stencil.h); cold: its cold
 * part, or csize 0. */
static int fuse_flags(const uint8_t *code, long size, const Hole *h, int nh,
                      const uint8_t *cold, long csize, const Hole *ch, int cnh)
{
    bool is_o[64];
    long store = size - 7, cont_inside = 0;
    bool ends = store >= 0 && !memcmp(code + store, st_rax, 3);
    bool starts = size >= 7 && !memcmp(code, ld_rax, 3);
    bool o_end = false, o_start = false;
    for (int k = 0; k < nh; k++) {
        is_o[k] = !strncmp(holes[h[k].kind].name, "_JIT_O", 6);
        o_end |= ends && is_o[k] && h[k].offset == (unsigned)store + 3;
        o_start |= starts && is_o[k] && h[k].offset == 3;
        /* A kept jump to CONT reaches the end without the store. */
        cont_inside |= h[k].kind == 0 && h[k].offset < (unsigned long)size;
    }
    ends = o_end && !cont_inside;
    for (int k = 0; ends && csize && k < nh; k++) {
        if (h[k].offset == (unsigned)store + 3) {
            ends = cold_ends_store(cold, csize, ch, cnh, &h[k]);
        }
    }
    starts = o_start;
    csh cs;
    if ((ends || starts) && cs_open(CS_ARCH_X86, CS_MODE_64, &cs) == CS_ERR_OK) {
        cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
        cs_insn *insn;
        size_t n = cs_disasm(cs, code, size, 0, 0, &insn);
        if (!n || insn[n - 1].address + insn[n - 1].size != (uint64_t)size ||
            (ends && insn[n - 1].address != (uint64_t)store)) {
            ends = starts = false;
        }
        for (size_t i = 0; i < n; i++) {
            cs_x86 *x = &insn[i].detail->x86;
            bool hole = false;
            for (int k = 0; k < nh; k++) {
                hole |= h[k].offset > insn[i].address &&
                        h[k].offset < insn[i].address + insn[i].size;
            }
            if (!cs_insn_group(cs, &insn[i], X86_GRP_JUMP) || hole) {
                continue;
            }
            if (x->op_count != 1 || x->operands[0].type != X86_OP_IMM) {
                ends = starts = false;     /* an indirect jump: be safe */
                continue;
            }
            int64_t t = x->operands[0].imm;
            ends &= t <= store;
            starts &= t >= 7;
        }
        if (n) {
            cs_free(insn, n);
        }
        cs_close(&cs);
    } else {
        ends = starts = false;
    }
    return (ends ? 1 : 0) | (starts ? 2 : 0);
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = malloc(*len);
    if (fread(b, 1, *len, f) != *len) {
        perror(path);
        exit(1);
    }
    fclose(f);
    return b;
}

static int hole_index(const char *name);

/* The object being read. */
static uint8_t *img;
static Elf64_Ehdr *eh;
static Elf64_Shdr *sh;
static Elf64_Sym *syms;
static size_t nsyms;
static const char *strs;

/* An object: the globals above, saved (the second binding's). */
typedef struct Object {
    uint8_t *img;
    Elf64_Ehdr *eh;
    Elf64_Shdr *sh;
    Elf64_Sym *syms;
    size_t nsyms;
    const char *strs;
    int *by_name;       /* its function symbols' indices, sorted by name */
    int nfuncs;
} Object;

/* Reads path into the globals; false (with a message) if it is not an
 * x86-64 relocatable object with symbols. */
static bool open_object(const char *path)
{
    size_t len;
    img = read_file(path, &len);
    eh = (Elf64_Ehdr *)img;
    if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64 ||
        eh->e_type != ET_REL) {
        fail("%s is not an x86-64 relocatable ELF object", path);
        return false;
    }
    sh = (Elf64_Shdr *)(img + eh->e_shoff);
    Elf64_Shdr *symtab = NULL;
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type == SHT_SYMTAB) {
            symtab = &sh[i];
        }
    }
    if (!symtab) {
        fail("%s has no symbol table", path);
        return false;
    }
    syms = (Elf64_Sym *)(img + symtab->sh_offset);
    nsyms = symtab->sh_size / sizeof(Elf64_Sym);
    strs = (const char *)(img + sh[symtab->sh_link].sh_offset);
    return true;
}

static const Object *sort_obj;

static int sym_by_name(const void *a, const void *b)
{
    return strcmp(sort_obj->strs + sort_obj->syms[*(const int *)a].st_name,
                  sort_obj->strs + sort_obj->syms[*(const int *)b].st_name);
}

/* The globals as an Object, its functions indexed by name. */
static Object save_object(void)
{
    Object o = { img, eh, sh, syms, nsyms, strs, malloc(sizeof(int) * (nsyms + 1)), 0 };
    for (size_t s = 0; s < nsyms; s++) {
        if (ELF64_ST_TYPE(syms[s].st_info) == STT_FUNC) {
            o.by_name[o.nfuncs++] = s;
        }
    }
    sort_obj = &o;
    qsort(o.by_name, o.nfuncs, sizeof(int), sym_by_name);
    return o;
}

/* The bytes of o's function name, or NULL. */
static const uint8_t *object_function(const Object *o, const char *name, size_t *size)
{
    int lo = 0, hi = o->nfuncs - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        const Elf64_Sym *sym = &o->syms[o->by_name[mid]];
        int c = strcmp(name, o->strs + sym->st_name);
        if (c == 0) {
            *size = sym->st_size;
            return o->img + o->sh[sym->st_shndx].sh_offset + sym->st_value;
        }
        if (c < 0) {
            hi = mid - 1;
        } else {
            lo = mid + 1;
        }
    }
    return NULL;
}

/* The cache-register slots' registers under the two bindings
 * (stencil-rt.h), in their low three bits: all of them need REX, which
 * stays, so a register field is those three bits. */
static const uint8_t slot_reg[2][6] = { { 0, 1, 2, 3, 6, 7 }, { 1, 2, 3, 6, 7, 0 } };

/* The register fields of a stencil's code a (binding 0) against b
 * (binding 1), both size bytes: appended to h as REG holes (nh of them
 * so far, room for 64); returns the new count.  Where the two differ,
 * each differing 3-bit field (bits 0-2: ModRM.rm, SIB.base, an opcode's
 * register; bits 3-5: ModRM.reg, SIB.index, or inverted, VEX.vvvv) must
 * read slot s's register in a and in b for one s: anything else fails. */
static int reg_fields(const uint8_t *a, const uint8_t *b, size_t size, Hole *h, int nh)
{
    for (size_t i = 0; i < size; i++) {
        if (a[i] == b[i]) {
            continue;
        }
        unsigned covered = 0;
        for (int shift = 0; shift <= 3; shift += 3) {
            unsigned va = (a[i] >> shift) & 7, vb = (b[i] >> shift) & 7;
            if (va == vb) {
                continue;
            }
            /* VEX.vvvv holds the register inverted (bits 6:3; bit 6 is
             * the constant fourth bit). */
            int slot = 0, inverted = 0;
            for (; slot < 6 * 2; slot++) {
                unsigned m = inverted = slot >= 6 ? 7 : 0;
                if (slot_reg[0][slot % 6] == (va ^ m) && slot_reg[1][slot % 6] == (vb ^ m)) {
                    break;
                }
            }
            if (slot == 6 * 2) {
                break;
            }
            if (nh == 64) {
                fail("too many holes");
                return nh;
            }
            h[nh++] = (Hole){ i, hole_index("REG"), shift | (inverted ? STENCIL_REG_INVERTED : 0),
                              slot % 6 };
            covered |= 7u << shift;
        }
        if ((a[i] ^ b[i]) & ~covered) {
            fail("the two bindings differ at +%#zx (%02x, %02x) beyond a register field",
                 i, a[i], b[i]);
            return nh;
        }
    }
    return nh;
}

/* Whether hole kind k is a function that may change the caller-saved
 * cache registers.  The guest-access slow paths and fbinop's fallback go
 * through entries that keep them (RT_ld, RT_st, FPSLOW); a LEAVE hole
 * never comes back. */
static bool clobbering(unsigned k)
{
    static const char *const name[] = { "HELPER", "RT_cmpxchg", "RT_rmw", "RT_cmpxchg128",
                                        "RT_lookup" };
    for (size_t c = 0; c < sizeof(name) / sizeof(name[0]); c++) {
        if ((int)k == hole_index(name[c])) {
            return true;
        }
    }
    return false;
}

/* Whether a stencil (its holes) calls out to such a function. */
static bool calls_out(const Hole *h, int nh)
{
    for (int k = 0; k < nh; k++) {
        if (clobbering(h[k].kind)) {
            return true;
        }
    }
    return false;
}

/* The slot of a cache register under binding 0 (stencil-rt.h: r8, r9,
 * r10, r11, r14, r15), any width of it, or -1. */
static int slot_of_reg(unsigned r)
{
    static const unsigned regs[6][4] = {
        { X86_REG_R8, X86_REG_R8D, X86_REG_R8W, X86_REG_R8B },
        { X86_REG_R9, X86_REG_R9D, X86_REG_R9W, X86_REG_R9B },
        { X86_REG_R10, X86_REG_R10D, X86_REG_R10W, X86_REG_R10B },
        { X86_REG_R11, X86_REG_R11D, X86_REG_R11W, X86_REG_R11B },
        { X86_REG_R14, X86_REG_R14D, X86_REG_R14W, X86_REG_R14B },
        { X86_REG_R15, X86_REG_R15D, X86_REG_R15W, X86_REG_R15B },
    };
    for (int s = 0; s < 6; s++) {
        for (int w = 0; w < 4; w++) {
            if (regs[s][w] == r) {
                return s;
            }
        }
    }
    return -1;
}

/*
 * Of a stencil that calls out (binding 0's code, inline part and cold
 * part): the cache-register slots that need a callee-saved register, a
 * mask.  A slot the code reads only before its first call out, and
 * writes only after it, may be bound to a caller-saved one (r8-r11): an
 * argument read from a register that dies at the call, a result put in
 * one.  A slot read at or after that call, written before it, or used
 * where the order is not plain (after a jump back to or before the call;
 * in a cold part; the inline part when only the cold part calls) is in
 * the mask.  The JIT binds the mask's slots to r14/r15 only.
 */
static unsigned late_slots(const uint8_t *code, size_t size, const Hole *h, int nh,
                           const uint8_t *cold, size_t csize)
{
    csh cs;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        fail("capstone unavailable");
        return 0x3f;
    }
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
    unsigned late = 0;
    for (int part = 0; part < 2; part++) {
        const uint8_t *c = part ? cold : code;
        size_t len = part ? csize : size;
        if (!c || !len) {
            continue;
        }
        cs_insn *insn;
        size_t n = cs_disasm(cs, c, len, 0, 0, &insn);
        /* The first call out of the inline part (its rel32 is a hole). */
        uint64_t call = UINT64_MAX;
        for (size_t i = 0; !part && i < n; i++) {
            for (int k = 0; insn[i].id == X86_INS_CALL && k < nh; k++) {
                if (h[k].offset == insn[i].address + 1 && clobbering(h[k].kind)) {
                    call = insn[i].address;
                }
            }
            if (call != UINT64_MAX) {
                break;
            }
        }
        bool plain = !part && call != UINT64_MAX;
        for (size_t i = 0; plain && i < n; i++) {
            cs_x86 *x = &insn[i].detail->x86;
            bool jump = cs_insn_group(cs, &insn[i], CS_GRP_JUMP);
            if (jump && insn[i].address >= call &&
                (x->op_count != 1 || x->operands[0].type != X86_OP_IMM ||
                 (uint64_t)x->operands[0].imm <= call)) {
                plain = false;
            }
        }
        for (size_t i = 0; i < n; i++) {
            cs_regs rd, wr;
            uint8_t nrd, nwr;
            if (cs_regs_access(cs, &insn[i], rd, &nrd, wr, &nwr) != CS_ERR_OK) {
                fail("cannot tell the registers of '%s %s'", insn[i].mnemonic,
                     insn[i].op_str);
                late = 0x3f;
                continue;
            }
            bool after = insn[i].address >= call;
            for (int k = 0; k < nrd + nwr; k++) {
                int s = slot_of_reg(k < nrd ? rd[k] : wr[k - nrd]);
                bool read = k < nrd;
                if (s >= 0 && (!plain || read == after)) {
                    late |= 1u << s;
                }
            }
        }
        if (n) {
            cs_free(insn, n);
        }
    }
    cs_close(&cs);
    return late;
}

static int hole_index(const char *name)
{
    char sym[32];
    snprintf(sym, sizeof(sym), "_JIT_%s", name);
    return hole_kind(sym);
}

/* The holes of section sec (up to 64): relocations against hole symbols,
 * and against the sections hot and cold of the same stencil (HOT, COLD). */
static int read_holes(int sec, int hot, int cold, Hole *h)
{
    int nh = 0;
    for (int r = 0; r < eh->e_shnum; r++) {
        if (sh[r].sh_type == SHT_REL && (int)sh[r].sh_info == sec) {
            fail("REL relocations are not expected");
        }
        if (sh[r].sh_type != SHT_RELA || (int)sh[r].sh_info != sec) {
            continue;
        }
        Elf64_Rela *rel = (Elf64_Rela *)(img + sh[r].sh_offset);
        for (size_t k = 0; k < sh[r].sh_size / sizeof(Elf64_Rela); k++) {
            Elf64_Sym *ts = &syms[ELF64_R_SYM(rel[k].r_info)];
            const char *tn = strs + ts->st_name;
            unsigned type = ELF64_R_TYPE(rel[k].r_info);
            int kind = -1;
            if (ts->st_shndx == SHN_UNDEF) {
                kind = hole_kind(tn);
            } else if (ELF64_ST_TYPE(ts->st_info) == STT_SECTION && sec == hot &&
                       cold >= 0 && ts->st_shndx == cold) {
                kind = hole_index("COLD");
            } else if (ELF64_ST_TYPE(ts->st_info) == STT_SECTION && sec == cold &&
                       ts->st_shndx == hot) {
                kind = hole_index("HOT");
            }
            if (kind < 0) {
                fail("relocation against unknown symbol '%s'", *tn ? tn : "(section)");
                continue;
            }
            bool pcrel = type == R_X86_64_PC32 || type == R_X86_64_PLT32;
            bool abs = type == R_X86_64_64 || type == R_X86_64_32 ||
                       type == R_X86_64_32S || type == R_X86_64_8;
            if (!pcrel && !abs) {
                fail("unknown relocation type %u against %s", type, holes[kind].name);
                continue;
            }
            if (pcrel != holes[kind].jump) {
                fail("%s relocation against %s", pcrel ? "pc-relative" : "absolute",
                     holes[kind].name);
                continue;
            }
            if (kind == hole_index("HOT")) {
                fail("the cold part jumps back into the middle of the inline part");
                continue;
            }
            if (nh == 64) {
                fail("too many holes");
                break;
            }
            h[nh++] = (Hole){ rel[k].r_offset, kind, type, rel[k].r_addend };
        }
    }
    return nh;
}

/* The section named name, or -1. */
static int section_named(const char *name)
{
    const char *shstr = (const char *)(img + sh[eh->e_shstrndx].sh_offset);
    for (int i = 0; i < eh->e_shnum; i++) {
        if (!strcmp(shstr + sh[i].sh_name, name)) {
            return i;
        }
    }
    return -1;
}

/* Copies the holes below size (the others are the stripped final jump's)
 * to out; returns how many. */
static int keep_holes(const Hole *h, int nh, long size, Hole *out)
{
    int kept = 0;
    for (int k = 0; k < nh; k++) {
        if (h[k].offset >= (unsigned long)size) {
            continue;
        }
        if (h[k].addend != (int32_t)h[k].addend) {
            fail("addend %ld does not fit StencilHole", h[k].addend);
        }
        out[kept++] = h[k];
    }
    return kept;
}

/* A stencil that passed the checks, until the table is written: code is
 * the inline part then the cold part, holes the same. */
typedef struct Extracted {
    char name[96];
    uint8_t *code;
    long size, csize;
    Hole *holes;
    int nh, cnh, flags;
    unsigned late;      /* Stencil.late_slots */
} Extracted;

static Extracted *sort_st;

static int by_name(const void *a, const void *b)
{
    return strcmp(sort_st[*(const int *)a].name + 3, sort_st[*(const int *)b].name + 3);
}

static void write_bytes(FILE *out, const uint8_t *code, long size)
{
    for (long b = 0; b < size; b++) {
        fprintf(out, "%s0x%02x,", b % 12 ? " " : "\n    ", code[b]);
    }
}

static void write_holes(FILE *out, const Hole *h, int nh)
{
    for (int k = 0; k < nh; k++) {
        fprintf(out, "\n    { %u, %u, %u, %ld },", h[k].offset, h[k].kind, h[k].type,
                h[k].addend);
    }
}

/* The table entry of x, with its offsets: fails if a value does not fit
 * its field (the widths of stencil.h). */
static Stencil table_entry(const Extracted *x, unsigned long name_off,
                           unsigned long code_off, unsigned long hole_idx)
{
    Stencil st = {
        .name_off = name_off, .code_off = code_off, .hole_idx = hole_idx,
        .size = x->size, .cold_size = x->csize, .nholes = x->nh,
        .cold_nholes = x->cnh, .flags = x->flags, .late_slots = x->late,
    };
    cur = x->name;
#define FITS(field, value)                                                   \
    if (st.field != (value)) {                                               \
        fail("%s %lu does not fit Stencil." #field " (stencil.h)", #value,   \
             (unsigned long)(value));                                        \
    }
    FITS(name_off, name_off);
    FITS(code_off, code_off);
    FITS(hole_idx, hole_idx);
    FITS(size, x->size);
    FITS(cold_size, x->csize);
    FITS(nholes, x->nh);
    FITS(cold_nholes, x->cnh);
    FITS(flags, x->flags);
    FITS(late_slots, x->late);
#undef FITS
    return st;
}

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: extract-stencils IN.o [IN-BINDING1.o] OUT.c SET\n");
        return 2;
    }
    /* The second binding's object first (the globals end on the first). */
    Object other = { 0 };
    bool two = argc == 5;
    if (two) {
        if (!open_object(argv[2])) {
            return 1;
        }
        other = save_object();
    }
    if (!open_object(argv[1])) {
        return 1;
    }
    const char *out_path = argv[argc - 2], *set_name = argv[argc - 1];

    int count = 0, ncold = 0, ncold_syms = 0;
    Extracted *st = calloc(nsyms, sizeof(Extracted));

    for (size_t s = 0; s < nsyms; s++) {
        Elf64_Sym *sym = &syms[s];
        const char *name = strs + sym->st_name;
        if (ELF64_ST_TYPE(sym->st_info) != STT_FUNC) {
            continue;
        }
        cur = name;
        size_t nl = strlen(name);
        if (nl > 5 && !strcmp(name + nl - 5, ".cold")) {
            ncold_syms++;       /* with its stencil, below */
            continue;
        }
        if (strncmp(name, "st_", 3) || nl >= 80) {
            fail("function that is not a stencil");
            continue;
        }
        int sec = sym->st_shndx;
        if (sym->st_value != 0 || sym->st_size != sh[sec].sh_size) {
            fail("not alone in its section");
            continue;
        }
        char cold_name[112];
        snprintf(cold_name, sizeof(cold_name), ".text.unlikely.%s", name);
        int cold = section_named(cold_name);
        if (cold == sec) {
            cold = -1;          /* all of it is cold (it always calls a cold function) */
        }
        bool terminator = !strncmp(name, "st_T_", 5);
        Hole h[64], ch[64];
        int nh = read_holes(sec, sec, cold, h), cnh = 0;
        long csize = 0;
        int before = failures;
        long size = check_stencil(img + sh[sec].sh_offset, sym->st_size, h, nh,
                                  terminator, owns_host_stack(name));
        if (cold >= 0) {
            if (terminator) {
                fail("a terminator with a cold part");
            }
            cnh = read_holes(cold, sec, cold, ch);
            csize = check_stencil(img + sh[cold].sh_offset, sh[cold].sh_size, ch, cnh,
                                  true, false);
            ncold++;
        }
        if (two && failures == before) {
            /* Binding 1's code: the same but for register fields. */
            size_t size1, csize1 = 0;
            const uint8_t *code1 = object_function(&other, name, &size1), *cold1 = NULL;
            if (cold >= 0) {
                char cold_sym[112];
                snprintf(cold_sym, sizeof(cold_sym), "%s.cold", name);
                cold1 = object_function(&other, cold_sym, &csize1);
            }
            if (!code1 || size1 != sym->st_size || (cold >= 0 && (!cold1 ||
                                                                  csize1 != sh[cold].sh_size))) {
                fail("not the same size under the two bindings");
                continue;
            }
            nh = reg_fields(img + sh[sec].sh_offset, code1, size1, h, nh);
            if (cold >= 0) {
                cnh = reg_fields(img + sh[cold].sh_offset, cold1, csize1, ch, cnh);
            }
        }
        bool calls = calls_out(h, nh) || calls_out(ch, cnh);
        unsigned late = calls ? late_slots(img + sh[sec].sh_offset, sym->st_size, h, nh,
                                           cold >= 0 ? img + sh[cold].sh_offset : NULL,
                                           csize) : 0;
        if (failures != before || size < 0 || csize < 0) {
            continue;
        }
        Extracted *x = &st[count++];
        x->code = malloc(sym->st_size + csize);
        memcpy(x->code, img + sh[sec].sh_offset, sym->st_size);
        const uint8_t *cold_code = cold >= 0 ? img + sh[cold].sh_offset : NULL;
        if (!terminator) {
            /* (The stripped jmp to CONT's hole stays past the end.) */
            size = fold_final_branch(x->code, size, h, nh);
        }
        x->flags = (terminator ? 0 : fuse_flags(x->code, size, h, nh, cold_code,
                                                csize, ch, cnh)) |
                   (calls ? STENCIL_F_CALLS : 0);
        if (csize) {
            memcpy(x->code + size, cold_code, csize);
        }
        x->holes = malloc(sizeof(Hole) * (nh + cnh));
        x->nh = keep_holes(h, nh, size, x->holes);
        x->cnh = keep_holes(ch, cnh, csize, x->holes + x->nh);
        snprintf(x->name, sizeof(x->name), "%s", name);
        x->size = size;
        x->csize = csize;
        x->late = late;
    }
    if (ncold != ncold_syms) {
        fail("%d cold part(s) without their stencil", ncold_syms - ncold);
    }
    cur = NULL;
    /* Sorted by name (tables of two sets line up), with a hash index (the
     * JIT finds a stencil by name with one or two compares, and there is
     * nothing to build at start-up).  Names, code and holes in that order,
     * each in one array, the table entries offsets into them (stencil.h:
     * no relocation per stencil). */
    int *order = malloc(sizeof(int) * (count + 1));
    for (int i = 0; i < count; i++) {
        order[i] = i;
    }
    sort_st = st;
    qsort(order, count, sizeof(int), by_name);
    FILE *out = fopen(out_path, "w");
    if (!out) {
        perror(out_path);
        return 1;
    }
    fprintf(out, "/* Generated by tcg/x86_64/extract-stencils.c from %s: do not edit. */\n"
                 "#include \"tcg/x86_64/stencil.h\"\n", argv[1]);
    fprintf(out, "\nstatic const char names[] =");
    for (int o = 0; o < count; o++) {
        fprintf(out, "\n    \"%s\\0\"", st[order[o]].name + 3);
    }
    fprintf(out, "%s;\n\nstatic const uint8_t bytes[] = {", count ? "" : " \"\"");
    unsigned long nbytes = 0, nholes = 0;
    for (int o = 0; o < count; o++) {
        const Extracted *x = &st[order[o]];
        fprintf(out, "\n    /* %s */", x->name);
        write_bytes(out, x->code, x->size);
        if (x->csize) {
            fprintf(out, "\n    /* %s, cold part */", x->name);
            write_bytes(out, x->code + x->size, x->csize);
        }
        nbytes += x->size + x->csize;
    }
    fprintf(out, "%s\n};\n\nstatic const StencilHole holes[] = {", nbytes ? "" : " 0");
    for (int o = 0; o < count; o++) {
        const Extracted *x = &st[order[o]];
        if (x->nh + x->cnh) {
            fprintf(out, "\n    /* %s */", x->name);
            write_holes(out, x->holes, x->nh);
        }
        if (x->cnh) {
            fprintf(out, "\n    /* %s, cold part */", x->name);
            write_holes(out, x->holes + x->nh, x->cnh);
        }
        nholes += x->nh + x->cnh;
    }
    fprintf(out, "%s\n};\n\nstatic const Stencil table[] = {\n", nholes ? "" : " { 0, 0, 0, 0 }");
    unsigned long name_off = 0, code_off = 0, hole_idx = 0;
    for (int o = 0; o < count; o++) {
        const Extracted *x = &st[order[o]];
        Stencil e = table_entry(x, name_off, code_off, hole_idx);
        fprintf(out, "    { %u, %u, %u, %u, %u, %u, %u, %u, %u },  /* %s */\n", e.name_off,
                e.code_off, e.hole_idx, e.size, e.cold_size, e.nholes, e.cold_nholes,
                e.flags, e.late_slots, x->name + 3);
        name_off += strlen(x->name + 3) + 1;
        code_off += x->size + x->csize;
        hole_idx += x->nh + x->cnh;
    }
    cur = NULL;
    if (nbytes != (uint32_t)nbytes || nholes != (uint32_t)nholes) {
        fail("more code or holes than StencilSet counts");
    }
    unsigned slots = 16;
    while (slots < 2u * count) {
        slots *= 2;
    }
    if (count >= STENCIL_NO_INDEX) {
        fail("%d stencils: more than the index holds", count);
    }
    uint16_t *index = malloc(slots * sizeof(uint16_t));
    memset(index, 0xff, slots * sizeof(uint16_t));
    for (int o = 0; o < count; o++) {
        uint32_t h = stencil_name_hash(st[order[o]].name + 3) & (slots - 1);
        while (index[h] != STENCIL_NO_INDEX) {
            h = (h + 1) & (slots - 1);
        }
        index[h] = o;
    }
    fprintf(out, "};\nstatic const uint16_t index[] = {");
    for (unsigned k = 0; k < slots; k++) {
        fprintf(out, "%s%u,", k % 12 ? " " : "\n    ", index[k]);
    }
    fprintf(out, "\n};\n\nconst StencilSet stencils_%s = {\n"
                 "    \"%s\", table, %d, index, %u,\n"
                 "    names, bytes, holes, %lu, %lu\n};\n",
            set_name, set_name, count, slots - 1, nbytes, nholes);
    free(index);
    free(order);
    fclose(out);
    if (failures) {
        fprintf(stderr, "extract-stencils: %d error(s)\n", failures);
        remove(out_path);
        return 1;
    }
    return 0;
}
