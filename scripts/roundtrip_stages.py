#!/usr/bin/env python3
"""Stages of a hotplug request's round trip, from `perf sched timehist -w`.

For each request of a primary P to a secondary S, the wake-ups follow one
another: P's requesting thread wakes S's IPC thread (it sent the request);
S's IPC thread wakes S's interrupt thread (the hand-off); S's interrupt
thread wakes P's IPC thread (it sent the reply); P's IPC thread wakes the
requesting thread. Prints the median time of each stage, in us.

    perf sched timehist -w -i perf.data | scripts/roundtrip_stages.py
"""
import re
import statistics
import sys
from collections import Counter

WAKE = re.compile(r'^\s*([0-9.]+)\s+\[\d+\]\s+(\S+)\s+awakened: (\S+)')
TASK = re.compile(r'^(.*)\[(\d+)(?:/(\d+))?\]$')


def task(s):
    """(name, tid, pid) of 'name[tid/pid]' or 'name[pid]'."""
    m = TASK.match(s)
    if not m:
        return None
    tid = int(m.group(2))
    return m.group(1), tid, int(m.group(3) or tid)


def main():
    wakes = []
    for line in sys.stdin:
        m = WAKE.match(line)
        if m:
            a, b = task(m.group(2)), task(m.group(3))
            if a and b:
                wakes.append((float(m.group(1)), a, b))
    # the busiest pair: a main thread waking another process's IPC thread
    pairs = Counter((a[2], b[2]) for _, a, b in wakes
                    if b[0] == 'rte_mp_handle' and a[1] == a[2] and
                    a[2] != b[2])
    if not pairs:
        sys.exit('no request found')
    (p, s), _ = pairs.most_common(1)[0]
    steps = [
        lambda a, b: a[1] == p and b[0] == 'rte_mp_handle' and b[2] == s,
        lambda a, b: a[0] == 'rte_mp_handle' and a[2] == s and
        b[0] == 'eal-intr-thread' and b[2] == s,
        lambda a, b: a[2] == s and b[0] == 'rte_mp_handle' and b[2] == p,
        lambda a, b: a[0] == 'rte_mp_handle' and a[2] == p and b[1] == p,
    ]
    names = ['request sent -> secondary IPC thread hands off',
             'hand-off -> secondary interrupt thread replies',
             'reply sent -> primary IPC thread wakes requester',
             'requester wakes -> next request sent']
    stages = [[] for _ in steps]
    i, last = 0, None
    for t, a, b in wakes:
        if steps[i](a, b):
            if last is not None:
                stages[(i - 1) % 4].append((t - last) * 1e6)
            last = t
            i = (i + 1) % 4
    print('primary %d, secondary %d: %d round trips' % (p, s, len(stages[1])))
    for name, v in zip(names, stages):
        if v:
            print('  %-50s %7.1f us' % (name, statistics.median(v)))
    total = sum(statistics.median(v) for v in stages if v)
    print('  %-50s %7.1f us' % ('one request, all stages', total))


if __name__ == '__main__':
    main()
