// SPDX-License-Identifier: GPL-2.0-only
/*
 * test.c - the hvsim test device VSP (see vsp/test.h for the protocol and the findings).
 *
 * Owns: the traffic state of one test channel (next expected guest seq, next host seq), the
 * work event (drain at the device's drain rate, then send what fits) and the watchdog event
 * (signalling checks every VSP_TEST_WATCHDOG_NS while traffic runs).
 *
 * Invariants: guest packets are consumed in order and each is judged exactly once; the work
 * event is the only place that reads the ring or sends; a guest signal only records and
 * schedules (it arrives inside the guest's hypercall, so the host never re-enters the guest
 * from there); every signalling finding is raised at most once per rule per channel.
 */
#define _POSIX_C_SOURCE 200809L /* strtok_r */
#include "vsp/test.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmb/codec.h"

#define SRC "vsp.test"

enum sig_rule { SIG_003, SIG_005, SIG_006, RING_008, RING_007, RING_001, SIG_RULES };
static const char *const sig_rule_id[SIG_RULES] = {
    "VMB-SIG-003", "VMB-SIG-005", "VMB-SIG-006", "VMB-RING-008", "VMB-RING-007", "VMB-RING-001",
};

#define VSP_TEST_EXACT_WINDOW_NS 100000ull /* how long the exact-fit read_index stands */

struct vsp_test {
    struct vsp_test_params p;
    struct vsp_test_offer offer;
    struct vmb_channel *ch;
    struct sim_event work_ev;
    struct sim_event watchdog_ev;
    struct sim_event exact_ev;  /* end of the exact-fit probe */
    bool exact_done, lying;     /* probe made / its read_index is published now */
    uint32_t lie_w, lie_rd;     /* guest write_index at the probe, the read_index published */
    uint32_t rx_next;       /* next expected guest DATA seq */
    uint32_t tx_next;       /* next host DATA seq to send */
    bool in_signalled;      /* a guest signal came since the host left its in ring empty */
    bool out_signalled;     /* a guest signal came since the host set out pending_send_sz */
    bool sig_raised[SIG_RULES];
    uint32_t toctou_off;    /* data offset in the out ring of packet p.toctou (UINT32_MAX: not
                               sent yet) */
    uint8_t *rx_buf;        /* VMB_PKT_BUF_MAX */
    uint8_t *tx_buf;        /* max_payload */
    struct vsp_test_stats st;
};

/* ------------------------------------------------------------------ parameters */

bool vsp_test_is_type(const char *type)
{
    return !strcmp(type, "testvsc") || !strncmp(type, "testvsc:", 8);
}

static bool ring_holds(uint32_t pages, uint32_t payload)
{
    uint64_t pkt = 16u + ((payload + 7u) & ~7u) + VMB_PKT_TRAILER_BYTES;
    return pages >= 2 && pages <= VSP_RING_MAX_PAGES &&
           (uint64_t)(pages - 1) * HYP_PAGE_SIZE > pkt;
}

/* vsp_test_kv_fn for the testvsc type text; ctx is its struct vsp_test_params. */
static int parse_kv(void *ctx, const char *k, const char *v, char *err, size_t len)
{
    struct vsp_test_params *p = ctx;
    if (!strcmp(k, "rx")) {
        if (!strcmp(v, "alt"))
            p->rx_mode = VSP_TEST_RX_ALTERNATE;
        else if (!strcmp(v, "iter"))
            p->rx_mode = VSP_TEST_RX_ITER;
        else if (!strcmp(v, "recv"))
            p->rx_mode = VSP_TEST_RX_RECVPACKET;
        else
            return snprintf(err, len, "testvsc: rx must be alt, iter or recv"), -1;
        return 0;
    }
    if (!strcmp(k, "selftest")) {
        if (!strcmp(v, "drop-signal"))
            p->selftest = VSP_TEST_SELFTEST_DROP_SIGNAL;
        else if (!strcmp(v, "corrupt-rx"))
            p->selftest = VSP_TEST_SELFTEST_CORRUPT_RX;
        else if (!strcmp(v, "corrupt-tx"))
            p->selftest = VSP_TEST_SELFTEST_CORRUPT_TX;
        else if (!strcmp(v, "pad-rx"))
            p->selftest = VSP_TEST_SELFTEST_PAD_RX;
        else if (!strcmp(v, "mask-stuck"))
            p->selftest = VSP_TEST_SELFTEST_MASK_STUCK;
        else if (!strcmp(v, "pending-blind"))
            p->selftest = VSP_TEST_SELFTEST_PENDING_BLIND;
        else if (!strcmp(v, "batch-recv"))
            p->selftest = VSP_TEST_SELFTEST_BATCH_RECV;
        else if (!strcmp(v, "toctou-early"))
            p->selftest = VSP_TEST_SELFTEST_TOCTOU_EARLY;
        else if (!strcmp(v, "exact-fill"))
            p->selftest = VSP_TEST_SELFTEST_EXACT_FILL;
        else
            return snprintf(err, len, "testvsc: selftest must be drop-signal, corrupt-rx, "
                            "corrupt-tx, pad-rx, mask-stuck, pending-blind, batch-recv, toctou-early or "
                            "exact-fill"), -1;
        return 0;
    }
    char *end;
    unsigned long n = strtoul(v, &end, 0);
    if (!*v || *end || n > UINT32_MAX)
        return snprintf(err, len, "testvsc: '%s' is not a number for %s", v, k), -1;
    uint32_t u = (uint32_t)n;
    if (!strcmp(k, "packets"))
        p->to_host = p->to_guest = u;
    else if (!strcmp(k, "to_host"))
        p->to_host = u;
    else if (!strcmp(k, "to_guest"))
        p->to_guest = u;
    else if (!strcmp(k, "send_pages"))
        p->send_pages = u;
    else if (!strcmp(k, "recv_pages"))
        p->recv_pages = u;
    else if (!strcmp(k, "max"))
        p->max_payload = u;
    else if (!strcmp(k, "seed"))
        p->seed = u;
    else if (!strcmp(k, "toctou"))
        p->toctou = u;
    else if (!strcmp(k, "exact"))
        p->exact = u;
    else
        return snprintf(err, len, "testvsc: unknown key '%s'", k), -1;
    return 0;
}

