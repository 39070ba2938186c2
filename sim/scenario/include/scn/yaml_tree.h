/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * yaml_tree.h - a strict, bounded YAML document tree built on libyaml.
 *
 * The loader turns one YAML file into a tree of scalars, mappings and sequences, each node
 * carrying its 1-based line and column. It refuses what a scenario must never contain:
 * anchors and aliases, tags other than the core ones, duplicate mapping keys, non-scalar
 * mapping keys, more than one document, nesting deeper than SCN_MAX_DEPTH, more than
 * SCN_MAX_NODES nodes, files over SCN_MAX_FILE_BYTES. Every refusal is an scn_error with
 * file:line:col. Ownership: scn_tree_load() returns a tree the caller frees with
 * scn_tree_free(); nodes live as long as the tree.
 */
#ifndef SCN_YAML_TREE_H
#define SCN_YAML_TREE_H

#include <stddef.h>

#define SCN_MAX_DEPTH 16
#define SCN_MAX_NODES 100000
#define SCN_MAX_FILE_BYTES (1u << 20)

struct scn_error {
    char file[512];
    unsigned line; /* 1-based; 0 when the error concerns the whole file */
    unsigned col;  /* 1-based */
    char msg[256];
};

/* Format "file:line:col: error: msg" (or "file: error: msg") into buf; returns buf. */
const char *scn_error_format(const struct scn_error *err, char *buf, size_t len);

enum scn_node_kind { SCN_NODE_SCALAR, SCN_NODE_MAP, SCN_NODE_SEQ };

struct scn_node;

struct scn_map_entry {
    const char *key;
    unsigned key_line, key_col;
    struct scn_node *value;
};

struct scn_node {
    enum scn_node_kind kind;
    unsigned line, col;
    /* SCALAR */
    const char *scalar;
    int plain; /* 1 if the scalar was unquoted (so "null"/"true" mean something) */
    /* MAP and SEQ */
    size_t count;
    struct scn_map_entry *entries; /* MAP: count entries, in document order */
    struct scn_node **items;       /* SEQ: count items */
};

struct scn_tree {
    char file[512];
    struct scn_node *root; /* NULL for an empty document */
    void *arena;           /* private: every node and string of the tree */
};

/* Returns 0 and fills *out, or -1 and fills *err (out is then left empty). */
int scn_tree_load(const char *path, struct scn_tree *out, struct scn_error *err);
void scn_tree_free(struct scn_tree *tree);

/* Set *err to "file:node's position: msg" (printf-style); returns -1 for convenience. */
int scn_node_error(struct scn_error *err, const char *file, const struct scn_node *node,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
