/*
 * The contents of this process's /proc files as the guest sees them,
 * generated into a memfd when opened: maps, smaps, smaps_rollup and
 * numa_maps (the guest map of mmap.c with the host kernel's counters for
 * the same memory), status and stat (the host's with the fields that would
 * describe mimic replaced), cmdline, environ, auxv, and /proc/cpuinfo (arm64
 * format, from the -cpu model).
 *
 * Memory counters: a guest mapping lies inside host VMAs of the guest
 * space reservation.  Where a guest mapping covers a host VMA it gets that
 * VMA's counters; where it covers part of one (guest protections the host
 * does not distinguish, such as r-x and r--), that VMA's counters are
 * shared out by size.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <unistd.h>

#include "user.h"

static void put_guest_bytes(FILE *f, uint64_t start, uint64_t end)
{
    if (end > start) {
        const void *p = lock_user(start, end - start, VERIFY_READ);
        if (p) {
            fwrite(p, 1, end - start, f);
        }
    }
}

/* ---- the host's per-VMA counters (smaps, numa_maps) ---- */

#define MAX_FIELDS 40

/* One host VMA of the guest space with its counters by field. */
typedef struct HostVma {
    uint64_t start, end;          /* host addresses */
    uint64_t val[MAX_FIELDS];
    char policy[32];              /* numa_maps */
    char tail[160];               /* smaps: lines after the counters */
} HostVma;

typedef struct HostCounters {
    HostVma *v;
    size_t n, cap;
    size_t cursor;                /* guest mappings come in address order */
    char names[MAX_FIELDS][32];
    int nf;
} HostCounters;

static int field_index(HostCounters *hc, const char *name)
{
    for (int i = 0; i < hc->nf; i++) {
        if (!strcmp(hc->names[i], name)) {
            return i;
        }
    }
    if (hc->nf == MAX_FIELDS) {
        return -1;
    }
    snprintf(hc->names[hc->nf], sizeof(hc->names[0]), "%s", name);
    return hc->nf++;
}

/* Counters that are a largest value, not an amount. */
static bool field_is_max(const char *name)
{
    return !strcmp(name, "mapmax") || !strcmp(name, "kernelpagesize_kB");
}

static HostVma *new_vma(HostCounters *hc, uint64_t s, uint64_t e)
{
    if (hc->n == hc->cap) {
        hc->cap = hc->cap ? hc->cap * 2 : 256;
        hc->v = realloc(hc->v, hc->cap * sizeof(*hc->v));
    }
    HostVma *v = &hc->v[hc->n++];
    memset(v, 0, sizeof(*v));
    v->start = s;
    v->end = e;
    return v;
}

static bool in_guest_space(uint64_t hs, uint64_t he)
{
    return he > guest_base && hs < guest_base + guest_space_size;
}

/* smaps: "start-end ..." then "Name:   N kB" lines, then the rest. */
static bool read_host_smaps(HostCounters *hc)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f) {
        return false;
    }
    char line[4096 + 128];
    HostVma *cur = NULL;
    bool skip = true;
    while (fgets(line, sizeof(line), f)) {
        unsigned long s, e, val;
        char name[64];
        int n;
        if (sscanf(line, "%lx-%lx %n", &s, &e, &n) == 2 && n > 0) {
            skip = !in_guest_space(s, e);
            cur = skip ? NULL : new_vma(hc, s, e);
        } else if (skip) {
            continue;
        } else if (sscanf(line, "%63s %lu kB", name, &val) == 2 && strstr(line, " kB")) {
            int i = field_index(hc, name);
            if (i >= 0) {
                cur->val[i] = val;
            }
        } else if (strlen(cur->tail) + strlen(line) < sizeof(cur->tail)) {
            strcat(cur->tail, line);
        }
    }
    fclose(f);
    return true;
}

