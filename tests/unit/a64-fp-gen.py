#!/usr/bin/env python3
"""Generates tests/unit/a64-fp-vectors.txt: FP/SIMD test vectors whose
expected results come from qemu-aarch64 (the oracle), for test-a64-fp.c.

Each template below is an instruction in assembly with register and
immediate placeholders; it is expanded a number of times with random
registers (V0-V7 / X0-X7, aliasing on purpose), immediates, FPCR and NZCV,
assembled with the cross assembler, and run one by one under qemu-aarch64
by a64-fp-runner.c, which builds the initial registers from (kind, seed)
exactly as the unit test does (a64-fp-state.h).

Besides the templates, random words from the whole FP/SIMD data-processing
encoding space are run too ("fuzz" vectors), so that decode boundaries
(UNDEF or not) and results are compared wholesale.  A64_FP_FUZZ=N sets
their number (default FUZZ below); a large N into another file makes a
thorough local check:  A64_FP_FUZZ=200000 a64-fp-gen.py /tmp/big.txt &&
test-a64-fp /tmp/big.txt

Usage: a64-fp-gen.py [OUTPUT]   (default: a64-fp-vectors.txt beside this
script).  Needs aarch64-linux-gnu-gcc/as/objcopy/objdump and qemu-aarch64.
The output is deterministic: each template has its own random stream.
"""
import os
import random
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20240601)

RN, RP, RM, RZ = 0, 1 << 22, 2 << 22, 3 << 22
FZ, DN, AHP = 1 << 24, 1 << 25, 1 << 26


def fpcr_fp():
    r = R.random()
    if r < 0.4:
        return 0
    if r < 0.6:
        return R.choice([RP, RM, RZ])
    if r < 0.7:
        return FZ
    if r < 0.8:
        return DN
    return R.choice([RN, RP, RM, RZ]) | R.choice([0, FZ]) | R.choice([0, DN])


def fpcr_cvt():
    return fpcr_fp() | (AHP if R.random() < 0.3 else 0)


ARR = {'b': ['8b', '16b'], 'h': ['4h', '8h'], 's': ['2s', '4s'], 'd': ['2d']}
WIDE = {'b': 'h', 'h': 's', 's': 'd'}
LANES = {'b': 16, 'h': 8, 's': 4, 'd': 2}


def arrs(sizes):
    return [a for s in sizes for a in ARR[s]]


# (template, kind, count, fpcr-policy); placeholders {d} {n} {m} {a}
# registers 0-7, {i:lo:hi} a random integer in [lo, hi].
T = []


def t(tpl, kind='i', n=6, fpcr=None):
    T.append((tpl, kind, n, fpcr))


