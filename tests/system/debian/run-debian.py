#!/usr/bin/env python3
"""The Debian machine (scripts/mkdebian.py) booted as a user runs it:
a copy-on-write qcow2 overlay over the base image, Debian's kernel and
the initramfs update-initramfs made inside, the disk on virtio and the
network on slirp with ssh forwarded.  Passes when systemd reaches
multi-user, a login prompt appears on the console, ssh through hostfwd
runs a command, and `systemctl poweroff` ends the emulator with status 0,
all within --timeout seconds.  The base image is not written (its
checksum is compared before and after).

  run-debian.py --emu EMU --img IMG [--debian DIR] [--oracle QEMU]

Without --debian the machine is made (or found in the cache) by
scripts/mkdebian.py with the same emulator and image tool; the first
time that takes up to half an hour."""
import argparse
import hashlib
import os
import select
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..', '..')
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import bootimage  # noqa: E402


def digest(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


class Console:
    """The emulator's console output, read as it comes."""

    def __init__(self, p, log):
        self.p, self.log, self.text = p, log, ''

    def wait_for(self, needle, deadline):
        while needle not in self.text:
            left = deadline - time.monotonic()
            if left <= 0 or self.p.poll() is not None and not self._read(0):
                return False
            self._read(min(left, 1))
        return True

    def _read(self, timeout):
        r, _, _ = select.select([self.p.stdout], [], [], timeout)
        if not r:
            return False
        chunk = os.read(self.p.stdout.fileno(), 65536)
        if not chunk:
            return False
        self.log.write(chunk)
        self.log.flush()
        self.text += chunk.decode(errors='replace').replace('\r', '')
        return True


def ssh(key, port, command, timeout=60):
    cmd = ['ssh', '-i', key, '-p', str(port), '-o', 'StrictHostKeyChecking=no',
           '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR',
           '-o', 'ConnectTimeout=20', '-o', 'BatchMode=yes', 'root@127.0.0.1', command]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           timeout=timeout)
        return p.returncode, p.stdout + p.stderr
    except subprocess.TimeoutExpired:
        return 'timeout', ''


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--emu', required=True)
    ap.add_argument('--img', required=True)
    ap.add_argument('--oracle', help='qemu-system-aarch64: the same session under it too')
    ap.add_argument('--debian', help="mkdebian.py's folder (default: make it)")
    ap.add_argument('--smp', default='2')
    ap.add_argument('--disk-device', default='virtio-blk-pci')
    ap.add_argument('--nic-device', default='virtio-net-pci')
    ap.add_argument('--timeout', type=float, default=300)
    o = ap.parse_args()
    if not o.debian:
        mk = os.path.join(ROOT, 'scripts', 'mkdebian.py')
        p = subprocess.run([sys.executable, mk, '--emu', os.path.abspath(o.emu),
                            '--img', os.path.abspath(o.img)], stdout=subprocess.PIPE, text=True)
        if p.returncode != 0:
            print('FAIL: mkdebian.py could not make the machine')
            return 1
        o.debian = p.stdout.strip().splitlines()[-1]
    base = os.path.join(o.debian, 'base.qcow2')
    before = digest(base)
    ok = True
    for name, emu in (('emu', os.path.abspath(o.emu)),) + ((('oracle', o.oracle),) if o.oracle else ()):
        print('== %s: %s' % (name, emu))
        ok = login_session(emu, o, base) and ok
    if digest(base) != before:
        print('FAIL: the base image changed')
        ok = False
    return 0 if ok else 1


def login_session(emu, o, base):
    """One boot of a fresh overlay, login prompt, ssh, poweroff: True
    when every step worked in time."""
    key = os.path.join(o.debian, 'id_ed25519')
    start = time.monotonic()
    deadline = start + o.timeout
    with tempfile.TemporaryDirectory() as tmp:
        overlay = os.path.join(tmp, 'vm1.qcow2')
        subprocess.run([o.img, 'create', '-q', '-f', 'qcow2', '-b', base, '-F', 'qcow2', overlay],
                       check=True)
        port = bootimage.free_port()
        cmd = [emu, '-M', 'virt', '-cpu', 'cortex-a57', '-smp', o.smp,
               '-m', '1G', '-nographic', '-no-reboot',
               '-kernel', os.path.join(o.debian, 'vmlinuz'),
               '-initrd', os.path.join(o.debian, 'initrd.img'),
               '-append', 'root=/dev/vda console=ttyAMA0 panic=-1',
               '-drive', 'file=%s,format=qcow2,if=none,id=disk' % overlay,
               '-device', '%s,drive=disk' % o.disk_device,
               '-netdev', 'user,id=net,hostfwd=tcp:127.0.0.1:%d-:22' % port,
               # romfile=: qemu would look for an iPXE option ROM.
               '-device', '%s,netdev=net%s' % (o.nic_device,
                                               ',romfile=' if o.nic_device.endswith('-pci') else '')]
        log_path = os.path.join(tmp, 'console.log')
        with open(log_path, 'wb') as log:
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT)
            con = Console(p, log)
            steps = []
            ok = con.wait_for('login:', deadline)
            steps.append(('login prompt on the console', ok, time.monotonic() - start))
            if ok:
                rc, out = 'not run', ''
                while time.monotonic() < deadline:
                    rc, out = ssh(key, port, 'uname -r; systemctl is-system-running --wait; '
                                  'systemctl is-active multi-user.target; cat /etc/hostname')
                    if rc == 0:
                        break
                    time.sleep(3)
                print('ssh said: ' + ' '.join(out.split()))
                lines = out.split()
                ok = rc == 0 and 'running' in lines and 'active' in lines
                steps.append(('ssh through hostfwd, multi-user running', ok,
                              time.monotonic() - start))
            if ok:
                ssh(key, port, 'systemctl poweroff', timeout=30)
                try:
                    rc = p.wait(timeout=max(1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    rc = 'still running'
                con._read(0)
                ok = rc == 0
                steps.append(('systemctl poweroff ends it with status 0 (got %s)' % rc, ok,
                              time.monotonic() - start))
            if p.poll() is None:
                p.kill()
                p.wait()
        for what, good, t in steps:
            print('%-60s %s at %.0f s' % (what, 'ok' if good else 'FAILED', t))
        if not ok:
            with open(log_path, errors='replace') as f:
                print('the console, last lines:\n' + ''.join(f.readlines()[-40:]))
    return ok


if __name__ == '__main__':
    sys.exit(main())
