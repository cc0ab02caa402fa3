/*
 * virtio-serial (virtio-serial.h): the console device with
 * VIRTIO_CONSOLE_F_MULTIPORT (spec 5.3), its ports and their chardevs.
 *
 * Queues as the spec numbers them: port 0's receive/transmit pair (0, 1),
 * the control pair (2, 3), then port N's pair at 2 + 2N.  All 64 exist
 * whether or not a port sits behind them, as qemu's, so a driver sees the
 * same device under both.  The control conversation: the driver says
 * DEVICE_READY, the device announces each port (DEVICE_ADD), the driver
 * answers PORT_READY, the device tells what the port is (CONSOLE_PORT,
 * PORT_NAME) and whether the host side is there (PORT_OPEN); the driver
 * says PORT_OPEN when a guest program opens the port.
 *
 * As qemu 7.2: a console port's host side is always connected, a serial
 * port's follows its chardev (a socket's peer); output to a port whose
 * host side is not connected is dropped; input waits until the guest has
 * the port open and a receive buffer posted.  Control messages for which
 * the driver has posted no buffer yet wait in a short queue (qemu drops
 * them; Linux posts its buffers first, so the difference never shows).
 *
 * A driver's bad control messages (short, unknown port, unknown event)
 * are logged and ignored: they concern only the guest's own ports.
 */
#include <string.h>

#include "hw/virtio/virtio-serial.h"

/* Feature bits (spec 5.3.3). */
enum {
    VIRTIO_CONSOLE_F_SIZE = 0,
    VIRTIO_CONSOLE_F_MULTIPORT = 1,
    VIRTIO_CONSOLE_F_EMERG_WRITE = 2,
};

/* Control events (spec 5.3.6.2). */
enum {
    VIRTIO_CONSOLE_DEVICE_READY = 0,
    VIRTIO_CONSOLE_DEVICE_ADD = 1,
    VIRTIO_CONSOLE_DEVICE_REMOVE = 2,
    VIRTIO_CONSOLE_PORT_READY = 3,
    VIRTIO_CONSOLE_CONSOLE_PORT = 4,
    VIRTIO_CONSOLE_RESIZE = 5,
    VIRTIO_CONSOLE_PORT_OPEN = 6,
    VIRTIO_CONSOLE_PORT_NAME = 7,
};

enum { CTRL_RX_QUEUE = 2, CTRL_TX_QUEUE = 3 };

#define DATA_QUEUE_SIZE 128     /* qemu's */
#define CTRL_QUEUE_SIZE 32      /* qemu's */
/* struct virtio_console_config: cols, rows, max_nr_ports, emerg_wr. */
#define CONFIG_SIZE     12
#define CTRL_MSG_LEN    8       /* struct virtio_console_control */
/* Control messages kept for want of buffers: a few per port is all the
 * conversation above ever has in flight. */
#define CTRL_PENDING_MAX (4 * VIRTIO_SERIAL_MAX_PORTS)
/* Bytes handed over per element at most: a driver posts pages; this
 * bounds the copy a hostile one can ask for while the lock is held. */
#define COPY_MAX        (1024 * 1024)

typedef struct VirtIOSerial VirtIOSerial;

typedef struct SerialPort {
    VirtIOSerial *vser;
    unsigned nr;
    bool exists;
    bool console;
    bool host_connected;
    char *name;
    Chardev *chr;
    CharFrontend *fe;
} SerialPort;

struct VirtIOSerial {
    VirtIODevice vdev;          /* first: the core's callbacks cast back */
    SerialPort port[VIRTIO_SERIAL_MAX_PORTS];
    /* The driver's view, reset with the device (and in snapshots). */
    uint8_t port_ready[VIRTIO_SERIAL_MAX_PORTS];    /* PORT_READY seen */
    uint8_t guest_open[VIRTIO_SERIAL_MAX_PORTS];    /* the guest's PORT_OPEN */
    GQueue ctrl_pending;        /* GByteArray: messages without a buffer yet */
};

static inline unsigned port_rx_queue(unsigned nr)
{
    return nr == 0 ? 0 : 2 + 2 * nr;
}

/* The port whose data queue q is, or NULL for the control queues. */
static SerialPort *port_of_queue(VirtIOSerial *s, unsigned q)
{
    if (q == CTRL_RX_QUEUE || q == CTRL_TX_QUEUE) {
        return NULL;
    }
    unsigned nr = q < 2 ? 0 : (q - 2) / 2;
    return nr < VIRTIO_SERIAL_MAX_PORTS ? &s->port[nr] : NULL;
}

