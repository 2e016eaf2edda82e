/* check.c - consistency checks; see check.h. */
#include "check.h"

#include <math.h>
#include <stdarg.h>
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

/* Where the walk is: the callback, its context, and the finding's document
 * and list filled in as the walk goes. */
typedef struct walk {
    bl_check_fn fn;
    void *ctx;
    bl_finding f;
} walk;

static void emit(walk *w, const bl_project *p, int line, const char *code, const char *zh,
                 const char *en)
{
    w->f.project = p;
    w->f.line = line;
    w->f.code = code;
    w->f.message = en;
    w->f.message_zh = zh;
    w->fn(w->ctx, &w->f);
}

/* A finding worded twice from the same arguments: in Chinese for the
 * briefing's 数据核查 appendix, in English for the command line. */
#define SAY(w, p, line, code, zh, en, ...)                                     \
    do {                                                                       \
        char zh_[512], en_[512];                                               \
        snprintf(zh_, sizeof zh_, zh, __VA_ARGS__);                            \
        snprintf(en_, sizeof en_, en, __VA_ARGS__);                            \
        emit(w, p, line, code, zh_, en_);                                      \
    } while (0)

static const char *seq_of(const bl_project *p)
{
    return p->seq ? p->seq : "?";
}

/* Words of a progress text that say the work goes on. */
static const char *const ongoing[] = {"正在施工", "正在建设", "施工中", "建设中", "推进中",
                                      "正在推进", "尚未完成", NULL};

static void check_entry(walk *w, const bl_project *p, const bl_entry *e)
{
    if (done(e->status) && e->n_rates && e->rate_source != BL_RATE_STATUS &&
        e->rates[0] < 100)
    {
        if (e->status_text)
            SAY(w, p, e->line, "C001", "第%s项：状态为%s，但完成率为%g%%",
                "project %s: status says done (%s) but the rate is %g%%", seq_of(p),
                e->status_text, e->rates[0]);
        else
            SAY(w, p, e->line, "C001", "第%s项：进展表述为已完成，但完成率为%g%%",
                "project %s: the progress text reads as done but the rate is %g%%", seq_of(p),
                e->rates[0]);
    }
    if (e->behind && !e->behind_reason)
        SAY(w, p, e->line, "C003", "第%s项：称进度滞后，但未说明原因",
            "project %s: said to be behind, with no reason given", seq_of(p));
    if (done(e->status) && e->status_text && e->progress)
        for (size_t i = 0; ongoing[i]; i++)
            if (strstr(e->progress, ongoing[i])) {
                SAY(w, p, e->line, "C004", "第%s项：状态为%s，但进展情况称“%s”",
                    "project %s: status %s, but the progress says %s", seq_of(p),
                    e->status_text, ongoing[i]);
                break;
            }
    for (size_t i = 0; i < e->n_rates; i++)
        if (e->rates[i] > 300 || e->rates[i] < 0) {
            if (e->rates[i] < 0)
                SAY(w, p, e->line, "C007", "第%s项：完成率%g%%为负数，请核对数据及目标",
                    "project %s: a rate of %g%% is negative; check the figure and its target",
                    seq_of(p), e->rates[i]);
            else
                SAY(w, p, e->line, "C007", "第%s项：完成率%g%%超过300%%，请核对数据及目标",
                    "project %s: a rate of %g%% is over 300%%; check the figure and its target",
                    seq_of(p), e->rates[i]);
            break;
        }
    if (e->rate_source == BL_RATE_COLUMN && e->progress) {
        double text[8];
        size_t n = bl_rates_from_text(e->progress, text, 8);
        if (n && fabs(text[0] - e->rates[0]) >= 0.5)
            SAY(w, p, e->line, "C009", "第%s项：完成率一栏为%g%%，进展情况中为%g%%",
                "project %s: the rate column says %g%%, the progress text %g%%", seq_of(p),
                e->rates[0], text[0]);
    }
}

static bool has_department(const bl_project *p)
{
    for (const bl_entry *e = p->entries; e; e = e->next)
        if (e->department)
            return true;
    return false;
}

static void check_project(walk *w, const bl_project *p, bool list_has_departments)
{
    const bl_document *d = w->f.doc;
    /* A lagging status (未完成, 部分完成, 未开工) says it as well as a word. */
    if ((p->lag & BL_LAG_SCHEDULE) && !(p->lag & (BL_LAG_TEXT | BL_LAG_STATUS))) {
        char rate[48];
        bl_rate_format(p->rate, rate, sizeof rate);
        SAY(w, p, p->line, "C002", "第%s项：完成率%s，低于序时进度%.1f%%，但未标明滞后",
            "project %s: rate %s is below the time schedule %.1f%% and nothing says "
            "it lags",
            seq_of(p), rate, d->schedule);
    }
    for (const bl_entry *e = p->entries; e; e = e->next)
        check_entry(w, p, e);
    if (list_has_departments && !has_department(p))
        SAY(w, p, p->line, "C006", "第%s项：未填写牵头单位", "project %s: no lead department",
            seq_of(p));
    const bl_project *q = p->previous;
    if (q && done(q->status) && !done(p->status) && !done(p->derived_status))
        SAY(w, p, p->line, "C008", "第%s项：上期已完成，本期未完成",
            "project %s: done in the previous period, not done now", seq_of(p));
}

