/* test_read_cells.c - the cell-per-line reader: rows quoted from
 * examples/000 (one cell per line, blank lines between), then the whole
 * seed against the figures of issue 2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "seeds.h"
#include "table.h"

#define HEADER "序号\n\n项目内容\n\n牵头单位\n\n落实情况\n\n"

/* County rows 1-3 of examples/000, with the page's stray "0" after them. */
static const char county_rows[] =
    "2023年10月县政府民生实事项目进展情况汇总表\n\n" HEADER
    "1\n\n"
    "启动天关山路(廊桥大道-新城大道)及老路连接段一期II标段建设,完成总工程量40%)\n\n"
    "县城建中心\n\n部分完成。\n\n"
    "完成标段地质勘察、施工图设计及审查。完成年度任务70%)\n\n"
    "实施天关山路(特大桥—G235)工程,完成总工程量50%)\n\n"
    "提前完成年度任务\n\n"
    "完成年度土石方回填任务,并完成雨污水管网铺设80%,涵洞挡墙基础浇筑完成。挡墙浇筑完成50%(完成年度任务100%)\n\n"
    "完成天关山路(廊桥大道-新城大道)及老路连接段二期前期设计等工作。\n\n"
    "部分完成。\n\n完成地质勘察。(完成年度任务60%)\n\n"
    "2\n\n实施城北路、飞龙路等路段弱电上改下工程。\n\n罗阳镇\n\n未完成。\n\n"
    "截至10月初,该项目仍在开展前期工作,进度严重滞后。(完成年度任务50%)\n\n"
    "3\n\n新改建污水管网10公里以上(包括罗阳镇老城区消防路、赤沙溪区块雨污水改造等)。\n\n"
    "县住建局\n\n提前完成年度任务。\n\n"
    "完成污水管网11公里。其中,完成西旸至三魁污水管网4公里;罗阳镇东部污水管网提升工程7公里。\n\n"
    "罗阳镇\n\n已完成。\n\n完成东门农贸市场、石龟背小区等管网改造施工。(完成年度任务90%)\n\n\n0";

static bl_model *read_fixture(const char *text)
{
    bl_model *m = bl_model_new();
    bl_error err = {0};
    assert_int_equal(seed_text(m, "fixture.txt", text, "cells", &err), BL_OK);
    return m;
}

/* A project of several sub-items, each with its own target and status. */
static void targets_of_sub_items(void **state)
{
    (void)state;
    bl_model *m = read_fixture(county_rows);
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->level, BL_LEVEL_COUNTY);
    assert_int_equal(l->n_projects, 3);
    bl_project *p = seed_project(l, "1");
    assert_int_equal(p->n_entries, 3);
    bl_entry *e1 = seed_entry(p, 0), *e2 = seed_entry(p, 1), *e3 = seed_entry(p, 2);
    assert_string_equal(e1->target, "启动天关山路(廊桥大道-新城大道)及老路连接段一期II标段建设,完成总工程量40%)");
    assert_string_equal(e2->target, "实施天关山路(特大桥—G235)工程,完成总工程量50%)");
    assert_string_equal(e3->target, "完成天关山路(廊桥大道-新城大道)及老路连接段二期前期设计等工作。");
    assert_string_equal(e1->progress, "完成标段地质勘察、施工图设计及审查。完成年度任务70%)");
    assert_string_equal(e1->department, "县城建中心");
    assert_false(e1->department_carried);
    assert_string_equal(e2->department, "县城建中心");
    assert_true(e2->department_carried);
    assert_string_equal(e2->status_text, "提前完成年度任务");
    assert_true(e1->n_rates == 1 && e1->rates[0] == 70);
    assert_true(e2->n_rates == 1 && e2->rates[0] == 100);
    assert_true(e3->n_rates == 1 && e3->rates[0] == 60);
    /* The project reads as all its sub-items. */
    assert_non_null(strstr(p->content, "实施天关山路"));
    bl_model_free(m);
}

/* A department line before the next status belongs to the next entry. */
static void department_between_groups(void **state)
{
    (void)state;
    bl_model *m = read_fixture(county_rows);
    bl_project *p = seed_project(seed_list(m, 0), "3");
    assert_int_equal(p->n_entries, 2);
    assert_string_equal(seed_entry(p, 0)->department, "县住建局");
    assert_string_equal(seed_entry(p, 0)->progress,
                        "完成污水管网11公里。其中,完成西旸至三魁污水管网4公里;罗阳镇东部污水管网提升工程7公里。");
    assert_null(seed_entry(p, 0)->target);
    assert_string_equal(seed_entry(p, 1)->department, "罗阳镇");
    assert_string_equal(seed_entry(p, 1)->status_text, "已完成。");
    /* The stray "0" closing the page is nobody's detail. */
    assert_string_equal(seed_entry(p, 1)->progress,
                        "完成东门农贸市场、石龟背小区等管网改造施工。(完成年度任务90%)");
    bl_model_free(m);
}

static void lagging_row(void **state)
{
    (void)state;
    bl_model *m = read_fixture(county_rows);
    bl_entry *e = seed_entry(seed_project(seed_list(m, 0), "2"), 0);
    assert_string_equal(e->status_text, "未完成。");
    assert_true(e->behind);
    assert_string_equal(e->behind_reason, "该项目仍在开展前期工作");
    assert_true(e->n_rates == 1 && e->rates[0] == 50);
    assert_int_equal(e->rate_source, BL_RATE_TEXT);
    bl_model_free(m);
}

/* Two-line department, an empty merged cell (a lone NBSP), detail lines
 * that go on after one status (county #10), page chrome. */
