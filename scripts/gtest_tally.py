#!/usr/bin/env python3
"""Tallies GoogleTest JSON reports into one line: N passed, N failed.

  gtest_tally.py [--expect-fail FILE] LABEL=report.json ...

A report given as stock:LABEL=... is a run on stock DPDK: its tests matching
a pattern in FILE must fail there (the bug a patch fixes is reproduced) and
count as passed when they do; one that passes on stock counts as failed.
"""
import fnmatch
import json
import sys


def load_expectations(path):
    pats = []
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                pat, _, why = line.partition(' ')
                pats.append((pat, why.strip()))
    return pats


def tests_of(report):
    with open(report) as f:
        data = json.load(f)
    for suite in data.get('testsuites', []):
        for t in suite.get('testsuite', []):
            name = '%s.%s' % (suite['name'], t['name'])
            if t.get('result') == 'SKIPPED' or t.get('status') == 'NOTRUN':
                yield name, 'skipped'
            elif t.get('failures'):
                yield name, 'failed'
            else:
                yield name, 'passed'


def main(argv):
    expectations = []
    if len(argv) > 2 and argv[1] == '--expect-fail':
        expectations = load_expectations(argv[2])
        argv = argv[2:]
    passed = failed = skipped = 0
    for arg in argv[1:]:
        label, _, report = arg.partition('=')
        stock = label.startswith('stock:')
        try:
            results = list(tests_of(report))
        except (OSError, ValueError) as e:
            print('%s: no report (%s)' % (label, e))
            failed += 1
            continue
        for name, result in results:
            why = next((w for p, w in expectations if fnmatch.fnmatch(name, p)), None)
            if result == 'skipped':
                skipped += 1
                continue
            if stock and why:
                if result == 'failed':
                    passed += 1
                    print('%s: %s fails as expected on stock (fixed by %s)' % (label, name, why))
                else:
                    failed += 1
                    print('%s: %s PASSED on stock, expected it to fail (%s)' % (label, name, why))
            elif result == 'passed':
                passed += 1
            else:
                failed += 1
                print('%s: %s FAILED' % (label, name))
    line = '%d passed, %d failed' % (passed, failed)
    if skipped:
        line += ', %d skipped' % skipped
    print(line)
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
