// SPDX-License-Identifier: GPL-2.0-only
/*
 * mouse.c - synthetic mouse / HID VSP. Owns the connection state of one mouse channel.
 * States: CLOSED -> OPEN (channel open, no request yet) -> INFO_SENT (response approved and
 * INITIAL_DEVICE_INFO sent) -> CONNECTED (the guest acknowledged a correct device info), or
 * REFUSED (response not approved); back to CLOSED on close/rescind.
 *
 * Findings: MOU-001 (protocol request not 20 bytes / version 2.0 / completion requested),
 * MOU-003 (an INITIAL_DEVICE_INFO_ACK for a device info whose lengths do not fit, a malformed
 * ack, or an ack with no device info outstanding), HVS-MOU-001 (any other guest packet: wrong
 * type, short, not a pipe data message, unknown synthhid message).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "vmb/devices.h"
#include "vsp/mouse.h"

enum mouse_state { MOU_CLOSED = 0, MOU_OPEN, MOU_INFO_SENT, MOU_CONNECTED, MOU_REFUSED };

struct vsp_mouse {
    bool accept;
    enum vsp_mouse_devinfo devinfo;
    bool early_report;
    uint32_t selftest_version;
    bool selftest_malformed;
    enum mouse_state state;
    struct vmb_channel *ch;
    struct vsp_mouse_stats stats;
};

/* A 3-button relative mouse: report = {buttons (3 bits + 5 pad), X (s8), Y (s8)}. */
static const uint8_t mouse_rdesc[] = {
    0x05, 0x01, /* Usage Page (Generic Desktop) */
    0x09, 0x02, /* Usage (Mouse) */
    0xa1, 0x01, /* Collection (Application) */
    0x09, 0x01, /*   Usage (Pointer) */
    0xa1, 0x00, /*   Collection (Physical) */
    0x05, 0x09, /*     Usage Page (Button) */
    0x19, 0x01, /*     Usage Minimum (1) */
    0x29, 0x03, /*     Usage Maximum (3) */
    0x15, 0x00, /*     Logical Minimum (0) */
    0x25, 0x01, /*     Logical Maximum (1) */
    0x95, 0x03, /*     Report Count (3) */
    0x75, 0x01, /*     Report Size (1) */
    0x81, 0x02, /*     Input (Data, Variable, Absolute) */
    0x95, 0x01, /*     Report Count (1) */
    0x75, 0x05, /*     Report Size (5) */
    0x81, 0x01, /*     Input (Constant) */
    0x05, 0x01, /*     Usage Page (Generic Desktop) */
    0x09, 0x30, /*     Usage (X) */
    0x09, 0x31, /*     Usage (Y) */
    0x15, 0x81, /*     Logical Minimum (-127) */
    0x25, 0x7f, /*     Logical Maximum (127) */
    0x75, 0x08, /*     Report Size (8) */
    0x95, 0x02, /*     Report Count (2) */
    0x81, 0x06, /*     Input (Data, Variable, Relative) */
    0xc0,       /*   End Collection */
    0xc0,       /* End Collection */
};

const uint8_t *vsp_mouse_report_desc(uint32_t *len)
{
    *len = sizeof(mouse_rdesc);
    return mouse_rdesc;
}

void vsp_mouse_params_default(struct vsp_mouse_params *p)
{
    memset(p, 0, sizeof(*p));
    p->accept = true;
    p->devinfo = VSP_MOUSE_DEVINFO_OK;
}

static int yes_no(const char *value, bool *out)
{
    if (strcmp(value, "yes") && strcmp(value, "no"))
        return -1;
    *out = !strcmp(value, "yes");
    return 0;
}

int vsp_mouse_option(const char *key, const char *value, struct vsp_mouse_params *p)
{
    static const char *const infos[] = { "ok", "bad-blength", "bad-rptlen", "none",
                                         "short-packet" };
    if (!strcmp(key, "accept"))
        return yes_no(value, &p->accept);
    if (!strcmp(key, "early_report"))
        return yes_no(value, &p->early_report);
    if (!strcmp(key, "selftest_malformed"))
        return yes_no(value, &p->selftest_malformed);
    if (!strcmp(key, "selftest_version")) {
        char *end;
        unsigned long v = strtoul(value, &end, 0);
        if (!*value || *end || v > UINT32_MAX)
            return -1;
        p->selftest_version = (uint32_t)v;
        return 0;
    }
    if (!strcmp(key, "devinfo")) {
        for (size_t i = 0; i < sizeof(infos) / sizeof(infos[0]); i++) {
            if (!strcmp(value, infos[i])) {
                p->devinfo = (enum vsp_mouse_devinfo)i;
                return 0;
            }
        }
    }
    return -1;
}

