/* inline_css.c - style rules into style attributes; see inline_css.h. */
#include "inline_css.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

#define MAX_COMPOUNDS 8
#define MAX_CLASSES 4
#define MAX_DEPTH 256
#define MAX_VARS 64

typedef struct compound {
    char tag[16];                 /* "" or "*": any element */
    char cls[MAX_CLASSES][48];
    int n_cls;
} compound;

typedef struct rule {
    compound c[MAX_COMPOUNDS];
    int n;
    int spec;        /* classes * 256 + element names */
    size_t order;
    char *decls;     /* "a: b; c: d" (malloc'd), variables substituted */
} rule;

typedef struct sheet {
    rule *r;
    size_t n, cap;
    char *var_name[MAX_VARS];
    char *var_value[MAX_VARS];
    int n_vars;
} sheet;

static void *xrealloc(void *p, size_t n)
{
    p = bl_realloc(p, n ? n : 1);
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = bl_strndup(s, n);
    return d;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_name(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* One selector (no commas) into r; false when it cannot be inlined. */
static bool parse_selector(const char *s, size_t len, rule *r)
{
    memset(r->c, 0, sizeof r->c);
    r->n = 0;
    r->spec = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && is_space(s[i]))
            i++;
        if (i == len)
            break;
        if (r->n == MAX_COMPOUNDS)
            return false;
        compound *c = &r->c[r->n++];
        if (s[i] == '*') {
            i++;
        } else if (is_name(s[i])) {
            size_t b = i;
            while (i < len && is_name(s[i]))
                i++;
            if (i - b >= sizeof c->tag)
                return false;
            memcpy(c->tag, s + b, i - b);
            r->spec += 1;
        }
        while (i < len && s[i] == '.') {
            size_t b = ++i;
            while (i < len && is_name(s[i]))
                i++;
            if (i == b || i - b >= sizeof c->cls[0] || c->n_cls == MAX_CLASSES)
                return false;
            memcpy(c->cls[c->n_cls++], s + b, i - b);
            r->spec += 256;
        }
        if (i < len && !is_space(s[i]))
            return false; /* :pseudo, [attr], >, +, ~ */
    }
    return r->n > 0;
}

/* The value of custom property name (len bytes), or NULL. */
static const char *var_value(const sheet *sh, const char *name, size_t len)
{
    for (int k = 0; k < sh->n_vars; k++)
        if (strlen(sh->var_name[k]) == len &&
            memcmp(sh->var_name[k], name, len) == 0)
            return sh->var_value[k];
    return NULL;
}

/* Appends value with every var(--x) replaced by its value. */
static void put_value(bl_buf *b, const sheet *sh, const char *v, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (len - i > 6 && memcmp(v + i, "var(--", 6) == 0) {
            size_t nb = i + 4, ne = nb;
            while (ne < len && v[ne] != ')' && v[ne] != ',')
                ne++;
            const char *val = var_value(sh, v + nb, ne - nb);
            size_t close = ne;
            while (close < len && v[close] != ')')
                close++;
            if (val && close < len) {
                bl_buf_puts(b, val);
                i = close + 1;
                continue;
            }
        }
        bl_buf_putc(b, v[i++]);
    }
}

/* Splits a declaration block at ';' outside quotes and parentheses and
 * calls back with each trimmed declaration. */
typedef void (*decl_fn)(void *ctx, const char *d, size_t len);
static void each_decl(const char *s, size_t len, decl_fn fn, void *ctx)
{
    size_t b = 0;
    int paren = 0;
    char quote = 0;
    for (size_t i = 0; i <= len; i++) {
        char c = i < len ? s[i] : ';';
        if (quote) {
            if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '"' || c == '\'')
            quote = c;
        else if (c == '(')
            paren++;
        else if (c == ')' && paren)
            paren--;
        else if (c == ';' && !paren) {
            size_t x = b, y = i;
            while (x < y && is_space(s[x]))
                x++;
            while (y > x && is_space(s[y - 1]))
                y--;
            if (y > x)
                fn(ctx, s + x, y - x);
            b = i + 1;
        }
    }
}