# ---- scalar floating point ----
for p, k in (('s', 's'), ('d', 'd')):
    for op in ('fadd', 'fsub', 'fmul', 'fdiv', 'fmax', 'fmin', 'fmaxnm', 'fminnm', 'fnmul'):
        t(f'{op} {p}{{d}}, {p}{{n}}, {p}{{m}}', k, 32, fpcr_fp)
    for op in ('fmadd', 'fmsub', 'fnmadd', 'fnmsub'):
        t(f'{op} {p}{{d}}, {p}{{n}}, {p}{{m}}, {p}{{a}}', k, 32, fpcr_fp)
    for op in ('fabs', 'fneg', 'fsqrt', 'fmov', 'frintn', 'frinta', 'frintp', 'frintm',
               'frintz', 'frintx', 'frinti'):
        t(f'{op} {p}{{d}}, {p}{{n}}', k, 24, fpcr_fp)
    t(f'fcmp {p}{{n}}, {p}{{m}}', k, 24, fpcr_fp)
    t(f'fcmpe {p}{{n}}, {p}{{m}}', k, 24, fpcr_fp)
    t(f'fcmp {p}{{n}}, #0.0', k, 12, fpcr_fp)
    t(f'fcmpe {p}{{n}}, #0.0', k, 12, fpcr_fp)
    for c in ('eq', 'ne', 'ge', 'lt', 'hi', 'al'):
        t(f'fccmp {p}{{n}}, {p}{{m}}, #{{i:0:15}}, {c}', k, 6, fpcr_fp)
        t(f'fccmpe {p}{{n}}, {p}{{m}}, #{{i:0:15}}, {c}', k, 6, fpcr_fp)
        t(f'fcsel {p}{{d}}, {p}{{n}}, {p}{{m}}, {c}', k, 4, fpcr_fp)
    for w in ('w', 'x'):
        for op in ('fcvtns', 'fcvtnu', 'fcvtps', 'fcvtpu', 'fcvtms', 'fcvtmu', 'fcvtas',
                   'fcvtau', 'fcvtzs', 'fcvtzu'):
            t(f'{op} {w}{{d}}, {p}{{n}}', k, 16, fpcr_fp)
        hi = 32 if w == 'w' else 64
        t(f'fcvtzs {w}{{d}}, {p}{{n}}, #{{i:1:{hi}}}', k, 16, fpcr_fp)
        t(f'fcvtzu {w}{{d}}, {p}{{n}}, #{{i:1:{hi}}}', k, 16, fpcr_fp)
        t(f'scvtf {p}{{d}}, {w}{{n}}', 'x', 16, fpcr_fp)
        t(f'ucvtf {p}{{d}}, {w}{{n}}', 'x', 16, fpcr_fp)
        t(f'scvtf {p}{{d}}, {w}{{n}}, #{{i:1:{hi}}}', 'x', 12, fpcr_fp)
        t(f'ucvtf {p}{{d}}, {w}{{n}}, #{{i:1:{hi}}}', 'x', 12, fpcr_fp)
    t(f'fmov {p}{{d}}, #{{f}}', k, 8)
t('fmov w{d}, s{n}', 's', 4)
t('fmov s{d}, w{n}', 'x', 4)
t('fmov x{d}, d{n}', 'd', 4)
t('fmov d{d}, x{n}', 'x', 4)
t('fmov x{d}, v{n}.d[1]', 'd', 4)
t('fmov v{d}.d[1], x{n}', 'x', 4)
for src, dst, k in (('s', 'd', 's'), ('d', 's', 'd'), ('s', 'h', 's'), ('d', 'h', 'd'),
                    ('h', 's', 'h'), ('h', 'd', 'h')):
    t(f'fcvt {dst}{{d}}, {src}{{n}}', k, 40, fpcr_cvt)
# Encodings an Armv8.0 CPU does not have: both must UNDEF.
for probe in ('fadd h{d}, h{n}, h{m}', 'fmov h{d}, w{n}', 'fjcvtzs w{d}, d{n}',
              'fsqrt h{d}, h{n}', 'frint32z d{d}, d{n}', 'fcvtzs w{d}, h{n}',
              'fadd v{d}.8h, v{n}.8h, v{m}.8h', 'fabs v{d}.4h, v{n}.4h',
              'sqrdmlah v{d}.4h, v{n}.4h, v{m}.4h', 'sdot v{d}.4s, v{n}.16b, v{m}.16b',
              'fmaxv h{d}, v{n}.8h', 'fmla v{d}.8h, v{n}.8h, v{m}.h[1]',
              'fcmla v{d}.4s, v{n}.4s, v{m}.4s, #90', 'fmlal v{d}.2s, v{n}.2h, v{m}.2h',
              'fmov v{d}.4h, #1.0', 'scvtf v{d}.4h, v{n}.4h, #3'):
    t(probe, 'i', 1)

# ---- Advanced SIMD: three same ----
for op in ('shadd', 'uhadd', 'srhadd', 'urhadd', 'shsub', 'uhsub', 'smax', 'umax', 'smin',
           'umin', 'sabd', 'uabd', 'saba', 'uaba', 'mla', 'mls', 'mul', 'smaxp', 'umaxp',
           'sminp', 'uminp'):
    for a in arrs('bhs'):
        t(f'{op} v{{d}}.{a}, v{{n}}.{a}, v{{m}}.{a}')
