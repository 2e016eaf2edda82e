/* pdf_flow.c - the two-pass engine: blocks onto pages.
 *
 * The briefing is walked twice by the same code (pdf_flow_document). In
 * the measuring pass every block (heading, figure row, table head, table
 * row) is laid out and its height recorded; bl_lay_paginate then places
 * the blocks; in the drawing pass each block is found again, checked
 * against what pass 1 recorded, and drawn where it was placed. Also the
 * page changes with the running header and footer, outline entries and
 * the progress calls. See pdf_internal.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdf_internal.h"

/* The caller's progress bar (P->o->progress): rows laid out while
 * measuring, then pages drawn; only once the render has taken a second, at
 * most ten updates a second, and a last call when it ends. */
void pdf_progress(pdf *P, size_t done, size_t total, bool finished)
{
    if (!P->o->progress)
        return;
    if (finished) {
        if (P->bar_shown)
            P->o->progress(P->o->progress_ctx, P->doc->stem, P->pass, done, total, true);
        return;
    }
    double t = now_s();
    if (t - P->t0 < 1.0 || t - P->bar_time < 0.1)
        return;
    P->bar_shown = true;
    P->bar_time = t;
    P->o->progress(P->o->progress_ctx, P->doc->stem, P->pass, done, total, false);
}

static void draw_running(pdf *P)
{
    page_spec *g = &P->pg;
    tstyle *s = &P->st[ST_RUNNING];
    PangoLayout *l = P->running;
    int n = P->page + 1;
    char buf[128];
    if (g->gongwen) {
        /* "— 1 —" in 4号, 7 mm below the text block, outer side: right on
         * odd pages, left on even, one character in */
        snprintf(buf, sizeof buf, "— %d —", n);
        double w = pdf_lay_width(P, l, s, buf);
        double ch = s->size;
        double x = n % 2 ? g->left + g->body_w - ch - w : g->left + ch;
        double base_y = g->top + g->body_h + 7 * MM;
        int baseline = pango_layout_get_baseline(l);
        /* the dashes sit at about a third of the digit height: put that on
         * the 7 mm line */
        pdf_show(P, l, s, x,
                 base_y + s->size * 0.33 - baseline / (double)PANGO_SCALE);
        pdf_office_footer(P, 0);
        return;
    }
    pdf_canvas *cv = P->cv;
    if (n > 1) {
        const char *period = jstr(P->view, "period_label");
        double y = g->top - 9 * MM;
        if (!P->run_title) { /* the same on every page: laid out once */
            P->run_title = pango_layout_new(P->ctx);
            pdf_lay_text(&P->lo, NULL, P->run_title, s,
                         jstr(P->view, "page_title"), g->body_w * 0.75, false);
            pango_layout_set_ellipsize(P->run_title, PANGO_ELLIPSIZE_END);
            if (period) {
                P->run_period = pango_layout_new(P->ctx);
                P->run_period_w = pdf_lay_width(P, P->run_period, s, period);
            }
        }
        pdf_show(P, P->run_title, s, g->left, y);
        if (P->run_period)
            pdf_show(P, P->run_period, s, g->left + g->body_w - P->run_period_w, y);
        cv_set_source_rgb(cv, 0.35, 0.35, 0.35);
        cv_set_line_width(cv, 0.5);
        cv_move_to(cv, g->left, y + s->pitch + 2);
        cv_line_to(cv, g->left + g->body_w, y + s->pitch + 2);
        cv_stroke(cv);
        cv_set_source_rgb(cv, 0, 0, 0);
    }
    snprintf(buf, sizeof buf, "第 %d 页 共 %d 页", n, P->pages);
    double w = pdf_lay_width(P, l, s, buf);
    if (pdf_office_footer(P, w)) /* it lays its lines out in l */
        w = pdf_lay_width(P, l, s, buf);
    pdf_show(P, l, s, g->left + (g->body_w - w) / 2, g->h - 12 * MM);
}

static void end_page(pdf *P)
{
    cv_show_page(P->cv);
    pdf_progress(P, (size_t)P->page + 1, (size_t)P->pages, false);
}

