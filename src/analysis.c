/* analysis.c - derived fields and roll-ups of the model; see analysis.h.
 *
 * Effective rate. An entry's is its first stated rate, else 100 when its
 * status is ahead or done (source "status"), else none. A project's is the
 * mean of its entries' effective rates, uncapped (a project 215% done says
 * so). Wherever rates are averaged over projects (roll-ups, summaries) each
 * entry's rate is first capped at 100, so one over-achiever cannot hide a
 * laggard.
 */
#include "analysis.h"

#include <stdlib.h>
#include <string.h>

#include "status.h"

static bool entry_rate(const bl_entry *e, double *rate, bl_rate_source *src)
{
    if (e->n_rates) {
        *rate = e->rates[0];
        *src = e->rate_source;
        return true;
    }
    if (e->status == BL_STATUS_AHEAD || e->status == BL_STATUS_DONE) {
        *rate = 100;
        *src = BL_RATE_STATUS;
        return true;
    }
    return false;
}

static double cap(double r)
{
    return r > 100 ? 100 : r;
}

static void analyze_entry(bl_model *m, const bl_aliases *aliases, bl_entry *e)
{
    e->department_key = bl_department_key(m->arena, aliases, e->department);
    e->status = bl_status_classify(e->status_text);
    if (e->status == BL_STATUS_BEHIND)
        e->behind = true;
}

static void analyze_project(bl_project *p)
{
    int least = 99;
    double sum = 0;
    size_t rated = 0;
    p->status = BL_STATUS_UNKNOWN;
    p->behind = false;
    p->rate_source = BL_RATE_NONE;
    for (const bl_entry *e = p->entries; e; e = e->next) {
        int rank = bl_status_rank(e->status);
        if (rank >= 0 && rank < least) {
            least = rank;
            p->status = e->status;
        }
        p->behind |= e->behind;
        double r;
        bl_rate_source src;
        if (!entry_rate(e, &r, &src))
            continue;
        sum += r;
        rated++;
        /* A stated rate outweighs one implied by a status. */
        if (p->rate_source == BL_RATE_NONE || p->rate_source == BL_RATE_STATUS)
            p->rate_source = src;
    }
    p->has_rate = rated > 0;
    p->rate = rated ? sum / (double)rated : 0;
}

int bl_analyze(bl_model *m, const bl_aliases *aliases, bl_error *err)
{
    (void)err;
    for (bl_document *d = m->documents; d; d = d->next)
        for (bl_list *l = d->lists; l; l = l->next)
            for (bl_project *p = l->projects; p; p = p->next) {
                for (bl_entry *e = p->entries; e; e = e->next)
                    analyze_entry(m, aliases, e);
                analyze_project(p);
            }
    m->departments = bl_departments_of_document(m, NULL);
    m->n_departments = 0;
    for (const bl_department *dp = m->departments; dp; dp = dp->next)
        m->n_departments++;
    return BL_OK;
}

/* Mean capped effective rate of p's entries (of one key when key is not
 * NULL); false when none has a rate. */
static bool project_rate_capped(const bl_project *p, const char *key, double *out)
{
    double sum = 0, r;
    size_t n = 0;
    bl_rate_source src;
    for (const bl_entry *e = p->entries; e; e = e->next) {
        if (key && (!e->department_key || strcmp(e->department_key, key) != 0))
            continue;
        if (entry_rate(e, &r, &src)) {
            sum += cap(r);
            n++;
        }
    }
    if (n)
        *out = sum / (double)n;
    return n > 0;
}

/* --- department roll-up ------------------------------------------------ */

typedef struct rollup {
    bl_model *m;
    bl_department **items; /* malloc'd while building */
    size_t n, cap;
} rollup;

static bl_department *dept_for(rollup *r, const char *key)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->items[i]->key, key) == 0)
            return r->items[i];
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        bl_department **items = realloc(r->items, r->cap * sizeof *items);
        if (!items)
            abort(); /* out of memory is fatal, as in buf.h */
        r->items = items;
    }
    bl_department *d = bl_arena_alloc(r->m->arena, sizeof *d);
    d->key = key;
    r->items[r->n++] = d;
    return d;
}

