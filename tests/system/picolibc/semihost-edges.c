/*
 * Semihosting calls made directly (HLT #0xF000) with the edge cases a C
 * library never sends: special names, bad handles, wild and unterminated
 * pointers, wrong lengths, too-small buffers, seeks out of range, and
 * the errno each leaves.  Only results that do not depend on time, the
 * host's process or its terminals are printed, so that the output under
 * qemu-system-aarch64 7.2 (semihost-edges.expected) is what mimic must
 * print too.  Exits through SYS_EXIT_EXTENDED with status 5.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define WILD ((void *)0x1000000000ul)   /* no memory there on -M virt */

static long sh(long op, const void *param)
{
    register long x0 __asm__("x0") = op;
    register const void *x1 __asm__("x1") = param;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    return x0;
}

static long sh_errno(void)
{
    return sh(0x13, 0);
}

#define BLOCK(...) ((const long[]){ __VA_ARGS__ })

static long sh_open(const char *name, long mode)
{
    return sh(0x01, BLOCK((long)name, mode, (long)strlen(name)));
}

static long sh_write(long h, const void *buf, long len)
{
    return sh(0x05, BLOCK(h, (long)buf, len));
}

static long sh_read(long h, void *buf, long len)
{
    return sh(0x06, BLOCK(h, (long)buf, len));
}

#define SHOW(what, expr) do { \
        long r_ = (expr); \
        printf("%-34s %ld errno %ld\n", what, r_, sh_errno()); \
    } while (0)

int main(void)
{
    unsigned char buf[64];

    /* Handles: nonzero, lowest free first. */
    long tt_in = sh_open(":tt", 0), tt_out = sh_open(":tt", 4), tt_err = sh_open(":tt", 8);
    printf(":tt handles %ld %ld %ld\n", tt_in, tt_out, tt_err);
    printf("write :tt stdout not written %ld\n", sh_write(tt_out, "via :tt w\n", 10));
    printf("write :tt stderr not written %ld\n", sh_write(tt_err, "via :tt a\n", 10));
    sh(0x04, "via WRITE0\n");
    sh(0x03, "C");
    sh(0x03, "\n");

    /* The feature file. */
    SHOW("open features mode 4", sh_open(":semihosting-features", 4));
    long f = sh_open(":semihosting-features", 0);
    memset(buf, 0xee, sizeof(buf));
    long nr = sh_read(f, buf, 10);
    printf("features handle %ld not read %ld bytes %02x %02x %02x %02x %02x %02x\n",
           f, nr, buf[0], buf[1], buf[2], buf[3], buf[4], buf[5]);
    SHOW("features flen", sh(0x0c, BLOCK(f)));
    SHOW("features istty", sh(0x09, BLOCK(f)));
    SHOW("features seek 4", sh(0x0a, BLOCK(f, 4)));
    SHOW("features read 1 not read", sh_read(f, buf, 1));
    printf("features byte 4 %02x\n", buf[0]);
    SHOW("features seek 6", sh(0x0a, BLOCK(f, 6)));
    SHOW("features write not written", sh_write(f, "x", 1));
    SHOW("features close", sh(0x02, BLOCK(f)));
    SHOW("features close again", sh(0x02, BLOCK(f)));

    /* A file in the current folder. */
    long h = sh_open("edges.tmp", 6);
    printf("file handle %ld\n", h);
    SHOW("file write not written", sh_write(h, "0123456789", 10));
    SHOW("file flen", sh(0x0c, BLOCK(h)));
    SHOW("file seek 100", sh(0x0a, BLOCK(h, 100)));
    SHOW("file read past end not read", sh_read(h, buf, 5));
    SHOW("file seek -1", sh(0x0a, BLOCK(h, -1)));
    SHOW("file seek 3", sh(0x0a, BLOCK(h, 3)));
    memset(buf, 0, sizeof(buf));
    SHOW("file read 4 not read", sh_read(h, buf, 4));
    printf("file read %s\n", (char *)buf);
    SHOW("file read wild not read", sh_read(h, WILD, 5));
    SHOW("file write wild not written", sh_write(h, WILD, 5));
    SHOW("file istty", sh(0x09, BLOCK(h)));
    SHOW("file close", sh(0x02, BLOCK(h)));
    SHOW("open missing", sh_open("edges-missing.tmp", 0));
    SHOW("open mode 12", sh(0x01, BLOCK((long)"edges.tmp", 12, 9)));
    SHOW("open length short", sh(0x01, BLOCK((long)"edges.tmp", 0, 3)));
    SHOW("open length 0", sh(0x01, BLOCK((long)"edges.tmp", 0, 0)));
    SHOW("open wild name", sh(0x01, BLOCK((long)WILD, 0, 3)));
    SHOW("open wild block", sh(0x01, WILD));
    SHOW("rename missing", sh(0x0f, BLOCK((long)"nope.tmp", 8, (long)"nope2.tmp", 9)));
    SHOW("rename", sh(0x0f, BLOCK((long)"edges.tmp", 9, (long)"edges2.tmp", 10)));
    SHOW("remove old name", sh(0x0e, BLOCK((long)"edges.tmp", 9)));
    SHOW("remove", sh(0x0e, BLOCK((long)"edges2.tmp", 10)));

    /* Handles never opened. */
    SHOW("write bad handle not written", sh_write(99, "x", 1));
    SHOW("read bad handle not read", sh_read(-5, buf, 7));
    SHOW("istty bad handle", sh(0x09, BLOCK(77)));
    SHOW("flen bad handle", sh(0x0c, BLOCK(77)));
    SHOW("seek bad handle", sh(0x0a, BLOCK(77, 0)));
    SHOW("close bad handle", sh(0x02, BLOCK(77)));

    /* Command line: from -semihosting-config arg=... */
    char line[128];
    long cb[2] = { (long)line, sizeof(line) };
    long r = sh(0x15, cb);
    printf("cmdline %ld length %ld \"%s\"\n", r, cb[1], line);
    long small[2] = { (long)line, 3 };
    SHOW("cmdline buffer 3", sh(0x15, small));

    /* Odds and ends. */
    printf("iserror -1 %ld, 5 %ld\n", sh(0x08, BLOCK(-1)), sh(0x08, BLOCK(5)));
    printf("tickfreq %ld\n", sh(0x31, 0));
    long el[2] = { 0, 0 };
    printf("elapsed %ld, set %d\n", sh(0x30, el), el[0] != 0);
    char tmp[8];
    printf("tmpnam into 4 bytes %ld\n", sh(0x0d, BLOCK((long)tmp, 1, 4)));
    printf("writec ret %lx write0 ret %lx\n", sh(0x03, "\n"), sh(0x04, ""));
    fflush(stdout);
    sh(0x20, BLOCK(0x20026, 5));
    return 0;
}
