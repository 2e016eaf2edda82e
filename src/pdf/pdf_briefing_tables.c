/* pdf_briefing_tables.c - the briefing's tables: the full table per list
 * (read from the model, with the view's labels and anchors), the lagging
 * projects and the indicators (from the view); see pdf_internal.h. */
#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "key_table.h"
#include "pdf_internal.h"
#include "view.h"

/* What a column holds; the order and headers are the view's "columns"
 * (view_words.c), the page's. */
enum { C_SEQ, C_CONTENT, C_DEPT, C_LEADER, C_STATUS, C_PROGRESS, C_RATE, C_N };
static const char *const column_keys[C_N] = {"seq", "content", "dept", "leader",
                                             "status", "progress", "rate"};

/* The index of key in keys[0..n), or -1. */
static int key_index(const char *const *keys, int n, const char *key)
{
    for (int i = 0; key && i < n; i++)
        if (strcmp(keys[i], key) == 0)
            return i;
    return -1;
}

/* The table of the view's columns (array cols, keys of keys[0..n)): pos[k]
 * is the position of content k, or -1 when the view has no such column. */
static void columns_from_view(const cJSON *cols, const char *const *keys, int n,
                              table *t, int *pos)
{
    memset(t, 0, sizeof *t);
    for (int k = 0; k < n; k++)
        pos[k] = -1;
    const cJSON *c;
    cJSON_ArrayForEach(c, cols)
    {
        int k = key_index(keys, n, jstr(c, "key"));
        if (k < 0 || pos[k] >= 0 || t->n == MAX_COLS)
            continue;
        pos[k] = t->n;
        t->col[t->n].title = nz(jstr(c, "header"));
        t->col[t->n].align = PANGO_ALIGN_CENTER;
        t->n++;
    }
}

/* The 分管领导 column after the department's (the internal edition's, which
 * the page does not show): the columns after it move one to the right. */
static void insert_leader(const pdf *P, table *t, int *pos)
{
    if (pos[C_LEADER] >= 0 || pos[C_DEPT] < 0 || t->n >= MAX_COLS)
        return;
    int at = pos[C_DEPT] + 1;
    memmove(&t->col[at + 1], &t->col[at], (size_t)(t->n - at) * sizeof t->col[0]);
    for (int k = 0; k < C_N; k++)
        if (pos[k] >= at)
            pos[k]++;
    pos[C_LEADER] = at;
    memset(&t->col[at], 0, sizeof t->col[at]);
    t->col[at].title = pdf_word(P, "leader");
    t->n++;
}

/* Whether a project of the list names its leader. */
static bool list_has_leader(const bl_list *ml)
{
    for (const bl_project *p = ml->projects; p; p = p->next)
        for (const bl_entry *e = p->entries; e; e = e->next)
            if (e->leader && *e->leader)
                return true;
    return false;
}

/* The full table's columns: the view's, and 分管领导 in the internal edition
 * (settings edition = internal) of a list whose source names leaders. */
static void project_table_spec(const pdf *P, bool leader, table *t, colplan *plan, int *pos)
{
    columns_from_view(jget(P->view, "columns"), column_keys, C_N, t, pos);
    if (leader)
        insert_leader(P, t, pos);
    memset(plan, 0, sizeof *plan * MAX_COLS);
    for (int k = 0; k < C_N; k++) {
        if (pos[k] < 0)
            continue;
        tcol *col = &t->col[pos[k]];
        colplan *pl = &plan[pos[k]];
        col->align = k == C_CONTENT || k == C_PROGRESS ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER;
        col->repeats = k == C_DEPT || k == C_LEADER || k == C_STATUS || k == C_RATE;
        col->per_entry = k == C_DEPT || k == C_LEADER || k == C_STATUS || k == C_PROGRESS ||
                         k == C_RATE;
        pl->wraps = k == C_CONTENT || k == C_PROGRESS;
        pl->max_em = k == C_SEQ ? 3 : k == C_DEPT ? 7 : k == C_LEADER ? 4.5
                   : k == C_STATUS ? 5 : k == C_RATE ? 4.5 : 0;
        pl->min_em = k == C_DEPT || k == C_STATUS ? 4 : k == C_LEADER ? 3.5
                   : k == C_RATE ? 3 : 0;
    }
}