for op in ('sqadd', 'uqadd', 'sqsub', 'uqsub', 'cmgt', 'cmhi', 'cmge', 'cmhs', 'sshl', 'ushl',
           'sqshl', 'uqshl', 'srshl', 'urshl', 'sqrshl', 'uqrshl', 'add', 'sub', 'cmtst',
           'cmeq', 'addp'):
    for a in arrs('bhsd'):
        t(f'{op} v{{d}}.{a}, v{{n}}.{a}, v{{m}}.{a}')
for op in ('sqdmulh', 'sqrdmulh'):
    for a in arrs('hs'):
        t(f'{op} v{{d}}.{a}, v{{n}}.{a}, v{{m}}.{a}')
    for p in 'hs':
        t(f'{op} {p}{{d}}, {p}{{n}}, {p}{{m}}')
for a in arrs('b'):
    t(f'pmul v{{d}}.{a}, v{{n}}.{a}, v{{m}}.{a}')
    for op in ('and', 'bic', 'orr', 'orn', 'eor', 'bsl', 'bit', 'bif'):
        t(f'{op} v{{d}}.{a}, v{{n}}.{a}, v{{m}}.{a}', 'i', 4)
for op in ('sqadd', 'uqadd', 'sqsub', 'uqsub', 'sqshl', 'uqshl', 'sqrshl', 'uqrshl'):
    for p in 'bhsd':
        t(f'{op} {p}{{d}}, {p}{{n}}, {p}{{m}}')
for op in ('cmgt', 'cmhi', 'cmge', 'cmhs', 'sshl', 'ushl', 'srshl', 'urshl', 'add', 'sub',
           'cmtst', 'cmeq'):
    t(f'{op} d{{d}}, d{{n}}, d{{m}}')
for k, p, arr in (('s', 's', ('2s', '4s')), ('d', 'd', ('2d',))):
    for op in ('fadd', 'fsub', 'fmul', 'fdiv', 'fmax', 'fmin', 'fmaxnm', 'fminnm', 'fmla',
               'fmls', 'fmulx', 'fcmeq', 'fcmge', 'fcmgt', 'facge', 'facgt', 'fabd',
               'frecps', 'frsqrts', 'faddp', 'fmaxp', 'fminp', 'fmaxnmp', 'fminnmp'):
        for a in arr:
            t(f'{op} v{{d}}.{a}, v{{n}}.{a}, v{{m}}.{a}', k, 12, fpcr_fp)
    for op in ('fmulx', 'fcmeq', 'fcmge', 'fcmgt', 'facge', 'facgt', 'fabd', 'frecps',
               'frsqrts'):
        t(f'{op} {p}{{d}}, {p}{{n}}, {p}{{m}}', k, 16, fpcr_fp)
t('fadd v{d}.2d, v{n}.2d, v{m}.2d', 'd', 1)

# ---- three different ----
for s in 'bhs':
    w = WIDE[s]
    na, wa = ARR[s][0], ARR[w][-1]
    na2 = ARR[s][1]
    for op in ('saddl', 'uaddl', 'ssubl', 'usubl', 'sabal', 'uabal', 'sabdl', 'uabdl',
               'smlal', 'umlal', 'smlsl', 'umlsl', 'smull', 'umull'):
        t(f'{op} v{{d}}.{wa}, v{{n}}.{na}, v{{m}}.{na}')
        t(f'{op}2 v{{d}}.{wa}, v{{n}}.{na2}, v{{m}}.{na2}')
    for op in ('saddw', 'uaddw', 'ssubw', 'usubw'):
        t(f'{op} v{{d}}.{wa}, v{{n}}.{wa}, v{{m}}.{na}')
        t(f'{op}2 v{{d}}.{wa}, v{{n}}.{wa}, v{{m}}.{na2}')
    for op in ('addhn', 'raddhn', 'subhn', 'rsubhn'):
        t(f'{op} v{{d}}.{na}, v{{n}}.{wa}, v{{m}}.{wa}')
        t(f'{op}2 v{{d}}.{na2}, v{{n}}.{wa}, v{{m}}.{wa}')
    if s != 'b':
        for op in ('sqdmlal', 'sqdmlsl', 'sqdmull'):
            t(f'{op} v{{d}}.{wa}, v{{n}}.{na}, v{{m}}.{na}')
            t(f'{op}2 v{{d}}.{wa}, v{{n}}.{na2}, v{{m}}.{na2}')
            t(f'{op} {w}{{d}}, {s}{{n}}, {s}{{m}}')
