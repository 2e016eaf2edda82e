/* pdf_fastcell.c - a table cell of plain text laid out without a Pango
 * layout (pdf_rows.h): glyphs and advances from a per-code-point table
 * filled from the face Pango chose (HarfBuzz nominal glyphs and advances
 * of Pango's own hb_font; runs of kerned glyphs shaped by HarfBuzz as
 * Pango would), lines broken where Pango's UAX #14 rules and the
 * briefing's kept runs let them (lb_break). Cells it cannot lay
 * out exactly as a repaired Pango layout would (other faces, white space,
 * Latin letters, quotes, any unit wider than the cell) go to Pango. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <hb-ot.h>
#include <hb.h>

#include "nobreak.h"
#include "pdf_rows.h"
#include "text.h"

enum { /* what a code point is to the fast path */
    CP_UNKNOWN = 0, /* not looked up yet */
    CP_NO,          /* the cell goes to Pango */
    CP_YES,         /* one of the characters below, in the face */
};

typedef struct cpinfo {
    uint32_t glyph;
    int32_t adv;  /* Pango units */
    uint8_t cls;
    uint8_t kern; /* in a positioning lookup of the face */
    uint8_t lb;   /* GLib's line-breaking class (GUnicodeBreakType) */
} cpinfo;

typedef struct fglyph {
    uint32_t glyph;
    int32_t adv, xoff, yoff;
    uint8_t bytes;
} fglyph;

typedef struct fline {
    size_t start, end; /* bytes of the cell's text */
    size_t g0, ng;     /* glyphs */
    int width;         /* Pango units */
} fline;

typedef struct fcell {
    size_t line0, n_lines;
    int layout_w;
    PangoAlignment align;
} fcell;

typedef struct unit {
    size_t start, end, g0, ng;
    int width;
    bool brk_before; /* a line may start with it */
} unit;

struct fastlay {
    bool ready, usable;
    PangoFont *font;     /* the face of every fast cell (referenced) */
    hb_font_t *hb;       /* Pango's, not referenced */
    cairo_scaled_font_t *sf;
    hb_set_t *kern;      /* glyphs of the face's positioning lookups */
    hb_buffer_t *buf;
    int line_h, base0;   /* a line's height, the first baseline */
    cpinfo *page[256];   /* BMP code points, 256 to a page */
    fglyph *g;
    size_t n_g, cap_g;
    fline *l;
    size_t n_l, cap_l;
    fcell *c;
    size_t cap_c;
    unit *u;
    size_t cap_u;
    bl_nobreak *nb;
    size_t cap_nb;
};

#define LB(x) G_UNICODE_BREAK_##x

static bool ascii_ok(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp && strchr(".,%()+-/:;!?", (int)cp));
}

/* Digits and ASCII punctuation, CJK punctuation and ideographs; not
 * quotes (Pango keeps them with both neighbours), nor a class lb_break
 * does not know. */
static uint8_t classify(uint32_t cp)
{
    bool ok = cp < 0x80 ? ascii_ok(cp)
                        : cp != 0x201C && cp != 0x201D && cp != 0x2018 &&
                              cp != 0x2019 &&
                              (bl_lay_is_closing(cp) || bl_lay_is_opening(cp) ||
                               (cp >= 0x4E00 && cp <= 0x9FFF) ||
                               (cp >= 0x3400 && cp <= 0x4DBF));
    switch (g_unichar_break_type(cp)) {
    case LB(IDEOGRAPHIC): case LB(NUMERIC): case LB(PREFIX):
    case LB(POSTFIX): case LB(OPEN_PUNCTUATION):
    case LB(CLOSE_PUNCTUATION): case LB(CLOSE_PARENTHESIS):
    case LB(INFIX_SEPARATOR): case LB(SYMBOL): case LB(EXCLAMATION):
    case LB(NON_STARTER): case LB(HYPHEN):
        return ok ? CP_YES : CP_NO;
    default:
        return CP_NO;
    }
}

