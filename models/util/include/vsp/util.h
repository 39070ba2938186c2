/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util.h - host side of the Hyper-V integration components (util ICs): heartbeat, shutdown,
 * timesync, KVP, VSS and fcopy, as VSP plug-ins of the VMBus host control plane.
 *
 * Part 1, wire: the IC framing (protocol-inventory §2.1). Every IC packet is one
 * VM_PKT_DATA_INBAND packet whose payload is a pipe header {flags, msgsize} (8 B), an icmsg
 * header (20 B) and a body. All structs are packed little-endian and _Static_assert'ed to the
 * sizes of include/linux/hyperv.h and include/uapi/linux/hyperv.h. Names carry our prefixes
 * (vsp_ic_, vsp_kvp_, ...) since the kernel's hv_ names share the run's link namespace.
 *
 * Part 2, the IC engine (src/ic.c): one struct vsp_util_dev per IC channel. The host is the
 * requester: it negotiates versions (NEGOTIATE) after open, then sends service requests; the
 * guest answers each in place (same byte count, same trans_id, icflags TRANSACTION|RESPONSE).
 * Every request waits for its answer until a deadline in virtual time; a missing, malformed,
 * unsolicited or duplicate answer is a finding with a UTIL-* rule id (never a silent drop).
 *
 * Part 3, services: per-service request helpers and their response checks.
 *
 * Trace (source "util.<service>", or "util.<service>.<instance>" for instance > 0):
 *   state      from= to=
 *   request    type= tx= len= [fw_offered=1.0,3.0 srv_offered=.. | seq= | flags= |
 *              op= pool= index= key= value= | raw=1 expect_reply=0|1 | ...]
 *   response   type= tx= len= status= latency_ns= [late=1] [seq= | flags= | op= pool=
 *              key= value= value_type= ... | vss_flags=]
 *   finding    rule=UTIL-... tx= ...   (hyp_findingf; always after the response it judges)
 *   negotiated fw=M.m srv=M.m result=ok|none
 *   timeout    type= tx= deadline_ns= expected=0|1|unknown
 *   silent     tx= len=            (a packet the guest must drop was indeed not answered)
 *   abandoned  type= tx=           (channel closed with the request outstanding)
 *   send_failed type= rc=
 *   limit      what=max_pending|state ...  (a limit or the state refused a request)
 *   selftest_mutate type= nth= offset= value=  (a self-test rewrote the guest's answer)
 * Strings in bodies (KVP keys/values, file names) are percent-encoded: bytes outside
 * 0x21..0x7e and the characters '%', '"', '=' become %XX, so every body stays key=value.
 */
#ifndef VSP_UTIL_H
#define VSP_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hyp/env.h"
#include "vmb/host.h"

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "IC wire structs are little-endian");

#define VSP_IC_PACKED __attribute__((packed))

/* ================================================================== wire: framing */

/* Version words: major << 16 | minor, as the kernel's version tables. */
#define VSP_IC_VER(major, minor) (((uint32_t)(major) << 16) | (uint32_t)(minor))
#define VSP_IC_VER_MAJOR(v) ((uint16_t)((v) >> 16))
#define VSP_IC_VER_MINOR(v) ((uint16_t)((v) & 0xffffu))

/* icmsgtype */
#define VSP_IC_MSG_NEGOTIATE 0u
#define VSP_IC_MSG_HEARTBEAT 1u
#define VSP_IC_MSG_KVPEXCHANGE 2u
#define VSP_IC_MSG_SHUTDOWN 3u
#define VSP_IC_MSG_TIMESYNC 4u
#define VSP_IC_MSG_VSS 5u
#define VSP_IC_MSG_FCOPY 7u

/* icflags */
#define VSP_IC_FLAG_TRANSACTION 0x1u
#define VSP_IC_FLAG_REQUEST 0x2u
#define VSP_IC_FLAG_RESPONSE 0x4u

/* status (HRESULT) values, include/uapi/linux/hyperv.h */
#define VSP_IC_S_OK 0x00000000u
#define VSP_IC_E_FAIL 0x80004005u
#define VSP_IC_S_CONT 0x80070103u
#define VSP_IC_E_NOT_SUPPORTED 0x80070032u
#define VSP_IC_E_INVALIDARG 0x80070057u
#define VSP_IC_E_GUID_NOTFOUND 0x80041002u

