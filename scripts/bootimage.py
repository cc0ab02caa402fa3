"""Owns: the Linux boot inputs shared by the boot tests, `make bench`'s
system section and scripts/mkdebian.py, running one boot and reading its
console, and the verdict of a boot test that compares two boots:
fetching a pinned Debian package (scripts/fetch-deb.sh, cached outside
git), finding the kernel image, its modules and busybox in what it
unpacked, and reading the pins themselves from tests/system/meson.build,
where the boot tests declare them (one place for the versions: the
bench boots the very kernel the tests boot).

    import bootimage
    kernels, busybox_pin = bootimage.pins()
    vmlinuz = bootimage.kernel(kernels['6.12'])
    busybox = bootimage.busybox(busybox_pin)
    files = bootimage.kernel_modules(vmlinuz, ['virtio_blk'])

Every function raises BootImageError with a sentence when something is
missing; callers decide whether that fails a test or a bench row (the
test_* functions make it a FAIL line)."""
import argparse
import ast
import difflib
import glob
import os
import re
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FETCH = os.path.join(ROOT, 'scripts', 'fetch-deb.sh')
PINS_FILE = os.path.join(ROOT, 'tests', 'system', 'meson.build')


class BootImageError(Exception):
    pass


def fetch(pin):
    """pin: [arch, package, version, sha256]; returns the unpacked folder."""
    p = subprocess.run(['sh', FETCH] + list(pin), stdout=subprocess.PIPE, text=True)
    if p.returncode != 0 or not p.stdout.strip():
        raise BootImageError('fetching %s %s failed (see the messages above)' % (pin[1], pin[2]))
    return p.stdout.strip().splitlines()[-1]


def kernel(pin):
    """The vmlinuz of a linux-image package."""
    root = fetch(pin)
    found = glob.glob(os.path.join(root, 'boot', 'vmlinuz-*'))
    if len(found) != 1:
        raise BootImageError('no single vmlinuz in %s' % root)
    return found[0]


def busybox(pin):
    path = os.path.join(fetch(pin), 'bin', 'busybox')
    if not os.path.exists(path):
        raise BootImageError('no bin/busybox in the %s package' % pin[1])
    return path


def kernel_modules(vmlinuz, names):
    """(host path, /lib/NAME.ko) for each module name, in order, from the
    package that holds vmlinuz: the pairs mkinitramfs.make takes (it
    unpacks the .ko.xz) and the place every /init here loads them from.
    A name is enough: a kernel's module names are unique (modprobe finds
    modules by name alone)."""
    trees = glob.glob(os.path.join(os.path.dirname(os.path.dirname(vmlinuz)),
                                   'lib', 'modules', '*', 'kernel'))
    if len(trees) != 1:
        raise BootImageError('no single lib/modules/*/kernel beside %s' % vmlinuz)
    found = {}
    for folder, _, files in os.walk(trees[0]):
        for f in files:
            if f.endswith('.ko.xz'):
                found.setdefault(f[:-len('.ko.xz')], []).append(os.path.join(folder, f))
    missing = [n for n in names if len(found.get(n, ())) != 1]
    if missing:
        raise BootImageError('no single module %s in %s' % (', '.join(missing), trees[0]))
    return [(found[n][0], '/lib/%s.ko' % n) for n in names]


def module_list(names, path):
    """Writes the /modules file of the inits that load /lib/NAME.ko for
    each NAME it lists, in its order (dependencies first) at path; returns
    its (host path, /modules) pair for mkinitramfs.make."""
    with open(path, 'w') as f:
        f.write(' '.join(names) + '\n')
    return path, '/modules'


def _or_fail(what, *args):
    try:
        return what(*args)
    except BootImageError as e:
        sys.exit('FAIL: %s' % e)


