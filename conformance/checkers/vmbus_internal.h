/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus_internal.h - the VMBus-core checkers defined outside vmbus.c, gathered into
 * cf_vmbus_checkers there. Private to conformance/checkers.
 */
#ifndef CF_VMBUS_INTERNAL_H
#define CF_VMBUS_INTERNAL_H

#include "cf/checker.h"

extern const struct cf_checker cf_vmbus_offer_checker; /* offers, OPENCHANNEL contents */
extern const struct cf_checker cf_vmbus_wait_checker;  /* rescinds during waits, unload */
extern const struct cf_checker cf_vmbus_ring_checker;  /* guest ring traffic, signals */
extern const struct cf_checker cf_vmbus_adv_checker;   /* unusual host behaviour */
extern const struct cf_checker cf_vmbus_mod_checker;   /* MODIFYCHANNEL (vmbus_mod.c) */
extern const struct cf_checker cf_vmbus_tp_checker;    /* tracepoint formats (vmbus_tp.c) */
extern const struct cf_checker cf_vmbus_pm_checker;    /* hibernation (vmbus_pm.c) */
extern const struct cf_checker cf_vmbus_rq_checker;    /* request ids, close order (vmbus_rq.c) */
extern const struct cf_checker cf_vmbus_tl_checker;    /* hv_sock connects (vmbus_tl.c) */

#endif