/* vmbuspipe_hdr.flags of a data message (the Linux guest echoes it untouched). */
#define VSP_IC_PIPE_DATA 1u
#define VSP_IC_MAX_VERCNT 100u /* IC_VERSION_NEGOTIATION_MAX_VER_COUNT */

struct vsp_ic_pipe_hdr {
    uint32_t flags;
    uint32_t msgsize; /* bytes after this header: icmsg header + body */
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_ic_pipe_hdr) == 8, "vmbuspipe_hdr");

struct vsp_ic_version {
    uint16_t major;
    uint16_t minor;
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_ic_version) == 4, "ic_version");

struct vsp_ic_hdr {
    struct vsp_ic_version icverframe;
    uint16_t icmsgtype;
    struct vsp_ic_version icvermsg;
    uint16_t icmsgsize; /* body bytes after the 28-byte header */
    uint32_t status;
    uint8_t ictransaction_id;
    uint8_t icflags;
    uint8_t reserved[2];
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_ic_hdr) == 20, "icmsg_hdr");

/* The 28 bytes every IC packet starts with (ICMSG_HDR). */
struct vsp_ic_msg_hdr {
    struct vsp_ic_pipe_hdr pipe;
    struct vsp_ic_hdr ic;
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_ic_msg_hdr) == 28, "ICMSG_HDR");
#define VSP_IC_HDR_BYTES 28u

/* NEGOTIATE body: counts, then icframe_vercnt framework versions, then icmsg_vercnt service
 * versions (struct vsp_ic_version each). */
struct vsp_ic_negotiate {
    uint16_t icframe_vercnt;
    uint16_t icmsg_vercnt;
    uint32_t reserved;
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_ic_negotiate) == 8, "icmsg_negotiate fixed part");
#define VSP_IC_NEGOTIATE_REPLY_SIZE 16u /* icmsgsize the guest writes */

/* ================================================================== wire: services */

struct vsp_ic_heartbeat {
    uint64_t seq_num;
    uint32_t reserved[8];
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_ic_heartbeat) == 40, "heartbeat_msg_data");
#define VSP_HB_MIN_BODY 8u /* the guest needs only seq_num */

#define VSP_SD_FLAG_FORCE 0x1u
#define VSP_SD_FLAG_RESTART 0x2u
#define VSP_SD_FLAG_HIBERNATE 0x4u
#define VSP_SD_REASON_PLANNED 0x80000000u
#define VSP_SD_MESSAGE_BYTES 2048u
struct vsp_ic_shutdown {
    uint32_t reason_code;
    uint32_t timeout_seconds;
    uint32_t flags;
    uint8_t display_message[VSP_SD_MESSAGE_BYTES];
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_ic_shutdown) == 2060, "shutdown_msg_data");

#define VSP_TS_FLAG_PROBE 0x0u
#define VSP_TS_FLAG_SYNC 0x1u
#define VSP_TS_FLAG_SAMPLE 0x2u
#define VSP_TS_WLTIMEDELTA 116444736000000000ull /* 1601 -> 1970 in 100 ns units */
/* Service <= 3.0 (ictimesync_data). */
struct vsp_ic_timesync_v3 {
    uint64_t parenttime;    /* host time, 100 ns since 1601 */
    uint64_t childtime;
    uint64_t roundtriptime;
    uint8_t flags;
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_ic_timesync_v3) == 25, "ictimesync_data");
/* Service 4.0 (ictimesync_ref_data). */
struct vsp_ic_timesync_v4 {
    uint64_t parenttime;      /* host time, 100 ns since 1601 */
    uint64_t vmreferencetime; /* partition reference counter (100 ns) when parenttime taken */
    uint8_t flags;
    uint8_t leapflags;
    uint8_t stratum;
    uint8_t reserved[3];
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_ic_timesync_v4) == 22, "ictimesync_ref_data");

