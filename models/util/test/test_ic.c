// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_ic.c - the IC engine on a bare queue (no guest): host-side negotiation (good replies
 * accepted, bad ones are findings), answer matching (unsolicited, duplicate, not an echo),
 * response deadlines in virtual time, raw packets the guest must drop, limits, close.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "harness.h"

#define MS 1000000ull
#define S 1000000000ull

static void test_negotiate_ok(void **state)
{
    struct harness *h = h_new(VSP_UTIL_HEARTBEAT, NULL);
    assert_int_equal(vsp_util_stats(h->d)->state, VSP_UTIL_OPEN);
    h_run_until(h, VSP_UTIL_START_DELAY_NS_DEFAULT);
    assert_int_equal(h->nr_pkts, 1);
    struct h_pkt *p = h_last(h);
    assert_int_equal(p->type, VMB_PKT_DATA_INBAND);
    assert_int_equal(p->flags, VMB_PKT_FLAG_COMPLETION_REQUESTED);
    assert_int_equal(p->len, 28 + 8 + 4 * 4); /* fw {1.0,3.0} srv {1.0,3.0} */
    assert_int_equal(vsp_util_stats(h->d)->state, VSP_UTIL_NEGOTIATING);
    h_nego_reply(p, 1, 1, VSP_IC_VER(3, 0), VSP_IC_VER(3, 0));
    h_deliver(h, p, p->len);
    const struct vsp_util_stats *st = vsp_util_stats(h->d);
    assert_int_equal(st->state, VSP_UTIL_READY);
    assert_int_equal(st->fw, VSP_IC_VER(3, 0));
    assert_int_equal(st->srv, VSP_IC_VER(3, 0));
    assert_int_equal(h_findings(h), 0);
    assert_int_equal(h_count(h, "negotiated", "fw=3.0 srv=3.0 result=ok"), 1);
    assert_int_equal(h_count(h, "request", "fw_offered=1.0,3.0 srv_offered=1.0,3.0"), 1);
    char line[256];
    vsp_util_summary(h->d, line, sizeof(line));
    assert_non_null(strstr(line, "service=heartbeat state=ready fw=3.0 srv=3.0"));
    h_free(h);
}

/* Reply with counts/versions and expect one finding with rule (NULL = none) and a state. */
static void nego_case(const struct vsp_util_params *prm, uint16_t cf, uint16_t cm, uint32_t fw,
                      uint32_t srv, const char *rule, enum vsp_util_state want)
{
    struct harness *h = h_new(VSP_UTIL_SHUTDOWN, prm);
    h_run_until(h, VSP_UTIL_START_DELAY_NS_DEFAULT);
    struct h_pkt *p = h_last(h);
    h_nego_reply(p, cf, cm, fw, srv);
    h_deliver(h, p, p->len);
    assert_int_equal(h_findings(h), rule ? 1 : 0);
    if (rule)
        assert_string_equal(h_last_rule(h), rule);
    assert_int_equal(vsp_util_stats(h->d)->state, want);
    h_free(h);
}

static void test_negotiate_bad(void **state)
{
    /* Linux shutdown prefers 3.2: host offers 1.0, 3.0, 3.1, 3.2 */
    nego_case(NULL, 1, 1, VSP_IC_VER(3, 0), VSP_IC_VER(3, 2), NULL, VSP_UTIL_READY);
    nego_case(NULL, 1, 1, VSP_IC_VER(3, 0), VSP_IC_VER(3, 1), "UTIL-IC-002", VSP_UTIL_READY);
    nego_case(NULL, 1, 1, VSP_IC_VER(3, 0), VSP_IC_VER(9, 9), "UTIL-IC-002",
              VSP_UTIL_NO_VERSION);
    nego_case(NULL, 1, 1, VSP_IC_VER(2, 0), VSP_IC_VER(3, 2), "UTIL-IC-002",
              VSP_UTIL_NO_VERSION);
    nego_case(NULL, 0, 0, 0, 0, "UTIL-IC-002", VSP_UTIL_NO_VERSION); /* common exists */
    nego_case(NULL, 2, 1, VSP_IC_VER(3, 0), VSP_IC_VER(3, 2), "UTIL-IC-003",
              VSP_UTIL_NO_VERSION);
    nego_case(NULL, 1, 0, VSP_IC_VER(3, 0), VSP_IC_VER(3, 2), "UTIL-IC-003",
              VSP_UTIL_NO_VERSION);
    /* host offers only service 2.0: no common version -> 0/0 is right, 1/1 is not */
    struct vsp_util_params prm = { .srv_versions = { VSP_IC_VER(2, 0) }, .nr_srv = 1 };
    nego_case(&prm, 0, 0, VSP_IC_VER(3, 0), 0, NULL, VSP_UTIL_NO_VERSION);
    nego_case(&prm, 1, 1, VSP_IC_VER(3, 0), VSP_IC_VER(2, 0), "UTIL-IC-004", VSP_UTIL_READY);
    prm.no_pref_check = true;
    nego_case(&prm, 1, 1, VSP_IC_VER(3, 0), VSP_IC_VER(2, 0), NULL, VSP_UTIL_READY);
}

