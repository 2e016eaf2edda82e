/* numbering.c - sequence numbers as printed; see numbering.h. */
#include "numbering.h"

#include <stdint.h>
#include <string.h>

#include "text.h"

static const char *const cn_digit[] = {"零", "一", "二", "三", "四", "五",
                                       "六", "七", "八", "九"};

static int cn_digit_at(const char *s)
{
    for (int i = 0; i < 10; i++)
        if (strncmp(s, cn_digit[i], 3) == 0)
            return i;
    if (strncmp(s, "〇", 3) == 0)
        return 0;
    return -1;
}

/* Bytes of the Chinese numeral at s (digits, 十, 百). */
static size_t cn_span(const char *s)
{
    size_t n = 0;
    while (cn_digit_at(s + n) >= 0 || strncmp(s + n, "十", 3) == 0 ||
           strncmp(s + n, "百", 3) == 0)
        n += 3;
    return n;
}

int bl_chinese_numeral(const char *s, size_t len)
{
    int total = 0, cur = 0;
    for (size_t i = 0; i + 3 <= len; i += 3) {
        int d = cn_digit_at(s + i);
        if (d >= 0) {
            cur = d;
        } else if (strncmp(s + i, "十", 3) == 0) {
            total += (cur ? cur : 1) * 10;
            cur = 0;
        } else if (strncmp(s + i, "百", 3) == 0) {
            total += (cur ? cur : 1) * 100;
            cur = 0;
        } else {
            return 0;
        }
    }
    return total + cur;
}

/* ① .. ⑳ are U+2460..U+2473 (E2 91 A0 .. E2 91 B3). */
static int circled_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == 0xE2 && u[1] == 0x91 && u[2] >= 0xA0 && u[2] <= 0xB3)
        return u[2] - 0xA0 + 1;
    return 0;
}

static size_t digits_at(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

/* The value of n digits; 0 (unknown) past what an int holds surely. */
static int arabic_value(const char *s, size_t n)
{
    int v = 0;
    if (n > 9)
        return 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* Reads one marker at s; *closed says it ends with a bracket, 、 or '.'
 * (a marker, not a figure). Arabic markers have at most max_digits digits
 * (a cell that is only a number may have any; one opening a text is short,
 * or it is a figure such as a year). */
static bool marker_at(const char *s, bl_number *o, bool *closed, size_t max_digits)
{
    const char *p = s;
    bool open = *p == '(' || strncmp(p, "〔", 3) == 0;
    if (open)
        p += *p == '(' ? 1 : 3;
    bool di = strncmp(p, "第", 3) == 0 && !open;
    if (di)
        p += 3;
    size_t n;
    memset(o, 0, sizeof *o);
    if ((n = digits_at(p)) && n <= max_digits) {
        o->kind = BL_NUM_ARABIC;
        o->value = arabic_value(p, n);
    } else if ((n = cn_span(p))) {
        o->kind = BL_NUM_CHINESE;
        o->value = bl_chinese_numeral(p, n);
    } else if (!open && !di && circled_at(p)) {
        o->kind = BL_NUM_CIRCLED;
        o->value = circled_at(p);
        n = 3;
    } else {
        return false;
    }
    o->digits = p;
    o->digits_len = n;
    p += n;
    *closed = o->kind == BL_NUM_CIRCLED;
    if (open) {
        if (*p != ')' && strncmp(p, "〕", 3) != 0)
            return false;
        p += *p == ')' ? 1 : 3;
        *closed = true;
    } else if (di) {
        if (strncmp(p, "项", 3) != 0 && strncmp(p, "条", 3) != 0 &&
            strncmp(p, "件", 3) != 0)
            return false;
        p += 3;
        *closed = true;
    }
    if (strncmp(p, "、", 3) == 0) {
        p += 3;
        *closed = true;
    } else if (!open && (*p == '.' || *p == ')') && !(p[1] >= '0' && p[1] <= '9')) {
        p++;
        *closed = true;
    } else if (*p == '*' && o->kind == BL_NUM_ARABIC) {
        p++;
    }
    o->len = (size_t)(p - s);
    return true;
}

bool bl_number_cell(const char *key, bl_number *out)
{
    bool closed;
    while (*key == ' ')
        key++;
    if (!marker_at(key, out, &closed, SIZE_MAX))
        return false;
    const char *rest = key + out->len;
    while (*rest == ' ')
        rest++;
    if (*rest)
        return false;
    /* A lone Chinese digit is a number only when written as one. */
    return out->kind != BL_NUM_CHINESE || closed || out->digits_len <= 6;
}

bool bl_number_prefix(const char *key, bl_number *out)
{
    bool closed;
    while (*key == ' ')
        key++;
    /* In brackets a number is a marker whatever its length ("(1000000)"
     * in a report of a million rows); bare, one of more than 6 digits
     * opening a text is a figure. */
    bool open = *key == '(' || strncmp(key, "〔", 3) == 0;
    if (!marker_at(key, out, &closed, open ? SIZE_MAX : 6) || !closed)
        return false;
    /* "1.5万人" is a figure; a marker is followed by text. */
    return key[out->len] != '\0' && key[out->len] != '%';
}
