/* schedule.h - the time schedule (序时进度) of a report's period, and which
 * projects lag: the 督办清单 criteria of issue 9.
 *
 * The schedule of a period that ends in month m is m/12 of the year, to one
 * decimal
 * (10月, 1-9月, 二季度 = 6/12, 上半年 = 6/12, 全年 = 12/12); a period
 * without a month has none. A project lags (bl_project.lag) when
 *   BL_LAG_TEXT      its text or status phrase says it is behind;
 *   BL_LAG_STATUS    its status is 未完成 or 部分完成, or a status phrase
 *                    says 未开工;
 *   BL_LAG_SCHEDULE  its effective rate is below the schedule by more than
 *                    the tolerance (unless its status says it is done or
 *                    ahead: that contradiction is for `bulletin check`).
 * A project without any status (no phrase, column or wording) gets a
 * derived status from its rate against the schedule (derived_status):
 * done at 100, on schedule when not below it, behind otherwise. It is
 * shown as derived, never as printed.
 *
 * Ownership: nothing is allocated; fields of the model are set in place.
 */
#ifndef BL_SCHEDULE_H
#define BL_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "model.h"

typedef struct bl_lag_options {
    bool no_schedule; /* --no-schedule-lag: leave BL_LAG_SCHEDULE out */
    double tolerance; /* --lag-tolerance: points below the schedule allowed */
} bl_lag_options;

/* The schedule of d's period in percent, to one decimal as printed (83.3
 * for 10月); false when d names no month. */
bool bl_schedule_of(const bl_document *d, double *out);

/* Sets each document's schedule and each project's lag fields; opts NULL
 * means the defaults (schedule on, tolerance 0). bl_analyze calls it with
 * the defaults; calling it again with other options recomputes. A negative
 * or non-finite tolerance is a usage error. */
int bl_schedule_apply(bl_model *m, const bl_lag_options *opts, bl_error *err);

/* "完成率37.5%，低于序时进度50.0%": the schedule reason of p in d, into
 * out (size >= 96). Empty when p has no schedule shortfall. */
void bl_schedule_reason(const bl_document *d, const bl_project *p, char *out,
                        size_t size);

#endif
