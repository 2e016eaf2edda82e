/* nobreak.h - runs of text that a line break must not cut (issue 10.2):
 * a number with its unit (104.82%, 3.71万人, 12.5个百分点, 2023年10月,
 * 1-9月) and the last character of an office name with the one before it
 * (县文广旅游体育局, 县政府办, 县发改委, 县妇联会).
 *
 * The scanner is pure: bytes in, byte ranges out; nothing is inserted
 * into the text. The PDF writer (pdf_text.c for cells and paragraphs,
 * chart.c for the chart's names) keeps each range on one line with
 * Pango's allow-breaks attribute (bl_nobreak_attrs), and lets a range
 * break again when it is wider than its cell.
 *
 * Ownership: the caller owns text and out.
 */
#ifndef BL_NOBREAK_H
#define BL_NOBREAK_H

#include <stdbool.h>
#include <stddef.h>

#include <pango/pango.h>

typedef struct bl_nobreak {
    size_t start, end; /* bytes [start, end) of the text */
    bool office;       /* an office name's ending, else a number and unit */
} bl_nobreak;

/* Finds the ranges of text[0..n) (UTF-8), in order and not overlapping.
 * Writes at most cap of them to out and returns how many there are (more
 * than cap when out was too small). */
size_t bl_nobreak_scan(const char *text, size_t n, bl_nobreak *out,
                       size_t cap);

/* Adds allow-breaks FALSE to al over each of r[0..n) whose skip[i] is
 * false (skip may be NULL). */
void bl_nobreak_attrs(PangoAttrList *al, const bl_nobreak *r, size_t n,
                      const bool *skip);

#endif
