/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * scenario.c - scenario schema v1: scn_tree -> struct scn_scenario.
 *
 * Each mapping of the format is described by a table of {key, handler}; walk_map() rejects
 * keys not in the table (listing the allowed ones) and calls the handlers in document
 * order. Handlers check types and ranges and report with the node's file:line:col. Nothing
 * here allocates: strings stay in the tree, lists are bounded arrays (SCN_MAX_*).
 */
#include "scn/scenario.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct ctx {
    struct scn_scenario *s;
    struct scn_error *err;
    const char *file;
    void *cur; /* the element being filled (device, step, fault, deadline) */
};

typedef int (*field_fn)(struct ctx *c, const struct scn_node *n);
struct field {
    const char *key;
    field_fn fn;
    int required;
};

static int fail(struct ctx *c, const struct scn_node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(struct ctx *c, const struct scn_node *n, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return scn_node_error(c->err, c->file, n, "%s", msg);
}

static const char *kind_name(enum scn_node_kind k)
{
    return k == SCN_NODE_MAP ? "a mapping" : k == SCN_NODE_SEQ ? "a list" : "a scalar";
}

static int want(struct ctx *c, const struct scn_node *n, enum scn_node_kind k, const char *what)
{
    if (n->kind != k)
        return fail(c, n, "%s must be %s, not %s", what, kind_name(k), kind_name(n->kind));
    return 0;
}

static int walk_map(struct ctx *c, const struct scn_node *n, const char *what,
                    const struct field *fields, size_t nr_fields)
{
    if (want(c, n, SCN_NODE_MAP, what))
        return -1;
    for (size_t i = 0; i < n->count; i++) {
        const struct scn_map_entry *e = &n->entries[i];
        size_t f = 0;
        while (f < nr_fields && strcmp(fields[f].key, e->key))
            f++;
        if (f == nr_fields) {
            char allowed[200] = "";
            for (size_t j = 0; j < nr_fields; j++) {
                strncat(allowed, j ? ", " : "", sizeof(allowed) - strlen(allowed) - 1);
                strncat(allowed, fields[j].key, sizeof(allowed) - strlen(allowed) - 1);
            }
            struct scn_node at = {.line = e->key_line, .col = e->key_col};
            return fail(c, &at, "unknown key '%s' in %s (allowed: %s)", e->key, what, allowed);
        }
        if (fields[f].fn(c, e->value))
            return -1;
    }
    for (size_t f = 0; f < nr_fields; f++) {
        if (!fields[f].required)
            continue;
        size_t i = 0;
        while (i < n->count && strcmp(fields[f].key, n->entries[i].key))
            i++;
        if (i == n->count)
            return fail(c, n, "%s: missing required key '%s'", what, fields[f].key);
    }
    return 0;
}

#define WALK(c, n, what, table) walk_map(c, n, what, table, sizeof(table) / sizeof(table[0]))

/* ---- scalars ---- */

static int get_str(struct ctx *c, const struct scn_node *n, const char *what, const char **out)
{
    if (want(c, n, SCN_NODE_SCALAR, what))
        return -1;
    if (!n->scalar[0])
        return fail(c, n, "%s must not be empty", what);
    *out = n->scalar;
    return 0;
}

static int get_u64(struct ctx *c, const struct scn_node *n, const char *what, uint64_t max,
                   uint64_t *out)
{
    if (want(c, n, SCN_NODE_SCALAR, what))
        return -1;
    const char *s = n->scalar;
    if (!isdigit((unsigned char)s[0]))
        return fail(c, n, "%s must be a non-negative integer, not '%s'", what, s);
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end || v > max)
        return fail(c, n, "%s must be an integer in 0..%llu, not '%s'", what,
                    (unsigned long long)max, s);
    *out = v;
    return 0;
}

static int get_u32(struct ctx *c, const struct scn_node *n, const char *what, uint32_t min,
                   uint32_t max, uint32_t *out)
{
    uint64_t v;
    if (get_u64(c, n, what, max, &v))
        return -1;
    if (v < min)
        return fail(c, n, "%s must be at least %u", what, min);
    *out = (uint32_t)v;
    return 0;
}

