/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The EAL side of hotplug: rte_devargs parsing, rte_dev_probe() and
 * rte_eal_hotplug_remove(), which carry a request to every process of the
 * multi-process group (lib/eal/common/hotplug_mp.c), and the ethdev port list.
 */
#include <cerrno>
#include <cstring>
#include <memory>

#include <rte_bus.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_kvargs.h>

#include "eal_handlers.h"
#include "eal_ports.h"
#include "eal_removals.h"
#include "hotplug.h"
#include "log.h"

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

/*
 * The multi-process channel carries devargs in a fixed buffer
 * (EAL_DEV_MP_DEV_ARGS_MAX_LEN in lib/eal/common/hotplug_mp.h, 128 bytes
 * with the NUL); longer devargs would reach the other processes truncated.
 */
constexpr size_t mp_devargs_max = 127;

/*
 * rte_devargs_parse() hands the value of the first key of the devargs, if
 * that key is "bus" or "class", to strcmp() even when there is none ("bus",
 * ",class,x", "bus/class=eth"): the process crashes (DPDK 22.11 to 26.07;
 * found by the devargs fuzz target). Such devargs are refused before they
 * reach the EAL. The first layer ends where a "/" starts another layer
 * key, as the EAL splits them; its keys are split by rte_kvargs.
 */
bool
layer_key_without_value(const std::string &devargs)
{
	size_t end = devargs.size();
	for (size_t pos = devargs.find('/'); end == devargs.size() &&
	     pos != std::string::npos; pos = devargs.find('/', pos + 1))
		for (const char *key : {"bus=", "class=", "driver="})
			if (devargs.compare(pos + 1, std::strlen(key), key) == 0)
				end = pos;
	std::unique_ptr<struct rte_kvargs, decltype(&rte_kvargs_free)> kv(
		rte_kvargs_parse(devargs.substr(0, end).c_str(), nullptr),
		rte_kvargs_free);
	/* what kvargs cannot split, the EAL refuses without a crash */
	if (!kv || kv->count == 0 || kv->pairs[0].value != nullptr)
		return false;
	return std::strcmp(kv->pairs[0].key, "bus") == 0 ||
		std::strcmp(kv->pairs[0].key, "class") == 0;
}

/* struct rte_devargs owned for one scope. */
class ParsedDevargs {
public:
	ParsedDevargs() { std::memset(&da_, 0, sizeof(da_)); }
	~ParsedDevargs() { rte_devargs_reset(&da_); }
	ParsedDevargs(const ParsedDevargs &) = delete;
	ParsedDevargs &operator=(const ParsedDevargs &) = delete;

	int parse(const std::string &devargs)
	{
		if (layer_key_without_value(devargs))
			return -EINVAL;
		return rte_devargs_parse(&da_, devargs.c_str());
	}
	const char *name() const { return da_.name; }
	/* "class=eth" parses, with no bus (a finding of the devargs fuzz target) */
	const char *bus() const
	{
		return da_.bus != nullptr ? rte_bus_name(da_.bus) : "";
	}

private:
	struct rte_devargs da_;
};

std::string
parse_reason(int err)
{
	switch (-err) {
	case EFAULT:
		return "no bus recognises the device name "
			"(unknown driver, or malformed PCI address)";
	case EINVAL:
		return "malformed devargs";
	default:
		return "cannot parse devargs";
	}
}

/* A PCI device is seen only when bound, and used only when bound for DPDK. */
std::string
pci_attach_reason(int err)
{
	switch (-err) {
	case ENODEV:
		return "no such device on the PCI bus "
			"(no such address, or bound to no driver)";
	case ENOTSUP:
		return "no driver takes it: is it bound to vfio-pci, "
			"igb_uio or uio_pci_generic?";
	default:
		return "";
	}
}

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
 * After an attach that went some way and was rolled back: the processes
 * that attached the device for it detached it again, those that had it
 * before keep it (change eal-fix-attach-rollback of changes.toml).
 */
std::string
attach_undone(bool here)
{
	return here ? "rolled back; the device stays attached here, as "
			"in every process that had it before" :
		"rolled back; the device is not attached here, nor in any "
			"process that lacked it before";
}

std::string
attach_reason(int err, const std::string &bus, bool here)
{
	switch (-err) {
	case EEXIST:
		return "the device is already attached";
	case EBUSY:
		return "another hotplug operation is in progress";
	default:
		break;
	}
	std::string base = bus == "pci" ? pci_attach_reason(err) : "";
	bool went_some_way = true;
	if (base.empty()) {
		switch (-err) {
		case ENOMSG:
			base = "the multi-process request did not complete";
			break;
		case ENODEV:
			base = "no such device on its bus";
			break;
		case ENOTSUP:
			base = "no driver supports the device";
			break;
		case ETIMEDOUT:
			base = "a process did not answer in time";
			break;
		default:
			base = "the driver could not probe it in some process "
				"(see the log above)";
			break;
		}
	}
	/* here first, where the device could not be found or probed */
	if (-err == ENODEV || -err == ENOTSUP)
		went_some_way = here;
	return went_some_way ? base + "; " + attach_undone(here) : base;
}

