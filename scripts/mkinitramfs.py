#!/usr/bin/env python3
"""Makes a gzip'ed initramfs (newc cpio) holding a static busybox, an
/init script and any extra executables (the bench's guest programs), for
booting kernels under mimic-system-aarch64 and qemu-system-aarch64 in the
tests and `make bench`: no cpio tool needed.

  mkinitramfs.py BUSYBOX INIT_SCRIPT OUT.cpio.gz [--file SRC:/bin/NAME ...]

Extra files land at their path (mode 0755); folders the image lacks are
made.  A source ending in .xz whose destination does not (a kernel module,
NAME.ko.xz:/lib/NAME.ko) is decompressed, since busybox's insmod takes
only plain modules."""
import argparse
import gzip
import lzma


def entry(name, mode, data=b'', ino=[100]):
    ino[0] += 1
    name_b = name.encode() + b'\0'
    hdr = '070701' + ''.join('%08x' % v for v in (
        ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_b), 0))
    out = hdr.encode() + name_b
    out += b'\0' * (-len(out) % 4)
    out += data + b'\0' * (-len(data) % 4)
    return out


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def extra_file(src, dest):
    data = read(src)
    if src.endswith('.xz') and not dest.endswith('.xz'):
        data = lzma.decompress(data)
    return data


def make(busybox, init, out, files=()):
    """files: (host path, path in the image) pairs."""
    cpio = b''
    dirs = ['bin', 'dev', 'proc', 'sys', 'tmp']
    for d in dirs:
        cpio += entry(d, 0o040755)
    cpio += entry('bin/busybox', 0o100755, read(busybox))
    cpio += entry('bin/sh', 0o120777, b'busybox')
    for src, dest in files:
        parts = dest.strip('/').split('/')[:-1]
        for i in range(1, len(parts) + 1):
            d = '/'.join(parts[:i])
            if d not in dirs:
                dirs.append(d)
                cpio += entry(d, 0o040755)
        cpio += entry(dest.lstrip('/'), 0o100755, extra_file(src, dest))
    cpio += entry('init', 0o100755, read(init))
    cpio += entry('TRAILER!!!', 0)
    with gzip.open(out, 'wb', compresslevel=6) as f:
        f.write(cpio)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('busybox')
    ap.add_argument('init')
    ap.add_argument('out')
    ap.add_argument('--file', action='append', default=[], metavar='SRC:DEST',
                    help='an extra executable, copied to DEST in the image')
    o = ap.parse_args()
    files = []
    for spec in o.file:
        src, sep, dest = spec.rpartition(':')
        if not sep or not src or not dest.startswith('/'):
            ap.error('--file wants SRC:/ABSOLUTE/DEST, got %r' % spec)
        files.append((src, dest))
    make(o.busybox, o.init, o.out, files)


if __name__ == '__main__':
    main()
