/*
 * The packets gdb sends while the guest is stopped, and their answers: the
 * set qemu-user answers (queries, registers, memory, breakpoints, resume,
 * threads, detach and kill).  Anything else gets the empty reply, which
 * gdb reads as "not supported".
 */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "tcg/debug.h"

static const char hexdigits[] = "0123456789abcdef";

static void reply(const char *s)
{
    gdb_packet_put_str(&gdb.conn, s);
}

static void reply_error(void)
{
    reply("E14");           /* EFAULT, as qemu answers */
}

static void append_hex(GString *out, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_string_append_c(out, hexdigits[p[i] >> 4]);
        g_string_append_c(out, hexdigits[p[i] & 15]);
    }
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9') {
        return ch - '0';
    }
    ch |= 0x20;
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Decodes 2*n hex digits into p; false if there are fewer or bad ones. */
static bool decode_hex(const char *s, uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(s[2 * i]), lo = hi < 0 ? -1 : hexval(s[2 * i + 1]);
        if (lo < 0) {
            return false;
        }
        p[i] = (hi << 4) | lo;
    }
    return true;
}

/* A hex number at *s (advanced past it); false if there is none. */
static bool parse_hex(const char **s, uint64_t *v)
{
    const char *p = *s;
    uint64_t x = 0;
    while (hexval(*p) >= 0) {
        x = (x << 4) | hexval(*p++);
    }
    if (p == *s) {
        return false;
    }
    *s = p;
    *v = x;
    return true;
}

/* "addr,len" and what follows it. */
static bool parse_addr_len(const char **s, uint64_t *addr, uint64_t *len)
{
    return parse_hex(s, addr) && *(*s)++ == ',' && parse_hex(s, len);
}

void gdb_format_thread_id(char *buf, size_t size, const GdbThread *th)
{
    if (gdb.multiprocess) {
        snprintf(buf, size, "p%x.%x", GDB_PID, th->tid);
    } else {
        snprintf(buf, size, "%x", th->tid);
    }
}

/* A thread id: "TID", "pPID.TID", "-1" (all: *tid = -1) or "0" (any:
 * *tid = 0).  Advances *s. */
static bool parse_thread_id(const char **s, int *tid)
{
    const char *p = *s;
    if (*p == 'p') {
        p++;
        if (p[0] == '-' && p[1] == '1') {
            p += 2;
        } else {
            uint64_t pid;
            if (!parse_hex(&p, &pid)) {
                return false;
            }
        }
        if (*p != '.') {
            *s = p;
            *tid = -1;          /* a whole process */
            return true;
        }
        p++;
    }
    if (p[0] == '-' && p[1] == '1') {
        *s = p + 2;
        *tid = -1;
        return true;
    }
    uint64_t v;
    if (!parse_hex(&p, &v)) {
        return false;
    }
    *s = p;
    *tid = (int)v;
    return true;
}

static GdbThread *thread_for(int tid)
{
    return tid <= 0 ? gdb.stopped : gdb_thread_by_tid(tid);
}

/* ---- registers and memory ---- */

static CPUState *reg_cpu(void)
{
    return (gdb.g_thread ? gdb.g_thread : gdb.stopped)->cpu;
}

static void cmd_read_all_registers(void)
{
    const GdbTarget *t = gdb.target;
    GString *out = g_string_new(NULL);
    for (int n = 0; n < t->g_regs; n++) {
        uint8_t buf[64];
        gdb_reg_get(t, reg_cpu(), n, buf);
        append_hex(out, buf, gdb_reg_size(t, n));
    }
    reply(out->str);
    g_string_free(out, true);
}

static void cmd_write_all_registers(const char *p)
{
    const GdbTarget *t = gdb.target;
    for (int n = 0; n < t->g_regs && *p; n++) {
        uint8_t buf[64];
        int size = gdb_reg_size(t, n);
        if (!decode_hex(p, buf, size)) {
            reply_error();
            return;
        }
        gdb_reg_set(t, reg_cpu(), n, buf);
        p += 2 * size;
    }
    reply("OK");
}

static void cmd_read_register(const char *p)
{
    uint64_t n;
    int size;
    if (!parse_hex(&p, &n) || (size = gdb_reg_size(gdb.target, (int)n)) < 0) {
        reply_error();
        return;
    }
    uint8_t buf[64];
    gdb_reg_get(gdb.target, reg_cpu(), (int)n, buf);
    GString *out = g_string_new(NULL);
    append_hex(out, buf, size);
    reply(out->str);
    g_string_free(out, true);
}

