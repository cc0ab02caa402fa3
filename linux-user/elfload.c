/*
 * The ELF loader: validates an AArch64 program (and its PT_INTERP), maps
 * its segments into the guest space, and builds the initial stack (argc,
 * argv, envp, auxv, the strings above them) exactly as Linux's
 * binfmt_elf does.
 *
 * Every field of a file is distrusted: a bad header, a table past the end
 * of the file, segments that overlap or leave the guest space each give a
 * one-line error naming the problem, never a crash.  elf_load_program()
 * needs only the guest space (mmap.c), so the unit test drives it alone.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aarch64-abi.h"
#include "user.h"

#define MAX_PHDR_BYTES 65536           /* as Linux: larger tables are refused */
#define MAX_LOADS 64

uint64_t sigtramp_addr;

static char elf_err[512];

static const char *fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(elf_err, sizeof(elf_err), fmt, ap);
    va_end(ap);
    return elf_err;
}

static const char *machine_name(unsigned m)
{
    switch (m) {
    case EM_X86_64: return "x86-64";
    case EM_386: return "i386";
    case EM_ARM: return "32-bit ARM";
    case EM_RISCV: return "RISC-V";
    case EM_PPC64: return "PowerPC64";
    case EM_PPC: return "PowerPC";
    case EM_S390: return "s390";
    case EM_MIPS: return "MIPS";
    case EM_SPARCV9: return "SPARC64";
    case EM_LOONGARCH: return "LoongArch";
    default: return NULL;
    }
}

typedef struct ElfFile {
    const char *path;
    int fd;
    uint64_t size;
    Elf64_Ehdr eh;
    Elf64_Phdr *ph;
    int open_errno;           /* why open() failed, or 0 */
} ElfFile;

/* Opens and checks everything that can be checked before mapping. */
static const char *elf_open(ElfFile *ef, const char *path, const char *what)
{
    memset(ef, 0, sizeof(*ef));
    ef->path = path;
    ef->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (ef->fd < 0) {
        ef->open_errno = errno;
        return fail("%s%s: %s", what, path, strerror(errno));
    }
    struct stat st;
    if (fstat(ef->fd, &st) != 0) {
        return fail("%s%s: %s", what, path, strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        return fail("%s%s: is a directory", what, path);
    }
    if (!S_ISREG(st.st_mode)) {
        return fail("%s%s: not a regular file", what, path);
    }
    ef->size = st.st_size;
    if (ef->size == 0) {
        return fail("%s%s: empty file, not an ELF program", what, path);
    }
    ssize_t n = pread(ef->fd, &ef->eh, sizeof(ef->eh), 0);
    if (n < 0) {
        return fail("%s%s: %s", what, path, strerror(errno));
    }
    const Elf64_Ehdr *eh = &ef->eh;
    if (n < SELFMAG || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0) {
        return fail("%s%s: not an ELF file (bad magic)", what, path);
    }
    if ((size_t)n < EI_NIDENT) {
        return fail("%s%s: truncated ELF header (%zd of %zu bytes)", what, path, n,
                    sizeof(*eh));
    }
    if (eh->e_ident[EI_CLASS] != ELFCLASS64) {
        return fail("%s%s: not a 64-bit ELF file (class %u); mimic-aarch64 runs "
                    "64-bit AArch64 programs", what, path, eh->e_ident[EI_CLASS]);
    }
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB) {
        return fail("%s%s: not a little-endian ELF file", what, path);
    }
    if ((size_t)n < sizeof(*eh)) {
        return fail("%s%s: truncated ELF header (%zd of %zu bytes)", what, path, n,
                    sizeof(*eh));
    }
    if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT) {
        return fail("%s%s: unknown ELF version", what, path);
    }
    if (eh->e_machine != EM_AARCH64) {
        const char *m = machine_name(eh->e_machine);
        if (m) {
            return fail("%s%s: wrong machine: this is a %s program, mimic-aarch64 "
                        "runs AArch64 programs", what, path, m);
        }
        return fail("%s%s: wrong machine (e_machine %u), mimic-aarch64 runs AArch64 "
                    "programs", what, path, eh->e_machine);
    }
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        return fail("%s%s: not an executable (ELF type %u)", what, path, eh->e_type);
    }
    if (eh->e_phentsize != sizeof(Elf64_Phdr)) {
        return fail("%s%s: bad program header size %u (expected %zu)", what, path,
                    eh->e_phentsize, sizeof(Elf64_Phdr));
    }
    if (eh->e_phnum == 0) {
        return fail("%s%s: no program headers", what, path);
    }
    uint64_t phbytes = (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
    if (phbytes > MAX_PHDR_BYTES) {
        return fail("%s%s: too many program headers (%u)", what, path, eh->e_phnum);
    }
    if (eh->e_phoff > ef->size || phbytes > ef->size - eh->e_phoff) {
        return fail("%s%s: program headers past the end of the file (offset %" PRIu64
                    ", file size %" PRIu64 ")", what, path, (uint64_t)eh->e_phoff,
                    ef->size);
    }
    ef->ph = malloc(phbytes);
    if (!ef->ph) {
        return fail("%s%s: out of memory", what, path);
    }
    if (pread(ef->fd, ef->ph, phbytes, eh->e_phoff) != (ssize_t)phbytes) {
        return fail("%s%s: cannot read the program headers", what, path);
    }
    return NULL;
}

