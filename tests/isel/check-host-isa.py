#!/usr/bin/env python3
"""Checks -accel tcg,host-isa: under baseline the jit emits no instruction
beyond the x86-64 baseline (no BMI1/BMI2/LZCNT/POPCNT); under auto, on a
host that has them, the program (host-isa.S) gets some.
Usage: check-host-isa.py MIMIC PROG"""
import re
import subprocess
import sys
import tempfile

BEYOND = {'andn', 'bextr', 'blsi', 'blsmsk', 'blsr', 'tzcnt', 'lzcnt', 'popcnt',
          'shlx', 'shrx', 'sarx', 'rorx', 'bzhi', 'pdep', 'pext', 'mulx'}
mimic, prog = sys.argv[1:3]


def host_insns(isa):
    with tempfile.NamedTemporaryFile('r', suffix='.log') as log:
        subprocess.run([mimic, '-accel', f'tcg,host-isa={isa}', '-d', 'out_asm',
                        '-D', log.name, prog], check=True)
        return re.findall(r'^0x[0-9a-f]+:\s+(\S+)', log.read(), re.M)


flags = set()
for line in open('/proc/cpuinfo'):
    if line.startswith('flags'):
        flags = set(line.split(':', 1)[1].split())
        break
failed = 0
base = [i for i in host_insns('baseline') if i in BEYOND]
if base:
    failed += 1
    print(f'FAIL host-isa=baseline emitted {sorted(set(base))}')
else:
    print('ok   host-isa=baseline: x86-64 baseline instructions only')
auto = sorted({i for i in host_insns('auto') if i in BEYOND})
if {'bmi1', 'bmi2', 'popcnt'} <= flags:
    if not auto:
        failed += 1
        print('FAIL host-isa=auto on a BMI host emitted no BMI instruction')
    else:
        print(f'ok   host-isa=auto: {auto}')
else:
    print(f'skip host-isa=auto: the host has no BMI1/BMI2/POPCNT ({auto})')
sys.exit(1 if failed else 0)
