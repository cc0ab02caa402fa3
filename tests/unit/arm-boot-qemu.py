#!/usr/bin/env python3
"""
Regenerates tests/unit/data/arm-boot-qemu.txt: where qemu-system-aarch64
7.2 puts a -kernel (arm64 Image, its gzip, ELF, raw binary), the -initrd
and the DTB on the virt board, and the registers the boot CPU starts with.

For each case it builds the input files (the same way test-arm-boot.c
builds them from the case's line), then asks qemu twice:
  qemu-system-aarch64 -M virt -cpu cortex-a57 -m RAM -display none
      -serial none -nic none -S -monitor stdio -kernel K [-initrd R]
  (`info registers` for PC, X0 and PSTATE; `xp` of the boot stub qemu
  writes at the start of RAM, whose literal pool holds the DTB address and
  the kernel entry, and of the kernel's first word where it was loaded)
  and the same with -M virt,dumpdtb=F (fdtget reads /chosen's
  linux,initrd-start and -end from the tree qemu would have placed).
(-serial none because -nographic's serial and -monitor stdio cannot share
stdio.)

-dtb FILE: for each of USER_DTBS it compiles the source with dtc into
data/arm-boot-dtb-NAME.in.dtb, boots the Image of case image-80000 with
it, -initrd and -append, and keeps the blob qemu would place (dumpdtb) as
data/arm-boot-dtb-NAME.qemu.dtb; test-arm-boot compares mimic's edit of
the .in blob with it byte for byte.

Usage: arm-boot-qemu.py [OUT] (default: data/arm-boot-qemu.txt beside it)
       arm-boot-qemu.py --check   (regenerates into a temporary directory
       and fails if qemu now disagrees with the committed files: the meson
       test arm-boot-qemu, run where qemu-system-aarch64 is installed)
"""
import gzip, os, re, struct, subprocess, sys, tempfile

QEMU = os.environ.get("QEMU", "qemu-system-aarch64")
RAM_BASE = 0x40000000

# name, -m, kernel spec, initrd size (None: no -initrd)
CASES = [
    ("image-80000",      "256M", "kind=image text_offset=0x80000 image_size=0x10000", None),
    ("image-80000-rd",   "256M", "kind=image text_offset=0x80000 image_size=0x10000", 200),
    ("image-0-rd",       "256M", "kind=image text_offset=0 image_size=0x10000", 5000),
    # qemu moves text_offsets below its stub's 4 KiB up by 2 MiB
    ("image-ff8",        "256M", "kind=image text_offset=0xff8 image_size=0x10000", None),
    ("image-1000",       "256M", "kind=image text_offset=0x1000 image_size=0x10000", None),
    ("image-nosize",     "256M", "kind=image text_offset=0x1000 image_size=0", 200),
    ("image-big",        "256M", "kind=image text_offset=0x80000 image_size=0x9000000", 200),
    ("image-128M-rd",    "128M", "kind=image text_offset=0x80000 image_size=0x10000", 200),
    ("image-1G-rd",      "1G",   "kind=image text_offset=0x80000 image_size=0x10000", 4096),
    ("image-gz-rd",      "256M", "kind=image-gz text_offset=0 image_size=0x10000", 200),
    ("raw-rd",           "256M", "kind=raw", 200),
    ("raw-gz",           "256M", "kind=raw-gz", None),
    ("elf",              "256M", "kind=elf paddr=0x40100000 vaddr=0x40100000 e_entry=0x40100010", None),
    ("elf-vaddr-rd",     "256M", "kind=elf paddr=0x40200000 vaddr=0xffff000000000000 e_entry=0xffff000000000020", 200),
    ("elf-at-ram-base",  "256M", "kind=elf paddr=0x40000000 vaddr=0x40000000 e_entry=0x40000000", None),
]

# -dtb inputs: a tree with memory, chosen and a stale psci; a bare root;
# one-cell addresses with an unnamed memory node and a nested one.
USER_DTBS = [
    ("full", 200, "console=ttyAMA0",
     "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>; compatible = \"test\"; "
     "memory@40000000 { device_type = \"memory\"; reg = <0 0x40000000 0 0x1000000>; }; "
     "psci { compatible = \"arm,psci\"; method = \"smc\"; cpu_on = <0x95c1ba5e>; }; "
     "chosen { stdout-path = \"/x\"; }; };"),
    ("bare", None, None,
     "/dts-v1/; / { #address-cells = <2>; #size-cells = <2>; };"),
    ("cells1", 4096, "root=/dev/vda",
     "/dts-v1/; / { #address-cells = <1>; #size-cells = <1>; "
     "memory { reg = <0 0>; }; soc { memory@80000000 { reg = <0x80000000 0x1000>; }; }; };"),
]

