/*
 * The native backend's side of the persistent translation cache
 * (tcg/pcache.c): a block's code as a form that runs anywhere, and
 * placing such a form as a block.  The form is the code as generated
 * (before any exit is linked), the list of its fields whose values
 * depend on the process (CodeReloc: calls and addresses into mimic's
 * image, which moves as a whole, the block's descriptor, guest_base),
 * which jit-emit.c records while it patches holes, its exits and its
 * fault maps.  Everything else in a block is relative to the block or
 * the same in every process of the same mimic build.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "tcg/guest-mem.h"
#include "tcg/pcache.h"
#include "tcg/tb.h"

#include "jit-internal.h"

/* The linker's bounds of mimic's own image. */
extern char __executable_start[], _end[];

void jit_perfmap_note(uintptr_t rx, size_t size, uint64_t pc)
{
    if (jit_perfmap) {
        fprintf(jit_perfmap, "%" PRIxPTR " %zx guest:0x%" PRIx64 "\n", rx, size, pc);
        fflush(jit_perfmap);
    }
}

uintptr_t jit_image_base(void)
{
    return (uintptr_t)__executable_start;
}

bool jit_in_image(uintptr_t addr)
{
    return addr >= (uintptr_t)__executable_start && addr < (uintptr_t)_end;
}

/* What jit_gen_code kept of the block it made last, for jit_save (both
 * under tb_lock). */
static struct {
    const TranslationBlock *tb;
    bool unsaveable;
    CodeReloc *rel;
    int nrel, maxrel;
    FaultMap *maps;
    int nmaps, maxmaps;
} last;

void jit_persist_keep(const TranslationBlock *tb, const Emitter *E, const FaultMap *maps,
                      int nmaps)
{
    last.tb = tb;
    last.unsaveable = E->unsaveable;
    if (E->nrel > last.maxrel) {
        last.maxrel = E->nrel * 2;
        last.rel = g_renew(CodeReloc, last.rel, last.maxrel);
    }
    memcpy(last.rel, E->rel, E->nrel * sizeof(CodeReloc));
    last.nrel = E->nrel;
    if (nmaps > last.maxmaps) {
        last.maxmaps = nmaps * 2;
        last.maps = g_renew(FaultMap, last.maps, last.maxmaps);
    }
    memcpy(last.maps, maps, nmaps * sizeof(FaultMap));
    last.nmaps = nmaps;
}

/* A CodeReloc as saved: the offset in bits 0-23, the kind in 24-27 and
 * the width in 28-31 (WIDTH_*), and a value that fits 32 bits. */
typedef struct SavedReloc {
    uint32_t where;
    int32_t val;
} SavedReloc;
enum { WIDTH_PC32, WIDTH_32S, WIDTH_32, WIDTH_64 };
static const uint8_t width_reloc[] = { STENCIL_R_PC32, STENCIL_R_32S, STENCIL_R_32,
                                       STENCIL_R_64 };

static bool reloc_pack(const CodeReloc *r, SavedReloc *out)
{
    for (unsigned w = 0; w < sizeof(width_reloc); w++) {
        if (width_reloc[w] == r->width && r->off < 1u << 24 && r->val == (int32_t)r->val) {
            *out = (SavedReloc){ r->off | (uint32_t)r->kind << 24 | w << 28, (int32_t)r->val };
            return true;
        }
    }
    return false;
}

/* The form: this, the code (padded to 8 bytes), the relocations
 * (SavedReloc), the fault maps. */
typedef struct FormHead {
    uint32_t code_size, nrel, nmaps, zero;
    uint32_t jmp_insn_offset[TB_NB_EXITS];
    uint32_t jmp_reset_offset[TB_NB_EXITS];
    uint64_t jmp_pc[TB_NB_EXITS];
} FormHead;

static size_t pad8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

