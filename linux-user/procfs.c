/*
 * /proc as the guest should see it, and the -L prefix.
 *
 * The files that would show mimic instead of the guest program are
 * generated into a memfd when opened: /proc/self/maps (the guest map,
 * mmap.c), auxv, cmdline, environ, stat, exe (the guest program itself),
 * and /proc/cpuinfo (arm64 format, from the -cpu model).  readlink of
 * /proc/self/exe names the guest program.  "self" may also be spelled
 * with our pid or as thread-self.
 *
 * -L: an absolute path that exists under the prefix is used from there
 * (the interpreter, the libraries, ld.so.cache), any other path is the
 * host's, as with qemu-user.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "user.h"

/* If path is /proc/self/NAME (or an equivalent), returns NAME. */
static const char *self_entry(const char *path)
{
    static const char proc[] = "/proc/";
    if (strncmp(path, proc, sizeof(proc) - 1) != 0) {
        return NULL;
    }
    const char *p = path + sizeof(proc) - 1;
    if (!strncmp(p, "self/", 5)) {
        return p + 5;
    }
    if (!strncmp(p, "thread-self/", 12)) {
        return p + 12;
    }
    char *end;
    long pid = strtol(p, &end, 10);
    if (end != p && *end == '/' && pid == getpid()) {
        return end + 1;
    }
    return NULL;
}

bool procfs_is_self_exe(const char *path)
{
    const char *e = self_entry(path);
    return e && !strcmp(e, "exe");
}

int64_t procfs_readlink(const char *path, char *buf, size_t size)
{
    if (!path || !procfs_is_self_exe(path)) {
        return PROC_NOT_MINE;
    }
    size_t n = strlen(user_proc.exe_path);
    if (n > size) {
        n = size;
    }
    memcpy(buf, user_proc.exe_path, n);
    return n;
}

static void put_guest_bytes(FILE *f, uint64_t start, uint64_t end)
{
    if (end > start) {
        const void *p = lock_user(start, end - start, VERIFY_READ);
        if (p) {
            fwrite(p, 1, end - start, f);
        }
    }
}

static void gen_cmdline(FILE *f)
{
    for (int i = 0; i < user_proc.argc; i++) {
        fputs(user_proc.argv[i], f);
        fputc(0, f);
    }
}

/* The host's line with the fields that describe the program replaced:
 * comm (2), the virtual size (23: the guest's, not the reservation's),
 * and the code, stack and argument addresses (26-28, 45-51). */
static void gen_stat(FILE *f)
{
    char host[4096];
    FILE *h = fopen("/proc/self/stat", "r");
    size_t n = h ? fread(host, 1, sizeof(host) - 1, h) : 0;
    if (h) {
        fclose(h);
    }
    host[n] = 0;
    char *rp = strrchr(host, ')');
    if (!rp) {
        return;
    }
    const ImageInfo *ii = &user_proc.image;
    fprintf(f, "%d (%s)", getpid(), user_proc.comm);
    char *save, *tok = strtok_r(rp + 1, " \n", &save);
    for (int field = 3; tok; field++, tok = strtok_r(NULL, " \n", &save)) {
        uint64_t v;
        switch (field) {
        case 23: v = guest_mapped_bytes(); break;
        case 26: v = ii->start_code; break;
        case 27: v = ii->end_code; break;
        case 28: v = ii->stack_start; break;
        case 29: case 30: v = 0; break;    /* kstkesp, kstkeip */
        case 45: v = ii->start_data; break;
        case 46: v = ii->end_data; break;
        case 47: v = ii->brk; break;
        case 48: v = ii->arg_start; break;
        case 49: v = ii->arg_end; break;
        case 50: v = ii->env_start; break;
        case 51: v = ii->env_end; break;
        default:
            fprintf(f, " %s", tok);
            continue;
        }
        fprintf(f, " %" PRIu64, v);
    }
    fputc('\n', f);
}

