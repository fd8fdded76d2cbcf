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
import gtest_json  # noqa: E402  (gtest_tally put lib/ on the path)


def report(path, results):
    """A GoogleTest JSON report: results maps Suite.Name to passed,
    failed or skipped."""
    suites = {}
    for name, result in results.items():
        suite, _, test = name.partition('.')
        t = {'name': test, 'status': 'RUN', 'result': 'COMPLETED'}
        if result == 'skipped':
            t['result'] = 'SKIPPED'
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

    def test_proof_the_flavour_cannot_run_is_a_note(self):
        """"~": skipped here (Debian's DPDK has no testpmd for the
        module), a note; without it, or not run at all, a failure."""
        self.assertEqual(self.tally({'A.ok': 'passed', 'B.bug': 'skipped'},
                                    ['~B.* fix-1']),
                         (0, '1 passed, 0 failed, 1 skipped'))
        self.assertEqual(self.tally({'A.ok': 'passed', 'B.bug': 'skipped'},
                                    ['B.* fix-1'])[0], 1)
        for line in ('~Vm/C.bug fix-2', '?~Vm*/C.* fix-3'):
            self.assertEqual(self.tally({'A.ok': 'passed'}, [line])[0], 1,
                             line)

    def test_a_report_without_expectations_may_have_skips(self):
        rep = os.path.join(self.dir.name, 'r.json')
        report(rep, {'A.ok': 'passed', 'A.later': 'skipped'})
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = gtest_tally.main(['gtest_tally.py', 'plain=' + rep])
        self.assertEqual((rc, out.getvalue().splitlines()[-1]),
                         (0, '1 passed, 0 failed, 1 skipped'))

    def test_every_pattern_a_test_matches_is_shown(self):
        """Two patterns, one test: both matched; a must-fail one wins over
        a timing one."""
        self.assertEqual(self.tally({'A.bug': 'failed'},
                                    ['A.* fix-1', 'A.bug fix-2']),
                         (0, '1 passed, 0 failed'))
        self.assertEqual(self.tally({'A.bug': 'passed'},
                                    ['?A.* racy', 'A.bug fix-2']),
                         (1, '0 passed, 1 failed'))

    def test_subset_forgives_a_pattern_matching_nothing(self):
        self.assertEqual(self.tally({'A.ok': 'passed'}, ['A.gone fix 1'],
                                    '--subset'),
                         (0, '1 passed, 0 failed'))


class Derived(unittest.TestCase):
    """What changes.py derives from the manifest for a flavour."""
    DATA = {
        'change': {
            'fix-a': {'proves': ['A.one', 'Both.t', 'DpdkFastTests.x']},
            'fix-b': {'proves': ['Both.t']},
            'feature-c': {'proves': ['C.*', 'Emulated/V.*']},
            'test-d': {},
        },
        'timing': [{'tests': ['Emulated*/U.*'], 'why': 'racy',
                    'without': ['fix-a', 'fix-b']}],
    }

    def derive(self, carried, **kw):
        import changes
        return changes.expectations(set(carried), self.DATA, **kw)

    def test_baseline_expects_every_proof(self):
        self.assertEqual(self.derive(['test-d']), [
            ('A.one', 'fix-a', False, False),
            ('Both.t', 'fix-a, fix-b', False, False),
            ('C.*', 'feature-c', False, False),
            ('DpdkFastTests.x', 'fix-a', False, False),
            ('Emulated/V.*', 'feature-c', False, False),
            ('Emulated*/U.*', 'racy', True, False)])

    def test_a_test_of_two_changes_fails_without_either(self):
        self.assertEqual(self.derive(['fix-a', 'feature-c']),
                         [('Both.t', 'fix-b', False, False),
                          ('Emulated*/U.*', 'racy', True, False)])

    def test_the_whole_series_expects_nothing(self):
        self.assertEqual(self.derive(['fix-a', 'fix-b', 'feature-c']), [])

    def test_proofs_of_runs_the_flavour_lacks_are_left_out(self):
        self.assertEqual(
            [e[0] for e in self.derive([], runs=['unit', 'integration'])],
            ['A.one', 'Both.t', 'C.*'])
        self.assertEqual(
            [e[0] for e in self.derive([], runs=['integration', 'vm'])],
            ['A.one', 'Both.t', 'C.*', 'Emulated/V.*', 'Emulated*/U.*'])

    def test_a_change_of_other_bases_is_not_lacking(self):
        data = {'change': dict(self.DATA['change'],
                               **{'fix-e': {'proves': ['E.t'],
                                            'bases': ['26.07']}})}
        import changes
        self.assertIn(('E.t', 'fix-e', False, False),
                      changes.expectations(set(), data, base='26.07'))
        self.assertNotIn('E.t', [e[0] for e in changes.expectations(
            set(), data, base='25.11')])
        self.assertIn('E.t', [e[0] for e in changes.expectations(set(), data)])

    def test_debians_dpdk_may_skip_them(self):
        import changes
        self.assertTrue(all(e[3] for e in self.derive([], system=True)))
        self.assertEqual(changes.expect_lines(self.derive([], system=True))[-1],
                         '?~Emulated*/U.* racy')


class Json(unittest.TestCase):
    """The one rule for skipped, failed and passed, and the writers."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)
        self.path = os.path.join(self.dir.name, 'r.json')

    def test_outcomes(self):
        with open(self.path, 'w') as f:
            json.dump({'testsuites': [{'name': 'S', 'testsuite': [
                {'name': 'ok', 'status': 'RUN', 'result': 'COMPLETED'},
                {'name': 'bad', 'status': 'RUN', 'result': 'COMPLETED',
                 'failures': [{'failure': 'x'}]},
                {'name': 'skip', 'status': 'RUN', 'result': 'SKIPPED'},
                {'name': 'DISABLED_off', 'status': 'NOTRUN',
                 'result': 'SUPPRESSED'}]}]}, f)
        self.assertEqual(gtest_json.read(self.path),
                         [('S.ok', 'passed'), ('S.bad', 'failed'),
                          ('S.skip', 'skipped'), ('S.DISABLED_off', 'skipped')])

    def test_write_reads_back(self):
        gtest_json.write(self.path, 'Check', [
            gtest_json.test('a'), gtest_json.test('b', 'it broke'),
            gtest_json.test('c', skipped=True, seconds='0.5')])
        self.assertEqual(gtest_json.read(self.path),
                         [('Check.a', 'passed'), ('Check.b', 'failed'),
                          ('Check.c', 'skipped')])

    def test_compare(self):
        base = os.path.join(self.dir.name, 'base.json')
        gtest_json.write(base, 'F', [gtest_json.test('a'), gtest_json.test('b'),
                                     gtest_json.test('c', 'x')])
        gtest_json.write(self.path, 'F', [gtest_json.test('a'),
                                          gtest_json.test('b', skipped=True),
                                          gtest_json.test('c')])
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = gtest_json.main(['compare', base, self.path])
        self.assertEqual((rc, out.getvalue()), (1, 'DPDK fast-tests: 3 run '
                         'on both; passing on the baseline and not with the '
                         'series: b\n'))


if __name__ == '__main__':
    unittest.main()
