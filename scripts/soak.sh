#!/usr/bin/env bash
# Set-up (as scripts/setup.sh), then the soak: attach/detach cycles in one
# group of dpdk-hotplug_mp (1 primary, 4 secondaries; net_null0 and a
# simulated NIC in turn; a lock and unlock every 25 cycles), sampling every
# process at the start, after the warm-up and at the end. Fails if any
# figure grew after the warm-up, or if the group leaves files behind.
# Writes the table to doc/soak.csv unless --csv says otherwise.
#
#   scripts/soak.sh [--no-setup] [--cycles N] [--warmup N] [--csv FILE]
#                                           default 10000 cycles
set -euo pipefail

. "$(dirname "$0")/lib/entry.sh"
entry_default
b=$top/$build
args=("$@")
case " $* " in *" --csv "*) ;; *) args+=(--csv doc/soak.csv) ;; esac
exec "$b/tools/hardening/hotplug_mp-soak" \
	--host "$b/app/dpdk-hotplug_mp" \
	--module "$b/tools/bench/libhotplug_mp_bench_cmds.so" \
	--simnic "$b/pcisim/pmd/libnet_simnic.so" \
	"${args[@]}"
