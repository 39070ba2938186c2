// SPDX-License-Identifier: GPL-2.0-only
/*
 * host.c - struct hyp_host_ops on top of sim_core (fibers, timers, trace, PRNG) and the
 * hyp_machine (memory, hypercalls, MSRs); and hyp_env bound to a sim_world.
 *
 * Owns: the single live binding (static `cur`, since the seam functions take no context), the
 * "guest.random" PRNG stream and the crash state.
 * Invariants: at most one hyp_host exists; the guest never sees a host pointer other than the
 * RAM/vmap addresses it is given; guest-provided trace source/kind strings are sanitised to the
 * trace alphabet before reaching trc_text() (which asserts on it).
 *
 * Livelock budget: guest code runs in zero virtual time, so a guest loop that never blocks
 * (e.g. a ring iterator that never finds its end) would spin forever in one event. Every
 * guest->host seam call (trace, hypercall, MSR) is counted per virtual instant; more than
 * HYP_HOST_INSTANT_CALLS_MAX calls at one instant end the run as a crash whose reason starts
 * with "guest livelock" and names the guest's last trace record. Deterministic: the count
 * depends only on the guest's own calls. The largest legitimate burst in the suite (10,000
 * ring packets at one instant) makes about 25,000 calls.
 */
#include "hyp/host.h"

#include <assert.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/fiber.h"
#include "sim/trace.h"

/* ------------------------------------------------------------------ env on a world */

static uint64_t w_now(void *ctx)
{
    return sim_now_ns(ctx);
}

static void w_at(void *ctx, struct sim_event *ev, uint64_t when_ns)
{
    sim_event_schedule(ctx, ev, when_ns);
}

static bool w_cancel(void *ctx, struct sim_event *ev)
{
    return sim_event_cancel(ctx, ev);
}

static uint64_t w_trace(void *ctx, const char *source, const char *kind, const char *body)
{
    return trc_text(sim_world_trace(ctx), source, kind, body);
}

static const struct hyp_env_ops world_env_ops = {
    .now_ns = w_now,
    .at = w_at,
    .cancel = w_cancel,
    .trace = w_trace,
};

void hyp_env_world_init(struct hyp_env *env, struct sim_world *w)
{
    *env = (struct hyp_env){ .ops = &world_env_ops, .ctx = w, .seed = sim_world_seed(w) };
}

/* ------------------------------------------------------------------ the seam */

struct hyp_host {
    struct sim_world *w;
    struct hyp_machine *m;
    struct hyp_host_ops ops;
    struct sim_prng random;
    bool crashed;
    char crash_why[256];
    bool in_run;
    jmp_buf crash_jmp;
    uint32_t guest_findings;
    uint64_t instant_ns;    /* virtual time of the calls counted in instant_calls */
    uint64_t instant_calls; /* guest seam calls at instant_ns */
    char last_guest[96];    /* source and kind of the guest's last trace record */
};

#define HYP_HOST_INSTANT_CALLS_MAX 100000ull

static struct hyp_host *cur;

static uint32_t cur_vcpu(void)
{
    sim_fiber_id f = sim_fiber_current(cur->w);
    if (f)
        return sim_fiber_vcpu(cur->w, f);
    int32_t irq = hyp_machine_irq_vcpu(cur->m);
    return irq >= 0 ? (uint32_t)irq : 0;
}

static void *op_vmap(const uint64_t *pfns, uint32_t nr_pages)
{
    void *va = hyp_mem_vmap(hyp_machine_mem(cur->m), pfns, nr_pages);
    hyp_tracef(hyp_machine_env(cur->m), "hv", "vmap", "pages=%u first_pfn=%#llx ok=%d",
               nr_pages, nr_pages ? (unsigned long long)pfns[0] : 0ull, va != NULL);
    return va;
}

static void op_vunmap(void *va)
{
    if (hyp_mem_vunmap(hyp_machine_mem(cur->m), va) != 0)
        hyp_findingf(hyp_machine_env(cur->m), "hv", "HYP-ABI-004", "vunmap of an address "
                     "that vmap did not return");
}

