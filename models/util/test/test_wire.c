// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_wire.c - IC codec against hand-built byte vectors: header encode/decode, the host's
 * NEGOTIATE, the guest's negotiate reply (ok / none / bad counts / truncated), field offsets
 * of every service body (as in include/linux/hyperv.h and include/uapi/linux/hyperv.h),
 * UTF-8 <-> UTF-16LE and trace escaping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "vsp/util.h"

static uint32_t unhex(const char *hex, uint8_t *out)
{
    uint32_t n = 0;
    for (const char *p = hex; p[0] && p[1];) {
        if (*p == ' ') {
            p++;
            continue;
        }
        unsigned v;
        sscanf(p, "%2x", &v);
        out[n++] = (uint8_t)v;
        p += 2;
    }
    return n;
}

/* HEARTBEAT request: fw 3.0, srv 3.0, tx 1, TRANSACTION|REQUEST, seq 5. */
static const char hb_vec[] = "01000000 3c000000"          /* pipe: data, 60 bytes follow */
                             "03000000 0100 03000000 2800" /* fw 3.0, type 1, srv 3.0, 40 */
                             "00000000 01 03 0000"         /* status, txid, flags, reserved */
                             "0500000000000000"            /* seq_num */
                             "0000000000000000000000000000000000000000000000000000000000000000";

static void test_encode_heartbeat(void **state)
{
    uint8_t want[128], got[128];
    uint32_t n = unhex(hb_vec, want);
    assert_int_equal(n, 68);
    struct vsp_ic_hdr h = { .icverframe = { 3, 0 }, .icmsgtype = VSP_IC_MSG_HEARTBEAT,
                            .icvermsg = { 3, 0 }, .ictransaction_id = 1,
                            .icflags = VSP_IC_FLAG_TRANSACTION | VSP_IC_FLAG_REQUEST };
    struct vsp_ic_heartbeat hb = { .seq_num = 5 };
    assert_int_equal(vsp_ic_encode(got, sizeof(got), &h, &hb, sizeof(hb)), 68);
    assert_memory_equal(got, want, 68);
    struct vsp_ic_msg_hdr m;
    assert_int_equal(vsp_ic_decode(want, n, &m), 0);
    assert_int_equal(m.pipe.msgsize, 60);
    assert_int_equal(m.ic.icmsgtype, 1);
    assert_int_equal(m.ic.icmsgsize, 40);
    assert_int_equal(m.ic.icflags, 3);
    assert_int_equal(vsp_ic_decode(want, 27, &m), -1);
    assert_int_equal(vsp_ic_encode(got, 60, &h, &hb, sizeof(hb)), 0); /* does not fit */
}

/* NEGOTIATE: tx 1, fw {1.0, 3.0}, srv {3.0}. */
static const char nego_vec[] = "01000000 28000000"
                               "00000000 0000 00000000 1400 00000000 01 03 0000"
                               "0200 0100 00000000"
                               "01000000 03000000 03000000";

static void test_encode_negotiate(void **state)
{
    uint8_t want[64], got[64];
    uint32_t n = unhex(nego_vec, want);
    assert_int_equal(n, 48);
    const uint32_t fw[] = { VSP_IC_VER(1, 0), VSP_IC_VER(3, 0) };
    const uint32_t srv[] = { VSP_IC_VER(3, 0) };
    assert_int_equal(vsp_ic_encode_negotiate(got, sizeof(got), 1, fw, 2, srv, 1), 48);
    assert_memory_equal(got, want, 48);
}

static void test_parse_negotiate(void **state)
{
    uint8_t b[64];
    struct vsp_ic_nego_reply r;
    /* Linux reply: icmsgsize 16, counts 1/1, fw 3.0, srv 3.0 (TRANSACTION|RESPONSE). */
    uint32_t n = unhex("01000000 28000000 00000000 0000 00000000 1000 00000000 01 05 0000"
                       "0100 0100 00000000 03000000 03000000 03000000", b);
    assert_int_equal(vsp_ic_parse_negotiate(b, n, &r), VSP_IC_NEGO_OK);
    assert_int_equal(r.fw, VSP_IC_VER(3, 0));
    assert_int_equal(r.srv, VSP_IC_VER(3, 0));
    assert_int_equal(r.icmsgsize, 16);
    b[28] = 0;
    b[30] = 0;
    assert_int_equal(vsp_ic_parse_negotiate(b, n, &r), VSP_IC_NEGO_NONE);
    b[28] = 2;
    assert_int_equal(vsp_ic_parse_negotiate(b, n, &r), VSP_IC_NEGO_BAD_COUNTS);
    assert_int_equal(vsp_ic_parse_negotiate(b, 43, &r), VSP_IC_NEGO_TRUNCATED);
    assert_int_equal(vsp_ic_parse_negotiate(b, 20, &r), VSP_IC_NEGO_TRUNCATED);
}