/* Line breaking, as Pango breaks (UAX #14 with the numbers of its
 * example 7 customisation, on GLib's classes), for the classes a fast
 * cell holds: ID, NU, PR (+), PO (%), OP, CL, CP, IS (. , : ;), SY (/),
 * EX (! ? ！ ？), NS (： ；), HY (-). */
typedef struct brkstate {
    uint8_t prev;     /* class of the character before; 0xFF: none */
    bool prev_narrow; /* and it is ASCII (LB30 holds for narrow ones) */
    bool num;         /* the text so far ends in NU (NU | SY | IS)* */
    bool num_close;   /* ... followed by one CL or CP */
} brkstate;

static bool lb_is(uint8_t c, GUnicodeBreakType t)
{
    return c == (uint8_t)t;
}

/* May a line start at a character of class c (narrow: ASCII), the one
 * after it of class next (0xFF: none)? */
static bool lb_break(const brkstate *s, uint8_t c, bool narrow, uint8_t next)
{
    uint8_t p = s->prev;
    if (p == 0xFF)
        return false;
    /* LB13, LB21: never before these; LB14: never after OP */
    if (lb_is(c, LB(CLOSE_PUNCTUATION)) || lb_is(c, LB(CLOSE_PARENTHESIS)) ||
        lb_is(c, LB(EXCLAMATION)) || lb_is(c, LB(INFIX_SEPARATOR)) ||
        lb_is(c, LB(SYMBOL)) || lb_is(c, LB(NON_STARTER)) ||
        lb_is(c, LB(HYPHEN)) || lb_is(p, LB(OPEN_PUNCTUATION)))
        return false;
    /* LB23a: PR x ID, ID x PO */
    if ((lb_is(p, LB(PREFIX)) && lb_is(c, LB(IDEOGRAPHIC))) ||
        (lb_is(p, LB(IDEOGRAPHIC)) && lb_is(c, LB(POSTFIX))))
        return false;
    bool affix_p = lb_is(p, LB(PREFIX)) || lb_is(p, LB(POSTFIX));
    /* LB25 as a number: (PR|PO)? (OP|HY)? NU (NU|SY|IS)* (CL|CP)?
     * (PR|PO)? kept whole */
    if (lb_is(c, LB(NUMERIC)) &&
        (affix_p || lb_is(p, LB(HYPHEN)) || lb_is(p, LB(NUMERIC)) ||
         ((lb_is(p, LB(SYMBOL)) || lb_is(p, LB(INFIX_SEPARATOR))) &&
          s->num)))
        return false;
    if ((lb_is(c, LB(PREFIX)) || lb_is(c, LB(POSTFIX))) &&
        (s->num || s->num_close))
        return false;
    if (lb_is(c, LB(OPEN_PUNCTUATION)) && affix_p &&
        lb_is(next, LB(NUMERIC)))
        return false;
    /* LB30: NU x OP, CP x NU for narrow parentheses */
    if ((lb_is(p, LB(NUMERIC)) && lb_is(c, LB(OPEN_PUNCTUATION)) && narrow) ||
        (lb_is(p, LB(CLOSE_PARENTHESIS)) && s->prev_narrow &&
         lb_is(c, LB(NUMERIC))))
        return false;
    return true;
}

/* Moves the state past a character of class c. */
static void lb_next(brkstate *s, uint8_t c, bool narrow)
{
    bool was_num = s->num;
    s->num = lb_is(c, LB(NUMERIC)) ||
             (s->num && (lb_is(c, LB(SYMBOL)) || lb_is(c, LB(INFIX_SEPARATOR))));
    s->num_close = was_num && (lb_is(c, LB(CLOSE_PUNCTUATION)) ||
                               lb_is(c, LB(CLOSE_PARENTHESIS)));
    s->prev = c;
    s->prev_narrow = narrow;
}

static bool has_table(hb_face_t *face, hb_tag_t tag)
{
    hb_blob_t *b = hb_face_reference_table(face, tag);
    bool has = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return has;
}

/* The first use on a context: the face Pango takes for ideographs, and
 * whether cells in it can be laid out here at all. */
