#!/usr/bin/python3
"""Reads flavours.toml, the build matrix, for the scripts and for meson.

  flavours.py check                     checks the file (exit 1 on a fault)
  flavours.py default                   the default flavour (meson's, the
                                        demo's, the soak's, the benchmarks')
  flavours.py baseline-of FLAVOUR       the baseline of its base: the
                                        flavour built from source with no
                                        change but tests
  flavours.py list [TIER]               the flavours, or those of a tier
  flavours.py tiers                     the tiers
  flavours.py closure FLAVOUR...        those flavours and the ones they
                                        need built first, in build order
  flavours.py get FLAVOUR KEY           a key of a flavour (a list: one
                                        item a line; unset: nothing)
  flavours.py tier TIER KEY             a key of a tier, likewise
  flavours.py base BASE KEY             a key of a base, likewise
  flavours.py packages FLAVOUR...       the Debian packages those flavours
                                        and their bases need beyond the
                                        common ones
  flavours.py patches FLAVOUR           the patch files its source carries
  flavours.py baseline FLAVOUR          exit 0 if it carries no change of
                                        changes.toml but tests
  flavours.py setup-args FLAVOUR        the `meson setup` arguments
  flavours.py meson FLAVOUR             KEY=VALUE lines for meson.build

Keys a flavour may leave out take their defaults here, once.
"""
import os
import sys
import tomllib

import changes  # beside this file: the manifest of patches/

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FILE = os.path.join(TOP, 'flavours.toml')

FLAVOUR_DEFAULTS = {
    'about': '', 'series': '', 'only': [], 'source': '', 'dpdk': 'subproject',
    'helper': '', 'dpdk_tests': False, 'meson': [], 'cc': '', 'cxx': '',
    'targets': [], 'runs': [], 'filter': '', 'env': [],
    'packages': [],
}
TIER_DEFAULTS = {
    'about': '', 'flavours': [], 'fuzz_seconds': 0, 'soak_cycles': 0,
    'crash_trials': 0, 'series': [], 'vm_filter': '',
}
RUNS = {'unit', 'integration', 'dpdk-fast-tests', 'fuzz', 'vm'}


class Fault(Exception):
    pass


def load():
    with open(FILE, 'rb') as f:
        data = tomllib.load(f)
    bases = {}
    for name, raw in data.get('base', {}).items():
        if set(raw) - {'wrap', 'packages'} or 'wrap' not in raw:
            raise Fault('base %s: a wrap, and packages if any' % name)
        if not os.path.exists(os.path.join(TOP, 'subprojects', raw['wrap'] + '.wrap')):
            raise Fault('base %s: no subprojects/%s.wrap' % (name, raw['wrap']))
        bases[name] = dict({'packages': []}, **raw)
    flavours = {}
    for name, raw in data.get('flavour', {}).items():
        unknown = set(raw) - set(FLAVOUR_DEFAULTS) - {'base', 'build'}
        if unknown:
            raise Fault('flavour %s: unknown keys %s' % (name, sorted(unknown)))
        flavours[name] = dict(FLAVOUR_DEFAULTS, **raw, name=name)
    tiers = {}
    for name, raw in data.get('tier', {}).items():
        unknown = set(raw) - set(TIER_DEFAULTS)
        if unknown:
            raise Fault('tier %s: unknown keys %s' % (name, sorted(unknown)))
        tiers[name] = dict(TIER_DEFAULTS, **raw, name=name)
    check(bases, flavours, tiers)
    default = data.get('default', '')
    if default not in flavours:
        raise Fault('default %r is no flavour' % default)
    with open(os.path.join(TOP, 'meson_options.txt')) as f:
        if "option('flavour', type: 'string', value: '%s'," % default \
                not in f.read():
            raise Fault('meson_options.txt: the flavour option\'s value '
                        'is not the default, %s' % default)
    flavours[default]['default'] = True
    return bases, flavours, tiers


def linked(f):
    """The flavour whose DPDK build f links, or None."""
    return f['dpdk'].split(':', 1)[1] if f['dpdk'].startswith('flavour:') else None


def wrap_directories():
    """The source directories the wraps of subprojects/ claim."""
    out = {}
    sub = os.path.join(TOP, 'subprojects')
    for w in os.listdir(sub):
        if w.endswith('.wrap'):
            with open(os.path.join(sub, w)) as f:
                for line in f:
                    key, _, value = line.partition('=')
                    if key.strip() == 'directory':
                        out[value.strip()] = w[:-len('.wrap')]
    return out


