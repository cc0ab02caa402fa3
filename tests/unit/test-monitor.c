/*
 * Unit tests of the human monitor (softmmu/monitor*.c), driven through a
 * ring-buffer chardev with a fake machine (256M of RAM at 0x40000000 as
 * the virt board's, kernel.bin at 0x40080000, two CPUs): every command of
 * monitor-qemu/commands.txt must print what qemu-system-aarch64 7.2
 * printed for it in the same situation (monitor-qemu/transcript.txt,
 * made by monitor-qemu/record.sh), the line editor must send the bytes
 * qemu's sent (monitor-qemu/echo.in -> echo.out), the machine callbacks
 * must be called, and no input may crash it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <capstone/capstone.h>

#include "softmmu/chardev.h"
#include "softmmu/device-lock.h"
#include "softmmu/memory.h"
#include "softmmu/monitor.h"

#define RAM_BASE   0x40000000ull
#define RAM_SIZE   (256ull << 20)
#define KERNEL_AT  0x40080000ull

typedef struct FakeMachine {
    MemoryRegion root, ram;
    AddressSpace as;
    const char *state;
    int stops, conts, resets, powerdowns, quits;
    csh cs;
} FakeMachine;

static int fake_cpu_count(void *opaque)
{
    return 2;
}

static void fake_dump_registers(void *opaque, int cpu, FILE *f)
{
    fprintf(f, " PC=%016x X00=%016x\n", 0x40000000 + cpu, cpu);
}

/* The MMU is off before the first instruction: virtual = physical. */
static bool fake_read_virtual(void *opaque, int cpu, uint64_t addr, void *buf, size_t len)
{
    FakeMachine *m = opaque;
    return address_space_read(&m->as, addr, buf, len) == MEMTX_OK;
}

static AddressSpace *fake_system_as(void *opaque)
{
    return &((FakeMachine *)opaque)->as;
}

static const char *fake_run_state(void *opaque)
{
    return ((FakeMachine *)opaque)->state;
}

static void fake_stop(void *opaque)
{
    FakeMachine *m = opaque;
    m->stops++;
    if (strcmp(m->state, "running") == 0) {
        m->state = "paused";
    }
}

static void fake_cont(void *opaque)
{
    FakeMachine *m = opaque;
    m->conts++;
    m->state = "running";
}

static void fake_reset(void *opaque) { ((FakeMachine *)opaque)->resets++; }
static void fake_powerdown(void *opaque) { ((FakeMachine *)opaque)->powerdowns++; }
static void fake_quit(void *opaque) { ((FakeMachine *)opaque)->quits++; }

static int64_t fake_thread_id(void *opaque, int cpu)
{
    return 1000 + cpu;
}

/* What a board would hand in: capstone's A64 text in qemu's layout (the
 * word, two spaces, the mnemonic padded to 8, a space, the operands). */
static size_t fake_disassemble(void *opaque, uint64_t pc, const uint8_t *code, size_t len,
                               GString *out)
{
    FakeMachine *m = opaque;
    cs_insn *insn;
    if (!m->cs || cs_disasm(m->cs, code, len, pc, 1, &insn) != 1) {
        return 0;
    }
    uint32_t word = code[0] | code[1] << 8 | code[2] << 16 | (uint32_t)code[3] << 24;
    g_string_append_printf(out, "%08x  %-8s %s", word, insn->mnemonic, insn->op_str);
    size_t size = insn->size;
    cs_free(insn, 1);
    return size;
}

static const MonitorMachineOps fake_ops = {
    .cpu_count = fake_cpu_count,
    .dump_registers = fake_dump_registers,
    .read_virtual = fake_read_virtual,
    .system_as = fake_system_as,
    .run_state = fake_run_state,
    .stop = fake_stop,
    .cont = fake_cont,
    .system_reset = fake_reset,
    .system_powerdown = fake_powerdown,
    .quit = fake_quit,
    .cpu_thread_id = fake_thread_id,
    .disassemble = fake_disassemble,
};

typedef struct Fixture {
    FakeMachine m;
    Chardev *chr;
    Monitor *mon;
} Fixture;

static char *read_file(const char *name, size_t *len)
{
    g_autofree char *path = g_build_filename(MONITOR_QEMU_DIR, name, NULL);
    char *text = NULL;
    GError *err = NULL;
    if (!g_file_get_contents(path, &text, len, &err)) {
        fail_msg("%s", err->message);
    }
    return text;
}

