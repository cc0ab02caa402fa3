/*
 * The -accel tcg,... properties both modes share (accel.c).
 */
#ifndef TCG_ACCEL_H
#define TCG_ACCEL_H

#include <stdbool.h>
#include <stddef.h>

#include "tb.h"

typedef enum AccelProp {
    ACCEL_PROP_OK,          /* a shared property, applied */
    ACCEL_PROP_UNKNOWN,     /* not one of them: the mode's own, or an error */
    ACCEL_PROP_BAD,         /* one of them with a bad value: err says why */
} AccelProp;

/* -accel tcg,tb-size=N (qemu's property): the translation cache in MiB,
 * 1 to 4096; 0 (not given): the mode's default. */
extern unsigned long tcg_accel_tb_size_mb;

/* The backend when -accel names none: the JIT where the host has one. */
const TCGBackend *tcg_accel_default_backend(void);

/* One property of -accel tcg,PROP,... (backend= sets *backend, the
 * others the translator's globals). */
AccelProp tcg_accel_property(const char *tok, const TCGBackend **backend, char *err,
                             size_t errlen);

#endif
