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

#endif
