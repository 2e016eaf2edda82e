/* view.c - the model shaped for templates and the PDF; see view.h and
 * docs/templates.md (which documents every field made here). */
#include "view.h"
#include "alloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "buf.h"
#include "key_table.h"
#include "settings.h"
#include "rate.h"
#include "schedule.h"
#include "write_json.h"
#include "changes_json.h"
#include "checks_json.h"
#include "view_tongbao.h"
#include "view_words.h"

void bl_view_format_rate(double rate, char *out, size_t size)
{
    bl_rate_format(rate, out, size);
}

const char *bl_view_status_label(bl_status_class s)
{
    switch (s) {
    case BL_STATUS_AHEAD: return "提前完成";
    case BL_STATUS_DONE: return "已完成";
    case BL_STATUS_MOSTLY_DONE: return "基本完成";
    case BL_STATUS_PARTIAL: return "部分完成";
    case BL_STATUS_NOT_DONE: return "未完成";
    case BL_STATUS_ON_SCHEDULE: return "按序时推进";
    case BL_STATUS_BEHIND: return "滞后";
    default: return "未注明";
    }
}

const char *bl_view_level_label(bl_level level)
{
    switch (level) {
    case BL_LEVEL_PROVINCE: return "省级";
    case BL_LEVEL_CITY: return "市级";
    case BL_LEVEL_COUNTY: return "县级";
    case BL_LEVEL_DISTRICT: return "区级";
    case BL_LEVEL_TOWN: return "乡镇级";
    case BL_LEVEL_NONE: break;
    }
    return "";
}

/* cJSON helpers (keys are literals, see bl_json_add): absent strings become
 * null, so templates can test them. */
static void add_str(cJSON *o, const char *key, const char *s)
{
    if (s)
        bl_json_add(o, key, cJSON_CreateString(s));
    else
        bl_json_add(o, key, cJSON_CreateNull());
}

static void add_rate(cJSON *o, const char *label_key, double rate)
{
    char buf[48];
    bl_view_format_rate(rate, buf, sizeof buf);
    bl_json_add(o, label_key, cJSON_CreateString(buf));
}

/* Rates are shown with two decimals at most; keep the JSON numbers the same
 * so the PDF and the page agree with the label. */
static double round2(double x)
{
    return round(x * 100.0) / 100.0;
}

/* Splits text on '\n' into a JSON array of strings. */
static cJSON *lines_array(const char *text)
{
    cJSON *arr = cJSON_CreateArray();
    if (!text)
        return arr;
    const char *p = text;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = bl_malloc(n + 1);
        memcpy(line, p, n);
        line[n] = '\0';
        if (n)
            cJSON_AddItemToArray(arr, cJSON_CreateString(line));
        free(line);
        if (!nl)
            break;
        p = nl + 1;
    }
    return arr;
}

static const char *rate_class(double capped)
{
    if (capped >= 100.0)
        return "full";
    if (capped >= 80.0)
        return "high";
    if (capped >= 50.0)
        return "mid";
    return "low";
}

/* ---- summary ---------------------------------------------------------- */

static cJSON *summary_json(const bl_list *list)
{
    bl_list_summary s;
    bl_list_summarize(list, &s);
    cJSON *o = cJSON_CreateObject();
    bl_json_add(o, "projects", cJSON_CreateNumber((double)s.projects));
    bl_json_add(o, "entries", cJSON_CreateNumber((double)s.entries));
    for (int c = 1; c < BL_STATUS_COUNT; c++)
        bl_json_add(o, bl_status_class_name((bl_status_class)c), cJSON_CreateNumber((double)s.status_counts[c]));
    bl_json_add(o, "unknown", cJSON_CreateNumber((double)s.status_counts[BL_STATUS_UNKNOWN]));
    bl_json_add(o, "ahead_done", cJSON_CreateNumber((double)(s.status_counts[BL_STATUS_AHEAD] +
                                     s.status_counts[BL_STATUS_DONE])));
    /* "behind" counts flagged projects, not only the behind status class. */
    cJSON_ReplaceItemInObject(o, "behind", cJSON_CreateNumber((double)s.behind));
    bl_json_add(o, "lagging", cJSON_CreateNumber((double)s.lagging));
    bl_json_add(o, "has_rate_mean", cJSON_CreateBool(s.rated > 0));
    if (s.rated > 0) {
        bl_json_add(o, "rate_mean", cJSON_CreateNumber(round2(s.rate_mean)));
        add_rate(o, "rate_mean_label", s.rate_mean);
    } else {
        bl_json_add(o, "rate_mean", cJSON_CreateNull());
        bl_json_add(o, "rate_mean_label", cJSON_CreateString("—"));
    }
    bl_view_add_figures(o);
    return o;
}

/* ---- chart ------------------------------------------------------------ */

typedef struct dept_row {
    const bl_department *d;
    double capped;
} dept_row;

static int dept_row_cmp(const void *a, const void *b)
{
    const dept_row *x = a, *y = b;
    int xr = x->d->rated > 0, yr = y->d->rated > 0;
    if (xr != yr)
        return yr - xr; /* departments with a rate first */
    if (xr && x->capped != y->capped)
        return x->capped < y->capped ? 1 : -1;
    if (x->d->projects != y->d->projects)
        return x->d->projects < y->d->projects ? 1 : -1;
    return strcmp(x->d->key, y->d->key);
}

