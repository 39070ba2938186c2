// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpadl.c - GPADL_HEADER/BODY assembly, GPADL_CREATED, GPADL_TEARDOWN/TORNDOWN.
 *
 * Owns: the GPADL table (cfg.max_gpadls entries, each with a PFN array of at most
 * cfg.max_gpadl_pages entries).
 * Invariants: a handle is in the table at most once; a GPADL is CREATED only after all its
 * PFNs arrived and were checked to lie in guest RAM; GPADL_CREATED is sent exactly once per
 * completed header (a failed one is answered with a non-zero status and freed).
 *
 * Findings: VMB-GPADL-001 (handle not the next in sequence / reused), VMB-GPADL-002 (rangecount,
 * byte_offset, range_buflen), VMB-GPADL-003 (body for an unknown GPADL, too many PFNs, header
 * PFN count not min(26, total)), VMB-GPADL-004 (body msgnumber != 0), HVS-GPADL-001 (PFN outside
 * RAM), VMB-GPADL-006 (teardown of an unknown GPADL or after rescind), VMB-CLOSE-002 (teardown
 * of the ring of a channel still open), VMB-OFF-001 (GPADL for a relid never offered).
 * Host limits (too many GPADLs or pages) are traced as kind "limit" and answered with
 * creation_status = VMB_STATUS_FAIL.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define VMB_STATUS_FAIL 0xC0000001u /* NTSTATUS STATUS_UNSUCCESSFUL */

void vmb_gpadl_init(struct vmb_host *h)
{
    h->gpadls = calloc(h->cfg.max_gpadls, sizeof(*h->gpadls));
    assert(h->gpadls);
}

static void gpadl_free(struct vmb_gpadl *g)
{
    free(g->pfns);
    memset(g, 0, sizeof(*g));
}

void vmb_gpadl_reset(struct vmb_host *h)
{
    for (uint32_t i = 0; i < h->cfg.max_gpadls; i++)
        gpadl_free(&h->gpadls[i]);
}

void vmb_gpadl_fini(struct vmb_host *h)
{
    vmb_gpadl_reset(h);
    free(h->gpadls);
}

struct vmb_gpadl *vmb_gpadl_find(struct vmb_host *h, uint32_t handle)
{
    for (uint32_t i = 0; i < h->cfg.max_gpadls; i++) {
        if (h->gpadls[i].state != VMB_GPADL_FREE && h->gpadls[i].handle == handle)
            return &h->gpadls[i];
    }
    return NULL;
}

void vmb_gpadl_drop_relid(struct vmb_host *h, uint32_t relid)
{
    for (uint32_t i = 0; i < h->cfg.max_gpadls; i++) {
        if (h->gpadls[i].state != VMB_GPADL_FREE && h->gpadls[i].relid == relid)
            gpadl_free(&h->gpadls[i]);
    }
}

static void send_created(struct vmb_host *h, uint32_t relid, uint32_t handle, uint32_t status)
{
    struct vmb_msg_gpadl_created r;
    memset(&r, 0, sizeof(r));
    r.header.msgtype = VMB_MSG_GPADL_CREATED;
    r.child_relid = relid;
    r.gpadl = handle;
    r.creation_status = status;
    vmb_send(h, &r, sizeof(r));
}

/* All PFNs arrived: validate and answer. */
static void gpadl_complete(struct vmb_host *h, struct vmb_gpadl *g)
{
    struct hyp_mem *mem = hyp_machine_mem(h->m);
    uint32_t bad = 0;
    for (uint32_t i = 0; i < g->nr_pages; i++) {
        if (!hyp_mem_pfn_valid(mem, g->pfns[i])) {
            if (!bad)
                vmb_finding(h, "HVS-GPADL-001", "gpadl=%#x pfn[%u]=%#llx outside guest RAM",
                            g->handle, i, (unsigned long long)g->pfns[i]);
            bad++;
        }
    }
    uint32_t status = bad ? VMB_STATUS_FAIL : h->cfg.gpadl_created_status;
    hyp_tracef(h->env, SRC, "gpadl_created", "relid=%u gpadl=%#x pages=%u bytes=%u status=%#x",
               g->relid, g->handle, g->nr_pages, g->byte_count, status);
    send_created(h, g->relid, g->handle, status);
    if (status != 0) {
        gpadl_free(g);
        return;
    }
    g->state = VMB_GPADL_CREATED;
    h->sum.gpadls_created++;
}

