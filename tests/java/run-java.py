#!/usr/bin/env python3
# Owns: running Debian 12's arm64 OpenJDK 17 under an emulator (suite 'slow'):
# the sysroot comes from scripts/fetch-sysroot-java.sh (cached, pinned), then
# each case runs `java ...` under the emulator under test and, when given,
# under the oracle (qemu-aarch64), and compares exit status, stdout and
# stderr. Each case also checks its output against what it must print, so two
# emulators agreeing on garbage still fail. The class the "class" case runs is
# assembled below, byte by byte; with --javac, javac itself (the jdk.compiler
# module, minutes of JVM work) compiles a small program under the emulator,
# which then runs it.
#
#   run-java.py --emu EMU [--emu-args '...'] [--oracle QEMU] [--javac]
#               --fetch-script scripts/fetch-sysroot-java.sh [--timeout S] [-v]
#
# Last line of output is exactly "N passed, N failed"; exit status is
# non-zero on any failure (a failed fetch included).
import argparse
import os
import re
import shlex
import struct
import subprocess
import sys
import tempfile

JAVA = 'usr/lib/jvm/java-17-openjdk-arm64/bin/java'
LOOP = 1000000


def utf8(s):
    b = s.encode()
    return struct.pack('>BH', 1, len(b)) + b


def hello_class():
    """Hello.class (version 49: no stack maps needed): main sums i*i for
    i < LOOP in a long (long enough for the JVM to compile the loop, so its
    JIT's code runs too), prints the sum and a line."""
    pool = [
        utf8('Hello'),                              # 1
        struct.pack('>BH', 7, 1),                   # 2 class Hello
        utf8('java/lang/Object'),                   # 3
        struct.pack('>BH', 7, 3),                   # 4
        utf8('java/lang/System'),                   # 5
        struct.pack('>BH', 7, 5),                   # 6
        utf8('out'),                                # 7
        utf8('Ljava/io/PrintStream;'),              # 8
        struct.pack('>BHH', 12, 7, 8),              # 9
        struct.pack('>BHH', 9, 6, 9),               # 10 System.out
        utf8('java/io/PrintStream'),                # 11
        struct.pack('>BH', 7, 11),                  # 12
        utf8('println'),                            # 13
        utf8('(J)V'),                               # 14
        struct.pack('>BHH', 12, 13, 14),            # 15
        struct.pack('>BHH', 10, 12, 15),            # 16 println(long)
        utf8('(Ljava/lang/String;)V'),              # 17
        struct.pack('>BHH', 12, 13, 17),            # 18
        struct.pack('>BHH', 10, 12, 18),            # 19 println(String)
        utf8('hello from a class file'),            # 20
        struct.pack('>BH', 8, 20),                  # 21
        struct.pack('>Bi', 3, LOOP),                # 22
        utf8('main'),                               # 23
        utf8('([Ljava/lang/String;)V'),             # 24
        utf8('Code'),                               # 25
    ]
    code = bytes([
        0x09, 0x40,             # 0: lconst_0; lstore_1        sum = 0
        0x03, 0x3e,             # 2: iconst_0; istore_3        i = 0
        0x1d, 0x12, 22,         # 4: iload_3; ldc LOOP
        0xa2, 0x00, 17,         # 7: if_icmpge 24
        0x1f, 0x1d, 0x85,       # 10: lload_1; iload_3; i2l
        0x1d, 0x85, 0x69, 0x61, # 13: iload_3; i2l; lmul; ladd
        0x40,                   # 17: lstore_1
        0x84, 3, 1,             # 18: iinc 3, 1
        0xa7, 0xff, 0xef,       # 21: goto 4
        0xb2, 0, 10, 0x1f,      # 24: getstatic out; lload_1
        0xb6, 0, 16,            # 28: invokevirtual println(J)
        0xb2, 0, 10, 0x12, 21,  # 31: getstatic out; ldc "hello..."
        0xb6, 0, 19,            # 36: invokevirtual println(String)
        0xb1,                   # 39: return
    ])
    code_attr = struct.pack('>HHI', 6, 4, len(code)) + code + struct.pack('>HH', 0, 0)
    method = struct.pack('>HHHH', 0x09, 23, 24, 1) + \
        struct.pack('>HI', 25, len(code_attr)) + code_attr
    return (struct.pack('>IHHH', 0xCAFEBABE, 0, 49, len(pool) + 1) + b''.join(pool) +
            struct.pack('>HHHHHH', 0x21, 2, 4, 0, 0, 1) + method + struct.pack('>H', 0))


VERSION = re.compile(r'openjdk version "17\.[0-9.]+" [0-9-]+\n'
                     r'OpenJDK Runtime Environment \(build 17\.[^)]*-Debian\)\n'
                     r'OpenJDK 64-Bit Server VM \(build 17\.[^)]*-Debian, mixed mode[^)]*\)\n$')
SUM = (LOOP - 1) * LOOP * (2 * LOOP - 1) // 6