int scn_parse_duration(const char *text, uint64_t *out_ns)
{
    static const struct {
        const char *unit;
        uint64_t ns;
    } units[] = {{"ns", 1}, {"us", 1000}, {"ms", 1000000}, {"s", 1000000000}};
    if (!strcmp(text, "0")) {
        *out_ns = 0;
        return 0;
    }
    const char *p = text;
    uint64_t whole = 0, frac = 0, frac_div = 1;
    if (!isdigit((unsigned char)*p))
        return -1;
    for (; isdigit((unsigned char)*p); p++) {
        if (whole > (UINT64_MAX - 9) / 10)
            return -1;
        whole = whole * 10 + (uint64_t)(*p - '0');
    }
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return -1;
        for (; isdigit((unsigned char)*p); p++) {
            if (frac_div >= 1000000000)
                return -1; /* more than 9 fractional digits */
            frac = frac * 10 + (uint64_t)(*p - '0');
            frac_div *= 10;
        }
    }
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        if (strcmp(p, units[i].unit))
            continue;
        uint64_t m = units[i].ns;
        if (whole > UINT64_MAX / m)
            return -1;
        if ((frac * m) % frac_div)
            return -1; /* finer than a nanosecond */
        uint64_t v = whole * m + frac * m / frac_div;
        if (v < whole * m)
            return -1;
        *out_ns = v;
        return 0;
    }
    return -1;
}

static int get_duration(struct ctx *c, const struct scn_node *n, const char *what, uint64_t *ns)
{
    if (want(c, n, SCN_NODE_SCALAR, what))
        return -1;
    if (scn_parse_duration(n->scalar, ns))
        return fail(c, n, "%s: bad duration '%s' (use e.g. 250us, 10ms, 1.5s)", what,
                    n->scalar);
    return 0;
}

int scn_parse_version(const char *text, uint32_t *out)
{
    static const char *const known[] = {"0.13", "1.1", "2.4", "3.0", "4.0",
                                        "4.1",  "5.0", "5.1", "5.2", "5.3"};
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        if (strcmp(text, known[i]))
            continue;
        unsigned major = 0, minor = 0;
        sscanf(text, "%u.%u", &major, &minor);
        *out = (uint32_t)(major << 16 | minor);
        return 0;
    }
    return -1;
}

static int get_list(struct ctx *c, const struct scn_node *n, const char *what,
                    const char **out, uint32_t *count)
{
    if (want(c, n, SCN_NODE_SEQ, what))
        return -1;
    if (n->count > SCN_MAX_LIST)
        return fail(c, n, "%s: more than %d entries", what, SCN_MAX_LIST);
    for (size_t i = 0; i < n->count; i++) {
        if (get_str(c, n->items[i], what, &out[i]))
            return -1;
    }
    *count = (uint32_t)n->count;
    return 0;
}

static int is_rule_id(const char *s)
{
    /* AREA-TOPIC-NNN or AREA-NNN, e.g. VMB-VER-001, UTIL-KVP-012, MOU-001 */
    size_t len = strlen(s);
    if (len < 7 || !isdigit((unsigned char)s[len - 1]) || !isdigit((unsigned char)s[len - 2]) ||
        !isdigit((unsigned char)s[len - 3]) || s[len - 4] != '-')
        return 0;
    for (const char *p = s; p < s + len - 4; p++) {
        if (*p != '-' && !isupper((unsigned char)*p) && !isdigit((unsigned char)*p))
            return 0;
    }
    return isupper((unsigned char)s[0]);
}

static int get_rule_list(struct ctx *c, const struct scn_node *n, const char *what,
                         const char **out, uint32_t *count)
{
    if (get_list(c, n, what, out, count))
        return -1;
    for (uint32_t i = 0; i < *count; i++) {
        if (!is_rule_id(out[i]))
            return fail(c, n->items[i], "%s: '%s' is not a rule id (like VMB-VER-001)", what,
                        out[i]);
    }
    return 0;
}

/* ---- top-level scalars ---- */