static void cmd_write_register(const char *p)
{
    uint64_t n;
    int size;
    uint8_t buf[64];
    if (!parse_hex(&p, &n) || *p++ != '=' ||
        (size = gdb_reg_size(gdb.target, (int)n)) < 0 || !decode_hex(p, buf, size)) {
        reply_error();
        return;
    }
    gdb_reg_set(gdb.target, reg_cpu(), (int)n, buf);
    reply("OK");
}

static void cmd_read_memory(const char *p)
{
    uint64_t addr, len;
    if (!parse_addr_len(&p, &addr, &len)) {
        reply_error();
        return;
    }
    if (len > GDB_PACKET_SIZE / 2) {
        len = GDB_PACKET_SIZE / 2;      /* gdb asks again for the rest */
    }
    uint8_t *buf = g_malloc(len ? len : 1);
    if (!gdb.ops->read_memory(reg_cpu(), addr, buf, len)) {
        reply_error();
    } else {
        GString *out = g_string_new(NULL);
        append_hex(out, buf, len);
        reply(out->str);
        g_string_free(out, true);
    }
    g_free(buf);
}

/* M (hex data) and X (binary data, already unescaped by packet.c). */
static void cmd_write_memory(const char *p, const char *end, bool binary)
{
    uint64_t addr, len;
    if (!parse_addr_len(&p, &addr, &len) || *p++ != ':' ||
        (uint64_t)(end - p) < (binary ? len : 2 * len)) {
        reply_error();
        return;
    }
    uint8_t *buf = g_malloc(len ? len : 1);
    bool ok = binary ? (memcpy(buf, p, len), true) : decode_hex(p, buf, len);
    ok = ok && (len == 0 || gdb.ops->write_memory(reg_cpu(), addr, buf, len));
    g_free(buf);
    ok ? reply("OK") : reply_error();
}

/* ---- breakpoints ---- */

/* Z and z: software (0) and hardware (1) breakpoints are the same thing
 * to a translator: it stops before the instruction at the virtual pc.
 * Watchpoints (2-4) are the mode's (GdbHostOps.watchpoint); without one,
 * the empty reply, "not supported". */
static void cmd_breakpoint(const char *p, bool insert)
{
    uint64_t type, addr, kind;
    if (!parse_hex(&p, &type) || *p++ != ',' || !parse_addr_len(&p, &addr, &kind)) {
        reply_error();
        return;
    }
    if (type >= 2 && type <= 4 && gdb.ops->watchpoint) {
        gdb.ops->watchpoint((int)type, addr, kind, insert) ? reply("OK") : reply_error();
        return;
    }
    if (type > 1) {
        reply("");
        return;
    }
    if (insert) {
        cpu_breakpoint_insert(addr);
    } else {
        cpu_breakpoint_remove(addr);
    }
    reply("OK");
}

/* ---- resuming ---- */

static void set_all_steps(bool step)
{
    for (GdbThread *th = gdb.threads; th; th = th->next) {
        th->step = step && th == gdb.stopped;
        th->resume = true;
    }
}

/* c, s, C sig, S sig (an address after them is not supported: gdb never
 * sends one). */
static bool cmd_resume(char kind, const char *p, int *sig)
{
    *sig = 0;
    if (kind == 'C' || kind == 'S') {
        uint64_t g;
        if (!parse_hex(&p, &g)) {
            reply_error();
            return false;
        }
        *sig = gdb_signal_to_linux((int)g);
    }
    set_all_steps(kind == 's' || kind == 'S');
    return true;
}

/* vCont;ACTION[:TID];... : each thread takes the first action that names
 * it or names no thread.  A thread no action names stays stopped where
 * the mode can hold it (system mode, as qemu-system); user mode's run on
 * (all-stop gdb there always ends with a bare c). */
static bool cmd_vcont(const char *p, int *sig)
{
    *sig = 0;
    for (GdbThread *th = gdb.threads; th; th = th->next) {
        th->step = false;
        th->resume = false;
    }
    GHashTable *decided = g_hash_table_new(NULL, NULL);
    bool ok = true;
    while (ok && *p == ';') {
        p++;
        char kind = *p++;
        int s = 0;
        if (kind == 'C' || kind == 'S') {
            uint64_t g;
            ok = parse_hex(&p, &g);
            s = gdb_signal_to_linux((int)g);
        } else if (kind != 'c' && kind != 's') {
            ok = false;
        }
        int tid = -1;
        if (ok && *p == ':') {
            p++;
            ok = parse_thread_id(&p, &tid);
        }
        for (GdbThread *th = gdb.threads; ok && th; th = th->next) {
            if ((tid > 0 && th->tid != tid) || g_hash_table_contains(decided, th)) {
                continue;
            }
            g_hash_table_add(decided, th);
            th->step = kind == 's' || kind == 'S';
            th->resume = true;
            if (th == gdb.stopped) {
                *sig = s;
            }
        }
    }
    g_hash_table_destroy(decided);
    if (!ok || *p) {
        reply_error();
        return false;
    }
    return true;
}

