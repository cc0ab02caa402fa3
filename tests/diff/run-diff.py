#!/usr/bin/env python3
# Owns: running the differential instruction test (insn-diff, see insn-diff.c)
# under the emulator being tested and under the oracle (Debian's qemu-aarch64,
# as a Cortex-A57 so that both sides have the same instruction set and no
# pointer authentication), comparing the per-case lines group by group.
#
#   run-diff.py --emu EMU [--emu-args '...'] --oracle /usr/bin/qemu-aarch64
#               [--oracle-args '-cpu cortex-a57'] --prog build/.../insn-diff
#               --seed S|random --count N [--group G]... [--split K]
#               [--show 3] [--jobs J]
#
# Prints one summary line per group, the first --show mismatches of each group
# in detail (with the command that replays one case verbosely), and last the
# line "N passed, N failed" over all cases; exits non-zero on any mismatch.
# An emulator run that exits non-zero, dies by a signal or prints "internal
# error" fails its group even when its lines match.
#
# --seed random (the fuzz runs) draws a new seed each run, unless the
# environment variable MIMIC_FUZZ_SEED gives one: the seed is printed first
# and again with any failure, so `MIMIC_FUZZ_SEED=S meson test NAME` (or
# --seed S here) replays the same cases.  --split K runs each group as K
# processes over consecutive case ranges (cases depend only on the seed,
# the group and their number, so the split does not change them).
import argparse
import concurrent.futures
import os
import shlex
import subprocess
import sys

# mimic-only options have no qemu equivalent: drop them when EMU is qemu
# (as when validating this test with qemu against itself), and give that qemu
# the oracle's CPU unless told otherwise.
QEMU_DROP = {'-one-insn-per-tb': 0, '-tb-size': 1, '-accel': 1}


def qemu_compat(emu, args, oracle_args):
    if not os.path.basename(emu).startswith('qemu-'):
        return args
    out, i = ([] if '-cpu' in args else list(oracle_args)), 0
    while i < len(args):
        if args[i] in QEMU_DROP:
            i += 1 + QEMU_DROP[args[i]]
        else:
            out.append(args[i])
            i += 1
    return out


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
        return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', 'replace')
        return 'timeout', out, 'timeout after %ss' % timeout
    except OSError as e:
        return 'cannot run', '', str(e)


def cases(text):
    """{case number: line} for the lines of one insn-diff run."""
    d = {}
    for line in text.splitlines():
        if line.startswith('#'):
            d[int(line.split(None, 1)[0][1:])] = line
    return d


def fields(line):
    """'#n group insn outcome k=v ...' -> {key: value}."""
    parts = line.split()
    f = {'insn': parts[2] if len(parts) > 2 else '?'}
    for p in parts[3:]:
        k, _, v = p.partition('=')
        f[k] = v if _ else True
    return f


def same_outcome(a, b):
    """Equal lines, or lines that differ only where qemu-aarch64 7.2 is
    known to depart from Linux: for a fault on an address beyond what an
    x86-64 host can map for it (47 bits), qemu reports si_addr 0, while the
    arm64 kernel (and mimic) report the address with its top byte cleared."""
    if a == b:
        return True
    if a is None or b is None:
        return False
    fa, fb = fields(a), fields(b)
    if fa.get('addr') != fb.get('addr') and fb.get('addr') == '0':
        try:
            beyond = int(fa.get('addr', '0'), 16) >> 47 != 0
        except ValueError:
            beyond = False
        if beyond:
            fa['addr'] = '0'
            return fa == fb
    return qemu_departure(fa, fb)


def store_exclusive(insn):
    """STXR/STLXR/STXP/STLXP (any size): bits 29:24 = 001000, o2 = L = 0."""
    return (int(insn, 16) & 0x3fc00000) == 0x08000000


def id_space_mrs(insn):
    """MRS from op0=3, op1=0, CRn=0, CRm=2..7: the ID registers Linux
    emulates for EL0 (cpu-feature-registers.rst), reading 0 where unknown."""
    w = int(insn, 16)
    return (w & 0xfffff000) == 0xd5380000 and 2 <= (w >> 8) & 15 <= 7


def debug_sysreg(insn):
    """MRS/MSR with op0 = 2, the debug registers: of those only the debug
    communications channel (MDCCSR_EL0, DBGDTR*_EL0) exists at EL0, and
    Linux sets MDSCR_EL1.TDCC so that EL0 use of it traps (SIGILL)."""
    return (int(insn, 16) & 0xffd80000) == 0xd5100000


