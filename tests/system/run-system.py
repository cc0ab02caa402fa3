#!/usr/bin/env python3
"""Runs one system-mode emulator command (qemu-system-aarch64 or mimic's)
with `-kernel KERNEL` in a fresh temporary folder, stdin empty, and
compares its stdout, stderr and exit status with the expected ones.  The
command comes after `--`; the expected files are literal (no patterns).  Exit 0 when all match,
1 with a unified diff otherwise."""
import argparse
import difflib
import os
import subprocess
import sys
import tempfile


def compare(what, expected_path, actual):
    with open(expected_path, encoding='utf-8', errors='replace') as f:
        expected = f.read()
    if expected == actual:
        return True
    sys.stdout.write(f'{what} differs:\n')
    sys.stdout.writelines(difflib.unified_diff(
        expected.splitlines(True), actual.splitlines(True),
        'expected ' + what, 'actual ' + what))
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--expected-stdout', required=True)
    ap.add_argument('--expected-stderr', required=True)
    ap.add_argument('--exit-code', type=int, default=0)
    ap.add_argument('--timeout', type=float, default=60)
    ap.add_argument('--kernel', required=True,
                    help='the program (-kernel), absolute or from here')
    ap.add_argument('cmd', nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd[:1] == ['--'] else args.cmd
    if not cmd:
        ap.error('no command after --')
    # The program runs elsewhere: its path must not depend on this folder.
    cmd += ['-kernel', os.path.abspath(args.kernel)]

    with tempfile.TemporaryDirectory(prefix='mimic-system-') as cwd:
        try:
            p = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f'timed out after {args.timeout}s: {" ".join(cmd)}')
            return 1
    out = p.stdout.decode('utf-8', 'replace')
    err = p.stderr.decode('utf-8', 'replace')
    ok = compare('stdout', args.expected_stdout, out)
    ok = compare('stderr', args.expected_stderr, err) and ok
    if p.returncode != args.exit_code:
        print(f'exit status {p.returncode}, expected {args.exit_code}')
        ok = False
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
