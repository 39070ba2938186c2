// SPDX-License-Identifier: GPL-2.0-only
/*
 * daemon.c - the guest's user-space daemons of the util ICs (hv_kvp_daemon, hv_vss_daemon,
 * hv_fcopy_daemon), modelled at the character-device boundary of
 * drivers/hv/hv_utils_transport.c.
 *
 * The boundary: the transport registers a misc device per service ("vmbus/hv_kvp",
 * "vmbus/hv_vss", "vmbus/hv_fcopy"); a daemon opens it, writes its registration, then reads
 * one request at a time and writes one answer per request. We call the device's own
 * file_operations (open/read/write/release) from a guest task, exactly as the VFS would for
 * a process, so every line of hv_utils_transport.c on the chardev path runs for real. The
 * netlink path (cn_netlink_send) is not used by any daemon here: sinks.c keeps failing it
 * with -ESRCH, which is what a kernel without a netlink listener sees.
 *
 * Per service the executor selects a mode before boot through the hook "daemon.config"
 * (type krt_daemon_config_fn below):
 *   absent   no daemon (default): the device is never opened;
 *   present  the daemon opens the device start_ns after the device is registered and
 *            answers each request at once, like the real daemons;
 *   slow     as present, but each answer is written reply_delay_ns after the request
 *            was read (beyond the kernel's 30 s timeout this exercises its timeout path).
 * A daemon whose device goes away (rescind: read/write fail with -EBADF) releases the
 * device and exits; a new registration of the same device starts a new daemon (as systemd
 * restarts one).
 *
 * Answers follow tools/hv/hv_{kvp,vss,fcopy}_daemon.c: KVP keeps a small store per pool
 * (SET/GET/DELETE/ENUMERATE; the auto pool enumerates fixed guest facts; GET_IP_INFO
 * answers one IPv4 configuration), VSS succeeds FREEZE/THAW/HOT_BACKUP, fcopy tracks one
 * file transfer (START, WRITE within the announced size, COMPLETE, CANCEL).
 *
 * Trace (source "guest.daemon"): start svc= mode=, open svc= ret=, registered svc= ver=,
 * recv svc= op= ..., reply svc= op= error=, exit svc= why=.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/miscdevice.h>
#include <linux/hyperv.h>
#include "krt.h"

enum krt_daemon_mode { KRT_DAEMON_ABSENT = 0, KRT_DAEMON_PRESENT, KRT_DAEMON_SLOW };

enum krt_daemon_svc { KRT_DM_KVP = 0, KRT_DM_VSS, KRT_DM_FCOPY, KRT_DM_COUNT };

static const char *const krt_dm_names[KRT_DM_COUNT] = {"kvp", "vss", "fcopy"};
static const char *const krt_dm_devs[KRT_DM_COUNT] = {"vmbus/hv_kvp", "vmbus/hv_vss",
						       "vmbus/hv_fcopy"};

struct krt_daemon_cfg {
	enum krt_daemon_mode mode;
	u64 reply_delay_ns;
	u64 start_ns;
	unsigned int generation;	/* daemons started for this service */
};

static struct krt_daemon_cfg krt_dm_cfg[KRT_DM_COUNT];

/* fcopy request layout (uapi hv_fcopy_hdr and friends; 6.1 only, kept local because the
 * 6.12 uapi header no longer has them). */
#define KRT_FC_START	0
#define KRT_FC_WRITE	1
#define KRT_FC_COMPLETE	2
#define KRT_FC_CANCEL	3
#define KRT_FC_HDR	36	/* operation u32 + two service GUIDs */
#define KRT_FC_MAX_PATH	260

/* The KVP store: a few keys per pool, UTF-8 as the kernel hands them over. */
#define KRT_KVP_POOLS	5
#define KRT_KVP_KEYS	16
#define KRT_KVP_KEY	HV_KVP_EXCHANGE_MAX_KEY_SIZE
#define KRT_KVP_VALUE	HV_KVP_EXCHANGE_MAX_VALUE_SIZE

