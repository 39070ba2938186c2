/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * internal.h - private state of the VMBus host control plane, shared by ctl.c (connection,
 * dispatch, offers, outgoing FIFO), gpadl.c (GPADL assembly/teardown) and chan.c (open,
 * close, rescind, release, modify, signalling, drain, monitor scan).
 */
#ifndef VMB_INTERNAL_H
#define VMB_INTERNAL_H

#include "vmb/host.h"

#define SRC "vmbus"

enum vmb_gpadl_state {
    VMB_GPADL_FREE = 0,
    VMB_GPADL_ASSEMBLING, /* header seen, bodies outstanding */
    VMB_GPADL_CREATED,    /* GPADL_CREATED sent */
};

struct vmb_gpadl {
    enum vmb_gpadl_state state;
    uint32_t handle;
    uint32_t relid;
    uint32_t byte_count;
    uint32_t nr_pages;  /* expected */
    uint32_t received;  /* pfns so far */
    uint64_t *pfns;
};

struct vmb_channel {
    struct vmb_host *h;
    enum vmb_chan_state state;
    bool rescinded;
    bool opening;        /* OPENCHANNEL_RESULT success queued/sent (state OPEN) */
    bool offered;        /* offered on this connection (sub-channels: after the primary
                            opened, as a host offers them when the VSC asks) */
    uint32_t relid;
    uint32_t dev;        /* index into cfg.devices */
    uint32_t sub;        /* sub_channel_index */
    uint32_t conn_id;    /* HvSignalEvent connection id of this channel */
    int32_t monitorid;   /* -1: not monitored */
    uint32_t target_vp;
    uint32_t ring_gpadl;
    struct vsp_ring ring;
    bool ring_bound;
    bool busy;           /* vmb_channel_set_busy: guest signals do not drain */
    char source[32];
    struct sim_event drain_ev;
    uint8_t *pkt_buf;
};

struct vmb_out_msg {
    uint8_t bytes[HYP_MESSAGE_PAYLOAD_MAX];
    uint32_t len;
};

struct vmb_in_msg {
    uint8_t bytes[HYP_MESSAGE_PAYLOAD_MAX];
    uint32_t len;
    uint32_t conn_id;
    uint32_t vcpu;
    uint64_t when_ns; /* processing time */
};

struct vmb_host {
    struct hyp_machine *m;
    struct hyp_env *env;
    struct vmb_host_config cfg;
    struct sim_prng prng;
    enum vmb_conn_state state;
    uint32_t version;
    uint32_t msg_conn_id;       /* current guest->host message connection */
    uint32_t target_vcpu;
    uint64_t monitor_page1;
    uint64_t monitor_page2;
    uint32_t last_refused_version;
    bool offers_requested;
    uint32_t next_gpadl_expected;
    uint32_t findings_at_start;

    struct vmb_channel chans[VMB_MAX_CHANNELS];
    uint32_t nr_chans;
    struct vmb_gpadl *gpadls;

    /* inbound FIFO (guest messages awaiting processing) */
    struct vmb_in_msg in_q[VMB_MSG_FIFO_MAX];
    uint32_t in_head, in_len;
    uint64_t in_last_ns;
    struct sim_event in_ev;
    /* outbound FIFO (host messages awaiting their latency) */
    struct vmb_out_msg out_q[VMB_MSG_FIFO_MAX];
    uint64_t out_when[VMB_MSG_FIFO_MAX];
    uint32_t out_head, out_len;
    uint64_t out_last_ns;
    struct sim_event out_ev;
    struct sim_event monitor_ev;

    struct vmb_host_summary sum;

    /* hibernation (pm.c) */
    struct vmb_resume_plan plan;
    bool plan_armed;          /* consumed by the next UNLOAD */
    uint32_t withhold_devs;   /* consumed by the next REQUESTOFFERS */
    uint32_t label_withheld;
    uint32_t power_cycles;    /* UNLOADs that were a hibernation's power cycle */

    /* hv_sock (tl.c): the armed answer to TL_CONNECT_REQUEST */
    struct vmb_tl_answer tl;
};

/* ctl.c */
void vmb_send(struct vmb_host *h, const void *msg, uint32_t len);
uint64_t vmb_finding(struct vmb_host *h, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
struct vmb_channel *vmb_chan_lookup(struct vmb_host *h, uint32_t relid, const char *rule,
                                    const char *what);

/* pm.c */
void vmb_pm_on_unload(struct vmb_host *h);
bool vmb_pm_withheld(struct vmb_host *h, const struct vmb_channel *ch);
/* The primary of device dev opened: offer its sub-channels not offered yet (ctl.c). */
void vmb_offer_subchannels(struct vmb_host *h, uint32_t dev);
void vmb_pm_offers_done(struct vmb_host *h);
void vmb_send_offer_as(struct vmb_host *h, struct vmb_channel *ch, uint32_t relid,
                       const char *kind);

/* ctl.c: offer a channel (state OFFERED, traced "offer"). */
void vmb_offer_channel(struct vmb_host *h, struct vmb_channel *ch);

/* tl.c */
void vmb_tl_on_request(struct vmb_host *h, const struct vmb_msg_tl_connect_request *rq);
bool vmb_tl_is_hvsock(const struct vmb_host *h, const struct vmb_channel *ch);

/* gpadl.c */
void vmb_gpadl_init(struct vmb_host *h);
void vmb_gpadl_fini(struct vmb_host *h);
void vmb_on_gpadl_header(struct vmb_host *h, const uint8_t *msg, uint32_t len);
void vmb_on_gpadl_body(struct vmb_host *h, const uint8_t *msg, uint32_t len);
void vmb_on_gpadl_teardown(struct vmb_host *h, const uint8_t *msg, uint32_t len);
struct vmb_gpadl *vmb_gpadl_find(struct vmb_host *h, uint32_t handle);
void vmb_gpadl_drop_relid(struct vmb_host *h, uint32_t relid);
void vmb_gpadl_reset(struct vmb_host *h);

/* chan.c */
void vmb_chan_setup(struct vmb_host *h, struct vmb_channel *ch);
void vmb_chan_teardown(struct vmb_channel *ch);
void vmb_on_open(struct vmb_host *h, const uint8_t *msg, uint32_t len);
void vmb_on_close(struct vmb_host *h, const uint8_t *msg, uint32_t len);
void vmb_on_relid_released(struct vmb_host *h, const uint8_t *msg, uint32_t len);
void vmb_on_modify(struct vmb_host *h, const uint8_t *msg, uint32_t len);
void vmb_chan_reset_all(struct vmb_host *h);
void vmb_chan_renumber(struct vmb_channel *ch, uint32_t relid);
void vmb_monitor_update(struct vmb_host *h);
uint16_t vmb_on_guest_event(void *ctx, uint32_t conn_id, uint32_t vcpu);

#endif /* VMB_INTERNAL_H */
