/*
 * qemu's option strings, read one way for every option that takes them
 * (-drive, -device, -nic, -netdev, -chardev): a comma list of key=value
 * pairs where ",," stands for a comma, and qemu's words for on and off.
 */
#ifndef SOFTMMU_QEMU_OPTS_H
#define SOFTMMU_QEMU_OPTS_H
#include <stdbool.h>
#include <glib.h>

/* Splits spec into key, value, key, value, ... (g_free'd with the array).
 * An item without '=' gets the key "" (a bare word: a model or back-end
 * name); with first_bare the first item is one even if it has a '='. */
GPtrArray *qemu_opts_split(const char *spec, bool first_bare);
/* on/yes/true/y or off/no/false/n (qapi_bool_parse's words); false for
 * anything else. */
bool qemu_opt_bool(const char *value, bool *out);

#endif
