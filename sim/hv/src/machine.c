// SPDX-License-Identifier: GPL-2.0-only
/*
 * machine.c - the hypervisor model: per-vCPU SynIC, hypercalls, message slots, event flags,
 * interrupt injection.
 *
 * Owns: guest RAM (through hyp_mem), the vCPU array, the connection-id handler table, the
 * per-(vCPU, SINT) queues of messages waiting for a free SIMP slot, and one interrupt event per
 * vCPU.
 *
 * Invariants:
 *   - A queued message is written into SIMP[sint] only when SCONTROL and SIMP are enabled and
 *     the slot's message_type is HYP_MSG_NONE; queues are FIFO, so delivery order equals post
 *     order per (vCPU, SINT).
 *   - While a queue is non-empty and the slot is busy, the slot carries msg_pending; after the
 *     guest's EOM the next message is written (TLFS "message pending" protocol).
 *   - At most one interrupt event per vCPU is pending; raised SINTs are accumulated in a mask
 *     and delivered by a single guest_ops->interrupt(cpu) call. Masked SINTs or a disabled
 *     SynIC keep the bit pending until the guest unmasks/enables.
 *
 * Findings raised here (guest misuse of the hypervisor ABI; rule ids):
 *   VMB-SYN-002  HvPostMessage with message type != 1, payload > 240, or unreadable input
 *   VMB-SIG-002  HvSignalEvent on a connection id no host component owns
 *   HYP-ABI-001  unknown hypercall code / unsupported fast-or-slow form
 *   HYP-ABI-002  access to an unknown synthetic MSR or a write to a read-only one
 *   HYP-ABI-003  SIMP/SIEFP GPA outside guest RAM when enabled
 *   VMB-SYN-005  EOM written while the slot still holds a message (guest did not clear it)
 */
#include "hyp/machine.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SRC "hv"

struct hyp_msgq {
    struct hyp_message *slots; /* ring of cap messages */
    uint32_t head;
    uint32_t len;
    uint32_t cap;
};

struct hyp_vcpu {
    struct hyp_machine *m;
    uint32_t index;
    uint64_t scontrol;
    uint64_t simp;
    uint64_t siefp;
    uint64_t sint[HYP_SINT_COUNT];
    struct hyp_msgq q[HYP_SINT_COUNT];
    uint16_t irq_pending; /* bit per SINT raised but not yet delivered */
    struct sim_event irq_ev;
    uint64_t last_post_gpa; /* input page of the latest HvPostMessage (self-test reposts) */
};

struct hyp_conn {
    uint32_t conn_id;
    hyp_msg_handler msg_fn;
    hyp_event_handler event_fn;
    void *ctx;
};

struct hyp_machine {
    struct hyp_env *env;
    struct hyp_mem *mem;
    struct hyp_machine_config cfg;
    const struct hyp_guest_ops *guest;
    uint64_t guest_os_id;
    uint64_t hypercall_msr;
    bool config_traced;
    struct hyp_vcpu vcpu[HYP_MAX_VCPUS];
    struct hyp_conn conns[HYP_MAX_CONN_HANDLERS];
    uint32_t nr_conns;
    uint32_t inject_count;
    uint16_t inject_status;
    int32_t irq_vcpu; /* vCPU whose interrupt() is running, -1 outside */
    struct hyp_machine_stats stats;
};

static void vcpu_irq_fire(struct sim_world *w, struct sim_event *ev);

