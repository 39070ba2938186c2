// SPDX-License-Identifier: GPL-2.0-only
/*
 * test_wire.c - wire vectors (vectors/wire/NAME.vec, format in vectors/README.md): every vector
 * decodes to exactly its listed fields and re-encodes byte-identically; every message type
 * with a layout has a vector; codec offsets agree with the packed structs of vmb/wire.h.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vmb/codec.h"
#include "vmb/wire.h"

#define MAX_FIELDS 32

struct vec {
    char type[64];
    uint32_t len;
    uint8_t bytes[256];
    uint32_t nbytes;
    char names[MAX_FIELDS][64];
    char values[MAX_FIELDS][1024];
    uint32_t nr_fields;
};

static int hexv(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

static void parse(const char *path, struct vec *v)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    memset(v, 0, sizeof(*v));
    char line[2048];
    while (fgets(line, sizeof(line), f)) {
        chomp(line);
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (!strncmp(line, "type: ", 6)) {
            snprintf(v->type, sizeof(v->type), "%s", line + 6);
        } else if (!strncmp(line, "len: ", 5)) {
            v->len = (uint32_t)strtoul(line + 5, NULL, 10);
        } else if (!strncmp(line, "hex: ", 5)) {
            for (const char *p = line + 5; p[0] && p[1]; p += 2) {
                assert_true(hexv(p[0]) >= 0 && hexv(p[1]) >= 0);
                v->bytes[v->nbytes++] = (uint8_t)(hexv(p[0]) << 4 | hexv(p[1]));
            }
        } else if (!strncmp(line, "field: ", 7)) {
            char *eq = strstr(line, " = ");
            assert_non_null(eq);
            assert_true(v->nr_fields < MAX_FIELDS);
            *eq = '\0';
            snprintf(v->names[v->nr_fields], 64, "%s", line + 7);
            snprintf(v->values[v->nr_fields], 1024, "%s", eq + 3);
            v->nr_fields++;
        } else {
            fail_msg("%s: unknown line '%s'", path, line);
        }
    }
    fclose(f);
}

static void check_vector(const char *path, uint32_t *seen_types)
{
    struct vec v;
    parse(path, &v);
    const struct vmb_msg_layout *l = vmb_msg_layout_by_name(v.type);
    if (!l)
        fail_msg("%s: unknown type %s", path, v.type);
    assert_int_equal(v.len, v.nbytes);
    if (l->variable)
        assert_true(v.nbytes >= l->size);
    else
        assert_int_equal(v.nbytes, l->size);
    uint32_t msgtype;
    memcpy(&msgtype, v.bytes, 4);
    assert_ptr_equal(vmb_msg_layout(msgtype), l);
    *seen_types |= 1u << msgtype;
    /* decode: exactly the listed fields, in order */
    assert_int_equal(v.nr_fields, l->nr_fields);
    char text[1024];
    for (uint32_t i = 0; i < l->nr_fields; i++) {
        assert_string_equal(v.names[i], l->fields[i].name);
        assert_int_equal(vmb_decode_field(&l->fields[i], v.bytes, v.nbytes, text, sizeof(text)),
                         0);
        if (strcmp(text, v.values[i]) != 0)
            fail_msg("%s: field %s decodes to '%s', vector says '%s'", path, v.names[i], text,
                     v.values[i]);
    }
    /* encode from the fields into a zeroed buffer: byte-identical */
    uint8_t enc[256] = { 0 };
    uint32_t len = 0;
    for (uint32_t i = 0; i < l->nr_fields; i++)
        assert_int_equal(vmb_encode_field(&l->fields[i], v.values[i], enc, sizeof(enc), &len),
                         0);
    assert_int_equal(len, v.nbytes);
    assert_memory_equal(enc, v.bytes, len);
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_vectors(void **state)
{
    DIR *d = opendir(HVSIM_VECTORS_DIR);
    assert_non_null(d);
    char *names[128];
    uint32_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 128) {
        size_t len = strlen(e->d_name);
        if (len > 4 && !strcmp(e->d_name + len - 4, ".vec"))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(names[0]), cmp);
    uint32_t seen = 0;
    for (uint32_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", HVSIM_VECTORS_DIR, names[i]);
        check_vector(path, &seen);
        free(names[i]);
    }
    for (uint32_t t = 0; t < VMB_MSG_COUNT; t++) {
        if (vmb_msg_layout(t) && !(seen & (1u << t)))
            fail_msg("no vector for message type %u", t);
    }
}

#define FIELD_AT(type, fname, member)                                                          \
    do {                                                                                       \
        const struct vmb_msg_layout *l = vmb_msg_layout(type);                                 \
        int found = 0;                                                                         \
        for (uint32_t i = 0; i < l->nr_fields; i++) {                                          \
            if (!strcmp(l->fields[i].name, fname)) {                                           \
                assert_int_equal(l->fields[i].offset, member);                                 \
                found = 1;                                                                     \
            }                                                                                  \
        }                                                                                      \
        assert_true(found);                                                                    \
    } while (0)

static void test_offsets_match_structs(void **state)
{
    FIELD_AT(VMB_MSG_OFFERCHANNEL, "child_relid", offsetof(struct vmb_msg_offer_channel,
                                                           child_relid));
    FIELD_AT(VMB_MSG_OFFERCHANNEL, "connection_id",
             offsetof(struct vmb_msg_offer_channel, connection_id));
    FIELD_AT(VMB_MSG_OFFERCHANNEL, "sub_channel_index",
             offsetof(struct vmb_msg_offer_channel, offer.sub_channel_index));
    FIELD_AT(VMB_MSG_OPENCHANNEL, "userdata", offsetof(struct vmb_msg_open_channel, userdata));
    FIELD_AT(VMB_MSG_INITIATE_CONTACT, "monitor_page2",
             offsetof(struct vmb_msg_initiate_contact, monitor_page2));
    FIELD_AT(VMB_MSG_VERSION_RESPONSE, "msg_conn_id",
             offsetof(struct vmb_msg_version_response, msg_conn_id));
    FIELD_AT(VMB_MSG_GPADL_HEADER, "pfn", sizeof(struct vmb_msg_gpadl_header) + 8);
    FIELD_AT(VMB_MSG_GPADL_BODY, "pfn", sizeof(struct vmb_msg_gpadl_body));
    FIELD_AT(VMB_MSG_TL_CONNECT_RESULT, "status",
             offsetof(struct vmb_msg_tl_connect_result, status));
}

static void test_guid_text(void **state)
{
    struct vmb_guid g;
    char out[37];
    assert_int_equal(vmb_guid_parse("f912ad6d-2b17-48ea-bd65-f927a61c7684", &g), 0);
    assert_int_equal(g.b[0], 0x6d); /* first group little-endian */
    assert_int_equal(g.b[8], 0xbd);
    vmb_guid_format(&g, out);
    assert_string_equal(out, "f912ad6d-2b17-48ea-bd65-f927a61c7684");
    assert_int_equal(vmb_guid_parse("f912ad6d-2b17-48ea-bd65-f927a61c768", &g), -1);
    assert_int_equal(vmb_guid_parse("x912ad6d-2b17-48ea-bd65-f927a61c7684", &g), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_offsets_match_structs),
        cmocka_unit_test(test_guid_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
