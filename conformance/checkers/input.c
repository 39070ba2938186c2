// SPDX-License-Identifier: GPL-2.0-only
/*
 * input.c - synthetic mouse checkers (see cf/input.h). One mouse per run is judged (the
 * first "vsp.mouse.*" source seen); MOU-002 and MOU-004 are judged only for their "the probe
 * fails" half (no HID device is added and the channel is closed): a guest that gives up
 * early is not told apart from one that waited its 5 s.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cf/input.h"

#define MOU_TIMEOUT_NS 5000000000ull
#define MOU_SLACK_NS 500000000ull

struct mou_state {
    char src[32];             /* the judged mouse channel's trace source */
    bool refused, proto_ok, info_sent, malformed, acked, closed, hid_added, setup_done;
    uint64_t proto_ns, last_ns;
    uint32_t early, late, inputs;
};

static bool mouse_source(struct mou_state *s, const struct trc_record *rec)
{
    if (strncmp(rec->source, "vsp.mouse.", 10) != 0)
        return false;
    if (!s->src[0])
        snprintf(s->src, sizeof(s->src), "%s", rec->source);
    return !strcmp(s->src, rec->source);
}

static void on_vsp(struct mou_state *s, struct cf_run *run, const struct trc_record *rec)
{
    const char *k = rec->kind;
    if (!strcmp(k, "mouse_protocol")) {
        if (cf_u64(rec, "version", 0) == 0x00020000u)
            cf_pass(run, "MOU-001");
        else
            cf_fail(run, "MOU-001", rec, "protocol request for version %#llx",
                    (unsigned long long)cf_u64(rec, "version", 0));
        if (cf_eq(rec, "rc", "0")) {
            s->refused = cf_eq(rec, "accepted", "0");
            s->proto_ok = !s->refused;
            s->proto_ns = rec->time_ns;
        }
    } else if (!strcmp(k, "mouse_device_info") && cf_eq(rec, "rc", "0")) {
        s->info_sent = true;
        s->malformed = cf_eq(rec, "malformed", "1");
    } else if (!strcmp(k, "mouse_ack")) {
        s->acked = true;
        if (s->malformed)
            cf_fail(run, "MOU-003", rec, "the guest acknowledged a device info whose "
                    "descriptor lengths do not fit the packet");
        else if (s->info_sent)
            cf_pass(run, "MOU-003");
    } else if (!strcmp(k, "mouse_report") && cf_eq(rec, "rc", "0")) {
        if (s->setup_done)
            s->late++;
        else
            s->early++;
    } else if (!strcmp(k, "close")) {
        s->closed = true;
    }
}

static void on_hid(struct mou_state *s, struct cf_run *run, const struct trc_record *rec)
{
    if (!strcmp(rec->kind, "add")) {
        s->hid_added = true;
        if (s->refused)
            cf_fail(run, "MOU-002", rec, "HID device added although the protocol was refused");
        if (s->malformed)
            cf_fail(run, "MOU-003", rec, "HID device added from a malformed device info");
        if (s->proto_ok && !s->info_sent)
            cf_fail(run, "MOU-004", rec, "HID device added without a device info");
    } else if (!strcmp(rec->kind, "probe") && cf_eq(rec, "drv", "hid-hyperv") &&
               cf_eq(rec, "ret", "0")) {
        s->setup_done = true;
    } else if (!strcmp(rec->kind, "input_report")) {
        s->inputs++;
        if (!s->setup_done)
            cf_fail(run, "MOU-005", rec, "input report delivered before the device setup "
                    "completed");
    }
}

static void mou_record(void *state, struct cf_run *run, const struct trc_record *rec)
{
    struct mou_state *s = state;
    s->last_ns = rec->time_ns;
    if (mouse_source(s, rec))
        on_vsp(s, run, rec);
    else if (s->src[0] && !strcmp(rec->source, "guest.hid"))
        on_hid(s, run, rec);
}

static void mou_finish(void *state, struct cf_run *run)
{
    struct mou_state *s = state;
    if (s->refused && s->closed && !s->hid_added)
        cf_pass(run, "MOU-002");
    if (s->malformed && s->closed && !s->acked && !s->hid_added)
        cf_pass(run, "MOU-003");
    if (s->proto_ok && !s->info_sent) {
        if (s->closed && !s->hid_added)
            cf_pass(run, "MOU-004");
        else if (!s->closed && s->last_ns > s->proto_ns + MOU_TIMEOUT_NS + MOU_SLACK_NS)
            cf_fail(run, "MOU-004", NULL, "probe still waiting %llu ms after the protocol "
                    "response with no device info",
                    (unsigned long long)((s->last_ns - s->proto_ns) / 1000000));
    }
    if (s->early && s->setup_done) {
        if (s->inputs <= s->late)
            cf_pass(run, "MOU-005");
        else
            cf_fail(run, "MOU-005", NULL, "%u input reports reached the HID layer for %u "
                    "reports sent after setup (%u before)", s->inputs, s->late, s->early);
    }
}

static const struct cf_checker mou_checker = {
    .name = "input.mouse",
    .state_size = sizeof(struct mou_state),
    .on_record = mou_record,
    .finish = mou_finish,
};

const struct cf_checker *const cf_input_checkers[] = {&mou_checker, NULL};
