// SPDX-License-Identifier: GPL-2.0-only
/*
 * chan.c - channel life cycle on the host: OPENCHANNEL/RESULT, CLOSECHANNEL, RELID_RELEASED,
 * MODIFYCHANNEL/RESPONSE, guest signals (HvSignalEvent and monitor-page bits), host signals,
 * and the generic drain loop that feeds guest packets to a VSP at a bounded rate.
 *
 * Owns: per-channel ring binding, drain event, packet buffer; the monitor scan event.
 * Invariants: a ring is bound iff the channel is OPEN and not rescinded; the drain loop reads
 * at most drain_budget packets per step and re-arms itself after drain_interval_ns while data
 * remains; the monitor scan runs only while a monitored channel is open.
 *
 * Findings: VMB-OFF-001 (open of an unknown relid), VMB-OPEN-001 (openid != relid),
 * VMB-OPEN-002 (ring GPADL not created / not this channel's), VMB-OPEN-003 (ring split),
 * VMB-OPEN-004 (ring headers not initialised), VMB-OPEN-005 (userdata), HVS-OPEN-001
 * (OPENCHANNEL for a channel already open), VMB-OPEN-007 (signal before open), VMB-CLOSE-001
 * (primary closed before its open sub-channels), VMB-CLOSE-002 (close of a channel never opened),
 * VMB-RESC-001/003 (RELID_RELEASED without rescind / twice), VMB-RESC-005 (use after rescind),
 * VMB-MOD-001 (MODIFYCHANNEL below 4.1 or on a channel that is not open).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define VMB_STATUS_FAIL 0xC0000001u

static const struct vmb_device_config *dev_of(const struct vmb_channel *ch)
{
    return &ch->h->cfg.devices[ch->dev];
}

static void drain_fire(struct sim_world *w, struct sim_event *ev);

void vmb_chan_setup(struct vmb_host *h, struct vmb_channel *ch)
{
    const struct vmb_device_config *d = dev_of(ch);
    snprintf(ch->source, sizeof(ch->source), "vsp.%.16s.%u", d->name ? d->name : "dev",
             ch->relid);
    for (char *p = ch->source; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
            *p = '_';
    }
    sim_event_init(&ch->drain_ev, drain_fire, ch);
    int rc = hyp_machine_register_event(h->m, ch->conn_id, vmb_on_guest_event, ch);
    assert(rc == 0);
}

static void unbind(struct vmb_channel *ch)
{
    hyp_cancel(ch->h->env, &ch->drain_ev);
    if (ch->ring_bound)
        vsp_ring_unbind(&ch->ring);
    ch->ring_bound = false;
}

void vmb_chan_teardown(struct vmb_channel *ch)
{
    unbind(ch);
    hyp_machine_unregister(ch->h->m, ch->conn_id);
    free(ch->pkt_buf);
    ch->pkt_buf = NULL;
}

void vmb_chan_reset_all(struct vmb_host *h)
{
    for (uint32_t i = 0; i < h->nr_chans; i++) {
        struct vmb_channel *ch = &h->chans[i];
        if (ch->state == VMB_CHAN_OPEN && dev_of(ch)->vsp && dev_of(ch)->vsp->on_close)
            dev_of(ch)->vsp->on_close(ch);
        unbind(ch);
        ch->state = VMB_CHAN_FREE;
        ch->rescinded = false;
    }
    vmb_monitor_update(h);
}

/* A power cycle gave the (reset, unbound) channel a new relid and connection id. */
void vmb_chan_renumber(struct vmb_channel *ch, uint32_t relid)
{
    assert(!ch->ring_bound && !sim_event_pending(&ch->drain_ev));
    hyp_machine_unregister(ch->h->m, ch->conn_id);
    ch->relid = relid;
    ch->conn_id = VMB_CHANNEL_EVENT_CONN_BASE + relid;
    vmb_chan_setup(ch->h, ch);
}

/* ------------------------------------------------------------------ signalling */

static void do_signal_guest(void *ctx)
{
    struct vmb_channel *ch = ctx;
    hyp_machine_signal(ch->h->m, ch->target_vp, HYP_VMBUS_SINT, ch->relid);
}

void vmb_channel_signal_guest(struct vmb_channel *ch)
{
    do_signal_guest(ch);
}

static void drain_step(struct vmb_channel *ch)
{
    const struct vmb_device_config *d = dev_of(ch);
    if (!ch->ring_bound)
        return;
    uint32_t budget = d->drain_budget ? d->drain_budget : UINT32_MAX;
    uint32_t n = 0;
    struct vsp_ring_pkt pkt;
    while (n < budget) {
        int rc = vsp_ring_recv(&ch->ring, &pkt, ch->pkt_buf, VMB_PKT_BUF_MAX);
        if (rc != 1)
            break;
        n++;
        if (d->vsp && d->vsp->on_packet)
            d->vsp->on_packet(ch, &pkt);
        if (!ch->ring_bound)
            return; /* the VSP closed/rescinded the channel */
    }
    vsp_ring_recv_done(&ch->ring);
    if (n == budget && vsp_ring_in_avail(&ch->ring) && !sim_event_pending(&ch->drain_ev))
        hyp_at(ch->h->env, &ch->drain_ev, hyp_now(ch->h->env) + d->drain_interval_ns);
}

static void drain_fire(struct sim_world *w, struct sim_event *ev)
{
    drain_step(ev->arg);
}

void vmb_channel_kick(struct vmb_channel *ch)
{
    const struct vmb_device_config *d = dev_of(ch);
    if (d->vsp && d->vsp->on_signal)
        d->vsp->on_signal(ch);
    else if (!sim_event_pending(&ch->drain_ev))
        drain_step(ch);
}

void vmb_channel_set_busy(struct vmb_channel *ch, bool busy)
{
    ch->busy = busy;
    hyp_tracef(ch->h->env, ch->source, "busy", "relid=%u on=%d", ch->relid, busy);
    if (!busy && ch->state == VMB_CHAN_OPEN && ch->ring_bound && !ch->rescinded)
        vmb_channel_kick(ch); /* what arrived while busy */
}

static void guest_kicked(struct vmb_channel *ch, const char *how)
{
    struct vmb_host *h = ch->h;
    uint32_t pkts = 0, imask = 0;
    if (ch->ring_bound)
        vsp_ring_in_state(&ch->ring, &pkts, &imask);
    /* pkts/imask: the guest->host ring at the signal (VMB-SIG-003/004/005) */
    hyp_tracef(h->env, ch->source, "guest_signal", "relid=%u via=%s bound=%d pkts=%u imask=%u",
               ch->relid, how, ch->ring_bound, pkts, imask);
    if (ch->rescinded) {
        /* The guest may not have processed the rescind yet: traced, judged by the checker
         * against the guest's own vmbus_onoffer_rescind (VMB-RESC-005). */
        hyp_tracef(h->env, SRC, "after_rescind", "msg=signal relid=%u", ch->relid);
        return;
    }
    if (ch->state != VMB_CHAN_OPEN) {
        vmb_finding(h, "VMB-OPEN-007", "relid=%u signalled while not open (state %d)",
                    ch->relid, (int)ch->state);
        return;
    }
    if (!ch->busy)
        vmb_channel_kick(ch);
}

uint16_t vmb_on_guest_event(void *ctx, uint32_t conn_id, uint32_t vcpu)
{
    struct vmb_channel *ch = ctx;
    if (ch->monitorid >= 0)
        vmb_finding(ch->h, "VMB-SIG-001", "relid=%u is monitored but the guest used "
                    "HvSignalEvent", ch->relid);
    guest_kicked(ch, "hypercall");
    return HYP_STATUS_SUCCESS;
}

/* Monitor page 2 scan: trigger_group[g].pending bit b = monitorid g*32+b. */
static void monitor_fire(struct sim_world *w, struct sim_event *ev)
{
    struct vmb_host *h = ev->arg;
    struct vmb_monitor_page *mp =
        hyp_mem_ptr(hyp_machine_mem(h->m), h->monitor_page2, sizeof(*mp));
    for (uint32_t g = 0; mp && g < 4; g++) {
        uint32_t pend = __atomic_exchange_n(&mp->trigger_group[g].pending, 0, __ATOMIC_SEQ_CST);
        for (uint32_t b = 0; pend && b < 32; b++) {
            if (!(pend & (1u << b)))
                continue;
            int32_t id = (int32_t)(g * 32 + b);
            struct vmb_channel *hit = NULL;
            for (uint32_t i = 0; i < h->nr_chans; i++) {
                if (h->chans[i].monitorid == id)
                    hit = &h->chans[i];
            }
            if (hit)
                guest_kicked(hit, "monitor");
            else
                vmb_finding(h, "VMB-SIG-001", "monitor bit %d set for no channel", id);
        }
    }
    vmb_monitor_update(h);
}

