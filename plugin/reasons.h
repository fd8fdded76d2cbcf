/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Why an attach, a detach or a setting failed, in words, from the errno
 * value the EAL returned and what the process sees afterwards. Pure
 * functions: unit tested without an EAL. messages.h puts them into the
 * lines the commands print.
 */
#ifndef HOTPLUG_MP_REASONS_H
#define HOTPLUG_MP_REASONS_H

#include <cstddef>
#include <string>

namespace hotplug_mp::reasons {

/* rte_devargs_parse() failed with err. */
std::string parse(int err);
/* The device string is longer than the channel carries (max characters). */
std::string too_long(size_t max);
/* It parses, and names no device ("bus=vdev,nam=x"). */
extern const char *const no_device;

/*
 * rte_dev_probe() of a device on bus failed with err; here: whether this
 * process has the device now.
 */
std::string attach(int err, const std::string &bus, bool here);
/* rte_eal_hotplug_remove() failed with err. */
std::string detach(int err, bool here);

/* In a secondary whose primary has exited or was killed. */
extern const char *const primary_gone;
/* lock of a device this process does not have. */
extern const char *const nothing_to_lock;
/* The EAL lacks the hotplug timeout setting. */
extern const char *const no_timeout_setting;
/* rte_dev_hotplug_timeout_set() failed with err ("" if no words for it). */
std::string set_timeout(int err);

} // namespace hotplug_mp::reasons

#endif
