/* checks_json.h - the findings of `bulletin check` (check.h) as cJSON,
 * shared by `bulletin check --format json` and the view's 数据核查 appendix
 * of the briefing, so both list the same findings.
 *
 * Ownership: each function returns a new tree the caller owns.
 */
#ifndef BL_CHECKS_JSON_H
#define BL_CHECKS_JSON_H

#include <cjson/cJSON.h>

#include "model.h"

/* The findings of d (NULL: of every document not previous_only), in the
 * order bl_check_model gives them:
 * [{"file", "line" (null without one), "code", "level" ("warning", or
 *   "error" for the codes in error_codes, comma-separated, may be NULL),
 *   "message", "list" (index from 1, or null), "list_title", "seq",
 *   "project_line" (null for a finding on the whole document)}].
 * *n_errors (if not NULL) gets the number at error level. */
cJSON *bl_findings_json(bl_model *m, const bl_document *d, const char *error_codes,
                        int *n_errors);

/* The view's "checks" of d: bl_findings_json's items, each with
 * "level_label" (警告, 错误) and "where_label" (清单1第3项, 全文). */
cJSON *bl_checks_view(bl_model *m, const bl_document *d, const char *error_codes);

#endif