static bool multiport(VirtIOSerial *s)
{
    return virtio_has_feature(&s->vdev, VIRTIO_CONSOLE_F_MULTIPORT);
}

/* Without MULTIPORT only port 0 exists for the driver, always open. */
static bool guest_connected(VirtIOSerial *s, const SerialPort *p)
{
    return multiport(s) ? s->guest_open[p->nr] : p->nr == 0;
}

/* ---- control messages ---- */

static void ctrl_flush(VirtIOSerial *s)
{
    VirtQueue *vq = &s->vdev.vq[CTRL_RX_QUEUE];
    bool pushed = false;
    while (!g_queue_is_empty(&s->ctrl_pending)) {
        VirtQueueElement *e = virtqueue_pop(vq);
        if (!e) {
            break;
        }
        GByteArray *msg = g_queue_pop_head(&s->ctrl_pending);
        /* A buffer too short for a port name gets what fits, as a
         * driver that posts such buffers would expect. */
        size_t n = virtqueue_elem_write(&s->vdev, e, 0, msg->data, msg->len);
        g_byte_array_unref(msg);
        virtqueue_push(vq, e, n);
        pushed = true;
    }
    if (pushed) {
        virtio_notify(&s->vdev, vq);
    }
}

static void ctrl_send(VirtIOSerial *s, unsigned id, uint16_t event, uint16_t value,
                      const char *extra)
{
    if (!multiport(s)) {
        return;
    }
    if (g_queue_get_length(&s->ctrl_pending) >= CTRL_PENDING_MAX) {
        g_debug("virtio-serial: guest posts no control buffers: event %u dropped", event);
        return;
    }
    uint8_t hdr[CTRL_MSG_LEN];
    uint32_t le_id = GUINT32_TO_LE(id);
    uint16_t le_event = GUINT16_TO_LE(event), le_value = GUINT16_TO_LE(value);
    memcpy(hdr, &le_id, 4);
    memcpy(hdr + 4, &le_event, 2);
    memcpy(hdr + 6, &le_value, 2);
    GByteArray *msg = g_byte_array_new();
    g_byte_array_append(msg, hdr, sizeof(hdr));
    if (extra) {
        g_byte_array_append(msg, (const uint8_t *)extra, strlen(extra));
    }
    g_queue_push_tail(&s->ctrl_pending, msg);
    ctrl_flush(s);
}

static void port_announce(VirtIOSerial *s, SerialPort *p)
{
    if (p->console) {
        ctrl_send(s, p->nr, VIRTIO_CONSOLE_CONSOLE_PORT, 1, NULL);
    }
    if (p->name) {
        ctrl_send(s, p->nr, VIRTIO_CONSOLE_PORT_NAME, 1, p->name);
    }
    if (p->host_connected) {
        ctrl_send(s, p->nr, VIRTIO_CONSOLE_PORT_OPEN, 1, NULL);
    }
}

static void ctrl_receive(VirtIOSerial *s, uint32_t id, uint16_t event, uint16_t value)
{
    if (event == VIRTIO_CONSOLE_DEVICE_READY) {
        if (!value) {
            g_debug("virtio-serial: the driver failed to initialise");
            return;
        }
        for (unsigned i = 0; i < VIRTIO_SERIAL_MAX_PORTS; i++) {
            if (s->port[i].exists) {
                ctrl_send(s, i, VIRTIO_CONSOLE_DEVICE_ADD, 1, NULL);
            }
        }
        return;
    }
    if (id >= VIRTIO_SERIAL_MAX_PORTS || !s->port[id].exists) {
        g_debug("virtio-serial: guest error: event %u for port %u, which does not exist",
                event, id);
        return;
    }
    SerialPort *p = &s->port[id];
    switch (event) {
    case VIRTIO_CONSOLE_PORT_READY:
        if (!value) {
            g_debug("virtio-serial: the driver failed to add port %u", id);
            return;
        }
        s->port_ready[id] = 1;
        port_announce(s, p);
        break;
    case VIRTIO_CONSOLE_PORT_OPEN:
        s->guest_open[id] = value != 0;
        if (value && p->chr) {
            chardev_accept_input(p->chr);
        }
        break;
    default:
        g_debug("virtio-serial: guest error: control event %u from the driver", event);
        break;
    }
}

