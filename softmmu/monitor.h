/*
 * The human monitor (qemu's HMP) of system mode: `-monitor stdio`, or the
 * second front end of `-serial mon:stdio` / `-nographic` (Ctrl-A c).
 *
 * A Monitor is a chardev front end (chardev.h).  It prints a banner in
 * qemu's shape with mimic's name and version ("mimic 0.1.0 monitor - type
 * 'help' for more information") and qemu's "(qemu) " prompt (scripts and
 * users wait for that string), edits the line as qemu's readline does over
 * a raw terminal, and runs commands from one table with qemu 7.2's output
 * formats; every '\n' it prints goes out as "\r\n", as qemu's monitor.
 *
 * The machine is abstract: the board hands it a MonitorMachineOps.  All
 * callbacks run on the thread that delivers chardev input (the main loop's)
 * with the device lock held, so they must not wait for a vCPU that waits
 * for that lock.  Optional ones may be NULL: the monitor then answers as
 * qemu does when a target lacks the feature.
 */
#ifndef SOFTMMU_MONITOR_H
#define SOFTMMU_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "chardev.h"
#include "memory.h"

typedef struct MonitorMachineOps {
    /* vCPUs are numbered 0 .. cpu_count-1. */
    int (*cpu_count)(void *opaque);
    /* qemu's cpu_dump_state for `info registers`: everything after the
     * "\nCPU#N\n" header the monitor prints. */
    void (*dump_registers)(void *opaque, int cpu, FILE *f);
    /* Debug read of the CPU's virtual address space (`x`): false if any
     * byte of [addr, addr+len) is unmapped or not readable. */
    bool (*read_virtual)(void *opaque, int cpu, uint64_t addr, void *buf, size_t len);
    /* The system (CPU's physical) address space, for `xp`. */
    AddressSpace *(*system_as)(void *opaque);
    /* qemu's RunState name: "running", "paused", "prelaunch", "debug",
     * "shutdown", "internal-error", ...  (`info status`). */
    const char *(*run_state)(void *opaque);
    void (*stop)(void *opaque);
    void (*cont)(void *opaque);
    void (*system_reset)(void *opaque);
    void (*system_powerdown)(void *opaque);
    /* `quit`: the machine exits (qemu prints nothing).  It must not free
     * the Monitor from inside the call: the monitor prints its prompt
     * after the command returns. */
    void (*quit)(void *opaque);
    /* Host thread id of a vCPU (`info cpus`). */
    int64_t (*cpu_thread_id)(void *opaque, int cpu);

    /* ---- optional ---- */
    /* `$name` in expressions; NULL (as qemu's Arm target): "unknown register". */
    bool (*read_register)(void *opaque, int cpu, const char *name, uint64_t *value);
    /* One A64 instruction at pc from code[0..len) (len is 4): appends
     * qemu's text after the "0x%08x:  " prefix, the word, two spaces,
     * capstone's mnemonic padded to 8, a space, its operands (e.g.
     * "580000c0  ldr      x0, #0x40000018"), and returns the bytes it
     * took; 0 (or NULL): qemu's ".byte    0x.., ..." text. */
    size_t (*disassemble)(void *opaque, uint64_t pc, const uint8_t *code, size_t len,
                          GString *out);
    /* `info mtree [-f]`; NULL: the system address space's tree. */
    void (*print_mtree)(void *opaque, bool flat, FILE *f);
    /* savevm (name NULL: a name made from the date), loadvm, delvm:
     * false with the message the monitor prints after "Error: ". */
    bool (*savevm)(void *opaque, const char *name, GError **err);
    bool (*loadvm)(void *opaque, const char *name, GError **err);
    bool (*delvm)(void *opaque, const char *name, GError **err);
    /* `info snapshots`: its text, or false with a message printed as is. */
    bool (*info_snapshots)(void *opaque, GString *out, GError **err);
} MonitorMachineOps;

typedef struct Monitor Monitor;

/* Attaches to chr (with the device lock held, as every chardev front end)
 * and prints the banner and prompt when the back end is open or focused. */
Monitor *monitor_new(Chardev *chr, const MonitorMachineOps *ops, void *opaque,
                     GError **err);
/* Detaches and frees; the device lock held. */
void monitor_free(Monitor *mon);

/* Runs one command line as a monitor of its own with cpu selected, and
 * returns what it printed ("\r\n" line ends, as qemu's; QMP's
 * human-monitor-command).  With the device lock held. */
char *monitor_run_command(const MonitorMachineOps *ops, void *opaque, int cpu,
                          const char *line);

/* The CPU `cpu N` selected (for `x`, `info registers`, $reg). */
int monitor_current_cpu(const Monitor *mon);

#endif