t('pmull v{d}.8h, v{n}.8b, v{m}.8b')
t('pmull2 v{d}.8h, v{n}.16b, v{m}.16b')

# ---- two-register misc ----
for op, sizes in (('rev64', 'bhs'), ('rev32', 'bh'), ('rev16', 'b'), ('cls', 'bhs'),
                  ('clz', 'bhs'), ('cnt', 'b'), ('not', 'b'), ('rbit', 'b')):
    for a in arrs(sizes):
        t(f'{op} v{{d}}.{a}, v{{n}}.{a}', 'i', 4)
for op in ('suqadd', 'usqadd', 'sqabs', 'sqneg', 'abs', 'neg'):
    for a in arrs('bhsd'):
        t(f'{op} v{{d}}.{a}, v{{n}}.{a}')
for op in ('suqadd', 'usqadd', 'sqabs', 'sqneg'):
    for p in 'bhsd':
        t(f'{op} {p}{{d}}, {p}{{n}}')
for op in ('abs', 'neg'):
    t(f'{op} d{{d}}, d{{n}}')
for op in ('cmgt', 'cmge', 'cmeq', 'cmle', 'cmlt'):
    for a in arrs('bhsd'):
        t(f'{op} v{{d}}.{a}, v{{n}}.{a}, #0')
    t(f'{op} d{{d}}, d{{n}}, #0')
for s in 'bhs':
    w = WIDE[s]
    for op in ('saddlp', 'uaddlp', 'sadalp', 'uadalp'):
        t(f'{op} v{{d}}.{"1d" if w == "d" else ARR[w][0]}, v{{n}}.{ARR[s][0]}')
        t(f'{op} v{{d}}.{ARR[w][-1]}, v{{n}}.{ARR[s][1]}')
    for op in ('xtn', 'sqxtn', 'uqxtn', 'sqxtun'):
        t(f'{op} v{{d}}.{ARR[s][0]}, v{{n}}.{ARR[w][-1]}')
        t(f'{op}2 v{{d}}.{ARR[s][1]}, v{{n}}.{ARR[w][-1]}')
        if op != 'xtn':
            t(f'{op} {s}{{d}}, {w}{{n}}')
    t(f'shll v{{d}}.{ARR[w][-1]}, v{{n}}.{ARR[s][0]}, #{8 << "bhs".index(s)}')
    t(f'shll2 v{{d}}.{ARR[w][-1]}, v{{n}}.{ARR[s][1]}, #{8 << "bhs".index(s)}')
for k, p, arr in (('s', 's', ('2s', '4s')), ('d', 'd', ('2d',))):
    for op in ('frintn', 'frinta', 'frintp', 'frintm', 'frintz', 'frintx', 'frinti', 'fabs',
               'fneg', 'fsqrt', 'frecpe', 'frsqrte'):
        for a in arr:
            t(f'{op} v{{d}}.{a}, v{{n}}.{a}', k, 12, fpcr_fp)
    for op in ('fcvtns', 'fcvtnu', 'fcvtps', 'fcvtpu', 'fcvtms', 'fcvtmu', 'fcvtas', 'fcvtau',
               'fcvtzs', 'fcvtzu'):
        for a in arr:
            t(f'{op} v{{d}}.{a}, v{{n}}.{a}', k, 12, fpcr_fp)
        t(f'{op} {p}{{d}}, {p}{{n}}', k, 12, fpcr_fp)
    for op in ('scvtf', 'ucvtf'):
        for a in arr:
            t(f'{op} v{{d}}.{a}, v{{n}}.{a}', 'i', 12, fpcr_fp)
        t(f'{op} {p}{{d}}, {p}{{n}}', 'i', 12, fpcr_fp)
    for op in ('fcmgt', 'fcmge', 'fcmeq', 'fcmle', 'fcmlt'):
        for a in arr:
            t(f'{op} v{{d}}.{a}, v{{n}}.{a}, #0.0', k, 12, fpcr_fp)
        t(f'{op} {p}{{d}}, {p}{{n}}, #0.0', k, 12, fpcr_fp)
    for op in ('frecpe', 'frsqrte', 'frecpx'):
        t(f'{op} {p}{{d}}, {p}{{n}}', k, 24, fpcr_fp)
