/*
 * linux-user: what the files of the user-mode emulator share.  The guest
 * address space and its page table (mmap.c), the ELF loader (elfload.c),
 * per-thread task state and signals (signal.c, signal-aarch64.c), the
 * syscall table and its handler families (syscall.c, sys-*.c), -strace
 * (strace.c), /proc emulation and the -L prefix (procfs*.c).
 *
 * Convention: guest addresses are uint64_t; a syscall handler returns a
 * result or a negative guest errno (arm64 and x86-64 share the numbers).
 */
#ifndef LINUX_USER_USER_H
#define LINUX_USER_USER_H

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "target-arm/cpu.h"
#include "tcg/disas.h"
#include "tcg/guest-mem.h"
#include "tcg/tb.h"

/* ---- guest memory (mmap.c) ---- */

#define GUEST_PAGE_BITS 12
#define GUEST_PAGE_SIZE (1ull << GUEST_PAGE_BITS)
#define GUEST_PAGE_MASK (~(GUEST_PAGE_SIZE - 1))
#define GUEST_PAGE_ALIGN(x) (((x) + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK)

/* Flags of one guest page in our own page table. */
enum {
    PAGE_READ = 1,
    PAGE_WRITE = 2,
    PAGE_EXEC = 4,
    PAGE_VALID = 8,        /* mapped for the guest */
    PAGE_ANON = 0x10,      /* anonymous (MADV_DONTNEED zeroes it) */
    PAGE_TB = 0x20,        /* translated code was made from this page */
    PAGE_WPROT = 0x40,     /* guest-writable, write-protected on the host
                            * because of PAGE_TB; a store unprotects it */
    PAGE_DONTFORK = 0x80,  /* MADV_DONTFORK: a forked child does not get it */
    PAGE_NODATA = 0x100,   /* shared, or a stack (MAP_GROWSDOWN): writable
                            * without counting for RLIMIT_DATA, as in Linux */
};

/* Layout of the guest address space (1 TiB by default). */
extern uint64_t guest_space_size;      /* 1 << guest_addr_bits */
/* PROT_NONE host memory reserved right after the guest space: the JIT's
 * inline accesses check only the first byte's address, so the last bytes
 * of an access at the very top land here and fault as guest accesses. */
#define GUEST_SPACE_GUARD 0x10000u
extern uint64_t guest_stack_top;       /* initial stack grows down from it */
extern uint64_t guest_mmap_base;       /* non-fixed mmaps are placed below */

/* Reserves the host range for the guest; returns an error string or NULL. */
const char *guest_space_init(unsigned addr_bits);

int page_get_flags(uint64_t addr);
/* True if every page of [addr, addr+len) is valid with all of prot (PAGE_*). */
bool guest_range_ok(uint64_t addr, uint64_t len, int prot);
/* The translator's instruction fetch in user mode (tcg/disas.h's
 * guest_code_fetch): the guest's executable pages. */
bool user_code_fetch(uint64_t addr, void *dst, size_t len);
bool guest_range_free(uint64_t addr, uint64_t len);

/* Guest mmap family, guest semantics; return a guest address or -errno. */
int64_t target_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd,
                    uint64_t offset);
int64_t target_munmap(uint64_t addr, uint64_t len);
int64_t target_mprotect(uint64_t addr, uint64_t len, int prot);
int64_t target_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len,
                      int flags, uint64_t new_addr);
int64_t target_madvise(uint64_t addr, uint64_t len, int advice);
/* Program break: brk_init at load time, target_brk for the syscall. */
void target_brk_init(uint64_t start);
uint64_t target_brk(uint64_t addr);
/* Finds a free, page-aligned range of len bytes top-down below the mmap
 * base (or at hint if free); 0 if none. */
uint64_t mmap_find_free(uint64_t hint, uint64_t len, uint64_t align);
/* The one lock around the page table and every guest map change. */
void mmap_lock(void);
void mmap_unlock(void);
/* After fork, in the child: the lock is free again (the parent held it). */
void mmap_fork_child(void);
void signal_fork_child(void);
/* The guest's RLIMIT_AS, _DATA and _STACK, kept apart from the host's and
 * enforced by the map: get (soft limit), and prlimit's get/set. */
