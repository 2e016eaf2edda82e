/* test_read_pipe.c - the pipe-table reader: rows quoted from examples/002
 * (short rows are merged cells), then the whole seed against issue 2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "seeds.h"
#include "alloc.h"
#include "write_json.h"

#define HEADER "项 目 内 容 | 8月计划进度 | 实际进度情况 | 完成率 | 责任 单位 | 具体分管领导 |\n"

static bl_model *read_fixture(const char *text)
{
    bl_model *m = bl_model_new();
    bl_error err = {0};
    assert_int_equal(seed_text(m, "fixture.txt", text, "pipe", &err), BL_OK);
    return m;
}

/* Which cells are missing is told by what the others hold. */
static void merged_cells(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        HEADER
        "(1)吸收60所符合前置条件的民办等级幼儿园为“公助园”。 | 意向园正式递交加入公助园的报告。 | 新吸收8所公助园,总数达到了60所。完成率达100%。 | 72% | 市教育局 | 王旭良 |\n"
        "(2)组建教共体70对以上。 | 5对跨地区教共体(小学)继续常态化开展活动。 | 一是超额完成2022年省政府民生实事项目。 | 72% | 王小强 |\n"
        "(8)打造示范型村社区居家养老服务照料中心17个。 | 第一批8家投入使用。 | 已完成12个(剩余5个计划9月底完成)。 | 72% | 市民政局 | 倪庆渊 |\n"
        "(9)建设老年食堂助餐点22个。 | ∕ | 已完成。 | 100% |\n");
    assert_int_equal(m->documents->month, 8);
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 4);
    bl_entry *e1 = seed_entry(seed_project(l, "1"), 0);
    assert_string_equal(e1->department, "市教育局");
    assert_string_equal(e1->leader, "王旭良");
    assert_string_equal(e1->planned, "意向园正式递交加入公助园的报告。");
    /* The column states the rate; the text's 完成率达100% is not used. */
    assert_int_equal(e1->n_rates, 1);
    assert_true(e1->rates[0] == 72);
    assert_int_equal(e1->rate_source, BL_RATE_COLUMN);
    /* A name after the rate is the leader: the department is merged. */
    bl_entry *e2 = seed_entry(seed_project(l, "2"), 0);
    assert_string_equal(e2->leader, "王小强");
    assert_string_equal(e2->department, "市教育局");
    assert_true(e2->department_carried);
    /* Both merged: carried from #8; ∕ is an empty plan; the progress
     * cell is a status phrase. */
    bl_entry *e9 = seed_entry(seed_project(l, "9"), 0);
    assert_string_equal(e9->department, "市民政局");
    assert_string_equal(e9->leader, "倪庆渊");
    assert_null(e9->planned);
    assert_string_equal(e9->status_text, "已完成。");
    assert_true(e9->rates[0] == 100);
    bl_model_free(m);
}

/* A full row has nothing merged: its cells are taken where the header puts
 * them even when they look like nothing in particular (a department or a
 * leader holding markup must still be kept, and escaped later). */
static void full_row_is_positional(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        HEADER
        "(6)全市265家幼儿园安装智安校园预警防控系统<script>alert(1)</script> | 全面铺开建设\"&'<> | 一期190万招投标已完成 | 45%,建设量未达节点要求,滞后进度。 | 市公安局alert(1) | 刘寅初\"&'<> |\n");
    bl_entry *e = seed_entry(seed_project(seed_list(m, 0), "6"), 0);
    assert_string_equal(e->department, "市公安局alert(1)");
    assert_string_equal(e->leader, "刘寅初\"&'<>");
    assert_string_equal(e->planned, "全面铺开建设\"&'<>");
    assert_true(e->rates[0] == 45);
    assert_true(e->behind);
    bl_model_free(m);
}

/* A row without (N) is the previous project's next entry; it has no
 * content cell, and "市市政公用工程建设" is a department by its place. */
