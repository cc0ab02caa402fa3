/*
 * QMP sessions (qmp.h): the greeting and capabilities negotiation, the
 * request envelope ("execute", "arguments", "id"), argument checking
 * against the generated types, dispatch through the generated table,
 * and the event queue.
 *
 * A session reads whole JSON values (json-stream.c) into a queue and
 * runs them while the chardev's unsent output stays under a bound: a
 * client that pipelines thousands of requests without reading replies
 * stops being read.  The chardev keeps all of a session's output (it is
 * lossless), so a reply larger than CHARDEV_OUTPUT_MAX arrives whole;
 * what waits is bounded by QMP_OUTPUT_HIGH and the largest request.
 */
#include <inttypes.h>
#include <string.h>

#include "softmmu/device-lock.h"
#include "softmmu/json-stream.h"
#include "softmmu/main-loop.h"
#include "softmmu/qmp.h"
#include "qmp-gen.h"

/* Run no more requests while more than this much output waits. */
#define QMP_OUTPUT_HIGH (256 * 1024)
/* Requests read ahead of the one running, at most. */
#define QMP_QUEUE_MAX 64
/* How often a session whose client reads slowly looks again, in ms. */
#define QMP_RETRY_MS 5

G_DEFINE_QUARK(qmp-error-quark, qmp_error)

struct QmpSession {
    Chardev *chr;
    CharFrontend *fe;
    bool pretty;
    bool connected;
    bool negotiated;        /* qmp_capabilities done: commands and events */
    JsonStream in;
    GQueue requests;        /* Request */
    GSource *retry;         /* while output holds the queue back */
};

typedef struct Request {
    JsonNode *value;        /* NULL: a parse error, message in err */
    char *err;
} Request;

static struct {
    const MonitorMachineOps *ops;
    void *opaque;
    char *name;
    GPtrArray *sessions;
    GMutex event_lock;
    GQueue events;          /* JsonNode, ready to send */
    bool flush_scheduled;
} qmp;

static const char *const class_names[] = {
    [QMP_ERROR_GENERIC] = "GenericError",
    [QMP_ERROR_COMMAND_NOT_FOUND] = "CommandNotFound",
    [QMP_ERROR_DEVICE_NOT_ACTIVE] = "DeviceNotActive",
    [QMP_ERROR_DEVICE_NOT_FOUND] = "DeviceNotFound",
    [QMP_ERROR_KVM_MISSING_CAP] = "KVMMissingCap",
};

void qmp_set_machine(const MonitorMachineOps *ops, void *opaque, const char *name)
{
    qmp.ops = ops;
    qmp.opaque = opaque;
    g_free(qmp.name);
    qmp.name = g_strdup(name);
}

const MonitorMachineOps *qmp_machine_ops(void **opaque)
{
    *opaque = qmp.opaque;
    return qmp.ops;
}

const char *qmp_machine_name(void)
{
    return qmp.name;
}

/* ---- output ---- */

static void send_node(QmpSession *qs, JsonNode *node)
{
    g_autoptr(JsonGenerator) gen = json_generator_new();
    json_generator_set_pretty(gen, qs->pretty);
    json_generator_set_root(gen, node);
    gsize len;
    g_autofree char *text = json_generator_to_data(gen, &len);
    chardev_write(qs->chr, (const uint8_t *)text, len);
    chardev_write(qs->chr, (const uint8_t *)"\r\n", 2);
}

static JsonNode *object_node(JsonObject *obj)
{
    JsonNode *node = json_node_init_object(json_node_alloc(), obj);
    json_object_unref(obj);
    return node;
}

/* {"return": value} or {"error": value}, with the request's id. */
static void send_reply(QmpSession *qs, const char *kind, JsonNode *value, JsonNode *id)
{
    JsonObject *reply = json_object_new();
    json_object_set_member(reply, kind, value);
    if (id) {
        json_object_set_member(reply, "id", json_node_copy(id));
    }
    g_autoptr(JsonNode) node = object_node(reply);
    send_node(qs, node);
}

