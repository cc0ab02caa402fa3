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
 *    than "sub $8, %rsp" / "add $8, %rsp" (the alignment GCC adds around a
 *    helper call: stencils are entered with rsp = 8 mod 16);
 *  - it must end in "jmp rel32" to CONT, which is stripped (the next
 *    stencil follows); other jumps to CONT stay and are patched by the JIT
 *    to the end of the stencil.  Terminators (st_T_*) must instead end in
 *    an unconditional jmp (to a hole, or through a register), kept.
 *  - a final "jcc +5; jmp TARGET" (a conditional branch) becomes one
 *    inverted "jcc TARGET" (fold_final_branch);
 *  - flags for the JIT's store/reload fusion (fuse_flags, stencil.h).
 *
 * Usage: extract-stencils IN.o OUT.c
 */
#include <elf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

static const struct { const char *name; bool jump; } holes[] = {
#define HOLE(name, how) { "_JIT_" #name, #how[0] == 'J' },
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
static long check_stencil(const uint8_t *code, size_t size, Hole *h, int nh,
                          bool terminator)
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
        case X86_INS_RET: case X86_INS_RETF: case X86_INS_RETFQ:
        case X86_INS_IRET: case X86_INS_IRETQ:
            fail("'ret' at +%#lx", (long)in->address);
            continue;
        case X86_INS_PUSH: case X86_INS_POP: case X86_INS_PUSHFQ:
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
                if (!align) {
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
        if (!(rel32_jmp && last_hole >= 0) && !reg_jmp) {
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

/* The STENCIL_F_* flags of a final stencil (see stencil.h). */
static int fuse_flags(const uint8_t *code, long size, const Hole *h, int nh)
{
    static const uint8_t st_rax[] = { 0x49, 0x89, 0x87 }, ld_rax[] = { 0x49, 0x8b, 0x87 };
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

static char (*sort_names)[96];

static int by_name(const void *a, const void *b)
{
    return strcmp(sort_names[*(const int *)a] + 3, sort_names[*(const int *)b] + 3);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: extract-stencils IN.o OUT.c\n");
        return 2;
    }
    size_t len;
    uint8_t *img = read_file(argv[1], &len);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
    if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64 ||
        eh->e_type != ET_REL) {
        fail("%s is not an x86-64 relocatable ELF object", argv[1]);
        return 1;
    }
    Elf64_Shdr *sh = (Elf64_Shdr *)(img + eh->e_shoff);
    Elf64_Shdr *symtab = NULL;
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type == SHT_SYMTAB) {
            symtab = &sh[i];
        }
    }
    if (!symtab) {
        fail("no symbol table");
        return 1;
    }
    Elf64_Sym *syms = (Elf64_Sym *)(img + symtab->sh_offset);
    size_t nsyms = symtab->sh_size / sizeof(Elf64_Sym);
    const char *strs = (const char *)(img + sh[symtab->sh_link].sh_offset);

    FILE *out = fopen(argv[2], "w");
    if (!out) {
        perror(argv[2]);
        return 1;
    }
    fprintf(out, "/* Generated by tcg/x86_64/extract-stencils.c from %s: do not edit. */\n"
                 "#include \"tcg/x86_64/stencil.h\"\n", argv[1]);
    int count = 0;
    char (*names)[96] = calloc(nsyms, 96);
    long *sizes = calloc(nsyms, sizeof(long));
    int *nholes = calloc(nsyms, sizeof(int));
    int *flags = calloc(nsyms, sizeof(int));

    for (size_t s = 0; s < nsyms; s++) {
        Elf64_Sym *sym = &syms[s];
        const char *name = strs + sym->st_name;
        if (ELF64_ST_TYPE(sym->st_info) != STT_FUNC) {
            continue;
        }
        cur = name;
        if (strncmp(name, "st_", 3)) {
            fail("function that is not a stencil");
            continue;
        }
        int sec = sym->st_shndx;
        if (sym->st_value != 0 || sym->st_size != sh[sec].sh_size) {
            fail("not alone in its section");
            continue;
        }
        const uint8_t *code = img + sh[sec].sh_offset;
        Hole h[64];
        int nh = 0;
        for (int r = 0; r < eh->e_shnum; r++) {
            if (sh[r].sh_type == SHT_REL ||
                (sh[r].sh_type == SHT_RELA && (int)sh[r].sh_info != sec)) {
                if (sh[r].sh_type == SHT_REL && (int)sh[r].sh_info == sec) {
                    fail("REL relocations are not expected");
                }
                continue;
            }
            if (sh[r].sh_type != SHT_RELA) {
                continue;
            }
            Elf64_Rela *rel = (Elf64_Rela *)(img + sh[r].sh_offset);
            for (size_t k = 0; k < sh[r].sh_size / sizeof(Elf64_Rela); k++) {
                Elf64_Sym *ts = &syms[ELF64_R_SYM(rel[k].r_info)];
                const char *tn = strs + ts->st_name;
                unsigned type = ELF64_R_TYPE(rel[k].r_info);
                int kind = ts->st_shndx == SHN_UNDEF ? hole_kind(tn) : -1;
                if (kind < 0) {
                    fail("relocation against unknown symbol '%s'",
                         *tn ? tn : "(section)");
                    continue;
                }
                bool pcrel = type == R_X86_64_PC32 || type == R_X86_64_PLT32;
                bool abs = type == R_X86_64_64 || type == R_X86_64_32 ||
                           type == R_X86_64_32S || type == R_X86_64_8;
                if (!pcrel && !abs) {
                    fail("unknown relocation type %u against %s", type, tn);
                    continue;
                }
                if (pcrel != holes[kind].jump) {
                    fail("%s relocation against %s", pcrel ? "pc-relative" : "absolute", tn);
                    continue;
                }
                if (nh == 64) {
                    fail("too many holes");
                    break;
                }
                h[nh].offset = rel[k].r_offset;
                h[nh].kind = kind;
                h[nh].type = type;
                h[nh].addend = rel[k].r_addend;
                nh++;
            }
        }
        int before = failures;
        long size = check_stencil(code, sym->st_size, h, nh, !strncmp(name, "st_T_", 5));
        if (failures != before || size < 0) {
            continue;
        }
        uint8_t *copy = malloc(sym->st_size);
        memcpy(copy, img + sh[sec].sh_offset, sym->st_size);
        code = copy;
        if (strncmp(name, "st_T_", 5)) {
            /* (The stripped jmp to CONT's hole stays past the end.) */
            size = fold_final_branch(copy, size, h, nh);
        }
        fprintf(out, "\nstatic const uint8_t code_%s[] = {", name);
        for (long b = 0; b < size; b++) {
            fprintf(out, "%s0x%02x,", b % 12 ? " " : "\n    ", code[b]);
        }
        fprintf(out, "%s};\n", size ? "\n" : " 0 ");
        flags[count] = strncmp(name, "st_T_", 5) ? fuse_flags(copy, size, h, nh) : 0;
        free(copy);
        int kept = 0;
        fprintf(out, "static const StencilHole holes_%s[] = {\n", name);
        for (int k = 0; k < nh; k++) {
            if (h[k].offset >= (unsigned long)size) {
                continue;    /* the stripped final jump */
            }
            fprintf(out, "    { %u, %u, %u, %ld },\n", h[k].offset, h[k].kind,
                    h[k].type, h[k].addend);
            kept++;
        }
        fprintf(out, "    { 0, 0, 0, 0 }\n};\n");
        snprintf(names[count], 96, "%s", name);
        sizes[count] = size;
        nholes[count] = kept;
        count++;
    }
    cur = NULL;
    /* Sorted by name: the JIT finds stencils by binary search, with no
     * index to build at start-up. */
    int *order = malloc(sizeof(int) * (count + 1));
    for (int i = 0; i < count; i++) {
        order[i] = i;
    }
    sort_names = names;
    qsort(order, count, sizeof(int), by_name);
    fprintf(out, "\nconst Stencil stencil_table[] = {\n");
    for (int o = 0; o < count; o++) {
        int i = order[o];
        fprintf(out, "    { \"%s\", code_%s, %ld, %d, holes_%s, %d },\n", names[i] + 3,
                names[i], sizes[i], nholes[i], names[i], flags[i]);
    }
    free(order);
    fprintf(out, "};\nconst unsigned stencil_count = %d;\n", count);
    fclose(out);
    if (failures) {
        fprintf(stderr, "extract-stencils: %d error(s)\n", failures);
        remove(argv[2]);
        return 1;
    }
    return 0;
}
