/*
 * virtio-serial (virtio 1.2 spec 5.3, the console device) with its ports:
 * qemu 7.2's virtio-serial-device / virtio-serial-pci, virtconsole and
 * virtserialport.  Each port is a character device front end: what the
 * guest writes to it goes to the port's chardev, what the chardev gets
 * from the host reaches the guest.
 */
#ifndef HW_VIRTIO_VIRTIO_SERIAL_H
#define HW_VIRTIO_VIRTIO_SERIAL_H

#include "hw/virtio/virtio.h"
#include "softmmu/chardev.h"

/* qemu's default max_ports: 31 ports, 64 queues (2 per port, 2 control). */
#define VIRTIO_SERIAL_MAX_PORTS 31

typedef struct VirtIOSerialPortConfig {
    unsigned nr;                /* port number, below VIRTIO_SERIAL_MAX_PORTS */
    bool console;               /* virtconsole: an hvc console in the guest */
    const char *name;           /* NULL: none (the guest's /dev/vportNpM only) */
    Chardev *chr;               /* NULL: output dropped, no input */
} VirtIOSerialPortConfig;

/* Ports in any order, numbers distinct (the caller checked).  A chardev
 * a port cannot attach to (busy) fails with err. */
VirtIODevice *virtio_serial_new(AddressSpace *dma_as, bool legacy,
                                const VirtIOSerialPortConfig *ports, unsigned nports,
                                GError **err);

#endif
