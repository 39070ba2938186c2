// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_mouse.c - the synthetic mouse VSP driven by a scripted fake guest: protocol request and
 * response, INITIAL_DEVICE_INFO layout (hid_descriptor + report descriptor), the guest's ack,
 * input reports, a refused protocol, and malformed guest packets as findings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../vmbus/test/gpadl_msgs.h"
#include "vmb/devices.h"
#include "vsp/mouse.h"

static struct fake_guest g;
static struct vsp_mouse *mou;
static const uint64_t ring_pfns[4] = { 0x200, 0x201, 0x202, 0x203 };
static uint32_t out_read; /* bytes of the host->guest ring already looked at */

static void start(bool accept, enum vsp_mouse_devinfo di)
{
    struct vmb_host_config cfg;
    vmb_host_config_default(&cfg);
    cfg.latency = sim_dist_uniform(1000, 50000);
    struct vsp_mouse_params p;
    vsp_mouse_params_default(&p);
    p.accept = accept;
    p.devinfo = di;
    mou = vsp_mouse_create(&p);
    vsp_mouse_attach(mou, 0, &cfg.devices[cfg.nr_devices++]);
    fg_init(&g, &cfg);
    out_read = 0;
}

static int teardown(void **state)
{
    (void)state;
    fg_fini(&g);
    vsp_mouse_destroy(mou);
    return 0;
}

static struct vmb_ring_header *hdr(uint64_t pfn)
{
    return hyp_mem_ptr(hyp_machine_mem(g.m), pfn * 4096, 4096);
}

static void guest_send(const void *payload, uint32_t len, uint16_t type, uint16_t flags)
{
    struct vmb_ring_header *h = hdr(ring_pfns[0]);
    uint8_t *data = hyp_mem_ptr(hyp_machine_mem(g.m), ring_pfns[1] * 4096, 4096);
    uint32_t w = h->write_index;
    uint32_t pkt = 16 + ((len + 7) & ~7u);
    struct vmb_pkt_desc d = { .type = type, .offset8 = 2, .len8 = (uint16_t)(pkt / 8),
                              .flags = flags, .trans_id = 99 };
    uint8_t buf[256] = { 0 };
    memcpy(buf, &d, 16);
    memcpy(buf + 16, payload, len);
    uint64_t tr = (uint64_t)w << 32;
    memcpy(buf + pkt, &tr, 8);
    for (uint32_t i = 0; i < pkt + 8; i++)
        data[(w + i) % 4096] = buf[i];
    h->write_index = (w + pkt + 8) % 4096;
    hyp_machine_hypercall_fast8(g.m, 0, HYP_HVCALL_SIGNAL_EVENT, VMB_CHANNEL_EVENT_CONN_BASE + 1);
    fg_run(&g);
}

/* The next host->guest packet's payload (after the 16-byte descriptor); returns its length. */
static uint32_t host_next(uint8_t *payload)
{
    const uint8_t *data = hyp_mem_ptr(hyp_machine_mem(g.m), ring_pfns[3] * 4096, 4096);
    assert_true(hdr(ring_pfns[2])->write_index > out_read);
    struct vmb_pkt_desc d;
    memcpy(&d, data + out_read, sizeof(d));
    uint32_t len = (uint32_t)d.len8 * 8 - (uint32_t)d.offset8 * 8;
    memcpy(payload, data + out_read + d.offset8 * 8u, len);
    out_read += (uint32_t)d.len8 * 8 + 8;
    return len;
}

static void open_mouse(void)
{
    fg_connect_offers(&g);
    hdr(ring_pfns[0])->feature_bits = 1;
    hdr(ring_pfns[2])->feature_bits = 1;
    fg_gpadl(&g, 1, VMB_FIRST_GPADL_HANDLE, ring_pfns, 4, 0);
    struct vmb_msg_open_channel o = { .header.msgtype = VMB_MSG_OPENCHANNEL, .child_relid = 1,
                                      .openid = 1,
                                      .ringbuffer_gpadlhandle = VMB_FIRST_GPADL_HANDLE,
                                      .downstream_ringbuffer_pageoffset = 2 };
    fg_send(&g, 4, &o, sizeof(o));
}

static void send_request(uint32_t version)
{
    uint8_t rq[20];
    struct vsp_mouse_hdr h = { .pipe_type = 1, .pipe_size = 12, .type = 0, .size = 4 };
    memcpy(rq, &h, 16);
    memcpy(rq + 16, &version, 4);
    guest_send(rq, sizeof(rq), VMB_PKT_DATA_INBAND, VMB_PKT_FLAG_COMPLETION_REQUESTED);
}

static void send_ack(uint32_t size)
{
    uint8_t ack[17] = { 0 };
    struct vsp_mouse_hdr h = { .pipe_type = 1, .pipe_size = 9, .type = 3, .size = size };
    memcpy(ack, &h, 16);
    guest_send(ack, sizeof(ack), VMB_PKT_DATA_INBAND, VMB_PKT_FLAG_COMPLETION_REQUESTED);
}

