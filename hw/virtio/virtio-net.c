/*
 * virtio-net (virtio 1.2 spec, section 5.1): an Ethernet NIC on a network
 * back end (softmmu/net.h).  One queue pair and a control queue; the
 * features are those qemu 7.2 offers when its peer (slirp, or tap without
 * a vnet header) takes plain frames: no checksum or segmentation offload,
 * so every frame crosses whole and checksummed.
 *
 * Without a back end (no netdev=) it is a NIC with no cable: what it
 * sends is lost and nothing arrives.
 *
 * Receive runs on the back end's thread and transmit on the thread that
 * kicked the queue (a vCPU's: it only copies and queues), both under the
 * device lock as the core requires.
 */
#include <string.h>

#include "hw/virtio/virtio-net.h"
#include "softmmu/device-lock.h"

/* Feature bits (spec 5.1.3). */
enum {
    VIRTIO_NET_F_MAC = 5,
    VIRTIO_NET_F_MRG_RXBUF = 15,
    VIRTIO_NET_F_STATUS = 16,
    VIRTIO_NET_F_CTRL_VQ = 17,
    VIRTIO_NET_F_CTRL_RX = 18,
    VIRTIO_NET_F_CTRL_VLAN = 19,
    VIRTIO_NET_F_CTRL_RX_EXTRA = 20,
    VIRTIO_NET_F_GUEST_ANNOUNCE = 21,
    VIRTIO_NET_F_CTRL_MAC_ADDR = 23,
};

enum { VIRTIO_NET_S_LINK_UP = 1, VIRTIO_NET_S_ANNOUNCE = 2 };

/* Control queue classes and commands (spec 5.1.6.5). */
enum {
    VIRTIO_NET_CTRL_RX = 0,
    VIRTIO_NET_CTRL_MAC = 1,
    VIRTIO_NET_CTRL_VLAN = 2,
    VIRTIO_NET_CTRL_ANNOUNCE = 3,
};
enum { VIRTIO_NET_CTRL_MAC_TABLE_SET = 0, VIRTIO_NET_CTRL_MAC_ADDR_SET = 1 };
enum { VIRTIO_NET_OK = 0, VIRTIO_NET_ERR = 1 };

/* struct virtio_net_hdr with num_buffers: the modern layout (spec 5.1.6). */
#define NET_HDR_LEN 12
/* The largest frame either way: a 64 KiB IP packet in an Ethernet frame
 * with a VLAN tag.  Longer transmit chains are dropped. */
#define NET_FRAME_MAX (65535 + 14 + 4)

enum { RX_QUEUE, TX_QUEUE, CTRL_QUEUE };

static uint64_t net_get_features(VirtIODevice *vdev)
{
    return 1ull << VIRTIO_NET_F_MAC | 1ull << VIRTIO_NET_F_MRG_RXBUF |
           1ull << VIRTIO_NET_F_STATUS | 1ull << VIRTIO_NET_F_CTRL_VQ |
           1ull << VIRTIO_NET_F_CTRL_RX | 1ull << VIRTIO_NET_F_CTRL_VLAN |
           1ull << VIRTIO_NET_F_CTRL_RX_EXTRA | 1ull << VIRTIO_NET_F_GUEST_ANNOUNCE |
           1ull << VIRTIO_NET_F_CTRL_MAC_ADDR;
}

/* mac[6], status, max_virtqueue_pairs: little-endian (spec 5.1.4). */
static void net_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIONet *n = (VirtIONet *)vdev;
    memcpy(config, n->mac, 6);
    config[6] = n->status;
    config[7] = 0;
    config[8] = 1;
    config[9] = 0;
}

/* Legacy drivers may write the MAC through config space. */
static void net_set_config(VirtIODevice *vdev, const uint8_t *config)
{
    VirtIONet *n = (VirtIONet *)vdev;
    if (!virtio_has_feature(vdev, VIRTIO_NET_F_CTRL_MAC_ADDR) &&
        !virtio_has_feature(vdev, VIRTIO_F_VERSION_1)) {
        memcpy(n->mac, config, 6);
    }
}

static void net_reset(VirtIODevice *vdev)
{
    VirtIONet *n = (VirtIONet *)vdev;
    memcpy(n->mac, n->perm_mac, 6);
    n->status = VIRTIO_NET_S_LINK_UP;
}

static void net_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIONet *n = (VirtIONet *)vdev;
    if ((status & VIRTIO_CONFIG_S_DRIVER_OK) && n->backend) {
        net_backend_rx_ready(n->backend);   /* frames held while it started */
    }
}

