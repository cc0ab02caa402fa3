/*
 * Split virtqueues (virtio 1.2 spec section 2.7, "Split Virtqueues"; the
 * legacy layout of 2.7.2 is the same rings at computed addresses): taking
 * descriptor chains from the available ring (direct, chained and
 * indirect), checking every index, address and length a driver wrote,
 * returning them through the used ring, and deciding when the driver
 * wants an interrupt (VIRTQ_AVAIL_F_NO_INTERRUPT or, with
 * VIRTIO_F_RING_EVENT_IDX, used_event; 2.7.7 and 2.7.10).
 *
 * All guest memory is reached with address_space_read/write, and only
 * where it is RAM: a ring or buffer that points at MMIO (a device's own
 * notify register, say) would call device code from inside device code.
 * Ring fields are little-endian; legacy devices on a little-endian guest
 * (the only kind here) see the same.
 */
#include <string.h>
#include <sys/uio.h>

#include "hw/virtio/virtio.h"

/* struct virtq_desc (2.7.5). */
#define DESC_SIZE       16
#define DESC_F_NEXT     1
#define DESC_F_WRITE    2
#define DESC_F_INDIRECT 4
/* struct virtq_avail and virtq_used (2.7.6, 2.7.8). */
#define AVAIL_F_NO_INTERRUPT 1
#define USED_ELEM_SIZE  8
/* An indirect table may hold more descriptors than the queue (2.7.5.3.1
 * bounds it only by what fits); this is far above what drivers use and
 * keeps one element's bookkeeping small. */
#define INDIRECT_MAX    4096

/* True if [addr, addr + len) is all RAM: the only memory DMA may touch. */
static bool dma_ok(const AddressSpace *as, uint64_t addr, uint64_t len)
{
    if (addr + len < addr) {
        return false;
    }
    while (len) {
        uint64_t off, n = len;
        MemoryRegion *mr = address_space_translate(as, addr, &off, &n);
        if (!mr || mr->kind != MR_RAM || n == 0) {
            return false;
        }
        addr += n;
        len -= n;
    }
    return true;
}

/* The host address of [addr, addr + len) if it lies in one RAM region,
 * else NULL: ring fields and most buffers do, and then one lookup serves
 * where dma_ok and address_space_read/write would take three. */
static uint8_t *dma_ram_ptr(const AddressSpace *as, uint64_t addr, uint64_t len)
{
    uint64_t off, n = len;
    if (len == 0 || addr + len < addr) {
        return NULL;
    }
    MemoryRegion *mr = address_space_translate(as, addr, &off, &n);
    return mr && mr->kind == MR_RAM && n == len ? mr->host + off : NULL;
}

static bool dma_read(const VirtIODevice *vdev, uint64_t addr, void *buf, uint64_t len)
{
    uint8_t *p = dma_ram_ptr(vdev->dma_as, addr, len);
    if (p) {
        memcpy(buf, p, len);
        return true;
    }
    return dma_ok(vdev->dma_as, addr, len) &&
           address_space_read(vdev->dma_as, addr, buf, len) == MEMTX_OK;
}

static bool dma_write(const VirtIODevice *vdev, uint64_t addr, const void *buf, uint64_t len)
{
    uint8_t *p = dma_ram_ptr(vdev->dma_as, addr, len);
    if (p) {
        memcpy(p, buf, len);
        if (vdev->dma_as->ram_written) {
            vdev->dma_as->ram_written(addr, len);
        }
        return true;
    }
    return dma_ok(vdev->dma_as, addr, len) &&
           address_space_write(vdev->dma_as, addr, buf, len) == MEMTX_OK;
}

static bool read16(const VirtIODevice *vdev, uint64_t addr, uint16_t *v)
{
    uint16_t le;
    if (!dma_read(vdev, addr, &le, 2)) {
        return false;
    }
    *v = GUINT16_FROM_LE(le);
    return true;
}

static bool write16(const VirtIODevice *vdev, uint64_t addr, uint16_t v)
{
    uint16_t le = GUINT16_TO_LE(v);
    return dma_write(vdev, addr, &le, 2);
}

