/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host's forwarding mode: what a secondary doing packet work does. One
 * port's rx queue 0 is sent back out of its tx queue 0, on a worker lcore
 * of this process. Before a detach removes the port's device anywhere, the
 * EAL's hotplug event handler (eal-hotplug-handlers) stops the forwarding
 * here, so the lcore never polls a port that is gone.
 */
#ifndef HOTPLUG_MP_FORWARDING_H
#define HOTPLUG_MP_FORWARDING_H

#include <cstdint>
#include <string>

#include "result.h"

namespace hotplug_mp::host {

/* Primary: configure port with one rx and one tx queue, and start it. */
Result port_start(uint16_t port);

/* Forward on port, on the first free worker lcore of this process. */
Result forward_start(uint16_t port);
/* Stop forwarding; the lcore has returned when this does. */
Result forward_stop();
/* "forwarding on port P (device): N packets" or "not forwarding". */
std::string forward_status();

/*
 * At exit, before the EAL goes: no detach handler any more, and no
 * forwarding.
 */
void forward_shutdown();

/* Registers the detach handler; false where the EAL has none. */
bool forwarding_watches_detach();
/*
 * Whether a detach stops forwarding first: the EAL has hotplug handlers
 * (change eal-hotplug-handlers of changes.toml).
 */
bool forwarding_safe_from_detach();

} // namespace hotplug_mp::host

#endif
