/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * devices.h - GUID text helpers and device descriptors (class GUIDs from include/linux/hyperv.h)
 * for the integration components and input devices, so a host configuration can be built by
 * name: heartbeat, shutdown, timesync, kvp, vss, fcopy, kbd, mouse, and the driverless classes
 * unknown (a made-up GUID), avma1 and rdv.
 */
#ifndef VMB_DEVICES_H
#define VMB_DEVICES_H

#include <stdint.h>

#include "vmb/codec.h"
#include "vmb/host.h"


/*
 * Fill dev for the named device class (see above); instance distinguishes several devices of
 * one class (the instance GUID is derived deterministically from name and instance). The VSP
 * is left NULL (accept open, consume and ignore packets) except where a caller installs one.
 * Returns 0, or -1 for an unknown name.
 */
int vmb_device_preset(const char *name, uint32_t instance, struct vmb_device_config *dev);
/* Names accepted by vmb_device_preset, NULL-terminated. */
extern const char *const vmb_device_names[];

#endif /* VMB_DEVICES_H */
