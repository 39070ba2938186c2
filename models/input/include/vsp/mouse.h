/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mouse.h - the synthetic mouse / HID VSP (host side of drivers/hid/hid-hyperv.c).
 *
 * Protocol (protocol-inventory §2.5): every message is a pipe message (type PIPE_MESSAGE_DATA
 * = 1, size u32 = bytes after this 8-byte header) wrapping a synthhid message (type u32, size
 * u32 = bytes after this header). The guest sends PROTOCOL_REQUEST (type 0, version 0x00020000,
 * 20 bytes, completion requested); the host answers PROTOCOL_RESPONSE (type 1, version, approved
 * u8); if approved it sends INITIAL_DEVICE_INFO (type 2: hv_input_dev_info (32 bytes), a 9-byte
 * hid_descriptor, then the report descriptor); the guest answers INITIAL_DEVICE_INFO_ACK (type 3,
 * size 1, reserved u8; 17 bytes); then the host sends INPUT_REPORT (type 4, raw report bytes).
 */
#ifndef VSP_MOUSE_H
#define VSP_MOUSE_H

#include <stdbool.h>
#include <stdint.h>

#include "vmb/host.h"

#define VSP_MOUSE_VERSION 0x00020000u
#define VSP_MOUSE_PIPE_DATA 1u
#define VSP_MOUSE_MSG_PROTOCOL_REQUEST 0u
#define VSP_MOUSE_MSG_PROTOCOL_RESPONSE 1u
#define VSP_MOUSE_MSG_DEVICE_INFO 2u
#define VSP_MOUSE_MSG_DEVICE_INFO_ACK 3u
#define VSP_MOUSE_MSG_INPUT_REPORT 4u
#define VSP_MOUSE_VENDOR 0x045eu
#define VSP_MOUSE_PRODUCT 0x0621u

struct vsp_mouse_hdr {
    uint32_t pipe_type; /* PIPE_MESSAGE_DATA */
    uint32_t pipe_size; /* bytes after this pipe header */
    uint32_t type;      /* synthhid_msg_type */
    uint32_t size;      /* bytes after the synthhid header */
} __attribute__((packed));
_Static_assert(sizeof(struct vsp_mouse_hdr) == 16, "pipe_prt_msg + synthhid_msg_hdr");

/* How the INITIAL_DEVICE_INFO is built: a correct one, or one the guest must not acknowledge. */
enum vsp_mouse_devinfo {
    VSP_MOUSE_DEVINFO_OK = 0,
    VSP_MOUSE_DEVINFO_BAD_BLENGTH, /* hid_descriptor.bLength larger than the packet */
    VSP_MOUSE_DEVINFO_BAD_RPTLEN,  /* wDescriptorLength larger than what follows */
    VSP_MOUSE_DEVINFO_NONE,        /* never sent: the guest times out (MOU-004) */
    VSP_MOUSE_DEVINFO_SHORT,       /* the headers claim the whole report descriptor, the VMBus
                                    * packet carries only its first 8 bytes */
};

struct vsp_mouse_stats {
    uint32_t requests;
    uint32_t acks;
    uint32_t reports_sent;
    uint32_t reports_refused;
};

struct vsp_mouse_params {
    bool accept;                    /* the PROTOCOL_RESPONSE's approved byte */
    enum vsp_mouse_devinfo devinfo; /* what INITIAL_DEVICE_INFO looks like */
    bool early_report;              /* one INPUT_REPORT right after the device info, before
                                     * the guest finished its setup (MOU-005) */
    /* Self-tests (tag selftest): make the correct guest look broken. */
    uint32_t selftest_version;      /* judge the guest's request as if it asked for this */
    bool selftest_malformed;        /* send a correct device info but call it malformed */
};

struct vsp_mouse;

/* Defaults: accept, a correct device info, no early report. */
void vsp_mouse_params_default(struct vsp_mouse_params *p);
/* Scenario device options (host.devices[].with): accept: yes/no, devinfo:
 * ok/bad-blength/bad-rptlen/none/short-packet, early_report: yes/no, selftest_version: N,
 * selftest_malformed: yes/no. Returns 0, or -1 for an unknown key or value. */
int vsp_mouse_option(const char *key, const char *value, struct vsp_mouse_params *p);

struct vsp_mouse *vsp_mouse_create(const struct vsp_mouse_params *p);
void vsp_mouse_destroy(struct vsp_mouse *m);
/* Install this VSP into dev (class GUID, instance GUID from instance, ops, ctx); dev->name
 * becomes "mouse". */
void vsp_mouse_attach(struct vsp_mouse *m, uint32_t instance, struct vmb_device_config *dev);
/* True once the guest acknowledged a correct INITIAL_DEVICE_INFO. */
bool vsp_mouse_connected(const struct vsp_mouse *m);
/* The report descriptor the VSP announces (3 buttons, relative X/Y, 3-byte reports). */
const uint8_t *vsp_mouse_report_desc(uint32_t *len);
/* Send one input report {buttons, dx, dy}. Returns 0, -1 if not connected, -11 if full. */
int vsp_mouse_report(struct vsp_mouse *m, int8_t dx, int8_t dy, uint8_t buttons);
const struct vsp_mouse_stats *vsp_mouse_stats(const struct vsp_mouse *m);

#endif /* VSP_MOUSE_H */