static int by_seq(const void *x, const void *y)
{
    const bl_project *a = *(const bl_project *const *)x, *b = *(const bl_project *const *)y;
    int c = strcmp(a->seq, b->seq);
    return c ? c : (a->line > b->line) - (a->line < b->line);
}

static void check_list(walk *w, const bl_list *l)
{
    size_t n = 0;
    const bl_project **seqs = bl_malloc((l->n_projects ? l->n_projects : 1) * sizeof *seqs);
    bool departments = false;
    for (const bl_project *p = l->projects; p && !departments; p = p->next)
        departments = has_department(p);
    for (const bl_project *p = l->projects; p; p = p->next) {
        check_project(w, p, departments);
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
            SAY(w, seqs[i], seqs[i]->line, "C005", "序号%s重复出现（首次在第%d行）",
                "sequence number %s again (first on line %d)", seqs[i]->seq,
                seqs[first]->line);
        }
    free(seqs);
}

/* The last character of key outside brackets: 局 of 县城乡建设局(住建局), 司
 * of 某水务有限公司(县综合行政执法局). Returns its start, or NULL. */
static const char *office_kind(const char *key, size_t *len)
{
    const char *end = key + strlen(key);
    static const char *const closers[] = {")", "）", "]", "】", NULL};
    static const char *const openers[] = {"(", "（", "[", "【", NULL};
    for (int i = 0; closers[i]; i++) {
        size_t n = strlen(closers[i]);
        if ((size_t)(end - key) > n && memcmp(end - n, closers[i], n) == 0) {
            const char *o = NULL;
            for (int k = 0; openers[k]; k++) {
                const char *hit = NULL;
                for (const char *s = key; (s = strstr(s, openers[k])) && s < end; s++)
                    hit = s;
                if (hit && (!o || hit > o))
                    o = hit;
            }
            if (!o)
                return NULL;
            end = o;
            break;
        }
    }
    if (end == key)
        return NULL;
    const char *c = end - 1;
    while (c > key && ((unsigned char)*c & 0xC0) == 0x80)
        c--;
    *len = (size_t)(end - c);
    return c;
}

static bool same_kind(const char *a, const char *b)
{
    size_t na, nb;
    const char *ka = office_kind(a, &na), *kb = office_kind(b, &nb);
    return ka && kb && na == nb && memcmp(ka, kb, na) == 0;
}

/* Two keys of which one holds the other (住建局, 县城乡建设局(住建局)) are
 * likely one office under two names, when they are one kind of office (a
 * company naming its supervising 局 in brackets is another). */
static void check_names(bl_model *m, walk *w)
{
    for (const bl_department *a = bl_departments_of_document(m, w->f.doc); a; a = a->next)
        for (const bl_department *b = a->next; b; b = b->next) {
            const bl_department *s = strlen(a->key) < strlen(b->key) ? a : b;
            const bl_department *l = s == a ? b : a;
            if (strlen(s->key) >= 6 && strstr(l->key, s->key) && same_kind(s->key, l->key))
                SAY(w, NULL, 0, "C010",
                    "“%s”与“%s”可能是同一单位；如是，请在别名表中加入 \"%s\": \"%s\"（--aliases）",
                    "department %s and %s may be one office; if so, add the alias "
                    "line \"%s\": \"%s\" (--aliases)",
                    s->key, l->key, l->names[0], s->key);
        }
}

void bl_check_document(bl_model *m, const bl_document *d, bl_check_fn fn, void *ctx)
{
    walk w = {.fn = fn, .ctx = ctx, .f = {.doc = d}};
    for (const bl_list *l = d->lists; l; l = l->next) {
        w.f.list = l;
        w.f.list_index++;
        check_list(&w, l);
    }
    w.f.list = NULL;
    w.f.list_index = 0;
    check_names(m, &w);
}

void bl_check_model(bl_model *m, bl_check_fn fn, void *ctx)
{
    for (const bl_document *d = m->documents; d; d = d->next)
        if (!d->previous_only)
            bl_check_document(m, d, fn, ctx);
}

bool bl_check_code_listed(const char *codes, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = codes; p && (p = strstr(p, code)); p += n)
        if ((p == codes || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return true;
    return false;
}
