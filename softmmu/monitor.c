/*
 * The human monitor (monitor.h): the chardev front end, the command
 * table and the commands, with qemu 7.2's output formats (recorded in
 * tests/unit/monitor-qemu/).  Line editing is monitor-readline.c,
 * expressions and /fmt are monitor-expr.c.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "monitor.h"
#include "monitor-internal.h"

#ifndef MIMIC_VERSION
#define MIMIC_VERSION "0.0.0"
#endif

/* x/xp dump at most this many bytes per command.  qemu has no cap (its
 * count wraps as an int, and /100000000000xb prints a gigabyte); more than
 * a chardev keeps (CHARDEV_OUTPUT_MAX) would be dropped anyway. */
#define MONITOR_DUMP_MAX (64 * 1024)

struct Monitor {
    Chardev *chr;
    CharFrontend *fe;
    const MonitorMachineOps *ops;
    void *opaque;
    MonitorReadline rl;
    MonitorFormatState fmt;
    int cpu;
    bool started;       /* banner printed */
    GString *capture;   /* output goes here instead (QMP's human-monitor-command) */
};

/* One command being run: what the user typed as its name ("p", "info
 * status") is what qemu's "Try \"help ...\"" repeats. */
typedef struct MonitorCall {
    Monitor *mon;
    const struct MonitorCommand *cmd;
    const char *typed;
} MonitorCall;

typedef struct MonitorCommand {
    const char *name;       /* "print|p": the name and its aliases */
    const char *params;     /* as help shows them: "/fmt addr" */
    const char *help;
    void (*run)(MonitorCall *call, const char *args);
    const struct MonitorCommand *sub;   /* `info`'s table */
} MonitorCommand;

/* ---- output ---- */

/* Every '\n' goes out as "\r\n": the terminal is raw (qemu does the same). */
static void mon_write(void *opaque, const char *text, size_t len)
{
    Monitor *mon = opaque;
    size_t start = 0;
    if (mon->capture) {
        for (size_t i = 0; i < len; i++) {
            if (text[i] == '\n') {
                g_string_append_c(mon->capture, '\r');
            }
            g_string_append_c(mon->capture, text[i]);
        }
        return;
    }
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            chardev_write(mon->chr, (const uint8_t *)text + start, i - start);
            chardev_write(mon->chr, (const uint8_t *)"\r\n", 2);
            start = i + 1;
        }
    }
    chardev_write(mon->chr, (const uint8_t *)text + start, len - start);
}

static void G_GNUC_PRINTF(2, 3) mon_printf(Monitor *mon, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    mon_write(mon, text, strlen(text));
}

/* Runs fn with a FILE whose contents then go to the monitor. */
static void mon_print_file(Monitor *mon, void (*fn)(Monitor *mon, FILE *f, void *arg),
                           void *arg)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        return;
    }
    fn(mon, f, arg);
    fclose(f);
    mon_write(mon, text, len);
    free(text);
}

/* An argument error: the message, then qemu's hint. */
static void call_error(MonitorCall *call, const char *msg)
{
    mon_printf(call->mon, "%s\nTry \"help %s\" for more information\n", msg, call->typed);
}

static const char *skip_spaces(const char *p)
{
    while (g_ascii_isspace(*p)) {
        p++;
    }
    return p;
}

/* What qemu says when a command is given more than it takes. */
static bool expect_end(MonitorCall *call, const char *p)
{
    p = skip_spaces(p);
    if (*p) {
        g_autofree char *msg = g_strdup_printf("%s: extraneous characters at the end of line",
                                               call->cmd->name);
        call_error(call, msg);
        return false;
    }
    return true;
}

/* A command's "-x" flags, in the order its parameters list them: qemu
 * takes each flag at its own place, a later one lets the earlier ones
 * be absent, and one it does not know is an error ("-fd" is not "-f -d":
 * qemu reads the "d" as the next parameter). */
static bool parse_flags(MonitorCall *call, const char **p, const char *names, bool *set)
{
    for (size_t i = 0; names[i]; i++) {
        const char *s = skip_spaces(*p);
        set[i] = false;
        if (s[0] != '-') {
            continue;
        }
        if (s[1] == names[i]) {
            set[i] = true;
            *p = s + 2;
        } else if (!s[1] || !strchr(names + i + 1, s[1])) {
            g_autofree char *msg = g_strdup_printf("%s: unsupported option -%c",
                                                   call->cmd->name, s[1] ? s[1] : ' ');
            call_error(call, msg);
            return false;
        }
    }
    return true;
}

