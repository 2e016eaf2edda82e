/* site_view.c - the data of `bulletin site`'s index and period links; see
 * site_view.h. Coordinates of the inline SVG trends are made here, so the
 * templates hold no arithmetic. */
#include "alloc.h"
#include "site_view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "buf.h"
#include "changes_json.h"
#include "compare.h"
#include "rate.h"

/* The list trend's drawing: viewBox 0 0 W H, grid lines from X0 to X1 at
 * Y100 (100%) .. Y0 (0%), the periods' points from P0 to P1 (inset, so
 * the value labels clear the axis labels and the edges). */
enum { W = 420, H = 178, X0 = 44, X1 = 412, P0 = 66, P1 = 392, Y100 = 26, Y0 = 134 };
/* At most this many value labels over a line (a year's twelve would
 * overlap on a phone): every step-th point's and the last one's. Past
 * COMPACT_AXIS periods the axis names the months by their numbers. */
enum { MAX_VALUE_LABELS = 4, COMPACT_AXIS = 6 };

static bool value_label_shown(size_t k, size_t n)
{
    size_t step = (n + MAX_VALUE_LABELS - 1) / MAX_VALUE_LABELS;
    if (k + 1 == n || step <= 1)
        return true;
    return k % step == 0 && n - 1 - k >= step;
}
/* The department sparkline: 96 x 22. */
enum { SW = 96, SH = 22 };

void bl_site_href(const char *name, char *out, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && k + 4 < size; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out[k++] = (char)c;
        } else {
            out[k++] = '%';
            out[k++] = hex[c >> 4];
            out[k++] = hex[c & 15];
        }
    }
    out[k] = '\0';
}

