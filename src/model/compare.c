/* compare.c - month over month; see compare.h. */
#include "compare.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "textkey.h"
#include "text.h"

const char *bl_change_kind_name(bl_change_kind k)
{
    static const char *const names[BL_CH_COUNT] = {
        "newly_done", "newly_lagging", "recovered", "stalled",
        "movers", "added", "removed"};
    return k < BL_CH_COUNT ? names[k] : NULL;
}

/* ---- similarity ------------------------------------------------------- */

/* The code points of s, without white space and punctuation ASCII. */
static size_t code_points(const char *s, uint32_t *out, size_t max)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && n < max) {
        uint32_t c = *p;
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        for (size_t i = 1; i < len; i++) {
            if (!p[i]) {
                len = i;
                break;
            }
            c = (c << 6) | (p[i] & 0x3F);
        }
        p += len;
        if (len == 1 && (c == ' ' || c == '\n' || c == '\t'))
            continue;
        out[n++] = c;
    }
    return n;
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorted bigrams of a key (malloc'd into *out); returns how many. */
static size_t bigrams(const char *key, uint64_t **out)
{
    size_t cap = strlen(key) + 1;
    uint32_t *cp = bl_malloc(cap * sizeof *cp);
    uint64_t *bg = bl_malloc(cap * sizeof *bg);
    size_t n = code_points(key, cp, cap), k = 0;
    for (size_t i = 0; i + 1 < n; i++)
        bg[k++] = (uint64_t)cp[i] << 32 | cp[i + 1];
    if (n == 1)
        bg[k++] = cp[0]; /* a one-character content is its own bigram */
    free(cp);
    qsort(bg, k, sizeof *bg, u64_cmp);
    *out = bg;
    return k;
}

static double dice(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    if (!na && !nb)
        return 1;
    size_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j]) {
            common++;
            i++;
            j++;
        } else if (a[i] < b[j]) {
            i++;
        } else {
            j++;
        }
    }
    return 2.0 * (double)common / (double)(na + nb);
}

double bl_compare_similarity(bl_arena *a, const char *x, const char *y)
{
    const char *kx = bl_key(a, x ? x : ""), *ky = bl_key(a, y ? y : "");
    if (strcmp(kx, ky) == 0)
        return 1;
    uint64_t *bx, *by;
    size_t nx = bigrams(kx, &bx), ny = bigrams(ky, &by);
    double s = dice(bx, nx, by, ny);
    free(bx);
    free(by);
    return s;
}

/* ---- matching --------------------------------------------------------- */

typedef struct side {
    bl_project *p;
    const char *key;
    uint64_t *bg;
    size_t n_bg;
    bool taken;
} side;

typedef struct pair {
    size_t a, b;   /* indices into prev and cur sides */
    double sim;    /* content similarity */
    double score;  /* sim plus the sequence bonus */
} pair;

static int pair_cmp(const void *x, const void *y)
{
    const pair *p = x, *q = y;
    if (p->score != q->score)
        return p->score > q->score ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return p->a < q->a ? -1 : p->a > q->a;
}

static side *sides_of(bl_arena *a, const bl_list *l, size_t *n)
{
    *n = l ? l->n_projects : 0;
    side *s = bl_calloc(*n ? *n : 1, sizeof *s);
    size_t i = 0;
    for (bl_project *p = l ? l->projects : NULL; p && i < *n; p = p->next, i++) {
        s[i].p = p;
        s[i].key = bl_key(a, p->content ? p->content : "");
        s[i].n_bg = bigrams(s[i].key, &s[i].bg);
    }
    *n = i;
    return s;
}

static void sides_free(side *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(s[i].bg);
    free(s);
}

static bool same_seq(const bl_project *x, const bl_project *y)
{
    return x->seq && y->seq && strcmp(x->seq, y->seq) == 0;
}

/* Above this many candidate pairs only projects with the same sequence
 * number or the same content are compared. */
#define ALL_PAIRS_MAX 250000u

typedef struct collector {
    bl_model *m;
    bl_changes *ch;
    size_t cap[BL_CH_COUNT];
} collector;

static void add_change(collector *c, bl_change_kind k, const bl_list *l,
                       const bl_project *p, const bl_project *prev)
{
    bl_changes *ch = c->ch;
    if (ch->n[k] == c->cap[k]) {
        size_t cap = c->cap[k] ? 2 * c->cap[k] : 8;
        bl_change *items = bl_arena_alloc(c->m->arena, cap * sizeof *items);
        if (ch->n[k])
            memcpy(items, ch->items[k], ch->n[k] * sizeof *items);
        ch->items[k] = items;
        c->cap[k] = cap;
    }
    ch->items[k][ch->n[k]++] = (bl_change){l, p, prev};
}

