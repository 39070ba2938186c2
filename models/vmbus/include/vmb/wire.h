/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wire.h - VMBus wire formats: channel (control) messages carried in SynIC message payloads,
 * the ring buffer header page, ring packet descriptors (inband, GPA direct, transfer pages),
 * the monitor (MNF) page, protocol versions and connection ids.
 *
 * Plain C, stdint only, little-endian, packed; each struct is _Static_assert'ed to the size the
 * Linux guest expects (include/linux/hyperv.h). Bit fields are never used on the wire: where the
 * kernel has bit fields (offer flags) we expose the containing byte/word plus mask macros, so
 * encoding does not depend on the compiler's bit-field layout.
 *
 * Names: vmb_ / VMB_ prefix (the kernel's vmbus_ names share the link namespace at runtime).
 */
#ifndef VMB_WIRE_H
#define VMB_WIRE_H

#include <stdint.h>

#define VMB_PACKED __attribute__((packed))

/* ---- protocol versions: major << 16 | minor ---- */
#define VMB_VERSION(major, minor) (((uint32_t)(major) << 16) | (uint32_t)(minor))
#define VMB_VERSION_WS2008 VMB_VERSION(0, 13)
#define VMB_VERSION_WIN7 VMB_VERSION(1, 1)
#define VMB_VERSION_WIN8 VMB_VERSION(2, 4)
#define VMB_VERSION_WIN8_1 VMB_VERSION(3, 0)
#define VMB_VERSION_WIN10 VMB_VERSION(4, 0)
#define VMB_VERSION_WIN10_V4_1 VMB_VERSION(4, 1)
#define VMB_VERSION_WIN10_V5 VMB_VERSION(5, 0)
#define VMB_VERSION_WIN10_V5_1 VMB_VERSION(5, 1)
#define VMB_VERSION_WIN10_V5_2 VMB_VERSION(5, 2)
#define VMB_VERSION_WIN10_V5_3 VMB_VERSION(5, 3)
#define VMB_VERSION_COUNT 10u

/* ---- connection ids (HvPostMessage / HvSignalEvent targets) ---- */
#define VMB_CONN_MESSAGE 1u      /* control messages before 5.0 */
#define VMB_CONN_EVENT 2u        /* default event connection */
#define VMB_CONN_MONITOR 3u      /* monitor connection */
#define VMB_CONN_MESSAGE_4 4u    /* INITIATE_CONTACT for >= 5.0 */
#define VMB_CONN_VTL2_REDIRECT 0x800074u

#define VMB_MAX_RELIDS 2048u
#define VMB_MAX_MONITOR_ID 128u

/* ---- channel message types ---- */
enum vmb_msg_type {
    VMB_MSG_INVALID = 0,
    VMB_MSG_OFFERCHANNEL = 1,
    VMB_MSG_RESCIND_CHANNELOFFER = 2,
    VMB_MSG_REQUESTOFFERS = 3,
    VMB_MSG_ALLOFFERS_DELIVERED = 4,
    VMB_MSG_OPENCHANNEL = 5,
    VMB_MSG_OPENCHANNEL_RESULT = 6,
    VMB_MSG_CLOSECHANNEL = 7,
    VMB_MSG_GPADL_HEADER = 8,
    VMB_MSG_GPADL_BODY = 9,
    VMB_MSG_GPADL_CREATED = 10,
    VMB_MSG_GPADL_TEARDOWN = 11,
    VMB_MSG_GPADL_TORNDOWN = 12,
    VMB_MSG_RELID_RELEASED = 13,
    VMB_MSG_INITIATE_CONTACT = 14,
    VMB_MSG_VERSION_RESPONSE = 15,
    VMB_MSG_UNLOAD = 16,
    VMB_MSG_UNLOAD_RESPONSE = 17,
    VMB_MSG_18 = 18,
    VMB_MSG_19 = 19,
    VMB_MSG_20 = 20,
    VMB_MSG_TL_CONNECT_REQUEST = 21,
    VMB_MSG_MODIFYCHANNEL = 22,
    VMB_MSG_TL_CONNECT_RESULT = 23,
    VMB_MSG_MODIFYCHANNEL_RESPONSE = 24,
    VMB_MSG_COUNT = 25,
};

/* 16-byte GUID in the on-wire (mixed-endian, Windows) byte order. */
struct vmb_guid {
    uint8_t b[16];
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_guid) == 16, "guid");

