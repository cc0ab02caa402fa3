#!/usr/bin/env python3
"""Owns: the human monitor's stop, cont, system_reset and quit while gdb
is attached to the machine, checked against qemu-system-aarch64 7.2.

Each emulator runs the bare-metal program stopped (-S) with its stub on
TCP and its monitor on a unix socket; this script is gdb (raw remote
protocol, ack mode, as gdb-multiarch speaks it) and the monitor's user.
The program's entry is made a branch to itself through gdb's memory
write, so that the machine runs for as long as the script likes.  Every
step records what gdb hears (or that it hears nothing) and the monitor's
`info status`; the records of both emulators must be equal, and qemu's
must show what the checks below say, so that the test cannot pass on two
emulators that ignore the monitor alike.

What qemu does (gdbstub.c's vm state change handler and read loop):
- `stop` while gdb runs the machine: a SIGINT stop reply (T02) for the
  vCPU of the last stop;
- `cont` while gdb looks at it stopped: the machine runs, gdb is not
  told; gdb's next packet stops it again and is answered with a T02 stop
  reply (its first byte is dropped: gdb takes the reply for a stale one
  and sends the packet again, which is then answered);
- `system_reset`: gdb is not told; running, the program starts over from
  its reloaded image (our branch to itself gone) and runs to its end, W00;
- `quit`, gdb running or stopped: W00, then the connection closes.
"""
import argparse
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
from gdbsession import Rsp, connect, finish, free_port, listening, machine, run_gdb  # noqa: E402

SILENCE = 0.5       # seconds of nothing from the stub that count as silence
BRANCH_TO_SELF = b'00000014'    # b . (0x14000000), little-endian


class Monitor:
    """The monitor on a unix socket: a command in, its output (the echo
    and prompt left out) back once the next prompt comes."""

    def __init__(self, path, proc):
        self.s = socket.socket(socket.AF_UNIX)
        end = time.time() + 20
        while True:
            try:
                self.s.connect(path)
                break
            except OSError:
                if time.time() > end or (proc and proc.poll() is not None):
                    raise
                time.sleep(0.05)
        self.read()

    def read(self, timeout=5):
        out = b''
        end = time.time() + timeout
        while b'(qemu) ' not in out and time.time() < end:
            self.s.settimeout(max(end - time.time(), 0.01))
            try:
                d = self.s.recv(4096)
            except socket.timeout:
                break
            if not d:
                break
            out += d
        text = out.decode(errors='replace').replace('\r', '')
        # The line editor redraws the line (ESC [K, ESC [D): keep what
        # follows the last redraw of each line.
        text = re.sub(r'[^\n]*\x1b\[K', '', text)
        return text.replace('(qemu) ', '').strip()

    def run(self, cmd):
        self.s.sendall(cmd.encode() + b'\n')
        return self.read()


def thread_ids(pkt):
    """Thread ids as numbers: qemu writes 01 where mimic writes 1, both
    valid hex to gdb."""
    if not isinstance(pkt, bytes):
        return pkt
    return re.sub(rb'thread:([0-9a-f]+);', lambda m: b'thread:%x;' % int(m.group(1), 16), pkt)


def pc(rsp):
    """The pc from g: x0-x30 and sp, 8 bytes each, then pc."""
    regs = rsp.ask(b'g')
    return regs[512:528] if isinstance(regs, bytes) else regs


def boot(emu, prog, tmp):
    """The machine, stopped, its stub listening: (process, stub port,
    monitor socket)."""
    port = free_port()
    mon_path = os.path.join(tmp, 'mon-%s.sock' % os.path.basename(emu))
    args = ['-M', 'virt', '-cpu', 'cortex-a57', '-smp', '1', '-m', '256M', '-nographic',
            '-semihosting', '-kernel', prog,
            '-monitor', 'unix:%s,server=on,wait=off' % mon_path]
    proc = machine(emu, args, port)
    listening(emu, proc, port)
    return proc, port, mon_path


def start(emu, prog, tmp):
    proc, port, mon_path = boot(emu, prog, tmp)
    s = connect(port, proc)
    if not s:
        sys.exit('%s: no gdb connection' % emu)
    rsp = Rsp(s)
    mon = Monitor(mon_path, proc)
    log = [('attach ?', thread_ids(rsp.ask(b'?')))]
    entry_pc = pc(rsp)
    entry = int.from_bytes(bytes.fromhex(entry_pc.decode()), 'little')
    log.append(('branch to self at entry', rsp.ask(b'M%x,4:%s' % (entry, BRANCH_TO_SELF))))
    return proc, rsp, mon, log, entry_pc


