/* test_view_odd.c - the view (view.c) and the briefing (write_pdf.c and
 * its tables) of a hand-built report with what the readers rarely give:
 * district and town lists, a list without a title, an empty list (no
 * mean: "—"), a project without entries but with a rate, an entry whose
 * lag reason is not in its progress text, indicators without a section
 * or a name. The view says each as the page shows it; the briefing of the
 * same report is written (pages, a whole PDF file). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "json_path.h"
#include "settings.h"
#include "view.h"
#include "write_pdf.h"

static bl_model *odd_report(void)
{
    bl_model *m = bl_model_new();
    bl_document *d = bl_model_add_document(m, "/nonexistent/odd.txt");
    d->stem = "odd";
    d->title = "2023年10月民生实事项目进展情况";
    d->year = 2023;
    d->month = 10;
    d->period_kind = BL_PERIOD_MONTH;
    bl_list *l1 = bl_model_add_list(m, d, "", 1);
    l1->level = BL_LEVEL_DISTRICT;
    bl_project *p1 = bl_model_add_project(m, l1, "1", 2);
    p1->content = "新建城东小学教学楼";
    bl_project *p2 = bl_model_add_project(m, l1, "2", 3);
    p2->content = "城西道路改造提升工程";
    bl_entry *e = bl_model_add_entry(m, p2, 3);
    e->department = "区交通运输局";
    e->leader = "王小强";
    e->planned = "完成路基";
    e->progress = "路基施工中，进度滞后";
    e->status_text = "滞后";
    bl_entry_add_rate(m, e, 40, BL_RATE_TEXT);
    bl_list *l2 = bl_model_add_list(m, d, "乡镇民生实事", 4);
    l2->level = BL_LEVEL_TOWN;
    bl_indicator *i1 = bl_model_add_indicator(m, d, NULL, "1", 5);
    i1->text = "新增托位200个";
    bl_indicator *i2 = bl_model_add_indicator(m, d, "幼有善育", "2", 6);
    i2->name = "每千人口拥有3岁以下婴幼儿托位数";
    i2->text = "达到4.5个，完成率90%";
    return m;
}

static bl_model *analysed(void)
{
    bl_model *m = odd_report();
    bl_error err = {0};
    bl_aliases *a = NULL;
    assert_int_equal(bl_aliases_new(&a, &err), BL_OK);
    assert_int_equal(bl_analyze(m, a, &err), BL_OK);
    bl_aliases_free(a);
    /* A rate stated for a project that has no entry rows. */
    m->documents->lists->projects->has_rate = true;
    m->documents->lists->projects->rate = 120;
    return m;
}

static void view_of_odd_report(void **state)
{
    (void)state;
    bl_model *m = analysed();
    cJSON *v = bl_view_document(m, m->documents, NULL);
    /* A list without a title is named by its position. */
    assert_string_equal(str(v, "lists.0.heading"), "项目清单1");
    assert_string_equal(str(v, "lists.0.level_label"), "区级");
    assert_string_equal(str(v, "lists.1.heading"), "乡镇民生实事");
    assert_string_equal(str(v, "lists.1.level_label"), "乡镇级");
    /* No projects: no mean, a dash for it. */
    assert_int_equal(at(v, "lists.1.summary.projects")->valueint, 0);
    assert_true(cJSON_IsNull(at(v, "lists.1.summary.rate_mean")));
    assert_string_equal(str(v, "lists.1.summary.rate_mean_label"), "—");
    /* The project without entries shows its own rate, its bar capped. */
    assert_string_equal(str(v, "lists.0.projects.0.rate_label"), "120%");
    assert_int_equal(at(v, "lists.0.projects.0.rate_bar")->valueint, 100);
    /* The lag reason is the text before the lag phrase. */
    assert_string_equal(str(v, "lists.0.projects.1.entries.0.behind_reason"), "路基施工中");
    /* Indicators without a section go under 其他指标, in source order. */
    assert_string_equal(str(v, "sections.0.heading"), "其他指标");
    assert_true(cJSON_IsNull(at(v, "sections.0.indicators.0.name")));
    assert_string_equal(str(v, "sections.1.heading"), "幼有善育");
    cJSON_Delete(v);
    bl_model_free(m);
}

