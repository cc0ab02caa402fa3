#!/usr/bin/env python3
"""Owns: the gdb stub in system mode on a real kernel: a gdb-multiarch
batch session on Debian's 6.12 arm64 kernel booting under mimic, checked
against what the kernel itself says and against the same session under
qemu-system-aarch64 7.2.

The package has no symbols (vmlinuz; its System.map is a stub), so a first
boot under mimic, with `nokaslr` so that addresses do not move between
boots, has an /init print the wanted lines of /proc/kallsyms (as root,
kptr_restrict 0: real addresses) and then open a file over and over.  gdb
attaches to that running machine (no -S: code is translated already),
breaks at do_sys_openat2 (every open's), must stop there, and kills the
machine.  A second boot, stopped (-S) with the stub listening, runs the
main session at those addresses:

  break *start_kernel (Z0, on a kernel virtual address: reached once the
  MMU is on), continue, $pc, info registers, x/s linux_banner (the
  package's release), x/gx jiffies_64 (INITIAL_JIFFIES for the package's
  CONFIG_HZ: nothing has counted yet), stepi (start_kernel's first
  instruction is no branch: pc + 4), hbreak *kernel_clone (Z1; first
  called by rest_init on the boot CPU, before the secondaries start, for
  init), continue, $pc, delete (a stale block would stop there again),
  tbreak at the return address, continue, x0 (init's pid: 1), break
  *kernel_clone again (the second call, for kthreadd), continue, $pc,
  then delete and continue to the kernel's power off.

The same session under qemu must give the same transcript, but for the
system registers (fewer under mimic: each must have qemu's value), and the
second boot's /init the same addresses as the first.

  gdb-kernel.py --mimic EMU --oracle QEMU --gdb GDB \\
                --kernel-pin ARCH PKG VERSION SHA --busybox-pin ARCH PKG VERSION SHA
"""
import argparse
import glob
import os
import re
import select
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..', '..')
MKINITRAMFS = os.path.join(ROOT, 'scripts', 'mkinitramfs.py')
sys.dont_write_bytecode = True             # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import bootimage  # noqa: E402
from gdbsession import finish, free_port, listening, machine, run_gdb, session  # noqa: E402

# The symbols the sessions use: functions every boot runs early, one
# that every open runs, a string and a counter whose values the package
# tells.
SYMBOLS = ('start_kernel', 'kernel_clone', 'do_sys_openat2', 'linux_banner', 'jiffies_64')

# `gdbattach` on the command line (passed on to init as an argument): the
# first boot's, which loops until gdb kills it.
INIT = '''#!/bin/sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
echo 1 > /proc/sys/kernel/printk
echo "MIMIC-KALLSYMS kptr_restrict=$(cat /proc/sys/kernel/kptr_restrict)"
grep -E ' (%s)$' /proc/kallsyms
echo MIMIC-KALLSYMS-END
if grep -qw gdbattach /proc/cmdline; then
    while :; do cat /proc/version > /dev/null; done
fi
poweroff -f
''' % '|'.join(SYMBOLS)

ATTACH_SCRIPT = '''set pagination off
set confirm off
break *{do_sys_openat2:#x}
continue
p/x $pc
kill
'''

GDB_SCRIPT = '''set pagination off
set confirm off
break *{start_kernel:#x}
continue
p/x $pc
info registers
x/s {linux_banner:#x}
x/gx {jiffies_64:#x}
stepi
p/x $pc
delete
hbreak *{kernel_clone:#x}
continue
p/x $pc
delete
tbreak *$x30
continue
p $x0
break *{kernel_clone:#x}
continue
p/x $pc
delete
continue
'''


# `info registers`: the general registers, then (qemu 7.2's and mimic's
# org.qemu.gdb.arm.sys.regs) system registers, mimic's fewer than qemu's.
CORE_REGS = ['x%d' % i for i in range(31)] + ['sp', 'pc', 'cpsr', 'fpsr', 'fpcr']
REG_LINE = re.compile(r'^([A-Za-z_]\w*)\s+(0x[0-9a-f]+)\s', re.M)


