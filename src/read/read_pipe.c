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

/* Rows handed to the interpreter a slice at a time: the rows and cells of
 * a big table are most of what reading it costs, and the interpreter only
 * looks one row ahead and two back (interpret.h), so a slice's grid is
 * freed two slices later. The model is the same as from the whole grid;
 * `parse --grid` (m->keep_grids) keeps the whole grid instead. */
#define SLICE_ROWS 4096
#define SLICE_CARRY 3 /* the two rows read last and the one not read yet */

typedef struct slices {
    bl_model *m;
    bl_interp *ip;
    bl_arena *rows[2]; /* this slice's rows, the previous slice's */
    bl_grid *g;
    size_t done;       /* rows of g read */
} slices;

/* Reads the rows of g but the last, and starts the next slice with the
 * last SLICE_CARRY rows. */
static int next_slice(slices *sl, bl_error *err)
{
    bl_grid *g = sl->g;
    int rc = bl_interp_rows(sl->ip, g, sl->done, g->n - 1, false, err);
    if (rc)
        return rc;
    bl_arena_free(sl->rows[1]); /* two slices back: no row of it is carried */
    sl->rows[1] = sl->rows[0];
    sl->rows[0] = bl_arena_new();
    bl_grid *ng = bl_grid_new_split(sl->rows[0], sl->m->arena);
    size_t keep = g->n < SLICE_CARRY ? g->n : SLICE_CARRY;
    for (size_t k = g->n - keep; k < g->n; k++) {
        bl_row *r = bl_grid_add_row(ng, g->rows[k].line);
        *r = g->rows[k]; /* its cells stay in the previous slice's arena */
    }
    sl->done = keep - 1;
    sl->g = ng;
    return BL_OK;
}

int bl_read_pipe(bl_model *m, bl_document *d, const char *text, size_t len,
                 bl_error *err)
{
    size_t n;
    /* A full-width bar "｜" is a bar: it is layout, not text of a cell.
     * The copy holds the lines (cut in place) and so the cells' text. */
    char *bars = bl_arena_alloc(m->arena, len + 1);
    char *o = bars;
    for (const char *q = text, *end = text + len; q < end && *q;) {
        if ((unsigned char)*q == 0xEF && strncmp(q, "｜", 3) == 0) {
            *o++ = '|';
            q += 3;
        } else {
            *o++ = *q++;
        }
    }
    *o = '\0';
    bl_arena *scratch = bl_arena_new(); /* the lines array */
    bl_line *lines = bl_lines_split_in_place(scratch, bars, (size_t)(o - bars), &n);
    d->format = "pipe";
    int rc = BL_OK;
    if (one_cell_per_line(lines, n)) {
        bl_grid *g;
        rc = cells_from_pipes(m, lines, n, &g, err);
        if (!rc) {
            d->grid = g;
            rc = bl_interpret_grid(m, d, g, err);
        }
        bl_arena_free(scratch);
        return rc;
    }
    slices sl = {.m = m};
    bool stream = !m->keep_grids;
    if (stream) {
        sl.ip = bl_interp_begin(m, d, err);
        if (!sl.ip) {
            bl_arena_free(scratch);
            return err ? err->code : BL_EINPUT;
        }
        sl.rows[0] = bl_arena_new();
        sl.g = bl_grid_new_split(sl.rows[0], m->arena);
    } else {
        sl.g = bl_grid_new(m->arena);
    }
    bool outer = outer_bars(lines, n);
    for (size_t i = 0; i < n && !rc; i++) {
        bl_grid *g = sl.g;
        const char *s = lines[i].text;
        if (!strchr(s, '|')) {
            bl_grid_add_chrome(g, s, strlen(s), lines[i].no);
        } else if (!is_separator(s)) {
            bl_row *r = bl_grid_add_row(g, lines[i].no);
            split_row(g, r, (char *)s, lines[i].no, outer);
            if (r->n < 2 || is_blank_row(r)) {
                g->n--; /* a lone bar or "| | |": layout */
                if (r->n == 1 && *r->cells[0].text)
                    bl_grid_add_chrome(g, r->cells[0].text, strlen(r->cells[0].text),
                                       lines[i].no);
            }
        }
        if (stream && sl.g->n >= SLICE_ROWS)
            rc = next_slice(&sl, err);
    }
    bl_arena_free(scratch);
    if (!stream) {
        d->grid = sl.g;
        return bl_interpret_grid(m, d, sl.g, err);
    }
    if (!rc)
        rc = bl_interp_rows(sl.ip, sl.g, sl.done, sl.g->n, true, err);
    if (!rc)
        rc = bl_interp_end(sl.ip, err);
    bl_interp_free(sl.ip);
    bl_arena_free(sl.rows[0]);
    bl_arena_free(sl.rows[1]);
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
