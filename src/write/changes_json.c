/* changes_json.c - month over month as cJSON; see changes_json.h. */
#include "changes_json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "compare.h"

static double round2(double v)
{
    return round(v * 100) / 100;
}

static void add_str(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

static void add_num(cJSON *o, const char *key, double v, bool present)
{
    if (present)
        cJSON_AddNumberToObject(o, key, round2(v));
    else
        cJSON_AddNullToObject(o, key);
}

void bl_period_label(const bl_document *d, char *out, size_t size)
{
    if (d->year > 0 && d->month > 0)
        snprintf(out, size, "%d年%d月", d->year, d->month);
    else if (d->year > 0)
        snprintf(out, size, "%d年", d->year);
    else if (d->month > 0)
        snprintf(out, size, "%d月", d->month);
    else
        out[0] = '\0';
}

static cJSON *item_json(const bl_change *c)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "list", c->list ? c->list->title : NULL);
    const bl_project *p = c->p, *q = c->prev;
    add_str(o, "seq", p ? p->seq : NULL);
    add_str(o, "content", p ? p->content : q->content);
    if (p)
        cJSON_AddNumberToObject(o, "line", p->line);
    else
        cJSON_AddNullToObject(o, "line");
    add_str(o, "seq_before", q ? q->seq : NULL);
    if (q)
        cJSON_AddNumberToObject(o, "line_before", q->line);
    else
        cJSON_AddNullToObject(o, "line_before");
    bool before = q && q->has_rate, now = p && p->has_rate;
    add_num(o, "rate_before", before ? q->rate : 0, before);
    add_num(o, "rate", now ? p->rate : 0, now);
    add_num(o, "rate_change", before && now ? p->rate - q->rate : 0, before && now);
    return o;
}

static const bl_department *find(const bl_department *d, const char *key)
{
    for (; d; d = d->next)
        if (strcmp(d->key, key) == 0)
            return d;
    return NULL;
}

static cJSON *dept_json(const char *key, const bl_department *b, const bl_department *a)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "key", key);
    bool rb = b && b->rated, ra = a && a->rated;
    add_num(o, "rate_before", rb ? b->rate_mean : 0, rb);
    add_num(o, "rate", ra ? a->rate_mean : 0, ra);
    add_num(o, "rate_change", rb && ra ? a->rate_mean - b->rate_mean : 0, rb && ra);
    double lb = b ? (double)b->lagging : 0, la = a ? (double)a->lagging : 0;
    cJSON_AddNumberToObject(o, "lagging_before", lb);
    cJSON_AddNumberToObject(o, "lagging", la);
    cJSON_AddNumberToObject(o, "lagging_change", la - lb);
    return o;
}

/* Both roll-ups are sorted by key: a merge gives every key once. */
static cJSON *departments_json(bl_model *m, const bl_document *prev,
                               const bl_document *cur)
{
    cJSON *arr = cJSON_CreateArray();
    const bl_department *b = bl_departments_of_document(m, prev);
    const bl_department *a = bl_departments_of_document(m, cur);
    for (const bl_department *x = a; x; x = x->next)
        cJSON_AddItemToArray(arr, dept_json(x->key, find(b, x->key), x));
    for (const bl_department *y = b; y; y = y->next)
        if (!find(a, y->key))
            cJSON_AddItemToArray(arr, dept_json(y->key, y, NULL));
    return arr;
}

cJSON *bl_changes_json(bl_model *m, const bl_document *d)
{
    const bl_changes *ch = d->changes;
    if (!ch)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    cJSON *prev = cJSON_AddObjectToObject(o, "previous");
    add_str(prev, "source", ch->previous->source_name ? ch->previous->source_name
                                                      : ch->previous->source);
    char label[64];
    bl_period_label(ch->previous, label, sizeof label);
    add_str(prev, "period_label", label[0] ? label : NULL);
    cJSON_AddNumberToObject(o, "matched", (double)ch->matched);
    cJSON_AddNumberToObject(o, "renamed", (double)ch->renamed);
    for (int k = 0; k < BL_CH_COUNT; k++) {
        cJSON *arr = cJSON_AddArrayToObject(o, bl_change_kind_name((bl_change_kind)k));
        for (size_t i = 0; i < ch->n[k]; i++)
            cJSON_AddItemToArray(arr, item_json(&ch->items[k][i]));
    }
    cJSON_AddItemToObject(o, "departments", departments_json(m, ch->previous, d));
    cJSON *w = cJSON_AddArrayToObject(o, "warnings");
    for (size_t i = 0; i < ch->n_warnings; i++)
        cJSON_AddItemToArray(w, cJSON_CreateString(ch->warnings[i]));
    return o;
}

static cJSON *point_json(const bl_document *d, const bl_project *p)
{
    cJSON *o = cJSON_CreateObject();
    char label[64];
    bl_period_label(d, label, sizeof label);
    add_str(o, "period_label", label[0] ? label : NULL);
    add_num(o, "rate", p->rate, p->has_rate);
    cJSON_AddStringToObject(o, "status", bl_status_class_name(p->status));
    cJSON_AddBoolToObject(o, "lagging", p->lagging);
    return o;
}

cJSON *bl_history_json(const bl_document *d, const bl_project *p)
{
    cJSON *arr = cJSON_CreateArray();
    /* Walk back, inserting each older point first. */
    for (; p && d; p = p->previous, d = d->changes ? d->changes->previous : NULL)
        cJSON_InsertItemInArray(arr, 0, point_json(d, p));
    return arr;
}
