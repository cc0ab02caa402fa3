#!/usr/bin/env python3
"""Checks the micro-ops of NZCV's lazy form on flags.S: runs it under
mimic with -d op_opt and, per block (found by the symbol at its start),
what its optimized ops write to the flag globals; and that the exit
status (a sum of the results) is qemu-aarch64's.
Usage: check-flags.py MIMIC PROG NM QEMU"""
import re
import subprocess
import sys
import tempfile

mimic, prog, nm, qemu = sys.argv[1:5]
syms = {}
for line in subprocess.run([nm, prog], capture_output=True, text=True, check=True).stdout.splitlines():
    addr, _, name = line.split()
    syms[name] = int(addr, 16)
with tempfile.NamedTemporaryFile('r', suffix='.log') as log:
    status = subprocess.run([mimic, '-d', 'op_opt', '-D', log.name, prog]).returncode
    text = log.read()
expected = subprocess.run([qemu, prog]).returncode
blocks = {}
for part in text.split('OP after optimization: [')[1:]:
    blocks[int(part[:16], 16)] = [l.strip() for l in part.splitlines()[1:] if l.strip()]


def writes(ops, glob):
    """The ops that write glob (first operand of a non-branch op)."""
    return [o for o in ops if re.match(r'[a-z_0-9]+ ' + glob + r',', o)
            and not o.startswith(('brcond', 'qemu_st', 'st'))]


failures = []
if status != expected:
    failures.append(f'exit status {status}, qemu-aarch64 {expected}')


def check(cond, what):
    if not cond:
        failures.append(what)


ops = blocks[syms['lazy_only']]
for f in ('NF', 'ZF', 'CF', 'VF'):
    check(not writes(ops, f), f'lazy_only writes {f}: {writes(ops, f)}')
for f in ('cc_op', 'cc_a', 'cc_b'):
    check(len(writes(ops, f)) == 1, f'lazy_only writes {f} {len(writes(ops, f))} times, not once')
check(not any('nzcv_materialise' in o for o in ops), 'lazy_only calls nzcv_materialise')

ops = blocks[syms['computed_at_exit']]
branch = next(i for i, o in enumerate(ops) if o.startswith('brcond'))
for f in ('NF', 'ZF', 'CF', 'VF'):
    w = [i for i, o in enumerate(ops) if o in writes(ops, f)]
    check(w and w[-1] < branch, f'computed_at_exit: {f} not computed before its branch')
check(any(o == 'mov_i64 cc_op,$0x0' for o in ops[:branch]),
      'computed_at_exit: cc_op not set to "flags" before its branch')

ops = blocks[syms['reads_at_start']]
call = [i for i, o in enumerate(ops) if 'nzcv_materialise' in o]
test = [i for i, o in enumerate(ops) if o.startswith('brcond_i64 cc_op,$0x0,eq')]
check(call and test and test[0] < call[0], 'reads_at_start: no test of cc_op before a call')

for f in failures:
    print('FAIL:', f)
sys.exit(1 if failures else 0)
