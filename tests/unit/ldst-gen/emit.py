import json, re
d = json.load(open('results.json'))
exec(open('snippets.py').read())
src = {n: a for n, m, a in S}
state = open('state.h').read().strip()
out = []
for name, mx in d['order']:
    pass
# the order list in results.json includes the __pre snippets appended by gen.py
names = [n for n, m in d['order']]
maxes = {n: m for n, m in d['order']}
for name in names:
    if name.endswith('__pre'):
        continue
    r = d['res'][name]
    if name.startswith('fault_'):
        # registers as before the faulting (last) instruction, memory as qemu left it
        regs = [x for x in d['res'][name + '__pre']['d'] if x[0] != 'D_M']
        r = dict(r, d=regs + [x for x in r['d'] if x[0] == 'D_M'])
    w = d['words'][name]
    if name.endswith('__pre'):
        asm = '(' + name[:-5] + ' without its last instruction)'
    else:
        asm = "; ".join(l.strip() for l in src[name].strip().split("\n") if l.strip())
    asm = asm.replace('"', '\\"')
    lines = []
    parts = []
    cur = ''
    for ins in asm.split('; '):
        piece = ins if not cur else cur + '; ' + ins
        if len(piece) > 80 and cur:
            parts.append(cur + '; ')
            cur = ins
        else:
            cur = piece
    parts.append(cur)
    lines.append('    { "%s", %s,' % (name, "true" if maxes[name] else "false"))
    lines.append('      ' + '\n      '.join('"%s"' % p for p in parts) + ',')
    ws = ["0x%08x" % x for x in w]
    chunks = [", ".join(ws[i:i+7]) for i in range(0, len(ws), 7)]
    lines.append('      WORDS(' + (",\n            ".join(chunks)) + '),')
    lines.append('      .sig = %d, .pc = %#x, .fault = %#x,' % (r['sig'], r['pc'], r['fault']))
    items = []
    for k, i, a, b in r['d']:
        if k == 'D_X': items.append('X(%d, %#x)' % (i, a))
        elif k == 'D_F': items.append('F(%#x)' % a)
        elif k == 'D_V': items.append('V(%d, %#x, %#x)' % (i, a, b))
    mem = sorted((i, a) for k, i, a, b in r['d'] if k == 'D_M')
    runs = []
    for off, val in mem:
        if runs and runs[-1][0] + len(runs[-1][1]) == off:
            runs[-1][1].append(val)
        else:
            runs.append([off, [val]])
    for off, vals in runs:
        hexs = "".join("%02x" % v for v in vals)
        for i in range(0, len(hexs), 64):
            items.append('M(%#x, "%s")' % (off + i // 2, hexs[i:i+64]))
    if items:
        body = []
        cur = '      DIFFS('
        for it in items:
            if len(cur) + len(it) + 2 > 96:
                body.append(cur.rstrip())
                cur = '            '
            cur += it + ', '
        body.append(cur.rstrip(', ') + ') },')
        lines += body
    else:
        lines.append('      NODIFFS },')
    out.append("\n".join(lines))
data = "static const Snippet snippets[] = {\n" + "\n".join(out) + "\n};"
t = open('template.c').read().replace('@STATE@', state).replace('@DATA@', data)
open('/work/main/tests/unit/test-a64-ldst.c', 'w').write(t)
print(len(t.splitlines()))
