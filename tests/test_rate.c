/* test_rate.c - numbers and completion rates on real cells of the seeds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "rate.h"

static void numbers_parse_exactly(void **state)
{
    (void)state;
    double v;
    assert_int_equal(bl_parse_number("214.75%", &v), 6);
    assert_true(v == 214.75);
    assert_int_equal(bl_parse_number("1.955亿元", &v), 5);
    assert_true(v == 1.955);
    assert_int_equal(bl_parse_number("215", &v), 3);
    assert_true(v == 215);
    /* "2." ends a number: the dot is the text's ("1.每千人口…"). */
    assert_int_equal(bl_parse_number("1.每千", &v), 1);
    assert_true(v == 1);
    assert_int_equal(bl_parse_number("完成", &v), 0);
}

/* examples/000 province #4: two rates, one with 达 and one without. */
static void rates_from_province_4(void **state)
{
    (void)state;
    double r[8];
    const char *t = "1成人初高中学历提升完成提升人数895人,完成率达215%\n"
                    "2)大专及以上学历提升:完成大专及以上学历提升1937,完成率214.75%";
    assert_int_equal(bl_rates_from_text(t, r, 8), 2);
    assert_true(r[0] == 215);
    assert_true(r[1] == 214.75);
}

static void rates_forms(void **state)
{
    (void)state;
    double r[8];
    assert_int_equal(bl_rates_from_text(
                         "截至3月底,完成长期护理保险参保3.7182万人,完成年度任务的100.22%", r, 8),
                     1);
    assert_true(r[0] == 100.22);
    assert_int_equal(bl_rates_from_text(
                         "截至10月初,该项目仍在开展前期工作,进度严重滞后。(完成年度任务50%)", r, 8),
                     1);
    assert_true(r[0] == 50);
    assert_int_equal(bl_rates_from_text(
                         "一季度我县已开展职业教育培训4782人次,完成第一季度目标的183.9%。", r, 8),
                     1);
    assert_true(r[0] == 183.9);
    assert_int_equal(bl_rates_from_text(
                         "完成10家托幼机构建设,新增普惠性托位545个,进度达到100%", r, 8),
                     1);
    assert_true(r[0] == 100);
    assert_int_equal(bl_rates_from_text("完成相关台账资料整理并完工验收,年度任务完成率100%", r, 8), 1);
}

/* Percentages that are figures, not completion rates. */
static void not_rates(void **state)
{
    (void)state;
    double r[8];
    assert_int_equal(bl_rates_from_text(
                         "完成义务教育段就读的随迁子女相关任务,就读公办学校的比例达86.18%并完成民生实事系统销号", r, 8),
                     0);
    /* examples/000 province #9: only the two 完成率 count. */
    const char *t = "2)结直肠癌筛查项目:完成高危人群大肠癌筛查10212人,完成率122.35%;"
                    "规范随访率96.85%(要求85%);筛查阳性结肠镜依从率39.22%(要求35%)";
    assert_int_equal(bl_rates_from_text(t, r, 8), 1);
    assert_true(r[0] == 122.35);
    assert_int_equal(bl_rates_from_text(
                         "启动天关山路(廊桥大道-新城大道)及老路连接段一期II标段建设,完成总工程量40%)", r, 8),
                     0);
    assert_int_equal(bl_rates_from_text(NULL, r, 8), 0);
}

static void rate_cells(void **state)
{
    (void)state;
    double v;
    const char *rest;
    assert_true(bl_rate_cell("63%,育英路未按计划完工,滞后进度", &v, &rest));
    assert_true(v == 63);
    assert_string_equal(rest, "育英路未按计划完工,滞后进度");
    assert_true(bl_rate_cell("72%", &v, &rest));
    assert_true(v == 72);
    assert_string_equal(rest, "");
    assert_false(bl_rate_cell("9公里绿道完成进度80%", &v, &rest));
    assert_false(bl_rate_cell("王小强", &v, &rest));
}

static void percentages_and_numbers(void **state)
{
    (void)state;
    double r[8];
    const char *t = "目前城镇职工为87.45%,城乡居民为69.52%,均已达到省定标准(85%、68%)";
    assert_int_equal(bl_percentages(t, r, 8), 4);
    assert_true(r[0] == 87.45 && r[3] == 68);
    /* Dates are no figures. */
    const char *u = "截至4月25日,我县累计完成37774人,完成率达19.88%。";
    assert_int_equal(bl_numbers(u, r, 8), 2);
    assert_true(r[0] == 37774 && r[1] == 19.88);
    /* More than max: the count says so, out holds the first max. */
    assert_int_equal(bl_numbers("1,2,3,4", r, 2), 4);
    assert_true(r[1] == 2);
}

/* Numbers never depend on the C locale's decimal point. */
static void locale_independent(void **state)
{
    (void)state;
    double v;
    const char *old = setlocale(LC_NUMERIC, NULL);
    char saved[64];
    snprintf(saved, sizeof saved, "%s", old ? old : "C");
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        setlocale(LC_NUMERIC, "fr_FR.UTF-8");
    bl_parse_number("214.75", &v);
    assert_true(v == 214.75);
    setlocale(LC_NUMERIC, saved);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_parse_exactly),
        cmocka_unit_test(rates_from_province_4),
        cmocka_unit_test(rates_forms),
        cmocka_unit_test(not_rates),
        cmocka_unit_test(rate_cells),
        cmocka_unit_test(percentages_and_numbers),
        cmocka_unit_test(locale_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