/* Department rows of a list in chart order; caller frees. */
static dept_row *sorted_departments(bl_model *m, const bl_list *list,
                                    size_t *count)
{
    size_t n = 0;
    for (bl_department *d = bl_departments_of_list(m, list); d; d = d->next)
        n++;
    dept_row *rows = bl_calloc(n ? n : 1, sizeof *rows);
    size_t i = 0;
    for (bl_department *d = bl_departments_of_list(m, list); d; d = d->next) {
        rows[i].d = d;
        rows[i].capped = d->rate_mean > 100.0 ? 100.0 : d->rate_mean;
        i++;
    }
    qsort(rows, n, sizeof *rows, dept_row_cmp);
    *count = n;
    return rows;
}

static char *dept_anchor(int list_index, size_t dept_index)
{
    char buf[48];
    snprintf(buf, sizeof buf, "dept-%d-%zu", list_index, dept_index + 1);
    return bl_strdup(buf);
}

static cJSON *chart_json(const dept_row *rows, size_t n, int list_index)
{
    cJSON *chart = cJSON_CreateObject();
    bl_json_add(chart, "has_departments", cJSON_CreateBool(n > 0));
    cJSON *arr = bl_json_add(chart, "departments", cJSON_CreateArray());
    for (size_t i = 0; i < n; i++) {
        const bl_department *d = rows[i].d;
        cJSON *o = cJSON_CreateObject();
        add_str(o, "key", d->key);
        add_str(o, "name", d->key);
        char *id = dept_anchor(list_index, i);
        add_str(o, "id", id);
        /* the link to the department's first row: on this page, or on the
         * part page that holds it (html_split.c) */
        char href[64];
        snprintf(href, sizeof href, "#%s", id);
        add_str(o, "href", href);
        free(id);
        bl_json_add(o, "projects", cJSON_CreateNumber((double)d->projects));
        bl_json_add(o, "entries", cJSON_CreateNumber((double)d->entries));
        bl_json_add(o, "behind", cJSON_CreateNumber((double)d->behind));
        bl_json_add(o, "has_rate", cJSON_CreateBool(d->rated > 0));
        if (d->rated > 0) {
            bl_json_add(o, "rate", cJSON_CreateNumber(round2(d->rate_mean)));
            bl_json_add(o, "rate_capped", cJSON_CreateNumber(round2(rows[i].capped)));
            add_rate(o, "rate_label", rows[i].capped);
            bl_json_add(o, "bar", cJSON_CreateNumber(round2(rows[i].capped)));
            bl_json_add(o, "class", cJSON_CreateString(rate_class(rows[i].capped)));
        } else {
            bl_json_add(o, "rate", cJSON_CreateNull());
            bl_json_add(o, "rate_capped", cJSON_CreateNull());
            bl_json_add(o, "rate_label", cJSON_CreateString("—"));
            bl_json_add(o, "bar", cJSON_CreateNumber(0));
            bl_json_add(o, "class", cJSON_CreateString("none"));
        }
        size_t lagging = d->status_counts[BL_STATUS_NOT_DONE] +
                         d->status_counts[BL_STATUS_PARTIAL];
        bl_json_add(o, "lagging", cJSON_CreateNumber((double)lagging));
        /* "6项", "滞后0", "6项 · 滞后0": the counts as both writers word them */
        char pl[32], bh[32], both[80];
        snprintf(pl, sizeof pl, "%zu%s", d->projects, bl_view_word("unit"));
        snprintf(bh, sizeof bh, "%s%zu", bl_view_word("behind"), d->behind);
        snprintf(both, sizeof both, "%s · %s", pl, bh);
        bl_json_add(o, "projects_label", cJSON_CreateString(pl));
        bl_json_add(o, "behind_label", cJSON_CreateString(bh));
        bl_json_add(o, "counts_label", cJSON_CreateString(both));
        cJSON_AddItemToArray(arr, o);
    }
    return chart;
}

/* ---- projects --------------------------------------------------------- */

/* The anchor of key within a list, or NULL. */
/* A list's chart departments by key: anchor id and whether a row has
 * carried it yet (key_table.h). Keys and ids point into the chart's cJSON. */
static void dept_index_build(bl_key_table *ix, cJSON *chart_depts)
{
    bl_key_table_init(ix, (size_t)cJSON_GetArraySize(chart_depts));
    cJSON *d;
    cJSON_ArrayForEach(d, chart_depts)
    {
        cJSON *k = cJSON_GetObjectItem(d, "key");
        cJSON *id = cJSON_GetObjectItem(d, "id");
        if (cJSON_IsString(k) && cJSON_IsString(id))
            bl_key_table_put(ix, k->valuestring, id->valuestring);
    }
}

/* "215%、214.75%" */
void bl_view_rates_label(const double *rates, size_t n, char *label, size_t size)
{
    label[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char one[48];
        bl_view_format_rate(rates[i], one, sizeof one);
        if (i)
            strncat(label, "、", size - strlen(label) - 1);
        strncat(label, one, size - strlen(label) - 1);
    }
}

