#!/usr/bin/env python3
"""QMP sessions on a running Linux guest, checked against live state and
against qemu-system-aarch64 7.2.

Each emulator boots Debian's kernel with a busybox initramfs whose /init
(tests/system/qmp/init) counts on the console and writes each count to a
virtio-blk-pci disk (a qcow2 overlay over a qcow2 base), with 2 vCPUs,
started with -S and a QMP socket.  The script is the QMP client and does,
to both, one session:
  the greeting; a command before negotiation; qmp_capabilities (twice);
  query-status, -name, -version, -cpus-fast, -block, -blockstats while
  paused at start; cont (RESUME); queries while the guest counts; stop
  (STOP); human-monitor-command; bad requests of every kind (malformed
  JSON, a wrong envelope, unknown commands, missing, unexpected and
  mistyped arguments); system_reset (RESET); system_powerdown (POWERDOWN);
  a second connection (a new greeting, negotiation again); quit
  (SHUTDOWN, then the process ends with status 0);
and a second, short boot where the guest powers itself off (SHUTDOWN with
guest true).

Replies are compared field by field once what differs between two runs
is masked (timestamps, thread ids, sizes, counts; qemu's floppy0 and sd0,
which mimic's virt has not).  Live state is checked where it can be: the
thread ids are the emulator's threads, the counts grow while the guest
runs and stand still while it is stopped.  Each of mimic's replies is
validated against the type its query-qmp-schema gives the command, and
each of its commands and events against qemu's schema (every member
mimic has, qemu has with the same type; every member qemu requires,
mimic gives).

  run-qmp.py --emu EMU --oracle QEMU [--qemu-img QEMU_IMG] \\
             --kernel-pin ARCH PKG VERSION SHA --busybox-pin ARCH PKG VERSION SHA
"""
import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..', '..')
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import bootimage  # noqa: E402
import mkinitramfs  # noqa: E402
sys.path.insert(0, HERE)
from qmpclient import Fail, QmpClient as Qmp  # noqa: E402

COUNT = re.compile(r'^count (\d+)$', re.M)

# Requests whose replies must be the same, byte for byte once parsed.
BAD_REQUESTS = [
    '{"execute": "nonesuch"}',
    '{"execute": "query-status", "arguments": {"x": 1}}',
    '{"execute": "query-status", "arguments": [1]}',
    '{"execute": "query-status", "arguments": null}',
    '{"execute": "query-status", "bogus": 1}',
    '{"execute": 3}',
    '{"foo": 1}',
    '[1, 2]',
    '"abc"',
    '{"execute": "human-monitor-command"}',
    '{"execute": "human-monitor-command", "arguments": {"command-line": 5}}',
    '{"execute": "human-monitor-command", "arguments": {"command-line": "info status",'
    ' "cpu-index": "a"}}',
    '{"execute": "human-monitor-command", "arguments": {"command-line": "info status",'
    ' "cpu-index": 1.0}}',
    '{"execute": "human-monitor-command", "arguments": {"command-line": "info status",'
    ' "cpu-index": 99999999999999999999}}',
    '{"execute": "human-monitor-command", "arguments": {"command-line": "info status",'
    ' "cpu-index": 7}}',
    '{"execute": "human-monitor-command", "arguments": {"command-line": "bogus"}}',
    '{"execute": "query-blockstats", "arguments": {"query-nodes": 1}}',
    '{"execute": "qmp_capabilities", "arguments": {"enable": "oob"}}',
    '{"execute": "qmp_capabilities", "arguments": {"enable": [1]}}',
    '@',
    ']',
    '{"execute": "query-name",}',
    '{"a": "\\x"}',
    '{"a": tru}',
    '{"execute": "query-name", "arguments": {}, "arguments": {"a": 1}}',
    "{'execute': 'query-name', 'id': 'single quotes'}",
    '{"execute": "query-name", "id": "\\u00e9\\ud83d\\ude00"}',
    '{"execute": "query-name", "id": {"a": [1, null, true]}}',
    '{"execute": "query-name"} {"execute": "query-status"}[1]',
]


