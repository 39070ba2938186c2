// SPDX-License-Identifier: GPL-2.0-only
/*
 * tl_action.c - the `hvsock-connect` timeline action: a guest program connects an AF_VSOCK
 * stream socket to the host's port N (hv_sock, net/vmw_vsock/hyperv_transport.c), and the
 * host answers the TL_CONNECT_REQUEST as the step says.
 *
 *   with: {port: N, answer: offer|result|result+offer|none|mismatch, status: S,
 *          timeout_ms: T, selftest: label|phantom}
 *
 * answer (default offer): TL_CONNECT_RESULT (status S, default 0) and/or an hv_sock offer
 * matching the request (mismatch: an offer for another VM endpoint). timeout_ms: the guest's
 * connect timeout (default 2000, af_vsock's). Self-tests (tag selftest): label - the matching
 * offer is traced as a mismatch (VMB-TL-002 must fail); phantom - the host processes a
 * TL_CONNECT_REQUEST for port N the guest never sent (VMB-TL-003 must fail at < 4.0).
 * The host's answer is armed before the guest's connect starts, so it is in place for the
 * request; it stays armed for later requests until the next step.
 */
#include "tl_action.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *tl_arg(const struct scn_step *st, const char *key)
{
    for (uint32_t i = 0; i < st->nr_args; i++)
        if (!strcmp(st->args[i].key, key))
            return st->args[i].value;
    return NULL;
}

static int tl_has_tag(const struct scn_scenario *s, const char *tag)
{
    for (uint32_t i = 0; i < s->nr_tags; i++)
        if (!strcmp(s->tags[i], tag))
            return 1;
    return 0;
}

static int tl_answer_parse(const char *a, struct vmb_tl_answer *out)
{
    memset(out, 0, sizeof(*out));
    if (!a || !strcmp(a, "offer"))
        out->offer = true;
    else if (!strcmp(a, "result"))
        out->result = true;
    else if (!strcmp(a, "result+offer"))
        out->result = out->offer = true;
    else if (!strcmp(a, "mismatch"))
        out->offer = out->offer_mismatch = true;
    else if (strcmp(a, "none"))
        return -1;
    return 0;
}

int exec_tl_check_step(const struct scn_scenario *s, const struct scn_step *st, char *msg,
                       size_t len)
{
    static const char *const keys[] = {"port", "answer", "status", "timeout_ms", "selftest"};
    for (uint32_t a = 0; a < st->nr_args; a++) {
        size_t k = 0;
        while (k < sizeof(keys) / sizeof(keys[0]) && strcmp(st->args[a].key, keys[k]))
            k++;
        if (k == sizeof(keys) / sizeof(keys[0])) {
            snprintf(msg, len, "hvsock-connect: unknown argument '%s' (port, answer, status, "
                     "timeout_ms, selftest)", st->args[a].key);
            return -1;
        }
    }
    const char *port = tl_arg(st, "port"), *sel = tl_arg(st, "selftest");
    char *end = NULL;
    struct vmb_tl_answer ans;
    if (!port || strtoul(port, &end, 0) > 0x7fffffffUL || !end || *end) {
        snprintf(msg, len, "hvsock-connect needs with: {port: N} (0..0x7fffffff)");
        return -1;
    }
    if (tl_answer_parse(tl_arg(st, "answer"), &ans)) {
        snprintf(msg, len, "hvsock-connect: answer is offer, result, result+offer, none or "
                 "mismatch");
        return -1;
    }
    if (sel && strcmp(sel, "label") && strcmp(sel, "phantom")) {
        snprintf(msg, len, "hvsock-connect: selftest is label or phantom");
        return -1;
    }
    if (sel && !tl_has_tag(s, "selftest")) {
        snprintf(msg, len, "hvsock-connect selftest makes the guest look broken: tag the "
                 "scenario 'selftest'");
        return -1;
    }
    if (sel && !strcmp(sel, "label") && (!ans.offer || ans.offer_mismatch)) {
        snprintf(msg, len, "hvsock-connect selftest label needs an answer with a matching offer");
        return -1;
    }
    return 0;
}

void exec_tl_step(struct vmb_host *host, const struct hyp_guest_ops *guest,
                  struct trc_trace *t, const struct scn_step *st)
{
    int (*conn)(uint32_t, uint32_t) = (int (*)(uint32_t, uint32_t))guest->hook("vsock.connect");
    const char *port = tl_arg(st, "port"), *status = tl_arg(st, "status");
    const char *tmo = tl_arg(st, "timeout_ms"), *sel = tl_arg(st, "selftest");
    uint32_t p = (uint32_t)strtoul(port ? port : "0", NULL, 0);
    struct vmb_tl_answer ans;
    if (tl_answer_parse(tl_arg(st, "answer"), &ans)) {
        trc_text(t, "scenario", "step_failed", "action=hvsock-connect reason=bad-answer");
        return;
    }
    ans.result_status = (uint32_t)strtoul(status ? status : "0", NULL, 0);
    ans.selftest_label = sel && !strcmp(sel, "label");
    vmb_host_set_tl_answer(host, &ans);
    if (sel && !strcmp(sel, "phantom")) {
        vmb_host_selftest_tl_request(host, p);
        return;
    }
    if (!conn || conn(p, (uint32_t)strtoul(tmo ? tmo : "0", NULL, 0)) != 0)
        trc_text(t, "scenario", "step_failed", "action=hvsock-connect reason=no-hook");
}
