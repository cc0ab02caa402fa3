/*
 * Hot regions: which blocks make up the loop through a hot block
 * (tb_find_region), found from the blocks already translated and their
 * direct exits.  tb.c translates the region and puts it in place of the
 * head's block; the front end's translate_region keeps the branches
 * between its blocks inside it.
 */
#include "tb.h"

/* The direct successors of tb: where its compact exits 0 and 1 go (the
 * native backend records them in jmp_pc).  A block that calls (it has a
 * return landing, exit 2, or without the return stack just the landing's
 * pc) goes to its callee and, through the callee's return, to the
 * landing: both, where the callee is direct (BL); none for BLR. */
static int successors(const TranslationBlock *tb, uint64_t succ[2])
{
    int n = 0;
    uint64_t landing = tb->jmp_pc[TB_EXIT_RETURN];
    if (tb->jmp_reset_offset[TB_EXIT_RETURN] || landing) {
        if (!tb->jmp_reset_offset[0] || !tb->jmp_pc[0] || !landing) {
            return 0;
        }
        succ[0] = tb->jmp_pc[0];
        succ[1] = landing;
        return 2;
    }
    for (int k = 0; k < 2; k++) {
        if (tb->jmp_reset_offset[k] && tb->jmp_pc[k]) {
            succ[n++] = tb->jmp_pc[k];
        }
    }
    return n;
}

/* Whether tb leaves only through an indirect jump or the loop (a return,
 * say): in a region with calls, it may go back to any of their landings
 * (the front end keeps a return to one inside the region). */
static bool indirect_only(const TranslationBlock *tb)
{
    for (int k = 0; k < TB_NB_EXITS; k++) {
        if (tb->jmp_reset_offset[k] || tb->jmp_pc[k]) {
            return false;
        }
    }
    return true;
}

static int index_of(TranslationBlock *const *blk, int n, uint64_t pc)
{
    for (int i = 0; i < n; i++) {
        if (blk[i]->pc == pc) {
            return i;
        }
    }
    return -1;
}

/* Adds tb's pages to page[2]; false (and page unchanged) if that makes
 * three: a region is on at most two pages, as a block is. */
static bool pages_add(uint64_t page[2], const TranslationBlock *tb)
{
    uint64_t p[2] = { page[0], page[1] };
    for (int k = 0; k < 2; k++) {
        uint64_t q = tb->page_addr[k];
        if (q == (uint64_t)-1 || q == p[0] || q == p[1]) {
            continue;
        }
        if (p[1] != (uint64_t)-1) {
            return false;
        }
        p[1] = q;
    }
    page[0] = p[0];
    page[1] = p[1];
    return true;
}

bool tb_find_region(CPUState *cpu, uint64_t pc, uint32_t flags, uint32_t cflags,
                    TBRegion *r)
{
    TranslationBlock *blk[TB_REGION_MAX];
    TranslationBlock *head = tb_lookup(cpu, pc, flags, cflags);
    if (!head || head->region_blocks) {
        return false;
    }
    uint64_t page[2] = { head->page_addr[0], head->page_addr[1] };
    /* Forward from the head, breadth first: the translated blocks it
     * reaches by direct exits, on its pages and one more. */
    int n = 1;
    blk[0] = head;
    for (int i = 0; i < n; i++) {
        uint64_t succ[2];
        int ns = successors(blk[i], succ);
        for (int k = 0; k < ns && n < TB_REGION_MAX; k++) {
            if (index_of(blk, n, succ[k]) >= 0) {
                continue;
            }
            TranslationBlock *t = tb_lookup(cpu, succ[k], flags, cflags);
            if (t && !t->region_blocks && pages_add(page, t)) {
                blk[n++] = t;
            }
        }
    }
    /* The landings of the calls among them: where their returns go. */
    uint64_t landings[TB_REGION_MAX];
    int nl = 0;
    for (int i = 0; i < n; i++) {
        uint64_t succ[2];
        if (blk[i]->jmp_pc[TB_EXIT_RETURN] && successors(blk[i], succ) == 2) {
            landings[nl++] = succ[1];
        }
    }
    /* Backward: those that lead back to the head, which must itself. */
    bool loops[TB_REGION_MAX] = { false };
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < n; i++) {
            uint64_t succ[2];
            int ns = successors(blk[i], succ);
            const uint64_t *to = succ;
            if (ns == 0 && indirect_only(blk[i])) {
                to = landings;
                ns = nl;
            }
            for (int k = 0; k < ns && !loops[i]; k++) {
                int j = index_of(blk, n, to[k]);
                if (j == 0 || (j > 0 && loops[j])) {
                    loops[i] = changed = true;
                }
            }
        }
    }
    if (!loops[0]) {
        return false;
    }
    /* The region's pages are those of the blocks it keeps. */
    r->n = 0;
    r->page[0] = head->page_addr[0];
    r->page[1] = head->page_addr[1];
    r->lo = UINT64_MAX;
    r->hi = 0;
    for (int i = 0; i < n; i++) {
        if (!loops[i]) {
            continue;
        }
        pages_add(r->page, blk[i]);
        r->pc[r->n] = blk[i]->pc;
        r->icount[r->n] = blk[i]->icount;
        r->size[r->n] = blk[i]->size;
        r->lo = blk[i]->pc < r->lo ? blk[i]->pc : r->lo;
        r->hi = blk[i]->pc + blk[i]->size > r->hi ? blk[i]->pc + blk[i]->size : r->hi;
        r->n++;
    }
    return true;
}
