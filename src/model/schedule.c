/* schedule.c - the time schedule and the lag criteria; see schedule.h. */
#include "schedule.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis.h"
#include "rate.h"

bool bl_schedule_of(const bl_document *d, double *out)
{
    int month = d->month;
    if (month <= 0 && d->period_kind == BL_PERIOD_YEAR)
        month = 12;
    if (month <= 0 || month > 12)
        return false;
    /* To one decimal, as printed (83.3%): a rate of 83.3% at 10月 is on
     * schedule, not 0.03 points behind a figure nobody sees. */
    *out = round(month * 1000.0 / 12.0) / 10.0;
    return true;
}

static bool says_not_started(const bl_project *p)
{
    for (const bl_entry *e = p->entries; e; e = e->next)
        if (e->status_text && strstr(e->status_text, "未开工"))
            return true;
    return false;
}

static bool is_done(bl_status_class s)
{
    return s == BL_STATUS_AHEAD || s == BL_STATUS_DONE;
}

static void lag_project(const bl_document *d, const bl_lag_options *o,
                        bl_project *p)
{
    p->lag = 0;
    p->derived_status = BL_STATUS_UNKNOWN;
    p->has_shortfall = d->has_schedule && p->has_rate;
    p->shortfall = p->has_shortfall ? d->schedule - p->rate : 0;
    if (p->behind)
        p->lag |= BL_LAG_TEXT;
    if (p->status == BL_STATUS_NOT_DONE || p->status == BL_STATUS_PARTIAL ||
        says_not_started(p))
        p->lag |= BL_LAG_STATUS;
    bool below = p->has_shortfall && p->shortfall > o->tolerance + 1e-9;
    if (!o->no_schedule && below && !is_done(p->status))
        p->lag |= BL_LAG_SCHEDULE;
    if (p->status == BL_STATUS_UNKNOWN && p->has_shortfall)
        p->derived_status = p->rate >= 100.0 ? BL_STATUS_DONE
                            : below          ? BL_STATUS_BEHIND
                                             : BL_STATUS_ON_SCHEDULE;
    p->lagging = p->lag != 0;
}

int bl_schedule_apply(bl_model *m, const bl_lag_options *opts, bl_error *err)
{
    bl_lag_options defaults = {false, 0};
    const bl_lag_options *o = opts ? opts : &defaults;
    if (!isfinite(o->tolerance) || o->tolerance < 0)
        return bl_error_set(err, BL_EUSAGE, NULL, 0,
                            "--lag-tolerance must be a number of points >= 0");
    for (bl_document *d = m->documents; d; d = d->next) {
        d->has_schedule = bl_schedule_of(d, &d->schedule);
        if (!d->has_schedule)
            d->schedule = 0;
        for (bl_list *l = d->lists; l; l = l->next)
            for (bl_project *p = l->projects; p; p = p->next)
                lag_project(d, o, p);
    }
    return BL_OK;
}

void bl_schedule_reason(const bl_document *d, const bl_project *p, char *out,
                        size_t size)
{
    out[0] = '\0';
    if (!(p->lag & BL_LAG_SCHEDULE))
        return;
    char rate[48];
    bl_rate_format(p->rate, rate, sizeof rate);
    snprintf(out, size, "完成率%s，低于序时进度%.1f%%", rate, d->schedule);
}
