/*
 * Syscalls about processes: identity (ids, groups, uname), exit, wait,
 * limits, scheduling, personality and prctl, and the three ways to make
 * or replace one: clone as fork (a host fork; the child goes on with the
 * same CPU state), clone as a thread (a host thread with its own copy of
 * the CPU), and execve (mimic executes itself on the new program, as a
 * binfmt_misc registration of qemu-user would; a program that is not an
 * AArch64 ELF file is executed by the host directly).
 *
 * Ids are changed with the raw syscalls: per thread, as the kernel does
 * (the guest's C library does its own all-threads broadcast).
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gdbstub/gdbstub.h"
#include "tcg/log.h"
#include "tcg/pcache.h"
#include "tcg/tb.h"
#include "user.h"

int live_threads = 1;

/* ---- identity ---- */

int64_t sys_getpid(TaskState *ts, const uint64_t *a) { return getpid(); }
int64_t sys_getppid(TaskState *ts, const uint64_t *a) { return getppid(); }
int64_t sys_gettid(TaskState *ts, const uint64_t *a) { return ts->tid; }
int64_t sys_getuid(TaskState *ts, const uint64_t *a) { return getuid(); }
int64_t sys_geteuid(TaskState *ts, const uint64_t *a) { return geteuid(); }
int64_t sys_getgid(TaskState *ts, const uint64_t *a) { return getgid(); }
int64_t sys_getegid(TaskState *ts, const uint64_t *a) { return getegid(); }

static int64_t getres(const uint64_t *a, long nr)
{
    for (int i = 0; i < 3; i++) {
        if (!lock_user(a[i], 4, VERIFY_WRITE)) {
            return -EFAULT;
        }
    }
    return get_errno(syscall(nr, g2h(a[0]), g2h(a[1]), g2h(a[2])));
}

int64_t sys_getresuid(TaskState *ts, const uint64_t *a) { return getres(a, SYS_getresuid); }
int64_t sys_getresgid(TaskState *ts, const uint64_t *a) { return getres(a, SYS_getresgid); }

int64_t sys_setuid(TaskState *ts, const uint64_t *a) { return get_errno(syscall(SYS_setuid, a[0])); }
int64_t sys_setgid(TaskState *ts, const uint64_t *a) { return get_errno(syscall(SYS_setgid, a[0])); }
int64_t sys_setreuid(TaskState *ts, const uint64_t *a) { return get_errno(syscall(SYS_setreuid, a[0], a[1])); }
int64_t sys_setregid(TaskState *ts, const uint64_t *a) { return get_errno(syscall(SYS_setregid, a[0], a[1])); }
int64_t sys_setresuid(TaskState *ts, const uint64_t *a) { return get_errno(syscall(SYS_setresuid, a[0], a[1], a[2])); }
int64_t sys_setresgid(TaskState *ts, const uint64_t *a) { return get_errno(syscall(SYS_setresgid, a[0], a[1], a[2])); }
int64_t sys_setfsuid(TaskState *ts, const uint64_t *a) { return syscall(SYS_setfsuid, a[0]); }
int64_t sys_setfsgid(TaskState *ts, const uint64_t *a) { return syscall(SYS_setfsgid, a[0]); }

int64_t sys_getgroups(TaskState *ts, const uint64_t *a)
{
    int size = (int)a[0];
    if (size < 0) {
        return -EINVAL;
    }
    void *list = size ? lock_user(a[1], (uint64_t)size * 4, VERIFY_WRITE) : NULL;
    if (size && !list) {
        return -EFAULT;
    }
    return get_errno(syscall(SYS_getgroups, size, list));
}

int64_t sys_setgroups(TaskState *ts, const uint64_t *a)
{
    int size = (int)a[0];
    if (size < 0 || size > 65536) {
        return -EINVAL;
    }
    void *list = size ? lock_user(a[1], (uint64_t)size * 4, VERIFY_READ) : NULL;
    if (size && !list) {
        return -EFAULT;
    }
    return get_errno(syscall(SYS_setgroups, size, list));
}

int64_t sys_uname(TaskState *ts, const uint64_t *a)
{
    struct utsname *u = lock_user(a[0], sizeof(*u), VERIFY_WRITE);
    if (!u) {
        return -EFAULT;
    }
    if (uname(u) != 0) {
        return -errno;
    }
    strcpy(u->machine, "aarch64");
    return 0;
}