static int setup(void **state)
{
    static int serial;
    Fixture *f = g_new0(Fixture, 1);
    GError *err = NULL;
    memory_region_init_container(&f->m.root, "system", 0);
    assert_true(memory_region_init_ram(&f->m.ram, "mach-virt.ram", RAM_SIZE));
    memory_region_add_subregion(&f->m.root, RAM_BASE, &f->m.ram);
    address_space_init(&f->m.as, &f->m.root, "memory");
    size_t len;
    g_autofree char *kernel = read_file("kernel.bin", &len);
    assert_int_equal(address_space_write(&f->m.as, KERNEL_AT, kernel, len), MEMTX_OK);
    f->m.state = "prelaunch";   /* -S */
    if (cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &f->m.cs) != CS_ERR_OK) {
        f->m.cs = 0;
    }
    g_autofree char *opts = g_strdup_printf("ringbuf,id=mon%d,size=1M", serial++);
    f->chr = chardev_new_from_options(opts, &err);
    assert_non_null(f->chr);
    device_lock();
    f->mon = monitor_new(f->chr, &fake_ops, &f->m, &err);
    device_unlock();
    assert_non_null(f->mon);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    device_lock();
    monitor_free(f->mon);
    device_unlock();
    chardev_free(f->chr);
    address_space_destroy(&f->m.as);
    memory_region_destroy(&f->m.ram);
    memory_region_destroy(&f->m.root);
    if (f->m.cs) {
        cs_close(&f->m.cs);
    }
    g_free(f);
    return 0;
}

static void type_bytes(Fixture *f, const void *buf, size_t len)
{
    device_lock();
    /* The monitor takes everything at once; loop in case it did not. */
    size_t done = 0;
    while (done < len) {
        size_t n = chardev_receive(f->chr, (const uint8_t *)buf + done, len - done);
        assert_true(n > 0);
        done += n;
    }
    device_unlock();
}

/* Everything the monitor printed since the last call. */
static GString *printed(Fixture *f)
{
    GString *s = g_string_new(NULL);
    uint8_t buf[65536];
    size_t n;
    while ((n = chardev_ringbuf_read(f->chr, buf, sizeof(buf))) > 0) {
        g_string_append_len(s, (const char *)buf, n);
    }
    return s;
}

static void drain(Fixture *f)
{
    g_string_free(printed(f), TRUE);
}

/* Types one command; returns its output with the echo (everything up to
 * the first "\r\n") and the next prompt taken away, "\r\n" as "\n". */
static char *run(Fixture *f, const char *cmd)
{
    drain(f);
    type_bytes(f, cmd, strlen(cmd));
    type_bytes(f, "\n", 1);
    g_autoptr(GString) out = printed(f);
    const char *body = strstr(out->str, "\r\n");
    assert_non_null(body);
    body += 2;
    assert_true(g_str_has_suffix(body, "(qemu) "));
    g_autofree char *trimmed = g_strndup(body, strlen(body) - strlen("(qemu) "));
    for (const char *p = trimmed; (p = strchr(p, '\n')); p++) {
        assert_true(p > trimmed && p[-1] == '\r');   /* every line ends "\r\n" */
    }
    g_auto(GStrv) parts = g_strsplit(trimmed, "\r\n", -1);
    return g_strjoinv("\n", parts);
}

static void test_banner(void **state)
{
    Fixture *f = *state;
    g_autoptr(GString) out = printed(f);
    /* qemu: "QEMU 7.2.22 monitor - type 'help' for more information\r\n(qemu) " */
    g_autofree char *expect = g_strdup_printf(
        "mimic %s monitor - type 'help' for more information\r\n(qemu) ", MIMIC_VERSION);
    assert_string_equal(out->str, expect);
}

/* thread ids are qemu's host threads: compared as a shape only. */
static char *normalize(const char *text)
{
    g_autoptr(GRegex) re = g_regex_new("thread_id=[0-9]+", 0, 0, NULL);
    return g_regex_replace_literal(re, text, -1, 0, "thread_id=N", 0, NULL);
}

/* Commands whose qemu output lists qemu's whole command set: mimic's
 * lines must each be one of qemu's. */
static bool lists_commands(const char *cmd)
{
    return strcmp(cmd, "help") == 0 || strcmp(cmd, "info") == 0;
}