static void add_rates_label(cJSON *o, const bl_entry *e)
{
    char label[512];
    bl_view_rates_label(e->rates, e->n_rates, label, sizeof label);
    bl_json_add(o, "has_rate", cJSON_CreateBool(e->n_rates > 0));
    bl_json_add(o, "rate_label", cJSON_CreateString(label));
    add_str(o, "rate_source", bl_rate_source_name(e->rate_source));
}

static cJSON *entry_json(const bl_entry *e, int index, const char *anchor,
                        bool dept_first)
{
    cJSON *o = cJSON_CreateObject();
    bl_json_add(o, "first", cJSON_CreateBool(index == 1));
    bl_json_add(o, "index", cJSON_CreateNumber(index));
    add_str(o, "department", e->department);
    add_str(o, "department_key", e->department_key);
    add_str(o, "dept_id", anchor);
    /* Only the first row of a department carries its anchor. */
    bl_json_add(o, "dept_first", cJSON_CreateBool(anchor && dept_first));
    bl_json_add(o, "department_carried", cJSON_CreateBool(e->department_carried));
    add_str(o, "leader", e->leader);
    add_str(o, "target", e->target);
    add_str(o, "planned", e->planned);
    bl_json_add(o, "status", cJSON_CreateString(bl_status_class_name(e->status)));
    bl_json_add(o, "status_label", cJSON_CreateString(bl_view_status_label(e->status)));
    /* the page hides an unknown status instead of printing 未注明 */
    bl_json_add(o, "has_status", cJSON_CreateBool(e->status != BL_STATUS_UNKNOWN));
    add_str(o, "status_text", e->status_text);
    add_str(o, "progress", e->progress);
    cJSON_AddItemToObjectCS(o, "progress_lines", lines_array(e->progress));
    add_rates_label(o, e);
    bl_json_add(o, "behind", cJSON_CreateBool(e->behind));
    add_str(o, "behind_reason", e->behind_reason);
    bl_json_add(o, "line", cJSON_CreateNumber(e->line));
    return o;
}

void bl_view_project_anchor(int list_index, size_t ordinal, char *out, size_t size)
{
    /* seq is as printed and may repeat or hold odd bytes; the ordinal keeps
     * the anchor unique and ASCII. */
    snprintf(out, size, "list-%d-p%zu", list_index, ordinal);
}

static char *project_anchor(int list_index, const bl_project *p, size_t ordinal)
{
    char buf[96];
    bl_view_project_anchor(list_index, ordinal, buf, sizeof buf);
    (void)p;
    return bl_strdup(buf);
}

/* "+32", "-15", "0": a change in points, signed. */
static void change_label(double v, char *out, size_t size)
{
    char buf[48];
    bl_rate_format(fabs(v), buf, sizeof buf);
    buf[strlen(buf) - 1] = '\0'; /* the '%' */
    snprintf(out, size, "%s%s", v > 0.005 ? "+" : v < -0.005 ? "-" : "", buf);
}

/* A project's rate across the periods as a small inline SVG polyline
 * (60 x 16, rates capped at 100) and its text for screen readers; none
 * when p has no previous period. */
static void add_trend(cJSON *o, const bl_document *d, const bl_project *p)
{
    if (!p->previous) {
        bl_json_add(o, "trend", cJSON_CreateNull());
        return;
    }
    cJSON *hist = bl_history_json(d, p);
    int n = cJSON_GetArraySize(hist), i = 0;
    char points[1024] = "", text[1024] = "";
    cJSON *h;
    cJSON_ArrayForEach(h, hist)
    {
        cJSON *rate = cJSON_GetObjectItem(h, "rate");
        cJSON *period = cJSON_GetObjectItem(h, "period_label");
        char pt[64], rl[48] = "—", one[160];
        if (cJSON_IsNumber(rate)) {
            double r = rate->valuedouble > 100 ? 100 : rate->valuedouble < 0 ? 0 : rate->valuedouble;
            double x = n > 1 ? i * 58.0 / (n - 1) + 1 : 30;
            snprintf(pt, sizeof pt, "%s%.1f,%.1f", points[0] ? " " : "", x, 15 - r * 0.14);
            strncat(points, pt, sizeof points - strlen(points) - 1);
            bl_rate_format(rate->valuedouble, rl, sizeof rl);
        }
        snprintf(one, sizeof one, "%s%s %s", text[0] ? " → " : "",
                 cJSON_IsString(period) ? period->valuestring : "", rl);
        strncat(text, one, sizeof text - strlen(text) - 1);
        i++;
    }
    cJSON_Delete(hist);
    cJSON *t = bl_json_add(o, "trend", cJSON_CreateObject());
    bl_json_add(t, "points", cJSON_CreateString(points));
    bl_json_add(t, "text", cJSON_CreateString(text));
}

typedef struct list_rows list_rows;
static const char *entry_anchor(const list_rows *lr, const bl_entry *e, bool *first);

