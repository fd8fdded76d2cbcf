#!/usr/bin/env bash
# One hotplug request's round trip, stage by stage, on the default flavour
# and on its baseline (flavours.toml): one primary, one secondary,
# net_null, requests from the primary. perf records the scheduler's
# wake-ups (who woke whom, when), and scripts/roundtrip_stages.py splits
# each request at its thread hand-offs.
#
#   scripts/profile.sh
set -euo pipefail

. "$(dirname "$0")/lib/entry.sh"
# the default flavour against its baseline (flavours.toml)
entry_default --baseline
command -v perf >/dev/null ||
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		linux-perf >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$baseline=$base" "$flavour=$build"; do
	name=${f%%=*}
	perf sched record -q -o "$tmp/$name.data" -- \
		$build/tools/bench/hotplug_mp-bench \
		--flavour "$name=${f#*=}/app/dpdk-hotplug_mp" --secondaries 1 \
		--from primary --devices net_null --rounds 1 --cycles 300 \
		--csv "$tmp/$name.csv" >/dev/null
	echo "$name:"
	perf sched timehist -w -i "$tmp/$name.data" 2>/dev/null |
		/usr/bin/python3 scripts/roundtrip_stages.py
done
