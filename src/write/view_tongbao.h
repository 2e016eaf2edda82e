/* view_tongbao.h - the figures of the written 通报 paragraph in the view
 * (issue 9.5): what templates/partials/summary_text.mustache says, per list
 * and for the whole report. The wording is the partial's; this file only
 * gives it counts, shares and labels formatted as the page formats them
 * (bl_view_format_rate), so an office changes the sentence with
 * --templates and never needs C. The fields are in docs/templates.md.
 *
 * Ownership: the objects added belong to the view they are added to.
 */
#ifndef BL_VIEW_TONGBAO_H
#define BL_VIEW_TONGBAO_H

#include <cjson/cJSON.h>

#include "model.h"

/* Adds "tongbao" to view (the whole report; null when d has no list) and
 * to each object of view's "lists" (in d's list order), and the page's
 * "has_several_lists". view is bl_view_document's tree for d. */
void bl_view_add_tongbao(cJSON *view, const bl_document *d);

/* The subject a title names for the paragraph: the title without a leading
 * period ("2023年10月") and trailing words of the report's kind
 * ("进展情况汇总表"): "县政府民生实事项目". A substring of the title as
 * printed; NULL when nothing is left or title is NULL. Caller frees. */
char *bl_tongbao_subject(const char *title);

#endif
