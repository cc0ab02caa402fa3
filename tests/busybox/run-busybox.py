#!/usr/bin/env python3
# Owns: differential runs of Debian's static arm64 busybox: each case runs one
# single-process applet under the emulator under test and under the oracle
# (qemu-aarch64), each in a fresh temp dir holding identical inputs (fixed
# mtimes, TZ=UTC, LC_ALL=C), and compares stdout, stderr, exit status and the
# resulting directory tree. Some cases also check the result against Python
# (gzip round trip, hashes), so two emulators agreeing on garbage still fails.
#
#   run-busybox.py --emu EMU [--emu-args '...'] --oracle /usr/bin/qemu-aarch64
#                  (--busybox PATH | --fetch ARCH PKG VERSION SHA256
#                   [--fetch-script scripts/fetch-deb.sh]) [--filter SUBSTR] [-v]
#
# --fetch runs scripts/fetch-deb.sh (cached download, pinned SHA-256) and uses
# its bin/busybox; a failed fetch is a failed test. Last line of output is
# exactly "N passed, N failed"; exit status is non-zero on any failure.
import argparse
import gzip
import hashlib
import io
import os
import random
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FETCH = os.path.join(HERE, '..', '..', 'scripts', 'fetch-deb.sh')
MTIME = 1577934245          # 2020-01-02 03:04:05 UTC, for every input
OLD = 1600000000            # mtimes below this come from the inputs or archives

# mimic-only options have no qemu equivalent: dropped when EMU is qemu
QEMU_DROP = {'-one-insn-per-tb': 0, '-tb-size': 1, '-accel': 1}

RNG = random.Random(20240229)
BIG = RNG.randbytes(1 << 20)                      # 1 MiB of noise
TEXTISH = b''.join(b'line %d: %s\n' % (i, b'abcdefghij'[i % 10:] * (i % 7))
                   for i in range(20000))         # compressible, ~600 KB
WORDS = [''.join(RNG.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(RNG.randint(1, 8)))
         for _ in range(300)]


def make_inputs(d):
    """Populate directory d; identical for every run."""
    def w(name, data, mode=0o644):
        p = os.path.join(d, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'wb') as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        os.chmod(p, mode)

    w('a.txt', 'alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\n')
    w('b.txt', 'one two three\nfour five\n\nsix\tseven  eight\nfoobar barfoo foofoobarbar\n')
    w('words.txt', '\n'.join(WORDS) + '\n')
    w('sorted.txt', '\n'.join(sorted(WORDS)) + '\n')
    w('nums.txt', ''.join('%s %d %d.%02d\n' % (WORDS[i], (i * 7919) % 1000 - 500, i, i * 3 % 100)
                          for i in range(60)))
    w('csv.txt', ''.join('%d,%s,%s,%d\n' % (i, WORDS[i], WORDS[i + 1].upper(), i * i)
                         for i in range(40)))
    w('bin.dat', bytes(range(256)) + bytes(range(255, -1, -3)))
    w('big.bin', BIG)
    w('text.big', TEXTISH)
    w('crlf.txt', b'dos\r\nline\r\nend\r\n')
    w('old.txt', 'a\nb\nc\nd\ne\n')
    w('new.txt', 'a\nB\nc\nd\nf\ng\n')
    w('tree/readme', 'top level file\n')
    w('tree/exec.sh', '#!/bin/sh\necho hi\n', 0o755)
    w('tree/sub/deep/file.txt', 'deep\n' * 100)
    w('tree/sub/empty', '')
    w('tree/sub/data.bin', BIG[:5000], 0o600)
    os.symlink('readme', os.path.join(d, 'tree/link'))
    with gzip.GzipFile(os.path.join(d, 'data.gz'), 'wb', mtime=MTIME) as g:
        g.write(TEXTISH)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.USTAR_FORMAT) as t:
        for name, data, mode in [('arch/x.txt', b'x' * 1000, 0o644),
                                 ('arch/y/z.bin', BIG[:3000], 0o640),
                                 ('arch/run', b'#!/bin/sh\n', 0o755)]:
            ti = tarfile.TarInfo(name)
            ti.size, ti.mode, ti.mtime, ti.uname, ti.gname = len(data), mode, MTIME, 'root', 'root'
            t.addfile(ti, io.BytesIO(data))
    w('archive.tar', buf.getvalue())
    # fixed times on everything, directories last (deepest first)
    for root, dirs, files in os.walk(d, topdown=False):
        for n in files + dirs:
            os.utime(os.path.join(root, n), (MTIME, MTIME), follow_symlinks=False)
    os.utime(d, (MTIME, MTIME))