int64_t sys_sethostname(TaskState *ts, const uint64_t *a)
{
    const char *name = lock_user(a[0], a[1], VERIFY_READ);
    return name ? get_errno(sethostname(name, a[1])) : -EFAULT;
}

int64_t sys_getpgid(TaskState *ts, const uint64_t *a) { return get_errno(getpgid((pid_t)a[0])); }
int64_t sys_setpgid(TaskState *ts, const uint64_t *a) { return get_errno(setpgid((pid_t)a[0], (pid_t)a[1])); }
int64_t sys_getsid(TaskState *ts, const uint64_t *a) { return get_errno(getsid((pid_t)a[0])); }
int64_t sys_setsid(TaskState *ts, const uint64_t *a) { return get_errno(setsid()); }

int64_t sys_capget(TaskState *ts, const uint64_t *a)
{
    void *hdr = lock_user(a[0], 8, VERIFY_READ | VERIFY_WRITE);
    void *data = a[1] ? lock_user(a[1], 24, VERIFY_WRITE) : NULL;
    if (!hdr || (a[1] && !data)) {
        return -EFAULT;
    }
    return get_errno(syscall(SYS_capget, hdr, data));
}

int64_t sys_capset(TaskState *ts, const uint64_t *a)
{
    void *hdr = lock_user(a[0], 8, VERIFY_READ | VERIFY_WRITE);
    void *data = lock_user(a[1], 24, VERIFY_READ);
    if (!hdr || !data) {
        return -EFAULT;
    }
    return get_errno(syscall(SYS_capset, hdr, data));
}

/* ---- exit ---- */

static void clear_child_tid(TaskState *ts)
{
    if (ts->clear_child_tid && put_user_u32(0, ts->clear_child_tid) == 0) {
        syscall(SYS_futex, g2h(ts->clear_child_tid), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
}

int64_t sys_exit_group(TaskState *ts, const uint64_t *a)
{
    user_exit_group((int)a[0]);
}

/* A thread's exit frees everything it owned: its CPU and task state, its
 * translation context and its signal stack.  Signals are blocked first, so
 * the kernel hands any signal for the process to a thread that stays (a
 * host handler here would find no task state to queue it in). */
int64_t sys_exit(TaskState *ts, const uint64_t *a)
{
    sigset_t all;
    sigfillset(&all);
    sigdelset(&all, SIGSEGV);
    sigdelset(&all, SIGBUS);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL) == 0) {
        user_exit_group((int)a[0]);
    }
    clear_child_tid(ts);
    gdb_thread_remove(&ts->cpu->parent);
    cpu_list_remove(&ts->cpu->parent);
    thread_ts = NULL;
    current_cpu = NULL;
    task_destroy(ts);
    tcg_context_free();
    host_fault_fini_thread();
    pthread_exit(NULL);
}

/* ---- wait ---- */

int64_t sys_wait4(TaskState *ts, const uint64_t *a)
{
    int *status = NULL;
    struct rusage *ru = NULL;
    if (a[1] && !(status = lock_user(a[1], sizeof(int), VERIFY_WRITE))) {
        return -EFAULT;
    }
    if (a[3] && !(ru = lock_user(a[3], sizeof(*ru), VERIFY_WRITE))) {
        return -EFAULT;
    }
    return safe_syscall(SYS_wait4, (pid_t)a[0], (long)status, (int)a[2], (long)ru, 0, 0);
}

int64_t sys_waitid(TaskState *ts, const uint64_t *a)
{
    siginfo_t *info = NULL;
    struct rusage *ru = NULL;
    if (a[2] && !(info = lock_user(a[2], sizeof(*info), VERIFY_WRITE))) {
        return -EFAULT;
    }
    if (a[4] && !(ru = lock_user(a[4], sizeof(*ru), VERIFY_WRITE))) {
        return -EFAULT;
    }
    return safe_syscall(SYS_waitid, (int)a[0], (pid_t)a[1], (long)info, (int)a[3], (long)ru, 0);
}

/* ---- limits ---- */

