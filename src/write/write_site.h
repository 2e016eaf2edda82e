/* write_site.h - `bulletin site`: a year's reports of one office as a small
 * static site (issue 9.6). Into one directory: DIR/<stem>.html per period
 * (the bulletin page, from site_page.html.mustache: the bulletin with links
 * to the previous and next periods, the index and its PDF), DIR/<stem>.pdf
 * beside it (written by the caller's callback: the PDF stage lies above
 * this one) and DIR/index.html (site_index.html.mustache, site_view.h).
 *
 * The model's documents must be in period order (series.h) and compared
 * (compare.h). All files are one batch of io.h under the directory's lock:
 * every one of them is written, or none.
 *
 * Ownership: m is the caller's; paths handed to `written` are valid during
 * the call only.
 */
#ifndef BL_WRITE_SITE_H
#define BL_WRITE_SITE_H

#include "error.h"
#include "model.h"
#include "write_html.h"

/* Writes d's PDF briefing to path (atomically, through io.h). */
typedef int (*bl_site_pdf_fn)(void *ctx, bl_model *m, const bl_document *d,
                              const char *path, bl_error *err);

typedef struct bl_site_options {
    const char *dir;          /* the site directory, created if missing */
    bl_html_options html;     /* templates and settings (fragment ignored) */
    const char *generator;    /* "bulletin 0.1.0" */
    bl_site_pdf_fn pdf;       /* NULL: no PDFs (and no links to them) */
    void *pdf_ctx;
    /* Called for each file once all are in place, in the order written. */
    void (*written)(void *ctx, const char *path);
    void *written_ctx;
} bl_site_options;

/* The page and index templates of the built-in set. */
#define BL_SITE_PAGE_TEMPLATE "site_page.html.mustache"
#define BL_SITE_INDEX_TEMPLATE "site_index.html.mustache"

/* A report named index would be written over by the index: BL_EUSAGE. */
int bl_write_site(bl_model *m, const bl_site_options *o, bl_error *err);

#endif
