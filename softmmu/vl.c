/*
 * mimic-system-aarch64: the command line (qemu-system-aarch64's spellings),
 * the machine's set-up, and the end of the process.  Options take one dash
 * or two, as qemu's; -M virt is the only board.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "hw/arm/virt-machine.h"
#include "softmmu/drive.h"
#include "softmmu/chardev.h"
#include "softmmu/cpus.h"
#include "softmmu/gdb-system.h"
#include "softmmu/device-lock.h"
#include "softmmu/main-loop.h"
#include "softmmu/qemu-opts.h"
#include "softmmu/qmp.h"
#include "softmmu/savevm.h"
#include "softmmu/semihosting.h"
#include "target-arm/cpu.h"
#include "tcg/accel.h"
#include "tcg/log.h"
#include "hw/virtio/virtio.h"
#include "tcg/tb.h"

#define PROG "mimic-system-aarch64"

static void G_GNUC_PRINTF(1, 2) __attribute__((noreturn)) die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, PROG ": ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void usage(FILE *f)
{
    fprintf(f,
"usage: " PROG " [options]\n"
"  -M virt[,gic-version=2][,dumpdtb=FILE]   the board (qemu 7.2's virt)\n"
"  -cpu cortex-a57|max     the CPU model (-cpu help lists them)\n"
"  -m SIZE                 RAM, in MiB or with a suffix K, M, G, T (default 128M)\n"
"  -smp N                  CPUs (1-8 with GICv2)\n"
"  -kernel FILE            Linux Image (gzip'ed or not), ELF, or raw binary\n"
"  -initrd FILE            initial ram disk\n"
"  -append STR             kernel command line\n"
"  -dtb FILE               device tree blob instead of the built one\n"
"  -nographic              console on stdio, multiplexed (Ctrl-A h for help)\n"
"  -serial SPEC            UART back end: stdio, mon:stdio, file:PATH, unix:PATH,\n"
"                          tcp:HOST:PORT, pty, null, none, chardev:ID\n"
"  -chardev BACKEND,id=ID,...  a character device for -serial chardev:ID\n"
"  -monitor SPEC           the monitor (HMP) on a back end of its own; none\n"
"  -qmp SPEC, -qmp-pretty SPEC   a QMP monitor on a back end (unix:PATH,server=on,wait=off,\n"
"                          tcp:HOST:PORT,server=on,wait=off, ...)\n"
"  -mon chardev=ID[,mode=readline|control][,pretty=on]   a monitor on a -chardev\n"
"  -name NAME | guest=NAME  the machine's name (QMP's query-name)\n"
"  -semihosting            Arm semihosting (HLT #0xF000)\n"
"  -semihosting-config enable=on,target=native,userspace=on,arg=STR\n"
"  -drive file=F[,format=raw|qcow2][,if=virtio|none][,id=ID][,readonly=on]\n"
"        [,cache=writeback|none|writethrough|directsync|unsafe]   a disk image\n"
"  -snapshot               every drive's writes go to a temporary overlay\n"
"  -loadvm NAME            start from the internal snapshot NAME (savevm's)\n"
"  -device virtio-blk-device,drive=ID[,serial=S] | virtio-rng-device  (help lists)\n"
"  -netdev user,id=ID[,hostfwd=tcp::HOSTPORT-:GUESTPORT][,net=,host=,dns=,dhcpstart=,...]\n"
"  -netdev tap,id=ID,ifname=NAME,script=no   a network back end\n"
"  -device virtio-net-device,netdev=ID[,mac=MAC]   a NIC on a back end\n"
"  -nic user|tap[,model=virtio-net-device][,mac=MAC][,netdev options] | none\n"
"  -global virtio-mmio.force-legacy=on|off   virtio-mmio version 1 (default) or 2\n"
"  -no-reboot              exit instead of rebooting\n"
"  -gdb DEV                wait for gdb on DEV: tcp::PORT, tcp:HOST:PORT, unix:PATH\n"
"  -s                      -gdb tcp::1234\n"
"  -S                      do not start the CPUs (gdb's continue or the monitor's cont does)\n"
"  -d ITEMS, -D FILE       logging (-d help lists the items), to FILE\n"
"  -accel tcg[,backend=jit|interp][,tb-size=MIB][,host-isa=auto|baseline]\n"
"                          the translator (default: the JIT on x86-64 hosts);\n"
"                          tb-size: its cache in MiB (default 16)\n"
"  -display none, -net none   accepted, as the only choice\n"
"  -stats                  translation-cache statistics on stderr at exit (mimic's own)\n"
"  -version, -h\n");
}

static const TCGBackend *opt_backend;

/* -accel tcg[,PROP...]: the translator's shared properties (tcg/accel.h).
 * The return stack compares guest pcs alone, and a hot region's second
 * page is any page, which system mode's blocks, keyed by physical page,
 * cannot use (tcg/tb.h). */
