/*
 * The GICv3 ITS (arm-gicv3-its.h): its registers, the command queue and
 * one handler per command, the translation of an (DeviceID, EventID)
 * pair through the device table, the device's ITT and the collection
 * table to an LPI on one CPU.  References are to IHI 0069.
 *
 * Table entries are this model's format, little-endian, in slots of the
 * sizes qemu gives (so that a guest sizes its tables as under qemu):
 *   device (DTE, 8):      [63] valid, [51:8] ITT address, [4:0] EventID bits - 1
 *   collection (CTE, 8):  [63] valid, [15:0] target processor number
 *   ITT entry (ITTE, 12): [63] valid, [31:16] ICID, [15:0] physical INTID in
 *                         its first 8 bytes
 */
#include <string.h>

#include <glib.h>

#include "hw/intc/arm-gicv3-its.h"
#include "arm-gicv3-internal.h"

enum {
    GITS_CTLR = 0x0000, GITS_IIDR = 0x0004, GITS_TYPER = 0x0008,
    GITS_CBASER = 0x0080, GITS_CWRITER = 0x0088, GITS_CREADR = 0x0090,
    GITS_BASER = 0x0100,
};

#define GITS_CTLR_ENABLED       (1u << 0)
#define GITS_CTLR_QUIESCENT     (1u << 31)
#define GITS_IIDR_VALUE         0x43b       /* Arm, as the GIC's and qemu's */
#define ITS_ID_BITS             16          /* DeviceID, EventID, ICID */
#define ITS_ENTRY_SIZE          8           /* DTE, CTE */
#define ITS_ITTE_SIZE           12

/* GITS_TYPER (12.19.20), qemu's: Physical, ITT_entry_size, IDbits,
 * Devbits, CIL with CIDbits 16; no virtual LPIs, PTA = 0, HCC = 0. */
#define GITS_TYPER_VALUE        (1ull | (ITS_ITTE_SIZE - 1ull) << 4 | \
                                 (ITS_ID_BITS - 1ull) << 8 | (ITS_ID_BITS - 1ull) << 13 | \
                                 (ITS_ID_BITS - 1ull) << 32 | 1ull << 36)

/* GITS_CBASER (12.19.2) and GITS_BASER<n> (12.19.3). */
#define BASER_VALID             (1ull << 63)
#define BASER_INDIRECT          (1ull << 62)
#define BASER_TYPE_SHIFT        56
#define BASER_ESIZE_SHIFT       48
#define BASER_CACHE             (7ull << 59 | 7ull << 53 | 3ull << 10)
#define CBASER_PA               0x000ffffffffff000ull
#define CBASER_MASK             (BASER_VALID | BASER_CACHE | CBASER_PA | 0xffull)
#define BASER_PA                0x0000fffffffff000ull
#define BASER_PAGE_SIZE_SHIFT   8
#define BASER_MASK              (BASER_VALID | BASER_INDIRECT | BASER_CACHE | BASER_PA | \
                                 3ull << 8 | 0xffull)
#define CQUEUE_OFFSET           0x000fffe0ull   /* CWRITER/CREADR [19:5] */
#define CWRITER_RETRY           1ull
#define CREADR_STALLED          1ull

enum { BASER_TYPE_DEVICE = 1, BASER_TYPE_COLLECTION = 4 };
enum { TABLE_DEVICE = 0, TABLE_COLLECTION = 1 };     /* the BASER index */

#define ENTRY_VALID             (1ull << 63)
#define DTE_ITT                 0x000fffffffffff00ull
#define DTE_SIZE                0x1full

/* What a step of a command met. */
typedef enum ITSResult {
    ITS_OK,
    ITS_BAD,            /* a bad argument or an unmapped ID: ignore the command */
    ITS_STALL,          /* guest memory the ITS cannot reach: stall the queue */
} ITSResult;

