/* template.c - Mustache rendering over cJSON; see template.h.
 *
 * template_parse.c turns each source into a node tree once; this file walks
 * the tree against a context stack. Partials and parents are loaded through
 * the caller's loader and cached in the bl_template. Indentation of
 * standalone partials and blocks is applied while rendering: every line of
 * template text that starts while an indentation is active gets it, while
 * newlines inside interpolated data do not (as the spec requires).
 */
#include "template.h"
#include "alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template_index.h"
#include "template_parse.h"

typedef struct cache_entry {
    char *name;
    tpl_unit *unit; /* NULL: the loader has no such partial */
} cache_entry;

struct bl_template {
    bl_template_options opts;
    tpl_unit *root;
    cache_entry *cache;
    size_t ncache, capcache;
};

/* A parent being rendered: its blocks override the ones it expands. */
typedef struct scope {
    const tpl_node *parent;
    const tpl_unit *unit;
} scope;

typedef struct render {
    bl_template *t;
    bl_buf *out;
    const cJSON **ctx; /* the context stack, top last */
    size_t nctx, capctx;
    scope *scopes; /* outermost first: it wins */
    size_t nscopes, capscopes;
    tpl_index keys; /* hash tables of the objects names are looked up in */
    bl_buf indent;  /* current indentation */
    bool at_bol;   /* the last template text emitted ended a line */
    int depth;     /* partials, parents and blocks being expanded */
    bl_error *err;
} render;

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return p;
    *cap = *cap ? *cap * 2 : 16;
    p = bl_realloc(p, *cap * size);
    return p;
}

static void push_ctx(render *r, const cJSON *v)
{
    r->ctx = grow(r->ctx, &r->capctx, r->nctx, sizeof *r->ctx);
    r->ctx[r->nctx++] = v;
}

/* ---- output ---- */

static void emit_text(render *r, const char *s, size_t len)
{
    if (len == 0)
        return;
    if (r->indent.len == 0) {
        bl_buf_append(r->out, s, len);
        r->at_bol = s[len - 1] == '\n';
        return;
    }
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) + 1 : len;
        if (r->at_bol)
            bl_buf_append(r->out, r->indent.data, r->indent.len);
        bl_buf_append(r->out, s + i, end - i);
        r->at_bol = nl != NULL;
        i = end;
    }
}

static void emit_value(render *r, const char *s, size_t len, bool escape)
{
    if (len == 0)
        return;
    if (r->at_bol && r->indent.len)
        bl_buf_append(r->out, r->indent.data, r->indent.len);
    r->at_bol = false;
    if (escape)
        bl_buf_append_html(r->out, s, len);
    else
        bl_buf_append(r->out, s, len);
}

/* Shortest text that reads back as d: 85, 1.21, 0.1, 1e+300. */
static void format_number(double d, char *buf, size_t size)
{
    if (d == 0) {
        snprintf(buf, size, "0");
    } else if (isfinite(d) && d == trunc(d) && fabs(d) < 1e17) {
        snprintf(buf, size, "%.0f", d);
    } else {
        snprintf(buf, size, "%.15g", d);
        if (strtod(buf, NULL) != d)
            snprintf(buf, size, "%.17g", d);
    }
}

static void interpolate(render *r, const cJSON *v, bool escape)
{
    char num[64];
    if (!v || cJSON_IsNull(v)) {
        return;
    } else if (cJSON_IsString(v)) {
        if (v->valuestring)
            emit_value(r, v->valuestring, strlen(v->valuestring), escape);
    } else if (cJSON_IsNumber(v)) {
        format_number(v->valuedouble, num, sizeof num);
        emit_value(r, num, strlen(num), escape);
    } else if (cJSON_IsBool(v)) {
        const char *s = cJSON_IsTrue(v) ? "true" : "false";
        emit_value(r, s, strlen(s), escape);
    } else {
        char *json = cJSON_PrintUnformatted(v);
        if (json)
            emit_value(r, json, strlen(json), escape);
        free(json);
    }
}

/* ---- data ---- */

static const cJSON *lookup(render *r, const tpl_node *n)
{
    if (n->npath == 0)
        return r->nctx ? r->ctx[r->nctx - 1] : NULL;
    const cJSON *v = NULL;
    for (size_t i = r->nctx; i > 0 && !v; i--)
        if (cJSON_IsObject(r->ctx[i - 1]))
            v = tpl_index_get(&r->keys, r->ctx[i - 1], n->path[0], n->hash[0]);
    /* The rest of a dotted name resolves only against what came before. */
    for (size_t k = 1; v && k < n->npath; k++)
        v = cJSON_IsObject(v) ? tpl_index_get(&r->keys, v, n->path[k], n->hash[k])
                              : NULL;
    return v;
}