/* ---- queries ---- */

/* qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH over the whole text of obj. */
static void reply_xfer(const void *obj, size_t size, const char *p)
{
    uint64_t off, len;
    if (!obj || !parse_addr_len(&p, &off, &len)) {
        reply_error();
        return;
    }
    if (len > GDB_PACKET_SIZE - 8) {
        len = GDB_PACKET_SIZE - 8;
    }
    if (off >= size) {
        reply("l");
        return;
    }
    size_t n = size - off < len ? size - off : len;
    char *out = g_malloc(n + 1);
    out[0] = off + n < size ? 'm' : 'l';
    memcpy(out + 1, (const char *)obj + off, n);
    gdb_packet_put(&gdb.conn, out, n + 1);
    g_free(out);
}

/* What info threads shows beside a thread: its CPU's number and state,
 * as qemu words them (qemu-user's threads are all "running"). */
static int thread_text(char *buf, size_t size, const GdbThread *th)
{
    bool halted = gdb.ops->cpu_halted && gdb.ops->cpu_halted(th->cpu);
    return snprintf(buf, size, "CPU#%d [%s]", th->index, halted ? "halted " : "running");
}

static char *threads_xml(void)
{
    GString *x = g_string_new("<?xml version=\"1.0\"?><threads>");
    for (GdbThread *th = gdb.threads; th; th = th->next) {
        char id[32];
        gdb_format_thread_id(id, sizeof(id), th);
        /* The text is what info threads shows beside it, as
         * qThreadExtraInfo would say. */
        char text[48];
        thread_text(text, sizeof(text), th);
        g_string_append_printf(x, "<thread id=\"%s\" core=\"0\">%s</thread>", id, text);
    }
    g_string_append(x, "</threads>");
    return g_string_free(x, false);
}

static void cmd_xfer(const char *p)
{
    const char *annex_start;
    if (g_str_has_prefix(p, "features:read:")) {
        annex_start = p + strlen("features:read:");
        const char *colon = strchr(annex_start, ':');
        if (!colon) {
            reply_error();
            return;
        }
        char *annex = g_strndup(annex_start, colon - annex_start);
        char *xml = gdb_xml_file(gdb.target, annex);
        reply_xfer(xml, xml ? strlen(xml) : 0, colon + 1);
        g_free(xml);
        g_free(annex);
    } else if (g_str_has_prefix(p, "threads:read::")) {
        char *xml = threads_xml();
        reply_xfer(xml, strlen(xml), p + strlen("threads:read::"));
        g_free(xml);
    } else if (g_str_has_prefix(p, "auxv:read::")) {
        size_t len = 0;
        const void *auxv = gdb.ops->auxv ? gdb.ops->auxv(&len) : NULL;
        reply_xfer(auxv, len, p + strlen("auxv:read::"));
    } else if (g_str_has_prefix(p, "exec-file:read:")) {
        /* The annex is a process id, or empty for the current one. */
        const char *colon = strchr(p + strlen("exec-file:read:"), ':');
        const char *file = gdb.ops->exec_file ? gdb.ops->exec_file() : NULL;
        if (!colon) {
            reply_error();
            return;
        }
        reply_xfer(file, file ? strlen(file) : 0, colon + 1);
    } else {
        reply("");
    }
}

static void cmd_supported(const char *p)
{
    gdb.multiprocess = strstr(p, "multiprocess+") != NULL;
    char buf[256];
    snprintf(buf, sizeof(buf),
             "PacketSize=%x;qXfer:features:read+;qXfer:threads:read+;%s%s"
             "vContSupported+;QStartNoAckMode+%s",
             GDB_PACKET_SIZE, gdb.ops->auxv ? "qXfer:auxv:read+;" : "",
             gdb.ops->exec_file ? "qXfer:exec-file:read+;" : "",
             gdb.multiprocess ? ";multiprocess+" : "");
    reply(buf);
}

static void cmd_thread_info(void)
{
    GString *out = g_string_new("m");
    for (GdbThread *th = gdb.threads; th; th = th->next) {
        char id[32];
        gdb_format_thread_id(id, sizeof(id), th);
        g_string_append_printf(out, "%s%s", out->len > 1 ? "," : "", id);
    }
    reply(out->str);
    g_string_free(out, true);
}

static void cmd_thread_extra_info(const char *p)
{
    int tid;
    GdbThread *th;
    if (!parse_thread_id(&p, &tid) || !(th = thread_for(tid))) {
        reply_error();
        return;
    }
    char text[48];
    int n = thread_text(text, sizeof(text), th);
    GString *out = g_string_new(NULL);
    append_hex(out, (const uint8_t *)text, n);
    reply(out->str);
    g_string_free(out, true);
}

