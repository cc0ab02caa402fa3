/* Oracle: runs one A64 instruction per case under qemu-aarch64 and prints
 * the register state after it.  Input lines: insn set nzcv (hex).
 * Output lines: insn set nzcv undef x0..x7 sp nzcv_out (hex). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#define INSN_ADDR 0x4cafe124ul

extern char stub[], stub_insn[], stub_end[];
__asm__(
    ".text\n.global stub\n"
    "stub:\n"
    "  stp x19, x20, [sp, #-16]!\n"
    "  mov x19, x0\n"
    "  mov x20, sp\n"
    "  ldr x16, [x19, #72]\n"
    "  msr nzcv, x16\n"
    "  ldr x16, [x19, #64]\n"
    "  mov sp, x16\n"
    "  ldp x0, x1, [x19, #0]\n"
    "  ldp x2, x3, [x19, #16]\n"
    "  ldp x4, x5, [x19, #32]\n"
    "  ldp x6, x7, [x19, #48]\n"
    ".global stub_insn\nstub_insn:\n"
    "  nop\n  nop\n  nop\n  nop\n"
    "  stp x0, x1, [x19, #0]\n"
    "  stp x2, x3, [x19, #16]\n"
    "  stp x4, x5, [x19, #32]\n"
    "  stp x6, x7, [x19, #48]\n"
    "  mov x16, sp\n"
    "  str x16, [x19, #64]\n"
    "  mrs x16, nzcv\n"
    "  str x16, [x19, #72]\n"
    "  mov sp, x20\n"
    "  ldp x19, x20, [sp], #16\n"
    "  ret\n"
    ".global stub_end\nstub_end:\n");

#include "sets.h"

static volatile int undef;

static void on_sigill(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    uc->uc_mcontext.pc += 4;
    undef = 1;
}

int main(void)
{
    stack_t ss = { .ss_sp = malloc(65536), .ss_size = 65536 };
    sigaltstack(&ss, NULL);
    struct sigaction sa = { .sa_sigaction = on_sigill, .sa_flags = SA_SIGINFO | SA_ONSTACK };
    sigaction(SIGILL, &sa, NULL);

    size_t off = stub_insn - stub;
    char *page = mmap((void *)(INSN_ADDR & ~0xffful), 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    char *start = (char *)INSN_ADDR - off;
    memcpy(start, stub, stub_end - stub);
    void (*fn)(uint64_t *) = (void (*)(uint64_t *))start;

    unsigned insn, set, nzcv;
    char words[100];
    while (scanf("%99s %x %x", words, &set, &nzcv) == 3) {
        uint32_t code[4] = { 0xd503201f, 0xd503201f, 0xd503201f, 0xd503201f };
        int nw = sscanf(words, "%x,%x,%x,%x", &code[0], &code[1], &code[2], &code[3]);
        insn = code[0];
        uint64_t st[10];
        if (set == 15) {
            for (int i = 0; i < 9; i++) {
                unsigned long v;
                if (scanf("%lx", &v) != 1) return 1;
                st[i] = v;
            }
        } else {
            memcpy(st, in_sets[set], 9 * 8);
        }
        st[9] = (uint64_t)nzcv << 28;
        memcpy((char *)INSN_ADDR, code, 16);
        __builtin___clear_cache((char *)INSN_ADDR, (char *)INSN_ADDR + 16);
        undef = 0;
        fn(st);
        printf("%s %x %x %d", words, set, nzcv, undef);
        (void)nw;
        for (int i = 0; i < 9; i++) {
            printf(" %016lx", (unsigned long)st[i]);
        }
        printf(" %x\n", (unsigned)(st[9] >> 28));
    }
    return 0;
}
