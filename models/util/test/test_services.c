// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_services.c - per-service behaviour on a bare queue: heartbeat period, seq_num + 1 and
 * deadline expiry in virtual time; shutdown statuses and the answer-before-action rule;
 * timesync v3/v4 formats and host time; KVP UTF-16 keys/values and answer checks; VSS and
 * fcopy daemon expectations; the vmb_device_config constructor.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "harness.h"
#include "vmb/devices.h"

#define S 1000000000ull
#define V(a, b) VSP_IC_VER(a, b)

static uint64_t seq_of(const struct h_pkt *p)
{
    uint64_t s;
    memcpy(&s, p->buf + 28, 8);
    return s;
}

static void hb_answer(struct harness *h, struct h_pkt *p, uint64_t add)
{
    uint64_t s = seq_of(p) + add;
    memcpy(p->buf + 28, &s, 8);
    h_echo(h, p);
}

static void test_heartbeat(void **state)
{
    struct vsp_util_params prm = { .hb_first_seq = 100 };
    struct harness *h = h_new(VSP_UTIL_HEARTBEAT, &prm);
    h_negotiate_ok(h, V(3, 0), V(3, 0));
    uint64_t t0 = h->q.now_ns;
    h_run_until(h, t0 + 2 * S);
    assert_int_equal(h->nr_pkts, 2);
    struct h_pkt *p = h_last(h);
    assert_int_equal(p->len, 68);
    assert_int_equal(seq_of(p), 100);
    hb_answer(h, p, 1);
    assert_int_equal(vsp_util_stats(h->d)->hb_last_seq, 101);
    assert_int_equal(h_count(h, "response", "seq=101"), 1);
    h_run_until(h, t0 + 4 * S);
    p = h_last(h);
    assert_int_equal(seq_of(p), 101);
    hb_answer(h, p, 2); /* seq + 2: wrong */
    assert_int_equal(h_findings(h), 1);
    assert_string_equal(h_last_rule(h), "UTIL-HB-001");
    /* the next one is not answered: finding exactly one period after it left */
    h_run_until(h, t0 + 6 * S);
    assert_int_equal(seq_of(h_last(h)), 102);
    h_run_until(h, t0 + 8 * S - 1);
    assert_int_equal(h_findings(h), 1);
    h_run_until(h, t0 + 8 * S);
    assert_int_equal(h_findings(h), 2);
    assert_int_equal(h_count(h, "timeout", "type=1"), 1);
    assert_int_equal(vsp_util_stats(h->d)->timeouts, 1);
    h_free(h);
}

static uint32_t status_of(const struct h_pkt *p)
{
    struct vsp_ic_msg_hdr m;
    memcpy(&m, p->buf, sizeof(m));
    return m.ic.status;
}

static void sd_case(uint32_t flags, uint32_t status, enum vsp_util_tristate hib,
                    const char *rule)
{
    struct vsp_util_params prm = { .hibernate = hib };
    struct harness *h = h_new(VSP_UTIL_SHUTDOWN, &prm);
    h_negotiate_ok(h, V(3, 0), V(3, 2));
    assert_int_equal(vsp_shutdown_request_flags(h->d, flags, VSP_SD_REASON_PLANNED, 30), 0);
    struct h_pkt *p = h_last(h);
    assert_int_equal(p->len, 28 + 2060);
    uint32_t f;
    memcpy(&f, p->buf + 28 + 8, 4);
    assert_int_equal(f, flags);
    assert_int_equal(status_of(p), 0);
    h_make_response(p, status);
    h_deliver(h, p, p->len);
    assert_int_equal(h_findings(h), rule ? 1 : 0);
    if (rule)
        assert_string_equal(h_last_rule(h), rule);
    h_free(h);
}