/* numa_maps: "start policy word key=N ...", one line per VMA. */
static bool read_host_numa(HostCounters *hc, const HostCounters *smaps)
{
    FILE *f = fopen("/proc/self/numa_maps", "r");
    if (!f) {
        return false;
    }
    char line[4096 + 128];
    size_t j = 0;
    while (fgets(line, sizeof(line), f)) {
        unsigned long s;
        char policy[32];
        int n;
        if (sscanf(line, "%lx %31s %n", &s, policy, &n) < 2) {
            continue;
        }
        /* numa_maps has no end: smaps of the same moment has. */
        while (j < smaps->n && smaps->v[j].start < s) {
            j++;
        }
        if (j == smaps->n || smaps->v[j].start != s) {
            continue;
        }
        HostVma *v = new_vma(hc, s, smaps->v[j].end);
        snprintf(v->policy, sizeof(v->policy), "%s", policy);
        char *save, *tok = strtok_r(line + n, " \n", &save);
        for (; tok; tok = strtok_r(NULL, " \n", &save)) {
            char *eq = strchr(tok, '=');
            if (!eq || !strncmp(tok, "file=", 5)) {
                continue;
            }
            *eq = 0;
            int i = field_index(hc, tok);
            if (i >= 0) {
                v->val[i] = strtoull(eq + 1, NULL, 10);
            }
        }
    }
    fclose(f);
    return true;
}

/* Sums the counters of the host VMAs under guest [gs, ge) into sum;
 * returns the first such VMA (for its policy and tail) or NULL. */
static const HostVma *counters_for(HostCounters *hc, uint64_t gs, uint64_t ge,
                                   uint64_t *sum)
{
    uint64_t hs = (uint64_t)(uintptr_t)g2h(gs), he = (uint64_t)(uintptr_t)g2h(ge);
    memset(sum, 0, MAX_FIELDS * sizeof(*sum));
    while (hc->cursor < hc->n && hc->v[hc->cursor].end <= hs) {
        hc->cursor++;
    }
    const HostVma *first = NULL;
    for (size_t k = hc->cursor; k < hc->n && hc->v[k].start < he; k++) {
        const HostVma *v = &hc->v[k];
        uint64_t lo = v->start > hs ? v->start : hs, hi = v->end < he ? v->end : he;
        if (hi <= lo) {
            continue;
        }
        first = first ? first : v;
        for (int i = 0; i < hc->nf; i++) {
            if (field_is_max(hc->names[i])) {
                sum[i] = v->val[i] > sum[i] ? v->val[i] : sum[i];
            } else {
                sum[i] += (unsigned __int128)v->val[i] * (hi - lo) / (v->end - v->start);
            }
        }
    }
    return first;
}

/* ---- the guest's mappings, as guest_maps_dump prints them ---- */

typedef struct GuestMap {
    uint64_t start, end;
    char perms[8];
    const char *line;             /* the maps line, without its newline */
    const char *name;             /* within line, "" if none */
} GuestMap;

/* Calls fn for each guest mapping; returns false if there is no map. */
static bool for_each_guest_map(void (*fn)(const GuestMap *, void *), void *opaque)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) {
        return false;
    }
    mmap_lock();
    guest_maps_dump(m);
    mmap_unlock();
    fclose(m);
    for (char *line = buf, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next) {
            *next++ = 0;
        }
        GuestMap g = { .line = line };
        unsigned long s, e, off, ino;
        char dev[16];
        int n = 0;
        if (sscanf(line, "%lx-%lx %7s %lx %15s %lu %n", &s, &e, g.perms, &off, dev,
                   &ino, &n) < 6) {
            continue;
        }
        g.start = s;
        g.end = e;
        g.name = line + n;
        fn(&g, opaque);
    }
    free(buf);
    return true;
}

/* The guest's memory use, for status and stat. */
typedef struct GuestUsage {
    HostCounters hc;
    int rss, anon, swap, locked, pss, shmem_pmd;     /* field indexes */
    uint64_t size, kb_rss, kb_anon, kb_swap, kb_locked, data, stack, exec;
} GuestUsage;

static uint64_t field_of(const uint64_t *sum, int i)
{
    return i >= 0 ? sum[i] : 0;
}

static void usage_add(const GuestMap *g, void *opaque)
{
    GuestUsage *u = opaque;
    uint64_t sum[MAX_FIELDS];
    uint64_t kb = (g->end - g->start) >> 10;
    counters_for(&u->hc, g->start, g->end, sum);
    u->size += kb;
    u->kb_rss += field_of(sum, u->rss);
    u->kb_anon += field_of(sum, u->anon);
    u->kb_swap += field_of(sum, u->swap);
    u->kb_locked += field_of(sum, u->locked);
    if (!strcmp(g->name, "[stack]")) {
        u->stack += kb;
    } else if (g->perms[1] == 'w' && g->perms[3] == 'p') {
        u->data += kb;
    }
    if (g->perms[2] == 'x') {
        u->exec += kb;
    }
}

