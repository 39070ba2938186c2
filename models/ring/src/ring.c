// SPDX-License-Identifier: GPL-2.0-only
/*
 * ring.c - host-side ring access through GPADL PFNs (see vsp/ring.h for the protocol).
 *
 * Owns: the host's private cursors (in: read position within a batch; out: write position)
 * and the copies of the PFN lists. The guest owns in.write_index, out.read_index, the
 * interrupt_mask of the ring it consumes (out) and the pending_send_sz of the ring it
 * produces (in).
 *
 * Invariants: priv_index < data_size and is a multiple of 8; a broken direction is never
 * touched again; no access leaves guest RAM (every page goes through hyp_mem_ptr()).
 *
 * Findings (rule ids):
 *   VMB-RING-004  guest-owned index out of range / misaligned, or a partial packet published
 *   VMB-RING-002  descriptor len8/offset8 inconsistent or longer than the published bytes
 *   VMB-RING-003  trailer is not (start offset << 32)
 *   VMB-RING-005  unknown packet type or flags other than 0/1 on an inband/completion packet
 *   HVS-RING-001 guest modified the host-owned out.write_index
 *   VMB-OPEN-003  ring GPADL cannot be split as OPENCHANNEL says, or a PFN is outside RAM
 */
#include "vsp/ring.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define EAGAIN_ 11
#define EIO_ 5

static bool dir_bind(struct vsp_ring_dir *d, struct hyp_mem *mem, const uint64_t *pfns,
                     uint32_t n)
{
    if (n < 2 || n > VSP_RING_MAX_PAGES)
        return false;
    for (uint32_t i = 0; i < n; i++) {
        if (!hyp_mem_pfn_valid(mem, pfns[i]))
            return false;
    }
    d->hdr_gpa = pfns[0] * HYP_PAGE_SIZE;
    d->data_pages = n - 1;
    d->data_size = (n - 1) * HYP_PAGE_SIZE;
    d->data_pfns = malloc(sizeof(uint64_t) * d->data_pages);
    assert(d->data_pfns);
    memcpy(d->data_pfns, pfns + 1, sizeof(uint64_t) * d->data_pages);
    d->priv_index = 0;
    d->broken = false;
    return true;
}

int vsp_ring_bind(struct vsp_ring *r, struct hyp_env *env, struct hyp_mem *mem,
                  const char *source, uint32_t relid, const uint64_t *pfns, uint32_t nr_pfns,
                  uint32_t out_offset_pages)
{
    memset(r, 0, sizeof(*r));
    r->env = env;
    r->mem = mem;
    r->source = source;
    r->relid = relid;
    bool ok = out_offset_pages < nr_pfns &&
              dir_bind(&r->in, mem, pfns, out_offset_pages) &&
              dir_bind(&r->out, mem, pfns + out_offset_pages, nr_pfns - out_offset_pages);
    if (!ok) {
        vsp_ring_unbind(r);
        hyp_findingf(env, source, "VMB-OPEN-003",
                     "relid=%u ring gpadl pages=%u downstream_offset=%u unusable", relid,
                     nr_pfns, out_offset_pages);
        return -1;
    }
    hyp_tracef(env, source, "ring_bind", "relid=%u in_data=%u out_data=%u", relid,
               r->in.data_size, r->out.data_size);
    return 0;
}

void vsp_ring_unbind(struct vsp_ring *r)
{
    free(r->in.data_pfns);
    free(r->out.data_pfns);
    r->in.data_pfns = r->out.data_pfns = NULL;
    r->in.broken = r->out.broken = true;
}

static struct vmb_ring_header *hdr(const struct vsp_ring *r, const struct vsp_ring_dir *d)
{
    struct vmb_ring_header *h = hyp_mem_ptr(r->mem, d->hdr_gpa, sizeof(*h));
    assert(h); /* PFNs were validated at bind time */
    return h;
}

bool vsp_ring_read_header(const struct vsp_ring *r, const struct vsp_ring_dir *d,
                          struct vmb_ring_header *out)
{
    if (!d->data_pfns)
        return false;
    memcpy(out, hdr(r, d), sizeof(*out));
    return true;
}

