#!/usr/bin/env bash
# Set-up (as scripts/setup.sh), then the crash trials: in each, a group of
# dpdk-hotplug_mp (1 primary, 3 secondaries) starts a hotplug request and
# one process gets SIGKILL at a random moment of it (the attach fan-out,
# the pre-detach round or the detach, the rollback, the requesting
# secondary itself, the primary). Fails unless the survivors of every
# trial agree, serve the next request within the hotplug timeout and exit
# cleanly, and the group leaves no hugepage or runtime file once every
# process has exited. See doc/hardening.rst.
#
#   scripts/crash_trials.sh [--no-setup] [--trials N] [--seed N]
#                                           default 200 trials
set -euo pipefail

. "$(dirname "$0")/lib/entry.sh"
entry_default
b=$top/$build
exec "$b/tools/hardening/hotplug_mp-crash" \
	--host "$b/app/dpdk-hotplug_mp" \
	--simnic "$b/pcisim/pmd/libnet_simnic.so" \
	"$@"