FILE_SIZE = 4096        # every kernel file but the ELF's is this long


def spec_dict(spec):
    return {k: v for k, v in (f.split("=") for f in spec.split())}


def pattern(n, seed):
    return bytes((i * 7 + seed) & 0xFF for i in range(n))


def image_bytes(d):
    h = bytearray(64)
    # code0 = b +0x40 (skips the header), text_offset, image_size, flags:
    # little-endian, 4K pages (Documentation/arm64/booting.rst, "Call the
    # kernel image"); magic "ARM\x64" at 0x38.
    struct.pack_into("<IIQQQ", h, 0, 0x14000010, 0, int(d["text_offset"], 0),
                     int(d["image_size"], 0), 0x2)
    h[0x38:0x3C] = b"ARM\x64"
    return bytes(h) + pattern(FILE_SIZE - 64, 1)


def elf_bytes(d):
    # ELF64 little-endian AArch64 executable, one PT_LOAD R+X segment of
    # 0x100 file bytes at file offset 0x1000, 0x200 in memory.
    seg = pattern(0x100, 3)
    eh = struct.pack("<4sBBBBB7sHHIQQQIHHHHHH", b"\x7fELF", 2, 1, 1, 0, 0, b"\0" * 7,
                     2, 183, 1, int(d["e_entry"], 0), 64, 0, 0, 64, 56, 1, 64, 0, 0)
    ph = struct.pack("<IIQQQQQQ", 1, 5, 0x1000, int(d["vaddr"], 0), int(d["paddr"], 0),
                     0x100, 0x200, 0x1000)
    out = bytearray(0x1000)
    out[0:64] = eh
    out[64:64 + 56] = ph
    return bytes(out) + seg


def kernel_bytes(d):
    kind = d["kind"]
    if kind == "image":
        return image_bytes(d)
    if kind == "image-gz":
        return gzip.compress(image_bytes(d), mtime=0)
    if kind == "raw":
        return pattern(FILE_SIZE, 5)
    if kind == "raw-gz":
        return gzip.compress(pattern(FILE_SIZE, 5), mtime=0)
    if kind == "elf":
        return elf_bytes(d)
    raise ValueError(kind)


def monitor(args, cmds):
    p = subprocess.run(args, input="".join(c + "\n" for c in cmds) + "quit\n",
                       capture_output=True, text=True, timeout=60)
    # the monitor echoes with cursor moves; keep only its answers
    return re.sub(r"\x1b\[[0-9]*[A-Za-z]", "", p.stdout)


def run_case(tmp, name, ram, spec, initrd):
    d = spec_dict(spec)
    kpath = os.path.join(tmp, name + ".kernel")
    with open(kpath, "wb") as f:
        f.write(kernel_bytes(d))
    base = [QEMU, "-cpu", "cortex-a57", "-m", ram, "-display", "none",
            "-serial", "none", "-nic", "none", "-kernel", kpath]
    if initrd is not None:
        rpath = os.path.join(tmp, name + ".initrd")
        with open(rpath, "wb") as f:
            f.write(pattern(initrd, 9))
        base += ["-initrd", rpath]
    out = monitor(base + ["-M", "virt", "-S", "-monitor", "stdio"],
                  ["info registers", "xp /4xw 0x40000018", "xp /1xw 0x40000000"])
    regs = dict(re.findall(r"\b(PC|X00|PSTATE)=([0-9a-f]+)", out))
    words = re.findall(r"^([0-9a-f]{16}): ((?:0x[0-9a-f]+ ?)+)", out, re.M)
    res = {"q_pc": int(regs["PC"], 16), "q_x0": int(regs["X00"], 16),
           "q_pstate": int(regs["PSTATE"], 16)}
    w = [int(x, 16) for x in words[0][1].split()]
    first = int(words[1][1].split()[0], 16)
    if res["q_pc"] == RAM_BASE and first == 0x580000C0:   # qemu's boot stub
        res["q_dtb"] = w[0] | w[1] << 32
        res["q_entry"] = w[2] | w[3] << 32
    else:
        res["q_entry"] = res["q_pc"]
        # bare metal: is there a DTB (magic d00dfeed, big-endian) at RAM base?
        res["q_dtb"] = RAM_BASE if first == 0xEDFE0DD0 else 0
    dtb = os.path.join(tmp, name + ".dtb")
    subprocess.run(base + ["-M", "virt,dumpdtb=" + dtb], capture_output=True, timeout=60)
    for prop in ("linux,initrd-start", "linux,initrd-end"):
        r = subprocess.run(["fdtget", "-t", "x", dtb, "/chosen", prop],
                           capture_output=True, text=True)
        v = r.stdout.split()
        key = "q_" + prop.split(",")[1].replace("-", "_")
        # 64-bit cells come back as two 32-bit words
        res[key] = (int(v[0], 16) << 32 | int(v[1], 16)) if len(v) == 2 else \
                   (int(v[0], 16) if v else 0)
    return res