static void warn(collector *c, const char *msg)
{
    bl_changes *ch = c->ch;
    const char **w = bl_arena_alloc(c->m->arena, (ch->n_warnings + 1) * sizeof *w);
    if (ch->n_warnings)
        memcpy(w, ch->warnings, ch->n_warnings * sizeof *w);
    w[ch->n_warnings++] = msg;
    ch->warnings = w;
}

/* Done or ahead by its status, or by the status derived from its rate. */
static bool is_done(const bl_project *p)
{
    bl_status_class s = p->status == BL_STATUS_UNKNOWN ? p->derived_status : p->status;
    return s == BL_STATUS_AHEAD || s == BL_STATUS_DONE;
}

static bool same_text(const char *x, const char *y)
{
    return x && y && strcmp(x, y) == 0;
}

static bool progress_unchanged(const bl_project *p, const bl_project *q)
{
    const bl_entry *e = p->entries, *f = q->entries;
    bool any = false;
    for (; e && f; e = e->next, f = f->next) {
        if (!e->progress && !f->progress)
            continue;
        if (!same_text(e->progress, f->progress))
            return false;
        any = true;
    }
    return any && !e && !f;
}

static void classify(collector *c, const bl_list *l, bl_project *p,
                     const bl_project *q)
{
    p->previous = q;
    c->ch->matched++;
    if (strcmp(bl_key(c->m->arena, p->content ? p->content : ""),
               bl_key(c->m->arena, q->content ? q->content : "")) != 0)
        c->ch->renamed++;
    if (is_done(p) && !is_done(q))
        add_change(c, BL_CH_NEWLY_DONE, l, p, q);
    if (p->lagging && !q->lagging)
        add_change(c, BL_CH_NEWLY_LAGGING, l, p, q);
    if (!p->lagging && q->lagging)
        add_change(c, BL_CH_RECOVERED, l, p, q);
    if (!is_done(p) && progress_unchanged(p, q))
        add_change(c, BL_CH_STALLED, l, p, q);
    if (p->has_rate && q->has_rate && fabs(p->rate - q->rate) >= 0.005)
        add_change(c, BL_CH_MOVERS, l, p, q);
}

static void match_lists(collector *c, const bl_document *prev_doc,
                        const bl_list *pl, const bl_list *cl)
{
    size_t na, nb;
    side *A = sides_of(c->m->arena, pl, &na);
    side *B = sides_of(c->m->arena, cl, &nb);
    bool all = na * nb <= ALL_PAIRS_MAX;
    size_t np = 0, cap = 16;
    pair *pairs = bl_malloc(cap * sizeof *pairs);
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++) {
            bool seq = same_seq(A[i].p, B[j].p);
            bool eq = strcmp(A[i].key, B[j].key) == 0;
            if (!all && !seq && !eq)
                continue;
            double sim = eq ? 1 : dice(A[i].bg, A[i].n_bg, B[j].bg, B[j].n_bg);
            if (sim < BL_MATCH_MIN)
                continue;
            if (np == cap) {
                cap *= 2;
                pairs = bl_realloc(pairs, cap * sizeof *pairs);
            }
            pairs[np++] = (pair){i, j, sim, sim + (seq ? 0.1 : 0)};
        }
    qsort(pairs, np, sizeof *pairs, pair_cmp);
    for (size_t k = 0; k < np; k++) {
        pair *best = &pairs[k];
        if (A[best->a].taken || B[best->b].taken)
            continue;
        /* Another free candidate about as good for either side: warn. */
        for (size_t r = k + 1; r < np && pairs[r].score > best->score - BL_MATCH_TIE; r++) {
            const pair *o = &pairs[r];
            bool rival = (o->b == best->b && !A[o->a].taken && o->a != best->a) ||
                         (o->a == best->a && !B[o->b].taken && o->b != best->b);
            if (rival && best->sim < 1) {
                const bl_project *x = B[best->b].p;
                warn(c, bl_arena_printf(c->m->arena,
                                        "project %s (line %d) matched %s's project %s "
                                        "(line %d), but another is about as similar",
                                        x->seq ? x->seq : "?", x->line, prev_doc->source,
                                        A[best->a].p->seq ? A[best->a].p->seq : "?",
                                        A[best->a].p->line));
                break;
            }
        }
        A[best->a].taken = B[best->b].taken = true;
        classify(c, cl, B[best->b].p, A[best->a].p);
    }
    free(pairs);
    for (size_t j = 0; j < nb; j++)
        if (!B[j].taken)
            add_change(c, BL_CH_ADDED, cl, B[j].p, NULL);
    for (size_t i = 0; i < na; i++)
        if (!A[i].taken)
            add_change(c, BL_CH_REMOVED, pl, NULL, A[i].p);
    sides_free(A, na);
    sides_free(B, nb);
}

