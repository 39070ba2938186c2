// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_ktest_runtime.c - CMocka tests of the guest runtime's kernel semantics, against the
 * real runtime code on the real host (sim/hv): no mocks.
 *
 * Usage: test_guest_ktest_runtime <hvsim-ktest-<kernel>.so>
 *
 * Each test runs one case of the kernel-world half (ktest_runtime.c) in its own world: guest
 * RAM sits at a fixed address and the runtime has global state, so every case runs in a
 * forked child (as the production runner does) that builds sim_world -> hyp_machine (4 vCPUs,
 * no VMBus host) -> hyp_host -> image, selects the case through the hook "ktest.<case>",
 * boots and runs until the case's "ktest done" record. The child copies what it observed
 * (every "ktest" value record, every guest finding, the marks, host-side memory reads) into
 * a shared mapping; the parent asserts exact values on it.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hyp/host.h"
#include "hyp/machine.h"
#include "hyp/mem.h"
#include "sim/trace.h"
#include "sim/world.h"

#define MS(x) ((long long)(x) * 1000000LL)
#define KT_NR_VCPUS 4u
#define KT_RAM_BYTES (256ull << 20)
#define KT_MAX_VALS 512u
#define KT_KEY_MAX 48u
#define KT_MAX_LOG 32u
#define KT_LOG_MAX 256u
#define KT_POKE_VALUE 0x0123456789abcdefull

struct kt_val {
    char key[KT_KEY_MAX];
    long long v;
};

/* What one case's child observed; lives in a MAP_SHARED page. */
struct kt_result {
    int child_ok;
    char error[256];
    int crashed;
    char crash_reason[256];
    char outcome[32];
    int started, done;
    uint32_t nr_vals;
    struct kt_val vals[KT_MAX_VALS];
    uint32_t nr_findings;
    uint32_t nr_log; /* marks and findings in trace order */
    char log[KT_MAX_LOG][KT_LOG_MAX];
};

struct kt_run {
    struct kt_result *res;
    struct sim_world *w;
    struct hyp_mem *mem;
};

static const char *kt_image;

static void kt_log(struct kt_result *res, const char *what, const char *body)
{
    if (res->nr_log < KT_MAX_LOG)
        snprintf(res->log[res->nr_log++], KT_LOG_MAX, "%s %s", what, body);
}

static void kt_add_val(struct kt_result *res, const char *key, long long v)
{
    if (res->nr_vals >= KT_MAX_VALS) {
        snprintf(res->error, sizeof(res->error), "more than %u values", KT_MAX_VALS);
        return;
    }
    struct kt_val *kv = &res->vals[res->nr_vals++];
    snprintf(kv->key, sizeof(kv->key), "%s", key);
    kv->v = v;
}

static const struct kt_val *kt_find(const struct kt_result *res, const char *key)
{
    for (uint32_t i = 0; i < res->nr_vals; i++)
        if (strcmp(res->vals[i].key, key) == 0)
            return &res->vals[i];
    return NULL;
}

/* Read the 8 bytes at the GPA "<prefix>.gpa" as the host sees them (hyp_mem_ptr). */
static void kt_host_read(struct kt_run *r, const char *prefix)
{
    char key[KT_KEY_MAX];
    snprintf(key, sizeof(key), "%s.gpa", prefix);
    const struct kt_val *gpa = kt_find(r->res, key);
    if (!gpa)
        return;
    const void *p = hyp_mem_ptr(r->mem, (uint64_t)gpa->v, 8);
    uint64_t v = 0;
    if (p)
        memcpy(&v, p, sizeof(v));
    snprintf(key, sizeof(key), "%s.host_read", prefix);
    kt_add_val(r->res, key, p ? (long long)v : -1);
}