static struct vmb_gpadl *gpadl_alloc(struct vmb_host *h)
{
    for (uint32_t i = 0; i < h->cfg.max_gpadls; i++) {
        if (h->gpadls[i].state == VMB_GPADL_FREE)
            return &h->gpadls[i];
    }
    return NULL;
}

static bool header_checks(struct vmb_host *h, const struct vmb_msg_gpadl_header *hd,
                          const struct vmb_gpa_range *rg, uint32_t total, uint32_t in_msg)
{
    bool ok = true;
    if (hd->gpadl != h->next_gpadl_expected)
        vmb_finding(h, "VMB-GPADL-001", "gpadl handle %#x, expected %#x", hd->gpadl,
                    h->next_gpadl_expected);
    if (vmb_gpadl_find(h, hd->gpadl)) {
        vmb_finding(h, "VMB-GPADL-001", "gpadl handle %#x is already in use", hd->gpadl);
        ok = false;
    }
    if (hd->rangecount != 1 || rg->byte_offset != 0 ||
        hd->range_buflen != 8u + 8u * total || total == 0) {
        vmb_finding(h, "VMB-GPADL-002", "gpadl=%#x rangecount=%u byte_offset=%u "
                    "range_buflen=%u byte_count=%u", hd->gpadl, hd->rangecount, rg->byte_offset,
                    hd->range_buflen, rg->byte_count);
        ok = false;
    }
    uint32_t expect = total < VMB_GPADL_HEADER_MAX_PFNS ? total : VMB_GPADL_HEADER_MAX_PFNS;
    if (ok && in_msg != expect) {
        vmb_finding(h, "VMB-GPADL-003", "gpadl=%#x header carries %u pfns, expected %u",
                    hd->gpadl, in_msg, expect);
        ok = false;
    }
    return ok;
}

void vmb_on_gpadl_header(struct vmb_host *h, const uint8_t *msg, uint32_t len)
{
    struct vmb_msg_gpadl_header hd;
    struct vmb_gpa_range rg;
    memcpy(&hd, msg, sizeof(hd));
    memcpy(&rg, msg + sizeof(hd), sizeof(rg));
    const uint8_t *pfn_bytes = msg + sizeof(hd) + sizeof(rg);
    uint32_t in_msg = (len - (uint32_t)(sizeof(hd) + sizeof(rg))) / 8u;
    uint32_t total = hd.range_buflen >= 8 ? (hd.range_buflen - 8u) / 8u : 0;
    struct vmb_channel *ch = vmb_chan_lookup(h, hd.child_relid, "VMB-OFF-001", "GPADL_HEADER");
    if (ch && ch->rescinded) /* judged by the checker (VMB-RESC-005) */
        hyp_tracef(h->env, SRC, "after_rescind", "msg=GPADL_HEADER relid=%u", hd.child_relid);
    bool ok = header_checks(h, &hd, &rg, total, in_msg) && ch;
    if (hd.gpadl >= h->next_gpadl_expected)
        h->next_gpadl_expected = hd.gpadl + 1;
    if (!ok) {
        send_created(h, hd.child_relid, hd.gpadl, VMB_STATUS_FAIL);
        return;
    }
    struct vmb_gpadl *g = gpadl_alloc(h);
    if (!g || total > h->cfg.max_gpadl_pages) {
        hyp_tracef(h->env, SRC, "limit", "what=%s gpadl=%#x pages=%u max_pages=%u",
                   g ? "gpadl_pages" : "gpadls", hd.gpadl, total, h->cfg.max_gpadl_pages);
        send_created(h, hd.child_relid, hd.gpadl, VMB_STATUS_FAIL);
        return;
    }
    g->state = VMB_GPADL_ASSEMBLING;
    g->handle = hd.gpadl;
    g->relid = hd.child_relid;
    g->byte_count = rg.byte_count;
    g->nr_pages = total;
    g->pfns = calloc(total, sizeof(uint64_t));
    assert(g->pfns);
    memcpy(g->pfns, pfn_bytes, (size_t)in_msg * 8u);
    g->received = in_msg;
    hyp_tracef(h->env, SRC, "gpadl_header", "relid=%u gpadl=%#x pages=%u in_header=%u",
               g->relid, g->handle, total, in_msg);
    if (g->received == g->nr_pages)
        gpadl_complete(h, g);
}