static void two_line_department_and_chrome(void **state)
{
    (void)state;
    const char text[] =
        "2023年10月份政府民生实事项目进展情况\n\n"
        "发布日期:2023-11-21 11:00:03 浏览次数: 来源: 县府及县府办 字体:[ ]\n\n"
        "2023年10月县政府民生实事项目进展情况汇总表\n\n" HEADER
        "1\n\n建成乡镇供水站5个(仕阳镇董源村、龟湖镇新湖村)。\n\n"
        "温州公用事业发展集团泰顺水务有限公司\n\n(县综合行政执法局)\n\n"
        "提前完成年度任务。\n\n完成5个乡镇供水站建设\n\n"
        "2\n\n完成120急救中心项目提升;建成安宁疗护病房。\n\n卫生健康局\n\n\xc2\xa0\n\n"
        "提前完成年度任务。\n\n120急救项目:120急救车辆已投入使用\n\n"
        "安宁疗护病房建设:完成安宁疗护病房建设及医疗设备采购\n";
    bl_model *m = read_fixture(text);
    bl_document *d = m->documents;
    assert_string_equal(d->title, "2023年10月份政府民生实事项目进展情况");
    assert_string_equal(d->published, "2023-11-21");
    assert_string_equal(d->office, "县府及县府办");
    assert_int_equal(d->year, 2023);
    assert_int_equal(d->month, 10);
    bl_list *l = seed_list(m, 0);
    assert_string_equal(seed_entry(seed_project(l, "1"), 0)->department,
                        "温州公用事业发展集团泰顺水务有限公司(县综合行政执法局)");
    bl_project *p = seed_project(l, "2");
    assert_int_equal(p->n_entries, 1);
    assert_string_equal(seed_entry(p, 0)->department, "卫生健康局");
    assert_string_equal(seed_entry(p, 0)->progress,
                        "120急救项目:120急救车辆已投入使用\n安宁疗护病房建设:完成安宁疗护病房建设及医疗设备采购");
    bl_model_free(m);
}

/* ---- the whole seed ---- */

static void seed_lists(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_CELLS, false);
    bl_document *d = m->documents;
    assert_string_equal(d->format, "cells");
    assert_string_equal(d->published, "2023-11-21");
    assert_int_equal(d->year, 2023);
    assert_int_equal(d->month, 10);
    assert_int_equal(d->n_lists, 3);
    assert_int_equal(seed_list(m, 0)->n_projects, 44);
    assert_int_equal(seed_list(m, 1)->n_projects, 52);
    assert_int_equal(seed_list(m, 2)->n_projects, 31);
    assert_int_equal(seed_list(m, 0)->level, BL_LEVEL_PROVINCE);
    assert_int_equal(seed_list(m, 1)->level, BL_LEVEL_CITY);
    assert_int_equal(seed_list(m, 2)->level, BL_LEVEL_COUNTY);
    assert_string_equal(seed_list(m, 1)->title, "2023年10月市政府民生实事项目进展情况汇总");
    bl_model_free(m);
}

static void seed_every_entry_has_department(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_CELLS, false);
    size_t entries = 0, carried = 0;
    for (bl_list *l = m->documents->lists; l; l = l->next)
        for (bl_project *p = l->projects; p; p = p->next) {
            assert_true(p->n_entries >= 1);
            assert_non_null(p->content);
            for (bl_entry *e = p->entries; e; e = e->next) {
                assert_non_null(e->department);
                assert_non_null(e->status_text);
                entries++;
                carried += e->department_carried;
            }
        }
    assert_int_equal(entries, 44 + 54 + 37);
    assert_true(carried > 0);
    /* Province #2 takes 教育局 from #1 (merged cell). */
    bl_entry *e = seed_entry(seed_project(seed_list(m, 0), "2"), 0);
    assert_string_equal(e->department, "教育局");
    assert_true(e->department_carried);
    bl_model_free(m);
}

static void seed_rows(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_CELLS, false);
    bl_entry *e = seed_entry(seed_project(seed_list(m, 0), "4"), 0);
    assert_int_equal(e->n_rates, 2);
    assert_true(e->rates[0] == 215 && e->rates[1] == 214.75);
    assert_string_equal(e->status_text, "基本完成。");
    bl_project *p = seed_project(seed_list(m, 1), "33");
    assert_int_equal(p->n_entries, 3);
    for (bl_entry *x = p->entries; x; x = x->next)
        assert_string_equal(x->department, "县综合行政执法局");
    assert_string_equal(seed_entry(p, 2)->progress, "完成新农民强基(EPC)休闲广场工程建设。");
    p = seed_project(seed_list(m, 2), "3");
    assert_int_equal(p->n_entries, 2);
    assert_string_equal(seed_entry(p, 0)->department, "县住建局");
    assert_string_equal(seed_entry(p, 1)->department, "罗阳镇");
    /* Province #41's damaged "27月份起" (2)7月份起) stays detail. */
    e = seed_entry(seed_project(seed_list(m, 0), "41"), 0);
    assert_non_null(strstr(e->progress, "\n27月份起"));
    /* The last row keeps its detail and not the stray "0". */
    e = seed_entry(seed_project(seed_list(m, 2), "31"), 0);
    assert_string_equal(e->progress, "完成周边配套护栏等收尾工作,目前正在全力装修运动中心");
    bl_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(targets_of_sub_items),
        cmocka_unit_test(department_between_groups),
        cmocka_unit_test(lagging_row),
        cmocka_unit_test(two_line_department_and_chrome),
        cmocka_unit_test(seed_lists),
        cmocka_unit_test(seed_every_entry_has_department),
        cmocka_unit_test(seed_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