static uint32_t ld32(const volatile uint32_t *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void st32(volatile uint32_t *p, uint32_t v)
{
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/* Copy len bytes at data offset off (wrapping) out of / into the ring, page by page. */
static void data_copy(struct vsp_ring *r, struct vsp_ring_dir *d, uint32_t off, void *buf,
                      uint32_t len, bool to_ring)
{
    uint8_t *b = buf;
    off %= d->data_size;
    while (len) {
        uint32_t page = off / HYP_PAGE_SIZE;
        uint32_t in_page = off % HYP_PAGE_SIZE;
        uint32_t chunk = HYP_PAGE_SIZE - in_page;
        if (chunk > len)
            chunk = len;
        uint8_t *p = hyp_mem_ptr(r->mem, d->data_pfns[page] * HYP_PAGE_SIZE + in_page, chunk);
        assert(p);
        if (to_ring)
            memcpy(p, b, chunk);
        else
            memcpy(b, p, chunk);
        b += chunk;
        len -= chunk;
        off = (off + chunk) % d->data_size;
    }
}

static bool index_ok(const struct vsp_ring_dir *d, uint32_t idx)
{
    return idx < d->data_size && idx % 8 == 0;
}

static void dir_break(struct vsp_ring *r, struct vsp_ring_dir *d, const char *rule,
                      const char *what, uint32_t value)
{
    d->broken = true;
    hyp_findingf(r->env, r->source, rule, "relid=%u ring=%s %s=%u data_size=%u", r->relid,
                 d == &r->in ? "in" : "out", what, value, d->data_size);
}

static uint32_t used_bytes(uint32_t w, uint32_t rd, uint32_t size)
{
    return w >= rd ? w - rd : size - (rd - w);
}

/* ------------------------------------------------------------------ host -> guest */

/* Validated guest read index of the out ring, or UINT32_MAX (broken). */
static uint32_t out_read_index(struct vsp_ring *r)
{
    if (r->out.broken)
        return UINT32_MAX;
    struct vmb_ring_header *h = hdr(r, &r->out);
    uint32_t rd = ld32(&h->read_index);
    if (!index_ok(&r->out, rd)) {
        dir_break(r, &r->out, "VMB-RING-004", "read_index", rd);
        return UINT32_MAX;
    }
    uint32_t w = ld32(&h->write_index);
    if (w != r->out.priv_index) {
        hyp_findingf(r->env, r->source, "HVS-RING-001",
                     "relid=%u guest changed host-owned write_index %u -> %u", r->relid,
                     r->out.priv_index, w);
        st32(&h->write_index, r->out.priv_index);
    }
    return rd;
}

uint32_t vsp_ring_out_free(struct vsp_ring *r)
{
    uint32_t rd = out_read_index(r);
    if (rd == UINT32_MAX)
        return 0;
    return r->out.data_size - used_bytes(r->out.priv_index, rd, r->out.data_size);
}

int vsp_ring_send(struct vsp_ring *r, uint16_t type, uint16_t flags, uint64_t trans_id,
                  const void *payload, uint32_t len)
{
    assert(len <= VSP_RING_PKT_MAX);
    uint32_t rd = out_read_index(r);
    if (rd == UINT32_MAX)
        return -EIO_;
    struct vsp_ring_dir *d = &r->out;
    struct vmb_ring_header *h = hdr(r, d);
    uint32_t padded = (len + 7u) & ~7u;
    uint32_t pkt = (uint32_t)sizeof(struct vmb_pkt_desc) + padded;
    uint32_t total = pkt + VMB_PKT_TRAILER_BYTES;
    uint32_t free_bytes = d->data_size - used_bytes(d->priv_index, rd, d->data_size);
    if (free_bytes <= total) {
        r->stats.full_out++;
        if (r->use_pending_send)
            st32(&h->pending_send_sz, total);
        hyp_tracef(r->env, r->source, "ring_full", "relid=%u need=%u free=%u", r->relid, total,
                   free_bytes);
        return -EAGAIN_;
    }
    uint32_t old = d->priv_index;
    struct vmb_pkt_desc desc = {
        .type = type,
        .offset8 = (uint16_t)(sizeof(desc) / 8),
        .len8 = (uint16_t)(pkt / 8),
        .flags = flags,
        .trans_id = trans_id,
    };
    static const uint8_t zeros[8];
    uint64_t trailer = (uint64_t)old << 32;
    data_copy(r, d, old, &desc, sizeof(desc), true);
    if (len)
        data_copy(r, d, old + (uint32_t)sizeof(desc), (void *)payload, len, true);
    if (padded > len)
        data_copy(r, d, old + (uint32_t)sizeof(desc) + len, (void *)zeros, padded - len, true);
    data_copy(r, d, old + pkt, &trailer, sizeof(trailer), true);
    d->priv_index = (old + total) % d->data_size;
    if (r->use_pending_send)
        st32(&h->pending_send_sz, 0);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    st32(&h->write_index, d->priv_index);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    r->stats.pkts_out++;
    r->stats.bytes_out += len;
    bool was_empty = old == rd;
    bool masked = ld32(&h->interrupt_mask) != 0;
    /* guest_rd: the guest's published read index before this write (VMB-RING-006) */
    if (!r->no_packet_records)
        hyp_tracef(r->env, r->source, "ring_send",
                   "relid=%u type=%u flags=%u trans_id=%llu len=%u at=%u end=%u guest_rd=%u "
                   "signal=%d", r->relid, type, flags, (unsigned long long)trans_id, len, old,
                   d->priv_index, rd, was_empty && !masked);
    if (was_empty && !masked && r->signal_guest) {
        r->stats.signals_to_guest++;
        r->signal_guest(r->signal_ctx);
    }
    return 0;
}

int vsp_ring_send_raw(struct vsp_ring *r, const void *bytes, uint32_t len, uint32_t advance)
{
    assert(len <= VSP_RING_PKT_MAX && advance % 8 == 0);
    uint32_t rd = out_read_index(r);
    if (rd == UINT32_MAX)
        return -EIO_;
    struct vsp_ring_dir *d = &r->out;
    struct vmb_ring_header *h = hdr(r, d);
    uint32_t span = len > advance ? len : advance;
    if (d->data_size - used_bytes(d->priv_index, rd, d->data_size) <= span)
        return -EAGAIN_;
    uint32_t old = d->priv_index;
    data_copy(r, d, old, (void *)bytes, len, true);
    d->priv_index = (old + advance) % d->data_size;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    st32(&h->write_index, d->priv_index);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    bool was_empty = old == rd, masked = ld32(&h->interrupt_mask) != 0;
    hyp_tracef(r->env, r->source, "ring_send_raw", "relid=%u len=%u at=%u end=%u guest_rd=%u "
               "signal=%d", r->relid, len, old, d->priv_index, rd, was_empty && !masked);
    if (was_empty && !masked && r->signal_guest)
        r->signal_guest(r->signal_ctx);
    return 0;
}

uint32_t vsp_ring_out_guest_read_index(struct vsp_ring *r)
{
    return out_read_index(r);
}

/* ------------------------------------------------------------------ guest -> host */

/* Validated published write index of the in ring, or UINT32_MAX (broken). */
static uint32_t in_write_index(struct vsp_ring *r)
{
    if (r->in.broken)
        return UINT32_MAX;
    uint32_t w = ld32(&hdr(r, &r->in)->write_index);
    if (!index_ok(&r->in, w)) {
        dir_break(r, &r->in, "VMB-RING-004", "write_index", w);
        return UINT32_MAX;
    }
    return w;
}

uint32_t vsp_ring_in_avail(struct vsp_ring *r)
{
    uint32_t w = in_write_index(r);
    if (w == UINT32_MAX)
        return 0;
    return used_bytes(w, r->in.priv_index, r->in.data_size);
}

static bool desc_valid(struct vsp_ring *r, const struct vmb_pkt_desc *dsc, uint32_t avail)
{
    uint32_t len = (uint32_t)dsc->len8 * 8u;
    uint32_t off = (uint32_t)dsc->offset8 * 8u;
    if (len < sizeof(*dsc) || off < sizeof(*dsc) || off > len ||
        len + VMB_PKT_TRAILER_BYTES > avail) {
        hyp_findingf(r->env, r->source, "VMB-RING-002",
                     "relid=%u at=%u type=%u offset8=%u len8=%u avail=%u", r->relid,
                     r->in.priv_index, dsc->type, dsc->offset8, dsc->len8, avail);
        return false;
    }
    return true;
}

static void desc_check_type(struct vsp_ring *r, const struct vmb_pkt_desc *dsc)
{
    bool plain = dsc->type == VMB_PKT_DATA_INBAND || dsc->type == VMB_PKT_COMP;
    if (dsc->type == VMB_PKT_INVALID || dsc->type >= VMB_PKT_TYPE_COUNT ||
        (plain && (dsc->offset8 != 2 || dsc->flags > VMB_PKT_FLAG_COMPLETION_REQUESTED)))
        hyp_findingf(r->env, r->source, "VMB-RING-005",
                     "relid=%u at=%u type=%u offset8=%u flags=%u", r->relid, r->in.priv_index,
                     dsc->type, dsc->offset8, dsc->flags);
}

/*
 * A guest's trans_id is an opaque cookie, often a pointer. Pointers into guest RAM (fixed at
 * HYP_GUEST_RAM_BASE) are deterministic; pointers to the guest's stacks and module data live
 * in the host process at ASLR-randomised addresses (e.g. hid-hyperv's on-stack device info
 * ack). The trace shows those as 0 so that runs stay byte-identical.
 */
static unsigned long long trace_trans_id(uint64_t id)
{
    return id >= 0x400000000000ull && id < 0x800000000000ull ? 0 : (unsigned long long)id;
}

int vsp_ring_recv(struct vsp_ring *r, struct vsp_ring_pkt *pkt, void *buf, uint32_t cap)
{
    uint32_t w = in_write_index(r);
    if (w == UINT32_MAX)
        return -1;
    struct vsp_ring_dir *d = &r->in;
    if (!r->in_batch) {
        r->in_batch = true;
        r->batch_pos = 0;
        uint32_t rd = ld32(&hdr(r, d)->read_index);
        r->batch_free_before = d->data_size - used_bytes(w, rd, d->data_size);
    }
    uint32_t avail = used_bytes(w, d->priv_index, d->data_size);
    if (avail == 0)
        return 0;
    if (avail < sizeof(struct vmb_pkt_desc) + VMB_PKT_TRAILER_BYTES) {
        dir_break(r, d, "VMB-RING-004", "partial_bytes", avail);
        return -1;
    }
    struct vmb_pkt_desc dsc;
    data_copy(r, d, d->priv_index, &dsc, sizeof(dsc), false);
    if (!desc_valid(r, &dsc, avail)) {
        d->broken = true;
        return -1;
    }
    desc_check_type(r, &dsc);
    uint32_t len = (uint32_t)dsc.len8 * 8u;
    if (len > cap) {
        hyp_findingf(r->env, r->source, "VMB-RING-002",
                     "relid=%u at=%u packet len=%u exceeds host limit %u", r->relid,
                     d->priv_index, len, cap);
        return -2;
    }
    data_copy(r, d, d->priv_index, buf, len, false);
    uint64_t trailer;
    data_copy(r, d, d->priv_index + len, &trailer, sizeof(trailer), false);
    bool trailer_ok = trailer == (uint64_t)d->priv_index << 32;
    if (!trailer_ok)
        hyp_findingf(r->env, r->source, "VMB-RING-003", "relid=%u at=%u trailer=%#llx",
                     r->relid, d->priv_index, (unsigned long long)trailer);
    pkt->desc = dsc;
    pkt->offset = d->priv_index;
    pkt->total_len = len;
    pkt->copied_len = len;
    pkt->payload = (const uint8_t *)buf + (uint32_t)dsc.offset8 * 8u;
    pkt->payload_len = len - (uint32_t)dsc.offset8 * 8u;
    d->priv_index = (d->priv_index + len + VMB_PKT_TRAILER_BYTES) % d->data_size;
    r->stats.pkts_in++;
    r->stats.bytes_in += pkt->payload_len;
    if (!r->no_packet_records)
        hyp_tracef(r->env, r->source, "ring_recv", "relid=%u type=%u flags=%u "
                   "trans_id=%llu len=%u at=%u offset8=%u len8=%u trailer_ok=%d "
                   "batch_pos=%u", r->relid, dsc.type, dsc.flags,
                   trace_trans_id(dsc.trans_id), pkt->payload_len, pkt->offset, dsc.offset8,
                   dsc.len8, trailer_ok, r->batch_pos);
    r->batch_pos++;
    return 1;
}

void vsp_ring_in_state(struct vsp_ring *r, uint32_t *pkts, uint32_t *imask)
{
    struct vsp_ring_dir *d = &r->in;
    struct vmb_ring_header *h = hdr(r, d);
    *imask = ld32(&h->interrupt_mask);
    *pkts = 0;
    uint32_t w = ld32(&h->write_index), rd = ld32(&h->read_index);
    if (d->broken || !index_ok(d, w) || !index_ok(d, rd))
        return;
    uint32_t left = used_bytes(w, rd, d->data_size);
    while (left >= sizeof(struct vmb_pkt_desc) + VMB_PKT_TRAILER_BYTES && *pkts < 4096) {
        struct vmb_pkt_desc dsc;
        data_copy(r, d, rd, &dsc, sizeof(dsc), false);
        uint32_t step = (uint32_t)dsc.len8 * 8u + VMB_PKT_TRAILER_BYTES;
        if (dsc.len8 < 2 || step > left)
            break;
        (*pkts)++;
        rd = (rd + step) % d->data_size;
        left -= step;
    }
}

void vsp_ring_set_in_mask(struct vsp_ring *r, uint32_t mask)
{
    if (!r->in.data_pfns || r->in.broken)
        return;
    st32(&hdr(r, &r->in)->interrupt_mask, mask);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    hyp_tracef(r->env, r->source, "ring_mask", "relid=%u mask=%u", r->relid, mask);
}

uint32_t vsp_ring_poke_in_read_index(struct vsp_ring *r, uint32_t value)
{
    if (!r->in.data_pfns || r->in.broken)
        return UINT32_MAX;
    struct vmb_ring_header *h = hdr(r, &r->in);
    uint32_t was = h->read_index;
    st32(&h->read_index, value);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    hyp_tracef(r->env, r->source, "ring_poke", "relid=%u read_index=%u was=%u", r->relid, value,
               was);
    return was;
}

bool vsp_ring_recv_done(struct vsp_ring *r)
{
    struct vsp_ring_dir *d = &r->in;
    if (!r->in_batch || d->broken) {
        r->in_batch = false;
        return false;
    }
    r->in_batch = false;
    struct vmb_ring_header *h = hdr(r, d);
    st32(&h->read_index, d->priv_index);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    uint32_t pending = ld32(&h->pending_send_sz);
    uint32_t feat = ld32(&h->feature_bits);
    if (!pending || !(feat & VMB_RING_FEAT_PENDING_SEND_SZ))
        return false;
    uint32_t w = ld32(&h->write_index);
    if (!index_ok(d, w))
        return false;
    uint32_t free_after = d->data_size - used_bytes(w, d->priv_index, d->data_size);
    if (free_after <= pending || r->batch_free_before > pending)
        return false;
    hyp_tracef(r->env, r->source, "ring_space", "relid=%u pending_send_sz=%u free=%u signal=1",
               r->relid, pending, free_after);
    if (r->signal_guest) {
        r->stats.signals_to_guest++;
        r->signal_guest(r->signal_ctx);
    }
    return true;
}
