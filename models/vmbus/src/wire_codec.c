// SPDX-License-Identifier: GPL-2.0-only
/*
 * wire_codec.c - GUID text conversion and the table-driven field codec of channel messages
 * (vmb/codec.h): one field table per message type drives both decoding (bytes -> "name=value"
 * lines, used by the wire vectors and available to the trace) and encoding (values -> bytes).
 * Owns only constant tables.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmb/codec.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Text byte order -> wire byte order for the mixed-endian GUID layout. */
static const uint8_t guid_wire_pos[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };

int vmb_guid_parse(const char *text, struct vmb_guid *out)
{
    uint8_t raw[16];
    uint32_t n = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '-')
            continue;
        int hi = hexval(p[0]);
        int lo = p[1] ? hexval(p[1]) : -1;
        if (hi < 0 || lo < 0 || n == 16)
            return -1;
        raw[n++] = (uint8_t)(hi << 4 | lo);
        p++;
    }
    if (n != 16 || strlen(text) != 36)
        return -1;
    for (uint32_t i = 0; i < 16; i++)
        out->b[guid_wire_pos[i]] = raw[i];
    return 0;
}

void vmb_guid_format(const struct vmb_guid *g, char out[37])
{
    uint8_t raw[16];
    for (uint32_t i = 0; i < 16; i++)
        raw[i] = g->b[guid_wire_pos[i]];
    snprintf(out, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", raw[0],
             raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10],
             raw[11], raw[12], raw[13], raw[14], raw[15]);
}

/* ------------------------------------------------------------------ field tables */

#define F(n, o, k, s) { n, o, k, s }
#define HDR F("msgtype", 0, VMB_F_U32, 4), F("padding", 4, VMB_F_U32, 4)

static const struct vmb_field f_hdr[] = { HDR };
static const struct vmb_field f_offer[] = {
    HDR,
    F("if_type", 8, VMB_F_GUID, 16),
    F("if_instance", 24, VMB_F_GUID, 16),
    F("reserved1", 40, VMB_F_U64, 8),
    F("reserved2", 48, VMB_F_U64, 8),
    F("chn_flags", 56, VMB_F_U16, 2),
    F("mmio_megabytes", 58, VMB_F_U16, 2),
    F("user_def", 60, VMB_F_BYTES, 120),
    F("sub_channel_index", 180, VMB_F_U16, 2),
    F("reserved3", 182, VMB_F_U16, 2),
    F("child_relid", 184, VMB_F_U32, 4),
    F("monitorid", 188, VMB_F_U8, 1),
    F("monitor_flags", 189, VMB_F_U8, 1),
    F("interrupt_flags", 190, VMB_F_U16, 2),
    F("connection_id", 192, VMB_F_U32, 4),
};
static const struct vmb_field f_relid[] = { HDR, F("child_relid", 8, VMB_F_U32, 4) };
static const struct vmb_field f_open[] = {
    HDR,
    F("child_relid", 8, VMB_F_U32, 4),
    F("openid", 12, VMB_F_U32, 4),
    F("ringbuffer_gpadlhandle", 16, VMB_F_U32, 4),
    F("target_vp", 20, VMB_F_U32, 4),
    F("downstream_ringbuffer_pageoffset", 24, VMB_F_U32, 4),
    F("userdata", 28, VMB_F_BYTES, 120),
};
static const struct vmb_field f_open_result[] = {
    HDR, F("child_relid", 8, VMB_F_U32, 4), F("openid", 12, VMB_F_U32, 4),
    F("status", 16, VMB_F_U32, 4),
};
static const struct vmb_field f_gpadl_header[] = {
    HDR,
    F("child_relid", 8, VMB_F_U32, 4),
    F("gpadl", 12, VMB_F_U32, 4),
    F("range_buflen", 16, VMB_F_U16, 2),
    F("rangecount", 18, VMB_F_U16, 2),
    F("byte_count", 20, VMB_F_U32, 4),
    F("byte_offset", 24, VMB_F_U32, 4),
    F("pfn", 28, VMB_F_U64_ARRAY, 0),
};
static const struct vmb_field f_gpadl_body[] = {
    HDR, F("msgnumber", 8, VMB_F_U32, 4), F("gpadl", 12, VMB_F_U32, 4),
    F("pfn", 16, VMB_F_U64_ARRAY, 0),
};
static const struct vmb_field f_gpadl_created[] = {
    HDR, F("child_relid", 8, VMB_F_U32, 4), F("gpadl", 12, VMB_F_U32, 4),
    F("creation_status", 16, VMB_F_U32, 4),
};
static const struct vmb_field f_gpadl_teardown[] = {
    HDR, F("child_relid", 8, VMB_F_U32, 4), F("gpadl", 12, VMB_F_U32, 4),
};
static const struct vmb_field f_gpadl_torndown[] = { HDR, F("gpadl", 8, VMB_F_U32, 4) };
static const struct vmb_field f_contact[] = {
    HDR,
    F("vmbus_version_requested", 8, VMB_F_U32, 4),
    F("target_vcpu", 12, VMB_F_U32, 4),
    F("interrupt_page_or_sint", 16, VMB_F_U64, 8),
    F("monitor_page1", 24, VMB_F_U64, 8),
    F("monitor_page2", 32, VMB_F_U64, 8),
};
static const struct vmb_field f_version_response[] = {
    HDR, F("version_supported", 8, VMB_F_U8, 1), F("connection_state", 9, VMB_F_U8, 1),
    F("padding2", 10, VMB_F_U16, 2), F("msg_conn_id", 12, VMB_F_U32, 4),
};
static const struct vmb_field f_tl_request[] = {
    HDR, F("guest_endpoint_id", 8, VMB_F_GUID, 16), F("host_service_id", 24, VMB_F_GUID, 16),
};
static const struct vmb_field f_tl_result[] = {
    HDR, F("guest_endpoint_id", 8, VMB_F_GUID, 16), F("status", 24, VMB_F_U32, 4),
};
static const struct vmb_field f_modify[] = {
    HDR, F("child_relid", 8, VMB_F_U32, 4), F("target_vp", 12, VMB_F_U32, 4),
};
static const struct vmb_field f_modify_response[] = {
    HDR, F("child_relid", 8, VMB_F_U32, 4), F("status", 12, VMB_F_U32, 4),
};