/* KVP */
enum vsp_kvp_op {
    VSP_KVP_OP_GET = 0,
    VSP_KVP_OP_SET = 1,
    VSP_KVP_OP_DELETE = 2,
    VSP_KVP_OP_ENUMERATE = 3,
    VSP_KVP_OP_GET_IP_INFO = 4,
    VSP_KVP_OP_SET_IP_INFO = 5,
    VSP_KVP_OP_COUNT = 6,
};
#define VSP_KVP_POOL_COUNT 5u /* external, guest, auto, auto_external, auto_internal */
#define VSP_KVP_REG_SZ 1u
#define VSP_KVP_REG_U32 4u
#define VSP_KVP_REG_U64 8u
#define VSP_KVP_MAX_KEY_BYTES 512u    /* UTF-16 bytes, terminator included */
#define VSP_KVP_MAX_VALUE_BYTES 2048u /* UTF-16 bytes, terminator included */
#define VSP_KVP_ADAPTER_ID_UNITS 128u
#define VSP_KVP_IP_ADDR_UNITS 1024u
#define VSP_KVP_GATEWAY_UNITS 512u
#define VSP_KVP_ADDR_FAMILY_IPV4 1u
#define VSP_KVP_ADDR_FAMILY_IPV6 2u

struct vsp_kvp_hdr {
    uint8_t operation;
    uint8_t pool;
    uint16_t pad;
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_kvp_hdr) == 4, "hv_kvp_hdr");

struct vsp_kvp_value {
    uint32_t value_type;
    uint32_t key_size;   /* bytes, UTF-16 terminator included */
    uint32_t value_size; /* bytes, UTF-16 terminator included */
    uint8_t key[VSP_KVP_MAX_KEY_BYTES];
    uint8_t value[VSP_KVP_MAX_VALUE_BYTES];
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_kvp_value) == 2572, "hv_kvp_exchg_msg_value");

struct vsp_kvp_ipaddr {
    uint16_t adapter_id[VSP_KVP_ADAPTER_ID_UNITS];
    uint8_t addr_family;
    uint8_t dhcp_enabled;
    uint16_t ip_addr[VSP_KVP_IP_ADDR_UNITS];
    uint16_t sub_net[VSP_KVP_IP_ADDR_UNITS];
    uint16_t gate_way[VSP_KVP_GATEWAY_UNITS];
    uint16_t dns_addr[VSP_KVP_IP_ADDR_UNITS];
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_kvp_ipaddr) == 7426, "hv_kvp_ipaddr_value");

struct vsp_kvp_delete {
    uint32_t key_size;
    uint8_t key[VSP_KVP_MAX_KEY_BYTES];
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_kvp_delete) == 516, "hv_kvp_msg_delete");

struct vsp_kvp_enumerate {
    uint32_t index;
    struct vsp_kvp_value data;
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_kvp_enumerate) == 2576, "hv_kvp_msg_enumerate");

/* Body of GET/SET/DELETE/ENUMERATE (hv_kvp_msg): header + union. */
struct vsp_kvp_msg {
    struct vsp_kvp_hdr hdr;
    union {
        struct vsp_kvp_value get_set;
        struct vsp_kvp_delete del;
        struct vsp_kvp_enumerate enumerate;
        struct vsp_kvp_ipaddr ip;
    } VSP_IC_PACKED body;
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_kvp_msg) == 7430, "hv_kvp_msg");

/* Body of GET_IP_INFO/SET_IP_INFO (hv_kvp_ip_msg): no pad between pool and the value. */
struct vsp_kvp_ip_msg {
    uint8_t operation;
    uint8_t pool;
    struct vsp_kvp_ipaddr ip;
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_kvp_ip_msg) == 7428, "hv_kvp_ip_msg");

/* VSS */
enum vsp_vss_op {
    VSP_VSS_OP_CREATE = 0,
    VSP_VSS_OP_DELETE = 1,
    VSP_VSS_OP_HOT_BACKUP = 2,
    VSP_VSS_OP_GET_DM_INFO = 3,
    VSP_VSS_OP_BU_COMPLETE = 4,
    VSP_VSS_OP_FREEZE = 5,
    VSP_VSS_OP_THAW = 6,
    VSP_VSS_OP_AUTO_RECOVER = 7,
    VSP_VSS_OP_COUNT = 8,
};
#define VSP_VSS_HBU_NO_AUTO_RECOVERY 0x5u
struct vsp_vss_msg {
    uint8_t operation; /* the guest may overwrite these 4 bytes with an error int */
    uint8_t reserved[7];
    uint32_t flags;
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_vss_msg) == 12, "hv_vss_msg");

