#!/usr/bin/env python3
"""Makes the Debian bookworm arm64 machine of the system-mode tests and
`make bench`: a root file system with systemd and openssh-server, built
by debootstrap --foreign on the host and finished (debootstrap's second
stage, setup.sh, the kernel's package and its initramfs made by
update-initramfs) inside the emulator itself, as an ext4 file system in a
qcow2 image.  Cached outside git; a second run prints the cached folder.

  mkdebian.py --emu build/mimic-system-aarch64 --img build/mimic-img

Prints the folder holding base.qcow2 (the disk), vmlinuz and initrd.img
(to boot it: root=/dev/vda), id_ed25519 (root's ssh key; root's console
password is "mimic") and packages.txt.  The package versions are checked
against debian/packages.txt (the pins): when Debian's bookworm has moved
on, the script says which packages changed and stops, unless
--update-pins rewrites the pins.  Needs root (debootstrap, mkfs.ext4 -d
keeping owners) and about 2 GiB of disk."""
import argparse
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
import bootimage  # noqa: E402
import mkinitramfs  # noqa: E402

SUITE, MIRROR = 'bookworm', 'http://deb.debian.org/debian'
INCLUDE = ['systemd', 'systemd-sysv', 'udev', 'dbus', 'openssh-server', 'initramfs-tools',
           'kmod', 'iproute2', 'e2fsprogs', 'procps']
PINS = os.path.join(HERE, 'debian', 'packages.txt')
DISK_SIZE = '2G'
STAGE2_MODULES = ['virtio_mmio', 'virtio_blk']
CACHE = os.environ.get('MIMIC_CACHE', os.path.join(os.path.expanduser('~'), '.cache', 'mimic'))


def die(msg):
    sys.exit('mkdebian: ' + msg)


def run(cmd, **kw):
    p = subprocess.run(cmd, **kw)
    if p.returncode != 0:
        die('%s failed (exit %d)' % (' '.join(cmd[:3]), p.returncode))
    return p


def downloaded_versions(rootfs):
    """name -> version of the packages debootstrap fetched."""
    versions = {}
    with open(os.path.join(rootfs, 'debootstrap', 'debpaths')) as f:
        for line in f:
            name, path = line.split()
            version = os.path.basename(path).split('_')[1].replace('%3a', ':')
            versions[name] = version
    return versions


def read_pins():
    with open(PINS) as f:
        return dict(l.split() for l in f if l.strip() and not l.startswith('#'))


def check_pins(versions, update):
    pins = read_pins() if os.path.exists(PINS) else {}
    if versions == pins:
        return
    if update:
        with open(PINS, 'w') as f:
            f.write('# Debian bookworm arm64 packages of the test machine (scripts/mkdebian.py),\n'
                    '# name and version; rewritten by mkdebian.py --update-pins.\n')
            for name in sorted(versions):
                f.write('%s %s\n' % (name, versions[name]))
        print('mkdebian: pins updated (%d packages)' % len(versions), file=sys.stderr)
        return
    moved = ['%s: pinned %s, now %s' % (n, pins.get(n, '-'), versions.get(n, '-'))
             for n in sorted(set(pins) | set(versions)) if pins.get(n) != versions.get(n)]
    die('Debian has moved on from the pinned packages:\n  ' + '\n  '.join(moved[:40]) +
        '\nrun scripts/mkdebian.py --update-pins after checking the changes')


def recipe_dir(kernel_pin):
    """The cache folder of this recipe: pins, scripts, kernel, sizes."""
    recipe = hashlib.sha256()
    for path in (PINS, os.path.join(HERE, 'debian', 'setup.sh'),
                 os.path.join(HERE, 'debian', 'stage2-init')):
        if os.path.exists(path):
            with open(path, 'rb') as f:
                recipe.update(f.read())
    recipe.update(repr((SUITE, INCLUDE, kernel_pin, DISK_SIZE)).encode())
    return os.path.join(CACHE, 'debian', 'bookworm-' + recipe.hexdigest()[:16])