static int mover_cmp(const void *x, const void *y)
{
    const bl_change *a = x, *b = y;
    double da = fabs(a->p->rate - a->prev->rate), db = fabs(b->p->rate - b->prev->rate);
    if (da != db)
        return da > db ? -1 : 1;
    return a->p->line < b->p->line ? -1 : a->p->line > b->p->line;
}

static size_t n_projects(const bl_document *d)
{
    size_t n = 0;
    for (const bl_list *l = d->lists; l; l = l->next)
        for (const bl_project *p = l->projects; p; p = p->next)
            n++;
    return n;
}

/* Reports given together need not be one office's months (`build
 * examples/...`): cur is compared with prev only when it is the previous
 * report named by --previous, or when no office says otherwise and at
 * least half of cur's projects were found in prev. Otherwise cur has no
 * changes and its projects no previous. */
static bool same_series(const bl_document *prev, const bl_document *cur,
                        const bl_changes *ch)
{
    if (prev->previous_only)
        return true;
    if (prev->office && cur->office && strcmp(prev->office, cur->office) != 0)
        return false;
    size_t n = n_projects(cur);
    return n > 0 && 2 * (n - ch->n[BL_CH_ADDED]) >= n;
}

static void compare(bl_model *m, bl_document *prev, bl_document *cur)
{
    bl_changes *ch = bl_arena_alloc(m->arena, sizeof *ch);
    ch->previous = prev;
    collector c = {.m = m, .ch = ch};
    if (prev->office && cur->office && strcmp(prev->office, cur->office) != 0)
        warn(&c, bl_arena_printf(m->arena, "compared with %s, issued by another office (%s)",
                                 prev->source, prev->office));
    const bl_list *pl = prev->lists, *cl = cur->lists;
    for (; pl || cl; pl = pl ? pl->next : NULL, cl = cl ? cl->next : NULL)
        match_lists(&c, prev, pl, cl);
    if (!same_series(prev, cur, ch)) {
        for (bl_list *l = cur->lists; l; l = l->next)
            for (bl_project *p = l->projects; p; p = p->next)
                p->previous = NULL;
        return;
    }
    if (ch->n[BL_CH_MOVERS] > 1)
        qsort(ch->items[BL_CH_MOVERS], ch->n[BL_CH_MOVERS], sizeof(bl_change), mover_cmp);
    cur->changes = ch;
}

static int period_cmp(const void *x, const void *y)
{
    const bl_document *a = *(bl_document *const *)x, *b = *(bl_document *const *)y;
    int ka = a->year * 13 + a->month, kb = b->year * 13 + b->month;
    return ka < kb ? -1 : ka > kb;
}

int bl_compare_apply(bl_model *m, bl_error *err)
{
    (void)err;
    size_t n = m->n_documents;
    if (n < 2)
        return BL_OK;
    bl_document **docs = bl_malloc(n * sizeof *docs);
    size_t i = 0;
    bool periods = true;
    for (bl_document *d = m->documents; d && i < n; d = d->next) {
        docs[i++] = d;
        periods &= d->month > 0;
    }
    n = i;
    /* Period order when every report names its month; insertion sort keeps
     * the input order of equal periods. */
    for (size_t k = 1; periods && k < n; k++)
        for (size_t j = k; j > 0 && period_cmp(&docs[j - 1], &docs[j]) > 0; j--) {
            bl_document *t = docs[j];
            docs[j] = docs[j - 1];
            docs[j - 1] = t;
        }
    for (size_t k = 0; k < n; k++)
        for (bl_list *l = docs[k]->lists; l; l = l->next)
            for (bl_project *p = l->projects; p; p = p->next)
                p->previous = NULL;
    for (size_t k = 1; k < n; k++)
        compare(m, docs[k - 1], docs[k]);
    free(docs);
    return BL_OK;
}