struct hyp_machine *hyp_machine_create(struct hyp_env *env, const struct hyp_machine_config *cfg,
                                       char *err, size_t err_len)
{
    if (cfg->nr_vcpus == 0 || cfg->nr_vcpus > HYP_MAX_VCPUS) {
        snprintf(err, err_len, "vCPU count %u outside 1..%u", cfg->nr_vcpus, HYP_MAX_VCPUS);
        return NULL;
    }
    if (cfg->isolation > HYP_ISOLATION_VBS || (cfg->vtl != 0 && cfg->vtl != 2)) {
        snprintf(err, err_len, "isolation %u / VTL %u not modelled (none or VBS; VTL 0 or 2)",
                 cfg->isolation, cfg->vtl);
        return NULL;
    }
    struct hyp_mem *mem = hyp_mem_create(cfg->ram_size, err, err_len);
    if (!mem)
        return NULL;
    struct hyp_machine *m = calloc(1, sizeof(*m));
    assert(m);
    m->env = env;
    m->mem = mem;
    m->cfg = *cfg;
    m->irq_vcpu = -1;
    if (!m->cfg.msg_queue_max)
        m->cfg.msg_queue_max = HYP_MSG_QUEUE_MAX_DEFAULT;
    for (uint32_t i = 0; i < cfg->nr_vcpus; i++) {
        struct hyp_vcpu *v = &m->vcpu[i];
        v->m = m;
        v->index = i;
        for (uint32_t s = 0; s < HYP_SINT_COUNT; s++)
            v->sint[s] = HYP_SINT_MASKED;
        sim_event_init(&v->irq_ev, vcpu_irq_fire, v);
    }
    hyp_tracef(env, SRC, "machine", "ram_bytes=%llu vcpus=%u msg_queue_max=%u",
               (unsigned long long)cfg->ram_size, cfg->nr_vcpus, m->cfg.msg_queue_max);
    return m;
}

void hyp_machine_destroy(struct hyp_machine *m)
{
    if (!m)
        return;
    for (uint32_t i = 0; i < m->cfg.nr_vcpus; i++) {
        struct hyp_vcpu *v = &m->vcpu[i];
        hyp_cancel(m->env, &v->irq_ev);
        for (uint32_t s = 0; s < HYP_SINT_COUNT; s++)
            free(v->q[s].slots);
    }
    hyp_mem_destroy(m->mem);
    free(m);
}

struct hyp_env *hyp_machine_env(struct hyp_machine *m)
{
    return m->env;
}

struct hyp_mem *hyp_machine_mem(struct hyp_machine *m)
{
    return m->mem;
}

uint32_t hyp_machine_nr_vcpus(const struct hyp_machine *m)
{
    return m->cfg.nr_vcpus;
}

const struct hyp_machine_stats *hyp_machine_stats(const struct hyp_machine *m)
{
    return &m->stats;
}

void hyp_machine_set_guest(struct hyp_machine *m, const struct hyp_guest_ops *guest)
{
    m->guest = guest;
}

/* ------------------------------------------------------------------ connection table */

static struct hyp_conn *conn_find(struct hyp_machine *m, uint32_t conn_id)
{
    for (uint32_t i = 0; i < m->nr_conns; i++) {
        if (m->conns[i].conn_id == conn_id)
            return &m->conns[i];
    }
    return NULL;
}

static int conn_add(struct hyp_machine *m, uint32_t conn_id, hyp_msg_handler mf,
                    hyp_event_handler ef, void *ctx)
{
    assert(conn_id <= HYP_CONNECTION_ID_MASK);
    struct hyp_conn *c = conn_find(m, conn_id);
    if (c) {
        if ((mf && c->msg_fn) || (ef && c->event_fn))
            return -1;
        if (c->ctx != ctx)
            return -1;
        c->msg_fn = mf ? mf : c->msg_fn;
        c->event_fn = ef ? ef : c->event_fn;
        return 0;
    }
    if (m->nr_conns == HYP_MAX_CONN_HANDLERS)
        return -1;
    m->conns[m->nr_conns++] = (struct hyp_conn){ conn_id, mf, ef, ctx };
    return 0;
}

int hyp_machine_register_msg(struct hyp_machine *m, uint32_t conn_id, hyp_msg_handler fn,
                             void *ctx)
{
    return conn_add(m, conn_id, fn, NULL, ctx);
}

int hyp_machine_register_event(struct hyp_machine *m, uint32_t conn_id, hyp_event_handler fn,
                               void *ctx)
{
    return conn_add(m, conn_id, NULL, fn, ctx);
}

void hyp_machine_unregister(struct hyp_machine *m, uint32_t conn_id)
{
    for (uint32_t i = 0; i < m->nr_conns; i++) {
        if (m->conns[i].conn_id == conn_id) {
            m->conns[i] = m->conns[--m->nr_conns];
            return;
        }
    }
}