/* fcopy */
enum vsp_fcopy_op {
    VSP_FCOPY_START = 0,
    VSP_FCOPY_WRITE = 1,
    VSP_FCOPY_COMPLETE = 2,
    VSP_FCOPY_CANCEL = 3,
    VSP_FCOPY_OP_COUNT = 4,
};
#define VSP_FCOPY_OVER_WRITE 0x1u
#define VSP_FCOPY_CREATE_PATH 0x2u
#define VSP_FCOPY_MAX_PATH 260u
#define VSP_FCOPY_DATA_FRAGMENT 6144u
struct vsp_fcopy_hdr {
    uint32_t operation;
    uint8_t service_id0[16];
    uint8_t service_id1[16];
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_fcopy_hdr) == 36, "hv_fcopy_hdr");

struct vsp_fcopy_start {
    struct vsp_fcopy_hdr hdr;
    uint16_t file_name[VSP_FCOPY_MAX_PATH];
    uint16_t path_name[VSP_FCOPY_MAX_PATH];
    uint32_t copy_flags;
    uint64_t file_size;
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_fcopy_start) == 1088, "hv_start_fcopy");

struct vsp_fcopy_write {
    struct vsp_fcopy_hdr hdr;
    uint32_t pad;
    uint64_t offset;
    uint32_t size;
    uint8_t data[VSP_FCOPY_DATA_FRAGMENT];
} VSP_IC_PACKED;
_Static_assert(sizeof(struct vsp_fcopy_write) == 6196, "hv_do_fcopy");

/* ================================================================== codec (pure functions) */

/* Largest IC packet this host sends or accepts (payload bytes). The guests' receive buffers
 * are 2-4 pages; the largest body we build (KVP) is 28 + 7430. */
#define VSP_IC_PKT_MAX 8192u

/*
 * Build header + body into buf (cap bytes): pipe {VSP_IC_PIPE_DATA, 20 + body_len}, icmsg
 * header from *h with icmsgsize = body_len. Returns the packet length, or 0 if it does not
 * fit (cap, 16-bit icmsgsize).
 */
uint32_t vsp_ic_encode(uint8_t *buf, uint32_t cap, const struct vsp_ic_hdr *h, const void *body,
                       uint32_t body_len);
/* Copy the 28-byte header out of a packet. Returns 0, or -1 if len < 28. */
int vsp_ic_decode(const uint8_t *buf, uint32_t len, struct vsp_ic_msg_hdr *out);

/* Build a NEGOTIATE request offering fw[nr_fw] then srv[nr_srv] (version words). Header
 * versions are 0.0; icflags TRANSACTION|REQUEST. Returns the length or 0 if it does not fit. */
uint32_t vsp_ic_encode_negotiate(uint8_t *buf, uint32_t cap, uint8_t ic_txid, const uint32_t *fw,
                                 uint32_t nr_fw, const uint32_t *srv, uint32_t nr_srv);

enum vsp_ic_nego_result {
    VSP_IC_NEGO_OK = 0,        /* counts 1/1: fw and srv chosen */
    VSP_IC_NEGO_NONE,          /* counts 0/0: no common version */
    VSP_IC_NEGO_BAD_COUNTS,    /* counts other than 1/1 or 0/0 */
    VSP_IC_NEGO_TRUNCATED,     /* shorter than 28 + 8 + 2 versions */
};
struct vsp_ic_nego_reply {
    uint16_t frame_cnt;
    uint16_t msg_cnt;
    uint16_t icmsgsize;
    uint32_t fw;  /* version word in slot 0 (valid unless TRUNCATED) */
    uint32_t srv; /* version word in slot 1 */
};
/* Parse a guest's negotiate reply (whole IC payload). */
enum vsp_ic_nego_result vsp_ic_parse_negotiate(const uint8_t *buf, uint32_t len,
                                               struct vsp_ic_nego_reply *out);

/*
 * UTF-8 -> UTF-16LE. Writes at most cap_units units (terminator included) at out (any
 * alignment: fields of packed wire structs). Returns the number of units before the
 * terminator, or -1 on invalid UTF-8 or overflow.
 */
