// SPDX-License-Identifier: GPL-2.0-only
/*
 * rq.c - the hvsim request-id test device VSP (see vsp/rq.h for the protocol and findings).
 *
 * Owns: per open channel of the device (primary and sub-channels share one vsp_rq, found by
 * their vmb_channel), the set of trans_ids the guest has outstanding as the host saw them,
 * the queue of ids to complete and the completion event that sends them.
 *
 * Invariants: an id enters the outstanding set only from a completion-requested packet and
 * leaves it only when the host sends its (one) real completion; bad completions never touch
 * the set; every guest packet is judged exactly once (RQ-001 if it asks for a completion,
 * RQ-005 if not); each finding names its rule and counts against the channel's summary.
 */
#define _POSIX_C_SOURCE 200809L /* strtok_r */
#include "vsp/rq.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmb/codec.h"
#include "vsp/test.h"

#define SRC "vsp.testrq"
#define RQ_RETRY_NS 100000ull /* completion retry when the host->guest ring is full */
#define RQ_COMP_PKT_BYTES (16u + sizeof(struct vsp_rq_comp) + VMB_PKT_TRAILER_BYTES)

struct rq_chan {
    struct vsp_rq *t;
    struct vmb_channel *ch;   /* NULL: slot free (never opened, or closed) */
    struct sim_event comp_ev; /* sends the queued completions */
    uint8_t out[VSP_RQ_SIZE_MAX + 1];     /* out[id]: id outstanding (1..size) */
    uint64_t cookie[VSP_RQ_SIZE_MAX + 1]; /* payload cookie of outstanding id */
    uint32_t queue[VSP_RQ_SIZE_MAX];      /* ids to complete */
    uint32_t nr_queue, nr_out, max_out;
    uint32_t chan, serial, probe_id;
    uint32_t reqs, plain;                 /* packets with / without the completion flag */
    uint32_t req_ok, cookie_ok, full_ok, sent_ok, sent_bad, findings;
    bool hello, withholding, idle, done;
};

struct vsp_rq {
    struct vsp_rq_params p;
    struct vsp_rq_offer offer;
    struct rq_chan c[VSP_RQ_CHANNELS];
};

static const char *const kind_name[VSP_RQ_COMP_KINDS] = {"normal", "zero", "unknown", "range",
                                                          "dup"};

/* ------------------------------------------------------------------ parameters */

bool vsp_rq_is_type(const char *type)
{
    return !strcmp(type, "testrq") || !strncmp(type, "testrq:", 7);
}

static int parse_bad(struct vsp_rq_params *p, const char *v, char *err, size_t len)
{
    char buf[64];
    snprintf(buf, sizeof(buf), "%s", v);
    for (char *save = NULL, *k = strtok_r(buf, "+", &save); k; k = strtok_r(NULL, "+", &save)) {
        uint32_t i = 1;
        if (!strcmp(k, "all")) {
            p->bad |= ((1u << VSP_RQ_COMP_KINDS) - 1u) & ~1u;
            continue;
        }
        while (i < VSP_RQ_COMP_KINDS && strcmp(k, kind_name[i]))
            i++;
        if (i == VSP_RQ_COMP_KINDS)
            return snprintf(err, len, "testrq: bad must be zero, unknown, range, dup (joined "
                            "with +) or all"), -1;
        p->bad |= 1u << i;
    }
    return 0;
}

static int parse_selftest(struct vsp_rq_params *p, const char *v, char *err, size_t len)
{
    static const char *const names[] = {"", "id", "cookie", "full", "mislabel-zero",
                                        "mislabel-dup"};
    for (uint32_t i = 1; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(v, names[i]))
            return p->selftest = i, 0;
    return snprintf(err, len, "testrq: selftest must be id, cookie, full, mislabel-zero or "
                    "mislabel-dup"), -1;
}

