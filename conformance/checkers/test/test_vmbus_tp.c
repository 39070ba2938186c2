/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_vmbus_tp.c - the tracepoint-format guard (vmbus_tp.c, HVS-TRACE-001): the formats of
 * 6.1/6.12 pass, a tracepoint whose text lost a parsed token fails, others are not judged.
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

static const struct cf_checker *const checkers[] = {&cf_vmbus_tp_checker, NULL};

#include "cf_test.h"

static void test_formats(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("HVS-TRACE-001",
                           {"guest.tp", "vmbus_onoffer",
                            "child_relid 0x1, monitorid 0x0, is_dedicated 0, connection_id "
                            "0x10001, if_type 57164f39-9115-4e78-ab55-382f3bd5422d, if_instance "
                            "3d8140df-5337-4bb9-efce-c418784d9636, chn_flags 0x0, mmio_megabytes "
                            "0, sub_channel_index 0"},
                           {"guest.tp", "vmbus_open",
                            "sending child_relid 0x1, openid 1, gpadlhandle 0xe1e10, target_vp "
                            "0x0, offset 0x4, ret 0"}),
                     CF_PASS);
    /* a format without sub_channel_index (say, a patched hv_trace.h) */
    assert_int_equal(JUDGE("HVS-TRACE-001",
                           {"guest.tp", "vmbus_onoffer",
                            "child_relid 0x1, if_type a, if_instance b"}),
                     CF_FAIL);
    assert_int_equal(JUDGE("HVS-TRACE-001", {"guest.tp", "vmbus_negotiate_version",
                                             "sending version 327683, ret 0"}),
                     CF_FAIL);
    /* tracepoints no checker parses are not judged */
    assert_int_equal(JUDGE("HVS-TRACE-001", {"guest.tp", "vmbus_setevent", "relid 0x1"}), CF_NA);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
