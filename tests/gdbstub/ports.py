"""Owns: a free TCP port on the loopback for a gdb test's stub (shared by
gdb-compare.py and gdb-robust.py)."""

import socket


def free_port():
    """A port nothing listens on now: bound and let go (the emulator
    binds it a moment later; tests run with other ports in use)."""
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port
