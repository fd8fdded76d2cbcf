#!/usr/bin/env python3
"""Tests of gtest_tally.py: what a baseline's report counts as.

    python3 scripts/gtest_tally_test.py
"""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gtest_tally  # noqa: E402


def report(path, results):
    """A GoogleTest JSON report: results maps Suite.Name to passed/failed."""
    suites = {}
    for name, result in results.items():
        suite, _, test = name.partition('.')
        t = {'name': test, 'status': 'RUN', 'result': 'COMPLETED'}
        if result == 'failed':
            t['failures'] = [{'failure': 'it failed'}]
        suites.setdefault(suite, []).append(t)
    with open(path, 'w') as f:
        json.dump({'testsuites': [{'name': s, 'testsuite': ts}
                                  for s, ts in suites.items()]}, f)


class Tally(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def tally(self, results, expect_lines, *flags):
        rep = os.path.join(self.dir.name, 'r.json')
        exp = os.path.join(self.dir.name, 'expect.txt')
        report(rep, results)
        with open(exp, 'w') as f:
            f.write('\n'.join(expect_lines) + '\n')
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = gtest_tally.main(['gtest_tally.py', *flags,
                                   'base=%s@%s' % (rep, exp)])
        return rc, out.getvalue().splitlines()[-1]

    def test_listed_failure_counts_as_passed(self):
        self.assertEqual(self.tally({'A.bug': 'failed', 'A.ok': 'passed'},
                                    ['A.bug fix 1']),
                         (0, '2 passed, 0 failed'))

    def test_listed_test_that_passes_fails_the_tally(self):
        self.assertEqual(self.tally({'A.bug': 'passed'}, ['A.bug fix 1']),
                         (1, '0 passed, 1 failed'))

    def test_unlisted_failure_fails_the_tally(self):
        self.assertEqual(self.tally({'A.other': 'failed'}, []),
                         (1, '0 passed, 1 failed'))

    def test_timing_dependent_test_counts_either_way(self):
        for result in ('passed', 'failed'):
            self.assertEqual(self.tally({'A.racy': result},
                                        ['?A.racy fix 2']),
                             (0, '1 passed, 0 failed'), result)

    def test_pattern_matching_nothing_fails_the_tally(self):
        for line in ('A.gone fix 1', '?A.gone fix 2'):
            self.assertEqual(self.tally({'A.ok': 'passed'}, [line]),
                             (1, '1 passed, 1 failed'), line)

    def test_subset_forgives_a_pattern_matching_nothing(self):
        self.assertEqual(self.tally({'A.ok': 'passed'}, ['A.gone fix 1'],
                                    '--subset'),
                         (0, '1 passed, 0 failed'))


if __name__ == '__main__':
    unittest.main()
