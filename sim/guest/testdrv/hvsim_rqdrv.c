// SPDX-License-Identifier: GPL-2.0-only
/*
 * hvsim_rqdrv.c - the "hvsim request-id test device" VSC: a kernel-world driver of ours that
 * drives the real drivers/hv request-id allocator ("requestor": channel->rqstor_size,
 * vmbus_next_request_id() / vmbus_request_addr() in channel.c, called from
 * hv_ringbuffer_write() in ring_buffer.c) the way netvsc and vPCI do, on a primary channel
 * and on every sub-channel the host offers (vmbus_set_sc_create_callback), and closes them
 * all with one vmbus_close() of the primary on remove (sub-channels first).
 *
 * Protocol (host side: models/testvsp/src/rq.c, wire layout restated from
 * models/testvsp/include/vsp/rq.h):
 *   - The offer's user_def carries struct hvrq_offer: requestor size, request count, NOTE
 *     period, sub-channel count, ring pages, flags (WITHHOLD, PROBE).
 *   - Per channel a kthread sends HELLO; with WITHHOLD, REQs until the kernel refuses one
 *     with -EAGAIN while the ring has room, then FULL; then the REQs (every n-th message a
 *     NOTE); with PROBE, one PROBE and IDLE, after which the host sends its bad completions
 *     and ACK; finally DONE with the channel's counts.
 *   - REQ/PROBE ask for a completion: requestid = the address of one of our request slots,
 *     the kernel replaces it by its own trans_id. Every other message is sent without the flag
 *     and with a cookie of ours as requestid, which must reach the host unchanged; the payload
 *     repeats the requestid so the host can compare.
 *   - Every COMP packet is looked up with channel->request_addr_callback (the kernel's
 *     vmbus_request_addr). VMBUS_RQST_ERROR = rejected; an address that is not a busy slot of
 *     ours = bogus. Completions the host labels bad, and any not accepted, are traced as
 *     guest.testrq comp relid= serial= result=accepted|rejected|bogus.
 * Results: guest.testrq open / result (per channel) / all_done / remove records (+ printk).
 *
 * Invariants: a slot is busy exactly while its request is outstanding in the kernel's
 * requestor (marked before the send, released by its accepted completion or a failed send,
 * under the channel's lock); no wait is without a timeout; after remove() the threads only
 * exit (the memory stays: a test device is removed at unload, after which nothing is freed
 * under a sleeping thread).
 */
#define KBUILD_MODNAME "hvsim_rqdrv"
#include <linux/init.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/hyperv.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include "krt.h"
#include "hvsim_testdrv.h"

#define HVRQ_MAGIC		0x51525648u	/* "HVRQ" */
#define HVRQ_VERSION		1u
#define HVRQ_SIZE_MAX		256u
#define HVRQ_SUB_MAX		8u
#define HVRQ_F_WITHHOLD		1u
#define HVRQ_F_PROBE		2u
#define HVRQ_STALL_JIFFIES	(10 * HZ)

enum { HVRQ_HELLO = 1, HVRQ_REQ, HVRQ_NOTE, HVRQ_FULL, HVRQ_IDLE, HVRQ_DONE, HVRQ_PROBE,
       HVRQ_COMP, HVRQ_ACK };
#define HVRQ_COMP_NORMAL	0u

/* Offer user_def bytes (wire layout, 40 of the 120 bytes). */
struct hvrq_offer {
	u32 magic;
	u32 version;
	u32 rqstor_size;
	u32 requests;
	u32 note_every;
	u32 subchannels;
	u32 ring_pages;	/* per direction, header page included */
	u32 flags;	/* HVRQ_F_* */
	u32 seed;
	u32 reserved;
} __packed;
static_assert(sizeof(struct hvrq_offer) == 40);

/* Guest -> host payload (wire layout). */
struct hvrq_msg {
	u32 type;
	u32 chan;	/* sub_channel_index */
	u64 cookie;	/* the requestid given to vmbus_sendpacket() */
	u32 seq;
	u32 a, b, c;	/* FULL: outstanding, eagain; DONE: accepted, rejected, bogus */
} __packed;
static_assert(sizeof(struct hvrq_msg) == 32);

/* Host -> guest payload (wire layout). */
struct hvrq_comp {
	u32 type;	/* HVRQ_COMP or HVRQ_ACK */
	u32 serial;
	u32 kind;	/* the host's label: 0 = a normal completion */
	u32 reserved;
	u64 cookie;
} __packed;
static_assert(sizeof(struct hvrq_comp) == 24);

