/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sched.c - tasks, the current vCPU, sleeping and waking, time, timers, tasklets, interrupts.
 *
 * A kernel task is a seam task whose priv is its task_struct. The kernel's sleep protocol
 * is kept: set_current_state(); schedule() only blocks while the state is not
 * TASK_RUNNING; wake_up_process() sets TASK_RUNNING and wakes the seam task. Event context
 * (timers, interrupts, softirqs) runs on the host's event loop for one vCPU and is atomic.
 * Every blocking path goes through krt_block(), which checks the atomic-context rules
 * (KRT-ATOM-001) and feeds workqueue concurrency management.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/timer.h>
#include <linux/interrupt.h>
#include <linux/cpu.h>
#include <linux/smpboot.h>
#include <linux/slab.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <asm/ptrace.h>
#include "krt.h"

unsigned int krt_event_cpu;
int krt_in_event;
static struct task_struct krt_irq_task[NR_CPUS];	/* "current" in event context */
static int krt_irq_disabled[NR_CPUS];
static bool krt_irq_pending[NR_CPUS];
static pid_t krt_next_pid = 1;

struct task_struct *sim_current(void)
{
	hyp_task_id id = krt_in_event ? 0 : krt_host->task_current();

	if (!id) {
		struct task_struct *t = &krt_irq_task[krt_event_cpu];

		t->cpu = krt_event_cpu;
		return t;
	}
	return krt_host->task_get_priv(id);
}

unsigned int sim_cpu_id(void)
{
	return sim_current()->cpu;
}

struct pt_regs *sim_current_pt_regs(void)
{
	static struct pt_regs regs;

	return &regs;
}

/* ---- atomic context ---- */

void sim_preempt_disable(void)
{
	sim_current()->preempt_count++;
}

void sim_preempt_enable(void)
{
	struct task_struct *t = sim_current();

	if (t->preempt_count <= 0)
		krt_finding("KRT-ATOM-003", "preempt/bh/rcu enable without disable");
	else
		t->preempt_count--;
}

int sim_in_interrupt(void)
{
	return krt_in_event > 0;
}

int sim_in_atomic(void)
{
	return krt_in_event > 0 || sim_current()->preempt_count > 0 ||
	       krt_irq_disabled[sim_cpu_id()] > 0;
}

void sim_might_sleep(const char *file, int line)
{
	struct task_struct *t;

	if (krt_in_event) {
		krt_crash("KRT-ATOM-001: blocking call in interrupt/softirq context at %s:%d",
			  file, line);
	}
	t = sim_current();
	if (t->preempt_count > 0 || krt_irq_disabled[t->cpu] > 0)
		krt_finding("KRT-ATOM-001", "task %s may sleep at %s:%d with %s", t->comm,
			    file, line, t->preempt_count ? "a spinlock held or preemption off"
							 : "interrupts disabled");
}

int sim_cond_resched(void)
{
	if (krt_in_event || sim_in_atomic())
		return 0;
	krt_host->task_yield();
	return 1;
}

unsigned long sim_irq_save(void)
{
	unsigned int cpu = sim_cpu_id();

	return krt_irq_disabled[cpu]++;
}

/* panic(): interrupts off on every vCPU for good (krt_panic_stop_cpus). */
static bool krt_panicked;

void krt_panic_stop_cpus(void)
{
	unsigned int cpu;

	krt_panicked = true;
	for (cpu = 0; cpu < krt_nr_cpus; cpu++)
		krt_irq_disabled[cpu] = 1;
}

void sim_irq_restore(unsigned long flags)
{
	unsigned int cpu = sim_cpu_id();

	if (krt_panicked)
		return;
	krt_irq_disabled[cpu] = flags;
	if (!flags && krt_irq_pending[cpu] && !krt_in_event)
		krt_irq_deliver(cpu);
}

void sim_irq_disable(void)
{
	krt_irq_disabled[sim_cpu_id()] = 1;
}

void sim_irq_enable(void)
{
	sim_irq_restore(0);
}

int sim_irqs_disabled(void)
{
	return krt_in_event > 0 || krt_irq_disabled[sim_cpu_id()] > 0;
}

/* ---- spinlocks: never contended on cooperative fibers unless someone slept holding one ---- */

