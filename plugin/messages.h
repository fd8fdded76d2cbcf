/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The lines the commands print, from what the hotplug interface returned
 * (a failure's cause in words comes with it, from reasons.h). Pure
 * functions: unit tested without an EAL.
 */
#ifndef HOTPLUG_MP_MESSAGES_H
#define HOTPLUG_MP_MESSAGES_H

#include <string>
#include <vector>

#include "hotplug.h"

namespace hotplug_mp {

/* "attached device X" or "failed to attach device X: EEXIST (...): reason". */
std::string attach_message(const Result &r);
std::string detach_message(const Result &r);

/* "list all etherdev" and one "<port>\t<name>" line per port. */
std::string list_message(const std::vector<Port> &ports);

/* "locked device X" or "failed to lock device X: ...". */
std::string lock_message(const Result &r);
std::string unlock_message(const Result &r);

/* "device X attached (requested by secondary 1234)", and the like. */
std::string event_message(const Event &e);

/*
 * "device X was removed from the machine: detached from every process",
 * or why it could not be.
 */
std::string removal_message(const std::string &device, const Result &r);

/* "hotplug timeout: N ms" or "failed to get the hotplug timeout: ...". */
std::string timeout_message(const Result &r, unsigned int ms);
/* "hotplug timeout set to N ms" or "failed to set the hotplug timeout: ...". */
std::string set_timeout_message(const Result &r, unsigned int ms);

} // namespace hotplug_mp

#endif