/* PIDR4..7, PIDR0..3, CIDR0..3 at 0xFFD0: PIDR2 0x3B says ArchRev 3,
 * which Linux checks before it uses the ITS; PIDR0 0x94 as qemu's. */
static const uint8_t id_regs[12] = {
    0x44, 0x00, 0x00, 0x00, 0x94, 0xb4, 0x3b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

/* ---- guest memory ---- */

static ITSResult read_u64(GICv3ITSState *s, uint64_t addr, uint64_t *v)
{
    if (!gicv3_ram_rw(s->as, addr, v, 8, false)) {
        g_debug("gicv3-its: no RAM at 0x%" G_GINT64_MODIFIER "x", addr);
        return ITS_STALL;
    }
    *v = GUINT64_FROM_LE(*v);
    return ITS_OK;
}

static ITSResult write_u64(GICv3ITSState *s, uint64_t addr, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    if (!gicv3_ram_rw(s->as, addr, &v, 8, true)) {
        g_debug("gicv3-its: no RAM at 0x%" G_GINT64_MODIFIER "x", addr);
        return ITS_STALL;
    }
    return ITS_OK;
}

static uint64_t page_size(uint64_t baser)
{
    static const uint64_t sizes[4] = { 0x1000, 0x4000, 0x10000, 0x10000 };
    return sizes[baser >> BASER_PAGE_SIZE_SHIFT & 3];
}

/* Where entry id of a table lies, if the table is valid and holds it.
 * A flat table is (Size + 1) pages of entries; an indirect one (12.19.3)
 * as many pages of 8-byte descriptors, [63] valid and [47:12] the
 * address of a page of entries. */
static ITSResult table_entry(GICv3ITSState *s, int table, uint32_t id, uint64_t *addr)
{
    uint64_t b = s->baser[table];
    uint64_t page = page_size(b);
    uint64_t size = ((b & 0xff) + 1) * page;
    uint64_t base = b & BASER_PA & ~(page - 1);
    if (!(b & BASER_VALID) || id >= 1u << ITS_ID_BITS) {
        return ITS_BAD;
    }
    if (b & BASER_INDIRECT) {
        uint64_t per_page = page / ITS_ENTRY_SIZE, l1;
        uint64_t l1_off = id / per_page * 8;
        if (l1_off + 8 > size) {
            return ITS_BAD;
        }
        ITSResult r = read_u64(s, base + l1_off, &l1);
        if (r != ITS_OK) {
            return r;
        }
        if (!(l1 & ENTRY_VALID)) {
            return ITS_BAD;
        }
        *addr = (l1 & BASER_PA & ~(page - 1)) + id % per_page * ITS_ENTRY_SIZE;
        return ITS_OK;
    }
    if ((uint64_t)id * ITS_ENTRY_SIZE + ITS_ENTRY_SIZE > size) {
        return ITS_BAD;
    }
    *addr = base + (uint64_t)id * ITS_ENTRY_SIZE;
    return ITS_OK;
}

/* How many IDs a table's pages can hold, flat or indirect. */
static uint64_t table_capacity(const GICv3ITSState *s, int table)
{
    uint64_t b = s->baser[table];
    uint64_t page = page_size(b);
    uint64_t size = ((b & 0xff) + 1) * page;
    if (!(b & BASER_VALID)) {
        return 0;
    }
    return b & BASER_INDIRECT ? size / 8 * (page / ITS_ENTRY_SIZE) : size / ITS_ENTRY_SIZE;
}

static uint64_t collection_capacity(const GICv3ITSState *s)
{
    return table_capacity(s, TABLE_COLLECTION);
}

static ITSResult read_entry(GICv3ITSState *s, int table, uint32_t id, uint64_t *v)
{
    uint64_t addr;
    ITSResult r = table_entry(s, table, id, &addr);
    return r == ITS_OK ? read_u64(s, addr, v) : r;
}

static ITSResult write_entry(GICv3ITSState *s, int table, uint32_t id, uint64_t v)
{
    uint64_t addr;
    ITSResult r = table_entry(s, table, id, &addr);
    return r == ITS_OK ? write_u64(s, addr, v) : r;
}

/* ---- translation ---- */

/* One event of one device, as far as the tables map it. */
typedef struct ITSEvent {
    uint64_t ite_addr;      /* its ITT entry */
    uint64_t ite;
    int intid;
    int icid;
} ITSEvent;

/* The device's ITT entry for event_id, valid or not. */
static ITSResult find_ite(GICv3ITSState *s, uint32_t device_id, uint32_t event_id,
                          ITSEvent *ev)
{
    uint64_t dte;
    ITSResult r = read_entry(s, TABLE_DEVICE, device_id, &dte);
    if (r != ITS_OK) {
        return r;
    }
    if (!(dte & ENTRY_VALID) || event_id >> ((dte & DTE_SIZE) + 1)) {
        return ITS_BAD;     /* unmapped, or beyond the ITT's size */
    }
    ev->ite_addr = (dte & DTE_ITT) + (uint64_t)event_id * ITS_ITTE_SIZE;
    r = read_u64(s, ev->ite_addr, &ev->ite);
    ev->intid = ev->ite & 0xffff;
    ev->icid = ev->ite >> 16 & 0xffff;
    return r;
}

/* The processor a mapped collection targets. */
static ITSResult collection_cpu(GICv3ITSState *s, uint32_t icid, int *cpu)
{
    uint64_t cte;
    ITSResult r = read_entry(s, TABLE_COLLECTION, icid, &cte);
    if (r != ITS_OK) {
        return r;
    }
    *cpu = cte & 0xffff;
    return cte & ENTRY_VALID && *cpu < s->gic->num_cpu ? ITS_OK : ITS_BAD;
}

/* A mapped event and the processor its collection targets. */
static ITSResult find_event(GICv3ITSState *s, uint32_t device_id, uint32_t event_id,
                            ITSEvent *ev, int *cpu)
{
    ITSResult r = find_ite(s, device_id, event_id, ev);
    if (r != ITS_OK) {
        return r;
    }
    if (!(ev->ite & ENTRY_VALID)) {
        return ITS_BAD;
    }
    return collection_cpu(s, ev->icid, cpu);
}

void gicv3_its_translate(GICv3ITSState *s, uint32_t device_id, uint32_t event_id)
{
    ITSEvent ev;
    int cpu;
    if (!(s->ctlr & GITS_CTLR_ENABLED)) {
        return;
    }
    if (find_event(s, device_id, event_id, &ev, &cpu) != ITS_OK) {
        g_debug("gicv3-its: MSI from device 0x%x event %u is not mapped", device_id, event_id);
        return;
    }
    gicv3_lpi_set_pending(s->gic, cpu, ev.intid, true);
}

/* ---- commands (5.3) ---- */

/* The fields commands share: DW0 [7:0] command, [63:32] DeviceID; DW1
 * [31:0] EventID, [63:32] pINTID, [4:0] Size (MAPD); DW2 [15:0] ICID,
 * [51:8] ITT address (MAPD), [51:16] RDbase (a processor number with
 * PTA = 0), [63] V; DW3 [51:16] RDbase2 (MOVALL). */
typedef struct ITSCmd {
    uint64_t dw[4];
} ITSCmd;

static uint32_t cmd_device(const ITSCmd *c) { return c->dw[0] >> 32; }
static uint32_t cmd_event(const ITSCmd *c) { return (uint32_t)c->dw[1]; }
static uint32_t cmd_pintid(const ITSCmd *c) { return c->dw[1] >> 32; }
static uint32_t cmd_icid(const ITSCmd *c) { return c->dw[2] & 0xffff; }
static bool cmd_valid(const ITSCmd *c) { return c->dw[2] >> 63; }
static uint64_t cmd_rdbase(uint64_t dw) { return dw >> 16 & 0xfffffffffull; }

static bool rdbase_ok(GICv3ITSState *s, uint64_t rdbase)
{
    return rdbase < (uint64_t)s->gic->num_cpu;
}

/* MAPD: (un)map a device to an ITT of 2^(Size+1) events. */
static ITSResult cmd_mapd(GICv3ITSState *s, const ITSCmd *c)
{
    uint64_t size = c->dw[1] & DTE_SIZE;
    if (size >= ITS_ID_BITS) {
        return ITS_BAD;
    }
    uint64_t dte = cmd_valid(c) ? ENTRY_VALID | (c->dw[2] & DTE_ITT) | size : 0;
    return write_entry(s, TABLE_DEVICE, cmd_device(c), dte);
}

/* MAPC: (un)map a collection to a processor. */
static ITSResult cmd_mapc(GICv3ITSState *s, const ITSCmd *c)
{
    uint64_t rd = cmd_rdbase(c->dw[2]);
    if (cmd_valid(c) && !rdbase_ok(s, rd)) {
        return ITS_BAD;
    }
    return write_entry(s, TABLE_COLLECTION, cmd_icid(c), cmd_valid(c) ? ENTRY_VALID | rd : 0);
}

static ITSResult map_event(GICv3ITSState *s, const ITSCmd *c, uint32_t intid)
{
    ITSEvent ev;
    ITSResult r = find_ite(s, cmd_device(c), cmd_event(c), &ev);
    if (r != ITS_OK) {
        return r;
    }
    if (!gicv3_is_lpi(intid)) {
        return ITS_BAD;
    }
    /* The collection need not be mapped yet (nor its indirect page be
     * there), but its ID must fit the table. */
    if (cmd_icid(c) >= collection_capacity(s)) {
        return ITS_BAD;
    }
    return write_u64(s, ev.ite_addr, ENTRY_VALID | (uint64_t)cmd_icid(c) << 16 | intid);
}

static ITSResult cmd_mapti(GICv3ITSState *s, const ITSCmd *c)
{
    return map_event(s, c, cmd_pintid(c));
}

/* MAPI: MAPTI with the EventID as the LPI. */
static ITSResult cmd_mapi(GICv3ITSState *s, const ITSCmd *c)
{
    return map_event(s, c, cmd_event(c));
}

/* INT, CLEAR, DISCARD, INV: what they do to one mapped event's LPI. */
static ITSResult event_cmd(GICv3ITSState *s, const ITSCmd *c, ITSEvent *ev, int *cpu)
{
    return find_event(s, cmd_device(c), cmd_event(c), ev, cpu);
}

/* INT, CLEAR and DISCARD: the event's LPI made pending or not, and for
 * DISCARD the event unmapped (its ITT entry cleared). */
static ITSResult set_event_pending(GICv3ITSState *s, const ITSCmd *c, bool pending, bool unmap)
{
    ITSEvent ev;
    int cpu;
    ITSResult r = event_cmd(s, c, &ev, &cpu);
    if (r == ITS_OK) {
        gicv3_lpi_set_pending(s->gic, cpu, ev.intid, pending);
        if (unmap) {
            r = write_u64(s, ev.ite_addr, 0);
        }
    }
    return r;
}

static ITSResult cmd_int(GICv3ITSState *s, const ITSCmd *c)
{
    return set_event_pending(s, c, true, false);
}

static ITSResult cmd_clear(GICv3ITSState *s, const ITSCmd *c)
{
    return set_event_pending(s, c, false, false);
}

static ITSResult cmd_discard(GICv3ITSState *s, const ITSCmd *c)
{
    return set_event_pending(s, c, false, true);
}

static ITSResult cmd_inv(GICv3ITSState *s, const ITSCmd *c)
{
    ITSEvent ev;
    int cpu;
    ITSResult r = event_cmd(s, c, &ev, &cpu);
    if (r == ITS_OK) {
        gicv3_lpi_config_changed(s->gic, cpu);
    }
    return r;
}

static ITSResult cmd_invall(GICv3ITSState *s, const ITSCmd *c)
{
    int cpu;
    ITSResult r = collection_cpu(s, cmd_icid(c), &cpu);
    if (r == ITS_OK) {
        gicv3_lpi_config_changed(s->gic, cpu);
    }
    return r;
}

/* SYNC: everything is done already; only the target is checked. */
static ITSResult cmd_sync(GICv3ITSState *s, const ITSCmd *c)
{
    return rdbase_ok(s, cmd_rdbase(c->dw[2])) ? ITS_OK : ITS_BAD;
}

/* MOVI: the event to another collection, its pending state along. */
static ITSResult cmd_movi(GICv3ITSState *s, const ITSCmd *c)
{
    ITSEvent ev;
    int from, to;
    ITSResult r = event_cmd(s, c, &ev, &from);
    if (r == ITS_OK) {
        r = collection_cpu(s, cmd_icid(c), &to);
    }
    if (r != ITS_OK) {
        return r;
    }
    r = write_u64(s, ev.ite_addr, (ev.ite & ~(0xffffull << 16)) | (uint64_t)cmd_icid(c) << 16);
    if (r == ITS_OK && from != to && gicv3_lpi_pending(s->gic, from, ev.intid)) {
        gicv3_lpi_set_pending(s->gic, from, ev.intid, false);
        gicv3_lpi_set_pending(s->gic, to, ev.intid, true);
    }
    return r;
}

static ITSResult cmd_movall(GICv3ITSState *s, const ITSCmd *c)
{
    uint64_t from = cmd_rdbase(c->dw[2]), to = cmd_rdbase(c->dw[3]);
    if (!rdbase_ok(s, from) || !rdbase_ok(s, to)) {
        return ITS_BAD;
    }
    gicv3_lpi_move_all(s->gic, from, to);
    return ITS_OK;
}

typedef struct ITSCmdInfo {
    const char *name;
    ITSResult (*run)(GICv3ITSState *s, const ITSCmd *c);
} ITSCmdInfo;

/* The physical commands, by their numbers (5.3, Table 5-4); the virtual
 * ones (GITS_TYPER.Virtual = 0) are not there. */
static const ITSCmdInfo its_cmds[256] = {
    [0x01] = { "MOVI", cmd_movi },
    [0x03] = { "INT", cmd_int },
    [0x04] = { "CLEAR", cmd_clear },
    [0x05] = { "SYNC", cmd_sync },
    [0x08] = { "MAPD", cmd_mapd },
    [0x09] = { "MAPC", cmd_mapc },
    [0x0a] = { "MAPTI", cmd_mapti },
    [0x0b] = { "MAPI", cmd_mapi },
    [0x0c] = { "INV", cmd_inv },
    [0x0d] = { "INVALL", cmd_invall },
    [0x0e] = { "MOVALL", cmd_movall },
    [0x0f] = { "DISCARD", cmd_discard },
};

static uint64_t queue_size(const GICv3ITSState *s)
{
    return ((s->cbaser & 0xff) + 1) * 0x1000;
}

/* Runs the queue from CREADR up to CWRITER, if the ITS is on and not
 * stalled.  A CWRITER beyond the queue stalls it. */
static void process_queue(GICv3ITSState *s)
{
    if (!(s->ctlr & GITS_CTLR_ENABLED) || !(s->cbaser & BASER_VALID) ||
        (s->creadr & CREADR_STALLED)) {
        return;
    }
    uint64_t size = queue_size(s), base = s->cbaser & CBASER_PA;
    uint64_t rd = s->creadr & CQUEUE_OFFSET, wr = s->cwriter & CQUEUE_OFFSET;
    if (wr >= size || rd >= size) {
        g_debug("gicv3-its: command queue offset beyond its size 0x%" G_GINT64_MODIFIER "x",
                size);
        s->creadr |= CREADR_STALLED;
        return;
    }
    while (rd != wr) {
        ITSCmd c;
        ITSResult r = ITS_STALL;
        if (gicv3_ram_rw(s->as, base + rd, c.dw, sizeof(c.dw), false)) {
            for (int i = 0; i < 4; i++) {
                c.dw[i] = GUINT64_FROM_LE(c.dw[i]);
            }
            const ITSCmdInfo *info = &its_cmds[c.dw[0] & 0xff];
            r = info->run ? info->run(s, &c) : ITS_BAD;
            if (r == ITS_BAD) {
                g_debug("gicv3-its: command 0x%02x (%s) ignored", (unsigned)(c.dw[0] & 0xff),
                        info->name ? info->name : "unknown");
            }
        }
        if (r == ITS_STALL) {
            s->creadr = rd | CREADR_STALLED;
            return;
        }
        rd = (rd + sizeof(c.dw)) % size;
    }
    s->creadr = rd;
}

/* ---- registers (12.19) ---- */

static uint64_t baser_reset(int n)
{
    int type = n == TABLE_DEVICE ? BASER_TYPE_DEVICE
             : n == TABLE_COLLECTION ? BASER_TYPE_COLLECTION : 0;
    return type ? (uint64_t)type << BASER_TYPE_SHIFT |
                  (ITS_ENTRY_SIZE - 1ull) << BASER_ESIZE_SHIFT : 0;
}

static uint64_t *reg64(GICv3ITSState *s, uint64_t offset)
{
    switch (offset & ~7ull) {
    case GITS_TYPER: return NULL;
    case GITS_CBASER: return &s->cbaser;
    case GITS_CWRITER: return &s->cwriter;
    case GITS_CREADR: return &s->creadr;
    }
    if (offset >= GITS_BASER && offset < GITS_BASER + 8 * GITS_NUM_BASER) {
        return &s->baser[(offset - GITS_BASER) / 8];
    }
    return NULL;
}

static uint64_t its_read(void *opaque, uint64_t offset, unsigned size)
{
    GICv3ITSState *s = opaque;
    uint64_t v = 0;
    uint64_t *reg = reg64(s, offset);
    if (offset < 8) {
        uint32_t ctlr = s->ctlr | GITS_CTLR_QUIESCENT;
        v = offset < 4 ? ctlr | (uint64_t)GITS_IIDR_VALUE << 32 : GITS_IIDR_VALUE;
    } else if ((offset & ~7ull) == GITS_TYPER) {
        v = GITS_TYPER_VALUE >> (8 * (offset & 4));
    } else if (reg) {
        v = *reg >> (8 * (offset & 4));
    } else if (offset >= 0xffd0 && offset < 0x10000 && !(offset & 3)) {
        v = id_regs[(offset - 0xffd0) / 4];
    }
    return size == 8 ? v : (uint32_t)v;
}

/* A 4- or 8-byte write into a 64-bit register, the rest kept. */
static uint64_t merge(uint64_t old, uint64_t offset, uint64_t value, unsigned size)
{
    if (size == 8) {
        return value;
    }
    int shift = 8 * (offset & 4);
    return (old & ~(0xffffffffull << shift)) | (value & 0xffffffffull) << shift;
}

/* CBASER and the BASERs take writes only while the ITS is off (the
 * architecture makes them UNPREDICTABLE otherwise; qemu ignores them). */
static void its_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    GICv3ITSState *s = opaque;
    bool enabled = s->ctlr & GITS_CTLR_ENABLED;
    if (offset == GITS_TRANSLATER_OFFSET) {
        int id = s->requester_id ? s->requester_id() : -1;
        if (id < 0) {
            g_debug("gicv3-its: GITS_TRANSLATER write without a requester ID dropped");
        } else {
            gicv3_its_translate(s, id, (uint32_t)value);
        }
        return;
    }
    if (offset == GITS_CTLR) {
        s->ctlr = value & GITS_CTLR_ENABLED;
        process_queue(s);
    } else if ((offset & ~7ull) == GITS_CBASER) {
        if (!enabled) {
            s->cbaser = merge(s->cbaser, offset, value, size) & CBASER_MASK;
            s->creadr = 0;      /* 12.19.2 */
        }
    } else if ((offset & ~7ull) == GITS_CWRITER) {
        s->cwriter = merge(s->cwriter, offset, value, size) & (CQUEUE_OFFSET | CWRITER_RETRY);
        if (s->cwriter & CWRITER_RETRY) {
            s->creadr &= ~CREADR_STALLED;
        }
        process_queue(s);
    } else if (offset >= GITS_BASER && offset < GITS_BASER + 8 * GITS_NUM_BASER) {
        int n = (offset - GITS_BASER) / 8;
        if (!enabled && baser_reset(n)) {
            /* Type and Entry_Size read-only. */
            s->baser[n] = (merge(s->baser[n], offset, value, size) & BASER_MASK) |
                          baser_reset(n);
        }
    } else {
        g_debug("gicv3-its: write of offset 0x%" G_GINT64_MODIFIER "x ignored", offset);
    }
}