def test_parser(doc, oracle=True):
    """The command line every boot test takes: --emu, --oracle (qemu-system-
    aarch64; left out when oracle is False), --kernel-pin and --busybox-pin
    (as tests/system/meson.build passes them); the test adds its own."""
    ap = argparse.ArgumentParser(description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--emu', required=True)
    if oracle:
        ap.add_argument('--oracle', required=True)
    ap.add_argument('--kernel-pin', nargs=4, required=True)
    ap.add_argument('--busybox-pin', nargs=4, required=True)
    return ap


def test_inputs(kernel_pin, busybox_pin):
    """(vmlinuz, busybox) for a test script given both pins on its command
    line; a missing one ends the script with a FAIL line."""
    return _or_fail(lambda: (kernel(kernel_pin), busybox(busybox_pin)))


def test_modules(vmlinuz, names):
    """kernel_modules for a test script; a missing one ends it with a FAIL
    line."""
    return _or_fail(kernel_modules, vmlinuz, names)


def _meson_value(text, name):
    # meson's list and dictionary literals of strings are Python's, once
    # comments are gone (no '#' occurs inside the pinned strings).
    m = re.search(r'^%s\s*=\s*' % re.escape(name), text, re.M)
    if not m:
        raise BootImageError('%s not found in %s' % (name, PINS_FILE))
    opening = text[m.end()]
    closing = {'[': ']', '{': '}'}.get(opening)
    end = text.find('\n' + closing, m.end()) if opening == '{' else text.find(closing, m.end())
    if closing is None or end < 0:
        raise BootImageError('%s in %s is not a literal list or dictionary' % (name, PINS_FILE))
    literal = text[m.end():end + len(closing) + (1 if opening == '{' else 0)]
    literal = re.sub(r'#[^\n]*', '', literal)
    try:
        return ast.literal_eval(literal)
    except (SyntaxError, ValueError) as e:
        raise BootImageError('cannot read %s in %s: %s' % (name, PINS_FILE, e))


def pins():
    """({kernel version: pin}, busybox pin) as tests/system/meson.build has them."""
    with open(PINS_FILE) as f:
        text = f.read()
    return _meson_value(text, 'boot_kernels'), _meson_value(text, 'boot_busybox')


def run(cmd, timeout):
    """Runs an emulator with stdin empty: (console text, exit status or
    'timeout', seconds)."""
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        out, rc = p.stdout.decode(errors='replace'), p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b'').decode(errors='replace'), 'timeout'
    return out, rc, time.monotonic() - start


def free_port():
    """A TCP port on the host's loopback free now, for a hostfwd."""
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def from_marker(out, marker='MIMIC-BOOT-MARKER'):
    """The guest's own lines from its marker line on (the kernel's, which
    start with a [ time ] stamp, dropped); out is text or a list of lines."""
    lines = out.replace('\r', '').splitlines() if isinstance(out, str) else out
    for i, line in enumerate(lines):
        if line.startswith(marker):
            return [l for l in lines[i:] if not l.startswith('[')]
    return ['(no marker line) last lines:'] + lines[-20:]


def verdict(ref, ref_rc, out, rc, done, marker='MIMIC-BOOT-MARKER', check=None):
    """A boot test's verdict on one machine booted under the oracle (console
    ref, exit status ref_rc) and under the emulator (out, rc), consoles as
    text or lists of lines: the oracle must exit with 0 after a line that
    holds done; the emulator's lines from marker on and its exit status
    must be the oracle's, and check(those lines), a list of problems, empty.
    Prints a diff, the problems and the emulator's last lines, or its lines
    when all is well; returns the test script's exit status."""
    want, got = from_marker(ref, marker), from_marker(out, marker)
    if ref_rc != 0 or not any(done in l for l in want):
        print('FAIL: the oracle did not run to the end:\n' + '\n'.join(want))
        return 1
    problems = []
    if want != got:
        sys.stdout.writelines(difflib.unified_diff(
            [l + '\n' for l in want], [l + '\n' for l in got], 'oracle', 'emu'))
        problems.append("the guest's lines are not the oracle's")
    if rc != ref_rc:
        problems.append('exit status %s, expected %s' % (rc, ref_rc))
    problems += check(got) if check else []
    if problems:
        print('FAIL: ' + '; '.join(problems))
        print("the emulator's last lines, as printed:")
        lines = out.replace('\r', '').splitlines() if isinstance(out, str) else out
        print('\n'.join(lines[-25:]))
        return 1
    print('\n'.join(got))
    return 0