struct krt_kvp_entry {
	bool used;
	char key[KRT_KVP_KEY];
	char value[KRT_KVP_VALUE];
};

struct krt_daemon {
	enum krt_daemon_svc svc;
	struct miscdevice *misc;
	struct file file;
	u8 *buf;		/* one request / answer */
	size_t buf_len;
	/* fcopy: the transfer in progress */
	bool fc_open;
	u64 fc_size, fc_written;
	/* KVP store */
	struct krt_kvp_entry (*kvp)[KRT_KVP_KEYS];
};

/* ---- configuration (hook "daemon.config", called by the executor before boot) ---- */

typedef int (*krt_daemon_config_fn)(const char *svc, const char *mode, u64 reply_delay_ns,
				    u64 start_ns);

static int krt_daemon_config(const char *svc, const char *mode, u64 reply_delay_ns,
			     u64 start_ns)
{
	int i;

	for (i = 0; i < KRT_DM_COUNT; i++) {
		if (strcmp(svc, krt_dm_names[i]))
			continue;
		if (!strcmp(mode, "absent"))
			krt_dm_cfg[i].mode = KRT_DAEMON_ABSENT;
		else if (!strcmp(mode, "present"))
			krt_dm_cfg[i].mode = KRT_DAEMON_PRESENT;
		else if (!strcmp(mode, "slow"))
			krt_dm_cfg[i].mode = KRT_DAEMON_SLOW;
		else
			return -EINVAL;
		krt_dm_cfg[i].reply_delay_ns = reply_delay_ns;
		krt_dm_cfg[i].start_ns = start_ns;
		return 0;
	}
	return -ENOENT;
}

void *krt_daemon_hook(const char *name)
{
	static const krt_daemon_config_fn fn = krt_daemon_config;

	if (!strcmp(name, "daemon.config"))
		return (void *)fn;
	return NULL;
}

/* ---- helpers ---- */

static void krt_daemon_sleep_until(u64 deadline_ns)
{
	while (krt_host->now_ns() < deadline_ns)
		krt_block(deadline_ns);
}

static ssize_t krt_daemon_write(struct krt_daemon *dm, const void *msg, size_t len)
{
	return dm->misc->fops->write(&dm->file, (const char __user *)msg, len, NULL);
}

/* ---- KVP (tools/hv/hv_kvp_daemon.c) ---- */

static const char *const krt_kvp_auto[][2] = {
	{"FullyQualifiedDomainName", "hvsim-guest"},
	{"IntegrationServicesVersion", "3.1"},
	{"NetworkAddressIPv4", "192.0.2.10"},
	{"NetworkAddressIPv6", "2001:db8::10"},
	{"OSBuildNumber", "hvsim"},
	{"OSName", "Linux"},
	{"OSMajorVersion", "6"},
	{"OSMinorVersion", "x"},
	{"OSVersion", "hvsim"},
	{"ProcessorArchitecture", "x86_64"},
};

static struct krt_kvp_entry *krt_kvp_find(struct krt_daemon *dm, u8 pool, const char *key)
{
	int i;

	for (i = 0; i < KRT_KVP_KEYS; i++)
		if (dm->kvp[pool][i].used && !strcmp(dm->kvp[pool][i].key, key))
			return &dm->kvp[pool][i];
	return NULL;
}

static int krt_kvp_set(struct krt_daemon *dm, u8 pool, const char *key, const char *value)
{
	struct krt_kvp_entry *e = krt_kvp_find(dm, pool, key);
	int i;

	for (i = 0; !e && i < KRT_KVP_KEYS; i++)
		if (!dm->kvp[pool][i].used)
			e = &dm->kvp[pool][i];
	if (!e)
		return HV_E_FAIL;	/* store full, as the daemon's file reaching its limit */
	e->used = true;
	strscpy(e->key, key, sizeof(e->key));
	strscpy(e->value, value, sizeof(e->value));
	return HV_S_OK;
}

