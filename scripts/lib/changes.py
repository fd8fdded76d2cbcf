#!/usr/bin/python3
"""Reads changes.toml, the manifest of the changes of patches/.

  changes.py check               checks the manifest against patches/
                                 (exit 1 on a fault, each one a line)
  changes.py list [KIND]         the changes, or those of a kind
  changes.py files CHANGE        FOLDER FILE lines: where a change is
  changes.py of FILE             the changes a patch file carries
  changes.py stack FOLDER         the series applied to make FOLDER's, in
                                 order: those it is on, then itself
  changes.py base FOLDER         the DPDK base of a series
  changes.py series FOLDER       its own patch files, in order
  changes.py patches FOLDER [CHANGE...]
                                 the patch files of FOLDER's stack, in
                                 order (those carrying CHANGEs only)
  changes.py proves CHANGE        the tests that fail without it
  changes.py expect FLAVOUR      what must fail on a flavour of
                                 flavours.toml: the tests proving a
                                 change it lacks, "PATTERN WHY" lines for
                                 scripts/gtest_tally.py
  changes.py cites               checks the citations of plugin/, app/,
                                 common/, tests/, tools/, doc/ (not
                                 doc/wip/) and README.md: no patch
                                 number, and every "change NAME" or
                                 "...-fix-..." names one of the manifest
                                 (exit 1 on a fault)

The top of the tree is this file's, or $HOTPLUG_MP_TOP (for the tests).
"""
import os
import re
import subprocess
import sys
import tomllib

TOP = os.environ.get('HOTPLUG_MP_TOP') or os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KINDS = ('stable-fix', 'main-change', 'rfc', 'clean-up', 'test', 'withdrawn')
NAME = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*$')
PATCH = re.compile(r'^0(?!000)[0-9]{3}-.*\.patch$')
# Where code, tests, tools and docs are, and how they may not cite a
# change: by its number, which differs per folder and moves when a series
# is cut
CITING = ('plugin', 'app', 'common', 'tests', 'tools', 'doc', 'README.md')
NUMBER = re.compile(r'(?i:fix|fixes|feature|features|patch)\s+(?:\*\s+)?0[0-9]{3}'
                    r'|0[0-9]{3}\s+of\s+`*patches/'
                    r'|(fixes|features|stable|next|22\.11|25\.11)/0(?!000)[0-9]{3}')
# "change eal-x" (also across a line break and a comment's star), and any
# "...-fix-..." word: a fix cited by its name
CITED = re.compile(r'\bchange\s+(?:\*\s+)?([a-z0-9]+(?:-[a-z0-9]+)+)'
                   r'|(?<![\w./-])([a-z0-9]+-fix(?:-[a-z0-9]+)+)(?![\w./-])'
                   r'|\bhas\("([^"]+)"\)')


def load_all():
    with open(os.path.join(TOP, 'changes.toml'), 'rb') as f:
        return tomllib.load(f)


def load():
    return load_all().get('change', {})


def folder_patches(folder):
    """The patch files of patches/FOLDER in order, cover letter left out."""
    try:
        names = os.listdir(os.path.join(TOP, 'patches', folder))
    except OSError:
        return []
    return sorted(n for n in names if PATCH.match(n))


def stack(folders, folder):
    """FOLDER and the folders it is on, the farthest first."""
    out = []
    while folder:
        if folder not in folders or folder in out:
            raise KeyError(folder)
        out.insert(0, folder)
        folder = folders[folder].get('on')
    return out


def patches(data, folder, only=None):
    """patches/... paths of FOLDER's stack in order; with only (a set of
    change names), those files carrying one of them."""
    changes = data.get('change', {})
    out = []
    for f in stack(data.get('folder', {}), folder):
        carried = {c.get('files', {}).get(f) for n, c in changes.items()
                   if only is None or n in only}
        out += [os.path.join('patches', f, n) for n in folder_patches(f)
                if n in carried]
    return out


# The suites a run of flavours.toml other than unit and integration
# provides: a flavour without the run cannot show their proofs
SUITE_RUNS = (('DpdkFastTests', 'dpdk-fast-tests'), ('Emulated', 'vm'))


def applies(change, base):
    """Whether a change's bug (or what it changes) is in DPDK base; with
    no base, in any."""
    return base is None or base in change.get('bases', [base])


