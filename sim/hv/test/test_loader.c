// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_loader.c - hyp_image_open/start: good image, wrong seam version, missing entry,
 * missing file; each failure yields a clear message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hyp/host.h"

static struct hyp_host_ops host = { .version = HYP_SEAM_VERSION, .nr_cpus = 1 };

static void test_good_image(void **state)
{
    char err[512];
    struct hyp_image *img = hyp_image_open(FAKE_GOOD, err, sizeof(err));
    assert_non_null(img);
    const struct hyp_guest_ops *g = hyp_image_start(img, &host, err, sizeof(err));
    assert_non_null(g);
    assert_string_equal(g->image_name, "fake");
    assert_int_equal(g->boot(), 0);
    hyp_image_close(img);
}

static void test_wrong_version(void **state)
{
    char err[512];
    struct hyp_image *img = hyp_image_open(FAKE_BADVER, err, sizeof(err));
    assert_non_null(img);
    assert_null(hyp_image_start(img, &host, err, sizeof(err)));
    assert_non_null(strstr(err, "seam version 99"));
    hyp_image_close(img);
}

static void test_no_entry_and_missing(void **state)
{
    char err[512];
    assert_null(hyp_image_open(FAKE_NOENTRY, err, sizeof(err)));
    assert_non_null(strstr(err, HYP_SEAM_ENTRY_SYMBOL));
    assert_null(hyp_image_open("/nonexistent/image.so", err, sizeof(err)));
    assert_non_null(strstr(err, "cannot load guest image"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_image),
        cmocka_unit_test(test_wrong_version),
        cmocka_unit_test(test_no_entry_and_missing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