static bool read_register(void *opaque, const char *name, uint64_t *value)
{
    Monitor *mon = opaque;
    return mon->ops->read_register &&
           mon->ops->read_register(mon->opaque, mon->cpu, name, value);
}

static bool parse_expr(MonitorCall *call, const char **p, uint64_t *value)
{
    char *error = NULL;
    if (!monitor_parse_expr(p, read_register, call->mon, value, &error)) {
        call_error(call, error);
        g_free(error);
        return false;
    }
    return true;
}

static bool parse_format(MonitorCall *call, const char **p, MonitorFormat *fmt)
{
    char *error = NULL;
    if (!monitor_parse_format(p, &call->mon->fmt, fmt, &error)) {
        call_error(call, error);
        g_free(error);
        return false;
    }
    return true;
}

/* qemu's monitor_printc: a character in quotes, C escapes for the rest. */
static void print_char(Monitor *mon, uint8_t c)
{
    switch (c) {
    case '\'': mon_printf(mon, "'\\''"); break;
    case '\\': mon_printf(mon, "'\\\\'"); break;
    case '\n': mon_printf(mon, "'\\n'"); break;
    case '\r': mon_printf(mon, "'\\r'"); break;
    default:
        if (c >= 32 && c <= 126) {
            mon_printf(mon, "'%c'", c);
        } else {
            mon_printf(mon, "'\\x%02x'", c);
        }
        break;
    }
}

/* ---- memory dumps: x, xp ---- */

static bool read_memory(Monitor *mon, bool physical, uint64_t addr, void *buf, size_t len)
{
    const MonitorMachineOps *ops = mon->ops;
    if (physical) {
        AddressSpace *as = ops->system_as ? ops->system_as(mon->opaque) : NULL;
        return as && address_space_read(as, addr, buf, len) == MEMTX_OK;
    }
    return ops->read_virtual && ops->read_virtual(mon->opaque, mon->cpu, addr, buf, len);
}

/* A64 instructions are 4 bytes: each is read on its own, as qemu, so a
 * dump ends at the first unreadable one. */
#define INSN_SIZE 4

static void dump_instructions(Monitor *mon, bool physical, uint64_t addr, uint64_t count)
{
    for (uint64_t n = 0; n < MIN(count, (uint64_t)MONITOR_DUMP_MAX); n++) {
        uint8_t code[INSN_SIZE];
        if (!read_memory(mon, physical, addr, code, sizeof(code))) {
            mon_printf(mon, "0x%08" PRIx64 ": unable to read memory\n", addr);
            return;
        }
        g_autoptr(GString) text = g_string_new(NULL);
        size_t used = mon->ops->disassemble
                    ? mon->ops->disassemble(mon->opaque, addr, code, sizeof(code), text) : 0;
        if (!used) {
            /* No disassembler, or no instruction: qemu's text for bytes. */
            g_string_printf(text, "%08" PRIx32 "  .byte    0x%02x, 0x%02x, 0x%02x, 0x%02x",
                            (uint32_t)ldn_le_p(code, 4), code[0], code[1], code[2], code[3]);
            used = INSN_SIZE;
        }
        mon_printf(mon, "0x%08" PRIx64 ":  %s\n", addr, text->str);
        addr += used;
    }
}

static void dump_memory(Monitor *mon, bool physical, uint64_t addr, const MonitorFormat *fmt)
{
    if (fmt->format == 'i') {
        dump_instructions(mon, physical, addr, fmt->count);
        return;
    }
    int size = fmt->size;
    /* The line holds 8 bytes of bytes and 16 of anything wider; 'c' then
     * prints each byte of the words it was asked for. */
    int line_size = size == 1 ? 8 : 16;
    uint64_t len = MIN(fmt->count * (uint64_t)size, (uint64_t)MONITOR_DUMP_MAX);
    int wsize = fmt->format == 'c' ? 1 : size;
    int digits = 0;
    switch (fmt->format) {
    case 'o': digits = (wsize * 8 + 2) / 3; break;
    case 'x': digits = wsize * 2; break;
    case 'u':
    case 'd': digits = (wsize * 8 * 10 + 32) / 33; break;
    }
    while (len > 0) {
        uint8_t buf[16];
        int l = (int)MIN(len, (uint64_t)line_size);
        mon_printf(mon, "%016" PRIx64 ":", addr);
        if (!read_memory(mon, physical, addr, buf, l)) {
            mon_printf(mon, " Cannot access memory\n");
            return;
        }
        for (int i = 0; i + wsize <= l; i += wsize) {
            uint64_t v = ldn_le_p(buf + i, wsize);
            mon_printf(mon, " ");
            switch (fmt->format) {
            case 'o': mon_printf(mon, "%#*" PRIo64, digits, v); break;
            case 'x': mon_printf(mon, "0x%0*" PRIx64, digits, v); break;
            case 'u': mon_printf(mon, "%*" PRIu64, digits, v); break;
            case 'd': mon_printf(mon, "%*" PRId64, digits, (int64_t)v); break;
            case 'c': print_char(mon, (uint8_t)v); break;
            }
        }
        mon_printf(mon, "\n");
        addr += l;
        len -= l;
    }
}

