/* test_read_prose.c - the narrative reader: passages quoted from
 * examples/004, then the whole seed against issue 2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "seeds.h"

static bl_model *read_fixture(const char *text)
{
    bl_model *m = bl_model_new();
    bl_error err = {0};
    assert_int_equal(seed_text(m, "fixture.txt", text, "prose", &err), BL_OK);
    return m;
}

static const char learning[] =
    "平阳县公共服务“七优享”工程情况汇报 2024年4月30日 县府办 近年来,我县聚焦打造高质量发展。"
    " 二、2024年一季度完成情况 (三)学有优教方面。涉及3个重点指标。1.职业教育培训人次。"
    "今年我县目标任务为1.56万人次。一季度我县已开展职业教育培训4782人次,完成第一季度目标的183.9%。"
    "2.通过国家学前教育普及普惠县省级评估认定。我县已于2023年顺利通过省级督导评估,今年目标为通过国家认定。"
    "三是通过国家义务教育优质均衡发展县省级评估。目前,已成立创建工作领导小组。"
    " (四)劳有所得方面。涉及2个重点指标。1.安薪指数。第一季度我县安薪指数达96.126%,已达季度目标。"
    "2.调查失业率。一季度省人社厅未对外公布。 三、存在问题 一是公共服务供需均衡发展还不够到位。";

static void heading(void **state)
{
    (void)state;
    bl_model *m = read_fixture(learning);
    bl_document *d = m->documents;
    assert_string_equal(d->title, "平阳县公共服务“七优享”工程情况汇报");
    assert_string_equal(d->published, "2024-04-30");
    assert_string_equal(d->office, "县府办");
    assert_int_equal(d->year, 2024);
    assert_int_equal(d->month, 3); /* 一季度 ends in March */
    bl_model_free(m);
}

/* "三是" numbers the third indicator; decimals (1.56) number nothing. */
static void indicators(void **state)
{
    (void)state;
    bl_model *m = read_fixture(learning);
    bl_document *d = m->documents;
    assert_int_equal(d->n_indicators, 5);
    bl_indicator *i = d->indicators;
    assert_string_equal(i->section, "学有优教");
    assert_string_equal(i->seq, "1");
    assert_string_equal(i->name, "职业教育培训人次");
    assert_int_equal(i->n_rates, 1);
    assert_true(i->rates[0] == 183.9);
    assert_int_equal(i->n_values, 3);
    assert_true(i->values[0] == 1.56 && i->values[1] == 4782);
    i = i->next->next;
    assert_string_equal(i->seq, "三");
    assert_string_equal(i->name, "通过国家义务教育优质均衡发展县省级评估");
    assert_string_equal(i->text, "目前,已成立创建工作领导小组。");
    i = i->next;
    assert_string_equal(i->section, "劳有所得");
    assert_string_equal(i->name, "安薪指数");
    /* The part heading "三、存在问题" ends the last section. */
    assert_string_equal(i->next->text, "一季度省人社厅未对外公布。");
    bl_model_free(m);
}

static void major_projects(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "情况汇报 2024年4月30日 县府办 现将有关情况汇报如下: 一、2023年工作完成情况 "
        "一是重大项目稳步推进。3个重大项目年度计划投资2.8亿元,完成投资5.11亿元,投资完成率182%,"
        "其中,县妇幼保健院年度计划投资1.3亿元,完成投资1.955亿元,完成率150%;"
        "县体育场项目年度计划投资1亿元,完成投资1.65亿元,完成率165%;二是民生实事项目提前完成。");
    bl_list *l = seed_list(m, 0);
    assert_string_equal(l->title, "2023年重大项目");
    assert_int_equal(l->level, BL_LEVEL_COUNTY);
    assert_int_equal(l->n_projects, 2); /* the aggregate is no project */
    bl_project *p = seed_project(l, "1");
    assert_string_equal(p->content, "县妇幼保健院");
    bl_entry *e = seed_entry(p, 0);
    assert_string_equal(e->planned, "年度计划投资1.3亿元");
    assert_string_equal(e->progress, "完成投资1.955亿元");
    assert_true(e->has_investment);
    assert_true(e->investment_planned == 1.3 && e->investment_actual == 1.955);
    assert_string_equal(e->investment_unit, "亿元");
    assert_true(e->n_rates == 1 && e->rates[0] == 150);
    assert_int_equal(e->rate_source, BL_RATE_TEXT);
    bl_model_free(m);
}

static void nothing_to_read(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_error err = {0};
    assert_int_equal(seed_text(m, "essay.txt",
                               "一、总体情况。今年天气很好。大家都很开心。我们继续努力。明天会更好。没有编号。",
                               "prose", &err),
                     BL_EINPUT);
    assert_string_equal(err.file, "essay.txt");
    assert_int_equal(m->n_documents, 0);
    bl_model_free(m);
}

/* ---- the whole seed ---- */

static void seed_sections(void **state)
{
    (void)state;
    static const struct {
        const char *section;
        int count;
    } want[] = {{"幼有善育", 3}, {"学有优教", 3}, {"劳有所得", 2}, {"病有良医", 6},
                {"住有宜居", 4}, {"老有康养", 5}, {"弱有众扶", 4}};
    bl_model *m = seed_model(SEED_PROSE, false);
    bl_document *d = m->documents;
    assert_string_equal(d->format, "prose");
    assert_string_equal(d->published, "2024-04-30");
    assert_int_equal(d->n_indicators, 27);
    bl_indicator *i = d->indicators;
    for (size_t s = 0; s < sizeof want / sizeof *want; s++)
        for (int k = 1; k <= want[s].count; k++, i = i->next) {
            assert_non_null(i);
            assert_string_equal(i->section, want[s].section);
            assert_true(strlen(i->name) > 0);
        }
    assert_null(i);
    bl_model_free(m);
}

static void seed_major_projects(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_PROSE, false);
    bl_list *l = seed_list(m, 0);
    assert_int_equal(m->documents->n_lists, 1);
    assert_int_equal(l->n_projects, 3);
    const double rates[] = {150, 165, 300}, planned[] = {1.3, 1, 0.5},
                 actual[] = {1.955, 1.65, 1.5};
    const char *names[] = {"县妇幼保健院", "县体育场项目", "平阳新湖学校新建工程"};
    int k = 0;
    for (bl_project *p = l->projects; p; p = p->next, k++) {
        assert_string_equal(p->content, names[k]);
        assert_true(p->entries->rates[0] == rates[k]);
        assert_true(p->entries->investment_planned == planned[k]);
        assert_true(p->entries->investment_actual == actual[k]);
    }
    bl_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(heading),
        cmocka_unit_test(indicators),
        cmocka_unit_test(major_projects),
        cmocka_unit_test(nothing_to_read),
        cmocka_unit_test(seed_sections),
        cmocka_unit_test(seed_major_projects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