static cJSON *project_json(const bl_document *d, const bl_project *p,
                           int list_index, size_t ordinal, const list_rows *lr)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "seq", p->seq);
    char *id = project_anchor(list_index, p, ordinal);
    add_str(o, "id", id);
    free(id);
    add_str(o, "content", p->content);
    cJSON_AddItemToObjectCS(o, "content_lines", lines_array(p->content));
    bl_json_add(o, "status", cJSON_CreateString(bl_status_class_name(p->status)));
    bl_json_add(o, "status_label", cJSON_CreateString(bl_view_status_label(p->status)));
    bl_json_add(o, "has_rate", cJSON_CreateBool(p->has_rate));
    if (p->has_rate) {
        bl_json_add(o, "rate", cJSON_CreateNumber(round2(p->rate)));
        add_rate(o, "rate_label", p->rate);
        bl_json_add(o, "rate_bar", cJSON_CreateNumber(round2(p->rate > 100 ? 100 : p->rate < 0 ? 0 : p->rate)));
    } else {
        bl_json_add(o, "rate", cJSON_CreateNull());
        bl_json_add(o, "rate_label", cJSON_CreateString(""));
        bl_json_add(o, "rate_bar", cJSON_CreateNumber(0));
    }
    add_str(o, "rate_source", bl_rate_source_name(p->rate_source));
    bl_json_add(o, "behind", cJSON_CreateBool(p->behind));
    bool lagging = bl_project_is_lagging(p);
    bl_json_add(o, "lagging", cJSON_CreateBool(lagging));
    /* A status derived from the rate against the schedule, never shown as
     * printed: the template marks it 推算. */
    bool derived = p->derived_status != BL_STATUS_UNKNOWN;
    add_str(o, "derived_status", derived ? bl_status_class_name(p->derived_status) : NULL);
    add_str(o, "derived_status_label",
            derived ? bl_view_status_label(p->derived_status) : NULL);
    char cls[64];
    snprintf(cls, sizeof cls, "bl-st-%s%s", bl_status_class_name(p->status),
             p->behind ? " bl-is-behind" : "");
    bl_json_add(o, "row_class", cJSON_CreateString(cls));
    add_trend(o, d, p);
    bl_json_add(o, "n_entries", cJSON_CreateNumber((double)p->n_entries));
    cJSON *entries = bl_json_add(o, "entries", cJSON_CreateArray());
    int i = 1;
    for (const bl_entry *e = p->entries; e; e = e->next) {
        bool first = false;
        const char *anchor = entry_anchor(lr, e, &first);
        cJSON_AddItemToArray(entries, entry_json(e, i++, anchor, first));
    }
    return o;
}

/* The first extra field of e whose header holds one of words, or NULL:
 * 下步计划 / 整改时限 columns where the source has them. */
static const char *extra_named(const bl_entry *e, const char *const *words)
{
    for (const bl_field *f = e ? e->extra : NULL; f; f = f->next)
        for (size_t i = 0; words[i]; i++)
            if (f->name && f->value && strstr(f->name, words[i]))
                return f->value;
    return NULL;
}

static const char *const next_plan_words[] = {"下步", "下一步", "整改措施", NULL};
static const char *const deadline_words[] = {"整改时限", "时限", "期限", NULL};

static const char *lag_kind_label(const char *kind)
{
    if (strcmp(kind, "text") == 0)
        return "原文称滞后";
    if (strcmp(kind, "status") == 0)
        return "未完成/部分完成";
    return "慢于序时";
}

/* The status the 督办清单 shows: behind when flagged, else the project's,
 * else the derived one (marked as derived). */
static void add_lag_status(cJSON *o, const bl_project *p)
{
    bl_status_class st = p->behind && p->status != BL_STATUS_NOT_DONE &&
                                 p->status != BL_STATUS_PARTIAL
                             ? BL_STATUS_BEHIND
                             : p->status;
    bool derived = st == BL_STATUS_UNKNOWN && p->derived_status != BL_STATUS_UNKNOWN;
    if (derived)
        st = p->derived_status;
    bl_json_add(o, "status", cJSON_CreateString(bl_status_class_name(st)));
    bl_json_add(o, "status_label", cJSON_CreateString(bl_view_status_label(st)));
    bl_json_add(o, "status_derived", cJSON_CreateBool(derived));
    char shown[64];
    snprintf(shown, sizeof shown, "%s%s%s", derived ? bl_view_word("derived") : "",
             derived ? "·" : "", bl_view_status_label(st));
    bl_json_add(o, "status_shown", cJSON_CreateString(shown));
}

static cJSON *lagging_json(const bl_document *d, const bl_project *p,
                           int list_index, size_t ordinal, const char *list_title)
{
    const bl_entry *e = bl_lag_entry(p);
    cJSON *o = cJSON_CreateObject();
    add_str(o, "seq", p->seq);
    char id[96];
    bl_view_project_anchor(list_index, ordinal, id, sizeof id);
    add_str(o, "row_id", id);
    char href[128]; /* "#list-3-p2", or a part page's "stem-2.html#list-3-p2" */
    snprintf(href, sizeof href, "#%s", id);
    add_str(o, "row_href", href);
    add_str(o, "content", p->content);
    add_str(o, "department", e ? e->department : NULL);
    add_str(o, "leader", e ? e->leader : NULL);
    add_lag_status(o, p);
    bl_json_add(o, "behind", cJSON_CreateBool(p->behind));
    const char *reason = e ? (e->behind_reason ? e->behind_reason : e->progress) : NULL;
    add_str(o, "reason", reason);
    cJSON *reasons = bl_lag_reasons_json(d, p);
    cJSON *r;
    cJSON_ArrayForEach(r, reasons)
    {
        cJSON *kind = cJSON_GetObjectItem(r, "kind");
        bl_json_add(r, "label", cJSON_CreateString(lag_kind_label(kind->valuestring)));
    }
    cJSON_AddItemToObjectCS(o, "reasons", reasons);
    char rate[48] = "";
    if (p->has_rate)
        bl_view_format_rate(p->rate, rate, sizeof rate);
    bl_json_add(o, "rate_label", cJSON_CreateString(rate));
    bl_json_add(o, "has_shortfall", cJSON_CreateBool(p->has_shortfall));
    /* a shortfall the page stresses; 未低于序时 and — are shown plain */
    bl_json_add(o, "below_schedule", cJSON_CreateBool(p->has_shortfall && p->shortfall > 0));
    if (p->has_shortfall) {
        bl_json_add(o, "shortfall", cJSON_CreateNumber(round2(p->shortfall)));
        char buf[48];
        snprintf(buf, sizeof buf, "%.1f", p->shortfall > 0 ? p->shortfall : 0.0);
        bl_json_add(o, "shortfall_label", cJSON_CreateString(p->shortfall > 0 ? buf : "未低于序时"));
    } else {
        bl_json_add(o, "shortfall", cJSON_CreateNull());
        bl_json_add(o, "shortfall_label", cJSON_CreateString("—"));
    }
    add_str(o, "next_plan", extra_named(e, next_plan_words));
    add_str(o, "deadline", extra_named(e, deadline_words));
    add_str(o, "list_title", list_title);
    return o;
}

