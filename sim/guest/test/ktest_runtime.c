// SPDX-License-Identifier: GPL-2.0-only
/*
 * ktest_runtime.c - the kernel-world half of the runtime tests (test/test_ktest_runtime.c is
 * the host half). Linked into hvsim-ktest-<kernel>.so with the real runtime, so every check
 * runs the runtime's own code on the real host.
 *
 * Protocol: the host looks up the hook "ktest.<case>" before boot and calls it (int fn(void))
 * to select that case; the late initcall below then starts the "ktest" kthread on vCPU 0,
 * which runs the case and ends with the record "ktest done case=<case>". The kernel side
 * only measures: every observation is one trace record, source "ktest", kind = the key,
 * body "v=<decimal>"; the host asserts the exact values. Times are reported in ns relative
 * to kt_t0, which kt_align() sets to the start of a jiffy (HZ = 1000: 1 jiffy = 1 ms).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/workqueue.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/vmalloc.h>
#include <linux/percpu.h>
#include <linux/smp.h>
#include <linux/string.h>
#include "krt.h"

void *krt_test_hook(const char *name);

static u64 kt_t0;
static unsigned long kt_j0;

static void kt_val(const char *key, long long v)
{
	krt_trace("ktest", key, "v=%lld", v);
}

/* key = prefix + "." + index */
static void kt_vali(const char *prefix, int i, long long v)
{
	char key[48];

	snprintf(key, sizeof(key), "%s.%d", prefix, i);
	kt_val(key, v);
}

/* Sleep to the start of the next jiffy and make it the reference time. */
static void kt_align(void)
{
	schedule_timeout_uninterruptible(1);
	kt_t0 = ktime_get();
	kt_j0 = jiffies;
}

static long long kt_dt(void)
{
	return (long long)(ktime_get() - kt_t0);
}

static long long kt_dj(void)
{
	return (long long)(jiffies - kt_j0);
}

/* ---- waits: wait_event_timeout, wait_event_interruptible_timeout, completions ---- */

static DECLARE_WAIT_QUEUE_HEAD(kt_wq);
static int kt_cond;
static struct completion kt_done;
static struct timer_list kt_waker;
static bool kt_waker_completes;

static void kt_waker_fn(struct timer_list *t)
{
	if (kt_waker_completes) {
		complete(&kt_done);
		return;
	}
	kt_cond = 1;
	wake_up(&kt_wq);
}

/* A timer that makes the condition true (or completes kt_done) delay jiffies from now. */
static void kt_arm_waker(unsigned long delay, bool completes)
{
	kt_cond = 0;
	kt_waker_completes = completes;
	timer_setup(&kt_waker, kt_waker_fn, 0);
	mod_timer(&kt_waker, jiffies + delay);
}

/*
 * Several wait_event*() in one function, as drivers write them: needs the kernel's local
 * __label__ in ___wait_event (the shim once lacked it). "deadline": the waker timer is armed
 * before the wait's own timeout, so at the shared instant it runs first and the task
 * re-checks a true condition with 0 jiffies left - the kernel's "return at least 1" rule.
 */
#define KT_WAIT_CASES(prefix, wait)					\
do {									\
	long __r;							\
	kt_align();	/* woken after 3 of 10 jiffies */		\
	kt_arm_waker(3, false);						\
	__r = wait(kt_wq, kt_cond, 10);					\
	kt_val(prefix ".early.ret", __r);				\
	kt_val(prefix ".early.dt_ns", kt_dt());				\
	kt_align();	/* condition true exactly at the deadline */	\
	kt_arm_waker(10, false);					\
	__r = wait(kt_wq, kt_cond, 10);					\
	kt_val(prefix ".deadline.ret", __r);				\
	kt_val(prefix ".deadline.dt_ns", kt_dt());			\
	kt_align();	/* never true */				\
	kt_cond = 0;							\
	__r = wait(kt_wq, kt_cond, 5);					\
	kt_val(prefix ".timeout.ret", __r);				\
	kt_val(prefix ".timeout.dt_ns", kt_dt());			\
	kt_align();	/* already true: no sleep */			\
	kt_cond = 1;							\
	__r = wait(kt_wq, kt_cond, 10);					\
	kt_val(prefix ".already.ret", __r);				\
	__r = wait(kt_wq, kt_cond, 0);					\
	kt_val(prefix ".already0.ret", __r);				\
	kt_val(prefix ".already.dt_ns", kt_dt());			\
} while (0)

