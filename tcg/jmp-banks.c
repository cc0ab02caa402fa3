/*
 * System mode: the jump caches across address-space switches.  A jump
 * cache finds blocks by virtual pc alone, so one cache had to be emptied
 * whenever the translation regime changed; under KPTI that is every
 * kernel entry and exit (a TTBR1 write), which left every system call to
 * look its blocks up again in the hash (tb_lookup: 13% of a Debian boot).
 *
 * Instead each half of the address space (ARM: TTBR0's and TTBR1's
 * regions, by the pc's top bit) has a few jump caches, each for the key
 * (ARM: table base and ASID) it was filled under, and a switch points
 * the half at the cache of its new key: a pointer, however many slots it
 * holds.  The slots are still right: what a virtual pc means under a key
 * changes only with TLB maintenance, which reaches the caches not in use
 * too, by address through a log of the pages dropped since
 * (tb_jmp_cache_clear_page), anything wider by forgetting them all
 * (tb_jmp_cache_clear).  A block removed meanwhile has CF_INVALID and no
 * lookup matches it; evictions clear every cache.
 */
#include <string.h>

#include <glib.h>

#include "tb.h"

typedef struct JmpBanks JmpBanks;

#define JMP_BANKS 4            /* jump caches per half */
#define PAGE_LOG 64            /* pages dropped that a cache not in use can catch up on */

typedef struct JmpBank {
    JmpCache *cache;
    bool valid;                /* its slots are right for key */
    uint64_t key;
    uint64_t left_at;          /* JmpBanks.clock when last left */
    uint64_t log_seq;          /* JmpBanks.log_seq then */
} JmpBank;

typedef struct JmpHalf {
    JmpBank bank[JMP_BANKS];
    int current;               /* the bank in use (CPUState.jc[half]) */
} JmpHalf;

struct JmpBanks {
    uint64_t clock;
    uint64_t log_seq;          /* pages ever logged */
    struct { uint64_t page, size; } log[PAGE_LOG];
    JmpHalf half[2];
};

void jmp_banks_drop(CPUState *cpu)
{
    JmpBanks *b = cpu->jmp_banks;
    if (b) {
        /* The ones in use were just cleared; their keys are not known any
         * more either (a flush may come with a change made elsewhere: a
         * debugger's write, a snapshot loaded). */
        for (int h = 0; h < 2; h++) {
            for (int i = 0; i < JMP_BANKS; i++) {
                b->half[h].bank[i].valid = false;
            }
        }
    }
}

void jmp_banks_note_page(CPUState *cpu, uint64_t page, uint64_t size)
{
    JmpBanks *b = cpu->jmp_banks;
    if (b) {
        b->log[b->log_seq % PAGE_LOG].page = page;
        b->log[b->log_seq % PAGE_LOG].size = size;
        b->log_seq++;
    }
}

static JmpBanks *banks_new(CPUState *cpu)
{
    JmpBanks *b = g_new0(JmpBanks, 1);
    for (int h = 0; h < 2; h++) {
        for (int i = 0; i < JMP_BANKS; i++) {
            b->half[h].bank[i].cache = g_new0(JmpCache, 1);
        }
        b->half[h].current = 0;
        cpu->jc[h] = b->half[h].bank[0].cache;
    }
    jmp_cache_clear(&cpu->jc_own);      /* both halves' until now */
    return b;
}

/* A cache comes back into use: the slots of pages dropped since it was
 * left go (all of them if more than the log remembers). */
static void catch_up(JmpBanks *b, JmpBank *k)
{
    uint64_t missed = b->log_seq - k->log_seq;
    JmpCache *c = k->cache;
    if (missed == 0) {
        return;
    }
    if (missed > PAGE_LOG || c->used_n > TB_JMP_USED_MAX) {
        jmp_cache_clear(c);
        return;
    }
    for (unsigned i = 0; i < c->used_n; i++) {
        TranslationBlock *tb = c->slot[c->used[i]];
        for (uint64_t s = k->log_seq; tb && s < b->log_seq; s++) {
            if (tb_meets(tb, b->log[s % PAGE_LOG].page, b->log[s % PAGE_LOG].size)) {
                c->slot[c->used[i]] = tb = NULL;
            }
        }
    }
}

static void switch_half(CPUState *cpu, JmpBanks *b, int h, uint64_t key)
{
    JmpHalf *half = &b->half[h];
    JmpBank *old = &half->bank[half->current];
    if (old->valid && old->key == key) {
        return;
    }
    old->left_at = ++b->clock;
    old->log_seq = b->log_seq;
    int pick = -1;
    for (int i = 0; i < JMP_BANKS; i++) {
        if (half->bank[i].valid && half->bank[i].key == key) {
            pick = i;
            break;
        }
    }
    if (pick >= 0) {
        catch_up(b, &half->bank[pick]);
    } else {
        /* A cache that was never valid, or the one left longest ago. */
        pick = 0;
        for (int i = 1; i < JMP_BANKS; i++) {
            JmpBank *k = &half->bank[i], *best = &half->bank[pick];
            if ((!k->valid && best->valid) ||
                (k->valid == best->valid && k->left_at < best->left_at)) {
                pick = i;
            }
        }
        jmp_cache_clear(half->bank[pick].cache);
        half->bank[pick].valid = true;
        half->bank[pick].key = key;
    }
    half->current = pick;
    cpu->jc[h] = half->bank[pick].cache;
}

void tb_jmp_cache_switch(CPUState *cpu, const uint64_t key[2])
{
    JmpBanks *b = cpu->jmp_banks;
    if (!b) {
        b = cpu->jmp_banks = banks_new(cpu);
    }
    switch_half(cpu, b, 0, key[0]);
    switch_half(cpu, b, 1, key[1]);
}