int vsp_utf16_encode(const char *utf8, void *out, uint32_t cap_units);
/* UTF-16LE (units, stops at a 0 unit; any alignment) -> UTF-8, NUL-terminated in out[cap].
 * Returns bytes written before the NUL, or -1 on an unpaired surrogate or overflow. */
int vsp_utf16_decode(const void *in, uint32_t units, char *out, uint32_t cap);

/* Percent-encode s (at most max_in bytes) for a trace body (see the header comment). */
void vsp_util_escape(const char *s, size_t max_in, char *out, size_t cap);

/* ================================================================== the IC device */

enum vsp_util_service {
    VSP_UTIL_HEARTBEAT = 0,
    VSP_UTIL_SHUTDOWN,
    VSP_UTIL_TIMESYNC,
    VSP_UTIL_KVP,
    VSP_UTIL_VSS,
    VSP_UTIL_FCOPY,
    VSP_UTIL_SERVICE_COUNT,
};

enum vsp_util_state {
    VSP_UTIL_CLOSED = 0,     /* no channel */
    VSP_UTIL_OPEN,           /* channel open, NEGOTIATE not yet sent (start delay) */
    VSP_UTIL_NEGOTIATING,    /* NEGOTIATE outstanding */
    VSP_UTIL_READY,          /* versions agreed: service requests allowed */
    VSP_UTIL_NO_VERSION,     /* the guest answered 0/0 (or nonsense): no service traffic */
    VSP_UTIL_STATE_COUNT,
};

/* What the scenario says about the guest's user-space daemon (KVP, VSS, fcopy): the wire
 * alone cannot tell, so only a stated expectation turns daemon-dependent outcomes into
 * findings. */
enum vsp_util_daemon {
    VSP_UTIL_DAEMON_UNKNOWN = 0,
    VSP_UTIL_DAEMON_ABSENT,
    VSP_UTIL_DAEMON_PRESENT,
};

enum vsp_util_tristate { VSP_UTIL_UNKNOWN = 0, VSP_UTIL_NO, VSP_UTIL_YES };

#define VSP_UTIL_MAX_VERSIONS 8u   /* per offered list */
#define VSP_UTIL_MAX_PENDING 32u   /* outstanding requests per channel (hard limit) */
#define VSP_UTIL_RECENT 32u        /* answered / timed-out trans ids remembered */

#define VSP_UTIL_START_DELAY_NS_DEFAULT 100000ull   /* open -> NEGOTIATE: 100 us */
#define VSP_UTIL_HB_PERIOD_NS_DEFAULT 2000000000ull /* hv_util.c comment: every 2 s */
#define VSP_UTIL_TS_PERIOD_NS_DEFAULT 5000000000ull /* samples every 5 s */
#define VSP_UTIL_DEADLINE_NS_DEFAULT 5000000000ull  /* answers made in the guest's tasklet */
#define VSP_UTIL_DAEMON_TIMEOUT_NS 30000000000ull   /* HV_UTIL_TIMEOUT */
#define VSP_UTIL_FREEZE_TIMEOUT_NS 900000000000ull  /* VSS FREEZE: 15 min */
#define VSP_UTIL_GRACE_NS 1000000000ull             /* added to guest-side timeouts */
#define VSP_UTIL_UNIX_AT_ZERO_NS_DEFAULT 1704067200000000000ull /* 2024-01-01T00:00:00Z */

/* Zero-initialised = all defaults. */
struct vsp_util_params {
    uint32_t instance;                          /* instance GUID / trace source suffix */
    uint32_t fw_versions[VSP_UTIL_MAX_VERSIONS]; /* offered framework versions, in order */
    uint32_t nr_fw;                             /* 0 = service default */
    uint32_t srv_versions[VSP_UTIL_MAX_VERSIONS];
    uint32_t nr_srv;                            /* 0 = service default */
    uint64_t start_delay_ns;                    /* 0 = default; UINT64_MAX = never auto */
    uint64_t deadline_ns;                       /* response deadline; 0 = per service/op */
    uint64_t period_ns;                         /* heartbeat / timesync sample period */
    bool no_periodic;                           /* no automatic heartbeats / samples */
    bool no_initial_sync;                       /* timesync: no SYNC after negotiation */
    bool no_completion_requested;               /* descriptor flags 0 (OpenVMM style) */
    bool no_pref_check;                         /* skip the Linux-preference check */
    uint32_t max_pending;                       /* 0 = service default (1 for KVP/VSS/fcopy) */
    uint64_t hb_first_seq;                      /* first heartbeat sequence number */
    int64_t time_offset_ns;                     /* timesync: host clock - virtual clock */
    uint64_t unix_at_zero_ns;                   /* timesync: Unix time at virtual 0 */
    enum vsp_util_daemon daemon;                /* KVP/VSS/fcopy expectation */
    enum vsp_util_tristate hibernate;           /* shutdown: guest supports hibernation */
};

