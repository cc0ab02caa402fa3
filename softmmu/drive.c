/*
 * -drive, -device and -global (drive.h).  Each option is a comma list of
 * key=value pairs as qemu's QemuOpts reads them (a ",," is a literal
 * comma); unknown keys, models and values fail with the words qemu 7.2
 * uses, prefixed with the option as given, so scripts and users see the
 * same errors.  Images are opened while parsing, as qemu does.
 */
#include <stdio.h>
#include <string.h>

#include "softmmu/drive.h"
#include "softmmu/qemu-opts.h"
#include "hw/virtio/virtio-net.h"
#include "hw/virtio/virtio-serial.h"

static GPtrArray *drives;       /* DriveInfo */
static GPtrArray *requests;     /* DeviceRequest */
static bool force_legacy = true;
static bool snapshot_all;       /* -snapshot */

void drive_snapshot_all(void)
{
    snapshot_all = true;
}

#define ERR(err, ...) g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, __VA_ARGS__)

static DriveInfo *find_drive(const char *id)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        if (d->id && !strcmp(d->id, id)) {
            return d;
        }
    }
    return NULL;
}

/* qemu's cache modes: (O_DIRECT, guest-visible write cache, flushes). */
static const struct CacheMode {
    const char *name;
    bool direct, writeback, ignore_flush;
} cache_modes[] = {
    { "writeback", false, true, false },
    { "none", true, true, false },
    { "writethrough", false, false, false },
    { "directsync", true, false, false },
    { "unsafe", false, true, true },
};

bool drive_option(const char *spec, GError **err)
{
    g_autoptr(GPtrArray) kv = qemu_opts_split(spec, false);
    const char *file = NULL, *format = NULL, *id = NULL, *bad = NULL;
    const struct CacheMode *cache = &cache_modes[0];
    bool read_only = false, if_virtio = true, snapshot = snapshot_all;
    for (guint i = 0; i < kv->len; i += 2) {
        const char *k = kv->pdata[i], *v = kv->pdata[i + 1];
        if (!strcmp(k, "file")) {
            file = v;
        } else if (!strcmp(k, "format")) {
            format = v;
        } else if (!strcmp(k, "id")) {
            id = v;
        } else if (!strcmp(k, "snapshot")) {
            if (!qemu_opt_bool(v, &snapshot)) {
                ERR(err, "-drive %s: Parameter 'snapshot' expects 'on' or 'off'", spec);
                return false;
            }
        } else if (!strcmp(k, "readonly")) {
            if (!qemu_opt_bool(v, &read_only)) {
                ERR(err, "-drive %s: Parameter 'read-only' expects 'on' or 'off'", spec);
                return false;
            }
        } else if (!strcmp(k, "if")) {
            if (!strcmp(v, "none") || !strcmp(v, "virtio")) {
                if_virtio = !strcmp(v, "virtio");
            } else if (!strcmp(v, "ide") || !strcmp(v, "scsi") || !strcmp(v, "floppy") ||
                       !strcmp(v, "pflash") || !strcmp(v, "mtd") || !strcmp(v, "sd")) {
                ERR(err, "-drive %s: machine type does not support if=%s,bus=0,unit=0",
                    spec, v);
                return false;
            } else {
                ERR(err, "-drive %s: unsupported bus type '%s'", spec, v);
                return false;
            }
        } else if (!strcmp(k, "cache")) {
            cache = NULL;
            for (size_t c = 0; c < G_N_ELEMENTS(cache_modes); c++) {
                cache = !strcmp(v, cache_modes[c].name) ? &cache_modes[c] : cache;
            }
            if (!cache) {
                ERR(err, "-drive %s: invalid cache option", spec);
                return false;
            }
        } else if (!strcmp(k, "media") && !strcmp(v, "disk")) {
            /* the only medium */
        } else if (!bad) {
            bad = k[0] ? k : v;
        }
    }
    if (!file) {
        ERR(err, "-drive %s: A block device must be specified for \"file\"", spec);
        return false;
    }
    if (id && find_drive(id)) {
        ERR(err, "-drive %s: Duplicate ID '%s' for drive", spec, id);
        return false;
    }
    int flags = (read_only ? 0 : BDRV_O_RDWR) | (cache->direct ? BDRV_O_NOCACHE : 0);
    GError *e = NULL;
    BlockDriverState *bs = snapshot && !read_only ? bdrv_open_snapshot(file, format, flags, &e)
                                                  : bdrv_open(file, format, flags, &e);
    if (!bs) {
        ERR(err, "-drive %s: %s", spec, e->message);
        g_error_free(e);
        return false;
    }
    if (bad) {
        ERR(err, "-drive %s: Block format '%s' does not support the option '%s'", spec,
            bs->drv->format_name, bad);
        bdrv_close(bs);
        return false;
    }
    if (!format && !strcmp(bs->drv->format_name, "raw")) {
        fprintf(stderr,
                "WARNING: Image format was not specified for '%s' and probing guessed raw.\n"
                "         Automatically detecting the format is dangerous for raw images, "
                "write operations on block 0 will be restricted.\n"
                "         Specify the 'raw' format explicitly to remove the restrictions.\n",
                file);
    }
    DriveInfo *d = g_new0(DriveInfo, 1);
    /* qemu names an if=virtio drive without an id by its bus and unit. */
    static int virtio_units;
    d->id = id ? g_strdup(id) : g_strdup_printf("virtio%d", virtio_units);
    virtio_units += if_virtio;
    d->direct = cache->direct;
    g_mutex_init(&d->acct.lock);
    d->file = g_strdup(file);
    d->if_virtio = if_virtio;
    d->read_only = read_only;
    d->writeback = cache->writeback;
    d->ignore_flush = cache->ignore_flush;
    d->bs = bs;
    if (!drives) {
        drives = g_ptr_array_new();
    }
    g_ptr_array_add(drives, d);
    return true;
}