static void parse_accel(const char *arg)
{
    gchar **tok = g_strsplit(arg, ",", -1);
    if (!tok[0] || strcmp(tok[0], "tcg")) {
        die("invalid accelerator %s", arg);
    }
    for (int i = 1; tok[i]; i++) {
        char err[160];
        switch (tcg_accel_property(tok[i], &opt_backend, err, sizeof(err))) {
        case ACCEL_PROP_OK:
            break;
        case ACCEL_PROP_BAD:
            die("%s", err);
        case ACCEL_PROP_UNKNOWN:
            die("-accel: unknown property '%s'", tok[i]);
        }
    }
    if (jit_return_stack) {
        die("-accel: return-stack=on is for user mode only");
    }
    if (tb_tier2_threshold) {
        die("-accel: hot regions (tier2) are for user mode only");
    }
    g_strfreev(tok);
}

/* qemu's size syntax: a number with an optional K, M, G or T suffix; a
 * bare number is MiB. */
static bool parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || v <= 0) {
        return false;
    }
    uint64_t unit = 1ull << 20;
    switch (*end) {
    case 'k': case 'K': unit = 1ull << 10; end++; break;
    case 'm': case 'M': unit = 1ull << 20; end++; break;
    case 'g': case 'G': unit = 1ull << 30; end++; break;
    case 't': case 'T': unit = 1ull << 40; end++; break;
    case 'b': case 'B': unit = 1; end++; break;
    }
    if (*end || v * unit > (double)(1ull << 46)) {
        return false;
    }
    *out = (uint64_t)(v * unit);
    return true;
}

static void parse_machine(const char *arg, VirtOptions *o)
{
    gchar **parts = g_strsplit(arg, ",", -1);
    for (int i = 0; parts[i]; i++) {
        const char *p = parts[i];
        if (i == 0 && (!strcmp(p, "virt") || !strcmp(p, "virt-7.2"))) {
            continue;
        }
        if (i == 0 && !strcmp(p, "help")) {
            printf("Supported machines are:\nvirt                 QEMU 7.2 ARM Virtual Machine\n");
            exit(0);
        }
        if (i == 0 && !strchr(p, '=')) {
            die("unsupported machine type \"%s\"\nUse -machine help to list supported "
                "machines", p);
        }
        if (g_str_has_prefix(p, "type=")) {
            if (strcmp(p + 5, "virt")) {
                die("unsupported machine type \"%s\"", p + 5);
            }
        } else if (g_str_has_prefix(p, "gic-version=")) {
            const char *v = p + 12;
            if (!strcmp(v, "2")) {
                o->gic_version = 2;
            } else if (!strcmp(v, "3") || !strcmp(v, "host") || !strcmp(v, "max")) {
                o->gic_version = 3;
            } else {
                die("Invalid gic-version value");
            }
        } else if (g_str_has_prefix(p, "dumpdtb=")) {
            o->dumpdtb = g_strdup(p + 8);
        } else {
            die("Property 'virt-7.2-machine.%.*s' not found", (int)strcspn(p, "="), p);
        }
    }
    g_strfreev(parts);
}

/* -stats: the translation cache's counters, in mimic-aarch64 -stats'
 * wording, so that `make bench` reads both modes the same way. */
static void print_stats(void)
{
    fprintf(stderr,
            "mimic stats:\n"
            "  blocks translated:           %" PRIu64 "\n"
            "  instructions translated:     %" PRIu64 "\n"
            "  code bytes generated:        %" PRIu64 "\n"
            "  blocks invalidated:          %" PRIu64 "\n"
            "  translation cache evictions: %" PRIu64 " (%" PRIu64 " blocks)\n"
            "  translation cache flushes:   %" PRIu64 "\n",
            tb_stats.translated_blocks, tb_stats.translated_insns, tb_stats.code_bytes,
            tb_stats.invalidated_blocks, tb_stats.evictions, tb_stats.evicted_blocks,
            tb_stats.flushes);
}

