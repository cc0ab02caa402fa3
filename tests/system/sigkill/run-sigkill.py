#!/usr/bin/env python3
"""Kills mimic-system with SIGKILL while its guest writes to a qcow2 disk
(virtio-blk-pci), RUNS times at random moments, and has qemu-img check
the image after each kill: at most leaked clusters (exit 0 or 3), never
corruption.  Each run starts from a fresh image made by mimic-img with one
of qemu-img's layouts (cluster sizes, refcount widths, lazy refcounts).

  run-sigkill.py --emu EMU --img MIMIC_IMG --kernel-pin ... --busybox-pin ... [--runs N]"""
import os
import random
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..', '..')
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import bootimage  # noqa: E402
import mkinitramfs  # noqa: E402

LAYOUTS = ['', 'cluster_size=4k', 'cluster_size=512,refcount_bits=64', 'lazy_refcounts=on',
           'cluster_size=2M,refcount_bits=1']


def wait_writing(p, timeout):
    """True once the guest says it is writing."""
    end, text = time.monotonic() + timeout, b''
    while b'MIMIC-SIGKILL-WRITING' not in text:
        left = end - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([p.stdout], [], [], min(left, 1))
        if r:
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                return False
            text = text[-64:] + chunk
    return True


def main():
    ap = bootimage.test_parser(__doc__, oracle=False)
    ap.add_argument('--img', required=True)
    ap.add_argument('--runs', type=int, default=20)
    o = ap.parse_args()
    kernel, bb = bootimage.test_inputs(o.kernel_pin, o.busybox_pin)
    modules = bootimage.test_modules(kernel, ['virtio_blk'])
    rng = random.Random(20)
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        initrd = os.path.join(tmp, 'initrd.gz')
        mkinitramfs.make(bb, os.path.join(HERE, 'init'), initrd, modules)
        img = os.path.join(tmp, 'disk.qcow2')
        for run in range(o.runs):
            layout = rng.choice(LAYOUTS)
            if os.path.exists(img):
                os.unlink(img)
            subprocess.run([o.img, 'create', '-q', '-f', 'qcow2'] + (['-o', layout] if layout else [])
                           + [img, '16M'], check=True)
            cmd = [os.path.abspath(o.emu), '-M', 'virt', '-cpu', 'cortex-a57', '-m', '512M',
                   '-nographic', '-no-reboot', '-kernel', kernel, '-initrd', initrd,
                   '-append', 'console=ttyAMA0 quiet panic=-1',
                   '-drive', 'file=%s,format=qcow2,if=none,id=d0' % img,
                   '-device', 'virtio-blk-pci,drive=d0']
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT)
            writing = wait_writing(p, 120)
            delay = rng.uniform(0.1, 3.0)
            if writing:
                time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.wait()
            p.stdout.close()
            c = subprocess.run(['qemu-img', 'check', img], capture_output=True, text=True)
            # Allocated clusters prove the guest's writes reached the image.
            m = re.search(r'(\d+)/\d+ = [\d.]+% allocated', c.stdout)
            allocated = int(m.group(1)) if m else 0
            ok = writing and c.returncode in (0, 3) and allocated > 0
            print('run %2d: -o %-36s killed %.2f s into the writes: %d clusters allocated, '
                  'qemu-img check exit %d %s' % (run, layout or '(defaults)', delay, allocated,
                                                 c.returncode, 'ok' if ok else 'FAILED'))
            if not ok:
                failures += 1
                print(c.stdout + c.stderr if writing else '  the guest never started writing')
    if failures:
        print('FAIL: %d of %d runs' % (failures, o.runs))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
