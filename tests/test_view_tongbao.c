/* test_view_tongbao.c - the written 通报's figures (view_tongbao.c) on
 * hand-built documents: the subject of a title past its period (ranges
 * with each dash, 月份, quarters, ideographic space and colons) and its
 * tails; a report without lists; a year's report with an empty list (no
 * shares, 2023年底); the lagging items' plain sequence numbers (ASCII and
 * full-width digits only); January compared with December as last month. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "view_tongbao.h"

static void expect_subject(const char *title, const char *want)
{
    char *got = bl_tongbao_subject(title);
    if (want ? !got || strcmp(got, want) != 0 : got != NULL)
        fail_msg("'%s': got '%s', want '%s'", title ? title : "(null)", got ? got : "(null)",
                 want ? want : "(null)");
    free(got);
}

static void subjects(void **state)
{
    (void)state;
    expect_subject("2023年1-9月民生实事项目进展情况", "民生实事项目");
    expect_subject("2023年1—9月民生实事项目进展情况汇总表", "民生实事项目");
    expect_subject("1～10月民生实事项目推进情况", "民生实事项目");
    expect_subject("1至6月民生实事完成情况", "民生实事");
    expect_subject("10月份：民生实事项目推进情况", "民生实事项目");
    expect_subject("上半年　民生实事进展情况汇总表", "民生实事");
    expect_subject("2023年第三季度: 十大民生实事清单 ", "十大民生实事清单");
    expect_subject("2023年度民生实事项目台账", "民生实事项目");
    /* A figure, not a period: kept. */
    expect_subject("12345项目情况", "12345项目");
    expect_subject("3-项目清单", "3-项目");
    /* Nothing but a period and tails: no subject. */
    expect_subject("2023年10月进展情况", NULL);
    expect_subject(NULL, NULL);
}

static const cJSON *at(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(o, key);
    if (!v)
        fail_msg("no '%s'", key);
    return v;
}

static void no_lists(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_document *d = bl_model_add_document(m, "x.txt");
    cJSON *view = cJSON_CreateObject();
    bl_view_add_tongbao(view, d);
    assert_true(cJSON_IsNull(at(view, "tongbao")));
    assert_true(cJSON_IsFalse(at(view, "has_several_lists")));
    cJSON_Delete(view);
    bl_model_free(m);
}

static cJSON *view_of(const bl_document *d)
{
    cJSON *view = cJSON_CreateObject();
    cJSON *lists = cJSON_AddArrayToObject(view, "lists");
    for (const bl_list *l = d->lists; l; l = l->next)
        cJSON_AddItemToArray(lists, cJSON_CreateObject());
    bl_view_add_tongbao(view, d);
    return view;
}

static void year_with_empty_list(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_document *d = bl_model_add_document(m, "x.txt");
    d->title = "2023年度民生实事项目进展情况";
    d->year = 2023;
    d->period_kind = BL_PERIOD_YEAR;
    bl_model_add_list(m, d, NULL, 1);
    cJSON *view = view_of(d);
    const cJSON *t = at(view, "tongbao");
    assert_string_equal(at(t, "as_of")->valuestring, "2023年底");
    assert_string_equal(at(t, "subject")->valuestring, "民生实事项目");
    assert_int_equal(at(t, "projects")->valueint, 0);
    assert_true(cJSON_IsNull(at(t, "ahead_done_share")));
    assert_true(cJSON_IsNull(at(t, "rate_mean_label")));
    assert_true(cJSON_IsFalse(at(t, "has_status")));
    assert_true(cJSON_IsNull(at(t, "compare")));
    cJSON_Delete(view);
    bl_model_free(m);
}

static bl_document *month(bl_model *m, const char *source, int year, int mo)
{
    bl_document *d = bl_model_add_document(m, source);
    d->year = year;
    d->month = mo;
    d->period_kind = BL_PERIOD_MONTH;
    bl_list *l = bl_model_add_list(m, d, "县级民生实事", 1);
    static const char *const seqs[] = {"１２", "一", "7", "3a"};
    static const char *const contents[] = {"新建城东小学教学楼", "城西道路改造提升工程",
                                           "老旧小区供水管网改造", "城北公园绿道"};
    for (int i = 0; i < 4; i++) {
        bl_project *p = bl_model_add_project(m, l, seqs[i], i + 1);
        p->content = contents[i];
        p->lagging = true;
        bl_entry *e = bl_model_add_entry(m, p, i + 1);
        e->department = "住建局";
    }
    return d;
}

static void lagging_items_and_last_month(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    month(m, "dec.txt", 2022, 12);
    bl_document *jan = month(m, "jan.txt", 2023, 1);
    bl_error err = {0};
    assert_int_equal(bl_compare_apply(m, &err), BL_OK);
    assert_non_null(jan->changes);
    cJSON *view = view_of(jan);
    const cJSON *t = at(view, "tongbao");
    assert_string_equal(at(t, "as_of")->valuestring, "2023年1月底");
    assert_true(cJSON_IsTrue(at(at(t, "compare"), "last_month")));
    const cJSON *items = at(t, "lagging_items");
    assert_int_equal(cJSON_GetArraySize(items), 4);
    static const char *const plain[] = {"１２", NULL, "7", NULL};
    for (int i = 0; i < 4; i++) {
        const cJSON *sp = at(cJSON_GetArrayItem(items, i), "seq_plain");
        if (plain[i])
            assert_string_equal(sp->valuestring, plain[i]);
        else
            assert_true(cJSON_IsNull(sp));
    }
    assert_string_equal(at(cJSON_GetArrayItem(items, 0), "department")->valuestring, "住建局");
    /* The list's own paragraph says the same of its list. */
    const cJSON *lt = at(cJSON_GetArrayItem(at(view, "lists"), 0), "tongbao");
    assert_int_equal(cJSON_GetArraySize(at(lt, "lagging_items")), 4);
    cJSON_Delete(view);
    bl_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(subjects),
        cmocka_unit_test(no_lists),
        cmocka_unit_test(year_with_empty_list),
        cmocka_unit_test(lagging_items_and_last_month),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
