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

/* Table text: 10.5 pt (五号) unless the options say otherwise; its pitch
 * grows with it (15 pt at 10.5). */
#define TABLE_PT_DEFAULT 10.5
#define TABLE_PITCH (15.0 / 10.5)

/* Cells in face `cell`, heads and chart labels in `head`, at pt. */
static void table_styles(tstyle *s, const char *cell, const char *head,
                         double pt)
{
    style_set(&s[ST_TABLE], cell, pt, pt * TABLE_PITCH, false,
              PANGO_ALIGN_LEFT);
    style_set(&s[ST_THEAD], head, pt, pt * TABLE_PITCH, false,
              PANGO_ALIGN_CENTER);
    style_set(&s[ST_CHART], head, pt, pt * (14 / 10.5), false,
              PANGO_ALIGN_LEFT);
}

void pdf_setup_styles(pdf *P)
{
    double tpt = P->o->table_font_pt > 0 ? P->o->table_font_pt
                                          : TABLE_PT_DEFAULT;
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
        table_styles(s, fang, sans, tpt);
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
        /* 五号 table text for leaders' eyes (issue 10.2), 9 pt before */
        table_styles(s, sans, sans, tpt);
        style_set(&s[ST_FIGNUM], sans, 15, 19, false, PANGO_ALIGN_CENTER);
        style_set(&s[ST_FIGLABEL], sans, 8, 11, false, PANGO_ALIGN_CENTER);
        s[ST_FIGLABEL].gray = 0.3;
        style_set(&s[ST_RUNNING], sans, 8, 11, false, PANGO_ALIGN_LEFT);
        s[ST_RUNNING].gray = 0.35;
        P->pg.cell_pad = 3;
        P->pg.space_h1 = 14;
        P->pg.space_h2 = 8;
    }
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
