/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (dumpers are registered, never called: no oops) */
#ifndef _SIM_LINUX_KMSG_DUMP_H
#define _SIM_LINUX_KMSG_DUMP_H
#include <linux/list.h>
#include <linux/types.h>
enum kmsg_dump_reason { KMSG_DUMP_UNDEF, KMSG_DUMP_PANIC, KMSG_DUMP_OOPS, KMSG_DUMP_EMERG,
			KMSG_DUMP_SHUTDOWN, KMSG_DUMP_MAX };
struct kmsg_dump_iter { u64 cur_seq; u64 next_seq; };
struct kmsg_dump_detail { enum kmsg_dump_reason reason; const char *description; };
struct kmsg_dumper {
	struct list_head list;
#if SIM_KVER >= 612
	void (*dump)(struct kmsg_dumper *dumper, struct kmsg_dump_detail *detail);
#else
	void (*dump)(struct kmsg_dumper *dumper, enum kmsg_dump_reason reason);
#endif
	enum kmsg_dump_reason max_reason;
	bool registered;
};
int kmsg_dump_register(struct kmsg_dumper *dumper);
int kmsg_dump_unregister(struct kmsg_dumper *dumper);
bool kmsg_dump_get_buffer(struct kmsg_dump_iter *iter, bool syslog, char *buf, size_t size,
			  size_t *len);
void kmsg_dump_rewind(struct kmsg_dump_iter *iter);
#endif