def snapshot(d):
    """Everything observable about the tree, except times of new files."""
    out = []
    for root, dirs, files in os.walk(d):
        dirs.sort()
        for n in sorted(dirs + files):
            p = os.path.join(root, n)
            st = os.lstat(p)
            rel = os.path.relpath(p, d)
            mt = st.st_mtime_ns // 10**9 if st.st_mtime < OLD else 'new'
            if os.path.islink(p):
                out.append('%s -> %s' % (rel, os.readlink(p)))
            elif os.path.isdir(p):
                out.append('%s/ %o %s' % (rel, st.st_mode & 0o7777, mt))
            else:
                with open(p, 'rb') as f:
                    h = hashlib.sha256(f.read()).hexdigest()[:16]
                out.append('%s %o %d %s %s' % (rel, st.st_mode & 0o7777, st.st_size, mt, h))
    return out


def gunzip_is(data):
    return lambda r: gzip.decompress(r.stdout) == data or 'stdout is not gzip of the input'


def stdout_is(data):
    return lambda r: r.stdout == data or 'stdout differs from the Python reference'


def sha_line(algo, name, data):
    return ('%s  %s\n' % (hashlib.new(algo, data).hexdigest(), name)).encode()


# (name, argv after the busybox binary, stdin bytes or None, extra check or None)
CASES = [
    ('echo', ['echo', 'hello', 'world', '-n'], None, stdout_is(b'hello world -n\n')),
    ('echo -n -e', ['echo', '-n', '-e', 'a\\tb\\n\\x41\\0101\\c', 'gone'], None, None),
    ('cat', ['cat', 'a.txt', 'b.txt'], None, None),
    ('cat -n stdin', ['cat', '-n', '-A', '-', 'crlf.txt'], b'from stdin\n\tx\n', None),
    ('cat big', ['cat', 'big.bin'], None, stdout_is(BIG)),
    ('cat missing', ['cat', 'a.txt', 'missing.txt'], None, None),
    ('ls -l', ['ls', '-l', 'tree'], None, None),
    ('ls -lnR', ['ls', '-lnRa', 'tree'], None, None),
    ('ls -1 --full', ['ls', '-1AFp', '--full-time', 'tree/sub'], None, None),
    ('sort', ['sort', 'words.txt'], None, None),
    ('sort -n -r -u', ['sort', '-n', '-r', '-u', '-k', '2,2', 'nums.txt'], None, None),
    ('sort -t, -k3', ['sort', '-t', ',', '-k', '3', '-s', 'csv.txt'], None, None),
    ('uniq -c', ['uniq', '-c', 'sorted.txt'], None, None),
    ('uniq -d stdin', ['uniq', '-d'], b'a\na\nb\nc\nc\nc\nd\n', None),
    ('wc', ['wc', 'a.txt', 'b.txt', 'words.txt', 'big.bin'], None, None),
    ('wc -l stdin', ['wc', '-l'], TEXTISH, None),
    ('od', ['od', '-A', 'x', '-t', 'x1z', 'bin.dat'], None, None),
    ('od -c -t d4', ['od', '-c', '-t', 'd4', '-N', '64', 'bin.dat'], None, None),
    ('hexdump -C', ['hexdump', '-C', 'bin.dat'], None, None),
    ('xxd', ['xxd', '-l', '200', 'big.bin'], None, None),
    ('md5sum', ['md5sum', 'big.bin'], None, stdout_is(sha_line('md5', 'big.bin', BIG))),
    ('sha1sum', ['sha1sum', 'big.bin', 'a.txt'], None, None),
    ('sha256sum', ['sha256sum', 'big.bin'], None,
     stdout_is(sha_line('sha256', 'big.bin', BIG))),
    ('sha512sum', ['sha512sum', 'big.bin'], None,
     stdout_is(sha_line('sha512', 'big.bin', BIG))),
    ('sha3sum', ['sha3sum', '-a', '256', 'text.big'], None, None),
    ('crc32', ['crc32', 'big.bin'], None, None),
    ('sed s///', ['sed', '-n', r's/\(foo\)\(bar\)/[\2\1]/gp', 'b.txt'], None, None),
    ('sed d y', ['sed', '-e', '2,4d', '-e', 'y/abc/XYZ/', '-e', '$a\\appended', 'a.txt'], None,
     None),
    ('sed -E', ['sed', '-E', 's/([a-z]+) ([0-9-]+)/\\2:\\1/', 'nums.txt'], None, None),
    ('awk sums', ['awk', '{ s += $2; t += $3 } END { print s, t, s / NR, t / NR }',
                  'nums.txt'], None, None),
    # (Debian's busybox awk has no math functions: arithmetic and formatting only)
    ('awk math', ['awk', 'BEGIN { x = 1; for (i = 0; i < 14; i++) { x = x * 7.3 / 3; '
                  'printf "%d %.6f %.4e %g %x %o\\n", i, x, 1 / x, x * 1e-9, i * 4099, i * 8 } '
                  'print 9007199254740992 + 1, 1e300 * 1e10, -1/3, int(-7.9), 10 % 3, -7 % 3 }'], None, None),
    ('awk fields', ['awk', '-F', ',', '$4 > 300 { print NR, $3, length($2), toupper($2) }',
                    'csv.txt'], None, None),
    ('awk arrays', ['awk', '{ n[length($0)]++ } END { for (k = 1; k < 9; k++) print k, n[k] }',
                    'words.txt'], None, None),
    ('grep -n', ['grep', '-n', 'e', 'a.txt'], None, None),
    ('grep -c -v -i', ['grep', '-c', '-v', '-i', 'A', 'words.txt'], None, None),
    ('grep -E -o', ['grep', '-E', '-o', '[a-z]*(oo|ar)[a-z]*', 'b.txt'], None, None),
    ('grep -r -l', ['grep', '-r', '-l', 'deep', 'tree'], None, None),
    ('grep nomatch', ['grep', 'zzzzzz', 'a.txt'], None, None),
    ('gzip -c', ['gzip', '-c', 'text.big'], None, gunzip_is(TEXTISH)),
    ('gzip -9 -c big', ['gzip', '-9', '-c', 'big.bin'], None, gunzip_is(BIG)),
    ('gzip stdin', ['gzip', '-1'], TEXTISH[:100000], gunzip_is(TEXTISH[:100000])),
    ('gunzip -c', ['gunzip', '-c', 'data.gz'], None, stdout_is(TEXTISH)),
    ('gzip file', ['gzip', '-k', 'a.txt'], None, None),
    ('bzip2 -c', ['bzip2', '-c', 'text.big'], None, None),
    ('tar cf -', ['tar', 'cf', '-', 'tree'], None, None),
    ('tar tvf', ['tar', 'tvf', 'archive.tar'], None, None),
    ('tar xf', ['tar', 'xf', 'archive.tar'], None, None),
    ('tar czf', ['tar', 'czf', 'out.tgz', 'tree', 'a.txt'], None, None),
    ('cpio -o', ['cpio', '-o', '-H', 'newc'], b'a.txt\nb.txt\ntree/readme\n', None),
    ('head', ['head', '-n', '3', 'a.txt', 'b.txt'], None, None),
    ('head -c', ['head', '-c', '100', 'big.bin'], None, stdout_is(BIG[:100])),
    ('tail', ['tail', '-n', '4', 'words.txt'], None, None),
    ('tail -c +N', ['tail', '-c', '+1048000', 'big.bin'], None, stdout_is(BIG[1047999:])),
    ('cut -d -f', ['cut', '-d', ',', '-f', '2,4', 'csv.txt'], None, None),
    ('cut -c', ['cut', '-c', '2-5,8', 'words.txt'], None, None),
    ('tr', ['tr', 'a-z', 'A-Z'], b'Hello, World! 123\n', stdout_is(b'HELLO, WORLD! 123\n')),
    ('tr -d -s', ['tr', '-s', ' ', '-d', 'aeiou'], b'quite    a    few   spaces\n', None),
    ('expr mul', ['expr', '6', '*', '7'], None, stdout_is(b'42\n')),
    ('expr str', ['expr', 'length', 'abcdef', '+', '1'], None, None),
    ('expr match', ['expr', 'foobar123', ':', '[a-z]*\\([0-9]*\\)'], None, None),
    ('expr div0', ['expr', '10', '/', '0'], None, None),
    ('expr big', ['expr', '9223372036854775807', '+', '0'], None, None),
    ('printf', ['printf', '%d|%5x|%-6o|%08.3f|%e|%s|%c|%%\\n', '42', '255', '8', '3.14159',
                '-1e-5', 'str', 'xyz'], None, None),
    ('seq', ['seq', '1', '3', '20'], None, None),
    ('seq -w -s', ['seq', '-w', '-s', ',', '5', '2', '11'], None, None),
    ('seq float', ['seq', '0.5', '0.25', '2'], None, None),
    ('basename', ['basename', '/usr/lib/file.tar.gz', '.gz'], None, stdout_is(b'file.tar\n')),
    ('dirname', ['dirname', '/usr/lib/file.tar.gz'], None, stdout_is(b'/usr/lib\n')),
    ('dc', ['dc', '-e', '2 200 ^ p 7 k 1 3 / p 17 sa la la * p'], None, None),
    ('bc -l', ['bc', '-l'], b'scale=40\n4*a(1)\n2^100\nsqrt(2)\n1/7\ne(1)\nl(10)\n', None),
    ('factor', ['factor', '1234567890', '18446744073709551557', '600851475143'], None, None),
    ('diff -u', ['diff', '-u', 'old.txt', 'new.txt'], None, None),
    ('cmp', ['cmp', 'old.txt', 'new.txt'], None, None),
    ('nl', ['nl', '-ba', 'a.txt'], None, None),
    ('rev', ['rev', 'b.txt'], None, None),
    ('tac', ['tac', 'a.txt'], None, None),
    ('paste', ['paste', '-d', ':', 'a.txt', 'old.txt'], None, None),
    ('fold', ['fold', '-w', '7', 'b.txt'], None, None),
    ('expand', ['expand', '-t', '3', 'b.txt'], None, None),
    ('strings', ['strings', '-n', '6', 'big.bin'], None, None),
    ('base64', ['base64', 'bin.dat'], None, None),
    ('base64 -d', ['base64', '-d'], b'aGVsbG8sIGJhc2U2NCB3b3JsZAo=\n', None),
    ('uuencode', ['uuencode', 'bin.dat', 'name'], None, None),
    ('dos2unix', ['dos2unix', 'crlf.txt'], None, None),
    ('date -d', ['date', '-u', '-d', '@1234567890', '+%Y-%m-%d %H:%M:%S %j %a %s'], None, None),
    ('cal', ['cal', '2', '2024'], None, None),
    ('find', ['find', 'tree', '-type', 'f', '-size', '-2k'], None, None),
    ('stat -c', ['stat', '-c', '%n %s %a %F %Y', 'a.txt', 'tree', 'tree/link'], None, None),
    ('ipcalc', ['ipcalc', '-bnm', '192.168.10.77/21'], None, None),
    ('truncate', ['truncate', '-s', '123', 'a.txt'], None, None),
    ('cp -a', ['cp', '-a', 'tree', 'copy'], None, None),
    ('test', ['test', '-d', 'tree', '-a', '-L', 'tree/link', '-a', '5', '-gt', '3'], None,
     None),
    ('false', ['false'], None, None),
]


