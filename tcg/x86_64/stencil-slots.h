/*
 * How a stencil's name numbers its cache registers, shared by the stencil
 * generator (which names the stencils) and the JIT (which looks them up):
 * by slot, 0..5, in order of first appearance among the inputs, then the
 * output.  The letters x y z w u v (outputs X Y Z W U V) name the cache
 * registers before numbering; a digit is a slot already.
 */
#ifndef MIMIC_STENCIL_SLOTS_H
#define MIMIC_STENCIL_SLOTS_H

#include <stdbool.h>
#include <string.h>

static inline bool slot_letter_in(char f)
{
    return f && strchr("xyzwuv012345", f);
}

static inline bool slot_letter_out(char f)
{
    return f && strchr("XYZWUV012345", f);
}

/* Renames in place the cache registers among the n forms and the output
 * *out to slots: an input letter gets the slot of its first appearance,
 * the output the slot of its input letter (X that of x) or else the next
 * one.  keys[s] gets the input letter of slot s (keys holds n + 1).
 * Returns the number of slots. */
static inline int stencil_slots(char *forms, int n, char *out, char *keys)
{
    int nslots = 0;
    for (int j = 0; j < n; j++) {
        if (!slot_letter_in(forms[j])) {
            continue;
        }
        int s = 0;
        while (s < nslots && keys[s] != forms[j]) {
            s++;
        }
        if (s == nslots) {
            keys[nslots++] = forms[j];
        }
        forms[j] = '0' + s;
    }
    if (slot_letter_out(*out)) {
        char in = *out >= '0' && *out <= '9' ? *out : *out - 'A' + 'a';
        int s = 0;
        while (s < nslots && keys[s] != in) {
            s++;
        }
        if (s == nslots) {
            keys[nslots++] = in;
        }
        *out = '0' + s;
    }
    return nslots;
}

#endif
