/*
 * mimic's own file descriptors, kept out of the guest's reach.
 *
 * The guest's descriptors are the host's (a guest open is a host open), so
 * anything mimic opens for itself would otherwise sit among them: the guest
 * could close it, reuse its number, write into it or see it in
 * /proc/self/fd.  mimic moves each of its own descriptors to the top of the
 * host's descriptor table, at or above mimic_fd_base, and tells the guest
 * that its RLIMIT_NOFILE ends below that base.
 */
#include <limits.h>

#include "user.h"

/* INT_MAX until the range is set up: then nothing is mimic's. */
int mimic_fd_base = INT_MAX;