static void fast_setup(rowctx *w, fastlay *f)
{
    f->ready = true;
    if (w->style.bold || w->style.indent != 0 || !w->lo.fix)
        return;
    PangoFontset *fs = pango_context_load_fontset(
        w->ctx, w->style.font, pango_context_get_language(w->ctx));
    if (!fs)
        return;
    f->font = pango_fontset_get_font(fs, 0x4E2D); /* referenced */
    g_object_unref(fs);
    if (!f->font || !PANGO_IS_CAIRO_FONT(f->font))
        return;
    f->hb = pango_font_get_hb_font(f->font);
    f->sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(f->font));
    if (!f->hb || !f->sf)
        return;
    hb_face_t *face = hb_font_get_face(f->hb);
    /* substitutions would change glyphs; positioning only for scripts
     * HarfBuzz resolves alike for Han and Common (DFLT, latn) */
    hb_set_t *lk = hb_set_create();
    hb_ot_layout_collect_lookups(face, HB_OT_TAG_GSUB, NULL, NULL, NULL, lk);
    bool subst = hb_set_get_population(lk) > 0;
    hb_set_clear(lk);
    hb_tag_t tags[16];
    unsigned n = 16, total =
        hb_ot_layout_table_get_script_tags(face, HB_OT_TAG_GPOS, 0, &n, tags);
    bool scripts_ok = total <= 16;
    for (unsigned k = 0; k < n; k++)
        scripts_ok = scripts_ok && (tags[k] == HB_TAG('D', 'F', 'L', 'T') ||
                                    tags[k] == HB_TAG('l', 'a', 't', 'n'));
    f->kern = hb_set_create();
    hb_ot_layout_collect_lookups(face, HB_OT_TAG_GPOS, NULL, NULL, NULL, lk);
    hb_codepoint_t l = HB_SET_VALUE_INVALID;
    while (hb_set_next(lk, &l)) {
        hb_set_t *in = hb_set_create();
        hb_ot_layout_lookup_collect_glyphs(face, HB_OT_TAG_GPOS, l, in, in, in,
                                           in);
        hb_set_union(f->kern, in);
        hb_set_destroy(in);
    }
    hb_set_destroy(lk);
    if (subst || !scripts_ok || has_table(face, HB_TAG('k', 'e', 'r', 'n')) ||
        has_table(face, HB_TAG('m', 'o', 'r', 'x')))
        return;
    /* line metrics as Pango computes them, from two lines */
    PangoLayout *pl = pango_layout_new(w->ctx);
    pango_layout_set_font_description(pl, w->style.font);
    pango_layout_set_attributes(pl, w->style.attrs);
    pango_layout_set_text(pl, "\xe4\xb8\xad\n\xe4\xb8\xad", -1);
    PangoLayoutIter *it = pango_layout_get_iter(pl);
    int a0, a1, b0, b1, base0, base1;
    pango_layout_iter_get_line_yrange(it, &a0, &a1);
    base0 = pango_layout_iter_get_baseline(it);
    bool two = pango_layout_iter_next_line(it);
    pango_layout_iter_get_line_yrange(it, &b0, &b1);
    base1 = pango_layout_iter_get_baseline(it);
    pango_layout_iter_free(it);
    int lw, lh;
    pango_layout_get_size(pl, &lw, &lh);
    g_object_unref(pl);
    if (!two || a0 != 0 || b0 != a1 || b1 - b0 != a1 || base1 - base0 != a1 ||
        lh != 2 * a1)
        return;
    f->line_h = a1;
    f->base0 = base0;
    f->buf = hb_buffer_create();
    f->usable = true;
}

