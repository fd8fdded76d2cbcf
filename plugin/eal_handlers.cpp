/* SPDX-License-Identifier: BSD-3-Clause */
#include "eal_handlers.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

#include <rte_dev.h>
#include <rte_eal.h>

#include "log.h"

namespace hotplug_mp {

Result
EalHandlers::lacking()
{
	Result r;
	r.error = -ENOTSUP;
	r.reason = "this EAL has no hotplug handlers "
		"(hotplug_mp's change eal-hotplug-handlers adds them)";
	return r;
}

#if HOTPLUG_MP_HAVE_HANDLERS

namespace {

Event::Kind
kind_of(enum rte_dev_hotplug_event e)
{
	switch (e) {
	case RTE_DEV_HOTPLUG_ATTACHED:
		return Event::attached;
	case RTE_DEV_HOTPLUG_DETACHED:
		return Event::detached;
	case RTE_DEV_HOTPLUG_ATTACH_ROLLBACK:
		return Event::attach_rolled_back;
	default:
		return Event::detach_rolled_back;
	}
}

/* The EAL calls these through C: no exception may leave them. */
int
pre_detach_cb(const struct rte_dev_hotplug_request *req, char *reason,
	size_t len, void *arg) noexcept
{
	try {
		std::string why;
		int ret = static_cast<EalHandlers *>(arg)->pre_detach(req->devname, &why);
		if (ret != 0)
			snprintf(reason, len, "%s", why.c_str());
		return ret;
	} catch (...) {
		snprintf(reason, len, "internal error in hotplug_mp");
		return -EBUSY;
	}
}

void
event_cb(const struct rte_dev_hotplug_request *req,
	enum rte_dev_hotplug_event event, void *arg) noexcept
{
	/* about to go: the module's events tell what happened */
	if (event == RTE_DEV_HOTPLUG_DETACHING)
		return;
	try {
		static_cast<EalHandlers *>(arg)->event(Event{kind_of(event),
			req->devname, req->requester, req->primary});
	} catch (...) {
		HPMP_LOG(ERR, "hotplug event handler failed");
	}
}

const struct rte_dev_hotplug_ops event_ops = {
	.pre_detach = nullptr,
	.event = event_cb,
};

/*
 * Registered only while this process holds a lock: with no pre_detach
 * handler in any process, a detach skips the round that asks them.
 */
const struct rte_dev_hotplug_ops lock_ops = {
	.pre_detach = pre_detach_cb,
	.event = nullptr,
};

} // namespace

EalHandlers::EalHandlers()
{
	int ret = rte_dev_hotplug_handler_register(&event_ops, this);
	if (ret != 0)
		HPMP_LOG(ERR, "cannot register hotplug handlers: %s",
			std::strerror(-ret));
	watching_ = ret == 0;
}

/*
 * Unregistering waits for a handler the EAL runs: once it returns, no EAL
 * thread reaches this object.
 */
EalHandlers::~EalHandlers()
{
	std::lock_guard<std::mutex> reg(registering_);
	if (registered_ && rte_dev_hotplug_handler_unregister(&lock_ops, this) != 0)
		HPMP_LOG(ERR, "cannot unregister the detach check");
	if (watching_ && rte_dev_hotplug_handler_unregister(&event_ops, this) != 0)
		HPMP_LOG(ERR, "cannot unregister the event handler");
}

/*
 * The EAL calls pre_detach() with its handler list locked, and
 * pre_detach() takes mutex_: (un)registering under mutex_ would take the
 * two in the other order. registering_ orders lock() and unlock() alone,
 * and the caller of this holds it: lock_ops is registered while a lock
 * is held here, and only then.
 */
int
EalHandlers::register_while_locked()
{
	bool want;
	{
		std::lock_guard<std::mutex> g(mutex_);
		want = !locked_.empty();
	}
	if (want == registered_)
		return 0;
	int ret = want ? rte_dev_hotplug_handler_register(&lock_ops, this) :
		rte_dev_hotplug_handler_unregister(&lock_ops, this);
	if (ret == 0)
		registered_ = want;
	return ret;
}

Result
EalHandlers::lock(const std::string &devname)
{
	Result r;
	r.device = devname;
	std::lock_guard<std::mutex> reg(registering_);
	{
		std::lock_guard<std::mutex> g(mutex_);
		if (!locked_.insert(devname).second) {
			r.error = -EALREADY;
			r.reason = "it is locked here already";
			return r;
		}
	}
	if (int ret = register_while_locked(); ret != 0) {
		std::lock_guard<std::mutex> g(mutex_);
		locked_.erase(devname);
		r.error = ret;
		r.reason = "the EAL did not take the detach check";
	}
	return r;
}

Result
EalHandlers::unlock(const std::string &devname)
{
	Result r;
	r.device = devname;
	std::lock_guard<std::mutex> reg(registering_);
	{
		std::lock_guard<std::mutex> g(mutex_);
		if (locked_.erase(devname) == 0) {
			r.error = -ENOENT;
			r.reason = "it is not locked here";
			return r;
		}
	}
	if (int ret = register_while_locked(); ret != 0) {
		/* unlocked all the same: the check refuses nothing now */
		HPMP_LOG(ERR, "cannot unregister the detach check: %s",
			std::strerror(-ret));
	}
	return r;
}

Result
EalHandlers::watch(std::function<void(const Event &)> on_event)
{
	std::lock_guard<std::mutex> g(mutex_);
	on_event_ = std::move(on_event);
	return Result{};
}

std::string
EalHandlers::refusal()
{
	int pid = 0;
	char reason[128];
	if (rte_dev_hotplug_refusal(&pid, reason, sizeof(reason)) != 0)
		return "";
	return reason;
}

int
EalHandlers::pre_detach(const std::string &devname, std::string *reason)
{
	std::lock_guard<std::mutex> g(mutex_);
	if (locked_.count(devname) == 0)
		return 0;
	*reason = devname + " is locked by " +
		(rte_eal_process_type() == RTE_PROC_PRIMARY ? "primary " : "secondary ") +
		std::to_string(getpid());
	return -EBUSY;
}

void
EalHandlers::event(const Event &e)
{
	std::function<void(const Event &)> f;
	{
		std::lock_guard<std::mutex> g(mutex_);
		f = on_event_;
	}
	if (f)
		f(e);
}

#else /* stock EAL: no handlers */

EalHandlers::EalHandlers() = default;
EalHandlers::~EalHandlers() = default;

Result
EalHandlers::lock(const std::string &devname)
{
	Result r = lacking();
	r.device = devname;
	return r;
}

Result
EalHandlers::unlock(const std::string &devname)
{
	Result r = lacking();
	r.device = devname;
	return r;
}

Result
EalHandlers::watch(std::function<void(const Event &)>)
{
	return lacking();
}

std::string
EalHandlers::refusal()
{
	return "";
}

int
EalHandlers::pre_detach(const std::string &, std::string *)
{
	return 0;
}

void
EalHandlers::event(const Event &)
{
}

#endif

} // namespace hotplug_mp