/*
 * Limits on the address space, data and stack are the guest's alone:
 * applied to the host they would cap mimic's own reservation and
 * allocations.  The guest memory map keeps and enforces them (mmap.c).  RLIMIT_NOFILE is split: its soft limit is the host's,
 * its hard limit ends below mimic's own descriptors (fdtable.c).  Every
 * other limit is the host's.  Limits belong to the process, so a tid of
 * ours names it as well as the pid does (prlimit64 on a thread).
 */
/* pid 0, our pid, or the tid of one of our threads. */
static bool is_this_process(pid_t pid)
{
    return pid == 0 || pid == getpid() ||
           (pid > 0 && syscall(SYS_tgkill, getpid(), pid, 0) == 0);
}

static int64_t do_prlimit(pid_t pid, int res, const struct rlimit *nl, struct rlimit *ol)
{
    if (res < 0 || res >= RLIM_NLIMITS) {
        return -EINVAL;
    }
    if (!is_this_process(pid)) {
        /* Another process: its limits are its own business (and if it runs
         * under mimic, its mimic keeps them apart from its own). */
        return get_errno(prlimit(pid, res, nl, ol));
    }
    if (res == RLIMIT_NOFILE) {
        return fdtable_rlimit(nl, ol);
    }
    if (res == RLIMIT_AS || res == RLIMIT_DATA || res == RLIMIT_STACK) {
        return guest_mem_rlimit(res, nl, ol);
    }
    return get_errno(prlimit(0, res, nl, ol));
}

/* The limits the guest keeps apart from the host's, as the -rlimits
 * option carries them across execve (as the kernel carries limits). */
static const struct { const char *name; int res; } own_limits[] = {
    { "as", RLIMIT_AS }, { "data", RLIMIT_DATA }, { "stack", RLIMIT_STACK },
    { "nofile", RLIMIT_NOFILE },
};

char *guest_rlimits_format(char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = 0;
    for (size_t i = 0; i < sizeof(own_limits) / sizeof(own_limits[0]); i++) {
        struct rlimit rl;
        if (do_prlimit(0, own_limits[i].res, NULL, &rl) == 0 && len < size) {
            len += snprintf(buf + len, size - len, "%s%s=%llu:%llu", len ? "," : "",
                            own_limits[i].name, (unsigned long long)rl.rlim_cur,
                            (unsigned long long)rl.rlim_max);
        }
    }
    return buf;
}

const char *guest_rlimits_apply(const char *spec)
{
    char *copy = strdup(spec), *save;
    const char *err = NULL;
    for (char *item = strtok_r(copy, ",", &save); item && !err;
         item = strtok_r(NULL, ",", &save)) {
        char name[16];
        unsigned long long cur, max;
        size_t i = sizeof(own_limits) / sizeof(own_limits[0]);
        if (sscanf(item, "%15[a-z]=%llu:%llu", name, &cur, &max) == 3) {
            for (i = 0; i < sizeof(own_limits) / sizeof(own_limits[0]); i++) {
                if (!strcmp(name, own_limits[i].name)) {
                    break;
                }
            }
        }
        struct rlimit rl = { cur, max };
        if (i == sizeof(own_limits) / sizeof(own_limits[0]) ||
            do_prlimit(0, own_limits[i].res, &rl, NULL) != 0) {
            err = "expected as|data|stack|nofile=CUR:MAX,... within the host's limits";
        }
    }
    free(copy);
    return err;
}

int64_t sys_prlimit64(TaskState *ts, const uint64_t *a)
{
    struct rlimit nl, *ol = NULL;
    if (a[2] && copy_from_user(&nl, a[2], sizeof(nl))) {
        return -EFAULT;
    }
    if (a[3] && !(ol = lock_user(a[3], sizeof(*ol), VERIFY_WRITE))) {
        return -EFAULT;
    }
    return do_prlimit((pid_t)a[0], (int)a[1], a[2] ? &nl : NULL, ol);
}

int64_t sys_getrlimit(TaskState *ts, const uint64_t *a)
{
    struct rlimit *ol = lock_user(a[1], sizeof(*ol), VERIFY_WRITE);
    return ol ? do_prlimit(0, (int)a[0], NULL, ol) : -EFAULT;
}

int64_t sys_setrlimit(TaskState *ts, const uint64_t *a)
{
    struct rlimit nl;
    if (copy_from_user(&nl, a[1], sizeof(nl))) {
        return -EFAULT;
    }
    return do_prlimit(0, (int)a[0], &nl, NULL);
}

