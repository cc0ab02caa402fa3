"""The QMP client of the QMP tests (run-qmp.py, fuzz-qmp.py): one
connection, replies in order, events kept aside in arrival order.  The
socket stays blocking (reads wait in select), so a second thread may
write a long request while this one reads the replies."""
import json
import select
import socket
import threading
import time


class Fail(Exception):
    pass


class QmpClient:
    def __init__(self, path, proc, deadline):
        """Connects to the unix socket path of the emulator proc (retrying
        until it listens) and reads the greeting."""
        self.proc, self.deadline = proc, deadline
        self.s = socket.socket(socket.AF_UNIX)
        while True:
            try:
                self.s.connect(path)
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise Fail('no QMP socket (status %s)' % proc.poll())
                time.sleep(0.05)
        self.buf = b''
        self.events = []
        self.greeting = self.read()
        if 'QMP' not in self.greeting:
            raise Fail('no greeting: %r' % self.greeting)

    def read(self, timeout=None):
        """The next message, reply or event."""
        end = min(self.deadline, time.time() + timeout) if timeout else self.deadline
        while b'\n' not in self.buf:
            if time.time() > end:
                raise Fail('no reply in time')
            if not select.select([self.s], [], [], 0.5)[0]:
                if self.proc.poll() is not None and self.proc.returncode != 0:
                    raise Fail('the emulator ended with status %d' % self.proc.returncode)
                continue
            try:
                d = self.s.recv(1 << 20)
            except OSError:
                d = b''         # reset by a peer that is gone
            if not d:
                raise Fail('QMP connection closed')
            self.buf += d
        line, self.buf = self.buf.split(b'\n', 1)
        return json.loads(line)

    def reply(self, timeout=None):
        while True:
            msg = self.read(timeout)
            if 'event' in msg:
                self.events.append(msg)
            else:
                return msg

    def send(self, data):
        self.s.sendall(data if isinstance(data, bytes) else data.encode())

    def send_async(self, data):
        """Writes from a thread of its own: the emulator reads no more
        while its replies wait to be read, so one thread could not do both."""
        t = threading.Thread(target=self.send, args=(data,), daemon=True)
        t.start()
        return t

    def cmd(self, name, **args):
        req = {'execute': name}
        if args:
            req['arguments'] = args
        self.send(json.dumps(req) + '\n')
        return self.reply()

    def wait_event(self, name):
        while True:
            for i, e in enumerate(self.events):
                if e['event'] == name:
                    return self.events.pop(i)
            self.events.append(self.read())

    def drain(self, seconds):
        """Reads whatever comes for a while (replies to garbage)."""
        end = time.time() + seconds
        while time.time() < end:
            if not select.select([self.s], [], [], 0.05)[0]:
                continue
            try:
                if not self.s.recv(1 << 20):
                    return
            except OSError:
                return

    def close(self):
        self.s.close()
