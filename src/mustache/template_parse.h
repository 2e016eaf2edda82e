/* template_parse.h - internal to the template engine: the compiled form of
 * one Mustache source (the main template, a partial or a parent) and the
 * parser that builds it. Only template.c uses this header.
 *
 * The parser applies every standalone-line rule and the block indentation
 * rules once, at compile time, so rendering is a plain walk of the tree.
 *
 * Ownership: tpl_parse allocates a tpl_unit whose nodes and strings all live
 * in the unit's arena; tpl_unit_free releases everything at once.
 */
#ifndef BL_TEMPLATE_PARSE_H
#define BL_TEMPLATE_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"

typedef enum tpl_kind {
    TPL_TEXT,     /* literal text */
    TPL_VAR,      /* {{name}}: HTML-escaped */
    TPL_RAW,      /* {{{name}}} and {{&name}} */
    TPL_SECTION,  /* {{#name}}...{{/name}} */
    TPL_INVERTED, /* {{^name}}...{{/name}} */
    TPL_PARTIAL,  /* {{>name}} */
    TPL_PARENT,   /* {{<name}}...{{/name}}: kids are the overriding blocks */
    TPL_BLOCK     /* {{$name}}...{{/name}}: kids are the default content */
} tpl_kind;

typedef struct tpl_node {
    tpl_kind kind;
    bool starts_line; /* TEXT: begins at the start of a source line */
    bool relative;    /* BLOCK: content had its own indentation removed */
    int line, col;    /* of the tag, for render-time errors */
    const char *text; /* TEXT: the text; other kinds: the tag's name */
    size_t len;
    /* VAR, RAW, SECTION, INVERTED: the name split at dots; npath == 0 is
     * the implicit iterator "." */
    const char **path;
    uint32_t *hash; /* tpl_name_hash of each part of path */
    size_t npath;
    /* PARTIAL, PARENT: indentation of a standalone tag; BLOCK: indentation
     * added to each line of whatever content the block expands to. */
    const char *indent;
    size_t indent_len;
    struct tpl_node *kids;
    size_t nkids;
} tpl_node;

typedef struct tpl_unit {
    bl_arena *arena;
    const char *origin; /* name used in error messages */
    tpl_node *kids;
    size_t nkids;
} tpl_unit;

/* Parses text (named origin in messages). On success sets *out; on a syntax
 * error returns BL_ETEMPLATE with err pointing at origin:line:col. */
int tpl_parse(const char *origin, const char *text, tpl_unit **out,
              bl_error *err);
void tpl_unit_free(tpl_unit *u);

/* 1-based line and column (in UTF-8 characters) of byte offset off. */
void tpl_position(const char *text, size_t off, int *line, int *col);

#endif
