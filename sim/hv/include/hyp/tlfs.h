/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tlfs.h - the hypervisor-level wire formats of the Hyper-V TLFS that the simulated
 * hypervisor implements: hypercall codes and statuses, synthetic MSR numbers (x86 numbering,
 * which the guest image uses), the SynIC message page (16 slots of 256 bytes), the SynIC event
 * flags page (16 x 2048 bits) and the HvPostMessage input block.
 *
 * Plain C, stdint only, little-endian, packed. Every struct is _Static_assert'ed to its size.
 * Names carry the hyp_/HYP_ prefix: the kernel's own hv_ names live in the guest image.
 */
#ifndef HYP_TLFS_H
#define HYP_TLFS_H

#include <stdint.h>

/* ---- hypercalls (TLFS "call code" in bits 0..15 of the control word) ---- */
#define HYP_HVCALL_POST_MESSAGE 0x005cu
#define HYP_HVCALL_SIGNAL_EVENT 0x005du
#define HYP_HVCALL_GET_VP_REGISTERS 0x0050u /* rep hypercall */
#define HYP_HVCALL_REP_COUNT_SHIFT 32      /* control word: rep count, bits 43:32 */
#define HYP_HVCALL_REP_MASK 0xfffull
#define HYP_REGISTER_VSM_VP_STATUS 0x000D0003u /* low bits 3:0: the VP's active VTL */
/* Hypervisor CPUID leaves (TLFS "Feature and interface discovery"). */
#define HYP_CPUID_FEATURES 0x40000003u        /* ebx: privileges high; bit 22 isolation */
#define HYP_CPUID_PRIV_ISOLATION (1u << 22)
#define HYP_CPUID_ISOLATION_CONFIG 0x4000000Cu /* eax bit 0: paravisor; ebx 3:0: type */
#define HYP_ISOLATION_NONE 0u
#define HYP_ISOLATION_VBS 1u
#define HYP_HVCALL_FAST_BIT (1ull << 16) /* control word: register-based input */
#define HYP_HVCALL_CODE_MASK 0xffffu

/* ---- hypercall results (low 16 bits of the return value) ---- */
#define HYP_STATUS_SUCCESS 0u
#define HYP_STATUS_INVALID_HYPERCALL_CODE 2u
#define HYP_STATUS_INVALID_HYPERCALL_INPUT 3u
#define HYP_STATUS_INVALID_ALIGNMENT 4u
#define HYP_STATUS_INVALID_PARAMETER 5u
#define HYP_STATUS_ACCESS_DENIED 6u
#define HYP_STATUS_OPERATION_DENIED 8u
#define HYP_STATUS_INSUFFICIENT_MEMORY 11u
#define HYP_STATUS_INVALID_PORT_ID 17u
#define HYP_STATUS_INVALID_CONNECTION_ID 18u
#define HYP_STATUS_INSUFFICIENT_BUFFERS 19u

/* ---- synthetic MSRs (x86 numbering; HV_X64_MSR_* in the kernel) ---- */
#define HYP_MSR_GUEST_OS_ID 0x40000000u
#define HYP_MSR_HYPERCALL 0x40000001u
#define HYP_MSR_VP_INDEX 0x40000002u
#define HYP_MSR_RESET 0x40000003u
#define HYP_MSR_VP_RUNTIME 0x40000010u
#define HYP_MSR_TIME_REF_COUNT 0x40000020u
#define HYP_MSR_REFERENCE_TSC 0x40000021u
#define HYP_MSR_TSC_FREQUENCY 0x40000022u
#define HYP_MSR_APIC_FREQUENCY 0x40000023u
#define HYP_MSR_EOI 0x40000070u
#define HYP_MSR_ICR 0x40000071u
#define HYP_MSR_TPR 0x40000072u
#define HYP_MSR_VP_ASSIST_PAGE 0x40000073u
#define HYP_MSR_SCONTROL 0x40000080u
#define HYP_MSR_SVERSION 0x40000081u
#define HYP_MSR_SIEFP 0x40000082u
#define HYP_MSR_SIMP 0x40000083u
#define HYP_MSR_EOM 0x40000084u
#define HYP_MSR_SINT0 0x40000090u
#define HYP_MSR_SINT15 0x4000009fu
#define HYP_MSR_STIMER0_CONFIG 0x400000b0u
#define HYP_MSR_STIMER0_COUNT 0x400000b1u
#define HYP_MSR_STIMER3_COUNT 0x400000b7u
#define HYP_MSR_CRASH_P0 0x40000100u
#define HYP_MSR_CRASH_P4 0x40000104u
#define HYP_MSR_CRASH_CTL 0x40000105u

