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


/* ---- the narrative shapes ---- */

static bl_indicator *nth_indicator(bl_model *m, size_t k)
{
    bl_indicator *i = m->documents->indicators;
    for (; i && k > 0; k--)
        i = i->next;
    assert_non_null(i);
    return i;
}

/* Targets 1、2、 then progress 1、2、 again: each section is one item. */
static void two_level_lists(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "一、各项目实施进展情况\n(一)就业行动\n年度任务\n1、创建社区10个;\n2、培训200人;\n"
        "工作进展情况\n1、创建社区10个,已完成目标任务的100%。\n2、培训180人,完成率90%。\n"
        "(二)托育行动\n年度任务\n1、新增托位50个;\n工作进展情况\n1、新增托位50个,已完成目标任务的100%。\n");
    assert_int_equal(m->documents->n_indicators, 2);
    bl_indicator *i = nth_indicator(m, 0);
    assert_string_equal(i->name, "就业行动");
    assert_string_equal(i->seq, "一");
    assert_true(i->n_rates == 2 && i->rates[0] == 100 && i->rates[1] == 90);
    assert_string_equal(nth_indicator(m, 1)->name, "托育行动");
    bl_model_free(m);
}

/* Full-width punctuation stays as printed; the name ends at the colon;
 * a threshold (4.0%以内) is no rate. */
static void numbered_as_printed(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "一、实事的进展情况\n（一）完成事项情况\n1、创业就业工程：新增就业9789人，城镇登记失业率控制在4.0%以内。\n"
        "2、基础设施建设：投资520万元，完成率达100％。\n");
    assert_int_equal(m->documents->n_indicators, 2);
    bl_indicator *i = nth_indicator(m, 0);
    assert_string_equal(i->section, "完成事项情况");
    assert_string_equal(i->name, "创业就业工程");
    assert_string_equal(i->text, "新增就业9789人，城镇登记失业率控制在4.0%以内。");
    assert_int_equal(i->n_rates, 0);
    i = i->next;
    assert_true(i->n_rates == 1 && i->rates[0] == 100);
    bl_model_free(m);
}

static void ordinal_sections(void **state)
{
    (void)state;
    bl_model *m = read_fixture("某街道民生实事项目完成情况报告\n第一项:公园改造工程。\n\n"
                               "该项目总投资100万元,已于9月完工。\n\n第二项:道路大修工程。\n\n"
                               "该项目已于10月完工。\n");
    assert_int_equal(m->documents->n_indicators, 2);
    bl_indicator *i = nth_indicator(m, 0);
    assert_string_equal(i->seq, "一");
    assert_string_equal(i->name, "公园改造工程");
    assert_string_equal(i->text, "该项目总投资100万元,已于9月完工。");
    bl_model_free(m);
}

/* "一、" headings alone on their line, each leading one paragraph; the
 * closing words and the site's residue after the last are no text. */
static void part_lines(void **state)
{
    (void)state;
    bl_model *m = read_fixture("某乡民生实事项目实施情况的报告\n今年项目2个。各项顺利推进。\n"
                               "一、公园建设项目完成情况\n总投资30万元,现已完工。\n"
                               "二、道路提升项目完成情况\n总投资20万元,现已建成使用。\n"
                               "各位代表,民生实事是人民幸福之基。\n标签:\n");
    assert_int_equal(m->documents->n_indicators, 2);
    bl_indicator *i = nth_indicator(m, 1);
    assert_string_equal(i->seq, "二");
    assert_string_equal(i->name, "道路提升项目完成情况");
    assert_string_equal(i->text, "总投资20万元,现已建成使用。");
    bl_model_free(m);
}

/* Headings on their own line, one wrapped over two; the last paragraph
 * cut off mid-sentence gives a warning. Coverage is no rate. */
static void heading_lines(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        "时间:2022-02-10 来源:新闻\n今年各项实事全面完成。记者获悉。\n开展妇女两癌筛查、\n产前筛查\n"
        "全年完成筛查10万人,分别占年度目标任务的101.5%、104%。覆盖率达到69%。\n推进老旧小区改造\n"
        "完成改造7万户,占年度目标任务的143%。\n扩大网络覆盖面\n新建基站5万个,占年度目标任");
    bl_document *d = m->documents;
    assert_int_equal(d->n_indicators, 3);
    bl_indicator *i = nth_indicator(m, 0);
    assert_string_equal(i->name, "开展妇女两癌筛查、产前筛查");
    assert_true(i->n_rates == 2 && i->rates[0] == 101.5 && i->rates[1] == 104);
    assert_true(nth_indicator(m, 1)->rates[0] == 143);
    assert_int_equal(nth_indicator(m, 2)->n_rates, 0);
    assert_int_equal(d->n_warnings, 1);
    assert_int_equal(d->warnings->line, 9);
    bl_model_free(m);
}