static void kt_case_wait_event_timeout(void)
{
	KT_WAIT_CASES("wet", wait_event_timeout);
}

static void kt_case_wait_event_interruptible_timeout(void)
{
	KT_WAIT_CASES("weit", wait_event_interruptible_timeout);
}

static void kt_case_wait_for_completion_timeout(void)
{
	unsigned long r;

	init_completion(&kt_done);
	kt_align();
	kt_arm_waker(4, true);
	r = wait_for_completion_timeout(&kt_done, 10);
	kt_val("wfc.early.ret", r);
	kt_val("wfc.early.dt_ns", kt_dt());
	kt_val("wfc.early.done_after", completion_done(&kt_done));

	kt_align();
	kt_arm_waker(10, true);
	r = wait_for_completion_timeout(&kt_done, 10);
	kt_val("wfc.deadline.ret", r);
	kt_val("wfc.deadline.dt_ns", kt_dt());

	kt_align();
	r = wait_for_completion_timeout(&kt_done, 7);
	kt_val("wfc.timeout.ret", r);
	kt_val("wfc.timeout.dt_ns", kt_dt());

	kt_align();
	complete(&kt_done);
	r = wait_for_completion_timeout(&kt_done, 10);
	kt_val("wfc.already.ret", r);
	kt_val("wfc.already.dt_ns", kt_dt());
	/* complete() counts: two completions satisfy two waits, the third times out */
	complete(&kt_done);
	complete(&kt_done);
	kt_val("wfc.count.1", wait_for_completion_timeout(&kt_done, 2));
	kt_val("wfc.count.2", wait_for_completion_timeout(&kt_done, 2));
	kt_val("wfc.count.3", wait_for_completion_timeout(&kt_done, 2));
	kt_val("wfc.count.dt_ns", kt_dt());
}

static void kt_case_msleep(void)
{
	kt_align();
	msleep(10);
	kt_val("msleep.10.dt_ns", kt_dt());
	kt_val("msleep.10.dj", kt_dj());
	kt_align();
	msleep(1);
	kt_val("msleep.1.dt_ns", kt_dt());
	kt_align();
	msleep(0);
	kt_val("msleep.0.dt_ns", kt_dt());
	kt_align();
	msleep(250);
	kt_val("msleep.250.dt_ns", kt_dt());
	/* from the middle of a jiffy: the timeout still counts whole jiffies from jiffies */
	kt_align();
	usleep_range(300, 400);
	kt_val("msleep.mid.usleep_dt_ns", kt_dt());
	msleep(5);
	kt_val("msleep.mid.dt_ns", kt_dt());
	kt_val("msleep.mid.dj", kt_dj());
}

/* ---- workqueues ---- */

struct kt_item {
	struct work_struct work;
	struct delayed_work dwork;
	int idx;
	unsigned int sleep_ms;
	int runs;
	bool finished;
};

static struct kt_item kt_items[6];
static int kt_running, kt_max_running, kt_nstarted;
static const char *kt_prefix;

static void kt_item_body(struct kt_item *it)
{
	char key[48];

	kt_running++;
	if (kt_running > kt_max_running)
		kt_max_running = kt_running;
	it->runs++;
	snprintf(key, sizeof(key), "%s.start", kt_prefix);
	kt_vali(key, it->idx, kt_dt());
	snprintf(key, sizeof(key), "%s.pos", kt_prefix);
	kt_vali(key, it->idx, kt_nstarted++);
	if (it->sleep_ms)
		msleep(it->sleep_ms);
	snprintf(key, sizeof(key), "%s.end", kt_prefix);
	kt_vali(key, it->idx, kt_dt());
	kt_running--;
	it->finished = true;
}

static void kt_item_fn(struct work_struct *w)
{
	kt_item_body(container_of(w, struct kt_item, work));
}

static void kt_ditem_fn(struct work_struct *w)
{
	struct kt_item *it = container_of(to_delayed_work(w), struct kt_item, dwork);
	char key[48];

	snprintf(key, sizeof(key), "%s.fire_dj", kt_prefix);
	kt_vali(key, it->idx, kt_dj());
	kt_item_body(it);
}

