/* test_read_kv.c - the key-value reader: short hand-written reports of each
 * shape it reads (records with labels, numbered prose, status buckets,
 * departments in parentheses, group headings), asserting the model. */
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
    assert_int_equal(seed_text(m, "fixture.txt", text, "kv", &err), BL_OK);
    return m;
}

static bl_entry *entry_of(bl_list *l, const char *seq)
{
    bl_entry *e = seed_entry(seed_project(l, seq), 0);
    assert_non_null(e);
    return e;
}

/* Labels on their own lines under the item's title; the next title closes
 * the record; a title cut off before its labels still names one. */
static void label_lines(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "某市2020年十件实事任务分解\n"
        "来源:某市督查室 字体:[ ]\n"
        "关键词 教育\n"
        "市区新增学位1万个。\n"
        "主管领导:张明\n"
        "责任单位:市教育局\n"
        "配合单位:市财政局、各县区政府\n"
        "进度安排:6月底前开工;12月底前完成。\n"
        "新建幼儿园20所。\n"
        "责任单位:市教育局\n"
        "主要责任人:王华\n"
        "新建、改建公园8个,\n");
    assert_string_equal(m->documents->title, "某市2020年十件实事任务分解");
    assert_string_equal(m->documents->office, "某市督查室");
    assert_int_equal(m->documents->year, 2020);
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 3);
    bl_entry *e = entry_of(l, "1");
    assert_string_equal(seed_project(l, "1")->content, "市区新增学位1万个");
    assert_string_equal(e->leader, "张明");
    assert_string_equal(e->department, "市教育局");
    /* A place is no co-operating unit. */
    assert_int_equal(e->n_co_departments, 1);
    assert_string_equal(e->co_departments[0], "市财政局");
    assert_string_equal(e->planned, "6月底前开工;12月底前完成");
    e = entry_of(l, "2");
    assert_non_null(e->extra);
    assert_string_equal(e->extra->name, "主要责任人");
    assert_string_equal(e->extra->value, "王华");
    assert_string_equal(seed_project(l, "3")->content, "新建、改建公园8个");
    assert_int_equal(m->documents->n_warnings, 1);
    bl_model_free(m);
}

/* Rates only where the progress states the completion; a progress that is
 * a bare status phrase is the status too. */
static void rates_and_status(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "(1)城区新建停车位500个\n"
        "责任单位:市城管局\n"
        "进展情况:已完成320个,完成率64%,覆盖率90%。\n"
        "(2)新建公厕20座\n"
        "牵头部门:市住建局\n"
        "责任领导:赵刚\n"
        "进展情况:已完成。\n");
    bl_list *l = seed_list(m, 0);
    bl_entry *e = entry_of(l, "1");
    assert_int_equal(e->n_rates, 1);
    assert_true(e->rates[0] == 64);
    assert_int_equal(e->rate_source, BL_RATE_TEXT);
    assert_null(e->status_text);
    e = entry_of(l, "2");
    assert_int_equal(e->n_rates, 0);
    assert_string_equal(e->leader, "赵刚");
    assert_string_equal(e->status_text, "已完成");
    bl_model_free(m);
}

/* A label alone on a line, its value on the next; zero-padded numbers. */
static void labels_without_colon(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "01\n项目名称\n新建城市公园\n责任单位\n市住建局\n进展情况\n已完成主体工程。\n"
        "02\n项目名称\n改造农贸市场\n责任单位\n市商务局\n进展情况\n进度滞后,征地未完成。\n");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    assert_string_equal(seed_project(l, "01")->content, "新建城市公园");
    bl_entry *e = entry_of(l, "02");
    assert_string_equal(e->department, "市商务局");
    assert_string_equal(e->progress, "进度滞后,征地未完成");
    assert_true(e->behind);
    bl_model_free(m);
    /* The title right under its number, without a label. */
    m = read_fixture("01\n新建城市公园\n责任单位\n市住建局\n02\n改造农贸市场\n责任单位\n市商务局\n");
    l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    assert_string_equal(seed_project(l, "02")->content, "改造农贸市场");
    assert_string_equal(entry_of(l, "02")->department, "市商务局");
    bl_model_free(m);
    /* A space between label and value; a header of labels is no record. */
    m = read_fixture(
        "项目名称 责任单位 进展情况\n"
        "项目名称 新建公园\n责任单位 市住建局\n进展情况 已完成主体工程。\n"
        "项目名称 改造市场\n责任单位 市商务局\n");
    l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    assert_string_equal(seed_project(l, "1")->content, "新建公园");
    assert_string_equal(entry_of(l, "2")->department, "市商务局");
    bl_model_free(m);
}

/* Values over several lines: a label alone (负责人 is kept as an extra
 * field by its name) takes the lines below it up to the next label; the
 * target field inline. */