struct vsp_util_stats {
    enum vsp_util_service service;
    enum vsp_util_state state;
    uint32_t fw;            /* negotiated framework version word; 0 = none */
    uint32_t srv;           /* negotiated service version word; 0 = none */
    uint32_t negotiations;  /* NEGOTIATE replies processed */
    uint32_t requests_sent;
    uint32_t responses;     /* matched (including late) */
    uint32_t timeouts;
    uint32_t silent_ok;     /* packets the guest had to drop and did */
    uint32_t findings;      /* findings raised by this device */
    uint32_t send_failures;
    uint32_t refused;       /* requests refused by state or limit */
    uint32_t pending;       /* outstanding now */
    uint32_t last_status;
    uint16_t last_msgtype;
    uint64_t last_txid;     /* trans id of the last request sent */
    uint64_t hb_last_seq;   /* heartbeat: last seq_num answered by the guest */
};

/* The last KVP answer, decoded (UTF-8). */
struct vsp_kvp_result {
    bool valid;
    uint8_t op;
    uint8_t pool;
    uint32_t status;
    uint32_t value_type;
    char key[VSP_KVP_MAX_KEY_BYTES * 2];
    char value[VSP_KVP_MAX_VALUE_BYTES * 2];
};

struct vsp_util_dev;

/* Transport used by the engine; vsp_util_device/attach bind it to the vmb channel. Returns 0,
 * or a negative vmb_channel_send code (-11 full, -5 broken, -1 not open). */
typedef int (*vsp_util_send_fn)(void *ctx, uint16_t type, uint16_t flags, uint64_t trans_id,
                                const void *payload, uint32_t len);

/* Create a device model (p may be NULL: defaults). Asserts on invalid params (simulator bug /
 * the scenario loader validates first). Owned by the caller: vsp_util_destroy after the host. */
struct vsp_util_dev *vsp_util_create(enum vsp_util_service svc, const struct vsp_util_params *p);
void vsp_util_destroy(struct vsp_util_dev *d);
/* Fill dev (name, class GUID, deterministic instance GUID, ops, ctx) for this device. */
void vsp_util_attach(struct vsp_util_dev *d, struct vmb_device_config *dev);
/* Create + attach: what the world builder calls. */
struct vsp_util_dev *vsp_util_device(struct vmb_device_config *dev, enum vsp_util_service svc,
                                     const struct vsp_util_params *p);

/* Service name ("heartbeat", ...) and parse (-1 if unknown). */
const char *vsp_util_service_name(enum vsp_util_service svc);
int vsp_util_service_parse(const char *name);

/* ---- engine entry points (the vmb glue calls these; unit tests call them directly) ---- */
/* Channel opened: bind env + transport, schedule NEGOTIATE after the start delay. */
void vsp_util_open(struct vsp_util_dev *d, struct hyp_env *env, vsp_util_send_fn send,
                   void *send_ctx);
/* Channel closed or rescinded: cancel timers, abandon outstanding requests. */
void vsp_util_close(struct vsp_util_dev *d);
/* One guest packet (descriptor fields + payload after the descriptor). */
void vsp_util_receive(struct vsp_util_dev *d, uint16_t type, uint16_t flags, uint64_t trans_id,
                      const uint8_t *payload, uint32_t len);
/* Send NEGOTIATE now (again). Returns 0 or a negative code (see request functions). */
int vsp_util_negotiate(struct vsp_util_dev *d);

/*
 * Request functions return 0 on success (stats.last_txid names the transaction), or:
 * VSP_UTIL_ENOTREADY (not READY / wrong service), VSP_UTIL_EBUSY (max_pending outstanding),
 * VSP_UTIL_EINVAL (bad argument: encoding, size), or the transport's negative code.
 */
