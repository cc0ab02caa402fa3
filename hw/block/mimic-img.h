/*
 * What mimic-img's command files share: messages in qemu-img's form,
 * opening images, sizes.  mimic-img.c holds create/convert/resize and
 * main; mimic-img-info.c info/check/snapshot/compare; mimic-img-chain.c the
 * backing-chain commands (commit, rebase).
 */
#ifndef HW_BLOCK_MIMIC_IMG_H
#define HW_BLOCK_MIMIC_IMG_H
#include "hw/block/qcow2.h"

void img_error(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
bool parse_size(const char *str, uint64_t *out);
/* bdrv_open with the error printed; NULL on failure. */
BlockDriverState *img_open(const char *file, const char *fmt, int flags);
bool all_zero(const uint8_t *p, size_t n);

int img_info(int argc, char **argv);
int img_check(int argc, char **argv);
int img_snapshot(int argc, char **argv);
int img_compare(int argc, char **argv);
int img_commit(int argc, char **argv);
int img_rebase(int argc, char **argv);

#endif
