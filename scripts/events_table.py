#!/usr/bin/env python3
"""From a hotplug_mp-bench CSV with --events on,off: per flavour, issuer, N
and output (read or unread), the attach+detach cycle with event lines on
against off.

    scripts/events_table.py bench_events.csv
"""
import csv
import sys


def main(src):
    cycle = {}
    keys = []
    for r in csv.DictReader(open(src)):
        key = (r['flavour'], r['issuer'], int(r['secondaries']), r['output'])
        if key not in keys:
            keys.append(key)
        cycle[key + (r['events'],)] = float(r['cycle_median_us'])
    print('%-10s %-9s %3s %-7s %11s %11s %7s' % (
        'flavour', 'from', 'N', 'output', 'events on', 'events off', 'on/off'))
    for key in keys:
        on, off = cycle.get(key + ('on',)), cycle.get(key + ('off',))
        if on is None or off is None:
            continue
        print('%-10s %-9s %3d %-7s %9.1f us %8.1f us %6.2fx' % (
            key + (on, off, on / off)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