/* Trace listener: runs synchronously inside the guest's trace call. */
static void kt_listen(void *ctx, const struct trc_record *rec)
{
    struct kt_run *r = ctx;
    struct kt_result *res = r->res;
    const char *body = rec->body ? rec->body : "";

    if (strcmp(rec->source, "guest") == 0 && strcmp(rec->kind, "finding") == 0) {
        res->nr_findings++;
        kt_log(res, "finding", body);
        return;
    }
    if (strcmp(rec->source, "ktest") != 0)
        return;
    if (strcmp(rec->kind, "start") == 0) {
        res->started = 1;
    } else if (strcmp(rec->kind, "done") == 0) {
        res->done = 1;
        sim_world_stop(r->w);
    } else if (strcmp(rec->kind, "mark") == 0) {
        kt_log(res, "mark", body);
    } else {
        long long v;
        if (sscanf(body, "v=%lld", &v) != 1) {
            snprintf(res->error, sizeof(res->error), "bad ktest record %s: %s", rec->kind, body);
            return;
        }
        kt_add_val(res, rec->kind, v);
        /* the guest just wrote "<prefix>.val" at "<prefix>.gpa": read it from the host side */
        if (strcmp(rec->kind, "host.lin.val") == 0)
            kt_host_read(r, "host.lin");
        if (strcmp(rec->kind, "host.vmap.val") == 0)
            kt_host_read(r, "host.vmap");
        /* the host writes guest memory at the GPA the guest named (it reads it back) */
        if (strcmp(rec->kind, "host.poke.gpa") == 0) {
            uint64_t poke = KT_POKE_VALUE;
            if (hyp_mem_write(r->mem, (uint64_t)v, &poke, sizeof(poke)) != 0)
                snprintf(res->error, sizeof(res->error), "poke GPA %#llx failed", v);
        }
    }
}

static void kt_boot_and_run(struct kt_run *r, struct hyp_machine *m, const char *case_name)
{
    struct kt_result *res = r->res;
    char err[256], hook[96];
    struct hyp_host *hh = hyp_host_create(r->w, m);
    struct hyp_image *img = hyp_image_open(kt_image, err, sizeof(err));
    const struct hyp_guest_ops *g =
        img ? hyp_image_start(img, hyp_host_ops_table(hh), err, sizeof(err)) : NULL;
    if (!hh || !g) {
        snprintf(res->error, sizeof(res->error), "%s", hh ? err : "hyp_host_create failed");
        return;
    }
    hyp_machine_set_guest(m, g);
    snprintf(hook, sizeof(hook), "ktest.%s", case_name);
    int (*select)(void) = (int (*)(void))g->hook(hook);
    if (!select) {
        snprintf(res->error, sizeof(res->error), "image has no hook %s", hook);
        return;
    }
    trc_add_listener(sim_world_trace(r->w), kt_listen, r);
    int rc = select();
    int boot_rc = g->boot();
    if (rc != 0 || boot_rc != 0) {
        snprintf(res->error, sizeof(res->error), "select=%d boot=%d", rc, boot_rc);
        return;
    }
    bool crashed = false;
    enum sim_outcome out = hyp_host_run(hh, &crashed);
    snprintf(res->outcome, sizeof(res->outcome), "%s", sim_outcome_name(out));
    res->crashed = crashed;
    if (crashed)
        snprintf(res->crash_reason, sizeof(res->crash_reason), "%s",
                 hyp_host_crash_reason(hh));
    /* The child exits right after: the world, image and machine go with the process. */
}

static void kt_child(const char *case_name, struct kt_result *res)
{
    struct sim_config sc = sim_config_default();
    sc.seed = 1;
    sc.scenario_id = case_name;
    sc.limits.max_time_ns = 10000000000ull; /* 10 s of virtual time */
    sc.limits.max_events = 10000000ull;
    sc.trace_file = getenv("HVSIM_KTEST_TRACE") ? stderr : NULL;
    struct sim_world *w = sim_world_new(&sc);
    struct hyp_env env;
    hyp_env_world_init(&env, w);
    struct hyp_machine_config mc = { .ram_size = KT_RAM_BYTES, .nr_vcpus = KT_NR_VCPUS };
    char err[256];
    struct hyp_machine *m = hyp_machine_create(&env, &mc, err, sizeof(err));
    if (!m) {
        snprintf(res->error, sizeof(res->error), "%s", err);
        return;
    }
    struct kt_run r = { .res = res, .w = w, .mem = hyp_machine_mem(m) };
    kt_boot_and_run(&r, m, case_name);
    res->child_ok = res->error[0] == '\0';
}