/* ---- typed rows of the large tables --------------------------------------
 * The projects and the 督办清单 of a large report are most of its view: as
 * cJSON, about 10 KB a project. They are kept here as rows (a project and
 * its ordinal) and made into cJSON a range at a time (bl_view_rows_json), so
 * a writer holds only the rows it renders. */

/* A row of a 督办清单 (a list's or the document's). */
typedef struct lag_row {
    const bl_project *p;
    const bl_list *l;
    int list_index;
    size_t ordinal, order; /* order: in source order, for ties */
} lag_row;

/* A department's first row: its entry, the project's ordinal, the anchor. */
typedef struct first_row {
    const bl_entry *e;
    size_t ordinal;
    const char *id;
} first_row;

struct list_rows {
    const bl_list *l;
    int index;
    const bl_project **projects; /* in source order: ordinal i + 1 */
    size_t n_projects;
    lag_row *lagging; /* sorted as shown */
    size_t n_lagging;
    bl_key_table depts; /* the chart's departments: key -> anchor */
    first_row *firsts;  /* sorted by entry address */
    size_t n_firsts;
};

struct bl_view_rows {
    const bl_document *d;
    list_rows *lists;
    int n_lists;
    lag_row *all; /* the document's 督办清单 */
    size_t n_all;
};

/* The 督办清单's order: by shortfall (largest first; projects without one
 * last; ties in source order). */