/* vsp_test_kv_fn for the testrq type text; ctx is its struct vsp_rq_params. */
static int parse_kv(void *ctx, const char *k, const char *v, char *err, size_t len)
{
    struct vsp_rq_params *p = ctx;
    if (!strcmp(k, "bad"))
        return parse_bad(p, v, err, len);
    if (!strcmp(k, "selftest"))
        return parse_selftest(p, v, err, len);
    char *end;
    unsigned long n = strtoul(v, &end, 0);
    if (!*v || *end || n > UINT32_MAX)
        return snprintf(err, len, "testrq: '%s' is not a number for %s", v, k), -1;
    uint32_t u = (uint32_t)n;
    if (!strcmp(k, "size"))
        p->size = u;
    else if (!strcmp(k, "requests"))
        p->requests = u;
    else if (!strcmp(k, "note"))
        p->note_every = u;
    else if (!strcmp(k, "subchannels"))
        p->subchannels = u;
    else if (!strcmp(k, "pages"))
        p->ring_pages = u;
    else if (!strcmp(k, "delay"))
        p->delay_ns = (uint64_t)u * 1000u;
    else if (!strcmp(k, "seed"))
        p->seed = u;
    else if (!strcmp(k, "withhold") && u <= 1)
        p->withhold = u;
    else
        return snprintf(err, len, "testrq: unknown key '%s' (or withhold not 0/1)", k), -1;
    return 0;
}

int vsp_rq_parse(const char *type, struct vsp_rq_params *p, char *err, size_t len)
{
    *p = (struct vsp_rq_params){ .size = 16, .requests = 200, .note_every = 5, .ring_pages = 4,
                                 .delay_ns = 20000, .seed = 1 };
    if (!vsp_rq_is_type(type))
        return snprintf(err, len, "'%s' is not a testrq type", type), -1;
    if (vsp_test_split_type(type, 6, parse_kv, p, err, len))
        return -1;
    if (p->size < 1 || p->size > VSP_RQ_SIZE_MAX)
        return snprintf(err, len, "testrq: size must be 1..%u", VSP_RQ_SIZE_MAX), -1;
    if (p->subchannels > VSP_RQ_SUB_MAX)
        return snprintf(err, len, "testrq: subchannels must be 0..%u", VSP_RQ_SUB_MAX), -1;
    if (p->requests > 1000000)
        return snprintf(err, len, "testrq: requests must be <= 1000000"), -1;
    /* The host->guest ring must take every completion the host may owe at once. */
    if (p->ring_pages < 2 || p->ring_pages > 64 ||
        (uint64_t)(p->ring_pages - 1) * HYP_PAGE_SIZE <= (p->size + 8u) * RQ_COMP_PKT_BYTES)
        return snprintf(err, len, "testrq: pages must be 2..64 and hold %u completions",
                        p->size + 8u), -1;
    if (p->selftest == VSP_RQ_SELFTEST_FULL && !p->withhold)
        return snprintf(err, len, "testrq: selftest=full needs withhold=1"), -1;
    if ((p->selftest == VSP_RQ_SELFTEST_MISLABEL_ZERO ||
         p->selftest == VSP_RQ_SELFTEST_MISLABEL_DUP) && !p->bad)
        return snprintf(err, len, "testrq: selftest=mislabel-* needs bad=..."), -1;
    return 0;
}

unsigned vsp_rq_tags(const struct vsp_rq_params *p)
{
    return (p->bad ? VSP_RQ_TAG_ADVERSARIAL : 0u) | (p->selftest ? VSP_RQ_TAG_SELFTEST : 0u);
}

/* ------------------------------------------------------------------ life cycle */

static void comp_fire(struct sim_world *w, struct sim_event *ev);

