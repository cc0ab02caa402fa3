/*
 * -netdev tap: the guest's frames go to a host TAP interface (for
 * bridges), opened by name (ifname=) or handed over open (fd=).  mimic
 * runs no configuration scripts: the interface is set up beforehand, so
 * script= and downscript= accept only "no".
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "softmmu/net-internal.h"

/* The largest frame a TAP read returns: a 64 KiB GSO-free MTU is the
 * limit Linux allows on a TAP device, plus the Ethernet header. */
#define TAP_FRAME_MAX (65536 + 14)

typedef struct TapNet {
    NetBackend *nb;
    int fd;
    guint poll_index;
    uint8_t buf[TAP_FRAME_MAX];
} TapNet;

static int tap_open(const char *ifname, GError **err)
{
    int fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "could not open /dev/net/tun: %s", g_strerror(errno));
        return -1;
    }
    struct ifreq ifr = { .ifr_flags = IFF_TAP | IFF_NO_PI };
    if (ifname) {
        g_strlcpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name));
    }
    if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "could not configure /dev/net/tun (%s): %s",
                    ifname ? ifname : "", g_strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static void *tap_create(NetBackend *nb, const NetOptions *o, GError **err)
{
    const char *ifname = NULL, *fdstr = NULL;
    for (guint i = 0; i < o->keys->len; i++) {
        const char *k = o->keys->pdata[i], *v = o->values->pdata[i];
        if (!strcmp(k, "ifname")) {
            ifname = v;
        } else if (!strcmp(k, "fd")) {
            fdstr = v;
        } else if (!strcmp(k, "script") || !strcmp(k, "downscript")) {
            if (strcmp(v, "no")) {
                g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                            "%s=%s: mimic runs no network scripts; set the interface "
                            "up beforehand and use %s=no", k, v, k);
                return NULL;
            }
        } else {
            g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "Invalid parameter '%s'", k);
            return NULL;
        }
    }
    int fd;
    if (fdstr) {
        char *end;
        long n = strtol(fdstr, &end, 10);
        if (ifname || *end || n < 0 || n > INT32_MAX || fcntl((int)n, F_GETFD) < 0) {
            g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        ifname ? "ifname=, fd= are mutually exclusive"
                               : "Parameter 'fd' expects an open file descriptor");
            return NULL;
        }
        fd = (int)n;
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    } else if ((fd = tap_open(ifname, err)) < 0) {
        return NULL;
    }
    TapNet *t = g_new0(TapNet, 1);
    t->nb = nb;
    t->fd = fd;
    return t;
}

static void tap_fill(void *s, NetPollSet *ps)
{
    TapNet *t = s;
    struct pollfd p = { .fd = t->fd, .events = POLLIN };
    t->poll_index = ps->fds->len;
    g_array_append_val(ps->fds, p);
}

static void tap_dispatch(void *s, NetPollSet *ps, bool poll_failed)
{
    TapNet *t = s;
    if (!(g_array_index(ps->fds, struct pollfd, t->poll_index).revents & POLLIN)) {
        return;
    }
    /* A bounded batch, so the guest's transmit queue gets its turn. */
    for (int i = 0; i < 64; i++) {
        ssize_t n = read(t->fd, t->buf, sizeof(t->buf));
        if (n <= 0) {
            break;
        }
        net_backend_deliver(t->nb, t->buf, n);
    }
}

static void tap_transmit(void *s, const uint8_t *frame, size_t len)
{
    TapNet *t = s;
    /* A full TAP queue drops the frame, as a busy wire would. */
    while (write(t->fd, frame, len) < 0 && errno == EINTR) {
    }
}

static void tap_destroy(void *s)
{
    TapNet *t = s;
    close(t->fd);
    g_free(t);
}

const NetBackendKind net_kind_tap = {
    .type = "tap",
    .create = tap_create,
    .fill = tap_fill,
    .dispatch = tap_dispatch,
    .transmit = tap_transmit,
    .destroy = tap_destroy,
};