void sim_spin_lock(spinlock_t *lock)
{
	struct task_struct *t = sim_current();

	if (lock->locked)
		krt_crash("KRT-SPIN-DEADLOCK: spinlock %s taken on vCPU %u while held by task %u",
			  lock->name ? lock->name : "?", t->cpu, lock->owner);
	lock->locked = 1 + t->cpu;
	lock->owner = t->sim_id;
	t->preempt_count++;
}

int sim_spin_trylock(spinlock_t *lock)
{
	if (lock->locked)
		return 0;
	sim_spin_lock(lock);
	return 1;
}

void sim_spin_unlock(spinlock_t *lock)
{
	if (!lock->locked) {
		krt_finding("KRT-ATOM-002", "unlock of the unlocked spinlock %s",
			    lock->name ? lock->name : "?");
		return;
	}
	lock->locked = 0;
	lock->owner = 0;
	sim_preempt_enable();
}

/* ---- time ---- */

static u64 krt_realtime_offset_ns = 1704067200ULL * NSEC_PER_SEC; /* 2024-01-01T00:00:00Z */

unsigned long sim_jiffies(void)
{
	return INITIAL_JIFFIES + krt_host->now_ns() / SIM_NSEC_PER_JIFFY;
}

u64 krt_jiffy_start_ns(unsigned long j)
{
	return (u64)(j - INITIAL_JIFFIES) * SIM_NSEC_PER_JIFFY;
}

ktime_t ktime_get(void)
{
	return krt_host->now_ns();
}

ktime_t ktime_get_boottime(void)
{
	return krt_host->now_ns();
}

u64 local_clock(void)
{
	return krt_host->now_ns();
}

u64 sched_clock(void)
{
	return krt_host->now_ns();
}

ktime_t ktime_get_real(void)
{
	return krt_host->now_ns() + krt_realtime_offset_ns;
}

struct timespec64 ns_to_timespec64(s64 nsec)
{
	struct timespec64 ts = { 0, 0 };
	s32 rem;

	if (!nsec)
		return ts;
	ts.tv_sec = div_s64_rem(nsec, NSEC_PER_SEC, &rem);
	if (rem < 0) {
		ts.tv_sec--;
		rem += NSEC_PER_SEC;
	}
	ts.tv_nsec = rem;
	return ts;
}

void ktime_get_real_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_real());
}

void ktime_get_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get());
}

time64_t ktime_get_real_seconds(void)
{
	return ktime_get_real() / NSEC_PER_SEC;
}

time64_t ktime_get_seconds(void)
{
	return ktime_get() / NSEC_PER_SEC;
}

int do_settimeofday64(const struct timespec64 *ts)
{
	s64 ns = timespec64_to_ns(ts);

	krt_realtime_offset_ns = ns - krt_host->now_ns();
	krt_trace("guest.time", "settimeofday", "sec=%lld nsec=%ld", (long long)ts->tv_sec,
		  ts->tv_nsec);
	return 0;
}

u64 sim_hv_raw_timer(void)
{
	return krt_host->now_ns() / 100;
}

/* ---- tasks ---- */

struct krt_task_start {
	struct task_struct *t;
};

static void krt_task_entry(void *arg)
{
	struct task_struct *t = arg;
	int ret;

	/* A kthread starts only after wake_up_process(), as in the kernel. */
	while (t->__state != TASK_RUNNING)
		krt_host->task_block();
	ret = t->threadfn(t->data);
	t->exit_code = ret;
	t->__state = TASK_RUNNING;
	t->threadfn = NULL;	/* marks it exited for kthread_stop() */
}

struct task_struct *krt_task_create(const char *name, int (*fn)(void *), void *data,
				    unsigned int cpu)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);
	hyp_task_id id;

	if (!t)
		return NULL;
	t->__state = TASK_UNINTERRUPTIBLE;
	t->cpu = cpu;
	t->flags = PF_KTHREAD;
	t->pid = krt_next_pid++;
	t->threadfn = fn;
	t->data = data;
	INIT_LIST_HEAD(&t->sim_mutex_wait);
	strscpy(t->comm, name, sizeof(t->comm));
	id = krt_host->task_create(t->comm, krt_task_entry, t, cpu);
	if (!id) {
		kfree(t);
		return NULL;
	}
	t->sim_id = id;
	krt_host->task_set_priv(id, t);
	return t;
}

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...)
{
	char name[TASK_COMM_LEN];
	va_list ap;

	va_start(ap, namefmt);
	krt_vsnprintf(name, sizeof(name), namefmt, ap);
	va_end(ap);
	/* Unbound kthreads start on the creator's vCPU. */
	return krt_task_create(name, threadfn, data, sim_cpu_id()) ?: ERR_PTR(-ENOMEM);
}

