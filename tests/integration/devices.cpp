/* SPDX-License-Identifier: BSD-3-Clause */
#include "devices.h"

#include <atomic>
#include <stdexcept>
#include <unistd.h>

#include "cluster.h"
#include "environment.h"
#include "pty_process.h"

namespace hotplug_mp::test {

using harness::run_command;

namespace {

void
must(const std::vector<std::string> &argv)
{
	std::string out;
	if (run_command(argv, &out) != 0) {
		std::string cmd;
		for (const auto &a : argv)
			cmd += a + " ";
		throw std::runtime_error("command failed: " + cmd + "\n" + out);
	}
}

class Simple : public TestDevice {
public:
	Simple(std::string devargs, std::string name)
		: devargs_(std::move(devargs)), name_(std::move(name)) {}
	std::string devargs() const override { return devargs_; }
	std::string name() const override { return name_; }

private:
	std::string devargs_, name_;
};

/* A tap interface of a name of its own, which the PMD creates and removes. */
class Tap : public TestDevice {
public:
	Tap()
	{
		static std::atomic<int> n;
		iface_ = "hpt" + std::to_string(getpid() % 100000) + "x" +
			std::to_string(n++);
	}
	std::string devargs() const override { return "net_tap0,iface=" + iface_; }
	std::string name() const override { return "net_tap0"; }

private:
	std::string iface_;
};

class AfPacket : public TestDevice {
public:
	std::string devargs() const override
	{
		return "net_af_packet,iface=" + veth_.a();
	}
	std::string name() const override { return "net_af_packet"; }

private:
	VethPair veth_;
};

class Vhost : public TestDevice {
public:
	std::string devargs() const override
	{
		return "net_vhost0,iface=" + (dir_.path() / "vhost-net").string() +
			",queues=1,client=0";
	}
	std::string name() const override { return "net_vhost0"; }

private:
	TempDir dir_;
};

/* virtio-user needs a vhost-user server: a dpdk-testpmd with net_vhost. */
class VirtioUser : public TestDevice {
public:
	VirtioUser()
	{
		std::string tp = backend_testpmd();
		if (tp.empty())
			throw std::runtime_error("no dpdk-testpmd for the vhost-user backend");
		prefix_ = harness::unique_prefix("hpmp_vhost");
		backend_ = std::make_unique<harness::PtyProcess>("vhost backend",
			std::vector<std::string>{tp, "-l", "0-1", "--no-pci",
				"--file-prefix", prefix_, "--single-file-segments",
				"--vdev", "net_vhost0,iface=" + socket() + ",queues=1",
				"--log-level", "lib.eal:notice", "--",
				"-i", "--total-num-mbufs=2048", "--no-mlockall"});
		backend_->expect("testpmd> ", std::chrono::seconds(30));
	}
	~VirtioUser() override
	{
		try {
			backend_->send_line("quit");
			backend_->wait_exit(std::chrono::seconds(10));
		} catch (...) {
		}
		backend_.reset();
		harness::remove_prefix_files(prefix_);
	}
	std::string devargs() const override
	{
		return "net_virtio_user0,mac=00:01:02:03:04:05,path=" + socket() +
			",packed_vq=1,mrg_rxbuf=1,in_order=0";
	}
	std::string name() const override { return "net_virtio_user0"; }

private:
	std::string socket() const { return (dir_.path() / "vhost-net").string(); }

	TempDir dir_;
	std::string prefix_;
	std::unique_ptr<harness::PtyProcess> backend_;
};

} // namespace

VethPair::VethPair()
{
	static std::atomic<int> n;
	std::string base = "hpv" + std::to_string(getpid() % 100000) + "x" +
		std::to_string(n++);
	a_ = base + "a";
	b_ = base + "b";
	run_command({"ip", "link", "del", a_});
	must({"ip", "link", "add", a_, "type", "veth", "peer", "name", b_});
	must({"ip", "link", "set", a_, "up"});
	must({"ip", "link", "set", b_, "up"});
}

VethPair::~VethPair()
{
	run_command({"ip", "link", "del", a_});
}

std::unique_ptr<TestDevice>
make_device(const std::string &kind)
{
	if (kind == "af_packet")
		return std::make_unique<AfPacket>();
	if (kind == "null")
		return std::make_unique<Simple>("net_null0", "net_null0");
	if (kind == "ring")
		return std::make_unique<Simple>("net_ring0", "net_ring0");
	if (kind == "vhost")
		return std::make_unique<Vhost>();
	if (kind == "virtio_user")
		return std::make_unique<VirtioUser>();
	if (kind == "tap")
		return std::make_unique<Tap>();
	throw std::invalid_argument("unknown device kind " + kind);
}

} // namespace hotplug_mp::test
