/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented */
#ifndef _SIM_LINUX_CPUHOTPLUG_H
#define _SIM_LINUX_CPUHOTPLUG_H
#include <linux/types.h>
enum cpuhp_state {
	CPUHP_INVALID = -1,
	CPUHP_OFFLINE = 0,
	CPUHP_HYPERV_ONLINE = 60,
	CPUHP_AP_ONLINE_DYN = 200,
	CPUHP_AP_ONLINE_DYN_END = 230,
	CPUHP_ONLINE = 240,
};
int __cpuhp_setup_state(enum cpuhp_state state, const char *name, bool invoke,
			int (*startup)(unsigned int cpu), int (*teardown)(unsigned int cpu),
			bool multi_instance);
int __cpuhp_setup_state_cpuslocked(enum cpuhp_state state, const char *name, bool invoke,
				   int (*startup)(unsigned int cpu),
				   int (*teardown)(unsigned int cpu), bool multi_instance);
void __cpuhp_remove_state(enum cpuhp_state state, bool invoke);
static inline int cpuhp_setup_state(enum cpuhp_state state, const char *name,
				    int (*startup)(unsigned int cpu),
				    int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state(state, name, true, startup, teardown, false);
}
static inline int cpuhp_setup_state_nocalls(enum cpuhp_state state, const char *name,
					    int (*startup)(unsigned int cpu),
					    int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state(state, name, false, startup, teardown, false);
}
static inline int cpuhp_setup_state_cpuslocked(enum cpuhp_state state, const char *name,
					       int (*startup)(unsigned int cpu),
					       int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state_cpuslocked(state, name, true, startup, teardown, false);
}
static inline int cpuhp_setup_state_nocalls_cpuslocked(enum cpuhp_state state,
		const char *name, int (*startup)(unsigned int cpu),
		int (*teardown)(unsigned int cpu))
{
	return __cpuhp_setup_state_cpuslocked(state, name, false, startup, teardown, false);
}
static inline void cpuhp_remove_state(enum cpuhp_state state) { __cpuhp_remove_state(state, true); }
static inline void cpuhp_remove_state_nocalls(enum cpuhp_state state)
{
	__cpuhp_remove_state(state, false);
}
#endif