struct vsp_mouse *vsp_mouse_create(const struct vsp_mouse_params *p)
{
    struct vsp_mouse *m = calloc(1, sizeof(*m));
    assert(m);
    m->accept = p->accept;
    m->devinfo = p->devinfo;
    m->early_report = p->early_report;
    m->selftest_version = p->selftest_version;
    m->selftest_malformed = p->selftest_malformed;
    return m;
}

void vsp_mouse_destroy(struct vsp_mouse *m)
{
    free(m);
}

static uint32_t mouse_open(struct vmb_channel *ch)
{
    struct vsp_mouse *m = vmb_channel_vsp_ctx(ch);
    m->ch = ch;
    m->state = MOU_OPEN;
    return 0;
}

static void put_hdr(uint8_t *buf, uint32_t type, uint32_t size)
{
    struct vsp_mouse_hdr h = { .pipe_type = VSP_MOUSE_PIPE_DATA, .pipe_size = 8 + size,
                               .type = type, .size = size };
    memcpy(buf, &h, sizeof(h));
}

/* INITIAL_DEVICE_INFO: hv_input_dev_info (32), hid_descriptor (9), report descriptor. */
static int send_device_info(struct vsp_mouse *m, struct vmb_channel *ch)
{
    uint8_t buf[16 + 32 + 9 + sizeof(mouse_rdesc)] = { 0 };
    uint32_t body = 32 + 9 + (uint32_t)sizeof(mouse_rdesc);
    put_hdr(buf, VSP_MOUSE_MSG_DEVICE_INFO, body);
    uint8_t *info = buf + 16;
    uint32_t isize = 32;
    uint16_t vendor = VSP_MOUSE_VENDOR, product = VSP_MOUSE_PRODUCT, version = 1;
    memcpy(info, &isize, 4);
    memcpy(info + 4, &vendor, 2);
    memcpy(info + 6, &product, 2);
    memcpy(info + 8, &version, 2);
    uint8_t *d = info + 32;
    uint16_t rlen = (uint16_t)sizeof(mouse_rdesc);
    d[0] = 9;    /* bLength */
    d[1] = 0x21; /* HID descriptor */
    d[2] = 0x01; /* bcdHID 1.01 */
    d[3] = 0x01;
    d[4] = 0;    /* bCountryCode */
    d[5] = 1;    /* bNumDescriptors */
    d[6] = 0x22; /* report descriptor */
    if (m->devinfo == VSP_MOUSE_DEVINFO_BAD_BLENGTH)
        d[0] = 0xf0;
    if (m->devinfo == VSP_MOUSE_DEVINFO_BAD_RPTLEN)
        rlen = (uint16_t)(rlen + 64);
    memcpy(d + 7, &rlen, 2);
    memcpy(d + 9, mouse_rdesc, sizeof(mouse_rdesc));
    uint32_t len = sizeof(buf);
    if (m->devinfo == VSP_MOUSE_DEVINFO_SHORT)
        len = 16 + 32 + 9 + 8;
    int rc = vmb_channel_send(ch, VMB_PKT_DATA_INBAND, 0, 0, buf, len);
    hyp_tracef(vmb_channel_env(ch), vmb_channel_source(ch), "mouse_device_info",
               "blength=%u rptlen=%u len=%u malformed=%d rc=%d", d[0], rlen, len,
               m->devinfo != VSP_MOUSE_DEVINFO_OK || m->selftest_malformed, rc);
    return rc;
}

static int send_report(struct vsp_mouse *m, struct vmb_channel *ch, uint8_t buttons, int8_t dx,
                       int8_t dy, int early)
{
    uint8_t buf[16 + 3];
    put_hdr(buf, VSP_MOUSE_MSG_INPUT_REPORT, 3);
    buf[16] = buttons;
    buf[17] = (uint8_t)dx;
    buf[18] = (uint8_t)dy;
    int rc = vmb_channel_send(ch, VMB_PKT_DATA_INBAND, 0, 0, buf, sizeof(buf));
    hyp_tracef(vmb_channel_env(ch), vmb_channel_source(ch), "mouse_report",
               "buttons=%#x dx=%d dy=%d early=%d rc=%d", buttons, dx, dy, early, rc);
    if (rc == 0)
        m->stats.reports_sent++;
    else
        m->stats.reports_refused++;
    return rc;
}

