#!/usr/bin/python3
"""GoogleTest JSON reports: the one reader and writer of the scripts.

  gtest_json.py write REPORT SUITE TEST [FAILURE]
        a check that is not a GoogleTest as a report of one test (an
        empty or missing FAILURE means it passed)
  gtest_json.py lines REPORT SUITE LOGS < RESULTS
        a report of the lines "NAME passed|failed|skipped STATUS SECONDS"
        of a runner of programs (DPDK's fast-tests); a failure names
        LOGS/NAME.log
  gtest_json.py compare BASE OTHER
        the tests that pass in BASE and not in OTHER (exit 1 if any)

A test is skipped when GoogleTest skipped it (GTEST_SKIP) or did not run
it (a disabled test); failed when it has failures; passed otherwise.
"""
import json
import sys


def outcome(test):
    """'skipped', 'failed' or 'passed': the one rule of every script."""
    if test.get('result') in ('SKIPPED', 'SUPPRESSED') or \
            test.get('status') == 'NOTRUN':
        return 'skipped'
    if test.get('failures'):
        return 'failed'
    return 'passed'


def parse(text):
    """[(SUITE.TEST, outcome)] of a report's text."""
    data = json.loads(text)
    return [('%s.%s' % (suite['name'], t['name']), outcome(t))
            for suite in data.get('testsuites', [])
            for t in suite.get('testsuite', [])]


def read(path):
    """[(SUITE.TEST, outcome)] of a report file; OSError, ValueError."""
    with open(path) as f:
        return parse(f.read())


def counts(results):
    """{'passed': N, 'failed': N, 'skipped': N} of parse()'s list."""
    out = {'passed': 0, 'failed': 0, 'skipped': 0}
    for _, result in results:
        out[result] += 1
    return out


def test(name, failure='', skipped=False, seconds=None):
    """One test of a report written by write()."""
    t = {'name': name}
    if seconds is not None:
        t['time'] = '%ss' % seconds
    if skipped:
        t['result'] = 'SKIPPED'
    elif failure:
        t['failures'] = [{'failure': failure}]
    return t


def write(path, suite, tests):
    with open(path, 'w') as f:
        json.dump({'testsuites': [{'name': suite, 'testsuite': tests}]}, f)


def main(argv):
    if argv[:1] == ['write'] and len(argv) in (4, 5):
        path, suite, name = argv[1:4]
        write(path, suite, [test(name, argv[4] if len(argv) == 5 else '')])
        return 0
    if argv[:1] == ['lines'] and len(argv) == 4:
        path, suite, logs = argv[1:]
        tests = []
        for line in sys.stdin:
            name, result, rc, secs = line.split()
            failure = ('exit status %s, see %s/%s.log' % (rc, logs, name)
                       if result == 'failed' else '')
            tests.append(test(name, failure, result == 'skipped', secs))
        write(path, suite, tests)
        return 0
    if argv[:1] == ['compare'] and len(argv) == 3:
        base, other = dict(read(argv[1])), dict(read(argv[2]))
        worse = sorted(n.split('.', 1)[1] for n in base
                       if base[n] == 'passed' and other.get(n) != 'passed')
        print('DPDK fast-tests: %d run on both; passing on the baseline and '
              'not with the series: %s' % (len(set(base) & set(other)),
                                           ', '.join(worse) or 'none'))
        return 1 if worse else 0
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
