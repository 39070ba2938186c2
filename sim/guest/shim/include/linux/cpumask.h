/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: copied (cpumask API over bitmaps). The masks are runtime state: every vCPU of the
 * run (hyp_host_ops.nr_cpus) is possible, present and online from boot; nr_cpu_ids is the
 * vCPU count.
 */
#ifndef _SIM_LINUX_CPUMASK_H
#define _SIM_LINUX_CPUMASK_H
#include <linux/types.h>
#include <linux/bitmap.h>
#include <linux/threads.h>
#include <linux/gfp_types.h>

struct cpumask {
	DECLARE_BITMAP(bits, NR_CPUS);
};
typedef struct cpumask cpumask_t;
typedef struct cpumask cpumask_var_t[1];
extern unsigned int nr_cpu_ids;
extern struct cpumask __cpu_possible_mask, __cpu_online_mask, __cpu_present_mask;
extern struct cpumask __cpu_active_mask;
#define cpu_possible_mask ((const struct cpumask *)&__cpu_possible_mask)
#define cpu_online_mask ((const struct cpumask *)&__cpu_online_mask)
#define cpu_present_mask ((const struct cpumask *)&__cpu_present_mask)
#define cpu_active_mask ((const struct cpumask *)&__cpu_active_mask)
#define cpumask_bits(maskp) ((maskp)->bits)
#define nr_cpumask_bits nr_cpu_ids
#define small_cpumask_bits nr_cpu_ids
#define large_cpumask_bits nr_cpu_ids
#define CPU_BITS_ALL { [0 ... BITS_TO_LONGS(NR_CPUS) - 1] = ~0UL }
const struct cpumask *cpumask_of(unsigned int cpu);

static inline unsigned int cpumask_first(const struct cpumask *m)
{
	return find_first_bit(m->bits, nr_cpu_ids);
}
static inline unsigned int cpumask_next(int n, const struct cpumask *m)
{
	return find_next_bit(m->bits, nr_cpu_ids, n + 1);
}
static inline unsigned int cpumask_next_and(int n, const struct cpumask *a,
					    const struct cpumask *b)
{
	return find_next_and_bit(a->bits, b->bits, nr_cpu_ids, n + 1);
}
static inline unsigned int cpumask_first_and(const struct cpumask *a, const struct cpumask *b)
{
	return cpumask_next_and(-1, a, b);
}
static inline unsigned int cpumask_last(const struct cpumask *m)
{
	return find_last_bit(m->bits, nr_cpu_ids);
}
static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *m) { set_bit(cpu, m->bits); }
static inline void __cpumask_set_cpu(unsigned int cpu, struct cpumask *m) { set_bit(cpu, m->bits); }
static inline void cpumask_clear_cpu(int cpu, struct cpumask *m) { clear_bit(cpu, m->bits); }
static inline void __cpumask_clear_cpu(int cpu, struct cpumask *m) { clear_bit(cpu, m->bits); }
static inline bool cpumask_test_cpu(int cpu, const struct cpumask *m)
{
	return test_bit(cpu, m->bits);
}
static inline bool cpumask_test_and_set_cpu(int cpu, struct cpumask *m)
{
	return test_and_set_bit(cpu, m->bits);
}
static inline void cpumask_setall(struct cpumask *m) { bitmap_fill(m->bits, nr_cpu_ids); }
static inline void cpumask_clear(struct cpumask *m) { bitmap_zero(m->bits, NR_CPUS); }
static inline bool cpumask_and(struct cpumask *d, const struct cpumask *a, const struct cpumask *b)
{
	return bitmap_and(d->bits, a->bits, b->bits, nr_cpu_ids);
}
static inline void cpumask_or(struct cpumask *d, const struct cpumask *a, const struct cpumask *b)
{
	bitmap_or(d->bits, a->bits, b->bits, nr_cpu_ids);
}
static inline void cpumask_xor(struct cpumask *d, const struct cpumask *a, const struct cpumask *b)
{
	bitmap_xor(d->bits, a->bits, b->bits, nr_cpu_ids);
}
static inline bool cpumask_andnot(struct cpumask *d, const struct cpumask *a,
				  const struct cpumask *b)
{
	return bitmap_andnot(d->bits, a->bits, b->bits, nr_cpu_ids);
}
static inline bool cpumask_intersects(const struct cpumask *a, const struct cpumask *b)
{
	return bitmap_intersects(a->bits, b->bits, nr_cpu_ids);
}
static inline bool cpumask_subset(const struct cpumask *a, const struct cpumask *b)
{
	return bitmap_subset(a->bits, b->bits, nr_cpu_ids);
}
static inline bool cpumask_equal(const struct cpumask *a, const struct cpumask *b)
{
	return bitmap_equal(a->bits, b->bits, nr_cpu_ids);
}
static inline bool cpumask_empty(const struct cpumask *m) { return bitmap_empty(m->bits, nr_cpu_ids); }
static inline bool cpumask_full(const struct cpumask *m) { return bitmap_full(m->bits, nr_cpu_ids); }
static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	return bitmap_weight(m->bits, nr_cpu_ids);
}
static inline void cpumask_copy(struct cpumask *d, const struct cpumask *s)
{
	bitmap_copy(d->bits, s->bits, NR_CPUS);
}
static inline unsigned int cpumask_any(const struct cpumask *m) { return cpumask_first(m); }
static inline unsigned int cpumask_any_and(const struct cpumask *a, const struct cpumask *b)
{
	return cpumask_first_and(a, b);
}
#define for_each_cpu(cpu, mask)						\
	for ((cpu) = -1; (cpu) = cpumask_next((cpu), (mask)), (cpu) < nr_cpu_ids;)
#define for_each_cpu_and(cpu, a, b)					\
	for ((cpu) = -1; (cpu) = cpumask_next_and((cpu), (a), (b)), (cpu) < nr_cpu_ids;)
#define for_each_cpu_wrap(cpu, mask, start) for_each_cpu(cpu, mask)
#define for_each_possible_cpu(cpu) for_each_cpu((cpu), cpu_possible_mask)
#define for_each_online_cpu(cpu) for_each_cpu((cpu), cpu_online_mask)
#define for_each_present_cpu(cpu) for_each_cpu((cpu), cpu_present_mask)
static inline bool alloc_cpumask_var(cpumask_var_t *mask, gfp_t flags) { return true; }
static inline bool zalloc_cpumask_var(cpumask_var_t *mask, gfp_t flags)
{
	cpumask_clear(*mask);
	return true;
}
static inline void free_cpumask_var(cpumask_var_t mask) {}
static inline unsigned int num_online_cpus(void) { return cpumask_weight(cpu_online_mask); }
static inline unsigned int num_possible_cpus(void) { return cpumask_weight(cpu_possible_mask); }
static inline unsigned int num_present_cpus(void) { return cpumask_weight(cpu_present_mask); }
#define cpu_online(cpu) cpumask_test_cpu((cpu), cpu_online_mask)
#define cpu_possible(cpu) cpumask_test_cpu((cpu), cpu_possible_mask)
#define cpu_present(cpu) cpumask_test_cpu((cpu), cpu_present_mask)
#define cpu_active(cpu) cpumask_test_cpu((cpu), cpu_active_mask)
#define cpumask_pr_args(maskp) nr_cpu_ids, cpumask_bits(maskp)
#endif
