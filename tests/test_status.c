/* test_status.c - status classes and lagging wording on real cells of the
 * seeds (examples/000: status cells; examples/002: the 完成率 column), the
 * vocabulary of data/status.json case by case, status columns, an office's
 * own vocabulary file, and analysis with it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "status.h"
#include "textkey.h"

static void classify_phrases(void **state)
{
    (void)state;
    assert_int_equal(bl_status_classify("提前完成年度任务。"), BL_STATUS_AHEAD);
    assert_int_equal(bl_status_classify("提前完成年度任务"), BL_STATUS_AHEAD);
    assert_int_equal(bl_status_classify("超额完成"), BL_STATUS_AHEAD);
    assert_int_equal(bl_status_classify("已完成。"), BL_STATUS_DONE);
    assert_int_equal(bl_status_classify("已全部完成。"), BL_STATUS_DONE);
    assert_int_equal(bl_status_classify("已全部安装完成。"), BL_STATUS_DONE);
    assert_int_equal(bl_status_classify("基本完成。"), BL_STATUS_MOSTLY_DONE);
    assert_int_equal(bl_status_classify("部分完成。"), BL_STATUS_PARTIAL);
    assert_int_equal(bl_status_classify("按序时推进"), BL_STATUS_ON_SCHEDULE);
    assert_int_equal(bl_status_classify("正常推进"), BL_STATUS_ON_SCHEDULE);
    assert_int_equal(bl_status_classify("按计划推进"), BL_STATUS_ON_SCHEDULE);
    assert_int_equal(bl_status_classify("滞后进度。"), BL_STATUS_BEHIND);
    assert_int_equal(bl_status_classify("慢序时"), BL_STATUS_BEHIND);
    assert_int_equal(bl_status_classify("推进缓慢"), BL_STATUS_BEHIND);
    assert_int_equal(bl_status_classify("完成安装"), BL_STATUS_UNKNOWN);
    assert_int_equal(bl_status_classify(NULL), BL_STATUS_UNKNOWN);
}

/* Phrases that contain the words of another class. */
static void classify_overlaps(void **state)
{
    (void)state;
    assert_int_equal(bl_status_classify("未完成。"), BL_STATUS_NOT_DONE);
    assert_int_equal(bl_status_classify("未按计划推进"), BL_STATUS_BEHIND);
    assert_int_equal(bl_status_classify("慢序时推进"), BL_STATUS_BEHIND);
    assert_int_equal(bl_status_classify("基本完成"), BL_STATUS_MOSTLY_DONE);
    assert_int_equal(bl_status_classify("未完成,滞后进度"), BL_STATUS_NOT_DONE);
}

static void status_cells(void **state)
{
    (void)state;
    assert_true(bl_status_is_phrase("提前完成年度任务。"));
    assert_true(bl_status_is_phrase("已完成。"));
    assert_true(bl_status_is_phrase("未完成。"));
    assert_true(bl_status_is_phrase("滞后进度"));
    /* Progress text, not a status cell (examples/002 #16, examples/000). */
    assert_false(bl_status_is_phrase("已完成创建,等待省局验收"));
    assert_false(bl_status_is_phrase("完成15所校园安全标准化建设。"));
    assert_false(bl_status_is_phrase("已完成,全额资助困难群众参保13800人。"));
    assert_false(bl_status_is_phrase("县住建局"));
    assert_false(bl_status_is_phrase(NULL));
}

static void says_behind(void **state)
{
    (void)state;
    assert_true(bl_text_says_behind(
        "截至10月初,该项目仍在开展前期工作,进度严重滞后。(完成年度任务50%)"));
    assert_true(bl_text_says_behind("63%,育英路未按计划完工,滞后进度"));
    assert_false(bl_text_says_behind("完成主干道沥青铺设和绿化种植。(完成年度任务90%)"));
    assert_false(bl_text_says_behind(NULL));
}