/* Run one case in a forked child; fails the test unless it ran to "ktest done". */
static struct kt_result *kt_run_case(const char *case_name)
{
    struct kt_result *res = mmap(NULL, sizeof(*res), PROT_READ | PROT_WRITE,
                                 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_true(res != MAP_FAILED);
    memset(res, 0, sizeof(*res));
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        kt_child(case_name, res);
        fflush(stderr);
        _exit(0);
    }
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        fail_msg("case %s: child died (status %#x)", case_name, st);
    if (!res->child_ok)
        fail_msg("case %s: %s", case_name, res->error);
    if (res->crashed)
        fail_msg("case %s: guest crashed: %s", case_name, res->crash_reason);
    assert_true(res->started);
    assert_true(res->done);
    assert_string_equal(res->outcome, "stopped");
    return res;
}

static void kt_free(struct kt_result *res)
{
    munmap(res, sizeof(*res));
}

/* The value of key, which must have been reported exactly once. */
static long long kt_get(const struct kt_result *res, const char *key)
{
    const struct kt_val *found = NULL;
    for (uint32_t i = 0; i < res->nr_vals; i++) {
        if (strcmp(res->vals[i].key, key) != 0)
            continue;
        if (found)
            fail_msg("key %s reported twice", key);
        found = &res->vals[i];
    }
    if (!found)
        fail_msg("key %s not reported", key);
    return found->v;
}

static long long kt_geti(const struct kt_result *res, const char *prefix, int i)
{
    char key[KT_KEY_MAX];
    snprintf(key, sizeof(key), "%s.%d", prefix, i);
    return kt_get(res, key);
}

#define KT_EQ(res, key, want) assert_int_equal(kt_get((res), (key)), (want))

/* ---- waits ---- */

/* wait_event_timeout and wait_event_interruptible_timeout share the kernel's rules. */
static void kt_check_wait_event(const char *case_name, const char *p)
{
    struct kt_result *res = kt_run_case(case_name);
    char k[KT_KEY_MAX];
#define KT_P(suffix) (snprintf(k, sizeof(k), "%s.%s", p, suffix), k)
    /* woken after 3 of 10 jiffies: 7 remain */
    KT_EQ(res, KT_P("early.ret"), 7);
    KT_EQ(res, KT_P("early.dt_ns"), MS(3));
    /* condition true exactly as the timeout elapsed: 1, not 0 */
    KT_EQ(res, KT_P("deadline.ret"), 1);
    KT_EQ(res, KT_P("deadline.dt_ns"), MS(10));
    /* never true: 0 after exactly the timeout */
    KT_EQ(res, KT_P("timeout.ret"), 0);
    KT_EQ(res, KT_P("timeout.dt_ns"), MS(5));
    /* already true: the whole timeout, or 1 for a zero timeout; no time passes */
    KT_EQ(res, KT_P("already.ret"), 10);
    KT_EQ(res, KT_P("already0.ret"), 1);
    KT_EQ(res, KT_P("already.dt_ns"), 0);
#undef KT_P
    assert_int_equal(res->nr_findings, 0);
    kt_free(res);
}

static void test_wait_event_timeout(void **state)
{
    kt_check_wait_event("wait_event_timeout", "wet");
}

static void test_wait_event_interruptible_timeout(void **state)
{
    kt_check_wait_event("wait_event_interruptible_timeout", "weit");
}

