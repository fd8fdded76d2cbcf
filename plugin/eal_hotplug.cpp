/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The EAL side of hotplug: rte_dev_probe() and rte_eal_hotplug_remove(),
 * which carry a request to every process of the multi-process group
 * (lib/eal/common/hotplug_mp.c), the ethdev port list, the handlers and
 * the removals. The device strings are checked first (devargs.h), and a
 * failure is put in words by reasons.h.
 */
#include <cerrno>
#include <memory>

#include <rte_dev.h>
#include <rte_eal.h>

#include "devargs.h"
#include "eal_handlers.h"
#include "eal_ports.h"
#include "eal_removals.h"
#include "hotplug.h"
#include "log.h"
#include "reasons.h"

extern "C" {
RTE_LOG_REGISTER(hotplug_mp_logtype, hotplug_mp, NOTICE);

/*
 * From change eal-hotplug-timeout-setting
 * (lib/eal/include/rte_dev.h). Weak, so that the module also loads into a
 * stock EAL, where they are null.
 */
__attribute__((weak)) int rte_dev_hotplug_timeout_set(unsigned int timeout_ms);
__attribute__((weak)) unsigned int rte_dev_hotplug_timeout_get(void);
}

namespace hotplug_mp {
namespace {

/* Whether this process has the device: probed on its bus. */
bool
attached_here(const std::string &bus, const std::string &name)
{
	struct rte_dev_iterator it;
	struct rte_device *dev;
	std::string filter = "bus=" + bus;

	RTE_DEV_FOREACH(dev, filter.c_str(), &it) {
		if (name == rte_dev_name(dev) && rte_dev_is_probed(dev))
			return true;
	}
	return false;
}

/*
 * In a secondary: its primary has exited or was killed (the primary holds
 * a lock on the group's config file while it lives).
 */
bool
primary_gone()
{
	return rte_eal_process_type() != RTE_PROC_PRIMARY &&
		rte_eal_primary_proc_alive(nullptr) == 0;
}

Result
failure(int error, const char *reason)
{
	Result r;
	r.error = error;
	r.reason = reason;
	return r;
}

class EalHotplug final : public Hotplug {
public:
	Result attach(const std::string &devargs) override
	{
		Devargs da;
		Result r = prepare("attach", devargs, da);
		if (!r.ok())
			return r;
		int ret = rte_dev_probe(devargs.c_str());
		if (ret != 0)
			failed(r, "attach", devargs, ret, reasons::attach(error_of(ret),
				da.bus(), attached_here(da.bus(), da.name())));
		return r;
	}

	Result detach(const std::string &devargs) override
	{
		Devargs da;
		Result r = prepare("detach", devargs, da);
		if (!r.ok())
			return r;
		int ret = rte_eal_hotplug_remove(da.bus(), da.name());
		if (ret != 0) {
			/* a process's pre-detach handler said no, and why */
			std::string refusal = EalHandlers::refusal();
			failed(r, "detach", devargs, ret, !refusal.empty() ? refusal :
				reasons::detach(error_of(ret),
					attached_here(da.bus(), da.name())));
		}
		return r;
	}

	std::vector<Port> ports() const override
	{
		return ports_.list();
	}

	std::string role() const override
	{
		return rte_eal_process_type() == RTE_PROC_PRIMARY ?
			"primary" : "secondary";
	}

	Result timeout(unsigned int *ms) const override
	{
		if (rte_dev_hotplug_timeout_get == nullptr)
			return failure(-ENOTSUP, reasons::no_timeout_setting);
		*ms = rte_dev_hotplug_timeout_get();
		return Result();
	}

	Result lock(const std::string &devname) override
	{
		Devargs da;
		if (da.parse(devname) == 0 && da.name()[0] != '\0' &&
		    attached_here(da.bus(), da.name()))
			return handlers_.lock(da.name());
		Result r = failure(-ENODEV, reasons::nothing_to_lock);
		r.device = devname;
		return r;
	}

	Result unlock(const std::string &devname) override
	{
		return handlers_.unlock(devname);
	}

	Result watch(std::function<void(const Event &)> on_event) override
	{
		return handlers_.watch(std::move(on_event));
	}

	Result watch_removals(
		std::function<void(const std::string &)> on_removal) override
	{
		return removals_.watch(std::move(on_removal));
	}

	Result start_removals() override
	{
		return removals_.start();
	}

	Result set_timeout(unsigned int ms) override
	{
		if (rte_dev_hotplug_timeout_set == nullptr)
			return failure(-ENOTSUP, reasons::no_timeout_setting);
		Result r;
		r.error = rte_dev_hotplug_timeout_set(ms);
		r.reason = reasons::set_timeout(r.error);
		return r;
	}

private:
	EalHandlers handlers_;
	EalRemovals removals_;
	mutable EalPorts ports_;

	static int error_of(int ret)
	{
		return ret < 0 ? ret : -EIO;
	}

	/*
	 * What an attach and a detach do first: check the device string, and
	 * in a secondary that the primary, through which its request goes,
	 * still runs (rather than say what the channel's failure would).
	 */
	Result prepare(const char *op, const std::string &devargs, Devargs &da)
	{
		Result r = da.check(devargs);
		if (!r.ok())
			return r;
		if (primary_gone()) {
			r.error = -ENOTCONN;
			r.reason = reasons::primary_gone;
			return r;
		}
		HPMP_LOG(INFO, "%s %s requested by %s process", op,
			devargs.c_str(), role().c_str());
		return r;
	}

	/* The EAL returned ret: the failure, unless the primary died meanwhile. */
	static void failed(Result &r, const char *op, const std::string &devargs,
		int ret, const std::string &reason)
	{
		r.error = error_of(ret);
		r.reason = primary_gone() ? reasons::primary_gone : reason;
		HPMP_LOG(INFO, "%s %s failed: %d", op, devargs.c_str(), ret);
	}
};

} // namespace

std::unique_ptr<Hotplug>
make_eal_hotplug()
{
	return std::make_unique<EalHotplug>();
}

} // namespace hotplug_mp
