#!/usr/bin/env python3
"""The gdb stub against a peer that is not gdb: raw packets over a socket.

Bad checksums are refused with '-', stray bytes and a truncated packet are
skipped, an oversized packet is refused, unknown packets get the empty
reply, binary X writes with escapes land in guest memory, no-ack mode
works, and a connection closed while the guest runs leaves it running to its
normal output and exit status.  Also: -g with a port in use or a bad port
is a clear error and a non-zero exit before the guest starts, and QEMU_GDB
starts the stub as -g does.
"""
import argparse
import os
import re
import socket
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ports import free_port  # noqa: E402

failures = []


def check(cond, what):
    print(('ok    ' if cond else 'FAIL  ') + what)
    if not cond:
        failures.append(what)


def frame(body):
    return b'$' + body + b'#%02x' % (sum(body) & 0xff)


class Peer:
    def __init__(self, port, proc):
        end = time.time() + 20
        while True:
            try:
                self.s = socket.create_connection(('127.0.0.1', port), timeout=20)
                break
            except OSError:
                if time.time() > end or proc.poll() is not None:
                    sys.exit('mimic never listened')
                time.sleep(0.05)
        self.buf = b''
        self.ack = True

    def raw(self, data):
        self.s.sendall(data)

    def read_some(self):
        d = self.s.recv(65536)
        if not d:
            raise EOFError
        self.buf += d

    def next_ack(self):
        """The first '+' or '-' in what comes back."""
        while not self.buf:
            self.read_some()
        c, self.buf = self.buf[:1], self.buf[1:]
        return c

    def reply(self):
        while True:
            m = re.search(rb'\$([^#]*)#([0-9a-f]{2})', self.buf, re.S)
            if m:
                self.buf = self.buf[m.end():]
                if self.ack:
                    self.s.sendall(b'+')
                body = m.group(1)
                assert int(m.group(2), 16) == sum(body) & 0xff, 'bad checksum from mimic'
                return body
            self.read_some()

    def ask(self, body):
        self.raw(frame(body))
        if self.ack:
            a = self.next_ack()
            assert a == b'+', 'expected + for %r, got %r' % (body, a)
        return self.reply()