uint64_t guest_rlimit(int res);
struct rlimit;
int64_t guest_mem_rlimit(int res, const struct rlimit *nl, struct rlimit *ol);
/* Bytes mapped for the guest (its VmSize). */
uint64_t guest_mapped_bytes(void);
/* Writes the guest memory map in /proc/self/maps format. */
void guest_maps_dump(FILE *f);
/* Names shown in the maps for special areas ([stack], [heap], [vdso]). */
void guest_maps_set_stack(uint64_t start, uint64_t end);
void guest_maps_set_vdso(uint64_t start, uint64_t end);

/* The code-page write protection (tb_page_first_code_hook) and the host
 * fault path: true if a write fault at guest address addr was ours to
 * handle (the page is writable again and its blocks are gone). */
void page_code_hook(uint64_t page);
bool page_unprotect(uint64_t addr);

/*
 * Access to guest memory from mimic's own code (syscalls, signal frames).
 * Every guest pointer a syscall is given goes through these: they check
 * the page table (so a bad pointer is -EFAULT, and the host kernel never
 * sees an address outside the guest range) and, for writes, unprotect and
 * invalidate pages holding translated code first.
 */
enum { VERIFY_READ = PAGE_READ, VERIFY_WRITE = PAGE_WRITE };
void *lock_user(uint64_t addr, uint64_t len, int access);
/* How many bytes from addr on (at most len) are accessible: a read(2) into
 * a buffer that is only partly mapped reads that much, as on Linux. */
uint64_t lock_user_prefix(uint64_t addr, uint64_t len, int access);
/* Checks a NUL-terminated guest string (at most max bytes with the NUL);
 * returns its host address or NULL (-EFAULT, or -ENAMETOOLONG if *toolong). */
const char *lock_user_string(uint64_t addr, size_t max, bool *toolong);
int copy_from_user(void *dst, uint64_t src, size_t len);   /* 0 or -EFAULT */
int copy_to_user(uint64_t dst, const void *src, size_t len);
int get_user_u64(uint64_t *v, uint64_t addr);
int put_user_u64(uint64_t v, uint64_t addr);
int get_user_u32(uint32_t *v, uint64_t addr);
int put_user_u32(uint32_t v, uint64_t addr);

/* ---- the loaded program (elfload.c) ---- */

typedef struct ImageInfo {
    uint64_t load_bias;       /* added to every p_vaddr */
    uint64_t load_addr;       /* lowest mapped page */
    uint64_t entry;           /* e_entry + bias of the program */
    uint64_t phdr, phnum;     /* program headers as mapped in the guest */
    uint64_t start_code, end_code, start_data, end_data;
    uint64_t brk;             /* end of the highest segment */
    uint64_t interp_base;     /* AT_BASE: 0 without an interpreter */
    uint64_t interp_entry;    /* where execution starts if interpreted */
    bool exec_stack;          /* PT_GNU_STACK with PF_X */
    char interp_path[256];    /* PT_INTERP as written in the file */
    /* Filled by elf_setup_stack. */
    uint64_t stack_start, stack_limit, stack_top;
    uint64_t sp;
    uint64_t auxv, auxv_len;  /* the auxv as placed on the guest stack */
    uint64_t arg_start, arg_end, env_start, env_end;
} ImageInfo;

/* Where a static-pie program (ET_DYN without PT_INTERP) is placed. */
#define ELF_ET_DYN_BASE 0x5500000000ull

/* Loads the program at path (and its PT_INTERP, looked up under
 * ld_prefix first) into the guest space.  Returns NULL, or a one-line
 * error naming the problem (static or in a static buffer). */
const char *elf_load_program(const char *path, const char *ld_prefix,
                             ImageInfo *info);
/* Maps the stack and the signal trampoline page, and lays out argc, argv,
 * envp and auxv exactly as Linux does. */
const char *elf_setup_stack(ImageInfo *info, int argc, char *const *argv,
                            char *const *envp, const char *execfn,
                            uint64_t hwcap, uint64_t hwcap2);