static void check_subset(const char *cmd, const char *ours, const char *qemus)
{
    g_auto(GStrv) lines = g_strsplit(ours, "\n", -1);
    g_auto(GStrv) theirs = g_strsplit(qemus, "\n", -1);
    int n = 0;
    for (int i = 0; lines[i]; i++) {
        if (!lines[i][0]) {
            continue;
        }
        if (!g_strv_contains((const char *const *)theirs, lines[i])) {
            fail_msg("%s: \"%s\" is not one of qemu's lines", cmd, lines[i]);
        }
        n++;
    }
    assert_true(n >= 7);
}

static void test_qemu_transcript(void **state)
{
    Fixture *f = *state;
    size_t len;
    g_autofree char *transcript = read_file("transcript.txt", &len);
    /* qemu printed its prompt twice at times when the commands came in a
     * burst (a resume of its monitor racing the pipe): one prompt. */
    g_autoptr(GRegex) twice = g_regex_new("^(\\(qemu\\) )+", G_REGEX_MULTILINE, 0, NULL);
    g_autofree char *clean = g_regex_replace_literal(twice, transcript, -1, 0, "(qemu) ", 0,
                                                     NULL);
    g_auto(GStrv) lines = g_strsplit(clean, "\n", -1);
    int checked = 0;
    for (int i = 0; lines[i]; i++) {
        if (!g_str_has_prefix(lines[i], "(qemu) ") || strcmp(lines[i], "(qemu) quit") == 0) {
            continue;
        }
        const char *cmd = lines[i] + strlen("(qemu) ");
        g_autoptr(GString) expect = g_string_new(NULL);
        for (int j = i + 1; lines[j] && !g_str_has_prefix(lines[j], "(qemu) "); j++) {
            g_string_append_printf(expect, "%s\n", lines[j]);
        }
        g_autofree char *got = run(f, cmd);
        if (lists_commands(cmd)) {
            check_subset(cmd, got, expect->str);
        } else {
            g_autofree char *a = normalize(got), *b = normalize(expect->str);
            if (strcmp(a, b) != 0) {
                fail_msg("command \"%s\":\nmimic:\n%s\nqemu:\n%s", cmd, a, b);
            }
        }
        checked++;
    }
    assert_true(checked > 80);
}

/* The line editor's redraws, byte for byte as qemu's (the banner apart). */
static void test_echo_bytes(void **state)
{
    Fixture *f = *state;
    size_t in_len, out_len;
    g_autofree char *in = read_file("echo.in", &in_len);
    g_autofree char *expect = read_file("echo.out", &out_len);
    drain(f);
    type_bytes(f, in, in_len);
    g_autoptr(GString) got = printed(f);
    /* qemu's transcript: banner line, then the prompt and what we typed,
     * then qemu's answer to the final "quit" the recorder sent. */
    const char *from = strstr(expect, "\r\n") + 2;
    const char *to = g_strrstr(expect, "(qemu) q");
    assert_non_null(to);
    g_autofree char *want = g_strndup(from + strlen("(qemu) "), to - from);
    assert_string_equal(got->str, want);
}

static void test_history(void **state)
{
    Fixture *f = *state;
    g_free(run(f, "p 1"));
    g_free(run(f, "p 2"));
    g_free(run(f, "p 1"));      /* moves "p 1" to the end, as qemu */
    g_autofree char *h = run(f, "info history");
    assert_string_equal(h, "0: 'p 2'\n1: 'p 1'\n2: 'info history'\n");
    /* Up three times: "p 2", edited with Left into "p 3*2". */
    g_autofree char *r = run(f, "\033[A\033[A\033[A\033[D3*");
    assert_string_equal(r, "0x6\n");
    /* Down past the newest line gives an empty line. */
    g_autofree char *e = run(f, "\033[A\033[B\033[B");
    assert_string_equal(e, "");
    /* The history keeps the last 64 lines. */
    for (int i = 0; i < 70; i++) {
        g_autofree char *cmd = g_strdup_printf("p %d", i);
        g_free(run(f, cmd));
    }
    g_autofree char *h2 = run(f, "info history");
    assert_true(g_str_has_prefix(h2, "0: 'p 7'\n"));
    assert_non_null(strstr(h2, "63: 'info history'\n"));
}