void vmb_monitor_update(struct vmb_host *h)
{
    bool any = false;
    for (uint32_t i = 0; i < h->nr_chans; i++)
        any |= h->chans[i].monitorid >= 0 && h->chans[i].state == VMB_CHAN_OPEN &&
               !h->chans[i].rescinded;
    if (!h->monitor_ev.fn)
        sim_event_init(&h->monitor_ev, monitor_fire, h);
    if (any && !sim_event_pending(&h->monitor_ev))
        hyp_at(h->env, &h->monitor_ev, hyp_now(h->env) + h->cfg.monitor_scan_ns);
    else if (!any)
        hyp_cancel(h->env, &h->monitor_ev);
}

/* ------------------------------------------------------------------ open */

static void send_open_result(struct vmb_host *h, uint32_t relid, uint32_t openid,
                             uint32_t status)
{
    struct vmb_msg_open_result r;
    memset(&r, 0, sizeof(r));
    r.header.msgtype = VMB_MSG_OPENCHANNEL_RESULT;
    r.child_relid = relid;
    r.openid = openid;
    r.status = status;
    vmb_send(h, &r, sizeof(r));
}

static void check_ring_headers(struct vmb_channel *ch)
{
    struct vmb_ring_header in, out;
    if (!vsp_ring_read_header(&ch->ring, &ch->ring.in, &in) ||
        !vsp_ring_read_header(&ch->ring, &ch->ring.out, &out))
        return;
    hyp_tracef(ch->h->env, ch->source, "ring_init", "relid=%u in_w=%u in_r=%u in_f=%u out_w=%u "
               "out_r=%u out_f=%u", ch->relid, in.write_index, in.read_index, in.feature_bits,
               out.write_index, out.read_index, out.feature_bits);
    if (in.read_index || in.write_index || out.read_index || out.write_index ||
        in.feature_bits != 1 || out.feature_bits != 1)
        vmb_finding(ch->h, "VMB-OPEN-004", "relid=%u ring headers at open: in w=%u r=%u f=%u "
                    "out w=%u r=%u f=%u", ch->relid, in.write_index, in.read_index,
                    in.feature_bits, out.write_index, out.read_index, out.feature_bits);
}

static uint32_t open_checks(struct vmb_host *h, struct vmb_channel *ch,
                            const struct vmb_msg_open_channel *o)
{
    if (o->openid != o->child_relid)
        vmb_finding(h, "VMB-OPEN-001", "openid=%u != child_relid=%u", o->openid,
                    o->child_relid);
    bool zero = true;
    for (uint32_t i = 0; i < VMB_USER_DEF_BYTES; i++)
        zero &= o->userdata[i] == 0;
    if (!zero && !dev_of(ch)->userdata_allowed)
        vmb_finding(h, "VMB-OPEN-005", "relid=%u non-zero OPENCHANNEL userdata", ch->relid);
    if (o->target_vp >= hyp_machine_nr_vcpus(h->m))
        vmb_finding(h, "VMB-OFF-006", "relid=%u target_vp=%u beyond %u vCPUs", ch->relid,
                    o->target_vp, hyp_machine_nr_vcpus(h->m));
    struct vmb_gpadl *g = vmb_gpadl_find(h, o->ringbuffer_gpadlhandle);
    if (!g || g->state != VMB_GPADL_CREATED || g->relid != ch->relid) {
        vmb_finding(h, "VMB-OPEN-002", "relid=%u ring gpadl=%#x not created for this channel",
                    ch->relid, o->ringbuffer_gpadlhandle);
        return VMB_STATUS_FAIL;
    }
    if (vsp_ring_bind(&ch->ring, h->env, hyp_machine_mem(h->m), ch->source, ch->relid,
                      g->pfns, g->nr_pages, o->downstream_ringbuffer_pageoffset) != 0) {
        h->sum.findings++;
        return VMB_STATUS_FAIL;
    }
    ch->ring_bound = true;
    ch->ring.no_packet_records = h->cfg.devices[ch->dev].no_packet_records;
    ch->ring.signal_guest = do_signal_guest;
    ch->ring.signal_ctx = ch;
    check_ring_headers(ch);
    return 0;
}