/* Ring field addresses. */
static uint64_t avail_idx_addr(const VirtQueue *vq) { return vq->avail + 2; }
static uint64_t avail_ring_addr(const VirtQueue *vq, uint16_t i)
{
    return vq->avail + 4 + 2 * (uint64_t)(i % vq->num);
}
static uint64_t used_event_addr(const VirtQueue *vq) { return vq->avail + 4 + 2 * (uint64_t)vq->num; }
static uint64_t used_idx_addr(const VirtQueue *vq) { return vq->used + 2; }
static uint64_t used_elem_addr(const VirtQueue *vq, uint16_t i)
{
    return vq->used + 4 + USED_ELEM_SIZE * (uint64_t)(i % vq->num);
}
static uint64_t avail_event_addr(const VirtQueue *vq)
{
    return vq->used + 4 + USED_ELEM_SIZE * (uint64_t)vq->num;
}

typedef struct Desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
} Desc;

static bool read_desc(const VirtIODevice *vdev, uint64_t table, unsigned i, Desc *d)
{
    uint8_t raw[DESC_SIZE];
    if (!dma_read(vdev, table + (uint64_t)i * DESC_SIZE, raw, DESC_SIZE)) {
        return false;
    }
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
    memcpy(&addr, raw, 8);
    memcpy(&len, raw + 8, 4);
    memcpy(&flags, raw + 12, 2);
    memcpy(&next, raw + 14, 2);
    *d = (Desc){ GUINT64_FROM_LE(addr), GUINT32_FROM_LE(len), GUINT16_FROM_LE(flags),
                 GUINT16_FROM_LE(next) };
    return true;
}

void virtqueue_elem_free(VirtQueueElement *elem)
{
    if (elem) {
        g_free(elem->seg);
        g_free(elem);
    }
}

/* Walks the chain at head into elem; false (the device then breaks) with
 * the reason in *why. */
static bool walk_chain(VirtQueue *vq, uint16_t head, VirtQueueElement *elem, const char **why)
{
    VirtIODevice *vdev = vq->vdev;
    GArray *out = g_array_new(FALSE, FALSE, sizeof(VirtQueueSeg));
    GArray *in = g_array_new(FALSE, FALSE, sizeof(VirtQueueSeg));
    uint64_t table = vq->desc;
    unsigned table_num = vq->num, i = head, seen = 0;
    bool indirect = false, ok = false;

    for (;;) {
        Desc d;
        if (i >= table_num) {
            *why = "descriptor index out of range";
            goto done;
        }
        if (++seen > table_num) {
            *why = "descriptor chain loops or is longer than its table";
            goto done;
        }
        if (!read_desc(vdev, table, i, &d)) {
            *why = "descriptor table not in RAM";
            goto done;
        }
        if (d.flags & DESC_F_INDIRECT) {
            /* 2.7.5.3.1: only from the ring's own table, never with NEXT,
             * a whole number of descriptors, and only if negotiated. */
            if (!virtio_has_feature(vdev, VIRTIO_F_RING_INDIRECT_DESC) || indirect ||
                (d.flags & DESC_F_NEXT) || d.len == 0 || d.len % DESC_SIZE ||
                d.len / DESC_SIZE > INDIRECT_MAX) {
                *why = "bad indirect descriptor";
                goto done;
            }
            if (!dma_ok(vdev->dma_as, d.addr, d.len)) {
                *why = "indirect table not in RAM";
                goto done;
            }
            indirect = true;
            table = d.addr;
            table_num = d.len / DESC_SIZE;
            i = 0;
            seen = 0;
            continue;
        }
        if (d.len) {
            if (!dma_ok(vdev->dma_as, d.addr, d.len)) {
                *why = "buffer not in RAM";
                goto done;
            }
            VirtQueueSeg s = { d.addr, d.len };
            if (d.flags & DESC_F_WRITE) {
                g_array_append_val(in, s);
                elem->in_len += d.len;
            } else if (in->len) {
                *why = "device-readable descriptor after a device-writable one";
                goto done;
            } else {
                g_array_append_val(out, s);
                elem->out_len += d.len;
            }
        }
        if (!(d.flags & DESC_F_NEXT)) {
            break;
        }
        i = d.next;
    }
    ok = true;
    elem->out_num = out->len;
    elem->in_num = in->len;
    elem->seg = g_new(VirtQueueSeg, out->len + in->len + 1);
    memcpy(elem->seg, out->data, out->len * sizeof(VirtQueueSeg));
    memcpy(elem->seg + out->len, in->data, in->len * sizeof(VirtQueueSeg));
done:
    g_array_free(out, TRUE);
    g_array_free(in, TRUE);
    return ok;
}

/* How many chains the driver has made available; -1 (after breaking the
 * device) if its index is not one it can have written. */
