/*
 * The oracle side of the FP/SIMD test vectors: a static aarch64 program run
 * under qemu-aarch64 by a64-fp-gen.py.  For each input line
 *     <insn hex> <fpcr hex> <nzcv hex> <kind> <seed>
 * it builds the state of a64-fp-state.h (X0-X30, V0-V31), runs that one
 * instruction (patched into a stub in an executable buffer) and prints what
 * changed:
 *     <fpsr hex> <nzcv hex> [x<i>=<hex>]... [v<i>=<hi:lo hex>]...
 * or "UNDEF" if the instruction raised SIGILL.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "a64-fp-state.h"

typedef struct RunState {
    A64FPState s;       /* offset 0: x[32], then v[32][2] at 256 */
    uint64_t fpcr;      /* 768 */
    uint64_t nzcv;      /* 776 */
    uint64_t fpsr_out;  /* 784 */
    uint64_t nzcv_out;  /* 792 */
    uint64_t saved_sp;  /* 800 */
} RunState;

/* The stub: saves the callee-saved registers, points SP at the RunState
 * (no FP/SIMD instruction names SP, so every X and V register is free for
 * the instruction), loads X0-X30 and V0-V31, runs the instruction in the
 * slot, stores them all back with FPSR and NZCV, and returns. */
extern char stub_start[], stub_slot[], stub_end[];
__asm__(
    ".text\n"
    ".p2align 4\n"
    ".globl stub_start, stub_slot, stub_end\n"
    "stub_start:\n"
    "  stp x29, x30, [sp, #-176]!\n"
    "  stp x19, x20, [sp, #16]\n"
    "  stp x21, x22, [sp, #32]\n"
    "  stp x23, x24, [sp, #48]\n"
    "  stp x25, x26, [sp, #64]\n"
    "  stp x27, x28, [sp, #80]\n"
    "  stp d8, d9, [sp, #96]\n"
    "  stp d10, d11, [sp, #112]\n"
    "  stp d12, d13, [sp, #128]\n"
    "  stp d14, d15, [sp, #144]\n"
    "  mov x1, sp\n"
    "  str x1, [x0, #800]\n"
    "  mov sp, x0\n"
    "  ldr x1, [sp, #768]\n"
    "  msr fpcr, x1\n"
    "  msr fpsr, xzr\n"
    "  ldr x1, [sp, #776]\n"
    "  msr nzcv, x1\n"
    "  ldp q0, q1, [sp, #256]\n"
    "  ldp q2, q3, [sp, #288]\n"
    "  ldp q4, q5, [sp, #320]\n"
    "  ldp q6, q7, [sp, #352]\n"
    "  ldp q8, q9, [sp, #384]\n"
    "  ldp q10, q11, [sp, #416]\n"
    "  ldp q12, q13, [sp, #448]\n"
    "  ldp q14, q15, [sp, #480]\n"
    "  ldp q16, q17, [sp, #512]\n"
    "  ldp q18, q19, [sp, #544]\n"
    "  ldp q20, q21, [sp, #576]\n"
    "  ldp q22, q23, [sp, #608]\n"
    "  ldp q24, q25, [sp, #640]\n"
    "  ldp q26, q27, [sp, #672]\n"
    "  ldp q28, q29, [sp, #704]\n"
    "  ldp q30, q31, [sp, #736]\n"
    "  ldp x0, x1, [sp, #0]\n"
    "  ldp x2, x3, [sp, #16]\n"
    "  ldp x4, x5, [sp, #32]\n"
    "  ldp x6, x7, [sp, #48]\n"
    "  ldp x8, x9, [sp, #64]\n"
    "  ldp x10, x11, [sp, #80]\n"
    "  ldp x12, x13, [sp, #96]\n"
    "  ldp x14, x15, [sp, #112]\n"
    "  ldp x16, x17, [sp, #128]\n"
    "  ldp x18, x19, [sp, #144]\n"
    "  ldp x20, x21, [sp, #160]\n"
    "  ldp x22, x23, [sp, #176]\n"
    "  ldp x24, x25, [sp, #192]\n"
    "  ldp x26, x27, [sp, #208]\n"
    "  ldp x28, x29, [sp, #224]\n"
    "  ldr x30, [sp, #240]\n"
    "stub_slot:\n"
    "  nop\n"
    "  stp x0, x1, [sp, #0]\n"
    "  stp x2, x3, [sp, #16]\n"
    "  stp x4, x5, [sp, #32]\n"
    "  stp x6, x7, [sp, #48]\n"
    "  stp x8, x9, [sp, #64]\n"
    "  stp x10, x11, [sp, #80]\n"
    "  stp x12, x13, [sp, #96]\n"
    "  stp x14, x15, [sp, #112]\n"
    "  stp x16, x17, [sp, #128]\n"
    "  stp x18, x19, [sp, #144]\n"
    "  stp x20, x21, [sp, #160]\n"
    "  stp x22, x23, [sp, #176]\n"
    "  stp x24, x25, [sp, #192]\n"
    "  stp x26, x27, [sp, #208]\n"
    "  stp x28, x29, [sp, #224]\n"
    "  str x30, [sp, #240]\n"
    "  stp q0, q1, [sp, #256]\n"
    "  stp q2, q3, [sp, #288]\n"
    "  stp q4, q5, [sp, #320]\n"
    "  stp q6, q7, [sp, #352]\n"
    "  stp q8, q9, [sp, #384]\n"
    "  stp q10, q11, [sp, #416]\n"
    "  stp q12, q13, [sp, #448]\n"
    "  stp q14, q15, [sp, #480]\n"
    "  stp q16, q17, [sp, #512]\n"
    "  stp q18, q19, [sp, #544]\n"
    "  stp q20, q21, [sp, #576]\n"
    "  stp q22, q23, [sp, #608]\n"
    "  stp q24, q25, [sp, #640]\n"
    "  stp q26, q27, [sp, #672]\n"
    "  stp q28, q29, [sp, #704]\n"
    "  stp q30, q31, [sp, #736]\n"
    "  mrs x0, fpsr\n"
    "  str x0, [sp, #784]\n"
    "  mrs x0, nzcv\n"
    "  str x0, [sp, #792]\n"
    "  msr fpcr, xzr\n"
    "  ldr x0, [sp, #800]\n"
    "  mov sp, x0\n"
    "  ldp d14, d15, [sp, #144]\n"
    "  ldp d12, d13, [sp, #128]\n"
    "  ldp d10, d11, [sp, #112]\n"
    "  ldp d8, d9, [sp, #96]\n"
    "  ldp x27, x28, [sp, #80]\n"
    "  ldp x25, x26, [sp, #64]\n"
    "  ldp x23, x24, [sp, #48]\n"
    "  ldp x21, x22, [sp, #32]\n"
    "  ldp x19, x20, [sp, #16]\n"
    "  ldp x29, x30, [sp], #176\n"
    "  ret\n"
    "stub_end:\n");

