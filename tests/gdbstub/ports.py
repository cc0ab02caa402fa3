"""Owns: a free TCP port on the loopback for a gdb test's stub, and the
wait until the stub listens there (shared by gdb-compare.py,
gdb-robust.py and tests/system/gdb/gdbsession.py, the system-mode
harnesses' opener)."""

import socket
import time


def free_port():
    """A port nothing listens on now: bound and let go (the emulator
    binds it a moment later; tests run with other ports in use)."""
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_listening(port, proc, timeout=20):
    """The emulator prints nothing we can rely on: poll until it listens
    (a connect would be taken as gdb's: look at /proc/net/tcp instead).
    False if proc ended or the time ran out."""
    hexport = ':%04X' % port
    end = time.time() + timeout
    while time.time() < end and proc.poll() is None:
        for f in ('/proc/net/tcp', '/proc/net/tcp6'):
            try:
                for line in open(f).readlines()[1:]:
                    cols = line.split()
                    if cols[1].endswith(hexport) and cols[3] == '0A':
                        return True
            except OSError:
                pass
        time.sleep(0.05)
    return False
