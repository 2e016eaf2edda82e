/* pdf_checks.c - the 数据核查 appendix of the briefing (--checks, or the
 * internal edition): the findings of `bulletin check` from the view's
 * "checks" (checks_json.h), as a table; see pdf_internal.h. */
#include <stdio.h>

#include "pdf_internal.h"

static void finding_cells(pdf *P, const cJSON *it, const char **cells)
{
    cells[0] = nz(jstr(it, "code"));
    cells[1] = nz(jstr(it, "level_label"));
    cells[2] = nz(jstr(it, "where_label"));
    bl_buf *b = pdf_comp_buf(P, 0);
    if (jnum(it, "line") > 0)
        bl_buf_printf(b, "%d", (int)jnum(it, "line"));
    cells[3] = bl_buf_cstr(b);
    cells[4] = nz(jstr(it, "message_zh"));
}

void pdf_checks_appendix(pdf *P)
{
    const cJSON *checks = jget(P->view, "checks");
    int n = cJSON_GetArraySize(checks);
    if (n == 0) {
        pdf_paragraph(P, ST_BODY, "数据核查未发现问题。", false);
        return;
    }
    bl_buf *b = pdf_comp_buf(P, 0);
    bl_buf_printf(b, "以下%d条为 bulletin check 的核查结果，供内部核对，不对外发布。", n);
    pdf_paragraph(P, ST_BODY, bl_buf_cstr(b), false);
    static const pdf_plain_col cols[] = {{"代码", false, 4},
                                         {"级别", false, 3},
                                         {"清单/序号", false, 8},
                                         {"行", false, 4},
                                         {"说明", true, 0}};
    pdf_plain_table(P, cols, 5, checks, finding_cells);
}