#define M(t, name, f, sz, var) [t] = { name, f, sizeof(f) / sizeof(f[0]), sz, var }
static const struct vmb_msg_layout layouts[VMB_MSG_COUNT] = {
    M(VMB_MSG_OFFERCHANNEL, "OFFERCHANNEL", f_offer, 196, 0),
    M(VMB_MSG_RESCIND_CHANNELOFFER, "RESCIND_CHANNELOFFER", f_relid, 12, 0),
    M(VMB_MSG_REQUESTOFFERS, "REQUESTOFFERS", f_hdr, 8, 0),
    M(VMB_MSG_ALLOFFERS_DELIVERED, "ALLOFFERS_DELIVERED", f_hdr, 8, 0),
    M(VMB_MSG_OPENCHANNEL, "OPENCHANNEL", f_open, 148, 0),
    M(VMB_MSG_OPENCHANNEL_RESULT, "OPENCHANNEL_RESULT", f_open_result, 20, 0),
    M(VMB_MSG_CLOSECHANNEL, "CLOSECHANNEL", f_relid, 12, 0),
    M(VMB_MSG_GPADL_HEADER, "GPADL_HEADER", f_gpadl_header, 28, 1),
    M(VMB_MSG_GPADL_BODY, "GPADL_BODY", f_gpadl_body, 16, 1),
    M(VMB_MSG_GPADL_CREATED, "GPADL_CREATED", f_gpadl_created, 20, 0),
    M(VMB_MSG_GPADL_TEARDOWN, "GPADL_TEARDOWN", f_gpadl_teardown, 16, 0),
    M(VMB_MSG_GPADL_TORNDOWN, "GPADL_TORNDOWN", f_gpadl_torndown, 12, 0),
    M(VMB_MSG_RELID_RELEASED, "RELID_RELEASED", f_relid, 12, 0),
    M(VMB_MSG_INITIATE_CONTACT, "INITIATE_CONTACT", f_contact, 40, 0),
    M(VMB_MSG_VERSION_RESPONSE, "VERSION_RESPONSE", f_version_response, 16, 0),
    M(VMB_MSG_UNLOAD, "UNLOAD", f_hdr, 8, 0),
    M(VMB_MSG_UNLOAD_RESPONSE, "UNLOAD_RESPONSE", f_hdr, 8, 0),
    M(VMB_MSG_TL_CONNECT_REQUEST, "TL_CONNECT_REQUEST", f_tl_request, 40, 0),
    M(VMB_MSG_MODIFYCHANNEL, "MODIFYCHANNEL", f_modify, 16, 0),
    M(VMB_MSG_TL_CONNECT_RESULT, "TL_CONNECT_RESULT", f_tl_result, 28, 0),
    M(VMB_MSG_MODIFYCHANNEL_RESPONSE, "MODIFYCHANNEL_RESPONSE", f_modify_response, 16, 0),
};

