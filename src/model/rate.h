/* rate.h - numbers and completion rates in report text.
 *
 * Pure functions, independent of the C locale: numbers are read by hand, so
 * "214.75" is 214.75 whatever LC_NUMERIC says. Functions that find several
 * values write at most max of them to out and return how many there are
 * (like snprintf, the count may exceed max).
 */
#ifndef BL_RATE_H
#define BL_RATE_H

#include <stdbool.h>
#include <stddef.h>

/* Reads an unsigned decimal number at s ("1.955", "215"); returns the bytes
 * it spans, 0 when s does not start with a digit. "1." reads as 1 and spans
 * one byte: the dot then belongs to the text. */
size_t bl_parse_number(const char *s, double *out);

/* Completion rates stated in text, in order: a percentage right after
 * 完成率 (完成率达215%, 年度任务完成率100%), after 完成…任务 or 完成…目标
 * (完成年度任务的100.22%, (完成年度任务70%), 完成第一季度目标的183.9%), or
 * after 进度达到 (进度达到100%). Other percentages (规范随访率96.85%,
 * 比例达86.18%, 完成总工程量40%) are figures, not rates. */
size_t bl_rates_from_text(const char *text, double *out, size_t max);

/* A rate cell: a leading percentage, optionally followed by remarks
 * ("63%,育英路未按计划完工,滞后进度"). Sets *rate and *rest (the remarks,
 * past the separator; "" when none). False when the cell does not open with
 * a percentage. */
bool bl_rate_cell(const char *cell, double *rate, const char **rest);

/* "215%", "214.75%", "86.2%": at most two decimals, trailing zeros dropped,
 * never "-0%". Writes into out (size >= 32). The one rate format of the
 * page, the briefing and the derived reasons. */
void bl_rate_format(double rate, char *out, size_t size);

/* Every percentage in text, in order. */
size_t bl_percentages(const char *text, double *out, size_t max);

/* Every number in text, in order, except the parts of dates (2023年, 3月,
 * 25日): the figures a sentence states. */
size_t bl_numbers(const char *text, double *out, size_t max);

#endif
