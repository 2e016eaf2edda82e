/* grid.h - the table layer between sources and the model.
 *
 * A source turns bytes into grids: rows of cells, each with its text as
 * printed, its spans and where it came from. Sources that know their spans
 * (HTML, DOCX, XLSX) set them; text sources leave a row as the cells they
 * saw and the interpreter places them (interpret.c). A covered cell is one
 * that a span from another cell occupies: it has no text of its own.
 *
 * Lines of text that are not table rows (page chrome, titles, a 通报 around
 * the table) are kept as rows of one cell with `chrome` set, so the
 * interpreter sees them in order with the rows.
 *
 * Ownership: a grid, its rows and cells live in the arena given to
 * bl_grid_new; cell text is copied into it. bl_grid_new_split keeps the
 * rows and cells in one arena and the text in another (a reader that
 * hands the interpreter its rows a slice at a time frees the rows, the
 * model keeps the text).
 */
#ifndef BL_GRID_H
#define BL_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

typedef struct bl_cell {
    const char *text; /* as printed, trimmed; "" for an empty cell */
    int row_span, col_span; /* 1 when the cell spans nothing */
    bool covered;     /* occupied by another cell's span */
    int line;         /* source line, 0 when unknown */
    const char *where; /* a location other than a line ("Sheet1!B7"), or NULL */
} bl_cell;

typedef struct bl_row {
    bl_cell *cells;
    size_t n, cap;
    int line;
    bool chrome;   /* a line of text outside any table */
    bool is_text;  /* from a text source: short rows lost merged cells */
} bl_row;

typedef struct bl_grid {
    bl_arena *arena;      /* rows and cells */
    bl_arena *text_arena; /* cell text copied in (arena unless split) */
    bl_row *rows;
    size_t n, cap;
} bl_grid;

bl_grid *bl_grid_new(bl_arena *a);
/* Rows and cells in rows (the grid itself too), copied text in text. */
bl_grid *bl_grid_new_split(bl_arena *rows, bl_arena *text);
/* Appends an empty row and returns it (valid until the next append). */
bl_row *bl_grid_add_row(bl_grid *g, int line);
/* Appends a cell with text[0..len) trimmed (copied). */
bl_cell *bl_row_add_cell(bl_grid *g, bl_row *r, const char *text, size_t len,
                         int line);
/* Room for n cells in a row that has none yet (a reader that can count
 * them first saves the doubling's spare room, most of a big grid). */
void bl_row_reserve(bl_grid *g, bl_row *r, size_t n);
/* The same for text the caller gives up: text[0..len) must be writable and
 * live in g's arena; it is trimmed in place (a NUL written after its last
 * character, which may be text[len]) and not copied. */
bl_cell *bl_row_add_cell_in_place(bl_grid *g, bl_row *r, char *text, size_t len,
                                  int line);
/* Appends a line outside the table. */
void bl_grid_add_chrome(bl_grid *g, const char *text, size_t len, int line);

/* Writes a readable dump: one row per line, "L<line>: [a] [b|rs=2] ...". */
void bl_grid_dump(const bl_grid *g, bl_buf *out);

#endif
