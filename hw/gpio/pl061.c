/*
 * The PL061 GPIO (pl061.h): register map, pins and interrupt detection.
 *
 * Offsets and meanings from the PL061 TRM (ARM DDI0190, 3.2 "Summary of
 * PrimeCell GPIO registers", 3.3 "Register descriptions"):
 *  - GPIODATA spans 0x000-0x3fc; address bits [9:2] mask the access: a
 *    read returns only the masked bits (others 0), a write changes only
 *    masked bits of pins set as outputs.
 *  - GPIOIS, GPIOIBE, GPIOIEV: edge sensing (IS=0) latches GPIORIS on the
 *    edge IEV selects, or on either edge with IBE; level sensing (IS=1)
 *    latches it while the pin is at the level IEV selects.
 *  - GPIOIC clears latched bits; a level still present latches again, as
 *    in qemu.
 *  - GPIOINTR = any bit of GPIORIS & GPIOIE (GPIOMIS).
 * Behaviour outside the TRM (bad offsets read 0, ID bytes from 0xfd0) is
 * qemu 7.2's.
 */
#include <stddef.h>

#include <glib.h>

#include "hw/gpio/pl061.h"

enum {
    GPIO_DATA_LAST = 0x3ff,
    GPIO_REG_BASE = 0x400,      /* GPIODIR, the first of the table */
    GPIO_ID_BASE = 0xfd0,       /* qemu's 12 ID bytes; TRM: 0xfe0-0xffc */
};

/* TRM 3.3, GPIOPeriphID0-3 (part 0x061, designer 0x41,
 * revision 0 and 1 as qemu reports), GPIOPCellID0-3 (0xb105f00d), led by
 * four reserved zeros at 0xfd0-0xfdc as in qemu. */
static const uint8_t pl061_id[12] = {
    0x00, 0x00, 0x00, 0x00, 0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

/* Input pins the board pulls up / leaves floating. */
static uint8_t pl061_pulled_up(PL061State *s)
{
    return s->pullups & ~s->dir;
}

static uint8_t pl061_floating(PL061State *s)
{
    return ~(s->pullups | s->pulldowns) & ~s->dir;
}

static void pl061_drive_outputs(PL061State *s)
{
    /* Floating inputs keep what the line last had: no change to report. */
    uint8_t out = (s->data & s->dir) | pl061_pulled_up(s) | (s->old_out_data & pl061_floating(s));
    uint8_t changed = out ^ s->old_out_data;
    s->old_out_data = out;
    for (int i = 0; i < PL061_NUM_GPIOS; i++) {
        if (changed & (1u << i)) {
            irq_set_level(s->out[i], (out >> i) & 1);
        }
    }
}

/* Latches edges seen on input pins since the last look, and the levels
 * present now (qemu looks at every pin's data for levels, outputs too). */
static void pl061_detect(PL061State *s)
{
    uint8_t at_selected_level = ~(s->data ^ s->iev);
    uint8_t changed = (s->data ^ s->old_in_data) & ~s->dir;
    if (changed) {
        s->old_in_data = s->data;
        uint8_t edges = changed & ~s->isense;
        s->istate |= edges & (s->ibe | at_selected_level);
    }
    s->istate |= at_selected_level & s->isense;
}

static void pl061_update(PL061State *s)
{
    pl061_drive_outputs(s);
    pl061_detect(s);
    irq_set_level(s->irq, (s->istate & s->im) != 0);
}

static void pl061_set_input(void *opaque, int n, int level)
{
    PL061State *s = opaque;
    uint8_t pin = 1u << (n & 7);
    if (s->dir & pin) {
        return;     /* an output: the PL061 drives it, the input is not seen */
    }
    s->data = level ? s->data | pin : s->data & ~pin;
    pl061_update(s);
}

static uint8_t read_mis(PL061State *s)
{
    return s->istate & s->im;
}

static void write_ic(PL061State *s, uint8_t value)
{
    s->istate &= ~value;
}

typedef enum { REG_RW, REG_RO, REG_WO } RegAccess;

/* A register from 0x400 on: a plain byte of the state at field, unless
 * read or write say otherwise. */
typedef struct PL061Reg {
    const char *name;
    RegAccess access;
    size_t field;
    uint8_t (*read)(PL061State *s);
    void (*write)(PL061State *s, uint8_t value);
} PL061Reg;

/* TRM 3.2, Table 3-1, from GPIODIR (0x400) on, indexed by (offset - 0x400) / 4. */
static const PL061Reg pl061_regs[] = {
    { "GPIODIR", REG_RW, offsetof(PL061State, dir), NULL, NULL },
    { "GPIOIS", REG_RW, offsetof(PL061State, isense), NULL, NULL },
    { "GPIOIBE", REG_RW, offsetof(PL061State, ibe), NULL, NULL },
    { "GPIOIEV", REG_RW, offsetof(PL061State, iev), NULL, NULL },
    { "GPIOIE", REG_RW, offsetof(PL061State, im), NULL, NULL },
    { "GPIORIS", REG_RO, offsetof(PL061State, istate), NULL, NULL },
    { "GPIOMIS", REG_RO, 0, read_mis, NULL },
    { "GPIOIC", REG_WO, 0, NULL, write_ic },
    { "GPIOAFSEL", REG_RW, offsetof(PL061State, afsel), NULL, NULL },
};

static const PL061Reg *pl061_reg(uint64_t offset)
{
    if (offset < GPIO_REG_BASE || offset % 4) {
        return NULL;
    }
    uint64_t index = (offset - GPIO_REG_BASE) / 4;
    return index < G_N_ELEMENTS(pl061_regs) ? &pl061_regs[index] : NULL;
}

static uint8_t *reg_field(PL061State *s, const PL061Reg *reg)
{
    return (uint8_t *)s + reg->field;
}

static uint64_t pl061_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    PL061State *s = opaque;
    if (offset <= GPIO_DATA_LAST) {
        return s->data & (offset >> 2);
    }
    if (offset >= GPIO_ID_BASE && offset < PL061_MMIO_SIZE) {
        return pl061_id[(offset - GPIO_ID_BASE) / 4];
    }
    const PL061Reg *reg = pl061_reg(offset);
    if (!reg || reg->access == REG_WO) {
        g_debug("pl061: guest read of %s at offset 0x%" G_GINT64_MODIFIER "x",
                reg ? reg->name : "nothing", offset);
        return 0;
    }
    return reg->read ? reg->read(s) : *reg_field(s, reg);
}

