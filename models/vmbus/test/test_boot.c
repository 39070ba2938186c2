// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_boot.c - vmb_boot_world() end to end with the fake guest image of sim/hv (which boots
 * nothing): the world is built, the image loaded, the run ends at the time limit with no
 * negotiated version; a missing image is bad input (rc 2); the trace is deterministic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vmb/boot.h"

static void test_fake_image_runs(void **state)
{
    struct vmb_boot_config cfg;
    vmb_boot_config_default(&cfg);
    cfg.image_path = FAKE_GOOD;
    cfg.ram_size = 16u << 20;
    cfg.max_time_ns = 20000000;
    struct vmb_boot_result a, b;
    assert_int_equal(vmb_boot_world(&cfg, NULL, &a), 0);
    assert_string_equal(a.outcome, "limit.time");
    assert_string_equal(a.image_name, "fake");
    assert_int_equal(a.host.negotiated_version, 0);
    assert_false(a.pass);
    assert_int_equal(vmb_boot_world(&cfg, NULL, &b), 0);
    assert_int_equal(a.trace_hash, b.trace_hash);
    vmb_boot_print(&a, stdout);
}

static void test_bad_inputs(void **state)
{
    struct vmb_boot_config cfg;
    vmb_boot_config_default(&cfg);
    cfg.image_path = "/nonexistent.so";
    struct vmb_boot_result r;
    assert_int_equal(vmb_boot_world(&cfg, NULL, &r), 2);
    assert_non_null(strstr(r.error, "cannot load"));
    static const char *const devs[] = { "heartbeat", "nosuch" };
    cfg.device_names = devs;
    cfg.nr_device_names = 2;
    assert_int_equal(vmb_boot_world(&cfg, NULL, &r), 2);
    assert_non_null(strstr(r.error, "nosuch"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fake_image_runs),
        cmocka_unit_test(test_bad_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
