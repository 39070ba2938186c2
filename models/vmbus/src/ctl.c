// SPDX-License-Identifier: GPL-2.0-only
/*
 * ctl.c - VMBus host control plane: connection state machine, table-driven dispatch of guest
 * channel messages, version negotiation, offers, unload, TL connect, and the two FIFOs that
 * give every message its host latency.
 *
 * Owns: struct vmb_host (see internal.h), its inbound and outbound FIFOs and events.
 * Invariants:
 *   - Guest messages are processed in arrival order, each at max(arrival + latency, previous
 *     processing time); host messages leave in the order they were produced, likewise.
 *   - A message is handled only if its type has a handler, its length >= the table minimum and
 *     the connection state is in the handler's allowed set; otherwise exactly one finding.
 *   - At most one INITIATE_CONTACT is being answered at a time.
 *
 * Finding rule ids used here: VMB-SYN-002 (unknown/host-direction type, short message),
 * VMB-VER-00x (negotiation, see each check), HVS-MSG-001 (message not allowed in this
 * connection state), VMB-UNLD-001, VMB-TL-003, VMB-TL-001.
 * TL_CONNECT_REQUEST is traced as tl_connect (guest_id=, host_id= GUIDs); the hv_sock offer
 * that may answer it is tl.c's.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "vmb/codec.h"

const uint32_t vmb_versions[VMB_VERSION_COUNT] = {
    VMB_VERSION_WS2008,     VMB_VERSION_WIN7,       VMB_VERSION_WIN8,
    VMB_VERSION_WIN8_1,     VMB_VERSION_WIN10,      VMB_VERSION_WIN10_V4_1,
    VMB_VERSION_WIN10_V5,   VMB_VERSION_WIN10_V5_1, VMB_VERSION_WIN10_V5_2,
    VMB_VERSION_WIN10_V5_3,
};

uint32_t vmb_version_bit(uint32_t version)
{
    for (uint32_t i = 0; i < VMB_VERSION_COUNT; i++) {
        if (vmb_versions[i] == version)
            return 1u << i;
    }
    return 0;
}

uint32_t vmb_contact_conn_id(uint32_t version)
{
    return version >= VMB_VERSION_WIN10_V5 ? VMB_CONN_MESSAGE_4 : VMB_CONN_MESSAGE;
}

void vmb_host_config_default(struct vmb_host_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->accepted_versions = VMB_ACCEPT_ALL;
    cfg->msg_conn_id = VMB_CONN_MESSAGE_4;
    cfg->register_conn4 = true;
    cfg->latency = sim_dist_fixed(10000);
}

uint64_t vmb_finding(struct vmb_host *h, const char *rule, const char *fmt, ...)
{
    char detail[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    h->sum.findings++;
    return hyp_findingf(h->env, SRC, rule, "%s", detail);
}

static const char *const msg_names[VMB_MSG_COUNT] = {
    "INVALID", "OFFERCHANNEL", "RESCIND_CHANNELOFFER", "REQUESTOFFERS", "ALLOFFERS_DELIVERED",
    "OPENCHANNEL", "OPENCHANNEL_RESULT", "CLOSECHANNEL", "GPADL_HEADER", "GPADL_BODY",
    "GPADL_CREATED", "GPADL_TEARDOWN", "GPADL_TORNDOWN", "RELID_RELEASED", "INITIATE_CONTACT",
    "VERSION_RESPONSE", "UNLOAD", "UNLOAD_RESPONSE", "MSG18", "MSG19", "MSG20",
    "TL_CONNECT_REQUEST", "MODIFYCHANNEL", "TL_CONNECT_RESULT", "MODIFYCHANNEL_RESPONSE",
};

static const char *msg_name(uint32_t t)
{
    return t < VMB_MSG_COUNT ? msg_names[t] : "UNKNOWN";
}

/* ------------------------------------------------------------------ outbound FIFO */

static uint64_t next_time(struct vmb_host *h, uint64_t *last)
{
    uint64_t t = hyp_now(h->env) + sim_dist_draw_ns(&h->cfg.latency, &h->prng);
    if (t < *last)
        t = *last;
    *last = t;
    return t;
}

