/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: stub + instrumented. The parts of net/sock.h (and linux/net.h, linux/socket.h,
 * net/tcp_states.h) that net/vmw_vsock/hyperv_transport.c uses: struct sock with the kernel's
 * field names for what the transport touches, struct socket's state, the socket flags,
 * the accept-queue counters, lock_sock/release_sock and the reference count (backed by the
 * runtime's minimal AF_VSOCK core, runtime/vsock.c), a flat struct msghdr. Values of the
 * constants are the kernel's. There is no socket layer, no skb and no protocol table.
 */
#ifndef _SIM_NET_SOCK_H
#define _SIM_NET_SOCK_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/string.h>
#include <linux/errno.h>

/* Socket errno values (asm-generic), for the AF_VSOCK core only. */
#ifndef EADDRNOTAVAIL
#define EADDRNOTAVAIL	99
#endif
#ifndef ENETUNREACH
#define ENETUNREACH	101
#endif
#ifndef ECONNRESET
#define ECONNRESET	104
#endif

#define AF_VSOCK	40
#define PF_VSOCK	AF_VSOCK
#define MODULE_ALIAS_NETPROTO(proto)

#define MSG_PEEK	2
#define MSG_DONTWAIT	0x40

#define RCV_SHUTDOWN	1
#define SEND_SHUTDOWN	2
#define SHUTDOWN_MASK	3

/* net/tcp_states.h */
enum {
	TCP_ESTABLISHED = 1,
	TCP_SYN_SENT,
	TCP_SYN_RECV,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_TIME_WAIT,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_LAST_ACK,
	TCP_LISTEN,
	TCP_CLOSING,
	TCP_NEW_SYN_RECV,
	TCP_MAX_STATES
};

/* uapi/linux/net.h */
typedef enum {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING
} socket_state;

struct socket {
	socket_state state;
	short type;
	struct sock *sk;
};

enum sock_flags {
	SOCK_DEAD,
	SOCK_DONE,
};

struct sock {
	volatile unsigned char sk_state;
	u8 sk_shutdown;
	int sk_err;
	int sk_sndbuf;
	int sk_rcvbuf;
	u32 sk_ack_backlog;
	u32 sk_max_ack_backlog;
	unsigned long sk_flags;
	struct socket *sk_socket;
	void (*sk_state_change)(struct sock *sk);
	void (*sk_data_ready)(struct sock *sk);
	void (*sk_write_space)(struct sock *sk);
	/* runtime/vsock.c: refcount, the socket lock (lock_sock is a sleeping lock), the wait
	 * queue the callbacks above wake (sk_wq in the kernel) */
	atomic_t sk_refcnt;
	struct mutex sim_lock;
	wait_queue_head_t sim_wq;
};

static inline void sock_set_flag(struct sock *sk, enum sock_flags flag)
{
	__set_bit(flag, &sk->sk_flags);
}

static inline void sock_reset_flag(struct sock *sk, enum sock_flags flag)
{
	__clear_bit(flag, &sk->sk_flags);
}

static inline bool sock_flag(const struct sock *sk, enum sock_flags flag)
{
	return test_bit(flag, &sk->sk_flags);
}

static inline bool sk_acceptq_is_full(const struct sock *sk)
{
	return READ_ONCE(sk->sk_ack_backlog) > READ_ONCE(sk->sk_max_ack_backlog);
}

static inline void sk_acceptq_added(struct sock *sk)
{
	WRITE_ONCE(sk->sk_ack_backlog, sk->sk_ack_backlog + 1);
}

static inline void sk_acceptq_removed(struct sock *sk)
{
	WRITE_ONCE(sk->sk_ack_backlog, sk->sk_ack_backlog - 1);
}

void lock_sock(struct sock *sk);
void release_sock(struct sock *sk);

static inline void sock_hold(struct sock *sk)
{
	atomic_inc(&sk->sk_refcnt);
}

/* The last reference frees the socket (runtime/vsock.c: transport destruct + kfree). */
void sock_put(struct sock *sk);

/* A flat user buffer: iov_iter is not modelled. */
struct msghdr {
	void *sim_buf;
	size_t sim_len;
	size_t sim_off;
	unsigned int msg_flags;
};

static inline int memcpy_to_msg(struct msghdr *msg, void *data, int len)
{
	if (len < 0 || msg->sim_len - msg->sim_off < (size_t)len)
		return -EFAULT;
	memcpy((char *)msg->sim_buf + msg->sim_off, data, len);
	msg->sim_off += len;
	return 0;
}

static inline int memcpy_from_msg(void *data, struct msghdr *msg, int len)
{
	if (len < 0 || msg->sim_len - msg->sim_off < (size_t)len)
		return -EFAULT;
	memcpy(data, (char *)msg->sim_buf + msg->sim_off, len);
	msg->sim_off += len;
	return 0;
}
#endif
