/*
 * The syscall table and dispatch: one row per arm64 syscall number (the
 * asm-generic numbering), with its name, its handler and how -strace
 * prints its arguments.  A row without a handler is a call we know but do
 * not implement: the guest gets -ENOSYS and -d unimp says so.  Handlers
 * live by family in sys-*.c.
 *
 * Also the helpers every family shares: guest open flags and guest path
 * arguments (checked, /proc-redirected, -L-prefixed).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "aarch64-abi.h"
#include "tcg/log.h"
#include "tcg/tb.h"
#include "user.h"

bool user_strace;

static SyscallFn sys_restart_syscall;

/* -strace argument kinds: d int, F file descriptor, l long, u unsigned,
 * x hex, p pointer, s string, f dirfd, o octal mode, O open flags, P mmap
 * prot, M mmap flags, S signal number.  F and f also tell do_syscall which
 * arguments are descriptors, to keep mimic's own out of the guest's reach. */
static const SyscallDef syscall_table[TARGET_NR_SYSCALLS] = {
    [0] = { "io_setup", NULL, "", 0 },
    [1] = { "io_destroy", NULL, "", 0 },
    [2] = { "io_submit", NULL, "", 0 },
    [3] = { "io_cancel", NULL, "", 0 },
    [4] = { "io_getevents", NULL, "", 0 },
    [5] = { "setxattr", sys_setxattr, "sspux", 0 },
    [6] = { "lsetxattr", sys_lsetxattr, "sspux", 0 },
    [7] = { "fsetxattr", sys_fsetxattr, "Fspux", 0 },
    [8] = { "getxattr", sys_getxattr, "sspu", 0 },
    [9] = { "lgetxattr", sys_lgetxattr, "sspu", 0 },
    [10] = { "fgetxattr", sys_fgetxattr, "Fspu", 0 },
    [11] = { "listxattr", sys_listxattr, "spu", 0 },
    [12] = { "llistxattr", sys_llistxattr, "spu", 0 },
    [13] = { "flistxattr", sys_flistxattr, "Fpu", 0 },
    [14] = { "removexattr", sys_removexattr, "ss", 0 },
    [15] = { "lremovexattr", sys_lremovexattr, "ss", 0 },
    [16] = { "fremovexattr", sys_fremovexattr, "Fs", 0 },
    [17] = { "getcwd", sys_getcwd, "pu", 0 },
    [18] = { "lookup_dcookie", NULL, "", 0 },
    [19] = { "eventfd2", sys_eventfd2, "ux", 0 },
    [20] = { "epoll_create1", sys_epoll_create1, "x", 0 },
    [21] = { "epoll_ctl", sys_epoll_ctl, "FdFp", 0 },
    [22] = { "epoll_pwait", sys_epoll_pwait, "Fpddpu", 0 },
    [23] = { "dup", sys_dup, "F", 0 },
    [24] = { "dup3", sys_dup3, "FFO", 0 },
    [25] = { "fcntl", sys_fcntl, "Fdx", SYSF_RESTARTSYS },
    [26] = { "inotify_init1", sys_inotify_init1, "x", 0 },
    [27] = { "inotify_add_watch", sys_inotify_add_watch, "Fsx", 0 },
    [28] = { "inotify_rm_watch", sys_inotify_rm_watch, "Fd", 0 },
    [29] = { "ioctl", sys_ioctl, "Fxp", SYSF_RESTARTSYS },
    [30] = { "ioprio_set", NULL, "", 0 },
    [31] = { "ioprio_get", NULL, "", 0 },
    [32] = { "flock", sys_flock, "Fx", SYSF_RESTARTSYS },
    [33] = { "mknodat", sys_mknodat, "fsox", 0 },
    [34] = { "mkdirat", sys_mkdirat, "fso", 0 },
    [35] = { "unlinkat", sys_unlinkat, "fsx", 0 },
    [36] = { "symlinkat", sys_symlinkat, "sfs", 0 },
    [37] = { "linkat", sys_linkat, "fsfsx", 0 },
    [38] = { "renameat", sys_renameat, "fsfs", 0 },
    [39] = { "umount2", NULL, "", 0 },
    [40] = { "mount", NULL, "", 0 },
    [41] = { "pivot_root", NULL, "", 0 },
    [42] = { "nfsservctl", NULL, "", 0 },
    [43] = { "statfs", sys_statfs, "sp", 0 },
    [44] = { "fstatfs", sys_fstatfs, "Fp", 0 },
    [45] = { "truncate", sys_truncate, "sl", 0 },
    [46] = { "ftruncate", sys_ftruncate, "Fl", 0 },
    [47] = { "fallocate", sys_fallocate, "Fxll", 0 },
    [48] = { "faccessat", sys_faccessat, "fso", 0 },
    [49] = { "chdir", sys_chdir, "s", 0 },
    [50] = { "fchdir", sys_fchdir, "F", 0 },
    [51] = { "chroot", sys_chroot, "s", 0 },
    [52] = { "fchmod", sys_fchmod, "Fo", 0 },
    [53] = { "fchmodat", sys_fchmodat, "fso", 0 },
    [54] = { "fchownat", sys_fchownat, "fsddx", 0 },
    [55] = { "fchown", sys_fchown, "Fdd", 0 },
    [56] = { "openat", sys_openat, "fsOo", SYSF_RESTARTSYS },
    [57] = { "close", sys_close, "F", 0 },
    [58] = { "vhangup", NULL, "", 0 },
    [59] = { "pipe2", sys_pipe2, "pO", 0 },
    [60] = { "quotactl", NULL, "", 0 },
    [61] = { "getdents64", sys_getdents64, "Fpu", 0 },
    [62] = { "lseek", sys_lseek, "Fld", 0 },
    [63] = { "read", sys_read, "Fpu", SYSF_RESTARTSYS },
    [64] = { "write", sys_write, "Fpu", SYSF_RESTARTSYS },
    [65] = { "readv", sys_readv, "Fpd", SYSF_RESTARTSYS },
    [66] = { "writev", sys_writev, "Fpd", SYSF_RESTARTSYS },
    [67] = { "pread64", sys_pread64, "Fpul", SYSF_RESTARTSYS },
    [68] = { "pwrite64", sys_pwrite64, "Fpul", SYSF_RESTARTSYS },
    [69] = { "preadv", sys_preadv, "Fpdl", SYSF_RESTARTSYS },
    [70] = { "pwritev", sys_pwritev, "Fpdl", SYSF_RESTARTSYS },
    [71] = { "sendfile", sys_sendfile, "FFpu", SYSF_RESTARTSYS },
    [72] = { "pselect6", sys_pselect6, "dppppp", SYSF_RESTARTNOHAND },
    [73] = { "ppoll", sys_ppoll, "pdppu", SYSF_RESTARTNOHAND },
    [74] = { "signalfd4", sys_signalfd4, "Fpux", 0 },
    [75] = { "vmsplice", NULL, "", 0 },
    [76] = { "splice", sys_splice, "FpFpux", SYSF_RESTARTSYS },
    [77] = { "tee", NULL, "", 0 },
    [78] = { "readlinkat", sys_readlinkat, "fspu", 0 },
    [79] = { "newfstatat", sys_newfstatat, "fspx", 0 },
    [80] = { "fstat", sys_fstat, "Fp", 0 },
    [81] = { "sync", sys_sync, "", 0 },
    [82] = { "fsync", sys_fsync, "F", 0 },
    [83] = { "fdatasync", sys_fdatasync, "F", 0 },
    [84] = { "sync_file_range", sys_sync_file_range, "Fllx", 0 },
    [85] = { "timerfd_create", sys_timerfd_create, "dx", 0 },
    [86] = { "timerfd_settime", sys_timerfd_settime, "Fxpp", 0 },
    [87] = { "timerfd_gettime", sys_timerfd_gettime, "Fp", 0 },
    [88] = { "utimensat", sys_utimensat, "fspx", 0 },
    [89] = { "acct", NULL, "", 0 },
    [90] = { "capget", sys_capget, "pp", 0 },
    [91] = { "capset", sys_capset, "pp", 0 },
    [92] = { "personality", sys_personality, "x", 0 },
    [93] = { "exit", sys_exit, "d", SYSF_NORETURN },
    [94] = { "exit_group", sys_exit_group, "d", SYSF_NORETURN },
    [95] = { "waitid", sys_waitid, "ddpxp", SYSF_RESTARTSYS },
    [96] = { "set_tid_address", sys_set_tid_address, "p", 0 },
    [97] = { "unshare", NULL, "", 0 },
    [98] = { "futex", sys_futex, "pduppd", SYSF_RESTART_BYARGS },
    [99] = { "set_robust_list", sys_set_robust_list, "pu", 0 },
    [100] = { "get_robust_list", sys_get_robust_list, "dpp", 0 },
    [101] = { "nanosleep", sys_nanosleep, "pp", SYSF_RESTART_BYARGS },
    [102] = { "getitimer", sys_getitimer, "dp", 0 },
    [103] = { "setitimer", sys_setitimer, "dpp", 0 },
    [104] = { "kexec_load", NULL, "", 0 },
    [105] = { "init_module", NULL, "", 0 },
    [106] = { "delete_module", NULL, "", 0 },
    [107] = { "timer_create", sys_timer_create, "dpp", 0 },
    [108] = { "timer_gettime", sys_timer_gettime, "dp", 0 },
    [109] = { "timer_getoverrun", sys_timer_getoverrun, "d", 0 },
    [110] = { "timer_settime", sys_timer_settime, "dxpp", 0 },
    [111] = { "timer_delete", sys_timer_delete, "d", 0 },
    [112] = { "clock_settime", sys_clock_settime, "dp", 0 },
    [113] = { "clock_gettime", sys_clock_gettime, "dp", 0 },
    [114] = { "clock_getres", sys_clock_getres, "dp", 0 },
    [115] = { "clock_nanosleep", sys_clock_nanosleep, "dxpp", SYSF_RESTART_BYARGS },
    [116] = { "syslog", NULL, "", 0 },
    [117] = { "ptrace", NULL, "", 0 },
    [118] = { "sched_setparam", sys_sched_setparam, "dp", 0 },
    [119] = { "sched_setscheduler", sys_sched_setscheduler, "ddp", 0 },
    [120] = { "sched_getscheduler", sys_sched_getscheduler, "d", 0 },
    [121] = { "sched_getparam", sys_sched_getparam, "dp", 0 },
    [122] = { "sched_setaffinity", sys_sched_setaffinity, "dup", 0 },
    [123] = { "sched_getaffinity", sys_sched_getaffinity, "dup", 0 },
    [124] = { "sched_yield", sys_sched_yield, "", 0 },
    [125] = { "sched_get_priority_max", sys_sched_get_priority_max, "d", 0 },
    [126] = { "sched_get_priority_min", sys_sched_get_priority_min, "d", 0 },
    [127] = { "sched_rr_get_interval", NULL, "", 0 },
    [128] = { "restart_syscall", sys_restart_syscall, "", SYSF_RESTART_BYARGS },
    [129] = { "kill", sys_kill, "dS", 0 },
    [130] = { "tkill", sys_tkill, "dS", 0 },
    [131] = { "tgkill", sys_tgkill, "ddS", 0 },
    [132] = { "sigaltstack", sys_sigaltstack, "pp", 0 },
    [133] = { "rt_sigsuspend", sys_rt_sigsuspend, "pu", SYSF_RESTARTNOHAND },
    [134] = { "rt_sigaction", sys_rt_sigaction, "Sppu", 0 },
    [135] = { "rt_sigprocmask", sys_rt_sigprocmask, "dppu", 0 },
    [136] = { "rt_sigpending", sys_rt_sigpending, "pu", 0 },
    [137] = { "rt_sigtimedwait", sys_rt_sigtimedwait, "pppu", 0 },
    [138] = { "rt_sigqueueinfo", sys_rt_sigqueueinfo, "dSp", 0 },
    [139] = { "rt_sigreturn", sys_rt_sigreturn, "", 0 },
    [140] = { "setpriority", sys_setpriority, "ddd", 0 },
    [141] = { "getpriority", sys_getpriority, "dd", 0 },
    [142] = { "reboot", NULL, "", 0 },
    [143] = { "setregid", sys_setregid, "dd", 0 },
    [144] = { "setgid", sys_setgid, "d", 0 },
    [145] = { "setreuid", sys_setreuid, "dd", 0 },
    [146] = { "setuid", sys_setuid, "d", 0 },
    [147] = { "setresuid", sys_setresuid, "ddd", 0 },
    [148] = { "getresuid", sys_getresuid, "ppp", 0 },
    [149] = { "setresgid", sys_setresgid, "ddd", 0 },
    [150] = { "getresgid", sys_getresgid, "ppp", 0 },
    [151] = { "setfsuid", sys_setfsuid, "d", 0 },
    [152] = { "setfsgid", sys_setfsgid, "d", 0 },
    [153] = { "times", sys_times, "p", 0 },
    [154] = { "setpgid", sys_setpgid, "dd", 0 },
    [155] = { "getpgid", sys_getpgid, "d", 0 },
    [156] = { "getsid", sys_getsid, "d", 0 },
    [157] = { "setsid", sys_setsid, "", 0 },
    [158] = { "getgroups", sys_getgroups, "dp", 0 },
    [159] = { "setgroups", sys_setgroups, "dp", 0 },
    [160] = { "uname", sys_uname, "p", 0 },
    [161] = { "sethostname", sys_sethostname, "pu", 0 },
    [162] = { "setdomainname", NULL, "", 0 },
    [163] = { "getrlimit", sys_getrlimit, "dp", 0 },
    [164] = { "setrlimit", sys_setrlimit, "dp", 0 },
    [165] = { "getrusage", sys_getrusage, "dp", 0 },
    [166] = { "umask", sys_umask, "o", 0 },
    [167] = { "prctl", sys_prctl, "dxxxx", 0 },
    [168] = { "getcpu", sys_getcpu, "ppp", 0 },
    [169] = { "gettimeofday", sys_gettimeofday, "pp", 0 },
    [170] = { "settimeofday", sys_settimeofday, "pp", 0 },
    [171] = { "adjtimex", sys_adjtimex, "p", 0 },
    [172] = { "getpid", sys_getpid, "", 0 },
    [173] = { "getppid", sys_getppid, "", 0 },
    [174] = { "getuid", sys_getuid, "", 0 },
    [175] = { "geteuid", sys_geteuid, "", 0 },
    [176] = { "getgid", sys_getgid, "", 0 },
    [177] = { "getegid", sys_getegid, "", 0 },
    [178] = { "gettid", sys_gettid, "", 0 },
    [179] = { "sysinfo", sys_sysinfo, "p", 0 },
    [180] = { "mq_open", NULL, "", 0 },
    [181] = { "mq_unlink", NULL, "", 0 },
    [182] = { "mq_timedsend", NULL, "", 0 },
    [183] = { "mq_timedreceive", NULL, "", 0 },
    [184] = { "mq_notify", NULL, "", 0 },
    [185] = { "mq_getsetattr", NULL, "", 0 },
    [186] = { "msgget", NULL, "", 0 },
    [187] = { "msgctl", NULL, "", 0 },
    [188] = { "msgrcv", NULL, "", 0 },
    [189] = { "msgsnd", NULL, "", 0 },
    [190] = { "semget", NULL, "", 0 },
    [191] = { "semctl", NULL, "", 0 },
    [192] = { "semtimedop", NULL, "", 0 },
    [193] = { "semop", NULL, "", 0 },
    [194] = { "shmget", NULL, "", 0 },
    [195] = { "shmctl", NULL, "", 0 },
    [196] = { "shmat", NULL, "", 0 },
    [197] = { "shmdt", NULL, "", 0 },
    [198] = { "socket", sys_socket, "ddd", 0 },
    [199] = { "socketpair", sys_socketpair, "dddp", 0 },
    [200] = { "bind", sys_bind, "Fpu", 0 },
    [201] = { "listen", sys_listen, "Fd", 0 },
    [202] = { "accept", sys_accept, "Fpp", SYSF_RESTART_BYARGS },
    [203] = { "connect", sys_connect, "Fpu", SYSF_RESTART_BYARGS },
    [204] = { "getsockname", sys_getsockname, "Fpp", 0 },
    [205] = { "getpeername", sys_getpeername, "Fpp", 0 },
    [206] = { "sendto", sys_sendto, "Fpuxpu", SYSF_RESTART_BYARGS },
    [207] = { "recvfrom", sys_recvfrom, "Fpuxpp", SYSF_RESTART_BYARGS },
    [208] = { "setsockopt", sys_setsockopt, "Fddpu", 0 },
    [209] = { "getsockopt", sys_getsockopt, "Fddpp", 0 },
    [210] = { "shutdown", sys_shutdown, "Fd", 0 },
    [211] = { "sendmsg", sys_sendmsg, "Fpx", SYSF_RESTART_BYARGS },
    [212] = { "recvmsg", sys_recvmsg, "Fpx", SYSF_RESTART_BYARGS },
    [213] = { "readahead", sys_readahead, "Flu", 0 },
    [214] = { "brk", sys_brk, "p", SYSF_RET_PTR },
    [215] = { "munmap", sys_munmap, "pu", 0 },
    [216] = { "mremap", sys_mremap, "puuxp", SYSF_RET_PTR },
    [217] = { "add_key", NULL, "", 0 },
    [218] = { "request_key", NULL, "", 0 },
    [219] = { "keyctl", NULL, "", 0 },
    [220] = { "clone", sys_clone, "xpppp", 0 },
    [221] = { "execve", sys_execve, "spp", SYSF_NORETURN },
    [222] = { "mmap", sys_mmap, "puPMdx", SYSF_RET_PTR },
    [223] = { "fadvise64", sys_fadvise64, "Flld", 0 },
    [224] = { "swapon", NULL, "", 0 },
    [225] = { "swapoff", NULL, "", 0 },
    [226] = { "mprotect", sys_mprotect, "puP", 0 },
    [227] = { "msync", sys_msync, "pux", 0 },
    [228] = { "mlock", sys_mlock, "pu", 0 },
    [229] = { "munlock", sys_munlock, "pu", 0 },
    [230] = { "mlockall", sys_mlockall, "x", 0 },
    [231] = { "munlockall", sys_munlockall, "", 0 },
    [232] = { "mincore", sys_mincore, "pup", 0 },
    [233] = { "madvise", sys_madvise, "pud", 0 },
    [234] = { "remap_file_pages", NULL, "", 0 },
    [235] = { "mbind", NULL, "", 0 },
    [236] = { "get_mempolicy", NULL, "", 0 },
    [237] = { "set_mempolicy", NULL, "", 0 },
    [238] = { "migrate_pages", NULL, "", 0 },
    [239] = { "move_pages", NULL, "", 0 },
    [240] = { "rt_tgsigqueueinfo", sys_rt_tgsigqueueinfo, "ddSp", 0 },
    [241] = { "perf_event_open", NULL, "", 0 },
    [242] = { "accept4", sys_accept4, "Fppx", SYSF_RESTART_BYARGS },
    [243] = { "recvmmsg", sys_recvmmsg, "Fpuxp", SYSF_RESTART_BYARGS },
    [260] = { "wait4", sys_wait4, "dpxp", SYSF_RESTARTSYS },
    [261] = { "prlimit64", sys_prlimit64, "ddpp", 0 },
    [262] = { "fanotify_init", NULL, "", 0 },
    [263] = { "fanotify_mark", NULL, "", 0 },
    [264] = { "name_to_handle_at", NULL, "", 0 },
    [265] = { "open_by_handle_at", NULL, "", 0 },
    [266] = { "clock_adjtime", NULL, "", 0 },
    [267] = { "syncfs", sys_syncfs, "F", 0 },
    [268] = { "setns", NULL, "", 0 },
    [269] = { "sendmmsg", sys_sendmmsg, "Fpux", SYSF_RESTART_BYARGS },
    [270] = { "process_vm_readv", NULL, "", 0 },
    [271] = { "process_vm_writev", NULL, "", 0 },
    [272] = { "kcmp", NULL, "", 0 },
    [273] = { "finit_module", NULL, "", 0 },
    [274] = { "sched_setattr", NULL, "", 0 },
    [275] = { "sched_getattr", NULL, "", 0 },
    [276] = { "renameat2", sys_renameat2, "fsfsx", 0 },
    [277] = { "seccomp", NULL, "", 0 },
    [278] = { "getrandom", sys_getrandom, "pux", SYSF_RESTARTSYS },
    [279] = { "memfd_create", sys_memfd_create, "sx", 0 },
    [280] = { "bpf", NULL, "", 0 },
    [281] = { "execveat", sys_execveat, "fsppx", SYSF_NORETURN },
    [282] = { "userfaultfd", NULL, "", 0 },
    [283] = { "membarrier", sys_membarrier, "dxd", 0 },
    [284] = { "mlock2", sys_mlock2, "pux", 0 },
    [285] = { "copy_file_range", sys_copy_file_range, "FpFpux", 0 },
    [286] = { "preadv2", sys_preadv2, "Fpdllx", SYSF_RESTARTSYS },
    [287] = { "pwritev2", sys_pwritev2, "Fpdllx", SYSF_RESTARTSYS },
    [288] = { "pkey_mprotect", NULL, "", 0 },
    [289] = { "pkey_alloc", NULL, "", 0 },
    [290] = { "pkey_free", NULL, "", 0 },
    [291] = { "statx", sys_statx, "fsxxp", 0 },
    [292] = { "io_pgetevents", NULL, "", 0 },
    [293] = { "rseq", sys_rseq, "pudx", 0 },
    [294] = { "kexec_file_load", NULL, "", 0 },
    [403] = { "clock_gettime64", NULL, "", 0 },
    [404] = { "clock_settime64", NULL, "", 0 },
    [405] = { "clock_adjtime64", NULL, "", 0 },
    [406] = { "clock_getres_time64", NULL, "", 0 },
    [407] = { "clock_nanosleep_time64", NULL, "", 0 },
    [408] = { "timer_gettime64", NULL, "", 0 },
    [409] = { "timer_settime64", NULL, "", 0 },
    [410] = { "timerfd_gettime64", NULL, "", 0 },
    [411] = { "timerfd_settime64", NULL, "", 0 },
    [412] = { "utimensat_time64", NULL, "", 0 },
    [413] = { "pselect6_time64", NULL, "", 0 },
    [414] = { "ppoll_time64", NULL, "", 0 },
    [416] = { "io_pgetevents_time64", NULL, "", 0 },
    [417] = { "recvmmsg_time64", NULL, "", 0 },
    [418] = { "mq_timedsend_time64", NULL, "", 0 },
    [419] = { "mq_timedreceive_time64", NULL, "", 0 },
    [420] = { "semtimedop_time64", NULL, "", 0 },
    [421] = { "rt_sigtimedwait_time64", NULL, "", 0 },
    [422] = { "futex_time64", NULL, "", 0 },
    [423] = { "sched_rr_get_interval_time64", NULL, "", 0 },
    [424] = { "pidfd_send_signal", NULL, "", 0 },
    [425] = { "io_uring_setup", NULL, "", 0 },
    [426] = { "io_uring_enter", NULL, "", 0 },
    [427] = { "io_uring_register", NULL, "", 0 },
    [428] = { "open_tree", NULL, "", 0 },
    [429] = { "move_mount", NULL, "", 0 },
    [430] = { "fsopen", NULL, "", 0 },
    [431] = { "fsconfig", NULL, "", 0 },
    [432] = { "fsmount", NULL, "", 0 },
    [433] = { "fspick", NULL, "", 0 },
    [434] = { "pidfd_open", sys_pidfd_open, "dx", 0 },
    [435] = { "clone3", sys_clone3, "pu", 0 },
    [436] = { "close_range", sys_close_range, "ddx", 0 },
    [437] = { "openat2", NULL, "", 0 },
    [438] = { "pidfd_getfd", NULL, "", 0 },
    [439] = { "faccessat2", sys_faccessat2, "fsox", 0 },
    [440] = { "process_madvise", NULL, "", 0 },
    [441] = { "epoll_pwait2", sys_epoll_pwait2, "Fpddpu", 0 },
    [442] = { "mount_setattr", NULL, "", 0 },
    [443] = { "quotactl_fd", NULL, "", 0 },
    [444] = { "landlock_create_ruleset", NULL, "", 0 },
    [445] = { "landlock_add_rule", NULL, "", 0 },
    [446] = { "landlock_restrict_self", NULL, "", 0 },
    [447] = { "memfd_secret", NULL, "", 0 },
    [448] = { "process_mrelease", NULL, "", 0 },
    [449] = { "futex_waitv", NULL, "", 0 },
    [450] = { "set_mempolicy_home_node", NULL, "", 0 },
};

