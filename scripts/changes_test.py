#!/usr/bin/env python3
"""Tests of scripts/lib/changes.py: what its checks find wrong.

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
[folder."main/stable"]
base = "26.07"
[folder."25.11"]
base = "25.11"

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

    def test_folders(self):
        """Each folder of a change is a series of the manifest, on a
        series of its base; the stack applies in order, a change once."""
        manifest = GOOD.replace('[folder."25.11"]\nbase = "25.11"',
                                '[folder."main/next"]\nbase = "26.07"\n'
                                'on = "main/stable"').replace(
            '"25.11" = "0001-eal-fix-one.patch"', '')
        manifest += ('[change.eal-test-two]\nkind = "test"\nabout = "x"\n'
                     '[change.eal-test-two.files]\n'
                     '"main/stable" = "0002-test-two.patch"\n'
                     '[change.eal-fix-three]\nkind = "stable-fix"\n'
                     'about = "y"\n[change.eal-fix-three.files]\n'
                     '"main/next" = "0001-eal-fix-three.patch"\n')
        files = ['main/stable/0001-eal-fix-one.patch',
                 'main/stable/0002-test-two.patch',
                 'main/next/0001-eal-fix-three.patch']
        top = self.tree(manifest, files)
        self.assertEqual(run(top, 'check'), (0, 'changes.toml: 3 changes '
                         'name the 3 patch files of patches/\n'))
        self.assertEqual(run(top, 'stack', 'main/next'),
                         (0, 'main/stable\nmain/next\n'))
        self.assertEqual(run(top, 'series', 'main/next'),
                         (0, 'patches/main/next/0001-eal-fix-three.patch\n'))
        self.assertEqual(run(top, 'patches', 'main/next'),
                         (0, ''.join(f'patches/{f}\n' for f in files)))
        self.assertEqual(run(top, 'patches', 'main/next', 'eal-test-two'),
                         (0, 'patches/main/stable/0002-test-two.patch\n'))
        for bad, fault in (
                (manifest.replace('on = "main/stable"', 'on = "main/x"'),
                 'folder main/next: on main/x, no such folder or a loop'),
                (manifest.replace('on = "main/stable"', 'on = "main/next"'),
                 'folder main/next: on main/next, no such folder or a loop'),
                (manifest.replace('base = "26.07"\non', 'base = "25.11"\non'),
                 'folder main/next: on a series of another base'),
                (manifest.replace('[folder."main/next"]', '[folder."x"]'),
                 'patches/main/next: no [folder."main/next"]'),
                (manifest.replace('"main/next" = "0001-eal-fix-three.patch"',
                                  '"main/next" = "0001-eal-fix-three.patch"'
                                  '\n"main/stable" = "0002-test-two.patch"'),
                 'eal-fix-three: in main/stable and main/next, which one '
                 'stack (main/next) applies both')):
            rc, out = run(self.tree(bad, files), 'check')
            self.assertEqual(rc, 1, bad)
            self.assertIn(fault, out)

    def test_bases(self):
        """A change's bases are bases of the folders, and each folder
        carrying it is a series of one of them."""
        files = ['main/stable/0001-eal-fix-one.patch',
                 '25.11/0001-eal-fix-one.patch']
        ok = GOOD.replace('about = "one fix"',
                          'about = "one fix"\nbases = ["26.07", "25.11"]')
        self.assertEqual(run(self.tree(ok, files), 'check')[0], 0)
        for bad, fault in (
                (ok.replace('"26.07", "25.11"]', '"26.07"]'),
                 'eal-fix-one: in 25.11, a series of a base its bases '
                 'leave out'),
                (ok.replace('"26.07", "25.11"]', '"26.07", "24.11"]'),
                 "eal-fix-one: bases ['26.07', '24.11'] are not bases of "
                 'the folders (25.11, 26.07)'),
                (ok.replace('["26.07", "25.11"]', '"26.07"'),
                 "eal-fix-one: bases '26.07' are not bases of the folders"),
                (ok.replace('["26.07", "25.11"]', '[["26.07"]]'),
                 "eal-fix-one: bases [['26.07']] are not bases of the")):
            rc, out = run(self.tree(bad, files), 'check')
            self.assertEqual(rc, 1, bad)
            self.assertIn(fault, out)

    def test_of_and_files(self):
        top = self.tree(GOOD, ['main/stable/0001-eal-fix-one.patch',
                               '25.11/0001-eal-fix-one.patch'])
        path = os.path.join(top, 'patches', '25.11', '0001-eal-fix-one.patch')
        self.assertEqual(run(top, 'of', path), (0, 'eal-fix-one\n'))
        self.assertEqual(run(top, 'files', 'eal-fix-one'),
                         (0, 'main/stable 0001-eal-fix-one.patch\n'
                             '25.11 0001-eal-fix-one.patch\n'))
        self.assertEqual(run(top, 'files', 'no-such')[0], 1)


class Cites(unittest.TestCase):
    def tree(self, sources):
        top = Check.tree(self, GOOD, ['main/stable/0001-eal-fix-one.patch',
                                      '25.11/0001-eal-fix-one.patch'])
        for path, text in sources.items():
            os.makedirs(os.path.dirname(os.path.join(top, path)),
                        exist_ok=True)
            with open(os.path.join(top, path), 'w') as f:
                f.write(text)
        return top

    def test_names_pass(self):
        top = self.tree({'plugin/a.cpp': '/* as change\n * eal-fix-one '
                         'does */\n',
                         'tests/b.cpp': '// (eal-fix-one) testpmd-style\n'})
        rc, out = run(top, 'cites')
        self.assertEqual(rc, 0, out)

    def test_number_fails(self):
        for cite in ('fix 0002', 'Features 0007', '0014 of patches/',
                     'main/fixes/0003-x.patch', '25.11/0001'):
            top = self.tree({'tools/c.sh': f'# as {cite} does\n'})
            rc, out = run(top, 'cites')
            self.assertEqual(rc, 1, cite)
            self.assertIn('tools/c.sh:1: cites a patch by number', out)

    def test_across_a_line_break_and_in_has(self):
        top = self.tree({'doc/a.rst': 'as Fixes\n  0005 does\n'})
        self.assertIn('doc/a.rst:1: cites a patch by number', run(top, 'cites')[1])
        top = self.tree({'doc/b.rst': '0012 of\n``patches/22.11/``\n'})
        self.assertEqual(run(top, 'cites')[0], 1)
        top = self.tree({'tests/c.cpp': 'if (!has("eal-fix-one"))\n'
                         'if (has("eal-fix-onee"))\n'})
        rc, out = run(top, 'cites')
        self.assertEqual(rc, 1)
        self.assertIn('tests/c.cpp:2: cites change eal-fix-onee', out)
        self.assertNotIn('tests/c.cpp:1:', out)

    def test_docs_too_but_not_wip_nor_cover_letters(self):
        top = self.tree({'doc/a.rst': 'see main/fixes/0000-cover-letter.patch\n',
                         'doc/wip/b.md': 'fixes 0003 then\n'})
        self.assertEqual(run(top, 'cites')[0], 0)
        top = self.tree({'doc/a.rst': 'as fixes 0003 does\n'})
        self.assertEqual(run(top, 'cites')[0], 1)

    def test_unknown_name_fails(self):
        top = self.tree({'app/d.h': '\n/* change eal-fix-two and\n'
                         ' * vdev-fix-three */\n'})
        rc, out = run(top, 'cites')
        self.assertEqual(rc, 1)
        self.assertIn('app/d.h:2: cites change eal-fix-two, which', out)
        self.assertIn('app/d.h:3: cites change vdev-fix-three, which', out)


class Tree(unittest.TestCase):
    def test_this_tree(self):
        """The manifest of this tree names every patch of patches/."""
        p = subprocess.run([sys.executable, SCRIPT, 'check'],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stdout)

    def test_this_trees_citations(self):
        """Code, tests and tools cite changes by name only."""
        p = subprocess.run([sys.executable, SCRIPT, 'cites'],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stdout)


if __name__ == '__main__':
    unittest.main()
