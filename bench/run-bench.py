#!/usr/bin/env python3
"""Owns: `make bench`, mimic vs Debian's qemu-aarch64 vs native, side by side.

Builds the programs in bench/src for arm64 (the guests) and x86-64 (the
native column), fetches the pinned arm64 busybox and the pinned Debian
sysroots (xz-utils, python3.11 and gcc 12's cc1, arm64 for the guests and
amd64 of the same versions for the native column), generates the input files
(the text; the C files gcc compiles, preprocessed), then times each
benchmark natively, under /usr/bin/qemu-aarch64, under mimic's
JIT and under mimic's interpreter; checks that all outputs agree (a mismatch
marks the row FAILED), prints the table and writes build/bench/results.csv
and build/bench/ratios.png.  Timings are information, never a test verdict.

    python3 bench/run-bench.py            # the full run (make bench)
    python3 bench/run-bench.py --quick    # smoke mode: 1 run, tiny workloads
    python3 bench/run-bench.py --only hash,startup --runs 3
    python3 bench/run-bench.py --only system   # mimic-system vs qemu-system alone

Everything that defines the measurement is pinned below: compiler flags,
the busybox package, the sysroot packages, the inputs' sizes and SHA-256s,
the run counts.  Separate runs (never the timed ones) count translation-cache
evictions (mimic's -stats) and host code bytes per translated guest
instruction (a `-d in_asm,out_asm` log of mimic's JIT and of qemu at the
interpreter's reduced workload, read by asmlog.py).  The system section
(mimic-system-aarch64 vs qemu-system-aarch64, booting Linux) is
sysbench.py's; it runs after the user-mode tables.
"""

import argparse
import csv
import hashlib
import io
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
import zlib

sys.dont_write_bytecode = True             # keep bench/ free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import asmlog  # noqa: E402
import barchart  # noqa: E402
import sysbench  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, 'bench', 'src')

# --- Pins -------------------------------------------------------------------
CROSS_CC = 'aarch64-linux-gnu-gcc'
HOST_CC = 'gcc'
CFLAGS = ['-std=gnu11', '-O2', '-static', '-ffp-contract=off', '-Wall', '-Wextra']
BUSYBOX = ('arm64', 'busybox-static', '1:1.35.0-4+deb12u1+b1',
           '732c9135564fc71337e0e05fb4da4d11e6c28c1834bce3e405e575afef2a52f5')
# Debian 12 packages "name version sha256" (as served in 2026-12) for the -L
# rows; the arm64 python sysroot is tests/python's (fetch-sysroot-python.sh),
# the same python3.11 and libc6 versions as the amd64 pins here.
XZ_PINS = {
    'arm64': """xz-utils 5.4.1-1+deb12u2 79b5b77de62315e3fa415aa80bd6fa68ea584e4f122d9dc4542172d85b067d68
liblzma5 5.4.1-1+deb12u2 36358d245f246234721e6c1c2ee5d11a46c1c877023c63f7570df02cd79964f5
libc6 2.36-9+deb12u14 01f4330719fd4f65580e16ea5a0527f372fca750e8f588d26deaf09f2d3b1cf4""",
    'amd64': """xz-utils 5.4.1-1+deb12u2 f99fc3fe4b4e5baecf5fd8b53853a82e1e71cb5ec187b36b0ddcf227a8961c8f
liblzma5 5.4.1-1+deb12u2 3d8c29c8c21ec6007635e1b2591edf98b771c9572a085968f47452b33040f384
libc6 2.36-9+deb12u14 ba4f88f73dbc3ae9055f3c20f4523bfdbaf1ad13ff95e258924f77d20b4fbedf""",
}
PYTHON_PINS_AMD64 = """python3.11-minimal 3.11.2-6+deb12u9 b5f855ab922dfcd5d1a3223b2118c3dae13ffc7751b0cd5dc24740386323a33a
libpython3.11-minimal 3.11.2-6+deb12u9 69f41cfa3f4ba17284e538f843069d7529c53c207d2ae17a5b02785944870e33
libpython3.11-stdlib 3.11.2-6+deb12u9 10f13e000ee757f5f2d2d3569f9e30546214a0c850acd78695feae373bfa3e53
libc6 2.36-9+deb12u14 ba4f88f73dbc3ae9055f3c20f4523bfdbaf1ad13ff95e258924f77d20b4fbedf
zlib1g 1:1.2.13.dfsg-1+deb12u1 ad9f1ea0537a32c9eaecc619563a9db596a5dee33afce8393b1083f22d301e1d
libexpat1 2.5.0-1+deb12u5 cae5ded666d8573dd33060bc66fbac21eea8b101a6b56e2af8bd590fcfa65d79"""
# The gcc row: Debian 12's compiler proper, cc1 (the compile step of
# `gcc -O2 -c`), for the aarch64 target: the arm64 build under the emulators,
# the amd64-hosted cross build natively.  Debian serves only 12.2.0-14+deb12u1
# for arm64 and 12.2.0-14cross1 (from 12.2.0-14) for the cross compiler; the
# one change between them, the AArch64 -fstack-protector fix (CVE-2023-4039),
# does not show in this compile: its outputs are checked identical in every
# column.
# Dependencies: cc1's NEEDED (readelf -d): libisl, libmpc, libmpfr, libgmp,
# libz, libzstd, libm and libc; libstdc++ is linked in statically.
GCC_PINS = {
    'arm64': """cpp-12 12.2.0-14+deb12u1 f95ae5b0f967bf9de96c952e12b865b133756f3f07f904a64a1fec5fcf3d20e7
libgmp10 2:6.2.1+dfsg1-1.1 9906387c1dd806518c915bd8616d072c741061d7fa26b222e52763456060b31a
libmpfr6 4.2.0-1 d818fbfb555561bff56694cc628dc9939f393a07026aefd237e9c818b9f2cb77
libmpc3 1.3.1-1 19fd1712d02a9ee3eeff5b6678a8766a12f2858c3384258c7abc15edd891739f
libisl23 0.25-1.1 e7232e299714254a9473d7eacdf6879eedf02b950c87da145f5d605800710c6c
libzstd1 1.5.4+dfsg2-5+deb12u1 2032e10b4dd01ec97d157aa1f6474efd6320bb70c6a7cae003e1b8eba3b566f8
zlib1g 1:1.2.13.dfsg-1+deb12u1 61477d8059daf1765683a73099cc17941e1970acb520fd238646dedf99eb16f6
libc6 2.36-9+deb12u14 01f4330719fd4f65580e16ea5a0527f372fca750e8f588d26deaf09f2d3b1cf4""",
    'amd64': """cpp-12-aarch64-linux-gnu 12.2.0-14cross1 5921df4ad56e34e6257a1caf862474845aab6548ba7ae7852e8cdd7cb622394e
libgmp10 2:6.2.1+dfsg1-1.1 187aedef2ed763f425c1e523753b9719677633c7eede660401739e9c893482bd
libmpfr6 4.2.0-1 37b7a2b4e78890b6a074777f27b96c84f58e81558ba08410c2b6c0ca4a4ad77b
libmpc3 1.3.1-1 d7f79544790e44f9b0c8cb9034a18c58d37f8702a15f32539050718679e52f80
libisl23 0.25-1.1 ebff0b2f8b220c74224197523019366e97ee4770d464bebc48e4865114e4da0e
libzstd1 1.5.4+dfsg2-5+deb12u1 67dc1ee693e5c22b1a2be2bb70d8244b040836ce3f5dd79e006f7806bc3d9f1c
zlib1g 1:1.2.13.dfsg-1+deb12u1 ad9f1ea0537a32c9eaecc619563a9db596a5dee33afce8393b1083f22d301e1d
libc6 2.36-9+deb12u14 ba4f88f73dbc3ae9055f3c20f4523bfdbaf1ad13ff95e258924f77d20b4fbedf""",
}
# Where each -L program lives in its sysroot (per architecture where the two
# differ), and the amd64 loader and library folders the native column runs
# it with (never the host's copies).
SYSROOT_EXE = {'xz': 'usr/bin/xz', 'python': 'usr/bin/python3.11',
               'gcc': {'arm64': 'usr/lib/gcc/aarch64-linux-gnu/12/cc1',
                       'amd64': 'usr/lib/gcc-cross/aarch64-linux-gnu/12/cc1'}}