# FPCR and FPSR bits that hold state on mimic's cortex-a57 model (no AArch32
# at EL0, no FP16: target-arm/cpu.c arm_fpcr_writable, ARM_FPSR_WRITABLE).
FPCR_HELD = 0x07c00000
FPSR_HELD = 0x0800009f


def msr_fp_control(insn):
    """MSR FPCR / MSR FPSR, Xt (op0=3 op1=3 CRn=4 CRm=4, op2 = 0 or 1)."""
    return (int(insn, 16) & 0xffffffc0) == 0xd51b4400


def qemu_departure(fa, fb):
    """Outcomes where qemu-aarch64 7.2 departs from the arm64 kernel on a
    real CPU, and the emulator follows the kernel:
    - a store exclusive to an unaligned address: the alignment check comes
      before the monitor's (Arm ARM AArch64.ExclusiveMonitorsPass), so
      SIGBUS/BUS_ADRALN; qemu reports the store failed (Ws = 1) instead;
    - a store exclusive through a base whose low 56 bits are all ones: qemu
      sign-extends the untagged address to -1, which is also its value for
      "monitor open", so it takes the monitor as holding and the store
      faults; with the monitor open the store just fails (Ws = 1), which
      the Arm ARM allows (whether the abort is detected before the monitor
      check is IMPLEMENTATION DEFINED) and mimic does at every address;
    - an MRS of an ID register qemu does not model, in the space Linux
      emulates: the kernel reads it as 0 (no visible field), qemu SIGILLs;
    - an MRS or MSR of the debug communications channel at EL0: Linux traps
      it (MDSCR_EL1.TDCC), so SIGILL; qemu lets it through;
    - an MSR of FPCR or FPSR: qemu's cortex-a57 has AArch32 at EL0 and keeps
      FPCR.Len/Stride, FPCR.FZ16 and FPSR.NZCV, which are RES0 on mimic's
      model (no AArch32 at EL0, no FP16)."""
    insn = fa.get('insn', '?')
    try:
        int(insn, 16)
    except ValueError:
        return False
    if store_exclusive(insn) and fa.get('sig') == '7' and fa.get('code') == '1' \
            and fa.get('pc') == '+0' and fb.get('ok'):
        rest = {k: v for k, v in fb.items() if k not in ('insn', 'ok')}
        rs = 'x%d' % ((int(insn, 16) >> 16) & 31)
        return rest in ({}, {rs: '1'})
    if store_exclusive(insn) and fb.get('sig') == '11' and fb.get('addr') == 'ffffffffffffff' \
            and fa.get('ok'):
        rest = {k: v for k, v in fa.items() if k not in ('insn', 'ok')}
        rs = 'x%d' % ((int(insn, 16) >> 16) & 31)
        return rest in ({}, {rs: '1'})
    if msr_fp_control(insn) and fa.get('ok') and fb.get('ok'):
        keys = set(fa) | set(fb)
        held = {'fpcr': FPCR_HELD, 'fpsr': FPSR_HELD}
        if all(fa.get(k) == fb.get(k) or (k in held and
               int(fa.get(k, '0'), 16) == int(fb.get(k, '0'), 16) & held[k]) for k in keys):
            return True
    if debug_sysreg(insn) and fa.get('sig') == '4' and fa.get('pc') == '+0' and fb.get('ok'):
        return True
    if id_space_mrs(insn) and fb.get('sig') == '4' and fa.get('ok'):
        rest = {k: v for k, v in fa.items() if k not in ('insn', 'ok')}
        rt = 'x%d' % (int(insn, 16) & 31)
        return rest in ({}, {rt: '0'})
    return False


