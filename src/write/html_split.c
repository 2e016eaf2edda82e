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
 * that holds them.
 *
 * The view's large tables are typed rows (view.h): a piece's rows are made
 * into cJSON when it is rendered and freed after, so a large report never
 * holds the cJSON of all its projects. The size of a piece of more than
 * CHUNK rows is measured a CHUNK at a time: the piece rendered empty plus,
 * for each chunk, what rendering it adds (a section over an array renders
 * its items one after the other). A page whose rows alone pass the limit
 * is split without being rendered whole. Pages are emitted once the cut is
 * final; pages of the last measuring round are kept (up to KEEP_PAGES
 * bytes) rather than rendered again.
 */
#include "write_html.h"
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"
#include "view_words.h"

#define PART_TEMPLATE "part.html.mustache"
#define MAX_ROUNDS 8
/* Rows made into cJSON at a time when measuring (about 10 MB of cJSON),
 * and the rows up to which a page is first rendered whole. */
#define CHUNK ((size_t)1000)
#define WHOLE_ROWS ((size_t)4000)
#define KEEP_PAGES ((size_t)32 << 20)

typedef struct piece {
    int list;         /* 0-based index of the view's list */
    bool lagging;     /* its 督办清单, else its full table */
    size_t first, count;
    size_t len;       /* the rendered size */
    bl_buf page;      /* kept from the last round, or empty */
    char *path, *href; /* the part's file, and its name for links */
} piece;

typedef struct splitter {
    const bl_html_options *o;
    cJSON *view;
    const bl_view_rows *rows;
    cJSON **lists;
    int n_lists;
    piece *p;
    size_t n, cap;
    size_t kept; /* bytes of pages kept */
    const char *path; /* the index page */
    /* the pieces of list li, in order of their first row: its 督办清单's
     * [lag_at[li], lag_end[li]) and its table's [tab_at[li], tab_end[li])
     * (made by index_pieces after every cut) */
    size_t *lag_at, *lag_end, *tab_at, *tab_end;
} splitter;

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

/* The ranges of each list's pieces (pieces are made in order: every
 * list's 督办清单, then every list's table, a cut piece's parts in place). */
static void index_pieces(splitter *s)
{
    size_t n = (size_t)s->n_lists + 1;
    size_t **all[4] = {&s->lag_at, &s->lag_end, &s->tab_at, &s->tab_end};
    for (int k = 0; k < 4; k++) {
        free(*all[k]);
        *all[k] = bl_calloc(n, sizeof **all[k]);
    }
    for (size_t i = s->n; i > 0; i--) { /* backwards: at = the first */
        const piece *p = &s->p[i - 1];
        size_t *at = p->lagging ? s->lag_at : s->tab_at;
        size_t *end = p->lagging ? s->lag_end : s->tab_end;
        if (!end[p->list])
            end[p->list] = i;
        at[p->list] = i - 1;
    }
}

/* The part holding the ordinal-th project (from 1) of list li: a binary
 * search of the list's table pieces. */
static const piece *table_piece(const splitter *s, int li, size_t ordinal)
{
    if (li < 0 || li >= s->n_lists)
        return NULL;
    size_t lo = s->tab_at[li], hi = s->tab_end[li];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const piece *p = &s->p[mid];
        if (ordinal <= p->first)
            hi = mid;
        else if (ordinal > p->first + p->count)
            lo = mid + 1;
        else
            return p;
    }
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

/* The rows [first, first + count) of a list's table or 督办清单 (list -1:
 * the document's) as a new array, the 督办清单's rows linked to the parts. */
static cJSON *rows_json(const splitter *s, int list, bool lagging, size_t first, size_t count)
{
    cJSON *arr = bl_view_rows_json(s->rows, list, lagging, first, count);
    cJSON *l;
    if (lagging)
        cJSON_ArrayForEach(l, arr) link_row(s, l);
    return arr;
}

/* The links to the pieces [at, end): href and label each. */
static cJSON *parts_json(const splitter *s, size_t at, size_t end)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = at; i < end; i++) {
        char label[96];
        range_label(&s->p[i], label, sizeof label);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "href", s->p[i].href);
        cJSON_AddStringToObject(o, "label", label);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