static bool truthy(const cJSON *v)
{
    if (!v || cJSON_IsNull(v) || cJSON_IsFalse(v))
        return false;
    if (cJSON_IsArray(v))
        return v->child != NULL;
    if (cJSON_IsNumber(v))
        return v->valuedouble != 0 && !isnan(v->valuedouble);
    if (cJSON_IsString(v))
        return v->valuestring && v->valuestring[0];
    return true;
}

/* ---- partials ---- */

static int node_error(render *r, const tpl_unit *u, const tpl_node *n,
                      const char *what)
{
    return bl_error_set_at(r->err, BL_ETEMPLATE, u->origin, n->line, n->col,
                           "%s '%.*s'", what, (int)n->len, n->text);
}

/* Calls the loader for name and parses what it returns (*unit = NULL when
 * there is no such partial). */
static int load_unit(render *r, const tpl_unit *u, const tpl_node *n,
                     const char *name, tpl_unit **unit)
{
    *unit = NULL;
    if (!r->t->opts.loader)
        return BL_OK;
    char *text = NULL, *origin = NULL;
    bl_error lerr;
    bl_error_clear(&lerr);
    int rc = r->t->opts.loader(r->t->opts.loader_ctx, name, &text, &origin,
                               &lerr);
    if (rc) {
        free(text);
        free(origin);
        if (!lerr.code)
            return node_error(r, u, n, "cannot load partial");
        *r->err = lerr;
        if (!lerr.file[0]) {
            /* The loader knows why; the tag says where. */
            snprintf(r->err->file, sizeof r->err->file, "%s", u->origin);
            r->err->line = n->line;
            r->err->col = n->col;
        }
        return rc;
    }
    if (text)
        rc = tpl_parse(origin ? origin : name, text, unit, r->err);
    free(text);
    free(origin);
    return rc;
}

/* The parsed partial or parent a tag names, from the cache or the loader;
 * *unit = NULL when there is none. */
static int get_unit(render *r, const tpl_unit *u, const tpl_node *n,
                    const tpl_unit **unit)
{
    bl_template *t = r->t;
    for (size_t i = 0; i < t->ncache; i++) {
        const char *name = t->cache[i].name;
        if (strlen(name) == n->len && memcmp(name, n->text, n->len) == 0) {
            *unit = t->cache[i].unit;
            return BL_OK;
        }
    }
    char *name = bl_malloc(n->len + 1);
    memcpy(name, n->text, n->len);
    name[n->len] = '\0';
    tpl_unit *loaded;
    int rc = load_unit(r, u, n, name, &loaded);
    if (rc) {
        free(name);
        return rc;
    }
    t->cache = grow(t->cache, &t->capcache, t->ncache, sizeof *t->cache);
    t->cache[t->ncache].name = name;
    t->cache[t->ncache].unit = loaded;
    t->ncache++;
    *unit = loaded;
    return BL_OK;
}

/* ---- the walk ---- */

static int render_nodes(render *r, const tpl_unit *u, const tpl_node *nodes,
                        size_t n);

/* Renders nodes with extra indentation (a standalone partial, parent or
 * block); `bol` says the tag stood alone, so its content starts a line. */
static int render_indented(render *r, const tpl_unit *u, const tpl_node *nodes,
                           size_t n, const char *indent, size_t indent_len,
                           bool bol)
{
    size_t saved = r->indent.len;
    bl_buf_append(&r->indent, indent, indent_len);
    if (bol)
        r->at_bol = true;
    int rc = render_nodes(r, u, nodes, n);
    r->indent.len = saved;
    if (r->indent.data)
        r->indent.data[saved] = '\0';
    return rc;
}

static int enter(render *r, const tpl_unit *u, const tpl_node *n)
{
    const char *what = n->kind == TPL_PARTIAL  ? "partials"
                       : n->kind == TPL_PARENT ? "parents"
                                               : "blocks";
    if (r->depth >= BL_TEMPLATE_MAX_DEPTH)
        return bl_error_set_at(r->err, BL_ETEMPLATE, u->origin, n->line,
                               n->col,
                               "%s nested more than %d deep at '%.*s' "
                               "(endless recursion?)",
                               what, BL_TEMPLATE_MAX_DEPTH, (int)n->len,
                               n->text);
    r->depth++;
    return BL_OK;
}