static void kt_items_reset(const char *prefix)
{
	int i;

	kt_prefix = prefix;
	kt_running = kt_max_running = kt_nstarted = 0;
	for (i = 0; i < ARRAY_SIZE(kt_items); i++) {
		memset(&kt_items[i], 0, sizeof(kt_items[i]));
		kt_items[i].idx = i;
		INIT_WORK(&kt_items[i].work, kt_item_fn);
		INIT_DELAYED_WORK(&kt_items[i].dwork, kt_ditem_fn);
	}
}

/* Six items, the odd ones sleep 2 ms (msleep(2) = 3 jiffies); flush and report. */
static void kt_six_items(struct workqueue_struct *wq, const char *prefix)
{
	char key[48];
	int i, done = 0;

	kt_items_reset(prefix);
	kt_align();
	for (i = 0; i < ARRAY_SIZE(kt_items); i++) {
		kt_items[i].sleep_ms = (i & 1) ? 2 : 0;
		queue_work(wq, &kt_items[i].work);
	}
	flush_workqueue(wq);
	for (i = 0; i < ARRAY_SIZE(kt_items); i++)
		done += kt_items[i].finished;
	snprintf(key, sizeof(key), "%s.flush_dt_ns", prefix);
	kt_val(key, kt_dt());
	snprintf(key, sizeof(key), "%s.done_at_flush", prefix);
	kt_val(key, done);
	snprintf(key, sizeof(key), "%s.max_running", prefix);
	kt_val(key, kt_max_running);
}

static void kt_case_wq_ordered(void)
{
	struct workqueue_struct *ord = alloc_ordered_workqueue("kt_ord", 0);
	struct workqueue_struct *unb = alloc_workqueue("kt_unb", WQ_UNBOUND, 4);

	kt_six_items(ord, "ord");
	/* the same items on a max_active=4 queue: the sleepers overlap (shows the check bites) */
	kt_six_items(unb, "unb");
	destroy_workqueue(ord);
	destroy_workqueue(unb);
}

static void kt_case_wq_cancel(void)
{
	struct workqueue_struct *wq = alloc_workqueue("kt_cancel", WQ_UNBOUND, 1);
	struct kt_item *it = &kt_items[0];

	kt_items_reset("cw");
	/* queued, not yet started: cancel takes it back, it never runs */
	kt_align();
	kt_val("cw.pending.queue", queue_work(wq, &it->work));
	kt_val("cw.pending.queue_again", queue_work(wq, &it->work));
	kt_val("cw.pending.ret", cancel_work_sync(&it->work));
	flush_workqueue(wq);
	msleep(5);
	kt_val("cw.pending.runs", it->runs);
	kt_val("cw.pending.busy", work_busy(&it->work));
	/* running (sleeping inside): cancel returns false and waits for the end */
	kt_align();
	it->sleep_ms = 4;			/* 5 jiffies */
	queue_work(wq, &it->work);
	msleep(1);				/* t0 + 2 ms: the item sleeps */
	kt_val("cw.running.busy_before", work_busy(&it->work));
	kt_val("cw.running.ret", cancel_work_sync(&it->work));
	kt_val("cw.running.dt_ns", kt_dt());
	kt_val("cw.running.finished", it->finished);
	kt_val("cw.running.runs", it->runs);
	/* idle */
	kt_val("cw.idle.ret", cancel_work_sync(&it->work));
	/* flush_work waits for a running item */
	kt_align();
	it->finished = false;
	queue_work(wq, &it->work);
	kt_val("cw.flush_work.ret", flush_work(&it->work));
	kt_val("cw.flush_work.dt_ns", kt_dt());
	kt_val("cw.flush_work.finished", it->finished);
	kt_val("cw.flush_work.idle_ret", flush_work(&it->work));

	/* delayed, timer pending: cancel_delayed_work_sync takes it back */
	it = &kt_items[1];
	kt_align();
	kt_val("cdw.pending.queue", queue_delayed_work(wq, &it->dwork, 10));
	msleep(2);				/* t0 + 3 ms */
	kt_val("cdw.pending.ret", cancel_delayed_work_sync(&it->dwork));
	kt_val("cdw.pending.dt_ns", kt_dt());
	msleep(20);
	kt_val("cdw.pending.runs", it->runs);
	/* delayed, running: returns false after the item ended */
	kt_align();
	it->sleep_ms = 4;			/* runs t0+2 .. t0+7 ms */
	queue_delayed_work(wq, &it->dwork, 2);
	msleep(2);				/* t0 + 3 ms */
	kt_val("cdw.running.ret", cancel_delayed_work_sync(&it->dwork));
	kt_val("cdw.running.dt_ns", kt_dt());
	kt_val("cdw.running.finished", it->finished);
	kt_val("cdw.running.runs", it->runs);
	kt_val("cdw.idle.ret", cancel_delayed_work_sync(&it->dwork));
	destroy_workqueue(wq);
}

