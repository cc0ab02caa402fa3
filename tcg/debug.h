/*
 * What the core offers a debugger (gdbstub/): guest breakpoints that
 * translation must honour, the single-step compile flag, and the
 * exception the loop returns when either stops a CPU.
 *
 * Kept apart from cpu.h and tb.h on purpose: those are inputs of the JIT's
 * stencils, and nothing here is seen by translated code.
 */
#ifndef TCG_DEBUG_H
#define TCG_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"

/* cpu_exec's answer when a breakpoint or a single step stops the CPU;
 * after the core's own numbers (cpu.h: EXCP_INTERRUPT, EXCP_HLT). */
#define EXCP_DEBUG (EXCP_INTERRUPT + 0x10)

/* A compile flag (tb.h's CF_*, beside CF_COUNT_MASK and CF_INVALID): the
 * block is one instruction run for a debugger's step.  Its exits never
 * chain nor look up a successor, and the loop reports EXCP_DEBUG after it.
 * The debugger sets it, with a count of 1, in CPUState.cflags. */
#define CF_SINGLE_STEP (1u << 17)

/* Breakpoints, one set for every CPU (user mode's threads share the
 * code).  Inserting or removing one drops the translated blocks that
 * cover its pc (system mode: all of them, its blocks being keyed by
 * physical page), so call them only while no CPU runs translated code (in
 * an exclusive section).  Insert of a present one and remove of an absent
 * one are no-ops that succeed. */
void cpu_breakpoint_insert(uint64_t pc);
void cpu_breakpoint_remove(uint64_t pc);
void cpu_breakpoint_remove_all(void);

/* For translators, at each instruction: is there a breakpoint at pc?
 * The count makes the common case (none) one load. */
extern int cpu_breakpoint_count;
bool cpu_breakpoint_at(uint64_t pc);

#endif
