/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vsock.c - a minimal AF_VSOCK core for net/vmw_vsock/hyperv_transport.c (hv_sock), in place
 * of net/vmw_vsock/af_vsock.c, and the host hook that acts as a user's connect().
 *
 * What it provides is exactly what the transport calls (shim net/af_vsock.h, net/sock.h):
 * transport registration (one guest->host transport, as af_vsock.c's transport_g2h), the
 * bound and connected socket lists, socket reference counting and the socket lock, the
 * accept queue of a listener and the state-change callbacks. Not modelled: listen/accept
 * from user space, send/recv, poll, the socket file; sockets are created only by the hook.
 *
 *   "vsock.connect" int fn(u32 port, u32 timeout_ms): a "vsock-connect" task does what
 *	socket(AF_VSOCK, SOCK_STREAM) + connect({VMADDR_CID_HOST, port}) do in af_vsock.c:
 *	assign the guest->host transport (-ENODEV if none registered), auto-bind a local port,
 *	sk_state = TCP_SYN_SENT, transport->connect() (hvs_connect: TL_CONNECT_REQUEST), then
 *	wait up to timeout_ms (0: VSOCK_DEFAULT_CONNECT_TIMEOUT, 2 s) for the state to leave
 *	TCP_SYN_SENT (hvs_open_connection() on a matching hv_sock offer). A failed connect is
 *	closed as the program would (release + last reference); a connected socket stays open.
 *
 * Local ports are deterministic: auto-bind takes the next unbound port above
 * LAST_RESERVED_PORT, starting at 1024 (af_vsock.c starts at a random one).
 * Traces (source guest.vsock): register features=, unregister, connect port= local_port=
 * ret=, connected port= local_port=, failed port= local_port= err= stage=transport|connect|
 * wait.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <net/af_vsock.h>
#include "krt.h"

#define KRT_VSOCK_CONNECT_TIMEOUT_MS 2000u	/* VSOCK_DEFAULT_CONNECT_TIMEOUT (2 * HZ) */

static const struct vsock_transport *krt_vsock_g2h;
static LIST_HEAD(krt_vsock_bound);
static LIST_HEAD(krt_vsock_connected);
static u32 krt_vsock_next_port = LAST_RESERVED_PORT + 1;

int vsock_core_register(const struct vsock_transport *t, int features)
{
	if (!(features & VSOCK_TRANSPORT_F_G2H) || krt_vsock_g2h)
		return -EBUSY;
	krt_vsock_g2h = t;
	krt_trace("guest.vsock", "register", "features=%#x", features);
	return 0;
}

void vsock_core_unregister(const struct vsock_transport *t)
{
	if (krt_vsock_g2h == t)
		krt_vsock_g2h = NULL;
	krt_trace("guest.vsock", "unregister", "ok=1");
}

void vsock_addr_init(struct sockaddr_vm *addr, u32 cid, u32 port)
{
	memset(addr, 0, sizeof(*addr));
	addr->svm_family = AF_VSOCK;
	addr->svm_cid = cid;
	addr->svm_port = port;
}

/* ---- sockets ---- */

static void krt_vsock_wake(struct sock *sk)
{
	wake_up_all(&sk->sim_wq);
}

static struct vsock_sock *krt_vsock_alloc(void)
{
	struct vsock_sock *vsk = kzalloc(sizeof(*vsk), GFP_KERNEL);
	struct sock *sk;

	if (!vsk)
		return NULL;
	sk = sk_vsock(vsk);
	atomic_set(&sk->sk_refcnt, 1);
	mutex_init(&sk->sim_lock);
	init_waitqueue_head(&sk->sim_wq);
	sk->sk_state = TCP_CLOSE;
	sk->sk_state_change = krt_vsock_wake;
	sk->sk_data_ready = krt_vsock_wake;
	sk->sk_write_space = krt_vsock_wake;
	INIT_LIST_HEAD(&vsk->bound_table);
	INIT_LIST_HEAD(&vsk->connected_table);
	INIT_LIST_HEAD(&vsk->accept_queue);
	vsock_addr_init(&vsk->local_addr, VMADDR_CID_ANY, VMADDR_PORT_ANY);
	vsock_addr_init(&vsk->remote_addr, VMADDR_CID_ANY, VMADDR_PORT_ANY);
	vsk->connect_timeout = msecs_to_jiffies(KRT_VSOCK_CONNECT_TIMEOUT_MS);
	return vsk;
}

void lock_sock(struct sock *sk)
{
	mutex_lock(&sk->sim_lock);
}

void release_sock(struct sock *sk)
{
	mutex_unlock(&sk->sim_lock);
}

/* Last reference: af_vsock.c's vsock_sk_destruct (transport destruct) + sk_free. */
void sock_put(struct sock *sk)
{
	struct vsock_sock *vsk = vsock_sk(sk);

	if (!atomic_dec_and_test(&sk->sk_refcnt))
		return;
	if (vsk->transport)
		vsk->transport->destruct(vsk);
	kfree(vsk);
}

static bool krt_vsock_port_bound(u32 port)
{
	struct vsock_sock *vsk;

	list_for_each_entry(vsk, &krt_vsock_bound, bound_table)
		if (vsk->local_addr.svm_port == port)
			return true;
	return false;
}

/* vsock_auto_bind(): the next free port above LAST_RESERVED_PORT; the list holds a ref. */
static int krt_vsock_auto_bind(struct vsock_sock *vsk)
{
	unsigned int tries;

	for (tries = 0; tries < 0x10000; tries++) {
		u32 port = krt_vsock_next_port++;

		if (krt_vsock_next_port == VMADDR_PORT_ANY)
			krt_vsock_next_port = LAST_RESERVED_PORT + 1;
		if (port <= LAST_RESERVED_PORT || krt_vsock_port_bound(port))
			continue;
		vsock_addr_init(&vsk->local_addr, VMADDR_CID_ANY, port);
		sock_hold(sk_vsock(vsk));
		list_add_tail(&vsk->bound_table, &krt_vsock_bound);
		return 0;
	}
	return -EADDRNOTAVAIL;
}

struct sock *vsock_find_bound_socket(struct sockaddr_vm *addr)
{
	struct vsock_sock *vsk;

	list_for_each_entry(vsk, &krt_vsock_bound, bound_table) {
		if (vsk->local_addr.svm_port != addr->svm_port)
			continue;
		if (addr->svm_cid != VMADDR_CID_ANY && vsk->local_addr.svm_cid != VMADDR_CID_ANY &&
		    vsk->local_addr.svm_cid != addr->svm_cid)
			continue;
		sock_hold(sk_vsock(vsk));
		return sk_vsock(vsk);
	}
	return NULL;
}

struct sock *vsock_find_connected_socket(struct sockaddr_vm *src, struct sockaddr_vm *dst)
{
	struct vsock_sock *vsk;

	list_for_each_entry(vsk, &krt_vsock_connected, connected_table) {
		if (vsk->remote_addr.svm_port == src->svm_port &&
		    vsk->local_addr.svm_port == dst->svm_port) {
			sock_hold(sk_vsock(vsk));
			return sk_vsock(vsk);
		}
	}
	return NULL;
}

void vsock_insert_connected(struct vsock_sock *vsk)
{
	sock_hold(sk_vsock(vsk));
	list_add_tail(&vsk->connected_table, &krt_vsock_connected);
}

/* Each list holds a reference; the caller holds another (as in af_vsock.c). */
void vsock_remove_sock(struct vsock_sock *vsk)
{
	if (!list_empty(&vsk->bound_table)) {
		list_del_init(&vsk->bound_table);
		sock_put(sk_vsock(vsk));
	}
	if (!list_empty(&vsk->connected_table)) {
		list_del_init(&vsk->connected_table);
		sock_put(sk_vsock(vsk));
	}
}

s64 vsock_stream_has_data(struct vsock_sock *vsk)
{
	return vsk->transport->stream_has_data(vsk);
}

s64 vsock_stream_has_space(struct vsock_sock *vsk)
{
	return vsk->transport->stream_has_space(vsk);
}

/* A host-initiated connection's child socket (only reached through a listener). */
struct sock *vsock_create_connected(struct sock *parent)
{
	struct vsock_sock *vsk = krt_vsock_alloc();

	if (!vsk)
		return NULL;
	vsk->listener = parent;
	vsk->sk.sk_sndbuf = parent->sk_sndbuf;
	vsk->sk.sk_rcvbuf = parent->sk_rcvbuf;
	return sk_vsock(vsk);
}

void vsock_enqueue_accept(struct sock *listener, struct sock *connected)
{
	sock_hold(connected);
	sock_hold(listener);
	list_add_tail(&vsock_sk(connected)->accept_queue, &vsock_sk(listener)->accept_queue);
}

/* Only the guest->host transport exists here (hv_sock is a G2H transport). */
int vsock_assign_transport(struct vsock_sock *vsk, struct vsock_sock *psk)
{
	int ret;

	if (!krt_vsock_g2h)
		return -ENODEV;
	if (vsk->transport == krt_vsock_g2h)
		return 0;
	if (vsk->transport)
		return -EBUSY;
	vsk->transport = krt_vsock_g2h;
	ret = vsk->transport->init(vsk, psk);
	if (ret)
		vsk->transport = NULL;
	return ret;
}

/* ---- the user's connect() ---- */

struct krt_vsock_req {
	u32 port;
	u32 timeout_ms;
};

/* close(): vsock_release's transport->release, then the file's reference. */
static void krt_vsock_close(struct vsock_sock *vsk)
{
	struct sock *sk = sk_vsock(vsk);

	lock_sock(sk);
	if (vsk->transport)
		vsk->transport->release(vsk);
	else
		vsock_remove_sock(vsk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	sock_set_flag(sk, SOCK_DEAD);
	release_sock(sk);
	sock_put(sk);
}

static int krt_vsock_connect_main(void *data)
{
	struct krt_vsock_req req = *(struct krt_vsock_req *)data;
	struct socket sock = { .state = SS_UNCONNECTED, .type = 1 /* SOCK_STREAM */ };
	struct vsock_sock *vsk;
	struct sock *sk;
	const char *stage = "transport";
	int err;

	kfree(data);
	vsk = krt_vsock_alloc();
	if (!vsk)
		return -ENOMEM;
	sk = sk_vsock(vsk);
	sk->sk_socket = &sock;
	sock.sk = sk;
	lock_sock(sk);
	vsock_addr_init(&vsk->remote_addr, VMADDR_CID_HOST, req.port);
	err = vsock_assign_transport(vsk, NULL);
	if (!err && !vsk->transport->stream_allow(VMADDR_CID_HOST, req.port))
		err = -ENETUNREACH;
	if (!err)
		err = krt_vsock_auto_bind(vsk);
	if (!err) {
		stage = "connect";
		sk->sk_state = TCP_SYN_SENT;
		err = vsk->transport->connect(vsk);
		krt_trace("guest.vsock", "connect", "port=%u local_port=%u ret=%d", req.port,
			  vsk->local_addr.svm_port, err);
	}
	if (!err) {
		stage = "wait";
		sock.state = SS_CONNECTING;
		release_sock(sk);
		wait_event_timeout(sk->sim_wq, sk->sk_state != TCP_SYN_SENT,
				   msecs_to_jiffies(req.timeout_ms ?: KRT_VSOCK_CONNECT_TIMEOUT_MS));
		lock_sock(sk);
		if (sk->sk_state == TCP_ESTABLISHED) {
			krt_trace("guest.vsock", "connected", "port=%u local_port=%u", req.port,
				  vsk->local_addr.svm_port);
			release_sock(sk);
			sk->sk_socket = NULL;	/* the socket outlives this task */
			return 0;
		}
		err = sk->sk_state == TCP_SYN_SENT ? -ETIMEDOUT : -ECONNRESET;
		sk->sk_state = TCP_CLOSE;
		sock.state = SS_UNCONNECTED;
	} else {
		sk->sk_state = TCP_CLOSE;
	}
	krt_trace("guest.vsock", "failed", "port=%u local_port=%u err=%d stage=%s", req.port,
		  vsk->local_addr.svm_port, err, stage);
	release_sock(sk);
	sk->sk_socket = NULL;
	krt_vsock_close(vsk);
	return 0;
}

static int krt_vsock_connect(u32 port, u32 timeout_ms)
{
	struct krt_vsock_req *req = kzalloc(sizeof(*req), GFP_KERNEL);
	struct task_struct *t;

	if (!req)
		return -ENOMEM;
	req->port = port;
	req->timeout_ms = timeout_ms;
	t = krt_task_create("vsock-connect", krt_vsock_connect_main, req, 0);
	if (!t) {
		kfree(req);
		return -ENOMEM;
	}
	wake_up_process(t);
	return 0;
}

void *krt_vsock_hook(const char *name)
{
	if (!strcmp(name, "vsock.connect"))
		return (void *)krt_vsock_connect;
	return NULL;
}