int vsp_test_split_type(const char *type, size_t name_len, vsp_test_kv_fn kv, void *ctx,
                        char *err, size_t len)
{
    char buf[256];
    if (snprintf(buf, sizeof(buf), "%s", type + name_len) >= (int)sizeof(buf))
        return snprintf(err, len, "%.*s: parameters too long", (int)name_len, type), -1;
    for (char *save = NULL, *tok = strtok_r(buf[0] ? buf + 1 : buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq)
            return snprintf(err, len, "%.*s: '%s' is not key=value", (int)name_len, type,
                            tok), -1;
        *eq = 0;
        if (kv(ctx, tok, eq + 1, err, len))
            return -1;
    }
    return 0;
}

int vsp_test_parse(const char *type, struct vsp_test_params *p, char *err, size_t len)
{
    *p = (struct vsp_test_params){ .to_host = 1000, .to_guest = 1000, .send_pages = 32,
                                   .recv_pages = 32, .max_payload = VSP_TEST_PAYLOAD_MAX,
                                   .seed = 1, .rx_mode = VSP_TEST_RX_ALTERNATE };
    if (!vsp_test_is_type(type))
        return snprintf(err, len, "'%s' is not a testvsc type", type), -1;
    if (vsp_test_split_type(type, 7, parse_kv, p, err, len))
        return -1;
    if (p->max_payload < sizeof(struct vsp_test_hdr) || p->max_payload > VSP_TEST_PAYLOAD_MAX)
        return snprintf(err, len, "testvsc: max must be %zu..%u", sizeof(struct vsp_test_hdr),
                        VSP_TEST_PAYLOAD_MAX), -1;
    if (!ring_holds(p->send_pages, p->max_payload) || !ring_holds(p->recv_pages, p->max_payload))
        return snprintf(err, len, "testvsc: rings of %u/%u pages cannot hold a %u-byte packet "
                        "(or exceed %u pages)", p->send_pages, p->recv_pages, p->max_payload,
                        VSP_RING_MAX_PAGES), -1;
    return 0;
}

/* ------------------------------------------------------------------ pattern */

uint32_t vsp_test_mix32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

uint32_t vsp_test_len(const struct vsp_test_offer *o, uint32_t seq)
{
    uint32_t h = vsp_test_mix32(o->seed * 0x9e3779b9u + seq);
    uint32_t min = (uint32_t)sizeof(struct vsp_test_hdr), room = o->max_payload - min, span;
    if (seq % 97 == 0)
        return o->max_payload;
    switch (h % 20) {
    case 0:
        span = room;
        break;
    case 1: case 2: case 3:
        span = o->max_payload / 4 < room ? o->max_payload / 4 : room;
        break;
    case 4: case 5: case 6: case 7: case 8: case 9:
        span = 4096 < room ? 4096 : room;
        break;
    default:
        span = 256 < room ? 256 : room;
        break;
    }
    return min + (span ? (h >> 8) % (span + 1) : 0);
}

/* ------------------------------------------------------------------ life cycle */

static void work_fire(struct sim_world *w, struct sim_event *ev);
static void watchdog_fire(struct sim_world *w, struct sim_event *ev);
static void exact_end(struct sim_world *w, struct sim_event *ev);
static void schedule_work(struct vsp_test *t, uint64_t when_ns);

