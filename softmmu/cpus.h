/*
 * The vCPUs of system mode: one host thread each, running translated code
 * with no lock around it; sleeping while powered off or halted (WFI)
 * until an interrupt or a request; requests from other threads (stop, a
 * TLB and code flush, power changes) reach a vCPU through its exit flag.
 *
 * The target supplies what a vCPU does with an exception and when an
 * interrupt is deliverable (VCPUTargetOps); the board powers vCPUs on.
 */
#ifndef SOFTMMU_CPUS_H
#define SOFTMMU_CPUS_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "softmmu/cputlb.h"
#include "softmmu/vmstate.h"
#include "tcg/cpu.h"

typedef struct VCPU VCPU;

/* What handle_exception asks of the loop. */
typedef enum VCPUAction {
    VCPU_CONTINUE,              /* run on */
    VCPU_HALT,                  /* WFI: sleep until an interrupt is pending */
    VCPU_POWER_OFF,             /* PSCI CPU_OFF: sleep until powered on */
} VCPUAction;

typedef struct VCPUTargetOps {
    /* An exception left cpu_exec (EXCP_* of the target or the core). */
    VCPUAction (*handle_exception)(VCPU *v, int excp);
    /* Optional: takes an exception that needs nothing of the vCPU loop
     * (an architectural one: only the pc moves to its vector) from inside
     * cpu_exec; false leaves it to handle_exception. */
    bool (*take_exception)(VCPU *v, int excp);
    /* True if an interrupt is pending for the CPU, masked or not (wakes
     * WFI, which the architecture ends even for a masked one). */
    bool (*interrupt_pending)(VCPU *v);
    /* Takes a pending, unmasked interrupt if there is one. */
    void (*take_interrupt)(VCPU *v);
    /* Puts the CPU in its reset state. */
    void (*reset)(VCPU *v);
} VCPUTargetOps;

/* Requests, bits of VCPU.requests. */
enum {
    VCPU_REQ_TLB_FLUSH = 1,     /* empty the TLB */
    VCPU_REQ_RESET = 2,         /* run the machine's reset (machine_set_reset) */
    VCPU_REQ_CODE_FLUSH = 4,    /* empty the TLB and drop translated code */
};

struct VCPU {
    CPUState *cs;
    int index;
    const VCPUTargetOps *ops;
    void *target;               /* the target's per-CPU system state */
    CPUTLB tlb;

    GThread *thread;
    GMutex lock;                /* guards the fields below and the sleep */
    GCond wake;
    bool powered;               /* runs (else waits for power_on) */
    bool halted;                /* in WFI */
    bool held;                  /* kept out of translated code (a debugger
                                 * steps another vCPU) */
    int requests;               /* VCPU_REQ_* */
    uint64_t tid;               /* host thread id, for `info cpus` */
};

/* A vCPU's power and WFI state, for snapshots (loaded with the machine
 * stopped: nothing else touches them then). */
extern const VMStateDescription vmstate_vcpu;

/* Creates vCPU index around cs (its owner keeps cs); not started. */
VCPU *vcpu_new(CPUState *cs, int index, const VCPUTargetOps *ops, void *target);
/* Starts its thread; it runs once the machine runs and it is powered. */
void vcpu_start(VCPU *v);
/* Powers a vCPU on or off from any thread (PSCI, reset). */
void vcpu_set_power(VCPU *v, bool on);
/* Makes a vCPU look at its interrupts and requests soon: wakes it from
 * WFI and leaves translated code.  Any thread, any lock. */
void vcpu_kick(VCPU *v);
void vcpu_request(VCPU *v, int req);
void vcpu_request_all(int req);

/* The vCPU of the calling thread, or NULL. */
VCPU *vcpu_current(void);
VCPU *vcpu_of(CPUState *cs);
/* A broadcast TLB flush that is complete on return (TLBI ...IS, whose
 * effect every PE must see before the issuer's next DSB completes): the
 * other vCPUs are held out of translated code (an exclusive section)
 * while each one's TLB and jump cache are emptied.  From self's thread,
 * between blocks or in a helper. */
void vcpu_tlb_flush_all_synced(VCPU *self);
/* The same for one address's entries (tlb_flush_va) on every vCPU. */
void vcpu_tlb_flush_va_all_synced(VCPU *self, uint64_t va);
/* The vCPU of index i (from 0, in creation order), or NULL past the end. */
VCPU *vcpu_by_index(int i);
/* Holds a vCPU out of translated code while the machine runs, or lets it
 * go (the debugger's step of one vCPU).  Any thread. */
void vcpu_set_held(VCPU *v, bool held);
/* In WFI or powered off: asleep until an interrupt or a power-on (qemu's
 * cpu->halted, which gdb's thread list shows). */
bool vcpu_is_halted(VCPU *v);

/* The machine's run state: vCPUs run only while running (and the VM
 * clock advances only then).  Any thread. */
void machine_run(void);
void machine_pause(void);
/* Stops the machine and returns once every started vCPU sleeps outside
 * translated code (savevm, loadvm).  Not from a vCPU's thread, and not
 * holding the device lock: a vCPU may be waiting for it in an MMIO
 * access (device_lock_release_all). */
void machine_pause_sync(void);
bool machine_is_running(void);
/* False until the machine first runs (-S: qemu's "prelaunch"). */
bool machine_has_run(void);
/* A reset of a stopped machine takes it back to "prelaunch", as qemu. */
void machine_reset_run_state(void);

/* What a vCPU's thread calls when a debugger's breakpoint or step stops
 * it (cpu_exec's EXCP_DEBUG, or the end of a step that took an exception
 * or a WFI).  While a step runs (CF_SINGLE_STEP in the CPU's cflags) the
 * vCPU takes no interrupt, as qemu's default step flags (NOIRQ). */
void machine_set_debug_stop(void (*stopped)(VCPU *v));

/* What VCPU_REQ_RESET runs, on the vCPU's thread outside translated code
 * (a system reset asked for by the monitor). */
void machine_set_reset(void (*reset)(void));

/* Ends the process with status after an orderly stop (PSCI SYSTEM_OFF,
 * semihosting exit, the monitor's quit, Ctrl-A x): from any thread. */
void machine_request_exit(int status);
/* The same, telling QMP clients why: cause is a ShutdownCause (qmp-gen.h;
 * SHUTDOWN_CAUSE_NONE sends no SHUTDOWN event), guest whether the guest
 * asked.  (An int: this header is included where the generated one is
 * not.) */
void machine_shutdown(int status, int cause, bool guest);
/* The main thread waits here until an exit is requested; returns its
 * status. */
int machine_wait_exit(void);

#endif
