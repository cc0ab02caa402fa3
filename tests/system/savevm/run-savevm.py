#!/usr/bin/env python3
"""Internal snapshots of a running machine (savevm, loadvm, delvm, info
snapshots, -loadvm), checked against qemu-system-aarch64 7.2.

Each emulator boots Debian's kernel with a busybox initramfs whose /init
(tests/system/savevm/init) counts on the console and on a virtio-blk-pci
disk, a qcow2 overlay over a qcow2 base, with 2 vCPUs.  This script is
the monitor's user (on a unix socket) and does, to both:
  stop; savevm s1 at count N; cont; let it count on; stop; loadvm s1;
  cont: the next line must be count N+1 with the disk holding N (RAM and
  disk both back where they were saved);
  savevm with no name, delvm, loadvm of a missing snapshot and with no
  name, info snapshots between them;
  stop; savevm s2 at count K; quit; qemu-img check and snapshot -l on
  the image; then a new start with -loadvm s2 -S; cont: count K+1, disk K.
Last, a machine with a writable raw disk, where savevm must be refused.
What each step shows (monitor answers with dates, clocks and sizes
masked, counts relative to the save) must be the same for both, and
qemu's must show the facts above, so that two emulators that ignore the
commands alike cannot pass.

  run-savevm.py --emu EMU --oracle QEMU --qemu-img QEMU_IMG \\
                --kernel-pin ARCH PKG VERSION SHA --busybox-pin ARCH PKG VERSION SHA \\
                [--device virtio-blk-device] [--gic 3]

--device virtio-blk-device puts the disk on virtio-mmio instead of PCI;
--gic 3 gives the machine a GICv3.

--chain N [--seed S] runs mimic alone, N times over: let the guest run a
random moment, stop, savevm, quit, start again with -loadvm -S, cont.
Each start must go on at the next count with the disk as saved.  The
random moments find the states a fixed script never stops in (a timer
whose deadline has passed but whose expiry has not run yet, a request in
flight); the property needs no oracle.
"""
import argparse
import difflib
import os
import random
import re
import socket
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

COUNT = re.compile(r'^count (\d+) disk (\S+)$', re.M)
SNAPSHOT_ROW = re.compile(r'^(\S+)\s+(\S+)\s+[\d.]+ [KMG]?i?B\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d'
                          r'\s+\d+:\d\d:\d\d\.\d{3}\s*$')


class Machine:
    """An emulator with its console on a pipe and its monitor on a socket."""

    def __init__(self, cmd, sock, timeout):
        self.deadline = time.time() + timeout
        self.p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT)
        os.set_blocking(self.p.stdout.fileno(), False)
        self.out = ''
        self.s = socket.socket(socket.AF_UNIX)
        while True:
            try:
                self.s.connect(sock)
                break
            except OSError:
                if self.p.poll() is not None or time.time() > self.deadline:
                    raise RuntimeError('no monitor socket:\n' + self.console())
                time.sleep(0.05)
        self.read_monitor()

    def pump(self):
        try:
            d = self.p.stdout.read()
        except (BlockingIOError, ValueError):
            d = None
        if d:
            self.out += d.decode(errors='replace').replace('\r', '')

    def console(self):
        self.pump()
        return self.out

    def read_monitor(self):
        buf = b''
        while not buf.endswith(b'(qemu) '):
            if time.time() > self.deadline:
                raise RuntimeError('monitor timed out:\n' + buf.decode(errors='replace'))
            self.s.settimeout(0.2)
            try:
                d = self.s.recv(65536)
                if not d:
                    break
                buf += d
            except socket.timeout:
                pass
            self.pump()
        text = buf.decode(errors='replace').replace('\r', '')
        text = re.sub(r'[^\n]*\x1b\[K', '', text)   # the line editor's redraws
        return text.replace('(qemu) ', '').strip()

    def mon(self, cmd):
        self.s.sendall(cmd.encode() + b'\n')
        return self.read_monitor()

    def counts(self, start=0):
        return [(int(a), b) for a, b in COUNT.findall(self.out[start:])]

    def wait_count(self, pred, start=0):
        while True:
            c = self.counts(start)
            if c and pred(c):
                return c
            if self.p.poll() is not None or time.time() > self.deadline:
                raise RuntimeError('the guest stopped counting:\n' + self.out[-2000:])
            time.sleep(0.05)
            self.pump()

    def stopped_at(self):
        """stop, then the last count once the console is quiet."""
        self.mon('stop')
        time.sleep(0.5)
        return self.counts()[-1][0]

    def quit(self):
        try:
            self.s.sendall(b'quit\n')
        except OSError:
            pass
        try:
            self.p.wait(20)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        self.pump()
        return self.p.returncode