static void test_wait_for_completion_timeout(void **state)
{
    struct kt_result *res = kt_run_case("wait_for_completion_timeout");
    KT_EQ(res, "wfc.early.ret", 6);
    KT_EQ(res, "wfc.early.dt_ns", MS(4));
    KT_EQ(res, "wfc.early.done_after", 0); /* the wait consumed the completion */
    KT_EQ(res, "wfc.deadline.ret", 1);
    KT_EQ(res, "wfc.deadline.dt_ns", MS(10));
    KT_EQ(res, "wfc.timeout.ret", 0);
    KT_EQ(res, "wfc.timeout.dt_ns", MS(7));
    KT_EQ(res, "wfc.already.ret", 10);
    KT_EQ(res, "wfc.already.dt_ns", 0);
    /* two complete() satisfy two waits at once; the third times out after 2 jiffies */
    KT_EQ(res, "wfc.count.1", 2);
    KT_EQ(res, "wfc.count.2", 2);
    KT_EQ(res, "wfc.count.3", 0);
    KT_EQ(res, "wfc.count.dt_ns", MS(2));
    assert_int_equal(res->nr_findings, 0);
    kt_free(res);
}

/* msleep(m) = schedule_timeout(msecs_to_jiffies(m) + 1): m + 1 jiffies from a jiffy start,
 * and from mid-jiffy it ends at the start of jiffy j0 + m + 1. The runtime fires timers at
 * their exact expiry jiffy; the kernel's timer wheel may add slack beyond 63 jiffies (the
 * 250 ms case), which the runtime deliberately does not model (README, "Timers"). */
static void test_msleep(void **state)
{
    struct kt_result *res = kt_run_case("msleep");
    KT_EQ(res, "msleep.10.dt_ns", MS(11));
    KT_EQ(res, "msleep.10.dj", 11);
    KT_EQ(res, "msleep.1.dt_ns", MS(2));
    KT_EQ(res, "msleep.0.dt_ns", MS(1));
    KT_EQ(res, "msleep.250.dt_ns", MS(251));
    KT_EQ(res, "msleep.mid.usleep_dt_ns", 300000);
    KT_EQ(res, "msleep.mid.dt_ns", MS(6));
    KT_EQ(res, "msleep.mid.dj", 6);
    assert_int_equal(res->nr_findings, 0);
    kt_free(res);
}

/* ---- workqueues ---- */

static void test_wq_ordered(void **state)
{
    struct kt_result *res = kt_run_case("wq_ordered");
    /* ordered: FIFO, one at a time even while an item sleeps (odd items: 3 jiffies) */
    static const long long ord_start[6] = { 0, 0, MS(3), MS(3), MS(6), MS(6) };
    static const long long ord_end[6] = { 0, MS(3), MS(3), MS(6), MS(6), MS(9) };
    for (int i = 0; i < 6; i++) {
        assert_int_equal(kt_geti(res, "ord.pos", i), i);
        assert_int_equal(kt_geti(res, "ord.start", i), ord_start[i]);
        assert_int_equal(kt_geti(res, "ord.end", i), ord_end[i]);
    }
    KT_EQ(res, "ord.max_running", 1);
    KT_EQ(res, "ord.done_at_flush", 6);
    KT_EQ(res, "ord.flush_dt_ns", MS(9));
    /* max_active 4: a sleeping item lets the next one start, so the sleepers overlap */
    for (int i = 0; i < 6; i++) {
        assert_int_equal(kt_geti(res, "unb.pos", i), i);
        assert_int_equal(kt_geti(res, "unb.start", i), 0);
        assert_int_equal(kt_geti(res, "unb.end", i), (i & 1) ? MS(3) : 0);
    }
    KT_EQ(res, "unb.max_running", 3);
    KT_EQ(res, "unb.done_at_flush", 6);
    KT_EQ(res, "unb.flush_dt_ns", MS(3));
    assert_int_equal(res->nr_findings, 0);
    kt_free(res);
}

