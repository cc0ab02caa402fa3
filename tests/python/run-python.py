#!/usr/bin/env python3
# Owns: running Debian 12's arm64 Python 3.11 and fzf under an emulator
# (suite 'slow'): the sysroot comes from scripts/fetch-sysroot-python.sh
# (cached, pinned). smoke.py runs under the emulator and its lines must be
# exactly smoke.expected; then under the oracle (qemu-aarch64), when given,
# whose lines must match too, except the sections it cannot run (a child
# arm64 program needs binfmt_misc under qemu) and the lines where qemu is
# known to differ from Linux (QEMU_WRONG). fzf (a Go program: goroutines,
# futexes, signals) prints its version and filters a generated input; both
# must agree with the oracle and with what they must print.
#
#   run-python.py --emu EMU [--emu-args '...'] [--oracle QEMU]
#                 --fetch-script scripts/fetch-sysroot-python.sh [--timeout S] [-v]
#
# Last line of output is exactly "N passed, N failed"; exit status is
# non-zero on any failure (a failed fetch included).
import argparse
import difflib
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = 'usr/bin/python3.11'
FZF = 'usr/bin/fzf'

# smoke.py sections qemu-aarch64 cannot run: they exec arm64 children.
QEMU_CANNOT = ['subprocess_fds']
# Lines where qemu-aarch64 is not Linux: /proc/self/status is the host's
# (qemu's name, its RCU thread counted in Threads, also in a forked child),
# and it keeps no RLIMIT_AS / RLIMIT_DATA of its own (it drops the guest's).
QEMU_WRONG = {'status-name', 'proc-pid-name', 'status-threads', 'threads-after-join',
              'threads-after-churn', 'fork-child-threads', 'as-big', 'as-malloc', 'data-big'}


def sections():
    with open(os.path.join(HERE, 'smoke.py')) as f:
        return re.findall(r'^@section\ndef (\w+)\(', f.read(), re.M)


def run(cmd, timeout, stdin=None):
    env = dict(os.environ, LC_ALL='C', TZ='UTC')
    for k in ('PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP'):
        env.pop(k, None)
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env,
                           input=stdin, stdin=None if stdin else subprocess.DEVNULL)
        return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')
    except subprocess.TimeoutExpired:
        return 'timeout', '', ''


def key(line):
    return line.split(':', 1)[0]


def fzf_input():
    rnd = random.Random(20261207)
    words = ['foo', 'bar', 'baz', 'qux', 'fob', 'oof', 'zap', 'Food', 'flo', 'o', 'FOO']
    return ''.join(' '.join(rnd.choice(words) for _ in range(4)) + ' %d\n' % i
                   for i in range(200000))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emu', required=True)
    ap.add_argument('--emu-args', default='')
    ap.add_argument('--oracle')
    ap.add_argument('--fetch-script', required=True)
    ap.add_argument('--timeout', type=float, default=600)
    ap.add_argument('--no-filter', action='store_true', help='skip fzf --filter')
    ap.add_argument('-v', action='store_true')
    a = ap.parse_args()

    f = subprocess.run(['sh', a.fetch_script], stdout=subprocess.PIPE)
    if f.returncode != 0:
        print('fetch failed\n0 passed, 1 failed')
        return 1
    root = f.stdout.decode().strip().splitlines()[-1]
    emu = [a.emu] + shlex.split(a.emu_args) + ['-L', root]
    oracle = [a.oracle, '-L', root] if a.oracle else None
    smoke = [os.path.join(root, PYTHON), os.path.join(HERE, 'smoke.py')]
    fzf = os.path.join(root, FZF)

    passed = failed = 0

    def report(name, problems, got):
        nonlocal passed, failed
        if problems:
            failed += 1
            print('FAIL %s: %s' % (name, '; '.join(problems)))
            print('  stderr: %r' % got[2][-3000:])
        else:
            passed += 1
            if a.v:
                print('ok   %s' % name)

    with open(os.path.join(HERE, 'smoke.expected')) as e:
        expected = e.read()
    with tempfile.TemporaryDirectory() as tmp:
        # the script's temporary files and the children's cwd
        os.environ['TMPDIR'] = tmp
        got = run(emu + smoke, a.timeout)
        problems = [] if got[0] == 0 else ['exit status %s' % got[0]]
        if got[1] != expected:
            problems.append('not smoke.expected:\n' + ''.join(difflib.unified_diff(
                expected.splitlines(True), got[1].splitlines(True), 'smoke.expected', 'got')))
        report('python-smoke', problems, got)

        if oracle:
            args = [s for s in sections() if s not in QEMU_CANNOT]
            want = run(oracle + smoke + args, a.timeout)
            skip = set(key(l) for s in QEMU_CANNOT
                       for l in run(emu + smoke + [s], a.timeout)[1].splitlines())
            mine = [l for l in got[1].splitlines() if key(l) not in skip | QEMU_WRONG]
            theirs = [l for l in want[1].splitlines() if key(l) not in QEMU_WRONG]
            problems = []
            if want[0] != 0:
                problems.append('oracle exit status %s' % want[0])
            if mine != theirs:
                problems.append('differs from %s:\n' % a.oracle + ''.join(
                    difflib.unified_diff([l + '\n' for l in theirs], [l + '\n' for l in mine],
                                         'oracle', 'emulator')))
            report('python-smoke-oracle', problems, want)

    got = run(emu + [fzf, '--version'], a.timeout)
    problems = [] if got == (0, '0.38.0 (debian)\n', '') else ['wrong version output %r' % (got,)]
    if oracle and run(oracle + [fzf, '--version'], a.timeout) != got:
        problems.append('differs from %s' % a.oracle)
    report('fzf-version', problems, got)

    if not a.no_filter:
        text = fzf_input()
        got = run(emu + [fzf, '--filter', 'foo'], a.timeout, stdin=text.encode())
        # smart case: a lower-case query matches f, o, o in order, any case
        must = set(l for l in text.splitlines() if re.search('f.*o.*o', l, re.I))
        problems = [] if got[0] == 0 else ['exit status %s' % got[0]]
        lines = got[1].splitlines()
        if len(lines) != len(must) or set(lines) != must:
            problems.append('%d lines, %d wanted or not the matching ones' % (len(lines), len(must)))
        if oracle and run(oracle + [fzf, '--filter', 'foo'], a.timeout,
                          stdin=text.encode()) != got:
            problems.append('differs from %s (order or status)' % a.oracle)
        report('fzf-filter', problems, got)

    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
