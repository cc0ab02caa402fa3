/* A bytecode interpreter: a small stack VM (switch dispatch, indirect
 * branches, loads and stores to a memory-resident stack) running a fixed
 * program: for i in 0..n: x = (x * 1103515245 + i) mod 2^31; count the
 * Collatz steps of (x mod 1024)+1; sum them. */
#include "bench.h"

enum op { PUSH, LOAD, STORE, ADD, SUB, MUL, AND, SHR, LT, EQ, JZ, JMP,
          DUP, POP, HALT };

#define FULL_N 100000

/* The program is assembled at start-up (jump targets patched in) rather
 * than hand-counted.  Locals: 0=i 1=n 2=x 3=y 4=sum 5=steps. */
static int32_t code[256];

static int assemble(void)
{
    int pc = 0;
#define E(...) do { int32_t t_[] = { __VA_ARGS__ }; \
        for (unsigned k_ = 0; k_ < sizeof t_ / sizeof t_[0]; k_++) code[pc++] = t_[k_]; } while (0)
    E(PUSH, 0, STORE, 0);
    int loop = pc;
    E(LOAD, 0, LOAD, 1, LT, JZ); int j_end = pc; E(0);
    E(LOAD, 2, PUSH, 1103515245, MUL, LOAD, 0, ADD, PUSH, 0x7fffffff, AND, STORE, 2);
    E(LOAD, 2, PUSH, 1023, AND, PUSH, 1, ADD, STORE, 3);
    E(PUSH, 0, STORE, 5);
    int collatz = pc;
    E(LOAD, 3, PUSH, 1, EQ, PUSH, 0, EQ, JZ); int j_done = pc; E(0);
    E(LOAD, 3, PUSH, 1, AND, JZ); int j_even = pc; E(0);
    E(LOAD, 3, DUP, ADD, LOAD, 3, ADD, PUSH, 1, ADD, STORE, 3, JMP); int j_step = pc; E(0);
    code[j_even] = pc;
    E(LOAD, 3, PUSH, 1, SHR, STORE, 3);
    code[j_step] = pc;
    E(LOAD, 5, PUSH, 1, ADD, STORE, 5, JMP, collatz);
    code[j_done] = pc;
    E(LOAD, 4, LOAD, 5, ADD, STORE, 4);
    E(LOAD, 0, PUSH, 1, ADD, STORE, 0, JMP, loop);
    code[j_end] = pc;
    E(HALT);
#undef E
    return pc;
}

static int64_t vm_run(const int32_t *pcode, int64_t *locals)
{
    int64_t stack[64];
    int sp = 0, pc = 0;
    for (;;) {
        int32_t op = pcode[pc++];
        switch (op) {
        case PUSH: stack[sp++] = pcode[pc++]; break;
        case LOAD: stack[sp++] = locals[pcode[pc++]]; break;
        case STORE: locals[pcode[pc++]] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case JZ: { int32_t t = pcode[pc++]; if (!stack[--sp]) pc = t; break; }
        case JMP: pc = pcode[pc]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case POP: sp--; break;
        case HALT: return locals[4];
        default: abort();
        }
    }
}

int main(int argc, char **argv)
{
    long n = bench_reps(argc, argv, FULL_N);
    assemble();
    int64_t locals[8] = { 0, n, 12345, 0, 0, 0, 0, 0 };
    int64_t r = vm_run(code, locals);
    bench_print("vm", n, (uint64_t)r);
    return 0;
}
