/* write_json.c - the model as JSON through cJSON; see write_json.h. */
#include "write_json.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>

#include "analysis.h"
#include "schedule.h"
#include "changes_json.h"

static void add_str(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

static void add_int_or_null(cJSON *o, const char *key, int v, bool present)
{
    if (present)
        cJSON_AddNumberToObject(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

/* Derived rates (project rates, means) are rounded to 2 decimals: 76.666…
 * says no more than 76.67. Stated rates ("rates") are printed as read. */
static double round2(double v)
{
    return round(v * 100) / 100;
}

static void add_numbers(cJSON *o, const char *key, const double *v, size_t n)
{
    cJSON *a = cJSON_AddArrayToObject(o, key);
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateNumber(v[i]));
}

static void add_status_counts(cJSON *o, const size_t *counts)
{
    cJSON *c = cJSON_AddObjectToObject(o, "status_counts");
    for (int s = 0; s < BL_STATUS_COUNT; s++)
        cJSON_AddNumberToObject(c, bl_status_class_name((bl_status_class)s),
                                (double)counts[s]);
}

static cJSON *entry_json(const bl_entry *e)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "department", e->department);
    add_str(o, "department_key", e->department_key);
    cJSON_AddBoolToObject(o, "department_carried", e->department_carried);
    add_str(o, "leader", e->leader);
    if (e->n_co_departments) {
        cJSON *co = cJSON_AddArrayToObject(o, "co_departments");
        for (size_t i = 0; i < e->n_co_departments; i++)
            cJSON_AddItemToArray(co, cJSON_CreateString(e->co_departments[i]));
    }
    if (e->extra) {
        cJSON *x = cJSON_AddObjectToObject(o, "extra");
        for (const bl_field *f = e->extra; f; f = f->next)
            add_str(x, f->name, f->value);
    }
    add_str(o, "target", e->target);
    add_str(o, "planned", e->planned);
    cJSON_AddStringToObject(o, "status", bl_status_class_name(e->status));
    add_str(o, "status_text", e->status_text);
    add_str(o, "progress", e->progress);
    add_numbers(o, "rates", e->rates, e->n_rates);
    add_str(o, "rate_source", bl_rate_source_name(e->rate_source));
    cJSON_AddBoolToObject(o, "behind", e->behind);
    add_str(o, "behind_reason", e->behind_reason);
    if (e->has_investment) {
        cJSON *inv = cJSON_AddObjectToObject(o, "investment");
        cJSON_AddNumberToObject(inv, "planned", e->investment_planned);
        cJSON_AddNumberToObject(inv, "actual", e->investment_actual);
        add_str(inv, "unit", e->investment_unit);
    } else {
        cJSON_AddNullToObject(o, "investment");
    }
    cJSON_AddNumberToObject(o, "line", e->line);
    return o;
}

/* The entry that says why p lags: the first behind one, else the first
 * not done, partial or behind one, else the first. */
const bl_entry *bl_lag_entry(const bl_project *p)
{
    for (const bl_entry *e = p->entries; e; e = e->next)
        if (e->behind)
            return e;
    for (const bl_entry *e = p->entries; e; e = e->next)
        if (e->status == BL_STATUS_NOT_DONE || e->status == BL_STATUS_PARTIAL ||
            e->status == BL_STATUS_BEHIND)
            return e;
    return p->entries;
}