uint64_t hyp_machine_last_post_gpa(const struct hyp_machine *m, uint32_t vcpu)
{
    assert(vcpu < m->cfg.nr_vcpus);
    return m->vcpu[vcpu].last_post_gpa;
}

void hyp_machine_inject_post_status(struct hyp_machine *m, uint32_t count, uint16_t status)
{
    m->inject_count = count;
    m->inject_status = status;
}

/* ------------------------------------------------------------------ interrupts */

static bool synic_on(const struct hyp_vcpu *v)
{
    return (v->scontrol & HYP_SCONTROL_ENABLE) != 0;
}

static bool sint_deliverable(const struct hyp_vcpu *v, uint32_t sint)
{
    return synic_on(v) && !(v->sint[sint] & HYP_SINT_MASKED);
}

static void vcpu_irq_kick(struct hyp_vcpu *v)
{
    uint16_t ready = 0;
    for (uint32_t s = 0; s < HYP_SINT_COUNT; s++) {
        if ((v->irq_pending & (1u << s)) && sint_deliverable(v, s))
            ready |= (uint16_t)(1u << s);
    }
    if (!ready || sim_event_pending(&v->irq_ev))
        return;
    hyp_at(v->m->env, &v->irq_ev, hyp_now(v->m->env) + v->m->cfg.irq_latency_ns);
}

static void vcpu_irq_fire(struct sim_world *w, struct sim_event *ev)
{
    struct hyp_vcpu *v = ev->arg;
    struct hyp_machine *m = v->m;
    uint16_t fired = 0;
    for (uint32_t s = 0; s < HYP_SINT_COUNT; s++) {
        if ((v->irq_pending & (1u << s)) && sint_deliverable(v, s))
            fired |= (uint16_t)(1u << s);
    }
    if (!fired)
        return;
    v->irq_pending &= (uint16_t)~fired;
    m->stats.interrupts++;
    hyp_tracef(m->env, SRC, "interrupt", "vcpu=%u sints=%#x vector=%llu", v->index, fired,
               (unsigned long long)(v->sint[HYP_VMBUS_SINT] & HYP_SINT_VECTOR_MASK));
    if (m->guest) {
        int32_t saved = m->irq_vcpu;
        m->irq_vcpu = (int32_t)v->index;
        m->guest->interrupt(v->index);
        m->irq_vcpu = saved;
    }
}

int32_t hyp_machine_irq_vcpu(const struct hyp_machine *m)
{
    return m->irq_vcpu;
}

static void vcpu_raise(struct hyp_vcpu *v, uint32_t sint)
{
    v->irq_pending |= (uint16_t)(1u << sint);
    vcpu_irq_kick(v);
}

/* ------------------------------------------------------------------ message slots */

static struct hyp_message *simp_slot(struct hyp_vcpu *v, uint32_t sint)
{
    if (!synic_on(v) || !(v->simp & HYP_SIMP_ENABLE))
        return NULL;
    uint64_t gpa = (v->simp & HYP_PAGE_GPA_MASK) + (uint64_t)sint * HYP_MESSAGE_SIZE;
    return hyp_mem_ptr(v->m->mem, gpa, HYP_MESSAGE_SIZE);
}

