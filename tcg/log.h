/*
 * The log (-d items, -D file): which items are on, and writing to it.
 * Shared by the core, the targets and linux-user; tcg/log.c owns the
 * items' table and the parsing of -d.
 */
#ifndef TCG_LOG_H
#define TCG_LOG_H

#include <stdbool.h>
#include <stdio.h>

enum {
    LOG_IN_ASM = 1 << 0, LOG_OP = 1 << 1, LOG_OP_OPT = 1 << 2,
    LOG_EXEC = 1 << 3, LOG_CPU = 1 << 4, LOG_UNIMP = 1 << 5,
    LOG_STRACE = 1 << 6, LOG_OUT_ASM = 1 << 7, LOG_NOCHAIN = 1 << 8,
    LOG_PAGE = 1 << 9, LOG_CACHE = 1 << 10, LOG_INT = 1 << 11, LOG_GUEST_ERROR = 1 << 12,
    LOG_MMU = 1 << 13,
};
extern unsigned mimic_log_mask;
extern FILE *mimic_log_file;
#define qemu_loglevel_mask(m) (mimic_log_mask & (m))
void mimic_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parses a -d list; returns false and names the bad item on error. */
bool mimic_log_parse(const char *list, const char **bad);
void mimic_log_help(FILE *f);

#endif
