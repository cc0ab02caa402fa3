/*
 * The command line's disks and devices: -drive (the drive table, each
 * entry an open image), -device (the devices asked for, in order) and
 * -global (the one property there is, virtio-mmio.force-legacy), with
 * qemu 7.2's spellings and error messages.  The board takes the parsed
 * result (device_requests) and builds the devices.
 */
#ifndef SOFTMMU_DRIVE_H
#define SOFTMMU_DRIVE_H

#include <stdbool.h>

#include <glib.h>

#include "hw/block/block.h"
#include "softmmu/chardev.h"
#include "softmmu/net.h"

typedef struct DriveInfo {
    char *id;                   /* as given, or qemu's "virtio0"... for if=virtio */
    char *file;
    bool if_virtio;             /* if=virtio: a virtio-blk of its own */
    bool read_only;
    bool writeback;             /* the guest sees a write cache */
    bool direct;                /* O_DIRECT (cache=none, directsync) */
    bool ignore_flush;          /* cache=unsafe */
    BlockDriverState *bs;
    bool in_use;                /* claimed by a device */
    BlockAcct acct;             /* its device's I/O counts */
} DriveInfo;

typedef enum DeviceModel {
    DEVICE_VIRTIO_BLK,
    DEVICE_VIRTIO_RNG,
    DEVICE_VIRTIO_NET,
    DEVICE_VIRTIO_SERIAL,
    DEVICE_VIRTSERIAL_PORT,     /* virtconsole, virtserialport: not a bus device */
} DeviceModel;

typedef struct DeviceRequest {
    DeviceModel model;
    const char *model_name;     /* "virtio-blk-pci", for messages */
    char *spec;                 /* as given, for messages */
    char *drive_id;             /* virtio-blk: drive= as given */
    DriveInfo *drive;           /* ... and the drive, once resolved */
    char *serial;               /* virtio-blk: NULL if none */
    char *netdev_id;            /* virtio-net: netdev= as given */
    NetBackend *netdev;         /* ... and the back end, once resolved */
    uint8_t mac[6];             /* virtio-net: mac= or qemu's default */
    bool has_mac;
    bool pci;                   /* on virtio-pci (hw/arm/virt-pci.c), not mmio */
    /* virtconsole/virtserialport: */
    bool console;               /* virtconsole */
    char *port_name;            /* name= as given, NULL if none */
    char *chardev_id;           /* chardev= as given */
    Chardev *chardev;           /* ... and the back end, once resolved */
    unsigned port_nr;           /* its number on the bus, once resolved */
    /* virtio-serial: its ports (DeviceRequest), which devices_resolve
     * takes out of the request list. */
    GPtrArray *ports;
} DeviceRequest;

/* -snapshot: every -drive (before or after it) writes to a temporary
 * overlay, as snapshot=on does for one. */
void drive_snapshot_all(void);
/* -drive SPEC: opens the image.  False with qemu's message. */
bool drive_option(const char *spec, GError **err);
/* -device SPEC.  *done set: it printed help, the process should exit 0. */
bool device_option(const char *spec, bool *done, GError **err);
/* -nic TYPE[,model=M][,mac=MAC][,netdev options]: a back end and its
 * NIC in one (qemu's shorthand); -nic none adds nothing.  *done as for
 * -device (model=help printed the models). */
bool nic_option(const char *spec, bool *done, GError **err);
/* -global DRIVER.PROP=VALUE. */
bool global_option(const char *spec, GError **err);
/* After the command line: ties -device drive= to drives, adds a device
 * for each if=virtio drive, checks each drive has one user at most;
 * puts each virtio-serial port on the last virtio-serial before it. */
bool devices_resolve(GError **err);

/* In command-line order, if=virtio drives' devices last. */
const GPtrArray *device_requests(void);
/* The drives (DriveInfo), in command-line order (savevm's disks). */
const GPtrArray *drive_list(void);
/* The name QMP gives the drive's image (qemu's automatic node names are
 * "#block" and a number; ours are "#block" and the drive's index with
 * "01" after it), and the drive of such a name (NULL if none). */
char *drive_node_name(const DriveInfo *d);
DriveInfo *drive_find_node(const char *node_name);
/* qemu 7.2's default: on (virtio-mmio version 1, legacy). */
bool virtio_mmio_force_legacy(void);
/* Flushes every image (at exit; a device's worker may still hold one,
 * so they stay open until the process ends). */
void drives_flush(void);

#endif