static void values_over_lines(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "01\n项目名称\n新建城市公园\n目标任务:新建公园1个\n负责人\n李强\n王芳\n"
        "进展情况\n已完成主体工程,\n正在绿化。\n"
        "02\n项目名称\n改造农贸市场\n责任单位\n市商务局\n");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    bl_entry *e = entry_of(l, "01");
    assert_string_equal(e->target, "新建公园1个");
    assert_non_null(e->extra);
    assert_string_equal(e->extra->name, "负责人");
    assert_string_equal(e->extra->value, "李强\n王芳"); /* one span of the source */
    assert_string_equal(e->progress, "已完成主体工程,\n正在绿化");
    assert_string_equal(entry_of(l, "02")->department, "市商务局");
    bl_model_free(m);
    /* Places among the units are none: 镇街, 平台 dropped, 县区政府 kept. */
    m = read_fixture("(1)城区新建停车位500个\n责任单位:市城管局、镇街、平台、县区政府\n"
                     "进展情况:已建成320个。\n");
    e = entry_of(seed_list(m, 0), "1");
    assert_string_equal(e->department, "市城管局");
    assert_int_equal(e->n_co_departments, 1);
    assert_string_equal(e->co_departments[0], "县区政府");
    bl_model_free(m);
}

/* A whole record on one line: "序号:01 …", a unit named inline, 【label】. */
static void one_line_records(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "序号:01 新建公园 责任单位:县住建局 进展情况:已完成。\n"
        "序号:02 项目名称:改造市场 责任单位:县商务局 进展情况:进度滞后。\n"
        "新建道路,责任单位:县交通局,进展情况:完成率80%。\n"
        "【项目名称】新建学校【责任单位】县教育局【进展情况】正常推进\n");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 4);
    assert_string_equal(seed_project(l, "01")->content, "新建公园");
    assert_string_equal(entry_of(l, "01")->department, "县住建局");
    assert_string_equal(seed_project(l, "02")->content, "改造市场");
    assert_true(entry_of(l, "02")->behind);
    bl_entry *e = entry_of(l, "3");
    assert_string_equal(seed_project(l, "3")->content, "新建道路");
    assert_int_equal(e->n_rates, 1);
    e = entry_of(l, "4");
    assert_string_equal(seed_project(l, "4")->content, "新建学校");
    assert_string_equal(e->department, "县教育局");
    assert_string_equal(e->progress, "正常推进");
    assert_int_equal(m->documents->n_warnings, 0);
    bl_model_free(m);
}

/* "N、name,牵头单位:X。其中,…进度较慢的为…": what follows the unit is the
 * progress; a ranking of places is no list of projects. */
static void numbered_prose(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "某市1至6月份民生工程实施进度通报\n"
        "一、各县区综合排名\n"
        "1、甲县;2、乙区;3、丙县。\n"
        "二、部分项目进展情况\n"
        "1、技能培训,牵头单位:市人社局。其中,技能培训进度较慢的为甲县。\n"
        "2、养老服务,牵头单位:市民政局。\n");
    bl_document *d = m->documents;
    assert_int_equal(d->n_lists, 1);
    bl_list *l = seed_list(m, 0);
    assert_string_equal(l->title, "二、部分项目进展情况");
    assert_int_equal(l->n_projects, 2);
    bl_entry *e = entry_of(l, "1");
    assert_string_equal(seed_project(l, "1")->content, "技能培训");
    assert_string_equal(e->department, "市人社局");
    assert_string_equal(e->progress, "其中,技能培训进度较慢的为甲县");
    assert_true(e->behind);
    assert_string_equal(e->behind_reason, "技能培训进度较慢的为甲县");
    assert_false(entry_of(l, "2")->behind);
    bl_model_free(m);
}

/* Status buckets: the heading's status applies to its items; each bucket
 * is a list; the lead unit of "(责任单位:A、B,各县区政府)" is A. */
static void buckets(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "(一)提前完成任务指标有2项:新增就业1万人;改造农贸市场5家。\n"
        "(二)进度滞后的有2项:修建扶贫道路(责任单位:市扶贫办、市移民局,各县区政府);"
        "建设学校(责任单位:市教育局)。\n");
    bl_document *d = m->documents;
    assert_int_equal(d->n_lists, 2);
    bl_list *ahead = seed_list(m, 0);
    assert_int_equal(ahead->n_projects, 2);
    bl_entry *e = entry_of(ahead, "1");
    assert_string_equal(seed_project(ahead, "1")->content, "新增就业1万人");
    assert_string_equal(e->status_text, "提前完成");
    assert_false(e->behind);
    bl_list *slow = seed_list(m, 1);
    e = entry_of(slow, "1");
    assert_string_equal(seed_project(slow, "1")->content, "修建扶贫道路");
    assert_string_equal(e->department, "市扶贫办");
    assert_int_equal(e->n_co_departments, 1);
    assert_string_equal(e->co_departments[0], "市移民局");
    assert_true(e->behind);
    assert_string_equal(entry_of(slow, "2")->department, "市教育局");
    bl_model_free(m);
    /* The phrase that starts first: 未按序时, not 按序时推进. */
    m = read_fixture("(三)未按序时推进的有1项:修建水库(责任单位:市水利局)。\n");
    e = entry_of(seed_list(m, 0), "1");
    assert_string_equal(e->status_text, "未按序时");
    assert_true(e->behind);
    bl_model_free(m);
}

