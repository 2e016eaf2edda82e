/* series.h - a year's reports of one office as a series (`bulletin site`,
 * issue 9.6): the documents put in period order before month-over-month
 * comparison (compare.h) pairs them.
 *
 * Order: by period (year, month) when every report names one, ties by
 * publish date and then argument order; else by publish date when every
 * report has one; else the order of the arguments. Either fallback is
 * warned about, and so are two reports of one period. Reports of more than
 * one office (two offices named, each by some report) are refused: a
 * series page is one office's, and reports of another would be compared
 * with it.
 *
 * Ownership: the documents stay in m's arena; only their order (m's list)
 * changes. A warning's message lives only during the callback, which
 * copies what it keeps.
 */
#ifndef BL_SERIES_H
#define BL_SERIES_H

#include "error.h"
#include "model.h"

/* A warning about doc (its source names it): "no period stated; ...". */
typedef void (*bl_series_warn_fn)(void *ctx, const bl_document *doc,
                                  const char *message);

/* Reorders m's documents (documents read only for --previous stay first)
 * and checks they are one office's. BL_EUSAGE with a message naming two
 * reports and their offices when they are not. */
int bl_series_order(bl_model *m, bl_series_warn_fn warn, void *ctx, bl_error *err);

#endif
