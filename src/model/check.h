/* check.h - consistency checks of an analysed model (`bulletin check`,
 * issue 9.4), each with a stable code:
 *   C001 status 已完成/提前完成 but a stated rate below 100
 *   C002 a rate below the time schedule while neither a lag word nor a
 *        lagging status (未完成/部分完成/未开工) says it lags
 *   C003 a behind word without a reason
 *   C004 a done status phrase contradicted by the progress text (正在施工)
 *   C005 the same sequence number twice in a list
 *   C006 a project with no lead department, in a list where others have
 *        one (a report that names no department at all is not flagged)
 *   C007 a rate over 300% or a negative one
 *   C008 done in the previous period and not done now (compare.h)
 *   C009 the rate column differs from the rate stated in the progress text
 *   C010 one department printed under two keys the alias table does not
 *        merge (one name contained in the other, both of one kind of office:
 *        the same last character, outside any brackets); the alias line is
 *        suggested
 * Findings go to a callback; nothing is printed. Run bl_analyze (and
 * bl_compare_apply for C008) first.
 *
 * Ownership: messages passed to the callback are valid during the call.
 */
#ifndef BL_CHECK_H
#define BL_CHECK_H

#include "model.h"

/* One finding: where (list and project NULL for a finding on the whole
 * document, line 0 when it has no line), its code and message. */
typedef struct bl_finding {
    const bl_document *doc;
    const bl_list *list;
    int list_index; /* of list in doc, from 1; 0 without a list */
    const bl_project *project;
    int line;
    const char *code;    /* "C001" */
    const char *message; /* English, with the source's own text quoted */
    const char *message_zh; /* the same in Chinese (the briefing's appendix) */
} bl_finding;

typedef void (*bl_check_fn)(void *ctx, const bl_finding *f);

/* Runs every check on every document not marked previous_only, in
 * document, list and project order. */
void bl_check_model(bl_model *m, bl_check_fn fn, void *ctx);

/* The checks of one document d of m (the same findings bl_check_model
 * gives for it). */
void bl_check_document(bl_model *m, const bl_document *d, bl_check_fn fn, void *ctx);

/* Whether code is one of the comma-separated codes (`--error C003,C001`);
 * false for a NULL list. */
bool bl_check_code_listed(const char *codes, const char *code);

#endif
