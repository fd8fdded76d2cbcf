#!/usr/bin/env bash
# Set-up (scripts/setup.sh), then the whole test suite on every flavour:
#   unit tests         (EAL calls mocked at link time)
#   integration tests  (real primary and secondary processes)
#
#   26.07        DPDK 26.07 + patches/main/ (fixes, features): everything passes
#   26.07-base   DPDK 26.07 unpatched: exactly the tests listed in
#                tests/expected_failures/26.07.txt fail, each the proof of
#                the patch it names
#   26.07-asan   the data-path detach, handler, prompt, PCI and testpmd
#                cases under AddressSanitizer (the module in our host and
#                in dpdk-testpmd, to their exit)
#   26.07-fuzz   each libFuzzer target of tests/fuzz/ for 60 s (clang, ASan,
#                UBSan): scripts/fuzz.sh
#   22.11        DPDK 22.11.11 + patches/22.11/ (the LTS backport)
#   22.11-base   Debian 12's libdpdk 22.11: tests/expected_failures/22.11.txt
#
# On 26.07 and 26.07-base it also runs DPDK's own fast-tests of the EAL
# (scripts/dpdk_fast_tests.sh), the series' autotests among them.
#
# The last line reads "N passed, N failed".
#
# With no argument and no filter, it also runs DPDK's checks on the series
# for main (scripts/patch-tree.sh --check) and checks that the fixes
# backported to 25.11 LTS (patches/25.11/) apply and that every prefix
# builds.
#
#   GTEST_FILTER=<pattern> scripts/test.sh   runs a subset
#   scripts/test.sh FLAVOUR...               runs those flavours only
#   scripts/test.sh --no-setup ...           skips the set-up (and builds)
set -uo pipefail

. "$(dirname "$0")/lib/entry.sh"
flavours=("$@")
everything=0
if [ ${#flavours[@]} -eq 0 ]; then
	flavours=(26.07 26.07-base 26.07-asan 26.07-fuzz 22.11 22.11-base)
	[ -n "${GTEST_FILTER:-}" ] || everything=1
fi

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
	# show why, except on a baseline, where failures are the point
	[ -n "$expect" ] || grep -E -A12 '^[^ ]+:[0-9]+: Failure' "$log" | head -150
}

build_of() {
	case $1 in
	26.07) echo build ;; 26.07-base) echo build-base ;;
	26.07-asan) echo build-asan ;; 26.07-fuzz) echo build-fuzz ;;
	22.11) echo build-22.11 ;;
	22.11-base) echo build-22.11-base ;;
	esac
}

t1=$SECONDS
for f in "${flavours[@]}"; do
	b=$(build_of "$f")
	case $f in
	*-base) expect=tests/expected_failures/${f%-base}.txt ;;
	*) expect= ;;
	esac
	case $f in
	*-fuzz) ;; # below, with the other checks of one test each
	*-asan)
		# the data path during detach, the handlers, the prompt, the
		# PCI cases and the module in dpdk-testpmd, to each process's
		# exit, under AddressSanitizer with leak reports (none
		# suppressed) and
		# UndefinedBehaviorSanitizer (a report ends the process, with
		# its stack); secondaries get the
		# primary's VA where no sanitizer mapping lies. rte_eal_cleanup() cancels the IPC
		# thread (pthread_cancel()), which leaves its stack poisoned;
		# ASan's own sigaltstack teardown of that thread then reports a
		# stack-buffer-overflow in itself: no signal stack of ASan's.
		RUN_FILTER=${GTEST_FILTER:-'Forward*:Handlers*:HandlersEvents*:Pci/PciTestPlan.*FromSecondary:Prompts.*:TestpmdModule.*'} \
			run "$f-integration" "$b/tests/integration/hotplug_mp-integration" "$b" "" \
			ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:use_sigaltstack=0 \
			UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
			HOTPLUG_MP_EAL_ARGS="--base-virtaddr 0x200000000000"
		;;
	*)
		run "$f-unit" "$b/tests/unit/hotplug_mp-unit" "$b" "$expect"
		run "$f-integration" "$b/tests/integration/hotplug_mp-integration" "$b" "$expect"
		;;
	esac
done

