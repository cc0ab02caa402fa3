#!/usr/bin/env python3
"""The virt board's device tree against qemu-system-aarch64 7.2's.

For each machine of a matrix (CPUs, GIC version, RAM, kernel command line
and initrd), qemu writes its tree (-M virt,dumpdtb=FILE) and virt-fdt-dump
writes mimic's for the same configuration; dtc decompiles both, and the two
must agree node by node and property by property, in order.  Phandles are
compared by the path of the node they name, not by number; the random
seeds in /chosen only by length.

Two comparisons per machine:
  - every device qemu has (virt-fdt-dump --devices default): the whole tree
    must match, phandle numbers included;
  - the devices mimic models today: qemu's tree without the nodes of
    NOT_MODELLED must match mimic's tree for those devices.

usage: test-virt-fdt.py VIRT_FDT_DUMP QEMU_SYSTEM_AARCH64 DTC
"""
import os
import re
import subprocess
import sys
import tempfile

# Devices the board does not model yet, so leaves out of its tree: the
# virt-fdt-dump device name, the qemu nodes that go with it, and why.
NOT_MODELLED = {
    'fw-cfg': (['/fw-cfg@9020000'], 'no fw-cfg device yet'),
    'pcie': (['/pcie@10000000'], 'no PCIe host bridge yet'),
    'flash': (['/flash@0'], 'no CFI flash yet (the kernel is loaded directly)'),
    'platform-bus': (['/platform-bus@c000000'], 'no dynamic sysbus devices'),
}
ALL_DEVICES = ['uart', 'rtc', 'gpio', 'virtio-mmio', 'flash', 'fw-cfg', 'pcie',
               'msi', 'pmu', 'platform-bus']
SEEDS = {('/chosen', 'kaslr-seed'), ('/chosen', 'rng-seed')}

MIB = 1 << 20
GIB = 1 << 30
RAM_BASE = 0x40000000   # VIRT_MEM


class Node:
    def __init__(self, path):
        self.path = path
        self.props = []      # (name, value text or None), in order
        self.children = []   # Node, in order


def parse_dts(text):
    """dtc's decompiled output: one node header, property or '};' a line."""
    root = None
    stack = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith('/dts-v1/') or line.startswith('/memreserve/'):
            continue
        if line.endswith('{'):
            name = line[:-1].strip()
            if not stack:
                node = root = Node('/')
            else:
                parent = stack[-1]
                node = Node(parent.path.rstrip('/') + '/' + name)
                parent.children.append(node)
            stack.append(node)
        elif line == '};':
            stack.pop()
        else:
            assert line.endswith(';'), line
            name, _, value = line[:-1].partition(' = ')
            stack[-1].props.append((name, value if value else None))
    return root


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def resolve_phandles(root):
    """Replaces every cell that is some node's phandle by '&path'."""
    by_number = {}
    for node in walk(root):
        for name, value in node.props:
            if name == 'phandle':
                by_number[int(value.strip('<>'), 16)] = node.path

    def cells(match):
        words = [('&' + by_number[int(w, 16)]) if int(w, 16) in by_number else w
                 for w in match.group(1).split()]
        return '<' + ' '.join(words) + '>'

    for node in walk(root):
        node.props = [(n, v if n == 'phandle' or v is None else re.sub(r'<([^>]*)>', cells, v))
                      for n, v in node.props]
        node.props = [(n, '<phandle>' if n == 'phandle' else v) for n, v in node.props]


def drop(root, paths):
    for node in walk(root):
        node.children = [c for c in node.children if c.path not in paths]


def compare(expected, got, errors):
    if [c.path for c in expected.children] != [c.path for c in got.children]:
        errors.append('%s: children\n  qemu:  %s\n  mimic: %s' % (
            expected.path, [c.path for c in expected.children],
            [c.path for c in got.children]))
        return
    names_e = [n for n, _ in expected.props]
    names_g = [n for n, _ in got.props]
    if names_e != names_g:
        errors.append('%s: properties\n  qemu:  %s\n  mimic: %s' % (expected.path, names_e, names_g))
    else:
        for (name, ve), (_, vg) in zip(expected.props, got.props):
            if (expected.path, name) in SEEDS:
                ve, vg = len(ve.split()), len(vg.split())
            if ve != vg:
                errors.append('%s: %s\n  qemu:  %s\n  mimic: %s' % (expected.path, name, ve, vg))
    for ce, cg in zip(expected.children, got.children):
        compare(ce, cg, errors)


def decompile(dtc, dtb):
    return subprocess.run([dtc, '-I', 'dtb', '-O', 'dts', dtb], check=True,
                          capture_output=True, text=True).stdout


def main():
    dump, qemu, dtc = sys.argv[1:4]
    # Other qemu versions write other trees (7.2's is the reference):
    # skip, meson's code 77, rather than fail.
    version = subprocess.run([qemu, '--version'], capture_output=True, text=True).stdout
    if not re.search(r'version 7\.2\.', version):
        print('skipped: the reference is qemu 7.2, this is ' + version.splitlines()[0])
        return 77
    with tempfile.TemporaryDirectory(prefix='test-virt-fdt-') as tmp:
        return run(dump, qemu, dtc, tmp)


