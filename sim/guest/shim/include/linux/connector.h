/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (connector callbacks registered by id; cn_netlink_send traced as the daemon boundary) */
#ifndef _SIM_LINUX_CONNECTOR_H
#define _SIM_LINUX_CONNECTOR_H
#include <linux/types.h>
#include <linux/gfp_types.h>
struct cb_id { __u32 idx; __u32 val; };
struct cn_msg {
	struct cb_id id;
	__u32 seq;
	__u32 ack;
	__u16 len;
	__u16 flags;
	__u8 data[];
};
struct netlink_skb_parms { u32 portid; };
#define CN_KVP_IDX 0x9
#define CN_KVP_VAL 0x1
#define CN_VSS_IDX 0xA
#define CN_VSS_VAL 0x1
int cn_add_callback(const struct cb_id *id, const char *name,
		    void (*callback)(struct cn_msg *, struct netlink_skb_parms *));
void cn_del_callback(const struct cb_id *id);
int cn_netlink_send(struct cn_msg *msg, u32 portid, u32 group, gfp_t gfp_mask);
#endif
