/* pdf_table.c - table geometry: column widths planned from the texts,
 * the head (measured, drawn, repeated), link destinations and rectangles,
 * a table's begin and end blocks; see pdf_internal.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdf_rows.h"
#include "text.h"

/* Rough width of text in ems, for fitting columns before any layout:
 * *widest is the widest paragraph, *run the longest run Pango will not
 * break (Latin letters and digits, with a closing punctuation mark after
 * them); returns the total. */
static double em_measure(const char *s, double *widest, double *run)
{
    double total = 0, par = 0, r = 0;
    *widest = 0;
    *run = 0;
    if (!s)
        return 0;
    const char *end = s + strlen(s);
    while (s < end) {
        uint32_t cp = bl_utf8_next(&s, end);
        if (cp == '\n') {
            par = 0;
            r = 0;
            continue;
        }
        double w = cp < 0x80 ? 0.55 : cp < 0x2E80 ? 0.65 : 1.0;
        par += w;
        total += w;
        bool word = cp < 0x80 && (cp == '.' || cp == '%' || (cp >= '0' && cp <= '9') ||
                                  ((cp | 32) >= 'a' && (cp | 32) <= 'z'));
        /* closing punctuation goes with the run before it (layout.h) */
        if (!word && r > 0 && bl_lay_is_closing(cp) && r + w > *run)
            *run = r + w;
        r = word ? r + w : 0;
        if (par > *widest)
            *widest = par;
        if (r > *run)
            *run = r;
    }
    return total;
}


void pdf_plan_cell(colplan *c, const char *text)
{
    double w, r;
    c->total += em_measure(text, &w, &r);
    if (w > c->widest)
        c->widest = w;
    if (r > c->run)
        c->run = r;
}

/* Turns the plans into column widths over the body width. */
void pdf_fit_table(pdf *P, table *t, colplan *plan)
{
    double fs = P->st[ST_TABLE].size, pad = P->pg.cell_pad;
    bl_lay_column cols[MAX_COLS];
    /* Text columns keep room for ten characters a line before the narrow
     * columns widen to their natural widths, but no more than leaves the
     * narrow ones their natural widths: a wide 督办清单 (leader, plan and
     * deadline columns) would otherwise set 整改时限 one character a line. */
    double fixed = 0;
    int n_wraps = 0;
    for (int c = 0; c < t->n; c++) {
        double title_w, title_run;
        em_measure(t->col[c].title, &title_w, &title_run);
        const colplan *p = &plan[c];
        if (p->wraps) {
            n_wraps++;
            fixed += 2 * pad / fs;
            continue;
        }
        double natural = fmax(p->widest, title_w);
        if (p->max_em > 0 && natural > p->max_em)
            natural = p->max_em;
        fixed += fmax(natural, p->min_em) * 1.04 + (2 * pad + 1) / fs;
    }
    double text_floor = 10.0;
    if (n_wraps > 0)
        text_floor = fmin(10.0, fmax(4.0, (P->pg.body_w / fs - fixed) / n_wraps));
    for (int c = 0; c < t->n; c++) {
        double title_w, title_run;
        em_measure(t->col[c].title, &title_w, &title_run);
        colplan *p = &plan[c];
        double natural = fmax(p->widest, p->wraps ? 0 : title_w);
        if (!p->wraps && p->max_em > 0 && natural > p->max_em)
            natural = p->max_em;
        double min = fmax(p->min_em > 0 ? p->min_em : 2.0, fmin(p->run, 6.0));
        if (!p->wraps && p->min_em > 0 && min > p->widest)
            min = fmax(p->widest, 2.0);
        if (!p->wraps && min > natural)
            natural = min;
        if (p->wraps)
            min = fmax(fmin(min, text_floor), fmin(natural, text_floor));
        /* a column that does not wrap keeps its longest run on one line
         * at its narrowest, with the margin its natural width has */
        cols[c].min = p->wraps ? min * fs + 2 * pad : min * fs * 1.04 + 2 * pad + 1;
        cols[c].natural = natural * fs * 1.04 + 2 * pad + 1;
        cols[c].weight = p->wraps ? pow(fmax(p->total, 1.0), 0.7) : 0;
    }
    double w[MAX_COLS];
    bl_lay_fit_columns(cols, (size_t)t->n, P->pg.body_w, w);

    t->x = P->pg.left;
    t->w = P->pg.body_w;
    double x = t->x;
    for (int c = 0; c < t->n; c++) {
        t->col[c].x = x;
        t->col[c].w = w[c];
        x += w[c];
    }
}


/* Lays a head title out in column c; a title that wraps is balanced (the
 * narrowest width, in whole ems, that keeps its line count: "低于/序时",
 * not "低于序/时"). *x_off is where the narrower layout starts. */
static double lay_head(pdf *P, const table *t, int c, PangoLayout *l,
                       double *x_off)
{
    const tstyle *s = &P->st[ST_THEAD];
    double avail = t->col[c].w - 2 * P->pg.cell_pad, w = avail;
    const char *title = t->col[c].title;
    double h = pdf_lay_text(&P->lo, NULL, l, s, title, w, false);
    int lines = pango_layout_get_line_count(l);
    if (lines > 1) {
        for (double k = floor(avail / s->size) - 1; k >= 1; k--) {
            pdf_lay_text(&P->lo, NULL, l, s, title, k * s->size + 0.5, false);
            if (pango_layout_get_line_count(l) > lines)
                break;
            w = k * s->size + 0.5;
        }
        h = pdf_lay_text(&P->lo, NULL, l, s, title, w, false);
    }
    *x_off = (avail - w) / 2;
    return h;
}

