#!/usr/bin/env python3
"""User networking end to end, under the emulator under test and under
qemu-system-aarch64 7.2: Debian's kernel boots a busybox initramfs
(init) that loads the NIC's modules, takes a DHCP lease from slirp,
fetches a file from an HTTP server this script runs on the host's
loopback (through the gateway 10.0.2.2), and serves one HTTP reply that
this script fetches through hostfwd.  The guest's lines from its marker
on, the host's view of the served reply and the exit status must match
qemu's.

  run-net.py --emu EMU --oracle QEMU --kernel-pin ... --busybox-pin ... \\
             --device MODEL [--module NAME ...]

--device is the NIC model given to both (virtio-net-device on
virtio-mmio, virtio-net-pci: with romfile= so that qemu wants no iPXE
ROM); --module lists the kernel modules /init
loads, in order, from the kernel package."""
import hashlib
import http.server
import os
import random
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..', '..')
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import bootimage  # noqa: E402
import mkinitramfs  # noqa: E402

BLOB = bytes(random.Random(11).getrandbits(8) for _ in range(1 << 20))


class Blob(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != '/blob':
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header('Content-Length', str(len(BLOB)))
        self.end_headers()
        self.wfile.write(BLOB)

    def log_message(self, *args):
        pass


def fetch_forwarded(port, timeout=30):
    """The guest's reply through hostfwd, or an error line."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with socket.create_connection(('127.0.0.1', port), timeout=10) as c:
                c.sendall(b'GET /hello HTTP/1.0\r\nHost: guest\r\n\r\n')
                data = b''
                while True:
                    chunk = c.recv(4096)
                    if not chunk:
                        break
                    data += chunk
            if data:
                return data.decode(errors='replace').replace('\r', '')
        except OSError:
            pass
        time.sleep(0.5)
    return '(no reply through hostfwd)'


def boot(cmd, fwd_port, timeout):
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    out, host_view, buf = [], None, b''
    end = start + timeout
    while True:
        left = end - time.monotonic()
        if left <= 0:
            p.kill()
            out.append('(timed out)')
            break
        r, _, _ = select.select([p.stdout], [], [], min(left, 1))
        if not r:
            continue
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            break
        buf += chunk
        while b'\n' in buf:
            line, buf = buf.split(b'\n', 1)
            text = line.decode(errors='replace').rstrip('\r')
            out.append(text)
            if text.startswith('MIMIC-NET-READY') and host_view is None:
                # Fetch on a thread: the guest keeps printing meanwhile.
                host_view = []
                threading.Thread(target=lambda: host_view.append(fetch_forwarded(fwd_port)),
                                 daemon=True).start()
    rc = p.wait()
    for _ in range(100):
        if host_view is None or host_view:
            break
        time.sleep(0.1)
    return out, rc, (host_view[0] if host_view else '(never ready)'), time.monotonic() - start


def main():
    ap = bootimage.test_parser(__doc__)
    ap.add_argument('--device', required=True)
    ap.add_argument('--module', action='append', default=[])
    ap.add_argument('--timeout', type=float, default=300)
    o = ap.parse_args()
    kernel, bb = bootimage.test_inputs(o.kernel_pin, o.busybox_pin)
    modules = bootimage.test_modules(kernel, o.module)
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Blob)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    web = server.server_address[1]
    want_sha = hashlib.sha256(BLOB).hexdigest()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        files = modules + [bootimage.module_list(o.module, os.path.join(tmp, 'modules')),
                           (os.path.join(HERE, 'dhcp-event'), '/bin/dhcp-event')]
        initrd = os.path.join(tmp, 'initrd.gz')
        mkinitramfs.make(bb, os.path.join(HERE, 'init'), initrd, files)
        for name, emu in (('oracle', o.oracle), ('emu', os.path.abspath(o.emu))):
            fwd = bootimage.free_port()
            cmd = [emu, '-M', 'virt', '-cpu', 'cortex-a57', '-m', '1G', '-nographic',
                   '-no-reboot', '-kernel', kernel, '-initrd', initrd,
                   '-append', 'console=ttyAMA0 quiet panic=-1 fetch=http://10.0.2.2:%d/blob' % web,
                   '-netdev', 'user,id=n0,hostfwd=tcp:127.0.0.1:%d-:8080' % fwd,
                   '-device', o.device + ',netdev=n0' +
                   (',romfile=' if o.device.endswith('-pci') else '')]
            out, rc, host_view, t = boot(cmd, fwd, o.timeout)
            print('%s: %.1f s, exit %s' % (name, t, rc))
            results.append((out, rc, host_view))
    server.shutdown()
    (ref, ref_rc, want_view), (out, rc, view) = results
    view_problems = [] if view == want_view and 'hello from the guest' in view else [
        "the host's view through hostfwd differs: oracle %r, emu %r" % (want_view, view)]
    # The oracle's run ends well when its guest printed the blob's sha256.
    if bootimage.verdict(ref, ref_rc, out, rc, 'sha256 ' + want_sha,
                         check=lambda got: view_problems):
        return 1
    print('host fetched through hostfwd: ' + view.splitlines()[-1])
    return 0


if __name__ == '__main__':
    sys.exit(main())