static void elf_close(ElfFile *ef)
{
    if (ef->fd >= 0) {
        close(ef->fd);
    }
    free(ef->ph);
    ef->fd = -1;
    ef->ph = NULL;
}

static int elf_prot(uint32_t pf)
{
    return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) |
           (pf & PF_X ? PROT_EXEC : 0);
}

/* Checks the PT_LOAD segments of ef and computes their page span. */
static const char *check_loads(ElfFile *ef, const char *what, Elf64_Phdr **loads,
                               int *nloads, uint64_t *lo, uint64_t *hi,
                               uint64_t *max_align)
{
    int n = 0;
    *lo = UINT64_MAX;
    *hi = 0;
    *max_align = GUEST_PAGE_SIZE;
    for (int i = 0; i < ef->eh.e_phnum; i++) {
        Elf64_Phdr *p = &ef->ph[i];
        if (p->p_type != PT_LOAD) {
            continue;
        }
        if (p->p_filesz > p->p_memsz) {
            return fail("%s%s: segment %d: file size %" PRIu64 " larger than memory "
                        "size %" PRIu64, what, ef->path, i, (uint64_t)p->p_filesz,
                        (uint64_t)p->p_memsz);
        }
        if (p->p_offset > ef->size || p->p_filesz > ef->size - p->p_offset) {
            return fail("%s%s: segment %d: data past the end of the file", what,
                        ef->path, i);
        }
        if (p->p_align > 1 && (p->p_align & (p->p_align - 1))) {
            return fail("%s%s: segment %d: bad alignment 0x%" PRIx64 " (not a power "
                        "of two)", what, ef->path, i, (uint64_t)p->p_align);
        }
        if ((p->p_vaddr - p->p_offset) & (GUEST_PAGE_SIZE - 1)) {
            return fail("%s%s: segment %d: misaligned (address and file offset "
                        "differ modulo the page size)", what, ef->path, i);
        }
        if (p->p_memsz == 0) {
            continue;
        }
        if (p->p_vaddr + p->p_memsz < p->p_vaddr ||
            p->p_vaddr + p->p_memsz > guest_space_size) {
            return fail("%s%s: segment %d at 0x%" PRIx64 "+0x%" PRIx64 " lies outside "
                        "the guest address space", what, ef->path, i,
                        (uint64_t)p->p_vaddr, (uint64_t)p->p_memsz);
        }
        if (n > 0) {
            Elf64_Phdr *q = loads[n - 1];
            if (p->p_vaddr < q->p_vaddr + q->p_memsz) {
                return fail("%s%s: segments %s (0x%" PRIx64 " overlaps the one "
                            "before)", what, ef->path,
                            p->p_vaddr < q->p_vaddr ? "out of order" : "overlap",
                            (uint64_t)p->p_vaddr);
            }
        }
        if (n == MAX_LOADS) {
            return fail("%s%s: too many loadable segments", what, ef->path);
        }
        loads[n++] = p;
        uint64_t s = p->p_vaddr & GUEST_PAGE_MASK;
        uint64_t e = GUEST_PAGE_ALIGN(p->p_vaddr + p->p_memsz);
        *lo = s < *lo ? s : *lo;
        *hi = e > *hi ? e : *hi;
        if (p->p_align > *max_align) {
            *max_align = p->p_align;
        }
    }
    if (n == 0) {
        return fail("%s%s: no loadable segments", what, ef->path);
    }
    *nloads = n;
    return NULL;
}

