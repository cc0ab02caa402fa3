/*
 * -netdev user: the guest's network is libslirp's, a NAT in user space
 * with DHCP, DNS and port forwarding, as qemu's user networking (the same
 * library and the same defaults: 10.0.2.0/24, host 10.0.2.2, DNS 10.0.2.3,
 * the guest's lease from 10.0.2.15; fec0::/64 for IPv6).
 */
#include <arpa/inet.h>
#include <string.h>
#include <slirp/libslirp.h>

#include "softmmu/net-internal.h"

typedef struct SlirpTimer {
    SlirpTimerCb cb;
    void *cb_opaque;
    int64_t expire_ms;              /* -1: not armed */
} SlirpTimer;

typedef struct UserNet {
    NetBackend *nb;
    Slirp *slirp;
    GPtrArray *timers;              /* SlirpTimer */
    NetPollSet *ps;                 /* during fill and dispatch */
    guint first_fd;                 /* slirp's fds start here in ps */
} UserNet;

static int64_t clock_ns(void *opaque)
{
    return g_get_monotonic_time() * 1000;
}

static ssize_t send_packet(const void *buf, size_t len, void *opaque)
{
    UserNet *u = opaque;
    net_backend_deliver(u->nb, buf, len);
    return len;
}

static void guest_error(const char *msg, void *opaque)
{
    g_warning("slirp: %s", msg);
}

static void *timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
    UserNet *u = opaque;
    SlirpTimer *t = g_new0(SlirpTimer, 1);
    t->cb = cb;
    t->cb_opaque = cb_opaque;
    t->expire_ms = -1;
    g_ptr_array_add(u->timers, t);
    return t;
}

static void timer_free(void *timer, void *opaque)
{
    UserNet *u = opaque;
    g_ptr_array_remove_fast(u->timers, timer);
    g_free(timer);
}

static void timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    ((SlirpTimer *)timer)->expire_ms = expire_ms;
}

static void register_poll_fd(int fd, void *opaque)
{
}

static void unregister_poll_fd(int fd, void *opaque)
{
}

/* A socket buffer freed room: poll again with the new interest. */
static void notify(void *opaque)
{
    UserNet *u = opaque;
    net_backend_kick(u->nb);
}

static const SlirpCb user_callbacks = {
    .send_packet = send_packet,
    .guest_error = guest_error,
    .clock_get_ns = clock_ns,
    .timer_new = timer_new,
    .timer_free = timer_free,
    .timer_mod = timer_mod,
    .register_poll_fd = register_poll_fd,
    .unregister_poll_fd = unregister_poll_fd,
    .notify = notify,
};

static short to_poll_events(int slirp_events)
{
    return (slirp_events & SLIRP_POLL_IN ? POLLIN : 0) |
           (slirp_events & SLIRP_POLL_OUT ? POLLOUT : 0) |
           (slirp_events & SLIRP_POLL_PRI ? POLLPRI : 0) |
           (slirp_events & SLIRP_POLL_ERR ? POLLERR : 0) |
           (slirp_events & SLIRP_POLL_HUP ? POLLHUP : 0);
}

static int add_poll(int fd, int events, void *opaque)
{
    UserNet *u = opaque;
    struct pollfd p = { .fd = fd, .events = to_poll_events(events) };
    g_array_append_val(u->ps->fds, p);
    return u->ps->fds->len - 1 - u->first_fd;
}

static int get_revents(int idx, void *opaque)
{
    UserNet *u = opaque;
    short r = g_array_index(u->ps->fds, struct pollfd, u->first_fd + idx).revents;
    return (r & POLLIN ? SLIRP_POLL_IN : 0) | (r & POLLOUT ? SLIRP_POLL_OUT : 0) |
           (r & POLLPRI ? SLIRP_POLL_PRI : 0) | (r & POLLERR ? SLIRP_POLL_ERR : 0) |
           (r & POLLHUP ? SLIRP_POLL_HUP : 0);
}

static void user_fill(void *s, NetPollSet *ps)
{
    UserNet *u = s;
    int64_t now = clock_ns(u) / 1000000;
    uint32_t timeout = UINT32_MAX;
    for (guint i = 0; i < u->timers->len; i++) {
        SlirpTimer *t = u->timers->pdata[i];
        if (t->expire_ms >= 0) {
            timeout = MIN(timeout, (uint32_t)MAX(t->expire_ms - now, 0));
        }
    }
    u->ps = ps;
    u->first_fd = ps->fds->len;
    slirp_pollfds_fill(u->slirp, &timeout, add_poll, u);
    ps->timeout_ms = timeout == UINT32_MAX ? -1 : (int)MIN(timeout, (uint32_t)INT32_MAX);
}

