/* period.h - the period a report covers, from the words that name it:
 * "2023年10月", "1-9月", "1至9月份", "一季度", "前三季度", "上半年",
 * "全年", "2024年度". A quarter or a half ends in its last month; a range
 * starts in its first.
 *
 * Ownership: nothing is allocated.
 */
#ifndef BL_PERIOD_H
#define BL_PERIOD_H

#include <stdbool.h>

#include "model.h"

typedef struct bl_period {
    int year;           /* 0 when not named */
    bl_period_kind kind;
    int from, to;       /* months 1..12; 0 when unknown */
} bl_period;

/* The first period named in s (a key: ASCII digits and punctuation).
 * False when s names neither a year nor a month. */
bool bl_period_parse(const char *s, bl_period *out);

/* Parses text (any width) and sets d's year, month, kind and range from
 * what it names. False when it names no period. */
bool bl_period_apply(bl_document *d, const char *text);

#endif