/* "關於…。" topics, traditional as printed; 一是/二是 stay in the text. */
static void topics(void **state)
{
    (void)state;
    bl_model *m = read_fixture("省政府通報了進展情況。\n關於提高低保水平。一是提高補助。二是落實補貼。\n"
                               "關於新增城鎮就業。截至11月底,全省新增就業125萬人。\n");
    assert_int_equal(m->documents->n_indicators, 2);
    bl_indicator *i = nth_indicator(m, 1);
    assert_string_equal(i->name, "新增城鎮就業");
    assert_string_equal(i->text, "截至11月底,全省新增就業125萬人。");
    assert_string_equal(nth_indicator(m, 0)->text, "一是提高補助。二是落實補貼。");
    bl_model_free(m);
}

static void bullets(void **state)
{
    (void)state;
    bl_model *m = read_fixture("全省民生实事进展顺利。\n●就业方面:新增就业10万人,完成年度任务的41.3%。\n"
                               "●医疗方面:目标人群覆盖率65.83%,开工率达30%以上。\n");
    assert_int_equal(m->documents->n_indicators, 2);
    bl_indicator *i = nth_indicator(m, 0);
    assert_string_equal(i->name, "就业方面");
    assert_true(i->n_rates == 1 && i->rates[0] == 41.3);
    assert_int_equal(i->next->n_rates, 0);
    bl_model_free(m);
    m = read_fixture("全市实事进展顺利。\n【教育惠民】新增学位2000个,完成率100%。\n【交通出行】新建道路5公里。\n");
    assert_int_equal(m->documents->n_indicators, 2);
    assert_string_equal(nth_indicator(m, 0)->name, "教育惠民");
    assert_string_equal(nth_indicator(m, 0)->text, "新增学位2000个,完成率100%。");
    bl_model_free(m);
}

/* A ';' list after 分别是: each clause an item named before its comma,
 * '为任务的NN%' its rate, a 处理率 a figure. */
static void listed_clauses(void **state)
{
    (void)state;
    bl_model *m = read_fixture("经考核,有3个指标超额完成任务,分别是:改造公路3290公里,为任务的164.5%;"
                               "垃圾处理率达65.4%,超任务9.4个百分点;新增就业71.6万人,为任务的119.3%。"
                               "各单位均考核达标。");
    assert_int_equal(m->documents->n_indicators, 3);
    bl_indicator *i = nth_indicator(m, 0);
    assert_string_equal(i->name, "改造公路3290公里");
    assert_true(i->n_rates == 1 && i->rates[0] == 164.5);
    assert_int_equal(i->next->n_rates, 0);
    assert_true(i->next->next->rates[0] == 119.3);
    bl_model_free(m);
}

/* Names in a 其中…、…等 list; the paragraph printed twice counts once. */
static void named_list_once(void **state)
{
    (void)state;
    static const char para[] = "1-7月份,全区100项实事推进,97个项目达序时进度。其中,小学建设、"
                               "初中(幼儿园)建设、农园改造等項目進展較快。\n下一步,区发改局将督促。\n";
    char text[1024];
    snprintf(text, sizeof text, "%s%s", para, para);
    bl_model *m = read_fixture(text);
    assert_int_equal(m->documents->n_indicators, 3);
    assert_string_equal(nth_indicator(m, 1)->name, "初中(幼儿园)建设");
    assert_string_equal(nth_indicator(m, 2)->name, "农园改造");
    bl_model_free(m);
}

/* "A、B、C等3项完成率分别达…": the rates zipped to the names; a count
 * that disagrees with the names ("等2项" after three) reads nothing. */
static void counted_list(void **state)
{
    (void)state;
    bl_model *m = read_fixture("保障类实事快速推进。其中法律援助、送戏下乡、老有所学行动等3项完成率分别达"
                               "38%、64%、99%;噪声、油烟、异味整改等2项动态达标。");
    assert_int_equal(m->documents->n_indicators, 3);
    bl_indicator *i = nth_indicator(m, 2);
    assert_string_equal(i->name, "老有所学行动");
    assert_true(i->n_rates == 1 && i->rates[0] == 99);
    bl_model_free(m);
}

/* News prose: each clause stating its own completion rate is an item; a
 * rate after a count of items sums up, and a budget share is a figure. */
static void rated_clauses(void **state)
{
    (void)state;
    bl_model *m = read_fixture("记者获悉,20件民生实事已完成4件,完成率20%。预算下达1107亿元,占预算安排的79%。"
                               "一季度民生实事综合完成率为39.32%。3个重大项目完成投资5.11亿元,投资完成率182%。"
                               "城市低保对象月人均补助达到236元,占目标任务的102.61%;"
                               "农村低保对象月人均补助达到118元,占目标任务的107.27%。");
    assert_int_equal(m->documents->n_indicators, 2);
    bl_indicator *i = nth_indicator(m, 0);
    assert_string_equal(i->name, "城市低保对象月人均补助达到236元");
    assert_true(i->n_rates == 1 && i->rates[0] == 102.61);
    bl_model_free(m);
}

