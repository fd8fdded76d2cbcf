/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A directory of its own under /run, removed with everything in it when the
 * object goes. /run is not world-writable: EAL refuses to load a module
 * with -d from below a world-writable directory such as /tmp.
 */
#ifndef HOTPLUG_MP_RUN_DIR_H
#define HOTPLUG_MP_RUN_DIR_H

#include <filesystem>
#include <string>

namespace hotplug_mp::harness {

class RunDir {
public:
	explicit RunDir(const std::string &tag = "hpmp");
	~RunDir();
	RunDir(const RunDir &) = delete;
	RunDir &operator=(const RunDir &) = delete;
	const std::filesystem::path &path() const { return path_; }

private:
	std::filesystem::path path_;
};

} // namespace hotplug_mp::harness

#endif
