#!/usr/bin/env python3
"""Owns: showing, for the N hottest guest blocks of one run, each guest
instruction beside the host instructions mimic and qemu-aarch64 emit for it.

    python3 bench/hot-blocks.py [-n 5] [-L SYSROOT] [--build build] -- PROG [ARGS...]

Each emulator runs the program twice (both runs log to files in a temporary
folder, read by asmlog.py):
  1. `-d in_asm,exec,nochain`: every block entry is logged (no chaining), so
     counting entries per guest address gives how hot each block is;
  2. `-d in_asm,out_asm`: the host code of an ordinary (chained) run.
Blocks are ranked by mimic's count of guest instructions executed in them
(entries x length).  For each, every guest instruction is printed with the
host code of mimic (left) and of qemu (right) that carries its marker
("-- guest ..." in mimic's log, "-- guest addr ..." in qemu's); qemu's code
comes from its block starting at the same instruction, else from any block
that holds it.  The two emulators place shared libraries (and PIE programs)
at different addresses: the offsets between their address spaces are found
by matching blocks with the same instructions (immediates aside) and voting;
a block's counterpart is the one at a voted offset with the same text.  Host code under no guest marker (mimic's entry check,
exits, cold paths; qemu's slow paths and constant pool) is counted at the
end of each block.  qemu puts its block-entry check under the first guest
instruction ("+ tb prologue").

The logs grow with the run (the exec log by one line per block entered):
give the program a small workload (the bench programs take a percentage,
e.g. build/bench/bin/hash.arm64 2).
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import asmlog  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU = '/usr/bin/qemu-aarch64'


def run(argv, log, items, tmp):
    """Runs argv with `-d items -D log`; dies with the guest's stderr tail
    when the emulator fails."""
    cmd = [argv[0], '-d', items, '-D', log] + argv[1:]
    err = os.path.join(tmp, 'stderr')
    with open(err, 'wb') as e:
        rc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=e).returncode
    if rc != 0:
        with open(err, errors='replace') as f:
            tail = f.read().strip().splitlines()[-5:]
        print(f'hot-blocks: `{" ".join(cmd)}` exited {rc}', file=sys.stderr)
        for line in tail:
            print('  ' + line, file=sys.stderr)
    return rc


def profile(emu, prog, tmp, name):
    """(entries per block address, guest length per block address, blocks
    by address from the ordinary run, guest address -> host lines)."""
    counts, length = collections.Counter(), {}
    log = os.path.join(tmp, name + '-exec.log')
    if run(emu + prog, log, 'in_asm,exec,nochain', tmp) != 0:
        return None

    def note(b):
        length[b.pc] = len(b.guest)

    def hit(pc):
        counts[pc] += 1
    with open(log, errors='replace') as f:
        asmlog.read(f, on_block=note, on_trace=hit)
    os.remove(log)

    blocks, by_insn = {}, {}
    log = os.path.join(tmp, name + '-asm.log')
    if run(emu + prog, log, 'in_asm,out_asm', tmp) != 0:
        return None

    def keep(b):
        blocks[b.pc] = b                      # the last translation wins
        for addr, text in b.guest:
            by_insn.setdefault(addr, b)
    with open(log, errors='replace') as f:
        asmlog.read(f, on_block=keep)
    os.remove(log)
    return counts, length, blocks, by_insn


def norm(text):
    """An instruction without its numbers (addresses differ between the two
    emulators' layouts)."""
    return re.sub(r'#-?(0x[0-9a-f]+|\d+)|0x[0-9a-f]+', 'N', text)


def offsets(mblocks, qblocks):
    """qemu address - mimic address for the same code, most voted first: each
    mimic block of 4+ instructions whose text matches exactly one qemu
    block votes for the difference of their addresses."""
    qsig = collections.defaultdict(list)
    for pc, b in qblocks.items():
        if len(b.guest) >= 4:
            qsig[tuple(norm(t) for _, t in b.guest)].append(pc)
    votes = collections.Counter()
    for pc, b in mblocks.items():
        cands = qsig.get(tuple(norm(t) for _, t in b.guest), []) if len(b.guest) >= 4 else []
        if len(cands) == 1:
            votes[cands[0] - pc] += 1
    return [0] + [d for d, n in votes.most_common() if n >= 2 and d != 0]


def counterpart(mb, qblocks, qby, deltas):
    """The offset at which qemu has mimic block mb's first instruction with
    the same text (None: nowhere)."""
    pc, text = mb.guest[0]
    for d in deltas:
        qb = qblocks.get(pc + d) or qby.get(pc + d)
        if qb and any(a == pc + d and norm(t) == norm(text) for a, t in qb.guest):
            return d
    return None


def host_for(block, addr):
    return [t for g, t in block.host if g == addr] if block else []


def clip(text, width):
    text = ' '.join(text.split())
    return text if len(text) <= width else text[:width - 1] + '~'


def show(rank, pc, m, q, deltas, total, width):
    mcounts, mlen, mblocks, _ = m
    qcounts, qlen, qblocks, qby = q
    mb = mblocks.get(pc)
    execd = mcounts[pc] * mlen.get(pc, 0)
    d = counterpart(mb, qblocks, qby, deltas) if mb else None
    qpc = None if d is None else pc + d
    qb = qblocks.get(qpc)
    where = '' if not d else f' at 0x{qpc:x}'
    print(f'#{rank} block 0x{pc:x}: {mlen.get(pc, 0)} guest insns, entered {mcounts[pc]:,} times '
          f'under mimic ({100 * execd / total:.1f}% of its executed guest insns), '
          f'{qcounts.get(qpc, 0):,} under qemu{where}')
    if mb is None:
        print('  (mimic\'s ordinary run did not translate this block: it differs from the logged one)\n')
        return
    qsize = (f'{qb.size} bytes' if qb else 'no block starting here') if d is not None \
        else 'code not found'
    print(f'  host code: mimic {mb.size} bytes, qemu {qsize}')
    print(f'  {"":<4}{"mimic":<{width}} | qemu')
    tot_m = tot_q = 0
    for addr, text in mb.guest:
        qa = None if d is None else addr + d
        qsrc = qb if qb and any(a == qa for a, _ in qb.guest) else qby.get(qa)
        left, right = host_for(mb, addr), host_for(qsrc, qa)
        tot_m, tot_q = tot_m + len(left), tot_q + len(right)
        print(f'  0x{addr:x}:  {text}   [{len(left)} : {len(right)}]')
        for i in range(max(len(left), len(right))):
            a = clip(left[i], width) if i < len(left) else ''
            b = clip(right[i], width) if i < len(right) else ''
            print(f'  {"":<4}{a:<{width}} | {b}')
    other_m = sum(1 for g, _ in mb.host if g is None)
    other_q = sum(1 for g, _ in qb.host if g is None) if qb else 0
    print(f'  host insns under guest markers: mimic {tot_m}, qemu {tot_q}; outside them '
          f'(entry check, exits, cold/slow paths, data): mimic {other_m}, qemu {other_q}\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('-n', type=int, default=5, help='how many blocks (default 5)')
    ap.add_argument('-L', dest='sysroot', help='sysroot for both emulators (dynamic programs)')
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--mimic', help='mimic binary (default BUILD/mimic-aarch64)')
    ap.add_argument('--qemu', default=QEMU)
    ap.add_argument('--width', type=int, default=48, help='width of the mimic column')
    ap.add_argument('prog', nargs=argparse.REMAINDER, help='-- PROG [ARGS...]')
    a = ap.parse_args()
    prog = a.prog[1:] if a.prog[:1] == ['--'] else a.prog
    if not prog:
        ap.error('no program given')
    mimic = a.mimic or os.path.join(a.build, 'mimic-aarch64')
    for exe in (mimic, a.qemu):
        if not os.access(exe, os.X_OK):
            sys.exit(f'hot-blocks: {exe} is not an executable')
    lopt = ['-L', a.sysroot] if a.sysroot else []
    with tempfile.TemporaryDirectory(prefix='hot-blocks.') as tmp:
        m = profile([mimic] + lopt, prog, tmp, 'mimic')
        q = profile([a.qemu] + lopt, prog, tmp, 'qemu')
    if m is None or q is None:
        return 1
    mcounts, mlen = m[0], m[1]
    execd = {pc: n * mlen.get(pc, 0) for pc, n in mcounts.items()}
    total = sum(execd.values()) or 1
    hot = sorted(execd, key=lambda pc: (-execd[pc], pc))[:a.n]
    deltas = offsets(m[2], q[2])
    print(f'{" ".join(prog)}: {total:,} guest insns executed under mimic in {len(mcounts):,} blocks; '
          f'[mimic : qemu] = host insns per guest insn\n')
    for rank, pc in enumerate(hot, 1):
        show(rank, pc, m, q, deltas, total, a.width)
    return 0


if __name__ == '__main__':
    sys.exit(main())