static void test_wq_cancel(void **state)
{
    struct kt_result *res = kt_run_case("wq_cancel");
    /* cancel_work_sync of a queued, not started item: true, and it never runs */
    KT_EQ(res, "cw.pending.queue", 1);
    KT_EQ(res, "cw.pending.queue_again", 0);
    KT_EQ(res, "cw.pending.ret", 1);
    KT_EQ(res, "cw.pending.runs", 0);
    KT_EQ(res, "cw.pending.busy", 0);
    /* of a running item: false, returns when the item has finished (t0 + 5 ms) */
    KT_EQ(res, "cw.running.busy_before", 1);
    KT_EQ(res, "cw.running.ret", 0);
    KT_EQ(res, "cw.running.dt_ns", MS(5));
    KT_EQ(res, "cw.running.finished", 1);
    KT_EQ(res, "cw.running.runs", 1);
    KT_EQ(res, "cw.idle.ret", 0);
    KT_EQ(res, "cw.flush_work.ret", 1);
    KT_EQ(res, "cw.flush_work.dt_ns", MS(5));
    KT_EQ(res, "cw.flush_work.finished", 1);
    KT_EQ(res, "cw.flush_work.idle_ret", 0);
    /* cancel_delayed_work_sync with the timer pending: true, never runs */
    KT_EQ(res, "cdw.pending.queue", 1);
    KT_EQ(res, "cdw.pending.ret", 1);
    KT_EQ(res, "cdw.pending.dt_ns", MS(3));
    KT_EQ(res, "cdw.pending.runs", 0);
    /* while it runs (t0+2 .. t0+7 ms): false, returns at its end */
    KT_EQ(res, "cdw.running.ret", 0);
    KT_EQ(res, "cdw.running.dt_ns", MS(7));
    KT_EQ(res, "cdw.running.finished", 1);
    KT_EQ(res, "cdw.running.runs", 1);
    KT_EQ(res, "cdw.idle.ret", 0);
    assert_int_equal(res->nr_findings, 0);
    kt_free(res);
}

static void test_wq_delayed(void **state)
{
    struct kt_result *res = kt_run_case("wq_delayed");
    /* delay 7 at a jiffy start: runs at exactly t0 + 7 ms */
    assert_int_equal(kt_geti(res, "dw.fire_dj", 0), 7);
    assert_int_equal(kt_geti(res, "dw.start", 0), MS(7));
    /* delay 3 queued at t0 + 0.5 ms: the timer expires at the start of jiffy j0 + 3 */
    assert_int_equal(kt_geti(res, "dw.fire_dj", 1), 3);
    assert_int_equal(kt_geti(res, "dw.start", 1), MS(3));
    /* schedule_delayed_work(100) on the system workqueue */
    assert_int_equal(kt_geti(res, "dw.fire_dj", 2), 100);
    assert_int_equal(kt_geti(res, "dw.start", 2), MS(100));
    /* delay 0: queued at once, runs as soon as the queuer sleeps */
    assert_int_equal(kt_geti(res, "dw.start", 3), 500000);
    for (int i = 0; i < 4; i++)
        assert_int_equal(kt_geti(res, "dw.runs", i), 1);
    assert_int_equal(res->nr_findings, 0);
    kt_free(res);
}

/* ---- timers ---- */

