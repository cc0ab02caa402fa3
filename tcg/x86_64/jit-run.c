/*
 * The native backend's running side: entering generated code (jit_enter,
 * which also sets up the return stack's base), retargeting a chained
 * exit, -d out_asm, and the TCGBackend that ties them to jit.c's
 * lowering.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>

#include "tcg/disas.h"
#include "tcg/guest-mem.h"
#include "tcg/tb.h"

#include "jit-internal.h"

/* Per block, for -d out_asm: code offsets of the instruction starts, and
 * of the cold parts (pc JIT_MARK_COLD). */
typedef struct InsnMark {
    uint32_t pos;
    uint64_t pc;
} InsnMark;
static InsnMark *last_marks;
static int last_nmarks, max_marks;

void jit_mark_reset(void)
{
    last_nmarks = 0;
}

void jit_mark(uint32_t pos, uint64_t pc)
{
    if (last_nmarks == max_marks) {
        max_marks = max_marks * 2 + 64;
        last_marks = realloc(last_marks, max_marks * sizeof(InsnMark));
    }
    last_marks[last_nmarks++] = (InsnMark){ pos, pc };
}

/* Calls generated code with env in rbx and the stack as
 * at a function's entry (8 mod 16), which it records as host_sp_base and
 * its limit (the return stack), saving every callee-saved register,
 * since generated code keeps values in all of them.  The code comes back
 * through jit_return_entry; a helper that raises longjmps past all of this to
 * cpu_exec (sigsetjmp saved the same registers). */
uintptr_t jit_enter(void *env, const void *code, uint64_t addr_high_bits,
                    uintptr_t *host_sp_base);
_Static_assert(offsetof(CPUState, host_sp_limit) == offsetof(CPUState, host_sp_base) + 8,
               "jit_enter stores both");
__asm__(".text\n"
        ".type jit_enter, @function\n"
        "jit_enter:\n\t"
        "push %rbx\n\t"
        "push %rbp\n\t"
        "push %r12\n\t"
        "push %r13\n\t"
        "push %r14\n\t"
        "push %r15\n\t"
        "sub $8, %rsp\n\t"
        "mov %rdi, %rbx\n\t"
        "mov %rdx, %rbp\n\t"
        "lea -8(%rsp), %rax\n\t"    /* rsp in generated code */
        "mov %rax, (%rcx)\n\t"
        "sub $" JIT_STR(JIT_RETURN_STACK_BYTES) ", %rax\n\t"
        "mov %rax, 8(%rcx)\n\t"
        "call *%rsi\n\t"
        "add $8, %rsp\n\t"
        "pop %r15\n\t"
        "pop %r14\n\t"
        "pop %r13\n\t"
        "pop %r12\n\t"
        "pop %rbp\n\t"
        "pop %rbx\n\t"
        "ret\n\t"
        ".size jit_enter, .-jit_enter\n");

static uintptr_t jit_exec(CPUState *cpu, TranslationBlock *tb)
{
    uint8_t *env = cpu->env;
    *(uint8_t **)(env + ((uint8_t *)cpu->frame - env)) = env;
    __atomic_store_n(&jit_host_sp_base_offset,
                     (long)((uint8_t *)&cpu->host_sp_base - env), __ATOMIC_RELAXED);
    /* rbp: user mode's address mask, or system mode's TLB (the inline
     * accesses of each mode read it). */
    uint64_t rbp = guest_softmmu ? cpu->tlb_table
                                 : guest_addr_bits >= 64 ? 0 : ~0ull << guest_addr_bits;
    return jit_enter(env, tb->tc_ptr, rbp, &cpu->host_sp_base);
}

static void jit_set_jmp(TranslationBlock *tb, int n, TranslationBlock *dest)
{
    uintptr_t field = (uintptr_t)tb->tc_ptr + tb->jmp_insn_offset[n];
    uintptr_t target = dest ? (uintptr_t)dest->tc_ptr
                            : (uintptr_t)tb->tc_ptr + tb->jmp_reset_offset[n];
    int64_t rel = (int64_t)target - (int64_t)(field + 4);
    assert(rel == (int32_t)rel && (field & 3) == 0);
    int32_t *w = (int32_t *)(field - tb_code_rx_offset);
    __atomic_store_n(w, (int32_t)rel, __ATOMIC_RELEASE);
}

static void jit_dump_code(TranslationBlock *tb, FILE *f)
{
    const uint8_t *code = tb->tc_ptr;
    fprintf(f, "OUT: [size=%u]\n", tb->tc_size);
    uint32_t pos = 0;
    for (int m = 0; m <= last_nmarks; m++) {
        uint32_t end = m < last_nmarks ? last_marks[m].pos : tb->tc_size;
        if (end > pos) {
            disas_host(f, code + pos, end - pos);
        }
        if (m < last_nmarks && last_marks[m].pc == JIT_MARK_COLD) {
            fprintf(f, "  -- cold paths\n");
        } else if (m < last_nmarks) {
            fprintf(f, "  -- guest 0x%016" PRIx64 "\n", last_marks[m].pc);
        }
        pos = end;
    }
    fputc('\n', f);
}

/* Guest accesses add guest_base as a 32-bit displacement. */
static bool jit_usable(void)
{
    return guest_base < 0x80000000u;
}

const TCGBackend tcg_backend_jit = {
    .name = "jit",
    .native = true,
    .gen_code = jit_gen_code,
    .gen_detached = jit_gen_detached,
    .place_detached = jit_place_detached,
    .exec = jit_exec,
    .set_jmp = jit_set_jmp,
    .dump_code = jit_dump_code,
    .usable = jit_usable,
};