AMD64_LDSO = 'lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'
AMD64_LIBS = ('lib/x86_64-linux-gnu', 'usr/lib/x86_64-linux-gnu')
INPUT_SIZE = 20 << 20                 # bytes of generated text (gentext.c)
XZ_C_SIZE = 512 << 10                 # xz -6 compresses this prefix (~0.35 s native)
XZ_ARGS = {'xz-c': ['-6', '-T1', '-c'], 'xz-d': ['-d', '-T1', '-c']}
PY_ARGS = ['-S', '-s', os.path.join(SRC, 'pywork.py')]
# gcc's inputs: C files of this repository as of a fixed commit (so later
# edits to them do not change the benchmark), taken with `git archive` and
# preprocessed once by CROSS_CC as the project builds them (-std=gnu11
# -D_GNU_SOURCE), -P: no line markers.  The full workload compiles the
# optimizer (~0.35 s native); runs below 100% (--quick, the B/insn run)
# compile the start-up program instead: cc1's fixed cost of initialising
# and running every pass once, with little code to run them on.
# (path in the commit, SHA-256 of the preprocessed file).
GCC_SRC_COMMIT = '6633c77df8ac72e3ce68913bf29f8db76f954f72'
GCC_INPUTS = {'full': ('tcg/optimize.c',
                       '04c12580343e691958c1fcef632668a79d11c34f91aa5e5739083cf0ec9c1a90'),
              'small': ('bench/src/startup.c',
                        '2696b3efc934e5001e0cfee2214956ca4918621dc1dad0929d3dd38f633f969b')}
GCC_CPP_FLAGS = ['-std=gnu11', '-D_GNU_SOURCE', '-E', '-P']
# cc1 as `aarch64-linux-gnu-gcc -std=gnu11 -O2 -c FILE.i` runs it (see -v),
# less -version and -dumpbase/-dumpbase-ext (they only name dump files), plus
# -fno-ident: the .ident string holds the package version, the one line in
# which the two builds' outputs differ.  The assembly goes to stdout; the
# assembler step is not run (the gcc driver execs cc1 and as as children:
# qemu-user runs those only through binfmt_misc, which the host may not have).
GCC_CC1_ARGS = ['-fpreprocessed', '-quiet', '-mlittle-endian', '-mabi=lp64', '-O2',
                '-std=gnu11', '-fasynchronous-unwind-tables', '-fno-ident']
INPUT_SHA256 = '82a754550d51812a178d1922e8f5f1bf45414fc2dd51ed6dadd9b92bb3eadee0'
STARTUP_N = 200                       # starts of the `true`-like program
QEMU = '/usr/bin/qemu-aarch64'
RUNS = 5                              # timed runs per column (after a warm-up)
# The interpreter is 15-40x slower than qemu: it gets one run of a twentieth of
# the workload, its time scaled up by the work ratio (linear by design: the
# programs scale only repetition counts, busybox the input length).
INTERP_SCALE = 5                      # percent of the workload
INTERP_RUNS = 1
QUICK_SCALE = 1                       # --quick: every column, one run
TIMEOUT = 900                         # seconds per process

COLUMNS = ('native', 'qemu', 'jit', 'interp')


class Bench:
    """sysroot: the name of the Debian sysroot the program runs from (-L);
    those rows have no interpreter column (see the footer)."""
    def __init__(self, name, kind, how, what, fp=False, sysroot=None):
        self.name, self.kind, self.how, self.what, self.fp = name, kind, how, what, fp
        self.sysroot = sysroot


# kind 'compute' and 'system' (start-up and syscalls) get separate geomeans.
BENCHES = [
    Bench('hash', 'compute', 'prog', 'FNV-1a + xxhash64-like over 1 MiB'),
    Bench('sieve', 'compute', 'prog', 'sieve of Eratosthenes, 2 Mi bytes'),
    Bench('matmul', 'compute', 'prog', 'double matmul 160x160', fp=True),
    Bench('qsort', 'compute', 'prog', 'libc qsort, 20k 32-byte records'),
    Bench('string', 'compute', 'prog', 'strlen/memcpy/memchr/strcmp/memcmp'),
    Bench('vm', 'compute', 'prog', 'stack-VM bytecode interpreter loop'),
    Bench('bb-gzip', 'compute', 'gzip', 'busybox gzip -9 of 20 MiB text'),
    Bench('bb-sha256', 'compute', 'sha256', 'busybox sha256sum of 20 MiB'),
    Bench('crc', 'compute', 'prog', 'table CRC-32 + bitwise CRC-32C, 256 KiB'),
    Bench('xz-6', 'compute', 'xz-c', 'Debian xz -6 of 512 KiB text (-L)', sysroot='xz'),
    Bench('xz-d', 'compute', 'xz-d', 'Debian xz -d of 20 MiB text (-L)', sysroot='xz'),
    Bench('python', 'compute', 'python', 'Debian python3.11, dict/str/int script (-L)',
          sysroot='python'),
    Bench('gcc', 'compute', 'gcc', 'Debian gcc 12 cc1 -O2 of one C file (-L)', sysroot='gcc'),
    Bench('syscall', 'system', 'prog', '200k x 5 real syscalls'),
    Bench('startup', 'system', 'startup', f'{STARTUP_N} starts of a static true'),
]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def die(msg):
    log(f'run-bench: {msg}')
    sys.exit(1)