static int lag_row_cmp(const void *a, const void *b)
{
    const lag_row *x = a, *y = b;
    bool hx = x->p->has_shortfall, hy = y->p->has_shortfall;
    if (hx != hy)
        return hx ? -1 : 1;
    double kx = hx ? round2(x->p->shortfall) : 0, ky = hy ? round2(y->p->shortfall) : 0;
    if (kx != ky)
        return kx > ky ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int first_row_cmp(const void *a, const void *b)
{
    const bl_entry *x = ((const first_row *)a)->e, *y = ((const first_row *)b)->e;
    return x < y ? -1 : x > y;
}

/* The anchor of e's department, and whether e is its first row. */
static const char *entry_anchor(const list_rows *lr, const bl_entry *e, bool *first)
{
    *first = false;
    if (!e->department_key)
        return NULL;
    bl_key_slot *slot = bl_key_table_find(&lr->depts, e->department_key);
    if (!slot->key)
        return NULL;
    first_row k = {.e = e};
    *first = lr->n_firsts &&
             bsearch(&k, lr->firsts, lr->n_firsts, sizeof k, first_row_cmp) != NULL;
    return slot->id;
}

static void list_rows_build(list_rows *lr, const bl_list *l, int index, cJSON *chart_depts)
{
    lr->l = l;
    lr->index = index;
    dept_index_build(&lr->depts, chart_depts);
    size_t n = 0, entries = 0;
    for (const bl_project *p = l->projects; p; p = p->next) {
        n++;
        entries += p->n_entries;
    }
    lr->projects = bl_calloc(n + 1, sizeof *lr->projects);
    lr->lagging = bl_calloc(n + 1, sizeof *lr->lagging);
    lr->firsts = bl_calloc(entries + 1, sizeof *lr->firsts);
    size_t ordinal = 1;
    for (const bl_project *p = l->projects; p; p = p->next, ordinal++) {
        lr->projects[lr->n_projects++] = p;
        if (bl_project_is_lagging(p)) {
            lr->lagging[lr->n_lagging] = (lag_row){p, l, index, ordinal, lr->n_lagging};
            lr->n_lagging++;
        }
        for (const bl_entry *e = p->entries; e; e = e->next) {
            if (!e->department_key)
                continue;
            bl_key_slot *slot = bl_key_table_find(&lr->depts, e->department_key);
            if (slot->key && !slot->seen) {
                slot->seen = true;
                lr->firsts[lr->n_firsts++] = (first_row){e, ordinal, slot->id};
            }
        }
    }
    if (lr->n_firsts > 1)
        qsort(lr->firsts, lr->n_firsts, sizeof *lr->firsts, first_row_cmp);
}

/* has_lagging, has_leader, has_next_plan, has_deadline, lag_columns and an
 * empty "lagging" (filled by bl_view_rows_json) of a 督办清单 into o. */
static void lag_flags(cJSON *o, lag_row *rows, size_t n)
{
    if (n > 1)
        qsort(rows, n, sizeof *rows, lag_row_cmp);
    bool leader = false, plan = false, deadline = false;
    for (size_t i = 0; i < n; i++) {
        const bl_entry *e = bl_lag_entry(rows[i].p);
        leader = leader || (e && e->leader);
        plan = plan || extra_named(e, next_plan_words);
        deadline = deadline || extra_named(e, deadline_words);
    }
    bl_json_add(o, "has_lagging", cJSON_CreateBool(n > 0));
    bl_json_add(o, "has_leader", cJSON_CreateBool(leader));
    bl_json_add(o, "has_next_plan", cJSON_CreateBool(plan));
    bl_json_add(o, "has_deadline", cJSON_CreateBool(deadline));
    cJSON_AddItemToObjectCS(o, "lag_columns", bl_view_lag_columns(leader, plan, deadline));
    bl_json_add(o, "lagging", cJSON_CreateArray());
}

static cJSON *list_json(bl_model *m, const bl_list *l, int index, list_rows *lr)
{
    cJSON *o = cJSON_CreateObject();
    bl_json_add(o, "index", cJSON_CreateNumber(index));
    char id[32];
    snprintf(id, sizeof id, "list-%d", index);
    bl_json_add(o, "id", cJSON_CreateString(id));
    add_str(o, "title", l->title);
    /* the title, or a numbered stand-in both writers show */
    char heading[64];
    snprintf(heading, sizeof heading, "%s%d", bl_view_word("list_untitled"), index);
    bl_json_add(o, "heading", cJSON_CreateString(l->title && *l->title ? l->title : heading));
    add_str(o, "level", bl_level_name(l->level));
    bl_json_add(o, "level_label", cJSON_CreateString(bl_view_level_label(l->level)));
    cJSON_AddItemToObjectCS(o, "summary", summary_json(l));

    size_t n_depts;
    dept_row *rows = sorted_departments(m, l, &n_depts);
    cJSON *chart = chart_json(rows, n_depts, index);
    free(rows);
    cJSON_AddItemToObjectCS(o, "chart", chart);
    list_rows_build(lr, l, index, cJSON_GetObjectItem(chart, "departments"));
    lag_flags(o, lr->lagging, lr->n_lagging);
    bl_json_add(o, "projects", cJSON_CreateArray());
    return o;
}

size_t bl_view_rows_count(const bl_view_rows *r, int list, bool lagging)
{
    if (list < 0)
        return r->n_all;
    if (list >= r->n_lists)
        return 0;
    return lagging ? r->lists[list].n_lagging : r->lists[list].n_projects;
}

cJSON *bl_view_rows_json(const bl_view_rows *r, int list, bool lagging, size_t first,
                         size_t count)
{
    cJSON *arr = cJSON_CreateArray();
    size_t n = bl_view_rows_count(r, list, lagging);
    if (first > n)
        first = n;
    if (count > n - first)
        count = n - first;
    const list_rows *lr = list >= 0 ? &r->lists[list] : NULL;
    for (size_t i = first; i < first + count; i++) {
        if (lr && !lagging) {
            cJSON_AddItemToArray(arr, project_json(r->d, lr->projects[i], lr->index, i + 1, lr));
            continue;
        }
        const lag_row *g = lr ? &lr->lagging[i] : &r->all[i];
        cJSON_AddItemToArray(arr, lagging_json(r->d, g->p, g->list_index, g->ordinal,
                                               g->l->title));
    }
    return arr;
}

size_t bl_view_rows_dept_firsts(const bl_view_rows *r, int list, size_t i,
                                size_t *ordinal, const char **id)
{
    if (list < 0 || list >= r->n_lists)
        return 0;
    const list_rows *lr = &r->lists[list];
    if (i < lr->n_firsts) {
        *ordinal = lr->firsts[i].ordinal;
        *id = lr->firsts[i].id;
    }
    return lr->n_firsts;
}

size_t bl_view_rows_lag_ordinal(const bl_view_rows *r, int list, size_t i, int *list_index)
{
    size_t n = bl_view_rows_count(r, list, true);
    if (i >= n)
        return 0;
    const lag_row *g = list >= 0 ? &r->lists[list].lagging[i] : &r->all[i];
    *list_index = g->list_index;
    return g->ordinal;
}

void bl_view_rows_free(bl_view_rows *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n_lists; i++) {
        list_rows *lr = &r->lists[i];
        free(lr->projects);
        free(lr->lagging);
        free(lr->firsts);
        bl_key_table_free(&lr->depts);
    }
    free(r->lists);
    free(r->all);
    free(r);
}

/* ---- indicators ------------------------------------------------------- */

