/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * machine.h - the simulated hypervisor: guest RAM, vCPUs with SynIC state, HvPostMessage /
 * HvSignalEvent routed to host handlers by connection id, SynIC message-slot delivery with
 * msg_pending/EOM semantics, event flags, and interrupt injection into the guest image.
 *
 * Guest-facing entry points (hyp_machine_hypercall*, hyp_machine_msr_*) are what the seam's
 * host ops call. Host-facing entry points (hyp_machine_post, hyp_machine_signal,
 * hyp_machine_register_*) are what host models (models/vmbus, ...) call.
 *
 * Every hypercall, MSR write, delivered message, EOM, signal and interrupt is traced
 * (source "hv"). Guest misuse (unknown MSR, bad hypercall input, oversized payload, EOM while
 * the slot is still full, ...) is a finding.
 */
#ifndef HYP_MACHINE_H
#define HYP_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hyp/env.h"
#include "hyp/mem.h"
#include "hyp/seam.h"
#include "hyp/tlfs.h"

#define HYP_MAX_VCPUS 64u
#define HYP_MAX_CONN_HANDLERS 64u
#define HYP_MSG_QUEUE_MAX_DEFAULT 256u

struct hyp_machine_config {
    uint64_t ram_size;         /* bytes, page multiple */
    uint32_t nr_vcpus;         /* 1..HYP_MAX_VCPUS */
    uint32_t msg_queue_max;    /* per (vCPU, SINT) pending message limit; 0 = default */
    uint64_t irq_latency_ns;   /* from "raise" to guest_ops->interrupt(); 0 = same instant */
    uint32_t isolation;        /* HYP_ISOLATION_*: what CPUID 0x4000000C reports */
    uint32_t vtl;              /* the guest's VTL (HvRegisterVsmVpStatus), 0 or 2 */
};

/* Host handler for HvPostMessage on one connection id. Returns an HYP_STATUS_*; the
 * payload is a private copy valid only during the call. vcpu is the caller's vCPU. */
typedef uint16_t (*hyp_msg_handler)(void *ctx, uint32_t conn_id, uint32_t vcpu,
                                    const void *payload, uint32_t len);
/* Host handler for HvSignalEvent on one connection id. */
typedef uint16_t (*hyp_event_handler)(void *ctx, uint32_t conn_id, uint32_t vcpu);

struct hyp_machine_stats {
    uint64_t hypercalls;
    uint64_t posts;
    uint64_t posts_failed;
    uint64_t signals_from_guest;
    uint64_t messages_delivered;
    uint64_t eoms;
    uint64_t events_to_guest;
    uint64_t interrupts;
    uint64_t msr_writes;
};

struct hyp_machine;

struct hyp_machine *hyp_machine_create(struct hyp_env *env, const struct hyp_machine_config *cfg,
                                       char *err, size_t err_len);
void hyp_machine_destroy(struct hyp_machine *m);

struct hyp_env *hyp_machine_env(struct hyp_machine *m);
struct hyp_mem *hyp_machine_mem(struct hyp_machine *m);
uint32_t hyp_machine_nr_vcpus(const struct hyp_machine *m);
const struct hyp_machine_stats *hyp_machine_stats(const struct hyp_machine *m);
/* The guest image whose interrupt() entry receives SINT interrupts (NULL: none yet). */
void hyp_machine_set_guest(struct hyp_machine *m, const struct hyp_guest_ops *guest);

/* vCPU whose guest interrupt handler is running right now, or -1. */
int32_t hyp_machine_irq_vcpu(const struct hyp_machine *m);

/* ---- host side ---- */
/* Register a handler for a connection id (< 2^24). Returns 0, -1 if taken or table full. */
int hyp_machine_register_msg(struct hyp_machine *m, uint32_t conn_id, hyp_msg_handler fn,
                             void *ctx);
int hyp_machine_register_event(struct hyp_machine *m, uint32_t conn_id, hyp_event_handler fn,
                               void *ctx);
void hyp_machine_unregister(struct hyp_machine *m, uint32_t conn_id);
/*
 * Make the next `count` HvPostMessage calls fail with `status` (e.g.
 * HYP_STATUS_INSUFFICIENT_BUFFERS) before reaching any handler; a transient fault.
 */
void hyp_machine_inject_post_status(struct hyp_machine *m, uint32_t count, uint16_t status);
/* Input GPA of vcpu's latest HvPostMessage (0: none yet). For self-test faults that re-issue
 * it as if the guest had posted again. */
uint64_t hyp_machine_last_post_gpa(const struct hyp_machine *m, uint32_t vcpu);
/*
 * Queue a SynIC message for (vcpu, sint). It is written into the SIMP slot as soon as the
 * slot is free and the SynIC/SIMP are enabled; a busy slot gets msg_pending and the next
 * message follows the guest's EOM. Returns 0, or -1 if the queue limit is hit (traced as
 * kind "limit"). len <= HYP_MESSAGE_PAYLOAD_MAX (asserted: host bug otherwise).
 */
int hyp_machine_post(struct hyp_machine *m, uint32_t vcpu, uint32_t sint, uint32_t msg_type,
                     const void *payload, uint32_t len);
/* Set event flag `flag` (< 2048) in SIEFP[sint] of vcpu and raise the SINT interrupt. */
void hyp_machine_signal(struct hyp_machine *m, uint32_t vcpu, uint32_t sint, uint32_t flag);
/* Messages queued but not yet written to the slot. */
uint32_t hyp_machine_queued(const struct hyp_machine *m, uint32_t vcpu, uint32_t sint);

/* ---- guest side (called from the seam's host ops) ---- */
uint64_t hyp_machine_hypercall(struct hyp_machine *m, uint32_t vcpu, uint64_t control,
                               uint64_t input_gpa, uint64_t output_gpa);
uint64_t hyp_machine_hypercall_fast8(struct hyp_machine *m, uint32_t vcpu, uint16_t code,
                                     uint64_t input);
uint64_t hyp_machine_msr_read(struct hyp_machine *m, uint32_t vcpu, uint32_t msr);
void hyp_machine_msr_write(struct hyp_machine *m, uint32_t vcpu, uint32_t msr, uint64_t value);
/* CPUID hypervisor leaves as configured (isolation); zeros for other leaves. */
void hyp_machine_cpuid(struct hyp_machine *m, uint32_t leaf, uint32_t subleaf, uint32_t out[4]);

#endif /* HYP_MACHINE_H */