def masked(text):
    """A monitor answer with what differs from run to run masked."""
    lines = []
    for line in text.splitlines():
        m = SNAPSHOT_ROW.match(line)
        if m:
            tag = re.sub(r'^vm-\d{14}$', 'vm-DATE', m.group(2))
            line = '%s %s SIZE DATE CLOCK' % (m.group(1), tag)
        lines.append(line)
    return '\n'.join(lines)


def counting_machine(emu, qemu_img, kernel, initrd, tmp, side, device, gic):
    """A folder for side with a qcow2 overlay over an empty base, and the
    command line of the counting machine on it: (folder, image, monitor
    socket, argv)."""
    d = os.path.join(tmp, side)
    os.mkdir(d)
    base, img = os.path.join(d, 'base.qcow2'), os.path.join(d, 'vm.qcow2')
    subprocess.run([qemu_img, 'create', '-q', '-f', 'qcow2', base, '32M'], check=True)
    subprocess.run([qemu_img, 'create', '-q', '-f', 'qcow2', '-b', base, '-F', 'qcow2', img],
                   check=True)
    sock = os.path.join(d, 'mon.sock')
    args = [emu, '-M', 'virt,gic-version=' + gic, '-cpu', 'cortex-a57', '-smp', '2', '-m', '512M',
            '-nographic', '-kernel', kernel, '-initrd', initrd,
            '-append', 'console=ttyAMA0 quiet panic=-1',
            '-drive', 'file=%s,if=none,id=d0' % img, '-device', device + ',drive=d0',
            '-monitor', 'unix:%s,server=on,wait=off' % sock, '-serial', 'stdio']
    return d, img, sock, args


def session(emu, oracle, qemu_img, kernel, initrd, tmp, side, device, gic):
    d, img, sock, args = counting_machine(emu, qemu_img, kernel, initrd, tmp, side, device, gic)
    if oracle:
        args += ['-nic', 'none']
    rec = []
    m = Machine(args, sock, 240)
    try:
        m.wait_count(lambda c: c[-1][0] >= 5)
        n = m.stopped_at()
        rec.append('savevm s1: %r' % m.mon('savevm s1'))
        rec.append('info snapshots:\n' + masked(m.mon('info snapshots')))
        m.mon('cont')
        m.wait_count(lambda c: c[-1][0] >= n + 6)
        later = m.stopped_at()
        rec.append('counted on past the save: %s' % (later > n + 5))
        mark = len(m.out)
        rec.append('loadvm s1: %r' % m.mon('loadvm s1'))
        rec.append('status after loadvm: %r' % m.mon('info status'))
        m.mon('cont')
        first = m.wait_count(lambda c: True, mark)[0]
        rec.append('after loadvm: count N%+d, disk %s' % (
            first[0] - n, 'N%+d' % (int(first[1]) - n) if first[1].isdigit() else first[1]))
        rec.append('savevm: %r' % m.mon('savevm'))
        rec.append('info snapshots:\n' + masked(m.mon('info snapshots')))
        rec.append('delvm s1: %r' % m.mon('delvm s1'))
        rec.append('loadvm nosuch: %r' % m.mon('loadvm nosuch'))
        rec.append('loadvm by id: %r' % m.mon('loadvm 2'))     # names only, as qemu 7.2
        rec.append('loadvm: %r' % m.mon('loadvm'))
        rec.append('delvm nosuch: %r' % m.mon('delvm nosuch'))
        rec.append('info snapshots:\n' + masked(m.mon('info snapshots')))
        k = m.stopped_at()
        rec.append('savevm s2: %r' % m.mon('savevm s2'))
        rec.append('exit: %s' % m.quit())
    finally:
        if m.p.poll() is None:
            m.p.kill()
    check = subprocess.run([qemu_img, 'check', img], capture_output=True, text=True)
    rec.append('qemu-img check: %s %s' % (check.returncode, check.stdout.splitlines()[0]))
    listing = subprocess.run([qemu_img, 'snapshot', '-l', img], capture_output=True, text=True)
    rec.append('qemu-img snapshot -l:\n' + masked(listing.stdout.strip()))

    m = Machine(args + ['-loadvm', 's2', '-S'], sock, 120)
    try:
        rec.append('-loadvm s2 -S: %r' % m.mon('info status'))
        mark = len(m.console())
        m.mon('cont')
        first = m.wait_count(lambda c: True, mark)[0]
        rec.append('after -loadvm: count K%+d, disk %s' % (
            first[0] - k, 'K%+d' % (int(first[1]) - k) if first[1].isdigit() else first[1]))
        rec.append('exit: %s' % m.quit())
    finally:
        if m.p.poll() is None:
            m.p.kill()

    # A writable disk that cannot hold snapshots: refused, nothing saved.
    raw = os.path.join(d, 'disk.raw')
    with open(raw, 'wb') as f:
        f.truncate(1 << 20)
    m = Machine([emu, '-M', 'virt', '-cpu', 'cortex-a57', '-m', '256M', '-nographic', '-S',
                 '-kernel', kernel, '-drive', 'file=%s,format=raw,if=none,id=r0' % raw,
                 '-device', 'virtio-blk-pci,drive=r0', '-monitor',
                 'unix:%s,server=on,wait=off' % sock, '-serial', 'none']
                + (['-nic', 'none'] if oracle else []), sock, 60)
    try:
        rec.append('raw disk savevm: %r' % m.mon('savevm x'))
        rec.append('raw disk info snapshots: %r' % m.mon('info snapshots'))
        rec.append('exit: %s' % m.quit())
    finally:
        if m.p.poll() is None:
            m.p.kill()
    return rec