struct vsp_test *vsp_test_create(const struct vsp_test_params *p)
{
    struct vsp_test *t = calloc(1, sizeof(*t));
    assert(t);
    t->p = *p;
    t->offer = (struct vsp_test_offer){
        .magic = VSP_TEST_MAGIC, .version = VSP_TEST_VERSION,
        .send_ring_bytes = p->send_pages * HYP_PAGE_SIZE,
        .recv_ring_bytes = p->recv_pages * HYP_PAGE_SIZE,
        .to_host = p->to_host, .to_guest = p->to_guest, .max_payload = p->max_payload,
        .seed = p->seed, .rx_mode = p->rx_mode,
        .trace_seq = p->selftest == VSP_TEST_SELFTEST_TOCTOU_EARLY ? 0 : p->toctou,
        .flags = p->exact ? VSP_TEST_F_EXACT : 0,
    };
    t->toctou_off = UINT32_MAX;
    t->rx_buf = malloc(VMB_PKT_BUF_MAX);
    t->tx_buf = malloc(p->max_payload);
    assert(t->rx_buf && t->tx_buf);
    sim_event_init(&t->work_ev, work_fire, t);
    sim_event_init(&t->watchdog_ev, watchdog_fire, t);
    sim_event_init(&t->exact_ev, exact_end, t);
    return t;
}

void vsp_test_destroy(struct vsp_test *t)
{
    if (!t)
        return;
    free(t->rx_buf);
    free(t->tx_buf);
    free(t);
}

const struct vsp_test_stats *vsp_test_stats(const struct vsp_test *t)
{
    return &t->st;
}

static struct hyp_env *env_of(struct vsp_test *t)
{
    return vmb_channel_env(t->ch);
}

static void sig_finding(struct vsp_test *t, enum sig_rule r, const char *fmt, uint32_t a,
                        uint32_t b)
{
    t->st.sig_findings++;
    if (t->sig_raised[r])
        return;
    t->sig_raised[r] = true;
    char detail[160];
    snprintf(detail, sizeof(detail), fmt, a, b);
    hyp_findingf(env_of(t), vmb_channel_source(t->ch), sig_rule_id[r], "relid=%u %s",
                 vmb_channel_relid(t->ch), detail);
}

static bool active(const struct vsp_test *t)
{
    return t->ch && !t->st.done;
}

static uint32_t test_open(struct vmb_channel *ch)
{
    struct vsp_test *t = vmb_channel_vsp_ctx(ch);
    t->ch = ch;
    t->rx_next = 1;
    t->tx_next = 1;
    t->in_signalled = false;
    t->out_signalled = true;
    memset(t->sig_raised, 0, sizeof(t->sig_raised));
    memset(&t->st, 0, sizeof(t->st));
    t->toctou_off = UINT32_MAX;
    t->exact_done = t->lying = false;
    vmb_channel_ring(ch)->use_pending_send = true;
    struct hyp_env *env = vmb_channel_env(ch);
    hyp_at(env, &t->watchdog_ev, hyp_now(env) + VSP_TEST_WATCHDOG_NS);
    return 0;
}

static void test_close(struct vmb_channel *ch)
{
    struct vsp_test *t = vmb_channel_vsp_ctx(ch);
    hyp_cancel(vmb_channel_env(ch), &t->work_ev);
    hyp_cancel(vmb_channel_env(ch), &t->watchdog_ev);
    hyp_cancel(vmb_channel_env(ch), &t->exact_ev);
    t->lying = false;
    t->ch = NULL;
}

/* ------------------------------------------------------------------ signalling checks */

static uint32_t used(uint32_t w, uint32_t r, uint32_t size)
{
    return w >= r ? w - r : size - (r - w);
}

/* Length (len8 * 8) of the packet descriptor at data offset off of the in ring. */
static uint32_t in_pkt_len(struct vsp_ring *r, uint32_t off)
{
    uint16_t len8 = 0;
    off += 4; /* type u16, offset8 u16, len8 u16 */
    off %= r->in.data_size;
    uint8_t *p = hyp_mem_ptr(r->mem, r->in.data_pfns[off / HYP_PAGE_SIZE] * HYP_PAGE_SIZE +
                             off % HYP_PAGE_SIZE, sizeof(len8));
    assert(p); /* 8-aligned offset + 4: never straddles a page */
    memcpy(&len8, p, sizeof(len8));
    return (uint32_t)len8 * 8u;
}

/* A guest signal is legal after a write that made the in ring non-empty (exactly that one
 * packet is in it) or after a read that moved out-ring free space past pending_send_sz. */
