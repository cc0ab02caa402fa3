/*
 * The PL031 RTC (pl031.h): its register map, the count and the alarm.
 *
 * Register offsets and meanings are those of the PL031 TRM (ARM DDI0224,
 * 3.2 "Summary of RTC registers" and 3.3 "Register descriptions"); where
 * qemu 7.2 departs from the TRM we follow qemu, since guests are tested
 * against it: RTCCR always reads 1 (the clock is never stopped) and
 * ignores writes; the interrupt line is RIS & IMSC.
 *
 * The count is never stored: it is host seconds plus tick_offset, so it
 * ticks with the host and loading RTCLR only moves the offset.  The alarm
 * is a HOST-clock timer armed for the second the count will equal RTCMR,
 * re-armed whenever MR or the offset change.
 */
#include <glib.h>

#include "hw/rtc/pl031.h"

enum {
    RTC_DR = 0x00,          /* data (the count), read-only */
    RTC_MR = 0x04,          /* match */
    RTC_LR = 0x08,          /* load */
    RTC_CR = 0x0c,          /* control: bit 0 RTCStart */
    RTC_IMSC = 0x10,        /* interrupt mask set/clear */
    RTC_RIS = 0x14,         /* raw interrupt status, read-only */
    RTC_MIS = 0x18,         /* masked interrupt status, read-only */
    RTC_ICR = 0x1c,         /* interrupt clear, write-only */
    RTC_NREGS = 8,
    RTC_ID_BASE = 0xfe0,    /* RTCPeriphID0-3, RTCPCellID0-3 */
};

/* TRM 3.3, RTCPeriphID0-3 (part 0x031, designer 0x41 'A', revision
 * 1 as qemu reports), PCellID0-3 (the PrimeCell signature 0xb105f00d). */
static const uint8_t pl031_id[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static uint32_t pl031_count_at(PL031State *s, int64_t host_ns)
{
    return s->tick_offset + (uint32_t)(host_ns / NANOSECONDS_PER_SECOND);
}

static uint32_t pl031_count(PL031State *s)
{
    return pl031_count_at(s, clock_get_ns(TIMER_CLOCK_HOST));
}

static void pl031_update_irq(PL031State *s)
{
    irq_set_level(s->irq, s->is & s->im);
}

static void pl031_alarm(void *opaque)
{
    PL031State *s = opaque;
    s->is = 1;
    pl031_update_irq(s);
}

/* The count wraps at 2^32 and so does this difference: an MR behind the
 * count is reached after the wrap, as on the hardware. */
static void pl031_arm_alarm(PL031State *s)
{
    int64_t now = clock_get_ns(TIMER_CLOCK_HOST);
    uint32_t seconds_left = s->mr - pl031_count_at(s, now);
    if (seconds_left == 0) {
        timer_del(s->alarm);
        pl031_alarm(s);
        return;
    }
    /* Due as the count turns to MR, at a whole host second (qemu waits
     * whole seconds from the write, up to a second late). */
    int64_t second_start = now - now % NANOSECONDS_PER_SECOND;
    timer_mod(s->alarm, second_start + (int64_t)seconds_left * NANOSECONDS_PER_SECOND);
}

static uint32_t read_dr(PL031State *s) { return pl031_count(s); }
static uint32_t read_mr(PL031State *s) { return s->mr; }
static uint32_t read_lr(PL031State *s) { return s->lr; }
static uint32_t read_cr(PL031State *s) { (void)s; return 1; }
static uint32_t read_imsc(PL031State *s) { return s->im; }
static uint32_t read_ris(PL031State *s) { return s->is; }
static uint32_t read_mis(PL031State *s) { return s->is & s->im; }

static void write_mr(PL031State *s, uint32_t value)
{
    s->mr = value;
    pl031_arm_alarm(s);
}

static void write_lr(PL031State *s, uint32_t value)
{
    s->lr = value;
    s->tick_offset += value - pl031_count(s);
    pl031_arm_alarm(s);
}

static void write_cr(PL031State *s, uint32_t value)
{
    (void)s, (void)value;   /* qemu: the clock runs from reset, for good */
}

static void write_imsc(PL031State *s, uint32_t value)
{
    s->im = value & 1;
    pl031_update_irq(s);
}

static void write_icr(PL031State *s, uint32_t value)
{
    s->is &= ~value;
    pl031_update_irq(s);
}

typedef struct PL031Reg {
    const char *name;
    uint32_t (*read)(PL031State *s);            /* NULL: write-only */
    void (*write)(PL031State *s, uint32_t value);  /* NULL: read-only */
} PL031Reg;

/* TRM 3.2, Table 3-1, indexed by offset / 4. */
static const PL031Reg pl031_regs[RTC_NREGS] = {
    [RTC_DR / 4] = { "RTCDR", read_dr, NULL },
    [RTC_MR / 4] = { "RTCMR", read_mr, write_mr },
    [RTC_LR / 4] = { "RTCLR", read_lr, write_lr },
    [RTC_CR / 4] = { "RTCCR", read_cr, write_cr },
    [RTC_IMSC / 4] = { "RTCIMSC", read_imsc, write_imsc },
    [RTC_RIS / 4] = { "RTCRIS", read_ris, NULL },
    [RTC_MIS / 4] = { "RTCMIS", read_mis, NULL },
    [RTC_ICR / 4] = { "RTCICR", NULL, write_icr },
};

/* The register at offset, or NULL; qemu decodes whole offsets only, so a
 * byte access at offset 1 of a register reaches nothing. */
static const PL031Reg *pl031_reg(uint64_t offset)
{
    if (offset % 4 || offset / 4 >= RTC_NREGS) {
        return NULL;
    }
    return &pl031_regs[offset / 4];
}

static uint64_t pl031_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    PL031State *s = opaque;
    if (offset >= RTC_ID_BASE && offset < PL031_MMIO_SIZE) {
        return pl031_id[(offset - RTC_ID_BASE) / 4];
    }
    const PL031Reg *reg = pl031_reg(offset);
    if (!reg || !reg->read) {
        g_debug("pl031: guest read of %s at offset 0x%" G_GINT64_MODIFIER "x",
                reg ? "write-only register" : "unknown register", offset);
        return 0;
    }
    return reg->read(s);
}