for a in ('2s', '4s'):
    t(f'urecpe v{{d}}.{a}, v{{n}}.{a}')
    t(f'ursqrte v{{d}}.{a}, v{{n}}.{a}')
t('fcvtn v{d}.4h, v{n}.4s', 's', 24, fpcr_cvt)
t('fcvtn2 v{d}.8h, v{n}.4s', 's', 12, fpcr_cvt)
t('fcvtn v{d}.2s, v{n}.2d', 'd', 24, fpcr_cvt)
t('fcvtn2 v{d}.4s, v{n}.2d', 'd', 12, fpcr_cvt)
t('fcvtxn v{d}.2s, v{n}.2d', 'd', 24, fpcr_cvt)
t('fcvtxn2 v{d}.4s, v{n}.2d', 'd', 12, fpcr_cvt)
t('fcvtxn s{d}, d{n}', 'd', 24, fpcr_cvt)
t('fcvtl v{d}.4s, v{n}.4h', 'h', 24, fpcr_cvt)
t('fcvtl2 v{d}.4s, v{n}.8h', 'h', 12, fpcr_cvt)
t('fcvtl v{d}.2d, v{n}.2s', 's', 24, fpcr_cvt)
t('fcvtl2 v{d}.2d, v{n}.4s', 's', 12, fpcr_cvt)

# ---- across lanes, scalar pairwise ----
for op in ('addv', 'smaxv', 'umaxv', 'sminv', 'uminv', 'saddlv', 'uaddlv'):
    for a in ('8b', '16b', '4h', '8h', '4s'):
        s = a[-1]
        dst = WIDE[s] if op.endswith('lv') else s
        t(f'{op} {dst}{{d}}, v{{n}}.{a}')
for op in ('fmaxv', 'fminv', 'fmaxnmv', 'fminnmv'):
    t(f'{op} s{{d}}, v{{n}}.4s', 's', 16, fpcr_fp)
t('addp d{d}, v{n}.2d')
for op in ('faddp', 'fmaxp', 'fminp', 'fmaxnmp', 'fminnmp'):
    t(f'{op} s{{d}}, v{{n}}.2s', 's', 16, fpcr_fp)
    t(f'{op} d{{d}}, v{{n}}.2d', 'd', 16, fpcr_fp)

# ---- by element ----
for s, idx in (('h', 7), ('s', 3)):
    for op in ('mul', 'mla', 'mls', 'sqdmulh', 'sqrdmulh'):
        for a in ARR[s]:
            t(f'{op} v{{d}}.{a}, v{{n}}.{a}, v{{m}}.{s}[{{i:0:{idx}}}]')
    for op in ('sqdmulh', 'sqrdmulh'):
        t(f'{op} {s}{{d}}, {s}{{n}}, v{{m}}.{s}[{{i:0:{idx}}}]')
    w = WIDE[s]
    for op in ('smull', 'umull', 'smlal', 'umlal', 'smlsl', 'umlsl', 'sqdmull', 'sqdmlal',
               'sqdmlsl'):
        t(f'{op} v{{d}}.{ARR[w][-1]}, v{{n}}.{ARR[s][0]}, v{{m}}.{s}[{{i:0:{idx}}}]')
        t(f'{op}2 v{{d}}.{ARR[w][-1]}, v{{n}}.{ARR[s][1]}, v{{m}}.{s}[{{i:0:{idx}}}]')
    for op in ('sqdmull', 'sqdmlal', 'sqdmlsl'):
        t(f'{op} {w}{{d}}, {s}{{n}}, v{{m}}.{s}[{{i:0:{idx}}}]')
