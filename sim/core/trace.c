/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace.c - canonical trace text, hash, sinks and listeners; see sim/trace.h.
 *
 * Owns three growable buffers reused for every record: the line being built, an arena with
 * copies of source/kind/keys/values (only when listeners exist, so the hash-only path does no
 * copying) and the field array. Invariant: between trc_begin() and trc_end() `open` is true
 * and no other record may start. Arena references are kept as offsets while building (the
 * arena may move) and turned into pointers just before listeners are called.
 */
#include "sim/trace.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

struct buf {
    char *p;
    size_t len;
    size_t cap;
};

struct listener {
    trc_listener_fn fn;
    void *ctx;
};

struct trc_trace {
    const uint64_t *clock_ns;
    FILE *file;
    bool memory;
    bool header_done;
    bool open;
    uint64_t hash;
    uint64_t seq;
    uint64_t time_ns; /* of the open record */
    struct buf line;
    struct buf mem;
    struct buf arena;
    struct trc_field *fields;
    uint32_t nr_fields;
    uint32_t cap_fields;
    size_t src_off, kind_off, body_off;
    bool has_body;
    struct listener listeners[TRC_MAX_LISTENERS];
    uint32_t nr_listeners;
};

static const char hexdig[] = "0123456789abcdef";

/* ---- buffers ---- */

static void buf_reserve(struct buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra)
        cap *= 2;
    char *p = realloc(b->p, cap);
    assert(p != NULL);
    b->p = p;
    b->cap = cap;
}

static inline void buf_putc(struct buf *b, char c)
{
    buf_reserve(b, 1);
    b->p[b->len++] = c;
}

static void buf_put(struct buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

static void buf_puts(struct buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

/* Decimal, zero-padded to at least min_digits. */
static void buf_dec(struct buf *b, uint64_t v, int min_digits)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < min_digits)
        tmp[n++] = '0';
    buf_reserve(b, (size_t)n);
    while (n)
        b->p[b->len++] = tmp[--n];
}

static void buf_hex(struct buf *b, uint64_t v)
{
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = hexdig[v & 15];
        v >>= 4;
    } while (v);
    buf_reserve(b, (size_t)n + 2);
    b->p[b->len++] = '0';
    b->p[b->len++] = 'x';
    while (n)
        b->p[b->len++] = tmp[--n];
}

/* ---- escaping ---- */

static bool bare_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == ',' || c == '/' || c == '@' || c == '+' || c == '-';
}

static void put_escaped_byte(struct buf *b, unsigned char c, bool quote)
{
    switch (c) {
    case '\\': buf_put(b, "\\\\", 2); return;
    case '\n': buf_put(b, "\\n", 2); return;
    case '\r': buf_put(b, "\\r", 2); return;
    case '\t': buf_put(b, "\\t", 2); return;
    case '"':
        if (quote) {
            buf_put(b, "\\\"", 2);
            return;
        }
        break;
    default:
        break;
    }
    if (c < 0x20 || c > 0x7e) {
        char esc[4] = { '\\', 'x', hexdig[c >> 4], hexdig[c & 15] };
        buf_put(b, esc, 4);
        return;
    }
    buf_putc(b, (char)c);
}

static void put_string_value(struct buf *b, const char *s)
{
    size_t n = strlen(s);
    bool bare = n > 0;
    for (size_t i = 0; bare && i < n; i++)
        bare = bare_char((unsigned char)s[i]);
    if (bare) {
        buf_put(b, s, n);
        return;
    }
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++)
        put_escaped_byte(b, (unsigned char)s[i], true);
    buf_putc(b, '"');
}

static bool valid_name(const char *s, bool key)
{
    if (s == NULL || *s == '\0')
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.';
        if (!key)
            ok = ok || (*p >= 'A' && *p <= 'Z') || *p == '-';
        if (!ok)
            return false;
    }
    return true;
}

/* ---- life cycle ---- */

