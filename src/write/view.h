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
     * still made): the PDF reads the full table from the model, and the
     * view of 10,000 projects would take tens of MB. */
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
