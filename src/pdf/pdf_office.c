/* pdf_office.c - the office's settings in the briefing (docs/settings.md):
 * the masthead (logo and office name over a rule), the colours of rules,
 * headings, chart and table heads, and the footer and contact lines of
 * every page; see pdf_internal.h.
 *
 * The logo is told by content (settings.c): a PNG is read by cairo and
 * embedded as an image; an SVG is parsed by librsvg (external references
 * refused: the handle has no base file) and drawn as vectors. Both are
 * decoded before the output is opened, so a broken logo writes nothing.
 * Without settings nothing here draws, and the bytes are those of a run
 * without them. */
#include <librsvg/rsvg.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "lazylib.h"
#include "pdf_internal.h"
#include "settings.h"

/* The masthead's colour when the settings give none: the page's --red. */
static const double default_red[3] = {0xb3 / 255.0, 0x19 / 255.0, 0x1f / 255.0};

static void parse_rgb(const char *hex, double rgb[3])
{
    for (int i = 0; i < 3; i++) {
        char two[3] = {hex[1 + 2 * i], hex[2 + 2 * i], '\0'};
        rgb[i] = (double)strtol(two, NULL, 16) / 255.0;
    }
}

typedef struct png_reader {
    const unsigned char *p;
    size_t left;
} png_reader;

static cairo_status_t read_png(void *closure, unsigned char *data,
                               unsigned int length)
{
    png_reader *r = closure;
    if (length > r->left)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p, length);
    r->p += length;
    r->left -= length;
    return CAIRO_STATUS_SUCCESS;
}

static int logo_error(const bl_settings *s, const char *why, bl_error *err)
{
    return bl_error_set(err, BL_EINPUT, s->path, s->logo_line, "logo %s: %s", nz(s->logo_path),
                        why);
}

static int load_png(const bl_settings *s, pdf_office *f, bl_error *err)
{
    png_reader r = {s->logo, s->logo_len};
    cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_png, &r);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        return logo_error(s, "not a readable PNG image", err);
    }
    f->png = img;
    f->logo_w = cairo_image_surface_get_width(img);
    f->logo_h = cairo_image_surface_get_height(img);
    return BL_OK;
}

/* librsvg, opened the first time a logo is an SVG (lazylib.h). */
#define RSVG_CALLS(X)                                                          \
    X(rsvg_handle_new_from_data) X(rsvg_handle_get_intrinsic_size_in_pixels)   \
    X(rsvg_handle_get_intrinsic_dimensions) X(rsvg_handle_render_document)

BL_LAZYLIB(R, BL_RSVG_SONAME, RSVG_CALLS)

static int load_svg(const bl_settings *s, pdf_office *f, bl_error *err)
{
    int rc = bl_lazy_open(s->path, err);
    if (rc)
        return rc;
    GError *ge = NULL;
    RsvgHandle *h = R.rsvg_handle_new_from_data(s->logo, s->logo_len, &ge);
    if (!h) {
        char why[512];
        snprintf(why, sizeof why, "not a readable SVG image (%s)",
                 ge ? ge->message : "librsvg gives no reason");
        if (ge)
            g_error_free(ge);
        return logo_error(s, why, err);
    }
    double w = 0, hh = 0;
    if (!R.rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh)) {
        gboolean has_vb = FALSE;
        RsvgRectangle vb = {0};
        R.rsvg_handle_get_intrinsic_dimensions(h, NULL, NULL, NULL, NULL, &has_vb, &vb);
        if (has_vb) {
            w = vb.width;
            hh = vb.height;
        }
    }
    if (!(w > 0 && hh > 0)) {
        g_object_unref(h);
        return logo_error(s, "the SVG gives neither a size nor a viewBox", err);
    }
    f->svg = h;
    f->logo_w = w;
    f->logo_h = hh;
    return BL_OK;
}

int pdf_office_load(const bl_pdf_options *o, pdf_office *f, bl_error *err)
{
    memset(f, 0, sizeof *f);
    const bl_settings *s = o->settings;
    if (!s)
        return BL_OK;
    if (s->accent) {
        f->has_accent = true;
        parse_rgb(s->accent, f->accent);
    }
    if (s->secondary) {
        f->has_secondary = true;
        parse_rgb(s->secondary, f->secondary);
    }
    f->internal = s->edition && strcmp(s->edition, "internal") == 0;
    if (!s->logo)
        return BL_OK;
    if (s->logo_type && strcmp(s->logo_type, "image/png") == 0)
        return load_png(s, f, err);
    return load_svg(s, f, err);
}

