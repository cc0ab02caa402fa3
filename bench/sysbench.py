"""Owns: the system section of `make bench`: mimic-system-aarch64 beside
Debian's qemu-system-aarch64 7.2, booting the 6.12 kernel the boot tests
boot (scripts/bootimage.py) with an initramfs of busybox and the guest
programs of bench/system/, whose /init runs the workloads the kernel
command line names and powers off.

Timed from outside (this process): the first console line, the marker
line /init prints, and the emulator's exit, for a bare boot at -smp 1 and
-smp 2; the host CPU time (user+sys, /proc/PID/stat) the emulator spends
while the guest sleeps.  Timed inside the guest (CLOCK_MONOTONIC, so the
boot does not pollute them): a getppid loop, sha256sum of 16 MiB, 200
fork+exec, and a two-thread workload at -smp 1 and -smp 2.  mimic runs
with -stats, for its translation-cache flushes and evictions.  Each row
carries the issue's target and whether mimic met it.

run-bench.py calls run() after the user-mode sections, or alone with
`--only system`."""

import csv
import hashlib
import os
import re
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import bootimage  # noqa: E402
import mkinitramfs  # noqa: E402
import savevm_bench  # noqa: E402

SYS_SRC = os.path.join(HERE, 'system')
QEMU_SYSTEM = '/usr/bin/qemu-system-aarch64'
KERNEL = '6.12'                        # a key of boot_kernels in tests/system/meson.build
GUEST_PROGS = ('getppid', 'twothread', 'timeit', 'netsend')
# The same machine for both emulators.  -nic none: Debian's qemu looks for
# the default NIC's option ROM (package ipxe-qemu) and refuses to start
# without it; mimic has no NIC and accepts the option.
MACHINE = ['-M', 'virt', '-cpu', 'cortex-a57', '-m', '1G', '-nographic', '-nic', 'none',
           '-no-reboot']
# The bare boots print the kernel's log (the first console line is then the
# console's registration, not /init's marker); the workload boots are quiet.
APPEND = 'console=ttyAMA0 panic=-1'
# Workload sizes, passed on the kernel command line to bench/system/init.
# rounds: 30 million took 0.1 s at -smp 1 under mimic, 0.05 s per thread
# at -smp 2, so a host hiccup of a few tens of ms (another process taking
# one of the two vCPUs' host cores) moved the ratio by 0.1 and more; 300
# million take about 1 s, and the ratio measures the parallel run.
SIZES = {'full': {'syscalls': 50000, 'hashmb': 16, 'forks': 200, 'rounds': 300000000, 'idle': 10,
                  'diskmb': 256, 'netmb': 64, 'fillmb': 400},
         'quick': {'syscalls': 5000, 'hashmb': 1, 'forks': 10, 'rounds': 10000000, 'idle': 3,
                   'diskmb': 16, 'netmb': 8, 'fillmb': 32}}
# The I/O boot's devices: a fresh qcow2 disk (made by qemu-img) on
# virtio-blk-pci, and virtio-net-pci on user networking (romfile=: qemu
# would want an iPXE ROM), with the kernel modules they need.
IO_MODULES = ['virtio_blk', 'failover', 'net_failover', 'virtio_net']
IO_DISK_SIZE = '1G'
# The boots: name, -smp, the workloads /init runs (empty: straight to poweroff).
RUNS = [('boot-smp1', 1, ''), ('boot-smp2', 2, ''),
        ('work-smp1', 1, 'syscall,hash,forkexec,twothread,idle'),
        ('work-smp2', 2, 'twothread'),
        ('io-smp1', 1, 'diskw,diskr,net')]