struct hvrq_req {
	bool busy;
	u32 seq;
};

struct hvrq_dev;

struct hvrq_chan {
	struct hvrq_dev *d;
	struct vmbus_channel *chan;
	struct task_struct *thread;
	wait_queue_head_t wq;
	spinlock_t lock;	/* slots, outstanding and the completion counters */
	struct hvrq_req *reqs;	/* rqstor_size + 1 slots */
	u32 index;		/* sub_channel_index */
	u32 seq;
	u32 outstanding;
	u32 accepted, rejected, bogus, bad_seen;
	u32 fulls, ring_waits;
	bool acked;
	bool stop;
};

struct hvrq_dev {
	struct hv_device *hdev;
	struct hvrq_offer p;
	struct hvrq_chan *ch[1 + HVRQ_SUB_MAX];	/* by sub_channel_index */
	u32 nr_done;
	u32 nr_pass;
};

static u32 hvrq_mix(u32 x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

/* ---- completions (channel callback, tasklet context) ---- */

static bool hvrq_is_slot(struct hvrq_chan *c, u64 addr)
{
	uintptr_t base = (uintptr_t)c->reqs;
	uintptr_t a = (uintptr_t)addr;

	return a >= base && a < base + (c->d->p.rqstor_size + 1) * sizeof(*c->reqs) &&
	       (a - base) % sizeof(*c->reqs) == 0;
}

static void hvrq_complete(struct hvrq_chan *c, u64 trans_id, const struct hvrq_comp *m)
{
	u64 addr = c->chan->request_addr_callback(c->chan, trans_id);
	struct hvrq_req *r = (struct hvrq_req *)(uintptr_t)addr;
	const char *result = "accepted";
	unsigned long flags;

	spin_lock_irqsave(&c->lock, flags);
	if (m->kind != HVRQ_COMP_NORMAL)
		c->bad_seen++;
	if (addr == VMBUS_RQST_ERROR) {
		c->rejected++;
		result = "rejected";
	} else if (!hvrq_is_slot(c, addr) || !r->busy ||
		   (m->kind == HVRQ_COMP_NORMAL && m->cookie != addr)) {
		c->bogus++;
		result = "bogus";
	} else {
		r->busy = false;
		c->outstanding--;
		c->accepted++;
	}
	spin_unlock_irqrestore(&c->lock, flags);
	if (m->kind != HVRQ_COMP_NORMAL || strcmp(result, "accepted"))
		krt_trace("guest.testrq", "comp",
			  "relid=%u chan=%u serial=%u kind=%u trans_id=%llu result=%s",
			  c->chan->offermsg.child_relid, c->index, m->serial, m->kind, trans_id,
			  result);
}

static void hvrq_onchannelcallback(void *context)
{
	struct hvrq_chan *c = context;
	const struct vmpacket_descriptor *desc;
	const struct hvrq_comp *m;

	foreach_vmbus_pkt(desc, c->chan) {
		m = hv_pkt_data(desc);
		if (hv_pkt_datalen(desc) >= sizeof(*m) && desc->type == VM_PKT_COMP &&
		    m->type == HVRQ_COMP) {
			hvrq_complete(c, desc->trans_id, m);
		} else if (hv_pkt_datalen(desc) >= sizeof(*m) &&
			   desc->type == VM_PKT_DATA_INBAND && m->type == HVRQ_ACK) {
			c->acked = true;
		} else {
			c->bogus++;
			krt_trace("guest.testrq", "rx_bad", "relid=%u type=%u len=%u",
				  c->chan->offermsg.child_relid, desc->type, hv_pkt_datalen(desc));
		}
	}
	/* The host signals here when our send's pending_send_sz is met, too. */
	wake_up(&c->wq);
}

/* ---- sending (kthread) ---- */

/* Wait (bounded) for cond; 0, -ESHUTDOWN after remove(), -ETIMEDOUT with a trace. */
#define hvrq_wait(c, cond, what) ({						\
	long __left = wait_event_timeout((c)->wq, (cond) || READ_ONCE((c)->stop),	\
					 HVRQ_STALL_JIFFIES);				\
	int __r = 0;								\
	if (READ_ONCE((c)->stop))						\
		__r = -ESHUTDOWN;						\
	else if (!__left) {							\
		krt_trace("guest.testrq", "stall", "chan=%u waiting_for=%s outstanding=%u", \
			  (c)->index, what, (c)->outstanding);			\
		__r = -ETIMEDOUT;						\
	}									\
	__r; })

