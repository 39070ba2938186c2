// SPDX-License-Identifier: GPL-2.0-only
/*
 * devices.c - device class descriptors by name. Owns only constant tables. Class GUIDs are
 * facts of the protocol (include/linux/hyperv.h, protocol-inventory §2.0); ring sizes are the
 * guest's business, not the offer's.
 */
#include <string.h>

#include "sim/prng.h"
#include "vmb/devices.h"

struct preset {
    const char *name;
    const char *class_guid;
};

static const struct preset presets[] = {
    { "heartbeat", "57164f39-9115-4e78-ab55-382f3bd5422d" },
    { "shutdown", "0e0b6031-5213-4934-818b-38d90ced39db" },
    { "timesync", "9527e630-d0ae-497b-adce-e80ab0175caf" },
    { "kvp", "a9a0f4e7-5a45-4d96-b827-8a841e8c03e6" },
    { "vss", "35fa2e29-ea23-4236-96ae-3a6ebacba440" },
    { "fcopy", "34d14be3-dee4-41c8-9ae7-6b174977c192" },
    { "kbd", "f912ad6d-2b17-48ea-bd65-f927a61c7684" },
    { "mouse", "cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a" },
    /* Classes no guest driver binds (VMB-OFF-005): a made-up class, and AVMA1 and RDV, which
     * the guest knows and deliberately leaves alone (vmbus_unsupported_devs). */
    { "unknown", "0badc1a5-0000-4000-8000-00000000c1a5" },
    { "avma1", "f8e65716-3cb3-4a06-9a60-1889c5cccab5" },
    { "rdv", "276aacf4-ac15-426c-98dd-7521ad3f01fe" },
};

const char *const vmb_device_names[] = {
    "heartbeat", "shutdown", "timesync", "kvp", "vss", "fcopy", "kbd", "mouse", "unknown", "avma1",
    "rdv", NULL,
};

int vmb_device_preset(const char *name, uint32_t instance, struct vmb_device_config *dev)
{
    for (size_t i = 0; i < sizeof(presets) / sizeof(presets[0]); i++) {
        if (strcmp(presets[i].name, name) != 0)
            continue;
        memset(dev, 0, sizeof(*dev));
        dev->name = presets[i].name;
        int rc = vmb_guid_parse(presets[i].class_guid, &dev->class_id);
        (void)rc;
        /* Instance GUID: deterministic bytes from (name, instance). */
        uint64_t st = sim_fnv1a64_str(name) ^ ((uint64_t)instance << 32);
        uint64_t a = sim_splitmix64(&st), b = sim_splitmix64(&st);
        memcpy(dev->instance_id.b, &a, 8);
        memcpy(dev->instance_id.b + 8, &b, 8);
        dev->instance_id.b[7] = (uint8_t)((dev->instance_id.b[7] & 0x0f) | 0x40); /* v4 */
        dev->chn_flags = 0;
        return 0;
    }
    return -1;
}
