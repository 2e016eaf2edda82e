/* read_pipe.c - tables written as "cell | cell | cell |" lines.
 *
 * Each line with bars is a row of the grid; a Markdown separator row
 * ("|---|:--:|") is layout. Lines without bars are page chrome (title,
 * dates, office). Rows are placed and read by the table interpreter: a row
 * with fewer cells than the header lost the cells merged with the row
 * above, and which ones is decided from what the cells hold.
 *
 * When nearly every line holds a single cell ending in a bar ("text |"),
 * the table was copied one cell per line: the bars are dropped and the
 * cell-per-line reader's grid is used.
 */
#include <stdlib.h>
#include <string.h>

#include "grid.h"
#include "alloc.h"
#include "interpret.h"
#include "reader.h"
#include "table.h"
#include "text.h"

/* Splits a line at '|' into cells, dropping the empty cells outside the
 * first and last bar. In a table written without outer bars a line that
 * opens with one has an empty first cell (" | 内容 | 市领导 |"). */
/* The cells are cut out of the line in place (s is the line's own copy in
 * the model's arena): a row costs no second copy of its text. */
static void split_row(bl_grid *g, bl_row *r, char *s, int line,
                      bool outer_bars)
{
    while (*s == ' ')
        s++;
    if (*s == '|' && outer_bars)
        s++;
    size_t cells = 1;
    for (const char *q = s; (q = strchr(q, '|')); q++)
        cells++;
    bl_row_reserve(g, r, cells);
    for (;;) {
        char *bar = strchr(s, '|');
        char *end = bar ? bar : s + strlen(s);
        char *next = bar ? bar + 1 : NULL;
        if (bar || !bl_text_blank_n(s, (size_t)(end - s)))
            bl_row_add_cell_in_place(g, r, s, (size_t)(end - s), line);
        if (!next)
            break;
        s = next;
    }
}

/* "|---|:--:|": only bars, dashes, colons and spaces. */
static bool is_separator(const char *s)
{
    bool dash = false;
    for (; *s; s++) {
        if (*s == '-')
            dash = true;
        else if (*s != '|' && *s != ':' && *s != ' ')
            return false;
    }
    return dash;
}

static bool is_blank_row(const bl_row *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (*r->cells[i].text)
            return false;
    return true;
}

/* Lines that are one cell and a closing bar ("新增1个…(市级) |"). */
static bool one_cell_per_line(const bl_line *lines, size_t n)
{
    size_t single = 0, bars = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = lines[i].text;
        const char *bar = strchr(s, '|');
        if (!bar)
            continue;
        bars++;
        single += !strchr(bar + 1, '|') && bl_text_blank(bar + 1) && bar != s;
    }
    return bars >= 4 && single * 10 >= bars * 8;
}

/* Whether the table's rows open with a bar ("| 1 | 新建… |"): most do. */
static bool outer_bars(const bl_line *lines, size_t n)
{
    size_t rows = 0, open = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = lines[i].text;
        if (!strchr(s, '|'))
            continue;
        rows++;
        open += *s == '|';
    }
    return open * 2 > rows;
}

static int cells_from_pipes(bl_model *m, bl_line *lines, size_t n, bl_grid **g,
                            bl_error *err)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = lines[i].text;
        const char *bar = strrchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        if (bl_text_blank_n(s, len))
            continue; /* a bar alone: the end of the cell above */
        lines[k].text = bl_text_trim(m->arena, s, len);
        lines[k].no = lines[i].no;
        k++;
    }
    return bl_cells_grid(m, lines, k, g, err);
}

int bl_read_pipe(bl_model *m, bl_document *d, const char *text, size_t len,
                 bl_error *err)
{
    size_t n;
    /* A full-width bar "｜" is a bar: it is layout, not text of a cell. */
    char *bars = bl_malloc(len + 1); /* the lines below copy what they keep */
    memcpy(bars, text, len);
    bars[len] = '\0';
    char *o = bars;
    for (const char *q = bars; *q;) {
        if (strncmp(q, "｜", 3) == 0) {
            *o++ = '|';
            q += 3;
        } else {
            *o++ = *q++;
        }
    }
    *o = '\0';
    bl_line *lines = bl_lines_split(m->arena, bars, (size_t)(o - bars), &n);
    free(bars);
    d->format = "pipe";
    bl_grid *g = bl_grid_new(m->arena);
    int rc = BL_OK;
    if (one_cell_per_line(lines, n)) {
        rc = cells_from_pipes(m, lines, n, &g, err);
    } else {
        bool outer = outer_bars(lines, n);
        for (size_t i = 0; i < n; i++) {
            const char *s = lines[i].text;
            if (!strchr(s, '|')) {
                bl_grid_add_chrome(g, s, strlen(s), lines[i].no);
                continue;
            }
            if (is_separator(s))
                continue;
            bl_row *r = bl_grid_add_row(g, lines[i].no);
            split_row(g, r, (char *)s, lines[i].no, outer);
            if (r->n < 2 || is_blank_row(r)) {
                g->n--; /* a lone bar or "| | |": layout */
                if (r->n == 1 && *r->cells[0].text)
                    bl_grid_add_chrome(g, r->cells[0].text, strlen(r->cells[0].text),
                                       lines[i].no);
            }
        }
    }
    if (!rc) {
        d->grid = g;
        rc = bl_interpret_grid(m, d, g, err);
    }
    return rc;
}

int bl_sniff_pipe(const char *text, size_t len)
{
    int rows = 0, lines = 0, single = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        int bars = 0;
        for (const char *q = p; q < stop; q++)
            bars += *q == '|';
        if (!bl_text_blank_n(p, (size_t)(stop - p)))
            lines++;
        rows += bars >= 3;
        single += bars == 1;
        p = nl ? nl + 1 : end;
    }
    if (single >= 8 && single * 2 >= lines)
        return 85;
    if (rows < 2)
        return 0;
    return rows * 2 >= lines ? 90 : 30;
}
