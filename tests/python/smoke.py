# Owns: the guest side of the Python slow test: Debian's arm64 Python 3.11
# runs this under the emulator and prints one "section: result" line per
# check, each line the same on any correct Linux (no pids, addresses, times
# or paths), so run-python.py compares the lines with smoke.expected and with
# qemu-aarch64's. The checks aim at what mimic shares with the guest: the fd
# table and RLIMIT_NOFILE (mimic's own fds sit above the guest's limit),
# /proc/self (fd listing, maps, status, a live mem, exe), syscall restart
# under signal storms, the emulated RLIMIT_AS, fork and re-exec of itself,
# and thread exit.
#
#   python3.11 smoke.py [SECTION...]     (no section: all of them)
import ctypes
import errno
import mmap
import multiprocessing
import os
import queue
import resource
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time

SECTIONS = []


def section(fn):
    SECTIONS.append(fn)
    return fn


def say(name, value):
    print('%s: %s' % (name, value), flush=True)


def fds():
    """The guest's open fds, without the one listdir itself opens."""
    return sorted(int(x) for x in os.listdir('/proc/self/fd'))


def status(key):
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith(key + ':'):
                return line.split(':', 1)[1].strip()
    return None


@section
def fd_table():
    base = fds()
    # listdir's own fd is the lowest free one at the time it opens
    say('fd-start', base)
    r, w = os.pipe()
    say('fd-pipe', (r, w, fds()))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    say('nofile-sane', 0 < soft <= hard < 2**31)
    # the highest fd the limit allows is the guest's, and shows in the listing
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    top = os.dup2(0, hard - 1)
    say('fd-top', top == hard - 1 and hard - 1 in fds())
    try:
        os.dup2(0, hard)
        say('fd-above-hard', 'allowed')
    except OSError as e:
        say('fd-above-hard', errno.errorcode[e.errno])
    try:
        os.fstat(hard)
        say('fstat-above-hard', 'allowed')
    except OSError as e:
        say('fstat-above-hard', errno.errorcode[e.errno])
    os.close(top)
    # a lower soft limit: the fd at the limit is refused, below it is fine
    resource.setrlimit(resource.RLIMIT_NOFILE, (64, hard))
    say('nofile-set', resource.getrlimit(resource.RLIMIT_NOFILE) == (64, hard))
    say('dup2-63', os.dup2(0, 63) == 63)
    try:
        os.dup2(0, 64)
        say('dup2-64', 'allowed')
    except OSError as e:
        say('dup2-64', errno.errorcode[e.errno])
    opened = []
    try:
        while True:
            opened.append(os.open('/dev/null', os.O_RDONLY))
    except OSError as e:
        say('open-until-full', '%s after fd %d' % (errno.errorcode[e.errno], opened[-1]))
    for fd in opened:
        os.close(fd)
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    # close_range over everything from 3: only the guest's fds go, and the
    # emulator must go on working (it reads files and runs the child below)
    os.closerange(3, 2**31 - 1)
    say('closerange', fds())
    with open('/proc/self/status') as f:
        say('after-closerange', f.readline().split()[0])


@section
def subprocess_fds():
    r, w = os.pipe()
    keep = os.dup(r)
    os.set_inheritable(r, True)
    os.set_inheritable(w, True)
    child = ('import os; print(sorted(int(x) for x in os.listdir("/proc/self/fd")))')
    out = subprocess.run([sys.executable, '-c', child], capture_output=True, text=True,
                         close_fds=True, pass_fds=(keep,), stdin=subprocess.DEVNULL)
    say('child-fds', (keep, out.stdout.strip()))
    out = subprocess.run([sys.executable, '-c', child], capture_output=True, text=True,
                         close_fds=False, stdin=subprocess.DEVNULL)
    say('child-inherits', (r, w, keep, out.stdout.strip()))
    for fd in (r, w, keep):
        os.close(fd)
    # re-exec of itself: the child is the same interpreter and sees itself
    # the same way through /proc/self/exe
    out = subprocess.run([sys.executable, '-c', 'import os, sys; '
                          'print(sys.executable); print(os.readlink("/proc/self/exe"))'],
                         capture_output=True, text=True)
    lines = out.stdout.split()
    say('reexec', out.returncode == 0 and lines[0] == sys.executable and
        os.path.realpath(lines[1]) == os.path.realpath(sys.executable))
    say('self-exe', os.path.realpath(os.readlink('/proc/self/exe')) ==
        os.path.realpath(sys.executable))
    # exec of /proc/self/exe itself runs this interpreter again
    out = subprocess.run(['/proc/self/exe', '-c', 'print(6 * 7)'],
                         capture_output=True, text=True)
    say('exec-proc-self-exe', out.stdout.strip())
    out = subprocess.run([sys.executable, '-c', 'import sys; sys.exit(3)'])
    say('child-exit', out.returncode)
    out = subprocess.run([sys.executable, '-c', 'import os; os.kill(os.getpid(), 15)'])
    say('child-signal', out.returncode)


