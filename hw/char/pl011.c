/*
 * The PL011 UART (pl011.h): its register map as one table (offsets and
 * names from the TRM, ARM DDI 0183 section 3.2 "Summary of registers"),
 * the receive FIFO fed by the character back end, and the combined
 * interrupt.  Behaviour follows qemu 7.2 where qemu departs from the TRM,
 * because guests tuned on qemu (and users comparing) expect exactly that:
 *
 *  - A write to UARTDR goes to the back end at once and sets TXRIS, which
 *    stays set until UARTICR clears it (there is no transmit FIFO to
 *    drain, so TXFF never sets and TXFE always reads 1).
 *  - RXRIS sets when the FIFO gets its first character and clears when a
 *    read leaves it empty, whatever UARTIFLS says: Linux only reads the
 *    FIFO on an interrupt, and a level above one would strand characters
 *    (there is no receive timeout interrupt to rescue them).
 *  - UARTCR's enables are stored, not acted on; registers keep all 32
 *    bits written; any access size reaches the register at offset & ~3.
 *  - Bad accesses (unknown offsets, reads of UARTICR, writes of UARTRIS,
 *    UARTMIS and the ID registers) are guest errors: logged, reads 0.
 */
#include <string.h>

#include "hw/char/pl011.h"

/* UARTDR (TRM 3.3.1): received data and its error bits. */
#define DR_BE           (1u << 10)  /* break */
/* UARTFR (TRM 3.3.3). */
#define FR_TXFE         (1u << 7)
#define FR_RXFF         (1u << 6)
#define FR_RXFE         (1u << 4)
/* UARTLCR_H (TRM 3.3.7). */
#define LCR_FEN         (1u << 4)
/* UARTRIS/UARTMIS/UARTIMSC/UARTICR bits (TRM 3.3.11-3.3.14). */
#define INT_RX          (1u << 4)
#define INT_TX          (1u << 5)
#define INT_ALL         0x7ffu      /* OE BE PE FE RT TX RX DSR DCD CTS RI */

/* Reset values (TRM 3.2, table 3-1); FR: both FIFOs empty. */
#define CR_RESET        0x0300u     /* TXE, RXE */
#define IFLS_RESET      0x12u       /* both at half full */
#define FR_RESET        (FR_TXFE | FR_RXFE)

/* UARTPeriphID0-3 and UARTPCellID0-3 at 0xFE0-0xFFC, qemu's "pl011" values
 * (part 0x011, designer ARM 0x41, revision 1; the PrimeCell cookie). */
#define ID_BASE         0xfe0
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static void update_irq(PL011State *s)
{
    irq_set_level(s->irq, (s->int_level & s->int_enabled & INT_ALL) != 0);
}

static int fifo_capacity(const PL011State *s)
{
    /* FEN clear: a one-character holding register (TRM 2.4.3). */
    return s->lcr & LCR_FEN ? PL011_FIFO_DEPTH : 1;
}

/* ---- receiving ---- */

static void fifo_put(PL011State *s, uint32_t value)
{
    if (s->read_count >= fifo_capacity(s)) {
        return;                 /* can_read said no; a break finds it full */
    }
    int slot = (s->read_pos + s->read_count) % PL011_FIFO_DEPTH;
    s->read_fifo[slot] = value;
    s->read_count++;
    s->flags &= ~FR_RXFE;
    if (s->read_count == fifo_capacity(s)) {
        s->flags |= FR_RXFF;
    }
    if (s->read_count == s->read_trigger) {
        s->int_level |= INT_RX;
        update_irq(s);
    }
}

static int pl011_can_read(void *opaque)
{
    PL011State *s = opaque;
    return MAX(fifo_capacity(s) - s->read_count, 0);
}

static void pl011_receive(void *opaque, const uint8_t *buf, int len)
{
    for (int i = 0; i < len; i++) {
        fifo_put(opaque, buf[i]);
    }
}

static void pl011_event(void *opaque, ChardevEvent event)
{
    /* A break arrives as a NUL with BE set (TRM 3.3.1). */
    if (event == CHARDEV_EVENT_BREAK) {
        fifo_put(opaque, DR_BE);
    }
}

static const ChardevHandlers pl011_handlers = {
    pl011_can_read, pl011_receive, pl011_event,
};

/* ---- the registers ---- */

static uint32_t dr_read(PL011State *s)
{
    uint32_t c = s->read_fifo[s->read_pos];
    s->flags &= ~FR_RXFF;
    if (s->read_count > 0) {
        s->read_count--;
        s->read_pos = (s->read_pos + 1) % PL011_FIFO_DEPTH;
    }
    if (s->read_count == 0) {
        s->flags |= FR_RXFE;
    }
    if (s->read_count == s->read_trigger - 1) {
        s->int_level &= ~INT_RX;
    }
    s->rsr = c >> 8;            /* the char's errors, as UARTRSR shows them */
    update_irq(s);
    if (s->chr) {
        chardev_accept_input(s->chr);
    }
    return c;
}