static void judge_signal(struct vsp_test *t, struct vsp_ring *r)
{
    struct vmb_ring_header in, out;
    if (!vsp_ring_read_header(r, &r->in, &in) || !vsp_ring_read_header(r, &r->out, &out) ||
        r->in.broken || r->out.broken) {
        t->in_signalled = t->out_signalled = true;
        return;
    }
    uint32_t n = used(in.write_index, in.read_index, r->in.data_size);
    bool write_ok = n && in_pkt_len(r, in.read_index) + VMB_PKT_TRAILER_BYTES == n;
    uint32_t out_free = r->out.data_size - used(out.write_index, out.read_index,
                                                r->out.data_size);
    bool read_ok = out.pending_send_sz && out_free > out.pending_send_sz;
    if (!t->in_signalled && n && !write_ok)
        sig_finding(t, SIG_003, "signal finds %u bytes in the in ring, left empty with no "
                    "signal since (first packet %u bytes)", n, in_pkt_len(r, in.read_index));
    if (read_ok && !write_ok && t->p.selftest == VSP_TEST_SELFTEST_PENDING_BLIND) {
        t->p.selftest = VSP_TEST_SELFTEST_NONE; /* once */
        hyp_tracef(env_of(t), SRC, "selftest", "what=pending-blind relid=%u",
                   vmb_channel_relid(t->ch));
        read_ok = false; /* as if pending_send_sz had read 0 */
    }
    if (!write_ok && !read_ok && !n)
        sig_finding(t, RING_008, "signal with nothing written and no read past "
                    "pending_send_sz (pending=%u, out free=%u)", out.pending_send_sz, out_free);
    else if (!write_ok && !read_ok)
        sig_finding(t, SIG_005, "unexplained signal: in ring holds %u bytes beyond the first "
                    "packet, out free=%u", n, out_free);
    if (read_ok && !write_ok) {
        /* hv_pkt_iter_close() signals from inside the channel callback, which vmbus_chan_sched()
         * entered with hv_begin_read(): the inbound interrupt_mask must be 1 here. */
        t->st.read_signals++;
        /* VMB-RING-007: a foreach_vmbus_pkt() reader publishes read_index once, when its
         * batch ran the ring empty (the host does not write while the guest runs), so at its
         * read signal read_index == write_index. (vmbus_recvpacket() publishes per packet:
         * the batch-recv self-test judges such a reader and must see the rule fail.) */
        if (t->p.rx_mode == VSP_TEST_RX_ITER || t->p.selftest == VSP_TEST_SELFTEST_BATCH_RECV) {
            t->st.batch_checks++;
            if (out.read_index != out.write_index)
                sig_finding(t, RING_007, "read signal with read_index=%u short of write_index=%u: "
                            "published before the batch ended", out.read_index,
                            out.write_index);
        }
        t->st.mask_checks++;
        if (out.interrupt_mask != 1)
            sig_finding(t, SIG_006, "read signal with inbound interrupt_mask=%u while the "
                        "callback drains (free=%u)", out.interrupt_mask, out_free);
    }
    /* A signal only counts for the direction that explains it. */
    t->in_signalled |= write_ok || !read_ok;
    t->out_signalled |= read_ok || !write_ok;
}

static void watchdog_fire(struct sim_world *w, struct sim_event *ev)
{
    (void)w;
    struct vsp_test *t = ev->arg;
    if (!active(t))
        return;
    struct vsp_ring *r = vmb_channel_ring(t->ch);
    struct vmb_ring_header in, out;
    if (!r || !vsp_ring_read_header(r, &r->in, &in) || !vsp_ring_read_header(r, &r->out, &out))
        return;
    uint32_t avail = used(in.write_index, in.read_index, r->in.data_size);
    if (avail && !t->lying && !t->in_signalled && !sim_event_pending(&t->work_ev))     {
        sig_finding(t, SIG_003, "%u bytes in the in ring (empty before) and no signal", avail,
                    0);
        schedule_work(t, hyp_now(vmb_channel_env(t->ch))); /* keep the traffic going */
    }
    uint32_t out_free = r->out.data_size - used(out.write_index, out.read_index,
                                                r->out.data_size);
    if (out.pending_send_sz && out_free > out.pending_send_sz && !t->out_signalled) {
        sig_finding(t, RING_008, "read past pending_send_sz=%u (free=%u) without a signal",
                    out.pending_send_sz, out_free);
        t->out_signalled = true;
        schedule_work(t, hyp_now(vmb_channel_env(t->ch))); /* keep the traffic going */
    }
    if (t->p.selftest == VSP_TEST_SELFTEST_MASK_STUCK && t->st.guest_signals >= 3) {
        t->p.selftest = VSP_TEST_SELFTEST_NONE; /* once */
        hyp_tracef(env_of(t), SRC, "selftest", "what=mask-stuck relid=%u",
                   vmb_channel_relid(t->ch));
        out.interrupt_mask = 1;
    }
    t->st.mask_checks++;
    if (out.interrupt_mask)
        sig_finding(t, SIG_006, "inbound interrupt_mask=%u outside the callback (free=%u)",
                    out.interrupt_mask, out_free);
    struct hyp_env *env = vmb_channel_env(t->ch);
    hyp_at(env, &t->watchdog_ev, hyp_now(env) + VSP_TEST_WATCHDOG_NS);
}