/* What -EINTR from the host means for a row (its restart class). */
static const struct { unsigned flag; int64_t code; } eintr_classes[] = {
    { SYSF_RESTARTSYS, -TARGET_ERESTARTSYS },
    { SYSF_RESTARTNOHAND, -TARGET_ERESTARTNOHAND },
};

static int64_t eintr_class(unsigned flags)
{
    for (size_t i = 0; i < sizeof(eintr_classes) / sizeof(eintr_classes[0]); i++) {
        if (flags & eintr_classes[i].flag) {
            return eintr_classes[i].code;
        }
    }
    return -EINTR;
}

void do_syscall(TaskState *ts)
{
    CPUARMState *env = &ts->cpu->env;
    uint64_t nr = env->xregs[8];
    uint64_t a[6];
    memcpy(a, env->xregs, sizeof(a));
    const SyscallDef *def = nr < TARGET_NR_SYSCALLS && syscall_table[nr].name
                                ? &syscall_table[nr] : NULL;
    if (ts->signal_pending) {
        /* A signal came in since the last block boundary: deliver it before
         * the call starts (the SVC runs again after the handler), as Linux
         * would have on the way into the kernel. */
        ts->signal_pending = 0;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        if (signals_pending(ts)) {
            ts->signal_pending = 1;
            env->pc -= 4;
            return;
        }
    }
    bool trace = qemu_loglevel_mask(LOG_STRACE);
    char call[1024];
    bool own_fd = false;
    for (int i = 0; def && def->fmt[i] && i < 6; i++) {
        own_fd |= (def->fmt[i] == 'F' || def->fmt[i] == 'f') && fd_is_mimic((int)a[i]);
    }
    if (trace) {
        strace_format_call(call, sizeof(call), (int)nr, def, a);
        if (def && (def->flags & SYSF_NORETURN)) {
            strace_print(ts, call, 0, def, false);
        }
    }
    int64_t ret;
    if (own_fd) {
        /* mimic's own descriptors do not exist for the guest (fdtable.c). */
        ret = -EBADF;
    } else if (def && def->fn) {
        ret = def->fn(ts, a);
    } else {
        if (qemu_loglevel_mask(LOG_UNIMP)) {
            mimic_log("unimplemented syscall %" PRIu64 " (%s)\n", nr,
                      def ? def->name : "unknown");
        }
        ret = -ENOSYS;
    }
    if (ret == -TARGET_ESIGRETURN) {
        /* rt_sigreturn: every register already holds the restored state,
         * and a restart_syscall that ran now would find nothing to resume
         * (Linux's sigreturn does the same). */
        ts->restart.fn = NULL;
        if (trace) {
            strace_print(ts, call, 0, def, false);
        }
        return;
    }
    if (ret == -EINTR && def) {
        ret = eintr_class(def->flags);
    }
    if (trace && !(def && (def->flags & SYSF_NORETURN))) {
        strace_print(ts, call, ret, def, true);
    }
    if (ret == -TARGET_ERESTARTNOINTR) {
        /* Restarted whatever the signal: the SVC runs again after its
         * delivery, with x0 as the guest left it. */
        env->pc -= 4;
        return;
    }
    if (is_restart_code(ret)) {
        /* The signal that interrupted the call decides (signal.c). */
        ts->syscall_restart = ret;
        ts->syscall_orig_x0 = a[0];
        ret = -EINTR;
    }
    env->xregs[0] = ret;
}

