/* SPDX-License-Identifier: BSD-3-Clause */
#include "messages.h"

#include <cerrno>

namespace hotplug_mp {

static std::string
outcome(const char *done, const char *verb, const Result &r)
{
	if (r.ok())
		return std::string(done) + " device " + r.device;
	return failure_message(std::string(verb) + " device " + r.device, r);
}

std::string
attach_message(const Result &r)
{
	return outcome("attached", "attach", r);
}

std::string
detach_message(const Result &r)
{
	return outcome("detached", "detach", r);
}

std::string
list_message(const std::vector<Port> &ports)
{
	std::string s = "list all etherdev\n";
	for (const Port &p : ports)
		s += std::to_string(p.id) + "\t" + p.name + "\n";
	return s;
}

std::string
lock_message(const Result &r)
{
	return outcome("locked", "lock", r);
}

std::string
unlock_message(const Result &r)
{
	return outcome("unlocked", "unlock", r);
}

std::string
event_message(const Event &e)
{
	static const char *const what[] = {
		"device %s attached", "device %s detached",
		"attach of device %s rolled back", "detach of device %s rolled back",
	};
	std::string s = what[e.kind];
	s.replace(s.find("%s"), 2, e.device);
	return s + " (requested by " +
		(e.requester_primary ? "primary " : "secondary ") +
		std::to_string(e.requester) + ")";
}

std::string
removal_message(const std::string &device, const Result &r)
{
	std::string s = "device " + device + " was removed from the machine: ";
	if (r.ok())
		return s + "detached from every process";
	if (r.error == -ENODEV || r.error == -ENOENT)
		return s + "no process had it attached any more";
	return s + failure_message("detach it", r);
}

std::string
timeout_message(const Result &r, unsigned int ms)
{
	if (!r.ok())
		return failure_message("get the hotplug timeout", r);
	return "hotplug timeout: " + std::to_string(ms) + " ms";
}

std::string
set_timeout_message(const Result &r, unsigned int ms)
{
	if (!r.ok())
		return failure_message("set the hotplug timeout", r);
	return "hotplug timeout set to " + std::to_string(ms) + " ms";
}

} // namespace hotplug_mp
