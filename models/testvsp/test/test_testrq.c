// SPDX-License-Identifier: GPL-2.0-only
/* test_testrq.c - the request-id test device's type parser, tags and offer bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vmb/codec.h"
#include "vsp/rq.h"

static void test_parse_defaults_and_keys(void **state)
{
    (void)state;
    struct vsp_rq_params p;
    char err[160];
    assert_int_equal(vsp_rq_parse("testrq", &p, err, sizeof(err)), 0);
    assert_int_equal(p.size, 16);
    assert_int_equal(p.subchannels, 0);
    assert_int_equal(vsp_rq_tags(&p), 0);
    assert_int_equal(vsp_rq_parse("testrq:size=8,requests=100,subchannels=2,note=3,pages=8,"
                                  "delay=5,seed=9,withhold=1", &p, err, sizeof(err)), 0);
    assert_int_equal(p.size, 8);
    assert_int_equal(p.requests, 100);
    assert_int_equal(p.subchannels, 2);
    assert_int_equal(p.note_every, 3);
    assert_int_equal(p.ring_pages, 8);
    assert_int_equal(p.delay_ns, 5000);
    assert_int_equal(p.seed, 9);
    assert_true(p.withhold);
    assert_int_equal(vsp_rq_parse("testrq:bad=zero+dup", &p, err, sizeof(err)), 0);
    assert_int_equal(p.bad, (1u << VSP_RQ_COMP_ZERO) | (1u << VSP_RQ_COMP_DUP));
    assert_int_equal(vsp_rq_tags(&p), VSP_RQ_TAG_ADVERSARIAL);
    assert_int_equal(vsp_rq_parse("testrq:bad=all,selftest=mislabel-dup", &p, err, sizeof(err)),
                     0);
    assert_int_equal(p.bad, 0x1eu);
    assert_int_equal(vsp_rq_tags(&p), VSP_RQ_TAG_ADVERSARIAL | VSP_RQ_TAG_SELFTEST);
    assert_true(vsp_rq_is_type("testrq:size=1"));
    assert_false(vsp_rq_is_type("testrqx"));
    assert_false(vsp_rq_is_type("testvsc"));
}

static void test_parse_rejects(void **state)
{
    (void)state;
    struct vsp_rq_params p;
    char err[160];
    const char *bad[] = { "testrqx", "testrq:size", "testrq:size=0", "testrq:size=257",
                          "testrq:subchannels=9", "testrq:pages=1", "testrq:size=256,pages=2",
                          "testrq:bad=nope", "testrq:withhold=2", "testrq:selftest=full",
                          "testrq:selftest=mislabel-zero", "testrq:foo=1", "testrq:size=x" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = 0;
        assert_int_equal(vsp_rq_parse(bad[i], &p, err, sizeof(err)), -1);
        assert_true(err[0] != 0);
    }
}

static void test_attach_offer(void **state)
{
    (void)state;
    struct vmb_device_config dev;
    struct vsp_rq *t = vsp_rq_device(&dev, "testrq:size=32,subchannels=3,withhold=1", 2);
    assert_non_null(t);
    struct vmb_guid g;
    assert_int_equal(vmb_guid_parse(VSP_RQ_CLASS_GUID, &g), 0);
    assert_memory_equal(&dev.class_id, &g, sizeof(g));
    assert_int_equal(dev.nr_subchannels, 3);
    struct vsp_rq_offer o;
    memcpy(&o, dev.user_def, sizeof(o));
    assert_int_equal(o.magic, VSP_RQ_MAGIC);
    assert_int_equal(o.rqstor_size, 32);
    assert_int_equal(o.subchannels, 3);
    assert_int_equal(o.flags, VSP_RQ_F_WITHHOLD);
    vsp_rq_destroy(t);
    assert_null(vsp_rq_device(&dev, "testrq:size=0", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_defaults_and_keys),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_attach_offer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
