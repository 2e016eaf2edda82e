/* table.h - what the cells of a report hold, shared by the readers: lines,
 * department names, person names, enumeration markers, government levels.
 *
 * These are shape tests on one cell's text, not parsers: the readers decide
 * what a cell is from what it holds, never from where it sits alone.
 * Ownership: bl_lines_split allocates in the arena it is given; the
 * predicates allocate nothing.
 */
#ifndef BL_TABLE_H
#define BL_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "model.h"

typedef struct bl_line {
    const char *text; /* trimmed, never empty */
    int no;           /* 1-based line number in the source */
} bl_line;

/* The text every reader and sniffer works on: bl_text_fold's copy with
 * tabs, vertical tabs and form feeds as spaces too, since they stand for
 * spaces in a report ("项\t目\t内\t容" is the header "项 目 内 容"). */
char *bl_report_fold(bl_arena *a, const char *text);

/* The non-blank lines of text, each trimmed (a line holding only white
 * space, such as a lone NBSP left by an empty merged cell, is blank). */
bl_line *bl_lines_split(bl_arena *a, const char *text, size_t len, size_t *n);
/* The same lines cut out of text itself (the caller's own copy, which
 * then holds them: each line's end is overwritten with a NUL); only the
 * array is allocated, in a. */
bl_line *bl_lines_split_in_place(bl_arena *a, char *text, size_t len, size_t *n);

/* lines[from..to) joined with sep, in the arena; NULL when from >= to. */
char *bl_lines_join(bl_arena *a, const bl_line *lines, size_t from, size_t to,
                    const char *sep);

/* Only ASCII digits (a sequence-number cell: "12"). */
bool bl_is_digits(const char *s);
bool bl_has_digit(const char *s);
/* Sentence punctuation: 。,;:!?、 and their ASCII forms, or '%'. */
bool bl_has_sentence_punct(const char *s);

/* A department cell: short, no digits, no sentence punctuation, and ending
 * with an office suffix (局, 镇, 中心, 公司, 大队...), or a parenthesised
 * continuation of one: "(县综合行政执法局)". */
bool bl_is_department_name(const char *s);
/* True when s is wholly "(...)": the second line of a two-line name. */
bool bl_is_parenthesised(const char *s);

/* A person's name: 2-4 Chinese characters that are no office and no status
 * phrase ("徐祥忠", "王孝"). */
bool bl_is_person_name(const char *s);

/* Starts with an enumeration marker: "2)", "2)", "2、", "2.", "(2)". */
bool bl_is_enumerated(const char *s);

/* The government level a title names: "…省政府…" -> province, "…县政府…"
 * -> county, a title opening with a place ("平阳县…") -> its level. */
bl_level bl_level_guess(const char *s);

/* The first date in s, "2023-11-21" or "2024年4月30日", written to out as
 * "YYYY-MM-DD". Returns where it starts and sets *len to its length; NULL
 * when s holds none. */
const char *bl_find_date(const char *s, char out[11], size_t *len);

/* The period a heading names: "2023年10月份" -> 2023/10, "2024年一季度" ->
 * 2024/3 (a quarter ends in its third month), "上半年" -> 6, "2023年" ->
 * 2023/0. False when s names no year. */
bool bl_parse_period(const char *s, int *year, int *month);

#endif