static void briefing_of_odd_report(void **state)
{
    (void)state;
    bl_model *m = analysed();
    char dir[] = "/tmp/test_view_odd-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[1100];
    snprintf(path, sizeof path, "%s/odd.pdf", dir);
    for (int gongwen = 0; gongwen < 2; gongwen++) {
        bl_pdf_options o;
        memset(&o, 0, sizeof o);
        o.creation_epoch = 0;
        o.jobs = 1;
        o.style = gongwen ? "gongwen" : NULL;
        bl_pdf_stats st;
        memset(&st, 0, sizeof st);
        bl_error err = {0};
        int rc = bl_write_pdf(m, m->documents, path, &o, &st, &err);
        if (rc)
            fail_msg("bl_write_pdf: %s", err.message);
        assert_true(st.pages >= 1);
        FILE *fp = fopen(path, "rb");
        assert_non_null(fp);
        char head[5];
        assert_int_equal(fread(head, 1, 5, fp), 5);
        assert_memory_equal(head, "%PDF-", 5);
        fseek(fp, 0, SEEK_END);
        assert_int_equal(ftell(fp), st.bytes);
        fclose(fp);
    }
    /* An unknown style is refused before anything is written. */
    bl_pdf_options o;
    memset(&o, 0, sizeof o);
    o.style = "fancy";
    bl_pdf_stats st;
    bl_error err = {0};
    unlink(path);
    assert_int_equal(bl_write_pdf(m, m->documents, path, &o, &st, &err), BL_EUSAGE);
    assert_int_not_equal(access(path, F_OK), 0);
    rmdir(dir);
    bl_model_free(m);
}

/* The typed rows of the view: counts, ranges cut to what there is, the
 * departments' first rows and the 督办清单's ordinals, nothing past the
 * ends. */
static void rows_of_odd_report(void **state)
{
    (void)state;
    bl_model *m = analysed();
    bl_view_rows *r = NULL;
    cJSON *v = bl_view_document_rows(m, m->documents, NULL, &r);
    assert_non_null(r);
    assert_int_equal(cJSON_GetArraySize(at(v, "lists.0.projects")), 0);
    assert_int_equal(bl_view_rows_count(r, 0, false), 2);
    assert_int_equal(bl_view_rows_count(r, 1, false), 0);
    assert_int_equal(bl_view_rows_count(r, 2, false), 0);
    assert_int_equal(bl_view_rows_count(r, 0, true), 1);
    assert_int_equal(bl_view_rows_count(r, -1, true), 1);
    cJSON *a = bl_view_rows_json(r, 0, false, 1, 10);
    assert_int_equal(cJSON_GetArraySize(a), 1);
    assert_string_equal(str(a, "0.content"), "城西道路改造提升工程");
    cJSON_Delete(a);
    a = bl_view_rows_json(r, 0, false, 5, 1);
    assert_int_equal(cJSON_GetArraySize(a), 0);
    cJSON_Delete(a);
    a = bl_view_rows_json(r, -1, true, 0, 3);
    assert_int_equal(cJSON_GetArraySize(a), 1);
    assert_string_equal(str(a, "0.content"), "城西道路改造提升工程");
    cJSON_Delete(a);
    size_t ordinal = 0;
    const char *id = NULL;
    assert_int_equal(bl_view_rows_dept_firsts(r, 0, 0, &ordinal, &id), 1);
    assert_int_equal(ordinal, 2);
    assert_string_equal(id, "dept-1-1");
    ordinal = 0;
    assert_int_equal(bl_view_rows_dept_firsts(r, 0, 1, &ordinal, &id), 1);
    assert_int_equal(ordinal, 0); /* past the end: not set */
    assert_int_equal(bl_view_rows_dept_firsts(r, -1, 0, &ordinal, &id), 0);
    assert_int_equal(bl_view_rows_dept_firsts(r, 2, 0, &ordinal, &id), 0);
    int li = 0;
    assert_int_equal(bl_view_rows_lag_ordinal(r, 0, 0, &li), 2);
    assert_int_equal(li, 1);
    li = 0;
    assert_int_equal(bl_view_rows_lag_ordinal(r, -1, 0, &li), 2);
    assert_int_equal(li, 1);
    assert_int_equal(bl_view_rows_lag_ordinal(r, 0, 1, &li), 0);
    assert_int_equal(bl_view_rows_lag_ordinal(r, 1, 0, &li), 0);
    bl_view_rows_free(r);
    bl_view_rows_free(NULL);
    cJSON_Delete(v);
    bl_model_free(m);
}

