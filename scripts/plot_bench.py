#!/usr/bin/env python3
"""Plot hotplug_mp-bench CSV: attach+detach cycle latency against the number
of secondaries, for each flavour of the CSV (a baseline first: dashed), one
panel per device (row) and issuer (column).

    scripts/plot_bench.py bench.csv bench.png
"""
import csv
import sys

import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt  # noqa: E402


def main(src, dst):
    rows = list(csv.DictReader(open(src)))
    flavours = list(dict.fromkeys(r['flavour'] for r in rows))
    if not 1 <= len(flavours) <= 2:
        sys.exit('%s: one flavour, or a baseline and a flavour, not %s'
                 % (src, flavours))
    styles = ('o--', 's-') if len(flavours) == 2 else ('s-',)
    devices = sorted({r['device'] for r in rows})
    issuers = ['primary', 'secondary']
    fig, axes = plt.subplots(len(devices), len(issuers),
                             figsize=(5 * len(issuers), 4 * len(devices)),
                             squeeze=False)
    panels = [(axes[i][j], d, s) for i, d in enumerate(devices)
              for j, s in enumerate(issuers)]
    for ax, device, issuer in panels:
        for flavour, style in zip(flavours, styles):
            pts = sorted((int(r['secondaries']), float(r['cycle_median_us']),
                          float(r['cycle_p99_us'])) for r in rows
                         if r['device'] == device and r['issuer'] == issuer
                         and r['flavour'] == flavour)
            if not pts:
                continue
            n = [p[0] for p in pts]
            ax.plot(n, [p[1] / 1000 for p in pts], style,
                    label=flavour + ' median')
            ax.plot(n, [p[2] / 1000 for p in pts], style, alpha=0.35,
                    label=flavour + ' p99')
        ax.set_title('%s, from the %s' % (device, issuer))
        ax.set_xlabel('secondary processes')
        ax.set_ylabel('attach+detach cycle (ms)')
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize='small')
    fig.tight_layout()
    fig.savefig(dst, dpi=100)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