static cJSON *sections_json(const bl_document *d)
{
    cJSON *sections = cJSON_CreateArray();
    cJSON *current = NULL;
    const char *current_name = NULL;
    int index = 0;
    for (const bl_indicator *ind = d->indicators; ind; ind = ind->next) {
        const char *name = ind->section ? ind->section : "";
        if (!current || strcmp(current_name, name) != 0) {
            current = cJSON_CreateObject();
            bl_json_add(current, "name", cJSON_CreateString(name));
            bl_json_add(current, "heading", cJSON_CreateString(*name ? name : bl_view_word("section_untitled")));
            bl_json_add(current, "index", cJSON_CreateNumber(++index));
            bl_json_add(current, "indicators", cJSON_CreateArray());
            cJSON_AddItemToArray(sections, current);
            current_name = name;
        }
        cJSON *o = cJSON_CreateObject();
        add_str(o, "seq", ind->seq);
        add_str(o, "name", ind->name);
        add_str(o, "text", ind->text);
        char label[512];
        bl_view_rates_label(ind->rates, ind->n_rates, label, sizeof label);
        bl_json_add(o, "rates_label", cJSON_CreateString(label));
        bl_json_add(o, "line", cJSON_CreateNumber(ind->line));
        cJSON_AddItemToArray(cJSON_GetObjectItem(current, "indicators"), o);
    }
    return sections;
}

/* ---- document --------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void add_period(cJSON *o, const bl_document *d)
{
    char label[64];
    bl_period_label(d, label, sizeof label);
    add_str(o, "period_label", label[0] ? label : NULL);
    if (d->has_schedule) {
        cJSON *s = bl_json_add(o, "schedule", cJSON_CreateObject());
        double rate = d->schedule;
        bl_json_add(s, "rate", cJSON_CreateNumber(rate));
        char buf[32];
        snprintf(buf, sizeof buf, "%.1f%%", rate);
        bl_json_add(s, "label", cJSON_CreateString(buf));
    } else {
        bl_json_add(o, "schedule", cJSON_CreateNull());
    }
}

/* The report's own title, or null: none is invented. The page and the PDF
 * metadata still need a name: page_title falls back to the generic name of
 * such reports (a label, not a claim about the report's heading). */
static void add_title(cJSON *o, const bl_document *d)
{
    bl_json_add(o, "title_inferred", cJSON_CreateBool(d->title == NULL));
    add_str(o, "title", d->title);
    add_str(o, "page_title", d->title ? d->title : "民生实事项目进展情况");
}

/* "site": what the office's settings file says of the publisher, for the
 * masthead, the footer and the colours; has_site false without one. */
static void add_site(cJSON *o, const bl_settings *s)
{
    bool any = s && (s->name || s->logo || s->footer || s->contact || s->accent ||
                     s->secondary);
    bl_json_add(o, "has_site", cJSON_CreateBool(any));
    if (!any)
        return;
    cJSON *site = bl_json_add(o, "site", cJSON_CreateObject());
    add_str(site, "name", s->name);
    add_str(site, "footer", s->footer);
    add_str(site, "contact", s->contact);
    add_str(site, "accent", s->accent);
    add_str(site, "secondary", s->secondary);
    bl_json_add(site, "has_colours", cJSON_CreateBool(s->accent || s->secondary));
    bl_json_add(site, "internal", cJSON_CreateBool(s->edition && strcmp(s->edition, "internal") == 0));
    if (s->logo) {
        bl_buf uri = BL_BUF_INIT;
        bl_buf_printf(&uri, "data:%s;base64,", s->logo_type);
        bl_buf_append_base64(&uri, s->logo, s->logo_len);
        bl_json_add(site, "logo", cJSON_CreateString(bl_buf_cstr(&uri)));
        bl_buf_free(&uri);
    }
}

/* Labels on the change items: "rate_change_label", "rate_before_label",
 * "rate_now_label". */
static void add_before_now_labels(cJSON *it)
{
    const char *keys[][2] = {{"rate_before", "rate_before_label"},
                             {"rate", "rate_now_label"}};
    for (int k = 0; k < 2; k++) {
        cJSON *v = cJSON_GetObjectItem(it, keys[k][0]);
        char buf[48] = "—";
        if (cJSON_IsNumber(v))
            bl_rate_format(v->valuedouble, buf, sizeof buf);
        bl_json_add(it, keys[k][1], cJSON_CreateString(buf));
    }
}

static void label_items(cJSON *arr)
{
    cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        add_before_now_labels(it);
        cJSON *c = cJSON_GetObjectItem(it, "rate_change");
        char buf[48] = "";
        if (cJSON_IsNumber(c))
            change_label(c->valuedouble, buf, sizeof buf);
        bl_json_add(it, "rate_change_label", cJSON_CreateString(buf));
    }
}

/* "与上期对比": the changes of compare.h, labelled, with the counts, the
 * first ten movers and a has_ flag per list. */
