#!/usr/bin/env python3
# Owns: the checks of `-d mmu -D FILE` and `-d guest_errors` in system mode.  Runs the bare-metal
# prog/device-align.c once and looks in its log for lines the program's
# fixed mappings and faults must produce (qemu 7.2's arm target logs no
# MMU activity, so the expected lines are mimic's own format, documented in
# docs/user-guide.md):
#   - a fill of the PL011's page through the identity map (Device-nGnRnE,
#     MAIR attribute 0x00, MMIO),
#   - a fill of the program's Device-nGnRE page at 0x1000000000 (attribute
#     0x04, RAM),
#   - the alignment fault of its unaligned LDR there (ESR 0x96000021: EC
#     0x25, IL, DFSC 0b100001),
#   - the level-3 permission fault of its aligned store to the read-only
#     Device page (ESR 0x9600004f: WnR, DFSC 0b001111).
#
#
# With --item guest_errors it runs prog/virtio-hostile.c behind a
# virtio-rng instead and looks for the device's guest-error lines (the
# loop, the buffer outside RAM, the head past the queue, the available
# index far ahead), which qemu prints on stderr and mimic puts in the log.
#
#   log-mmu.py --emu EMU --prog device-align.elf
#   log-mmu.py --emu EMU --prog virtio-hostile.elf --item guest_errors
import argparse
import os
import re
import subprocess
import sys
import tempfile

EXPECTED = [
    ('PL011 fill', r'^mmu: fill idx \d+ va 0x0000000009000000 -> pa 0x9000000 prot rw. '
                   r'attr 0x00 device io \((read|write)\)$'),
    ('Device RAM fill', r'^mmu: fill idx \d+ va 0x0000001000000000 -> pa 0x4[0-9a-f]{7} '
                        r'prot rw- attr 0x04 device \(read\)$'),
    ('alignment fault', r'^mmu: alignment fault va 0x0000001000000001 esr 0x96000021 '
                        r'\(data abort, read\)$'),
    ('permission fault', r'^mmu: permission fault level 3 va 0x0000001000020004 '
                         r'esr 0x9600004f \(data abort, write\)$'),
]

GUEST_ERRORS = [
    ('chain loop', r'^virtio-rng: guest error: queue 0, head \d+: descriptor chain loops'),
    ('buffer outside RAM', r'^virtio-rng: guest error: queue 0, head \d+: buffer not in RAM$'),
    ('head past the queue', r'^virtio-rng: guest error: queue 0, head 200: descriptor index '
                            r'out of range$'),
    ('available index ahead', r'^virtio-rng: guest error: queue 0: available index \d+ is '
                              r'\d+ ahead of \d+$'),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emu', required=True)
    ap.add_argument('--prog', required=True)
    ap.add_argument('--item', default='mmu', choices=['mmu', 'guest_errors'])
    args = ap.parse_args()
    if args.item == 'guest_errors':
        return check_guest_errors(args)
    with tempfile.TemporaryDirectory() as d:
        log = os.path.join(d, 'mmu.log')
        cmd = [args.emu, '-M', 'virt', '-cpu', 'cortex-a57', '-m', '256M', '-nographic',
               '-semihosting', '-kernel', args.prog, '-d', 'mmu', '-D', log]
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
        if p.returncode != 0:
            print('FAIL: %s exited %d\n%s' % (' '.join(cmd), p.returncode,
                                              p.stderr.decode(errors='replace')))
            return 1
        with open(log, encoding='utf-8', errors='replace') as f:
            lines = f.read().splitlines()
    failed = 0
    for what, pattern in EXPECTED:
        rx = re.compile(pattern)
        hit = next((l for l in lines if rx.match(l)), None)
        if hit is None:
            print('FAIL: no %s line matching %s' % (what, pattern))
            failed += 1
        else:
            print('ok   %s: %s' % (what, hit))
    # Every line of the item is one of the two forms.
    other = [l for l in lines if l.startswith('mmu:') and
             not re.match(r'^mmu: (fill idx |[a-z ]+ fault( level \d)? va )', l)]
    if other:
        print('FAIL: malformed mmu lines, e.g. %r' % other[0])
        failed += 1
    print('%d mmu lines, %d checks failed' % (sum(l.startswith('mmu:') for l in lines), failed))
    return 1 if failed else 0


def check_guest_errors(args):
    with tempfile.TemporaryDirectory() as d:
        log = os.path.join(d, 'guest.log')
        cmd = [args.emu, '-M', 'virt', '-cpu', 'cortex-a57', '-m', '256M', '-nographic',
               '-semihosting', '-kernel', args.prog, '-device', 'virtio-rng-device',
               '-d', 'guest_errors', '-D', log]
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
        if p.returncode != 0:
            print('FAIL: %s exited %d' % (' '.join(cmd), p.returncode))
            return 1
        with open(log, encoding='utf-8', errors='replace') as f:
            lines = f.read().splitlines()
    failed = 0
    for what, pattern in GUEST_ERRORS:
        hit = next((l for l in lines if re.match(pattern, l)), None)
        print(('ok   %s: %s' % (what, hit)) if hit else ('FAIL: no %s line matching %s' % (what, pattern)))
        failed += hit is None
    print('%d log lines, %d checks failed' % (len(lines), failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
