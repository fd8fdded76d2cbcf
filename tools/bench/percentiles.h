/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The median and 99th percentile of latency samples: for the host's
 * "bench" command and for hotplug_mp-bench, which takes the median of
 * its rounds. No DPDK here.
 */
#ifndef HOTPLUG_MP_PERCENTILES_H
#define HOTPLUG_MP_PERCENTILES_H

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace hotplug_mp {

struct Percentiles {
	double median;
	double p99;
};

/* Of samples, sorted in place; zeros when there are none. */
inline Percentiles
percentiles(std::vector<double> &samples)
{
	if (samples.empty())
		return {0, 0};
	std::sort(samples.begin(), samples.end());
	size_t n = samples.size();
	double median = n % 2 ? samples[n / 2] :
		(samples[n / 2 - 1] + samples[n / 2]) / 2;
	size_t p99 = static_cast<size_t>(std::ceil(0.99 * n)) - 1;
	return {median, samples[p99]};
}

} // namespace hotplug_mp

#endif