static void run_memory_dump(MonitorCall *call, const char *args, bool physical)
{
    MonitorFormat fmt;
    uint64_t addr;
    if (parse_format(call, &args, &fmt) && parse_expr(call, &args, &addr) &&
        expect_end(call, args)) {
        dump_memory(call->mon, physical, addr, &fmt);
    }
}

static void cmd_x(MonitorCall *call, const char *args)
{
    run_memory_dump(call, args, false);
}

static void cmd_xp(MonitorCall *call, const char *args)
{
    run_memory_dump(call, args, true);
}

static void cmd_print(MonitorCall *call, const char *args)
{
    MonitorFormat fmt;
    uint64_t v;
    if (!parse_format(call, &args, &fmt) || !parse_expr(call, &args, &v) ||
        !expect_end(call, args)) {
        return;
    }
    Monitor *mon = call->mon;
    switch (fmt.format) {
    case 'o': mon_printf(mon, "%#" PRIo64, v); break;
    case 'x': mon_printf(mon, "%#" PRIx64, v); break;
    case 'u': mon_printf(mon, "%" PRIu64, v); break;
    case 'c': print_char(mon, (uint8_t)v); break;
    default: mon_printf(mon, "%" PRId64, (int64_t)v); break;
    }
    mon_printf(mon, "\n");
}

/* ---- machine control ---- */

/* Commands without arguments that call one machine callback. */
static void run_action(MonitorCall *call, const char *args, void (*action)(void *opaque))
{
    if (expect_end(call, args) && action) {
        action(call->mon->opaque);
    }
}

static void cmd_cont(MonitorCall *call, const char *args)
{
    run_action(call, args, call->mon->ops->cont);
}

static void cmd_stop(MonitorCall *call, const char *args)
{
    run_action(call, args, call->mon->ops->stop);
}

static void cmd_system_reset(MonitorCall *call, const char *args)
{
    run_action(call, args, call->mon->ops->system_reset);
}

static void cmd_system_powerdown(MonitorCall *call, const char *args)
{
    run_action(call, args, call->mon->ops->system_powerdown);
}

static void cmd_quit(MonitorCall *call, const char *args)
{
    run_action(call, args, call->mon->ops->quit);
}

/* ---- snapshots ---- */

/* The next word of *p (advancing past it), NULL at the end. */
static char *next_word(const char **p)
{
    const char *s = skip_spaces(*p);
    const char *e = s;
    while (*e && !g_ascii_isspace(*e)) {
        e++;
    }
    *p = e;
    return e > s ? g_strndup(s, e - s) : NULL;
}

typedef bool SnapshotOp(void *opaque, const char *name, GError **err);

/* savevm [tag], loadvm tag, delvm tag: one string (qemu's "string
 * expected" when a required one is missing), errors as "Error: ...". */
static void run_snapshot_op(MonitorCall *call, const char *args, SnapshotOp *op, bool required)
{
    g_autofree char *name = next_word(&args);
    if (!name && required) {
        g_autofree char *msg = g_strdup_printf("%s: string expected", call->cmd->name);
        call_error(call, msg);
        return;
    }
    if (!expect_end(call, args) || !op) {
        return;
    }
    GError *err = NULL;
    if (!op(call->mon->opaque, name, &err)) {
        mon_printf(call->mon, "Error: %s\n", err->message);
        g_error_free(err);
    }
}

static void cmd_savevm(MonitorCall *call, const char *args)
{
    run_snapshot_op(call, args, call->mon->ops->savevm, false);
}

static void cmd_loadvm(MonitorCall *call, const char *args)
{
    run_snapshot_op(call, args, call->mon->ops->loadvm, true);
}

