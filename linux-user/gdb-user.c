/*
 * User mode's side of the gdb stub: -g PORT and QEMU_GDB start it before
 * the first guest instruction, and it is given guest memory (through the
 * page table, as syscalls see it), the auxv, the program's path and
 * watchpoints (gdb-watch.c).
 * Hot regions and the persistent cache stay off for a debugged process:
 * neither may run past a breakpoint.
 */
#include <stdlib.h>
#include <unistd.h>

#include "gdbstub/gdbstub.h"
#include "linux-user/gdb-watch.h"
#include "tcg/pcache.h"
#include "user.h"

static bool read_memory(CPUState *cpu, uint64_t addr, void *buf, size_t len)
{
    return copy_from_user(buf, addr, len) == 0;
}

static bool write_memory(CPUState *cpu, uint64_t addr, const void *buf, size_t len)
{
    return copy_to_user(addr, buf, len) == 0;
}

static const void *auxv(size_t *len)
{
    *len = user_proc.auxv_copy_len;
    return user_proc.auxv_copy;
}

static const char *exec_file(void)
{
    return user_proc.exe_path;
}

/* gdb's kill: the process ends at once, as qemu-user's exit(0). */
__attribute__((noreturn)) static void kill_process(void)
{
    user_exit_group(0);
}

static const GdbHostOps user_gdb_ops = {
    .read_memory = read_memory,
    .write_memory = write_memory,
    .auxv = auxv,
    .exec_file = exec_file,
    .kill = kill_process,
    .watchpoint = gdb_user_watchpoint,
    .watch_hit = gdb_user_watch_hit,
    .watchpoints_clear = gdb_user_watch_clear,
};

void gdb_user_start(const char *port, TaskState *ts)
{
    tb_tier2_threshold = 0;
    const char *err = gdb_server_start(port, &aarch64_gdb_target, &user_gdb_ops);
    if (err) {
        fprintf(stderr, "mimic: %s\n", err);
        exit(1);
    }
    gdb_thread_add(&ts->cpu->parent, ts->tid);
    gdb_handle_stop(&ts->cpu->parent, 0);
}
