/* pdf_briefing.c - the briefing's content: the title block, then 总体情况
 * (period, summary figures per list), 各单位完成率 (a chart per list),
 * 督办清单 (the lagging projects), 与上期对比 (pdf_changes.c), 重点指标
 * (narrative reports' indicators), from a new page 项目进展明细 (the full
 * tables), and with --checks the 数据核查 appendix (pdf_checks.c); see
 * write_pdf.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "key_table.h"
#include "pdf_internal.h"

static const char *const cn_numbers[] = {"一", "二", "三", "四", "五", "六",
                                         "七", "八", "九", "十"};

/* "一", ..., "十", "十一", ... "九十九" */
static void cn_number(int n, char *out, size_t size)
{
    if (n >= 1 && n <= 10)
        snprintf(out, size, "%s", cn_numbers[n - 1]);
    else if (n > 10 && n < 20)
        snprintf(out, size, "十%s", cn_numbers[n - 11]);
    else if (n >= 20 && n < 100)
        snprintf(out, size, "%s十%s", cn_numbers[n / 10 - 1],
                 n % 10 ? cn_numbers[n % 10 - 1] : "");
    else
        snprintf(out, size, "%d", n);
}

/* A scratch string for composing cell i of a row (valid until the next
 * row). */
bl_buf *pdf_comp_buf(pdf *P, size_t i)
{
    if (i >= P->n_comp) {
        size_t n = i + 8;
        P->comp = xrealloc(P->comp, n * sizeof *P->comp);
        for (size_t k = P->n_comp; k < n; k++)
            bl_buf_init(&P->comp[k]);
        P->n_comp = n;
    }
    bl_buf_reset(&P->comp[i]);
    return &P->comp[i];
}

/* ---- title block and summary ------------------------------------------- */

static void title_block(pdf *P)
{
    cJSON *v = P->view;
    pdf_masthead(P);
    /* A report without a title gets no heading (none is invented); its
     * outline entry still needs a name: the page title's generic label. */
    const char *title = jstr(v, "title");
    const bl_lay_place *pl =
        title ? pdf_paragraph(P, ST_TITLE, title, true) : NULL;
    if (pl && !P->failed)
        pdf_add_outline(P, CAIRO_PDF_OUTLINE_ROOT, nz(title), pl, false);
    bl_buf *b = pdf_comp_buf(P, 0);
    const char *office = jstr(v, "office");
    const char *period = jstr(v, "period_label");
    const char *published = jstr(v, "published");
    if (P->pg.gongwen) {
        pdf_space(P, P->st[ST_BODY].pitch * 0.5);
        if (office || published) {
            bl_buf_printf(b, "（%s%s%s）", nz(office),
                          office && published ? "　" : "", nz(published));
            pdf_paragraph(P, ST_SUB, bl_buf_cstr(b), false);
        }
        pdf_space(P, P->st[ST_BODY].pitch * 0.5);
        return;
    }
    pdf_space(P, 6);
    if (office)
        bl_buf_printf(b, "%s：%s", pdf_word(P, "office"), office);
    if (period)
        bl_buf_printf(b, "%s%s：%s", b->len ? "　　" : "", pdf_word(P, "period"), period);
    if (published)
        bl_buf_printf(b, "%s%s：%s", b->len ? "　　" : "", pdf_word(P, "published"),
                      published);
    if (b->len)
        pdf_paragraph(P, ST_SUB, bl_buf_cstr(b), false);
    /* the double rule under an office's document head */
    const bl_lay_place *r = pdf_block(P, BL_LAY_BLOCK, 9, false, NULL, 0, 0);
    if (r) {
        pdf_canvas *cv = P->cv;
        double y = P->pg.top + r->y + 4;
        const double *accent = pdf_accent(P);
        if (accent)
            cv_set_source_rgb(cv, accent[0], accent[1], accent[2]);
        cv_set_line_width(cv, 1.6);
        cv_move_to(cv, P->pg.left, y);
        cv_line_to(cv, P->pg.left + P->pg.body_w, y);
        cv_stroke(cv);
        cv_set_line_width(cv, 0.5);
        cv_move_to(cv, P->pg.left, y + 2.6);
        cv_line_to(cv, P->pg.left + P->pg.body_w, y + 2.6);
        cv_stroke(cv);
        cv_set_source_rgb(cv, 0, 0, 0);
    }
}