@section
def proc_self():
    with open('/proc/self/maps') as f:
        maps = f.read().splitlines()
    exe = os.path.realpath(sys.executable)
    say('maps-exe', any(l.endswith(exe) and ' r-xp ' in l for l in maps))
    say('maps-stack', any(l.endswith('[stack]') for l in maps))
    say('maps-libc', any(l.endswith('/libc.so.6') for l in maps))
    say('maps-sorted', all(int(a.split('-')[0], 16) < int(b.split('-')[0], 16)
                           for a, b in zip(maps, maps[1:])))
    say('status-name', status('Name'))
    say('status-threads', status('Threads'))
    say('status-pid', int(status('Pid')) == os.getpid())
    say('stat-pid', int(open('/proc/self/stat').read().split()[0]) == os.getpid())
    # argv[0] of the interpreter, then the script and its arguments
    say('cmdline', open('/proc/self/cmdline', 'rb').read().split(b'\0')[1:-1] ==
        [a.encode() for a in sys.argv])
    say('proc-pid-name', open('/proc/%d/status' % os.getpid()).readline().split())
    buf = ctypes.create_string_buffer(b'read me through proc')
    with open('/proc/self/mem', 'r+b', buffering=0) as m:
        m.seek(ctypes.addressof(buf))
        say('mem-read', m.read(20).decode())
        m.seek(ctypes.addressof(buf))
        m.write(b'WRITE')
    say('mem-write', buf.value.decode())