static void behind_reasons(void **state)
{
    (void)state;
    bl_arena *a = bl_arena_new();
    assert_string_equal(bl_behind_reason(a, "63%,育英路未按计划完工,滞后进度"),
                        "育英路未按计划完工");
    assert_string_equal(bl_behind_reason(a, "45%,建设量未达节点要求,滞后进度。"),
                        "建设量未达节点要求");
    assert_string_equal(bl_behind_reason(a, "63%,尚处招标阶段,未开工建设,滞后进度。"),
                        "尚处招标阶段,未开工建设");
    /* The lagging clause is its own reason when nothing precedes it. */
    assert_string_equal(bl_behind_reason(a, "63%,乐昌小区工程进度滞后,滞后进度。"),
                        "乐昌小区工程进度滞后");
    /* Dates are no reason (examples/000, county #2). */
    assert_string_equal(
        bl_behind_reason(a, "截至10月初,该项目仍在开展前期工作,进度严重滞后。(完成年度任务50%)"),
        "该项目仍在开展前期工作");
    assert_null(bl_behind_reason(a, "72%"));
    assert_null(bl_behind_reason(a, "滞后进度"));
    bl_arena_free(a);
}

/* The vocabulary, case by case: a text, the class of it as a status cell,
 * the class read from it as progress text (no status cell), whether it says
 * the work lags, and the reason given (NULL: none). */
typedef struct status_case {
    const char *text;
    bl_status_class phrase;
    bl_status_class progress;
    bool behind;
    const char *reason;
} status_case;

#define U BL_STATUS_UNKNOWN
#define AHEAD BL_STATUS_AHEAD
#define DONE BL_STATUS_DONE
#define MOSTLY BL_STATUS_MOSTLY_DONE
#define PARTIAL BL_STATUS_PARTIAL
#define NOT_DONE BL_STATUS_NOT_DONE
#define ON BL_STATUS_ON_SCHEDULE
#define BEHIND BL_STATUS_BEHIND