static void test_machine_callbacks(void **state)
{
    Fixture *f = *state;
    g_autofree char *s1 = run(f, "info status");
    assert_string_equal(s1, "VM status: paused (prelaunch)\n");
    g_free(run(f, "c"));
    assert_int_equal(f->m.conts, 1);
    g_autofree char *s2 = run(f, "info status");
    assert_string_equal(s2, "VM status: running\n");
    g_free(run(f, "stop"));
    assert_int_equal(f->m.stops, 1);
    g_autofree char *s3 = run(f, "info status");
    assert_string_equal(s3, "VM status: paused\n");
    g_free(run(f, "cont"));
    g_free(run(f, "s"));
    assert_int_equal(f->m.conts, 2);
    assert_int_equal(f->m.stops, 2);
    g_free(run(f, "system_reset"));
    g_free(run(f, "system_powerdown"));
    assert_int_equal(f->m.resets, 1);
    assert_int_equal(f->m.powerdowns, 1);
    /* Arguments a command does not take: refused, nothing called. */
    g_autofree char *bad = run(f, "quit now");
    assert_string_equal(bad, "quit|q: extraneous characters at the end of line\n"
                             "Try \"help quit\" for more information\n");
    assert_int_equal(f->m.quits, 0);
    g_free(run(f, "q"));
    assert_int_equal(f->m.quits, 1);
}

static void test_cpus_and_registers(void **state)
{
    Fixture *f = *state;
    /* qemu -smp 2: "* CPU #0: thread_id=N\n  CPU #1: thread_id=M" */
    g_autofree char *c0 = run(f, "info cpus");
    assert_string_equal(c0, "* CPU #0: thread_id=1000\n  CPU #1: thread_id=1001\n");
    /* qemu's `info registers`: an empty line, "CPU#N", the CPU's dump. */
    g_autofree char *r0 = run(f, "info registers");
    assert_string_equal(r0, "\nCPU#0\n PC=0000000040000000 X00=0000000000000000\n");
    g_free(run(f, "cpu 1"));
    assert_int_equal(monitor_current_cpu(f->mon), 1);
    g_autofree char *c1 = run(f, "info cpus");
    assert_string_equal(c1, "  CPU #0: thread_id=1000\n* CPU #1: thread_id=1001\n");
    g_autofree char *r1 = run(f, "info registers");
    assert_string_equal(r1, "\nCPU#1\n PC=0000000040000001 X00=0000000000000001\n");
    g_autofree char *ra = run(f, "info registers -a");
    assert_string_equal(ra, "\nCPU#0\n PC=0000000040000000 X00=0000000000000000\n"
                            "\nCPU#1\n PC=0000000040000001 X00=0000000000000001\n");
    g_autofree char *rv = run(f, "info registers 0");
    assert_true(g_str_has_prefix(rv, "\nCPU#0\n"));
    g_autofree char *bad = run(f, "cpu 2");
    assert_string_equal(bad, "invalid CPU index\n");
    assert_int_equal(monitor_current_cpu(f->mon), 1);
}

static void test_info_misc(void **state)
{
    Fixture *f = *state;
    g_autofree char *v = run(f, "info version");
    g_autofree char *want = g_strdup_printf("%s\n", MIMIC_VERSION);
    assert_string_equal(v, want);
    g_autofree char *c = run(f, "info chardev");
    g_autofree char *line = g_strdup_printf("%s: filename=ringbuf\n", chardev_label(f->chr));
    assert_non_null(strstr(c, line));
    /* info mtree: the system address space's tree. */
    char *tree = NULL;
    size_t len = 0;
    FILE *mf = open_memstream(&tree, &len);
    address_space_print_tree(&f->m.as, mf);
    fclose(mf);
    g_autofree char *mt = run(f, "info mtree");
    assert_string_equal(mt, tree);
    g_autofree char *mtf = run(f, "info mtree -f");
    assert_string_equal(mtf, tree);
    free(tree);
    assert_non_null(strstr(mt, "mach-virt.ram"));
}

/* qemu reads at most 4095 characters of a line and ignores the rest. */
static void test_overlong_line(void **state)
{
    Fixture *f = *state;
    char *line = g_malloc(10001);
    memset(line, 'x', 10000);
    line[10000] = 0;
    g_autofree char *out = run(f, line);
    g_autofree char *name = g_strndup(line, 4095);
    g_autofree char *want = g_strdup_printf("unknown command: '%s'\n", name);
    assert_string_equal(out, want);
    g_free(line);
}

