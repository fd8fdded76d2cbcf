/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Detaches the devices the machine takes away, one at a time, in a thread
 * of its own: the EAL reports a removal in its interrupt thread, which
 * must not wait for a detach (the detach needs the other processes, and
 * may need the interrupt thread itself). Each removal ends with an event
 * line on the console.
 */
#ifndef HOTPLUG_MP_REMOVER_H
#define HOTPLUG_MP_REMOVER_H

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "console.h"
#include "hotplug.h"

namespace hotplug_mp {

class Remover {
public:
	Remover(Hotplug &hotplug, Console &console);
	/* Ends the thread once the removal it runs, if any, is done. */
	~Remover();
	Remover(const Remover &) = delete;
	Remover &operator=(const Remover &) = delete;

	/* Any thread: detach devname from every process, soon. */
	void remove(const std::string &devname);

private:
	void run();

	Hotplug &hotplug_;
	Console &console_;
	std::mutex mutex_;
	std::condition_variable wake_;
	std::deque<std::string> pending_;
	bool stopping_ = false;
	std::thread thread_; /* last: it starts once the rest is there */
};

} // namespace hotplug_mp

#endif