static void test_layouts(void **state)
{
    assert_int_equal(offsetof(struct vsp_ic_hdr, icmsgsize), 10);
    assert_int_equal(offsetof(struct vsp_ic_hdr, ictransaction_id), 16);
    assert_int_equal(offsetof(struct vsp_ic_shutdown, flags), 8);
    assert_int_equal(offsetof(struct vsp_ic_timesync_v3, flags), 24);
    assert_int_equal(offsetof(struct vsp_ic_timesync_v4, flags), 16);
    assert_int_equal(offsetof(struct vsp_kvp_msg, body), 4);
    assert_int_equal(offsetof(struct vsp_kvp_value, key), 12);
    assert_int_equal(offsetof(struct vsp_kvp_value, value), 524);
    assert_int_equal(offsetof(struct vsp_kvp_ip_msg, ip), 2);
    assert_int_equal(offsetof(struct vsp_kvp_ipaddr, addr_family), 256);
    assert_int_equal(offsetof(struct vsp_kvp_ipaddr, ip_addr), 258);
    assert_int_equal(offsetof(struct vsp_kvp_ipaddr, dns_addr), 258 + 2048 + 2048 + 1024);
    assert_int_equal(offsetof(struct vsp_vss_msg, flags), 8);
    assert_int_equal(offsetof(struct vsp_fcopy_start, copy_flags), 36 + 1040);
    assert_int_equal(offsetof(struct vsp_fcopy_write, data), 52);
}

static void test_utf16(void **state)
{
    uint8_t b[64];
    memset(b, 0xee, sizeof(b));
    assert_int_equal(vsp_utf16_encode("abc", b, 8), 3);
    uint8_t want[] = { 'a', 0, 'b', 0, 'c', 0, 0, 0 };
    assert_memory_equal(b, want, sizeof(want));
    /* e-acute (2 bytes), euro (3 bytes), U+1F600 (surrogate pair d83d de00). */
    assert_int_equal(vsp_utf16_encode("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", b, 8), 4);
    uint8_t want2[] = { 0xe9, 0, 0xac, 0x20, 0x3d, 0xd8, 0x00, 0xde, 0, 0 };
    assert_memory_equal(b, want2, sizeof(want2));
    char out[32];
    assert_int_equal(vsp_utf16_decode(b, 5, out, sizeof(out)), 9);
    assert_string_equal(out, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    assert_int_equal(vsp_utf16_encode("abc", b, 3), -1);          /* no room for NUL */
    assert_int_equal(vsp_utf16_encode("\xc3", b, 8), -1);         /* truncated sequence */
    assert_int_equal(vsp_utf16_encode("\xc0\xaf", b, 8), -1);     /* overlong */
    assert_int_equal(vsp_utf16_encode("\xed\xa0\x80", b, 8), -1); /* surrogate in UTF-8 */
    assert_int_equal(vsp_utf16_encode(NULL, b, 1), 0);
    uint8_t lone[] = { 0x00, 0xdc, 0, 0 };
    assert_int_equal(vsp_utf16_decode(lone, 2, out, sizeof(out)), -1);
    assert_int_equal(vsp_utf16_decode(want, 4, out, 3), -1); /* overflow */
}

static void test_escape(void **state)
{
    char out[64];
    vsp_util_escape("a b=\"c\"%", 64, out, sizeof(out));
    assert_string_equal(out, "a%20b%3D%22c%22%25");
    vsp_util_escape("abcdef", 3, out, sizeof(out));
    assert_string_equal(out, "abc");
    vsp_util_escape("abcdef", 64, out, 4);
    assert_string_equal(out, "abc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encode_heartbeat), cmocka_unit_test(test_encode_negotiate),
        cmocka_unit_test(test_parse_negotiate),  cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_utf16),            cmocka_unit_test(test_escape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