#define VSP_UTIL_ENOTREADY (-100)
#define VSP_UTIL_EBUSY (-101)
#define VSP_UTIL_EINVAL (-102)

/* Adversarial/raw: send payload bytes as they are (len <= VSP_IC_PKT_MAX). If silence_rule is
 * non-NULL the guest must NOT answer (e.g. "UTIL-IC-006" for a packet < 28 bytes): an answer
 * is a finding with that rule and the deadline passing is the expected outcome. Otherwise an
 * echo is expected; an unknown icmsgtype on heartbeat/shutdown/timesync must come back with
 * E_FAIL (UTIL-IC-007). Allowed in any state but CLOSED. */
int vsp_util_send_raw(struct vsp_util_dev *d, const void *payload, uint32_t len,
                      const char *silence_rule);

/* Self-test (scenarios tagged "selftest" only): replace 4 bytes at offset of the nth guest
 * answer with icmsgtype msgtype by value before the engine judges it, so that a correct guest
 * looks broken and the checkers must report it. Traced as "selftest_mutate". */
void vsp_util_selftest_mutate(struct vsp_util_dev *d, uint16_t msgtype, uint32_t nth,
                              uint32_t offset, uint32_t value);

/* Heartbeat: one request now (the periodic timer calls this). */
int vsp_hb_send(struct vsp_util_dev *d);

enum vsp_shutdown_kind {
    VSP_SHUTDOWN_POWEROFF = 0,                      /* flags 0 */
    VSP_SHUTDOWN_REBOOT = VSP_SD_FLAG_RESTART,      /* flags 2 */
    VSP_SHUTDOWN_HIBERNATE = VSP_SD_FLAG_HIBERNATE, /* flags 4 */
};
/* Forced variant: kind | VSP_SD_FLAG_FORCE. */
int vsp_shutdown_request(struct vsp_util_dev *d, enum vsp_shutdown_kind kind);
/* Any flags value (E_FAIL is expected for values other than 0..5, UTIL-SD-004). */
int vsp_shutdown_request_flags(struct vsp_util_dev *d, uint32_t flags, uint32_t reason,
                               uint32_t timeout_s);

/* Timesync: PROBE (0) / SYNC / SAMPLE bits; message format by negotiated version. */
int vsp_timesync_send(struct vsp_util_dev *d, uint8_t flags);
/* The parenttime the host would put in a message now (100 ns since 1601). */
uint64_t vsp_timesync_host_time(const struct vsp_util_dev *d, uint64_t now_ns);

/*
 * KVP: GET (key), SET (key, value as REG_SZ), DELETE (key), GET_IP_INFO / SET_IP_INFO (key =
 * adapter id, value = IP address list). key/value UTF-8; NULL = empty. ENUMERATE goes through
 * vsp_kvp_enumerate.
 */
int vsp_kvp_request(struct vsp_util_dev *d, enum vsp_kvp_op op, uint8_t pool, const char *key,
                    const char *value);
int vsp_kvp_enumerate(struct vsp_util_dev *d, uint8_t pool, uint32_t index);
const struct vsp_kvp_result *vsp_kvp_last(const struct vsp_util_dev *d);

int vsp_vss_request(struct vsp_util_dev *d, enum vsp_vss_op op);

int vsp_fcopy_start(struct vsp_util_dev *d, const char *file_name, const char *path_name,
                    uint32_t copy_flags, uint64_t file_size);
int vsp_fcopy_write(struct vsp_util_dev *d, uint64_t offset, const void *data, uint32_t len);
int vsp_fcopy_complete(struct vsp_util_dev *d);
int vsp_fcopy_cancel(struct vsp_util_dev *d);

/* ---- observation ---- */
const struct vsp_util_stats *vsp_util_stats(const struct vsp_util_dev *d);
/* One line "service=heartbeat state=ready fw=3.0 srv=3.0 sent=.. resp=.. timeouts=.. ..."
 * into buf; returns what snprintf returns. */
int vsp_util_summary(const struct vsp_util_dev *d, char *buf, size_t cap);
const char *vsp_util_state_name(enum vsp_util_state s);

#endif /* VSP_UTIL_H */
