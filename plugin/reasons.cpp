/* SPDX-License-Identifier: BSD-3-Clause */
#include "reasons.h"

#include <cerrno>

namespace hotplug_mp::reasons {
namespace {

/* A PCI device is seen only when bound, and used only when bound for DPDK. */
std::string
pci_attach(int err)
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

/* After a detach rolled back: where the device was removed, it is back. */
std::string
detach_undone(bool here)
{
	return here ? "rolled back; the device stays attached here" :
		"rolled back, but the device is no longer attached here";
}

} // namespace

const char *const no_device = "the devargs name no device";

const char *const primary_gone = "the primary process is gone: no "
	"process can attach or detach until a primary runs again";

const char *const nothing_to_lock = "this process has no such device, so "
	"no process has it: nothing to lock";

const char *const no_timeout_setting = "this EAL has no hotplug timeout "
	"setting (hotplug_mp's change eal-hotplug-timeout-setting adds it)";

std::string
parse(int err)
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

std::string
too_long(size_t max)
{
	return "devargs longer than the " + std::to_string(max) +
		" characters the multi-process channel carries";
}

std::string
attach(int err, const std::string &bus, bool here)
{
	switch (-err) {
	case EEXIST:
		return "the device is already attached";
	case EBUSY:
		return "another hotplug operation is in progress";
	default:
		break;
	}
	std::string base = bus == "pci" ? pci_attach(err) : "";
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

std::string
detach(int err, bool here)
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

std::string
set_timeout(int err)
{
	switch (-err) {
	case EPERM:
		return "only the primary process can set it";
	case EINVAL:
		return "out of range (1 to 3600000 ms)";
	default:
		return "";
	}
}

} // namespace hotplug_mp::reasons
