/* chart.c - geometry and painting of the per-department completion-rate
 * chart; see chart.h. */
#include "chart.h"
#include "nobreak.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

bl_chart_class bl_chart_class_of(bool has_rate, double capped_rate)
{
    if (!has_rate)
        return BL_CHART_NONE;
    if (capped_rate >= 100.0)
        return BL_CHART_FULL;
    if (capped_rate >= 80.0)
        return BL_CHART_HIGH;
    if (capped_rate >= 50.0)
        return BL_CHART_MID;
    return BL_CHART_LOW;
}

bl_chart_class bl_chart_class_from_name(const char *name)
{
    if (!name)
        return BL_CHART_NONE;
    if (strcmp(name, "full") == 0)
        return BL_CHART_FULL;
    if (strcmp(name, "high") == 0)
        return BL_CHART_HIGH;
    if (strcmp(name, "mid") == 0)
        return BL_CHART_MID;
    if (strcmp(name, "low") == 0)
        return BL_CHART_LOW;
    return BL_CHART_NONE;
}

/* ---- geometry ---------------------------------------------------------- */

void bl_chart_layout(double x, double width, double font_size, double line_h,
                     double name_w, double label_w, double counts_w,
                     double schedule, bl_chart_geom *g)
{
    memset(g, 0, sizeof *g);
    double gap = font_size * 0.6;
    g->x = x;
    g->width = width;
    g->font_size = font_size;
    g->line_h = line_h;
    g->name_w = fmin(name_w, width / 3.0);
    g->x0 = x + g->name_w + gap;
    g->counts_x = x + width - counts_w;
    g->label_w = label_w;
    g->x100 = g->counts_x - gap * 1.5 - g->label_w;
    if (g->x100 < g->x0 + width * 0.25)
        g->x100 = g->x0 + width * 0.25; /* counts may then overlap: rare */
    g->bar_h = font_size * 1.0;
    g->row_h = fmax(line_h, g->bar_h) + font_size * 0.7;
    g->head_h = line_h * 2.0 + font_size * 1.1;
    g->has_schedule = schedule >= 0;
    g->schedule = schedule;
}

double bl_chart_x(const bl_chart_geom *g, double rate)
{
    if (!(rate > 0)) /* also NaN */
        rate = 0;
    if (rate > 100)
        rate = 100;
    return g->x0 + (g->x100 - g->x0) * rate / 100.0;
}

/* ---- text -------------------------------------------------------------- */

static void set_text(PangoLayout *l, const char *s, double width,
                     PangoAlignment align)
{
    pango_layout_set_attributes(l, NULL);
    pango_layout_set_width(l, width > 0 ? (int)(width * PANGO_SCALE) : -1);
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, s ? s : "", -1);
}

/* A department's name wrapped in width, right-aligned: numbers with their
 * units and the office's last character kept on one line (nobreak.h)
 * unless that overflows. */
static void set_name(PangoLayout *l, const char *s, double width)
{
    set_text(l, s, width, PANGO_ALIGN_RIGHT);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    bl_nobreak r[16];
    size_t n = s ? bl_nobreak_scan(s, strlen(s), r, 16) : 0;
    if (n == 0 || n > 16)
        return;
    PangoAttrList *al = pango_attr_list_new();
    bl_nobreak_attrs(al, r, n, NULL);
    pango_layout_set_attributes(l, al);
    pango_attr_list_unref(al);
    PangoRectangle logical;
    pango_layout_get_extents(l, NULL, &logical);
    if (logical.x < -PANGO_SCALE / 4 ||
        logical.x + logical.width > width * PANGO_SCALE + PANGO_SCALE / 4)
        pango_layout_set_attributes(l, NULL);
}

static void text_size(PangoLayout *l, double *w, double *h)
{
    int iw, ih;
    pango_layout_get_size(l, &iw, &ih);
    *w = (double)iw / PANGO_SCALE;
    *h = (double)ih / PANGO_SCALE;
}

static double text_width(PangoLayout *l, const char *s)
{
    double w, h;
    set_text(l, s, -1, PANGO_ALIGN_LEFT);
    text_size(l, &w, &h);
    return w;
}

static void show_at(pdf_canvas *cv, PangoLayout *l, double x, double y)
{
    cv_show_layout(cv, l, x, y, 0);
}

void bl_chart_measure(PangoLayout *layout, const bl_chart_bar *bars, int n,
                      const bl_chart_words *words, double *name_w, double *label_w,
                      double *counts_w, double *line_h)
{
    double nw = 0, lw = text_width(layout, "100%"), cw = 0, h;
    for (int i = 0; i < n; i++) {
        nw = fmax(nw, text_width(layout, bars[i].name));
        lw = fmax(lw, text_width(layout, bars[i].label));
        cw = fmax(cw, text_width(layout, bars[i].counts));
    }
    double w;
    set_text(layout, words->name_head, -1, PANGO_ALIGN_LEFT);
    text_size(layout, &w, &h);
    *name_w = fmax(nw, w);
    *label_w = lw;
    *counts_w = fmax(cw, text_width(layout, words->counts_head));
    *line_h = h;
}

