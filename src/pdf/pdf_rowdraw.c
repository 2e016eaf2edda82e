/* pdf_rowdraw.c - a finished row placed as a block and, in the drawing
 * pass, drawn from its recorded glyph runs: cells, grid, anchors and
 * links; a row taller than a page in parts under the repeated head, with
 * the (续) marker (pdf_rows.h). */
#include <math.h>
#include <string.h>

#include "pdf_rows.h"

static void merge_check(bl_pdf_break_report *to, const bl_pdf_break_report *r)
{
    if (!to->first_bad[0] && r->first_bad[0])
        memcpy(to->first_bad, r->first_bad, sizeof to->first_bad);
    to->cells += r->cells;
    to->lines += r->lines;
    to->repaired += r->repaired;
    to->bad += r->bad;
    to->fast += r->fast;
    to->fast_differ += r->fast_differ;
}

/* x where a cell is drawn: its padding, less half of any widening the
 * punctuation repair made. */
static double cell_x(const pdf *P, const table *t, int c, double width)
{
    double inner = t->col[c].w - 2 * P->pg.cell_pad;
    return t->col[c].x + P->pg.cell_pad -
           (width > inner ? (width - inner) / 2 : 0);
}

/* Sends the glyphs gathered in q's batch to the canvas: one call for the runs
 * of a row that follow each other in one face. */
static void flush_glyphs(pdf *P)
{
    rowq *q = P->q;
    if (q->n_gbuf == 0)
        return;
    if (q->g_clusters)
        cv_show_glyphs(P->cv, q->gfont, q->gbuf, (int)q->n_gbuf, q->tbuf.data,
                       (int)q->tbuf.len, q->cbuf, (int)q->n_cbuf);
    else
        cv_show_glyphs(P->cv, q->gfont, q->gbuf, (int)q->n_gbuf, NULL, 0, NULL,
                       0);
    q->n_gbuf = q->n_cbuf = 0;
    bl_buf_reset(&q->tbuf);
}

/* Adds the runs of line gl, moved by (dx, dy), to the batch. */
static void draw_line_runs(pdf *P, const rowjob *j, const gline *gl,
                           double dx, double dy)
{
    pdf_canvas *cv = P->cv;
    rowq *q = P->q;
    for (size_t k = gl->run0; k < gl->run0 + gl->n_runs; k++) {
        const grun *r = &j->runs[k];
        const cairo_glyph_t *g = &j->glyphs[r->glyph0];
        if (!r->font) {
            flush_glyphs(P);
            cv_set_line_width(cv, 0.4);
            cv_rectangle(cv, dx + g->x + r->box_w * 0.1, dy + g->y - r->box_h,
                            r->box_w * 0.8, r->box_h);
            cv_stroke(cv);
            continue;
        }
        if (r->n_glyphs == 0)
            continue;
        bool clusters = r->n_clusters > 0;
        if (q->n_gbuf && (r->font != q->gfont || clusters != q->g_clusters))
            flush_glyphs(P);
        q->gfont = r->font;
        q->g_clusters = clusters;
        GROW(q->gbuf, q->cap_gbuf, q->n_gbuf + r->n_glyphs);
        for (size_t i = 0; i < r->n_glyphs; i++) {
            cairo_glyph_t *o = &q->gbuf[q->n_gbuf++];
            o->index = g[i].index;
            o->x = g[i].x + dx;
            o->y = g[i].y + dy;
        }
        if (clusters) {
            bl_buf_append(&q->tbuf, j->text.data + r->text0, r->text_len);
            GROW(q->cbuf, q->cap_cbuf, q->n_cbuf + r->n_clusters);
            memcpy(q->cbuf + q->n_cbuf, j->clusters + r->cluster0,
                   r->n_clusters * sizeof *q->cbuf);
            q->n_cbuf += r->n_clusters;
        }
    }
}

/* The grid of the rows of a page is one path, stroked once (when the next
 * row goes to another page, a row is split over pages, or the table ends):
 * its segments are gathered here. Rows that follow one another without a
 * gap form a run, framed by one rectangle with one line per column
 * boundary from its top to its bottom and one per row boundary across it,
 * rather than a rectangle and column lines per row: the same strokes with
 * about a third of the path for cairo to record and write. */
static void grid_seg(rowq *q, double x0, double y0, double x1, double y1,
                     bool rect)
{
    GROW(q->grid, q->cap_grid, q->n_grid + 1);
    double *g = q->grid[q->n_grid++];
    g[0] = x0;
    g[1] = y0;
    g[2] = x1;
    g[3] = y1;
    g[4] = rect;
}

static void close_run(rowq *q)
{
    const table *t = q->run_t;
    if (!t)
        return;
    grid_seg(q, t->x, q->run_top, t->x + t->w, q->run_bottom, true);
    for (int c = 1; c < t->n; c++)
        grid_seg(q, t->col[c].x, q->run_top, t->col[c].x, q->run_bottom,
                 false);
    q->run_t = NULL;
}

void pdf_grid_flush(pdf *P)
{
    rowq *q = P->q;
    close_run(q);
    if (q->n_grid == 0)
        return;
    pdf_canvas *cv = P->cv;
    cv_set_source_rgb(cv, 0, 0, 0);
    cv_set_line_width(cv, 0.5);
    for (size_t i = 0; i < q->n_grid; i++) {
        const double *g = q->grid[i];
        if (g[4] != 0) {
            cv_rectangle(cv, g[0], g[1], g[2] - g[0], g[3] - g[1]);
            continue;
        }
        cv_move_to(cv, g[0], g[1]);
        cv_line_to(cv, g[2], g[3]);
    }
    cv_stroke(cv);
    q->n_grid = 0;
}

