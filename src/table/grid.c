/* grid.c - rows of cells with spans; see grid.h. */
#include "grid.h"

#include <string.h>

#include "text.h"

bl_grid *bl_grid_new(bl_arena *a)
{
    return bl_grid_new_split(a, a);
}

bl_grid *bl_grid_new_split(bl_arena *rows, bl_arena *text)
{
    bl_grid *g = bl_arena_alloc(rows, sizeof *g);
    g->arena = rows;
    g->text_arena = text;
    return g;
}

/* Doubles an arena array of n used items of size bytes when it is full
 * (the old copy stays in the arena until the run ends). */
static void *grow(bl_arena *a, void *items, size_t n, size_t *cap, size_t first,
                  size_t size)
{
    if (n < *cap)
        return items;
    *cap = *cap ? *cap * 2 : first;
    void *bigger = bl_arena_alloc(a, *cap * size);
    if (n)
        memcpy(bigger, items, n * size);
    return bigger;
}

bl_row *bl_grid_add_row(bl_grid *g, int line)
{
    g->rows = grow(g->arena, g->rows, g->n, &g->cap, 64, sizeof *g->rows);
    bl_row *r = &g->rows[g->n++];
    memset(r, 0, sizeof *r);
    r->line = line;
    return r;
}

bl_cell *bl_row_add_cell(bl_grid *g, bl_row *r, const char *text, size_t len,
                         int line)
{
    r->cells = grow(g->arena, r->cells, r->n, &r->cap, 8, sizeof *r->cells);
    bl_cell *c = &r->cells[r->n++];
    memset(c, 0, sizeof *c);
    c->text = bl_text_trim(g->text_arena, text, len);
    c->row_span = c->col_span = 1;
    c->line = line;
    return c;
}

void bl_row_reserve(bl_grid *g, bl_row *r, size_t n)
{
    if (r->cap || !n)
        return;
    r->cells = bl_arena_alloc(g->arena, n * sizeof *r->cells);
    r->cap = n;
}

bl_cell *bl_row_add_cell_in_place(bl_grid *g, bl_row *r, char *text, size_t len,
                                  int line)
{
    r->cells = grow(g->arena, r->cells, r->n, &r->cap, 8, sizeof *r->cells);
    bl_cell *c = &r->cells[r->n++];
    memset(c, 0, sizeof *c);
    size_t start, n = bl_text_trim_span(text, len, &start);
    text[start + n] = '\0';
    c->text = text + start;
    c->row_span = c->col_span = 1;
    c->line = line;
    return c;
}

void bl_grid_add_chrome(bl_grid *g, const char *text, size_t len, int line)
{
    bl_row *r = bl_grid_add_row(g, line);
    r->chrome = true;
    bl_row_add_cell(g, r, text, len, line);
}

void bl_grid_dump(const bl_grid *g, bl_buf *out)
{
    for (size_t i = 0; i < g->n; i++) {
        const bl_row *r = &g->rows[i];
        bl_buf_printf(out, "L%d%s:", r->line, r->chrome ? " text" : "");
        for (size_t j = 0; j < r->n; j++) {
            const bl_cell *c = &r->cells[j];
            bl_buf_printf(out, " [%s", c->covered ? "^" : c->text);
            if (c->row_span > 1)
                bl_buf_printf(out, "|rs=%d", c->row_span);
            if (c->col_span > 1)
                bl_buf_printf(out, "|cs=%d", c->col_span);
            bl_buf_puts(out, "]");
        }
        bl_buf_putc(out, '\n');
    }
}