static void continuation_row(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        HEADER
        "(22)新增城市绿道20公里(中心区管委会负责9公里、市政公用中心负责11公里) | 11公里绿道完成进度80% | 11公里绿道完成进度80%。 | 72% | 市市政公用工程建设 | 郑鹏 |\n"
        "9公里绿道完成进度80% | 9公里绿道完成进度至80%。 | 72% | 乐成中心城区管委会 | 徐祥忠 |\n");
    bl_project *p = seed_project(seed_list(m, 0), "22");
    assert_int_equal(p->n_entries, 2);
    assert_string_equal(seed_entry(p, 0)->department, "市市政公用工程建设");
    assert_string_equal(seed_entry(p, 0)->leader, "郑鹏");
    bl_entry *e = seed_entry(p, 1);
    assert_string_equal(e->department, "乐成中心城区管委会");
    assert_string_equal(e->leader, "徐祥忠");
    assert_false(e->department_carried);
    assert_string_equal(e->planned, "9公里绿道完成进度80%");
    assert_string_equal(e->progress, "9公里绿道完成进度至80%。");
    assert_int_equal(e->line, 3);
    bl_model_free(m);
}

static void lagging_rate_cell(void **state)
{
    (void)state;
    bl_model *m = read_fixture(
        HEADER
        "(13)完成道路堵点整治3个。 | 未计划8月进度。 | 堵点:按计划推进。 | 63%,育英路未按计划完工,滞后进度 | 市治堵办 | 陈文周 |\n");
    bl_entry *e = seed_entry(seed_project(seed_list(m, 0), "13"), 0);
    assert_true(e->rates[0] == 63);
    assert_true(e->behind);
    assert_string_equal(e->behind_reason, "育英路未按计划完工");
    assert_string_equal(e->status_text, "滞后进度");
    bl_model_free(m);
}

static void bad_rows(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_error err = {0};
    /* A first row without a number is a project without one. */
    assert_int_equal(seed_text(m, "nonum.txt", HEADER "没有编号的行 | 文字 | 72% |\n", "pipe", &err),
                     BL_OK);
    assert_null(m->documents->lists->projects->seq);
    assert_string_equal(m->documents->lists->projects->content, "没有编号的行");
    bl_model_free(m); /* start again for the next case */
    m = bl_model_new();
    /* No header naming the columns. */
    assert_int_equal(seed_text(m, "bad2.txt", "a | b | c |\nd | e | f |\n", "pipe", &err),
                     BL_EINPUT);
    assert_int_equal(m->n_documents, 0);
    bl_model_free(m);
}

/* ---- the whole seed ---- */

static void seed_projects(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_PIPE, false);
    bl_document *d = m->documents;
    assert_string_equal(d->format, "pipe");
    assert_int_equal(d->n_lists, 1);
    assert_int_equal(d->month, 8);
    assert_int_equal(d->year, 0);
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 47);
    bl_project *p22 = seed_project(l, "22");
    assert_int_equal(p22->n_entries, 2);
    assert_string_equal(seed_entry(p22, 0)->department, "市市政公用工程建设");
    assert_string_equal(seed_entry(p22, 1)->department, "乐成中心城区管委会");
    assert_string_equal(seed_entry(p22, 1)->leader, "徐祥忠");
    bl_entry *e9 = seed_entry(seed_project(l, "9"), 0);
    assert_string_equal(e9->department, "市民政局");
    assert_string_equal(e9->leader, "倪庆渊");
    assert_true(e9->department_carried);
    bl_entry *e13 = seed_entry(seed_project(l, "13"), 0);
    assert_true(e13->rates[0] == 63 && e13->behind);
    assert_string_equal(e13->behind_reason, "育英路未按计划完工");
    assert_int_equal(e13->rate_source, BL_RATE_COLUMN);
    bl_entry *e6 = seed_entry(seed_project(l, "6"), 0);
    assert_true(e6->rates[0] == 45 && e6->behind);
    assert_string_equal(e6->behind_reason, "建设量未达节点要求");
    /* Every entry has a department and a column rate. */
    for (bl_project *p = l->projects; p; p = p->next)
        for (bl_entry *e = p->entries; e; e = e->next) {
            assert_non_null(e->department);
            assert_non_null(e->leader);
            assert_int_equal(e->rate_source, BL_RATE_COLUMN);
        }
    bl_model_free(m);
}