static void out_fire(struct sim_world *w, struct sim_event *ev)
{
    struct vmb_host *h = ev->arg;
    uint64_t now = hyp_now(h->env);
    while (h->out_len && h->out_when[h->out_head] <= now) {
        struct vmb_out_msg *o = &h->out_q[h->out_head];
        uint32_t t = 0;
        memcpy(&t, o->bytes, o->len >= 4 ? 4 : 0);
        hyp_tracef(h->env, SRC, "send", "msg=%s msgtype=%u len=%u vcpu=%u", msg_name(t), t,
                   o->len, h->target_vcpu);
        h->sum.msgs_out++;
        hyp_machine_post(h->m, h->target_vcpu, HYP_VMBUS_SINT, HYP_MSG_VMBUS, o->bytes, o->len);
        h->out_head = (h->out_head + 1) % VMB_MSG_FIFO_MAX;
        h->out_len--;
    }
    if (h->out_len)
        hyp_at(h->env, &h->out_ev, h->out_when[h->out_head]);
}

void vmb_send(struct vmb_host *h, const void *msg, uint32_t len)
{
    assert(len <= HYP_MESSAGE_PAYLOAD_MAX);
    if (h->out_len == VMB_MSG_FIFO_MAX) {
        hyp_tracef(h->env, SRC, "limit", "what=out_fifo max=%u", VMB_MSG_FIFO_MAX);
        return;
    }
    uint32_t i = (h->out_head + h->out_len) % VMB_MSG_FIFO_MAX;
    memcpy(h->out_q[i].bytes, msg, len);
    h->out_q[i].len = len;
    h->out_when[i] = next_time(h, &h->out_last_ns);
    h->out_len++;
    if (!sim_event_pending(&h->out_ev))
        hyp_at(h->env, &h->out_ev, h->out_when[h->out_head]);
}

void vmb_host_send_raw(struct vmb_host *h, const void *msg, uint32_t len)
{
    vmb_send(h, msg, len);
}

/* ------------------------------------------------------------------ offers */

static void send_offer(struct vmb_host *h, struct vmb_channel *ch)
{
    vmb_send_offer_as(h, ch, ch->relid, "offer");
}

int vmb_host_offer_duplicate(struct vmb_host *h, uint32_t relid, uint32_t new_relid)
{
    struct vmb_channel *ch = vmb_host_channel(h, relid);
    if (!ch || new_relid == 0 || new_relid >= VMB_MAX_RELIDS || vmb_host_channel(h, new_relid))
        return -1;
    vmb_send_offer_as(h, ch, new_relid, "offer_duplicate");
    return 0;
}

/* The offer of ch, with child_relid (and its connection id) = relid; traced as kind. */
void vmb_send_offer_as(struct vmb_host *h, struct vmb_channel *ch, uint32_t relid,
                       const char *kind)
{
    const struct vmb_device_config *d = &h->cfg.devices[ch->dev];
    struct vmb_msg_offer_channel o;
    memset(&o, 0, sizeof(o));
    o.header.msgtype = VMB_MSG_OFFERCHANNEL;
    o.offer.if_type = d->class_id;
    o.offer.if_instance = d->instance_id;
    o.offer.chn_flags = d->chn_flags;
    o.offer.mmio_megabytes = d->mmio_megabytes;
    memcpy(o.offer.user_def, d->user_def, sizeof(o.offer.user_def));
    o.offer.sub_channel_index = (uint16_t)ch->sub;
    o.child_relid = relid;
    if (ch->monitorid >= 0) {
        o.monitorid = (uint8_t)ch->monitorid;
        o.monitor_flags = VMB_OFFER_MONITOR_ALLOCATED;
    }
    o.interrupt_flags = d->dedicated_interrupt ? VMB_OFFER_DEDICATED_INTERRUPT : 0;
    o.connection_id = ch->conn_id - ch->relid + relid;
    hyp_tracef(h->env, SRC, kind, "dev=%s relid=%u sub=%u conn=%u monitorid=%d of=%u",
               d->name ? d->name : "-", relid, ch->sub, o.connection_id, ch->monitorid,
               ch->relid);
    h->sum.offers_sent++;
    vmb_send(h, &o, sizeof(o));
}

static void create_channels(struct vmb_host *h)
{
    uint32_t relid = h->cfg.first_relid ? h->cfg.first_relid : 1;
    int32_t monitorid = 0;
    for (uint32_t d = 0; d < h->cfg.nr_devices; d++) {
        const struct vmb_device_config *dc = &h->cfg.devices[d];
        for (uint32_t s = 0; s <= dc->nr_subchannels && s <= VMB_MAX_SUBCHANNELS; s++) {
            assert(h->nr_chans < VMB_MAX_CHANNELS && relid < VMB_MAX_RELIDS);
            struct vmb_channel *ch = &h->chans[h->nr_chans++];
            ch->h = h;
            ch->dev = d;
            ch->sub = s;
            ch->relid = relid++;
            ch->conn_id = VMB_CHANNEL_EVENT_CONN_BASE + ch->relid;
            ch->monitorid = -1;
            if (dc->monitor_allocated && monitorid < (int32_t)VMB_MAX_MONITOR_ID)
                ch->monitorid = monitorid++;
            vmb_chan_setup(h, ch);
        }
    }
}

/* ------------------------------------------------------------------ handlers */

static bool contact_checks(struct vmb_host *h, const struct vmb_msg_initiate_contact *ic,
                           uint32_t conn_id)
{
    uint32_t v = ic->vmbus_version_requested;
    bool ok = true;
    if (!vmb_version_bit(v) || v == VMB_VERSION_WS2008 || v == VMB_VERSION_WIN7) {
        vmb_finding(h, "VMB-VER-002", "requested version %#x is not one the guest may request",
                    v);
        ok = false;
    }
    if (h->last_refused_version && v >= h->last_refused_version)
        vmb_finding(h, "VMB-VER-002", "requested %#x after %#x was refused (not descending)", v,
                    h->last_refused_version);
    if (conn_id != vmb_contact_conn_id(v))
        vmb_finding(h, v >= VMB_VERSION_WIN10_V5 ? "VMB-VER-003" : "VMB-VER-004",
                    "INITIATE_CONTACT for %#x on connection %u", v, conn_id);
    if (v >= VMB_VERSION_WIN10_V5 && (ic->interrupt_page_or_sint & 0xff) != HYP_VMBUS_SINT)
        vmb_finding(h, "VMB-VER-003", "msg_sint=%u, expected 2",
                    (unsigned)(ic->interrupt_page_or_sint & 0xff));
    if (v < VMB_VERSION_WIN10_V5 && v &&
        !hyp_mem_ptr(hyp_machine_mem(h->m), ic->interrupt_page_or_sint, HYP_PAGE_SIZE))
        vmb_finding(h, "VMB-VER-004", "interrupt page gpa=%#llx not in RAM",
                    (unsigned long long)ic->interrupt_page_or_sint);
    if (ic->target_vcpu != 0)
        vmb_finding(h, "VMB-VER-008", "target_vcpu=%u, expected VP of CPU 0", ic->target_vcpu);
    struct hyp_mem *mem = hyp_machine_mem(h->m);
    const uint64_t pg[2] = { ic->monitor_page1, ic->monitor_page2 };
    /* A resume contact (after a hibernation's power cycle) reuses the pages of the first
     * connection (vmbus_bus_resume); the host re-initialises them. */
    for (int i = 0; i < 2 && !(h->power_cycles && h->state == VMB_STATE_UNLOADED); i++) {
        const uint8_t *p = pg[i] % HYP_PAGE_SIZE ? NULL : hyp_mem_ptr(mem, pg[i], HYP_PAGE_SIZE);
        bool zero = p != NULL;
        for (uint32_t b = 0; p && b < HYP_PAGE_SIZE && zero; b++)
            zero = p[b] == 0;
        if (!zero)
            vmb_finding(h, "VMB-VER-008", "monitor_page%d gpa=%#llx not a zeroed page in RAM",
                        i + 1, (unsigned long long)pg[i]);
    }
    if (ic->monitor_page1 == ic->monitor_page2)
        vmb_finding(h, "VMB-VER-008", "monitor pages are the same gpa=%#llx",
                    (unsigned long long)ic->monitor_page1);
    return ok;
}

static void on_initiate_contact(struct vmb_host *h, const uint8_t *msg, uint32_t len,
                                uint32_t conn_id)
{
    struct vmb_msg_initiate_contact ic;
    memcpy(&ic, msg, sizeof(ic));
    uint32_t v = ic.vmbus_version_requested;
    h->sum.contacts++;
    bool plausible = contact_checks(h, &ic, conn_id);
    bool accept = plausible && (h->cfg.accepted_versions & vmb_version_bit(v));
    struct vmb_msg_version_response r;
    memset(&r, 0, sizeof(r));
    r.header.msgtype = VMB_MSG_VERSION_RESPONSE;
    r.version_supported = accept ? 1 : 0;
    if (accept) {
        h->state = VMB_STATE_CONNECTED;
        h->version = v;
        h->target_vcpu = ic.target_vcpu < hyp_machine_nr_vcpus(h->m) ? ic.target_vcpu : 0;
        h->monitor_page1 = ic.monitor_page1;
        h->monitor_page2 = ic.monitor_page2;
        h->msg_conn_id = v >= VMB_VERSION_WIN10_V5 ? h->cfg.msg_conn_id : VMB_CONN_MESSAGE;
        r.msg_conn_id = v >= VMB_VERSION_WIN10_V5 ? h->cfg.msg_conn_id : 0;
        h->last_refused_version = 0;
        h->offers_requested = false;
    } else {
        h->last_refused_version = v;
    }
    /* >= 5.0: byte 1 of the union is msg_vtl (the VTL the guest runs in) */
    hyp_tracef(h->env, SRC, "negotiate", "version=%u.%u accepted=%d msg_conn_id=%u msg_vtl=%u",
               v >> 16, v & 0xffff, accept, r.msg_conn_id,
               v >= 0x50000 ? (unsigned)(ic.interrupt_page_or_sint >> 8) & 0xffu : 0u);
    vmb_send(h, &r, sizeof(r));
}

static void offer_channel(struct vmb_host *h, struct vmb_channel *ch)
{
    if (ch->state == VMB_CHAN_FREE || ch->state == VMB_CHAN_RELEASED) {
        ch->state = VMB_CHAN_OFFERED;
        ch->rescinded = false;
    }
    ch->offered = true;
    send_offer(h, ch);
}

void vmb_offer_channel(struct vmb_host *h, struct vmb_channel *ch)
{
    offer_channel(h, ch);
}

void vmb_offer_subchannels(struct vmb_host *h, uint32_t dev)
{
    if (h->state == VMB_STATE_UNLOADED)
        return;
    for (uint32_t i = 0; i < h->nr_chans; i++) {
        struct vmb_channel *ch = &h->chans[i];
        if (ch->dev == dev && ch->sub && !ch->offered && !vmb_pm_withheld(h, ch))
            offer_channel(h, ch);
    }
}

static void on_request_offers(struct vmb_host *h, const uint8_t *msg, uint32_t len,
                              uint32_t conn_id)
{
    if (h->offers_requested) {
        vmb_finding(h, "VMB-VER-012", "REQUESTOFFERS sent more than once");
        return;
    }
    h->offers_requested = true;
    /* Primaries now; a device's sub-channels once its primary is open (a real host offers
     * them when the VSC asks over the opened primary, so the guest's device object exists
     * by then: vmbus_add_channel_work() registers a sub-channel under it). */
    for (uint32_t i = 0; i < h->nr_chans; i++)
        h->chans[i].offered = false;
    for (uint32_t i = 0; i < h->nr_chans; i++) {
        struct vmb_channel *ch = &h->chans[i];
        if (ch->sub || vmb_pm_withheld(h, ch) || vmb_tl_is_hvsock(h, ch))
            continue; /* hv_sock channels (tl.c) are offered only to answer a connect */
        offer_channel(h, ch);
    }
    vmb_pm_offers_done(h);
    struct vmb_msg_hdr done = { .msgtype = VMB_MSG_ALLOFFERS_DELIVERED };
    vmb_send(h, &done, sizeof(done));
}

static void on_unload(struct vmb_host *h, const uint8_t *msg, uint32_t len, uint32_t conn_id)
{
    if (h->version < VMB_VERSION_WIN8_1)
        vmb_finding(h, "VMB-UNLD-001", "UNLOAD at negotiated version %#x (< 3.0)", h->version);
    h->sum.unloads++;
    vmb_chan_reset_all(h);
    vmb_gpadl_reset(h);
    h->state = VMB_STATE_UNLOADED;
    h->offers_requested = false;
    vmb_pm_on_unload(h);
    if (h->cfg.unload_silent) {
        hyp_tracef(h->env, SRC, "unload_silent", "response=never");
        return;
    }
    struct vmb_msg_hdr r = { .msgtype = VMB_MSG_UNLOAD_RESPONSE };
    if (h->cfg.selftest_unload_sint) {
        hyp_tracef(h->env, SRC, "selftest", "what=unload-response sint=%u",
                   h->cfg.selftest_unload_sint);
        hyp_machine_post(h->m, h->target_vcpu, h->cfg.selftest_unload_sint, HYP_MSG_VMBUS, &r,
                         sizeof(r));
        return;
    }
    vmb_send(h, &r, sizeof(r));
}

static void on_tl_connect(struct vmb_host *h, const uint8_t *msg, uint32_t len,
                          uint32_t conn_id)
{
    struct vmb_msg_tl_connect_request rq;
    memcpy(&rq, msg, sizeof(rq));
    if (h->version < VMB_VERSION_WIN10)
        vmb_finding(h, "VMB-TL-003", "TL_CONNECT_REQUEST at version %#x (< 4.0)", h->version);
    char gid[37], hid[37];
    vmb_guid_format(&rq.guest_endpoint_id, gid);
    vmb_guid_format(&rq.host_service_id, hid);
    hyp_tracef(h->env, SRC, "tl_connect", "guest_port=%02x%02x%02x%02x host_port=%02x%02x%02x%02x "
               "guest_id=%s host_id=%s",
               rq.guest_endpoint_id.b[3], rq.guest_endpoint_id.b[2], rq.guest_endpoint_id.b[1],
               rq.guest_endpoint_id.b[0], rq.host_service_id.b[3], rq.host_service_id.b[2],
               rq.host_service_id.b[1], rq.host_service_id.b[0], gid, hid);
    if (h->cfg.tl_connect_result) {
        struct vmb_msg_tl_connect_result r;
        memset(&r, 0, sizeof(r));
        r.header.msgtype = VMB_MSG_TL_CONNECT_RESULT;
        r.guest_endpoint_id = rq.guest_endpoint_id;
        r.status = h->cfg.tl_connect_status;
        vmb_send(h, &r, sizeof(r));
    }
    vmb_tl_on_request(h, &rq); /* hv_sock offer, if armed (tl.c) */
}

static void h_gpadl_header(struct vmb_host *h, const uint8_t *m, uint32_t l, uint32_t c)
{
    vmb_on_gpadl_header(h, m, l);
}
static void h_gpadl_body(struct vmb_host *h, const uint8_t *m, uint32_t l, uint32_t c)
{
    vmb_on_gpadl_body(h, m, l);
}
static void h_gpadl_teardown(struct vmb_host *h, const uint8_t *m, uint32_t l, uint32_t c)
{
    vmb_on_gpadl_teardown(h, m, l);
}
static void h_open(struct vmb_host *h, const uint8_t *m, uint32_t l, uint32_t c)
{
    vmb_on_open(h, m, l);
}
static void h_close(struct vmb_host *h, const uint8_t *m, uint32_t l, uint32_t c)
{
    vmb_on_close(h, m, l);
}
static void h_released(struct vmb_host *h, const uint8_t *m, uint32_t l, uint32_t c)
{
    if (h->state == VMB_STATE_UNLOADED) {
        struct vmb_msg_relid r;
        memcpy(&r, m, sizeof(r));
        hyp_tracef(h->env, SRC, "after_unload", "msg=RELID_RELEASED relid=%u", r.child_relid);
        return;
    }
    vmb_on_relid_released(h, m, l);
}
static void h_modify(struct vmb_host *h, const uint8_t *m, uint32_t l, uint32_t c)
{
    vmb_on_modify(h, m, l);
}

/* ------------------------------------------------------------------ dispatch table */

#define ST(s) (1u << (s))
#define ST_CONN ST(VMB_STATE_CONNECTED)

struct vmb_dispatch {
    void (*fn)(struct vmb_host *h, const uint8_t *msg, uint32_t len, uint32_t conn_id);
    uint32_t min_len;
    uint32_t states; /* allowed connection states */
    const char *state_rule;
};

static const struct vmb_dispatch dispatch[VMB_MSG_COUNT] = {
    [VMB_MSG_REQUESTOFFERS] = { on_request_offers, 8, ST_CONN, "VMB-VER-012" },
    [VMB_MSG_OPENCHANNEL] = { h_open, sizeof(struct vmb_msg_open_channel), ST_CONN,
                              "VMB-OFF-001" },
    [VMB_MSG_CLOSECHANNEL] = { h_close, sizeof(struct vmb_msg_relid), ST_CONN,
                               "VMB-CLOSE-002" },
    [VMB_MSG_GPADL_HEADER] = { h_gpadl_header, sizeof(struct vmb_msg_gpadl_header) + 8 + 8,
                               ST_CONN, "VMB-GPADL-003" },
    [VMB_MSG_GPADL_BODY] = { h_gpadl_body, sizeof(struct vmb_msg_gpadl_body) + 8, ST_CONN,
                             "VMB-GPADL-003" },
    [VMB_MSG_GPADL_TEARDOWN] = { h_gpadl_teardown, sizeof(struct vmb_msg_gpadl_teardown),
                                 ST_CONN, "VMB-GPADL-006" },
    /* After UNLOAD, Linux still releases every relid while it frees its channels
     * (vmbus_exit -> vmbus_free_channels): allowed, traced as after_unload. */
    [VMB_MSG_RELID_RELEASED] = { h_released, sizeof(struct vmb_msg_relid),
                                 ST_CONN | ST(VMB_STATE_UNLOADED), "VMB-RESC-001" },
    [VMB_MSG_INITIATE_CONTACT] = { on_initiate_contact,
                                   sizeof(struct vmb_msg_initiate_contact),
                                   ST(VMB_STATE_DISCONNECTED) | ST(VMB_STATE_UNLOADED),
                                   "VMB-VER-009" },
    [VMB_MSG_UNLOAD] = { on_unload, 8, ST_CONN, "VMB-UNLD-001" },
    [VMB_MSG_TL_CONNECT_REQUEST] = { on_tl_connect,
                                     sizeof(struct vmb_msg_tl_connect_request), ST_CONN,
                                     "VMB-TL-003" },
    [VMB_MSG_MODIFYCHANNEL] = { h_modify, sizeof(struct vmb_msg_modifychannel), ST_CONN,
                                "VMB-MOD-001" },
};

static void process(struct vmb_host *h, struct vmb_in_msg *in)
{
    uint32_t t = 0;
    if (h->cfg.selftest_mutate) {
        uint32_t len = h->cfg.selftest_mutate(h->cfg.selftest_ctx, in->bytes, in->len);
        in->len = len <= HYP_MESSAGE_PAYLOAD_MAX ? len : HYP_MESSAGE_PAYLOAD_MAX;
    }
    if (in->len >= 4)
        memcpy(&t, in->bytes, 4);
    h->sum.msgs_in++;
    hyp_tracef(h->env, SRC, "recv", "msg=%s msgtype=%u len=%u conn=%u vcpu=%u", msg_name(t), t,
               in->len, in->conn_id, in->vcpu);
    const struct vmb_dispatch *d = t < VMB_MSG_COUNT ? &dispatch[t] : NULL;
    if (!d || !d->fn) {
        vmb_finding(h, "VMB-SYN-002", "msgtype=%u (%s) is not a guest-to-host message", t,
                    msg_name(t));
        return;
    }
    if (in->len < d->min_len) {
        vmb_finding(h, "VMB-SYN-002", "%s len=%u below minimum %u", msg_name(t), in->len,
                    d->min_len);
        return;
    }
    if (!(d->states & ST(h->state))) {
        vmb_finding(h, d->state_rule, "%s not allowed in connection state %d", msg_name(t),
                    (int)h->state);
        return;
    }
    if (h->state == VMB_STATE_CONNECTED && h->version >= VMB_VERSION_WIN10_V5 &&
        in->conn_id != h->msg_conn_id)
        vmb_finding(h, "VMB-VER-005", "%s posted on connection %u, host returned %u",
                    msg_name(t), in->conn_id, h->msg_conn_id);
    d->fn(h, in->bytes, in->len, in->conn_id);
}

static void in_fire(struct sim_world *w, struct sim_event *ev)
{
    struct vmb_host *h = ev->arg;
    /* One message per dispatch: its handler may schedule further work at this time. */
    struct vmb_in_msg msg = h->in_q[h->in_head];
    h->in_head = (h->in_head + 1) % VMB_MSG_FIFO_MAX;
    h->in_len--;
    process(h, &msg);
    if (h->in_len && !sim_event_pending(&h->in_ev)) {
        uint64_t t = h->in_q[h->in_head].when_ns;
        hyp_at(h->env, &h->in_ev, t > hyp_now(h->env) ? t : hyp_now(h->env));
    }
}

uint16_t vmb_host_receive(struct vmb_host *h, uint32_t conn_id, uint32_t vcpu, const void *msg,
                          uint32_t len)
{
    if (h->in_len == VMB_MSG_FIFO_MAX) {
        hyp_tracef(h->env, SRC, "limit", "what=in_fifo max=%u", VMB_MSG_FIFO_MAX);
        return HYP_STATUS_INSUFFICIENT_BUFFERS;
    }
    uint32_t i = (h->in_head + h->in_len) % VMB_MSG_FIFO_MAX;
    memcpy(h->in_q[i].bytes, msg, len);
    h->in_q[i].len = len;
    h->in_q[i].conn_id = conn_id;
    h->in_q[i].vcpu = vcpu;
    h->in_q[i].when_ns = next_time(h, &h->in_last_ns);
    h->in_len++;
    if (!sim_event_pending(&h->in_ev))
        hyp_at(h->env, &h->in_ev, h->in_q[h->in_head].when_ns);
    return HYP_STATUS_SUCCESS;
}

static uint16_t on_post(void *ctx, uint32_t conn_id, uint32_t vcpu, const void *payload,
                        uint32_t len)
{
    return vmb_host_receive(ctx, conn_id, vcpu, payload, len);
}

/* ------------------------------------------------------------------ life cycle */

struct vmb_host *vmb_host_create(struct hyp_machine *m, const struct vmb_host_config *cfg)
{
    struct vmb_host *h = calloc(1, sizeof(*h));
    assert(h);
    assert(cfg->nr_devices <= VMB_MAX_DEVICES);
    h->m = m;
    h->env = hyp_machine_env(m);
    h->cfg = *cfg;
    if (!h->cfg.msg_conn_id)
        h->cfg.msg_conn_id = VMB_CONN_MESSAGE_4;
    if (!h->cfg.max_gpadls)
        h->cfg.max_gpadls = VMB_MAX_GPADLS_DEFAULT;
    if (!h->cfg.max_gpadl_pages)
        h->cfg.max_gpadl_pages = VMB_MAX_GPADL_PAGES_DEFAULT;
    if (!h->cfg.monitor_scan_ns)
        h->cfg.monitor_scan_ns = 100000;
    hyp_prng(h->env, &h->prng, "host.vmbus");
    h->findings_at_start = h->env->nr_findings;
    h->next_gpadl_expected = VMB_FIRST_GPADL_HANDLE;
    sim_event_init(&h->in_ev, in_fire, h);
    sim_event_init(&h->out_ev, out_fire, h);
    vmb_gpadl_init(h);
    int rc = hyp_machine_register_msg(m, VMB_CONN_MESSAGE, on_post, h);
    if (h->cfg.register_conn4)
        rc |= hyp_machine_register_msg(m, VMB_CONN_MESSAGE_4, on_post, h);
    if (h->cfg.msg_conn_id != VMB_CONN_MESSAGE && h->cfg.msg_conn_id != VMB_CONN_MESSAGE_4)
        rc |= hyp_machine_register_msg(m, h->cfg.msg_conn_id, on_post, h);
    assert(rc == 0);
    create_channels(h);
    hyp_tracef(h->env, SRC, "host", "devices=%u channels=%u accepted_versions=%#x",
               h->cfg.nr_devices, h->nr_chans, h->cfg.accepted_versions);
    return h;
}