for op in ('fmla', 'fmls', 'fmul', 'fmulx'):
    for a in ('2s', '4s'):
        t(f'{op} v{{d}}.{a}, v{{n}}.{a}, v{{m}}.s[{{i:0:3}}]', 's', 12, fpcr_fp)
    t(f'{op} v{{d}}.2d, v{{n}}.2d, v{{m}}.d[{{i:0:1}}]', 'd', 12, fpcr_fp)
    t(f'{op} s{{d}}, s{{n}}, v{{m}}.s[{{i:0:3}}]', 's', 12, fpcr_fp)
    t(f'{op} d{{d}}, d{{n}}, v{{m}}.d[{{i:0:1}}]', 'd', 12, fpcr_fp)

# ---- shift by immediate ----
BITS = {'b': 8, 'h': 16, 's': 32, 'd': 64}
for op in ('sshr', 'ushr', 'ssra', 'usra', 'srshr', 'urshr', 'srsra', 'ursra', 'sri'):
    for a in arrs('bhsd'):
        t(f'{op} v{{d}}.{a}, v{{n}}.{a}, #{{i:1:{BITS[a[-1]]}}}')
    t(f'{op} d{{d}}, d{{n}}, #{{i:1:64}}')
for op in ('shl', 'sli', 'sqshl', 'uqshl', 'sqshlu'):
    for a in arrs('bhsd'):
        t(f'{op} v{{d}}.{a}, v{{n}}.{a}, #{{i:0:{BITS[a[-1]] - 1}}}')
    for p in ('d' if op in ('shl', 'sli') else 'bhsd'):
        t(f'{op} {p}{{d}}, {p}{{n}}, #{{i:0:{BITS[p] - 1}}}')
for s in 'bhs':
    w = WIDE[s]
    for op in ('shrn', 'rshrn', 'sqshrn', 'uqshrn', 'sqrshrn', 'uqrshrn', 'sqshrun',
               'sqrshrun'):
        t(f'{op} v{{d}}.{ARR[s][0]}, v{{n}}.{ARR[w][-1]}, #{{i:1:{BITS[s]}}}')
        t(f'{op}2 v{{d}}.{ARR[s][1]}, v{{n}}.{ARR[w][-1]}, #{{i:1:{BITS[s]}}}')
        if op not in ('shrn', 'rshrn'):
            t(f'{op} {s}{{d}}, {w}{{n}}, #{{i:1:{BITS[s]}}}')
    for op in ('sshll', 'ushll'):
        t(f'{op} v{{d}}.{ARR[w][-1]}, v{{n}}.{ARR[s][0]}, #{{i:0:{BITS[s] - 1}}}')
        t(f'{op}2 v{{d}}.{ARR[w][-1]}, v{{n}}.{ARR[s][1]}, #{{i:0:{BITS[s] - 1}}}')
for k, p, arr in (('s', 's', ('2s', '4s')), ('d', 'd', ('2d',))):
    for op, kk in (('scvtf', 'i'), ('ucvtf', 'i'), ('fcvtzs', k), ('fcvtzu', k)):
        for a in arr:
            t(f'{op} v{{d}}.{a}, v{{n}}.{a}, #{{i:1:{BITS[p]}}}', kk, 12, fpcr_fp)
        t(f'{op} {p}{{d}}, {p}{{n}}, #{{i:1:{BITS[p]}}}', kk, 12, fpcr_fp)

# ---- copy, modified immediate ----
for s in 'bhsd':
    for a in ARR[s]:
        t(f'dup v{{d}}.{a}, v{{n}}.{s}[{{i:0:{LANES[s] - 1}}}]', 'i', 4)
        t(f'dup v{{d}}.{a}, {"x" if s == "d" else "w"}{{n}}', 'i', 4)
    t(f'dup {s}{{d}}, v{{n}}.{s}[{{i:0:{LANES[s] - 1}}}]', 'i', 4)
    t(f'ins v{{d}}.{s}[{{i:0:{LANES[s] - 1}}}], {"x" if s == "d" else "w"}{{n}}', 'i', 4)
    t(f'ins v{{d}}.{s}[{{i:0:{LANES[s] - 1}}}], v{{n}}.{s}[{{i:0:{LANES[s] - 1}}}]', 'i', 4)
    t(f'umov {"x" if s == "d" else "w"}{{d}}, v{{n}}.{s}[{{i:0:{LANES[s] - 1}}}]', 'i', 4)
    if s != 'd':
        t(f'smov x{{d}}, v{{n}}.{s}[{{i:0:{LANES[s] - 1}}}]', 'i', 4)
    if s in 'bh':
        t(f'smov w{{d}}, v{{n}}.{s}[{{i:0:{LANES[s] - 1}}}]', 'i', 4)