static const cpinfo *cp_info(rowctx *w, fastlay *f, uint32_t cp)
{
    static const cpinfo no = {0, 0, CP_NO, 0, 0};
    if (cp > 0xFFFF)
        return &no;
    cpinfo **pg = &f->page[cp >> 8];
    if (!*pg) {
        *pg = xrealloc(NULL, 256 * sizeof **pg);
        memset(*pg, 0, 256 * sizeof **pg);
    }
    cpinfo *ci = &(*pg)[cp & 0xFF];
    if (ci->cls != CP_UNKNOWN)
        return ci;
    ci->cls = classify(cp);
    hb_codepoint_t g;
    if (ci->cls != CP_NO && !hb_font_get_nominal_glyph(f->hb, cp, &g))
        ci->cls = CP_NO;
    if (ci->cls != CP_NO) {
        /* the face Pango would take for it */
        PangoFontset *fs = pango_context_load_fontset(
            w->ctx, w->style.font, pango_context_get_language(w->ctx));
        PangoFont *pf = fs ? pango_fontset_get_font(fs, cp) : NULL;
        if (pf != f->font)
            ci->cls = CP_NO;
        if (pf)
            g_object_unref(pf);
        if (fs)
            g_object_unref(fs);
    }
    if (ci->cls != CP_NO) {
        ci->glyph = g;
        ci->adv = hb_font_get_glyph_h_advance(f->hb, g);
        ci->kern = hb_set_has(f->kern, g);
        ci->lb = (uint8_t)g_unichar_break_type(cp);
    }
    return ci;
}

fastlay *pdf_fast_new(void)
{
    fastlay *f = xrealloc(NULL, sizeof *f);
    memset(f, 0, sizeof *f);
    return f;
}

void pdf_fast_free(fastlay *f)
{
    if (!f)
        return;
    if (f->font)
        g_object_unref(f->font);
    if (f->kern)
        hb_set_destroy(f->kern);
    if (f->buf)
        hb_buffer_destroy(f->buf);
    for (int i = 0; i < 256; i++)
        free(f->page[i]);
    free(f->g);
    free(f->l);
    free(f->c);
    free(f->u);
    free(f->nb);
    free(f);
}

void pdf_fast_begin(fastlay *f, size_t cells)
{
    f->n_g = f->n_l = 0;
    GROW(f->c, f->cap_c, cells);
}

/* Kerned glyphs next to each other: shaped as Pango shapes them (the
 * pairs of the face's positioning lookups). */
static void shape_kerned(fastlay *f, const char *text, size_t a, size_t b,
                         size_t g0, size_t ng)
{
    hb_buffer_t *buf = f->buf;
    hb_buffer_clear_contents(buf);
    hb_buffer_add_utf8(buf, text + a, (int)(b - a), 0, (int)(b - a));
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, HB_SCRIPT_HAN);
    hb_buffer_set_language(buf, hb_language_from_string("zh-cn", -1));
    hb_shape(f->hb, buf, NULL, 0);
    unsigned n;
    hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(buf, NULL);
    if (n != ng)
        return;
    for (unsigned k = 0; k < n; k++) {
        fglyph *g = &f->g[g0 + k];
        if (gi[k].codepoint != g->glyph)
            continue;
        g->adv = gp[k].x_advance;
        g->xoff = gp[k].x_offset;
        g->yoff = -gp[k].y_offset;
    }
}

/* The class of the character at text[i, b), 0xFF at b; false when it is
 * not for the fast path. */
static bool next_class(rowctx *w, fastlay *f, const char *text, size_t i,
                       size_t b, uint8_t *lb)
{
    *lb = 0xFF;
    if (i >= b)
        return true;
    const char *p = text + i;
    const cpinfo *ci = cp_info(w, f, bl_utf8_next(&p, text + b));
    *lb = ci->lb;
    return ci->cls != CP_NO;
}

/* The glyphs of text[a, b) appended to f->g; false when a character is
 * not for the fast path. The units a line may not break inside go to
 * f->u (*n_units of them): a line may begin where Pango's rules
 * (lb_break) let it, except inside a kept run (nobreak.h). */
