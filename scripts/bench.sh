#!/usr/bin/env bash
# Set-up (as scripts/setup.sh), then the hotplug latency benchmark: the
# default flavour and its baseline (flavours.toml) side by side, N = 0, 1,
# 2, 4, 8 secondaries, from the primary and from a secondary, net_null and
# a simulated NIC with a 5 ms probe in every process. Writes doc/bench.csv
# and doc/bench.png.
#
#   scripts/bench.sh [--no-setup] [--cycles N]      default 200 cycles per figure
set -euo pipefail

. "$(dirname "$0")/lib/entry.sh"
# the default flavour against its baseline (flavours.toml)
entry_default --baseline
. scripts/lib/packages.sh
ensure_packages python3-matplotlib
$build/tools/bench/hotplug_mp-bench \
	--baseline "$baseline=$top/$base/app/dpdk-hotplug_mp" \
	--flavour "$flavour=$top/$build/app/dpdk-hotplug_mp" \
	--simnic "$baseline=$top/$base/pcisim/pmd/libnet_simnic.so" \
	--simnic "$flavour=$top/$build/pcisim/pmd/libnet_simnic.so" \
	--csv doc/bench.csv "$@"
# Debian's python3-matplotlib belongs to /usr/bin/python3
/usr/bin/python3 scripts/plot_bench.py doc/bench.csv doc/bench.png
echo "plot: doc/bench.png"
