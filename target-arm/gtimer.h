/*
 * The generic timer of one Arm CPU in system mode (Arm ARM DDI 0487,
 * chapter D11 "The Generic Timer in AArch64 state"): the physical and
 * virtual counts CNTPCT_EL0/CNTVCT_EL0 and the two EL1 timers, physical
 * (CNTP_*_EL0) and virtual (CNTV_*_EL0), each driving one interrupt line
 * (on virt, PPI 14 and 11 of the GIC: INTID 30 and 27, hw/arm/virt.h).
 *
 * The count is the machine's VIRTUAL clock (softmmu/timer.h) at CNTFRQ:
 * it stands still while the machine is stopped.  No EL2, so CNTVOFF_EL2
 * is 0 and both counts are the same.  The EL2 and secure timers do not
 * exist here; virt's lines for them stay low.
 *
 * Threads: gtimer_read/gtimer_write are called by the CPU's own vCPU
 * thread (MRS/MSR); they take the device lock around any change of a
 * line or the host timer.  The host timers fire on the main loop under
 * the device lock.  gtimer_reset and loading state run while the CPU is
 * not running.  The user-mode counter (sysreg.c's read_cntvct, host
 * time) is not this: this is for system mode only.
 */
#ifndef TARGET_ARM_GTIMER_H
#define TARGET_ARM_GTIMER_H

#include <stdint.h>

#include "softmmu/irq.h"
#include "softmmu/timer.h"
#include "softmmu/vmstate.h"

/* The registers this block answers for, as the system-register layer
 * names them. */
typedef enum GTimerReg {
    GTIMER_CNTPCT,          /* CNTPCT_EL0, read-only */
    GTIMER_CNTVCT,          /* CNTVCT_EL0, read-only */
    GTIMER_CNTP_CTL,        /* CNTP_CTL_EL0 */
    GTIMER_CNTP_CVAL,       /* CNTP_CVAL_EL0 */
    GTIMER_CNTP_TVAL,       /* CNTP_TVAL_EL0 */
    GTIMER_CNTV_CTL,        /* CNTV_CTL_EL0 */
    GTIMER_CNTV_CVAL,       /* CNTV_CVAL_EL0 */
    GTIMER_CNTV_TVAL,       /* CNTV_TVAL_EL0 */
    GTIMER_REG_COUNT
} GTimerReg;

/* The two timers, in the order of their state and lines. */
typedef enum GTimerIndex {
    GTIMER_PHYS,            /* EL1 physical timer, compares with CNTPCT */
    GTIMER_VIRT,            /* virtual timer, compares with CNTVCT */
    GTIMER_COUNT
} GTimerIndex;

/* CNTx_CTL_EL0 bits (D11.2.4 and the CNTP_CTL_EL0/CNTV_CTL_EL0 register
 * descriptions): ENABLE and IMASK are the guest's, ISTATUS read-only. */
#define GTIMER_CTL_ENABLE   (1u << 0)
#define GTIMER_CTL_IMASK    (1u << 1)
#define GTIMER_CTL_ISTATUS  (1u << 2)

typedef struct ARMGenericTimer ARMGenericTimer;

typedef struct GTimerChannel {
    uint64_t ctl;           /* ENABLE and IMASK only; ISTATUS is computed */
    uint64_t cval;          /* CompareValue, compared unsigned with the count */
    IRQLine *out;           /* the interrupt line; NULL drives nothing */
    Timer *timer;           /* VIRTUAL-clock timer armed for the condition */
    ARMGenericTimer *owner;
} GTimerChannel;

struct ARMGenericTimer {
    uint64_t cntfrq;        /* counts per second of the VIRTUAL clock */
    GTimerChannel ch[GTIMER_COUNT];
};

/* Sets t up at reset state with lines phys and virt (either may be NULL),
 * counting at cntfrq Hz (> 0; any value, exact when it divides 1e9 or
 * not). */
void gtimer_init(ARMGenericTimer *t, uint64_t cntfrq, IRQLine *phys, IRQLine *virt);
/* Frees t's host timers. */
void gtimer_finalize(ARMGenericTimer *t);
/* Both timers disabled with CVAL 0 (qemu 7.2's reset; the Arm ARM leaves
 * them UNKNOWN on warm reset), lines low. */
void gtimer_reset(ARMGenericTimer *t);

/* The count at VIRTUAL-clock time ns: floor(ns * cntfrq / 1e9). */
uint64_t gtimer_count_at(const ARMGenericTimer *t, int64_t ns);
/* The count now (CNTPCT_EL0, and CNTVCT_EL0 since CNTVOFF is 0). */
uint64_t gtimer_count(const ARMGenericTimer *t);

/* MRS: the register's 64-bit value.  TVAL reads as its 32 bits
 * (bits [63:32] RES0); take (int32_t) of it for the signed TimerValue. */
uint64_t gtimer_read(ARMGenericTimer *t, GTimerReg reg);
/* MSR: any value is taken; read-only registers and bits ignore writes. */
void gtimer_write(ARMGenericTimer *t, GTimerReg reg, uint64_t value);

/* The earliest VIRTUAL-clock time at which an enabled, unmasked timer's
 * condition holds (a time already past if one holds now), or -1 if none
 * will within the clock's range: a bound for a vCPU waiting in WFI. */
int64_t gtimer_next_deadline_ns(const ARMGenericTimer *t);

/* CTLs and CVALs; loading recomputes the lines and re-arms the timers. */
extern const VMStateDescription vmstate_arm_gtimer;
/* Drives both lines from the state now and re-arms the host timers.  A
 * loaded machine calls it once the GIC's state is in too: loading the GIC
 * sets its inputs' levels as saved, and a timer whose deadline passed
 * just before the save (its host timer not yet run) has its condition
 * true with the GIC's input low, which nothing else would ever raise. */
void gtimer_sync(ARMGenericTimer *t);

#endif