cJSON *bl_lag_reasons_json(const bl_document *d, const bl_project *p)
{
    cJSON *a = cJSON_CreateArray();
    const bl_entry *e = bl_lag_entry(p);
    if (p->lag & BL_LAG_TEXT) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", "text");
        add_str(o, "text", e && e->behind_reason ? e->behind_reason
                           : e ? e->progress : NULL);
        cJSON_AddItemToArray(a, o);
    }
    if (p->lag & BL_LAG_STATUS) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", "status");
        add_str(o, "text", e ? e->status_text : NULL);
        cJSON_AddItemToArray(a, o);
    }
    if (p->lag & BL_LAG_SCHEDULE) {
        char text[128];
        bl_schedule_reason(d, p, text, sizeof text);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", "schedule");
        cJSON_AddStringToObject(o, "text", text);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *project_json(const bl_document *d, const bl_project *p)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "seq", p->seq);
    add_str(o, "content", p->content);
    if (p->category)
        add_str(o, "category", p->category);
    cJSON_AddNumberToObject(o, "line", p->line);
    cJSON_AddStringToObject(o, "status", bl_status_class_name(p->status));
    if (p->has_rate) /* a mean when there are several entries */
        cJSON_AddNumberToObject(o, "rate", round2(p->rate));
    else
        cJSON_AddNullToObject(o, "rate");
    add_str(o, "rate_source", bl_rate_source_name(p->rate_source));
    cJSON_AddBoolToObject(o, "behind", p->behind);
    add_str(o, "derived_status", p->derived_status == BL_STATUS_UNKNOWN
                                     ? NULL
                                     : bl_status_class_name(p->derived_status));
    cJSON_AddBoolToObject(o, "lagging", p->lagging);
    cJSON_AddItemToObject(o, "lag_reasons", bl_lag_reasons_json(d, p));
    if (p->has_shortfall)
        cJSON_AddNumberToObject(o, "shortfall", round2(p->shortfall));
    else
        cJSON_AddNullToObject(o, "shortfall");
    if (p->previous) /* matched in an earlier period (compare.h) */
        cJSON_AddItemToObject(o, "history", bl_history_json(d, p));
    else
        cJSON_AddNullToObject(o, "history");
    cJSON *entries = cJSON_AddArrayToObject(o, "entries");
    for (const bl_entry *e = p->entries; e; e = e->next)
        cJSON_AddItemToArray(entries, entry_json(e));
    return o;
}

static cJSON *summary_json(const bl_list *l)
{
    bl_list_summary s;
    bl_list_summarize(l, &s);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "projects", (double)s.projects);
    cJSON_AddNumberToObject(o, "entries", (double)s.entries);
    add_status_counts(o, s.status_counts);
    cJSON_AddNumberToObject(o, "behind", (double)s.behind);
    cJSON_AddNumberToObject(o, "lagging", (double)s.lagging);
    cJSON_AddNumberToObject(o, "rated", (double)s.rated);
    if (s.rated)
        cJSON_AddNumberToObject(o, "rate_mean", round2(s.rate_mean));
    else
        cJSON_AddNullToObject(o, "rate_mean");
    return o;
}

static cJSON *list_json(const bl_document *d, const bl_list *l)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "title", l->title);
    add_str(o, "level", bl_level_name(l->level));
    cJSON_AddNumberToObject(o, "line", l->line);
    cJSON_AddItemToObject(o, "summary", summary_json(l));
    cJSON *projects = cJSON_AddArrayToObject(o, "projects");
    for (const bl_project *p = l->projects; p; p = p->next)
        cJSON_AddItemToArray(projects, project_json(d, p));
    return o;
}

static cJSON *indicator_json(const bl_indicator *ind)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "section", ind->section);
    add_str(o, "seq", ind->seq);
    add_str(o, "name", ind->name);
    add_str(o, "text", ind->text);
    add_numbers(o, "values", ind->values, ind->n_values);
    add_numbers(o, "rates", ind->rates, ind->n_rates);
    cJSON_AddNumberToObject(o, "line", ind->line);
    return o;
}

