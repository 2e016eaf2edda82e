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
#include "alloc.h"
#include "schedule.h"
#include "wraps.h"

#include <stdlib.h>
#include <string.h>

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

/* The status of an entry without a status phrase: a status column among
 * its extra fields, else its progress text. */
static bl_status_class unphrased_status(const bl_status_words *w, const bl_entry *e)
{
    for (const bl_field *f = e->extra; f; f = f->next)
        if (f->name && f->value && bl_status_words_is_column(w, f->name)) {
            bl_status_class c = bl_status_words_cell(w, f->name, f->value);
            if (c != BL_STATUS_UNKNOWN)
                return c;
        }
    return bl_status_words_of_text(w, e->progress);
}

static void analyze_entry(bl_model *m, const bl_aliases *aliases,
                          const bl_status_words *w, bl_entry *e)
{
    e->department_key = bl_department_key(m->arena, aliases, e->department);
    e->status = e->status_text ? bl_status_words_classify(w, e->status_text)
                               : unphrased_status(w, e);
    if (e->status == BL_STATUS_BEHIND)
        e->behind = true;
    /* The reader looked with the built-in words; an office's own may find
     * more. */
    if (!e->behind && bl_status_words_says_behind(w, e->progress))
        e->behind = true;
    if (e->behind && !e->behind_reason)
        e->behind_reason = bl_status_words_reason(w, m->arena, e->progress);
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
    return bl_analyze_with(m, aliases, NULL, err);
}

int bl_analyze_with(bl_model *m, const bl_aliases *aliases,
                    const bl_status_words *words, bl_error *err)
{
    for (bl_document *d = m->documents; d; d = d->next)
        for (bl_list *l = d->lists; l; l = l->next)
            for (bl_project *p = l->projects; p; p = p->next) {
                for (bl_entry *e = p->entries; e; e = e->next)
                    analyze_entry(m, aliases, words, e);
                analyze_project(p);
            }
    return bl_analyze_lag(m, NULL, err);
}

int bl_analyze_lag(bl_model *m, const bl_lag_options *opts, bl_error *err)
{
    int rc = bl_schedule_apply(m, opts, err);
    if (rc)
        return rc;
    m->departments = bl_departments_of_document(m, NULL);
    m->n_departments = 0;
    for (const bl_department *dp = m->departments; dp; dp = dp->next)
        m->n_departments++;
    return BL_OK;
}

