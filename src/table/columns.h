/* columns.h - column roles of progress tables, from the words of their
 * headers (data/columns.json, compiled in).
 *
 * A header cell is matched on its key (textkey.h) with white space removed,
 * so "项 目 内 容", "責任單位" and "责任\n单位" all name their role; the
 * longest word found in a header decides ("完成情况自评" is a status, not
 * "完成情况" progress).
 *
 * Ownership: a bl_columns and everything it holds live in the arena it was
 * made in.
 */
#ifndef BL_COLUMNS_H
#define BL_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "error.h"

typedef enum bl_col_role {
    BL_COL_OTHER = 0,
    BL_COL_SEQ,
    BL_COL_CATEGORY,
    BL_COL_CONTENT,
    BL_COL_DEPARTMENT,
    BL_COL_CO_DEPARTMENT,
    BL_COL_LEADER,
    BL_COL_PLANNED,
    BL_COL_PROGRESS,
    BL_COL_STATUS,
    BL_COL_RATE,
    BL_COL_NOTE,
    BL_COL_COUNT
} bl_col_role;

typedef struct bl_columns bl_columns;

/* The built-in vocabulary, in arena a. */
int bl_columns_new(bl_arena *a, bl_columns **out, bl_error *err);

/* The role a header names, or BL_COL_OTHER. *with_person is set when the
 * header names a department and its person too (牵头单位及主要负责人);
 * *percent when it gives the unit of its cells ("完成目标(%)"). */
bl_col_role bl_columns_role(const bl_columns *c, bl_arena *a,
                            const char *header, bool *with_person,
                            bool *percent);

/* The same for a header whose match key (bl_key) the caller has made:
 * the same role as bl_columns_role on the text the key is of. */
bl_col_role bl_columns_role_of_key(const bl_columns *c, bl_arena *a,
                                   const char *key, bool *with_person,
                                   bool *percent);

/* How many header words a glued line is made of ("实事内容工作任务责任单位
 * 进展情况" is 4), writing each word's role to roles[] (up to max);
 * 0 when the line is not wholly header words. */
size_t bl_columns_split_glued(const bl_columns *c, bl_arena *a,
                              const char *line, bl_col_role *roles,
                              const char **words, size_t max);

/* The same for a line whose match key (bl_key) the caller has made. */
size_t bl_columns_split_glued_key(const bl_columns *c, bl_arena *a,
                                  const char *key, bl_col_role *roles,
                                  const char **words, size_t max);

#endif
