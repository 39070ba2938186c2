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
    enum kbd_state state;
    struct vmb_channel *ch;
    struct vsp_kbd_stats stats;
};

struct vsp_kbd *vsp_kbd_create(bool accept)
{
    struct vsp_kbd *k = calloc(1, sizeof(*k));
    assert(k);
    k->accept = accept;
    return k;
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
    int rc = vmb_channel_send(ch, VMB_PKT_DATA_INBAND, 0, 0, &rsp, sizeof(rsp));
    hyp_tracef(env, vmb_channel_source(ch), "kbd_protocol", "version=%#x accepted=%d rc=%d",
               rq.value, k->accept, rc);
    if (rc == 0)
        k->state = k->accept ? KBD_CONNECTED : KBD_REFUSED;
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
    if (k->state != KBD_CONNECTED) {
        k->stats.keys_refused++;
        return -1;
    }
    struct vsp_kbd_keystroke ev = { .type = VSP_KBD_MSG_EVENT, .make_code = make_code,
                                    .info = info };
    int rc = vmb_channel_send(k->ch, VMB_PKT_DATA_INBAND, 0, 0, &ev, sizeof(ev));
    hyp_tracef(vmb_channel_env(k->ch), vmb_channel_source(k->ch), "kbd_key",
               "make_code=%#x info=%#x rc=%d", make_code, info, rc);
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
