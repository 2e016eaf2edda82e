/* canvas.c - the canvas calls (pdf_canvas.h): on a cairo canvas each is
 * the cairo call it mirrors; on a direct one, canvas_direct.c's. */
#include <cairo-pdf.h>

#include "alloc.h"
#include "canvas_direct.h"
#include "pdf_canvas.h"

struct pdf_canvas {
    cairo_surface_t *surface; /* cairo: referenced */
    cairo_t *cr;
    dcanvas *d;               /* direct */
};

pdf_canvas *pdf_canvas_new_cairo(cairo_surface_t *surface)
{
    pdf_canvas *c = bl_calloc(1, sizeof *c);
    c->surface = cairo_surface_reference(surface);
    c->cr = cairo_create(surface);
    return c;
}

pdf_canvas *pdf_canvas_new_direct(FILE *out, double w, double h, int level,
                                  struct pdf_zpool *pool, int jobs)
{
    dcanvas *d = dc_new(out, w, h, level, pool, jobs);
    if (!d)
        return NULL;
    pdf_canvas *c = bl_calloc(1, sizeof *c);
    c->d = d;
    return c;
}

void pdf_canvas_free(pdf_canvas *c)
{
    if (!c)
        return;
    if (c->cr) {
        cairo_destroy(c->cr);
        cairo_surface_destroy(c->surface);
    }
    dc_free(c->d);
    bl_free(c);
}

cairo_t *cv_cairo(pdf_canvas *c) { return c->cr; }

void cv_set_source_rgb(pdf_canvas *c, double r, double g, double b)
{
    if (c->cr)
        cairo_set_source_rgb(c->cr, r, g, b);
    else
        dc_rgb(c->d, r, g, b);
}

void cv_set_line_width(pdf_canvas *c, double w)
{
    if (c->cr)
        cairo_set_line_width(c->cr, w);
    else
        dc_line_width(c->d, w);
}

void cv_set_dash(pdf_canvas *c, const double *dashes, int n, double offset)
{
    if (c->cr)
        cairo_set_dash(c->cr, dashes, n, offset);
    else
        dc_dash(c->d, dashes, n, offset);
}

void cv_save(pdf_canvas *c)
{
    if (c->cr)
        cairo_save(c->cr);
    else
        dc_save(c->d);
}

void cv_restore(pdf_canvas *c)
{
    if (c->cr)
        cairo_restore(c->cr);
    else
        dc_restore(c->d);
}

void cv_translate(pdf_canvas *c, double x, double y)
{
    if (c->cr)
        cairo_translate(c->cr, x, y);
    else
        dc_transform(c->d, 1, 0, 0, 1, x, y);
}

void cv_scale(pdf_canvas *c, double sx, double sy)
{
    if (c->cr)
        cairo_scale(c->cr, sx, sy);
    else
        dc_transform(c->d, sx, 0, 0, sy, 0, 0);
}

void cv_move_to(pdf_canvas *c, double x, double y)
{
    if (c->cr)
        cairo_move_to(c->cr, x, y);
    else
        dc_move_to(c->d, x, y);
}

void cv_line_to(pdf_canvas *c, double x, double y)
{
    if (c->cr)
        cairo_line_to(c->cr, x, y);
    else
        dc_line_to(c->d, x, y);
}

void cv_rectangle(pdf_canvas *c, double x, double y, double w, double h)
{
    if (c->cr)
        cairo_rectangle(c->cr, x, y, w, h);
    else
        dc_rectangle(c->d, x, y, w, h);
}

void cv_stroke(pdf_canvas *c)
{
    if (c->cr)
        cairo_stroke(c->cr);
    else
        dc_paint_path(c->d, 'S');
}

void cv_fill(pdf_canvas *c)
{
    if (c->cr)
        cairo_fill(c->cr);
    else
        dc_paint_path(c->d, 'f');
}

void cv_clip(pdf_canvas *c)
{
    if (c->cr)
        cairo_clip(c->cr);
    else
        dc_paint_path(c->d, 'W');
}

