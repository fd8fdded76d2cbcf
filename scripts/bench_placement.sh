#!/usr/bin/env bash
# net_null latency, stock and patched, under each placement of the
# processes' threads on the CPUs (see doc/benchmark.rst, "Where the threads
# run"). Writes doc/bench_placement.csv and prints, per placement, the
# figures that issue 6's targets name.
#
#   scripts/bench_placement.sh [--cycles N] [--rounds N]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/setup.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for p in float split housekeeping one-cpu; do
	build/app/hotplug_mp-bench \
		--stock "$top/build-stock/app/dpdk-hotplug_mp" \
		--patched "$top/build/app/dpdk-hotplug_mp" \
		--devices net_null --secondaries 1,8 --placement "$p" \
		--csv "$tmp/$p.csv" "$@" >/dev/null
done
head -n 1 "$tmp/float.csv" >doc/bench_placement.csv
for p in float split housekeeping one-cpu; do
	tail -n +2 "$tmp/$p.csv" >>doc/bench_placement.csv
done
python3 scripts/placement_table.py doc/bench_placement.csv