/* The written 通报 of the report or of a list: the page's partial as plain
 * text (summary_text.h), never a sentence composed here. */
static void tongbao_paragraph(pdf *P, const cJSON *o)
{
    const char *text = jstr(o, "tongbao_text");
    if (text && *text)
        pdf_paragraph(P, ST_BODY, text, false);
}

/* Summary figures of a list: its 通报 paragraph when the report has several
 * (the one at the top is the report's), then a row of boxes from the
 * view's figures (default style; gongwen has the paragraph only). */
static void summary_figures(pdf *P, const cJSON *list)
{
    const cJSON *s = jget(list, "summary");
    if (jbool(P->view, "has_several_lists"))
        tongbao_paragraph(P, list);
    if (P->pg.gongwen)
        return;
    /* the view's figures (view_words.c), as the page shows them */
    const cJSON *figs = jget(s, "figures");
    int n = cJSON_GetArraySize(figs);
    if (n == 0)
        return;

    tstyle *sn = &P->st[ST_FIGNUM], *sl = &P->st[ST_FIGLABEL];
    double gap = 5, w = (P->pg.body_w - gap * (n - 1)) / n;
    double h = 6 + sn->pitch + sl->pitch + 6;
    const bl_lay_place *pl = pdf_block(P, BL_LAY_BLOCK, h, false, NULL, 0, 0);
    if (pl) {
        pdf_canvas *cv = P->cv;
        for (int i = 0; i < n; i++) {
            const cJSON *f = cJSON_GetArrayItem(figs, i);
            double x = P->pg.left + i * (w + gap), y = P->pg.top + pl->y;
            cv_set_source_rgb(cv, 0.95, 0.95, 0.95);
            cv_rectangle(cv, x, y, w, h);
            cv_fill(cv);
            cv_set_source_rgb(cv, 0, 0, 0);
            cv_set_line_width(cv, jbool(f, "stress") ? 1.4 : 0.5);
            cv_rectangle(cv, x, y, w, h);
            cv_stroke(cv);
            pdf_lay_text(&P->lo, NULL, P->scratch, sn, nz(jstr(f, "value")), w, false);
            if (pdf_secondary(P))
                pdf_show_rgb(P, P->scratch, sn, x, y + 5, pdf_secondary(P));
            else
                pdf_show(P, P->scratch, sn, x, y + 5);
            pdf_lay_text(&P->lo, NULL, P->scratch, sl, nz(jstr(f, "label")), w, false);
            pdf_show(P, P->scratch, sl, x, y + 5 + sn->pitch);
        }
    }
}

/* ---- the charts --------------------------------------------------------- */

/* The department keys of the list's entries (so the table holds the anchor
 * a bar links to). */
static void list_keys(const bl_list *ml, bl_key_table *t)
{
    size_t n = 0;
    for (const bl_project *p = ml ? ml->projects : NULL; p; p = p->next)
        n += p->n_entries;
    bl_key_table_init(t, n);
    for (const bl_project *p = ml ? ml->projects : NULL; p; p = p->next)
        for (const bl_entry *e = p->entries; e; e = e->next)
            if (e->department_key)
                bl_key_table_put(t, e->department_key, NULL);
}

