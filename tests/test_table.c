/* test_table.c - what a cell holds: departments, people, enumerations,
 * levels, dates and periods, on cells of the seeds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "table.h"

static void departments(void **state)
{
    (void)state;
    assert_true(bl_is_department_name("县卫生健康局"));
    assert_true(bl_is_department_name("罗阳镇"));
    assert_true(bl_is_department_name("团县委"));
    assert_true(bl_is_department_name("县红十字会"));
    assert_true(bl_is_department_name("市科协"));
    assert_true(bl_is_department_name("温州公用事业发展集团泰顺水务有限公司"));
    assert_true(bl_is_department_name("(县综合行政执法局)"));
    assert_true(bl_is_department_name("乐成中心城区管委会"));
    assert_false(bl_is_department_name("新增城市书房2家。"));
    assert_false(bl_is_department_name("提前完成年度任务。"));
    assert_false(bl_is_department_name("新建妇女儿童综合服务驿站:"));
    assert_false(bl_is_department_name("徐祥忠"));
    assert_true(bl_is_parenthesised("(县综合行政执法局)"));
    assert_false(bl_is_parenthesised("县综合行政执法局"));
    /* Full-width brackets as a page prints them (a cell not folded yet). */
    assert_true(bl_is_parenthesised("（县综合行政执法局）"));
    assert_true(bl_is_department_name("（县综合行政执法局）"));
    assert_false(bl_is_department_name("(配合)"));
    assert_false(bl_is_parenthesised("(县综合行政执法局"));
}

static void people(void **state)
{
    (void)state;
    assert_true(bl_is_person_name("徐祥忠"));
    assert_true(bl_is_person_name("王孝"));
    assert_false(bl_is_person_name("市科协"));
    assert_false(bl_is_person_name("市民政局"));
    assert_false(bl_is_person_name("已完成"));
    assert_false(bl_is_person_name("72%"));
    assert_false(bl_is_person_name("王"));
}

static void enumerations(void **state)
{
    (void)state;
    assert_true(bl_is_enumerated("2)大专及以上学历提升:完成大专及以上学历提升1937"));
    assert_true(bl_is_enumerated("2、截至9月底"));
    assert_true(bl_is_enumerated("(3)县级(一星)37家。"));
    assert_true(bl_is_enumerated("1.每千人口"));
    assert_false(bl_is_enumerated("120急救项目:120急救车辆已投入使用"));
    assert_false(bl_is_enumerated("1.56万人次"));
    assert_false(bl_is_enumerated("实施天关山路(特大桥—G235)工程"));
    assert_true(bl_is_enumerated("（2）新建公园"));
    assert_true(bl_is_enumerated("3）新增学位"));
    assert_false(bl_is_enumerated("（二）新建公园"));
    assert_false(bl_is_enumerated("(12新建公园"));
    assert_false(bl_is_enumerated("12"));
    assert_false(bl_is_enumerated("12."));
}

static void levels(void **state)
{
    (void)state;
    assert_int_equal(bl_level_guess("2023年10月省政府民生实事项目进展情况汇总表"), BL_LEVEL_PROVINCE);
    assert_int_equal(bl_level_guess("2023年10月市政府民生实事项目进展情况汇总"), BL_LEVEL_CITY);
    assert_int_equal(bl_level_guess("2023年10月县政府民生实事项目进展情况汇总表"), BL_LEVEL_COUNTY);
    assert_int_equal(bl_level_guess("县府办"), BL_LEVEL_COUNTY);
    assert_int_equal(bl_level_guess("平阳县公共服务“七优享”工程情况汇报"), BL_LEVEL_COUNTY);
    assert_int_equal(bl_level_guess("龙湾区民生实事"), BL_LEVEL_DISTRICT);
    assert_int_equal(bl_level_guess("社区卫生服务站建设进展"), BL_LEVEL_NONE);
}

static void dates_and_periods(void **state)
{
    (void)state;
    char d[11];
    size_t len;
    const char *s = "发布日期:2023-11-21 11:00:03 浏览次数:";
    assert_ptr_equal(bl_find_date(s, d, &len), strstr(s, "2023"));
    assert_string_equal(d, "2023-11-21");
    assert_int_equal(len, 10);
    assert_non_null(bl_find_date("工程情况汇报 2024年4月30日 县府办", d, &len));
    assert_string_equal(d, "2024-04-30");
    assert_null(bl_find_date("2023年10月份政府民生实事", d, &len));
    /* No such month or day, or a year out of range: no date. */
    assert_null(bl_find_date("2024年13月5日", d, &len));
    assert_null(bl_find_date("2024年2月0日 2024年2月32日", d, &len));
    assert_null(bl_find_date("1899年12月1日 2201-01-01", d, &len));
    assert_null(bl_find_date("20245年1月1日 2024/01/01", d, &len));
    assert_non_null(bl_find_date("2024-1-5发布", d, &len));
    assert_string_equal(d, "2024-01-05");
    int y, m;
    assert_true(bl_parse_period("2023年10月份政府民生实事项目进展情况", &y, &m));
    assert_true(y == 2023 && m == 10);
    assert_true(bl_parse_period("二、2024年一季度完成情况", &y, &m));
    assert_true(y == 2024 && m == 3);
    assert_true(bl_parse_period("一、2023年工作完成情况", &y, &m));
    assert_true(y == 2023 && m == 0);
    assert_false(bl_parse_period("三、存在问题", &y, &m));
    /* A month past 12 is the year alone; a quarter after 第 counts. */
    assert_true(bl_parse_period("2024年13月", &y, &m));
    assert_true(y == 2024 && m == 0);
    assert_true(bl_parse_period("2024年第3季度", &y, &m));
    assert_true(y == 2024 && m == 9);
    assert_true(bl_parse_period("2024年上半年", &y, &m));
    assert_true(y == 2024 && m == 6);
    assert_false(bl_parse_period("1899年", &y, &m));
}

static void lines(void **state)
{
    (void)state;
    bl_arena *a = bl_arena_new();
    size_t n;
    const char text[] = "序号\n\n \xc2\xa0\n 12 \n\n0";
    bl_line *l = bl_lines_split(a, text, strlen(text), &n);
    assert_int_equal(n, 3);
    assert_string_equal(l[1].text, "12");
    assert_int_equal(l[1].no, 4);
    assert_int_equal(l[2].no, 6);
    assert_true(bl_is_digits(l[2].text));
    assert_false(bl_is_digits(""));
    assert_false(bl_is_digits("12a"));
    /* Tabs, vertical tabs and form feeds read as spaces. */
    assert_string_equal(bl_report_fold(a, "序号\t项目\v内容\f完成率"), "序号 项目 内容 完成率");
    assert_string_equal(bl_lines_join(a, l, 0, 2, "|"), "序号|12");
    assert_null(bl_lines_join(a, l, 2, 2, "|"));
    bl_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(departments), cmocka_unit_test(people),
        cmocka_unit_test(enumerations), cmocka_unit_test(levels),
        cmocka_unit_test(dates_and_periods), cmocka_unit_test(lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