/* -d guest_errors: what the guest did wrong to a device. */
static void log_guest_error(const char *device, const char *msg)
{
    if (qemu_loglevel_mask(LOG_GUEST_ERROR)) {
        mimic_log("%s: guest error: %s\n", device, msg);
    }
}

static void quit_from_mux(void *opaque)
{
    machine_request_exit(0);
}

/* -name NAME or -name guest=NAME[,process=...,debug-threads=...]. */
static const char *parse_name(const char *arg)
{
    g_autoptr(GPtrArray) kv = qemu_opts_split(arg, false);
    for (guint i = 0; i < kv->len; i += 2) {
        const char *k = kv->pdata[i], *v = kv->pdata[i + 1];
        if (!k[0] || !strcmp(k, "guest")) {
            return g_strdup(v);
        }
        if (strcmp(k, "process") && strcmp(k, "debug-threads")) {
            die("-name %s: Invalid parameter '%s'", arg, k);
        }
    }
    return NULL;
}

/* -qmp and -qmp-pretty (a back end each, qemu's "compat_monitorN"
 * labels), and -mon chardev=ID[,mode=readline|control][,pretty=on]. */
static void attach_qmp(GPtrArray *qmp_specs, GPtrArray *mon_specs)
{
    GError *err = NULL;
    for (guint i = 0; i < qmp_specs->len; i++) {
        const char *spec = qmp_specs->pdata[i];
        bool pretty = spec[0] == '+';
        g_autofree char *label = g_strdup_printf("compat_monitor%u", i + 1);
        Chardev *chr = chardev_new_from_serial_spec(spec + pretty, label, &err);
        if (err || !chr || !virt_machine_attach_qmp(chr, pretty, &err)) {
            die("-qmp %s: %s", spec + pretty, err ? err->message : "a monitor needs a back end");
        }
    }
    for (guint i = 0; i < mon_specs->len; i++) {
        const char *spec = mon_specs->pdata[i];
        g_autoptr(GPtrArray) kv = qemu_opts_split(spec, false);
        const char *id = NULL, *mode = "readline";
        bool pretty = false;
        for (guint k = 0; k < kv->len; k += 2) {
            const char *key = kv->pdata[k], *v = kv->pdata[k + 1];
            if (!key[0] || !strcmp(key, "chardev")) {
                id = v;
            } else if (!strcmp(key, "mode")) {
                mode = v;
            } else if (!strcmp(key, "pretty")) {
                if (!qemu_opt_bool(v, &pretty)) {
                    die("-mon %s: Parameter 'pretty' expects 'on' or 'off'", spec);
                }
            } else {
                die("-mon %s: Invalid parameter '%s'", spec, key);
            }
        }
        if (!id) {
            die("-mon %s: Parameter 'chardev' is missing", spec);
        }
        Chardev *chr = chardev_find(id);
        if (!chr) {
            die("-mon %s: chardev \"%s\" not found", spec, id);
        }
        bool ok;
        if (!strcmp(mode, "control")) {
            ok = virt_machine_attach_qmp(chr, pretty, &err);
        } else if (!strcmp(mode, "readline")) {
            ok = virt_machine_attach_monitor(chr, &err);
        } else {
            die("-mon %s: Parameter 'mode' does not accept value '%s'", spec, mode);
        }
        if (!ok) {
            die("-mon %s: %s", spec, err->message);
        }
    }
}

int main(int argc, char **argv)
{
    VirtOptions o = { .cpu_model = "cortex-a57", .ram_size = 128ull << 20, .smp = 1,
                      .gic_version = 2 };
    const char *loadvm = NULL;
    const char *serial = NULL, *monitor = NULL, *log_items = NULL, *log_file = NULL;
    const char *gdb_dev = NULL;
    g_autoptr(GPtrArray) qmp_specs = g_ptr_array_new();   /* "SPEC" or "+SPEC" (pretty) */
    g_autoptr(GPtrArray) mon_specs = g_ptr_array_new();
    bool nographic = false, have_machine = false, start_paused = false, stats = false;
    SemihostConfig semi;
    tb_tier2_threshold = 0;     /* (parse_accel) */
    semihost_config_init(&semi);

    /* -snapshot applies to every -drive wherever it stands, and drives
     * open as they are read. */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-snapshot") || !strcmp(argv[i], "--snapshot")) {
            drive_snapshot_all();
        }
    }
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (opt[0] != '-') {
            die("%s: drive with bus=0, unit=0 (index=0) exists", opt);
        }
        if (opt[1] == '-') {
            opt++;                              /* --option is -option */
        }
