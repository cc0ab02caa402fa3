/*
 * Calls and returns the way a return stack can get wrong: recursion deeper
 * than any stack of predictions, returns to another address than the
 * call's next instruction (longjmp, a rewritten x30, swapcontext, a signal
 * handler left by siglongjmp), code at a return address rewritten between
 * the call and the return, and threads calling at once.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

__attribute__((noinline)) static long fib(long n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* Deeper than the host stack's limit: the stack starts again on the way
 * down, and the returns after that miss and must still be right. */
__attribute__((noinline)) static long depth(long n, volatile long *sink)
{
    if (n == 0) {
        return 0;
    }
    *sink += n;
    return depth(n - 1, sink) + (n & 7);
}

static jmp_buf jb;
static volatile int jump_at_bottom = 1;

__attribute__((noinline)) static void dive(int n)
{
    if (n == 0) {
        if (jump_at_bottom) {
            longjmp(jb, 7);
        }
        return;
    }
    dive(n - 1);
    __asm__ volatile("" ::: "memory");   /* not a tail call */
}

/* Returns to where x30 says, which is not the call's next instruction:
 * back into the caller one instruction later, skipping a "mov x0, #1". */
__asm__(".text\n"
        ".type skip_one, %function\n"
        "skip_one:\n\t"
        "add x30, x30, #4\n\t"
        "mov x0, #2\n\t"
        "ret\n\t"
        ".size skip_one, .-skip_one\n");

static long call_skip_one(void)
{
    long r;
    __asm__ volatile("bl skip_one\n\t"
                     "mov x0, #1\n\t"
                     "mov %0, x0\n\t"
                     : "=r"(r) : : "x0", "x30", "memory");
    return r;
}

static ucontext_t main_ctx, co_ctx;
static int co_steps;

static void coroutine(void)
{
    for (int i = 0; i < 3; i++) {
        co_steps++;
        swapcontext(&co_ctx, &main_ctx);
    }
}

static sigjmp_buf sjb;

static void on_usr1(int sig)
{
    (void)sig;
    long f = fib(10);                   /* calls inside the handler */
    siglongjmp(sjb, (int)f);
}

__attribute__((noinline)) static void raise_deep(int n)
{
    if (n == 0) {
        raise(SIGUSR1);
        return;
    }
    raise_deep(n - 1);
    __asm__ volatile("" ::: "memory");
}

/* Code in a buffer: "stp x29, x30, [sp, #-16]!; blr x1; mov w0, #K;
 * ldp x29, x30, [sp], #16; ret".  The function x1 points to may rewrite
 * the mov: the return goes to code changed since the call. */
static uint32_t *code;

static uint32_t mov_w0(unsigned k)
{
    return 0x52800000u | (k << 5);
}

static void leave_alone(void)
{
}

static unsigned next_k;

static void rewrite_return_target(void)
{
    code[2] = mov_w0(next_k);
    __builtin___clear_cache((char *)&code[2], (char *)&code[3]);
}

static void *thread_fib(void *arg)
{
    long n = (long)(intptr_t)arg;
    long sum = 0;
    for (int i = 0; i < 20; i++) {
        sum += fib(n);
    }
    return (void *)(intptr_t)sum;
}

int main(void)
{
    printf("fib(25) = %ld\n", fib(25));

    volatile long sink = 0;
    printf("depth(5000) = %ld, sink %ld\n", depth(5000, &sink), (long)sink);
    sink = 0;
    printf("depth(5000) again = %ld\n", depth(5000, &sink));

    int v = setjmp(jb);
    if (v == 0) {
        dive(40);
    }
    printf("longjmp out of 40 calls: %d, then fib(20) = %ld\n", v, fib(20));

    long skipped = 0;
    for (int i = 0; i < 1000; i++) {
        skipped += call_skip_one();
    }
    printf("returns past the call's next instruction: %ld (2 each)\n", skipped);

    static char stack[65536];
    getcontext(&co_ctx);
    co_ctx.uc_stack.ss_sp = stack;
    co_ctx.uc_stack.ss_size = sizeof(stack);
    co_ctx.uc_link = &main_ctx;
    makecontext(&co_ctx, coroutine, 0);
    for (int i = 0; i < 4; i++) {
        swapcontext(&main_ctx, &co_ctx);
    }
    printf("coroutine steps %d, then fib(15) = %ld\n", co_steps, fib(15));

    signal(SIGUSR1, on_usr1);
    int got = sigsetjmp(sjb, 1);
    if (got == 0) {
        raise_deep(30);
    }
    printf("siglongjmp out of a handler 30 calls down: %d, then fib(12) = %ld\n", got,
           fib(12));

    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    code[0] = 0xa9bf7bfd;               /* stp x29, x30, [sp, #-16]! */
    code[1] = 0xd63f0020;               /* blr x1 */
    code[2] = mov_w0(1);
    code[3] = 0xa8c17bfd;               /* ldp x29, x30, [sp], #16 */
    code[4] = 0xd65f03c0;               /* ret */
    __builtin___clear_cache((char *)code, (char *)&code[5]);
    unsigned (*fn)(void *, void (*)(void)) = (unsigned (*)(void *, void (*)(void)))code;
    unsigned seen = 0, want = 0;
    for (unsigned round = 0; round < 40; round++) {
        unsigned k = 1 + round % 3;
        want = want * 3 + k;
        seen = seen * 3;
        if (round % 2) {
            next_k = k;
            seen += fn(NULL, rewrite_return_target);
        } else {
            /* Warm: the landing links to the block at code[2]. */
            code[2] = mov_w0(k);
            __builtin___clear_cache((char *)&code[2], (char *)&code[3]);
            unsigned r = 0;
            for (int i = 0; i < 3; i++) {
                r = fn(NULL, leave_alone);
            }
            seen += r;
        }
    }
    printf("return target rewritten between call and return: %s\n",
           seen == want ? "every return ran the new code" : "STALE CODE RAN");

    pthread_t t[3];
    for (long i = 0; i < 3; i++) {
        pthread_create(&t[i], NULL, thread_fib, (void *)(intptr_t)(18 + i));
    }
    for (int i = 0; i < 3; i++) {
        void *r;
        pthread_join(t[i], &r);
        printf("thread %d: %ld\n", i, (long)(intptr_t)r);
    }
    return 0;
}