def run_one(emu, emu_args, busybox, argv, stdin, timeout, strace=False):
    """Runs one applet in a fresh folder.  With strace, the emulator also
    logs syscalls to a file outside that folder, kept as p.strace."""
    d = tempfile.mkdtemp(prefix='mimic-bb-')
    log = None
    if strace:
        fd, log = tempfile.mkstemp(prefix='mimic-bb-strace-')
        os.close(fd)
        emu_args = emu_args + ['-strace', '-D', log]
    try:
        make_inputs(d)
        env = {'PATH': '/usr/bin:/bin', 'TZ': 'UTC', 'LC_ALL': 'C', 'HOME': d,
               'TMPDIR': d}
        cmd = [emu] + emu_args + [busybox] + argv
        try:
            p = subprocess.run(cmd, cwd=d, input=stdin if stdin is not None else b'',
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                               timeout=timeout)
            p.tree = snapshot(d)
        except subprocess.TimeoutExpired:
            p = subprocess.CompletedProcess(cmd, 'timeout', b'', b'')
            p.tree = []
        except OSError as e:
            p = subprocess.CompletedProcess(cmd, 'cannot run: %s' % e, b'', b'')
            p.tree = []
        p.strace = ''
        if log:
            with open(log, errors='replace') as f:
                p.strace = f.read()
        return p
    finally:
        shutil.rmtree(d, ignore_errors=True)
        if log:
            os.unlink(log)


