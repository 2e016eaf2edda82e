/* pdf_text.c - laying text out with Pango: the punctuation rules of line
 * breaks checked and repaired in table cells (layout.h), one-line widths,
 * showing a layout (with stroked emboldening); see pdf_internal.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nobreak.h"
#include "pdf_internal.h"
#include "text.h"

/* The runs of one text kept on one line (nobreak.h); a run wider than the
 * cell is dropped (may break again) rather than overflow it. */
typedef struct nbset {
    bl_nobreak *r;
    bool *dropped;
    size_t n;
} nbset;

static void nb_find(nbset *nb, const char *text)
{
    size_t len = strlen(text);
    memset(nb, 0, sizeof *nb);
    size_t n = bl_nobreak_scan(text, len, NULL, 0);
    if (n == 0)
        return;
    nb->r = xrealloc(NULL, n * sizeof *nb->r);
    nb->dropped = xrealloc(NULL, n * sizeof *nb->dropped);
    memset(nb->dropped, 0, n * sizeof *nb->dropped);
    nb->n = bl_nobreak_scan(text, len, nb->r, n);
}

static void nb_free(nbset *nb)
{
    free(nb->r);
    free(nb->dropped);
}

/* A line starting at byte `at` cuts a run that is kept. */
static bool nb_cuts(const nbset *nb, size_t at)
{
    for (size_t i = 0; i < nb->n; i++)
        if (!nb->dropped[i] && nb->r[i].start < at && at < nb->r[i].end)
            return true;
    return false;
}

static void nb_add(const nbset *nb, PangoAttrList *al)
{
    bl_nobreak_attrs(al, nb->r, nb->n, nb->dropped);
}

/* Drops the kept runs on lines wider than the layout; returns whether any
 * was dropped (then lay out again). */
static bool nb_drop_overflow(nbset *nb, PangoLayout *l)
{
    int width = pango_layout_get_width(l);
    bool dropped = false;
    GSList *lines = pango_layout_get_lines_readonly(l);
    for (GSList *it = lines; it; it = it->next) {
        PangoLayoutLine *line = it->data;
        PangoRectangle ink, logical;
        pango_layout_line_get_extents(line, &ink, &logical);
        if (logical.width <= width + PANGO_SCALE / 4)
            continue;
        size_t a = (size_t)line->start_index,
               b = a + (size_t)line->length;
        for (size_t i = 0; i < nb->n; i++)
            if (!nb->dropped[i] && nb->r[i].start < b && nb->r[i].end > a) {
                nb->dropped[i] = true;
                dropped = true;
            }
    }
    return dropped;
}

static void decode_at(const char *s, size_t n, uint32_t *cp, size_t *len)
{
    const char *p = s;
    *cp = bl_utf8_next(&p, s + n);
    *len = (size_t)(p - s);
}

/* Checks every line of l against the punctuation rules; returns the number
 * of bad lines (and describes the first in r). */
static size_t bad_lines(PangoLayout *l, const nbset *nb,
                        bl_pdf_break_report *r)
{
    const char *text = pango_layout_get_text(l);
    size_t bad = 0;
    GSList *lines = pango_layout_get_lines_readonly(l);
    for (GSList *it = lines; it; it = it->next) {
        PangoLayoutLine *line = it->data;
        PangoLayoutLine *next = it->next ? it->next->data : NULL;
        bool par_end = !next || next->is_paragraph_start;
        if (r)
            r->lines++;
        if (!bl_lay_line_ok(text, (size_t)line->start_index,
                            (size_t)line->length, line->is_paragraph_start,
                            par_end) ||
            (!line->is_paragraph_start &&
             nb_cuts(nb, (size_t)line->start_index))) {
            if (r && bad == 0 && r->bad == 0)
                snprintf(r->first_bad, sizeof r->first_bad, "%s | %.*s",
                         text, line->length, text + line->start_index);
            bad++;
        }
    }
    return bad;
}

/* Keeps closing punctuation with the character before it and opening
 * punctuation with the one after it: Pango's word-char wrapping breaks
 * anywhere once a word does not fit a narrow cell. */
static PangoAttrList *no_break_attrs(const tstyle *s, const char *text,
                                     const nbset *nb)
{
    PangoAttrList *al = pango_attr_list_copy(s->attrs);
    nb_add(nb, al);
    size_t n = strlen(text), prev = 0, plen = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len;
        decode_at(text + i, n - i, &cp, &len);
        size_t from = 0, to = 0;
        if (bl_lay_is_closing(cp) && i > 0) {
            from = prev;
            to = i + len;
        } else if (bl_lay_is_opening(cp) && i + len < n) {
            uint32_t ncp;
            size_t nlen;
            decode_at(text + i + len, n - i - len, &ncp, &nlen);
            from = i;
            to = i + len + nlen;
        }
        if (to > from) {
            PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
            a->start_index = (guint)from;
            a->end_index = (guint)to;
            pango_attr_list_change(al, a);
        }
        prev = i;
        plen = len;
        i += len;
    }
    (void)plen;
    return al;
}