def explain(a, b):
    fa, fb = fields(a), fields(b)
    keys = sorted(set(fa) | set(fb), key=lambda k: (len(k), k))
    return ', '.join('%s: %s vs %s' % (k, fa.get(k, '-'), fb.get(k, '-'))
                     for k in keys if fa.get(k) != fb.get(k))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emu', required=True)
    ap.add_argument('--emu-args', action='append', default=[])
    ap.add_argument('--oracle', required=True)
    ap.add_argument('--oracle-args', action='append', default=None)
    ap.add_argument('--prog', required=True)
    ap.add_argument('--seed', default='1')
    ap.add_argument('--count', type=int, default=1000)
    ap.add_argument('--group', action='append', default=[])
    ap.add_argument('--split', type=int, default=1)
    ap.add_argument('--show', type=int, default=3)
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--timeout', type=float, default=600)
    o = ap.parse_args()
    # meson passes build-relative paths; the runs happen in other folders.
    if os.sep in o.emu:
        o.emu = os.path.abspath(o.emu)
    if o.seed == 'random':
        o.seed = os.environ.get('MIMIC_FUZZ_SEED') or str(int.from_bytes(os.urandom(4), 'little'))
        print('seed %s (random; replay with MIMIC_FUZZ_SEED=%s or --seed %s)'
              % (o.seed, o.seed, o.seed))
    else:
        print('seed %s' % o.seed)
    sys.stdout.flush()

    oargs = ['-cpu', 'cortex-a57'] if o.oracle_args is None else \
        [a for s in o.oracle_args for a in shlex.split(s)]
    oracle = [o.oracle] + oargs
    emu = [o.emu] + qemu_compat(o.emu, [a for s in o.emu_args for a in shlex.split(s)], oargs)

    rc, out, err = run(oracle + [o.prog, 'list'], 60)
    known = out.split()
    if rc != 0 or not known:
        print('FAIL: cannot list groups with the oracle: %s %s' % (rc, err.strip()))
        print('0 passed, 1 failed')
        return 1
    groups = o.group or known
    bad = [g for g in groups if g not in known]
    if bad:
        print('FAIL: unknown groups %s (known: %s)' % (' '.join(bad), ' '.join(known)))
        print('0 passed, 1 failed')
        return 1

    def one(cmd):
        return run(cmd, o.timeout)

    # [first, count] of each process of a group.
    split = max(1, min(o.split, o.count))
    parts = [(o.count * i // split, o.count * (i + 1) // split - o.count * i // split)
             for i in range(split)]

    def merged(futures):
        """One (exit status, stdout, stderr) for a group's processes: the
        first non-zero status, all lines, all stderr."""
        res = [f.result() for f in futures]
        rc = next((r[0] for r in res if r[0] != 0), 0)
        return rc, ''.join(r[1] for r in res), ''.join(r[2] for r in res)

    jobs = {}
    with concurrent.futures.ThreadPoolExecutor(max(1, o.jobs)) as ex:
        for g in groups:
            jobs[g] = tuple([ex.submit(one, cmd + [o.prog, o.seed, g, str(n), str(first)])
                             for first, n in parts] for cmd in (emu, oracle))
        total_pass = total_fail = 0
        for g in groups:
            (erc, eout, eerr), (orc, oout, oerr) = (merged(f) for f in jobs[g])
            ec, oc = cases(eout), cases(oout)
            notes = []
            if orc != 0 or len(oc) != o.count:
                notes.append('oracle failed: exit %s, %d/%d cases, %s'
                             % (orc, len(oc), o.count, oerr.strip()[:300]))
            # A crash of the emulator itself (or its own error) fails the
            # group even if every line printed matched.
            emu_broken = erc != 0 or 'internal error' in eerr
            if erc != 0:
                notes.append('emulator exit status %s: %s' % (erc, eerr.strip()[:300]))
            elif eerr.strip():
                notes.append('emulator stderr: %s' % eerr.strip()[:300])
            passed = failed = 0
            shown = []
            for n in range(o.count):
                a, b = ec.get(n), oc.get(n)
                if same_outcome(a, b):
                    passed += 1
                    continue
                failed += 1
                if len(shown) < o.show:
                    shown.append((n, a, b))
            if orc != 0 or len(oc) != o.count or emu_broken:
                failed = max(failed, 1)
            total_pass += passed
            total_fail += failed
            print('%-12s %d passed, %d failed' % (g, passed, failed))
            for note in notes:
                print('  ' + note)
            for n, a, b in shown:
                print('  case %d:' % n)
                print('    emu:    %s' % (a or '(missing)'))
                print('    oracle: %s' % (b or '(missing)'))
                if a and b:
                    print('    differs: %s' % explain(a, b))
                print('    replay: %s' % shlex.join(emu + [o.prog, o.seed, g, '1', str(n), '-v']))
    if total_fail:
        print('FAILED with seed %s' % o.seed)
    print('%d passed, %d failed' % (total_pass, total_fail))
    return 1 if total_fail else 0


if __name__ == '__main__':
    sys.exit(main())
