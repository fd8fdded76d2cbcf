/* SPDX-License-Identifier: BSD-3-Clause */
#include "remover.h"

#include <algorithm>

#include "messages.h"

namespace hotplug_mp {

Remover::Remover(Hotplug &hotplug, Console &console)
	: hotplug_(hotplug), console_(console), thread_([this] { run(); })
{
}

Remover::~Remover()
{
	{
		std::lock_guard<std::mutex> lock(mutex_);
		stopping_ = true;
	}
	wake_.notify_all();
	thread_.join();
}

void
Remover::remove(const std::string &devname)
{
	{
		std::lock_guard<std::mutex> lock(mutex_);
		/* VFIO repeats its request until the device is let go */
		if (std::find(pending_.begin(), pending_.end(), devname) !=
				pending_.end())
			return;
		pending_.push_back(devname);
	}
	wake_.notify_all();
}

void
Remover::run()
{
	std::unique_lock<std::mutex> lock(mutex_);
	for (;;) {
		wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
		if (stopping_)
			return;
		std::string devname = pending_.front();
		lock.unlock();
		Result r = hotplug_.detach(devname);
		console_.post(removal_message(devname, r));
		lock.lock();
		pending_.pop_front();
	}
}

} // namespace hotplug_mp