/* Lays text out in l with style s in `width` points (< 0: one line) and
 * returns its height. Table cells are checked against the punctuation
 * rules and repaired (lo->fix); check, when given, counts the results. */
double pdf_lay_text(const layopts *lo, bl_pdf_break_report *check,
                    PangoLayout *l, const tstyle *s, const char *text,
                    double width, bool is_cell)
{
    pango_layout_set_font_description(l, s->font);
    pango_layout_set_attributes(l, s->attrs);
    pango_layout_set_alignment(l, s->align);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_indent(l, (int)lround(s->indent * PANGO_SCALE));
    pango_layout_set_width(l, width > 0 ? (int)lround(width * PANGO_SCALE)
                                        : -1);
    pango_layout_set_text(l, text ? text : "", -1);
    nbset nb = {0};
    bool was_bad = false;
    if (width > 0 && text && (lo->fix || (is_cell && check))) {
        nb_find(&nb, text);
        /* the check counts the cells the repairs change: their layout
         * before any */
        if (is_cell && check && lo->fix && nb.n)
            was_bad = bad_lines(l, &nb, NULL) > 0;
        /* numbers with their units, office names' endings: on one line
         * (issue 10.2), unless wider than the cell */
        for (int k = 0; lo->fix && nb.n && k < 4; k++) {
            PangoAttrList *al = pango_attr_list_copy(s->attrs);
            nb_add(&nb, al);
            pango_layout_set_attributes(l, al);
            pango_attr_list_unref(al);
            if (!nb_drop_overflow(&nb, l))
                break;
            if (k == 3) {
                memset(nb.dropped, 1, nb.n * sizeof *nb.dropped);
                pango_layout_set_attributes(l, s->attrs);
            }
        }
    }
    if (is_cell && width > 0) {
        size_t bad = bad_lines(l, &nb, NULL);
        was_bad = was_bad || bad > 0;
        /* a number run glued to punctuation ("104.82%、") may be too
         * wide for the cell even so: then it may break again (round 2) */
        for (int round = 0; bad && lo->fix && round < 2; round++) {
            PangoAttrList *al = no_break_attrs(s, text, &nb);
            pango_layout_set_attributes(l, al);
            pango_attr_list_unref(al);
            pango_layout_set_width(l, (int)lround(width * PANGO_SCALE));
            bad = bad_lines(l, &nb, NULL);
            /* a run that cannot move whole: widen into the padding */
            for (int k = 1; bad && k <= 4; k++) {
                pango_layout_set_width(
                    l, (int)lround((width + k * lo->pad * 0.5) *
                                   PANGO_SCALE));
                bad = bad_lines(l, &nb, NULL);
            }
            if (!nb_drop_overflow(&nb, l))
                break;
            bad = true;
        }
        if (check) {
            check->cells++;
            if (was_bad && lo->fix)
                check->repaired++;
            check->bad += bad_lines(l, &nb, check);
        }
    }
    nb_free(&nb);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* Lays text out on one line in l and returns its width. */
double pdf_lay_width(pdf *P, PangoLayout *l, const tstyle *s,
                     const char *text)
{
    pdf_lay_text(&P->lo, NULL, l, s, text, -1, false);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)w / PANGO_SCALE;
}

/* Draws l with its top-left at (x, y) in style s. */
void pdf_show(pdf *P, PangoLayout *l, const tstyle *s, double x, double y)
{
    const double gray[3] = {s->gray, s->gray, s->gray};
    pdf_show_rgb(P, l, s, x, y, gray);
}

void pdf_show_rgb(pdf *P, PangoLayout *l, const tstyle *s, double x, double y,
                  const double rgb[3])
{
    pdf_canvas *cv = P->cv;
    cv_set_source_rgb(cv, rgb[0], rgb[1], rgb[2]);
    /* faces without a bold weight: FreeType's emboldening would make cairo
     * fall back to a Type 3 font, so thicken the outlines with a stroke
     * over the real text instead */
    cv_show_layout(cv, l, x, y, s->bold ? s->size * 0.035 : 0);
    cv_set_source_rgb(cv, 0, 0, 0);
}
