// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_gpadl.c - GPADL_HEADER + BODY assembly (> 26 pages), handle sequence, limits, bad PFNs,
 * malformed bodies, teardown.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gpadl_msgs.h"
#include "vmb/devices.h"

static struct fake_guest g;
static uint64_t pfns[100];

static int setup_cfg(uint32_t max_pages)
{
    struct vmb_host_config cfg;
    vmb_host_config_default(&cfg);
    cfg.max_gpadl_pages = max_pages;
    vmb_device_preset("heartbeat", 0, &cfg.devices[cfg.nr_devices++]);
    fg_init(&g, &cfg);
    fg_connect_offers(&g);
    g.nr_replies = 0;
    for (uint32_t i = 0; i < 100; i++)
        pfns[i] = 0x100 + i;
    return 0;
}

static int setup(void **state)
{
    return setup_cfg(0);
}

static int teardown(void **state)
{
    fg_fini(&g);
    return 0;
}

static struct vmb_msg_gpadl_created created(uint32_t i)
{
    struct vmb_msg_gpadl_created c;
    assert_int_equal(fg_type(&g, i), VMB_MSG_GPADL_CREATED);
    memcpy(&c, g.replies[i], sizeof(c));
    return c;
}

static void test_multi_body(void **state)
{
    fg_gpadl(&g, 1, VMB_FIRST_GPADL_HANDLE, pfns, 60, 0); /* 26 + 28 + 6 */
    assert_int_equal(g.nr_replies, 1);
    struct vmb_msg_gpadl_created c = created(0);
    assert_int_equal(c.gpadl, VMB_FIRST_GPADL_HANDLE);
    assert_int_equal(c.child_relid, 1);
    assert_int_equal(c.creation_status, 0);
    assert_int_equal(g.q.env.nr_findings, 0);
    fg_gpadl(&g, 1, VMB_FIRST_GPADL_HANDLE + 1, pfns, 26, 0); /* exactly one header */
    assert_int_equal(created(1).creation_status, 0);
    struct vmb_host_summary s;
    vmb_host_summary(g.h, &s);
    assert_int_equal(s.gpadls_created, 2);
    /* teardown */
    struct vmb_msg_gpadl_teardown t = { .header.msgtype = VMB_MSG_GPADL_TEARDOWN,
                                        .child_relid = 1, .gpadl = VMB_FIRST_GPADL_HANDLE };
    fg_send(&g, 4, &t, sizeof(t));
    assert_int_equal(fg_type(&g, 2), VMB_MSG_GPADL_TORNDOWN);
    fg_send(&g, 4, &t, sizeof(t)); /* again: unknown now */
    assert_int_equal(g.nr_replies, 3);
    assert_string_equal(g.q.env.last_finding_rule, "VMB-GPADL-006");
}

static void test_bad_pfn(void **state)
{
    pfns[40] = 1ull << 40;
    fg_gpadl(&g, 1, VMB_FIRST_GPADL_HANDLE, pfns, 60, 0);
    assert_int_equal(g.q.env.nr_findings, 1);
    assert_string_equal(g.q.env.last_finding_rule, "HVS-GPADL-001");
    assert_int_not_equal(created(0).creation_status, 0);
}

static void test_body_msgnumber_and_sequence(void **state)
{
    fg_gpadl(&g, 1, VMB_FIRST_GPADL_HANDLE + 5, pfns, 30, 7);
    assert_int_equal(g.q.env.nr_findings, 2); /* handle out of sequence + msgnumber */
    assert_string_equal(g.q.env.last_finding_rule, "VMB-GPADL-004");
    assert_int_equal(created(0).creation_status, 0);
}

static void test_unknown_body_and_relid(void **state)
{
    struct vmb_msg_gpadl_body b = { .header.msgtype = VMB_MSG_GPADL_BODY, .gpadl = 0x1234 };
    uint8_t m[24] = { 0 };
    memcpy(m, &b, sizeof(b));
    fg_send(&g, 4, m, sizeof(m));
    assert_string_equal(g.q.env.last_finding_rule, "VMB-GPADL-003");
    fg_gpadl(&g, 99, VMB_FIRST_GPADL_HANDLE, pfns, 4, 0);
    assert_string_equal(g.q.env.last_finding_rule, "VMB-OFF-001");
    assert_int_not_equal(created(0).creation_status, 0);
}

static void test_short_header_is_finding(void **state)
{
    struct vmb_msg_gpadl_header hd = { .header.msgtype = VMB_MSG_GPADL_HEADER };
    fg_send(&g, 4, &hd, sizeof(hd));
    assert_string_equal(g.q.env.last_finding_rule, "VMB-SYN-002");
    assert_int_equal(g.nr_replies, 0);
}

static void test_page_limit(void **state)
{
    fg_fini(&g);
    setup_cfg(40);
    fg_gpadl(&g, 1, VMB_FIRST_GPADL_HANDLE, pfns, 60, 0);
    assert_int_not_equal(created(0).creation_status, 0);
    /* the following bodies belong to a GPADL the host refused: findings, no crash */
    assert_string_equal(g.q.env.last_finding_rule, "VMB-GPADL-003");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_multi_body, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_pfn, setup, teardown),
        cmocka_unit_test_setup_teardown(test_body_msgnumber_and_sequence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_body_and_relid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_short_header_is_finding, setup, teardown),
        cmocka_unit_test_setup_teardown(test_page_limit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