void kthread_bind(struct task_struct *k, unsigned int cpu)
{
	k->cpu = cpu;	/* takes effect for smp_processor_id(); the seam task keeps its vCPU */
}

bool kthread_should_stop(void)
{
	return sim_current()->should_stop;
}

int kthread_stop(struct task_struct *k)
{
	k->should_stop = true;
	wake_up_process(k);
	while (k->threadfn)
		krt_block(krt_host->now_ns() + NSEC_PER_MSEC);
	return k->exit_code;
}

int krt_block(u64 deadline_ns)
{
	struct task_struct *t = sim_current();
	int timed_out = 0;

	might_sleep();
	if (t->worker)
		krt_wq_worker_sleeping(t);
	if (deadline_ns)
		timed_out = krt_host->task_block_until(deadline_ns) == HYP_WAIT_TIMEOUT;
	else
		krt_host->task_block();
	if (t->worker)
		krt_wq_worker_waking(t);
	return timed_out;
}

int wake_up_process(struct task_struct *p)
{
	if (p->__state == TASK_RUNNING)
		return 0;
	p->__state = TASK_RUNNING;
	if (p->sim_id)
		krt_host->task_wake(p->sim_id);
	return 1;
}

void schedule(void)
{
	struct task_struct *t = sim_current();

	if (t->__state == TASK_RUNNING) {
		if (!krt_in_event)
			krt_host->task_yield();
		return;
	}
	while (t->__state != TASK_RUNNING)
		krt_block(0);
}

long schedule_timeout(long timeout)
{
	struct task_struct *t = sim_current();
	unsigned long expire;
	long left;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		krt_finding("KRT-SCHED-001", "schedule_timeout(%ld) negative", timeout);
		t->__state = TASK_RUNNING;
		return 0;
	}
	expire = sim_jiffies() + timeout;
	while (t->__state != TASK_RUNNING) {
		if (krt_block(krt_jiffy_start_ns(expire))) {
			t->__state = TASK_RUNNING;
			break;
		}
	}
	left = (long)(expire - sim_jiffies());
	return left < 0 ? 0 : left;
}

long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_idle(long timeout)
{
	__set_current_state(TASK_IDLE);
	return schedule_timeout(timeout);
}

void yield(void)
{
	krt_host->task_yield();
}

static void krt_sleep_until(u64 deadline_ns)
{
	struct task_struct *t = sim_current();

	while (krt_host->now_ns() < deadline_ns) {
		t->__state = TASK_UNINTERRUPTIBLE;
		if (krt_block(deadline_ns))
			break;
	}
	t->__state = TASK_RUNNING;
}

void msleep(unsigned int msecs)
{
	/* The kernel sleeps at least msecs + 1 jiffy (timeout rounding). */
	unsigned long expire = sim_jiffies() + msecs_to_jiffies(msecs) + 1;

	krt_sleep_until(krt_jiffy_start_ns(expire));
}

unsigned long msleep_interruptible(unsigned int msecs)
{
	msleep(msecs);
	return 0;
}

void usleep_range(unsigned long min, unsigned long max)
{
	/* hrtimer with slack: wakes at the earliest allowed time. */
	krt_sleep_until(krt_host->now_ns() + min * NSEC_PER_USEC);
}

void sim_udelay(unsigned long usecs)
{
	if (krt_in_event) {
		krt_finding("KRT-ATOM-004", "udelay(%lu) in event context does not advance time",
			    usecs);
		return;
	}
	/* A busy wait: legal in atomic context (no might_sleep), and the CPU stays busy (a
	 * workqueue worker does not count as sleeping). */
	u64 deadline = krt_host->now_ns() + usecs * NSEC_PER_USEC;

	while (krt_host->now_ns() < deadline)
		krt_host->task_block_until(deadline);
}

/* ---- events: every host callback runs through here ---- */

