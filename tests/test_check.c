/* test_check.c - `bulletin check`'s findings (check.c) on a hand-built,
 * analysed model: a sequence number three times (each repeat points at
 * the first), a negative rate and one over 300% (C007), a project without
 * a number, department names one inside the other (C010 when both are one
 * kind of office outside brackets; not for a company naming its 局 in
 * brackets, nor for brackets never opened), and --error's code lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "check.h"
#include "checks_json.h"

typedef struct found {
    char text[4096];
    int n;
} found;

static void collect(void *ctx, const bl_finding *f)
{
    found *x = ctx;
    size_t len = strlen(x->text);
    snprintf(x->text + len, sizeof x->text - len, "%s:%d:%s|", f->code, f->line, f->message);
    x->n++;
}

static bl_project *project(bl_model *m, bl_list *l, const char *seq, int line,
                           const char *dept, double rate)
{
    bl_project *p = bl_model_add_project(m, l, seq, line);
    p->content = "新建城乡道路";
    bl_entry *e = bl_model_add_entry(m, p, line);
    e->department = dept;
    e->progress = "正在施工";
    if (rate != 0)
        bl_entry_add_rate(m, e, rate, BL_RATE_TEXT);
    return p;
}

static void analyse(bl_model *m)
{
    bl_error err = {0};
    bl_aliases *a = NULL;
    assert_int_equal(bl_aliases_new(&a, &err), BL_OK);
    assert_int_equal(bl_analyze(m, a, &err), BL_OK);
    bl_aliases_free(a);
}

static void findings(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_document *d = bl_model_add_document(m, "x.txt");
    bl_list *l = bl_model_add_list(m, d, "县级", 1);
    project(m, l, "3", 10, "县城乡建设局", 50);
    project(m, l, "3", 11, "县城乡建设局（规划科）", 50);
    project(m, l, "3", 12, "某水务有限公司(县综合行政执法局)", -5);
    project(m, l, "4", 13, "县综合行政执法局", 320);
    project(m, l, NULL, 14, "县交通运输局)", 400);
    project(m, l, "5", 15, "县交通运输局", 50);
    analyse(m);
    found x = {"", 0};
    bl_check_model(m, collect, &x);
    /* Each repeat names the first's line. */
    assert_non_null(strstr(x.text, "C005:11:sequence number 3 again (first on line 10)|"));
    assert_non_null(strstr(x.text, "C005:12:sequence number 3 again (first on line 10)|"));
    assert_non_null(strstr(x.text, "C007:12:project 3: a rate of -5% is negative"));
    assert_non_null(strstr(x.text, "C007:13:project 4: a rate of 320% is over 300%"));
    /* A project without a number is not a repeat of anything; its finding
     * names it "?". */
    assert_null(strstr(x.text, "sequence number ?"));
    /* One kind of office: 局 and 局 outside the brackets (the keys: 县
     * dropped, brackets folded); the alias line maps the printed name. */
    assert_non_null(strstr(x.text, "C010:0:department 城乡建设局 and 城乡建设局(规划科) may be one "
                                   "office; if so, add the alias line \"县城乡建设局（规划科）\": "
                                   "\"城乡建设局\" (--aliases)|"));
    assert_non_null(strstr(x.text, "C007:14:project ?: a rate of 400% is over 300%"));
    assert_int_equal(x.n, 6);
    /* The briefing's appendix says where: a project, a list, the document. */
    cJSON *v = bl_checks_view(m, m->documents, "C007");
    int seen = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, v)
    {
        const char *code = cJSON_GetObjectItem(it, "code")->valuestring;
        const char *where = cJSON_GetObjectItem(it, "where_label")->valuestring;
        const char *level = cJSON_GetObjectItem(it, "level_label")->valuestring;
        int line = cJSON_GetObjectItem(it, "line")->valueint;
        if (strcmp(code, "C010") == 0)
            assert_string_equal(where, "全文"), seen |= 1;
        else if (line == 14)
            assert_string_equal(where, "清单1"), seen |= 2;
        else if (line == 11)
            assert_string_equal(where, "清单1第3项"), seen |= 4;
        /* --error C007: those are errors, the others warnings. */
        assert_string_equal(level, strcmp(code, "C007") == 0 ? "错误" : "警告");
    }
    assert_int_equal(seen, 7);
    cJSON_Delete(v);
    /* A company (司) naming its 局, and a bracket never opened: not one office. */
    assert_null(strstr(x.text, "and 某水务有限公司"));
    assert_null(strstr(x.text, "县交通运输局)"));
    bl_model_free(m);
}

static void previous_only_not_checked(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_document *d = bl_model_add_document(m, "prev.txt");
    d->previous_only = true;
    bl_list *l = bl_model_add_list(m, d, "县级", 1);
    project(m, l, "1", 1, "县交通运输局", -1);
    analyse(m);
    found x = {"", 0};
    bl_check_model(m, collect, &x);
    assert_int_equal(x.n, 0);
    /* Asked for by itself, it is checked. */
    bl_check_document(m, d, collect, &x);
    assert_non_null(strstr(x.text, "C007:1:"));
    bl_model_free(m);
}

static void code_lists(void **state)
{
    (void)state;
    assert_true(bl_check_code_listed("C001,C003", "C003"));
    assert_true(bl_check_code_listed("C001,C003", "C001"));
    assert_true(bl_check_code_listed("C003", "C003"));
    assert_false(bl_check_code_listed("C0031,C001", "C003"));
    assert_false(bl_check_code_listed("XC003", "C003"));
    assert_false(bl_check_code_listed("C00", "C003"));
    assert_false(bl_check_code_listed(NULL, "C003"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(findings),
        cmocka_unit_test(previous_only_not_checked),
        cmocka_unit_test(code_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
