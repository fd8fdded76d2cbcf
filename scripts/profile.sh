#!/usr/bin/env bash
# One hotplug request's round trip, stage by stage, on the stock and the
# patched build: one primary, one secondary, net_null, requests from the
# primary. perf records the scheduler's wake-ups (who woke whom, when), and
# scripts/roundtrip_stages.py splits each request at its thread hand-offs.
#
#   scripts/profile.sh
set -euo pipefail

. "$(dirname "$0")/lib/entry.sh"
# the default flavour against its baseline (flavours.toml)
entry_default --baseline
patched=$build
command -v perf >/dev/null ||
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		linux-perf >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for flavour in stock patched; do
	b=$patched
	[ $flavour = stock ] && b=$base
	perf sched record -q -o "$tmp/$flavour.data" -- \
		$patched/tools/bench/hotplug_mp-bench --stock "$b/app/dpdk-hotplug_mp" \
		--patched "$b/app/dpdk-hotplug_mp" --secondaries 1 \
		--from primary --devices net_null --rounds 1 --cycles 300 \
		--csv "$tmp/$flavour.csv" >/dev/null
	echo "$flavour:"
	perf sched timehist -w -i "$tmp/$flavour.data" 2>/dev/null |
		/usr/bin/python3 scripts/roundtrip_stages.py
done
