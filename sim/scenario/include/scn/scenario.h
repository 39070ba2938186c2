/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * scenario.h - a validated hvsim scenario (format v1, documented in conformance/README.md).
 *
 * scn_load() reads one YAML file through the strict tree loader and checks it against the
 * scenario schema: unknown keys, wrong types, bad durations ("10ms", "250us", "1.5s"), bad
 * version strings, missing id ... are errors with file:line:col. A loaded scenario is plain
 * data owned by the caller (free with scn_free()); strings point into the scenario's tree.
 */
#ifndef SCN_SCENARIO_H
#define SCN_SCENARIO_H

#include "scn/yaml_tree.h"

#include <stdint.h>

#define SCN_MAX_VERSIONS 16
#define SCN_MAX_DEVICES 64
#define SCN_MAX_LIST 256 /* rules, tags, drivers, timeline, faults, findings, deadlines */
#define SCN_MAX_ARGS 16
#define SCN_MAX_VCPUS 64

/* A latency: fixed, uniform in [min,max], or exponential with a mean; all in ns. */
enum scn_dist_kind { SCN_DIST_FIXED, SCN_DIST_UNIFORM, SCN_DIST_EXP };
struct scn_dist {
    enum scn_dist_kind kind;
    uint64_t a_ns; /* FIXED: value; UNIFORM: min; EXP: mean */
    uint64_t b_ns; /* UNIFORM: max */
};

/* A key=value argument of a device, timeline step or fault; value kept as text. */
struct scn_arg {
    const char *key;
    const char *value;
    unsigned line, col;
};

struct scn_device {
    const char *type;     /* e.g. "keyboard", "heartbeat", "kvp" */
    const char *name;     /* unique in the scenario; defaults to type */
    const char *instance; /* instance GUID string, or NULL for a derived one */
    uint32_t subchannels;
    uint32_t monitor; /* 1: the offer is monitor-allocated (MNF signalling) */
    struct scn_arg args[SCN_MAX_ARGS]; /* "with:" model options, checked by the executor */
    uint32_t nr_args;
    unsigned line, col;
};

struct scn_step {
    int has_at;
    uint64_t at_ns;   /* when has_at */
    const char *on;   /* observed trace event that triggers the step, when !has_at */
    const char *action;
    const char *device;
    struct scn_arg args[SCN_MAX_ARGS];
    uint32_t nr_args;
    unsigned line, col;
};

struct scn_fault {
    const char *kind; /* e.g. "delay", "post-busy", "malformed" */
    const char *target;
    struct scn_arg args[SCN_MAX_ARGS];
    uint32_t nr_args;
    unsigned line, col;
};

struct scn_deadline {
    const char *event;
    uint64_t within_ns;
};

enum scn_verdict { SCN_VERDICT_PASS, SCN_VERDICT_FAIL, SCN_VERDICT_SKIP };

struct scn_scenario {
    struct scn_tree tree; /* owns every string below */
    const char *file;
    const char *id;
    const char *title;
    const char *source;
    const char *rules[SCN_MAX_LIST];
    uint32_t nr_rules;
    const char *tags[SCN_MAX_LIST];
    uint32_t nr_tags;
    uint32_t tier;
    uint64_t seed;
    int adversarial; /* tagged "adversarial" */
    /* limits (0 = runner default) */
    uint64_t limit_time_ns;
    uint64_t limit_events;
    uint64_t limit_wall_ns;
    /* host */
    uint32_t versions[SCN_MAX_VERSIONS]; /* VMBus version words (major << 16 | minor) */
    uint32_t nr_versions;                /* 0 = host default (all) */
    struct scn_device devices[SCN_MAX_DEVICES];
    uint32_t nr_devices;
    struct scn_dist latency_message, latency_signal, latency_interrupt;
    /* guest */
    const char *kernel; /* NULL = runner's choice */
    uint32_t vcpus;
    uint32_t isolation; /* 0 none, 1 VBS (guest.isolation: none | vbs) */
    uint32_t vtl;       /* 0 or 2 (guest.vtl) */
    const char *drivers[SCN_MAX_LIST];
    uint32_t nr_drivers;
    /* timeline, faults, expectations */
    struct scn_step steps[SCN_MAX_LIST];
    uint32_t nr_steps;
    struct scn_fault faults[SCN_MAX_LIST];
    uint32_t nr_faults;
    enum scn_verdict expect_verdict;
    const char *expect_findings[SCN_MAX_LIST];
    uint32_t nr_expect_findings;
    struct scn_deadline deadlines[SCN_MAX_LIST];
    uint32_t nr_deadlines;
};

/* Load and validate. Returns 0, or -1 with *err set. *out must be freed with scn_free()
 * on success only. struct scn_scenario is large: allocate it, don't put it on a stack. */
int scn_load(const char *path, struct scn_scenario *out, struct scn_error *err);
void scn_free(struct scn_scenario *scn);

/* Parse a duration ("0", "15ns", "250us", "10ms", "1.5s") into ns. 0 ok, -1 bad. */
int scn_parse_duration(const char *text, uint64_t *out_ns);
/* Parse a VMBus version "M.m" into major << 16 | minor; only versions the protocol
 * defines (0.13 1.1 2.4 3.0 4.0 4.1 5.0 5.1 5.2 5.3) are accepted. 0 ok, -1 bad. */
int scn_parse_version(const char *text, uint32_t *out);

#endif