# name, java arguments (CLASSDIR: the folder holding Hello.class),
# check(stdout, stderr) -> None when right, else what is wrong
CASES = [
    ('version', ['-version'],
     lambda out, err: None if not out and VERSION.match(err) else 'not the version banner'),
    ('version-noshare', ['-Xshare:off', '-version'],
     lambda out, err: None if not out and VERSION.match(err) else 'not the version banner'),
    ('properties', ['-XshowSettings:properties', '-version'],
     lambda out, err: None if 'os.arch = aarch64' in err and 'java.vm.name = OpenJDK 64-Bit'
     in err else 'no os.arch = aarch64 / java.vm.name in the settings'),
    ('class', ['-cp', 'CLASSDIR', 'Hello'],
     lambda out, err: None if out == '%d\nhello from a class file\n' % SUM and not err
     else 'wrong output'),
]



JAVAC_SOURCE = r"""
import java.util.*;
import java.util.stream.*;
public class Main {
    public static void main(String[] a) throws Exception {
        Map<String, Integer> m = new TreeMap<>();
        for (String w : "the quick brown fox jumps over the lazy dog the end".split(" "))
            m.merge(w, 1, Integer::sum);
        System.out.println(m);
        System.out.println(IntStream.rangeClosed(1, 12).mapToObj(Integer::toString)
                           .collect(Collectors.joining(",")));
        System.out.println(String.format("%.6f %x %s", Math.PI * 1e3, 255, 1.0 / 3));
        Thread t = new Thread(() -> System.out.println("thread " + Thread.currentThread().getName()));
        t.start();
        t.join();
        System.out.println(new java.math.BigInteger("2").pow(100));
    }
}
"""
JAVAC_OUTPUT = ('{brown=1, dog=1, end=1, fox=1, jumps=1, lazy=1, over=1, quick=1, the=3}\n'
                '1,2,3,4,5,6,7,8,9,10,11,12\n'
                '3141.592654 ff 0.3333333333333333\n'
                'thread Thread-0\n'
                '1267650600228229401496703205376\n')


def run(cmd, timeout):
    env = dict(os.environ, LC_ALL='C', TZ='UTC')
    env.pop('JAVA_TOOL_OPTIONS', None)
    env.pop('_JAVA_OPTIONS', None)
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env)
        return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')
    except subprocess.TimeoutExpired:
        return 'timeout', '', ''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emu', required=True)
    ap.add_argument('--emu-args', default='')
    ap.add_argument('--oracle')
    ap.add_argument('--fetch-script', required=True)
    ap.add_argument('--timeout', type=float, default=600)
    ap.add_argument('--filter', default='')
    ap.add_argument('--javac', action='store_true')
    ap.add_argument('-v', action='store_true')
    a = ap.parse_args()

    f = subprocess.run(['sh', a.fetch_script], stdout=subprocess.PIPE)
    if f.returncode != 0:
        print('fetch failed\n0 passed, 1 failed')
        return 1
    root = f.stdout.decode().strip().splitlines()[-1]
    java = os.path.join(root, JAVA)
    emu = [a.emu] + shlex.split(a.emu_args) + ['-L', root, java]
    oracle = [a.oracle, '-L', root, java] if a.oracle else None

    passed = failed = 0
    with tempfile.TemporaryDirectory() as classdir:
        with open(os.path.join(classdir, 'Hello.class'), 'wb') as c:
            c.write(hello_class())
        cases = list(CASES)
        if a.javac:
            with open(os.path.join(classdir, 'Main.java'), 'w') as src:
                src.write(JAVAC_SOURCE)
            # javac under the emulator only (the oracle would take as long);
            # the program it makes is then an ordinary case.
            cases.insert(0, ('javac', ['-m', 'jdk.compiler/com.sun.tools.javac.Main', '-d',
                                       'CLASSDIR', os.path.join(classdir, 'Main.java')],
                             lambda out, err: None if not out and not err else 'javac said something'))
            cases.insert(1, ('javac-output', ['-cp', 'CLASSDIR', 'Main'],
                             lambda out, err: None if out == JAVAC_OUTPUT and not err
                             else 'wrong output'))
        for name, args, check in cases:
            if a.filter not in name:
                continue
            args = [classdir if x == 'CLASSDIR' else x for x in args]
            got = run(emu + args, a.timeout)
            problems = []
            if got[0] != 0:
                problems.append('exit status %s' % got[0])
            wrong = check(got[1], got[2])
            if wrong:
                problems.append(wrong)
            if oracle and name != 'javac':
                want = run(oracle + args, a.timeout)
                if want != got:
                    problems.append('differs from %s (status %s)' % (a.oracle, want[0]))
            if problems:
                failed += 1
                print('FAIL %s: %s' % (name, '; '.join(problems)))
                print('  stdout: %r\n  stderr: %r' % (got[1][-2000:], got[2][-2000:]))
            else:
                passed += 1
                if a.v:
                    print('ok   %s' % name)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