static bool fast_glyphs(rowctx *w, fastlay *f, const char *text, size_t a,
                        size_t b, const bl_nobreak *nb, size_t n_nb,
                        size_t *n_units)
{
    size_t nu = 0, nbi = 0;
    brkstate st = {0xFF, false, false, false};
    uint8_t cur; /* the class of the character at i */
    if (!next_class(w, f, text, a, b, &cur))
        return false;
    for (size_t i = a; i < b;) {
        const char *p = text + i;
        uint32_t cp = bl_utf8_next(&p, text + b);
        size_t len = (size_t)(p - (text + i));
        const cpinfo *ci = cp_info(w, f, cp);
        uint8_t next;
        if (!next_class(w, f, text, i + len, b, &next))
            return false;
        GROW(f->g, f->cap_g, f->n_g + 1);
        fglyph *g = &f->g[f->n_g++];
        g->glyph = ci->glyph;
        g->adv = ci->adv;
        g->xoff = g->yoff = 0;
        g->bytes = (uint8_t)len;
        while (nbi < n_nb && nb[nbi].end <= i)
            nbi++;
        bool in_nb = nbi < n_nb && nb[nbi].start < i && i < nb[nbi].end;
        bool brk = !in_nb && lb_break(&st, cur, cp < 0x80, next);
        if (nu == 0 || brk) {
            GROW(f->u, f->cap_u, nu + 1);
            unit *u = &f->u[nu++];
            u->start = i;
            u->g0 = f->n_g - 1;
            u->brk_before = brk;
            u->width = 0;
        }
        unit *u = &f->u[nu - 1];
        u->end = i + len;
        u->ng = f->n_g - u->g0;
        lb_next(&st, cur, cp < 0x80);
        cur = next;
        i += len;
    }
    *n_units = nu;
    return true;
}

/* Shapes the runs of kerned glyphs of text[a, b) (glyphs from g0). */
static void fast_kern(fastlay *f, const char *text, size_t a, size_t b,
                      size_t g0)
{
    size_t run_g = SIZE_MAX, run_b = 0, gi = g0;
    for (size_t i = a; i <= b; gi++) {
        bool k = false;
        if (i < b) {
            const fglyph *g = &f->g[gi];
            k = hb_set_has(f->kern, g->glyph);
        }
        if (k && run_g == SIZE_MAX) {
            run_g = gi;
            run_b = i;
        } else if (!k && run_g != SIZE_MAX) {
            if (gi - run_g > 1)
                shape_kerned(f, text, run_b, i, run_g, gi - run_g);
            run_g = SIZE_MAX;
        }
        if (i == b)
            break;
        i += f->g[gi].bytes;
    }
}

bool pdf_fast_cell(rowctx *w, rowjob *j, int c, size_t i, double width,
                   double *height)
{
    fastlay *f = w->fast;
    if (!f->ready)
        fast_setup(w, f);
    if (!f->usable)
        return false;
    const char *text = j->text.data + j->off[i];
    size_t len = strlen(text);
    if (len == 0 || text[0] == '\n' || text[len - 1] == '\n' ||
        strstr(text, "\n\n"))
        return false;
    int W = (int)lround(width * PANGO_SCALE);
    size_t n_nb = bl_nobreak_scan(text, len, NULL, 0);
    GROW(f->nb, f->cap_nb, n_nb + 1);
    bl_nobreak_scan(text, len, f->nb, n_nb);
    /* Pango merges kept runs that touch (pango_attr_list_change): 务站3个
     * is one run */
    size_t m = 0;
    for (size_t k = 0; k < n_nb; k++) {
        if (m > 0 && f->nb[k].start <= f->nb[m - 1].end)
            f->nb[m - 1].end = f->nb[k].end;
        else
            f->nb[m++] = f->nb[k];
    }
    n_nb = m;
    fcell *fc = &f->c[i];
    fc->line0 = f->n_l;
    fc->n_lines = 0;
    fc->layout_w = W;
    fc->align = j->t->col[c].align;
    size_t l0 = f->n_l, g_start = f->n_g;
    for (size_t a = 0; a <= len;) {
        const char *nl = strchr(text + a, '\n');
        size_t b = nl ? (size_t)(nl - text) : len;
        size_t nu, g0 = f->n_g;
        if (!fast_glyphs(w, f, text, a, b, f->nb, n_nb, &nu))
            goto refuse;
        fast_kern(f, text, a, b, g0);
        for (size_t k = 0; k < nu; k++) {
            unit *u = &f->u[k];
            for (size_t g = u->g0; g < u->g0 + u->ng; g++)
                u->width += f->g[g].adv;
            if (u->width > W)
                goto refuse; /* Pango breaks it by character */
        }
        /* greedy: as many units on a line as fit */
        for (size_t k = 0; k < nu;) {
            GROW(f->l, f->cap_l, f->n_l + 1);
            fline *ln = &f->l[f->n_l++];
            ln->start = f->u[k].start;
            ln->g0 = f->u[k].g0;
            ln->width = f->u[k].width;
            size_t e = k + 1;
            while (e < nu && (!f->u[e].brk_before ||
                              ln->width + f->u[e].width <= W)) {
                ln->width += f->u[e].width;
                e++;
            }
            if (ln->width > W)
                goto refuse;
            ln->end = f->u[e - 1].end;
            ln->ng = f->u[e - 1].g0 + f->u[e - 1].ng - ln->g0;
            k = e;
        }
        if (b == len)
            break;
        a = b + 1;
    }
    /* the rules the Pango path checks, on the lines made here */
    for (size_t k = l0; k < f->n_l; k++) {
        const fline *ln = &f->l[k];
        bool par_start = ln->start == 0 || text[ln->start - 1] == '\n';
        bool par_end = ln->end == len || text[ln->end] == '\n';
        if (!bl_lay_line_ok(text, ln->start, ln->end - ln->start, par_start,
                            par_end))
            goto refuse;
    }
    fc->n_lines = f->n_l - l0;
    *height = (double)(f->line_h * (int)fc->n_lines) / PANGO_SCALE;
    return true;
refuse:
    f->n_l = l0;
    f->n_g = g_start;
    return false;
}

