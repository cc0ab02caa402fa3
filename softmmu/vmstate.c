/*
 * Saving and loading state through its table (vmstate.h): the stream's
 * header and its fields, big-endian, nested tables inline.
 */
#include <string.h>

#include "vmstate.h"

static void put_be(GByteArray *out, uint64_t v, size_t size)
{
    uint8_t b[8];
    for (size_t i = 0; i < size; i++) {
        b[i] = v >> (8 * (size - 1 - i));
    }
    g_byte_array_append(out, b, size);
}

static uint64_t get_be(const uint8_t *p, size_t size)
{
    uint64_t v = 0;
    for (size_t i = 0; i < size; i++) {
        v = v << 8 | p[i];
    }
    return v;
}

/* An element of 1, 2, 4 or 8 bytes at p, as an integer of its size. */
static uint64_t read_elem(const uint8_t *p, size_t size)
{
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    switch (size) {
    case 1: memcpy(&u8, p, 1); return u8;
    case 2: memcpy(&u16, p, 2); return u16;
    case 4: memcpy(&u32, p, 4); return u32;
    default: memcpy(&u64, p, 8); return u64;
    }
}

static void write_elem(uint8_t *p, uint64_t v, size_t size)
{
    uint8_t u8 = v;
    uint16_t u16 = v;
    uint32_t u32 = v;
    switch (size) {
    case 1: memcpy(p, &u8, 1); break;
    case 2: memcpy(p, &u16, 2); break;
    case 4: memcpy(p, &u32, 4); break;
    default: memcpy(p, &v, 8); break;
    }
}

/* The fields a stream of this version has (a table's own version, or a
 * nested table's within it). */
static void save_fields(const VMStateDescription *vmsd, const uint8_t *base, int version,
                        GByteArray *out)
{
    for (const VMStateField *f = vmsd->fields; f->name; f++) {
        if (f->version > version) {
            continue;
        }
        for (size_t i = 0; i < f->count; i++) {
            const uint8_t *p = base + f->offset + i * f->size;
            if (f->vmsd) {
                save_fields(f->vmsd, p, version, out);
            } else {
                put_be(out, read_elem(p, f->size), f->size);
            }
        }
    }
}

bool vmstate_save(const VMStateDescription *vmsd, void *opaque, GByteArray *out)
{
    if (vmsd->pre_save && !vmsd->pre_save(opaque)) {
        return false;
    }
    size_t n = strlen(vmsd->name);
    g_assert(n < 256);
    put_be(out, n, 1);
    g_byte_array_append(out, (const uint8_t *)vmsd->name, n);
    put_be(out, vmsd->version, 4);
    save_fields(vmsd, opaque, vmsd->version, out);
    return true;
}

typedef struct Reader {
    const uint8_t *buf;
    size_t len, pos;
    char **err;
} Reader;

static bool load_fields(const VMStateDescription *vmsd, uint8_t *base, int version,
                        Reader *r)
{
    for (const VMStateField *f = vmsd->fields; f->name; f++) {
        if (f->version > version) {
            continue;   /* not in a stream this old: keeps its value */
        }
        for (size_t i = 0; i < f->count; i++) {
            uint8_t *p = base + f->offset + i * f->size;
            if (f->vmsd) {
                if (!load_fields(f->vmsd, p, version, r)) {
                    return false;
                }
                continue;
            }
            if (r->len - r->pos < f->size) {
                *r->err = g_strdup_printf("%s: the state ends in field %s", vmsd->name,
                                          f->name);
                return false;
            }
            write_elem(p, get_be(r->buf + r->pos, f->size), f->size);
            r->pos += f->size;
        }
    }
    return true;
}

bool vmstate_load(const VMStateDescription *vmsd, void *opaque, const uint8_t *buf,
                  size_t len, size_t *used, char **err)
{
    Reader r = { buf, len, 0, err };
    size_t n = len ? buf[0] : 0;
    if (len < 1 + n + 4 || n != strlen(vmsd->name) || memcmp(buf + 1, vmsd->name, n)) {
        *err = g_strdup_printf("%s: the state does not start with its name", vmsd->name);
        return false;
    }
    int version = (int)get_be(buf + 1 + n, 4);
    if (version < vmsd->minimum_version || version > vmsd->version) {
        *err = g_strdup_printf("%s: version %d, this build loads %d to %d", vmsd->name,
                               version, vmsd->minimum_version, vmsd->version);
        return false;
    }
    r.pos = 1 + n + 4;
    if (!load_fields(vmsd, opaque, version, &r)) {
        return false;
    }
    if (vmsd->post_load && !vmsd->post_load(opaque, version)) {
        *err = g_strdup_printf("%s: the loaded state is not valid", vmsd->name);
        return false;
    }
    *used = r.pos;
    return true;
}
