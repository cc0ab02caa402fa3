/*
 * The virt board of qemu 7.2 as far as its devices exist here: RAM at
 * 0x40000000, a GICv2 or GICv3, the PL011 UART, PL031 RTC and PL061 GPIO
 * (with the power button on pin 3), the virtio-mmio transports
 * (virt-virtio.c) and PCIe (virt-pci.c), one AArch64 CPU per -smp with
 * its generic timer, PSCI over HVC, semihosting, the device tree, the
 * boot of -kernel (virt-machine.h), the monitor's machine callbacks and
 * what savevm saves of it (register_state).  Addresses and interrupt
 * numbers come from virt.h's tables.
 */
#include <stdio.h>
#include <string.h>

#include "hw/arm/boot.h"
#include "hw/arm/virt-fdt.h"
#include "hw/arm/virt-machine.h"
#include "hw/arm/virt-pci.h"
#include "hw/arm/virt-virtio.h"
#include "hw/arm/virt.h"
#include "hw/char/pl011.h"
#include "hw/gpio/pl061.h"
#include "hw/intc/arm-gicv2.h"
#include "hw/intc/arm-gicv3.h"
#include "hw/rtc/pl031.h"
#include "softmmu/cpus.h"
#include "qmp-gen.h"
#include "softmmu/cputlb.h"
#include "softmmu/device-lock.h"
#include "softmmu/gdb-system.h"
#include "softmmu/monitor.h"
#include "softmmu/savevm.h"
#include "softmmu/timer.h"
#include "target-arm/cpu-sys.h"
#include "tcg/tb.h"

#define VIRT_NUM_IRQS 288       /* 256 external interrupts and the 32 private */

typedef struct VirtMachine {
    VirtOptions opt;
    MemoryRegion sysmem, ram;
    AddressSpace as;
    int ncpus;
    ARMCPU **cpus;
    ARMCPUSys *sys;
    int gic_version;
    GICv2State *gic;            /* gic-version=2 */
    GICv3State *gic3;           /* gic-version=3 */
    PL011State uart;
    PL031State rtc;
    PL061State gpio;
    SemihostState *semihost;
    ArmBootInfo boot;
    ArmBootRegs boot_regs;
} VirtMachine;

static VirtMachine *vm;

static void map(uint64_t addr, MemoryRegion *mr)
{
    memory_region_add_subregion(&vm->sysmem, addr, mr);
}

static uint64_t region_base(VirtRegion r)
{
    return virt_memmap[r].base;
}

/* ---- PSCI ---- */

static int find_cpu(uint64_t mpidr)
{
    for (int i = 0; i < vm->ncpus; i++) {
        if ((vm->cpus[i]->env.sys[ARM_SR_MPIDR_EL1] & 0xff00ffffffull) ==
            (mpidr & 0xff00ffffffull)) {
            return i;
        }
    }
    return -1;
}

/* One CPU_ON at a time: between the check that the target is off and
 * its power-on, no other caller may reset it (a second one gets
 * ALREADY_ON). */
static GMutex cpu_on_lock;

static int64_t psci_cpu_on(void *opaque, uint64_t mpidr, uint64_t entry, uint64_t context)
{
    int i = find_cpu(mpidr);
    if (i < 0) {
        return -2;                          /* INVALID_PARAMETERS */
    }
    VCPU *v = vm->sys[i].vcpu;
    g_mutex_lock(&cpu_on_lock);
    g_mutex_lock(&v->lock);
    bool on = v->powered;
    g_mutex_unlock(&v->lock);
    if (on) {
        g_mutex_unlock(&cpu_on_lock);
        return -4;                          /* ALREADY_ON */
    }
    arm_cpu_sys_reset(&vm->sys[i], entry);
    vm->cpus[i]->env.xregs[0] = context;
    vcpu_set_power(v, true);
    g_mutex_unlock(&cpu_on_lock);
    return 0;
}

static int64_t psci_affinity_info(void *opaque, uint64_t mpidr)
{
    int i = find_cpu(mpidr);
    if (i < 0) {
        return -2;
    }
    VCPU *v = vm->sys[i].vcpu;
    g_mutex_lock(&v->lock);
    bool on = v->powered;
    g_mutex_unlock(&v->lock);
    return on ? 0 : 1;
}

static void psci_system_off(void *opaque)
{
    machine_shutdown(0, SHUTDOWN_CAUSE_GUEST_SHUTDOWN, true);
}

static bool load_images(GError **err);

/* ---- snapshots ---- */

static void gtimer_after_load(void *opaque)
{
    gtimer_sync(opaque);
}