/* Names the parts in order and points every link at them. */
static void number_parts(splitter *s)
{
    index_pieces(s);
    for (size_t i = 0; i < s->n; i++) {
        free(s->p[i].path);
        s->p[i].path = part_path(s->path, i + 1);
        s->p[i].href = (char *)base_name(s->p[i].path);
    }
    for (int li = 0; li < s->n_lists; li++) {
        /* a department's anchor is on its first row; "dept-L-N" is the N-th
         * department of the chart (view.c) */
        cJSON *depts = cJSON_GetObjectItem(cJSON_GetObjectItem(s->lists[li], "chart"),
                                           "departments");
        size_t n_depts = (size_t)cJSON_GetArraySize(depts);
        cJSON **dv = bl_calloc(n_depts + 1, sizeof *dv);
        size_t k = 0;
        cJSON *dp;
        cJSON_ArrayForEach(dp, depts) dv[k++] = dp;
        size_t ordinal = 0;
        const char *id = NULL;
        size_t n_firsts = bl_view_rows_dept_firsts(s->rows, li, 0, &ordinal, &id);
        for (size_t i = 0; i < n_firsts; i++) {
            bl_view_rows_dept_firsts(s->rows, li, i, &ordinal, &id);
            const piece *p = table_piece(s, li, ordinal);
            int dl;
            size_t dn;
            if (id && p && sscanf(id, "dept-%d-%zu", &dl, &dn) == 2 && dn >= 1 && dn <= n_depts) {
                char href[512];
                snprintf(href, sizeof href, "%s#%s", p->href, id);
                set_str(dv[dn - 1], "href", href);
            }
        }
        free(dv);
        set_item(s->lists[li], "table_parts",
                 parts_json(s, s->tab_at[li], s->tab_end[li]));
        set_item(s->lists[li], "lag_parts", parts_json(s, s->lag_at[li], s->lag_end[li]));
    }
}

/* Renders piece i with its rows [first, first + count) into out. */
static int render_rows(splitter *s, size_t i, size_t first, size_t count, bl_buf *out,
                       bl_error *err)
{
    piece *p = &s->p[i];
    cJSON *list = s->lists[p->list];
    const char *key = p->lagging ? "lagging" : "projects";
    cJSON_ReplaceItemInObject(list, key, rows_json(s, p->list, p->lagging, first, count));

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

    int rc = bl_html_render_view(s->o, PART_TEMPLATE, s->view, out, err);

    cJSON_DeleteItemFromObject(s->view, "part");
    cJSON_ReplaceItemInObject(list, key, cJSON_CreateArray());
    return rc;
}

/* Measures piece i (p->len); its page is kept when it was rendered whole
 * and fits the budget. */
static int measure_piece(splitter *s, size_t i, bl_error *err)
{
    piece *p = &s->p[i];
    bl_buf_free(&p->page);
    if (p->count <= CHUNK) {
        int rc = render_rows(s, i, p->first, p->count, &p->page, err);
        p->len = p->page.len;
        if (!rc && s->kept + p->len <= KEEP_PAGES)
            s->kept += p->len;
        else
            bl_buf_free(&p->page);
        return rc;
    }
    bl_buf b = BL_BUF_INIT;
    int rc = render_rows(s, i, p->first, 0, &b, err);
    size_t empty = b.len;
    p->len = empty;
    for (size_t k = 0; !rc && k < p->count; k += CHUNK) {
        bl_buf_reset(&b);
        rc = render_rows(s, i, p->first + k, p->count - k < CHUNK ? p->count - k : CHUNK, &b,
                         err);
        p->len += b.len > empty ? b.len - empty : 0;
    }
    bl_buf_free(&b);
    return rc;
}

static void drop_pages(splitter *s)
{
    for (size_t i = 0; i < s->n; i++)
        bl_buf_free(&s->p[i].page);
    s->kept = 0;
}

/* Cuts every piece over the limit into pieces of about a quarter of it; true
 * when any was cut. */
static bool recut(splitter *s, size_t limit)
{
    bool over = false;
    for (size_t i = 0; i < s->n; i++)
        over = over || (s->p[i].len > limit && s->p[i].count > 1);
    if (!over)
        return false; /* the pages rendered stay */
    drop_pages(s);
    piece *old = s->p;
    size_t n = s->n;
    s->p = NULL;
    s->n = s->cap = 0;
    bool cut = false;
    for (size_t i = 0; i < n; i++) {
        piece *p = &old[i];
        size_t k = 1;
        if (p->len > limit && p->count > 1) {
            k = p->len / (limit / 4) + 1;
            if (k > p->count)
                k = p->count;
            cut = true;
        }
        for (size_t j = 0; j < k; j++) {
            size_t a = p->first + p->count * j / k, b = p->first + p->count * (j + 1) / k;
            add_piece(s, p->list, p->lagging, a, b - a);
        }
        free(p->path);
    }
    free(old);
    return cut;
}

static void split_free(splitter *s)
{
    for (size_t i = 0; i < s->n; i++) {
        bl_buf_free(&s->p[i].page);
        free(s->p[i].path);
    }
    free(s->p);
    free(s->lists);
    free(s->lag_at);
    free(s->lag_end);
    free(s->tab_at);
    free(s->tab_end);
}

