/*
 * Entry of the bare-metal ID register probe: qemu's virt board enters a
 * -kernel ELF at its entry point at EL1 with the MMU off.  Set a stack
 * and call main; main exits through semihosting and never returns.
 */
    .section .text.start, "ax"
    .global _start
_start:
    ldr     x0, =stack_top
    mov     sp, x0
    bl      main
1:  wfi
    b       1b

    .bss
    .balign 16
    .space  16384
stack_top:
