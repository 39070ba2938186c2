/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus_tl.c - hv_sock connects (VMB-TL-001..003): net/vmw_vsock/hyperv_transport.c over the
 * VMBus TL messages, driven by the `hvsock-connect` action (sim/exec/tl_action.c).
 *
 * Observations used: the guest's "guest.vsock connect port= local_port= ret=" (a user's
 * connect() reached the transport), "guest.vsock connected|failed port= ...", "guest.vsock
 * register" (the transport registered with the vsock core), the host's "vmbus tl_connect
 * guest_id= host_id=" (a TL_CONNECT_REQUEST it processed), "vmbus tl_offer service=
 * instance=" (an hv_sock offer) and "vmbus negotiate version= accepted=1".
 *
 *  - VMB-TL-001: every connect that reached the transport (ret=0) yields exactly one
 *    TL_CONNECT_REQUEST, matched in order, whose host GUID is <port>-facb-11e6-bd58-
 *    64006a7986d3 and whose guest GUID is <local_port>-facb-...; an extra request or none by
 *    the end of the run fails.
 *  - VMB-TL-002: "connected" passes only if an offer with service = the request's host GUID
 *    and instance = its guest GUID came before it; a failed connect passes only if no such
 *    offer came (TL_CONNECT_RESULT and non-matching offers complete nothing).
 *  - VMB-TL-003: at a negotiated version < 4.0 the transport must not register and no
 *    request may reach the host; a connect attempt that found no transport passes.
 *
 * Invariants: checkers only read; at most TL_MAX_CONN attempts are tracked (more fail
 * VMB-TL-001 as untracked).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cf/vmbus.h"
#include "vmbus_internal.h"

#define TL_MAX_CONN 32
#define TL_GUID_TAIL "-facb-11e6-bd58-64006a7986d3"

struct tl_conn {
    uint32_t port, local_port;
    char host_id[40], guest_id[40]; /* the GUIDs the transport must send */
    uint8_t requests, offered, done;
};

struct tl_state {
    struct tl_conn c[TL_MAX_CONN];
    uint32_t nr, next_req; /* next_req: oldest attempt still waiting for its request */
    uint32_t version;      /* negotiated, major << 16 | minor; 0 = none yet */
};

static uint32_t tl_version(const struct trc_record *rec)
{
    char v[16];
    unsigned maj = 0, min = 0;
    if (!cf_get(rec, "version", v, sizeof(v)) || sscanf(v, "%u.%u", &maj, &min) != 2)
        return 0;
    return (uint32_t)(maj << 16 | min);
}

static struct tl_conn *tl_find(struct tl_state *s, const struct trc_record *rec)
{
    uint32_t port = (uint32_t)cf_u64(rec, "port", 0), lp = (uint32_t)cf_u64(rec, "local_port", 0);
    for (uint32_t i = s->nr; i-- > 0;)
        if (s->c[i].port == port && s->c[i].local_port == lp && !s->c[i].done)
            return &s->c[i];
    return NULL;
}

static void tl_connect(struct tl_state *s, struct cf_run *run, const struct trc_record *rec)
{
    if (cf_u64(rec, "ret", 1) != 0)
        return; /* the request was not sent (no VMBus connection) */
    if (s->nr == TL_MAX_CONN) {
        cf_fail(run, "VMB-TL-001", rec, "more than %d hv_sock connects", TL_MAX_CONN);
        return;
    }
    struct tl_conn *c = &s->c[s->nr++];
    c->port = (uint32_t)cf_u64(rec, "port", 0);
    c->local_port = (uint32_t)cf_u64(rec, "local_port", 0);
    snprintf(c->host_id, sizeof(c->host_id), "%08x" TL_GUID_TAIL, c->port);
    snprintf(c->guest_id, sizeof(c->guest_id), "%08x" TL_GUID_TAIL, c->local_port);
}