def core_only(text):
    """text without the system registers' lines of `info registers`."""
    return '\n'.join(l for l in text.splitlines()
                     if not REG_LINE.match(l) or REG_LINE.match(l).group(1) in CORE_REGS)


def symbols(out):
    """{name: address} of the init's kallsyms lines."""
    found = {}
    for m in re.finditer(r'^([0-9a-f]{16}) \w (\w+)\r?$', out, re.M):
        found[m.group(2)] = int(m.group(1), 16)
    return found


def boot_args(kernel, initrd, smp, extra=''):
    # -smp 2: some -smp 1 boots of 6.12 stall for tens of seconds (a
    # known bug of mimic's, docs/user-guide.md).
    return ['-M', 'virt', '-cpu', 'cortex-a57', '-smp', str(smp), '-m', '1G', '-nographic',
            '-no-reboot', '-kernel', kernel, '-initrd', initrd,
            '-append', 'console=ttyAMA0 quiet nokaslr panic=-1' + extra]


def read_until(proc, marker, timeout):
    """The machine's output up to the line holding marker (or its end, or
    the time running out)."""
    out, end = b'', time.monotonic() + timeout
    while marker.encode() not in out and time.monotonic() < end:
        ready, _, _ = select.select([proc.stdout], [], [], 1)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
    return out.decode(errors='replace')


def attach_boot(a, kernel, initrd, check):
    """The first boot: the addresses, then gdb attached to the running
    kernel breaks at do_sys_openat2 and kills it.  {name: address}."""
    start = time.monotonic()
    port = free_port()
    proc = machine(os.path.abspath(a.mimic), boot_args(kernel, initrd, a.smp, ' gdbattach'),
                   port, stopped=False)
    listening(a.mimic, proc, port)
    out = read_until(proc, 'MIMIC-KALLSYMS-END', a.timeout)
    syms = symbols(out)
    print('first boot: %.1f s; %s' % (time.monotonic() - start, ', '.join(
        '%s %#x' % (n, syms[n]) for n in SYMBOLS if n in syms)))
    missing = [n for n in SYMBOLS if not syms.get(n)]
    if missing:
        proc.kill()
        print('\n'.join((out + finish(proc)[0]).replace('\r', '').splitlines()[-20:]))
        sys.exit('FAIL: the first boot gave no address for %s' % ', '.join(missing))
    with tempfile.NamedTemporaryFile('w', suffix='.gdb') as f:
        f.write(ATTACH_SCRIPT.format(**syms))
        f.flush()
        text = run_gdb(a.gdb, port, ['-x', f.name], timeout=60)
    rc = finish(proc)[1]
    print(text)
    m = re.search(r'^\$1 = (0x[0-9a-f]+)$', text, re.M)
    check(m is not None and int(m.group(1), 16) == syms['do_sys_openat2'],
          'attached to the running kernel, stopped at do_sys_openat2 %#x' % syms['do_sys_openat2'])
    check(rc == 0, "gdb's kill ended the machine (exit %s)" % rc)
    return syms


