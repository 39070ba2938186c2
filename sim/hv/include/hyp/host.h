/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host.h - binding of the seam (struct hyp_host_ops) and of hyp_env to one sim_core world and
 * one hyp_machine, plus the guest image loader.
 *
 * The seam's host ops carry no context pointer, so exactly one hyp_host may be live in a
 * process (runs happen in forked children; asserted).
 *
 * Crash semantics (hyp_host_ops.crash): the reason is traced (source "hv", kind "crash"), the
 * world is stopped; from a fiber the crashing task blocks forever (discarded with the world);
 * from event context control returns by longjmp to hyp_host_run(), which reports it.
 */
#ifndef HYP_HOST_H
#define HYP_HOST_H

#include <stdbool.h>
#include <stddef.h>

#include "hyp/env.h"
#include "hyp/machine.h"
#include "hyp/seam.h"
#include "sim/world.h"

/* Bind env to world w: time, events and trace come from w; seed = world seed. */
void hyp_env_world_init(struct hyp_env *env, struct sim_world *w);

struct hyp_host;

/* Create the seam table for (w, m). Returns NULL if another hyp_host is live. */
struct hyp_host *hyp_host_create(struct sim_world *w, struct hyp_machine *m);
void hyp_host_destroy(struct hyp_host *h);
const struct hyp_host_ops *hyp_host_ops_table(const struct hyp_host *h);
/* sim_world_run() with crash handling. *crashed is set if the guest called crash(). */
enum sim_outcome hyp_host_run(struct hyp_host *h, bool *crashed);
/* Crash reason (NULL if none). */
const char *hyp_host_crash_reason(const struct hyp_host *h);
/* Findings reported through the seam (guest runtime) so far. */
uint32_t hyp_host_guest_findings(const struct hyp_host *h);

/* ---- guest image loader ---- */
struct hyp_image;
/*
 * dlopen(path, RTLD_NOW | RTLD_LOCAL) and resolve HYP_SEAM_ENTRY_SYMBOL. Returns NULL with a
 * message in err (missing file, unresolved symbols, no entry symbol).
 */
struct hyp_image *hyp_image_open(const char *path, char *err, size_t err_len);
/*
 * Call the entry with host and check the returned table (non-NULL, version ==
 * HYP_SEAM_VERSION, boot/interrupt/hook set). Returns NULL with a message in err.
 */
const struct hyp_guest_ops *hyp_image_start(struct hyp_image *img,
                                            const struct hyp_host_ops *host, char *err,
                                            size_t err_len);
/* dlclose. The guest ops must not be used afterwards. */
void hyp_image_close(struct hyp_image *img);

#endif /* HYP_HOST_H */