/* Items on their own lines under a heading, some without their marker. */
static void bucket_lines(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "现将有关情况通报如下:\n\n"
        "3项进度偏慢的重点工作为:\n\n"
        "①新增产值10亿元(责任单位:市经信局);\n\n"
        "新建农田600亩(责任单位:市农业农村局);\n\n"
        "确保完成投资5亿元(责任单位:经济开发区)。\n\n"
        "请各单位加快推进。\n");
    bl_list *l = seed_list(m, 0);
    assert_string_equal(l->title, "3项进度偏慢的重点工作为");
    assert_int_equal(l->n_projects, 3);
    assert_string_equal(entry_of(l, "2")->department, "市农业农村局");
    bl_entry *e = entry_of(l, "3");
    assert_string_equal(e->department, "经济开发区");
    assert_string_equal(e->status_text, "进度偏慢");
    assert_true(e->behind);
    bl_model_free(m);
}

/* Numbered lines under "…如下:", each closed by 。; two buckets in one
 * paragraph; fewer items than the heading states is a warning. */
static void bucket_shapes(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "进度滞后的项目如下:\n"
        "1.新建公园(责任单位:市住建局)。\n"
        "2.改造市场(责任单位:市商务局)。\n"
        "二、下一步工作\n"
        "其中,进度偏慢的2项分别是:改建厕所、新建幼儿园。市实事中,进展偏慢的3项分别是:"
        "城区老旧小区改造、防雷工程改造。\n");
    bl_document *d = m->documents;
    assert_int_equal(d->n_lists, 3);
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    assert_string_equal(entry_of(l, "2")->department, "市商务局");
    assert_true(entry_of(l, "2")->behind);
    assert_int_equal(seed_list(m, 1)->n_projects, 2);
    assert_int_equal(seed_list(m, 2)->n_projects, 2);
    assert_int_equal(d->n_warnings, 1);
    assert_int_equal(d->warnings->line, 5);
    bl_model_free(m);
}

/* Keyed units after 、-joined items, a co-unit in the lead's parentheses;
 * items after a bucket are not in it. */
static void after_bucket(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "进度滞后的2项分别是:新建公园(责任单位:市住建局)、"
        "改造市场(牵头单位:市商务局(配合单位:市财政局))。\n"
        "1.新建学校。牵头单位:市教育局。进展:已完成。\n");
    assert_int_equal(m->documents->n_lists, 2);
    bl_list *l = seed_list(m, 0);
    bl_entry *e = entry_of(l, "2");
    assert_string_equal(seed_project(l, "2")->content, "改造市场");
    assert_string_equal(e->department, "市商务局");
    assert_int_equal(e->n_co_departments, 1);
    assert_string_equal(e->co_departments[0], "市财政局");
    assert_string_equal(e->status_text, "进度滞后");
    e = entry_of(seed_list(m, 1), "1");
    assert_false(e->behind);
    assert_string_equal(e->department, "市教育局");
    assert_string_equal(e->progress, "已完成");
    bl_model_free(m);
}

/* One "(unit)" after a group of 、-joined items applies to each; a piece of
 * one or two characters is part of its neighbour; "等" is no part of a
 * name; a bare "(site)" that is no office of a level stays in the item. */
static void paren_groups(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "截至10月底,5项未完成的区级项目具体为:建设城市书房、百姓书屋(区文广局),"
        "新建、改扩建旅游厕所(区旅游局),开工建设安置房(区住建局等),"
        "建设污水站(甲乡污水处理站)。\n");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 5);
    assert_string_equal(seed_project(l, "2")->content, "百姓书屋");
    assert_string_equal(entry_of(l, "2")->department, "区文广局");
    assert_string_equal(seed_project(l, "3")->content, "新建、改扩建旅游厕所");
    assert_string_equal(entry_of(l, "4")->department, "区住建局");
    assert_string_equal(seed_project(l, "5")->content, "建设污水站(甲乡污水处理站)");
    assert_null(entry_of(l, "5")->department);
    assert_true(entry_of(l, "5")->behind);
    bl_model_free(m);
}

