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

--calls-only rewrites the helper calls' forms (call<ret><n>_...) alone
and keeps every other line of the list as it is: for a change of how
calls are lowered, without touching the forms other work depends on.

Usage: scripts/stencil-profile.py [--budget N] [--build build] [--calls-only]
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
    # A helper's fifth and sixth arguments go in r8 and r9, cache
    # registers: no register arguments there (gen_call_variant; the JIT
    # passes them through memory, and a register result through R).
    m = re.match(r'call[vwq][56]_([a-z0-9]*)', name)
    if m and re.search(r'[0-5]', m.group(1)):
        return False
    return not name.startswith('atomic_')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--budget', type=int, default=2500)
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--calls-only', action='store_true')
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
    is_call = re.compile(r'call[vwq]\d').match
    if args.calls_only:
        keep = [(n, name) for n, name in keep if is_call(name)]
    keep.sort(key=lambda x: (-x[0], x[1]))
    keep = keep[:args.budget]
    header = ('# Stencil forms beyond the base set of tcg/x86_64/gen-stencils.c, the\n'
              '# most wished for by the JIT over the guest tests, busybox and the\n'
              '# benchmark programs (translations wishing each, before narrowing).\n'
              '# Written by scripts/stencil-profile.py --budget %d: do not edit.\n'
              % args.budget)
    calls = [(name, '%-40s # %d\n' % (name, n)) for n, name in keep]
    if args.calls_only:
        # The other lines as they are, in their order; the call forms
        # where the old ones were.
        with open(OUT) as f:
            old = f.readlines()
        out, done = [], False
        for l in old:
            name = l.split()[0] if l.strip() and not l.startswith('#') else ''
            if name and is_call(name):
                if not done:
                    out += [line for _, line in sorted(calls)]
                    done = True
                continue
            if name and not done and name > min(calls)[0]:
                out += [line for _, line in sorted(calls)]
                done = True
            out.append(l)
        with open(OUT, 'w') as f:
            f.write(''.join(out))
    else:
        with open(OUT, 'w') as f:
            f.write(header)
            for name, line in sorted(calls):
                f.write(line)
    print('stencil-profile: %d names wished, %d kept -> %s' % (len(counts), len(keep), OUT))


if __name__ == '__main__':
    sys.exit(main())