/* Guest address of the rt_sigreturn trampoline (a vDSO stand-in). */
extern uint64_t sigtramp_addr;

/* ---- processes and threads ---- */

#define TARGET_NSIG 64

/* A signal waiting for delivery, in the guest's siginfo layout (which on
 * arm64 is the x86-64 host's too: 128 bytes, same field offsets). */
typedef struct QueuedSignal {
    siginfo_t info;
    bool sync;                /* raised by the guest's own instruction */
} QueuedSignal;

struct TaskState;

/* What restart_syscall resumes: a sleep or futex wait that a signal
 * interrupted without running a handler goes on until its original
 * deadline (Linux's restart_block).  fn NULL: restart_syscall fails with
 * EINTR, as after a handler's sigreturn. */
typedef struct RestartBlock {
    int64_t (*fn)(struct TaskState *ts);
    struct timespec deadline;            /* absolute, on clock */
    clockid_t clock;
    uint64_t rmtp;                       /* sleeps: the guest's remaining-time buffer */
    uint64_t uaddr;                      /* futex wait: word, op, expected value, bitset */
    int op;
    uint32_t val, bitset;
} RestartBlock;

/* One guest thread: its CPU and everything Linux keeps per task. */
typedef struct TaskState {
    ARMCPU *cpu;
    int tid;
    uint64_t clear_child_tid;            /* set_tid_address / CLONE_CHILD_CLEARTID */
    uint64_t robust_list, robust_len;    /* remembered, never walked */
    uint64_t rseq_addr;                  /* registered struct rseq, or 0 */
    uint32_t rseq_len, rseq_sig;

    /* Signals.  Bits are (1 << (sig - 1)), as in the guest sigset_t. */
    uint64_t sigmask;
    volatile uint64_t pending;           /* set by host handlers */
    QueuedSignal queue[TARGET_NSIG + 1];
    bool sigsuspend_active;              /* frame saves saved_mask */
    uint64_t saved_mask;
    uint64_t altstack_sp, altstack_size;
    int altstack_flags;

    /* Set by host handlers when a signal is queued: a syscall about to
     * block checks it at the last instruction (safe_syscall). */
    volatile int signal_pending;

    /* A syscall a signal interrupted, waiting for the signal's verdict
     * (restart or EINTR, see resolve_interrupted_syscall): its
     * -TARGET_ERESTART* class, or 0; x0 already holds -EINTR.  Restarting
     * needs the first argument, which the result overwrote. */
    int64_t syscall_restart;
    uint64_t syscall_orig_x0;
    RestartBlock restart;
} TaskState;

extern __thread TaskState *thread_ts;

/* Process-wide facts the syscalls and /proc need. */
typedef struct UserProcess {
    char *exe_path;           /* absolute path of the guest program */
    const char *ld_prefix;    /* -L, or NULL */
    const char *cpu_model;    /* -cpu, forwarded on execve */
    char **argv;              /* guest argv, for /proc/self/cmdline */
    int argc;
    ImageInfo image;
    char comm[16];            /* PR_SET_NAME */
    const ARMCPUModel *model; /* -cpu */
    void *auxv_copy;          /* /proc/self/auxv, as loaded */
    size_t auxv_copy_len;
    char *const *exec_opts;   /* mimic options forwarded on execve */
    int n_exec_opts;
} UserProcess;
extern UserProcess user_proc;

/* The guest's own resource limits (RLIMIT_AS, _DATA, _STACK, NOFILE) as
 * the -rlimits option spells them, for execve; and applying such a spec
 * at start-up (NULL, or what is wrong with it). */
char *guest_rlimits_format(char *buf, size_t size);
const char *guest_rlimits_apply(const char *spec);

/* Creates the task state of a guest thread around cpu (counted for
 * -stats); the thread that will run it sets thread_ts and tid. */
