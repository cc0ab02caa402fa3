#!/usr/bin/env python3
"""One block-layer test case: run-block-test.py CASE MIMIC_IMG BLOCK_FUZZ.

The oracle is Debian's qemu-img / qemu-io 7.2: images mimic wrote must pass
`qemu-img check` and `qemu-img compare` against a raw reference that got
the same writes; images qemu wrote must read the same under mimic; mimic-img
info/check must print what qemu-img prints (only the disk usage differs).
"""
import hashlib
import json
import os
import random
import re
import signal
import struct
import subprocess
import sys
import tempfile
import time

CASE, MIMIC_IMG, FUZZ = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
failures = []


def run(*args, check=True, **kw):
    p = subprocess.run([str(a) for a in args], capture_output=True, text=True, errors="replace", **kw)
    if check and p.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(map(str, args))} exited {p.returncode}\n{p.stdout}{p.stderr}")
    return p


def expect(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL:", msg)


def qemu_img(*args, **kw):
    return run("qemu-img", *args, **kw)


def raw_copy(image, ref):
    """The reference: the image's contents as qemu reads them."""
    qemu_img("convert", "-O", "raw", image, ref)


def check_clean(image, what):
    p = qemu_img("check", image, check=False)
    expect(p.returncode == 0, f"{what}: qemu-img check exit {p.returncode}:\n{p.stdout}{p.stderr}")


def fuzz_and_verify(image, seed, nops, maxlen=1 << 20, what=None):
    what = what or f"{os.path.basename(image)} seed {seed}"
    ref = image + ".ref"
    raw_copy(image, ref)
    p = run(FUZZ, "fuzz", image, ref, seed, nops, maxlen, check=False)
    expect(p.returncode == 0, f"{what}: block-fuzz failed: {p.stderr}")
    c = qemu_img("compare", image, ref, check=False)
    expect(c.returncode == 0, f"{what}: qemu-img compare: {c.stdout}{c.stderr}")
    check_clean(image, what)


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def case_fuzz_mimic_created(d):
    for opts, size in [("", "64M"), ("compat=0.10", "20M"), ("cluster_size=4k,refcount_bits=4", "8M"),
                       ("lazy_refcounts=on", "16M"), ("preallocation=metadata", "8M")]:
        img = f"{d}/m.qcow2"
        run(MIMIC_IMG, "create", "-f", "qcow2", *(["-o", opts] if opts else []), img, size)
        check_clean(img, f"fresh image -o {opts}")
        fuzz_and_verify(img, 1, 300, what=f"mimic-img create -o {opts!r}")


def case_fuzz_qemu_options(d):
    variants = [
        ("cluster_size=512", "4M", 400, 64 << 10),
        ("cluster_size=4k", "16M", 300, 1 << 20),
        ("cluster_size=64k", "64M", 300, 1 << 20),
        ("cluster_size=2M", "64M", 60, 4 << 20),
        ("refcount_bits=1", "16M", 200, 1 << 20),
        ("refcount_bits=16", "16M", 200, 1 << 20),
        ("refcount_bits=64", "16M", 200, 1 << 20),
        ("lazy_refcounts=on", "16M", 200, 1 << 20),
        ("compat=0.10", "16M", 200, 1 << 20),
        ("compression_type=zstd", "16M", 100, 1 << 20),
    ]
    for i, (opts, size, nops, maxlen) in enumerate(variants):
        img = f"{d}/q{i}.qcow2"
        qemu_img("create", "-f", "qcow2", "-o", opts, img, size)
        # Some data written by qemu first, so mimic overwrites and COWs it.
        run("qemu-io", "-c", "write -P 0x5a 0 300k", "-c", f"write -P 0x33 1M 100k", img)
        fuzz_and_verify(img, 100 + i, nops, maxlen, what=f"qemu-img create -o {opts}")


def case_fuzz_refcount_growth(d):
    # 512-byte clusters with 64-bit refcounts: a refcount block covers 64
    # clusters and one table cluster 32 KiB of file, so the table must grow.
    img = f"{d}/g.qcow2"
    qemu_img("create", "-f", "qcow2", "-o", "cluster_size=512,refcount_bits=64", img, "8M")
    ref = img + ".ref"
    raw_copy(img, ref)
    before = struct.unpack(">I", open(img, "rb").read()[56:60])[0]
    run(FUZZ, "fuzz", img, ref, 7, 400, 64 << 10)
    after = struct.unpack(">I", open(img, "rb").read()[56:60])[0]
    expect(after > before, f"refcount table did not grow ({before} -> {after} clusters)")
    expect(qemu_img("compare", img, ref, check=False).returncode == 0, "growth: compare")
    check_clean(img, "refcount table growth")
    # Again through mimic-img create and refcount_bits=1 (refcount max 1).
    run(MIMIC_IMG, "create", "-q", "-f", "qcow2", "-o", "cluster_size=512,refcount_bits=1", img, "2M")
    fuzz_and_verify(img, 8, 300, 32 << 10, what="refcount_bits=1, 512-byte clusters")


def make_random_raw(path, size, seed):
    rng = random.Random(seed)
    with open(path, "wb") as f:
        f.truncate(size)
        for _ in range(40):
            off = rng.randrange(0, size - 70000)
            f.seek(off)
            # Compressible and incompressible stretches.
            if rng.random() < 0.5:
                f.write(bytes([rng.randrange(256)]) * rng.randrange(1, 70000))
            else:
                f.write(rng.randbytes(rng.randrange(1, 70000)))


def case_compressed(d):
    raw = f"{d}/src.raw"
    make_random_raw(raw, 8 << 20, 3)
    for ctype in ["zlib", "zstd"]:
        for cs in ["4k", "64k"]:
            img = f"{d}/c-{ctype}-{cs}.qcow2"
            qemu_img("convert", "-c", "-O", "qcow2", "-o", f"compression_type={ctype},cluster_size={cs}", raw, img)
            p = run(FUZZ, "compare", img, raw, check=False)
            expect(p.returncode == 0, f"mimic reads qemu's {ctype} {cs} compressed image: {p.stderr}")
            fuzz_and_verify(img, 11, 200, what=f"writes over {ctype} compressed clusters")
        # mimic-img convert -c, read back by qemu.
        img = f"{d}/mc-{ctype}.qcow2"
        run(MIMIC_IMG, "convert", "-c", "-O", "qcow2", "-o", f"compression_type={ctype}", raw, img)
        expect(qemu_img("compare", img, raw, check=False).returncode == 0, f"mimic-img convert -c ({ctype}): compare")
        check_clean(img, f"mimic-img convert -c ({ctype})")
        info = json.loads(qemu_img("check", "--output=json", img).stdout)
        expect(info.get("compressed-clusters", 0) > 0, f"mimic-img convert -c ({ctype}) compressed nothing")


def case_backing_chain(d):
    base, mid, top = f"{d}/base.qcow2", f"{d}/mid.qcow2", f"{d}/top.qcow2"
    qemu_img("create", "-f", "qcow2", base, "16M")
    run("qemu-io", "-c", "write -P 1 0 4M", "-c", "write -P 2 8M 3M", base)
    qemu_img("create", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2", mid)
    run("qemu-io", "-c", "write -P 3 1M 2M", "-c", "write -z 9M 100k", mid)
    qemu_img("create", "-f", "qcow2", "-b", "mid.qcow2", "-F", "qcow2", "-o", "cluster_size=4k", top)
    run("qemu-io", "-c", "write -P 4 3M 200k", top)
    base_sha, mid_sha = sha(base), sha(mid)
    fuzz_and_verify(top, 21, 300, what="top of a 3-image qemu chain")
    expect(sha(base) == base_sha and sha(mid) == mid_sha, "backing files changed")
    # A v2 overlay (discard must not expose backing data) and a raw base.
    rawbase = f"{d}/base.raw"
    make_random_raw(rawbase, 4 << 20, 5)
    v2 = f"{d}/v2.qcow2"
    run(MIMIC_IMG, "create", "-q", "-f", "qcow2", "-o", "compat=0.10", "-b", "base.raw", "-F", "raw", v2)
    fuzz_and_verify(v2, 22, 200, what="v2 overlay on raw")
    check = qemu_img("info", "--output=json", v2).stdout
    expect(json.loads(check).get("backing-filename-format") == "raw", "backing format not recorded")


def case_snapshots(d):
    """Writes over clusters shared with qemu's internal snapshots must copy
    them (refcount 2): the snapshot keeps its data, check stays clean."""
    os.chdir(d)
    for opts in ["", "cluster_size=4k,refcount_bits=8"]:
        img = "s.qcow2"
        qemu_img("create", "-f", "qcow2", *(["-o", opts] if opts else []), img, "16M")
        run("qemu-io", "-c", "write -P 1 0 3M", "-c", "write -P 2 6M 1M", img)
        qemu_img("snapshot", "-c", "first", img)
        run("qemu-io", "-c", "write -P 3 1M 3M", img)
        qemu_img("snapshot", "-c", "second-with-a-long-name", img)
        snaps = {}
        for name in ["first", "second-with-a-long-name"]:
            qemu_img("convert", "-O", "raw", "-l", f"snapshot.name={name}", img, f"{name}.raw")
            snaps[name] = sha(f"{name}.raw")
        fuzz_and_verify(img, 41, 300, what=f"writes over snapshot-shared clusters (-o {opts!r})")
        for name, digest in snaps.items():
            qemu_img("convert", "-O", "raw", "-l", f"snapshot.name={name}", img, f"{name}.raw")
            expect(sha(f"{name}.raw") == digest, f"snapshot {name} changed under mimic's writes")
        m, q = run(MIMIC_IMG, "snapshot", "-l", img), qemu_img("snapshot", "-l", img)
        expect(m.stdout == q.stdout, f"snapshot -l:\n{m.stdout}\nvs\n{q.stdout}")
        m, q = run(MIMIC_IMG, "info", img), qemu_img("info", img)
        expect(normalise_info(m.stdout) == normalise_info(q.stdout), f"info with snapshots:\n{m.stdout}\nvs\n{q.stdout}")
        m, q = run(MIMIC_IMG, "check", img, check=False), qemu_img("check", img, check=False)
        expect((m.stdout, m.returncode) == (q.stdout, q.returncode), f"check with snapshots:\n{m.stdout}\nvs\n{q.stdout}")
        # A snapshot made by mimic-img: qemu reads, lists and applies it,
        # and mimic's later writes leave it alone.
        raw_copy(img, "mine-before.raw")
        run(MIMIC_IMG, "snapshot", "-c", "mine", img)
        check_clean(img, "after mimic-img snapshot -c")
        p = run(MIMIC_IMG, "snapshot", "-c", "mine", img, check=False)
        expect(p.returncode == 1, "a second snapshot of the same name was made")
        fuzz_and_verify(img, 42, 200, what="writes after mimic-img snapshot -c")
        qemu_img("convert", "-O", "raw", "-l", "snapshot.name=mine", img, "mine.raw")
        expect(sha("mine.raw") == sha("mine-before.raw"), "mimic's snapshot changed under later writes")
        m, q = run(MIMIC_IMG, "snapshot", "-l", img), qemu_img("snapshot", "-l", img)
        expect(m.stdout == q.stdout, f"snapshot -l after -c:\n{m.stdout}\nvs\n{q.stdout}")
        qemu_img("snapshot", "-a", "mine", img)
        expect(qemu_img("compare", img, "mine-before.raw", check=False).returncode == 0, "qemu-img snapshot -a of mimic's snapshot")
        check_clean(img, "after qemu-img snapshot -a of mimic's snapshot")


def snapshot_ids(img):
    """{name: id} from qemu-img snapshot -l (names are unique here)."""
    lines = qemu_img("snapshot", "-l", img).stdout.splitlines()[2:]
    return {l.split()[1]: l.split()[0] for l in lines}


def virtual_size(img):
    return json.loads(qemu_img("info", "--output=json", img).stdout)["virtual-size"]


def random_snapshot_plan(rng, nops, can_resize):
    """Steps for snapshot_sequence: ("write",), ("resize",), ("-c", tool),
    ("-a" or "-d", tool, None: a random live snapshot), mostly mimic-img."""
    plan = []
    for _ in range(nops):
        k, tool = rng.random(), "mimic-img" if rng.random() < 0.75 else "qemu-img"
        if k < 0.4:
            plan.append(("write",))
        elif k < 0.47 and can_resize:
            plan.append(("resize",))
        elif k < 0.7:
            plan.append(("-c", tool))
        else:
            plan.append(("-a" if k < 0.85 else "-d", tool, None))
    return plan


def snapshot_sequence(d, opts, seed, plan):
    """The same steps on two images: seeded qemu-io writes, qemu-img
    resizes, and snapshot creates, applies and deletes, done on a.qcow2 by
    the tool the step names (mimic-img, or qemu-img so that each applies
    and deletes what the other made) and on b.qcow2 always by qemu-img.
    After every apply and delete, a must read as b and pass qemu-img
    check; at the end every snapshot must read the same in both, and
    mimic-img's snapshot -l, info and check print what qemu-img's print.
    Returns the (tool, action, maker) triples that happened."""
    a, b = f"{d}/a.qcow2", f"{d}/b.qcow2"
    for img in (a, b):
        qemu_img("create", "-q", "-f", "qcow2", *(["-o", opts] if opts else []), img, "8M")
    rng = random.Random(seed)
    live, counter, what = [], 0, f"-o {opts!r} seed {seed}"
    maker, done, size = {}, set(), 8 << 20
    for step, (action, *rest) in enumerate(plan):
        tool = rest[0] if rest else None
        if action == "write":
            cmds = []
            for _ in range(rng.randint(1, 4)):
                ln = rng.randrange(1, 1024) * 512
                off = rng.randrange(0, (size - ln) // 512) * 512
                kind = rng.random()
                cmds += ["-c", f"write -P {rng.randrange(256)} {off} {ln}" if kind < 0.8 else
                         f"write -z {off} {ln}" if kind < 0.9 else f"discard {off} {ln}"]
            run("qemu-io", *cmds, a)
            run("qemu-io", *cmds, b)
            continue
        if action == "resize":
            qemu_img("resize", "-q", a, "+1M")
            qemu_img("resize", "-q", b, "+1M")
            size += 1 << 20
            continue
        if action == "-c":
            name = f"s{counter}"
            counter += 1
            run(MIMIC_IMG if tool == "mimic-img" else tool, "snapshot", "-c", name, a)
            qemu_img("snapshot", "-c", name, b)
            live.append(name)
            maker[name] = tool
            continue
        if not live:
            continue
        name = rest[1] if rest[1] in live else rng.choice(live)
        done.add((tool, action, maker[name]))
        key = name
        if action == "-a" and rng.random() < 0.3:
            key = snapshot_ids(b)[name]     # apply looks up ids first, as qemu-img does
        run(MIMIC_IMG if tool == "mimic-img" else tool, "snapshot", action, key, a)
        qemu_img("snapshot", action, key, b)
        if action == "-d":
            live.remove(name)
        op = f"{tool} snapshot {action} {key} at step {step} ({what})"
        size = virtual_size(b)
        expect(virtual_size(a) == size, f"{op}: virtual size {virtual_size(a)} vs {size}")
        c = qemu_img("compare", a, b, check=False)
        expect(c.returncode == 0, f"{op}: qemu-img compare: {c.stdout}{c.stderr}")
        check_clean(a, op)
    for name in live:
        qemu_img("convert", "-O", "raw", "-l", f"snapshot.name={name}", a, f"{d}/sa.raw")
        qemu_img("convert", "-O", "raw", "-l", f"snapshot.name={name}", b, f"{d}/sb.raw")
        expect(sha(f"{d}/sa.raw") == sha(f"{d}/sb.raw"), f"snapshot {name} differs at the end ({what})")
    expect(snapshot_ids(a) == snapshot_ids(b), f"snapshot ids/names ({what}): {snapshot_ids(a)} vs {snapshot_ids(b)}")
    for cmd, norm in [("snapshot", lambda t: t), ("info", normalise_info), ("check", lambda t: t)]:
        args = [cmd, "-l", a] if cmd == "snapshot" else [cmd, a]
        m, q = run(MIMIC_IMG, *args, check=False), qemu_img(*args, check=False)
        expect((norm(m.stdout), m.returncode) == (norm(q.stdout), q.returncode),
               f"mimic-img {cmd} ({what}):\n{m.stdout}\nvs qemu-img:\n{q.stdout}")
    return done


def case_snapshot_apply_delete(d):
    W, M, Q = ("write",), "mimic-img", "qemu-img"
    # Each tool applies and deletes what the other made, across a resize.
    plan = [W, ("-c", Q), W, ("-c", M), W, ("-a", M, "s0"), W, ("-c", Q), W, ("-a", Q, "s1"),
            W, ("-a", M, "s1"), ("resize",), W, ("-c", M), W, ("-d", Q, "s3"), ("-d", M, "s2"),
            W, ("-a", M, "s0"), ("-d", M, "s1"), W]
    done = snapshot_sequence(d, "", 1, plan)
    for want in [(M, "-a", Q), (M, "-d", Q), (Q, "-a", M), (Q, "-d", M), (M, "-a", M), (M, "-d", M)]:
        expect(want in done, f"the sequence never had {want[0]} {want[1]} a snapshot {want[2]} made: {done}")
    # Errors, with qemu-img's messages (after the program name) and codes.
    img = f"{d}/e.qcow2"
    qemu_img("create", "-q", "-f", "qcow2", img, "1M")
    qemu_img("snapshot", "-c", "one", img)
    qemu_img("create", "-q", "-f", "raw", f"{d}/e.raw", "1M")
    for args in [["-a", "nope", img], ["-d", "nope", img], ["-q", "-d", "nope", img], ["-d", "1", img],
                 ["-a", "one", "-d", "one", img], ["-U", "-a", "one", img], ["-U", "-d", "one", img],
                 ["-a", "x", f"{d}/e.raw"], ["-d", "x", f"{d}/e.raw"], [img], ["-l", img, "x"], ["-a", img]]:
        m, q = run(MIMIC_IMG, "snapshot", *args, check=False), qemu_img("snapshot", *args, check=False)
        # The last line (qemu-img warns first about probing raw), less the program name.
        ml, ql = m.stderr.replace("mimic-img", "qemu-img").splitlines()[-1:], q.stderr.splitlines()[-1:]
        ml, ql = [l.split(": ", 1)[-1] for l in ml], [l.split(": ", 1)[-1] for l in ql]
        expect((m.returncode, ml) == (q.returncode, ql),
               f"snapshot {' '.join(args)}: mimic {m.returncode} {m.stderr!r}, qemu {q.returncode} {q.stderr!r}")
    # Someone else holds the image: refused, as qemu-img refuses.
    h = subprocess.Popen(["qemu-io", "-c", "sleep 10000", img], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.5)
    for args in [["-a", "one", img], ["-d", "one", img]]:
        m = run(MIMIC_IMG, "snapshot", *args, check=False)
        expect(m.returncode == 1 and "lock" in m.stderr, f"snapshot {args[0]} beside a qemu writer: {m.stderr!r}")
    h.kill()
    h.wait()
    check_clean(img, "after refused snapshot operations")
    expect(snapshot_ids(img) == {"one": "1"}, "a refused operation changed the snapshot table")


def case_snapshot_apply_delete_long(d):
    for i, opts in enumerate(["", "cluster_size=4k,refcount_bits=8", "cluster_size=512", "compat=0.10",
                              "lazy_refcounts=on", "cluster_size=2M", "refcount_bits=64"]):
        plan = random_snapshot_plan(random.Random(i), 80, "compat=0.10" not in opts)
        snapshot_sequence(d, opts, 100 + i, plan)


def case_snapshot_mutants(d, count=300):
    """Random bytes changed in the snapshot table, the snapshots' L1 tables
    and the L2 tables they reach: mimic-img snapshot -a/-d/-c answers (exit
    0 or 1), never crashes or hangs (the asan variant catches any invalid
    access)."""
    os.chdir(d)
    qemu_img("create", "-q", "-f", "qcow2", "-o", "cluster_size=4k", "b.qcow2", "2M")
    run("qemu-io", "-c", "write -P 1 0 1M", "b.qcow2")
    qemu_img("snapshot", "-c", "one", "b.qcow2")
    run("qemu-io", "-c", "write -P 2 512k 1M", "-c", "write -c -P 3 1792k 64k", "b.qcow2")
    qemu_img("snapshot", "-c", "two", "b.qcow2")
    run("qemu-io", "-c", "write -P 4 0 64k", "b.qcow2")
    data = open("b.qcow2", "rb").read()
    nb, off = struct.unpack(">IQ", data[60:72])
    targets = [(off, 160)]
    for _ in range(nb):
        l1off, l1size, idl, nl = struct.unpack(">QIHH", data[off:off + 16])
        extra = struct.unpack(">I", data[off + 36:off + 40])[0]
        targets.append((l1off, l1size * 8))
        for j in range(l1size):
            l2 = struct.unpack(">Q", data[l1off + 8 * j:l1off + 8 * j + 8])[0] & 0x00fffffffffffe00
            if l2:
                targets.append((l2, 4096))
        off += (40 + extra + idl + nl + 7) // 8 * 8
    rng = random.Random(int(os.environ.get("MIMIC_FUZZ_SEED", "1")))
    for t in range(count):
        m = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            start, ln = rng.choice(targets)
            p = start + rng.randrange(ln)
            m[p] = m[p] ^ (1 << rng.randrange(8)) if rng.random() < 0.5 else rng.randrange(256)
        open("m.qcow2", "wb").write(m)
        act = rng.choice([["-a", "one"], ["-a", "two"], ["-d", "one"], ["-d", "two"], ["-a", "1"], ["-c", "new"]])
        try:
            p = run(MIMIC_IMG, "snapshot", *act, "m.qcow2", check=False, timeout=60)
        except subprocess.TimeoutExpired:
            expect(False, f"mutant {t}: snapshot {' '.join(act)} hung")
            continue
        expect(p.returncode in (0, 1), f"mutant {t}: snapshot {' '.join(act)} exited {p.returncode}: {p.stderr[-2000:]}")


def case_snapshot_sigkill(d):
    """mimic-img snapshot -a/-d killed at random moments: the image reads
    as before or as after (the header switch is one write) and qemu-img
    check finds leaks at worst.  Delete's last pass (bit 63 where the
    refcount fell to one) may be cut short: those errors, and only those,
    are allowed, and qemu-img check -r all must repair them."""
    os.chdir(d)
    base = "base.qcow2"
    qemu_img("create", "-q", "-f", "qcow2", "-o", "cluster_size=512,refcount_bits=16", base, "8M")
    run("qemu-io", "-c", "write -P 1 0 6M", base)
    qemu_img("snapshot", "-c", "old", base)
    run("qemu-io", "-c", "write -P 2 1M 6M", "-c", "write -z 7M 512k", base)
    qemu_img("convert", "-O", "raw", base, "cur.raw")
    qemu_img("convert", "-O", "raw", "-l", "snapshot.name=old", base, "old.raw")
    rng = random.Random(9)
    outcomes = {"-a": [], "-d": []}
    for action in ["-a", "-d"]:
        open("k.qcow2", "wb").write(open(base, "rb").read())
        t0 = time.time()
        run(MIMIC_IMG, "snapshot", action, "old", "k.qcow2")
        full = time.time() - t0
        for trial in range(15):
            open("k.qcow2", "wb").write(open(base, "rb").read())
            p = subprocess.Popen([MIMIC_IMG, "snapshot", action, "old", "k.qcow2"], stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, full))
            p.send_signal(signal.SIGKILL)
            p.wait()
            what = f"snapshot {action} killed after {trial}"
            q = qemu_img("check", "k.qcow2", check=False)
            errors = [l for l in q.stderr.splitlines() if l.startswith("ERROR")]
            copied_only = errors and all("OFLAG_COPIED" in l for l in errors)
            outcomes[action].append(q.returncode)
            expect(q.returncode in (0, 3) or (action == "-d" and q.returncode == 2 and copied_only),
                   f"{what}: qemu-img check {q.returncode}\n{q.stdout}{q.stderr[:2000]}")
            if q.returncode == 2 and copied_only:
                qemu_img("check", "-q", "-r", "all", "k.qcow2", check=False)
                check_clean("k.qcow2", f"{what}, after check -r all")
            same = [qemu_img("compare", "k.qcow2", ref, check=False).returncode == 0 for ref in ("cur.raw", "old.raw")]
            expect(same[0] or (action == "-a" and same[1]), f"{what}: reads as neither before nor after")
            if action == "-a" or "old" in snapshot_ids("k.qcow2"):
                qemu_img("convert", "-O", "raw", "-l", "snapshot.name=old", "k.qcow2", "k-old.raw")
                expect(sha("k-old.raw") == sha("old.raw"), f"{what}: the snapshot changed")
    # A test that never cut an operation short would prove nothing.
    print("qemu-img check exit codes after the kills:", outcomes)
    for action, codes in outcomes.items():
        expect(any(c != 0 for c in codes), f"no kill of snapshot {action} landed mid-operation: {codes}")


def make_chain(d, tag):
    base, mid, top = f"{tag}-base.qcow2", f"{tag}-mid.qcow2", f"{tag}-top.qcow2"
    qemu_img("create", "-f", "qcow2", base, "8M")
    run("qemu-io", "-c", "write -P 1 0 3M", "-c", "write -P 2 5M 1M", base)
    qemu_img("create", "-f", "qcow2", "-b", base, "-F", "qcow2", mid)
    run("qemu-io", "-c", "write -P 3 1M 2M", "-c", "write -z 5M 64k", mid)
    qemu_img("create", "-f", "qcow2", "-b", mid, "-F", "qcow2", "-o", "cluster_size=4k", top)
    run("qemu-io", "-c", "write -P 4 2M 100k", "-c", "write -P 5 7M 9k", top)
    return base, mid, top


def case_commit_rebase(d):
    """mimic-img commit and rebase next to qemu-img's on copies of one chain:
    the guest-visible contents must come out the same, the images clean."""
    os.chdir(d)
    for tool, name in [(MIMIC_IMG, "m"), ("qemu-img", "q")]:
        base, mid, top = make_chain(d, name + "c")
        raw_copy(top, f"{name}-before.raw")
        p = run(tool, "commit", top)
        expect(p.stdout == "Image committed.\n", f"{name} commit said {p.stdout!r}")
        expect(qemu_img("compare", top, f"{name}-before.raw", check=False).returncode == 0, f"{name}: commit changed the top's contents")
        for img in (base, mid, top):
            check_clean(img, f"{name} commit: {img}")
        expect(json.loads(qemu_img("check", "--output=json", top).stdout).get("allocated-clusters", 0) == 0,
               f"{name}: commit left clusters in the top image")
    expect(qemu_img("compare", "mc-mid.qcow2", "qc-mid.qcow2", check=False).returncode == 0,
           "commit: mimic's and qemu's committed images differ")
    for args in [["-b", "{base}", "-F", "qcow2"], ["-b", ""], ["-u", "-b", "{base}", "-F", "qcow2"]]:
        for tool, name in [(MIMIC_IMG, "m"), ("qemu-img", "q")]:
            base, mid, top = make_chain(d, name + "r")
            raw_copy(top, f"{name}-before.raw")
            run(tool, "rebase", *[a.format(base=base) for a in args], top)
            info = json.loads(qemu_img("info", "--output=json", top).stdout)
            expect(info.get("backing-filename") == (base if args[-2:] != ["-b", ""] else None),
                   f"{name} rebase {args}: backing {info.get('backing-filename')}")
            check_clean(top, f"{name} rebase {args}")
            raw_copy(top, f"{name}-after.raw")
        if "-u" not in args:
            expect(qemu_img("compare", "m-after.raw", "m-before.raw", check=False).returncode == 0,
                   f"mimic-img rebase {args} changed the contents")
        expect(sha("m-after.raw") == sha("q-after.raw"), f"rebase {args}: mimic and qemu disagree")


def case_resize(d):
    """mimic-img resize next to qemu-img resize: same size, same contents,
    clean images, and the grown disk usable (a bigger L1 table with
    512-byte clusters)."""
    os.chdir(d)
    for opts, delta in [("cluster_size=512", "+100M"), ("", "+1G"), ("compat=0.10", "20M")]:
        for tool, name in [(MIMIC_IMG, "m"), ("qemu-img", "q")]:
            img = f"{name}.qcow2"
            qemu_img("create", "-f", "qcow2", *(["-o", opts] if opts else []), img, "10M")
            run("qemu-io", "-c", "write -P 6 1M 3M", "-c", "write -P 7 9M 1M", img)
            p = run(tool, "resize", img, delta)
            expect(p.stdout == "Image resized.\n", f"{name} resize said {p.stdout!r}")
            check_clean(img, f"{name} resize -o {opts!r} {delta}")
        expect(json.loads(qemu_img("info", "--output=json", "m.qcow2").stdout)["virtual-size"] ==
               json.loads(qemu_img("info", "--output=json", "q.qcow2").stdout)["virtual-size"], f"resize {delta}: sizes differ")
        expect(qemu_img("compare", "m.qcow2", "q.qcow2", check=False).returncode == 0, f"resize {opts!r} {delta}: contents differ")
        fuzz_and_verify("m.qcow2", 51, 100, what=f"writes after resize {opts!r} {delta}")
    open("r.raw", "wb").truncate(10 << 20)
    run(MIMIC_IMG, "resize", "-f", "raw", "r.raw", "+5M")
    expect(os.path.getsize("r.raw") == 15 << 20, "raw resize")
    p = run(MIMIC_IMG, "resize", "-f", "raw", "r.raw", "-5M", check=False)
    expect(p.returncode == 1 and "--shrink" in p.stderr, f"shrink without --shrink: {p.stderr!r}")
    run(MIMIC_IMG, "resize", "--shrink", "-f", "raw", "r.raw", "-5M")
    expect(os.path.getsize("r.raw") == 10 << 20, "raw shrink")


def case_qemu_writes_mimic_reads(d):
    for opts in ["", "cluster_size=512", "refcount_bits=1", "compat=0.10", "cluster_size=2M"]:
        img = f"{d}/r.qcow2"
        run(MIMIC_IMG, "create", "-q", "-f", "qcow2", *(["-o", opts] if opts else []), img, "32M")
        rng = random.Random(opts)
        cmds = []
        for _ in range(40):
            off = rng.randrange(0, 32 << 20, 512)
            ln = min(rng.randrange(512, 300000, 512), (32 << 20) - off)
            op = rng.random()
            cmds += ["-c", f"write -P {rng.randrange(256)} {off} {ln}" if op < 0.7 else
                     f"write -z {off} {ln}" if op < 0.85 else f"discard {off} {ln}"]
        run("qemu-io", *cmds, img)
        ref = f"{d}/r.raw"
        raw_copy(img, ref)
        p = run(FUZZ, "compare", img, ref, check=False)
        expect(p.returncode == 0, f"mimic reads qemu-io's writes (-o {opts!r}): {p.stderr}")
        p = run(MIMIC_IMG, "check", img, check=False)
        q = qemu_img("check", img, check=False)
        expect(p.stdout == q.stdout and p.returncode == q.returncode,
               f"check after qemu-io writes (-o {opts!r}):\nmimic:\n{p.stdout}\nqemu:\n{q.stdout}")


def normalise_info(text):
    return "\n".join(l for l in text.splitlines() if not l.startswith("disk size:"))


def case_info_check_vs_qemu(d):
    os.chdir(d)
    images = []
    for i, (opts, extra) in enumerate([("", []), ("compat=0.10", []), ("lazy_refcounts=on,refcount_bits=64", []),
                                       ("cluster_size=512", []), ("compression_type=zstd", [])]):
        img = f"i{i}.qcow2"
        qemu_img("create", "-f", "qcow2", *(["-o", opts] if opts else []), img, "10M")
        run("qemu-io", "-c", "write -P 9 64k 1M", "-c", "write -P 8 5M 100k", img)
        images.append(img)
    qemu_img("create", "-f", "qcow2", "-b", "i0.qcow2", "-F", "qcow2", "ov.qcow2")
    images.append("ov.qcow2")
    run(MIMIC_IMG, "create", "-q", "-f", "qcow2", "-o", "cluster_size=4k", "mine.qcow2", "3G")
    images.append("mine.qcow2")
    make_random_raw("c.raw", 4 << 20, 9)
    qemu_img("convert", "-c", "-O", "qcow2", "c.raw", "comp.qcow2")
    images += ["comp.qcow2", "c.raw"]
    for img in images:
        m, q = run(MIMIC_IMG, "info", img), qemu_img("info", img)
        expect(normalise_info(m.stdout) == normalise_info(q.stdout), f"info {img}:\n{m.stdout}\nvs qemu-img:\n{q.stdout}")
        # The JSON text itself, key order included; only the usage differs.
        mj, qj = [re.sub(r'"actual-size": \d+', '"actual-size": N', p.stdout)
                  for p in (run(MIMIC_IMG, "info", "--output=json", img), qemu_img("info", "--output=json", img))]
        expect(mj == qj, f"info --output=json {img}:\n{mj}\nvs\n{qj}")
        m, q = run(MIMIC_IMG, "check", img, check=False), qemu_img("check", img, check=False)
        expect((m.stdout, m.returncode) == (q.stdout, q.returncode),
               f"check {img}:\n{m.stdout}{m.stderr}({m.returncode})\nvs qemu-img:\n{q.stdout}{q.stderr}({q.returncode})")
        if img.endswith(".qcow2"):
            mj = run(MIMIC_IMG, "check", "--output=json", img).stdout
            qj = qemu_img("check", "--output=json", img).stdout
            expect(mj == qj, f"check --output=json {img}:\n{mj}\nvs\n{qj}")
    # compare: identical, a byte changed, sizes that differ (zeros or not).
    raw_copy("ov.qcow2", "ov.raw")
    data = bytearray(open("ov.raw", "rb").read())
    data[1234567] ^= 1
    open("ov-changed.raw", "wb").write(data)
    open("ov-longer.raw", "wb").write(open("ov.raw", "rb").read() + bytes(1 << 20))
    open("ov-tail.raw", "wb").write(open("ov.raw", "rb").read() + bytes(4096) + b"x")
    for args in [["ov.qcow2", "ov.raw"], ["ov.qcow2", "ov-changed.raw"], ["ov.qcow2", "ov-longer.raw"],
                 ["-s", "ov.qcow2", "ov-longer.raw"], ["ov-tail.raw", "ov.qcow2"], ["-q", "ov.qcow2", "ov-changed.raw"],
                 ["ov.qcow2", "missing.raw"]]:
        m, q = run(MIMIC_IMG, "compare", *args, check=False), qemu_img("compare", *args, check=False)
        expect((m.stdout, m.stderr.replace("mimic-img", "qemu-img"), m.returncode) == (q.stdout, q.stderr, q.returncode),
               f"compare {args}: {m.stdout!r}{m.stderr!r}{m.returncode} vs {q.stdout!r}{q.stderr!r}{q.returncode}")
    # --backing-chain, text and JSON (an array).
    qemu_img("create", "-f", "qcow2", "-b", "ov.qcow2", "-F", "qcow2", "ov2.qcow2")
    for out in ["human", "json"]:
        m = run(MIMIC_IMG, "info", "--backing-chain", f"--output={out}", "ov2.qcow2").stdout
        q = qemu_img("info", "--backing-chain", f"--output={out}", "ov2.qcow2").stdout
        norm = lambda t: re.sub(r'"actual-size": \d+', "", normalise_info(t))
        expect(norm(m) == norm(q), f"info --backing-chain --output={out}:\n{m}\nvs\n{q}")
    # New images are byte for byte what qemu-img writes (preallocation
    # aside, whose layout is the implementation's choice).
    qemu_img("create", "-f", "qcow2", "bb.qcow2", "100M")
    for opts in [[], ["-o", "cluster_size=4k"], ["-o", "compat=0.10"], ["-o", "refcount_bits=1,lazy_refcounts=on"],
                 ["-o", "cluster_size=512,refcount_bits=64"], ["-o", "compression_type=zstd"], ["-o", "cluster_size=2M"],
                 ["-b", "bb.qcow2", "-F", "qcow2"], ["-b", "bb.qcow2", "-F", "qcow2", "-o", "cluster_size=4k"]]:
        for size in ["0", "100M"] + (["3T"] if opts in ([], ["-o", "cluster_size=4k"]) else []):
            m = run(MIMIC_IMG, "create", "-q", "-f", "qcow2", *opts, "m.qcow2", size, check=False)
            q = qemu_img("create", "-q", "-f", "qcow2", *opts, "q.qcow2", size, check=False)
            expect((m.returncode, m.stderr.replace("mimic-img: m.", "qemu-img: q.")) == (q.returncode, q.stderr),
                   f"create {opts} {size}: {m.stderr!r} vs {q.stderr!r}")
            if q.returncode == 0:
                expect(sha("m.qcow2") == sha("q.qcow2"), f"create {opts} {size}: not the bytes qemu-img writes")
    # The "Formatting" line of create.
    for args in [["-f", "qcow2", "x.qcow2", "1M"], ["-f", "qcow2", "-o", "compat=0.10,cluster_size=4k", "x.qcow2", "10G"],
                 ["-f", "raw", "x.raw", "1M"], ["-f", "qcow2", "-o", "lazy_refcounts=on,refcount_bits=1", "x.qcow2", "1.5G"],
                 ["-f", "qcow2", "-o", "preallocation=metadata", "x.qcow2", "1M"],
                 ["-f", "qcow2", "-b", "x.raw", "-F", "raw", "-o", "compat=0.10", "y.qcow2"],
                 ["-f", "qcow2", "-o", "cluster_size=1000", "x.qcow2", "1M"],
                 ["-f", "qcow2", "-o", "compat=0.10,lazy_refcounts=on", "x.qcow2", "1M"],
                 ["-f", "qcow2", "-o", "compat=0.10,refcount_bits=8", "x.qcow2", "1M"],
                 ["-f", "qcow2", "-o", "refcount_bits=3", "x.qcow2", "1M"],
                 ["-f", "qcow2", "-o", "foo=bar", "x.qcow2", "1M"],
                 ["-f", "qcow2", "-b", "x.raw", "z.qcow2"], ["-f", "qcow2", "x.qcow2"]]:
        m, q = run(MIMIC_IMG, "create", *args, check=False), qemu_img("create", *args, check=False)
        expect((m.stdout, m.stderr.replace("mimic-img", "qemu-img"), m.returncode) == (q.stdout, q.stderr, q.returncode),
               f"create {args}: {m.stdout!r} {m.stderr!r} {m.returncode} vs {q.stdout!r} {q.stderr!r} {q.returncode}")


def leak_one_cluster(img):
    """Appends a cluster and gives it refcount 1 without a reference (a
    64k-cluster, 16-bit-refcount image whose first refcount block covers
    the file)."""
    data = bytearray(open(img, "rb").read())
    rt = struct.unpack(">Q", data[48:56])[0]
    rb = struct.unpack(">Q", data[rt:rt + 8])[0]
    cluster = len(data) // 65536
    data += bytes(65536)
    data[rb + 2 * cluster:rb + 2 * cluster + 2] = struct.pack(">H", 1)
    open(img, "wb").write(data)
    return cluster


def case_dirty_rebuild_and_leaks(d):
    img = f"{d}/l.qcow2"
    qemu_img("create", "-f", "qcow2", img, "10M")
    run("qemu-io", "-c", "write -P 1 0 1M", img)
    leak_one_cluster(img)
    m, q = run(MIMIC_IMG, "check", img, check=False), qemu_img("check", img, check=False)
    expect((m.stdout, m.stderr.replace("mimic-img", "qemu-img"), m.returncode) == (q.stdout, q.stderr, q.returncode) and m.returncode == 3,
           f"leak check:\n{m.stdout}{m.stderr}({m.returncode})\nvs\n{q.stdout}{q.stderr}({q.returncode})")
    m, q = run(MIMIC_IMG, "check", "--output=json", img, check=False), qemu_img("check", "--output=json", img, check=False)
    expect((m.stdout, m.returncode) == (q.stdout, q.returncode), f"leak check json:\n{m.stdout}\nvs\n{q.stdout}")
    m = run(MIMIC_IMG, "check", "-r", "leaks", img, check=False)
    expect(m.returncode == 0 and "1 leaked clusters" in m.stdout, f"repair: {m.stdout}{m.stderr}")
    check_clean(img, "after mimic-img check -r leaks")
    # A dirty lazy-refcounts image with a refcount too low: opening it
    # read-write rebuilds the refcounts and clears the bit.
    qemu_img("create", "-f", "qcow2", "-o", "lazy_refcounts=on", img, "10M")
    run("qemu-io", "-c", "write -P 1 0 1M", img)
    data = bytearray(open(img, "rb").read())
    rt = struct.unpack(">Q", data[48:56])[0]
    rb = struct.unpack(">Q", data[rt:rt + 8])[0]
    l1 = struct.unpack(">Q", data[40:48])[0]
    l2 = struct.unpack(">Q", data[l1:l1 + 8])[0] & 0x00fffffffffffe00
    first_data = struct.unpack(">Q", data[l2:l2 + 8])[0] & 0x00fffffffffffe00
    c = first_data // 65536
    data[rb + 2 * c:rb + 2 * c + 2] = b"\0\0"                  # referenced, refcount 0
    data[72:80] = struct.pack(">Q", struct.unpack(">Q", data[72:80])[0] | 1)   # dirty
    open(img, "wb").write(data)
    m, q = run(MIMIC_IMG, "info", img), qemu_img("info", img)
    expect(normalise_info(m.stdout) == normalise_info(q.stdout), f"dirty image info:\n{m.stdout}\nvs\n{q.stdout}")
    m, q = run(MIMIC_IMG, "check", img, check=False), qemu_img("check", img, check=False)
    expect((m.stdout, m.stderr, m.returncode) == (q.stdout, q.stderr, q.returncode) and q.returncode == 2,
           f"dirty image check:\n{m.stdout}{m.stderr}({m.returncode})\nvs\n{q.stdout}{q.stderr}({q.returncode})")
    # check -r all repairs it (on a copy), as qemu-img check -r all does.
    copy = f"{d}/copy.qcow2"
    open(copy, "wb").write(data)
    m = run(MIMIC_IMG, "check", "-r", "all", copy, check=False)
    expect(m.returncode == 0 and "1 corruptions" in m.stdout, f"check -r all: {m.stdout}{m.stderr}")
    check_clean(copy, "after mimic-img check -r all")
    fuzz_and_verify(img, 31, 100, what="dirty image rebuilt on open")
    flags = struct.unpack(">Q", open(img, "rb").read()[72:80])[0]
    expect(flags & 1 == 0, "dirty bit still set after close")


def corrupt(src, dst, patch):
    data = bytearray(open(src, "rb").read())
    patch(data)
    open(dst, "wb").write(data)


def case_corrupt_images(d):
    os.chdir(d)
    qemu_img("create", "-f", "qcow2", "good.qcow2", "10M")
    run("qemu-io", "-c", "write -P 1 0 1M", "good.qcow2")
    good = open("good.qcow2", "rb").read()
    l1 = struct.unpack(">Q", good[40:48])[0]
    rt = struct.unpack(">Q", good[48:56])[0]
    l2 = struct.unpack(">Q", good[l1:l1 + 8])[0] & 0x00fffffffffffe00
    cases = {
        "bad-l1-offset": lambda b: b.__setitem__(slice(l1, l1 + 8), struct.pack(">Q", (1 << 63) | (1 << 40))),
        "unaligned-l1": lambda b: b.__setitem__(slice(l1, l1 + 8), struct.pack(">Q", (1 << 63) | 0x10200)),
        "l1-table-outside": lambda b: b.__setitem__(slice(40, 48), struct.pack(">Q", 1 << 40)),
        "refcount-table-outside": lambda b: b.__setitem__(slice(rt, rt + 8), struct.pack(">Q", 1 << 40)),
        "truncated": lambda b: b.__delitem__(slice(4 * 65536 + 4096, None)),
        "unknown-incompatible-feature": lambda b: b.__setitem__(slice(72, 80), struct.pack(">Q", 1 << 20)),
        "huge-l1-size": lambda b: b.__setitem__(slice(36, 40), struct.pack(">I", 0xffffffff)),
        "bad-cluster-bits": lambda b: b.__setitem__(slice(20, 24), struct.pack(">I", 40)),
        "refcount-block-on-l1-table": lambda b: b.__setitem__(slice(rt, rt + 8), struct.pack(">Q", l1)),
        "l1-on-refcount-table": lambda b: b.__setitem__(slice(40, 48), struct.pack(">Q", rt)),
        "l2-on-refcount-block": lambda b: b.__setitem__(slice(l1, l1 + 8), b[rt:rt + 8]),
        "extended-l2": lambda b: b.__setitem__(slice(72, 80), struct.pack(">Q", 1 << 4)),
        "external-data-file": lambda b: b.__setitem__(slice(72, 80), struct.pack(">Q", 1 << 2)),
    }
    # Entries that only a write through them can hurt: the write fails,
    # the image stays as it was.
    img = "data-on-l1-table.qcow2"
    corrupt("good.qcow2", img, lambda b: b.__setitem__(slice(l2, l2 + 8), struct.pack(">Q", (1 << 63) | l1)))
    before = sha(img)
    w = run(FUZZ, "write", img, 0, 1000, check=False)
    expect(w.returncode == 1 and "metadata" in w.stderr, f"data-on-l1-table: write: {w.stderr!r}")
    expect(sha(img) == before, "data-on-l1-table: the image changed")
    print(f"{img}: {w.stderr.strip().splitlines()[0]}")
    for name, patch in cases.items():
        img = f"{name}.qcow2"
        corrupt("good.qcow2", img, patch)
        before = sha(img)
        for args in [["info", img], ["check", img], ["convert", "-O", "raw", img, "out.raw"]]:
            p = run(MIMIC_IMG, *args, check=False)
            expect(p.returncode in (1, 2, 3) and p.stderr.strip() and "Sanitizer" not in p.stderr,
                   f"{name}: mimic-img {args[0]} exit {p.returncode}: {p.stderr!r}")
        if os.path.exists("out.raw"):
            os.unlink("out.raw")
        open("ref.raw", "wb").truncate(10 << 20)
        p = run(FUZZ, "fuzz", img, "ref.raw", 1, 50, check=False)
        expect(p.returncode == 1 and "block-fuzz:" in p.stderr, f"{name}: read-write use: {p.returncode} {p.stderr!r}")
        w = run(FUZZ, "write", img, 0, 1000, check=False)
        expect(w.returncode == 1, f"{name}: a write to guest cluster 0 succeeded")
        expect(sha(img) == before, f"{name}: the image changed")
        print(f"{name}: {p.stderr.strip().splitlines()[0]}")
    # Backing chains: a loop and a missing file.
    qemu_img("create", "-f", "qcow2", "a.qcow2", "1M")
    qemu_img("create", "-f", "qcow2", "-b", "a.qcow2", "-F", "qcow2", "b.qcow2")
    qemu_img("rebase", "-u", "-b", "b.qcow2", "-F", "qcow2", "a.qcow2")
    qemu_img("create", "-f", "qcow2", "-b", "gone.qcow2", "-F", "qcow2", "-u", "m.qcow2", "1M")
    os.mkfifo("fifo")
    qemu_img("create", "-f", "qcow2", "-b", "fifo", "-F", "raw", "-u", "f.qcow2", "1M")
    for img, word in [("a.qcow2", "loop"), ("m.qcow2", "gone.qcow2"), ("f.qcow2", "not a regular file")]:
        before = sha(img)
        open("ref.raw", "wb").truncate(1 << 20)
        p = run(FUZZ, "fuzz", img, "ref.raw", 1, 5, check=False)
        expect(p.returncode == 1 and word in p.stderr, f"{img}: {p.stderr!r}")
        p = run(MIMIC_IMG, "convert", "-O", "raw", img, "out.raw", check=False)
        expect(p.returncode == 1 and word in p.stderr, f"{img}: convert: {p.stderr!r}")
        expect(sha(img) == before, f"{img}: the image changed")
        print(f"{img}: {p.stderr.strip()}")


def case_mutants(d, count=40):
    """Random bytes changed in the header and the tables of real images:
    every tool must answer with an error or a result, never crash or hang."""
    os.chdir(d)
    raw = "src.raw"
    make_random_raw(raw, 2 << 20, 13)
    qemu_img("convert", "-O", "qcow2", "-o", "cluster_size=4k", raw, "plain.qcow2")
    qemu_img("snapshot", "-c", "s", "plain.qcow2")
    run("qemu-io", "-c", "write -P 7 64k 200k", "plain.qcow2")
    qemu_img("convert", "-c", "-O", "qcow2", "-o", "cluster_size=4k", raw, "comp.qcow2")
    seed = int(os.environ.get("MIMIC_FUZZ_SEED", random.randrange(1 << 30)))
    print("seed", seed)
    rng = random.Random(seed)
    crashes = 0
    for i in range(int(os.environ.get("MIMIC_MUTANTS", count))):
        src = rng.choice(["plain.qcow2", "comp.qcow2"])
        data = bytearray(open(src, "rb").read())
        l1 = struct.unpack(">Q", data[40:48])[0]
        rt = struct.unpack(">Q", data[48:56])[0]
        l2 = struct.unpack(">Q", data[l1:l1 + 8])[0] & 0x00fffffffffffe00
        rb = struct.unpack(">Q", data[rt:rt + 8])[0]
        for _ in range(rng.randrange(1, 6)):
            where = rng.choice(["header", "l1", "rt", "l2", "rb", "any"])
            base = {"header": 0, "l1": l1, "rt": rt, "l2": l2, "rb": rb, "any": 0}[where]
            span = {"header": 112, "l1": 64, "rt": 64, "l2": 4096, "rb": 256, "any": len(data)}[where]
            pos = min(base + rng.randrange(span), len(data) - 1)
            data[pos] = rng.choice([0, 0xff, rng.randrange(256), data[pos] ^ (1 << rng.randrange(8))])
        open("m.qcow2", "wb").write(data)
        open("m.raw", "wb").truncate(2 << 20)
        for args in [[MIMIC_IMG, "check", "m.qcow2"], [MIMIC_IMG, "info", "--output=json", "m.qcow2"],
                     [MIMIC_IMG, "convert", "-O", "raw", "m.qcow2", "out.raw"],
                     [FUZZ, "fuzz", "m.qcow2", "m.raw", str(i), "30", str(256 << 10)],
                     [MIMIC_IMG, "check", "-r", "all", "m.qcow2"]]:
            try:
                p = subprocess.run(args, capture_output=True, timeout=20)
            except subprocess.TimeoutExpired:
                expect(False, f"mutant {i} (seed {seed}): {args[1]} hung")
                crashes += 1
                break
            if p.returncode < 0 or p.returncode > 3 and p.returncode != 63:
                expect(False, f"mutant {i} (seed {seed}): {args[1]} exited {p.returncode}: {p.stderr[-300:]!r}")
                crashes += 1
                break
        if crashes > 3:
            break


def case_mutants_long(d):
    case_mutants(d, 1500)


def case_locking(d):
    img = f"{d}/lk.qcow2"
    qemu_img("create", "-f", "qcow2", img, "1M")
    # qemu holds it: mimic's writer and reader are refused... 
    q = subprocess.Popen(["qemu-io", "-c", "sleep 2500", img], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1)
    open(f"{d}/r.raw", "wb").truncate(1 << 20)
    p = run(FUZZ, "fuzz", img, f"{d}/r.raw", 1, 5, check=False)
    expect(p.returncode == 1 and "lock" in p.stderr, f"mimic writer beside a qemu writer: {p.stderr!r}")
    p = run(MIMIC_IMG, "info", img, check=False)
    expect(p.returncode == 1 and "lock" in p.stderr, f"mimic reader beside a qemu writer: {p.stderr!r}")
    p = run(MIMIC_IMG, "info", "-U", img, check=False)
    expect(p.returncode == 0, f"mimic-img info -U beside a qemu writer: {p.stderr!r}")
    q.wait()
    # ...and the other way round.
    m = subprocess.Popen([FUZZ, "hold", img, "2"], stdout=subprocess.PIPE, text=True)
    m.stdout.readline()
    p = run("qemu-io", "-c", "read 0 512", img, check=False)
    expect(p.returncode != 0 and "lock" in p.stderr, f"qemu writer beside mimic: {p.stdout}{p.stderr}")
    p = qemu_img("info", img, check=False)
    expect(p.returncode != 0 and "lock" in p.stderr, f"qemu reader beside mimic: {p.stderr!r}")
    m.wait()
    p = run("qemu-io", "-c", "read 0 512", img, check=False)
    expect(p.returncode == 0, f"qemu after mimic closed: {p.stderr!r}")


def case_sigkill(d):
    img = f"{d}/k.qcow2"
    rng = random.Random(5)
    for i in range(20):
        opts = rng.choice(["cluster_size=512,refcount_bits=64", "cluster_size=4k", "lazy_refcounts=on", ""])
        run(MIMIC_IMG, "create", "-q", "-f", "qcow2", *(["-o", opts] if opts else []), img, "16M")
        open(f"{d}/k.raw", "wb").truncate(16 << 20)
        p = subprocess.Popen([FUZZ, "fuzz", img, f"{d}/k.raw", str(i), "100000", str(256 << 10)],
                             stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 1.5))
        p.send_signal(signal.SIGKILL)
        p.wait()
        q = qemu_img("check", img, check=False)
        expect(q.returncode in (0, 3), f"after SIGKILL (-o {opts!r}): qemu-img check {q.returncode}\n{q.stdout}{q.stderr}")


def case_fuzz_cluster_sizes_long(d):
    for cs in ["512", "1k", "4k", "16k", "64k", "256k", "1M", "2M"]:
        for rb in ["1", "2", "8", "32", "64"]:
            img = f"{d}/s.qcow2"
            qemu_img("create", "-f", "qcow2", "-o", f"cluster_size={cs},refcount_bits={rb}", img, "24M")
            fuzz_and_verify(img, hash((cs, rb)) & 0xffff, 250, 1 << 20, what=f"cluster_size={cs} refcount_bits={rb}")


CASES = {name[5:].replace("_", "-"): fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="mimic-block-") as d:
        CASES[CASE](d)
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print("ok")