struct krt_event {
	void (*fn)(void *);
	void *arg;
	unsigned int cpu;
};

static void krt_event_tramp(void *p)
{
	struct krt_event ev = *(struct krt_event *)p;
	unsigned int saved_cpu = krt_event_cpu;

	kfree(p);
	krt_in_event++;
	krt_event_cpu = ev.cpu;
	ev.fn(ev.arg);
	krt_event_cpu = saved_cpu;
	krt_in_event--;
}

u64 krt_event_at(u64 when_ns, unsigned int cpu, void (*fn)(void *), void *arg)
{
	struct krt_event *ev = kmalloc(sizeof(*ev), GFP_ATOMIC);

	if (!ev)
		krt_crash("no memory for an event");
	ev->fn = fn;
	ev->arg = arg;
	ev->cpu = cpu;
	return krt_host->timer_arm(when_ns, krt_event_tramp, ev);
}

/* ---- timers ---- */

/* Host timer callback: the timer_list itself is the argument (nothing to free on cancel). */
static void krt_timer_fire(void *arg)
{
	struct timer_list *t = arg;
	unsigned int saved_cpu = krt_event_cpu;

	krt_in_event++;
	krt_event_cpu = t->sim_cpu;
	t->sim_timer = 0;
	t->sim_running = true;
	t->function(t);
	t->sim_running = false;
	krt_event_cpu = saved_cpu;
	krt_in_event--;
}

void timer_setup(struct timer_list *timer, void (*func)(struct timer_list *),
		 unsigned int flags)
{
	memset(timer, 0, sizeof(*timer));
	timer->function = func;
	timer->flags = flags;
}

int timer_pending(const struct timer_list *timer)
{
	return timer->sim_timer != 0;
}

int del_timer(struct timer_list *timer)
{
	int was = 0;

	if (timer->sim_timer) {
		was = krt_host->timer_cancel(timer->sim_timer);
		timer->sim_timer = 0;
	}
	return was;
}

int del_timer_sync(struct timer_list *timer)
{
	int was = del_timer(timer);

	if (timer->sim_running && !krt_in_event)
		while (timer->sim_running)
			krt_block(krt_host->now_ns() + NSEC_PER_USEC);
	return was;
}

static void krt_timer_arm(struct timer_list *timer, unsigned long expires, unsigned int cpu)
{
	long delta = (long)(expires - sim_jiffies());
	u64 when = delta <= 0 ? krt_host->now_ns() : krt_jiffy_start_ns(expires);

	timer->expires = expires;
	timer->sim_cpu = cpu;
	timer->sim_timer = krt_host->timer_arm(when, krt_timer_fire, timer);
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	int was = del_timer(timer);

	krt_timer_arm(timer, expires, sim_cpu_id());
	return was;
}

void add_timer(struct timer_list *timer)
{
	if (timer->sim_timer)
		krt_crash("KRT-TIMER: add_timer of a pending timer");
	krt_timer_arm(timer, timer->expires, sim_cpu_id());
}

void add_timer_on(struct timer_list *timer, int cpu)
{
	del_timer(timer);
	krt_timer_arm(timer, timer->expires, cpu);
}

/* ---- tasklets (per-vCPU softirq) ----
 *
 * Like __do_softirq(), a softirq pass does not run for ever: a tasklet that keeps
 * rescheduling itself (vmbus_on_event() when the ring never drains) is handed to "ksoftirqd"
 * after KRT_SOFTIRQ_BURST runs at one virtual instant, i.e. runs again KRT_KSOFTIRQD_NS later,
 * so virtual time advances and the rest of the guest goes on, as on a real CPU. A storm that
 * lasts KRT_SOFTIRQ_STORM consecutive hand-offs is the guest's livelock, reported once as
 * KRT-SCHED-002; the hand-off delay then grows to a jiffy to keep the run cheap.
 */

#define KRT_SOFTIRQ_BURST 1024u	/* the suite's largest legitimate burst is ~400 */
#define KRT_KSOFTIRQD_NS (10 * NSEC_PER_USEC)
#define KRT_SOFTIRQ_STORM 100u

