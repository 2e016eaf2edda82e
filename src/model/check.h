/* check.h - consistency checks of an analysed model (`bulletin check`,
 * issue 9.4), each with a stable code:
 *   C001 status 已完成/提前完成 but a stated rate below 100
 *   C002 a rate below the time schedule without any lag word
 *   C003 a behind word without a reason
 *   C004 a done status phrase contradicted by the progress text (正在施工)
 *   C005 the same sequence number twice in a list
 *   C006 a project with no lead department
 *   C007 a rate over 300% or a negative one
 *   C008 done in the previous period and not done now (compare.h)
 *   C009 the rate column differs from the rate stated in the progress text
 *   C010 one department printed under two keys the alias table does not
 *        merge (one name contained in the other); the alias line is suggested
 * Findings go to a callback; nothing is printed. Run bl_analyze (and
 * bl_compare_apply for C008) first.
 *
 * Ownership: messages passed to the callback are valid during the call.
 */
#ifndef BL_CHECK_H
#define BL_CHECK_H

#include "model.h"

typedef void (*bl_check_fn)(void *ctx, const bl_document *d, int line,
                            const char *code, const char *message);

/* Runs every check on every document not marked previous_only, in
 * document, list and project order. */
void bl_check_model(bl_model *m, bl_check_fn fn, void *ctx);

#endif