static void pl061_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    PL061State *s = opaque;
    if (offset <= GPIO_DATA_LAST) {
        uint8_t mask = (offset >> 2) & s->dir;
        s->data = (s->data & ~mask) | (value & mask);
        pl061_update(s);
        return;
    }
    const PL061Reg *reg = pl061_reg(offset);
    if (!reg || reg->access == REG_RO) {
        g_debug("pl061: guest write to %s at offset 0x%" G_GINT64_MODIFIER "x",
                reg ? reg->name : "nothing", offset);
        return;
    }
    if (reg->write) {
        reg->write(s, value);
    } else {
        *reg_field(s, reg) = value;
    }
    pl061_update(s);
}

/* qemu's region takes 1 to 4 bytes as they come (no widening). */
static const MemoryRegionOps pl061_ops = {
    .read = pl061_read,
    .write = pl061_write,
    .min_access = 1,
    .max_access = 4,
};

void pl061_init(PL061State *s, uint8_t pullups, uint8_t pulldowns)
{
    g_assert((pullups & pulldowns) == 0);
    *s = (PL061State){ .pullups = pullups, .pulldowns = pulldowns };
    memory_region_init_io(&s->iomem, &pl061_ops, s, "pl061", PL061_MMIO_SIZE);
    irq_lines_init(s->in, PL061_NUM_GPIOS, pl061_set_input, s);
}

/* TRM 3.3: every register resets to 0.  Then the pins, all inputs now,
 * show their pulls, as qemu's reset does (floating ones are left alone). */
void pl061_reset(PL061State *s)
{
    s->data = s->dir = s->isense = s->ibe = s->iev = s->im = s->istate = s->afsel = 0;
    s->old_in_data = 0;
    uint8_t floating = pl061_floating(s);
    for (int i = 0; i < PL061_NUM_GPIOS; i++) {
        if (!(floating & (1u << i))) {
            irq_set_level(s->out[i], (s->pullups >> i) & 1);
        }
    }
    s->old_out_data = s->pullups;
    irq_lower(s->irq);
}

void pl061_destroy(PL061State *s)
{
    memory_region_destroy(&s->iomem);
}

/* qemu's table less the Luminary registers; pullups and pulldowns are
 * the board's, not state. */
static const VMStateField pl061_fields[] = {
    VMSTATE_FIELD(data, PL061State, 1),
    VMSTATE_FIELD(old_out_data, PL061State, 1),
    VMSTATE_FIELD(old_in_data, PL061State, 1),
    VMSTATE_FIELD(dir, PL061State, 1),
    VMSTATE_FIELD(isense, PL061State, 1),
    VMSTATE_FIELD(ibe, PL061State, 1),
    VMSTATE_FIELD(iev, PL061State, 1),
    VMSTATE_FIELD(im, PL061State, 1),
    VMSTATE_FIELD(istate, PL061State, 1),
    VMSTATE_FIELD(afsel, PL061State, 1),
    VMSTATE_END,
};

const VMStateDescription vmstate_pl061 = {
    .name = "pl061",
    .version = 1,
    .minimum_version = 1,
    .fields = pl061_fields,
};