static void cmd_delvm(MonitorCall *call, const char *args)
{
    run_snapshot_op(call, args, call->mon->ops->delvm, true);
}

static void info_snapshots(MonitorCall *call, const char *args)
{
    if (!expect_end(call, args) || !call->mon->ops->info_snapshots) {
        return;
    }
    g_autoptr(GString) out = g_string_new(NULL);
    GError *err = NULL;
    if (call->mon->ops->info_snapshots(call->mon->opaque, out, &err)) {
        mon_write(call->mon, out->str, out->len);
    } else {
        mon_printf(call->mon, "%s\n", err->message);
        g_error_free(err);
    }
}

static int cpu_count(Monitor *mon)
{
    return mon->ops->cpu_count ? mon->ops->cpu_count(mon->opaque) : 1;
}

static void cmd_cpu(MonitorCall *call, const char *args)
{
    uint64_t index;
    if (!parse_expr(call, &args, &index) || !expect_end(call, args)) {
        return;
    }
    if (index >= (uint64_t)cpu_count(call->mon)) {
        mon_printf(call->mon, "invalid CPU index\n");
        return;
    }
    call->mon->cpu = (int)index;
}

/* ---- info ---- */

static void print_registers(Monitor *mon, FILE *f, void *arg)
{
    int cpu = *(int *)arg;
    fprintf(f, "\nCPU#%d\n", cpu);
    if (mon->ops->dump_registers) {
        mon->ops->dump_registers(mon->opaque, cpu, f);
    }
}

static void info_registers(MonitorCall *call, const char *args)
{
    Monitor *mon = call->mon;
    bool all;
    const char *p = args;
    if (!parse_flags(call, &p, "a", &all)) {
        return;
    }
    int first = mon->cpu, last = mon->cpu;
    p = skip_spaces(p);
    if (*p) {
        uint64_t index;
        if (!parse_expr(call, &p, &index) || !expect_end(call, p)) {
            return;
        }
        /* -a wins over a vCPU given with it, as in qemu. */
        if (!all && index >= (uint64_t)cpu_count(mon)) {
            mon_printf(mon, "CPU#%" PRIu64 " not available\n", index);
            return;
        }
        first = last = (int)index;
    }
    if (all) {
        first = 0;
        last = cpu_count(mon) - 1;
    }
    for (int cpu = first; cpu <= last; cpu++) {
        mon_print_file(mon, print_registers, &cpu);
    }
}

static void info_cpus(MonitorCall *call, const char *args)
{
    Monitor *mon = call->mon;
    if (!expect_end(call, args)) {
        return;
    }
    for (int cpu = 0; cpu < cpu_count(mon); cpu++) {
        int64_t tid = mon->ops->cpu_thread_id ? mon->ops->cpu_thread_id(mon->opaque, cpu) : 0;
        mon_printf(mon, "%c CPU #%d: thread_id=%" PRId64 "\n",
                   cpu == mon->cpu ? '*' : ' ', cpu, tid);
    }
}

static void print_mtree(Monitor *mon, FILE *f, void *arg)
{
    bool flat = *(bool *)arg;
    if (mon->ops->print_mtree) {
        mon->ops->print_mtree(mon->opaque, flat, f);
    } else if (mon->ops->system_as) {
        address_space_print_tree(mon->ops->system_as(mon->opaque), f);
    }
}

static void info_mtree(MonitorCall *call, const char *args)
{
    /* qemu's -f -d -o -D; only -f (the flat view) could change what mimic
     * prints, and the system tree is all it has. */
    bool flags[4];
    if (parse_flags(call, &args, "fdoD", flags) && expect_end(call, args)) {
        mon_print_file(call->mon, print_mtree, &flags[0]);
    }
}

static void info_status(MonitorCall *call, const char *args)
{
    Monitor *mon = call->mon;
    if (!expect_end(call, args)) {
        return;
    }
    const char *state = mon->ops->run_state ? mon->ops->run_state(mon->opaque) : "running";
    if (strcmp(state, "running") == 0) {
        mon_printf(mon, "VM status: running\n");
    } else if (strcmp(state, "paused") == 0) {
        mon_printf(mon, "VM status: paused\n");
    } else {
        mon_printf(mon, "VM status: paused (%s)\n", state);
    }
}

static void info_version(MonitorCall *call, const char *args)
{
    if (expect_end(call, args)) {
        mon_printf(call->mon, "%s\n", MIMIC_VERSION);
    }
}