struct vmb_msg_hdr {
    uint32_t msgtype; /* enum vmb_msg_type */
    uint32_t padding;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_hdr) == 8, "channel message header");

/* Offer flags (chn_flags). */
#define VMB_CHN_ENUMERATE_DEVICE_INTERFACE 0x0001u
#define VMB_CHN_SERVER_SUPPORTS_TRANSFER_PAGES 0x0002u
#define VMB_CHN_SERVER_SUPPORTS_GPADLS 0x0004u
#define VMB_CHN_NAMED_PIPE_MODE 0x0010u
#define VMB_CHN_LOOPBACK_OFFER 0x0100u
#define VMB_CHN_PARENT_OFFER 0x0200u
#define VMB_CHN_REQUEST_MONITORED_NOTIFICATION 0x0400u
#define VMB_CHN_TLNPI_PROVIDER_OFFER 0x2000u

#define VMB_USER_DEF_BYTES 120u

/* struct vmbus_channel_offer (176 bytes). For pipe offers user_def[0..3] is pipe_mode. */
struct vmb_offer {
    struct vmb_guid if_type;
    struct vmb_guid if_instance;
    uint64_t reserved1;
    uint64_t reserved2;
    uint16_t chn_flags;
    uint16_t mmio_megabytes;
    uint8_t user_def[VMB_USER_DEF_BYTES];
    uint16_t sub_channel_index;
    uint16_t reserved3;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_offer) == 176, "offer body");

/* OFFERCHANNEL (type 1), 196 bytes. */
#define VMB_OFFER_MONITOR_ALLOCATED 0x01u  /* in monitor_flags */
#define VMB_OFFER_DEDICATED_INTERRUPT 0x0001u /* in interrupt_flags */
struct vmb_msg_offer_channel {
    struct vmb_msg_hdr header;
    struct vmb_offer offer;
    uint32_t child_relid;
    uint8_t monitorid;
    uint8_t monitor_flags;    /* bit 0: monitor_allocated */
    uint16_t interrupt_flags; /* bit 0: is_dedicated_interrupt */
    uint32_t connection_id;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_offer_channel) == 196, "OFFERCHANNEL");

/* RESCIND_CHANNELOFFER (2), CLOSECHANNEL (7), RELID_RELEASED (13): 12 bytes. */
struct vmb_msg_relid {
    struct vmb_msg_hdr header;
    uint32_t child_relid;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_relid) == 12, "relid message");

/* OPENCHANNEL (5), 148 bytes. */
struct vmb_msg_open_channel {
    struct vmb_msg_hdr header;
    uint32_t child_relid;
    uint32_t openid;
    uint32_t ringbuffer_gpadlhandle;
    uint32_t target_vp;
    uint32_t downstream_ringbuffer_pageoffset; /* in 4 KiB pages */
    uint8_t userdata[VMB_USER_DEF_BYTES];
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_open_channel) == 148, "OPENCHANNEL");

/* OPENCHANNEL_RESULT (6), 20 bytes. */
struct vmb_msg_open_result {
    struct vmb_msg_hdr header;
    uint32_t child_relid;
    uint32_t openid;
    uint32_t status;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_open_result) == 20, "OPENCHANNEL_RESULT");

/* GPA range header (followed by pfn_array[] of u64). */
struct vmb_gpa_range {
    uint32_t byte_count;
    uint32_t byte_offset;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_gpa_range) == 8, "gpa range header");

