/* SPDX-License-Identifier: BSD-3-Clause */
#include "args.h"

#include <stdexcept>

namespace hotplug_mp::hardening {

std::vector<std::pair<std::string, std::string>>
key_values(int argc, char **argv)
{
	std::vector<std::pair<std::string, std::string>> kv;
	for (int i = 1; i < argc; i += 2) {
		if (i + 1 >= argc)
			throw std::invalid_argument(std::string(argv[i]) +
				" needs a value");
		kv.emplace_back(argv[i], argv[i + 1]);
	}
	return kv;
}

int
to_int(const std::string &k, const std::string &v, int min)
{
	try {
		size_t end;
		int n = std::stoi(v, &end);
		if (end == v.size() && n >= min)
			return n;
	} catch (const std::exception &) {
	}
	throw std::invalid_argument(k + " needs a number of at least " +
		std::to_string(min));
}

} // namespace hotplug_mp::hardening
