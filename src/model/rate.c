/* rate.c - numbers and completion rates in text; see rate.h. */
#include "rate.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Decimals past this many digits are read but no longer change the value:
 * more cannot be told apart in a double, and the mantissa and scale below
 * would overflow to inf/inf = NaN on a long run of decimals. */
#define MAX_DECIMALS 15

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
        for (int k = 0; is_digit(*p); k++, p++)
            if (k < MAX_DECIMALS) {
                v = v * 10 + (*p - '0');
                scale *= 10;
            }
    }
    /* A run of digits too long for a double (past 1e308) is no figure:
     * every number in the model stays finite. */
    if (!isfinite(v))
        return 0;
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

/* The cue of a rate is in the words right before it: a clause is looked at
 * for at most this many bytes back. Searching from the start of the text
 * for every percentage is quadratic, and a cell of a megabyte of "50%"
 * would never finish. */
#define CLAUSE_MAX 300

/* Start of the clause that ends at p: just past the last separator, going
 * back at most CLAUSE_MAX bytes (to a character boundary). */
static const char *clause_start(const char *text, const char *p)
{
#define SEP(s) {s, sizeof s - 1}
    static const struct {
        const char *s;
        size_t n;
    } seps[] = {SEP("。"), SEP(","), SEP("，"), SEP(";"), SEP("；"), SEP("("),
                SEP("（"), SEP(":"), SEP("："), SEP("、"), SEP(" ")};
#undef SEP
    const char *q = p;
    for (; q > text && p - q < CLAUSE_MAX; q--)
        for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
            size_t n = seps[i].n;
            if (q[-1] == seps[i].s[n - 1] && (size_t)(q - text) >= n &&
                memcmp(q - n, seps[i].s, n) == 0)
                return q;
        }
    while (q < p && ((unsigned char)*q & 0xC0) == 0x80)
        q++;
    return q;
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

void bl_rate_format(double rate, char *out, size_t size)
{
    snprintf(out, size, "%.2f", rate);
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(out, "-0") == 0)
        snprintf(out, size, "0");
    strncat(out, "%", size - strlen(out) - 1);
}