struct vsp_rq *vsp_rq_create(const struct vsp_rq_params *p)
{
    struct vsp_rq *t = calloc(1, sizeof(*t));
    assert(t);
    t->p = *p;
    t->offer = (struct vsp_rq_offer){
        .magic = VSP_RQ_MAGIC, .version = VSP_RQ_VERSION, .rqstor_size = p->size,
        .requests = p->requests, .note_every = p->note_every, .subchannels = p->subchannels,
        .ring_pages = p->ring_pages, .seed = p->seed,
        .flags = (p->withhold ? VSP_RQ_F_WITHHOLD : 0u) | (p->bad ? VSP_RQ_F_PROBE : 0u),
    };
    for (uint32_t i = 0; i < VSP_RQ_CHANNELS; i++) {
        t->c[i].t = t;
        sim_event_init(&t->c[i].comp_ev, comp_fire, &t->c[i]);
    }
    return t;
}

void vsp_rq_destroy(struct vsp_rq *t)
{
    free(t);
}

static struct rq_chan *chan_of(struct vmb_channel *ch)
{
    struct vsp_rq *t = vmb_channel_vsp_ctx(ch);
    for (uint32_t i = 0; i < VSP_RQ_CHANNELS; i++)
        if (t->c[i].ch == ch)
            return &t->c[i];
    return NULL;
}

static struct hyp_env *env_of(struct rq_chan *c)
{
    return vmb_channel_env(c->ch);
}

static uint32_t relid_of(struct rq_chan *c)
{
    return vmb_channel_relid(c->ch);
}

static void finding(struct rq_chan *c, const char *rule, const char *fmt, uint64_t a, uint64_t b)
{
    char detail[160];
    c->findings++;
    snprintf(detail, sizeof(detail), fmt, (unsigned long long)a, (unsigned long long)b);
    hyp_findingf(env_of(c), vmb_channel_source(c->ch), rule, "relid=%u %s", relid_of(c), detail);
}

static uint32_t rq_open(struct vmb_channel *ch)
{
    struct vsp_rq *t = vmb_channel_vsp_ctx(ch);
    struct rq_chan *c = NULL;
    for (uint32_t i = 0; i < VSP_RQ_CHANNELS && !c; i++)
        if (!t->c[i].ch)
            c = &t->c[i];
    if (!c)
        return 0xC0000001u; /* more channels than offered: cannot happen with this host */
    memset(c, 0, sizeof(*c)); /* its completion event is idle: cancelled at close */
    sim_event_init(&c->comp_ev, comp_fire, c);
    c->t = t;
    c->ch = ch;
    c->withholding = t->p.withhold;
    return 0;
}

static void rq_close(struct vmb_channel *ch)
{
    struct rq_chan *c = chan_of(ch);
    if (!c)
        return;
    hyp_cancel(vmb_channel_env(ch), &c->comp_ev);
    c->ch = NULL;
}

/* ------------------------------------------------------------------ completions */

static int send_comp(struct rq_chan *c, uint32_t type, uint32_t kind, uint64_t trans_id,
                     uint64_t cookie)
{
    struct vsp_rq_comp m = { .type = type, .serial = c->serial + 1, .kind = kind,
                             .cookie = cookie };
    int rc = vmb_channel_send(c->ch, type == VSP_RQ_ACK ? VMB_PKT_DATA_INBAND : VMB_PKT_COMP, 0,
                              trans_id, &m, sizeof(m));
    if (rc == 0)
        c->serial++;
    return rc;
}

/* The real completion of outstanding id, labelled kind (NORMAL except in a mislabel
 * self-test, which makes a correct guest look as if it accepted a bad completion). */
static int complete_id(struct rq_chan *c, uint32_t id, uint32_t kind)
{
    if (kind != VSP_RQ_COMP_NORMAL)
        hyp_tracef(env_of(c), SRC, "bad_comp", "relid=%u serial=%u kind=%s trans_id=%u rule=%s "
                   "selftest=mislabel", relid_of(c), c->serial + 1, kind_name[kind], id,
                   kind == VSP_RQ_COMP_ZERO ? "VMB-RQ-002" : "VMB-RQ-003");
    int rc = send_comp(c, VSP_RQ_COMP, kind, id, kind ? 0 : c->cookie[id]);
    if (rc == 0) {
        c->out[id] = 0;
        c->nr_out--;
        c->sent_ok++;
    }
    return rc;
}