static u32 hvrq_pkt_bytes(void)
{
	return sizeof(struct vmpacket_descriptor) + sizeof(struct hvrq_msg) + sizeof(u64);
}

static bool hvrq_ring_has_room(struct hvrq_chan *c)
{
	return hv_get_bytes_to_write(&c->chan->outbound) > hvrq_pkt_bytes();
}

/* The ring is full: sleep on pending_send_sz until the host's read makes room. */
static int hvrq_ring_wait(struct hvrq_chan *c)
{
	int ret;

	c->ring_waits++;
	set_channel_pending_send_size(c->chan, hvrq_pkt_bytes());
	ret = hvrq_wait(c, hvrq_ring_has_room(c), "ring");
	set_channel_pending_send_size(c->chan, 0);
	return ret;
}

static int hvrq_send(struct hvrq_chan *c, u32 type, u64 cookie, u32 flags, u32 a, u32 b,
		     u32 cc)
{
	struct hvrq_msg m = { .type = type, .chan = c->index, .cookie = cookie, .seq = ++c->seq,
			      .a = a, .b = b, .c = cc };

	return vmbus_sendpacket(c->chan, &m, sizeof(m), cookie, VM_PKT_DATA_INBAND, flags);
}

/* Our own cookie for the n-th plain message: mostly scrambled, some edge values the
 * requestor uses internally (0, VMBUS_RQST_ERROR, U64_MAX), which must pass unchanged. */
static u64 hvrq_cookie(struct hvrq_chan *c)
{
	u32 n = c->seq + 1;

	switch (n % 8) {
	case 3:
		return 0;
	case 5:
		return VMBUS_RQST_ERROR;
	case 7:
		return U64_MAX;
	default:
		return (u64)hvrq_mix(c->d->p.seed ^ (c->index << 24) ^ n) << 32 | hvrq_mix(n);
	}
}

/* A message without the completion flag, waiting while the ring is full. */
static int hvrq_plain(struct hvrq_chan *c, u32 type, u32 a, u32 b, u32 cc)
{
	int ret;

	for (;;) {
		ret = hvrq_send(c, type, hvrq_cookie(c), 0, a, b, cc);
		if (ret != -EAGAIN)
			return ret;
		ret = hvrq_ring_wait(c);
		if (ret)
			return ret;
	}
}

/* One completion-requested message; -EAGAIN as the kernel returned it, -ENOSPC if every
 * slot is busy (the kernel accepted more requests than its requestor has ids). */
static int hvrq_request_once(struct hvrq_chan *c, u32 type)
{
	struct hvrq_req *r = NULL;
	unsigned long flags;
	u32 i;
	int ret;

	spin_lock_irqsave(&c->lock, flags);
	for (i = 0; i <= c->d->p.rqstor_size && !r; i++)
		if (!c->reqs[i].busy)
			r = &c->reqs[i];
	if (r) {
		r->busy = true;
		r->seq = c->seq + 1;
		c->outstanding++;
	}
	spin_unlock_irqrestore(&c->lock, flags);
	if (!r)
		return -ENOSPC;
	ret = hvrq_send(c, type, (u64)(uintptr_t)r, VMBUS_DATA_PACKET_FLAG_COMPLETION_REQUESTED,
			0, 0, 0);
	if (ret) {
		spin_lock_irqsave(&c->lock, flags);
		r->busy = false;
		c->outstanding--;
		spin_unlock_irqrestore(&c->lock, flags);
	}
	return ret;
}

/* A request, waiting while the requestor is full (after telling the host: FULL) or the
 * ring is. */
static int hvrq_request(struct hvrq_chan *c, u32 type)
{
	u32 size = c->d->p.rqstor_size;
	int ret;

	for (;;) {
		ret = hvrq_request_once(c, type);
		if (ret != -EAGAIN)
			return ret;
		if (!hvrq_ring_has_room(c)) {
			ret = hvrq_ring_wait(c);
		} else {
			c->fulls++;
			ret = hvrq_plain(c, HVRQ_FULL, READ_ONCE(c->outstanding), 1, 0);
			if (!ret)
				ret = hvrq_wait(c, READ_ONCE(c->outstanding) < size, "completion");
		}
		if (ret)
			return ret;
	}
}