static int krt_kvp_enumerate(struct krt_daemon *dm, u8 pool, u32 index, char *key,
			     char *value)
{
	int i;
	u32 n = 0;

	if (pool == KVP_POOL_AUTO) {
		if (index >= ARRAY_SIZE(krt_kvp_auto))
			return HV_S_CONT;
		strscpy(key, krt_kvp_auto[index][0], KRT_KVP_KEY);
		strscpy(value, krt_kvp_auto[index][1], KRT_KVP_VALUE);
		return HV_S_OK;
	}
	for (i = 0; i < KRT_KVP_KEYS; i++) {
		if (!dm->kvp[pool][i].used || n++ != index)
			continue;
		strscpy(key, dm->kvp[pool][i].key, KRT_KVP_KEY);
		strscpy(value, dm->kvp[pool][i].value, KRT_KVP_VALUE);
		return HV_S_OK;
	}
	return HV_S_CONT;
}

static void krt_kvp_ip_info(struct hv_kvp_ipaddr_value *ip)
{
	/* The kernel converts these UTF-8 strings to UTF-16 for the host. */
	ip->addr_family = ADDR_FAMILY_IPV4;
	ip->dhcp_enabled = 0;
	strscpy((char *)ip->ip_addr, "192.0.2.10", sizeof(ip->ip_addr));
	strscpy((char *)ip->sub_net, "255.255.255.0", sizeof(ip->sub_net));
	strscpy((char *)ip->gate_way, "192.0.2.1", sizeof(ip->gate_way));
	strscpy((char *)ip->dns_addr, "192.0.2.53", sizeof(ip->dns_addr));
}

/* Answer one request in place (the daemon writes back the whole message). */
static int krt_kvp_answer(struct krt_daemon *dm, struct hv_kvp_msg *m)
{
	u8 op = m->kvp_hdr.operation, pool = m->kvp_hdr.pool;
	struct hv_kvp_exchg_msg_value *v = &m->body.kvp_set.data;
	struct krt_kvp_entry *e;
	int error = HV_S_OK;

	krt_trace("guest.daemon", "recv", "svc=kvp op=%u pool=%u key=%.64s", op, pool,
		  op == KVP_OP_DELETE ? (char *)m->body.kvp_delete.key :
		  op <= KVP_OP_SET ? (char *)v->key : "-");
	if (pool >= KRT_KVP_POOLS && op <= KVP_OP_ENUMERATE)
		return HV_E_FAIL;
	switch (op) {
	case KVP_OP_SET:
		error = krt_kvp_set(dm, pool, (char *)v->key, (char *)v->value);
		break;
	case KVP_OP_GET:
		e = krt_kvp_find(dm, pool, (char *)v->key);
		if (e)
			strscpy((char *)v->value, e->value, sizeof(v->value));
		else
			error = HV_E_FAIL;
		break;
	case KVP_OP_DELETE:
		e = krt_kvp_find(dm, pool, (char *)m->body.kvp_delete.key);
		if (e)
			e->used = false;
		else
			error = HV_E_FAIL;
		break;
	case KVP_OP_ENUMERATE:
		v = &m->body.kvp_enum_data.data;
		error = krt_kvp_enumerate(dm, pool, m->body.kvp_enum_data.index, (char *)v->key,
					  (char *)v->value);
		break;
	case KVP_OP_GET_IP_INFO:
		krt_kvp_ip_info(&m->body.kvp_ip_val);
		break;
	case KVP_OP_SET_IP_INFO:
		break;
	default:
		error = HV_E_FAIL;
	}
	return error;
}

/* ---- VSS (tools/hv/hv_vss_daemon.c): freezing succeeds, everything is answered ---- */

static int krt_vss_answer(struct hv_vss_msg *m)
{
	u8 op = m->vss_hdr.operation;

	krt_trace("guest.daemon", "recv", "svc=vss op=%u", op);
	switch (op) {
	case VSS_OP_FREEZE:
	case VSS_OP_THAW:
	case VSS_OP_HOT_BACKUP:
		return HV_S_OK;
	default:
		return HV_E_FAIL;
	}
}

