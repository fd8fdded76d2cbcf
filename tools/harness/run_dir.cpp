/* SPDX-License-Identifier: BSD-3-Clause */
#include "run_dir.h"

#include <cstdlib>
#include <stdexcept>

namespace hotplug_mp::harness {

RunDir::RunDir(const std::string &tag)
{
	std::string tmpl = "/run/" + tag + "_XXXXXX";
	if (mkdtemp(tmpl.data()) == nullptr)
		throw std::runtime_error("mkdtemp " + tmpl);
	path_ = tmpl;
}

RunDir::~RunDir()
{
	std::error_code ec;
	std::filesystem::remove_all(path_, ec);
}

} // namespace hotplug_mp::harness