def package_facts(kernel):
    """(the release linux_banner names, INITIAL_JIFFIES) from the package:
    its vmlinuz-RELEASE and config-RELEASE's CONFIG_HZ; INITIAL_JIFFIES is
    (unsigned long)(unsigned int)(-300 * HZ) (include/linux/jiffies.h)."""
    release = os.path.basename(kernel)[len('vmlinuz-'):]
    config = glob.glob(os.path.join(os.path.dirname(kernel), 'config-' + release))
    hz = None
    if config:
        m = re.search(r'^CONFIG_HZ=(\d+)$', open(config[0]).read(), re.M)
        hz = int(m.group(1)) if m else None
    if hz is None:
        sys.exit('FAIL: no CONFIG_HZ in the package of %s' % kernel)
    return release, (-300 * hz) & 0xffffffff


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--mimic', required=True)
    ap.add_argument('--oracle', default='/usr/bin/qemu-system-aarch64')
    ap.add_argument('--gdb', default='gdb-multiarch')
    ap.add_argument('--kernel-pin', nargs=4, required=True)
    ap.add_argument('--busybox-pin', nargs=4, required=True)
    ap.add_argument('--smp', type=int, default=2)
    ap.add_argument('--timeout', type=float, default=300, help='seconds for each boot')
    a = ap.parse_args()
    kernel, bb = bootimage.test_inputs(a.kernel_pin, a.busybox_pin)
    release, initial_jiffies = package_facts(kernel)
    fails = []

    def check(ok, what):
        print(('ok    ' if ok else 'FAIL  ') + what)
        if not ok:
            fails.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        init, initrd = os.path.join(tmp, 'init'), os.path.join(tmp, 'initrd.gz')
        with open(init, 'w') as f:
            f.write(INIT)
        subprocess.run([sys.executable, MKINITRAMFS, bb, init, initrd], check=True)
        args = boot_args(kernel, initrd, a.smp)

        syms = attach_boot(a, kernel, initrd, check)

        script = os.path.join(tmp, 'kernel.gdb')
        with open(script, 'w') as f:
            f.write(GDB_SCRIPT.format(**syms))
        start = time.monotonic()
        want = session(a.oracle, args, a.gdb, ['-x', script], timeout=a.timeout)
        oracle_t = time.monotonic() - start
        start = time.monotonic()
        got = session(a.mimic, args, a.gdb, ['-x', script], timeout=a.timeout)
        print('sessions: qemu %.1f s, mimic %.1f s' % (oracle_t, time.monotonic() - start))

    text = got[0]
    print(core_only(text))
    # gdb's value history: $1 the stop's pc, $2 the step's, $3 the first
    # kernel_clone's, $4 its return value, $5 the second kernel_clone's.
    val = {int(n): int(v, 0) for n, v in re.findall(r'^\$(\d+) = (0x[0-9a-f]+|\d+)$', text, re.M)}
    check(val.get(1) == syms['start_kernel'], 'stopped at start_kernel %#x' % syms['start_kernel'])
    regs = {m.group(1) for m in REG_LINE.finditer(text)}
    check(all(r in regs for r in CORE_REGS), 'info registers has x0-x30, sp, pc, cpsr, fpsr, fpcr')
    m = re.search(r'^0x%x:\s+"([^"]*)' % syms['linux_banner'], text, re.M)
    check(m is not None and m.group(1).startswith('Linux version %s ' % release),
          'linux_banner reads "Linux version %s ..."' % release)
    m = re.search(r'^0x%x:\s+(0x[0-9a-f]+)$' % syms['jiffies_64'], text, re.M)
    check(m is not None and int(m.group(1), 16) == initial_jiffies,
          'jiffies_64 is INITIAL_JIFFIES %#x' % initial_jiffies)
    check(val.get(2) == syms['start_kernel'] + 4, 'stepi went on to start_kernel + 4')
    check(val.get(3) == syms['kernel_clone'], 'stopped at kernel_clone %#x' % syms['kernel_clone'])
    check(val.get(4) == 1, "kernel_clone returned init's pid, 1")
    check(val.get(5) == syms['kernel_clone'],
          'a breakpoint set at kernel_clone after its code ran stopped there again')
    check(got[2] == 0 and symbols(got[1]) == syms,
          'the kernel ran on to its power off (exit %s) and printed the same addresses' % got[2])
    # The system registers mimic describes, a subset of qemu's, at
    # start_kernel: the kernel's own settings (SCTLR, TCR, MAIR, TTBRs,
    # VBAR) and the model's ID registers; no counter among them.
    theirs = dict(m.groups() for m in REG_LINE.finditer(want[0]))
    differ = ['%s %s (qemu %s)' % (n, v, theirs.get(n)) for n, v in
              (m.groups() for m in REG_LINE.finditer(text)) if theirs.get(n) != v]
    check(not differ and len(regs) > 100,
          "the %d system registers have qemu's values%s"
          % (len(regs - set(CORE_REGS)), ': ' + ', '.join(differ) if differ else ''))
    same = core_only(want[0]) == core_only(text)
    check(same, "gdb's transcript equal to qemu's (the system registers left out)")
    if not same:
        print('--- qemu\n%s' % core_only(want[0]))
    check(want[2] == got[2], 'exit status equal to qemu\'s (%s)' % want[2])
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
