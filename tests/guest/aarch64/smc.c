/* Owns: self-modifying and generated code, the way JITs do it: write code to
 * an RWX page, __builtin___clear_cache, call, rewrite, call again; W^X with
 * mprotect flips; code that arrives through read(2)/pread(2) straight into a
 * code page; a loop that re-patches the same instruction thousands of times;
 * and a block that patches an instruction after itself in the same page,
 * with the architectural DC CVAU / IC IVAU / ISB sequence in between. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef int (*fn_t)(void);
typedef int (*fn1_t)(uint32_t newinsn, uint32_t *where);

#define RET 0xd65f03c0u
static uint32_t movz_w0(unsigned imm) { return 0x52800000u | (imm & 0xffff) << 5; }
static uint32_t add_w0(unsigned imm) { return 0x11000000u | (imm & 0xfff) << 10; }

static void flush(void *p, size_t n) { __builtin___clear_cache((char *)p, (char *)p + n); }

/* Templates assembled by gas into .rodata and copied into code pages.
 * patch_self(w0 = new instruction, x1 = address of the slot at 7:) */
#define HIDDEN __attribute__((visibility("hidden")))   /* no GOT indirection */
extern const uint32_t patch_self_start[] HIDDEN, patch_self_end[] HIDDEN;
asm(".pushsection .rodata\n"
    ".balign 4\n"
    "patch_self_start:\n"
    "    str w0, [x1]\n"
    "    dc cvau, x1\n"
    "    dsb ish\n"
    "    ic ivau, x1\n"
    "    dsb ish\n"
    "    isb\n"
    "    nop\n"
    "    movz w0, #111\n"       /* slot: overwritten by the first instruction */
    "    ret\n"
    "patch_self_end:\n"
    ".popsection\n");
#define SLOT 7

/* a counted loop whose body is a branch the test retargets */
extern const uint32_t loop_start[] HIDDEN, loop_end[] HIDDEN;
asm(".pushsection .rodata\n"
    ".balign 4\n"
    "loop_start:\n"
    "    mov w0, #0\n"
    "    mov w1, #10\n"
    "1:  b 2f\n"                /* retargeted to 3f by patching */
    "2:  add w0, w0, #1\n"
    "    b 4f\n"
    "3:  add w0, w0, #100\n"
    "4:  subs w1, w1, #1\n"
    "    b.ne 1b\n"
    "    ret\n"
    "loop_end:\n"
    ".popsection\n");

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    uint32_t *code = mmap(NULL, 65536, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        printf("mmap rwx failed\n");
        return 1;
    }
    fn_t f = (fn_t)code;

    /* 1. RWX: write, call, rewrite, call */
    code[0] = movz_w0(1);
    code[1] = RET;
    flush(code, 8);
    int a = f();
    code[0] = movz_w0(2);
    flush(code, 4);
    int b = f();
    printf("rwx: first=%d second=%d\n", a, b);

    /* 2. W^X: RW then RX, flip back and forth */
    uint32_t *wx = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    wx[0] = movz_w0(10);
    wx[1] = add_w0(5);
    wx[2] = RET;
    mprotect(wx, 4096, PROT_READ | PROT_EXEC);
    flush(wx, 12);
    a = ((fn_t)wx)();
    mprotect(wx, 4096, PROT_READ | PROT_WRITE);
    wx[1] = add_w0(7);
    mprotect(wx, 4096, PROT_READ | PROT_EXEC);
    flush(wx, 12);
    b = ((fn_t)wx)();
    printf("w^x: first=%d second=%d\n", a, b);

    /* 3. code arriving through read(2) from a pipe, and pread(2) from a file */
    int p[2];
    if (pipe(p) != 0)
        return 1;
    uint32_t piped[2] = {movz_w0(3), RET};
    if (write(p[1], piped, sizeof(piped)) != sizeof(piped))
        return 1;
    ssize_t n = read(p[0], code, sizeof(piped));
    flush(code, 8);
    printf("read from pipe: n=%zd result=%d\n", n, f());
    close(p[0]);
    close(p[1]);
    wx = (uint32_t *)((char *)code + 4096);     /* second page of the RWX area */
    wx[0] = movz_w0(4);
    wx[1] = RET;
    flush(wx, 8);
    int r4 = ((fn_t)wx)();
    char path[] = "/tmp/mimic-smc-XXXXXX";
    int fd = mkstemp(path);
    uint32_t filed[2] = {movz_w0(5), RET};
    n = write(fd, filed, sizeof(filed));
    unlink(path);
    n = pread(fd, wx, sizeof(filed), 0);
    close(fd);
    flush(wx, 8);
    printf("pread from file: before=%d n=%zd result=%d\n", r4, n, ((fn_t)wx)());

    /* 4. the same instruction patched many times */
    long sum = 0;
    for (unsigned i = 0; i < 3000; i++) {
        code[0] = movz_w0(i * 7);
        flush(code, 4);
        sum += f();
    }
    printf("patched 3000 times: sum=%ld (expect %ld)\n", sum, 7L * 2999 * 3000 / 2);
    /* a longer function whose middle instruction changes */
    for (int i = 0; i < 64; i++)
        code[i] = add_w0(1);
    code[0] = movz_w0(0);
    code[64] = RET;
    flush(code, 65 * 4);
    sum = 0;
    for (int i = 1; i < 64; i++) {
        code[i] = add_w0(100);
        flush(code + i, 4);
        sum += f();
        code[i] = add_w0(1);
        flush(code + i, 4);
    }
    printf("moving patch: sum=%ld last=%d\n", sum, f());

    /* 5. code that patches a later instruction of its own block */
    uint32_t *ps = code + 1024;
    memcpy(ps, patch_self_start, (patch_self_end - patch_self_start) * 4);
    flush(ps, (patch_self_end - patch_self_start) * 4);
    fn1_t g = (fn1_t)ps;
    a = g(movz_w0(222), ps + SLOT);
    b = g(movz_w0(333), ps + SLOT);
    int c = g(add_w0(1), ps + SLOT);  /* w0 still holds the encoding */
    printf("self-patch: %d %d %s\n", a, b, c == (int)add_w0(1) + 1 ? "add-ok" : "add-bad");

    /* 6. retargeting a branch inside a loop */
    uint32_t *lp = code + 2048;
    memcpy(lp, loop_start, (loop_end - loop_start) * 4);
    flush(lp, (loop_end - loop_start) * 4);
    a = ((fn_t)lp)();
    lp[2] = 0x14000000u | 3;     /* b +12: from slot 2 to slot 5 ("3:") */
    flush(lp + 2, 4);
    b = ((fn_t)lp)();
    lp[2] = 0x14000000u | 1;     /* back to b +4 */
    flush(lp + 2, 4);
    c = ((fn_t)lp)();
    printf("branch retarget: %d %d %d\n", a, b, c);

    munmap(code, 65536);
    return 0;
}
