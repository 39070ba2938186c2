/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus_tp.c - the guest tracepoints the checkers parse still look as the checkers expect
 * (HVS-TRACE-001). The VMBus checkers read the text of upstream tracepoints
 * (drivers/hv/hv_trace.h, TP_printk formats): a tree whose formats differ (a developer's
 * patch, a newer kernel) would make those checkers silently judge nothing. This checker fails
 * the run instead, naming the tracepoint and the missing token.
 *
 * Invariants: reads only; one failure per tracepoint name is enough (the verdict is sticky).
 */
#include <string.h>

#include "vmbus_internal.h"

/* Tracepoint -> tokens the checkers look for in its text (strstr / sscanf). */
static const struct {
    const char *tp;
    const char *tokens[4];
} tp_formats[] = {
    {"vmbus_onoffer", {"child_relid ", "if_type ", "if_instance ", "sub_channel_index "}},
    {"vmbus_onoffer_rescind", {"child_relid ", NULL}},
    {"vmbus_open", {"child_relid ", "ret ", NULL}},
    {"vmbus_onopen_result", {"child_relid ", "status ", NULL}},
    {"vmbus_establish_gpadl_header", {"child_relid ", "ret ", NULL}},
    {"vmbus_negotiate_version", {"vmbus_version_requested ", "ret ", NULL}},
    {"vmbus_on_msg_dpc", {"msgtype=", NULL}},
};

struct tp_state {
    unsigned char failed[sizeof(tp_formats) / sizeof(tp_formats[0])];
};

static void tp_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct tp_state *s = st;
    if (strcmp(rec->source, "guest.tp") != 0)
        return;
    for (size_t i = 0; i < sizeof(tp_formats) / sizeof(tp_formats[0]); i++) {
        if (strcmp(rec->kind, tp_formats[i].tp) != 0)
            continue;
        for (size_t k = 0; k < 4 && tp_formats[i].tokens[k]; k++) {
            if (rec->body && strstr(rec->body, tp_formats[i].tokens[k]))
                continue;
            if (!s->failed[i]++)
                cf_fail(run, "HVS-TRACE-001", rec, "tracepoint %s has no '%s' in its text: "
                        "the checkers that read it would judge nothing (hv_trace.h changed?)",
                        tp_formats[i].tp, tp_formats[i].tokens[k]);
            return;
        }
        cf_pass(run, "HVS-TRACE-001");
        return;
    }
}

const struct cf_checker cf_vmbus_tp_checker = {
    .name = "vmbus.tracepoints",
    .state_size = sizeof(struct tp_state),
    .on_record = tp_record,
};