static void user_dispatch(void *s, NetPollSet *ps, bool poll_failed)
{
    UserNet *u = s;
    u->ps = ps;
    slirp_pollfds_poll(u->slirp, poll_failed, get_revents, u);
    int64_t now = clock_ns(u) / 1000000;
    /* A callback may add, free or re-arm timers: rescan after each. */
    for (guint i = 0; i < u->timers->len;) {
        SlirpTimer *t = u->timers->pdata[i];
        if (t->expire_ms >= 0 && t->expire_ms <= now) {
            t->expire_ms = -1;
            t->cb(t->cb_opaque);
            i = 0;
        } else {
            i++;
        }
    }
}

static void user_transmit(void *s, const uint8_t *frame, size_t len)
{
    UserNet *u = s;
    slirp_input(u->slirp, frame, len);
}

static void user_destroy(void *s)
{
    UserNet *u = s;
    slirp_cleanup(u->slirp);
    g_ptr_array_free(u->timers, TRUE);
    g_free(u);
}

/* [tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport, as qemu's hostfwd. */
static bool add_hostfwd(UserNet *u, const char *rule, struct in_addr guest_default,
                        GError **err)
{
    g_auto(GStrv) halves = g_strsplit(rule, "-", 2);
    g_auto(GStrv) h = NULL;
    g_auto(GStrv) g = NULL;
    const char *why = "invalid protocol";
    if (!halves[0] || !halves[1]) {
        why = "missing '-'";
        goto bad;
    }
    h = g_strsplit(halves[0], ":", 3);
    g = g_strsplit(halves[1], ":", 2);
    if (g_strv_length(h) != 3) {
        why = "invalid host address or port";
        goto bad;
    }
    bool udp;
    if (!strcmp(h[0], "tcp") || !*h[0]) {
        udp = false;
    } else if (!strcmp(h[0], "udp")) {
        udp = true;
    } else {
        goto bad;
    }
    struct in_addr host = { .s_addr = INADDR_ANY }, guest = guest_default;
    char *end;
    if (*h[1] && !inet_aton(h[1], &host)) {
        why = "invalid host address";
        goto bad;
    }
    long hport = strtol(h[2], &end, 10);
    if (!*h[2] || *end || hport < 0 || hport > 65535) {
        why = "invalid host port";
        goto bad;
    }
    if (g_strv_length(g) != 2) {
        why = "missing guest port";
        goto bad;
    }
    if (*g[0] && !inet_aton(g[0], &guest)) {
        why = "invalid guest address";
        goto bad;
    }
    long gport = strtol(g[1], &end, 10);
    if (!*g[1] || *end || gport < 1 || gport > 65535) {
        why = "invalid guest port";
        goto bad;
    }
    if (slirp_add_hostfwd(u->slirp, udp, host, hport, guest, gport) < 0) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "could not set up host forwarding rule '%s'", rule);
        return false;
    }
    return true;
bad:
    g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                "Invalid host forwarding rule '%s' (%s)", rule, why);
    return false;
}

/* net=ADDR[/BITS|/MASK] */
static bool parse_net(const char *v, struct in_addr *net, struct in_addr *mask)
{
    g_auto(GStrv) p = g_strsplit(v, "/", 2);
    if (!inet_aton(p[0], net)) {
        return false;
    }
    if (!p[1]) {
        return true;
    }
    char *end;
    long bits = strtol(p[1], &end, 10);
    if (!*end) {
        if (bits < 1 || bits > 32) {
            return false;
        }
        mask->s_addr = htonl(bits == 32 ? 0xffffffffu : ~(0xffffffffu >> bits));
    } else if (!inet_aton(p[1], mask)) {
        return false;
    }
    net->s_addr &= mask->s_addr;
    return true;
}

