// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_synic.c - SynIC message slots (msg_pending / EOM), interrupts, event flags,
 * HvPostMessage / HvSignalEvent routing, MSR table, findings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hyp/machine.h"

#define SIMP_GPA 0x10000ull
#define SIEFP_GPA 0x11000ull
#define INPUT_GPA 0x12000ull

static struct hyp_env_queue envq;
static struct hyp_machine *m;
static uint32_t irq_count[4];
static uint32_t handler_calls;
static uint8_t handler_payload[240];
static uint32_t handler_len;

static void g_interrupt(uint32_t cpu)
{
    irq_count[cpu]++;
}

static int g_boot(void)
{
    return 0;
}

static void *g_hook(const char *name)
{
    return NULL;
}

static const struct hyp_guest_ops guest = {
    .version = HYP_SEAM_VERSION, .boot = g_boot, .interrupt = g_interrupt, .hook = g_hook,
};

static int setup(void **state)
{
    char err[256];
    hyp_env_queue_init(&envq, 1);
    struct hyp_machine_config cfg = { .ram_size = 4 << 20, .nr_vcpus = 2, .msg_queue_max = 4 };
    m = hyp_machine_create(&envq.env, &cfg, err, sizeof(err));
    assert_non_null(m);
    hyp_machine_set_guest(m, &guest);
    memset(irq_count, 0, sizeof(irq_count));
    handler_calls = 0;
    return 0;
}

static int teardown(void **state)
{
    hyp_machine_destroy(m);
    hyp_env_queue_fini(&envq);
    return 0;
}

static void enable_synic(uint32_t cpu)
{
    hyp_machine_msr_write(m, cpu, HYP_MSR_SIMP, (SIMP_GPA + cpu * 0x4000) | 1);
    hyp_machine_msr_write(m, cpu, HYP_MSR_SIEFP, (SIEFP_GPA + cpu * 0x4000) | 1);
    hyp_machine_msr_write(m, cpu, HYP_MSR_SINT0 + 2, 0x20);
    hyp_machine_msr_write(m, cpu, HYP_MSR_SCONTROL, 1);
}

static struct hyp_message *slot(uint32_t cpu, uint32_t sint)
{
    return hyp_mem_ptr(hyp_machine_mem(m), SIMP_GPA + cpu * 0x4000 + sint * 256, 256);
}

static void run(void)
{
    hyp_env_queue_run(&envq, UINT64_MAX, 1000);
}

static void test_slot_pending_and_eom(void **state)
{
    enable_synic(0);
    for (uint8_t i = 1; i <= 3; i++)
        assert_int_equal(hyp_machine_post(m, 0, 2, HYP_MSG_VMBUS, &i, 1), 0);
    struct hyp_message *s = slot(0, 2);
    assert_int_equal(s->header.message_type, HYP_MSG_VMBUS);
    assert_int_equal(s->payload[0], 1);
    assert_true(s->header.message_flags & HYP_MSG_FLAG_PENDING);
    assert_int_equal(hyp_machine_queued(m, 0, 2), 2);
    run();
    assert_int_equal(irq_count[0], 1);
    /* guest consumes: clear type, then EOM because msg_pending was set */
    s->header.message_type = HYP_MSG_NONE;
    hyp_machine_msr_write(m, 0, HYP_MSR_EOM, 0);
    assert_int_equal(s->payload[0], 2);
    assert_true(s->header.message_flags & HYP_MSG_FLAG_PENDING);
    run();
    assert_int_equal(irq_count[0], 2);
    s->header.message_type = HYP_MSG_NONE;
    hyp_machine_msr_write(m, 0, HYP_MSR_EOM, 0);
    assert_int_equal(s->payload[0], 3);
    assert_false(s->header.message_flags & HYP_MSG_FLAG_PENDING);
    assert_int_equal(hyp_machine_queued(m, 0, 2), 0);
    assert_int_equal(hyp_machine_stats(m)->messages_delivered, 3);
    assert_int_equal(envq.env.nr_findings, 0);
}

