/* period.c - periods named in text; see period.h. */
#include "period.h"

#include <string.h>

#include "arena.h"
#include "text.h"
#include "textkey.h"

static const char *const cn_digits[] = {"一", "二", "三", "四", "五", "六",
                                        "七", "八", "九", "十", "十一", "十二"};

/* A month number at *p: "10", "十", "十二"; advances *p. */
static int read_month(const char **p)
{
    const char *q = *p;
    int v = 0, n = 0;
    while (*q >= '0' && *q <= '9' && n < 3) {
        v = v * 10 + (*q++ - '0');
        n++;
    }
    if (n) {
        *p = q;
        return v >= 1 && v <= 12 ? v : 0;
    }
    for (int i = 11; i >= 0; i--) /* longest first: 十二 before 十 */
        if (bl_text_starts_with(q, cn_digits[i])) {
            *p = q + strlen(cn_digits[i]);
            return i + 1;
        }
    return 0;
}

static int read_year(const char *p, const char *start)
{
    if (p > start && p[-1] >= '0' && p[-1] <= '9')
        return 0;
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        y = y * 10 + (p[i] - '0');
    }
    if (p[4] >= '0' && p[4] <= '9')
        return 0;
    return y >= 1949 && y <= 2100 ? y : 0;
}

/* A period word at p (after an optional year). */
static bool period_at(const char *p, bl_period *o)
{
    const char *q = p;
    if (bl_text_starts_with(q, "第"))
        q += 3;
    if (bl_text_starts_with(q, "前")) { /* 前三季度 */
        const char *r = q + 3;
        int k = read_month(&r);
        if (k >= 1 && k <= 4 && bl_text_starts_with(r, "季度")) {
            *o = (bl_period){o->year, BL_PERIOD_RANGE, 1, 3 * k};
            return true;
        }
    }
    if (bl_text_starts_with(q, "上半年")) {
        *o = (bl_period){o->year, BL_PERIOD_HALF, 1, 6};
        return true;
    }
    if (bl_text_starts_with(q, "下半年")) {
        *o = (bl_period){o->year, BL_PERIOD_HALF, 7, 12};
        return true;
    }
    if (bl_text_starts_with(q, "全年")) {
        *o = (bl_period){o->year, BL_PERIOD_YEAR, 1, 12};
        return true;
    }
    const char *r = q;
    int a = read_month(&r);
    if (!a)
        return false;
    if (a <= 4 && bl_text_starts_with(r, "季度")) {
        *o = (bl_period){o->year, BL_PERIOD_QUARTER, 3 * a - 2, 3 * a};
        return true;
    }
    if (*r == '-' || *r == '~' || bl_text_starts_with(r, "至") ||
        bl_text_starts_with(r, "—") || bl_text_starts_with(r, "－")) {
        const char *t = r + (*r == '-' || *r == '~' ? 1 : 3);
        int b = read_month(&t);
        if (b > a && bl_text_starts_with(t, "月")) {
            *o = (bl_period){o->year, BL_PERIOD_RANGE, a, b};
            return true;
        }
        return false;
    }
    if (bl_text_starts_with(r, "月")) {
        *o = (bl_period){o->year, BL_PERIOD_MONTH, a, a};
        return true;
    }
    return false;
}

bool bl_period_parse(const char *s, bl_period *out)
{
    bl_period o = {0};
    for (const char *p = s; *p; p++) {
        int y = read_year(p, s);
        if (y && (bl_text_starts_with(p + 4, "年") || bl_text_starts_with(p + 4, "-"))) {
            o.year = y;
            const char *q = p + 4 + (p[4] == '-' ? 1 : 3);
            if (!period_at(q, &o) && bl_text_starts_with(q, "度"))
                o = (bl_period){y, BL_PERIOD_YEAR, 1, 12};
            *out = o;
            return true;
        }
        bool after_digit = p > s && p[-1] >= '0' && p[-1] <= '9';
        if (!o.year && !after_digit && period_at(p, &o)) {
            /* a bare month: "10月份" is not inside a date "2023年10月" */
            *out = o;
            return true;
        }
        o = (bl_period){0};
    }
    return false;
}

bool bl_period_apply(bl_document *d, const char *text)
{
    bl_arena *a = bl_arena_new();
    bl_period p;
    bool ok = bl_period_parse(bl_key(a, text), &p);
    bl_arena_free(a);
    if (!ok)
        return false;
    if (p.year)
        d->year = p.year;
    d->period_kind = p.kind;
    d->month = p.to;
    d->month_from = p.from;
    return true;
}
