/* The device lock (device-lock.h). */
#include <glib.h>

#include "softmmu/device-lock.h"

static GRecMutex lock;
static __thread int depth;

void device_lock(void)
{
    g_rec_mutex_lock(&lock);
    depth++;
}

void device_unlock(void)
{
    g_assert(depth > 0);
    depth--;
    g_rec_mutex_unlock(&lock);
}

bool device_lock_held(void)
{
    return depth > 0;
}

int device_lock_release_all(void)
{
    int held = depth;
    while (depth > 0) {
        device_unlock();
    }
    return held;
}

void device_lock_reacquire(int held)
{
    while (held-- > 0) {
        device_lock();
    }
}