/* HYPERCALL MSR: bit 0 enable, bits 12..63 GPA page number of the hypercall page. */
#define HYP_HYPERCALL_ENABLE 1ull
/* SCONTROL bit 0: SynIC enable. */
#define HYP_SCONTROL_ENABLE 1ull
/* SIMP / SIEFP: bit 0 enable, bits 12..63 base GPA. */
#define HYP_SIMP_ENABLE 1ull
#define HYP_SIEFP_ENABLE 1ull
#define HYP_PAGE_GPA_MASK (~0xfffull)
/* SINTx: bits 0..7 vector, 16 masked, 17 auto-EOI, 18 polling. */
#define HYP_SINT_VECTOR_MASK 0xffull
#define HYP_SINT_MASKED (1ull << 16)
#define HYP_SINT_AUTO_EOI (1ull << 17)
#define HYP_SINT_POLLING (1ull << 18)
/* SynIC version the hypervisor reports in SVERSION. */
#define HYP_SYNIC_VERSION 1ull

#define HYP_SINT_COUNT 16u
#define HYP_VMBUS_SINT 2u /* VMBUS_MESSAGE_SINT */

/* ---- SynIC messages ---- */
#define HYP_MESSAGE_SIZE 256u
#define HYP_MESSAGE_PAYLOAD_MAX 240u
#define HYP_MSG_NONE 0x00000000u
#define HYP_MSG_VMBUS 0x00000001u /* HvPostMessage message_type used by VMBus */
#define HYP_MSG_TIMER_EXPIRED 0x80000010u
#define HYP_MSG_FLAG_PENDING 0x01u /* message_flags bit 0: msg_pending */

/* One SynIC message slot; header is 16 bytes. */
struct hyp_message_header {
    uint32_t message_type;
    uint8_t payload_size;
    uint8_t message_flags; /* HYP_MSG_FLAG_PENDING */
    uint8_t reserved[2];
    uint64_t sender; /* port id in bits 0..23 */
} __attribute__((packed));
_Static_assert(sizeof(struct hyp_message_header) == 16, "hv_message_header is 16 bytes");

struct hyp_message {
    struct hyp_message_header header;
    uint8_t payload[HYP_MESSAGE_PAYLOAD_MAX];
} __attribute__((packed));
_Static_assert(sizeof(struct hyp_message) == HYP_MESSAGE_SIZE, "hv_message is 256 bytes");

/* The SIMP page: one message slot per SINT. */
struct hyp_message_page {
    struct hyp_message sint_message[HYP_SINT_COUNT];
} __attribute__((packed));
_Static_assert(sizeof(struct hyp_message_page) == 4096, "SIMP is one page");

/* The SIEFP page: one 2048-bit flag array per SINT; bit n = event for connection/relid n. */
#define HYP_EVENT_FLAGS_BITS 2048u
struct hyp_event_flags {
    uint8_t bits[HYP_EVENT_FLAGS_BITS / 8];
} __attribute__((packed));
struct hyp_event_flags_page {
    struct hyp_event_flags sint_flags[HYP_SINT_COUNT];
} __attribute__((packed));
_Static_assert(sizeof(struct hyp_event_flags_page) == 4096, "SIEFP is one page");

/* HvPostMessage input block (read by GPA). connection_id: bits 0..23 meaningful. */
struct hyp_post_message_input {
    uint32_t connection_id;
    uint32_t reserved;
    uint32_t message_type;
    uint32_t payload_size;
    uint8_t payload[HYP_MESSAGE_PAYLOAD_MAX];
} __attribute__((packed));
_Static_assert(sizeof(struct hyp_post_message_input) == 256, "post_message input is 256 bytes");

#define HYP_CONNECTION_ID_MASK 0x00ffffffu

#endif /* HYP_TLFS_H */