# DPDK's own fast-tests of the EAL (tests/dpdk_fast_tests.txt) with the
# series and on the baseline, which carries the fixes' autotests: those
# must fail there (tests/expected_failures/26.07.txt), and no test that
# passes on the baseline may fail with the series.
fast_tests() {
	local f=$1 b expect= t=$SECONDS
	b=$(build_of "$f")
	[ "$f" = 26.07-base ] && expect=tests/expected_failures/26.07.txt
	scripts/dpdk_fast_tests.sh "$b" "$out/$f-dpdk-fast-tests.json" \
		>"$out/$f-dpdk-fast-tests.log" 2>&1
	printf '[test] %-26s %s (%d s, log %s)\n' "$f-dpdk-fast-tests" \
		"$(grep -c ' passed ' "$out/$f-dpdk-fast-tests.log") passed," \
		$((SECONDS - t)) "$out/$f-dpdk-fast-tests.log"
	reports+=("$f-dpdk-fast-tests=$out/$f-dpdk-fast-tests.json${expect:+@$expect}")
}
if [ -z "${GTEST_FILTER:-}" ]; then
	for f in "${flavours[@]}"; do
		case $f in 26.07 | 26.07-base) fast_tests "$f" ;; esac
	done
	if [ -f "$out/26.07-dpdk-fast-tests.json" ] &&
	   [ -f "$out/26.07-base-dpdk-fast-tests.json" ]; then
		failure=
		line=$(scripts/dpdk_fast_tests.sh --compare \
			"$out/26.07-base-dpdk-fast-tests.json" "$out/26.07-dpdk-fast-tests.json") ||
			failure=$line
		echo "[test] $line"
		python3 scripts/gtest_report.py "$out/dpdk-fast-tests-compare.json" \
			DpdkFastTests NoneThatPassesOnTheBaselineFailsWithTheSeries "$failure"
		reports+=("dpdk-fast-tests-compare=$out/dpdk-fast-tests-compare.json")
	fi
fi

# The hardening checks (doc/hardening.rst), each one test: the soak,
# 10,000 attach/detach cycles in one group of 1 primary and 4
# secondaries, where no figure of any process may grow after the warm-up;
# 50 crash trials, where the survivors of a process killed in the middle
# of a request must agree and serve the next request in time.
# hardening_check LABEL SUITE TEST COMMAND...
hardening_check() {
	local label=$1 suite=$2 name=$3 t=$SECONDS failure=
	shift 3
	"$@" >"$out/$label.log" 2>&1 ||
		failure=$(grep -v '^\[soak\]' "$out/$label.log" | tail -40)
	python3 scripts/gtest_report.py "$out/$label.json" "$suite" "$name" \
		"$failure"
	printf '[test] %-26s %s (%d s, log %s)\n' "$label" \
		"$([ -z "$failure" ] && echo passed || echo FAILED)" $((SECONDS - t)) \
		"$out/$label.log"
	[ -z "$failure" ] || echo "$failure"
	reports+=("$label=$out/$label.json")
}
if [ -z "${GTEST_FILTER:-}" ] && [[ " ${flavours[*]} " == *" 26.07 "* ]]; then
	hardening_check soak Soak TenThousandCyclesGrowNothing \
		scripts/soak.sh --no-setup --csv "$out/soak.csv"
	hardening_check crash-trials CrashTrials SurvivorsAgreeAndServeTheNextRequest \
		scripts/crash_trials.sh --no-setup --trials 50
fi

# Each fuzz target for 60 s from its seeds: any crash, leak, undefined
# behaviour or broken check of the target fails it (doc/hardening.rst).
if [[ " ${flavours[*]} " == *" 26.07-fuzz "* ]]; then
	for t in commands script devargs; do
		hardening_check "fuzz-$t" Fuzz "${t^}RunsItsTimeWithoutAFinding" \
			scripts/fuzz.sh --no-setup --time 60 --work "$out/fuzz" "$t"
	done
fi

# The series for DPDK main pass DPDK's checks (patch-tree.sh --check: every
# prefix builds, check-git-log, checkpatches, doc-vs-code, Sphinx), and the
# fixes backported to 25.11 LTS apply to it and every prefix builds (a
# stable-backport check); each reported as one test.
series_check() {
	local mode=$1 ser=$2 name=$3 t=$SECONDS failure= log
	log="$out/series-${ser//\//-}.log"
	scripts/patch-tree.sh "$mode" --series "$ser" "$top/build-series-${ser//\//-}" \
		>"$log" 2>&1 || failure=$(tail -20 "$log")
	python3 scripts/gtest_report.py "${log%.log}.json" Series "$name" "$failure"
	printf '[test] %-26s %s (%d s, log %s)\n' "series-$ser" \
		"$([ -z "$failure" ] && echo passed || echo FAILED)" $((SECONDS - t)) "$log"
	[ -z "$failure" ] || echo "$failure"
	reports+=("series-$ser=${log%.log}.json")
}
if [ $everything -eq 1 ]; then
	series_check --check main MainChecksPass
	series_check --build 25.11 Stable25_11AppliesAndEveryPrefixBuilds
fi
echo "[test] set-up and builds: ${t_setup} s; tests: $((SECONDS - t1)) s"

python3 scripts/gtest_tally.py ${GTEST_FILTER:+--subset} "${reports[@]}"