static struct list_head krt_tasklets[NR_CPUS];
static bool krt_softirq_raised[NR_CPUS];
static u64 krt_softirq_at[NR_CPUS];		/* instant of the runs counted below */
static unsigned int krt_softirq_runs[NR_CPUS];	/* tasklet runs at krt_softirq_at */
static bool krt_ksoftirqd_queued[NR_CPUS];
static unsigned int krt_softirq_handoffs[NR_CPUS];	/* consecutive hand-offs */

static void krt_ksoftirqd_event(void *arg);

/* The burst at this instant is used up: run the rest later (see above). */
static void krt_ksoftirqd_handoff(unsigned int cpu)
{
	u64 delay = KRT_KSOFTIRQD_NS;

	if (krt_ksoftirqd_queued[cpu])
		return;
	krt_ksoftirqd_queued[cpu] = true;
	if (++krt_softirq_handoffs[cpu] == KRT_SOFTIRQ_STORM)
		krt_finding("KRT-SCHED-002", "softirq livelock on vCPU %u: tasklets kept "
			    "rescheduling themselves for %u consecutive ksoftirqd hand-offs",
			    cpu, KRT_SOFTIRQ_STORM);
	if (krt_softirq_handoffs[cpu] >= KRT_SOFTIRQ_STORM)
		delay = NSEC_PER_SEC / HZ;
	krt_event_at(krt_host->now_ns() + delay, cpu, krt_ksoftirqd_event,
		     (void *)(unsigned long)cpu);
}

/* Counts one tasklet run; false when this instant's burst is used up. */
static bool krt_softirq_budget(unsigned int cpu)
{
	u64 now = krt_host->now_ns();

	if (now != krt_softirq_at[cpu]) {
		krt_softirq_at[cpu] = now;
		krt_softirq_runs[cpu] = 0;
	}
	return ++krt_softirq_runs[cpu] <= KRT_SOFTIRQ_BURST;
}

static void krt_run_tasklets(unsigned int cpu)
{
	struct tasklet_struct *t;

	while (!list_empty(&krt_tasklets[cpu])) {
		if (!krt_softirq_budget(cpu)) {
			krt_ksoftirqd_handoff(cpu);
			return;
		}
		t = list_first_entry(&krt_tasklets[cpu], struct tasklet_struct, sim_entry);
		list_del_init(&t->sim_entry);
		if (atomic_read(&t->count)) {
			/* disabled: keep it scheduled, retried at the next softirq */
			list_add_tail(&t->sim_entry, &krt_tasklets[cpu]);
			krt_softirq_raise(cpu);
			return;
		}
		clear_bit(TASKLET_STATE_SCHED, &t->state);
		set_bit(TASKLET_STATE_RUN, &t->state);
		if (t->use_callback)
			t->callback(t);
		else
			t->func(t->data);
		clear_bit(TASKLET_STATE_RUN, &t->state);
	}
	krt_softirq_handoffs[cpu] = 0; /* drained: the storm, if any, is over */
}

static void krt_softirq_event(void *arg)
{
	unsigned int cpu = (unsigned long)arg;

	krt_softirq_raised[cpu] = false;
	krt_run_tasklets(cpu);
}

static void krt_ksoftirqd_event(void *arg)
{
	unsigned int cpu = (unsigned long)arg;

	krt_ksoftirqd_queued[cpu] = false;
	krt_run_tasklets(cpu);
}

void krt_softirq_raise(unsigned int cpu)
{
	if (krt_softirq_raised[cpu])
		return;
	krt_softirq_raised[cpu] = true;
	krt_event_at(krt_host->now_ns(), cpu, krt_softirq_event, (void *)(unsigned long)cpu);
}

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data)
{
	memset(t, 0, sizeof(*t));
	t->func = func;
	t->data = data;
	INIT_LIST_HEAD(&t->sim_entry);
}

void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *))
{
	memset(t, 0, sizeof(*t));
	t->use_callback = true;
	t->callback = callback;
	INIT_LIST_HEAD(&t->sim_entry);
}

void tasklet_schedule(struct tasklet_struct *t)
{
	unsigned int cpu = sim_cpu_id();

	if (test_and_set_bit(TASKLET_STATE_SCHED, &t->state))
		return;
	t->sim_cpu = cpu;
	list_add_tail(&t->sim_entry, &krt_tasklets[cpu]);
	krt_softirq_raise(cpu);
}