/* cells[pos[k]] = text, when the table has column k. */
static void put(const char **cells, const int *pos, int k, const char *text)
{
    if (pos[k] >= 0)
        cells[pos[k]] = text;
}

/* The full table is read from the model rather than the view: the view's
 * projects are the bulk of its memory for large reports (about 7 KB a
 * project). The labels come from the same functions view.c uses, and the
 * anchors from the view's lagging items and chart, so both documents agree.
 * Per-list state while walking the projects: */

typedef struct list_walk {
    bl_key_table lag_ids;   /* the view's lagging row ids (sorted by
                               shortfall, not in project order) */
    int list_index;         /* 3 for "list-3" */
    size_t ordinal;         /* of the project being walked, from 1 */
    int pos[C_N];           /* the column of each content, or -1 */
    int stride;             /* the table's columns: cells of an entry */
    bl_key_table depts;     /* the chart's departments: key -> anchor */
    char rate[256];         /* scratch rate labels */
} list_walk;

static const char *dept_anchor(list_walk *w, const char *key)
{
    if (!key)
        return NULL;
    bl_key_slot *s = bl_key_table_find(&w->depts, key);
    if (!s->key || s->seen)
        return NULL; /* only a department's first row is anchored */
    s->seen = true;
    return s->id;
}

/* The texts of one entry, composed in comp bufs base to base + 2, with
 * the view's labels (the page's words for the same fields). */
static void entry_cells(pdf *P, const int *pos, const bl_project *p, const bl_entry *e,
                        size_t base, const char **cells)
{
    put(cells, pos, C_DEPT, nz(e->department));
    put(cells, pos, C_LEADER, nz(e->leader));
    bl_buf *st = pdf_comp_buf(P, base);
    bl_buf_puts(st, bl_view_status_label(e->status));
    if (e->behind && e->status != BL_STATUS_BEHIND)
        bl_buf_printf(st, "\n（%s）", pdf_word(P, "behind"));
    put(cells, pos, C_STATUS, bl_buf_cstr(st));
    bl_buf *pr = pdf_comp_buf(P, base + 1);
    if (e->target)
        bl_buf_printf(pr, "%s：%s", pdf_word(P, "target"), e->target);
    if (e->planned)
        bl_buf_printf(pr, "%s%s：%s", pr->len ? "\n" : "", pdf_word(P, "planned"), e->planned);
    if (e->progress)
        bl_buf_printf(pr, "%s%s%s%s", pr->len ? "\n" : "",
                      e->target || e->planned ? pdf_word(P, "progress") : "",
                      e->target || e->planned ? "：" : "", e->progress);
    if (e->behind_reason &&
        (!e->progress || !strstr(e->progress, e->behind_reason)))
        bl_buf_printf(pr, "%s%s：%s", pr->len ? "\n" : "", pdf_word(P, "behind_reason"),
                      e->behind_reason);
    put(cells, pos, C_PROGRESS, bl_buf_cstr(pr));
    bl_buf *rt = pdf_comp_buf(P, base + 2);
    if (e->n_rates) {
        char buf[256];
        bl_view_rates_label(e->rates, e->n_rates, buf, sizeof buf);
        bl_buf_puts(rt, buf);
    } else if (p->n_entries == 1 && p->has_rate) {
        char one[48];
        bl_view_format_rate(p->rate, one, sizeof one);
        bl_buf_puts(rt, one);
    }
    put(cells, pos, C_RATE, bl_buf_cstr(rt));
}

/* Grows the row's arrays to n entries. */
static void row_reserve(trow *r, int n, size_t *cap)
{
    if ((size_t)n > *cap) {
        *cap = (size_t)n * 2;
        r->cells = xrealloc(r->cells, *cap * C_N * sizeof *r->cells);
        r->dests = xrealloc(r->dests, *cap * sizeof *r->dests);
    }
    memset(r->cells, 0, (size_t)n * C_N * sizeof *r->cells);
    memset(r->dests, 0, (size_t)n * sizeof *r->dests);
    r->n_entries = n;
}

