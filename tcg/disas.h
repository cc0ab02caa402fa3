/*
 * Disassembly for the logs (-d in_asm, -d out_asm), through capstone.
 */
#ifndef TCG_DISAS_H
#define TCG_DISAS_H

#include <stdint.h>
#include <stdio.h>

#include "cpu.h"

/* Reads len bytes of guest code at addr for translation; false if the page
 * is not mapped executable.  Provided by the memory model (linux-user or
 * softmmu), never touches memory that could fault. */
bool guest_code_fetch(uint64_t addr, void *dst, size_t len);

void disas_guest(CPUState *cpu, FILE *f, uint64_t pc, uint64_t size);
void disas_host(FILE *f, const void *code, size_t size);

#endif
