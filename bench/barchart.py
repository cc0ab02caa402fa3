"""Owns: the PNG bar chart of run-bench.py, drawn without third-party
modules (matplotlib is not among the project's dependencies): an RGB pixel
canvas, a 5x7 bitmap font for labels, and a PNG writer (zlib + struct).

    bar_chart(path, title, groups, series)
groups: [(label, [value or None per series])]; series: [(name, rgb)].
The y axis is logarithmic (ratios span 0.1x to 100x) with a red baseline at
1.0 (parity with qemu)."""

import math
import struct
import zlib

# 5x7 glyphs, one hex byte per row (bit 4 = leftmost pixel). Lower case is
# drawn with the upper-case glyphs; unknown characters draw as blanks.
_FONT = {
    'A': '0E11111F111111', 'B': '1E11111E11111E', 'C': '0E11101010110E',
    'D': '1C12111111121C', 'E': '1F10101E10101F', 'F': '1F10101E101010',
    'G': '0E11101711110F', 'H': '1111111F111111',
    'I': '0E04040404040E', 'J': '0702020202120C', 'K': '11121418141211',
    'L': '1010101010101F', 'M': '111B1515111111', 'N': '11111915131111',
    'O': '0E11111111110E', 'P': '1E11111E101010', 'Q': '0E11111115120D',
    'R': '1E11111E141211', 'S': '0F10100E01011E', 'T': '1F040404040404',
    'U': '1111111111110E', 'V': '11111111110A04',
    'W': '1111111515150A', 'X': '11110A040A1111', 'Y': '1111110A040404',
    'Z': '1F01020408101F',
    '0': '0E11131519110E', '1': '040C040404040E',
    '2': '0E11010204081F', '3': '1F02040201110E',
    '4': '02060A121F0202', '5': '1F101E0101110E', '6': '0608101E11110E',
    '7': '1F010204080808', '8': '0E11110E11110E', '9': '0E11110F01020C',
    '.': '00000000000C0C', '/': '00010204081000', '-': '0000001F000000',
    '(': '02040808080402', ')': '08040202020408', ':': '000C0C000C0C00',
    ',': '000000000C0408', '=': '00001F001F0000',
    '_': '0000000000001F', ' ': '00000000000000',
}


class Canvas:
    def __init__(self, width, height, bg=(255, 255, 255)):
        self.w, self.h = width, height
        self.px = bytearray(bytes(bg) * (width * height))

    def rect(self, x0, y0, x1, y1, rgb):
        """Fills [x0, x1) x [y0, y1), clipped to the canvas."""
        x0, x1 = max(0, int(x0)), min(self.w, int(x1))
        y0, y1 = max(0, int(y0)), min(self.h, int(y1))
        if x0 >= x1:
            return
        row = bytes(rgb) * (x1 - x0)
        for y in range(y0, y1):
            o = (y * self.w + x0) * 3
            self.px[o:o + len(row)] = row

    def text(self, x, y, s, rgb=(0, 0, 0), scale=2):
        """Draws s with its top-left corner at (x, y); returns the width."""
        for i, ch in enumerate(s):
            glyph = _FONT.get(ch.upper(), _FONT[' '])
            for r in range(7):
                bits = int(glyph[2 * r:2 * r + 2], 16)
                for c in range(5):
                    if bits & (0x10 >> c):
                        px = x + (i * 6 + c) * scale
                        self.rect(px, y + r * scale, px + scale,
                                  y + (r + 1) * scale, rgb)
        return text_width(s, scale)

    def png(self):
        raw = b''.join(b'\0' + bytes(self.px[y * self.w * 3:(y + 1) * self.w * 3])
                       for y in range(self.h))

        def chunk(kind, data):
            return (struct.pack('>I', len(data)) + kind + data +
                    struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))
        return (b'\x89PNG\r\n\x1a\n' +
                chunk(b'IHDR', struct.pack('>IIBBBBB', self.w, self.h, 8, 2, 0, 0, 0)) +
                chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def text_width(s, scale=2):
    return max(0, len(s) * 6 - 1) * scale


def _fmt(v):
    return f'{v:.2f}' if v < 10 else f'{v:.1f}' if v < 100 else f'{v:.0f}'


def bar_chart(path, title, groups, series, footer=''):
    bar_w, gap = 22, 26
    left, right, top, bottom = 70, 20, 70, 70
    plot_h = 300
    group_w = bar_w * len(series) + gap
    width = max(left + right + group_w * len(groups),
                left + right + text_width(title), left + right + text_width(footer, 1))
    height = top + plot_h + bottom
    cv = Canvas(width, height)
    values = [v for _, vs in groups for v in vs if v]
    lo = 10.0 ** math.floor(math.log10(min(values + [1.0]) / 1.01))
    hi = 10.0 ** math.ceil(math.log10(max(values + [1.0]) * 1.01))
    lo = min(lo, 0.1)
    hi = max(hi, 10.0)

    def ypos(v):
        f = (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
        return top + plot_h - f * plot_h

    cv.text(left, 12, title, scale=2)
    lx = left
    for name, rgb in series:                  # legend
        cv.rect(lx, 38, lx + 14, 52, rgb)
        lx += 20 + cv.text(lx + 20, 38, name) + 24
    decade = lo                               # y axis: a grid line per decade
    while decade <= hi * 1.001:
        y = int(ypos(decade))
        cv.rect(left, y, width - right, y + 1, (215, 215, 215))
        label = f'{decade:g}x'
        cv.text(left - 8 - text_width(label), y - 7, label)
        decade *= 10
    cv.rect(left - 1, top, left, top + plot_h + 1, (0, 0, 0))
    cv.rect(left, top + plot_h, width - right, top + plot_h + 1, (0, 0, 0))
    for gi, (label, vs) in enumerate(groups):
        x0 = left + gap // 2 + gi * group_w
        for si, v in enumerate(vs):
            x = x0 + si * bar_w
            if not v:
                cv.text(x + 2, top + plot_h - 10, 'n/a', (120, 120, 120), scale=1)
                continue
            y = ypos(v)
            cv.rect(x + 1, min(y, top + plot_h), x + bar_w - 1, top + plot_h,
                    series[si][1])
            s = _fmt(v)
            # Values alternate above the bars so neighbours do not overlap.
            cv.text(x + bar_w // 2 - text_width(s, 1) // 2,
                    int(y) - 10 - 9 * (si % 2), s, scale=1)
        lw = text_width(label, 1)
        cv.text(x0 + (bar_w * len(vs)) // 2 - lw // 2,
                top + plot_h + 8 + 10 * (gi % 2), label, scale=1)
    y1 = int(ypos(1.0))                       # parity with qemu
    cv.rect(left, y1 - 1, width - right, y1 + 1, (220, 30, 30))
    if footer:
        cv.text(left, height - 20, footer, (80, 80, 80), scale=1)
    with open(path, 'wb') as f:
        f.write(cv.png())
