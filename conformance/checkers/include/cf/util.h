/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util.h - the integration-component checkers (rules UTIL-* of conformance/rules/util.yaml).
 *
 * They read the records of the util IC host models (sources "util.<service>[.<n>]": request,
 * response, negotiated, silent, timeout), the scenario's raw sends ("scenario.ic_raw"), the
 * VMBus host ("vmbus.negotiate", "vmbus.offer", "vsp.<dev>.<relid> ring_bind") and the guest
 * runtime ("guest.daemon", "guest.power", "guest.time"). Where the host model already raises
 * a finding for a broken rule, the checker records that the rule was exercised; rules that
 * need the guest's side of the story (power action after the answer, clock steps, daemon
 * serialisation, timing in virtual time, VSS not opened before VMBus 3.0) are judged here.
 */
#ifndef CF_UTIL_H
#define CF_UTIL_H

#include "cf/checker.h"

/* NULL-terminated list of every util IC checker. */
extern const struct cf_checker *const cf_util_checkers[];

#endif