static void dr_write(PL011State *s, uint32_t value)
{
    uint8_t ch = value;
    chardev_write(s->chr, &ch, 1);
    s->int_level |= INT_TX;
    update_irq(s);
}

static void ecr_write(PL011State *s, uint32_t value)
{
    s->rsr = 0;                 /* any value clears the errors */
}

static void fr_write(PL011State *s, uint32_t value)
{
    /* Read-only, and qemu ignores writes without a word. */
}

static void lcr_write(PL011State *s, uint32_t value)
{
    /* Switching the FIFO on or off empties it (qemu). */
    if ((s->lcr ^ value) & LCR_FEN) {
        s->read_count = 0;
        s->read_pos = 0;
        s->flags = (s->flags & ~FR_RXFF) | FR_RXFE;
    }
    s->lcr = value;
}

static void dmacr_write(PL011State *s, uint32_t value)
{
    s->dmacr = value;
    if (value & 3) {            /* RXDMAE, TXDMAE */
        g_debug("pl011: unimplemented: DMA");
    }
}

static void imsc_write(PL011State *s, uint32_t value)
{
    s->int_enabled = value;
    update_irq(s);
}

static uint32_t mis_read(PL011State *s)
{
    return s->int_level & s->int_enabled;
}

static void icr_write(PL011State *s, uint32_t value)
{
    s->int_level &= ~value;
    update_irq(s);
}

enum { REG_R = 1, REG_W = 2 };
#define NO_FIELD ((size_t)-1)
#define REG_FIELD(f) offsetof(PL011State, f)

/* A register: where it is, what the guest may do, and how.  Without a
 * hook a read or write is the field itself. */
typedef struct PL011Register {
    const char *name;
    unsigned access;
    size_t field;
    uint32_t (*read)(PL011State *s);
    void (*write)(PL011State *s, uint32_t value);
} PL011Register;

/* Indexed by offset / 4 (TRM table 3-1). */
static const PL011Register registers[] = {
    [0x000 / 4] = { "UARTDR",      REG_R | REG_W, NO_FIELD,               dr_read,  dr_write },
    [0x004 / 4] = { "UARTRSR/ECR", REG_R | REG_W, REG_FIELD(rsr),         NULL,     ecr_write },
    [0x018 / 4] = { "UARTFR",      REG_R | REG_W, REG_FIELD(flags),       NULL,     fr_write },
    [0x020 / 4] = { "UARTILPR",    REG_R | REG_W, REG_FIELD(ilpr),        NULL,     NULL },
    [0x024 / 4] = { "UARTIBRD",    REG_R | REG_W, REG_FIELD(ibrd),        NULL,     NULL },
    [0x028 / 4] = { "UARTFBRD",    REG_R | REG_W, REG_FIELD(fbrd),        NULL,     NULL },
    [0x02c / 4] = { "UARTLCR_H",   REG_R | REG_W, REG_FIELD(lcr),         NULL,     lcr_write },
    [0x030 / 4] = { "UARTCR",      REG_R | REG_W, REG_FIELD(cr),          NULL,     NULL },
    [0x034 / 4] = { "UARTIFLS",    REG_R | REG_W, REG_FIELD(ifl),         NULL,     NULL },
    [0x038 / 4] = { "UARTIMSC",    REG_R | REG_W, REG_FIELD(int_enabled), NULL,     imsc_write },
    [0x03c / 4] = { "UARTRIS",     REG_R,         REG_FIELD(int_level),   NULL,     NULL },
    [0x040 / 4] = { "UARTMIS",     REG_R,         NO_FIELD,               mis_read, NULL },
    [0x044 / 4] = { "UARTICR",     REG_W,         NO_FIELD,               NULL,     icr_write },
    [0x048 / 4] = { "UARTDMACR",   REG_R | REG_W, REG_FIELD(dmacr),       NULL,     dmacr_write },
};

static const PL011Register *find_register(uint64_t offset)
{
    uint64_t index = offset / 4;
    if (index < G_N_ELEMENTS(registers) && registers[index].name) {
        return &registers[index];
    }
    return NULL;
}

static uint32_t *field_of(PL011State *s, const PL011Register *reg)
{
    return (uint32_t *)((char *)s + reg->field);
}