static const MemoryRegionOps its_ops = {
    .read = its_read, .write = its_write, .min_access = 4, .max_access = 8,
};

void gicv3_its_reset(GICv3ITSState *s)
{
    s->ctlr = 0;
    s->cbaser = s->cwriter = s->creadr = 0;
    for (int n = 0; n < GITS_NUM_BASER; n++) {
        s->baser[n] = baser_reset(n);
    }
}

void gicv3_its_init(GICv3ITSState *s, GICv3State *gic, const AddressSpace *as,
                    int (*requester_id)(void))
{
    memset(s, 0, sizeof(*s));
    s->gic = gic;
    s->as = as;
    s->requester_id = requester_id;
    gicv3_enable_lpis(gic, as);
    memory_region_init_io(&s->iomem, &its_ops, s, "arm-gicv3-its", GITS_FRAME_SIZE);
    gicv3_its_reset(s);
}

void gicv3_its_destroy(GICv3ITSState *s)
{
    memory_region_destroy(&s->iomem);
}

/* Loaded values may come from anywhere: the read-only fields as they are
 * here, the rest within their masks.  The queue is not run: the loaded
 * CREADR says where it stopped, and the next CWRITER write goes on. */
static bool its_post_load(void *opaque, int version)
{
    GICv3ITSState *s = opaque;
    (void)version;
    s->ctlr &= GITS_CTLR_ENABLED;
    s->cbaser &= CBASER_MASK;
    s->cwriter &= CQUEUE_OFFSET | CWRITER_RETRY;
    s->creadr &= CQUEUE_OFFSET | CREADR_STALLED;
    for (int n = 0; n < GITS_NUM_BASER; n++) {
        s->baser[n] = baser_reset(n) ? (s->baser[n] & BASER_MASK) | baser_reset(n) : 0;
    }
    return true;
}

const VMStateDescription vmstate_gicv3_its = {
    .name = "gicv3-its",
    .version = 1,
    .minimum_version = 1,
    .post_load = its_post_load,
    .fields = (const VMStateField[]){
        VMSTATE_FIELD(ctlr, GICv3ITSState, 1),
        VMSTATE_FIELD(cbaser, GICv3ITSState, 1),
        VMSTATE_FIELD(cwriter, GICv3ITSState, 1),
        VMSTATE_FIELD(creadr, GICv3ITSState, 1),
        VMSTATE_ARRAY(baser, GICv3ITSState, 1),
        VMSTATE_END,
    },
};
