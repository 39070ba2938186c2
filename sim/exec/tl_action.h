/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tl_action.h - the `hvsock-connect` timeline action (tl_action.c): the host's answer to the
 * guest's TL_CONNECT_REQUEST (models/vmbus/src/tl.c) plus a guest user's connect() on an
 * AF_VSOCK socket to the host (hook "vsock.connect", sim/guest/runtime/vsock.c).
 * Private to sim/exec.
 */
#ifndef EXEC_TL_ACTION_H
#define EXEC_TL_ACTION_H

#include <stddef.h>

#include "hyp/seam.h"
#include "scn/scenario.h"
#include "sim/trace.h"
#include "vmb/host.h"

/* Validate a hvsock-connect step's arguments. 0, or -1 with a message in msg. */
int exec_tl_check_step(const struct scn_scenario *s, const struct scn_step *st, char *msg,
                       size_t len);
/* Run a hvsock-connect step: arm the host's answer, then start the guest's connect. Failures
 * are traced as scenario step_failed. */
void exec_tl_step(struct vmb_host *host, const struct hyp_guest_ops *guest,
                  struct trc_trace *t, const struct scn_step *st);

#endif
