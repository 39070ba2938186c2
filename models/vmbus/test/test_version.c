// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_version.c - version negotiation table: every version accepted or refused per config,
 * connection ids per version, msg_conn_id in VERSION_RESPONSE, and findings for contacts on
 * the wrong connection id or out of order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fake_guest.h"

static void negotiate_one(uint32_t vi, bool accepted)
{
    struct fake_guest g;
    struct vmb_host_config cfg;
    vmb_host_config_default(&cfg);
    cfg.msg_conn_id = 0x77;
    cfg.accepted_versions = accepted ? (1u << vi) : (VMB_ACCEPT_ALL & ~(1u << vi));
    fg_init(&g, &cfg);
    uint32_t v = vmb_versions[vi];
    fg_contact(&g, v);
    assert_int_equal(g.nr_replies, 1);
    struct vmb_msg_version_response r;
    memcpy(&r, g.replies[0], sizeof(r));
    assert_int_equal(r.header.msgtype, VMB_MSG_VERSION_RESPONSE);
    assert_int_equal(g.reply_len[0], 16);
    bool guest_may_ask = v != VMB_VERSION_WS2008 && v != VMB_VERSION_WIN7;
    assert_int_equal(r.version_supported, accepted && guest_may_ask);
    struct vmb_host_summary s;
    vmb_host_summary(g.h, &s);
    if (accepted && guest_may_ask) {
        assert_int_equal(s.negotiated_version, v);
        assert_int_equal(r.msg_conn_id, v >= VMB_VERSION_WIN10_V5 ? 0x77u : 0u);
        assert_int_equal(g.q.env.nr_findings, 0);
    } else {
        assert_int_equal(s.negotiated_version, 0);
    }
    /* requesting 0.13 / 1.1 is itself a finding (VMB-VER-002) */
    assert_int_equal(g.q.env.nr_findings, guest_may_ask ? 0u : 1u);
    fg_fini(&g);
}

static void test_each_version(void **state)
{
    for (uint32_t i = 0; i < VMB_VERSION_COUNT; i++) {
        negotiate_one(i, true);
        negotiate_one(i, false);
    }
}

static void test_conn_ids(void **state)
{
    assert_int_equal(vmb_contact_conn_id(VMB_VERSION_WIN10_V5_3), 4);
    assert_int_equal(vmb_contact_conn_id(VMB_VERSION_WIN10_V5), 4);
    assert_int_equal(vmb_contact_conn_id(VMB_VERSION_WIN10_V4_1), 1);
    assert_int_equal(vmb_contact_conn_id(VMB_VERSION_WIN8), 1);
    assert_int_equal(vmb_version_bit(VMB_VERSION_WIN10_V5_3), 1u << 9);
    assert_int_equal(vmb_version_bit(0x50004), 0);
}

static void test_fallback_sequence(void **state)
{
    struct fake_guest g;
    struct vmb_host_config cfg;
    vmb_host_config_default(&cfg);
    cfg.accepted_versions = vmb_version_bit(VMB_VERSION_WIN10) | vmb_version_bit(VMB_VERSION_WIN8);
    fg_init(&g, &cfg);
    const uint32_t order[] = { 0x50003, 0x50002, 0x50001, 0x50000, 0x40001, 0x40000 };
    for (uint32_t i = 0; i < 6; i++)
        fg_contact(&g, order[i]);
    assert_int_equal(g.nr_replies, 6);
    for (uint32_t i = 0; i < 6; i++)
        assert_int_equal(g.replies[i][8], i == 5);
    assert_int_equal(g.q.env.nr_findings, 0);
    /* once connected, another INITIATE_CONTACT is out of state */
    fg_contact(&g, 0x30000);
    assert_int_equal(g.nr_replies, 6);
    assert_string_equal(g.q.env.last_finding_rule, "VMB-VER-009");
    fg_fini(&g);
}

static void test_wrong_conn_and_order(void **state)
{
    struct fake_guest g;
    struct vmb_host_config cfg;
    vmb_host_config_default(&cfg);
    cfg.accepted_versions = vmb_version_bit(VMB_VERSION_WIN8);
    fg_init(&g, &cfg);
    struct vmb_msg_initiate_contact ic = { .header.msgtype = VMB_MSG_INITIATE_CONTACT,
                                           .vmbus_version_requested = 0x50003,
                                           .interrupt_page_or_sint = 2,
                                           .monitor_page1 = FG_MON1,
                                           .monitor_page2 = FG_MON2 };
    fg_send(&g, 1, &ic, sizeof(ic)); /* 5.3 on connection 1 */
    assert_string_equal(g.q.env.last_finding_rule, "VMB-VER-003");
    ic.vmbus_version_requested = 0x50003; /* same version again: not descending */
    fg_send(&g, 4, &ic, sizeof(ic));
    assert_string_equal(g.q.env.last_finding_rule, "VMB-VER-002");
    ic.monitor_page2 = FG_MON1; /* same monitor page twice */
    ic.vmbus_version_requested = 0x50002;
    fg_send(&g, 4, &ic, sizeof(ic));
    assert_string_equal(g.q.env.last_finding_rule, "VMB-VER-008");
    fg_fini(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_version),
        cmocka_unit_test(test_conn_ids),
        cmocka_unit_test(test_fallback_sequence),
        cmocka_unit_test(test_wrong_conn_and_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
