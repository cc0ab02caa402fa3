/*
 * The -d log: which items are on, where they go (-D), and their names.
 */
#include <stdarg.h>
#include <string.h>

#include "log.h"
#include "tb.h"

unsigned mimic_log_mask;
FILE *mimic_log_file;

static const struct {
    const char *name;
    unsigned mask;
    const char *help;
} log_items[] = {
    { "in_asm", LOG_IN_ASM, "show guest code of each translated block" },
    { "out_asm", LOG_OUT_ASM, "show the host code generated for each block" },
    { "op", LOG_OP, "show micro-ops before optimization" },
    { "op_opt", LOG_OP_OPT, "show micro-ops after optimization" },
    { "exec", LOG_EXEC, "show each block entered from the loop" },
    { "cpu", LOG_CPU, "show CPU registers before each block" },
    { "unimp", LOG_UNIMP, "log unimplemented instructions and syscalls" },
    { "strace", LOG_STRACE, "log system calls (same as -strace)" },
    { "nochain", LOG_NOCHAIN, "do not chain blocks (with exec: see every block)" },
    { "page", LOG_PAGE, "log the guest memory map after loading" },
    { "cache", LOG_CACHE, "report the use of the translation cache folder (cache-dir)" },
    { "int", LOG_INT, "show interrupts and exceptions taken (system mode)" },
    { "guest_errors", LOG_GUEST_ERROR, "log what the guest does wrong to devices (system mode)" },
    { "mmu", LOG_MMU, "log soft-TLB fills and the MMU faults taken (system mode)" },
};

bool mimic_log_parse(const char *list, const char **bad)
{
    static char badbuf[64];
    unsigned mask = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        bool found = false;
        if (n == 3 && !strncmp(p, "all", 3)) {
            mask = ~0u & ~LOG_NOCHAIN;
            found = true;
        }
        for (size_t i = 0; !found && i < sizeof(log_items) / sizeof(log_items[0]); i++) {
            if (strlen(log_items[i].name) == n && !strncmp(p, log_items[i].name, n)) {
                mask |= log_items[i].mask;
                found = true;
            }
        }
        if (!found) {
            snprintf(badbuf, sizeof(badbuf), "%.*s", (int)(n < 60 ? n : 60), p);
            *bad = badbuf;
            return false;
        }
        p += n;
        if (*p == ',') {
            p++;
        }
    }
    mimic_log_mask |= mask;
    return true;
}

void mimic_log_help(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
        fprintf(f, "%-10s %s\n", log_items[i].name, log_items[i].help);
    }
}

void mimic_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(mimic_log_file ? mimic_log_file : stderr, fmt, ap);
    va_end(ap);
}