static void labels(void **state)
{
    (void)state;
    static const char *const levels[] = {"", "省级", "市级", "县级", "区级", "乡镇级"};
    const bl_level lv[] = {BL_LEVEL_NONE, BL_LEVEL_PROVINCE, BL_LEVEL_CITY,
                           BL_LEVEL_COUNTY, BL_LEVEL_DISTRICT, BL_LEVEL_TOWN};
    for (int i = 0; i < 6; i++)
        assert_string_equal(bl_view_level_label(lv[i]), levels[i]);
    char buf[64];
    const double rates[] = {215, 214.75, 86.2, 0, 99.999};
    const char *want[] = {"215%", "214.75%", "86.2%", "0%", "100%"};
    for (int i = 0; i < 5; i++) {
        bl_view_format_rate(rates[i], buf, sizeof buf);
        assert_string_equal(buf, want[i]);
    }
    bl_view_rates_label(rates, 2, buf, sizeof buf);
    assert_string_equal(buf, "215%、214.75%");
    bl_view_rates_label(rates, 0, buf, sizeof buf);
    assert_string_equal(buf, "");
}

/* The settings' site: any one field makes it, colours only from accent or
 * secondary, internal only from that edition; the logo as a data URI. */
static void site_of_settings(void **state)
{
    (void)state;
    bl_model *m = analysed();
    bl_settings st;
    memset(&st, 0, sizeof st);
    bl_view_options o = {.settings = &st};
    cJSON *v = bl_view_document(m, m->documents, &o);
    assert_true(cJSON_IsFalse(at(v, "has_site")));
    assert_null(cJSON_GetObjectItem(v, "site"));
    cJSON_Delete(v);
    st.contact = "联系人：张三";
    st.edition = "public";
    v = bl_view_document(m, m->documents, &o);
    assert_true(cJSON_IsTrue(at(v, "has_site")));
    assert_string_equal(str(v, "site.contact"), "联系人：张三");
    assert_true(cJSON_IsNull(at(v, "site.name")));
    assert_true(cJSON_IsFalse(at(v, "site.has_colours")));
    assert_true(cJSON_IsFalse(at(v, "site.internal")));
    assert_null(cJSON_GetObjectItem(at(v, "site"), "logo"));
    cJSON_Delete(v);
    st.contact = NULL;
    st.secondary = "#336699";
    st.edition = "internal";
    unsigned char logo[] = {'<', 's', 'v', 'g', '/', '>'};
    st.logo = logo;
    st.logo_len = sizeof logo;
    st.logo_type = "image/svg+xml";
    v = bl_view_document(m, m->documents, &o);
    assert_true(cJSON_IsTrue(at(v, "site.has_colours")));
    assert_true(cJSON_IsTrue(at(v, "site.internal")));
    assert_string_equal(str(v, "site.logo"), "data:image/svg+xml;base64,PHN2Zy8+");
    cJSON_Delete(v);
    bl_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(view_of_odd_report),
        cmocka_unit_test(rows_of_odd_report),
        cmocka_unit_test(labels),
        cmocka_unit_test(site_of_settings),
        cmocka_unit_test(briefing_of_odd_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
