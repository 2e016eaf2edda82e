/* check.c - consistency checks; see check.h. */
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "analysis.h"
#include "rate.h"

static bool done(bl_status_class s)
{
    return s == BL_STATUS_AHEAD || s == BL_STATUS_DONE;
}

#define SAY(code, line, ...)                                          \
    do {                                                              \
        char msg_[512];                                               \
        snprintf(msg_, sizeof msg_, __VA_ARGS__);                     \
        fn(ctx, d, line, code, msg_);                                 \
    } while (0)

static const char *seq_of(const bl_project *p)
{
    return p->seq ? p->seq : "?";
}

/* Words of a progress text that say the work goes on. */
static const char *const ongoing[] = {"正在施工", "正在建设", "施工中", "建设中", "推进中",
                                      "正在推进", "尚未完成", NULL};

static void check_entry(const bl_document *d, const bl_project *p, const bl_entry *e,
                        bl_check_fn fn, void *ctx)
{
    if (done(e->status) && e->n_rates && e->rate_source != BL_RATE_STATUS &&
        e->rates[0] < 100)
        SAY("C001", e->line, "project %s: status says done (%s) but the rate is %g%%",
            seq_of(p), e->status_text ? e->status_text : "已完成", e->rates[0]);
    if (e->behind && !e->behind_reason)
        SAY("C003", e->line, "project %s: said to be behind, with no reason given",
            seq_of(p));
    if (done(e->status) && e->status_text && e->progress)
        for (size_t i = 0; ongoing[i]; i++)
            if (strstr(e->progress, ongoing[i])) {
                SAY("C004", e->line, "project %s: status %s, but the progress says %s",
                    seq_of(p), e->status_text, ongoing[i]);
                break;
            }
    for (size_t i = 0; i < e->n_rates; i++)
        if (e->rates[i] > 300 || e->rates[i] < 0) {
            SAY("C007", e->line, "project %s: a rate of %g%% cannot be right", seq_of(p),
                e->rates[i]);
            break;
        }
    if (e->rate_source == BL_RATE_COLUMN && e->progress) {
        double text[8];
        size_t n = bl_rates_from_text(e->progress, text, 8);
        if (n && fabs(text[0] - e->rates[0]) >= 0.5)
            SAY("C009", e->line,
                "project %s: the rate column says %g%%, the progress text %g%%",
                seq_of(p), e->rates[0], text[0]);
    }
}

static void check_project(const bl_document *d, const bl_project *p, bl_check_fn fn,
                          void *ctx)
{
    if ((p->lag & BL_LAG_SCHEDULE) && !(p->lag & BL_LAG_TEXT)) {
        char rate[48];
        bl_rate_format(p->rate, rate, sizeof rate);
        SAY("C002", p->line,
            "project %s: rate %s is below the time schedule %.1f%% and nothing says "
            "it lags",
            seq_of(p), rate, d->schedule);
    }
    bool dept = false;
    for (const bl_entry *e = p->entries; e; e = e->next) {
        dept |= e->department != NULL;
        check_entry(d, p, e, fn, ctx);
    }
    if (!dept)
        SAY("C006", p->line, "project %s: no lead department", seq_of(p));
    const bl_project *q = p->previous;
    if (q && done(q->status) && !done(p->status) && !done(p->derived_status))
        SAY("C008", p->line, "project %s: done in the previous period, not done now",
            seq_of(p));
}

static int by_seq(const void *x, const void *y)
{
    const bl_project *a = *(const bl_project *const *)x, *b = *(const bl_project *const *)y;
    int c = strcmp(a->seq, b->seq);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

static void check_list(const bl_document *d, const bl_list *l, bl_check_fn fn, void *ctx)
{
    size_t n = 0;
    const bl_project **seqs = bl_malloc((l->n_projects ? l->n_projects : 1) * sizeof *seqs);
    for (const bl_project *p = l->projects; p; p = p->next) {
        check_project(d, p, fn, ctx);
        if (p->seq && n < l->n_projects)
            seqs[n++] = p;
    }
    /* Sorted by number then line: a repeat follows its first. */
    qsort(seqs, n, sizeof *seqs, by_seq);
    for (size_t i = 1; i < n; i++)
        if (strcmp(seqs[i]->seq, seqs[i - 1]->seq) == 0) {
            size_t first = i - 1;
            while (first > 0 && strcmp(seqs[first - 1]->seq, seqs[i]->seq) == 0)
                first--;
            SAY("C005", seqs[i]->line, "sequence number %s again (first on line %d)",
                seqs[i]->seq, seqs[first]->line);
        }
    free(seqs);
}

/* Two keys of which one holds the other (住建局, 县住建局局) are likely one
 * office under two names. */
static void check_names(bl_model *m, const bl_document *d, bl_check_fn fn, void *ctx)
{
    for (const bl_department *a = bl_departments_of_document(m, d); a; a = a->next)
        for (const bl_department *b = a->next; b; b = b->next) {
            const bl_department *s = strlen(a->key) < strlen(b->key) ? a : b;
            const bl_department *l = s == a ? b : a;
            if (strlen(s->key) >= 6 && strstr(l->key, s->key))
                SAY("C010", 0,
                    "department %s and %s may be one office; if so, add the alias "
                    "line \"%s\": \"%s\" (--aliases)",
                    s->key, l->key, l->names[0], s->key);
        }
}

void bl_check_model(bl_model *m, bl_check_fn fn, void *ctx)
{
    for (const bl_document *d = m->documents; d; d = d->next) {
        if (d->previous_only)
            continue;
        for (const bl_list *l = d->lists; l; l = l->next)
            check_list(d, l, fn, ctx);
        check_names(m, d, fn, ctx);
    }
}