static int f_id(struct ctx *c, const struct scn_node *n)
{
    if (get_str(c, n, "id", &c->s->id))
        return -1;
    for (const char *p = c->s->id; *p; p++) {
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && !strchr("._-", *p))
            return fail(c, n, "id '%s': use lower-case letters, digits, '.', '_' and '-'",
                        c->s->id);
    }
    return 0;
}
static int f_title(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "title", &c->s->title);
}
static int f_source(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "source", &c->s->source);
}
static int f_rules(struct ctx *c, const struct scn_node *n)
{
    return get_rule_list(c, n, "rules", c->s->rules, &c->s->nr_rules);
}
static int f_tags(struct ctx *c, const struct scn_node *n)
{
    if (get_list(c, n, "tags", c->s->tags, &c->s->nr_tags))
        return -1;
    for (uint32_t i = 0; i < c->s->nr_tags; i++) {
        if (!strcmp(c->s->tags[i], "adversarial"))
            c->s->adversarial = 1;
    }
    return 0;
}
static int f_tier(struct ctx *c, const struct scn_node *n)
{
    return get_u32(c, n, "tier", 0, 3, &c->s->tier);
}
static int f_seed(struct ctx *c, const struct scn_node *n)
{
    return get_u64(c, n, "seed", UINT64_MAX, &c->s->seed);
}

/* ---- limits ---- */

static int f_lim_time(struct ctx *c, const struct scn_node *n)
{
    return get_duration(c, n, "limits.time", &c->s->limit_time_ns);
}
static int f_lim_wall(struct ctx *c, const struct scn_node *n)
{
    return get_duration(c, n, "limits.wall", &c->s->limit_wall_ns);
}
static int f_lim_events(struct ctx *c, const struct scn_node *n)
{
    return get_u64(c, n, "limits.events", UINT64_MAX, &c->s->limit_events);
}
static int f_limits(struct ctx *c, const struct scn_node *n)
{
    static const struct field t[] = {
        {"time", f_lim_time, 0}, {"events", f_lim_events, 0}, {"wall", f_lim_wall, 0}};
    return WALK(c, n, "limits", t);
}

/* ---- host ---- */

static int f_versions(struct ctx *c, const struct scn_node *n)
{
    if (want(c, n, SCN_NODE_SEQ, "host.versions"))
        return -1;
    if (n->count == 0 || n->count > SCN_MAX_VERSIONS)
        return fail(c, n, "host.versions: give 1..%d versions", SCN_MAX_VERSIONS);
    for (size_t i = 0; i < n->count; i++) {
        const char *v;
        if (get_str(c, n->items[i], "host.versions", &v))
            return -1;
        if (scn_parse_version(v, &c->s->versions[i]))
            return fail(c, n->items[i], "host.versions: unknown VMBus version '%s' (known: "
                        "0.13 1.1 2.4 3.0 4.0 4.1 5.0 5.1 5.2 5.3)", v);
        for (size_t j = 0; j < i; j++) {
            if (c->s->versions[j] == c->s->versions[i])
                return fail(c, n->items[i], "host.versions: '%s' listed twice", v);
        }
    }
    c->s->nr_versions = (uint32_t)n->count;
    return 0;
}

static int f_dev_type(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "device type", &((struct scn_device *)c->cur)->type);
}
static int f_dev_name(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "device name", &((struct scn_device *)c->cur)->name);
}
static int f_dev_instance(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "device instance", &((struct scn_device *)c->cur)->instance);
}
static int f_dev_sub(struct ctx *c, const struct scn_node *n)
{
    return get_u32(c, n, "device subchannels", 0, 64,
                   &((struct scn_device *)c->cur)->subchannels);
}

static int f_dev_monitor(struct ctx *c, const struct scn_node *n)
{
    if (want(c, n, SCN_NODE_SCALAR, "device monitor"))
        return -1;
    uint32_t *out = &((struct scn_device *)c->cur)->monitor;
    if (!strcmp(n->scalar, "true") || !strcmp(n->scalar, "false")) {
        *out = !strcmp(n->scalar, "true");
        return 0;
    }
    return fail(c, n, "device monitor must be true or false, not '%s'", n->scalar);
}

static int get_args(struct ctx *c, const struct scn_node *n, const char *what,
                    struct scn_arg *args, uint32_t *nr);
static int f_dev_with(struct ctx *c, const struct scn_node *n)
{
    struct scn_device *d = c->cur;
    return get_args(c, n, "device with", d->args, &d->nr_args);
}