static void add_var(void *ctx, const char *d, size_t len)
{
    sheet *sh = ctx;
    const char *colon = memchr(d, ':', len);
    if (len < 3 || d[0] != '-' || d[1] != '-' || !colon || sh->n_vars == MAX_VARS)
        return;
    const char *v = colon + 1;
    while (v < d + len && is_space(*v))
        v++;
    sh->var_name[sh->n_vars] = xstrndup(d, (size_t)(colon - d));
    /* collapse the white space of values written over several lines */
    char *val = xstrndup(v, (size_t)(d + len - v));
    char *w = val;
    for (char *p = val; *p; p++)
        if (!is_space(*p) || (w > val && w[-1] != ' '))
            *w++ = is_space(*p) ? ' ' : *p;
    *w = 0;
    sh->var_value[sh->n_vars++] = val;
}

typedef struct decl_ctx {
    const sheet *sh;
    bl_buf b;
} decl_ctx;

static void add_decl(void *ctx, const char *d, size_t len)
{
    decl_ctx *dc = ctx;
    if (len >= 2 && d[0] == '-' && d[1] == '-')
        return; /* custom properties: substituted instead */
    if (dc->b.len)
        bl_buf_puts(&dc->b, "; ");
    bl_buf b = BL_BUF_INIT;
    put_value(&b, dc->sh, d, len);
    /* one line, and no double quote to end the attribute */
    for (size_t i = 0; i < b.len; i++) {
        char c = b.data[i];
        if (c == '"')
            bl_buf_puts(&dc->b, "&quot;");
        else if (is_space(c))
            (dc->b.len && dc->b.data[dc->b.len - 1] == ' ') ? (void)0
                                                          : bl_buf_putc(&dc->b, ' ');
        else
            bl_buf_putc(&dc->b, c);
    }
    bl_buf_free(&b);
}

/* Finds the '}' closing the block that starts after s[i - 1] == '{'. */
static size_t block_end(const char *s, size_t len, size_t i)
{
    int depth = 1;
    for (; i < len; i++) {
        if (s[i] == '{')
            depth++;
        else if (s[i] == '}' && --depth == 0)
            return i;
    }
    return len;
}

/* Comments out of the sheet (as spaces). */
static char *strip_comments(const char *css, size_t *len)
{
    size_t n = strlen(css);
    char *s = xstrndup(css, n);
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] == '/' && s[i + 1] == '*') {
            size_t j = i + 2;
            while (j + 1 < n && !(s[j] == '*' && s[j + 1] == '/'))
                j++;
            size_t e = j + 1 < n ? j + 2 : n;
            memset(s + i, ' ', e - i);
            i = e - 1;
        }
    }
    *len = n;
    return s;
}

static int parse_sheet(const char *css, const char *origin, sheet *sh,
                       bl_error *err)
{
    size_t len;
    char *s = strip_comments(css, &len);
    /* two passes: the root's custom properties first, then the rules */
    for (int pass = 0; pass < 2; pass++) {
        size_t i = 0, order = 0;
        while (i < len) {
            while (i < len && is_space(s[i]))
                i++;
            if (i == len)
                break;
            size_t open = i;
            while (open < len && s[open] != '{' && s[open] != '}' &&
                   s[open] != ';')
                open++;
            if (open < len && s[open] == ';' && s[i] == '@') {
                i = open + 1; /* @import ...; @charset ...; */
                continue;
            }
            if (open == len || s[open] != '{') {
                free(s);
                return bl_error_set(err, BL_ETEMPLATE, origin, 0,
                                    "style sheet: unbalanced braces");
            }
            size_t close = block_end(s, len, open + 1);
            if (close == len) {
                free(s);
                return bl_error_set(err, BL_ETEMPLATE, origin, 0,
                                    "style sheet: unbalanced braces");
            }
            const char *prelude = s + i, *body = s + open + 1;
            size_t plen = open - i, blen = close - open - 1;
            i = close + 1;
            if (*prelude == '@')
                continue;
            size_t pe = plen;
            while (pe && is_space(prelude[pe - 1]))
                pe--;
            if (pass == 0) {
                if (pe == 12 && memcmp(prelude, ".bl-bulletin", 12) == 0)
                    each_decl(body, blen, add_var, sh);
                continue;
            }
            decl_ctx dc = {sh, BL_BUF_INIT};
            each_decl(body, blen, add_decl, &dc);
            size_t a = 0;
            for (size_t k = 0; k <= plen; k++) {
                if (k < plen && prelude[k] != ',')
                    continue;
                rule r;
                if (dc.b.len && parse_selector(prelude + a, k - a, &r)) {
                    if (sh->n == sh->cap) {
                        sh->cap = sh->cap ? 2 * sh->cap : 128;
                        sh->r = xrealloc(sh->r, sh->cap * sizeof *sh->r);
                    }
                    r.order = order++;
                    r.decls = xstrndup(dc.b.data, dc.b.len);
                    sh->r[sh->n++] = r;
                }
                a = k + 1;
            }
            bl_buf_free(&dc.b);
        }
    }
    free(s);
    return BL_OK;
}

