#!/usr/bin/env python3
"""Boots Debian's arm64 kernel with a busybox initramfs whose /init
(tests/system/pci/init) prints what the guest sees of PCI: each function's
sysfs IDs, class, IRQ, resources and configuration space, /proc/iomem and
/proc/ioports, the GICv2m line of the kernel log, and the header after
configuration writes.  The same machine runs under the emulator under test
and under qemu-system-aarch64 7.2; the lines from the marker on must be
the same.

  run-pci.py --emu EMU --oracle QEMU --kernel-pin ARCH PKG VERSION SHA \\
             --busybox-pin ARCH PKG VERSION SHA [--smp N] [--gic N] \\
             [--disk] [--oracle-arg ARG ...] [-- EXTRA ARGUMENTS ...]

The extra arguments (-device) go to both, --oracle-arg ones to qemu only
(properties whose default differs, e.g. virtio-blk-pci's num-queues).
--disk makes a 1 MiB image of random bytes (a copy for each side), adds
it as -drive if=none,id=disk0 and puts the virtio-blk and virtio-rng
modules into the initramfs; the guest reads it, writes it and reads
back."""
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..', '..')
sys.dont_write_bytecode = True             # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import bootimage  # noqa: E402
import mkinitramfs  # noqa: E402


def main():
    ap = bootimage.test_parser(__doc__)
    ap.add_argument('--smp', default='2')
    ap.add_argument('--gic', default='2')
    ap.add_argument('--timeout', type=float, default=300)
    ap.add_argument('--disk', action='store_true')
    ap.add_argument('--append', default='', help='more kernel arguments (pci=nomsi: INTx)')
    ap.add_argument('--oracle-arg', action='append', default=[])
    ap.add_argument('extra', nargs='*')
    o = ap.parse_args()
    kernel, bb = bootimage.test_inputs(o.kernel_pin, o.busybox_pin)
    with tempfile.TemporaryDirectory() as tmp:
        initrd = os.path.join(tmp, 'initrd.gz')
        files, disks = [], {}
        if o.disk:
            files = bootimage.test_modules(kernel, ['virtio_blk', 'virtio-rng'])
            data = os.urandom(1 << 20)
            for side in ('oracle', 'emu'):
                disks[side] = os.path.join(tmp, side + '.img')
                with open(disks[side], 'wb') as f:
                    f.write(data)
        mkinitramfs.make(bb, os.path.join(HERE, 'init'), initrd, files)
        args = ['-M', 'virt,gic-version=' + o.gic, '-cpu', 'cortex-a57', '-smp', o.smp,
                '-m', '1G', '-nographic', '-kernel', kernel, '-initrd', initrd,
                '-append', ('console=ttyAMA0 quiet panic=-1 ' + o.append).strip(), '-no-reboot'] + o.extra
        def drive(side):
            if not o.disk:
                return []
            return ['-drive', 'if=none,id=disk0,format=raw,file=' + disks[side]]
        ref, ref_rc, ref_t = bootimage.run([o.oracle, '-nic', 'none'] + args + drive('oracle')
                                 + o.oracle_arg, o.timeout)
        out, rc, t = bootimage.run([os.path.abspath(o.emu)] + args + drive('emu'), o.timeout)
    print('oracle %.1f s (exit %s), emu %.1f s (exit %s)' % (ref_t, ref_rc, t, rc))
    return bootimage.verdict(ref, ref_rc, out, rc, 'MIMIC-PCI-DONE', marker='MIMIC-PCI-MARKER')


if __name__ == '__main__':
    sys.exit(main())