/* ---- fcopy (tools/hv/hv_fcopy_daemon.c): one file at a time ---- */

static int krt_fcopy_answer(struct krt_daemon *dm, const u8 *msg, size_t len)
{
	u32 op;
	u64 size, offset;
	u32 chunk;

	if (len < KRT_FC_HDR)
		return HV_E_FAIL;
	memcpy(&op, msg, sizeof(op));
	switch (op) {
	case KRT_FC_START:
		memcpy(&size, msg + KRT_FC_HDR + 4 * KRT_FC_MAX_PATH + 4, sizeof(size));
		krt_trace("guest.daemon", "recv", "svc=fcopy op=start size=%llu busy=%d", size,
			  dm->fc_open);
		if (dm->fc_open)
			return HV_E_FAIL;
		dm->fc_open = true;
		dm->fc_size = size;
		dm->fc_written = 0;
		return HV_S_OK;
	case KRT_FC_WRITE:
		memcpy(&offset, msg + KRT_FC_HDR + 4, sizeof(offset));
		memcpy(&chunk, msg + KRT_FC_HDR + 12, sizeof(chunk));
		krt_trace("guest.daemon", "recv", "svc=fcopy op=write offset=%llu size=%u", offset,
			  chunk);
		if (!dm->fc_open || offset + chunk > dm->fc_size)
			return HV_E_FAIL;
		dm->fc_written += chunk;
		return HV_S_OK;
	case KRT_FC_COMPLETE:
	case KRT_FC_CANCEL:
		krt_trace("guest.daemon", "recv", "svc=fcopy op=%s written=%llu",
			  op == KRT_FC_CANCEL ? "cancel" : "complete", dm->fc_written);
		if (!dm->fc_open)
			return HV_E_FAIL;
		dm->fc_open = false;
		return HV_S_OK;
	default:
		krt_trace("guest.daemon", "recv", "svc=fcopy op=%u", op);
		return HV_E_FAIL;
	}
}

/* ---- the daemon task ---- */

static int krt_daemon_register(struct krt_daemon *dm)
{
	struct hv_kvp_msg *kvp;
	struct hv_vss_msg vss = {};
	int ver = FCOPY_VERSION_1;
	ssize_t ret;

	switch (dm->svc) {
	case KRT_DM_KVP:
		kvp = (struct hv_kvp_msg *)dm->buf;
		memset(kvp, 0, sizeof(*kvp));
		kvp->kvp_hdr.operation = KVP_OP_REGISTER1;
		ret = krt_daemon_write(dm, kvp, sizeof(*kvp));
		break;
	case KRT_DM_VSS:
		vss.vss_hdr.operation = VSS_OP_REGISTER1;
		ret = krt_daemon_write(dm, &vss, sizeof(vss));
		break;
	default:
		ret = krt_daemon_write(dm, &ver, sizeof(ver));
		break;
	}
	if (ret < 0)
		return ret;
	/* The kernel answers the registration with its own version. */
	ret = dm->misc->fops->read(&dm->file, (char __user *)dm->buf, dm->buf_len, NULL);
	if (ret < 0)
		return ret;
	krt_trace("guest.daemon", "registered", "svc=%s len=%zd ver=%u", krt_dm_names[dm->svc],
		  ret, dm->svc == KRT_DM_KVP ? ((struct hv_kvp_msg *)dm->buf)->kvp_hdr.operation :
		  *(u32 *)dm->buf);
	return 0;
}

