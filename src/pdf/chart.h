/* chart.h - the per-department completion-rate chart of the PDF briefing:
 * horizontal bars drawn as Cairo vectors, one row per department, sorted by
 * the view model (rate descending), with value labels in a column right of
 * the bars, a solid 100% line,
 * a dashed time-schedule line (month/12) and the project and behind counts.
 * Classes are told apart in grayscale by fill and hatching, and named in a
 * legend, so the chart reads on a black-and-white printout.
 *
 * The chart is a table for the paginator: a head (legend and axis) and one
 * row per department, so a long chart continues on the next page with its
 * head repeated rather than shrinking its text.
 *
 * Geometry (bl_chart_layout, bl_chart_x) is pure; the paint functions draw
 * on a canvas (pdf_canvas.h) with a caller-owned PangoLayout (its font is used for every
 * label and is left as it was given). Nothing here allocates.
 */
#ifndef BL_CHART_H
#define BL_CHART_H

#include <stdbool.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "pdf_canvas.h"

/* The view model's "class" of a department: >= 100, >= 80, >= 50, < 50. */
typedef enum bl_chart_class {
    BL_CHART_NONE = 0, /* no rate stated */
    BL_CHART_LOW,
    BL_CHART_MID,
    BL_CHART_HIGH,
    BL_CHART_FULL
} bl_chart_class;

bl_chart_class bl_chart_class_of(bool has_rate, double capped_rate);
/* "full", "high", "mid", "low"; anything else is NONE. */
bl_chart_class bl_chart_class_from_name(const char *name);

/* One department's bar. Strings are borrowed (the view model's). */
typedef struct bl_chart_bar {
    const char *name;   /* department */
    const char *label;  /* "86.2%", "—" */
    const char *counts; /* "6项 滞后1" */
    bool has_rate;
    double rate;        /* capped at 100 */
    bl_chart_class cls;
    const char *dest;   /* link target (a PDF destination name) or NULL */
} bl_chart_bar;

typedef struct bl_chart_geom {
    double x, width;      /* the chart's box on the page */
    double font_size;     /* of the labels */
    double line_h;        /* height of one label line */
    double name_w;        /* department names, right-aligned */
    double x0, x100;      /* where 0% and 100% fall */
    double label_w;       /* the value labels' column, right of x100 */
    double counts_x;      /* start of the counts column */
    double row_h, bar_h;  /* one department row; its bar */
    double head_h;        /* legend and axis */
    bool has_schedule;
    double schedule;      /* time-schedule rate in percent (83.3) */
    /* colours of an office's settings, set by the caller after
     * bl_chart_layout: NULL keeps the grayscale look */
    const double *bar_rgb;   /* bars and swatches: fill and hatching */
    const double *sched_rgb; /* the schedule line */
} bl_chart_geom;

/* Lays the chart out in [x, x + width): name_w, label_w and counts_w are
 * the widest name, value label and counts text (measured by the caller or
 * bl_chart_measure); line_h is the height of one label line. schedule < 0
 * means none. Names wider than a third of the chart are capped there (the
 * painter wraps them). */
void bl_chart_layout(double x, double width, double font_size, double line_h,
                     double name_w, double label_w, double counts_w,
                     double schedule, bl_chart_geom *g);

/* The x of a rate (clamped to 0..100). */
double bl_chart_x(const bl_chart_geom *g, double rate);

/* The words of the head, from the view's labels (view_words.c); the
 * chart holds none of its own. Borrowed, not owned. */
typedef struct bl_chart_words {
    const char *legend[4];   /* full, high, mid, low: "达到 100%", ... */
    const char *name_head;   /* "责任单位" */
    const char *counts_head; /* "项目数 · 滞后" */
    const char *schedule;    /* "序时进度 83.3%", or NULL */
} bl_chart_words;

/* Measures the widest name, label and counts of bars[0..n) (and of the
 * heads in w) and one line's height with layout. */
void bl_chart_measure(PangoLayout *layout, const bl_chart_bar *bars, int n,
                      const bl_chart_words *w, double *name_w, double *label_w,
                      double *counts_w, double *line_h);

/* Height of a row for bar b (two lines when its name wraps). */
double bl_chart_row_height(const bl_chart_geom *g, PangoLayout *layout,
                           const bl_chart_bar *b);

/* Paints the head (legend, schedule note, axis labels) with its top at y. */
void bl_chart_paint_head(pdf_canvas *cv, const bl_chart_geom *g, double y,
                         PangoLayout *layout, const bl_chart_words *w);

/* Paints one department row of height h with its top at y. */
void bl_chart_paint_row(pdf_canvas *cv, const bl_chart_geom *g, double y,
                        double h, PangoLayout *layout, const bl_chart_bar *b);

/* Fills a w x h box at (x, y) with the grayscale look of class c (also
 * used for the legend swatches). */
void bl_chart_paint_swatch(pdf_canvas *cv, double x, double y, double w,
                           double h, bl_chart_class c);
/* The same in colour rgb (its tint for HIGH); NULL is the grayscale. */
void bl_chart_paint_swatch_rgb(pdf_canvas *cv, double x, double y, double w,
                               double h, bl_chart_class c, const double *rgb);

#endif
