/*
 * Interrupt lines between devices, interrupt controllers and CPUs.
 *
 * A line is an input of its receiver: the receiver owns the IRQLine (its
 * handler and which of its inputs it is), the sender keeps a pointer to it
 * and sets the level.  The board wires senders to receivers; a sender with
 * no line connected (NULL) drives nothing.  Levels are 0 or 1; a receiver
 * that wants edges compares with the level it saw last.
 *
 * Setting a level calls the receiver at once, on the caller's thread, with
 * the device lock held (main-loop.h): from a vCPU's MMIO access or a timer
 * or I/O callback of the main loop.
 */
#ifndef SOFTMMU_IRQ_H
#define SOFTMMU_IRQ_H

typedef void IRQHandler(void *opaque, int n, int level);

typedef struct IRQLine {
    IRQHandler *handler;
    void *opaque;
    int n;                      /* which input of the receiver */
} IRQLine;

/* Makes lines[0..count) the inputs 0..count-1 of a receiver. */
void irq_lines_init(IRQLine *lines, int count, IRQHandler *handler, void *opaque);

static inline void irq_set_level(IRQLine *line, int level)
{
    if (line && line->handler) {
        line->handler(line->opaque, line->n, level != 0);
    }
}

static inline void irq_raise(IRQLine *line) { irq_set_level(line, 1); }
static inline void irq_lower(IRQLine *line) { irq_set_level(line, 0); }

/* A pulse: raise then lower (edge-triggered inputs). */
static inline void irq_pulse(IRQLine *line)
{
    irq_set_level(line, 1);
    irq_set_level(line, 0);
}

#endif