static void handle_ctrl_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOSerial *s = (VirtIOSerial *)vdev;
    VirtQueueElement *e;
    while ((e = virtqueue_pop(vq))) {
        uint8_t msg[CTRL_MSG_LEN];
        bool whole = virtqueue_elem_read(vdev, e, 0, msg, sizeof(msg)) == sizeof(msg);
        virtqueue_push(vq, e, 0);
        if (!whole) {
            g_debug("virtio-serial: guest error: short control message");
            continue;
        }
        uint32_t id;
        uint16_t event, value;
        memcpy(&id, msg, 4);
        memcpy(&event, msg + 4, 2);
        memcpy(&value, msg + 6, 2);
        ctrl_receive(s, GUINT32_FROM_LE(id), GUINT16_FROM_LE(event), GUINT16_FROM_LE(value));
    }
    virtio_notify(vdev, vq);
}

static void handle_ctrl_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    ctrl_flush((VirtIOSerial *)vdev);
}

/* ---- data ---- */

static void handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOSerial *s = (VirtIOSerial *)vdev;
    SerialPort *p = port_of_queue(s, vq->index);
    VirtQueueElement *e;
    while ((e = virtqueue_pop(vq))) {
        if (p && p->exists && p->chr && p->host_connected) {
            uint8_t buf[4096];
            uint64_t want = MIN(e->out_len, COPY_MAX);
            for (uint64_t done = 0; done < want;) {
                size_t n = virtqueue_elem_read(vdev, e, done, buf, MIN(want - done, sizeof(buf)));
                if (!n) {
                    break;
                }
                chardev_write(p->chr, buf, n);
                done += n;
            }
        }
        virtqueue_push(vq, e, 0);
    }
    virtio_notify(vdev, vq);
}

/* The driver posted receive buffers: input the port refused may go now. */
static void handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    SerialPort *p = port_of_queue((VirtIOSerial *)vdev, vq->index);
    if (p && p->chr) {
        chardev_accept_input(p->chr);
    }
}

/* The next receive buffer, or NULL.  Buffers with no device-writable
 * part are useless to input: they go back empty. */
static VirtQueueElement *rx_pop(SerialPort *p)
{
    VirtIOSerial *s = p->vser;
    if (!(s->vdev.status & VIRTIO_CONFIG_S_DRIVER_OK) || !guest_connected(s, p)) {
        return NULL;
    }
    VirtQueue *vq = &s->vdev.vq[port_rx_queue(p->nr)];
    VirtQueueElement *e;
    while ((e = virtqueue_pop(vq)) && e->in_len == 0) {
        virtqueue_push(vq, e, 0);
        virtio_notify(&s->vdev, vq);
    }
    return e;
}

static int port_can_read(void *opaque)
{
    SerialPort *p = opaque;
    VirtQueueElement *e = rx_pop(p);
    if (!e) {
        return 0;
    }
    int n = MIN(e->in_len, COPY_MAX);
    virtqueue_rewind(&p->vser->vdev.vq[port_rx_queue(p->nr)], 1);
    virtqueue_elem_free(e);
    return n;
}

static void port_read(void *opaque, const uint8_t *buf, int len)
{
    SerialPort *p = opaque;
    VirtQueueElement *e = rx_pop(p);
    if (!e) {
        return;     /* can_read said there was one: the guest took it back */
    }
    VirtQueue *vq = &p->vser->vdev.vq[port_rx_queue(p->nr)];
    virtqueue_push(vq, e, virtqueue_elem_write(&p->vser->vdev, e, 0, buf, len));
    virtio_notify(&p->vser->vdev, vq);
}

static void port_event(void *opaque, ChardevEvent event)
{
    SerialPort *p = opaque;
    VirtIOSerial *s = p->vser;
    if (p->console || (event != CHARDEV_EVENT_OPENED && event != CHARDEV_EVENT_CLOSED)) {
        return;
    }
    bool connected = event == CHARDEV_EVENT_OPENED;
    if (connected == p->host_connected) {
        return;
    }
    p->host_connected = connected;
    if (s->port_ready[p->nr]) {
        ctrl_send(s, p->nr, VIRTIO_CONSOLE_PORT_OPEN, connected, NULL);
    }
}

static const ChardevHandlers port_handlers = {
    .can_read = port_can_read,
    .read = port_read,
    .event = port_event,
};

/* ---- the device ---- */

static uint64_t serial_get_features(VirtIODevice *vdev)
{
    return 1ull << VIRTIO_CONSOLE_F_MULTIPORT | 1ull << VIRTIO_CONSOLE_F_EMERG_WRITE;
}

