/* status.h - status classes from the Chinese status phrases, and the
 * "behind schedule" wording of progress text.
 *
 * Pure functions on UTF-8 text (ASCII or full-width punctuation); the only
 * allocation is bl_behind_reason's result, in the arena it is given.
 */
#ifndef BL_STATUS_H
#define BL_STATUS_H

#include <stdbool.h>

#include "arena.h"
#include "model.h"

/* The class of a status phrase: "提前完成年度任务。" -> AHEAD,
 * "未完成。" -> NOT_DONE, "已全部完成。" -> DONE; UNKNOWN otherwise. */
bl_status_class bl_status_classify(const char *phrase);

/* True when a cell holds nothing but a status phrase: short, no digits, no
 * clause punctuation inside, and of a known class. "已完成。" is one;
 * "已完成创建,等待省局验收" is progress text. */
bool bl_status_is_phrase(const char *cell);

/* True when text states that work lags: 滞后, 慢序时, 推进缓慢, 进度缓慢. */
bool bl_text_says_behind(const char *text);

/* Why the work lags, from the clauses of text before the lagging phrase,
 * leaving out bare rates ("63%") and dates ("截至10月初"):
 * "63%,育英路未按计划完工,滞后进度" -> "育英路未按计划完工". When nothing
 * precedes it, the clause holding the phrase itself ("乐昌小区工程进度滞后").
 * NULL when text does not say behind or gives no reason. */
const char *bl_behind_reason(bl_arena *a, const char *text);

/* How far along a class is, for "least advanced": not_done 0, behind 1,
 * partial 2, on_schedule 3, mostly_done 4, done 5, ahead 6; unknown -1. */
int bl_status_rank(bl_status_class s);

/* Chinese label of a class: "提前完成", "已完成", ... "未知". */
const char *bl_status_label(bl_status_class s);

#endif