for a in ('8b', '16b'):
    t(f'movi v{{d}}.{a}, #{{i:0:255}}', 'i', 4)
for a in ('4h', '8h'):
    for op in ('movi', 'mvni', 'orr', 'bic'):
        t(f'{op} v{{d}}.{a}, #{{i:0:255}}, lsl #{{c:0,8}}', 'i', 4)
for a in ('2s', '4s'):
    for op in ('movi', 'mvni', 'orr', 'bic'):
        t(f'{op} v{{d}}.{a}, #{{i:0:255}}, lsl #{{c:0,8,16,24}}', 'i', 4)
    t(f'movi v{{d}}.{a}, #{{i:0:255}}, msl #{{c:8,16}}', 'i', 4)
    t(f'mvni v{{d}}.{a}, #{{i:0:255}}, msl #{{c:8,16}}', 'i', 4)
    t(f'fmov v{{d}}.{a}, #{{f}}', 'i', 4)
t('movi d{d}, #{c:0xff00ff0000ffff00,0xffffffffffffffff,0,0x00ff00ff00ff00ff}', 'i', 4)
t('movi v{d}.2d, #{c:0xff00ff0000ffff00,0xffffffffffffffff,0,0x00ff00ff00ff00ff}', 'i', 4)
t('fmov v{d}.2d, #{f}', 'i', 4)

# ---- permute, extract, table ----
for op in ('zip1', 'zip2', 'uzp1', 'uzp2', 'trn1', 'trn2'):
    for a in arrs('bhsd'):
        t(f'{op} v{{d}}.{a}, v{{n}}.{a}, v{{m}}.{a}', 'i', 4)
t('ext v{d}.16b, v{n}.16b, v{m}.16b, #{i:0:15}', 'i', 16)
t('ext v{d}.8b, v{n}.8b, v{m}.8b, #{i:0:7}', 'i', 8)
for op in ('tbl', 'tbx'):
    for nreg in range(1, 5):
        lst = ', '.join('v{%d}.16b' % k for k in range(nreg))
        for a in ('8b', '16b'):
            t(f'{op} v{{d}}.{a}, {{{{{lst}}}}}, v{{m}}.{a}', 'i', 6)

# ---- random words from the whole FP/SIMD data-processing space ----
# (op0 = x111), to compare decode boundaries and results wholesale.  The
# crypto classes (AES, SHA, PMULL) are left out: they are a64-crypto.c's,
# tested by test-a64-crypto.c.
CRYPTO = [(0xff3e0c00, 0x4e280800), (0xff208c00, 0x5e000000), (0xff3e0c00, 0x5e280800),
          (0xbfe0fc00, 0x0ee0e000)]
FUZZ = 2500


def fuzz_words(n):
    out = []
    while len(out) < n:
        w = (R.getrandbits(32) & ~0x0e000000) | 0x0e000000
        if R.random() < 0.85:
            w &= 0x7fffffff     # most allocated encodings have bit 31 clear
        if any(w & m == v for m, v in CRYPTO):
            continue
        out.append(w)
    return out


FP_IMMS = ['1.0', '-1.0', '0.5', '2.0', '-2.5', '31.0', '0.125', '-0.1875', '1.9375', '17.0']


