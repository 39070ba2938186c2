/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_vmbus_mod.c - the MODIFYCHANNEL checker (vmbus_mod.c) on hand-written traces: every
 * VMB-MOD rule can fail, and the correct sequences pass.
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

static const struct cf_checker *const checkers[] = {&cf_vmbus_mod_checker, NULL};

#include "cf_test.h"


#define PATH "path=1c1d6c79-7634-4484-caa4-7738e174dccc/channels/1 attr=cpu value=1"
#define NEG(v)                                                                                     \
    {                                                                                              \
        "vmbus", "negotiate", "version=" v " accepted=1 msg_conn_id=4"                             \
    }
#define OPEN                                                                                       \
    {                                                                                              \
        "vsp.kbd.1", "open", "relid=1 gpadl=0xe1e10 target_vp=0 status=0"                          \
    }
#define START                                                                                      \
    {                                                                                              \
        "guest.sysfs", "write_start", PATH                                                         \
    }
#define SENT                                                                                       \
    {                                                                                              \
        "guest.tp", "vmbus_send_modifychannel", "binding child_relid 0x1 to target_vp 0x1, ret 0"  \
    }
#define MODIFY(st)                                                                                 \
    {                                                                                              \
        "vmbus", "modify", "relid=1 target_vp=1 status=" st                                        \
    }
#define RESPONSE                                                                                   \
    {                                                                                              \
        "vmbus", "send", "msg=MODIFYCHANNEL_RESPONSE msgtype=24 len=16 vcpu=0"                     \
    }
#define DONE(ret)                                                                                  \
    {                                                                                              \
        "guest.sysfs", "write", PATH " ret=" ret                                                   \
    }


static void test_mod_001(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("VMB-MOD-001", NEG("5.3"), OPEN, START, SENT, MODIFY("0")), CF_PASS);
    assert_int_equal(JUDGE("VMB-MOD-001", NEG("4.0"), OPEN, START, SENT, MODIFY("0")), CF_FAIL);
    assert_int_equal(JUDGE("VMB-MOD-001", NEG("5.2"), START, SENT, MODIFY("0")), CF_FAIL);
    /* below 4.1 a write that sends nothing passes */
    assert_int_equal(JUDGE("VMB-MOD-001", NEG("4.0"), OPEN, START, DONE("-5")), CF_PASS);
}

static void test_mod_002(void **state)
{
    (void)state;
    assert_int_equal(
        JUDGE("VMB-MOD-002", NEG("5.3"), OPEN, START, SENT, MODIFY("0"), RESPONSE, DONE("1")),
        CF_PASS);
    assert_int_equal(JUDGE("VMB-MOD-002", NEG("5.3"), OPEN, START, SENT, MODIFY("0xc0000001"),
                           RESPONSE, DONE("-5")),
                     CF_PASS);
    /* returned before the response, ignored a failure, failed on success, never woke */
    assert_int_equal(JUDGE("VMB-MOD-002", NEG("5.3"), OPEN, START, SENT, MODIFY("0"), DONE("1")),
                     CF_FAIL);
    assert_int_equal(JUDGE("VMB-MOD-002", NEG("5.3"), OPEN, START, SENT, MODIFY("0xc0000001"),
                           RESPONSE, DONE("1")),
                     CF_FAIL);
    assert_int_equal(
        JUDGE("VMB-MOD-002", NEG("5.3"), OPEN, START, SENT, MODIFY("0"), RESPONSE, DONE("-5")),
        CF_FAIL);
    assert_int_equal(JUDGE("VMB-MOD-002", NEG("5.3"), OPEN, START, SENT, MODIFY("0"), RESPONSE),
                     CF_FAIL);
}

static void test_mod_003(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("VMB-MOD-003", NEG("5.2"), OPEN, START, SENT, DONE("1"), MODIFY("0")),
                     CF_PASS);
    assert_int_equal(JUDGE("VMB-MOD-003", NEG("4.1"), OPEN, START, SENT, MODIFY("0")), CF_FAIL);
}

static void test_mod_004(void **state)
{
    (void)state;
    const struct rec stray = {"hv", "event", "vcpu=0 sint=2 flag=1 siefp=on"};
    const struct rec sched = {"guest.tp", "vmbus_chan_sched", "relid 0x1"};
    const struct rec on_target = {"hv", "event", "vcpu=1 sint=2 flag=1 siefp=on"};
    assert_int_equal(
        JUDGE("VMB-MOD-004", NEG("5.2"), OPEN, START, SENT, DONE("1"), MODIFY("0"), stray, sched),
        CF_PASS);
    assert_int_equal(
        JUDGE("VMB-MOD-004", NEG("5.2"), OPEN, START, SENT, DONE("1"), MODIFY("0"), stray),
        CF_FAIL);
    assert_int_equal(JUDGE("VMB-MOD-004", NEG("5.2"), OPEN, START, SENT, DONE("1"), MODIFY("0"),
                           on_target, sched),
                     CF_NA);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mod_001),
        cmocka_unit_test(test_mod_002),
        cmocka_unit_test(test_mod_003),
        cmocka_unit_test(test_mod_004),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
