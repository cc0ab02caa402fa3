/*
 * Unit tests of QMP's JSON reader (softmmu/json-stream.c): values cut
 * from a stream however the bytes arrive, qemu's dialect (single quotes),
 * its error texts, and the limits that keep a hostile peer from using
 * unbounded memory or stack: deep nesting and long values give one error
 * each, and the stream goes on after them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "softmmu/json-stream.h"

/* What a stream emitted: each value as compact JSON text, each error as
 * "ERR message". */
typedef struct Seen {
    GPtrArray *items;
} Seen;

static char *to_text(JsonNode *node)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_root(gen, node);
    return json_generator_to_data(gen, NULL);
}

static void record(void *opaque, JsonNode *value, const char *err)
{
    Seen *s = opaque;
    if (value) {
        g_ptr_array_add(s->items, to_text(value));
        json_node_unref(value);
    } else {
        g_ptr_array_add(s->items, g_strconcat("ERR ", err, NULL));
    }
}

/* Feeds text in pieces of chunk bytes (0: all at once). */
static GPtrArray *feed(const char *text, size_t len, size_t chunk)
{
    Seen s = { g_ptr_array_new_with_free_func(g_free) };
    JsonStream js;
    json_stream_init(&js, record, &s);
    if (!chunk) {
        chunk = len ? len : 1;
    }
    for (size_t i = 0; i < len; i += chunk) {
        json_stream_feed(&js, text + i, MIN(chunk, len - i));
    }
    json_stream_destroy(&js);
    return s.items;
}

static void expect(const char *text, const char *const *want)
{
    size_t n = 0;
    while (want[n]) {
        n++;
    }
    /* The same values whether the bytes come at once, one by one, or
     * in odd pieces. */
    const size_t chunks[] = { 0, 1, 3, 7 };
    for (size_t c = 0; c < G_N_ELEMENTS(chunks); c++) {
        g_autoptr(GPtrArray) got = feed(text, strlen(text), chunks[c]);
        for (size_t i = 0; i < MIN(n, got->len); i++) {
            if (strcmp(got->pdata[i], want[i])) {
                fail_msg("%s (chunk %zu) item %zu: got %s, want %s", text, chunks[c], i,
                         (char *)got->pdata[i], want[i]);
            }
        }
        if (got->len != n) {
            fail_msg("%s (chunk %zu): %u items, want %zu", text, chunks[c], got->len, n);
        }
    }
}

#define EXPECT(text, ...) expect(text, (const char *const[]){ __VA_ARGS__, NULL })

static void test_values(void **state)
{
    EXPECT("{\"execute\": \"query-status\"}", "{\"execute\":\"query-status\"}");
    EXPECT("{'execute': 'a\"b', \"x\": [1, -2.5, true, false, null]}",
           "{\"execute\":\"a\\\"b\",\"x\":[1,-2.5,true,false,null]}");
    EXPECT("  {\"a\":1}\n{\"b\":2}[3]  ", "{\"a\":1}", "{\"b\":2}", "[3]");
    EXPECT("\"top\" 12 true ", "\"top\"", "12", "true");
    EXPECT("{\"a\": \"}]\\\"{[\"}", "{\"a\":\"}]\\\"{[\"}");
    EXPECT("{\"u\": \"\\u00e9\\ud83d\\ude00\\n\\/\"}", "{\"u\":\"\xc3\xa9\xf0\x9f\x98\x80\\n/\"}");
    /* Beyond int64 a number is a double, as qemu's. */
    EXPECT("[9223372036854775807, 9223372036854775808]",
           "[9223372036854775807,9.2233720368547758e+18]");
}