static void pl031_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    PL031State *s = opaque;
    const PL031Reg *reg = offset < RTC_ID_BASE ? pl031_reg(offset) : NULL;
    if (!reg || !reg->write) {
        g_debug("pl031: guest write to %s at offset 0x%" G_GINT64_MODIFIER "x",
                reg ? "read-only register" : "unknown register", offset);
        return;
    }
    reg->write(s, (uint32_t)value);
}

/* qemu's region takes 1 to 4 bytes as they come (no widening). */
static const MemoryRegionOps pl031_ops = {
    .read = pl031_read,
    .write = pl031_write,
    .min_access = 1,
    .max_access = 4,
};

void pl031_init(PL031State *s)
{
    *s = (PL031State){ 0 };
    memory_region_init_io(&s->iomem, &pl031_ops, s, "pl031", PL031_MMIO_SIZE);
    s->alarm = timer_new(TIMER_CLOCK_HOST, pl031_alarm, s);
}

void pl031_destroy(PL031State *s)
{
    timer_free(s->alarm);
    s->alarm = NULL;
    memory_region_destroy(&s->iomem);
}

static bool pl031_post_load(void *opaque, int version)
{
    (void)version;
    PL031State *s = opaque;
    s->im &= 1;     /* a stream is guest input too */
    s->is &= 1;
    pl031_update_irq(s);
    pl031_arm_alarm(s);
    return true;
}

/* What qemu migrates: the offset from the host clock (its "pl031/
 * tick-offset" subsection; mimic has no stream of older qemus to match),
 * and the registers. */
static const VMStateField pl031_fields[] = {
    VMSTATE_FIELD(tick_offset, PL031State, 1),
    VMSTATE_FIELD(mr, PL031State, 1),
    VMSTATE_FIELD(lr, PL031State, 1),
    VMSTATE_FIELD(im, PL031State, 1),
    VMSTATE_FIELD(is, PL031State, 1),
    VMSTATE_END,
};

const VMStateDescription vmstate_pl031 = {
    .name = "pl031",
    .version = 1,
    .minimum_version = 1,
    .fields = pl031_fields,
    .post_load = pl031_post_load,
};
