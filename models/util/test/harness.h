/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * harness.h - a scripted "guest" for IC engine tests without a VMBus channel: a bare-queue
 * environment whose trace records are kept, a transport that captures every packet the host
 * sends, and helpers that answer those packets the way the Linux drivers do (in place, same
 * length and trans_id, icflags TRANSACTION|RESPONSE), or deliberately not.
 */
#ifndef UTIL_TEST_HARNESS_H
#define UTIL_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vsp/util.h"

#define H_MAX_PKTS 64
#define H_MAX_TRACE 512

struct h_pkt {
    uint16_t type, flags;
    uint64_t txid;
    uint32_t len;
    uint8_t buf[VSP_IC_PKT_MAX];
};

struct h_rec {
    uint64_t t_ns;
    char source[32];
    char kind[16];
    char body[512];
};

struct harness {
    struct hyp_env_queue q;
    struct vsp_util_dev *d;
    struct h_pkt pkts[H_MAX_PKTS];
    uint32_t nr_pkts;
    int send_rc; /* what the transport returns */
    struct h_rec recs[H_MAX_TRACE];
    uint32_t nr_recs;
};

static inline void h_sink(void *ctx, uint64_t seq, uint64_t t_ns, const char *source,
                          const char *kind, const char *body)
{
    struct harness *h = ctx;
    if (h->nr_recs == H_MAX_TRACE)
        return;
    struct h_rec *r = &h->recs[h->nr_recs++];
    r->t_ns = t_ns;
    snprintf(r->source, sizeof(r->source), "%s", source);
    snprintf(r->kind, sizeof(r->kind), "%s", kind);
    snprintf(r->body, sizeof(r->body), "%s", body);
}

static inline int h_send(void *ctx, uint16_t type, uint16_t flags, uint64_t trans_id,
                         const void *payload, uint32_t len)
{
    struct harness *h = ctx;
    if (h->send_rc)
        return h->send_rc;
    if (h->nr_pkts == H_MAX_PKTS)
        return -11;
    struct h_pkt *p = &h->pkts[h->nr_pkts++];
    p->type = type;
    p->flags = flags;
    p->txid = trans_id;
    p->len = len;
    memcpy(p->buf, payload, len);
    return 0;
}

static inline struct harness *h_new(enum vsp_util_service svc, const struct vsp_util_params *p)
{
    struct harness *h = calloc(1, sizeof(*h));
    hyp_env_queue_init(&h->q, 7);
    h->q.sink = h_sink;
    h->q.sink_ctx = h;
    h->d = vsp_util_create(svc, p);
    vsp_util_open(h->d, &h->q.env, h_send, h);
    return h;
}

static inline void h_free(struct harness *h)
{
    vsp_util_destroy(h->d);
    hyp_env_queue_fini(&h->q);
    free(h);
}

static inline void h_run_until(struct harness *h, uint64_t t_ns)
{
    hyp_env_queue_run(&h->q, t_ns, 1000000);
    if (h->q.now_ns < t_ns)
        h->q.now_ns = t_ns;
}

static inline uint32_t h_findings(const struct harness *h)
{
    return h->q.env.nr_findings;
}

/* Number of trace records of this kind whose body contains needle (NULL: any). */
static inline uint32_t h_count(const struct harness *h, const char *kind, const char *needle)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < h->nr_recs; i++) {
        if (strcmp(h->recs[i].kind, kind) == 0 &&
            (!needle || strstr(h->recs[i].body, needle)))
            n++;
    }
    return n;
}

/* The last finding's rule ("" if none). */
static inline const char *h_last_rule(const struct harness *h)
{
    return h->q.env.last_finding_rule ? h->q.env.last_finding_rule : "";
}

static inline struct h_pkt *h_last(struct harness *h)
{
    return h->nr_pkts ? &h->pkts[h->nr_pkts - 1] : NULL;
}

/* Turn a captured request into the guest's in-place answer header (no delivery). */
static inline void h_make_response(struct h_pkt *p, uint32_t status)
{
    struct vsp_ic_msg_hdr m;
    memcpy(&m, p->buf, sizeof(m));
    m.ic.icflags = VSP_IC_FLAG_TRANSACTION | VSP_IC_FLAG_RESPONSE;
    m.ic.status = status;
    memcpy(p->buf, &m, sizeof(m));
}

static inline void h_deliver(struct harness *h, const struct h_pkt *p, uint32_t len)
{
    vsp_util_receive(h->d, VMB_PKT_DATA_INBAND, 0, p->txid, p->buf, len);
}

/* Answer packet p as the Linux guest does, keeping the host's status. */
static inline void h_echo(struct harness *h, struct h_pkt *p)
{
    struct vsp_ic_msg_hdr m;
    memcpy(&m, p->buf, sizeof(m));
    h_make_response(p, m.ic.status);
    h_deliver(h, p, p->len);
}

/* Write a negotiate reply into p: counts, fw, srv, icmsgsize 16 (Linux behaviour). */
static inline void h_nego_reply(struct h_pkt *p, uint16_t cf, uint16_t cm, uint32_t fw,
                                uint32_t srv)
{
    h_make_response(p, 0);
    struct vsp_ic_msg_hdr m;
    memcpy(&m, p->buf, sizeof(m));
    m.ic.icmsgsize = 16;
    memcpy(p->buf, &m, sizeof(m));
    struct vsp_ic_negotiate n = { .icframe_vercnt = cf, .icmsg_vercnt = cm };
    memcpy(p->buf + 28, &n, sizeof(n));
    struct vsp_ic_version v[2] = { { VSP_IC_VER_MAJOR(fw), VSP_IC_VER_MINOR(fw) },
                                   { VSP_IC_VER_MAJOR(srv), VSP_IC_VER_MINOR(srv) } };
    memcpy(p->buf + 36, v, sizeof(v));
}

/* Open -> NEGOTIATE -> good reply; returns with the device READY. */
static inline void h_negotiate_ok(struct harness *h, uint32_t fw, uint32_t srv)
{
    h_run_until(h, h->q.now_ns + VSP_UTIL_START_DELAY_NS_DEFAULT);
    struct h_pkt *p = h_last(h);
    h_nego_reply(p, 1, 1, fw, srv);
    h_deliver(h, p, p->len);
}

#endif /* UTIL_TEST_HARNESS_H */
