// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_ctl.c - the control-plane state machine driven by a scripted fake guest: offers in
 * configured order then ALLOFFERS_DELIVERED, ring GPADL + OPENCHANNEL/RESULT, keyboard
 * protocol over the ring with HvSignalEvent and SIEFP bits, key injection, modify, close,
 * rescind + RELID_RELEASED, unload, and out-of-state messages as findings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "gpadl_msgs.h"
#include "vmb/devices.h"
#include "vsp/kbd.h"

static struct fake_guest g;
static struct vsp_kbd *kbd;
static const uint64_t ring_pfns[4] = { 0x200, 0x201, 0x202, 0x203 };

static int setup(void **state)
{
    struct vmb_host_config cfg;
    vmb_host_config_default(&cfg);
    cfg.latency = sim_dist_uniform(1000, 50000);
    vmb_device_preset("heartbeat", 0, &cfg.devices[cfg.nr_devices++]);
    kbd = vsp_kbd_create(true);
    vsp_kbd_attach(kbd, &cfg.devices[cfg.nr_devices++]);
    cfg.devices[1].nr_subchannels = 1;
    fg_init(&g, &cfg);
    return 0;
}

static int teardown(void **state)
{
    fg_fini(&g);
    vsp_kbd_destroy(kbd);
    return 0;
}

static struct vmb_ring_header *hdr(uint64_t pfn)
{
    return hyp_mem_ptr(hyp_machine_mem(g.m), pfn * 4096, 4096);
}

static void guest_ring_write(const void *payload, uint32_t len, uint16_t flags)
{
    struct vmb_ring_header *h = hdr(ring_pfns[0]);
    uint8_t *data = hyp_mem_ptr(hyp_machine_mem(g.m), ring_pfns[1] * 4096, 4096);
    uint32_t w = h->write_index;
    uint32_t pkt = 16 + ((len + 7) & ~7u);
    struct vmb_pkt_desc d = { .type = VMB_PKT_DATA_INBAND, .offset8 = 2,
                              .len8 = (uint16_t)(pkt / 8), .flags = flags, .trans_id = 99 };
    uint8_t buf[256] = { 0 };
    memcpy(buf, &d, 16);
    memcpy(buf + 16, payload, len);
    uint64_t tr = (uint64_t)w << 32;
    memcpy(buf + pkt, &tr, 8);
    for (uint32_t i = 0; i < pkt + 8; i++)
        data[(w + i) % 4096] = buf[i];
    h->write_index = (w + pkt + 8) % 4096;
}

static uint32_t find_reply(uint32_t type, uint32_t from)
{
    for (uint32_t i = from; i < g.nr_replies; i++) {
        if (fg_type(&g, i) == type)
            return i;
    }
    fail_msg("no reply of type %u", type);
    return 0;
}

static void open_kbd(void)
{
    fg_connect_offers(&g);
    hdr(ring_pfns[0])->feature_bits = 1;
    hdr(ring_pfns[2])->feature_bits = 1;
    fg_gpadl(&g, 2, VMB_FIRST_GPADL_HANDLE, ring_pfns, 4, 0);
    struct vmb_msg_open_channel o = { .header.msgtype = VMB_MSG_OPENCHANNEL, .child_relid = 2,
                                      .openid = 2,
                                      .ringbuffer_gpadlhandle = VMB_FIRST_GPADL_HANDLE,
                                      .downstream_ringbuffer_pageoffset = 2 };
    fg_send(&g, 4, &o, sizeof(o));
}

static void test_offers_in_order(void **state)
{
    fg_connect_offers(&g);
    /* the primaries only: a sub-channel is offered once its primary is open */
    assert_int_equal(g.nr_replies, 1 + 2 + 1);
    struct vmb_msg_offer_channel o;
    const uint32_t relids[2] = { 1, 2 };
    for (uint32_t i = 0; i < 2; i++) {
        assert_int_equal(fg_type(&g, 1 + i), VMB_MSG_OFFERCHANNEL);
        assert_int_equal(g.reply_len[1 + i], 196);
        memcpy(&o, g.replies[1 + i], sizeof(o));
        assert_int_equal(o.child_relid, relids[i]);
        assert_int_equal(o.offer.sub_channel_index, 0);
        assert_int_equal(o.connection_id, VMB_CHANNEL_EVENT_CONN_BASE + relids[i]);
    }
    char text[37];
    memcpy(&o, g.replies[2], sizeof(o));
    vmb_guid_format(&o.offer.if_type, text);
    assert_string_equal(text, "f912ad6d-2b17-48ea-bd65-f927a61c7684");
    assert_int_equal(fg_type(&g, 3), VMB_MSG_ALLOFFERS_DELIVERED);
    /* a second REQUESTOFFERS is a finding and yields nothing */
    struct vmb_msg_hdr ro = { .msgtype = VMB_MSG_REQUESTOFFERS };
    fg_send(&g, 4, &ro, sizeof(ro));
    assert_int_equal(g.nr_replies, 4);
    assert_string_equal(g.q.env.last_finding_rule, "VMB-VER-012");
}

