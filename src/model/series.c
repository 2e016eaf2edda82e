/* series.c - one office's reports in period order; see series.h. */
#include "alloc.h"
#include "series.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { BY_PERIOD, BY_DATE, BY_ARGUMENT } order_key;

typedef struct slot {
    bl_document *d;
    size_t arg; /* position among the arguments */
} slot;

static int cmp_str(const char *a, const char *b)
{
    if (!a || !b)
        return (a == NULL) - (b == NULL); /* the dated first (never both) */
    return strcmp(a, b);
}

/* Insertion sort: stable, and a year has a dozen reports. */
static int slot_cmp(const slot *x, const slot *y, order_key key)
{
    if (key == BY_PERIOD) {
        int kx = x->d->year * 13 + x->d->month, ky = y->d->year * 13 + y->d->month;
        if (kx != ky)
            return kx < ky ? -1 : 1;
    }
    if (key != BY_ARGUMENT && (x->d->published || y->d->published)) {
        int c = cmp_str(x->d->published, y->d->published);
        if (c)
            return c;
    }
    return x->arg < y->arg ? -1 : x->arg > y->arg;
}

static void warn(bl_series_warn_fn fn, void *ctx, const bl_document *d, const char *fmt,
                 const char *arg)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, arg);
    if (fn)
        fn(ctx, d, msg);
}

static int check_offices(const bl_model *m, bl_error *err)
{
    const bl_document *first = NULL;
    for (const bl_document *d = m->documents; d; d = d->next) {
        if (!d->office)
            continue;
        if (!first)
            first = d;
        else if (strcmp(first->office, d->office) != 0)
            return bl_error_set(err, BL_EUSAGE, NULL, 0,
                                "site: the reports are of more than one office (%s: %s; "
                                "%s: %s); a series page is one office's: give the "
                                "reports of one office (--office NAME when two names "
                                "are one office)",
                                first->source, first->office, d->source, d->office);
    }
    return BL_OK;
}

int bl_series_order(bl_model *m, bl_series_warn_fn warn_fn, void *ctx, bl_error *err)
{
    int rc = check_offices(m, err);
    if (rc || m->n_documents < 2)
        return rc;
    slot *s = bl_calloc(m->n_documents, sizeof *s);
    size_t n = 0, n_prev = 0;
    bool periods = true, dates = true;
    for (bl_document *d = m->documents; d; d = d->next) {
        s[n] = (slot){d, n};
        n_prev += d->previous_only;
        periods &= d->month > 0;
        dates &= d->published != NULL;
        n++;
    }
    order_key key = periods ? BY_PERIOD : dates ? BY_DATE : BY_ARGUMENT;
    for (size_t i = 0; i < n; i++) {
        const bl_document *d = s[i].d;
        if (key == BY_DATE && d->month == 0)
            warn(warn_fn, ctx, d, "%s", "no period stated; the reports are put in "
                                        "the order of their publish dates");
        else if (key == BY_ARGUMENT && d->month == 0)
            warn(warn_fn, ctx, d, "%s", "no period stated (nor a publish date in "
                                        "every report); the reports are put in the "
                                        "order they were given");
    }
    /* --previous documents keep their place at the head (read first). */
    for (size_t k = n_prev + 1; k < n; k++)
        for (size_t j = k; j > n_prev && slot_cmp(&s[j - 1], &s[j], key) > 0; j--) {
            slot t = s[j];
            s[j] = s[j - 1];
            s[j - 1] = t;
        }
    for (size_t i = n_prev + 1; key == BY_PERIOD && i < n; i++)
        if (s[i - 1].d->year == s[i].d->year && s[i - 1].d->month == s[i].d->month)
            warn(warn_fn, ctx, s[i].d, "states the same period as %s; both are kept, "
                                       "by publish date (else as given)",
                 s[i - 1].d->source);
    m->documents = s[0].d;
    for (size_t i = 0; i + 1 < n; i++)
        s[i].d->next = s[i + 1].d;
    s[n - 1].d->next = NULL;
    m->documents_tail = s[n - 1].d;
    free(s);
    return BL_OK;
}
