/*
 * The virt board as a running machine (virt.c): RAM, the GIC, the PL011,
 * PL031 and PL061, PCI Express (virt-pci.h), the CPUs with their timers, PSCI, the device tree and
 * the boot of -kernel.  softmmu/vl.c fills VirtOptions from the command
 * line and starts it.
 */
#ifndef HW_ARM_VIRT_MACHINE_H
#define HW_ARM_VIRT_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "softmmu/chardev.h"
#include "softmmu/semihosting.h"

typedef struct VirtOptions {
    const char *cpu_model;      /* -cpu */
    uint64_t ram_size;          /* -m */
    int smp;                    /* -smp */
    int gic_version;            /* -M virt,gic-version= */
    const char *kernel, *initrd, *append, *dtb;
    const char *dumpdtb;        /* -M virt,dumpdtb=FILE: write it and exit */
    Chardev *serial;            /* the PL011's back end, or NULL */
    SemihostConfig *semihosting;  /* NULL: off */
    bool no_reboot;             /* -no-reboot: a reset ends the process */
    const char *name;           /* -name: QMP's query-name; NULL if none */
} VirtOptions;

/* Builds the machine and loads the kernel; its CPUs are created and CPU 0
 * is ready at the boot address, none started.  False with a one-line
 * error for what cannot be built or loaded. */
bool virt_machine_create(const VirtOptions *o, GError **err);
/* Attaches the monitor (HMP) to a character device: a multiplexer's
 * second front end (mon:stdio) or a back end of its own (-monitor). */
bool virt_machine_attach_monitor(Chardev *chr, GError **err);
/* A QMP session (qmp.h) on chr. */
bool virt_machine_attach_qmp(Chardev *chr, bool pretty, GError **err);
/* Starts the vCPU threads (they run once the machine runs). */
void virt_machine_start(void);

#endif