int pdf_office_coverage(bl_fonts *fonts, const bl_pdf_options *o, bl_error *err)
{
    const bl_settings *s = o->settings;
    if (!s || o->allow_fallback)
        return BL_OK;
    const char *keys[] = {"name", "footer", "contact"};
    const char *texts[] = {s->name, s->footer, s->contact};
    bl_buf missing = BL_BUF_INIT;
    int rc = BL_OK;
    for (int i = 0; i < 3 && !rc; i++) {
        if (!texts[i] || !bl_fonts_uncovered(fonts, texts[i], &missing))
            continue;
        rc = bl_error_set(err, BL_EFONT, s->path, 0,
                          "%s: %s not covered by the fonts (%s, %s); add a face "
                          "that has them with font-dirs or --font-dir, or pass "
                          "--allow-fallback",
                          keys[i], bl_buf_cstr(&missing), bl_fonts_serif(fonts),
                          bl_fonts_sans(fonts));
    }
    bl_buf_free(&missing);
    return rc;
}

void pdf_office_free(pdf_office *f)
{
    if (f->png)
        cairo_surface_destroy(f->png);
    if (f->svg)
        g_object_unref(f->svg);
    memset(f, 0, sizeof *f);
}

/* The texts come from the view's "site", as the page words them. */
void pdf_office_texts(pdf *P)
{
    const cJSON *site = jget(P->view, "site");
    P->office.name = jstr(site, "name");
    P->office.footer = jstr(site, "footer");
    P->office.contact = jstr(site, "contact");
}

const double *pdf_accent(const pdf *P)
{
    return P->office.has_accent ? P->office.accent : NULL;
}

const double *pdf_secondary(const pdf *P)
{
    return P->office.has_secondary ? P->office.secondary : NULL;
}

/* ---- the masthead ------------------------------------------------------ */

static void draw_logo(pdf *P, double x, double y, double w, double h)
{
    pdf_canvas *cv = P->cv;
    pdf_office *f = &P->office;
    cv_save(cv);
    if (f->png) {
        cv_translate(cv, x, y);
        cv_scale(cv, w / f->logo_w, h / f->logo_h);
        cv_paint_image(cv, f->png);
    } else if (f->svg) {
        RsvgRectangle vp = {x, y, w, h};
        GError *ge = NULL;
        if (!R.rsvg_handle_render_document(f->svg, cv_cairo(cv), &vp, &ge) && ge)
            g_error_free(ge); /* parsed before: a drawing failure leaves a gap */
    }
    cv_restore(cv);
}

/* The office's name (or logo alone) over a rule, as an office's 版头: the
 * name large in the accent colour (the page's red without one), the logo
 * left of it, the pair centred; a heavy rule under them (the 版头's
 * separating line). */
void pdf_masthead(pdf *P)
{
    pdf_office *f = &P->office;
    bool logo = f->png || f->svg;
    if (!logo && !f->name)
        return;
    tstyle name_st = P->st[ST_TITLE];
    double size = P->pg.gongwen ? 26 : 24;
    PangoFontDescription *fd = pango_font_description_copy(name_st.font);
    pango_font_description_set_size(fd, (int)lround(size * PANGO_SCALE));
    name_st.font = fd;
    name_st.size = size;
    name_st.pitch = size * 1.3;
    name_st.align = PANGO_ALIGN_LEFT;
    name_st.attrs = NULL;
    double lh = P->pg.gongwen ? 20 * MM : 16 * MM; /* logo height */
    double lw = logo ? lh * f->logo_w / f->logo_h : 0;
    if (lw > P->pg.body_w / 3) { /* a wide logo: capped at a third */
        lw = P->pg.body_w / 3;
        lh = lw * f->logo_h / f->logo_w;
    }
    double gap = logo && f->name ? 4 * MM : 0;
    PangoLayout *l = P->scratch;
    double nw = 0, nh = 0;
    if (f->name) {
        nw = pdf_lay_width(P, l, &name_st, f->name);
        if (lw + gap + nw > P->pg.body_w) {
            nw = P->pg.body_w - lw - gap;
            nh = pdf_lay_text(&P->lo, NULL, l, &name_st, f->name, nw, false);
        } else {
            nh = pdf_lay_text(&P->lo, NULL, l, &name_st, f->name, -1, false);
        }
    }
    double body = fmax(lh, nh);
    double rule_gap = 3 * MM, h = body + rule_gap + 1.1 + 4 * MM;
    const bl_lay_place *pl = pdf_block(P, BL_LAY_BLOCK, h, true, NULL, 0, 0);
    if (pl && !P->failed) {
        const double *rgb = f->has_accent ? f->accent : default_red;
        double x = P->pg.left + (P->pg.body_w - (lw + gap + nw)) / 2;
        double y = P->pg.top + pl->y;
        if (logo)
            draw_logo(P, x, y + (body - lh) / 2, lw, lh);
        if (f->name)
            pdf_show_rgb(P, l, &name_st, x + lw + gap, y + (body - nh) / 2, rgb);
        pdf_canvas *cv = P->cv;
        double ry = y + body + rule_gap;
        cv_set_source_rgb(cv, rgb[0], rgb[1], rgb[2]);
        cv_set_line_width(cv, 2.2);
        cv_move_to(cv, P->pg.left, ry);
        cv_line_to(cv, P->pg.left + P->pg.body_w, ry);
        cv_stroke(cv);
        cv_set_source_rgb(cv, 0, 0, 0);
    }
    pango_font_description_free(fd);
}