/* The models -device knows, with qemu's help lines and properties. */
static const char *const port_props[] = { "chardev", "name", "id", NULL };
#define PORT_HELP(model) \
    model " options:\n" \
    "  chardev=<str>          - ID of a chardev to use as a backend\n" \
    "  name=<str>\n"
static const struct DeviceModelInfo {
    const char *category;       /* -device help's heading, as qemu's */
    const char *name;
    DeviceModel model;
    const char *const *props;
    const char *help;           /* -device MODEL,help */
    bool pci;                   /* on virtio-pci */
    const char *bus;            /* -device help's bus; NULL: virtio-bus */
    bool console;               /* virtconsole */
} device_models[] = {
    { "Storage devices", "virtio-blk-device", DEVICE_VIRTIO_BLK, (const char *const[]){ "drive", "serial", "id", NULL },
      "virtio-blk-device options:\n"
      "  drive=<str>            - Node name or ID of a block device to use as a backend\n"
      "  serial=<str>\n" },
    { "Misc devices", "virtio-rng-device", DEVICE_VIRTIO_RNG, (const char *const[]){ "id", NULL },
      "virtio-rng-device options:\n" },
    { "Network devices", "virtio-net-device", DEVICE_VIRTIO_NET,
      (const char *const[]){ "netdev", "mac", "id", NULL },
      "virtio-net-device options:\n"
      "  mac=<str>              - Ethernet 6-byte MAC Address, example: 52:54:00:12:34:56\n"
      "  netdev=<str>           - ID of a netdev to use as a backend\n" },
    { "Storage devices", "virtio-blk-pci", DEVICE_VIRTIO_BLK, (const char *const[]){ "drive", "serial", "id", NULL },
      "virtio-blk-pci options:\n"
      "  drive=<str>            - Node name or ID of a block device to use as a backend\n"
      "  serial=<str>\n", true },
    { "Misc devices", "virtio-rng-pci", DEVICE_VIRTIO_RNG, (const char *const[]){ "id", NULL },
      "virtio-rng-pci options:\n", true },
    { "Network devices", "virtio-net-pci", DEVICE_VIRTIO_NET,
      (const char *const[]){ "netdev", "mac", "romfile", "id", NULL },
      "virtio-net-pci options:\n"
      "  mac=<str>              - Ethernet 6-byte MAC Address, example: 52:54:00:12:34:56\n"
      "  netdev=<str>           - ID of a netdev to use as a backend\n", true },
    { "Input devices", "virtio-serial-device", DEVICE_VIRTIO_SERIAL, (const char *const[]){ "id", NULL },
      "virtio-serial-device options:\n" },
    { "Input devices", "virtio-serial-pci", DEVICE_VIRTIO_SERIAL, (const char *const[]){ "id", NULL },
      "virtio-serial-pci options:\n", true },
    { "Input devices", "virtconsole", DEVICE_VIRTSERIAL_PORT, port_props, PORT_HELP("virtconsole"),
      .bus = "virtio-serial-bus", .console = true },
    { "Input devices", "virtserialport", DEVICE_VIRTSERIAL_PORT, port_props,
      PORT_HELP("virtserialport"), .bus = "virtio-serial-bus" },
};

