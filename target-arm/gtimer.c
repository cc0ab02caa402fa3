/*
 * The generic timer of one Arm CPU (gtimer.h): counts from the VIRTUAL
 * clock, the two EL1 timers' registers, their interrupt lines, and one
 * host timer per timer armed for the moment its line must rise.
 *
 * Arm ARM DDI 0487, D11.2.4 "Timers" ("Operation of the CompareValue
 * views" and "... TimerValue views"): a timer's condition is met when
 * Count >= CompareValue, compared as unsigned 64-bit numbers (qemu 7.2
 * compares the same way); TVAL is a signed 32-bit view of CVAL - Count.
 * The output is asserted while ENABLE is 1, IMASK is 0 and the condition
 * is met (ISTATUS).  With ENABLE 0 the CNTx_CVAL_EL0 description says the
 * condition is not met (CNTx_CTL_EL0 calls ISTATUS UNKNOWN then); as qemu
 * 7.2's gt_recalc_timer we read ISTATUS 0 and keep the line low.
 *
 * ISTATUS is computed at each read from the count now, not stored, so a
 * guest polling CTL sees it set the moment the count reaches CVAL, before
 * the host timer has fired.  Only the line waits for the host timer.
 */
#include <glib.h>

#include "softmmu/device-lock.h"
#include "target-arm/gtimer.h"

/* Which part of which timer each register is (D11.2 "The AArch64 view
 * of the Generic Timer": the counts, then each timer's CTL, CVAL, TVAL). */
typedef enum GTimerField {
    GT_FIELD_COUNT,
    GT_FIELD_CTL,
    GT_FIELD_CVAL,
    GT_FIELD_TVAL,
} GTimerField;

static const struct {
    GTimerField field;
    GTimerIndex timer;      /* for the timers' registers */
} reg_map[GTIMER_REG_COUNT] = {
    [GTIMER_CNTPCT]    = { GT_FIELD_COUNT, GTIMER_PHYS },
    [GTIMER_CNTVCT]    = { GT_FIELD_COUNT, GTIMER_VIRT },
    [GTIMER_CNTP_CTL]  = { GT_FIELD_CTL,   GTIMER_PHYS },
    [GTIMER_CNTP_CVAL] = { GT_FIELD_CVAL,  GTIMER_PHYS },
    [GTIMER_CNTP_TVAL] = { GT_FIELD_TVAL,  GTIMER_PHYS },
    [GTIMER_CNTV_CTL]  = { GT_FIELD_CTL,   GTIMER_VIRT },
    [GTIMER_CNTV_CVAL] = { GT_FIELD_CVAL,  GTIMER_VIRT },
    [GTIMER_CNTV_TVAL] = { GT_FIELD_TVAL,  GTIMER_VIRT },
};

/* The bits of CNTx_CTL_EL0 a write sets; ISTATUS and bits [63:3] are
 * read-only / RES0. */
#define CTL_WRITABLE (GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK)

typedef unsigned __int128 Wide;     /* ns * Hz overflows 64 bits in days */

/* floor(ns * cntfrq / 1e9), in 128 bits so any frequency is exact and
 * the count never drifts from the clock (at 62.5 MHz it is ns / 16). */
uint64_t gtimer_count_at(const ARMGenericTimer *t, int64_t ns)
{
    if (ns < 0) {
        ns = 0;
    }
    return (uint64_t)((Wide)ns * t->cntfrq / NANOSECONDS_PER_SECOND);
}

uint64_t gtimer_count(const ARMGenericTimer *t)
{
    return gtimer_count_at(t, vm_clock_ns());
}

/* The first ns whose count is >= cval: ceil(cval * 1e9 / cntfrq); -1 if
 * that is past the clock's int64 range (a CVAL the machine never reaches,
 * such as the UINT64_MAX software often parks a timer at). */
static int64_t deadline_of(const ARMGenericTimer *t, uint64_t cval)
{
    Wide ns = ((Wide)cval * NANOSECONDS_PER_SECOND + t->cntfrq - 1) / t->cntfrq;
    return ns > INT64_MAX ? -1 : (int64_t)ns;
}

static bool enabled(const GTimerChannel *ch)
{
    return ch->ctl & GTIMER_CTL_ENABLE;
}

static bool istatus_at(const GTimerChannel *ch, uint64_t count)
{
    return enabled(ch) && count >= ch->cval;
}

/* Drives the line from the state now and arms the host timer for the
 * moment it must rise; with the device lock held.  A masked or disabled
 * timer's line cannot rise, so it needs no host timer; one whose
 * condition holds stays so until CVAL or CTL is written (the count
 * would have to wrap 2^64), so it needs none either. */
static void channel_update(GTimerChannel *ch)
{
    const ARMGenericTimer *t = ch->owner;
    bool cond = istatus_at(ch, gtimer_count(t));
    bool can_rise = enabled(ch) && !(ch->ctl & GTIMER_CTL_IMASK);

    irq_set_level(ch->out, cond && can_rise);
    int64_t deadline = can_rise && !cond ? deadline_of(t, ch->cval) : -1;
    if (deadline >= 0) {
        timer_mod(ch->timer, deadline);
    } else {
        timer_del(ch->timer);
    }
}

/* The host timer's expiry, on the main loop with the device lock held.
 * It recomputes rather than raising blindly: the guest may have moved
 * CVAL in the meantime. */
static void channel_expired(void *opaque)
{
    channel_update(opaque);
}