/* GPADL_HEADER (8): 16-byte fixed part + ranges; total <= 240. */
#define VMB_GPADL_HEADER_MAX_PFNS 26u
#define VMB_GPADL_BODY_MAX_PFNS 28u
struct vmb_msg_gpadl_header {
    struct vmb_msg_hdr header;
    uint32_t child_relid;
    uint32_t gpadl;
    uint16_t range_buflen; /* bytes of all ranges incl. their pfn arrays */
    uint16_t rangecount;
    /* struct vmb_gpa_range range[]; each followed by its pfns */
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_gpadl_header) == 20, "GPADL_HEADER fixed part");

/* GPADL_BODY (9): 16-byte fixed part + pfn[]. */
struct vmb_msg_gpadl_body {
    struct vmb_msg_hdr header;
    uint32_t msgnumber;
    uint32_t gpadl;
    /* uint64_t pfn[]; */
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_gpadl_body) == 16, "GPADL_BODY fixed part");

/* GPADL_CREATED (10), 20 bytes. */
struct vmb_msg_gpadl_created {
    struct vmb_msg_hdr header;
    uint32_t child_relid;
    uint32_t gpadl;
    uint32_t creation_status;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_gpadl_created) == 20, "GPADL_CREATED");

/* GPADL_TEARDOWN (11), 16 bytes. */
struct vmb_msg_gpadl_teardown {
    struct vmb_msg_hdr header;
    uint32_t child_relid;
    uint32_t gpadl;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_gpadl_teardown) == 16, "GPADL_TEARDOWN");

/* GPADL_TORNDOWN (12), 12 bytes. */
struct vmb_msg_gpadl_torndown {
    struct vmb_msg_hdr header;
    uint32_t gpadl;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_gpadl_torndown) == 12, "GPADL_TORNDOWN");

/* INITIATE_CONTACT (14), 40 bytes. For >= 5.0 the union holds msg_sint (byte 0) and msg_vtl
 * (byte 1, 6.12); below 5.0 it is the interrupt page GPA. */
struct vmb_msg_initiate_contact {
    struct vmb_msg_hdr header;
    uint32_t vmbus_version_requested;
    uint32_t target_vcpu;
    uint64_t interrupt_page_or_sint; /* < 5.0: GPA; >= 5.0: byte0 msg_sint, byte1 msg_vtl */
    uint64_t monitor_page1;
    uint64_t monitor_page2;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_initiate_contact) == 40, "INITIATE_CONTACT");

/* VERSION_RESPONSE (15), 16 bytes. */
struct vmb_msg_version_response {
    struct vmb_msg_hdr header;
    uint8_t version_supported;
    uint8_t connection_state;
    uint16_t padding;
    uint32_t msg_conn_id;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_version_response) == 16, "VERSION_RESPONSE");

/* TL_CONNECT_REQUEST (21), 40 bytes. */
struct vmb_msg_tl_connect_request {
    struct vmb_msg_hdr header;
    struct vmb_guid guest_endpoint_id;
    struct vmb_guid host_service_id;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_tl_connect_request) == 40, "TL_CONNECT_REQUEST");

/* TL_CONNECT_RESULT (23): not defined by Linux; Windows layout: endpoint GUID + status. */
struct vmb_msg_tl_connect_result {
    struct vmb_msg_hdr header;
    struct vmb_guid guest_endpoint_id;
    uint32_t status;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_tl_connect_result) == 28, "TL_CONNECT_RESULT");

/* MODIFYCHANNEL (22), 16 bytes. */
struct vmb_msg_modifychannel {
    struct vmb_msg_hdr header;
    uint32_t child_relid;
    uint32_t target_vp;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_modifychannel) == 16, "MODIFYCHANNEL");

/* MODIFYCHANNEL_RESPONSE (24), 16 bytes. */
struct vmb_msg_modifychannel_response {
    struct vmb_msg_hdr header;
    uint32_t child_relid;
    uint32_t status;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_msg_modifychannel_response) == 16, "MODIFYCHANNEL_RESPONSE");