static void kt_case_wq_delayed(void)
{
	struct workqueue_struct *wq = alloc_workqueue("kt_delayed", 0, 0);

	kt_items_reset("dw");
	kt_align();
	queue_delayed_work(wq, &kt_items[0].dwork, 7);
	/* queued mid-jiffy: counts from the current jiffy */
	usleep_range(500, 500);
	queue_delayed_work(wq, &kt_items[1].dwork, 3);
	/* on the system workqueue with a long delay */
	schedule_delayed_work(&kt_items[2].dwork, 100);
	/* delay 0 queues at once */
	queue_delayed_work(wq, &kt_items[3].dwork, 0);
	msleep(200);
	flush_workqueue(wq);
	kt_val("dw.runs.0", kt_items[0].runs);
	kt_val("dw.runs.1", kt_items[1].runs);
	kt_val("dw.runs.2", kt_items[2].runs);
	kt_val("dw.runs.3", kt_items[3].runs);
	destroy_workqueue(wq);
}

/* ---- timers ---- */

static struct timer_list kt_timer;
static int kt_timer_runs;

static void kt_timer_fn(struct timer_list *t)
{
	kt_timer_runs++;
	kt_vali("timer.fire_dt_ns", kt_timer_runs, kt_dt());
	kt_vali("timer.fire_dj", kt_timer_runs, kt_dj());
	kt_vali("timer.in_interrupt", kt_timer_runs, in_interrupt() ? 1 : 0);
}

static void kt_case_timer(void)
{
	timer_setup(&kt_timer, kt_timer_fn, 0);
	kt_align();
	kt_val("timer.mod.ret", mod_timer(&kt_timer, jiffies + 5));	/* fire 1 */
	kt_val("timer.pending", timer_pending(&kt_timer));
	msleep(20);
	kt_val("timer.pending_after", timer_pending(&kt_timer));
	/* armed mid-jiffy: expires at the start of jiffy j0 + 5 */
	kt_align();
	usleep_range(300, 300);
	mod_timer(&kt_timer, jiffies + 5);				/* fire 2 */
	msleep(20);
	/* re-arm while pending: fires once, at the new time */
	kt_align();
	mod_timer(&kt_timer, jiffies + 5);
	kt_val("timer.rearm.ret", mod_timer(&kt_timer, jiffies + 8));	/* fire 3 */
	msleep(20);
	/* del_timer_sync before expiry: the callback never runs */
	kt_align();
	mod_timer(&kt_timer, jiffies + 5);
	msleep(1);
	kt_val("timer.del.ret", del_timer_sync(&kt_timer));
	kt_val("timer.del.pending", timer_pending(&kt_timer));
	msleep(20);
	kt_val("timer.del.again_ret", del_timer_sync(&kt_timer));
	kt_val("timer.runs", kt_timer_runs);
}

/* ---- memory ---- */