/* What savevm saves, in load order: the CPUs, the interrupt controller,
 * the devices (each transport after its device), RAM. */
static void register_state(void)
{
    for (int i = 0; i < vm->ncpus; i++) {
        g_autofree char *cpu = g_strdup_printf("cpu%d", i);
        g_autofree char *timer = g_strdup_printf("cpu%d/gtimer", i);
        g_autofree char *vcpu = g_strdup_printf("cpu%d/vcpu", i);
        savevm_register(cpu, &vmstate_aarch64_cpu, &vm->cpus[i]->env);
        savevm_register(timer, &vmstate_arm_gtimer, &vm->sys[i].timer);
        savevm_register(vcpu, &vmstate_vcpu, vm->sys[i].vcpu);
        savevm_register_hooks(NULL, gtimer_after_load, &vm->sys[i].timer);
    }
    if (vm->gic) {
        savevm_register("gic", &vmstate_gicv2, vm->gic);
    } else {
        savevm_register("gic", &vmstate_gicv3, vm->gic3);
    }
    savevm_register("pl011", &vmstate_pl011, &vm->uart);
    savevm_register("pl031", &vmstate_pl031, &vm->rtc);
    savevm_register("pl061", &vmstate_pl061, &vm->gpio);
    virt_virtio_register_all();
    virt_pci_register_state();
    savevm_register_ram(&vm->ram);
}

static void boot_cpu0(void)
{
    ARMCPUSys *s = &vm->sys[0];
    arm_cpu_sys_reset(s, vm->boot_regs.pc);
    for (int r = 0; r < 4; r++) {
        vm->cpus[0]->env.xregs[r] = vm->boot_regs.x[r];
    }
}

static void system_reset(void)
{
    if (vm->opt.no_reboot) {
        machine_request_exit(0);
        return;
    }
    /* As qemu: the images are loaded again, CPU 0 starts over at the boot
     * address, the others are off; RAM elsewhere keeps its contents. */
    CPUState *self = current_cpu;
    start_exclusive(self);
    GError *err = NULL;
    if (!load_images(&err)) {
        fprintf(stderr, "mimic-system-aarch64: %s\n", err->message);
        g_error_free(err);
        end_exclusive();
        machine_request_exit(1);
        return;
    }
    for (int i = 1; i < vm->ncpus; i++) {
        vcpu_set_power(vm->sys[i].vcpu, false);
    }
    device_lock();
    if (vm->gic) {
        gicv2_reset(vm->gic);
    } else {
        gicv3_reset(vm->gic3);
    }
    pl011_reset(&vm->uart);
    pl061_reset(&vm->gpio);
    virt_pci_reset();
    virt_virtio_reset();
    device_unlock();
    boot_cpu0();
    tb_flush();
    end_exclusive();
    /* CPU 0 may have been off or in WFI when another CPU asked. */
    vcpu_set_power(vm->sys[0].vcpu, true);
}

static void psci_system_reset(void *opaque)
{
    if (vm->opt.no_reboot) {
        machine_shutdown(0, SHUTDOWN_CAUSE_GUEST_RESET, true);
        return;
    }
    qmp_event_reset(true, SHUTDOWN_CAUSE_GUEST_RESET);
    system_reset();
}

static const ARMMachineOps psci_ops = {
    .cpu_on = psci_cpu_on,
    .affinity_info = psci_affinity_info,
    .system_off = psci_system_off,
    .system_reset = psci_system_reset,
};

/* ---- the interrupt controller ---- */

static IRQLine *gic_spi(int n)
{
    return vm->gic ? gicv2_spi(vm->gic, n) : gicv3_spi(vm->gic3, n);
}

static IRQLine *gic_ppi(int cpu, int ppi)
{
    return vm->gic ? gicv2_ppi(vm->gic, cpu, 16 + ppi) : gicv3_ppi(vm->gic3, cpu, 16 + ppi);
}

/* The GICv3 CPU interface is system registers (ICC_*_EL1): rows added to
 * the CPU's table, each reaching the register of the running vCPU. */
static ARMSysReg icc_rows[GICV3_CPUIF_NREGS];

static uint64_t icc_read(CPUARMState *env, const ARMSysReg *r)
{
    device_lock();
    uint64_t v = gicv3_cpuif_read(vm->gic3, vcpu_current()->index, r->value);
    device_unlock();
    return v;
}

static void icc_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    device_lock();
    gicv3_cpuif_write(vm->gic3, vcpu_current()->index, r->value, v);
    device_unlock();
}