static uint64_t op_now(void)
{
    return sim_now_ns(cur->w);
}

static hyp_task_id op_task_create(const char *name, void (*fn)(void *), void *arg, uint32_t cpu)
{
    assert(cpu < hyp_machine_nr_vcpus(cur->m));
    return sim_fiber_create(cur->w, name, fn, arg, cpu);
}

static hyp_task_id op_task_current(void)
{
    return sim_fiber_current(cur->w);
}

static void op_task_set_priv(hyp_task_id t, void *priv)
{
    sim_fiber_set_priv(cur->w, t, priv);
}

static void *op_task_get_priv(hyp_task_id t)
{
    return sim_fiber_priv(cur->w, t);
}

static void op_task_block(void)
{
    sim_fiber_block(cur->w);
}

static enum hyp_wait_result op_task_block_until(uint64_t deadline_ns)
{
    return sim_fiber_block_until(cur->w, deadline_ns, NULL) == SIM_WAIT_WOKEN ? HYP_WAIT_WOKEN
                                                                             : HYP_WAIT_TIMEOUT;
}

static void op_task_wake(hyp_task_id t)
{
    sim_fiber_wake(cur->w, t);
}

static void op_task_yield(void)
{
    sim_fiber_yield(cur->w);
}

static hyp_timer_id op_timer_arm(uint64_t when_ns, void (*fn)(void *), void *arg)
{
    return sim_timer_arm(cur->w, when_ns, fn, arg);
}

static int op_timer_cancel(hyp_timer_id t)
{
    return sim_timer_cancel(cur->w, t);
}

__attribute__((noreturn)) static void op_crash(const char *why);

/* Count one guest seam call; past the budget the run ends as a guest livelock (see top). */
static void guest_call(void)
{
    uint64_t now = sim_now_ns(cur->w);
    if (now != cur->instant_ns) {
        cur->instant_ns = now;
        cur->instant_calls = 0;
    }
    if (++cur->instant_calls <= HYP_HOST_INSTANT_CALLS_MAX)
        return;
    char why[200];
    snprintf(why, sizeof(why), "guest livelock: %llu guest calls at t=%llu ns without virtual "
             "time advancing; last guest record: %s", HYP_HOST_INSTANT_CALLS_MAX,
             (unsigned long long)now, cur->last_guest[0] ? cur->last_guest : "none");
    op_crash(why);
}

static uint64_t op_hypercall(uint64_t control, uint64_t in_gpa, uint64_t out_gpa)
{
    guest_call();
    return hyp_machine_hypercall(cur->m, cur_vcpu(), control, in_gpa, out_gpa);
}

static uint64_t op_hypercall_fast8(uint16_t code, uint64_t input)
{
    guest_call();
    return hyp_machine_hypercall_fast8(cur->m, cur_vcpu(), code, input);
}

static uint64_t op_msr_read(uint32_t cpu, uint32_t msr)
{
    guest_call();
    return hyp_machine_msr_read(cur->m, cpu, msr);
}

static void op_msr_write(uint32_t cpu, uint32_t msr, uint64_t value)
{
    guest_call();
    hyp_machine_msr_write(cur->m, cpu, msr, value);
}

static void op_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
    guest_call();
    hyp_machine_cpuid(cur->m, leaf, subleaf, out);
}

/* Copy s into out keeping only [A-Za-z0-9_.-]; empty becomes "x". */
static void sanitize(char *out, size_t n, const char *s)
{
    size_t i = 0;
    for (; s && *s && i + 1 < n; s++) {
        char c = *s;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '.' || c == '-';
        out[i++] = ok ? c : '_';
    }
    if (i == 0)
        out[i++] = 'x';
    out[i] = '\0';
}

