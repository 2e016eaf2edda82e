/* write_xlsx.c - the model as an Excel ledger through libxlsxwriter; see
 * write_xlsx.h and ledger.h.
 *
 * Every field that reading fills is written so that it reads back as it
 * was: strings as printed (NULL as an empty cell), a first rate that two
 * decimals show exactly as a percent number (else as text, like the further
 * rates), other numbers as numbers when ten decimals show them exactly.
 * The derived status class and department key are written for the reader
 * of the sheet; reading recomputes them.
 */
#define _GNU_SOURCE /* timegm */
#include "write_xlsx.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <xlsxwriter.h>

#include "alloc.h"
#include "io.h"
#include "lazylib.h"
#include "ledger.h"

#define SHEET_NAME_MAX 31 /* Excel's limit, in characters */

/* libxlsxwriter, opened the first time a ledger is written (lazylib.h). */
#define XLSXWRITER_CALLS(X)                                                    \
    X(format_set_align) X(format_set_bold) X(format_set_num_format)            \
    X(format_set_text_wrap) X(lxw_strerror) X(workbook_add_format)             \
    X(workbook_add_worksheet) X(workbook_close) X(workbook_new_opt)            \
    X(workbook_set_properties) X(worksheet_freeze_panes)                       \
    X(worksheet_merge_range) X(worksheet_set_column)                           \
    X(worksheet_write_number) X(worksheet_write_string)

BL_LAZYLIB(W, BL_XLSXWRITER_SONAME, XLSXWRITER_CALLS)

typedef struct extra_col {
    const char *name;
    int occurrence; /* the n-th field of that name in one entry */
} extra_col;

typedef struct xw {
    lxw_workbook *wb;
    lxw_format *head, *text, *pct;
    lxw_error rc;
    char **names; /* sheet names used, malloc'd */
    size_t n_names;
} xw;

static void check(xw *w, lxw_error rc)
{
    if (rc != LXW_NO_ERROR && w->rc == LXW_NO_ERROR)
        w->rc = rc;
}

static void put_str(xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                    const char *s)
{
    if (s && *s)
        check(w, W.worksheet_write_string(ws, r, c, s, w->text));
}

static void put_int(xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int v)
{
    check(w, W.worksheet_write_number(ws, r, c, v, NULL));
}

/* The shortest text strtod reads back as v. */
static void exact_text(double v, char *buf, size_t size)
{
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, size, "%.*g", p, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}

/* True when "%.<decimals>f", as the reader shows a number, reads back as v. */
static bool shows_exactly(double v, int decimals)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return strtod(buf, NULL) == v;
}

static void put_number(xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v)
{
    if (shows_exactly(v, 10)) {
        check(w, W.worksheet_write_number(ws, r, c, v, NULL));
    } else {
        char buf[40];
        exact_text(v, buf, sizeof buf);
        check(w, W.worksheet_write_string(ws, r, c, buf, w->text));
    }
}

/* Numbers, one per line, each followed by suffix ("%" for rates), as
 * strtod reads them back. */
static void put_numbers(xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                        const double *v, size_t n, const char *suffix)
{
    if (!n)
        return;
    bl_buf b = BL_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        char buf[40];
        exact_text(v[i], buf, sizeof buf);
        bl_buf_printf(&b, "%s%s%s", i ? "\n" : "", buf, suffix);
    }
    put_str(w, ws, r, c, bl_buf_cstr(&b));
    bl_buf_free(&b);
}

static void put_lines(xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                      const char *const *v, size_t n)
{
    if (!n)
        return;
    bl_buf b = BL_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        bl_buf_printf(&b, "%s%s", i ? "\n" : "", v[i]);
    put_str(w, ws, r, c, bl_buf_cstr(&b));
    bl_buf_free(&b);
}

/* ---- sheet names ---- */