/* x of a line in the layout (Pango's alignment). */
static int line_x(const fcell *fc, const fline *ln)
{
    if (fc->align == PANGO_ALIGN_RIGHT)
        return fc->layout_w - ln->width;
    if (fc->align != PANGO_ALIGN_CENTER)
        return 0;
    int x = (fc->layout_w - ln->width) / 2;
    if (((fc->layout_w | ln->width) & (PANGO_SCALE - 1)) == 0)
        x = PANGO_UNITS_ROUND(x);
    return x;
}

void pdf_fast_lines(rowctx *w, rowjob *j, size_t i, double top)
{
    const fastlay *f = w->fast;
    const fcell *fc = &f->c[i];
    for (size_t k = 0; k < fc->n_lines; k++) {
        GROW(j->lines, j->cap_lines, j->n_lines + 1);
        j->lines[j->n_lines].top =
            top + (double)((int)k * f->line_h) / PANGO_SCALE;
        j->lines[j->n_lines].bottom =
            top + (double)((int)(k + 1) * f->line_h) / PANGO_SCALE;
        j->n_lines++;
    }
}

void pdf_fast_reserve(rowctx *w, rowjob *j)
{
    const fastlay *f = w->fast;
    GROW(j->glines, j->cap_glines, j->n_glines + f->n_l);
    GROW(j->runs, j->cap_runs, j->n_runs + f->n_l);
    GROW(j->glyphs, j->cap_glyphs, j->n_glyphs + f->n_g);
    GROW(j->clusters, j->cap_clusters, j->n_clusters + f->n_g);
}