TaskState *task_create(ARMCPU *cpu);
/* Frees a task state and its CPU (the thread has left the CPU list). */
void task_destroy(TaskState *ts);
/* Runs the guest on this thread until it exits (cpu-loop-aarch64.c). */
__attribute__((noreturn)) void cpu_loop(TaskState *ts);
/* The system registers as arm64 Linux sets them up for EL0. */
void aarch64_linux_el0_setup(CPUARMState *env);
/* Ends the whole process with a status, printing -stats first. */
__attribute__((noreturn)) void user_exit_group(int status);
/* Prints the -stats lines (main.c); a forked child prints none. */
void user_print_stats(void);
void user_fork_child(void);
extern int live_threads;

/* -g PORT: waits for gdb to connect, then lets gdb start the main thread
 * (gdb-user.c).  A bad or busy port ends the process with an error. */
void gdb_user_start(const char *port, TaskState *ts);

/* ---- signals (signal.c, signal-aarch64.c) ---- */

/* Guest disposition of one signal (arm64 struct sigaction layout). */
typedef struct TargetSigaction {
    uint64_t handler;         /* SIG_DFL 0, SIG_IGN 1, or a guest address */
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
} TargetSigaction;

#define TARGET_SA_RESTORER 0x04000000ull

void signal_init(void);
/* A synchronous signal for this thread (a guest fault): delivered at once,
 * fatal if blocked or ignored, as Linux's force_sig_fault. */
void queue_sync_signal(TaskState *ts, int sig, int code, uint64_t addr);
/* Queues an asynchronous signal for this thread (kill to self, ...). */
void queue_signal(TaskState *ts, int sig, const siginfo_t *info);
/* Delivers what is pending and unblocked: called by the CPU loop. */
void process_pending_signals(TaskState *ts);
static inline bool signals_pending(TaskState *ts)
{
    return (__atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE) & ~ts->sigmask) != 0;
}
/* Sets the guest mask (and the host mask that mirrors it). */
void set_guest_sigmask(TaskState *ts, uint64_t mask);
int64_t do_sigaction(int sig, const TargetSigaction *act, TargetSigaction *old);
/* rt_sigsuspend and rt_sigtimedwait, race-free against our own queue. */
int64_t do_sigsuspend(TaskState *ts, uint64_t mask);
int64_t do_sigtimedwait(TaskState *ts, uint64_t set, siginfo_t *info,
                        const struct timespec *timeout);
/* Queued here or pending in the host, for rt_sigpending. */
uint64_t pending_signals(TaskState *ts);
TargetSigaction get_sigaction(int sig);
/* Kills the process by sig as the host would, without a core of mimic. */
__attribute__((noreturn)) void die_by_signal(int sig);
/* Host signal mask for a guest mask (never blocks what mimic needs). */
void host_sigset_from_guest(sigset_t *set, uint64_t mask);
uint64_t guest_mask_from_host(const sigset_t *set);

/* The arm64 signal frame (signal-aarch64.c). */
bool setup_rt_frame(TaskState *ts, int sig, const TargetSigaction *ka,
                    const siginfo_t *info, uint64_t saved_mask);
int64_t do_rt_sigreturn(TaskState *ts);
/* sigaltstack state as the frame and syscall see it. */
int target_sas_flags(TaskState *ts, uint64_t sp);

/* cpu->exception_code of EXCP_MEM_FAULT: a SIGSEGV si_code, or this bit
 * with a SIGBUS si_code (a file mapping past the end of its file). */
#define MEM_FAULT_BUS 0x1000

/* Host fault handling: SIGSEGV/SIGBUS on mimic's own alternate stack. */
void host_fault_init_thread(void);
/* Undoes it, on a thread about to exit. */
void host_fault_fini_thread(void);

/* ---- syscalls (syscall.c, sys-*.c, strace.c) ---- */

/* A handler: args a[0..5] are x0..x5; returns the result or -errno. */
typedef int64_t SyscallFn(TaskState *ts, const uint64_t *a);

enum {
    SYSF_RET_PTR = 2,         /* strace: the result is an address */
    SYSF_NORETURN = 4,        /* strace: print before the call */
    SYSF_RET_HEX = 8,
    /* Restart class: what -EINTR from the host (a signal came in while
     * the call blocked) means, as the call returns in Linux.  At most one
     * per row; a row without one passes EINTR on (calls that never block,
     * and those Linux never restarts: epoll_pwait, rt_sigtimedwait). */
    SYSF_RESTARTSYS = 16,     /* ERESTARTSYS: restarted after an SA_RESTART
                                 handler or when no handler runs */
    SYSF_RESTARTNOHAND = 32,  /* ERESTARTNOHAND: restarted only if no
                                 handler runs (poll, select, sigsuspend) */
    SYSF_RESTART_BYARGS = 64, /* the handler returns the class itself, as
                                 it depends on the arguments (futex op,
                                 relative or absolute sleep) */
};

