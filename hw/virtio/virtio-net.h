/*
 * virtio-net: the NIC device (virtio-net.c), on any virtio transport and
 * any network back end.
 */
#ifndef HW_VIRTIO_VIRTIO_NET_H
#define HW_VIRTIO_VIRTIO_NET_H

#include "hw/virtio/virtio.h"
#include "softmmu/net.h"

typedef struct VirtIONet {
    VirtIODevice vdev;          /* first: the core's handlers cast back */
    NetBackend *backend;
    uint8_t perm_mac[6];        /* mac= or the default; restored by reset */
    uint8_t mac[6];             /* what the driver set */
    uint8_t status;             /* VIRTIO_NET_S_* */
    uint8_t *tx_buf;            /* one frame being sent */
} VirtIONet;

/* Attaches to backend, which must have no NIC yet (NULL: no cable). */
VirtIODevice *virtio_net_new(AddressSpace *dma_as, bool legacy, NetBackend *backend,
                             const uint8_t mac[6], GError **err);
/* "52:54:00:12:34:56" into mac; false if it is not six hex pairs. */
bool virtio_net_parse_mac(const char *text, uint8_t mac[6]);
/* qemu's default MAC of the index'th NIC. */
void virtio_net_default_mac(unsigned index, uint8_t mac[6]);

#endif