static void test_timer(void **state)
{
    struct kt_result *res = kt_run_case("timer");
    KT_EQ(res, "timer.mod.ret", 0);
    KT_EQ(res, "timer.pending", 1);
    KT_EQ(res, "timer.pending_after", 0);
    /* 1: mod_timer(jiffies + 5) at a jiffy start; 2: armed at t0 + 0.3 ms, still fires at
     * the start of jiffy j0 + 5; 3: re-armed to +8 while pending, fires once */
    static const long long fire_ns[3] = { MS(5), MS(5), MS(8) };
    static const long long fire_dj[3] = { 5, 5, 8 };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(kt_geti(res, "timer.fire_dt_ns", i + 1), fire_ns[i]);
        assert_int_equal(kt_geti(res, "timer.fire_dj", i + 1), fire_dj[i]);
        assert_int_equal(kt_geti(res, "timer.in_interrupt", i + 1), 1);
    }
    KT_EQ(res, "timer.rearm.ret", 1);
    /* del_timer_sync before expiry: 1, not pending, the callback never runs */
    KT_EQ(res, "timer.del.ret", 1);
    KT_EQ(res, "timer.del.pending", 0);
    KT_EQ(res, "timer.del.again_ret", 0);
    KT_EQ(res, "timer.runs", 3);
    assert_int_equal(res->nr_findings, 0);
    kt_free(res);
}

/* ---- memory ---- */

static void test_mem_kmalloc(void **state)
{
    struct kt_result *res = kt_run_case("mem_kmalloc");
    /* every power of two up to KMALLOC_MAX_SIZE (order MAX_PAGE_ORDER + PAGE_SHIFT) */
    long long max_order = kt_get(res, "kmalloc.max_order");
    assert_int_equal(max_order, 22);
    for (int k = 0; k <= max_order; k++) {
        assert_int_equal(kt_geti(res, "kmalloc.null", k), 0);
        assert_int_equal(kt_geti(res, "kmalloc.mod", k), 0);
        assert_int_equal(kt_geti(res, "kmalloc.ksize_ok", k), 1);
    }
    /* kzalloc reuses the object just filled with 0xa5 and hands it out zeroed */
    for (int i = 0; i < 8; i++) {
        assert_int_equal(kt_geti(res, "kzalloc.reused", i), 1);
        assert_int_equal(kt_geti(res, "kzalloc.nonzero", i), 0);
    }
    assert_int_equal(res->nr_findings, 0);
    kt_free(res);
}

static void test_mem_translate(void **state)
{
    struct kt_result *res = kt_run_case("mem_translate");
    static const char *const rt[] = { "rt.pa_in_ram", "rt.va_pa_va", "rt.virt_to_phys",
                                      "rt.phys_to_virt", "rt.virt_to_page", "rt.page_to_pfn",
                                      "rt.page_address", "rt.pfn_to_page", "rt.block_pa",
                                      "rt.block_aligned", "rt.block_tail", "rt.page_to_phys" };
    for (size_t i = 0; i < sizeof(rt) / sizeof(rt[0]); i++) {
        if (kt_get(res, rt[i]) != 1)
            fail_msg("%s = %lld", rt[i], kt_get(res, rt[i]));
    }
    /* the guest's GPA is where the host sees the bytes, both ways */
    KT_EQ(res, "host.lin.val", (long long)0x1122334455667788ull);
    KT_EQ(res, "host.lin.host_read", (long long)0x1122334455667788ull);
    KT_EQ(res, "host.poke.gpa", kt_get(res, "host.lin.gpa") + 8);
    KT_EQ(res, "host.poke.read", (long long)KT_POKE_VALUE);
    KT_EQ(res, "host.poke.read_va", (long long)KT_POKE_VALUE);
    assert_int_equal(res->nr_findings, 0);
    kt_free(res);
}