void tasklet_kill(struct tasklet_struct *t)
{
	while (test_bit(TASKLET_STATE_SCHED, &t->state) || test_bit(TASKLET_STATE_RUN, &t->state))
		krt_block(krt_host->now_ns() + NSEC_PER_USEC);
}

void tasklet_disable(struct tasklet_struct *t)
{
	atomic_inc(&t->count);
	while (test_bit(TASKLET_STATE_RUN, &t->state) && !krt_in_event)
		krt_block(krt_host->now_ns() + NSEC_PER_USEC);
}

void tasklet_enable(struct tasklet_struct *t)
{
	atomic_dec(&t->count);
}

/* ---- interrupts: the VMBus vector (hv_setup_vmbus_handler) ---- */

static void (*krt_vmbus_handler)(void);

void hv_setup_vmbus_handler(void (*handler)(void))
{
	krt_vmbus_handler = handler;
}

void hv_remove_vmbus_handler(void)
{
	krt_vmbus_handler = NULL;
}

/* Hard IRQ on cpu; the caller is in event context or re-enabling interrupts. */
void krt_irq_deliver(unsigned int cpu)
{
	krt_irq_pending[cpu] = false;
	krt_in_event++;
	{
		unsigned int saved = krt_event_cpu;

		krt_event_cpu = cpu;
		if (krt_vmbus_handler)
			krt_vmbus_handler();
		else
			krt_finding("KRT-IRQ-001", "VMBus interrupt on vCPU %u with no handler",
				    cpu);
		/* irq_exit(): pending softirqs run now */
		if (krt_softirq_raised[cpu] || !list_empty(&krt_tasklets[cpu]))
			krt_run_tasklets(cpu);
		krt_event_cpu = saved;
	}
	krt_in_event--;
}

void krt_guest_interrupt(uint32_t cpu);
void krt_guest_interrupt(uint32_t cpu)
{
	if (cpu >= krt_nr_cpus)
		krt_crash("interrupt for vCPU %u of %u", cpu, krt_nr_cpus);
	if (krt_irq_disabled[cpu]) {
		krt_irq_pending[cpu] = true;
		return;
	}
	krt_irq_deliver(cpu);
}

/* ---- CPUs, hotplug states, per-CPU threads ---- */

unsigned int nr_cpu_ids = 1;
struct cpumask __cpu_possible_mask, __cpu_online_mask, __cpu_present_mask, __cpu_active_mask;
static struct cpumask krt_cpu_masks[NR_CPUS];

const struct cpumask *cpumask_of(unsigned int cpu)
{
	return &krt_cpu_masks[cpu];
}

void krt_sched_init(void)
{
	unsigned int cpu;

	nr_cpu_ids = krt_nr_cpus;
	for (cpu = 0; cpu < krt_nr_cpus; cpu++) {
		cpumask_set_cpu(cpu, &__cpu_possible_mask);
		cpumask_set_cpu(cpu, &__cpu_online_mask);
		cpumask_set_cpu(cpu, &__cpu_present_mask);
		cpumask_set_cpu(cpu, &__cpu_active_mask);
		cpumask_set_cpu(cpu, &krt_cpu_masks[cpu]);
		INIT_LIST_HEAD(&krt_tasklets[cpu]);
		krt_irq_task[cpu].cpu = cpu;
		strscpy(krt_irq_task[cpu].comm, "irq", TASK_COMM_LEN);
		INIT_LIST_HEAD(&krt_irq_task[cpu].sim_mutex_wait);
	}
}

void cpus_read_lock(void)
{
}

void cpus_read_unlock(void)
{
}

struct krt_cpuhp {
	int (*startup)(unsigned int cpu);
	int (*teardown)(unsigned int cpu);
	const char *name;
};
static struct krt_cpuhp krt_cpuhp_states[32];
static int krt_cpuhp_next_dyn = CPUHP_AP_ONLINE_DYN;

/* Startup callbacks run on each online vCPU in turn (as the hotplug thread would). */
static int krt_cpuhp_run(int (*fn)(unsigned int), const char *name)
{
	struct task_struct *t = sim_current();
	unsigned int cpu, saved = t->cpu;
	int ret = 0;

	for_each_online_cpu(cpu) {
		t->cpu = cpu;
		ret = fn(cpu);
		if (ret) {
			krt_trace("guest.cpuhp", "fail", "state=%s cpu=%u ret=%d", name, cpu, ret);
			break;
		}
	}
	t->cpu = saved;
	return ret;
}