int64_t sys_getrusage(TaskState *ts, const uint64_t *a)
{
    struct rusage *ru = lock_user(a[1], sizeof(*ru), VERIFY_WRITE);
    return ru ? get_errno(getrusage((int)a[0], ru)) : -EFAULT;
}

int64_t sys_times(TaskState *ts, const uint64_t *a)
{
    struct tms *t = NULL;
    if (a[0] && !(t = lock_user(a[0], sizeof(*t), VERIFY_WRITE))) {
        return -EFAULT;
    }
    return get_errno(syscall(SYS_times, t));
}

int64_t sys_sysinfo(TaskState *ts, const uint64_t *a)
{
    struct sysinfo *si = lock_user(a[0], sizeof(*si), VERIFY_WRITE);
    return si ? get_errno(sysinfo(si)) : -EFAULT;
}

int64_t sys_getrandom(TaskState *ts, const uint64_t *a)
{
    uint64_t n = lock_user_prefix(a[0], a[1], VERIFY_WRITE);
    if (n == 0 && a[1]) {
        return -EFAULT;
    }
    return get_errno(getrandom(g2h(a[0]), n, (unsigned)a[2]));
}

/* ---- scheduling ---- */

int64_t sys_sched_getaffinity(TaskState *ts, const uint64_t *a)
{
    void *mask = lock_user(a[2], a[1], VERIFY_WRITE);
    return mask ? get_errno(syscall(SYS_sched_getaffinity, (pid_t)a[0], a[1], mask)) : -EFAULT;
}

int64_t sys_sched_setaffinity(TaskState *ts, const uint64_t *a)
{
    void *mask = lock_user(a[2], a[1], VERIFY_READ);
    return mask ? get_errno(syscall(SYS_sched_setaffinity, (pid_t)a[0], a[1], mask)) : -EFAULT;
}

int64_t sys_sched_yield(TaskState *ts, const uint64_t *a) { return get_errno(sched_yield()); }

int64_t sys_sched_getparam(TaskState *ts, const uint64_t *a)
{
    struct sched_param *p = lock_user(a[1], sizeof(*p), VERIFY_WRITE);
    return p ? get_errno(syscall(SYS_sched_getparam, (pid_t)a[0], p)) : -EFAULT;
}

int64_t sys_sched_setparam(TaskState *ts, const uint64_t *a)
{
    struct sched_param *p = lock_user(a[1], sizeof(*p), VERIFY_READ);
    return p ? get_errno(syscall(SYS_sched_setparam, (pid_t)a[0], p)) : -EFAULT;
}

int64_t sys_sched_getscheduler(TaskState *ts, const uint64_t *a)
{
    return get_errno(syscall(SYS_sched_getscheduler, (pid_t)a[0]));
}

int64_t sys_sched_setscheduler(TaskState *ts, const uint64_t *a)
{
    struct sched_param *p = lock_user(a[2], sizeof(*p), VERIFY_READ);
    return p ? get_errno(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], p)) : -EFAULT;
}

int64_t sys_sched_get_priority_max(TaskState *ts, const uint64_t *a)
{
    return get_errno(sched_get_priority_max((int)a[0]));
}

int64_t sys_sched_get_priority_min(TaskState *ts, const uint64_t *a)
{
    return get_errno(sched_get_priority_min((int)a[0]));
}

int64_t sys_getpriority(TaskState *ts, const uint64_t *a)
{
    /* Raw: the kernel returns 20 - nice, and the guest's libc expects that. */
    return get_errno(syscall(SYS_getpriority, (int)a[0], (id_t)a[1]));
}

int64_t sys_setpriority(TaskState *ts, const uint64_t *a)
{
    return get_errno(syscall(SYS_setpriority, (int)a[0], (id_t)a[1], (int)a[2]));
}

int64_t sys_getcpu(TaskState *ts, const uint64_t *a)
{
    unsigned *cpu = NULL, *node = NULL;
    if (a[0] && !(cpu = lock_user(a[0], 4, VERIFY_WRITE))) {
        return -EFAULT;
    }
    if (a[1] && !(node = lock_user(a[1], 4, VERIFY_WRITE))) {
        return -EFAULT;
    }
    return get_errno(syscall(SYS_getcpu, cpu, node, NULL));
}

