/*
 * vCPU threads and the machine's run state (cpus.h).
 */
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "softmmu/cpus.h"
#include "softmmu/timer.h"
#include "qmp-gen.h"
#include "tcg/debug.h"
#include "tcg/tb.h"

static __thread VCPU *this_vcpu;

static GMutex machine_lock;
static GCond machine_cond;
static bool running;
static bool ever_ran;           /* qemu's "prelaunch" until the first run */
static bool exit_requested;
static int exit_status;
static GPtrArray *all_vcpus;
static guint vcpus_started, vcpus_parked;   /* under machine_lock */
static void (*machine_reset)(void);
static void (*debug_stop)(VCPU *v);

void machine_set_debug_stop(void (*stopped)(VCPU *v))
{
    debug_stop = stopped;
}

void machine_set_reset(void (*reset)(void))
{
    machine_reset = reset;
}

VCPU *vcpu_current(void)
{
    return this_vcpu;
}

VCPU *vcpu_of(CPUState *cs)
{
    return cs->opaque;
}

VCPU *vcpu_by_index(int i)
{
    return all_vcpus && i >= 0 && (guint)i < all_vcpus->len ? g_ptr_array_index(all_vcpus, i)
                                                          : NULL;
}

void vcpu_set_held(VCPU *v, bool held)
{
    g_mutex_lock(&v->lock);
    bool changed = v->held != held;
    v->held = held;
    g_mutex_unlock(&v->lock);
    if (changed) {
        vcpu_kick(v);
    }
}

bool vcpu_is_halted(VCPU *v)
{
    g_mutex_lock(&v->lock);
    bool h = v->halted || !v->powered;
    g_mutex_unlock(&v->lock);
    return h;
}

/* cpu_exec_exception_hook: the target's take_exception, if it has one. */
static bool take_exception_in_loop(CPUState *cs, int excp)
{
    VCPU *v = vcpu_of(cs);
    return v->ops->take_exception && v->ops->take_exception(v, excp);
}

VCPU *vcpu_new(CPUState *cs, int index, const VCPUTargetOps *ops, void *target)
{
    cpu_exec_exception_hook = take_exception_in_loop;
    VCPU *v = g_new0(VCPU, 1);
    v->cs = cs;
    v->index = index;
    v->ops = ops;
    v->target = target;
    g_mutex_init(&v->lock);
    g_cond_init(&v->wake);
    tlb_init(&v->tlb);
    cs->tlb_table = tlb_table_base(&v->tlb);
    cs->opaque = v;
    if (!all_vcpus) {
        all_vcpus = g_ptr_array_new();
    }
    g_ptr_array_add(all_vcpus, v);
    return v;
}

void vcpu_kick(VCPU *v)
{
    __atomic_store_n(&v->cs->exit_request, 1, __ATOMIC_RELEASE);
    g_mutex_lock(&v->lock);
    g_cond_broadcast(&v->wake);
    g_mutex_unlock(&v->lock);
}

void vcpu_request(VCPU *v, int req)
{
    g_mutex_lock(&v->lock);
    v->requests |= req;
    g_mutex_unlock(&v->lock);
    vcpu_kick(v);
}

void vcpu_request_all(int req)
{
    for (guint i = 0; all_vcpus && i < all_vcpus->len; i++) {
        vcpu_request(g_ptr_array_index(all_vcpus, i), req);
    }
}

void vcpu_tlb_flush_all_synced(VCPU *self)
{
    start_exclusive(self->cs);
    for (guint i = 0; i < all_vcpus->len; i++) {
        tlb_flush(((VCPU *)g_ptr_array_index(all_vcpus, i))->cs);
    }
    end_exclusive();
}

void vcpu_tlb_flush_va_all_synced(VCPU *self, uint64_t va)
{
    start_exclusive(self->cs);
    for (guint i = 0; i < all_vcpus->len; i++) {
        tlb_flush_va(((VCPU *)g_ptr_array_index(all_vcpus, i))->cs, va);
    }
    end_exclusive();
}

