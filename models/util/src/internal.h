/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * internal.h - shared between the IC engine (ic.c) and the service files (hb_sd_ts.c,
 * kvp.c, vss_fcopy.c, device.c). Not installed: only models/util sees it.
 *
 * A service is described by one constant table row (struct util_svc): its name, icmsgtype,
 * default offered versions, the Linux guest's preference lists (for UTIL-IC-002), the default
 * limits, and its hooks. The engine owns the state machine and the pending table; a service
 * only builds bodies and judges answers.
 */
#ifndef VSP_UTIL_INTERNAL_H
#define VSP_UTIL_INTERNAL_H

#include "sim/queue.h"
#include "vsp/util.h"

#define UTIL_SRC_MAX 32u

struct vsp_util_pending {
    bool used;
    struct vsp_util_dev *d;
    struct sim_event deadline_ev;
    uint64_t txid;
    uint8_t ic_txid;
    uint16_t msgtype;
    uint32_t len;             /* bytes sent */
    struct vsp_ic_pipe_hdr pipe; /* as sent, expected echoed */
    uint64_t sent_ns;
    uint64_t deadline_ns;     /* absolute; 0 = none */
    uint64_t arg;             /* per service: hb seq, sd flags, ts flags, op|pool<<8 ... */
    const char *silence_rule; /* non-NULL: the guest must not answer */
    bool raw;                 /* vsp_util_send_raw: no service judgement of the answer */
};

/* A finished transaction (for duplicate / late classification). */
#define UTIL_RECENT_ANSWERED 1u
#define UTIL_RECENT_TIMED_OUT 2u
struct vsp_util_recent {
    uint64_t txid;
    uint32_t how;
    uint16_t msgtype;
    uint32_t len;
    uint64_t arg;
};

/* What a response check concluded: extra "response" trace fields, then findings (emitted
 * after the response record so that a checker reads the answer before its judgement). */
#define UTIL_VERDICT_MAX 4u
struct util_verdict {
    char detail[256];
    uint32_t nr;
    const char *rule[UTIL_VERDICT_MAX];
    char text[UTIL_VERDICT_MAX][160];
};
void util_detail(struct util_verdict *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void util_fail(struct util_verdict *v, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Rule for a NEGOTIATE that is never answered: every negotiate must get a reply carrying
 * counts and versions (UTIL-IC-003; also UTIL-IC-004/005 "a reply is still sent"). */
#define UTIL_NEGO_TIMEOUT_RULE "UTIL-IC-003"
/* timeout_rule result meaning "silence is the conformant outcome" (traced expected=1). */
#define UTIL_SILENCE_EXPECTED ""

struct util_svc {
    const char *name;      /* also the vmb_device_preset name */
    uint16_t msgtype;
    uint32_t fw_default[VSP_UTIL_MAX_VERSIONS];
    uint32_t nr_fw_default;
    uint32_t srv_default[VSP_UTIL_MAX_VERSIONS];
    uint32_t nr_srv_default;
    uint32_t fw_guest[VSP_UTIL_MAX_VERSIONS]; /* Linux guest preference order */
    uint32_t nr_fw_guest;
    uint32_t srv_guest[VSP_UTIL_MAX_VERSIONS];
    uint32_t nr_srv_guest;
    uint32_t max_pending_default;
    bool unknown_type_answered;   /* UTIL-IC-007 applies (hb/sd/ts) */
    /* Deadline for a request of this service (absolute offset from send), arg as stored. */
    uint64_t (*deadline)(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t arg);
    /* Rule for a missing answer; NULL = no finding (outcome unknown: daemon not stated),
     * UTIL_SILENCE_EXPECTED = no finding (silence is conformant). */
    const char *(*timeout_rule)(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t arg);
    /* Judge the service part of a matched answer (echo checks already done, the packet is
     * at least as long as the request): append trace fields and findings to v. */
    void (*on_response)(struct vsp_util_dev *d, const struct vsp_util_pending *p,
                        const uint8_t *buf, uint32_t len, const struct vsp_ic_msg_hdr *h,
                        struct util_verdict *v);
    /* Versions agreed (state READY). */
    void (*on_ready)(struct vsp_util_dev *d);
    /* The periodic timer fired in READY (heartbeat, timesync samples); NULL = no timer. */
    void (*on_period)(struct vsp_util_dev *d);
    uint64_t period_ns_default;
    /* Channel closed with p outstanding (e.g. UTIL-SD-005). */
    void (*on_abandon)(struct vsp_util_dev *d, const struct vsp_util_pending *p);
};


struct vsp_util_dev {
    enum vsp_util_service svc;
    const struct util_svc *desc;
    struct vsp_util_params p;     /* defaults resolved */
    enum vsp_util_state state;
    char source[UTIL_SRC_MAX];
    struct hyp_env *env;          /* bound at open */
    vsp_util_send_fn send;
    void *send_ctx;
    struct vmb_channel *ch;       /* when attached to a vmb host */
    struct sim_event start_ev;    /* open -> NEGOTIATE */
    struct sim_event period_ev;   /* heartbeat / timesync sample */
    uint64_t next_txid;
    uint64_t hb_next_seq;
    struct vsp_util_pending pend[VSP_UTIL_MAX_PENDING];
    struct vsp_util_recent recent[VSP_UTIL_RECENT];
    uint32_t recent_next;
    struct vsp_util_stats st;
    struct vsp_kvp_result kvp_last;
    struct {                      /* vsp_util_selftest_mutate */
        bool armed;
        uint16_t msgtype;
        uint32_t nth, seen, offset, value;
    } st_mut;
    uint8_t txbuf[VSP_IC_PKT_MAX];
    uint8_t rxbuf[VSP_IC_PKT_MAX]; /* a mutated copy of an answer */
};

/* Engine services for the service files. */
int util_request(struct vsp_util_dev *d, uint16_t msgtype, const void *body, uint32_t body_len,
                 uint64_t arg, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void util_finding(struct vsp_util_dev *d, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
uint64_t util_now(const struct vsp_util_dev *d);
void util_arm_period(struct vsp_util_dev *d);
/* "M.m" of a version word into buf[12]. */
const char *util_ver_str(uint32_t v, char buf[12]);

/* Per-service tables (defined in the service files). */
extern const struct util_svc util_svc_heartbeat;
extern const struct util_svc util_svc_shutdown;
extern const struct util_svc util_svc_timesync;
extern const struct util_svc util_svc_kvp;
extern const struct util_svc util_svc_vss;
extern const struct util_svc util_svc_fcopy;

#endif /* VSP_UTIL_INTERNAL_H */
