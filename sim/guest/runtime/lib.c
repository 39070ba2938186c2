/* SPDX-License-Identifier: GPL-2.0-only */
/* lib.c - kernel library helpers that libc does not provide (strings, kstrto*, GUIDs, UTF). */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/uuid.h>
#include <linux/nls.h>
#include <linux/uaccess.h>
#include "krt.h"

const guid_t guid_null;

ssize_t sized_strscpy(char *dst, const char *src, size_t count)
{
	size_t n;

	if (!count)
		return -E2BIG;
	n = strnlen(src, count);
	if (n == count) {
		memcpy(dst, src, count - 1);
		dst[count - 1] = 0;
		return -E2BIG;
	}
	memcpy(dst, src, n + 1);
	return n;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (size) {
		size_t c = n >= size ? size - 1 : n;

		memcpy(dst, src, c);
		dst[c] = 0;
	}
	return n;
}

char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	size_t n;
	char *p;

	if (!s)
		return NULL;
	n = strnlen(s, max);
	p = kmalloc(n + 1, gfp);
	if (p) {
		memcpy(p, s, n);
		p[n] = 0;
	}
	return p;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	return s ? kstrndup(s, strlen(s), gfp) : NULL;
}

const char *kstrdup_const(const char *s, gfp_t gfp)
{
	return kstrdup(s, gfp);
}

void kfree_const(const void *x)
{
	kfree(x);
}

void *memdup_user(const void *src, size_t len)
{
	void *p = kmalloc(len, GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);
	memcpy(p, src, len);
	return p;
}

int hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20;
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

int guid_parse(const char *uuid, guid_t *u)
{
	static const u8 si[16] = { 6, 4, 2, 0, 11, 9, 16, 14, 19, 21, 24, 26, 28, 30, 32, 34 };
	int i, hi, lo;

	if (strlen(uuid) < UUID_STRING_LEN || uuid[8] != '-' || uuid[13] != '-' ||
	    uuid[18] != '-' || uuid[23] != '-')
		return -EINVAL;
	for (i = 0; i < 16; i++) {
		hi = hex_to_bin(uuid[si[i]]);
		lo = hex_to_bin(uuid[si[i] + 1]);
		if (hi < 0 || lo < 0)
			return -EINVAL;
		u->b[i] = (hi << 4) | lo;
	}
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v = 0;
	int d, any = 0;

	if (*s == '+')
		s++;
	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] | 0x20) == 'x' && hex_to_bin(s[2]) >= 0) {
			base = 16;
			s += 2;
		} else if (s[0] == '0') {
			base = 8;
		}
	} else if (base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x') {
		s += 2;
	}
	for (; *s && *s != '\n'; s++, any = 1) {
		d = hex_to_bin(*s);
		if (d < 0 || d >= (int)base)
			return -EINVAL;
		if (v > (~0ULL - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (!any || (*s == '\n' && s[1]))
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	int ret;

	if (*s == '-') {
		ret = kstrtoull(s + 1, base, &v);
		if (ret)
			return ret;
		if ((long long)-v > 0)
			return -ERANGE;
		*res = -v;
		return 0;
	}
	ret = kstrtoull(s, base, &v);
	if (ret)
		return ret;
	if ((long long)v < 0)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long v;
	int ret = kstrtoull(s, base, &v);

	if (ret)
		return ret;
	if (v != (unsigned int)v)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long v;
	int ret = kstrtoll(s, base, &v);

	if (ret)
		return ret;
	if (v != (int)v)
		return -ERANGE;
	*res = v;
	return 0;
}

int kstrtobool(const char *s, bool *res)
{
	switch (s[0] | 0x20) {
	case 'y': case '1': case 't':
		*res = true;
		return 0;
	case 'n': case '0': case 'f':
		*res = false;
		return 0;
	case 'o':
		if ((s[1] | 0x20) == 'n') {
			*res = true;
			return 0;
		}
		if ((s[1] | 0x20) == 'f') {
			*res = false;
			return 0;
		}
	}
	return -EINVAL;
}

/* UTF-8 <-> UTF-16 (fs/nls/nls_base.c semantics, host endian; surrogates supported). */
static int krt_utf8_to_u32(const u8 *s, int inlen, u32 *pu)
{
	int n, i;
	u32 c = s[0];

	if (c < 0x80) {
		*pu = c;
		return 1;
	}
	n = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : -1;
	if (n < 0 || inlen < n)
		return -1;
	c &= 0x7f >> n;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	*pu = c;
	return n;
}

int utf8s_to_utf16s(const u8 *s, int inlen, enum utf16_endian endian, wchar_t *pwcs,
		    int maxout)
{
	wchar_t *op = pwcs;
	int size;
	u32 u;

	while (inlen > 0 && maxout > 0 && *s) {
		if (*s & 0x80) {
			size = krt_utf8_to_u32(s, inlen, &u);
			if (size < 0)
				return -EINVAL;
			s += size;
			inlen -= size;
			if (u >= 0x10000) {
				if (maxout < 2)
					break;
				u -= 0x10000;
				*op++ = 0xd800 | (u >> 10);
				*op++ = 0xdc00 | (u & 0x3ff);
				maxout -= 2;
			} else {
				*op++ = u;
				maxout--;
			}
		} else {
			*op++ = *s++;
			inlen--;
			maxout--;
		}
	}
	return op - pwcs;
}

int utf16s_to_utf8s(const wchar_t *pwcs, int inlen, enum utf16_endian endian, u8 *s,
		    int maxout)
{
	u8 *op = s;
	u32 u;
	int n;

	while (inlen > 0 && maxout > 0) {
		u = *pwcs;
		if (!u)
			break;
		pwcs++;
		inlen--;
		if (u >= 0xd800 && u < 0xdc00 && inlen > 0 && *pwcs >= 0xdc00 && *pwcs < 0xe000) {
			u = 0x10000 + ((u - 0xd800) << 10) + (*pwcs - 0xdc00);
			pwcs++;
			inlen--;
		}
		n = u < 0x80 ? 1 : u < 0x800 ? 2 : u < 0x10000 ? 3 : 4;
		if (n > maxout)
			break;
		switch (n) {
		case 1:
			*op++ = u;
			break;
		case 2:
			*op++ = 0xc0 | (u >> 6);
			*op++ = 0x80 | (u & 0x3f);
			break;
		case 3:
			*op++ = 0xe0 | (u >> 12);
			*op++ = 0x80 | ((u >> 6) & 0x3f);
			*op++ = 0x80 | (u & 0x3f);
			break;
		default:
			*op++ = 0xf0 | (u >> 18);
			*op++ = 0x80 | ((u >> 12) & 0x3f);
			*op++ = 0x80 | ((u >> 6) & 0x3f);
			*op++ = 0x80 | (u & 0x3f);
		}
		maxout -= n;
	}
	return op - s;
}