static void kt_case_mem_kmalloc(void)
{
	static const size_t zsizes[] = { 8, 16, 100, 192, 2048, 4096, 10000, 65536 };
	unsigned int k, i;
	size_t j, nonzero;
	void *p, *q;

	/* a small odd-sized object first so the classes are not all fresh */
	kfree(kmalloc(24, GFP_KERNEL));
	for (k = 0; (1UL << k) <= KMALLOC_MAX_SIZE; k++) {
		size_t size = 1UL << k;

		p = kmalloc(size, GFP_KERNEL);
		kt_vali("kmalloc.null", k, p == NULL);
		kt_vali("kmalloc.mod", k, (unsigned long)p & (size - 1));
		kt_vali("kmalloc.ksize_ok", k, ksize(p) >= size);
		memset(p, 0x5a, size);
		kfree(p);
	}
	kt_val("kmalloc.max_order", k - 1);
	for (i = 0; i < ARRAY_SIZE(zsizes); i++) {
		p = kmalloc(zsizes[i], GFP_KERNEL);
		memset(p, 0xa5, zsizes[i]);
		kfree(p);
		q = kzalloc(zsizes[i], GFP_KERNEL);
		for (nonzero = 0, j = 0; j < zsizes[i]; j++)
			nonzero += ((u8 *)q)[j] != 0;
		kt_vali("kzalloc.reused", i, p == q);
		kt_vali("kzalloc.nonzero", i, nonzero);
		kfree(q);
	}
}

static void kt_case_mem_translate(void)
{
	u64 *buf = kmalloc(64, GFP_KERNEL);
	struct page *pg = alloc_pages(GFP_KERNEL, 2);
	phys_addr_t pa = __pa(buf);
	unsigned long pfn = page_to_pfn(pg);
	void *pva = page_address(pg);

	kt_val("rt.pa_in_ram", pa >= PAGE_SIZE && pa < ((u64)sim_ram_pages << PAGE_SHIFT));
	kt_val("rt.va_pa_va", __va(pa) == (void *)buf);
	kt_val("rt.virt_to_phys", virt_to_phys(buf) == pa);
	kt_val("rt.phys_to_virt", phys_to_virt(pa) == (void *)buf);
	kt_val("rt.virt_to_page", virt_to_page(buf) == pfn_to_page(pa >> PAGE_SHIFT));
	kt_val("rt.page_to_pfn", page_to_pfn(virt_to_page(buf)) == pa >> PAGE_SHIFT);
	kt_val("rt.page_address", page_address(virt_to_page(buf)) ==
				  (void *)((unsigned long)buf & PAGE_MASK));
	kt_val("rt.pfn_to_page", pfn_to_page(pfn) == pg);
	kt_val("rt.block_pa", __pa(pva) == (phys_addr_t)pfn << PAGE_SHIFT);
	kt_val("rt.block_aligned", (pfn & 3) == 0);
	kt_val("rt.block_tail", virt_to_page((char *)pva + 3 * PAGE_SIZE + 5) == pg + 3);
	kt_val("rt.page_to_phys", page_to_phys(pg + 1) == __pa((char *)pva + PAGE_SIZE));
	/* the host reads these bytes at the GPA (hyp_mem_ptr) after the run */
	buf[0] = 0x1122334455667788ULL;
	kt_val("host.lin.gpa", pa);
	kt_val("host.lin.val", buf[0]);
	/* the host writes 0x0123456789abcdef at this GPA while handling the record */
	buf[1] = 0;
	kt_val("host.poke.gpa", pa + 8);
	kt_val("host.poke.read", buf[1]);
	kt_val("host.poke.read_va", *(u64 *)__va(pa + 8));
	free_pages((unsigned long)pva, 2);
	kfree(buf);
}