void gtimer_sync(ARMGenericTimer *t)
{
    device_lock();
    for (int i = 0; i < GTIMER_COUNT; i++) {
        channel_update(&t->ch[i]);
    }
    device_unlock();
}

void gtimer_init(ARMGenericTimer *t, uint64_t cntfrq, IRQLine *phys, IRQLine *virt)
{
    g_assert(cntfrq > 0);       /* the CPU model's value, not the guest's */
    IRQLine *lines[GTIMER_COUNT] = { [GTIMER_PHYS] = phys, [GTIMER_VIRT] = virt };
    t->cntfrq = cntfrq;
    for (int i = 0; i < GTIMER_COUNT; i++) {
        GTimerChannel *ch = &t->ch[i];
        *ch = (GTimerChannel){ .out = lines[i], .owner = t };
        ch->timer = timer_new(TIMER_CLOCK_VIRTUAL, channel_expired, ch);
    }
    gtimer_reset(t);
}

void gtimer_finalize(ARMGenericTimer *t)
{
    device_lock();      /* so no expiry is running for a timer we free */
    for (int i = 0; i < GTIMER_COUNT; i++) {
        timer_free(t->ch[i].timer);
        t->ch[i].timer = NULL;
    }
    device_unlock();
}

void gtimer_reset(ARMGenericTimer *t)
{
    for (int i = 0; i < GTIMER_COUNT; i++) {
        t->ch[i].ctl = 0;
        t->ch[i].cval = 0;
    }
    gtimer_sync(t);
}

uint64_t gtimer_read(ARMGenericTimer *t, GTimerReg reg)
{
    if ((unsigned)reg >= GTIMER_REG_COUNT) {
        g_debug("gtimer: read of unknown register %d", (int)reg);
        return 0;
    }
    const GTimerChannel *ch = &t->ch[reg_map[reg].timer];
    uint64_t count = gtimer_count(t);   /* CNTVOFF is 0: CNTVCT = CNTPCT */

    switch (reg_map[reg].field) {
    case GT_FIELD_COUNT:
        return count;
    case GT_FIELD_CTL:
        return ch->ctl | (istatus_at(ch, count) ? GTIMER_CTL_ISTATUS : 0);
    case GT_FIELD_CVAL:
        return ch->cval;
    case GT_FIELD_TVAL:
        /* TimerValue = CVAL - Count in bits [31:0], bits [63:32] RES0.
         * With ENABLE 0 it is UNKNOWN; qemu gives the same difference. */
        return (uint32_t)(ch->cval - count);
    }
    return 0;
}

void gtimer_write(ARMGenericTimer *t, GTimerReg reg, uint64_t value)
{
    if ((unsigned)reg >= GTIMER_REG_COUNT) {
        g_debug("gtimer: write of unknown register %d", (int)reg);
        return;
    }
    GTimerChannel *ch = &t->ch[reg_map[reg].timer];

    device_lock();
    switch (reg_map[reg].field) {
    case GT_FIELD_COUNT:
        /* The counts are read-only at EL0/EL1 (the system-register layer
         * should have trapped the MSR already). */
        g_debug("gtimer: write to a read-only count ignored");
        break;
    case GT_FIELD_CTL:
        ch->ctl = value & CTL_WRITABLE;
        break;
    case GT_FIELD_CVAL:
        ch->cval = value;
        break;
    case GT_FIELD_TVAL:
        /* CVAL = Count + SignExtend(TimerValue[31:0]), modulo 2^64. */
        ch->cval = gtimer_count(t) + (uint64_t)(int64_t)(int32_t)(uint32_t)value;
        break;
    }
    channel_update(ch);
    device_unlock();
}

int64_t gtimer_next_deadline_ns(const ARMGenericTimer *t)
{
    int64_t best = -1;
    for (int i = 0; i < GTIMER_COUNT; i++) {
        const GTimerChannel *ch = &t->ch[i];
        if (!enabled(ch) || (ch->ctl & GTIMER_CTL_IMASK)) {
            continue;
        }
        int64_t d = deadline_of(t, ch->cval);
        if (d >= 0 && (best < 0 || d < best)) {
            best = d;
        }
    }
    return best;
}

/* A stream may hold any bits: keep the writable ones, then bring lines
 * and host timers in line with the loaded state. */
static bool gtimer_post_load(void *opaque, int version)
{
    (void)version;
    ARMGenericTimer *t = opaque;
    for (int i = 0; i < GTIMER_COUNT; i++) {
        t->ch[i].ctl &= CTL_WRITABLE;
    }
    gtimer_sync(t);
    return true;
}

static const VMStateField gtimer_channel_fields[] = {
    VMSTATE_FIELD(ctl, GTimerChannel, 1),
    VMSTATE_FIELD(cval, GTimerChannel, 1),
    VMSTATE_END
};

static const VMStateDescription vmstate_gtimer_channel = {
    .name = "arm-gtimer-channel",
    .version = 1,
    .minimum_version = 1,
    .fields = gtimer_channel_fields,
};

/* The count is not saved: it is the VIRTUAL clock's, which the machine
 * saves once for all CPUs. */
static const VMStateField gtimer_fields[] = {
    VMSTATE_STRUCT_ARRAY(ch, ARMGenericTimer, vmstate_gtimer_channel, 1),
    VMSTATE_END
};

const VMStateDescription vmstate_arm_gtimer = {
    .name = "arm-gtimer",
    .version = 1,
    .minimum_version = 1,
    .fields = gtimer_fields,
    .post_load = gtimer_post_load,
};
