/* html_split.c - a bulletin too large for one page as an index page and
 * part pages (issue 10.8); see write_html.h.
 *
 * The index keeps everything but the long tables: masthead, overview,
 * 与上期对比, each list's figures and chart, the indicators, and links to
 * the parts. Each list's 督办清单 and full table are parts: pieces of at most
 * a page's size, cut by their rendered size (a piece over the limit is cut
 * again into pieces of about a quarter of it, some 500 rows, and the parts
 * rendered again), with
 * links to the index and to the previous and next part. Rows keep their
 * anchors; the 督办清单's rows and the chart's departments link to the part
 * that holds them. The view's items are moved (not copied) into each
 * piece's array for rendering and back at the end.
 */
#include "write_html.h"
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view_words.h"

#define PART_TEMPLATE "part.html.mustache"
#define MAX_ROUNDS 8

typedef struct items {
    cJSON **v;
    size_t n;
} items;

typedef struct piece {
    int list;         /* 0-based index of the view's list */
    bool lagging;     /* its 督办清单, else its full table */
    size_t first, count;
    bl_buf page;
    char *path, *href; /* the part's file, and its name for links */
} piece;

typedef struct splitter {
    const bl_html_options *o;
    cJSON *view;
    cJSON **lists;
    int n_lists;
    items *projects, *lagging; /* per list, taken out of the view */
    piece *p;
    size_t n, cap;
    const char *path; /* the index page */
} splitter;

static items take(cJSON *arr)
{
    items it = {0};
    it.v = bl_calloc((size_t)cJSON_GetArraySize(arr) + 1, sizeof *it.v);
    while (arr && arr->child)
        it.v[it.n++] = cJSON_DetachItemViaPointer(arr, arr->child);
    return it;
}

/* A new array holding it.v[first, first + count); chunk_release gives the
 * items back. */
static cJSON *chunk(const items *it, size_t first, size_t count)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = first; i < first + count && i < it->n; i++) {
        it->v[i]->next = it->v[i]->prev = NULL;
        cJSON_AddItemToArray(a, it->v[i]);
    }
    return a;
}

static void chunk_release(cJSON *a)
{
    a->child = NULL;
    cJSON_Delete(a);
}

static void add_piece(splitter *s, int list, bool lagging, size_t first, size_t count)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->p = bl_realloc(s->p, s->cap * sizeof *s->p);
    }
    piece *p = &s->p[s->n++];
    memset(p, 0, sizeof *p);
    p->list = list;
    p->lagging = lagging;
    p->first = first;
    p->count = count;
    bl_buf_init(&p->page);
}

static void set_str(cJSON *o, const char *key, const char *value)
{
    if (cJSON_GetObjectItem(o, key))
        cJSON_ReplaceItemInObject(o, key, cJSON_CreateString(value));
    else
        cJSON_AddStringToObject(o, key, value);
}

static void set_item(cJSON *o, const char *key, cJSON *value)
{
    if (cJSON_GetObjectItem(o, key))
        cJSON_ReplaceItemInObject(o, key, value);
    else
        cJSON_AddItemToObject(o, key, value);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* "out/000.html" → "out/000-3.html" */
static char *part_path(const char *index, size_t number)
{
    size_t n = strlen(index);
    if (n > 5 && strcmp(index + n - 5, ".html") == 0)
        n -= 5;
    char *p = bl_malloc(n + 32);
    snprintf(p, n + 32, "%.*s-%zu.html", (int)n, index, number);
    return p;
}

/* The part holding the ordinal-th project (from 1) of list li. */
static const piece *table_piece(const splitter *s, int li, size_t ordinal)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->p[i].list == li && !s->p[i].lagging && ordinal > s->p[i].first &&
            ordinal <= s->p[i].first + s->p[i].count)
            return &s->p[i];
    return NULL;
}

static void link_row(const splitter *s, cJSON *lag_item)
{
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(lag_item, "row_id"));
    int li;
    size_t ord;
    if (!id || sscanf(id, "list-%d-p%zu", &li, &ord) != 2)
        return;
    const piece *p = table_piece(s, li - 1, ord);
    char href[512];
    snprintf(href, sizeof href, "%s#%s", p ? p->href : "", id);
    set_str(lag_item, "row_href", href);
}

/* "第 1–1000 项" */
static void range_label(const piece *p, char *out, size_t size)
{
    snprintf(out, size, "第 %zu–%zu %s", p->first + 1, p->first + p->count,
             bl_view_word("unit"));
}

