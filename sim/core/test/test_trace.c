/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_trace.c - canonical text (exact bytes), escaping, hash, sinks, listeners, and the
 * determinism contract: a seeded workload traces identically twice, differently for
 * another seed.
 */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim/fiber.h"
#include "sim/prng.h"
#include "sim/trace.h"
#include "sim/world.h"

static void test_canonical_form(void **state)
{
    (void)state;
    uint64_t now = 0;
    struct trc_trace *t = trc_new(&now, NULL, true);
    trc_header(t, 42, "vmbus.neg.basic", "0123456789abcdef");
    now = 1500;
    trc_begin(t, "vmbus.host", "msg.rx");
    trc_str(t, "type", "OFFERCHANNEL");
    trc_u64(t, "relid", 3);
    trc_hex(t, "gpa", 0x1000);
    assert_int_equal(trc_end(t), 1);
    now = 1234567890123ull;
    trc_begin(t, "guest", "misc");
    trc_i64(t, "neg", -5);
    trc_i64(t, "min", INT64_MIN);
    trc_hex(t, "zero", 0);
    trc_bytes(t, "data", "\x0a\xff\x00", 3);
    trc_bytes(t, "none", "", 0);
    trc_str(t, "empty", "");
    trc_str(t, "sp", "a b");
    trc_str(t, "esc", "q\"\\\n\t\x01\xff:");
    trc_str(t, "colon", "b:00");
    assert_int_equal(trc_end(t), 2);
    trc_text(t, "guest.printk", "log", "hv_vmbus: \"x\" \\ y\nz\x7f");
    trc_text(t, "guest.printk", "empty", "");
    size_t len = 0;
    const char *text = trc_memory(t, &len);
    const char *want =
        "# hvsim-trace v1 seed=42 scenario=vmbus.neg.basic build=0123456789abcdef\n"
        "t=000000001500 seq=1 vmbus.host msg.rx type=OFFERCHANNEL relid=3 gpa=0x1000\n"
        "t=1234567890123 seq=2 guest misc neg=-5 min=-9223372036854775808 zero=0x0 "
        "data=b:0aff00 none=b: empty=\"\" sp=\"a b\" esc=\"q\\\"\\\\\\n\\t\\x01\\xff:\" "
        "colon=\"b:00\"\n"
        "t=1234567890123 seq=3 guest.printk log hv_vmbus: \"x\" \\\\ y\\nz\\x7f\n"
        "t=1234567890123 seq=4 guest.printk empty\n";
    assert_string_equal(text, want);
    assert_int_equal(len, strlen(want));
    assert_int_equal(trc_hash(t), trc_fnv1a64(TRC_FNV_OFFSET, want, strlen(want)));
    assert_int_equal(trc_records(t), 4);
    trc_free(t);
}

static void test_header_defaults_and_file_sink(void **state)
{
    (void)state;
    uint64_t now = 0;
    FILE *f = tmpfile();
    assert_non_null(f);
    struct trc_trace *t = trc_new(&now, f, true);
    trc_header(t, 7, NULL, "has space");
    trc_text(t, "a", "b", "c=1");
    size_t len = 0;
    const char *mem = trc_memory(t, &len);
    assert_string_equal(mem, "# hvsim-trace v1 seed=7 scenario=- build=\"has space\"\n"
                             "t=000000000000 seq=1 a b c=1\n");
    fflush(f);
    rewind(f);
    char buf[256] = { 0 };
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    assert_int_equal(n, len);
    assert_string_equal(buf, mem);
    fclose(f);
    trc_free(t);
    struct trc_trace *h = trc_new(&now, NULL, false); /* hash only */
    trc_header(h, 7, NULL, "has space");
    trc_text(h, "a", "b", "c=1");
    assert_null(trc_memory(h, NULL));
    assert_int_equal(trc_hash(h), trc_fnv1a64(TRC_FNV_OFFSET, buf, n));
    trc_free(h);
}

struct seen {
    int calls;
    struct trc_field f[8];
    char strs[8][32];
    uint32_t nr;
    uint64_t seq, time_ns;
    char source[32], kind[32], body[64];
    char line[160];
};

static void listener(void *ctx, const struct trc_record *r)
{
    struct seen *s = ctx;
    s->calls++;
    s->seq = r->seq;
    s->time_ns = r->time_ns;
    snprintf(s->source, sizeof(s->source), "%s", r->source);
    snprintf(s->kind, sizeof(s->kind), "%s", r->kind);
    snprintf(s->body, sizeof(s->body), "%s", r->body ? r->body : "(none)");
    snprintf(s->line, sizeof(s->line), "%.*s", (int)r->line_len, r->line);
    s->nr = r->nr_fields;
    for (uint32_t i = 0; i < r->nr_fields && i < 8 && r->fields; i++) {
        s->f[i] = r->fields[i];
        if (r->fields[i].type == TRC_STR || r->fields[i].type == TRC_BYTES)
            memcpy(s->strs[i], r->fields[i].v.buf.ptr, r->fields[i].v.buf.len);
        snprintf(s->strs[i] + 16, 16, "%s", r->fields[i].key);
    }
}