void vmb_on_open(struct vmb_host *h, const uint8_t *msg, uint32_t len)
{
    struct vmb_msg_open_channel o;
    memcpy(&o, msg, sizeof(o));
    struct vmb_channel *ch = vmb_chan_lookup(h, o.child_relid, "VMB-OFF-001", "OPENCHANNEL");
    if (!ch) {
        send_open_result(h, o.child_relid, o.openid, VMB_STATUS_FAIL);
        return;
    }
    if (ch->rescinded) {
        /* In flight when the rescind left, or a guest bug: the checker decides. */
        hyp_tracef(h->env, SRC, "after_rescind", "msg=OPENCHANNEL relid=%u", ch->relid);
        return; /* the host no longer knows the channel: no answer */
    }
    if (ch->state == VMB_CHAN_OPEN) {
        vmb_finding(h, "HVS-OPEN-001", "OPENCHANNEL for relid=%u which is already open",
                    ch->relid);
        send_open_result(h, o.child_relid, o.openid, VMB_STATUS_FAIL);
        return;
    }
    ch->target_vp = o.target_vp < hyp_machine_nr_vcpus(h->m) ? o.target_vp : 0;
    ch->ring_gpadl = o.ringbuffer_gpadlhandle;
    uint32_t status = open_checks(h, ch, &o);
    const struct vmb_device_config *d = dev_of(ch);
    if (!status)
        status = d->open_status;
    if (!status) {
        if (!ch->pkt_buf) {
            ch->pkt_buf = malloc(VMB_PKT_BUF_MAX);
            assert(ch->pkt_buf);
        }
        ch->state = VMB_CHAN_OPEN;
        if (d->vsp && d->vsp->on_open)
            status = d->vsp->on_open(ch);
        if (status)
            ch->state = VMB_CHAN_CLOSED;
    }
    if (status)
        unbind(ch);
    else
        h->sum.channels_opened++;
    bool udata = false;
    for (uint32_t i = 0; i < VMB_USER_DEF_BYTES; i++)
        udata |= o.userdata[i] != 0;
    hyp_tracef(h->env, ch->source, "open", "relid=%u gpadl=%#x target_vp=%u out_offset=%u "
               "status=%#x openid=%u userdata=%s", ch->relid, o.ringbuffer_gpadlhandle,
               o.target_vp, o.downstream_ringbuffer_pageoffset, status, o.openid,
               udata ? "set" : "zero");
    send_open_result(h, o.child_relid, o.openid, status);
    vmb_monitor_update(h);
    if (!status && ch->sub == 0)
        vmb_offer_subchannels(h, ch->dev);
}

/* ------------------------------------------------------------------ close, release, modify */

void vmb_on_close(struct vmb_host *h, const uint8_t *msg, uint32_t len)
{
    struct vmb_msg_relid c;
    memcpy(&c, msg, sizeof(c));
    struct vmb_channel *ch = vmb_chan_lookup(h, c.child_relid, "VMB-CLOSE-002", "CLOSECHANNEL");
    if (!ch)
        return;
    if (ch->state != VMB_CHAN_OPEN) {
        vmb_finding(h, "VMB-CLOSE-002", "CLOSECHANNEL for relid=%u that is not open (state %d)",
                    ch->relid, (int)ch->state);
        return;
    }
    if (ch->sub == 0) {
        for (uint32_t i = 0; i < h->nr_chans; i++) {
            struct vmb_channel *s = &h->chans[i];
            if (s->dev == ch->dev && s->sub && s->state == VMB_CHAN_OPEN && !s->rescinded)
                vmb_finding(h, "VMB-CLOSE-001", "primary relid=%u closed before sub-channel "
                            "relid=%u", ch->relid, s->relid);
        }
    }
    const struct vmb_device_config *d = dev_of(ch);
    if (d->vsp && d->vsp->on_close)
        d->vsp->on_close(ch);
    unbind(ch);
    ch->state = VMB_CHAN_CLOSED;
    hyp_tracef(h->env, ch->source, "close", "relid=%u rescinded=%d", ch->relid, ch->rescinded);
    vmb_monitor_update(h);
}

