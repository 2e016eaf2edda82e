/* test_status_words.c - an office's status vocabulary file (docs/status.md)
 * as status.c checks it: each malformed key refused whole with its message
 * and the line of the key, and what a valid file changes: precedence (its
 * duplicates dropped), column groups with their values, phrases that fold
 * to nothing ignored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "status.h"

static void refused(const char *json, const char *message, int line)
{
    bl_status_words *v = NULL;
    bl_error err = {0};
    assert_int_equal(bl_status_words_new(&v, &err), BL_OK);
    if (bl_status_words_add_json(v, "office.json", json, &err) != BL_EINPUT)
        fail_msg("accepted: %s", json);
    assert_string_equal(err.file, "office.json");
    if (!strstr(err.message, message))
        fail_msg("%s: message '%s', want '%s'", json, err.message, message);
    if (err.line != line)
        fail_msg("%s: line %d, want %d", json, err.line, line);
    /* Refused whole: its valid parts were not added either. */
    assert_false(bl_status_words_is_column(v, "督办标记"));
    bl_status_words_free(v);
}

static void malformed_files(void **state)
{
    (void)state;
    refused("{\"classes\": []}", "classes: must be an object {\"class\": [phrases]}", 1);
    refused("{\"about\": \"x\",\n \"classes\": {\"behind\": \"迟了\"}}",
            "behind: must be an array of phrases", 2);
    refused("{\"precedence\": \"done\"}", "precedence: must be an array of class names", 1);
    refused("{\n\n\"from_progress\": [3]}", "from_progress: class names are ahead, done", 3);
    refused("{\"columns\": {}}", "columns: must be an array of {\"headers\", \"values\"}", 1);
    refused("{\"columns\": [3]}", "columns: each group needs \"headers\"", 1);
    refused("{\"columns\": [{\"values\": {\"是\": \"done\"}}]}",
            "columns: each group needs \"headers\"", 1);
    refused("{\"columns\": [{\"headers\": [\"督办标记\"], \"values\": []}]}",
            "columns: each group needs \"headers\"", 1);
    refused("{\"columns\": [{\"headers\": [\"督办标记\"],\n \"values\": {\"已办结\": \"finished\"}}]}",
            "已办结: a column value maps to a class name", 2);
    refused("{\"columns\": [{\"headers\": [\"督办标记\"], \"values\": {\"x\": 3}}]}",
            "x: a column value maps to a class name", 1);
    refused("{\"columns\": [{\"headers\": [\"督办标记\"], \"values\": {\"\": \"done\"}}]}",
            "a column value maps to a class name", 1);
    refused("{\"decoys\": [\"\"]}", "decoys: phrases must be non-empty strings", 1);
    refused("{\"decoys\": [\"滞后*\"]}", "decoys: phrases must be non-empty", 1);
    refused("{\"decoys\": [\"*滞后\"]}", "decoys: phrases must be non-empty", 1);
    refused("{\"decoys\": [\"滞*后*了\"]}", "decoys: phrases must be non-empty", 1);
    refused("{\"columns\": [{\"headers\": [\"督办标记\"]}], \"frob\": []}",
            "frob: unknown key", 1);
}

static void precedence_replaced(void **state)
{
    (void)state;
    bl_status_words *v = NULL;
    bl_error err = {0};
    assert_int_equal(bl_status_words_new(&v, &err), BL_OK);
    /* The built-in order: not_done before behind. */
    assert_int_equal(bl_status_words_classify(v, "未完成,滞后进度"), BL_STATUS_NOT_DONE);
    assert_int_equal(bl_status_words_add_json(
                         v, "p.json",
                         "{\"precedence\": [\"behind\", \"behind\", \"not_done\", \"ahead\","
                         " \"done\", \"mostly_done\", \"partial\", \"on_schedule\"]}",
                         &err),
                     BL_OK);
    assert_int_equal(bl_status_words_classify(v, "未完成,滞后进度"), BL_STATUS_BEHIND);
    bl_status_words_free(v);
}

static void columns_and_empty_phrases(void **state)
{
    (void)state;
    bl_status_words *v = NULL;
    bl_error err = {0};
    assert_int_equal(bl_status_words_new(&v, &err), BL_OK);
    assert_false(bl_status_words_is_column(v, "督办标记"));
    assert_int_equal(
        bl_status_words_add_json(v, "c.json",
                                 "{\"about\": \"an office\",\n"
                                 " \"columns\": [{\"headers\": [\"督办 标记\"],\n"
                                 "   \"values\": {\"已办结\": \"done\", \"在办\": \"partial\"}},\n"
                                 "  {\"headers\": [\"核查记号\"]}],\n"
                                 " \"decoys\": [\" \"], \"behind_words\": [\" *慢了\"]}",
                                 &err),
        BL_OK);
    /* Headers are matched on their key (white space dropped). */
    assert_true(bl_status_words_is_column(v, "督办标记"));
    assert_true(bl_status_words_is_column(v, "核查记号"));
    assert_int_equal(bl_status_words_cell(v, "督办标记", "已办结"), BL_STATUS_DONE);
    assert_int_equal(bl_status_words_cell(v, "督办标记", "在办"), BL_STATUS_PARTIAL);
    /* The value's trailing punctuation is not part of it. */
    assert_int_equal(bl_status_words_cell(v, "督办标记", "在办.,;"), BL_STATUS_PARTIAL);
    assert_int_equal(bl_status_words_cell(v, "督办标记", "在办。"), BL_STATUS_PARTIAL);
    assert_int_equal(bl_status_words_cell(v, "督办标记", NULL), BL_STATUS_UNKNOWN);
    /* A value the group does not list: the cell as a status phrase. */
    assert_int_equal(bl_status_words_cell(v, "督办标记", "已完成"), BL_STATUS_DONE);
    assert_int_equal(bl_status_words_cell(v, "核查记号", "滞后"), BL_STATUS_BEHIND);
    /* A phrase that folds to nothing (or a '*' with nothing before it once
     * folded) is ignored, not a word matching everywhere. */
    assert_false(bl_status_words_says_behind(v, "工作推进有序"));
    assert_int_equal(bl_status_words_classify(v, "已完成"), BL_STATUS_DONE);
    bl_status_words_free(v);
}

static void ranks_and_labels(void **state)
{
    (void)state;
    static const struct {
        bl_status_class s;
        int rank;
        const char *label;
    } t[] = {{BL_STATUS_NOT_DONE, 0, "未完成"},   {BL_STATUS_BEHIND, 1, "滞后"},
             {BL_STATUS_PARTIAL, 2, "部分完成"},  {BL_STATUS_ON_SCHEDULE, 3, "按序时推进"},
             {BL_STATUS_MOSTLY_DONE, 4, "基本完成"}, {BL_STATUS_DONE, 5, "已完成"},
             {BL_STATUS_AHEAD, 6, "提前完成"},    {BL_STATUS_UNKNOWN, -1, "未知"},
             {BL_STATUS_COUNT, -1, "未知"}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        assert_int_equal(bl_status_rank(t[i].s), t[i].rank);
        assert_string_equal(bl_status_label(t[i].s), t[i].label);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(malformed_files),
        cmocka_unit_test(precedence_replaced),
        cmocka_unit_test(columns_and_empty_phrases),
        cmocka_unit_test(ranks_and_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