# Seconds per boot.  The JIT's longest boot (work-smp1) takes 20 s; the
# interpreter's (--system-accel backend=interp) far longer.
TIMEOUT = {'mimic': 600, 'qemu': 300}
TIMEOUT_INTERP = 3600
# Boots of each kind per emulator (the median): a bare boot of the 6.12
# kernel takes either about 1.8 s or about 2.7 s under mimic (2.2 or 3.0 s
# under qemu), run to run, so one boot decides little.
SYS_RUNS = 3
# Rows: label, boot, metric, target.  Targets (the system-mode issue's):
# ('ratio', x): mimic/qemu at most x; ('value', x): mimic's number at most x.
ROWS = [
    ('first line -smp 1', 'boot-smp1', 'first', None),
    ('marker -smp 1', 'boot-smp1', 'marker', None),
    ('exit -smp 1', 'boot-smp1', 'exit', ('ratio', 1.0, 'aim 0.5x')),
    ('first line -smp 2', 'boot-smp2', 'first', None),
    ('marker -smp 2', 'boot-smp2', 'marker', None),
    ('exit -smp 2', 'boot-smp2', 'exit', ('ratio', 1.0, 'aim 0.5x')),
    ('sha256 {hashmb} MiB', 'work-smp1', 'hash', None),
    ('{forks} fork+exec', 'work-smp1', 'forkexec', None),
    ('{syscalls} getppid', 'work-smp1', 'syscall', ('ratio', 1.0, '')),
    ('2 threads -smp 1', 'work-smp1', 'twothread', None),
    ('2 threads -smp 2', 'work-smp2', 'twothread', None),
    ('2 threads smp2/smp1', None, 'twothread-scaling', ('value', 0.6, '')),
    ('idle CPU s per 10 s', 'work-smp1', 'idle-cpu', ('value', 0.1, '')),
    ('dd write {diskmb} MiB direct', 'io-smp1', 'diskw', ('ratio', 1.0, '')),
    ('dd read {diskmb} MiB direct', 'io-smp1', 'diskr', ('ratio', 1.0, '')),
    ('net {netmb} MiB guest->host', 'io-smp1', 'net', ('ratio', 1.0, '')),
    ('Debian boot to login:', 'debian', 'login', ('ratio', 1.0, '')),
    # The same boot with mimic's cache at 64 MiB (qemu's row: the boot
    # above, at its default): how much of the row above is the 16 MiB
    # cache emptied again and again.  Shown, no target.
    ('  mimic tb-size=64', 'debian-tb64', 'login', None),
    ('savevm {fillmb} MiB of 1 GiB', 'savevm', 'savevm', ('ratio', 1.0, '')),
    ('loadvm of that snapshot', 'savevm', 'loadvm', ('ratio', 1.0, '')),
]
# The Debian machine (scripts/mkdebian.py, made on first use: up to half an
# hour), booted once per emulator from a fresh overlay to its console login
# prompt; a minute each.
DEBIAN_TIMEOUT = 600


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class SectionError(Exception):
    pass


# --- Preparation --------------------------------------------------------------

def build_guests(bindir, cc, cflags):
    """The static arm64 guest programs, compiled when stale."""
    outdir = os.path.join(bindir, 'sys')
    os.makedirs(outdir, exist_ok=True)
    flags = cflags + ['-pthread']
    stamp = os.path.join(outdir, 'flags')
    same = os.path.exists(stamp) and open(stamp).read() == ' '.join([cc] + flags)
    hdr = os.path.join(SYS_SRC, 'clock.h')
    out = {}
    for name in GUEST_PROGS:
        src = os.path.join(SYS_SRC, name + '.c')
        exe = os.path.join(outdir, name + '.arm64')
        out[name] = exe
        newest = max(os.path.getmtime(src), os.path.getmtime(hdr))
        if same and os.path.exists(exe) and os.path.getmtime(exe) >= newest:
            continue
        cmd = [cc] + flags + ['-o', exe, src]
        log('  ' + ' '.join(cmd))
        if subprocess.run(cmd).returncode != 0:
            raise SectionError(f'compiling {src} failed')
    with open(stamp, 'w') as f:
        f.write(' '.join([cc] + flags))
    return out