/* qemu has no limit (its count wraps as an int); mimic dumps at most 64K. */
static void test_huge_count(void **state)
{
    Fixture *f = *state;
    g_autofree char *out = run(f, "xp /100000000000xb 0x40000000");
    int lines = 0;
    for (const char *p = out; (p = strchr(p, '\n')); p++) {
        lines++;
    }
    assert_int_equal(lines, 65536 / 8);
    g_autofree char *out2 = run(f, "x /4294967295i 0x4ffffff0");
    assert_non_null(strstr(out2, "0x50000000: unable to read memory\n"));
    g_autofree char *deep = g_strnfill(100000, '(');
    g_autofree char *cmd = g_strconcat("p ", deep, NULL);
    g_autofree char *p = run(f, cmd);
    assert_non_null(p);
}

/* Random bytes (fixed seed): never a crash; the monitor still answers. */
static void test_random_input(void **state)
{
    Fixture *f = *state;
    GRand *rand = g_rand_new_with_seed(20221207);
    for (int round = 0; round < 200; round++) {
        uint8_t buf[512];
        for (size_t i = 0; i < sizeof(buf); i++) {
            /* Mostly text that parses partway, some control bytes. */
            static const char alphabet[] = "xpinfo /0123456789abcdefgxwhc$()+-*%&|^~'\n\033[AD";
            buf[i] = g_rand_int_range(rand, 0, 4) == 0
                   ? (uint8_t)g_rand_int_range(rand, 0, 256)
                   : (uint8_t)alphabet[g_rand_int_range(rand, 0, sizeof(alphabet) - 1)];
        }
        type_bytes(f, buf, sizeof(buf));
        drain(f);
    }
    g_rand_free(rand);
    /* Leave any escape sequence, then a clean line. */
    g_free(run(f, "x"));
    g_autofree char *out = run(f, "p /x 41");
    assert_string_equal(out, "0x29\n");
}

static int accept_all(void *opaque)
{
    return 4096;
}

static void drop_input(void *opaque, const uint8_t *buf, int len)
{
}

static void count_mux_quit(void *opaque)
{
    (*(int *)opaque)++;
}

/* Behind -nographic's multiplexer (serial line first): the banner comes
 * with the first Ctrl-A c, a new prompt with each later one, as qemu's
 * (monitor-qemu/mux.out: the same keys typed into qemu -nographic). */
static void test_mux(void **state)
{
    static const ChardevHandlers serial_handlers = { accept_all, drop_input, NULL };
    FakeMachine m = { .state = "prelaunch" };
    GError *err = NULL;
    int quits = 0;
    Chardev *mux = chardev_new_from_options("ringbuf,id=muxmon,size=64K,mux=on", &err);
    assert_non_null(mux);
    chardev_mux_set_quit_handler(count_mux_quit, &quits);
    device_lock();
    CharFrontend *serial = chardev_attach(mux, &serial_handlers, NULL, &err);
    Monitor *mon = monitor_new(mux, &fake_ops, &m, &err);
    device_unlock();
    assert_non_null(serial);
    assert_non_null(mon);
    Chardev *ring = chardev_find("muxmon-base");
    assert_non_null(ring);
    assert_int_equal(chardev_ringbuf_read(ring, (uint8_t[16]){0}, 16), 0);
    static const char *const keys[] = { "\001c", "p 1\n", "\001c\001c", "p 2\n", "\001x" };
    device_lock();
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
        chardev_receive(mux, (const uint8_t *)keys[i], strlen(keys[i]));
    }
    device_unlock();
    assert_int_equal(quits, 1);
    uint8_t buf[4096];
    size_t n = chardev_ringbuf_read(ring, buf, sizeof(buf) - 1);
    buf[n] = 0;
    size_t len;
    g_autofree char *qemu = read_file("mux.out", &len);
    const char *after_banner = strstr(qemu, "\r\n");
    assert_non_null(after_banner);
    g_autofree char *want = g_strdup_printf(
        "mimic %s monitor - type 'help' for more information%s", MIMIC_VERSION, after_banner);
    assert_string_equal((char *)buf, want);
    device_lock();
    monitor_free(mon);
    chardev_detach(serial);
    device_unlock();
    chardev_free(mux);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_banner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_qemu_transcript, setup, teardown),
        cmocka_unit_test_setup_teardown(test_echo_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_machine_callbacks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cpus_and_registers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_info_misc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overlong_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_huge_count, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random_input, setup, teardown),
        cmocka_unit_test(test_mux),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