/* The accent's mark left of a section heading (default style). */
void pdf_heading_mark(pdf *P, const bl_lay_place *pl, int style)
{
    const double *rgb = pdf_accent(P);
    if (!rgb || !pl || P->failed || P->pg.gongwen)
        return;
    pdf_canvas *cv = P->cv;
    const tstyle *s = &P->st[style];
    double y = P->pg.top + pl->y;
    cv_set_source_rgb(cv, rgb[0], rgb[1], rgb[2]);
    cv_rectangle(cv, P->pg.left - 7, y + (s->pitch - s->size) / 2 - 1, 3.5,
                    s->size + 2);
    cv_fill(cv);
    cv_set_source_rgb(cv, 0, 0, 0);
}

/* ---- the footer -------------------------------------------------------- */

/* The footer and contact lines under every page's text: one line, footer
 * left and contact right, under a hairline (default); centred lines under
 * the page number (gongwen). False when there are none (P->running is
 * left as it was). */
bool pdf_office_footer(pdf *P, double number_w)
{
    pdf_office *f = &P->office;
    if (!f->footer && !f->contact)
        return false;
    page_spec *g = &P->pg;
    tstyle *s = &P->st[ST_RUNNING];
    PangoLayout *l = P->running;
    pdf_canvas *cv = P->cv;
    if (g->gongwen) {
        double y = g->top + g->body_h + 14 * MM;
        tstyle small = *s;
        small.size = 10.5;
        PangoFontDescription *fd = pango_font_description_copy(s->font);
        pango_font_description_set_size(fd, (int)lround(small.size * PANGO_SCALE));
        small.font = fd;
        small.pitch = 15;
        small.attrs = NULL;
        const char *lines[2] = {f->footer, f->contact};
        for (int i = 0; i < 2; i++) {
            if (!lines[i])
                continue;
            double w = fmin(pdf_lay_width(P, l, &small, lines[i]), g->body_w);
            pdf_lay_text(&P->lo, NULL, l, &small, lines[i], g->body_w, false);
            pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
            pdf_show(P, l, &small, g->left + (g->body_w - w) / 2, y);
            pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
            y += small.pitch;
        }
        pango_font_description_free(fd);
        return true;
    }
    /* portrait: a line of its own over the page number; landscape (its
     * text block ends 17 mm from the edge) beside the number, which stays
     * centred */
    bool beside = P->o->landscape;
    double y = beside ? g->h - 12 * MM : g->h - 18 * MM;
    double half = f->footer && f->contact ? g->body_w / 2 - s->size : g->body_w;
    if (beside)
        half = (g->body_w - number_w) / 2 - 2 * s->size;
    const double *rgb = pdf_accent(P);
    if (rgb)
        cv_set_source_rgb(cv, rgb[0], rgb[1], rgb[2]);
    else
        cv_set_source_rgb(cv, 0.35, 0.35, 0.35);
    cv_set_line_width(cv, 0.5);
    cv_move_to(cv, g->left, y - 1.5);
    cv_line_to(cv, g->left + g->body_w, y - 1.5);
    cv_stroke(cv);
    cv_set_source_rgb(cv, 0, 0, 0);
    if (f->footer) {
        pdf_lay_text(&P->lo, NULL, l, s, f->footer, half, false);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        pango_layout_set_height(l, 0); /* one line */
        pdf_show(P, l, s, g->left, y);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
        pango_layout_set_height(l, -1);
    }
    if (f->contact) {
        double w = fmin(pdf_lay_width(P, l, s, f->contact), half);
        pdf_lay_text(&P->lo, NULL, l, s, f->contact, half, false);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        pango_layout_set_height(l, 0);
        pdf_show(P, l, s, g->left + g->body_w - w, y);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
        pango_layout_set_height(l, -1);
    }
    return true;
}
