/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * yaml_tree.c - libyaml event stream -> scn_tree, strictly.
 *
 * Invariants: every node and string is allocated from the tree's arena (one free for the
 * whole tree); a node's line/col is the libyaml start mark + 1; the builder keeps an
 * explicit stack (depth <= SCN_MAX_DEPTH) so hostile nesting cannot exhaust the C stack.
 */
#include "scn/yaml_tree.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ---- arena ---- */

struct scn_arena_block {
    struct scn_arena_block *next;
    size_t used, size;
    unsigned char data[];
};

static void *arena_alloc(void **arena, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    struct scn_arena_block *b = *arena;
    if (!b || b->size - b->used < n) {
        size_t size = n > 65536 ? n : 65536;
        struct scn_arena_block *nb = malloc(sizeof(*nb) + size);
        if (!nb)
            return NULL;
        nb->next = b;
        nb->used = 0;
        nb->size = size;
        *arena = nb;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

static void arena_free(void *arena)
{
    struct scn_arena_block *b = arena;
    while (b) {
        struct scn_arena_block *next = b->next;
        free(b);
        b = next;
    }
}

static char *arena_strdup(void **arena, const char *s, size_t len)
{
    char *p = arena_alloc(arena, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

/* ---- errors ---- */

const char *scn_error_format(const struct scn_error *err, char *buf, size_t len)
{
    if (err->line)
        snprintf(buf, len, "%s:%u:%u: error: %s", err->file, err->line, err->col, err->msg);
    else
        snprintf(buf, len, "%s: error: %s", err->file, err->msg);
    return buf;
}

static int set_error(struct scn_error *err, const char *file, unsigned line, unsigned col,
                     const char *fmt, va_list ap)
{
    snprintf(err->file, sizeof(err->file), "%s", file);
    err->line = line;
    err->col = col;
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    return -1;
}

static int error_at(struct scn_error *err, const char *file, unsigned line, unsigned col,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int error_at(struct scn_error *err, const char *file, unsigned line, unsigned col,
                    const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_error(err, file, line, col, fmt, ap);
    va_end(ap);
    return -1;
}

int scn_node_error(struct scn_error *err, const char *file, const struct scn_node *node,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_error(err, file, node ? node->line : 0, node ? node->col : 0, fmt, ap);
    va_end(ap);
    return -1;
}

/* ---- builder ---- */

/* A node under construction: children are gathered in a growable array, then copied into
 * the arena when the collection ends. */
struct frame {
    struct scn_node *node;
    struct scn_map_entry *entries; /* MAP: malloc'ed while open */
    struct scn_node **items;       /* SEQ */
    size_t count, cap;
    /* MAP: a key scalar waiting for its value */
    const char *pending_key;
    unsigned pending_line, pending_col;
    int have_key;
};

struct builder {
    struct scn_tree *tree;
    struct scn_error *err;
    struct frame stack[SCN_MAX_DEPTH + 1];
    int depth; /* number of open collections */
    size_t nodes;
};

static int frame_push_child(struct builder *b, struct frame *f, struct scn_node *child)
{
    if (f->count == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        if (f->node->kind == SCN_NODE_MAP) {
            void *p = realloc(f->entries, cap * sizeof(*f->entries));
            if (!p)
                return error_at(b->err, b->tree->file, 0, 0, "out of memory");
            f->entries = p;
        } else {
            void *p = realloc(f->items, cap * sizeof(*f->items));
            if (!p)
                return error_at(b->err, b->tree->file, 0, 0, "out of memory");
            f->items = p;
        }
        f->cap = cap;
    }
    if (f->node->kind == SCN_NODE_SEQ) {
        f->items[f->count++] = child;
        return 0;
    }
    if (!f->have_key) {
        if (child->kind != SCN_NODE_SCALAR)
            return error_at(b->err, b->tree->file, child->line, child->col,
                            "mapping keys must be plain scalars");
        for (size_t i = 0; i < f->count; i++) {
            if (!strcmp(f->entries[i].key, child->scalar))
                return error_at(b->err, b->tree->file, child->line, child->col,
                                "duplicate key '%s' (first at line %u)", child->scalar,
                                f->entries[i].key_line);
        }
        f->pending_key = child->scalar;
        f->pending_line = child->line;
        f->pending_col = child->col;
        f->have_key = 1;
        return 0;
    }
    f->entries[f->count].key = f->pending_key;
    f->entries[f->count].key_line = f->pending_line;
    f->entries[f->count].key_col = f->pending_col;
    f->entries[f->count].value = child;
    f->count++;
    f->have_key = 0;
    return 0;
}

static struct scn_node *new_node(struct builder *b, enum scn_node_kind kind,
                                 const yaml_mark_t *mark)
{
    if (++b->nodes > SCN_MAX_NODES) {
        error_at(b->err, b->tree->file, mark->line + 1, mark->column + 1,
                 "document has more than %d nodes", SCN_MAX_NODES);
        return NULL;
    }
    struct scn_node *n = arena_alloc(&b->tree->arena, sizeof(*n));
    if (!n) {
        error_at(b->err, b->tree->file, 0, 0, "out of memory");
        return NULL;
    }
    n->kind = kind;
    n->line = (unsigned)mark->line + 1;
    n->col = (unsigned)mark->column + 1;
    return n;
}

/* Attach a finished node to its parent (or make it the root). */
static int attach(struct builder *b, struct scn_node *n)
{
    if (b->depth == 0) {
        b->tree->root = n;
        return 0;
    }
    return frame_push_child(b, &b->stack[b->depth - 1], n);
}

static int check_anchor_tag(struct builder *b, const yaml_mark_t *m, const yaml_char_t *anchor,
                            const yaml_char_t *tag)
{
    if (anchor)
        return error_at(b->err, b->tree->file, m->line + 1, m->column + 1,
                        "anchors (&%s) are not allowed in scenarios", (const char *)anchor);
    if (tag && strncmp((const char *)tag, "tag:yaml.org,2002:", 18))
        return error_at(b->err, b->tree->file, m->line + 1, m->column + 1,
                        "tag '%s' is not allowed in scenarios", (const char *)tag);
    return 0;
}

static int on_scalar(struct builder *b, const yaml_event_t *ev)
{
    const yaml_mark_t *m = &ev->start_mark;
    if (check_anchor_tag(b, m, ev->data.scalar.anchor, ev->data.scalar.tag))
        return -1;
    struct scn_node *n = new_node(b, SCN_NODE_SCALAR, m);
    if (!n)
        return -1;
    n->scalar = arena_strdup(&b->tree->arena, (const char *)ev->data.scalar.value,
                             ev->data.scalar.length);
    if (!n->scalar)
        return error_at(b->err, b->tree->file, 0, 0, "out of memory");
    if (strlen(n->scalar) != ev->data.scalar.length)
        return error_at(b->err, b->tree->file, n->line, n->col, "NUL byte inside a scalar");
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return attach(b, n);
}

static int on_start(struct builder *b, const yaml_event_t *ev, enum scn_node_kind kind)
{
    const yaml_mark_t *m = &ev->start_mark;
    const yaml_char_t *anchor =
        kind == SCN_NODE_MAP ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    const yaml_char_t *tag =
        kind == SCN_NODE_MAP ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
    if (check_anchor_tag(b, m, anchor, tag))
        return -1;
    if (b->depth >= SCN_MAX_DEPTH)
        return error_at(b->err, b->tree->file, m->line + 1, m->column + 1,
                        "nesting deeper than %d levels", SCN_MAX_DEPTH);
    struct scn_node *n = new_node(b, kind, m);
    if (!n)
        return -1;
    struct frame *f = &b->stack[b->depth++];
    memset(f, 0, sizeof(*f));
    f->node = n;
    return 0;
}

static int on_end(struct builder *b, const yaml_event_t *ev)
{
    if (b->depth <= 0)
        return error_at(b->err, b->tree->file, ev->start_mark.line + 1,
                        ev->start_mark.column + 1, "unbalanced collection end");
    struct frame *f = &b->stack[--b->depth];
    struct scn_node *n = f->node;
    n->count = f->count;
    if (n->kind == SCN_NODE_MAP && f->count) {
        n->entries = arena_alloc(&b->tree->arena, f->count * sizeof(*n->entries));
        if (n->entries)
            memcpy(n->entries, f->entries, f->count * sizeof(*n->entries));
    } else if (n->kind == SCN_NODE_SEQ && f->count) {
        n->items = arena_alloc(&b->tree->arena, f->count * sizeof(*n->items));
        if (n->items)
            memcpy(n->items, f->items, f->count * sizeof(*n->items));
    }
    free(f->entries);
    free(f->items);
    f->entries = NULL;
    f->items = NULL;
    if (f->count && !n->entries && !n->items)
        return error_at(b->err, b->tree->file, 0, 0, "out of memory");
    return attach(b, n);
}

static void builder_cleanup(struct builder *b)
{
    while (b->depth > 0) {
        struct frame *f = &b->stack[--b->depth];
        free(f->entries);
        free(f->items);
    }
}

static int read_file(const char *path, unsigned char **data, size_t *len, struct scn_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_at(err, path, 0, 0, "cannot open: %s", strerror(errno));
    unsigned char *buf = malloc(SCN_MAX_FILE_BYTES + 1);
    if (!buf) {
        fclose(f);
        return error_at(err, path, 0, 0, "out of memory");
    }
    size_t n = fread(buf, 1, SCN_MAX_FILE_BYTES + 1, f);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return error_at(err, path, 0, 0, "read error");
    }
    if (n > SCN_MAX_FILE_BYTES) {
        free(buf);
        return error_at(err, path, 0, 0, "file larger than %u bytes", SCN_MAX_FILE_BYTES);
    }
    *data = buf;
    *len = n;
    return 0;
}

static int handle_event(struct builder *b, const yaml_event_t *ev, int *docs)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return on_scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_start(b, ev, SCN_NODE_SEQ);
    case YAML_MAPPING_START_EVENT:
        return on_start(b, ev, SCN_NODE_MAP);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return on_end(b, ev);
    case YAML_ALIAS_EVENT:
        return error_at(b->err, b->tree->file, ev->start_mark.line + 1,
                        ev->start_mark.column + 1, "aliases (*%s) are not allowed in scenarios",
                        (const char *)ev->data.alias.anchor);
    case YAML_DOCUMENT_START_EVENT:
        if (++*docs > 1)
            return error_at(b->err, b->tree->file, ev->start_mark.line + 1,
                            ev->start_mark.column + 1, "only one YAML document per file");
        return 0;
    default:
        return 0;
    }
}

int scn_tree_load(const char *path, struct scn_tree *out, struct scn_error *err)
{
    memset(out, 0, sizeof(*out));
    memset(err, 0, sizeof(*err));
    snprintf(out->file, sizeof(out->file), "%s", path);
    unsigned char *data = NULL;
    size_t len = 0;
    if (read_file(path, &data, &len, err))
        return -1;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        free(data);
        return error_at(err, path, 0, 0, "cannot initialise the YAML parser");
    }
    yaml_parser_set_input_string(&parser, data, len);
    struct builder b = {.tree = out, .err = err};
    int docs = 0, rc = 0, done = 0;
    while (!done && rc == 0) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = error_at(err, path, (unsigned)parser.problem_mark.line + 1,
                          (unsigned)parser.problem_mark.column + 1, "YAML syntax: %s%s%s",
                          parser.problem ? parser.problem : "parse error",
                          parser.context ? " " : "", parser.context ? parser.context : "");
            break;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        rc = handle_event(&b, &ev, &docs);
        yaml_event_delete(&ev);
    }
    builder_cleanup(&b);
    yaml_parser_delete(&parser);
    free(data);
    if (rc) {
        scn_tree_free(out);
        return -1;
    }
    return 0;
}

void scn_tree_free(struct scn_tree *tree)
{
    arena_free(tree->arena);
    tree->arena = NULL;
    tree->root = NULL;
}
