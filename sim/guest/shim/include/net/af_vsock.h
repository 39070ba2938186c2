/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: stub. include/net/af_vsock.h (+ uapi/linux/vm_sockets.h, net/vsock_addr.h) reduced
 * to what net/vmw_vsock/hyperv_transport.c uses: struct sockaddr_vm, struct vsock_sock with
 * the kernel's names for the fields the transport touches, struct vsock_transport with every
 * member hyperv_transport.c initialises (6.1: set_rcvlowat; >= 6.8: notify_set_rcvlowat),
 * and the core's entry points, implemented by the runtime's minimal AF_VSOCK core
 * (runtime/vsock.c) instead of net/vmw_vsock/af_vsock.c.
 */
#ifndef _SIM_NET_AF_VSOCK_H
#define _SIM_NET_AF_VSOCK_H
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/workqueue.h>
#include <net/sock.h>

/* uapi/linux/vm_sockets.h */
#define VMADDR_CID_ANY		-1U
#define VMADDR_PORT_ANY		-1U
#define VMADDR_CID_HYPERVISOR	0
#define VMADDR_CID_LOCAL	1
#define VMADDR_CID_HOST		2

struct sockaddr_vm {
	unsigned short svm_family;
	unsigned short svm_reserved1;
	unsigned int svm_port;
	unsigned int svm_cid;
	u8 svm_flags;
	unsigned char svm_zero[3];
};

#define LAST_RESERVED_PORT 1023

#define vsock_sk(__sk)    ((struct vsock_sock *)__sk)
#define sk_vsock(__vsk)   (&(__vsk)->sk)

struct vsock_sock {
	/* sk must be the first member. */
	struct sock sk;
	const struct vsock_transport *transport;
	struct sockaddr_vm local_addr;
	struct sockaddr_vm remote_addr;
	struct list_head bound_table;
	struct list_head connected_table;
	long connect_timeout;
	struct sock *listener;
	struct list_head accept_queue;
	struct delayed_work close_work;
	bool close_work_scheduled;
	u32 peer_shutdown;
	/* Private to transport. */
	void *trans;
};

s64 vsock_stream_has_data(struct vsock_sock *vsk);
s64 vsock_stream_has_space(struct vsock_sock *vsk);
struct sock *vsock_create_connected(struct sock *parent);

struct vsock_transport_recv_notify_data {
	u64 data1;
	u64 data2;
	bool notify_on_block;
};

struct vsock_transport_send_notify_data {
	u64 data1;
	u64 data2;
};

#define VSOCK_TRANSPORT_F_H2G		0x00000001
#define VSOCK_TRANSPORT_F_G2H		0x00000002
#define VSOCK_TRANSPORT_F_DGRAM		0x00000004
#define VSOCK_TRANSPORT_F_LOCAL		0x00000008

struct vsock_transport {
	struct module *module;

	int (*init)(struct vsock_sock *, struct vsock_sock *);
	void (*destruct)(struct vsock_sock *);
	void (*release)(struct vsock_sock *);
	int (*cancel_pkt)(struct vsock_sock *vsk);
	int (*connect)(struct vsock_sock *);

	int (*dgram_bind)(struct vsock_sock *, struct sockaddr_vm *);
	int (*dgram_dequeue)(struct vsock_sock *vsk, struct msghdr *msg, size_t len, int flags);
	int (*dgram_enqueue)(struct vsock_sock *, struct sockaddr_vm *, struct msghdr *, size_t len);
	bool (*dgram_allow)(u32 cid, u32 port);

	ssize_t (*stream_dequeue)(struct vsock_sock *, struct msghdr *, size_t len, int flags);
	ssize_t (*stream_enqueue)(struct vsock_sock *, struct msghdr *, size_t len);
	s64 (*stream_has_data)(struct vsock_sock *);
	s64 (*stream_has_space)(struct vsock_sock *);
	u64 (*stream_rcvhiwat)(struct vsock_sock *);
	bool (*stream_is_active)(struct vsock_sock *);
	bool (*stream_allow)(u32 cid, u32 port);

	int (*notify_poll_in)(struct vsock_sock *, size_t, bool *);
	int (*notify_poll_out)(struct vsock_sock *, size_t, bool *);
	int (*notify_recv_init)(struct vsock_sock *, size_t,
		struct vsock_transport_recv_notify_data *);
	int (*notify_recv_pre_block)(struct vsock_sock *, size_t,
		struct vsock_transport_recv_notify_data *);
	int (*notify_recv_pre_dequeue)(struct vsock_sock *, size_t,
		struct vsock_transport_recv_notify_data *);
	int (*notify_recv_post_dequeue)(struct vsock_sock *, size_t,
		ssize_t, bool, struct vsock_transport_recv_notify_data *);
	int (*notify_send_init)(struct vsock_sock *,
		struct vsock_transport_send_notify_data *);
	int (*notify_send_pre_block)(struct vsock_sock *,
		struct vsock_transport_send_notify_data *);
	int (*notify_send_pre_enqueue)(struct vsock_sock *,
		struct vsock_transport_send_notify_data *);
	int (*notify_send_post_enqueue)(struct vsock_sock *, ssize_t,
		struct vsock_transport_send_notify_data *);
#if SIM_KVER >= 608
	int (*notify_set_rcvlowat)(struct vsock_sock *vsk, int val);
#else
	int (*set_rcvlowat)(struct vsock_sock *vsk, int val);
#endif

	int (*shutdown)(struct vsock_sock *, int);
	u32 (*get_local_cid)(void);
};

int vsock_core_register(const struct vsock_transport *t, int features);
void vsock_core_unregister(const struct vsock_transport *t);

struct sock *vsock_find_bound_socket(struct sockaddr_vm *addr);
struct sock *vsock_find_connected_socket(struct sockaddr_vm *src, struct sockaddr_vm *dst);
void vsock_remove_sock(struct vsock_sock *vsk);
void vsock_insert_connected(struct vsock_sock *vsk);
void vsock_enqueue_accept(struct sock *listener, struct sock *connected);
int vsock_assign_transport(struct vsock_sock *vsk, struct vsock_sock *psk);

/* net/vsock_addr.h */
void vsock_addr_init(struct sockaddr_vm *addr, u32 cid, u32 port);
#endif