static void test_eom_without_clearing_is_finding(void **state)
{
    enable_synic(0);
    uint8_t b = 7;
    hyp_machine_post(m, 0, 2, HYP_MSG_VMBUS, &b, 1);
    hyp_machine_post(m, 0, 2, HYP_MSG_VMBUS, &b, 1);
    hyp_machine_msr_write(m, 0, HYP_MSR_EOM, 0);
    assert_int_equal(envq.env.nr_findings, 1);
    assert_string_equal(envq.env.last_finding_rule, "VMB-SYN-005");
    assert_int_equal(hyp_machine_queued(m, 0, 2), 1);
}

static void test_masked_and_disabled(void **state)
{
    uint8_t b = 1;
    /* SynIC off: message stays queued, no interrupt */
    hyp_machine_post(m, 1, 2, HYP_MSG_VMBUS, &b, 1);
    run();
    assert_int_equal(irq_count[1], 0);
    assert_int_equal(hyp_machine_queued(m, 1, 2), 1);
    hyp_machine_msr_write(m, 1, HYP_MSR_SIMP, (SIMP_GPA + 0x4000) | 1);
    hyp_machine_msr_write(m, 1, HYP_MSR_SINT0 + 2, 0x20 | HYP_SINT_MASKED);
    hyp_machine_msr_write(m, 1, HYP_MSR_SCONTROL, 1);
    assert_int_equal(hyp_machine_queued(m, 1, 2), 0); /* written to the slot now */
    run();
    assert_int_equal(irq_count[1], 0); /* masked */
    hyp_machine_msr_write(m, 1, HYP_MSR_SINT0 + 2, 0x20);
    run();
    assert_int_equal(irq_count[1], 1);
}

static void test_queue_limit(void **state)
{
    uint8_t b = 1;
    for (int i = 0; i < 4; i++)
        assert_int_equal(hyp_machine_post(m, 0, 2, HYP_MSG_VMBUS, &b, 1), 0);
    assert_int_equal(hyp_machine_post(m, 0, 2, HYP_MSG_VMBUS, &b, 1), -1);
}

static void test_event_flags(void **state)
{
    enable_synic(0);
    hyp_machine_signal(m, 0, 2, 13);
    const uint8_t *flags = hyp_mem_ptr(hyp_machine_mem(m), SIEFP_GPA + 2 * 256, 256);
    assert_int_equal(flags[1], 1u << 5);
    hyp_machine_signal(m, 0, 2, 14);
    run();
    assert_int_equal(irq_count[0], 1); /* coalesced into one interrupt */
}

static uint16_t on_msg(void *ctx, uint32_t conn, uint32_t vcpu, const void *p, uint32_t len)
{
    handler_calls++;
    handler_len = len;
    memcpy(handler_payload, p, len);
    return HYP_STATUS_SUCCESS;
}

static uint16_t on_event(void *ctx, uint32_t conn, uint32_t vcpu)
{
    handler_calls += 100;
    return HYP_STATUS_SUCCESS;
}

static void post(uint32_t conn, uint32_t type, uint32_t size, uint64_t *ret)
{
    struct hyp_post_message_input in = { .connection_id = conn, .message_type = type,
                                         .payload_size = size };
    memset(in.payload, 0xab, sizeof(in.payload));
    hyp_mem_write(hyp_machine_mem(m), INPUT_GPA, &in, sizeof(in));
    *ret = hyp_machine_hypercall(m, 0, HYP_HVCALL_POST_MESSAGE, INPUT_GPA, 0);
}