const struct vmb_msg_layout *vmb_msg_layout(uint32_t msgtype)
{
    if (msgtype >= VMB_MSG_COUNT || !layouts[msgtype].name)
        return NULL;
    return &layouts[msgtype];
}

const struct vmb_msg_layout *vmb_msg_layout_by_name(const char *name)
{
    for (uint32_t t = 0; t < VMB_MSG_COUNT; t++) {
        if (layouts[t].name && strcmp(layouts[t].name, name) == 0)
            return &layouts[t];
    }
    return NULL;
}

static uint64_t get_le(const uint8_t *p, uint32_t n)
{
    uint64_t v = 0;
    for (uint32_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

static void put_le(uint8_t *p, uint32_t n, uint64_t v)
{
    for (uint32_t i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t scalar_size(enum vmb_field_kind k)
{
    return k == VMB_F_U8 ? 1 : k == VMB_F_U16 ? 2 : k == VMB_F_U32 ? 4 : 8;
}

int vmb_decode_field(const struct vmb_field *f, const uint8_t *msg, uint32_t len, char *out,
                     size_t out_len)
{
    size_t w = 0;
    out[0] = '\0';
    if (f->kind == VMB_F_U64_ARRAY) {
        if (len < f->offset || (len - f->offset) % 8)
            return -1;
        for (uint32_t o = f->offset; o < len; o += 8)
            w += (size_t)snprintf(out + w, w < out_len ? out_len - w : 0, "%s%#" PRIx64,
                                  o == f->offset ? "" : " ", get_le(msg + o, 8));
        return w < out_len ? 0 : -1;
    }
    if (f->offset + f->size > len)
        return -1;
    if (f->kind == VMB_F_GUID) {
        struct vmb_guid g;
        memcpy(g.b, msg + f->offset, 16);
        if (out_len < 37)
            return -1;
        vmb_guid_format(&g, out);
        return 0;
    }
    if (f->kind == VMB_F_BYTES) {
        for (uint32_t i = 0; i < f->size && w + 3 <= out_len; i++)
            w += (size_t)snprintf(out + w, out_len - w, "%02x", msg[f->offset + i]);
        return w == 2u * f->size ? 0 : -1;
    }
    snprintf(out, out_len, "%" PRIu64, get_le(msg + f->offset, scalar_size(f->kind)));
    return 0;
}

int vmb_encode_field(const struct vmb_field *f, const char *value, uint8_t *msg, uint32_t cap,
                     uint32_t *len)
{
    if (f->kind == VMB_F_U64_ARRAY) {
        uint32_t o = f->offset;
        const char *p = value;
        while (*p) {
            char *end;
            uint64_t v = strtoull(p, &end, 0);
            if (end == p || o + 8 > cap)
                return -1;
            put_le(msg + o, 8, v);
            o += 8;
            p = end;
            while (*p == ' ')
                p++;
        }
        if (o > *len)
            *len = o;
        return 0;
    }
    if (f->offset + f->size > cap)
        return -1;
    if (f->kind == VMB_F_GUID) {
        struct vmb_guid g;
        if (vmb_guid_parse(value, &g) != 0)
            return -1;
        memcpy(msg + f->offset, g.b, 16);
    } else if (f->kind == VMB_F_BYTES) {
        if (strlen(value) != 2u * f->size)
            return -1;
        for (uint32_t i = 0; i < f->size; i++) {
            int hi = hexval(value[2 * i]), lo = hexval(value[2 * i + 1]);
            if (hi < 0 || lo < 0)
                return -1;
            msg[f->offset + i] = (uint8_t)(hi << 4 | lo);
        }
    } else {
        char *end;
        uint64_t v = strtoull(value, &end, 0);
        if (*end || end == value)
            return -1;
        uint32_t n = scalar_size(f->kind);
        if (n < 8 && v >> (8 * n))
            return -1;
        put_le(msg + f->offset, n, v);
    }
    if (f->offset + f->size > *len)
        *len = f->offset + f->size;
    return 0;
}
