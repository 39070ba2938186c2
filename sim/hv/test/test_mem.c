// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_mem.c - guest RAM at the fixed address, GPA bounds checks, vmap aliasing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hyp/mem.h"

static void test_ram_fixed_and_bounds(void **state)
{
    char err[256];
    struct hyp_mem *m = hyp_mem_create(1 << 20, err, sizeof(err));
    assert_non_null(m);
    assert_ptr_equal(hyp_mem_base(m), (void *)HYP_GUEST_RAM_BASE);
    assert_null(hyp_mem_create(1 << 20, err, sizeof(err))); /* only one per process */
    assert_non_null(hyp_mem_ptr(m, 0, 1 << 20));
    assert_null(hyp_mem_ptr(m, 1, 1 << 20));
    assert_null(hyp_mem_ptr(m, (1 << 20) - 4, 8));
    assert_null(hyp_mem_ptr(m, UINT64_MAX - 2, 8)); /* no wrap-around */
    assert_null(hyp_mem_ptr(m, 0, 0));
    uint32_t v = 0xdeadbeef, r = 0;
    assert_int_equal(hyp_mem_write(m, 0x1000, &v, 4), 0);
    assert_int_equal(hyp_mem_read(m, 0x1000, &r, 4), 0);
    assert_int_equal(r, v);
    assert_int_equal(hyp_mem_read(m, 1 << 20, &r, 4), -1);
    assert_true(hyp_mem_pfn_valid(m, 255));
    assert_false(hyp_mem_pfn_valid(m, 256));
    assert_int_equal(hyp_mem_gpa_of(m, (uint8_t *)hyp_mem_base(m) + 0x1234), 0x1234);
    hyp_mem_destroy(m);
    assert_null(hyp_mem_create(12345, err, sizeof(err)));
}

static void test_vmap_aliases_ring(void **state)
{
    char err[256];
    struct hyp_mem *m = hyp_mem_create(1 << 20, err, sizeof(err));
    assert_non_null(m);
    /* A ring's data pages 5,6 mapped twice back to back, as the guest does. */
    uint64_t pfns[4] = { 5, 6, 5, 6 };
    uint8_t *va = hyp_mem_vmap(m, pfns, 4);
    assert_non_null(va);
    va[5] = 0x5a;
    assert_int_equal(va[2 * HYP_PAGE_SIZE + 5], 0x5a);
    assert_int_equal(*(uint8_t *)hyp_mem_ptr(m, 5 * HYP_PAGE_SIZE + 5, 1), 0x5a);
    uint8_t *va2 = hyp_mem_vmap(m, pfns, 1);
    assert_non_null(va2);
    assert_ptr_not_equal(va, va2);
    assert_int_equal(hyp_mem_vmap_live(m), 2);
    assert_int_equal(hyp_mem_vunmap(m, va), 0);
    assert_int_equal(hyp_mem_vunmap(m, va), -1);
    uint64_t bad[1] = { 4096 };
    assert_null(hyp_mem_vmap(m, bad, 1));
    assert_null(hyp_mem_vmap(m, pfns, 0));
    assert_int_equal(hyp_mem_vunmap(m, va2), 0);
    hyp_mem_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ram_fixed_and_bounds),
        cmocka_unit_test(test_vmap_aliases_ring),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