static const status_case cases[] = {
    /* The phrases the C code knew. */
    {"提前完成年度任务。", AHEAD, AHEAD, false, NULL},
    {"超额完成", AHEAD, AHEAD, false, NULL},
    {"已完成。", DONE, DONE, false, NULL},
    {"已全部完成。", DONE, DONE, false, NULL},
    {"已全部安装完成。", DONE, DONE, false, NULL},
    {"基本完成。", MOSTLY, MOSTLY, false, NULL},
    {"部分完成。", PARTIAL, PARTIAL, false, NULL},
    {"未完成。", NOT_DONE, NOT_DONE, true, NULL},
    {"按序时推进", ON, ON, false, NULL},
    {"正常推进", ON, ON, false, NULL},
    {"按计划推进", ON, ON, false, NULL},
    {"滞后进度。", BEHIND, BEHIND, true, NULL},
    {"慢序时", BEHIND, BEHIND, true, NULL},
    {"推进缓慢", BEHIND, BEHIND, true, NULL},
    {"进度缓慢", BEHIND, BEHIND, true, NULL},
    {"未按计划推进", BEHIND, BEHIND, true, NULL},
    {"未按序时推进", BEHIND, BEHIND, true, NULL},
    /* The phrases of the issue. */
    {"序时推进", ON, ON, false, NULL},
    {"按时序推进", ON, ON, false, NULL},
    {"达到时间进度", ON, ON, false, NULL},
    {"超时间进度", AHEAD, AHEAD, false, NULL},
    {"顺利推进", ON, ON, false, NULL},
    {"有序推进", ON, ON, false, NULL},
    {"推进中", ON, ON, false, NULL},
    {"按期推进中", ON, ON, false, NULL},
    {"已完工", DONE, DONE, false, NULL},
    {"已竣工。", DONE, DONE, false, NULL},
    {"已验收", DONE, DONE, false, NULL},
    {"已开工", ON, ON, false, NULL},
    {"未开工", BEHIND, BEHIND, true, NULL},
    {"进度较慢", BEHIND, BEHIND, true, NULL},
    {"进度偏慢", BEHIND, BEHIND, true, NULL},
    {"欠序时", BEHIND, BEHIND, true, NULL},
    {"慢于序时", BEHIND, BEHIND, true, NULL},
    {"是否达序=否", BEHIND, BEHIND, true, NULL},
    {"是否达序：是", ON, ON, false, NULL},
    {"已超期", BEHIND, BEHIND, true, NULL},
    {"暂缓实施", BEHIND, BEHIND, true, NULL},
    {"尚未完成", NOT_DONE, NOT_DONE, true, NULL},
    {"没完成", NOT_DONE, NOT_DONE, true, NULL},
    /* Overlaps: the longer phrase, then the precedence of classes. */
    {"慢序时推进", BEHIND, BEHIND, true, NULL},
    {"欠序时推进", BEHIND, BEHIND, true, NULL},
    {"未达到时间进度", BEHIND, BEHIND, true, NULL},
    {"已基本完成", MOSTLY, MOSTLY, false, NULL},
    {"已部分完成", PARTIAL, PARTIAL, false, NULL},
    {"未完成,滞后进度", NOT_DONE, NOT_DONE, true, NULL},
    {"完成安装", U, U, false, NULL},
    /* Negations, past tense, plans, decoys. */
    {"未出现滞后", U, U, false, NULL},
    {"不存在滞后", U, U, false, NULL},
    {"项目进度未出现明显滞后。", U, U, false, NULL},
    {"无滞后", U, U, false, NULL},
    {"曾因过程性滞后被通报,但均能如期完成", U, U, false, NULL},
    {"曾因过程性滞后被通报，但均能如期完成。", U, U, false, NULL},
    {"滞后问题已解决", U, U, false, NULL},
    {"前期进度滞后,现已赶上序时进度", U, U, false, NULL},
    {"存在滞后风险", U, U, false, NULL},
    {"力争提前完成", U, U, false, NULL},
    {"确保按序时推进", U, U, false, NULL},
    {"因无法施工导致进度滞后", BEHIND, BEHIND, true, "因无法施工导致进度滞后"},
    /* Progress text: done only as a clause of its own. */
    {"已完成,全额资助困难群众参保13800人。", DONE, DONE, false, NULL},
    {"已完成招标,预计中秋期间安装完成。", DONE, U, false, NULL},
    {"已完成12个(剩余5个计划9月底完成)。", DONE, U, false, NULL},
    {"一是超额完成2022年省政府民生实事项目。", AHEAD, AHEAD, false, NULL},
    {"9个小区已开工", ON, ON, false, NULL},
    {"完成主干道沥青铺设和绿化种植。(完成年度任务90%)", U, U, false, NULL},
    /* Reasons: the cause clause, not a figure; else what precedes. */
    {"63%,育英路未按计划完工,滞后进度", BEHIND, BEHIND, true, "育英路未按计划完工"},
    {"45%,建设量未达节点要求,滞后进度。", BEHIND, BEHIND, true, "建设量未达节点要求"},
    {"63%,尚处招标阶段,未开工建设,滞后进度。", BEHIND, BEHIND, true,
     "尚处招标阶段,未开工建设"},
    {"63%,乐昌小区工程进度滞后,滞后进度。", BEHIND, BEHIND, true, "乐昌小区工程进度滞后"},
    {"63%,尚有1个小区未开工,滞后进度", BEHIND, BEHIND, true, "尚有1个小区未开工"},
    {"截至10月初,该项目仍在开展前期工作,进度严重滞后。(完成年度任务50%)", BEHIND,
     BEHIND, true, "该项目仍在开展前期工作"},
    {"受疫情影响,工期滞后", BEHIND, BEHIND, true, "受疫情影响"},
    {"受台风影响，进度较慢。", BEHIND, BEHIND, true, "受台风影响"},
    {"45%,因资金未到位,进度滞后", BEHIND, BEHIND, true, "因资金未到位"},
    {"完成率45%,由于征地拆迁未完成,进度滞后。", NOT_DONE, NOT_DONE, true,
     "由于征地拆迁未完成"},
    {"进度滞后。主要原因:资金未到位,人员不足。", BEHIND, BEHIND, true,
     "资金未到位,人员不足"},
    {"进度偏慢,主要原因是土地报批手续未完成", NOT_DONE, NOT_DONE, true,
     "主要原因是土地报批手续未完成"},
    {"土建施工中,进度较慢", BEHIND, BEHIND, true, "土建施工中"},
    {"72%", U, U, false, NULL},
    {"滞后进度", BEHIND, BEHIND, true, NULL},
};

