#!/usr/bin/env python3
"""Bad command lines for mimic-system-aarch64: each must be refused at once
with an error on stderr that starts "mimic-system-aarch64: " (one line;
two for an unknown machine, whose second line is qemu's own hint), nothing
on stdout, and exit status 1: never a crash, a hang or a guest that runs.

Where qemu-system-aarch64 7.2 refuses the same line (a kernel or initrd
that cannot be read, an unknown machine, CPU or device), the test checks
that it still does, so the case stays one qemu calls an error.  -m 0 and
-smp 0 qemu takes (its default RAM; a deprecated topology it reads as one
CPU), and an empty file or a gzip stream that ends early it loads as a
raw binary (the guest then runs its bytes): mimic refuses those on
purpose, and the test marks them so.  Any other file that is not an ELF
or arm64 Image both load raw, as documented, so it is no case here.

  bad-args.py --emu MIMIC --oracle QEMU --kernel A_GOOD_ELF"""
import argparse
import gzip
import os
import subprocess
import sys
import tempfile

PROG = 'mimic-system-aarch64: '


def drive_cases(tmp):
    """-drive, -device and -global lines qemu refuses, with its words."""
    disk = os.path.join(tmp, 'disk.img')
    with open(disk, 'wb') as f:
        f.write(bytes(65536))
    d0 = 'file=%s,format=raw,if=none,id=d0' % disk
    return [
        ('device-property-unknown', ['-device', 'virtio-rng-device,foo=1']),
        ('device-blk-no-drive', ['-device', 'virtio-blk-device']),
        ('device-blk-drive-unknown', ['-device', 'virtio-blk-device,drive=nope']),
        ('device-blk-drive-twice', ['-drive', d0, '-device', 'virtio-blk-device,drive=d0',
                                    '-device', 'virtio-blk-device,drive=d0']),
        ('drive-missing-file', ['-drive', 'file=%s/missing.img,format=raw' % tmp]),
        ('drive-format-unknown', ['-drive', 'file=%s,format=vmdkx' % disk]),
        ('drive-no-file', ['-drive', 'format=raw,if=none,id=x']),
        ('drive-cache-unknown', ['-drive', d0 + ',cache=bad']),
        ('drive-readonly-garbage', ['-drive', d0 + ',readonly=maybe']),
        ('drive-option-unknown', ['-drive', d0 + ',bogus=1']),
        ('drive-if-unknown', ['-drive', 'file=%s,format=raw,if=bogus' % disk]),
        ('drive-id-twice', ['-drive', d0, '-drive', d0]),
        ('global-value-garbage', ['-global', 'virtio-mmio.force-legacy=maybe']),
    ]


def cases(kernel, tmp):
    """(name, arguments, qemu refuses it too[, with the same message])."""
    missing = os.path.join(tmp, 'missing')
    # An arm64 Image header (Documentation/arm64/booting.rst: image_size
    # at 16, "ARM\x64" at 56) with nothing to run: an -initrd is only
    # loaded for an Image, never beside an ELF.
    image = os.path.join(tmp, 'Image')
    with open(image, 'wb') as f:
        f.write(bytes(16) + (4096).to_bytes(8, 'little') + bytes(32) + b'ARM\x64'
                + bytes(4096 - 60))
    empty = os.path.join(tmp, 'empty')
    open(empty, 'wb').close()
    bad_gzip = os.path.join(tmp, 'bad.gz')
    with open(bad_gzip, 'wb') as f:
        f.write(gzip.compress(b'not a kernel at all\n' * 64)[:40])
    return [
        ('kernel-missing', ['-kernel', missing], True),
        ('kernel-directory', ['-kernel', tmp], True),
        ('kernel-empty', ['-kernel', empty], False),
        ('kernel-truncated-gzip', ['-kernel', bad_gzip], False),
        ('initrd-missing', ['-kernel', image, '-initrd', missing], True),
        ('m-0', ['-kernel', kernel, '-m', '0'], False),
        ('smp-0', ['-kernel', kernel, '-smp', '0'], False),
        ('smp-garbage', ['-kernel', kernel, '-smp', 'two'], True),
        ('machine-unknown', ['-kernel', kernel, '-M', 'no-such-board'], True),
        ('gic-version-unknown', ['-kernel', kernel, '-M', 'virt,gic-version=7'], True),
        ('cpu-unknown', ['-kernel', kernel, '-cpu', 'no-such-cpu'], True),
        ('device-unknown', ['-kernel', kernel, '-device', 'no-such-device,id=x'], True),
        ('option-unknown', ['-kernel', kernel, '-no-such-option'], True),
    ] + [(name, ['-kernel', kernel] + args, True, True) for name, args in drive_cases(tmp)] + [
        ('option-without-argument', ['-kernel', kernel, '-smp'], True),
    ]


def run(cmd):
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=20)
        return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')
    except subprocess.TimeoutExpired:
        return 'timeout (the guest ran)', '', ''


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--emu', required=True)
    ap.add_argument('--oracle', required=True)
    ap.add_argument('--kernel', required=True)
    o = ap.parse_args()
    base = ['-M', 'virt', '-cpu', 'cortex-a57', '-nographic']
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, args, qemu_refuses, *same in cases(o.kernel, tmp):
            rc, out, err = run([o.emu] + base + args)
            lines = err.splitlines()
            problems = []
            if rc != 1:
                problems.append('exit status %s, expected 1' % rc)
            if out:
                problems.append('stdout not empty: %r' % out[:200])
            if not lines or not lines[0].startswith(PROG):
                problems.append('stderr does not start with %r' % PROG)
            if len(lines) > (2 if name == 'machine-unknown' else 1):
                problems.append('%d lines on stderr' % len(lines))
            if qemu_refuses:
                qrc, _, qerr = run([o.oracle, '-nic', 'none'] + base + args)
                if qrc != 1:
                    problems.append('the oracle no longer refuses it (exit %s)' % qrc)
                qwords = qerr.splitlines()[0].split(': ', 1)[-1] if qerr else ''
                if same and lines and lines[0][len(PROG):] != qwords:
                    problems.append('qemu says %r' % qwords)
            note = '' if qemu_refuses else ' (qemu accepts it; mimic refuses on purpose)'
            if problems:
                failed += 1
                print('FAIL %s: %s\n  %s' % (name, ' '.join(args), '; '.join(problems)))
                print('  stderr: %r' % err[:300])
            else:
                print('ok   %s: %s%s' % (name, lines[0], note))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