static void schedule_work(struct vsp_test *t, uint64_t when_ns)
{
    if (!sim_event_pending(&t->work_ev))
        hyp_at(env_of(t), &t->work_ev, when_ns);
}

static void test_signal(struct vmb_channel *ch)
{
    struct vsp_test *t = vmb_channel_vsp_ctx(ch);
    struct vsp_ring *r = vmb_channel_ring(ch);
    if (!r)
        return;
    t->st.guest_signals++;
    if (t->lying) { /* the published read_index is the probe's: the in ring cannot be judged */
        t->in_signalled = t->out_signalled = true;
        schedule_work(t, hyp_now(env_of(t)));
        return;
    }
    if (t->p.selftest == VSP_TEST_SELFTEST_DROP_SIGNAL && t->st.guest_signals >= 3 &&
        !sim_event_pending(&t->work_ev) && vsp_ring_in_avail(r)) {
        t->p.selftest = VSP_TEST_SELFTEST_NONE; /* once */
        hyp_tracef(env_of(t), SRC, "selftest", "what=drop-signal relid=%u",
                   vmb_channel_relid(ch));
        return;
    }
    judge_signal(t, r);
    schedule_work(t, hyp_now(env_of(t)));
}

/* ------------------------------------------------------------------ guest packets */

static void bad_packet_rule(struct vsp_test *t, const struct vsp_ring_pkt *pkt, const char *rule,
                            const char *why, uint32_t a, uint32_t b)
{
    t->st.rx_bad++;
    hyp_findingf(env_of(t), vmb_channel_source(t->ch), rule,
                 "relid=%u at=%u trans_id=%llu want_seq=%u %s (%u, %u)",
                 vmb_channel_relid(t->ch), pkt->offset, (unsigned long long)pkt->desc.trans_id,
                 t->rx_next, why, a, b);
}

static void bad_packet(struct vsp_test *t, const struct vsp_ring_pkt *pkt, const char *why,
                       uint32_t a, uint32_t b)
{
    bad_packet_rule(t, pkt, "HVS-TEST-001", why, a, b);
}

/*
 * First offset in [from, len) where p differs from the pattern of (dir, seed, seq) — bytes
 * at or past want must be the zero padding — or len if none. Expected bytes are built a
 * block at a time (a loop gcc vectorises) and compared with memcmp; only a mismatching block
 * is scanned byte by byte.
 */
static uint32_t pattern_mismatch(const uint8_t *p, uint32_t from, uint32_t len, uint32_t want,
                                 uint32_t dir, uint32_t seed, uint32_t seq)
{
    uint8_t exp[512];
    for (uint32_t k0 = from; k0 < len; k0 += (uint32_t)sizeof(exp)) {
        uint32_t n = len - k0 < sizeof(exp) ? len - k0 : (uint32_t)sizeof(exp);
        uint32_t pat = want > k0 ? (want - k0 < n ? want - k0 : n) : 0;
        for (uint32_t i = 0; i < pat; i++)
            exp[i] = vsp_test_byte(dir, seed, seq, k0 + i);
        memset(exp + pat, 0, n - pat);
        if (memcmp(p + k0, exp, n) == 0)
            continue;
        for (uint32_t i = 0; i < n; i++)
            if (p[k0 + i] != exp[i])
                return k0 + i;
    }
    return len;
}

static void on_data(struct vsp_test *t, const struct vsp_ring_pkt *pkt,
                    const struct vsp_test_hdr *h)
{
    uint32_t want = vsp_test_len(&t->offer, t->rx_next);
    if (t->p.selftest == VSP_TEST_SELFTEST_CORRUPT_RX && h->seq == 5 && h->len > 24 &&
        h->len <= pkt->payload_len) {
        hyp_tracef(env_of(t), SRC, "selftest", "what=corrupt-rx seq=5");
        ((uint8_t *)pkt->payload)[h->len - 1] ^= 0x40; /* the last payload byte, not padding */
    }
    if (t->p.selftest == VSP_TEST_SELFTEST_PAD_RX && pkt->payload_len > h->len) {
        t->p.selftest = VSP_TEST_SELFTEST_NONE; /* once */
        hyp_tracef(env_of(t), SRC, "selftest", "what=pad-rx seq=%u", h->seq);
        ((uint8_t *)pkt->payload)[h->len] = 0x5a;
    }
    if (h->seq != t->rx_next || pkt->desc.trans_id != h->seq)
        return bad_packet(t, pkt, "sequence/trans_id", h->seq, (uint32_t)pkt->desc.trans_id);
    t->rx_next++;
    if (h->len != want)
        return bad_packet(t, pkt, "length hdr/want", h->len, want);
    /* VMB-RING-002: len8 * 8 = descriptor + payload rounded up to 8, the padding zero;
     * hdr.len is the exact payload length the driver passed to vmbus_sendpacket(). */
    t->st.layout_checks++;
    if (pkt->payload_len != ((want + 7u) & ~7u))
        return bad_packet_rule(t, pkt, "VMB-RING-002", "len8*8-16 is not the payload rounded "
                               "up to 8 (payload, hdr.len)", pkt->payload_len, want);
    uint32_t k = pattern_mismatch(pkt->payload, (uint32_t)sizeof(*h), pkt->payload_len, want,
                                  VSP_TEST_DIR_TO_HOST, t->p.seed, h->seq);
    if (k < pkt->payload_len)
        return bad_packet_rule(t, pkt, k >= want ? "VMB-RING-002" : "HVS-TEST-001",
                               k >= want ? "padding byte not zero (offset, byte)"
                                         : "payload offset/byte", k, pkt->payload[k]);
    t->st.rx_data++;
}