void pdf_fast_record(rowctx *w, rowjob *j, size_t i)
{
    const fastlay *f = w->fast;
    const fcell *fc = &f->c[i];
    gcell *gc = &j->cells[i];
    gc->line0 = j->n_glines;
    gc->n_lines = fc->n_lines;
    gc->width = fc->layout_w / (double)PANGO_SCALE;
    for (size_t k = 0; k < fc->n_lines; k++) {
        const fline *ln = &f->l[fc->line0 + k];
        GROW(j->glines, j->cap_glines, j->n_glines + 1);
        gline *gl = &j->glines[j->n_glines++];
        gl->top = (double)((int)k * f->line_h) / PANGO_SCALE;
        gl->bottom = (double)((int)(k + 1) * f->line_h) / PANGO_SCALE;
        gl->run0 = j->n_runs;
        gl->n_runs = 1;
        GROW(j->runs, j->cap_runs, j->n_runs + 1);
        grun *r = &j->runs[j->n_runs++];
        memset(r, 0, sizeof *r);
        r->font = cairo_scaled_font_reference(f->sf);
        r->glyph0 = j->n_glyphs;
        r->n_glyphs = ln->ng;
        r->cluster0 = j->n_clusters;
        r->n_clusters = ln->ng;
        r->text0 = j->off[i] + ln->start;
        r->text_len = ln->end - ln->start;
        GROW(j->glyphs, j->cap_glyphs, j->n_glyphs + ln->ng);
        GROW(j->clusters, j->cap_clusters, j->n_clusters + ln->ng);
        int x = line_x(fc, ln);
        int base = f->base0 + (int)k * f->line_h;
        for (size_t g = 0; g < ln->ng; g++) {
            const fglyph *fg = &f->g[ln->g0 + g];
            cairo_glyph_t *o = &j->glyphs[j->n_glyphs++];
            o->index = fg->glyph;
            o->x = (double)(x + fg->xoff) / PANGO_SCALE;
            o->y = (double)(base + fg->yoff) / PANGO_SCALE;
            x += fg->adv;
            cairo_text_cluster_t *cl = &j->clusters[j->n_clusters++];
            cl->num_bytes = fg->bytes;
            cl->num_glyphs = 1;
        }
    }
}

/* The check (bl_pdf_check_breaks): Pango's layout l of cell i against
 * what the fast layout makes of it, line by line and glyph by glyph. */
void pdf_fast_compare(rowctx *w, rowjob *j, int c, size_t i, double width,
                      PangoLayout *l, double height)
{
    fastlay *f = w->fast;
    size_t g_mark = f->n_g, l_mark = f->n_l;
    double fh;
    if (!pdf_fast_cell(w, j, c, i, width, &fh))
        return;
    j->check.fast++;
    const fcell *fc = &f->c[i];
    bool same = fh == height && pango_layout_get_line_count(l) ==
                                    (int)fc->n_lines;
    PangoLayoutIter *it = pango_layout_get_iter(l);
    size_t k = 0, g = 0;
    PangoLayoutLine *last = NULL;
    int x = 0;
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        if (line != last) {
            if (last && g != f->l[fc->line0 + k - 1].ng)
                same = false;
            if (k >= fc->n_lines) {
                same = false;
                break;
            }
            const fline *ln = &f->l[fc->line0 + k++];
            same = same && (size_t)line->start_index == ln->start &&
                   (size_t)line->length == ln->end - ln->start;
            x = line_x(fc, ln);
            g = 0;
            last = line;
        }
        PangoGlyphItem *run = pango_layout_iter_get_run_readonly(it);
        if (!run || !same)
            continue;
        const fline *ln = &f->l[fc->line0 + k - 1];
        PangoRectangle log;
        pango_layout_iter_get_run_extents(it, NULL, &log);
        int base = pango_layout_iter_get_baseline(it), pos = 0;
        PangoGlyphString *gs = run->glyphs;
        same = same && pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(
                           run->item->analysis.font)) == f->sf;
        for (int n = 0; same && n < gs->num_glyphs; n++, g++) {
            const PangoGlyphInfo *gi = &gs->glyphs[n];
            if (g >= ln->ng) {
                same = false;
                break;
            }
            const fglyph *fg = &f->g[ln->g0 + g];
            same = gi->glyph == fg->glyph &&
                   log.x + pos + gi->geometry.x_offset == x + fg->xoff &&
                   base + gi->geometry.y_offset ==
                       f->base0 + (int)(k - 1) * f->line_h + fg->yoff;
            pos += gi->geometry.width;
            x += fg->adv;
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    if (same && (k != fc->n_lines ||
                 (last && g != f->l[fc->line0 + k - 1].ng)))
        same = false;
    if (!same) {
        j->check.fast_differ++;
        if (!j->check.first_bad[0])
            snprintf(j->check.first_bad, sizeof j->check.first_bad,
                     "fast layout differs: %s", j->text.data + j->off[i]);
    }
    f->n_g = g_mark; /* Pango's layout is the one kept */
    f->n_l = l_mark;
}