def run(dump, qemu, dtc, tmp):
    kernel = os.path.join(tmp, 'Image')
    initrd = os.path.join(tmp, 'initrd')
    with open(kernel, 'wb') as f:
        f.write(b'\0' * 4096)
    initrd_bytes = b'initrd contents\n' * 5
    with open(initrd, 'wb') as f:
        f.write(initrd_bytes)
    append = 'console=ttyAMA0 root=/dev/vda rw'

    # (smp, gic, RAM, kernel arguments and initrd, qemu -cpu, highmem, EL2)
    machines = []
    for smp in ('1', '2', '4'):
        for gic in (2, 3):
            for mem in (1 * GIB, 2 * GIB):
                for boot in (False, True):
                    machines.append((smp, gic, mem, boot, 'cortex-a57', True, False))
    machines += [
        # Topology levels in cpu-map; MPIDRs past one GICv3 cluster of 16;
        # a second redistributor region past 123 CPUs.
        ('8,sockets=2,clusters=1,cores=2,threads=2', 3, GIB, False, 'cortex-a57', True, False),
        ('17', 3, GIB, True, 'cortex-a57', True, False),
        ('130', 3, GIB, False, 'cortex-a57', True, False),
        # RAM across 4 GiB; max, which qemu 7.2 calls a cortex-a57.
        ('2', 2, 4 * GIB, True, 'max', True, False),
        # highmem=off: PCIe's ECAM low, no 64-bit window.
        ('2', 3, 3 * GIB, False, 'cortex-a57', False, False),
        ('3', 2, GIB, True, 'cortex-a57', False, False),
        # virtualization=on: the GIC's hypervisor interface; PSCI by SMC.
        ('2', 2, GIB, True, 'cortex-a57', True, True),
        ('4', 3, GIB, False, 'cortex-a57', True, True),
    ]

    failures = 0
    for smp, gic, mem, boot, cpu, highmem, el2 in machines:
        label = 'smp=%s gic=%d mem=%dM cpu=%s%s%s%s' % (
            smp, gic, mem // MIB, cpu, ' +kernel' if boot else '',
            '' if highmem else ' highmem=off', ' virtualization=on' if el2 else '')
        qemu_dtb = os.path.join(tmp, 'qemu.dtb')
        if os.path.exists(qemu_dtb):
            os.unlink(qemu_dtb)
        cmd = [qemu, '-M', 'virt,gic-version=%d,highmem=%s,virtualization=%s,dumpdtb=%s' % (
                   gic, 'on' if highmem else 'off', 'on' if el2 else 'off', qemu_dtb),
               '-cpu', cpu, '-smp', smp, '-m', '%dM' % (mem // MIB),
               '-nographic', '-net', 'none']
        ours = ['--smp', smp, '--gic', str(gic), '--mem', hex(mem),
                '--cpu', 'arm,cortex-a57'] + ([] if highmem else ['--no-highmem'])
        # qemu starts a guest with EL2 there, so PSCI calls must trap by SMC.
        ours += ['--el2', '--psci', 'smc'] if el2 else ['--psci', 'hvc']
        if boot:
            cmd += ['-kernel', kernel, '-append', append, '-initrd', initrd]
            # hw/arm/boot.c: the initrd goes 128 MiB into RAM (or halfway
            # into smaller RAM), past the kernel.
            start = RAM_BASE + min(mem // 2, 128 * MIB)
            ours += ['--append', append,
                     '--initrd', '%x,%x' % (start, start + len(initrd_bytes))]
        subprocess.run(cmd, check=True, capture_output=True, stdin=subprocess.DEVNULL)
        qemu_dts = decompile(dtc, qemu_dtb)

        modelled = [d for d in ALL_DEVICES if d not in NOT_MODELLED]
        dropped = {p for paths, _ in NOT_MODELLED.values() for p in paths}
        for devices, skip, strict in (('default', set(), True),
                                      (','.join(modelled), dropped, False)):
            ours_dtb = os.path.join(tmp, 'mimic.dtb')
            if os.path.exists(ours_dtb):
                os.unlink(ours_dtb)
            subprocess.run([dump, ours_dtb, '--devices', devices] + ours, check=True,
                           capture_output=True)
            ours_dts = decompile(dtc, ours_dtb)
            errors = []
            if strict:
                # Same phandle numbers as qemu: compare before resolving.
                compare(parse_dts(qemu_dts), parse_dts(ours_dts), errors)
            expected, got = parse_dts(qemu_dts), parse_dts(ours_dts)
            drop(expected, skip)
            resolve_phandles(expected)
            resolve_phandles(got)
            compare(expected, got, errors)
            status = 'ok' if not errors else 'FAIL'
            print('%-4s %s devices=%s' % (status, label, devices))
            for e in errors:
                print('    ' + e.replace('\n', '\n    '))
            failures += bool(errors)
    if failures:
        print('%d comparisons failed' % failures)
        return 1
    print('skipped nodes (not modelled yet): ' +
          '; '.join('%s: %s' % (', '.join(p), why) for p, why in NOT_MODELLED.values()))
    return 0


if __name__ == '__main__':
    sys.exit(main())
