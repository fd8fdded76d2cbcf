#!/usr/bin/env python3
"""Per placement, the net_null figures issue 6's targets name: the cycle at
N=8 stock against patched, and patched N=8 against patched N=1.

    scripts/placement_table.py bench_placement.csv
"""
import csv
import sys


def main(src):
    cycle = {}
    order = []
    for r in csv.DictReader(open(src)):
        if r['placement'] not in order:
            order.append(r['placement'])
        key = (r['placement'], r['flavour'], r['issuer'], int(r['secondaries']))
        cycle[key] = float(r['cycle_median_us'])
    print('%-13s %-9s %9s %9s %8s %10s %10s %8s' % (
        'placement', 'from', 'stock N8', 'patch N8', 'ratio',
        'patch N1', 'patch N8', 'N8/N1'))
    for p in order:
        for issuer in ('primary', 'secondary'):
            try:
                s8 = cycle[(p, 'stock', issuer, 8)]
                p8 = cycle[(p, 'patched', issuer, 8)]
                p1 = cycle[(p, 'patched', issuer, 1)]
            except KeyError:
                continue
            print('%-13s %-9s %9.1f %9.1f %7.2fx %10.1f %10.1f %8.2f' % (
                p, issuer, s8, p8, s8 / p8, p1, p8, p8 / p1))


if __name__ == '__main__':
    main(sys.argv[1])