void vmb_on_gpadl_body(struct vmb_host *h, const uint8_t *msg, uint32_t len)
{
    struct vmb_msg_gpadl_body b;
    memcpy(&b, msg, sizeof(b));
    uint32_t n = (len - (uint32_t)sizeof(b)) / 8u;
    if (b.msgnumber != 0)
        vmb_finding(h, "VMB-GPADL-004", "gpadl=%#x body msgnumber=%u", b.gpadl, b.msgnumber);
    struct vmb_gpadl *g = vmb_gpadl_find(h, b.gpadl);
    if (!g || g->state != VMB_GPADL_ASSEMBLING) {
        vmb_finding(h, "VMB-GPADL-003", "GPADL_BODY for gpadl=%#x that is not being assembled",
                    b.gpadl);
        return;
    }
    uint32_t remaining = g->nr_pages - g->received;
    uint32_t expect = remaining < VMB_GPADL_BODY_MAX_PFNS ? remaining : VMB_GPADL_BODY_MAX_PFNS;
    if (n != expect || (len - sizeof(b)) % 8u) {
        vmb_finding(h, "VMB-GPADL-003", "gpadl=%#x body carries %u pfns, expected %u", b.gpadl,
                    n, expect);
        send_created(h, g->relid, g->handle, VMB_STATUS_FAIL);
        gpadl_free(g);
        return;
    }
    memcpy(g->pfns + g->received, msg + sizeof(b), (size_t)n * 8u);
    g->received += n;
    if (g->received == g->nr_pages)
        gpadl_complete(h, g);
}

void vmb_on_gpadl_teardown(struct vmb_host *h, const uint8_t *msg, uint32_t len)
{
    struct vmb_msg_gpadl_teardown t;
    memcpy(&t, msg, sizeof(t));
    struct vmb_gpadl *g = vmb_gpadl_find(h, t.gpadl);
    struct vmb_channel *ch = vmb_chan_lookup(h, t.child_relid, NULL, NULL);
    if (ch && ch->rescinded) { /* judged by the checker (VMB-GPADL-006) */
        hyp_tracef(h->env, SRC, "after_rescind", "msg=GPADL_TEARDOWN relid=%u gpadl=%#x",
                   t.child_relid, t.gpadl);
        return;
    }
    if (!g || g->state != VMB_GPADL_CREATED || g->relid != t.child_relid) {
        vmb_finding(h, "VMB-GPADL-006", "GPADL_TEARDOWN of unknown gpadl=%#x relid=%u", t.gpadl,
                    t.child_relid);
        return;
    }
    if (ch && ch->state == VMB_CHAN_OPEN && ch->ring_gpadl == t.gpadl)
        vmb_finding(h, "VMB-CLOSE-002", "ring gpadl=%#x torn down while relid=%u is open",
                    t.gpadl, t.child_relid);
    gpadl_free(g);
    h->sum.gpadls_torn_down++;
    struct vmb_msg_gpadl_torndown r = { .header.msgtype = VMB_MSG_GPADL_TORNDOWN,
                                        .gpadl = t.gpadl };
    hyp_tracef(h->env, SRC, "gpadl_torndown", "relid=%u gpadl=%#x", t.child_relid, t.gpadl);
    vmb_send(h, &r, sizeof(r));
}
