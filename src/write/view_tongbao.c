/* view_tongbao.c - the figures of the written 通报 paragraph; see
 * view_tongbao.h. Counts are the summary section's (bl_list_summarize),
 * rates are formatted by bl_view_format_rate like every rate of the page. */
#include "view_tongbao.h"
#include "alloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "changes_json.h"
#include "compare.h"
#include "view.h"
#include "write_json.h"

/* At most this many projects are named in the paragraph; "等" after. */
#define TONGBAO_MAX_NAMED 10

/* ---- the subject of a title ------------------------------------------- */

static bool starts(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* Past a leading period: "2023年", "10月", "10月份", "1-9月", "上半年". */
static const char *skip_period(const char *s)
{
    static const char *const words[] = {"上半年", "下半年", "前三季度", "一季度", "二季度",
                                        "三季度", "四季度", "第一季度", "第二季度",
                                        "第三季度", "第四季度", "全年", "年度", "份",
                                        "关于", NULL};
    for (;;) {
        const char *p = s;
        if (*p >= '0' && *p <= '9') {
            while (*p >= '0' && *p <= '9')
                p++;
            const char *dash[] = {"-", "—", "～", "~", "至", NULL};
            for (int i = 0; dash[i]; i++)
                if (starts(p, dash[i]) && p[strlen(dash[i])] >= '0' &&
                    p[strlen(dash[i])] <= '9') {
                    p += strlen(dash[i]);
                    while (*p >= '0' && *p <= '9')
                        p++;
                    break;
                }
            if (starts(p, "年度")) /* 2023年度, not 2023年 + 度… */
                p += strlen("年度");
            else if (starts(p, "年"))
                p += strlen("年");
            else if (starts(p, "月"))
                p += strlen("月");
            else
                return s; /* a figure, not a period */
            s = p;
            continue;
        }
        bool hit = false;
        for (int i = 0; words[i] && !hit; i++)
            if (starts(s, words[i])) {
                s += strlen(words[i]);
                hit = true;
            }
        if (!hit)
            return s;
    }
}

static bool ends(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && memcmp(s + n - k, w, k) == 0;
}

char *bl_tongbao_subject(const char *title)
{
    static const char *const tails[] = {"进展情况汇总表", "进展情况汇总", "进展情况表",
                                        "进展情况", "推进情况", "完成情况", "工作情况",
                                        "情况汇报", "情况汇总表", "情况汇总", "情况表",
                                        "情况", "汇总表", "汇总", "一览表", "统计表",
                                        "清单", "台账", "汇报", "通报", "表", NULL};
    if (!title)
        return NULL;
    const char *s = skip_period(title);
    while (*s == ' ' || *s == ':' || starts(s, "：") || starts(s, "　"))
        s += *s == ' ' || *s == ':' ? 1 : strlen("：");
    size_t n = strlen(s);
    for (bool hit = true; hit;) {
        hit = false;
        for (int i = 0; tails[i] && !hit; i++)
            if (ends(s, n, tails[i])) {
                n -= strlen(tails[i]);
                hit = true;
            }
    }
    while (n && s[n - 1] == ' ')
        n--;
    if (!n)
        return NULL;
    char *out = bl_malloc(n + 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

/* ---- figures ------------------------------------------------------------ */

/* What a paragraph counts: one list, or all of them. */
typedef struct tally {
    size_t projects, unknown, ahead_done, mostly_done, on_schedule, partial,
        not_done, behind_status, behind, lagging, rated;
    double rate_sum; /* rate_mean × rated, summed over lists */
} tally;

static void tally_list(tally *t, const bl_list *l)
{
    bl_list_summary s;
    bl_list_summarize(l, &s);
    t->projects += s.projects;
    t->unknown += s.status_counts[BL_STATUS_UNKNOWN];
    t->ahead_done += s.status_counts[BL_STATUS_AHEAD] + s.status_counts[BL_STATUS_DONE];
    t->mostly_done += s.status_counts[BL_STATUS_MOSTLY_DONE];
    t->on_schedule += s.status_counts[BL_STATUS_ON_SCHEDULE];
    t->partial += s.status_counts[BL_STATUS_PARTIAL];
    t->not_done += s.status_counts[BL_STATUS_NOT_DONE];
    t->behind_status += s.status_counts[BL_STATUS_BEHIND];
    t->behind += s.behind;
    t->lagging += s.lagging;
    t->rated += s.rated;
    if (s.rated)
        t->rate_sum += s.rate_mean * (double)s.rated;
}

static void add_count(cJSON *o, const char *key, size_t n)
{
    cJSON_AddNumberToObject(o, key, (double)n);
}

static void add_opt_str(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

static void add_tally(cJSON *o, const tally *t)
{
    add_count(o, "projects", t->projects);
    add_count(o, "ahead_done", t->ahead_done);
    char buf[48];
    if (t->projects) {
        bl_view_format_rate(100.0 * (double)t->ahead_done / (double)t->projects, buf,
                            sizeof buf);
        cJSON_AddStringToObject(o, "ahead_done_share", buf);
    } else {
        cJSON_AddNullToObject(o, "ahead_done_share");
    }
    add_count(o, "mostly_done", t->mostly_done);
    add_count(o, "on_schedule", t->on_schedule);
    add_count(o, "partial", t->partial);
    add_count(o, "not_done", t->not_done);
    add_count(o, "behind_status", t->behind_status);
    add_count(o, "unknown", t->unknown);
    cJSON_AddBoolToObject(o, "has_status", t->unknown < t->projects);
    add_count(o, "behind", t->behind);
    add_count(o, "lagging", t->lagging);
    cJSON_AddBoolToObject(o, "lagging_all_behind", t->lagging > 0 && t->behind == t->lagging);
    cJSON_AddBoolToObject(o, "has_rate_mean", t->rated > 0);
    if (t->rated) {
        bl_view_format_rate(t->rate_sum / (double)t->rated, buf, sizeof buf);
        cJSON_AddStringToObject(o, "rate_mean_label", buf);
    } else {
        cJSON_AddNullToObject(o, "rate_mean_label");
    }
}

/* "2023年10月底", "8月底", "2023年底"; NULL when the period is unknown. */
static void add_as_of(cJSON *o, const bl_document *d)
{
    char buf[64] = "";
    if (d->period_kind == BL_PERIOD_YEAR && d->year > 0)
        snprintf(buf, sizeof buf, "%d年底", d->year);
    else if (d->month > 0 && d->year > 0)
        snprintf(buf, sizeof buf, "%d年%d月底", d->year, d->month);
    else if (d->month > 0)
        snprintf(buf, sizeof buf, "%d月底", d->month);
    add_opt_str(o, "as_of", buf[0] ? buf : NULL);
}

/* True when seq is digits only (ASCII or full-width, as printed): the
 * partial writes 第N项 for it. */
static bool plain_number(const char *seq)
{
    if (!seq || !*seq)
        return false;
    for (const unsigned char *p = (const unsigned char *)seq; *p;) {
        if (*p >= '0' && *p <= '9')
            p++;
        else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99)
            p += 3; /* U+FF10..U+FF19 */
        else
            return false;
    }
    return true;
}

/* The lagging projects (the 督办清单's) of l in source order, appended to
 * items while fewer than the named maximum; *more set when some were
 * left out. list_subject names the list (the whole report's paragraph
 * with several lists), else NULL. */
static void add_lagging_items(cJSON *items, const bl_list *l, const char *list_subject,
                              bool *more)
{
    bool named = false;
    for (const bl_project *p = l->projects; p; p = p->next) {
        if (!bl_project_is_lagging(p))
            continue;
        if (cJSON_GetArraySize(items) >= TONGBAO_MAX_NAMED) {
            *more = true;
            return;
        }
        const bl_entry *e = bl_lag_entry(p);
        cJSON *it = cJSON_CreateObject();
        cJSON_AddBoolToObject(it, "first", cJSON_GetArraySize(items) == 0);
        /* the list is named once, before its first item */
        add_opt_str(it, "list_subject", named ? NULL : list_subject);
        named = true;
        add_opt_str(it, "seq", p->seq);
        add_opt_str(it, "seq_plain", plain_number(p->seq) ? p->seq : NULL);
        add_opt_str(it, "department", e ? e->department : NULL);
        cJSON_AddBoolToObject(it, "behind", p->behind);
        cJSON_AddItemToArray(items, it);
    }
}

/* Position of l in the list chain starting at first; -1 if not there. */
static int list_pos(const bl_list *first, const bl_list *l)
{
    int i = 0;
    for (const bl_list *x = first; x; x = x->next, i++)
        if (x == l)
            return i;
    return -1;
}

/* "compare": the change counts against the previous period (all lists when
 * pos < 0, else the list at that position; lists pair by position), or
 * null without a previous report. */
static void add_compare(cJSON *o, const bl_document *d, int pos)
{
    const bl_changes *ch = d->changes;
    if (!ch || !ch->previous) {
        cJSON_AddNullToObject(o, "compare");
        return;
    }
    const bl_document *pd = ch->previous;
    cJSON *c = cJSON_AddObjectToObject(o, "compare");
    bool last_month = d->period_kind == BL_PERIOD_MONTH &&
                      pd->period_kind == BL_PERIOD_MONTH && d->month > 0 && pd->month > 0 &&
                      ((pd->year == d->year && pd->month + 1 == d->month) ||
                       (d->year > 0 && pd->year + 1 == d->year && pd->month == 12 &&
                        d->month == 1));
    cJSON_AddBoolToObject(c, "last_month", last_month);
    char label[64];
    bl_period_label(pd, label, sizeof label);
    add_opt_str(c, "previous_period_label", label[0] ? label : NULL);
    static const struct {
        bl_change_kind k;
        const char *key;
    } kinds[] = {{BL_CH_NEWLY_DONE, "newly_done"}, {BL_CH_NEWLY_LAGGING, "newly_lagging"},
                 {BL_CH_RECOVERED, "recovered"},   {BL_CH_STALLED, "stalled"},
                 {BL_CH_ADDED, "added"},           {BL_CH_REMOVED, "removed"}};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t n = 0;
        for (size_t i = 0; i < ch->n[kinds[k].k]; i++) {
            const bl_change *it = &ch->items[kinds[k].k][i];
            const bl_list *first = kinds[k].k == BL_CH_REMOVED ? pd->lists : d->lists;
            n += pos < 0 || list_pos(first, it->list) == pos;
        }
        add_count(c, kinds[k].key, n);
    }
}

/* The paragraph's object of list l (pos: its position in d). */
static cJSON *list_tongbao(const bl_document *d, const bl_list *l, int pos,
                           const char *schedule_label)
{
    cJSON *o = cJSON_CreateObject();
    add_as_of(o, d);
    char *subject = bl_tongbao_subject(l->title);
    add_opt_str(o, "subject", subject);
    free(subject);
    cJSON_AddBoolToObject(o, "several_lists", false);
    cJSON_AddNullToObject(o, "parts");
    tally t = {0};
    tally_list(&t, l);
    add_tally(o, &t);
    add_opt_str(o, "schedule_label", schedule_label);
    bool more = false;
    cJSON *items = cJSON_AddArrayToObject(o, "lagging_items");
    add_lagging_items(items, l, NULL, &more);
    cJSON_AddBoolToObject(o, "lagging_more", more);
    add_compare(o, d, pos);
    return o;
}

/* A list's name among several: its subject, else 清单N. */
static char *part_label(const bl_list *l, int pos)
{
    char *s = bl_tongbao_subject(l->title);
    if (s)
        return s;
    char buf[32];
    snprintf(buf, sizeof buf, "清单%d", pos + 1);
    return bl_strdup(buf);
}

/* The whole report's object: one list's, or the sum of several with a part
 * per list. */
static cJSON *document_tongbao(const bl_document *d, const char *schedule_label)
{
    if (d->n_lists == 1) {
        cJSON *o = list_tongbao(d, d->lists, -1, schedule_label);
        if (cJSON_IsNull(cJSON_GetObjectItem(o, "subject"))) {
            char *s = bl_tongbao_subject(d->title);
            if (s)
                cJSON_ReplaceItemInObject(o, "subject", cJSON_CreateString(s));
            free(s);
        }
        return o;
    }
    cJSON *o = cJSON_CreateObject();
    add_as_of(o, d);
    char *subject = bl_tongbao_subject(d->title);
    add_opt_str(o, "subject", subject);
    free(subject);
    cJSON_AddBoolToObject(o, "several_lists", true);
    cJSON *parts = cJSON_AddArrayToObject(o, "parts");
    tally t = {0};
    bool more = false;
    cJSON *items = cJSON_CreateArray();
    int pos = 0;
    for (const bl_list *l = d->lists; l; l = l->next, pos++) {
        tally one = {0};
        tally_list(&one, l);
        tally_list(&t, l);
        char *label = part_label(l, pos);
        cJSON *p = cJSON_CreateObject();
        cJSON_AddBoolToObject(p, "first", pos == 0);
        cJSON_AddStringToObject(p, "label", label);
        cJSON_AddStringToObject(p, "level_label", bl_view_level_label(l->level));
        add_count(p, "projects", one.projects);
        cJSON_AddItemToArray(parts, p);
        add_lagging_items(items, l, label, &more);
        free(label);
    }
    add_tally(o, &t);
    add_opt_str(o, "schedule_label", schedule_label);
    cJSON_AddItemToObject(o, "lagging_items", items);
    cJSON_AddBoolToObject(o, "lagging_more", more);
    add_compare(o, d, -1);
    return o;
}

void bl_view_add_tongbao(cJSON *view, const bl_document *d)
{
    const cJSON *sched = cJSON_GetObjectItem(view, "schedule");
    const cJSON *sl = cJSON_IsObject(sched) ? cJSON_GetObjectItem(sched, "label") : NULL;
    const char *schedule_label = cJSON_IsString(sl) ? sl->valuestring : NULL;
    cJSON_AddBoolToObject(view, "has_several_lists", d->n_lists > 1);
    if (!d->lists) {
        cJSON_AddNullToObject(view, "tongbao");
        return;
    }
    cJSON_AddItemToObject(view, "tongbao", document_tongbao(d, schedule_label));
    cJSON *lv = cJSON_GetObjectItem(view, "lists")->child;
    int pos = 0;
    for (const bl_list *l = d->lists; l && lv; l = l->next, lv = lv->next, pos++)
        cJSON_AddItemToObject(lv, "tongbao", list_tongbao(d, l, pos, schedule_label));
}
