/* pdf_changes.c - 与上期对比 of the briefing: the view's "changes" (the
 * same lists, figures and labels as the page's partials/changes.mustache),
 * laid out as the counts, a table per change list and the departments'
 * table; see pdf_internal.h. */
#include <stdio.h>

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

/* The change lists in the page's order, with its headings; columns: how
 * many of 序号, 项目内容, 上期, 本期, 变化 the page shows for it. */
static const struct {
    const char *key, *title;
    int columns;
    bool before; /* 序号 is the previous period's */
} kinds[] = {
    {"newly_done", "新完成", 4, false},
    {"newly_lagging", "新滞后", 4, false},
    {"recovered", "已追上序时", 4, false},
    {"stalled", "进展表述与上期相同", 2, false},
    {"movers", "完成率变化较大", 5, false},
    {"added", "本期新增", 2, false},
    {"removed", "上期有、本期未列", 2, true},
};

void pdf_changes_section(pdf *P)
{
    const cJSON *c = jget(P->view, "changes");
    bl_buf *b = pdf_comp_buf(P, 0);
    const char *prev = jstr(jget(c, "previous"), "period_label");
    if (prev)
        bl_buf_printf(b, "对照%s：", prev);
    bl_buf_printf(b,
                  "新完成%d项，新滞后%d项，已追上%d项，进展未更新%d项，新增%d项，"
                  "不再列出%d项。",
                  (int)jnum(c, "n_newly_done"), (int)jnum(c, "n_newly_lagging"),
                  (int)jnum(c, "n_recovered"), (int)jnum(c, "n_stalled"),
                  (int)jnum(c, "n_added"), (int)jnum(c, "n_removed"));
    pdf_paragraph(P, ST_BODY, bl_buf_cstr(b), false);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        const cJSON *items = jget(c, kinds[k].key);
        if (cJSON_GetArraySize(items) == 0)
            continue;
        pdf_heading(P, 2, kinds[k].title);
        pdf_plain_col cols[] = {{kinds[k].before ? "上期序号" : "序号", false, 4},
                                {"项目内容", true, 0},
                                {"上期完成率", false, 5},
                                {"本期完成率", false, 5},
                                {"变化", false, 5}};
        pdf_plain_table(P, cols, kinds[k].columns, items, item_cells);
    }
    const cJSON *depts = jget(c, "departments");
    if (cJSON_GetArraySize(depts) > 0) {
        pdf_heading(P, 2, "各单位变化");
        static const pdf_plain_col cols[] = {{"单位", true, 0},
                                             {"上期完成率", false, 5},
                                             {"本期完成率", false, 5},
                                             {"变化", false, 5},
                                             {"滞后项目变化", false, 8}};
        pdf_plain_table(P, cols, 5, depts, department_cells);
    }
}