static void send_error(QmpSession *qs, QmpErrorClass cls, const char *desc, JsonNode *id)
{
    JsonObject *error = json_object_new();
    json_object_set_string_member(error, "class", class_names[cls]);
    json_object_set_string_member(error, "desc", desc);
    send_reply(qs, "error", object_node(error), id);
}

JsonNode *qmp_empty_return(void)
{
    return object_node(json_object_new());
}

/* ---- events ---- */

static gboolean flush_events_cb(gpointer unused)
{
    device_lock();
    qmp_flush_events();
    device_unlock();
    return G_SOURCE_REMOVE;
}

void qmp_event_send(const char *name, JsonObject *data)
{
    gint64 now = g_get_real_time();
    JsonObject *ts = json_object_new();
    json_object_set_int_member(ts, "seconds", now / G_USEC_PER_SEC);
    json_object_set_int_member(ts, "microseconds", now % G_USEC_PER_SEC);
    JsonObject *ev = json_object_new();
    json_object_set_object_member(ev, "timestamp", ts);
    json_object_set_string_member(ev, "event", name);
    if (data) {
        json_object_set_object_member(ev, "data", data);
    }
    g_mutex_lock(&qmp.event_lock);
    g_queue_push_tail(&qmp.events, object_node(ev));
    bool schedule = !qmp.flush_scheduled;
    qmp.flush_scheduled = true;
    g_mutex_unlock(&qmp.event_lock);
    if (schedule) {
        g_main_context_invoke_full(main_loop_context(), G_PRIORITY_DEFAULT, flush_events_cb,
                                   NULL, NULL);
    }
}

void qmp_flush_events(void)
{
    for (;;) {
        g_mutex_lock(&qmp.event_lock);
        JsonNode *ev = g_queue_pop_head(&qmp.events);
        if (!ev) {
            qmp.flush_scheduled = false;
        }
        g_mutex_unlock(&qmp.event_lock);
        if (!ev) {
            return;
        }
        for (guint i = 0; qmp.sessions && i < qmp.sessions->len; i++) {
            QmpSession *qs = qmp.sessions->pdata[i];
            if (qs->connected && qs->negotiated) {
                send_node(qs, ev);
            }
        }
        json_node_unref(ev);
    }
}

/* ---- arguments ---- */

static const char *json_type_name(QmpKind kind)
{
    switch (kind) {
    case QMP_STR: case QMP_ENUM: return "string";
    case QMP_INT: case QMP_UINT: return "integer";
    case QMP_BOOL: return "boolean";
    case QMP_NUMBER: return "number";
    case QMP_NULL: return "null";
    case QMP_OBJECT: return "object";
    case QMP_ARRAY: return "array";
    case QMP_ANY: break;
    }
    return "value";
}

int qmp_enum_index(const char *const *values, const char *value)
{
    for (int i = 0; values[i]; i++) {
        if (!strcmp(values[i], value)) {
            return i;
        }
    }
    return -1;
}

static bool check_value(const QmpType *t, JsonNode *node, const char *path, GError **err);

static bool check_object(const QmpType *t, JsonObject *obj, const char *prefix, GError **err)
{
    for (const QmpMember *m = t->members; m->name; m++) {
        g_autofree char *path = g_strconcat(prefix, m->name, NULL);
        JsonNode *v = json_object_get_member(obj, m->name);
        if (!v) {
            if (!m->optional) {
                g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "Parameter '%s' is missing",
                            path);
                return false;
            }
            continue;
        }
        if (!check_value(m->type, v, path, err)) {
            return false;
        }
    }
    g_autoptr(GList) names = json_object_get_members(obj);
    for (GList *l = names; l; l = l->next) {
        const QmpMember *m = t->members;
        while (m->name && strcmp(m->name, l->data)) {
            m++;
        }
        if (!m->name) {
            g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "Parameter '%s%s' is unexpected",
                        prefix, (const char *)l->data);
            return false;
        }
    }
    return true;
}