/* Write queued messages into the slot while possible; mark msg_pending if it stays busy. */
static void slot_pump(struct hyp_vcpu *v, uint32_t sint)
{
    struct hyp_msgq *q = &v->q[sint];
    if (!q->len)
        return;
    struct hyp_message *slot = simp_slot(v, sint);
    if (!slot)
        return;
    uint32_t cur_type;
    memcpy(&cur_type, slot, sizeof(cur_type)); /* header.message_type is at offset 0 */
    if (cur_type != HYP_MSG_NONE) {
        if (!(slot->header.message_flags & HYP_MSG_FLAG_PENDING)) {
            slot->header.message_flags |= HYP_MSG_FLAG_PENDING;
            hyp_tracef(v->m->env, SRC, "msg_pending", "vcpu=%u sint=%u queued=%u", v->index,
                       sint, q->len);
        }
        return;
    }
    const struct hyp_message *msg = &q->slots[q->head];
    memcpy(slot->payload, msg->payload, sizeof(slot->payload));
    slot->header = msg->header;
    slot->header.message_flags = 0;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    q->head = (q->head + 1) % q->cap;
    q->len--;
    v->m->stats.messages_delivered++;
    uint32_t msgtype = 0;
    memcpy(&msgtype, msg->payload, msg->header.payload_size >= 4 ? 4 : 0);
    hyp_tracef(v->m->env, SRC, "deliver", "vcpu=%u sint=%u type=%u size=%u vmb_msgtype=%u",
               v->index, sint, msg->header.message_type, msg->header.payload_size, msgtype);
    if (q->len) {
        slot->header.message_flags |= HYP_MSG_FLAG_PENDING;
        hyp_tracef(v->m->env, SRC, "msg_pending", "vcpu=%u sint=%u queued=%u", v->index, sint,
                   q->len);
    }
    vcpu_raise(v, sint);
}

int hyp_machine_post(struct hyp_machine *m, uint32_t vcpu, uint32_t sint, uint32_t msg_type,
                     const void *payload, uint32_t len)
{
    assert(vcpu < m->cfg.nr_vcpus && sint < HYP_SINT_COUNT);
    assert(len <= HYP_MESSAGE_PAYLOAD_MAX && msg_type != HYP_MSG_NONE);
    struct hyp_vcpu *v = &m->vcpu[vcpu];
    struct hyp_msgq *q = &v->q[sint];
    if (q->len == m->cfg.msg_queue_max) {
        hyp_tracef(m->env, SRC, "limit", "what=msg_queue vcpu=%u sint=%u max=%u", vcpu, sint,
                   m->cfg.msg_queue_max);
        return -1;
    }
    if (!q->slots) {
        q->cap = m->cfg.msg_queue_max;
        q->slots = calloc(q->cap, sizeof(*q->slots));
        assert(q->slots);
    }
    struct hyp_message *msg = &q->slots[(q->head + q->len) % q->cap];
    memset(msg, 0, sizeof(*msg));
    msg->header.message_type = msg_type;
    msg->header.payload_size = (uint8_t)len;
    if (len)
        memcpy(msg->payload, payload, len);
    q->len++;
    slot_pump(v, sint);
    return 0;
}

uint32_t hyp_machine_queued(const struct hyp_machine *m, uint32_t vcpu, uint32_t sint)
{
    assert(vcpu < m->cfg.nr_vcpus && sint < HYP_SINT_COUNT);
    return m->vcpu[vcpu].q[sint].len;
}

void hyp_machine_signal(struct hyp_machine *m, uint32_t vcpu, uint32_t sint, uint32_t flag)
{
    assert(vcpu < m->cfg.nr_vcpus && sint < HYP_SINT_COUNT && flag < HYP_EVENT_FLAGS_BITS);
    struct hyp_vcpu *v = &m->vcpu[vcpu];
    m->stats.events_to_guest++;
    struct hyp_event_flags *f = NULL;
    if (synic_on(v) && (v->siefp & HYP_SIEFP_ENABLE)) {
        uint64_t gpa = (v->siefp & HYP_PAGE_GPA_MASK) + (uint64_t)sint * sizeof(*f);
        f = hyp_mem_ptr(m->mem, gpa, sizeof(*f));
    }
    hyp_tracef(m->env, SRC, "event", "vcpu=%u sint=%u flag=%u siefp=%s", vcpu, sint, flag,
               f ? "on" : "off");
    if (!f)
        return; /* a disabled SIEFP loses the event, as on the real hypervisor */
    __atomic_fetch_or(&f->bits[flag / 8], (uint8_t)(1u << (flag % 8)), __ATOMIC_SEQ_CST);
    vcpu_raise(v, sint);
}

/* ------------------------------------------------------------------ hypercalls */

