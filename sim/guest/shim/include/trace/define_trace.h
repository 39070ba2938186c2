/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: stub. The CREATE_TRACE_POINTS second pass of hv_trace.c expands to nothing: the
 * shim's TRACE_EVENT already made every event a static inline (linux/tracepoint.h).
 */
