#!/usr/bin/env python3
"""Tests of meson_gtest.py: `meson test` counts a program's tests as
scripts/test.sh does, from the flavour of the build directory.

    python3 scripts/meson_gtest_test.py
"""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))

# A GoogleTest program: the proof of the repeated-attach fix fails
PROGRAM = '''#!/usr/bin/env python3
import json, sys
out = next(a.split(':', 1)[1] for a in sys.argv if a.startswith('--gtest_output='))
tests = [{'name': 'AttachDetachRepeatedTwice/null', 'result': 'COMPLETED',
          'failures': [{'failure': 'attached twice'}]}]
other = [{'name': 'Ok', 'result': 'COMPLETED'}]
json.dump({'testsuites': [{'name': 'Vdev/TestPlan', 'testsuite': tests},
                          {'name': 'Host', 'testsuite': other}]}, open(out, 'w'))
sys.exit(EXIT)
'''


class MesonGtest(unittest.TestCase):
    def run_on(self, flavour, status=1):
        with tempfile.TemporaryDirectory() as tmp:
            prog = os.path.join(tmp, 'hotplug_mp-unit')
            with open(prog, 'w') as f:
                f.write(PROGRAM.replace('EXIT', str(status)))
            os.chmod(prog, 0o755)
            env = dict(os.environ)
            env.pop('GTEST_FILTER', None)
            p = subprocess.run(['/usr/bin/python3',
                                os.path.join(HERE, 'meson_gtest.py'),
                                flavour, prog], env=env,
                               capture_output=True, text=True)
            return p.returncode, p.stdout.splitlines()[-1]

    def test_a_baseline_counts_its_proof_as_passed(self):
        self.assertEqual(self.run_on('26.07-base'), (0, '2 passed, 0 failed'))

    def test_the_series_fails_on_it(self):
        self.assertEqual(self.run_on('26.07'), (1, '1 passed, 1 failed'))

    def test_an_exit_other_than_googletests_fails(self):
        """A sanitizer's report at exit, or a crash after the report."""
        self.assertEqual(self.run_on('26.07-base', status=23)[0], 1)


if __name__ == '__main__':
    unittest.main()
