#!/usr/bin/env bash
# Set-up (as scripts/setup.sh), then the whole test suite on both builds:
#   unit tests            (EAL calls mocked at link time)
#   integration tests     (real primary and secondary processes)
# once on build/ (patched DPDK) and once on build-stock/ (Debian's DPDK),
# where exactly the tests in tests/stock_expected_failures.txt must fail.
# The last line reads "N passed, N failed".
#
#   GTEST_FILTER=<pattern> scripts/test.sh   runs a subset
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

t0=$SECONDS
if ! scripts/setup.sh; then
	echo "set-up failed"
	echo "0 passed, 1 failed"
	exit 1
fi
t_setup=$((SECONDS - t0))

out=tests/out
rm -rf "$out"
mkdir -p "$out"
testpmd=$top/build/subprojects/dpdk-stable-22.11.11/app/dpdk-testpmd

patched_env=(HOTPLUG_MP_FLAVOUR=patched
	HOTPLUG_MP_HOST="$top/build/app/dpdk-hotplug_mp"
	HOTPLUG_MP_PLUGIN="$top/build/plugin/libhotplug_mp_cmds.so"
	HOTPLUG_MP_TESTPMD="$testpmd" HOTPLUG_MP_BACKEND="$testpmd"
	HOTPLUG_MP_SAMPLE_MODULE="$top/build/tests/integration/libsample_module.so"
	HOTPLUG_MP_PCISIM="$top/build/pcisim/dpdk-pcisim"
	HOTPLUG_MP_SIMNIC="$top/build/pcisim/pmd/libnet_simnic.so")
# Debian's dpdk-testpmd cannot load modules: the stock run skips those tests.
stock_env=(HOTPLUG_MP_FLAVOUR=stock
	HOTPLUG_MP_HOST="$top/build-stock/app/dpdk-hotplug_mp"
	HOTPLUG_MP_PLUGIN="$top/build-stock/plugin/libhotplug_mp_cmds.so"
	HOTPLUG_MP_TESTPMD= HOTPLUG_MP_BACKEND="$testpmd"
	HOTPLUG_MP_SAMPLE_MODULE="$top/build-stock/tests/integration/libsample_module.so"
	HOTPLUG_MP_PCISIM="$top/build-stock/pcisim/dpdk-pcisim"
	HOTPLUG_MP_SIMNIC="$top/build-stock/pcisim/pmd/libnet_simnic.so")

reports=()
# [RUN_FILTER=pattern] run LABEL BINARY ENV...
run() {
	local label=$1 bin=$2
	shift 2
	local json="$out/${label#*:}.json" log="$out/${label#*:}.log"
	local filter=${RUN_FILTER:-${GTEST_FILTER:-}}
	local t=$SECONDS
	env "$@" "$bin" --gtest_output=json:"$json" \
		${filter:+--gtest_filter="$filter"} >"$log" 2>&1
	printf '[test] %-22s %s (%d s, log %s)\n' "$label" \
		"$(grep -E '^\[  (PASSED|FAILED) +\] [0-9]+ test' "$log" | tr '\n' ' ')" \
		$((SECONDS - t)) "$log"
	reports+=("$label=$json")
	# show why, except for the stock run, where failures are the point
	case $label in
	stock:*) ;;
	*) grep -E -A12 '^[^ ]+:[0-9]+: Failure' "$log" | head -150 ;;
	esac
}

t1=$SECONDS
run unit build/tests/unit/hotplug_mp-unit "${patched_env[@]}"
run integration build/tests/integration/hotplug_mp-integration "${patched_env[@]}"
run stock:unit-stock build-stock/tests/unit/hotplug_mp-unit "${stock_env[@]}"
run stock:integration-stock build-stock/tests/integration/hotplug_mp-integration "${stock_env[@]}"
# the data path during detach, and the handlers, under AddressSanitizer
# (DPDK's own allocations stay, so leak reports are off)
asan_env=(HOTPLUG_MP_FLAVOUR=patched
	HOTPLUG_MP_HOST="$top/build-asan/app/dpdk-hotplug_mp"
	HOTPLUG_MP_PLUGIN="$top/build-asan/plugin/libhotplug_mp_cmds.so"
	HOTPLUG_MP_TESTPMD= HOTPLUG_MP_BACKEND="$testpmd"
	HOTPLUG_MP_SAMPLE_MODULE="$top/build-asan/tests/integration/libsample_module.so"
	HOTPLUG_MP_PCISIM="$top/build-asan/pcisim/dpdk-pcisim"
	HOTPLUG_MP_SIMNIC="$top/build-asan/pcisim/pmd/libnet_simnic.so"
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=0
	# where no sanitizer mapping lies, so secondaries get the primary's VA
	HOTPLUG_MP_EAL_ARGS="--base-virtaddr 0x200000000000")
RUN_FILTER=${GTEST_FILTER:-'Forward*:Handlers*:HandlersEvents*:Pci/PciTestPlan.*FromSecondary'} \
	run asan:integration-asan build-asan/tests/integration/hotplug_mp-integration "${asan_env[@]}"
echo "[test] set-up and builds: ${t_setup} s; tests: $((SECONDS - t1)) s"

python3 scripts/gtest_tally.py --expect-fail tests/stock_expected_failures.txt \
	"${reports[@]}"