static uint64_t hc_post_message(struct hyp_machine *m, uint32_t vcpu, uint64_t in_gpa)
{
    struct hyp_post_message_input in;
    m->stats.posts++;
    m->vcpu[vcpu].last_post_gpa = in_gpa;
    if (hyp_mem_read(m->mem, in_gpa, &in, sizeof(in)) != 0) {
        hyp_findingf(m->env, SRC, "VMB-SYN-002", "vcpu=%u post_message input_gpa=%#llx not in RAM",
                     vcpu, (unsigned long long)in_gpa);
        return HYP_STATUS_INVALID_PARAMETER;
    }
    uint32_t conn = in.connection_id & HYP_CONNECTION_ID_MASK;
    uint32_t msgtype = 0;
    memcpy(&msgtype, in.payload, 4);
    hyp_tracef(m->env, SRC, "hypercall", "vcpu=%u call=post_message conn=%u type=%u size=%u "
               "vmb_msgtype=%u", vcpu, conn, in.message_type, in.payload_size, msgtype);
    if (in.message_type != HYP_MSG_VMBUS || in.payload_size > HYP_MESSAGE_PAYLOAD_MAX) {
        hyp_findingf(m->env, SRC, "VMB-SYN-002", "vcpu=%u message_type=%u payload_size=%u",
                     vcpu, in.message_type, in.payload_size);
        return HYP_STATUS_INVALID_PARAMETER;
    }
    if (m->inject_count) {
        m->inject_count--;
        m->stats.posts_failed++;
        hyp_tracef(m->env, SRC, "hypercall_result", "call=post_message status=%u injected=1",
                   m->inject_status);
        return m->inject_status;
    }
    struct hyp_conn *c = conn_find(m, conn);
    if (!c || !c->msg_fn) {
        m->stats.posts_failed++;
        hyp_tracef(m->env, SRC, "hypercall_result", "call=post_message status=%u conn=%u",
                   HYP_STATUS_INVALID_CONNECTION_ID, conn);
        return HYP_STATUS_INVALID_CONNECTION_ID;
    }
    uint16_t st = c->msg_fn(c->ctx, conn, vcpu, in.payload, in.payload_size);
    if (st != HYP_STATUS_SUCCESS) {
        m->stats.posts_failed++;
        hyp_tracef(m->env, SRC, "hypercall_result", "call=post_message status=%u", st);
    }
    return st;
}

static uint64_t hc_signal_event(struct hyp_machine *m, uint32_t vcpu, uint64_t input)
{
    uint32_t conn = (uint32_t)input & HYP_CONNECTION_ID_MASK;
    uint32_t flag = (uint32_t)(input >> 32) & 0xffffu;
    m->stats.signals_from_guest++;
    hyp_tracef(m->env, SRC, "hypercall", "vcpu=%u call=signal_event conn=%u flag=%u", vcpu,
               conn, flag);
    struct hyp_conn *c = conn_find(m, conn);
    if (!c || !c->event_fn) {
        hyp_findingf(m->env, SRC, "VMB-SIG-002", "vcpu=%u signal_event on unowned conn=%u",
                     vcpu, conn);
        return HYP_STATUS_INVALID_CONNECTION_ID;
    }
    return c->event_fn(c->ctx, conn, vcpu);
}

/*
 * HvCallGetVpRegisters (rep): input = partition id (u64), vp index (u32), input VTL (u8),
 * 3 reserved bytes, then rep-count register names (u32); output = one 16-byte value per
 * name. Only HvRegisterVsmVpStatus is modelled (its low bits: the configured VTL).
 */
