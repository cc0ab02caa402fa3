/*
 * JSON as QMP reads it: a byte stream cut into top-level values, each
 * parsed into a json-glib tree, in qemu's dialect (strings in single
 * quotes too) and with qemu's error texts ("JSON parse error, stray
 * '@'", "... expecting value", "... duplicate key").
 *
 * A peer cannot make mimic use unbounded memory or stack: a value deeper
 * than JSON_STREAM_MAX_DEPTH or longer than JSON_STREAM_MAX_BYTES is
 * refused with one error and the rest of it skipped (up to where its
 * brackets close), as qemu's own limits (MAX_NESTING, MAX_TOKEN_SIZE).
 */
#ifndef SOFTMMU_JSON_STREAM_H
#define SOFTMMU_JSON_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#define JSON_STREAM_MAX_DEPTH 1024
#define JSON_STREAM_MAX_BYTES (64u << 20)

/* One value read, or (value NULL) one error: err is the message.  The
 * callee owns value. */
typedef void JsonStreamEmit(void *opaque, JsonNode *value, const char *err);

typedef struct JsonStream {
    JsonStreamEmit *emit;
    void *opaque;
    GString *text;          /* the value read so far */
    int depth;              /* brackets open */
    char quote;             /* in a string: its quote character */
    bool escape;            /* after a backslash in a string */
    bool word;              /* in a number or keyword */
    bool skipping;          /* past a limit: dropping up to the value's end */
} JsonStream;

void json_stream_init(JsonStream *js, JsonStreamEmit *emit, void *opaque);
/* Reads bytes; emits each value (or error) as it completes.  A number or
 * keyword at the top level completes at the byte after it. */
void json_stream_feed(JsonStream *js, const char *buf, size_t len);
/* Forgets a value half read (the peer went away). */
void json_stream_reset(JsonStream *js);
void json_stream_destroy(JsonStream *js);

/* Parses one whole value (its text and nothing else but spaces). */
JsonNode *json_parse_text(const char *text, size_t len, char **err);

#endif