def stage2(emu, kernel, busybox, disk, log, timeout):
    try:
        files = bootimage.kernel_modules(kernel, STAGE2_MODULES)
    except bootimage.BootImageError as e:
        die(str(e))
    with tempfile.TemporaryDirectory() as tmp:
        files.append(bootimage.module_list(STAGE2_MODULES, os.path.join(tmp, 'modules')))
        initrd = os.path.join(tmp, 'initrd.gz')
        mkinitramfs.make(busybox, os.path.join(HERE, 'debian', 'stage2-init'), initrd, files)
        cmd = [emu, '-M', 'virt', '-cpu', 'cortex-a57', '-smp', '2', '-m', '1G', '-nographic',
               '-no-reboot', '-kernel', kernel, '-initrd', initrd,
               '-append', 'console=ttyAMA0 panic=-1',
               '-drive', 'file=%s,format=raw,if=none,id=disk' % disk,
               '-device', 'virtio-blk-device,drive=disk', '-nic', 'none']
        start = time.monotonic()
        with open(log, 'wb') as out:
            try:
                subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=out,
                               stderr=subprocess.STDOUT, timeout=timeout)
            except subprocess.TimeoutExpired:
                die('the second stage took over %d s (log: %s)' % (timeout, log))
        with open(log, 'rb') as f:
            text = f.read().decode(errors='replace')
        if 'MIMIC-STAGE2-DONE' not in text:
            die('the second stage failed (log: %s):\n%s' % (log, '\n'.join(text.splitlines()[-15:])))
        print('mkdebian: second stage in %.0f s' % (time.monotonic() - start), file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--emu', required=True, help='the system emulator that runs the second stage')
    ap.add_argument('--img', required=True, help='mimic-img or qemu-img, for the qcow2')
    ap.add_argument('--update-pins', action='store_true')
    ap.add_argument('--timeout', type=float, default=1800)
    o = ap.parse_args()
    kernels, busybox_pin = bootimage.pins()
    kernel_pin = kernels['6.12']
    try:
        kernel = bootimage.kernel(kernel_pin)
        busybox = bootimage.busybox(busybox_pin)
    except bootimage.BootImageError as e:
        die(str(e))
    kernel_deb = glob.glob(os.path.join(CACHE, 'debs', '%s_*.deb' % kernel_pin[1]))
    if len(kernel_deb) != 1:
        die('no single cached .deb of %s' % kernel_pin[1])
    out = recipe_dir(kernel_pin)
    if os.path.exists(os.path.join(out, 'done')):
        print(out)
        return 0
    if os.geteuid() != 0:
        die('needs root (debootstrap, and mkfs.ext4 -d to keep file owners)')
    for tool in ('debootstrap', 'mkfs.ext4', 'debugfs', 'ssh-keygen'):
        if not shutil.which(tool):
            die('%s not found (scripts/deps.sh installs it)' % tool)
    work = tempfile.mkdtemp(prefix='mkdebian-', dir=os.path.join(CACHE, 'debian'))
    try:
        rootfs = os.path.join(work, 'rootfs')
        start = time.monotonic()
        run(['debootstrap', '--foreign', '--arch=arm64', '--variant=minbase',
             '--include=' + ','.join(INCLUDE), SUITE, rootfs, MIRROR],
            stdout=subprocess.DEVNULL)
        versions = downloaded_versions(rootfs)
        check_pins(versions, o.update_pins)
        out = recipe_dir(kernel_pin)        # new pins, new recipe
        os.makedirs(out, exist_ok=True)
        print('mkdebian: first stage in %.0f s' % (time.monotonic() - start), file=sys.stderr)
        key = os.path.join(out, 'id_ed25519')
        if not os.path.exists(key):
            run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'mimic-test', '-f', key])
        shutil.copy(key + '.pub', os.path.join(rootfs, 'root', 'authorized_keys'))
        shutil.copy(os.path.join(HERE, 'debian', 'setup.sh'), os.path.join(rootfs, 'root', 'setup.sh'))
        shutil.copy(kernel_deb[0], os.path.join(rootfs, 'root', 'kernel.deb'))
        disk = os.path.join(work, 'disk.raw')
        run(['mkfs.ext4', '-q', '-L', 'root', '-d', rootfs, disk, DISK_SIZE])
        shutil.rmtree(rootfs)
        stage2(o.emu, kernel, busybox, disk, os.path.join(out, 'stage2.log'), o.timeout)
        version = os.path.basename(kernel)[len('vmlinuz-'):]
        initrd = os.path.join(out, 'initrd.img')
        run(['debugfs', '-R', 'dump /boot/initrd.img-%s %s' % (version, initrd), disk],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not os.path.getsize(initrd):
            die('no /boot/initrd.img-%s in the image' % version)
        shutil.copy(kernel, os.path.join(out, 'vmlinuz'))
        run([o.img, 'convert', '-f', 'raw', '-O', 'qcow2', disk, os.path.join(out, 'base.qcow2')])
        with open(os.path.join(out, 'packages.txt'), 'w') as f:
            for name in sorted(versions):
                f.write('%s %s\n' % (name, versions[name]))
        open(os.path.join(out, 'done'), 'w').close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print('mkdebian: done in %.0f s' % (time.monotonic() - start), file=sys.stderr)
    print(out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
