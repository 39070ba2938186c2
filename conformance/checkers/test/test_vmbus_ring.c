/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_vmbus_ring.c - the ring checker's use of the test device's judgements (vmbus_chan.c:
 * the vsp.test result counts, the guest's exact-fit send) on hand-written traces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../vmbus_internal.h"
#include "cf/checker.h"
#include "sim/trace.h"

static const struct cf_checker *const checkers[] = {&cf_vmbus_ring_checker, NULL};

#include "cf_test.h"

#define RESULT(extra)                                                                              \
    {                                                                                              \
        "vsp.test", "result", "pass=1 rx=10 tx=10 rx_bad=0 " extra                                 \
    }
#define FINDING(rule) {"vsp.test.1", "finding", "rule=" rule " relid=1 detail"}

static void test_counts_pass(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("VMB-RING-002", RESULT("layout_checks=10")), CF_PASS);
    assert_int_equal(JUDGE("VMB-RING-002", RESULT("layout_checks=0")), CF_NA);
    assert_int_equal(JUDGE("VMB-RING-008", RESULT("read_signals=2")), CF_PASS);
    assert_int_equal(JUDGE("VMB-SIG-006", RESULT("mask_checks=3")), CF_PASS);
    assert_int_equal(JUDGE("VMB-RING-007", RESULT("batch_checks=1")), CF_PASS);
    assert_int_equal(JUDGE("VMB-RING-001", RESULT("exact_checks=1")), CF_PASS);
    /* a finding of the same rule stays a FAIL (sticky) */
    assert_int_equal(JUDGE("VMB-RING-002", FINDING("VMB-RING-002"), RESULT("layout_checks=10")),
                     CF_FAIL);
}

static void test_ring_015_011(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("VMB-RING-015", RESULT("guest_waits=4")), CF_PASS);
    assert_int_equal(JUDGE("VMB-RING-015", {"vsp.test", "result", "rx_bad=1 guest_waits=4"}),
                     CF_FAIL);
    assert_int_equal(JUDGE("VMB-RING-015", RESULT("guest_waits=0")), CF_NA);
    assert_int_equal(JUDGE("VMB-RING-011", RESULT("toctou=1 guest_rx_bad=0")), CF_PASS);
    assert_int_equal(JUDGE("VMB-RING-011", RESULT("toctou=1 guest_rx_bad=1")), CF_FAIL);
    assert_int_equal(JUDGE("VMB-RING-011", RESULT("toctou=0 guest_rx_bad=1")), CF_NA);
}

static void test_exact_send(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("VMB-RING-001", {"guest.testdrv", "tx_exact",
                                            "seq=7 free=1928 need=1928 ret=-11"}),
                     CF_PASS);
    assert_int_equal(JUDGE("VMB-RING-001", {"guest.testdrv", "tx_exact",
                                            "seq=7 free=1928 need=1928 ret=0"}),
                     CF_FAIL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_pass),
        cmocka_unit_test(test_ring_015_011),
        cmocka_unit_test(test_exact_send),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
