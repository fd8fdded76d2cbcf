/* SPDX-License-Identifier: BSD-3-Clause */
#include "eal_removals.h"

#include <cerrno>

#include <rte_dev.h>
#include <rte_eal.h>

#include "log.h"

namespace hotplug_mp {

namespace {

/*
 * The EAL's interrupt thread, with the EAL's device event lock held:
 * the device goes to the module's remover thread, which detaches it.
 */
void
on_dev_event(const char *devname, enum rte_dev_event_type type, void *arg)
{
	if (type != RTE_DEV_EVENT_REMOVE || devname == nullptr)
		return;
	try {
		static_cast<EalRemovals *>(arg)->removed(devname);
	} catch (...) {
		/* no memory for the name: the removal goes unhandled */
		HPMP_LOG(ERR, "cannot hand the removal of %s on", devname);
	}
}

Result
failed(int ret, const char *what)
{
	Result r;
	r.error = ret < 0 ? ret : -EIO;
	r.reason = what;
	return r;
}

} // namespace

EalRemovals::~EalRemovals()
{
	if (registered_) {
		/* -EAGAIN while the interrupt thread runs the callback */
		while (rte_dev_event_callback_unregister(nullptr, on_dev_event,
				this) == -EAGAIN)
			;
	}
	if (monitoring_)
		rte_dev_event_monitor_stop();
	if (handling_)
		rte_dev_hotplug_handle_disable();
}

Result
EalRemovals::watch(std::function<void(const std::string &)> on_removal)
{
	{
		std::lock_guard<std::mutex> lock(mutex_);
		on_removal_ = std::move(on_removal);
	}
	if (registered_)
		return Result{};
	int ret = rte_dev_event_callback_register(nullptr, on_dev_event, this);
	if (ret != 0)
		return failed(ret, "cannot register for device events");
	registered_ = true;
	return Result{};
}

Result
EalRemovals::start()
{
	if (!handling_) {
		int ret = rte_dev_hotplug_handle_enable();
		if (ret != 0)
			return failed(ret, "cannot handle accesses to removed devices");
		handling_ = true;
	}
	if (!monitoring_ && rte_eal_process_type() == RTE_PROC_PRIMARY) {
		int ret = rte_dev_event_monitor_start();
		if (ret != 0)
			return failed(ret, "cannot watch the kernel's device events");
		monitoring_ = true;
	}
	return Result{};
}

void
EalRemovals::removed(const std::string &devname)
{
	/* a secondary leaves it to the primary, which detaches everywhere */
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return;
	std::lock_guard<std::mutex> lock(mutex_);
	if (on_removal_)
		on_removal_(devname);
}

} // namespace hotplug_mp
