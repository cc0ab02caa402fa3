#!/usr/bin/env python3
# Owns: running the bare-metal system-mode programs (tests/system/prog/)
# under the emulator being tested and under the oracle (Debian's
# qemu-system-aarch64 7.2) on the virt board with semihosting, and comparing
# what each printed and its exit status.
#
#   run-baremetal.py --emu EMU --oracle ORACLE [--timeout S]
#                    [--emu-args '...'] [--oracle-args '...']
#                    [--drop-oracle-lines PREFIX]
#                    (--prog PROG [--smp N] [--cpu C] [--gic V] | --run SPEC ...)
#
# SPEC is PROG[,smp=N][,cpu=C][,gic=V][,timeout=S][,backend=B][,expect=FILE];
# --run may repeat (the meson self-check passes every run at once).
# backend=interp runs the emulator under test with -accel tcg,backend=interp
# (the oracle as always).  expect=FILE compares with FILE instead of the
# oracle, for what qemu 7.2 gets wrong: the file holds what the Arm ARM
# says the program prints (the program's comment says why), and the run
# must exit 0.  Each run is
#   EMU -M virt[,gic-version=V] -cpu C -smp N -m 256M -nographic -semihosting
#       -kernel PROG
# The programs write through semihosting, which qemu 7.2 sends to its stderr
# (no chardev given) while a UART would go to stdout: the compared text is
# stdout followed by stderr.  Prints one line per run, a unified diff for a
# mismatch, and exits non-zero if any run differs, times out, or the oracle
# itself does not end with "done" and status 0.  --drop-oracle-lines drops
# the oracle's lines that start with PREFIX (qemu's reports of guest errors
# on stderr, which mimic logs only with -d).
import argparse
import difflib
import os
import shlex
import subprocess
import sys

# Options only qemu needs: without -nic none the virt board wants a NIC ROM
# (efi-virtio.rom) that Debian's package may lack.
QEMU_ONLY = ['-nic', 'none']


def command(emu, extra, run):
    machine = 'virt' if run['gic'] is None else 'virt,gic-version=%s' % run['gic']
    cmd = [emu, '-M', machine, '-cpu', run['cpu'], '-smp', str(run['smp']),
           '-m', '256M', '-nographic', '-semihosting', '-kernel', run['prog']]
    if os.path.basename(emu).startswith('qemu-'):
        cmd += QEMU_ONLY
    elif run.get('backend'):
        cmd += ['-accel', 'tcg,backend=%s' % run['backend']]
    return cmd + extra


def execute(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
        out = p.stdout.decode('utf-8', 'replace') + p.stderr.decode('utf-8', 'replace')
        return p.returncode, out
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', 'replace') + (e.stderr or b'').decode('utf-8', 'replace')
        return 'timeout after %ss' % timeout, out
    except OSError as e:
        return 'cannot run: %s' % e, ''


def parse_spec(spec, defaults):
    parts = spec.split(',')
    run = dict(defaults, prog=parts[0])
    for p in parts[1:]:
        k, _, v = p.partition('=')
        if k not in ('smp', 'cpu', 'gic', 'timeout', 'backend', 'expect'):
            sys.exit('run-baremetal: unknown key %r in %r' % (k, spec))
        run[k] = v
    return run


def name_of(run):
    n = os.path.basename(run['prog'])
    if str(run['smp']) != '1':
        n += ' smp=%s' % run['smp']
    n += ' cpu=%s' % run['cpu']
    if run['gic'] is not None:
        n += ' gic=%s' % run['gic']
    if run.get('backend'):
        n += ' backend=%s' % run['backend']
    if run.get('expect'):
        n += ' (against %s)' % os.path.basename(run['expect'])
    return n


def check(run, args):
    timeout = float(run.get('timeout') or args.timeout)
    ecmd = command(args.emu, shlex.split(args.emu_args), run)
    problems = []
    if run.get('expect'):
        ostatus = 0
        with open(run['expect'], encoding='utf-8') as f:
            oout = f.read()
    else:
        ocmd = command(args.oracle, shlex.split(args.oracle_args), run)
        ostatus, oout = execute(ocmd, timeout)
        if args.drop_oracle_lines:
            oout = ''.join(l for l in oout.splitlines(True)
                           if not l.startswith(args.drop_oracle_lines))
        if ostatus != 0 or not oout.rstrip().endswith('done'):
            problems.append('oracle did not finish cleanly (status %s): %s'
                            % (ostatus, shlex.join(ocmd)))
    estatus, eout = execute(ecmd, timeout)
    name = name_of(run)
    if estatus != ostatus:
        problems.append('exit status %s, oracle %s' % (estatus, ostatus))
    if eout != oout:
        problems.append('output differs:\n' + ''.join(difflib.unified_diff(
            oout.splitlines(True), eout.splitlines(True), 'oracle', 'emu')))
    if problems:
        print('FAIL %s\n  emu: %s\n  %s' % (name, shlex.join(ecmd), '\n  '.join(problems)))
        if args.verbose:
            print(eout)
        return False
    print('ok   %s (%d lines)' % (name, len(oout.splitlines())))
    if args.verbose:
        print(oout, end='')
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--emu', required=True)
    ap.add_argument('--oracle', default='/usr/bin/qemu-system-aarch64')
    ap.add_argument('--emu-args', default='')
    ap.add_argument('--oracle-args', default='')
    ap.add_argument('--drop-oracle-lines', default=None, metavar='PREFIX')
    ap.add_argument('--timeout', type=float, default=60)
    ap.add_argument('--prog')
    ap.add_argument('--smp', default='1')
    ap.add_argument('--cpu', default='cortex-a57')
    ap.add_argument('--gic', default=None)
    ap.add_argument('--run', action='append', default=[])
    ap.add_argument('-v', '--verbose', action='store_true', help='print each output')
    args = ap.parse_args()

    defaults = {'smp': '1', 'cpu': 'cortex-a57', 'gic': None, 'timeout': None,
                'backend': None, 'expect': None}
    runs = [parse_spec(s, defaults) for s in args.run]
    if args.prog:
        runs.append(dict(defaults, prog=args.prog, smp=args.smp, cpu=args.cpu, gic=args.gic))
    if not runs:
        ap.error('nothing to run: give --prog or --run')
    failed = [r for r in runs if not check(r, args)]
    print('%d passed, %d failed' % (len(runs) - len(failed), len(failed)))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
