/* template_parse.c - Mustache source -> node tree; see template_parse.h.
 *
 * One pass over the source. Each tag is classified, then the standalone
 * rules decide whether the whitespace around it belongs to the tag (and is
 * dropped) or to the text. Parents and blocks follow the inheritance spec:
 * a parent pair is standalone when its opening tag starts a line and its
 * closing tag ends one; a block whose opening tag ends its line has its
 * content's own indentation removed here and re-added where it expands.
 */
#include "template_parse.h"
#include "alloc.h"
#include "template_index.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NESTING 100

typedef struct frame {
    tpl_node node;        /* the open tag: kind, name, position */
    size_t tag_start;     /* its offset, for "unclosed" errors */
    tpl_node *items;      /* content so far (malloc'd) */
    size_t n, cap;
    bool left_ok;         /* only whitespace before the open tag */
    size_t lead, lead_end; /* that whitespace */
    size_t content_start; /* where the content begins */
} frame;

typedef struct parser {
    const char *src; /* the arena's copy of the text */
    size_t len;
    const char *origin;
    bl_arena *arena;
    const char *otag, *ctag; /* current delimiters */
    size_t olen, clen;
    frame frames[MAX_NESTING + 1]; /* frames[0] is the whole template */
    size_t depth;
    size_t pos, text_start;
    size_t seen;       /* tags come in order: count each byte once */
    int seen_line, seen_col; /* position of offset seen */
    size_t scanned, scan_line_start; /* line start of offset scanned */
    bool scan_blank;  /* only blanks from scan_line_start to scanned */
    bl_error *err;
} parser;

void tpl_position(const char *text, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off && text[i]; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* Line and column of a tag at off, counting forward from the previous
 * tag's position: tags come in order (off is never before the previous
 * tag), so the whole parse reads each byte once (a line of 200k tags is
 * not recounted from its start per tag). */
static void where(parser *p, size_t off, int *line, int *col)
{
    for (size_t i = p->seen; i < off; i++) { /* off <= len: no NUL before */
        if (p->src[i] == '\n') {
            p->seen_line++;
            p->seen_col = 1;
        } else if (((unsigned char)p->src[i] & 0xC0) != 0x80) {
            p->seen_col++;
        }
    }
    p->seen = off;
    *line = p->seen_line;
    *col = p->seen_col;
}