/* Maps one checked image.  base: where an ET_DYN goes (0 = anywhere). */
static const char *map_image(ElfFile *ef, const char *what, uint64_t base,
                             ImageInfo *info)
{
    Elf64_Phdr *loads[MAX_LOADS];
    int n = 0;
    uint64_t lo, hi, align;
    const char *err = check_loads(ef, what, loads, &n, &lo, &hi, &align);
    if (err) {
        return err;
    }
    uint64_t bias = 0;
    if (ef->eh.e_type == ET_DYN) {
        if (align > (1ull << 30)) {
            align = GUEST_PAGE_SIZE;
        }
        uint64_t where = base ? (base + align - 1) & ~(align - 1)
                              : mmap_find_free(0, hi - lo, align);
        if (!where) {
            return fail("%s%s: no room in the guest address space for %" PRIu64
                        " bytes", what, ef->path, hi - lo);
        }
        bias = where - lo;
    }
    if (lo + bias < 0x10000) {
        return fail("%s%s: segment at 0x%" PRIx64 " below the lowest mappable "
                    "address", what, ef->path, lo + bias);
    }
    if (hi + bias > guest_space_size || hi + bias < lo + bias) {
        return fail("%s%s: image at 0x%" PRIx64 "-0x%" PRIx64 " lies outside the "
                    "guest address space", what, ef->path, lo + bias, hi + bias);
    }
    if (!guest_range_free(lo + bias, hi - lo)) {
        return fail("%s%s: image at 0x%" PRIx64 "-0x%" PRIx64 " overlaps memory "
                    "already in use", what, ef->path, lo + bias, hi + bias);
    }

    /* Segments sharing a page cannot each be a file mapping: then copy. */
    bool share = false;
    for (int i = 1; i < n; i++) {
        if ((loads[i]->p_vaddr & GUEST_PAGE_MASK) <
            GUEST_PAGE_ALIGN(loads[i - 1]->p_vaddr + loads[i - 1]->p_memsz)) {
            share = true;
        }
    }

    for (int i = 0; i < n; i++) {
        Elf64_Phdr *p = loads[i];
        uint64_t vaddr = p->p_vaddr + bias;
        uint64_t pstart = vaddr & GUEST_PAGE_MASK;
        uint64_t file_end = vaddr + p->p_filesz;
        uint64_t mem_end = GUEST_PAGE_ALIGN(vaddr + p->p_memsz);
        int prot = elf_prot(p->p_flags);
        int64_t r;
        if (share) {
            r = target_mmap(pstart, mem_end - pstart, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (r >= 0 && p->p_filesz &&
                pread(ef->fd, g2h(vaddr), p->p_filesz, p->p_offset) != (ssize_t)p->p_filesz) {
                r = -EIO;
            }
        } else {
            uint64_t map_end = GUEST_PAGE_ALIGN(file_end);
            r = 0;
            if (map_end > pstart && p->p_filesz) {
                r = target_mmap(pstart, map_end - pstart, prot | PROT_WRITE,
                                MAP_PRIVATE | MAP_FIXED, ef->fd,
                                p->p_offset & GUEST_PAGE_MASK);
            } else {
                map_end = pstart;
            }
            if (r >= 0 && mem_end > map_end) {
                r = target_mmap(map_end, mem_end - map_end, prot | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            }
            /* The bss starts inside the last file page: zero its tail. */
            if (r >= 0 && p->p_memsz > p->p_filesz && (file_end & ~GUEST_PAGE_MASK)) {
                memset(g2h(file_end), 0, GUEST_PAGE_SIZE - (file_end & ~GUEST_PAGE_MASK));
            }
        }
        if (r < 0) {
            target_munmap(lo + bias, hi - lo);
            return fail("%s%s: cannot map segment %d at 0x%" PRIx64 ": %s", what,
                        ef->path, i, vaddr, strerror((int)-r));
        }
    }
    /* Final protections, pages shared by two segments get both. */
    for (int i = 0; i < n; i++) {
        uint64_t s = (loads[i]->p_vaddr + bias) & GUEST_PAGE_MASK;
        uint64_t e = GUEST_PAGE_ALIGN(loads[i]->p_vaddr + loads[i]->p_memsz + bias);
        int prot = elf_prot(loads[i]->p_flags);
        if (i > 0 && s < GUEST_PAGE_ALIGN(loads[i - 1]->p_vaddr + loads[i - 1]->p_memsz + bias)) {
            target_mprotect(s, GUEST_PAGE_SIZE, prot | elf_prot(loads[i - 1]->p_flags));
            s += GUEST_PAGE_SIZE;
        }
        if (i + 1 < n && e > ((loads[i + 1]->p_vaddr + bias) & GUEST_PAGE_MASK)) {
            e -= GUEST_PAGE_SIZE;
        }
        if (e > s) {
            target_mprotect(s, e - s, prot);
        }
    }

    info->load_bias = bias;
    info->load_addr = lo + bias;
    info->entry = ef->eh.e_entry + bias;
    info->start_code = UINT64_MAX;
    info->end_code = info->start_data = info->end_data = 0;
    info->brk = 0;
    for (int i = 0; i < n; i++) {
        Elf64_Phdr *p = loads[i];
        uint64_t s = p->p_vaddr + bias, e = s + p->p_filesz;
        if (p->p_flags & PF_X) {
            info->start_code = s < info->start_code ? s : info->start_code;
            info->end_code = e > info->end_code ? e : info->end_code;
        } else {
            if (!info->start_data || s < info->start_data) {
                info->start_data = s;
            }
            info->end_data = e > info->end_data ? e : info->end_data;
        }
        if (s + p->p_memsz > info->brk) {
            info->brk = s + p->p_memsz;
        }
    }
    if (info->start_code == UINT64_MAX) {
        info->start_code = 0;
    }
    /* AT_PHDR: PT_PHDR if present, else the loaded bytes holding the table. */
    info->phdr = 0;
    info->phnum = ef->eh.e_phnum;
    for (int i = 0; i < ef->eh.e_phnum; i++) {
        if (ef->ph[i].p_type == PT_PHDR) {
            info->phdr = ef->ph[i].p_vaddr + bias;
        }
    }
    for (int i = 0; !info->phdr && i < n; i++) {
        Elf64_Phdr *p = loads[i];
        if (ef->eh.e_phoff >= p->p_offset &&
            ef->eh.e_phoff + info->phnum * sizeof(Elf64_Phdr) <= p->p_offset + p->p_filesz) {
            info->phdr = ef->eh.e_phoff - p->p_offset + p->p_vaddr + bias;
        }
    }
    if (!info->phdr) {
        info->phdr = lo + bias + ef->eh.e_phoff;
    }
    return NULL;
}

/* Reads PT_INTERP and PT_GNU_STACK. */
static const char *scan_headers(ElfFile *ef, ImageInfo *info)
{
    info->interp_path[0] = 0;
    info->exec_stack = false;
    for (int i = 0; i < ef->eh.e_phnum; i++) {
        Elf64_Phdr *p = &ef->ph[i];
        if (p->p_type == PT_GNU_STACK) {
            info->exec_stack = (p->p_flags & PF_X) != 0;
        } else if (p->p_type == PT_INTERP) {
            if (p->p_filesz < 2 || p->p_filesz > sizeof(info->interp_path)) {
                return fail("%s: bad PT_INTERP size %" PRIu64, ef->path,
                            (uint64_t)p->p_filesz);
            }
            if (p->p_offset > ef->size || p->p_filesz > ef->size - p->p_offset) {
                return fail("%s: PT_INTERP past the end of the file", ef->path);
            }
            if (pread(ef->fd, info->interp_path, p->p_filesz, p->p_offset) !=
                    (ssize_t)p->p_filesz ||
                info->interp_path[p->p_filesz - 1] != 0 ||
                strlen(info->interp_path) != p->p_filesz - 1) {
                info->interp_path[0] = 0;
                return fail("%s: bad PT_INTERP (not a NUL-terminated path)", ef->path);
            }
        }
    }
    return NULL;
}

const char *elf_load_program(const char *path, const char *ld_prefix,
                             ImageInfo *info)
{
    memset(info, 0, sizeof(*info));
    ElfFile ef;
    const char *err = elf_open(&ef, path, "");
    if (!err) {
        err = scan_headers(&ef, info);
    }
    if (!err) {
        /* PIE and static-pie programs go at a fixed base, as Linux's
         * ELF_ET_DYN_BASE; an interpreter goes wherever there is room. */
        err = map_image(&ef, "", ELF_ET_DYN_BASE, info);
    }
    elf_close(&ef);
    if (err) {
        return err;
    }
    info->interp_entry = info->entry;
    if (!info->interp_path[0]) {
        return NULL;
    }

    char buf[4096 + 256];
    const char *ipath = info->interp_path;
    if (ld_prefix && ipath[0] == '/') {
        snprintf(buf, sizeof(buf), "%s%s", ld_prefix, ipath);
        if (access(buf, F_OK) == 0) {
            ipath = buf;
        }
    }
    ImageInfo ii = { 0 };
    err = elf_open(&ef, ipath, "ELF interpreter ");
    if (err && !ld_prefix && ef.open_errno == ENOENT) {
        char first[sizeof(elf_err)];
        snprintf(first, sizeof(first), "%s", err);
        err = fail("%s (a dynamically linked program: give the arm64 sysroot "
                   "with -L, e.g. -L /usr/aarch64-linux-gnu)", first);
    }
    if (!err) {
        err = map_image(&ef, "ELF interpreter ", 0, &ii);
    }
    elf_close(&ef);
    if (err) {
        /* Leave the guest space as it was. */
        target_munmap(info->load_addr, GUEST_PAGE_ALIGN(info->brk) - info->load_addr);
        return err;
    }
    /* AT_BASE: where the interpreter was loaded (its lowest page). */
    info->interp_base = ii.load_addr;
    info->interp_entry = ii.entry;
    return NULL;
}

/* ---- the initial stack ---- */

typedef struct StackWriter {
    uint64_t p;          /* grows down */
    uint64_t limit;
    bool fault;
} StackWriter;

static uint64_t push_bytes(StackWriter *w, const void *data, size_t len)
{
    if (w->p - w->limit < len) {
        w->fault = true;
        return 0;
    }
    w->p -= len;
    if (copy_to_user(w->p, data, len) != 0) {
        w->fault = true;
    }
    return w->p;
}

static uint64_t push_string(StackWriter *w, const char *s)
{
    return push_bytes(w, s, strlen(s) + 1);
}

static uint64_t stack_size_from_rlimit(void)
{
    struct rlimit rl;
    uint64_t size = 8ull << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
        size = rl.rlim_cur;
    }
    if (size < (1ull << 20)) {
        size = 1ull << 20;
    }
    if (size > (256ull << 20)) {
        size = 256ull << 20;
    }
    return GUEST_PAGE_ALIGN(size);
}

static const char *map_sigtramp(void)
{
    /* One read-only, executable page above the stack, standing in for the
     * vDSO's __kernel_rt_sigreturn. */
    uint64_t page = guest_stack_top + 0x8000;
    int64_t r = target_mmap(page, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r < 0) {
        return fail("cannot map the signal trampoline: %s", strerror((int)-r));
    }
    uint32_t code[2] = { TARGET_SIGTRAMP_INSN0, TARGET_SIGTRAMP_INSN1 };
    copy_to_user(page, code, sizeof(code));
    target_mprotect(page, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC);
    sigtramp_addr = page;
    guest_maps_set_vdso(page, page + GUEST_PAGE_SIZE);
    return NULL;
}

const char *elf_setup_stack(ImageInfo *info, int argc, char *const *argv,
                            char *const *envp, const char *execfn,
                            uint64_t hwcap, uint64_t hwcap2)
{
    const char *err = map_sigtramp();
    if (err) {
        return err;
    }
    uint64_t size = stack_size_from_rlimit();
    uint64_t top = guest_stack_top, bottom = top - size;
    int prot = PROT_READ | PROT_WRITE | (info->exec_stack ? PROT_EXEC : 0);
    /* MAP_GROWSDOWN, as Linux's stack VMA: it does not count for RLIMIT_DATA */
    int64_t r = target_mmap(bottom, size, prot,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE |
                            MAP_GROWSDOWN, -1, 0);
    if (r < 0) {
        return fail("cannot map the guest stack: %s", strerror((int)-r));
    }
    info->stack_limit = bottom;
    info->stack_top = top;
    guest_maps_set_stack(bottom, top);

    int envc = 0;
    while (envp[envc]) {
        envc++;
    }
    /* Strings may use at most a quarter of the stack, as Linux allows. */
    size_t strbytes = strlen(execfn) + 1;
    for (int i = 0; i < argc; i++) {
        strbytes += strlen(argv[i]) + 1;
    }
    for (int i = 0; i < envc; i++) {
        strbytes += strlen(envp[i]) + 1;
    }
    if (strbytes + (size_t)(argc + envc) * 8 > size / 4) {
        return fail("argument list too long (%zu bytes of strings)", strbytes);
    }

    StackWriter w = { .p = top, .limit = bottom };
    uint64_t zero = 0;
    push_bytes(&w, &zero, 8);
    uint64_t execfn_addr = push_string(&w, execfn);
    uint64_t *envp_addr = calloc(envc + 1, 8), *argv_addr = calloc(argc + 1, 8);
    info->env_end = w.p;
    for (int i = envc - 1; i >= 0; i--) {
        envp_addr[i] = push_string(&w, envp[i]);
    }
    info->env_start = w.p;
    info->arg_end = w.p;
    for (int i = argc - 1; i >= 0; i--) {
        argv_addr[i] = push_string(&w, argv[i]);
    }
    info->arg_start = w.p;
    w.p &= ~15ull;
    uint64_t platform = push_string(&w, "aarch64");
    uint8_t rnd[16];
    if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd)) {
        for (int i = 0; i < 16; i++) {
            rnd[i] = (uint8_t)(random() >> 7);
        }
    }
    uint64_t random_addr = push_bytes(&w, rnd, sizeof(rnd));

    uint64_t auxv[2 * 24];
    int na = 0;
