/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vsprintf.c - the kernel's printf dialect, printk/dev_printk, tracepoint text, WARN/BUG.
 *
 * Supports the standard conversions plus the %p extensions these drivers use: %pUl %pUb
 * %pUL %pUB (GUIDs), %*ph %*phN %*phC %*phD (hex dumps), %pa[p] (phys_addr_t *), %pad
 * (dma_addr_t *), %ps/%pS (symbol: printed as "?"). A plain %p never prints a host
 * address: guest-RAM addresses print as their GPA (hex, 16 digits), anything else as
 * "(____ptrval____)", so traces are reproducible and hold no host pointers.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>
#include <linux/sched.h>
#include "krt.h"

struct krt_buf {
	char *buf;
	size_t size, len;
};

static void krt_putc(struct krt_buf *b, char c)
{
	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

static void krt_puts(struct krt_buf *b, const char *s, int width, int prec, bool left)
{
	int n = 0, i;

	if (!s)
		s = "(null)";
	while (s[n] && (prec < 0 || n < prec))
		n++;
	if (!left)
		for (i = n; i < width; i++)
			krt_putc(b, ' ');
	for (i = 0; i < n; i++)
		krt_putc(b, s[i]);
	if (left)
		for (i = n; i < width; i++)
			krt_putc(b, ' ');
}

static void krt_num(struct krt_buf *b, unsigned long long v, bool neg, int base, bool upper,
		    int width, int prec, bool left, bool zero, char sign, bool alt)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], pre[3];
	int n = 0, np = 0, i, pad;

	if (v == 0 && prec != 0)
		tmp[n++] = '0';
	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	if (neg)
		pre[np++] = '-';
	else if (sign)
		pre[np++] = sign;
	if (alt && base == 16) {
		pre[np++] = '0';
		pre[np++] = upper ? 'X' : 'x';
	} else if (alt && base == 8 && (n == 0 || tmp[n - 1] != '0')) {
		tmp[n++] = '0';
	}
	pad = width - np - max(n, prec);
	if (!left && !(zero && prec < 0))
		for (i = 0; i < pad; i++)
			krt_putc(b, ' ');
	for (i = 0; i < np; i++)
		krt_putc(b, pre[i]);
	if (!left && zero && prec < 0)
		for (i = 0; i < pad; i++)
			krt_putc(b, '0');
	for (i = n; i < prec; i++)
		krt_putc(b, '0');
	while (n)
		krt_putc(b, tmp[--n]);
	if (left)
		for (i = 0; i < pad; i++)
			krt_putc(b, ' ');
}

static void krt_guid(struct krt_buf *b, const u8 *g, bool le, bool upper)
{
	static const u8 le_order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int i;

	for (i = 0; i < 16; i++) {
		u8 c = g[le ? le_order[i] : i];

		krt_putc(b, hex[c >> 4]);
		krt_putc(b, hex[c & 15]);
		if (i == 3 || i == 5 || i == 7 || i == 9)
			krt_putc(b, '-');
	}
}

/* Handles the %p family; returns the number of extension characters consumed. */
static int krt_pointer(struct krt_buf *b, const char *fmt, const void *p, int width)
{
	unsigned long a = (unsigned long)p;
	int i, n;

	switch (fmt[0]) {
	case 'U':
		if (!p) {
			krt_puts(b, "(null)", 0, -1, false);
		} else {
			krt_guid(b, p, fmt[1] == 'l' || fmt[1] == 'L', fmt[1] == 'L' || fmt[1] == 'B');
		}
		return (fmt[1] == 'l' || fmt[1] == 'L' || fmt[1] == 'b' || fmt[1] == 'B') ? 2 : 1;
	case 'h': {
		char sep = ' ';
		int used = 1;

		if (fmt[1] == 'N' || fmt[1] == 'C' || fmt[1] == 'D') {
			sep = fmt[1] == 'N' ? 0 : fmt[1] == 'C' ? ':' : '-';
			used = 2;
		}
		n = width < 0 ? 1 : min(width, 64);
		for (i = 0; i < n && p; i++) {
			u8 c = ((const u8 *)p)[i];

			if (i && sep)
				krt_putc(b, sep);
			krt_putc(b, "0123456789abcdef"[c >> 4]);
			krt_putc(b, "0123456789abcdef"[c & 15]);
		}
		return used;
	}
	case 'a': {
		unsigned long long v = 0;
		int used = 1;

		if (fmt[1] == 'd') {
			v = p ? *(const dma_addr_t *)p : 0;
			used = 2;
		} else {
			v = p ? *(const phys_addr_t *)p : 0;
			used = fmt[1] == 'p' ? 2 : 1;
		}
		krt_num(b, v, false, 16, false, 18, -1, false, true, 0, true);
		return used;
	}
	case 's':
	case 'S':
	case 'B':
		krt_puts(b, "?", 0, -1, false);
		return 1;
	default:
		break;
	}
	if (!p)
		krt_puts(b, "0000000000000000", 0, -1, false);
	else if (a >= SIM_PAGE_OFFSET && a < SIM_PAGE_OFFSET + (sim_ram_pages << PAGE_SHIFT))
		krt_num(b, a - SIM_PAGE_OFFSET, false, 16, false, 16, -1, false, true, 0, false);
	else
		krt_puts(b, "(____ptrval____)", 0, -1, false);
	/* Unknown extension letters are consumed as the kernel does (alnum run). */
	for (i = 0; (fmt[i] >= 'a' && fmt[i] <= 'z') || (fmt[i] >= 'A' && fmt[i] <= 'Z'); i++)
		;
	return fmt[0] == 'K' || fmt[0] == 'x' || fmt[0] == 'e' ? i : 0;
}