static size_t net_hdr_len(VirtIONet *n)
{
    VirtIODevice *vdev = &n->vdev;
    /* Without VERSION_1 or MRG_RXBUF the header lacks num_buffers. */
    return virtio_has_feature(vdev, VIRTIO_F_VERSION_1) ||
           virtio_has_feature(vdev, VIRTIO_NET_F_MRG_RXBUF) ? NET_HDR_LEN : NET_HDR_LEN - 2;
}

static bool net_can_receive(VirtIONet *n)
{
    VirtIODevice *vdev = &n->vdev;
    return (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) && !vdev->broken &&
           vdev->vq[RX_QUEUE].ready;
}

/* A frame from the back end into the guest's receive buffers: one
 * buffer, or with MRG_RXBUF as many as it takes (the count goes into the
 * first header).  When the buffers run out the frame is refused whole and
 * the buffers taken are given back. */
static bool net_receive(void *opaque, const uint8_t *frame, size_t len)
{
    VirtIONet *n = opaque;
    VirtIODevice *vdev = &n->vdev;
    VirtQueue *vq = &vdev->vq[RX_QUEUE];
    bool taken = true;
    device_lock();
    if (!net_can_receive(n)) {
        goto out;               /* a NIC not yet up drops, as a cable unplugged */
    }
    uint8_t hdr[NET_HDR_LEN] = { 0 };
    size_t hdr_len = net_hdr_len(n), total = hdr_len + len;
    bool merge = virtio_has_feature(vdev, VIRTIO_NET_F_MRG_RXBUF);
    VirtQueueElement *elems[64];
    uint32_t lens[64];
    unsigned count = 0;
    size_t done = 0;
    while (done < total) {
        if (count == G_N_ELEMENTS(elems) || (count && !merge)) {
            break;
        }
        VirtQueueElement *e = virtqueue_pop(vq);
        if (!e) {
            break;
        }
        elems[count] = e;
        lens[count] = MIN(e->in_len, total - done);
        done += lens[count];
        count++;
        if (!e->in_len || (count == 1 && e->in_len < hdr_len)) {
            virtio_error(vdev, "virtio-net: receive buffer too small for the header");
            done = 0;
            break;
        }
    }
    if (done < total) {
        /* Not enough room now: give the buffers back and keep the frame
         * for when the driver adds more.  A broken device, or buffers so
         * small that the frame could never fit in the chains one frame
         * may use, drop it, so one frame cannot stall the queue. */
        bool never = count == G_N_ELEMENTS(elems) || (count && !merge);
        virtqueue_rewind(vq, count);
        for (unsigned i = 0; i < count; i++) {
            virtqueue_elem_free(elems[i]);
        }
        taken = vdev->broken || never;
        goto out;
    }
    hdr[10] = count;
    hdr[11] = count >> 8;
    size_t off = 0;
    for (unsigned i = 0; i < count; i++) {
        size_t pos = 0;
        if (i == 0) {
            virtqueue_elem_write(vdev, elems[0], 0, hdr, hdr_len);
            pos = hdr_len;
        }
        size_t chunk = lens[i] - pos;
        virtqueue_elem_write(vdev, elems[i], pos, frame + off, chunk);
        off += chunk;
    }
    for (unsigned i = 0; i < count; i++) {
        virtqueue_push(vq, elems[i], lens[i]);
    }
    virtio_notify(vdev, vq);
out:
    device_unlock();
    return taken;
}

static const NetFrontendOps net_frontend_ops = {
    .receive = net_receive,
};

/* The driver added receive buffers: frames waiting may go in now. */
static void net_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = (VirtIONet *)vdev;
    if (n->backend) {
        net_backend_rx_ready(n->backend);
    }
}

static void net_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = (VirtIONet *)vdev;
    size_t hdr_len = net_hdr_len(n);
    bool sent = false;
    for (VirtQueueElement *e; (e = virtqueue_pop(vq));) {
        if (e->out_len >= hdr_len && e->out_len - hdr_len <= NET_FRAME_MAX) {
            size_t len = e->out_len - hdr_len;
            virtqueue_elem_read(vdev, e, hdr_len, n->tx_buf, len);
            if (n->backend) {
                net_backend_send(n->backend, n->tx_buf, len);
            }
        }
        /* A chain too short or too long is dropped: the frame is lost as
         * on a wire, the driver gets its buffer back. */
        virtqueue_push(vq, e, 0);
        sent = true;
    }
    if (sent) {
        virtio_notify(vdev, vq);
    }
}