static void test_shutdown(void **state)
{
    sd_case(0, VSP_IC_S_OK, VSP_UTIL_UNKNOWN, NULL);
    sd_case(1, VSP_IC_E_FAIL, VSP_UTIL_UNKNOWN, "UTIL-SD-001");
    sd_case(2, VSP_IC_S_OK, VSP_UTIL_UNKNOWN, NULL);
    sd_case(3, VSP_IC_E_FAIL, VSP_UTIL_UNKNOWN, "UTIL-SD-002");
    sd_case(4, VSP_IC_E_FAIL, VSP_UTIL_UNKNOWN, NULL);
    sd_case(4, VSP_IC_E_FAIL, VSP_UTIL_YES, "UTIL-SD-003");
    sd_case(5, VSP_IC_S_OK, VSP_UTIL_NO, "UTIL-SD-003");
    sd_case(7, VSP_IC_S_OK, VSP_UTIL_UNKNOWN, "UTIL-SD-004");
    sd_case(7, VSP_IC_E_FAIL, VSP_UTIL_UNKNOWN, NULL);
    /* the guest powered off without answering: the channel closes with it outstanding */
    struct harness *h = h_new(VSP_UTIL_SHUTDOWN, NULL);
    h_negotiate_ok(h, V(3, 0), V(3, 2));
    assert_int_equal(vsp_shutdown_request(h->d, VSP_SHUTDOWN_REBOOT), 0);
    vsp_util_close(h->d);
    assert_string_equal(h_last_rule(h), "UTIL-SD-005");
    h_free(h);
}

static void test_timesync(void **state)
{
    struct vsp_util_params prm = { .time_offset_ns = 3 * (int64_t)S };
    struct harness *h = h_new(VSP_UTIL_TIMESYNC, &prm);
    h_negotiate_ok(h, V(3, 0), V(4, 0));
    struct h_pkt *p = h_last(h); /* the initial SYNC, v4 */
    assert_int_equal(p->len, 28 + 22);
    struct vsp_ic_timesync_v4 m;
    memcpy(&m, p->buf + 28, sizeof(m));
    uint64_t now = h->q.now_ns;
    assert_int_equal(m.flags, VSP_TS_FLAG_SYNC);
    assert_int_equal(m.vmreferencetime, now / 100);
    assert_int_equal(m.parenttime,
                     VSP_TS_WLTIMEDELTA + (VSP_UTIL_UNIX_AT_ZERO_NS_DEFAULT + now + 3 * S) / 100);
    h_echo(h, p);
    h_run_until(h, now + 5 * S);
    p = h_last(h);
    memcpy(&m, p->buf + 28, sizeof(m));
    assert_int_equal(m.flags, VSP_TS_FLAG_SAMPLE);
    h_echo(h, p);
    assert_int_equal(h_findings(h), 0);
    assert_int_equal(vsp_timesync_send(h->d, VSP_TS_FLAG_PROBE), 0);
    h_run_until(h, h->q.now_ns + 5 * S); /* probe unanswered: UTIL-TS-004 */
    assert_int_equal(h_count(h, "finding", "rule=UTIL-TS-004"), 1);
    h_free(h);
    /* service 3.0: the 25-byte format */
    struct vsp_util_params p3 = { .srv_versions = { V(1, 0), V(3, 0) }, .nr_srv = 2 };
    h = h_new(VSP_UTIL_TIMESYNC, &p3);
    h_negotiate_ok(h, V(3, 0), V(3, 0));
    assert_int_equal(h_last(h)->len, 28 + 25);
    assert_int_equal(h_findings(h), 0);
    h_free(h);
}

