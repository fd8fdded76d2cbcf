/* SPDX-License-Identifier: BSD-3-Clause */
#include "module.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <unistd.h>

#include <rte_common.h>

#include "commands.h"
#include "guarded.h"
#include "log.h"
#include "messages.h"

namespace hotplug_mp {

namespace {

Module *current;

} // namespace

Module::Module(std::unique_ptr<Hotplug> hotplug) : hotplug_(std::move(hotplug))
{
	Result r = hotplug_->watch([this](const Event &e) { on_event(e); });
	/* a stock EAL has no events: said at info level, as on the example */
	if (r.error == -ENOTSUP)
		HPMP_LOG(INFO, "no event lines: %s",
			failure_message("watch hotplug", r).c_str());
	else if (!r.ok())
		HPMP_LOG(ERR, "no event lines: %s",
			failure_message("watch hotplug", r).c_str());

	remover_ = std::make_unique<Remover>(*hotplug_, console_);
	r = hotplug_->watch_removals([this](const std::string &devname) {
		remover_->remove(devname);
	});
	if (!r.ok())
		HPMP_LOG(ERR, "removed devices stay attached: %s",
			failure_message("watch device removals", r).c_str());
}

Module::~Module()
{
	/* no removal reaches the remover once it is gone */
	hotplug_->watch_removals(nullptr);
	remover_.reset();
	/* the handlers go first: no EAL thread posts to the console after */
	hotplug_.reset();
}

void
Module::eal_ready()
{
	if (eal_ready_.exchange(true))
		return;
	Result r = hotplug_->start_removals();
	if (!r.ok())
		HPMP_LOG(ERR, "device removals: %s",
			failure_message("watch device removals", r).c_str());
}

void
Module::on_event(const Event &e)
{
	if (events_on_ && e.requester != getpid())
		console_.post(event_message(e));
}

Module &
Module::instance()
{
	if (current == nullptr)
		throw std::logic_error("the hotplug_mp module is not loaded");
	return *current;
}

void
Module::command_failed(const char *what) noexcept
{
	try {
		instance().console().report(internal_error(what), false);
	} catch (...) {
		/* no module, or no memory for the line: nothing to say it with */
	}
}

Module::Installed::Installed(Module &m) : previous_(current)
{
	current = &m;
}

Module::Installed::~Installed()
{
	current = previous_;
}

} // namespace hotplug_mp

/*
 * Loading the module (a constructor: before main() when it is built in,
 * in rte_eal_init() when loaded with EAL -d) makes the process's Module
 * and registers its commands; unloading it (a destructor, at exit)
 * destroys the Module. No exception leaves either.
 */
namespace {

hotplug_mp::Module *loaded;
hotplug_mp::Module::Installed *installed;

} // namespace

RTE_INIT(hotplug_mp_module_init)
{
	try {
		loaded = new hotplug_mp::Module(hotplug_mp::make_eal_hotplug());
		installed = new hotplug_mp::Module::Installed(*loaded);
		testpmd_add_driver_commands(hotplug_mp_commands());
	} catch (const std::exception &e) {
		HPMP_LOG(ERR, "cannot load the hotplug_mp module: %s", e.what());
	}
}

RTE_FINI(hotplug_mp_module_fini)
{
	delete installed;
	installed = nullptr;
	delete loaded;
	loaded = nullptr;
}
