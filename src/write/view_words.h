/* view_words.h - the wording the HTML page and the PDF briefing share,
 * made once as parts of the view (view.c adds them; docs/templates.md
 * documents them): section headings and field labels ("labels"), the
 * columns of the tables in display order ({"key", "header", "col_KEY":
 * true}), the summary figures of a list. Neither writer holds a label of
 * its own for these.
 *
 * Ownership: every function returns a new cJSON tree (or adds to the one
 * given) that the caller owns or that goes with its parent.
 */
#ifndef BL_VIEW_WORDS_H
#define BL_VIEW_WORDS_H

#include <stdbool.h>

#include <cjson/cJSON.h>

/* The document's "labels" object; schedule_label ("75.0%") or NULL makes
 * "lagging_scope" and "schedule_line". */
cJSON *bl_view_labels(const char *schedule_label);

/* One word of "labels" by its key ("unit" → "项"); "" for an unknown key. */
const char *bl_view_word(const char *key);

/* The full project table's columns, in display order. */
cJSON *bl_view_columns(void);

/* The 督办清单's columns; the optional ones only when asked for. */
cJSON *bl_view_lag_columns(bool leader, bool next_plan, bool deadline);

/* The indicator table's columns (the briefing's; the page lists them). */
cJSON *bl_view_indicator_columns(void);

/* Adds "figures" to a list's summary (as made by view.c): label, value,
 * unit, class and stress of each figure, in display order. */
void bl_view_add_figures(cJSON *summary);

#endif