static void gicv3_add_cpu_interface(void)
{
    for (int i = 0; i < GICV3_CPUIF_NREGS; i++) {
        const GICv3CPUIfRegInfo *g = &gicv3_cpuif_regs[i];
        icc_rows[i] = (ARMSysReg){
            .name = g->name, .id = ARM_SR_EXTRA_BASE + i,
            .op0 = g->op0, .op1 = g->op1, .crn = g->crn, .crm = g->crm, .op2 = g->op2,
            .access = ((g->access & GICV3_R) ? PL1_R : 0) | ((g->access & GICV3_W) ? PL1_W : 0),
            .kind = SRK_FN, .value = i, .read = icc_read, .write = icc_write,
            /* Writes may change which interrupt is signalled. */
            .flags = SRF_END_TB,
        };
    }
    arm_sysreg_add_rows(icc_rows, GICV3_CPUIF_NREGS);
}

/* ---- semihosting ---- */

static bool semihost_read(void *opaque, uint64_t va, void *buf, size_t len)
{
    return softmmu_debug_rw(current_cpu, va, buf, len, false);
}

static bool semihost_write(void *opaque, uint64_t va, const void *buf, size_t len)
{
    return softmmu_debug_rw(current_cpu, va, (void *)buf, len, true);
}

static void semihost_exit(void *opaque, int status)
{
    machine_request_exit(status);
}

static void semihost_heapinfo(void *opaque, SemihostHeapInfo *info)
{
    SemihostRange image = { vm->boot.kernel_low, vm->boot.kernel_high - vm->boot.kernel_low };
    semihost_heap_from_gap(vm->boot.ram_base, vm->boot.ram_size, &image, 1, info);
}

static const SemihostOps semihost_ops = {
    .read_mem = semihost_read,
    .write_mem = semihost_write,
    .exit = semihost_exit,
    .heapinfo = semihost_heapinfo,
};

/* ---- building ---- */

static int gic_current_cpu(void *opaque)
{
    VCPU *v = vcpu_current();
    return v ? v->index : 0;
}

/* The kernel, initrd and device tree into RAM, and CPU 0's registers. */
static bool load_images(GError **err)
{
    const VirtOptions *o = &vm->opt;
    ArmBootInfo *bi = &vm->boot;
    *bi = (ArmBootInfo){ .as = &vm->as, .ram_base = region_base(VIRT_MEM),
                         .ram_size = o->ram_size };
    if (!arm_boot_load_kernel(bi, o->kernel, err)) {
        return false;
    }
    if (o->initrd && !arm_boot_load_initrd(bi, o->initrd, err)) {
        return false;
    }
    size_t size;
    void *fdt;
    if (o->dtb) {
        fdt = arm_boot_load_user_dtb(bi, o->dtb, o->append, "hvc", &size, err);
    } else {
        VirtFDTConfig cfg = {
            .n_cpus = vm->ncpus, .cpu_compatible = "arm,cortex-a57",
            .ram_size = o->ram_size, .gic_version = vm->gic_version,
            .psci_conduit = VIRT_PSCI_HVC,
            .bootargs = o->append, .has_initrd = bi->has_initrd,
            .initrd_start = bi->initrd_start, .initrd_end = bi->initrd_end,
            .devices = VIRT_DEV_UART | VIRT_DEV_RTC | VIRT_DEV_GPIO | VIRT_DEV_VIRTIO_MMIO |
                       virt_pci_fdt_devices(vm->gic_version),
        };
        fdt = virt_fdt_build(&cfg, &size, err);
    }
    if (!fdt) {
        return false;
    }
    if (o->dumpdtb) {
        exit(virt_fdt_dumpdtb(fdt, o->dumpdtb));
    }
    bool ok = arm_boot_place_dtb(bi, fdt, size, err);
    g_free(fdt);
    if (ok) {
        arm_boot_cpu_regs(bi, &vm->boot_regs);
    }
    return ok;
}