static uint64_t hc_get_vp_registers(struct hyp_machine *m, uint32_t vcpu, uint64_t control,
                                    uint64_t input_gpa, uint64_t output_gpa)
{
    uint32_t reps = (uint32_t)((control >> HYP_HVCALL_REP_COUNT_SHIFT) & HYP_HVCALL_REP_MASK);
    uint32_t name = 0;
    if (reps != 1 || hyp_mem_read(m->mem, input_gpa + 16, &name, sizeof(name)) != 0) {
        hyp_findingf(m->env, SRC, "HYP-ABI-001", "vcpu=%u get_vp_registers reps=%u input=%#llx",
                     vcpu, reps, (unsigned long long)input_gpa);
        return HYP_STATUS_INVALID_PARAMETER;
    }
    uint64_t value[2] = {0, 0};
    if (name != HYP_REGISTER_VSM_VP_STATUS) {
        hyp_findingf(m->env, SRC, "HYP-ABI-001", "vcpu=%u get_vp_registers name=%#x not modelled",
                     vcpu, name);
        return HYP_STATUS_INVALID_PARAMETER;
    }
    value[0] = m->cfg.vtl;
    if (hyp_mem_write(m->mem, output_gpa, value, sizeof(value)) != 0)
        return HYP_STATUS_INVALID_PARAMETER;
    hyp_tracef(m->env, SRC, "hypercall", "vcpu=%u call=get_vp_registers name=%#x value=%llu",
               vcpu, name, (unsigned long long)value[0]);
    return HYP_STATUS_SUCCESS | ((uint64_t)1 << HYP_HVCALL_REP_COUNT_SHIFT); /* reps done */
}

void hyp_machine_cpuid(struct hyp_machine *m, uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
    (void)subleaf;
    out[0] = out[1] = out[2] = out[3] = 0;
    if (leaf == HYP_CPUID_FEATURES && m->cfg.isolation)
        out[1] = HYP_CPUID_PRIV_ISOLATION;
    else if (leaf == HYP_CPUID_ISOLATION_CONFIG)
        out[1] = m->cfg.isolation & 0xfu;
    if (!m->config_traced) { /* the partition's configuration, once, for the checkers */
        m->config_traced = true;
        hyp_tracef(m->env, SRC, "config", "isolation=%u vtl=%u", m->cfg.isolation, m->cfg.vtl);
    }
    hyp_tracef(m->env, SRC, "cpuid", "leaf=%#x eax=%#x ebx=%#x ecx=%#x edx=%#x", leaf, out[0],
               out[1], out[2], out[3]);
}

uint64_t hyp_machine_hypercall(struct hyp_machine *m, uint32_t vcpu, uint64_t control,
                               uint64_t input_gpa, uint64_t output_gpa)
{
    assert(vcpu < m->cfg.nr_vcpus);
    m->stats.hypercalls++;
    uint16_t code = (uint16_t)(control & HYP_HVCALL_CODE_MASK);
    bool fast = (control & HYP_HVCALL_FAST_BIT) != 0;
    if (code == HYP_HVCALL_POST_MESSAGE && !fast)
        return hc_post_message(m, vcpu, input_gpa);
    if (code == HYP_HVCALL_GET_VP_REGISTERS && !fast)
        return hc_get_vp_registers(m, vcpu, control, input_gpa, output_gpa);
    if (code == HYP_HVCALL_SIGNAL_EVENT) {
        uint64_t in = input_gpa;
        if (!fast && hyp_mem_read(m->mem, input_gpa, &in, sizeof(in)) != 0) {
            hyp_findingf(m->env, SRC, "HYP-ABI-001", "vcpu=%u signal_event input_gpa=%#llx",
                         vcpu, (unsigned long long)input_gpa);
            return HYP_STATUS_INVALID_PARAMETER;
        }
        return hc_signal_event(m, vcpu, in);
    }
    hyp_findingf(m->env, SRC, "HYP-ABI-001", "vcpu=%u unsupported hypercall code=%#x fast=%d",
                 vcpu, code, fast);
    return HYP_STATUS_INVALID_HYPERCALL_CODE;
}

uint64_t hyp_machine_hypercall_fast8(struct hyp_machine *m, uint32_t vcpu, uint16_t code,
                                     uint64_t input)
{
    assert(vcpu < m->cfg.nr_vcpus);
    m->stats.hypercalls++;
    if (code == HYP_HVCALL_SIGNAL_EVENT)
        return hc_signal_event(m, vcpu, input);
    hyp_findingf(m->env, SRC, "HYP-ABI-001", "vcpu=%u unsupported fast hypercall code=%#x",
                 vcpu, code);
    return HYP_STATUS_INVALID_HYPERCALL_CODE;
}

/* ------------------------------------------------------------------ MSRs (table-driven) */

