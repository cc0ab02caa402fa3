/*
 * The CPU list and exclusive sections: the one place where a CPU waits
 * for all others to leave translated code, so that shared state they run
 * on (the code buffer, during a flush) can change under no one's feet.
 *
 * A CPU is "running" from cpu_exec's entry to its exit.  start_exclusive
 * asks every running CPU to exit (cpu_exit) and waits until each has
 * left; CPUs entering cpu_exec meanwhile wait for end_exclusive.  A CPU
 * blocked in a syscall is not running, so it never delays anyone.
 */
#include <pthread.h>
#include <string.h>

#include "cpu.h"
#include "tb.h"

static pthread_mutex_t excl_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t excl_done = PTHREAD_COND_INITIALIZER;   /* pending hit 0 */
static pthread_cond_t excl_resume = PTHREAD_COND_INITIALIZER; /* section over */
static CPUState *cpu_list;
static int pending_cpus;
static bool exclusive_active;

static void fork_prepare(void) { pthread_mutex_lock(&excl_lock); }
static void fork_parent(void) { pthread_mutex_unlock(&excl_lock); }
static void fork_child(void)
{
    /* Only the forking thread exists in the child; drop the others. */
    pthread_mutex_init(&excl_lock, NULL);
    pthread_cond_init(&excl_done, NULL);
    pthread_cond_init(&excl_resume, NULL);
    CPUState *self = current_cpu;
    for (CPUState *c = cpu_list; c; c = c->next_cpu) {
        c->listed = false;
    }
    cpu_list = NULL;
    if (self) {
        self->listed = true;
        self->next_cpu = NULL;
        cpu_list = self;
    }
    pending_cpus = 0;
    exclusive_active = false;
}

static void register_atfork(void)
{
    pthread_atfork(fork_prepare, fork_parent, fork_child);
}

/* Leaves the running set: if an exclusive section waits for us, we are
 * one CPU fewer to wait for.  Called with excl_lock held. */
static void leave_running(CPUState *cpu)
{
    cpu->running = false;
    if (exclusive_active && cpu->excl_pending) {
        cpu->excl_pending = false;
        if (--pending_cpus == 0) {
            pthread_cond_signal(&excl_done);
        }
    }
}

void cpu_exec_start(CPUState *cpu)
{
    static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;
    pthread_once(&atfork_once, register_atfork);
    pthread_mutex_lock(&excl_lock);
    if (!cpu->listed) {
        cpu->next_cpu = cpu_list;
        cpu_list = cpu;
        cpu->listed = true;
    }
    while (exclusive_active) {
        pthread_cond_wait(&excl_resume, &excl_lock);
    }
    cpu->running = true;
    pthread_mutex_unlock(&excl_lock);
}

void cpu_exec_end(CPUState *cpu)
{
    pthread_mutex_lock(&excl_lock);
    leave_running(cpu);
    pthread_mutex_unlock(&excl_lock);
}

void cpu_list_remove(CPUState *cpu)
{
    pthread_mutex_lock(&excl_lock);
    leave_running(cpu);
    for (CPUState **p = &cpu_list; *p; p = &(*p)->next_cpu) {
        if (*p == cpu) {
            *p = cpu->next_cpu;
            break;
        }
    }
    cpu->listed = false;
    pthread_mutex_unlock(&excl_lock);
}

void start_exclusive(CPUState *self)
{
    pthread_mutex_lock(&excl_lock);
    /* In translated code (user mode's helpers) or not (system mode's vCPU
     * loop, between blocks): it must be as it was afterwards, or a CPU
     * outside cpu_exec would count as running and the next section would
     * wait for it forever. */
    bool was_running = self->running;
    while (exclusive_active) {
        /* Another CPU got there first and is waiting for us to leave:
         * leave while we wait, then come back. */
        leave_running(self);
        pthread_cond_wait(&excl_resume, &excl_lock);
        self->running = was_running;
    }
    exclusive_active = true;
    for (CPUState *c = cpu_list; c; c = c->next_cpu) {
        if (c != self && c->running) {
            c->excl_pending = true;
            pending_cpus++;
            cpu_exit(c);
        }
    }
    while (pending_cpus > 0) {
        pthread_cond_wait(&excl_done, &excl_lock);
    }
    pthread_mutex_unlock(&excl_lock);
}

void end_exclusive(void)
{
    pthread_mutex_lock(&excl_lock);
    exclusive_active = false;
    pthread_cond_broadcast(&excl_resume);
    pthread_mutex_unlock(&excl_lock);
}

void tb_make_room_exclusive(CPUState *cpu)
{
    start_exclusive(cpu);
    tb_make_room();
    /* Generated code probes jmp_cache itself (inline lookup of indirect
     * branches), so no entry may outlive the code it points to: clear
     * every CPU's now, while none runs.  (tb_lookup also clears lazily on
     * a new flush generation, for CPUs not yet listed.) */
    pthread_mutex_lock(&excl_lock);
    for (CPUState *c = cpu_list; c; c = c->next_cpu) {
        tb_jmp_cache_clear(c);
    }
    pthread_mutex_unlock(&excl_lock);
    end_exclusive();
}
