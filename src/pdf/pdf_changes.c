/* pdf_changes.c - 与上期对比 of the briefing: the view's "changes" (the
 * same lists, figures and labels as the page's partials/changes.mustache),
 * laid out as the counts, a table per change list and the departments'
 * table; see pdf_internal.h. */
#include <stdio.h>
#include <string.h>

#include "pdf_internal.h"

/* A row of a change list: 序号 (上期 for removed), 项目内容, the rates. */
static void item_cells(pdf *P, const cJSON *it, const char **cells)
{
    (void)P;
    const char *seq = jstr(it, "seq");
    cells[0] = nz(seq ? seq : jstr(it, "seq_before"));
    cells[1] = nz(jstr(it, "content"));
    cells[2] = nz(jstr(it, "rate_before_label"));
    cells[3] = nz(jstr(it, "rate_now_label"));
    cells[4] = nz(jstr(it, "rate_change_label"));
}

static void department_cells(pdf *P, const cJSON *it, const char **cells)
{
    cells[0] = nz(jstr(it, "key"));
    cells[1] = nz(jstr(it, "rate_before_label"));
    cells[2] = nz(jstr(it, "rate_now_label"));
    cells[3] = nz(jstr(it, "rate_change_label"));
    bl_buf *b = pdf_comp_buf(P, 0);
    bl_buf_printf(b, "%d → %d（%s）", (int)jnum(it, "lagging_before"), (int)jnum(it, "lagging"),
                  nz(jstr(it, "lagging_change_label")));
    cells[4] = bl_buf_cstr(b);
}

/* The change lists in the page's order, with its headings (label keys of
 * the view); columns: how many of 序号, 项目内容, 上期, 本期, 变化 the
 * page shows for it. */
static const struct {
    const char *key, *title;
    int columns;
    bool before; /* 序号 is the previous period's */
} kinds[] = {
    {"newly_done", "ch_newly_done", 4, false},
    {"newly_lagging", "ch_newly_lagging", 4, false},
    {"recovered", "ch_recovered_title", 4, false},
    {"stalled", "ch_stalled_title", 2, false},
    {"movers", "ch_movers_title", 5, false},
    {"added", "ch_added_title", 2, false},
    {"removed", "ch_removed_title", 2, true},
};

/* The header of the view's column key ("序号", "项目内容"), as the full
 * table's. */
static const char *column_header(const pdf *P, const char *key)
{
    const cJSON *col;
    cJSON_ArrayForEach(col, jget(P->view, "columns"))
    {
        const char *k = jstr(col, "key");
        if (k && strcmp(k, key) == 0)
            return nz(jstr(col, "header"));
    }
    return "";
}

void pdf_changes_section(pdf *P)
{
    const cJSON *c = jget(P->view, "changes");
    bl_buf *b = pdf_comp_buf(P, 0);
    const char *prev = jstr(jget(c, "previous"), "period_label");
    if (prev)
        bl_buf_printf(b, "%s%s：", pdf_word(P, "ch_against"), prev);
    /* the page's figures as one sentence: 新完成3项，新滞后1项，… */
    static const char *const counts[][2] = {
        {"ch_newly_done", "n_newly_done"}, {"ch_newly_lagging", "n_newly_lagging"},
        {"ch_recovered", "n_recovered"},   {"ch_stalled", "n_stalled"},
        {"ch_added", "n_added"},           {"ch_removed", "n_removed"}};
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++)
        bl_buf_printf(b, "%s%s%d%s", k ? "，" : "", pdf_word(P, counts[k][0]),
                      (int)jnum(c, counts[k][1]), pdf_word(P, "unit"));
    bl_buf_puts(b, "。");
    pdf_paragraph(P, ST_BODY, bl_buf_cstr(b), false);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        const cJSON *items = jget(c, kinds[k].key);
        if (cJSON_GetArraySize(items) == 0)
            continue;
        pdf_heading(P, 2, pdf_word(P, kinds[k].title));
        pdf_plain_col cols[] = {{kinds[k].before ? pdf_word(P, "ch_seq_before")
                                                 : column_header(P, "seq"), false, 4},
                                {column_header(P, "content"), true, 0},
                                {pdf_word(P, "ch_rate_before"), false, 5},
                                {pdf_word(P, "ch_rate_now"), false, 5},
                                {pdf_word(P, "ch_change"), false, 5}};
        pdf_plain_table(P, cols, kinds[k].columns, items, item_cells);
    }
    const cJSON *depts = jget(c, "departments");
    if (cJSON_GetArraySize(depts) > 0) {
        pdf_heading(P, 2, pdf_word(P, "ch_departments"));
        const pdf_plain_col cols[] = {{pdf_word(P, "ch_department"), true, 0},
                                      {pdf_word(P, "ch_rate_before"), false, 5},
                                      {pdf_word(P, "ch_rate_now"), false, 5},
                                      {pdf_word(P, "ch_change"), false, 5},
                                      {pdf_word(P, "ch_lagging_change"), false, 8}};
        pdf_plain_table(P, cols, 5, depts, department_cells);
    }
}
