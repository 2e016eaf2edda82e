/* canvas_direct.h - the direct backend of pdf_canvas.h: each call becomes
 * PDF operators in the page's content stream (see canvas_direct.c).
 * Internal to canvas.c, which dispatches to it; the arguments are those of
 * the pdf_canvas.h call of the same meaning. */
#ifndef BL_CANVAS_DIRECT_H
#define BL_CANVAS_DIRECT_H

#include <stdbool.h>
#include <stdio.h>

#include <cairo.h>
#include <pango/pangocairo.h>

typedef struct dcanvas dcanvas;

struct pdf_zpool;
/* pool: deflates the pages' content streams on its thread (borrowed; may
 * be NULL); jobs: the threads the finish may use to subset the faces */
dcanvas *dc_new(FILE *out, double w, double h, int level, struct pdf_zpool *pool,
                int jobs);
void dc_free(dcanvas *d);

void dc_rgb(dcanvas *d, double r, double g, double b);
void dc_line_width(dcanvas *d, double w);
void dc_dash(dcanvas *d, const double *dashes, int n, double offset);
void dc_save(dcanvas *d);
void dc_restore(dcanvas *d);
/* Multiplies the transformation by [a b c d e f] (cairo's xx yx xy yy x0
 * y0 order). */
void dc_transform(dcanvas *d, double a, double b, double c, double dd,
                  double e, double f);
void dc_move_to(dcanvas *d, double x, double y);
void dc_line_to(dcanvas *d, double x, double y);
void dc_rectangle(dcanvas *d, double x, double y, double w, double h);
/* Ends the path: 'S' stroke, 'f' fill, 'W' clip. */
void dc_paint_path(dcanvas *d, char op);
void dc_show_layout(dcanvas *d, PangoLayout *l, double x, double y,
                    double embolden);
void dc_show_glyphs(dcanvas *d, cairo_scaled_font_t *font,
                    const cairo_glyph_t *glyphs, int n_glyphs,
                    const char *utf8, int utf8_len,
                    const cairo_text_cluster_t *clusters, int n_clusters);
void dc_image(dcanvas *d, cairo_surface_t *image);
void dc_dest(dcanvas *d, const char *name, double x, double y);
void dc_link(dcanvas *d, const char *dest, double x, double y, double w,
             double h);
int dc_outline(dcanvas *d, int parent, const char *title, int page, double x,
               double y, bool open);
void dc_metadata(dcanvas *d, int key, const char *value);
void dc_show_page(dcanvas *d);
int dc_finish(dcanvas *d);

#endif
