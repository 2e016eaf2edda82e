/* pdf_style.c - page geometry and the text styles of the default and the
 * gongwen (GB/T 9704) looks; see pdf_internal.h. */
#include <math.h>
#include <string.h>

#include "pdf_internal.h"

static void style_set(tstyle *s, const char *family, double size,
                      double pitch, bool bold, PangoAlignment align)
{
    s->font = pango_font_description_new();
    pango_font_description_set_family(s->font, family);
    pango_font_description_set_size(s->font, (int)lround(size * PANGO_SCALE));
    s->size = size;
    s->pitch = pitch;
    s->bold = bold;
    s->align = align;
    s->attrs = pango_attr_list_new();
    PangoAttribute *a =
        pango_attr_line_height_new_absolute((int)lround(pitch * PANGO_SCALE));
    pango_attr_list_insert(s->attrs, a);
}

void pdf_setup_page(pdf *P)
{
    page_spec *g = &P->pg;
    bool land = P->o->landscape;
    g->w = land ? 841.89 : 595.28;
    g->h = land ? 595.28 : 841.89;
    if (g->gongwen) {
        /* GB/T 9704-2012: top 37 mm, binding side 28 mm, text block
         * 156 x 225 mm (turned for landscape) */
        g->left = land ? 37 * MM : 28 * MM;
        g->top = land ? 28 * MM : 37 * MM;
        g->body_w = land ? 225 * MM : 156 * MM;
        g->body_h = land ? 156 * MM : 225 * MM;
    } else {
        g->left = land ? 15 * MM : 18 * MM;
        g->top = land ? 20 * MM : 22 * MM;
        g->body_w = g->w - 2 * g->left;
        g->body_h = g->h - g->top - (land ? 17 * MM : 20 * MM);
    }
}

/* The table text size of the settings (font-size), with the head: the
 * style's proportion of line pitch to size kept. */
static void table_size(pdf *P)
{
    double pt = P->o->table_font_pt;
    if (pt <= 0)
        return;
    for (int i = ST_TABLE; i <= ST_THEAD; i++) {
        tstyle *t = &P->st[i];
        double pitch = t->pitch * pt / t->size;
        PangoAlignment align = t->align;
        bool bold = t->bold;
        char *family = strdup(pango_font_description_get_family(t->font));
        if (!family)
            abort();
        pango_font_description_free(t->font);
        pango_attr_list_unref(t->attrs);
        style_set(t, family, pt, pitch, bold, align);
        free(family);
    }
}

void pdf_setup_styles(pdf *P)
{
    const char *serif = bl_fonts_serif(P->fonts);
    const char *sans = bl_fonts_sans(P->fonts);
    tstyle *s = P->st;
    if (P->pg.gongwen) {
        /* 3号 (16 pt) body on a fixed pitch of 22 lines per text block */
        double pitch = P->pg.body_h / (P->o->landscape ? 15.0 : 22.0);
        const char *fang = bl_fonts_fangsong(P->fonts);
        style_set(&s[ST_TITLE], bl_fonts_title(P->fonts), 22, pitch * 1.25,
                  true, PANGO_ALIGN_CENTER);
        style_set(&s[ST_SUB], bl_fonts_kai(P->fonts), 16, pitch, false,
                  PANGO_ALIGN_CENTER);
        style_set(&s[ST_H1], sans, 16, pitch, false, PANGO_ALIGN_LEFT);
        style_set(&s[ST_H2], bl_fonts_kai(P->fonts), 16, pitch, false,
                  PANGO_ALIGN_LEFT);
        style_set(&s[ST_BODY], fang, 16, pitch, false, PANGO_ALIGN_LEFT);
        s[ST_BODY].indent = 32;
        s[ST_H1].indent = 32;
        s[ST_H2].indent = 32;
        style_set(&s[ST_TABLE], fang, 10.5, 15, false, PANGO_ALIGN_LEFT);
        style_set(&s[ST_THEAD], sans, 10.5, 15, false, PANGO_ALIGN_CENTER);
        style_set(&s[ST_CHART], sans, 10.5, 14, false, PANGO_ALIGN_LEFT);
        style_set(&s[ST_FIGNUM], sans, 16, 22, false, PANGO_ALIGN_CENTER);
        style_set(&s[ST_FIGLABEL], sans, 10.5, 14, false, PANGO_ALIGN_CENTER);
        style_set(&s[ST_RUNNING], serif, 14, 18, false, PANGO_ALIGN_LEFT);
        P->pg.cell_pad = 3.5;
        P->pg.space_h1 = 0;
        P->pg.space_h2 = 0;
    } else {
        style_set(&s[ST_TITLE], serif, 20, 28, true, PANGO_ALIGN_CENTER);
        style_set(&s[ST_SUB], sans, 10, 15, false, PANGO_ALIGN_CENTER);
        s[ST_SUB].gray = 0.25;
        style_set(&s[ST_H1], sans, 14, 20, false, PANGO_ALIGN_LEFT);
        style_set(&s[ST_H2], sans, 11, 16, false, PANGO_ALIGN_LEFT);
        style_set(&s[ST_BODY], serif, 10.5, 16, false, PANGO_ALIGN_LEFT);
        s[ST_BODY].indent = 21;
        style_set(&s[ST_TABLE], sans, 9, 13, false, PANGO_ALIGN_LEFT);
        style_set(&s[ST_THEAD], sans, 9, 13, false, PANGO_ALIGN_CENTER);
        style_set(&s[ST_CHART], sans, 8.5, 12, false, PANGO_ALIGN_LEFT);
        style_set(&s[ST_FIGNUM], sans, 15, 19, false, PANGO_ALIGN_CENTER);
        style_set(&s[ST_FIGLABEL], sans, 8, 11, false, PANGO_ALIGN_CENTER);
        s[ST_FIGLABEL].gray = 0.3;
        style_set(&s[ST_RUNNING], sans, 8, 11, false, PANGO_ALIGN_LEFT);
        s[ST_RUNNING].gray = 0.35;
        P->pg.cell_pad = 3;
        P->pg.space_h1 = 14;
        P->pg.space_h2 = 8;
    }
    table_size(P);
}

void pdf_free_styles(pdf *P)
{
    for (int i = 0; i < ST_COUNT; i++) {
        if (P->st[i].font)
            pango_font_description_free(P->st[i].font);
        if (P->st[i].attrs)
            pango_attr_list_unref(P->st[i].attrs);
    }
}