static void tl_request(struct tl_state *s, struct cf_run *run, const struct trc_record *rec)
{
    char gid[40] = "", hid[40] = "";
    if (s->version && s->version < 0x40000) {
        cf_fail(run, "VMB-TL-003", rec, "TL_CONNECT_REQUEST at version %u.%u",
                s->version >> 16, s->version & 0xffff);
        return;
    }
    cf_get(rec, "guest_id", gid, sizeof(gid));
    cf_get(rec, "host_id", hid, sizeof(hid));
    if (s->next_req == s->nr) {
        cf_fail(run, "VMB-TL-001", rec, "TL_CONNECT_REQUEST %s -> %s without a connect() "
                "waiting for one", gid, hid);
        return;
    }
    struct tl_conn *c = &s->c[s->next_req++];
    c->requests++;
    if (strcmp(gid, c->guest_id) || strcmp(hid, c->host_id))
        cf_fail(run, "VMB-TL-001", rec, "connect to port %u from %u sent %s -> %s, expected "
                "%s -> %s", c->port, c->local_port, gid, hid, c->guest_id, c->host_id);
    else
        cf_pass(run, "VMB-TL-001");
}

static void tl_offer(struct tl_state *s, const struct trc_record *rec)
{
    char svc[40] = "", ins[40] = "";
    cf_get(rec, "service", svc, sizeof(svc));
    cf_get(rec, "instance", ins, sizeof(ins));
    for (uint32_t i = 0; i < s->nr; i++)
        if (!s->c[i].done && !strcmp(svc, s->c[i].host_id) && !strcmp(ins, s->c[i].guest_id))
            s->c[i].offered = 1;
}

static void tl_outcome(struct tl_state *s, struct cf_run *run, const struct trc_record *rec,
                       int connected)
{
    if (!connected && cf_eq(rec, "err", "-19")) { /* -ENODEV: no transport registered */
        if (s->version && s->version < 0x40000)
            cf_pass(run, "VMB-TL-003");
        return;
    }
    struct tl_conn *c = tl_find(s, rec);
    if (!c)
        return; /* failed before the request (not the TL rules' business) */
    c->done = 1;
    if (connected && !c->offered)
        cf_fail(run, "VMB-TL-002", rec, "connect to port %u completed without a matching "
                "hv_sock offer (%s / %s)", c->port, c->host_id, c->guest_id);
    else if (!connected && c->offered)
        cf_fail(run, "VMB-TL-002", rec, "a matching hv_sock offer did not complete the connect "
                "to port %u", c->port);
    else
        cf_pass(run, "VMB-TL-002");
}

static void tl_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct tl_state *s = st;
    if (cf_is(rec, "vmbus", "negotiate") && cf_u64(rec, "accepted", 0))
        s->version = tl_version(rec);
    else if (cf_is(rec, "guest.vsock", "register") && s->version && s->version < 0x40000)
        cf_fail(run, "VMB-TL-003", rec, "hv_sock transport registered at version %u.%u",
                s->version >> 16, s->version & 0xffff);
    else if (cf_is(rec, "guest.vsock", "connect"))
        tl_connect(s, run, rec);
    else if (cf_is(rec, "vmbus", "tl_connect"))
        tl_request(s, run, rec);
    else if (cf_is(rec, "vmbus", "tl_offer"))
        tl_offer(s, rec);
    else if (cf_is(rec, "guest.vsock", "connected"))
        tl_outcome(s, run, rec, 1);
    else if (cf_is(rec, "guest.vsock", "failed"))
        tl_outcome(s, run, rec, 0);
}

static void tl_finish(void *st, struct cf_run *run)
{
    struct tl_state *s = st;
    for (uint32_t i = s->next_req; i < s->nr; i++)
        cf_fail(run, "VMB-TL-001", NULL, "connect to port %u sent no TL_CONNECT_REQUEST",
                s->c[i].port);
}

const struct cf_checker cf_vmbus_tl_checker = {
    .name = "vmbus.tl",
    .state_size = sizeof(struct tl_state),
    .on_record = tl_record,
    .finish = tl_finish,
};
