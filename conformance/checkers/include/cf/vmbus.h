/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus.h - the VMBus-core checkers (rules VMB-* of conformance/rules/vmbus.yaml).
 *
 * They read the records of the hypervisor model (source "hv"), the VMBus host (source
 * "vmbus") and its channels (sources "vsp.<device>.<relid>"). Where the host model already
 * raises a finding for a broken rule, the checker's part is to record that the rule was
 * exercised (a pass); the finding makes it fail.
 */
#ifndef CF_VMBUS_H
#define CF_VMBUS_H

#include "cf/checker.h"

/* NULL-terminated list of every VMBus-core checker. */
extern const struct cf_checker *const cf_vmbus_checkers[];

#endif