static void on_done(struct vsp_test *t, const struct vsp_test_hdr *h)
{
    struct vsp_test_stats *s = &t->st;
    s->done = true;
    s->guest_tx_waits = h->tx_waits;
    s->guest_rx_bad = h->arg;
    bool agree = h->seq == t->p.to_host && h->rx_ok == t->p.to_guest && h->arg == 0 &&
                 s->rx_data == t->p.to_host && s->tx_data == t->p.to_guest;
    if (!agree)
        hyp_findingf(env_of(t), vmb_channel_source(t->ch), "HVS-TEST-002",
                     "relid=%u guest sent=%u rx_ok=%u rx_bad=%u; host rx=%u tx=%u want %u/%u",
                     vmb_channel_relid(t->ch), h->seq, h->rx_ok, h->arg, s->rx_data,
                     s->tx_data, t->p.to_host, t->p.to_guest);
    struct vsp_ring *r = vmb_channel_ring(t->ch);
    s->pass = agree && !s->rx_bad && !s->sig_findings;
    hyp_tracef(env_of(t), SRC, "result", "pass=%d rx=%u tx=%u rx_bad=%u sig_findings=%u "
               "host_blocked=%d guest_blocked=%d tx_full=%u guest_waits=%u signals=%u "
               "read_signals=%u mask_checks=%u layout_checks=%u batch_checks=%u toctou=%u "
               "exact_checks=%u "
               "guest_rx_bad=%u "
               "wraps_in=%llu wraps_out=%llu", s->pass, s->rx_data, s->tx_data, s->rx_bad,
               s->sig_findings, s->tx_full > 0, s->guest_tx_waits > 0, s->tx_full,
               s->guest_tx_waits, s->guest_signals, s->read_signals, s->mask_checks,
               s->layout_checks, s->batch_checks, s->toctou_done, s->exact_checks,
               s->guest_rx_bad,
               (unsigned long long)(s->ring_bytes_in / r->in.data_size),
               (unsigned long long)(s->ring_bytes_out / r->out.data_size));
}

static void on_packet(struct vsp_test *t, const struct vsp_ring_pkt *pkt)
{
    struct vsp_test_hdr h;
    t->st.ring_bytes_in += pkt->total_len + VMB_PKT_TRAILER_BYTES;
    if (pkt->desc.type != VMB_PKT_DATA_INBAND || pkt->payload_len < sizeof(h))
        return bad_packet(t, pkt, "type/length", pkt->desc.type, pkt->payload_len);
    memcpy(&h, pkt->payload, sizeof(h));
    if (t->st.done)
        return bad_packet(t, pkt, "packet after DONE", h.type, h.seq);
    if (h.type == VSP_TEST_MSG_HELLO && !t->st.hello && h.seq == 0) {
        t->st.hello = true;
        hyp_tracef(env_of(t), SRC, "hello", "relid=%u to_host=%u to_guest=%u",
                   vmb_channel_relid(t->ch), t->p.to_host, t->p.to_guest);
    } else if (h.type == VSP_TEST_MSG_DATA && t->st.hello && t->rx_next <= t->p.to_host) {
        on_data(t, pkt, &h);
    } else if (h.type == VSP_TEST_MSG_DONE && t->st.hello) {
        on_done(t, &h);
    } else {
        bad_packet(t, pkt, "unexpected message type/seq", h.type, h.seq);
    }
}

/* ------------------------------------------------------------------ the work event */

/* Read up to the device's drain budget; true if data remains. */
static bool drain(struct vsp_test *t, struct vsp_ring *r)
{
    const struct vmb_device_config *d = vmb_channel_device(t->ch);
    uint32_t budget = d->drain_budget ? d->drain_budget : UINT32_MAX;
    struct vsp_ring_pkt pkt;
    for (uint32_t n = 0; n < budget; n++) {
        if (vsp_ring_recv(r, &pkt, t->rx_buf, VMB_PKT_BUF_MAX) != 1)
            break;
        on_packet(t, &pkt);
    }
    vsp_ring_recv_done(r);
    uint32_t left = vsp_ring_in_avail(r);
    if (!left)
        t->in_signalled = false; /* the next write into the empty ring must signal */
    return left != 0;
}

