/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_vmbus_rq.c - the request-id / close-order checker (vmbus_rq.c) on hand-written traces:
 * VMB-RQ-002/003 and VMB-CLOSE-001 can pass and fail, VMB-RQ-001/004/005 pass from the host's
 * summary and fail from its findings (the engine's automatic finding -> FAIL).
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

static const struct cf_checker *const checkers[] = {&cf_vmbus_rq_checker, NULL};

#include "cf_test.h"


#define SUMMARY(req, full, cookie)                                                                 \
    {                                                                                              \
        "vsp.testrq", "summary",                                                                   \
            "relid=1 chan=0 pass=1 req_ok=" req " cookie_ok=" cookie " full_ok=" full " size=8"    \
    }
#define BAD(serial, kind, rule)                                                                    \
    {                                                                                              \
        "vsp.testrq", "bad_comp",                                                                  \
            "relid=1 serial=" serial " kind=" kind " trans_id=0 rule=" rule                        \
    }
#define GCOMP(serial, result)                                                                      \
    {                                                                                              \
        "guest.testrq", "comp",                                                                    \
            "relid=1 chan=0 serial=" serial " kind=1 trans_id=0 result=" result                    \
    }
#define OFFER(relid, sub)                                                                          \
    {                                                                                              \
        "vmbus", "offer", "dev=testrq relid=" relid " sub=" sub " conn=65537 monitorid=-1 of=1"    \
    }
#define OPEN(relid)                                                                                \
    {                                                                                              \
        "vsp.testrq." relid, "open", "relid=" relid " gpadl=0xe1e10 target_vp=0 status=0"          \
    }
#define CLOSE(relid)                                                                               \
    {                                                                                              \
        "vsp.testrq." relid, "close", "relid=" relid " rescinded=0"                                \
    }


static void test_summary_passes(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("VMB-RQ-001", SUMMARY("10", "0", "3")), CF_PASS);
    assert_int_equal(JUDGE("VMB-RQ-004", SUMMARY("10", "1", "3")), CF_PASS);
    assert_int_equal(JUDGE("VMB-RQ-004", SUMMARY("10", "0", "3")), CF_NA);
    assert_int_equal(JUDGE("VMB-RQ-005", SUMMARY("10", "0", "3")), CF_PASS);
    assert_int_equal(JUDGE("VMB-RQ-005", SUMMARY("10", "0", "0")), CF_NA);
    /* a host finding fails the rule; a later summary does not hide it */
    assert_int_equal(JUDGE("VMB-RQ-001",
                           {"vsp.testrq.1", "finding", "rule=VMB-RQ-001 relid=1 trans_id=0"},
                           SUMMARY("10", "0", "3")),
                     CF_FAIL);
}

static void test_bad_completions(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("VMB-RQ-002", BAD("3", "zero", "VMB-RQ-002"), GCOMP("3", "rejected")),
                     CF_PASS);
    assert_int_equal(JUDGE("VMB-RQ-002", BAD("3", "zero", "VMB-RQ-002"), GCOMP("3", "accepted")),
                     CF_FAIL);
    assert_int_equal(JUDGE("VMB-RQ-003", BAD("4", "dup", "VMB-RQ-003"), GCOMP("4", "bogus")),
                     CF_FAIL);
    /* never processed by the end of the run */
    assert_int_equal(JUDGE("VMB-RQ-003", BAD("4", "dup", "VMB-RQ-003")), CF_FAIL);
    /* pairs by serial: another completion's verdict does not answer this one */
    assert_int_equal(JUDGE("VMB-RQ-003", BAD("4", "range", "VMB-RQ-003"), GCOMP("5", "rejected")),
                     CF_FAIL);
    assert_int_equal(JUDGE("VMB-RQ-003", BAD("4", "unknown", "VMB-RQ-003"),
                           BAD("5", "range", "VMB-RQ-003"), GCOMP("5", "rejected"),
                           GCOMP("4", "rejected")),
                     CF_PASS);
    /* a normal completion the guest traces is not judged */
    assert_int_equal(JUDGE("VMB-RQ-003", GCOMP("9", "accepted")), CF_NA);
}

static void test_close_order(void **state)
{
    (void)state;
    /* sub-channels first, then the primary */
    assert_int_equal(JUDGE("VMB-CLOSE-001", OFFER("1", "0"), OFFER("2", "1"), OFFER("3", "2"),
                           OPEN("1"), OPEN("2"), OPEN("3"), CLOSE("2"), CLOSE("3"), CLOSE("1")),
                     CF_PASS);
    /* the primary while sub-channel 3 is open */
    assert_int_equal(JUDGE("VMB-CLOSE-001", OFFER("1", "0"), OFFER("2", "1"), OFFER("3", "2"),
                           OPEN("1"), OPEN("2"), OPEN("3"), CLOSE("2"), CLOSE("1"), CLOSE("3")),
                     CF_FAIL);
    /* no sub-channel ever opened: nothing to judge */
    assert_int_equal(JUDGE("VMB-CLOSE-001", OFFER("1", "0"), OFFER("2", "1"), OPEN("1"),
                           CLOSE("1")),
                     CF_NA);
    /* a rescinded sub-channel need not be closed first */
    assert_int_equal(JUDGE("VMB-CLOSE-001", OFFER("1", "0"), OFFER("2", "1"), OFFER("3", "2"),
                           OPEN("1"), OPEN("2"), OPEN("3"), {"vmbus", "rescind", "relid=3 state=2"},
                           CLOSE("2"), CLOSE("1")),
                     CF_PASS);
    /* another device's open sub-channel does not count */
    assert_int_equal(JUDGE("VMB-CLOSE-001", OFFER("1", "0"), OFFER("2", "1"), OFFER("3", "0"),
                           OFFER("4", "1"), OPEN("1"), OPEN("2"), OPEN("3"), OPEN("4"),
                           CLOSE("2"), CLOSE("1")),
                     CF_PASS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_passes),
        cmocka_unit_test(test_bad_completions),
        cmocka_unit_test(test_close_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
