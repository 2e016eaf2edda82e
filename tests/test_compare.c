/* test_compare.c - month over month on hand-built models (compare.c): the
 * similarity of contents (bigrams over folded keys, one-character
 * contents, cut UTF-8), the change kinds' names, a report compared with
 * another office's (warned; no changes unless named by --previous), and
 * projects matched as renamed, added, stalled (entries without progress
 * skipped) or left unmatched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compare.h"

static void similarity(void **state)
{
    (void)state;
    bl_arena *a = bl_arena_new();
    assert_true(bl_compare_similarity(a, "新建学校", "新建学校") == 1);
    assert_true(bl_compare_similarity(a, NULL, "") == 1);
    /* Widths folded: the same key. */
    assert_true(bl_compare_similarity(a, "ＡＢ路改造", "AB路改造") == 1);
    /* 3 bigrams of 4 characters, 5 of 6, all 3 shared: 2*3/8. */
    assert_true(fabs(bl_compare_similarity(a, "新建学校", "新建学校项目") - 0.75) < 1e-9);
    /* One character is its own bigram. */
    assert_true(bl_compare_similarity(a, "桥", "路") == 0);
    assert_true(bl_compare_similarity(a, "", "桥") == 0);
    /* White space inside is not a character of the content. */
    assert_true(bl_compare_similarity(a, "新建 学校", "新建\t学校") == 1);
    /* A UTF-8 sequence cut by the end of the text is read as far as it goes. */
    double cut = bl_compare_similarity(a, "新建学\xE6\xA0", "新建学");
    assert_true(cut > 0.6 && cut < 1);
    bl_arena_free(a);
}

static void kind_names(void **state)
{
    (void)state;
    assert_string_equal(bl_change_kind_name(BL_CH_NEWLY_DONE), "newly_done");
    assert_string_equal(bl_change_kind_name(BL_CH_REMOVED), "removed");
    assert_null(bl_change_kind_name(BL_CH_COUNT));
}

static bl_project *project(bl_model *m, bl_list *l, const char *seq, const char *content,
                           const char *progress)
{
    bl_project *p = bl_model_add_project(m, l, seq, 1);
    p->content = content;
    bl_entry *e = bl_model_add_entry(m, p, 1);
    e->progress = progress;
    return p;
}

static bl_document *month(bl_model *m, const char *source, const char *office, int mo)
{
    bl_document *d = bl_model_add_document(m, source);
    d->office = office;
    d->year = 2023;
    d->month = mo;
    return d;
}

static void other_office(void **state)
{
    (void)state;
    for (int named = 0; named < 2; named++) {
        bl_model *m = bl_model_new();
        /* Given in the wrong order: compared in period order. */
        bl_document *cur = month(m, "oct.txt", "乙县政府办", 10);
        bl_document *prev = month(m, "sep.txt", "甲县政府办", 9);
        prev->previous_only = named;
        bl_list *pl = bl_model_add_list(m, prev, "甲", 1);
        bl_list *cl = bl_model_add_list(m, cur, "乙", 1);
        project(m, pl, "1", "新建城东小学", "主体完工");
        project(m, cl, "1", "新建城东小学", "主体完工");
        bl_error err = {0};
        assert_int_equal(bl_compare_apply(m, &err), BL_OK);
        assert_null(prev->changes);
        if (named) {
            /* --previous names it: compared, with the warning. */
            assert_non_null(cur->changes);
            assert_int_equal(cur->changes->n_warnings, 1);
            assert_non_null(strstr(cur->changes->warnings[0],
                                   "compared with sep.txt, issued by another office (甲县政府办)"));
            assert_ptr_equal(cl->projects->previous, pl->projects);
        } else {
            assert_null(cur->changes);
            assert_null(cl->projects->previous);
        }
        bl_model_free(m);
    }
}