static size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Cuts s (malloc'd) after max characters. */
static void utf8_cut(char *s, size_t max)
{
    size_t n = 0;
    for (char *p = s; *p; p++)
        if (((unsigned char)*p & 0xC0) != 0x80 && n++ == max) {
            *p = '\0';
            return;
        }
}

static bool name_used(const xw *w, const char *name)
{
    for (size_t i = 0; i < w->n_names; i++)
        if (strcasecmp(w->names[i], name) == 0)
            return true;
    return strcasecmp(name, BL_LEDGER_SHEET_INDICATORS) == 0 ||
           strcasecmp(name, BL_LEDGER_SHEET_WARNINGS) == 0 ||
           strcasecmp(name, BL_LEDGER_SHEET_META) == 0 ||
           strcasecmp(name, "History") == 0; /* reserved by Excel */
}

/* A list's sheet name: its title without []:*?/\ and leading or trailing
 * apostrophes, at most 31 characters, unique ("(2)" appended). */
static char *sheet_name(xw *w, const char *title, size_t index)
{
    char *base = title && *title ? bl_strdup(title) : NULL;
    if (base) {
        char *o = base;
        for (const char *p = base; *p; p++) {
            if (strchr("[]:*?/\\", *p))
                *o++ = '_';
            else if ((unsigned char)*p >= 0x20)
                *o++ = *p;
        }
        *o = '\0';
        while (*base == '\'')
            memmove(base, base + 1, strlen(base));
        size_t n = strlen(base);
        while (n && base[n - 1] == '\'')
            base[--n] = '\0';
    }
    if (!base || !*base) {
        free(base);
        char buf[32];
        snprintf(buf, sizeof buf, "清单%zu", index + 1);
        base = bl_strdup(buf);
    }
    char *name = NULL;
    for (int k = 1; !name || name_used(w, name); k++) {
        free(name);
        char suffix[16] = "";
        if (k > 1)
            snprintf(suffix, sizeof suffix, "(%d)", k);
        name = bl_malloc(strlen(base) + sizeof suffix);
        strcpy(name, base);
        utf8_cut(name, SHEET_NAME_MAX - utf8_len(suffix));
        strcat(name, suffix);
    }
    free(base);
    w->names = bl_realloc(w->names, (w->n_names + 1) * sizeof *w->names);
    w->names[w->n_names++] = name;
    return name;
}

/* ---- list sheets ---- */

static void header_row(xw *w, lxw_worksheet *ws, lxw_row_t r,
                       const char *const *names, size_t n)
{
    for (size_t c = 0; c < n; c++)
        check(w, W.worksheet_write_string(ws, r, (lxw_col_t)c, names[c], w->head));
}

/* The union of the extra columns of l's entries, in order of first sight. */
static extra_col *extra_cols(const bl_list *l, size_t *n_out)
{
    extra_col *cols = NULL;
    size_t n = 0;
    for (const bl_project *p = l->projects; p; p = p->next)
        for (const bl_entry *e = p->entries; e; e = e->next)
            for (const bl_field *f = e->extra; f; f = f->next) {
                int occ = 0;
                for (const bl_field *g = e->extra; g != f; g = g->next)
                    occ += strcmp(g->name, f->name) == 0;
                size_t i = 0;
                while (i < n && !(cols[i].occurrence == occ &&
                                  strcmp(cols[i].name, f->name) == 0))
                    i++;
                if (i < n)
                    continue;
                cols = bl_realloc(cols, (n + 1) * sizeof *cols);
                cols[n++] = (extra_col){f->name, occ};
            }
    *n_out = n;
    return cols;
}

static void entry_row(xw *w, lxw_worksheet *ws, lxw_row_t r, const bl_entry *e,
                      const extra_col *xc, size_t n_xc)
{
    put_str(w, ws, r, BL_LC_DEPARTMENT, e->department);
    if (e->department_carried)
        put_str(w, ws, r, BL_LC_CARRIED, BL_LEDGER_YES);
    put_lines(w, ws, r, BL_LC_CO, e->co_departments, e->n_co_departments);
    put_str(w, ws, r, BL_LC_LEADER, e->leader);
    put_str(w, ws, r, BL_LC_TARGET, e->target);
    put_str(w, ws, r, BL_LC_PLANNED, e->planned);
    put_str(w, ws, r, BL_LC_PROGRESS, e->progress);
    put_str(w, ws, r, BL_LC_STATUS_TEXT, e->status_text);
    put_str(w, ws, r, BL_LC_STATUS_CLASS, bl_status_class_name(e->status));
    if (e->n_rates && shows_exactly(e->rates[0], 2))
        check(w, W.worksheet_write_number(ws, r, BL_LC_RATE, e->rates[0] / 100, w->pct));
    else
        put_numbers(w, ws, r, BL_LC_RATE, e->rates, e->n_rates ? 1 : 0, "%");
    if (e->n_rates > 1)
        put_numbers(w, ws, r, BL_LC_MORE_RATES, e->rates + 1, e->n_rates - 1, "%");
    put_str(w, ws, r, BL_LC_RATE_SOURCE, bl_rate_source_name(e->rate_source));
    if (e->behind)
        put_str(w, ws, r, BL_LC_BEHIND, BL_LEDGER_YES);
    put_str(w, ws, r, BL_LC_BEHIND_REASON, e->behind_reason);
    if (e->has_investment) {
        put_number(w, ws, r, BL_LC_INV_PLANNED, e->investment_planned);
        put_number(w, ws, r, BL_LC_INV_ACTUAL, e->investment_actual);
        put_str(w, ws, r, BL_LC_INV_UNIT, e->investment_unit);
    }
    put_str(w, ws, r, BL_LC_DEPT_KEY, e->department_key);
    put_int(w, ws, r, BL_LC_LINE, e->line);
    for (const bl_field *f = e->extra; f; f = f->next) {
        int occ = 0;
        for (const bl_field *g = e->extra; g != f; g = g->next)
            occ += strcmp(g->name, f->name) == 0;
        for (size_t i = 0; i < n_xc; i++)
            if (xc[i].occurrence == occ && strcmp(xc[i].name, f->name) == 0)
                put_str(w, ws, r, (lxw_col_t)(BL_LC_COUNT + i), f->value);
    }
}

/* The project's own cells, merged down over its entries' rows. */
static void project_cells(xw *w, lxw_worksheet *ws, lxw_row_t r, lxw_row_t n,
                          const bl_project *p)
{
    const char *v[BL_LC_PROJECT_END] = {p->seq, p->content, p->category};
    for (lxw_col_t c = 0; c < BL_LC_PROJECT_END; c++) {
        if (n > 1)
            check(w, W.worksheet_merge_range(ws, r, c, r + n - 1, c,
                                           v[c] ? v[c] : "", w->text));
        else
            put_str(w, ws, r, c, v[c]);
    }
}

static void list_sheet(xw *w, const bl_list *l, size_t index)
{
    lxw_worksheet *ws = W.workbook_add_worksheet(w->wb, sheet_name(w, l->title, index));
    if (!ws) {
        check(w, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return;
    }
    check(w, W.worksheet_write_string(ws, 0, 0, BL_LEDGER_LIST_TITLE, w->head));
    put_str(w, ws, 0, 1, l->title);
    check(w, W.worksheet_write_string(ws, 0, 2, BL_LEDGER_LIST_LEVEL, w->head));
    put_str(w, ws, 0, 3, bl_level_name(l->level));
    check(w, W.worksheet_write_string(ws, 0, 4, BL_LEDGER_LIST_LINE, w->head));
    put_int(w, ws, 0, 5, l->line);

    size_t n_xc;
    extra_col *xc = extra_cols(l, &n_xc);
    header_row(w, ws, 1, bl_ledger_cols, BL_LC_COUNT);
    for (size_t i = 0; i < n_xc; i++) {
        char *h = bl_malloc(strlen(BL_LEDGER_EXTRA_PREFIX) + strlen(xc[i].name) + 1);
        strcpy(h, BL_LEDGER_EXTRA_PREFIX);
        strcat(h, xc[i].name);
        check(w, W.worksheet_write_string(ws, 1, (lxw_col_t)(BL_LC_COUNT + i), h, w->head));
        free(h);
    }
    W.worksheet_freeze_panes(ws, 2, 2);
    check(w, W.worksheet_set_column(ws, BL_LC_CONTENT, BL_LC_CONTENT, 40, NULL));
    check(w, W.worksheet_set_column(ws, BL_LC_DEPARTMENT, BL_LC_DEPARTMENT, 18, NULL));
    check(w, W.worksheet_set_column(ws, BL_LC_PROGRESS, BL_LC_PROGRESS, 50, NULL));
    check(w, W.worksheet_set_column(ws, BL_LC_STATUS_TEXT, BL_LC_STATUS_TEXT, 16, NULL));

    lxw_row_t r = 2;
    for (const bl_project *p = l->projects; p && w->rc == LXW_NO_ERROR; p = p->next) {
        lxw_row_t n = p->n_entries ? (lxw_row_t)p->n_entries : 1;
        project_cells(w, ws, r, n, p);
        if (!p->entries)
            put_int(w, ws, r, BL_LC_LINE, p->line);
        lxw_row_t k = r;
        for (const bl_entry *e = p->entries; e; e = e->next)
            entry_row(w, ws, k++, e, xc, n_xc);
        r += n;
    }
    free(xc);
}

/* ---- the other sheets ---- */

static void indicator_sheet(xw *w, const bl_document *d)
{
    if (!d->indicators)
        return;
    lxw_worksheet *ws = W.workbook_add_worksheet(w->wb, BL_LEDGER_SHEET_INDICATORS);
    header_row(w, ws, 0, bl_ledger_indicator_cols, BL_LI_COUNT);
    check(w, W.worksheet_set_column(ws, BL_LI_NAME, BL_LI_NAME, 30, NULL));
    check(w, W.worksheet_set_column(ws, BL_LI_TEXT, BL_LI_TEXT, 60, NULL));
    lxw_row_t r = 1;
    for (const bl_indicator *i = d->indicators; i; i = i->next, r++) {
        put_str(w, ws, r, BL_LI_SECTION, i->section);
        put_str(w, ws, r, BL_LI_SEQ, i->seq);
        put_str(w, ws, r, BL_LI_NAME, i->name);
        put_str(w, ws, r, BL_LI_TEXT, i->text);
        put_numbers(w, ws, r, BL_LI_VALUES, i->values, i->n_values, "");
        put_numbers(w, ws, r, BL_LI_RATES, i->rates, i->n_rates, "%");
        put_int(w, ws, r, BL_LI_LINE, i->line);
    }
}

static void warning_sheet(xw *w, const bl_document *d)
{
    lxw_worksheet *ws = W.workbook_add_worksheet(w->wb, BL_LEDGER_SHEET_WARNINGS);
    header_row(w, ws, 0, bl_ledger_warning_cols, BL_LW_COUNT);
    check(w, W.worksheet_set_column(ws, BL_LW_MESSAGE, BL_LW_MESSAGE, 80, NULL));
    lxw_row_t r = 1;
    for (const bl_warning *x = d->warnings; x; x = x->next, r++) {
        put_int(w, ws, r, BL_LW_LINE, x->line);
        put_str(w, ws, r, BL_LW_MESSAGE, x->message);
    }
}

static void meta_sheet(xw *w, const bl_document *d)
{
    lxw_worksheet *ws = W.workbook_add_worksheet(w->wb, BL_LEDGER_SHEET_META);
    const char *const head[] = {BL_LEDGER_META_HEAD_FIELD, BL_LEDGER_META_HEAD_VALUE};
    header_row(w, ws, 0, head, 2);
    check(w, W.worksheet_set_column(ws, 0, 0, 14, NULL));
    check(w, W.worksheet_set_column(ws, 1, 1, 60, NULL));
    for (int f = 0; f < BL_LM_COUNT; f++) {
        lxw_row_t r = (lxw_row_t)f + 1;
        check(w, W.worksheet_write_string(ws, r, 0, bl_ledger_meta_fields[f], NULL));
        switch (f) {
        case BL_LM_MARKER: put_str(w, ws, r, 1, BL_LEDGER_MARKER_VALUE); break;
        case BL_LM_TITLE: put_str(w, ws, r, 1, d->title); break;
        case BL_LM_OFFICE: put_str(w, ws, r, 1, d->office); break;
        case BL_LM_PUBLISHED: put_str(w, ws, r, 1, d->published); break;
        case BL_LM_YEAR: if (d->year > 0) put_int(w, ws, r, 1, d->year); break;
        case BL_LM_MONTH: if (d->month > 0) put_int(w, ws, r, 1, d->month); break;
        case BL_LM_PERIOD_KIND: put_str(w, ws, r, 1, bl_period_kind_name(d->period_kind)); break;
        case BL_LM_MONTH_FROM: if (d->month_from > 0) put_int(w, ws, r, 1, d->month_from); break;
        case BL_LM_SOURCE: put_str(w, ws, r, 1, d->source_name ? d->source_name : d->source); break;
        case BL_LM_FORMAT: put_str(w, ws, r, 1, d->format); break;
        case BL_LM_ENCODING: put_str(w, ws, r, 1, d->encoding); break;
        }
    }
}

/* ---- the workbook ---- */

static time_t creation_time(const bl_document *d, const bl_xlsx_options *opt)
{
    if (opt && opt->creation_epoch >= 0)
        return (time_t)opt->creation_epoch;
    struct tm tm = {0};
    int y, mo, day;
    if (d->published && sscanf(d->published, "%4d-%2d-%2d", &y, &mo, &day) == 3) {
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = day;
    } else if (d->year > 1980) {
        tm.tm_year = d->year - 1900;
        tm.tm_mon = d->month > 0 ? d->month - 1 : 0;
        tm.tm_mday = 1;
    } else {
        tm.tm_year = 80;
        tm.tm_mday = 1;
    }
    return timegm(&tm);
}

int bl_write_xlsx(const bl_model *m, const bl_document *d, const char *path,
                  const bl_xlsx_options *opt, bl_error *err)
{
    (void)m;
    int rc = bl_lazy_open(path, err);
    if (rc)
        return rc;
    bl_atomic_file f;
    rc = bl_atomic_open(&f, path, err);
    if (rc)
        return rc;
    xw w = {0};
    lxw_workbook_options wo = {0};
    w.wb = W.workbook_new_opt(f.tmp_path, &wo);
    if (!w.wb) {
        bl_atomic_abort(&f);
        return bl_error_set(err, BL_EIO, path, 0, "cannot start the workbook");
    }
    lxw_doc_properties props = {0};
    props.title = (char *)(d->title ? d->title : "");
    props.company = (char *)(d->office ? d->office : "");
    props.author = (char *)"bulletin";
    props.created = creation_time(d, opt);
    check(&w, W.workbook_set_properties(w.wb, &props));
    w.head = W.workbook_add_format(w.wb);
    W.format_set_bold(w.head);
    W.format_set_text_wrap(w.head);
    W.format_set_align(w.head, LXW_ALIGN_VERTICAL_TOP);
    w.text = W.workbook_add_format(w.wb);
    W.format_set_text_wrap(w.text);
    W.format_set_align(w.text, LXW_ALIGN_VERTICAL_TOP);
    w.pct = W.workbook_add_format(w.wb);
    W.format_set_num_format(w.pct, "0.00%");
    W.format_set_align(w.pct, LXW_ALIGN_VERTICAL_TOP);

    size_t index = 0;
    for (const bl_list *l = d->lists; l; l = l->next)
        list_sheet(&w, l, index++);
    indicator_sheet(&w, d);
    warning_sheet(&w, d);
    meta_sheet(&w, d);

    lxw_error written = W.workbook_close(w.wb); /* frees the workbook */
    for (size_t i = 0; i < w.n_names; i++)
        free(w.names[i]);
    free(w.names);
    if (w.rc == LXW_NO_ERROR)
        w.rc = written;
    if (w.rc != LXW_NO_ERROR) {
        bl_atomic_abort(&f);
        return bl_error_set(err, BL_EIO, path, 0, "cannot write the workbook: %s",
                            W.lxw_strerror(w.rc));
    }
    return bl_atomic_commit(&f, err);
}