# --- Preparation --------------------------------------------------------------

def build_programs(outdir):
    """Compiles every bench/src program for both hosts (only when stale)."""
    bindir = os.path.join(outdir, 'bin')
    os.makedirs(bindir, exist_ok=True)
    stamp = os.path.join(bindir, 'flags')
    flags = ' '.join([CROSS_CC, HOST_CC] + CFLAGS)
    old = open(stamp).read() if os.path.exists(stamp) else ''
    hdr = os.path.join(SRC, 'bench.h')
    tools = ('gentext', 'timerun')             # native helpers, not benchmarked
    progs = [b.name for b in BENCHES if b.how in ('prog', 'startup')] + list(tools)
    for name in progs:
        src = os.path.join(SRC, name + '.c')
        for cc, suffix in ((CROSS_CC, 'arm64'), (HOST_CC, 'x86_64')):
            if name in tools and suffix == 'arm64':
                continue
            out = os.path.join(bindir, f'{name}.{suffix}')
            newest = max(os.path.getmtime(src), os.path.getmtime(hdr))
            if old == flags and os.path.exists(out) and os.path.getmtime(out) >= newest:
                continue
            cmd = [cc] + CFLAGS + ['-o', out, src]
            log('  ' + ' '.join(cmd))
            if subprocess.run(cmd).returncode != 0:
                die(f'compiling {src} failed')
    with open(stamp, 'w') as f:
        f.write(flags)
    return bindir


def fetch_busybox():
    r = subprocess.run(['sh', os.path.join(ROOT, 'scripts', 'fetch-deb.sh'), *BUSYBOX],
                       stdout=subprocess.PIPE, text=True)
    path = os.path.join(r.stdout.strip(), 'bin', 'busybox')
    if r.returncode != 0 or not os.path.exists(path):
        die('cannot fetch the pinned busybox-static (see the messages above)')
    return path


def sysroot_exe(name, arch):
    exe = SYSROOT_EXE[name]
    return exe[arch] if isinstance(exe, dict) else exe


def fetch_sysroots(names):
    """{name: {'arm64': path, 'amd64': path}} for the sysroots named."""
    scripts = os.path.join(ROOT, 'scripts')
    fetch = os.path.join(scripts, 'fetch-sysroot.sh')
    jobs = {'xz': {a: (['sh', fetch, 'xz', SYSROOT_EXE['xz'], a], XZ_PINS[a]) for a in XZ_PINS},
            'python': {'arm64': (['sh', os.path.join(scripts, 'fetch-sysroot-python.sh')], None),
                       'amd64': (['sh', fetch, 'python311', SYSROOT_EXE['python'], 'amd64'],
                                 PYTHON_PINS_AMD64)},
            'gcc': {a: (['sh', fetch, 'gcc12', sysroot_exe('gcc', a), a], GCC_PINS[a])
                    for a in GCC_PINS}}
    roots = {}
    for name in names:
        roots[name] = {}
        for arch, (cmd, pins) in jobs[name].items():
            r = subprocess.run(cmd, input=pins, stdout=subprocess.PIPE, text=True)
            path = r.stdout.strip()
            if r.returncode != 0 or not os.path.exists(os.path.join(path, sysroot_exe(name, arch))):
                die(f'cannot fetch the pinned {arch} {name} sysroot (see the messages above)')
            roots[name][arch] = path
    return roots


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def make_inputs(outdir, bindir):
    """The pinned 20 MiB text; returns prefix(nbytes), which makes (once) and
    returns the path of a file holding the first nbytes of it."""
    d = os.path.join(outdir, 'input')
    os.makedirs(d, exist_ok=True)
    full = os.path.join(d, 'text-100.txt')
    ok = os.path.join(d, 'text-100.ok')
    if not (os.path.exists(ok) and os.path.exists(full)
            and os.path.getmtime(ok) >= os.path.getmtime(full)):
        with open(full, 'wb') as f:
            subprocess.run([os.path.join(bindir, 'gentext.x86_64'), str(INPUT_SIZE)],
                           stdout=f, check=True)
        got = sha256_file(full)
        if got != INPUT_SHA256:
            die(f'generated input has SHA-256 {got}, pinned {INPUT_SHA256}')
        open(ok, 'w').close()

    def prefix(nbytes):
        if nbytes >= INPUT_SIZE:
            return full
        path = os.path.join(d, f'text-{nbytes}b.txt')
        if not os.path.exists(path):
            with open(full, 'rb') as f, open(path + '.tmp', 'wb') as g:
                g.write(f.read(nbytes))
            os.rename(path + '.tmp', path)
        return path
    return prefix


def make_gcc_inputs(outdir):
    """{'full': path, 'small': path}: the GCC_INPUTS files as of
    GCC_SRC_COMMIT, preprocessed (once) and checked against their pins."""
    d = os.path.join(outdir, 'input')
    os.makedirs(d, exist_ok=True)
    paths = {}
    for key, (src, sha) in GCC_INPUTS.items():
        out = os.path.join(d, 'gcc-' + os.path.basename(src)[:-2] + '.i')
        paths[key] = out
        if os.path.exists(out) and sha256_file(out) == sha:
            continue
        # The source's folder at the pinned commit (its own headers with it).
        r = subprocess.run(['git', '-C', ROOT, 'archive', GCC_SRC_COMMIT, os.path.dirname(src)],
                           stdout=subprocess.PIPE)
        if r.returncode != 0:
            die(f'cannot take {src} from commit {GCC_SRC_COMMIT} with git archive (not a git checkout?)')
        tree = os.path.join(d, 'gcc-src')
        shutil.rmtree(tree, ignore_errors=True)
        with tarfile.open(fileobj=io.BytesIO(r.stdout)) as t:
            t.extractall(tree, **({'filter': 'data'} if hasattr(tarfile, 'data_filter') else {}))
        # Relative path, from the tree: __FILE__ (assert) is the same wherever build/ is.
        cmd = [CROSS_CC] + GCC_CPP_FLAGS + [src, '-o', out + '.tmp']
        log('  ' + ' '.join(cmd))
        if subprocess.run(cmd, cwd=tree).returncode != 0:
            die(f'preprocessing {src} failed')
        got = sha256_file(out + '.tmp')
        if got != sha:
            die(f'{src} of {GCC_SRC_COMMIT[:12]} preprocessed by {CROSS_CC} has SHA-256 {got}, '
                f'pinned {sha}: the host\'s cross compiler or arm64 libc headers differ from '
                'the ones the pin was made with')
        os.rename(out + '.tmp', out)
        shutil.rmtree(tree)
    return paths


