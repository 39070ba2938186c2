// SPDX-License-Identifier: GPL-2.0-only
/*
 * pm.c - the host side of a guest hibernation: the UNLOAD that ends the guest's suspend is
 * the machine's power cycle, and the connection that follows is the resume.
 *
 * Owns: the resume plan (struct vmb_resume_plan, armed by the scenario's hibernate action).
 * Invariants:
 *   - A plan is consumed by exactly one UNLOAD: there the channels (already reset by the
 *     UNLOAD) get their new relids, the accepted versions are replaced, and the suspended
 *     offer, if any, is queued before UNLOAD_RESPONSE (the FIFO keeps that order).
 *   - Withheld devices are skipped by exactly one REQUESTOFFERS, the one after the UNLOAD.
 *   - The suspended offer's relid is one no channel of this host has: nothing the guest
 *     sends for it can match a channel (the control plane reports it as never offered).
 *
 * Trace (source vmbus): pm_plan, power_cycle, renumber, offer_suspended, withhold.
 */
#include <string.h>

#include "internal.h"
#include "vmb/codec.h"

/* The suspended offer: a made-up class no driver binds, with its own instance. */
#define PM_SUSPENDED_CLASS "0badc1a5-0000-4000-8000-00000000c1a5"
#define PM_SUSPENDED_INSTANCE "5ab5e4de-d0ff-4e00-8000-00000000000f"

static uint32_t max_relid(const struct vmb_host *h)
{
    uint32_t m = 0;
    for (uint32_t i = 0; i < h->nr_chans; i++)
        if (h->chans[i].relid > m)
            m = h->chans[i].relid;
    return m;
}

static void send_suspended_offer(struct vmb_host *h)
{
    struct vmb_msg_offer_channel o;
    uint32_t relid = max_relid(h) + 1;
    memset(&o, 0, sizeof(o));
    o.header.msgtype = VMB_MSG_OFFERCHANNEL;
    int rc = vmb_guid_parse(PM_SUSPENDED_CLASS, &o.offer.if_type);
    rc |= vmb_guid_parse(PM_SUSPENDED_INSTANCE, &o.offer.if_instance);
    (void)rc;
    o.child_relid = relid;
    o.connection_id = VMB_CHANNEL_EVENT_CONN_BASE + relid;
    hyp_tracef(h->env, SRC, "offer_suspended", "dev=suspended relid=%u sub=0 conn=%u", relid,
               o.connection_id);
    h->sum.offers_sent++;
    vmb_send(h, &o, sizeof(o));
}

int vmb_host_plan_resume(struct vmb_host *h, const struct vmb_resume_plan *p)
{
    if (p->relid_offset >= VMB_MAX_RELIDS || max_relid(h) + p->relid_offset + 1 >= VMB_MAX_RELIDS)
        return -1;
    h->plan = *p;
    h->plan_armed = true;
    hyp_tracef(h->env, SRC, "pm_plan",
               "relid_offset=%u withhold=%#x versions=%#x suspended_offer=%d label=%#x early=%d",
               p->relid_offset, p->withhold_devs, p->accepted_versions,
               p->offer_while_suspended, p->selftest_label_withheld, p->selftest_offer_early);
    if (p->offer_while_suspended && p->selftest_offer_early)
        send_suspended_offer(h);
    return 0;
}

void vmb_pm_on_unload(struct vmb_host *h)
{
    if (!h->plan_armed)
        return;
    const struct vmb_resume_plan *p = &h->plan;
    h->plan_armed = false;
    h->power_cycles++;
    hyp_tracef(h->env, SRC, "power_cycle", "n=%u relid_offset=%u versions=%#x", h->power_cycles,
               p->relid_offset, p->accepted_versions ? p->accepted_versions
                                                     : h->cfg.accepted_versions);
    if (p->offer_while_suspended && !p->selftest_offer_early)
        send_suspended_offer(h);
    if (p->accepted_versions)
        h->cfg.accepted_versions = p->accepted_versions;
    h->last_refused_version = 0;
    for (uint32_t i = 0; p->relid_offset && i < h->nr_chans; i++) {
        struct vmb_channel *ch = &h->chans[i];
        uint32_t old = ch->relid;
        vmb_chan_renumber(ch, old + p->relid_offset);
        hyp_tracef(h->env, SRC, "renumber", "dev=%s sub=%u relid=%u old=%u conn=%u",
                   h->cfg.devices[ch->dev].name ? h->cfg.devices[ch->dev].name : "-", ch->sub,
                   ch->relid, old, ch->conn_id);
    }
    h->withhold_devs = p->withhold_devs;
    h->label_withheld = p->selftest_label_withheld;
}

/* Whether REQUESTOFFERS skips ch; traces every withheld (or labelled) channel. */
bool vmb_pm_withheld(struct vmb_host *h, const struct vmb_channel *ch)
{
    uint32_t bit = ch->dev < 32 ? 1u << ch->dev : 0;
    if (!((h->withhold_devs | h->label_withheld) & bit))
        return false;
    const char *name = h->cfg.devices[ch->dev].name;
    hyp_tracef(h->env, SRC, "withhold", "dev=%s relid=%u sub=%u", name ? name : "-", ch->relid,
               ch->sub);
    return (h->withhold_devs & bit) != 0;
}

void vmb_pm_offers_done(struct vmb_host *h)
{
    h->withhold_devs = 0;
    h->label_withheld = 0;
}
