/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * input.h - the synthetic mouse and keyboard checkers (rules MOU-* and KBD-* of
 * conformance/rules/input.yaml). The keyboard checker reads "vsp.kbd.<relid>" (kbd_protocol,
 * kbd_key), "guest.serio" (register, rx) and the keyboard driver's probe_fail.
 *
 * They read the mouse VSP's records (source "vsp.mouse.<relid>": mouse_protocol,
 * mouse_device_info, mouse_ack, mouse_report, close) and the guest's HID layer ("guest.hid":
 * add, probe, input_report). The VSP raises findings for malformed guest packets itself;
 * the checkers judge what needs the guest's side: whether the probe went on or failed after a
 * refused protocol, a malformed or a missing device info, and whether input reports sent
 * before the guest finished its setup reached the HID layer.
 */
#ifndef CF_INPUT_H
#define CF_INPUT_H

#include "cf/checker.h"

/* NULL-terminated list of every input checker. */
extern const struct cf_checker *const cf_input_checkers[];

#endif