static void op_trace(const char *source, const char *kind, const char *body)
{
    char src[64], knd[64];
    sanitize(src, sizeof(src), source);
    sanitize(knd, sizeof(knd), kind);
    snprintf(cur->last_guest, sizeof(cur->last_guest), "%s %s", src, knd);
    guest_call();
    trc_text(sim_world_trace(cur->w), src, knd, body ? body : "");
}

static void op_finding(const char *rule_id, const char *detail)
{
    char rule[64];
    sanitize(rule, sizeof(rule), rule_id);
    cur->guest_findings++;
    hyp_findingf(hyp_machine_env(cur->m), "guest", rule, "detail=\"%s\"", detail ? detail : "");
}

__attribute__((noreturn)) static void op_crash(const char *why)
{
    struct hyp_host *h = cur;
    h->crashed = true;
    snprintf(h->crash_why, sizeof(h->crash_why), "%s", why ? why : "(null)");
    hyp_tracef(hyp_machine_env(h->m), "hv", "crash", "why=\"%s\"", h->crash_why);
    sim_world_stop(h->w);
    if (sim_fiber_current(h->w)) {
        for (;;)
            sim_fiber_block(h->w); /* never woken: discarded with the world */
    }
    if (h->in_run)
        longjmp(h->crash_jmp, 1);
    fprintf(stderr, "hvsim: guest crash outside a run: %s\n", h->crash_why);
    abort();
}

static uint64_t op_random_u64(void)
{
    return sim_prng_u64(&cur->random);
}

struct hyp_host *hyp_host_create(struct sim_world *w, struct hyp_machine *m)
{
    if (cur)
        return NULL;
    struct hyp_host *h = calloc(1, sizeof(*h));
    assert(h);
    h->w = w;
    h->m = m;
    sim_world_prng_stream(w, &h->random, "guest.random");
    struct hyp_mem *mem = hyp_machine_mem(m);
    h->ops = (struct hyp_host_ops){
        .version = HYP_SEAM_VERSION,
        .nr_cpus = hyp_machine_nr_vcpus(m),
        .ram_base = hyp_mem_base(mem),
        .ram_size = hyp_mem_size(mem),
        .vmap = op_vmap,
        .vunmap = op_vunmap,
        .now_ns = op_now,
        .task_create = op_task_create,
        .task_current = op_task_current,
        .task_set_priv = op_task_set_priv,
        .task_get_priv = op_task_get_priv,
        .task_block = op_task_block,
        .task_block_until = op_task_block_until,
        .task_wake = op_task_wake,
        .task_yield = op_task_yield,
        .timer_arm = op_timer_arm,
        .timer_cancel = op_timer_cancel,
        .hypercall = op_hypercall,
        .hypercall_fast8 = op_hypercall_fast8,
        .msr_read = op_msr_read,
        .msr_write = op_msr_write,
        .cpuid = op_cpuid,
        .trace = op_trace,
        .finding = op_finding,
        .crash = op_crash,
        .random_u64 = op_random_u64,
    };
    cur = h;
    return h;
}

void hyp_host_destroy(struct hyp_host *h)
{
    if (!h)
        return;
    assert(cur == h);
    cur = NULL;
    free(h);
}

const struct hyp_host_ops *hyp_host_ops_table(const struct hyp_host *h)
{
    return &h->ops;
}

enum sim_outcome hyp_host_run(struct hyp_host *h, bool *crashed)
{
    volatile enum sim_outcome out = SIM_OUTCOME_STOPPED;
    h->in_run = true;
    if (setjmp(h->crash_jmp) == 0)
        out = sim_world_run(h->w);
    else
        sim_world_run_aborted(h->w); /* op_crash() from an event callback */
    h->in_run = false;
    if (crashed)
        *crashed = h->crashed;
    return out;
}

const char *hyp_host_crash_reason(const struct hyp_host *h)
{
    return h->crashed ? h->crash_why : NULL;
}

uint32_t hyp_host_guest_findings(const struct hyp_host *h)
{
    return h->guest_findings;
}
