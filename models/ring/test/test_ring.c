// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_ring.c - host ring access by GPA: send with wrap-around, trailer, the empty->non-empty
 * signalling rule and interrupt_mask, pending_send_sz on a full ring, receive with the guest's
 * pending_send_sz crossing, malformed descriptors and indices (findings, ring broken).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "vsp/ring.h"

/* Ring GPADL: in = pfn 0x10 (hdr) + 0x11..0x12 (8 KiB data, scattered on purpose: 0x30),
 * out = 0x20 (hdr) + 0x21, 0x40. */
static const uint64_t pfns[6] = { 0x10, 0x11, 0x30, 0x20, 0x21, 0x40 };
static struct hyp_env_queue envq;
static struct hyp_mem *mem;
static struct vsp_ring r;
static uint32_t signals;

static void on_signal(void *ctx)
{
    signals++;
}

static struct vmb_ring_header *hdr_at(uint64_t pfn)
{
    return hyp_mem_ptr(mem, pfn * 4096, 4096);
}

static uint8_t *data_byte(const uint64_t *data_pfns, uint32_t off)
{
    return hyp_mem_ptr(mem, data_pfns[off / 4096] * 4096 + off % 4096, 1);
}

static int setup(void **state)
{
    char err[128];
    hyp_env_queue_init(&envq, 1);
    mem = hyp_mem_create(1 << 20, err, sizeof(err));
    assert_non_null(mem);
    hdr_at(0x10)->feature_bits = 1;
    hdr_at(0x20)->feature_bits = 1;
    assert_int_equal(vsp_ring_bind(&r, &envq.env, mem, "test", 7, pfns, 6, 3), 0);
    r.signal_guest = on_signal;
    signals = 0;
    return 0;
}

static int teardown(void **state)
{
    vsp_ring_unbind(&r);
    hyp_mem_destroy(mem);
    hyp_env_queue_fini(&envq);
    return 0;
}

/* Guest consumes everything in the out ring. */
static void guest_drain_out(void)
{
    hdr_at(0x20)->read_index = hdr_at(0x20)->write_index;
}

static void test_send_wrap_and_signal(void **state)
{
    uint8_t payload[1000];
    for (uint32_t i = 0; i < sizeof(payload); i++)
        payload[i] = (uint8_t)i;
    /* 8 KiB data. First packet: 16 + 504 (500 padded) + 8 = 528 bytes. */
    assert_int_equal(vsp_ring_send(&r, VMB_PKT_DATA_INBAND, 0, 5, payload, 500), 0);
    assert_int_equal(signals, 1); /* empty -> non-empty */
    assert_int_equal(*data_byte(&pfns[4], 16 + 500), 0); /* zero padding */
    assert_int_equal(vsp_ring_send(&r, VMB_PKT_DATA_INBAND, 0, 6, payload, 1000), 0);
    assert_int_equal(signals, 1); /* ring was not empty before */
    guest_drain_out();
    hdr_at(0x20)->interrupt_mask = 1;
    assert_int_equal(vsp_ring_send(&r, VMB_PKT_DATA_INBAND, 0, 7, payload, 1000), 0);
    assert_int_equal(signals, 1); /* guest masked interrupts */
    hdr_at(0x20)->interrupt_mask = 0;
    guest_drain_out();
    /* packets of 1024 bytes now start at 2576, 3600, ..., 7696: the last one wraps */
    for (int i = 0; i < 6; i++) {
        assert_int_equal(vsp_ring_send(&r, VMB_PKT_DATA_INBAND, 0, 8, payload, 1000), 0);
        guest_drain_out();
    }
    assert_int_equal(signals, 7);
    assert_int_equal(hdr_at(0x20)->write_index, (7696 + 1024) % 8192);
    const uint64_t *out_data = &pfns[4];
    assert_int_equal(*data_byte(out_data, 7696), VMB_PKT_DATA_INBAND);
    assert_int_equal(*data_byte(out_data, (7712 + 600) % 8192), (uint8_t)600);
    uint64_t trailer;
    for (int i = 0; i < 8; i++)
        ((uint8_t *)&trailer)[i] = *data_byte(out_data, (7696 + 1016 + i) % 8192);
    assert_int_equal(trailer, 7696ull << 32);
    assert_int_equal(envq.env.nr_findings, 0);
}

static void test_full_sets_pending_send(void **state)
{
    uint8_t payload[4000] = { 0 };
    r.use_pending_send = true;
    assert_int_equal(vsp_ring_send(&r, VMB_PKT_DATA_INBAND, 0, 1, payload, 4000), 0);
    assert_int_equal(vsp_ring_send(&r, VMB_PKT_DATA_INBAND, 0, 1, payload, 4000), 0);
    /* 2 x 4024 = 8048 used; 144 free: a 4024-byte packet does not fit */
    assert_int_equal(vsp_ring_send(&r, VMB_PKT_DATA_INBAND, 0, 1, payload, 4000), -11);
    assert_int_equal(hdr_at(0x20)->pending_send_sz, 4024);
    /* exactly-full is refused as well: 144 free, packet 136 + ... must be strictly less */
    assert_int_equal(vsp_ring_send(&r, VMB_PKT_DATA_INBAND, 0, 1, payload, 120), -11);
    assert_int_equal(vsp_ring_send(&r, VMB_PKT_DATA_INBAND, 0, 1, payload, 112), 0);
}

