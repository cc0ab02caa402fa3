#!/usr/bin/env python3
# Owns: the malformed-ELF mutation fuzz (suite 'slow'). From real guest
# programs (a static and a dynamic one) it makes mutated files (byte flips in
# the ELF header and program headers, truncation, extreme values in the
# header and segment fields, overlapping segments, PT_INTERP strings that are
# overlong, unterminated or name bad files, among them mutated copies of the
# real interpreter), runs each under mimic with a short timeout, and checks
# that mimic answers as a kernel would, on its own account never failing:
#
#   pass: exit with a one-line "mimic: ..." error and non-zero status before
#         the guest starts; or the guest starts and then exits (any status)
#         or dies by a signal (SIGSEGV, SIGILL, ... as the kernel would give)
#   fail: "internal error" or an assertion message; death by a signal before
#         the guest started (mimic itself crashed: the loader runs before
#         mimic's fault handlers exist); a multi-line or non-"mimic:" error;
#         a hang past the timeout (unless qemu-aarch64 hangs on the file too,
#         its e_ehsize set right first, which qemu checks and Linux does not:
#         a mutated entry point may land in a loop; or every thread sleeps in
#         a futex wait on a guest word: a mutated .bss can leave a lock of the
#         guest's C library taken, and Linux would wait forever too).
#
# Whether the guest started: mimic runs with "-d page -D LOG", which writes
# the line "guest_base ..." after loading, just before the first guest
# instruction.
#
#   elf-fuzz.py --emu MIMIC --static PROG --dynamic PROG [--ld-prefix DIR]
#               [--count N] [--interp-every K] [--seed S|random] [--jobs J]
#
# The seed (new each run with --seed random unless MIMIC_FUZZ_SEED gives one)
# is printed first and with every failure; --keep DIR keeps failing files.
# Every K-th file also runs under the interpreter backend.
import argparse
import concurrent.futures
import os
import random
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile

EHDR = struct.Struct('<16sHHIQQQIHHHHHH')
PHDR = struct.Struct('<IIQQQQQQ')
PT_LOAD, PT_INTERP = 1, 3
PHDR_FIELDS = {'offset': 8, 'vaddr': 16, 'paddr': 24, 'filesz': 32, 'memsz': 40, 'align': 48}
EHDR_FIELDS = {'entry': (0x18, 'Q'), 'phoff': (0x20, 'Q'), 'shoff': (0x28, 'Q'),
               'phentsize': (0x36, 'H'), 'phnum': (0x38, 'H'), 'type': (0x10, 'H'),
               'machine': (0x12, 'H'), 'ehsize': (0x34, 'H')}
GUEST_SIGNALS = {signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGTRAP, signal.SIGFPE,
                 signal.SIGABRT, signal.SIGSYS, signal.SIGKILL, signal.SIGXCPU, signal.SIGXFSZ,
                 signal.SIGPIPE}


def extremes(orig, width):
    top = (1 << width) - 1
    vals = [0, 1, 2, 7, 0xfff, 0x1000, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
            1 << 32, 1 << 39, 1 << 40, (1 << 40) - 0x1000, 1 << 47, 1 << 48, 1 << 63,
            top, top - 0xfff, top - 0x1000, top >> 1]
    vals += [orig + 1, orig - 1, orig + 0x1000, orig - 0x1000, orig * 2, orig ^ (1 << 20)]
    return [v & top for v in vals]


class Elf:
    def __init__(self, data):
        self.d = bytearray(data)
        h = EHDR.unpack_from(self.d, 0)
        self.phoff, self.phnum = h[5], h[10]

    def ph(self, i):
        return self.phoff + 56 * i

    def phdrs(self):
        return [PHDR.unpack_from(self.d, self.ph(i)) for i in range(self.phnum)]

    def index_of(self, ptype):
        return [i for i, p in enumerate(self.phdrs()) if p[0] == ptype]

    def put(self, off, fmt, v):
        if 0 <= off and off + struct.calcsize('<' + fmt) <= len(self.d):
            struct.pack_into('<' + fmt, self.d, off, v & ((1 << (8 * struct.calcsize(fmt))) - 1))

    def get(self, off, fmt):
        return struct.unpack_from('<' + fmt, self.d, off)[0]


# ---- mutations: each takes (rng, Elf, ctx) and edits the Elf in place ----

def flip_bytes(rng, e, lo, hi):
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(lo, min(hi, len(e.d)))
        e.d[i] = rng.randrange(256) if rng.random() < 0.5 else e.d[i] ^ (1 << rng.randrange(8))


def m_flip_ehdr(rng, e, ctx):
    flip_bytes(rng, e, 0, 64)
    return 'flip ehdr'


def m_flip_phdrs(rng, e, ctx):
    flip_bytes(rng, e, e.phoff, e.phoff + 56 * e.phnum)
    return 'flip phdrs'


