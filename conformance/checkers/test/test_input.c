/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_input.c - the synthetic keyboard checker (input.c, KBD-001..004) on hand-written
 * traces: each rule passes on the correct sequence and fails on a wrong one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cf/checker.h"
#include "cf/input.h"
#include "sim/trace.h"

#define checkers cf_input_checkers
#include "cf_test.h"

#define PROTO(ver, flags, acc, rsp)                                                                \
    {                                                                                              \
        "vsp.kbd.1", "kbd_protocol",                                                               \
            "version=" ver " flags=" flags " accepted=" acc " response=" rsp " rc=0"               \
    }
#define REGISTER {"guest.serio", "register", "name=kbd"}
#define KEY(code, info, len)                                                                       \
    {                                                                                              \
        "vsp.kbd.1", "kbd_key", "make_code=" code " info=" info " len=" len " rc=0"                \
    }
#define RX(b) {"guest.serio", "rx", "bytes=" b " flags=0x0"}
#define FAIL_PROBE(t)                                                                              \
    {                                                                                              \
        "guest.driver", "probe_fail", "dev=x drv=hyperv_keyboard ret=-110", t                      \
    }
#define TICK(t) {"hv", "tick", "x=1", t}

static void test_kbd_001(void **state)
{
    (void)state;
    assert_int_equal(JUDGE("KBD-001", PROTO("0x10000", "1", "1", "normal")), CF_PASS);
    assert_int_equal(JUDGE("KBD-001", PROTO("0x10001", "1", "1", "normal")), CF_FAIL);
    assert_int_equal(JUDGE("KBD-001", PROTO("0x10000", "0", "1", "normal")), CF_FAIL);
}

static void test_kbd_002(void **state)
{
    (void)state;
    /* refused: the probe fails at once; registering would be wrong */
    assert_int_equal(JUDGE("KBD-002", PROTO("0x10000", "1", "0", "normal"), FAIL_PROBE(0)),
                     CF_PASS);
    assert_int_equal(JUDGE("KBD-002", PROTO("0x10000", "1", "0", "normal"), REGISTER), CF_FAIL);
    /* no answer: the probe fails after 10 s, not before */
    assert_int_equal(
        JUDGE("KBD-002", PROTO("0x10000", "1", "1", "none"), FAIL_PROBE(10000000001ull)),
        CF_PASS);
    assert_int_equal(JUDGE("KBD-002", PROTO("0x10000", "1", "1", "none"), FAIL_PROBE(2000000000)),
                     CF_FAIL);
    assert_int_equal(JUDGE("KBD-002", PROTO("0x10000", "1", "1", "none"), TICK(12000000000ull)),
                     CF_FAIL);
}

static void test_kbd_003(void **state)
{
    (void)state;
    /* a keystroke the ring pads to 8 bytes must give nothing; 9..11 bytes arrive as 16 */
    assert_int_equal(JUDGE("KBD-003", PROTO("0x10000", "1", "1", "normal"), REGISTER,
                           KEY("0x1e", "0", "8"), KEY("0x30", "0", "12"), RX("30")),
                     CF_PASS);
    assert_int_equal(JUDGE("KBD-003", PROTO("0x10000", "1", "1", "normal"), REGISTER,
                           KEY("0x1e", "0", "4"), RX("1e")),
                     CF_FAIL);
    assert_int_equal(JUDGE("KBD-003", PROTO("0x10000", "1", "1", "normal"), REGISTER,
                           KEY("0x1e", "0", "11"), RX("1e")),
                     CF_NA);
    /* an empty protocol response must be ignored: the probe times out */
    assert_int_equal(
        JUDGE("KBD-003", PROTO("0x10000", "1", "1", "short"), FAIL_PROBE(10000000001ull)),
        CF_PASS);
    assert_int_equal(JUDGE("KBD-003", PROTO("0x10000", "1", "1", "short"), REGISTER), CF_FAIL);
}

static void test_kbd_004(void **state)
{
    (void)state;
    /* E0 / E1 prefixes, bit 7 on break, in order */
    assert_int_equal(JUDGE("KBD-004", PROTO("0x10000", "1", "1", "normal"), REGISTER,
                           KEY("0x1d", "0x4", "12"), KEY("0x1d", "0x6", "12"),
                           KEY("0x45", "0x8", "12"), RX("e0"), RX("1d"), RX("e0"), RX("9d"),
                           RX("e1"), RX("45")),
                     CF_PASS);
    assert_int_equal(JUDGE("KBD-004", PROTO("0x10000", "1", "1", "normal"), REGISTER,
                           KEY("0x1d", "0x4", "12"), RX("1d")),
                     CF_FAIL);
    assert_int_equal(JUDGE("KBD-004", PROTO("0x10000", "1", "1", "normal"), REGISTER,
                           KEY("0x1e", "0x2", "12"), RX("1e")),
                     CF_FAIL);
    /* a byte never arrives */
    assert_int_equal(JUDGE("KBD-004", PROTO("0x10000", "1", "1", "normal"), REGISTER,
                           KEY("0x1e", "0", "12")),
                     CF_FAIL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kbd_001),
        cmocka_unit_test(test_kbd_002),
        cmocka_unit_test(test_kbd_003),
        cmocka_unit_test(test_kbd_004),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