int krt_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct krt_buf b = { buf, size, 0 };

	while (*fmt) {
		bool left = false, zero = false, alt = false;
		char sign = 0;
		int width = -1, prec = -1, lng = 0, base = 10;
		bool is_signed = false, upper = false, sz = false;
		unsigned long long v;

		if (*fmt != '%') {
			krt_putc(&b, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '0')
				zero = true;
			else if (*fmt == '#')
				alt = true;
			else if (*fmt == '+')
				sign = '+';
			else if (*fmt == ' ')
				sign = sign ? sign : ' ';
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(args, int);
			if (width < 0) {
				left = true;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = (width < 0 ? 0 : width) * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(args, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'h')
				lng--;
			else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j')
				sz = true;
			else if (*fmt == 'L' || *fmt == 'q')
				lng = 2;
			else
				break;
		}
		switch (*fmt) {
		case '%':
			krt_putc(&b, '%');
			fmt++;
			continue;
		case 'c':
			krt_putc(&b, (char)va_arg(args, int));
			fmt++;
			continue;
		case 's':
			krt_puts(&b, va_arg(args, const char *), width, prec, left);
			fmt++;
			continue;
		case 'p':
			fmt++;
			fmt += krt_pointer(&b, fmt, va_arg(args, const void *), width);
			continue;
		case 'n':
			fmt++;
			continue;	/* the kernel ignores %n */
		case 'd':
		case 'i':
			is_signed = true;
			break;
		case 'u':
			break;
		case 'x':
			base = 16;
			break;
		case 'X':
			base = 16;
			upper = true;
			break;
		case 'o':
			base = 8;
			break;
		default:
			krt_putc(&b, '%');
			if (*fmt)
				krt_putc(&b, *fmt++);
			continue;
		}
		fmt++;
		if (sz || lng >= 1) {
			v = lng >= 2 ? va_arg(args, unsigned long long) : va_arg(args, unsigned long);
			if (is_signed && (long long)v < 0 && lng < 2 && !sz)
				v = (long long)(long)v;
		} else {
			v = va_arg(args, unsigned int);
			if (lng == -1)
				v = is_signed ? (unsigned long long)(long long)(short)v : (u16)v;
			else if (lng <= -2)
				v = is_signed ? (unsigned long long)(long long)(signed char)v : (u8)v;
			else if (is_signed)
				v = (long long)(int)v;
		}
		if (is_signed && (long long)v < 0)
			krt_num(&b, -(long long)v, true, base, upper, width, prec, left, zero, 0, alt);
		else
			krt_num(&b, v, false, base, upper, width, prec, left, zero,
				is_signed ? sign : 0, alt);
	}
	if (size)
		buf[min(b.len, size - 1)] = 0;
	return b.len;
}

int sim_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	return krt_vsnprintf(buf, size, fmt, args);
}

int sim_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = krt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sim_vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = krt_vsnprintf(buf, size, fmt, args);

	if (!size)
		return 0;
	return (size_t)n < size ? n : (int)size - 1;
}

int sim_scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sim_vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sim_vsprintf(char *buf, const char *fmt, va_list args)
{
	return krt_vsnprintf(buf, INT_MAX, fmt, args);
}

