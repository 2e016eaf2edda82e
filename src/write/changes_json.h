/* changes_json.h - month over month as cJSON (compare.h), shared by the
 * JSON writer and the view so both say the same.
 *
 * Ownership: each function returns a new tree the caller owns (or adds to
 * a parent, which then owns it).
 */
#ifndef BL_CHANGES_JSON_H
#define BL_CHANGES_JSON_H

#include <cjson/cJSON.h>

#include "model.h"

/* d's changes against its previous period, or a JSON null for the first:
 * {"previous": {"source", "period_label"}, "matched", "renamed",
 *  "newly_done": [item], "newly_lagging", "recovered", "stalled",
 *  "movers": [item] (all, largest change first), "added", "removed",
 *  "departments": [{"key", "rate_before", "rate", "rate_change",
 *                   "lagging_before", "lagging", "lagging_change"}],
 *  "warnings": ["…"]}
 * where item = {"list", "seq", "content", "line", "seq_before", "line_before",
 * "rate_before", "rate", "rate_change"} (absent sides null). */
cJSON *bl_changes_json(bl_model *m, const bl_document *d);

/* p's history, oldest period first and p's own last:
 * [{"period_label", "rate", "status", "lagging"}]; d is p's document.
 * A single element when p has no previous. */
cJSON *bl_history_json(const bl_document *d, const bl_project *p);

/* "2024年6月" (or "2024年", "6月", "") from d's period, into out. */
void bl_period_label(const bl_document *d, char *out, size_t size);

#endif
