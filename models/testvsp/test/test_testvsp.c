// SPDX-License-Identifier: GPL-2.0-only
/* test_testvsp.c - the test device's type parser, offer bytes and packet-length pattern. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vmb/codec.h"
#include "vsp/test.h"

static void test_parse_defaults_and_keys(void **state)
{
    (void)state;
    struct vsp_test_params p;
    char err[160];
    assert_int_equal(vsp_test_parse("testvsc", &p, err, sizeof(err)), 0);
    assert_int_equal(p.to_host, 1000);
    assert_int_equal(p.max_payload, VSP_TEST_PAYLOAD_MAX);
    assert_int_equal(vsp_test_parse("testvsc:packets=10000,send_pages=64,recv_pages=40,"
                                    "max=4000,seed=7,rx=recv", &p, err, sizeof(err)), 0);
    assert_int_equal(p.to_host, 10000);
    assert_int_equal(p.to_guest, 10000);
    assert_int_equal(p.send_pages, 64);
    assert_int_equal(p.recv_pages, 40);
    assert_int_equal(p.max_payload, 4000);
    assert_int_equal(p.seed, 7);
    assert_int_equal(p.rx_mode, VSP_TEST_RX_RECVPACKET);
    assert_true(vsp_test_is_type("testvsc:to_guest=3"));
    assert_false(vsp_test_is_type("testvscx"));
}

static void test_parse_rejects(void **state)
{
    (void)state;
    struct vsp_test_params p;
    char err[160];
    const char *bad[] = { "testvscx", "testvsc:packets", "testvsc:packets=x", "testvsc:foo=1",
                          "testvsc:rx=sideways", "testvsc:max=8", "testvsc:max=65521",
                          /* 16 data pages = 64 KiB cannot hold a 65520-byte packet */
                          "testvsc:send_pages=17", "testvsc:recv_pages=1" };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err[0] = 0;
        assert_int_equal(vsp_test_parse(bad[i], &p, err, sizeof(err)), -1);
        assert_true(err[0] != 0);
    }
    assert_int_equal(vsp_test_parse("testvsc:send_pages=18,recv_pages=18", &p, err,
                                    sizeof(err)), 0);
}

static void test_offer_bytes(void **state)
{
    (void)state;
    struct vmb_device_config dev;
    struct vsp_test *t = vsp_test_device(&dev, "testvsc:to_host=5,to_guest=6,send_pages=40",
                                         0);
    assert_non_null(t);
    struct vsp_test_offer o;
    memcpy(&o, dev.user_def, sizeof(o));
    assert_int_equal(o.magic, VSP_TEST_MAGIC);
    assert_int_equal(o.send_ring_bytes, 40 * 4096);
    assert_int_equal(o.recv_ring_bytes, 32 * 4096);
    assert_int_equal(o.to_host, 5);
    assert_int_equal(o.to_guest, 6);
    struct vmb_guid g;
    assert_int_equal(vmb_guid_parse(VSP_TEST_CLASS_GUID, &g), 0);
    assert_memory_equal(&g, &dev.class_id, sizeof(g));
    /* GUID_INIT(0x4856534d, 0x5445, 0x5354, ...) byte order, as the guest's id table. */
    assert_int_equal(dev.class_id.b[0], 0x4d);
    assert_int_equal(dev.class_id.b[3], 0x48);
    assert_non_null(dev.vsp);
    assert_ptr_equal(dev.vsp_ctx, t);
    assert_null(vsp_test_device(&dev, "testvsc:max=1", 0));
    vsp_test_destroy(t);
}

static void test_len_pattern(void **state)
{
    (void)state;
    struct vsp_test_offer o = { .max_payload = 65520, .seed = 1 };
    uint32_t small = 0, big = 0, odd = 0;
    for (uint32_t s = 1; s <= 10000; s++) {
        uint32_t n = vsp_test_len(&o, s);
        assert_true(n >= sizeof(struct vsp_test_hdr) && n <= o.max_payload);
        if (s % 97 == 0)
            assert_int_equal(n, o.max_payload);
        small += n <= 280;
        big += n > 16384;
        odd += n % 8 != 0;
    }
    /* The mix the ring test relies on: mostly small, some large, padding exercised. */
    assert_true(small > 4000);
    assert_true(big > 100);
    assert_true(odd > 5000);
    o.max_payload = 24; /* degenerate: header only */
    assert_int_equal(vsp_test_len(&o, 5), 24);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_defaults_and_keys),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_offer_bytes),
        cmocka_unit_test(test_len_pattern),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
