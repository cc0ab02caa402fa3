/*
 * Owns: the first instructions of every CPU (CPU 0 from the ELF entry, the
 * others from PSCI CPU_ON), the per-CPU stacks, the EL1 vector table and the
 * exception entry/exit that builds struct rt_frame (rt.h) for rt_exception(),
 * and the EL1 <-> EL0 round trip of rt_run_el0().
 *
 * QEMU's -kernel with an ELF file loads it at its link addresses and enters
 * e_entry at EL1h, MMU off, all of DAIF masked; the other CPUs start powered
 * off (virt with PSCI), so only CPU 0 runs _start.
 */
#define FRAME_SIZE  304         /* sizeof(struct rt_frame) */
#define STACK_SIZE  0x4000      /* per CPU, for EL1 and again for EL0 */
#define MAX_CPUS    8

    .section .text.boot, "ax"
    .global _start
_start:
    /* What the loader left in X0-X3, for the programs to look at. */
    mov     x20, x0
    mov     x21, x1
    mov     x22, x2
    mov     x23, x3
    mrs     x24, sctlr_el1
    mov     x0, #0
    b       cpu_entry

    /* PSCI CPU_ON entry: x0 = context id = the CPU's index (smp.c). */
    .global rt_secondary_entry
rt_secondary_entry:
cpu_entry:
    msr     daifset, #0xf
    mov     x19, x0
    msr     spsel, #1
    adrp    x1, rt_stacks
    add     x1, x1, :lo12:rt_stacks
    add     x2, x19, #1
    mov     x3, #STACK_SIZE
    madd    x1, x2, x3, x1
    mov     sp, x1
    adrp    x1, rt_vectors
    add     x1, x1, :lo12:rt_vectors
    msr     vbar_el1, x1
    /* FP/SIMD untrapped: the programs are built general-regs-only, but a
     * test may still want to touch V registers. */
    mov     x1, #(3 << 20)
    msr     cpacr_el1, x1
    isb
    cbnz    x19, 1f
    adrp    x1, __bss_start
    add     x1, x1, :lo12:__bss_start
    adrp    x2, __bss_end
    add     x2, x2, :lo12:__bss_end
0:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       0b
2:  mov     x0, x20
    mov     x1, x21
    mov     x2, x22
    mov     x3, x23
    mov     x4, x24
    bl      rt_main0
    b       .
1:  mov     x0, x19
    bl      rt_secondary_main
    b       .

/* One entry per vector: make room for the frame, keep x0/x1, note which
 * vector (0..15 in table order) and join the common path. */
    .macro VENTRY n
    .balign 0x80
    sub     sp, sp, #FRAME_SIZE
    stp     x0, x1, [sp, #0]
    mov     x0, #\n
    b       vector_common
    .endm

    .section .text.vectors, "ax"
    .balign 0x800
    .global rt_vectors
rt_vectors:
    VENTRY 0
    VENTRY 1
    VENTRY 2
    VENTRY 3
    VENTRY 4
    VENTRY 5
    VENTRY 6
    VENTRY 7
    VENTRY 8
    VENTRY 9
    VENTRY 10
    VENTRY 11
    VENTRY 12
    VENTRY 13
    VENTRY 14
    VENTRY 15

vector_common:
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    mrs     x1, sp_el0
    stp     x30, x1, [sp, #240]
    mrs     x1, elr_el1
    mrs     x2, spsr_el1
    stp     x1, x2, [sp, #256]
    mrs     x1, esr_el1
    mrs     x2, far_el1
    stp     x1, x2, [sp, #272]
    str     x0, [sp, #288]
    mov     x0, sp
    bl      rt_exception
    /* The handler may have changed any of these (elr to skip, spsr). */
    ldp     x1, x2, [sp, #256]
    msr     elr_el1, x1
    msr     spsr_el1, x2
    ldp     x30, x1, [sp, #240]
    msr     sp_el0, x1
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldp     x0, x1, [sp, #0]
    add     sp, sp, #FRAME_SIZE
    eret

/*
 * uint64_t rt_run_el0(uint64_t (*fn)(uint64_t), uint64_t arg)
 * Saves the callee-saved registers and SP_EL1 for this CPU, then ERETs to fn
 * at EL0t (DAIF masked) on the CPU's EL0 stack with x30 pointing at
 * rt_el0_exit; that SVC brings rt_exception() to rt_el0_resume().
 */
    .text
    .global rt_run_el0
rt_run_el0:
    stp     x29, x30, [sp, #-96]!
    stp     x19, x20, [sp, #16]
    stp     x21, x22, [sp, #32]
    stp     x23, x24, [sp, #48]
    stp     x25, x26, [sp, #64]
    stp     x27, x28, [sp, #80]
    mrs     x2, daif
    str     x2, [sp, #-16]!
    mrs     x3, mpidr_el1
    and     x4, x3, #0xff
    ubfx    x3, x3, #8, #8
    add     x3, x4, x3, lsl #3      /* index = aff0 + 8 * aff1 (smp.c) */
    adrp    x4, el0_saved_sp
    add     x4, x4, :lo12:el0_saved_sp
    mov     x5, sp
    str     x5, [x4, x3, lsl #3]
    adrp    x5, rt_el0_stacks
    add     x5, x5, :lo12:rt_el0_stacks
    add     x6, x3, #1
    mov     x7, #STACK_SIZE
    madd    x5, x6, x7, x5
    msr     sp_el0, x5
    msr     elr_el1, x0
    mov     x5, #0x3c0              /* EL0t, D A I F masked */
    msr     spsr_el1, x5
    mov     x0, x1
    adrp    x30, rt_el0_exit
    add     x30, x30, :lo12:rt_el0_exit
    mov     x1, xzr
    eret

    .global rt_el0_exit
rt_el0_exit:
    svc     #0xfff0
    b       .

/* void rt_el0_resume(uint64_t ret), from the handler of that SVC. */
    .global rt_el0_resume
rt_el0_resume:
    mrs     x3, mpidr_el1
    and     x4, x3, #0xff
    ubfx    x3, x3, #8, #8
    add     x3, x4, x3, lsl #3
    adrp    x4, el0_saved_sp
    add     x4, x4, :lo12:el0_saved_sp
    ldr     x5, [x4, x3, lsl #3]
    mov     sp, x5
    ldr     x2, [sp], #16
    msr     daif, x2
    ldp     x19, x20, [sp, #16]
    ldp     x21, x22, [sp, #32]
    ldp     x23, x24, [sp, #48]
    ldp     x25, x26, [sp, #64]
    ldp     x27, x28, [sp, #80]
    ldp     x29, x30, [sp], #96
    ret

    .bss
    .balign 8
el0_saved_sp:
    .skip   8 * MAX_CPUS

    /* 64K aligned so that every granule can map the EL1 stacks EL1-only
     * (mmu.c): with PAN set, EL1 must still be able to push a frame. */
    .section .stacks, "aw", %nobits
    .balign 0x10000
    .global rt_stacks
rt_stacks:
    .skip   STACK_SIZE * MAX_CPUS
    .global rt_el0_stacks
rt_el0_stacks:
    .skip   STACK_SIZE * MAX_CPUS