static void guest_usage(GuestUsage *u)
{
    memset(u, 0, sizeof(*u));
    read_host_smaps(&u->hc);
    u->rss = field_index(&u->hc, "Rss:");
    u->anon = field_index(&u->hc, "Anonymous:");
    u->swap = field_index(&u->hc, "Swap:");
    u->locked = field_index(&u->hc, "Locked:");
    for_each_guest_map(usage_add, u);
    free(u->hc.v);
}

/* ---- maps, smaps, smaps_rollup, numa_maps ---- */

static void put_kb(FILE *f, const char *name, uint64_t v)
{
    int w = 23 - (int)strlen(name);
    fprintf(f, "%s %*" PRIu64 " kB\n", name, w > 1 ? w : 1, v);
}

static void put_map_line(const GuestMap *g, void *opaque)
{
    fprintf(opaque, "%s\n", g->line);
}

typedef struct SmapsWalk {
    FILE *f;
    HostCounters hc;
    uint64_t total[MAX_FIELDS];
    uint64_t first, last;
} SmapsWalk;

/* The host's VmFlags with read, write and exec as the guest has them. */
static void put_vmflags(FILE *f, const char *perms, const char *tail)
{
    const char *vf = strstr(tail, "VmFlags:");
    static const char *const rwx[] = { "rd", "wr", "ex" };
    fputs("VmFlags:", f);
    for (int i = 0; i < 3; i++) {
        if (perms[i] != '-') {
            fprintf(f, " %s", rwx[i]);
        }
    }
    if (vf) {
        char buf[160];
        snprintf(buf, sizeof(buf), "%s", vf + 8);
        char *save, *tok = strtok_r(buf, " \n", &save);
        for (; tok; tok = strtok_r(NULL, " \n", &save)) {
            if (strcmp(tok, "rd") && strcmp(tok, "wr") && strcmp(tok, "ex")) {
                fprintf(f, " %s", tok);
            }
        }
    }
    fputs(" \n", f);
}

static void smaps_entry(const GuestMap *g, void *opaque)
{
    SmapsWalk *w = opaque;
    uint64_t sum[MAX_FIELDS];
    const HostVma *v = counters_for(&w->hc, g->start, g->end, sum);
    if (!w->first && !w->last) {
        w->first = g->start;
    }
    w->last = g->end;
    if (w->f) {
        fprintf(w->f, "%s\n", g->line);
    }
    for (int i = 0; i < w->hc.nf; i++) {
        const char *name = w->hc.names[i];
        uint64_t val = sum[i];
        if (!strcmp(name, "Size:")) {
            val = (g->end - g->start) >> 10;
        } else if (!strcmp(name, "KernelPageSize:") || !strcmp(name, "MMUPageSize:")) {
            val = GUEST_PAGE_SIZE >> 10;
        } else {
            w->total[i] += val;
        }
        if (w->f) {
            put_kb(w->f, name, val);
        }
    }
    if (w->f && v) {
        /* THPeligible, ProtectionKey: copied; VmFlags: the guest's rwx. */
        char tail[160];
        snprintf(tail, sizeof(tail), "%s", v->tail);
        char *vf = strstr(tail, "VmFlags:");
        fprintf(w->f, "%.*s", vf ? (int)(vf - tail) : (int)strlen(tail), tail);
        put_vmflags(w->f, g->perms, v->tail);
    }
}

static void gen_maps(FILE *f, const ProcPath *pp)
{
    for_each_guest_map(put_map_line, f);
}

static void gen_smaps(FILE *f, const ProcPath *pp)
{
    SmapsWalk w = { .f = f };
    read_host_smaps(&w.hc);
    for_each_guest_map(smaps_entry, &w);
    free(w.hc.v);
}

/* The sums of smaps, in the order and with the names of the host's
 * smaps_rollup; its split of Pss by kind is estimated from Anonymous. */