/* Lays the head of t out into P->head (once per table: it is drawn again
 * on every page the table goes on to) and returns its height. */
static double measure_head(pdf *P, const table *t)
{
    double h = 0, pad = P->pg.cell_pad;
    double th[MAX_COLS];
    for (int c = 0; c < t->n; c++) {
        if (!P->head[c])
            P->head[c] = pango_layout_new(P->ctx);
        th[c] = lay_head(P, t, c, P->head[c], &P->head_x[c]);
        h = fmax(h, th[c]);
    }
    h += 2 * pad;
    for (int c = 0; c < t->n; c++)
        P->head_top[c] = (h - th[c]) / 2;
    P->head_table = t->id;
    return h;
}

double pdf_draw_head(pdf *P, const table *t, double y)
{
    pdf_canvas *cv = P->cv;
    double pad = P->pg.cell_pad, h = t->head_h;
    /* the settings' secondary colour: the head filled with it, in white */
    const double *sec = pdf_secondary(P);
    const double white[3] = {1, 1, 1};
    if (sec)
        cv_set_source_rgb(cv, sec[0], sec[1], sec[2]);
    else
        cv_set_source_rgb(cv, 0.86, 0.86, 0.86);
    cv_rectangle(cv, t->x, y, t->w, h);
    cv_fill(cv);
    cv_set_source_rgb(cv, 0, 0, 0);
    if (P->head_table != t->id)
        measure_head(P, t);
    for (int c = 0; c < t->n; c++) {
        tstyle *s = &P->st[ST_THEAD];
        double x = t->col[c].x + pad + P->head_x[c], top = y + P->head_top[c];
        if (sec)
            pdf_show_rgb(P, P->head[c], s, x, top, white);
        else
            pdf_show(P, P->head[c], s, x, top);
    }
    cv_set_line_width(cv, 0.8);
    if (sec) { /* white column rules on the colour, framed in it */
        cv_set_source_rgb(cv, 1, 1, 1);
        cv_set_line_width(cv, 0.6);
    } else {
        cv_rectangle(cv, t->x, y, t->w, h);
    }
    for (int c = 1; c < t->n; c++) {
        cv_move_to(cv, t->col[c].x, y);
        cv_line_to(cv, t->col[c].x, y + h);
    }
    cv_stroke(cv);
    if (sec) {
        cv_set_source_rgb(cv, sec[0], sec[1], sec[2]);
        cv_set_line_width(cv, 0.8);
        cv_rectangle(cv, t->x, y, t->w, h);
        cv_stroke(cv);
        cv_set_source_rgb(cv, 0, 0, 0);
    }
    return h;
}

void pdf_dest_at(pdf *P, const char *name, double x, double y)
{
    cv_dest(P->cv, name, x, y);
}

void pdf_link_rect(pdf *P, const char *dest, double x, double y, double w,
                   double h)
{
    cv_link_begin(P->cv, dest, x, y, w, h);
    cv_link_end(P->cv);
}

/* Starts a table: its head block (kept with the first row). */
void pdf_table_begin(pdf *P, table *t)
{
    t->id = ++P->q->table_id;
    t->head_h = measure_head(P, t);
    const bl_lay_place *pl =
        pdf_block(P, BL_LAY_HEAD, t->head_h, false, NULL, 0, 0);
    if (pl)
        pdf_draw_head(P, t, P->pg.top + pl->y);
}

void pdf_table_end(pdf *P)
{
    pdf_block(P, BL_LAY_END, 0, false, NULL, 0, 0);
}

/* A table of view items, one row each; see pdf_internal.h. */
void pdf_plain_table(pdf *P, const pdf_plain_col *cols, int n, const cJSON *items,
                     pdf_cells_fn fill)
{
    table t;
    memset(&t, 0, sizeof t);
    colplan plan[MAX_COLS];
    memset(plan, 0, sizeof plan);
    t.n = n < MAX_COLS ? n : MAX_COLS;
    for (int c = 0; c < t.n; c++) {
        t.col[c].title = cols[c].title;
        t.col[c].align = cols[c].wraps ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER;
        t.col[c].repeats = !cols[c].wraps;
        plan[c].wraps = cols[c].wraps;
        plan[c].max_em = cols[c].wraps ? 0 : cols[c].max_em;
        plan[c].min_em = cols[c].wraps ? 0 : 3;
    }
    const char *cells[MAX_COLS];
    const cJSON *it;
    cJSON_ArrayForEach(it, items)
    {
        fill(P, it, cells);
        for (int c = 0; c < t.n; c++)
            pdf_plan_cell(&plan[c], cells[c]);
    }
    pdf_fit_table(P, &t, plan);
    pdf_table_begin(P, &t);
    trow r = {.n_entries = 1, .cells = cells};
    cJSON_ArrayForEach(it, items)
    {
        fill(P, it, cells);
        pdf_rows_submit(P, &t, &r);
    }
    pdf_rows_flush(P);
    pdf_table_end(P);
}
