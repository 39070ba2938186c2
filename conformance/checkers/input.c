// SPDX-License-Identifier: GPL-2.0-only
/*
 * input.c - synthetic mouse checkers (see cf/input.h). One mouse per run is judged (the
 * first "vsp.mouse.*" source seen); MOU-002 and MOU-004 are judged only for their "the probe
 * fails" half (no HID device is added and the channel is closed): a guest that gives up
 * early is not told apart from one that waited its 5 s.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- synthetic keyboard: KBD-001..004 ----
 *
 * Host records (source "vsp.kbd.<relid>"): kbd_protocol (the guest's request and how the host
 * answered), kbd_key (a keystroke sent, its length); guest records: guest.serio register / rx
 * (scancode bytes), guest.driver probe_fail of hyperv_keyboard. Every full keystroke the host
 * sent must reach serio as [0xE0][0xE1](make_code | 0x80 if BREAK), in order (KBD-004); a
 * short one must reach it as nothing (KBD-003).
 */

#define KBD_TIMEOUT_NS 10000000000ull /* hv_kbd_connect_to_vsp(): 10 s */
#define KBD_SLACK_NS 500000000ull
#define KBD_JIFFY_SLACK_NS 20000000ull /* the wait starts at the guest's send, on a jiffy */
#define KBD_FIFO 64

struct kbd_state {
    bool seen, requested, refused, short_rsp, silent, registered, probe_failed;
    uint64_t request_ns, fail_ns, last_ns;
    uint8_t want[KBD_FIFO]; /* serio bytes still expected, in order */
    uint32_t head, len;
    bool short_key_pending; /* a short keystroke was sent; no byte may come for it */
    bool overflow;
};

/* A scenario has at most one keyboard; its relid (and so its source) may change across a
 * hibernation, so every "vsp.kbd.*" source is that keyboard. */
static bool kbd_source(struct kbd_state *s, const struct trc_record *rec)
{
    if (strncmp(rec->source, "vsp.kbd.", 8) != 0)
        return false;
    s->seen = true;
    return true;
}

static void kbd_expect(struct kbd_state *s, uint8_t b)
{
    if (s->len == KBD_FIFO) {
        s->overflow = true;
        return;
    }
    s->want[(s->head + s->len++) % KBD_FIFO] = b;
}

static void kbd_short_done(struct kbd_state *s, struct cf_run *run)
{
    if (s->short_key_pending)
        cf_pass(run, "KBD-003"); /* nothing reached serio for it */
    s->short_key_pending = false;
}

static void kbd_vsp(struct kbd_state *s, struct cf_run *run, const struct trc_record *rec)
{
    if (!strcmp(rec->kind, "kbd_protocol")) {
        s->requested = true;
        s->request_ns = rec->time_ns;
        if (cf_u64(rec, "version", 0) == 0x00010000u && cf_u64(rec, "flags", 0) == 1)
            cf_pass(run, "KBD-001");
        else
            cf_fail(run, "KBD-001", rec, "protocol request version=%#llx flags=%llu",
                    (unsigned long long)cf_u64(rec, "version", 0),
                    (unsigned long long)cf_u64(rec, "flags", 0));
        s->refused = cf_eq(rec, "accepted", "0");
        s->short_rsp = cf_eq(rec, "response", "short");
        s->silent = cf_eq(rec, "response", "none");
    } else if (!strcmp(rec->kind, "kbd_key") && cf_eq(rec, "rc", "0")) {
        kbd_short_done(s, run);
        uint64_t code = cf_u64(rec, "make_code", 0), info = cf_u64(rec, "info", 0);
        /* what the guest sees is the payload padded to 8 bytes: 9..11 bytes arrive as 16 */
        if (((cf_u64(rec, "len", 12) + 7) & ~7ull) < 12) {
            s->short_key_pending = true;
            return;
        }
        if (info & 0x4)
            kbd_expect(s, 0xe0);
        if (info & 0x8)
            kbd_expect(s, 0xe1);
        kbd_expect(s, (uint8_t)(code | (info & 0x2 ? 0x80 : 0)));
    }
}