static void test_negotiate_malformed(void **state)
{
    /* icmsgsize not 16 */
    struct harness *h = h_new(VSP_UTIL_HEARTBEAT, NULL);
    h_run_until(h, VSP_UTIL_START_DELAY_NS_DEFAULT);
    struct h_pkt *p = h_last(h);
    h_nego_reply(p, 1, 1, VSP_IC_VER(3, 0), VSP_IC_VER(3, 0));
    p->buf[8 + 10] = 24;
    h_deliver(h, p, p->len);
    assert_int_equal(h_findings(h), 1);
    assert_string_equal(h_last_rule(h), "UTIL-IC-003");
    h_free(h);
    /* truncated answer: not an echo, not interpreted */
    h = h_new(VSP_UTIL_HEARTBEAT, NULL);
    h_run_until(h, VSP_UTIL_START_DELAY_NS_DEFAULT);
    p = h_last(h);
    h_nego_reply(p, 1, 1, VSP_IC_VER(3, 0), VSP_IC_VER(3, 0));
    h_deliver(h, p, 40);
    assert_int_equal(h_findings(h), 1);
    assert_string_equal(h_last_rule(h), "UTIL-IC-001");
    assert_int_equal(h_count(h, "finding", "bad=len"), 1);
    assert_int_equal(vsp_util_stats(h->d)->state, VSP_UTIL_NEGOTIATING);
    h_free(h);
}

static void test_matching(void **state)
{
    struct harness *h = h_new(VSP_UTIL_HEARTBEAT, NULL);
    h_negotiate_ok(h, VSP_IC_VER(3, 0), VSP_IC_VER(3, 0));
    struct h_pkt nego = *h_last(h);
    /* duplicate answer to the negotiate */
    h_deliver(h, &nego, nego.len);
    assert_int_equal(h_findings(h), 1);
    assert_int_equal(h_count(h, "finding", "duplicate"), 1);
    /* unsolicited */
    nego.txid = 999;
    h_deliver(h, &nego, nego.len);
    assert_int_equal(h_count(h, "finding", "unsolicited"), 1);
    /* wrong icflags and wrong packet type */
    assert_int_equal(vsp_hb_send(h->d), 0);
    struct h_pkt *p = h_last(h);
    h_make_response(p, 0);
    p->buf[8 + 17] = VSP_IC_FLAG_RESPONSE;
    uint64_t seq = 0 + 1;
    memcpy(p->buf + 28, &seq, 8);
    h_deliver(h, p, p->len + 4); /* the ring pads 68 to 72: a padded echo is an echo */
    assert_int_equal(h_count(h, "finding", "bad=icflags"), 1);
    assert_int_equal(vsp_hb_send(h->d), 0);
    p = h_last(h);
    vsp_util_receive(h->d, VMB_PKT_COMP, 0, p->txid, p->buf, p->len);
    assert_string_equal(h_last_rule(h), "UTIL-IC-001");
    assert_int_equal(h_findings(h), 4);
    h_free(h);
}

static void test_deadline(void **state)
{
    struct harness *h = h_new(VSP_UTIL_TIMESYNC, NULL);
    h_run_until(h, 10 * S);
    /* negotiate never answered: finding at start + 5 s, in virtual time */
    assert_int_equal(h_findings(h), 1);
    assert_string_equal(h_last_rule(h), "UTIL-IC-003");
    uint32_t i;
    for (i = 0; i < h->nr_recs && strcmp(h->recs[i].kind, "finding"); i++)
        ;
    assert_true(i < h->nr_recs);
    assert_int_equal(h->recs[i].t_ns, VSP_UTIL_START_DELAY_NS_DEFAULT + 5 * S);
    /* a late answer is still taken, without a second finding */
    struct h_pkt *p = h_last(h);
    h_nego_reply(p, 1, 1, VSP_IC_VER(3, 0), VSP_IC_VER(4, 0));
    h_deliver(h, p, p->len);
    assert_int_equal(h_findings(h), 1);
    assert_int_equal(h_count(h, "response", "late=1"), 1);
    assert_int_equal(vsp_util_stats(h->d)->state, VSP_UTIL_READY);
    h_free(h);
}

