#!/usr/bin/env python3
"""Tests of scripts/lib/changes.py: what its check finds wrong.

    python3 scripts/changes_test.py
"""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, 'lib', 'changes.py')

GOOD = '''
[change.eal-fix-one]
kind = "stable-fix"
about = "one fix"
[change.eal-fix-one.files]
"main/stable" = "0001-eal-fix-one.patch"
"25.11" = "0001-eal-fix-one.patch"
'''


def run(top, *args):
    env = dict(os.environ, HOTPLUG_MP_TOP=top)
    p = subprocess.run([sys.executable, SCRIPT, *args], env=env,
                       capture_output=True, text=True)
    return p.returncode, p.stdout


class Check(unittest.TestCase):
    def tree(self, manifest, patches):
        top = tempfile.mkdtemp()
        self.addCleanup(subprocess.run, ['rm', '-rf', top])
        with open(os.path.join(top, 'changes.toml'), 'w') as f:
            f.write(manifest)
        for path in patches:
            os.makedirs(os.path.dirname(os.path.join(top, 'patches', path)),
                        exist_ok=True)
            open(os.path.join(top, 'patches', path), 'w').close()
        return top

    def test_every_file_named(self):
        top = self.tree(GOOD, ['main/stable/0000-cover-letter.patch',
                               'main/stable/0001-eal-fix-one.patch',
                               '25.11/0001-eal-fix-one.patch'])
        self.assertEqual(run(top, 'check'), (0, 'changes.toml: 1 changes '
                         'name the 2 patch files of patches/\n'))

    def test_unnamed_file(self):
        top = self.tree(GOOD, ['main/stable/0001-eal-fix-one.patch',
                               'main/stable/0002-eal-fix-two.patch',
                               '25.11/0001-eal-fix-one.patch'])
        rc, out = run(top, 'check')
        self.assertEqual(rc, 1)
        self.assertIn('patches/main/stable/0002-eal-fix-two.patch: no change '
                      'of changes.toml names it', out)

    def test_missing_file(self):
        top = self.tree(GOOD, ['main/stable/0001-eal-fix-one.patch'])
        rc, out = run(top, 'check')
        self.assertEqual(rc, 1)
        self.assertIn('eal-fix-one: patches/25.11/0001-eal-fix-one.patch '
                      'does not exist', out)

    def test_bad_name_and_kind(self):
        manifest = GOOD.replace('eal-fix-one]', 'Fix_0001]').replace(
            'eal-fix-one.files]', 'Fix_0001.files]').replace(
            'stable-fix', 'fix')
        top = self.tree(manifest, ['main/stable/0001-eal-fix-one.patch',
                                   '25.11/0001-eal-fix-one.patch'])
        rc, out = run(top, 'check')
        self.assertEqual(rc, 1)
        self.assertIn('Fix_0001: not a lower-case, hyphenated name', out)
        self.assertIn("Fix_0001: kind 'fix' is none of", out)

    def test_of_and_files(self):
        top = self.tree(GOOD, ['main/stable/0001-eal-fix-one.patch',
                               '25.11/0001-eal-fix-one.patch'])
        path = os.path.join(top, 'patches', '25.11', '0001-eal-fix-one.patch')
        self.assertEqual(run(top, 'of', path), (0, 'eal-fix-one\n'))
        self.assertEqual(run(top, 'files', 'eal-fix-one'),
                         (0, 'main/stable 0001-eal-fix-one.patch\n'
                             '25.11 0001-eal-fix-one.patch\n'))
        self.assertEqual(run(top, 'files', 'no-such')[0], 1)


class Tree(unittest.TestCase):
    def test_this_tree(self):
        """The manifest of this tree names every patch of patches/."""
        p = subprocess.run([sys.executable, SCRIPT, 'check'],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stdout)


if __name__ == '__main__':
    unittest.main()
