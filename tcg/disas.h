/*
 * Disassembly for the logs (-d in_asm, -d out_asm), through capstone.
 */
#ifndef TCG_DISAS_H
#define TCG_DISAS_H

#include <stdint.h>
#include <stdio.h>

#include "cpu.h"

/* Reads len bytes of guest code at addr for translation; false if it is
 * not there to run (not mapped executable; in system mode, no translation
 * or no permission for the CPU translating on this thread, current_cpu).
 * Each mode implements it and sets this before the first translation
 * (linux-user: user_code_fetch); it never touches memory that could
 * fault.  No translator code knows which mode it is in. */
extern bool (*guest_code_fetch)(uint64_t addr, void *dst, size_t len);

void disas_guest(CPUState *cpu, FILE *f, uint64_t pc, uint64_t size);
void disas_host(FILE *f, const void *code, size_t size);

#endif
