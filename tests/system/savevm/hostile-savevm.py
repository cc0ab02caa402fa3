#!/usr/bin/env python3
"""A damaged snapshot must not hurt mimic: loadvm of machine state whose
bytes were changed at random, or whose recorded size was cut short, ends
in a clear error (exit status 1 with a message) or in a machine that
runs; never a crash, a hang or a host access outside guest RAM.

A machine that has not run (-S: the kernel loaded, nothing executed) is
saved with `savevm s1` into a fresh qcow2.  Then, RUNS times, a copy of
the image gets one to four random bytes of its snapshot's machine state
changed (found by walking the qcow2 tables here: header, snapshot table,
the snapshot's L1 and L2 tables), mostly in the CPU and device tables
that come before RAM in the stream; a few copies get the state's size in the
snapshot table cut instead.  Each copy is started with -loadvm s1 and,
if that works, let run for a moment and quit through the monitor.

  hostile-savevm.py --emu EMU --kernel-pin ARCH PKG VERSION SHA \\
                    --busybox-pin ARCH PKG VERSION SHA [--runs N] [--seed S]
"""
import argparse
import os
import random
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, '..', '..', '..', 'scripts'))
import bootimage  # noqa: E402


def qcow2_state_map(path):
    """(offset of the snapshot entry's 32-bit state size, state size, a
    function mapping a byte of the state to its offset in the file)."""
    with open(path, 'rb') as f:
        data = f.read()
    cluster_bits, = struct.unpack_from('>I', data, 20)
    size, = struct.unpack_from('>Q', data, 24)
    nb, snap_off = struct.unpack_from('>IQ', data, 60)
    if nb != 1:
        sys.exit('FAIL: expected one snapshot, found %d' % nb)
    cs = 1 << cluster_bits
    l1_off, l1_size = struct.unpack_from('>QI', data, snap_off)
    extra, = struct.unpack_from('>I', data, snap_off + 36)
    state_size = struct.unpack_from('>Q', data, snap_off + 40)[0] if extra >= 8 else \
        struct.unpack_from('>I', data, snap_off + 32)[0]
    span = (cs // 8) * cs
    first = (size + span - 1) // span

    def where(pos):
        l1e, = struct.unpack_from('>Q', data, l1_off + 8 * (first + pos // span))
        l2 = l1e & 0x00fffffffffffe00
        l2e, = struct.unpack_from('>Q', data, l2 + 8 * ((pos % span) // cs))
        return (l2e & 0x00fffffffffffe00) + pos % cs
    return snap_off, state_size, where


def start(emu, kernel, img, sock, extra):
    return subprocess.Popen([emu, '-M', 'virt', '-cpu', 'cortex-a57', '-smp', '2', '-m', '256M',
                             '-nographic', '-kernel', kernel,
                             '-drive', 'file=%s,if=none,id=d0' % img,
                             '-device', 'virtio-blk-pci,drive=d0',
                             '-monitor', 'unix:%s,server=on,wait=off' % sock,
                             '-serial', 'null'] + extra,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


def monitor(sock, p, cmds, timeout=30):
    s = socket.socket(socket.AF_UNIX)
    end = time.time() + timeout
    while True:
        try:
            s.connect(sock)
            break
        except OSError:
            if p.poll() is not None or time.time() > end:
                return False
            time.sleep(0.05)
    s.settimeout(timeout)
    buf = b''
    try:
        for cmd, pause in cmds:
            while not buf.endswith(b'(qemu) '):
                d = s.recv(65536)
                if not d:
                    return False
                buf += d
            buf = b''
            s.sendall(cmd.encode() + b'\n')
            time.sleep(pause)
    except OSError:         # the emulator went away (a refused load ends it)
        return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--emu', required=True)
    ap.add_argument('--kernel-pin', nargs=4, required=True)
    ap.add_argument('--busybox-pin', nargs=4, required=True)
    ap.add_argument('--qemu-img', default='qemu-img')
    ap.add_argument('--runs', type=int, default=24)
    ap.add_argument('--seed', type=int, default=None)
    o = ap.parse_args()
    seed = o.seed if o.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    print('seed %d' % seed)
    emu = os.path.abspath(o.emu)
    o.kernel, _ = bootimage.test_inputs(o.kernel_pin, o.busybox_pin)
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, 'good.qcow2')
        sock = os.path.join(tmp, 'mon.sock')
        subprocess.run([o.qemu_img, 'create', '-q', '-f', 'qcow2', good, '16M'], check=True)
        p = start(emu, o.kernel, good, sock, ['-S'])
        if not monitor(sock, p, [('savevm s1', 0), ('quit', 0)]) or p.wait(30) != 0:
            print('FAIL: could not save the machine:', p.stdout.read().decode(errors='replace'))
            return 1
        entry, state_size, where = qcow2_state_map(good)
        # Where RAM starts in the stream: the tables before it are what
        # most changes aim at (a changed RAM byte is just other RAM).
        with open(good, 'rb') as f:
            head = b''
            for pos in range(0, min(state_size, 1 << 20), 512):
                f.seek(where(pos))
                head += f.read(min(512, state_size - pos))
        tables = head.find(b'R\x00\x0dmach-virt.ram')
        if tables <= 0:
            print('FAIL: no RAM record in the first MiB of the state')
            return 1
        print('machine state: %d bytes, %d of them tables' % (state_size, tables))
        outcomes = {}
        for run in range(o.runs):
            img = os.path.join(tmp, 'bad.qcow2')
            shutil.copy(good, img)
            with open(img, 'r+b') as f:
                if run % 6 == 5:
                    cut = rng.randrange(state_size)
                    f.seek(entry + 32)
                    f.write(struct.pack('>I', cut))
                    f.seek(entry + 40)
                    f.write(struct.pack('>Q', cut))
                    what = 'size cut to %d' % cut
                else:
                    spots = []
                    for _ in range(rng.randint(1, 4)):
                        pos = rng.randrange(tables if rng.random() < 0.8 else state_size)
                        f.seek(where(pos))
                        f.write(bytes([rng.randrange(256)]))
                        spots.append(pos)
                    what = 'bytes at %s changed' % spots
            if os.path.exists(sock):
                os.unlink(sock)
            p = start(emu, o.kernel, img, sock, ['-loadvm', 's1', '-S'])
            talked = monitor(sock, p, [('cont', 1.0), ('quit', 0)])
            try:
                rc = p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                print('FAIL: run %d (%s): hung' % (run, what))
                return 1
            out = p.stdout.read().decode(errors='replace').strip()
            if rc < 0 or (rc != 0 and not out) or rc not in (0, 1) or (rc == 0 and not talked):
                print('FAIL: run %d (%s): exit status %s\n%s' % (run, what, rc, out[-2000:]))
                return 1
            outcome = 'ran' if rc == 0 else out.splitlines()[-1]
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
            print('run %d: %s: %s' % (run, what, outcome))
        print('outcomes: %s' % outcomes)
    return 0


if __name__ == '__main__':
    sys.exit(main())
