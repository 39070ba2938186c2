/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (guid_t helpers of include/linux/uuid.h) */
#ifndef _SIM_LINUX_UUID_H
#define _SIM_LINUX_UUID_H
#include <linux/types.h>
#include <linux/string.h>
#define UUID_SIZE 16
typedef struct {
	__u8 b[UUID_SIZE];
} guid_t;
typedef struct {
	__u8 b[UUID_SIZE];
} uuid_t;
#define GUID_INIT(a, b, c, d0, d1, d2, d3, d4, d5, d6, d7)			\
((guid_t)								\
{{ (a) & 0xff, ((a) >> 8) & 0xff, ((a) >> 16) & 0xff, ((a) >> 24) & 0xff, \
   (b) & 0xff, ((b) >> 8) & 0xff,					\
   (c) & 0xff, ((c) >> 8) & 0xff,					\
   (d0), (d1), (d2), (d3), (d4), (d5), (d6), (d7) }})
#define UUID_STRING_LEN 36
extern const guid_t guid_null;
static inline bool guid_equal(const guid_t *u1, const guid_t *u2)
{
	return memcmp(u1, u2, sizeof(guid_t)) == 0;
}
static inline void guid_copy(guid_t *dst, const guid_t *src)
{
	memcpy(dst, src, sizeof(guid_t));
}
static inline bool guid_is_null(const guid_t *guid) { return guid_equal(guid, &guid_null); }
static inline void export_guid(u8 *dst, const guid_t *src)
{
	memcpy(dst, src, sizeof(guid_t));
}
static inline void import_guid(guid_t *dst, const u8 *src)
{
	memcpy(dst, src, sizeof(guid_t));
}
int guid_parse(const char *uuid, guid_t *u);
static inline bool uuid_equal(const uuid_t *u1, const uuid_t *u2)
{
	return memcmp(u1, u2, sizeof(uuid_t)) == 0;
}
#endif
