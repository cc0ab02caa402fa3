"""Owns: the Linux boot inputs shared by the boot tests and `make bench`'s
system section, and running one boot and reading its console: fetching a pinned Debian package (scripts/fetch-deb.sh,
cached outside git), finding the kernel image and busybox in what it
unpacked, and reading the pins themselves from tests/system/meson.build,
where the boot tests declare them (one place for the versions: the
bench boots the very kernel the tests boot).

    import bootimage
    kernels, busybox_pin = bootimage.pins()
    vmlinuz = bootimage.kernel(kernels['6.12'])
    busybox = bootimage.busybox(busybox_pin)

Every function raises BootImageError with a sentence when something is
missing; callers decide whether that fails a test or a bench row."""
import ast
import glob
import os
import re
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


def test_inputs(kernel_pin, busybox_pin):
    """(vmlinuz, busybox) for a test script given both pins on its command
    line; a missing one ends the script with a FAIL line."""
    try:
        return kernel(kernel_pin), busybox(busybox_pin)
    except BootImageError as e:
        sys.exit('FAIL: %s' % e)


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


def from_marker(out, marker='MIMIC-BOOT-MARKER'):
    """The guest's own lines from its marker line on (the kernel's, which
    start with a [ time ] stamp, dropped); out is text or a list of lines."""
    lines = out.replace('\r', '').splitlines() if isinstance(out, str) else out
    for i, line in enumerate(lines):
        if line.startswith(marker):
            return [l for l in lines[i:] if not l.startswith('[')]
    return ['(no marker line) last lines:'] + lines[-20:]
