/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus_faults.h - timed VMBus-core faults (vmbus_faults.c): duplicate-offer, event-flag,
 * timer-message, ring-write, host-busy; and guest-alloc-fail (guest memory pressure, armed
 * through the image's hooks). Private to sim/exec.
 */
#ifndef EXEC_VMBUS_FAULTS_H
#define EXEC_VMBUS_FAULTS_H

#include "hyp/machine.h"
#include "hyp/seam.h"
#include "scn/scenario.h"
#include "sim/world.h"
#include "vmb/host.h"

/* 1 if kind is one of the faults below. */
int exec_vmbus_fault_is_timed(const char *kind);
/* Schedule fault f (its "at", default 0) against device index dev (-1: none). 0 or -1. */
int exec_vmbus_fault_schedule(struct sim_world *w, struct vmb_host *host, struct hyp_machine *m,
                              const struct scn_fault *f, int dev);
/* End of the run: a look still due (the run ended first, e.g. on a guest livelock) is taken
 * now, traced with postmortem=1, so the checkers still see the guest's ring state. */
void exec_vmbus_faults_finish(struct sim_world *w);
/*
 * guest-alloc-fail: arm the image's "mem.fail" hook before boot (the nth kmalloc of exactly
 * `size` bytes returns NULL) and trace it as a scenario fault record. 0 or -1.
 */
int exec_guest_alloc_fail(struct sim_world *w, const struct hyp_guest_ops *guest,
                          const struct scn_fault *f);

#endif