static void project_row(pdf *P, list_walk *w, const bl_project *p, trow *r,
                        size_t *cap)
{
    int n = (int)p->n_entries;
    row_reserve(r, n > 0 ? n : 1, cap);
    const int *pos = w->pos;
    for (int c = 0; c < C_N; c++) /* columns the model leaves empty */
        if (pos[c] >= 0)
            for (int e = 0; e < r->n_entries; e++)
                r->cells[e * w->stride + pos[c]] = "";
    put(r->cells, pos, C_SEQ, nz(p->seq));
    put(r->cells, pos, C_CONTENT, nz(p->content));
    r->dest = NULL;
    r->link = NULL;
    w->ordinal++;
    if (bl_project_is_lagging(p)) {
        char id[96];
        bl_view_project_anchor(w->list_index, w->ordinal, id, sizeof id);
        bl_key_slot *s = bl_key_table_find(&w->lag_ids, id);
        r->dest = s->key ? s->id : NULL;
    }
    int i = 0;
    for (const bl_entry *e = p->entries; e; e = e->next, i++) {
        entry_cells(P, pos, p, e, (size_t)i * 3, r->cells + i * w->stride);
        r->dests[i] = dept_anchor(w, e->department_key);
    }
    if (n == 0) {
        put(r->cells, pos, C_STATUS, bl_view_status_label(p->status));
        bl_buf *rt = pdf_comp_buf(P, 2);
        if (p->has_rate) {
            char one[48];
            bl_view_format_rate(p->rate, one, sizeof one);
            bl_buf_puts(rt, one);
        }
        put(r->cells, pos, C_RATE, bl_buf_cstr(rt));
    }
}

/* The anchors of every list's 督办清单 rows, in their order, made once for
 * the writer's life: table rows link to them and point at them. */
void pdf_lag_ids(pdf *P)
{
    int n_lists = cJSON_GetArraySize(jget(P->view, "lists"));
    P->lag_id_of = xrealloc(NULL, ((size_t)n_lists + 1) * sizeof *P->lag_id_of);
    size_t n = 0;
    for (int li = 0; li < n_lists; li++) {
        P->lag_id_of[li] = n;
        n += bl_view_rows_count(P->rows, li, true);
    }
    P->lag_id_of[n_lists] = n;
    P->lag_ids = xrealloc(NULL, (n ? n : 1) * sizeof *P->lag_ids);
    for (int li = 0; li < n_lists; li++)
        for (size_t i = 0; i < P->lag_id_of[li + 1] - P->lag_id_of[li]; i++) {
            int list_index = 0;
            size_t ordinal = bl_view_rows_lag_ordinal(P->rows, li, i, &list_index);
            bl_view_project_anchor(list_index, ordinal, P->lag_ids[P->lag_id_of[li] + i],
                                   sizeof P->lag_ids[0]);
        }
}

static void walk_start(pdf *P, list_walk *w, const cJSON *list)
{
    w->list_index = (int)jnum(list, "index");
    w->ordinal = 0;
    int li = w->list_index - 1;
    size_t first = P->lag_id_of[li], n = P->lag_id_of[li + 1] - first;
    bl_key_table_free(&w->lag_ids);
    bl_key_table_init(&w->lag_ids, n);
    for (size_t i = 0; i < n; i++)
        bl_key_table_put(&w->lag_ids, P->lag_ids[first + i], P->lag_ids[first + i]);
    const cJSON *depts = jget(jget(list, "chart"), "departments");
    bl_key_table_free(&w->depts); /* a second walk starts afresh */
    bl_key_table_init(&w->depts, (size_t)cJSON_GetArraySize(depts));
    const cJSON *d;
    cJSON_ArrayForEach(d, depts)
    {
        const char *k = jstr(d, "key");
        if (k)
            bl_key_table_put(&w->depts, k, jstr(d, "id"));
    }
}

void pdf_project_table(pdf *P, const cJSON *list, const bl_list *ml)
{
    table t;
    colplan plan[MAX_COLS];
    list_walk w = {0};
    project_table_spec(P, P->office.internal && list_has_leader(ml), &t, plan, w.pos);
    w.stride = t.n;
    trow r = {0};
    size_t cap = 0;
    walk_start(P, &w, list);
    for (const bl_project *p = ml->projects; p; p = p->next) {
        project_row(P, &w, p, &r, &cap);
        for (int e = 0; e < r.n_entries; e++)
            for (int c = 0; c < t.n; c++)
                if (e == 0 || t.col[c].per_entry)
                    pdf_plan_cell(&plan[c], r.cells[e * t.n + c]);
    }
    pdf_fit_table(P, &t, plan);
    pdf_table_begin(P, &t);
    walk_start(P, &w, list);
    for (const bl_project *p = ml->projects; p; p = p->next) {
        project_row(P, &w, p, &r, &cap);
        pdf_rows_submit(P, &t, &r);
    }
    pdf_rows_flush(P);
    pdf_table_end(P);
    bl_key_table_free(&w.depts);
    bl_key_table_free(&w.lag_ids);
    free(r.cells);
    free(r.dests);
}

