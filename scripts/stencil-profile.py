#!/usr/bin/env python3
"""Measures which stencil forms the native backend wishes for, and writes
the list of extra forms to generate (tcg/x86_64/stencil-variants.txt).

The JIT, run with MIMIC_STENCIL_PROFILE=FILE, appends at exit one line
"count name" per stencil name its lowering asked for first (before
narrowing to a form that exists), counted per translation.  This script
runs a workload under it - the benchmark programs (build/bench/bin, from
`make bench`), the guest test programs and the busybox tests - sums the
counts, and keeps the most wished names up to a budget.  Names the
generator makes anyway (its base set) cost nothing: it writes each once.

Usage: scripts/stencil-profile.py [--budget N] [--build build]
"""
import argparse
import collections
import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'tcg', 'x86_64', 'stencil-variants.txt')


def generatable(name):
    # Atomics go through run-time functions with memory operands only; the
    # fused shift-adds (lea<n>) exist for every pair of locations
    # (gen_lea), none with a constant.
    if name.startswith('lea'):
        return False
    # A branch on a register against itself: GCC folds the comparison and
    # leaves no branch to extract (the JIT narrows it to memory forms).
    # (Cache registers are slots 0-5, the first 0: "00" is one register.)
    m = re.match(r'brcond_i(32|64)_([a-z0-9])([a-z0-9])_', name)
    if m and m.group(2) == m.group(3) and m.group(2) in 'r0':
        return False
    return not name.startswith('atomic_')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--budget', type=int, default=2500)
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    args = ap.parse_args()
    mimic = os.path.join(args.build, 'mimic-aarch64')
    with tempfile.TemporaryDirectory() as tmp:
        prof = os.path.join(tmp, 'wishes.txt')
        env = dict(os.environ, MIMIC_STENCIL_PROFILE=prof)
        for prog in sorted(glob.glob(os.path.join(args.build, 'bench', 'bin', '*.arm64'))):
            subprocess.run([mimic, prog, '1'], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=600)
        # The guest suite and busybox under the default backend (the JIT).
        subprocess.run(['meson', 'test', '-C', args.build, '--no-rebuild',
                        '--suite', 'guest', '--suite', 'busybox', '--num-processes', '2'],
                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        counts = collections.Counter()
        with open(prof) as f:
            for line in f:
                n, name = line.split()
                counts[name] += int(n)
    keep = [(n, name) for name, n in counts.items() if generatable(name)]
    keep.sort(key=lambda x: (-x[0], x[1]))
    keep = keep[:args.budget]
    with open(OUT, 'w') as f:
        f.write('# Stencil forms beyond the base set of tcg/x86_64/gen-stencils.c, the\n'
                '# most wished for by the JIT over the guest tests, busybox and the\n'
                '# benchmark programs (translations wishing each, before narrowing).\n'
                '# Written by scripts/stencil-profile.py --budget %d: do not edit.\n'
                % args.budget)
        for n, name in sorted(keep, key=lambda x: x[1]):
            f.write('%-40s # %d\n' % (name, n))
    print('stencil-profile: %d names wished, %d kept -> %s' % (len(counts), len(keep), OUT))


if __name__ == '__main__':
    sys.exit(main())