static void send_bad(struct rq_chan *c, uint32_t kind, uint64_t trans_id)
{
    if (!(c->t->p.bad & (1u << kind)))
        return;
    hyp_tracef(env_of(c), SRC, "bad_comp", "relid=%u serial=%u kind=%s trans_id=%llu rule=%s",
               relid_of(c), c->serial + 1, kind_name[kind], (unsigned long long)trans_id,
               kind == VSP_RQ_COMP_ZERO ? "VMB-RQ-002" : "VMB-RQ-003");
    if (send_comp(c, VSP_RQ_COMP, kind, trans_id, 0) == 0)
        c->sent_bad++;
    else
        hyp_tracef(env_of(c), SRC, "send_failed", "relid=%u kind=%s", relid_of(c),
                   kind_name[kind]);
}

static void schedule_comp(struct rq_chan *c, uint64_t delay_ns)
{
    if (!sim_event_pending(&c->comp_ev))
        hyp_at(env_of(c), &c->comp_ev, hyp_now(env_of(c)) + delay_ns);
}

/* Send the queued completions in a scrambled (seeded, deterministic) order. */
static void comp_fire(struct sim_world *w, struct sim_event *ev)
{
    (void)w;
    struct rq_chan *c = ev->arg;
    if (!c->ch)
        return;
    while (c->nr_queue) {
        uint32_t i = vsp_test_mix32(c->t->p.seed * 0x9e3779b9u + c->serial) % c->nr_queue;
        uint32_t id = c->queue[i];
        if (complete_id(c, id, VSP_RQ_COMP_NORMAL) != 0) {
            schedule_comp(c, RQ_RETRY_NS);
            return;
        }
        c->queue[i] = c->queue[--c->nr_queue];
    }
}

static void enqueue(struct rq_chan *c, uint32_t id)
{
    assert(c->nr_queue < VSP_RQ_SIZE_MAX);
    c->queue[c->nr_queue++] = id;
    schedule_comp(c, c->t->p.delay_ns);
}

/* ------------------------------------------------------------------ guest packets */

/* VMB-RQ-001 and the outstanding set; returns the id now outstanding, or 0. */
static uint32_t judge_id(struct rq_chan *c, uint64_t id, uint64_t cookie)
{
    const struct vsp_rq_params *p = &c->t->p;
    uint64_t judged = id;
    if (p->selftest == VSP_RQ_SELFTEST_ID && c->reqs == 4) {
        judged = 0;
        hyp_tracef(env_of(c), SRC, "selftest", "what=id relid=%u trans_id=%llu judged=0",
                   relid_of(c), (unsigned long long)id);
    }
    c->reqs++;
    if (judged == 0 || judged > p->size)
        finding(c, "VMB-RQ-001", "completion-requested trans_id=%llu outside 1..%llu", judged,
                p->size);
    else if (c->out[judged])
        finding(c, "VMB-RQ-001", "trans_id=%llu still outstanding (cookie %#llx)", judged,
                c->cookie[judged]);
    else
        c->req_ok++;
    if (id == 0 || id > p->size || c->out[id])
        return 0;
    c->out[id] = 1;
    c->cookie[id] = cookie;
    c->nr_out++;
    c->max_out = c->nr_out > c->max_out ? c->nr_out : c->max_out;
    uint32_t limit = p->selftest == VSP_RQ_SELFTEST_FULL ? p->size - 1 : p->size;
    if (c->nr_out > limit)
        finding(c, "VMB-RQ-004", "%llu ids outstanding, requestor size %llu", c->nr_out, limit);
    return (uint32_t)id;
}

