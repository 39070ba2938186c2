/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test.h - the "hvsim test device" VSP: host side of sim/guest/testdrv/hvsim_testdrv.c.
 *
 * A test device exercises the real drivers/hv core with a traffic pattern no shipped driver
 * produces: the offer's user_def bytes (struct vsp_test_offer) tell the guest driver which
 * ring sizes to open with (so the ring GPADL can be far larger than one GPADL_HEADER), how
 * many DATA packets go each way, the largest payload and the pattern seed. The host checks
 * every guest payload byte and sends its own DATA packets once the guest's HELLO arrived; the
 * guest checks them and finally sends DONE with its receive results.
 *
 * Wire layout (the guest driver restates it; both _Static_assert the sizes):
 *   offer user_def: struct vsp_test_offer (40 of 120 bytes, little endian)
 *   every packet:   INBAND, payload = struct vsp_test_hdr + pattern bytes
 *   DATA seq s:     payload length vsp_test_len(offer, s); byte k (k >= header) is
 *                   vsp_test_byte(dir, seed, s, k); trans_id = s (guest -> host)
 *
 * The host also judges the guest's signalling while traffic runs (protocol-inventory §1.11,
 * §1.13), so that a guest that gets it wrong fails the run:
 *   VMB-SIG-003  data in the guest->host ring that became non-empty without a signal
 *   VMB-SIG-005  a signal explained neither by a write into an empty ring nor by a read
 *                crossing the host's pending_send_sz
 *   VMB-SIG-006  the guest's inbound interrupt_mask still set outside its callback
 *   VMB-RING-008 the guest read past the host's pending_send_sz without signalling
 *   HVS-TEST-001 a guest packet with a wrong type, header, sequence, length or payload byte
 *   HVS-TEST-002 the guest's DONE report disagrees with what the host sent / received
 * Trace: source "vsp.test", kinds "hello", "result" (pass=0|1 and counters).
 *
 * Device type text (scenario host.devices[].type): "testvsc" or
 * "testvsc:key=value,..." with keys packets (both directions), to_host, to_guest,
 * send_pages, recv_pages (ring pages incl. header page, per direction), max (largest payload
 * in bytes, header included, <= VSP_TEST_PAYLOAD_MAX), seed, rx (alt | iter | recv: the
 * guest's receive API), selftest (drop-signal: the host ignores one guest write signal (from the 3rd on, when idle), so a
 * correct guest looks as if it forgot to signal - VMB-SIG-003; corrupt-rx: the host flips a
 * byte of guest packet 5 before checking it - HVS-TEST-001; corrupt-tx: the host corrupts
 * its packet 5 - the guest reports it and HVS-TEST-002 follows; pad-rx: the host sets a
 * padding byte of the first padded guest packet before checking it - VMB-RING-002;
 * mask-stuck: once traffic runs, the host reads the guest's inbound interrupt_mask as 1 at
 * an idle moment - VMB-SIG-006; pending-blind: at the first guest signal that only a read
 * past pending_send_sz explains, the host reads pending_send_sz as 0, so the correct read
 * signal looks like one not due - VMB-RING-008; toctou-early (with toctou=N): packet N is
 * rewritten (offset8 2 -> 3) right after the host wrote it, before the guest reads it - the
 * guest sees a shifted payload and VMB-RING-011 must fail; exact-fill (with exact=1): after
 * the exact-fit probe the host reads the guest's write_index as the lied read_index, as if
 * the guest had filled the ring completely - VMB-RING-001; batch-recv: read signals of a
 * vmbus_recvpacket() reader (rx=recv), which publishes read_index per packet, are judged as
 * if it iterated in batches - VMB-RING-007 must fail). The host drain rate is the device's drain_budget/drain_interval_ns
 * (the scenario's "backpressure" fault).
 */
#ifndef VSP_TEST_H
#define VSP_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmb/host.h"

#define VSP_TEST_CLASS_GUID "4856534d-5445-5354-8000-000000000001"
#define VSP_TEST_MAGIC 0x54535648u /* "HVST" */
#define VSP_TEST_VERSION 2u
#define VSP_TEST_F_EXACT 1u /* vsp_test_offer.flags: exact-fit probing */
#define VSP_TEST_MSG_HELLO 1u
#define VSP_TEST_MSG_DATA 2u
#define VSP_TEST_MSG_DONE 3u
#define VSP_TEST_DIR_TO_HOST 0u
#define VSP_TEST_DIR_TO_GUEST 1u
#define VSP_TEST_RX_ALTERNATE 0u
#define VSP_TEST_RX_ITER 1u
#define VSP_TEST_RX_RECVPACKET 2u
#define VSP_TEST_PAYLOAD_MAX (VMB_PKT_BUF_MAX - 16u) /* the host's packet buffer */
#define VSP_TEST_WATCHDOG_NS 1000000ull             /* signalling checks, while active */

struct vsp_test_offer {
    uint32_t magic;
    uint32_t version;
    uint32_t send_ring_bytes; /* guest -> host ring, header page included */
    uint32_t recv_ring_bytes; /* host -> guest ring, header page included */
    uint32_t to_host;
    uint32_t to_guest;
    uint32_t max_payload;
    uint32_t seed;
    uint32_t rx_mode;
    uint32_t trace_seq; /* the guest traces "guest.testdrv rx_pkt" for this host seq (0: none) */
    uint32_t flags;     /* VSP_TEST_F_* */
} __attribute__((packed));
_Static_assert(sizeof(struct vsp_test_offer) == 44, "hvt_offer");

struct vsp_test_hdr {
    uint32_t type;
    uint32_t seq;
    uint32_t len;      /* payload bytes, header included */
    uint32_t arg;      /* DONE: guest rx_bad */
    uint32_t rx_ok;    /* DONE: DATA packets the guest received intact */
    uint32_t tx_waits; /* DONE: times the guest slept on pending_send_sz */
} __attribute__((packed));
_Static_assert(sizeof(struct vsp_test_hdr) == 24, "hvt_hdr");

struct vsp_test_params {
    uint32_t to_host, to_guest;
    uint32_t send_pages, recv_pages;
    uint32_t max_payload;
    uint32_t seed;
    uint32_t rx_mode;
    uint32_t selftest; /* VSP_TEST_SELFTEST_* */
    uint32_t toctou;   /* adversarial: host DATA seq rewritten in the ring once the guest has it
                          in hand (vsp_test_toctou(), VMB-RING-011); 0: none */
    uint32_t exact;    /* adversarial: once, while the guest waits for room, publish a read_index
                          that leaves exactly its packet's size free (VMB-RING-001) */
};

enum { VSP_TEST_SELFTEST_NONE = 0, VSP_TEST_SELFTEST_DROP_SIGNAL, VSP_TEST_SELFTEST_CORRUPT_RX,
       VSP_TEST_SELFTEST_CORRUPT_TX, VSP_TEST_SELFTEST_PAD_RX, VSP_TEST_SELFTEST_MASK_STUCK,
       VSP_TEST_SELFTEST_PENDING_BLIND, VSP_TEST_SELFTEST_BATCH_RECV,
       VSP_TEST_SELFTEST_TOCTOU_EARLY, VSP_TEST_SELFTEST_EXACT_FILL };

struct vsp_test_stats {
    uint32_t rx_data;        /* guest DATA packets received intact */
    uint32_t rx_bad;         /* HVS-TEST-001 / VMB-RING-002 findings */
    uint32_t tx_data;        /* host DATA packets sent */
    uint32_t tx_full;        /* sends refused: ring full (pending_send_sz set) */
    uint32_t guest_signals;
    uint32_t sig_findings;   /* VMB-SIG-* / VMB-RING-008 findings */
    uint32_t guest_tx_waits; /* from DONE */
    uint32_t read_signals;   /* guest signals explained by a read past pending_send_sz
                                (VMB-RING-008 judged) */
    uint32_t mask_checks;    /* inbound interrupt_mask judged: 1 at a read signal (inside
                                the batched callback), 0 while the guest is idle (SIG-006) */
    uint32_t layout_checks;  /* guest DATA packets whose len8 and zero padding were judged
                                (VMB-RING-002) */
    uint32_t batch_checks;   /* read signals of a foreach_vmbus_pkt() reader judged for
                                read_index published once per batch (VMB-RING-007) */
    uint32_t toctou_done;    /* the toctou packet was rewritten in the ring (VMB-RING-011) */
    uint32_t guest_rx_bad;   /* from DONE: packets the guest found damaged */
    uint32_t exact_checks;   /* exact-fit probes after which write_index was judged */
    uint64_t ring_bytes_in;  /* bytes of ring consumed (packets + trailers) */
    uint64_t ring_bytes_out;
    bool hello, done, pass;
};

/* True if type names a test device ("testvsc" or "testvsc:..."). */
bool vsp_test_is_type(const char *type);
/* Parse a device type text into p (defaults first). Returns 0, or -1 with a message in err. */
int vsp_test_parse(const char *type, struct vsp_test_params *p, char *err, size_t len);

struct vsp_test;
struct vsp_test *vsp_test_create(const struct vsp_test_params *p);
void vsp_test_destroy(struct vsp_test *t); /* NULL is fine */
/* Fill dev (class GUID, offer user_def, VSP ops); instance makes the instance GUID. */
void vsp_test_attach(struct vsp_test *t, struct vmb_device_config *dev, uint32_t instance);
/*
 * Split a test device's type text "<name>:k=v,k=v" (name = its first name_len bytes) and call
 * kv(ctx, key, value, err, len) for each pair. Returns 0, or -1 with a message in err.
 */
typedef int (*vsp_test_kv_fn)(void *ctx, const char *key, const char *value, char *err,
                              size_t len);
int vsp_test_split_type(const char *type, size_t name_len, vsp_test_kv_fn kv, void *ctx,
                        char *err, size_t len);
/* Fill dev for a test device: name, class GUID, an instance GUID derived from (kind,
 * instance), the offer's user_def bytes and the VSP ops (shared by testvsc and testrq). */
void vsp_test_device_init(struct vmb_device_config *dev, const char *name, const char *class_guid,
                          const char *kind, uint32_t instance, const void *user_def,
                          size_t user_def_len, const struct vmb_vsp_ops *ops, void *ctx);
/*
 * Adversarial host, called when the guest traced that it holds host packet p.toctou (its
 * "guest.testdrv rx_pkt" record): rewrite that packet in the ring - offset8 2 -> 3, len8 + 1,
 * every payload byte flipped. A guest that works on its private copy (hv_pkt_iter_first(),
 * vmbus_recvpacket()) is not affected. Does not trace (it runs inside a trace listener).
 */
void vsp_test_toctou(struct vsp_test *t);
uint32_t vsp_test_toctou_seq(const struct vsp_test *t); /* p.toctou */
/* Parse + create + attach in one call (the scenario executor's entry). NULL if type is bad. */
struct vsp_test *vsp_test_device(struct vmb_device_config *dev, const char *type,
                                 uint32_t instance);
const struct vsp_test_stats *vsp_test_stats(const struct vsp_test *t);

/* A 32-bit integer mix (the guest drivers restate it; the host devices share this one). */
uint32_t vsp_test_mix32(uint32_t x);
/* The pattern, shared with the guest driver (restated there). */
uint32_t vsp_test_len(const struct vsp_test_offer *o, uint32_t seq);
static inline uint8_t vsp_test_byte(uint32_t dir, uint32_t seed, uint32_t seq, uint32_t k)
{
    return (uint8_t)(seq * 131u + k * 7u + (k >> 8) + dir * 0x5au + seed);
}

#endif /* VSP_TEST_H */
