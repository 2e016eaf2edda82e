/* view.h - the one place that shapes the data templates and the PDF see.
 *
 * bl_view_document turns one analysed document into a cJSON tree: the model
 * plus display-ready fields ("86.2%", status labels, class names, counts,
 * anchors), so templates need no logic. The shape is documented in
 * docs/templates.md. Ownership: the caller frees the tree with cJSON_Delete.
 */
#ifndef BL_VIEW_H
#define BL_VIEW_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "model.h"

typedef struct bl_view_options {
    const char *generator; /* "bulletin 0.1.0" */
    /* Leave lists[].projects empty (summary, chart and lagging index are
     * still made): for readers that do not show the full table (bulletin
     * site's index); the view of 10,000 projects would take 100 MB. The
     * PDF and the split page take bl_view_document_rows instead. */
    bool omit_projects;
    /* The office's settings file (settings.h), or NULL: its name, logo,
     * colours, footer and contact become the view's "site" object. */
    const struct bl_settings *settings;
    /* The briefing's 数据核查 appendix (--checks, or the internal edition):
     * "checks" (checks_json.h) and "has_checks"; never for the public
     * page. check_errors: the codes at error level (--error), or NULL. */
    bool checks;
    const char *check_errors;
} bl_view_options;

cJSON *bl_view_document(bl_model *m, const bl_document *d,
                        const bl_view_options *opts);

/* Typed rows of the large tables: each list's projects and 督办清单 and the
 * document's 督办清单, kept as (project, ordinal) rows and made into cJSON a
 * range at a time, so a writer of a large report holds only the rows it
 * renders (as cJSON, a project takes about 10 KB).
 *
 * bl_view_document_rows gives the view with every lists[].projects,
 * lists[].lagging and the document's "lagging" empty (the flags, counts and
 * charts made as bl_view_document makes them; opts->omit_projects is
 * ignored), and *rows for them. Ownership: the caller frees the tree
 * (cJSON_Delete) and the rows (bl_view_rows_free); the rows borrow from the
 * model and from the tree's charts, so they are freed first or with it. */
typedef struct bl_view_rows bl_view_rows;

cJSON *bl_view_document_rows(bl_model *m, const bl_document *d,
                             const bl_view_options *opts, bl_view_rows **rows);

/* The rows of list (from 0; -1: the document's 督办清单), its 督办清单 or
 * its projects: their number, and [first, first + count) of them as a new
 * cJSON array (the same items bl_view_document puts there; count is cut to
 * what there is). The caller owns the array. */
size_t bl_view_rows_count(const bl_view_rows *r, int list, bool lagging);
cJSON *bl_view_rows_json(const bl_view_rows *r, int list, bool lagging, size_t first,
                         size_t count);

/* The i-th department of list (from 0) that has a row: the ordinal (from 1)
 * of the project holding its first row and its anchor ("dept-L-N", into the
 * tree's chart), set when i is below the count returned. */
size_t bl_view_rows_dept_firsts(const bl_view_rows *r, int list, size_t i,
                                size_t *ordinal, const char **id);

/* The i-th row of a 督办清单 (list as in bl_view_rows_count): the ordinal
 * (from 1) of its project and, in *list_index, its list's index (from 1):
 * its anchor is bl_view_project_anchor's. 0 past the end. */
size_t bl_view_rows_lag_ordinal(const bl_view_rows *r, int list, size_t i, int *list_index);

void bl_view_rows_free(bl_view_rows *r);

/* "215%", "214.75%", "86.2%": at most two decimals, trailing zeros dropped.
 * Writes into out (size >= 32). */
void bl_view_format_rate(double rate, char *out, size_t size);

/* "215%、214.75%": rates joined as both writers show an entry's. Writes
 * into out (truncated to size). */
void bl_view_rates_label(const double *rates, size_t n, char *out, size_t size);

/* "list-3-p2": the anchor of the ordinal-th project (from 1) of list
 * list_index, the same in the page and the briefing. */
void bl_view_project_anchor(int list_index, size_t ordinal, char *out, size_t size);

/* Chinese label of a status class: "提前完成", "已完成", ... */
const char *bl_view_status_label(bl_status_class s);

/* Chinese label of a level: "省级", "市级", "县级", ... ("" for none). */
const char *bl_view_level_label(bl_level level);

#endif