def fp_diff_status(build):
    """True/False: did insn-diff pass in the last `meson test`; None: unknown."""
    path = os.path.join(build, 'meson-logs', 'testlog.json')
    result = None
    try:
        with open(path) as f:
            for line in f:
                rec = json.loads(line)
                if rec.get('name', '').split(' / ')[-1] == 'insn-diff':
                    result = rec.get('result')
    except (OSError, ValueError):
        return None
    return None if result is None else result == 'OK'


# --- Running ------------------------------------------------------------------

def spawn(timerun, argv, stdin, stdout, stderr, count=1, timeout=TIMEOUT):
    """Runs argv count times through the timerun helper (see timerun.c for
    why); returns (total seconds, exit code, peak RSS in KiB)."""
    res = stdout + '.timerun'
    with open(stdin, 'rb') as i, open(stdout, 'wb') as o, open(stderr, 'wb') as e:
        rc = subprocess.run([timerun, res, str(count), str(timeout)] + argv,
                            stdin=i, stdout=o, stderr=e).returncode
    if rc != 0:
        return 0.0, 125, 0
    secs, rss, code = open(res).read().split()
    return float(secs), int(code), int(rss)


class Run:
    """One measurement: time, peak RSS, and what the outputs are compared on:
    key across every column (native included), exact among the emulators."""
    def __init__(self, secs=0.0, rc=0, rss=0, key=None, exact=None, work=1, err=''):
        self.secs, self.rc, self.rss = secs, rc, rss
        self.key, self.exact, self.work, self.err = key, exact, work, err


