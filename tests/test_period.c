/* test_period.c - the periods a text names (period.c) and the sequence
 * numbers a cell or a text opens with (numbering.c), every printed form of
 * period.h and numbering.h, one table row each: what is found, or that
 * nothing is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "numbering.h"
#include "period.h"
#include "table.h"
#include "textkey.h"

static const struct {
    const char *text;
    bool found;
    int year, kind, from, to;
} periods[] = {
    {"2023年10月份民生实事", true, 2023, BL_PERIOD_MONTH, 10, 10},
    {"2024年前三季度进展", true, 2024, BL_PERIOD_RANGE, 1, 9},
    {"前三季度完成情况", true, 0, BL_PERIOD_RANGE, 1, 9},
    {"前五季度", false, 0, 0, 0, 0},
    {"2024年上半年工作", true, 2024, BL_PERIOD_HALF, 1, 6},
    {"下半年工作安排", true, 0, BL_PERIOD_HALF, 7, 12},
    {"第三季度", true, 0, BL_PERIOD_QUARTER, 7, 9},
    {"2023年全年", true, 2023, BL_PERIOD_YEAR, 1, 12},
    {"2024年度民生实事", true, 2024, BL_PERIOD_YEAR, 1, 12},
    {"2024年民生实事", true, 2024, BL_PERIOD_NONE, 0, 0},
    {"2024-3月", true, 2024, BL_PERIOD_MONTH, 3, 3},
    {"1-9月", true, 0, BL_PERIOD_RANGE, 1, 9},
    {"1~9月", true, 0, BL_PERIOD_RANGE, 1, 9},
    {"1至9月份", true, 0, BL_PERIOD_RANGE, 1, 9},
    {"一—十月", true, 0, BL_PERIOD_RANGE, 1, 10},
    {"一－十二月", true, 0, BL_PERIOD_RANGE, 1, 12},
    {"9-1月", true, 0, BL_PERIOD_MONTH, 1, 1}, /* no backward range: its 1月 */
    {"1-9日", false, 0, 0, 0, 0},   /* days, not months */
    {"13月", false, 0, 0, 0, 0},
    {"十二月", true, 0, BL_PERIOD_MONTH, 12, 12},
    {"1900年10月", true, 0, BL_PERIOD_MONTH, 10, 10}, /* no year before 1949 */
    {"12024年", false, 0, 0, 0, 0}, /* five digits are no year */
    {"320245月", false, 0, 0, 0, 0}, /* a month glued to digits */
    {"存在问题", false, 0, 0, 0, 0},
};

static void named_periods(void **state)
{
    (void)state;
    bl_arena *a = bl_arena_new();
    int bad = 0;
    for (size_t i = 0; i < sizeof periods / sizeof *periods; i++) {
        bl_period p = {0};
        bool ok = bl_period_parse(bl_key(a, periods[i].text), &p);
        char got[96], want[96];
        snprintf(got, sizeof got, "%s: %d %d %d %d %d", periods[i].text, ok, ok ? p.year : 0,
                 ok ? (int)p.kind : 0, ok ? p.from : 0, ok ? p.to : 0);
        snprintf(want, sizeof want, "%s: %d %d %d %d %d", periods[i].text, periods[i].found,
                 periods[i].year, periods[i].kind, periods[i].from, periods[i].to);
        if (strcmp(got, want))
            print_error("got  %s\nwant %s\n", got, want), bad++;
    }
    assert_int_equal(bad, 0);
    /* apply: a document takes what the text names, full width folded */
    bl_document d = {0};
    d.year = 2022;
    assert_true(bl_period_apply(&d, "１－９月"));
    assert_true(d.year == 2022 && d.period_kind == BL_PERIOD_RANGE && d.month_from == 1 &&
                d.month == 9);
    assert_true(bl_period_apply(&d, "２０２３年上半年"));
    assert_true(d.year == 2023 && d.period_kind == BL_PERIOD_HALF && d.month == 6);
    assert_false(bl_period_apply(&d, "工作安排"));
    assert_int_equal(d.year, 2023);
    bl_arena_free(a);
}