/* WITHHOLD: the host completes nothing until FULL, so the requestor must run dry after
 * exactly rqstor_size requests and refuse the next one with -EAGAIN. */
static int hvrq_fill(struct hvrq_chan *c)
{
	int ret;

	for (;;) {
		ret = hvrq_request_once(c, HVRQ_REQ);
		if (ret == -ENOSPC) /* the kernel never said no: tell the host, stop */
			return hvrq_plain(c, HVRQ_FULL, READ_ONCE(c->outstanding), 0, 0) ?: -ENOSPC;
		if (ret == -EAGAIN && hvrq_ring_has_room(c)) {
			c->fulls++;
			krt_trace("guest.testrq", "full", "relid=%u chan=%u outstanding=%u size=%u",
				  c->chan->offermsg.child_relid, c->index, c->outstanding,
				  c->d->p.rqstor_size);
			ret = hvrq_plain(c, HVRQ_FULL, READ_ONCE(c->outstanding), 1, 0);
			return ret ?: hvrq_wait(c, !READ_ONCE(c->outstanding), "release");
		}
		if (ret == -EAGAIN)
			ret = hvrq_ring_wait(c);
		if (ret)
			return ret;
	}
}

static int hvrq_run(struct hvrq_chan *c)
{
	const struct hvrq_offer *p = &c->d->p;
	u32 i;
	int ret;

	ret = hvrq_plain(c, HVRQ_HELLO, 0, 0, 0);
	if (!ret && (p->flags & HVRQ_F_WITHHOLD))
		ret = hvrq_fill(c);
	for (i = 1; !ret && i <= p->requests; i++) {
		if (p->note_every && i % p->note_every == 0)
			ret = hvrq_plain(c, HVRQ_NOTE, i, 0, 0);
		if (!ret)
			ret = hvrq_request(c, HVRQ_REQ);
	}
	if (!ret)
		ret = hvrq_wait(c, !READ_ONCE(c->outstanding), "completions");
	if (!ret && (p->flags & HVRQ_F_PROBE)) {
		ret = hvrq_request(c, HVRQ_PROBE);
		if (!ret)
			ret = hvrq_plain(c, HVRQ_IDLE, 0, 0, 0);
		if (!ret)
			ret = hvrq_wait(c, READ_ONCE(c->acked) && !READ_ONCE(c->outstanding),
					"ack");
	}
	if (!ret)
		ret = hvrq_plain(c, HVRQ_DONE, c->accepted, c->rejected, c->bogus);
	return ret;
}

static int hvrq_thread(void *data)
{
	struct hvrq_chan *c = data;
	struct hvrq_dev *d = c->d;
	int ret = hvrq_run(c);
	bool pass = !ret && !c->bogus && c->rejected == c->bad_seen;

	d->nr_done++;
	d->nr_pass += pass;
	krt_trace("guest.testrq", "result", "relid=%u chan=%u pass=%d accepted=%u rejected=%u "
		  "bogus=%u fulls=%u ring_waits=%u ret=%d", c->chan->offermsg.child_relid,
		  c->index, pass, c->accepted, c->rejected, c->bogus, c->fulls, c->ring_waits, ret);
	if (d->nr_done == 1 + d->p.subchannels) {
		krt_trace("guest.testrq", "all_done", "channels=%u pass=%d", d->nr_done,
			  d->nr_pass == d->nr_done);
		pr_info("hvsim_rqdrv: %s: %u channels\n",
			d->nr_pass == d->nr_done ? "PASS" : "FAIL", d->nr_done);
	}
	return 0;
}

/* ---- channels ---- */

static int hvrq_chan_open(struct hvrq_dev *d, struct vmbus_channel *chan, u32 index)
{
	u32 ring = d->p.ring_pages * PAGE_SIZE;
	struct hvrq_chan *c;
	int ret = -ENOMEM;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->reqs = kcalloc(d->p.rqstor_size + 1, sizeof(*c->reqs), GFP_KERNEL);
	if (!c->reqs)
		goto free_c;
	c->d = d;
	c->chan = chan;
	c->index = index;
	init_waitqueue_head(&c->wq);
	spin_lock_init(&c->lock);
	/* As netvsc does: the kernel allocates trans_ids for completion-requested packets. */
	chan->rqstor_size = d->p.rqstor_size;
	chan->next_request_id_callback = vmbus_next_request_id;
	chan->request_addr_callback = vmbus_request_addr;
	ret = vmbus_open(chan, ring, ring, NULL, 0, hvrq_onchannelcallback, c);
	krt_trace("guest.testrq", "open", "relid=%u chan=%u size=%u ret=%d",
		  chan->offermsg.child_relid, index, d->p.rqstor_size, ret);
	if (ret)
		goto free_reqs;
	d->ch[index] = c;
	c->thread = kthread_run(hvrq_thread, c, "hvsim_rqdrv/%u", index);
	if (IS_ERR(c->thread)) {
		/* The channel stays open; vmbus_close() of the primary closes it. */
		krt_trace("guest.testrq", "no_thread", "chan=%u", index);
		return PTR_ERR(c->thread);
	}
	return 0;

free_reqs:
	kfree(c->reqs);
free_c:
	kfree(c);
	return ret;
}