static void fill(struct vsp_test *t, uint32_t seq, uint32_t len)
{
    struct vsp_test_hdr h = { .type = VSP_TEST_MSG_DATA, .seq = seq, .len = len };
    memcpy(t->tx_buf, &h, sizeof(h));
    for (uint32_t k = (uint32_t)sizeof(h); k < len; k++)
        t->tx_buf[k] = vsp_test_byte(VSP_TEST_DIR_TO_GUEST, t->p.seed, seq, k);
}

/* Rewrite packet p.toctou where it lies in the out ring (see vsp_test_toctou()); only the
 * offset8 move (2 -> 3: the payload seems to start 8 bytes later) when !all. */
static void toctou_rewrite(struct vsp_test *t, bool all)
{
    struct vsp_ring *r = t->ch ? vmb_channel_ring(t->ch) : NULL;
    if (!r || t->toctou_off == UINT32_MAX || t->st.toctou_done)
        return;
    uint32_t size = r->out.data_size, off = t->toctou_off;
    uint8_t *b[16];
    uint16_t len8 = 0;
    for (uint32_t i = 0; i < 16; i++) { /* the descriptor, byte by byte across the wrap */
        uint32_t o = (off + i) % size;
        b[i] = hyp_mem_ptr(r->mem, r->out.data_pfns[o / HYP_PAGE_SIZE] * HYP_PAGE_SIZE +
                           o % HYP_PAGE_SIZE, 1);
        if (!b[i])
            return;
    }
    len8 = (uint16_t)(*b[4] | *b[5] << 8);
    *b[2] = 3; /* offset8: 2 -> 3 */
    *b[3] = 0;
    if (all) {
        uint16_t l = (uint16_t)(len8 + 1);
        *b[4] = (uint8_t)l;
        *b[5] = (uint8_t)(l >> 8);
        for (uint32_t i = 16; i < (uint32_t)len8 * 8u; i++) {
            uint32_t o = (off + i) % size;
            uint8_t *p = hyp_mem_ptr(r->mem, r->out.data_pfns[o / HYP_PAGE_SIZE] *
                                                 HYP_PAGE_SIZE + o % HYP_PAGE_SIZE, 1);
            if (p)
                *p ^= 0xa5;
        }
    }
    t->st.toctou_done = 1;
}

void vsp_test_toctou(struct vsp_test *t)
{
    toctou_rewrite(t, true);
}

uint32_t vsp_test_toctou_seq(const struct vsp_test *t)
{
    return t->p.toctou;
}

/* Send host DATA packets while they fit; a full ring leaves pending_send_sz set. */
static void pump(struct vsp_test *t)
{
    while (t->st.hello && t->tx_next <= t->p.to_guest) {
        uint32_t len = vsp_test_len(&t->offer, t->tx_next);
        fill(t, t->tx_next, len);
        if (t->p.selftest == VSP_TEST_SELFTEST_CORRUPT_TX && t->tx_next == 5) {
            hyp_tracef(env_of(t), SRC, "selftest", "what=corrupt-tx seq=5");
            t->tx_buf[len - 1] ^= 0x40;
        }
        uint32_t at = vmb_channel_ring(t->ch)->out.priv_index;
        int rc = vmb_channel_send(t->ch, VMB_PKT_DATA_INBAND, 0, t->tx_next, t->tx_buf, len);
        if (rc == 0 && t->p.toctou == t->tx_next) {
            t->toctou_off = at;
            if (t->p.selftest == VSP_TEST_SELFTEST_TOCTOU_EARLY) /* before the guest reads */
                toctou_rewrite(t, false);
        }
        if (rc == -11) {
            t->st.tx_full++;
            t->out_signalled = false;
            return;
        }
        if (rc != 0)
            return;
        t->st.ring_bytes_out += 16u + ((len + 7u) & ~7u) + VMB_PKT_TRAILER_BYTES;
        t->st.tx_data++;
        t->tx_next++;
    }
}

/*
 * Exact-fit probe (p.exact, adversarial, VMB-RING-001): everything the guest wrote has just
 * been read and the guest waits for room (pending_send_sz P; in exact mode the driver asks
 * for P = its packet size - 8, to be woken at exactly its size). The host now publishes a
 * read_index that leaves exactly P + 8 bytes free - behind what it read, so nothing unread
 * is exposed. Writing the packet would make write_index == read_index: a full ring that
 * looks empty. The guest must refuse (hv_ringbuffer_write: -EAGAIN when the packet only just
 * fits). exact_end() judges write_index and publishes the true read_index again.
 */
