#!/usr/bin/env python3
"""Runs one gdb-multiarch session (a command file) against the guest program
under qemu-aarch64 -g (the oracle) and under mimic-aarch64 -g, normalises the
two transcripts and requires them to be equal, and requires the program's
own output and exit status to be equal too.

Normalised, because they legitimately differ: the port, thread ids, the
addresses of the main stack and of mmapped areas (each emulator lays out its
guest address space its own way), qemu's extra system-register feature
(upper-case names in `info registers`) and gdb's warning that mimic offers
the exec file (qXfer:exec-file) but no file transfer.  Everything else must
match exactly.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ports import free_port, wait_listening  # noqa: E402


def run_session(emu, prog, script, gdb, tmp, tag):
    port = free_port()
    out = open(os.path.join(tmp, tag + '.out'), 'w+')
    err = open(os.path.join(tmp, tag + '.err'), 'w+')
    proc = subprocess.Popen(emu + ['-g', str(port), prog], stdout=out, stderr=err)
    if not wait_listening(port, proc):
        proc.kill()
        err.seek(0)
        sys.exit('%s: never listened on port %d: %s' % (tag, port, err.read()))
    try:
        g = subprocess.run([gdb, '-batch', '-nx', '-ex', 'target remote :%d' % port,
                            '-x', script, prog],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=120, text=True)
        rc = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        sys.exit('%s: timed out' % tag)
    out.seek(0)
    return g.stdout.replace(':%d' % port, ':PORT'), out.read(), rc


def normalise(text):
    lines = []
    for line in text.splitlines():
        if line.startswith('warning: remote target does not support file transfer'):
            continue
        if re.match(r'[A-Z][A-Z0-9_]+\s+0x[0-9a-f]+\s', line):
            continue    # qemu's system registers (org.qemu.gdb.arm.sys.regs)
        lines.append(line)
    text = '\n'.join(lines)
    # Thread ids, by order of appearance.
    tids = {}
    def tid(m):
        tids.setdefault(m.group(1), 'T%d' % (len(tids) + 1))
        return 'Thread 1.' + tids[m.group(1)]
    text = re.sub(r'Thread 1\.(\d+)', tid, text)
    # info threads pads its columns to the longest original id, whose
    # digits differ from run to run: one space between columns there.
    text = re.sub(r'^(\*| ) +(\d+) +(Thread .*\]\)) +', r'\1 \2 \3 ', text, flags=re.M)
    text = re.sub(r'^ +Id +Target Id +Frame *$', '  Id Target Id Frame', text, flags=re.M)
    # Stack and mmap addresses: relative to the first sp seen.
    m = re.search(r'^sp\s+0x([0-9a-f]+)', text, re.M)
    sp = int(m.group(1), 16) if m else None
    def addr(value, spelled):
        if value < 0x1000000000:
            return spelled
        if sp is not None and abs(value - sp) < (1 << 20):
            return 'STACK%+d' % (value - sp)
        return 'MMAP'
    text = re.sub(r'0x([0-9a-f]{9,16})\b', lambda m: addr(int(m.group(1), 16), m.group(0)), text)
    text = re.sub(r'(?<![0-9a-fx.])(\d{11,20})\b', lambda m: addr(int(m.group(1)), m.group(0)), text)
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mimic', required=True)
    ap.add_argument('--qemu', default='/usr/bin/qemu-aarch64')
    ap.add_argument('--gdb', default='gdb-multiarch')
    ap.add_argument('--prog', required=True)
    ap.add_argument('--script', required=True)
    ap.add_argument('--expect', action='append', default=[],
                    help='a line the mimic transcript must contain')
    ap.add_argument('--no-oracle', action='store_true',
                    help='qemu gets this session wrong: check --expect lines only')
    ap.add_argument('mimic_opts', nargs='*')
    a = ap.parse_args()
    prog = os.path.abspath(a.prog)
    with tempfile.TemporaryDirectory() as tmp:
        m = run_session([a.mimic] + a.mimic_opts, prog, a.script, a.gdb, tmp, 'mimic')
        if a.no_oracle:
            q = m
        else:
            q = run_session([a.qemu, '-cpu', 'cortex-a57'], prog, a.script, a.gdb, tmp, 'qemu')
    qt, mt = normalise(q[0]), normalise(m[0])
    ok = True
    if qt != mt:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(
            qt.splitlines(True), mt.splitlines(True), 'qemu', 'mimic'))
        print()
        ok = False
    if q[1:] != m[1:]:
        print('program output/status differ:\nqemu:  %r\nmimic: %r' % (q[1:], m[1:]))
        ok = False
    for e in a.expect:
        if e not in mt:
            print('transcript lacks %r' % e)
            ok = False
    if not ok:
        print('--- mimic transcript ---\n' + m[0])
        sys.exit(1)
    print(mt)
    print('program: %r' % (m[1:],))


if __name__ == '__main__':
    main()