def check(bases, flavours, tiers):
    sources = {}
    builds = {}
    claimed = wrap_directories()
    for n, f in flavours.items():
        for key in ('base', 'build'):
            if key not in f:
                raise Fault('flavour %s has no %s' % (n, key))
        if f['base'] not in bases:
            raise Fault('flavour %s: no base %s' % (n, f['base']))
        if f['build'] in builds:
            raise Fault('flavours %s and %s share build/ %s' % (n, builds[f['build']], f['build']))
        builds[f['build']] = n
        for r in f['runs']:
            if r not in RUNS:
                raise Fault('flavour %s: unknown run %s' % (n, r))
        dep = linked(f)
        if f['dpdk'] == 'system':
            if f['helper'] not in flavours:
                raise Fault('flavour %s: dpdk = "system" needs a helper flavour' % n)
        elif dep is not None:
            if dep not in flavours or flavours[dep]['dpdk'] != 'subproject':
                raise Fault('flavour %s links %s, which builds no DPDK of its own' % (n, dep))
            if flavours[dep]['source'] != f['source']:
                raise Fault('flavour %s links %s but names another source' % (n, dep))
        elif f['dpdk'] != 'subproject':
            raise Fault('flavour %s: dpdk is subproject, system or flavour:F' % n)
        if f['dpdk'] == 'system' and (f['series'] or f['only']):
            raise Fault('flavour %s: Debian\'s DPDK carries no series' % n)
        if f['series'] or f['only']:
            data = changes.load_all()
            folder = data.get('folder', {}).get(f['series'])
            if folder is None:
                raise Fault('flavour %s: series %r is no folder of changes.toml'
                            % (n, f['series']))
            if folder['base'] != f['base']:
                raise Fault('flavour %s: series %s is on base %s'
                            % (n, f['series'], folder['base']))
            have = changes_of(f, all_of_stack=True)
            for c in f['only']:
                if c not in have:
                    raise Fault('flavour %s: %s is no change of series %s'
                                % (n, c, f['series']))
        if f['dpdk'] != 'system':
            if not f['source']:
                raise Fault('flavour %s has no source' % n)
            # meson's subproject(source) goes through the wrap that claims
            # the directory, if any: it must bear the same name
            if claimed.get(f['source'], f['source']) != f['source']:
                raise Fault('flavour %s: source %s is the directory of %s.wrap; name it '
                            'otherwise' % (n, f['source'], claimed[f['source']]))
            carried = (f['base'], f['series'], sorted(f['only']))
            s = sources.setdefault(f['source'], carried + (n,))
            if s[:3] != carried:
                raise Fault('flavours %s and %s share source %s with other patches'
                            % (s[2], n, f['source']))
    for n, t in tiers.items():
        for f in t['flavours']:
            if f not in flavours:
                raise Fault('tier %s: no flavour %s' % (n, f))


def needs(flavours, name):
    """What must be built before flavour name."""
    f = flavours[name]
    dep = linked(f) or (f['helper'] if f['dpdk'] == 'system' else None)
    return [dep] if dep else []


def closure(flavours, names):
    want = set()

    def add(n):
        if n not in flavours:
            raise Fault('no flavour %s (flavours: %s)' % (n, ' '.join(flavours)))
        if n not in want:
            want.add(n)
            for d in needs(flavours, n):
                add(d)
    for n in names:
        add(n)
    # file order, which puts what others need first: checked below
    out = [n for n in flavours if n in want]
    for i, n in enumerate(out):
        for d in needs(flavours, n):
            if out.index(d) > i:
                raise Fault('flavour %s is listed before %s, which it needs' % (n, d))
    return out


def changes_of(f, all_of_stack=False):
    """The changes of changes.toml a flavour carries: those of the patch
    files it applies (its series and the series it is on, or of them the
    files of the changes `only` names; one file may carry two), or with
    all_of_stack those of the whole stack; none on Debian's DPDK."""
    if not f['series']:
        return set()
    data = changes.load_all()
    if all_of_stack:
        applied = set(changes.patches(data, f['series']))
    else:
        applied = set(patches(f))
    return {name for name, c in data.get('change', {}).items()
            if any(os.path.join('patches', folder, file) in applied
                   for folder, file in c.get('files', {}).items())}


def patches(f):
    """The patch files the flavour's source carries, in order."""
    if not f['series']:
        return []
    return changes.patches(changes.load_all(), f['series'],
                           set(f['only']) or None)


def expectations(f):
    """What must fail on a flavour (changes.expectations())."""
    return changes.expectations(changes_of(f), runs=f['runs'],
                                system=f['dpdk'] == 'system',
                                base=f['base'])