static void sheet_free(sheet *sh)
{
    for (size_t i = 0; i < sh->n; i++)
        free(sh->r[i].decls);
    free(sh->r);
    for (int k = 0; k < sh->n_vars; k++) {
        free(sh->var_name[k]);
        free(sh->var_value[k]);
    }
}

/* ---- the HTML side ------------------------------------------------------ */

typedef struct element {
    char tag[16];
    const char *cls; /* the class attribute's value, not terminated */
    size_t cls_len;
} element;

static bool has_class(const element *e, const char *c)
{
    size_t n = strlen(c);
    const char *p = e->cls, *end = e->cls + e->cls_len;
    while (p < end) {
        while (p < end && is_space(*p))
            p++;
        const char *b = p;
        while (p < end && !is_space(*p))
            p++;
        if ((size_t)(p - b) == n && memcmp(b, c, n) == 0)
            return true;
    }
    return false;
}

static bool compound_matches(const compound *c, const element *e)
{
    if (c->tag[0] && strcmp(c->tag, e->tag) != 0)
        return false;
    for (int k = 0; k < c->n_cls; k++)
        if (!has_class(e, c->cls[k]))
            return false;
    return true;
}

/* e's ancestors are stack[0..depth-1]. */
static bool rule_matches(const rule *r, const element *e,
                         const element *stack, int depth)
{
    if (!compound_matches(&r->c[r->n - 1], e))
        return false;
    int j = r->n - 2;
    for (int i = depth - 1; i >= 0 && j >= 0; i--)
        if (compound_matches(&r->c[j], &stack[i]))
            j--;
    return j < 0;
}