typedef struct SyscallDef {
    const char *name;
    SyscallFn *fn;
    const char *fmt;          /* -strace argument kinds, see strace.c */
    unsigned flags;
} SyscallDef;

#define TARGET_NR_SYSCALLS 452
/* Special results, never seen by the guest: Linux's restart codes (what
 * a signal that interrupted the call makes of it, see
 * resolve_interrupted_syscall in signal.c) and rt_sigreturn's. */
#define TARGET_ERESTARTSYS 512
#define TARGET_ERESTARTNOINTR 513     /* always restarted; also what safe_syscall
                                         returns when the call never started */
#define TARGET_ERESTARTNOHAND 514
#define TARGET_ERESTART_RESTARTBLOCK 516   /* EINTR after a handler, else
                                              restart_syscall (ts->restart) */
#define TARGET_ESIGRETURN 0x7fff0001
#define TARGET_NR_restart_syscall 128

static inline bool is_restart_code(int64_t ret)
{
    return ret == -TARGET_ERESTARTSYS || ret == -TARGET_ERESTARTNOINTR ||
           ret == -TARGET_ERESTARTNOHAND || ret == -TARGET_ERESTART_RESTARTBLOCK;
}

void do_syscall(TaskState *ts);
extern bool user_strace;

/* Handlers, by family. */
SyscallFn sys_openat, sys_close, sys_read, sys_write, sys_readv, sys_writev,
    sys_pread64, sys_pwrite64, sys_preadv, sys_pwritev, sys_preadv2,
    sys_pwritev2, sys_lseek, sys_dup, sys_dup3, sys_pipe2, sys_fcntl,
    sys_ioctl, sys_ppoll, sys_pselect6, sys_epoll_create1, sys_epoll_ctl,
    sys_epoll_pwait, sys_epoll_pwait2, sys_eventfd2, sys_sendfile,
    sys_copy_file_range, sys_splice, sys_fsync, sys_fdatasync, sys_flock,
    sys_fallocate, sys_fadvise64, sys_close_range, sys_memfd_create,
    sys_timerfd_create, sys_timerfd_settime, sys_timerfd_gettime,
    sys_signalfd4, sys_inotify_init1, sys_inotify_add_watch,
    sys_inotify_rm_watch, sys_readahead, sys_sync_file_range;
SyscallFn sys_fstat, sys_newfstatat, sys_statx, sys_getdents64,
    sys_readlinkat, sys_faccessat, sys_faccessat2, sys_getcwd, sys_chdir,
    sys_fchdir, sys_chroot, sys_mkdirat, sys_mknodat, sys_unlinkat,
    sys_renameat, sys_renameat2, sys_symlinkat, sys_linkat, sys_fchmod,
    sys_fchmodat, sys_fchownat, sys_fchown, sys_utimensat, sys_truncate,
    sys_ftruncate, sys_umask, sys_statfs, sys_fstatfs, sys_sync, sys_syncfs,
    sys_getxattr, sys_lgetxattr, sys_fgetxattr, sys_listxattr,
    sys_llistxattr, sys_flistxattr, sys_setxattr, sys_lsetxattr,
    sys_fsetxattr, sys_removexattr, sys_lremovexattr, sys_fremovexattr;