static const struct DeviceModelInfo *find_model(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(device_models); i++) {
        if (!strcmp(device_models[i].name, name)) {
            return &device_models[i];
        }
    }
    return NULL;
}

static bool has_prop(const struct DeviceModelInfo *m, const char *key)
{
    for (const char *const *p = m->props; *p; p++) {
        if (!strcmp(*p, key)) {
            return true;
        }
    }
    return false;
}

static void request_free(DeviceRequest *r)
{
    g_free(r->spec);
    g_free(r->drive_id);
    g_free(r->serial);
    g_free(r->netdev_id);
    g_free(r->chardev_id);
    g_free(r->port_name);
    g_free(r);
}

bool device_option(const char *spec, bool *done, GError **err)
{
    g_autoptr(GPtrArray) kv = qemu_opts_split(spec, true);
    const char *name = kv->pdata[1];
    *done = false;
    if (!strcmp(name, "help") || !strcmp(name, "?")) {
        /* qemu's layout: a heading per category, a blank line between. */
        for (size_t i = 0; i < G_N_ELEMENTS(device_models); i++) {
            const char *cat = device_models[i].category;
            if (i == 0 || strcmp(cat, device_models[i - 1].category)) {
                printf("%s%s:\n", i ? "\n" : "", cat);
            }
            const char *bus = device_models[i].bus ? device_models[i].bus
                            : device_models[i].pci ? "PCI" : "virtio-bus";
            printf("name \"%s\", bus %s\n", device_models[i].name, bus);
        }
        *done = true;
        return true;
    }
    const struct DeviceModelInfo *m = find_model(name);
    if (!m) {
        ERR(err, "-device %s: '%s' is not a valid device model name", spec, name);
        return false;
    }
    DeviceRequest *r = g_new0(DeviceRequest, 1);
    r->model = m->model;
    r->model_name = m->name;
    r->pci = m->pci;
    r->console = m->console;
    r->spec = g_strdup(spec);
    for (guint i = 2; i < kv->len; i += 2) {
        const char *k = kv->pdata[i], *v = kv->pdata[i + 1];
        if (!k[0] && !strcmp(v, "help")) {
            request_free(r);
            fputs(m->help, stdout);
            *done = true;
            return true;
        }
        if (!has_prop(m, k[0] ? k : v)) {
            ERR(err, "-device %s: Property '%s.%s' not found", spec, name, k[0] ? k : v);
            request_free(r);
            return false;
        }
        if (!strcmp(k, "drive")) {
            g_free(r->drive_id);
            r->drive_id = g_strdup(v);
        } else if (!strcmp(k, "serial")) {
            g_free(r->serial);
            r->serial = g_strdup(v);
        } else if (!strcmp(k, "chardev")) {
            g_free(r->chardev_id);
            r->chardev_id = g_strdup(v);
        } else if (!strcmp(k, "name")) {
            g_free(r->port_name);
            r->port_name = g_strdup(v);
        } else if (!strcmp(k, "netdev")) {
            g_free(r->netdev_id);
            r->netdev_id = g_strdup(v);
        } else if (!strcmp(k, "romfile") && *v) {
            /* qemu's option ROM (iPXE) boots firmware from the network;
             * mimic boots -kernel only, so romfile= (none) is all it takes. */
            ERR(err, "-device %s: romfile=%s: mimic loads no option ROMs; use romfile=",
                spec, v);
            request_free(r);
            return false;
        } else if (!strcmp(k, "mac")) {
            if (!virtio_net_parse_mac(v, r->mac)) {
                ERR(err, "-device %s: Property '%s.mac' doesn't take value '%s'", spec, name, v);
                request_free(r);
                return false;
            }
            r->has_mac = true;
        }
    }
    if (!requests) {
        requests = g_ptr_array_new();
    }
    g_ptr_array_add(requests, r);
    return true;
}

bool global_option(const char *spec, GError **err)
{
    const char *eq = strchr(spec, '='), *dot = strchr(spec, '.');
    if (!eq || !dot || dot > eq) {
        ERR(err, "-global %s: Invalid parameter '%s'", spec, spec);
        return false;
    }
    g_autofree char *driver = g_strndup(spec, dot - spec);
    g_autofree char *prop = g_strndup(dot + 1, eq - dot - 1);
    if (strcmp(driver, "virtio-mmio")) {
        fprintf(stderr, "mimic-system-aarch64: warning: global %s.%s has invalid class name\n",
                driver, prop);
        return true;
    }
    if (strcmp(prop, "force-legacy")) {
        ERR(err, "can't apply global %s.%s=%s: Property '%s.%s' not found", driver, prop,
            eq + 1, driver, prop);
        return false;
    }
    if (!qemu_opt_bool(eq + 1, &force_legacy)) {
        ERR(err, "can't apply global %s.%s=%s: Parameter '%s' expects 'on' or 'off'", driver,
            prop, eq + 1, prop);
        return false;
    }
    return true;
}

