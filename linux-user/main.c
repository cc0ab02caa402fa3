/*
 * mimic-aarch64: the command line (QEMU's spellings and environment
 * variables), start-up (guest space, translation cache, CPU, program,
 * stack, signals), #! scripts, -stats, and the end of the process.
 */
#include <elf.h>
#include <glib.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "tcg/accel.h"
#include "tcg/disas.h"
#include "tcg/log.h"
#include "gdbstub/gdbstub.h"
#include "tcg/pcache.h"
#include "tcg/tb.h"
#include "user.h"

extern bool a64_count_insns;
extern char **environ;

UserProcess user_proc;

static bool opt_stats;
static struct timespec start_time;

/* The guest's threads (for -stats), and what exited ones executed. */
static GPtrArray *live_tasks;
static uint64_t retired_insns, retired_region_insns;
static pthread_mutex_t tasks_lock = PTHREAD_MUTEX_INITIALIZER;

static __attribute__((noreturn)) void die(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mimic: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void usage(FILE *f)
{
    fprintf(f,
"usage: mimic-aarch64 [options] program [arguments...]\n"
"Runs a Linux AArch64 program on this machine.\n"
"\n"
"Options (environment variable in brackets):\n"
"  -h, -help             print this help and exit\n"
"  -version              print the version and exit\n"
"  -L path               ELF interpreter and library prefix [QEMU_LD_PREFIX]\n"
"  -E var=value          set a variable in the guest environment (comma list)\n"
"  -U var                remove a variable from the guest environment\n"
"  -0 argv0              use argv0 as the program's argv[0]\n"
"  -cpu model            CPU model, -cpu help lists them [QEMU_CPU]\n"
"  -d item,...           log items, -d help lists them [QEMU_LOG]\n"
"  -D logfile            write the log there instead of stderr [QEMU_LOG_FILENAME]\n"
"  -strace               log system calls [QEMU_STRACE]\n"
"  -g port               wait for gdb to connect on port [QEMU_GDB]\n"
"  -one-insn-per-tb      translate one guest instruction per block\n"
"  -tb-size N            translation cache size in MiB (default 16; also\n"
"                        -accel tcg,tb-size=N)\n"
"  -accel tcg,backend=B  execution backend: jit (x86-64 hosts, the default\n"
"                        there) or interp\n"
"  -accel tcg,host-isa=I the jit's host instructions: auto (the default: BMI1,\n"
"                        BMI2, LZCNT and POPCNT where the host has them) or\n"
"                        baseline (x86-64 baseline only)\n"
"  -accel tcg,tier2=N    a loop whose back edge ran N times is translated again\n"
"                        as one hot region (jit backend); default 1000, 0 = off,\n"
"                        1 = from the first time round\n"
"  -accel tcg,return-stack=on|off  the jit's return stack on the host stack\n"
"                        (default off: slower on large programs)\n"
"  -accel tcg,cache-dir=DIR  keep translations in DIR and use them again in\n"
"                        later runs of the same program (jit backend)\n"
"                        [MIMIC_CACHE_DIR]\n"
"  -accel tcg,cache-size=N   the most DIR holds, in MiB (default 1024)\n"
"  -perfmap              write /tmp/perf-PID.map for perf (jit backend)\n"
"  -stats                print execution statistics at exit\n"
"  -rlimits as=C:M,...   the guest's own limits (as, data, stack, nofile),\n"
"                        passed by mimic to the mimic a guest execve starts\n");
}

/* -E/-U edit a copy of our environment for the guest. */
static char **guest_env;
static int guest_envc;

static void env_unset(const char *name, size_t len)
{
    for (int i = 0; i < guest_envc; i++) {
        if (!strncmp(guest_env[i], name, len) && guest_env[i][len] == '=') {
            memmove(&guest_env[i], &guest_env[i + 1], (guest_envc - i) * sizeof(char *));
            guest_envc--;
            i--;
        }
    }
}

static void env_set(const char *kv)
{
    const char *eq = strchr(kv, '=');
    if (!eq || eq == kv) {
        die("-E %s: expected var=value", kv);
    }
    env_unset(kv, eq - kv);
    guest_env = realloc(guest_env, (guest_envc + 2) * sizeof(char *));
    guest_env[guest_envc++] = strdup(kv);
    guest_env[guest_envc] = NULL;
}

static void env_apply_list(const char *list, bool set)
{
    char *copy = strdup(list), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (set) {
            env_set(tok);
        } else {
            env_unset(tok, strlen(tok));
        }
    }
    free(copy);
}