/* Items named before their heading; "资金等因素" names none. */
static void reverse_bucket(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "今年以来,全县民生实事总体顺利。其中,乡镇污水处理站建设、城区老旧小区改造等2个项目"
        "进度滞后,受资金等因素影响进度滞后。其余项目进展顺利。\n");
    assert_int_equal(m->documents->n_lists, 1);
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    assert_string_equal(seed_project(l, "1")->content, "乡镇污水处理站建设");
    assert_true(entry_of(l, "2")->behind);
    assert_string_equal(entry_of(l, "2")->status_text, "进度滞后");
    bl_model_free(m);
}

/* "进度较慢的项目,一是…,二是…" */
static void ordinal_bucket(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "二、实施进度情况\n"
        "目前,我县实施进度较慢的项目,一是乡镇污水处理设施建设,二是城镇老旧小区改造。\n");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    assert_string_equal(seed_project(l, "一")->content, "乡镇污水处理设施建设");
    assert_true(entry_of(l, "二")->behind);
    bl_model_free(m);
}

/* "N.title(完成):details" and a group heading "X(N项)". */
static void status_and_groups(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "一、区委办公室(共3项)\n"
        "1.领办项目:路灯修复项目。工作进展:目前全部更换完毕。\n"
        "2.建设幼儿园(完成):已于9月投用。\n"
        "区教育局:\n"
        "1.领办项目:校舍维修项目。工作进展:已完工。\n");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 3);
    assert_string_equal(l->projects->next->next->entries->department, "区教育局");
    bl_entry *e = entry_of(l, "1");
    assert_string_equal(seed_project(l, "1")->content, "路灯修复项目");
    assert_string_equal(e->department, "区委办公室");
    assert_string_equal(e->progress, "目前全部更换完毕");
    e = entry_of(l, "2");
    assert_string_equal(seed_project(l, "2")->content, "建设幼儿园");
    assert_string_equal(e->status_text, "完成");
    assert_string_equal(e->progress, "已于9月投用");
    /* The heading promised three. */
    assert_int_equal(m->documents->n_warnings, 1);
    bl_model_free(m);
}

/* Matching is on the key; the model holds the source's own text. */
static void text_as_printed(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "１、新建公园，改造广场，牵头单位：市住建局。其中，进度滞后。\n"
        "２、新增公交线路，牵头单位：市交通局。\n");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    assert_string_equal(seed_project(l, "1")->content, "新建公园，改造广场");
    bl_entry *e = entry_of(l, "1");
    assert_string_equal(e->department, "市住建局");
    assert_string_equal(e->progress, "其中，进度滞后");
    assert_true(e->behind);
    bl_model_free(m);
}

/* The seeds keep their readers; these shapes are claimed by kv. */
static void sniffing(void **state)
{
    (void)state;
    const char *seeds[] = {SEED_CELLS, SEED_PIPE, SEED_PROSE};
    const char *formats[] = {"cells", "pipe", "prose"};
    for (int i = 0; i < 3; i++) {
        bl_model *m = seed_model(seeds[i], false);
        assert_string_equal(m->documents->format, formats[i]);
        bl_model_free(m);
    }
    const char *kv = "1、技能培训,牵头单位:市人社局。\n2、养老服务,牵头单位:市民政局。\n";
    assert_true(bl_sniff_kv(kv, strlen(kv)) > bl_sniff_prose(kv, strlen(kv)));
    const char *slow = "其中,进度偏慢的2项分别是:改建厕所、新建幼儿园。\n";
    assert_true(bl_sniff_kv(slow, strlen(slow)) >= 50);
    const char *plain = "今年我市民生实事进展顺利。全年完成投资10亿元。\n";
    assert_int_equal(bl_sniff_kv(plain, strlen(plain)), 0);
}

/* Nothing of the shape: an error, not an empty model. */
static void nothing_found(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_error err = {0};
    assert_int_equal(seed_text(m, "x.txt", "今年进展顺利。\n", "kv", &err), BL_EINPUT);
    assert_int_equal(m->n_documents, 0);
    bl_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(label_lines),     cmocka_unit_test(rates_and_status),
        cmocka_unit_test(labels_without_colon), cmocka_unit_test(values_over_lines),
        cmocka_unit_test(one_line_records), cmocka_unit_test(numbered_prose),  cmocka_unit_test(buckets),
        cmocka_unit_test(bucket_lines),    cmocka_unit_test(bucket_shapes),
        cmocka_unit_test(after_bucket),    cmocka_unit_test(paren_groups),
        cmocka_unit_test(reverse_bucket),  cmocka_unit_test(ordinal_bucket),  cmocka_unit_test(status_and_groups),
        cmocka_unit_test(text_as_printed), cmocka_unit_test(sniffing),
        cmocka_unit_test(nothing_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
