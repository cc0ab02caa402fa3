/*
 * Unit tests of the network back ends' shared part (softmmu/net.c) and
 * -netdev user (net-slirp.c): option strings good and bad with qemu's
 * messages, and libslirp answering a guest written here byte by byte
 * (ARP for the gateway, a DHCP DISCOVER, a host connection through
 * hostfwd arriving as a TCP SYN), with a NIC that refuses frames until
 * it says it has room.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "softmmu/net.h"

static const uint8_t guest_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

/* The NIC: frames kept in arrival order; refuses while `closed`. */
typedef struct Nic {
    GMutex lock;
    GCond cond;
    GPtrArray *frames;          /* GBytes */
    bool closed;
    int refused;
} Nic;

static bool nic_receive(void *opaque, const uint8_t *frame, size_t len)
{
    Nic *n = opaque;
    g_mutex_lock(&n->lock);
    bool take = !n->closed;
    if (take) {
        g_ptr_array_add(n->frames, g_bytes_new(frame, len));
        g_cond_broadcast(&n->cond);
    } else {
        n->refused++;
    }
    g_mutex_unlock(&n->lock);
    return take;
}

static const NetFrontendOps nic_ops = { .receive = nic_receive };

static void nic_init(Nic *n)
{
    memset(n, 0, sizeof(*n));
    g_mutex_init(&n->lock);
    g_cond_init(&n->cond);
    n->frames = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
}

/* The first frame with this ethertype (and, for IPv4, protocol) received
 * from index *from on, waiting up to 5 s; NULL on timeout. */
static GBytes *nic_wait(Nic *n, guint *from, uint16_t ethertype, int ipproto)
{
    gint64 end = g_get_monotonic_time() + 5 * G_TIME_SPAN_SECOND;
    GBytes *found = NULL;
    g_mutex_lock(&n->lock);
    while (!found) {
        for (; *from < n->frames->len && !found; (*from)++) {
            gsize len;
            const uint8_t *f = g_bytes_get_data(n->frames->pdata[*from], &len);
            if (len >= 14 && (f[12] << 8 | f[13]) == ethertype &&
                (ipproto < 0 || (len >= 34 && f[23] == ipproto))) {
                found = g_bytes_ref(n->frames->pdata[*from]);
            }
        }
        if (!found && !g_cond_wait_until(&n->cond, &n->lock, end)) {
            break;
        }
    }
    g_mutex_unlock(&n->lock);
    return found;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v); }
static uint16_t get16(const uint8_t *p) { return p[0] << 8 | p[1]; }