/* VMB-RQ-005: without the completion flag, trans_id is the driver's cookie. */
static void judge_cookie(struct rq_chan *c, uint64_t trans_id, uint64_t cookie)
{
    if (c->t->p.selftest == VSP_RQ_SELFTEST_COOKIE && c->plain == 1) {
        cookie++;
        hyp_tracef(env_of(c), SRC, "selftest", "what=cookie relid=%u judged=%#llx",
                   relid_of(c), (unsigned long long)cookie);
    }
    c->plain++;
    if (trans_id != cookie)
        finding(c, "VMB-RQ-005", "trans_id=%#llx without completion flag, cookie %#llx",
                trans_id, cookie);
    else
        c->cookie_ok++;
}

static void on_full(struct rq_chan *c, const struct vsp_rq_msg *m)
{
    uint32_t size = c->t->p.size;
    bool ok = c->nr_out <= size && m->a <= size && m->b == 1;
    if (c->withholding)
        ok = ok && c->nr_out == size && m->a == size;
    hyp_tracef(env_of(c), SRC, "full", "relid=%u guest_out=%u eagain=%u host_out=%u size=%u "
               "withhold=%d", relid_of(c), m->a, m->b, c->nr_out, size, c->withholding);
    if (ok)
        c->full_ok++;
    else
        finding(c, "VMB-RQ-004", "FULL: guest has %llu outstanding (eagain %llu)", m->a, m->b);
    if (!c->withholding)
        return;
    c->withholding = false;
    for (uint32_t id = 1; id <= size; id++)
        if (c->out[id] && id != c->probe_id)
            enqueue(c, id);
}

/* The guest is idle with only its PROBE outstanding: the bad completions, the PROBE's own
 * completion (and its duplicate), then ACK. */
static void on_idle(struct rq_chan *c)
{
    const struct vsp_rq_params *p = &c->t->p;
    uint32_t probe = c->probe_id, unknown = 0;
    c->idle = true;
    send_bad(c, VSP_RQ_COMP_ZERO, 0);
    for (uint32_t id = 1; id <= p->size && !unknown; id++)
        if (!c->out[id])
            unknown = id;
    if (unknown)
        send_bad(c, VSP_RQ_COMP_UNKNOWN, unknown);
    send_bad(c, VSP_RQ_COMP_RANGE, (uint64_t)p->size + 1u);
    if (probe) {
        uint32_t label = p->selftest == VSP_RQ_SELFTEST_MISLABEL_ZERO ? VSP_RQ_COMP_ZERO
                         : p->selftest == VSP_RQ_SELFTEST_MISLABEL_DUP ? VSP_RQ_COMP_DUP
                                                                       : VSP_RQ_COMP_NORMAL;
        c->probe_id = 0;
        if (complete_id(c, probe, label) != 0)
            hyp_tracef(env_of(c), SRC, "send_failed", "relid=%u kind=probe", relid_of(c));
        send_bad(c, VSP_RQ_COMP_DUP, probe);
    }
    if (send_comp(c, VSP_RQ_ACK, 0, 0, 0) != 0)
        hyp_tracef(env_of(c), SRC, "send_failed", "relid=%u kind=ack", relid_of(c));
}

static void on_done(struct rq_chan *c, const struct vsp_rq_msg *m)
{
    const struct vsp_rq_params *p = &c->t->p;
    uint32_t want_reqs = p->requests + (p->withhold ? p->size : 0u) + (p->bad ? 1u : 0u);
    bool agree = m->a == c->sent_ok && m->b == c->sent_bad && m->c == 0 && c->nr_out == 0 &&
                 c->reqs == want_reqs && (!p->withhold || c->full_ok) && (!p->bad || c->idle);
    c->done = true;
    if (!agree)
        hyp_findingf(env_of(c), vmb_channel_source(c->ch), "HVS-TEST-002",
                     "relid=%u guest accepted=%u rejected=%u bogus=%u; host completions=%u "
                     "bad=%u outstanding=%u requests=%u want %u", relid_of(c), m->a, m->b, m->c,
                     c->sent_ok, c->sent_bad, c->nr_out, c->reqs, want_reqs);
    hyp_tracef(env_of(c), SRC, "summary", "relid=%u chan=%u pass=%d req_ok=%u cookie_ok=%u "
               "full_ok=%u max_out=%u size=%u reqs=%u plain=%u comps=%u bad_sent=%u "
               "guest_accepted=%u guest_rejected=%u guest_bogus=%u findings=%u", relid_of(c),
               c->chan, agree && !c->findings, c->req_ok, c->cookie_ok, c->full_ok, c->max_out,
               p->size, c->reqs, c->plain, c->sent_ok, c->sent_bad, m->a, m->b, m->c,
               c->findings);
}