static bool jit_save(const TranslationBlock *tb, const uint8_t *code, PCacheBuf *out)
{
    if (last.tb != tb || last.unsaveable) {
        return false;
    }
    SavedReloc *rel = g_newa(SavedReloc, last.nrel + 1);
    for (int i = 0; i < last.nrel; i++) {
        if (!reloc_pack(&last.rel[i], &rel[i])) {
            return false;
        }
    }
    FormHead h = { .code_size = tb->tc_size, .nrel = last.nrel, .nmaps = last.nmaps };
    for (int n = 0; n < TB_NB_EXITS; n++) {
        h.jmp_insn_offset[n] = tb->jmp_insn_offset[n];
        h.jmp_reset_offset[n] = tb->jmp_reset_offset[n];
        h.jmp_pc[n] = tb->jmp_pc[n];
    }
    static const uint8_t zero[8];
    pcache_buf_append(out, &h, sizeof(h));
    pcache_buf_append(out, code, tb->tc_size);
    pcache_buf_append(out, zero, pad8(tb->tc_size) - tb->tc_size);
    pcache_buf_append(out, rel, last.nrel * sizeof(SavedReloc));
    pcache_buf_append(out, last.maps, last.nmaps * sizeof(FaultMap));
    return !out->overflow;
}

/* Stores v in the field of r: false if it does not fit. */
static bool store_field(uint8_t *field, const CodeReloc *r, int64_t v)
{
    switch (r->width) {
    case STENCIL_R_64:
        memcpy(field, &v, 8);
        return true;
    case STENCIL_R_PC32:
    case STENCIL_R_32S:
        if (v != (int32_t)v) {
            return false;
        }
        break;
    case STENCIL_R_32:
        if ((uint64_t)v != (uint32_t)v) {
            return false;
        }
        break;
    default:
        return false;
    }
    uint32_t w = (uint32_t)v;
    memcpy(field, &w, 4);
    return true;
}

static long jit_load(TranslationBlock *tb, uintptr_t tb_addr, const uint8_t *form, size_t len,
                     uint8_t *buf, uintptr_t rx, size_t avail, bool publish)
{
    /* A run may place every block it runs: the backend's hooks (evicting
     * a block's fault maps) must be there all the same. */
    jit_init_once();
    FormHead h;
    if (len < sizeof(h)) {
        return -2;
    }
    memcpy(&h, form, sizeof(h));
    size_t code_at = sizeof(h), rel_at = code_at + pad8(h.code_size);
    size_t maps_at = rel_at + (size_t)h.nrel * sizeof(SavedReloc);
    if (h.code_size < 8 || h.nrel > len || h.nmaps > len || h.zero ||
        maps_at + (size_t)h.nmaps * sizeof(FaultMap) != len) {
        return -2;
    }
    for (int n = 0; n < TB_NB_EXITS; n++) {
        /* (set_jmp patches an exit's field with one aligned store.) */
        if (h.jmp_insn_offset[n] > h.code_size - 4 || h.jmp_reset_offset[n] > h.code_size ||
            (h.jmp_reset_offset[n] && (rx + h.jmp_insn_offset[n]) % 4)) {
            return -2;
        }
    }
    if (h.code_size > avail) {
        return -1;
    }
    memcpy(buf, form + code_at, h.code_size);
    for (uint32_t i = 0; i < h.nrel; i++) {
        SavedReloc sr;
        memcpy(&sr, form + rel_at + i * sizeof(sr), sizeof(sr));
        CodeReloc r = { .off = sr.where & 0xffffff, .kind = sr.where >> 24 & 15,
                        .width = width_reloc[sr.where >> 28 & 3], .val = sr.val };
        if (sr.where >> 30) {
            return -2;
        }
        size_t width = r.width == STENCIL_R_64 ? 8 : 4;
        if (r.off > h.code_size || h.code_size - r.off < width) {
            return -2;
        }
        int64_t v;
        switch (r.kind) {
        case CODE_RELOC_IMAGE_PC32:
            v = jit_image_base() + r.val - (rx + r.off);
            break;
        case CODE_RELOC_IMAGE:
            v = jit_image_base() + r.val;
            break;
        case CODE_RELOC_TB:
            v = tb_addr + r.val;
            break;
        case CODE_RELOC_GUEST_BASE:
            v = guest_base + r.val;
            break;
        default:
            return -2;
        }
        if (!store_field(buf + r.off, &r, v)) {
            return -2;
        }
    }
    FaultMap *maps = g_new(FaultMap, h.nmaps ? h.nmaps : 1);
    memcpy(maps, form + maps_at, h.nmaps * sizeof(FaultMap));
    for (uint32_t i = 0; i < h.nmaps; i++) {
        bool bad = maps[i].start >= h.code_size || maps[i].cold >= h.code_size;
        for (int c = 0; c < JIT_NCACHE; c++) {
            bad |= maps[i].off[c] < -1;     /* a CPU-state offset, or -1 */
        }
        if (bad) {
            g_free(maps);
            return -2;
        }
    }
    for (int n = 0; n < TB_NB_EXITS; n++) {
        tb->jmp_insn_offset[n] = h.jmp_insn_offset[n];
        tb->jmp_reset_offset[n] = h.jmp_reset_offset[n];
        tb->jmp_pc[n] = h.jmp_pc[n];
    }
    bool room = !publish || fault_maps_append(tb, maps, h.nmaps);
    g_free(maps);
    if (!room) {
        return -1;
    }
    if (publish) {
        jit_perfmap_note(rx, h.code_size, tb->pc);
    }
    return h.code_size;
}