static int f_devices(struct ctx *c, const struct scn_node *n)
{
    static const struct field t[] = {{"type", f_dev_type, 1},
                                     {"name", f_dev_name, 0},
                                     {"instance", f_dev_instance, 0},
                                     {"subchannels", f_dev_sub, 0},
                                     {"monitor", f_dev_monitor, 0},
                                     {"with", f_dev_with, 0}};
    if (want(c, n, SCN_NODE_SEQ, "host.devices"))
        return -1;
    if (n->count > SCN_MAX_DEVICES)
        return fail(c, n, "host.devices: more than %d devices", SCN_MAX_DEVICES);
    for (size_t i = 0; i < n->count; i++) {
        struct scn_device *d = &c->s->devices[i];
        c->cur = d;
        d->line = n->items[i]->line;
        d->col = n->items[i]->col;
        if (n->items[i]->kind == SCN_NODE_SCALAR) { /* short form: "- keyboard" */
            if (get_str(c, n->items[i], "device", &d->type))
                return -1;
        } else if (WALK(c, n->items[i], "a host device", t)) {
            return -1;
        }
        if (!d->name)
            d->name = d->type;
        for (size_t j = 0; j < i; j++) {
            if (!strcmp(c->s->devices[j].name, d->name))
                return fail(c, n->items[i], "host.devices: two devices named '%s' (give "
                            "each a distinct name:)", d->name);
        }
    }
    c->s->nr_devices = (uint32_t)n->count;
    return 0;
}

static int get_dist(struct ctx *c, const struct scn_node *n, const char *what,
                    struct scn_dist *d)
{
    if (n->kind == SCN_NODE_SCALAR) {
        d->kind = SCN_DIST_FIXED;
        return get_duration(c, n, what, &d->a_ns);
    }
    if (want(c, n, SCN_NODE_MAP, what))
        return -1;
    int have_min = 0, have_max = 0, have_mean = 0;
    for (size_t i = 0; i < n->count; i++) {
        const struct scn_map_entry *e = &n->entries[i];
        struct scn_node at = {.line = e->key_line, .col = e->key_col};
        if (!strcmp(e->key, "uniform")) {
            if (want(c, e->value, SCN_NODE_SEQ, what) ||
                (e->value->count != 2 && fail(c, e->value, "%s: uniform takes [min, max]",
                                              what)))
                return -1;
            if (get_duration(c, e->value->items[0], what, &d->a_ns) ||
                get_duration(c, e->value->items[1], what, &d->b_ns))
                return -1;
            if (d->a_ns > d->b_ns)
                return fail(c, e->value, "%s: uniform min is above max", what);
            d->kind = SCN_DIST_UNIFORM;
            have_min = have_max = 1;
        } else if (!strcmp(e->key, "exp")) {
            if (get_duration(c, e->value, what, &d->a_ns))
                return -1;
            d->kind = SCN_DIST_EXP;
            have_mean = 1;
        } else {
            return fail(c, &at, "unknown key '%s' in %s (allowed: uniform, exp)", e->key, what);
        }
    }
    if (have_min + have_mean != 1)
        return fail(c, n, "%s: give exactly one of 'uniform: [min, max]' or 'exp: mean'", what);
    (void)have_max;
    return 0;
}

static int f_lat_message(struct ctx *c, const struct scn_node *n)
{
    return get_dist(c, n, "host.latency.message", &c->s->latency_message);
}
static int f_lat_signal(struct ctx *c, const struct scn_node *n)
{
    return get_dist(c, n, "host.latency.signal", &c->s->latency_signal);
}
static int f_lat_interrupt(struct ctx *c, const struct scn_node *n)
{
    return get_dist(c, n, "host.latency.interrupt", &c->s->latency_interrupt);
}
static int f_latency(struct ctx *c, const struct scn_node *n)
{
    static const struct field t[] = {{"message", f_lat_message, 0},
                                     {"signal", f_lat_signal, 0},
                                     {"interrupt", f_lat_interrupt, 0}};
    return WALK(c, n, "host.latency", t);
}
static int f_host(struct ctx *c, const struct scn_node *n)
{
    static const struct field t[] = {
        {"versions", f_versions, 0}, {"devices", f_devices, 0}, {"latency", f_latency, 0}};
    return WALK(c, n, "host", t);
}

/* ---- guest ---- */

