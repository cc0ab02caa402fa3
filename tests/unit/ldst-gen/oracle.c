/* Runs each snippet under qemu from a fixed state and prints what changed. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <asm/sigcontext.h>
#include "state.h"
#include "snippets.h"

static sigjmp_buf jb;
static int phase;            /* 0 launch, 1 capture */
static const struct snip *cur;
static uint64_t cx[32], cpc, cnzcv, cfault;
static uint64_t cv[32][2];
static int csig;

static struct fpsimd_context *find_fp(ucontext_t *uc)
{
    struct _aarch64_ctx *h = (struct _aarch64_ctx *)uc->uc_mcontext.__reserved;
    while (h->magic) {
        if (h->magic == FPSIMD_MAGIC) return (struct fpsimd_context *)h;
        h = (struct _aarch64_ctx *)((char *)h + h->size);
    }
    abort();
}

static void handler(int sig, siginfo_t *si, void *p)
{
    ucontext_t *uc = p;
    struct fpsimd_context *fp = find_fp(uc);
    if (phase == 0) {
        phase = 1;
        for (int i = 0; i < 31; i++) uc->uc_mcontext.regs[i] = init_xreg(i);
        uc->uc_mcontext.sp = init_xreg(31);
        uc->uc_mcontext.pc = CODE_ADDR;
        uc->uc_mcontext.pstate &= ~0xf0000000ull;
        for (int i = 0; i < 32; i++) {
            uint64_t lo, hi;
            init_vreg(i, &lo, &hi);
            memcpy((char *)&fp->vregs[i], &lo, 8);
            memcpy((char *)&fp->vregs[i] + 8, &hi, 8);
        }
        return;
    }
    for (int i = 0; i < 31; i++) cx[i] = uc->uc_mcontext.regs[i];
    cx[31] = uc->uc_mcontext.sp;
    cpc = uc->uc_mcontext.pc;
    cnzcv = uc->uc_mcontext.pstate >> 28 & 15;
    for (int i = 0; i < 32; i++) memcpy(cv[i], &fp->vregs[i], 16);
    csig = sig;
    cfault = (uint64_t)si->si_addr;
    siglongjmp(jb, 1);
}

int main(int argc, char **argv)
{
    int want_max = argc > 1 && !strcmp(argv[1], "max");
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    uint8_t *code = mmap((void *)CODE_ADDR, 0x10000, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    uint8_t *data = mmap((void *)DATA_ADDR, DATA_SIZE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (code != (void *)CODE_ADDR || data != (void *)DATA_ADDR) { perror("mmap"); return 1; }
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    static uint8_t init[DATA_SIZE];
    for (unsigned i = 0; i < DATA_SIZE; i++) init[i] = init_byte(i);
    for (unsigned k = 0; k < sizeof(snips) / sizeof(snips[0]); k++) {
        cur = &snips[k];
        if (cur->max != want_max) continue;
        memcpy(code, cur->w, cur->n * 4);
        __builtin___clear_cache((char *)code, (char *)code + cur->n * 4);
        memcpy(data, init, DATA_SIZE);
        phase = 0;
        if (!sigsetjmp(jb, 1)) {
            asm volatile("clrex\n\tbrk #1" ::: "memory");
        }
        printf("S %s %d %llx %llx\n", cur->name, csig == SIGTRAP ? 0 : csig,
               (unsigned long long)(cpc - CODE_ADDR),
               csig == SIGTRAP ? 0ull : (unsigned long long)cfault);
        for (int i = 0; i < 32; i++)
            if (cx[i] != init_xreg(i)) printf("X %d %llx\n", i, (unsigned long long)cx[i]);
        if (cnzcv) printf("F %llx\n", (unsigned long long)cnzcv);
        for (int i = 0; i < 32; i++) {
            uint64_t lo, hi;
            init_vreg(i, &lo, &hi);
            if (cv[i][0] != lo || cv[i][1] != hi)
                printf("V %d %llx %llx\n", i, (unsigned long long)cv[i][0], (unsigned long long)cv[i][1]);
        }
        for (unsigned i = 0; i < DATA_SIZE; i++)
            if (data[i] != init[i]) printf("M %x %x\n", i, data[i]);
    }
    return 0;
}
