/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The command module of a process: one object, made when the module is
 * loaded (RTE_INIT) and destroyed when it goes (RTE_FINI). It owns what
 * lives as long as the module: the hotplug side (the EAL handlers it
 * registers, the locks it holds) and the console its commands and events
 * print through.
 */
#ifndef HOTPLUG_MP_MODULE_H
#define HOTPLUG_MP_MODULE_H

#include <atomic>
#include <memory>

#include "console.h"
#include "hotplug.h"
#include "remover.h"

namespace hotplug_mp {

class Module {
public:
	/*
	 * Watches hotplug for events; a failure to is logged, and the
	 * commands still work.
	 */
	explicit Module(std::unique_ptr<Hotplug> hotplug);
	/* Lets go of the EAL (handlers) before the console goes. */
	~Module();
	Module(const Module &) = delete;
	Module &operator=(const Module &) = delete;

	/* The module of this process, between its RTE_INIT and RTE_FINI. */
	static Module &instance();
	/* Makes m the process's module while it lives (tests inject one). */
	class Installed;

	Hotplug &hotplug() { return *hotplug_; }
	Console &console() { return console_; }

	/*
	 * What a command handler's exception leaves: a failed command and
	 * "internal error: <what>" (the Failed of guarded<>, for every table).
	 */
	static void command_failed(const char *what) noexcept;

	/*
	 * Once rte_eal_init() is done (the host calls it then, each command
	 * before it runs): starts what watching removals needs of the EAL.
	 */
	void eal_ready();

	/* "events on|off": print what other processes' requests did here. */
	void set_events(bool on) { events_on_ = on; }
	bool events() const { return events_on_; }

private:
	/* An EAL thread: queue the line for the next prompt. */
	void on_event(const Event &e);

	Console console_; /* first: it outlives the handlers, which post to it */
	std::atomic<bool> events_on_{true};
	std::unique_ptr<Hotplug> hotplug_;
	/* detaches what the machine takes away; uses hotplug_ and console_ */
	std::unique_ptr<Remover> remover_;
	std::atomic<bool> eal_ready_{false};
};

class Module::Installed {
public:
	explicit Installed(Module &m);
	~Installed();
	Installed(const Installed &) = delete;
	Installed &operator=(const Installed &) = delete;

private:
	Module *previous_;
};

} // namespace hotplug_mp

#endif
