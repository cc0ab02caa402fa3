/* Interrupt lines (irq.h): wiring a receiver's inputs. */
#include "softmmu/irq.h"

void irq_lines_init(IRQLine *lines, int count, IRQHandler *handler, void *opaque)
{
    for (int i = 0; i < count; i++) {
        lines[i] = (IRQLine){ handler, opaque, i };
    }
}
