/*
 * The arm64 signal frame: what Linux's arch/arm64/kernel/signal.c puts on
 * the user stack to run a handler (struct rt_sigframe: siginfo, then a
 * ucontext whose sigcontext holds X0-X30, SP, PC, PSTATE and, in its
 * __reserved area, an fpsimd_context record and the null terminator; a
 * frame record {fp, lr} above it), and rt_sigreturn, which reads it back.
 */
#include <errno.h>
#include <string.h>

#include "aarch64-abi.h"
#include "user.h"

static bool on_sig_stack(TaskState *ts, uint64_t sp)
{
    return ts->altstack_size && sp > ts->altstack_sp &&
           sp - ts->altstack_sp <= ts->altstack_size;
}

int target_sas_flags(TaskState *ts, uint64_t sp)
{
    if (!ts->altstack_size) {
        return TARGET_SS_DISABLE;
    }
    return on_sig_stack(ts, sp) ? TARGET_SS_ONSTACK : 0;
}

static bool is_fault_signal(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
           sig == SIGTRAP;
}

bool setup_rt_frame(TaskState *ts, int sig, const TargetSigaction *ka,
                    const siginfo_t *info, uint64_t saved_mask)
{
    CPUARMState *env = &ts->cpu->env;
    uint64_t sp = env->xregs[31];
    uint64_t orig_sp = sp;

    if ((ka->flags & SA_ONSTACK) && ts->altstack_size && !on_sig_stack(ts, sp)) {
        sp = ts->altstack_sp + ts->altstack_size;
    }
    uint64_t sp_top = sp;
    sp = (sp - sizeof(struct target_frame_record)) & ~15ull;
    uint64_t record = sp;
    sp -= sizeof(struct target_rt_sigframe);
    uint64_t frame = sp;
    if (frame > sp_top) {
        return false;
    }
    struct target_rt_sigframe *f = lock_user(frame, sp_top - frame, VERIFY_WRITE);
    if (!f) {
        return false;
    }
    memset(f, 0, sizeof(*f));

    struct target_ucontext *uc = &f->uc;
    uc->uc_stack.ss_sp = ts->altstack_sp;
    uc->uc_stack.ss_size = ts->altstack_size;
    uc->uc_stack.ss_flags = target_sas_flags(ts, orig_sp) |
                            (ts->altstack_flags & TARGET_SS_AUTODISARM);
    uc->uc_sigmask = saved_mask;

    struct target_sigcontext *sc = &uc->uc_mcontext;
    if (is_fault_signal(sig) && info->si_code > 0) {
        sc->fault_address = (uint64_t)(uintptr_t)info->si_addr;
    }
    memcpy(sc->regs, env->xregs, sizeof(sc->regs));
    sc->sp = orig_sp;
    sc->pc = env->pc;
    sc->pstate = aarch64_get_nzcv(env);

    struct target_fpsimd_context *fp = (void *)sc->__reserved;
    fp->head.magic = TARGET_FPSIMD_MAGIC;
    fp->head.size = sizeof(*fp);
    fp->fpsr = env->fpsr;
    fp->fpcr = env->fpcr;
    for (int i = 0; i < 32; i++) {
        fp->vregs[2 * i] = env->vregs[i].d[0];
        fp->vregs[2 * i + 1] = env->vregs[i].d[1];
    }
    /* The terminator (magic 0, size 0) follows: already zero. */

    struct target_frame_record *fr = g2h(record);
    fr->fp = env->xregs[29];
    fr->lr = env->xregs[30];

    if (ka->flags & SA_SIGINFO) {
        memcpy(&f->info, info, sizeof(f->info));
        env->xregs[1] = frame + offsetof(struct target_rt_sigframe, info);
        env->xregs[2] = frame + offsetof(struct target_rt_sigframe, uc);
    }
    if (ts->altstack_flags & TARGET_SS_AUTODISARM) {
        /* Saved in uc_stack above; the handler runs with it disarmed. */
        ts->altstack_sp = 0;
        ts->altstack_size = 0;
        ts->altstack_flags = TARGET_SS_DISABLE;
    }
    env->xregs[0] = sig;
    env->xregs[31] = frame;
    env->xregs[29] = record;
    env->xregs[30] = (ka->flags & TARGET_SA_RESTORER) ? ka->restorer : sigtramp_addr;
    env->pc = ka->handler;
    return true;
}

