/* analysis.h - derived fields of the model: status classes, department keys,
 * effective rates, project status, and department roll-ups.
 *
 * Runs once after every document was read; fills the "derived" fields of
 * model.h in place (allocating in the model's arena). Pure with respect to
 * its inputs: the same model gives the same result.
 */
#ifndef BL_ANALYSIS_H
#define BL_ANALYSIS_H

#include "departments.h"
#include "error.h"
#include "model.h"
#include "schedule.h"
#include "status.h"

/* aliases may be NULL (rules only); words may be NULL (the built-in status
 * vocabulary). An entry's status is its status phrase's class; without a
 * status phrase, that of a status column kept among its extra fields
 * (是否达序: 否), else the status its progress text states
 * (bl_status_words_of_text). An entry is behind when its status is, or when
 * its progress text says so (the reader's flag is kept). */
int bl_analyze_with(bl_model *m, const bl_aliases *aliases,
                    const bl_status_words *words, bl_error *err);
/* Recomputes the lag criteria (schedule.h) with opts (NULL: defaults) and
 * the department roll-up; bl_analyze_with ends with it. */
int bl_analyze_lag(bl_model *m, const bl_lag_options *opts, bl_error *err);
/* bl_analyze_with and the built-in status vocabulary. */
int bl_analyze(bl_model *m, const bl_aliases *aliases, bl_error *err);

/* Roll-up of one list, one document, or everything (list == NULL and
 * doc == NULL): a sorted (by key) linked list allocated in m's arena. */
bl_department *bl_departments_of_list(bl_model *m, const bl_list *list);
bl_department *bl_departments_of_document(bl_model *m, const bl_document *d);

/* Counts of projects per status class within a list. */
typedef struct bl_list_summary {
    size_t projects;
    size_t entries;
    size_t status_counts[BL_STATUS_COUNT]; /* by project status */
    size_t behind;  /* projects flagged behind */
    size_t lagging; /* behind, not done or partial */
    size_t rated;
    double rate_mean; /* mean effective rate (capped at 100); valid if rated */
} bl_list_summary;

void bl_list_summarize(const bl_list *list, bl_list_summary *out);

/* True when the project belongs in the lagging index (督办清单): any of
 * the criteria of schedule.h (set by bl_analyze, or bl_schedule_apply). */
bool bl_project_is_lagging(const bl_project *p);

#endif