double bl_chart_row_height(const bl_chart_geom *g, PangoLayout *layout,
                           const bl_chart_bar *b)
{
    double w, h;
    set_name(layout, b->name, g->name_w);
    text_size(layout, &w, &h);
    return fmax(g->row_h, h + g->font_size * 0.5);
}

/* ---- painting ---------------------------------------------------------- */

/* Parallel lines at 45 degrees (and at 135 degrees when cross) inside the
 * box, every `step` points. */
static void hatch(pdf_canvas *cv, double x, double y, double w, double h,
                  double step, bool cross)
{
    cv_save(cv);
    cv_rectangle(cv, x, y, w, h);
    cv_clip(cv);
    cv_set_line_width(cv, 0.5);
    for (double t = -h; t < w; t += step) {
        cv_move_to(cv, x + t, y + h);
        cv_line_to(cv, x + t + h, y);
        if (cross) {
            cv_move_to(cv, x + t, y);
            cv_line_to(cv, x + t + h, y + h);
        }
    }
    cv_stroke(cv);
    cv_restore(cv);
}

void bl_chart_paint_swatch(pdf_canvas *cv, double x, double y, double w,
                           double h, bl_chart_class c)
{
    bl_chart_paint_swatch_rgb(cv, x, y, w, h, c, NULL);
}

/* gray, or rgb mixed with white (t = 1: rgb itself) */
static void source(pdf_canvas *cv, double gray, const double *rgb, double t)
{
    if (rgb)
        cv_set_source_rgb(cv, 1 - t * (1 - rgb[0]), 1 - t * (1 - rgb[1]),
                             1 - t * (1 - rgb[2]));
    else
        cv_set_source_rgb(cv, gray, gray, gray);
}

void bl_chart_paint_swatch_rgb(pdf_canvas *cv, double x, double y, double w,
                               double h, bl_chart_class c, const double *rgb)
{
    cv_save(cv);
    switch (c) {
    case BL_CHART_FULL:
        source(cv, 0.25, rgb, 1);
        cv_rectangle(cv, x, y, w, h);
        cv_fill(cv);
        break;
    case BL_CHART_HIGH:
        source(cv, 0.62, rgb, 0.5);
        cv_rectangle(cv, x, y, w, h);
        cv_fill(cv);
        break;
    case BL_CHART_MID:
        source(cv, 0.2, rgb, 1);
        hatch(cv, x, y, w, h, 2.4, false);
        break;
    case BL_CHART_LOW:
        source(cv, 0.2, rgb, 1);
        hatch(cv, x, y, w, h, 3.0, true);
        break;
    case BL_CHART_NONE:
        break;
    }
    if (w > 0) {
        source(cv, 0, rgb, 1);
        cv_set_line_width(cv, 0.5);
        cv_rectangle(cv, x, y, w, h);
        cv_stroke(cv);
    }
    cv_restore(cv);
}

/* The 20% grid, the 100% line and the dashed schedule line over [y0, y1]. */
static void paint_rules(pdf_canvas *cv, const bl_chart_geom *g, double y0,
                        double y1)
{
    cv_save(cv);
    cv_set_source_rgb(cv, 0.82, 0.82, 0.82);
    cv_set_line_width(cv, 0.4);
    for (int r = 20; r < 100; r += 20) {
        double x = bl_chart_x(g, r);
        cv_move_to(cv, x, y0);
        cv_line_to(cv, x, y1);
    }
    cv_stroke(cv);
    cv_set_source_rgb(cv, 0, 0, 0);
    cv_set_line_width(cv, 0.6);
    cv_move_to(cv, g->x0, y0);
    cv_line_to(cv, g->x0, y1);
    cv_stroke(cv);
    cv_set_line_width(cv, 0.9);
    cv_move_to(cv, g->x100, y0);
    cv_line_to(cv, g->x100, y1);
    cv_stroke(cv);
    if (g->has_schedule) {
        /* the dash phase follows y, so the dashes of consecutive rows (and
         * pages) line up as one line */
        double dash[] = {3.0, 2.0};
        cv_set_dash(cv, dash, 2, fmod(y0, 5.0));
        cv_set_line_width(cv, 0.9);
        if (g->sched_rgb)
            cv_set_source_rgb(cv, g->sched_rgb[0], g->sched_rgb[1], g->sched_rgb[2]);
        double x = bl_chart_x(g, g->schedule);
        cv_move_to(cv, x, y0);
        cv_line_to(cv, x, y1);
        cv_stroke(cv);
    }
    cv_restore(cv);
}