/* Letter-spaced text states the same rate. */
static void letter_spaced(void **state)
{
    (void)state;
    bl_model *m = read_fixture("全省实事全面完成。减免学前幼儿保 教 费 ,完 成 年 度 目 标 任 务 的110.11%;"
                               "提供生活费补助,完成年度目标任务的 103.45%。");
    assert_int_equal(m->documents->n_indicators, 2);
    assert_true(nth_indicator(m, 0)->n_rates == 1 && nth_indicator(m, 0)->rates[0] == 110.11);
    assert_true(nth_indicator(m, 1)->rates[0] == 103.45);
    bl_model_free(m);
}

/* Sections of prose without numbered items: each section is an item. */
static void bare_sections(void **state)
{
    (void)state;
    bl_model *m = read_fixture("截至6月底,我县实事进展如下:\n(一)促進(jìn)就業(yè)。新增就业2519人;培训3710人次。\n"
                               "(二)社会保障。公墓项目已完成选址。\n");
    assert_int_equal(m->documents->n_indicators, 2);
    bl_indicator *i = nth_indicator(m, 0);
    assert_string_equal(i->name, "促進(jìn)就業(yè)");
    assert_string_equal(i->text, "新增就业2519人;培训3710人次。");
    bl_model_free(m);
}

/* "一是…,二是…" in a sentence; "一、基本情况" is a part of the report,
 * not an item. */
static void shi_list(void **state)
{
    (void)state;
    bl_model *m = read_fixture("一、基本情况\n全县实事推进有序。\n二、实施进度情况\n目前进度较慢的项目,"
                               "一是污水处理设施建设(某乡污水站),二是老旧小区改造,三是免费婚检。\n");
    assert_int_equal(m->documents->n_indicators, 3);
    bl_indicator *i = nth_indicator(m, 0);
    assert_string_equal(i->seq, "一");
    assert_string_equal(i->name, "污水处理设施建设(某乡污水站)");
    assert_string_equal(nth_indicator(m, 2)->name, "免费婚检");
    bl_model_free(m);
}

/* A labelled date titles nothing: the title is the first title line, and
 * names the period. */
static void title_line(void **state)
{
    (void)state;
    bl_model *m = read_fixture("首页 > 通知公告\n2021年某乡民生实事项目实施情况的报告\n发布时间:2022-01-05\n"
                               "一、公园建设项目完成情况\n总投资30万元,现已完工。\n"
                               "二、道路提升项目完成情况\n总投资20万元,现已建成使用。\n");
    bl_document *d = m->documents;
    assert_string_equal(d->title, "2021年某乡民生实事项目实施情况的报告");
    assert_string_equal(d->published, "2022-01-05");
    assert_int_equal(d->year, 2021);
    assert_int_equal(d->n_indicators, 2);
    bl_model_free(m);
}

/* Numbered lines "1.…" without sections; "1.5万" numbers nothing. */
static void numbered_lines(void **state)
{
    (void)state;
    bl_model *m = read_fixture("今年实事进展顺利。各项均已启动。\n1.城镇新增就业。完成1.5万人,完成率120%。\n"
                               "2、老旧小区改造:完成改造15个,完成年度任务的75%。\n");
    assert_int_equal(m->documents->n_indicators, 2);
    bl_indicator *i = nth_indicator(m, 0);
    assert_string_equal(i->seq, "1");
    assert_string_equal(i->name, "城镇新增就业");
    assert_string_equal(i->text, "完成1.5万人,完成率120%。");
    assert_true(i->n_rates == 1 && i->rates[0] == 120);
    assert_string_equal(i->next->name, "老旧小区改造");
    assert_true(i->next->rates[0] == 75);
    bl_model_free(m);
}

/* Pieces closed by their rate in brackets; the time benchmark
 * "时序进度(91.67%)" is none. */
static void paren_rates(void **state)
{
    (void)state;
    bl_model *m = read_fixture("剩余3项中,2个养老机构建设已完成1个(50%)、15个幸福院建设已完成8个(53%),"
                               "老旧小区改造正在施工中(90%)。已达到时序进度(91.67%)以上的项目25个。");
    assert_int_equal(m->documents->n_indicators, 3);
    bl_indicator *i = nth_indicator(m, 1);
    assert_string_equal(i->name, "15个幸福院建设已完成8个");
    assert_true(i->n_rates == 1 && i->rates[0] == 53);
    bl_model_free(m);
}

