#!/usr/bin/env bash
# Set-up (scripts/setup.sh), then the tests of one tier of flavours.toml:
#
#   scripts/test.sh           quick: the default flavour (26.07 with the
#                             series): unit, integration, DPDK's fast-tests
#   scripts/test.sh --ci      the gate (.ci/run): also the 26.07 baseline with
#                             its expected failures, the sanitizers, short
#                             fuzzing, the soak and the crash trials
#   scripts/test.sh --full    everything: also the 22.11 backport and its
#                             baseline, DPDK built under the fuzzers'
#                             sanitizers with long fuzzing, the series'
#                             checks (every prefix built) and the 25.11
#                             backport. Run it before a change to patches/
#                             or to the module's DPDK calls is called done.
#
# What a flavour runs (unit tests with the EAL mocked at link time,
# integration tests on real primary and secondary processes, DPDK's own
# fast-tests of the EAL, the fuzz targets) is written in flavours.toml. On
# each flavour exactly the tests proving a change it lacks must fail
# (changes.toml's `proves`, derived by scripts/lib/changes.py expect F):
# on a baseline, the proof of each change. Where a flavour and its
# baseline both ran DPDK's fast-tests, no test that passes on the baseline
# may fail with the series.
#
# The last lines say what the tier ran and what it left to --full; the
# last reads "N passed, N failed".
#
#   scripts/test.sh [--no-setup] [--ci|--full] [FLAVOUR...]
#       FLAVOUR...: only those flavours' runs, sized as the tier's
#   GTEST_FILTER=<pattern> scripts/test.sh ...   a subset of the GoogleTests
set -uo pipefail

