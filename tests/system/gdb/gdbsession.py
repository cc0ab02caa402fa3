"""Owns: gdb-multiarch batch sessions against a machine of either
emulator with its stub on `-gdb tcp::PORT`, stopped from its start (-S)
or running, for the system-mode gdb tests (gdb-system.py on the
bare-metal programs, gdb-kernel.py on a Linux boot): starting the
machine, waiting until its stub listens, running gdb, then collecting the
machine's output and exit status; and a raw remote-protocol client
(connect, frame, Rsp) for tests that send packets themselves."""
import os
import re
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'gdbstub'))
from ports import free_port, wait_listening  # noqa: E402


def machine(emu, args, port, stopped=True):
    """emu with args, its stub on the loopback's port, stopped (-S) or
    running.  -nic none for qemu: Debian's looks for the default NIC's
    option ROM (package ipxe-qemu) and refuses to start without it."""
    cmd = [emu] + args + (['-S'] if stopped else []) + ['-gdb', 'tcp::%d' % port]
    if os.path.basename(emu).startswith('qemu-'):
        cmd += ['-nic', 'none']
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


def listening(emu, proc, port):
    """Returns once proc's stub listens; ends the test if it never does."""
    if not wait_listening(port, proc):
        proc.kill()
        sys.exit('%s never listened on %d: %s' % (emu, port, proc.communicate()[0]))


def run_gdb(gdb, port, gdb_args, timeout=60):
    """gdb -batch connected to the stub at port, then gdb_args (-x FILE,
    -ex COMMAND, the program): its transcript, the port as PORT.  timeout
    bounds gdb (a last `continue` waits for the machine's end)."""
    try:
        g = subprocess.run([gdb, '-batch', '-nx', '-ex', 'target remote :%d' % port] + gdb_args,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=timeout)
        text = g.stdout
    except subprocess.TimeoutExpired as e:
        text = e.stdout or b''    # bytes, text=True or not
        text = (text.decode(errors='replace') if isinstance(text, bytes) else text) \
            + '\n(gdb timed out)'
    return text.replace(':%d' % port, ':PORT')


def finish(proc, exit_timeout=20):
    """The machine's (remaining) output and exit status, once it ends;
    killed after exit_timeout seconds."""
    try:
        out = proc.communicate(timeout=exit_timeout)[0].decode(errors='replace')
    except subprocess.TimeoutExpired:
        proc.kill()
        out = proc.communicate()[0].decode(errors='replace') + '\n(did not exit)'
    return out, proc.returncode


def session(emu, args, gdb, gdb_args, timeout=60, exit_timeout=20):
    """One gdb session (run_gdb) on a machine stopped from its start:
    (gdb's transcript, the machine's output, its exit status)."""
    port = free_port()
    proc = machine(emu, args, port)
    listening(emu, proc, port)
    text = run_gdb(gdb, port, gdb_args, timeout)
    return (text,) + finish(proc, exit_timeout)


def connect(port, proc, timeout=20):
    """A socket connected to the stub at port (None if proc ended or the
    time ran out)."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            return socket.create_connection(('127.0.0.1', port), timeout=20)
        except OSError:
            if proc.poll() is not None:
                return None
            time.sleep(0.05)
    return None


def frame(body):
    return b'$' + body + b'#%02x' % (sum(body) & 0xff)


class Rsp:
    """gdb's side of a connection, in ack mode: packets sent framed, the
    stub's packets acknowledged and returned (their bodies)."""

    def __init__(self, sock):
        self.s = sock
        self.buf = b''

    def send(self, body):
        self.s.sendall(frame(body))

    def reply(self, timeout=10):
        """The stub's next packet; None if nothing came in timeout
        seconds, 'EOF' once the connection is closed."""
        end = time.time() + timeout
        while True:
            m = re.search(rb'\$([^#]*)#[0-9a-f]{2}', self.buf)
            if m:
                self.buf = self.buf[m.end():]
                self.s.sendall(b'+')
                return m.group(1)
            left = end - time.time()
            if left <= 0:
                return None
            self.s.settimeout(left)
            try:
                d = self.s.recv(65536)
            except socket.timeout:
                return None
            except OSError:
                return 'EOF'
            if not d:
                return 'EOF'
            self.buf += d

    def ask(self, body, timeout=10):
        self.send(body)
        return self.reply(timeout)
