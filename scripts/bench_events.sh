#!/usr/bin/env bash
# What event lines cost hotplug: net_null, eight secondaries, requests from
# the primary, the default flavour and its baseline (flavours.toml) side
# by side, each with event lines on (the default) and off, the
# secondaries' output read and unread. Writes doc/bench_events.csv and
# prints, for each, the cycle with events on against events off.
#
#   scripts/bench_events.sh [--no-setup] [--cycles N] [--rounds N]   (9 rounds)
set -euo pipefail

. "$(dirname "$0")/lib/entry.sh"
# the default flavour against its baseline (flavours.toml)
entry_default --baseline
$build/tools/bench/hotplug_mp-bench \
	--baseline "$baseline=$top/$base/app/dpdk-hotplug_mp" \
	--flavour "$flavour=$top/$build/app/dpdk-hotplug_mp" \
	--devices net_null --secondaries 8 --from primary \
	--events on,off --output read,unread \
	--rounds 9 --csv doc/bench_events.csv "$@"
python3 scripts/events_table.py doc/bench_events.csv
