/*
 * What a network back end kind (net-slirp.c, net-tap.c) provides to the
 * shared part (net.c): its options, its host file descriptors to poll,
 * and what to do with a frame from the guest.  All of it runs on the
 * back end's own thread, except create.
 */
#ifndef SOFTMMU_NET_INTERNAL_H
#define SOFTMMU_NET_INTERNAL_H
#include <poll.h>
#include "softmmu/net.h"

/* -netdev's key=value list after TYPE, split; values point into it. */
typedef struct NetOptions {
    const char *type, *id;
    GPtrArray *keys, *values;       /* everything but type and id, in order */
} NetOptions;

typedef struct NetPollSet {
    GArray *fds;                    /* struct pollfd */
    int timeout_ms;                 /* -1: none */
} NetPollSet;

typedef struct NetBackendKind {
    const char *type;
    /* Reads its options (every key it does not know is an error) and sets
     * up its host side; returns its state.  On the main thread. */
    void *(*create)(NetBackend *nb, const NetOptions *o, GError **err);
    /* Adds its descriptors and shortens the timeout for its timers. */
    void (*fill)(void *s, NetPollSet *ps);
    /* After poll: handles what became ready (ps->fds as filled, with
     * revents), then expired timers. */
    void (*dispatch)(void *s, NetPollSet *ps, bool poll_failed);
    void (*transmit)(void *s, const uint8_t *frame, size_t len);
    void (*destroy)(void *s);
} NetBackendKind;

/* A frame from the world for the guest; on the back end's thread. */
void net_backend_deliver(NetBackend *nb, const uint8_t *frame, size_t len);
/* Wakes the back end's thread (its fill/dispatch will run). */
void net_backend_kick(NetBackend *nb);

extern const NetBackendKind net_kind_user;
extern const NetBackendKind net_kind_tap;

/* On and off as qemu spells them. */
bool net_parse_bool(const char *key, const char *value, bool *out, GError **err);

#endif