static void bad_packet(struct rq_chan *c, const char *why, uint64_t a, uint64_t b)
{
    char fmt[96];
    snprintf(fmt, sizeof(fmt), "%s (%%llu, %%llu)", why);
    finding(c, "HVS-TEST-001", fmt, a, b);
}

static void rq_packet(struct vmb_channel *ch, const struct vsp_ring_pkt *pkt)
{
    struct rq_chan *c = chan_of(ch);
    struct vsp_rq_msg m;
    if (!c)
        return;
    if (pkt->desc.type != VMB_PKT_DATA_INBAND || pkt->payload_len < sizeof(m))
        return bad_packet(c, "type/length", pkt->desc.type, pkt->payload_len);
    memcpy(&m, pkt->payload, sizeof(m));
    bool creq = pkt->desc.flags & VMB_PKT_FLAG_COMPLETION_REQUESTED;
    if (creq != (m.type == VSP_RQ_REQ || m.type == VSP_RQ_PROBE))
        return bad_packet(c, "completion flag/message type", pkt->desc.flags, m.type);
    if (c->done || (!c->hello && m.type != VSP_RQ_HELLO))
        return bad_packet(c, "message outside HELLO..DONE", m.type, m.seq);
    uint32_t id = 0;
    if (creq)
        id = judge_id(c, pkt->desc.trans_id, m.cookie);
    else
        judge_cookie(c, pkt->desc.trans_id, m.cookie);
    switch (m.type) {
    case VSP_RQ_HELLO:
        c->hello = true;
        c->chan = m.chan;
        hyp_tracef(env_of(c), SRC, "hello", "relid=%u chan=%u size=%u", relid_of(c), m.chan,
                   c->t->p.size);
        break;
    case VSP_RQ_REQ:
        if (id && !c->withholding)
            enqueue(c, id);
        break;
    case VSP_RQ_PROBE:
        c->probe_id = id;
        break;
    case VSP_RQ_FULL:
        on_full(c, &m);
        break;
    case VSP_RQ_IDLE:
        on_idle(c);
        break;
    case VSP_RQ_DONE:
        on_done(c, &m);
        break;
    default: /* NOTE: judged above */
        break;
    }
}

/* ------------------------------------------------------------------ attach */

static const struct vmb_vsp_ops rq_ops = {
    .on_open = rq_open,
    .on_packet = rq_packet,
    .on_close = rq_close,
    .on_rescind = rq_close,
};

void vsp_rq_attach(struct vsp_rq *t, struct vmb_device_config *dev, uint32_t instance)
{
    vsp_test_device_init(dev, "testrq", VSP_RQ_CLASS_GUID, "testrq", instance, &t->offer,
                         sizeof(t->offer), &rq_ops, t);
    dev->nr_subchannels = t->p.subchannels;
}

struct vsp_rq *vsp_rq_device(struct vmb_device_config *dev, const char *type, uint32_t instance)
{
    struct vsp_rq_params p;
    char err[160];
    if (vsp_rq_parse(type, &p, err, sizeof(err)) != 0)
        return NULL;
    struct vsp_rq *t = vsp_rq_create(&p);
    vsp_rq_attach(t, dev, instance);
    return t;
}