static int f_kernel(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "guest.kernel", &c->s->kernel);
}
static int f_vcpus(struct ctx *c, const struct scn_node *n)
{
    return get_u32(c, n, "guest.vcpus", 1, SCN_MAX_VCPUS, &c->s->vcpus);
}
static int f_isolation(struct ctx *c, const struct scn_node *n)
{
    const char *v;
    if (get_str(c, n, "guest.isolation", &v))
        return -1;
    if (!strcmp(v, "none"))
        c->s->isolation = 0;
    else if (!strcmp(v, "vbs"))
        c->s->isolation = 1;
    else
        return fail(c, n, "guest.isolation must be none or vbs, not '%s'", v);
    return 0;
}
static int f_vtl(struct ctx *c, const struct scn_node *n)
{
    if (get_u32(c, n, "guest.vtl", 0, 2, &c->s->vtl))
        return -1;
    if (c->s->vtl == 1)
        return fail(c, n, "guest.vtl must be 0 or 2 (a VTL1 guest is not modelled)");
    return 0;
}
static int f_drivers(struct ctx *c, const struct scn_node *n)
{
    return get_list(c, n, "guest.drivers", c->s->drivers, &c->s->nr_drivers);
}
static int f_guest(struct ctx *c, const struct scn_node *n)
{
    static const struct field t[] = {
        {"kernel", f_kernel, 0}, {"vcpus", f_vcpus, 0}, {"drivers", f_drivers, 0},
        {"isolation", f_isolation, 0}, {"vtl", f_vtl, 0}};
    return WALK(c, n, "guest", t);
}

/* ---- timeline and faults: a few typed keys, the rest are scalar arguments ---- */

static int get_args(struct ctx *c, const struct scn_node *n, const char *what,
                    struct scn_arg *args, uint32_t *nr)
{
    if (want(c, n, SCN_NODE_MAP, what))
        return -1;
    if (n->count > SCN_MAX_ARGS)
        return fail(c, n, "%s: more than %d arguments", what, SCN_MAX_ARGS);
    for (size_t i = 0; i < n->count; i++) {
        const struct scn_map_entry *e = &n->entries[i];
        if (want(c, e->value, SCN_NODE_SCALAR, what))
            return -1;
        args[i] = (struct scn_arg){e->key, e->value->scalar, e->value->line, e->value->col};
    }
    *nr = (uint32_t)n->count;
    return 0;
}

static int f_step_at(struct ctx *c, const struct scn_node *n)
{
    struct scn_step *st = c->cur;
    st->has_at = 1;
    return get_duration(c, n, "timeline at", &st->at_ns);
}
static int f_step_on(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "timeline on", &((struct scn_step *)c->cur)->on);
}
static int f_step_action(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "timeline action", &((struct scn_step *)c->cur)->action);
}
static int f_step_device(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "timeline device", &((struct scn_step *)c->cur)->device);
}
static int f_step_with(struct ctx *c, const struct scn_node *n)
{
    struct scn_step *st = c->cur;
    return get_args(c, n, "timeline with", st->args, &st->nr_args);
}

static int f_timeline(struct ctx *c, const struct scn_node *n)
{
    static const struct field t[] = {{"at", f_step_at, 0},
                                     {"on", f_step_on, 0},
                                     {"action", f_step_action, 1},
                                     {"device", f_step_device, 0},
                                     {"with", f_step_with, 0}};
    if (want(c, n, SCN_NODE_SEQ, "timeline"))
        return -1;
    if (n->count > SCN_MAX_LIST)
        return fail(c, n, "timeline: more than %d steps", SCN_MAX_LIST);
    for (size_t i = 0; i < n->count; i++) {
        struct scn_step *st = &c->s->steps[i];
        c->cur = st;
        st->line = n->items[i]->line;
        st->col = n->items[i]->col;
        if (WALK(c, n->items[i], "a timeline step", t))
            return -1;
        if (st->has_at == !!st->on)
            return fail(c, n->items[i], "a timeline step needs exactly one of 'at' or 'on'");
    }
    c->s->nr_steps = (uint32_t)n->count;
    return 0;
}

static int f_fault_kind(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "fault kind", &((struct scn_fault *)c->cur)->kind);
}
static int f_fault_target(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "fault target", &((struct scn_fault *)c->cur)->target);
}
static int f_fault_with(struct ctx *c, const struct scn_node *n)
{
    struct scn_fault *f = c->cur;
    return get_args(c, n, "fault with", f->args, &f->nr_args);
}

