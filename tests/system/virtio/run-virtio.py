#!/usr/bin/env python3
"""Boots Debian's arm64 6.12 kernel with virtio-blk (a writable and a
read-only raw disk) and virtio-rng on virtio-mmio, under the emulator
under test and under qemu-system-aarch64 7.2, each on its own copy of the
same disk images, and checks:

 - what /init prints from its marker on (virtio/init: device ids,
   negotiated features, transport addresses and interrupts, queue limits,
   disk contents read in the guest, the patterns read back, the refused
   write to the read-only disk, the hwrng) is the same under both;
 - the initial disk's SHA-256 the guest printed is the host's;
 - after the run, each writable image holds the patterns at the offsets
   the guest wrote them (computed here, independently) and otherwise equals
   qemu's image byte for byte, except the discarded megabyte, which may read
   as zeros (mimic punches a hole; qemu's default discard=ignore keeps the
   data): both are allowed by the virtio spec (5.2.6.2);
 - the read-only image is unchanged.

  run-virtio.py --emu EMU --oracle QEMU --kernel-pin ARCH PKG VERSION SHA \\
                --busybox-pin ARCH PKG VERSION SHA [--modern] [--smp N]

--modern gives both -global virtio-mmio.force-legacy=false (virtio-mmio
version 2; qemu 7.2's default is the legacy version 1).  --qcow2 puts the
writable disk in a qcow2 image (made by qemu-img for both; after the run
qemu-img checks mimic's and converts both back to raw for the
comparison).  --snapshot gives both -snapshot: the guest sees its writes,
and the writable image must then be unchanged.  --img names qemu-img."""
import hashlib
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..', '..')
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import bootimage  # noqa: E402
import mkinitramfs  # noqa: E402

DISK_SIZE = 16 << 20
RO_SIZE = 3 << 20
MODULES = ['virtio_mmio', 'virtio_blk', 'virtio-rng']


def seq_bytes(first, last, size):
    """What `seq FIRST LAST | dd bs=.. count=.. iflag=fullblock` writes:
    the first size bytes of the numbers, one per line."""
    data = ''.join('%d\n' % i for i in range(first, last + 1)).encode()
    assert len(data) >= size
    return data[:size]


def expected_writes(size):
    """(offset, bytes) of each pattern virtio/init writes."""
    return [(0, seq_bytes(1, 200, 512)),
            (1001 * 512, seq_bytes(1000, 3000, 4096)),
            (4 << 20, seq_bytes(1, 200000, 1 << 20)),
            (size - 512, seq_bytes(5, 500, 512))]


DISCARD = (8 << 20, 1 << 20)


def check_image(name, got, oracle, original, size):
    """Problems with the emulator's image got against the oracle's."""
    problems = []
    for off, data in expected_writes(size):
        if got[off:off + len(data)] != data:
            problems.append('%s: pattern at %d not there' % (name, off))
    d0, dlen = DISCARD
    for lo, hi in ((0, d0), (d0 + dlen, size)):
        if got[lo:hi] != oracle[lo:hi]:
            first = next(i for i in range(lo, hi) if got[i] != oracle[i])
            problems.append('%s: differs from the oracle\'s image at %d' % (name, first))
    hole = got[d0:d0 + dlen]
    if hole != original[d0:d0 + dlen] and hole != bytes(dlen):
        problems.append('%s: the discarded range is neither zeros nor its old data' % name)
    return problems


def disk_problems(got, runs, disk, ro, snapshot):
    """What is wrong with the guest's read of vda (its lines got) and the
    emulator's images after the run."""
    problems = []
    host_sha = hashlib.sha256(disk).hexdigest()
    if not any(l.startswith('vda read: ' + host_sha) for l in got):
        problems.append('the guest read of vda is not the image (sha256 %s)' % host_sha)
    if snapshot:
        if runs['emu'][3] != disk:
            problems.append('-snapshot: the writable image changed')
    else:
        problems += check_image('vda', runs['emu'][3], runs['oracle'][3], disk, DISK_SIZE)
    if runs['emu'][4] != ro:
        problems.append('the read-only image changed')
    return problems