void vmb_on_relid_released(struct vmb_host *h, const uint8_t *msg, uint32_t len)
{
    struct vmb_msg_relid r;
    memcpy(&r, msg, sizeof(r));
    struct vmb_channel *ch = vmb_chan_lookup(h, r.child_relid, "VMB-RESC-002",
                                             "RELID_RELEASED");
    if (!ch)
        return;
    if (ch->state == VMB_CHAN_RELEASED) {
        vmb_finding(h, "VMB-RESC-003", "second RELID_RELEASED for relid=%u", ch->relid);
        return;
    }
    if (!ch->rescinded) {
        /* Legitimate when the guest abandons an offer (VMB-OFF-007); traced, not a finding,
         * unless the channel is open. */
        if (ch->state == VMB_CHAN_OPEN)
            vmb_finding(h, "VMB-RESC-001", "RELID_RELEASED for open relid=%u", ch->relid);
    }
    if (ch->state == VMB_CHAN_OPEN) {
        const struct vmb_device_config *d = dev_of(ch);
        if (d->vsp && d->vsp->on_close)
            d->vsp->on_close(ch);
    }
    unbind(ch);
    ch->state = VMB_CHAN_RELEASED;
    h->sum.relids_released++;
    hyp_tracef(h->env, ch->source, "released", "relid=%u rescinded=%d", ch->relid,
               ch->rescinded);
    vmb_monitor_update(h);
}

void vmb_on_modify(struct vmb_host *h, const uint8_t *msg, uint32_t len)
{
    struct vmb_msg_modifychannel mc;
    memcpy(&mc, msg, sizeof(mc));
    struct vmb_channel *ch = vmb_chan_lookup(h, mc.child_relid, "VMB-MOD-001", "MODIFYCHANNEL");
    uint32_t status = 0;
    if (h->version < VMB_VERSION_WIN10_V4_1) {
        vmb_finding(h, "VMB-MOD-001", "MODIFYCHANNEL at version %#x (< 4.1)", h->version);
        status = VMB_STATUS_FAIL;
    } else if (!ch || ch->state != VMB_CHAN_OPEN) {
        if (ch)
            vmb_finding(h, "VMB-MOD-001", "MODIFYCHANNEL for relid=%u that is not open",
                        ch->relid);
        status = VMB_STATUS_FAIL;
    } else if (mc.target_vp >= hyp_machine_nr_vcpus(h->m)) {
        vmb_finding(h, "VMB-MOD-001", "MODIFYCHANNEL relid=%u target_vp=%u beyond vCPUs",
                    ch->relid, mc.target_vp);
        status = VMB_STATUS_FAIL;
    } else if (h->version >= VMB_VERSION_WIN10_V5_3 && h->cfg.modify_status) {
        status = h->cfg.modify_status; /* the scenario's modify-status fault */
    } else if (!h->cfg.modify_stale) {
        ch->target_vp = mc.target_vp;
    }
    hyp_tracef(h->env, SRC, "modify", "relid=%u target_vp=%u status=%#x", mc.child_relid,
               mc.target_vp, status);
    if (h->version >= VMB_VERSION_WIN10_V5_3) {
        struct vmb_msg_modifychannel_response r = {
            .header.msgtype = VMB_MSG_MODIFYCHANNEL_RESPONSE,
            .child_relid = mc.child_relid,
            .status = status,
        };
        vmb_send(h, &r, sizeof(r));
    }
}

/* ------------------------------------------------------------------ accessors */

enum vmb_chan_state vmb_channel_state(const struct vmb_channel *ch)
{
    return ch->state;
}

bool vmb_channel_rescinded(const struct vmb_channel *ch)
{
    return ch->rescinded;
}

uint32_t vmb_channel_relid(const struct vmb_channel *ch)
{
    return ch->relid;
}

uint32_t vmb_channel_target_vp(const struct vmb_channel *ch)
{
    return ch->target_vp;
}

const struct vmb_device_config *vmb_channel_device(const struct vmb_channel *ch)
{
    return dev_of(ch);
}

struct vsp_ring *vmb_channel_ring(struct vmb_channel *ch)
{
    return ch->ring_bound ? &ch->ring : NULL;
}

struct hyp_env *vmb_channel_env(struct vmb_channel *ch)
{
    return ch->h->env;
}

const char *vmb_channel_source(const struct vmb_channel *ch)
{
    return ch->source;
}

void *vmb_channel_vsp_ctx(const struct vmb_channel *ch)
{
    return dev_of(ch)->vsp_ctx;
}

int vmb_channel_send(struct vmb_channel *ch, uint16_t type, uint16_t flags, uint64_t trans_id,
                     const void *payload, uint32_t len)
{
    if (!ch->ring_bound || ch->state != VMB_CHAN_OPEN)
        return -1;
    return vsp_ring_send(&ch->ring, type, flags, trans_id, payload, len);
}