static int f_faults(struct ctx *c, const struct scn_node *n)
{
    static const struct field t[] = {
        {"kind", f_fault_kind, 1}, {"target", f_fault_target, 0}, {"with", f_fault_with, 0}};
    if (want(c, n, SCN_NODE_SEQ, "faults"))
        return -1;
    if (n->count > SCN_MAX_LIST)
        return fail(c, n, "faults: more than %d faults", SCN_MAX_LIST);
    for (size_t i = 0; i < n->count; i++) {
        struct scn_fault *f = &c->s->faults[i];
        c->cur = f;
        f->line = n->items[i]->line;
        f->col = n->items[i]->col;
        if (WALK(c, n->items[i], "a fault", t))
            return -1;
    }
    c->s->nr_faults = (uint32_t)n->count;
    return 0;
}

/* ---- expectations ---- */

static int f_verdict(struct ctx *c, const struct scn_node *n)
{
    const char *v;
    if (get_str(c, n, "expect.verdict", &v))
        return -1;
    if (!strcmp(v, "pass"))
        c->s->expect_verdict = SCN_VERDICT_PASS;
    else if (!strcmp(v, "fail"))
        c->s->expect_verdict = SCN_VERDICT_FAIL;
    else if (!strcmp(v, "skip"))
        c->s->expect_verdict = SCN_VERDICT_SKIP;
    else
        return fail(c, n, "expect.verdict must be pass, fail or skip, not '%s'", v);
    return 0;
}
static int f_findings(struct ctx *c, const struct scn_node *n)
{
    return get_rule_list(c, n, "expect.findings", c->s->expect_findings,
                         &c->s->nr_expect_findings);
}
static int f_dl_event(struct ctx *c, const struct scn_node *n)
{
    return get_str(c, n, "deadline event", &((struct scn_deadline *)c->cur)->event);
}
static int f_dl_within(struct ctx *c, const struct scn_node *n)
{
    return get_duration(c, n, "deadline within", &((struct scn_deadline *)c->cur)->within_ns);
}
static int f_deadlines(struct ctx *c, const struct scn_node *n)
{
    static const struct field t[] = {{"event", f_dl_event, 1}, {"within", f_dl_within, 1}};
    if (want(c, n, SCN_NODE_SEQ, "expect.deadlines"))
        return -1;
    if (n->count > SCN_MAX_LIST)
        return fail(c, n, "expect.deadlines: more than %d entries", SCN_MAX_LIST);
    for (size_t i = 0; i < n->count; i++) {
        c->cur = &c->s->deadlines[i];
        if (WALK(c, n->items[i], "a deadline", t))
            return -1;
    }
    c->s->nr_deadlines = (uint32_t)n->count;
    return 0;
}
static int f_expect(struct ctx *c, const struct scn_node *n)
{
    static const struct field t[] = {{"verdict", f_verdict, 0},
                                     {"findings", f_findings, 0},
                                     {"deadlines", f_deadlines, 0}};
    return WALK(c, n, "expect", t);
}

/* ---- entry points ---- */

int scn_load(const char *path, struct scn_scenario *out, struct scn_error *err)
{
    static const struct field top[] = {
        {"id", f_id, 1},         {"title", f_title, 0},   {"source", f_source, 0},
        {"rules", f_rules, 0},   {"tags", f_tags, 0},     {"tier", f_tier, 0},
        {"seed", f_seed, 0},     {"limits", f_limits, 0}, {"host", f_host, 0},
        {"guest", f_guest, 0},   {"timeline", f_timeline, 0}, {"faults", f_faults, 0},
        {"expect", f_expect, 0},
    };
    memset(out, 0, sizeof(*out));
    if (scn_tree_load(path, &out->tree, err))
        return -1;
    out->file = out->tree.file;
    out->vcpus = 1;
    struct ctx c = {.s = out, .err = err, .file = out->tree.file};
    struct scn_node empty = {.kind = SCN_NODE_MAP, .line = 1, .col = 1};
    const struct scn_node *root = out->tree.root ? out->tree.root : &empty;
    if (walk_map(&c, root, "the scenario", top, sizeof(top) / sizeof(top[0]))) {
        scn_tree_free(&out->tree);
        return -1;
    }
    return 0;
}

void scn_free(struct scn_scenario *scn)
{
    scn_tree_free(&scn->tree);
}