class Runner:
    def __init__(self, args, outdir, bindir, busybox, prefix, roots, mimic, gcc_inputs=None):
        self.args, self.outdir, self.bindir = args, outdir, bindir
        self.busybox, self.prefix, self.roots, self.mimic = busybox, prefix, roots, mimic
        self.gcc_inputs = gcc_inputs
        self.digests = {}
        self.timerun = os.path.join(bindir, 'timerun.x86_64')
        self.tmp = os.path.join(outdir, 'tmp')
        os.makedirs(self.tmp, exist_ok=True)
        self.out = os.path.join(self.tmp, 'stdout')
        self.err = os.path.join(self.tmp, 'stderr')
        host_bb = shutil.which('busybox')
        if host_bb:
            self.native_tool = {'gzip': [host_bb, 'gzip', '-9', '-c'],
                                'sha256': [host_bb, 'sha256sum']}
            self.native_desc = 'host busybox'
        else:
            self.native_tool = {'gzip': ['gzip', '-9', '-n', '-c'], 'sha256': ['sha256sum']}
            self.native_desc = 'host ' + ', '.join(
                first_line([t, '--version']) for t in ('gzip', 'sha256sum'))

    def launcher(self, col, stats=False, asm_log=None):
        """asm_log: a file for the in_asm,out_asm log (code density runs)."""
        if col == 'native':
            return []
        log = ['-d', 'in_asm,out_asm', '-D', asm_log] if asm_log else []
        if col == 'qemu':
            return [QEMU] + log
        return ([self.mimic] + (['-stats'] if stats else []) + log
                + ['-accel', f'tcg,backend={col}'])

    def sysroot_argv(self, b, col, pre):
        """The -L program of row b: the arm64 one under an emulator, the
        amd64 one of the same version natively, through its own loader."""
        arch = 'amd64' if col == 'native' else 'arm64'
        root = self.roots[b.sysroot][arch]
        exe = os.path.join(root, sysroot_exe(b.sysroot, arch))
        if col == 'native':
            libs = ':'.join(os.path.join(root, d) for d in AMD64_LIBS)
            return [os.path.join(root, AMD64_LDSO), '--library-path', libs, exe]
        return pre + ['-L', root, exe]

    def text(self, scale):
        return self.prefix(INPUT_SIZE * scale // 100)

    def digest(self, path):
        if path not in self.digests:
            self.digests[path] = sha256_file(path)
        return self.digests[path]

    def xz_input(self, b, scale):
        """xz -6 reads a prefix of the text; xz -d the text at scale,
        compressed once by the native (amd64, pinned) xz."""
        if b.how == 'xz-c':
            return self.prefix(XZ_C_SIZE * scale // 100)
        plain = self.text(scale)
        packed = plain + '.xz'
        if not os.path.exists(packed):
            argv = self.sysroot_argv(b, 'native', []) + XZ_ARGS['xz-c']
            with open(plain, 'rb') as i, open(packed + '.tmp', 'wb') as o:
                if subprocess.run(argv, stdin=i, stdout=o).returncode != 0:
                    die(f'native xz failed to make {packed}')
            os.rename(packed + '.tmp', packed)
        return packed

    def _spawn(self, argv, stdin='/dev/null', count=1):
        dt, rc, rss = spawn(self.timerun, argv, stdin, self.out, self.err, count)
        with open(self.out, 'rb') as f:
            out = f.read()
        return dt, rc, rss, out

    def _failed(self, dt, rc, rss):
        with open(self.err, 'rb') as f:
            lines = f.read().decode(errors='replace').strip().splitlines()
        if rc == 124:
            return Run(dt, rc, rss, err=f'timed out after {TIMEOUT} s')
        return Run(dt, rc or -1, rss, err=(lines[-1] if lines else f'exit {rc}')[:120])

    def once(self, b, col, scale, stats=False, asm_log=None):
        """Runs benchmark b once in column col at workload scale (percent)."""
        pre = self.launcher(col, stats, asm_log)
        if b.how in ('prog', 'python'):
            if b.how == 'python':
                argv = self.sysroot_argv(b, col, pre) + PY_ARGS
            else:
                argv = pre + [os.path.join(self.bindir,
                                           f'{b.name}.{"x86_64" if col == "native" else "arm64"}')]
            dt, rc, rss, out = self._spawn(argv + ([str(scale)] if scale != 100 else []))
            if rc != 0:
                return self._failed(dt, rc, rss)
            m = re.search(rb'reps=(\d+)', out)      # no match: the check reports it
            return Run(dt, rc, rss, out, out, int(m.group(1)) if m else None)
        if b.how == 'startup':
            exe = os.path.join(self.bindir, f'startup.{"x86_64" if col == "native" else "arm64"}')
            n = 1 if stats else startup_count(scale)
            dt, rc, rss, out = self._spawn(pre + [exe], count=n)
            if rc != 0:
                return self._failed(dt, rc, rss)
            lines = out.splitlines(keepends=True)
            key = lines[0] if len(lines) == n and len(set(lines)) == 1 else b'starts differ'
            return Run(dt, 0, rss, key, key, n)
        if b.how in XZ_ARGS:
            inp = self.xz_input(b, scale)
            dt, rc, rss, out = self._spawn(self.sysroot_argv(b, col, pre) + XZ_ARGS[b.how], inp)
            if rc != 0:
                return self._failed(dt, rc, rss)
            got = hashlib.sha256(out).hexdigest()
            if b.how == 'xz-c':             # one xz version everywhere: identical bytes
                return Run(dt, rc, rss, got, got, os.path.getsize(inp))
            plain = self.text(scale)
            key = b'round trip ok' if got == self.digest(plain) else b'round trip differs'
            return Run(dt, rc, rss, key, key, os.path.getsize(plain))
        if b.how == 'gcc':
            inp = self.gcc_inputs['full' if scale >= 100 else 'small']
            argv = self.sysroot_argv(b, col, pre) + GCC_CC1_ARGS + [inp, '-o', '-']
            dt, rc, rss, out = self._spawn(argv)
            if rc != 0:
                return self._failed(dt, rc, rss)
            got = hashlib.sha256(out).hexdigest()   # one gcc, one target: identical assembly
            return Run(dt, rc, rss, got, got, os.path.getsize(inp))
        inp = self.text(scale)
        if col == 'native':
            argv = self.native_tool[b.how]
        else:
            argv = pre + [self.busybox] + (['gzip', '-9', '-c'] if b.how == 'gzip' else ['sha256sum'])
        dt, rc, rss, out = self._spawn(argv, inp)
        if rc != 0:
            return self._failed(dt, rc, rss)
        size = os.path.getsize(inp)
        if b.how == 'sha256':
            return Run(dt, rc, rss, out, out, size)
        # Native gzip may be another implementation: all columns must
        # decompress to the input; the emulators must agree byte for byte.
        try:
            dec = zlib.decompress(out, 31)
            with open(inp, 'rb') as f:
                key = b'round trip ok' if dec == f.read() else b'round trip differs'
        except zlib.error as e:
            key = f'not gzip: {e}'.encode()
        exact = None if col == 'native' else hashlib.sha256(out).digest()
        return Run(dt, rc, rss, key, exact, size)

    def measure(self, b, col, scale, runs, warmup):
        if warmup:
            w = self.once(b, col, scale)
            if w.rc:
                return w
        rs = []
        for _ in range(runs):
            r = self.once(b, col, scale)
            if r.rc:
                return r
            rs.append(r)
        first = rs[0]
        if any(r.key != first.key or r.exact != first.exact for r in rs):
            return Run(0, -1, 0, err='output varies between runs')
        return Run(statistics.median(r.secs for r in rs), 0, max(r.rss for r in rs),
                   first.key, first.exact, first.work)

    def density(self, b, col, scale):
        """(guest instructions translated, host code bytes made for them)
        from a separate in_asm,out_asm run of the JIT or qemu: logging slows
        translation, so neither the timed nor the -stats runs log."""
        asm = os.path.join(self.tmp, f'{col}.asm')
        r = self.once(b, col, scale, asm_log=asm)
        got = (None, None)
        if os.path.exists(asm):
            if r.rc == 0:
                got = asmlog.code_density(asm)
            os.remove(asm)
        return got

    def stats(self, b, col, scale):
        """A separate -stats run (so the timed runs are unperturbed)."""
        r = self.once(b, col, scale, stats=True)
        st = {}
        with open(self.err, errors='replace') as f:
            text = f.read()
        for key, pat in (('evictions', r'translation cache evictions:\s*(\d+)'),
                         ('translated', r'instructions translated:\s*(\d+)'),
                         ('blocks', r'blocks translated:\s*(\d+)'),
                         ('executed', r'guest instructions executed:\s*(\d+)'),
                         ('in_regions', r'of them in hot regions:\s*(\d+)'),
                         ('wall', r'wall time:\s*([\d.]+)')):
            m = re.search(pat, text)
            if m:
                st[key] = float(m.group(1)) if key == 'wall' else int(m.group(1))
        st['secs'] = r.secs                   # timed by timerun, to the microsecond
        return st if r.rc == 0 else {}


# --- The persistent translation cache (-accel tcg,cache-dir) -------------------

# Start-up rows, each timed with no cache, with an empty cache folder (cold:
# the run translates and saves) and with the folder a run filled (warm).
CACHE_ROWS = [('true', 'one start of the static start-up program'),
              ('gcc -c', 'cc1 -O2 of bench/src/startup.c (-L; the compile step of gcc -O2 -c)'),
              ('python', 'python3.11 -s -c pass (-L)')]
CACHE_RUNS = 7


def cache_argv(runner, name, col, pre):
    if name == 'true':
        return pre + [os.path.join(runner.bindir,
                                   f'startup.{"x86_64" if col == "native" else "arm64"}')]
    if name == 'gcc -c':
        b = next(b for b in BENCHES if b.how == 'gcc')
        return (runner.sysroot_argv(b, col, pre) + GCC_CC1_ARGS
                + [runner.gcc_inputs['small'], '-o', '-'])
    b = next(b for b in BENCHES if b.how == 'python')
    return runner.sysroot_argv(b, col, pre) + ['-s', '-c', 'pass']


def cache_rows(runner, runs):
    """[(name, {column: median seconds or None}, problem or '')]."""
    folder = os.path.join(runner.tmp, 'tcache')
    rows = []
    for name, what in CACHE_ROWS:
        log(f'[cache: {name}] {what}')
        times, outs = {}, {}
        for col in ('native', 'qemu', 'jit', 'cold', 'warm'):
            pre = runner.launcher('jit' if col in ('cold', 'warm') else col)
            if col in ('cold', 'warm'):
                pre = pre + ['-accel', 'tcg,cache-dir=' + folder]
            secs = []
            for i in range(runs + (col == 'warm')):
                if col == 'cold' or (col == 'warm' and i == 0):
                    shutil.rmtree(folder, ignore_errors=True)
                dt, rc, rss, out = runner._spawn(cache_argv(runner, name, col, pre))
                if rc != 0:
                    secs = None
                    break
                outs[col] = out
                if not (col == 'warm' and i == 0):      # that run fills the folder
                    secs.append(dt)
            times[col] = statistics.median(secs) if secs else None
            log(f'  {col:<7} ' + (f'{times[col]:8.3f} s' if times[col] else 'FAILED'))
        bad = [c for c in ('jit', 'cold', 'warm') if c in outs and outs[c] != outs.get('qemu')]
        rows.append((name, times, f'output of {", ".join(bad)} differs from qemu' if bad else ''))
    shutil.rmtree(folder, ignore_errors=True)
    return rows


def print_cache_table(rows, runs):
    head = (f'{"start-up":<8} {"native s":>8} {"qemu s":>8} {"jit s":>8} {"cold s":>8} {"warm s":>8}'
            f' {"warm/cold":>9} {"warm/jit":>8} {"warm/qemu":>9} {"cold/jit":>8} | status')
    print(head)
    print('-' * len(head))
    for name, t, problem in rows:
        print(f'{name:<8} ' + ' '.join(fmt(t.get(c), 8, 3) for c in ('native', 'qemu', 'jit', 'cold', 'warm'))
              + fmt(ratio(t.get('warm'), t.get('cold')), 10) + fmt(ratio(t.get('warm'), t.get('jit')), 9)
              + fmt(ratio(t.get('warm'), t.get('qemu')), 10) + fmt(ratio(t.get('cold'), t.get('jit')), 9)
              + f' | {problem or "ok"}')
    print()
    print(f'Persistent translation cache (-accel tcg,cache-dir): median of {runs} runs; jit: no cache; cold: '
          'an empty cache folder each run (the run translates and saves); warm: the folder a run '
          'before filled. The output must match qemu\'s in every column.')


def pin_version(pins, pkg):
    return next(line.split()[1] for line in pins.splitlines() if line.split()[0] == pkg)


def startup_count(scale):
    return max(1, STARTUP_N * scale // 100)


def first_line(argv):
    try:
        out = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True).stdout
        return out.splitlines()[0].strip() if out else argv[0]
    except OSError:
        return argv[0]


def probe(runner, col):
    """None if mimic's backend col runs the start-up program, else why not."""
    exe = os.path.join(runner.bindir, 'startup.arm64')
    dt, rc, rss, out = runner._spawn(runner.launcher(col) + [exe])
    if rc == 0:
        return None
    with open(runner.err, errors='replace') as f:
        lines = f.read().strip().splitlines()
    return lines[-1] if lines else f'exit {rc}'


# --- Reporting ----------------------------------------------------------------

def ratio(a, b):
    return a / b if a and b else None


def geomean(vals):
    vals = [v for v in vals if v]
    return math.exp(sum(math.log(v) for v in vals) / len(vals)) if vals else None


def fmt(v, width, digits=2, mark=''):
    if v is None:
        return 'n/a'.rjust(width)
    return (f'{v:.{digits}f}' + mark).rjust(width)


RATIOS = (('jit/qemu', 'jit', 'qemu'), ('jit/nat', 'jit', 'native'),
          ('int/qemu', 'interp', 'qemu'), ('int/nat', 'interp', 'native'),
          ('qemu/nat', 'qemu', 'native'))


def print_table(rows, footer):
    head = (f'{"benchmark":<10} {"native s":>8} {"qemu s":>8} {"jit s":>8} {"interp s":>9}'
            + ''.join(f' {n:>8}' for n, _, _ in RATIOS)
            + f' | {"RSS MB:":>7} {"qemu":>5} {"jit":>5} {"int":>5} | {"evict":>7} {"region%":>7}'
            + f' | {"B/insn:":>7} {"jit":>5} {"qemu":>5} | status')
    print(head)
    print('-' * len(head))
    for r in rows:
        if r.get('geomean'):
            print(f'{r["name"]:<37}' + ''.join(fmt(r['ratios'][n], 9) for n, _, _ in RATIOS))
            continue
        t = r['time']
        cells = [fmt(t.get('native'), 8, 3), fmt(t.get('qemu'), 8, 3), fmt(t.get('jit'), 8, 3),
                 fmt(t.get('interp'), 9, 2, '*' if r['interp_scaled'] else '')]
        rss = [fmt(r['rss'].get(c), 5, 0) for c in ('qemu', 'jit', 'interp')]
        fl = '/'.join('-' if r['evictions'].get(c) is None else str(r['evictions'][c])
                      for c in ('jit', 'interp'))
        print(f'{r["name"]:<10} ' + ' '.join(cells)
              + ''.join(fmt(r['ratios'][n], 9) for n, _, _ in RATIOS)
              + f' | {"":>7} ' + ' '.join(rss) + f' | {fl:>7} {fmt(r.get("region_pct"), 7, 1)}'
              + f' | {"":>7} ' + ' '.join(fmt(r['density'].get(c), 5, 1) for c in ('jit', 'qemu'))
              + f' | {r["status"]}')
    print()
    for line in footer:
        print(line)


def write_csv(path, rows, interp_scale, interp_runs):
    fields = (['benchmark', 'kind', 'status', 'counted_in_geomean']
              + [f'{c}_s' for c in COLUMNS] + ['interp_scale_pct', 'interp_runs']
              + [n.replace('/', '_over_').replace('nat', 'native').replace('int_', 'interp_')
                 for n, _, _ in RATIOS]
              + [f'rss_{c}_mb' for c in COLUMNS]
              + ['evictions_jit', 'evictions_interp', 'translated_jit', 'translated_interp']
              + ['code_bytes_per_insn_jit', 'code_bytes_per_insn_qemu', 'region_pct_jit'])
    with open(path, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(fields)
        for r in rows:
            g = r.get('geomean')
            num = lambda v, d=4: '' if v is None else f'{v:.{d}f}'  # noqa: E731
            w.writerow([r['name'], r.get('kind', ''), r.get('status', ''),
                        '' if g else int(r['counted'])]
                       + [num(r.get('time', {}).get(c)) for c in COLUMNS]
                       + (['', ''] if g else [interp_scale, interp_runs])
                       + [num(r['ratios'][n]) for n, _, _ in RATIOS]
                       + [num(r.get('rss', {}).get(c), 1) for c in COLUMNS]
                       + [r.get('evictions', {}).get(c, '') for c in ('jit', 'interp')]
                       + [r.get('translated', {}).get(c, '') for c in ('jit', 'interp')]
                       + [num(r.get('density', {}).get(c), 2) for c in ('jit', 'qemu')]
                       + [num(r.get('region_pct'), 1)])


# --- Main ---------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--quick', action='store_true',
                    help=f'smoke mode: one run, no warm-up, {QUICK_SCALE}%% workloads')
    ap.add_argument('--runs', type=int, default=RUNS)
    ap.add_argument('--interp-scale', type=int, default=INTERP_SCALE,
                    help='percent of the workload for the interpreter column')
    ap.add_argument('--interp-runs', type=int, default=INTERP_RUNS)
    ap.add_argument('--only', help='comma-separated benchmark names (and `cache` for the '
                    'persistent-cache start-up table, `system` for the system section)')
    ap.add_argument('--only-main', action='store_true',
                    help='leave out the persistent-cache start-up table and the system section')
    ap.add_argument('--system-runs', type=int, default=sysbench.SYS_RUNS,
                    help='boots of each kind per emulator in the system section (median)')
    ap.add_argument('--system-boots', default='',
                    help='comma-separated boots of the system section to run (boot-smp1, '
                    'boot-smp2, work-smp1, work-smp2, io-smp1, debian, savevm; default: all)')
    ap.add_argument('--system-accel', default='',
                    help='-accel for mimic-system-aarch64 (default: none, its default backend)')
    ap.add_argument('--columns', default=','.join(COLUMNS),
                    help='comma-separated columns to run (native and qemu always run: '
                    'they are the references)')
    args = ap.parse_args()

    build = os.path.abspath(args.build)
    outdir = os.path.join(build, 'bench')
    only = args.only.split(',') if args.only else None
    system = not args.only_main and (only is None or 'system' in only)
    if only == ['system']:
        bindir = os.path.join(outdir, 'bin')
        os.makedirs(bindir, exist_ok=True)
        ok = sysbench.run(build, outdir, bindir, CROSS_CC, CFLAGS, args.quick,
                          args.system_runs, args.system_accel,
                          args.system_boots.split(',') if args.system_boots else None)
        return 0 if ok else 1
    mimic = os.path.join(build, 'mimic-aarch64')
    if not os.access(mimic, os.X_OK):
        die(f'{mimic} not built: run `make` first')
    if not os.access(QEMU, os.X_OK):
        die(f'{QEMU} missing: run `make deps`')
    if args.quick:
        main_scale, interp_scale, runs, interp_runs, warmup = QUICK_SCALE, QUICK_SCALE, 1, 1, False
    else:
        main_scale, interp_scale, runs, interp_runs, warmup = (
            100, args.interp_scale, args.runs, args.interp_runs, True)
    benches = BENCHES
    if args.only:
        names = args.only.split(',')
        benches = [b for b in BENCHES if b.name in names]
        if len(benches) != len([n for n in names if n not in ('cache', 'system')]):
            die(f'unknown benchmark in --only; known: {", ".join(b.name for b in BENCHES)}')

    t_start = time.time()
    load0 = os.getloadavg()[0]
    log('run-bench: building programs, fetching busybox, generating input')
    bindir = build_programs(outdir)
    # Snapshot mimic: the build dir is shared, and a rebuild while we run
    # would swap (or briefly remove) the binary under the later columns.
    snap = os.path.join(bindir, 'mimic-aarch64')
    shutil.copy2(mimic, snap)
    mimic = snap
    busybox = fetch_busybox()
    roots = fetch_sysroots(sorted({b.sysroot for b in benches if b.sysroot}))
    # python3.11: a fixed string-hash seed (the same dict layouts in every
    # column) and nothing from the caller's Python environment.
    os.environ['PYTHONHASHSEED'] = '0'
    for k in ('PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'PYTHONUSERBASE'):
        os.environ.pop(k, None)
    prefix = make_inputs(outdir, bindir)
    gcc_inputs = make_gcc_inputs(outdir) if any(b.how == 'gcc' for b in benches) else None
    runner = Runner(args, outdir, bindir, busybox, prefix, roots, mimic, gcc_inputs)
    avail = {c: None for c in ('native', 'qemu')}
    for col in ('jit', 'interp'):
        if col not in args.columns.split(','):
            avail[col] = 'not selected by --columns'
            continue
        avail[col] = probe(runner, col)
        if avail[col]:
            log(f'run-bench: mimic {col} backend unavailable: {avail[col]}')
    cols = [c for c in COLUMNS if avail[c] is None]
    fp_ok = fp_diff_status(build)

    rows = []
    for b in benches:
        log(f'[{b.name}] {b.what}')
        res, refs = {}, {}
        bcols = [c for c in cols if not (c == 'interp' and b.sysroot)]
        for col in bcols:
            scale = interp_scale if col == 'interp' else main_scale
            n = interp_runs if col == 'interp' else runs
            res[col] = runner.measure(b, col, scale, n, warmup and n > 1)
            r = res[col]
            log(f'  {col:<7} ' + (f'{r.secs:8.3f} s  {r.rss / 1024:6.1f} MB  (scale {scale}%, {n} run'
                                  f'{"s" if n > 1 else ""})' if not r.rc else f'FAILED: {r.err}'))
        # Reference outputs at each scale: native for key, qemu for exact.
        refs[main_scale] = (res['native'], res['qemu'])
        scaled = 'interp' in res and interp_scale != main_scale
        if scaled:
            refs[interp_scale] = (runner.once(b, 'native', interp_scale),
                                  runner.once(b, 'qemu', interp_scale))
        problems = []
        for col in bcols:
            r = res[col]
            if r.rc:
                problems.append(f'{col} {r.err}')
                continue
            scale = interp_scale if col == 'interp' else main_scale
            nat, qem = refs[scale]
            if nat.rc == 0 and r.key != nat.key:
                problems.append(f'{col} output differs from native')
            elif qem.rc == 0 and None not in (r.exact, qem.exact) and r.exact != qem.exact:
                problems.append(f'{col} output differs from qemu')
        time_ = {c: (res[c].secs if not res[c].rc else None) for c in bcols}
        if scaled and time_.get('interp'):
            full, part = res['native'].work, refs[interp_scale][0].work
            time_['interp'] = time_['interp'] * full / part if full and part else None
        st = {c: runner.stats(b, c, interp_scale if c == 'interp' else main_scale)
              for c in bcols if c in ('jit', 'interp')}
        dens = {c: runner.density(b, c, interp_scale) for c in bcols if c in ('jit', 'qemu')}
        status = 'FAILED: ' + '; '.join(problems) if problems else 'ok'
        counted = not problems
        if b.fp and not problems and fp_ok is not True:
            status += ' (FP diff ' + ('FAILED' if fp_ok is False else 'status unknown') + ': not counted)'
            counted = False
        row = {'name': b.name, 'kind': b.kind, 'status': status, 'counted': counted,
               'time': time_, 'interp_scaled': scaled,
               'rss': {c: res[c].rss / 1024 for c in bcols if not res[c].rc},
               'evictions': {c: st[c].get('evictions') for c in st},
               'translated': {c: st[c].get('translated') for c in st},
               'density': {c: ratio(dens[c][1], dens[c][0]) for c in dens},
               'stats': st}
        row['ratios'] = {n: ratio(time_.get(a), time_.get(d)) for n, a, d in RATIOS}
        jst = st.get('jit', {})
        if jst.get('executed') and 'in_regions' in jst:
            row['region_pct'] = 100.0 * jst['in_regions'] / jst['executed']
        rows.append(row)

    for kind, label in (('compute', 'geomean compute'), ('system', 'geomean start-up+syscall')):
        sel = [r for r in rows if r['kind'] == kind and r['counted']]
        if sel:
            rows.append({'name': f'{label} ({len(sel)})', 'geomean': True, 'kind': kind,
                         'ratios': {n: geomean([r['ratios'][n] for r in sel]) for n, _, _ in RATIOS}})

    # Footer: how the numbers were made, and what could not be measured.
    footer = []
    if args.quick:
        footer.append(f'QUICK smoke mode: every column 1 run, no warm-up, {main_scale}% of each workload '
                      '(timings meaningless).')
    else:
        footer.append(f'native/qemu/jit: 1 warm-up + median of {runs} run{"s" if runs > 1 else ""}.')
        if 'interp' in cols:
            footer.append(f'interp: {interp_runs} run{"s" if interp_runs > 1 else ""} at {interp_scale}% of '
                          'the workload (no warm-up), time scaled up by the work ratio (marked *); its output '
                          'is checked against native and qemu runs at the same scale.')
    for col in ('jit', 'interp'):
        if avail[col]:
            footer.append(f'{col}: n/a ({avail[col]})')
    footer.append(f'bb-* native column: {runner.native_desc}; guests: Debian busybox-static {BUSYBOX[2]} (arm64).')
    if any(b.fp for b in benches):
        fp_text = {True: 'passed', False: 'FAILED', None: 'unknown (no insn-diff result in '
                   'build/meson-logs/testlog.json)'}[fp_ok]
        footer.append(f'FP: insn-diff in the last meson test: {fp_text}; matmul counts in the '
                      'geomean only when it passed.')
    if any(b.sysroot for b in benches) and 'interp' in cols:
        footer.append('interp: not run on the -L rows (xz, python, gcc): their fixed start-up cost (python\'s '
                      'imports, xz\'s match-finder set-up, cc1\'s initialisation) keeps a scaled-down run from '
                      'scaling up honestly, and a full-size one would add minutes.')
    if any(b.sysroot for b in benches):
        footer.append(f'-L rows: Debian 12 xz-utils {pin_version(XZ_PINS["arm64"], "xz-utils")}, python3.11 '
                      f'{pin_version(PYTHON_PINS_AMD64, "python3.11-minimal")}, libc6 '
                      f'{pin_version(XZ_PINS["arm64"], "libc6")}; the native '
                      'column runs the amd64 packages of the same versions with their own ld.so.')
    if any(b.how == 'gcc' for b in benches):
        full = GCC_INPUTS['full' if main_scale >= 100 else 'small'][0]
        footer.append(f'gcc: cc1 -O2 of {full} as of {GCC_SRC_COMMIT[:12]} (preprocessed: the compile step of '
                      'gcc -O2 -c, no assembler), Debian 12 cpp-12 '
                      f'{pin_version(GCC_PINS["arm64"], "cpp-12")} (arm64) and, natively, the amd64-hosted '
                      f'cpp-12-aarch64-linux-gnu {pin_version(GCC_PINS["amd64"], "cpp-12-aarch64-linux-gnu")}; '
                      'the assembly must be byte-identical in every column.')
    footer.append('B/insn: host code bytes per translated guest instruction = the sum of "OUT: [size=N]" over '
                  f'every block of a separate -d in_asm,out_asm run (at {interp_scale}% of the workload: '
                  'nearly all code is translated in the first pass; '
                  + (f'gcc compiles {GCC_INPUTS["small"][0]} instead; '
                     if any(b.how == 'gcc' for b in benches) else '')
                  + 'the timed and -stats runs log nothing) '
                  '/ the guest instructions in the "IN:" sections. qemu\'s size includes its slow paths and '
                  'constant pool, mimic\'s its cold code; translations, not executions, are counted.')
    for r in rows:
        if r['name'] != 'startup' or r.get('geomean'):
            continue
        for col, st in r['stats'].items():
            if st.get('translated'):
                footer.append(f'translation speed ({col}): one start of startup translated '
                              f'{st["translated"]} insns in {st.get("blocks", "?")} blocks, '
                              f'{st["secs"] * 1000:.1f} ms wall -> {st["translated"] / st["secs"] / 1e6:.2f} M '
                              'insns/s (a lower bound: the wall time includes loading and running)')
    for r in rows:
        if r['name'] == 'bb-gzip':
            for col, st in r['stats'].items():
                if st.get('translated'):
                    footer.append(f'busybox gzip ({col}): {st["translated"]} insns translated, '
                                  f'{st.get("executed", 0):,} executed, {st.get("evictions")} evictions.')
    footer.append('evict: times the translation cache (16 MiB) evicted its oldest tenth, from a separate -stats run (jit/interp).')
    footer.append('region%: share of the guest instructions the jit ran in hot regions (-accel tcg,tier2), same -stats run.')
    footer.append(f'host: {first_line([HOST_CC, "--version"])}; {first_line([QEMU, "--version"])}; '
                  f'load average {load0:.2f} at start, {os.getloadavg()[0]:.2f} at end; '
                  f'{time.time() - t_start:.0f} s in all.')

    crows = None
    if 'jit' in cols and not args.only_main and (not args.only or 'cache' in args.only.split(',')):
        if 'gcc' not in roots or 'python' not in roots:
            roots.update(fetch_sysroots(sorted({'gcc', 'python'} - set(roots))))
        if runner.gcc_inputs is None:
            runner.gcc_inputs = make_gcc_inputs(outdir)
        crows = cache_rows(runner, 1 if args.quick else CACHE_RUNS)

    print()
    print_table(rows, footer)
    if crows:
        print()
        print_cache_table(crows, 1 if args.quick else CACHE_RUNS)
    csv_path = os.path.join(outdir, 'results.csv')
    write_csv(csv_path, rows, interp_scale, interp_runs)
    png_path = os.path.join(outdir, 'ratios.png')
    groups = [(r['name'].split(' (')[0].replace('geomean ', 'gm ').replace('start-up+syscall', 'sys')
               + ('(fail)' if r.get('status', '').startswith('FAILED') else ''),
               [r['ratios']['jit/qemu'], r['ratios']['int/qemu']]) for r in rows]
    barchart.bar_chart(png_path, 'mimic / qemu-aarch64 run time (lower is better)', groups,
                       [('jit/qemu', (40, 100, 200)), ('interp/qemu', (240, 140, 40))],
                       footer=('quick smoke run: timings meaningless. ' if args.quick else '')
                       + 'red line: parity with qemu 7.2. gm = geometric mean.')
    print(f'\nwrote {os.path.relpath(csv_path)} and {os.path.relpath(png_path)}')
    sys_ok = True
    if system:
        sys_ok = sysbench.run(build, outdir, bindir, CROSS_CC, CFLAGS, args.quick,
                              args.system_runs, args.system_accel,
                              args.system_boots.split(',') if args.system_boots else None)
    return 1 if not sys_ok or any(r.get('status', 'ok').startswith('FAILED') for r in rows) else 0


if __name__ == '__main__':
    sys.exit(main())