/* The 督办清单: the view's lagging items of a list (sorted by shortfall),
 * with the 分管领导 column when the list has one and the shortfall against
 * the time schedule, as on the page. */
enum { L_SEQ, L_CONTENT, L_DEPT, L_LEADER, L_STATUS, L_REASON, L_RATE, L_SHORT, L_PLAN,
       L_DEADLINE, L_N };
static const char *const lag_keys[L_N] = {"seq",    "content", "dept", "leader",    "status",
                                          "reason", "rate",    "shortfall", "next_plan",
                                          "deadline"};

/* The item's reasons, one per line, as the page lists them. */
static const char *lag_reasons_text(pdf *P, const cJSON *g)
{
    bl_buf *b = pdf_comp_buf(P, 3);
    const cJSON *r;
    cJSON_ArrayForEach(r, jget(g, "reasons"))
    {
        if (b->len)
            bl_buf_putc(b, '\n');
        bl_buf_puts(b, nz(jstr(r, "label")));
        if (jstr(r, "text")) {
            bl_buf_puts(b, "：");
            bl_buf_puts(b, jstr(r, "text"));
        }
    }
    return bl_buf_cstr(b);
}

/* Fills cells (indexed by the table's columns through map) of item g. */
static void lagging_cells(pdf *P, const cJSON *g, const int *map, const char **cells)
{
    const char *v[L_N];
    v[L_SEQ] = nz(jstr(g, "seq"));
    v[L_CONTENT] = nz(jstr(g, "content"));
    v[L_DEPT] = nz(jstr(g, "department"));
    v[L_LEADER] = nz(jstr(g, "leader"));
    v[L_STATUS] = nz(jstr(g, "status_shown"));
    v[L_REASON] = lag_reasons_text(P, g);
    v[L_RATE] = nz(jstr(g, "rate_label"));
    v[L_SHORT] = nz(jstr(g, "shortfall_label"));
    v[L_PLAN] = nz(jstr(g, "next_plan"));
    v[L_DEADLINE] = nz(jstr(g, "deadline"));
    for (int c = 0; c < L_N; c++)
        if (map[c] >= 0)
            cells[map[c]] = v[c];
}

/* 督办清单 rows made into cJSON at a time */
#define LAG_CHUNK ((size_t)512)