/* A NIC's back end: netdev= names one no other NIC has; without it the
 * NIC is unplugged, as qemu's (it sees no traffic). */
static bool resolve_netdev(DeviceRequest *r, unsigned index, GError **err)
{
    if (!r->has_mac) {
        virtio_net_default_mac(index, r->mac);
    }
    if (!r->netdev_id) {
        return true;
    }
    r->netdev = net_backend_find(r->netdev_id);
    if (!r->netdev) {
        ERR(err, "-device %s: Property '%s.netdev' can't find value '%s'",
            r->spec, r->model_name, r->netdev_id);
        return false;
    }
    for (guint i = 0; i < requests->len; i++) {
        DeviceRequest *o = g_ptr_array_index(requests, i);
        if (o != r && o->netdev == r->netdev) {
            ERR(err, "-device %s: Property '%s.netdev' can't take value '%s', "
                "it's in use", r->spec, r->model_name, r->netdev_id);
            return false;
        }
    }
    return true;
}

bool nic_option(const char *spec, bool *done, GError **err)
{
    *done = false;
    static unsigned count;
    if (!strcmp(spec, "none")) {
        return true;
    }
    g_autoptr(GPtrArray) kv = qemu_opts_split(spec, true);
    g_autofree char *id = g_strdup_printf("__nic%u", count++);
    GString *netdev = g_string_new(kv->pdata[1]);
    g_string_append_printf(netdev, ",id=%s", id);
    /* qemu's virt: a virtio-net-pci unless model= says otherwise. */
    const char *model = "virtio-net-pci", *mac = NULL;
    for (guint i = 2; i < kv->len; i += 2) {
        const char *k = kv->pdata[i], *v = kv->pdata[i + 1];
        if (!strcmp(k, "model")) {
            model = v;
        } else if (!strcmp(k, "mac")) {
            mac = v;
        } else {
            g_string_append_printf(netdev, ",%s=", k);
            for (const char *c = v; *c; c++) {    /* commas stay escaped */
                g_string_append(netdev, *c == ',' ? ",," : (char[]){ *c, 0 });
            }
        }
    }
    if (!strcmp(model, "help")) {
        printf("Available NIC models:\nvirtio-net-device\nvirtio-net-pci\n");
        g_string_free(netdev, TRUE);
        *done = true;
        return true;
    }
    if (!g_str_has_prefix(model, "virtio-net-")) {
        ERR(err, "-nic %s: unsupported network model '%s' (mimic has virtio-net-pci and "
            "virtio-net-device)", spec, model);
        g_string_free(netdev, TRUE);
        return false;
    }
    GError *e = NULL;
    NetBackend *nb = net_backend_new_from_options(netdev->str, &e);
    g_string_free(netdev, TRUE);
    if (!nb) {
        ERR(err, "-nic %s: %s", spec, e->message);
        g_error_free(e);
        return false;
    }
    g_autofree char *device = mac ? g_strdup_printf("%s,netdev=%s,mac=%s", model, id, mac)
                                  : g_strdup_printf("%s,netdev=%s", model, id);
    if (!device_option(device, done, err)) {
        return false;
    }
    /* qemu's virt plugs -nic NICs while it builds the PCI bus, before
     * any -device: they come first, in their own order. */
    static guint nics_first;
    DeviceRequest *r = g_ptr_array_steal_index(requests, requests->len - 1);
    g_ptr_array_insert(requests, nics_first++, r);
    return true;
}

/* A virtio-serial port: its chardev, its bus (the last virtio-serial
 * before it, as qemu finds one) and its number there (qemu's: a console
 * takes 0 if free; 0 is otherwise kept for one, others take the lowest
 * free one). */