def expectations(carried, data=None, runs=None, system=False, base=None):
    """[(pattern, why, may_pass, may_skip)] of a flavour carrying the
    changes named in carried: the tests proving a change it lacks must
    fail (why: those changes), then those whose outcome is timing's unless
    it carries every change of a timing entry. A change whose `bases`
    leave out the flavour's base is not lacking there: its bug is not in
    that code. With runs (the flavour's), the proofs of runs it lacks are
    left out; on Debian's DPDK (system) a proof may be skipped (no
    testpmd there loads the module)."""
    data = data or load_all()
    changes = data.get('change', {})
    carried = set(carried) | {n for n, c in changes.items()
                              if not applies(c, base)}

    def runnable(pat):
        return runs is None or all(
            run in runs for prefix, run in SUITE_RUNS if pat.startswith(prefix))
    must = {}
    for name in sorted(changes):
        if name not in carried:
            for pat in changes[name].get('proves', []):
                if runnable(pat):
                    must.setdefault(pat, []).append(name)
    out = [(pat, ', '.join(names), False, system)
           for pat, names in sorted(must.items())]
    for t in data.get('timing', []):
        if set(t['without']) <= set(carried):
            continue
        out += [(pat, t['why'], True, system) for pat in t['tests']
                if runnable(pat) and pat not in must]
    return out


def expect_lines(expectations):
    """The lines of an expectations file (scripts/gtest_tally.py)."""
    return ['%s%s%s %s' % ('?' if may_pass else '', '~' if may_skip else '',
                           pat, why)
            for pat, why, may_pass, may_skip in expectations]


def patch_files():
    """Every patch of patches/ but cover letters, as (folder, file)."""
    root = os.path.join(TOP, 'patches')
    found = set()
    for folder, _, files in os.walk(root):
        for name in files:
            if PATCH.match(name):
                found.add((os.path.relpath(folder, root), name))
    return found


def pattern_faults(where, pat):
    if not isinstance(pat, str) or not re.match(r'^[^\s#?]+\.[^\s#]+$', pat):
        return [f'{where}: test pattern {pat!r} is not SUITE.TEST (fnmatch)']
    return []


def folder_faults(changes, folders):
    out = []
    used = {f for c in changes.values() for f in c.get('files', {})}
    for f in sorted(used - set(folders)):
        out.append(f'patches/{f}: no [folder."{f}"]')
    for f, v in sorted(folders.items()):
        if not v.get('base'):
            out.append(f'folder {f}: no base')
        if set(v) - {'base', 'on'}:
            out.append(f'folder {f}: unknown keys {sorted(set(v) - {"base", "on"})}')
        try:
            below = stack(folders, f)
        except KeyError as e:
            out.append(f'folder {f}: on {e.args[0]}, no such folder or a loop')
            continue
        if any(folders[b].get('base') != v.get('base') for b in below):
            out.append(f'folder {f}: on a series of another base')
        if not folder_patches(f):
            out.append(f'folder {f}: patches/{f}/ holds no patch')
        for name, c in sorted(changes.items()):
            twice = [b for b in below if b in c.get('files', {})]
            if len(twice) > 1:
                out.append(f'{name}: in {" and ".join(twice)}, which one '
                           f'stack ({f}) applies both')
    return out


def faults(changes, timing=(), folders=None):
    """What is wrong with the manifest, one line each."""
    out = []
    named = set()
    if folders is not None:
        out += folder_faults(changes, folders)
    for i, t in enumerate(timing):
        where = f'timing {i + 1}'
        for pat in t.get('tests', []) or [None]:
            out += pattern_faults(where, pat)
        if not t.get('why'):
            out.append(f'{where}: no why')
        for n in t.get('without', []) or ['']:
            if n not in changes:
                out.append(f'{where}: without names no change {n!r}')
    for name, c in sorted(changes.items()):
        if not NAME.match(name):
            out.append(f'{name}: not a lower-case, hyphenated name')
        if c.get('kind') not in KINDS:
            out.append(f'{name}: kind {c.get("kind")!r} is none of {", ".join(KINDS)}')
        if not c.get('about'):
            out.append(f'{name}: no about')
        for pat in c.get('proves', []):
            out += pattern_faults(name, pat)
        files = c.get('files', {})
        if not files:
            out.append(f'{name}: no files')
        bases = c.get('bases')
        if bases is not None and folders is not None:
            known = {v.get('base') for v in folders.values()} - {None}
            if not isinstance(bases, list) or not bases or \
                    not all(isinstance(b, str) for b in bases) or \
                    set(bases) - known:
                out.append(f'{name}: bases {bases!r} are not bases of '
                           f'the folders ({", ".join(sorted(known))})')
            else:
                for folder in files:
                    if folders.get(folder, {}).get('base') not in bases:
                        out.append(f'{name}: in {folder}, a series of a '
                                   f'base its bases leave out')
        for folder, file in files.items():
            if not os.path.isfile(os.path.join(TOP, 'patches', folder, file)):
                out.append(f'{name}: patches/{folder}/{file} does not exist')
            named.add((folder, file))
    for folder, file in sorted(patch_files() - named):
        out.append(f'patches/{folder}/{file}: no change of changes.toml names it')
    return out