def stop_cont_reset_quit(emu, prog, tmp):
    proc, rsp, mon, log, entry_pc = start(emu, prog, tmp)

    def gdb_hears(what):
        log.append((what, thread_ids(rsp.reply(SILENCE if what.endswith('?') else 10))))

    rsp.send(b'vCont;c')
    gdb_hears('gdb continue: anything?')
    log.append(('status', mon.run('info status')))
    mon.run('stop')
    gdb_hears('monitor stop: stop reply')
    log.append(('status', mon.run('info status')))
    log.append(('pc is entry', pc(rsp) == entry_pc))
    mon.run('stop')
    gdb_hears('monitor stop again: anything?')
    mon.run('cont')
    gdb_hears('monitor cont: anything?')
    log.append(('status', mon.run('info status')))
    rsp.send(b'g')
    gdb_hears('gdb g while running: stop reply')
    log.append(('status', mon.run('info status')))
    log.append(('gdb g again: pc is entry', pc(rsp) == entry_pc))
    rsp.send(b'vCont;c')
    gdb_hears('gdb continue again: anything?')
    mon.run('stop')
    gdb_hears('monitor stop: stop reply')
    mon.run('system_reset')
    gdb_hears('monitor system_reset, stopped: anything?')
    mon.run('quit')
    gdb_hears('monitor quit, stopped: exit')
    gdb_hears('then: closed')
    out, status = finish(proc)
    log.append(('exit status', status))
    return log


def quit_running(emu, prog, tmp):
    proc, rsp, mon, log, _ = start(emu, prog, tmp)
    rsp.send(b'vCont;c')
    log.append(('gdb continue: anything?', rsp.reply(SILENCE)))
    mon.run('quit')
    log.append(('monitor quit, running: exit', rsp.reply(10)))
    log.append(('then: closed', rsp.reply(10)))
    log.append(('exit status', finish(proc)[1]))
    return log


def reset_running(emu, prog, tmp):
    """The reset reloads the image: the program runs from its entry to
    its end, which gdb hears as the exit."""
    proc, rsp, mon, log, _ = start(emu, prog, tmp)
    rsp.send(b'vCont;c')
    log.append(('gdb continue: anything?', rsp.reply(SILENCE)))
    mon.s.sendall(b'system_reset\n')
    log.append(('monitor system_reset, running: exit', rsp.reply(20)))
    out, status = finish(proc)
    log.append(('program output', re.findall(r'total=.*', out)))
    log.append(('exit status', status))
    return log


def real_gdb(emu, prog, tmp, gdb):
    """The same with gdb-multiarch, which takes no-ack mode where the
    stub offers it (mimic's does, qemu 7.2's does not): the monitor's
    stop, then cont and gdb's next request (a register read), then quit,
    from gdb's shell (this script with --send); gdb's transcript."""
    proc, port, mon_path = boot(emu, prog, tmp)
    send = ' '.join(shlex.quote(w) for w in
                    [sys.executable, os.path.abspath(__file__), '--send', mon_path])
    text = run_gdb(gdb, port, [
        '-ex', 'set *(int *)$pc = 0x14000000',
        '-ex', 'shell (sleep 0.5; %s stop) &' % send, '-ex', 'continue',
        '-ex', 'shell %s cont' % send,
        '-ex', 'maintenance flush register-cache', '-ex', 'p $pc', '-ex', 'info threads',
        '-ex', 'shell (sleep 0.5; %s quit) &' % send, '-ex', 'continue'], timeout=30)
    status = finish(proc)[1]
    return [(line, True) for line in text.splitlines()] + [('exit status', status)]


# What qemu's records must hold, by scenario and step (see the overview):
# each step present, with this value.
ORACLE_FACTS = {
    'stop_cont_reset_quit': [
        ('monitor stop: stop reply', b'T02thread:1;'),
        ('monitor cont: anything?', None),
        ('gdb g while running: stop reply', b'T02thread:1;'),
        ('monitor system_reset, stopped: anything?', None),
        ('monitor quit, stopped: exit', b'W00'),
    ],
    'quit_running': [('monitor quit, running: exit', b'W00')],
    'reset_running': [('monitor system_reset, running: exit', b'W00')],
    'real_gdb': [('Program received signal SIGINT, Interrupt.', True),
                 ('[Inferior 1 (process 1) exited normally]', True)],
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mimic')
    ap.add_argument('--oracle', default='/usr/bin/qemu-system-aarch64')
    ap.add_argument('--gdb', default='gdb-multiarch')
    ap.add_argument('--prog')
    ap.add_argument('--send', nargs=2, metavar=('SOCKET', 'COMMAND'),
                    help="only run COMMAND on the monitor at SOCKET (for gdb's shell)")
    a = ap.parse_args()
    if a.send:
        Monitor(a.send[0], None).run(a.send[1])
        return
    if not a.mimic or not a.prog:
        ap.error('--mimic and --prog are needed')
    scenarios = [stop_cont_reset_quit, quit_running, reset_running,
                 lambda emu, prog, tmp: real_gdb(emu, prog, tmp, a.gdb)]
    fails = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, scenario in zip(ORACLE_FACTS, scenarios):
            q = scenario(a.oracle, a.prog, tmp)
            m = scenario(a.mimic, a.prog, tmp)
            print('== %s' % name)
            for i in range(max(len(q), len(m))):
                qs = q[i] if i < len(q) else None
                ms = m[i] if i < len(m) else None
                ok = qs == ms
                print('%s %-45s qemu %-22r mimic %r' % ('ok  ' if ok else 'FAIL',
                      (qs or ms)[0], qs and qs[1], ms and ms[1]))
                fails += not ok
            for step, want in ORACLE_FACTS[name]:
                got = dict(q).get(step, 'absent')
                if got != want:
                    print('FAIL qemu itself: %s gave %r, not %r' % (step, got, want))
                    fails += 1
    sys.exit(1 if fails else 0)


main()
