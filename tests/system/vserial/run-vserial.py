#!/usr/bin/env python3
"""Boots Debian's arm64 6.12 kernel (virtio console built in) with a
virtio-serial holding a virtconsole on a unix socket this script listens
on and a virtserialport named org.mimic.test on a file, under the
emulator under test and under qemu-system-aarch64 7.2, and checks:

 - the guest's READY arrives on the socket, the line sent back reaches
   the guest (it prints it on its serial console and echoes it);
 - what the socket received, what the file holds and what /init prints
   from its marker on (the ports the guest sees, their names) are the
   same under both;
 - the socket and the file hold what vserial/init wrote (computed here);
 - bad command lines (a port with no virtio-serial before it, an unknown
   or shared chardev, a name used twice) fail with qemu's words.

  run-vserial.py --emu EMU --oracle QEMU --kernel-pin ARCH PKG VERSION SHA \\
                 --busybox-pin ARCH PKG VERSION SHA [--device MODEL] [--module NAME ...]

--device is the virtio-serial model (virtio-serial-pci by default);
--module names kernel modules /init loads first (virtio_mmio for
virtio-serial-device: Debian's kernel has it as a module); --append adds
to the kernel command line (virtio_pci.force_legacy=1)."""
import os
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

HOST_LINE = b'hello-from-host 42 \xc3\xa9t\xc3\xa9\n'


def expected_socket():
    # The tty turns \n into \r\n (onlcr); echo is off.
    text = b'READY\nGOT: ' + HOST_LINE + b''.join(b'console line %d\n' % i for i in (1, 2, 3))
    return text.replace(b'\n', b'\r\n')


def expected_file():
    return ''.join('%d\n' % i for i in range(1, 2001)).encode() + b'to the named port\n'


def boot(exe, device, kernel, initrd, tmp, who, timeout, append):
    sock_path = os.path.join(tmp, who + '.sock')
    out_path = os.path.join(tmp, who + '.port')
    log_path = os.path.join(tmp, who + '.log')
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(sock_path)
    srv.listen(1)
    srv.settimeout(timeout)
    cmd = [exe, '-M', 'virt', '-cpu', 'cortex-a57', '-smp', '2', '-m', '1G', '-nographic',
           '-no-reboot', '-nic', 'none', '-kernel', kernel, '-initrd', initrd,
           '-append', ('console=ttyAMA0 quiet panic=-1 ' + append).strip(),
           '-chardev', 'socket,id=c0,path=' + sock_path,
           '-chardev', 'file,id=c1,path=' + out_path,
           '-device', device,
           '-device', 'virtconsole,chardev=c0',
           '-device', 'virtserialport,chardev=c1,name=org.mimic.test']
    start = time.monotonic()
    with open(log_path, 'wb') as log:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    got = b''
    try:
        conn, _ = srv.accept()
        conn.settimeout(timeout)
        sent = False
        while True:
            data = conn.recv(4096)
            if not data:
                break
            got += data
            if not sent and b'READY' in got:
                conn.sendall(HOST_LINE)
                sent = True
        conn.close()
        p.wait(timeout=max(1, timeout - (time.monotonic() - start)))
    except (socket.timeout, subprocess.TimeoutExpired):
        p.kill()
        p.wait()
        got += b'(timeout)'
    srv.close()
    with open(log_path, 'rb') as f:
        out = f.read().decode(errors='replace')
    port = open(out_path, 'rb').read() if os.path.exists(out_path) else b'(no file)'
    return got, port, out, time.monotonic() - start


BAD_COMMAND_LINES = [
    ['-chardev', 'null,id=c0', '-device', 'virtconsole,chardev=c0'],
    ['-device', 'virtio-serial-pci', '-device', 'virtconsole,chardev=nope'],
    ['-chardev', 'null,id=c0', '-device', 'virtio-serial-device',
     '-device', 'virtconsole,chardev=c0', '-device', 'virtserialport,chardev=c0'],
    ['-device', 'virtio-serial-pci', '-device', 'virtserialport,name=a',
     '-device', 'virtconsole,name=a'],
]


def error_of(exe, args, kernel):
    p = subprocess.run([exe, '-M', 'virt', '-nographic', '-nic', 'none', '-kernel', kernel]
                       + args, stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    err = p.stderr.decode(errors='replace').strip()
    return p.returncode != 0, err.split(': ', 1)[-1]


def main():
    ap = bootimage.test_parser(__doc__)
    ap.add_argument('--device', default='virtio-serial-pci')
    ap.add_argument('--module', action='append', default=[])
    ap.add_argument('--append', default='')
    ap.add_argument('--timeout', type=float, default=300)
    o = ap.parse_args()
    kernel, bb = bootimage.test_inputs(o.kernel_pin, o.busybox_pin)
    modules = bootimage.test_modules(kernel, o.module)
    failed = False
    for args in BAD_COMMAND_LINES:
        want, got = error_of(o.oracle, args, kernel), error_of(o.emu, args, kernel)
        if not want[0] or got != want:
            print('FAIL: %s: mimic %r, qemu %r' % (' '.join(args), got, want))
            failed = True
    with tempfile.TemporaryDirectory() as tmp:
        initrd = os.path.join(tmp, 'initrd.gz')
        mkinitramfs.make(bb, os.path.join(HERE, 'init'), initrd, modules)
        runs = {}
        for who, exe in (('oracle', o.oracle), ('emu', os.path.abspath(o.emu))):
            runs[who] = boot(exe, o.device, kernel, initrd, tmp, who, o.timeout, o.append)
            print('%s: %.1f s' % (who, runs[who][3]))
        (es, ef, eo, _), (qs, qf, qo, _) = runs['emu'], runs['oracle']
        checks = [('socket', es, qs, expected_socket()), ('port file', ef, qf, expected_file())]
        for what, emu, oracle, want in checks:
            if oracle != want:
                print('NOTE: the oracle\'s %s is not what this script expects: %r' %
                      (what, oracle[:200]))
                failed = True
            if emu != oracle:
                print('FAIL: %s differs: mimic %r, qemu %r' % (what, emu[:300], oracle[:300]))
                failed = True
        em, qm = bootimage.from_marker(eo), bootimage.from_marker(qo)
        if em != qm or 'MIMIC-BOOT-DONE' not in qm:
            print('FAIL: guest output differs (or is incomplete):')
            print('--- qemu\n' + '\n'.join(qm) + '\n--- mimic\n' + '\n'.join(em))
            failed = True
        else:
            print('\n'.join(em))
        if 'guest got: ' + HOST_LINE.decode().strip() not in em:
            print('FAIL: the guest did not get the host\'s line')
            failed = True
    print('FAIL' if failed else 'PASS')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