static void test_kvp(void **state)
{
    struct vsp_util_params prm = { .daemon = VSP_UTIL_DAEMON_PRESENT };
    struct harness *h = h_new(VSP_UTIL_KVP, &prm);
    h_negotiate_ok(h, V(3, 0), V(4, 0));
    assert_int_equal(vsp_kvp_request(h->d, VSP_KVP_OP_SET, 1, "Key", "v\xc3\xa9"), 0);
    struct h_pkt *p = h_last(h);
    assert_int_equal(p->len, 28 + 7430);
    const uint8_t *b = p->buf + 28;
    assert_int_equal(b[0], VSP_KVP_OP_SET);
    assert_int_equal(b[1], 1);
    struct vsp_kvp_value kv;
    memcpy(&kv, b + 4, sizeof(kv));
    assert_int_equal(kv.value_type, VSP_KVP_REG_SZ);
    assert_int_equal(kv.key_size, 8);
    assert_int_equal(kv.value_size, 6);
    const uint8_t key[] = { 'K', 0, 'e', 0, 'y', 0, 0, 0 };
    const uint8_t val[] = { 'v', 0, 0xe9, 0, 0, 0 };
    assert_memory_equal(kv.key, key, sizeof(key));
    assert_memory_equal(kv.value, val, sizeof(val));
    assert_int_equal(h_count(h, "request", "key=\"Key\" value=\"v%C3%A9\""), 1);
    /* only one transaction at a time */
    assert_int_equal(vsp_kvp_request(h->d, VSP_KVP_OP_GET, 0, "a", NULL), VSP_UTIL_EBUSY);
    h_echo(h, p);
    /* GET: the guest fills value (UTF-16, size with terminator, REG_SZ) */
    assert_int_equal(vsp_kvp_request(h->d, VSP_KVP_OP_GET, 1, "Key", NULL), 0);
    p = h_last(h);
    h_make_response(p, 0);
    memcpy(&kv, p->buf + 32, sizeof(kv));
    kv.value_size = 2u * (uint32_t)(vsp_utf16_encode("42", kv.value, 1024) + 1);
    memcpy(p->buf + 32, &kv, sizeof(kv));
    h_deliver(h, p, p->len);
    assert_int_equal(h_findings(h), 0);
    assert_string_equal(vsp_kvp_last(h->d)->value, "42");
    /* ENUMERATE answer with a wrong value_type and no terminator */
    assert_int_equal(vsp_kvp_enumerate(h->d, 0, 3), 0);
    p = h_last(h);
    uint32_t idx;
    memcpy(&idx, p->buf + 32, 4);
    assert_int_equal(idx, 3);
    h_make_response(p, 0);
    memset(&kv, 0, sizeof(kv));
    kv.value_type = VSP_KVP_REG_U32;
    kv.key_size = 2u * (uint32_t)(vsp_utf16_encode("k", kv.key, 256) + 1);
    kv.value[0] = 'x';
    kv.value_size = 2;
    memcpy(p->buf + 36, &kv, sizeof(kv));
    h_deliver(h, p, p->len);
    assert_int_equal(h_findings(h), 1);
    assert_string_equal(h_last_rule(h), "UTIL-KVP-004");
    assert_int_equal(h_count(h, "finding", "bad=value_type,value,"), 1);
    /* no answer within 30 s with a daemon present */
    assert_int_equal(vsp_kvp_request(h->d, VSP_KVP_OP_DELETE, 2, "gone", NULL), 0);
    h_run_until(h, h->q.now_ns + 31 * S);
    assert_string_equal(h_last_rule(h), "UTIL-KVP-002");
    /* IP info: hv_kvp_ip_msg layout */
    assert_int_equal(vsp_kvp_request(h->d, VSP_KVP_OP_SET_IP_INFO, 0, "eth0", "10.0.0.2"), 0);
    p = h_last(h);
    assert_int_equal(p->len, 28 + 7428);
    assert_int_equal(p->buf[28 + 2], 'e'); /* adapter_id right after op, pool */
    assert_int_equal(p->buf[28 + 2 + 256], VSP_KVP_ADDR_FAMILY_IPV4);
    assert_int_equal(p->buf[28 + 2 + 258], '1');
    h_free(h);
}

static void test_kvp_no_daemon(void **state)
{
    struct vsp_util_params prm = { .daemon = VSP_UTIL_DAEMON_ABSENT };
    struct harness *h = h_new(VSP_UTIL_KVP, &prm);
    h_run_until(h, 60 * S); /* NEGOTIATE never consumed: conformant */
    assert_int_equal(h_findings(h), 0);
    assert_int_equal(h_count(h, "timeout", "expected=1"), 1);
    struct h_pkt *p = h_last(h);
    h_nego_reply(p, 1, 1, V(3, 0), V(4, 0));
    h_deliver(h, p, p->len); /* late answer: taken, but no daemon was expected... */
    assert_int_equal(vsp_util_stats(h->d)->state, VSP_UTIL_READY);
    assert_int_equal(vsp_kvp_request(h->d, VSP_KVP_OP_GET, 0, "x", NULL), 0);
    p = h_last(h);
    h_make_response(p, VSP_IC_E_FAIL);
    h_deliver(h, p, p->len);
    assert_string_equal(h_last_rule(h), "UTIL-KVP-001");
    h_free(h);
}