/* After a detach rolled back: where the device was removed, it is back. */
std::string
detach_undone(bool here)
{
	return here ? "rolled back; the device stays attached here" :
		"rolled back, but the device is no longer attached here";
}

std::string
detach_reason(int err, bool here)
{
	switch (-err) {
	case EINVAL:
	case ENOENT:
		return "the device is not attached";
	case ENOMSG:
		return "the multi-process request did not complete; " +
			detach_undone(here);
	case EBUSY:
		return "another hotplug operation is in progress";
	case ETIMEDOUT:
		return "a process did not answer in time; " +
			detach_undone(here);
	default:
		return "the driver could not remove it in some process "
			"(see the log above); " + detach_undone(here);
	}
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

const char *const primary_gone_reason = "the primary process is gone: no "
	"process can attach or detach until a primary runs again";

class EalHotplug final : public Hotplug {
public:
	Result attach(const std::string &devargs) override
	{
		return run(devargs, true);
	}

	Result detach(const std::string &devargs) override
	{
		return run(devargs, false);
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
		Result r;
		if (rte_dev_hotplug_timeout_get == nullptr)
			return lacking();
		*ms = rte_dev_hotplug_timeout_get();
		return r;
	}

	Result lock(const std::string &devname) override
	{
		ParsedDevargs da;
		if (da.parse(devname) == 0 && da.name()[0] != '\0' &&
		    attached_here(da.bus(), da.name()))
			return handlers_.lock(da.name());
		Result r;
		r.device = devname;
		r.error = -ENODEV;
		r.reason = "this process has no such device, so no process "
			"has it: nothing to lock";
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
			return lacking();
		Result r;
		r.error = rte_dev_hotplug_timeout_set(ms);
		if (r.error == -EPERM)
			r.reason = "only the primary process can set it";
		else if (r.error == -EINVAL)
			r.reason = "out of range (1 to 3600000 ms)";
		return r;
	}

private:
	EalHandlers handlers_;
	EalRemovals removals_;
	mutable EalPorts ports_;

	static Result lacking()
	{
		Result r;
		r.error = -ENOTSUP;
		r.reason = "this EAL has no hotplug timeout setting "
			"(hotplug_mp's change eal-hotplug-timeout-setting adds it)";
		return r;
	}

	Result run(const std::string &devargs, bool attach)
	{
		const char *op = attach ? "attach" : "detach";
		ParsedDevargs da;
		Result r;

		r.device = devargs;
		if (devargs.size() > mp_devargs_max) {
			r.error = -ENAMETOOLONG;
			r.reason = "devargs longer than the " +
				std::to_string(mp_devargs_max) +
				" characters the multi-process channel carries";
			return r;
		}
		int ret = da.parse(devargs);
		if (ret != 0) {
			r.error = ret < 0 ? ret : -EINVAL;
			r.reason = parse_reason(r.error);
			return r;
		}
		/* "bus=vdev,nam=x" parses, and names nothing to probe or remove */
		if (da.name()[0] == '\0') {
			r.error = -EINVAL;
			r.reason = "the devargs name no device";
			return r;
		}
		r.device = da.name();
		/*
		 * A secondary's request goes through the primary: without one,
		 * say so rather than what the channel's failure would say.
		 */
		if (primary_gone()) {
			r.error = -ENOTCONN;
			r.reason = primary_gone_reason;
			return r;
		}
		HPMP_LOG(INFO, "%s %s requested by %s process", op,
			devargs.c_str(), role().c_str());
		if (attach)
			ret = rte_dev_probe(devargs.c_str());
		else
			ret = rte_eal_hotplug_remove(da.bus(), da.name());
		if (ret != 0) {
			bool here = attached_here(da.bus(), da.name());
			r.error = ret < 0 ? ret : -EIO;
			r.reason = attach ? attach_reason(r.error, da.bus(), here) :
				detach_reason(r.error, here);
			/* a process's pre-detach handler said no, and why */
			std::string refusal = attach ? "" : EalHandlers::refusal();
			if (!refusal.empty())
				r.reason = refusal;
			/* the primary died while it ran the request */
			if (primary_gone())
				r.reason = primary_gone_reason;
			HPMP_LOG(INFO, "%s %s failed: %d", op, devargs.c_str(),
				ret);
		}
		return r;
	}
};

} // namespace

std::unique_ptr<Hotplug>
make_eal_hotplug()
{
	return std::make_unique<EalHotplug>();
}

} // namespace hotplug_mp
