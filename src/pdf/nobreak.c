/* nobreak.c - number+unit and office-name runs kept on one line; see
 * nobreak.h. */
#include "nobreak.h"

#include <stdint.h>
#include <string.h>

#include "text.h"

static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    if ((unsigned char)s[i] < 0x80) { /* most of the bytes of a cell */
        *len = 1;
        return (unsigned char)s[i];
    }
    const char *p = s + i;
    uint32_t cp = bl_utf8_next(&p, s + n);
    *len = (size_t)(p - (s + i));
    return cp;
}

static bool is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

/* A word with its length in bytes (a table is scanned for every number of
 * every cell: no strlen). */
typedef struct word {
    const char *s;
    size_t len;
} word;
#define W(lit) {lit, sizeof lit - 1}

/* Units after a number, longest first where one starts another. */
static const word units[] = {
    W("个百分点"), W("百分点"), W("平方公里"), W("平方米"), W("立方米"), W("千瓦时"), W("千瓦"),
    W("公里"), W("千米"), W("公顷"), W("小时"), W("分钟"), W("个月"), W("%"), W("％"),
    W("‰"), W("㎡"), W("m²"), W("km"), W("元"), W("人"), W("户"), W("个"), W("项"),
    W("米"), W("亩"), W("吨"), W("台"), W("套"), W("所"), W("家"), W("座"), W("条"),
    W("处"), W("名"), W("次"), W("间"), W("辆"), W("张"), W("份"), W("册"), W("场"),
    W("天"), W("日"), W("号"), W("月"), W("年"), W("岁"), W("倍"), W("件"), W("批"),
    W("栋"), W("幢"), W("盏"), W("株"), W("棵"), W("期"), W("级"), W("类"), W("周"),
    W("班"), W("床"), W("位"), W("本"), W("篇"), W("块"), W("公斤"), W("斤"), W("kW"),
    W("MW"), {NULL, 0}};

/* Magnitudes between a number and its unit (3.71万人, 2亿元). */
static const word magnitudes[] = {W("万"), W("亿"), W("千"), W("百"), {NULL, 0}};
#undef W

static size_t match_word(const char *s, size_t n, size_t i, const word *words)
{
    if (i >= n)
        return 0;
    for (const word *w = words; w->s; w++)
        if (w->s[0] == s[i] && i + w->len <= n &&
            memcmp(s + i, w->s, w->len) == 0)
            return w->len;
    return 0;
}

/* A number at i (digits, with . , ． between digits, and a range such as
 * 1-9): returns its end, or i when there is none. */
static size_t number_end(const char *s, size_t n, size_t i)
{
    size_t j = i, len;
    if (j >= n || !is_digit(cp_at(s, n, j, &len)))
        return i;
    for (;;) {
        while (j < n && is_digit(cp_at(s, n, j, &len)))
            j += len;
        if (j >= n)
            return j;
        uint32_t sep = cp_at(s, n, j, &len);
        size_t dl;
        bool joins = sep == '.' || sep == ',' || sep == 0xFF0E ||
                     sep == '-' || sep == '~' || sep == 0xFF5E ||
                     sep == 0x2013 || sep == 0x2014;
        if (!joins || j + len >= n || !is_digit(cp_at(s, n, j + len, &dl)))
            return j;
        j += len;
    }
}

/* A number and its unit at i: returns the end, or i. Dates and clock
 * times chain: 2023年10月15日, 1-9月. */
static size_t measure_end(const char *s, size_t n, size_t i)
{
    size_t end = i;
    for (size_t j = i;;) {
        size_t num = number_end(s, n, j);
        if (num == j)
            return end;
        size_t k = num, m;
        /* letter-spaced text as printed: "超 5 万元" */
        if (k < n && s[k] == ' ' &&
            (match_word(s, n, k + 1, units) ||
             match_word(s, n, k + 1, magnitudes)))
            k++;
        size_t u = match_word(s, n, k, units); /* 百分点 before 百 */
        while (u == 0 && (m = match_word(s, n, k, magnitudes)) > 0) {
            k += m;
            u = match_word(s, n, k, units);
        }
        if (u == 0 && k == num)
            return end; /* a bare number */
        end = k + u;
        bool date = u == 3 && (memcmp(s + k, "年", 3) == 0 ||
                               memcmp(s + k, "月", 3) == 0);
        if (!date)
            return end;
        j = end;
    }
}

/* Office names end in one of these; the range is the character before
 * and it, when the name ends there (end of text, or anything but a han
 * character next). */
static bool is_office_end(uint32_t cp)
{
    switch (cp) {
    case 0x5C40: /* 局 */ case 0x529E: /* 办 */ case 0x59D4: /* 委 */
    case 0x4F1A: /* 会 */ case 0x5BA4: /* 室 */ case 0x9662: /* 院 */
    case 0x5385: /* 厅 */ case 0x7AD9: /* 站 */
        return true;
    default:
        return false;
    }
}

size_t bl_nobreak_scan(const char *text, size_t n, bl_nobreak *out,
                       size_t cap)
{
    size_t count = 0, prev = 0, len;
    uint32_t prev_cp = 0;
    bool prev_in_range = false;
    for (size_t i = 0; i < n;) {
        size_t e = 0;
        /* a number starts at a digit not glued to a letter or digit before */
        uint32_t cp = cp_at(text, n, i, &len);
        if (is_digit(cp) && !is_digit(prev_cp) &&
            !((prev_cp | 0x20) >= 'a' && (prev_cp | 0x20) <= 'z'))
            e = measure_end(text, n, i);
        if (e > i) {
            if (count < cap)
                out[count] = (bl_nobreak){i, e, false};
            count++;
            prev_in_range = true;
            /* step to the range's last character */
            size_t last = i;
            for (size_t k = i; k < e; k += len) {
                last = k;
                prev_cp = cp_at(text, n, k, &len);
            }
            prev = last;
            i = e;
            continue;
        }
        if (is_office_end(cp) && i > 0 && is_han(prev_cp) && !prev_in_range) {
            size_t nl;
            bool ends = i + len >= n || !is_han(cp_at(text, n, i + len, &nl));
            if (ends) {
                if (count < cap)
                    out[count] = (bl_nobreak){prev, i + len, true};
                count++;
                prev_in_range = true;
                prev = i;
                prev_cp = cp;
                i += len;
                continue;
            }
        }
        prev_in_range = false;
        prev = i;
        prev_cp = cp;
        i += len;
    }
    return count;
}

void bl_nobreak_attrs(PangoAttrList *al, const bl_nobreak *r, size_t n,
                      const bool *skip)
{
    for (size_t i = 0; i < n; i++) {
        if (skip && skip[i])
            continue;
        PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
        a->start_index = (guint)r[i].start;
        a->end_index = (guint)r[i].end;
        pango_attr_list_change(al, a);
    }
}