def prepare(outdir, bindir, cc, cflags):
    """(kernel image, initramfs) for the boots."""
    try:
        kernels, bb_pin = bootimage.pins()
        if KERNEL not in kernels:
            raise SectionError(f'no {KERNEL} kernel in boot_kernels of tests/system/meson.build')
        kernel = bootimage.kernel(kernels[KERNEL])
        busybox = bootimage.busybox(bb_pin)
        modules = bootimage.kernel_modules(kernel, IO_MODULES)
    except bootimage.BootImageError as e:
        raise SectionError(str(e))
    progs = build_guests(bindir, cc, cflags)
    files = [(path, '/bin/' + name) for name, path in progs.items()]
    files += modules + [bootimage.module_list(IO_MODULES, os.path.join(outdir, 'sys-modules'))]
    initrd = os.path.join(outdir, 'sys-initrd.gz')
    mkinitramfs.make(busybox, os.path.join(SYS_SRC, 'init'), initrd, files)
    return kernel, initrd


class Sink:
    """A TCP server on the host's loopback that takes the guest's bytes
    (the net workload): reads each connection to its end or to `limit`
    bytes, then closes it, which ends the guest's nc."""
    def __init__(self, limit):
        self.limit = limit
        self.server = socket.socket()
        self.server.bind(('127.0.0.1', 0))
        self.server.listen(4)
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                c, _ = self.server.accept()
            except OSError:
                return
            got = 0
            with c:
                while got < self.limit:
                    data = c.recv(1 << 20)
                    if not data:
                        break
                    got += len(data)

    def close(self):
        self.server.close()


def debian_boot(emu_argv, debian, outdir, timeout):
    """One boot of the Debian machine to its login prompt: a Boot whose
    bench['login'] is the seconds from the process start."""
    b = Boot()
    overlay = os.path.join(outdir, 'tmp', 'debian-overlay.qcow2')
    if os.path.exists(overlay):
        os.unlink(overlay)
    if subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', '-b',
                       os.path.join(debian, 'base.qcow2'), '-F', 'qcow2', overlay]).returncode:
        b.error = 'qemu-img create failed'
        return b
    argv = emu_argv + ['-M', 'virt', '-cpu', 'cortex-a57', '-m', '1G', '-smp', '2', '-nographic',
                       '-no-reboot', '-kernel', os.path.join(debian, 'vmlinuz'),
                       '-initrd', os.path.join(debian, 'initrd.img'),
                       '-append', 'root=/dev/vda console=ttyAMA0 panic=-1',
                       '-drive', f'file={overlay},format=qcow2,if=none,id=d0',
                       '-device', 'virtio-blk-pci,drive=d0',
                       '-netdev', 'user,id=n0', '-device', 'virtio-net-pci,netdev=n0,romfile=']
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, start_new_session=True)
    text = b''
    while b'login:' not in text:
        left = t0 + timeout - time.monotonic()
        if left <= 0:
            b.error = f'no login prompt after {timeout} s'
            break
        ready, _, _ = select.select([p.stdout], [], [], min(left, 1.0))
        if ready:
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                b.error = 'exited before the login prompt'
                break
            text = text[-64:] + chunk
    if not b.error:
        b.bench['login'] = time.monotonic() - t0
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    p.stdout.close()
    return b


def io_args(outdir, emu):
    """A fresh qcow2 disk and a NIC on user networking for one boot."""
    disk = os.path.join(outdir, 'tmp', f'io-{emu}.qcow2')
    if os.path.exists(disk):
        os.unlink(disk)
    if subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', disk, IO_DISK_SIZE]).returncode:
        raise SectionError('qemu-img create failed')
    return ['-drive', f'file={disk},format=qcow2,if=none,id=d0',
            '-device', 'virtio-blk-pci,drive=d0',
            '-netdev', 'user,id=n0', '-device', 'virtio-net-pci,netdev=n0,romfile=']


# --- One boot -----------------------------------------------------------------

def cpu_seconds(pid):
    """user+sys of a live process, all threads (fields 14 and 15 of stat)."""
    try:
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


class Boot:
    """What one boot measured: times since the process started (first
    console line, marker line, exit), the guest's MIMIC-BENCH lines, the
    idle window's host CPU, the process's whole CPU time, the lines to
    compare between emulators, -stats counters, and what went wrong."""
    def __init__(self):
        self.first = self.marker = self.exit = None
        self.bench, self.stats = {}, {}
        self.idle_cpu = self.idle_wall = self.cpu = None
        self.check, self.error = [], ''


