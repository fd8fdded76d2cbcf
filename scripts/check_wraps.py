#!/usr/bin/env python3
"""Checks that the unit tests redirect every DPDK call of the module: each
rte_* symbol the module's objects call is wrapped (-Wl,--wrap) or known
to be safe without an initialised EAL. A call in neither list would reach
the real, uninitialised EAL from a unit test; the build fails on it.

  check_wraps.py NM STAMP LIBRARY --wrapped NAME... --real NAME...

Writes STAMP when the check holds (meson: a dependency of the unit tests).
"""
import subprocess
import sys


def calls(nm, library):
    """The rte_* symbols the library's objects call (U), weakly (w) too."""
    out = subprocess.run([nm, library], capture_output=True, text=True,
                         check=True).stdout
    found = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ('U', 'w') and \
                parts[1].startswith('rte_'):
            found.add(parts[1])
    return found


def main(argv):
    try:
        nm, stamp, library = argv[1:4]
        rest = argv[4:]
        w, r = rest.index('--wrapped'), rest.index('--real')
    except ValueError:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    wrapped = set(rest[w + 1:r] if w < r else rest[w + 1:])
    real = set(rest[r + 1:] if r > w else rest[r + 1:w])
    missing = sorted(calls(nm, library) - wrapped - real)
    if missing:
        print('the module calls %s, which the unit tests neither wrap nor '
              'allow: add each to tests/meson.build (wrapped_eal_calls and '
              'tests/unit/eal_mock.cpp, or real_eal_calls with why)'
              % ', '.join(missing), file=sys.stderr)
        return 1
    with open(stamp, 'w') as f:
        f.write('\n'.join(sorted(calls(nm, library))) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
