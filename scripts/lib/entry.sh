# Sourced first by each entry script (demo, test, bench*, profile), with the
# script's own arguments: goes to the top of the tree and takes a leading
# --no-setup off the arguments. Then "entry_setup [setup.sh arguments]"
# runs the set-up, unless --no-setup was given; it returns the set-up's
# status.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$top"
entry_skip_setup=0
if [ "${1:-}" = "--no-setup" ]; then
	entry_skip_setup=1
	shift
fi

entry_setup()
{
	[ "$entry_skip_setup" -eq 1 ] || scripts/setup.sh "$@"
}

# flavours_py ARGS...: the build matrix (flavours.toml), read by Debian's
# python3; build_of FLAVOUR: that flavour's build directory
flavours_py() { /usr/bin/python3 "$top/scripts/lib/flavours.py" "$@"; }
build_of() { flavours_py get "$1" build; }

# entry_default [--baseline] [setup.sh options]: the set-up of the default
# flavour of flavours.toml, and with --baseline of its baseline too; sets
# flavour (and baseline), their names, and build (and base), their build
# directories (relative to the top)
entry_default()
{
	flavour=$(flavours_py default)
	baseline=
	if [ "${1:-}" = --baseline ]; then
		shift
		baseline=$(flavours_py baseline-of "$flavour")
		base=$(build_of "$baseline")
	fi
	build=$(build_of "$flavour")
	entry_setup "$@" "$flavour" $baseline
}