#define AUX(k, v) (auxv[na++] = (k), auxv[na++] = (v))
    AUX(AT_MINSIGSTKSZ, TARGET_SIGFRAME_MIN_STACK);
    AUX(AT_HWCAP, hwcap);
    AUX(AT_PAGESZ, GUEST_PAGE_SIZE);
    AUX(AT_CLKTCK, 100);
    AUX(AT_PHDR, info->phdr);
    AUX(AT_PHENT, sizeof(Elf64_Phdr));
    AUX(AT_PHNUM, info->phnum);
    AUX(AT_BASE, info->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, info->entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, 0);
    AUX(AT_RANDOM, random_addr);
    AUX(AT_HWCAP2, hwcap2);
    AUX(AT_EXECFN, execfn_addr);
    AUX(AT_PLATFORM, platform);
    AUX(AT_NULL, 0);
#undef AUX

    /* argc, argv[], NULL, envp[], NULL, auxv: sp 16-byte aligned. */
    uint64_t words = 1 + (argc + 1) + (envc + 1) + na;
    uint64_t sp = (w.p - words * 8) & ~15ull;
    if (sp < bottom || w.fault) {
        free(envp_addr);
        free(argv_addr);
        return fail("argument list too long for the stack");
    }
    uint64_t *tbl = calloc(words, 8);
    size_t k = 0;
    tbl[k++] = argc;
    for (int i = 0; i < argc; i++) {
        tbl[k++] = argv_addr[i];
    }
    tbl[k++] = 0;
    for (int i = 0; i < envc; i++) {
        tbl[k++] = envp_addr[i];
    }
    tbl[k++] = 0;
    info->auxv = sp + k * 8;
    info->auxv_len = na * 8;
    memcpy(&tbl[k], auxv, na * 8);
    int fault = copy_to_user(sp, tbl, words * 8);
    free(tbl);
    free(envp_addr);
    free(argv_addr);
    if (fault) {
        return fail("cannot write the initial stack");
    }
    info->sp = sp;
    info->stack_start = sp;
    return NULL;
}