static void matched_and_stalled(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    bl_document *prev = month(m, "sep.txt", NULL, 9);
    bl_document *cur = month(m, "oct.txt", "丙县政府办", 10);
    bl_list *pl = bl_model_add_list(m, prev, "县级", 1);
    bl_list *cl = bl_model_add_list(m, cur, "县级", 1);
    project(m, pl, "1", "新建城东小学教学楼", "主体完工");
    project(m, pl, "2", "城西道路改造提升工程", "完成路基");
    bl_project *p3 = project(m, pl, "3", "桥", NULL);
    bl_entry *e3 = bl_model_add_entry(m, p3, 2);
    e3->progress = "桥面铺装";
    project(m, pl, "4", "老旧小区供水管网改造", "招标中");
    bl_project *c1 = project(m, cl, "1", "新建城东小学教学楼", "主体完工");
    bl_project *c2 = project(m, cl, "2", "城西道路改造提升工程项目", "完成路基及管网");
    bl_project *c3 = project(m, cl, "3", "桥", NULL);
    bl_entry *f3 = bl_model_add_entry(m, c3, 2);
    f3->progress = "桥面铺装";
    bl_project *c5 = project(m, cl, "5", "城北公园", "设计中");
    bl_error err = {0};
    assert_int_equal(bl_compare_apply(m, &err), BL_OK);
    const bl_changes *ch = cur->changes;
    assert_non_null(ch);
    assert_ptr_equal(ch->previous, prev);
    assert_int_equal(ch->matched, 3);
    assert_int_equal(ch->renamed, 1);
    assert_int_equal(ch->n_warnings, 0);
    assert_ptr_equal(c1->previous, pl->projects);
    assert_ptr_equal(c2->previous, pl->projects->next);
    assert_ptr_equal(c3->previous, p3);
    assert_null(c5->previous);
    /* Stalled: the same progress (an entry without any on both sides does
     * not count against it); the renamed project's progress moved. */
    assert_int_equal(ch->n[BL_CH_STALLED], 2);
    assert_ptr_equal(ch->items[BL_CH_STALLED][0].p, c1);
    assert_ptr_equal(ch->items[BL_CH_STALLED][1].p, c3);
    assert_int_equal(ch->n[BL_CH_ADDED], 1);
    assert_ptr_equal(ch->items[BL_CH_ADDED][0].p, c5);
    assert_int_equal(ch->n[BL_CH_REMOVED], 1);
    assert_string_equal(ch->items[BL_CH_REMOVED][0].prev->seq, "4");
    bl_model_free(m);
}

/* Two reports of one list each, months mp then mc (0: no month). */
typedef struct pair_of {
    bl_document *prev, *cur;
    bl_list *pl, *cl;
} pair_of;

static pair_of two_reports(bl_model *m, const char *office, int mp, int mc)
{
    pair_of r;
    r.prev = month(m, "sep.txt", office, mp);
    r.cur = month(m, "oct.txt", office, mc);
    r.pl = bl_model_add_list(m, r.prev, "县级", 1);
    r.cl = bl_model_add_list(m, r.cur, "县级", 1);
    return r;
}

/* The change kinds from status, lag and rate; movers by the size of the
 * move (ties by line); a list of this period without one before it is all
 * added. */
static void changes_by_kind(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    pair_of r = two_reports(m, "丁县政府办", 9, 10);
    bl_document *cur = r.cur;
    bl_list *pl = r.pl, *cl = r.cl;
    static const char *const names[] = {"新建城东小学教学楼", "城西道路改造提升工程",
                                        "老旧小区供水管网改造", "城北公园绿道建设",
                                        "乡镇卫生院提升改造"};
    bl_project *P[5], *C[5];
    for (int i = 0; i < 5; i++) {
        char seq[4];
        snprintf(seq, sizeof seq, "%d", i + 1);
        P[i] = project(m, pl, bl_arena_strdup(m->arena, seq), names[i], "推进中");
        C[i] = project(m, cl, bl_arena_strdup(m->arena, seq), names[i], "推进中了");
        P[i]->line = i + 1;
        C[i]->line = i + 1;
    }
    /* 1: done by its rate now; 2: lagging now; 3: recovered. */
    C[0]->derived_status = BL_STATUS_DONE;
    P[0]->status = BL_STATUS_ON_SCHEDULE;
    C[1]->lagging = true;
    P[2]->lagging = true;
    /* Moves of 10, 30, 10 and 0.001 points. */
    const double before[] = {50, 40, 20, 60, 70}, after[] = {60, 70, 30, 60.001, 70};
    for (int i = 0; i < 4; i++) {
        P[i]->has_rate = C[i]->has_rate = true;
        P[i]->rate = before[i] / 100;
        C[i]->rate = after[i] / 100;
    }
    C[4]->status = BL_STATUS_AHEAD;
    P[4]->status = BL_STATUS_DONE; /* done both times: not newly */
    bl_list *extra = bl_model_add_list(m, cur, "乡镇级", 1);
    bl_project *x = project(m, extra, "1", "新建城东小学教学楼", NULL);
    bl_error err = {0};
    assert_int_equal(bl_compare_apply(m, &err), BL_OK);
    const bl_changes *ch = cur->changes;
    assert_non_null(ch);
    assert_int_equal(ch->matched, 5);
    assert_int_equal(ch->renamed, 0);
    assert_int_equal(ch->n[BL_CH_NEWLY_DONE], 1);
    assert_ptr_equal(ch->items[BL_CH_NEWLY_DONE][0].p, C[0]);
    assert_int_equal(ch->n[BL_CH_NEWLY_LAGGING], 1);
    assert_ptr_equal(ch->items[BL_CH_NEWLY_LAGGING][0].p, C[1]);
    assert_int_equal(ch->n[BL_CH_RECOVERED], 1);
    assert_ptr_equal(ch->items[BL_CH_RECOVERED][0].p, C[2]);
    assert_int_equal(ch->n[BL_CH_STALLED], 0); /* every progress text moved */
    assert_int_equal(ch->n[BL_CH_MOVERS], 3);
    assert_ptr_equal(ch->items[BL_CH_MOVERS][0].p, C[1]);
    assert_ptr_equal(ch->items[BL_CH_MOVERS][1].p, C[0]);
    assert_ptr_equal(ch->items[BL_CH_MOVERS][2].p, C[2]);
    assert_int_equal(ch->n[BL_CH_ADDED], 1);
    assert_ptr_equal(ch->items[BL_CH_ADDED][0].p, x);
    assert_ptr_equal(ch->items[BL_CH_ADDED][0].list, extra);
    assert_null(x->previous);
    assert_int_equal(ch->n[BL_CH_REMOVED], 0);
    bl_model_free(m);
}

