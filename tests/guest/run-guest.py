#!/usr/bin/env python3
# Owns: running one guest test program under an emulator (mimic, or qemu as
# the oracle) and checking its stdout and exit status against an expected file.
#
#   run-guest.py --emu EMU [--emu-args '-one-insn-per-tb'] --expected FILE
#                [--exit-code N] [--env K=V]... [--timeout S] [--cache-runs]
#                -- PROG ARGS...
#
# When EMU is a qemu-* binary, mimic-only options are mapped to their qemu
# spelling or dropped (see QEMU_MAP), so every variant can be validated with
# qemu before mimic runs programs.
import argparse
import difflib
import os
import shlex
import re
import subprocess
import sys
import tempfile

# mimic option -> (qemu replacement, number of following arguments to drop)
QEMU_MAP = {
    '-one-insn-per-tb': (['-singlestep'], 0),
    '-tb-size': ([], 1),
    '-accel': ([], 1),
}


def map_for_qemu(args):
    out, i = [], 0
    while i < len(args):
        a = args[i]
        if a in QEMU_MAP:
            repl, nargs = QEMU_MAP[a]
            out += repl
            i += 1 + nargs
        else:
            out.append(a)
            i += 1
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emu', required=True)
    ap.add_argument('--emu-args', action='append', default=[],
                    help='extra emulator options (shell-split, repeatable)')
    ap.add_argument('--expected', required=True)
    ap.add_argument('--exit-code', type=int, default=0)
    ap.add_argument('--env', action='append', default=[],
                    help='K=V set in the environment the guest inherits')
    ap.add_argument('--timeout', type=float, default=120)
    ap.add_argument('--cache-runs', action='store_true',
                    help='run three times with a new translation cache folder: '
                         'filling it, from it, and checking it (mimic only)')
    ap.add_argument('prog', nargs=argparse.REMAINDER)
    o = ap.parse_args()
    # meson passes build-relative paths; the runs happen in other folders.
    if os.sep in o.emu:
        o.emu = os.path.abspath(o.emu)
    prog = o.prog[1:] if o.prog and o.prog[0] == '--' else o.prog
    if not prog:
        ap.error('missing program after --')

    emu_args = [a for s in o.emu_args for a in shlex.split(s)]
    if os.path.basename(o.emu).startswith('qemu-'):
        emu_args = map_for_qemu(emu_args)
    cmd = [o.emu] + emu_args + prog

    env = dict(os.environ)
    for kv in o.env:
        k, _, v = kv.partition('=')
        env[k] = v

    with open(o.expected, 'rb') as f:
        expected = f.read()

    if not o.cache_runs or os.path.basename(o.emu).startswith('qemu-'):
        ok, _ = run_once(cmd, env, o, emu_args, expected)
        print('PASS' if ok else 'FAIL')
        return 0 if ok else 1
    # The persistent translation cache: a run that fills a new cache
    # folder, one that runs from it (and must have placed blocks from it),
    # and one that checks every saved block against a new translation.
    with tempfile.TemporaryDirectory(prefix='mimic-cache-') as d:
        env['MIMIC_CACHE_DIR'] = d
        ok, _ = run_once(cmd, env, o, emu_args, expected)
        print('--- again, from the cache')
        ok2, err = run_once([o.emu, '-d', 'cache'] + emu_args + prog, env, o, emu_args,
                            expected)
        placed = [int(m) for m in re.findall(r'cache: .*: (\d+) blocks placed from it', err)]
        if ok2 and not any(placed):
            ok2 = False
            print('FAIL: no block came from the cache')
        print('--- again, every saved block checked (MIMIC_CACHE_VERIFY)')
        env['MIMIC_CACHE_VERIFY'] = '1'
        ok3, err = run_once(cmd, env, o, emu_args, expected)
        if 'cache verify:' in err:
            ok3 = False
            print('FAIL: a saved block differs from its translation')
    ok = ok and ok2 and ok3
    print('PASS' if ok else 'FAIL')
    return 0 if ok else 1


def run_once(cmd, env, o, emu_args, expected):
    """Runs cmd once; (whether its exit status and stdout are right, its stderr)."""
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, timeout=o.timeout)
    except subprocess.TimeoutExpired:
        print('FAIL: timeout after %gs: %s' % (o.timeout, shlex.join(cmd)))
        return False, ''
    except OSError as e:
        print('FAIL: cannot run %s: %s' % (shlex.join(cmd), e))
        return False, ''

    ok = True
    print('command: ' + shlex.join(cmd))
    if p.returncode != o.exit_code:
        ok = False
        what = ('signal %d' % -p.returncode) if p.returncode < 0 else str(p.returncode)
        print('FAIL: exit status %s, expected %d' % (what, o.exit_code))
    if p.stdout != expected:
        ok = False
        print('FAIL: stdout differs from %s' % o.expected)
        diff = difflib.unified_diff(
            expected.decode('utf-8', 'replace').splitlines(),
            p.stdout.decode('utf-8', 'replace').splitlines(),
            'expected', 'actual', lineterm='', n=2)
        for i, line in enumerate(diff):
            if i >= 80:
                print('... (diff truncated)')
                break
            print(line)
    if '-strace' in emu_args and b'errno=38 ' in p.stderr:
        # Every syscall the suite's programs make must be implemented.
        ok = False
        print('FAIL: ENOSYS in -strace output')
    err = p.stderr.decode('utf-8', 'replace')
    if err:
        print('stderr:' + ('\n' + err[:4000]))
    return ok, err


if __name__ == '__main__':
    sys.exit(main())