/* Names the parts in order and points every link at them. */
static void number_parts(splitter *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->p[i].path);
        s->p[i].path = part_path(s->path, i + 1);
        s->p[i].href = (char *)base_name(s->p[i].path);
    }
    cJSON *l;
    cJSON_ArrayForEach(l, cJSON_GetObjectItem(s->view, "lagging")) link_row(s, l);
    for (int li = 0; li < s->n_lists; li++) {
        for (size_t k = 0; k < s->lagging[li].n; k++)
            link_row(s, s->lagging[li].v[k]);
        /* a department's anchor is on its first row */
        /* "dept-L-N" is the N-th department of the chart (view.c) */
        items depts = take(cJSON_GetObjectItem(cJSON_GetObjectItem(s->lists[li], "chart"),
                                               "departments"));
        for (size_t k = 0; k < s->projects[li].n; k++) {
            cJSON *e;
            cJSON_ArrayForEach(e, cJSON_GetObjectItem(s->projects[li].v[k], "entries"))
            {
                if (!cJSON_IsTrue(cJSON_GetObjectItem(e, "dept_first")))
                    continue;
                const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(e, "dept_id"));
                const piece *p = table_piece(s, li, k + 1);
                int dl;
                size_t dn;
                if (id && p && sscanf(id, "dept-%d-%zu", &dl, &dn) == 2 && dn >= 1 &&
                    dn <= depts.n) {
                    char href[512];
                    snprintf(href, sizeof href, "%s#%s", p->href, id);
                    set_str(depts.v[dn - 1], "href", href);
                }
            }
        }
        cJSON *arr = cJSON_GetObjectItem(cJSON_GetObjectItem(s->lists[li], "chart"), "departments");
        cJSON *back = chunk(&depts, 0, depts.n);
        if (arr) { /* the departments back in their array, in order */
            arr->child = back->child;
            back->child = NULL;
        }
        cJSON_Delete(back);
        free(depts.v);
        cJSON *tp = cJSON_CreateArray(), *lp = cJSON_CreateArray();
        for (size_t i = 0; i < s->n; i++) {
            if (s->p[i].list != li)
                continue;
            char label[96];
            range_label(&s->p[i], label, sizeof label);
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "href", s->p[i].href);
            cJSON_AddStringToObject(o, "label", label);
            cJSON_AddItemToArray(s->p[i].lagging ? lp : tp, o);
        }
        set_item(s->lists[li], "table_parts", tp);
        set_item(s->lists[li], "lag_parts", lp);
    }
}

/* Renders piece i into its page. */
static int render_piece(splitter *s, size_t i, bl_error *err)
{
    piece *p = &s->p[i];
    cJSON *list = s->lists[p->list];
    const char *key = p->lagging ? "lagging" : "projects";
    cJSON *c = chunk(p->lagging ? &s->lagging[p->list] : &s->projects[p->list], p->first,
                     p->count);
    cJSON_ReplaceItemInObject(list, key, c);

    cJSON *part = cJSON_CreateObject();
    cJSON_AddBoolToObject(part, "is_lagging", p->lagging);
    const char *heading = cJSON_GetStringValue(cJSON_GetObjectItem(list, "heading"));
    char title[1024], label[96], pos[96];
    snprintf(title, sizeof title, "%s%s%s", p->lagging ? bl_view_word("lagging") : "",
             p->lagging ? " · " : "", heading ? heading : "");
    range_label(p, label, sizeof label);
    snprintf(pos, sizeof pos, "%zu / %zu", i + 1, s->n);
    cJSON_AddStringToObject(part, "title", title);
    cJSON_AddStringToObject(part, "label", label);
    cJSON_AddStringToObject(part, "position", pos);
    cJSON_AddStringToObject(part, "index_href", base_name(s->path));
    if (i > 0)
        cJSON_AddStringToObject(part, "prev_href", s->p[i - 1].href);
    if (i + 1 < s->n)
        cJSON_AddStringToObject(part, "next_href", s->p[i + 1].href);
    /* the list's own fields, borrowed (not freed with the part) */
    cJSON_AddItemToObject(part, "list", cJSON_CreateObjectReference(list->child));
    cJSON_AddItemToObject(s->view, "part", part);

    bl_buf_reset(&p->page);
    int rc = bl_html_render_view(s->o, PART_TEMPLATE, s->view, &p->page, err);

    cJSON_DeleteItemFromObject(s->view, "part");
    chunk_release(cJSON_DetachItemFromObject(list, key));
    cJSON_AddItemToObject(list, key, cJSON_CreateArray());
    return rc;
}

/* Cuts every piece over the limit into pieces of about a quarter of it; true
 * when any was cut. */
