#!/usr/bin/env python3
"""Makes a gzip'ed initramfs (newc cpio) holding a static busybox and an
/init script, for booting kernels under mimic-system-aarch64 and
qemu-system-aarch64 in the tests: no cpio tool needed.

  mkinitramfs.py BUSYBOX INIT_SCRIPT OUT.cpio.gz"""
import gzip
import os
import sys


def entry(name, mode, data=b'', ino=[100]):
    ino[0] += 1
    name_b = name.encode() + b'\0'
    hdr = '070701' + ''.join('%08x' % v for v in (
        ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_b), 0))
    out = hdr.encode() + name_b
    out += b'\0' * (-len(out) % 4)
    out += data + b'\0' * (-len(data) % 4)
    return out


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    busybox, init, out = sys.argv[1:]
    with open(busybox, 'rb') as f:
        bb = f.read()
    with open(init, 'rb') as f:
        script = f.read()
    cpio = b''
    for d in ('bin', 'dev', 'proc', 'sys', 'tmp'):
        cpio += entry(d, 0o040755)
    cpio += entry('bin/busybox', 0o100755, bb)
    cpio += entry('bin/sh', 0o120777, b'busybox')
    cpio += entry('init', 0o100755, script)
    cpio += entry('TRAILER!!!', 0)
    with gzip.open(out, 'wb', compresslevel=6) as f:
        f.write(cpio)


if __name__ == '__main__':
    main()