/* Sub-channel offer of our device (sub-channel work of vmbus_add_channel_work). */
static void hvrq_sc_open(struct vmbus_channel *sc)
{
	struct hvrq_dev *d = hv_get_drvdata(sc->primary_channel->device_obj);
	u32 index = sc->offermsg.offer.sub_channel_index;

	if (!d || index == 0 || index > d->p.subchannels || d->ch[index]) {
		krt_trace("guest.testrq", "sc_ignored", "relid=%u index=%u",
			  sc->offermsg.child_relid, index);
		return;
	}
	hvrq_chan_open(d, sc, index);
}

/* ---- probe / remove ---- */

static int hvrq_params(struct hvrq_dev *d, struct hv_device *hdev)
{
	struct hvrq_offer *p = &d->p;

	memcpy(p, hdev->channel->offermsg.offer.u.std.user_def, sizeof(*p));
	if (p->magic != HVRQ_MAGIC || p->version != HVRQ_VERSION || !p->rqstor_size ||
	    p->rqstor_size > HVRQ_SIZE_MAX || p->subchannels > HVRQ_SUB_MAX ||
	    p->ring_pages < 2 || p->ring_pages > 64) {
		dev_err(&hdev->device, "bad request-id test offer magic=0x%x version=%u\n",
			p->magic, p->version);
		return -EINVAL;
	}
	return 0;
}

static int hvrq_probe(struct hv_device *hdev, const struct hv_vmbus_device_id *dev_id)
{
	struct hvrq_dev *d;
	int ret;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	ret = hvrq_params(d, hdev);
	if (ret)
		goto free_d;
	d->hdev = hdev;
	hv_set_drvdata(hdev, d);
	/* Before the primary opens: sub-channel offers may be processed while we wait. */
	vmbus_set_sc_create_callback(hdev->channel, hvrq_sc_open);
	ret = hvrq_chan_open(d, hdev->channel, 0);
	if (ret && !d->ch[0]) {
		vmbus_set_sc_create_callback(hdev->channel, NULL);
		hv_set_drvdata(hdev, NULL);
		goto free_d;
	}
	return 0;

free_d:
	kfree(d);
	return ret;
}

static void hvrq_remove_common(struct hv_device *hdev)
{
	struct hvrq_dev *d = hv_get_drvdata(hdev);
	u32 i, open = 0;

	for (i = 0; i <= HVRQ_SUB_MAX; i++) {
		if (!d->ch[i])
			continue;
		open++;
		WRITE_ONCE(d->ch[i]->stop, true);
		wake_up(&d->ch[i]->wq);
	}
	krt_trace("guest.testrq", "remove", "relid=%u channels=%u",
		  hdev->channel->offermsg.child_relid, open);
	/* vmbus_disconnect_ring() closes every sub-channel before the primary (VMB-CLOSE-001). */
	vmbus_close(hdev->channel);
}

HVSIM_DEFINE_REMOVE(hvrq_remove, hvrq_remove_common)

/* "hvsim request-id test device": 4856534d-5445-5354-8000-000000000002 */
static const struct hv_vmbus_device_id hvrq_id_table[] = {
	{ .guid = GUID_INIT(0x4856534d, 0x5445, 0x5354, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
			    0x00, 0x02) },
	{ },
};
MODULE_DEVICE_TABLE(vmbus, hvrq_id_table);

static struct hv_driver hvrq_drv = {
	.name = KBUILD_MODNAME,
	.id_table = hvrq_id_table,
	.probe = hvrq_probe,
	.remove = hvrq_remove,
};

hvsim_module_vmbus_driver(hvrq_drv);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("hvsim request-id test VSC");