static void test_raw_silence(void **state)
{
    struct vsp_util_params prm = { .no_periodic = true };
    struct harness *h = h_new(VSP_UTIL_HEARTBEAT, &prm);
    h_negotiate_ok(h, VSP_IC_VER(3, 0), VSP_IC_VER(3, 0));
    uint8_t shortpkt[20] = { 1 };
    assert_int_equal(vsp_util_send_raw(h->d, shortpkt, sizeof(shortpkt), "UTIL-IC-006"), 0);
    h_run_until(h, h->q.now_ns + 6 * S);
    assert_int_equal(h_count(h, "silent", NULL), 1);
    assert_int_equal(h_findings(h), 0);
    assert_int_equal(vsp_util_send_raw(h->d, shortpkt, sizeof(shortpkt), "UTIL-IC-006"), 0);
    struct h_pkt *p = h_last(h);
    h_deliver(h, p, p->len);
    assert_int_equal(h_findings(h), 1);
    assert_string_equal(h_last_rule(h), "UTIL-IC-006");
    /* unknown icmsgtype on heartbeat: must come back E_FAIL (UTIL-IC-007) */
    uint8_t raw[80], body[40] = { 0 };
    struct vsp_ic_hdr ih = { .icverframe = { 3, 0 }, .icmsgtype = 9, .icvermsg = { 3, 0 },
                             .ictransaction_id = 77,
                             .icflags = VSP_IC_FLAG_TRANSACTION | VSP_IC_FLAG_REQUEST };
    uint32_t rl = vsp_ic_encode(raw, sizeof(raw), &ih, body, sizeof(body));
    assert_int_equal(vsp_util_send_raw(h->d, raw, rl, NULL), 0);
    p = h_last(h);
    h_echo(h, p); /* status 0 echoed: wrong */
    assert_string_equal(h_last_rule(h), "UTIL-IC-007");
    assert_int_equal(vsp_util_send_raw(h->d, raw, rl, NULL), 0);
    p = h_last(h);
    h_make_response(p, VSP_IC_E_FAIL);
    h_deliver(h, p, p->len);
    assert_int_equal(h_findings(h), 2);
    h_free(h);
}

static void test_limits_and_close(void **state)
{
    struct vsp_util_params prm = { .max_pending = 2, .no_periodic = true };
    struct harness *h = h_new(VSP_UTIL_HEARTBEAT, &prm);
    assert_int_equal(vsp_hb_send(h->d), VSP_UTIL_ENOTREADY);
    h_negotiate_ok(h, VSP_IC_VER(3, 0), VSP_IC_VER(3, 0));
    assert_int_equal(vsp_hb_send(h->d), 0);
    assert_int_equal(vsp_hb_send(h->d), 0);
    assert_int_equal(vsp_hb_send(h->d), VSP_UTIL_EBUSY);
    assert_int_equal(h_count(h, "limit", "what=max_pending"), 1);
    h->send_rc = -11;
    assert_int_equal(vsp_util_stats(h->d)->pending, 2);
    vsp_util_close(h->d);
    assert_int_equal(h_count(h, "abandoned", NULL), 2);
    assert_int_equal(vsp_util_stats(h->d)->pending, 0);
    assert_int_equal(vsp_util_stats(h->d)->state, VSP_UTIL_CLOSED);
    /* reopen: a new negotiation, trans ids keep increasing; a full ring is reported */
    vsp_util_open(h->d, &h->q.env, h_send, h);
    h_run_until(h, h->q.now_ns + VSP_UTIL_START_DELAY_NS_DEFAULT);
    assert_int_equal(h_count(h, "send_failed", "rc=-11"), 1);
    h->send_rc = 0;
    assert_int_equal(vsp_util_negotiate(h->d), 0);
    assert_int_equal(h_last(h)->txid, 5);
    h_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_negotiate_ok),    cmocka_unit_test(test_negotiate_bad),
        cmocka_unit_test(test_negotiate_malformed), cmocka_unit_test(test_matching),
        cmocka_unit_test(test_deadline),        cmocka_unit_test(test_raw_silence),
        cmocka_unit_test(test_limits_and_close),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
