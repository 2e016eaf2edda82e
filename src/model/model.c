/* model.c - constructors and names for the model; see model.h. */
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bl_model *bl_model_new(void)
{
    bl_arena *a = bl_arena_new();
    bl_model *m = bl_arena_alloc(a, sizeof *m);
    m->arena = a;
    return m;
}

void bl_model_free(bl_model *m)
{
    if (m)
        bl_arena_free(m->arena); /* m itself lives in the arena */
}

/* Appends node to a first/next list with a tail pointer: a report of 64k
 * lists or 128k indicators must not walk its list per append. */
#define APPEND(head, tail, node)                                               \
    do {                                                                       \
        if (tail)                                                              \
            (tail)->next = (node);                                             \
        else                                                                   \
            (head) = (node);                                                   \
        (tail) = (node);                                                       \
    } while (0)

bl_document *bl_model_add_document(bl_model *m, const char *source)
{
    bl_document *d = bl_arena_alloc(m->arena, sizeof *d);
    d->source = bl_arena_strdup(m->arena, source);
    APPEND(m->documents, m->documents_tail, d);
    m->n_documents++;
    return d;
}

bl_list *bl_model_add_list(bl_model *m, bl_document *d, const char *title,
                           int line)
{
    bl_list *l = bl_arena_alloc(m->arena, sizeof *l);
    l->title = bl_arena_strdup(m->arena, title);
    l->line = line;
    APPEND(d->lists, d->lists_tail, l);
    d->n_lists++;
    return l;
}

bl_project *bl_model_add_project(bl_model *m, bl_list *l, const char *seq,
                                 int line)
{
    bl_project *p = bl_arena_alloc(m->arena, sizeof *p);
    p->seq = bl_arena_strdup(m->arena, seq);
    p->line = line;
    if (l->projects_tail)
        l->projects_tail->next = p;
    else
        l->projects = p;
    l->projects_tail = p;
    l->n_projects++;
    return p;
}

bl_entry *bl_model_add_entry(bl_model *m, bl_project *p, int line)
{
    bl_entry *e = bl_arena_alloc(m->arena, sizeof *e);
    e->line = line;
    if (p->entries_tail)
        p->entries_tail->next = e;
    else
        p->entries = e;
    p->entries_tail = e;
    p->n_entries++;
    return e;
}

bl_indicator *bl_model_add_indicator(bl_model *m, bl_document *d,
                                     const char *section, const char *seq,
                                     int line)
{
    bl_indicator *ind = bl_arena_alloc(m->arena, sizeof *ind);
    ind->section = bl_arena_strdup(m->arena, section);
    ind->seq = bl_arena_strdup(m->arena, seq);
    ind->line = line;
    APPEND(d->indicators, d->indicators_tail, ind);
    d->n_indicators++;
    return ind;
}

void bl_entry_add_rate(bl_model *m, bl_entry *e, double rate,
                       bl_rate_source source)
{
    double *r = bl_arena_alloc(m->arena, (e->n_rates + 1) * sizeof *r);
    if (e->n_rates)
        memcpy(r, e->rates, e->n_rates * sizeof *r);
    r[e->n_rates++] = rate;
    e->rates = r;
    if (e->rate_source == BL_RATE_NONE)
        e->rate_source = source;
}

const char *bl_level_name(bl_level level)
{
    switch (level) {
    case BL_LEVEL_PROVINCE: return "province";
    case BL_LEVEL_CITY: return "city";
    case BL_LEVEL_COUNTY: return "county";
    case BL_LEVEL_DISTRICT: return "district";
    case BL_LEVEL_TOWN: return "town";
    case BL_LEVEL_NONE: break;
    }
    return NULL;
}

const char *bl_status_class_name(bl_status_class s)
{
    static const char *const names[BL_STATUS_COUNT] = {
        "unknown", "ahead", "done", "mostly_done", "partial",
        "not_done", "on_schedule", "behind"};
    return (unsigned)s < BL_STATUS_COUNT ? names[s] : "unknown";
}

const char *bl_rate_source_name(bl_rate_source s)
{
    switch (s) {
    case BL_RATE_TEXT: return "text";
    case BL_RATE_COLUMN: return "column";
    case BL_RATE_STATUS: return "status";
    case BL_RATE_NONE: break;
    }
    return NULL;
}

void bl_document_warn(bl_model *m, bl_document *d, int line, const char *fmt,
                      ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bl_warning *w = bl_arena_alloc(m->arena, sizeof *w);
    w->line = line;
    w->message = bl_arena_strdup(m->arena, msg);
    if (d->warnings_tail)
        d->warnings_tail->next = w;
    else
        d->warnings = w;
    d->warnings_tail = w;
    d->n_warnings++;
}

void bl_entry_add_extra(bl_model *m, bl_entry *e, const char *name,
                        const char *value)
{
    bl_field *f = bl_arena_alloc(m->arena, sizeof *f);
    f->name = bl_arena_strdup(m->arena, name);
    f->value = bl_arena_strdup(m->arena, value);
    if (e->extra_tail)
        e->extra_tail->next = f;
    else
        e->extra = f;
    e->extra_tail = f;
}

void bl_entry_add_co_department(bl_model *m, bl_entry *e, const char *name)
{
    const char **v = bl_arena_alloc(m->arena,
                                    (e->n_co_departments + 1) * sizeof *v);
    if (e->n_co_departments)
        memcpy(v, e->co_departments, e->n_co_departments * sizeof *v);
    v[e->n_co_departments++] = bl_arena_strdup(m->arena, name);
    e->co_departments = v;
}

const char *bl_period_kind_name(bl_period_kind k)
{
    switch (k) {
    case BL_PERIOD_MONTH: return "month";
    case BL_PERIOD_RANGE: return "range";
    case BL_PERIOD_QUARTER: return "quarter";
    case BL_PERIOD_HALF: return "half";
    case BL_PERIOD_YEAR: return "year";
    case BL_PERIOD_NONE: break;
    }
    return NULL;
}