static void test_post_message_routing(void **state)
{
    uint64_t st;
    assert_int_equal(hyp_machine_register_msg(m, 4, on_msg, NULL), 0);
    assert_int_equal(hyp_machine_register_msg(m, 4, on_msg, NULL), -1);
    post(4, 1, 40, &st);
    assert_int_equal(st, HYP_STATUS_SUCCESS);
    assert_int_equal(handler_calls, 1);
    assert_int_equal(handler_len, 40);
    post(1, 1, 40, &st);
    assert_int_equal(st, HYP_STATUS_INVALID_CONNECTION_ID);
    assert_int_equal(envq.env.nr_findings, 0);
    post(4, 1, 241, &st);
    assert_int_equal(st, HYP_STATUS_INVALID_PARAMETER);
    assert_string_equal(envq.env.last_finding_rule, "VMB-SYN-002");
    post(4, 2, 8, &st);
    assert_int_equal(st, HYP_STATUS_INVALID_PARAMETER);
    assert_int_equal(envq.env.nr_findings, 2);
    hyp_machine_inject_post_status(m, 2, HYP_STATUS_INSUFFICIENT_BUFFERS);
    post(4, 1, 8, &st);
    assert_int_equal(st, HYP_STATUS_INSUFFICIENT_BUFFERS);
    post(4, 1, 8, &st);
    assert_int_equal(st, HYP_STATUS_INSUFFICIENT_BUFFERS);
    post(4, 1, 8, &st);
    assert_int_equal(st, HYP_STATUS_SUCCESS);
    assert_int_equal(handler_calls, 2);
    st = hyp_machine_hypercall(m, 0, HYP_HVCALL_POST_MESSAGE, 64ull << 20, 0);
    assert_int_equal(st, HYP_STATUS_INVALID_PARAMETER);
}

static void test_signal_event(void **state)
{
    assert_int_equal(hyp_machine_register_event(m, 17, on_event, NULL), 0);
    assert_int_equal(hyp_machine_hypercall_fast8(m, 0, HYP_HVCALL_SIGNAL_EVENT, 17), 0);
    assert_int_equal(handler_calls, 100);
    assert_int_equal(hyp_machine_hypercall_fast8(m, 0, HYP_HVCALL_SIGNAL_EVENT, 18),
                     HYP_STATUS_INVALID_CONNECTION_ID);
    assert_string_equal(envq.env.last_finding_rule, "VMB-SIG-002");
    assert_int_equal(hyp_machine_hypercall_fast8(m, 0, 0x99, 0),
                     HYP_STATUS_INVALID_HYPERCALL_CODE);
    assert_string_equal(envq.env.last_finding_rule, "HYP-ABI-001");
}

static void test_msrs(void **state)
{
    assert_int_equal(hyp_machine_msr_read(m, 1, HYP_MSR_VP_INDEX), 1);
    assert_int_equal(hyp_machine_msr_read(m, 0, HYP_MSR_SVERSION), 1);
    assert_int_equal(hyp_machine_msr_read(m, 0, HYP_MSR_SINT0 + 5), HYP_SINT_MASKED);
    hyp_machine_msr_write(m, 0, HYP_MSR_GUEST_OS_ID, 0x8100);
    assert_int_equal(hyp_machine_msr_read(m, 1, HYP_MSR_GUEST_OS_ID), 0x8100);
    assert_int_equal(envq.env.nr_findings, 0);
    hyp_machine_msr_write(m, 0, HYP_MSR_VP_INDEX, 3);
    assert_string_equal(envq.env.last_finding_rule, "HYP-ABI-002");
    hyp_machine_msr_read(m, 0, 0x12345);
    assert_int_equal(envq.env.nr_findings, 2);
    hyp_machine_msr_write(m, 0, HYP_MSR_SIMP, (64ull << 20) | 1);
    assert_string_equal(envq.env.last_finding_rule, "HYP-ABI-003");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_slot_pending_and_eom, setup, teardown),
        cmocka_unit_test_setup_teardown(test_eom_without_clearing_is_finding, setup, teardown),
        cmocka_unit_test_setup_teardown(test_masked_and_disabled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(test_post_message_routing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signal_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_msrs, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