class Machine:
    def __init__(self, emu, kernel, initrd, d, qemu_img, oracle, append=''):
        self.dir = d
        os.mkdir(d)
        subprocess.run([qemu_img, 'create', '-q', '-f', 'qcow2', 'base.qcow2', '32M'],
                       check=True, cwd=d)
        subprocess.run([qemu_img, 'create', '-q', '-f', 'qcow2', '-b', 'base.qcow2', '-F',
                        'qcow2', 'vm.qcow2'], check=True, cwd=d)
        self.console_path = os.path.join(d, 'console.txt')
        self.sock = os.path.join(d, 'qmp.sock')
        argv = [emu, '-M', 'virt', '-cpu', 'cortex-a57', '-smp', '2', '-m', '512M',
                '-display', 'none', '-monitor', 'none', '-nic', 'none', '-name', 'qmp-test',
                '-kernel', kernel, '-initrd', initrd,
                '-append', 'console=ttyAMA0 quiet panic=-1 ' + append,
                '-drive', 'file=vm.qcow2,if=none,id=disk0',
                '-device', 'virtio-blk-pci,drive=disk0',
                '-serial', 'file:console.txt',
                '-qmp', 'unix:qmp.sock,server=on,wait=off', '-S']
        self.p = subprocess.Popen(argv, cwd=d, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.deadline = time.time() + 240
        self.qmp = Qmp(self.sock, self.p, self.deadline)

    def console(self):
        try:
            return open(self.console_path, errors='replace').read()
        except FileNotFoundError:
            return ''

    def count(self):
        c = COUNT.findall(self.console())
        return int(c[-1]) if c else 0

    def wait_count(self, n):
        while self.count() < n:
            if self.p.poll() is not None or time.time() > self.deadline:
                raise Fail('the guest stopped counting at %d:\n%s'
                           % (self.count(), self.console()[-2000:]))
            time.sleep(0.05)

    def threads(self):
        return {int(t) for t in os.listdir('/proc/%d/task' % self.p.pid)}

    def kill(self):
        if self.p.poll() is None:
            self.p.kill()
        self.p.wait()


# ---- masking ----

def mask_event(e):
    ts = e.pop('timestamp')
    if abs(ts['seconds'] - time.time()) > 300 or not 0 <= ts['microseconds'] < 10 ** 6:
        raise Fail('event time %r is not now' % ts)
    return e


def mask_version(v):
    assert isinstance(v['package'], str)
    return {'qemu': {'major': v['qemu']['major'], 'minor': v['qemu']['minor']}}


def mask_cpus(cpus, m):
    tids = m.threads()
    out = []
    for c in cpus:
        if c['thread-id'] not in tids or c['thread-id'] == m.p.pid:
            raise Fail('thread-id %d is no vCPU thread of the process' % c['thread-id'])
        c = dict(c, **{'thread-id': 'TID'})
        out.append(c)
    if len({c['cpu-index'] for c in cpus}) != len(cpus):
        raise Fail('cpu-index repeats: %r' % cpus)
    return out


def mask_block(blocks):
    out = []
    for b in blocks:
        if b['device'] in ('floppy0', 'sd0'):
            continue        # qemu's virt makes these empty drives; mimic's has none
        b = json.loads(json.dumps(b))
        ins = b.get('inserted')
        if ins:
            ins.pop('node-name')
            img = ins['image']
            while img:
                img['actual-size'] = 'SIZE' if img.get('actual-size', 0) > 0 else img.get(
                    'actual-size')
                img = img.get('backing-image')
        out.append(b)
    return out


def stat_nodes(s):
    """A BlockStats and every node below it."""
    yield s
    for k in ('parent', 'backing'):
        if k in s:
            yield from stat_nodes(s[k])


def mask_stats(stats):
    """The counters as zero or not."""
    out = []
    for s in stats:
        if s.get('device') in ('floppy0', 'sd0'):
            continue
        s = json.loads(json.dumps(s))
        for node in stat_nodes(s):
            node.pop('node-name', None)
            st = node['stats']
            if node is not s:
                # qemu counts the highest offset written at every node;
                # mimic counts at the device only.
                st.pop('wr_highest_offset')
            if 'idle_time_ns' in st:
                st['idle_time_ns'] = 'NS'
            for k, v in st.items():
                if isinstance(v, int) and not isinstance(v, bool):
                    st[k] = 'zero' if v == 0 else 'nonzero'
        out.append(s)
    return out


def stats_of(stats, device):
    for s in stats:
        if s.get('device') == device:
            return s['stats']
    raise Fail('no blockstats for %s' % device)


# ---- the session ----

def session(m):
    """One QMP session on a machine at -S; returns the record."""
    q = m.qmp
    rec = []

    def note(what, value):
        rec.append('%s: %s' % (what, json.dumps(value, sort_keys=True)))

    g = q.greeting['QMP']
    note('greeting', {'version': mask_version(g['version']),
                      'capabilities-is-list': isinstance(g['capabilities'], list)})
    note('before negotiation', q.cmd('query-status'))
    note('qmp_capabilities', q.cmd('qmp_capabilities'))
    note('qmp_capabilities again', q.cmd('qmp_capabilities'))
    note('query-status at -S', q.cmd('query-status'))
    note('query-name', q.cmd('query-name'))
    note('query-version', mask_version(q.cmd('query-version')['return']))
    note('query-cpus-fast', mask_cpus(q.cmd('query-cpus-fast')['return'], m))
    note('query-block', mask_block(q.cmd('query-block')['return']))
    note('query-blockstats at -S', mask_stats(q.cmd('query-blockstats')['return']))
    note('human info status', q.cmd('human-monitor-command', **{'command-line': 'info status'}))

    note('cont', q.cmd('cont'))
    note('event', mask_event(q.wait_event('RESUME')))
    note('query-status running', q.cmd('query-status'))
    m.wait_count(4)
    s1 = stats_of(q.cmd('query-blockstats')['return'], 'disk0')
    m.wait_count(m.count() + 3)
    s2 = stats_of(q.cmd('query-blockstats')['return'], 'disk0')
    for k in ('rd_operations', 'rd_bytes', 'wr_operations', 'wr_bytes', 'flush_operations'):
        if not s2[k] > s1[k] > 0:
            raise Fail('blockstats %s did not grow while the guest wrote: %d, %d'
                       % (k, s1[k], s2[k]))
    note('blockstats grow while the guest counts', True)
    note('cpu-index selects a CPU', q.cmd('human-monitor-command', **{
        'command-line': 'info status', 'cpu-index': 1}))

    note('stop', q.cmd('stop'))
    note('event', mask_event(q.wait_event('STOP')))
    time.sleep(0.5)
    at, s3 = m.count(), stats_of(q.cmd('query-blockstats')['return'], 'disk0')
    time.sleep(1.0)
    s4 = stats_of(q.cmd('query-blockstats')['return'], 'disk0')
    if m.count() != at or s3['wr_operations'] != s4['wr_operations']:
        raise Fail('the guest ran on while stopped')
    note('nothing moves while stopped', True)
    note('query-status paused', q.cmd('query-status'))
    note('stop again', q.cmd('stop'))
    note('human info status', q.cmd('human-monitor-command', **{'command-line': 'info status'}))
    note('query-blockstats after I/O', mask_stats(q.cmd('query-blockstats')['return']))
    jobs(m, note)

    for raw in BAD_REQUESTS:
        q.send(raw)
        n = 3 if raw.endswith('[1]') else 1
        note(raw, [q.reply() for _ in range(n)])
    if q.events:
        raise Fail('events nobody caused: %r' % q.events)

    note('system_reset', q.cmd('system_reset'))
    note('event', mask_event(q.wait_event('RESET')))
    note('query-status after reset', q.cmd('query-status'))
    mark = m.count()
    note('cont', q.cmd('cont'))
    note('event', mask_event(q.wait_event('RESUME')))
    # The reset machine boots again and counts from 1.
    while True:
        c = [int(x) for x in COUNT.findall(m.console())]
        if len(c) > 1 and c[-1] < mark and c[-1] >= 1:
            break
        if time.time() > m.deadline:
            raise Fail('no new boot after system_reset:\n' + m.console()[-2000:])
        time.sleep(0.1)
    note('counts again from the start after the reset', True)
    note('system_powerdown', q.cmd('system_powerdown'))
    note('event', mask_event(q.wait_event('POWERDOWN')))

    # A second client after the first leaves: a session of its own.
    q.close()
    q2 = Qmp(m.sock, m.p, m.deadline)
    note('second greeting', mask_version(q2.greeting['QMP']['version']))
    note('second: before negotiation', q2.cmd('query-name'))
    note('second: qmp_capabilities', q2.cmd('qmp_capabilities'))
    note('quit', q2.cmd('quit'))
    ev = q2.events + []
    try:
        while True:
            ev.append(q2.read())
    except Fail:
        pass
    note('events at quit', [mask_event(e) for e in ev])
    m.p.wait(30)
    note('exit status', m.p.returncode)
    m.qmp = q2
    return rec


SNAPSHOT_ROW = re.compile(r'^(\S+)\s+(\S+)\s+[\d.]+ [KMG]?i?B\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d'
                          r'\s+\d+:\d\d:\d\d\.\d{3}\s*$')


def mask_snapshots(reply):
    """info snapshots with sizes, dates and clocks masked."""
    text = reply.get('return', '')
    return [SNAPSHOT_ROW.sub(r'\1 \2 SIZE DATE CLOCK', line) for line in text.split('\r\n')]


def jobs(m, note):
    """The snapshot jobs on a stopped machine, then loaded back into a
    running one: the disk's node name is what query-block says."""
    q = m.qmp
    node = q.cmd('query-block')['return'][0]['inserted']['node-name']

    def job(name, **args):
        """A job's command: the events up to its conclusion, with the
        reply's place among them."""
        args = json.loads(json.dumps(args).replace('NODE', node))
        before = len(q.events)
        r = q.cmd(name, **args)
        seq = [mask_event(e) for e in q.events[before:]] + [r]
        del q.events[before:]
        if 'return' in r:
            while True:
                e = mask_event(q.wait_event('JOB_STATUS_CHANGE') if not q.events else
                               q.events.pop(0))
                seq.append(e)
                if e.get('data', {}).get('status') == 'concluded':
                    break
        return seq

    def query_jobs():
        return q.cmd('query-jobs')

    at = m.count()
    note('snapshot-save', job('snapshot-save', **{'job-id': 'j1', 'tag': 's1', 'vmstate': 'NODE',
                                                'devices': ['NODE']}))
    note('query-jobs', query_jobs())
    note('job id in use', job('snapshot-save', **{'job-id': 'j1', 'tag': 's2',
                                                'vmstate': 'NODE', 'devices': ['NODE']}))
    note('job id malformed', job('snapshot-save', **{'job-id': '1bad', 'tag': 's2',
                                                   'vmstate': 'NODE', 'devices': ['NODE']}))
    note('job-dismiss', [q.cmd('job-dismiss', id='j1'), mask_event(q.wait_event(
        'JOB_STATUS_CHANGE'))])
    note('job-dismiss unknown', q.cmd('job-dismiss', id='nope'))
    note('snapshot-save existing tag', job('snapshot-save', **{
        'job-id': 'j2', 'tag': 's1', 'vmstate': 'NODE', 'devices': ['NODE']}))
    note('snapshot-save unknown node', job('snapshot-save', **{
        'job-id': 'j3', 'tag': 's3', 'vmstate': 'NODE', 'devices': ['nonode']}))
    note('snapshot-save no device', job('snapshot-save', **{
        'job-id': 'j4', 'tag': 's3', 'vmstate': 'NODE', 'devices': []}))
    note('snapshot-save unknown vmstate', job('snapshot-save', **{
        'job-id': 'j5', 'tag': 's3', 'vmstate': 'nonode', 'devices': ['NODE']}))
    note('query-jobs', query_jobs())
    note('info snapshots', mask_snapshots(q.cmd('human-monitor-command',
                                                **{'command-line': 'info snapshots'})))
    for j in ('j2', 'j3', 'j4', 'j5'):
        q.cmd('job-dismiss', id=j)
        q.wait_event('JOB_STATUS_CHANGE')

    # Run on, then go back to the save: the next count is the one after it.
    q.cmd('cont')
    q.wait_event('RESUME')
    m.wait_count(at + 4)
    note('snapshot-load while running', job('snapshot-load', **{
        'job-id': 'j6', 'tag': 's1', 'vmstate': 'NODE', 'devices': ['NODE']}))
    mark = len(m.console())
    while not COUNT.search(m.console()[mark:]):
        if time.time() > m.deadline:
            raise Fail('no count after snapshot-load')
        time.sleep(0.05)
    first = int(COUNT.search(m.console()[mark:]).group(1))
    note('first count after snapshot-load', 'saved+%d' % (first - at))
    q.cmd('stop')
    q.wait_event('STOP')
    note('snapshot-delete', job('snapshot-delete', **{'job-id': 'j7', 'tag': 's1',
                                                    'devices': ['NODE']}))
    note('info snapshots after delete', mask_snapshots(q.cmd(
        'human-monitor-command', **{'command-line': 'info snapshots'})))
    note('query-jobs', query_jobs())
    for j in ('j6', 'j7'):
        q.cmd('job-dismiss', id=j)
        q.wait_event('JOB_STATUS_CHANGE')
    note('query-jobs after dismissing', query_jobs())


def guest_poweroff(m):
    q = m.qmp
    q.cmd('qmp_capabilities')
    q.cmd('cont')
    ev = []
    try:
        while True:
            msg = q.read()
            if 'event' in msg:
                ev.append(mask_event(msg))
    except Fail:
        pass
    m.p.wait(60)
    return ['guest poweroff events: %s' % json.dumps(ev, sort_keys=True),
            'exit status: %d' % m.p.returncode]


# ---- the schema ----

def schema_of(q):
    return {e['name']: e for e in q.cmd('query-qmp-schema')['return']}


def flatten(schema, name, case):
    """An object type's members by name: (type name, optional), with a
    union's variant for case (the discriminator's value) merged in."""
    t = schema[name]
    members = {m['name']: (m['type'], 'default' in m) for m in t['members']}
    if 'variants' in t:
        tag_values = schema[members[t['tag']][0]]['values']
        pick = case.get(t['tag'], tag_values[0])
        for v in t['variants']:
            if v['case'] == pick:
                members.update(flatten(schema, v['type'], case))
    return members


def compatible(ours, theirs, a, b, path, seen):
    """Every value of type a in our schema is one of type b in theirs."""
    if (a, b) in seen:
        return []
    seen.add((a, b))
    ta, tb = ours[a], theirs[b]
    if ta['meta-type'] != tb['meta-type']:
        return ['%s: %s in mimic, %s in qemu' % (path, ta['meta-type'], tb['meta-type'])]
    kind = ta['meta-type']
    if kind == 'builtin':
        return [] if ta['json-type'] == tb['json-type'] else [
            '%s: %s against %s' % (path, ta['json-type'], tb['json-type'])]
    if kind == 'enum':
        extra = set(ta['values']) - set(tb['values'])
        return ['%s: values %s not in qemu' % (path, sorted(extra))] if extra else []
    if kind == 'array':
        return compatible(ours, theirs, ta['element-type'], tb['element-type'], path + '[]', seen)
    if kind != 'object':
        return []
    # Unions: mimic has the cases of its target and formats.
    case = {'target': 'aarch64', 'type': 'qcow2', 'driver': 'file'}
    ma, mb = flatten(ours, a, case), flatten(theirs, b, case)
    problems = []
    for m, (t, opt) in ma.items():
        if m not in mb:
            problems.append('%s.%s: not in qemu' % (path, m))
            continue
        if opt != mb[m][1]:
            problems.append('%s.%s: optional %s in mimic, %s in qemu' % (path, m, opt, mb[m][1]))
        problems += compatible(ours, theirs, t, mb[m][0], '%s.%s' % (path, m), seen)
    for m, (t, opt) in mb.items():
        if not opt and m not in ma:
            problems.append('%s.%s: required by qemu, missing in mimic' % (path, m))
    return problems


def check_schemas(ours, theirs):
    problems = []
    for name, e in ours.items():
        if e['meta-type'] not in ('command', 'event'):
            continue
        if name not in theirs:
            problems.append('%s: not in qemu 7.2' % name)
            continue
        t = theirs[name]
        problems += compatible(ours, theirs, e['arg-type'], t['arg-type'], name + ' args', set())
        if 'ret-type' in e and name != 'query-qmp-schema':
            problems += compatible(ours, theirs, e['ret-type'], t['ret-type'], name + ' reply',
                                   set())
    return problems


def validate(schema, t, value, path):
    """value has type t of schema (introspection names)."""
    e = schema[t]
    kind = e['meta-type']
    if kind == 'builtin':
        ok = {'string': lambda v: isinstance(v, str),
              'int': lambda v: isinstance(v, int) and not isinstance(v, bool),
              'number': lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
              'boolean': lambda v: isinstance(v, bool),
              'null': lambda v: v is None,
              'value': lambda v: True}[e['json-type']](value)
        return [] if ok else ['%s: %r is no %s' % (path, value, e['json-type'])]
    if kind == 'enum':
        return [] if value in e['values'] else ['%s: %r not in %s' % (path, value, t)]
    if kind == 'array':
        if not isinstance(value, list):
            return ['%s: not an array' % path]
        return sum((validate(schema, e['element-type'], v, '%s[%d]' % (path, i))
                    for i, v in enumerate(value)), [])
    if not isinstance(value, dict):
        return ['%s: not an object' % path]
    members = flatten(schema, t, value)
    problems = ['%s.%s: not in the schema' % (path, k) for k in value if k not in members]
    for k, (mt, opt) in members.items():
        if k in value:
            problems += validate(schema, mt, value[k], '%s.%s' % (path, k))
        elif not opt:
            problems.append('%s.%s: missing' % (path, k))
    return problems


def check_replies(q, schema):
    """Every command that takes no argument (or only optional ones),
    its reply validated against its ret-type."""
    problems = []
    for name, e in schema.items():
        if e['meta-type'] != 'command' or name in ('quit', 'stop', 'cont', 'system_reset',
                                                   'system_powerdown', 'qmp_capabilities'):
            continue
        if any('default' not in mm for mm in schema[e['arg-type']]['members']):
            continue
        r = q.cmd(name)
        if 'return' not in r:
            problems.append('%s: %r' % (name, r))
            continue
        problems += validate(schema, e['ret-type'], r['return'], name)
    commands = sorted(c['name'] for c in q.cmd('query-commands')['return'])
    if commands != sorted(n for n, e in schema.items() if e['meta-type'] == 'command'):
        problems.append('query-commands %s is not the schema\'s commands' % commands)
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--emu', required=True)
    ap.add_argument('--oracle', required=True)
    ap.add_argument('--qemu-img', default='qemu-img')
    ap.add_argument('--kernel-pin', nargs=4, required=True)
    ap.add_argument('--busybox-pin', nargs=4, required=True)
    o = ap.parse_args()
    kernel, bb = bootimage.test_inputs(o.kernel_pin, o.busybox_pin)
    records, schemas = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        initrd = os.path.join(tmp, 'initrd.gz')
        mkinitramfs.make(bb, os.path.join(HERE, 'init'), initrd,
                         bootimage.test_modules(kernel, ['virtio_blk']))
        for side, emu in (('oracle', o.oracle), ('emu', os.path.abspath(o.emu))):
            t = time.monotonic()
            m = Machine(emu, kernel, initrd, os.path.join(tmp, side), o.qemu_img, side)
            try:
                m.qmp.cmd('qmp_capabilities')
                schemas[side] = schema_of(m.qmp)
                problems = check_replies(m.qmp, schemas[side]) if side == 'emu' else []
                if problems:
                    raise Fail('replies that do not match the schema:\n  '
                               + '\n  '.join(problems))
                m.qmp.close()
                m.qmp = Qmp(m.sock, m.p, m.deadline)
                rec = session(m)
                m2 = Machine(emu, kernel, initrd, os.path.join(tmp, side + '-off'), o.qemu_img,
                             side, 'countto=3')
                try:
                    rec += guest_poweroff(m2)
                finally:
                    m2.kill()
            except Fail as e:
                print('FAIL: %s: %s\n%s' % (side, e, m.console()[-1500:]))
                return 1
            finally:
                m.kill()
            records[side] = rec
            print('%s: %.1f s' % (side, time.monotonic() - t))
    problems = check_schemas(schemas['emu'], schemas['oracle'])
    if problems:
        print('FAIL: mimic\'s schema against qemu\'s:\n  ' + '\n  '.join(problems))
        return 1
    want, got = records['oracle'], records['emu']
    facts = ['"reason": "guest-shutdown"', '"reason": "host-qmp-quit"',
             '"reason": "host-qmp-system-reset"', 'exit status: 0', '"event": "STOP"',
             '"event": "RESUME"', '"event": "POWERDOWN"']
    text = '\n'.join(want)
    missing = [f for f in facts if f not in text]
    if missing:
        print('FAIL: the oracle does not show %s:\n%s' % (missing, text))
        return 1
    if want != got:
        sys.stdout.writelines(difflib.unified_diff(
            [l + '\n' for l in want], [l + '\n' for l in got], 'oracle', 'emu'))
        print('FAIL')
        return 1
    print('\n'.join(got))
    n = sum(1 for e in schemas['emu'].values() if e['meta-type'] == 'command')
    print('%d commands, every reply valid against the schema and the schema against qemu\'s' % n)
    return 0


if __name__ == '__main__':
    sys.exit(main())
