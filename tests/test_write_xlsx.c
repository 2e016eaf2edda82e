/* test_write_xlsx.c - the Excel ledger on a model built by hand with what
 * the examples rarely hold: several rates (one that two decimals cannot
 * show), two extra fields of one name and one named like a fixed column,
 * co-departments, a carried department, a stated lag, investments, a
 * project without entries, indicators, warnings, the period; and list
 * titles that Excel cannot take as sheet names (too long, []:*?/\, twice,
 * none, a fixed sheet's name). The ledger must read back to the same model
 * and its sheet names must be valid and unique. */
#define _GNU_SOURCE /* mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "grid.h"
#include "reader.h"
#include "write_json.h"
#include "write_xlsx.h"

#define LONG_TITLE "2023年[城区]:重点*项目?/清单\\第一部分超过三十一个字符的很长很长的标题名称"

static void build(bl_model *m)
{
    bl_document *d = bl_model_add_document(m, "hand.txt");
    d->stem = "hand";
    d->title = "某县2023年1-9月民生实事项目进展情况";
    d->office = "某县人民政府办公室";
    d->published = "2023-10-12";
    d->year = 2023;
    d->month = 9;
    d->month_from = 1;
    d->period_kind = BL_PERIOD_RANGE;
    bl_list *l = bl_model_add_list(m, d, LONG_TITLE, 3);
    l->level = BL_LEVEL_COUNTY;
    bl_project *p = bl_model_add_project(m, l, "1", 10);
    p->content = "新建公办幼儿园3所\n改扩建中小学食堂2所";
    p->category = "一、幼有善育";
    bl_entry *e = bl_model_add_entry(m, p, 10);
    e->department = "县教育局";
    e->leader = "张三";
    bl_entry_add_co_department(m, e, "县财政局");
    bl_entry_add_co_department(m, e, "县住建局");
    e->target = "幼儿园3所";
    e->planned = "完成主体工程";
    e->status_text = "已完成。";
    e->progress = "已完成主体工程，完成率72.5%，食堂完成33.3333%";
    bl_entry_add_rate(m, e, 72.5, BL_RATE_TEXT);
    bl_entry_add_rate(m, e, 33.3333, BL_RATE_TEXT);
    bl_entry_add_extra(m, e, "备注", "第一条");
    bl_entry_add_extra(m, e, "备注", "第二条");
    bl_entry_add_extra(m, e, "完成率", "80%");
    e = bl_model_add_entry(m, p, 11);
    e->department = "县教育局";
    e->department_carried = true;
    e->progress = "进度滞后，资金未到位";
    e->behind = true;
    e->behind_reason = "资金未到位";
    e->has_investment = true;
    e->investment_planned = 1.25;
    e->investment_actual = 1.0 / 3;
    e->investment_unit = "亿元";
    bl_entry_add_rate(m, e, 100.0 / 3, BL_RATE_COLUMN);
    p = bl_model_add_project(m, l, NULL, 12);
    p->content = "仅有内容的项目";
    l = bl_model_add_list(m, d, LONG_TITLE, 20);
    p = bl_model_add_project(m, l, "(1)", 21);
    p->content = "改造老旧小区";
    e = bl_model_add_entry(m, p, 21);
    e->department = "县住建局";
    e->status_text = "正常推进";
    l = bl_model_add_list(m, d, NULL, 30);
    p = bl_model_add_project(m, l, "1", 31);
    e = bl_model_add_entry(m, p, 31); /* an entry with nothing stated */
    l = bl_model_add_list(m, d, "警告", 40);
    bl_indicator *ind = bl_model_add_indicator(m, d, "幼有善育", "1", 50);
    ind->name = "每千人口拥有3岁以下婴幼儿托位数";
    ind->text = "达4.5个，完成率112.5%";
    ind->values = bl_arena_alloc(m->arena, 2 * sizeof *ind->values);
    ind->values[0] = 4.5;
    ind->values[1] = 0.1 + 0.2;
    ind->n_values = 2;
    ind->rates = bl_arena_alloc(m->arena, sizeof *ind->rates);
    ind->rates[0] = 112.5;
    ind->n_rates = 1;
    bl_document_warn(m, d, 0, "the whole document: %s", "a note");
    bl_document_warn(m, d, 7, "a row that fits no column");
}

/* The model's JSON without where it was read from. */
static cJSON *model_json(bl_model *m)
{
    bl_error err = {0};
    bl_aliases *a = NULL;
    bl_buf out = BL_BUF_INIT;
    assert_int_equal(bl_aliases_new(&a, &err), BL_OK);
    assert_int_equal(bl_analyze(m, a, &err), BL_OK);
    bl_aliases_free(a);
    assert_int_equal(bl_write_json(m, &out, &err), BL_OK);
    cJSON *j = cJSON_Parse(bl_buf_cstr(&out));
    bl_buf_free(&out);
    assert_non_null(j);
    cJSON *doc = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "documents"), 0);
    const char *where[] = {"source", "stem", "format", "encoding"};
    for (int i = 0; i < 4; i++)
        cJSON_DeleteItemFromObject(doc, where[i]);
    return j;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void round_trip(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_write_xlsx.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/ledger.xlsx", dir);

    bl_model *m = bl_model_new();
    build(m);
    cJSON *before = model_json(m);
    bl_error err = {0};
    bl_xlsx_options o = {.creation_epoch = -1};
    assert_int_equal(bl_write_xlsx(m, m->documents, path, &o, &err), BL_OK);
    bl_model_free(m);

    m = bl_model_new();
    assert_int_equal(bl_read_file_into(m, path, NULL, &err), BL_OK);
    cJSON *after = model_json(m);
    /* As text: cJSON_Compare finds only the first of two keys of one name. */
    char *a = cJSON_Print(before), *b = cJSON_Print(after);
    if (strcmp(a, b) != 0) {
        fprintf(stderr, "written:\n%s\nread back:\n%s\n", a, b);
        fail_msg("the ledger reads back differently (both printed above)");
    }

    free(a);
    free(b);

    /* The sheets' names: the reader puts each before its rows. */
    const char *names[8];
    size_t n = 0;
    const bl_grid *g = m->documents->grid;
    for (size_t i = 0; i < g->n && n < 8; i++)
        if (g->rows[i].chrome && g->rows[i].line == 0)
            names[n++] = g->rows[i].cells[0].text;
    assert_int_equal(n, 7);
    for (size_t i = 0; i < n; i++) {
        assert_true(utf8_chars(names[i]) <= 31);
        assert_null(strpbrk(names[i], "[]:*?/\\"));
        for (size_t k = 0; k < i; k++)
            assert_true(strcmp(names[i], names[k]) != 0);
    }
    assert_true(strncmp(names[0], "2023年_城区__重点_项目__清单_第一部分", 20) == 0);
    assert_int_equal(utf8_chars(names[0]), 31);
    assert_true(strstr(names[1], "(2)") != NULL);
    assert_string_equal(names[2], "清单3");
    assert_string_equal(names[3], "警告(2)");
    assert_string_equal(names[5], "警告");

    cJSON_Delete(before);
    cJSON_Delete(after);
    bl_model_free(m);
    unlink(path);
    rmdir(dir);
}

static void no_directory(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    build(m);
    bl_error err = {0};
    bl_xlsx_options o = {.creation_epoch = 0};
    assert_int_not_equal(bl_write_xlsx(m, m->documents, "/nonexistent-dir/l.xlsx", &o, &err),
                         BL_OK);
    assert_non_null(strstr(err.message, "cannot"));
    bl_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(no_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