uint64_t trc_fnv1a64(uint64_t h, const void *p, size_t len)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < len; i++) {
        h ^= c[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

struct trc_trace *trc_new(const uint64_t *clock_ns, FILE *file, bool memory)
{
    assert(clock_ns != NULL);
    struct trc_trace *t = calloc(1, sizeof(*t));
    assert(t != NULL);
    t->clock_ns = clock_ns;
    t->file = file;
    t->memory = memory;
    t->hash = TRC_FNV_OFFSET;
    buf_reserve(&t->line, 256);
    if (memory) {
        buf_reserve(&t->mem, 4096);
        t->mem.p[0] = '\0';
    }
    return t;
}

void trc_free(struct trc_trace *t)
{
    if (t == NULL)
        return;
    free(t->line.p);
    free(t->mem.p);
    free(t->arena.p);
    free(t->fields);
    free(t);
}

/* Hash the finished line and hand it to the sinks. */
static void emit_line(struct trc_trace *t)
{
    assert(t->line.len > 0 && t->line.p[t->line.len - 1] == '\n');
    t->hash = trc_fnv1a64(t->hash, t->line.p, t->line.len);
    if (t->file)
        fwrite(t->line.p, 1, t->line.len, t->file);
    if (t->memory) {
        buf_put(&t->mem, t->line.p, t->line.len);
        buf_reserve(&t->mem, 1);
        t->mem.p[t->mem.len] = '\0';
    }
}

void trc_header(struct trc_trace *t, uint64_t seed, const char *scenario_id,
                const char *build_id)
{
    assert(!t->header_done && t->seq == 0 && !t->open);
    t->line.len = 0;
    buf_puts(&t->line, "# hvsim-trace v1 seed=");
    buf_dec(&t->line, seed, 1);
    buf_puts(&t->line, " scenario=");
    put_string_value(&t->line, scenario_id ? scenario_id : "-");
    buf_puts(&t->line, " build=");
    put_string_value(&t->line, build_id ? build_id : "-");
    buf_putc(&t->line, '\n');
    emit_line(t);
    t->header_done = true;
}

int trc_add_listener(struct trc_trace *t, trc_listener_fn fn, void *ctx)
{
    assert(fn != NULL && !t->open);
    if (t->nr_listeners == TRC_MAX_LISTENERS)
        return -1;
    t->listeners[t->nr_listeners++] = (struct listener){ fn, ctx };
    return 0;
}

uint64_t trc_hash(const struct trc_trace *t)
{
    return t->hash;
}

uint64_t trc_records(const struct trc_trace *t)
{
    return t->seq;
}

const char *trc_memory(const struct trc_trace *t, size_t *len)
{
    if (!t->memory)
        return NULL;
    if (len)
        *len = t->mem.len;
    return t->mem.p;
}

/* ---- records ---- */

static size_t arena_put(struct trc_trace *t, const void *p, size_t n, bool nul)
{
    size_t off = t->arena.len;
    buf_put(&t->arena, p, n);
    if (nul)
        buf_putc(&t->arena, '\0');
    return off;
}

void trc_begin(struct trc_trace *t, const char *source, const char *kind)
{
    assert(t->header_done && !t->open);
    assert(valid_name(source, false) && valid_name(kind, false));
    t->open = true;
    t->has_body = false;
    t->nr_fields = 0;
    t->arena.len = 0;
    t->time_ns = *t->clock_ns;
    t->line.len = 0;
    buf_put(&t->line, "t=", 2);
    buf_dec(&t->line, t->time_ns, 12);
    buf_put(&t->line, " seq=", 5);
    buf_dec(&t->line, t->seq + 1, 1);
    buf_putc(&t->line, ' ');
    buf_puts(&t->line, source);
    buf_putc(&t->line, ' ');
    buf_puts(&t->line, kind);
    if (t->nr_listeners) {
        t->src_off = arena_put(t, source, strlen(source), true);
        t->kind_off = arena_put(t, kind, strlen(kind), true);
    }
}

/* Start " key=" and, with listeners, a field entry (key as arena offset). */
static struct trc_field *field_start(struct trc_trace *t, const char *key, enum trc_type type)
{
    assert(t->open && !t->has_body);
    assert(valid_name(key, true));
    buf_putc(&t->line, ' ');
    buf_puts(&t->line, key);
    buf_putc(&t->line, '=');
    if (t->nr_listeners == 0)
        return NULL;
    if (t->nr_fields == t->cap_fields) {
        uint32_t cap = t->cap_fields ? t->cap_fields * 2 : 16;
        struct trc_field *f = realloc(t->fields, cap * sizeof(*f));
        assert(f != NULL);
        t->fields = f;
        t->cap_fields = cap;
    }
    struct trc_field *f = &t->fields[t->nr_fields++];
    f->key = (const char *)(uintptr_t)arena_put(t, key, strlen(key), true);
    f->type = type;
    return f;
}

void trc_u64(struct trc_trace *t, const char *key, uint64_t v)
{
    struct trc_field *f = field_start(t, key, TRC_U64);
    buf_dec(&t->line, v, 1);
    if (f)
        f->v.u64 = v;
}

void trc_i64(struct trc_trace *t, const char *key, int64_t v)
{
    struct trc_field *f = field_start(t, key, TRC_I64);
    if (v < 0)
        buf_putc(&t->line, '-');
    buf_dec(&t->line, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, 1);
    if (f)
        f->v.i64 = v;
}

void trc_hex(struct trc_trace *t, const char *key, uint64_t v)
{
    struct trc_field *f = field_start(t, key, TRC_HEX);
    buf_hex(&t->line, v);
    if (f)
        f->v.u64 = v;
}

void trc_str(struct trc_trace *t, const char *key, const char *s)
{
    assert(s != NULL);
    struct trc_field *f = field_start(t, key, TRC_STR);
    put_string_value(&t->line, s);
    if (f) {
        f->v.buf.len = strlen(s);
        f->v.buf.ptr = (const void *)(uintptr_t)arena_put(t, s, f->v.buf.len, true);
    }
}

void trc_bytes(struct trc_trace *t, const char *key, const void *p, size_t len)
{
    assert(p != NULL || len == 0);
    struct trc_field *f = field_start(t, key, TRC_BYTES);
    const unsigned char *c = p;
    buf_reserve(&t->line, 2 + 2 * len);
    t->line.p[t->line.len++] = 'b';
    t->line.p[t->line.len++] = ':';
    for (size_t i = 0; i < len; i++) {
        t->line.p[t->line.len++] = hexdig[c[i] >> 4];
        t->line.p[t->line.len++] = hexdig[c[i] & 15];
    }
    if (f) {
        f->v.buf.len = len;
        f->v.buf.ptr = (const void *)(uintptr_t)(len ? arena_put(t, p, len, false) : 0);
    }
}

static void notify(struct trc_trace *t)
{
    const char *a = t->arena.p;
    for (uint32_t i = 0; i < t->nr_fields; i++) {
        struct trc_field *f = &t->fields[i];
        f->key = a + (uintptr_t)f->key;
        if (f->type == TRC_STR || f->type == TRC_BYTES)
            f->v.buf.ptr = a + (uintptr_t)f->v.buf.ptr;
    }
    struct trc_record rec = {
        .time_ns = t->time_ns,
        .seq = t->seq,
        .source = a + t->src_off,
        .kind = a + t->kind_off,
        .fields = t->has_body ? NULL : t->fields,
        .nr_fields = t->nr_fields,
        .body = t->has_body ? a + t->body_off : NULL,
        .line = t->line.p,
        .line_len = t->line.len,
    };
    for (uint32_t i = 0; i < t->nr_listeners; i++)
        t->listeners[i].fn(t->listeners[i].ctx, &rec);
}

uint64_t trc_end(struct trc_trace *t)
{
    assert(t->open);
    assert(*t->clock_ns == t->time_ns); /* a record does not span a clock change */
    buf_putc(&t->line, '\n');
    t->seq++;
    emit_line(t);
    t->open = false;
    if (t->nr_listeners)
        notify(t);
    return t->seq;
}

uint64_t trc_text(struct trc_trace *t, const char *source, const char *kind, const char *body)
{
    assert(body != NULL);
    trc_begin(t, source, kind);
    t->has_body = true;
    if (*body) {
        buf_putc(&t->line, ' ');
        for (const unsigned char *p = (const unsigned char *)body; *p; p++) {
            if (*p >= 0x20 && *p <= 0x7e && *p != '\\')
                buf_putc(&t->line, (char)*p);
            else
                put_escaped_byte(&t->line, *p, false);
        }
    }
    if (t->nr_listeners)
        t->body_off = arena_put(t, body, strlen(body), true);
    return trc_end(t);
}