/* ---- per-task registrations ---- */

int64_t sys_set_tid_address(TaskState *ts, const uint64_t *a)
{
    ts->clear_child_tid = a[0];
    return ts->tid;
}

/* Remembered, never walked: the list holds guest pointers the host
 * kernel must not follow. */
int64_t sys_set_robust_list(TaskState *ts, const uint64_t *a)
{
    if (a[1] != 24) {
        return -EINVAL;
    }
    ts->robust_list = a[0];
    ts->robust_len = a[1];
    return 0;
}

int64_t sys_get_robust_list(TaskState *ts, const uint64_t *a)
{
    if (a[0] && (pid_t)a[0] != ts->tid) {
        return -EPERM;
    }
    if (put_user_u64(ts->robust_list, a[1]) || put_user_u64(ts->robust_len, a[2])) {
        return -EFAULT;
    }
    return 0;
}

/* rseq: registered, with cpu_id_start = cpu_id = 0 written once.  mimic
 * never aborts an rseq critical section, so per-CPU data kept through
 * rseq is only safe while the program has one thread (glibc itself only
 * reads cpu_id, for sched_getcpu). */
#define RSEQ_FLAG_UNREGISTER 1

int64_t sys_rseq(TaskState *ts, const uint64_t *a)
{
    uint64_t addr = a[0];
    uint32_t len = (uint32_t)a[1], sig = (uint32_t)a[3];
    if (a[2] & RSEQ_FLAG_UNREGISTER) {
        if (a[2] & ~(uint64_t)RSEQ_FLAG_UNREGISTER) {
            return -EINVAL;
        }
        if (ts->rseq_addr != addr || ts->rseq_len != len) {
            return -EINVAL;
        }
        if (ts->rseq_sig != sig) {
            return -EPERM;
        }
        ts->rseq_addr = 0;
        return 0;
    }
    if (a[2]) {
        return -EINVAL;
    }
    if (ts->rseq_addr) {
        if (ts->rseq_addr != addr || ts->rseq_len != len) {
            return -EINVAL;
        }
        return ts->rseq_sig == sig ? -EBUSY : -EPERM;
    }
    if (len < 32 || (addr & 31)) {
        return -EINVAL;
    }
    uint32_t ids[2] = { 0, 0 };
    if (copy_to_user(addr, ids, sizeof(ids))) {
        return -EFAULT;
    }
    ts->rseq_addr = addr;
    ts->rseq_len = len;
    ts->rseq_sig = sig;
    return 0;
}

static unsigned long guest_personality;

int64_t sys_personality(TaskState *ts, const uint64_t *a)
{
    unsigned long old = guest_personality;
    if ((uint32_t)a[0] != 0xffffffff) {
        /* Kept for the guest only: flags like READ_IMPLIES_EXEC must not
         * change how the host treats mimic. */
        guest_personality = (uint32_t)a[0];
    }
    return old;
}

#define TARGET_PR_SVE_SET_VL 50
#define TARGET_PR_SVE_GET_VL 51
#define TARGET_PR_PAC_RESET_KEYS 54
#define TARGET_PR_SET_TAGGED_ADDR_CTRL 55
#define TARGET_PR_GET_TAGGED_ADDR_CTRL 56