static void gen_smaps_rollup(FILE *f, const ProcPath *pp)
{
    SmapsWalk w = { .f = NULL };
    read_host_smaps(&w.hc);
    for_each_guest_map(smaps_entry, &w);
    FILE *h = fopen("/proc/self/smaps_rollup", "r");
    char line[512];
    if (h && fgets(line, sizeof(line), h)) {
        int n = fprintf(f, "%08" PRIx64 "-%08" PRIx64 " ---p 00000000 00:00 0 ", w.first, w.last);
        fprintf(f, "%*s[rollup]\n", n < 73 ? 73 - n : 0, "");
        uint64_t pss = field_of(w.total, field_index(&w.hc, "Pss:"));
        uint64_t anon = field_of(w.total, field_index(&w.hc, "Anonymous:"));
        uint64_t pss_anon = anon < pss ? anon : pss;
        while (fgets(line, sizeof(line), h)) {
            char name[64];
            if (sscanf(line, "%63s", name) != 1) {
                continue;
            }
            uint64_t v = !strcmp(name, "Pss_Anon:") ? pss_anon
                         : !strcmp(name, "Pss_File:") ? pss - pss_anon
                         : !strcmp(name, "Pss_Shmem:") ? 0
                         : field_of(w.total, field_index(&w.hc, name));
            put_kb(f, name, v);
        }
    }
    if (h) {
        fclose(h);
    }
    free(w.hc.v);
}

typedef struct NumaWalk {
    FILE *f;
    HostCounters hc;
} NumaWalk;

static void numa_entry(const GuestMap *g, void *opaque)
{
    NumaWalk *w = opaque;
    uint64_t sum[MAX_FIELDS];
    const HostVma *v = counters_for(&w->hc, g->start, g->end, sum);
    fprintf(w->f, "%08" PRIx64 " %s", g->start, v ? v->policy : "default");
    if (g->name[0] == '/') {
        fprintf(w->f, " file=%s", g->name);
    } else if (!strcmp(g->name, "[heap]")) {
        fputs(" heap", w->f);
    } else if (!strcmp(g->name, "[stack]")) {
        fputs(" stack", w->f);
    }
    /* The kernel's order (show_numa_map): the counts, the nodes, the
     * page size; each only if not zero. */
    static const char *const order[] = {
        "anon", "dirty", "mapped", "mapmax", "swapcache", "active", "writeback",
        "N", "kernelpagesize_kB",
    };
    uint64_t pages = 0;
    for (int i = 0; i < w->hc.nf; i++) {
        pages += w->hc.names[i][0] == 'N' ? sum[i] : 0;
    }
    for (size_t k = 0; pages && k < sizeof(order) / sizeof(order[0]); k++) {
        for (int i = 0; i < w->hc.nf; i++) {
            const char *name = w->hc.names[i];
            bool node = name[0] == 'N' && name[1] >= '0' && name[1] <= '9';
            if (sum[i] && (!strcmp(order[k], "N") ? node : !strcmp(order[k], name))) {
                fprintf(w->f, " %s=%" PRIu64, name, sum[i]);
            }
        }
    }
    fputc('\n', w->f);
}

static void gen_numa_maps(FILE *f, const ProcPath *pp)
{
    HostCounters smaps = { 0 };
    NumaWalk w = { .f = f };
    read_host_smaps(&smaps);
    if (read_host_numa(&w.hc, &smaps)) {
        for_each_guest_map(numa_entry, &w);
    }
    free(smaps.v);
    free(w.hc.v);
}

/* ---- status, stat ---- */

/* Bits of the guest signals ignored (want_ign) or caught. */
static uint64_t guest_sig_dispositions(bool want_ign)
{
    uint64_t set = 0;
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        uint64_t h = get_sigaction(sig).handler;
        if (want_ign ? h == (uint64_t)(uintptr_t)SIG_IGN : h > (uint64_t)(uintptr_t)SIG_IGN) {
            set |= 1ull << (sig - 1);
        }
    }
    return set;
}

/* The guest's mask is known for the calling thread only (the others'
 * host masks mirror theirs, minus what mimic never blocks). */
static bool is_calling_thread(const ProcPath *pp)
{
    int me = gettid();
    return pp->tid ? pp->tid == me : getpid() == me;
}

static char *read_host(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    size_t n = 0;
    ssize_t r;
    while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0) {
        n += r;
    }
    close(fd);
    buf[n] = 0;
    return buf;
}

static uint64_t vm_peak, vm_hwm;

static void gen_status(FILE *f, const ProcPath *pp)
{
    char host[8192];
    if (!read_host(pp->host, host, sizeof(host))) {
        return;
    }
    GuestUsage u;
    guest_usage(&u);
    vm_peak = u.size > vm_peak ? u.size : vm_peak;
    vm_hwm = u.kb_rss > vm_hwm ? u.kb_rss : vm_hwm;
    const ImageInfo *ii = &user_proc.image;
    uint64_t vm_exe = (GUEST_PAGE_ALIGN(ii->end_code) - (ii->start_code & GUEST_PAGE_MASK)) >> 10;
    const struct { const char *name; uint64_t kb; } vm[] = {
        { "VmPeak:", vm_peak }, { "VmSize:", u.size }, { "VmLck:", u.kb_locked },
        { "VmHWM:", vm_hwm }, { "VmRSS:", u.kb_rss }, { "RssAnon:", u.kb_anon },
        { "RssFile:", u.kb_rss - u.kb_anon }, { "RssShmem:", 0 },
        { "VmData:", u.data }, { "VmStk:", u.stack }, { "VmExe:", vm_exe },
        { "VmLib:", u.exec > vm_exe ? u.exec - vm_exe : 0 }, { "VmSwap:", u.kb_swap },
    };
    const struct { const char *name; uint64_t set; bool known; } sig[] = {
        { "SigBlk:", thread_ts ? thread_ts->sigmask : 0, is_calling_thread(pp) && thread_ts },
        { "SigIgn:", guest_sig_dispositions(true), true },
        { "SigCgt:", guest_sig_dispositions(false), true },
    };
    char *save, *line = strtok_r(host, "\n", &save);
    for (; line; line = strtok_r(NULL, "\n", &save)) {
        size_t nl = strcspn(line, "\t");
        bool done = false;
        for (size_t i = 0; i < sizeof(vm) / sizeof(vm[0]) && !done; i++) {
            if (strlen(vm[i].name) == nl && !strncmp(line, vm[i].name, nl)) {
                fprintf(f, "%s\t%8" PRIu64 " kB\n", vm[i].name, vm[i].kb);
                done = true;
            }
        }
        for (size_t i = 0; i < sizeof(sig) / sizeof(sig[0]) && !done; i++) {
            if (sig[i].known && strlen(sig[i].name) == nl && !strncmp(line, sig[i].name, nl)) {
                fprintf(f, "%s\t%016" PRIx64 "\n", sig[i].name, sig[i].set);
                done = true;
            }
        }
        if (!done) {
            fprintf(f, "%s\n", line);
        }
    }
}

/* The host's line with the fields that describe the program replaced:
 * the virtual size and resident set (23, 24: the guest's, not the
 * reservation's and mimic's), the code, stack and argument addresses
 * (26-28, 45-51), and the signal sets (32-34, blocked for the calling
 * thread only). */
static void gen_stat(FILE *f, const ProcPath *pp)
{
    char host[4096];
    if (!read_host(pp->host, host, sizeof(host))) {
        return;
    }
    char *rp = strrchr(host, ')');
    if (!rp) {
        return;
    }
    GuestUsage u;
    guest_usage(&u);
    const ImageInfo *ii = &user_proc.image;
    fwrite(host, 1, rp + 1 - host, f);
    char *save, *tok = strtok_r(rp + 1, " \n", &save);
    for (int field = 3; tok; field++, tok = strtok_r(NULL, " \n", &save)) {
        uint64_t v;
        switch (field) {
        case 23: v = u.size << 10; break;
        case 24: v = u.kb_rss / (GUEST_PAGE_SIZE >> 10); break;
        case 26: v = ii->start_code; break;
        case 27: v = ii->end_code; break;
        case 28: v = ii->stack_start; break;
        case 29: case 30: v = 0; break;    /* kstkesp, kstkeip */
        case 32:
            if (!is_calling_thread(pp) || !thread_ts) {
                goto copy;
            }
            v = thread_ts->sigmask;
            break;
        case 33: v = guest_sig_dispositions(true); break;
        case 34: v = guest_sig_dispositions(false); break;
        case 45: v = ii->start_data; break;
        case 46: v = ii->end_data; break;
        case 47: v = ii->brk; break;
        case 48: v = ii->arg_start; break;
        case 49: v = ii->arg_end; break;
        case 50: v = ii->env_start; break;
        case 51: v = ii->env_end; break;
        default:
        copy:
            fprintf(f, " %s", tok);
            continue;
        }
        fprintf(f, " %" PRIu64, v);
    }
    fputc('\n', f);
}

/* ---- cmdline, environ, auxv ---- */

/* As the kernel, from the guest's memory: a program that rewrites its
 * argv (setproctitle) is seen rewritten. */