/* A pipe table far longer than the reader's slice of rows, with a second
 * table whose title and header fall at each place around a slice's end:
 * read a slice at a time and as one whole grid (m->keep_grids, parse
 * --grid), the models are the same, JSON byte for byte. */
static char *long_pipes(size_t first_rows)
{
    bl_buf b = BL_BUF_INIT;
    bl_buf_puts(&b, "2023年10月县民生实事项目进展情况\n" HEADER);
    for (size_t i = 1; i <= first_rows; i++) {
        if (i % 3)
            bl_buf_printf(&b, "(%zu)新建公园%zu个。 | 完成前期。 | 已完工。 | %zu%% | 县住建局 | 王军 |\n",
                          i, i, i % 100);
        else /* merged department and leader cells */
            bl_buf_printf(&b, "(%zu)新建道路%zu条。 | ∕ | 进度滞后,受征地影响。 | %zu%% |\n",
                          i, i, i % 100);
    }
    bl_buf_puts(&b, "2023年10月镇民生实事项目进展情况\n" HEADER);
    for (size_t i = 1; i <= 40; i++)
        bl_buf_printf(&b, "(%zu)改造农房%zu户。 | 完成前期。 | 正在推进。 | %zu%% | 罗阳镇 | 李强 |\n",
                      i, i, i);
    bl_buf_puts(&b, "(41)新建桥梁1座。 | 完成前期。 |\n"); /* cut off */
    char *text = bl_strdup(bl_buf_cstr(&b));
    bl_buf_free(&b);
    return text;
}

static char *json_of(const char *text, bool keep_grids, bool *has_grid, size_t *projects)
{
    bl_model *m = bl_model_new();
    m->keep_grids = keep_grids;
    bl_error err = {0};
    assert_int_equal(bl_read_bytes_into(m, "long.txt", text, strlen(text), "pipe", &err), BL_OK);
    assert_int_equal(bl_analyze(m, NULL, &err), BL_OK);
    bl_buf out = BL_BUF_INIT;
    assert_int_equal(bl_write_json(m, &out, &err), BL_OK);
    *has_grid = m->documents->grid != NULL;
    *projects = 0;
    for (const bl_list *l = m->documents->lists; l; l = l->next)
        *projects += l->n_projects;
    char *json = bl_strdup(bl_buf_cstr(&out));
    bl_buf_free(&out);
    bl_model_free(m);
    return json;
}

static void slices_read_as_whole(void **state)
{
    (void)state;
    /* grid rows: the title, the header, then the rows; the second title
     * lands on rows 4092..4097 of the first slice of 4,096 */
    for (size_t first = 4090; first <= 4095; first++) {
        char *text = long_pipes(first);
        bool grid_whole, grid_sliced;
        size_t n_whole, n_sliced;
        char *whole = json_of(text, true, &grid_whole, &n_whole);
        char *sliced = json_of(text, false, &grid_sliced, &n_sliced);
        assert_true(grid_whole);
        assert_false(grid_sliced);
        assert_true(n_whole >= first + 40);
        assert_int_equal(n_sliced, n_whole);
        assert_non_null(strstr(whole, "镇民生实事项目进展情况"));
        assert_non_null(strstr(whole, "in the middle of a row"));
        assert_string_equal(sliced, whole);
        free(whole);
        free(sliced);
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(merged_cells),
        cmocka_unit_test(full_row_is_positional),
        cmocka_unit_test(continuation_row),
        cmocka_unit_test(lagging_rate_cell),
        cmocka_unit_test(bad_rows),
        cmocka_unit_test(seed_projects),
        cmocka_unit_test(slices_read_as_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