static void add_str(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

static void add_href(cJSON *o, const char *key, const char *name)
{
    char buf[4096];
    if (!name) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    bl_site_href(name, buf, sizeof buf);
    cJSON_AddStringToObject(o, key, buf);
}

/* "2023年8月", else the file's stem: every period has a name. */
static void period_name(const bl_document *d, char *out, size_t size)
{
    bl_period_label(d, out, size);
    if (!out[0])
        snprintf(out, size, "%s", d->stem);
}

/* The axis label: "8月" when all periods are of one year, else "2023.8";
 * the stem's first characters when there is no month. */
static void period_short(const bl_document *d, bool one_year, char *out, size_t size)
{
    if (d->month > 0 && (one_year || d->year <= 0))
        snprintf(out, size, "%d月", d->month);
    else if (d->month > 0)
        snprintf(out, size, "%d.%d", d->year, d->month);
    else
        period_name(d, out, size);
}

static void rate_label(double v, char *out, size_t size)
{
    bl_rate_format(v, out, size);
}

/* The figures of a whole report: its lists' summaries added up. */
typedef struct figures {
    size_t projects, done, lagging, rated;
    double rate_sum; /* of the lists' means weighted by their rated */
} figures;

static void list_figures(const bl_list *l, figures *f)
{
    bl_list_summary s;
    bl_list_summarize(l, &s);
    f->projects += s.projects;
    f->done += s.status_counts[BL_STATUS_AHEAD] + s.status_counts[BL_STATUS_DONE];
    f->lagging += s.lagging;
    f->rated += s.rated;
    if (s.rated)
        f->rate_sum += s.rate_mean * (double)s.rated;
}

static void add_figures(cJSON *o, const figures *f)
{
    char buf[48] = "—";
    cJSON_AddNumberToObject(o, "projects", (double)f->projects);
    cJSON_AddNumberToObject(o, "done", (double)f->done);
    cJSON_AddNumberToObject(o, "lagging", (double)f->lagging);
    if (f->projects)
        rate_label(100.0 * (double)f->done / (double)f->projects, buf, sizeof buf);
    cJSON_AddStringToObject(o, "share_label", buf);
    snprintf(buf, sizeof buf, "—");
    if (f->rated)
        rate_label(f->rate_sum / (double)f->rated, buf, sizeof buf);
    cJSON_AddStringToObject(o, "rate_mean_label", buf);
}

/* "较上期" of a period: the counts of compare.h, or null for the first
 * period and for a report not found to continue the one before. */
static void add_changes(cJSON *o, const bl_document *d)
{
    const bl_changes *ch = d->changes;
    cJSON_AddBoolToObject(o, "has_changes", ch != NULL);
    if (!ch)
        return;
    cJSON_AddNumberToObject(o, "newly_done", (double)ch->n[BL_CH_NEWLY_DONE]);
    cJSON_AddNumberToObject(o, "newly_lagging", (double)ch->n[BL_CH_NEWLY_LAGGING]);
    cJSON_AddNumberToObject(o, "added", (double)ch->n[BL_CH_ADDED]);
    cJSON_AddNumberToObject(o, "removed", (double)ch->n[BL_CH_REMOVED]);
}

static cJSON *period_json(const bl_site_page *pg, bool latest)
{
    const bl_document *d = pg->d;
    cJSON *o = cJSON_CreateObject();
    char name[128];
    period_name(d, name, sizeof name);
    cJSON_AddStringToObject(o, "period_label", name);
    add_str(o, "title", d->title);
    add_str(o, "published", d->published);
    add_href(o, "html_href", pg->html);
    add_href(o, "pdf_href", pg->pdf);
    cJSON_AddBoolToObject(o, "latest", latest);
    figures f = {0};
    for (const bl_list *l = d->lists; l; l = l->next)
        list_figures(l, &f);
    add_figures(o, &f);
    add_changes(o, d);
    return o;
}

/* ---- the list trends ------------------------------------------------- */

static const bl_list *nth_list(const bl_document *d, size_t i)
{
    const bl_list *l = d->lists;
    for (size_t k = 0; l && k < i; k++)
        l = l->next;
    return l;
}

static double plot_x(size_t i, size_t n)
{
    return n > 1 ? P0 + (double)i * (P1 - P0) / (double)(n - 1) : (P0 + P1) / 2.0;
}

static double plot_y(double share)
{
    return Y0 - share * (Y0 - Y100) / 100.0;
}

static cJSON *grid_json(void)
{
    cJSON *arr = cJSON_CreateArray();
    for (int v = 0; v <= 100; v += 50) {
        cJSON *g = cJSON_CreateObject();
        cJSON_AddNumberToObject(g, "y", plot_y(v));
        cJSON_AddNumberToObject(g, "text_y", plot_y(v) + 4);
        char buf[16];
        snprintf(buf, sizeof buf, "%d%%", v);
        cJSON_AddStringToObject(g, "label", buf);
        cJSON_AddItemToArray(arr, g);
    }
    return arr;
}

/* List i of every period: its completion share (done / projects) drawn as
 * a line over the periods, with the figures in rows for the table. */
static cJSON *list_trend_json(const bl_site_page *pages, size_t n, size_t i, bool one_year)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "index", (double)(i + 1));
    char id[32];
    snprintf(id, sizeof id, "trend-list-%zu", i + 1);
    cJSON_AddStringToObject(o, "id", id);
    /* The latest title it has. */
    const char *title = NULL;
    for (size_t k = 0; k < n; k++) {
        const bl_list *l = nth_list(pages[k].d, i);
        if (l && l->title)
            title = l->title;
    }
    add_str(o, "title", title);
    cJSON *chart = cJSON_AddObjectToObject(o, "chart");
    cJSON_AddNumberToObject(chart, "width", W);
    cJSON_AddNumberToObject(chart, "height", H);
    cJSON_AddNumberToObject(chart, "x0", X0);
    cJSON_AddNumberToObject(chart, "x1", X1);
    cJSON_AddNumberToObject(chart, "axis_y", Y0 + 26);
    cJSON_AddItemToObject(chart, "grid", grid_json());
    cJSON *points = cJSON_AddArrayToObject(chart, "points");
    cJSON *rows = cJSON_AddArrayToObject(o, "rows");
    bl_buf line = BL_BUF_INIT, text = BL_BUF_INIT;
    for (size_t k = 0; k < n; k++) {
        const bl_list *l = nth_list(pages[k].d, i);
        char name[128], shortname[64];
        period_name(pages[k].d, name, sizeof name);
        period_short(pages[k].d, one_year, shortname, sizeof shortname);
        /* More than six periods: "1月 2 3 … 11 12月" fits the axis. */
        if (n > COMPACT_AXIS && k > 0 && k + 1 < n && pages[k].d->month > 0 &&
            (one_year || pages[k].d->year <= 0))
            snprintf(shortname, sizeof shortname, "%d", pages[k].d->month);
        figures f = {0};
        if (l)
            list_figures(l, &f);
        cJSON *p = cJSON_CreateObject();
        cJSON_AddNumberToObject(p, "x", round(plot_x(k, n) * 10) / 10);
        cJSON_AddStringToObject(p, "period_short", shortname);
        cJSON_AddBoolToObject(p, "has_value", f.projects > 0);
        cJSON *row = cJSON_CreateObject();
        cJSON_AddStringToObject(row, "period_label", name);
        cJSON_AddBoolToObject(row, "listed", l != NULL);
        add_figures(row, &f);
        const char *share = cJSON_GetObjectItem(row, "share_label")->valuestring;
        if (f.projects > 0) {
            double y = round(plot_y(100.0 * (double)f.done / (double)f.projects) * 10) / 10;
            cJSON_AddNumberToObject(p, "y", y);
            cJSON_AddNumberToObject(p, "label_y", y - 8);
            cJSON_AddStringToObject(p, "value_label", share);
            cJSON_AddBoolToObject(p, "value_shown", value_label_shown(k, n));
            bl_buf_printf(&line, "%s%.1f,%.1f", line.len ? " " : "", plot_x(k, n), y);
        }
        bl_buf_printf(&text, "%s%s %s", text.len ? "，" : "", name, share);
        cJSON_AddItemToArray(points, p);
        cJSON_AddItemToArray(rows, row);
    }
    cJSON_AddStringToObject(chart, "polyline", bl_buf_cstr(&line));
    cJSON_AddStringToObject(chart, "text", bl_buf_cstr(&text));
    bl_buf_free(&line);
    bl_buf_free(&text);
    return o;
}

