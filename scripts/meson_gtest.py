#!/usr/bin/env python3
"""A GoogleTest program as `meson test` runs it: on the flavour of the build
directory, its tests proving a change the flavour lacks must fail, and the
others pass (changes.toml), as scripts/test.sh counts them.

  meson_gtest.py FLAVOUR PROGRAM [ARGUMENT...]

The program's output goes through; the tally's lines follow it, the last
"N passed, N failed". Exit status 0 when the tally holds. GTEST_FILTER,
or the flavour's filter for the integration tests, runs a subset.
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                'lib'))
import changes  # noqa: E402
import flavours  # noqa: E402
import gtest_json  # noqa: E402
import gtest_tally  # noqa: E402  (gtest_tally.py is beside this file)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    name, program, args = argv[1], argv[2], argv[3:]
    known = flavours.load()[1]
    if name not in known:
        print('meson_gtest.py: no flavour %s (flavours: %s)'
              % (name, ' '.join(known)), file=sys.stderr)
        return 2
    f = known[name]
    label = os.path.basename(program)
    flt = os.environ.get('GTEST_FILTER', '')
    if not flt and label.endswith('-integration'):
        flt = f['filter']
    # the flavour's environment, as scripts/test.sh gives it
    env = dict(os.environ)
    env.update(kv.split('=', 1) for kv in f['env'])
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, 'report.json')
        expect = os.path.join(tmp, 'expect.txt')
        with open(expect, 'w') as out:
            for line in changes.expect_lines(flavours.expectations(f)):
                out.write(line + '\n')
        cmd = [program, '--gtest_output=json:' + report, *args]
        if flt:
            cmd.append('--gtest_filter=' + flt)
        rc = subprocess.run(cmd, stdin=subprocess.DEVNULL, env=env).returncode
        sys.stdout.flush()
        # one program of the flavour's runs: its proofs may be elsewhere
        tally = gtest_tally.main(['gtest_tally.py', '--subset',
                                  '%s=%s@%s' % (label, report, expect)])
        # GoogleTest exits 1 on a failed test; anything else (a sanitizer's
        # report at exit, a crash) fails, and so does 1 with none failed
        if rc not in (0, 1) or (rc == 1 and tally == 0 and not any(
                r == 'failed' for _, r in gtest_json.read(report))):
            print('%s exited with status %d' % (label, rc))
            return 1
        return tally


if __name__ == '__main__':
    sys.exit(main(sys.argv))