/* A legend item: a sample (swatch or line) and its text; returns the x
 * after it. */
static double legend_item(pdf_canvas *cv, PangoLayout *l, const bl_chart_geom *g,
                          double x, double y, int kind, const char *text)
{
    double fs = g->font_size, sw = fs * 1.3, sh = fs * 0.75;
    double mid = y + g->line_h / 2;
    if (kind >= 0) {
        bl_chart_paint_swatch_rgb(cv, x, mid - sh / 2, sw, sh, (bl_chart_class)kind,
                                  g->bar_rgb);
    } else {
        cv_save(cv);
        cv_set_line_width(cv, 0.9);
        if (kind == -2) {
            double dash[] = {3.0, 2.0};
            cv_set_dash(cv, dash, 2, 0);
            if (g->sched_rgb)
                cv_set_source_rgb(cv, g->sched_rgb[0], g->sched_rgb[1],
                                     g->sched_rgb[2]);
        }
        cv_move_to(cv, x + sw / 2, mid - sh);
        cv_line_to(cv, x + sw / 2, mid + sh);
        cv_stroke(cv);
        cv_restore(cv);
    }
    x += sw + fs * 0.3;
    double w = text_width(l, text);
    show_at(cv, l, x, y);
    return x + w + fs * 0.9;
}

void bl_chart_paint_head(pdf_canvas *cv, const bl_chart_geom *g, double y,
                         PangoLayout *l, const bl_chart_words *w)
{
    double fs = g->font_size;
    cv_save(cv);
    cv_set_source_rgb(cv, 0, 0, 0);
    double x = g->x;
    static const bl_chart_class order[4] = {BL_CHART_FULL, BL_CHART_HIGH, BL_CHART_MID,
                                            BL_CHART_LOW};
    for (int i = 0; i < 4; i++)
        x = legend_item(cv, l, g, x, y, order[i], w->legend[i]);
    if (g->has_schedule && w->schedule)
        legend_item(cv, l, g, x, y, -2, w->schedule);

    /* axis: column titles and the rate ticks */
    double ay = y + g->line_h + fs * 0.5;
    set_text(l, w->name_head, g->name_w, PANGO_ALIGN_RIGHT);
    show_at(cv, l, g->x, ay);
    set_text(l, w->counts_head, -1, PANGO_ALIGN_LEFT);
    show_at(cv, l, g->counts_x, ay);
    for (int r = 0; r <= 100; r += 20) {
        char t[8];
        snprintf(t, sizeof t, "%d%%", r);
        double w = text_width(l, t);
        double cx = bl_chart_x(g, r) - w / 2;
        if (r == 0)
            cx = g->x0;
        else if (r == 100)
            cx = g->x100 - w; /* clear of the value labels' column */
        show_at(cv, l, cx, ay);
    }
    double bottom = y + g->head_h;
    cv_set_line_width(cv, 0.6);
    cv_move_to(cv, g->x0, bottom - 0.3);
    cv_line_to(cv, g->x100, bottom - 0.3);
    cv_stroke(cv);
    paint_rules(cv, g, bottom - fs * 0.35, bottom);
    cv_restore(cv);
}

void bl_chart_paint_row(pdf_canvas *cv, const bl_chart_geom *g, double y,
                        double h, PangoLayout *l, const bl_chart_bar *b)
{
    double fs = g->font_size, w, th;
    cv_save(cv);
    paint_rules(cv, g, y, y + h);
    cv_set_source_rgb(cv, 0, 0, 0);
    double mid = y + h / 2;
    if (b->dest)
        cv_link_begin(cv, b->dest, g->x, y, g->x100 + g->label_w - g->x, h);

    set_name(l, b->name, g->name_w);
    text_size(l, &w, &th);
    show_at(cv, l, g->x, mid - th / 2);

    if (b->has_rate) {
        double x1 = bl_chart_x(g, b->rate);
        if (x1 - g->x0 > 0.2)
            bl_chart_paint_swatch_rgb(cv, g->x0, mid - g->bar_h / 2, x1 - g->x0,
                                      g->bar_h, b->cls, g->bar_rgb);
    }
    /* value labels stand in a column of their own right of the 100% line,
     * so no label crosses a rule */
    set_text(l, b->label, g->label_w, PANGO_ALIGN_RIGHT);
    text_size(l, &w, &th);
    show_at(cv, l, g->x100 + fs * 0.3, mid - th / 2);
    if (b->dest)
        cv_link_end(cv);

    set_text(l, b->counts, -1, PANGO_ALIGN_LEFT);
    text_size(l, &w, &th);
    show_at(cv, l, g->counts_x, mid - th / 2);
    cv_restore(cv);
}