int64_t sys_prctl(TaskState *ts, const uint64_t *a)
{
    int option = (int)a[0];
    switch (option) {
    case PR_SET_NAME: {
        /* At most 15 characters are kept; the string may be longer. */
        bool toolong;
        const char *s = lock_user_string(a[1], 16, &toolong);
        if (!s && !toolong) {
            return -EFAULT;
        }
        char name[16] = { 0 };
        memcpy(name, g2h(a[1]), toolong ? 15 : strnlen(s, 15));
        memcpy(user_proc.comm, name, 16);
        return get_errno(prctl(PR_SET_NAME, name));
    }
    case PR_GET_NAME: {
        char *buf = lock_user(a[1], 16, VERIFY_WRITE);
        return buf ? get_errno(prctl(PR_GET_NAME, buf)) : -EFAULT;
    }
    case PR_GET_PDEATHSIG: case PR_GET_CHILD_SUBREAPER: {
        int *p = lock_user(a[1], sizeof(int), VERIFY_WRITE);
        return p ? get_errno(prctl(option, p)) : -EFAULT;
    }
    case PR_GET_TID_ADDRESS:
        return put_user_u64(ts->clear_child_tid, a[1]);
    case PR_SET_PDEATHSIG: case PR_GET_DUMPABLE: case PR_SET_DUMPABLE:
    case PR_GET_KEEPCAPS: case PR_SET_KEEPCAPS: case PR_SET_NO_NEW_PRIVS:
    case PR_GET_NO_NEW_PRIVS: case PR_SET_CHILD_SUBREAPER: case PR_GET_TIMERSLACK:
    case PR_SET_TIMERSLACK: case PR_CAPBSET_READ: case PR_CAPBSET_DROP:
    case PR_SET_THP_DISABLE: case PR_GET_THP_DISABLE: case PR_MCE_KILL:
    case PR_MCE_KILL_GET: case PR_CAP_AMBIENT: case PR_GET_SECUREBITS:
    case PR_SET_SECUREBITS: case PR_GET_SECCOMP:
        return get_errno(prctl(option, a[1], a[2], a[3], a[4]));
    case PR_SET_SECCOMP:
        /* A guest filter would judge mimic's own syscalls. */
        return -EINVAL;
    case TARGET_PR_GET_TAGGED_ADDR_CTRL:
        return a[1] || a[2] || a[3] || a[4] ? -EINVAL : 0;
    case TARGET_PR_SET_TAGGED_ADDR_CTRL:
        /* Syscalls take untagged pointers only. */
        return a[1] == 0 ? 0 : -EINVAL;
    case TARGET_PR_SVE_SET_VL: case TARGET_PR_SVE_GET_VL: case TARGET_PR_PAC_RESET_KEYS:
        return -EINVAL;
    default:
        if (qemu_loglevel_mask(LOG_UNIMP)) {
            mimic_log("unimplemented prctl option %d\n", option);
        }
        return -EINVAL;
    }
}

int64_t sys_pidfd_open(TaskState *ts, const uint64_t *a)
{
    return get_errno(syscall(SYS_pidfd_open, (pid_t)a[0], (unsigned)a[1]));
}

/* ---- clone: fork ---- */

#define GLIBC_THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
                            CLONE_THREAD | CLONE_SYSVSEM)

static int64_t do_fork(TaskState *ts, uint64_t flags, uint64_t newsp,
                       uint64_t parent_tid, uint64_t tls, uint64_t child_tid)
{
    unsigned host_flags = flags & (CSIGNAL | CLONE_PARENT | CLONE_NEWNS | CLONE_NEWUTS |
                                   CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
                                   CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_IO |
                                   CLONE_UNTRACED);
    if (mimic_log_file) {
        fflush(mimic_log_file);
    }
    fflush(stderr);
    mmap_lock();
    pid_t pid;
    if (host_flags == SIGCHLD) {
        pid = fork();
    } else {
        pid = syscall(SYS_clone, host_flags, NULL, NULL, NULL, 0);
    }
    int err = errno;
    if (pid == 0) {
        mmap_fork_child();
        fdtable_fork_child();
        signal_fork_child();
        user_fork_child();
    } else {
        mmap_unlock();
    }
    if (pid < 0) {
        return -err;
    }
    CPUARMState *env = &ts->cpu->env;
    if (pid == 0) {
        ts->tid = syscall(SYS_gettid);
        live_threads = 1;
        if (newsp) {
            env->xregs[31] = newsp;
        }
        if (flags & CLONE_SETTLS) {
            env->tpidr_el0 = tls;
        }
        if (flags & CLONE_CHILD_SETTID) {
            put_user_u32(ts->tid, child_tid);
        }
        if (flags & CLONE_CHILD_CLEARTID) {
            ts->clear_child_tid = child_tid;
        }
        return 0;
    }
    if (flags & CLONE_PARENT_SETTID) {
        put_user_u32(pid, parent_tid);
    }
    return pid;
}

/* ---- clone: threads ---- */

typedef struct ThreadStart {
    TaskState *ts;
    uint64_t flags, parent_tid, child_tid;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int tid;
    uint64_t guest_mask;
} ThreadStart;

