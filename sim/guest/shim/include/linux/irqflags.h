/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (per-vCPU interrupt-disable counter, runtime/sync.c) */
#ifndef _SIM_LINUX_IRQFLAGS_H
#define _SIM_LINUX_IRQFLAGS_H
unsigned long sim_irq_save(void);
void sim_irq_restore(unsigned long flags);
void sim_irq_disable(void);
void sim_irq_enable(void);
int sim_irqs_disabled(void);
#define local_irq_save(flags) do { (flags) = sim_irq_save(); } while (0)
#define local_irq_restore(flags) sim_irq_restore(flags)
#define local_irq_disable() sim_irq_disable()
#define local_irq_enable() sim_irq_enable()
#define irqs_disabled() sim_irqs_disabled()
#define raw_local_irq_save local_irq_save
#define raw_local_irq_restore local_irq_restore
#endif
