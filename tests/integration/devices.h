/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The devices the test plan hot-plugs, each with what it needs around it:
 * a veth pair for af_packet, a socket directory for vhost-user, a vhost-user
 * backend (a dpdk-testpmd of its own) for virtio-user.
 */
#ifndef HOTPLUG_MP_TEST_DEVICES_H
#define HOTPLUG_MP_TEST_DEVICES_H

#include <memory>
#include <string>

namespace hotplug_mp::test {

class TestDevice {
public:
	virtual ~TestDevice() = default;
	/* What "attach" takes. */
	virtual std::string devargs() const = 0;
	/* The port name "list" shows, and what "detach" takes. */
	virtual std::string name() const = 0;
};

/* kind: af_packet, null, ring, tap, vhost, virtio_user. */
std::unique_ptr<TestDevice> make_device(const std::string &kind);

/* A veth pair, both ends up; deleted by the destructor. */
class VethPair {
public:
	VethPair();
	~VethPair();
	VethPair(const VethPair &) = delete;
	VethPair &operator=(const VethPair &) = delete;
	const std::string &a() const { return a_; }
	const std::string &b() const { return b_; }

private:
	std::string a_, b_;
};

} // namespace hotplug_mp::test

#endif