/* The index page: the view with the document's 督办清单 (its rows linked to
 * the parts) and without the lists' tables. The built-in page does not
 * list the document's 督办清单 (each list's is in its parts): when every
 * CHUNK of it renders the page just as none does, the page is that one
 * and the rows are never all made into cJSON at once. */
static int render_index(splitter *s, bl_buf *out, bl_error *err)
{
    size_t n = bl_view_rows_count(s->rows, -1, true);
    int rc = bl_html_render_view(s->o, BL_HTML_PAGE_TEMPLATE, s->view, out, err);
    bool same = true;
    bl_buf b = BL_BUF_INIT;
    for (size_t f = 0; !rc && same && f < n; f += CHUNK) {
        cJSON_ReplaceItemInObject(s->view, "lagging", rows_json(s, -1, true, f, CHUNK));
        bl_buf_reset(&b);
        rc = bl_html_render_view(s->o, BL_HTML_PAGE_TEMPLATE, s->view, &b, err);
        same = b.len == out->len && (!b.len || memcmp(b.data, out->data, b.len) == 0);
    }
    bl_buf_free(&b);
    if (!rc && !same) {
        cJSON_ReplaceItemInObject(s->view, "lagging", rows_json(s, -1, true, 0, n));
        bl_buf_reset(out);
        rc = bl_html_render_view(s->o, BL_HTML_PAGE_TEMPLATE, s->view, out, err);
    }
    cJSON_ReplaceItemInObject(s->view, "lagging", cJSON_CreateArray());
    return rc;
}

static int write_split(splitter *s, size_t limit, bl_html_emit emit, void *ctx,
                       bl_error *err)
{
    cJSON *lists = cJSON_GetObjectItem(s->view, "lists");
    s->n_lists = cJSON_GetArraySize(lists);
    s->lists = bl_calloc((size_t)s->n_lists + 1, sizeof *s->lists);
    int li = 0;
    cJSON *l;
    cJSON_ArrayForEach(l, lists) s->lists[li++] = l;
    /* the parts in the index's order: the 督办清单, then the lists */
    for (li = 0; li < s->n_lists; li++)
        if (bl_view_rows_count(s->rows, li, true))
            add_piece(s, li, true, 0, bl_view_rows_count(s->rows, li, true));
    for (li = 0; li < s->n_lists; li++)
        if (bl_view_rows_count(s->rows, li, false))
            add_piece(s, li, false, 0, bl_view_rows_count(s->rows, li, false));
    cJSON_ReplaceItemInObject(s->view, "split", cJSON_CreateTrue());
    int rc = BL_OK;
    for (int round = 0; !rc; round++) {
        number_parts(s);
        for (size_t i = 0; !rc && i < s->n; i++)
            rc = measure_piece(s, i, err);
        if (rc || round == MAX_ROUNDS || !recut(s, limit))
            break;
    }
    bl_buf page = BL_BUF_INIT;
    if (!rc)
        rc = render_index(s, &page, err);
    if (!rc)
        rc = emit(ctx, s->path, page.data ? page.data : "", page.len, err);
    for (size_t i = 0; !rc && i < s->n; i++) {
        piece *p = &s->p[i];
        bl_buf_reset(&page);
        if (!p->page.data)
            rc = render_rows(s, i, p->first, p->count, &page, err);
        const bl_buf *b = p->page.data ? &p->page : &page;
        if (!rc)
            rc = emit(ctx, p->path, b->data ? b->data : "", b->len, err);
        bl_buf_free(&p->page);
    }
    bl_buf_free(&page);
    split_free(s);
    return rc;
}

/* Fills (or empties) the view's large tables with every row. */
static void fill_rows(cJSON *view, const bl_view_rows *rows, bool fill)
{
    int i = 0;
    cJSON *l;
    cJSON_ArrayForEach(l, cJSON_GetObjectItem(view, "lists"))
    {
        const char *keys[2] = {"lagging", "projects"};
        for (int k = 0; k < 2; k++)
            cJSON_ReplaceItemInObject(
                l, keys[k],
                fill ? bl_view_rows_json(rows, i, k == 0, 0, bl_view_rows_count(rows, i, k == 0))
                     : cJSON_CreateArray());
        i++;
    }
    cJSON_ReplaceItemInObject(view, "lagging",
                              fill ? bl_view_rows_json(rows, -1, true, 0,
                                                       bl_view_rows_count(rows, -1, true))
                                   : cJSON_CreateArray());
}

/* One of the page's large tables: a list's 督办清单 or full table, or the
 * document's 督办清单 (list -1). */
typedef struct rows_source {
    cJSON *owner;
    const char *key;
    int list;
    bool lagging;
} rows_source;