/* Options passed on to the mimic that runs a program the guest execs. */
static char *fwd_opts[32];
static int n_fwd;

static void forward(const char *opt, const char *arg)
{
    if (n_fwd + 2 < (int)(sizeof(fwd_opts) / sizeof(fwd_opts[0]))) {
        fwd_opts[n_fwd++] = (char *)opt;
        if (arg) {
            fwd_opts[n_fwd++] = (char *)arg;
        }
    }
}

TaskState *task_create(ARMCPU *cpu)
{
    TaskState *ts = calloc(1, sizeof(*ts));
    if (!ts) {
        return NULL;
    }
    ts->cpu = cpu;
    cpu->parent.opaque = ts;
    pthread_mutex_lock(&tasks_lock);
    if (!live_tasks) {
        live_tasks = g_ptr_array_new();
    }
    g_ptr_array_add(live_tasks, ts);
    pthread_mutex_unlock(&tasks_lock);
    return ts;
}

void task_destroy(TaskState *ts)
{
    pthread_mutex_lock(&tasks_lock);
    g_ptr_array_remove_fast(live_tasks, ts);
    retired_insns += ts->cpu->parent.stat_insns_executed;
    retired_region_insns += ts->cpu->parent.stat_region_insns;
    pthread_mutex_unlock(&tasks_lock);
    free(ts->cpu);
    free(ts);
}

void user_fork_child(void)
{
    /* -stats describes the process mimic was started for. */
    opt_stats = false;
    gdb_fork_child();
}