@section
def rlimits():
    stack = resource.getrlimit(resource.RLIMIT_STACK)
    say('stack-limit-sane', stack[0] == resource.RLIM_INFINITY or stack[0] >= 1 << 20)
    old = resource.getrlimit(resource.RLIMIT_AS)
    vm = int(status('VmSize').split()[0]) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (vm + (512 << 20), old[1]))
    try:
        small = mmap.mmap(-1, 64 << 20)
        small[-1] = 1
        say('as-small', 'ok')
        small.close()
    except OSError as e:
        say('as-small', errno.errorcode[e.errno])
    try:
        mmap.mmap(-1, 1 << 30)
        say('as-big', 'allowed')
    except OSError as e:
        say('as-big', errno.errorcode[e.errno])
    try:
        bytearray(1 << 30)
        say('as-malloc', 'allowed')
    except MemoryError:
        say('as-malloc', 'MemoryError')
    resource.setrlimit(resource.RLIMIT_AS, old)
    big = mmap.mmap(-1, 1 << 30)
    say('as-restored', len(big) == 1 << 30)
    big.close()
    # RLIMIT_DATA counts brk and private writable mappings
    old = resource.getrlimit(resource.RLIMIT_DATA)
    resource.setrlimit(resource.RLIMIT_DATA, (vm + (256 << 20), old[1]))
    try:
        mmap.mmap(-1, 1 << 30, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
        say('data-big', 'allowed')
    except OSError as e:
        say('data-big', errno.errorcode[e.errno])
    ro = mmap.mmap(-1, 1 << 30, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS,
                   prot=mmap.PROT_READ)
    say('data-readonly', len(ro) == 1 << 30)
    ro.close()
    resource.setrlimit(resource.RLIMIT_DATA, old)
    say('data-restored', resource.getrlimit(resource.RLIMIT_DATA) == old)


@section
def mmap_module():
    with tempfile.TemporaryFile() as f:
        f.write(b'\0' * 8192)
        f.flush()
        m = mmap.mmap(f.fileno(), 8192)
        m[0:5] = b'hello'
        m[4096:4101] = b'world'
        m.flush()
        f.seek(4096)
        say('mmap-file', f.read(5).decode() + m[0:5].decode())
        m.resize(16384)
        m[16000:16003] = b'end'
        say('mmap-resize', len(m) == 16384 and os.fstat(f.fileno()).st_size == 16384)
        m.close()
    a = mmap.mmap(-1, 1 << 20, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    a[:] = b'x' * (1 << 20)
    a.madvise(mmap.MADV_DONTNEED)
    say('madv-dontneed', a[0:1] == b'\0' and a[-1:] == b'\0')
    s = mmap.mmap(-1, 4096)
    pid = os.fork()
    if pid == 0:
        s[0:6] = b'shared'
        os._exit(0)
    os.waitpid(pid, 0)
    say('mmap-shared-fork', s[0:6].decode())
    a.close()
    s.close()


class Storm:
    """An interval timer firing every `period` seconds, counting its signals."""

    def __init__(self, period=0.001):
        self.count = 0
        signal.signal(signal.SIGALRM, self.handler)
        signal.setitimer(signal.ITIMER_REAL, period, period)

    def handler(self, signum, frame):
        self.count += 1

    def stop(self):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


@section
def threads_under_signals():
    storm = Storm()
    q = queue.Queue(maxsize=4)
    out = queue.Queue()
    cond = threading.Condition()
    state = {'turn': 0}
    N = 400

    def producer():
        for i in range(N):
            q.put(i)
        for _ in range(3):
            q.put(None)

    def consumer():
        total = 0
        while (item := q.get()) is not None:
            total += item
        out.put(total)

    def pingpong(me):
        for _ in range(100):
            with cond:
                while state['turn'] != me:
                    cond.wait()
                state['turn'] = 1 - me
                cond.notify_all()

    ts = [threading.Thread(target=producer)] + \
        [threading.Thread(target=consumer) for _ in range(3)] + \
        [threading.Thread(target=pingpong, args=(i,)) for i in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(60)
    say('queue-sum', sum(out.get() for _ in range(3)) == N * (N - 1) // 2)
    say('pingpong', state['turn'] == 0 and not any(t.is_alive() for t in ts))
    ev = threading.Event()
    t0 = time.monotonic()
    say('event-timeout', ev.wait(0.2) is False and time.monotonic() - t0 >= 0.2)
    lock = threading.Lock()
    lock.acquire()
    t0 = time.monotonic()
    say('lock-timeout', lock.acquire(timeout=0.2) is False and time.monotonic() - t0 >= 0.2)
    t0 = time.monotonic()
    time.sleep(0.2)
    say('sleep-resumed', time.monotonic() - t0 >= 0.2)
    storm.stop()
    say('storm-fired', storm.count > 20)
    say('threads-after-join', status('Threads'))


@section
def select_poll_signals():
    storm = Storm(0.005)
    r, w = os.pipe()
    t0 = time.monotonic()
    say('select-timeout', select.select([r], [], [], 0.15) == ([], [], []) and
        time.monotonic() - t0 >= 0.15)
    p = select.poll()
    p.register(r, select.POLLIN)
    t0 = time.monotonic()
    say('poll-timeout', p.poll(150) == [] and time.monotonic() - t0 >= 0.15)
    threading.Timer(0.1, os.write, (w, b'!')).start()
    say('select-ready', select.select([r], [], [], 5)[0] == [r])
    say('poll-ready', p.poll(5000) == [(r, select.POLLIN)])
    say('read', os.read(r, 1).decode())
    ep = select.epoll()
    ep.register(r, select.EPOLLIN)
    t0 = time.monotonic()
    say('epoll-timeout', ep.poll(0.15) == [] and time.monotonic() - t0 >= 0.15)
    ep.close()
    storm.stop()
    # a handler that raises ends the blocking call with its exception
    def boom(signum, frame):
        raise InterruptedError('from handler')
    signal.signal(signal.SIGALRM, boom)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    try:
        os.read(r, 1)
        say('read-interrupted', 'returned')
    except InterruptedError as e:
        say('read-interrupted', e)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    # sigwait / pthread_sigmask / wakeup fd
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
    os.kill(os.getpid(), signal.SIGUSR1)
    say('sigpending', signal.SIGUSR1 in signal.sigpending())
    say('sigwait', signal.sigwait([signal.SIGUSR1]) == signal.SIGUSR1)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
    os.close(r)
    os.close(w)


def square(x):
    return x * x


def send(q, v):
    q.put(v * 2)


@section
def multiprocessing_fork():
    ctx = multiprocessing.get_context('fork')
    with ctx.Pool(2) as pool:
        say('pool-map', sum(pool.map(square, range(50))))
    q = ctx.Queue()
    p = ctx.Process(target=send, args=(q, 21))
    p.start()
    say('process-queue', q.get(timeout=30))
    p.join()
    say('process-exit', p.exitcode)
    p = ctx.Process(target=time.sleep, args=(30,))
    p.start()
    p.terminate()
    p.join()
    say('process-terminated', p.exitcode)


@section
def thread_churn():
    results = []
    for i in range(300):
        t = threading.Thread(target=results.append, args=(i,))
        t.start()
        t.join()
    say('thread-churn', sum(results) == 300 * 299 // 2)
    # join() returns when the thread's Python state is released; the task
    # itself leaves a moment later (on Linux too): give it a second.
    for _ in range(100):
        if status('Threads') == '1':
            break
        time.sleep(0.01)
    say('threads-after-churn', status('Threads'))
    # threads that exit while the main thread forks
    ts = [threading.Thread(target=time.sleep, args=(0.01,)) for _ in range(20)]
    for t in ts:
        t.start()
    pid = os.fork()
    if pid == 0:
        os._exit(7 if status('Threads') == '1' else 8)
    _, st = os.waitpid(pid, 0)
    for t in ts:
        t.join()
    say('fork-child-threads', os.waitstatus_to_exitcode(st))


@section
def libraries():
    import bz2
    import hashlib
    import lzma
    import zlib
    data = b'mimic ' * 10000
    say('zlib', zlib.decompress(zlib.compress(data)) == data)
    say('bz2', bz2.decompress(bz2.compress(data)) == data)
    say('lzma', lzma.decompress(lzma.compress(data)) == data)
    say('sha256', hashlib.sha256(data).hexdigest()[:16])
    say('md5-openssl', hashlib.new('md5', data).hexdigest()[:16])
    say('float', repr(sum(1 / k for k in range(1, 10000))))
    say('decimal', __import__('decimal').Decimal(1) / __import__('decimal').Decimal(7))


def main():
    wanted = sys.argv[1:]
    for fn in SECTIONS:
        if not wanted or fn.__name__ in wanted:
            fn()


if __name__ == '__main__':
    main()