static void heading_periods(void **state)
{
    (void)state;
    int y = 0, m = 0;
    assert_true(bl_parse_period("2024年上半年工作", &y, &m));
    assert_true(y == 2024 && m == 6);
    assert_true(bl_parse_period("2024年第四季度", &y, &m));
    assert_true(y == 2024 && m == 12);
    assert_true(bl_parse_period("2024年2季度", &y, &m));
    assert_true(y == 2024 && m == 6);
    assert_true(bl_parse_period("2024年13月", &y, &m)); /* the year only */
    assert_true(y == 2024 && m == 0);
    assert_false(bl_parse_period("1899年10月", &y, &m));
    assert_false(bl_parse_period("12024年", &y, &m));
    char d[11];
    size_t len;
    assert_null(bl_find_date("2024年4月31", d, &len));   /* no 日 */
    assert_null(bl_find_date("2024年13月1日", d, &len));
    assert_null(bl_find_date("2024-4", d, &len));
    assert_null(bl_find_date("20245-04-01", d, &len));
    assert_non_null(bl_find_date("于2024年4月1日印发", d, &len));
    assert_string_equal(d, "2024-04-01");
    assert_int_equal(len, strlen("2024年4月1日"));
}

static const struct {
    const char *key;
    bool cell, prefix;
    int kind, value;
    const char *digits;
} numbers[] = {
    {"12", true, false, BL_NUM_ARABIC, 12, "12"},
    {" 12 ", true, false, BL_NUM_ARABIC, 12, "12"},
    {"(3)新建", false, true, BL_NUM_ARABIC, 3, "3"},
    {"〔3〕新建", false, true, BL_NUM_ARABIC, 3, "3"},
    {"(3", false, false, 0, 0, NULL},
    {"9*", true, false, BL_NUM_ARABIC, 9, "9"},
    {"1、新建", false, true, BL_NUM_ARABIC, 1, "1"},
    {"1.新建", false, true, BL_NUM_ARABIC, 1, "1"},
    {"1)新建", false, true, BL_NUM_ARABIC, 1, "1"},
    {"1.5万人", false, false, 0, 0, NULL},
    {"1.", true, false, BL_NUM_ARABIC, 1, "1"}, /* a marker with no text */
    {"5%", false, false, 0, 0, NULL},
    {"2024年", false, false, 0, 0, NULL},
    {"1234567、", true, false, BL_NUM_ARABIC, 1234567, "1234567"}, /* a cell, no marker */
    {"一、继续", false, true, BL_NUM_CHINESE, 1, "一"},
    {"(二十六)", true, false, BL_NUM_CHINESE, 26, "二十六"},
    {"第二十六项", true, false, BL_NUM_CHINESE, 26, "二十六"},
    {"第一百零五条", true, false, BL_NUM_CHINESE, 105, "一百零五"},
    {"(二十六)新建", false, true, BL_NUM_CHINESE, 26, "二十六"},
    {"第一百一十件", true, false, BL_NUM_CHINESE, 110, "一百一十"},
    {"第百项", true, false, BL_NUM_CHINESE, 100, "百"},
    {"第三章", false, false, 0, 0, NULL},
    {"〇", true, false, BL_NUM_CHINESE, 0, "〇"},
    {"三十三万", false, false, 0, 0, NULL},
    {"①新建", false, true, BL_NUM_CIRCLED, 1, "①"},
    {"⑳", true, false, BL_NUM_CIRCLED, 20, "⑳"},
    {"(①)", false, false, 0, 0, NULL},
    {"新建", false, false, 0, 0, NULL},
};

static void sequence_numbers(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        bl_number c, p;
        bool cell = bl_number_cell(numbers[i].key, &c);
        bool prefix = bl_number_prefix(numbers[i].key, &p);
        char got[128], want[128];
        bl_number *n = cell ? &c : &p;
        bool any = cell || prefix;
        snprintf(got, sizeof got, "%s: %d %d %d %d %.*s", numbers[i].key, cell, prefix,
                 any ? (int)n->kind : 0, any ? n->value : 0, any ? (int)n->digits_len : 0,
                 any ? n->digits : "");
        snprintf(want, sizeof want, "%s: %d %d %d %d %s", numbers[i].key, numbers[i].cell,
                 numbers[i].prefix, numbers[i].kind, numbers[i].value,
                 numbers[i].digits ? numbers[i].digits : "");
        if (strcmp(got, want))
            print_error("got  %s\nwant %s\n", got, want), bad++;
    }
    assert_int_equal(bad, 0);
    assert_int_equal(bl_chinese_numeral("十二", strlen("十二")), 12);
    assert_int_equal(bl_chinese_numeral("三百", strlen("三百")), 300);
    assert_int_equal(bl_chinese_numeral("三万", strlen("三万")), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(named_periods),
        cmocka_unit_test(heading_periods),
        cmocka_unit_test(sequence_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
