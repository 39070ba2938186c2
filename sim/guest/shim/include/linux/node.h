/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (one NUMA node) */
#ifndef _SIM_LINUX_NODE_H
#define _SIM_LINUX_NODE_H
#define NUMA_NO_NODE (-1)
#define MAX_NUMNODES 1
#define nr_node_ids 1
#define numa_node_id() 0
#define cpu_to_node(cpu) 0
#define dev_to_node(dev) NUMA_NO_NODE
#define cpumask_of_node(node) cpu_online_mask
#define for_each_online_node(n) for ((n) = 0; (n) < 1; (n)++)
#define node_online(n) ((n) == 0)
#define first_online_node 0
#define numa_mem_id() 0
#endif