void vmb_host_destroy(struct vmb_host *h)
{
    if (!h)
        return;
    hyp_cancel(h->env, &h->in_ev);
    hyp_cancel(h->env, &h->out_ev);
    hyp_cancel(h->env, &h->monitor_ev);
    for (uint32_t i = 0; i < h->nr_chans; i++)
        vmb_chan_teardown(&h->chans[i]);
    hyp_machine_unregister(h->m, VMB_CONN_MESSAGE);
    hyp_machine_unregister(h->m, VMB_CONN_MESSAGE_4);
    hyp_machine_unregister(h->m, h->cfg.msg_conn_id);
    vmb_gpadl_fini(h);
    free(h);
}

void vmb_host_summary(const struct vmb_host *h, struct vmb_host_summary *out)
{
    *out = h->sum;
    out->state = h->state;
    out->negotiated_version = h->state == VMB_STATE_CONNECTED ? h->version : 0;
    out->channels_open_now = 0;
    for (uint32_t i = 0; i < h->nr_chans; i++)
        out->channels_open_now += h->chans[i].state == VMB_CHAN_OPEN;
}

struct vmb_channel *vmb_chan_lookup(struct vmb_host *h, uint32_t relid, const char *rule,
                                    const char *what)
{
    for (uint32_t i = 0; i < h->nr_chans; i++) {
        struct vmb_channel *ch = &h->chans[i];
        if (ch->relid == relid && ch->state != VMB_CHAN_FREE)
            return ch;
    }
    if (rule)
        vmb_finding(h, rule, "%s for relid=%u that was never offered", what, relid);
    return NULL;
}

struct vmb_channel *vmb_host_channel(struct vmb_host *h, uint32_t relid)
{
    for (uint32_t i = 0; i < h->nr_chans; i++) {
        if (h->chans[i].relid == relid)
            return &h->chans[i];
    }
    return NULL;
}

struct vmb_channel *vmb_host_device_channel(struct vmb_host *h, uint32_t dev, uint32_t sub)
{
    for (uint32_t i = 0; i < h->nr_chans; i++) {
        if (h->chans[i].dev == dev && h->chans[i].sub == sub)
            return &h->chans[i];
    }
    return NULL;
}

int vmb_host_rescind(struct vmb_host *h, uint32_t relid)
{
    struct vmb_channel *ch = vmb_host_channel(h, relid);
    if (!ch || ch->state == VMB_CHAN_FREE || ch->state == VMB_CHAN_RELEASED || ch->rescinded)
        return -1;
    ch->rescinded = true;
    h->sum.rescinds_sent++;
    const struct vmb_device_config *d = &h->cfg.devices[ch->dev];
    if (d->vsp && d->vsp->on_rescind)
        d->vsp->on_rescind(ch);
    if (ch->ring_bound) {
        vsp_ring_unbind(&ch->ring);
        ch->ring_bound = false;
    }
    /* The host frees the channel's GPADLs itself: the guest will not tear them down. */
    vmb_gpadl_drop_relid(h, relid);
    vmb_monitor_update(h);
    struct vmb_msg_relid r = { .header.msgtype = VMB_MSG_RESCIND_CHANNELOFFER,
                               .child_relid = relid };
    hyp_tracef(h->env, SRC, "rescind", "relid=%u state=%d", relid, (int)ch->state);
    vmb_send(h, &r, sizeof(r));
    return 0;
}