/* One request: read, answer (after the configured delay), write. <0: the device is gone. */
static int krt_daemon_serve_one(struct krt_daemon *dm)
{
	struct krt_daemon_cfg *cfg = &krt_dm_cfg[dm->svc];
	ssize_t n, ret;
	size_t out_len;
	int error;
	u64 t0;

	n = dm->misc->fops->read(&dm->file, (char __user *)dm->buf, dm->buf_len, NULL);
	if (n < 0)
		return n == -EAGAIN ? 0 : n;
	t0 = krt_host->now_ns();
	switch (dm->svc) {
	case KRT_DM_KVP:
		error = krt_kvp_answer(dm, (struct hv_kvp_msg *)dm->buf);
		((struct hv_kvp_msg *)dm->buf)->error = error;
		out_len = sizeof(struct hv_kvp_msg);
		break;
	case KRT_DM_VSS:
		error = krt_vss_answer((struct hv_vss_msg *)dm->buf);
		((struct hv_vss_msg *)dm->buf)->error = error;
		out_len = sizeof(struct hv_vss_msg);
		break;
	default:
		error = krt_fcopy_answer(dm, dm->buf, n);
		memcpy(dm->buf, &error, sizeof(error));
		out_len = sizeof(error);
		break;
	}
	if (cfg->mode == KRT_DAEMON_SLOW)
		krt_daemon_sleep_until(t0 + cfg->reply_delay_ns);
	ret = krt_daemon_write(dm, dm->buf, out_len);
	krt_trace("guest.daemon", "reply", "svc=%s error=%#x len=%zu ret=%zd",
		  krt_dm_names[dm->svc], (u32)error, out_len, ret);
	return ret < 0 ? ret : 0;
}

static int krt_daemon_main(void *data)
{
	struct krt_daemon *dm = data;
	struct krt_daemon_cfg *cfg = &krt_dm_cfg[dm->svc];
	int ret;

	krt_daemon_sleep_until(krt_host->now_ns() + cfg->start_ns);
	dm->file.f_op = dm->misc->fops;
	ret = dm->misc->fops->open(NULL, &dm->file);
	krt_trace("guest.daemon", "open", "svc=%s dev=%s ret=%d", krt_dm_names[dm->svc],
		  dm->misc->name, ret);
	if (ret)
		goto out;
	ret = krt_daemon_register(dm);
	while (!ret)
		ret = krt_daemon_serve_one(dm);
	dm->misc->fops->release(NULL, &dm->file);
out:
	krt_trace("guest.daemon", "exit", "svc=%s ret=%d", krt_dm_names[dm->svc], ret);
	kfree(dm->kvp);
	kfree(dm->buf);
	kfree(dm);
	return 0;
}

/* misc_register() of a daemon device: start its daemon if the run wants one. */
void krt_daemon_attach(struct miscdevice *misc)
{
	struct krt_daemon *dm;
	struct task_struct *t;
	char name[24];
	int i;

	for (i = 0; i < KRT_DM_COUNT; i++)
		if (!strcmp(misc->name, krt_dm_devs[i]))
			break;
	if (i == KRT_DM_COUNT || krt_dm_cfg[i].mode == KRT_DAEMON_ABSENT)
		return;
	dm = kzalloc(sizeof(*dm), GFP_KERNEL);
	if (!dm)
		return;
	dm->svc = i;
	dm->misc = misc;
	dm->buf_len = 8192;	/* >= hv_kvp_msg, hv_do_fcopy */
	dm->buf = kzalloc(dm->buf_len, GFP_KERNEL);
	if (i == KRT_DM_KVP)
		dm->kvp = kcalloc(KRT_KVP_POOLS, sizeof(*dm->kvp), GFP_KERNEL);
	snprintf(name, sizeof(name), "hv_%s_daemon", krt_dm_names[i]);
	t = dm->buf && (i != KRT_DM_KVP || dm->kvp) ?
		krt_task_create(name, krt_daemon_main, dm, 0) : NULL;
	if (!t) {
		kfree(dm->kvp);
		kfree(dm->buf);
		kfree(dm);
		return;
	}
	krt_trace("guest.daemon", "start", "svc=%s mode=%s gen=%u start_ns=%llu delay_ns=%llu",
		  krt_dm_names[i], krt_dm_cfg[i].mode == KRT_DAEMON_SLOW ? "slow" : "present",
		  ++krt_dm_cfg[i].generation, krt_dm_cfg[i].start_ns,
		  krt_dm_cfg[i].reply_delay_ns);
	wake_up_process(t);
}