static void vocabulary_cases(void **state)
{
    (void)state;
    bl_arena *a = bl_arena_new();
    size_t failed = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const status_case *c = &cases[i];
        const char *reason = bl_behind_reason(a, c->text);
        bool ok = bl_status_classify(c->text) == c->phrase &&
                  bl_status_of_text(c->text) == c->progress &&
                  bl_text_says_behind(c->text) == c->behind &&
                  (c->reason ? reason && strcmp(reason, c->reason) == 0 : !reason);
        if (!ok)
            print_error("%s: phrase %s progress %s behind %d reason %s\n", c->text,
                        bl_status_class_name(bl_status_classify(c->text)),
                        bl_status_class_name(bl_status_of_text(c->text)),
                        bl_text_says_behind(c->text), reason ? reason : "(none)");
        failed += !ok;
    }
    bl_arena_free(a);
    assert_int_equal(failed, 0);
}

/* Matching is on the key: full-width punctuation folds now, traditional
 * characters once textkey.c simplifies them. */
static void traditional_and_full_width(void **state)
{
    (void)state;
    bl_arena *a = bl_arena_new();
    assert_int_equal(bl_status_classify("是否达序：否"), BEHIND);
    assert_string_equal(bl_behind_reason(a, "６３％，育英路未按计划完工，滞后进度。"),
                        "育英路未按计划完工");
    bl_arena_free(a);
    if (bl_key_simplify(0x6EEF) == 0x6EEF) /* 滯: no table yet */
        skip();
    assert_int_equal(bl_status_classify("進度滯後"), BEHIND);
    assert_int_equal(bl_status_classify("已竣工驗收"), DONE);
    assert_false(bl_text_says_behind("未出現滯後"));
}

/* Status columns: the column's own values, else the cell as a phrase. */
static void status_columns(void **state)
{
    (void)state;
    assert_true(bl_status_is_column("是否达序"));
    assert_true(bl_status_is_column("进度状态"));
    assert_true(bl_status_is_column("状态"));
    assert_true(bl_status_is_column("完成情况自评"));
    assert_false(bl_status_is_column("责任单位"));
    assert_false(bl_status_is_column(NULL));
    assert_int_equal(bl_status_of_cell("是否达序", "是"), ON);
    assert_int_equal(bl_status_of_cell("是否达序", "否"), BEHIND);
    assert_int_equal(bl_status_of_cell("是否达序", " 否。"), BEHIND);
    assert_int_equal(bl_status_of_cell("进度状态", "正常"), ON);
    assert_int_equal(bl_status_of_cell("状态", "超前"), AHEAD);
    assert_int_equal(bl_status_of_cell("状态", "滞后"), BEHIND);
    assert_int_equal(bl_status_of_cell("完成情况自评", "正常"), ON);
    assert_int_equal(bl_status_of_cell("完成情况自评", "已完成"), DONE);
    assert_int_equal(bl_status_of_cell("是否完成", "是"), DONE);
    assert_int_equal(bl_status_of_cell("是否完成", "否"), NOT_DONE);
    /* Outside a status column 是 and 正常 say nothing. */
    assert_int_equal(bl_status_of_cell(NULL, "是"), U);
    assert_int_equal(bl_status_of_cell("备注", "正常"), U);
    assert_int_equal(bl_status_of_cell("备注", "滞后进度"), BEHIND);
    assert_int_equal(bl_status_of_cell("状态", NULL), U);
    /* Words alone: a class as the whole text, nothing inside a longer one
     * or under a header naming something else. */
    assert_int_equal(bl_status_classify("完成"), DONE);
    assert_int_equal(bl_status_classify(" 完成。"), DONE);
    assert_int_equal(bl_status_classify("正常"), ON);
    assert_true(bl_status_is_phrase("完成"));
    assert_int_equal(bl_status_classify("完成棚改项目"), U);
    assert_false(bl_status_is_phrase("完成棚改项目"));
    assert_int_equal(bl_status_of_text("完成投资3亿元"), U);
    assert_int_equal(bl_status_of_cell("备注", "完成"), U);
    assert_int_equal(bl_status_of_cell(NULL, "完成"), DONE);
    assert_int_equal(bl_status_of_cell("进展情况", "进展顺利"), ON);
}