def boot(argv, timeout, errfile):
    b = Boot()
    t0 = time.monotonic()
    with open(errfile, 'wb') as err:
        try:
            p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err,
                                 start_new_session=True)   # the console's Ctrl-C is no signal to us
        except OSError as e:
            b.error = f'cannot start {argv[0]}: {e.strerror}'
            return b
    buf, idle0, lines = b'', None, []
    deadline = t0 + timeout
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([p.stdout], [], [], min(left, 1.0))
        if not ready:
            continue
        chunk = os.read(p.stdout.fileno(), 65536)
        now = time.monotonic() - t0
        if not chunk:
            break
        buf += chunk
        while b'\n' in buf:
            line, buf = buf.split(b'\n', 1)
            line = line.decode(errors='replace').replace('\r', '')
            if b.first is None:
                b.first = now
            lines.append(line)
            if line.startswith('MIMIC-BENCH-MARKER') and b.marker is None:
                b.marker = now
            elif line == 'MIMIC-BENCH-IDLE start':
                idle0 = (now, cpu_seconds(p.pid))
            elif line == 'MIMIC-BENCH-IDLE end' and idle0 and idle0[1] is not None:
                c = cpu_seconds(p.pid)
                if c is not None:
                    b.idle_cpu, b.idle_wall = c - idle0[1], now - idle0[0]
    if timed_out:
        os.kill(p.pid, signal.SIGKILL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    p.stdout.close()
    b.exit = time.monotonic() - t0
    b.cpu = ru.ru_utime + ru.ru_stime
    times = {}                         # a workload /init runs more than once: its median
    for line in lines:
        m = re.match(r'MIMIC-BENCH (\S+) ([\d.]+)$', line)
        if m:
            times.setdefault(m.group(1), []).append(float(m.group(2)))
        elif line.startswith('MIMIC-BENCH-FAILED'):
            b.error = line
    b.bench = {name: statistics.median(v) for name, v in times.items()}
    # From the marker on, what the guest printed apart from times and the
    # kernel's own (timestamped) lines must be the same in both emulators.
    start = next((i for i, line in enumerate(lines) if line.startswith('MIMIC-BENCH-MARKER')), None)
    if start is not None:
        b.check = [line for line in lines[start:] if not line.startswith(('[', 'MIMIC-BENCH '))
                   and line != 'MIMIC-BENCH-IDLE start' and line != 'MIMIC-BENCH-IDLE end']
    with open(errfile, errors='replace') as f:
        errtext = f.read()
    for key, pat in (('flushes', r'translation cache flushes:\s*(\d+)'),
                     ('evictions', r'translation cache evictions:\s*(\d+)')):
        m = re.search(pat, errtext)
        if m:
            b.stats[key] = int(m.group(1))
    if timed_out:
        b.error = f'timed out after {timeout} s'
    elif p.returncode != 0:
        tail = errtext.strip().splitlines()
        b.error = f'exit {p.returncode}' + (f': {tail[-1][:100]}' if tail else '')
    elif start is None:
        b.error = 'no marker line'
    elif 'MIMIC-BENCH-DONE' not in lines:
        b.error = b.error or 'no MIMIC-BENCH-DONE line'
    if b.error:
        b.bench, b.idle_cpu = {}, None
    return b


# --- The section --------------------------------------------------------------

def metric(boots, name):
    """Median over the boots that measured it."""
    vals = []
    for b in boots:
        if name in ('first', 'marker', 'exit'):
            v = None if b.error else getattr(b, name)
        elif name == 'idle-cpu':
            v = b.idle_cpu
        elif name == 'cpu':
            v = b.cpu
        else:
            v = b.bench.get(name)
        if v is not None:
            vals.append(v)
    return statistics.median(vals) if vals else None


def quotient(a, b):
    return a / b if a is not None and b else None


def verdict(target, mimic, qemu):
    if not target:
        return '', ''
    kind, limit, aim = target
    got = quotient(mimic, qemu) if kind == 'ratio' else mimic
    text = (f'<= {limit:.1f}x qemu' if kind == 'ratio' else f'<= {limit:g}') + (f' ({aim})' if aim else '')
    if got is None:
        return text, 'n/a'
    return text, 'met' if got <= limit else 'missed'


def run(build, outdir, bindir, cc, cflags, quick, runs, accel, only_boots=None):
    """Runs the section, prints its table, writes outdir/system.csv;
    returns True when every boot worked and the outputs agree.  only_boots:
    names of RUNS (and 'debian', 'savevm') to run, the rest left out (None: all)."""
    mimic = os.path.join(build, 'mimic-system-aarch64')
    log('[system] mimic-system-aarch64 vs qemu-system-aarch64, Linux ' + KERNEL)
    known = [name for name, _, _ in RUNS] + ['debian', 'savevm']
    unknown = [n for n in only_boots or [] if n not in known]
    if unknown:
        print(f'\nsystem section: no boot named {", ".join(unknown)} (known: {", ".join(known)}); skipped.')
        return False
    runs_wanted = [r for r in RUNS if only_boots is None or r[0] in only_boots]
    debian_wanted = only_boots is None or 'debian' in only_boots
    savevm_wanted = only_boots is None or 'savevm' in only_boots
    if not os.access(mimic, os.X_OK):
        print(f'\nsystem section: {mimic} not built (run `make` first); skipped.')
        return False
    if not os.access(QEMU_SYSTEM, os.X_OK):
        print(f'\nsystem section: {QEMU_SYSTEM} missing (run `make deps`); skipped.')
        return False
    try:
        kernel, initrd = prepare(outdir, bindir, cc, cflags)
    except SectionError as e:
        print(f'\nsystem section: {e}; skipped.')
        return False
    snap = os.path.join(bindir, 'mimic-system-aarch64')   # a rebuild cannot swap it mid-run
    shutil.copy2(mimic, snap)
    sizes = SIZES['quick' if quick else 'full']
    zeros_digest = hashlib.sha256(bytes(sizes['hashmb'] << 20)).hexdigest()
    size_args = ' '.join(f'{k}={v}' for k, v in sizes.items())
    emus = {'mimic': [snap, '-stats'] + (['-accel', accel] if accel else []),
            'qemu': [QEMU_SYSTEM]}
    timeout = dict(TIMEOUT, mimic=TIMEOUT_INTERP if accel and 'interp' in accel else TIMEOUT['mimic'])
    errfile = os.path.join(outdir, 'tmp', 'sys-stderr')
    os.makedirs(os.path.dirname(errfile), exist_ok=True)
    t_start = time.time()
    boots = {}                         # (emu, run name) -> [Boot]
    sink = Sink(sizes['netmb'] << 20)
    size_args += f' netport={sink.port}'
    for name, smp, work in runs_wanted:
        append = APPEND + (f' quiet bench={work} {size_args}' if work else '')
        for emu, pre in emus.items():
            argv = pre + MACHINE + ['-smp', str(smp), '-kernel', kernel, '-initrd', initrd,
                                    '-append', append]
            got = []
            for _ in range(runs):
                try:
                    extra = io_args(outdir, emu) if name.startswith('io-') else []
                except SectionError as e:
                    print(f'\nsystem section: {e}; skipped.')
                    return False
                b = boot(argv + extra, timeout[emu], errfile)
                got.append(b)
                log(f'  {name:<10} {emu:<6} ' + (f'FAILED: {b.error}' if b.error else
                    f'marker {b.marker:7.2f} s  exit {b.exit:7.2f} s  cpu {b.cpu:7.2f} s  '
                    + ' '.join(f'{k} {v:.3f}' for k, v in b.bench.items())))
                if b.error:
                    break
            boots[emu, name] = got
    sink.close()
    debian_status = 'ok'
    mk = subprocess.run([sys.executable, os.path.join(ROOT, 'scripts', 'mkdebian.py'),
                         '--emu', snap, '--img', os.path.join(build, 'mimic-img')],
                        stdout=subprocess.PIPE, text=True) if debian_wanted else None
    # runs boots per emulator, taking turns, so that a slow stretch of the
    # host falls on both: one boot each was 0.95x one time and 1.2x the next.
    for _ in range(runs if debian_wanted else 0):
        for emu, pre in emus.items():
            got = boots.setdefault((emu, 'debian'), [])
            if got and got[-1].error:
                continue
            if mk.returncode != 0:
                b = Boot()
                b.error = debian_status = 'mkdebian.py could not make the Debian machine'
            else:
                b = debian_boot(pre, mk.stdout.strip().splitlines()[-1], outdir, DEBIAN_TIMEOUT)
            log(f'  debian     {emu:<6} ' + (f'FAILED: {b.error}' if b.error else
                                              f'login {b.bench["login"]:7.2f} s'))
            if b.error:
                debian_status = f'{emu} {b.error}'
            got.append(b)
    if debian_wanted and not boots['mimic', 'debian'][-1].error:
        b = debian_boot(emus['mimic'] + ['-accel', 'tcg,tb-size=64'],
                        mk.stdout.strip().splitlines()[-1], outdir, DEBIAN_TIMEOUT)
        log(f'  debian     mimic tb-size=64 ' + (f'FAILED: {b.error}' if b.error else
                                                  f'login {b.bench["login"]:7.2f} s'))
        boots['mimic', 'debian-tb64'] = [b]
        boots['qemu', 'debian-tb64'] = boots['qemu', 'debian']
        tb64_status = f'mimic {b.error}' if b.error else debian_status

    # Per boot kind: the first failure, else a disagreement with qemu.
    status = {}
    for name, _, work in runs_wanted:
        m, q = boots['mimic', name], boots['qemu', name]
        bad = [f'{e} {bs[-1].error}' for e, bs in (('mimic', m), ('qemu', q)) if bs[-1].error]
        for e, bs in (('mimic', m), ('qemu', q)):
            missing = sorted({w for b in bs if not b.error for w in work.split(',') if w
                              and (b.idle_cpu is None if w == 'idle' else w not in b.bench)})
            if missing:
                bad.append(f'{e}: no result for {", ".join(missing)}')
        if not bad and m[0].check != q[0].check:
            bad = ['mimic output differs from qemu']
        if not bad and 'hash' in work and not any(zeros_digest in line for line in q[0].check):
            bad = ['sha256sum of the zeros is not their SHA-256']
        status[name] = '; '.join(bad) or 'ok'
    if debian_wanted:
        status['debian'] = debian_status
        if ('mimic', 'debian-tb64') in boots:
            status['debian-tb64'] = tb64_status

    if savevm_wanted:
        status['savevm'] = 'ok'
        sv_initrd = savevm_bench.make_initrd(bootimage.busybox(bootimage.pins()[1]),
                                             sizes['fillmb'], os.path.join(outdir, 'tmp'))
    for emu, pre in emus.items() if savevm_wanted else ():
        b = savevm_bench.run(Boot, pre, kernel, sv_initrd, outdir, emu, timeout[emu])
        log(f'  savevm     {emu:<6} ' + (f'FAILED: {b.error}' if b.error else
                                          f'savevm {b.bench["savevm"]:7.2f} s  '
                                          f'loadvm {b.bench["loadvm"]:7.2f} s'))
        if b.error:
            status['savevm'] = f'{emu} {b.error}'
        boots[emu, 'savevm'] = [b]

    rows = []
    for label, name, key, target in ROWS:
        if (name or 'work-smp1') not in status or (not name and 'work-smp2' not in status):
            continue                    # a boot left out by only_boots
        if name:
            val = {e: metric(boots[e, name], key) for e in emus}
            st, stats = status[name], boots['mimic', name][0].stats
            cpu = {e: metric(boots[e, name], 'cpu') for e in emus}
        else:                           # two-thread scaling: each emulator's own ratio
            val = {e: quotient(metric(boots[e, 'work-smp2'], 'twothread'),
                               metric(boots[e, 'work-smp1'], 'twothread')) for e in emus}
            st = next((status[n] for n in ('work-smp1', 'work-smp2') if status[n] != 'ok'), 'ok')
            stats, cpu = {}, {}
        if key == 'idle-cpu':           # per 10 s of guest sleep, whatever the window
            val = {e: quotient(v * 10, sizes['idle']) if v is not None else None
                   for e, v in val.items()}
        text, ok = verdict(target, val['mimic'], val['qemu'])
        rows.append({'row': label.format(**sizes), 'boot': name or 'work-smp1+2',
                     'mimic': val['mimic'], 'qemu': val['qemu'],
                     'ratio': quotient(val['mimic'], val['qemu']), 'target': text, 'verdict': ok,
                     'flushes': stats.get('flushes'), 'evictions': stats.get('evictions'),
                     'cpu': cpu, 'status': st})

    print_table(rows, boots, emus, sizes, quick, runs, accel, time.time() - t_start)
    csv_path = os.path.join(outdir, 'system.csv')
    write_csv(csv_path, rows)
    print(f'\nwrote {os.path.relpath(csv_path)}')
    return all(s == 'ok' for s in status.values())


def fmt(v, width, digits=3):
    return 'n/a'.rjust(width) if v is None else f'{v:.{digits}f}'.rjust(width)


def print_table(rows, boots, emus, sizes, quick, runs, accel, secs):
    head = (f'{"system (Linux " + KERNEL + ")":<22} {"mimic":>9} {"qemu-sys":>9} {"mimic/q":>8}'
            f' | {"target":<24} {"":<6} | {"flush/evict":>11} | status')
    print()
    print(head)
    print('-' * len(head))
    for r in rows:
        fe = ('-' if r['flushes'] is None else str(r['flushes'])) + '/' + \
             ('-' if r['evictions'] is None else str(r['evictions']))
        print(f'{r["row"]:<22} {fmt(r["mimic"], 9)} {fmt(r["qemu"], 9)} {fmt(r["ratio"], 8, 2)}'
              f' | {r["target"]:<24} {r["verdict"]:<6} | {fe:>11} | {r["status"]}')
    print()
    if quick:
        print(f'QUICK smoke mode: reduced workloads ({", ".join(f"{k}={v}" for k, v in sizes.items())}), '
              'timings meaningless.')
    print(f'Seconds; {runs} boot{"s" if runs > 1 else ""} of each kind per emulator'
          + (' (median)' if runs > 1 else '') + f'; both run {" ".join(MACHINE)} -smp N with Debian\'s '
          f'{KERNEL} cloud kernel and a busybox initramfs (bench/system/init). first line, marker, exit: '
          'from the process start, bare boots without "quiet". The other rows are timed inside the guest '
          '(CLOCK_MONOTONIC) in quiet boots; 2 threads: the median of 3 runs in the boot, smp2/smp1 each emulator\'s own ratio. idle: host '
          f'user+sys CPU of the emulator while the guest ran `sleep {sizes["idle"]}`, scaled to 10 s.')
    print('mimic: ' + (f'-accel {accel}' if accel else 'its default backend (no -accel)')
          + '; translation cache 16 MiB (qemu-system 7.2 sizes its own from the host\'s RAM, up to 1 GiB). '
          'flush/evict: mimic\'s whole-cache flushes / evictions of the oldest tenth in the boot the row '
          'comes from (-stats).')
    cpu = {e: sum(b.cpu or 0 for (e2, _), bs in boots.items() if e2 == e for b in bs) for e in emus}
    print(f'host CPU of all boots: mimic {cpu["mimic"]:.1f} s, qemu {cpu["qemu"]:.1f} s; '
          f'{first_line([QEMU_SYSTEM, "--version"])}; load average {os.getloadavg()[0]:.2f}; '
          f'{secs:.0f} s in all.')


def first_line(argv):
    try:
        out = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
        return out.splitlines()[0].strip() if out else argv[0]
    except OSError:
        return argv[0]


def write_csv(path, rows):
    num = lambda v: '' if v is None else f'{v:.4f}'  # noqa: E731
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['row', 'boot', 'mimic', 'qemu', 'mimic_over_qemu', 'target', 'verdict',
                    'mimic_flushes', 'mimic_evictions', 'boot_cpu_mimic_s', 'boot_cpu_qemu_s',
                    'status'])
        for r in rows:
            w.writerow([r['row'], r['boot'], num(r['mimic']), num(r['qemu']), num(r['ratio']),
                        r['target'], r['verdict'], '' if r['flushes'] is None else r['flushes'],
                        '' if r['evictions'] is None else r['evictions'],
                        num(r['cpu'].get('mimic')), num(r['cpu'].get('qemu')), r['status']])