/* Two previous projects about as similar to one of this period: the
 * better is taken and the match warned about (a missing sequence number
 * named "?"). */
static void ambiguous_match(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    pair_of r = two_reports(m, NULL, 9, 10);
    bl_document *cur = r.cur;
    bl_list *pl = r.pl, *cl = r.cl;
    bl_project *a = project(m, pl, "1", "城东小学教学楼建设甲", "招标");
    project(m, pl, "2", "城东小学教学楼建设乙", "招标");
    a->line = 4;
    bl_project *c = project(m, cl, NULL, "城东小学教学楼建设", "施工");
    c->line = 7;
    bl_error err = {0};
    assert_int_equal(bl_compare_apply(m, &err), BL_OK);
    const bl_changes *ch = cur->changes;
    assert_non_null(ch);
    assert_int_equal(ch->matched, 1);
    assert_ptr_equal(c->previous, a);
    assert_int_equal(ch->n_warnings, 1);
    assert_string_equal(ch->warnings[0],
                        "project ? (line 7) matched sep.txt's project 1 (line 4), "
                        "but another is about as similar");
    assert_int_equal(ch->n[BL_CH_REMOVED], 1);
    bl_model_free(m);
}

/* Past 250,000 candidate pairs only the same number or the same content is
 * compared: a renamed project under another number is then added, not
 * matched. Reports without a month keep the order given. */
static void large_lists(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    pair_of r = two_reports(m, NULL, 0, 0);
    bl_document *prev = r.prev, *cur = r.cur;
    bl_list *pl = r.pl, *cl = r.cl;
    enum { N = 501 };
    bl_project *last = NULL;
    for (int i = 0; i < N; i++) {
        char seq[8], content[64];
        snprintf(seq, sizeof seq, "%d", i + 1);
        snprintf(content, sizeof content, "第%d号村道硬化工程", i + 1);
        project(m, pl, bl_arena_strdup(m->arena, seq), bl_arena_strdup(m->arena, content),
                "施工");
        snprintf(seq, sizeof seq, "%d", i + (i == N - 1 ? 2 : 1));
        snprintf(content, sizeof content, "第%d号村道硬化工程%s", i + 1,
                 i == N - 1 ? "项目" : "");
        last = project(m, cl, bl_arena_strdup(m->arena, seq), bl_arena_strdup(m->arena, content),
                       "施工");
    }
    bl_error err = {0};
    assert_int_equal(bl_compare_apply(m, &err), BL_OK);
    const bl_changes *ch = cur->changes;
    assert_non_null(ch);
    assert_null(prev->changes);
    assert_int_equal(ch->matched, N - 1);
    assert_int_equal(ch->n[BL_CH_STALLED], N - 1);
    assert_int_equal(ch->n[BL_CH_ADDED], 1);
    assert_ptr_equal(ch->items[BL_CH_ADDED][0].p, last);
    assert_int_equal(ch->n[BL_CH_REMOVED], 1);
    /* The same pair in a small list matches (similarity 0.8). */
    assert_true(bl_compare_similarity(m->arena, "第501号村道硬化工程",
                                      "第501号村道硬化工程项目") >= BL_MATCH_MIN);
    bl_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(similarity),
        cmocka_unit_test(kind_names),
        cmocka_unit_test(other_office),
        cmocka_unit_test(matched_and_stalled),
        cmocka_unit_test(changes_by_kind),
        cmocka_unit_test(ambiguous_match),
        cmocka_unit_test(large_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
