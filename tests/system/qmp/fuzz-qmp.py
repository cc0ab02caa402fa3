#!/usr/bin/env python3
"""QMP under hostile input: mimic never crashes or hangs, loses no reply,
and a fresh connection always gets a working session.

On a machine stopped at start (-S, a bare-metal program), one round each:
  - 20,000 requests pipelined in one write before reading any reply, and
    300 query-qmp-schema: every reply arrives, in order, with its id;
  - a 20 MB string argument (its reply larger than a chardev keeps for a
    plain console) and a 70 MB one (past the reader's 64 MB limit);
  - 200,000 nested brackets;
  - every command with arguments of random JSON types and values;
  - 3,000 mutations of valid requests (bytes changed, cut, repeated);
  - 2 MB of random bytes;
after each, on a new connection: the greeting, negotiation, query-status.
Last, quit ends the process with status 0.  The property needs no oracle.

  fuzz-qmp.py --emu EMU --kernel ELF [--seed N]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qmpclient import Fail, QmpClient  # noqa: E402


def healthy(path, proc, what):
    c = QmpClient(path, proc, time.time() + 120)
    r = c.cmd('query-status')
    if r.get('error', {}).get('class') != 'CommandNotFound':
        raise Fail('%s: a new session ran a command before negotiation: %r' % (what, r))
    if c.cmd('qmp_capabilities') != {'return': {}}:
        raise Fail('%s: negotiation failed' % what)
    r = c.cmd('query-status')
    if r.get('return', {}).get('status') != 'prelaunch':
        raise Fail('%s: query-status %r' % (what, r))
    return c


def random_value(rnd, depth=0):
    kind = rnd.randrange(8 if depth < 3 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rnd.choice([True, False])
    if kind == 2:
        return rnd.choice([0, -1, 1, 2 ** 63 - 1, -2 ** 63, 2 ** 64, rnd.randrange(-99, 99)])
    if kind == 3:
        return rnd.choice([0.5, -1e308, 1e-300])
    if kind == 4:
        return ''.join(rnd.choice('abcdefgh-_ \u00e9\"\\') for _ in range(rnd.randrange(8, 20)))
    if kind == 5:
        return [random_value(rnd, depth + 1) for _ in range(rnd.randrange(4))]
    return {rnd.choice(['enable', 'query-nodes', 'command-line', 'cpu-index', 'x']):
            random_value(rnd, depth + 1) for _ in range(rnd.randrange(4))}


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--emu', required=True)
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--seed', type=int, default=None)
    o = ap.parse_args()
    seed = o.seed if o.seed is not None else random.randrange(1 << 32)
    rnd = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        sock = os.path.join(tmp, 'qmp.sock')
        p = subprocess.Popen([os.path.abspath(o.emu), '-M', 'virt', '-m', '128M', '-display',
                              'none', '-serial', 'null', '-monitor', 'none', '-kernel', o.kernel,
                              '-qmp', 'unix:%s,server=on,wait=off' % sock, '-S'],
                             stdin=subprocess.DEVNULL)
        try:
            c = healthy(sock, p, 'start')
            t = time.monotonic()

            # Pipelined: everything written before any reply is read.
            n = 20000
            c.send_async(''.join('{"execute": "query-status", "id": %d}\n' % i
                                 for i in range(n)))
            for i in range(n):
                r = c.reply()
                if r.get('id') != i or 'return' not in r:
                    raise Fail('pipelined request %d: %r' % (i, r))
            c.send_async('{"execute": "query-qmp-schema", "id": "s"}\n' * 300)
            first = None
            for i in range(300):
                r = c.reply()
                first = first or r
                if r != first:
                    raise Fail('query-qmp-schema reply %d differs' % i)
            print('pipelined: %d + 300 replies in order (%.1f s)' % (n, time.monotonic() - t))

            # Huge strings: a 20 MB command line, whose reply repeats it.
            big = 'x' * (20 << 20)
            r = c.cmd('human-monitor-command', **{'command-line': big})
            if r.get('return') != "unknown command: '%s'\r\n" % big:
                raise Fail('20 MB command line: a reply of %d bytes' % len(json.dumps(r)))
            t = c.send_async('{"execute": "human-monitor-command", "arguments": '
                             '{"command-line": "%s"}}\n' % ('y' * (70 << 20)))
            r = c.reply(120)        # at the limit, before the rest is sent
            t.join()
            if r.get('error', {}).get('desc') != 'JSON parse error, value too long':
                raise Fail('70 MB request: %r' % str(r)[:200])
            if c.cmd('query-status').get('return', {}).get('status') != 'prelaunch':
                raise Fail('no session after a 70 MB request')
            print('huge strings: answered, and refused past the limit')

            deep = 200000
            t = c.send_async('[' * deep + ']' * deep + '\n')
            r = c.reply()
            t.join()
            if 'too many nested' not in r.get('error', {}).get('desc', ''):
                raise Fail('deep nesting: %r' % r)
            if 'return' not in c.cmd('query-name'):
                raise Fail('no session after deep nesting')
            print('deep nesting: one error, the session goes on')

            schema = c.cmd('query-qmp-schema')['return']
            names = [e['name'] for e in schema if e['meta-type'] == 'command'
                     and e['name'] not in ('quit',)]
            for k in range(3000):
                name = rnd.choice(names)
                req = {'execute': name, 'id': k}
                if rnd.random() < 0.9:
                    req['arguments'] = random_value(rnd) if rnd.random() < 0.2 else {
                        kk: random_value(rnd) for kk in rnd.sample(
                            ['enable', 'query-nodes', 'command-line', 'cpu-index', 'x'],
                            rnd.randrange(1, 4))}
                c.send(json.dumps(req) + '\n')
                r = c.reply()
                if r.get('id') != k or not ('return' in r or 'error' in r):
                    raise Fail('%s: %r' % (json.dumps(req)[:200], r))
                if name == 'cont' and 'return' in r:
                    c.cmd('stop')
                    c.cmd('system_reset')
            print('random arguments: 3000 requests, each a reply or an error')
            c.close()
            c = healthy(sock, p, 'random arguments')

            valid = [b'{"execute": "query-status", "id": 1}',
                     b'{"execute": "human-monitor-command", "arguments": '
                     b'{"command-line": "info status", "cpu-index": 0}}',
                     b"{'execute': 'query-blockstats', 'arguments': {'query-nodes': true}}"]
            for k in range(30):
                data = b''
                for _ in range(100):
                    v = bytearray(rnd.choice(valid))
                    for _ in range(rnd.randrange(1, 6)):
                        op = rnd.randrange(3)
                        i = rnd.randrange(len(v))
                        if op == 0:
                            v[i] = rnd.randrange(256)
                        elif op == 1:
                            del v[i:i + rnd.randrange(1, 8)]
                        else:
                            v[i:i] = v[i:i + rnd.randrange(1, 8)] * rnd.randrange(1, 50)
                    data += bytes(v) + b'\n'
                t = c.send_async(data)
                while t.is_alive():
                    c.drain(0.05)
                c.close()
                c = healthy(sock, p, 'mutations')
            print('mutations: 3000, a working session after each hundred')

            t = c.send_async(bytes(rnd.randrange(256) for _ in range(2 << 20)))
            while t.is_alive():
                c.drain(0.2)
            c.close()
            c = healthy(sock, p, 'random bytes')
            print('random bytes: 2 MB, then a working session')

            r = c.cmd('quit')
            if r != {'return': {}}:
                raise Fail('quit: %r' % r)
            p.wait(30)
            if p.returncode != 0:
                raise Fail('exit status %d after quit' % p.returncode)
        except (Fail, OSError, ValueError) as e:
            print('FAIL (seed %d): %s' % (seed, e))
            return 1
        finally:
            if p.poll() is None:
                p.kill()
            p.wait()
    print('seed %d: no crash, no hang, no reply lost' % seed)
    return 0


if __name__ == '__main__':
    sys.exit(main())
