// SPDX-License-Identifier: GPL-2.0-only
/*
 * ic_wire.c - pure codec of the IC framing: header encode/decode, the host's NEGOTIATE
 * request, the guest's negotiate reply, UTF-8 <-> UTF-16LE (KVP keys/values, fcopy names) and
 * the percent-escaping of strings placed in trace bodies.
 *
 * Owns nothing but code. Invariants: never reads or writes outside the given lengths; every
 * failure is a return value (callers turn guest-caused failures into findings).
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "vsp/util.h"

uint32_t vsp_ic_encode(uint8_t *buf, uint32_t cap, const struct vsp_ic_hdr *h, const void *body,
                       uint32_t body_len)
{
    if (body_len > UINT16_MAX || cap < VSP_IC_HDR_BYTES || body_len > cap - VSP_IC_HDR_BYTES)
        return 0;
    struct vsp_ic_msg_hdr m;
    memset(&m, 0, sizeof(m));
    m.pipe.flags = VSP_IC_PIPE_DATA;
    m.pipe.msgsize = (uint32_t)sizeof(struct vsp_ic_hdr) + body_len;
    m.ic = *h;
    m.ic.icmsgsize = (uint16_t)body_len;
    memcpy(buf, &m, sizeof(m));
    if (body_len)
        memcpy(buf + VSP_IC_HDR_BYTES, body, body_len);
    return VSP_IC_HDR_BYTES + body_len;
}

int vsp_ic_decode(const uint8_t *buf, uint32_t len, struct vsp_ic_msg_hdr *out)
{
    if (len < VSP_IC_HDR_BYTES)
        return -1;
    memcpy(out, buf, sizeof(*out));
    return 0;
}

uint32_t vsp_ic_encode_negotiate(uint8_t *buf, uint32_t cap, uint8_t ic_txid, const uint32_t *fw,
                                 uint32_t nr_fw, const uint32_t *srv, uint32_t nr_srv)
{
    uint8_t body[sizeof(struct vsp_ic_negotiate) + 2 * VSP_UTIL_MAX_VERSIONS * 4];
    if (nr_fw > VSP_UTIL_MAX_VERSIONS || nr_srv > VSP_UTIL_MAX_VERSIONS)
        return 0;
    struct vsp_ic_negotiate n = { .icframe_vercnt = (uint16_t)nr_fw,
                                  .icmsg_vercnt = (uint16_t)nr_srv };
    memcpy(body, &n, sizeof(n));
    uint32_t off = sizeof(n);
    for (uint32_t i = 0; i < nr_fw + nr_srv; i++) {
        uint32_t v = i < nr_fw ? fw[i] : srv[i - nr_fw];
        struct vsp_ic_version w = { VSP_IC_VER_MAJOR(v), VSP_IC_VER_MINOR(v) };
        memcpy(body + off, &w, sizeof(w));
        off += sizeof(w);
    }
    struct vsp_ic_hdr h;
    memset(&h, 0, sizeof(h));
    h.icmsgtype = VSP_IC_MSG_NEGOTIATE;
    h.ictransaction_id = ic_txid;
    h.icflags = VSP_IC_FLAG_TRANSACTION | VSP_IC_FLAG_REQUEST;
    return vsp_ic_encode(buf, cap, &h, body, off);
}

enum vsp_ic_nego_result vsp_ic_parse_negotiate(const uint8_t *buf, uint32_t len,
                                               struct vsp_ic_nego_reply *out)
{
    memset(out, 0, sizeof(*out));
    const uint32_t need = VSP_IC_HDR_BYTES + sizeof(struct vsp_ic_negotiate) + 8u;
    struct vsp_ic_msg_hdr m;
    if (vsp_ic_decode(buf, len, &m) != 0)
        return VSP_IC_NEGO_TRUNCATED;
    out->icmsgsize = m.ic.icmsgsize;
    if (len < VSP_IC_HDR_BYTES + sizeof(struct vsp_ic_negotiate))
        return VSP_IC_NEGO_TRUNCATED;
    struct vsp_ic_negotiate n;
    memcpy(&n, buf + VSP_IC_HDR_BYTES, sizeof(n));
    out->frame_cnt = n.icframe_vercnt;
    out->msg_cnt = n.icmsg_vercnt;
    if (len < need)
        return VSP_IC_NEGO_TRUNCATED;
    struct vsp_ic_version v[2];
    memcpy(v, buf + VSP_IC_HDR_BYTES + sizeof(n), sizeof(v));
    out->fw = VSP_IC_VER(v[0].major, v[0].minor);
    out->srv = VSP_IC_VER(v[1].major, v[1].minor);
    if (n.icframe_vercnt == 1 && n.icmsg_vercnt == 1)
        return VSP_IC_NEGO_OK;
    if (n.icframe_vercnt == 0 && n.icmsg_vercnt == 0)
        return VSP_IC_NEGO_NONE;
    return VSP_IC_NEGO_BAD_COUNTS;
}

/* ------------------------------------------------------------------ UTF-16 */

