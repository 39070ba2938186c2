/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * seam.h - the ABI between a guest image and the simulator.
 *
 * A guest image is a shared object built from one kernel tree (real drivers + the shim +
 * the kernel runtime). It is loaded with dlopen(RTLD_LOCAL) and exports exactly one symbol,
 * HYP_SEAM_ENTRY_SYMBOL. The simulator passes it a table of host operations (everything the
 * guest may ask of the "hardware": memory, time, execution contexts, hypercalls, MSRs, the
 * trace) and receives a table of guest operations (boot, interrupt entry, ...).
 *
 * Rules of this boundary:
 *   - Plain C, <stdint.h>/<stddef.h> types only: this header is included both by kernel-world
 *     code (compiled -nostdinc against the shim, which provides these types) and by host code.
 *   - No pointer to host-side state ever crosses into the trace; guest memory is named by GPA.
 *   - Execution: exactly one context runs at a time. Guest code runs either in a task (a fiber
 *     owned by the simulator's scheduler, may block) or in "event context" (a timer callback or
 *     an interrupt delivered by the simulator, may not block). Blocking from event context is a
 *     simulator bug (assertion).
 *   - All times are virtual nanoseconds from the simulator clock.
 *
 * Versioning: bump HYP_SEAM_VERSION on any change to either table; the loader refuses an
 * image built against another version (clear error, exit 2).
 */
#ifndef HYP_SEAM_H
#define HYP_SEAM_H

#include <stddef.h>
#include <stdint.h>

#define HYP_SEAM_VERSION 2u
#define HYP_SEAM_ENTRY_SYMBOL "hvsim_guest_entry"

/* Guest RAM is one contiguous GPA range [0, ram_size) mapped at ram_base (fixed address). */
#define HYP_GUEST_RAM_BASE 0x200000000000ull /* 32 TiB: far from the heap, libs and stacks */
#define HYP_PAGE_SIZE 4096u

/* Opaque handle of a guest task (a fiber in the simulator). 0 is "none". */
typedef uint32_t hyp_task_id;
/* Opaque handle of an armed host timer. 0 is "none". */
typedef uint64_t hyp_timer_id;

enum hyp_wait_result {
    HYP_WAIT_WOKEN = 0,   /* hyp_host_ops.task_wake() was called for this task */
    HYP_WAIT_TIMEOUT = 1, /* the deadline passed first */
};

/* Operations the simulator provides; the guest calls them. All pointers are non-NULL. */
struct hyp_host_ops {
    uint32_t version; /* HYP_SEAM_VERSION */
    uint32_t nr_cpus; /* vCPUs of this run, >= 1 */

    /* ---- guest physical memory ---- */
    void *ram_base;    /* == (void *)HYP_GUEST_RAM_BASE; GPA g lives at ram_base + g;
                          all of it reads as zero when boot() is called */
    uint64_t ram_size; /* bytes, multiple of HYP_PAGE_SIZE */
    /*
     * Map nr_pages guest pages (by PFN) contiguously at a new virtual address outside the
     * RAM mapping (the same physical pages, so a ring mapped twice really aliases). Returns
     * NULL when the vmap window is exhausted. vunmap() takes the address vmap returned.
     */
    void *(*vmap)(const uint64_t *pfns, uint32_t nr_pages);
    void (*vunmap)(void *va);

    /* ---- time ---- */
    uint64_t (*now_ns)(void);

    /* ---- tasks (fibers); see the execution rules above ---- */
    /* Create a runnable task that will call fn(arg) on vCPU cpu; it ends when fn returns. */
    hyp_task_id (*task_create)(const char *name, void (*fn)(void *arg), void *arg,
                               uint32_t cpu);
    hyp_task_id (*task_current)(void); /* 0 in event context */
    /* Per-task guest pointer (the runtime's task_struct). */
    void (*task_set_priv)(hyp_task_id task, void *priv);
    void *(*task_get_priv)(hyp_task_id task);
    /* Block the current task until task_wake(). Only from a task. */
    void (*task_block)(void);
    /*
     * Block until task_wake() or until virtual time deadline_ns, whichever comes first.
     * A deadline <= now returns HYP_WAIT_TIMEOUT after yielding once.
     */
    enum hyp_wait_result (*task_block_until)(uint64_t deadline_ns);
    /* Make a blocked task runnable (no effect if it is already runnable). Any context. */
    void (*task_wake)(hyp_task_id task);
    /* Let other runnable tasks run; the current task stays runnable. */
    void (*task_yield)(void);

    /* ---- timers: fn(arg) runs in event context at virtual time when_ns ---- */
    hyp_timer_id (*timer_arm)(uint64_t when_ns, void (*fn)(void *arg), void *arg);
    /* Returns 1 if the timer was pending and is now cancelled, 0 if it already fired. */
    int (*timer_cancel)(hyp_timer_id timer);

    /* ---- the hypervisor ABI (sim/hv) ---- */
    /* Slow hypercall: control word as in the TLFS, input/output by GPA (0 = none). */
    uint64_t (*hypercall)(uint64_t control, uint64_t input_gpa, uint64_t output_gpa);
    /* Fast hypercall with one 8-byte register input (HvSignalEvent). */
    uint64_t (*hypercall_fast8)(uint16_t code, uint64_t input);
    /* Synthetic MSR access on a vCPU (x86 HV_X64_MSR_* numbers). */
    uint64_t (*msr_read)(uint32_t cpu, uint32_t msr);
    void (*msr_write)(uint32_t cpu, uint32_t msr, uint64_t value);
    /* CPUID of the hypervisor leaves 0x40000000.. (out: eax, ebx, ecx, edx; zeros for a
     * leaf the model does not define). Seam v2. */
    void (*cpuid)(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);

    /* ---- observation ---- */
    /* One trace record: source (e.g. "guest.printk"), kind, and a preformatted
     * "key=value ..." body. The simulator stamps time and seq. */
    void (*trace)(const char *source, const char *kind, const char *body);
    /* Guest misbehaviour detected by the runtime (e.g. sleeping in atomic context). */
    void (*finding)(const char *rule_id, const char *detail);
    /* BUG(), panic(): ends the run with verdict FAIL and this message. Does not return. */
    void (*crash)(const char *why) __attribute__((noreturn));
    /* Seeded randomness for get_random_bytes() and friends (stream "guest.random"). */
    uint64_t (*random_u64)(void);
};

/* Operations the guest image provides; the simulator calls them. */
struct hyp_guest_ops {
    uint32_t version;           /* HYP_SEAM_VERSION */
    const char *image_name;     /* "linux-6.1", "linux-6.12", or a custom name */
    const char *kernel_release; /* e.g. "6.1.192" */
    const char *build_id;       /* hex hash of kernel sources + shim, 16 chars */
    /*
     * Start the guest: creates the boot task, which runs the initcalls in link order
     * (subsystem core, then drivers). Returns 0, or a negative errno if the runtime could
     * not even start. Called once, from event context.
     */
    int (*boot)(void);
    /* Deliver the VMBus interrupt (SINT) on vCPU cpu. Event context. */
    void (*interrupt)(uint32_t cpu);
    /* Inject input into guest-side sinks (serio, HID, ...) - device-specific hooks are
     * looked up by name; returns NULL if the image has none of that name. */
    void *(*hook)(const char *name);
};

typedef const struct hyp_guest_ops *(*hyp_seam_entry_fn)(const struct hyp_host_ops *host);

#endif /* HYP_SEAM_H */
