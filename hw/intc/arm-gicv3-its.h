/*
 * The GICv3 Interrupt Translation Service (IHI 0069 chapters 5.2-5.3,
 * 6, 12.19) as qemu 7.2's arm-gicv3-its on the virt board: physical LPIs
 * only, 16 bits of DeviceID, EventID and collection ID, collections
 * targeting processor numbers (GITS_TYPER.PTA = 0), a device table
 * (GITS_BASER0) and collection table (GITS_BASER1) in guest memory, flat
 * or two-level (Indirect), the command queue in guest memory, and the
 * doorbell GITS_TRANSLATER in the second 64 KiB frame.
 *
 * A write to GITS_TRANSLATER carries an EventID; its DeviceID is the
 * writer's PCI requester ID, which the board gives through requester_id
 * (the bus carries it beside the write, as PCIe does).  Commands run at
 * once when GITS_CWRITER is written, so the ITS is always quiescent and
 * SYNC has nothing to wait for.
 *
 * Everything the guest points the ITS at (queue, tables, ITTs) is read
 * and written only where it is RAM; a command the ITS cannot read, or a
 * table entry it cannot reach, stalls the queue (GITS_CREADR.Stalled,
 * cleared by a write of GITS_CWRITER.Retry), as qemu; a command with
 * bad arguments is ignored.  Entries of the tables are this model's
 * own 8-byte format (the architecture leaves it to the implementation).
 */
#ifndef HW_INTC_ARM_GICV3_ITS_H
#define HW_INTC_ARM_GICV3_ITS_H

#include "hw/intc/arm-gicv3.h"
#include "softmmu/memory.h"
#include "softmmu/vmstate.h"

#define GITS_FRAME_SIZE         0x20000     /* ITS_base, then the translation frame */
#define GITS_NUM_BASER          8
#define GITS_TRANSLATER_OFFSET  0x10040

typedef struct GICv3ITSState {
    GICv3State *gic;
    const AddressSpace *as;     /* the queue and tables */
    /* The requester ID of the write in flight, or -1 for a write that
     * has none (a CPU's): it is dropped. */
    int (*requester_id)(void);

    uint32_t ctlr;              /* GITS_CTLR.Enabled */
    uint64_t cbaser, cwriter, creadr;
    uint64_t baser[GITS_NUM_BASER];

    MemoryRegion iomem;
} GICv3ITSState;

/* The ITS of gic (whose LPIs it turns on), its tables in as. */
void gicv3_its_init(GICv3ITSState *s, GICv3State *gic, const AddressSpace *as,
                    int (*requester_id)(void));
void gicv3_its_destroy(GICv3ITSState *s);
void gicv3_its_reset(GICv3ITSState *s);

/* What a TRANSLATER write from device_id does (also the test's way in). */
void gicv3_its_translate(GICv3ITSState *s, uint32_t device_id, uint32_t event_id);

extern const VMStateDescription vmstate_gicv3_its;

#endif
