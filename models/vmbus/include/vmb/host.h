/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host.h - the VMBus host control plane (vmb_host) and the VSP plug-in interface.
 *
 * A vmb_host answers the guest's channel messages (posted with HvPostMessage on the message
 * connection ids) and sends its own (offers, results, rescinds) through SynIC SINT2 of the
 * vCPU named in INITIATE_CONTACT. Every guest message is dispatched through one table indexed
 * by message type (minimum length, allowed connection states, handler); every malformed or
 * out-of-state message is a finding, never dropped silently. Host replies leave after a delay
 * drawn from cfg.latency (PRNG stream "host.vmbus"), in FIFO order.
 *
 * Devices plug in through struct vmb_vsp_ops; a new device model is a new folder that fills a
 * struct vmb_device_config and implements some of these callbacks.
 */
#ifndef VMB_HOST_H
#define VMB_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "hyp/machine.h"
#include "sim/prng.h"
#include "vmb/wire.h"
#include "vsp/ring.h"

#define VMB_MAX_DEVICES 32u
#define VMB_MAX_CHANNELS 256u
#define VMB_MAX_SUBCHANNELS 16u
#define VMB_MAX_GPADLS_DEFAULT 128u
#define VMB_MAX_GPADL_PAGES_DEFAULT 16384u /* 64 MiB */
#define VMB_MSG_FIFO_MAX 256u
#define VMB_FIRST_GPADL_HANDLE 0xE1E10u
#define VMB_CHANNEL_EVENT_CONN_BASE 0x10000u /* per-channel HvSignalEvent connection ids */
#define VMB_PKT_BUF_MAX (64u * 1024u)

struct vmb_host;
struct vmb_channel;

/* Callbacks of a device model (VSP). All run in event context. Any may be NULL. */
struct vmb_vsp_ops {
    /* The guest opened the channel; its ring is bound. Return 0 to accept, otherwise the
     * OPENCHANNEL_RESULT status to send. */
    uint32_t (*on_open)(struct vmb_channel *ch);
    /* One guest packet (from the generic drain loop). */
    void (*on_packet)(struct vmb_channel *ch, const struct vsp_ring_pkt *pkt);
    /* The guest signalled (HvSignalEvent or monitor bit). If NULL, the generic drain loop
     * reads up to drain_budget packets per step and calls on_packet for each. */
    void (*on_signal)(struct vmb_channel *ch);
    void (*on_close)(struct vmb_channel *ch);
    void (*on_rescind)(struct vmb_channel *ch);
};

struct vmb_device_config {
    const char *name;               /* trace name, e.g. "kbd" */
    struct vmb_guid class_id;       /* offer if_type */
    struct vmb_guid instance_id;    /* offer if_instance */
    uint16_t chn_flags;
    uint16_t mmio_megabytes;
    uint8_t user_def[VMB_USER_DEF_BYTES];
    uint32_t nr_subchannels;        /* extra offers with sub_channel_index 1..n, sent once the
                                       primary is open (as a host answers a VSC request) */
    bool monitor_allocated;
    bool dedicated_interrupt;
    bool userdata_allowed;          /* OPENCHANNEL userdata may be non-zero (storvsc) */
    uint32_t open_status;           /* OPENCHANNEL_RESULT status; 0 = success */
    uint32_t drain_budget;          /* packets per drain step; 0 = all */
    uint64_t drain_interval_ns;     /* delay between drain steps when budget-limited */
    bool no_packet_records;         /* ring: no per-packet trace records (benchmarks) */
    const struct vmb_vsp_ops *vsp;  /* NULL: accept open, consume and ignore packets */
    void *vsp_ctx;
};

