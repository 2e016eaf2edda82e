/* test_status.c - status classes and lagging wording on real cells of the
 * seeds (examples/000: status cells; examples/002: the 完成率 column). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "status.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(classify_phrases), cmocka_unit_test(classify_overlaps),
        cmocka_unit_test(status_cells),     cmocka_unit_test(says_behind),
        cmocka_unit_test(behind_reasons),   cmocka_unit_test(ranks_and_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
