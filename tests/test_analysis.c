/* test_analysis.c - derived fields and roll-ups on the analysed seeds:
 * status classes, effective rates (capped only when averaged), project
 * status, department keys and roll-ups, list summaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "seeds.h"

static bl_department *find_dept(bl_department *d, const char *key)
{
    for (; d; d = d->next)
        if (strcmp(d->key, key) == 0)
            return d;
    return NULL;
}

static void county_rows(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_CELLS, true);
    bl_list *county = seed_list(m, 2);
    bl_project *p2 = seed_project(county, "2");
    assert_int_equal(p2->status, BL_STATUS_NOT_DONE);
    assert_true(p2->behind);
    assert_true(p2->has_rate && p2->rate == 50);
    assert_int_equal(p2->rate_source, BL_RATE_TEXT);
    assert_true(bl_project_is_lagging(p2));
    bl_project *p3 = seed_project(county, "3");
    assert_int_equal(seed_entry(p3, 0)->status, BL_STATUS_AHEAD);
    assert_string_equal(seed_entry(p3, 0)->department_key, "住建局");
    assert_int_equal(seed_entry(p3, 1)->status, BL_STATUS_DONE);
    assert_string_equal(seed_entry(p3, 1)->department_key, "罗阳镇");
    /* Least advanced entry; mean of 100 (ahead, by status) and 90. */
    assert_int_equal(p3->status, BL_STATUS_DONE);
    assert_true(p3->rate == 95);
    assert_int_equal(p3->rate_source, BL_RATE_TEXT);
    assert_int_equal(seed_project(county, "1")->status, BL_STATUS_PARTIAL);
    bl_model_free(m);
}

static void effective_rates(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_CELLS, true);
    bl_project *p4 = seed_project(seed_list(m, 0), "4");
    /* Uncapped: the first stated rate. */
    assert_true(p4->has_rate && p4->rate == 215);
    assert_int_equal(p4->status, BL_STATUS_MOSTLY_DONE);
    /* Ahead without a stated rate counts as 100 from its status. */
    bl_project *p5 = seed_project(seed_list(m, 0), "5");
    assert_true(p5->has_rate && p5->rate == 100);
    assert_int_equal(p5->rate_source, BL_RATE_STATUS);
    /* Mostly done without a rate has none. */
    bl_project *p1 = seed_project(seed_list(m, 0), "1");
    assert_false(p1->has_rate);
    assert_int_equal(p1->rate_source, BL_RATE_NONE);
    bl_model_free(m);
}

static void summaries(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_CELLS, true);
    bl_list_summary s;
    bl_list_summarize(seed_list(m, 0), &s);
    assert_int_equal(s.projects, 44);
    assert_int_equal(s.entries, 44);
    assert_int_equal(s.status_counts[BL_STATUS_MOSTLY_DONE] + s.status_counts[BL_STATUS_AHEAD], 44);
    assert_int_equal(s.lagging, 0);
    /* 215% is capped at 100 in the mean: no mean exceeds 100. */
    assert_true(s.rated > 0 && s.rate_mean <= 100);
    bl_list_summarize(seed_list(m, 2), &s);
    assert_int_equal(s.projects, 31);
    assert_int_equal(s.entries, 37);
    assert_true(s.behind >= 1);
    assert_true(s.status_counts[BL_STATUS_NOT_DONE] >= 2); /* #2, #30 */
    assert_true(s.lagging >= 3);
    bl_model_free(m);
}

static void department_rollups(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_CELLS, true);
    bl_department *edu = find_dept(m->departments, "教育局");
    assert_non_null(edu);
    /* 教育局 and 县教育局 are one office. */
    assert_int_equal(edu->n_names, 2);
    assert_string_equal(edu->names[0], "县教育局");
    assert_string_equal(edu->names[1], "教育局");
    assert_true(edu->rate_mean <= 100);
    bl_department *town = find_dept(m->departments, "罗阳镇");
    assert_non_null(town);
    /* #2 and #30: 未完成 is a behind word (the corpus's counting rule). */
    assert_int_equal(town->behind, 2);
    assert_true(town->status_counts[BL_STATUS_NOT_DONE] >= 2);
    /* Sorted by key, every entry with a department counted once. */
    size_t entries = 0;
    for (bl_department *d = m->departments; d; d = d->next) {
        if (d->next)
            assert_true(strcmp(d->key, d->next->key) < 0);
        entries += d->entries;
    }
    assert_int_equal(entries, 44 + 54 + 37);
    /* A list's own roll-up: the city list has 县残联 twice over. */
    bl_department *city = bl_departments_of_list(m, seed_list(m, 1));
    bl_department *dis = find_dept(city, "残联");
    assert_non_null(dis);
    assert_int_equal(dis->projects, 4);
    bl_model_free(m);
}

static void pipe_and_prose(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_PIPE, true);
    bl_project *p13 = seed_project(seed_list(m, 0), "13");
    assert_int_equal(p13->status, BL_STATUS_BEHIND);
    assert_true(p13->behind && p13->rate == 63);
    assert_int_equal(p13->rate_source, BL_RATE_COLUMN);
    bl_project *p22 = seed_project(seed_list(m, 0), "22");
    assert_string_equal(seed_entry(p22, 0)->department_key, "市政公用工程建设");
    assert_non_null(find_dept(m->departments, "乐成中心城区管委会"));
    bl_model_free(m);
    m = seed_model(SEED_PROSE, true);
    bl_project *p = seed_list(m, 0)->projects;
    assert_true(p->has_rate && p->rate == 150);
    assert_null(m->departments); /* no department is named */
    bl_model_free(m);
}

static void idempotent(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_CELLS, true);
    bl_aliases *a = NULL;
    bl_error err = {0};
    assert_int_equal(bl_aliases_new(&a, &err), BL_OK);
    size_t n = m->n_departments;
    double r = seed_project(seed_list(m, 2), "3")->rate;
    assert_int_equal(bl_analyze(m, a, &err), BL_OK);
    assert_int_equal(m->n_departments, n);
    assert_true(seed_project(seed_list(m, 2), "3")->rate == r);
    bl_aliases_free(a);
    bl_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(county_rows),        cmocka_unit_test(effective_rates),
        cmocka_unit_test(summaries),          cmocka_unit_test(department_rollups),
        cmocka_unit_test(pipe_and_prose),     cmocka_unit_test(idempotent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