/* One clause, two items: names before 分别, rates after it. */
static void each_rate(void **state)
{
    (void)state;
    bl_model *m = read_fixture("教育实事完成较好。为20万名学生提供生活费补助、32万名学生提供营养膳食补助,"
                               "分别完成年度目标任务的116.95%、108.61%。");
    assert_int_equal(m->documents->n_indicators, 2);
    bl_indicator *i = nth_indicator(m, 1);
    assert_string_equal(i->name, "32万名学生提供营养膳食补助");
    assert_true(i->n_rates == 1 && i->rates[0] == 108.61);
    bl_model_free(m);
}

/* Names glued to their rate, and names before "完成率分别为". */
static void rated_pieces(void **state)
{
    (void)state;
    bl_model *m = read_fixture("9项工程类实事中,2项进展较快:安心托幼行动完成率35%、工会驿站建设完成率100%;"
                               "稳定就业行动、健康口腔行动完成率分别为12.6%、23%。");
    assert_int_equal(m->documents->n_indicators, 4);
    assert_string_equal(nth_indicator(m, 0)->name, "安心托幼行动");
    assert_true(nth_indicator(m, 0)->rates[0] == 35);
    bl_indicator *i = nth_indicator(m, 3);
    assert_string_equal(i->name, "健康口腔行动");
    assert_true(i->n_rates == 1 && i->rates[0] == 23);
    bl_model_free(m);
}

/* Prose claims narrative text, and only weakly records labelled with
 * their department (the kv reader's). */
static void sniffing(void **state)
{
    (void)state;
    static const char story[] = "一、总体情况\n全县实事推进。各项顺利。\n二、下步打算\n继续推进。";
    static const char records[] = "一、进展情况\n1、新建公园,牵头单位:县住建局。已完工。\n"
                                  "2、新建学校,牵头单位:县教育局。已开工。\n3、新建道路,牵头单位:县交通局。";
    assert_int_equal(bl_sniff_prose(story, strlen(story)), 60);
    assert_true(bl_sniff_prose(records, strlen(records)) <= 25);
    assert_int_equal(bl_sniff_prose("短文", strlen("短文")), 0);
}

/* "(1)" numbers items too: in a section and opening a line. */
static void bracket_numbers(void **state)
{
    (void)state;
    bl_model *m = read_fixture("一、进展情况\n(一)教育方面。(1)新增学位。完成2000个,完成率100%。"
                               "(2)校舍改造(2023年度)。完成率达80%。\n");
    assert_int_equal(m->documents->n_indicators, 2);
    bl_indicator *i = nth_indicator(m, 1);
    assert_string_equal(i->section, "教育");
    assert_string_equal(i->seq, "2");
    assert_string_equal(i->name, "校舍改造(2023年度)");
    assert_true(i->rates[0] == 80);
    bl_model_free(m);
    m = read_fixture("全县实事推进。各项顺利。\n(1)新建公园。已完工。\n(2)新建道路。完成率90%。\n");
    assert_int_equal(m->documents->n_indicators, 2);
    assert_string_equal(nth_indicator(m, 0)->name, "新建公园");
    bl_model_free(m);
}

/* A summary of counts only: the reader says it found no project list. */
static void summary_only(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_error err = {0};
    assert_int_equal(seed_text(m, "summary.txt",
                               "关于10月份民生实事项目进展情况的通报\n全县65件民生实事已完成26件,完成率40%。"
                               "开工率达100%。下一步,各牵头单位要抓进度。\n附件:\n",
                               NULL, &err),
                     BL_EINPUT);
    assert_non_null(strstr(err.message, "no project list found"));
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
        cmocka_unit_test(two_level_lists),
        cmocka_unit_test(numbered_as_printed),
        cmocka_unit_test(ordinal_sections),
        cmocka_unit_test(part_lines),
        cmocka_unit_test(heading_lines),
        cmocka_unit_test(topics),
        cmocka_unit_test(bullets),
        cmocka_unit_test(listed_clauses),
        cmocka_unit_test(named_list_once),
        cmocka_unit_test(counted_list),
        cmocka_unit_test(rated_clauses),
        cmocka_unit_test(letter_spaced),
        cmocka_unit_test(bare_sections),
        cmocka_unit_test(shi_list),
        cmocka_unit_test(title_line),
        cmocka_unit_test(numbered_lines),
        cmocka_unit_test(paren_rates),
        cmocka_unit_test(each_rate),
        cmocka_unit_test(rated_pieces),
        cmocka_unit_test(sniffing),
        cmocka_unit_test(bracket_numbers),
        cmocka_unit_test(summary_only),
        cmocka_unit_test(seed_sections),
        cmocka_unit_test(seed_major_projects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