static void ip_checksum(uint8_t *ip)
{
    uint32_t sum = 0;
    ip[10] = ip[11] = 0;
    for (int i = 0; i < 20; i += 2) {
        sum += get16(ip + i);
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    put16(ip + 10, ~sum);
}

static size_t arp_frame(uint8_t *f, uint16_t op, const uint8_t *target_mac,
                        const char *sender_ip, const char *target_ip)
{
    memset(f, 0xff, 6);
    memcpy(f + 6, guest_mac, 6);
    put16(f + 12, 0x0806);
    uint8_t *a = f + 14;
    put16(a, 1);                        /* Ethernet */
    put16(a + 2, 0x0800);
    a[4] = 6;
    a[5] = 4;
    put16(a + 6, op);
    memcpy(a + 8, guest_mac, 6);
    inet_pton(AF_INET, sender_ip, a + 14);
    memcpy(a + 18, target_mac, 6);
    inet_pton(AF_INET, target_ip, a + 24);
    return 42;
}

static NetBackend *must_create(const char *opts)
{
    GError *err = NULL;
    NetBackend *nb = net_backend_new_from_options(opts, &err);
    if (!nb) {
        fail_msg("%s: %s", opts, err->message);
    }
    return nb;
}

static void test_options(void **state)
{
    static const struct {
        const char *opts, *error;
    } bad[] = {
        { "user", "Parameter 'id' is missing" },
        { "bogus,id=x", "Parameter 'type' expects a netdev backend type (user, tap), not 'bogus'" },
        { "user,id=x,frobnicate=1", "Invalid parameter 'frobnicate'" },
        { "user,id=x,ipv4=maybe", "Parameter 'ipv4' expects 'on' or 'off'" },
        { "user,id=x,ipv4=off,ipv6=off", "IP protocol (ipv4=off and ipv6=off) disabled" },
        { "user,id=x,hostfwd=tcp::22", "Invalid host forwarding rule 'tcp::22' (missing '-')" },
        { "user,id=x,hostfwd=sctp::1-:2", "Invalid host forwarding rule 'sctp::1-:2' (invalid protocol)" },
        { "user,id=x,hostfwd=tcp::99999-:22", "Invalid host forwarding rule 'tcp::99999-:22' (invalid host port)" },
        { "user,id=x,hostfwd=tcp::0-:0", "Invalid host forwarding rule 'tcp::0-:0' (invalid guest port)" },
        { "user,id=x,net=10.9.0.0/24,host=10.0.2.2", "The host address is not in the network" },
        { "user,id=x,dns=banana", "Parameter 'dns' expects an IPv4 address" },
        { "user,id=x,noequals", "Expected '=' after parameter 'noequals'" },
        { "tap,id=x,script=/etc/qemu-ifup", "script=/etc/qemu-ifup: mimic runs no network scripts; set the interface up beforehand and use script=no" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        GError *err = NULL;
        NetBackend *nb = net_backend_new_from_options(bad[i].opts, &err);
        assert_null(nb);
        assert_non_null(err);
        assert_string_equal(err->message, bad[i].error);
        g_error_free(err);
    }
    NetBackend *a = must_create("user,id=dup,net=192.168.76.0/24,hostname=guest,,1");
    GError *err = NULL;
    assert_null(net_backend_new_from_options("user,id=dup", &err));
    assert_string_equal(err->message, "Duplicate ID 'dup' for netdev");
    g_error_free(err);
    assert_ptr_equal(net_backend_find("dup"), a);
    assert_string_equal(net_backend_id(a), "dup");
    assert_false(net_backend_attached(a));
    Nic n;
    nic_init(&n);
    assert_true(net_backend_attach(a, &nic_ops, &n, NULL));
    err = NULL;
    assert_false(net_backend_attach(a, &nic_ops, &n, &err));
    assert_string_equal(err->message, "Property 'netdev' can't take value 'dup', it's in use");
    g_error_free(err);
    net_backend_free_all();
    assert_null(net_backend_find("dup"));
}

/* ARP for the gateway 10.0.2.2, first refused by a full NIC, then
 * offered again once the NIC says it has room. */
static void test_arp_gateway(void **state)
{
    NetBackend *nb = must_create("user,id=n0");
    Nic n;
    nic_init(&n);
    n.closed = true;
    assert_true(net_backend_attach(nb, &nic_ops, &n, NULL));
    uint8_t f[64];
    static const uint8_t zero_mac[6];
    net_backend_send(nb, f, arp_frame(f, 1, zero_mac, "10.0.2.15", "10.0.2.2"));
    for (int i = 0; i < 500; i++) {
        g_mutex_lock(&n.lock);
        int refused = n.refused;
        g_mutex_unlock(&n.lock);
        if (refused) {
            break;
        }
        g_usleep(10000);
    }
    g_mutex_lock(&n.lock);
    assert_true(n.refused > 0);
    assert_int_equal(n.frames->len, 0);
    n.closed = false;
    g_mutex_unlock(&n.lock);
    net_backend_rx_ready(nb);

    guint from = 0;
    GBytes *reply = nic_wait(&n, &from, 0x0806, -1);
    assert_non_null(reply);
    gsize len;
    const uint8_t *r = g_bytes_get_data(reply, &len);
    assert_true(len >= 42);
    assert_memory_equal(r, guest_mac, 6);               /* to us */
    assert_int_equal(get16(r + 14 + 6), 2);             /* a reply */
    uint8_t gw[4];
    inet_pton(AF_INET, "10.0.2.2", gw);
    assert_memory_equal(r + 14 + 14, gw, 4);            /* from the gateway */
    assert_memory_equal(r + 14 + 18, guest_mac, 6);
    g_bytes_unref(reply);
    net_backend_free_all();
}

/* DHCP DISCOVER from 0.0.0.0:68 to broadcast:67; slirp offers 10.0.2.15
 * with router 10.0.2.2 and DNS 10.0.2.3 (or the configured network). */
static void dhcp_offer(const char *opts, const char *lease, const char *router)
{
    NetBackend *nb = must_create(opts);
    Nic n;
    nic_init(&n);
    assert_true(net_backend_attach(nb, &nic_ops, &n, NULL));
    uint8_t f[400] = { 0 };
    memset(f, 0xff, 6);
    memcpy(f + 6, guest_mac, 6);
    put16(f + 12, 0x0800);
    uint8_t *ip = f + 14, *udp = ip + 20, *bootp = udp + 8;
    size_t bootp_len = 240 + 4;
    ip[0] = 0x45;
    put16(ip + 2, 20 + 8 + bootp_len);
    ip[8] = 64;
    ip[9] = 17;
    memset(ip + 16, 0xff, 4);
    ip_checksum(ip);
    put16(udp, 68);
    put16(udp + 2, 67);
    put16(udp + 4, 8 + bootp_len);
    bootp[0] = 1;                       /* BOOTREQUEST */
    bootp[1] = 1;
    bootp[2] = 6;
    put32(bootp + 4, 0x1234abcd);       /* xid */
    memcpy(bootp + 28, guest_mac, 6);
    put32(bootp + 236, 0x63825363);     /* magic cookie */
    bootp[240] = 53;                    /* message type: DISCOVER */
    bootp[241] = 1;
    bootp[242] = 1;
    bootp[243] = 255;
    net_backend_send(nb, f, 14 + 20 + 8 + bootp_len);

    guint from = 0;
    GBytes *reply = nic_wait(&n, &from, 0x0800, 17);
    assert_non_null(reply);
    gsize len;
    const uint8_t *r = g_bytes_get_data(reply, &len);
    const uint8_t *rb = r + 14 + 20 + 8;
    assert_true(len > 14 + 20 + 8 + 240);
    assert_int_equal(get16(r + 14 + 20), 67);
    assert_int_equal(get16(r + 14 + 22), 68);
    assert_int_equal(rb[0], 2);                          /* BOOTREPLY */
    assert_int_equal((uint32_t)get16(rb + 4) << 16 | get16(rb + 6), 0x1234abcd);
    uint8_t want[4];
    inet_pton(AF_INET, lease, want);
    assert_memory_equal(rb + 16, want, 4);               /* yiaddr */
    /* Options: message type OFFER and the router. */
    bool offer = false, routed = false;
    inet_pton(AF_INET, router, want);
    for (size_t i = 240; i + 2 <= len - 14 - 20 - 8 && rb[i] != 255;) {
        if (rb[i] == 0) {
            i++;
            continue;
        }
        if (rb[i] == 53 && rb[i + 2] == 2) {
            offer = true;
        }
        if (rb[i] == 3 && !memcmp(rb + i + 2, want, 4)) {
            routed = true;
        }
        i += 2 + rb[i + 1];
    }
    assert_true(offer);
    assert_true(routed);
    g_bytes_unref(reply);
    net_backend_free_all();
}

static void test_dhcp_default(void **state)
{
    dhcp_offer("user,id=n0", "10.0.2.15", "10.0.2.2");
}

static void test_dhcp_configured(void **state)
{
    dhcp_offer("user,id=n0,net=192.168.76.0/24,dhcpstart=192.168.76.9", "192.168.76.9",
               "192.168.76.2");
}

/* A host client connecting to the forwarded port reaches the guest as a
 * SYN to the guest port (after slirp learns the guest's MAC by ARP). */
static void test_hostfwd(void **state)
{
    int probe = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t sl = sizeof(sa);
    assert_int_equal(bind(probe, (struct sockaddr *)&sa, sizeof(sa)), 0);
    assert_int_equal(getsockname(probe, (struct sockaddr *)&sa, &sl), 0);
    close(probe);                       /* a port that was free just now */
    int port = ntohs(sa.sin_port);
    g_autofree char *opts = g_strdup_printf("user,id=n0,hostfwd=tcp:127.0.0.1:%d-:2222", port);
    NetBackend *nb = must_create(opts);
    Nic n;
    nic_init(&n);
    assert_true(net_backend_attach(nb, &nic_ops, &n, NULL));
    /* Tell slirp where the guest is, as its DHCP client would. */
    uint8_t f[64];
    static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
    net_backend_send(nb, f, arp_frame(f, 1, bcast, "10.0.2.15", "10.0.2.2"));

    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int r = connect(c, (struct sockaddr *)&sa, sizeof(sa));
    assert_true(r == 0 || errno == EINPROGRESS);
    guint from = 0;
    GBytes *syn = NULL;
    while (!syn) {
        GBytes *b = nic_wait(&n, &from, 0x0800, 6);
        assert_non_null(b);
        gsize len;
        const uint8_t *p = g_bytes_get_data(b, &len);
        const uint8_t *tcp = p + 14 + (p[14] & 15) * 4;
        if (get16(tcp + 2) == 2222 && (tcp[13] & 0x02)) {
            syn = b;
            uint8_t lease[4];
            inet_pton(AF_INET, "10.0.2.15", lease);
            assert_memory_equal(p + 14 + 16, lease, 4);
            assert_memory_equal(p, guest_mac, 6);
        } else {
            g_bytes_unref(b);
        }
    }
    g_bytes_unref(syn);
    close(c);
    net_backend_free_all();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_arp_gateway),
        cmocka_unit_test(test_dhcp_default),
        cmocka_unit_test(test_dhcp_configured),
        cmocka_unit_test(test_hostfwd),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