/* ---- the department trends ------------------------------------------- */

typedef struct dept_series {
    const char *key;
    const bl_department **at; /* per period, NULL when not in that report */
    double latest;            /* sort key: the last rated mean, -1 none */
} dept_series;

static int dept_cmp(const void *a, const void *b)
{
    const dept_series *x = a, *y = b;
    if (x->latest != y->latest)
        return x->latest < y->latest ? -1 : 1; /* lowest first: to follow up */
    return strcmp(x->key, y->key);
}

static dept_series *find_series(dept_series *s, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s[i].key, key) == 0)
            return &s[i];
    return NULL;
}

/* The change of d's department key against the previous period, as the
 * page's 与上期对比 labels it ("+12.5"), or NULL. */
static char *dept_change(bl_model *m, const bl_document *d, const char *key)
{
    if (!d->changes)
        return NULL;
    cJSON *ch = bl_changes_json(m, d), *dp;
    char *out = NULL;
    cJSON_ArrayForEach(dp, cJSON_GetObjectItem(ch, "departments"))
    {
        cJSON *k = cJSON_GetObjectItem(dp, "key"), *v = cJSON_GetObjectItem(dp, "rate_change");
        if (cJSON_IsString(k) && strcmp(k->valuestring, key) == 0 && cJSON_IsNumber(v)) {
            char buf[48];
            bl_rate_format(fabs(v->valuedouble), buf, sizeof buf);
            buf[strlen(buf) - 1] = '\0';
            size_t len = strlen(buf) + 2;
            out = bl_malloc(len);
            snprintf(out, len, "%s%s",
                     v->valuedouble > 0.005 ? "+" : v->valuedouble < -0.005 ? "-" : "", buf);
        }
    }
    cJSON_Delete(ch);
    return out;
}

