import subprocess
SWEEPS = [  # name, base, shift, count, set
    ('ORR (immediate), X', 0xb20003e0, 10, 8192, 0),
    ('ORR (immediate), W', 0x320003e0, 10, 8192, 0),
    ('ANDS (immediate), X', 0xf2000020, 10, 8192, 1),
    ('SBFM, X', 0x93400020, 10, 4096, 1),
    ('SBFM, W', 0x13000020, 10, 4096, 1),
    ('BFM, X', 0xb3400020, 10, 4096, 1),
    ('BFM, W', 0x33000020, 10, 4096, 1),
    ('UBFM, X', 0xd3400020, 10, 4096, 1),
    ('UBFM, W', 0x53000020, 10, 4096, 1),
    ('EXTR, X', 0x93c00020, 10, 64, 1),
    ('EXTR, W', 0x13800020, 10, 64, 1),
]
def fnv(h, b):
    for x in b:
        h ^= x
        h = (h * 0x100000001b3) & (2**64 - 1)
    return h
for name, base, shift, count, st in SWEEPS:
    inp = ''.join('%08x %x 0\n' % (base | (i << shift), st) for i in range(count))
    out = subprocess.run(['qemu-aarch64', '-cpu', 'cortex-a57', './oracle'], input=inp,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    h = 0xcbf29ce484222325
    nundef = 0
    for l in out:
        f = l.split()
        u = int(f[3]); x0 = int(f[4], 16); nz = int(f[13], 16)
        nundef += u
        h = fnv(h, bytes([u]) + x0.to_bytes(8, 'little') + bytes([nz]))
    print('    { "%s", 0x%08x, %d, %d, %d, 0x%016xull }, /* %d unallocated */' % (name, base, shift, count, st, h, nundef))