static void print_chardev(Chardev *chr, void *opaque)
{
    mon_printf(opaque, "%s: filename=%s\n", chardev_label(chr), chardev_filename(chr));
}

static void info_chardev(MonitorCall *call, const char *args)
{
    if (expect_end(call, args)) {
        chardev_foreach(print_chardev, call->mon);
    }
}

static void info_history(MonitorCall *call, const char *args)
{
    MonitorReadline *rl = &call->mon->rl;
    if (!expect_end(call, args)) {
        return;
    }
    for (int i = 0; i < rl->history_len; i++) {
        mon_printf(call->mon, "%d: '%s'\n", i, rl->history[i]);
    }
}

/* ---- the tables ---- */

static void cmd_help(MonitorCall *call, const char *args);
static void cmd_info(MonitorCall *call, const char *args);

/* In qemu's (alphabetical) order, with qemu's parameter and help texts. */
static const MonitorCommand info_commands[] = {
    { "chardev", "", "show the character devices", info_chardev },
    { "cpus", "", "show infos for each CPU", info_cpus },
    { "history", "", "show the command line history", info_history },
    { "mtree", "[-f][-d][-o][-D]",
      "show memory tree (-f: dump flat view for address spaces;"
      "-d: dump dispatch tree, valid with -f only);"
      "-o: dump region owners/parents;-D: dump disabled regions", info_mtree },
    { "registers", "[-a|vcpu]",
      "show the cpu registers (-a: show register info for all cpus; "
      "vcpu: specific vCPU to query; show the current CPU's registers if "
      "no argument is specified)", info_registers },
    { "snapshots", "", "show the currently saved VM snapshots", info_snapshots },
    { "status", "", "show the current VM status (running|paused)", info_status },
    { "version", "", "show the version of QEMU", info_version },
    { NULL },
};

static const MonitorCommand commands[] = {
    { "cont|c", "", "resume emulation", cmd_cont },
    { "cpu", "index", "set the default CPU", cmd_cpu },
    { "delvm", "tag", "delete a VM snapshot from its tag", cmd_delvm },
    { "help|?", "[cmd]", "show the help", cmd_help },
    { "info", "[subcommand]", "show various information about the system state",
      cmd_info, info_commands },
    { "loadvm", "tag", "restore a VM snapshot from its tag", cmd_loadvm },
    { "print|p", "/fmt expr", "print expression value (use $reg for CPU register access)",
      cmd_print },
    { "quit|q", "", "quit the emulator", cmd_quit },
    { "savevm", "tag", "save a VM snapshot. If no tag is provided, a new snapshot is created",
      cmd_savevm },
    { "stop|s", "", "stop emulation", cmd_stop },
    { "system_powerdown", "", "send system power down event", cmd_system_powerdown },
    { "system_reset", "", "reset the system", cmd_system_reset },
    { "x", "/fmt addr", "virtual memory dump starting at 'addr'", cmd_x },
    { "xp", "/fmt addr", "physical memory dump starting at 'addr'", cmd_xp },
    { NULL },
};

/* name is one of the '|'-separated names of cmd. */
static bool command_is(const MonitorCommand *cmd, const char *name)
{
    g_auto(GStrv) names = g_strsplit(cmd->name, "|", -1);
    return g_strv_contains((const char *const *)names, name);
}

static const MonitorCommand *find_command(const MonitorCommand *table, const char *name)
{
    for (const MonitorCommand *cmd = table; cmd->name; cmd++) {
        if (command_is(cmd, name)) {
            return cmd;
        }
    }
    return NULL;
}

static void print_help_line(Monitor *mon, const char *prefix, const MonitorCommand *cmd)
{
    mon_printf(mon, "%s%s %s -- %s\n", prefix, cmd->name, cmd->params, cmd->help);
}

static void print_help_table(Monitor *mon, const char *prefix, const MonitorCommand *table)
{
    for (const MonitorCommand *cmd = table; cmd->name; cmd++) {
        print_help_line(mon, prefix, cmd);
    }
}

static void cmd_help(MonitorCall *call, const char *args)
{
    Monitor *mon = call->mon;
    g_autofree char *name = next_word(&args);
    if (!name) {
        print_help_table(mon, "", commands);
        return;
    }
    const MonitorCommand *cmd = find_command(commands, name);
    if (!cmd) {
        mon_printf(mon, "unknown command: '%s'\n", name);
        return;
    }
    if (!cmd->sub) {
        print_help_line(mon, "", cmd);
        return;
    }
    g_autofree char *subname = next_word(&args);
    const MonitorCommand *sub = subname ? find_command(cmd->sub, subname) : NULL;
    if (!subname) {
        print_help_table(mon, "info ", cmd->sub);
    } else if (!sub) {
        mon_printf(mon, "unknown command: 'info %s'\n", subname);
    } else {
        print_help_line(mon, "info ", sub);
    }
}