/* Whether the page's rows alone pass limit, measured CHUNK rows at a time
 * as measure_piece does; pages of few rows are not measured (false). A
 * batch of CHUNK rows may span many small tables, so that the page around
 * them is rendered once per CHUNK rows, not once per table (10,000 lists
 * of one row each would render the page 20,000 times). */
static int rows_over(cJSON *view, const bl_view_rows *rows, const bl_html_options *o,
                     size_t limit, bool *over, bl_error *err)
{
    *over = false;
    cJSON *lists = cJSON_GetObjectItem(view, "lists");
    int n_lists = cJSON_GetArraySize(lists);
    size_t total = bl_view_rows_count(rows, -1, true);
    for (int i = 0; i < n_lists; i++)
        total += bl_view_rows_count(rows, i, true) + bl_view_rows_count(rows, i, false);
    if (total <= WHOLE_ROWS)
        return BL_OK;
    size_t n_src = 1 + 2 * (size_t)n_lists, n_filled = 0;
    rows_source *src = bl_calloc(n_src, sizeof *src);
    size_t *filled = bl_calloc(n_src, sizeof *filled);
    src[0] = (rows_source){view, "lagging", -1, true};
    cJSON *l = lists ? lists->child : NULL;
    for (int i = 0; i < n_lists; i++, l = l->next) {
        src[1 + 2 * (size_t)i] = (rows_source){l, "lagging", i, true};
        src[2 + 2 * (size_t)i] = (rows_source){l, "projects", i, false};
    }
    size_t last = 0; /* the last table with rows: it ends the last batch */
    for (size_t s = 0; s < n_src; s++)
        if (bl_view_rows_count(rows, src[s].list, src[s].lagging))
            last = s;
    bl_buf b = BL_BUF_INIT;
    int rc = bl_html_render_view(o, BL_HTML_PAGE_TEMPLATE, view, &b, err);
    size_t empty = b.len, sum = 0, batch = 0;
    for (size_t s = 0; !rc && !*over && s <= last; s++) {
        size_t n = bl_view_rows_count(rows, src[s].list, src[s].lagging);
        for (size_t f = 0; !rc && !*over && f < n;) {
            size_t take = n - f < CHUNK - batch ? n - f : CHUNK - batch;
            cJSON_ReplaceItemInObject(src[s].owner, src[s].key,
                                      bl_view_rows_json(rows, src[s].list, src[s].lagging,
                                                        f, take));
            if (!n_filled || filled[n_filled - 1] != s)
                filled[n_filled++] = s;
            f += take;
            batch += take;
            if (batch < CHUNK && s < last)
                continue; /* room left in the batch: the next rows join it */
            bl_buf_reset(&b);
            rc = bl_html_render_view(o, BL_HTML_PAGE_TEMPLATE, view, &b, err);
            sum += b.len > empty ? b.len - empty : 0;
            *over = sum > limit;
            for (size_t k = 0; k < n_filled; k++)
                cJSON_ReplaceItemInObject(src[filled[k]].owner, src[filled[k]].key,
                                          cJSON_CreateArray());
            n_filled = batch = 0;
        }
    }
    /* tables an error left filled are emptied again */
    for (size_t k = 0; k < n_filled; k++)
        cJSON_ReplaceItemInObject(src[filled[k]].owner, src[filled[k]].key,
                                  cJSON_CreateArray());
    free(filled);
    free(src);
    bl_buf_free(&b);
    return rc;
}

int bl_html_write_pages(bl_model *m, const bl_document *d, const bl_html_options *o,
                        const char *path, bl_html_emit emit, void *ctx, bl_error *err)
{
    size_t limit = o && o->split_size ? o->split_size : BL_HTML_SPLIT_SIZE;
    bl_view_rows *rows = NULL;
    cJSON *view = bl_html_view_rows(m, d, o, &rows);
    cJSON_AddBoolToObject(view, "split", false);
    int rc = BL_OK;
    bool split = path && o && o->split_lists;
    if (!split && path)
        rc = rows_over(view, rows, o, limit, &split, err);
    if (!rc && !split) {
        bl_buf page = BL_BUF_INIT;
        fill_rows(view, rows, true);
        rc = bl_html_render_view(o, BL_HTML_PAGE_TEMPLATE, view, &page, err);
        fill_rows(view, rows, false);
        split = !rc && path && page.len > limit;
        if (!rc && !split)
            rc = emit(ctx, path, page.data ? page.data : "", page.len, err);
        bl_buf_free(&page);
    }
    if (!rc && split) {
        splitter s = {.o = o, .view = view, .rows = rows, .path = path};
        rc = write_split(&s, limit, emit, ctx, err);
    }
    cJSON_Delete(view);
    bl_view_rows_free(rows);
    return rc;
}