static sigjmp_buf undef_jmp;

static void on_sigill(int sig)
{
    (void)sig;
    siglongjmp(undef_jmp, 1);
}

int main(void)
{
    size_t len = (uintptr_t)stub_end - (uintptr_t)stub_start;
    char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    memcpy(code, stub_start, len);
    uint32_t *slot = (uint32_t *)(code + ((uintptr_t)stub_slot - (uintptr_t)stub_start));
    /* SIGILL arrives while SP points at the RunState: handle it on a stack
     * of its own. */
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    sigaltstack(&ss, NULL);
    struct sigaction sa = { .sa_handler = on_sigill, .sa_flags = SA_NODEFER | SA_ONSTACK };
    sigaction(SIGILL, &sa, NULL);

    char line[256];
    while (fgets(line, sizeof(line), stdin)) {
        unsigned insn, fpcr, nzcv;
        char kind;
        unsigned long long seed;
        if (sscanf(line, "%x %x %x %c %llu", &insn, &fpcr, &nzcv, &kind, &seed) != 5) {
            continue;
        }
        static RunState rs;
        A64FPState init;
        a64fp_make_state(kind, seed, &init);
        rs.s = init;
        rs.fpcr = fpcr;
        rs.nzcv = (uint64_t)nzcv << 28;
        *slot = insn;
        __builtin___clear_cache(code, code + len);
        if (sigsetjmp(undef_jmp, 1)) {
            __asm__ volatile("msr fpcr, xzr");
            printf("UNDEF\n");
            continue;
        }
        ((void (*)(RunState *))code)(&rs);
        printf("%08llx %x", (unsigned long long)rs.fpsr_out,
               (unsigned)(rs.nzcv_out >> 28));
        for (int i = 0; i < 31; i++) {
            if (rs.s.x[i] != init.x[i]) {
                printf(" x%d=%016llx", i, (unsigned long long)rs.s.x[i]);
            }
        }
        for (int i = 0; i < 32; i++) {
            if (rs.s.v[i][0] != init.v[i][0] || rs.s.v[i][1] != init.v[i][1]) {
                printf(" v%d=%016llx%016llx", i, (unsigned long long)rs.s.v[i][1],
                       (unsigned long long)rs.s.v[i][0]);
            }
        }
        printf("\n");
    }
    return 0;
}