#define ARG() (i + 1 < argc ? argv[++i] : (die("%s: requires an argument", opt), ""))
        if (!strcmp(opt, "-M") || !strcmp(opt, "-machine")) {
            parse_machine(ARG(), &o);
            have_machine = true;
        } else if (!strcmp(opt, "-cpu")) {
            o.cpu_model = ARG();
            if (!strcmp(o.cpu_model, "help")) {
                arm_cpu_model_list(stdout);
                return 0;
            }
        } else if (!strcmp(opt, "-m")) {
            const char *a = ARG();
            if (g_str_has_prefix(a, "size=")) {
                a += 5;
            }
            if (!parse_size(a, &o.ram_size)) {
                die("Parameter 'size' expects a non-zero size");
            }
        } else if (!strcmp(opt, "-smp")) {
            const char *a = ARG();
            char *end;
            long n = strtol(g_str_has_prefix(a, "cpus=") ? a + 5 : a, &end, 10);
            if (n < 1 || n > 512 || (*end && *end != ',')) {
                die("Invalid SMP CPUs %s", a);
            }
            o.smp = (int)n;
        } else if (!strcmp(opt, "-kernel")) {
            o.kernel = ARG();
        } else if (!strcmp(opt, "-initrd")) {
            o.initrd = ARG();
        } else if (!strcmp(opt, "-append")) {
            o.append = ARG();
        } else if (!strcmp(opt, "-dtb")) {
            o.dtb = ARG();
        } else if (!strcmp(opt, "-nographic")) {
            nographic = true;
        } else if (!strcmp(opt, "-serial")) {
            serial = ARG();
        } else if (!strcmp(opt, "-monitor")) {
            monitor = ARG();
        } else if (!strcmp(opt, "-qmp")) {
            g_ptr_array_add(qmp_specs, (char *)ARG());
        } else if (!strcmp(opt, "-qmp-pretty")) {
            g_ptr_array_add(qmp_specs, g_strconcat("+", ARG(), NULL));
        } else if (!strcmp(opt, "-mon")) {
            g_ptr_array_add(mon_specs, (char *)ARG());
        } else if (!strcmp(opt, "-name")) {
            o.name = parse_name(ARG());
        } else if (!strcmp(opt, "-chardev")) {
            GError *err = NULL;
            if (!chardev_new_from_options(ARG(), &err)) {
                die("%s", err->message);
            }
        } else if (!strcmp(opt, "-semihosting")) {
            semihost_config_enable(&semi);
        } else if (!strcmp(opt, "-semihosting-config")) {
            char *err = NULL;
            if (!semihost_config_parse(&semi, ARG(), &err)) {
                die("%s", err);
            }
        } else if (!strcmp(opt, "-no-reboot")) {
            o.no_reboot = true;
        } else if (!strcmp(opt, "-gdb")) {
            gdb_dev = ARG();
        } else if (!strcmp(opt, "-s")) {
            gdb_dev = "tcp::1234";
        } else if (!strcmp(opt, "-S")) {
            start_paused = true;
        } else if (!strcmp(opt, "-d")) {
            log_items = ARG();
        } else if (!strcmp(opt, "-D")) {
            log_file = ARG();
        } else if (!strcmp(opt, "-stats")) {
            stats = true;
        } else if (!strcmp(opt, "-accel")) {
            parse_accel(ARG());
        } else if (!strcmp(opt, "-display") || !strcmp(opt, "-net")) {
            const char *a = ARG();
            if (strcmp(a, "none")) {
                die("%s %s: not supported (no display; -net: use -netdev or -nic)", opt, a);
            }
        } else if (!strcmp(opt, "-netdev")) {
            GError *err = NULL;
            if (!net_backend_new_from_options(ARG(), &err)) {
                die("-netdev %s: %s", argv[i], err->message);
            }
        } else if (!strcmp(opt, "-nic")) {
            GError *err = NULL;
            bool printed_help;
            if (!nic_option(ARG(), &printed_help, &err)) {
                die("%s", err->message);
            }
            if (printed_help) {
                return 0;
            }
        } else if (!strcmp(opt, "-snapshot")) {
            /* (read above) */
        } else if (!strcmp(opt, "-loadvm")) {
            loadvm = ARG();
        } else if (!strcmp(opt, "-drive")) {
            GError *err = NULL;
            if (!drive_option(ARG(), &err)) {
                die("%s", err->message);
            }
        } else if (!strcmp(opt, "-device")) {
            GError *err = NULL;
            bool printed_help;
            if (!device_option(ARG(), &printed_help, &err)) {
                die("%s", err->message);
            }
            if (printed_help) {
                return 0;
            }
        } else if (!strcmp(opt, "-global")) {
            GError *err = NULL;
            if (!global_option(ARG(), &err)) {
                die("%s", err->message);
            }
        } else if (!strcmp(opt, "-version")) {
            printf(PROG " version 0.1 (QEMU 7.2 compatible)\n");
            return 0;
        } else if (!strcmp(opt, "-h") || !strcmp(opt, "-help")) {
            usage(stdout);
            return 0;
        } else {
            die("%s: invalid option", opt);
        }
