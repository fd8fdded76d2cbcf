#!/usr/bin/env bash
# Set-up (as scripts/setup.sh), then the demo: one primary and two
# secondaries of dpdk-hotplug_mp, a device attached from a secondary and
# detached from the primary, every process's list shown at each step; then
# the same with a physical port on a simulated NIC (doc/pci_simulator.rst).
#
#   scripts/demo.sh [--no-setup] [devargs]   default devargs: net_null0
#
# The set-up builds only what the demo runs: DPDK 26.07 with the series,
# the host, the simulated NIC's PMD and the demo.
set -euo pipefail

. "$(dirname "$0")/lib/entry.sh"
entry_default --targets "app/dpdk-hotplug_mp \
		pcisim/pmd/libnet_simnic.so tools/demo/hotplug_mp-demo"
b=$top/$build
exec "$b/tools/demo/hotplug_mp-demo" "$b/app/dpdk-hotplug_mp" \
	--simnic "$b/pcisim/pmd/libnet_simnic.so" "$@"
