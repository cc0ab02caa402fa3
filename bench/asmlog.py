"""Owns: reading the `-d in_asm,out_asm[,exec]` logs of mimic and of QEMU
into blocks, for run-bench.py (host code bytes per translated guest
instruction) and hot-blocks.py (guest instructions beside their host code).

The two logs differ in detail, so the parser accepts both:

    mimic                                 qemu-aarch64 (7.2)
    IN:                                   IN: symbol
    0x0000000000400840:  nop              0x00400840:  d503201f  nop
    OUT: [size=230]                       OUT: [size=160]
      -- guest 0x0000000000400840           -- guest addr 0x0000000000400840 + tb prologue
    0x0000559057000090:  mov  eax, ...    0x7f8ba4000100:  8b 5d f8   movl  -8(%rbp), %ebx
                                          0x7f8ba4000113:  00 00 00   (continuation bytes)
                                            -- tb slow paths + alignment
                                            data: [size=8]
    Trace 0x5590570000aa [0000000000400840]
                                          Trace 0: 0x7f8ba4000100 [01009331/0000000000400840/...] sym

OUT's [size=N] is every byte emitted for the block (QEMU's includes its
slow paths and constant pool, mimic's its cold code): that is what "code
bytes" means everywhere in bench/.
"""

import re

GUEST_LINE = re.compile(r'^0x([0-9a-f]+):\s+(?:[0-9a-f]{8}\s+)?(.*)$')
HOST_LINE = re.compile(r'^0x([0-9a-f]+):\s+(.*)$')
QEMU_BYTES = re.compile(r'^((?:[0-9a-f]{2}(?:\s+|$))+)(.*)$')   # "8b 5d f8   movl ..."
OUT_HEAD = re.compile(r'^OUT: \[size=(\d+)\]')
MARK = re.compile(r'^\s+-- guest (?:addr )?0x([0-9a-f]+)')
OTHER_MARK = re.compile(r'^\s+(-- |data: )')
TRACE = re.compile(r'^Trace (?:\d+: )?0x[0-9a-f]+ \[(?:[0-9a-f]+/)?([0-9a-f]+)')


class Block:
    """One translation: its guest instructions [(addr, text)], the size of
    its host code, and its host lines [(guest addr or None, text)] where None
    is code that belongs to no guest instruction (prologue checks, slow
    paths, exits, data)."""
    def __init__(self):
        self.guest, self.size, self.host = [], 0, []

    @property
    def pc(self):
        return self.guest[0][0] if self.guest else None


def host_text(text):
    """The instruction of a host line, without QEMU's byte column; '' for a
    continuation line that only carries bytes."""
    m = QEMU_BYTES.match(text)
    return m.group(2).strip() if m else text.strip()


def read(lines, on_block=None, on_trace=None):
    """Reads a log. on_block(Block) is called for each translation,
    on_trace(guest pc) for each logged block entry (-d exec)."""
    state, blk, cur = None, None, None

    def finish():
        nonlocal blk
        if blk is not None and blk.guest and on_block:
            on_block(blk)
        blk = None

    for line in lines:
        line = line.rstrip('\n')
        if line.startswith('IN:'):
            finish()
            blk, state, cur = Block(), 'in', None
            continue
        m = OUT_HEAD.match(line)
        if m:
            if blk is None:
                # OUT with no IN before it: host code of no guest block
                # (qemu's prologue/epilogue); it has no guest instructions,
                # so finish() does not count it.
                blk = Block()
            blk.size, state, cur = int(m.group(1)), 'out', None
            continue
        if line.startswith('Trace '):
            finish()
            state = None
            if on_trace:
                m = TRACE.match(line)
                if m:
                    on_trace(int(m.group(1), 16))
            continue
        if state == 'in':
            m = GUEST_LINE.match(line)
            if m:
                blk.guest.append((int(m.group(1), 16), m.group(2).strip()))
            continue
        if state == 'out':
            if not line.strip():
                finish()
                state = None
                continue
            m = MARK.match(line)
            if m:
                cur = int(m.group(1), 16)
                continue
            if OTHER_MARK.match(line):
                cur = None
                continue
            m = HOST_LINE.match(line)
            if m:
                text = host_text(m.group(2))
                if text:
                    blk.host.append((cur, text))
    finish()


def code_density(path):
    """(guest instructions translated, host code bytes) summed over every
    translation in the log at path."""
    tot = [0, 0]

    def add(b):
        tot[0] += len(b.guest)
        tot[1] += b.size
    with open(path, errors='replace') as f:
        read(f, on_block=add)
    return tot[0], tot[1]
