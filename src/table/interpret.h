/* interpret.h - the one table interpreter: grids -> lists, projects and
 * entries, for every tabular source.
 *
 * It finds header rows anywhere after the page chrome (several lines or
 * rows, two levels, letter-spaced names), gives each column a role from
 * the vocabulary (columns.h), places the cells of each row (a short row
 * from a text source lost the cells merged with the row above: they are
 * placed by what they hold), and turns rows into projects and entries:
 * numbering in its own column or inside the content, departments and
 * leaders carried down merged cells, continuation rows as further entries
 * of the project above, group rows (一、…) as the category of the projects
 * under them, metadata rows kept out. Columns it does not know are kept
 * in each entry's `extra`. The chrome lines give the document's title,
 * office, dates and period (meta.h).
 *
 * Ownership: everything it makes lives in m's arena.
 */
#ifndef BL_INTERPRET_H
#define BL_INTERPRET_H

#include "columns.h"
#include "error.h"
#include "grid.h"
#include "model.h"

/* Reads the tables of g into d. Rows that fit nothing, tables cut off and
 * columns not recognised are warnings on d; a grid with no table header
 * at all is an error. */
int bl_interpret_grid(bl_model *m, bl_document *d, const bl_grid *g,
                      bl_error *err);

/* The same a slice of rows at a time, for a reader that builds its grid
 * as it goes and frees the rows read (read_pipe.c): begin, then rows
 * [from, to) of each slice in order, then end. The interpreter looks at
 * the two rows before a row (a table's title) and the one after it: a
 * slice's grid holds them, and its last row is read with the next slice
 * unless `last` (g's last row is the document's). The model is the same
 * as bl_interpret_grid's on the whole grid. begin returns NULL with err
 * set when the column vocabulary cannot be loaded; free with
 * bl_interp_free after end (or after an error). */
typedef struct bl_interp bl_interp;
bl_interp *bl_interp_begin(bl_model *m, bl_document *d, bl_error *err);
int bl_interp_rows(bl_interp *ip, const bl_grid *g, size_t from, size_t to,
                   bool last, bl_error *err);
int bl_interp_end(bl_interp *ip, bl_error *err);
void bl_interp_free(bl_interp *ip);

/* True when row r of a grid reads as a table header under vocab (used by
 * sources to find where a table starts). */
bool bl_row_is_header(bl_arena *a, const bl_columns *vocab, const bl_row *r);

#endif
