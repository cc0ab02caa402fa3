/*
 * A bare-metal picolibc program for -M virt that reaches the host only
 * through semihosting: stdio to the console, a file created, written,
 * sought, measured, read back, renamed and removed in the current folder,
 * the command line as argv, the feature bits, the tick frequency, and
 * exit(3) as SYS_EXIT's status.  (picolibc has no rename(): its
 * semihosting call is used directly.)  Its
 * output under qemu-system-aarch64 7.2 is semihost-hello.expected
 * (README.md says how it runs).
 */
#include <semihost.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME "semihost-hello.tmp"
#define NEW_NAME "semihost-hello.tmp2"

static int check(const char *what, int ok)
{
    printf("%-28s %s\n", what, ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    int failed = 0;
    printf("hello from picolibc on semihosting\n");
    printf("argc %d\n", argc);
    /* picolibc puts the command line's words from argv[1] on; with
     * -semihosting alone the first is -kernel's path: its last part only,
     * so the output does not depend on where the program is. */
    for (int i = 1; i < argc; i++) {
        const char *slash = i == 1 ? strrchr(argv[i], '/') : NULL;
        printf("argv[%d] %s\n", i, slash ? slash + 1 : argv[i]);
    }

    FILE *f = fopen(NAME, "w");
    failed += check("fopen w", f != NULL);
    if (f) {
        failed += check("fprintf", fprintf(f, "line one\nline two %d\n", 42) == 21);
        failed += check("fclose", fclose(f) == 0);
    }

    f = fopen(NAME, "a");
    failed += check("fopen a", f != NULL);
    if (f) {
        fputs("line three\n", f);
        fclose(f);
    }

    char line[64] = "";
    f = fopen(NAME, "r");
    failed += check("fopen r", f != NULL);
    if (f) {
        failed += check("fseek end", fseek(f, 0, SEEK_END) == 0);
        long size = ftell(f);
        printf("size %ld\n", size);
        failed += check("fseek 9", fseek(f, 9, SEEK_SET) == 0);
        failed += check("fgets", fgets(line, sizeof(line), f) != NULL);
        printf("read back: %s", line);
        fclose(f);
    }

    failed += check("rename", sys_semihost_rename(NAME, NEW_NAME) == 0);
    failed += check("fopen old name fails", fopen(NAME, "r") == NULL);
    failed += check("remove", remove(NEW_NAME) == 0);
    failed += check("fopen removed fails", fopen(NEW_NAME, "r") == NULL);

    printf("feature EXIT_EXTENDED %d STDOUT_STDERR %d\n",
           sys_semihost_feature(SH_EXT_EXIT_EXTENDED),
           sys_semihost_feature(SH_EXT_STDOUT_STDERR));
    printf("tickfreq %ld\n", (long)sys_semihost_tickfreq());
    fprintf(stderr, "to stderr\n");
    printf("failed %d\n", failed);
    exit(3);
}