void vcpu_set_power(VCPU *v, bool on)
{
    g_mutex_lock(&v->lock);
    v->powered = on;
    v->halted = false;
    g_mutex_unlock(&v->lock);
    vcpu_kick(v);
}

/* Sleeps until the vCPU may run: the machine runs, it is powered, and it
 * is not halted (an interrupt ends a halt).  While the machine is
 * stopped every vCPU sleeps in the first wait, counted as parked, so
 * machine_pause_sync knows when none is in translated code. */
static void wait_until_runnable(VCPU *v)
{
    for (;;) {
        g_mutex_lock(&machine_lock);
        if (!running && !exit_requested) {
            vcpus_parked++;
            g_cond_broadcast(&machine_cond);
            while (!running && !exit_requested) {
                g_cond_wait(&machine_cond, &machine_lock);
            }
            vcpus_parked--;
        }
        g_mutex_unlock(&machine_lock);
        bool stopped = false;
        g_mutex_lock(&v->lock);
        for (;;) {
            if (exit_requested) {
                break;
            }
            if (!__atomic_load_n(&running, __ATOMIC_ACQUIRE)) {
                stopped = true;         /* back to the parking wait */
                break;
            }
            if (v->halted && (v->ops->interrupt_pending(v) || v->requests)) {
                v->halted = false;
            }
            if ((v->powered && !v->halted && !v->held) || v->requests) {
                break;
            }
            g_cond_wait_until(&v->wake, &v->lock, g_get_monotonic_time() + G_TIME_SPAN_SECOND);
        }
        g_mutex_unlock(&v->lock);
        if (!stopped) {
            return;
        }
    }
}

static void serve_requests(VCPU *v)
{
    g_mutex_lock(&v->lock);
    int req = v->requests;
    v->requests = 0;
    g_mutex_unlock(&v->lock);
    if (req & (VCPU_REQ_TLB_FLUSH | VCPU_REQ_CODE_FLUSH)) {
        tlb_flush(v->cs);
    }
    if (req & VCPU_REQ_CODE_FLUSH) {
        /* Blocks are found by virtual pc (and the target's context in the
         * block key): when what a pc means changes, all of them go (a
         * physically keyed cache comes with the inline TLB). */
        start_exclusive(v->cs);
        tb_flush();
        end_exclusive();
    }
    if ((req & VCPU_REQ_RESET) && machine_reset) {
        machine_reset();
    }
}

static bool runnable(VCPU *v)
{
    g_mutex_lock(&v->lock);
    bool r = v->powered && !v->halted && !v->held;
    g_mutex_unlock(&v->lock);
    return r;
}

static gpointer vcpu_thread(gpointer opaque)
{
    VCPU *v = opaque;
    this_vcpu = v;
    current_cpu = v->cs;
    v->tid = (uint64_t)syscall(SYS_gettid);
    for (;;) {
        wait_until_runnable(v);
        if (exit_requested) {
            return NULL;
        }
        g_mutex_lock(&machine_lock);
        bool run = running;
        g_mutex_unlock(&machine_lock);
        if (!run) {
            continue;
        }
        serve_requests(v);
        if (!runnable(v)) {
            continue;
        }
        bool step = v->cs->cflags & CF_SINGLE_STEP;
        if (!step) {
            v->ops->take_interrupt(v);
        }
        int excp = cpu_exec(v->cs);
        switch (excp) {
        case EXCP_INTERRUPT:
            break;
        case EXCP_DEBUG:
            if (debug_stop) {
                debug_stop(v);
            }
            break;
        default:
            switch (v->ops->handle_exception(v, excp)) {
            case VCPU_CONTINUE:
                break;
            case VCPU_HALT:
                g_mutex_lock(&v->lock);
                v->halted = true;
                g_mutex_unlock(&v->lock);
                break;
            case VCPU_POWER_OFF:
                g_mutex_lock(&v->lock);
                v->powered = false;
                g_mutex_unlock(&v->lock);
                break;
            }
            if (step && debug_stop) {
                /* The stepped instruction raised an exception (now
                 * taken: the stop is at its vector) or waits for an
                 * interrupt. */
                debug_stop(v);
            }
        }
    }
}