static void *thread_main(void *arg)
{
    ThreadStart *st = arg;
    TaskState *ts = st->ts;
    thread_ts = ts;
    ts->tid = syscall(SYS_gettid);
    host_fault_init_thread();
    if (st->flags & CLONE_PARENT_SETTID) {
        put_user_u32(ts->tid, st->parent_tid);
    }
    if (st->flags & CLONE_CHILD_SETTID) {
        put_user_u32(ts->tid, st->child_tid);
    }
    if (st->flags & CLONE_CHILD_CLEARTID) {
        ts->clear_child_tid = st->child_tid;
    }
    uint64_t mask = st->guest_mask;
    pthread_mutex_lock(&st->lock);
    st->tid = ts->tid;
    pthread_cond_signal(&st->cond);
    pthread_mutex_unlock(&st->lock);
    /* st belongs to the parent from here on. */
    set_guest_sigmask(ts, mask);
    if (gdb_attached()) {
        gdb_thread_add(&ts->cpu->parent, ts->tid);
    }
    cpu_loop(ts);
}

static int64_t do_thread(TaskState *ts, uint64_t flags, uint64_t newsp,
                         uint64_t parent_tid, uint64_t tls, uint64_t child_tid)
{
    ARMCPU *parent = ts->cpu;
    ARMCPU *cpu = aarch64_cpu_create(parent->model);
    cpu->env = parent->env;
    cpu->parent.cflags = parent->parent.cflags;
    CPUARMState *env = &cpu->env;
    env->xregs[0] = 0;
    if (newsp) {
        env->xregs[31] = newsp;
    }
    if (flags & CLONE_SETTLS) {
        env->tpidr_el0 = tls;
    }
    env->exclusive_addr = -1;

    TaskState *nts = task_create(cpu);
    nts->sigmask = ts->sigmask;
    /* A new thread has no sigaltstack (altstack_size 0). */

    ThreadStart st = {
        .ts = nts, .flags = flags, .parent_tid = parent_tid, .child_tid = child_tid,
        .tid = 0, .guest_mask = ts->sigmask,
    };
    pthread_mutex_init(&st.lock, NULL);
    pthread_cond_init(&st.cond, NULL);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1 << 20);
    /* The new thread starts with every signal blocked and takes the
     * guest's mask once its task state is in place. */
    sigset_t all, old;
    sigfillset(&all);
    sigdelset(&all, SIGSEGV);
    sigdelset(&all, SIGBUS);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    __atomic_add_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
    pthread_t th;
    int err = pthread_create(&th, &attr, thread_main, &st);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (err) {
        __atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL);
        task_destroy(nts);
        return -err;
    }
    pthread_mutex_lock(&st.lock);
    while (st.tid == 0) {
        pthread_cond_wait(&st.cond, &st.lock);
    }
    pthread_mutex_unlock(&st.lock);
    pthread_mutex_destroy(&st.lock);
    pthread_cond_destroy(&st.cond);
    return st.tid;
}

int64_t sys_clone(TaskState *ts, const uint64_t *a)
{
    uint64_t flags = a[0];
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK)) {
        if ((flags & GLIBC_THREAD_FLAGS) != GLIBC_THREAD_FLAGS) {
            /* Shared memory without being a thread: no host equivalent. */
            if (qemu_loglevel_mask(LOG_UNIMP)) {
                mimic_log("unsupported clone flags 0x%" PRIx64 "\n", flags);
            }
            return -EINVAL;
        }
        return do_thread(ts, flags, a[1], a[2], a[3], a[4]);
    }
    /* vfork is a fork: the parent's memory is not shared, which is what
     * posix_spawn needs when the exec succeeds. */
    return do_fork(ts, flags & ~(CLONE_VM | CLONE_VFORK), a[1], a[2], a[3], a[4]);
}

int64_t sys_clone3(TaskState *ts, const uint64_t *a)
{
    /* The C library falls back to clone. */
    return -ENOSYS;
}

/* ---- execve ---- */