static cJSON *changes_view(bl_model *m, const bl_document *d)
{
    cJSON *c = bl_changes_json(m, d);
    if (!cJSON_IsObject(c))
        return c;
    static const char *const kinds[] = {"newly_done", "newly_lagging", "recovered", "stalled",
                                        "movers", "added", "removed"};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        cJSON *arr = cJSON_GetObjectItem(c, kinds[k]);
        label_items(arr);
        char key[48];
        snprintf(key, sizeof key, "has_%s", kinds[k]);
        cJSON_AddBoolToObject(c, key, cJSON_GetArraySize(arr) > 0); /* key: a buffer, copied */
        snprintf(key, sizeof key, "n_%s", kinds[k]);
        cJSON_AddNumberToObject(c, key, cJSON_GetArraySize(arr));
    }
    cJSON *movers = cJSON_GetObjectItem(c, "movers");
    while (cJSON_GetArraySize(movers) > 10)
        cJSON_DeleteItemFromArray(movers, 10);
    cJSON *dp;
    cJSON_ArrayForEach(dp, cJSON_GetObjectItem(c, "departments"))
    {
        cJSON *v = cJSON_GetObjectItem(dp, "rate_change");
        char buf[48] = "—";
        if (cJSON_IsNumber(v))
            change_label(v->valuedouble, buf, sizeof buf);
        bl_json_add(dp, "rate_change_label", cJSON_CreateString(buf));
        change_label(cJSON_GetObjectItem(dp, "lagging_change")->valuedouble, buf, sizeof buf);
        bl_json_add(dp, "lagging_change_label", cJSON_CreateString(buf));
        add_before_now_labels(dp);
    }
    return c;
}

cJSON *bl_view_document_rows(bl_model *m, const bl_document *d,
                             const bl_view_options *opts, bl_view_rows **rows_out)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "generator", opts && opts->generator ? opts->generator : "bulletin");
    bl_json_add(o, "lang", cJSON_CreateString("zh-CN"));
    add_title(o, d);
    add_str(o, "office", d->office);
    add_str(o, "published", d->published);
    add_str(o, "source", base_name(d->source));
    add_str(o, "format", d->format);
    add_period(o, d);
    cJSON *sched = cJSON_GetObjectItem(o, "schedule");
    cJSON_AddItemToObjectCS(o, "labels", bl_view_labels(cJSON_IsObject(sched)
                                             ? cJSON_GetObjectItem(sched, "label")->valuestring
                                             : NULL));
    cJSON_AddItemToObjectCS(o, "columns", bl_view_columns());
    cJSON_AddItemToObjectCS(o, "indicator_columns", bl_view_indicator_columns());
    add_site(o, opts ? opts->settings : NULL);
    /* The masthead lists only what the report says: no 未注明 lines. */
    bl_json_add(o, "has_meta", cJSON_CreateBool(d->office || d->published ||
                                             cJSON_IsString(cJSON_GetObjectItem(o, "period_label"))));

    bl_view_rows *rows = bl_calloc(1, sizeof *rows);
    rows->d = d;
    rows->lists = bl_calloc(d->n_lists + 1, sizeof *rows->lists);
    cJSON *lists = cJSON_CreateArray();
    int index = 1;
    size_t n_all = 0;
    for (const bl_list *l = d->lists; l; l = l->next, index++) {
        list_rows *lr = &rows->lists[rows->n_lists++];
        cJSON_AddItemToArray(lists, list_json(m, l, index, lr));
        n_all += lr->n_lagging;
    }
    bl_json_add(o, "has_lists", cJSON_CreateBool(d->n_lists > 0));
    cJSON_AddItemToObjectCS(o, "lists", lists);
    /* the document's 督办清单: every list's, in source order, then sorted */
    rows->all = bl_calloc(n_all + 1, sizeof *rows->all);
    for (int i = 0; i < rows->n_lists; i++) {
        list_rows *lr = &rows->lists[i];
        for (size_t k = 0; k < lr->n_lagging; k++)
            rows->all[rows->n_all++] = lr->lagging[k];
    }
    /* each list's rows are sorted already, ties in source order; renumbered,
     * the ties stay in source order across the lists */
    for (size_t k = 0; k < rows->n_all; k++)
        rows->all[k].order = k;
    lag_flags(o, rows->all, rows->n_all);
    cJSON *changes = changes_view(m, d);
    bl_json_add(o, "has_changes", cJSON_CreateBool(cJSON_IsObject(changes)));
    cJSON_AddItemToObjectCS(o, "changes", changes);
    bl_json_add(o, "has_indicators", cJSON_CreateBool(d->n_indicators > 0));
    cJSON_AddItemToObjectCS(o, "sections", sections_json(d));
    if (opts && opts->checks) {
        cJSON *checks = bl_checks_view(m, d, opts->check_errors);
        bl_json_add(o, "has_checks", cJSON_CreateBool(cJSON_GetArraySize(checks) > 0));
        cJSON_AddItemToObjectCS(o, "checks", checks);
    }
    bl_view_add_tongbao(o, d); /* the written 通报's figures */
    *rows_out = rows;
    return o;
}

cJSON *bl_view_document(bl_model *m, const bl_document *d, const bl_view_options *opts)
{
    bl_view_rows *rows = NULL;
    cJSON *o = bl_view_document_rows(m, d, opts, &rows);
    bool omit = opts && opts->omit_projects;
    int i = 0;
    cJSON *l;
    cJSON_ArrayForEach(l, cJSON_GetObjectItem(o, "lists"))
    {
        cJSON_ReplaceItemInObject(l, "lagging",
                                  bl_view_rows_json(rows, i, true, 0, (size_t)-1));
        if (!omit)
            cJSON_ReplaceItemInObject(l, "projects",
                                      bl_view_rows_json(rows, i, false, 0, (size_t)-1));
        i++;
    }
    cJSON_ReplaceItemInObject(o, "lagging", bl_view_rows_json(rows, -1, true, 0, (size_t)-1));
    bl_view_rows_free(rows);
    return o;
}
