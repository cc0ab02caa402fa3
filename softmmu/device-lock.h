/*
 * The device lock: one recursive lock that every device model runs under.
 *
 * vCPUs run translated code without it (parallel vCPUs, no global lock
 * around execution); they take it only around an MMIO access that reaches
 * a device's callbacks.  The main loop takes it around timer and I/O
 * callbacks that touch devices.  So a device model never locks anything
 * itself, and its state is never seen half-updated.  It is QEMU's "BQL"
 * reduced to the devices, which are not where the time goes.
 */
#ifndef SOFTMMU_DEVICE_LOCK_H
#define SOFTMMU_DEVICE_LOCK_H

#include <stdbool.h>

void device_lock(void);
void device_unlock(void);
/* True if the calling thread holds it (for assertions). */
bool device_lock_held(void);
/* Lets go of the lock however deep this thread holds it, so that vCPUs
 * and device workers can finish what they are doing (savevm waits for
 * them), and returns the depth device_lock_reacquire takes it back to. */
int device_lock_release_all(void);
void device_lock_reacquire(int held);

#endif
