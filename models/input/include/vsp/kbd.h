/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kbd.h - the synthetic keyboard VSP (host side of drivers/input/serio/hyperv-keyboard.c).
 *
 * Protocol (protocol-inventory §2.4): the guest sends PROTOCOL_REQUEST (type 1, version
 * 0x00010000, completion requested); the host answers PROTOCOL_RESPONSE (type 2, proto_status
 * bit 0 = accepted); then the host sends EVENT packets (type 3: make_code u16, reserved u16,
 * info u32 with UNICODE 0x1, BREAK 0x2, E0 0x4, E1 0x8) which the guest turns into AT set-1
 * scancodes on its serio port.
 */
#ifndef VSP_KBD_H
#define VSP_KBD_H

#include <stdbool.h>
#include <stdint.h>

#include "vmb/host.h"

#define VSP_KBD_VERSION 0x00010000u
#define VSP_KBD_MSG_PROTOCOL_REQUEST 1u
#define VSP_KBD_MSG_PROTOCOL_RESPONSE 2u
#define VSP_KBD_MSG_EVENT 3u
#define VSP_KBD_MSG_LED_INDICATORS 4u
#define VSP_KBD_INFO_UNICODE 0x1u
#define VSP_KBD_INFO_BREAK 0x2u
#define VSP_KBD_INFO_E0 0x4u
#define VSP_KBD_INFO_E1 0x8u

struct vsp_kbd_keystroke {
    uint32_t type;
    uint16_t make_code;
    uint16_t reserved0;
    uint32_t info;
} __attribute__((packed));
_Static_assert(sizeof(struct vsp_kbd_keystroke) == 12, "synth_kbd_keystroke");

struct vsp_kbd_protocol {
    uint32_t type;
    uint32_t value; /* version (request) or proto_status (response) */
} __attribute__((packed));
_Static_assert(sizeof(struct vsp_kbd_protocol) == 8, "synth_kbd_protocol_request/response");

struct vsp_kbd_stats {
    uint32_t requests;
    uint32_t keys_sent;
    uint32_t keys_refused;
};

struct vsp_kbd;

/* How the host answers the guest's PROTOCOL_REQUEST. */
enum vsp_kbd_response {
    VSP_KBD_RESPONSE_NORMAL = 0, /* 8 bytes */
    VSP_KBD_RESPONSE_SHORT,      /* adversarial: an empty packet, shorter than the message
                                    (KBD-003; the ring pads payloads to 8 bytes, so 0 is the
                                    only length below the 8-byte message) */
    VSP_KBD_RESPONSE_NONE,       /* no answer: the guest's probe must time out (KBD-002) */
};

/* Self-tests (tag selftest): the host's records say something other than what happened,
 * so a correct guest looks wrong to the checkers. */
enum vsp_kbd_selftest {
    VSP_KBD_SELFTEST_NONE = 0,
    VSP_KBD_SELFTEST_VERSION,       /* the request is traced with version + 1 (KBD-001) */
    VSP_KBD_SELFTEST_LABEL_REFUSED, /* an accepting response is traced as refused (KBD-002) */
    VSP_KBD_SELFTEST_LABEL_SHORT,   /* full keystrokes are traced as 8 bytes long (KBD-003) */
    VSP_KBD_SELFTEST_LABEL_E0,      /* keystrokes are traced with the E0 flag (KBD-004) */
};

struct vsp_kbd_params {
    bool accept;       /* proto_status bit 0 */
    uint32_t response; /* enum vsp_kbd_response */
    uint32_t selftest; /* enum vsp_kbd_selftest */
};

void vsp_kbd_params_default(struct vsp_kbd_params *p);
/* Scenario option key: value (accept: yes/no, response: normal/short/none, selftest:
 * version/label-refused/label-short/label-e0). 0 or -1. */
int vsp_kbd_option(const char *key, const char *value, struct vsp_kbd_params *p);

/* accept: proto_status bit 0 of the response. */
struct vsp_kbd *vsp_kbd_create(bool accept);
struct vsp_kbd *vsp_kbd_create_params(const struct vsp_kbd_params *p);
void vsp_kbd_destroy(struct vsp_kbd *k);
/* Install this VSP into dev (class GUID, ops, ctx); dev->name becomes "kbd". */
void vsp_kbd_attach(struct vsp_kbd *k, struct vmb_device_config *dev);
/* True once the protocol response was sent with "accepted" on an open channel. */
bool vsp_kbd_connected(const struct vsp_kbd *k);
/* Send one key event. Returns 0, -1 if not connected, -11 if the ring is full. */
int vsp_kbd_key(struct vsp_kbd *k, uint16_t make_code, uint32_t info);
/* The same with only the first len (4..12) bytes of the keystroke message (len < 12 is
 * adversarial, KBD-003; the ring pads to 8 bytes, so 9..11 arrive as 16). Traced as
 * kbd_key ... len=. */
int vsp_kbd_key_len(struct vsp_kbd *k, uint16_t make_code, uint32_t info, uint32_t len);
const struct vsp_kbd_stats *vsp_kbd_stats(const struct vsp_kbd *k);

#endif /* VSP_KBD_H */