/* restart_syscall: the rest of the call whose state the restart block
 * holds; after a handler's sigreturn there is none, and it fails as
 * Linux's do_no_restart_syscall. */
static int64_t sys_restart_syscall(TaskState *ts, const uint64_t *a)
{
    return ts->restart.fn ? ts->restart.fn(ts) : -EINTR;
}

/* ---- shared helpers ---- */

/* Bits arm64 and x86-64 number differently; the rest are shared. */
static const struct { int target, host; } open_flag_map[] = {
    { TARGET_O_DIRECTORY, O_DIRECTORY },
    { TARGET_O_NOFOLLOW, O_NOFOLLOW },
    { TARGET_O_DIRECT, O_DIRECT },
    { TARGET_O_LARGEFILE, 0100000 /* x86-64 O_LARGEFILE */ },
};

int target_to_host_open_flags(int flags)
{
    int out = flags;
    for (size_t i = 0; i < sizeof(open_flag_map) / sizeof(open_flag_map[0]); i++) {
        out &= ~open_flag_map[i].target;
    }
    for (size_t i = 0; i < sizeof(open_flag_map) / sizeof(open_flag_map[0]); i++) {
        if (flags & open_flag_map[i].target) {
            out |= open_flag_map[i].host;
        }
    }
    return out;
}

int host_to_target_open_flags(int flags)
{
    int out = flags;
    for (size_t i = 0; i < sizeof(open_flag_map) / sizeof(open_flag_map[0]); i++) {
        out &= ~open_flag_map[i].host;
    }
    for (size_t i = 0; i < sizeof(open_flag_map) / sizeof(open_flag_map[0]); i++) {
        if (flags & open_flag_map[i].host) {
            out |= open_flag_map[i].target;
        }
    }
    return out;
}

int get_user_path(uint64_t addr, PathBuf *pb, const char **out)
{
    bool toolong;
    const char *p = lock_user_string(addr, PATH_MAX, &toolong);
    if (!p) {
        return toolong ? -ENAMETOOLONG : -EFAULT;
    }
    *out = path_remap(p, pb->buf, sizeof(pb->buf));
    return 0;
}