static int avail_pending(VirtQueue *vq)
{
    uint16_t idx;
    if (!read16(vq->vdev, avail_idx_addr(vq), &idx)) {
        virtio_error(vq->vdev, "queue %d: available ring not in RAM", vq->index);
        return -1;
    }
    uint16_t pending = idx - vq->last_avail_idx;
    if (pending > vq->num) {
        virtio_error(vq->vdev, "queue %d: available index %u is %u ahead of %u", vq->index,
                     idx, pending, vq->last_avail_idx);
        return -1;
    }
    /* The ring entries are read after the index (2.7.13.3's barrier). */
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    return pending;
}

VirtQueueElement *virtqueue_pop(VirtQueue *vq)
{
    VirtIODevice *vdev = vq->vdev;
    if (vdev->broken || !vq->ready || vq->num == 0 || !vq->handler) {
        return NULL;
    }
    int pending = avail_pending(vq);
    if (pending == 0 && virtio_has_feature(vdev, VIRTIO_F_RING_EVENT_IDX)) {
        /* Ask for a kick on the next buffer (avail_event, 2.7.10), then
         * look again: the driver may have added one before it saw it. */
        if (!write16(vdev, avail_event_addr(vq), vq->last_avail_idx)) {
            virtio_error(vdev, "queue %d: used ring not in RAM", vq->index);
            return NULL;
        }
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        pending = avail_pending(vq);
    }
    if (pending <= 0) {
        return NULL;
    }
    uint16_t head;
    if (!read16(vdev, avail_ring_addr(vq, vq->last_avail_idx), &head)) {
        virtio_error(vdev, "queue %d: available ring not in RAM", vq->index);
        return NULL;
    }
    VirtQueueElement *elem = g_new0(VirtQueueElement, 1);
    elem->head = head;
    elem->epoch = vq->epoch;
    const char *why = NULL;
    if (!walk_chain(vq, head, elem, &why)) {
        virtio_error(vdev, "queue %d, head %u: %s", vq->index, head, why);
        virtqueue_elem_free(elem);
        return NULL;
    }
    vq->last_avail_idx++;
    return elem;
}

void virtqueue_rewind(VirtQueue *vq, unsigned count)
{
    /* The chains stay in the available ring; the avail_event already
     * written still asks for a kick on the next new buffer. */
    vq->last_avail_idx -= count;
}

void virtqueue_push(VirtQueue *vq, VirtQueueElement *elem, uint32_t len)
{
    VirtIODevice *vdev = vq->vdev;
    if (elem->epoch != vq->epoch || vdev->broken || !vq->ready || vq->num == 0) {
        virtqueue_elem_free(elem);      /* reset meanwhile: the ring is gone */
        return;
    }
    uint8_t used[USED_ELEM_SIZE];
    uint32_t id = GUINT32_TO_LE(elem->head), le_len = GUINT32_TO_LE(len);
    memcpy(used, &id, 4);
    memcpy(used + 4, &le_len, 4);
    virtqueue_elem_free(elem);
    if (!dma_write(vdev, used_elem_addr(vq, vq->used_idx), used, sizeof(used))) {
        virtio_error(vdev, "queue %d: used ring not in RAM", vq->index);
        return;
    }
    /* The entry before the index that publishes it (2.7.8). */
    __atomic_thread_fence(__ATOMIC_RELEASE);
    vq->used_idx++;
    if (!write16(vdev, used_idx_addr(vq), vq->used_idx)) {
        virtio_error(vdev, "queue %d: used ring not in RAM", vq->index);
    }
}

/* 2.7.10.1: the driver wants an interrupt if used_event lies in the
 * entries added since the last one. */
static bool need_event(uint16_t event, uint16_t new_idx, uint16_t old_idx)
{
    return (uint16_t)(new_idx - event - 1) < (uint16_t)(new_idx - old_idx);
}

static bool should_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    /* The used index before reading what the driver asked (2.7.13.3). */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (virtio_has_feature(vdev, VIRTIO_F_RING_EVENT_IDX)) {
        uint16_t event;
        if (!read16(vdev, used_event_addr(vq), &event)) {
            return true;
        }
        uint16_t old = vq->signalled_used;
        bool valid = vq->signalled_used_valid;
        vq->signalled_used = vq->used_idx;
        vq->signalled_used_valid = true;
        return !valid || need_event(event, vq->used_idx, old);
    }
    uint16_t flags, idx;
    if (virtio_has_feature(vdev, VIRTIO_F_NOTIFY_ON_EMPTY) &&
        read16(vdev, avail_idx_addr(vq), &idx) && idx == vq->last_avail_idx) {
        return true;
    }
    return !read16(vdev, vq->avail, &flags) || !(flags & AVAIL_F_NO_INTERRUPT);
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    if (vdev->broken || !vq->ready || vq->num == 0 || !should_notify(vdev, vq)) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_QUEUE;
    if (vdev->transport && vdev->transport->notify_queue) {
        vdev->transport->notify_queue(vdev->transport_opaque, vq->index);
    }
}