static cJSON *dept_row_json(bl_model *m, const dept_series *s, const bl_site_page *pages,
                            size_t n, bool one_year)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "key", s->key);
    cJSON *cells = cJSON_AddArrayToObject(o, "cells");
    bl_buf line = BL_BUF_INIT, text = BL_BUF_INIT;
    for (size_t k = 0; k < n; k++) {
        const bl_department *d = s->at[k];
        char buf[48] = "—", name[128];
        if (d && d->rated) {
            rate_label(d->rate_mean, buf, sizeof buf);
            double r = d->rate_mean > 100 ? 100 : d->rate_mean < 0 ? 0 : d->rate_mean;
            double x = n > 1 ? 2 + (double)k * (SW - 4) / (double)(n - 1) : SW / 2.0;
            bl_buf_printf(&line, "%s%.1f,%.1f", line.len ? " " : "", x,
                          SH - 2 - r * (SH - 4) / 100.0);
        }
        cJSON *c = cJSON_CreateObject();
        char shortname[64];
        period_short(pages[k].d, one_year, shortname, sizeof shortname);
        cJSON_AddStringToObject(c, "period_short", shortname);
        cJSON_AddStringToObject(c, "rate_label", buf);
        cJSON_AddNumberToObject(c, "lagging", d ? (double)d->lagging : 0);
        cJSON_AddBoolToObject(c, "has_lagging", d && d->lagging > 0);
        cJSON_AddItemToArray(cells, c);
        period_name(pages[k].d, name, sizeof name);
        bl_buf_printf(&text, "%s%s %s", text.len ? "，" : "", name, buf);
    }
    cJSON_AddStringToObject(o, "spark_points", bl_buf_cstr(&line));
    cJSON_AddStringToObject(o, "spark_text", bl_buf_cstr(&text));
    cJSON_AddBoolToObject(o, "has_spark", strchr(bl_buf_cstr(&line), ' ') != NULL);
    char *change = dept_change(m, pages[n - 1].d, s->key);
    cJSON_AddStringToObject(o, "change_label", change ? change : "—");
    free(change);
    bl_buf_free(&line);
    bl_buf_free(&text);
    return o;
}

static cJSON *departments_json(bl_model *m, const bl_site_page *pages, size_t n,
                               bool one_year)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *heads = cJSON_AddArrayToObject(o, "periods");
    for (size_t k = 0; k < n; k++) {
        char shortname[64];
        period_short(pages[k].d, one_year, shortname, sizeof shortname);
        cJSON *h = cJSON_CreateObject();
        cJSON_AddStringToObject(h, "period_short", shortname);
        cJSON_AddItemToArray(heads, h);
    }
    size_t ns = 0, cap = 0;
    dept_series *s = NULL;
    for (size_t k = 0; k < n; k++)
        for (const bl_department *d = bl_departments_of_document(m, pages[k].d); d;
             d = d->next) {
            dept_series *x = find_series(s, ns, d->key);
            if (!x) {
                if (ns == cap) {
                    cap = cap ? 2 * cap : 32;
                    s = bl_realloc(s, cap * sizeof *s);
                }
                x = &s[ns++];
                x->key = d->key;
                x->at = bl_calloc(n, sizeof *x->at);
            }
            x->at[k] = d;
        }
    for (size_t i = 0; i < ns; i++) {
        s[i].latest = -1;
        for (size_t k = 0; k < n; k++)
            if (s[i].at[k] && s[i].at[k]->rated)
                s[i].latest = s[i].at[k]->rate_mean;
    }
    if (ns > 1)
        qsort(s, ns, sizeof *s, dept_cmp);
    cJSON *rows = cJSON_AddArrayToObject(o, "rows");
    for (size_t i = 0; i < ns; i++) {
        cJSON_AddItemToArray(rows, dept_row_json(m, &s[i], pages, n, one_year));
        free(s[i].at);
    }
    free(s);
    cJSON_AddBoolToObject(o, "any", ns > 0);
    return o;
}

/* ---- the index --------------------------------------------------------- */