static void serial_get_config(VirtIODevice *vdev, uint8_t *config)
{
    uint32_t max_ports = GUINT32_TO_LE(VIRTIO_SERIAL_MAX_PORTS);
    memset(config, 0, CONFIG_SIZE);
    memcpy(config + 4, &max_ports, 4);
}

/* emerg_wr (spec 5.3.4): one character to port 0, before or without the
 * queues.  get_config zeroed it before the driver's write landed. */
static void serial_set_config(VirtIODevice *vdev, const uint8_t *config)
{
    VirtIOSerial *s = (VirtIOSerial *)vdev;
    uint32_t emerg;
    memcpy(&emerg, config + 8, 4);
    SerialPort *p = &s->port[0];
    if (emerg && p->exists && p->chr && p->host_connected) {
        uint8_t ch = GUINT32_FROM_LE(emerg);
        chardev_write(p->chr, &ch, 1);
    }
}

static void serial_reset(VirtIODevice *vdev)
{
    VirtIOSerial *s = (VirtIOSerial *)vdev;
    memset(s->port_ready, 0, sizeof(s->port_ready));
    memset(s->guest_open, 0, sizeof(s->guest_open));
    g_queue_clear_full(&s->ctrl_pending, (GDestroyNotify)g_byte_array_unref);
}

static bool serial_post_load(void *opaque, int version)
{
    VirtIOSerial *s = opaque;
    for (unsigned i = 0; i < VIRTIO_SERIAL_MAX_PORTS; i++) {
        s->port_ready[i] = s->port_ready[i] && s->port[i].exists;
        s->guest_open[i] = s->guest_open[i] && s->port[i].exists;
    }
    return true;
}

static const VMStateField serial_fields[] = {
    VMSTATE_ARRAY(port_ready, VirtIOSerial, 1),
    VMSTATE_ARRAY(guest_open, VirtIOSerial, 1),
    VMSTATE_END,
};

static const VMStateDescription vmstate_virtio_serial = {
    .name = "virtio-serial",
    .version = 1,
    .minimum_version = 1,
    .fields = serial_fields,
    .post_load = serial_post_load,
};

static const VirtIODeviceClass virtio_serial_class = {
    .name = "virtio-serial",
    .device_id = VIRTIO_ID_CONSOLE,
    .config_size = CONFIG_SIZE,
    .get_features = serial_get_features,
    .get_config = serial_get_config,
    .set_config = serial_set_config,
    .reset = serial_reset,
    .vmsd = &vmstate_virtio_serial,
    .pci_vectors = 2,
};

VirtIODevice *virtio_serial_new(AddressSpace *dma_as, bool legacy,
                                const VirtIOSerialPortConfig *ports, unsigned nports,
                                GError **err)
{
    VirtIOSerial *s = g_new0(VirtIOSerial, 1);
    virtio_init(&s->vdev, &virtio_serial_class, dma_as, legacy);
    g_queue_init(&s->ctrl_pending);
    for (unsigned nr = 0; nr < VIRTIO_SERIAL_MAX_PORTS; nr++) {
        s->port[nr].vser = s;
        s->port[nr].nr = nr;
        virtio_add_queue(&s->vdev, DATA_QUEUE_SIZE, handle_rx);
        virtio_add_queue(&s->vdev, DATA_QUEUE_SIZE, handle_tx);
        if (nr == 0) {
            virtio_add_queue(&s->vdev, CTRL_QUEUE_SIZE, handle_ctrl_rx);
            virtio_add_queue(&s->vdev, CTRL_QUEUE_SIZE, handle_ctrl_tx);
        }
    }
    for (unsigned i = 0; i < nports; i++) {
        const VirtIOSerialPortConfig *c = &ports[i];
        g_assert(c->nr < VIRTIO_SERIAL_MAX_PORTS && !s->port[c->nr].exists);
        SerialPort *p = &s->port[c->nr];
        p->exists = true;
        p->console = c->console;
        p->name = g_strdup(c->name);
        p->chr = c->chr;
        /* qemu's virtconsole is connected from the start; a serial port
         * learns it from the chardev (attach sends OPENED if it is). */
        p->host_connected = c->console && c->chr;
        if (c->chr) {
            p->fe = chardev_attach(c->chr, &port_handlers, p, err);
            if (!p->fe) {
                return NULL;
            }
        }
    }
    return &s->vdev;
}