def m_truncate(rng, e, ctx):
    n = len(e.d)
    cut = rng.choice([rng.randrange(0, 64), rng.randrange(64, e.phoff + 56 * e.phnum + 1),
                      rng.randrange(0, 0x2000), rng.randrange(0, n)])
    del e.d[cut:]
    return 'truncate %d' % cut


def m_ehdr_field(rng, e, ctx):
    name = rng.choice(list(EHDR_FIELDS))
    off, fmt = EHDR_FIELDS[name]
    old = e.get(off, fmt)
    v = rng.choice(extremes(old, 8 * struct.calcsize(fmt)) + [rng.getrandbits(8 * struct.calcsize(fmt))])
    e.put(off, fmt, v)
    return 'e_%s=%#x' % (name, v)


def m_phdr_field(rng, e, ctx):
    i = rng.choice(e.index_of(PT_LOAD) * 3 + list(range(e.phnum)))
    name = rng.choice(list(PHDR_FIELDS))
    off = e.ph(i) + PHDR_FIELDS[name]
    v = rng.choice(extremes(e.get(off, 'Q'), 64) + [rng.getrandbits(64)])
    e.put(off, 'Q', v)
    return 'phdr[%d].p_%s=%#x' % (i, name, v)


def m_phdr_flags_type(rng, e, ctx):
    i = rng.randrange(e.phnum)
    if rng.random() < 0.5:
        v = rng.choice([0, 1, 2, 4, 7, 0xffffffff, rng.getrandbits(32)])
        e.put(e.ph(i) + 4, 'I', v)
        return 'phdr[%d].p_flags=%#x' % (i, v)
    v = rng.choice([0, PT_LOAD, 2, PT_INTERP, 6, 7, 0x6474e551, 0x6474e552, 0x6474e553,
                    0x70000000, rng.getrandbits(32)])
    e.put(e.ph(i), 'I', v)
    return 'phdr[%d].p_type=%#x' % (i, v)


def m_overlap(rng, e, ctx):
    loads = e.index_of(PT_LOAD)
    if len(loads) < 2:
        return m_phdr_field(rng, e, ctx)
    a, b = rng.sample(loads, 2)
    va = e.get(e.ph(a) + 16, 'Q')
    delta = rng.choice([0, 0x1000, 0x10, e.get(e.ph(a) + 40, 'Q') - 0x1000, -0x1000])
    e.put(e.ph(b) + 16, 'Q', va + delta)
    if rng.random() < 0.5:
        e.put(e.ph(b) + 8, 'Q', e.get(e.ph(a) + 8, 'Q') + delta)
    return 'overlap phdr[%d] onto phdr[%d] %+#x' % (b, a, delta)


def m_phdr_dup(rng, e, ctx):
    i, j = rng.randrange(e.phnum), rng.randrange(e.phnum)
    e.d[e.ph(j):e.ph(j) + 56] = e.d[e.ph(i):e.ph(i) + 56]
    return 'phdr[%d]=phdr[%d]' % (j, i)


def m_interp(rng, e, ctx):
    """A new PT_INTERP string appended to the file (room for any length)."""
    ii = e.index_of(PT_INTERP)
    if not ii:
        i = rng.randrange(e.phnum)
        e.put(e.ph(i), 'I', PT_INTERP)
    else:
        i = ii[0]
    kind = rng.choice(['missing', 'dir', 'text', 'devzero', 'self', 'static', 'long',
                       'verylong', 'unterminated', 'embedded-nul', 'empty',
                       'bad-interp', 'bad-interp', 'bad-interp', 'offset', 'size'])
    if kind == 'offset':
        v = rng.choice(extremes(e.get(e.ph(i) + 8, 'Q'), 64))
        e.put(e.ph(i) + 8, 'Q', v)
        return 'interp p_offset=%#x' % v
    if kind == 'size':
        v = rng.choice(extremes(e.get(e.ph(i) + 32, 'Q'), 64))
        e.put(e.ph(i) + 32, 'Q', v)
        return 'interp p_filesz=%#x' % v
    s = {'missing': b'/nonexistent/ld.so', 'dir': b'/', 'text': b'/etc/passwd',
         'devzero': b'/dev/zero', 'self': ctx['self'].encode(), 'static': ctx['static'].encode(),
         'long': b'/' + b'a' * rng.randrange(200, 5000), 'verylong': b'/x' * 40000,
         'unterminated': b'/lib/ld-linux-aarch64.so.1', 'embedded-nul': b'/lib\0/ld.so',
         'empty': b'', 'bad-interp': ctx['bad_interp'](rng).encode()}[kind]
    body = s if kind == 'unterminated' else s + b'\0'
    off = len(e.d)
    e.d += body
    e.put(e.ph(i) + 8, 'Q', off)
    e.put(e.ph(i) + 32, 'Q', len(body))
    return 'interp %s (%d bytes)' % (kind, len(body))


