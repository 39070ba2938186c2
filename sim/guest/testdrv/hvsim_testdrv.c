// SPDX-License-Identifier: GPL-2.0-only
/*
 * hvsim_testdrv.c - the "hvsim test device" VSC: a small kernel-world driver of ours that
 * drives the real drivers/hv core (channel.c, ring_buffer.c, channel_mgmt.c) through paths
 * no shipped driver reaches: rings sized by the host (large GPADLs with GPADL_BODY
 * messages), maximum-size packets, many ring wraps, backpressure on both sides, and both
 * receive APIs (hv_pkt_iter_* and vmbus_recvpacket).
 *
 * Protocol (host side: models/testvsp, which restates the same wire layout):
 *   - The offer's user_def bytes carry struct hvt_offer (little endian): ring sizes in bytes
 *     (header page included, as vmbus_open() takes them), packet counts per direction, the
 *     largest payload, the pattern seed and the receive API mode. A bad magic fails probe.
 *   - Every packet is an INBAND packet whose payload starts with struct hvt_hdr.
 *     Guest -> host: HELLO (seq 0), then DATA seq 1..to_host, then DONE carrying the
 *     guest's receive results. Host -> guest: DATA seq 1..to_guest once HELLO arrived.
 *   - DATA payload length of packet seq is hvt_len(seq) (same function on both sides); byte k
 *     of the payload after the header is hvt_byte(dir, seed, seq, k).
 *
 * Sending runs in a kthread. When vmbus_sendpacket() returns -EAGAIN the thread sets the
 * outbound pending_send_sz to the size it needs and sleeps until the channel callback sees
 * enough room (the host signals when its read crosses pending_send_sz, VMB-RING-008).
 * Receiving runs in the channel callback (tasklet): even-numbered callbacks use
 * foreach_vmbus_pkt()/hv_pkt_iter_close(), odd ones vmbus_recvpacket(), unless the offer
 * pins one API. Results go to the trace as guest.testdrv records and to printk.
 *
 * Invariants: packets are checked in order (seq must be the next one); a mismatch is counted
 * and traced once per packet; the thread never waits without a timeout (a stalled ring is a
 * reported result, not a hang).
 */
#define KBUILD_MODNAME "hvsim_testdrv"
#include <linux/init.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/hyperv.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include "krt.h"
#include "hvsim_testdrv.h"

#define HVT_MAGIC		0x54535648u	/* "HVST" */
#define HVT_VERSION		2u
#define HVT_F_EXACT		1u	/* hvt_offer.flags: exact-fit probing (VMB-RING-001) */
#define HVT_MSG_HELLO		1u
#define HVT_MSG_DATA		2u
#define HVT_MSG_DONE		3u
#define HVT_DIR_TO_HOST		0u
#define HVT_DIR_TO_GUEST	1u
#define HVT_RX_ALTERNATE	0u
#define HVT_RX_ITER		1u
#define HVT_RX_RECVPACKET	2u
#define HVT_PAYLOAD_MAX		(65536u - 16u)	/* host packet buffer: 64 KiB incl. descriptor */
#define HVT_STALL_JIFFIES	(10 * HZ)

/* Offer user_def bytes (wire layout, 40 of the 120 bytes). */
struct hvt_offer {
	u32 magic;
	u32 version;
	u32 send_ring_bytes;	/* guest -> host ring, header page included */
	u32 recv_ring_bytes;	/* host -> guest ring, header page included */
	u32 to_host;		/* DATA packets guest -> host */
	u32 to_guest;		/* DATA packets host -> guest */
	u32 max_payload;	/* largest DATA payload in bytes, header included */
	u32 seed;
	u32 rx_mode;		/* HVT_RX_* */
	u32 trace_seq;		/* trace host DATA packet seq when it is in hand, before it is
				   checked (0: none): the host's double-fetch window, VMB-RING-011 */
	u32 flags;		/* HVT_F_* */
} __packed;
static_assert(sizeof(struct hvt_offer) == 44);

/* Payload header of every packet (wire layout). */
struct hvt_hdr {
	u32 type;	/* HVT_MSG_* */
	u32 seq;
	u32 len;	/* payload bytes, this header included */
	u32 arg;	/* DONE: rx_bad; otherwise 0 */
	u32 rx_ok;	/* DONE: DATA packets received intact */
	u32 tx_waits;	/* DONE: times the sender slept on pending_send_sz */
} __packed;
static_assert(sizeof(struct hvt_hdr) == 24);

struct hvt_dev {
	struct hv_device *hdev;
	struct hvt_offer p;
	struct task_struct *thread;
	wait_queue_head_t wq;
	u8 *tx_buf;
	u8 *rx_buf;		/* vmbus_recvpacket() buffer */
	u32 rx_next;		/* next expected host DATA seq */
	u32 rx_ok;
	u32 rx_bad;
	u32 rx_callbacks;
	u32 rx_iter_pkts;
	u32 rx_recv_pkts;
	u32 tx_waits;
	bool rx_done;
	bool stop;
};

