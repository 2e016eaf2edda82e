/* site_view.h - what the templates of `bulletin site` see (issue 9.6): the
 * year's index (site_index.html.mustache) and the previous/next links of
 * each period's page (site_page.html.mustache). Shapes in docs/templates.md.
 *
 * The figures are the bulletin's own: each period's summary from its lists
 * (bl_list_summarize, as on its page), what changed from the month-over-
 * month comparison (compare.h, d->changes), departments from the roll-up
 * per document (bl_departments_of_document, as in 与上期对比). Lists of
 * different periods are one series by position, departments by key, as
 * compare.h pairs them.
 *
 * Ownership: each function returns (or adds to view) cJSON the caller owns;
 * pages are borrowed.
 */
#ifndef BL_SITE_VIEW_H
#define BL_SITE_VIEW_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "model.h"
#include "view.h"

/* One period of the site: its document and its files' names in the site
 * directory ("2023-08.html"), pdf NULL when none is written. */
typedef struct bl_site_page {
    const bl_document *d;
    const char *html;
    const char *pdf;
} bl_site_page;

/* The index of pages[0..n) (in period order). o: generator and settings. */
cJSON *bl_site_index_view(bl_model *m, const bl_site_page *pages, size_t n,
                          const bl_view_options *o);

/* Adds "series" to page i's bulletin view: {"index_href", "position",
 * "count", "pdf_href", "prev": {"href", "label"} | null, "next": …}. */
void bl_site_add_nav(cJSON *view, const bl_site_page *pages, size_t n, size_t i);

/* name as a relative URL: bytes other than A-Z a-z 0-9 - . _ ~ as %XX. */
void bl_site_href(const char *name, char *out, size_t size);

#endif
