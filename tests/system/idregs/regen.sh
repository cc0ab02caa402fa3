#!/bin/sh
# Rebuilds the probe and its qemu outputs (see README.md).
set -e
cd "$(dirname "$0")"
elf=$(mktemp /tmp/idregs.XXXXXX.elf)
aarch64-linux-gnu-gcc -ffreestanding -nostdlib -mgeneral-regs-only -O2 -Wall \
    -Wno-main -Wl,--no-warn-rwx-segments -T link.ld -o "$elf" start.S idregs.c
for cpu in cortex-a57 max; do
    # Semihosting writes to stderr unless given a character device.
    rm -f "qemu-$cpu.txt"
    timeout 60 qemu-system-aarch64 -M virt -cpu "$cpu" -nographic -net none \
        -chardev file,id=semi,path="qemu-$cpu.txt" \
        -semihosting-config enable=on,target=native,chardev=semi -kernel "$elf"
done
rm -f "$elf"
