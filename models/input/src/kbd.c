// SPDX-License-Identifier: GPL-2.0-only
/*
 * kbd.c - synthetic keyboard VSP. Owns the connection state of one keyboard channel.
 * States: CLOSED -> OPEN (channel open, no request yet) -> CONNECTED (response sent, accepted)
 * or REFUSED; back to CLOSED on close/rescind.
 *
 * Findings: KBD-001 (request version != 1.0 or without COMPLETION_REQUESTED), HVS-KBD-001 (packet
 * from the guest that is not an inband protocol request: wrong type, short, unknown message).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "vmb/devices.h"
#include "vsp/kbd.h"

enum kbd_state { KBD_CLOSED = 0, KBD_OPEN, KBD_CONNECTED, KBD_REFUSED };

struct vsp_kbd {
    bool accept;
    uint32_t response; /* enum vsp_kbd_response */
    uint32_t selftest; /* enum vsp_kbd_selftest */
    enum kbd_state state;
    struct vmb_channel *ch;
    struct vsp_kbd_stats stats;
};

void vsp_kbd_params_default(struct vsp_kbd_params *p)
{
    *p = (struct vsp_kbd_params){ .accept = true, .response = VSP_KBD_RESPONSE_NORMAL };
}

int vsp_kbd_option(const char *key, const char *value, struct vsp_kbd_params *p)
{
    if (!strcmp(key, "accept")) {
        if (strcmp(value, "yes") && strcmp(value, "no"))
            return -1;
        p->accept = !strcmp(value, "yes");
    } else if (!strcmp(key, "response")) {
        if (!strcmp(value, "normal"))
            p->response = VSP_KBD_RESPONSE_NORMAL;
        else if (!strcmp(value, "short"))
            p->response = VSP_KBD_RESPONSE_SHORT;
        else if (!strcmp(value, "none"))
            p->response = VSP_KBD_RESPONSE_NONE;
        else
            return -1;
    } else if (!strcmp(key, "selftest")) {
        static const char *const names[] = {"version", "label-refused", "label-short",
                                            "label-e0"};
        for (uint32_t i = 0; i < 4; i++)
            if (!strcmp(value, names[i]))
                p->selftest = VSP_KBD_SELFTEST_VERSION + i;
        if (!p->selftest)
            return -1;
    } else {
        return -1;
    }
    return 0;
}

struct vsp_kbd *vsp_kbd_create_params(const struct vsp_kbd_params *p)
{
    struct vsp_kbd *k = calloc(1, sizeof(*k));
    assert(k);
    k->accept = p->accept;
    k->response = p->response;
    k->selftest = p->selftest;
    return k;
}

struct vsp_kbd *vsp_kbd_create(bool accept)
{
    struct vsp_kbd_params p;
    vsp_kbd_params_default(&p);
    p.accept = accept;
    return vsp_kbd_create_params(&p);
}

void vsp_kbd_destroy(struct vsp_kbd *k)
{
    free(k);
}

static uint32_t kbd_open(struct vmb_channel *ch)
{
    struct vsp_kbd *k = vmb_channel_vsp_ctx(ch);
    k->ch = ch;
    k->state = KBD_OPEN;
    return 0;
}