void cv_show_layout(pdf_canvas *c, PangoLayout *l, double x, double y,
                    double embolden)
{
    if (!c->cr) {
        dc_show_layout(c->d, l, x, y, embolden);
        return;
    }
    cairo_move_to(c->cr, x, y);
    pango_cairo_show_layout(c->cr, l);
    if (embolden > 0) {
        cairo_move_to(c->cr, x, y);
        pango_cairo_layout_path(c->cr, l);
        cairo_set_line_width(c->cr, embolden);
        cairo_set_line_join(c->cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(c->cr);
    }
}

void cv_show_glyphs(pdf_canvas *c, cairo_scaled_font_t *font,
                    const cairo_glyph_t *glyphs, int n_glyphs,
                    const char *utf8, int utf8_len,
                    const cairo_text_cluster_t *clusters, int n_clusters)
{
    if (!c->cr) {
        dc_show_glyphs(c->d, font, glyphs, n_glyphs, utf8, utf8_len, clusters,
                       n_clusters);
        return;
    }
    cairo_set_scaled_font(c->cr, font);
    if (n_clusters > 0)
        cairo_show_text_glyphs(c->cr, utf8, utf8_len, glyphs, n_glyphs,
                               clusters, n_clusters, 0);
    else
        cairo_show_glyphs(c->cr, glyphs, n_glyphs);
}

void cv_paint_image(pdf_canvas *c, cairo_surface_t *image)
{
    if (!c->cr) {
        dc_image(c->d, image);
        return;
    }
    cairo_set_source_surface(c->cr, image, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(c->cr), CAIRO_FILTER_GOOD);
    cairo_paint(c->cr);
}

void cv_dest(pdf_canvas *c, const char *name, double x, double y)
{
    if (!c->cr) {
        dc_dest(c->d, name, x, y);
        return;
    }
    char attrs[256];
    snprintf(attrs, sizeof attrs, "name='%s' x=%.2f y=%.2f", name, x, y);
    cairo_tag_begin(c->cr, CAIRO_TAG_DEST, attrs);
    cairo_tag_end(c->cr, CAIRO_TAG_DEST);
}

void cv_link_begin(pdf_canvas *c, const char *dest, double x, double y,
                   double w, double h)
{
    if (!c->cr) {
        dc_link(c->d, dest, x, y, w, h);
        return;
    }
    char attrs[256];
    snprintf(attrs, sizeof attrs, "rect=[%.2f %.2f %.2f %.2f] dest='%s'", x,
             y, w, h, dest);
    cairo_tag_begin(c->cr, CAIRO_TAG_LINK, attrs);
}

void cv_link_end(pdf_canvas *c)
{
    if (c->cr)
        cairo_tag_end(c->cr, CAIRO_TAG_LINK);
}

int cv_add_outline(pdf_canvas *c, int parent, const char *title, int page,
                   double x, double y, bool open)
{
    if (!c->cr)
        return dc_outline(c->d, parent, title, page, x, y, open);
    char attrs[128];
    snprintf(attrs, sizeof attrs, "page=%d pos=[%.2f %.2f]", page, x, y);
    return cairo_pdf_surface_add_outline(
        c->surface, parent, title, attrs,
        open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : (cairo_pdf_outline_flags_t)0);
}

void cv_set_metadata(pdf_canvas *c, int key, const char *value)
{
    if (c->cr)
        cairo_pdf_surface_set_metadata(c->surface, (cairo_pdf_metadata_t)key,
                                       value);
    else
        dc_metadata(c->d, key, value);
}

void cv_show_page(pdf_canvas *c)
{
    if (c->cr)
        cairo_show_page(c->cr);
    else
        dc_show_page(c->d);
}

int cv_finish(pdf_canvas *c)
{
    if (!c->cr)
        return dc_finish(c->d);
    cairo_surface_finish(c->surface);
    return cairo_surface_status(c->surface) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