static bool recut(splitter *s, size_t limit)
{
    bool over = false;
    for (size_t i = 0; i < s->n; i++)
        over = over || (s->p[i].page.len > limit && s->p[i].count > 1);
    if (!over)
        return false; /* the pages rendered stay */
    piece *old = s->p;
    size_t n = s->n;
    s->p = NULL;
    s->n = s->cap = 0;
    bool cut = false;
    for (size_t i = 0; i < n; i++) {
        piece *p = &old[i];
        size_t k = 1;
        if (p->page.len > limit && p->count > 1) {
            k = p->page.len / (limit / 4) + 1;
            if (k > p->count)
                k = p->count;
            cut = true;
        }
        for (size_t j = 0; j < k; j++) {
            size_t a = p->first + p->count * j / k, b = p->first + p->count * (j + 1) / k;
            add_piece(s, p->list, p->lagging, a, b - a);
        }
        bl_buf_free(&p->page);
        free(p->path);
    }
    free(old);
    return cut;
}

static void give_back(splitter *s)
{
    for (int li = 0; li < s->n_lists; li++) {
        const char *keys[2] = {"projects", "lagging"};
        items *its[2] = {&s->projects[li], &s->lagging[li]};
        for (int k = 0; k < 2; k++) {
            cJSON_ReplaceItemInObject(s->lists[li], keys[k], chunk(its[k], 0, its[k]->n));
            free(its[k]->v);
        }
    }
    for (size_t i = 0; i < s->n; i++) {
        bl_buf_free(&s->p[i].page);
        free(s->p[i].path);
    }
    free(s->p);
    free(s->projects);
    free(s->lagging);
    free(s->lists);
}

static int write_split(splitter *s, size_t limit, bl_html_emit emit, void *ctx,
                       bl_error *err)
{
    cJSON *lists = cJSON_GetObjectItem(s->view, "lists");
    s->n_lists = cJSON_GetArraySize(lists);
    s->lists = bl_calloc((size_t)s->n_lists + 1, sizeof *s->lists);
    s->projects = bl_calloc((size_t)s->n_lists + 1, sizeof *s->projects);
    s->lagging = bl_calloc((size_t)s->n_lists + 1, sizeof *s->lagging);
    int li = 0;
    cJSON *l;
    cJSON_ArrayForEach(l, lists)
    {
        s->lists[li] = l;
        s->lagging[li] = take(cJSON_GetObjectItem(l, "lagging"));
        s->projects[li] = take(cJSON_GetObjectItem(l, "projects"));
        li++;
    }
    /* the parts in the index's order: the 督办清单, then the lists */
    for (li = 0; li < s->n_lists; li++)
        if (s->lagging[li].n)
            add_piece(s, li, true, 0, s->lagging[li].n);
    for (li = 0; li < s->n_lists; li++)
        if (s->projects[li].n)
            add_piece(s, li, false, 0, s->projects[li].n);
    cJSON_ReplaceItemInObject(s->view, "split", cJSON_CreateTrue());
    int rc = BL_OK;
    for (int round = 0; !rc; round++) {
        number_parts(s);
        for (size_t i = 0; !rc && i < s->n; i++)
            rc = render_piece(s, i, err);
        if (rc || round == MAX_ROUNDS || !recut(s, limit))
            break;
    }
    bl_buf index = BL_BUF_INIT;
    if (!rc)
        rc = bl_html_render_view(s->o, BL_HTML_PAGE_TEMPLATE, s->view, &index, err);
    if (!rc)
        rc = emit(ctx, s->path, index.data ? index.data : "", index.len, err);
    for (size_t i = 0; !rc && i < s->n; i++)
        rc = emit(ctx, s->p[i].path, s->p[i].page.data ? s->p[i].page.data : "",
                  s->p[i].page.len, err);
    bl_buf_free(&index);
    give_back(s);
    return rc;
}

int bl_html_write_pages(bl_model *m, const bl_document *d, const bl_html_options *o,
                        const char *path, bl_html_emit emit, void *ctx, bl_error *err)
{
    size_t limit = o && o->split_size ? o->split_size : BL_HTML_SPLIT_SIZE;
    cJSON *view = bl_html_view(m, d, o);
    cJSON_AddBoolToObject(view, "split", false);
    int rc = BL_OK;
    bl_buf page = BL_BUF_INIT;
    bool split = path && o && o->split_lists;
    if (!split) {
        rc = bl_html_render_view(o, BL_HTML_PAGE_TEMPLATE, view, &page, err);
        split = !rc && path && page.len > limit;
        if (!rc && !split)
            rc = emit(ctx, path, page.data ? page.data : "", page.len, err);
    }
    bl_buf_free(&page);
    if (!rc && split) {
        splitter s = {.o = o, .view = view, .path = path};
        rc = write_split(&s, limit, emit, ctx, err);
    }
    cJSON_Delete(view);
    return rc;
}
