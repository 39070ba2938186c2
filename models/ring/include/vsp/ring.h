/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ring.h - host-side access to one channel's ring pair, by GPA only.
 *
 * The ring GPADL lists the guest->host ("in", host reads) ring first, then the host->guest
 * ("out", host writes) ring; each starts with a 4 KiB header page (struct vmb_ring_header)
 * followed by its data pages. Data offsets wrap at the data size. The guest's double mapping
 * is never relied upon: every access walks the PFN list page by page.
 *
 * Host obligations implemented here (protocol-inventory §1.13, §5):
 *   - send: never fill the ring completely (free > packet + trailer), write descriptor,
 *     payload, zero padding and the 8-byte trailer (start offset << 32), publish write_index,
 *     then signal the guest only if the ring was empty before and the guest's interrupt_mask
 *     is 0. If the ring is full and use_pending_send is set, write pending_send_sz and report
 *     -EAGAIN; the guest kicks us when it has drained enough.
 *   - receive: validate indices and each descriptor (type, offset8, len8, bounds, trailer);
 *     every violation is a finding; publish read_index once per batch; after a batch, signal
 *     the guest if it set pending_send_sz on its outbound ring and the free space crossed it.
 *
 * A ring with corrupt indices is marked broken: nothing more is read or written (the finding
 * says why); a well-formed host never recovers a corrupt ring.
 */
#ifndef VSP_RING_H
#define VSP_RING_H

#include <stdbool.h>
#include <stdint.h>

#include "hyp/env.h"
#include "hyp/mem.h"
#include "vmb/wire.h"

#define VSP_RING_MAX_PAGES 8192u /* per direction, header included (32 MiB) */
#define VSP_RING_PKT_MAX (64u * 1024u)

struct vsp_ring_dir {
    uint64_t hdr_gpa;
    uint64_t *data_pfns; /* data_pages entries, owned (vsp_ring_unbind frees) */
    uint32_t data_pages;
    uint32_t data_size;  /* bytes */
    uint32_t priv_index; /* host's private read (in) or write (out) cursor */
    bool broken;
};

struct vsp_ring_stats {
    uint64_t pkts_in;
    uint64_t pkts_out;
    uint64_t bytes_in;
    uint64_t bytes_out;
    uint64_t signals_to_guest;
    uint64_t full_out;
};

struct vsp_ring {
    struct hyp_env *env;
    struct hyp_mem *mem;
    const char *source; /* trace source, e.g. "vsp.kbd.1" */
    uint32_t relid;
    struct vsp_ring_dir in;  /* guest -> host */
    struct vsp_ring_dir out; /* host -> guest */
    bool use_pending_send;   /* host sets out.pending_send_sz when full */
    bool no_packet_records;  /* no ring_send/ring_recv record per packet (benchmarks); the
                                per-packet checks and findings still run */
    uint32_t batch_free_before; /* in ring free bytes at start of the current read batch */
    uint32_t batch_pos;         /* packets read so far in the current batch */
    bool in_batch;
    void (*signal_guest)(void *ctx); /* raise the channel's event in the guest */
    void *signal_ctx;
    struct vsp_ring_stats stats;
};

/* A received packet: the descriptor and a private copy of the whole packet. */
struct vsp_ring_pkt {
    struct vmb_pkt_desc desc;
    uint32_t offset;     /* data offset where it started */
    uint32_t total_len;  /* len8 * 8 */
    uint32_t copied_len; /* bytes copied into the caller's buffer (<= total_len) */
    const uint8_t *payload; /* inside the caller's buffer: at offset8 * 8 */
    uint32_t payload_len;
};

/*
 * Bind a ring pair from the GPADL's PFN list (nr_pfns pages in total) with the guest->host
 * ring taking the first out_offset_pages pages. Returns 0, or -1 with a finding
 * (VMB-OPEN-003) if the split is impossible or a PFN is outside RAM.
 */
int vsp_ring_bind(struct vsp_ring *r, struct hyp_env *env, struct hyp_mem *mem,
                  const char *source, uint32_t relid, const uint64_t *pfns, uint32_t nr_pfns,
                  uint32_t out_offset_pages);

/* Release what vsp_ring_bind allocated; the ring must not be used afterwards. */
void vsp_ring_unbind(struct vsp_ring *r);

/* Header fields of one direction (for checks and tests); false if the header is unreadable. */
bool vsp_ring_read_header(const struct vsp_ring *r, const struct vsp_ring_dir *d,
                          struct vmb_ring_header *out);

/* Bytes the host may still write into the out ring (0 if broken). */
uint32_t vsp_ring_out_free(struct vsp_ring *r);

/*
 * Write one packet (descriptor built from type/flags/trans_id; payload of len bytes).
 * Returns 0; -11 (EAGAIN) if it does not fit; -5 (EIO) if the ring is broken.
 */
int vsp_ring_send(struct vsp_ring *r, uint16_t type, uint16_t flags, uint64_t trans_id,
                  const void *payload, uint32_t len);

/*
 * Adversarial host: copy len raw bytes (a possibly malformed packet) at the host's write
 * cursor, then move write_index by `advance` bytes (a multiple of 8; may differ from len) and
 * signal like vsp_ring_send. Traced as "ring_send_raw". Returns 0, -11 if it does not fit,
 * -5 if the ring is broken.
 */
int vsp_ring_send_raw(struct vsp_ring *r, const void *bytes, uint32_t len, uint32_t advance);
/* The guest's published read_index of the host->guest ring; UINT32_MAX if corrupt. */
uint32_t vsp_ring_out_guest_read_index(struct vsp_ring *r);
/*
 * Read the next guest packet into buf (cap bytes). Returns 1 if a packet was consumed
 * (privately; published by vsp_ring_recv_done), 0 if the ring is empty, -1 if the packet or
 * ring is malformed (finding raised, ring marked broken), -2 if the packet is larger than cap
 * (finding VMB-RING-002-style limit; not consumed). Traced as "ring_recv ... batch_pos=N":
 * N packets were read before it in this batch, so N > 0 means the guest wrote it into a
 * non-empty ring (the host publishes read_index only at batch end).
 */
int vsp_ring_recv(struct vsp_ring *r, struct vsp_ring_pkt *pkt, void *buf, uint32_t cap);
/* Publish the read index after a batch and signal the guest if its pending_send_sz was
 * crossed. Returns true if the guest was signalled. */
bool vsp_ring_recv_done(struct vsp_ring *r);

/* Bytes readable in the in ring (from the published write index); 0 if broken. */
uint32_t vsp_ring_in_avail(struct vsp_ring *r);
/* Guest -> host ring as the guest published it: complete packets between read_index and
 * write_index (*pkts) and the ring's interrupt_mask (*imask). Reads only. */
void vsp_ring_in_state(struct vsp_ring *r, uint32_t *pkts, uint32_t *imask);
/* Set the interrupt_mask of the guest -> host ring, which the host consumes: 1 = "busy,
 * don't signal" (protocol-inventory §1.13). Traced as "ring_mask relid= mask=". No effect on
 * an unbound ring. */
void vsp_ring_set_in_mask(struct vsp_ring *r, uint32_t mask);

/*
 * Adversarial host: overwrite the read_index of the guest -> host ring (the index the host
 * owns) with value, e.g. one >= the data size. Returns the index it replaced, or UINT32_MAX
 * on an unbound or broken ring. Traced as "ring_poke relid= read_index= was=". The host's
 * next published read (vsp_ring_recv_done) writes its own index back.
 */
uint32_t vsp_ring_poke_in_read_index(struct vsp_ring *r, uint32_t value);

#endif /* VSP_RING_H */