/* Decode one code point from s; returns its byte length, or -1 if invalid. */
static int utf8_next(const unsigned char *s, uint32_t *cp)
{
    static const uint32_t min_cp[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    int n;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if ((s[0] & 0xe0) == 0xc0) {
        n = 2;
        *cp = s[0] & 0x1fu;
    } else if ((s[0] & 0xf0) == 0xe0) {
        n = 3;
        *cp = s[0] & 0x0fu;
    } else if ((s[0] & 0xf8) == 0xf0) {
        n = 4;
        *cp = s[0] & 0x07u;
    } else {
        return -1;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return -1;
        *cp = (*cp << 6) | (s[i] & 0x3fu);
    }
    if (*cp < min_cp[n] || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
        return -1;
    return n;
}

static void put_u16(void *out, uint32_t i, uint16_t v)
{
    memcpy((uint8_t *)out + 2u * i, &v, sizeof(v)); /* may be unaligned in a packed struct */
}

static uint16_t get_u16(const void *in, uint32_t i)
{
    uint16_t v;
    memcpy(&v, (const uint8_t *)in + 2u * i, sizeof(v));
    return v;
}

int vsp_utf16_encode(const char *utf8, void *out, uint32_t cap_units)
{
    const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
    uint32_t n = 0;
    if (cap_units == 0)
        return -1;
    while (*s) {
        uint32_t cp;
        int len = utf8_next(s, &cp);
        if (len < 0)
            return -1;
        s += len;
        uint32_t need = cp >= 0x10000 ? 2u : 1u;
        if (n + need + 1 > cap_units)
            return -1;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            put_u16(out, n++, (uint16_t)(0xd800 | (cp >> 10)));
            put_u16(out, n++, (uint16_t)(0xdc00 | (cp & 0x3ff)));
        } else {
            put_u16(out, n++, (uint16_t)cp);
        }
    }
    put_u16(out, n, 0);
    return (int)n;
}

static int put_utf8(char *out, uint32_t cap, uint32_t *o, uint32_t cp)
{
    uint8_t b[4];
    uint32_t n;
    if (cp < 0x80) {
        b[0] = (uint8_t)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (uint8_t)(0xc0 | (cp >> 6));
        b[1] = (uint8_t)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (uint8_t)(0xe0 | (cp >> 12));
        b[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
        b[2] = (uint8_t)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        b[0] = (uint8_t)(0xf0 | (cp >> 18));
        b[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
        b[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
        b[3] = (uint8_t)(0x80 | (cp & 0x3f));
        n = 4;
    }
    if (*o + n + 1 > cap)
        return -1;
    memcpy(out + *o, b, n);
    *o += n;
    return 0;
}

int vsp_utf16_decode(const void *in, uint32_t units, char *out, uint32_t cap)
{
    uint32_t o = 0;
    if (cap == 0)
        return -1;
    out[0] = 0;
    for (uint32_t i = 0; i < units; i++) {
        uint32_t cp = get_u16(in, i);
        if (cp == 0)
            break;
        if (cp >= 0xd800 && cp <= 0xdbff) {
            uint32_t lo = i + 1 < units ? get_u16(in, i + 1) : 0;
            if (lo < 0xdc00 || lo > 0xdfff)
                return -1;
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            i++;
        } else if (cp >= 0xdc00 && cp <= 0xdfff) {
            return -1;
        }
        if (put_utf8(out, cap, &o, cp) != 0)
            return -1;
    }
    out[o] = 0;
    return (int)o;
}

void vsp_util_escape(const char *s, size_t max_in, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    assert(cap > 0);
    for (size_t i = 0; s && i < max_in && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        bool plain = c >= 0x21 && c <= 0x7e && c != '%' && c != '"' && c != '=';
        size_t need = plain ? 1 : 3;
        if (o + need + 1 > cap)
            break;
        if (plain) {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    out[o] = 0;
}
