/*
 * Internal snapshots of the whole machine: savevm, loadvm, delvm and
 * info snapshots of the monitor, and -loadvm at start.
 *
 * The board registers, once, everything that makes up the machine: each
 * CPU's and device's state table (vmstate.h) under an id of its own, its
 * RAM, and the hooks of devices that work off the vCPU threads (drain:
 * finish what is in flight; after_load: look at the queues again).
 * savevm stops the vCPUs, drains those devices, writes the VM clock, the
 * tables and RAM (zero pages left out) into the machine-state area of
 * the first disk that can hold snapshots, and takes a snapshot of every
 * writable disk under one name; loadvm applies the snapshot on every
 * disk and loads the state back.  The stream is mimic's own (qemu's
 * cannot be read by us nor ours by it); the snapshot table entries are
 * qcow2's, so qemu-img lists and checks them.
 */
#ifndef SOFTMMU_SAVEVM_H
#define SOFTMMU_SAVEVM_H

#include <stdbool.h>

#include <glib.h>

#include "softmmu/memory.h"
#include "softmmu/vmstate.h"

/* Registration, in load order (a transport after the device behind it,
 * so that its post_load sees the device's state).  id is copied. */
void savevm_register(const char *id, const VMStateDescription *vmsd, void *opaque);
void savevm_register_ram(MemoryRegion *ram);
/* drain runs with the vCPUs stopped and without the device lock, and
 * returns when the device has nothing in flight; after_load runs under
 * the device lock once the machine state is loaded.  Either may be NULL. */
void savevm_register_hooks(void (*drain)(void *opaque), void (*after_load)(void *opaque),
                           void *opaque);

/* The monitor's commands, called with the device lock held (they let go
 * of it while they wait for vCPUs).  False with qemu's message. */
bool savevm_save(const char *name, GError **err);
bool savevm_load(const char *name, GError **err);
bool savevm_delete(const char *name, GError **err);
/* QMP's snapshot-save, -load and -delete: the same on the disks given
 * (DriveInfo), the machine state on vmstate, which is one of them. */
struct DriveInfo;
bool savevm_save_on(const char *name, const struct DriveInfo *vmstate, const GPtrArray *disks,
                    GError **err);
bool savevm_load_on(const char *name, const struct DriveInfo *vmstate, const GPtrArray *disks,
                    GError **err);
bool savevm_delete_on(const char *name, const GPtrArray *disks, GError **err);
/* `info snapshots`: qemu's text, or false with its message. */
bool savevm_info(GString *out, GError **err);

#endif