const PCacheCodec jit_pcache_codec = { jit_save, jit_load };

/* ---- blocks made outside tb_lock ----
 *
 * jit_gen_detached makes a block in the thread's own buffer, as if at an
 * address of the cache, for a stand-in descriptor, while other threads
 * translate and publish; jit_place_detached then copies it to its place
 * under tb_lock and moves what moving changes: the rel32s that leave the
 * block and the descriptor's address (note_move).  Everything else in a
 * block is relative to the block or the same wherever it lies. */

/* The thread's last detached block (its relocations and fault maps in
 * scratch memory, valid until the thread's next translation). */
static __thread struct {
    const TranslationBlock *tb;
    const uint8_t *code;
    size_t size;
    const CodeReloc *rel;
    int nrel;
    const FaultMap *maps;
    int nmaps;
} detached;

void jit_detached_keep(const TranslationBlock *tb, const Emitter *E, const FaultMap *maps,
                       int nmaps)
{
    detached.tb = tb;
    detached.code = E->buf;
    detached.size = E->pos;
    detached.rel = E->rel;
    detached.nrel = E->nrel;
    detached.maps = maps;
    detached.nmaps = nmaps;
}

long jit_place_detached(TranslationBlock *tb, uint8_t *buf, uintptr_t rx, size_t avail)
{
    if (detached.size > avail) {
        return -1;
    }
    memcpy(buf, detached.code, detached.size);
    for (int i = 0; i < detached.nrel; i++) {
        const CodeReloc *r = &detached.rel[i];
        int64_t v = r->kind == CODE_RELOC_TB ? (int64_t)((uintptr_t)tb + r->val)
                                             : r->val - (int64_t)(rx + r->off);
        if (!store_field(buf + r->off, r, v)) {
            return -2;          /* (cannot be: the cache lies within reach) */
        }
    }
    for (int n = 0; n < TB_NB_EXITS; n++) {
        tb->jmp_insn_offset[n] = detached.tb->jmp_insn_offset[n];
        tb->jmp_reset_offset[n] = detached.tb->jmp_reset_offset[n];
        tb->jmp_pc[n] = detached.tb->jmp_pc[n];
    }
    if (!fault_maps_append(tb, detached.maps, detached.nmaps)) {
        return -1;
    }
    jit_perfmap_note(rx, detached.size, tb->pc);
    return detached.size;
}