static bool check_value(const QmpType *t, JsonNode *node, const char *path, GError **err)
{
    bool ok;
    GType vt = JSON_NODE_HOLDS_VALUE(node) ? json_node_get_value_type(node) : G_TYPE_INVALID;
    switch (t->kind) {
    case QMP_ANY:
        return true;
    case QMP_STR: case QMP_ENUM:
        ok = vt == G_TYPE_STRING;
        break;
    case QMP_INT:
        ok = vt == G_TYPE_INT64;
        break;
    case QMP_UINT:
        ok = vt == G_TYPE_INT64 && json_node_get_int(node) >= 0;
        break;
    case QMP_BOOL:
        ok = vt == G_TYPE_BOOLEAN;
        break;
    case QMP_NUMBER:
        ok = vt == G_TYPE_INT64 || vt == G_TYPE_DOUBLE;
        break;
    case QMP_NULL:
        ok = JSON_NODE_HOLDS_NULL(node);
        break;
    case QMP_OBJECT:
        ok = JSON_NODE_HOLDS_OBJECT(node);
        break;
    case QMP_ARRAY:
        ok = JSON_NODE_HOLDS_ARRAY(node);
        break;
    default:
        ok = false;
    }
    if (!ok) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC,
                    "Invalid parameter type for '%s', expected: %s", path,
                    json_type_name(t->kind));
        return false;
    }
    if (t->kind == QMP_ENUM && qmp_enum_index(t->values, json_node_get_string(node)) < 0) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "Parameter '%s' does not accept value '%s'",
                    path, json_node_get_string(node));
        return false;
    }
    if (t->kind == QMP_OBJECT) {
        g_autofree char *prefix = g_strconcat(path, ".", NULL);
        return check_object(t, json_node_get_object(node), prefix, err);
    }
    if (t->kind == QMP_ARRAY) {
        JsonArray *arr = json_node_get_array(node);
        for (guint i = 0; i < json_array_get_length(arr); i++) {
            g_autofree char *elem = g_strdup_printf("%s[%u]", path, i);
            if (!check_value(t->element, json_array_get_element(arr, i), elem, err)) {
                return false;
            }
        }
    }
    return true;
}

bool qmp_check_args(const QmpType *type, JsonObject *args, GError **err)
{
    return check_object(type, args, "", err);
}

static const QmpMember no_members[] = { { NULL } };
const QmpType qmp_type_str = { QMP_STR, "str" };
const QmpType qmp_type_int = { QMP_INT, "int" };
const QmpType qmp_type_uint64 = { QMP_UINT, "uint64" };
const QmpType qmp_type_size = { QMP_UINT, "size" };
const QmpType qmp_type_bool = { QMP_BOOL, "bool" };
const QmpType qmp_type_number = { QMP_NUMBER, "number" };
const QmpType qmp_type_any = { QMP_ANY, "any" };
const QmpType qmp_type_null = { QMP_NULL, "null" };
const QmpType qmp_type_empty = { QMP_OBJECT, "empty", .members = no_members };

/* ---- requests ---- */

static const QmpCommand *find_command(const char *name)
{
    for (size_t i = 0; i < qmp_command_count; i++) {
        if (!strcmp(qmp_commands[i].name, name)) {
            return &qmp_commands[i];
        }
    }
    return NULL;
}

/* The envelope, as qemu checks it: an object whose members are
 * "execute" (a string), "arguments" (an object) and "id" (anything). */
