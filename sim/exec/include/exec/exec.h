/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exec.h - execute one scenario: build the world (engine, hypervisor, guest image, host
 * models, checkers) from a validated scenario, run it to an outcome, judge it.
 *
 * One call = one run = (seed, scenario id, image build id), the identity printed in the
 * trace's first line. Called inside a runner child (sim/runner), so a crash of the guest
 * kills only that child; exec itself never exits the process.
 */
#ifndef EXEC_EXEC_H
#define EXEC_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include "run/runner.h"
#include "scn/scenario.h"

struct exec_image {
    const char *name;     /* "linux-6.12" */
    const char *release;  /* "6.12.117" */
    const char *build_id; /* from the manifest; checked against the loaded image */
    const char *path;     /* the .so */
};

struct exec_options {
    uint32_t vcpus_override; /* 0: the scenario's */
    int verbose;             /* 1: print the run summary to stdout */
};

/*
 * Run scenario s on image img with seed, writing the canonical trace to trace_path (NULL:
 * no file, hash only). Fills res: verdict (PASS when the outcome, the findings and every
 * expectation match the scenario; FAIL with a one-line reason otherwise; SKIP when the
 * scenario needs something the image lacks), trace_hash, rules, virtual_ns, events.
 * Returns 0, or -1 if the world could not even be built (reason in res).
 */
int exec_run(const struct scn_scenario *s, const struct exec_image *img, uint64_t seed,
             const struct exec_options *opt, const char *trace_path, struct run_result *res);

/*
 * Semantic checks the schema cannot make: known device types, actions and fault kinds,
 * references to declared devices, adversarial-only faults in adversarial scenarios.
 * Returns 0, or -1 with *err (file:line:col) set.
 */
int exec_validate(const struct scn_scenario *s, struct scn_error *err);

/* VMBus channel message type of a name ("INITIATE_CONTACT" -> 14), or -1. */
int exec_msgtype(const char *name);

/* ---- util ICs (util_actions.c): device options, guest daemons, timeline actions ---- */
struct vsp_util_params;
struct vsp_util_dev;
struct hyp_guest_ops;
struct trc_trace;

/* A kvp/vss/fcopy device's guest daemon: mode "present" | "absent" | "slow". */
struct exec_util_daemon {
    const char *mode;
    uint64_t reply_delay_ns; /* slow: each answer this long after the request */
    uint64_t start_ns;       /* the daemon opens its device this long after registration */
};

/*
 * A util IC device's `with:` options into *p (zeroed by the caller, instance set) and *dm.
 * Returns 0, or -1 with a message in err (unknown option, bad value).
 */
int exec_util_params(const struct scn_device *d, struct vsp_util_params *p,
                     struct exec_util_daemon *dm, char *err, size_t len);
/* Tell the guest image which daemon to run for svc ("kvp", "vss", "fcopy") through its
 * "daemon.config" hook. Before boot. Returns 0, or < 0 if the image cannot. */
int exec_util_daemon_config(const struct hyp_guest_ops *g, const char *svc,
                            const struct exec_util_daemon *dm);
/* Validation of a timeline step: 0 not a util action, 1 a valid one, -1 invalid (err). */
int exec_util_check_step(const struct scn_scenario *s, const struct scn_step *st,
                         const char *dev_type, char *err, size_t len);
/* Execute a util action on device d: 0 done, 1 not a util action, -1 refused (the reason
 * is traced as scenario.step_failed). */
int exec_util_step(struct vsp_util_dev *d, struct trc_trace *t, const struct scn_step *st);
/* Arm the "selftest-util" faults targeting scenario device dev on its model d (type = the
 * icmsgtype, nth, offset, value: see vsp_util_selftest_mutate). Returns how many. */
int exec_util_faults(const struct scn_scenario *s, uint32_t dev, struct vsp_util_dev *d);

#endif
