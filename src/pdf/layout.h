/* layout.h - the pure maths of the PDF writer: blocks of known height onto
 * pages, table widths, and the punctuation rules of line breaking.
 *
 * Nothing here draws or measures text: write_pdf.c measures every block in
 * a first pass, bl_lay_paginate places them, and the second pass draws each
 * block where it was placed (so "共 Y 页" is known before page 1 is drawn).
 *
 * Rules the paginator keeps:
 * - a table head (BL_LAY_HEAD) is repeated atop every page its table
 *   continues on, and never left alone at a page bottom: it moves with the
 *   first row, and with its first two (a table of three: all) when they
 *   fit on a page;
 * - the last row of a table does not go alone onto a page: when it does
 *   not fit, the row before it goes along (unless that would leave a
 *   single row behind), so no page holds a lone row of a table;
 * - a row is never split, unless it alone is taller than a page; then it is
 *   cut between text lines into parts (bl_lay_split_next) that go on to the
 *   following pages;
 * - a block marked keep_with_next (a heading) stays with what follows it;
 * - vertical space (BL_LAY_SPACE) at the top of a page is dropped.
 *
 * Ownership: the caller owns every array; nothing is allocated here.
 */
#ifndef BL_LAYOUT_H
#define BL_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum bl_lay_kind {
    BL_LAY_BLOCK = 0, /* heading, paragraph, figure: placed whole */
    BL_LAY_SPACE,     /* vertical gap; dropped at the top of a page */
    BL_LAY_BREAK,     /* start a new page unless already at the top */
    BL_LAY_HEAD,      /* starts a table; repeated on its continuation pages */
    BL_LAY_ROW,       /* a row of the table started by the last HEAD */
    BL_LAY_END        /* ends the current table (height 0) */
} bl_lay_kind;

/* The box of one line of text inside a row, in points from the row's top
 * (padding included). Only rows that may need splitting carry them. */
typedef struct bl_lay_line {
    double top, bottom;
} bl_lay_line;

typedef struct bl_lay_block {
    bl_lay_kind kind;
    bool keep_with_next;
    double height;
    const bl_lay_line *lines; /* ROW only, may be NULL: the row's lines,
                                 sorted by top, for splitting it */
    size_t n_lines;
    double pad;               /* ROW: cell padding (top = bottom) */
} bl_lay_block;

typedef struct bl_lay_place {
    int page;         /* 0-based page of the block (of its first part) */
    double y;         /* top of the block, from the top of the page body */
    bool head_before; /* ROW: the table head is drawn at the top of this
                         page (y = 0) right before the row */
    int parts;        /* ROW: >1 when the row was split: part k > 0 is on
                         page + k at y = head height, after the head */
} bl_lay_place;

/* Places blocks[0..n) on pages whose body is body_height points tall and
 * writes one place per block to out (n entries). Returns the page count
 * (at least 1). */
int bl_lay_paginate(const bl_lay_block *blocks, size_t n, double body_height,
                    bl_lay_place *out);

/* One part of a split row: its lines are those whose top lies in
 * [from, to); drawn at the part's y, a line's top sits at y + top - from.
 * height is the part's height on its page. */
typedef struct bl_lay_part {
    double from, to;
    double height;
} bl_lay_part;

/* The next part of a row being split. lines[0..n) are the row's line boxes
 * sorted by top; height is the row's whole height and pad the cells'
 * padding (kept above and below the lines of every later part). *first is
 * the first line not yet placed (0 for the first part, is_first true) and
 * is advanced past the lines taken. The part takes the lines that fit in
 * room; at least one, so a line taller than the room still moves on. The
 * paginator and the drawer call this with the same arguments and so cut
 * the same way. */
bl_lay_part bl_lay_split_next(const bl_lay_line *lines, size_t n,
                              double height, double pad, size_t *first,
                              bool is_first, double room);

/* ---- table widths ------------------------------------------------------ */

typedef struct bl_lay_column {
    double min;     /* narrowest acceptable width (longest unbreakable run) */
    double natural; /* widest content on one line */
    double weight;  /* share of the spare room for wrapping columns (0: none) */
} bl_lay_column;

/* Fits n columns into `total` points: every column gets at least min;
 * fixed columns (weight 0) grow to their natural width, narrowest growth
 * first, while the weighted (wrapping) columns keep 60% of the total or
 * their natural widths if less; the room left is shared by weight among
 * the wrapping columns. Writes widths to out. At most 64 columns. */
void bl_lay_fit_columns(const bl_lay_column *cols, size_t n, double total,
                        double *out);

/* ---- line-breaking rules (item 4 of the PDF issue) --------------------- */

/* Closing punctuation that must not start a line: ，。、；：）」』》” and
 * ASCII , . ; : ) (and their full-width and other usual forms). */
bool bl_lay_is_closing(uint32_t cp);
/* Opening punctuation that must not end a line: （「『《“ and ASCII (. */
bool bl_lay_is_opening(uint32_t cp);

/* Checks one laid-out line text[start..start+len): it must not start with
 * closing punctuation unless it starts a paragraph, nor end with opening
 * punctuation unless it ends one. Returns true when it is fine. */
bool bl_lay_line_ok(const char *text, size_t start, size_t len,
                    bool paragraph_start, bool paragraph_end);

#endif
