/* pdf_briefing_tables.c - the briefing's tables: the full table per list
 * (read from the model, with the view's labels and anchors), the lagging
 * projects and the indicators (from the view); see pdf_internal.h. */
#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "key_table.h"
#include "pdf_internal.h"
#include "view.h"

/* The full table's columns; 分管领导 only in the internal edition (settings
 * edition = internal) of a list whose source names leaders. */
enum { C_SEQ, C_CONTENT, C_DEPT, C_LEADER, C_STATUS, C_PROGRESS, C_RATE, C_N };

/* Where each of those columns is in the table, -1 when it is not shown. */
typedef struct pcols {
    int at[C_N];
} pcols;

static void project_table_spec(table *t, colplan *plan, bool leader, pcols *pc)
{
    memset(t, 0, sizeof *t);
    memset(plan, 0, sizeof *plan * MAX_COLS);
    static const char *const titles[C_N] = {"序号", "项目内容", "责任单位", "分管领导",
                                            "状态", "进展情况", "完成率"};
    static const double max_em[C_N] = {3, 0, 7, 4.5, 5, 0, 4.5};
    static const double min_em[C_N] = {0, 0, 4, 3.5, 4, 0, 3};
    for (int c = 0; c < C_N; c++) {
        pc->at[c] = c == C_LEADER && !leader ? -1 : t->n++;
        if (pc->at[c] < 0)
            continue;
        tcol *col = &t->col[pc->at[c]];
        col->title = titles[c];
        col->align = c == C_CONTENT || c == C_PROGRESS ? PANGO_ALIGN_LEFT
                                                       : PANGO_ALIGN_CENTER;
        col->repeats = c == C_DEPT || c == C_LEADER || c == C_STATUS || c == C_RATE;
        col->per_entry = c != C_SEQ && c != C_CONTENT;
        colplan *pl = &plan[pc->at[c]];
        pl->max_em = max_em[c];
        pl->min_em = min_em[c];
        pl->wraps = c == C_CONTENT || c == C_PROGRESS;
    }
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

/* The full table is read from the model rather than the view: the view's
 * projects are the bulk of its memory for large reports (about 7 KB a
 * project). The labels come from the same functions view.c uses, and the
 * anchors from the view's lagging items and chart, so both documents agree.
 * Per-list state while walking the projects: */

typedef struct list_walk {
    bl_key_table lag_ids;   /* the view's lagging row ids (sorted by
                               shortfall, not in project order) */
    const char *list_id;    /* "list-3" */
    size_t ordinal;         /* of the project being walked, from 1 */
    bl_key_table depts;     /* the chart's departments: key -> anchor */
    char rate[256];         /* scratch rate labels */
    pcols cols;             /* the table's columns */
    int n;                  /* how many */
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

/* "215%、214.75%" (view.c's entry label) into buf. */
static const char *rates_label(const bl_entry *e, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < e->n_rates; i++) {
        char one[48];
        bl_view_format_rate(e->rates[i], one, sizeof one);
        if (i)
            strncat(buf, "、", size - strlen(buf) - 1);
        strncat(buf, one, size - strlen(buf) - 1);
    }
    return buf;
}

/* The texts of one entry, composed in comp bufs base and base + 1. */
#define SET(w, cells, c, v)                                                    \
    do {                                                                       \
        if ((w)->cols.at[c] >= 0)                                              \
            (cells)[(w)->cols.at[c]] = (v);                                    \
    } while (0)

static void entry_cells(pdf *P, const list_walk *w, const bl_project *p,
                        const bl_entry *e, size_t base, const char **cells)
{
    SET(w, cells, C_DEPT, nz(e->department));
    SET(w, cells, C_LEADER, nz(e->leader));
    bl_buf *st = pdf_comp_buf(P, base);
    bl_buf_puts(st, bl_view_status_label(e->status));
    if (e->behind && e->status != BL_STATUS_BEHIND)
        bl_buf_puts(st, "\n（滞后）");
    SET(w, cells, C_STATUS, bl_buf_cstr(st));
    bl_buf *pr = pdf_comp_buf(P, base + 1);
    if (e->target)
        bl_buf_printf(pr, "目标：%s", e->target);
    if (e->planned)
        bl_buf_printf(pr, "%s计划：%s", pr->len ? "\n" : "", e->planned);
    if (e->progress)
        bl_buf_printf(pr, "%s%s%s", pr->len ? "\n" : "",
                      e->target || e->planned ? "进展：" : "", e->progress);
    if (e->behind_reason &&
        (!e->progress || !strstr(e->progress, e->behind_reason)))
        bl_buf_printf(pr, "%s滞后原因：%s", pr->len ? "\n" : "",
                      e->behind_reason);
    SET(w, cells, C_PROGRESS, bl_buf_cstr(pr));
    bl_buf *rt = pdf_comp_buf(P, base + 2);
    if (e->n_rates) {
        char buf[256];
        bl_buf_puts(rt, rates_label(e, buf, sizeof buf));
    } else if (p->n_entries == 1 && p->has_rate) {
        char one[48];
        bl_view_format_rate(p->rate, one, sizeof one);
        bl_buf_puts(rt, one);
    }
    SET(w, cells, C_RATE, bl_buf_cstr(rt));
}

/* Grows the row's arrays to n entries. */
static void row_reserve(trow *r, int n, int cols, size_t *cap)
{
    if ((size_t)n > *cap) {
        *cap = (size_t)n * 2;
        r->cells = xrealloc(r->cells, *cap * C_N * sizeof *r->cells);
        r->dests = xrealloc(r->dests, *cap * sizeof *r->dests);
    }
    memset(r->cells, 0, (size_t)n * (size_t)cols * sizeof *r->cells);
    memset(r->dests, 0, (size_t)n * sizeof *r->dests);
    r->n_entries = n;
}

static void project_row(pdf *P, list_walk *w, const bl_project *p, trow *r,
                        size_t *cap)
{
    int n = (int)p->n_entries;
    row_reserve(r, n > 0 ? n : 1, w->n, cap);
    SET(w, r->cells, C_SEQ, nz(p->seq));
    SET(w, r->cells, C_CONTENT, nz(p->content));
    r->dest = NULL;
    r->link = NULL;
    w->ordinal++;
    if (bl_project_is_lagging(p) && w->list_id) {
        char id[96]; /* view.c's project anchor */
        snprintf(id, sizeof id, "%s-p%zu", w->list_id, w->ordinal);
        bl_key_slot *s = bl_key_table_find(&w->lag_ids, id);
        r->dest = s->key ? s->id : NULL;
    }
    int i = 0;
    for (const bl_entry *e = p->entries; e; e = e->next, i++) {
        entry_cells(P, w, p, e, (size_t)i * 3, r->cells + i * w->n);
        r->dests[i] = dept_anchor(w, e->department_key);
    }
    if (n == 0) {
        SET(w, r->cells, C_DEPT, "");
        SET(w, r->cells, C_LEADER, "");
        SET(w, r->cells, C_PROGRESS, "");
        SET(w, r->cells, C_STATUS, bl_view_status_label(p->status));
        bl_buf *rt = pdf_comp_buf(P, 2);
        if (p->has_rate) {
            char one[48];
            bl_view_format_rate(p->rate, one, sizeof one);
            bl_buf_puts(rt, one);
        }
        SET(w, r->cells, C_RATE, bl_buf_cstr(rt));
    }
}

static void walk_start(list_walk *w, const cJSON *list)
{
    const cJSON *lagging = jget(list, "lagging");
    w->list_id = jstr(list, "id");
    w->ordinal = 0;
    bl_key_table_free(&w->lag_ids);
    bl_key_table_init(&w->lag_ids, (size_t)cJSON_GetArraySize(lagging));
    const cJSON *g;
    cJSON_ArrayForEach(g, lagging)
    {
        const char *id = jstr(g, "row_id");
        if (id)
            bl_key_table_put(&w->lag_ids, id, id);
    }
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
    project_table_spec(&t, plan, P->office.internal && list_has_leader(ml), &w.cols);
    w.n = t.n;
    trow r = {0};
    size_t cap = 0;
    walk_start(&w, list);
    for (const bl_project *p = ml->projects; p; p = p->next) {
        project_row(P, &w, p, &r, &cap);
        for (int e = 0; e < r.n_entries; e++)
            for (int c = 0; c < t.n; c++)
                if (e == 0 || t.col[c].per_entry)
                    pdf_plan_cell(&plan[c], r.cells[e * t.n + c]);
    }
    pdf_fit_table(P, &t, plan);
    pdf_table_begin(P, &t);
    walk_start(&w, list);
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
enum { L_SEQ, L_CONTENT, L_DEPT, L_LEADER, L_STATUS, L_REASON, L_RATE, L_SHORT, L_N };

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
    v[L_STATUS] = nz(jstr(g, "status_label"));
    v[L_REASON] = lag_reasons_text(P, g);
    v[L_RATE] = nz(jstr(g, "rate_label"));
    v[L_SHORT] = nz(jstr(g, "shortfall_label"));
    if (jbool(g, "status_derived")) {
        bl_buf *b = pdf_comp_buf(P, 4);
        bl_buf_printf(b, "推算·%s", v[L_STATUS]);
        v[L_STATUS] = bl_buf_cstr(b);
    }
    for (int c = 0; c < L_N; c++)
        if (map[c] >= 0)
            cells[map[c]] = v[c];
}

void pdf_lagging_table(pdf *P, const cJSON *list)
{
    const cJSON *lagging = jget(list, "lagging");
    static const char *const titles[L_N] = {"序号", "项目内容", "责任单位", "分管领导",
                                            "状态", "原因", "完成率", "低于序时"};
    bool leader = jbool(list, "has_leader");
    table t;
    memset(&t, 0, sizeof t);
    int map[L_N];
    colplan plan[MAX_COLS];
    memset(plan, 0, sizeof plan);
    for (int c = 0; c < L_N; c++) {
        map[c] = c == L_LEADER && !leader ? -1 : t.n++;
        if (map[c] < 0)
            continue;
        tcol *col = &t.col[map[c]];
        col->title = titles[c];
        col->align = c == L_CONTENT || c == L_REASON ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER;
        col->repeats = c == L_DEPT || c == L_LEADER || c == L_STATUS;
        colplan *pl = &plan[map[c]];
        pl->wraps = c == L_CONTENT || c == L_REASON;
        pl->max_em = c == L_SEQ ? 3 : c == L_DEPT ? 7 : c == L_LEADER ? 4.5
                   : c == L_STATUS ? 6 : c == L_RATE ? 4.5 : c == L_SHORT ? 4.5 : 0;
        pl->min_em = c == L_DEPT ? 4 : c == L_STATUS ? 5 : c == L_LEADER ? 3.5 : c == L_RATE || c == L_SHORT ? 3 : 0;
    }
    const char *cells[MAX_COLS];
    const char *dests[1] = {NULL};
    trow r = {.n_entries = 1, .cells = cells, .dests = dests};
    const cJSON *g;
    cJSON_ArrayForEach(g, lagging)
    {
        lagging_cells(P, g, map, cells);
        for (int c = 0; c < t.n; c++)
            pdf_plan_cell(&plan[c], cells[c]);
    }
    pdf_fit_table(P, &t, plan);
    pdf_table_begin(P, &t);
    cJSON_ArrayForEach(g, lagging)
    {
        lagging_cells(P, g, map, cells);
        r.link = jstr(g, "row_id");
        pdf_rows_submit(P, &t, &r);
    }
    pdf_rows_flush(P);
    pdf_table_end(P);
}

enum { I_SEQ, I_NAME, I_TEXT, I_RATE, I_N };

/* The indicator tables of a narrative report share one set of column
 * widths, fitted to all sections, so they read as one table. */
void pdf_indicator_spec(pdf *P, const cJSON *sections, table *t)
{
    static const char *const titles[I_N] = {"序号", "指标", "完成情况", "比率"};
    memset(t, 0, sizeof *t);
    t->n = I_N;
    for (int c = 0; c < I_N; c++) {
        t->col[c].title = titles[c];
        t->col[c].align = c == I_TEXT || c == I_NAME ? PANGO_ALIGN_LEFT
                                                     : PANGO_ALIGN_CENTER;
    }
    colplan plan[MAX_COLS];
    memset(plan, 0, sizeof plan);
    plan[I_SEQ].max_em = 3;
    plan[I_RATE].max_em = 6;
    plan[I_RATE].min_em = 3;
    plan[I_NAME].wraps = true;
    plan[I_TEXT].wraps = true;
    const cJSON *sec, *ind;
    cJSON_ArrayForEach(sec, sections)
    {
        cJSON_ArrayForEach(ind, jget(sec, "indicators"))
        {
            pdf_plan_cell(&plan[I_SEQ], jstr(ind, "seq"));
            pdf_plan_cell(&plan[I_NAME], jstr(ind, "name"));
            pdf_plan_cell(&plan[I_TEXT], jstr(ind, "text"));
            pdf_plan_cell(&plan[I_RATE], jstr(ind, "rates_label"));
        }
    }
    pdf_fit_table(P, t, plan);
}

void pdf_indicator_table(pdf *P, table *t, const cJSON *section)
{
    const char *cells[I_N];
    trow r = {1, cells, NULL, NULL, NULL};
    pdf_table_begin(P, t);
    const cJSON *ind;
    cJSON_ArrayForEach(ind, jget(section, "indicators"))
    {
        cells[I_SEQ] = nz(jstr(ind, "seq"));
        cells[I_NAME] = nz(jstr(ind, "name"));
        cells[I_TEXT] = nz(jstr(ind, "text"));
        cells[I_RATE] = nz(jstr(ind, "rates_label"));
        pdf_rows_submit(P, t, &r);
    }
    pdf_rows_flush(P);
    pdf_table_end(P);
}