/* Restores sigaltstack from uc_stack, as restore_altstack() does; errors
 * are ignored there too. */
static void restore_altstack(TaskState *ts, const target_stack_t *ss, uint64_t sp)
{
    if (on_sig_stack(ts, sp)) {
        return;
    }
    if (ss->ss_flags & TARGET_SS_DISABLE) {
        ts->altstack_sp = 0;
        ts->altstack_size = 0;
        ts->altstack_flags = TARGET_SS_DISABLE;
    } else if (ss->ss_size >= TARGET_MINSIGSTKSZ) {
        ts->altstack_sp = ss->ss_sp;
        ts->altstack_size = ss->ss_size;
        ts->altstack_flags = ss->ss_flags & TARGET_SS_AUTODISARM;
    }
}

int64_t do_rt_sigreturn(TaskState *ts)
{
    CPUARMState *env = &ts->cpu->env;
    uint64_t frame = env->xregs[31];
    struct target_rt_sigframe *f = NULL;
    if (!(frame & 15)) {
        f = lock_user(frame, sizeof(*f), VERIFY_READ);
    }
    if (!f) {
        goto bad;
    }
    const struct target_sigcontext *sc = &f->uc.uc_mcontext;
    /* Walk the records: fpsimd is required, esr is informational. */
    const struct target_fpsimd_context *fp = NULL;
    size_t off = 0;
    for (;;) {
        if (off + sizeof(struct target_aarch64_ctx) > sizeof(sc->__reserved)) {
            goto bad;
        }
        const struct target_aarch64_ctx *h = (const void *)(sc->__reserved + off);
        if (h->magic == 0) {
            if (h->size != 0) {
                goto bad;
            }
            break;
        }
        if (h->size < sizeof(*h) || (h->size & 15) ||
            off + h->size > sizeof(sc->__reserved)) {
            goto bad;
        }
        if (h->magic == TARGET_FPSIMD_MAGIC) {
            if (h->size != sizeof(struct target_fpsimd_context) || fp) {
                goto bad;
            }
            fp = (const void *)h;
        } else if (h->magic != TARGET_ESR_MAGIC) {
            goto bad;
        }
        off += h->size;
    }
    if (!fp) {
        goto bad;
    }
    /* PSTATE: only NZCV is the guest's at EL0; anything else in the mode
     * bits is refused, as valid_user_regs() would. */
    if (sc->pstate & 0xf) {
        goto bad;
    }
    memcpy(env->xregs, sc->regs, sizeof(sc->regs));
    env->xregs[31] = sc->sp;
    env->pc = sc->pc;
    aarch64_set_nzcv(env, (uint32_t)sc->pstate);
    /* Written as by MSR: bits the CPU does not hold stay zero. */
    env->fpsr = fp->fpsr & ARM_FPSR_WRITABLE;
    env->fpcr = fp->fpcr & arm_fpcr_writable(ts->cpu->model);
    for (int i = 0; i < 32; i++) {
        env->vregs[i].d[0] = fp->vregs[2 * i];
        env->vregs[i].d[1] = fp->vregs[2 * i + 1];
    }
    env->exclusive_addr = -1;
    set_guest_sigmask(ts, f->uc.uc_sigmask);
    restore_altstack(ts, &f->uc.uc_stack, env->xregs[31]);
    return -TARGET_ESIGRETURN;

bad:
    queue_sync_signal(ts, SIGSEGV, SI_KERNEL, 0);
    return -TARGET_ESIGRETURN;
}
