#!/usr/bin/env bash
# net_null latency, the default flavour and its baseline (flavours.toml),
# under each placement of the processes' threads on the CPUs (see
# doc/benchmark.rst, "Where the threads run"). Writes doc/bench_placement.csv and prints, per placement, the
# figures that issue 6's targets name.
#
#   scripts/bench_placement.sh [--no-setup] [--cycles N] [--rounds N]
set -euo pipefail

. "$(dirname "$0")/lib/entry.sh"
# the default flavour against its baseline (flavours.toml)
entry_default --baseline
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# one CSV: the header of the first run, the rows of all
header=1
for p in float split housekeeping one-cpu; do
	$build/tools/bench/hotplug_mp-bench \
		--baseline "$baseline=$top/$base/app/dpdk-hotplug_mp" \
		--flavour "$flavour=$top/$build/app/dpdk-hotplug_mp" \
		--devices net_null --secondaries 1,8 --placement "$p" \
		--csv "$tmp/run.csv" "$@" >/dev/null
	tail -n +$((header ? 1 : 2)) "$tmp/run.csv" >>"$tmp/all.csv"
	header=0
done
mv "$tmp/all.csv" doc/bench_placement.csv
python3 scripts/placement_table.py doc/bench_placement.csv
