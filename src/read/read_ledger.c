/* read_ledger.c - an Excel ledger written by write_xlsx.c, from the grid
 * read_xlsx.c made of it, back into the model; see ledger.h.
 *
 * Why not the table interpreter: the ledger states what the interpreter
 * would otherwise guess (where a rate came from, a department carried from
 * a merged cell, a stated lag, several rates, investments, list levels, the
 * document's metadata), and the model read back must be the one written.
 * So a workbook with the ledger's marker row on its metadata sheet is read
 * here by its header names; any other workbook goes to the interpreter.
 *
 * Columns are found by their header, so an office may reorder them or add
 * its own (kept as extra fields). A row whose project cells are merged
 * with the row above is another entry of that project.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "grid.h"
#include "ledger.h"
#include "reader.h"

enum { M_NONE, M_LIST_HEAD, M_LIST, M_INDICATORS, M_WARNINGS, M_META };

#define COL_EXTRA (-1)
#define COL_NONE (-2)

typedef struct ledger {
    bl_model *m;
    bl_document *d;
    int mode;
    bl_list *list;
    bl_project *project;
    int *cols;          /* per grid column: a bl_ledger_col, COL_EXTRA or COL_NONE */
    const char **names; /* extra columns' names */
    size_t n_cols;
} ledger;

static const char *text_at(const bl_row *r, size_t i)
{
    return i < r->n ? r->cells[i].text : "";
}

/* Cell text, NULL when empty (the model's absent). */
static const char *value(const char *s)
{
    return s && *s ? s : NULL;
}

static bool is(const bl_row *r, size_t i, const char *s)
{
    return strcmp(text_at(r, i), s) == 0;
}

static int to_int(const char *s)
{
    long v = s && *s ? strtol(s, NULL, 10) : 0;
    return v < 0 ? 0 : v > INT_MAX ? INT_MAX : (int)v;
}