int sim_sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = krt_vsnprintf(buf, INT_MAX, fmt, ap);
	va_end(ap);
	return n;
}

char *kvasprintf(gfp_t gfp, const char *fmt, va_list args)
{
	va_list aq;
	char *p;
	int n;

	va_copy(aq, args);
	n = krt_vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	p = kmalloc(n + 1, gfp);
	if (p)
		krt_vsnprintf(p, n + 1, fmt, args);
	return p;
}

char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}

int sysfs_emit(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sim_vscnprintf(buf, PAGE_SIZE, fmt, ap);
	va_end(ap);
	return n;
}

int sysfs_emit_at(char *buf, int at, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = sim_vscnprintf(buf + at, PAGE_SIZE - at, fmt, ap);
	va_end(ap);
	return n;
}

/* ---- printk ---- */

static void krt_emit_printk(const char *prefix, const char *fmt, va_list args)
{
	char text[1024], level[2] = "d";
	int n = 0;

	if (fmt[0] == KERN_SOH_ASCII && fmt[1]) {
		level[0] = fmt[1] == 'c' ? 'c' : fmt[1];
		fmt += 2;
	}
	if (prefix)
		n = sim_scnprintf(text, sizeof(text), "%s", prefix);
	sim_vscnprintf(text + n, sizeof(text) - n, fmt, args);
	n = strlen(text);
	while (n && text[n - 1] == '\n')
		text[--n] = 0;
	krt_host->trace("guest.printk", level, text);
}

int vprintk(const char *fmt, va_list args)
{
	krt_emit_printk(NULL, fmt, args);
	return 0;
}

int _printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	krt_emit_printk(NULL, fmt, ap);
	va_end(ap);
	return 0;
}

void _dev_printk(const char *level, const struct device *dev, const char *fmt, ...)
{
	char prefix[96], lfmt[512];
	va_list ap;

	sim_snprintf(prefix, sizeof(prefix), "%s %s: ",
		     dev && dev->driver ? dev->driver->name : (dev && dev->bus ? dev->bus->name : ""),
		     dev ? dev_name(dev) ?: "(null)" : "(NULL device *)");
	sim_snprintf(lfmt, sizeof(lfmt), "%s%s", level, fmt);
	va_start(ap, fmt);
	krt_emit_printk(prefix, lfmt, ap);
	va_end(ap);
}

int dev_err_probe(const struct device *dev, int err, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	sim_vscnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	_dev_printk(KERN_ERR, dev, "error %d: %s", err, text);
	return err;
}

void print_hex_dump(const char *level, const char *prefix_str, int prefix_type, int rowsize,
		    int groupsize, const void *buf, size_t len, bool ascii)
{
	size_t i;

	for (i = 0; i < len; i += 16)
		_printk("%s%s%*ph\n", level, prefix_str, (int)min_t(size_t, 16, len - i),
			(const u8 *)buf + i);
}

void dump_stack(void)
{
	krt_host->trace("guest.printk", "4", "dump_stack() (no stack in the simulator)");
}

/* ---- tracepoints ---- */

bool sim_tp_enabled = true;

void sim_tp_emit(const char *event, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	krt_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	krt_host->trace("guest.tp", event, text);
}

/* ---- findings, crashes, WARN/BUG/panic ---- */

void krt_finding(const char *rule, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	krt_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	krt_host->finding(rule, text);
}

void krt_crash(const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	krt_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	krt_host->crash(text);
}

void krt_trace(const char *source, const char *kind, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	krt_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	krt_host->trace(source, kind, text);
}

void sim_warn(const char *file, int line, const char *cond, const char *fmt, ...)
{
	char text[384] = "";
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		krt_vsnprintf(text, sizeof(text), fmt, ap);
		va_end(ap);
	}
	krt_finding("KRT-WARN-001", "WARNING at %s:%d: %s %s", file, line, cond, text);
}

void sim_bug(const char *file, int line, const char *cond)
{
	krt_crash("kernel BUG at %s:%d: %s", file, line, cond);
}

int panic_timeout;
unsigned long panic_print;
int sysctl_panic_on_oops;
bool crash_kexec_post_notifiers;
int panic_on_oops;
int oops_in_progress;

void panic(const char *fmt, ...)
{
	char text[400];
	va_list ap;

	va_start(ap, fmt);
	krt_vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	krt_crash("Kernel panic - not syncing: %s", text);
}
