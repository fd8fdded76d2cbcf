/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The module's EAL hotplug handlers (change eal-hotplug-handlers,
 * rte_dev_hotplug_ops): the locks that refuse a detach, and the events of
 * other processes' requests.
 * Without the patch in the EAL, every call says so with -ENOTSUP.
 */
#ifndef HOTPLUG_MP_EAL_HANDLERS_H
#define HOTPLUG_MP_EAL_HANDLERS_H

#include <functional>
#include <mutex>
#include <set>
#include <string>

#include "hotplug.h"

namespace hotplug_mp {

class EalHandlers {
public:
	/* Registers the event handler with the EAL. */
	EalHandlers();
	/* Unregisters what it registered: the EAL calls it no more. */
	~EalHandlers();
	EalHandlers(const EalHandlers &) = delete;
	EalHandlers &operator=(const EalHandlers &) = delete;

	Result lock(const std::string &devname);
	Result unlock(const std::string &devname);
	Result watch(std::function<void(const Event &)> on_event);

	/* Why the last detach of this thread was refused; "" if it was not. */
	static std::string refusal();

	/* Called by the EAL (see eal_handlers.cpp). */
	int pre_detach(const std::string &devname, std::string *reason);
	void event(const Event &e);

private:
	static Result lacking();
	/* (Un)registers the pre-detach handler as locked_ needs it. */
	int register_while_locked();

	std::mutex registering_; /* taken before mutex_, never by the EAL */
	bool watching_ = false; /* the event handler */
	bool registered_ = false; /* the pre-detach handler; registering_ */
	std::mutex mutex_;
	std::set<std::string> locked_;
	std::function<void(const Event &)> on_event_;
};

} // namespace hotplug_mp

#endif
