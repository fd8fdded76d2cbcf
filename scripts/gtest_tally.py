#!/usr/bin/env python3
"""Tallies GoogleTest JSON reports into one line: N passed, N failed.

  gtest_tally.py [--subset] LABEL=REPORT[@EXPECT] ...

A report given with @EXPECT is a run on unpatched DPDK (a baseline): its
tests matching a pattern in the file EXPECT must fail there (the bug a
patch fixes is reproduced) and count as passed when they do; one that
passes there counts as failed. A pattern written with a leading "?" names
tests whose outcome on the baseline depends on timing (the bug shows in
some runs only): they count as passed there either way, and the line says
which it was. Each pattern must match a test that ran in the reports given
that file, or it proves nothing and counts as failed, unless --subset says
that only some tests ran (GTEST_FILTER).
"""
import fnmatch
import json
import sys


def load_expectations(path):
    """[(pattern, why, may_pass)] of an expected-failure file."""
    pats = []
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                pat, _, why = line.partition(' ')
                may_pass = pat.startswith('?')
                pats.append((pat.lstrip('?'), why.strip(), may_pass))
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
    subset = len(argv) > 1 and argv[1] == '--subset'
    if subset:
        argv = argv[1:]
    passed = failed = skipped = 0
    expectations = {}  # file -> [(pattern, why)]
    matched = {}       # file -> patterns that matched a test that ran
    for arg in argv[1:]:
        label, _, rest = arg.partition('=')
        report, _, expect = rest.partition('@')
        pats = []
        if expect:
            if expect not in expectations:
                expectations[expect] = load_expectations(expect)
                matched[expect] = set()
            pats = expectations[expect]
        try:
            results = list(tests_of(report))
        except (OSError, ValueError) as e:
            print('%s: no report (%s)' % (label, e))
            failed += 1
            continue
        for name, result in results:
            if result == 'skipped':
                skipped += 1
                continue
            hit = next((h for h in pats if fnmatch.fnmatch(name, h[0])), None)
            if hit:
                pat, why, may_pass = hit
                matched[expect].add(pat)
            if hit and may_pass:
                passed += 1
                print('%s: %s %s without the patches, as it may there (timing: %s)'
                      % (label, name, result, why))
            elif hit:
                if result == 'failed':
                    passed += 1
                    print('%s: %s fails as expected without the patches (fixed by %s)'
                          % (label, name, why))
                else:
                    failed += 1
                    print('%s: %s PASSED without the patches, expected it to fail (%s)'
                          % (label, name, why))
            elif result == 'passed':
                passed += 1
            else:
                failed += 1
                print('%s: %s FAILED' % (label, name))
    if not subset:
        for expect, pats in expectations.items():
            for pat, why, _ in pats:
                if pat not in matched[expect]:
                    failed += 1
                    print('%s: pattern %s matches no test that ran: nothing shows '
                          'the bug %s fixes' % (expect, pat, why))
    line = '%d passed, %d failed' % (passed, failed)
    if skipped:
        line += ', %d skipped' % skipped
    print(line)
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