static void department_chart(pdf *P, const cJSON *list, const bl_list *ml,
                             PangoLayout *cl)
{
    const cJSON *depts = jget(jget(list, "chart"), "departments");
    int n = cJSON_GetArraySize(depts);
    if (n == 0) {
        pdf_paragraph(P, ST_BODY, pdf_word(P, "chart_none"), false);
        return;
    }
    bl_chart_bar *bars = xrealloc(NULL, (size_t)n * sizeof *bars);
    char (*counts)[48] = xrealloc(NULL, (size_t)n * sizeof *counts);
    int i = 0;
    bl_key_table in_list = {0};
    if (P->pass == 2)
        list_keys(ml, &in_list);
    const cJSON *d;
    cJSON_ArrayForEach(d, depts)
    {
        bl_chart_bar *b = &bars[i];
        b->name = nz(jstr(d, "name"));
        b->label = nz(jstr(d, "rate_label"));
        snprintf(counts[i], sizeof counts[i], "%s", nz(jstr(d, "counts_label")));
        b->counts = counts[i];
        b->has_rate = jbool(d, "has_rate");
        b->rate = jnum(d, "rate_capped");
        b->cls = bl_chart_class_from_name(jstr(d, "class"));
        const char *id = jstr(d, "id"), *key = jstr(d, "key");
        b->dest = P->pass == 2 && id && key && bl_key_table_find(&in_list, key)->key ? id : NULL;
        i++;
    }
    bl_key_table_free(&in_list);
    const cJSON *sched = jget(P->view, "schedule");
    double schedule = cJSON_IsObject(sched) ? jnum(sched, "rate") : -1;
    bl_chart_words words = {.name_head = pdf_word(P, "chart_name"),
                            .counts_head = pdf_word(P, "chart_counts"),
                            .schedule = jstr(jget(P->view, "labels"), "schedule_line")};
    for (int k = 0; k < 4; k++)
        words.legend[k] = nz(jstr(cJSON_GetArrayItem(jget(jget(P->view, "labels"), "legend"), k),
                                  "label"));
    tstyle *s = &P->st[ST_CHART];
    double name_w, label_w, counts_w, line_h;
    bl_chart_measure(cl, bars, n, &words, &name_w, &label_w, &counts_w, &line_h);
    bl_chart_geom g;
    bl_chart_layout(P->pg.left, P->pg.body_w, s->size, line_h, name_w,
                    label_w, counts_w, schedule, &g);
    g.bar_rgb = pdf_secondary(P);
    g.sched_rgb = pdf_accent(P);
    const bl_lay_place *pl =
        pdf_block(P, BL_LAY_HEAD, g.head_h, false, NULL, 0, 0);
    if (pl)
        bl_chart_paint_head(P->cv, &g, P->pg.top + pl->y, cl, &words);
    for (i = 0; i < n; i++) {
        double h = bl_chart_row_height(&g, cl, &bars[i]);
        pl = pdf_block(P, BL_LAY_ROW, h, false, NULL, 0, 0);
        if (!pl || P->failed)
            continue;
        if (pl->head_before)
            bl_chart_paint_head(P->cv, &g, P->pg.top, cl, &words);
        bl_chart_paint_row(P->cv, &g, P->pg.top + pl->y, h, cl, &bars[i]);
    }
    pdf_table_end(P);
    free(bars);
    free(counts);
}

/* ---- the document ------------------------------------------------------ */

static void section_title(int n, const char *name, char *out, size_t size)
{
    char num[32];
    cn_number(n, num, sizeof num);
    snprintf(out, size, "%s、%s", num, name);
}

static void list_heading(pdf *P, int i, const cJSON *list)
{
    char num[32], title[1024];
    cn_number(i, num, sizeof num);
    snprintf(title, sizeof title, "（%s）%s", num, nz(jstr(list, "heading")));
    pdf_heading(P, 2, title);
}

/* The period and the time-schedule rate every figure is read against. */
static void period_note(pdf *P)
{
    const cJSON *sched = jget(P->view, "schedule");
    const char *period = jstr(P->view, "period_label");
    if (!period && !cJSON_IsObject(sched))
        return;
    bl_buf *b = pdf_comp_buf(P, 0);
    if (period)
        bl_buf_printf(b, "%s：%s", pdf_word(P, "period"), period);
    if (cJSON_IsObject(sched))
        bl_buf_printf(b, "%s%s", b->len ? "，" : "", pdf_word(P, "schedule_line"));
    bl_buf_puts(b, "。");
    pdf_paragraph(P, ST_BODY, bl_buf_cstr(b), false);
}