static void test_subchannel_offered_after_open(void **state)
{
    open_kbd();
    uint32_t r = find_reply(VMB_MSG_OPENCHANNEL_RESULT, 0);
    assert_true(r + 1 < g.nr_replies);
    assert_int_equal(fg_type(&g, r + 1), VMB_MSG_OFFERCHANNEL);
    struct vmb_msg_offer_channel o;
    memcpy(&o, g.replies[r + 1], sizeof(o));
    assert_int_equal(o.child_relid, 3);
    assert_int_equal(o.offer.sub_channel_index, 1);
    char a[37], b[37];
    vmb_guid_format(&o.offer.if_type, a);
    assert_string_equal(a, "f912ad6d-2b17-48ea-bd65-f927a61c7684");
    memcpy(&o, g.replies[2], sizeof(o));
    vmb_guid_format(&o.offer.if_instance, b);
    memcpy(&o, g.replies[r + 1], sizeof(o));
    vmb_guid_format(&o.offer.if_instance, a);
    assert_string_equal(a, b); /* the primary's instance */
}

static void test_open_kbd_protocol_and_keys(void **state)
{
    open_kbd();
    uint32_t i = find_reply(VMB_MSG_OPENCHANNEL_RESULT, 0);
    struct vmb_msg_open_result r;
    memcpy(&r, g.replies[i], sizeof(r));
    assert_int_equal(r.child_relid, 2);
    assert_int_equal(r.status, 0);
    assert_int_equal(g.q.env.nr_findings, 0);
    /* guest sends PROTOCOL_REQUEST and kicks the host */
    struct vsp_kbd_protocol rq = { .type = 1, .value = VSP_KBD_VERSION };
    guest_ring_write(&rq, sizeof(rq), VMB_PKT_FLAG_COMPLETION_REQUESTED);
    hyp_machine_hypercall_fast8(g.m, 0, HYP_HVCALL_SIGNAL_EVENT,
                                VMB_CHANNEL_EVENT_CONN_BASE + 2);
    fg_run(&g);
    assert_true(vsp_kbd_connected(kbd));
    /* the response is in the host->guest ring and relid 2's SIEFP bit is set */
    const uint8_t *flags = hyp_mem_ptr(hyp_machine_mem(g.m), FG_SIEFP + 2 * 256, 256);
    assert_true(flags[0] & (1u << 2));
    assert_int_equal(hdr(ring_pfns[2])->write_index, 16 + 8 + 8);
    assert_int_equal(hdr(ring_pfns[0])->read_index, 16 + 8 + 8);
    const uint8_t *out = hyp_mem_ptr(hyp_machine_mem(g.m), ring_pfns[3] * 4096, 64);
    assert_int_equal(out[16], VSP_KBD_MSG_PROTOCOL_RESPONSE);
    assert_int_equal(out[20], 1);
    assert_int_equal(vsp_kbd_key(kbd, 0x1e, 0), 0);
    assert_int_equal(vsp_kbd_key(kbd, 0x1e, VSP_KBD_INFO_BREAK), 0);
    assert_int_equal(vsp_kbd_stats(kbd)->keys_sent, 2);
    assert_int_equal(g.q.env.nr_findings, 0);
}

