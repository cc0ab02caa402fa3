/*
 * The arm64 Linux user ABI where it differs from the x86-64 host's, or
 * where mimic builds the structure itself: struct stat, epoll_event,
 * open flags, stack_t, and the signal frame (siginfo + ucontext with its
 * sigcontext and fpsimd record).  Everything else a syscall passes
 * (timespec, iovec, dirent64, rlimit, statfs, termios, sockaddr, pollfd,
 * flock, siginfo, rusage, utsname, sysinfo) has the same layout and
 * numbering on both, and goes through unchanged.
 *
 * Layouts from the arm64 uapi headers (asm-generic/stat.h,
 * asm/sigcontext.h, asm/ucontext.h).
 */
#ifndef LINUX_USER_AARCH64_ABI_H
#define LINUX_USER_AARCH64_ABI_H

#include <stdint.h>

/* asm-generic struct stat: 128 bytes (x86-64's is 144, in another order). */
struct target_stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t __pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t __pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t __unused4;
    uint32_t __unused5;
};
_Static_assert(sizeof(struct target_stat) == 128, "arm64 struct stat");

/* Not packed on arm64 (x86-64 packs it to 12 bytes). */
struct target_epoll_event {
    uint32_t events;
    uint32_t __pad;
    uint64_t data;
};

/* Open flags that arm64 numbers differently from x86-64. */
#define TARGET_O_DIRECTORY 040000
#define TARGET_O_NOFOLLOW 0100000
#define TARGET_O_DIRECT 0200000
#define TARGET_O_LARGEFILE 0400000

typedef struct target_stack_t {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t __pad;
    uint64_t ss_size;
} target_stack_t;

#define TARGET_SS_ONSTACK 1
#define TARGET_SS_DISABLE 2
#define TARGET_SS_AUTODISARM (1u << 31)
#define TARGET_MINSIGSTKSZ 5120

/* ---- the signal frame ---- */

#define TARGET_FPSIMD_MAGIC 0x46508001
#define TARGET_ESR_MAGIC 0x45535201

struct target_aarch64_ctx {
    uint32_t magic;
    uint32_t size;
};

struct target_fpsimd_context {
    struct target_aarch64_ctx head;
    uint32_t fpsr;
    uint32_t fpcr;
    uint64_t vregs[64];           /* 32 x 128 bits, low half first */
};
_Static_assert(sizeof(struct target_fpsimd_context) == 528, "fpsimd_context");

struct target_sigcontext {
    uint64_t fault_address;
    uint64_t regs[31];
    uint64_t sp;
    uint64_t pc;
    uint64_t pstate;
    uint8_t __reserved[4096] __attribute__((aligned(16)));
};

struct target_ucontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    target_stack_t uc_stack;
    uint64_t uc_sigmask;
    uint8_t __unused[1024 / 8 - 8];
    struct target_sigcontext uc_mcontext __attribute__((aligned(16)));
};

struct target_siginfo {
    uint8_t bytes[128];
};

struct target_rt_sigframe {
    struct target_siginfo info;
    struct target_ucontext uc;
};
_Static_assert(__builtin_offsetof(struct target_ucontext, uc_mcontext) == 176, "ucontext");
_Static_assert(sizeof(struct target_rt_sigframe) == 4688, "rt_sigframe");

/* The frame record (fp, lr) Linux pushes above the frame for unwinders. */
struct target_frame_record {
    uint64_t fp;
    uint64_t lr;
};

/* AT_MINSIGSTKSZ as arm64 Linux computes it for a CPU without SVE: the
 * frame, the frame record, and 16 bytes of alignment slack. */
#define TARGET_SIGFRAME_MIN_STACK (sizeof(struct target_rt_sigframe) + 16 + 16)

/* The sigreturn trampoline: mov x8, #139 (rt_sigreturn); svc #0. */
#define TARGET_SIGTRAMP_INSN0 0xd2801168u
#define TARGET_SIGTRAMP_INSN1 0xd4000001u

#endif