void pdf_flow_document(pdf *P)
{
    const cJSON *v = P->view, *lists = jget(v, "lists"), *list;
    char title[256];
    int sec = 0, i;
    P->outline_section = CAIRO_PDF_OUTLINE_ROOT;
    title_block(P);
    bool has_lists = cJSON_GetArraySize(lists) > 0;
    if (has_lists) {
        tongbao_paragraph(P, v); /* the briefing opens with the 通报 */
        section_title(++sec, pdf_word(P, "overview"), title, sizeof title);
        pdf_heading(P, 1, title);
        period_note(P);
        i = 0;
        /* gongwen with one list: the opening paragraph is that list's */
        bool per_list = !P->pg.gongwen || jbool(v, "has_several_lists");
        cJSON_ArrayForEach(list, lists)
        {
            if (!per_list)
                break;
            list_heading(P, ++i, list);
            summary_figures(P, list);
        }

        section_title(++sec, pdf_word(P, "chart"), title, sizeof title);
        pdf_heading(P, 1, title);
        PangoLayout *cl = pango_layout_new(P->ctx);
        pango_layout_set_font_description(cl, P->st[ST_CHART].font);
        i = 0;
        const bl_list *ml = P->doc->lists;
        cJSON_ArrayForEach(list, lists)
        {
            list_heading(P, ++i, list);
            department_chart(P, list, ml, cl);
            ml = ml ? ml->next : NULL;
        }
        g_object_unref(cl);

        section_title(++sec, pdf_word(P, "lagging"), title, sizeof title);
        pdf_heading(P, 1, title);
        bl_buf *scope = pdf_comp_buf(P, 0);
        bl_buf_printf(scope, "%s。%s", pdf_word(P, "lagging_scope"),
                      jbool(v, "has_lagging") ? pdf_word(P, "lagging_order") : "");
        /* the scope line stays with the first table (no heading and line
         * alone at the foot of a page) */
        pdf_paragraph(P, ST_BODY, bl_buf_cstr(scope), jbool(v, "has_lagging"));
        if (!jbool(v, "has_lagging"))
            pdf_paragraph(P, ST_BODY, pdf_word(P, "lagging_none"), false);
        i = 0;
        cJSON_ArrayForEach(list, lists)
        {
            i++;
            if (!jbool(list, "has_lagging"))
                continue;
            list_heading(P, i, list);
            pdf_lagging_table(P, list);
        }
        if (jbool(v, "has_changes")) {
            section_title(++sec, pdf_word(P, "changes"), title, sizeof title);
            pdf_heading(P, 1, title);
            pdf_changes_section(P);
        }
    }
    const cJSON *sections = jget(v, "sections");
    if (cJSON_GetArraySize(sections) > 0) {
        section_title(++sec, pdf_word(P, "indicators"), title, sizeof title);
        pdf_heading(P, 1, title);
        const cJSON *s;
        table t;
        pdf_indicator_spec(P, sections, &t);
        i = 0;
        cJSON_ArrayForEach(s, sections)
        {
            char num[32], t2[512];
            cn_number(++i, num, sizeof num);
            snprintf(t2, sizeof t2, "（%s）%s", num, nz(jstr(s, "heading")));
            pdf_heading(P, 2, t2);
            pdf_indicator_table(P, &t, s);
        }
    }
    if (has_lists) {
        /* the full tables are the annex: in the gongwen style on a page of
         * their own (GB/T 9704-2012: 附件另面编排); elsewhere they follow on,
         * so no page is left mostly empty (issue 10.2) */
        if (P->pg.gongwen)
            pdf_page_break(P);
        section_title(++sec, pdf_word(P, "details"), title, sizeof title);
        pdf_heading(P, 1, title);
        i = 0;
        const bl_list *ml = P->doc->lists;
        cJSON_ArrayForEach(list, lists)
        {
            list_heading(P, ++i, list);
            if (ml) {
                pdf_project_table(P, list, ml);
                ml = ml->next;
            }
        }
    }
    if (cJSON_IsArray(jget(v, "checks"))) {
        section_title(++sec, "数据核查（内部）", title, sizeof title);
        pdf_heading(P, 1, title);
        pdf_checks_appendix(P);
    }
}
