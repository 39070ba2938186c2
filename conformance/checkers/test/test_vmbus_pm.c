/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_vmbus_pm.c - the hibernation checker (vmbus_pm.c) on hand-written traces: every
 * VMB-PM rule can fail, and the correct sequences pass.
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

static const struct cf_checker *const checkers[] = {&cf_vmbus_pm_checker, NULL};

#include "cf_test.h"


#define KBD_INST "1c1d6c79-7634-4484-caa4-7738e174dccc"
#define NEG(v, ok) {"vmbus", "negotiate", "version=" v " accepted=" ok " msg_conn_id=4", 0}
#define OFFER(dev, r, sub) {"vmbus", "offer", "dev=" dev " relid=" r " sub=" sub " conn=1", 0}
#define ONOFFER(hex) {"guest.tp", "vmbus_onoffer", "child_relid " hex ", monitorid 0x0, " \
                      "is_dedicated 0, connection_id 0x10001, if_type f912ad6d, if_instance " \
                      KBD_INST ", chn_flags 0x0", 0}
#define OPEN(dev, r) {"vsp." dev "." r, "open", "relid=" r " gpadl=0xe1e10 status=0", 0}
#define CLOSE(dev, r) {"vsp." dev "." r, "close", "relid=" r " rescinded=0", 0}
#define HIBERNATE {"guest.pm", "hibernate", "off_ns=100000000", 0}
#define UNLOAD {"vmbus", "recv", "msg=UNLOAD msgtype=16 len=8 conn=4 vcpu=0", 0}
#define UNLOAD_RESP {"vmbus", "send", "msg=UNLOAD_RESPONSE msgtype=17 len=8 vcpu=0", 0}
#define REQOFFERS(t) {"vmbus", "recv", "msg=REQUESTOFFERS msgtype=3 len=8 conn=4 vcpu=0", t}
#define ROOT_RESTORED(t) {"guest.pm", "cb", "phase=restore_noirq dev=VMBUS:00 ret=0", t}
#define RESTORED {"guest.pm", "restored", "ret=0", 0}
#define DELIVER(type) {"hv", "deliver", "vcpu=0 sint=2 type=1 size=16 vmb_msgtype=" type, 0}
#define DEV_ADD(dev) {"guest.driver", "device_add", "dev=" dev " bus=vmbus", 0}


/* Boot at 5.3 with the keyboard (relid 1) open and a sub-channel (relid 2) offered. */
#define BOOT NEG("5.3", "1"), OFFER("kbd", "1", "0"), ONOFFER("0x1"), OPEN("kbd", "1"), \
             OFFER("kbd", "2", "1")

static void test_pm_001(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("VMB-PM-001", BOOT, HIBERNATE, CLOSE("kbd", "1"), UNLOAD), CF_PASS);
    assert_int_equal(JUDGE("VMB-PM-001", BOOT, OPEN("kbd", "2"), HIBERNATE, CLOSE("kbd", "2"),
                           CLOSE("kbd", "1"), UNLOAD),
                     CF_PASS);
    assert_int_equal(JUDGE("VMB-PM-001", BOOT, OPEN("kbd", "2"), HIBERNATE, CLOSE("kbd", "1"),
                           UNLOAD),
                     CF_FAIL);
    /* a module unload is not a hibernation */
    assert_int_equal(JUDGE("VMB-PM-001", BOOT, OPEN("kbd", "2"), UNLOAD), CF_NA);
}

static void test_pm_002(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("VMB-PM-002", BOOT, HIBERNATE, UNLOAD, NEG("5.3", "1")), CF_PASS);
    assert_int_equal(JUDGE("VMB-PM-002", BOOT, HIBERNATE, UNLOAD, NEG("5.2", "1")), CF_FAIL);
    assert_int_equal(JUDGE("VMB-PM-002", BOOT, HIBERNATE, UNLOAD, NEG("5.3", "0")), CF_PASS);
    assert_int_equal(JUDGE("VMB-PM-002", BOOT, HIBERNATE, UNLOAD, NEG("5.3", "0"),
                           NEG("5.2", "1")),
                     CF_FAIL);
    assert_int_equal(JUDGE("VMB-PM-002", BOOT, NEG("5.3", "1")), CF_NA);
}

