/* rate.c - numbers and completion rates in text; see rate.h. */
#include "rate.h"

#include <string.h>

#include "text.h"

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

size_t bl_parse_number(const char *s, double *out)
{
    const char *p = s;
    double v = 0, scale = 1;
    if (!is_digit(*p))
        return 0;
    while (is_digit(*p))
        v = v * 10 + (*p++ - '0');
    if (*p == '.' && is_digit(p[1])) {
        /* Integer mantissa over a power of ten: exact for short decimals,
         * so 214.75 prints back as 214.75. */
        p++;
        while (is_digit(*p)) {
            v = v * 10 + (*p++ - '0');
            scale *= 10;
        }
    }
    *out = v / scale;
    return (size_t)(p - s);
}

/* Length of a percent sign at p, 0 when none. */
static size_t percent_at(const char *p)
{
    if (*p == '%')
        return 1;
    return bl_text_starts_with(p, "％") ? 3 : 0;
}

/* Start of the clause that ends at p: just past the last separator. */
static const char *clause_start(const char *text, const char *p)
{
    static const char *const seps[] = {"。", ",", "，", ";", "；", "(", "（",
                                       ":", "：", "、", " "};
    const char *best = text;
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
        size_t n = strlen(seps[i]);
        for (const char *q = text; (q = strstr(q, seps[i])) && q < p; q += n)
            if (q + n > best && q + n <= p)
                best = q + n;
    }
    return best;
}

static bool tail_ends_with(const char *from, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len >= n && memcmp(from + len - n, word, n) == 0;
}

/* Does the clause text [from, from+len) introduce a completion rate? */
static bool is_rate_cue(const char *from, size_t len)
{
    static const char *const links[] = {"达到", "达", "为", "的", "是"};
    if (tail_ends_with(from, len, "进度达到") || tail_ends_with(from, len, "进度达"))
        return true;
    for (size_t i = 0; i < sizeof links / sizeof *links; i++)
        if (tail_ends_with(from, len, links[i])) {
            len -= strlen(links[i]);
            break;
        }
    if (tail_ends_with(from, len, "完成率"))
        return true;
    if (!tail_ends_with(from, len, "任务") && !tail_ends_with(from, len, "目标"))
        return false;
    /* 完成年度任务, 完成第一季度目标: the clause must say what is completed. */
    for (size_t i = 0; i + 6 <= len; i++)
        if (memcmp(from + i, "完成", 6) == 0)
            return true;
    return false;
}

/* Tells whether the percentage whose number starts at `at` counts. */
typedef bool (*percent_filter)(const char *text, const char *at);

/* The percentages of text that keep accepts (all when keep is NULL). */

static size_t scan_percentages(const char *text, double *out, size_t max,
                               percent_filter keep)
{
    size_t k = 0;
    const char *p = text;
    while (*p) {
        double v;
        size_t n = (p == text || !is_digit(p[-1])) ? bl_parse_number(p, &v) : 0;
        if (!n) {
            p++;
            continue;
        }
        size_t pct = percent_at(p + n);
        if (pct && (!keep || keep(text, p))) {
            if (k < max)
                out[k] = v;
            k++;
        }
        p += n + pct;
    }
    return k;
}

static bool keep_rate(const char *text, const char *at)
{
    const char *from = clause_start(text, at);
    return is_rate_cue(from, (size_t)(at - from));
}

size_t bl_rates_from_text(const char *text, double *out, size_t max)
{
    return text ? scan_percentages(text, out, max, keep_rate) : 0;
}

size_t bl_percentages(const char *text, double *out, size_t max)
{
    return text ? scan_percentages(text, out, max, NULL) : 0;
}

bool bl_rate_cell(const char *cell, double *rate, const char **rest)
{
    static const char *const seps[] = {",", "，", ";", "；", "、", " ", "。"};
    double v;
    while (*cell == ' ')
        cell++;
    size_t n = bl_parse_number(cell, &v), pct = n ? percent_at(cell + n) : 0;
    if (!pct)
        return false;
    const char *r = cell + n + pct;
    for (bool more = true; more;) {
        more = false;
        for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
            if (bl_text_starts_with(r, seps[i])) {
                r += strlen(seps[i]);
                more = true;
            }
    }
    *rate = v;
    *rest = r;
    return true;
}

size_t bl_numbers(const char *text, double *out, size_t max)
{
    static const char *const date_units[] = {"年", "月", "日"};
    size_t k = 0;
    const char *p = text;
    while (p && *p) {
        double v;
        size_t n = (p == text || !is_digit(p[-1])) ? bl_parse_number(p, &v) : 0;
        if (!n) {
            p++;
            continue;
        }
        bool date = false;
        for (size_t i = 0; i < sizeof date_units / sizeof *date_units; i++)
            date |= bl_text_starts_with(p + n, date_units[i]);
        if (!date) {
            if (k < max)
                out[k] = v;
            k++;
        }
        p += n;
    }
    return k;
}