static const char *const hwcap_names[] = {
    "fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics",
    "fphp", "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop",
    "sha3", "sm3", "sm4", "asimddp", "sha512", "sve", "asimdfhm", "dit", "uscat",
    "ilrcpc", "flagm", "ssbs", "sb", "paca", "pacg",
};
static const char *const hwcap2_names[] = {
    "dcpodp", "sve2", "sveaes", "svepmull", "svebitperm", "svesha3", "svesm4",
    "flagm2", "frint", "svei8mm", "svef32mm", "svef64mm", "svebf16", "i8mm",
    "bf16", "dgh", "rng", "bti", "mte", "ecv", "afp", "rpres", "mte3", "sme",
};

static void gen_cpuinfo(FILE *f)
{
    const ARMCPUModel *m = user_proc.model;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) {
        n = 1;
    }
    for (long cpu = 0; cpu < n; cpu++) {
        fprintf(f, "processor\t: %ld\nBogoMIPS\t: 50.00\nFeatures\t:", cpu);
        for (unsigned i = 0; i < sizeof(hwcap_names) / sizeof(hwcap_names[0]); i++) {
            if (m->hwcap & (1ull << i)) {
                fprintf(f, " %s", hwcap_names[i]);
            }
        }
        for (unsigned i = 0; i < sizeof(hwcap2_names) / sizeof(hwcap2_names[0]); i++) {
            if (m->hwcap2 & (1ull << i)) {
                fprintf(f, " %s", hwcap2_names[i]);
            }
        }
        unsigned arch = (m->midr >> 16) & 0xf;
        fprintf(f, "\nCPU implementer\t: 0x%02" PRIx64 "\nCPU architecture: %u\n"
                "CPU variant\t: 0x%" PRIx64 "\nCPU part\t: 0x%03" PRIx64
                "\nCPU revision\t: %" PRIu64 "\n\n",
                (m->midr >> 24) & 0xff, arch == 0xf ? 8 : arch, (m->midr >> 20) & 0xf,
                (m->midr >> 4) & 0xfff, m->midr & 0xf);
    }
}

/* Writes generated contents to a memfd the guest then reads like a file. */
static int fake_file(void (*gen)(FILE *), int flags)
{
    if ((flags & O_ACCMODE) != O_RDONLY) {
        return -EACCES;
    }
    int fd = memfd_create("mimic-proc", (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0) {
        return -errno;
    }
    int dupfd = dup(fd);
    FILE *f = dupfd >= 0 ? fdopen(dupfd, "w") : NULL;
    if (!f) {
        close(fd);
        return -ENOMEM;
    }
    gen(f);
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

static void gen_maps(FILE *f)
{
    mmap_lock();
    guest_maps_dump(f);
    mmap_unlock();
}

static void gen_auxv(FILE *f)
{
    fwrite(user_proc.auxv_copy, 1, user_proc.auxv_copy_len, f);
}

static void gen_environ(FILE *f)
{
    put_guest_bytes(f, user_proc.image.env_start, user_proc.image.env_end);
}

int procfs_open(const char *path, int flags)
{
    if (!strcmp(path, "/proc/cpuinfo")) {
        return fake_file(gen_cpuinfo, flags);
    }
    const char *e = self_entry(path);
    if (!e) {
        return PROC_NOT_MINE;
    }
    if (!strcmp(e, "maps")) {
        return fake_file(gen_maps, flags);
    }
    if (!strcmp(e, "auxv")) {
        return fake_file(gen_auxv, flags);
    }
    if (!strcmp(e, "cmdline")) {
        return fake_file(gen_cmdline, flags);
    }
    if (!strcmp(e, "environ")) {
        return fake_file(gen_environ, flags);
    }
    if (!strcmp(e, "stat")) {
        return fake_file(gen_stat, flags);
    }
    if (!strcmp(e, "exe")) {
        int fd = open(user_proc.exe_path, flags);
        return fd < 0 ? -errno : fd;
    }
    return PROC_NOT_MINE;
}

const char *path_remap(const char *path, char *buf, size_t size)
{
    const char *prefix = user_proc.ld_prefix;
    if (!prefix || path[0] != '/') {
        return path;
    }
    int n = snprintf(buf, size, "%s%s", prefix, path);
    if (n < 0 || (size_t)n >= size) {
        return path;
    }
    if (faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
        return buf;
    }
    return path;
}