static void test_mem_vmap(void **state)
{
    struct kt_result *res = kt_run_case("mem_vmap");
    KT_EQ(res, "vmap.adjacent", 0);
    KT_EQ(res, "vmap.distinct", 1);
    KT_EQ(res, "vmap.outside_linear", 1);
    KT_EQ(res, "vmap.is_vmalloc_addr", 1);
    KT_EQ(res, "vmap.to_page", 1);
    KT_EQ(res, "vmap.a_to_b", 1);
    KT_EQ(res, "vmap.b_to_a", 1);
    KT_EQ(res, "vmap.b_to_linear", 1);
    KT_EQ(res, "vmap.straddle_p0", 0x77);
    KT_EQ(res, "vmap.straddle_p1", 0x77);
    KT_EQ(res, "vmap.straddle_b", 0x77);
    KT_EQ(res, "vmap.after_unmap_b", 1);
    /* written through a vmap alias, seen by the host at the page's GPA */
    KT_EQ(res, "host.vmap.val", (long long)0xfeedfacecafebeefull);
    KT_EQ(res, "host.vmap.host_read", (long long)0xfeedfacecafebeefull);
    assert_int_equal(res->nr_findings, 0);
    kt_free(res);
}

/* ---- per-CPU ---- */

static void test_percpu(void **state)
{
    struct kt_result *res = kt_run_case("percpu");
    KT_EQ(res, "pcpu.nr_cpu_ids", KT_NR_VCPUS);
    KT_EQ(res, "pcpu.main_cpu", 0);
    for (int n = 0; n < (int)KT_NR_VCPUS; n++) {
        assert_int_equal(kt_geti(res, "pcpu.smp_processor_id", n), n);
        assert_int_equal(kt_geti(res, "pcpu.seam_cpu", n), n);
        assert_int_equal(kt_geti(res, "pcpu.cpu_after_sleep", n), n);
        assert_int_equal(kt_geti(res, "pcpu.this_cpu_ptr_ok", n), 1);
        assert_int_equal(kt_geti(res, "pcpu.this_cpu_ptr_dyn_ok", n), 1);
        /* each vCPU's copy holds what that vCPU's task wrote (then incremented) */
        assert_int_equal(kt_geti(res, "pcpu.var", n), 1001 + n);
        assert_int_equal(kt_geti(res, "pcpu.dyn", n), 2000 + n);
    }
    KT_EQ(res, "pcpu.distinct_pairs", KT_NR_VCPUS * (KT_NR_VCPUS - 1) / 2);
    assert_int_equal(res->nr_findings, 0);
    kt_free(res);
}

/* ---- atomic-context accounting ---- */

static void test_atomic_sleep(void **state)
{
    struct kt_result *res = kt_run_case("atomic_sleep");
    KT_EQ(res, "atom.in_atomic", 1);
    KT_EQ(res, "atom.in_atomic_after", 0);
    /* no finding for the legal sleeps; one KRT-ATOM-001 per illegal sleep, in order */
    assert_int_equal(res->nr_findings, 2);
    assert_int_equal(res->nr_log, 5);
    assert_string_equal(res->log[0], "mark step=legal_done");
    assert_non_null(strstr(res->log[1], "finding rule=KRT-ATOM-001 "));
    assert_non_null(strstr(res->log[1], "task ktest may sleep"));
    assert_non_null(strstr(res->log[1], "a spinlock held"));
    assert_string_equal(res->log[2], "mark step=spin_done");
    assert_non_null(strstr(res->log[3], "finding rule=KRT-ATOM-001 "));
    assert_non_null(strstr(res->log[3], "interrupts disabled"));
    assert_string_equal(res->log[4], "mark step=irq_done");
    kt_free(res);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s <hvsim-ktest-<kernel>.so>\n", argv[0]);
        return 2;
    }
    kt_image = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wait_event_timeout),
        cmocka_unit_test(test_wait_event_interruptible_timeout),
        cmocka_unit_test(test_wait_for_completion_timeout),
        cmocka_unit_test(test_msleep),
        cmocka_unit_test(test_wq_ordered),
        cmocka_unit_test(test_wq_cancel),
        cmocka_unit_test(test_wq_delayed),
        cmocka_unit_test(test_timer),
        cmocka_unit_test(test_mem_kmalloc),
        cmocka_unit_test(test_mem_translate),
        cmocka_unit_test(test_mem_vmap),
        cmocka_unit_test(test_percpu),
        cmocka_unit_test(test_atomic_sleep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
