#!/bin/sh
# Records qemu 7.2's answers to the monitor commands of commands.txt into
# transcript.txt (the line editor's echo reduced to "(qemu) COMMAND"), the
# oracle test-monitor compares mimic's monitor with.  Guest memory: 256M
# of RAM at 0x40000000 with kernel.bin (made here) loaded at 0x40080000,
# two CPUs, stopped before the first instruction (-S).
# Usage: tests/unit/monitor-qemu/record.sh [qemu-system-aarch64]
set -e
here=$(dirname "$0")
qemu=${1:-qemu-system-aarch64}
# Four A64 instructions (LDR literal, MOV, BR, NOP), then bytes of every kind.
printf '\300\000\000\130\341\003\037\252\200\000\037\326\037\040\003\325' > "$here/kernel.bin"
printf 'AAAABBBBhello world\000\001\002\377\376\177\200\n\r\047\134abcdefghijklmnopqrstuvwxyz0123456789' >> "$here/kernel.bin"
(cat "$here/commands.txt"; sleep 1; echo quit) |
    timeout 30 "$qemu" -M virt -cpu cortex-a57 -m 256M -smp 2 -nographic -nic none -S \
        -serial none -monitor stdio -kernel "$here/kernel.bin" 2>&1 |
    python3 -c '
import re, sys
out = []
for line in sys.stdin.buffer.read().decode("latin1").split("\r\n"):
    if line.startswith("(qemu) ") and "\x1b[K" in line:
        line = "(qemu) " + re.split(r"(?:\x1b\[D)+", line)[-1].replace("\x1b[K", "")
    out.append(line)
sys.stdout.write("\n".join(out))
' > "$here/transcript.txt"
# The line editor's bytes, as the terminal gets them (echo.in typed).
(cat "$here/echo.in"; sleep 1; echo quit) |
    timeout 30 "$qemu" -M virt -cpu cortex-a57 -m 256M -nographic -nic none -S \
        -serial none -monitor stdio 2>&1 > "$here/echo.out"
# The monitor behind -nographic's multiplexer: Ctrl-A c to it, a command,
# Ctrl-A c twice (to the serial line and back), a command, Ctrl-A x.
(sleep 1; printf '\001c'; sleep 0.5; printf 'p 1\n'; sleep 0.3; printf '\001c'; sleep 0.3
 printf '\001c'; sleep 0.3; printf 'p 2\n'; sleep 0.5; printf '\001x') |
    timeout 30 "$qemu" -M virt -cpu cortex-a57 -m 256M -nographic -nic none -S > "$here/mux.out" 2>&1