static void test_modify_close_rescind_release_unload(void **state)
{
    open_kbd();
    struct vmb_msg_modifychannel mc = { .header.msgtype = VMB_MSG_MODIFYCHANNEL,
                                        .child_relid = 2, .target_vp = 1 };
    uint32_t before = g.nr_replies;
    fg_send(&g, 4, &mc, sizeof(mc));
    uint32_t i = find_reply(VMB_MSG_MODIFYCHANNEL_RESPONSE, before);
    assert_int_equal(g.replies[i][12], 0); /* status */
    assert_int_equal(vmb_channel_target_vp(vmb_host_channel(g.h, 2)), 1);
    struct vmb_msg_relid c = { .header.msgtype = VMB_MSG_CLOSECHANNEL, .child_relid = 2 };
    fg_send(&g, 4, &c, sizeof(c));
    assert_int_equal(vmb_channel_state(vmb_host_channel(g.h, 2)), VMB_CHAN_CLOSED);
    fg_send(&g, 4, &c, sizeof(c)); /* not open any more */
    assert_string_equal(g.q.env.last_finding_rule, "VMB-CLOSE-002");
    uint32_t f = g.q.env.nr_findings;
    assert_int_equal(vmb_host_rescind(g.h, 1), 0);
    assert_int_equal(vmb_host_rescind(g.h, 1), -1);
    fg_run(&g);
    find_reply(VMB_MSG_RESCIND_CHANNELOFFER, before);
    struct vmb_msg_relid rel = { .header.msgtype = VMB_MSG_RELID_RELEASED, .child_relid = 1 };
    fg_send(&g, 4, &rel, sizeof(rel));
    assert_int_equal(vmb_channel_state(vmb_host_channel(g.h, 1)), VMB_CHAN_RELEASED);
    assert_int_equal(g.q.env.nr_findings, f);
    fg_send(&g, 4, &rel, sizeof(rel));
    assert_string_equal(g.q.env.last_finding_rule, "VMB-RESC-003");
    struct vmb_msg_hdr un = { .msgtype = VMB_MSG_UNLOAD };
    fg_send(&g, 4, &un, sizeof(un));
    assert_int_equal(fg_type(&g, g.nr_replies - 1), VMB_MSG_UNLOAD_RESPONSE);
    struct vmb_host_summary s;
    vmb_host_summary(g.h, &s);
    assert_int_equal(s.state, VMB_STATE_UNLOADED);
    assert_int_equal(s.unloads, 1);
    /* after UNLOAD only INITIATE_CONTACT is allowed */
    fg_send(&g, 4, &un, sizeof(un));
    assert_string_equal(g.q.env.last_finding_rule, "VMB-UNLD-001");
}

static void test_out_of_state_and_unknown(void **state)
{
    struct vmb_msg_hdr ro = { .msgtype = VMB_MSG_REQUESTOFFERS };
    fg_send(&g, 4, &ro, sizeof(ro)); /* before INITIATE_CONTACT */
    assert_string_equal(g.q.env.last_finding_rule, "VMB-VER-012");
    struct vmb_msg_hdr bad = { .msgtype = VMB_MSG_OFFERCHANNEL }; /* host-to-guest type */
    fg_send(&g, 4, &bad, sizeof(bad));
    assert_string_equal(g.q.env.last_finding_rule, "VMB-SYN-002");
    bad.msgtype = 99;
    fg_send(&g, 4, &bad, sizeof(bad));
    assert_int_equal(g.q.env.nr_findings, 3);
    assert_int_equal(g.nr_replies, 0);
    fg_connect_offers(&g);
    /* open without a GPADL, with openid != relid */
    struct vmb_msg_open_channel o = { .header.msgtype = VMB_MSG_OPENCHANNEL, .child_relid = 1,
                                      .openid = 5, .ringbuffer_gpadlhandle = 0x999 };
    uint32_t before = g.nr_replies;
    fg_send(&g, 4, &o, sizeof(o));
    struct vmb_msg_open_result r;
    memcpy(&r, g.replies[find_reply(VMB_MSG_OPENCHANNEL_RESULT, before)], sizeof(r));
    assert_int_not_equal(r.status, 0);
    assert_string_equal(g.q.env.last_finding_rule, "VMB-OPEN-002");
    /* signal on a channel that is not open */
    hyp_machine_hypercall_fast8(g.m, 0, HYP_HVCALL_SIGNAL_EVENT,
                                VMB_CHANNEL_EVENT_CONN_BASE + 1);
    fg_run(&g);
    assert_string_equal(g.q.env.last_finding_rule, "VMB-OPEN-007");
}

static void test_latency_is_seeded(void **state)
{
    fg_connect_offers(&g);
    uint64_t t1 = g.q.now_ns;
    fg_fini(&g);
    vsp_kbd_destroy(kbd);
    setup(state);
    fg_connect_offers(&g);
    assert_int_equal(g.q.now_ns, t1); /* same seed, same timing */
    assert_true(t1 > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_offers_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subchannel_offered_after_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_kbd_protocol_and_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_modify_close_rescind_release_unload, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_out_of_state_and_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_latency_is_seeded, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
