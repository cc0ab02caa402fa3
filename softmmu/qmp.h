/*
 * QMP, the machine protocol of qemu's monitor: `-qmp SPEC` or
 * `-mon chardev=ID,mode=control`.  JSON requests in, replies and events
 * out, on any chardev back end (a unix or tcp socket in practice), as
 * qemu 7.2 speaks it (docs/interop/qmp-spec.txt): a greeting, then
 * qmp_capabilities, then commands; {"return": ...} or {"error": {"class",
 * "desc"}} for each, with the request's "id" echoed.
 *
 * The commands and events are declared in softmmu/qmp-schema.json; the
 * generated qmp-gen.h has their handlers' and emitters' prototypes.
 * Commands run on the main loop's thread with the device lock held, one
 * at a time, as the human monitor's.  Events may be sent from any thread:
 * they are queued with their time and written by the main loop, before
 * the reply of the command that caused them.
 */
#ifndef SOFTMMU_QMP_H
#define SOFTMMU_QMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "softmmu/chardev.h"
#include "softmmu/monitor.h"

/* The error classes of QMP's "error" replies (qemu's QapiErrorClass). */
typedef enum QmpErrorClass {
    QMP_ERROR_GENERIC,
    QMP_ERROR_COMMAND_NOT_FOUND,
    QMP_ERROR_DEVICE_NOT_ACTIVE,
    QMP_ERROR_DEVICE_NOT_FOUND,
    QMP_ERROR_KVM_MISSING_CAP,
} QmpErrorClass;

#define QMP_ERROR qmp_error_quark()
GQuark qmp_error_quark(void);

/* ---- what the generated code uses ---- */

typedef struct QmpSession QmpSession;

typedef enum QmpKind {
    QMP_STR, QMP_INT, QMP_UINT, QMP_BOOL, QMP_NUMBER, QMP_ANY, QMP_NULL,
    QMP_ENUM, QMP_OBJECT, QMP_ARRAY,
} QmpKind;

typedef struct QmpType QmpType;

typedef struct QmpMember {
    const char *name;               /* NULL ends a list */
    const QmpType *type;
    bool optional;
} QmpMember;

struct QmpType {
    QmpKind kind;
    const char *name;
    const char *const *values;      /* QMP_ENUM: NULL-terminated */
    const QmpMember *members;       /* QMP_OBJECT */
    const QmpType *element;         /* QMP_ARRAY */
};

extern const QmpType qmp_type_str, qmp_type_int, qmp_type_uint64, qmp_type_size,
    qmp_type_bool, qmp_type_number, qmp_type_any, qmp_type_null, qmp_type_empty;

typedef struct QmpCommand {
    const char *name;
    JsonNode *(*marshal)(QmpSession *qs, JsonObject *args, GError **err);
} QmpCommand;

/* Checks a command's arguments as qemu does, with its messages
 * ("Parameter 'x' is missing", "Invalid parameter type for 'x', expected:
 * string", "Parameter 'x' is unexpected"). */
bool qmp_check_args(const QmpType *type, JsonObject *args, GError **err);
/* The index of value in a NULL-terminated table (checked before). */
int qmp_enum_index(const char *const *values, const char *value);
/* {} */
JsonNode *qmp_empty_return(void);
/* Queues event name with data (owned; NULL for none) for every session. */
void qmp_event_send(const char *name, JsonObject *data);

/* ---- the machine and sessions ---- */

/* The machine the commands act on (the monitor's interface), and the
 * name -name gave (NULL: none).  Before any session starts. */
void qmp_set_machine(const MonitorMachineOps *ops, void *opaque, const char *name);
const MonitorMachineOps *qmp_machine_ops(void **opaque);
const char *qmp_machine_name(void);

/* A QMP session on chr (the device lock held).  pretty: replies
 * indented, as qemu's pretty=on. */
QmpSession *qmp_new(Chardev *chr, bool pretty, GError **err);
void qmp_free(QmpSession *qs);

/* Writes the events queued so far (the main loop's thread; done on its
 * own after each command and when an event is queued). */
void qmp_flush_events(void);

#endif