static void kt_case_mem_vmap(void)
{
	struct page *pages[2];
	u64 *a, *b;
	phys_addr_t gpa;

	/* two non-adjacent pages: a block in between keeps them apart */
	pages[0] = alloc_page(GFP_KERNEL | __GFP_ZERO);
	kfree(kmalloc(8192, GFP_KERNEL));
	(void)alloc_page(GFP_KERNEL);
	pages[1] = alloc_page(GFP_KERNEL | __GFP_ZERO);
	kt_val("vmap.adjacent", pages[1] == pages[0] + 1);
	a = vmap(pages, 2, VM_MAP, PAGE_KERNEL);
	b = vmap(pages, 2, VM_MAP, PAGE_KERNEL);
	kt_val("vmap.distinct", a && b && a != b);
	kt_val("vmap.outside_linear", !virt_addr_valid(a) && !virt_addr_valid(b));
	kt_val("vmap.is_vmalloc_addr", is_vmalloc_addr(a) && is_vmalloc_addr(b));
	kt_val("vmap.to_page", vmalloc_to_page((char *)b + PAGE_SIZE + 100) == pages[1]);
	/* write through a, read through b (second page: crosses the non-contiguous seam) */
	a[PAGE_SIZE / 8 + 1] = 0xfeedfacecafebeefULL;
	kt_val("vmap.a_to_b", b[PAGE_SIZE / 8 + 1] == 0xfeedfacecafebeefULL);
	b[3] = 0x0badc0ffee0ddf00ULL;
	kt_val("vmap.b_to_a", a[3] == 0x0badc0ffee0ddf00ULL);
	kt_val("vmap.b_to_linear", ((u64 *)page_address(pages[0]))[3] == 0x0badc0ffee0ddf00ULL);
	/* a ring-like write across the page boundary lands on both pages */
	memset((char *)a + PAGE_SIZE - 4, 0x77, 8);
	kt_val("vmap.straddle_p0", ((u8 *)page_address(pages[0]))[PAGE_SIZE - 1]);
	kt_val("vmap.straddle_p1", ((u8 *)page_address(pages[1]))[3]);
	kt_val("vmap.straddle_b", ((u8 *)b)[PAGE_SIZE + 3]);
	gpa = page_to_phys(pages[1]) + 8;
	kt_val("host.vmap.gpa", gpa);
	kt_val("host.vmap.val", a[PAGE_SIZE / 8 + 1]);
	vunmap(a);
	kt_val("vmap.after_unmap_b", b[3] == 0x0badc0ffee0ddf00ULL);
	vunmap(b);
}

/* ---- per-CPU ---- */

static DEFINE_PER_CPU(u64, kt_pcpu_var);
static u64 *kt_pcpu_dyn;
static struct completion kt_pcpu_done;

static int kt_pcpu_fn(void *data)
{
	int n = (int)(long)data;

	kt_vali("pcpu.smp_processor_id", n, smp_processor_id());
	kt_vali("pcpu.this_cpu_ptr_ok", n, this_cpu_ptr(&kt_pcpu_var) ==
					   per_cpu_ptr(&kt_pcpu_var, n));
	kt_vali("pcpu.this_cpu_ptr_dyn_ok", n, this_cpu_ptr(kt_pcpu_dyn) ==
					       per_cpu_ptr(kt_pcpu_dyn, n));
	this_cpu_write(kt_pcpu_var, 1000 + n);
	*this_cpu_ptr(kt_pcpu_dyn) = 2000 + n;
	msleep(1);	/* still on vCPU n after sleeping */
	kt_vali("pcpu.cpu_after_sleep", n, smp_processor_id());
	this_cpu_inc(kt_pcpu_var);
	complete(&kt_pcpu_done);
	return 0;
}

static int kt_pcpu_seam_fn(void *data)
{
	int n = (int)(long)data;

	kt_vali("pcpu.seam_cpu", n, smp_processor_id());
	complete(&kt_pcpu_done);
	return 0;
}

static void kt_case_percpu(void)
{
	struct task_struct *t;
	unsigned int cpu, i, distinct = 0;

	kt_val("pcpu.nr_cpu_ids", nr_cpu_ids);
	kt_pcpu_dyn = alloc_percpu(u64);
	init_completion(&kt_pcpu_done);
	for_each_possible_cpu(cpu) {
		/* kthread_create + kthread_bind, as drivers bind per-CPU threads */
		t = kthread_create(kt_pcpu_fn, (void *)(long)cpu, "kt_pcpu/%u", cpu);
		kthread_bind(t, cpu);
		wake_up_process(t);
		/* a task created on the seam's vCPU n */
		t = krt_task_create("kt_seam", kt_pcpu_seam_fn, (void *)(long)cpu, cpu);
		wake_up_process(t);
	}
	for (i = 0; i < 2 * nr_cpu_ids; i++)
		wait_for_completion(&kt_pcpu_done);
	kt_val("pcpu.main_cpu", smp_processor_id());
	for_each_possible_cpu(cpu) {
		kt_vali("pcpu.var", cpu, per_cpu(kt_pcpu_var, cpu));
		kt_vali("pcpu.dyn", cpu, *per_cpu_ptr(kt_pcpu_dyn, cpu));
		for (i = 0; i < cpu; i++)
			distinct += per_cpu_ptr(&kt_pcpu_var, cpu) !=
				    per_cpu_ptr(&kt_pcpu_var, i) &&
				    per_cpu_ptr(kt_pcpu_dyn, cpu) != per_cpu_ptr(kt_pcpu_dyn, i);
	}
	kt_val("pcpu.distinct_pairs", distinct);
}