#undef ARG
    }
    if (!have_machine) {
        die("No machine specified, and there is no default\n"
            "Use -machine help to list supported machines");
    }
    if (!o.kernel) {
        die("-kernel is required (no firmware or disks yet)");
    }
    if ((o.initrd || o.append) && !o.kernel) {
        die("-initrd and -append only allowed with -kernel option");
    }

    mimic_log_file = stderr;
    virtio_guest_error_log = log_guest_error;
    if (log_items) {
        const char *bad;
        if (!strcmp(log_items, "help")) {
            mimic_log_help(stdout);
            return 0;
        }
        if (!mimic_log_parse(log_items, &bad)) {
            die("-d: unknown log item '%s' (-d help lists them)", bad);
        }
    }
    if (log_file) {
        FILE *f = fopen(log_file, "w");
        if (!f) {
            die("-D %s: %s", log_file, strerror(errno));
        }
        setvbuf(f, NULL, _IOLBF, 0);
        mimic_log_file = f;
    }

    if (!opt_backend) {
        opt_backend = tcg_accel_default_backend();
    }
    size_t tb_size = (tcg_accel_tb_size_mb ? tcg_accel_tb_size_mb : 16) << 20;
    if (!tb_cache_init(tb_size, opt_backend) && !tb_cache_init(tb_size, &tcg_backend_interp)) {
        die("cannot allocate the translation cache");
    }

    GError *err = NULL;
    if (!devices_resolve(&err)) {
        die("%s", err->message);
    }
    if (!serial) {
        serial = nographic ? "mon:stdio" : "stdio";
    }
    o.serial = chardev_new_from_serial_spec(serial, "serial0", &err);
    if (err) {
        die("%s", err->message);
    }
    chardev_mux_set_quit_handler(quit_from_mux, NULL);
    if (semi.enabled) {
        semihost_config_arg_fallback(&semi, o.kernel, o.append);
        o.semihosting = &semi;
    }
    if (!virt_machine_create(&o, &err)) {
        die("%s", err->message);
    }
    /* The monitor: on the console's multiplexer (mon:..., Ctrl-A c), or on
     * a back end of its own (-monitor SPEC). */
    Chardev *mon_chr = NULL;
    if (monitor && strcmp(monitor, "none")) {
        mon_chr = chardev_new_from_serial_spec(monitor, "compat_monitor0", &err);
        if (err) {
            die("%s", err->message);
        }
    } else if (!monitor && g_str_has_prefix(serial, "mon:")) {
        mon_chr = o.serial;
    }
    if (mon_chr && !virt_machine_attach_monitor(mon_chr, &err)) {
        die("%s", err->message);
    }
    attach_qmp(qmp_specs, mon_specs);
    virt_machine_start();
    if (loadvm) {
        /* The vCPUs wait for the machine to run and the main loop (the
         * monitor, gdb, timers) has not started: the state is loaded
         * before anything can run or ask for a run, as qemu's -loadvm. */
        device_lock();
        if (!savevm_load(loadvm, &err)) {
            die("%s", err->message);
        }
        device_unlock();
    }
    if (gdb_dev && !gdb_system_start(gdb_dev, &err)) {
        die("-gdb %s: %s", gdb_dev, err->message);
    }
    main_loop_start();
    if (!start_paused) {
        machine_run();
    }
    int status = machine_wait_exit();
    machine_pause();
    gdb_system_exit(status);
    /* After the command that ended the machine (it holds the lock):
     * QMP clients get its reply and the SHUTDOWN event. */
    device_lock();
    qmp_flush_events();
    device_unlock();
    main_loop_stop();
    chardev_flush_all(1000);
    net_backend_free_all();
    drives_flush();
    if (stats) {
        print_stats();
    }
    /* exit() restores the terminal (chardev's stdio back end). */
    exit(status);
}
