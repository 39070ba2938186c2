/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pm_action.h - the `hibernate` timeline action (pm_action.c): the host's resume plan
 * (models/vmbus/src/pm.c) plus the guest's hibernation sequence (hook "pm.hibernate",
 * sim/guest/runtime/pm.c). Private to sim/exec.
 */
#ifndef EXEC_PM_ACTION_H
#define EXEC_PM_ACTION_H

#include <stddef.h>

#include "hyp/seam.h"
#include "scn/scenario.h"
#include "sim/trace.h"
#include "vmb/host.h"

/* Validate a hibernate step's arguments. 0, or -1 with a message in msg. */
int exec_pm_check_step(const struct scn_scenario *s, const struct scn_step *st, char *msg,
                       size_t len);
/* Run a hibernate step: arm the host's plan, then start the guest's hibernation. Failures are
 * traced as scenario step_failed. */
void exec_pm_step(struct vmb_host *host, const struct hyp_guest_ops *guest,
                  const struct scn_scenario *s, struct trc_trace *t, const struct scn_step *st);

#endif
