/*
 * Network back ends: where a guest NIC's frames go (-netdev user through
 * libslirp, -netdev tap), behind one interface a device model sees.
 *
 *   NetBackend *nb = net_backend_find("n0");
 *   net_backend_attach(nb, &my_nic_ops, nic, &err);
 *   net_backend_send(nb, frame, len);           guest -> world, any thread
 *   ops->receive(nic, frame, len)                world -> guest, on nb's thread
 *   net_backend_rx_ready(nb);                    the NIC has buffers again
 *
 * Each back end runs on a thread of its own that polls its host file
 * descriptors, so no vCPU ever waits on the network.  Frames the NIC
 * cannot take yet are queued (up to a bound, then dropped as a full
 * wire would drop them) and offered again after net_backend_rx_ready.
 */
#ifndef SOFTMMU_NET_H
#define SOFTMMU_NET_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>

typedef struct NetBackend NetBackend;

/* The device side of a back end. */
typedef struct NetFrontendOps {
    /* Offers one Ethernet frame (no FCS); false when the NIC has no room
     * now, and the frame is kept for later.  Runs on the back end's thread. */
    bool (*receive)(void *opaque, const uint8_t *frame, size_t len);
} NetFrontendOps;

/* -netdev TYPE,id=ID,...: creates and starts a back end. */
NetBackend *net_backend_new_from_options(const char *options, GError **err);
NetBackend *net_backend_find(const char *id);
const char *net_backend_id(const NetBackend *nb);
/* One front end per back end, as qemu's NIC/netdev pairs. */
bool net_backend_attach(NetBackend *nb, const NetFrontendOps *ops, void *opaque,
                        GError **err);
void net_backend_send(NetBackend *nb, const uint8_t *frame, size_t len);
void net_backend_rx_ready(NetBackend *nb);
/* Back ends created but never attached to a device: qemu warns of these. */
void net_backend_foreach(void (*fn)(NetBackend *nb, void *opaque), void *opaque);
bool net_backend_attached(const NetBackend *nb);
/* Stops every back end's thread and frees them (at exit). */
void net_backend_free_all(void);

#endif
