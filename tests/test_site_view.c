/* test_site_view.c - the index of `bulletin site` (site_view.c) on
 * hand-built series: eight months of one year (the axis names the middle
 * months by their numbers, every other value label shown, the range
 * 2023年1月—8月), a series over a new year (2023.12 / 2024.1 on the axis,
 * both years in the range), months without a year, a report without a
 * period (its stem), one period alone; department trends with their
 * changes from the previous month. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "json_path.h"
#include "compare.h"
#include "site_view.h"
#include "write_json.h"

/* A month's report: one list of three projects; done grows with k. */
static bl_document *month(bl_model *m, int year, int mo, int k)
{
    char src[64];
    snprintf(src, sizeof src, "r%d-%02d.txt", year, mo);
    bl_document *d = bl_model_add_document(m, bl_arena_strdup(m->arena, src));
    d->stem = bl_arena_strdup(m->arena, src);
    d->year = year;
    d->month = mo;
    d->period_kind = mo > 0 ? BL_PERIOD_MONTH : BL_PERIOD_NONE;
    d->office = "甲县政府办";
    bl_list *l = bl_model_add_list(m, d, "县级民生实事", 1);
    static const char *const contents[] = {"新建城东小学教学楼", "城西道路改造提升工程",
                                           "老旧小区供水管网改造"};
    static const char *const depts[] = {"住建局", "交通运输局", "住建局"};
    for (int i = 0; i < 3; i++) {
        bl_project *p = bl_model_add_project(m, l, i == 0 ? "1" : i == 1 ? "2" : "3", i + 1);
        p->content = contents[i];
        bl_entry *e = bl_model_add_entry(m, p, i + 1);
        e->department = depts[i];
        e->status_text = i < k % 4 ? "已完成" : "序时推进";
        bl_entry_add_rate(m, e, i < k % 4 ? 100 : 40 + 5 * k, BL_RATE_TEXT);
    }
    return d;
}

static cJSON *index_of(bl_model *m, size_t n)
{
    bl_error err = {0};
    bl_aliases *a = NULL;
    assert_int_equal(bl_aliases_new(&a, &err), BL_OK);
    assert_int_equal(bl_analyze(m, a, &err), BL_OK);
    bl_aliases_free(a);
    assert_int_equal(bl_compare_apply(m, &err), BL_OK);
    bl_site_page *pages = calloc(n, sizeof *pages);
    size_t i = 0;
    for (const bl_document *d = m->documents; d && i < n; d = d->next, i++)
        pages[i] = (bl_site_page){d, "x.html", NULL};
    cJSON *v = bl_site_index_view(m, pages, n, NULL);
    free(pages);
    return v;
}

static void eight_months(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    for (int mo = 1; mo <= 8; mo++)
        month(m, 2023, mo, mo);
    cJSON *v = index_of(m, 8);
    assert_string_equal(str(v, "range_label"), "2023年1月—8月");
    assert_int_equal(at(v, "n_periods")->valueint, 8);
    /* More than six periods: the middle months by their numbers. */
    static const char *const shorts[] = {"1月", "2", "3", "4", "5", "6", "7", "8月"};
    /* Four value labels at most: every second one, and the last; the one
     * before the last would crowd it. */
    static const bool shown[] = {true, false, true, false, true, false, false, true};
    const cJSON *points = at(v, "lists.0.chart.points");
    assert_int_equal(cJSON_GetArraySize(points), 8);
    for (int k = 0; k < 8; k++) {
        const cJSON *p = cJSON_GetArrayItem(points, k);
        assert_string_equal(str(p, "period_short"), shorts[k]);
        assert_int_equal(cJSON_IsTrue(at(p, "value_shown")), shown[k]);
    }
    /* The departments' axis keeps the month names; each row's change is
     * the page's: 80% in August after 100% in July. */
    assert_string_equal(str(v, "departments.periods.1.period_short"), "2月");
    const cJSON *rows = at(v, "departments.rows");
    assert_int_equal(cJSON_GetArraySize(rows), 2);
    for (int i = 0; i < 2; i++)
        assert_string_equal(str(cJSON_GetArrayItem(rows, i), "change_label"), "-20");
    cJSON_Delete(v);
    bl_model_free(m);
}

static void over_new_year(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    month(m, 2023, 12, 1);
    month(m, 2024, 1, 2);
    cJSON *v = index_of(m, 2);
    assert_string_equal(str(v, "range_label"), "2023年12月—2024年1月");
    assert_string_equal(str(v, "lists.0.chart.points.0.period_short"), "2023.12");
    assert_string_equal(str(v, "lists.0.chart.points.1.period_short"), "2024.1");
    cJSON_Delete(v);
    bl_model_free(m);
}

static void months_without_year_and_no_period(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    month(m, 0, 8, 1);
    month(m, 0, 9, 2);
    month(m, 0, 0, 3); /* no period: named by its stem */
    cJSON *v = index_of(m, 3);
    assert_string_equal(str(v, "lists.0.chart.points.0.period_short"), "8月");
    assert_string_equal(str(v, "lists.0.chart.points.1.period_short"), "9月");
    assert_string_equal(str(v, "lists.0.chart.points.2.period_short"), "r0-00.txt");
    assert_string_equal(str(v, "range_label"), "8月—r0-00.txt");
    cJSON_Delete(v);
    bl_model_free(m);
}

static void one_period(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    month(m, 2023, 10, 2);
    cJSON *v = index_of(m, 1);
    assert_string_equal(str(v, "range_label"), "2023年10月");
    /* One point, in the middle of the plot. */
    assert_true(at(v, "lists.0.chart.points.0.x")->valuedouble == (66 + 392) / 2.0);
    /* No previous month: no change. */
    assert_string_equal(str(v, "departments.rows.0.change_label"), "—");
    cJSON_Delete(v);
    bl_model_free(m);
}

/* Link targets: unreserved ASCII kept, every other byte escaped (UTF-8 by
 * its bytes), cut before a whole escape would not fit. */
static void hrefs(void **state)
{
    (void)state;
    char out[64];
    bl_site_href("Az09-._~", out, sizeof out);
    assert_string_equal(out, "Az09-._~");
    bl_site_href("10月 a/b?#&.html", out, sizeof out);
    assert_string_equal(out, "10%E6%9C%88%20a%2Fb%3F%23%26.html");
    bl_site_href("abcdefgh", out, 8);
    assert_string_equal(out, "abcd");
    bl_site_href("月", out, 8); /* two of its three escapes fit */
    assert_string_equal(out, "%E6%9C");
    bl_site_href("", out, sizeof out);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(eight_months),
        cmocka_unit_test(over_new_year),
        cmocka_unit_test(months_without_year_and_no_period),
        cmocka_unit_test(one_period),
        cmocka_unit_test(hrefs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