static uint64_t pl011_read(void *opaque, uint64_t offset, unsigned size)
{
    PL011State *s = opaque;
    const PL011Register *reg = find_register(offset);
    if (reg && (reg->access & REG_R)) {
        return reg->read ? reg->read(s) : *field_of(s, reg);
    }
    if (offset >= ID_BASE && offset < PL011_MMIO_SIZE) {
        return pl011_id[(offset - ID_BASE) / 4];
    }
    g_debug("pl011: guest error: read of %s at 0x%" G_GINT64_MODIFIER "x",
            reg ? reg->name : "nothing", offset);
    return 0;
}

static void pl011_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    PL011State *s = opaque;
    const PL011Register *reg = find_register(offset);
    if (reg && (reg->access & REG_W)) {
        if (reg->write) {
            reg->write(s, (uint32_t)value);
        } else {
            *field_of(s, reg) = (uint32_t)value;
        }
        return;
    }
    g_debug("pl011: guest error: write of 0x%" G_GINT64_MODIFIER "x to %s at 0x%"
            G_GINT64_MODIFIER "x", value, reg ? reg->name : "nothing", offset);
}

static const MemoryRegionOps pl011_ops = {
    .read = pl011_read,
    .write = pl011_write,
    /* qemu's default for a device that says nothing: 1 to 4 bytes, each
     * reaching the register at offset & ~3 with the value unshifted. */
    .min_access = 1,
    .max_access = 4,
};

/* ---- life cycle ---- */

void pl011_reset(PL011State *s)
{
    s->readbuff = 0;
    s->lcr = s->rsr = s->dmacr = 0;
    s->int_enabled = s->int_level = 0;
    s->ilpr = s->ibrd = s->fbrd = 0;
    memset(s->read_fifo, 0, sizeof(s->read_fifo));
    s->read_pos = s->read_count = 0;
    s->read_trigger = 1;
    s->ifl = IFLS_RESET;
    s->cr = CR_RESET;
    s->flags = FR_RESET;
    update_irq(s);
}

bool pl011_init(PL011State *s, Chardev *chr, IRQLine *irq, GError **err)
{
    memset(s, 0, sizeof(*s));
    s->irq = irq;
    pl011_reset(s);
    if (chr) {
        s->fe = chardev_attach(chr, &pl011_handlers, s, err);
        if (!s->fe) {
            return false;
        }
        s->chr = chr;
    }
    memory_region_init_io(&s->iomem, &pl011_ops, s, "pl011", PL011_MMIO_SIZE);
    return true;
}

void pl011_destroy(PL011State *s)
{
    chardev_detach(s->fe);
    s->fe = NULL;
    s->chr = NULL;
    memory_region_destroy(&s->iomem);
}

/* A stream is guest-controlled data too: positions outside the FIFO
 * would have reads and writes land outside read_fifo. */
static bool pl011_post_load(void *opaque, int version)
{
    PL011State *s = opaque;
    if (s->read_pos < 0 || s->read_pos >= PL011_FIFO_DEPTH || s->read_count < 0 ||
        s->read_count > PL011_FIFO_DEPTH || s->read_trigger < 1 ||
        s->read_trigger > PL011_FIFO_DEPTH) {
        return false;
    }
    update_irq(s);
    if (s->chr) {
        chardev_accept_input(s->chr);
    }
    return true;
}

/* qemu's fields, in qemu's order (hw/char/pl011.c, version 2). */
static const VMStateField pl011_fields[] = {
    VMSTATE_FIELD(readbuff, PL011State, 2),
    VMSTATE_FIELD(flags, PL011State, 2),
    VMSTATE_FIELD(lcr, PL011State, 2),
    VMSTATE_FIELD(rsr, PL011State, 2),
    VMSTATE_FIELD(cr, PL011State, 2),
    VMSTATE_FIELD(dmacr, PL011State, 2),
    VMSTATE_FIELD(int_enabled, PL011State, 2),
    VMSTATE_FIELD(int_level, PL011State, 2),
    VMSTATE_ARRAY(read_fifo, PL011State, 2),
    VMSTATE_FIELD(ilpr, PL011State, 2),
    VMSTATE_FIELD(ibrd, PL011State, 2),
    VMSTATE_FIELD(fbrd, PL011State, 2),
    VMSTATE_FIELD(ifl, PL011State, 2),
    VMSTATE_FIELD(read_pos, PL011State, 2),
    VMSTATE_FIELD(read_count, PL011State, 2),
    VMSTATE_FIELD(read_trigger, PL011State, 2),
    VMSTATE_END,
};

const VMStateDescription vmstate_pl011 = {
    .name = "pl011",
    .version = 2,
    .minimum_version = 2,
    .fields = pl011_fields,
    .post_load = pl011_post_load,
};