static int render_partial(render *r, const tpl_unit *u, const tpl_node *n)
{
    const tpl_unit *p;
    int rc = get_unit(r, u, n, &p);
    if (rc)
        return rc;
    if (!p) {
        if (!r->t->opts.strict_partials)
            return BL_OK; /* the spec: an unknown partial renders as "" */
        return node_error(r, u, n,
                          n->kind == TPL_PARENT ? "unknown parent template"
                                                : "unknown partial");
    }
    rc = enter(r, u, n);
    if (rc)
        return rc;
    if (n->kind == TPL_PARENT) {
        r->scopes = grow(r->scopes, &r->capscopes, r->nscopes,
                         sizeof *r->scopes);
        r->scopes[r->nscopes].parent = n;
        r->scopes[r->nscopes].unit = u;
        r->nscopes++;
    }
    rc = render_indented(r, p, p->kids, p->nkids, n->indent, n->indent_len,
                         n->indent != NULL);
    if (n->kind == TPL_PARENT)
        r->nscopes--;
    r->depth--;
    return rc;
}

/* A block renders the outermost override of its name, else its own
 * content, indented as the block is. */
static int render_block(render *r, const tpl_unit *u, const tpl_node *n)
{
    const tpl_node *body = n;
    const tpl_unit *bu = u;
    for (size_t i = 0; i < r->nscopes && body == n; i++) {
        const tpl_node *parent = r->scopes[i].parent;
        for (size_t k = 0; k < parent->nkids; k++) {
            const tpl_node *b = &parent->kids[k];
            if (b->len == n->len && memcmp(b->text, n->text, n->len) == 0) {
                body = b;
                bu = r->scopes[i].unit;
                break;
            }
        }
    }
    int rc = enter(r, u, n);
    if (rc)
        return rc;
    rc = render_indented(r, bu, body->kids, body->nkids, n->indent,
                         n->indent_len, n->relative);
    r->depth--;
    return rc;
}

static int render_section(render *r, const tpl_unit *u, const tpl_node *n)
{
    const cJSON *v = lookup(r, n);
    if (n->kind == TPL_INVERTED)
        return truthy(v) ? BL_OK : render_nodes(r, u, n->kids, n->nkids);
    if (!truthy(v))
        return BL_OK;
    if (!cJSON_IsArray(v)) {
        push_ctx(r, v);
        int rc = render_nodes(r, u, n->kids, n->nkids);
        r->nctx--;
        return rc;
    }
    for (const cJSON *item = v->child; item; item = item->next) {
        push_ctx(r, item);
        int rc = render_nodes(r, u, n->kids, n->nkids);
        r->nctx--;
        if (rc)
            return rc;
    }
    return BL_OK;
}

static int render_nodes(render *r, const tpl_unit *u, const tpl_node *nodes,
                        size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const tpl_node *t = &nodes[i];
        int rc = BL_OK;
        switch (t->kind) {
        case TPL_TEXT:
            emit_text(r, t->text, t->len);
            break;
        case TPL_VAR:
        case TPL_RAW:
            interpolate(r, lookup(r, t), t->kind == TPL_VAR);
            break;
        case TPL_SECTION:
        case TPL_INVERTED:
            rc = render_section(r, u, t);
            break;
        case TPL_PARTIAL:
        case TPL_PARENT:
            rc = render_partial(r, u, t);
            break;
        case TPL_BLOCK:
            rc = render_block(r, u, t);
            break;
        }
        if (rc)
            return rc;
    }
    return BL_OK;
}

/* ---- API ---- */

int bl_template_compile(const char *name, const char *text,
                        const bl_template_options *opts, bl_template **out,
                        bl_error *err)
{
    *out = NULL;
    tpl_unit *u;
    int rc = tpl_parse(name, text ? text : "", &u, err);
    if (rc)
        return rc;
    bl_template *t = bl_calloc(1, sizeof *t);
    if (opts)
        t->opts = *opts;
    t->root = u;
    *out = t;
    return BL_OK;
}

int bl_template_render_compiled(bl_template *t, const cJSON *data,
                                bl_buf *out, bl_error *err)
{
    bl_error local;
    render r = {0};
    r.t = t;
    r.out = out;
    r.err = err ? err : &local;
    r.at_bol = true;
    bl_buf_init(&r.indent);
    if (data)
        push_ctx(&r, data);
    size_t start = out->len;
    int rc = render_nodes(&r, t->root, t->root->kids, t->root->nkids);
    if (rc && out->data) {
        out->len = start;
        out->data[start] = '\0';
    }
    free(r.ctx);
    free(r.scopes);
    tpl_index_free(&r.keys);
    bl_buf_free(&r.indent);
    return rc;
}

void bl_template_free(bl_template *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->ncache; i++) {
        free(t->cache[i].name);
        tpl_unit_free(t->cache[i].unit);
    }
    free(t->cache);
    tpl_unit_free(t->root);
    free(t);
}

int bl_template_render(const char *name, const char *text, const cJSON *data,
                       const bl_template_options *opts, bl_buf *out,
                       bl_error *err)
{
    bl_template *t;
    int rc = bl_template_compile(name, text, opts, &t, err);
    if (rc)
        return rc;
    rc = bl_template_render_compiled(t, data, out, err);
    bl_template_free(t);
    return rc;
}
