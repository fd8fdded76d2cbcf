#!/usr/bin/env bash
# Set-up (as scripts/setup.sh), then the demo: one primary and two
# secondaries of dpdk-hotplug_mp, a device attached from a secondary and
# detached from the primary, every process's list shown at each step; then
# the same with a physical port on a simulated NIC (doc/pci_simulator.rst).
#
#   scripts/demo.sh [devargs]        default devargs: net_null0
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/setup.sh 26.07
exec build/app/hotplug_mp-demo "$top/build/app/dpdk-hotplug_mp" \
	--simnic "$top/build/pcisim/pmd/libnet_simnic.so" "$@"
