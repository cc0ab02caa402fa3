/*
 * Disassembly for the logs, through capstone: guest code for -d in_asm,
 * host code for -d out_asm.  Capstone is loaded on the first disassembly
 * (dlopen of CAPSTONE_SONAME, set by meson.build), not linked: the
 * dynamic linker would relocate its tables in every process, some 3 MB
 * of resident memory that only a run with -d uses.
 */
#include <dlfcn.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>

#include <capstone/capstone.h>

#include "disas.h"
#include "tb.h"

static struct {
    cs_err (*open)(cs_arch arch, cs_mode mode, csh *handle);
    size_t (*disasm)(csh handle, const uint8_t *code, size_t size, uint64_t address,
                     size_t count, cs_insn **insn);
    void (*free)(cs_insn *insn, size_t count);
    cs_err (*close)(csh *handle);
} cs;
static pthread_once_t cs_once = PTHREAD_ONCE_INIT;
static const char *cs_error = "missing symbols";

static void capstone_load(void)
{
    void *lib = dlopen(CAPSTONE_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        cs_error = dlerror();
        return;
    }
    cs.disasm = dlsym(lib, "cs_disasm");
    cs.free = dlsym(lib, "cs_free");
    cs.close = dlsym(lib, "cs_close");
    if (cs.disasm && cs.free && cs.close) {
        cs.open = dlsym(lib, "cs_open");   /* last: the one disas_buf tests */
    }
}

static void disas_buf(FILE *f, int arch, int mode, const uint8_t *buf,
                      size_t size, uint64_t addr)
{
    pthread_once(&cs_once, capstone_load);
    if (!cs.open) {
        fprintf(f, "  (no disassembly: %s: %s)\n", CAPSTONE_SONAME, cs_error);
        return;
    }
    csh handle;
    if (cs.open(arch, mode, &handle) != CS_ERR_OK) {
        fprintf(f, "  (capstone cannot open this architecture)\n");
        return;
    }
    cs_insn *insn;
    size_t done = 0;
    while (done < size) {
        size_t n = cs.disasm(handle, buf + done, size - done, addr + done, 0, &insn);
        for (size_t i = 0; i < n; i++) {
            fprintf(f, "0x%016" PRIx64 ":  %-8s %s\n", insn[i].address,
                    insn[i].mnemonic, insn[i].op_str);
            done += insn[i].size;
        }
        if (n) {
            cs.free(insn, n);
        }
        if (done < size) {
            /* Capstone stops at an encoding it does not know: show the word
             * and carry on, as the guest would fault there anyway. */
            fprintf(f, "0x%016" PRIx64 ":  .word    0x%08x\n", addr + done,
                    size - done >= 4 ? *(const uint32_t *)(buf + done) : 0);
            done += 4;
        }
    }
    cs.close(&handle);
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
