#!/usr/bin/env python3
"""Builds the case tables of tests/unit/test-a64-dp.c from curated assembly,
running each case under qemu-aarch64 (the oracle program)."""
import re, subprocess, sys, os

TEST = '/work/main/tests/unit/test-a64-dp.c'
DEFAULT_NZCV = [0x2, 0x9, 0x6, 0x8]

def parse_list(path):
    groups = []   # (name, [(asm, orbits, andnot, sets, nzcvs)])
    for line in open(path):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        if line.startswith('['):
            groups.append((line[1:-1], []))
            continue
        sets, nz = [0, 1, 2, 3], None
        m = re.search(r'@s=([\d,]+)', line)
        if m:
            sets = [int(x) for x in m.group(1).split(',')]
        m = re.search(r'@n=([\da-fx,]+)', line)
        if m:
            nz = [int(x, 16) for x in m.group(1).split(',')]
        line = re.sub(r'@\S+', '', line).strip()
        orb = andn = 0
        for m in re.finditer(r'(?<=\s)([+-])(0x[0-9a-f]+)', line):
            if m.group(1) == '+': orb |= int(m.group(2), 16)
            else: andn |= int(m.group(2), 16)
        asm = re.sub(r'\s[+-]0x[0-9a-f]+', '', line).strip()
        groups[-1][1].append((asm, orb, andn, sets, nz))
    return groups

def assemble(asms):
    src = '.text\n' + ''.join(a + '\n' for a in asms)
    open('/tmp/a64dp/t.s', 'w').write(src)
    subprocess.check_call(['aarch64-linux-gnu-as', '-march=armv8-a+crc', '-o', '/tmp/a64dp/t.o', '/tmp/a64dp/t.s'])
    subprocess.check_call(['aarch64-linux-gnu-objcopy', '-O', 'binary', '-j', '.text', '/tmp/a64dp/t.o', '/tmp/a64dp/t.bin'])
    data = open('/tmp/a64dp/t.bin', 'rb').read()
    return [int.from_bytes(data[i:i+4], 'little') for i in range(0, len(data), 4)]

def disasm(ws):
    open('/tmp/a64dp/d.s', 'w').write('.text\n' + ''.join('.inst 0x%08x\n' % w for w in ws))
    subprocess.check_call(['aarch64-linux-gnu-as', '-o', '/tmp/a64dp/d.o', '/tmp/a64dp/d.s'])
    out = subprocess.run(['aarch64-linux-gnu-objdump', '-d', '-M', 'no-aliases' if False else '', '/tmp/a64dp/d.o'],
                         capture_output=True, text=True, check=True).stdout
    res = {}
    for l in out.splitlines():
        m = re.match(r'\s*[0-9a-f]+:\s+([0-9a-f]{8})\s+(.*)', l)
        if m:
            txt = re.sub(r'\s+', ' ', m.group(2)).strip()
            txt = re.sub(r'\s*//.*', '', txt)
            if 'undefined' in txt or txt.startswith('.inst'):
                txt = 'unallocated/unimplemented'
            w = int(m.group(1), 16)
            ma = re.match(r'^(adrp?) (\w+),', txt)
            if ma:
                imm = ((w >> 5) & 0x7ffff) << 2 | ((w >> 29) & 3)
                imm -= (imm & 0x100000) << 1
                if ma.group(1) == 'adrp':
                    imm <<= 12
                txt = '%s %s, .%s%#x' % (ma.group(1), ma.group(2), '-' if imm < 0 else '+', abs(imm))
            res[w] = txt
    return res

def run_oracle(cases):
    inp = ''.join('%s %x %x\n' % (','.join('%08x' % x for x in (c[0] if isinstance(c[0], tuple) else (c[0],))), c[1], c[2]) for c in cases)
    out = subprocess.run(['qemu-aarch64', '-cpu', 'cortex-a57', '/tmp/a64dp/oracle'],
                         input=inp, capture_output=True, text=True, check=True).stdout
    return [l.split() for l in out.splitlines()]