STATIC_MUTATIONS = [m_flip_ehdr, m_flip_phdrs, m_truncate, m_ehdr_field, m_phdr_field,
                    m_phdr_field, m_phdr_flags_type, m_overlap, m_phdr_dup]
DYNAMIC_MUTATIONS = STATIC_MUTATIONS + [m_interp, m_interp, m_interp]


def mutate(rng, data, dynamic, ctx):
    e = Elf(data)
    what = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if len(e.d) < e.phoff + 56 * e.phnum or len(e.d) < 64:
            break                        # truncated below the tables: stop there
        what.append(rng.choice(DYNAMIC_MUTATIONS if dynamic else STATIC_MUTATIONS)(rng, e, ctx))
    return bytes(e.d), '; '.join(what)


# ---- running ----

def no_core():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


GUEST_SPACE = 1 << 40     # mimic's guest address space (linux-user/main.c)
SYS_FUTEX = 202           # x86-64


def guest_futex_wait(pid, log):
    """True if every thread of pid sleeps in a futex wait on a word in the
    guest space: the guest's own deadlock (a mutated .data or .bss can leave
    a lock taken), which Linux would show too, not a hang of mimic's."""
    try:
        base = None
        for line in open(log, errors='replace'):
            if line.startswith('guest_base'):
                base = int(line.split()[1], 16)
        tids = os.listdir('/proc/%d/task' % pid)
        if base is None or not tids:
            return False
        for tid in tids:
            fields = open('/proc/%d/task/%s/syscall' % (pid, tid)).read().split()
            if int(fields[0]) != SYS_FUTEX or not base <= int(fields[1], 16) < base + GUEST_SPACE:
                return False
        return True
    except (OSError, ValueError, IndexError):
        return False


def kernel_view(path):
    """The file as the oracle should see it: qemu-aarch64 refuses an ELF
    header whose e_ehsize is not 64 ("Invalid ELF image for this
    architecture"), which Linux never looks at; so a mutated e_ehsize
    would make qemu end at once on a program that Linux, and mimic, run
    (into a loop, say: a mutated entry that skips the C library's start).
    A copy with e_ehsize 64 is what the kernel's view of the file is."""
    with open(path, 'rb') as f:
        data = bytearray(f.read())
    if len(data) < 54 or data[52:54] == b'\x40\x00':
        return path
    data[52:54] = b'\x40\x00'
    fixed = path + '.ehsize'
    with open(fixed, 'wb') as f:
        f.write(data)
    os.chmod(fixed, 0o755)
    return fixed


def run(cmd, cwd, timeout, log=None):
    """(returncode, stderr); returncode 'timeout' for a hang, 'guest-wait'
    when it is the guest's own futex deadlock (see guest_futex_wait)."""
    p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, preexec_fn=no_core)
    try:
        _, err = p.communicate(timeout=timeout)
        return p.returncode, err.decode('utf-8', 'replace')
    except subprocess.TimeoutExpired:
        rc = 'guest-wait' if log and guest_futex_wait(p.pid, log) else 'timeout'
        p.kill()
        _, err = p.communicate()
        return rc, (err or b'').decode('utf-8', 'replace')


