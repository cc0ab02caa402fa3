/*
 * Disassembly for the logs, through capstone: guest code for -d in_asm,
 * host code for -d out_asm.
 */
#include <inttypes.h>
#include <stdlib.h>

#include <capstone/capstone.h>

#include "disas.h"
#include "tb.h"

static void disas_buf(FILE *f, int arch, int mode, const uint8_t *buf,
                      size_t size, uint64_t addr)
{
    csh handle;
    if (cs_open(arch, mode, &handle) != CS_ERR_OK) {
        fprintf(f, "  (capstone cannot open this architecture)\n");
        return;
    }
    cs_insn *insn;
    size_t done = 0;
    while (done < size) {
        size_t n = cs_disasm(handle, buf + done, size - done, addr + done, 0, &insn);
        for (size_t i = 0; i < n; i++) {
            fprintf(f, "0x%016" PRIx64 ":  %-8s %s\n", insn[i].address,
                    insn[i].mnemonic, insn[i].op_str);
            done += insn[i].size;
        }
        if (n) {
            cs_free(insn, n);
        }
        if (done < size) {
            /* Capstone stops at an encoding it does not know: show the word
             * and carry on, as the guest would fault there anyway. */
            fprintf(f, "0x%016" PRIx64 ":  .word    0x%08x\n", addr + done,
                    size - done >= 4 ? *(const uint32_t *)(buf + done) : 0);
            done += 4;
        }
    }
    cs_close(&handle);
}

void disas_guest(CPUState *cpu, FILE *f, uint64_t pc, uint64_t size)
{
    uint8_t *buf = malloc(size ? size : 1);
    fprintf(f, "IN:\n");
    if (buf && guest_code_fetch(pc, buf, size)) {
        disas_buf(f, cpu->target->cs_arch, cpu->target->cs_mode, buf, size, pc);
    }
    fputc('\n', f);
    free(buf);
}

void disas_host(FILE *f, const void *code, size_t size)
{
    disas_buf(f, CS_ARCH_X86, CS_MODE_64, code, size, (uintptr_t)code);
}