static void test_pm_003(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("VMB-PM-003", BOOT, HIBERNATE, CLOSE("kbd", "1"), UNLOAD,
                           NEG("5.3", "1"), OFFER("kbd", "17", "0"), OPEN("kbd", "17"), RESTORED),
                     CF_PASS);
    /* not opened again under the new relid */
    assert_int_equal(JUDGE("VMB-PM-003", BOOT, HIBERNATE, CLOSE("kbd", "1"), UNLOAD,
                           NEG("5.3", "1"), OFFER("kbd", "17", "0"), RESTORED),
                     CF_FAIL);
    /* a new device for a known instance */
    assert_int_equal(JUDGE("VMB-PM-003", BOOT, HIBERNATE, CLOSE("kbd", "1"), UNLOAD,
                           NEG("5.3", "1"), OFFER("kbd", "17", "0"), DEV_ADD(KBD_INST),
                           OPEN("kbd", "17"), RESTORED),
                     CF_FAIL);
}

static void test_pm_004(void **state)
{
    (void)state;
    const struct rec withhold = {"vmbus", "withhold", "dev=kbd relid=17 sub=0", 0};
    const uint64_t s = 1000000000ull;
    assert_int_equal(JUDGE("VMB-PM-004", BOOT, HIBERNATE, CLOSE("kbd", "1"), UNLOAD,
                           NEG("5.3", "1"), REQOFFERS(20 * s), withhold,
                           ROOT_RESTORED(30 * s + 1000)),
                     CF_PASS);
    /* went on without waiting */
    assert_int_equal(JUDGE("VMB-PM-004", BOOT, HIBERNATE, CLOSE("kbd", "1"), UNLOAD,
                           NEG("5.3", "1"), REQOFFERS(20 * s), withhold, ROOT_RESTORED(21 * s)),
                     CF_FAIL);
    /* never went on */
    assert_int_equal(JUDGE("VMB-PM-004", BOOT, HIBERNATE, CLOSE("kbd", "1"), UNLOAD,
                           NEG("5.3", "1"), REQOFFERS(20 * s), withhold,
                           {"vmbus", "idle", "x=1", 40 * s}),
                     CF_FAIL);
    /* nothing withheld: not judged */
    assert_int_equal(JUDGE("VMB-PM-004", BOOT, HIBERNATE, CLOSE("kbd", "1"), UNLOAD,
                           NEG("5.3", "1"), REQOFFERS(20 * s), ROOT_RESTORED(20 * s + 100)),
                     CF_NA);
}

static void test_pm_005(void **state)
{
    (void)state;
    const struct rec sus = {"vmbus", "offer_suspended", "dev=suspended relid=3 sub=0 conn=3", 0};
    assert_int_equal(JUDGE("VMB-PM-005", BOOT, HIBERNATE, CLOSE("kbd", "1"), UNLOAD, sus,
                           UNLOAD_RESP, DELIVER("1"), DELIVER("17"), NEG("5.3", "1")),
                     CF_PASS);
    /* the guest handled it */
    assert_int_equal(JUDGE("VMB-PM-005", BOOT, HIBERNATE, CLOSE("kbd", "1"), UNLOAD, sus,
                           UNLOAD_RESP, DELIVER("1"), ONOFFER("0x3"), DELIVER("17"),
                           NEG("5.3", "1")),
                     CF_FAIL);
    /* its slot was never freed */
    assert_int_equal(JUDGE("VMB-PM-005", BOOT, HIBERNATE, CLOSE("kbd", "1"), UNLOAD, sus,
                           UNLOAD_RESP, DELIVER("1")),
                     CF_FAIL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pm_001), cmocka_unit_test(test_pm_002),
        cmocka_unit_test(test_pm_003), cmocka_unit_test(test_pm_004),
        cmocka_unit_test(test_pm_005),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
