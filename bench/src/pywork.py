"""Pure-Python CPU workload for the python3.11 row of `make bench`: dict,
str, int and list work of the kind a script does (word counting, string
building and splitting, big-int arithmetic, sorting with a key, a small
class), run under Debian's python3.11 through -L.  Deterministic: nothing
depends on hash order or time.  argv[1], when given, is a percentage of the
workload (repetitions only); prints one checksum line like the C programs."""
import sys

FULL_REPS = 30


def rng(seed):
    x = seed
    while True:
        x = (x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        yield x >> 33


class Point:
    __slots__ = ('x', 'y')

    def __init__(self, x, y):
        self.x, self.y = x, y

    def dist2(self, o):
        dx, dy = self.x - o.x, self.y - o.y
        return dx * dx + dy * dy


def words(r, n):
    syll = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'qu']
    return [''.join(syll[next(r) % 10] for _ in range(1 + next(r) % 4)) for _ in range(n)]


def one_rep(rep):
    r = rng(rep + 1)
    ws = words(r, 3000)
    counts = {}
    for w in ws:
        counts[w] = counts.get(w, 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:20]
    text = ' '.join(w.upper() if i % 7 == 0 else w for i, w in enumerate(ws))
    parts = text.replace('KA', 'ka-').split('-')
    acc = sum(len(p) for p in parts) + len(top) * top[0][1]
    f = 1
    for i in range(2, 300):
        f *= i
    acc += f % 1000003 + int(str(f)[:9])
    pts = [Point(next(r) % 1000, next(r) % 1000) for _ in range(300)]
    o = Point(500, 500)
    acc += min(p.dist2(o) for p in pts) + sum(p.dist2(o) for p in pts) % 97
    fmt = ['{}:{:04x}'.format(k, v) for k, v in sorted(counts.items())[:200]]
    acc += sum(map(len, fmt)) + len(set(ws))
    return acc


def main():
    pct = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    reps = max(1, FULL_REPS * pct // 100)
    h = 0
    for rep in range(reps):
        h = (h * 1000003 ^ one_rep(rep)) & 0xFFFFFFFFFFFFFFFF
    print(f'python reps={reps} checksum={h:016x}')


main()
