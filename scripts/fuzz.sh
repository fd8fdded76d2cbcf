#!/usr/bin/env bash
# Set-up (as scripts/setup.sh FLAVOUR: clang, ASan, UBSan, libFuzzer),
# then each fuzz target of tests/fuzz/ for a bounded time, from its seed
# corpus (tests/fuzz/corpus/<target>/, with the dictionary
# tests/fuzz/hotplug_mp.dict). What a run adds to the corpus goes to a
# working directory, not to the seeds. A crash, a leak, an undefined
# behaviour or a broken check of the target ends the run with the input
# that did it (crash-*, leak-*) in the working directory; the script then
# fails. Prints, per target, the runs, runs per second, coverage and
# corpus size libFuzzer reports.
#
#   scripts/fuzz.sh [--no-setup] [--flavour F] [--build DIR] [--time S]
#                   [--work DIR] [TARGET...]
#       targets: commands script devargs (default: all); S default 60;
#       F a fuzz flavour of flavours.toml, default 26.07-fuzz (links the
#       DPDK of 26.07); 26.07-fuzz-dpdk builds DPDK under the sanitizers
#       too; --build: its targets in DIR, not in F's build directory (as
#       `meson test` runs them)
set -euo pipefail

. "$(dirname "$0")/lib/entry.sh"
time_s=60 work= flavour=26.07-fuzz build=
while [ $# -gt 0 ]; do
	case $1 in
	--flavour) flavour=$2; shift ;;
	--build) build=$2; shift ;;
	--time) time_s=$2; shift ;;
	--work) work=$2; shift ;;
	*) break ;;
	esac
	shift
done
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(commands script devargs)
entry_setup "$flavour"
[ -n "$build" ] || build=$(build_of "$flavour")
[ -n "$work" ] || work=$(mktemp -d /tmp/hotplug_mp-fuzz.XXXXXX)

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in "${targets[@]}"; do
	bin=$build/tests/fuzz/hotplug_mp-fuzz-$t
	[ -x "$bin" ] || { echo "[fuzz] no target $t ($bin)"; exit 1; }
	dir=$work/$t
	# from the seeds alone, with no finding of an earlier run
	rm -rf "$dir"
	mkdir -p "$dir/corpus"
	log=$dir/fuzz.log
	rc=0
	# the first corpus directory takes what the run finds; the seeds are
	# only read
	"$bin" -max_total_time="$time_s" -print_final_stats=1 -max_len=4096 \
		-dict=tests/fuzz/hotplug_mp.dict -artifact_prefix="$dir/" \
		"$dir/corpus" "tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
	corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
	if [ "$rc" -eq 0 ]; then
		printf '[fuzz] %-8s %s s: %s runs (%s/s), cov %s, ft %s, corpus %s, no finding\n' \
			"$t" "$time_s" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}"
	else
		status=1
		printf '[fuzz] %-8s FINDING (exit %s) after %s runs; input: %s; log %s\n' \
			"$t" "$rc" "${runs:-?}" "$(ls "$dir" | grep -E '^(crash|leak|timeout|oom)-' | tr '\n' ' ')" "$log"
		grep -E -A30 '^==[0-9]+==ERROR|runtime error|hotplug_mp fuzz:' "$log" | head -60
	fi
done
exit $status
