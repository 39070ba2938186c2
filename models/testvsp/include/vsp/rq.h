/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rq.h - the "hvsim request-id test device" VSP: host side of sim/guest/testdrv/hvsim_rqdrv.c.
 *
 * The guest driver sets channel->rqstor_size and the kernel's requestor callbacks
 * (vmbus_next_request_id / vmbus_request_addr) on the primary and on every sub-channel the
 * host offers, so each completion-requested packet it sends gets its trans_id from the real
 * drivers/hv/channel.c allocator and each completion the host sends is looked up there. The
 * host judges what reaches the ring and answers with VM_PKT_COMP completions, some of them
 * deliberately bad (adversarial scenarios); the guest traces what the kernel made of them.
 *
 * Wire layout (the guest driver restates it; both _Static_assert the sizes):
 *   offer user_def: struct vsp_rq_offer (40 of 120 bytes, little endian)
 *   guest -> host:  INBAND packets, payload struct vsp_rq_msg. REQ and PROBE carry
 *                   VMBUS_DATA_PACKET_FLAG_COMPLETION_REQUESTED (trans_id from the requestor,
 *                   payload cookie = the driver's request address); HELLO, NOTE, FULL, IDLE and
 *                   DONE do not (trans_id must be the driver's own cookie = payload cookie).
 *   host -> guest:  COMP packets (payload struct vsp_rq_comp, trans_id = the id completed) and
 *                   one INBAND ACK (same struct) after the IDLE phase.
 *
 * Per channel the guest sends: HELLO; with `withhold`, REQs until the kernel refuses one with
 * -EAGAIN while the ring has room, then FULL (its outstanding count); `requests` REQs (every
 * `note`-th message a NOTE) completed by the host `delay` later in a scrambled order; with
 * `bad`, one PROBE then IDLE, answered by the bad completions, the PROBE's completion (and its
 * duplicate) and ACK; finally DONE with its counts.
 *
 * Findings (host-judged, every packet):
 *   VMB-RQ-001  a completion-requested packet whose trans_id is 0, > size or still outstanding
 *   VMB-RQ-004  more than size ids outstanding; a FULL report that disagrees with the host
 *               (withhold: the guest must have exactly size outstanding, all seen here)
 *   VMB-RQ-005  a packet without the completion flag whose trans_id is not its payload cookie
 *   HVS-TEST-001 a malformed or unexpected packet; HVS-TEST-002 DONE disagrees with the host
 * Trace: source "vsp.testrq": "hello", "full", "bad_comp" (relid serial kind trans_id rule),
 * "summary" (relid chan pass req_ok cookie_ok full_ok max_out size bad_sent ...); the guest's
 * "guest.testrq comp relid= serial= result=accepted|rejected|bogus" pairs with "bad_comp"
 * (conformance/checkers/vmbus_rq.c judges VMB-RQ-002/003 from the pair).
 *
 * Device type text (scenario host.devices[].type): "testrq" or "testrq:key=value,..." with
 * keys size (rqstor_size, 1..256), requests, note (every n-th message a NOTE; 0 none),
 * subchannels (0..8), pages (ring pages per direction incl. header page), delay (completion
 * delay in us), seed, withhold (0/1), bad (zero+unknown+range+dup or all: needs tag
 * adversarial), selftest (id | cookie | full | mislabel-zero | mislabel-dup: needs tag
 * selftest; the host misjudges one correct observation so the rule's checker fails).
 */
#ifndef VSP_RQ_H
#define VSP_RQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmb/host.h"

#define VSP_RQ_CLASS_GUID "4856534d-5445-5354-8000-000000000002"
#define VSP_RQ_MAGIC 0x51525648u /* "HVRQ" */
#define VSP_RQ_VERSION 1u
#define VSP_RQ_SIZE_MAX 256u
#define VSP_RQ_SUB_MAX 8u
#define VSP_RQ_CHANNELS (1u + VSP_RQ_SUB_MAX)

enum vsp_rq_msg_type {
    VSP_RQ_HELLO = 1, VSP_RQ_REQ, VSP_RQ_NOTE, VSP_RQ_FULL, VSP_RQ_IDLE, VSP_RQ_DONE,
    VSP_RQ_PROBE, VSP_RQ_COMP, VSP_RQ_ACK,
};

/* Kinds of host completion (vsp_rq_comp.kind); all but NORMAL must be rejected by the guest. */
enum vsp_rq_comp_kind {
    VSP_RQ_COMP_NORMAL = 0,
    VSP_RQ_COMP_ZERO,    /* trans_id 0 (VMB-RQ-002) */
    VSP_RQ_COMP_UNKNOWN, /* an id in 1..size never issued / not outstanding (VMB-RQ-003) */
    VSP_RQ_COMP_RANGE,   /* size + 1 (VMB-RQ-003) */
    VSP_RQ_COMP_DUP,     /* a second completion of the id just completed (VMB-RQ-003) */
    VSP_RQ_COMP_KINDS,
};

#define VSP_RQ_F_WITHHOLD 1u /* offer flags */
#define VSP_RQ_F_PROBE 2u

struct vsp_rq_offer {
    uint32_t magic;
    uint32_t version;
    uint32_t rqstor_size;
    uint32_t requests;    /* REQ packets per channel after the withhold phase */
    uint32_t note_every;  /* every n-th message is a NOTE (no completion flag); 0 = none */
    uint32_t subchannels; /* sub-channels the host offers */
    uint32_t ring_pages;  /* per direction, header page included */
    uint32_t flags;       /* VSP_RQ_F_* */
    uint32_t seed;
    uint32_t reserved;
} __attribute__((packed));
_Static_assert(sizeof(struct vsp_rq_offer) == 40, "hvrq_offer");

struct vsp_rq_msg {
    uint32_t type;   /* VSP_RQ_HELLO .. VSP_RQ_PROBE */
    uint32_t chan;   /* sub_channel_index of the channel it travels on */
    uint64_t cookie; /* the requestid the driver passed to vmbus_sendpacket() */
    uint32_t seq;    /* per channel, every message */
    uint32_t a;      /* FULL: guest outstanding; DONE: completions accepted */
    uint32_t b;      /* FULL: 1 if a send failed with -EAGAIN; DONE: rejected */
    uint32_t c;      /* DONE: completions the driver could not match (bogus) */
} __attribute__((packed));
_Static_assert(sizeof(struct vsp_rq_msg) == 32, "hvrq_msg");

struct vsp_rq_comp {
    uint32_t type;   /* VSP_RQ_COMP or VSP_RQ_ACK */
    uint32_t serial; /* per channel, every host packet */
    uint32_t kind;   /* enum vsp_rq_comp_kind, as the host labels it */
    uint32_t reserved;
    uint64_t cookie; /* NORMAL: the request's payload cookie; else 0 */
} __attribute__((packed));
_Static_assert(sizeof(struct vsp_rq_comp) == 24, "hvrq_comp");

enum { VSP_RQ_SELFTEST_NONE = 0, VSP_RQ_SELFTEST_ID, VSP_RQ_SELFTEST_COOKIE,
       VSP_RQ_SELFTEST_FULL, VSP_RQ_SELFTEST_MISLABEL_ZERO, VSP_RQ_SELFTEST_MISLABEL_DUP };

struct vsp_rq_params {
    uint32_t size, requests, note_every, subchannels, ring_pages;
    uint64_t delay_ns;
    uint32_t seed;
    bool withhold;
    uint32_t bad;      /* bit k = enum vsp_rq_comp_kind k */
    uint32_t selftest; /* VSP_RQ_SELFTEST_* */
};

/* True if type names a request-id test device ("testrq" or "testrq:..."). */
bool vsp_rq_is_type(const char *type);
/* Parse a device type text into p (defaults first). Returns 0, or -1 with a message in err. */
int vsp_rq_parse(const char *type, struct vsp_rq_params *p, char *err, size_t len);
/* The scenario tags the parameters need: bad completions break the host's contract
 * (adversarial), selftest options fake guest misbehaviour (selftest). */
#define VSP_RQ_TAG_ADVERSARIAL 1u
#define VSP_RQ_TAG_SELFTEST 2u
unsigned vsp_rq_tags(const struct vsp_rq_params *p);

struct vsp_rq;
struct vsp_rq *vsp_rq_create(const struct vsp_rq_params *p);
void vsp_rq_destroy(struct vsp_rq *t); /* NULL is fine */
/* Fill dev (class GUID, offer user_def, sub-channels, VSP ops); instance makes the GUID. */
void vsp_rq_attach(struct vsp_rq *t, struct vmb_device_config *dev, uint32_t instance);
/* Parse + create + attach (the scenario executor's entry). NULL if type is bad. */
struct vsp_rq *vsp_rq_device(struct vmb_device_config *dev, const char *type, uint32_t instance);

#endif /* VSP_RQ_H */