static void cmd_info(MonitorCall *call, const char *args)
{
    Monitor *mon = call->mon;
    g_autofree char *name = next_word(&args);
    if (!name) {
        print_help_table(mon, "info ", info_commands);
        return;
    }
    const MonitorCommand *sub = find_command(info_commands, name);
    if (!sub) {
        mon_printf(mon, "unknown command: 'info %s'\n", name);
        return;
    }
    g_autofree char *typed = g_strdup_printf("info %s", name);
    MonitorCall subcall = { mon, sub, typed };
    sub->run(&subcall, args);
}

static void run_line(Monitor *mon, const char *line)
{
    const char *p = line;
    g_autofree char *name = next_word(&p);
    if (!name) {
        return;
    }
    const MonitorCommand *cmd = find_command(commands, name);
    if (!cmd) {
        mon_printf(mon, "unknown command: '%s'\n", name);
        return;
    }
    MonitorCall call = { mon, cmd, name };
    cmd->run(&call, p);
}

/* ---- the front end ---- */

static void show_prompt(Monitor *mon)
{
    mon_printf(mon, "(qemu) ");
    monitor_readline_start(&mon->rl);
}

static void line_entered(void *opaque, const char *line)
{
    Monitor *mon = opaque;
    run_line(mon, line);
    show_prompt(mon);
}

static void start(Monitor *mon)
{
    mon->started = true;
    mon_printf(mon, "mimic %s monitor - type 'help' for more information\n", MIMIC_VERSION);
    show_prompt(mon);
}

static int mon_can_read(void *opaque)
{
    return MONITOR_LINE_MAX;
}

static void mon_read(void *opaque, const uint8_t *buf, int len)
{
    Monitor *mon = opaque;
    for (int i = 0; i < len; i++) {
        monitor_readline_key(&mon->rl, buf[i]);
    }
}

/* A plain back end starts the monitor when it opens (a socket's peer
 * connects: each time, as qemu); behind a multiplexer the monitor starts
 * when it first gets the focus (Ctrl-A c), and shows a new prompt each
 * time it gets it again. */
static void mon_event(void *opaque, ChardevEvent event)
{
    Monitor *mon = opaque;
    switch (event) {
    case CHARDEV_EVENT_OPENED:
        if (chardev_mux_focus(mon->chr) < 0) {
            start(mon);
        }
        break;
    case CHARDEV_EVENT_MUX_IN:
        if (!mon->started) {
            start(mon);
        } else {
            mon_printf(mon, "\n");
            show_prompt(mon);
        }
        break;
    default:
        break;
    }
}

static const ChardevHandlers monitor_handlers = { mon_can_read, mon_read, mon_event };

Monitor *monitor_new(Chardev *chr, const MonitorMachineOps *ops, void *opaque, GError **err)
{
    Monitor *mon = g_new0(Monitor, 1);
    mon->chr = chr;
    mon->ops = ops;
    mon->opaque = opaque;
    mon->fmt.format = 'x';
    mon->fmt.size = 4;
    monitor_readline_init(&mon->rl, mon_write, line_entered, mon);
    mon->fe = chardev_attach(chr, &monitor_handlers, mon, err);
    if (!mon->fe) {
        g_free(mon);
        return NULL;
    }
    return mon;
}

void monitor_free(Monitor *mon)
{
    if (!mon) {
        return;
    }
    chardev_detach(mon->fe);
    monitor_readline_cleanup(&mon->rl);
    g_free(mon);
}

char *monitor_run_command(const MonitorMachineOps *ops, void *opaque, int cpu,
                          const char *line)
{
    Monitor mon = { .ops = ops, .opaque = opaque, .cpu = cpu, .started = true,
                    .capture = g_string_new(NULL) };
    mon.fmt.format = 'x';
    mon.fmt.size = 4;
    monitor_readline_init(&mon.rl, mon_write, line_entered, &mon);
    run_line(&mon, line);
    monitor_readline_cleanup(&mon.rl);
    return g_string_free(mon.capture, FALSE);
}

int monitor_current_cpu(const Monitor *mon)
{
    return mon->cpu;
}
