/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fake_guest.h - a scripted guest for control-plane unit tests: a bare-queue environment, a
 * machine with SynIC enabled on vCPU 0, a vmb_host, and helpers to send hand-built messages
 * and collect the host's replies from the SIMP slot (clearing the slot and writing EOM exactly
 * like the Linux guest does).
 */
#ifndef FAKE_GUEST_H
#define FAKE_GUEST_H

#include <string.h>

#include "hyp/machine.h"
#include "vmb/host.h"

#define FG_SIMP 0x1000ull
#define FG_SIEFP 0x2000ull
#define FG_MON1 0x3000ull
#define FG_MON2 0x4000ull
#define FG_MAX_REPLIES 512

struct fake_guest {
    struct hyp_env_queue q;
    struct hyp_machine *m;
    struct vmb_host *h;
    uint8_t replies[FG_MAX_REPLIES][240];
    uint32_t reply_len[FG_MAX_REPLIES];
    uint32_t nr_replies;
};

static inline void fg_init(struct fake_guest *g, const struct vmb_host_config *cfg)
{
    char err[256];
    memset(g, 0, sizeof(*g));
    hyp_env_queue_init(&g->q, 42);
    struct hyp_machine_config mc = { .ram_size = 64u << 20, .nr_vcpus = 2 };
    g->m = hyp_machine_create(&g->q.env, &mc, err, sizeof(err));
    hyp_machine_msr_write(g->m, 0, HYP_MSR_SIMP, FG_SIMP | 1);
    hyp_machine_msr_write(g->m, 0, HYP_MSR_SIEFP, FG_SIEFP | 1);
    hyp_machine_msr_write(g->m, 0, HYP_MSR_SINT0 + 2, 0x20);
    hyp_machine_msr_write(g->m, 0, HYP_MSR_SCONTROL, 1);
    g->h = vmb_host_create(g->m, cfg);
}

static inline void fg_fini(struct fake_guest *g)
{
    vmb_host_destroy(g->h);
    hyp_machine_destroy(g->m);
    hyp_env_queue_fini(&g->q);
}

/* Drain the slot like vmbus_on_msg_dpc: copy, clear type, EOM if msg_pending. */
static inline void fg_collect(struct fake_guest *g)
{
    struct hyp_message *s = hyp_mem_ptr(hyp_machine_mem(g->m), FG_SIMP + 2 * 256, 256);
    while (s->header.message_type != HYP_MSG_NONE) {
        if (g->nr_replies < FG_MAX_REPLIES) {
            memcpy(g->replies[g->nr_replies], s->payload, s->header.payload_size);
            g->reply_len[g->nr_replies++] = s->header.payload_size;
        }
        uint8_t pending = s->header.message_flags & HYP_MSG_FLAG_PENDING;
        s->header.message_type = HYP_MSG_NONE;
        if (pending)
            hyp_machine_msr_write(g->m, 0, HYP_MSR_EOM, 0);
    }
}

/* Run the world until quiet, collecting replies after every event. */
static inline void fg_run(struct fake_guest *g)
{
    while (hyp_env_queue_run(&g->q, UINT64_MAX, 1))
        fg_collect(g);
    fg_collect(g);
}

static inline uint16_t fg_send(struct fake_guest *g, uint32_t conn, const void *msg,
                               uint32_t len)
{
    uint16_t st = vmb_host_receive(g->h, conn, 0, msg, len);
    fg_run(g);
    return st;
}

static inline uint32_t fg_type(const struct fake_guest *g, uint32_t i)
{
    uint32_t t;
    memcpy(&t, g->replies[i], 4);
    return t;
}

static inline void fg_contact(struct fake_guest *g, uint32_t version)
{
    struct vmb_msg_initiate_contact ic = { .header.msgtype = VMB_MSG_INITIATE_CONTACT };
    ic.vmbus_version_requested = version;
    ic.interrupt_page_or_sint = version >= VMB_VERSION_WIN10_V5 ? 2 : 0x5000;
    ic.monitor_page1 = FG_MON1;
    ic.monitor_page2 = FG_MON2;
    fg_send(g, vmb_contact_conn_id(version), &ic, sizeof(ic));
}

#endif /* FAKE_GUEST_H */
