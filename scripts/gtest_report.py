#!/usr/bin/env python3
"""Writes a check that is not a GoogleTest as a GoogleTest JSON report of
one test, for gtest_tally.py:

  gtest_report.py REPORT SUITE TEST [FAILURE]

An empty or missing FAILURE means the check passed.
"""
import json
import sys


def main(argv):
    path, suite, name = argv[1:4]
    failure = argv[4] if len(argv) > 4 else ''
    test = {'name': name}
    if failure:
        test['failures'] = [{'failure': failure}]
    with open(path, 'w') as f:
        json.dump({'testsuites': [{'name': suite, 'testsuite': [test]}]}, f)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