static void *user_create(NetBackend *nb, const NetOptions *o, GError **err)
{
    SlirpConfig cfg = { .version = 4, .in_enabled = true, .in6_enabled = true };
    inet_aton("10.0.2.0", &cfg.vnetwork);
    inet_aton("255.255.255.0", &cfg.vnetmask);
    inet_pton(AF_INET6, "fec0::", &cfg.vprefix_addr6);
    cfg.vprefix_len = 64;
    struct in_addr host = { 0 }, dhcp = { 0 }, dns = { 0 };
    bool have_host = false, have_dhcp = false, have_dns = false;
    GPtrArray *fwds = g_ptr_array_new();
    GPtrArray *dnssearch = g_ptr_array_new();
    UserNet *u = NULL;

    for (guint i = 0; i < o->keys->len; i++) {
        const char *k = o->keys->pdata[i], *v = o->values->pdata[i];
        bool ok = true;
        if (!strcmp(k, "net")) {
            ok = parse_net(v, &cfg.vnetwork, &cfg.vnetmask);
        } else if (!strcmp(k, "host")) {
            ok = have_host = inet_aton(v, &host);
        } else if (!strcmp(k, "dhcpstart")) {
            ok = have_dhcp = inet_aton(v, &dhcp);
        } else if (!strcmp(k, "dns")) {
            ok = have_dns = inet_aton(v, &dns);
        } else if (!strcmp(k, "ipv4")) {
            if (!net_parse_bool(k, v, &cfg.in_enabled, err)) {
                goto fail;
            }
        } else if (!strcmp(k, "ipv6")) {
            if (!net_parse_bool(k, v, &cfg.in6_enabled, err)) {
                goto fail;
            }
        } else if (!strcmp(k, "restrict")) {
            bool r;
            if (!net_parse_bool(k, v, &r, err)) {
                goto fail;
            }
            cfg.restricted = r;
        } else if (!strcmp(k, "hostname")) {
            cfg.vhostname = v;
        } else if (!strcmp(k, "domainname")) {
            cfg.vdomainname = v;
        } else if (!strcmp(k, "dnssearch")) {
            g_ptr_array_add(dnssearch, (char *)v);
        } else if (!strcmp(k, "tftp")) {
            cfg.tftp_path = v;
        } else if (!strcmp(k, "bootfile")) {
            cfg.bootfile = v;
        } else if (!strcmp(k, "tftp-server-name")) {
            cfg.tftp_server_name = v;
        } else if (!strcmp(k, "hostfwd")) {
            g_ptr_array_add(fwds, (char *)v);
        } else {
            g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "Invalid parameter '%s'", k);
            goto fail;
        }
        if (!ok) {
            g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "Parameter '%s' expects an IPv4 address%s", k,
                        !strcmp(k, "net") ? " with an optional /prefix" : "");
            goto fail;
        }
    }
    if (!cfg.in_enabled && !cfg.in6_enabled) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "IP protocol (ipv4=off and ipv6=off) disabled");
        goto fail;
    }
    /* The defaults sit at fixed host numbers within the network. */
    uint32_t net = ntohl(cfg.vnetwork.s_addr), mask = ntohl(cfg.vnetmask.s_addr);
    cfg.vhost.s_addr = have_host ? host.s_addr : htonl(net | 2);
    cfg.vdhcp_start.s_addr = have_dhcp ? dhcp.s_addr : htonl(net | 15);
    cfg.vnameserver.s_addr = have_dns ? dns.s_addr : htonl(net | 3);
    const struct in_addr *inside[] = { &cfg.vhost, &cfg.vdhcp_start, &cfg.vnameserver };
    static const char *const inside_name[] = { "host", "dhcpstart", "dns" };
    for (int i = 0; i < 3; i++) {
        if ((ntohl(inside[i]->s_addr) & mask) != net) {
            g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "The %s address is not in the network", inside_name[i]);
            goto fail;
        }
    }
    inet_pton(AF_INET6, "fec0::2", &cfg.vhost6);
    inet_pton(AF_INET6, "fec0::3", &cfg.vnameserver6);
    g_ptr_array_add(dnssearch, NULL);
    cfg.vdnssearch = dnssearch->len > 1 ? (const char **)dnssearch->pdata : NULL;

    u = g_new0(UserNet, 1);
    u->nb = nb;
    u->timers = g_ptr_array_new();
    u->slirp = slirp_new(&cfg, &user_callbacks, u);
    if (!u->slirp) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "netdev %s: libslirp refused the configuration", o->id);
        goto fail;
    }
    for (guint i = 0; i < fwds->len; i++) {
        if (!add_hostfwd(u, fwds->pdata[i], cfg.vdhcp_start, err)) {
            goto fail;
        }
    }
    g_ptr_array_free(fwds, TRUE);
    g_ptr_array_free(dnssearch, TRUE);
    return u;
fail:
    if (u) {
        if (u->slirp) {
            slirp_cleanup(u->slirp);
        }
        g_ptr_array_free(u->timers, TRUE);
        g_free(u);
    }
    g_ptr_array_free(fwds, TRUE);
    g_ptr_array_free(dnssearch, TRUE);
    return NULL;
}

const NetBackendKind net_kind_user = {
    .type = "user",
    .create = user_create,
    .fill = user_fill,
    .dispatch = user_dispatch,
    .transmit = user_transmit,
    .destroy = user_destroy,
};