static bool check_envelope(JsonNode *value, const char **name, JsonObject **args, GError **err)
{
    if (!JSON_NODE_HOLDS_OBJECT(value)) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "QMP input must be a JSON object");
        return false;
    }
    JsonObject *req = json_node_get_object(value);
    g_autoptr(GList) names = json_object_get_members(req);
    for (GList *l = names; l; l = l->next) {
        const char *m = l->data;
        JsonNode *v = json_object_get_member(req, m);
        if (!strcmp(m, "execute")) {
            if (!JSON_NODE_HOLDS_VALUE(v) || json_node_get_value_type(v) != G_TYPE_STRING) {
                g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC,
                            "QMP input member 'execute' must be a string");
                return false;
            }
        } else if (!strcmp(m, "arguments")) {
            if (!JSON_NODE_HOLDS_OBJECT(v)) {
                g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC,
                            "QMP input member 'arguments' must be an object");
                return false;
            }
        } else if (strcmp(m, "id")) {
            g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "QMP input member '%s' is unexpected",
                        m);
            return false;
        }
    }
    if (!json_object_has_member(req, "execute")) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "QMP input lacks member 'execute'");
        return false;
    }
    *name = json_object_get_string_member(req, "execute");
    *args = json_object_has_member(req, "arguments")
        ? json_object_get_object_member(req, "arguments") : NULL;
    return true;
}

static void run_request(QmpSession *qs, JsonNode *value)
{
    JsonNode *id = JSON_NODE_HOLDS_OBJECT(value)
        ? json_object_get_member(json_node_get_object(value), "id") : NULL;
    const char *name;
    JsonObject *args;
    g_autoptr(GError) err = NULL;
    if (!check_envelope(value, &name, &args, &err)) {
        send_error(qs, err->code, err->message, id);
        return;
    }
    const QmpCommand *cmd = find_command(name);
    bool capabilities = cmd && !strcmp(name, "qmp_capabilities");
    if (!qs->negotiated && !capabilities) {
        send_error(qs, QMP_ERROR_COMMAND_NOT_FOUND,
                   "Expecting capabilities negotiation with 'qmp_capabilities'", id);
        return;
    }
    if (!cmd) {
        g_autofree char *msg = g_strdup_printf("The command %s has not been found", name);
        send_error(qs, QMP_ERROR_COMMAND_NOT_FOUND, msg, id);
        return;
    }
    g_autoptr(JsonObject) empty = json_object_new();
    JsonNode *ret = cmd->marshal(qs, args ? args : empty, &err);
    /* The command's events go before its reply, as qemu's. */
    qmp_flush_events();
    if (!ret) {
        send_error(qs, err && err->domain == QMP_ERROR ? err->code : QMP_ERROR_GENERIC,
                   err ? err->message : "internal error", id);
        return;
    }
    send_reply(qs, "return", ret, id);
}

/* Its arguments are checked before whether it comes too late, as qemu's. */
bool qmp_qmp_capabilities(QmpSession *qs, bool has_enable, JsonArray *enable, GError **err)
{
    if (qs->negotiated) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_COMMAND_NOT_FOUND,
                    "Capabilities negotiation is already complete, command ignored");
        return false;
    }
    for (guint i = 0; has_enable && i < json_array_get_length(enable); i++) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "Capability %s not available",
                    json_array_get_string_element(enable, i));
        return false;
    }
    qs->negotiated = true;
    return true;
}

static void free_request(gpointer data)
{
    Request *r = data;
    if (r->value) {
        json_node_unref(r->value);
    }
    g_free(r->err);
    g_free(r);
}

static gboolean retry_cb(gpointer opaque);

/* Runs queued requests while the client keeps up with the replies. */
static void run_queue(QmpSession *qs)
{
    while (qs->connected && !g_queue_is_empty(&qs->requests)) {
        if (chardev_output_pending(qs->chr) > QMP_OUTPUT_HIGH) {
            if (!qs->retry) {
                qs->retry = g_timeout_source_new(QMP_RETRY_MS);
                g_source_set_callback(qs->retry, retry_cb, qs, NULL);
                g_source_attach(qs->retry, main_loop_context());
            }
            return;
        }
        Request *r = g_queue_pop_head(&qs->requests);
        if (r->value) {
            run_request(qs, r->value);
        } else {
            send_error(qs, QMP_ERROR_GENERIC, r->err, NULL);
        }
        free_request(r);
    }
    chardev_accept_input(qs->chr);
}