bool virt_machine_create(const VirtOptions *o, GError **err)
{
    if (o->gic_version == 2 && (o->smp < 1 || o->smp > VIRT_GICV2_MAX_CPUS)) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Number of SMP CPUs requested (%d) exceeds max CPUs supported by "
                    "machine 'mach-virt' with GICv2 (%d)", o->smp, VIRT_GICV2_MAX_CPUS);
        return false;
    }
    const ARMCPUModel *model = arm_cpu_model_find(o->cpu_model);
    if (!model) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "unable to find CPU model '%s'", o->cpu_model);
        return false;
    }
    vm = g_new0(VirtMachine, 1);
    vm->opt = *o;
    vm->ncpus = o->smp;

    memory_region_init_container(&vm->sysmem, "system", 0);
    if (!memory_region_init_ram(&vm->ram, "mach-virt.ram", o->ram_size)) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                    "cannot set up guest memory 'mach-virt.ram': Cannot allocate memory");
        return false;
    }
    map(region_base(VIRT_MEM), &vm->ram);

    if (o->smp < 1 || o->smp > GICV3_MAX_CPUS) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Number of SMP CPUs requested (%d) exceeds max CPUs supported by "
                    "machine 'mach-virt' (%d)", o->smp, GICV3_MAX_CPUS);
        return false;
    }
    vm->gic_version = o->gic_version;
    if (o->gic_version == 2) {
        vm->gic = g_new0(GICv2State, 1);
        gicv2_init(vm->gic, vm->ncpus, VIRT_NUM_IRQS, gic_current_cpu, NULL);
        map(region_base(VIRT_GIC_DIST), &vm->gic->dist_mr);
        map(region_base(VIRT_GIC_CPU), &vm->gic->cpu_mr);
    } else {
        uint64_t affinity[GICV3_MAX_CPUS];
        for (int i = 0; i < vm->ncpus; i++) {
            affinity[i] = virt_cpu_mp_affinity(i, 3);
        }
        vm->gic3 = g_new0(GICv3State, 1);
        /* qemu 7.2's GICv3 on virt reports GICD_TYPER.ITLinesNumber 7:
         * 256 interrupt IDs, which is what a guest may use. */
        gicv3_init(vm->gic3, vm->ncpus, VIRT_NUM_IRQS - 32, affinity);
        map(region_base(VIRT_GIC_DIST), &vm->gic3->dist_mr);
        map(region_base(VIRT_GIC_REDIST), &vm->gic3->redist_mr);
        gicv3_add_cpu_interface();
    }

    if (!pl011_init(&vm->uart, o->serial, gic_spi(virt_irqmap[VIRT_UART]), err)) {
        return false;
    }
    map(region_base(VIRT_UART), &vm->uart.iomem);
    pl031_init(&vm->rtc);
    vm->rtc.irq = gic_spi(virt_irqmap[VIRT_RTC]);
    map(region_base(VIRT_RTC), &vm->rtc.iomem);
    pl061_init(&vm->gpio, PL061_VIRT_PULLUPS, PL061_VIRT_PULLDOWNS);
    vm->gpio.irq = gic_spi(virt_irqmap[VIRT_GPIO]);
    map(region_base(VIRT_GPIO), &vm->gpio.iomem);
    pl061_reset(&vm->gpio);
    if (!virt_virtio_create(&vm->sysmem, &vm->as, gic_spi, err)) {
        return false;
    }
    if (!virt_pci_create(&(VirtPCIConfig){ .sysmem = &vm->sysmem, .as = &vm->as,
                                           .ram_size = o->ram_size,
                                           .gic_version = vm->gic_version,
                                           .gic_spi = gic_spi, .gic3 = vm->gic3 }, err)) {
        return false;
    }

    address_space_init(&vm->as, &vm->sysmem, "memory");
    arm_sys_set_address_space(&vm->as);
    softmmu_init(&vm->as, &arm_softmmu_target);

    if (o->semihosting) {
        char *cmdline = semihost_config_cmdline(o->semihosting);
        vm->semihost = semihost_new(&semihost_ops, vm, 8, cmdline);
        g_free(cmdline);
        a64_semihosting = o->semihosting->userspace ? 2 : 1;
    }

    if (vm->gic3) {
        /* With a GICv3 the CPU has its system-register interface:
         * ID_AA64PFR0_EL1.GIC = 1, as qemu sets it on this board. */
        ARMCPUModel *m = g_memdup2(model, sizeof(*model));
        m->id_aa64pfr0 |= 1ull << 24;
        model = m;
    }
    vm->cpus = g_new0(ARMCPU *, vm->ncpus);
    vm->sys = g_new0(ARMCPUSys, vm->ncpus);
    for (int i = 0; i < vm->ncpus; i++) {
        ARMCPU *cpu = aarch64_cpu_create(model);
        vm->cpus[i] = cpu;
        ARMCPUSys *s = &vm->sys[i];
        s->psci = true;
        s->semihost = vm->semihost;
        arm_cpu_sys_init(s, cpu, i, &psci_ops,
                         gic_ppi(i, VIRT_PPI_TIMER_NS_EL1), gic_ppi(i, VIRT_PPI_TIMER_VIRT));
        if (vm->gic) {
            gicv2_connect_cpu(vm->gic, i, &s->in[ARM_CPU_IRQ], &s->in[ARM_CPU_FIQ]);
        } else {
            gicv3_connect_cpu(vm->gic3, i, &s->in[ARM_CPU_IRQ], &s->in[ARM_CPU_FIQ]);
        }
        cpu->env.sys[ARM_SR_MPIDR_EL1] = ARM_MPIDR_RESET |
                                         virt_cpu_mp_affinity(i, vm->gic_version);
        arm_cpu_sys_reset(s, 0);
    }
    if (!load_images(err)) {
        return false;
    }
    boot_cpu0();
    machine_set_reset(system_reset);
    register_state();
    return true;
}

