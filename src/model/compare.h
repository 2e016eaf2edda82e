/* compare.h - month over month: the reports of one office for consecutive
 * periods, each project matched with its previous period's (issue 9.3).
 *
 * Documents are put in period order (year, month; input order when a
 * period is missing) and each is compared with the one before it. Lists
 * pair by position. Within a pair of lists, projects match by the
 * similarity of their content keys (character bigrams, widths and variants
 * folded: one character changed still matches) with a bonus for the same
 * sequence number; a pair needs a similarity of at least BL_MATCH_MIN.
 * Matching is one to one, best pairs first; a project with two candidates
 * within BL_MATCH_TIE of each other is matched to the better one and
 * warned about. Nothing is matched silently: the unmatched are listed as
 * added or removed.
 *
 * Ownership: every bl_changes and its arrays live in the model's arena;
 * bl_project.previous points into the model.
 */
#ifndef BL_COMPARE_H
#define BL_COMPARE_H

#include <stddef.h>

#include "error.h"
#include "model.h"

#define BL_MATCH_MIN 0.6
#define BL_MATCH_TIE 0.02

/* What a change list holds. */
typedef enum bl_change_kind {
    BL_CH_NEWLY_DONE,    /* done or ahead now (status, else derived), not before */
    BL_CH_NEWLY_LAGGING, /* lagging now, not before */
    BL_CH_RECOVERED,     /* lagging before, not now */
    BL_CH_STALLED,       /* progress text as before and not done */
    BL_CH_MOVERS,        /* rated both times and the rate moved: by |change| */
    BL_CH_ADDED,         /* no match in the previous period (prev NULL) */
    BL_CH_REMOVED,       /* the previous period's, with no match now (p NULL) */
    BL_CH_COUNT
} bl_change_kind;

typedef struct bl_change {
    const bl_list *list;     /* the list p (or, for removed, prev) is in */
    const bl_project *p;     /* this period's project */
    const bl_project *prev;  /* the previous period's */
} bl_change;

typedef struct bl_changes {
    const bl_document *previous;
    size_t matched;          /* projects matched with one of the previous period */
    size_t renamed;          /* of those, with a content that differs */
    bl_change *items[BL_CH_COUNT];
    size_t n[BL_CH_COUNT];
    const char **warnings;   /* ambiguous matches, other offices */
    size_t n_warnings;
} bl_changes;

/* Sets d->changes and each project's previous for every document after the
 * first in period order. Documents with previous_only set take part. */
int bl_compare_apply(bl_model *m, bl_error *err);

/* Dice similarity of two texts' match keys over code point bigrams, 0..1
 * (1 for equal keys). For tests and the matcher. */
double bl_compare_similarity(bl_arena *a, const char *x, const char *y);

/* "kind" names: "newly_done", "newly_lagging", "recovered", "stalled",
 * "movers", "added", "removed". */
const char *bl_change_kind_name(bl_change_kind k);

#endif