int __cpuhp_setup_state_cpuslocked(enum cpuhp_state state, const char *name, bool invoke,
				   int (*startup)(unsigned int cpu),
				   int (*teardown)(unsigned int cpu), bool multi_instance)
{
	int ret = 0, st = state;

	if (state == CPUHP_AP_ONLINE_DYN)
		st = krt_cpuhp_next_dyn++;
	if (st < CPUHP_AP_ONLINE_DYN || st >= CPUHP_AP_ONLINE_DYN + 32)
		krt_crash("cpuhp state %d (%s) not supported", st, name);
	krt_cpuhp_states[st - CPUHP_AP_ONLINE_DYN] =
		(struct krt_cpuhp){ startup, teardown, name };
	krt_trace("guest.cpuhp", "setup", "state=%d name=%s", st, name);
	if (invoke && startup)
		ret = krt_cpuhp_run(startup, name);
	if (ret)
		return ret;
	return state == CPUHP_AP_ONLINE_DYN ? st : 0;
}

int __cpuhp_setup_state(enum cpuhp_state state, const char *name, bool invoke,
			int (*startup)(unsigned int cpu), int (*teardown)(unsigned int cpu),
			bool multi_instance)
{
	return __cpuhp_setup_state_cpuslocked(state, name, invoke, startup, teardown,
					      multi_instance);
}

void __cpuhp_remove_state(enum cpuhp_state state, bool invoke)
{
	struct krt_cpuhp *s;

	if (state < CPUHP_AP_ONLINE_DYN || state >= CPUHP_AP_ONLINE_DYN + 32)
		return;
	s = &krt_cpuhp_states[state - CPUHP_AP_ONLINE_DYN];
	if (invoke && s->teardown)
		krt_cpuhp_run(s->teardown, s->name);
	memset(s, 0, sizeof(*s));
}

struct krt_smpboot {
	struct smp_hotplug_thread *ht;
	unsigned int cpu;
};

static int krt_smpboot_fn(void *data)
{
	struct krt_smpboot *sb = data;
	struct smp_hotplug_thread *ht = sb->ht;

	if (ht->setup)
		ht->setup(sb->cpu);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!ht->thread_should_run(sb->cpu)) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		ht->thread_fn(sb->cpu);
	}
	return 0;
}

int smpboot_register_percpu_thread(struct smp_hotplug_thread *ht)
{
	unsigned int cpu;
	struct krt_smpboot *sb;
	struct task_struct *t;

	for_each_online_cpu(cpu) {
		sb = kzalloc(sizeof(*sb), GFP_KERNEL);
		if (!sb)
			return -ENOMEM;
		sb->ht = ht;
		sb->cpu = cpu;
		t = krt_task_create(ht->thread_comm, krt_smpboot_fn, sb, cpu);
		if (!t)
			return -ENOMEM;
		*per_cpu_ptr(ht->store, cpu) = t;
		wake_up_process(t);
	}
	return 0;
}

void smpboot_unregister_percpu_thread(struct smp_hotplug_thread *ht)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		kthread_stop(*per_cpu_ptr(ht->store, cpu));
}

int smp_call_function_single(int cpu, smp_call_func_t func, void *info, int wait)
{
	struct task_struct *t = sim_current();
	unsigned int saved = t->cpu;

	/* Run synchronously "on" cpu: the IPI handler is atomic context. */
	t->cpu = cpu;
	t->preempt_count++;
	func(info);
	t->preempt_count--;
	t->cpu = saved;
	return 0;
}

void on_each_cpu(smp_call_func_t func, void *info, int wait)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		smp_call_function_single(cpu, func, info, wait);
}

/* ---- RCU on cooperative fibers ---- */

void synchronize_rcu(void)
{
	might_sleep();
	krt_host->task_yield();
}

static void krt_rcu_cb(void *arg)
{
	struct callback_head *head = arg;

	head->func(head);
}

void call_rcu(struct callback_head *head, void (*func)(struct callback_head *head))
{
	head->func = func;
	krt_event_at(krt_host->now_ns(), sim_cpu_id(), krt_rcu_cb, head);
}

void rcu_barrier(void)
{
	krt_host->task_yield();
}
