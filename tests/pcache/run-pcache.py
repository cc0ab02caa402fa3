#!/usr/bin/env python3
# Owns: the persistent translation cache's tests (tcg/pcache.c), one per
# run: run-pcache.py TEST --emu MIMIC --prog GUEST --marker MARKER --many MANY
#
#   concurrent  six processes fill one new cache folder at once: each runs
#               right, the folder ends with one whole file (no temporary
#               left), and a later run takes every block from it and
#               passes MIMIC_CACHE_VERIFY.
#   damaged     the filled cache file truncated at many lengths and with a
#               byte changed at random offsets (header, index, records):
#               each run is still right and warns that the file is not used.
#   changed     an instruction of the program file rewritten in place, its
#               size and modification time kept (so the file's identity is
#               the same): the new code runs, not the saved translation.
#   all-placed  a run that translates nothing (every block from the cache,
#               placed again and again as -tb-size 1 evicts them): right,
#               and its blocks' fault maps are freed as they leave.
#
# The right output is that of a run without a cache.
import argparse
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL: ' + what)


def run(emu, prog, cache=None, extra=(), env_extra=None, args=()):
    env = {k: v for k, v in os.environ.items() if not k.startswith('MIMIC_CACHE')}
    env.update(env_extra or {})
    cmd = [emu] + list(extra)
    if cache:
        cmd += ['-accel', 'tcg,cache-dir=' + cache]
    cmd += [prog] + list(args)
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, env=env,
                          timeout=120)


def placed(p):
    """Blocks the run placed from its cache (-d cache), and blocks it kept."""
    m = re.search(rb'cache: .*: (\d+) blocks placed from it, (\d+) translated and kept',
                  p.stderr)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def cache_file(d):
    files = glob.glob(os.path.join(d, '*.mtc'))
    return files[0] if len(files) == 1 else None


def test_concurrent(o, tmp):
    ref = run(o.emu, o.prog)
    d = os.path.join(tmp, 'cache')
    env = {k: v for k, v in os.environ.items() if not k.startswith('MIMIC_CACHE')}
    procs = [subprocess.Popen([o.emu, '-accel', 'tcg,cache-dir=' + d, o.prog],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env) for _ in range(6)]
    for i, p in enumerate(procs):
        out, err = p.communicate(timeout=120)
        check(p.returncode == 0 and out == ref.stdout, f'process {i} ran wrong')
        check(b'translation cache' not in err, f'process {i} warned: {err[:300]!r}')
    names = sorted(os.listdir(d))
    check(cache_file(d) is not None, f'one cache file expected, found {names}')
    check(not [n for n in names if n.endswith('.tmp')], f'temporary files left: {names}')
    p = run(o.emu, o.prog, d, extra=['-d', 'cache'])
    got, kept = placed(p)
    check(p.returncode == 0 and p.stdout == ref.stdout, 'the run from the cache ran wrong')
    check(got > 0 and kept == 0,
          f'the run from the cache placed {got} blocks and translated {kept}')
    p = run(o.emu, o.prog, d, env_extra={'MIMIC_CACHE_VERIFY': '1'})
    check(p.returncode == 0 and b'cache verify:' not in p.stderr,
          'a saved block differs from its translation: ' + p.stderr[:300].decode('utf-8', 'replace'))