static cJSON *departments_json(const bl_department *d)
{
    cJSON *a = cJSON_CreateArray();
    for (; d; d = d->next) {
        cJSON *o = cJSON_CreateObject();
        add_str(o, "key", d->key);
        cJSON *names = cJSON_AddArrayToObject(o, "names");
        for (size_t i = 0; i < d->n_names; i++)
            cJSON_AddItemToArray(names, cJSON_CreateString(d->names[i]));
        cJSON_AddNumberToObject(o, "projects", (double)d->projects);
        cJSON_AddNumberToObject(o, "entries", (double)d->entries);
        cJSON_AddNumberToObject(o, "rated", (double)d->rated);
        if (d->rated)
            cJSON_AddNumberToObject(o, "rate_mean", round2(d->rate_mean));
        else
            cJSON_AddNullToObject(o, "rate_mean");
        cJSON_AddNumberToObject(o, "behind", (double)d->behind);
        cJSON_AddNumberToObject(o, "lagging", (double)d->lagging);
        add_status_counts(o, d->status_counts);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *document_json(bl_model *m, const bl_document *d)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "source", d->source_name ? d->source_name : d->source);
    add_str(o, "stem", d->stem);
    add_str(o, "format", d->format);
    add_str(o, "encoding", d->encoding);
    add_str(o, "title", d->title);
    add_str(o, "office", d->office);
    add_str(o, "published", d->published);
    cJSON *period = cJSON_AddObjectToObject(o, "period");
    add_int_or_null(period, "year", d->year, d->year > 0);
    add_int_or_null(period, "month", d->month, d->month > 0);
    add_str(period, "kind", bl_period_kind_name(d->period_kind));
    add_int_or_null(period, "from", d->month_from, d->month_from > 0);
    if (d->has_schedule) /* 序时进度, percent of the year */
        cJSON_AddNumberToObject(o, "schedule", round2(d->schedule));
    else
        cJSON_AddNullToObject(o, "schedule");
    cJSON *lists = cJSON_AddArrayToObject(o, "lists");
    for (const bl_list *l = d->lists; l; l = l->next)
        cJSON_AddItemToArray(lists, list_json(d, l));
    cJSON *inds = cJSON_AddArrayToObject(o, "indicators");
    for (const bl_indicator *i = d->indicators; i; i = i->next)
        cJSON_AddItemToArray(inds, indicator_json(i));
    cJSON_AddItemToObject(o, "departments",
                          departments_json(bl_departments_of_document(m, d)));
    cJSON_AddItemToObject(o, "changes", bl_changes_json(m, d));
    cJSON *warns = cJSON_AddArrayToObject(o, "warnings");
    for (const bl_warning *w = d->warnings; w; w = w->next) {
        cJSON *wo = cJSON_CreateObject();
        add_int_or_null(wo, "line", w->line, w->line > 0);
        add_str(wo, "message", w->message);
        cJSON_AddItemToArray(warns, wo);
    }
    return o;
}

/* cJSON indents with tabs and writes "key":<tab>value. Raw tabs never occur
 * inside its strings (they are escaped), so every tab is layout. */
static void append_two_space(bl_buf *out, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p != '\t')
            bl_buf_putc(out, *p);
        else if (p > s && p[-1] == ':')
            bl_buf_putc(out, ' ');
        else
            bl_buf_puts(out, "  ");
    }
    bl_buf_putc(out, '\n');
}

/* Prints root into out with two-space indentation and frees it. */
static int print_root(cJSON *root, bl_buf *out, bl_error *err)
{
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return bl_error_set(err, BL_ENOMEM, NULL, 0, "out of memory writing JSON");
    append_two_space(out, text);
    free(text);
    return BL_OK;
}

int bl_write_json(const bl_model *cm, bl_buf *out, bl_error *err)
{
    /* The per-document roll-ups are built in the model's arena; the model's
     * content is not changed. */
    bl_model *m = (bl_model *)cm;
    cJSON *root = cJSON_CreateObject();
    cJSON *docs = cJSON_AddArrayToObject(root, "documents");
    for (const bl_document *d = m->documents; d; d = d->next)
        if (!d->previous_only) /* --previous: read to compare, not written */
            cJSON_AddItemToArray(docs, document_json(m, d));
    cJSON_AddItemToObject(root, "departments", departments_json(m->departments));
    return print_root(root, out, err);
}

int bl_write_json_document(const bl_model *cm, const bl_document *d,
                           bl_buf *out, bl_error *err)
{
    bl_model *m = (bl_model *)cm;
    cJSON *root = cJSON_CreateObject();
    cJSON *docs = cJSON_AddArrayToObject(root, "documents");
    cJSON_AddItemToArray(docs, document_json(m, d));
    cJSON_AddItemToObject(root, "departments",
                          departments_json(bl_departments_of_document(m, d)));
    return print_root(root, out, err);
}