def main():
    ap = bootimage.test_parser(__doc__)
    ap.add_argument('--smp', default='2')
    ap.add_argument('--modern', action='store_true')
    ap.add_argument('--qcow2', action='store_true')
    ap.add_argument('--snapshot', action='store_true')
    ap.add_argument('--img', default='qemu-img')
    ap.add_argument('--timeout', type=float, default=600)
    o = ap.parse_args()
    kernel, bb = bootimage.test_inputs(o.kernel_pin, o.busybox_pin)
    modules = bootimage.test_modules(kernel, MODULES)
    rnd = random.Random(11)
    disk = rnd.randbytes(DISK_SIZE)
    ro = rnd.randbytes(RO_SIZE)
    with tempfile.TemporaryDirectory() as tmp:
        initrd = os.path.join(tmp, 'initrd.gz')
        mkinitramfs.make(bb, os.path.join(HERE, 'init'), initrd, modules)
        runs = {}
        for who, exe in (('oracle', o.oracle), ('emu', os.path.abspath(o.emu))):
            vda, vdb = os.path.join(tmp, who + '-a.img'), os.path.join(tmp, who + '-b.img')
            with open(vda, 'wb') as f:
                f.write(disk)
            with open(vdb, 'wb') as f:
                f.write(ro)
            fmt = 'raw'
            if o.qcow2:
                subprocess.run([o.img, 'convert', '-f', 'raw', '-O', 'qcow2', vda, vda + '.q'],
                               check=True)
                os.replace(vda + '.q', vda)
                fmt = 'qcow2'
            args = ['-M', 'virt', '-cpu', 'cortex-a57', '-smp', o.smp, '-m', '1G',
                    '-nographic', '-no-reboot', '-kernel', kernel, '-initrd', initrd,
                    '-append', 'console=ttyAMA0 quiet panic=-1',
                    '-nic', 'none',
                    # Transports fill from the top and Linux probes them
                    # from the bottom: the last -device is vda.
                    '-device', 'virtio-rng-device',
                    '-drive', 'file=%s,format=raw,if=none,id=d1,readonly=on' % vdb,
                    '-device', 'virtio-blk-device,drive=d1,serial=MIMIC-RO-1',
                    '-drive', 'file=%s,format=%s,if=none,id=d0' % (vda, fmt),
                    '-device', 'virtio-blk-device,drive=d0']
            if o.snapshot:
                args += ['-snapshot']
            if o.modern:
                args += ['-global', 'virtio-mmio.force-legacy=false']
            out, rc, t = bootimage.run([exe] + args, o.timeout)
            if o.qcow2:
                c = subprocess.run([o.img, 'check', vda], capture_output=True, text=True)
                if c.returncode != 0:
                    print('%s\'s qcow2 image: qemu-img check says:\n%s' % (who, c.stdout))
                    return 1
                subprocess.run([o.img, 'convert', '-f', 'qcow2', '-O', 'raw', vda, vda + '.r'],
                               check=True)
                os.replace(vda + '.r', vda)
            with open(vda, 'rb') as f:
                img_a = f.read()
            with open(vdb, 'rb') as f:
                img_b = f.read()
            runs[who] = (out, rc, t, img_a, img_b)
    ref, ref_rc, ref_t = runs['oracle'][:3]
    out, rc, t = runs['emu'][:3]
    print('virtio-mmio %s%s%s -smp %s: oracle %.1f s (exit %s), emu %.1f s (exit %s)'
          % ('modern' if o.modern else 'legacy', ' qcow2' if o.qcow2 else '',
             ' -snapshot' if o.snapshot else '', o.smp, ref_t, ref_rc, t, rc))
    return bootimage.verdict(ref, ref_rc, out, rc, 'MIMIC-BOOT-DONE',
                             check=lambda got: disk_problems(got, runs, disk, ro, o.snapshot))


if __name__ == '__main__':
    sys.exit(main())