static void test_vss_fcopy(void **state)
{
    struct vsp_util_params prm = { .daemon = VSP_UTIL_DAEMON_ABSENT };
    struct harness *h = h_new(VSP_UTIL_VSS, &prm);
    h_negotiate_ok(h, V(3, 0), V(5, 0));
    assert_int_equal(h_findings(h), 0);
    assert_int_equal(vsp_vss_request(h->d, VSP_VSS_OP_FREEZE), 0);
    struct h_pkt *p = h_last(h);
    assert_int_equal(p->len, 40);
    h_make_response(p, VSP_IC_S_OK);
    h_deliver(h, p, p->len);
    assert_string_equal(h_last_rule(h), "UTIL-VSS-002");
    assert_int_equal(vsp_vss_request(h->d, VSP_VSS_OP_GET_DM_INFO), 0);
    h_echo(h, h_last(h));
    assert_int_equal(h_findings(h), 1);
    h_free(h);
    prm.daemon = VSP_UTIL_DAEMON_PRESENT;
    h = h_new(VSP_UTIL_VSS, &prm);
    h_negotiate_ok(h, V(3, 0), V(5, 0));
    assert_int_equal(vsp_vss_request(h->d, VSP_VSS_OP_HOT_BACKUP), 0);
    h_echo(h, h_last(h)); /* flags 0 instead of 5 */
    assert_string_equal(h_last_rule(h), "UTIL-VSS-004");
    assert_int_equal(vsp_vss_request(h->d, VSP_VSS_OP_FREEZE), 0);
    h_run_until(h, h->q.now_ns + 900 * S);
    assert_int_equal(h_findings(h), 1);
    h_run_until(h, h->q.now_ns + 2 * S);
    assert_string_equal(h_last_rule(h), "UTIL-VSS-003");
    h_free(h);

    prm.daemon = VSP_UTIL_DAEMON_ABSENT;
    h = h_new(VSP_UTIL_FCOPY, &prm);
    h_negotiate_ok(h, V(3, 0), V(1, 1));
    assert_int_equal(h_findings(h), 0);
    assert_int_equal(vsp_fcopy_start(h->d, "a.txt", "/tmp", VSP_FCOPY_OVER_WRITE, 9), 0);
    p = h_last(h);
    assert_int_equal(p->len, 28 + 1088);
    assert_int_equal(p->buf[28 + 36], 'a');
    assert_int_equal(p->buf[28 + 36 + 520], '/');
    h_make_response(p, VSP_IC_E_FAIL);
    h_deliver(h, p, p->len);
    assert_int_equal(vsp_fcopy_write(h->d, 0, "123456789", 9), 0);
    p = h_last(h);
    assert_int_equal(p->len, 28 + 6196);
    h_echo(h, p); /* status 0 without daemon */
    assert_string_equal(h_last_rule(h), "UTIL-FC-001");
    assert_int_equal(vsp_fcopy_write(h->d, 0, NULL, 7000), VSP_UTIL_EINVAL);
    assert_int_equal(vsp_fcopy_cancel(h->d), 0);
    assert_int_equal(h_last(h)->len, 28 + 36);
    h_free(h);
}

static void test_device_config(void **state)
{
    struct vmb_device_config cfg;
    struct vsp_util_dev *d = vsp_util_device(&cfg, VSP_UTIL_HEARTBEAT, NULL);
    assert_string_equal(cfg.name, "heartbeat");
    struct vmb_guid g;
    assert_int_equal(vmb_guid_parse("57164f39-9115-4e78-ab55-382f3bd5422d", &g), 0);
    assert_memory_equal(&cfg.class_id, &g, sizeof(g));
    assert_non_null(cfg.vsp);
    assert_non_null(cfg.vsp->on_packet);
    assert_ptr_equal(cfg.vsp_ctx, d);
    assert_int_equal(vsp_util_service_parse("kvp"), VSP_UTIL_KVP);
    assert_int_equal(vsp_util_service_parse("nope"), -1);
    assert_string_equal(vsp_util_service_name(VSP_UTIL_FCOPY), "fcopy");
    vsp_util_destroy(d);
    for (int s = 0; s < (int)VSP_UTIL_SERVICE_COUNT; s++) {
        d = vsp_util_device(&cfg, (enum vsp_util_service)s, NULL);
        assert_string_equal(cfg.name, vsp_util_service_name((enum vsp_util_service)s));
        vsp_util_destroy(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heartbeat),     cmocka_unit_test(test_shutdown),
        cmocka_unit_test(test_timesync),      cmocka_unit_test(test_kvp),
        cmocka_unit_test(test_kvp_no_daemon), cmocka_unit_test(test_vss_fcopy),
        cmocka_unit_test(test_device_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