def expand(tpl):
    regs = list(range(8))
    n = R.choice(regs)
    m = R.choice(regs)
    r = R.random()
    d = n if r < 0.2 else m if r < 0.3 else R.choice(regs)
    a = R.choice(regs)
    out = ''
    i = 0
    while i < len(tpl):
        if tpl[i] == '{' and tpl[i + 1] == '{':
            out += '{'
            i += 2
            continue
        if tpl[i] == '}' and i + 1 < len(tpl) and tpl[i + 1] == '}':
            out += '}'
            i += 2
            continue
        if tpl[i] != '{':
            out += tpl[i]
            i += 1
            continue
        j = tpl.index('}', i)
        key = tpl[i + 1:j]
        i = j + 1
        if key in ('d', 'n', 'm', 'a'):
            out += str({'d': d, 'n': n, 'm': m, 'a': a}[key])
        elif key.isdigit():
            # table registers: consecutive from n (wrapping inside V0-V7)
            out += str(n % 5 + int(key))
        elif key.startswith('i:'):
            lo, hi = map(int, key[2:].split(':'))
            out += str(R.randint(lo, hi))
        elif key.startswith('c:'):
            out += R.choice(key[2:].split(','))
        elif key == 'f':
            out += R.choice(FP_IMMS)
        else:
            raise ValueError(key)
    return out


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'a64-fp-vectors.txt')
    nfuzz = int(os.environ.get('A64_FP_FUZZ', FUZZ))
    cases = []
    for tpl, kind, count, pol in T:
        # one stream per template: adding a template leaves the others' vectors alone
        R.seed(zlib.crc32(tpl.encode()))
        for _ in range(count):
            asm = expand(tpl)
            fpcr = pol() if pol else 0
            cases.append((asm, fpcr, R.randrange(16), kind, R.randrange(1 << 32)))
    R.seed(20240601)
    for w in fuzz_words(nfuzz):
        cases.append(('.inst 0x%08x' % w, fpcr_cvt(), R.randrange(16), R.choice('hsdix'),
                      R.randrange(1 << 32)))
    with tempfile.TemporaryDirectory() as tmp:
        s = os.path.join(tmp, 'c.s')
        with open(s, 'w') as f:
            f.write('.arch armv8.5-a+fp16+dotprod+rdma+fp16fml+crypto\n')
            for c in cases:
                f.write(c[0] + '\n')
        o, b = os.path.join(tmp, 'c.o'), os.path.join(tmp, 'c.bin')
        subprocess.check_call(['aarch64-linux-gnu-as', '-o', o, s])
        subprocess.check_call(['aarch64-linux-gnu-objcopy', '-O', 'binary', '-j', '.text', o, b])
        words = open(b, 'rb').read()
        assert len(words) == 4 * len(cases), (len(words), len(cases))
        # the disassembly names the random words in the vectors file
        dis = subprocess.run(['aarch64-linux-gnu-objdump', '-d', '-M', 'no-aliases', o],
                             capture_output=True, text=True, check=True).stdout
        text = {}
        for ln in dis.splitlines():
            f = ln.split('\t')
            if len(f) >= 3 and f[0].strip().endswith(':'):
                text[int(f[0].strip()[:-1], 16)] = ' '.join(x.strip() for x in f[2:]).strip()
        for k, c in enumerate(cases):
            if c[0].startswith('.inst'):
                cases[k] = ('fuzz ' + text.get(4 * k, '?').split('//')[0].strip(),) + c[1:]
        runner = os.path.join(tmp, 'runner')
        subprocess.check_call(['aarch64-linux-gnu-gcc', '-O2', '-static', '-I', HERE, '-o',
                               runner, os.path.join(HERE, 'a64-fp-runner.c')])
        inp = ''.join('%08x %08x %x %s %d\n' % (int.from_bytes(words[4 * k:4 * k + 4], 'little'),
                                               c[1], c[2], c[3], c[4])
                      for k, c in enumerate(cases))
        res = subprocess.run(['qemu-aarch64', '-cpu', 'cortex-a57', runner], input=inp,
                             capture_output=True, text=True, check=True).stdout.splitlines()
        assert len(res) == len(cases), (len(res), len(cases))
    with open(out_path, 'w') as f:
        f.write('# A64 FP/SIMD test vectors for test-a64-fp.c, generated by a64-fp-gen.py\n')
        f.write('# from qemu-aarch64 -cpu cortex-a57. Do not edit; regenerate.\n')
        f.write('# insn fpcr nzcv kind seed : fpsr nzcv [changed registers] | UNDEF ; asm\n')
        for line, c, r in zip(inp.splitlines(), cases, res):
            f.write('%s : %s ; %s\n' % (line, r, c[0]))
    print('%d vectors -> %s' % (len(cases), out_path))


if __name__ == '__main__':
    main()