def session(mimic, prog, opts, use_env):
    port = free_port()
    env = dict(os.environ)
    args = [mimic] + opts
    if use_env:
        env['QEMU_GDB'] = str(port)
    else:
        args += ['-g', str(port)]
    proc = subprocess.Popen(args + [prog], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    p = Peer(port, proc)

    p.raw(b'hello\x03\x00garbage+')                      # noise outside packets
    p.raw(b'$qC#00')                                    # bad checksum
    check(p.next_ack() == b'-', 'a bad checksum is answered with -')
    p.raw(b'$qSupp' + frame(b'qC'))                     # truncated, then a good one
    check(p.next_ack() == b'+', 'a truncated packet is dropped, the next one taken')
    check(p.reply().startswith(b'QC'), 'qC answered after the truncated packet')
    p.raw(frame(b'm' * 9000))
    check(p.next_ack() == b'-', 'an oversized packet is refused with -')
    check(p.ask(b'qMimicNoSuchThing') == b'', 'an unknown query gets the empty reply')
    check(p.ask(b'\x7fjunk') == b'', 'an unknown command gets the empty reply')
    sup = p.ask(b'qSupported:multiprocess+;swbreak+')
    for feature in (b'PacketSize=1000', b'qXfer:features:read+', b'qXfer:threads:read+',
                    b'qXfer:auxv:read+', b'qXfer:exec-file:read+', b'vContSupported+',
                    b'QStartNoAckMode+', b'multiprocess+'):
        check(feature in sup, 'qSupported offers %s' % feature.decode())
    check(p.ask(b'QStartNoAckMode') == b'OK', 'QStartNoAckMode accepted')
    p.ack = False
    check(p.ask(b'?').startswith(b'T05thread:p1.'), '? gives a T05 stop reply in no-ack mode')
    check(p.ask(b'Z2,1000,4') == b'OK', 'a write watchpoint is set')
    check(p.ask(b'z2,1000,4') == b'OK', 'and removed')
    check(p.ask(b'z2,1000,4').startswith(b'E'), 'removing it again is an error')
    check(p.ask(b'Z3,1000,0').startswith(b'E'), 'a watchpoint of no bytes is an error')
    check(p.ask(b'Z4,ffffffffffffffff,2').startswith(b'E'), 'one that wraps is an error')
    check(p.ask(b'Z5,1000,4') == b'', 'an unknown Z type gets the empty reply')
    check(p.ask(b'm0,4') == b'E14', 'reading unmapped memory is E14')
    check(p.ask(b'mzz') == b'E14', 'a malformed m packet is an error, not a crash')
    check(p.ask(b'p9999') == b'E14', 'an unknown register is an error')
    xml = p.ask(b'qXfer:features:read:target.xml:0,ffb')
    check(xml.startswith(b'l') and b'aarch64-core.xml' in xml, 'target.xml names the core feature')
    fpu = p.ask(b'qXfer:features:read:aarch64-fpu.xml:0,ffb')
    check(b'name="v31" bitsize="128" type="aarch64v"' in fpu and b'fpcr' in fpu,
          'the fpu feature has v31 and fpcr')
    exe = p.ask(b'qXfer:exec-file:read::0,ffb')
    check(exe == b'l' + os.path.realpath(prog).encode(), 'exec-file is the program')
    # A binary write whose bytes need escapes ('#', '$', '}', '*'), read back.
    sym = subprocess.run(['aarch64-linux-gnu-nm', prog], stdout=subprocess.PIPE,
                         text=True).stdout
    table = int(re.search(r'^([0-9a-f]+) D table$', sym, re.M).group(1), 16)
    data = b'#$}*\x00\x01'
    esc = b''.join(b'}' + bytes([c ^ 0x20]) if c in b'#$}*' else bytes([c]) for c in data)
    check(p.ask(b'X%x,%x:' % (table, len(data)) + esc) == b'OK', 'X with escaped bytes is OK')
    check(p.ask(b'm%x,%x' % (table, len(data))) == data.hex().encode(),
          'the escaped bytes read back as written')
    # Put the table back, so that the program's output is its normal one.
    check(p.ask(b'M%x,8:0100000002000000' % table) == b'OK', 'M writes memory')
    in_thread = int(re.search(r'^([0-9a-f]+) T in_thread$', sym, re.M).group(1), 16)
    check(p.ask(b'Z0,%x,4' % in_thread) == b'OK', 'Z0 inserts a breakpoint')
    p.raw(frame(b'vCont;c'))
    # Gone while the guest runs: it must run on to its normal end.
    out = close_and_wait(p, proc)
    if out is None:
        check(False, 'mimic finishes after the connection closed (it hung)')
        return
    check(out == b'sum 15\nthread 1\nsignal 10 counter 5\n',
          'the program prints its normal output after the connection closed: %r' % out)
    check(proc.returncode == 3, 'the program exits with its own status (%d)' % proc.returncode)


def close_and_wait(p, proc):
    """Closes gdb's side of the connection and waits for the program to
    end: its standard output, or None if it hung (then it is killed)."""
    p.s.close()
    try:
        return proc.communicate(timeout=60)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return None


def start_spin(mimic, prog, opts):
    """The guest's spin mode under gdb's eye: its process, the peer, and
    the program's symbol table (nm's text)."""
    port = free_port()
    proc = subprocess.Popen([mimic] + opts + ['-g', str(port), prog, 'spin'],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sym = subprocess.run(['aarch64-linux-gnu-nm', prog], stdout=subprocess.PIPE,
                         text=True).stdout
    return proc, Peer(port, proc), sym


def symbol(sym, kinds, name):
    return int(re.search(r'^([0-9a-f]+) [%s] %s$' % (kinds, name), sym, re.M).group(1), 16)


def all_stop(mimic, prog, opts):
    """One thread at a breakpoint stops the others: the main thread's
    counter holds still while gdb looks.  Then the connection closes while
    the guest is stopped."""
    proc, p, sym = start_spin(mimic, prog, opts)
    in_thread = symbol(sym, 'T', 'in_thread')
    count = symbol(sym, 'bB', 'spin_count')
    p.ask(b'qSupported:multiprocess+')
    check(p.ask(b'Z0,%x,4' % in_thread) == b'OK', 'all-stop: breakpoint in the second thread')
    stop = p.ask(b'vCont;c')
    check(stop.startswith(b'T05thread:p1.'), 'all-stop: the second thread stops (%r)' % stop)
    first = p.ask(b'm%x,8' % count)
    time.sleep(0.3)
    second = p.ask(b'm%x,8' % count)
    check(first == second and first != b'0' * 16,
          'all-stop: the spinning main thread is stopped too (%r, %r)' % (first, second))
    threads = p.ask(b'qfThreadInfo')
    check(threads.count(b'p1.') == 2, 'all-stop: two threads listed (%r)' % threads)
    # A breakpoint where the main thread spins: if closing did not drop
    # it, the main thread would stop there for ever.
    stopped = re.search(rb'thread:(p1\.[0-9a-f]+);', stop).group(1)
    main = [t for t in threads[1:].split(b',') if t != stopped][0]
    check(p.ask(b'Hg' + main) == b'OK', 'all-stop: Hg selects the main thread')
    pc = int.from_bytes(bytes.fromhex(p.ask(b'p20').decode()), 'little')
    check(p.ask(b'Z0,%x,4' % pc) == b'OK', 'all-stop: a breakpoint in the spin loop')
    # Gone while the guest is stopped: it runs on, without the breakpoints.
    out = close_and_wait(p, proc)
    check(out == b'spun\n' and proc.returncode == 0,
          'all-stop: the program ends normally (%r, %d)' % (out, proc.returncode))


def interrupt(mimic, prog, opts):
    """gdb's Ctrl-C (0x03) while the guest runs stops it with SIGINT."""
    proc, p, sym = start_spin(mimic, prog, opts)
    count = symbol(sym, 'bB', 'spin_count')
    p.ask(b'qSupported:multiprocess+')
    p.raw(frame(b'vCont;c'))
    check(p.next_ack() == b'+', 'interrupt: vCont acknowledged')
    time.sleep(0.05)
    p.raw(b'\x03')
    stop = p.reply()
    check(stop.startswith(b'T02thread:p1.'), 'interrupt: Ctrl-C stops with SIGINT (%r)' % stop)
    first = p.ask(b'm%x,8' % count)
    time.sleep(0.2)
    check(p.ask(b'm%x,8' % count) == first, 'interrupt: the guest stays stopped')
    check(p.ask(b'vCont;c') == b'W00', 'interrupt: continued, the program exits')
    out, err = proc.communicate(timeout=60)
    check(out == b'spun\n' and proc.returncode == 0,
          'interrupt: the program ends normally (%r, %d)' % (out, proc.returncode))


def bad_port(mimic, prog):
    busy = socket.socket()
    busy.bind(('0.0.0.0', 0))
    busy.listen(1)
    port = busy.getsockname()[1]
    r = subprocess.run([mimic, '-g', str(port), prog], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=30, text=True)
    check(r.returncode != 0 and 'in use' in r.stderr and r.stdout == '',
          '-g with a port in use fails before the guest runs: %r' % r.stderr.strip())
    busy.close()
    r = subprocess.run([mimic, '-g', 'notaport', prog], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=30, text=True)
    check(r.returncode != 0 and 'notaport' in r.stderr and r.stdout == '',
          '-g with a bad port fails clearly: %r' % r.stderr.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mimic', required=True)
    ap.add_argument('--prog', required=True)
    ap.add_argument('mimic_opts', nargs='*')
    a = ap.parse_args()
    prog = os.path.abspath(a.prog)
    session(a.mimic, prog, a.mimic_opts, use_env=False)
    session(a.mimic, prog, a.mimic_opts, use_env=True)
    all_stop(a.mimic, prog, a.mimic_opts)
    interrupt(a.mimic, prog, a.mimic_opts)
    bad_port(a.mimic, prog)
    if failures:
        sys.exit('%d checks failed' % len(failures))


if __name__ == '__main__':
    main()