/* Copies between buf and the segments [first, first + count) from byte
 * offset on. */
static size_t elem_copy(const VirtIODevice *vdev, const VirtQueueSeg *seg, unsigned count,
                        uint64_t offset, uint8_t *buf, size_t len, bool to_guest)
{
    size_t done = 0;
    for (unsigned i = 0; i < count && done < len; i++) {
        if (offset >= seg[i].len) {
            offset -= seg[i].len;
            continue;
        }
        uint64_t n = MIN((uint64_t)seg[i].len - offset, len - done);
        bool ok = to_guest ? dma_write(vdev, seg[i].addr + offset, buf + done, n)
                           : dma_read(vdev, seg[i].addr + offset, buf + done, n);
        if (!ok) {
            break;      /* RAM went away (it does not on virt): stop short */
        }
        done += n;
        offset = 0;
    }
    return done;
}

size_t virtqueue_elem_read(const VirtIODevice *vdev, const VirtQueueElement *elem,
                           uint64_t offset, void *buf, size_t len)
{
    return elem_copy(vdev, elem->seg, elem->out_num, offset, buf, len, false);
}

size_t virtqueue_elem_write(const VirtIODevice *vdev, const VirtQueueElement *elem,
                            uint64_t offset, const void *buf, size_t len)
{
    return elem_copy(vdev, elem->seg + elem->out_num, elem->in_num, offset, (uint8_t *)buf,
                     len, true);
}

/* Calls fn on each guest-physical piece of [offset, offset + len) of the
 * segments; false if they end first. */
static bool elem_pieces(const VirtQueueSeg *seg, unsigned count, uint64_t offset, uint64_t len,
                        bool (*fn)(uint64_t addr, uint64_t n, void *opaque), void *opaque)
{
    for (unsigned i = 0; i < count && len; i++) {
        if (offset >= seg[i].len) {
            offset -= seg[i].len;
            continue;
        }
        uint64_t n = MIN((uint64_t)seg[i].len - offset, len);
        if (!fn(seg[i].addr + offset, n, opaque)) {
            return false;
        }
        len -= n;
        offset = 0;
    }
    return len == 0;
}

typedef struct MapState {
    const AddressSpace *as;
    struct iovec *iov;
    int n, max;
} MapState;

static bool map_piece(uint64_t addr, uint64_t len, void *opaque)
{
    MapState *m = opaque;
    while (len) {
        uint64_t off, n = len;
        MemoryRegion *mr = address_space_translate(m->as, addr, &off, &n);
        if (!mr || mr->kind != MR_RAM || n == 0 || m->n == m->max) {
            return false;
        }
        uint8_t *host = mr->host + off;
        struct iovec *last = m->n ? &m->iov[m->n - 1] : NULL;
        if (last && (uint8_t *)last->iov_base + last->iov_len == host) {
            last->iov_len += n;         /* adjacent in the host too: one iovec */
        } else {
            m->iov[m->n++] = (struct iovec){ host, n };
        }
        addr += n;
        len -= n;
    }
    return true;
}

int virtqueue_elem_map(const VirtIODevice *vdev, const VirtQueueElement *elem, bool in,
                       uint64_t offset, uint64_t len, struct iovec *iov, int max)
{
    MapState m = { vdev->dma_as, iov, 0, max };
    const VirtQueueSeg *seg = in ? elem->seg + elem->out_num : elem->seg;
    unsigned count = in ? elem->in_num : elem->out_num;
    return elem_pieces(seg, count, offset, len, map_piece, &m) ? m.n : -1;
}

static bool written_piece(uint64_t addr, uint64_t n, void *opaque)
{
    const AddressSpace *as = opaque;
    as->ram_written(addr, n);
    return true;
}

void virtqueue_elem_written(const VirtIODevice *vdev, const VirtQueueElement *elem,
                            uint64_t offset, uint64_t len)
{
    if (vdev->dma_as->ram_written) {
        elem_pieces(elem->seg + elem->out_num, elem->in_num, offset, len, written_piece,
                    (void *)vdev->dma_as);
    }
}
