/* SPDX-License-Identifier: BSD-3-Clause */
#include "args.h"

#include <stdexcept>

namespace hotplug_mp::hardening {

namespace {

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

} // namespace

void
parse_options(int argc, char **argv, const std::vector<Option> &options)
{
	for (int i = 1; i < argc; i += 2) {
		const std::string k = argv[i];
		if (i + 1 >= argc)
			throw std::invalid_argument(k + " needs a value");
		const Option *opt = nullptr;
		for (const auto &o : options)
			if (o.key == k)
				opt = &o;
		if (opt == nullptr)
			throw std::invalid_argument("unknown option " + k);
		if (opt->text != nullptr)
			*opt->text = argv[i + 1];
		else
			*opt->number = to_int(k, argv[i + 1], opt->min);
	}
}

} // namespace hotplug_mp::hardening