static void mouse_request(struct vsp_mouse *m, struct vmb_channel *ch,
                          const struct vsp_ring_pkt *pkt, const struct vsp_mouse_hdr *h)
{
    struct hyp_env *env = vmb_channel_env(ch);
    uint32_t version = 0;
    memcpy(&version, pkt->payload + 16, 4);
    if (m->selftest_version)
        version = m->selftest_version;
    m->stats.requests++;
    if (version != VSP_MOUSE_VERSION || h->pipe_size != 12 || h->size != 4 ||
        pkt->desc.flags != VMB_PKT_FLAG_COMPLETION_REQUESTED)
        hyp_findingf(env, vmb_channel_source(ch), "MOU-001",
                     "protocol request version=%#x pipe_size=%u size=%u flags=%u", version,
                     h->pipe_size, h->size, pkt->desc.flags);
    uint8_t rsp[16 + 5] = { 0 };
    put_hdr(rsp, VSP_MOUSE_MSG_PROTOCOL_RESPONSE, 5);
    memcpy(rsp + 16, &version, 4);
    rsp[20] = m->accept ? 1 : 0;
    int rc = vmb_channel_send(ch, VMB_PKT_DATA_INBAND, 0, 0, rsp, sizeof(rsp));
    hyp_tracef(env, vmb_channel_source(ch), "mouse_protocol", "version=%#x accepted=%d rc=%d",
               version, m->accept, rc);
    if (rc != 0)
        return;
    if (!m->accept) {
        m->state = MOU_REFUSED;
        return;
    }
    m->state = MOU_INFO_SENT;
    if (m->devinfo != VSP_MOUSE_DEVINFO_NONE && send_device_info(m, ch) == 0 &&
        m->early_report)
        send_report(m, ch, 0x1, 1, 1, 1);
}

static void mouse_ack(struct vsp_mouse *m, struct vmb_channel *ch,
                      const struct vsp_ring_pkt *pkt, const struct vsp_mouse_hdr *h)
{
    struct hyp_env *env = vmb_channel_env(ch);
    m->stats.acks++;
    hyp_tracef(env, vmb_channel_source(ch), "mouse_ack", "pipe_size=%u size=%u flags=%u",
               h->pipe_size, h->size, pkt->desc.flags);
    if (m->state != MOU_INFO_SENT || m->devinfo != VSP_MOUSE_DEVINFO_OK ||
        m->selftest_malformed) {
        hyp_findingf(env, vmb_channel_source(ch), "MOU-003",
                     "device info ack in state %d for a device info that %s", m->state,
                     m->state != MOU_INFO_SENT ? "was not outstanding" : "does not fit its packet");
        return;
    }
    if (h->pipe_size != 9 || h->size != 1 || pkt->payload[16] != 0) {
        hyp_findingf(env, vmb_channel_source(ch), "MOU-003",
                     "malformed device info ack pipe_size=%u size=%u", h->pipe_size, h->size);
        return;
    }
    m->state = MOU_CONNECTED;
}

static void mouse_packet(struct vmb_channel *ch, const struct vsp_ring_pkt *pkt)
{
    struct vsp_mouse *m = vmb_channel_vsp_ctx(ch);
    struct vsp_mouse_hdr h = { 0 };
    if (pkt->payload_len >= sizeof(h))
        memcpy(&h, pkt->payload, sizeof(h));
    bool inband = pkt->desc.type == VMB_PKT_DATA_INBAND && h.pipe_type == VSP_MOUSE_PIPE_DATA;
    if (inband && h.type == VSP_MOUSE_MSG_PROTOCOL_REQUEST && pkt->payload_len >= 20) {
        mouse_request(m, ch, pkt, &h);
        return;
    }
    if (inband && h.type == VSP_MOUSE_MSG_DEVICE_INFO_ACK && pkt->payload_len >= 17) {
        mouse_ack(m, ch, pkt, &h);
        return;
    }
    hyp_findingf(vmb_channel_env(ch), vmb_channel_source(ch), "HVS-MOU-001",
                 "unexpected packet type=%u len=%u pipe=%u msg=%u", pkt->desc.type,
                 pkt->payload_len, h.pipe_type, h.type);
}

static void mouse_close(struct vmb_channel *ch)
{
    struct vsp_mouse *m = vmb_channel_vsp_ctx(ch);
    m->state = MOU_CLOSED;
    m->ch = NULL;
}

static const struct vmb_vsp_ops mouse_ops = {
    .on_open = mouse_open,
    .on_packet = mouse_packet,
    .on_close = mouse_close,
    .on_rescind = mouse_close,
};

void vsp_mouse_attach(struct vsp_mouse *m, uint32_t instance, struct vmb_device_config *dev)
{
    if (vmb_device_preset("mouse", instance, dev) != 0)
        assert(0 && "mouse preset missing");
    dev->vsp = &mouse_ops;
    dev->vsp_ctx = m;
}

bool vsp_mouse_connected(const struct vsp_mouse *m)
{
    return m->state == MOU_CONNECTED;
}

int vsp_mouse_report(struct vsp_mouse *m, int8_t dx, int8_t dy, uint8_t buttons)
{
    if (m->state != MOU_CONNECTED) {
        m->stats.reports_refused++;
        return -1;
    }
    return send_report(m, m->ch, buttons, dx, dy, 0);
}

const struct vsp_mouse_stats *vsp_mouse_stats(const struct vsp_mouse *m)
{
    return &m->stats;
}
