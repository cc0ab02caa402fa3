#!/usr/bin/env python3
"""Owns: the gdb stub in system mode, checked against qemu-system-aarch64
7.2.  Session mode runs one gdb-multiarch command file against the
bare-metal program under `-S -gdb tcp::PORT` of both emulators and requires
the normalised transcripts (and the program's semihosting output) to be
equal.  Robust mode sends malformed packets to mimic's stub and requires
answers or silence, then a normal run to the end; and gdb's interrupt
(0x03) must stop a running machine.

Normalised, because they legitimately differ: the port.  With --tdesc the
target descriptions are compared too: the same core and FP/SIMD registers,
and mimic's system registers a subset of qemu's, each described as qemu
does (mimic lacks EL2/EL3 and implementation-defined registers).
"""
import argparse
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True
from gdbsession import Rsp, connect, frame, free_port, machine as stopped_machine, \
    session as gdb_session  # noqa: E402


def board(prog, smp):
    return ['-M', 'virt', '-cpu', 'cortex-a57', '-smp', str(smp), '-m', '256M',
            '-nographic', '-semihosting', '-kernel', prog]


def machine(emu, prog, smp, port):
    return stopped_machine(emu, board(prog, smp), port)


def session(emu, gdb, prog, script, smp):
    return gdb_session(emu, board(prog, smp), gdb, ['-x', script, prog])


def described_regs(emu, a):
    """The registers of the description gdb read: (feature, name, bitsize,
    type, group) each."""
    text = session(emu, a.gdb, a.prog, os.path.join(os.path.dirname(a.script), 'tdesc.gdb'),
                   1)[0]
    regs, feature = set(), None
    for line in text.splitlines():
        m = re.search(r'<feature name="([^"]+)"', line)
        if m:
            feature = m.group(1)
        m = re.search(r'<reg name="([^"]+)" bitsize="(\d+)"(?: type="([^"]+)")?'
                      r'(?: regnum="\d+")?(?: group="([^"]+)")?', line)
        if m:
            regs.add((feature,) + m.groups())
    return regs


def run_sessions(a):
    fails = []
    if a.tdesc:
        # mimic describes a subset of qemu's system registers (those it
        # has), each as qemu does, and the core and FP registers alike.
        q, m = described_regs(a.oracle, a), described_regs(a.mimic, a)
        extra = sorted(m - q)
        core = lambda regs: {r for r in regs if 'sys.regs' not in r[0]}
        if extra or core(q) != core(m) or len(m) < 100:
            fails.append('description')
            print('FAIL description: mimic-only %s; %d registers' % (extra, len(m)))
    o = session(a.oracle, a.gdb, a.prog, a.script, a.smp)
    e = session(a.mimic, a.gdb, a.prog, a.script, a.smp)
    for what, x, y in (('gdb transcript', o[0], e[0]), ('program output', o[1], e[1]),
                       ('exit status', o[2], e[2])):
        if x != y:
            fails.append(what)
            print('FAIL %s differs\n--- qemu\n%s\n--- mimic\n%s' % (what, x, y))
    for want in a.expect:
        if want not in e[0]:
            fails.append(want)
            print('FAIL mimic transcript lacks %r' % want)
    if not fails:
        print(e[0])
    return 1 if fails else 0


def stub_session(a):
    """A stopped one-CPU machine with the stub listening: its process, the
    connected socket and a reader of the stub's next packet (acknowledged)."""
    port = free_port()
    proc = machine(a.mimic, a.prog, 1, port)
    s = connect(port, proc)
    if not s:
        sys.exit('mimic never listened')
    rsp = Rsp(s)

    def reply():
        r = rsp.reply()
        if r is None or r == 'EOF':
            raise EOFError
        return r
    return proc, s, reply


