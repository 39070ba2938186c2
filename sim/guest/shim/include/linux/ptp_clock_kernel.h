/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (the PTP clock is registered and traced, not exposed) */
#ifndef _SIM_LINUX_PTP_CLOCK_KERNEL_H
#define _SIM_LINUX_PTP_CLOCK_KERNEL_H
#include <linux/types.h>
#include <linux/time64.h>
#include <linux/err.h>
struct ptp_clock_request { int type; };
struct ptp_system_timestamp;
struct ptp_clock_info {
	struct module *owner;
	char name[32];
	s32 max_adj;
	int n_alarm, n_ext_ts, n_per_out, n_pins, pps;
	int (*adjfine)(struct ptp_clock_info *ptp, long scaled_ppm);
#if SIM_KVER < 602
	int (*adjfreq)(struct ptp_clock_info *ptp, s32 delta);
#endif
	int (*adjtime)(struct ptp_clock_info *ptp, s64 delta);
	int (*gettime64)(struct ptp_clock_info *ptp, struct timespec64 *ts);
	int (*gettimex64)(struct ptp_clock_info *ptp, struct timespec64 *ts,
			  struct ptp_system_timestamp *sts);
	int (*settime64)(struct ptp_clock_info *p, const struct timespec64 *ts);
	int (*enable)(struct ptp_clock_info *ptp, struct ptp_clock_request *request, int on);
};
struct ptp_clock;
struct device;
struct ptp_clock *ptp_clock_register(struct ptp_clock_info *info, struct device *parent);
int ptp_clock_unregister(struct ptp_clock *ptp);
#endif