def judge(rc, err, started):
    """None if mimic behaved, else why not."""
    lines = [l for l in err.splitlines() if l.strip()]
    # mimic's own: "mimic: internal error: ..." (host fault handler) and
    # assert()'s "mimic-aarch64: file:line: ...". The guest's stderr (ld.so's
    # complaints about a mangled program) is its own business.
    if 'mimic: internal error' in err or any(l.startswith('mimic-aarch64:') for l in lines):
        return 'mimic reported its own error: %s' % ' | '.join(lines[:3])
    if rc == 'timeout':
        return 'hang' if not started else 'guest-timeout'
    if rc == 'guest-wait':
        return None if started else 'hang'
    if rc < 0:
        if not started:
            return 'mimic died by signal %d before the guest started' % -rc
        if -rc not in GUEST_SIGNALS:
            return 'died by unexpected signal %d' % -rc
        return None
    if started:
        return None
    if rc == 0:
        return 'exit 0 without starting the guest'
    if len(lines) != 1 or not lines[0].startswith('mimic: '):
        return 'load error is not one "mimic: ..." line: %r' % err[:300]
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emu', required=True)
    ap.add_argument('--static', required=True)
    ap.add_argument('--dynamic', required=True)
    ap.add_argument('--ld-prefix', default='/usr/aarch64-linux-gnu')
    ap.add_argument('--interp', default='/lib/ld-linux-aarch64.so.1')
    ap.add_argument('--oracle', default='/usr/bin/qemu-aarch64')
    ap.add_argument('--count', type=int, default=2000)
    ap.add_argument('--interp-every', type=int, default=4)
    ap.add_argument('--seed', default='random')
    ap.add_argument('--timeout', type=float, default=10)
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--keep', default=None)
    o = ap.parse_args()
    emu = os.path.abspath(o.emu) if os.sep in o.emu else o.emu
    if o.seed == 'random':
        o.seed = os.environ.get('MIMIC_FUZZ_SEED') or str(int.from_bytes(os.urandom(4), 'little'))
        print('seed %s (random; replay with MIMIC_FUZZ_SEED=%s or --seed %s)' % (o.seed, o.seed, o.seed))
    else:
        print('seed %s' % o.seed)
    sys.stdout.flush()

    work = tempfile.mkdtemp(prefix='elffuzz')
    try:
        return fuzz(o, emu, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fuzz(o, emu, work):
    static = open(o.static, 'rb').read()
    dynamic = open(o.dynamic, 'rb').read()
    ld_path = os.path.join(o.ld_prefix, o.interp.lstrip('/'))
    ld = open(os.path.realpath(ld_path), 'rb').read()
    shutil.copy(o.static, os.path.join(work, 'static'))

    # Mutated interpreters, made on demand by m_interp (absolute paths: -L
    # leaves a path it cannot find under the prefix as it is).
    bad_interps = []

    def bad_interp(rng):
        if len(bad_interps) < 64 or rng.random() < 0.2:
            data, _ = mutate(rng, ld, False, ctx)
            path = os.path.join(work, 'ld%d' % len(bad_interps))
            with open(path, 'wb') as f:
                f.write(data)
            os.chmod(path, 0o755)
            bad_interps.append(path)
            return path
        return rng.choice(bad_interps)

    ctx = {'static': os.path.join(work, 'static'), 'bad_interp': bad_interp}
    cases = []
    for n in range(o.count):
        rng = random.Random('%s/%d' % (o.seed, n))
        dyn = n % 2 == 1
        path = os.path.join(work, 'f%d' % n)
        ctx['self'] = path
        data, what = mutate(rng, dynamic if dyn else static, dyn, ctx)
        with open(path, 'wb') as f:
            f.write(data)
        os.chmod(path, 0o755)
        # Pairs (n even: static, odd: dynamic), so the subset has both.
        for interp in ([False, True] if (n // 2) % max(1, o.interp_every) == 0 else [False]):
            cases.append((n, path, dyn, interp, what))

    def one(case):
        n, path, dyn, interp, what = case
        log = '%s.%d.log' % (path, interp)
        cmd = [emu, '-d', 'page', '-D', log]
        cmd += ['-accel', 'tcg,backend=interp'] if interp else []
        cmd += ['-L', o.ld_prefix] if dyn else []
        cmd += [path]
        rc, err = run(cmd, work, o.timeout, log)
        try:
            started = 'guest_base' in open(log, errors='replace').read()
            os.unlink(log)
        except OSError:
            started = False
        why = judge(rc, err, started)
        if why == 'guest-timeout':
            # A mutated program may loop: a hang is mimic's only if qemu ends.
            orc, _ = run([o.oracle, '-cpu', 'cortex-a57'] + (['-L', o.ld_prefix] if dyn else [])
                         + [kernel_view(path)], work, o.timeout)
            why = None if orc == 'timeout' else 'hang (qemu-aarch64 ends: %s)' % orc
        if rc in ('timeout', 'guest-wait'):
            outcome = rc
        elif started:
            outcome = 'guest signal %d' % -rc if rc < 0 else 'guest exit'
        else:
            outcome = 'load error' if rc > 0 else 'exit %d' % rc
        return case, rc, why, outcome, cmd

    stats = {}
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max(1, o.jobs)) as ex:
        for case, rc, why, outcome, cmd in ex.map(one, cases):
            key = ('interp ' if case[3] else 'jit ') + ('dynamic ' if case[2] else 'static ') + outcome
            stats[key] = stats.get(key, 0) + 1
            if why:
                failures.append((case, rc, why, cmd))
                if o.keep:
                    os.makedirs(o.keep, exist_ok=True)
                    shutil.copy(case[1], os.path.join(o.keep, os.path.basename(case[1])))

    for k in sorted(stats):
        print('  %-24s %d' % (k, stats[k]))
    for (n, path, dyn, interp, what), rc, why, cmd in failures[:20]:
        print('FAIL file %d (%s, %s, %s): %s; exit %s' % (n, 'dynamic' if dyn else 'static',
              'interp' if interp else 'jit', what, why, rc))
    if failures:
        print('FAILED with seed %s (--keep DIR keeps the files)' % o.seed)
    print('%d passed, %d failed' % (len(cases) - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