typedef uint64_t (*msr_read_fn)(struct hyp_vcpu *v, uint32_t msr);
typedef void (*msr_write_fn)(struct hyp_vcpu *v, uint32_t msr, uint64_t value);

static uint64_t rd_guest_os_id(struct hyp_vcpu *v, uint32_t msr)
{
    return v->m->guest_os_id;
}

static void wr_guest_os_id(struct hyp_vcpu *v, uint32_t msr, uint64_t value)
{
    v->m->guest_os_id = value;
}

static uint64_t rd_hypercall(struct hyp_vcpu *v, uint32_t msr)
{
    return v->m->hypercall_msr;
}

static void wr_hypercall(struct hyp_vcpu *v, uint32_t msr, uint64_t value)
{
    v->m->hypercall_msr = value;
}

static uint64_t rd_vp_index(struct hyp_vcpu *v, uint32_t msr)
{
    return v->index;
}

static uint64_t rd_time_ref(struct hyp_vcpu *v, uint32_t msr)
{
    return hyp_now(v->m->env) / 100u; /* 100 ns units */
}

static uint64_t rd_tsc_freq(struct hyp_vcpu *v, uint32_t msr)
{
    return 1000000000ull; /* 1 GHz: one virtual ns per tick */
}

static uint64_t rd_scontrol(struct hyp_vcpu *v, uint32_t msr)
{
    return v->scontrol;
}

static void check_page_gpa(struct hyp_vcpu *v, const char *what, uint64_t value)
{
    if ((value & 1) && !hyp_mem_ptr(v->m->mem, value & HYP_PAGE_GPA_MASK, HYP_PAGE_SIZE))
        hyp_findingf(v->m->env, SRC, "HYP-ABI-003", "vcpu=%u %s gpa=%#llx outside RAM",
                     v->index, what, (unsigned long long)(value & HYP_PAGE_GPA_MASK));
}

static void pump_all(struct hyp_vcpu *v)
{
    for (uint32_t s = 0; s < HYP_SINT_COUNT; s++)
        slot_pump(v, s);
    vcpu_irq_kick(v);
}

static void wr_scontrol(struct hyp_vcpu *v, uint32_t msr, uint64_t value)
{
    v->scontrol = value;
    pump_all(v);
}

static uint64_t rd_sversion(struct hyp_vcpu *v, uint32_t msr)
{
    return HYP_SYNIC_VERSION;
}

static uint64_t rd_simp(struct hyp_vcpu *v, uint32_t msr)
{
    return v->simp;
}

static void wr_simp(struct hyp_vcpu *v, uint32_t msr, uint64_t value)
{
    check_page_gpa(v, "simp", value);
    v->simp = value;
    pump_all(v);
}

static uint64_t rd_siefp(struct hyp_vcpu *v, uint32_t msr)
{
    return v->siefp;
}

static void wr_siefp(struct hyp_vcpu *v, uint32_t msr, uint64_t value)
{
    check_page_gpa(v, "siefp", value);
    v->siefp = value;
}

static uint64_t rd_zero(struct hyp_vcpu *v, uint32_t msr)
{
    return 0;
}

static void wr_eom(struct hyp_vcpu *v, uint32_t msr, uint64_t value)
{
    v->m->stats.eoms++;
    hyp_tracef(v->m->env, SRC, "eom", "vcpu=%u", v->index);
    for (uint32_t s = 0; s < HYP_SINT_COUNT; s++) {
        struct hyp_message *slot = simp_slot(v, s);
        if (v->q[s].len && slot && slot->header.message_type != HYP_MSG_NONE)
            hyp_findingf(v->m->env, SRC, "VMB-SYN-005",
                         "vcpu=%u sint=%u EOM while slot still holds type=%u", v->index, s,
                         slot->header.message_type);
        slot_pump(v, s);
    }
}

static uint64_t rd_sint(struct hyp_vcpu *v, uint32_t msr)
{
    return v->sint[msr - HYP_MSR_SINT0];
}

static void wr_sint(struct hyp_vcpu *v, uint32_t msr, uint64_t value)
{
    v->sint[msr - HYP_MSR_SINT0] = value;
    vcpu_irq_kick(v);
}

