/*
 * The -accel tcg,... properties both modes share (backend, host-isa,
 * return-stack, tier2): parsed once here, so that mimic-aarch64 and
 * mimic-system-aarch64 spell and check them alike.  Each mode adds its
 * own (user mode's persistent cache) around this.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel.h"
#include "tb.h"

const TCGBackend *tcg_accel_default_backend(void)
{
#ifdef __x86_64__
    return &tcg_backend_jit;
#else
    return &tcg_backend_interp;
#endif
}

unsigned long tcg_accel_tb_size_mb;

/* A property of two values: if tok is "name=...", sets *flag to whether
 * the value is `yes` (the other allowed one is `no`). */
static AccelProp choice(const char *tok, const char *name, const char *no,
                        const char *yes, bool *flag, char *err, size_t errlen)
{
    size_t n = strlen(name);
    if (strncmp(tok, name, n) || tok[n] != '=') {
        return ACCEL_PROP_UNKNOWN;
    }
    const char *v = tok + n + 1;
    if (strcmp(v, no) && strcmp(v, yes)) {
        snprintf(err, errlen, "-accel: %s is %s or %s, not '%s'", name, no, yes, v);
        return ACCEL_PROP_BAD;
    }
    *flag = !strcmp(v, yes);
    return ACCEL_PROP_OK;
}

AccelProp tcg_accel_property(const char *tok, const TCGBackend **backend, char *err,
                             size_t errlen)
{
    if (!strncmp(tok, "backend=", 8)) {
        const char *b = tok + 8;
        if (!strcmp(b, "interp")) {
            *backend = &tcg_backend_interp;
            return ACCEL_PROP_OK;
        }
        if (!strcmp(b, "jit")) {
#ifdef __x86_64__
            *backend = &tcg_backend_jit;
            return ACCEL_PROP_OK;
#else
            snprintf(err, errlen, "-accel tcg,backend=jit: only on x86-64 hosts");
            return ACCEL_PROP_BAD;
#endif
        }
        snprintf(err, errlen, "-accel: unknown backend '%s' (interp, jit)", b);
        return ACCEL_PROP_BAD;
    }
    if (!strncmp(tok, "tb-size=", 8)) {
        char *end;
        errno = 0;
        unsigned long n = strtoul(tok + 8, &end, 10);
        if (!tok[8] || *end || errno || n == 0 || n > 4096 || tok[8] == '-') {
            snprintf(err, errlen, "-accel: tb-size takes a size in MiB from 1 to 4096, not '%s'",
                     tok + 8);
            return ACCEL_PROP_BAD;
        }
        tcg_accel_tb_size_mb = n;
        return ACCEL_PROP_OK;
    }
    if (!strncmp(tok, "tier2=", 6)) {
        char *end;
        errno = 0;
        unsigned long n = strtoul(tok + 6, &end, 10);
        if (!tok[6] || *end || errno || n > UINT32_MAX || tok[6] == '-') {
            snprintf(err, errlen, "-accel: tier2 takes a count (0 = no hot regions), not '%s'",
                     tok + 6);
            return ACCEL_PROP_BAD;
        }
        tb_tier2_threshold = (uint32_t)n;
        return ACCEL_PROP_OK;
    }
    AccelProp r = choice(tok, "host-isa", "auto", "baseline", &jit_host_isa_baseline, err,
                         errlen);
    if (r == ACCEL_PROP_UNKNOWN) {
        r = choice(tok, "return-stack", "off", "on", &jit_return_stack, err, errlen);
    }
    return r;
}