static gboolean retry_cb(gpointer opaque)
{
    QmpSession *qs = opaque;
    device_lock();
    g_source_unref(qs->retry);
    qs->retry = NULL;
    run_queue(qs);
    device_unlock();
    return G_SOURCE_REMOVE;
}

static void value_read(void *opaque, JsonNode *value, const char *err)
{
    QmpSession *qs = opaque;
    Request *r = g_new0(Request, 1);
    r->value = value;
    r->err = g_strdup(err);
    g_queue_push_tail(&qs->requests, r);
}

/* ---- the chardev front end ---- */

static int qmp_can_read(void *opaque)
{
    QmpSession *qs = opaque;
    return g_queue_get_length(&qs->requests) < QMP_QUEUE_MAX ? 4096 : 0;
}

static void qmp_read(void *opaque, const uint8_t *buf, int len)
{
    QmpSession *qs = opaque;
    json_stream_feed(&qs->in, (const char *)buf, len);
    run_queue(qs);
}

static void send_greeting(QmpSession *qs)
{
    g_autoptr(GError) err = NULL;
    JsonObject *ver = json_object_new();
    json_object_set_member(ver, "version", qmp_query_version(qs, &err));
    json_object_set_array_member(ver, "capabilities", json_array_new());
    JsonObject *greeting = json_object_new();
    json_object_set_object_member(greeting, "QMP", ver);
    g_autoptr(JsonNode) node = object_node(greeting);
    send_node(qs, node);
}

static void drop_requests(QmpSession *qs)
{
    g_queue_clear_full(&qs->requests, free_request);
    json_stream_reset(&qs->in);
    if (qs->retry) {
        g_source_destroy(qs->retry);
        g_source_unref(qs->retry);
        qs->retry = NULL;
    }
}

/* Each connection starts a session afresh: greeting, negotiation. */
static void qmp_event(void *opaque, ChardevEvent event)
{
    QmpSession *qs = opaque;
    switch (event) {
    case CHARDEV_EVENT_OPENED:
        drop_requests(qs);
        qs->connected = true;
        qs->negotiated = false;
        send_greeting(qs);
        break;
    case CHARDEV_EVENT_CLOSED:
        qs->connected = false;
        qs->negotiated = false;
        drop_requests(qs);
        chardev_accept_input(qs->chr);
        break;
    default:
        break;
    }
}

static const ChardevHandlers qmp_handlers = { qmp_can_read, qmp_read, qmp_event };

QmpSession *qmp_new(Chardev *chr, bool pretty, GError **err)
{
    QmpSession *qs = g_new0(QmpSession, 1);
    qs->chr = chr;
    qs->pretty = pretty;
    json_stream_init(&qs->in, value_read, qs);
    g_queue_init(&qs->requests);
    if (!qmp.sessions) {
        qmp.sessions = g_ptr_array_new();
    }
    g_ptr_array_add(qmp.sessions, qs);
    qs->fe = chardev_attach(chr, &qmp_handlers, qs, err);
    if (qs->fe) {
        chardev_set_lossless(chr, true);
    } else {
        g_ptr_array_remove(qmp.sessions, qs);
        json_stream_destroy(&qs->in);
        g_free(qs);
        return NULL;
    }
    return qs;
}

void qmp_free(QmpSession *qs)
{
    if (!qs) {
        return;
    }
    chardev_detach(qs->fe);
    drop_requests(qs);
    json_stream_destroy(&qs->in);
    g_ptr_array_remove(qmp.sessions, qs);
    g_free(qs);
}