/* ---- the monitor ---- */

static int mon_cpu_count(void *opaque)
{
    return vm->ncpus;
}

static void mon_dump_registers(void *opaque, int cpu, FILE *f)
{
    CPUState *cs = &vm->cpus[cpu]->parent;
    cs->target->dump_state(cs, f);
}

static bool mon_read_virtual(void *opaque, int cpu, uint64_t addr, void *buf, size_t len)
{
    return softmmu_debug_rw(&vm->cpus[cpu]->parent, addr, buf, len, false);
}

static AddressSpace *mon_system_as(void *opaque)
{
    return &vm->as;
}

static const char *mon_run_state(void *opaque)
{
    return machine_is_running() ? "running" : machine_has_run() ? "paused" : "prelaunch";
}

/* Through the gdb stub: an attached gdb hears of the stop, and lets go
 * of a stopped machine on cont, as under qemu. */
static void mon_stop(void *opaque)
{
    gdb_system_pause();
}

static void mon_cont(void *opaque)
{
    gdb_system_resume();
}

static void mon_system_reset(void *opaque)
{
    if (vm->opt.no_reboot) {
        machine_shutdown(0, SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET, false);
        return;
    }
    qmp_event_reset(false, SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    machine_reset_run_state();
    vcpu_request(vm->sys[0].vcpu, VCPU_REQ_RESET);
}

/* The power button: GPIO pin 3 pressed for 100 ms, as qemu's gpio-key. */
static Timer *button_timer;

static void button_release(void *opaque)
{
    irq_lower(&vm->gpio.in[3]);
}

static void mon_system_powerdown(void *opaque)
{
    qmp_event_powerdown();
    irq_raise(&vm->gpio.in[3]);
    if (!button_timer) {
        button_timer = timer_new(TIMER_CLOCK_VIRTUAL, button_release, NULL);
    }
    timer_mod(button_timer, vm_clock_ns() + 100 * 1000000);
}

static void mon_quit(void *opaque)
{
    machine_shutdown(0, SHUTDOWN_CAUSE_HOST_QMP_QUIT, false);
}

static int64_t mon_cpu_thread_id(void *opaque, int cpu)
{
    return (int64_t)vm->sys[cpu].vcpu->tid;
}

static bool mon_savevm(void *opaque, const char *name, GError **err)
{
    return savevm_save(name, err);
}

static bool mon_loadvm(void *opaque, const char *name, GError **err)
{
    return savevm_load(name, err);
}

static bool mon_delvm(void *opaque, const char *name, GError **err)
{
    return savevm_delete(name, err);
}

static bool mon_info_snapshots(void *opaque, GString *out, GError **err)
{
    return savevm_info(out, err);
}

static const MonitorMachineOps monitor_ops = {
    .cpu_count = mon_cpu_count,
    .dump_registers = mon_dump_registers,
    .read_virtual = mon_read_virtual,
    .system_as = mon_system_as,
    .run_state = mon_run_state,
    .stop = mon_stop,
    .cont = mon_cont,
    .system_reset = mon_system_reset,
    .system_powerdown = mon_system_powerdown,
    .quit = mon_quit,
    .cpu_thread_id = mon_cpu_thread_id,
    .savevm = mon_savevm,
    .loadvm = mon_loadvm,
    .delvm = mon_delvm,
    .info_snapshots = mon_info_snapshots,
};

bool virt_machine_attach_monitor(Chardev *chr, GError **err)
{
    device_lock();
    Monitor *mon = monitor_new(chr, &monitor_ops, vm, err);
    device_unlock();
    return mon != NULL;
}

bool virt_machine_attach_qmp(Chardev *chr, bool pretty, GError **err)
{
    qmp_set_machine(&monitor_ops, vm, vm->opt.name);
    device_lock();
    QmpSession *qs = qmp_new(chr, pretty, err);
    device_unlock();
    return qs != NULL;
}

void virt_machine_start(void)
{
    for (int i = 0; i < vm->ncpus; i++) {
        vcpu_start(vm->sys[i].vcpu);
    }
    vcpu_set_power(vm->sys[0].vcpu, true);
}