static void test_listener_gets_structured_record(void **state)
{
    (void)state;
    uint64_t now = 77;
    struct seen s;
    memset(&s, 0, sizeof(s));
    struct trc_trace *t = trc_new(&now, NULL, false);
    trc_header(t, 1, "x", "y");
    assert_int_equal(trc_add_listener(t, listener, &s), 0);
    char tmp[8];
    strcpy(tmp, "temp");
    trc_begin(t, "src.a", "kind-b");
    trc_str(t, "name", tmp);
    strcpy(tmp, "XXXX"); /* the trace copied the value */
    trc_u64(t, "n", 5);
    trc_bytes(t, "raw", "\x01\x02", 2);
    trc_i64(t, "neg", -1);
    trc_end(t);
    assert_int_equal(s.calls, 1);
    assert_int_equal(s.seq, 1);
    assert_int_equal(s.time_ns, 77);
    assert_string_equal(s.source, "src.a");
    assert_string_equal(s.kind, "kind-b");
    assert_string_equal(s.body, "(none)");
    assert_int_equal(s.nr, 4);
    assert_int_equal(s.f[0].type, TRC_STR);
    assert_string_equal(s.strs[0], "temp");
    assert_string_equal(s.strs[0] + 16, "name");
    assert_int_equal(s.f[1].v.u64, 5);
    assert_int_equal(s.f[2].v.buf.len, 2);
    assert_memory_equal(s.strs[2], "\x01\x02", 2);
    assert_int_equal(s.f[3].v.i64, -1);
    assert_string_equal(s.line, "t=000000000077 seq=1 src.a kind-b name=temp n=5 raw=b:0102 neg=-1\n");
    trc_text(t, "guest", "log", "hello world");
    assert_int_equal(s.calls, 2);
    assert_string_equal(s.body, "hello world");
    assert_int_equal(s.nr, 0);
    trc_free(t);
}

/* ---- determinism of a seeded workload ---- */

struct work {
    struct sim_world *w;
    struct sim_prng rng;
    struct sim_waitq wq;
    int left;
};

static void worker(void *arg)
{
    struct work *k = arg;
    struct trc_trace *t = sim_world_trace(k->w);
    for (int i = 0; i < 20; i++) {
        trc_begin(t, "test.worker", "step");
        trc_u64(t, "fiber", sim_fiber_current(k->w));
        trc_u64(t, "i", (uint64_t)i);
        trc_end(t);
        struct sim_dist d = sim_dist_exp(1000);
        if (sim_prng_below(&k->rng, 3) == 0)
            sim_fiber_yield(k->w);
        else if (sim_prng_below(&k->rng, 2) == 0)
            sim_waitq_wait_until(k->w, &k->wq, sim_now_ns(k->w) + sim_dist_draw_ns(&d, &k->rng),
                                 NULL);
        else
            sim_fiber_sleep_until(k->w, sim_now_ns(k->w) + sim_dist_draw_ns(&d, &k->rng));
    }
}

static void kicker(struct sim_world *w, struct sim_event *ev)
{
    struct work *k = ev->arg;
    trc_begin(sim_world_trace(w), "test.kicker", "kick");
    trc_u64(sim_world_trace(w), "woken", sim_waitq_wake_all(w, &k->wq));
    trc_end(sim_world_trace(w));
    if (--k->left > 0)
        sim_event_schedule(w, ev, sim_now_ns(w) + 700);
}

static uint64_t run_workload(uint64_t seed, char **text_out)
{
    struct sim_config cfg = sim_config_default();
    cfg.seed = seed;
    cfg.policy = SIM_SCHED_RANDOM;
    cfg.stack_bytes = 64 * 1024;
    cfg.scenario_id = "test.workload";
    cfg.build_id = "0000000000000000";
    cfg.trace_memory = true;
    struct sim_world *w = sim_world_new(&cfg);
    struct work k = { .w = w, .left = 30 };
    sim_world_prng_stream(w, &k.rng, "test.workload");
    sim_waitq_init(&k.wq);
    for (int i = 0; i < 6; i++)
        sim_fiber_create(w, "worker", worker, &k, (uint32_t)i);
    struct sim_event ev;
    sim_event_init(&ev, kicker, &k);
    sim_event_schedule(w, &ev, 500);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    struct trc_trace *t = sim_world_trace(w);
    uint64_t h = trc_hash(t);
    size_t len = 0;
    const char *mem = trc_memory(t, &len);
    assert_int_equal(trc_fnv1a64(TRC_FNV_OFFSET, mem, len), h);
    *text_out = strdup(mem);
    sim_world_free(w);
    return h;
}

static void test_same_seed_same_trace(void **state)
{
    (void)state;
    char *a, *b, *c;
    uint64_t ha = run_workload(11, &a);
    uint64_t hb = run_workload(11, &b);
    uint64_t hc = run_workload(12, &c);
    assert_string_equal(a, b);
    assert_int_equal(ha, hb);
    assert_true(strncmp(a, "# hvsim-trace v1 seed=11 scenario=test.workload build=", 54) == 0);
    assert_int_not_equal(ha, hc);
    /* beyond the header line, the bodies differ too */
    assert_string_not_equal(strchr(a, '\n'), strchr(c, '\n'));
    free(a);
    free(b);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_form),
        cmocka_unit_test(test_header_defaults_and_file_sink),
        cmocka_unit_test(test_listener_gets_structured_record),
        cmocka_unit_test(test_same_seed_same_trace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
