#!/usr/bin/env python3
"""Runs isel (built from isel.S) under mimic with -d in_asm,out_asm and
checks each guest instruction's host instruction count against its
`// isel: N` limit, and that no `mov r32, r32` of a register to itself
appears.  isel.S runs straight through, so its blocks are translated once
each, in source order.  A conditional branch (b.cond) is counted up to
its host jcc: what follows are the block's exits.  `// isel: N/M`: N with
the BMI stencil set, M with the baseline one (--baseline runs mimic with
-accel tcg,host-isa=baseline; without it, mimic's default set is the BMI
one on a host with BMI1, BMI2 and POPCNT, as check-host-isa.py assumes).
Usage: check-isel.py MIMIC PROG SOURCE [--baseline]"""
import re
import subprocess
import sys
import tempfile

mimic, prog, source = sys.argv[1:4]
baseline = '--baseline' in sys.argv[4:]
if not baseline:
    flags = set()
    for line in open('/proc/cpuinfo'):
        if line.startswith('flags'):
            flags = set(line.split(':', 1)[1].split())
            break
    baseline = not {'bmi1', 'bmi2', 'popcnt'} <= flags
# Every instruction line of the source, in order, with its limit or None.
limits = []
for line in open(source):
    m = re.match(r'\s+([a-z][^/]*?)\s*(?://\s*(?:isel:\s*(\d+)(?:/(\d+))?)?.*)?$', line)
    if m:
        n = m.group(3) if baseline and m.group(3) else m.group(2)
        limits.append((m.group(1), int(n) if n else None))

opts = ['-accel', 'tcg,host-isa=baseline'] if '--baseline' in sys.argv[4:] else []
with tempfile.NamedTemporaryFile('r', suffix='.log') as log:
    subprocess.run([mimic] + opts + ['-d', 'in_asm,out_asm', '-D', log.name, prog], check=True)
    text = log.read()
# Guest instructions of every block in order, then host code per pc.
guest = []
host = {}
self_moves = []
for block in text.split('IN:')[1:]:
    guest += re.findall(r'^0x([0-9a-f]+):\s+(.*)$', block.split('OUT:')[0], re.M)
    cur = None
    for line in block.split('OUT:')[1].splitlines():
        m = re.match(r'\s+-- guest 0x([0-9a-f]+)', line)
        if m:
            cur = int(m.group(1), 16)
            continue
        if re.match(r'\s+-- cold', line):
            cur = None      # the slow paths, out of line after the block
            continue
        m = re.match(r'0x[0-9a-f]+:\s+(\S+)\s*(.*)', line)
        if not m or cur is None:
            continue
        insn, ops = m.group(1), m.group(2)
        if insn == 'mov' and re.fullmatch(r'(e\w+|r\d+d), \1', ops):
            self_moves.append((cur, ops))
        if '[rbx' not in ops:      # rbx: env (tcg/x86_64/jit.c)
            host.setdefault(cur, []).append(f'{insn} {ops}')

failed = 0
for (pc, text_g), (src, limit) in zip(guest, limits):
    code = host.get(int(pc, 16), [])
    jcc = [i for i, c in enumerate(code) if re.match(r'j(?!mp)', c)]
    if src.startswith('b.') and jcc:
        code = code[:jcc[0] + 1]
    if limit is None:
        continue
    ok = len(code) <= limit
    failed += not ok
    print(f"{'ok  ' if ok else 'FAIL'} {len(code):2d} <= {limit:2d}  {src:28s} {'; '.join(code)}")
for pc, ops in self_moves:
    failed += 1
    print(f'FAIL mov {ops} at guest 0x{pc:x}')
if len(limits) > len(guest):
    failed += 1
    print('FAIL: the block ends before the listed instructions')
sys.exit(1 if failed else 0)