. "$(dirname "$0")/lib/entry.sh"
tier=quick
case ${1:-} in
--ci) tier=ci; shift ;;
--full) tier=full; shift ;;
esac
flavours=("$@")
named=${#flavours[@]}
[ "$named" -gt 0 ] || flavours=($(flavours_py list "$tier"))
tier_value() { flavours_py tier "$tier" "$1"; }
fuzz_seconds=$(tier_value fuzz_seconds)
[ "$fuzz_seconds" -gt 0 ] || fuzz_seconds=60 # a fuzz flavour named to a tier without
soak_cycles=$(tier_value soak_cycles)
crash_trials=$(tier_value crash_trials)
vm_filter=$(tier_value vm_filter)
mapfile -t series < <(tier_value series)
# the tier's own checks run when the whole tier runs, unfiltered
whole=0
[ "$named" -eq 0 ] && [ -z "${GTEST_FILTER:-}" ] && whole=1

t0=$SECONDS
if ! entry_setup "${flavours[@]}"; then
	echo "set-up failed"
	echo "0 passed, 1 failed"
	exit 1
fi
t_setup=$((SECONDS - t0))

out=tests/out
rm -rf "$out"
mkdir -p "$out"

reports=()
ran=()  # the flavours tested
did=()  # the tier's other checks
# [RUN_FILTER=pattern] run LABEL BINARY BUILD [EXPECT_FILE] [ENV...]
# BUILD's test.env (tests/integration/meson.build) says what to run.
run() {
	local label=$1 bin=$2 build=$3 expect=$4
	shift 4
	local json="$out/$label.json" log="$out/$label.log"
	local filter=${RUN_FILTER:-${GTEST_FILTER:-}}
	local t=$SECONDS
	(
		set -a
		. "$build/tests/integration/test.env"
		set +a
		exec env "$@" "$bin" --gtest_output=json:"$json" \
			${filter:+--gtest_filter="$filter"}
	) >"$log" 2>&1
	printf '[test] %-26s %s (%d s, log %s)\n' "$label" \
		"$(grep -E '^\[  (PASSED|FAILED) +\] [0-9]+ test' "$log" | tr '\n' ' ')" \
		$((SECONDS - t)) "$log"
	reports+=("$label=$json${expect:+@$expect}")
	# show why, except where failures are expected (the tally says which)
	[ -n "$expect" ] || grep -E -A12 '^[^ ]+:[0-9]+: Failure' "$log" | head -150
}

# check LABEL SUITE TEST COMMAND...: a check that is not a GoogleTest, as
# one test
check() {
	local label=$1 suite=$2 name=$3 t=$SECONDS failure=
	shift 3
	"$@" >"$out/$label.log" 2>&1 ||
		failure=$(grep -v '^\[soak\]' "$out/$label.log" | tail -40)
	python3 scripts/lib/gtest_json.py write "$out/$label.json" "$suite" \
		"$name" "$failure"
	printf '[test] %-26s %s (%d s, log %s)\n' "$label" \
		"$([ -z "$failure" ] && echo passed || echo FAILED)" $((SECONDS - t)) \
		"$out/$label.log"
	[ -z "$failure" ] || echo "$failure"
	reports+=("$label=$out/$label.json")
}

# DPDK's own fast-tests of the EAL (tests/dpdk_fast_tests.txt)
fast_tests() {
	local f=$1 b=$2 expect=$3 t=$SECONDS
	scripts/dpdk_fast_tests.sh "$b" "$out/$f-dpdk-fast-tests.json" \
		>"$out/$f-dpdk-fast-tests.log" 2>&1
	printf '[test] %-26s %s (%d s, log %s)\n' "$f-dpdk-fast-tests" \
		"$(grep -c ' passed ' "$out/$f-dpdk-fast-tests.log") passed," \
		$((SECONDS - t)) "$out/$f-dpdk-fast-tests.log"
	reports+=("$f-dpdk-fast-tests=$out/$f-dpdk-fast-tests.json${expect:+@$expect}")
}

# The Emulated* cases in a QEMU guest made from BUILD (doc/emulated_machine.rst)
emulated() {
	local f=$1 b=$2 expect=$3 filter=$4 t=$SECONDS failure=
	local json="$out/$f-vm.json" log="$out/$f-vm.log"
	rm -f "$json"
	if ! tools/vm/guest.sh "$b" "$b/vm" >"$out/$f-vm-guest.log" 2>&1; then
		failure="the guest could not be made: $(tail -5 "$out/$f-vm-guest.log")"
	else
		python3 tools/vm/run.py --guest "$b/vm" --filter "$filter" \
			--json "$json" --log "$log" >"$out/$f-vm.out" 2>&1
		[ -s "$json" ] ||
			failure="no report from the guest: $(tail -5 "$out/$f-vm.out")"
	fi
	# a guest that never reported is one failed test
	[ -z "$failure" ] || python3 scripts/lib/gtest_json.py write "$json" \
		Emulated GuestReports "$failure"
	printf '[test] %-26s %s (%d s, log %s)\n' "$f-vm" "$(tail -1 "$out/$f-vm.out" 2>/dev/null)" \
		$((SECONDS - t)) "$log"
	reports+=("$f-vm=$json${expect:+@$expect}")
	[ -n "$expect" ] || grep -E -A12 '^[^ ]+:[0-9]+: Failure' "$log" 2>/dev/null | head -150
}

t1=$SECONDS
# What the tally below counts a baseline's results as
if [ -z "${GTEST_FILTER:-}" ]; then
	check tally Tally CountsAsTheExpectationsSay python3 scripts/gtest_tally_test.py
	check send-series SendSeries SignsAsTheSender python3 scripts/send_series_test.py
	check changes Manifest NamesEveryPatch python3 scripts/changes_test.py \
		Check Tree.test_this_tree
	check cites Citations ByChangeNameOnly python3 scripts/changes_test.py \
		Cites Tree.test_this_trees_citations
	check meson-test MesonTest CountsAsTheTallyDoes \
		python3 scripts/meson_gtest_test.py
fi
for f in "${flavours[@]}"; do
	b=$(flavours_py get "$f" build)
	# what must fail there: the tests proving a change it lacks
	expect=$out/$f.expect
	/usr/bin/python3 scripts/lib/changes.py expect "$f" >"$expect" ||
		{ echo "0 passed, 1 failed"; exit 1; }
	[ -s "$expect" ] || expect=
	filter=$(flavours_py get "$f" filter)
	mapfile -t env < <(flavours_py get "$f" env)
	for r in $(flavours_py get "$f" runs); do
		case $r in
		unit)
			run "$f-unit" "$b/tests/unit/hotplug_mp-unit" "$b" "$expect" "${env[@]}" ;;
		integration)
			RUN_FILTER=${GTEST_FILTER:-$filter} \
				run "$f-integration" "$b/tests/integration/hotplug_mp-integration" \
				"$b" "$expect" "${env[@]}" ;;
		dpdk-fast-tests)
			[ -n "${GTEST_FILTER:-}" ] || fast_tests "$f" "$b" "$expect" ;;
		vm)
			# the emulated machine's cases (tools/vm): the tier's
			# filter, none in a tier without one
			filter=${GTEST_FILTER:-$vm_filter}
			[ -n "$filter" ] && emulated "$f" "$b" "$expect" "$filter" ;;
		fuzz)
			# each target from its seeds: any crash, leak, undefined
			# behaviour or broken check of the target fails it
			[ -n "${GTEST_FILTER:-}" ] && continue
			did+=("fuzz $fuzz_seconds s a target")
			for t in commands script devargs; do
				check "$f-fuzz-$t" Fuzz "${t^}RunsItsTimeWithoutAFinding" \
					scripts/fuzz.sh --no-setup --flavour "$f" \
					--time "$fuzz_seconds" --work "$out/$f-fuzz" "$t"
			done ;;
		esac
	done
	ran+=("$f")
