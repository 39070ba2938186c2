/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_LINUX_PGTABLE_H
#define _SIM_LINUX_PGTABLE_H
typedef struct { unsigned long pgprot; } pgprot_t;
#define __pgprot(x) ((pgprot_t) { (x) })
#define pgprot_val(x) ((x).pgprot)
#define PAGE_KERNEL __pgprot(0x163)
#define PAGE_KERNEL_IO __pgprot(0x163)
#define PAGE_KERNEL_NOENC __pgprot(0x163)
#define pgprot_decrypted(p) (p)
#define pgprot_encrypted(p) (p)
#define pgprot_noncached(p) (p)
#define pgprot_writecombine(p) (p)
#endif