static int by_cascade(const void *a, const void *b)
{
    const rule *x = *(rule *const *)a, *y = *(rule *const *)b;
    if (x->spec != y->spec)
        return x->spec < y->spec ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static bool is_void(const char *tag)
{
    static const char *const v[] = {"area", "base", "br", "col", "embed",
                                    "hr", "img", "input", "link", "meta",
                                    "source", "track", "wbr", NULL};
    for (int i = 0; v[i]; i++)
        if (strcmp(tag, v[i]) == 0)
            return true;
    return false;
}

/* The value of attribute name inside the tag text t[0..n), or NULL. */
static const char *attr(const char *t, size_t n, const char *name,
                        size_t *vlen)
{
    size_t nl = strlen(name);
    for (size_t i = 1; i + nl + 2 <= n; i++) {
        if (t[i] == '"') { /* skip other attributes' values */
            const char *q = memchr(t + i + 1, '"', n - i - 1);
            if (!q)
                return NULL;
            i = (size_t)(q - t);
            continue;
        }
        if (is_space(t[i - 1]) && memcmp(t + i, name, nl) == 0 &&
            t[i + nl] == '=' && t[i + nl + 1] == '"') {
            const char *v = t + i + nl + 2;
            const char *q = memchr(v, '"', (size_t)(t + n - v));
            if (!q)
                return NULL;
            *vlen = (size_t)(q - v);
            return v;
        }
    }
    return NULL;
}

int bl_css_inline(const char *css, const char *origin, const char *html,
                  size_t len, bl_buf *out, bl_error *err)
{
    sheet sh;
    memset(&sh, 0, sizeof sh);
    int rc = parse_sheet(css, origin, &sh, err);
    if (rc) {
        sheet_free(&sh);
        return rc;
    }
    element *stack = xrealloc(NULL, MAX_DEPTH * sizeof *stack);
    const rule **hit = xrealloc(NULL, (sh.n ? sh.n : 1) * sizeof *hit);
    int depth = 0;
    size_t i = 0;
    while (i < len) {
        const char *lt = memchr(html + i, '<', len - i);
        if (!lt) {
            bl_buf_append(out, html + i, len - i);
            break;
        }
        size_t t = (size_t)(lt - html);
        bl_buf_append(out, html + i, t - i);
        if (len - t >= 4 && memcmp(html + t, "<!--", 4) == 0) {
            const char *e = strstr(html + t + 4, "-->");
            size_t end = e ? (size_t)(e - html) + 3 : len;
            bl_buf_append(out, html + t, end - t);
            i = end;
            continue;
        }
        /* the tag's end: '>' outside quoted values */
        size_t g = t + 1;
        bool q = false;
        while (g < len && (q || html[g] != '>')) {
            if (html[g] == '"')
                q = !q;
            g++;
        }
        size_t tag_len = g < len ? g - t + 1 : len - t;
        const char *tag = html + t;
        i = t + tag_len;
        if (tag_len < 3 || tag[1] == '!' || tag[1] == '?') {
            bl_buf_append(out, tag, tag_len);
            continue;
        }
        if (tag[1] == '/') { /* an end tag closes up to its element */
            char name[16] = "";
            size_t k = 0;
            while (k + 1 < sizeof name && is_name(tag[2 + k]))
                name[k] = tag[2 + k], k++;
            for (int d = depth - 1; d >= 0; d--)
                if (strcmp(stack[d].tag, name) == 0) {
                    depth = d;
                    break;
                }
            bl_buf_append(out, tag, tag_len);
            continue;
        }
        element e;
        memset(&e, 0, sizeof e);
        size_t k = 0;
        while (k + 1 < sizeof e.tag && is_name(tag[1 + k]))
            e.tag[k] = tag[1 + k], k++;
        e.cls = attr(tag, tag_len, "class", &e.cls_len);
        if (!e.cls)
            e.cls = "", e.cls_len = 0;
        size_t n_hit = 0;
        for (size_t r = 0; r < sh.n; r++)
            if (rule_matches(&sh.r[r], &e, stack, depth))
                hit[n_hit++] = &sh.r[r];
        bool self_closing = tag[tag_len - 2] == '/';
        if (n_hit) {
            qsort(hit, n_hit, sizeof *hit, by_cascade);
            bl_buf style = BL_BUF_INIT;
            for (size_t h = 0; h < n_hit; h++) {
                bl_buf_puts(&style, h ? "; " : "");
                bl_buf_puts(&style, hit[h]->decls);
            }
            size_t slen;
            const char *sv = attr(tag, tag_len, "style", &slen);
            if (sv) { /* the element's own style last: it wins */
                size_t at = (size_t)(sv - tag);
                bl_buf_append(out, tag, at);
                bl_buf_append(out, style.data, style.len);
                bl_buf_puts(out, slen ? "; " : "");
                bl_buf_append(out, tag + at, tag_len - at);
            } else {
                size_t end = tag_len - (self_closing ? 2 : 1);
                while (end > 0 && is_space(tag[end - 1]))
                    end--;
                bl_buf_append(out, tag, end);
                bl_buf_puts(out, " style=\"");
                bl_buf_append(out, style.data, style.len);
                bl_buf_putc(out, '"');
                bl_buf_append(out, tag + end, tag_len - end);
            }
            bl_buf_free(&style);
        } else {
            bl_buf_append(out, tag, tag_len);
        }
        if (!self_closing && !is_void(e.tag) && depth < MAX_DEPTH)
            stack[depth++] = e;
    }
    free(hit);
    free(stack);
    sheet_free(&sh);
    return BL_OK;
}
