/*
 * The persistent translation cache (-accel tcg,cache-dir=DIR): blocks a
 * run translated, saved in a file for the program and used again by later
 * runs of it instead of translating.  tcg/pcache.c owns the files, their
 * format and checks, and the blocks waiting to be saved; a native backend
 * owns its code's position-independent form (PCacheCodec; the x86-64
 * one is tcg/x86_64/jit-persist.c).
 */
#ifndef TCG_PCACHE_H
#define TCG_PCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tb.h"

/* Bytes appended to a reserved area (PCacheBuf.data, cap bytes): an
 * append that does not fit sets overflow and adds nothing. */
typedef struct PCacheBuf {
    uint8_t *data;
    size_t len, cap;
    bool overflow;
} PCacheBuf;
void pcache_buf_append(PCacheBuf *b, const void *p, size_t n);

/* A backend's code in a form that can run at another address in another
 * process: its bytes, and what in them depends on the process (where
 * mimic, the block's descriptor and guest_base are). */
typedef struct PCacheCodec {
    /* Appends to out the form of tb, whose code was generated just now
     * (and not yet run or linked) at code (writable view).  False if the
     * block cannot be saved (it calls outside mimic's own code). */
    bool (*save)(const TranslationBlock *tb, const uint8_t *code, PCacheBuf *out);
    /* Places a saved form of len bytes as the code at buf (writable; rx:
     * its executable address) of the block whose descriptor is at
     * tb_addr, and sets the backend's fields in tb (tb's pc, size, icount
     * and flags set already).  If publish (tb is then at tb_addr), also
     * registers what the backend keeps per block (fault maps).  Returns
     * the code's size, -1 if avail does not hold it (or the backend's
     * tables are full), -2 if the form is malformed. */
    long (*load)(TranslationBlock *tb, uintptr_t tb_addr, const uint8_t *form, size_t len,
                 uint8_t *buf, uintptr_t rx, size_t avail, bool publish);
} PCacheCodec;
extern const PCacheCodec jit_pcache_codec;

/* Whether blocks are being recorded for saving: a backend keeps what its
 * save needs while generating code only then. */
extern bool pcache_recording;

/* -accel tcg,cache-dir=DIR (or MIMIC_CACHE_DIR) and cache-size=MiB. */
extern const char *pcache_dir;
extern uint64_t pcache_dir_budget;

/* Opens the cache of the program file exe for this run, whose
 * translations also depend on config (what the target's translator and
 * the options make of the same code).  Does nothing if no cache folder
 * is set or the backend has no codec; warns and goes on without a cache
 * if the folder cannot be used.  Call once the backend is chosen. */
void pcache_open(const char *exe, const char *config);

/* A saved block of the key whose guest code is still the code at pc, or
 * NULL.  tb_lock held. */
typedef struct PCacheEntry PCacheEntry;
const PCacheEntry *pcache_find(uint64_t pc, uint32_t flags, uint32_t cflags);
/* Its backend form. */
const uint8_t *pcache_entry_form(const PCacheEntry *e, size_t *len, uint32_t *size,
                                 uint32_t *icount);
/* The codec of the open cache. */
const PCacheCodec *pcache_codec(void);
/* A form found was rejected by the codec: the file is not trusted again
 * this run. */
void pcache_entry_bad(void);

/* Records the block tb just translated, code at code (writable view), if
 * recording.  tb_lock held. */
void pcache_note(const TranslationBlock *tb, const uint8_t *code);

/* Saves the blocks recorded so far into the cache file (merged with what
 * other processes saved there meanwhile), and trims the folder to its
 * budget.  At exit, and before an execve replaces the process. */
void pcache_save(void);

/* MIMIC_CACHE_VERIFY=1: a block found in the cache is translated too, and
 * its saved form, placed as that translation, must be the same bytes (a
 * test of the codec: a process-dependent value it does not relocate
 * shows as a difference).  Differences are reported on stderr. */
extern bool pcache_verify;

typedef struct PCacheStats {
    uint64_t hits;          /* blocks placed from the cache */
    uint64_t saved;         /* blocks recorded for saving */
    uint64_t unsaveable;    /* translated blocks the codec could not save */
    uint64_t mismatches;    /* MIMIC_CACHE_VERIFY differences */
} PCacheStats;
extern PCacheStats pcache_stats;

#endif
