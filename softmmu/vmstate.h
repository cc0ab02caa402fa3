/*
 * Machine state as tables: each CPU and device describes the fields of
 * its state once (name, where, size, since which version), and snapshots
 * and migration save and load them through that table alone, so a new
 * field is either in the table or knowingly left out (DESIGN.md).
 *
 * The stream, per description: the name (a length byte and the bytes),
 * the version (32 bits), then every field in table order, each element
 * big-endian at its size (1, 2, 4 or 8 bytes) or, for a nested table,
 * that table's fields (no header of its own).  Loading checks the name
 * and that the version lies between the table's minimum and current
 * ones; a field newer than the stream keeps the value it had.
 */
#ifndef SOFTMMU_VMSTATE_H
#define SOFTMMU_VMSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

typedef struct VMStateDescription VMStateDescription;

typedef struct VMStateField {
    const char *name;
    size_t offset;
    size_t size;                    /* of one element: 1, 2, 4 or 8 ... */
    size_t count;                   /* elements, one after another */
    const VMStateDescription *vmsd; /* ... or each element this table */
    int version;    /* the first version that has it (of the outermost table) */
} VMStateField;

struct VMStateDescription {
    const char *name;
    int version, minimum_version;
    const VMStateField *fields;     /* ended by a field with no name */
    /* Optional: bring the state to its saved form (say, computing lazy
     * flags), and back after loading; false fails the operation. */
    bool (*pre_save)(void *opaque);
    bool (*post_load)(void *opaque, int version);
};

/* Fields, their size taken from the field itself: a scalar of 1 to 8
 * bytes, an array of such, or an array of structs with their own table. */
#define VMSTATE_FIELD(f, S, v) \
    { #f, offsetof(S, f), sizeof(((S *)0)->f), 1, NULL, (v) }
#define VMSTATE_ARRAY(f, S, v) \
    { #f, offsetof(S, f), sizeof(((S *)0)->f[0]), \
      sizeof(((S *)0)->f) / sizeof(((S *)0)->f[0]), NULL, (v) }
#define VMSTATE_STRUCT_ARRAY(f, S, table, v) \
    { #f, offsetof(S, f), sizeof(((S *)0)->f[0]), \
      sizeof(((S *)0)->f) / sizeof(((S *)0)->f[0]), &(table), (v) }
#define VMSTATE_END { NULL, 0, 0, 0, NULL, 0 }

/* Appends opaque's state to out; false if pre_save refused. */
bool vmstate_save(const VMStateDescription *vmsd, void *opaque, GByteArray *out);
/* Loads opaque's state from buf (len bytes, *used of them on success);
 * false with a message in *err (g_free it) on a name, version or length
 * that does not fit, leaving what it had loaded so far. */
bool vmstate_load(const VMStateDescription *vmsd, void *opaque, const uint8_t *buf,
                  size_t len, size_t *used, char **err);

#endif