def is_baseline(f):
    """Whether a flavour carries no change but tests: the bugs are there."""
    manifest = changes.load()
    return all(manifest[n].get('kind') == 'test' for n in changes_of(f))


def baseline_of(flavours, name):
    """The baseline of a flavour's base, built from source, or None."""
    base = flavours[name]['base']
    for n, f in flavours.items():
        if f['base'] == base and f['dpdk'] == 'subproject' and \
                is_baseline(f):
            return n
    return None


def build_path(f):
    return os.path.join(TOP, f['build'])


def setup_args(flavours, name):
    f = flavours[name]
    args = ['-Dflavour=' + name] + f['meson']
    dep = linked(f)
    if dep:
        args.append('-Dpkg_config_path=' +
                    os.path.join(build_path(flavours[dep]), 'meson-uninstalled'))
    return args


def meson_values(flavours, name):
    """What meson.build needs to know of a flavour."""
    f = flavours[name]
    dep = linked(f)
    if f['dpdk'] == 'system':
        helper = flavours[f['helper']]
        source, mode = helper['source'], 'system'
        backend = os.path.join(build_path(helper), 'subprojects', helper['source'],
                               'app', 'dpdk-testpmd')
        testpmd = ''
    else:
        source, mode = f['source'], 'subproject' if dep is None else 'linked'
        home = build_path(flavours[dep]) if dep else build_path(f)
        testpmd = os.path.join(home, 'subprojects', source, 'app', 'dpdk-testpmd')
        backend = testpmd
    return {
        'name': name,
        'base': f['base'],
        'dpdk': mode,
        'source': source,
        # what the tests may count on (has() of tests/integration)
        'changes': ' '.join(sorted(changes_of(f))),
        'dpdk_tests': 'true' if f['dpdk_tests'] else 'false',
        # what `meson test` runs of it: unit, integration, fuzz
        'runs': ' '.join(f['runs']),
        'testpmd': testpmd,
        'backend': backend,
    }


def show(value):
    if isinstance(value, list):
        for v in value:
            print(v)
    elif isinstance(value, bool):
        print('true' if value else 'false')
    elif value != '':
        print(value)


def main(argv):
    try:
        bases, flavours, tiers = load()
        cmd, args = (argv[1], argv[2:]) if len(argv) > 1 else ('', [])
        if cmd == 'check' and not args:
            return 0
        if cmd == 'list' and len(args) <= 1:
            if args and args[0] not in tiers:
                raise Fault('no tier %s (tiers: %s)' % (args[0], ' '.join(tiers)))
            show(tiers[args[0]]['flavours'] if args else list(flavours))
        elif cmd == 'default' and not args:
            show(next(n for n, f in flavours.items() if f.get('default')))
        elif cmd == 'baseline-of' and len(args) == 1 and args[0] in flavours:
            b = baseline_of(flavours, args[0])
            if b is None:
                raise Fault('no baseline of base %s' % flavours[args[0]]['base'])
            show(b)
        elif cmd == 'tiers' and not args:
            show(list(tiers))
        elif cmd == 'closure' and args:
            show(closure(flavours, args))
        elif cmd in ('get', 'tier', 'base') and len(args) == 2:
            table = {'get': flavours, 'tier': tiers, 'base': bases}[cmd]
            if args[0] not in table:
                raise Fault('no %s %s' % ({'get': 'flavour'}.get(cmd, cmd), args[0]))
            if args[1] not in table[args[0]]:
                raise Fault('%s has no key %s' % (args[0], args[1]))
            show(table[args[0]][args[1]])
        elif cmd == 'packages' and args:
            want = []
            for n in closure(flavours, args):
                for p in bases[flavours[n]['base']].get('packages', []) + flavours[n]['packages']:
                    if p not in want:
                        want.append(p)
            show(want)
        elif cmd == 'patches' and len(args) == 1 and args[0] in flavours:
            show(patches(flavours[args[0]]))
        elif cmd == 'baseline' and len(args) == 1 and args[0] in flavours:
            return 0 if is_baseline(flavours[args[0]]) else 1
        elif cmd == 'setup-args' and len(args) == 1 and args[0] in flavours:
            show(setup_args(flavours, args[0]))
        elif cmd == 'meson' and len(args) == 1:
            if args[0] not in flavours:
                raise Fault('no flavour %s (flavours: %s)' % (args[0], ' '.join(flavours)))
            for k, v in meson_values(flavours, args[0]).items():
                print('%s=%s' % (k, v))
        else:
            print(__doc__.strip(), file=sys.stderr)
            return 2
    except Fault as e:
        print('flavours.toml: %s' % e, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