/* "2023年8月—10月", "2023年8月—2024年1月", or one period's name. */
static void range_label(const bl_site_page *pages, size_t n, char *out, size_t size)
{
    char a[128], b[128];
    period_name(pages[0].d, a, sizeof a);
    period_name(pages[n - 1].d, b, sizeof b);
    const bl_document *x = pages[0].d, *y = pages[n - 1].d;
    if (n == 1)
        snprintf(out, size, "%s", a);
    else if (x->year > 0 && x->year == y->year && x->month > 0 && y->month > 0)
        snprintf(out, size, "%s—%d月", a, y->month);
    else
        snprintf(out, size, "%s—%s", a, b);
}

static void copy_item(cJSON *to, const cJSON *from, const char *key)
{
    cJSON *v = cJSON_GetObjectItem(from, key);
    if (v)
        cJSON_AddItemToObject(to, key, cJSON_Duplicate(v, true));
}

cJSON *bl_site_index_view(bl_model *m, const bl_site_page *pages, size_t n,
                          const bl_view_options *opts)
{
    cJSON *o = cJSON_CreateObject();
    const bl_document *last = pages[n - 1].d;
    /* The publisher's name, logo and colours as the latest page has them. */
    bl_view_options vo = {.generator = opts ? opts->generator : NULL,
                          .omit_projects = true,
                          .settings = opts ? opts->settings : NULL};
    cJSON *lv = bl_view_document(m, last, &vo);
    static const char *const keys[] = {"generator", "lang", "has_site", "site", "office"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        copy_item(o, lv, keys[i]);
    cJSON_Delete(lv);
    bool one_year = true;
    size_t max_lists = 0;
    for (size_t k = 0; k < n; k++) {
        one_year &= pages[k].d->year == pages[0].d->year;
        if (pages[k].d->n_lists > max_lists)
            max_lists = pages[k].d->n_lists;
    }
    char range[300], title[400];
    range_label(pages, n, range, sizeof range);
    cJSON_AddStringToObject(o, "range_label", range);
    snprintf(title, sizeof title, "%s 民生实事项目进展", range);
    cJSON_AddStringToObject(o, "page_title", title);
    cJSON_AddNumberToObject(o, "n_periods", (double)n);
    cJSON *periods = cJSON_AddArrayToObject(o, "periods");
    for (size_t k = 0; k < n; k++)
        cJSON_AddItemToArray(periods, period_json(&pages[k], k + 1 == n));
    cJSON *latest = cJSON_AddObjectToObject(o, "latest");
    cJSON *lp = period_json(&pages[n - 1], true);
    cJSON_AddItemToObject(latest, "period", lp);
    cJSON *lists = cJSON_AddArrayToObject(o, "lists");
    for (size_t i = 0; i < max_lists; i++)
        cJSON_AddItemToArray(lists, list_trend_json(pages, n, i, one_year));
    cJSON_AddBoolToObject(o, "has_lists", max_lists > 0);
    cJSON_AddItemToObject(o, "departments", departments_json(m, pages, n, one_year));
    cJSON_AddBoolToObject(o, "has_pdf", pages[0].pdf != NULL);
    return o;
}

/* ---- a period page's links ----------------------------------------------- */

static cJSON *neighbour(const bl_site_page *pg)
{
    cJSON *o = cJSON_CreateObject();
    char name[128];
    period_name(pg->d, name, sizeof name);
    add_href(o, "href", pg->html);
    cJSON_AddStringToObject(o, "label", name);
    return o;
}

void bl_site_add_nav(cJSON *view, const bl_site_page *pages, size_t n, size_t i)
{
    cJSON *s = cJSON_AddObjectToObject(view, "series");
    cJSON_AddStringToObject(s, "index_href", "index.html");
    cJSON_AddNumberToObject(s, "position", (double)(i + 1));
    cJSON_AddNumberToObject(s, "count", (double)n);
    add_href(s, "pdf_href", pages[i].pdf);
    if (i > 0)
        cJSON_AddItemToObject(s, "prev", neighbour(&pages[i - 1]));
    else
        cJSON_AddNullToObject(s, "prev");
    if (i + 1 < n)
        cJSON_AddItemToObject(s, "next", neighbour(&pages[i + 1]));
    else
        cJSON_AddNullToObject(s, "next");
}