static void cmd_query(const char *p)
{
    char id[32];
    if (g_str_has_prefix(p, "qSupported")) {
        cmd_supported(p);
    } else if (!strcmp(p, "qfThreadInfo")) {
        cmd_thread_info();
    } else if (!strcmp(p, "qsThreadInfo")) {
        reply("l");
    } else if (!strcmp(p, "qC")) {
        gdb_format_thread_id(id, sizeof(id), gdb.stopped);
        char buf[40];
        snprintf(buf, sizeof(buf), "QC%s", id);
        reply(buf);
    } else if (g_str_has_prefix(p, "qThreadExtraInfo,")) {
        cmd_thread_extra_info(p + strlen("qThreadExtraInfo,"));
    } else if (g_str_has_prefix(p, "qAttached")) {
        reply("1");
    } else if (!strcmp(p, "qOffsets")) {
        reply("Text=0000000000000000;Data=0000000000000000;Bss=0000000000000000");
    } else if (g_str_has_prefix(p, "qXfer:")) {
        cmd_xfer(p + strlen("qXfer:"));
    } else {
        reply("");
    }
}

/* ---- the dispatcher ---- */

/* The stop reply for the thread that stopped with Linux signal sig. */
void gdb_stop_reply(int sig)
{
    /* gdb's Stop Reply Packets: a watchpoint's stop names the watched
     * address, by kind (Z2, Z3, Z4). */
    static const char *const watch_key[] = { [2] = "watch", [3] = "rwatch", [4] = "awatch" };
    char id[32], watch[48] = "", buf[96];
    gdb_format_thread_id(id, sizeof(id), gdb.stopped);
    if (gdb.watch_type >= 2 && gdb.watch_type <= 4) {
        snprintf(watch, sizeof(watch), "%s:%" PRIx64 ";", watch_key[gdb.watch_type],
                 gdb.watch_addr);
    }
    snprintf(buf, sizeof(buf), "T%02xthread:%s;%s", gdb_signal_from_linux(sig), id, watch);
    reply(buf);
}

bool gdb_handle_packet(char *pkt, int len, int *sig)
{
    const char *p = pkt + 1;
    const char *end = pkt + len;
    int tid;
    switch (pkt[0]) {
    case '?':
        gdb_stop_reply(gdb.last_signal);
        return false;
    case 'g':
        cmd_read_all_registers();
        return false;
    case 'G':
        cmd_write_all_registers(p);
        return false;
    case 'p':
        cmd_read_register(p);
        return false;
    case 'P':
        cmd_write_register(p);
        return false;
    case 'm':
        cmd_read_memory(p);
        return false;
    case 'M':
        cmd_write_memory(p, end, false);
        return false;
    case 'X':
        cmd_write_memory(p, end, true);
        return false;
    case 'Z':
    case 'z':
        cmd_breakpoint(p, pkt[0] == 'Z');
        return false;
    case 'c':
    case 's':
    case 'C':
    case 'S':
        return cmd_resume(pkt[0], p, sig);
    case 'H':
        if ((*p == 'g' || *p == 'c') && (p++, parse_thread_id(&p, &tid)) &&
            (tid <= 0 || gdb_thread_by_tid(tid))) {
            if (pkt[1] == 'g') {
                gdb.g_thread = thread_for(tid);
            }
            reply("OK");
        } else {
            reply("E22");
        }
        return false;
    case 'T':
        reply(parse_thread_id(&p, &tid) && gdb_thread_by_tid(tid) ? "OK" : "E22");
        return false;
    case 'D':
        reply("OK");
        gdb_detach();
        *sig = 0;
        return true;
    case 'k':
        gdb_detach();
        gdb.ops->kill();    /* no reply: gdb sees the connection close */
    case 'q':
    case 'Q':
        if (!strcmp(pkt, "QStartNoAckMode")) {
            reply("OK");
            gdb.conn.no_ack = true;
        } else if (pkt[0] == 'q') {
            cmd_query(pkt);
        } else {
            reply("");
        }
        return false;
    case 'v':
        if (!strcmp(pkt, "vCont?")) {
            reply("vCont;c;C;s;S");
        } else if (g_str_has_prefix(pkt, "vCont;")) {
            return cmd_vcont(pkt + 5, sig);
        } else if (g_str_has_prefix(pkt, "vKill")) {
            reply("OK");
            gdb_detach();
            gdb.ops->kill();
        } else {
            reply("");
        }
        return false;
    default:
        reply("");
        return false;
    }
}