def show(b, limit=600):
    s = b.decode('utf-8', 'replace') if isinstance(b, bytes) else str(b)
    return s if len(s) <= limit else s[:limit] + '...(%d more)' % (len(s) - limit)


def newc_without_inodes(data):
    """A newc cpio archive with every header's c_ino zeroed: inode numbers
    come from the host folder each run makes, so they differ run to run."""
    out, i = bytearray(data), 0
    while i + 110 <= len(out) and out[i:i + 6] == b'070701':
        out[i + 6:i + 14] = b'0' * 8
        namesize = int(out[i + 94:i + 102], 16)
        filesize = int(out[i + 54:i + 62], 16)
        i = (i + 110 + namesize + 3) & ~3
        i = (i + filesize + 3) & ~3
    return bytes(out)


# Per-case rewriting of stdout before comparison, for host-dependent fields.
NORMALIZE = {'cpio -o': newc_without_inodes}


def compare(name, a, o, check):
    """Differences between emulator run a and oracle run o, as text lines."""
    errs = []
    if name in NORMALIZE:
        a.stdout, o.stdout = NORMALIZE[name](a.stdout), NORMALIZE[name](o.stdout)
    if a.returncode != o.returncode:
        errs.append('exit status %s, oracle %s' % (a.returncode, o.returncode))
    for what in ('stdout', 'stderr'):
        x, y = getattr(a, what), getattr(o, what)
        if x != y:
            i = next((k for k in range(min(len(x), len(y))) if x[k] != y[k]), min(len(x), len(y)))
            errs.append('%s differs at byte %d (%d vs %d bytes)\n    emu:    %r\n    oracle: %r'
                        % (what, i, len(x), len(y), x[max(0, i - 40):i + 80],
                           y[max(0, i - 40):i + 80]))
    if a.tree != o.tree:
        sa, so = set(a.tree), set(o.tree)
        errs.append('file tree differs: emu only %s; oracle only %s'
                    % (sorted(sa - so)[:5], sorted(so - sa)[:5]))
    if check:
        for who, r in (('oracle', o), ('emu', a)):
            try:
                res = check(r)
            except Exception as e:      # e.g. corrupt gzip data
                res = '%s: %s' % (type(e).__name__, e)
            if res is not True:
                errs.append('%s: %s' % (who, res))
    return errs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emu', required=True)
    ap.add_argument('--emu-args', action='append', default=[])
    ap.add_argument('--oracle', required=True)
    ap.add_argument('--oracle-args', action='append', default=[])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument('--busybox')
    g.add_argument('--fetch', nargs=4, metavar=('ARCH', 'PKG', 'VERSION', 'SHA256'))
    ap.add_argument('--fetch-script', default=FETCH)
    ap.add_argument('--filter', default='')
    ap.add_argument('--timeout', type=float, default=60)
    ap.add_argument('-v', '--verbose', action='store_true')
    o = ap.parse_args()
    # meson passes build-relative paths; the runs happen in other folders.
    if os.sep in o.emu:
        o.emu = os.path.abspath(o.emu)

    busybox = o.busybox
    if o.fetch:
        p = subprocess.run(['sh', o.fetch_script] + o.fetch, stdout=subprocess.PIPE)
        if p.returncode != 0:
            print('FAIL: fetching %s failed (exit %d)' % (' '.join(o.fetch), p.returncode))
            print('0 passed, 1 failed')
            return 1
        busybox = os.path.join(p.stdout.decode().strip().splitlines()[-1], 'bin', 'busybox')
    if not os.path.isfile(busybox):
        print('FAIL: no busybox at %s' % busybox)
        print('0 passed, 1 failed')
        return 1

    is_qemu = os.path.basename(o.emu).startswith('qemu-')
    emu_args = [a for s in o.emu_args for a in shlex.split(s)]
    if os.path.basename(o.emu).startswith('qemu-'):
        kept, i = [], 0
        while i < len(emu_args):
            if emu_args[i] in QEMU_DROP:
                i += 1 + QEMU_DROP[emu_args[i]]
            else:
                kept.append(emu_args[i])
                i += 1
        emu_args = kept
    oracle_args = [a for s in o.oracle_args for a in shlex.split(s)]
    # A persistent translation cache folder (@CACHE@ in the options): a new
    # one, and every applet twice, the second time from what the first
    # runs saved in it.
    passes = 1
    cache = None
    if any('@CACHE@' in a for a in emu_args):
        cache = tempfile.TemporaryDirectory(prefix='mimic-bb-cache-')
        emu_args = [a.replace('@CACHE@', cache.name) for a in emu_args]
        passes = 2
    passed = failed = 0
    for name, argv, stdin, check in [c for c in CASES for _ in range(passes)]:
        if o.filter not in name:
            continue
        a = run_one(o.emu, emu_args, busybox, argv, stdin, o.timeout,
                    strace=not is_qemu)
        r = run_one(o.oracle, oracle_args, busybox, argv, stdin, o.timeout)
        errs = compare(name, a, r, check)
        # Every syscall busybox makes must be implemented: no ENOSYS.
        enosys = [l for l in a.strace.splitlines() if 'errno=38 ' in l]
        if enosys:
            errs.append('ENOSYS in -strace: %s' % '; '.join(enosys[:3]))
        if errs:
            failed += 1
            print('FAIL %s: busybox %s' % (name, shlex.join(argv)))
            for e in errs:
                print('  ' + e)
        else:
            passed += 1
            print('PASS %s (exit %s, %d bytes out)' % (name, r.returncode, len(r.stdout)))
            if o.verbose:
                print('  ' + show(r.stdout).replace('\n', '\n  '))
                if r.stderr:
                    print('  stderr: ' + show(r.stderr))
    if cache:
        cache.cleanup()
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == '__main__':
    sys.exit(main())