def chain(emu, qemu_img, kernel, initrd, tmp, device, gic, steps, seed):
    """savevm at random moments, each followed by a new start from it."""
    rnd = random.Random(seed)
    _, img, sock, args = counting_machine(emu, qemu_img, kernel, initrd, tmp, 'chain', device, gic)
    m = Machine(args, sock, 240)
    prev = None
    try:
        m.wait_count(lambda c: c[-1][0] >= 3)
        for step in range(steps):
            time.sleep(rnd.random())
            k = m.stopped_at()
            tag = 's%d' % step
            for cmd in ['savevm ' + tag] + (['delvm ' + prev] if prev else []):
                answer = m.mon(cmd)
                if answer:
                    raise RuntimeError('step %d: %s: %r' % (step, cmd, answer))
            prev = tag
            if m.quit() != 0:
                raise RuntimeError('step %d: exit status %s:\n%s' % (step, m.p.returncode,
                                                                      m.out[-2000:]))
            m = Machine(args + ['-loadvm', tag, '-S'], sock, 60)
            mark = len(m.console())
            m.mon('cont')
            first = m.wait_count(lambda c: True, mark)[0]
            if first != (k + 1, str(k)):
                raise RuntimeError('step %d: saved at count %d, went on with %r' % (step, k, first))
    except RuntimeError as e:
        # The image keeps the snapshot that failed to go on, for -loadvm.
        keep = os.path.join(tempfile.gettempdir(), 'savevm-chain-failed.qcow2')
        subprocess.run([qemu_img, 'convert', '-O', 'qcow2', img, keep])
        raise RuntimeError('%s\n(image with snapshot %s: %s, seed %d)' % (e, prev, keep, seed))
    finally:
        if m.p.poll() is None:
            m.p.kill()
    print('chain: %d steps, seed %d: every start went on at the next count' % (steps, seed))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--emu', required=True)
    ap.add_argument('--oracle', required=True)
    ap.add_argument('--qemu-img', default='qemu-img')
    ap.add_argument('--kernel-pin', nargs=4, required=True)
    ap.add_argument('--busybox-pin', nargs=4, required=True)
    ap.add_argument('--device', default='virtio-blk-pci')
    ap.add_argument('--gic', default='2')
    ap.add_argument('--chain', type=int, default=0)
    ap.add_argument('--seed', type=int, default=None)
    o = ap.parse_args()
    kernel, bb = bootimage.test_inputs(o.kernel_pin, o.busybox_pin)
    with tempfile.TemporaryDirectory() as tmp:
        initrd = os.path.join(tmp, 'initrd.gz')
        mkinitramfs.make(bb, os.path.join(HERE, 'init'), initrd,
                         bootimage.test_modules(kernel, ['virtio_blk']))
        if o.chain:
            seed = o.seed if o.seed is not None else random.randrange(1 << 32)
            try:
                chain(os.path.abspath(o.emu), o.qemu_img, kernel, initrd, tmp, o.device, o.gic,
                      o.chain, seed)
            except RuntimeError as e:
                print('FAIL: %s' % e)
                return 1
            return 0
        results = {}
        for side, emu in (('oracle', o.oracle), ('emu', os.path.abspath(o.emu))):
            t = time.monotonic()
            try:
                results[side] = session(emu, side == 'oracle', o.qemu_img, kernel, initrd,
                                        tmp, side, o.device, o.gic)
            except RuntimeError as e:
                print('FAIL: %s: %s' % (side, e))
                return 1
            print('%s: %.1f s' % (side, time.monotonic() - t))
    want, got = results['oracle'], results['emu']
    facts = ['after loadvm: count N+1, disk N+0', 'after -loadvm: count K+1, disk K+0',
             'counted on past the save: True']
    missing = [f for f in facts if f not in want]
    if missing:
        print('FAIL: the oracle does not show %s:\n%s' % (missing, '\n'.join(want)))
        return 1
    if want != got:
        sys.stdout.writelines(difflib.unified_diff(
            [l + '\n' for l in '\n'.join(want).splitlines()],
            [l + '\n' for l in '\n'.join(got).splitlines()], 'oracle', 'emu'))
        print('FAIL')
        return 1
    print('\n'.join(got))
    return 0


if __name__ == '__main__':
    sys.exit(main())