/* Moves the drawing to page `page` (0-based), finishing the pages before. */
void pdf_goto_page(pdf *P, int page)
{
    while (P->page < page) {
        if (P->page >= 0)
            end_page(P);
        P->page++;
        draw_running(P);
    }
}

/* ---- blocks ------------------------------------------------------------ */

/* Pass 1: records a block. Pass 2: returns where it was placed and moves
 * to its page. lines/n_lines (rows that may be split) are copied. */
const bl_lay_place *pdf_block(pdf *P, bl_lay_kind kind, double h,
                              bool keep, const bl_lay_line *lines,
                              size_t n_lines, double pad)
{
    if (P->pass == 1) {
        if (P->n_blocks == P->cap_blocks) {
            P->cap_blocks = P->cap_blocks ? P->cap_blocks * 2 : 256;
            P->blocks = xrealloc(P->blocks, P->cap_blocks * sizeof *P->blocks);
            P->line_of = xrealloc(P->line_of, P->cap_blocks * sizeof *P->line_of);
        }
        bl_lay_block *b = &P->blocks[P->n_blocks];
        memset(b, 0, sizeof *b);
        b->kind = kind;
        b->height = h;
        b->keep_with_next = keep;
        b->pad = pad;
        b->n_lines = n_lines;
        P->line_of[P->n_blocks] = P->n_lines;
        if (n_lines) {
            if (P->n_lines + n_lines > P->cap_lines) {
                P->cap_lines = (P->n_lines + n_lines) * 2;
                P->lines = xrealloc(P->lines, P->cap_lines * sizeof *P->lines);
            }
            memcpy(P->lines + P->n_lines, lines, n_lines * sizeof *lines);
            P->n_lines += n_lines;
        }
        P->n_blocks++;
        return NULL;
    }
    if (P->next >= P->n_blocks || P->blocks[P->next].kind != kind ||
        fabs(P->blocks[P->next].height - h) > 1e-6) {
        P->failed = true;
        static const bl_lay_place nowhere = {0, 0, false, 1};
        return &nowhere;
    }
    const bl_lay_place *pl = &P->places[P->next++];
    if (kind != BL_LAY_SPACE && kind != BL_LAY_BREAK && kind != BL_LAY_END)
        pdf_goto_page(P, pl->page);
    return pl;
}

void pdf_space(pdf *P, double h)
{
    if (h > 0)
        pdf_block(P, BL_LAY_SPACE, h, false, NULL, 0, 0);
}

void pdf_page_break(pdf *P)
{
    pdf_block(P, BL_LAY_BREAK, 0, false, NULL, 0, 0);
}

int pdf_add_outline(pdf *P, int parent, const char *title,
                    const bl_lay_place *pl, bool open)
{
    return cv_add_outline(P->cv, parent, title, pl->page + 1, P->pg.left,
                          P->pg.top + pl->y, open);
}

/* A paragraph in style s across the body; keep: it stays on the page of
 * what follows (headings). Returns its place in the drawing pass. */
const bl_lay_place *pdf_paragraph(pdf *P, int style, const char *text,
                                  bool keep)
{
    tstyle *s = &P->st[style];
    PangoLayout *l = P->scratch;
    double h = pdf_lay_text(&P->lo, NULL, l, s, text, P->pg.body_w, false);
    const bl_lay_place *pl = pdf_block(P, BL_LAY_BLOCK, h, keep, NULL, 0, 0);
    if (pl)
        pdf_show(P, l, s, P->pg.left, P->pg.top + pl->y);
    return pl;
}

/* Section heading (level 1) or list heading (level 2), with its outline
 * entry. */
void pdf_heading(pdf *P, int level, const char *text)
{
    pdf_space(P, level == 1 ? P->pg.space_h1 : P->pg.space_h2);
    const bl_lay_place *pl =
        pdf_paragraph(P, level == 1 ? ST_H1 : ST_H2, text, true);
    if (level == 1)
        pdf_heading_mark(P, pl, ST_H1);
    if (pl && !P->failed) {
        if (level == 1)
            P->outline_section =
                pdf_add_outline(P, CAIRO_PDF_OUTLINE_ROOT, text, pl, true);
        else
            pdf_add_outline(P, P->outline_section, text, pl, false);
    }
    if (!P->pg.gongwen)
        pdf_space(P, level == 1 ? 4 : 3);
}