/* The grid of one row (or part) of height h at y: it extends the run of
 * the rows above it, or closes that run and begins one; entry separators
 * when sub_h is given. */
static void row_grid(pdf *P, const table *t, double y, double h,
                     const double *sub_h, int n_entries)
{
    rowq *q = P->q;
    if (q->run_t && (q->run_t != t || fabs(y - q->run_bottom) > 1e-6))
        close_run(q);
    if (q->run_t) {
        grid_seg(q, t->x, y, t->x + t->w, y, false);
    } else {
        q->run_t = t;
        q->run_top = y;
    }
    q->run_bottom = y + h;
    double ey = y;
    for (int e = 0; sub_h && e + 1 < n_entries; e++) {
        ey += sub_h[e];
        for (int c = 0; c < t->n; c++)
            if (t->col[c].per_entry)
                grid_seg(q, t->col[c].x, ey, t->col[c].x + t->col[c].w, ey,
                         false);
    }
}

static void draw_job(pdf *P, const rowjob *j, double y)
{
    const table *t = j->t;
    cv_set_source_rgb(P->cv, 0, 0, 0);
    if (j->dest)
        pdf_dest_at(P, j->dest, t->x, y);
    double ey = y;
    for (int e = 0; e < j->n_entries; e++) {
        if (j->dests[e]) {
            flush_glyphs(P);
            pdf_dest_at(P, j->dests[e], t->x, ey);
        }
        for (int c = 0; c < t->n; c++) {
            if (!job_cell_used(j, e, c))
                continue;
            const gcell *gc = &j->cells[cell_index(t, e, c)];
            double box_y = t->col[c].per_entry ? ey : y;
            double box_h = t->col[c].per_entry ? j->sub_h[e] : j->h;
            double x = cell_x(P, t, c, gc->width);
            double cy = box_y + (box_h - gc->height) / 2;
            for (size_t k = 0; k < gc->n_lines; k++)
                draw_line_runs(P, j, &j->glines[gc->line0 + k], x, cy);
        }
        ey += j->sub_h[e];
    }
    flush_glyphs(P);
    row_grid(P, t, y, j->h, j->sub_h, j->n_entries);
    if (j->link)
        pdf_link_rect(P, j->link, t->x, y, t->w, j->h);
}

/* A row taller than a page, drawn in parts on consecutive pages. */
static void draw_split_job(pdf *P, const rowjob *j, const bl_lay_place *pl)
{
    const table *t = j->t;
    double pad = P->pg.cell_pad, room = P->pg.body_h - pl->y;
    size_t first = 0;
    for (int k = 0; k < pl->parts && first < j->n_lines; k++) {
        double y = P->pg.top + pl->y;
        if (k > 0) {
            pdf_grid_flush(P);
            pdf_goto_page(P, pl->page + k);
            y = P->pg.top + pdf_draw_head(P, t, P->pg.top);
        }
        bl_lay_part part = bl_lay_split_next(j->lines, j->n_lines, j->h, pad,
                                             &first, k == 0, room);
        cv_set_source_rgb(P->cv, 0, 0, 0);
        if (k == 0 && j->dest)
            pdf_dest_at(P, j->dest, t->x, y);
        for (int e = 0; e < j->n_entries; e++)
            for (int c = 0; c < t->n; c++) {
                if (!job_cell_used(j, e, c))
                    continue;
                const gcell *gc = &j->cells[cell_index(t, e, c)];
                double top = cell_top(t, j->sub_h, e, c) + pad;
                double x = cell_x(P, t, c, gc->width);
                for (size_t n = 0; n < gc->n_lines; n++) {
                    const gline *gl = &j->glines[gc->line0 + n];
                    double lt = top + gl->top;
                    if (lt >= part.from && lt < part.to)
                        draw_line_runs(P, j, gl, x, y + top - part.from);
                }
            }
        flush_glyphs(P);
        if (k > 0) {
            /* the row goes on from the page before */
            tstyle *s = &P->st[ST_TABLE];
            pdf_lay_text(&P->lo, NULL, P->scratch, s, "(续)", t->col[0].w,
                         false);
            pango_layout_set_alignment(P->scratch, PANGO_ALIGN_CENTER);
            pdf_show(P, P->scratch, s, t->col[0].x, y + pad);
        }
        row_grid(P, t, y, part.height, NULL, 0);
        if (j->link)
            pdf_link_rect(P, j->link, t->x, y, t->w, part.height);
        room = P->pg.body_h - t->head_h;
    }
}

/* Places (and in the drawing pass draws) the finished job; the caller
 * releases it. */
void pdf_consume(pdf *P, rowjob *j)
{
    if (P->pass == 1)
        pdf_progress(P, ++P->rows_done, P->rows_total, false);
    if (P->pass == 1 && P->check)
        merge_check(P->check, &j->check);
    bool tall = j->h > j->split_at;
    if (P->pass == 2 && P->next < P->n_blocks && P->page >= 0 &&
        P->places[P->next].page != P->page)
        pdf_grid_flush(P); /* the row goes to another page */
    const bl_lay_place *pl = pdf_block(P, BL_LAY_ROW, j->h, false,
                                       tall ? j->lines : NULL,
                                       tall ? j->n_lines : 0, P->pg.cell_pad);
    if (pl && !P->failed) {
        if (pl->head_before)
            pdf_draw_head(P, j->t, P->pg.top);
        if (pl->parts > 1)
            draw_split_job(P, j, pl);
        else
            draw_job(P, j, P->pg.top + pl->y);
    }
}