done

# A flavour and its baseline (same base) that both ran DPDK's fast-tests:
# none that passes on the baseline may fail with the series.
for base in "${flavours[@]}"; do
	flavours_py baseline "$base" || continue
	[ -f "$out/$base-dpdk-fast-tests.json" ] || continue
	for f in "${flavours[@]}"; do
		! flavours_py baseline "$f" &&
			[ "$(flavours_py get "$f" base)" = "$(flavours_py get "$base" base)" ] &&
			[ -f "$out/$f-dpdk-fast-tests.json" ] || continue
		failure=
		line=$(scripts/dpdk_fast_tests.sh --compare \
			"$out/$base-dpdk-fast-tests.json" "$out/$f-dpdk-fast-tests.json") ||
			failure=$line
		echo "[test] $f against $base: $line"
		python3 scripts/lib/gtest_json.py write \
			"$out/$f-dpdk-fast-tests-compare.json" DpdkFastTests \
			NoneThatPassesOnTheBaselineFailsWithTheSeries "$failure"
		reports+=("$f-dpdk-fast-tests-compare=$out/$f-dpdk-fast-tests-compare.json")
	done
done

# The hardening checks (doc/hardening.rst), each one test, on the default
# flavour: the soak, attach/detach cycles in one group of 1 primary and 4
# secondaries, where no figure of any process may grow after the warm-up;
# the crash trials, where the survivors of a process killed in the middle
# of a request must agree and serve the next request in time.
if [ "$whole" -eq 1 ] && [ "$soak_cycles" -gt 0 ]; then
	did+=("soak $soak_cycles cycles")
	check soak Soak CyclesGrowNothing \
		scripts/soak.sh --no-setup --cycles "$soak_cycles" --csv "$out/soak.csv"
fi
if [ "$whole" -eq 1 ] && [ "$crash_trials" -gt 0 ]; then
	did+=("crash trials $crash_trials")
	check crash-trials CrashTrials SurvivorsAgreeAndServeTheNextRequest \
		scripts/crash_trials.sh --no-setup --trials "$crash_trials"
fi

# The series' checks (patch-tree.sh): for main, DPDK's checks and every
# prefix built; for an LTS backport, that it applies and every prefix
# builds. Each one test.
if [ "$whole" -eq 1 ]; then
	for s in "${series[@]}"; do
		read -r mode ser <<<"$s"
		did+=("series $s")
		case $mode in
		--check) name=ChecksPassOn_${ser//[\/.]/_} ;;
		*) name=AppliesAndEveryPrefixBuildsOn_${ser//[\/.]/_} ;;
		esac
		check "series-${ser//\//-}" Series "$name" \
			scripts/patch-tree.sh "$mode" --series "$ser" \
			"$top/build-series-${ser//\//-}"
	done
fi
t_tests=$((SECONDS - t1))

# What this run did and what it left to --full, then the tally's last line
tally=$(python3 scripts/gtest_tally.py ${GTEST_FILTER:+--subset} "${reports[@]}")
status=$?
sed '$d' <<<"$tally"
echo "[tier $tier] $(flavours_py tier "$tier" about)"
echo "[tier $tier] set-up and builds ${t_setup} s, tests ${t_tests} s"
echo "[tier $tier] ran: flavours ${ran[*]}$([ ${#did[@]} -eq 0 ] || printf '; %s' "${did[@]}")"
if [ "$tier" != full ]; then
	left=()
	for f in $(flavours_py list full); do
		[[ " ${ran[*]} " == *" $f "* ]] || left+=("$f")
	done
	echo "[tier $tier] left to --full: flavours ${left[*]:-none};" \
		"fuzz $(flavours_py tier full fuzz_seconds) s a target;" \
		"soak $(flavours_py tier full soak_cycles) cycles;" \
		"crash trials $(flavours_py tier full crash_trials);" \
		"series checks: $(flavours_py tier full series | tr '\n' ',' | sed 's/,$//; s/,/, /g')"
fi
tail -1 <<<"$tally"
exit $status