static void test_errors(void **state)
{
    EXPECT("@{\"a\":1}", "ERR JSON parse error, stray '@'", "{\"a\":1}");
    EXPECT("]", "ERR JSON parse error, expecting value");
    EXPECT("{\"a\":1,}", "ERR JSON parse error, expecting value");
    EXPECT("{\"a\" 1}", "ERR JSON parse error, missing : in object pair");
    EXPECT("{1: 2}", "ERR JSON parse error, key is not a string in object");
    EXPECT("{\"a\":1 \"b\":2}", "ERR JSON parse error, expected separator in dict");
    EXPECT("[1 2]", "ERR JSON parse error, expected separator in list");
    EXPECT("{\"a\":1, \"a\":2}", "ERR JSON parse error, duplicate key");
    EXPECT("{\"a\": tru}", "ERR JSON parse error, invalid keyword 'tru'");
    EXPECT("{\"a\": 01}", "ERR JSON parse error, invalid number '01'");
    EXPECT("{\"a\": \"\\x\"}", "ERR JSON parse error, invalid escape sequence in string");
    EXPECT("{\"a\": \"\\ud800\"}", "ERR JSON parse error, invalid escape sequence in string");
    EXPECT("{\"a\": \"\xff\"}", "ERR JSON parse error, invalid UTF-8 sequence in string");
    EXPECT("{\"a\": \"\x01\"}", "ERR JSON parse error, control character in string");
    /* After an error the next value reads as usual. */
    EXPECT("{\"a\": @} [1]", "ERR JSON parse error, stray '@'", "[1]");
}

/* 100,000 levels: one error, no recursion that deep, and the stream
 * goes on. */
static void test_deep_nesting(void **state)
{
    size_t depth = 100000;
    GString *t = g_string_new(NULL);
    for (size_t i = 0; i < depth; i++) {
        g_string_append_c(t, '[');
    }
    for (size_t i = 0; i < depth; i++) {
        g_string_append_c(t, ']');
    }
    g_string_append(t, "{\"after\": 1}");
    g_autoptr(GPtrArray) got = feed(t->str, t->len, 4096);
    assert_int_equal(got->len, 2);
    assert_string_equal(got->pdata[0], "ERR JSON parse error, too many nested data structures");
    assert_string_equal(got->pdata[1], "{\"after\":1}");
    g_string_free(t, TRUE);

    /* Exactly at the limit is fine. */
    t = g_string_new(NULL);
    for (int i = 0; i < JSON_STREAM_MAX_DEPTH; i++) {
        g_string_append_c(t, '[');
    }
    for (int i = 0; i < JSON_STREAM_MAX_DEPTH; i++) {
        g_string_append_c(t, ']');
    }
    g_autoptr(GPtrArray) ok = feed(t->str, t->len, 0);
    assert_int_equal(ok->len, 1);
    assert_true(((char *)ok->pdata[0])[0] == '[');
    g_string_free(t, TRUE);
}

/* A string longer than the limit: one error, its rest skipped (brackets
 * inside it included), then the next value. */
static void test_long_value(void **state)
{
    size_t len = JSON_STREAM_MAX_BYTES + 1000;
    char *t = g_malloc(len + 64);
    size_t n = 0;
    n += sprintf(t, "{\"a\": \"");
    memset(t + n, '[', len);
    n += len;
    n += sprintf(t + n, "\"} [2]");
    g_autoptr(GPtrArray) got = feed(t, n, 1 << 16);
    assert_int_equal(got->len, 2);
    assert_string_equal(got->pdata[0], "ERR JSON parse error, value too long");
    assert_string_equal(got->pdata[1], "[2]");
    g_free(t);
}

/* Random bytes and mutations of a request: never a crash, and a valid
 * request after a closing bracket still reads. */
static void test_random_input(void **state)
{
    GRand *r = g_rand_new_with_seed(12345);
    const char *base = "{\"execute\": \"human-monitor-command\", \"arguments\": "
                       "{\"command-line\": \"info status\", \"cpu-index\": 0}, \"id\": [1, 'x']}";
    for (int round = 0; round < 2000; round++) {
        char buf[256];
        size_t n = strlen(base);
        memcpy(buf, base, n);
        for (int k = g_rand_int_range(r, 1, 8); k > 0; k--) {
            buf[g_rand_int_range(r, 0, n)] = (char)g_rand_int_range(r, 0, 256);
        }
        Seen s = { g_ptr_array_new_with_free_func(g_free) };
        JsonStream js;
        json_stream_init(&js, record, &s);
        json_stream_feed(&js, buf, n);
        json_stream_reset(&js);
        json_stream_feed(&js, "[7]", 3);
        assert_true(s.items->len >= 1);
        assert_string_equal(g_ptr_array_index(s.items, s.items->len - 1), "[7]");
        json_stream_destroy(&js);
        g_ptr_array_free(s.items, TRUE);
    }
    g_rand_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_long_value),
        cmocka_unit_test(test_random_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