static uint8_t net_ctrl_command(VirtIONet *n, uint8_t cls, uint8_t cmd,
                                const uint8_t *data, size_t len)
{
    switch (cls) {
    case VIRTIO_NET_CTRL_RX:
        /* Promiscuous, all-multicast and the other filters: the back ends
         * deliver only what is addressed to this NIC or broadcast, so
         * every mode is already satisfied. */
        return cmd <= 5 && len >= 1 ? VIRTIO_NET_OK : VIRTIO_NET_ERR;
    case VIRTIO_NET_CTRL_MAC:
        if (cmd == VIRTIO_NET_CTRL_MAC_ADDR_SET && len == 6) {
            memcpy(n->mac, data, 6);
            return VIRTIO_NET_OK;
        }
        return cmd == VIRTIO_NET_CTRL_MAC_TABLE_SET ? VIRTIO_NET_OK : VIRTIO_NET_ERR;
    case VIRTIO_NET_CTRL_VLAN:
        return cmd <= 1 && len == 2 ? VIRTIO_NET_OK : VIRTIO_NET_ERR;
    case VIRTIO_NET_CTRL_ANNOUNCE:
        if (cmd == 0) {
            n->status &= ~VIRTIO_NET_S_ANNOUNCE;
            return VIRTIO_NET_OK;
        }
        return VIRTIO_NET_ERR;
    default:
        return VIRTIO_NET_ERR;
    }
}

/* Each command: class, command, data (out); one ack byte (in). */
static void net_handle_ctrl(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = (VirtIONet *)vdev;
    bool done = false;
    for (VirtQueueElement *e; (e = virtqueue_pop(vq));) {
        uint8_t buf[256];
        uint8_t ack = VIRTIO_NET_ERR;
        if (e->out_len < 2 || e->in_len < 1) {
            virtio_error(vdev, "virtio-net: control command without header or ack");
            virtqueue_elem_free(e);
            return;
        }
        size_t len = MIN(e->out_len, sizeof(buf));
        virtqueue_elem_read(vdev, e, 0, buf, len);
        if (e->out_len <= sizeof(buf)) {
            ack = net_ctrl_command(n, buf[0], buf[1], buf + 2, len - 2);
        }
        virtqueue_elem_write(vdev, e, 0, &ack, 1);
        virtqueue_push(vq, e, 1);
        done = true;
    }
    if (done) {
        virtio_notify(vdev, vq);
    }
}

static const VMStateField net_fields[] = {
    VMSTATE_ARRAY(mac, VirtIONet, 1),
    VMSTATE_FIELD(status, VirtIONet, 1),
    VMSTATE_END,
};

static const VMStateDescription vmstate_virtio_net = {
    .name = "virtio-net",
    .version = 1,
    .minimum_version = 1,
    .fields = net_fields,
};

static const VirtIODeviceClass virtio_net_class = {
    .name = "virtio-net",
    .device_id = VIRTIO_ID_NET,
    .config_size = 10,
    .get_features = net_get_features,
    .get_config = net_get_config,
    .set_config = net_set_config,
    .set_status = net_set_status,
    .reset = net_reset,
    .vmsd = &vmstate_virtio_net,
};

VirtIODevice *virtio_net_new(AddressSpace *dma_as, bool legacy, NetBackend *backend,
                             const uint8_t mac[6], GError **err)
{
    VirtIONet *n = g_new0(VirtIONet, 1);
    virtio_init(&n->vdev, &virtio_net_class, dma_as, legacy);
    memcpy(n->perm_mac, mac, 6);
    n->backend = backend;
    n->tx_buf = g_malloc(NET_FRAME_MAX);
    virtio_add_queue(&n->vdev, 256, net_handle_rx);
    virtio_add_queue(&n->vdev, 256, net_handle_tx);
    virtio_add_queue(&n->vdev, 64, net_handle_ctrl);
    net_reset(&n->vdev);
    if (backend && !net_backend_attach(backend, &net_frontend_ops, n, err)) {
        virtio_destroy(&n->vdev);
        g_free(n->tx_buf);
        g_free(n);
        return NULL;
    }
    return &n->vdev;
}

bool virtio_net_parse_mac(const char *text, uint8_t mac[6])
{
    unsigned v[6];
    char end;
    if (sscanf(text, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
               &end) != 6) {
        return false;
    }
    for (int i = 0; i < 6; i++) {
        mac[i] = v[i];
    }
    return true;
}

void virtio_net_default_mac(unsigned index, uint8_t mac[6])
{
    /* qemu's: 52:54:00:12:34:56, then :57, ... for each further NIC. */
    static const uint8_t base[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
    memcpy(mac, base, 6);
    mac[5] += index;
}