void user_print_stats(void)
{
    if (!opt_stats) {
        return;
    }
    opt_stats = false;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double wall = (now.tv_sec - start_time.tv_sec) + (now.tv_nsec - start_time.tv_nsec) / 1e9;
    pthread_mutex_lock(&tasks_lock);
    uint64_t insns = retired_insns, region_insns = retired_region_insns;
    for (guint i = 0; live_tasks && i < live_tasks->len; i++) {
        TaskState *ts = g_ptr_array_index(live_tasks, i);
        insns += __atomic_load_n(&ts->cpu->parent.stat_insns_executed, __ATOMIC_RELAXED);
        region_insns += __atomic_load_n(&ts->cpu->parent.stat_region_insns, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&tasks_lock);
    fprintf(stderr,
            "mimic stats:\n"
            "  guest instructions executed: %" PRIu64 "\n"
            "  of them in hot regions:      %" PRIu64 " (%.1f%%)\n"
            "  hot regions made:            %" PRIu64 "\n"
            "  blocks translated:           %" PRIu64 "\n"
            "  instructions translated:     %" PRIu64 "\n"
            "  code bytes generated:        %" PRIu64 "\n"
            "  blocks invalidated:          %" PRIu64 "\n"
            "  translation cache evictions: %" PRIu64 " (%" PRIu64 " blocks)\n"
            "  translation cache flushes:   %" PRIu64 "\n"
            "  blocks from the cache dir:   %" PRIu64 " (%" PRIu64 " saved, %" PRIu64
            " not saveable)\n"
            "  wall time:                   %.3f s\n",
            insns, region_insns, insns ? 100.0 * region_insns / insns : 0.0,
            tb_stats.regions, tb_stats.translated_blocks, tb_stats.translated_insns,
            tb_stats.code_bytes, tb_stats.invalidated_blocks, tb_stats.evictions,
            tb_stats.evicted_blocks, tb_stats.flushes, pcache_stats.hits, pcache_stats.saved,
            pcache_stats.unsaveable, wall);
}

/* -perfmap: /tmp/perf-PID.map, the file perf looks for. */
static void perfmap_open(void)
{
    char name[64];
    if (jit_perfmap) {
        fclose(jit_perfmap);    /* the parent's (written unbuffered) */
    }
    snprintf(name, sizeof(name), "/tmp/perf-%d.map", (int)getpid());
    int fd = mimic_fd_keep(open(name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
    jit_perfmap = fd >= 0 ? fdopen(fd, "a") : NULL;
}

void user_exit_group(int status)
{
    user_print_stats();
    gdb_exit(status);
    pcache_save();
    if (tb_exit_hook) {
        tb_exit_hook();
    }
    if (mimic_log_file) {
        fflush(mimic_log_file);
    }
    fflush(stderr);
    syscall(SYS_exit_group, status);
    _exit(status);
}

/* ---- #! scripts ---- */

/* If path is a script, rewrites (path, argv) to run its interpreter as the
 * kernel would: interpreter [one argument] script-path original-argv[1..]. */
static bool resolve_script(const char **path, int *argc, char ***argv)
{
    int fd = open(*path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    char line[256];
    ssize_t n = read(fd, line, sizeof(line) - 1);
    close(fd);
    if (n < 2 || line[0] != '#' || line[1] != '!') {
        return false;
    }
    line[n] = 0;
    char *nl = strchr(line, '\n');
    if (!nl) {
        die("%s: #! line too long", *path);
    }
    *nl = 0;
    char *p = line + 2;
    p += strspn(p, " \t");
    char *interp = p;
    p += strcspn(p, " \t");
    char *arg = NULL;
    if (*p) {
        *p++ = 0;
        p += strspn(p, " \t");
        if (*p) {
            arg = p;
            /* The rest of the line is one argument, trailing blanks cut. */
            char *e = arg + strlen(arg);
            while (e > arg && (e[-1] == ' ' || e[-1] == '\t')) {
                *--e = 0;
            }
        }
    }
    if (!*interp) {
        die("%s: empty #! line", *path);
    }
    char **nv = malloc((*argc + 3) * sizeof(char *));
    int k = 0;
    nv[k++] = strdup(interp);
    if (arg) {
        nv[k++] = strdup(arg);
    }
    nv[k++] = (char *)*path;
    for (int i = 1; i < *argc; i++) {
        nv[k++] = (*argv)[i];
    }
    nv[k] = NULL;
    *argv = nv;
    *argc = k;
    *path = nv[0];
    return true;
}

static bool is_foreign_elf(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    Elf64_Ehdr eh;
    ssize_t n = read(fd, &eh, sizeof(eh));
    close(fd);
    return n == sizeof(eh) && !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
           !(eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_machine == EM_AARCH64);
}

/* ---- options ---- */

typedef struct Options {
    const char *ld_prefix, *cpu, *log_items, *log_file, *argv0, *rlimits;
    bool strace, one_insn;
    const char *gdb_port;      /* -g, QEMU_GDB: NULL for none */
    unsigned long tb_size_mb;
} Options;

static const TCGBackend *opt_backend;
static bool opt_perfmap;

static void parse_accel(const char *arg)
{
    char *copy = strdup(arg), *save = NULL;
    char *tok = strtok_r(copy, ",", &save);
    if (!tok || strcmp(tok, "tcg")) {
        die("-accel %s: only 'tcg' is available", arg);
    }
    while ((tok = strtok_r(NULL, ",", &save))) {
        char err[160];
        switch (tcg_accel_property(tok, &opt_backend, err, sizeof(err))) {
        case ACCEL_PROP_OK:
            continue;
        case ACCEL_PROP_BAD:
            die("%s", err);
        case ACCEL_PROP_UNKNOWN:
            break;
        }
        if (!strncmp(tok, "cache-dir=", 10)) {
            pcache_dir = strdup(tok + 10);
            continue;
        }
        if (!strncmp(tok, "cache-size=", 11)) {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(tok + 11, &end, 10);
            if (!tok[11] || *end || errno || n == 0 || n > (1ull << 24) || tok[11] == '-') {
                die("-accel: cache-size takes a size in MiB (1 or more), not '%s'", tok + 11);
            }
            pcache_dir_budget = n << 20;
            continue;
        }
        die("-accel: unknown property '%s'", tok);
    }
    free(copy);
}

static int parse_options(int argc, char **argv, Options *o)
{
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        const char *opt = argv[i++];
        if (!strcmp(opt, "--")) {
            break;
        }
        if (opt[1] == '-') {
            opt++;          /* --strace == -strace */
        }
        const char *arg = i < argc ? argv[i] : NULL;
#define NEED_ARG()                                                            \
        do {                                                                  \
            if (!arg) {                                                       \
                die("option %s needs an argument (see -h)", opt);             \
            }                                                                 \
            i++;                                                              \
        } while (0)
        if (!strcmp(opt, "-h") || !strcmp(opt, "-help")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(opt, "-version")) {
            printf("mimic-aarch64 version 0.1.0\n");
            exit(0);
        } else if (!strcmp(opt, "-L")) {
            NEED_ARG();
            o->ld_prefix = arg;
        } else if (!strcmp(opt, "-E")) {
            NEED_ARG();
            env_apply_list(arg, true);
        } else if (!strcmp(opt, "-U")) {
            NEED_ARG();
            env_apply_list(arg, false);
        } else if (!strcmp(opt, "-0")) {
            NEED_ARG();
            o->argv0 = arg;
        } else if (!strcmp(opt, "-cpu")) {
            NEED_ARG();
            o->cpu = arg;
        } else if (!strcmp(opt, "-d")) {
            NEED_ARG();
            o->log_items = arg;
        } else if (!strcmp(opt, "-D")) {
            NEED_ARG();
            o->log_file = arg;
        } else if (!strcmp(opt, "-g")) {
            NEED_ARG();
            o->gdb_port = arg;
        } else if (!strcmp(opt, "-strace")) {
            o->strace = true;
        } else if (!strcmp(opt, "-one-insn-per-tb") || !strcmp(opt, "-singlestep")) {
            o->one_insn = true;
        } else if (!strcmp(opt, "-tb-size")) {
            NEED_ARG();
            char *end;
            errno = 0;
            o->tb_size_mb = strtoul(arg, &end, 10);
            if (errno || *end || o->tb_size_mb == 0 || o->tb_size_mb > 4096) {
                die("-tb-size %s: expected a size in MiB from 1 to 4096", arg);
            }
        } else if (!strcmp(opt, "-accel")) {
            NEED_ARG();
            parse_accel(arg);
            forward("-accel", arg);
        } else if (!strcmp(opt, "-rlimits")) {
            NEED_ARG();
            o->rlimits = arg;
        } else if (!strcmp(opt, "-stats")) {
            opt_stats = true;
        } else if (!strcmp(opt, "-perfmap")) {
            opt_perfmap = true;
            forward("-perfmap", NULL);
        } else {
            die("unknown option '%s' (see -h)", argv[i - 1]);
        }
#undef NEED_ARG
    }
    return i;
}

int main(int argc, char **argv)
{
    guest_code_fetch = user_code_fetch;
    for (char **e = environ; *e; e++) {
        guest_envc++;
    }
    guest_env = calloc(guest_envc + 1, sizeof(char *));
    for (int i = 0; i < guest_envc; i++) {
        guest_env[i] = environ[i];
    }

    Options o = { .tb_size_mb = 16 };
    o.ld_prefix = getenv("QEMU_LD_PREFIX");
    o.cpu = getenv("QEMU_CPU");
    o.log_items = getenv("QEMU_LOG");
    o.log_file = getenv("QEMU_LOG_FILENAME");
    o.strace = getenv("QEMU_STRACE") != NULL;
    o.gdb_port = getenv("QEMU_GDB");
    pcache_dir = getenv("MIMIC_CACHE_DIR");
    int optind = parse_options(argc, argv, &o);

    if (o.log_items && !strcmp(o.log_items, "help")) {
        mimic_log_help(stdout);
        exit(0);
    }
    if (o.cpu && !strcmp(o.cpu, "help")) {
        arm_cpu_model_list(stdout);
        exit(0);
    }
    const ARMCPUModel *model = arm_cpu_model_find(o.cpu ? o.cpu : "cortex-a57");
    if (!model) {
        die("-cpu %s: unknown CPU model (-cpu help lists them)", o.cpu);
    }
    /* Before mimic opens anything of its own. */
    fdtable_init();
    tb_own_fd_hook = mimic_fd_keep;
    if (o.rlimits) {
        const char *bad = guest_rlimits_apply(o.rlimits);
        if (bad) {
            die("-rlimits %s: %s", o.rlimits, bad);
        }
    }
    mimic_log_file = stderr;
    if (o.log_items) {
        const char *bad;
        if (!mimic_log_parse(o.log_items, &bad)) {
            die("-d: unknown log item '%s' (-d help lists them)", bad);
        }
    }
    if (o.strace) {
        mimic_log_mask |= LOG_STRACE;
    }
    if (o.log_file) {
        int fd = mimic_fd_keep(open(o.log_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                                    0644));
        FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (!f) {
            die("-D %s: %s", o.log_file, strerror(errno));
        }
        setvbuf(f, NULL, _IOLBF, 0);
        mimic_log_file = f;
    }
    if (optind >= argc) {
        fprintf(stderr, "mimic: no program given\n");
        usage(stderr);
        exit(1);
    }

    /* What the guest sees: argv (with -0), the program and its path. */
    int gargc = argc - optind;
    char **gargv = malloc((gargc + 1) * sizeof(char *));
    memcpy(gargv, argv + optind, (gargc + 1) * sizeof(char *));
    const char *path = argv[optind];
    if (o.argv0) {
        gargv[0] = (char *)o.argv0;
    }
    for (int depth = 0; resolve_script(&path, &gargc, &gargv); depth++) {
        if (depth == 4) {
            die("%s: too many levels of #! interpreters", argv[optind]);
        }
        char remapped[PATH_MAX + 256];
        user_proc.ld_prefix = o.ld_prefix;
        path = strdup(path_remap(path, remapped, sizeof(remapped)));
        if (is_foreign_elf(path)) {
            /* A host interpreter (a script run by the host's shell, say):
             * the host runs it, as binfmt_misc would arrange. */
            execve(path, gargv, guest_env);
            die("%s: %s", path, strerror(errno));
        }
    }

    const char *err = guest_space_init(40);
    if (err) {
        die("%s", err);
    }
    if (!opt_backend) {
        opt_backend = tcg_accel_default_backend();
    }
    if (tcg_accel_tb_size_mb) {
        o.tb_size_mb = tcg_accel_tb_size_mb;       /* -accel tcg,tb-size=N: qemu's spelling */
    }
    if (!tb_cache_init((size_t)o.tb_size_mb << 20, opt_backend)) {
        fprintf(stderr, "mimic: the jit cannot run here (its code buffer must lie "
                "near mimic's code, the guest space below 2 GiB); using the "
                "interpreter\n");
        tb_cache_init((size_t)o.tb_size_mb << 20, &tcg_backend_interp);
    }
    if (opt_perfmap) {
        perfmap_open();
        /* A forked guest is another process to perf: its own map. */
        pthread_atfork(NULL, NULL, perfmap_open);
    }
    tcg_one_insn_per_tb = o.one_insn;
    a64_count_insns = opt_stats;

    ARMCPU *cpu = aarch64_cpu_create(model);
    aarch64_linux_el0_setup(&cpu->env);
    if (o.one_insn) {
        cpu->parent.cflags = 1;
    }

    char *real = realpath(path, NULL);
    user_proc.exe_path = real ? real : strdup(path);
    user_proc.ld_prefix = o.ld_prefix;
    user_proc.cpu_model = model->name;
    user_proc.model = model;
    user_proc.argv = gargv;
    user_proc.argc = gargc;
    const char *base = strrchr(path, '/');
    snprintf(user_proc.comm, sizeof(user_proc.comm), "%s", base ? base + 1 : path);

    ImageInfo *info = &user_proc.image;
    err = elf_load_program(path, o.ld_prefix, info);
    if (err) {
        die("%s", err);
    }
    err = elf_setup_stack(info, gargc, gargv, guest_env, path, model->hwcap, model->hwcap2);
    if (err) {
        die("%s: %s", path, err);
    }
    target_brk_init(GUEST_PAGE_ALIGN(info->brk));
    user_proc.auxv_copy = malloc(info->auxv_len);
    user_proc.auxv_copy_len = info->auxv_len;
    copy_from_user(user_proc.auxv_copy, info->auxv, info->auxv_len);

    /* Options the exec'd mimic needs to run the next program the same way. */
    if (o.ld_prefix) {
        forward("-L", o.ld_prefix);
    }
    forward("-cpu", model->name);
    if (o.one_insn) {
        forward("-one-insn-per-tb", NULL);
    }
    if (o.tb_size_mb != 16) {
        static char tbs[24];
        snprintf(tbs, sizeof(tbs), "%lu", o.tb_size_mb);
        forward("-tb-size", tbs);
    }
    if (o.strace) {
        forward("-strace", NULL);
    }
    if (o.log_items) {
        forward("-d", o.log_items);
    }
    /* The persistent translation cache, unless the logs are to show
     * what translating does.  Its folder goes to exec'd mimics as an
     * absolute path (after the -accel it may have come in, so it wins):
     * the guest may change directory, or drop MIMIC_CACHE_DIR. */
    if (pcache_dir && strchr(pcache_dir, ',')) {
        /* It could not reach an exec'd mimic in -accel. */
        fprintf(stderr, "mimic: translation cache folder %s: a comma in its path; not used\n",
                pcache_dir);
        pcache_dir = NULL;
    }
    if (pcache_dir && *pcache_dir) {
        pcache_dir = g_canonicalize_filename(pcache_dir, NULL);
        forward("-accel", g_strconcat("tcg,cache-dir=", pcache_dir, NULL));
    }
    if (!o.gdb_port && !qemu_loglevel_mask(LOG_IN_ASM | LOG_OUT_ASM | LOG_OP | LOG_OP_OPT)) {
        char config[128];
        snprintf(config, sizeof(config), "aarch64 cpu=%s count=%d", model->name,
                 a64_count_insns);
        pcache_open(user_proc.exe_path, config);
    }
    user_proc.exec_opts = fwd_opts;
    user_proc.n_exec_opts = n_fwd;

    CPUARMState *env = &cpu->env;
    env->pc = info->interp_entry;
    env->xregs[31] = info->sp;

    TaskState *ts = task_create(cpu);
    ts->tid = syscall(SYS_gettid);
    thread_ts = ts;
    sigset_t cur;
    pthread_sigmask(SIG_SETMASK, NULL, &cur);
    ts->sigmask = guest_mask_from_host(&cur);
    signal_init();
    host_fault_init_thread();
    prctl(PR_SET_NAME, user_proc.comm);

    if (qemu_loglevel_mask(LOG_PAGE)) {
        mimic_log("guest_base  0x%" PRIxPTR "\nstart_brk   0x%" PRIx64 "\nentry       0x%"
                  PRIx64 "\nstack       0x%" PRIx64 "\n", guest_base, info->brk,
                  info->interp_entry, info->sp);
        mmap_lock();
        guest_maps_dump(mimic_log_file);
        mmap_unlock();
    }
    clock_gettime(CLOCK_MONOTONIC, &start_time);
    if (o.gdb_port) {
        gdb_user_start(o.gdb_port, ts);
    }
    cpu_loop(ts);
}