/* Reads a guest NULL-terminated array of strings into a host vector. */
static int read_string_array(uint64_t addr, char ***out, int *count)
{
    int n = 0, cap = 16;
    char **v = malloc(cap * sizeof(*v));
    for (;; n++) {
        uint64_t p;
        if (addr == 0) {
            break;
        }
        if (get_user_u64(&p, addr + n * 8ull)) {
            free(v);
            return -EFAULT;
        }
        if (!p) {
            break;
        }
        bool toolong;
        const char *s = lock_user_string(p, 128 * 1024, &toolong);
        if (!s) {
            free(v);
            return toolong ? -E2BIG : -EFAULT;
        }
        if (n + 2 > cap) {
            cap *= 2;
            if (cap > (1 << 20)) {
                free(v);
                return -E2BIG;
            }
            v = realloc(v, cap * sizeof(*v));
        }
        v[n] = (char *)s;
    }
    v[n] = NULL;
    *out = v;
    *count = n;
    return 0;
}

static bool is_guest_program(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    unsigned char hdr[64];
    ssize_t n = read(fd, hdr, sizeof(hdr));
    close(fd);
    if (n >= 2 && hdr[0] == '#' && hdr[1] == '!') {
        return true;       /* mimic resolves the interpreter itself */
    }
    if (n < (ssize_t)sizeof(Elf64_Ehdr) || memcmp(hdr, ELFMAG, SELFMAG) != 0) {
        return false;
    }
    const Elf64_Ehdr *eh = (const void *)hdr;
    return hdr[EI_CLASS] == ELFCLASS64 && eh->e_machine == EM_AARCH64;
}

static int64_t do_execve(const char *path, uint64_t argv_addr, uint64_t envp_addr)
{
    char **argv, **envp;
    int argc, envc;
    int err = read_string_array(argv_addr, &argv, &argc);
    if (err) {
        return err;
    }
    err = read_string_array(envp_addr, &envp, &envc);
    if (err) {
        free(argv);
        return err;
    }
    if (access(path, X_OK) != 0) {
        err = -errno;
        goto out;
    }
    if (mimic_log_file) {
        fflush(mimic_log_file);
    }
    /* The process image goes: what it translated goes to the cache. */
    pcache_save();
    if (!is_guest_program(path)) {
        execve(path, argv, envp);
        err = -errno;
        goto out;
    }
    /* mimic [forwarded options] -rlimits ... -0 argv0 path argv[1..] */
    int n = 0;
    char **mv = malloc((argc + user_proc.n_exec_opts + 10) * sizeof(*mv));
    mv[n++] = "mimic-aarch64";
    for (int i = 0; i < user_proc.n_exec_opts; i++) {
        mv[n++] = user_proc.exec_opts[i];
    }
    char limits[256];
    mv[n++] = "-rlimits";
    mv[n++] = guest_rlimits_format(limits, sizeof(limits));
    mv[n++] = "-0";
    mv[n++] = argc > 0 ? argv[0] : "";
    mv[n++] = (char *)path;
    for (int i = 1; i < argc; i++) {
        mv[n++] = argv[i];
    }
    mv[n] = NULL;
    execve("/proc/self/exe", mv, envp);
    err = -errno;
    free(mv);
out:
    free(argv);
    free(envp);
    return err;
}

int64_t sys_execve(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[0], &pb, &path);
    if (err) {
        return err;
    }
    /* Re-executing oneself through /proc (self/exe, task/<tid>/exe, any
     * spelling) means the guest program, not mimic. */
    char *p = strdup(procfs_is_self_exe(AT_FDCWD, path, true) ? user_proc.exe_path : path);
    int64_t r = do_execve(p, a[1], a[2]);
    free(p);
    return r;
}

int64_t sys_execveat(TaskState *ts, const uint64_t *a)
{
    int dirfd = (int)a[0];
    int flags = (int)a[4];
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    if (err) {
        return err;
    }
    char buf[4096 + 64];
    if (procfs_is_self_exe(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW))) {
        path = user_proc.exe_path;
    }
    if (path[0] == 0 && (flags & AT_EMPTY_PATH)) {
        snprintf(buf, sizeof(buf), "/proc/self/fd/%d", dirfd);
    } else if (path[0] == '/' || dirfd == AT_FDCWD) {
        snprintf(buf, sizeof(buf), "%s", path);
    } else {
        snprintf(buf, sizeof(buf), "/proc/self/fd/%d/%s", dirfd, path);
    }
    return do_execve(buf, a[2], a[3]);
}