static u32 hvt_mix(u32 x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

/* Payload length (header included) of DATA packet seq: mostly small, some large, every
 * 97th exactly max; many are not multiples of 8 (padding). */
static u32 hvt_len(const struct hvt_offer *p, u32 seq)
{
	u32 h = hvt_mix(p->seed * 0x9e3779b9u + seq);
	u32 min = sizeof(struct hvt_hdr), span;

	if (seq % 97 == 0)
		return p->max_payload;
	switch (h % 20) {
	case 0:
		span = p->max_payload - min;		/* anything up to max */
		break;
	case 1: case 2: case 3:
		span = min_t(u32, p->max_payload / 4, p->max_payload - min);
		break;
	case 4: case 5: case 6: case 7: case 8: case 9:
		span = min_t(u32, 4096, p->max_payload - min);
		break;
	default:
		span = min_t(u32, 256, p->max_payload - min);
		break;
	}
	return min + (span ? (h >> 8) % (span + 1) : 0);
}

static u8 hvt_byte(u32 dir, u32 seed, u32 seq, u32 k)
{
	return (u8)(seq * 131u + k * 7u + (k >> 8) + dir * 0x5au + seed);
}

/* ---- receive (channel callback, tasklet context) ---- */

/*
 * First offset in [from, len) where b differs from the host's pattern for seq (bytes at or
 * past want must be the zero padding), or len: expected bytes are built a block at a time
 * and compared with memcmp, a mismatching block is then scanned byte by byte.
 */
static u32 hvt_mismatch(const u8 *b, u32 from, u32 len, u32 want, u32 seed, u32 seq)
{
	u8 exp[512];
	u32 k0, i, n, pat;

	for (k0 = from; k0 < len; k0 += sizeof(exp)) {
		n = min_t(u32, len - k0, sizeof(exp));
		pat = want > k0 ? min_t(u32, want - k0, n) : 0;
		for (i = 0; i < pat; i++)
			exp[i] = hvt_byte(HVT_DIR_TO_GUEST, seed, seq, k0 + i);
		memset(exp + pat, 0, n - pat);
		if (!memcmp(b + k0, exp, n))
			continue;
		for (i = 0; i < n; i++)
			if (b[k0 + i] != exp[i])
				return k0 + i;
	}
	return len;
}

static void hvt_check(struct hvt_dev *t, const void *data, u32 len, u32 how)
{
	const struct hvt_hdr *h = data;
	const u8 *b = data;
	u32 k;

	if (t->p.trace_seq && len >= sizeof(*h) && h->seq == t->p.trace_seq)
		krt_trace("guest.testdrv", "rx_pkt", "seq=%u len=%u", h->seq, len);

	if (how)
		t->rx_recv_pkts++;
	else
		t->rx_iter_pkts++;
	/* The ring carries the payload padded to 8 bytes (zeros); hdr.len is the real length. */
	if (len < sizeof(*h) || h->type != HVT_MSG_DATA || h->seq != t->rx_next ||
	    h->len != hvt_len(&t->p, h->seq) || len != ALIGN(h->len, 8)) {
		t->rx_bad++;
		krt_trace("guest.testdrv", "rx_bad", "len=%u type=%u seq=%u hdr_len=%u want_seq=%u",
			  len, len >= sizeof(*h) ? h->type : 0, len >= sizeof(*h) ? h->seq : 0,
			  len >= sizeof(*h) ? h->len : 0, t->rx_next);
		t->rx_next++;
		return;
	}
	k = hvt_mismatch(b, sizeof(*h), len, h->len, t->p.seed, h->seq);
	if (k < len) {
		t->rx_bad++;
		krt_trace("guest.testdrv", "rx_bad", "seq=%u offset=%u byte=0x%02x", h->seq, k,
			  b[k]);
		t->rx_next++;
		return;
	}
	t->rx_ok++;
	t->rx_next++;
}

static void hvt_rx_iter(struct hvt_dev *t, struct vmbus_channel *chan)
{
	const struct vmpacket_descriptor *desc;

	foreach_vmbus_pkt(desc, chan) {
		if (desc->type != VM_PKT_DATA_INBAND) {
			t->rx_bad++;
			continue;
		}
		hvt_check(t, hv_pkt_data(desc), hv_pkt_datalen(desc), 0);
	}
}

static void hvt_rx_recvpacket(struct hvt_dev *t, struct vmbus_channel *chan)
{
	u32 len;
	u64 req;
	int ret;

	for (;;) {
		ret = vmbus_recvpacket(chan, t->rx_buf, t->p.max_payload, &len, &req);
		if (ret || !len) {
			if (ret) {
				t->rx_bad++;
				krt_trace("guest.testdrv", "rx_error", "ret=%d len=%u", ret, len);
			}
			return;
		}
		hvt_check(t, t->rx_buf, len, 1);
	}
}

static void hvt_onchannelcallback(void *context)
{
	struct hvt_dev *t = context;
	struct vmbus_channel *chan = t->hdev->channel;
	u32 mode = t->p.rx_mode;

	if (mode == HVT_RX_ALTERNATE)
		mode = (t->rx_callbacks & 1) ? HVT_RX_RECVPACKET : HVT_RX_ITER;
	t->rx_callbacks++;
	if (mode == HVT_RX_RECVPACKET)
		hvt_rx_recvpacket(t, chan);
	else
		hvt_rx_iter(t, chan);
	if (t->rx_next > t->p.to_guest)
		t->rx_done = true;
	/* The host signals here when our send's pending_send_sz is met, too. */
	wake_up(&t->wq);
}

/* ---- send (kthread) ---- */

static u32 hvt_pkt_bytes(u32 len)
{
	return sizeof(struct vmpacket_descriptor) + ALIGN(len, 8) + sizeof(u64);
}

/* Send one packet, sleeping on pending_send_sz while the ring is full. */
static int hvt_send(struct hvt_dev *t, u32 len, u64 req)
{
	struct vmbus_channel *chan = t->hdev->channel;
	u32 need = hvt_pkt_bytes(len);
	long left;
	int ret;

	for (;;) {
		u32 free = hv_get_bytes_to_write(&chan->outbound);
		bool exact;

		ret = vmbus_sendpacket(chan, t->tx_buf, len, req, VM_PKT_DATA_INBAND, 0);
		if ((t->p.flags & HVT_F_EXACT) && free == need)
			krt_trace("guest.testdrv", "tx_exact", "seq=%llu free=%u need=%u ret=%d", req,
				  free, need, ret);
		if (ret != -EAGAIN)
			return ret;
		t->tx_waits++;
		/* Exact-fit probing: wake (and try) already when the free space equals the
		 * packet; once refused there, wait for more. */
		exact = (t->p.flags & HVT_F_EXACT) && free != need;
		set_channel_pending_send_size(chan, exact ? need - 8 : need);
		left = wait_event_timeout(t->wq, hv_get_bytes_to_write(&chan->outbound) >=
					  need + (exact ? 0 : 1) || t->stop, HVT_STALL_JIFFIES);
		set_channel_pending_send_size(chan, 0);
		if (t->stop)
			return -ESHUTDOWN;
		if (!left) {
			krt_trace("guest.testdrv", "tx_stall", "seq=%llu need=%u free=%u", req, need,
				  hv_get_bytes_to_write(&chan->outbound));
			return -ETIMEDOUT;
		}
	}
}

static void hvt_fill(struct hvt_dev *t, u32 type, u32 seq, u32 len)
{
	struct hvt_hdr *h = (struct hvt_hdr *)t->tx_buf;
	u32 k;

	memset(h, 0, sizeof(*h));
	h->type = type;
	h->seq = seq;
	h->len = len;
	for (k = sizeof(*h); k < len; k++)
		t->tx_buf[k] = hvt_byte(HVT_DIR_TO_HOST, t->p.seed, seq, k);
}

static void hvt_report(struct hvt_dev *t, u32 tx, int ret)
{
	bool pass = !ret && tx == t->p.to_host && t->rx_ok == t->p.to_guest && !t->rx_bad;

	krt_trace("guest.testdrv", "result",
		  "pass=%d tx=%u rx_ok=%u rx_bad=%u tx_waits=%u rx_callbacks=%u rx_iter=%u "
		  "rx_recvpacket=%u ret=%d", pass, tx, t->rx_ok, t->rx_bad, t->tx_waits,
		  t->rx_callbacks, t->rx_iter_pkts, t->rx_recv_pkts, ret);
	pr_info("hvsim_testdrv: %s: sent %u, received %u intact, %u bad, %u send waits\n",
		pass ? "PASS" : "FAIL", tx, t->rx_ok, t->rx_bad, t->tx_waits);
}

static int hvt_thread(void *data)
{
	struct hvt_dev *t = data;
	struct hvt_hdr *h = (struct hvt_hdr *)t->tx_buf;
	u32 seq = 0;
	int ret;

	hvt_fill(t, HVT_MSG_HELLO, 0, sizeof(*h));
	ret = hvt_send(t, sizeof(*h), 0);
	for (seq = 1; !ret && seq <= t->p.to_host; seq++) {
		u32 len = hvt_len(&t->p, seq);

		hvt_fill(t, HVT_MSG_DATA, seq, len);
		ret = hvt_send(t, len, seq);
	}
	seq--;
	if (!ret && !wait_event_timeout(t->wq, t->rx_done || t->stop, HVT_STALL_JIFFIES)) {
		krt_trace("guest.testdrv", "rx_stall", "rx_next=%u want=%u", t->rx_next,
			  t->p.to_guest);
		ret = -ETIMEDOUT;
	}
	if (!ret && !t->stop) {
		hvt_fill(t, HVT_MSG_DONE, seq, sizeof(*h));
		h->arg = t->rx_bad;
		h->rx_ok = t->rx_ok;
		h->tx_waits = t->tx_waits;
		ret = hvt_send(t, sizeof(*h), 0);
	}
	hvt_report(t, seq, ret);
	return 0;
}

/* ---- probe ---- */

static int hvt_params(struct hvt_dev *t, struct hv_device *hdev)
{
	struct hvt_offer *p = &t->p;

	memcpy(p, hdev->channel->offermsg.offer.u.std.user_def, sizeof(*p));
	if (p->magic != HVT_MAGIC || p->version != HVT_VERSION ||
	    p->send_ring_bytes < 2 * PAGE_SIZE || p->recv_ring_bytes < 2 * PAGE_SIZE ||
	    !PAGE_ALIGNED(p->send_ring_bytes) || !PAGE_ALIGNED(p->recv_ring_bytes) ||
	    p->max_payload < sizeof(struct hvt_hdr) || p->max_payload > HVT_PAYLOAD_MAX ||
	    p->rx_mode > HVT_RX_RECVPACKET) {
		dev_err(&hdev->device, "bad test offer magic=0x%x version=%u\n", p->magic,
			p->version);
		return -EINVAL;
	}
	return 0;
}

static int hvt_probe(struct hv_device *hdev, const struct hv_vmbus_device_id *dev_id)
{
	struct hvt_dev *t;
	int ret;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	ret = hvt_params(t, hdev);
	if (ret)
		goto free_t;
	ret = -ENOMEM;
	t->hdev = hdev;
	t->rx_next = 1;
	init_waitqueue_head(&t->wq);
	t->tx_buf = kzalloc(t->p.max_payload, GFP_KERNEL);
	t->rx_buf = kzalloc(t->p.max_payload, GFP_KERNEL);
	if (!t->tx_buf || !t->rx_buf)
		goto free_bufs;
	hv_set_drvdata(hdev, t);
	/* hv_pkt_iter_first() copies at most max_pkt_size bytes of each packet. */
	hdev->channel->max_pkt_size = sizeof(struct vmpacket_descriptor) + t->p.max_payload;
	krt_trace("guest.testdrv", "probe", "send_ring=%u recv_ring=%u to_host=%u to_guest=%u "
		  "max_payload=%u rx_mode=%u", t->p.send_ring_bytes, t->p.recv_ring_bytes,
		  t->p.to_host, t->p.to_guest, t->p.max_payload, t->p.rx_mode);
	ret = vmbus_open(hdev->channel, t->p.send_ring_bytes, t->p.recv_ring_bytes, NULL, 0,
			 hvt_onchannelcallback, t);
	if (ret)
		goto free_bufs;
	t->thread = kthread_run(hvt_thread, t, "hvsim_testdrv");
	if (IS_ERR(t->thread)) {
		ret = PTR_ERR(t->thread);
		vmbus_close(hdev->channel);
		goto free_bufs;
	}
	return 0;

free_bufs:
	kfree(t->tx_buf);
	kfree(t->rx_buf);
free_t:
	kfree(t);
	return ret;
}

static void hvt_remove_common(struct hv_device *hdev)
{
	struct hvt_dev *t = hv_get_drvdata(hdev);

	/* The thread may still be sleeping: it sees stop, and the memory stays (a test
	 * device is removed only at rescind, after which nothing is freed under it). */
	t->stop = true;
	wake_up(&t->wq);
	vmbus_close(hdev->channel);
}

HVSIM_DEFINE_REMOVE(hvt_remove, hvt_remove_common)

/* "hvsim test device": 4856534d-5445-5354-8000-000000000001 */
static const struct hv_vmbus_device_id hvt_id_table[] = {
	{ .guid = GUID_INIT(0x4856534d, 0x5445, 0x5354, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
			    0x00, 0x01) },
	{ },
};
MODULE_DEVICE_TABLE(vmbus, hvt_id_table);

static struct hv_driver hvt_drv = {
	.name = KBUILD_MODNAME,
	.id_table = hvt_id_table,
	.probe = hvt_probe,
	.remove = hvt_remove,
};

hvsim_module_vmbus_driver(hvt_drv);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("hvsim test VSC");