def tracked(d):
    """The files git keeps or would keep below d (not what it ignores,
    such as tests/out/), or None outside a git checkout."""
    p = subprocess.run(['git', '-C', TOP, 'ls-files', '--cached', '--others',
                        '--exclude-standard', '--', d],
                       capture_output=True, text=True)
    return p.stdout.split('\n')[:-1] if p.returncode == 0 else None


def citing_files(dirs=CITING):
    for d in dirs:
        listed = tracked(d)
        if listed is not None:
            for rel in sorted(set(listed)):
                if rel.startswith(os.path.join('doc', 'wip', '')):
                    continue
                try:
                    with open(os.path.join(TOP, rel), encoding='utf-8') as f:
                        yield rel, f.read()
                except (UnicodeDecodeError, OSError):
                    continue
            continue
        if os.path.isfile(os.path.join(TOP, d)):
            with open(os.path.join(TOP, d), encoding='utf-8') as f:
                yield d, f.read()
            continue
        for folder, _, files in os.walk(os.path.join(TOP, d)):
            if os.path.relpath(folder, TOP).startswith(os.path.join('doc', 'wip')):
                continue
            for name in sorted(files):
                path = os.path.join(folder, name)
                rel = os.path.relpath(path, TOP)
                try:
                    with open(path, encoding='utf-8') as f:
                        yield rel, f.read()
                except (UnicodeDecodeError, OSError):
                    continue


def citation_faults(changes):
    """Citations by number, and of changes the manifest lacks."""
    out = []
    for rel, text in citing_files():
        for m in NUMBER.finditer(text):
            no = text.count('\n', 0, m.start()) + 1
            out.append(f'{rel}:{no}: cites a patch by number '
                       f'({m.group(0)!r}): cite the change\'s name')
        for m in CITED.finditer(text):
            name = m.group(1) or m.group(2) or m.group(3)
            if name not in changes:
                no = text.count('\n', 0, m.start()) + 1
                out.append(f'{rel}:{no}: cites change {name}, which '
                           'changes.toml does not name')
    return out


def main(argv):
    data = load_all()
    changes = data.get('change', {})
    if argv[:1] == ['check'] and len(argv) == 1:
        bad = faults(changes, data.get('timing', []), data.get('folder', {}))
        for line in bad:
            print(line)
        if not bad:
            print(f'changes.toml: {len(changes)} changes name the '
                  f'{len(patch_files())} patch files of patches/')
        return 1 if bad else 0
    if argv == ['cites']:
        bad = citation_faults(changes)
        for line in bad:
            print(line)
        if not bad:
            print(f'{", ".join(CITING)}: no patch number cited, every '
                  'cited change named')
        return 1 if bad else 0
    folders = data.get('folder', {})
    if argv[:1] in (['stack'], ['base'], ['series'], ['patches']) and \
            len(argv) >= 2:
        if argv[1] not in folders:
            print(f'changes.py: no folder {argv[1]}', file=sys.stderr)
            return 1
        unknown = [n for n in argv[2:] if n not in changes]
        if argv[0] != 'patches' and len(argv) > 2 or unknown:
            print(f'changes.py: no change {" ".join(unknown)}' if unknown
                  else __doc__.strip(), file=sys.stderr)
            return 1 if unknown else 2
        if argv[0] == 'stack':
            print('\n'.join(stack(folders, argv[1])))
        elif argv[0] == 'base':
            print(folders[argv[1]]['base'])
        elif argv[0] == 'series':
            for name in folder_patches(argv[1]):
                print(os.path.join('patches', argv[1], name))
        else:
            for path in patches(data, argv[1], set(argv[2:]) or None):
                print(path)
        return 0
    if argv[:1] == ['proves'] and len(argv) == 2 and argv[1] in changes:
        for pat in changes[argv[1]].get('proves', []):
            print(pat)
        return 0
    if argv[:1] == ['expect'] and len(argv) == 2:
        import flavours
        try:
            f = flavours.load()[1][argv[1]]
        except KeyError:
            print(f'changes.py: no flavour {argv[1]}', file=sys.stderr)
            return 1
        for line in expect_lines(flavours.expectations(f)):
            print(line)
        return 0
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