static int fail_at(parser *p, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_at(parser *p, size_t off, const char *fmt, ...)
{
    int line, col;
    tpl_position(p->src, off, &line, &col);
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return bl_error_set_at(p->err, BL_ETEMPLATE, p->origin, line, col, "%s",
                           msg);
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Offset of needle (or of the byte `lead` directly followed by needle) at
 * or after from, or (size_t)-1. */
static size_t find(const parser *p, size_t from, char lead, const char *needle,
                   size_t nlen)
{
    char first = lead ? lead : needle[0];
    size_t extra = lead ? 1 : 0;
    size_t i = from;
    while (i + extra + nlen <= p->len) {
        const char *hit = memchr(p->src + i, first, p->len - i);
        if (!hit)
            break;
        i = (size_t)(hit - p->src);
        if (i + extra + nlen > p->len)
            break;
        if (memcmp(p->src + i + extra, needle, nlen) == 0)
            return i;
        i++;
    }
    return (size_t)-1;
}

static frame *top(parser *p) { return &p->frames[p->depth]; }

static void add(parser *p, const tpl_node *n)
{
    frame *f = top(p);
    /* A parent's body only passes blocks; anything else in it is ignored. */
    if (f->node.kind == TPL_PARENT && n->kind != TPL_BLOCK)
        return;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 8;
        f->items = bl_realloc(f->items, f->cap * sizeof *f->items);
    }
    f->items[f->n++] = *n;
}

static void add_text(parser *p, size_t a, size_t b)
{
    if (a >= b)
        return;
    tpl_node n = {0};
    n.kind = TPL_TEXT;
    n.text = p->src + a;
    n.len = b - a;
    n.starts_line = a == 0 || p->src[a - 1] == '\n';
    add(p, &n);
}

/* Trimmed tag content [a, b) -> a name without inner whitespace. */
static int take_name(parser *p, size_t tag, size_t a, size_t b,
                     const char **name, size_t *len)
{
    while (a < b && is_space(p->src[a]))
        a++;
    while (b > a && is_space(p->src[b - 1]))
        b--;
    if (a == b)
        return fail_at(p, tag, "empty tag name");
    for (size_t i = a; i < b; i++) {
        if (is_space(p->src[i])) {
            char *s = bl_arena_strndup(p->arena, p->src + a, b - a);
            return fail_at(p, tag, "bad tag name '%s'", s);
        }
    }
    *name = p->src + a;
    *len = b - a;
    return BL_OK;
}

/* "a.b.c" -> {"a","b","c"}; "." -> no parts. */
static int split_path(parser *p, size_t tag, tpl_node *n)
{
    if (n->len == 1 && n->text[0] == '.')
        return BL_OK;
    size_t parts = 1;
    for (size_t i = 0; i < n->len; i++)
        parts += n->text[i] == '.';
    n->path = bl_arena_alloc(p->arena, parts * sizeof *n->path);
    n->hash = bl_arena_alloc(p->arena, parts * sizeof *n->hash);
    size_t start = 0;
    for (size_t i = 0; i <= n->len; i++) {
        if (i < n->len && n->text[i] != '.')
            continue;
        if (i == start) {
            char *s = bl_arena_strndup(p->arena, n->text, n->len);
            return fail_at(p, tag, "bad name '%s'", s);
        }
        n->hash[n->npath] = tpl_name_hash(n->text + start, i - start);
        n->path[n->npath++] = bl_arena_strndup(p->arena, n->text + start,
                                               i - start);
        start = i + 1;
    }
    return BL_OK;
}

static int set_delimiters(parser *p, size_t tag, size_t a, size_t b)
{
    while (a < b && is_space(p->src[a]))
        a++;
    while (b > a && is_space(p->src[b - 1]))
        b--;
    size_t o_end = a;
    while (o_end < b && !is_space(p->src[o_end]))
        o_end++;
    size_t c = o_end;
    while (c < b && is_space(p->src[c]))
        c++;
    bool ok = a < o_end && c < b;
    for (size_t i = c; ok && i < b; i++)
        ok = !is_space(p->src[i]);
    if (!ok) {
        char *s = bl_arena_strndup(p->arena, p->src + a, b - a);
        return fail_at(p, tag,
                       "bad set-delimiter tag '%s': expected two delimiters "
                       "separated by a space, as in {{=<%% %%>=}}",
                       s);
    }
    p->otag = p->src + a;
    p->olen = o_end - a;
    p->ctag = p->src + c;
    p->clen = b - c;
    return BL_OK;
}

/* Removes the indentation x from the start of every source line of a
 * block's content (text lines and the indentation of standalone tags),
 * so the block can be re-indented where it expands. */
static void strip_indent(bl_arena *a, tpl_node *nodes, size_t n,
                         const char *x, size_t xlen);

static void strip_prefix(const char **s, size_t *len, const char *x,
                         size_t xlen)
{
    size_t k = 0;
    while (k < xlen && k < *len && (*s)[k] == x[k])
        k++;
    if (k == 0)
        return; /* *s may be NULL (no indentation): NULL + 0 is undefined */
    *s += k;
    *len -= k;
}

static void strip_text(bl_arena *a, tpl_node *t, const char *x, size_t xlen)
{
    char *out = bl_arena_alloc(a, t->len + 1);
    size_t o = 0, i = 0;
    bool bol = t->starts_line;
    while (i < t->len) {
        if (bol) {
            size_t k = 0;
            while (k < xlen && i < t->len && t->text[i] == x[k]) {
                i++;
                k++;
            }
            bol = false;
            continue;
        }
        out[o++] = t->text[i];
        bol = t->text[i] == '\n';
        i++;
    }
    out[o] = '\0';
    t->text = out;
    t->len = o;
}

static void strip_indent(bl_arena *a, tpl_node *nodes, size_t n,
                         const char *x, size_t xlen)
{
    for (size_t i = 0; i < n; i++) {
        tpl_node *t = &nodes[i];
        switch (t->kind) {
        case TPL_TEXT:
            strip_text(a, t, x, xlen);
            break;
        case TPL_SECTION:
        case TPL_INVERTED:
            strip_indent(a, t->kids, t->nkids, x, xlen);
            break;
        case TPL_PARTIAL:
            strip_prefix(&t->indent, &t->indent_len, x, xlen);
            break;
        case TPL_PARENT:
            strip_prefix(&t->indent, &t->indent_len, x, xlen);
            strip_indent(a, t->kids, t->nkids, x, xlen);
            break;
        case TPL_BLOCK:
            strip_prefix(&t->indent, &t->indent_len, x, xlen);
            if (!t->relative)
                strip_indent(a, t->kids, t->nkids, x, xlen);
            break;
        default:
            break;
        }
    }
}

static int open_frame(parser *p, const tpl_node *n, size_t tag)
{
    if (p->depth == MAX_NESTING)
        return fail_at(p, tag, "sections nested too deeply (more than %d)",
                       MAX_NESTING);
    frame *f = &p->frames[++p->depth];
    memset(f, 0, sizeof *f);
    f->node = *n;
    f->tag_start = tag;
    return BL_OK;
}

static const char *kind_word(tpl_kind k)
{
    switch (k) {
    case TPL_PARENT: return "parent";
    case TPL_BLOCK: return "block";
    default: return "section";
    }
}

/* The tag being parsed: [tag, tag_end) with content [a, b). */
typedef struct tag_info {
    size_t tag, tag_end, a, b;
    size_t line_start; /* start of the tag's line */
    size_t line_end;   /* after the tag's line (past the newline) */
    bool left, right;  /* only blanks before / after it on its line */
} tag_info;

/* Drops the tag's whole line: its indentation and its newline. */
static void standalone(parser *p, const tag_info *t)
{
    add_text(p, p->text_start, t->line_start);
    p->pos = p->text_start = t->line_end;
}

static void inline_tag(parser *p, const tag_info *t)
{
    add_text(p, p->text_start, t->tag);
    p->pos = p->text_start = t->tag_end;
}

static void std_tag(parser *p, const tag_info *t)
{
    if (t->left && t->right)
        standalone(p, t);
    else
        inline_tag(p, t);
}

static size_t leading_blanks(const parser *p, size_t from)
{
    size_t e = from;
    while (e < p->len && is_blank(p->src[e]))
        e++;
    return e - from;
}

static int close_tag(parser *p, const tag_info *t)
{
    const char *name;
    size_t len;
    int rc = take_name(p, t->tag, t->a, t->b, &name, &len);
    if (rc)
        return rc;
    if (p->depth == 0) {
        char *s = bl_arena_strndup(p->arena, name, len);
        return fail_at(p, t->tag,
                       "unexpected closing tag '%s': no open section", s);
    }
    frame *f = top(p);
    if (f->node.len != len || memcmp(f->node.text, name, len) != 0) {
        char *s = bl_arena_strndup(p->arena, name, len);
        char *open = bl_arena_printf(p->arena, "%s '%.*s' opened at %d:%d",
                                     kind_word(f->node.kind),
                                     (int)f->node.len, f->node.text,
                                     f->node.line, f->node.col);
        return fail_at(p, t->tag,
                       "mismatched closing tag '%s': %s is still open", s,
                       open);
    }
    tpl_node n = f->node;
    bool in_parent = p->frames[p->depth - 1].node.kind == TPL_PARENT;
    bool lead_text = false;
    if (n.kind == TPL_PARENT) {
        if (f->left_ok && t->right) {
            n.indent = p->src + f->lead;
            n.indent_len = f->lead_end - f->lead;
            p->pos = p->text_start = t->line_end;
        } else {
            lead_text = f->left_ok; /* give back the whitespace it took */
            p->pos = p->text_start = t->tag_end;
        }
    } else if (n.kind == TPL_BLOCK && in_parent) {
        /* A closing block tag in a parent never owns its newline: what
         * follows is the parent's (ignored) body. */
        add_text(p, p->text_start, t->left ? t->line_start : t->tag);
        p->pos = p->text_start = t->tag_end;
    } else {
        std_tag(p, t);
    }
    if (n.kind == TPL_BLOCK) {
        if (n.relative) {
            size_t xl = leading_blanks(p, f->content_start);
            const char *x = p->src + f->content_start;
            strip_indent(p->arena, f->items, f->n, x, xl);
            n.indent = bl_arena_strndup(p->arena, x, xl);
            n.indent_len = xl;
        } else if (f->left_ok && t->right) {
            n.indent = p->src + f->lead;
            n.indent_len = f->lead_end - f->lead;
        }
    }
    n.nkids = f->n;
    if (f->n) {
        n.kids = bl_arena_alloc(p->arena, f->n * sizeof *n.kids);
        memcpy(n.kids, f->items, f->n * sizeof *n.kids);
    }
    size_t lead = f->lead, lead_end = f->lead_end;
    free(f->items);
    f->items = NULL;
    p->depth--;
    if (lead_text)
        add_text(p, lead, lead_end);
    add(p, &n);
    return BL_OK;
}

/* {{#x}}, {{^x}}, {{<x}}, {{$x}}: opens a frame. */
static int open_tag(parser *p, const tag_info *t, tpl_kind kind)
{
    tpl_node n = {0};
    n.kind = kind;
    where(p, t->tag, &n.line, &n.col);
    int rc = take_name(p, t->tag, t->a, t->b, &n.text, &n.len);
    if (!rc && (kind == TPL_SECTION || kind == TPL_INVERTED))
        rc = split_path(p, t->tag, &n);
    if (rc)
        return rc;
    bool in_parent = top(p)->node.kind == TPL_PARENT;
    bool left_ok = false;
    if (kind == TPL_PARENT) {
        /* Whitespace before a parent that starts a line is its indentation
         * if the closing tag turns out to end a line. */
        left_ok = t->left;
        add_text(p, p->text_start, t->left ? t->line_start : t->tag);
        p->pos = p->text_start = t->tag_end;
    } else if (kind == TPL_BLOCK && in_parent) {
        /* Text before it is the parent's ignored body; a newline right
         * after it belongs to the tag. */
        n.relative = t->right;
        p->pos = p->text_start = t->right ? t->line_end : t->tag_end;
    } else if (kind == TPL_BLOCK) {
        n.relative = t->left && t->right;
        left_ok = t->left;
        std_tag(p, t);
    } else {
        std_tag(p, t);
    }
    rc = open_frame(p, &n, t->tag);
    if (rc)
        return rc;
    frame *f = top(p);
    f->left_ok = left_ok;
    f->lead = t->line_start;
    f->lead_end = t->tag;
    f->content_start = p->pos;
    return BL_OK;
}

static int value_tag(parser *p, const tag_info *t, tpl_kind kind)
{
    tpl_node n = {0};
    n.kind = kind;
    int rc = take_name(p, t->tag, t->a, t->b, &n.text, &n.len);
    if (!rc)
        rc = split_path(p, t->tag, &n);
    if (rc)
        return rc;
    inline_tag(p, t);
    add(p, &n);
    return BL_OK;
}

static int partial_tag(parser *p, const tag_info *t)
{
    tpl_node n = {0};
    n.kind = TPL_PARTIAL;
    where(p, t->tag, &n.line, &n.col);
    int rc = take_name(p, t->tag, t->a, t->b, &n.text, &n.len);
    if (rc)
        return rc;
    if (t->left && t->right) {
        n.indent = p->src + t->line_start;
        n.indent_len = t->tag - t->line_start;
    }
    std_tag(p, t);
    add(p, &n);
    return BL_OK;
}

/* The start of the line holding offset tag, and whether only blanks come
 * before tag on it. Tags come in order, so this scans forward from the
 * previous tag (each byte once for the whole parse, where looking back
 * from every tag to its line's start made a long line quadratic); tag is
 * never before the previous one. */
static void line_start(parser *p, size_t tag, size_t *start, bool *blank)
{
    for (size_t i = p->scanned; i < tag; i++) {
        if (p->src[i] == '\n') {
            p->scan_line_start = i + 1;
            p->scan_blank = true;
        } else if (!is_blank(p->src[i])) {
            p->scan_blank = false;
        }
    }
    p->scanned = tag;
    *start = p->scan_line_start;
    *blank = p->scan_blank;
}

/* Finds the end of the tag that starts at p->pos and fills t. */
static int scan_tag(parser *p, size_t tag, char *sigil, tag_info *t)
{
    memset(t, 0, sizeof *t);
    t->tag = tag;
    size_t a = tag + p->olen;
    char s = a < p->len ? p->src[a] : '\0';
    if (s && strchr("#^/>!<$=&{", s))
        a++;
    else
        s = '\0';
    char lead = s == '{' ? '}' : s == '=' ? '=' : '\0';
    size_t end = find(p, a, lead, p->ctag, p->clen);
    if (end == (size_t)-1) {
        char want[80];
        snprintf(want, sizeof want, "%s%.*s",
                 lead == '}' ? "}" : lead ? "=" : "",
                 (int)(p->clen < 60 ? p->clen : 60), p->ctag);
        return fail_at(p, tag, "unclosed tag: no '%s' after it", want);
    }
    t->a = a;
    t->b = end;
    t->tag_end = end + (lead ? 1 : 0) + p->clen;
    line_start(p, tag, &t->line_start, &t->left);
    size_t r = t->tag_end;
    while (r < p->len && is_blank(p->src[r]))
        r++;
    if (r == p->len) {
        t->right = true;
        t->line_end = r;
    } else if (p->src[r] == '\n') {
        t->right = true;
        t->line_end = r + 1;
    } else if (p->src[r] == '\r' && r + 1 < p->len && p->src[r + 1] == '\n') {
        t->right = true;
        t->line_end = r + 2;
    }
    *sigil = s;
    return BL_OK;
}

static int parse_tag(parser *p, size_t tag)
{
    tag_info t;
    char s = 0;
    int rc = scan_tag(p, tag, &s, &t);
    if (rc)
        return rc;
    switch (s) {
    case '#': return open_tag(p, &t, TPL_SECTION);
    case '^': return open_tag(p, &t, TPL_INVERTED);
    case '<': return open_tag(p, &t, TPL_PARENT);
    case '$': return open_tag(p, &t, TPL_BLOCK);
    case '/': return close_tag(p, &t);
    case '>': return partial_tag(p, &t);
    case '!':
        std_tag(p, &t);
        return BL_OK;
    case '=':
        rc = set_delimiters(p, tag, t.a, t.b);
        if (!rc)
            std_tag(p, &t);
        return rc;
    case '&':
    case '{': return value_tag(p, &t, TPL_RAW);
    default: return value_tag(p, &t, TPL_VAR);
    }
}

static int parse_all(parser *p)
{
    for (;;) {
        size_t tag = find(p, p->pos, '\0', p->otag, p->olen);
        if (tag == (size_t)-1)
            break;
        int rc = parse_tag(p, tag);
        if (rc)
            return rc;
    }
    add_text(p, p->text_start, p->len);
    if (p->depth > 0) {
        frame *f = top(p);
        char *s = bl_arena_strndup(p->arena, f->node.text, f->node.len);
        return fail_at(p, f->tag_start, "unclosed %s '%s'",
                       kind_word(f->node.kind), s);
    }
    return BL_OK;
}

int tpl_parse(const char *origin, const char *text, tpl_unit **out,
              bl_error *err)
{
    *out = NULL;
    parser *p = bl_calloc(1, sizeof *p);
    bl_arena *arena = bl_arena_new();
    p->arena = arena;
    p->len = strlen(text);
    p->src = bl_arena_strndup(arena, text, p->len);
    p->origin = bl_arena_strdup(arena, origin ? origin : "");
    p->otag = "{{";
    p->ctag = "}}";
    p->olen = p->clen = 2;
    p->err = err;
    p->seen_line = 1;
    p->seen_col = 1;
    p->scan_blank = true;
    int rc = parse_all(p);
    if (rc == BL_OK) {
        tpl_unit *u = bl_arena_alloc(arena, sizeof *u);
        u->arena = arena;
        u->origin = p->origin;
        u->nkids = p->frames[0].n;
        if (u->nkids) {
            u->kids = bl_arena_alloc(arena, u->nkids * sizeof *u->kids);
            memcpy(u->kids, p->frames[0].items, u->nkids * sizeof *u->kids);
        }
        *out = u;
    }
    for (size_t i = 0; i <= p->depth; i++)
        free(p->frames[i].items);
    free(p);
    if (rc)
        bl_arena_free(arena);
    return rc;
}

void tpl_unit_free(tpl_unit *u)
{
    if (u)
        bl_arena_free(u->arena);
}
