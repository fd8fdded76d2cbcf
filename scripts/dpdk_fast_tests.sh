#!/usr/bin/env bash
# DPDK's own fast-tests that exercise the EAL (tests/dpdk_fast_tests.txt),
# run with a flavour's dpdk-test as DPDK's meson test definitions run them
# (DPDK_TEST=<name>, --no-huge -m 2048 for tests marked NOHUGE_OK, a
# --file-prefix per test), written as a GoogleTest JSON report for
# scripts/gtest_tally.py (suite DpdkFastTests, a test per name; "Test
# Skipped" is a skip).
#
#   scripts/dpdk_fast_tests.sh BUILD REPORT      BUILD: build or build-base
#   scripts/dpdk_fast_tests.sh --compare BASE_REPORT REPORT
#       prints the tests that pass on the baseline and fail with the series
#       (fails when there is one)
#
# No test process sees a PCI device: SYSFS_PCI_DEVICES, which the EAL's PCI
# bus reads instead of /sys/bus/pci/devices, names an empty directory for
# the test and every process it starts. Hugepage files and runtime
# directories that the run left under the prefixes its tests used are
# removed.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

if [ "${1:-}" = "--compare" ]; then
	exec /usr/bin/python3 scripts/lib/gtest_json.py compare "$2" "$3"
fi

[ $# -eq 2 ] || { echo "usage: scripts/dpdk_fast_tests.sh BUILD REPORT" >&2; exit 2; }
build=$1 report=$(realpath -m "$2")
# beside the flavour's dpdk-testpmd; the sources are those of its subproject
testpmd=$(sed -n 's/^HOTPLUG_MP_TESTPMD="\(.*\)"$/\1/p' "$build/tests/integration/test.env")
bin=$(dirname "$testpmd")/dpdk-test
src=$top/subprojects/$(basename "$(dirname "$(dirname "$testpmd")")")
[ -x "$bin" ] || { echo "no $bin: the flavour is built without -Ddpdk_tests=true" >&2; exit 2; }

logs=$(dirname "$report")/$(basename "$report" .json)
rm -rf "$logs"
mkdir -p "$logs"
nopci=$(mktemp -d)
before=$(mktemp)
ls /var/run/dpdk 2>/dev/null | sort >"$before"

results=$(mktemp)
for t in $(grep -v '^#' tests/dpdk_fast_tests.txt); do
	args=(--file-prefix="hpmp_$t")
	grep -hq "REGISTER_FAST_TEST($t, *NOHUGE_OK" "$src"/app/test/*.c &&
		args=(--no-huge -m 2048 "${args[@]}")
	s=$SECONDS
	SYSFS_PCI_DEVICES=$nopci DPDK_TEST=$t timeout -k 5 300 \
		"$bin" "${args[@]}" </dev/null >"$logs/$t.log" 2>&1
	rc=$?
	if grep -q '^Test Skipped' "$logs/$t.log"; then
		r=skipped
	elif [ $rc -eq 0 ] && grep -q '^Test OK' "$logs/$t.log"; then
		r=passed
	else
		r=failed
	fi
	printf '%s %s %d %d\n' "$t" "$r" "$rc" $((SECONDS - s)) >>"$results"
	printf '[dpdk-test] %-34s %-7s (%d s)\n' "$t" "$r" $((SECONDS - s))
done

# What the tests left: the runtime directories and hugepage files of the
# prefixes they used (ours, hpmp_<test>, and those DPDK's tests give the
# processes they start, which they print, or the default one), if the run
# created them.
used=$( (grep -ho -- '--file-prefix=[A-Za-z0-9_]*' "$logs"/*.log | cut -d= -f2
	grep -v '^#' tests/dpdk_fast_tests.txt | sed 's/^/hpmp_/'; echo rte) | sort -u)
for d in $(ls /var/run/dpdk 2>/dev/null | sort | comm -13 "$before" -); do
	if echo "$used" | grep -qx "$d"; then
		rm -rf "/var/run/dpdk/$d" /dev/hugepages/"$d"map_*
	fi
done
rm -rf "$nopci" "$before"

/usr/bin/python3 scripts/lib/gtest_json.py lines "$report" DpdkFastTests \
	"$logs" <"$results"
rm -f "$results"