def test_damaged(o, tmp):
    ref = run(o.emu, o.prog)
    d = os.path.join(tmp, 'cache')
    run(o.emu, o.prog, d)
    path = cache_file(d)
    check(path is not None, 'no cache file after the first run')
    if not path:
        return
    pristine = open(path, 'rb').read()
    n = len(pristine)
    rng = random.Random(int(os.environ.get('MIMIC_TEST_SEED', '20261206')))
    header, index_end = 40, 40 + 40 * int.from_bytes(pristine[12:16], 'little')
    cases = [('truncated to %d' % k, pristine[:k])
             for k in (0, 1, 39, 40, index_end - 1, index_end, n // 2, n - 1)]
    for where, lo, hi, count in (('header', 0, header, 6), ('index', header, index_end, 6),
                                 ('records', index_end, n, 12)):
        for _ in range(count):
            at = rng.randrange(lo, hi)
            b = bytearray(pristine)
            b[at] ^= 1 << rng.randrange(8)
            cases.append((f'{where} byte {at} changed', bytes(b)))
    for what, data in cases:
        with open(path, 'wb') as f:
            f.write(data)
        p = run(o.emu, o.prog, d)
        check(p.returncode == 0 and p.stdout == ref.stdout, f'{what}: the run was wrong')
        check(b'translation cache' in p.stderr, f'{what}: no warning')
    print(f'{len(cases)} damaged files')


MOVZ_W = 0x52800000        # MOVZ Wd, #imm16: imm16 in bits 5-20, Rd in 0-4


def test_changed(o, tmp):
    prog = os.path.join(tmp, 'marker')
    shutil.copy(o.marker, prog)
    d = os.path.join(tmp, 'cache')
    p = run(o.emu, prog, d)
    check(p.stdout == b'marker 1111 sum 1111000\n', f'first run: {p.stdout!r}')
    p = run(o.emu, prog, d, extra=['-d', 'cache'])
    check(p.stdout == b'marker 1111 sum 1111000\n' and placed(p)[0] > 0,
          f'second run: {p.stdout!r}, {placed(p)} blocks placed')
    st = os.stat(prog)
    data = bytearray(open(prog, 'rb').read())
    found = 0
    for at in range(0, len(data) - 3, 4):
        w = int.from_bytes(data[at:at + 4], 'little')
        if w & ~0x1f == MOVZ_W | 1111 << 5:
            w = (w & 0x1f) | MOVZ_W | 2222 << 5
            data[at:at + 4] = w.to_bytes(4, 'little')
            found += 1
    check(found == 1, f'{found} marker instructions in the program')
    with open(prog, 'r+b') as f:
        f.write(data)
    os.utime(prog, ns=(st.st_atime_ns, st.st_mtime_ns))
    st2 = os.stat(prog)
    check((st2.st_ino, st2.st_size, st2.st_mtime_ns) == (st.st_ino, st.st_size, st.st_mtime_ns),
          'the file identity changed')
    p = run(o.emu, prog, d, extra=['-d', 'cache'])
    check(p.stdout == b'marker 2222 sum 2222000\n',
          f'after the change: {p.stdout!r} (the old translation ran)')
    check(placed(p)[0] > 0, 'after the change, no other block came from the cache')


def test_all_placed(o, tmp):
    opts = ['-tb-size', '1', '-accel', 'tcg,tier2=0', '-d', 'cache']
    ref = run(o.emu, o.many, extra=opts[:4])
    d = os.path.join(tmp, 'cache')
    run(o.emu, o.many, d, extra=opts)
    p = run(o.emu, o.many, d, extra=opts)
    check(p.returncode == 0 and p.stdout == ref.stdout and ref.stdout,
          f'the run from the cache: exit {p.returncode}, {p.stdout!r}')
    got, kept = placed(p)
    check(got > 30000 and kept == 0, f'{got} blocks placed and {kept} translated')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('test', choices=['concurrent', 'damaged', 'changed', 'all-placed'])
    ap.add_argument('--emu', required=True)
    ap.add_argument('--prog', required=True)
    ap.add_argument('--marker', required=True)
    ap.add_argument('--many', required=True)
    o = ap.parse_args()
    o.emu = os.path.abspath(o.emu)
    o.prog = os.path.abspath(o.prog)
    o.marker = os.path.abspath(o.marker)
    o.many = os.path.abspath(o.many)
    with tempfile.TemporaryDirectory(prefix='mimic-pcache-') as tmp:
        globals()['test_' + o.test.replace('-', '_')](o, tmp)
    print('FAIL' if failures else 'PASS')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