void vcpu_start(VCPU *v)
{
    char name[16];
    snprintf(name, sizeof(name), "vcpu%d", v->index);
    g_mutex_lock(&machine_lock);
    vcpus_started++;
    g_mutex_unlock(&machine_lock);
    v->thread = g_thread_new(name, vcpu_thread, v);
}

/* QMP's RESUME and STOP go out for every change of the run state, from
 * whoever made it (the monitor, gdb, savevm), but not for the stop on
 * the way out. */
void machine_run(void)
{
    g_mutex_lock(&machine_lock);
    bool resumed = !running && !exit_requested;
    if (!running) {
        __atomic_store_n(&running, true, __ATOMIC_RELEASE);
        ever_ran = true;
        vm_clock_start();
    }
    g_cond_broadcast(&machine_cond);
    g_mutex_unlock(&machine_lock);
    if (resumed) {
        qmp_event_resume();
    }
}

void machine_pause(void)
{
    g_mutex_lock(&machine_lock);
    bool stopped = running && !exit_requested;
    if (running) {
        __atomic_store_n(&running, false, __ATOMIC_RELEASE);
        vm_clock_stop();
    }
    g_mutex_unlock(&machine_lock);
    if (stopped) {
        qmp_event_stop();
    }
    for (guint i = 0; all_vcpus && i < all_vcpus->len; i++) {
        vcpu_kick(g_ptr_array_index(all_vcpus, i));
    }
}

/* Whether a vCPU is on and in WFI: the rest of its state is the
 * target's (its registers, its timer). */
static bool vcpu_post_load(void *opaque, int version)
{
    VCPU *v = opaque;
    v->powered = v->powered != 0;
    v->halted = v->halted != 0;
    v->requests = 0;
    return true;
}

const VMStateDescription vmstate_vcpu = {
    .name = "vcpu",
    .version = 1,
    .minimum_version = 1,
    .post_load = vcpu_post_load,
    .fields = (const VMStateField[]){
        VMSTATE_FIELD(powered, VCPU, 1),
        VMSTATE_FIELD(halted, VCPU, 1),
        VMSTATE_END,
    },
};

void machine_pause_sync(void)
{
    machine_pause();
    g_mutex_lock(&machine_lock);
    while (vcpus_parked < vcpus_started && !exit_requested) {
        g_cond_wait(&machine_cond, &machine_lock);
    }
    g_mutex_unlock(&machine_lock);
}

bool machine_has_run(void)
{
    g_mutex_lock(&machine_lock);
    bool r = ever_ran;
    g_mutex_unlock(&machine_lock);
    return r;
}

void machine_reset_run_state(void)
{
    g_mutex_lock(&machine_lock);
    if (!running) {
        ever_ran = false;
    }
    g_mutex_unlock(&machine_lock);
}

bool machine_is_running(void)
{
    g_mutex_lock(&machine_lock);
    bool r = running;
    g_mutex_unlock(&machine_lock);
    return r;
}

void machine_request_exit(int status)
{
    machine_shutdown(status, SHUTDOWN_CAUSE_NONE, false);
}

void machine_shutdown(int status, int cause, bool guest)
{
    g_mutex_lock(&machine_lock);
    bool first = !exit_requested;
    if (!exit_requested) {
        exit_requested = true;
        exit_status = status;
    }
    if (first && cause != SHUTDOWN_CAUSE_NONE) {
        qmp_event_shutdown(guest, (ShutdownCause)cause);
    }
    g_cond_broadcast(&machine_cond);
    g_mutex_unlock(&machine_lock);
    for (guint i = 0; all_vcpus && i < all_vcpus->len; i++) {
        vcpu_kick(g_ptr_array_index(all_vcpus, i));
    }
}

int machine_wait_exit(void)
{
    g_mutex_lock(&machine_lock);
    while (!exit_requested) {
        g_cond_wait(&machine_cond, &machine_lock);
    }
    int status = exit_status;
    g_mutex_unlock(&machine_lock);
    return status;
}