SETS = None
def load_sets():
    global SETS
    txt = open(TEST).read()
    body = txt[txt.index('BEGIN SETS'):txt.index('END SETS')]
    nums = re.findall(r'0x[0-9a-f]+|\b\d+\b', body.split('{', 2)[2])
    vals = [int(n, 0) for n in nums]
    SETS = [vals[i*9:(i+1)*9] for i in range(4)]

def main():
    load_sets()
    groups = parse_list(sys.argv[1])
    allasm = [p.strip() for g in groups for (a, *_r) in g[1] for p in a.split(';')]
    words = assemble([a if not a.startswith('0x') else '.inst ' + a for a in allasm])
    k = 0
    cases, meta = [], []
    for name, items in groups:
        for (asm, orb, andn, sets, nz) in items:
            nparts = len(asm.split(';'))
            if nparts > 1:
                w = tuple(words[k:k + nparts])
                k += nparts
            else:
                w = (words[k] | orb) & ~andn
                k += 1
            for s in sets:
                for n in (nz or [DEFAULT_NZCV[s]]):
                    cases.append((w, s, n))
                    meta.append((name, None))
    res = run_oracle(cases)
    dis = disasm(sorted(set(x for c in cases for x in (c[0] if isinstance(c[0], tuple) else (c[0],)))))
    out = []
    cur = None
    tests = []
    for (w, s, n), (name, label), r in zip(cases, meta, res):
        if isinstance(w, tuple):
            label = '; '.join(dis[x] for x in w)
        else:
            label = dis[w]
        wl = w if isinstance(w, tuple) else (w,)
        assert [int(x, 16) for x in r[0].split(',')] == list(wl)
        undef = r[3] == '1'
        regs = [int(x, 16) for x in r[4:13]]
        nzo = int(r[13], 16)
        if name != cur:
            if cur: out.append('};\n')
            cur = name
            tests.append(name)
            out.append('static const %s cases_%s[] = {\n' % ('SeqCase' if isinstance(w, tuple) else 'Case', name))
        if undef:
            out.append('    C(0x%08x, %d, 0x%x, UNDEF, 0, 0x%x), /* %s */\n' % (w, s, n, n, label))
            continue
        diff = [i for i in range(9) if regs[i] != SETS[s][i]]
        if isinstance(w, tuple):
            assert not undef and diff in ([], [0]), label
            out.append('    S(%s, %d, 0x%x, 0x%016x, 0x%x), /* %s */\n' % (
                ', '.join('0x%08x' % x for x in w) + ', 0' * (4 - len(w)), s, n, regs[0], nzo, label))
            continue
        if len(diff) > 1:
            sys.exit('more than one register changed: %s %s' % (label, diff))
        rd = ('RD_SP' if diff[0] == 8 else str(diff[0])) if diff else 'RD_NONE'
        val = regs[diff[0]] if diff else 0
        out.append('    C(0x%08x, %d, 0x%x, %s, 0x%016x, 0x%x), /* %s */\n' % (w, s, n, rd, val, nzo, label))
    out.append('};\n\n')
    for t in tests:
        chk = 'CHECK_SEQS' if t == 'sequences' else 'CHECK_CASES'
        out.append('static void test_%s(void **state) { %s(cases_%s); }\n' % (t, chk, t))
    out.append('\n#define CASE_TESTS \\\n' + ' \\\n'.join('    cmocka_unit_test(test_%s),' % t for t in tests) + '\n')
    txt = open(TEST).read()
    a = txt.index('/* BEGIN CASES */\n') + len('/* BEGIN CASES */\n')
    b = txt.index('/* END CASES */')
    txt = txt[:a] + ''.join(out) + txt[b:]
    open(TEST, 'w').write(txt)
    print('%d cases in %d groups' % (len(cases), len(tests)))

main()
