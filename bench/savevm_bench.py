"""Owns: the savevm and loadvm rows of `make bench`'s system section.

A 1 GiB guest (the 6.12 kernel, busybox, 2 vCPUs) with a fresh qcow2
disk on virtio-blk-pci fills FILLMB MiB of its RAM with data (a tmpfs
file made of one random MiB over and over: pages no emulator can leave
out as zero), says so, and sleeps.  This process then stops it through
the monitor and times, from outside, `savevm s1` and `loadvm s1`, each
from the command sent to the monitor's next prompt.  The same for both
emulators; the stream each writes is its own, the work is the same:
all of the guest's non-zero RAM into the image and back."""

import os
import re
import socket
import subprocess
import tempfile
import time

import mkinitramfs

INIT = r'''#!/bin/sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t devtmpfs dev /dev
mkdir -p /fill
mount -t tmpfs -o size=90% tmpfs /fill
echo 1 > /proc/sys/kernel/printk
head -c 1048576 /dev/urandom > /fill/mib
i=1
while [ $i -lt {fillmb} ]; do cat /fill/mib; i=$((i + 1)); done > /fill/data
echo "MIMIC-SAVEVM-FILLED $(du -m /fill/data | cut -f1)"
while :; do sleep 1; done
'''


def make_initrd(busybox, fillmb, outdir):
    with tempfile.NamedTemporaryFile('w', suffix='.init', dir=outdir, delete=False) as f:
        f.write(INIT.replace('{fillmb}', str(fillmb)))
        init = f.name
    os.chmod(init, 0o755)
    initrd = os.path.join(outdir, 'savevm-initrd.gz')
    mkinitramfs.make(busybox, init, initrd, [])
    os.unlink(init)
    return initrd


class _Monitor:
    def __init__(self, path, proc, deadline):
        self.s = socket.socket(socket.AF_UNIX)
        self.deadline = deadline
        while True:
            try:
                self.s.connect(path)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError('no monitor')
                time.sleep(0.05)
        self.prompt()

    def prompt(self):
        buf = b''
        while not buf.endswith(b'(qemu) '):
            if time.monotonic() > self.deadline:
                raise RuntimeError('the monitor did not answer')
            self.s.settimeout(max(self.deadline - time.monotonic(), 0.1))
            d = self.s.recv(65536)
            if not d:
                raise RuntimeError('the monitor closed')
            buf += d
        return re.sub(r'[^\n]*\x1b\[K', '', buf.decode(errors='replace').replace('\r', ''))

    def timed(self, cmd):
        """(seconds to the next prompt, the answer)."""
        t = time.monotonic()
        self.s.sendall(cmd.encode() + b'\n')
        out = self.prompt()
        return time.monotonic() - t, out.replace('(qemu) ', '').replace(cmd, '', 1).strip()


def run(boot_cls, emu_argv, kernel, initrd, outdir, emu, timeout):
    """One guest: a boot_cls() (sysbench's Boot) with bench['savevm'] and
    bench['loadvm'] in seconds, or its error."""
    b = boot_cls()
    tmp = os.path.join(outdir, 'tmp')
    disk = os.path.join(tmp, f'savevm-{emu}.qcow2')
    sock = os.path.join(tmp, f'savevm-{emu}.sock')
    for f in (disk, sock):
        if os.path.exists(f):
            os.unlink(f)
    if subprocess.run(['qemu-img', 'create', '-q', '-f', 'qcow2', disk, '1G']).returncode:
        b.error = 'qemu-img create failed'
        return b
    argv = emu_argv + ['-M', 'virt', '-cpu', 'cortex-a57', '-m', '1G', '-smp', '2',
                       '-nographic', '-nic', 'none', '-kernel', kernel, '-initrd', initrd,
                       '-append', 'console=ttyAMA0 quiet panic=-1',
                       '-drive', f'file={disk},format=qcow2,if=none,id=d0',
                       '-device', 'virtio-blk-pci,drive=d0',
                       '-monitor', f'unix:{sock},server=on,wait=off', '-serial', 'stdio']
    deadline = time.monotonic() + timeout
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, start_new_session=True)
    try:
        mon = _Monitor(sock, p, deadline)
        os.set_blocking(p.stdout.fileno(), False)
        text = b''
        while b'MIMIC-SAVEVM-FILLED' not in text:
            if p.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError('the guest did not fill its RAM')
            try:
                text = (text + (p.stdout.read() or b''))[-4096:]
            except BlockingIOError:
                pass
            time.sleep(0.1)
        mon.timed('stop')
        for cmd, key in (('savevm s1', 'savevm'), ('loadvm s1', 'loadvm')):
            secs, answer = mon.timed(cmd)
            if answer:
                raise RuntimeError(f'{cmd}: {answer}')
            b.bench[key] = secs
        mon.s.sendall(b'quit\n')      # no prompt comes after quit
        p.wait(60)
    except (RuntimeError, OSError) as e:
        b.error = str(e)
    finally:
        if p.poll() is None:
            p.kill()
        p.wait()
        p.stdout.close()
        for f in (disk, sock):
            if os.path.exists(f):
                os.unlink(f)
    return b
