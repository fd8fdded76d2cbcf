/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dpdk-hotplug_mp: a drop-in for DPDK's examples/multi_process/hotplug_mp.
 *
 *   dpdk-hotplug_mp [EAL options] [-- --cmdline-file FILE]
 *
 * The hotplug command module is built in; further testpmd-style command
 * modules load with EAL -d, and the host's own commands register the same
 * way. Interactive at "example> ", or runs FILE and exits non-zero when any
 * command in it failed, whichever table it comes from.
 */
#include <cstdio>
#include <cstdlib>
#include <getopt.h>
#include <optional>
#include <string>

#include <rte_eal.h>
#include <rte_errno.h>

#include "forwarding.h"
#include "host_commands.h"
#include "module.h"
#include "prompt.h"
#include "registry.h"
#include "script.h"

namespace {

constexpr const char *prompt = "example> ";

/* rte_eal_init() for the life of main(), rte_eal_cleanup() at its end. */
class EalSession {
public:
	EalSession(int argc, char **argv) : consumed_(rte_eal_init(argc, argv)) {}
	~EalSession()
	{
		if (consumed_ >= 0)
			rte_eal_cleanup();
	}
	EalSession(const EalSession &) = delete;
	EalSession &operator=(const EalSession &) = delete;

	bool ok() const { return consumed_ >= 0; }
	int consumed() const { return consumed_; }

private:
	int consumed_;
};

struct Options {
	std::optional<std::string> cmdline_file;
};

void
usage(const char *prog)
{
	std::printf("usage: %s [EAL options] -- [--cmdline-file FILE]\n"
		"  --cmdline-file FILE  run the commands in FILE, then exit;\n"
		"                       the exit status is 1 if any failed\n",
		prog);
}

/* Application options, after the EAL's. Returns nullopt on bad usage. */
std::optional<Options>
parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"cmdline-file", required_argument, nullptr, 'f'},
		{"help", no_argument, nullptr, 'h'},
		{nullptr, 0, nullptr, 0},
	};
	Options o;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, nullptr)) != -1) {
		switch (c) {
		case 'f':
			o.cmdline_file = optarg;
			break;
		default:
			return std::nullopt;
		}
	}
	if (optind != argc)
		return std::nullopt;
	return o;
}

int
run(int argc, char **argv)
{
	EalSession eal(argc, argv);
	if (!eal.ok()) {
		std::fprintf(stderr, "Cannot init EAL: %s\n",
			rte_strerror(rte_errno));
		return EXIT_FAILURE;
	}
	argc -= eal.consumed();
	argv += eal.consumed();

	std::optional<Options> opts = parse_options(argc, argv);
	if (!opts) {
		usage(argv[0]);
		return EXIT_FAILURE;
	}

	/* removals of devices probed at start are watched before any command */
	hotplug_mp::Module::instance().eal_ready();
	hotplug_mp::host::register_host_commands();
	auto ctx = hotplug_mp::host::command_context();
	hotplug_mp::Console &console = hotplug_mp::Module::instance().console();
	/* the forwarding lcore must be back before the EAL is cleaned up */
	struct StopForwarding {
		~StopForwarding() { hotplug_mp::host::forward_shutdown(); }
	} stop_forwarding;
	hotplug_mp::host::forwarding_watches_detach();
	if (!opts->cmdline_file)
		return hotplug_mp::host::interact(ctx.data(), prompt, console) == 0 ?
			EXIT_SUCCESS : EXIT_FAILURE;

	if (hotplug_mp::host::run_script(ctx.data(), prompt,
			*opts->cmdline_file, console) != 0)
		return EXIT_FAILURE;
	unsigned int failed = console.failed();
	if (failed != 0)
		console.report(std::to_string(failed) + " command(s) failed in " +
			*opts->cmdline_file);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

} // namespace

int
main(int argc, char **argv)
{
	try {
		return run(argc, argv);
	} catch (const std::exception &e) {
		std::fprintf(stderr, "dpdk-hotplug_mp: %s\n", e.what());
	}
	return EXIT_FAILURE;
}