static void add_name(bl_model *m, bl_department *d, const char *name)
{
    for (size_t i = 0; i < d->n_names; i++)
        if (strcmp(d->names[i], name) == 0)
            return;
    const char **names = bl_arena_alloc(m->arena, (d->n_names + 1) * sizeof *names);
    size_t at = 0;
    while (at < d->n_names && strcmp(d->names[at], name) < 0)
        at++;
    for (size_t i = 0; i < d->n_names; i++)
        names[i < at ? i : i + 1] = d->names[i];
    names[at] = name;
    d->names = names;
    d->n_names++;
}

/* True when an earlier entry of p has the same key as e. */
static bool key_seen_before(const bl_project *p, const bl_entry *e)
{
    for (const bl_entry *x = p->entries; x != e; x = x->next)
        if (x->department_key && strcmp(x->department_key, e->department_key) == 0)
            return true;
    return false;
}

static void rollup_project(rollup *r, const bl_project *p)
{
    for (const bl_entry *e = p->entries; e; e = e->next) {
        if (!e->department_key)
            continue;
        bl_department *d = dept_for(r, e->department_key);
        add_name(r->m, d, e->department);
        d->entries++;
        d->status_counts[e->status]++;
        if (key_seen_before(p, e))
            continue;
        /* Once per (project, key). */
        d->projects++;
        bool behind = false;
        for (const bl_entry *x = e; x; x = x->next)
            if (x->department_key && strcmp(x->department_key, e->department_key) == 0)
                behind |= x->behind;
        d->behind += behind;
        double rate;
        if (project_rate_capped(p, e->department_key, &rate)) {
            d->rated++;
            d->rate_mean += rate; /* a sum until rollup_finish */
        }
    }
}

static void rollup_list(rollup *r, const bl_list *l)
{
    for (const bl_project *p = l->projects; p; p = p->next)
        rollup_project(r, p);
}

static int by_key(const void *a, const void *b)
{
    const bl_department *x = *(bl_department *const *)a;
    const bl_department *y = *(bl_department *const *)b;
    return strcmp(x->key, y->key);
}

static bl_department *rollup_finish(rollup *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->items[i]->rated)
            r->items[i]->rate_mean /= (double)r->items[i]->rated;
    if (r->n > 1)
        qsort(r->items, r->n, sizeof *r->items, by_key);
    for (size_t i = 0; i + 1 < r->n; i++)
        r->items[i]->next = r->items[i + 1];
    bl_department *head = r->n ? r->items[0] : NULL;
    free(r->items);
    return head;
}

bl_department *bl_departments_of_list(bl_model *m, const bl_list *list)
{
    if (!list)
        return bl_departments_of_document(m, NULL);
    rollup r = {m, NULL, 0, 0};
    rollup_list(&r, list);
    return rollup_finish(&r);
}

bl_department *bl_departments_of_document(bl_model *m, const bl_document *doc)
{
    rollup r = {m, NULL, 0, 0};
    for (const bl_document *d = m->documents; d; d = d->next)
        if (!doc || d == doc)
            for (const bl_list *l = d->lists; l; l = l->next)
                rollup_list(&r, l);
    return rollup_finish(&r);
}

/* --- list summary ------------------------------------------------------ */

bool bl_project_is_lagging(const bl_project *p)
{
    return p->behind || p->status == BL_STATUS_BEHIND ||
           p->status == BL_STATUS_NOT_DONE || p->status == BL_STATUS_PARTIAL;
}

void bl_list_summarize(const bl_list *list, bl_list_summary *out)
{
    double sum = 0, rate;
    memset(out, 0, sizeof *out);
    for (const bl_project *p = list->projects; p; p = p->next) {
        out->projects++;
        out->entries += p->n_entries;
        out->status_counts[p->status]++;
        out->behind += p->behind;
        out->lagging += bl_project_is_lagging(p);
        if (project_rate_capped(p, NULL, &rate)) {
            out->rated++;
            sum += rate;
        }
    }
    if (out->rated)
        out->rate_mean = sum / (double)out->rated;
}