/* ---- atomic-context accounting ---- */

static DEFINE_SPINLOCK(kt_lock);
static DEFINE_MUTEX(kt_mutex);

static void kt_case_atomic_sleep(void)
{
	unsigned long flags;

	/* legal: sleeping with a mutex held, or with nothing held */
	mutex_lock(&kt_mutex);
	msleep(1);
	mutex_unlock(&kt_mutex);
	krt_trace("ktest", "mark", "step=legal_done");
	/* illegal: sleeping with a spinlock held */
	spin_lock(&kt_lock);
	kt_val("atom.in_atomic", in_atomic());
	msleep(1);
	spin_unlock(&kt_lock);
	krt_trace("ktest", "mark", "step=spin_done");
	/* illegal: sleeping with interrupts disabled */
	local_irq_save(flags);
	msleep(1);
	local_irq_restore(flags);
	krt_trace("ktest", "mark", "step=irq_done");
	kt_val("atom.in_atomic_after", in_atomic());
}

/* ---- selection and start ---- */

struct kt_case {
	const char *name;
	void (*fn)(void);
};

static const struct kt_case kt_cases[] = {
	{ "wait_event_timeout", kt_case_wait_event_timeout },
	{ "wait_event_interruptible_timeout", kt_case_wait_event_interruptible_timeout },
	{ "wait_for_completion_timeout", kt_case_wait_for_completion_timeout },
	{ "msleep", kt_case_msleep },
	{ "wq_ordered", kt_case_wq_ordered },
	{ "wq_cancel", kt_case_wq_cancel },
	{ "wq_delayed", kt_case_wq_delayed },
	{ "timer", kt_case_timer },
	{ "mem_kmalloc", kt_case_mem_kmalloc },
	{ "mem_translate", kt_case_mem_translate },
	{ "mem_vmap", kt_case_mem_vmap },
	{ "percpu", kt_case_percpu },
	{ "atomic_sleep", kt_case_atomic_sleep },
};

static const struct kt_case *kt_selected;
static bool kt_booted;

static int kt_main(void *unused)
{
	krt_trace("ktest", "start", "case=%s cpu=%d", kt_selected->name, smp_processor_id());
	kt_selected->fn();
	krt_trace("ktest", "done", "case=%s", kt_selected->name);
	return 0;
}

static int kt_start(void)
{
	struct task_struct *t = kthread_run(kt_main, NULL, "ktest");

	return IS_ERR(t) ? PTR_ERR(t) : 0;
}

#define KT_SELECT(i)							\
static int kt_select_##i(void)						\
{									\
	kt_selected = &kt_cases[i];					\
	return kt_booted ? kt_start() : 0;				\
}
KT_SELECT(0) KT_SELECT(1) KT_SELECT(2) KT_SELECT(3) KT_SELECT(4) KT_SELECT(5) KT_SELECT(6)
KT_SELECT(7) KT_SELECT(8) KT_SELECT(9) KT_SELECT(10) KT_SELECT(11) KT_SELECT(12)

static int (*const kt_selects[])(void) = {
	kt_select_0, kt_select_1, kt_select_2, kt_select_3, kt_select_4, kt_select_5,
	kt_select_6, kt_select_7, kt_select_8, kt_select_9, kt_select_10, kt_select_11,
	kt_select_12,
};
static_assert(ARRAY_SIZE(kt_selects) == ARRAY_SIZE(kt_cases));

/*
 * "ktest.<case>" -> int fn(void): selects the case. Before boot the case starts after the
 * initcalls (late_initcall below); after boot it starts at once.
 */
void *krt_test_hook(const char *name)
{
	unsigned int i;

	if (strncmp(name, "ktest.", 6))
		return NULL;
	for (i = 0; i < ARRAY_SIZE(kt_cases); i++)
		if (!strcmp(name + 6, kt_cases[i].name))
			return (void *)kt_selects[i];
	return NULL;
}

static int __init kt_init(void)
{
	kt_booted = true;
	return kt_selected ? kt_start() : 0;
}
late_initcall(kt_init);

/* The image needs an exitcall section; nothing to undo. */
static void __exit kt_exit(void)
{
}
module_exit(kt_exit);