static void test_probe_ack_and_reports(void **state)
{
    (void)state;
    start(true, VSP_MOUSE_DEVINFO_OK);
    open_mouse();
    send_request(VSP_MOUSE_VERSION);
    uint8_t p[256];
    struct vsp_mouse_hdr h;
    assert_true(host_next(p) >= 21);
    memcpy(&h, p, 16);
    assert_int_equal(h.pipe_type, 1);
    assert_int_equal(h.type, VSP_MOUSE_MSG_PROTOCOL_RESPONSE);
    assert_int_equal(p[20], 1); /* approved */
    uint32_t rlen;
    const uint8_t *rdesc = vsp_mouse_report_desc(&rlen);
    assert_true(host_next(p) >= 16 + 32 + 9 + rlen);
    memcpy(&h, p, 16);
    assert_int_equal(h.type, VSP_MOUSE_MSG_DEVICE_INFO);
    assert_int_equal(h.size, 32 + 9 + rlen);
    assert_int_equal(h.pipe_size, 8 + h.size);
    assert_int_equal(p[16 + 4] | p[16 + 5] << 8, VSP_MOUSE_VENDOR);
    assert_int_equal(p[16 + 6] | p[16 + 7] << 8, VSP_MOUSE_PRODUCT);
    const uint8_t *d = p + 16 + 32;
    assert_int_equal(d[0], 9);
    assert_int_equal(d[1], 0x21);
    assert_int_equal(d[6], 0x22);
    assert_int_equal(d[7] | d[8] << 8, rlen);
    assert_memory_equal(d + 9, rdesc, rlen);
    assert_false(vsp_mouse_connected(mou));
    assert_int_equal(vsp_mouse_report(mou, 1, 2, 1), -1);
    send_ack(1);
    assert_true(vsp_mouse_connected(mou));
    assert_int_equal(vsp_mouse_report(mou, 5, -3, 0x1), 0);
    assert_int_equal(host_next(p), 24);
    memcpy(&h, p, 16);
    assert_int_equal(h.type, VSP_MOUSE_MSG_INPUT_REPORT);
    assert_int_equal(h.size, 3);
    assert_int_equal(p[16], 1);
    assert_int_equal((int8_t)p[17], 5);
    assert_int_equal((int8_t)p[18], -3);
    assert_int_equal(vsp_mouse_stats(mou)->reports_sent, 1);
    assert_int_equal(vsp_mouse_stats(mou)->reports_refused, 1);
    assert_int_equal(g.q.env.nr_findings, 0);
}

static void test_refused(void **state)
{
    (void)state;
    start(false, VSP_MOUSE_DEVINFO_OK);
    open_mouse();
    send_request(VSP_MOUSE_VERSION);
    uint8_t p[256];
    host_next(p);
    assert_int_equal(p[20], 0);
    assert_int_equal(hdr(ring_pfns[2])->write_index, out_read); /* no device info */
    assert_false(vsp_mouse_connected(mou));
    assert_int_equal(g.q.env.nr_findings, 0);
}

static void test_ack_of_malformed_info(void **state)
{
    (void)state;
    start(true, VSP_MOUSE_DEVINFO_BAD_BLENGTH);
    open_mouse();
    send_request(VSP_MOUSE_VERSION);
    uint8_t p[256];
    host_next(p);
    host_next(p);
    assert_int_equal(p[16 + 32], 0xf0);
    assert_int_equal(g.q.env.nr_findings, 0);
    send_ack(1);
    assert_false(vsp_mouse_connected(mou));
    assert_string_equal(g.q.env.last_finding_rule, "MOU-003");
}

static void test_malformed_guest_packets(void **state)
{
    (void)state;
    start(true, VSP_MOUSE_DEVINFO_OK);
    open_mouse();
    send_request(0x00010000);
    assert_string_equal(g.q.env.last_finding_rule, "MOU-001");
    uint32_t n = g.q.env.nr_findings;
    send_ack(2); /* wrong synthhid size */
    assert_string_equal(g.q.env.last_finding_rule, "MOU-003");
    uint8_t junk[8] = { 7, 0, 0, 0, 0, 0, 0, 0 };
    guest_send(junk, sizeof(junk), VMB_PKT_DATA_INBAND, 0);
    assert_string_equal(g.q.env.last_finding_rule, "HVS-MOU-001");
    assert_int_equal(g.q.env.nr_findings, n + 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_probe_ack_and_reports, teardown),
        cmocka_unit_test_teardown(test_refused, teardown),
        cmocka_unit_test_teardown(test_ack_of_malformed_info, teardown),
        cmocka_unit_test_teardown(test_malformed_guest_packets, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