static void kbd_request(struct vsp_kbd *k, struct vmb_channel *ch,
                        const struct vsp_ring_pkt *pkt)
{
    struct hyp_env *env = vmb_channel_env(ch);
    struct vsp_kbd_protocol rq;
    memcpy(&rq, pkt->payload, sizeof(rq));
    k->stats.requests++;
    if (rq.value != VSP_KBD_VERSION ||
        pkt->desc.flags != VMB_PKT_FLAG_COMPLETION_REQUESTED)
        hyp_findingf(env, vmb_channel_source(ch), "KBD-001",
                     "protocol request version=%#x flags=%u", rq.value, pkt->desc.flags);
    struct vsp_kbd_protocol rsp = { .type = VSP_KBD_MSG_PROTOCOL_RESPONSE,
                                    .value = k->accept ? 1u : 0u };
    static const char *const names[] = {"normal", "short", "none"};
    int rc = 0;
    if (k->response != VSP_KBD_RESPONSE_NONE)
        rc = vmb_channel_send(ch, VMB_PKT_DATA_INBAND, 0, 0, &rsp,
                              k->response == VSP_KBD_RESPONSE_SHORT ? 0u : sizeof(rsp));
    hyp_tracef(env, vmb_channel_source(ch), "kbd_protocol",
               "version=%#x flags=%u accepted=%d response=%s rc=%d",
               rq.value + (k->selftest == VSP_KBD_SELFTEST_VERSION), pkt->desc.flags,
               k->accept && k->selftest != VSP_KBD_SELFTEST_LABEL_REFUSED, names[k->response],
               rc);
    if (rc == 0)
        k->state = k->accept && k->response == VSP_KBD_RESPONSE_NORMAL ? KBD_CONNECTED
                                                                        : KBD_REFUSED;
}

static void kbd_packet(struct vmb_channel *ch, const struct vsp_ring_pkt *pkt)
{
    struct vsp_kbd *k = vmb_channel_vsp_ctx(ch);
    uint32_t type = 0;
    if (pkt->payload_len >= 4)
        memcpy(&type, pkt->payload, 4);
    if (pkt->desc.type == VMB_PKT_DATA_INBAND && type == VSP_KBD_MSG_PROTOCOL_REQUEST &&
        pkt->payload_len >= sizeof(struct vsp_kbd_protocol)) {
        kbd_request(k, ch, pkt);
        return;
    }
    hyp_findingf(vmb_channel_env(ch), vmb_channel_source(ch), "HVS-KBD-001",
                 "unexpected packet type=%u len=%u msg=%u", pkt->desc.type, pkt->payload_len,
                 type);
}

static void kbd_close(struct vmb_channel *ch)
{
    struct vsp_kbd *k = vmb_channel_vsp_ctx(ch);
    k->state = KBD_CLOSED;
    k->ch = NULL;
}

static const struct vmb_vsp_ops kbd_ops = {
    .on_open = kbd_open,
    .on_packet = kbd_packet,
    .on_close = kbd_close,
    .on_rescind = kbd_close,
};

void vsp_kbd_attach(struct vsp_kbd *k, struct vmb_device_config *dev)
{
    if (vmb_device_preset("kbd", 0, dev) != 0)
        assert(0 && "kbd preset missing");
    dev->vsp = &kbd_ops;
    dev->vsp_ctx = k;
}

bool vsp_kbd_connected(const struct vsp_kbd *k)
{
    return k->state == KBD_CONNECTED;
}

int vsp_kbd_key(struct vsp_kbd *k, uint16_t make_code, uint32_t info)
{
    return vsp_kbd_key_len(k, make_code, info, sizeof(struct vsp_kbd_keystroke));
}

int vsp_kbd_key_len(struct vsp_kbd *k, uint16_t make_code, uint32_t info, uint32_t len)
{
    if (k->state != KBD_CONNECTED || len < 4 || len > sizeof(struct vsp_kbd_keystroke)) {
        k->stats.keys_refused++;
        return -1;
    }
    struct vsp_kbd_keystroke ev = { .type = VSP_KBD_MSG_EVENT, .make_code = make_code,
                                    .info = info };
    int rc = vmb_channel_send(k->ch, VMB_PKT_DATA_INBAND, 0, 0, &ev, len);
    hyp_tracef(vmb_channel_env(k->ch), vmb_channel_source(k->ch), "kbd_key",
               "make_code=%#x info=%#x len=%u rc=%d", make_code,
               info | (k->selftest == VSP_KBD_SELFTEST_LABEL_E0 ? VSP_KBD_INFO_E0 : 0),
               k->selftest == VSP_KBD_SELFTEST_LABEL_SHORT ? 8u : len, rc);
    if (rc == 0)
        k->stats.keys_sent++;
    else
        k->stats.keys_refused++;
    return rc;
}

const struct vsp_kbd_stats *vsp_kbd_stats(const struct vsp_kbd *k)
{
    return &k->stats;
}
