import subprocess, os, sys, re
exec(open('snippets.py').read())
# Fault snippets: their last instruction faults; the registers expected are
# those before it, run as a separate prefix snippet.
for name, mx, asm in list(S):
    if name.startswith("fault_"):
        lines = [l for l in asm.strip().split("\n")]
        S.append((name + "__pre", mx, "\n".join(lines[:-1]) if len(lines) > 1 else "nop"))
os.makedirs('asm', exist_ok=True)
words = {}
for name, mx, asm in S:
    src = "asm/%s.s" % name
    with open(src, 'w') as f:
        f.write(".text\n" + asm + "\nbrk #0\n")
    subprocess.check_call(["aarch64-linux-gnu-as", "-march=armv8.4-a", src, "-o", "asm/%s.o" % name])
    subprocess.check_call(["aarch64-linux-gnu-objcopy", "-O", "binary", "-j", ".text",
                           "asm/%s.o" % name, "asm/%s.bin" % name])
    b = open("asm/%s.bin" % name, 'rb').read()
    assert len(b) % 4 == 0
    words[name] = [int.from_bytes(b[i:i+4], 'little') for i in range(0, len(b), 4)]
with open('snippets.h', 'w') as f:
    f.write("static const struct snip { const char *name; int max; unsigned n; uint32_t w[128]; } snips[] = {\n")
    for name, mx, asm in S:
        w = words[name]
        assert len(w) <= 128
        f.write('  { "%s", %d, %d, { %s } },\n' % (name, mx, len(w), ", ".join("0x%08x" % x for x in w)))
    f.write("};\n")
subprocess.check_call(["aarch64-linux-gnu-gcc", "-O1", "-static", "-o", "oracle", "oracle.c"])
res = {}
for cpu in ("cortex-a57", "max,sve=off,sme=off"):
    out = subprocess.run(["qemu-aarch64", "-cpu", cpu, "./oracle", "max" if cpu.startswith("max") else "a57"],
                         capture_output=True, text=True, check=True).stdout
    cur = None
    for line in out.splitlines():
        p = line.split()
        if p[0] == 'S':
            cur = p[1]
            res[cur] = {'sig': int(p[2]), 'pc': int(p[3], 16), 'fault': int(p[4], 16), 'd': []}
        elif p[0] == 'X':
            res[cur]['d'].append(('D_X', int(p[1]), int(p[2], 16), 0))
        elif p[0] == 'F':
            res[cur]['d'].append(('D_F', 0, int(p[1], 16), 0))
        elif p[0] == 'V':
            res[cur]['d'].append(('D_V', int(p[1]), int(p[2], 16), int(p[3], 16)))
        elif p[0] == 'M':
            res[cur]['d'].append(('D_M', int(p[1], 16), int(p[2], 16), 0))
import json
json.dump({'words': words, 'res': res, 'order': [(n, m) for n, m, a in S]}, open('results.json', 'w'))
for n, m, a in S:
    r = res[n]
    if r['sig']:
        print(n, "sig", r['sig'], "pc", hex(r['pc']), "fault", hex(r['fault']), "ndiff", len(r['d']))
