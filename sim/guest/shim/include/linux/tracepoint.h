/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. TRACE_EVENT and friends become static inline trace_<event>()
 * functions: they build the TP_STRUCT__entry record with the real TP_fast_assign code and
 * send TP_printk's text (formatted by the runtime's vsnprintf, so %pUl works) to the host
 * trace as source "guest.tp", kind <event name> (runtime/printk.c). -DSIM_NOTRACE makes
 * them empty.
 */
#ifndef _SIM_LINUX_TRACEPOINT_H
#define _SIM_LINUX_TRACEPOINT_H
#include <linux/types.h>
#include <linux/compiler.h>

__printf(2, 3) void sim_tp_emit(const char *event, const char *fmt, ...);
extern bool sim_tp_enabled;

#define TP_PROTO(args...) args
#define TP_ARGS(args...) args
#define TP_STRUCT__entry(args...) args
#define TP_fast_assign(args...) args
#define TP_printk(fmt, args...) fmt, ##args
#define TP_CONDITION(args...) args
#define __field(type, item) type item;
#define __field_ext(type, item, filter_type) type item;
#define __array(type, item, len) type item[len];
#define __string(item, src) const char *item;
#define __assign_str(dst, ...) (__entry->dst = (__VA_ARGS__ + 0) ? : "")
#define __get_str(field) (__entry->field)
#define __print_symbolic(value, symbol_array...) sim_print_symbolic_pad(value)
#define __print_flags(flag, delim, flag_array...) sim_print_symbolic_pad(flag)
#define TRACE_DEFINE_ENUM(x)
#define TRACE_DEFINE_SIZEOF(x)
static inline unsigned long sim_print_symbolic_pad(unsigned long v) { return v; }

#ifdef SIM_NOTRACE
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print) \
	static inline void __sim_tp_class_##name(const char *__ev, proto) {}
#else
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)	\
	struct trace_event_raw_##name { tstruct };			\
	static inline void __sim_tp_class_##name(const char *__ev, proto)	\
	{								\
		struct trace_event_raw_##name __sim_rec, *__entry = &__sim_rec; \
									\
		if (!sim_tp_enabled)					\
			return;						\
		{ assign; }						\
		sim_tp_emit(__ev, print);				\
	}
#endif
#define DEFINE_EVENT(template, name, proto, args)			\
	static inline void trace_##name(proto)				\
	{								\
		__sim_tp_class_##template(#name, args);			\
	}								\
	static inline bool trace_##name##_enabled(void) { return sim_tp_enabled; }
#define DEFINE_EVENT_PRINT(template, name, proto, args, print) \
	DEFINE_EVENT(template, name, PARAMS(proto), PARAMS(args))
#define TRACE_EVENT(name, proto, args, struct, assign, print)		\
	DECLARE_EVENT_CLASS(name, PARAMS(proto), PARAMS(args),		\
			    PARAMS(struct), PARAMS(assign), PARAMS(print)) \
	DEFINE_EVENT(name, name, PARAMS(proto), PARAMS(args))
#define PARAMS(args...) args
#define DECLARE_TRACE(name, proto, args)
#define EXPORT_TRACEPOINT_SYMBOL_GPL(name)
#define EXPORT_TRACEPOINT_SYMBOL(name)
#endif
