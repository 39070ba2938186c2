// SPDX-License-Identifier: GPL-2.0-only
/*
 * tl.c - the host's answer to the guest's hv_sock connect (TL_CONNECT_REQUEST).
 *
 * A Hyper-V host completes a guest-initiated hv_sock connect by offering a new channel: the
 * offer carries VMBUS_CHANNEL_TLNPI_PROVIDER_OFFER, if_type = the host service id and
 * if_instance = the guest's endpoint id of the request (user_def[0] = 0: the connection was
 * not initiated by the host). TL_CONNECT_RESULT is only a status; the Linux guest has no
 * handler for it (VMB-TL-002). What the host does is armed per connect by the scenario
 * (vmb_host_set_tl_answer): a TL_CONNECT_RESULT (sent by ctl.c's on_tl_connect from
 * cfg.tl_connect_result), an offer, both, or nothing.
 *
 * Owns: the dynamically created hv_sock devices and channels (appended to cfg.devices and
 * chans, named "hvsock"; never re-offered after a reconnect, as hv_sock channels do not
 * survive hibernation on a real host). Traced: "tl_offer relid= service= instance= match=".
 * Invariant: every channel created here has a free relid above every existing one and a
 * device slot of its own; if the limits are reached the answer is traced as tl_offer_failed.
 */
#include <string.h>

#include "internal.h"
#include "vmb/codec.h"

void vmb_host_set_tl_answer(struct vmb_host *h, const struct vmb_tl_answer *a)
{
    h->tl = *a;
    h->cfg.tl_connect_result = a->result;
    h->cfg.tl_connect_status = a->result_status;
    hyp_tracef(h->env, SRC, "tl_answer", "result=%d status=%#x offer=%d mismatch=%d",
               a->result, a->result_status, a->offer, a->offer_mismatch);
}

/* 00000000-facb-11e6-bd58-64006a7986d3 in wire order, port in the first 4 bytes (LE). */
static void tl_template(struct vmb_guid *g, uint32_t port)
{
    static const uint8_t tail[12] = { 0xcb, 0xfa, 0xe6, 0x11, 0xbd, 0x58,
                                      0x64, 0x00, 0x6a, 0x79, 0x86, 0xd3 };
    for (uint32_t i = 0; i < 4; i++)
        g->b[i] = (uint8_t)(port >> (8 * i));
    memcpy(g->b + 4, tail, sizeof(tail));
}

void vmb_host_selftest_tl_request(struct vmb_host *h, uint32_t port)
{
    struct vmb_msg_tl_connect_request rq;
    memset(&rq, 0, sizeof(rq));
    rq.header.msgtype = VMB_MSG_TL_CONNECT_REQUEST;
    tl_template(&rq.guest_endpoint_id, 1024);
    tl_template(&rq.host_service_id, port);
    hyp_tracef(h->env, SRC, "selftest", "what=tl-phantom-request port=%u", port);
    vmb_host_receive(h, h->msg_conn_id ? h->msg_conn_id : VMB_CONN_MESSAGE, h->target_vcpu,
                     &rq, sizeof(rq));
}

/* A new device slot and primary channel for one hv_sock connection; NULL at a limit. */
static struct vmb_channel *tl_channel(struct vmb_host *h, const struct vmb_guid *service,
                                      const struct vmb_guid *instance)
{
    uint32_t relid = h->cfg.first_relid ? h->cfg.first_relid - 1 : 0;
    for (uint32_t i = 0; i < h->nr_chans; i++)
        relid = h->chans[i].relid > relid ? h->chans[i].relid : relid;
    relid++;
    if (h->cfg.nr_devices >= VMB_MAX_DEVICES || h->nr_chans >= VMB_MAX_CHANNELS ||
        relid >= VMB_MAX_RELIDS)
        return NULL;
    struct vmb_device_config *d = &h->cfg.devices[h->cfg.nr_devices];
    memset(d, 0, sizeof(*d));
    d->name = "hvsock";
    d->class_id = *service;
    d->instance_id = *instance;
    d->chn_flags = VMB_CHN_TLNPI_PROVIDER_OFFER;
    struct vmb_channel *ch = &h->chans[h->nr_chans];
    memset(ch, 0, sizeof(*ch));
    ch->h = h;
    ch->dev = h->cfg.nr_devices;
    ch->relid = relid;
    ch->conn_id = VMB_CHANNEL_EVENT_CONN_BASE + relid;
    ch->monitorid = -1;
    vmb_chan_setup(h, ch);
    h->cfg.nr_devices++;
    h->nr_chans++;
    return ch;
}

bool vmb_tl_is_hvsock(const struct vmb_host *h, const struct vmb_channel *ch)
{
    return (h->cfg.devices[ch->dev].chn_flags & VMB_CHN_TLNPI_PROVIDER_OFFER) != 0;
}

/* After on_tl_connect traced the request (and sent TL_CONNECT_RESULT if armed). */
void vmb_tl_on_request(struct vmb_host *h, const struct vmb_msg_tl_connect_request *rq)
{
    if (!h->tl.offer)
        return;
    struct vmb_guid inst = rq->guest_endpoint_id;
    if (h->tl.offer_mismatch) /* another VM endpoint: port ^ 0x80000000, never auto-bound */
        inst.b[3] ^= 0x80;
    struct vmb_channel *ch = tl_channel(h, &rq->host_service_id, &inst);
    if (!ch) {
        hyp_tracef(h->env, SRC, "tl_offer_failed", "reason=limits");
        return;
    }
    struct vmb_guid label = inst;
    if (h->tl.selftest_label) { /* self-test: a matching offer traced as another endpoint */
        label.b[0] ^= 0x80;
        hyp_tracef(h->env, SRC, "selftest", "what=tl-offer-label relid=%u", ch->relid);
    }
    char svc[37], ins[37];
    vmb_guid_format(&rq->host_service_id, svc);
    vmb_guid_format(&label, ins);
    hyp_tracef(h->env, SRC, "tl_offer", "relid=%u service=%s instance=%s match=%d", ch->relid,
               svc, ins, !h->tl.offer_mismatch);
    vmb_offer_channel(h, ch);
}