static void exact_probe(struct vsp_test *t, struct vsp_ring *r)
{
    struct vmb_ring_header in;
    if (!vsp_ring_read_header(r, &r->in, &in) || !in.pending_send_sz || r->in.broken ||
        in.pending_send_sz + 8 >= r->in.data_size || in.read_index != in.write_index)
        return;
    t->exact_done = true;
    t->lying = true;
    t->lie_w = in.write_index;
    t->lie_rd = (in.write_index + in.pending_send_sz + 8) % r->in.data_size;
    vsp_ring_poke_in_read_index(r, t->lie_rd);
    hyp_tracef(env_of(t), SRC, "exact_probe", "relid=%u write_index=%u read_index=%u free=%u",
               vmb_channel_relid(t->ch), t->lie_w, t->lie_rd, in.pending_send_sz + 8);
    hyp_at(env_of(t), &t->exact_ev, hyp_now(env_of(t)) + VSP_TEST_EXACT_WINDOW_NS);
}

static void exact_end(struct sim_world *w, struct sim_event *ev)
{
    (void)w;
    struct vsp_test *t = ev->arg;
    struct vsp_ring *r = t->ch ? vmb_channel_ring(t->ch) : NULL;
    struct vmb_ring_header in;
    if (!r || !t->lying || !vsp_ring_read_header(r, &r->in, &in))
        return;
    t->lying = false;
    uint32_t wi = in.write_index;
    if (t->p.selftest == VSP_TEST_SELFTEST_EXACT_FILL) {
        t->p.selftest = VSP_TEST_SELFTEST_NONE;
        hyp_tracef(env_of(t), SRC, "selftest", "what=exact-fill relid=%u",
                   vmb_channel_relid(t->ch));
        wi = t->lie_rd;
    }
    t->st.exact_checks++;
    if (wi == t->lie_rd)
        sig_finding(t, RING_001, "write_index %u == read_index %u: the guest filled the ring "
                    "completely (it now looks empty)", wi, t->lie_rd);
    hyp_tracef(env_of(t), SRC, "exact_end", "relid=%u write_index=%u wrote=%d",
               vmb_channel_relid(t->ch), wi, wi != t->lie_w);
    /* the true read_index again (everything up to write_index was read), and a signal:
     * the waiting guest now has room beyond its pending_send_sz */
    if (wi == t->lie_w && in.read_index == t->lie_rd) {
        vsp_ring_poke_in_read_index(r, t->lie_w);
        vmb_channel_signal_guest(t->ch);
    }
    schedule_work(t, hyp_now(env_of(t)));
}

static void work_fire(struct sim_world *w, struct sim_event *ev)
{
    (void)w;
    struct vsp_test *t = ev->arg;
    struct vsp_ring *r = t->ch ? vmb_channel_ring(t->ch) : NULL;
    if (!r)
        return;
    bool more = drain(t, r);
    if (!t->ch)
        return;
    if (t->p.exact && !t->exact_done && !more && !t->lying)
        exact_probe(t, r);
    pump(t);
    if (more)
        schedule_work(t, hyp_now(env_of(t)) + vmb_channel_device(t->ch)->drain_interval_ns);
}

/* ------------------------------------------------------------------ attach */

static const struct vmb_vsp_ops test_ops = {
    .on_open = test_open,
    .on_signal = test_signal,
    .on_close = test_close,
    .on_rescind = test_close,
};

void vsp_test_device_init(struct vmb_device_config *dev, const char *name, const char *class_guid,
                          const char *kind, uint32_t instance, const void *user_def,
                          size_t user_def_len, const struct vmb_vsp_ops *ops, void *ctx)
{
    memset(dev, 0, sizeof(*dev));
    dev->name = name;
    int rc = vmb_guid_parse(class_guid, &dev->class_id);
    assert(rc == 0 && user_def_len <= sizeof(dev->user_def));
    (void)rc;
    uint64_t st = sim_fnv1a64_str(kind) ^ ((uint64_t)instance << 32);
    uint64_t a = sim_splitmix64(&st), b = sim_splitmix64(&st);
    memcpy(dev->instance_id.b, &a, 8);
    memcpy(dev->instance_id.b + 8, &b, 8);
    memcpy(dev->user_def, user_def, user_def_len);
    dev->vsp = ops;
    dev->vsp_ctx = ctx;
}

void vsp_test_attach(struct vsp_test *t, struct vmb_device_config *dev, uint32_t instance)
{
    vsp_test_device_init(dev, "test", VSP_TEST_CLASS_GUID, "testvsc", instance, &t->offer,
                         sizeof(t->offer), &test_ops, t);
}

struct vsp_test *vsp_test_device(struct vmb_device_config *dev, const char *type,
                                 uint32_t instance)
{
    struct vsp_test_params p;
    char err[160];
    if (vsp_test_parse(type, &p, err, sizeof(err)) != 0)
        return NULL;
    struct vsp_test *t = vsp_test_create(&p);
    vsp_test_attach(t, dev, instance);
    return t;
}
