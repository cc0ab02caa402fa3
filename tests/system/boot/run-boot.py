#!/usr/bin/env python3
"""Boots Debian's arm64 cloud kernel with a busybox initramfs under the
emulator under test and under qemu-system-aarch64 7.2, and compares what
/init prints from its marker line on (kernel messages before it carry
times and addresses) and the exit status (0: PSCI SYSTEM_OFF).

The kernel and busybox packages are fetched by scripts/bootimage.py
(fetch-deb.sh: cached outside git, pinned SHA-256); a failed fetch is a
failed test.

  run-boot.py --emu EMU --oracle QEMU --kernel-pin ARCH PKG VERSION SHA \\
              --busybox-pin ARCH PKG VERSION SHA [--smp N] [--gic N] \\
              [--cpu MODEL] [--emu-accel ACCEL] [--file SRC:/bin/NAME ...]

--file puts a guest program into the initramfs (/init runs /bin/threads);
--emu-accel is given to the emulator under test only (e.g.
tcg,backend=interp), qemu runs its default TCG."""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..', '..')
MKINITRAMFS = os.path.join(ROOT, 'scripts', 'mkinitramfs.py')
sys.dont_write_bytecode = True             # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import bootimage  # noqa: E402


def main():
    ap = bootimage.test_parser(__doc__)
    ap.add_argument('--smp', default='1')
    ap.add_argument('--gic', default=None)
    ap.add_argument('--cpu', default='cortex-a57')
    ap.add_argument('--emu-accel', default=None)
    ap.add_argument('--file', action='append', default=[], metavar='SRC:DEST')
    ap.add_argument('--timeout', type=float, default=600)
    o = ap.parse_args()
    kernel, bb = bootimage.test_inputs(o.kernel_pin, o.busybox_pin)
    with tempfile.TemporaryDirectory() as tmp:
        initrd = os.path.join(tmp, 'initrd.gz')
        subprocess.run([sys.executable, MKINITRAMFS, bb, os.path.join(HERE, 'init'), initrd]
                       + ['--file=' + f for f in o.file], check=True)
        machine = 'virt' + (',gic-version=' + o.gic if o.gic else '')
        args = ['-M', machine, '-cpu', o.cpu, '-smp', o.smp, '-m', '1G',
                '-nographic', '-kernel', kernel, '-initrd', initrd,
                '-append', 'console=ttyAMA0 quiet panic=-1', '-no-reboot']
        ref, ref_rc, ref_t = bootimage.run([o.oracle, '-nic', 'none'] + args, o.timeout)
        accel = ['-accel', o.emu_accel] if o.emu_accel else []
        out, rc, t = bootimage.run([os.path.abspath(o.emu)] + accel + args, o.timeout)
    print('%s -cpu %s -smp %s gic %s%s: oracle %.1f s (exit %s), emu %.1f s (exit %s)'
          % (os.path.basename(kernel), o.cpu, o.smp, o.gic or 'default',
             ' -accel ' + o.emu_accel if o.emu_accel else '', ref_t, ref_rc, t, rc))
    return bootimage.verdict(ref, ref_rc, out, rc, 'MIMIC-BOOT-DONE')


if __name__ == '__main__':
    sys.exit(main())
