/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: stub. String functions: the libc ones (allowlisted in tools/kshim-audit) plus the
 * kernel-only helpers implemented in runtime/lib.c.
 */
#ifndef _SIM_LINUX_STRING_H
#define _SIM_LINUX_STRING_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/overflow.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
char *strcpy(char *d, const char *s);
char *strncpy(char *d, const char *s, size_t n);
char *strcat(char *d, const char *s);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *h, const char *n);
char *strsep(char **s, const char *delim);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);

ssize_t sized_strscpy(char *dst, const char *src, size_t count);
#define __sim_nargs(...) __sim_nargs_(_0, ##__VA_ARGS__, 2, 1, 0)
#define __sim_nargs_(_0, _1, _2, n, ...) n
#define __strscpy0(dst, src, ...) sized_strscpy(dst, src, sizeof(dst))
#define __strscpy1(dst, src, size) sized_strscpy(dst, src, size)
#define strscpy(dst, src, ...) \
	__PASTE(__strscpy, __sim_nargs(__VA_ARGS__))(dst, src, ##__VA_ARGS__)
size_t strlcpy(char *dst, const char *src, size_t size);
char *kstrdup(const char *s, gfp_t gfp);
char *kstrndup(const char *s, size_t max, gfp_t gfp);
const char *kstrdup_const(const char *s, gfp_t gfp);
void kfree_const(const void *x);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
#define kmemdup_noprof kmemdup
void *memdup_user(const void *src, size_t len);
char *skip_spaces(const char *str);
char *strim(char *s);
bool sysfs_streq(const char *s1, const char *s2);
int match_string(const char * const *array, size_t n, const char *string);
#define memset_after(obj, v, member) \
	memset((u8 *)(obj) + offsetofend(typeof(*(obj)), member), v, \
	       sizeof(*(obj)) - offsetofend(typeof(*(obj)), member))
#define memzero_explicit(s, n) memset((s), 0, (n))
#define unsafe_memcpy(dst, src, bytes, justification) memcpy(dst, src, bytes)
static inline bool str_has_prefix(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}
#endif