static bool resolve_port(DeviceRequest *r, DeviceRequest *bus, GError **err)
{
    if (!bus) {
        ERR(err, "-device %s: No 'virtio-serial-bus' bus found for device '%s'", r->spec,
            r->model_name);
        return false;
    }
    if (r->chardev_id) {
        r->chardev = chardev_find(r->chardev_id);
        if (!r->chardev) {
            ERR(err, "-device %s: Property '%s.chardev' can't find value '%s'", r->spec,
                r->model_name, r->chardev_id);
            return false;
        }
    }
    guint32 used = 1;       /* port 0: a console's */
    bool zero_taken = false;
    for (guint i = 0; i < bus->ports->len; i++) {
        DeviceRequest *o = g_ptr_array_index(bus->ports, i);
        used |= 1u << o->port_nr;
        zero_taken |= o->port_nr == 0;
        if (r->chardev && o->chardev == r->chardev) {
            ERR(err, "-device %s: Property '%s.chardev' can't take value '%s': Device '%s' "
                "is in use", r->spec, r->model_name, r->chardev_id, r->chardev_id);
            return false;
        }
        if (r->port_name && o->port_name && !strcmp(r->port_name, o->port_name)) {
            ERR(err, "-device %s: virtio-serial-bus: A port already exists by name %s",
                r->spec, r->port_name);
            return false;
        }
    }
    if (r->console && !zero_taken) {
        r->port_nr = 0;
    } else {
        unsigned nr = 1;
        while (nr < VIRTIO_SERIAL_MAX_PORTS && (used >> nr & 1)) {
            nr++;
        }
        if (nr == VIRTIO_SERIAL_MAX_PORTS) {
            ERR(err, "-device %s: virtio-serial-bus: Maximum port limit for this device "
                "reached", r->spec);
            return false;
        }
        r->port_nr = nr;
    }
    g_ptr_array_add(bus->ports, r);
    return true;
}

bool devices_resolve(GError **err)
{
    if (!requests) {
        requests = g_ptr_array_new();
    }
    DeviceRequest *serial_bus = NULL;
    for (guint i = 0; i < requests->len;) {
        DeviceRequest *r = g_ptr_array_index(requests, i);
        if (r->model == DEVICE_VIRTIO_SERIAL) {
            serial_bus = r;
            r->ports = g_ptr_array_new();
        }
        if (r->model != DEVICE_VIRTSERIAL_PORT) {
            i++;
            continue;
        }
        if (!resolve_port(r, serial_bus, err)) {
            return false;
        }
        g_ptr_array_remove_index(requests, i);
    }
    unsigned nics = 0;
    for (guint i = 0; i < requests->len; i++) {
        DeviceRequest *r = g_ptr_array_index(requests, i);
        if (r->model == DEVICE_VIRTIO_NET && !resolve_netdev(r, nics++, err)) {
            return false;
        }
        if (r->model != DEVICE_VIRTIO_BLK) {
            continue;
        }
        const char *id = r->drive_id;
        if (!id) {
            ERR(err, "-device %s: drive property not set", r->spec);
            return false;
        }
        DriveInfo *d = find_drive(id);
        if (!d) {
            ERR(err, "-device %s: Property '%s.drive' can't find value '%s'",
                r->spec, r->model_name, id);
            return false;
        }
        if (d->in_use || d->if_virtio) {
            ERR(err, "-device %s: Drive '%s' is already in use by another device", r->spec,
                id);
            return false;
        }
        d->in_use = true;
        r->drive = d;
    }
    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        if (d->if_virtio) {
            /* qemu's virt makes a virtio-blk-pci of it, after the
             * -device ones. */
            DeviceRequest *r = g_new0(DeviceRequest, 1);
            r->model = DEVICE_VIRTIO_BLK;
            r->model_name = "virtio-blk-pci";
            r->pci = true;
            r->spec = g_strdup_printf("file=%s", d->file);
            r->drive = d;
            d->in_use = true;
            g_ptr_array_add(requests, r);
        }
    }
    return true;
}

const GPtrArray *device_requests(void)
{
    if (!requests) {
        requests = g_ptr_array_new();
    }
    return requests;
}

char *drive_node_name(const DriveInfo *d)
{
    guint index = 0;
    g_ptr_array_find(drives, d, &index);
    return g_strdup_printf("#block%u01", index);
}

DriveInfo *drive_find_node(const char *node_name)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        g_autofree char *name = drive_node_name(drives->pdata[i]);
        if (!strcmp(name, node_name)) {
            return drives->pdata[i];
        }
    }
    return NULL;
}

bool virtio_mmio_force_legacy(void)
{
    return force_legacy;
}

const GPtrArray *drive_list(void)
{
    if (!drives) {
        drives = g_ptr_array_new();
    }
    return drives;
}

void drives_flush(void)
{
    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        bdrv_flush(d->bs);
    }
}
