/* meta.c - title, office, dates and period from page chrome; see meta.h. */
#include "meta.h"

#include <stdio.h>
#include <string.h>

#include "period.h"
#include "table.h"
#include "text.h"
#include "textkey.h"

static const char *const date_labels[] = {"发布日期", "发布时间", "成文日期",
                                          "印发日期", "日期", "时间"};
static const char *const office_labels[] = {"发布机关", "发文机关", "发布机构",
                                            "来源", "信息来源", "发布单位"};

/* The key without spaces, so "2025- 05- 20" reads as a date. */
static char *squeeze(bl_arena *a, const char *s)
{
    char *k = bl_key(a, s), *o = k;
    for (const char *p = k; *p; p++)
        if (*p != ' ')
            *o++ = *p;
    *o = '\0';
    return k;
}

/* "20171011" after a date label. */
static bool compact_date(const char *s, char out[11])
{
    size_t n = strspn(s, "0123456789");
    if (n != 8 || (s[0] != '1' && s[0] != '2'))
        return false;
    int m = (s[4] - '0') * 10 + (s[5] - '0'), d = (s[6] - '0') * 10 + (s[7] - '0');
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    snprintf(out, 11, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    return true;
}

static bool take_date(bl_model *m, bl_document *d, const char *k)
{
    for (size_t i = 0; i < sizeof date_labels / sizeof *date_labels; i++) {
        const char *at = strstr(k, date_labels[i]);
        if (!at)
            continue;
        const char *v = at + strlen(date_labels[i]);
        if (*v == ':')
            v++;
        char iso[11];
        size_t len;
        if (bl_find_date(v, iso, &len) == v || compact_date(v, iso)) {
            if (!d->published)
                d->published = bl_arena_strdup(m->arena, iso);
            return true;
        }
    }
    return false;
}

/* The office after its label in the source line: up to the next run of
 * two spaces or the next label. */
static bool take_office(bl_model *m, bl_document *d, const char *line)
{
    bl_keyed k;
    bl_key_map(m->arena, line, strlen(line), &k);
    for (size_t i = 0; i < sizeof office_labels / sizeof *office_labels; i++) {
        const char *at = strstr(k.key, office_labels[i]);
        if (!at || at[strlen(office_labels[i])] != ':')
            continue;
        const char *v = at + strlen(office_labels[i]) + 1;
        while (*v == ' ')
            v++;
        const char *end = v;
        while (*end && !(end[0] == ' ' && (end[1] == ' ' || strchr(end + 1, ':'))))
            end++;
        if (end == v)
            return false;
        if (!d->office)
            d->office = bl_keyed_source(m->arena, &k, (size_t)(v - k.key),
                                        (size_t)(end - k.key));
        return true;
    }
    return false;
}

bool bl_meta_line(bl_model *m, bl_document *d, const char *line)
{
    char *k = squeeze(m->arena, line);
    bool date = take_date(m, d, k);
    bool office = take_office(m, d, line);
    return date || office;
}

bool bl_meta_is_title(bl_arena *a, const char *line)
{
    static const char *const words[] = {"民生实事", "实事项目", "进展情况",
                                        "完成情况", "推进情况", "汇总表",
                                        "情况表", "进度表", "一览表", "通报",
                                        "公示", "为民办实事", "民生工程"};
    char *k = bl_key(a, line);
    size_t n = bl_utf8_count(k);
    if (n < 4 || n > 60 || strstr(k, "。") || strchr(k, ':'))
        return false;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strstr(k, words[i]))
            return true;
    return false;
}

void bl_meta_period(bl_document *d, const char *text)
{
    if (d->period_kind || !text)
        return;
    bl_arena *a = bl_arena_new();
    bl_period p;
    if (bl_period_parse(squeeze(a, text), &p) && (p.kind || !d->year)) {
        if (p.year && !d->year)
            d->year = p.year;
        if (p.kind) {
            d->period_kind = p.kind;
            d->month = p.to;
            d->month_from = p.from;
        }
    }
    bl_arena_free(a);
}
