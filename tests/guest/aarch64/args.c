/* Owns: the process start-up state a guest receives: argv (incl. empty and
 * space-containing arguments), environment variables (one set with the
 * emulator's -E option, one inherited, one removed with -U), the auxiliary
 * vector through getauxval, and the exit status (42; the runner checks it). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=\"%s\" (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc]==NULL: %d\n", argv[argc] == NULL);
    printf("argv[0] basename starts with \"args\": %d\n", strncmp(base(argv[0]), "args", 4) == 0);
    printf("envp==environ: %d, envp follows argv: %d\n", envp == environ,
           envp == argv + argc + 1);

    const char *e1 = getenv("MIMIC_TEST_E"), *e2 = getenv("MIMIC_TEST_ENV");
    printf("MIMIC_TEST_E=%s\nMIMIC_TEST_ENV=%s\nMIMIC_UNSET=%s\n", e1 ? e1 : "(null)",
           e2 ? e2 : "(null)", getenv("MIMIC_UNSET") ? "set" : "(null)");
    int found = 0;
    for (char **e = envp; *e; e++)
        found += strncmp(*e, "MIMIC_TEST_", 11) == 0;
    printf("MIMIC_TEST_* entries in envp: %d\n", found);
    setenv("MIMIC_NEW", "value", 1);
    printf("setenv/getenv: %s\n", getenv("MIMIC_NEW"));

    unsigned long pagesz = getauxval(AT_PAGESZ);
    printf("AT_PAGESZ=%lu sysconf=%ld\n", pagesz, sysconf(_SC_PAGESIZE));
    printf("AT_HWCAP nonzero: %d (fp=%d asimd=%d)\n", getauxval(AT_HWCAP) != 0,
           !!(getauxval(AT_HWCAP) & 1), !!(getauxval(AT_HWCAP) & 2));
    const char *plat = (const char *)getauxval(AT_PLATFORM);
    printf("AT_PLATFORM=%s\n", plat ? plat : "(null)");
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    int nonzero = 0;
    if (rnd)
        for (int i = 0; i < 16; i++)
            nonzero += rnd[i] != 0;
    printf("AT_RANDOM non-null: %d, has nonzero bytes: %d\n", rnd != NULL, nonzero > 0);
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN basename == argv[0] basename: %d\n",
           execfn && strcmp(base(execfn), base(argv[0])) == 0);
    printf("AT_SECURE=%lu AT_CLKTCK=%lu sysconf(_SC_CLK_TCK)=%ld\n", getauxval(AT_SECURE),
           getauxval(AT_CLKTCK), sysconf(_SC_CLK_TCK));
    printf("AT_UID/GID/EUID/EGID match: %d %d %d %d\n", getauxval(AT_UID) == getuid(),
           getauxval(AT_GID) == getgid(), getauxval(AT_EUID) == geteuid(),
           getauxval(AT_EGID) == getegid());
    printf("AT_PHDR nonzero: %d AT_PHENT=%lu AT_PHNUM>0: %d AT_ENTRY nonzero: %d\n",
           getauxval(AT_PHDR) != 0, getauxval(AT_PHENT), getauxval(AT_PHNUM) > 0,
           getauxval(AT_ENTRY) != 0);
    printf("argv 8-aligned: %d\n", ((uintptr_t)argv & 7) == 0);
    fflush(stdout);
    exit(42);
}