def user_dtb_case(tmp, datadir, name, initrd, append, dts):
    src = os.path.join(tmp, name + ".dts")
    with open(src, "w") as f:
        f.write(dts + "\n")
    inp = os.path.join(datadir, "arm-boot-dtb-%s.in.dtb" % name)
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", inp, src], check=True)
    kpath = os.path.join(tmp, name + ".dtbkernel")
    with open(kpath, "wb") as f:
        f.write(image_bytes(spec_dict(CASES[0][2])))
    out = os.path.join(datadir, "arm-boot-dtb-%s.qemu.dtb" % name)
    args = [QEMU, "-M", "virt,dumpdtb=" + out, "-cpu", "cortex-a57", "-m", "256M",
            "-display", "none", "-serial", "none", "-nic", "none", "-kernel", kpath,
            "-dtb", inp]
    if initrd is not None:
        rpath = os.path.join(tmp, name + ".dtbinitrd")
        with open(rpath, "wb") as f:
            f.write(pattern(initrd, 9))
        args += ["-initrd", rpath]
    if append is not None:
        args += ["-append", append]
    subprocess.run(args, capture_output=True, timeout=60, check=True)
    return "dtb=%s ram=256M initrd=%s append=%s" % (
        name, "-" if initrd is None else initrd, "-" if append is None else append)


DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def check():
    """Regenerates into a temporary directory; compares all but comments."""
    with tempfile.TemporaryDirectory() as tmp:
        generate(os.path.join(tmp, "arm-boot-qemu.txt"))
        bad = 0
        for name in sorted(os.listdir(tmp)):
            with open(os.path.join(tmp, name), "rb") as f:
                new = f.read()
            with open(os.path.join(DATA, name), "rb") as f:
                old = f.read()
            if name.endswith(".txt"):
                new, old = ([l for l in x.splitlines() if not l.startswith(b"#")]
                            for x in (new, old))
            if new != old:
                print("differs from qemu now:", name)
                bad += 1
        return 1 if bad else 0


def main():
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    generate(sys.argv[1] if len(sys.argv) > 1 else os.path.join(DATA, "arm-boot-qemu.txt"))


def generate(out):
    ver = subprocess.run([QEMU, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    lines = ["# Generated by tests/unit/arm-boot-qemu.py from " + ver + ".",
             "# name ram kernel-spec... initrd=N|- then what qemu showed (q_*).",
             "# q_dtb 0 = no DTB found at RAM base (bare metal)."]
    with tempfile.TemporaryDirectory() as tmp:
        for name, ram, spec, initrd in CASES:
            r = run_case(tmp, name, ram, spec, initrd)
            lines.append("case=%s ram=%s %s initrd=%s %s" % (
                name, ram, spec, "-" if initrd is None else initrd,
                " ".join("%s=0x%x" % kv for kv in sorted(r.items()))))
            print(lines[-1], file=sys.stderr)
        datadir = os.path.dirname(os.path.abspath(out))
        lines.append("# -dtb cases: data/arm-boot-dtb-NAME.{in,qemu}.dtb, kernel of image-80000.")
        for name, initrd, append, dts in USER_DTBS:
            lines.append(user_dtb_case(tmp, datadir, name, initrd, append, dts))
            print(lines[-1], file=sys.stderr)
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
