#!/usr/bin/env python3
"""Tallies GoogleTest JSON reports into one line: N passed, N failed.

  gtest_tally.py [--subset] LABEL=REPORT[@EXPECT] ...

EXPECT is what must fail in the reports given it: the lines "PATTERN WHY"
that scripts/lib/changes.py expect FLAVOUR derives from changes.toml (the
tests proving a change the flavour lacks; WHY names those changes). A test
matching a pattern must fail there (the bug the change fixes is
reproduced) and counts as passed when it does; one that passes there
counts as failed. A pattern written with a leading "?" names tests whose
outcome there depends on timing: they count as passed either way, and the
line says which it was. Each pattern must match a test that ran in the
reports given that file, or it proves nothing and counts as failed,
unless --subset says that only some tests ran (GTEST_FILTER), or the
pattern is written with a leading "~" and matched tests that were skipped
(the flavour cannot run them: Debian's DPDK has no testpmd that loads the
module), which is a note.
"""
import collections
import fnmatch
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                'lib'))
import gtest_json  # noqa: E402


def load_expectations(path):
    """[(pattern, why, may_pass, may_skip)] of an expectations file."""
    pats = []
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                pat, _, why = line.partition(' ')
                flags = pat[:len(pat) - len(pat.lstrip('?~'))]
                pats.append((pat[len(flags):], why.strip(), '?' in flags,
                             '~' in flags))
    return pats


def main(argv):
    subset = len(argv) > 1 and argv[1] == '--subset'
    if subset:
        argv = argv[1:]
    passed = failed = skipped = 0
    expectations = {}  # file -> [(pattern, why, may_pass, may_skip)]
    ran = collections.defaultdict(set)      # file -> patterns a test ran
    skipped_only = collections.defaultdict(set)  # ... a skipped test
    for arg in argv[1:]:
        label, _, rest = arg.partition('=')
        report, _, expect = rest.partition('@')
        pats = []
        if expect:
            if expect not in expectations:
                expectations[expect] = load_expectations(expect)
            pats = expectations[expect]
        try:
            results = gtest_json.read(report)
        except (OSError, ValueError) as e:
            print('%s: no report (%s)' % (label, e))
            failed += 1
            continue
        for name, result in results:
            hits = [h for h in pats if fnmatch.fnmatch(name, h[0])]
            if result == 'skipped':
                skipped += 1
                skipped_only[expect].update(h[0] for h in hits)
                continue
            if hits:
                ran[expect].update(h[0] for h in hits)
                # must fail if any pattern says so; timing's only if all do
                may_pass = all(h[2] for h in hits)
                why = ', '.join(dict.fromkeys(h[1] for h in hits
                                              if h[2] == may_pass))
            if hits and may_pass:
                passed += 1
                print('%s: %s %s here, as it may (timing: %s)'
                      % (label, name, result, why))
            elif hits:
                if result == 'failed':
                    passed += 1
                    print('%s: %s fails as expected without %s'
                          % (label, name, why))
                else:
                    failed += 1
                    print('%s: %s PASSED, expected it to fail without %s'
                          % (label, name, why))
            elif result == 'passed':
                passed += 1
            else:
                failed += 1
                print('%s: %s FAILED' % (label, name))
    if not subset:
        for expect, pats in expectations.items():
            for pat, why, _, may_skip in pats:
                if pat in ran[expect]:
                    continue
                if may_skip and pat in skipped_only[expect]:
                    print('%s: note: %s skipped here, nothing here shows '
                          'the lack of %s' % (expect, pat, why))
                else:
                    failed += 1
                    print('%s: pattern %s matches no test that ran: nothing '
                          'shows the lack of %s' % (expect, pat, why))
    line = '%d passed, %d failed' % (passed, failed)
    if skipped:
        line += ', %d skipped' % skipped
    print(line)
    return 0 if failed == 0 else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
