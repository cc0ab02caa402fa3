/*
 * Loops as hot regions see them (-accel tcg,tier2=N): multi-block loop
 * bodies, flags live around a back edge, leaf functions called in a loop
 * (and one that returns elsewhere than its call's next instruction), a fault inside a loop seen by a
 * SIGSEGV handler that prints the registers of its ucontext and leaves by
 * siglongjmp, a signal that must reach a thread spinning in a loop,
 * code rewritten inside a running loop, and a loop running while another
 * thread fills the translation cache (run with -tb-size 1: evictions).
 * The guest test variants run it with regions off and forced on.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

/* If/else inside an inner loop inside an outer one. */
__attribute__((noinline)) static uint64_t collatz_steps(uint64_t n)
{
    uint64_t steps = 0;
    for (uint64_t i = 1; i <= n; i++) {
        uint64_t x = i;
        while (x != 1) {
            x = (x & 1) ? 3 * x + 1 : x >> 1;
            steps++;
        }
    }
    return steps;
}

/* NZCV set before the back edge and read after it (adds ... b.cc at the
 * top of the next iteration, adc). */
__attribute__((noinline)) static uint64_t flags_across(uint64_t n)
{
    uint64_t a = 0x8000000000000000ull, sum = 0, carry = 0;
    __asm__ volatile("mov x9, %[n]\n\t"
                     "cmn xzr, xzr\n"
                     "1:\n\t"
                     "b.cc 2f\n\t"
                     "add %[carry], %[carry], #1\n"
                     "2:\n\t"
                     "adc %[sum], %[sum], xzr\n\t"
                     "adds %[a], %[a], %[a], lsr #3\n\t"
                     "sub x9, x9, #1\n\t"
                     "cbnz x9, 1b\n\t"
                     : [a] "+r"(a), [sum] "+r"(sum), [carry] "+r"(carry)
                     : [n] "r"(n)
                     : "x9", "cc");
    return a ^ sum ^ (carry << 32);
}

/* Leaf functions called in a loop (BL): the calls, the functions and
 * their returns stay inside the region. */
__attribute__((noinline)) static uint64_t leaf_mix(uint64_t x)
{
    return (x ^ (x >> 7)) * 0x9e3779b97f4a7c15ull;
}

__attribute__((noinline)) static uint64_t calls_in_loop(uint64_t n)
{
    uint64_t h = 1;
    for (uint64_t i = 0; i < n; i++) {
        h = leaf_mix(h + i);
        if (h & 1) {
            h = leaf_mix(h ^ i);
        }
    }
    return h;
}

/* A function that returns past its call's next instruction (it adds 4
 * to x30): that return must not go to the call's landing. */
__attribute__((noinline)) static uint64_t return_elsewhere(uint64_t n)
{
    uint64_t x = 0;
    __asm__ volatile("mov x3, %[n]\n"
                     "1:\n\t"
                     "bl 3f\n\t"
                     "add %[x], %[x], #100\n\t"      /* skipped */
                     "add %[x], %[x], #2\n\t"
                     "subs x3, x3, #1\n\t"
                     "b.ne 1b\n\t"
                     "b 4f\n"
                     "3:\n\t"
                     "add %[x], %[x], #1\n\t"
                     "add x30, x30, #4\n\t"
                     "ret\n"
                     "4:\n\t"
                     : [x] "+r"(x)
                     : [n] "r"(n)
                     : "x3", "x30", "cc");
    return x;
}

/* ---- a fault inside a loop ---- */

static sigjmp_buf fault_jmp;
static uint8_t *fault_base;
extern char fault_loop[];

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    ucontext_t *uc = ctx;
    mcontext_t *mc = &uc->uc_mcontext;
    printf("SIGSEGV at base+%#lx, pc = fault_loop+%ld, nzcv %#llx\n",
           (unsigned long)((uint8_t *)si->si_addr - fault_base),
           (long)(mc->pc - (uintptr_t)fault_loop), (unsigned long long)(mc->pstate >> 28));
    for (int r = 0; r <= 8; r++) {
        printf("  x%d = %#llx\n", r, (unsigned long long)mc->regs[r]);
    }
    printf("  x10 = %#llx, x11 = base+%#llx\n", (unsigned long long)mc->regs[10],
           (unsigned long long)(mc->regs[11] - (uintptr_t)fault_base));
    siglongjmp(fault_jmp, 1);
}

/* Walks a page of words into the PROT_NONE page after it, with an if/else
 * in the body: the load that faults is inside the loop. */
static void fault_in_loop(void)
{
    fault_base = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(fault_base + 4096, 4096, PROT_NONE);
    for (int i = 0; i < 512; i++) {
        ((uint64_t *)fault_base)[i] = (uint64_t)i * 0x9e3779b97f4a7c15ull;
    }
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(fault_jmp, 1) == 0) {
        __asm__ volatile("mov x11, %0\n\t"
                         "mov x0, #0\n\t"
                         "mov x1, #1\n\t"
                         "mov x2, #2\n\t"
                         "mov x3, #60000\n\t"
                         "mov x4, #4\n\t"
                         "mov x5, #5\n\t"
                         "mov x6, #6\n\t"
                         "mov x7, #7\n\t"
                         "mov x8, #8\n"
                         ".globl fault_loop\n"
                         "fault_loop:\n\t"
                         "ldr x10, [x11], #8\n\t"
                         "add x0, x0, x10\n\t"
                         "eor x1, x1, x0, ror #7\n\t"
                         "add x2, x2, #3\n\t"
                         "tbz x10, #3, 1f\n\t"
                         "add x4, x4, x2\n\t"
                         "b 2f\n"
                         "1:\n\t"
                         "sub x5, x5, x1\n"
                         "2:\n\t"
                         "madd x6, x6, x2, x7\n\t"
                         "subs x3, x3, #1\n\t"
                         "b.ne fault_loop\n\t"
                         :
                         : "r"(fault_base)
                         : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x10",
                           "x11", "cc", "memory");
        printf("the loop ended without a fault\n");
    }
    signal(SIGSEGV, SIG_DFL);
}