SyscallFn sys_exit, sys_exit_group, sys_getpid, sys_getppid, sys_gettid,
    sys_getuid, sys_geteuid, sys_getgid, sys_getegid, sys_getresuid,
    sys_getresgid, sys_setuid, sys_setgid, sys_setreuid, sys_setregid,
    sys_setresuid, sys_setresgid, sys_setfsuid, sys_setfsgid,
    sys_getgroups, sys_setgroups, sys_uname, sys_sethostname,
    sys_set_tid_address, sys_set_robust_list, sys_get_robust_list, sys_rseq,
    sys_prlimit64, sys_getrlimit, sys_setrlimit, sys_getrandom,
    sys_sched_getaffinity, sys_sched_setaffinity, sys_sched_yield,
    sys_sched_getparam, sys_sched_setparam, sys_sched_getscheduler,
    sys_sched_setscheduler, sys_sched_get_priority_max,
    sys_sched_get_priority_min, sys_getpriority, sys_setpriority,
    sys_sysinfo, sys_times, sys_getrusage, sys_getpgid, sys_setpgid,
    sys_getsid, sys_setsid, sys_wait4, sys_waitid, sys_personality,
    sys_prctl, sys_capget, sys_capset, sys_clone, sys_clone3, sys_execve,
    sys_execveat, sys_getcpu, sys_pidfd_open;
SyscallFn sys_clock_gettime, sys_clock_getres, sys_clock_settime,
    sys_gettimeofday, sys_settimeofday, sys_nanosleep, sys_clock_nanosleep,
    sys_getitimer, sys_setitimer, sys_timer_create, sys_timer_settime,
    sys_timer_gettime, sys_timer_getoverrun, sys_timer_delete,
    sys_adjtimex;
SyscallFn sys_brk, sys_mmap, sys_munmap, sys_mprotect, sys_mremap,
    sys_madvise, sys_msync, sys_mlock, sys_munlock, sys_mlockall,
    sys_munlockall, sys_mlock2, sys_mincore, sys_futex, sys_membarrier;
SyscallFn sys_rt_sigaction, sys_rt_sigprocmask, sys_rt_sigreturn,
    sys_rt_sigpending, sys_rt_sigsuspend, sys_rt_sigtimedwait,
    sys_rt_sigqueueinfo, sys_rt_tgsigqueueinfo, sys_sigaltstack, sys_kill,
    sys_tgkill, sys_tkill;
SyscallFn sys_socket, sys_socketpair, sys_bind, sys_listen, sys_accept,
    sys_accept4, sys_connect, sys_getsockname, sys_getpeername, sys_sendto,
    sys_recvfrom, sys_setsockopt, sys_getsockopt, sys_shutdown, sys_sendmsg,
    sys_recvmsg, sys_sendmmsg, sys_recvmmsg;

/* -strace (strace.c): formats the call, then prints it with the result. */
void strace_format_call(char *buf, size_t size, int nr, const SyscallDef *def,
                        const uint64_t *a);
void strace_print(TaskState *ts, const char *call, int64_t ret,
                  const SyscallDef *def, bool returned);

/* A host syscall that a guest signal cannot slip past
 * (safe-syscall-x86_64.S): if the signal arrived before the call could
 * start, it returns -TARGET_ERESTARTNOINTR without making it (the SVC runs
 * again once the signal is delivered); if it arrived while the call
 * blocked, the host's -EINTR.  Every call that may block goes through it.
 * Returns -errno on failure; handlers pass both codes on unchanged. */
long safe_syscall_base(volatile int *pending, long nr, long a1, long a2, long a3,
                       long a4, long a5, long a6);
extern char safe_syscall_start[], safe_syscall_end[], safe_syscall_interrupted[];
static inline int64_t safe_syscall(long nr, long a1, long a2, long a3, long a4,
                                   long a5, long a6)
{
    return safe_syscall_base(&thread_ts->signal_pending, nr, a1, a2, a3, a4, a5, a6);
}

/* Host result to guest: -1/errno becomes -errno. */
static inline int64_t get_errno(int64_t ret)
{
    extern int *__errno_location(void);
    return ret == -1 ? -(int64_t)*__errno_location() : ret;
}

/* Guest open flags (arm64 numbering) to the host's and back. */
int target_to_host_open_flags(int flags);
int host_to_target_open_flags(int flags);

/* A guest path argument: checked and -L-prefixed.  Returns 0 and sets
 * *out (the guest's string, or the prefixed copy in pb), or -errno. */
typedef struct PathBuf {
    char buf[4096 + 256];
} PathBuf;
int get_user_path(uint64_t addr, PathBuf *pb, const char **out);