static const char office_words[] =
    "{\"classes\": {\"behind\": [\"进度堪忧\"], \"done\": [\"已交付\"],\n"
    "             \"on_schedule\": [\"暂缓\"]},\n"
    " \"negations\": [\"谈不上\"],\n"
    " \"columns\": [{\"headers\": [\"督查结论\"],\n"
    "              \"values\": {\"红灯\": \"behind\", \"绿灯\": \"on_schedule\"}}]}";

/* An office's own file extends the vocabulary; a phrase met again takes
 * the class given last. */
static void office_file(void **state)
{
    (void)state;
    bl_status_words *v = NULL;
    bl_error err = {0};
    bl_arena *a = bl_arena_new();
    assert_int_equal(bl_status_words_new(&v, &err), BL_OK);
    assert_int_equal(bl_status_words_classify(v, "进度堪忧"), U);
    assert_int_equal(bl_status_words_add_json(v, "office.json", office_words, &err), BL_OK);
    assert_int_equal(bl_status_words_classify(v, "进度堪忧"), BEHIND);
    assert_true(bl_status_words_says_behind(v, "土建施工中,进度堪忧"));
    assert_string_equal(bl_status_words_reason(v, a, "土建施工中,进度堪忧"), "土建施工中");
    assert_false(bl_status_words_says_behind(v, "谈不上滞后"));
    assert_int_equal(bl_status_words_classify(v, "已交付。"), DONE);
    assert_true(bl_status_words_is_phrase(v, "已交付"));
    assert_int_equal(bl_status_words_classify(v, "暂缓"), ON);
    assert_int_equal(bl_status_words_cell(v, "督查结论", "红灯"), BEHIND);
    assert_int_equal(bl_status_words_cell(v, "督查结论", "绿灯"), ON);
    /* The built-in phrases are still there; the built-in vocabulary is
     * untouched. */
    assert_int_equal(bl_status_words_classify(v, "提前完成"), AHEAD);
    assert_int_equal(bl_status_classify("进度堪忧"), U);
    assert_int_equal(bl_status_classify("暂缓"), BEHIND);
    /* precedence replaces the earlier one. */
    assert_int_equal(bl_status_words_classify(v, "未完成,滞后进度"), NOT_DONE);
    assert_int_equal(bl_status_words_add_json(
                         v, "p.json", "{\"precedence\": [\"behind\", \"not_done\"]}", &err),
                     BL_OK);
    assert_int_equal(bl_status_words_classify(v, "未完成,滞后进度"), BEHIND);
    /* From a file. */
    char path[] = "/tmp/bl-status-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *json = "{\"classes\": {\"ahead\": [\"遥遥领先\"]}}";
    assert_int_equal(write(fd, json, strlen(json)), (ssize_t)strlen(json));
    close(fd);
    assert_int_equal(bl_status_words_add_file(v, path, &err), BL_OK);
    unlink(path);
    assert_int_equal(bl_status_words_classify(v, "遥遥领先"), AHEAD);
    /* An office's word alone, and one of the built-in ones given again. */
    assert_int_equal(bl_status_words_classify(v, "交付"), U);
    assert_int_equal(bl_status_words_add_json(
                         v, "alone.json", "{\"alone\": {\"交付\": \"done\", \"正常\": \"ahead\"}}", &err),
                     BL_OK);
    assert_int_equal(bl_status_words_classify(v, "交付"), DONE);
    assert_int_equal(bl_status_words_classify(v, "交付使用"), U);
    assert_int_equal(bl_status_words_classify(v, "正常"), AHEAD);
    bl_status_words_free(v);
    bl_arena_free(a);
}

static void office_file_errors(void **state)
{
    (void)state;
    bl_status_words *v = NULL;
    bl_error err = {0};
    assert_int_equal(bl_status_words_new(&v, &err), BL_OK);
    assert_int_equal(bl_status_words_add_json(v, "a.json", "{\n\"classes\": \n", &err),
                     BL_EINPUT);
    assert_string_equal(err.file, "a.json");
    assert_int_equal(bl_status_words_add_json(v, "b.json", "[\"滞后\"]", &err), BL_EINPUT);
    assert_int_equal(bl_status_words_add_json(
                         v, "c.json", "{\"classes\": {\"late\": [\"迟了\"]}}", &err),
                     BL_EINPUT);
    assert_non_null(strstr(err.message, "late"));
    assert_int_equal(bl_status_words_add_json(v, "d.json", "{\"behind_words\": [3]}", &err),
                     BL_EINPUT);
    assert_int_equal(bl_status_words_add_json(v, "e.json", "{\"behind_word\": []}", &err),
                     BL_EINPUT);
    assert_int_equal(bl_status_words_add_json(v, "f.json", "{\"reasons\": [\"*因\"]}", &err),
                     BL_EINPUT);
    assert_int_equal(bl_status_words_add_json(
                         v, "g.json",
                         "{\"classes\": {\"behind\": [\"迟了\"]},\n \"precedence\": [\"x\"]}",
                         &err),
                     BL_EINPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(bl_status_words_add_json(v, "h.json", "{\"alone\": [\"完成\"]}", &err),
                     BL_EINPUT);
    assert_int_equal(bl_status_words_add_json(v, "i.json", "{\"alone\": {\"迟了\": \"late\"}}", &err),
                     BL_EINPUT);
    assert_non_null(strstr(err.message, "class"));
    /* Nothing of a refused file was added. */
    assert_int_equal(bl_status_words_classify(v, "迟了"), U);
    assert_int_equal(bl_status_words_add_file(v, "/nonexistent/status.json", &err), BL_EIO);
    bl_status_words_free(v);
}

/* Analysis reads the status of an entry without a status cell from a
 * status column among its extra fields, else from its progress text, and
 * uses the vocabulary it is given. */
static void analysis_uses_words(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_document *d = bl_model_add_document(m, "x.txt");
    bl_list *l = bl_model_add_list(m, d, "清单", 1);
    bl_project *p = bl_model_add_project(m, l, "1", 2);
    bl_entry *col = bl_model_add_entry(m, p, 2);
    bl_entry_add_extra(m, col, "是否达序", "否");
    col->progress = "土建施工中";
    bl_entry *text = bl_model_add_entry(m, p, 3);
    text->progress = "受台风影响,进度较慢";
    bl_entry *office = bl_model_add_entry(m, p, 4);
    office->progress = "土建施工中,进度堪忧";
    bl_entry *phrase = bl_model_add_entry(m, p, 5);
    phrase->status_text = "已完成。";
    phrase->progress = "曾因过程性滞后被通报,但均能如期完成";
    bl_status_words *v = NULL;
    bl_error err = {0};
    assert_int_equal(bl_status_words_new(&v, &err), BL_OK);
    assert_int_equal(bl_status_words_add_json(v, "office.json", office_words, &err), BL_OK);
    assert_int_equal(bl_analyze(m, NULL, &err), BL_OK);
    assert_int_equal(col->status, BEHIND);
    assert_true(col->behind);
    assert_int_equal(text->status, BEHIND);
    assert_true(text->behind);
    assert_string_equal(text->behind_reason, "受台风影响");
    assert_int_equal(office->status, U);
    assert_false(office->behind);
    assert_int_equal(phrase->status, DONE);
    assert_false(phrase->behind);
    assert_int_equal(bl_analyze_with(m, NULL, v, &err), BL_OK);
    assert_int_equal(office->status, BEHIND);
    assert_true(office->behind);
    assert_string_equal(office->behind_reason, "土建施工中");
    assert_int_equal(p->status, BEHIND);
    bl_status_words_free(v);
    bl_model_free(m);
}

static void ranks_and_labels(void **state)
{
    (void)state;
    assert_true(bl_status_rank(BL_STATUS_NOT_DONE) < bl_status_rank(BL_STATUS_PARTIAL));
    assert_true(bl_status_rank(BL_STATUS_PARTIAL) < bl_status_rank(BL_STATUS_DONE));
    assert_true(bl_status_rank(BL_STATUS_DONE) < bl_status_rank(BL_STATUS_AHEAD));
    assert_int_equal(bl_status_rank(BL_STATUS_UNKNOWN), -1);
    assert_string_equal(bl_status_label(BL_STATUS_AHEAD), "提前完成");
    assert_string_equal(bl_status_label(BL_STATUS_NOT_DONE), "未完成");
}

/* Phrases of an office file are keyed without their white space: one that
 * is only white space around its '*' adds nothing; a phrase given again
 * takes the class given last; a class named twice in precedence counts
 * once. */
static void office_file_edges(void **state)
{
    (void)state;
    bl_status_words *v = NULL;
    bl_error err = {0};
    assert_int_equal(bl_status_words_new(&v, &err), BL_OK);
    assert_int_equal(bl_status_words_add_json(
                         v, "o.json",
                         "{\"classes\": {\"behind\": [\"  \", \" *迟\", \"迟 * \", \"进度\\r\\n 堪 忧\","
                         " \"交付*延期\"], \"done\": [\"交付*延期\", \"交付 * 推迟\"]},"
                         " \"precedence\": [\"behind\", \"behind\", \"not_done\"]}",
                         &err),
                     BL_OK);
    assert_int_equal(bl_status_words_classify(v, "进度堪忧"), BEHIND);
    assert_int_equal(bl_status_words_classify(v, "迟了"), U);
    assert_int_equal(bl_status_words_classify(v, "交付将延期"), DONE);
    assert_int_equal(bl_status_words_classify(v, "交付已推迟"), DONE);
    assert_int_equal(bl_status_words_classify(v, "未完成,滞后进度"), BEHIND);
    bl_status_words_free(v);
    assert_int_equal(bl_status_rank(BL_STATUS_COUNT), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(classify_phrases), cmocka_unit_test(classify_overlaps),
        cmocka_unit_test(status_cells),     cmocka_unit_test(says_behind),
        cmocka_unit_test(behind_reasons),   cmocka_unit_test(ranks_and_labels),
        cmocka_unit_test(vocabulary_cases), cmocka_unit_test(status_columns),
        cmocka_unit_test(office_file),      cmocka_unit_test(office_file_errors),
        cmocka_unit_test(office_file_edges),
        cmocka_unit_test(analysis_uses_words),
        cmocka_unit_test(traditional_and_full_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
