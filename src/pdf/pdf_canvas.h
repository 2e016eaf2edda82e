/* pdf_canvas.h - what the briefing draws on: paths, text, images, links
 * and the outline of a PDF's pages, written by one of two backends.
 *
 *   cairo   (canvas.c) every call goes to cairo's PDF surface, as the
 *           writer always did; used for what the direct backend does not
 *           draw (an SVG logo) and to check it (tests/test_canvas.sh
 *           renders both and compares the pixels).
 *   direct  (canvas_direct.c) the calls become PDF operators of a content
 *           stream per page, written through pdfw.h with the fonts
 *           embedded by pdf_embed.h: cairo's PDF surface replays every
 *           page and maps every glyph at cairo_show_page, which was a
 *           third of a briefing's time (bench/README.md).
 *
 * The calls mirror the cairo calls the writer makes, in the same user
 * space: points, origin at the page's top left, y down. One colour is
 * the source of both fills and strokes, as in cairo. A path is built,
 * then stroked, filled or made the clip; save/restore keep the colour,
 * line width, dash, clip and transformation (not the path).
 *
 * Ownership: pdf_canvas_new_cairo draws on a surface the caller owns;
 * pdf_canvas_new_direct writes to a FILE the caller owns. pdf_canvas_free
 * releases the canvas and what it made. Texts and layouts are borrowed
 * for the duration of a call. One thread draws.
 */
#ifndef BL_PDF_CANVAS_H
#define BL_PDF_CANVAS_H

#include <stdbool.h>
#include <stdio.h>

#include <cairo.h>
#include <pango/pangocairo.h>

typedef struct pdf_canvas pdf_canvas;

/* On cairo's PDF surface (referenced). */
pdf_canvas *pdf_canvas_new_cairo(cairo_surface_t *surface);
/* A PDF of pages w x h points written to out, streams deflated at
 * libdeflate's level (pdf_deflate.h), the pages' on pool's thread when
 * pool is not NULL (pdf_zpool.h; borrowed, freed after the canvas); the
 * finish subsets up to jobs faces at once, on threads of its own. */
struct pdf_zpool;
pdf_canvas *pdf_canvas_new_direct(FILE *out, double w, double h, int level,
                                  struct pdf_zpool *pool, int jobs);
void pdf_canvas_free(pdf_canvas *c);

/* The cairo context of a cairo canvas (NULL for a direct one): for the
 * SVG logo, which librsvg draws on cairo. */
cairo_t *cv_cairo(pdf_canvas *c);

/* ---- state ---- */
void cv_set_source_rgb(pdf_canvas *c, double r, double g, double b);
void cv_set_line_width(pdf_canvas *c, double w);
/* n dashes (0: solid) starting offset into the pattern */
void cv_set_dash(pdf_canvas *c, const double *dashes, int n, double offset);
void cv_save(pdf_canvas *c);
void cv_restore(pdf_canvas *c);
void cv_translate(pdf_canvas *c, double x, double y);
void cv_scale(pdf_canvas *c, double sx, double sy);

/* ---- paths ---- */
void cv_move_to(pdf_canvas *c, double x, double y);
void cv_line_to(pdf_canvas *c, double x, double y);
void cv_rectangle(pdf_canvas *c, double x, double y, double w, double h);
void cv_stroke(pdf_canvas *c);
void cv_fill(pdf_canvas *c);
void cv_clip(pdf_canvas *c);

/* ---- text ---- */
/* Layout l with its top left at (x, y) in the source colour; embolden > 0
 * also strokes the glyphs' outlines that wide (round joins): faces
 * without a bold weight (FreeType's emboldening would make cairo write a
 * Type 3 font). */
void cv_show_layout(pdf_canvas *c, PangoLayout *l, double x, double y,
                    double embolden);
/* Glyphs of one scaled font (Pango's: pango_cairo_font_get_scaled_font)
 * at their positions; utf8 and clusters may be NULL/0 (no text known). */
void cv_show_glyphs(pdf_canvas *c, cairo_scaled_font_t *font,
                    const cairo_glyph_t *glyphs, int n_glyphs,
                    const char *utf8, int utf8_len,
                    const cairo_text_cluster_t *clusters, int n_clusters);

/* ---- images ---- */
/* An ARGB32 image surface painted at the origin, a unit of the current
 * transformation per pixel (cairo_set_source_surface at 0,0 with the
 * "good" filter, then cairo_paint). The source colour is the image's
 * afterwards, on a cairo canvas as in cairo: set one before drawing. */
void cv_paint_image(pdf_canvas *c, cairo_surface_t *image);

/* ---- links, outline, document ---- */
/* A named destination at (x, y) of the current page. */
void cv_dest(pdf_canvas *c, const char *name, double x, double y);
/* A link over the rectangle to the named destination, around what is
 * drawn until cv_link_end (a cairo canvas marks that content as the
 * link's; the rectangle alone makes the link). */
void cv_link_begin(pdf_canvas *c, const char *dest, double x, double y,
                   double w, double h);
void cv_link_end(pdf_canvas *c);
/* An outline entry under parent (0: the root) going to (x, y) of page
 * (1-based); returns its id. */
int cv_add_outline(pdf_canvas *c, int parent, const char *title, int page,
                   double x, double y, bool open);
/* Document information, in cairo's names: CAIRO_PDF_METADATA_*. */
void cv_set_metadata(pdf_canvas *c, int key, const char *value);
/* Ends the page; the next call draws on a new one. */
void cv_show_page(pdf_canvas *c);
/* Writes what is left (fonts, outline, catalog). Returns 0, or -1 when
 * writing failed (the caller discards the file). */
int cv_finish(pdf_canvas *c);

#endif
