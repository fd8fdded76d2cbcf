#!/usr/bin/env python3
"""scripts/send-series.sh, run as a new user would: on a fresh clone that
has not run the set-up, without a git identity and with one.

    python3 scripts/send_series_test.py
"""
import glob
import os
import re
import subprocess
import tempfile
import unittest

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLACEHOLDER = 'HOTPLUG-MP PLACEHOLDER <placeholder@sender.invalid>'
SENDER = 'Ada Tester <ada@example.org>'


def read(path):
    with open(path) as f:
        return f.read()


class SendSeries(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.clone = os.path.join(cls.tmp.name, 'c')
        subprocess.run(['git', 'clone', '-q', TOP, cls.clone], check=True)
        # no identity of the machine's user: a home of its own, no
        # system configuration
        cls.env = dict(os.environ, HOME=cls.tmp.name, GIT_CONFIG_NOSYSTEM='1')
        for k in ('GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME',
                  'GIT_COMMITTER_EMAIL', 'EMAIL'):
            cls.env.pop(k, None)
        # the offline DPDK copies where the repository under test finds
        # them (a clone of a clone would not find them by itself)
        found = subprocess.run(
            ['bash', '-c', 'top=$PWD; log() { :; }; die() { :; }; '
             '. scripts/lib/dpdk_sources.sh; echo "$tarball_dir"'],
            cwd=TOP, capture_output=True, text=True).stdout.strip()
        if os.path.isdir(found):
            cls.env['HOTPLUG_MP_DPDK_TARBALLS'] = os.path.realpath(found)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def send(self, *args):
        return subprocess.run(['bash', 'scripts/send-series.sh', *args],
                              cwd=self.clone, env=self.env, text=True,
                              capture_output=True, timeout=900)

    def git_config(self, key, value):
        subprocess.run(['git', '-C', self.clone, 'config', key, value],
                       check=True, env=self.env)

    def test_1_without_identity_it_writes_nothing(self):
        r = self.send('fixes')
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn('git config user.name', r.stderr)
        self.assertNotIn('command not found', r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.clone, 'mail')))

    def test_2_the_placeholder_is_no_identity(self):
        self.git_config('user.name', 'HOTPLUG-MP PLACEHOLDER')
        self.git_config('user.email', 'placeholder@sender.invalid')
        r = self.send('fixes')
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn('no sender identity', r.stderr)

    def test_3_the_mail_carries_the_sender(self):
        self.git_config('user.name', 'Ada Tester')
        self.git_config('user.email', 'ada@example.org')
        r = self.send('fixes')
        self.assertEqual(r.returncode, 0, r.stderr)
        committed = sorted(glob.glob(
            os.path.join(self.clone, 'patches/main/fixes/*.patch')))
        mail = sorted(glob.glob(os.path.join(self.clone, 'mail/fixes/*.patch')))
        self.assertEqual([os.path.basename(p) for p in committed],
                         [os.path.basename(p) for p in mail])
        for c, m in zip(committed, mail):
            text = read(m)
            self.assertNotIn('placeholder', text.lower(), m)
            self.assertEqual(re.findall(r'(?m)^From: (.*)$', text)[0], SENDER)
            if not m.endswith('0000-cover-letter.patch'):
                self.assertEqual(re.findall(r'(?m)^Signed-off-by: (.*)$', text),
                                 [SENDER], m)
            # nothing else changed
            self.assertEqual(text.replace(SENDER, PLACEHOLDER).replace(
                '\nAda Tester (', '\nHOTPLUG-MP PLACEHOLDER ('), read(c))
        self.assertIn('--to dev@dpdk.org', r.stdout)
        self.assertIn('mail/fixes/0001-', r.stdout)
        self.assertNotIn('patches/main/fixes/', r.stdout)

    def test_3b_the_sender_holds_the_copyright_of_new_files(self):
        self.git_config('user.name', 'Ada Tester')
        self.git_config('user.email', 'ada@example.org')
        r = self.send('stable')
        self.assertEqual(r.returncode, 0, r.stderr)
        committed = read(glob.glob(os.path.join(
            self.clone, 'patches/main/stable/*-test-eal-add-multi-process-*.patch'))[0])
        self.assertRegex(committed, r'(?m)^\+ \* Copyright\(c\) 2026 HOTPLUG-MP PLACEHOLDER$')
        mail = read(glob.glob(os.path.join(
            self.clone, 'mail/stable/*-test-eal-add-multi-process-*.patch'))[0])
        self.assertRegex(mail, r'(?m)^\+ \* Copyright\(c\) 2026 Ada Tester$')
        self.assertNotIn('placeholder', mail.lower())

    def test_4_committed_series_carry_only_the_placeholder(self):
        for p in glob.glob(os.path.join(TOP, 'patches/**/*.patch'), recursive=True):
            text = read(p)
            for who in re.findall(r'(?m)^(?:From|Signed-off-by): (.*)$', text):
                self.assertEqual(who, PLACEHOLDER, p)
            self.assertNotIn('diff --git a/.mailmap', text, p)


if __name__ == '__main__':
    unittest.main(verbosity=2)