struct vmb_host_config {
    uint32_t accepted_versions;     /* bit i = vmb_versions[i] accepted (see below) */
    uint32_t msg_conn_id;           /* VERSION_RESPONSE.msg_conn_id for >= 5.0; 0 = 4 */
    bool register_conn4;            /* accept INITIATE_CONTACT on id 4 (true on any >=5.0 host) */
    uint32_t gpadl_created_status;  /* GPADL_CREATED.creation_status for good GPADLs */
    uint32_t modify_status;         /* MODIFYCHANNEL_RESPONSE.status for valid requests (5.3+);
                                       non-zero: the channel's target stays */
    bool modify_stale;              /* accept MODIFYCHANNEL but keep interrupting the old vCPU */
    bool unload_silent;             /* UNLOAD is taken but UNLOAD_RESPONSE never sent (a host
                                       still flushing after the guest's 100 s crash-path wait) */
    uint32_t selftest_unload_sint;  /* self-test: UNLOAD_RESPONSE posted on this SINT instead of
                                       VMBus's SINT 2, where no guest looks (0 = off) */
    uint32_t max_gpadls;            /* 0 = default */
    uint32_t max_gpadl_pages;       /* per GPADL; 0 = default */
    uint32_t first_relid;           /* 0 = 1 */
    bool tl_connect_result;         /* answer TL_CONNECT_REQUEST with TL_CONNECT_RESULT */
    uint32_t tl_connect_status;
    uint64_t monitor_scan_ns;       /* MNF scan period while monitored channels are open;
                                       0 = 100 us */
    struct sim_dist latency;        /* per host reply */
    /*
     * Conformance self-test hook: rewrite a guest message (in place, up to 240 bytes) before
     * the host processes it, so that a correct guest looks broken and a checker can be shown
     * to fail. Returns the new length. The hook traces what it changes. NULL: none.
     */
    uint32_t (*selftest_mutate)(void *ctx, uint8_t *msg, uint32_t len);
    void *selftest_ctx;
    struct vmb_device_config devices[VMB_MAX_DEVICES];
    uint32_t nr_devices;
};

/* The versions a host can be configured to accept, oldest first; index = bit. */
extern const uint32_t vmb_versions[VMB_VERSION_COUNT];
/* Bit for a version word, or 0 if unknown. */
uint32_t vmb_version_bit(uint32_t version);
#define VMB_ACCEPT_ALL ((1u << VMB_VERSION_COUNT) - 1u)
#define VMB_ACCEPT_NONE 0x80000000u /* no version bit: every INITIATE_CONTACT is refused */
/* Message connection id on which INITIATE_CONTACT for `version` must arrive. */
uint32_t vmb_contact_conn_id(uint32_t version);

/* Defaults: all versions, msg_conn_id 4, conn 4 registered, status 0, fixed 10 us latency. */
void vmb_host_config_default(struct vmb_host_config *cfg);

enum vmb_conn_state {
    VMB_STATE_DISCONNECTED = 0, /* waiting for an acceptable INITIATE_CONTACT */
    VMB_STATE_CONNECTED,        /* version agreed */
    VMB_STATE_UNLOADED,         /* UNLOAD answered; a new INITIATE_CONTACT may follow */
    VMB_STATE_COUNT,
};

enum vmb_chan_state {
    VMB_CHAN_FREE = 0,   /* slot unused */
    VMB_CHAN_OFFERED,    /* offer sent, not open */
    VMB_CHAN_OPEN,       /* OPENCHANNEL accepted (result sent) */
    VMB_CHAN_CLOSED,     /* CLOSECHANNEL received; may be reopened */
    VMB_CHAN_RELEASED,   /* rescinded and RELID_RELEASED received */
};

struct vmb_host_summary {
    enum vmb_conn_state state;
    uint32_t negotiated_version;  /* 0 if none */
    uint32_t contacts;            /* INITIATE_CONTACT messages */
    uint32_t offers_sent;
    uint32_t channels_opened;     /* successful OPENCHANNELs */
    uint32_t channels_open_now;
    uint32_t gpadls_created;
    uint32_t gpadls_torn_down;
    uint32_t rescinds_sent;
    uint32_t relids_released;
    uint32_t unloads;
    uint32_t msgs_in;
    uint32_t msgs_out;
    uint32_t findings;            /* findings raised by this host */
};

struct vmb_host *vmb_host_create(struct hyp_machine *m, const struct vmb_host_config *cfg);
void vmb_host_destroy(struct vmb_host *h);
void vmb_host_summary(const struct vmb_host *h, struct vmb_host_summary *out);

/*
 * Receive one guest message as if posted on conn_id from vcpu (the machine's HvPostMessage
 * handler calls this; tests may call it directly). Returns an HYP_STATUS_*.
 * Processing happens after the host latency, in arrival order.
 */
uint16_t vmb_host_receive(struct vmb_host *h, uint32_t conn_id, uint32_t vcpu, const void *msg,
                          uint32_t len);
/* Rescind a channel now (any moment, any state but FREE/RELEASED). Returns 0 or -1. */
int vmb_host_rescind(struct vmb_host *h, uint32_t relid);
/* Offer channel `relid` again, unchanged but for child_relid = new_relid and its connection
 * id (adversarial: a duplicate primary offer, VMB-OFF-004). new_relid must be unused by the
 * host (no channel is created for it). Returns 0, or -1 if relid has no channel. */
