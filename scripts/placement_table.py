#!/usr/bin/env python3
"""Per placement, the net_null figures issue 6's targets name: the cycle at
N=8 of the baseline against the flavour's, and the flavour's N=8 against its
N=1. In the CSV, each figure's baseline row comes first.

    scripts/placement_table.py bench_placement.csv
"""
import csv
import sys


def main(src):
    cycle = {}
    order = []
    rows = list(csv.DictReader(open(src)))
    names = list(dict.fromkeys(r['flavour'] for r in rows))
    if len(names) != 2:
        sys.exit('%s: a baseline and a flavour, not %s' % (src, names))
    baseline, flavour = names
    for r in rows:
        if r['placement'] not in order:
            order.append(r['placement'])
        key = (r['placement'], r['flavour'], r['issuer'], int(r['secondaries']))
        cycle[key] = float(r['cycle_median_us'])
    print('%-13s %-9s %9s %9s %8s %10s %10s %8s' % (
        'placement', 'from', 'base N8', 'flav N8', 'ratio', 'flav N1',
        'flav N8', 'N8/N1'))
    print('(base: %s; flav: %s)' % (baseline, flavour))
    for p in order:
        for issuer in ('primary', 'secondary'):
            try:
                s8 = cycle[(p, baseline, issuer, 8)]
                p8 = cycle[(p, flavour, issuer, 8)]
                p1 = cycle[(p, flavour, issuer, 1)]
            except KeyError:
                continue
            print('%-13s %-9s %9.1f %9.1f %7.2fx %10.1f %10.1f %8.2f' % (
                p, issuer, s8, p8, s8 / p8, p1, p8, p8 / p1))


if __name__ == '__main__':
    main(sys.argv[1])
