/*
 * MSI-X (msix.h): the capability's control word, the vector table and
 * the pending bits, and the message a vector sends.
 */
#include <string.h>

#include "hw/pci/msix.h"

static uint16_t control(const MSIX *m)
{
    return pci_get_word(m->dev->config + m->cap + PCI_MSIX_FLAGS);
}

bool msix_enabled(const MSIX *m)
{
    return control(m) & PCI_MSIX_FLAGS_ENABLE;
}

static uint8_t *entry(MSIX *m, unsigned v)
{
    return m->table + v * PCI_MSIX_ENTRY_SIZE;
}

static bool masked(MSIX *m, unsigned v)
{
    return (control(m) & PCI_MSIX_FLAGS_MASKALL) ||
           (pci_get_long(entry(m, v) + 12) & PCI_MSIX_ENTRY_CTRL_MASKBIT);
}

static bool pending(MSIX *m, unsigned v)
{
    return m->pba[v / 8] & (1u << (v % 8));
}

static void set_pending(MSIX *m, unsigned v, bool on)
{
    m->pba[v / 8] = (m->pba[v / 8] & ~(1u << (v % 8))) | (on ? 1u << (v % 8) : 0);
}

static void send(MSIX *m, unsigned v)
{
    const uint8_t *e = entry(m, v);
    uint64_t addr = pci_get_long(e) | (uint64_t)pci_get_long(e + 4) << 32;
    pci_msi_write(m->dev, addr, pci_get_long(e + 8));
}

void msix_notify(MSIX *m, unsigned vector)
{
    if (vector >= m->nvec || !msix_enabled(m)) {
        return;
    }
    if (masked(m, vector)) {
        set_pending(m, vector, true);
        return;
    }
    send(m, vector);
}

/* A vector that became unmasked sends what it held back. */
static void flush_pending(MSIX *m, unsigned v)
{
    if (msix_enabled(m) && !masked(m, v) && pending(m, v)) {
        set_pending(m, v, false);
        send(m, v);
    }
}

/* ---- the BAR: table, then the PBA ---- */

static uint64_t bar_read(void *opaque, uint64_t off, unsigned size)
{
    MSIX *m = opaque;
    if (off < m->nvec * PCI_MSIX_ENTRY_SIZE) {
        return pci_get_long(m->table + off);
    }
    if (off >= MSIX_EXCLUSIVE_PBA && off - MSIX_EXCLUSIVE_PBA < sizeof(m->pba)) {
        return pci_get_long(m->pba + (off - MSIX_EXCLUSIVE_PBA));
    }
    return 0;
}

static void bar_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
    MSIX *m = opaque;
    if (off >= m->nvec * PCI_MSIX_ENTRY_SIZE) {
        return;     /* the PBA is read-only; the rest reserved */
    }
    unsigned v = off / PCI_MSIX_ENTRY_SIZE;
    if (off % PCI_MSIX_ENTRY_SIZE == 12) {
        /* Vector control: only the mask bit is defined. */
        value &= PCI_MSIX_ENTRY_CTRL_MASKBIT;
    }
    pci_set_long(m->table + off, value);
    flush_pending(m, v);
}

static const MemoryRegionOps bar_ops = {
    .read = bar_read, .write = bar_write, .min_access = 4, .max_access = 4,
};

/* ---- capability ---- */

void msix_config_written(MSIX *m, uint32_t addr, unsigned len)
{
    if (addr >= m->cap + PCI_MSIX_CAP_SIZE || addr + len <= m->cap) {
        return;
    }
    if (msix_enabled(m)) {
        /* A function using MSI-X does not signal INTx (6.8.2). */
        pci_set_irq(m->dev, 0);
    }
    for (unsigned v = 0; v < m->nvec; v++) {
        flush_pending(m, v);
    }
}

void msix_reset(MSIX *m)
{
    memset(m->table, 0, sizeof(m->table));
    memset(m->pba, 0, sizeof(m->pba));
    for (unsigned v = 0; v < m->nvec; v++) {
        pci_set_long(entry(m, v) + 12, PCI_MSIX_ENTRY_CTRL_MASKBIT);
    }
}

bool msix_init_exclusive_bar(MSIX *m, PCIDevice *d, unsigned nvec, int bar_nr)
{
    g_assert(nvec >= 1 && nvec <= MSIX_MAX_VECTORS);
    memset(m, 0, sizeof(*m));
    m->dev = d;
    m->nvec = nvec;
    unsigned cap = pci_add_capability(d, PCI_CAP_ID_MSIX, PCI_MSIX_CAP_SIZE);
    if (!cap) {
        return false;
    }
    m->cap = cap;
    pci_set_word(d->config + cap + PCI_MSIX_FLAGS, nvec - 1);
    pci_set_long(d->config + cap + PCI_MSIX_TABLE, 0 | bar_nr);
    pci_set_long(d->config + cap + PCI_MSIX_PBA, MSIX_EXCLUSIVE_PBA | bar_nr);
    pci_set_word(d->wmask + cap + PCI_MSIX_FLAGS,
                 PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
    g_autofree char *name = g_strdup_printf("%s-msix", d->name);
    memory_region_init_io(&m->bar, &bar_ops, m, name, MSIX_EXCLUSIVE_BAR_SIZE);
    pci_register_bar(d, bar_nr, 0, &m->bar);
    d->msix = m;
    msix_reset(m);
    return true;
}

static const VMStateField msix_fields[] = {
    VMSTATE_ARRAY(table, MSIX, 1),
    VMSTATE_ARRAY(pba, MSIX, 1),
    VMSTATE_END,
};

const VMStateDescription vmstate_msix = {
    .name = "msix", .version = 1, .minimum_version = 1, .fields = msix_fields,
};