/* Mean capped effective rate of p's entries; false when none has a rate. */
static bool project_rate_capped(const bl_project *p, double *out)
{
    double sum = 0, r;
    size_t n = 0;
    bl_rate_source src;
    for (const bl_entry *e = p->entries; e; e = e->next) {
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

/* What one project adds to a department, gathered while its entries are
 * walked: each key counts once per project. */
typedef struct tally {
    size_t project; /* 1 + index of the last project that touched it */
    bool behind;    /* that project: any entry of this key behind */
    bool lagging;   /* that project lags and has an entry of this key */
    double sum;     /* that project: capped rates of this key */
    size_t rated;
} tally;

/* Departments in order of first sight (items, tallies) and by key in an
 * open-addressing hash of indices: a report may name thousands of offices,
 * and a linear search per entry would be quadratic. */
typedef struct rollup {
    bl_model *m;
    bl_department **items; /* malloc'd while building */
    tally *tallies;        /* parallel to items */
    size_t n, cap;
    size_t *index;   /* 1 + item index, 0 = empty; index_cap a power of 2 */
    size_t index_cap;
    size_t project;  /* 1 + index of the project being added */
    size_t *touched; /* items the current project touched */
    size_t n_touched;
} rollup;

static void *xrealloc(void *p, size_t size)
{
    p = bl_realloc(p, size ? size : 1);
    return p;
}

BL_WRAPS static size_t hash_key(const char *s)
{
    size_t h = 5381; /* djb2 */
    for (; *s; s++)
        h = h * 33 + (unsigned char)*s;
    return h;
}

static void index_put(size_t *index, size_t cap, const char *key, size_t item)
{
    size_t j = hash_key(key) & (cap - 1);
    while (index[j])
        j = (j + 1) & (cap - 1);
    index[j] = item + 1;
}

/* The item of key, created on first sight. */
static size_t dept_for(rollup *r, const char *key)
{
    if (2 * (r->n + 1) > r->index_cap) {
        size_t cap = r->index_cap ? r->index_cap * 2 : 64;
        size_t *index = bl_calloc(cap, sizeof *index);
        for (size_t i = 0; i < r->n; i++)
            index_put(index, cap, r->items[i]->key, i);
        free(r->index);
        r->index = index;
        r->index_cap = cap;
    }
    size_t j = hash_key(key) & (r->index_cap - 1);
    for (; r->index[j]; j = (j + 1) & (r->index_cap - 1))
        if (strcmp(r->items[r->index[j] - 1]->key, key) == 0)
            return r->index[j] - 1;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->items = xrealloc(r->items, r->cap * sizeof *r->items);
        r->tallies = xrealloc(r->tallies, r->cap * sizeof *r->tallies);
        r->touched = xrealloc(r->touched, r->cap * sizeof *r->touched);
    }
    bl_department *d = bl_arena_alloc(r->m->arena, sizeof *d);
    d->key = key;
    r->items[r->n] = d;
    r->tallies[r->n] = (tally){0, false, false, 0, 0};
    r->index[j] = r->n + 1;
    return r->n++;
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

/* Once per (project, key): the key's behind flag is any of its entries',
 * its rate the mean of its entries' capped rates. */
static void rollup_project(rollup *r, const bl_project *p)
{
    r->project++;
    r->n_touched = 0;
    for (const bl_entry *e = p->entries; e; e = e->next) {
        if (!e->department_key)
            continue;
        size_t i = dept_for(r, e->department_key);
        bl_department *d = r->items[i];
        tally *t = &r->tallies[i];
        add_name(r->m, d, e->department);
        d->entries++;
        d->status_counts[e->status]++;
        if (t->project != r->project) {
            *t = (tally){r->project, false, p->lagging, 0, 0};
            r->touched[r->n_touched++] = i; /* at most one per item */
        }
        t->behind |= e->behind;
        double rate;
        bl_rate_source src;
        if (entry_rate(e, &rate, &src)) {
            t->sum += cap(rate);
            t->rated++;
        }
    }
    for (size_t k = 0; k < r->n_touched; k++) {
        bl_department *d = r->items[r->touched[k]];
        const tally *t = &r->tallies[r->touched[k]];
        d->projects++;
        d->behind += t->behind;
        d->lagging += t->lagging;
        if (t->rated) {
            d->rated++;
            d->rate_mean += t->sum / (double)t->rated; /* a sum until rollup_finish */
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
    free(r->tallies);
    free(r->index);
    free(r->touched);
    return head;
}

bl_department *bl_departments_of_list(bl_model *m, const bl_list *list)
{
    if (!list)
        return bl_departments_of_document(m, NULL);
    rollup r = {.m = m};
    rollup_list(&r, list);
    return rollup_finish(&r);
}

bl_department *bl_departments_of_document(bl_model *m, const bl_document *doc)
{
    rollup r = {.m = m};
    for (const bl_document *d = m->documents; d; d = d->next)
        if (!doc || d == doc)
            for (const bl_list *l = d->lists; l; l = l->next)
                rollup_list(&r, l);
    return rollup_finish(&r);
}

/* --- list summary ------------------------------------------------------ */

bool bl_project_is_lagging(const bl_project *p)
{
    return p->lagging;
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
        if (project_rate_capped(p, &rate)) {
            out->rated++;
            sum += rate;
        }
    }
    if (out->rated)
        out->rate_mean = sum / (double)out->rated;
}