static void gen_cmdline(FILE *f, const ProcPath *pp)
{
    put_guest_bytes(f, user_proc.image.arg_start, user_proc.image.arg_end);
}

static void gen_environ(FILE *f, const ProcPath *pp)
{
    put_guest_bytes(f, user_proc.image.env_start, user_proc.image.env_end);
}

static void gen_auxv(FILE *f, const ProcPath *pp)
{
    fwrite(user_proc.auxv_copy, 1, user_proc.auxv_copy_len, f);
}

/* ---- /proc/cpuinfo ---- */

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

static void gen_cpuinfo(FILE *f, const ProcPath *pp)
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

/* The host's table with the rows of the limits the guest has apart from
 * mimic (RLIMIT_AS, _DATA, _STACK, and NOFILE's hard limit). */
static void gen_limits(FILE *f, const ProcPath *pp)
{
    static const struct { const char *name; int res; } own[] = {
        { "Max data size", RLIMIT_DATA }, { "Max stack size", RLIMIT_STACK },
        { "Max open files", RLIMIT_NOFILE }, { "Max address space", RLIMIT_AS },
    };
    char buf[4096];
    if (!read_host(pp->host, buf, sizeof(buf))) {
        return;
    }
    char *save, *line = strtok_r(buf, "\n", &save);
    for (; line; line = strtok_r(NULL, "\n", &save)) {
        size_t i;
        for (i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
            if (!strncmp(line, own[i].name, strlen(own[i].name))) {
                break;
            }
        }
        if (i == sizeof(own) / sizeof(own[0]) || strlen(line) < 68) {
            fprintf(f, "%s\n", line);
            continue;
        }
        struct rlimit rl;
        if ((own[i].res == RLIMIT_NOFILE ? fdtable_rlimit(NULL, &rl)
                                         : guest_mem_rlimit(own[i].res, NULL, &rl)) != 0) {
            fprintf(f, "%s\n", line);
            continue;
        }
        fprintf(f, "%-25s ", own[i].name);
        rlim_t v[2] = { rl.rlim_cur, rl.rlim_max };
        for (int k = 0; k < 2; k++) {
            if (v[k] == RLIM_INFINITY) {
                fprintf(f, "%-20s ", "unlimited");
            } else {
                fprintf(f, "%-20lu ", (unsigned long)v[k]);
            }
        }
        fprintf(f, "%s\n", line + 68);   /* the units column */
    }
}

/* ---- open ---- */

typedef void ProcGen(FILE *f, const ProcPath *pp);

static const struct {
    const char *entry;
    bool global;              /* /proc/NAME rather than a process's */
    ProcGen *gen;
} proc_files[] = {
    { "maps", false, gen_maps },
    { "smaps", false, gen_smaps },
    { "smaps_rollup", false, gen_smaps_rollup },
    { "numa_maps", false, gen_numa_maps },
    { "status", false, gen_status },
    { "stat", false, gen_stat },
    { "cmdline", false, gen_cmdline },
    { "environ", false, gen_environ },
    { "auxv", false, gen_auxv },
    { "limits", false, gen_limits },
    { "cpuinfo", true, gen_cpuinfo },
};

int procfs_gen_open(const ProcPath *pp, int flags)
{
    ProcGen *gen = NULL;
    for (size_t i = 0; i < sizeof(proc_files) / sizeof(proc_files[0]); i++) {
        if (proc_files[i].global == pp->global && !strcmp(proc_files[i].entry, pp->entry)) {
            gen = proc_files[i].gen;
        }
    }
    if (!gen) {
        return PROC_NOT_MINE;
    }
    /* The host file answers for permissions and existence (numa_maps
     * without NUMA); its contents are then ours. */
    int probe = open(pp->host, flags | O_CLOEXEC);
    if (probe < 0) {
        return -errno;
    }
    close(probe);
    if ((flags & O_ACCMODE) != O_RDONLY) {
        return -EACCES;
    }
    /* Named after the file: readlink of /proc/self/fd/N shows it. */
    int fd = memfd_create(pp->host, (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0) {
        return -errno;
    }
    int dupfd = dup(fd);
    FILE *f = dupfd >= 0 ? fdopen(dupfd, "w") : NULL;
    if (!f) {
        if (dupfd >= 0) {
            close(dupfd);
        }
        close(fd);
        return -ENOMEM;
    }
    gen(f, pp);
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}