/* ---- ring buffer header page (one 4 KiB page at the start of each direction) ---- */
#define VMB_RING_FEAT_PENDING_SEND_SZ 0x1u
struct vmb_ring_header {
    uint32_t write_index; /* byte offset into the data area, producer-owned */
    uint32_t read_index;  /* byte offset into the data area, consumer-owned */
    uint32_t interrupt_mask;
    uint32_t pending_send_sz;
    uint32_t reserved1[12];
    uint32_t feature_bits; /* bit 0: FeatSupportPendingSendSz */
    uint8_t reserved2[4096 - 68];
}; /* naturally aligned u32 fields: not packed, so indices can be accessed atomically */
_Static_assert(sizeof(struct vmb_ring_header) == 4096, "ring header page");

/* ---- ring packets ---- */
enum vmb_pkt_type {
    VMB_PKT_INVALID = 0x0,
    VMB_PKT_SYNCH = 0x1,
    VMB_PKT_ADD_XFER_PAGESET = 0x2,
    VMB_PKT_RM_XFER_PAGESET = 0x3,
    VMB_PKT_ESTABLISH_GPADL = 0x4,
    VMB_PKT_TEARDOWN_GPADL = 0x5,
    VMB_PKT_DATA_INBAND = 0x6,
    VMB_PKT_DATA_USING_XFER_PAGES = 0x7,
    VMB_PKT_DATA_USING_GPADL = 0x8,
    VMB_PKT_DATA_USING_GPA_DIRECT = 0x9,
    VMB_PKT_CANCEL_REQUEST = 0xa,
    VMB_PKT_COMP = 0xb,
    VMB_PKT_DATA_USING_ADDITIONAL_PKT = 0xc,
    VMB_PKT_ADDITIONAL_DATA = 0xd,
    VMB_PKT_TYPE_COUNT = 0xe,
};
#define VMB_PKT_FLAG_COMPLETION_REQUESTED 1u

struct vmb_pkt_desc {
    uint16_t type;
    uint16_t offset8; /* payload offset from descriptor start, 8-byte units */
    uint16_t len8;    /* total packet length excl. trailer, 8-byte units */
    uint16_t flags;
    uint64_t trans_id;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_pkt_desc) == 16, "vmpacket_descriptor");
#define VMB_PKT_TRAILER_BYTES 8u

/* GPA direct packet header: descriptor + reserved + rangecount, then ranges with pfns. */
struct vmb_pkt_gpa_direct {
    struct vmb_pkt_desc d;
    uint32_t reserved;
    uint32_t range_cnt;
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_pkt_gpa_direct) == 24, "vmdata_gpa_direct fixed part");

/* Transfer-page packet header (host -> guest). */
struct vmb_pkt_xfer_pages {
    struct vmb_pkt_desc d;
    uint16_t xfer_pageset_id;
    uint8_t sender_owns_set;
    uint8_t reserved;
    uint32_t range_cnt;
    /* struct vmb_gpa_range ranges[] (byte_count, byte_offset) */
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_pkt_xfer_pages) == 24, "xfer page packet fixed part");

/* ---- monitor (MNF) page ---- */
struct vmb_monitor_trigger_group {
    uint32_t pending;
    uint32_t armed;
} VMB_PACKED;

struct vmb_monitor_parameter {
    uint32_t connection_id;
    uint16_t flag_number;
    uint16_t rsvd;
} VMB_PACKED;

struct vmb_monitor_page {
    uint32_t trigger_state;
    uint32_t rsvd1;
    struct vmb_monitor_trigger_group trigger_group[4];
    uint64_t rsvd2[3];
    int32_t next_checktime[4][32];
    uint16_t latency[4][32];
    uint64_t rsvd3[32];
    struct vmb_monitor_parameter parameter[4][32];
    uint8_t rsvd4[1984];
} VMB_PACKED;
_Static_assert(sizeof(struct vmb_monitor_page) == 4096, "monitor page");

#endif /* VMB_WIRE_H */
