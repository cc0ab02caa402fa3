#!/usr/bin/env python3
"""Fails when a generated file in the tree is stale: runs the generator
and compares its output with the committed file.

    check-generated.py FILE -- GENERATOR [ARGS...]
"""
import os
import subprocess
import sys


def main():
    sep = sys.argv.index('--')
    path, cmd = sys.argv[1], sys.argv[sep + 1:]
    if os.sep in cmd[0]:
        cmd[0] = os.path.abspath(cmd[0])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    with open(path) as f:
        have = f.read()
    if out != have:
        print('%s is out of date; regenerate it with:\n  %s > %s'
              % (path, ' '.join(cmd), path))
        return 1
    print('%s is current' % path)
    return 0


if __name__ == '__main__':
    sys.exit(main())
