/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace.h - the run's trace: append-only records, a canonical text form and a running hash.
 *
 * Owns the canonical text, which is the determinism contract: same (seed, scenario, build)
 * => byte-identical text and equal hash. Records are (time_ns, seq, source, kind, ordered
 * key=value fields); seq is the trace's own counter, 1, 2, 3, ... in append order.
 *
 * Canonical text (one line per record, '\n'-terminated, ASCII only):
 *   line 1:  "# hvsim-trace v1 seed=<dec> scenario=<str> build=<str>"
 *   records: "t=<time_ns> seq=<dec> <source> <kind>" then " <key>=<value>" per field, in the
 *            order appended; time_ns is decimal zero-padded to at least 12 digits.
 *   source, kind: [A-Za-z0-9_.-]+ (asserted).  key: [a-z0-9_.]+ (asserted).
 *   values:  u64 decimal ("42"); i64 decimal with '-' if negative; hex "0x" + lowercase
 *            digits, no padding ("0x1000", "0x0"); bytes "b:" + lowercase hex pairs
 *            ("b:0a0b", "b:" when empty); strings bare if non-empty and made only of
 *            [A-Za-z0-9_.,/@+-], otherwise double-quoted with \" \\ \n \r \t and \xHH
 *            (lowercase) for other bytes outside 0x20..0x7e. A bare string never contains
 *            ':' or starts with '"', so strings and bytes never look alike.
 *   trc_text() records carry a preformatted body instead of fields: " <body>" with every byte
 *            outside 0x20..0x7e and '\\' escaped as above (so the line stays one line).
 * Hash: FNV-1a 64 over every line including its '\n', header included.
 *
 * No host pointer may ever be traced (it would break reproducibility): fields are values,
 * guest memory is named by GPA, fibers by their small ids.
 *
 * Sinks: a FILE* (borrowed) and/or an in-memory copy; with neither, only the hash and the
 * listeners are fed (the fast path). Listeners receive each structured record (valid only
 * during the call) after it is complete, in registration order.
 */
#ifndef SIM_TRACE_H
#define SIM_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct trc_trace;

enum trc_type {
    TRC_U64 = 0,
    TRC_I64,
    TRC_HEX,
    TRC_STR,
    TRC_BYTES,
};

struct trc_field {
    const char *key;
    enum trc_type type;
    union {
        uint64_t u64; /* TRC_U64, TRC_HEX */
        int64_t i64;  /* TRC_I64 */
        struct {
            const void *ptr; /* TRC_STR (NUL-terminated), TRC_BYTES */
            size_t len;
        } buf;
    } v;
};

struct trc_record {
    uint64_t time_ns;
    uint64_t seq;
    const char *source;
    const char *kind;
    const struct trc_field *fields; /* NULL for trc_text() records */
    uint32_t nr_fields;
    const char *body;  /* trc_text() body (raw, unescaped), NULL otherwise */
    const char *line;  /* canonical line incl. '\n' */
    size_t line_len;
};

typedef void (*trc_listener_fn)(void *ctx, const struct trc_record *rec);

#define TRC_MAX_LISTENERS 8

/* New trace reading time from *clock_ns (non-NULL, borrowed). file may be NULL; memory keeps
 * the text for trc_memory(). Allocation failure is an assertion. */
struct trc_trace *trc_new(const uint64_t *clock_ns, FILE *file, bool memory);
void trc_free(struct trc_trace *t);
/* Write the header line; must be the first line, exactly once. NULL ids print as "-". */
void trc_header(struct trc_trace *t, uint64_t seed, const char *scenario_id,
                const char *build_id);

/* Start a record at the current virtual time. source/kind are copied. */
void trc_begin(struct trc_trace *t, const char *source, const char *kind);
void trc_u64(struct trc_trace *t, const char *key, uint64_t v);
void trc_i64(struct trc_trace *t, const char *key, int64_t v);
void trc_hex(struct trc_trace *t, const char *key, uint64_t v);
void trc_str(struct trc_trace *t, const char *key, const char *s);
void trc_bytes(struct trc_trace *t, const char *key, const void *p, size_t len);
/* Finish the record: emit to sinks, hash, listeners. Returns its seq. */
uint64_t trc_end(struct trc_trace *t);
/* A whole record with a preformatted "key=value ..." body (may be empty). Returns its seq. */
uint64_t trc_text(struct trc_trace *t, const char *source, const char *kind, const char *body);

/* Register a listener (called for every later record). Returns 0, or -1 if full. */
int trc_add_listener(struct trc_trace *t, trc_listener_fn fn, void *ctx);

/* Running FNV-1a 64 of the text so far. */
uint64_t trc_hash(const struct trc_trace *t);
/* Records appended so far (header excluded) = seq of the last record. */
uint64_t trc_records(const struct trc_trace *t);
/* In-memory text (NUL-terminated) and its length, or NULL if the memory sink is off. */
const char *trc_memory(const struct trc_trace *t, size_t *len);

/* FNV-1a 64 continuing from h over len bytes (h = TRC_FNV_OFFSET to start). */
#define TRC_FNV_OFFSET 0xcbf29ce484222325ull
uint64_t trc_fnv1a64(uint64_t h, const void *p, size_t len);

#endif /* SIM_TRACE_H */