/* ---- a signal to a thread spinning in a loop ---- */

static sigjmp_buf spin_jmp;

static void on_usr1(int sig)
{
    (void)sig;
    siglongjmp(spin_jmp, 1);
}

static void *spinner(void *arg)
{
    (void)arg;
    if (sigsetjmp(spin_jmp, 1) == 0) {
        __asm__ volatile("mov x0, #1\n"
                         "1:\n\t"
                         "tbz x0, #0, 2f\n\t"
                         "add x0, x0, x0, lsl #1\n\t"
                         "b 3f\n"
                         "2:\n\t"
                         "lsr x0, x0, #1\n"
                         "3:\n\t"
                         "orr x0, x0, #1\n\t"
                         "b 1b\n"
                         ::: "x0", "cc");
    }
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void signal_a_spinner(void)
{
    signal(SIGUSR1, on_usr1);
    pthread_t t;
    pthread_create(&t, NULL, spinner, NULL);
    usleep(100000);
    double start = now();
    pthread_kill(t, SIGUSR1);
    pthread_join(t, NULL);
    printf("a signal reached a thread spinning in a loop %s\n",
           now() - start < 1.0 ? "within 1 s" : "LATE");
}

/* ---- code rewritten inside a running loop ---- */

/* In a buffer: 1000 times "add x0, x0, #1"; at the 500th it stores the
 * word in w3 over that add (making it "add x0, x0, #2"), cleans and
 * invalidates it and issues ISB, as the architecture asks. */
static void rewrite_in_loop(void)
{
    static const uint32_t loop[] = {
        0xd2800000,     /* mov x0, #0 */
        0xd2807d01,     /* mov x1, #1000 */
        0x8b1f03e4,     /* add x4, xzr, xzr (unused, keeps offsets) */
        0x91000400,     /* 3: add x0, x0, #1 */
        0xd1000421,     /* sub x1, x1, #1 */
        0xf107d03f,     /* cmp x1, #500 */
        0x54000101,     /* b.ne +8 (to the cbnz) */
        0xb9000043,     /* str w3, [x2] */
        0xd50b7b22,     /* dc cvau, x2 */
        0xd5033b9f,     /* dsb ish */
        0xd50b7522,     /* ic ivau, x2 */
        0xd5033b9f,     /* dsb ish */
        0xd5033fdf,     /* isb */
        0xd503201f,     /* nop */
        0xb5fffea1,     /* cbnz x1, 3b (-11) */
        0xd65f03c0,     /* ret */
    };
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int round = 0; round < 3; round++) {
        memcpy(code, loop, sizeof(loop));
        __builtin___clear_cache((char *)code, (char *)code + sizeof(loop));
        uint64_t (*fn)(uint64_t, uint64_t, uint32_t *, uint32_t) =
            (uint64_t (*)(uint64_t, uint64_t, uint32_t *, uint32_t))code;
        uint64_t r = fn(0, 0, &code[3], 0x91000800 /* add x0, x0, #2 */);
        printf("rewritten inside the loop, round %d: x0 = %llu\n", round,
               (unsigned long long)r);
    }
}

/* ---- a loop running while the cache fills ---- */

static volatile int stop_counting;

static void *counter(void *arg)
{
    uint64_t n = 0, x = 1;
    while (!stop_counting) {
        x = (x & 1) ? x * 3 + 1 : x / 2;
        n += x & 1;
    }
    *(uint64_t *)arg = n;
    return NULL;
}

static void fill_cache_while_looping(void)
{
    uint64_t counted = 0;
    pthread_t t;
    pthread_create(&t, NULL, counter, &counted);
    /* 16384 functions "mov x0, #k; ret", each a block of its own. */
    uint32_t *code = mmap(NULL, 16384 * 8, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int k = 0; k < 16384; k++) {
        code[2 * k] = 0xd2800000 | ((uint32_t)(k & 0xffff) << 5);
        code[2 * k + 1] = 0xd65f03c0;
    }
    __builtin___clear_cache((char *)code, (char *)(code + 2 * 16384));
    uint64_t sum = 0;
    for (int pass = 0; pass < 4; pass++) {
        for (int k = 0; k < 16384; k++) {
            sum += ((uint64_t (*)(void))(code + 2 * k))();
        }
    }
    stop_counting = 1;
    pthread_join(t, NULL);
    printf("16384 functions 4 times: %llu; the looping thread %s\n",
           (unsigned long long)sum, counted ? "counted on" : "NEVER RAN");
}

int main(void)
{
    printf("collatz steps to 3000: %llu\n", (unsigned long long)collatz_steps(3000));
    printf("flags across the back edge: %#llx\n", (unsigned long long)flags_across(100000));
    printf("calls in a loop: %#llx\n", (unsigned long long)calls_in_loop(200000));
    printf("a return past its landing: %llu\n", (unsigned long long)return_elsewhere(50000));
    fault_in_loop();
    signal_a_spinner();
    rewrite_in_loop();
    fill_cache_while_looping();
    return 0;
}
