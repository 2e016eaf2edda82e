/* status.h - status classes from the Chinese status phrases, and the
 * "behind schedule" wording of progress text.
 *
 * The vocabulary is data: data/status.json (compiled in; format in
 * docs/status.md) lists the phrases of each class, the words that say work
 * lags, and the contexts that undo them (negations 未出现滞后, past tense
 * 曾因…滞后, resolved 滞后问题已解决, plans 力争提前完成, decoys 滞后风险),
 * the words that open a reason (因, 由于, 受…影响), and the values of status
 * columns (是否达序: 是/否). An office extends it with its own file.
 * Matching is on the key of the text (textkey.h: full-width punctuation and
 * traditional characters folded), so the phrases are simplified.
 *
 * Ownership: a bl_status_words is malloc'd by bl_status_words_new and freed
 * by bl_status_words_free; the built-in one (bl_status_words_builtin) is
 * created once and never freed. Every function taking a vocabulary accepts
 * NULL for the built-in one. The functions without one use the built-in
 * vocabulary. The only allocation visible to callers is a reason, in the
 * arena given.
 */
#ifndef BL_STATUS_H
#define BL_STATUS_H

#include <stdbool.h>

#include "arena.h"
#include "error.h"
#include "model.h"

typedef struct bl_status_words bl_status_words;

/* The built-in vocabulary (data/status.json). */
int bl_status_words_new(bl_status_words **out, bl_error *err);
/* Adds an office's own JSON file (same format, every key optional): phrases
 * are added, a phrase already known gets the class given last, and
 * "precedence" / "from_progress" replace the earlier ones. */
int bl_status_words_add_file(bl_status_words *v, const char *path, bl_error *err);
/* Adds the vocabulary of JSON text (path names it in messages). On error
 * nothing is added. */
int bl_status_words_add_json(bl_status_words *v, const char *path,
                             const char *json, bl_error *err);
void bl_status_words_free(bl_status_words *v);
/* The built-in vocabulary, shared and read-only. */
const bl_status_words *bl_status_words_builtin(void);

/* The class of a status phrase: "提前完成年度任务。" -> AHEAD,
 * "未完成。" -> NOT_DONE, "已全部完成。" -> DONE, "是否达序:否" -> BEHIND;
 * UNKNOWN otherwise. When phrases of several classes occur, the first class
 * of the vocabulary's precedence wins ("未完成,滞后进度" -> NOT_DONE). */
bl_status_class bl_status_words_classify(const bl_status_words *v,
                                         const char *phrase);
/* True when a cell holds nothing but a status phrase: short, no digits, no
 * clause punctuation inside, and of a known class. "已完成。" is one;
 * "已完成创建,等待省局验收" is progress text. */
bool bl_status_words_is_phrase(const bl_status_words *v, const char *cell);
/* The status read from progress text when no status cell exists: classes
 * listed in "from_progress" count wherever they are stated in the present
 * tense ("一是超额完成…" -> AHEAD, "进度较慢" -> BEHIND), the others only as
 * a clause of their own ("已完成,全额资助…" -> DONE, but "已完成招标,…" is
 * UNKNOWN). */
bl_status_class bl_status_words_of_text(const bl_status_words *v,
                                        const char *text);
/* True when text states, in the present, that work lags: 滞后, 慢序时,
 * 未开工, 欠序时, 尚未完成 …; not "未出现滞后", "曾因…滞后…但均能如期完成",
 * "滞后问题已解决". */
bool bl_status_words_says_behind(const bl_status_words *v, const char *text);
/* Why the work lags, as printed in text: the clause that gives a cause
 * (因…, 由于…, 受…影响) in the lagging sentence (or the sentence after it),
 * else the clauses before the lagging phrase in its sentence, leaving out
 * bare figures ("63%") and dates ("截至10月初"):
 * "63%,育英路未按计划完工,滞后进度" -> "育英路未按计划完工". When nothing
 * precedes it, the clause holding the phrase itself ("乐昌小区工程进度滞后").
 * NULL when text does not say behind or gives no reason. */
const char *bl_status_words_reason(const bl_status_words *v, bl_arena *a,
                                   const char *text);
/* True when a column header names a status column (状态, 进度状态,
 * 是否达序, 完成情况自评 …). */
bool bl_status_words_is_column(const bl_status_words *v, const char *header);
/* The class of a status column's cell: the column's own values first
 * (是否达序: "是" -> ON_SCHEDULE, "否" -> BEHIND; 状态: "正常", "超前",
 * "滞后"), else the cell as a status phrase. header may be NULL. */
bl_status_class bl_status_words_cell(const bl_status_words *v,
                                     const char *header, const char *value);

/* The same with the built-in vocabulary. */
bl_status_class bl_status_classify(const char *phrase);
bool bl_status_is_phrase(const char *cell);
bl_status_class bl_status_of_text(const char *text);
bool bl_text_says_behind(const char *text);
const char *bl_behind_reason(bl_arena *a, const char *text);
bool bl_status_is_column(const char *header);
bl_status_class bl_status_of_cell(const char *header, const char *value);

/* How far along a class is, for "least advanced": not_done 0, behind 1,
 * partial 2, on_schedule 3, mostly_done 4, done 5, ahead 6; unknown -1. */
int bl_status_rank(bl_status_class s);

/* Chinese label of a class: "提前完成", "已完成", ... "未知". */
const char *bl_status_label(bl_status_class s);

#endif