def run_robust(a):
    """Garbage at the stub of a stopped machine: every packet is answered
    (or, for framing errors, refused or skipped), nothing hangs, and the
    machine then runs to its end.  An error or the empty reply, as qemu
    answers some of these with either; watchpoints may be supported."""
    proc, s, reply = stub_session(a)

    fails = []

    def ask(body, want=None):
        s.sendall(frame(body))
        r = reply()
        ok = want is None or re.fullmatch(want, r) is not None
        print(('ok    ' if ok else 'FAIL  ') + '%r -> %r' % (body[:40], r[:60]))
        if not ok:
            fails.append(body)
        return r

    # Framing: a bad checksum is refused with '-', stray bytes are skipped.
    s.sendall(b'$g#00')
    d = s.recv(1)
    ok = d == b'-'
    print(('ok    ' if ok else 'FAIL  ') + 'bad checksum -> %r' % d)
    fails += [] if ok else ['bad checksum']
    s.sendall(b'garbage\x00\xff')
    ask(b'?', rb'T05thread:[0-9a-fp.]+;')
    for body, want in ((b'Zz', rb'(E\w\w)?'), (b'Z0', rb'E\w\w'), (b'Z9,0,4', rb''),
                       (b'Z2,40000000,4', rb'(OK)?'), (b'm', rb'E\w\w'), (b'mzz,4', rb'(E\w\w)?'),
                       (b'mffffffffffff0000,8', rb'E\w\w'), (b'M40000000,4:zz', rb'E\w\w'),
                       (b'p99999', rb'(E\w\w)?'), (b'P0=', rb'(E\w\w)?'), (b'Hg999', rb'E\w\w'),
                       (b'T999', rb'E\w\w'), (b'vCont;x', rb'(E\w\w)?'), (b'qXfer:features:read:nofile.xml:0,10', rb'E\w\w'),
                       (b'qXfer:features:read:target.xml:zz', rb'(E\w\w)?'), (b'qUnknown', rb''),
                       (b'\x01\x02', rb''), (b'Hg0', rb'OK'), (b'g', rb'[0-9a-f]+')):
        ask(body, want)
    s.sendall(frame(b'c'))
    s.close()
    try:
        out = proc.communicate(timeout=20)[0].decode(errors='replace')
    except subprocess.TimeoutExpired:
        proc.kill()
        out = '(did not finish)'
    ok = 'total=' in out and proc.returncode == 0
    print(('ok    ' if ok else 'FAIL  ') + 'runs to its end after gdb left: %r' % out[-60:])
    if not ok:
        fails.append('run on')
    return 1 if fails else 0


def run_interrupt(a):
    """gdb's Ctrl-C stops a running machine: the entry instruction made a
    branch to itself through gdb's memory write, the machine continued,
    then 0x03 must bring a SIGINT stop reply (T02) with the pc still
    there, and gdb's kill must end the process."""
    proc, s, reply = stub_session(a)

    def ask(body):
        s.sendall(frame(body))
        return reply()

    fails = []

    def pc():
        # From g (qemu answers p only after gdb read the description):
        # x0-x30 and sp, 8 bytes each, then pc.
        return ask(b'g')[512:528]

    before = pc()
    entry = int.from_bytes(bytes.fromhex(before.decode()), 'little')
    ok = ask(b'M%x,4:00000014' % entry) == b'OK'
    s.sendall(frame(b'c'))
    time.sleep(0.5)
    s.sendall(b'\x03')
    stop = reply()
    ok = ok and re.fullmatch(rb'T02thread:[0-9a-f]+;', stop) is not None
    ok = ok and pc() == before
    print(('ok    ' if ok else 'FAIL  ') + 'Ctrl-C while running at 0x%x -> %r' % (entry, stop))
    if not ok:
        fails.append('interrupt')
    s.sendall(frame(b'k'))
    try:
        proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        fails.append('kill')
        print('FAIL  kill did not end the process')
    return 1 if fails else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mimic', required=True)
    ap.add_argument('--oracle', default='/usr/bin/qemu-system-aarch64')
    ap.add_argument('--gdb', default='gdb-multiarch')
    ap.add_argument('--prog', required=True)
    ap.add_argument('--script')
    ap.add_argument('--smp', type=int, default=1)
    ap.add_argument('--expect', action='append', default=[])
    ap.add_argument('--robust', action='store_true')
    ap.add_argument('--tdesc', action='store_true',
                    help='also compare the target descriptions')
    a = ap.parse_args()
    if a.robust:
        sys.exit(run_robust(a) | run_interrupt(a))
    sys.exit(run_sessions(a))


main()