/* "72.5%" or "72.5" → 72.5. */
static bool to_rate(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* Each line of s as a number (its "%" dropped) into a new arena array. */
static double *numbers(bl_arena *a, const char *s, size_t *n)
{
    *n = 0;
    if (!s || !*s)
        return NULL;
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == '\n';
    double *v = bl_arena_alloc(a, cap * sizeof *v);
    for (const char *p = s; *p;) {
        if (to_rate(p, &v[*n]))
            (*n)++;
        const char *nl = strchr(p, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
    return v;
}

bool bl_ledger_grid(const bl_grid *g)
{
    for (size_t i = 0; i < g->n; i++)
        if (!g->rows[i].chrome && is(&g->rows[i], 0, bl_ledger_meta_fields[BL_LM_MARKER]))
            return true;
    return false;
}

/* The header of a list sheet: every column by its name. */
static void read_header(ledger *l, const bl_row *r)
{
    l->n_cols = r->n;
    l->cols = bl_arena_alloc(l->m->arena, (r->n + 1) * sizeof *l->cols);
    l->names = bl_arena_alloc(l->m->arena, (r->n + 1) * sizeof *l->names);
    size_t plen = strlen(BL_LEDGER_EXTRA_PREFIX);
    for (size_t i = 0; i < r->n; i++) {
        const char *h = r->cells[i].text;
        l->cols[i] = *h ? COL_EXTRA : COL_NONE;
        l->names[i] = strncmp(h, BL_LEDGER_EXTRA_PREFIX, plen) == 0 ? h + plen : h;
        for (int c = 0; c < BL_LC_COUNT; c++)
            if (strcmp(h, bl_ledger_cols[c]) == 0)
                l->cols[i] = c;
    }
}

/* The rate cells of a row, applied once all are seen, in their order
 * whatever the order of the columns. */
typedef struct rate_cells {
    const char *first, *more, *source;
} rate_cells;

static void entry_cell(ledger *l, bl_entry *e, rate_cells *rc, int col,
                       const char *name, const char *s)
{
    bl_model *m = l->m;
    switch (col) {
    case BL_LC_DEPARTMENT: e->department = s; break;
    case BL_LC_CARRIED: e->department_carried = strcmp(s, BL_LEDGER_YES) == 0; break;
    case BL_LC_CO:
        for (const char *p = s; *p;) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            if (n)
                bl_entry_add_co_department(m, e, bl_arena_strndup(m->arena, p, n));
            p += n + (nl != NULL);
        }
        break;
    case BL_LC_LEADER: e->leader = s; break;
    case BL_LC_TARGET: e->target = s; break;
    case BL_LC_PLANNED: e->planned = s; break;
    case BL_LC_PROGRESS: e->progress = s; break;
    case BL_LC_STATUS_TEXT: e->status_text = s; break;
    case BL_LC_RATE: rc->first = s; break;
    case BL_LC_MORE_RATES: rc->more = s; break;
    case BL_LC_RATE_SOURCE: rc->source = s; break;
    case BL_LC_BEHIND: e->behind = strcmp(s, BL_LEDGER_YES) == 0; break;
    case BL_LC_BEHIND_REASON: e->behind_reason = s; break;
    case BL_LC_INV_PLANNED:
        e->has_investment = true;
        e->investment_planned = strtod(s, NULL);
        break;
    case BL_LC_INV_ACTUAL:
        e->has_investment = true;
        e->investment_actual = strtod(s, NULL);
        break;
    case BL_LC_INV_UNIT: e->investment_unit = s; break;
    case BL_LC_LINE: e->line = to_int(s); break;
    case COL_EXTRA: bl_entry_add_extra(m, e, name, s); break;
    default: break; /* derived: status class, department key */
    }
}

static void list_row(ledger *l, const bl_row *r)
{
    bl_model *m = l->m;
    const char *cell[BL_LC_PROJECT_END] = {NULL, NULL, NULL};
    bool merged = false, has_entry = false;
    int line = 0;
    for (size_t i = 0; i < r->n && i < l->n_cols; i++) {
        int c = l->cols[i];
        if (c >= 0 && c < BL_LC_PROJECT_END) {
            cell[c] = value(r->cells[i].text);
            merged |= r->cells[i].covered;
        } else if (c == BL_LC_LINE) {
            line = to_int(r->cells[i].text);
        } else if (c != COL_NONE && *r->cells[i].text) {
            has_entry = true;
        }
    }
    if (!merged || !l->project) {
        l->project = bl_model_add_project(m, l->list, cell[BL_LC_SEQ], line);
        l->project->content = cell[BL_LC_CONTENT];
        l->project->category = cell[BL_LC_CATEGORY];
    }
    if (!has_entry)
        return;
    bl_entry *e = bl_model_add_entry(m, l->project, line);
    rate_cells rc = {NULL, NULL, NULL};
    for (size_t i = 0; i < r->n && i < l->n_cols; i++) {
        int c = l->cols[i];
        if (c >= BL_LC_PROJECT_END || c == COL_EXTRA) {
            const char *s = value(r->cells[i].text);
            if (s)
                entry_cell(l, e, &rc, c, l->names[i], s);
        }
    }
    /* A rate typed in by an office, its source left empty: a column's. */
    bl_rate_source src = BL_RATE_COLUMN;
    bl_rate_source_from_name(rc.source, &src);
    double v;
    if (rc.first && to_rate(rc.first, &v))
        bl_entry_add_rate(m, e, v, src);
    size_t n;
    double *more = numbers(m->arena, rc.more, &n);
    for (size_t i = 0; i < n; i++)
        bl_entry_add_rate(m, e, more[i], src);
}

static void indicator_row(ledger *l, const bl_row *r)
{
    bl_indicator *ind = bl_model_add_indicator(
        l->m, l->d, value(text_at(r, BL_LI_SECTION)), value(text_at(r, BL_LI_SEQ)),
        to_int(text_at(r, BL_LI_LINE)));
    ind->name = value(text_at(r, BL_LI_NAME));
    ind->text = value(text_at(r, BL_LI_TEXT));
    ind->values = numbers(l->m->arena, text_at(r, BL_LI_VALUES), &ind->n_values);
    ind->rates = numbers(l->m->arena, text_at(r, BL_LI_RATES), &ind->n_rates);
}

static void meta_row(ledger *l, const bl_row *r)
{
    bl_document *d = l->d;
    const char *v = value(text_at(r, 1));
    int f = 0;
    while (f < BL_LM_COUNT && !is(r, 0, bl_ledger_meta_fields[f]))
        f++;
    switch (f) {
    case BL_LM_TITLE: d->title = v; break;
    case BL_LM_OFFICE: d->office = v; break;
    case BL_LM_PUBLISHED: d->published = v; break;
    case BL_LM_YEAR: d->year = to_int(v); break;
    case BL_LM_MONTH: d->month = to_int(v); break;
    case BL_LM_PERIOD_KIND: bl_period_kind_from_name(v, &d->period_kind); break;
    case BL_LM_MONTH_FROM: d->month_from = to_int(v); break;
    default: break; /* the marker, and where the model was read from */
    }
}

/* A row that starts a part of the ledger; false for a data row. */
static bool part_start(ledger *l, const bl_row *r)
{
    if (is(r, 0, BL_LEDGER_LIST_TITLE)) {
        bl_level level = BL_LEVEL_NONE;
        bl_level_from_name(text_at(r, 3), &level);
        l->list = bl_model_add_list(l->m, l->d, value(text_at(r, 1)), to_int(text_at(r, 5)));
        l->list->level = level;
        l->project = NULL;
        l->mode = M_LIST_HEAD;
    } else if (is(r, 0, bl_ledger_indicator_cols[0]) && is(r, 1, bl_ledger_indicator_cols[1]) &&
               is(r, 2, bl_ledger_indicator_cols[2])) {
        l->mode = M_INDICATORS;
    } else if (is(r, 0, bl_ledger_warning_cols[0]) && is(r, 1, bl_ledger_warning_cols[1])) {
        l->mode = M_WARNINGS;
    } else if (is(r, 0, BL_LEDGER_META_HEAD_FIELD) && is(r, 1, BL_LEDGER_META_HEAD_VALUE)) {
        l->mode = M_META;
    } else {
        return false;
    }
    return true;
}

int bl_read_ledger(bl_model *m, bl_document *d, const bl_grid *g, bl_error *err)
{
    ledger l = {.m = m, .d = d};
    for (size_t i = 0; i < g->n; i++) {
        const bl_row *r = &g->rows[i];
        if (r->chrome || part_start(&l, r))
            continue; /* chrome: a sheet's name */
        switch (l.mode) {
        case M_LIST_HEAD:
            if (!is(r, 0, bl_ledger_cols[BL_LC_SEQ]))
                return bl_error_set(err, BL_EINPUT, d->source, r->line,
                                    "ledger list '%s' has no header row "
                                    "(序号 | 项目内容 | …) below its title",
                                    l.list->title ? l.list->title : "");
            read_header(&l, r);
            l.mode = M_LIST;
            break;
        case M_LIST: list_row(&l, r); break;
        case M_INDICATORS: indicator_row(&l, r); break;
        case M_WARNINGS:
            if (value(text_at(r, BL_LW_MESSAGE)))
                bl_document_warn(m, d, to_int(text_at(r, BL_LW_LINE)), "%s",
                                 text_at(r, BL_LW_MESSAGE));
            break;
        case M_META: meta_row(&l, r); break;
        default: break;
        }
    }
    return BL_OK;
}