int vmb_host_offer_duplicate(struct vmb_host *h, uint32_t relid, uint32_t new_relid);
/*
 * Hibernation (src/pm.c): what the host does at the guest's next UNLOAD, its power cycle, and
 * on the resume that follows. The plan is armed by vmb_host_plan_resume() and consumed by
 * that UNLOAD (channels renumbered, versions replaced, the suspended offer sent before
 * UNLOAD_RESPONSE) and by the next REQUESTOFFERS (withheld devices).
 */
struct vmb_resume_plan {
    uint32_t relid_offset;        /* every channel's relid (and connection id) += offset */
    uint32_t withhold_devs;       /* bit d: device d's channels are not re-offered */
    uint32_t accepted_versions;   /* versions accepted from the UNLOAD on; 0 = unchanged,
                                     VMB_ACCEPT_NONE = refuse all */
    bool offer_while_suspended;   /* an offer of a new driverless device right after the
                                     UNLOAD, before UNLOAD_RESPONSE (traced offer_suspended) */
    /* Self-tests (tag selftest): bit d: device d is traced as withheld but re-offered; the
     * "suspended" offer goes out now, before the guest suspends. */
    uint32_t selftest_label_withheld;
    bool selftest_offer_early;
};
/* Arm the plan (replacing an armed one). Traced as pm_plan. Returns 0, -1 if invalid
 * (relids beyond the limit). */
int vmb_host_plan_resume(struct vmb_host *h, const struct vmb_resume_plan *p);

/*
 * hv_sock (src/tl.c): how the host answers the guest's next TL_CONNECT_REQUESTs (until
 * re-armed). result: TL_CONNECT_RESULT with result_status (the guest ignores it); offer: an
 * hv_sock (TLNPI) offer, if_type = the request's host service id, if_instance = its guest
 * endpoint id (offer_mismatch: that id's port ^ 0x80000000, which completes nothing). selftest_label:
 * a matching offer traced as if its instance were another one (tag selftest).
 */
struct vmb_tl_answer {
    bool result;
    uint32_t result_status;
    bool offer;
    bool offer_mismatch;
    bool selftest_label;
};
void vmb_host_set_tl_answer(struct vmb_host *h, const struct vmb_tl_answer *a);
/* Self-test: process a TL_CONNECT_REQUEST for port (template GUIDs, guest endpoint port 1024)
 * the guest never sent, as if posted on the current message connection (traced selftest). */
void vmb_host_selftest_tl_request(struct vmb_host *h, uint32_t port);

/* Send a raw control message to the guest (adversarial scenarios). len <= 240. */
void vmb_host_send_raw(struct vmb_host *h, const void *msg, uint32_t len);

/* ---- channel access (for VSPs, scenarios and tests) ---- */
struct vmb_channel *vmb_host_channel(struct vmb_host *h, uint32_t relid);
/* The n-th offered channel of device index dev (n = sub_channel_index), or NULL. */
struct vmb_channel *vmb_host_device_channel(struct vmb_host *h, uint32_t dev, uint32_t sub);
enum vmb_chan_state vmb_channel_state(const struct vmb_channel *ch);
bool vmb_channel_rescinded(const struct vmb_channel *ch);
uint32_t vmb_channel_relid(const struct vmb_channel *ch);
uint32_t vmb_channel_target_vp(const struct vmb_channel *ch);
const struct vmb_device_config *vmb_channel_device(const struct vmb_channel *ch);
struct vsp_ring *vmb_channel_ring(struct vmb_channel *ch); /* NULL unless OPEN */
struct hyp_env *vmb_channel_env(struct vmb_channel *ch);
const char *vmb_channel_source(const struct vmb_channel *ch); /* trace source */
void *vmb_channel_vsp_ctx(const struct vmb_channel *ch);
/* Raise this channel's event in the guest (SIEFP bit relid + SINT2 on target_vp). */
void vmb_channel_signal_guest(struct vmb_channel *ch);
/* Run the generic drain loop now (as if the guest had signalled). */
void vmb_channel_kick(struct vmb_channel *ch);
/* A busy host: while busy, guest signals on ch are traced but do not make the host read
 * its guest->host ring (only vmb_channel_kick() does, e.g. a polling timer). Clearing busy
 * reads what accumulated. Traced as "busy relid= on=". */
void vmb_channel_set_busy(struct vmb_channel *ch, bool busy);
/* Send one packet on the channel's ring (VSP helper). 0, -11 full, -5 broken, -1 not open. */
int vmb_channel_send(struct vmb_channel *ch, uint16_t type, uint16_t flags, uint64_t trans_id,
                     const void *payload, uint32_t len);

#endif /* VMB_HOST_H */
