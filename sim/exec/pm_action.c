// SPDX-License-Identifier: GPL-2.0-only
/*
 * pm_action.c - the `hibernate` timeline action: guest suspend to disk and resume.
 *
 *   - action: hibernate
 *     with: {off: 100ms, relid_offset: 16, withhold: hb, versions: "5.2",
 *            suspended_offer: yes, selftest_withheld_label: hb, selftest_offer_early: yes}
 *
 * First the host's resume plan is armed (what the host does at the guest's UNLOAD: new
 * relids, withheld re-offers, the versions it accepts on resume, an offer while the guest is
 * suspended), then the guest's "pm.hibernate" hook runs freeze / freeze_noirq (UNLOAD), stays
 * off for `off` and runs restore_noirq / restore (the resume contact, re-offers, re-opens).
 * Invariant: a step either arms the plan and starts the guest, or traces step_failed.
 */
#define _POSIX_C_SOURCE 200809L /* strtok_r */
#include "pm_action.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PM_DEFAULT_OFF_NS 100000000ull /* 100 ms powered off */

static const char *const pm_args[] = {"off", "relid_offset", "withhold", "versions",
                                      "suspended_offer", "selftest_withheld_label",
                                      "selftest_offer_early", NULL};

static const char *arg_of(const struct scn_step *st, const char *key)
{
    for (uint32_t i = 0; i < st->nr_args; i++)
        if (!strcmp(st->args[i].key, key))
            return st->args[i].value;
    return NULL;
}

static int dev_index(const struct scn_scenario *s, const char *name)
{
    for (uint32_t i = 0; i < s->nr_devices; i++)
        if (!strcmp(s->devices[i].name, name))
            return (int)i;
    return -1;
}

static int yes(const char *v)
{
    return v && (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"));
}

static int yes_no_ok(const char *v)
{
    return !v || yes(v) || !strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0");
}

/* "5.2,5.3" -> accepted-version mask of the host; "none" -> refuse all. -1 if bad. */
static int parse_versions(const char *v, uint32_t *mask)
{
    char buf[128], *save = NULL;
    *mask = 0;
    if (!strcmp(v, "none")) {
        *mask = 0;
        return 1; /* "refuse everything", distinct from 0 = unchanged */
    }
    snprintf(buf, sizeof(buf), "%s", v);
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        uint32_t w, bit;
        while (*tok == ' ')
            tok++;
        if (scn_parse_version(tok, &w) || !(bit = vmb_version_bit(w)))
            return -1;
        *mask |= bit;
    }
    return *mask ? 0 : -1;
}

static int has_selftest_tag(const struct scn_scenario *s)
{
    for (uint32_t i = 0; i < s->nr_tags; i++)
        if (!strcmp(s->tags[i], "selftest"))
            return 1;
    return 0;
}

int exec_pm_check_step(const struct scn_scenario *s, const struct scn_step *st, char *msg,
                       size_t len)
{
    for (uint32_t a = 0; a < st->nr_args; a++) {
        const char *k = st->args[a].key, *v = st->args[a].value;
        size_t i = 0;
        uint64_t ns;
        uint32_t mask;
        while (pm_args[i] && strcmp(pm_args[i], k))
            i++;
        if (!pm_args[i]) {
            snprintf(msg, len, "hibernate: unknown argument '%s' (off, relid_offset, withhold, "
                     "versions, suspended_offer, selftest_withheld_label, "
                     "selftest_offer_early)", k);
            return -1;
        }
        if (!strcmp(k, "off") && scn_parse_duration(v, &ns)) {
            snprintf(msg, len, "hibernate: off: '%s' is not a duration", v);
            return -1;
        }
        if (!strcmp(k, "relid_offset") && (strtoul(v, NULL, 0) >= 1024 || !*v)) {
            snprintf(msg, len, "hibernate: relid_offset: '%s' is not in 0..1023", v);
            return -1;
        }
        if ((!strcmp(k, "withhold") || !strcmp(k, "selftest_withheld_label")) &&
            dev_index(s, v) < 0) {
            snprintf(msg, len, "hibernate: %s: no device named '%s' in host.devices", k, v);
            return -1;
        }
        if (!strcmp(k, "versions") && parse_versions(v, &mask) < 0) {
            snprintf(msg, len, "hibernate: versions: '%s' is not 'none' or a list of versions",
                     v);
            return -1;
        }
        if ((!strcmp(k, "suspended_offer") || !strcmp(k, "selftest_offer_early")) &&
            !yes_no_ok(v)) {
            snprintf(msg, len, "hibernate: %s: '%s' is not yes/no", k, v);
            return -1;
        }
        if (!strncmp(k, "selftest_", 9) && !has_selftest_tag(s)) {
            snprintf(msg, len, "hibernate: %s fakes guest misbehaviour: tag the scenario "
                     "'selftest'", k);
            return -1;
        }
    }
    return 0;
}

void exec_pm_step(struct vmb_host *host, const struct hyp_guest_ops *guest,
                  const struct scn_scenario *s, struct trc_trace *t, const struct scn_step *st)
{
    struct vmb_resume_plan plan;
    const char *v;
    uint64_t off_ns = PM_DEFAULT_OFF_NS;
    int (*hibernate)(unsigned long long) =
        (int (*)(unsigned long long))guest->hook("pm.hibernate");
    memset(&plan, 0, sizeof(plan));
    if ((v = arg_of(st, "off")))
        (void)scn_parse_duration(v, &off_ns);
    if ((v = arg_of(st, "relid_offset")))
        plan.relid_offset = (uint32_t)strtoul(v, NULL, 0);
    if ((v = arg_of(st, "withhold")))
        plan.withhold_devs = 1u << dev_index(s, v);
    if ((v = arg_of(st, "selftest_withheld_label")))
        plan.selftest_label_withheld = 1u << dev_index(s, v);
    if ((v = arg_of(st, "versions")) && parse_versions(v, &plan.accepted_versions) == 1)
        plan.accepted_versions = VMB_ACCEPT_NONE;
    plan.offer_while_suspended = yes(arg_of(st, "suspended_offer"));
    plan.selftest_offer_early = yes(arg_of(st, "selftest_offer_early"));
    if (!hibernate) {
        trc_text(t, "scenario", "step_failed", "action=hibernate reason=no-hook");
        return;
    }
    if (vmb_host_plan_resume(host, &plan) != 0) {
        trc_text(t, "scenario", "step_failed", "action=hibernate reason=bad-plan");
        return;
    }
    if (hibernate(off_ns) != 0)
        trc_text(t, "scenario", "step_failed", "action=hibernate reason=busy");
}
