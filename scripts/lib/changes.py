#!/usr/bin/python3
"""Reads changes.toml, the manifest of the changes of patches/.

  changes.py check               checks the manifest against patches/
                                 (exit 1 on a fault, each one a line)
  changes.py list [KIND]         the changes, or those of a kind
  changes.py files CHANGE        FOLDER FILE lines: where a change is
  changes.py of FILE             the changes a patch file carries

The top of the tree is this file's, or $HOTPLUG_MP_TOP (for the tests).
"""
import os
import re
import sys
import tomllib

TOP = os.environ.get('HOTPLUG_MP_TOP') or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KINDS = ('stable-fix', 'main-change', 'rfc', 'clean-up', 'test', 'withdrawn')
NAME = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*$')
PATCH = re.compile(r'^0(?!000)[0-9]{3}-.*\.patch$')


def load():
    with open(os.path.join(TOP, 'changes.toml'), 'rb') as f:
        return tomllib.load(f).get('change', {})


def patch_files():
    """Every patch of patches/ but cover letters, as (folder, file)."""
    root = os.path.join(TOP, 'patches')
    found = set()
    for folder, _, files in os.walk(root):
        for name in files:
            if PATCH.match(name):
                found.add((os.path.relpath(folder, root), name))
    return found


def faults(changes):
    """What is wrong with the manifest, one line each."""
    out = []
    named = set()
    for name, c in sorted(changes.items()):
        if not NAME.match(name):
            out.append(f'{name}: not a lower-case, hyphenated name')
        if c.get('kind') not in KINDS:
            out.append(f'{name}: kind {c.get("kind")!r} is none of {", ".join(KINDS)}')
        if not c.get('about'):
            out.append(f'{name}: no about')
        files = c.get('files', {})
        if not files:
            out.append(f'{name}: no files')
        for folder, file in files.items():
            if not os.path.isfile(os.path.join(TOP, 'patches', folder, file)):
                out.append(f'{name}: patches/{folder}/{file} does not exist')
            named.add((folder, file))
    for folder, file in sorted(patch_files() - named):
        out.append(f'patches/{folder}/{file}: no change of changes.toml names it')
    return out


def main(argv):
    changes = load()
    if argv[:1] == ['check'] and len(argv) == 1:
        bad = faults(changes)
        for line in bad:
            print(line)
        if not bad:
            print(f'changes.toml: {len(changes)} changes name the '
                  f'{len(patch_files())} patch files of patches/')
        return 1 if bad else 0
    if argv[:1] == ['list'] and len(argv) <= 2:
        for name, c in sorted(changes.items()):
            if len(argv) == 1 or c.get('kind') == argv[1]:
                print(name)
        return 0
    if argv[:1] == ['files'] and len(argv) == 2:
        if argv[1] not in changes:
            print(f'changes.py: no change {argv[1]}', file=sys.stderr)
            return 1
        for folder, file in changes[argv[1]].get('files', {}).items():
            print(folder, file)
        return 0
    if argv[:1] == ['of'] and len(argv) == 2:
        path = os.path.relpath(os.path.abspath(argv[1]),
                               os.path.join(TOP, 'patches'))
        folder, file = os.path.split(path)
        for name, c in sorted(changes.items()):
            if c.get('files', {}).get(folder) == file:
                print(name)
        return 0
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