static void wr_ignore(struct hyp_vcpu *v, uint32_t msr, uint64_t value)
{
}

struct msr_entry {
    uint32_t first;
    uint32_t last;
    const char *name;
    msr_read_fn rd;
    msr_write_fn wr; /* NULL: read-only */
};

static const struct msr_entry msr_table[] = {
    { HYP_MSR_GUEST_OS_ID, HYP_MSR_GUEST_OS_ID, "guest_os_id", rd_guest_os_id, wr_guest_os_id },
    { HYP_MSR_HYPERCALL, HYP_MSR_HYPERCALL, "hypercall", rd_hypercall, wr_hypercall },
    { HYP_MSR_VP_INDEX, HYP_MSR_VP_INDEX, "vp_index", rd_vp_index, NULL },
    { HYP_MSR_TIME_REF_COUNT, HYP_MSR_TIME_REF_COUNT, "time_ref_count", rd_time_ref, NULL },
    { HYP_MSR_TSC_FREQUENCY, HYP_MSR_TSC_FREQUENCY, "tsc_frequency", rd_tsc_freq, NULL },
    { HYP_MSR_APIC_FREQUENCY, HYP_MSR_APIC_FREQUENCY, "apic_frequency", rd_tsc_freq, NULL },
    { HYP_MSR_EOI, HYP_MSR_EOI, "eoi", rd_zero, wr_ignore },
    { HYP_MSR_VP_ASSIST_PAGE, HYP_MSR_VP_ASSIST_PAGE, "vp_assist_page", rd_zero, wr_ignore },
    { HYP_MSR_SCONTROL, HYP_MSR_SCONTROL, "scontrol", rd_scontrol, wr_scontrol },
    { HYP_MSR_SVERSION, HYP_MSR_SVERSION, "sversion", rd_sversion, NULL },
    { HYP_MSR_SIEFP, HYP_MSR_SIEFP, "siefp", rd_siefp, wr_siefp },
    { HYP_MSR_SIMP, HYP_MSR_SIMP, "simp", rd_simp, wr_simp },
    { HYP_MSR_EOM, HYP_MSR_EOM, "eom", rd_zero, wr_eom },
    { HYP_MSR_SINT0, HYP_MSR_SINT15, "sint", rd_sint, wr_sint },
    { HYP_MSR_STIMER0_CONFIG, HYP_MSR_STIMER3_COUNT, "stimer", rd_zero, wr_ignore },
    { HYP_MSR_CRASH_P0, HYP_MSR_CRASH_CTL, "crash", rd_zero, wr_ignore },
};

static const struct msr_entry *msr_lookup(uint32_t msr)
{
    for (size_t i = 0; i < sizeof(msr_table) / sizeof(msr_table[0]); i++) {
        if (msr >= msr_table[i].first && msr <= msr_table[i].last)
            return &msr_table[i];
    }
    return NULL;
}

uint64_t hyp_machine_msr_read(struct hyp_machine *m, uint32_t vcpu, uint32_t msr)
{
    assert(vcpu < m->cfg.nr_vcpus);
    const struct msr_entry *e = msr_lookup(msr);
    if (!e) {
        hyp_findingf(m->env, SRC, "HYP-ABI-002", "vcpu=%u read of unknown msr=%#x", vcpu, msr);
        return 0;
    }
    return e->rd(&m->vcpu[vcpu], msr);
}

void hyp_machine_msr_write(struct hyp_machine *m, uint32_t vcpu, uint32_t msr, uint64_t value)
{
    assert(vcpu < m->cfg.nr_vcpus);
    m->stats.msr_writes++;
    const struct msr_entry *e = msr_lookup(msr);
    hyp_tracef(m->env, SRC, "msr_write", "vcpu=%u msr=%#x name=%s value=%#llx", vcpu, msr,
               e ? e->name : "unknown", (unsigned long long)value);
    if (!e || !e->wr) {
        hyp_findingf(m->env, SRC, "HYP-ABI-002", "vcpu=%u write of %s msr=%#x", vcpu,
                     e ? "read-only" : "unknown", msr);
        return;
    }
    e->wr(&m->vcpu[vcpu], msr, value);
}