static void kbd_serio(struct kbd_state *s, struct cf_run *run, const struct trc_record *rec)
{
    if (!strcmp(rec->kind, "register")) {
        s->registered = true;
        if (s->refused || s->silent)
            cf_fail(run, "KBD-002", rec, "the keyboard registered although the protocol was "
                    "%s", s->refused ? "refused" : "never answered");
        if (s->short_rsp)
            cf_fail(run, "KBD-003", rec, "the keyboard registered on an empty protocol "
                    "response");
        return;
    }
    if (strcmp(rec->kind, "rx"))
        return;
    uint64_t got = cf_u64(rec, "bytes", 0x100);
    char hex[8];
    if (cf_get(rec, "bytes", hex, sizeof(hex)))
        got = strtoul(hex, NULL, 16);
    if (s->short_key_pending) {
        cf_fail(run, "KBD-003", rec, "serio got %#llx from a keystroke shorter than 12 bytes",
                (unsigned long long)got);
        s->short_key_pending = false;
    }
    if (!s->len) {
        if (!s->overflow)
            cf_fail(run, "KBD-004", rec, "serio got %#llx that no keystroke explains",
                    (unsigned long long)got);
        return;
    }
    uint8_t want = s->want[s->head];
    s->head = (s->head + 1) % KBD_FIFO;
    s->len--;
    if (got == want)
        cf_pass(run, "KBD-004");
    else
        cf_fail(run, "KBD-004", rec, "serio got %#llx where %#x was due", (unsigned long long)got,
                want);
}

static void kbd_record(void *state, struct cf_run *run, const struct trc_record *rec)
{
    struct kbd_state *s = state;
    s->last_ns = rec->time_ns;
    if (kbd_source(s, rec))
        kbd_vsp(s, run, rec);
    else if (s->seen && !strcmp(rec->source, "guest.serio"))
        kbd_serio(s, run, rec);
    else if (cf_is(rec, "guest.driver", "probe_fail") && cf_eq(rec, "drv", "hyperv_keyboard")) {
        s->probe_failed = true;
        s->fail_ns = rec->time_ns;
    }
}

static void kbd_finish(void *state, struct cf_run *run)
{
    struct kbd_state *s = state;
    kbd_short_done(s, run);
    if (s->requested && (s->refused || s->silent || s->short_rsp)) {
        /* the probe must fail: at once when refused, after its 10 s wait otherwise */
        uint64_t wait = s->probe_failed ? s->fail_ns - s->request_ns : 0;
        const char *rule = s->short_rsp ? "KBD-003" : "KBD-002";
        if (s->probe_failed && !s->registered &&
            (s->refused || (wait + KBD_JIFFY_SLACK_NS >= KBD_TIMEOUT_NS &&
                            wait <= KBD_TIMEOUT_NS + KBD_SLACK_NS)))
            cf_pass(run, "KBD-002");
        else if (s->probe_failed && !s->registered)
            cf_fail(run, "KBD-002", NULL, "the probe failed %llu ms after the request, not "
                    "after 10 s", (unsigned long long)(wait / 1000000));
        else if (!s->probe_failed && s->last_ns > s->request_ns + KBD_TIMEOUT_NS + KBD_SLACK_NS)
            cf_fail(run, "KBD-002", NULL, "no probe failure %llu ms after the request",
                    (unsigned long long)((s->last_ns - s->request_ns) / 1000000));
        if (s->short_rsp && s->probe_failed && !s->registered)
            cf_pass(run, rule);
    }
    if (s->len && s->registered && !s->overflow)
        cf_fail(run, "KBD-004", NULL, "%u scancode bytes never reached serio (next %#x)",
                s->len, s->want[s->head]);
}

static const struct cf_checker kbd_checker = {
    .name = "input.keyboard",
    .state_size = sizeof(struct kbd_state),
    .on_record = kbd_record,
    .finish = kbd_finish,
};

const struct cf_checker *const cf_input_checkers[] = {&mou_checker, &kbd_checker, NULL};