/* ---- mimic's own descriptors (fdtable.c) ----
 * Every descriptor mimic keeps for itself (the -D log, the code buffer's
 * memfd, ...) lives at or above mimic_fd_base, a range the guest can never
 * name: fd arguments there are EBADF, dup/fcntl cannot reach it, close_range
 * stops below it and /proc/self/fd does not list it. */
extern int mimic_fd_base;
static inline bool fd_is_mimic(int fd)
{
    return fd >= mimic_fd_base;
}
/* Sets the range up (start-up, before mimic opens anything of its own). */
void fdtable_init(void);
/* Moves one of mimic's descriptors into the range (close-on-exec); returns
 * the new number, or fd itself if it cannot be moved. */
int mimic_fd_keep(int fd);
/* The guest's RLIMIT_NOFILE: get (ol) and set (nl), either may be NULL. */
struct rlimit;
int64_t fdtable_rlimit(const struct rlimit *nl, struct rlimit *ol);
void fdtable_fork_child(void);
/* CAP_SYS_RESOURCE: the process may raise a hard resource limit. */
bool may_raise_hard_limit(void);

/* ---- /proc and -L (procfs.c, procfs-gen.c, procfs-mem.c) ---- */

/* A path resolved to this process's /proc: entry is what follows
 * /proc/<pid>/ or /proc/<pid>/task/<tid>/ ("maps", "fd/3", "" for the
 * directory); global entries are /proc/NAME outside any process. */
typedef struct ProcPath {
    bool global;
    bool is_link;             /* the entry itself is a symlink (exe, fd/N) */
    int tid;                  /* a thread's view, 0 for the process's */
    char entry[256];
    char host[4096];          /* the kernel's canonical name of it */
} ProcPath;

/* Results of the calls below when the host may answer by itself. */
#define PROC_NOT_MINE (-100000)

/* Whether (dirfd, path), with the last symlink followed or not, names
 * /proc of this process (or of one of its threads); fills *out. */
bool procfs_resolve(int dirfd, const char *path, bool follow, ProcPath *out);
/* openat: the guest's view of the file (an fd or -errno), or
 * PROC_NOT_MINE. */
int procfs_open(int dirfd, const char *path, int flags, int mode);
/* readlinkat: the guest program for exe in any spelling, the /proc file
 * a generated fd stands for, -ENOENT for mimic's own fds, else
 * PROC_NOT_MINE. */
int64_t procfs_readlink(int dirfd, const char *path, char *buf, size_t size);
/* stat, statx, faccessat, execve: the host path to use instead (the guest
 * program for exe), or NULL with *err 0 (use the path as given) or -errno. */
const char *procfs_stat_redirect(int dirfd, const char *path, int at_flags, int *err);
bool procfs_is_self_exe(int dirfd, const char *path, bool follow);
/* getdents64 on an fd directory of ours: drops mimic's own descriptors
 * from the n bytes of records at buf; returns the new length. */
long procfs_filter_dirents(int dirfd, void *buf, long n);
/* Generated files (procfs-gen.c): an fd, -errno, or PROC_NOT_MINE. */
int procfs_gen_open(const ProcPath *pp, int flags);

/* /proc/self/mem (procfs-mem.c). */
int procfs_mem_open(const ProcPath *pp, int flags);
extern int procfs_mem_files;  /* nonzero once one was opened */
bool procfs_is_mem_fd(int fd);
static inline bool procfs_mem_fd(int fd)
{
    return __atomic_load_n(&procfs_mem_files, __ATOMIC_RELAXED) && procfs_is_mem_fd(fd);
}
/* The read/write family on a mem fd: segs holds nseg (guest address,
 * length) pairs; pos is used if positional, else the file position. */
int64_t procfs_mem_io(int fd, const uint64_t *segs, uint64_t nseg, bool write,
                      bool positional, uint64_t pos);
int64_t procfs_mem_lseek(int fd, int64_t off, int whence);

/* Applies the -L prefix to an absolute path that exists under it. */
const char *path_remap(const char *path, char *buf, size_t size);

#endif