/* Guest-side writer into the in ring (what hv_ringbuffer_write does). */
static void guest_write(uint32_t len, uint16_t type, uint16_t offset8, bool good_trailer)
{
    struct vmb_ring_header *h = hdr_at(0x10);
    const uint64_t *in_data = &pfns[1];
    uint32_t w = h->write_index;
    uint32_t pkt = 16 + ((len + 7) & ~7u);
    struct vmb_pkt_desc d = { .type = type, .offset8 = offset8, .len8 = (uint16_t)(pkt / 8) };
    uint8_t buf[8192] = { 0 };
    memcpy(buf, &d, 16);
    uint64_t tr = good_trailer ? (uint64_t)w << 32 : 0x1234;
    memcpy(buf + pkt, &tr, 8);
    for (uint32_t i = 0; i < pkt + 8; i++)
        *data_byte(in_data, (w + i) % 8192) = buf[i];
    h->write_index = (w + pkt + 8) % 8192;
}

static void test_recv_and_pending_crossing(void **state)
{
    uint8_t buf[8192];
    struct vsp_ring_pkt p;
    for (int i = 0; i < 7; i++)
        guest_write(1000, VMB_PKT_DATA_INBAND, 2, true); /* 7 x 1024 = 7168 used */
    struct vmb_ring_header *h = hdr_at(0x10);
    h->pending_send_sz = 3000; /* guest waits for > 3000 free; now 1024 free */
    assert_int_equal(vsp_ring_recv(&r, &p, buf, sizeof(buf)), 1);
    assert_int_equal(p.payload_len, 1000);
    assert_int_equal(p.desc.type, VMB_PKT_DATA_INBAND);
    assert_false(vsp_ring_recv_done(&r)); /* 2048 free: not above 3000 yet */
    assert_int_equal(signals, 0);
    assert_int_equal(vsp_ring_recv(&r, &p, buf, sizeof(buf)), 1);
    assert_true(vsp_ring_recv_done(&r)); /* 3072 free: crossed */
    assert_int_equal(signals, 1);
}

static void test_recv_crossing_signals(void **state)
{
    uint8_t buf[8192];
    struct vsp_ring_pkt p;
    for (int i = 0; i < 7; i++)
        guest_write(1000, VMB_PKT_DATA_INBAND, 2, true);
    hdr_at(0x10)->pending_send_sz = 1500;
    assert_int_equal(vsp_ring_recv(&r, &p, buf, sizeof(buf)), 1);
    assert_true(vsp_ring_recv_done(&r)); /* 1024 -> 2048 free crosses 1500 */
    assert_int_equal(signals, 1);
    assert_int_equal(hdr_at(0x10)->read_index, 1024);
    /* read the rest across the wrap, then the ring is empty */
    for (int i = 0; i < 6; i++)
        assert_int_equal(vsp_ring_recv(&r, &p, buf, sizeof(buf)), 1);
    guest_write(3000, VMB_PKT_COMP, 2, true); /* wraps: starts at 7168 */
    assert_int_equal(vsp_ring_recv(&r, &p, buf, sizeof(buf)), 1);
    assert_int_equal(p.offset, 7168);
    assert_int_equal(vsp_ring_recv(&r, &p, buf, sizeof(buf)), 0);
    assert_false(vsp_ring_recv_done(&r)); /* already above pending before the batch */
    assert_int_equal(envq.env.nr_findings, 0);
}

static void test_malformed(void **state)
{
    uint8_t buf[8192];
    struct vsp_ring_pkt p;
    guest_write(16, VMB_PKT_DATA_INBAND, 2, false);
    assert_int_equal(vsp_ring_recv(&r, &p, buf, sizeof(buf)), 1);
    assert_string_equal(envq.env.last_finding_rule, "VMB-RING-003");
    guest_write(16, 0x77, 2, true);
    assert_int_equal(vsp_ring_recv(&r, &p, buf, sizeof(buf)), 1);
    assert_string_equal(envq.env.last_finding_rule, "VMB-RING-005");
    guest_write(16, VMB_PKT_DATA_INBAND, 9, true); /* offset8 beyond len8 */
    assert_int_equal(vsp_ring_recv(&r, &p, buf, sizeof(buf)), -1);
    assert_string_equal(envq.env.last_finding_rule, "VMB-RING-002");
    assert_int_equal(vsp_ring_recv(&r, &p, buf, sizeof(buf)), -1); /* broken stays broken */
    assert_int_equal(envq.env.nr_findings, 3);
}

static void test_bad_indices(void **state)
{
    hdr_at(0x10)->write_index = 9000;
    uint8_t buf[64];
    struct vsp_ring_pkt p;
    assert_int_equal(vsp_ring_recv(&r, &p, buf, sizeof(buf)), -1);
    assert_string_equal(envq.env.last_finding_rule, "VMB-RING-004");
    hdr_at(0x20)->read_index = 13;
    assert_int_equal(vsp_ring_send(&r, VMB_PKT_DATA_INBAND, 0, 0, buf, 8), -5);
    assert_int_equal(envq.env.nr_findings, 2);
}

static void test_bind_rejects_bad_split(void **state)
{
    struct vsp_ring r2;
    assert_int_equal(vsp_ring_bind(&r2, &envq.env, mem, "test", 8, pfns, 6, 1), -1);
    assert_string_equal(envq.env.last_finding_rule, "VMB-OPEN-003");
    const uint64_t bad[4] = { 0x10, 0x11, 0x20, 1ull << 30 };
    assert_int_equal(vsp_ring_bind(&r2, &envq.env, mem, "test", 8, bad, 4, 2), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_send_wrap_and_signal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_sets_pending_send, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recv_and_pending_crossing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recv_crossing_signals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_indices, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bind_rejects_bad_split, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