void pdf_lagging_table(pdf *P, const cJSON *list)
{
    table t;
    int map[L_N];
    /* the columns the page shows, in its order, with its headers */
    columns_from_view(jget(list, "lag_columns"), lag_keys, L_N, &t, map);
    colplan plan[MAX_COLS];
    memset(plan, 0, sizeof plan);
    for (int c = 0; c < L_N; c++) {
        if (map[c] < 0)
            continue;
        tcol *col = &t.col[map[c]];
        col->align = c == L_CONTENT || c == L_REASON ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER;
        col->repeats = c == L_DEPT || c == L_LEADER || c == L_STATUS;
        colplan *pl = &plan[map[c]];
        pl->wraps = c == L_CONTENT || c == L_REASON || c == L_PLAN;
        pl->max_em = c == L_SEQ ? 3 : c == L_DEPT ? 7 : c == L_LEADER ? 4.5
                   : c == L_STATUS ? 6 : c == L_RATE ? 4.5 : c == L_SHORT ? 5.5
                   : c == L_DEADLINE ? 6 : 0;
        pl->min_em = c == L_DEPT ? 4 : c == L_STATUS ? 5 : c == L_LEADER ? 3.5 : c == L_SHORT ? 5.5 : c == L_RATE ? 3 : 0;
    }
    /* the narrow columns keep room for each line of their header
     * ("低于序时" over "（百分点）"), not less than the page's */
    for (int c = 0; c < t.n; c++)
        if (!plan[c].wraps)
            pdf_plan_cell(&plan[c], t.col[c].title);
    const char *cells[MAX_COLS];
    const char *dests[1] = {NULL};
    trow r = {.n_entries = 1, .cells = cells, .dests = dests};
    /* the view's rows a chunk at a time: cells are copied when submitted,
     * links are the writer's own anchors (pdf_lag_ids) */
    int li = (int)jnum(list, "index") - 1;
    size_t n = bl_view_rows_count(P->rows, li, true);
    for (int walk = 0; walk < 2; walk++) {
        if (walk == 1) {
            pdf_fit_table(P, &t, plan);
            pdf_table_begin(P, &t);
        }
        for (size_t f = 0; f < n; f += LAG_CHUNK) {
            cJSON *lagging = bl_view_rows_json(P->rows, li, true, f, LAG_CHUNK);
            size_t k = f;
            const cJSON *g;
            cJSON_ArrayForEach(g, lagging)
            {
                lagging_cells(P, g, map, cells);
                if (walk == 0) {
                    for (int c = 0; c < t.n; c++)
                        pdf_plan_cell(&plan[c], cells[c]);
                } else {
                    r.link = P->lag_ids[P->lag_id_of[li] + k];
                    pdf_rows_submit(P, &t, &r);
                }
                k++;
            }
            cJSON_Delete(lagging);
        }
    }
    pdf_rows_flush(P);
    pdf_table_end(P);
}

enum { I_SEQ, I_NAME, I_TEXT, I_RATE, I_N };
static const char *const indicator_keys[I_N] = {"seq", "name", "text", "rate"};

/* The indicator tables of a narrative report share one set of column
 * widths, fitted to all sections, so they read as one table. */
void pdf_indicator_spec(pdf *P, const cJSON *sections, table *t)
{
    int pos[I_N];
    columns_from_view(jget(P->view, "indicator_columns"), indicator_keys, I_N, t, pos);
    if (pos[I_TEXT] >= 0)
        t->col[pos[I_TEXT]].align = PANGO_ALIGN_LEFT;
    if (pos[I_NAME] >= 0)
        t->col[pos[I_NAME]].align = PANGO_ALIGN_LEFT;
    colplan plan[MAX_COLS];
    memset(plan, 0, sizeof plan);
    colplan none;
#define PLAN(k) (pos[k] >= 0 ? &plan[pos[k]] : &none)
    PLAN(I_SEQ)->max_em = 3;
    PLAN(I_RATE)->max_em = 6;
    PLAN(I_RATE)->min_em = 3;
    PLAN(I_NAME)->wraps = true;
    PLAN(I_TEXT)->wraps = true;
    const cJSON *sec, *ind;
    cJSON_ArrayForEach(sec, sections)
    {
        cJSON_ArrayForEach(ind, jget(sec, "indicators"))
        {
            pdf_plan_cell(PLAN(I_SEQ), jstr(ind, "seq"));
            pdf_plan_cell(PLAN(I_NAME), jstr(ind, "name"));
            pdf_plan_cell(PLAN(I_TEXT), jstr(ind, "text"));
            pdf_plan_cell(PLAN(I_RATE), jstr(ind, "rates_label"));
        }
    }
#undef PLAN
    pdf_fit_table(P, t, plan);
}

void pdf_indicator_table(pdf *P, table *t, const cJSON *section)
{
    const char *cells[MAX_COLS];
    trow r = {1, cells, NULL, NULL, NULL};
    table order;
    int pos[I_N];
    columns_from_view(jget(P->view, "indicator_columns"), indicator_keys, I_N, &order, pos);
    pdf_table_begin(P, t);
    const cJSON *ind;
    cJSON_ArrayForEach(ind, jget(section, "indicators"))
    {
        put(cells, pos, I_SEQ, nz(jstr(ind, "seq")));
        put(cells, pos, I_NAME, nz(jstr(ind, "name")));
        put(cells, pos, I_TEXT, nz(jstr(ind, "text")));
        put(cells, pos, I_RATE, nz(jstr(ind, "rates_label")));
        pdf_rows_submit(P, t, &r);
    }
    pdf_rows_flush(P);
    pdf_table_end(P);
}
