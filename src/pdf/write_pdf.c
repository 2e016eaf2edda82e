/* write_pdf.c - the PDF briefing: view model -> blocks -> pages -> Cairo;
 * see write_pdf.h.
 *
 * The document is walked twice by the same code (flow_document). In the
 * measuring pass every block (heading, figure row, table head, table row)
 * is laid out with Pango and its height recorded; bl_lay_paginate then
 * places the blocks; in the drawing pass each block is laid out again and
 * drawn where it was placed. Only the heights survive between the passes,
 * so memory does not grow with the page count, and the page total is
 * known before page 1 is drawn.
 *
 * Table rows, the bulk of a large report, go through a queue of row jobs
 * (see "table rows" below) that worker threads may lay out, each with a
 * font map of its own: two while measuring, one while the main thread
 * draws. The bytes written do not depend on it.
 *
 * Sections: styles, laying out text, pages, blocks, title and summary,
 * table rows (jobs, workers, drawing), the tables, the chart, the
 * document, font coverage, set-up and the two passes.
 */
#include "write_pdf.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <cjson/cJSON.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "analysis.h"
#include "buf.h"
#include "chart.h"
#include "fonts.h"
#include "pdf_finish.h"
#include "io.h"
#include "layout.h"
#include "text.h"
#include "view.h"
#include "key_table.h"
#include "wraps.h"

#define MM (72.0 / 25.4)

/* ---- text styles ------------------------------------------------------- */

enum {
    ST_TITLE,    /* the document title */
    ST_SUB,      /* office, period, date under the title */
    ST_H1,       /* 一、总体情况 */
    ST_H2,       /* （一）list title */
    ST_BODY,     /* paragraphs */
    ST_TABLE,    /* table cells */
    ST_THEAD,    /* table heads */
    ST_CHART,    /* chart labels */
    ST_FIGNUM,   /* summary figures: the number */
    ST_FIGLABEL, /* summary figures: the label */
    ST_RUNNING,  /* running header and footer */
    ST_COUNT
};

typedef struct tstyle {
    PangoFontDescription *font;
    double size;
    double pitch;          /* fixed line height in points */
    bool bold;             /* emboldened by stroking the glyph outlines */
    PangoAlignment align;
    double indent;         /* first-line indent */
    double gray;           /* text colour, 0 = black */
    PangoAttrList *attrs;  /* the line height */
} tstyle;

/* Page geometry and the look of one style of briefing. */
typedef struct page_spec {
    double w, h;             /* page */
    double left, top;        /* body box */
    double body_w, body_h;
    bool gongwen;
    double cell_pad;
    double space_h1, space_h2; /* above headings */
} page_spec;

/* ---- tables ------------------------------------------------------------ */

#define MAX_COLS 8

typedef struct tcol {
    const char *title;
    double x, w;
    PangoAlignment align;
    bool per_entry; /* one cell per entry (a project's departments) */
    bool repeats;   /* short texts that repeat (departments, statuses):
                       laid out once per table and reused */
} tcol;

typedef struct table {
    int n;
    tcol col[MAX_COLS];
    double x, w;
    double head_h;
} table;

/* One row: span cells (one per row) and per-entry cells. Texts are
 * borrowed; cells[c][e]. */
typedef struct trow {
    int n_entries;
    const char **cells;     /* n * n_entries, [e * n + c]; span: e = 0 */
    const char *dest;       /* destination name of this row or NULL */
    const char **dests;     /* per entry: a department anchor or NULL */
    const char *link;       /* the whole row links there, or NULL */
} trow;

/* ---- the writer -------------------------------------------------------- */

/* What every layout of a table cell shares. */
typedef struct layopts {
    bool fix;   /* repair line breaks that break the punctuation rules */
    double pad; /* cell padding: room the repair may widen into */
} layopts;

typedef struct pdf {
    const bl_pdf_options *o;
    const bl_document *doc;
    cJSON *view;
    bl_fonts *fonts;
    PangoContext *ctx;
    page_spec pg;
    tstyle st[ST_COUNT];
    PangoLayout *scratch;
    PangoLayout *running; /* header and footer: drawn between a block's
                             layout and its drawing, so never scratch */
    layopts lo;           /* how table cells are laid out */
    struct rowq *q;       /* table rows: laid out here or on workers */

    int pass; /* 1 measure, 2 draw */
    /* pass 1: blocks; the line boxes of rows that may need splitting */
    bl_lay_block *blocks;
    size_t n_blocks, cap_blocks;
    bl_lay_line *lines;
    size_t n_lines, cap_lines;
    size_t *line_of; /* per block: index into lines (pointers fixed later) */
    /* pass 2 */
    bl_lay_place *places;
    int pages;
    size_t next;     /* next block to draw */
    int page;        /* page being drawn, -1 before the first */
    cairo_surface_t *surface;
    cairo_t *cr;
    int outline_section; /* outline id of the current section */
    bool failed;         /* pass 2 met a block unlike pass 1 */

    /* line-breaking check */
    bl_pdf_break_report *check;

    /* progress bar */
    double t0, bar_time;
    bool bar_shown;
    size_t rows_done, rows_total;

    /* scratch strings for composed cells */
    bl_buf *comp;
    size_t n_comp;
} pdf;

/* ---- small helpers ----------------------------------------------------- */

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static cJSON *jget(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static const char *jstr(const cJSON *o, const char *k)
{
    cJSON *v = jget(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double jnum(const cJSON *o, const char *k)
{
    cJSON *v = jget(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static bool jbool(const cJSON *o, const char *k)
{
    return cJSON_IsTrue(jget(o, k));
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        abort();
    return q;
}

static const char *const cn_numbers[] = {"一", "二", "三", "四", "五", "六",
                                         "七", "八", "九", "十"};

/* "一", ..., "十", "十一", ... "九十九" */
static void cn_number(int n, char *out, size_t size)
{
    if (n >= 1 && n <= 10)
        snprintf(out, size, "%s", cn_numbers[n - 1]);
    else if (n > 10 && n < 20)
        snprintf(out, size, "十%s", cn_numbers[n - 11]);
    else if (n >= 20 && n < 100)
        snprintf(out, size, "%s十%s", cn_numbers[n / 10 - 1],
                 n % 10 ? cn_numbers[n % 10 - 1] : "");
    else
        snprintf(out, size, "%d", n);
}

/* A scratch string for composing cell i of a row (valid until the next
 * row). */
static bl_buf *comp_buf(pdf *P, size_t i)
{
    if (i >= P->n_comp) {
        size_t n = i + 8;
        P->comp = xrealloc(P->comp, n * sizeof *P->comp);
        for (size_t k = P->n_comp; k < n; k++)
            bl_buf_init(&P->comp[k]);
        P->n_comp = n;
    }
    bl_buf_reset(&P->comp[i]);
    return &P->comp[i];
}

/* ---- styles ------------------------------------------------------------ */

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

static void setup_page(pdf *P)
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

static void setup_styles(pdf *P)
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
}

static void free_styles(pdf *P)
{
    for (int i = 0; i < ST_COUNT; i++) {
        if (P->st[i].font)
            pango_font_description_free(P->st[i].font);
        if (P->st[i].attrs)
            pango_attr_list_unref(P->st[i].attrs);
    }
}

/* ---- laying out text --------------------------------------------------- */


static void decode_at(const char *s, size_t n, uint32_t *cp, size_t *len)
{
    const char *p = s;
    *cp = bl_utf8_next(&p, s + n);
    *len = (size_t)(p - s);
}

/* Checks every line of l against the punctuation rules; returns the number
 * of bad lines (and describes the first in r). */
static size_t bad_lines(PangoLayout *l, bl_pdf_break_report *r)
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
                            par_end)) {
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
static PangoAttrList *no_break_attrs(const tstyle *s, const char *text)
{
    PangoAttrList *al = pango_attr_list_copy(s->attrs);
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
static double lay_text(const layopts *lo, bl_pdf_break_report *check,
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
    if (is_cell && width > 0) {
        size_t bad = bad_lines(l, NULL);
        bool was_bad = bad > 0;
        if (bad && lo->fix) {
            PangoAttrList *al = no_break_attrs(s, text);
            pango_layout_set_attributes(l, al);
            pango_attr_list_unref(al);
            bad = bad_lines(l, NULL);
            /* a run that cannot move whole: widen into the padding */
            for (int k = 1; bad && k <= 4; k++) {
                pango_layout_set_width(
                    l, (int)lround((width + k * lo->pad * 0.5) *
                                   PANGO_SCALE));
                bad = bad_lines(l, NULL);
            }
        }
        if (check) {
            check->cells++;
            if (was_bad && lo->fix)
                check->repaired++;
            check->bad += bad_lines(l, check);
        }
    }
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* Lays text out on one line in l and returns its width. */
static double lay_width(pdf *P, PangoLayout *l, const tstyle *s,
                        const char *text)
{
    lay_text(&P->lo, NULL, l, s, text, -1, false);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)w / PANGO_SCALE;
}

/* Draws l with its top-left at (x, y) in style s. */
static void show(pdf *P, PangoLayout *l, const tstyle *s, double x, double y)
{
    cairo_t *cr = P->cr;
    cairo_set_source_rgb(cr, s->gray, s->gray, s->gray);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
    if (s->bold) {
        /* faces without a bold weight: FreeType's emboldening would make
         * cairo fall back to a Type 3 font, so thicken the outlines with a
         * stroke over the real text instead */
        cairo_move_to(cr, x, y);
        pango_cairo_layout_path(cr, l);
        cairo_set_line_width(cr, s->size * 0.035);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
}

/* ---- pages ------------------------------------------------------------- */

/* The progress bar on stderr (a terminal: the caller says so): rows laid
 * out while measuring, then pages drawn; only once the render has taken a
 * second, at most ten updates a second, erased at the end. */
static void progress(pdf *P, size_t done, size_t total, bool finished)
{
    if (!P->o->progress)
        return;
    if (finished) {
        if (P->bar_shown)
            fputs("\r\033[K", stderr);
        return;
    }
    double t = now_s();
    if (t - P->t0 < 1.0 || t - P->bar_time < 0.1)
        return;
    P->bar_shown = true;
    P->bar_time = t;
    int width = 30;
    int fill = total ? (int)(done * (size_t)width / total) : width;
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < fill ? '#' : '-';
    bar[width] = '\0';
    fprintf(stderr, "\rPDF %s %s [%s] %zu/%zu", P->doc->stem,
            P->pass == 1 ? "rows " : "pages", bar, done, total);
    fflush(stderr);
}

static void draw_running(pdf *P)
{
    page_spec *g = &P->pg;
    tstyle *s = &P->st[ST_RUNNING];
    PangoLayout *l = P->running;
    int n = P->page + 1;
    char buf[128];
    if (g->gongwen) {
        /* "— 1 —" in 4号, 7 mm below the text block, outer side: right on
         * odd pages, left on even, one character in */
        snprintf(buf, sizeof buf, "— %d —", n);
        double w = lay_width(P, l, s, buf);
        double ch = s->size;
        double x = n % 2 ? g->left + g->body_w - ch - w : g->left + ch;
        double base_y = g->top + g->body_h + 7 * MM;
        int baseline = pango_layout_get_baseline(l);
        /* the dashes sit at about a third of the digit height: put that on
         * the 7 mm line */
        show(P, l, s, x, base_y + s->size * 0.33 - baseline / (double)PANGO_SCALE);
        return;
    }
    cairo_t *cr = P->cr;
    if (n > 1) {
        const char *title = jstr(P->view, "page_title");
        const char *period = jstr(P->view, "period_label");
        double y = g->top - 9 * MM;
        lay_text(&P->lo, NULL, l, s, title, g->body_w * 0.75, false);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        show(P, l, s, g->left, y);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
        if (period) {
            double w = lay_width(P, l, s, period);
            show(P, l, s, g->left + g->body_w - w, y);
        }
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        cairo_set_line_width(cr, 0.5);
        cairo_move_to(cr, g->left, y + s->pitch + 2);
        cairo_line_to(cr, g->left + g->body_w, y + s->pitch + 2);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
    }
    snprintf(buf, sizeof buf, "第 %d 页 共 %d 页", n, P->pages);
    double w = lay_width(P, l, s, buf);
    show(P, l, s, g->left + (g->body_w - w) / 2, g->h - 12 * MM);
}

static void end_page(pdf *P)
{
    cairo_show_page(P->cr);
    progress(P, (size_t)P->page + 1, (size_t)P->pages, false);
}

/* Moves the drawing to page `page` (0-based), finishing the pages before. */
static void goto_page(pdf *P, int page)
{
    while (P->page < page) {
        if (P->page >= 0)
            end_page(P);
        P->page++;
        draw_running(P);
    }
}

/* ---- blocks ------------------------------------------------------------ */

/* Pass 1: records a block. Pass 2: returns where it was placed and moves
 * to its page. lines/n_lines (rows that may be split) are copied. */
static const bl_lay_place *block(pdf *P, bl_lay_kind kind, double h,
                                 bool keep, const bl_lay_line *lines,
                                 size_t n_lines, double pad)
{
    if (P->pass == 1) {
        if (P->n_blocks == P->cap_blocks) {
            P->cap_blocks = P->cap_blocks ? P->cap_blocks * 2 : 256;
            P->blocks = xrealloc(P->blocks, P->cap_blocks * sizeof *P->blocks);
            P->line_of = xrealloc(P->line_of, P->cap_blocks * sizeof *P->line_of);
        }
        bl_lay_block *b = &P->blocks[P->n_blocks];
        memset(b, 0, sizeof *b);
        b->kind = kind;
        b->height = h;
        b->keep_with_next = keep;
        b->pad = pad;
        b->n_lines = n_lines;
        P->line_of[P->n_blocks] = P->n_lines;
        if (n_lines) {
            if (P->n_lines + n_lines > P->cap_lines) {
                P->cap_lines = (P->n_lines + n_lines) * 2;
                P->lines = xrealloc(P->lines, P->cap_lines * sizeof *P->lines);
            }
            memcpy(P->lines + P->n_lines, lines, n_lines * sizeof *lines);
            P->n_lines += n_lines;
        }
        P->n_blocks++;
        return NULL;
    }
    if (P->next >= P->n_blocks || P->blocks[P->next].kind != kind ||
        fabs(P->blocks[P->next].height - h) > 1e-6) {
        P->failed = true;
        static const bl_lay_place nowhere = {0, 0, false, 1};
        return &nowhere;
    }
    const bl_lay_place *pl = &P->places[P->next++];
    if (kind != BL_LAY_SPACE && kind != BL_LAY_BREAK && kind != BL_LAY_END)
        goto_page(P, pl->page);
    return pl;
}

static void space(pdf *P, double h)
{
    if (h > 0)
        block(P, BL_LAY_SPACE, h, false, NULL, 0, 0);
}

static void page_break(pdf *P)
{
    block(P, BL_LAY_BREAK, 0, false, NULL, 0, 0);
}

static int add_outline(pdf *P, int parent, const char *title,
                       const bl_lay_place *pl, bool open)
{
    char attrs[128];
    snprintf(attrs, sizeof attrs, "page=%d pos=[%.2f %.2f]", pl->page + 1,
             P->pg.left, P->pg.top + pl->y);
    return cairo_pdf_surface_add_outline(
        P->surface, parent, title, attrs,
        open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : (cairo_pdf_outline_flags_t)0);
}

/* A paragraph in style s across the body; keep: it stays on the page of
 * what follows (headings). Returns its place in the drawing pass. */
static const bl_lay_place *paragraph(pdf *P, int style, const char *text,
                                     bool keep)
{
    tstyle *s = &P->st[style];
    PangoLayout *l = P->scratch;
    double h = lay_text(&P->lo, NULL, l, s, text, P->pg.body_w, false);
    const bl_lay_place *pl = block(P, BL_LAY_BLOCK, h, keep, NULL, 0, 0);
    if (pl)
        show(P, l, s, P->pg.left, P->pg.top + pl->y);
    return pl;
}

/* Section heading (level 1) or list heading (level 2), with its outline
 * entry. */
static void heading(pdf *P, int level, const char *text)
{
    space(P, level == 1 ? P->pg.space_h1 : P->pg.space_h2);
    const bl_lay_place *pl =
        paragraph(P, level == 1 ? ST_H1 : ST_H2, text, true);
    if (pl && !P->failed) {
        if (level == 1)
            P->outline_section = add_outline(P, CAIRO_PDF_OUTLINE_ROOT, text,
                                             pl, true);
        else
            add_outline(P, P->outline_section, text, pl, false);
    }
    if (!P->pg.gongwen)
        space(P, level == 1 ? 4 : 3);
}

/* ---- title block and summary ------------------------------------------- */

static void title_block(pdf *P)
{
    cJSON *v = P->view;
    /* A report without a title gets no heading (none is invented); its
     * outline entry still needs a name: the page title's generic label. */
    const char *title = jstr(v, "title");
    const bl_lay_place *pl = title ? paragraph(P, ST_TITLE, title, true) : NULL;
    if (pl && !P->failed)
        add_outline(P, CAIRO_PDF_OUTLINE_ROOT, nz(title), pl, false);
    bl_buf *b = comp_buf(P, 0);
    const char *office = jstr(v, "office");
    const char *period = jstr(v, "period_label");
    const char *published = jstr(v, "published");
    if (P->pg.gongwen) {
        space(P, P->st[ST_BODY].pitch * 0.5);
        if (office || published) {
            bl_buf_printf(b, "（%s%s%s）", nz(office),
                          office && published ? "　" : "", nz(published));
            paragraph(P, ST_SUB, bl_buf_cstr(b), false);
        }
        space(P, P->st[ST_BODY].pitch * 0.5);
        return;
    }
    space(P, 6);
    if (office)
        bl_buf_printf(b, "来源：%s", office);
    if (period)
        bl_buf_printf(b, "%s统计期：%s", b->len ? "　　" : "", period);
    if (published)
        bl_buf_printf(b, "%s发布日期：%s", b->len ? "　　" : "", published);
    if (b->len)
        paragraph(P, ST_SUB, bl_buf_cstr(b), false);
    /* the double rule under an office's document head */
    const bl_lay_place *r = block(P, BL_LAY_BLOCK, 9, false, NULL, 0, 0);
    if (r) {
        cairo_t *cr = P->cr;
        double y = P->pg.top + r->y + 4;
        cairo_set_line_width(cr, 1.6);
        cairo_move_to(cr, P->pg.left, y);
        cairo_line_to(cr, P->pg.left + P->pg.body_w, y);
        cairo_stroke(cr);
        cairo_set_line_width(cr, 0.5);
        cairo_move_to(cr, P->pg.left, y + 2.6);
        cairo_line_to(cr, P->pg.left + P->pg.body_w, y + 2.6);
        cairo_stroke(cr);
    }
}

/* The list's title, or a stand-in when the report names none. */
static const char *list_title(const cJSON *list, char *buf, size_t size)
{
    const char *t = jstr(list, "title");
    if (t && *t)
        return t;
    snprintf(buf, size, "项目清单%d", (int)jnum(list, "index"));
    return buf;
}

typedef struct figure {
    const char *label;
    char value[48];
    bool stress; /* drawn with a heavier frame: something needs attention */
} figure;

/* Summary figures of a list as a row of boxes (default style) or a
 * sentence (gongwen). */
static void summary_figures(pdf *P, const cJSON *list)
{
    const cJSON *s = jget(list, "summary");
    const cJSON *sched = jget(P->view, "schedule");
    const char *sched_label = cJSON_IsObject(sched) ? jstr(sched, "label") : NULL;
    if (P->pg.gongwen) {
        bl_buf *b = comp_buf(P, 0);
        bl_buf_printf(b, "共有项目%d个，其中提前完成或已完成%d个、基本完成%d个",
                      (int)jnum(s, "projects"), (int)jnum(s, "ahead_done"),
                      (int)jnum(s, "mostly_done"));
        if (jnum(s, "on_schedule") > 0)
            bl_buf_printf(b, "、按序时推进%d个", (int)jnum(s, "on_schedule"));
        bl_buf_printf(b, "、部分完成%d个、未完成%d个，进度滞后%d个",
                      (int)jnum(s, "partial"), (int)jnum(s, "not_done"),
                      (int)jnum(s, "behind"));
        if (jbool(s, "has_rate_mean"))
            bl_buf_printf(b, "；平均完成率%s", nz(jstr(s, "rate_mean_label")));
        if (sched_label)
            bl_buf_printf(b, "（时间进度%s）", sched_label);
        bl_buf_puts(b, "。");
        paragraph(P, ST_BODY, bl_buf_cstr(b), false);
        return;
    }
    figure f[8];
    int n = 0;
#define FIG(lbl, num, st)                                                      \
    do {                                                                       \
        f[n].label = lbl;                                                      \
        snprintf(f[n].value, sizeof f[n].value, "%d", (int)(num));             \
        f[n].stress = st;                                                      \
        n++;                                                                   \
    } while (0)
    FIG("项目总数", jnum(s, "projects"), false);
    FIG("提前/已完成", jnum(s, "ahead_done"), false);
    FIG("基本完成", jnum(s, "mostly_done"), false);
    if (jnum(s, "on_schedule") > 0)
        FIG("按序时推进", jnum(s, "on_schedule"), false);
    FIG("部分完成", jnum(s, "partial"), jnum(s, "partial") > 0);
    FIG("未完成", jnum(s, "not_done"), jnum(s, "not_done") > 0);
    FIG("进度滞后", jnum(s, "behind"), jnum(s, "behind") > 0);
#undef FIG
    f[n].label = "平均完成率";
    snprintf(f[n].value, sizeof f[n].value, "%s",
             jbool(s, "has_rate_mean") ? nz(jstr(s, "rate_mean_label")) : "—");
    f[n].stress = false;
    n++;

    tstyle *sn = &P->st[ST_FIGNUM], *sl = &P->st[ST_FIGLABEL];
    double gap = 5, w = (P->pg.body_w - gap * (n - 1)) / n;
    double h = 6 + sn->pitch + sl->pitch + 6;
    const bl_lay_place *pl = block(P, BL_LAY_BLOCK, h, false, NULL, 0, 0);
    if (pl) {
        cairo_t *cr = P->cr;
        for (int i = 0; i < n; i++) {
            double x = P->pg.left + i * (w + gap), y = P->pg.top + pl->y;
            cairo_set_source_rgb(cr, 0.95, 0.95, 0.95);
            cairo_rectangle(cr, x, y, w, h);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
            cairo_set_line_width(cr, f[i].stress ? 1.4 : 0.5);
            cairo_rectangle(cr, x, y, w, h);
            cairo_stroke(cr);
            lay_text(&P->lo, NULL, P->scratch, sn, f[i].value, w, false);
            show(P, P->scratch, sn, x, y + 5);
            lay_text(&P->lo, NULL, P->scratch, sl, f[i].label, w, false);
            show(P, P->scratch, sl, x, y + 5 + sn->pitch);
        }
    }
}

/* ---- tables ------------------------------------------------------------ */

/* Rough width of text in ems, for fitting columns before any layout:
 * *widest is the widest paragraph, *run the longest run Pango will not
 * break (Latin letters and digits); returns the total. */
static double em_measure(const char *s, double *widest, double *run)
{
    double total = 0, par = 0, r = 0;
    *widest = 0;
    *run = 0;
    if (!s)
        return 0;
    const char *end = s + strlen(s);
    while (s < end) {
        uint32_t cp = bl_utf8_next(&s, end);
        if (cp == '\n') {
            par = 0;
            r = 0;
            continue;
        }
        double w = cp < 0x80 ? 0.55 : cp < 0x2E80 ? 0.65 : 1.0;
        par += w;
        total += w;
        bool word = cp < 0x80 && (cp == '.' || cp == '%' || (cp >= '0' && cp <= '9') ||
                                  ((cp | 32) >= 'a' && (cp | 32) <= 'z'));
        r = word ? r + w : 0;
        if (par > *widest)
            *widest = par;
        if (r > *run)
            *run = r;
    }
    return total;
}

typedef struct colplan {
    double widest, run, total; /* ems */
    double max_em;             /* cap for fixed columns */
    double min_em;             /* floor (the longest word, else this) */
    bool wraps;                /* shares the spare room */
} colplan;

static void plan_cell(colplan *c, const char *text)
{
    double w, r;
    c->total += em_measure(text, &w, &r);
    if (w > c->widest)
        c->widest = w;
    if (r > c->run)
        c->run = r;
}

/* Turns the plans into column widths over the body width. */
static void fit_table(pdf *P, table *t, colplan *plan)
{
    double fs = P->st[ST_TABLE].size, pad = P->pg.cell_pad;
    bl_lay_column cols[MAX_COLS];
    for (int c = 0; c < t->n; c++) {
        double title_w, title_run;
        em_measure(t->col[c].title, &title_w, &title_run);
        colplan *p = &plan[c];
        double natural = fmax(p->widest, p->wraps ? 0 : title_w);
        if (!p->wraps && p->max_em > 0 && natural > p->max_em)
            natural = p->max_em;
        double min = fmax(p->min_em > 0 ? p->min_em : 2.0, fmin(p->run, 6.0));
        if (!p->wraps && p->min_em > 0 && min > p->widest)
            min = fmax(p->widest, 2.0);
        if (!p->wraps && min > natural)
            natural = min;
        /* text columns keep room for ten characters a line before the
         * narrow columns widen to their natural widths */
        if (p->wraps)
            min = fmax(min, fmin(natural, 10.0));
        cols[c].min = min * fs + 2 * pad;
        cols[c].natural = natural * fs * 1.04 + 2 * pad + 1;
        cols[c].weight = p->wraps ? pow(fmax(p->total, 1.0), 0.7) : 0;
    }
    double w[MAX_COLS];
    bl_lay_fit_columns(cols, (size_t)t->n, P->pg.body_w, w);

    t->x = P->pg.left;
    t->w = P->pg.body_w;
    double x = t->x;
    for (int c = 0; c < t->n; c++) {
        t->col[c].x = x;
        t->col[c].w = w[c];
        x += w[c];
    }
}

static double draw_head(pdf *P, const table *t, double y);

static double measure_head(pdf *P, const table *t)
{
    double h = 0, pad = P->pg.cell_pad;
    for (int c = 0; c < t->n; c++)
        h = fmax(h, lay_text(&P->lo, NULL, P->scratch, &P->st[ST_THEAD], t->col[c].title,
                             t->col[c].w - 2 * pad, false));
    return h + 2 * pad;
}

static double draw_head(pdf *P, const table *t, double y)
{
    cairo_t *cr = P->cr;
    double pad = P->pg.cell_pad, h = t->head_h;
    cairo_set_source_rgb(cr, 0.86, 0.86, 0.86);
    cairo_rectangle(cr, t->x, y, t->w, h);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int c = 0; c < t->n; c++) {
        tstyle *s = &P->st[ST_THEAD];
        double th = lay_text(&P->lo, NULL, P->scratch, s, t->col[c].title,
                             t->col[c].w - 2 * pad, false);
        show(P, P->scratch, s, t->col[c].x + pad, y + (h - th) / 2);
    }
    cairo_set_line_width(cr, 0.8);
    cairo_rectangle(cr, t->x, y, t->w, h);
    for (int c = 1; c < t->n; c++) {
        cairo_move_to(cr, t->col[c].x, y);
        cairo_line_to(cr, t->col[c].x, y + h);
    }
    cairo_stroke(cr);
    return h;
}

static void dest_at(pdf *P, const char *name, double x, double y)
{
    char attrs[256];
    snprintf(attrs, sizeof attrs, "name='%s' x=%.2f y=%.2f", name, x, y);
    cairo_tag_begin(P->cr, CAIRO_TAG_DEST, attrs);
    cairo_tag_end(P->cr, CAIRO_TAG_DEST);
}

static void link_rect(pdf *P, const char *dest, double x, double y, double w,
                      double h)
{
    char attrs[256];
    snprintf(attrs, sizeof attrs, "rect=[%.2f %.2f %.2f %.2f] dest='%s'", x,
             y, w, h, dest);
    cairo_tag_begin(P->cr, CAIRO_TAG_LINK, attrs);
    cairo_tag_end(P->cr, CAIRO_TAG_LINK);
}

/* ---- table rows: laid out here or on worker threads --------------------- */

/* Table rows are the bulk of a large report's work: each is laid out twice
 * (measured, then drawn). A row is a job: the main thread fills in its
 * texts; a row context (this thread's, or a worker's with its own font map
 * on the same fontconfig configuration) lays it out and, when drawing,
 * records its glyph runs (scaled font, glyphs, clusters: plain cairo data
 * that crosses threads); the main thread then places the row and draws the
 * runs. So Pango objects never cross threads, and while the main thread
 * draws page n the worker lays out the rows of page n + 1. */

#define N_SLOTS 64
#define GROW(arr, cap, need)                                                   \
    do {                                                                       \
        if ((size_t)(need) > (cap)) {                                          \
            (cap) = (size_t)(need) * 2 + 16;                                   \
            (arr) = xrealloc((arr), (cap) * sizeof *(arr));                    \
        }                                                                      \
    } while (0)

enum { JOB_FREE, JOB_QUEUED, JOB_DONE };

typedef struct grun { /* one glyph run, ready for cairo */
    cairo_scaled_font_t *font; /* referenced; NULL: a missing-glyph box */
    size_t glyph0, n_glyphs;
    size_t cluster0, n_clusters; /* 0: drawn without text (right-to-left) */
    size_t text0, text_len;      /* into the job's text */
    double box_w, box_h;         /* the missing-glyph box */
} grun;

typedef struct gline { /* one line of a cell, in layout coordinates */
    double top, bottom;
    size_t run0, n_runs;
} gline;

typedef struct gcell {
    double height, width; /* laid out; the layout width (with widening) */
    size_t line0, n_lines;
} gcell;

typedef struct rowjob {
    /* in: set by the main thread */
    const table *t;
    int table_id;
    int n_entries;
    bl_buf text;         /* the cells' texts, NUL-separated */
    size_t *off;         /* per cell: offset into text, SIZE_MAX unused */
    size_t cap_off;
    const char *dest, *link;
    const char **dests;  /* per entry */
    size_t cap_dests;
    bool record;         /* record glyph runs (the drawing pass) */
    bool checking;       /* count line-breaking results into check */
    double split_at;     /* rows taller than this get their line boxes */
    /* out: set by whoever lays the row out */
    double h;
    double *sub_h;       /* per entry */
    size_t cap_sub;
    bl_lay_line *lines;
    size_t n_lines, cap_lines;
    gcell *cells;
    size_t cap_cells;
    gline *glines;
    size_t n_glines, cap_glines;
    grun *runs;
    size_t n_runs, cap_runs;
    cairo_glyph_t *glyphs;
    size_t n_glyphs, cap_glyphs;
    cairo_text_cluster_t *clusters;
    size_t n_clusters, cap_clusters;
    bl_pdf_break_report check;
    int state;
} rowjob;

typedef struct rowq rowq;

typedef struct rowctx { /* what lays rows out: one per thread */
    rowq *q;
    int index;           /* workers: 0, 1, ...; takes jobs index + k * nw */
    PangoFontMap *map;   /* workers: their own map */
    PangoContext *ctx;   /* workers: owned; main: the writer's */
    tstyle style;        /* the table style: this thread's copy */
    layopts lo;
    PangoLayout **pool;  /* per cell of the job at hand */
    size_t n_pool;
    PangoLayout **lay;   /* the layout of each cell of the job at hand */
    size_t cap_lay;
    GHashTable *cache;   /* "column\x1ftext" -> cached_cell, one table's */
    int cache_table;
    double *xs;          /* scratch: glyph x positions of a run */
    size_t cap_xs;
    pthread_t thread;
} rowctx;

struct rowq {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    rowjob slots[N_SLOTS];
    size_t produced, consumed; /* job sequence numbers */
    int nw;                    /* workers running; 0: lay out inline */
    rowctx main;               /* the main thread's */
    rowctx *w;                 /* the workers' (max_workers) */
    int max_workers;
    bool quit;
    int table_id;
    cairo_glyph_t *gbuf;       /* main: glyphs moved to the page */
    size_t cap_gbuf;
};

typedef struct cached_cell {
    PangoLayout *layout;
    double height;
} cached_cell;

static void cached_cell_free(void *p)
{
    cached_cell *c = p;
    g_object_unref(c->layout);
    free(c);
}

static size_t cell_index(const table *t, int e, int c)
{
    return (size_t)e * (size_t)t->n + (size_t)c;
}

static bool job_cell_used(const rowjob *j, int e, int c)
{
    return (e == 0 || j->t->col[c].per_entry) && e < j->n_entries;
}

static void rowctx_init(rowctx *w, PangoFontMap *map, PangoContext *ctx,
                        const tstyle *table_style, const layopts *lo)
{
    memset(w, 0, sizeof *w);
    w->map = map;
    if (map) {
        w->ctx = pango_font_map_create_context(map);
        bl_fonts_context_setup(w->ctx);
    } else {
        w->ctx = ctx;
    }
    tstyle *s = &w->style;
    *s = *table_style;
    s->font = pango_font_description_copy(table_style->font);
    s->attrs = pango_attr_list_copy(table_style->attrs);
    w->lo = *lo;
    w->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     cached_cell_free);
    w->cache_table = -1;
}

static void rowctx_free(rowctx *w)
{
    if (!w->cache)
        return;
    g_hash_table_destroy(w->cache);
    for (size_t i = 0; i < w->n_pool; i++)
        g_object_unref(w->pool[i]);
    free(w->pool);
    free(w->lay);
    free(w->xs);
    pango_font_description_free(w->style.font);
    pango_attr_list_unref(w->style.attrs);
    if (w->map) {
        g_object_unref(w->ctx);
        /* Pango 1.50 never drops the reference a map holds on its
         * configuration; hand the map none before it goes */
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(w->map), NULL);
        g_object_unref(w->map);
    }
}

static PangoLayout *rc_pool(rowctx *w, size_t i)
{
    if (i >= w->n_pool) {
        size_t n = i + 16;
        w->pool = xrealloc(w->pool, n * sizeof *w->pool);
        for (size_t k = w->n_pool; k < n; k++)
            w->pool[k] = pango_layout_new(w->ctx);
        w->n_pool = n;
    }
    return w->pool[i];
}

/* Lays out cell i (column c) of job j, or takes it from the cache of
 * repeated short texts; sets w->lay[i] and returns the text height. */
static double lay_cell(rowctx *w, rowjob *j, int c, size_t i)
{
    const tcol *col = &j->t->col[c];
    const char *text = j->text.data + j->off[i];
    double width = col->w - 2 * w->lo.pad;
    bool cacheable = col->repeats && !j->checking && strlen(text) < 64;
    char key[96];
    if (cacheable) {
        snprintf(key, sizeof key, "%d\x1f%s", c, text);
        cached_cell *hit = g_hash_table_lookup(w->cache, key);
        if (hit) {
            w->lay[i] = hit->layout;
            return hit->height;
        }
    }
    PangoLayout *l = cacheable ? pango_layout_new(w->ctx) : rc_pool(w, i);
    double h = lay_text(&w->lo, j->checking ? &j->check : NULL, l, &w->style,
                        text, width, true);
    pango_layout_set_alignment(l, col->align);
    if (cacheable) {
        cached_cell *cc = xrealloc(NULL, sizeof *cc);
        cc->layout = l;
        cc->height = h;
        g_hash_table_insert(w->cache, g_strdup(key), cc);
    }
    w->lay[i] = l;
    return h;
}

/* Top of cell (e, c) inside its row. */
static double cell_top(const table *t, const double *sub_h, int e, int c)
{
    double y = 0;
    if (t->col[c].per_entry)
        for (int k = 0; k < e; k++)
            y += sub_h[k];
    return y;
}

static int line_cmp(const void *a, const void *b)
{
    const bl_lay_line *x = a, *y = b;
    if (x->top != y->top)
        return x->top < y->top ? -1 : 1;
    if (x->bottom != y->bottom)
        return x->bottom < y->bottom ? -1 : 1;
    return 0;
}

/* The line boxes of the row (cells top-aligned, as a split row is drawn),
 * sorted by top. */
static void job_lines(rowctx *w, rowjob *j)
{
    const table *t = j->t;
    j->n_lines = 0;
    for (int e = 0; e < j->n_entries; e++)
        for (int c = 0; c < t->n; c++) {
            if (!job_cell_used(j, e, c))
                continue;
            PangoLayout *l = w->lay[cell_index(t, e, c)];
            double top = cell_top(t, j->sub_h, e, c) + w->lo.pad;
            PangoLayoutIter *it = pango_layout_get_iter(l);
            do {
                int y0, y1;
                pango_layout_iter_get_line_yrange(it, &y0, &y1);
                GROW(j->lines, j->cap_lines, j->n_lines + 1);
                j->lines[j->n_lines].top = top + y0 / (double)PANGO_SCALE;
                j->lines[j->n_lines].bottom = top + y1 / (double)PANGO_SCALE;
                j->n_lines++;
            } while (pango_layout_iter_next_line(it));
            pango_layout_iter_free(it);
        }
    qsort(j->lines, j->n_lines, sizeof *j->lines, line_cmp);
}

/* Records one Pango run as cairo glyphs and clusters (what
 * pango_cairo_show_layout would send to cairo_show_text_glyphs). x and y
 * are the run's origin (its left, the baseline) in layout units. */
static void record_run(rowctx *w, rowjob *j, PangoGlyphItem *gi,
                       const char *text, size_t text_base, int x, int y)
{
    PangoGlyphString *gs = gi->glyphs;
    PangoItem *item = gi->item;
    int n = gs->num_glyphs;
    GROW(w->xs, w->cap_xs, n + 1);
    int pos = 0;
    for (int g = 0; g < n; g++) {
        w->xs[g] = (double)(x + pos + gs->glyphs[g].geometry.x_offset) /
                   PANGO_SCALE;
        pos += gs->glyphs[g].geometry.width;
    }
    cairo_scaled_font_t *sf =
        pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(item->analysis.font));
    GROW(j->runs, j->cap_runs, j->n_runs + 1);
    size_t ri = j->n_runs++;
    grun *r = &j->runs[ri];
    memset(r, 0, sizeof *r);
    r->font = sf ? cairo_scaled_font_reference(sf) : NULL;
    r->glyph0 = j->n_glyphs;
    r->cluster0 = j->n_clusters;
    r->text0 = text_base + (size_t)item->offset;
    r->text_len = (size_t)item->length;
    bool rtl = item->analysis.level % 2;
    PangoGlyphItemIter it;
    for (gboolean more = pango_glyph_item_iter_init_start(&it, gi, text); more;
         more = pango_glyph_item_iter_next_cluster(&it)) {
        int count = 0, step = it.start_glyph <= it.end_glyph ? 1 : -1;
        for (int g = it.start_glyph; g != it.end_glyph; g += step) {
            PangoGlyphInfo *info = &gs->glyphs[g];
            double gy = (double)(y + info->geometry.y_offset) / PANGO_SCALE;
            if (info->glyph == PANGO_GLYPH_EMPTY)
                continue;
            if (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
                continue; /* boxes: recorded below */
            GROW(j->glyphs, j->cap_glyphs, j->n_glyphs + 1);
            j->glyphs[j->n_glyphs].index = info->glyph;
            j->glyphs[j->n_glyphs].x = w->xs[g];
            j->glyphs[j->n_glyphs].y = gy;
            j->n_glyphs++;
            count++;
        }
        if (!rtl) {
            GROW(j->clusters, j->cap_clusters, j->n_clusters + 1);
            j->clusters[j->n_clusters].num_bytes = it.end_index - it.start_index;
            j->clusters[j->n_clusters].num_glyphs = count;
            j->n_clusters++;
        }
    }
    r = &j->runs[ri];
    r->n_glyphs = j->n_glyphs - r->glyph0;
    r->n_clusters = j->n_clusters - r->cluster0;
    if (rtl)
        r->text_len = 0;
    /* characters no face has (only with --allow-fallback): a box each, as
     * Pango draws them */
    double size = pango_font_description_get_size(w->style.font) /
                  (double)PANGO_SCALE;
    for (int g = 0; g < n; g++) {
        PangoGlyphInfo *info = &gs->glyphs[g];
        if (!(info->glyph & PANGO_GLYPH_UNKNOWN_FLAG) ||
            (info->glyph & ~PANGO_GLYPH_UNKNOWN_FLAG) == 0x20)
            continue;
        GROW(j->glyphs, j->cap_glyphs, j->n_glyphs + 1);
        j->glyphs[j->n_glyphs].index = 0;
        j->glyphs[j->n_glyphs].x = w->xs[g];
        j->glyphs[j->n_glyphs].y = (double)y / PANGO_SCALE;
        GROW(j->runs, j->cap_runs, j->n_runs + 1);
        grun *b = &j->runs[j->n_runs++];
        memset(b, 0, sizeof *b);
        b->glyph0 = j->n_glyphs++;
        b->n_glyphs = 1;
        b->box_w = info->geometry.width / (double)PANGO_SCALE;
        b->box_h = size * 0.8;
    }
}

/* Records the lines and glyph runs of cell i. */
static void record_cell(rowctx *w, rowjob *j, size_t i)
{
    PangoLayout *l = w->lay[i];
    gcell *gc = &j->cells[i];
    const char *text = pango_layout_get_text(l);
    gc->line0 = j->n_glines;
    gc->n_lines = 0;
    gc->width = pango_layout_get_width(l) / (double)PANGO_SCALE;
    PangoLayoutIter *it = pango_layout_get_iter(l);
    PangoLayoutLine *last = NULL;
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        if (line != last) {
            int y0, y1;
            pango_layout_iter_get_line_yrange(it, &y0, &y1);
            GROW(j->glines, j->cap_glines, j->n_glines + 1);
            gline *gl = &j->glines[j->n_glines++];
            gl->top = y0 / (double)PANGO_SCALE;
            gl->bottom = y1 / (double)PANGO_SCALE;
            gl->run0 = j->n_runs;
            gl->n_runs = 0;
            gc->n_lines++;
            last = line;
        }
        PangoGlyphItem *run = pango_layout_iter_get_run_readonly(it);
        if (run) {
            PangoRectangle log;
            pango_layout_iter_get_run_extents(it, NULL, &log);
            record_run(w, j, run, text, j->off[i], log.x,
                       pango_layout_iter_get_baseline(it));
            gline *gl = &j->glines[j->n_glines - 1];
            gl->n_runs = j->n_runs - gl->run0;
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

/* Lays job j out with w: heights, line boxes of tall rows, glyph runs. */
static void process_job(rowctx *w, rowjob *j)
{
    const table *t = j->t;
    double pad = w->lo.pad;
    if (w->cache_table != j->table_id) {
        g_hash_table_remove_all(w->cache);
        w->cache_table = j->table_id;
    }
    size_t cells = (size_t)j->n_entries * (size_t)t->n;
    GROW(w->lay, w->cap_lay, cells);
    GROW(j->cells, j->cap_cells, cells);
    GROW(j->sub_h, j->cap_sub, j->n_entries);
    memset(&j->check, 0, sizeof j->check);
    j->n_lines = j->n_glines = j->n_runs = j->n_glyphs = j->n_clusters = 0;
    double span = 0, sum = 0;
    for (int e = 0; e < j->n_entries; e++) {
        double sub = 0;
        for (int c = 0; c < t->n; c++) {
            if (!job_cell_used(j, e, c))
                continue;
            size_t i = cell_index(t, e, c);
            j->cells[i].height = lay_cell(w, j, c, i);
            double h = j->cells[i].height + 2 * pad;
            if (t->col[c].per_entry)
                sub = fmax(sub, h);
            else
                span = fmax(span, h);
        }
        j->sub_h[e] = sub;
        sum += sub;
    }
    if (span > sum && j->n_entries > 0)
        j->sub_h[j->n_entries - 1] += span - sum;
    j->h = fmax(span, sum);
    if (j->h > j->split_at)
        job_lines(w, j);
    if (j->record)
        for (int e = 0; e < j->n_entries; e++)
            for (int c = 0; c < t->n; c++)
                if (job_cell_used(j, e, c))
                    record_cell(w, j, cell_index(t, e, c));
}

static void job_release(rowjob *j)
{
    for (size_t i = 0; i < j->n_runs; i++)
        if (j->runs[i].font)
            cairo_scaled_font_destroy(j->runs[i].font);
    j->n_runs = 0;
}

static void job_free(rowjob *j)
{
    job_release(j);
    bl_buf_free(&j->text);
    free(j->off);
    free(j->dests);
    free(j->sub_h);
    free(j->lines);
    free(j->cells);
    free(j->glines);
    free(j->runs);
    free(j->glyphs);
    free(j->clusters);
}

/* ---- the queue --------------------------------------------------------- */

static void *worker_main(void *arg)
{
    rowctx *w = arg;
    rowq *q = w->q;
    pthread_mutex_lock(&q->mu);
    size_t next = (size_t)w->index;
    for (;;) {
        while (!q->quit && next >= q->produced)
            pthread_cond_wait(&q->work, &q->mu);
        if (next >= q->produced)
            break;
        rowjob *j = &q->slots[next % N_SLOTS];
        pthread_mutex_unlock(&q->mu);
        process_job(w, j);
        pthread_mutex_lock(&q->mu);
        j->state = JOB_DONE;
        pthread_cond_broadcast(&q->done);
        next += (size_t)q->nw;
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* Starts n workers (at most max_workers) for one pass; 0 lays out inline. */
static void rows_stop(rowq *q)
{
    pthread_mutex_lock(&q->mu);
    q->quit = true;
    pthread_cond_broadcast(&q->work);
    pthread_mutex_unlock(&q->mu);
    for (int k = 0; k < q->nw; k++)
        pthread_join(q->w[k].thread, NULL);
    q->nw = 0;
}

static void rows_start(rowq *q, int n)
{
    q->produced = q->consumed = 0;
    q->quit = false;
    q->nw = 0;
    if (n > q->max_workers)
        n = q->max_workers;
    for (int k = 0; k < n; k++) {
        q->w[k].index = k;
        if (pthread_create(&q->w[k].thread, NULL, worker_main, &q->w[k]) != 0)
            break;
        q->nw++;
    }
    if (q->nw < n && q->nw > 0) {
        /* a worker failed to start: stop the others, lay out inline */
        rows_stop(q);
        q->quit = false;
    }
}

static void merge_check(bl_pdf_break_report *to, const bl_pdf_break_report *r)
{
    if (!to->first_bad[0] && r->first_bad[0])
        memcpy(to->first_bad, r->first_bad, sizeof to->first_bad);
    to->cells += r->cells;
    to->lines += r->lines;
    to->repaired += r->repaired;
    to->bad += r->bad;
}

/* x where a cell is drawn: its padding, less half of any widening the
 * punctuation repair made. */
static double cell_x(const pdf *P, const table *t, int c, double width)
{
    double inner = t->col[c].w - 2 * P->pg.cell_pad;
    return t->col[c].x + P->pg.cell_pad -
           (width > inner ? (width - inner) / 2 : 0);
}

/* Draws the runs of line gl moved by (dx, dy). */
static void draw_line_runs(pdf *P, const rowjob *j, const gline *gl,
                           double dx, double dy)
{
    cairo_t *cr = P->cr;
    rowq *q = P->q;
    for (size_t k = gl->run0; k < gl->run0 + gl->n_runs; k++) {
        const grun *r = &j->runs[k];
        const cairo_glyph_t *g = &j->glyphs[r->glyph0];
        if (!r->font) {
            cairo_set_line_width(cr, 0.4);
            cairo_rectangle(cr, dx + g->x + r->box_w * 0.1, dy + g->y - r->box_h,
                            r->box_w * 0.8, r->box_h);
            cairo_stroke(cr);
            continue;
        }
        if (r->n_glyphs == 0)
            continue;
        GROW(q->gbuf, q->cap_gbuf, r->n_glyphs);
        for (size_t i = 0; i < r->n_glyphs; i++) {
            q->gbuf[i].index = g[i].index;
            q->gbuf[i].x = g[i].x + dx;
            q->gbuf[i].y = g[i].y + dy;
        }
        cairo_set_scaled_font(cr, r->font);
        if (r->n_clusters)
            cairo_show_text_glyphs(cr, j->text.data + r->text0,
                                   (int)r->text_len, q->gbuf,
                                   (int)r->n_glyphs, j->clusters + r->cluster0,
                                   (int)r->n_clusters, 0);
        else
            cairo_show_glyphs(cr, q->gbuf, (int)r->n_glyphs);
    }
}

/* The grid of one row (or part) of height h at y; entry separators when
 * sub_h is given. */
static void row_grid(pdf *P, const table *t, double y, double h,
                     const double *sub_h, int n_entries)
{
    cairo_t *cr = P->cr;
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, t->x, y, t->w, h);
    for (int c = 1; c < t->n; c++) {
        cairo_move_to(cr, t->col[c].x, y);
        cairo_line_to(cr, t->col[c].x, y + h);
    }
    double ey = y;
    for (int e = 0; sub_h && e + 1 < n_entries; e++) {
        ey += sub_h[e];
        for (int c = 0; c < t->n; c++)
            if (t->col[c].per_entry) {
                cairo_move_to(cr, t->col[c].x, ey);
                cairo_line_to(cr, t->col[c].x + t->col[c].w, ey);
            }
    }
    cairo_stroke(cr);
}

static void draw_job(pdf *P, const rowjob *j, double y)
{
    const table *t = j->t;
    cairo_set_source_rgb(P->cr, 0, 0, 0);
    if (j->dest)
        dest_at(P, j->dest, t->x, y);
    double ey = y;
    for (int e = 0; e < j->n_entries; e++) {
        if (j->dests[e])
            dest_at(P, j->dests[e], t->x, ey);
        for (int c = 0; c < t->n; c++) {
            if (!job_cell_used(j, e, c))
                continue;
            const gcell *gc = &j->cells[cell_index(t, e, c)];
            double box_y = t->col[c].per_entry ? ey : y;
            double box_h = t->col[c].per_entry ? j->sub_h[e] : j->h;
            double x = cell_x(P, t, c, gc->width);
            double cy = box_y + (box_h - gc->height) / 2;
            for (size_t k = 0; k < gc->n_lines; k++)
                draw_line_runs(P, j, &j->glines[gc->line0 + k], x, cy);
        }
        ey += j->sub_h[e];
    }
    row_grid(P, t, y, j->h, j->sub_h, j->n_entries);
    if (j->link)
        link_rect(P, j->link, t->x, y, t->w, j->h);
}

/* A row taller than a page, drawn in parts on consecutive pages. */
static void draw_split_job(pdf *P, const rowjob *j, const bl_lay_place *pl)
{
    const table *t = j->t;
    double pad = P->pg.cell_pad, room = P->pg.body_h - pl->y;
    size_t first = 0;
    for (int k = 0; k < pl->parts && first < j->n_lines; k++) {
        double y = P->pg.top + pl->y;
        if (k > 0) {
            goto_page(P, pl->page + k);
            y = P->pg.top + draw_head(P, t, P->pg.top);
        }
        bl_lay_part part = bl_lay_split_next(j->lines, j->n_lines, j->h, pad,
                                             &first, k == 0, room);
        cairo_set_source_rgb(P->cr, 0, 0, 0);
        if (k == 0 && j->dest)
            dest_at(P, j->dest, t->x, y);
        for (int e = 0; e < j->n_entries; e++)
            for (int c = 0; c < t->n; c++) {
                if (!job_cell_used(j, e, c))
                    continue;
                const gcell *gc = &j->cells[cell_index(t, e, c)];
                double top = cell_top(t, j->sub_h, e, c) + pad;
                double x = cell_x(P, t, c, gc->width);
                for (size_t n = 0; n < gc->n_lines; n++) {
                    const gline *gl = &j->glines[gc->line0 + n];
                    double lt = top + gl->top;
                    if (lt >= part.from && lt < part.to)
                        draw_line_runs(P, j, gl, x, y + top - part.from);
                }
            }
        if (k > 0) {
            /* the row goes on from the page before */
            tstyle *s = &P->st[ST_TABLE];
            lay_text(&P->lo, NULL, P->scratch, s, "(续)", t->col[0].w, false);
            pango_layout_set_alignment(P->scratch, PANGO_ALIGN_CENTER);
            show(P, P->scratch, s, t->col[0].x, y + pad);
        }
        row_grid(P, t, y, part.height, NULL, 0);
        if (j->link)
            link_rect(P, j->link, t->x, y, t->w, part.height);
        room = P->pg.body_h - t->head_h;
    }
}

/* Places (and in the drawing pass draws) the finished job. */
static void consume(pdf *P, rowjob *j)
{
    if (P->pass == 1)
        progress(P, ++P->rows_done, P->rows_total, false);
    if (P->pass == 1 && P->check)
        merge_check(P->check, &j->check);
    bool tall = j->h > j->split_at;
    const bl_lay_place *pl = block(P, BL_LAY_ROW, j->h, false,
                                   tall ? j->lines : NULL,
                                   tall ? j->n_lines : 0, P->pg.cell_pad);
    if (pl && !P->failed) {
        if (pl->head_before)
            draw_head(P, j->t, P->pg.top);
        if (pl->parts > 1)
            draw_split_job(P, j, pl);
        else
            draw_job(P, j, P->pg.top + pl->y);
    }
    job_release(j);
}

static void consume_head(pdf *P)
{
    rowq *q = P->q;
    rowjob *j = &q->slots[q->consumed % N_SLOTS];
    if (q->nw) {
        pthread_mutex_lock(&q->mu);
        while (j->state != JOB_DONE)
            pthread_cond_wait(&q->done, &q->mu);
        pthread_mutex_unlock(&q->mu);
    }
    consume(P, j);
    j->state = JOB_FREE;
    q->consumed++;
}

/* Hands row r of table t over to be laid out; rows are placed in order as
 * they are done (at the latest by rows_flush). */
static void rows_submit(pdf *P, const table *t, const trow *r)
{
    rowq *q = P->q;
    if (q->produced - q->consumed == N_SLOTS)
        consume_head(P);
    rowjob *j = &q->slots[q->produced % N_SLOTS];
    size_t cells = (size_t)r->n_entries * (size_t)t->n;
    j->t = t;
    j->table_id = q->table_id;
    j->n_entries = r->n_entries;
    GROW(j->off, j->cap_off, cells);
    GROW(j->dests, j->cap_dests, r->n_entries);
    bl_buf_reset(&j->text);
    for (int e = 0; e < r->n_entries; e++) {
        j->dests[e] = r->dests ? r->dests[e] : NULL;
        for (int c = 0; c < t->n; c++) {
            size_t i = cell_index(t, e, c);
            j->off[i] = SIZE_MAX;
            if (!((e == 0 || t->col[c].per_entry)))
                continue;
            j->off[i] = j->text.len;
            const char *s = r->cells[i] ? r->cells[i] : "";
            bl_buf_append(&j->text, s, strlen(s) + 1);
        }
    }
    j->dest = r->dest;
    j->link = r->link;
    j->record = P->pass == 2;
    j->checking = P->check && P->pass == 1;
    j->split_at = P->pg.body_h - t->head_h;
    if (q->nw == 0) {
        process_job(&q->main, j);
        j->state = JOB_DONE;
        q->produced++;
        consume_head(P);
        return;
    }
    pthread_mutex_lock(&q->mu);
    j->state = JOB_QUEUED;
    q->produced++;
    pthread_cond_broadcast(&q->work);
    pthread_mutex_unlock(&q->mu);
}

static void rows_flush(pdf *P)
{
    while (P->q->consumed < P->q->produced)
        consume_head(P);
}

/* Starts a table: its head block (kept with the first row). */
static void table_begin(pdf *P, table *t)
{
    P->q->table_id++;
    t->head_h = measure_head(P, t);
    const bl_lay_place *pl = block(P, BL_LAY_HEAD, t->head_h, false, NULL, 0, 0);
    if (pl)
        draw_head(P, t, P->pg.top + pl->y);
}

static void table_end(pdf *P)
{
    block(P, BL_LAY_END, 0, false, NULL, 0, 0);
}

/* ---- the tables of the briefing ---------------------------------------- */

enum { C_SEQ, C_CONTENT, C_DEPT, C_STATUS, C_PROGRESS, C_RATE, C_N };

static void project_table_spec(table *t, bool lagging)
{
    memset(t, 0, sizeof *t);
    t->n = C_N;
    static const char *const titles[C_N] = {"序号", "项目内容", "责任单位",
                                            "状态", "进展情况", "完成率"};
    for (int c = 0; c < C_N; c++) {
        t->col[c].title = titles[c];
        t->col[c].align = PANGO_ALIGN_CENTER;
    }
    if (lagging)
        t->col[C_PROGRESS].title = "滞后原因及进展";
    t->col[C_CONTENT].align = PANGO_ALIGN_LEFT;
    t->col[C_PROGRESS].align = PANGO_ALIGN_LEFT;
    t->col[C_DEPT].repeats = true;
    t->col[C_STATUS].repeats = true;
    t->col[C_RATE].repeats = true;
    t->col[C_DEPT].per_entry = !lagging;
    t->col[C_STATUS].per_entry = !lagging;
    t->col[C_PROGRESS].per_entry = !lagging;
    t->col[C_RATE].per_entry = !lagging;
}

static void plan_defaults(colplan *plan)
{
    memset(plan, 0, sizeof *plan * MAX_COLS);
    plan[C_SEQ].max_em = 3;
    plan[C_DEPT].max_em = 7;
    plan[C_DEPT].min_em = 4;
    plan[C_STATUS].max_em = 5;
    plan[C_STATUS].min_em = 4;
    plan[C_RATE].max_em = 4.5;
    plan[C_RATE].min_em = 3;
    plan[C_CONTENT].wraps = true;
    plan[C_PROGRESS].wraps = true;
}

/* The full table is read from the model rather than the view: the view's
 * projects are the bulk of its memory for large reports (about 7 KB a
 * project). The labels come from the same functions view.c uses, and the
 * anchors from the view's lagging items and chart, so both documents agree.
 * Per-list state while walking the projects: */

typedef struct list_walk {
    const cJSON *lagging;   /* the view's lagging items, in project order */
    const cJSON *next_lag;  /* the next one to match */
    bl_key_table depts;     /* the chart's departments: key -> anchor */
    char rate[256];         /* scratch rate labels */
} list_walk;

static const char *dept_anchor(list_walk *w, const char *key)
{
    if (!key)
        return NULL;
    bl_key_slot *s = bl_key_table_find(&w->depts, key);
    if (!s->key || s->seen)
        return NULL; /* only a department's first row is anchored */
    s->seen = true;
    return s->id;
}

/* "215%、214.75%" (view.c's entry label) into buf. */
static const char *rates_label(const bl_entry *e, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < e->n_rates; i++) {
        char one[48];
        bl_view_format_rate(e->rates[i], one, sizeof one);
        if (i)
            strncat(buf, "、", size - strlen(buf) - 1);
        strncat(buf, one, size - strlen(buf) - 1);
    }
    return buf;
}

/* The texts of one entry, composed in comp bufs base and base + 1. */
static void entry_cells(pdf *P, const bl_project *p, const bl_entry *e,
                        size_t base, const char **cells)
{
    cells[C_DEPT] = nz(e->department);
    bl_buf *st = comp_buf(P, base);
    bl_buf_puts(st, bl_view_status_label(e->status));
    if (e->behind && e->status != BL_STATUS_BEHIND)
        bl_buf_puts(st, "\n（滞后）");
    cells[C_STATUS] = bl_buf_cstr(st);
    bl_buf *pr = comp_buf(P, base + 1);
    if (e->target)
        bl_buf_printf(pr, "目标：%s", e->target);
    if (e->planned)
        bl_buf_printf(pr, "%s计划：%s", pr->len ? "\n" : "", e->planned);
    if (e->progress)
        bl_buf_printf(pr, "%s%s%s", pr->len ? "\n" : "",
                      e->target || e->planned ? "进展：" : "", e->progress);
    if (e->behind_reason &&
        (!e->progress || !strstr(e->progress, e->behind_reason)))
        bl_buf_printf(pr, "%s滞后原因：%s", pr->len ? "\n" : "",
                      e->behind_reason);
    cells[C_PROGRESS] = bl_buf_cstr(pr);
    bl_buf *rt = comp_buf(P, base + 2);
    if (e->n_rates) {
        char buf[256];
        bl_buf_puts(rt, rates_label(e, buf, sizeof buf));
    } else if (p->n_entries == 1 && p->has_rate) {
        char one[48];
        bl_view_format_rate(p->rate, one, sizeof one);
        bl_buf_puts(rt, one);
    }
    cells[C_RATE] = bl_buf_cstr(rt);
}

/* Grows the row's arrays to n entries. */
static void row_reserve(trow *r, int n, size_t *cap)
{
    if ((size_t)n > *cap) {
        *cap = (size_t)n * 2;
        r->cells = xrealloc(r->cells, *cap * C_N * sizeof *r->cells);
        r->dests = xrealloc(r->dests, *cap * sizeof *r->dests);
    }
    memset(r->cells, 0, (size_t)n * C_N * sizeof *r->cells);
    memset(r->dests, 0, (size_t)n * sizeof *r->dests);
    r->n_entries = n;
}

static void project_row(pdf *P, list_walk *w, const bl_project *p, trow *r,
                        size_t *cap)
{
    int n = (int)p->n_entries;
    row_reserve(r, n > 0 ? n : 1, cap);
    r->cells[C_SEQ] = nz(p->seq);
    r->cells[C_CONTENT] = nz(p->content);
    r->dest = NULL;
    r->link = NULL;
    if (bl_project_is_lagging(p) && w->next_lag) {
        r->dest = jstr(w->next_lag, "row_id");
        w->next_lag = w->next_lag->next;
    }
    int i = 0;
    for (const bl_entry *e = p->entries; e; e = e->next, i++) {
        entry_cells(P, p, e, (size_t)i * 3, r->cells + i * C_N);
        r->dests[i] = dept_anchor(w, e->department_key);
    }
    if (n == 0) {
        r->cells[C_DEPT] = r->cells[C_PROGRESS] = "";
        r->cells[C_STATUS] = bl_view_status_label(p->status);
        bl_buf *rt = comp_buf(P, 2);
        if (p->has_rate) {
            char one[48];
            bl_view_format_rate(p->rate, one, sizeof one);
            bl_buf_puts(rt, one);
        }
        r->cells[C_RATE] = bl_buf_cstr(rt);
    }
}

static void walk_start(list_walk *w, const cJSON *list)
{
    w->lagging = jget(list, "lagging");
    w->next_lag = w->lagging ? w->lagging->child : NULL;
    const cJSON *depts = jget(jget(list, "chart"), "departments");
    bl_key_table_free(&w->depts); /* a second walk starts afresh */
    bl_key_table_init(&w->depts, (size_t)cJSON_GetArraySize(depts));
    const cJSON *d;
    cJSON_ArrayForEach(d, depts)
    {
        const char *k = jstr(d, "key");
        if (k)
            bl_key_table_put(&w->depts, k, jstr(d, "id"));
    }
}

static void project_table(pdf *P, const cJSON *list, const bl_list *ml)
{
    table t;
    project_table_spec(&t, false);
    colplan plan[MAX_COLS];
    plan_defaults(plan);
    trow r = {0};
    size_t cap = 0;
    list_walk w = {0};
    walk_start(&w, list);
    for (const bl_project *p = ml->projects; p; p = p->next) {
        project_row(P, &w, p, &r, &cap);
        for (int e = 0; e < r.n_entries; e++)
            for (int c = 0; c < C_N; c++)
                if (e == 0 || t.col[c].per_entry)
                    plan_cell(&plan[c], r.cells[e * C_N + c]);
    }
    fit_table(P, &t, plan);
    table_begin(P, &t);
    walk_start(&w, list);
    for (const bl_project *p = ml->projects; p; p = p->next) {
        project_row(P, &w, p, &r, &cap);
        rows_submit(P, &t, &r);
    }
    rows_flush(P);
    table_end(P);
    bl_key_table_free(&w.depts);
    free(r.cells);
    free(r.dests);
}

static void lagging_row(const cJSON *g, trow *r, size_t *cap)
{
    row_reserve(r, 1, cap);
    r->cells[C_SEQ] = nz(jstr(g, "seq"));
    r->cells[C_CONTENT] = nz(jstr(g, "content"));
    r->cells[C_DEPT] = nz(jstr(g, "department"));
    r->cells[C_STATUS] = nz(jstr(g, "status_label"));
    r->cells[C_PROGRESS] = nz(jstr(g, "reason"));
    r->cells[C_RATE] = nz(jstr(g, "rate_label"));
    r->dest = NULL;
    r->link = jstr(g, "row_id");
}

static void lagging_table(pdf *P, const cJSON *lagging)
{
    table t;
    project_table_spec(&t, true);
    colplan plan[MAX_COLS];
    plan_defaults(plan);
    trow r = {0};
    size_t cap = 0;
    const cJSON *g;
    cJSON_ArrayForEach(g, lagging)
    {
        lagging_row(g, &r, &cap);
        for (int c = 0; c < C_N; c++)
            plan_cell(&plan[c], r.cells[c]);
    }
    fit_table(P, &t, plan);
    table_begin(P, &t);
    cJSON_ArrayForEach(g, lagging)
    {
        lagging_row(g, &r, &cap);
        rows_submit(P, &t, &r);
    }
    rows_flush(P);
    table_end(P);
    free(r.cells);
    free(r.dests);
}

enum { I_SEQ, I_NAME, I_TEXT, I_RATE, I_N };

/* The indicator tables of a narrative report share one set of column
 * widths, fitted to all sections, so they read as one table. */
static void indicator_spec(pdf *P, const cJSON *sections, table *t)
{
    static const char *const titles[I_N] = {"序号", "指标", "完成情况", "比率"};
    memset(t, 0, sizeof *t);
    t->n = I_N;
    for (int c = 0; c < I_N; c++) {
        t->col[c].title = titles[c];
        t->col[c].align = c == I_TEXT || c == I_NAME ? PANGO_ALIGN_LEFT
                                                     : PANGO_ALIGN_CENTER;
    }
    colplan plan[MAX_COLS];
    memset(plan, 0, sizeof plan);
    plan[I_SEQ].max_em = 3;
    plan[I_RATE].max_em = 6;
    plan[I_RATE].min_em = 3;
    plan[I_NAME].wraps = true;
    plan[I_TEXT].wraps = true;
    const cJSON *sec, *ind;
    cJSON_ArrayForEach(sec, sections)
    {
        cJSON_ArrayForEach(ind, jget(sec, "indicators"))
        {
            plan_cell(&plan[I_SEQ], jstr(ind, "seq"));
            plan_cell(&plan[I_NAME], jstr(ind, "name"));
            plan_cell(&plan[I_TEXT], jstr(ind, "text"));
            plan_cell(&plan[I_RATE], jstr(ind, "rates_label"));
        }
    }
    fit_table(P, t, plan);
}

static void indicator_table(pdf *P, table *t, const cJSON *section)
{
    const char *cells[I_N];
    trow r = {1, cells, NULL, NULL, NULL};
    table_begin(P, t);
    const cJSON *ind;
    cJSON_ArrayForEach(ind, jget(section, "indicators"))
    {
        cells[I_SEQ] = nz(jstr(ind, "seq"));
        cells[I_NAME] = nz(jstr(ind, "name"));
        cells[I_TEXT] = nz(jstr(ind, "text"));
        cells[I_RATE] = nz(jstr(ind, "rates_label"));
        rows_submit(P, t, &r);
    }
    rows_flush(P);
    table_end(P);
}

/* ---- the chart --------------------------------------------------------- */

/* The department keys of the list's entries (so the table holds the anchor
 * a bar links to). */
static void list_keys(const bl_list *ml, bl_key_table *t)
{
    size_t n = 0;
    for (const bl_project *p = ml ? ml->projects : NULL; p; p = p->next)
        n += p->n_entries;
    bl_key_table_init(t, n);
    for (const bl_project *p = ml ? ml->projects : NULL; p; p = p->next)
        for (const bl_entry *e = p->entries; e; e = e->next)
            if (e->department_key)
                bl_key_table_put(t, e->department_key, NULL);
}

static void department_chart(pdf *P, const cJSON *list, const bl_list *ml,
                             PangoLayout *cl)
{
    const cJSON *depts = jget(jget(list, "chart"), "departments");
    int n = cJSON_GetArraySize(depts);
    if (n == 0) {
        paragraph(P, ST_BODY, "本清单未列明责任单位。", false);
        return;
    }
    bl_chart_bar *bars = xrealloc(NULL, (size_t)n * sizeof *bars);
    char (*counts)[48] = xrealloc(NULL, (size_t)n * sizeof *counts);
    int i = 0;
    bl_key_table in_list = {0};
    if (P->pass == 2)
        list_keys(ml, &in_list);
    const cJSON *d;
    cJSON_ArrayForEach(d, depts)
    {
        bl_chart_bar *b = &bars[i];
        b->name = nz(jstr(d, "name"));
        b->label = nz(jstr(d, "rate_label"));
        snprintf(counts[i], sizeof counts[i], "%d · %d", (int)jnum(d, "projects"),
                 (int)jnum(d, "behind"));
        b->counts = counts[i];
        b->has_rate = jbool(d, "has_rate");
        b->rate = jnum(d, "rate_capped");
        b->cls = bl_chart_class_from_name(jstr(d, "class"));
        const char *id = jstr(d, "id"), *key = jstr(d, "key");
        b->dest = P->pass == 2 && id && key && bl_key_table_find(&in_list, key)->key ? id : NULL;
        i++;
    }
    bl_key_table_free(&in_list);
    const cJSON *sched = jget(P->view, "schedule");
    double schedule = cJSON_IsObject(sched) ? jnum(sched, "rate") : -1;
    const char *sched_label = cJSON_IsObject(sched) ? jstr(sched, "label") : NULL;
    tstyle *s = &P->st[ST_CHART];
    double name_w, label_w, counts_w, line_h;
    bl_chart_measure(cl, bars, n, &name_w, &label_w, &counts_w, &line_h);
    bl_chart_geom g;
    bl_chart_layout(P->pg.left, P->pg.body_w, s->size, line_h, name_w,
                    label_w, counts_w, schedule, &g);
    const bl_lay_place *pl = block(P, BL_LAY_HEAD, g.head_h, false, NULL, 0, 0);
    if (pl)
        bl_chart_paint_head(P->cr, &g, P->pg.top + pl->y, cl, sched_label);
    for (i = 0; i < n; i++) {
        double h = bl_chart_row_height(&g, cl, &bars[i]);
        pl = block(P, BL_LAY_ROW, h, false, NULL, 0, 0);
        if (!pl || P->failed)
            continue;
        if (pl->head_before)
            bl_chart_paint_head(P->cr, &g, P->pg.top, cl, sched_label);
        bl_chart_paint_row(P->cr, &g, P->pg.top + pl->y, h, cl, &bars[i]);
    }
    table_end(P);
    free(bars);
    free(counts);
}

/* ---- the document ------------------------------------------------------ */

static void section_title(int n, const char *name, char *out, size_t size)
{
    char num[32];
    cn_number(n, num, sizeof num);
    snprintf(out, size, "%s、%s", num, name);
}

static void list_heading(pdf *P, int i, const cJSON *list)
{
    char num[32], buf[64], title[1024];
    cn_number(i, num, sizeof num);
    snprintf(title, sizeof title, "（%s）%s", num,
             list_title(list, buf, sizeof buf));
    heading(P, 2, title);
}

/* The period and the time-schedule rate every figure is read against. */
static void period_note(pdf *P)
{
    const cJSON *sched = jget(P->view, "schedule");
    const char *period = jstr(P->view, "period_label");
    if (!period && !cJSON_IsObject(sched))
        return;
    bl_buf *b = comp_buf(P, 0);
    if (period)
        bl_buf_printf(b, "统计期：%s", period);
    if (cJSON_IsObject(sched))
        bl_buf_printf(b, "%s时间进度%s", b->len ? "，" : "",
                      nz(jstr(sched, "label")));
    bl_buf_puts(b, "。");
    paragraph(P, ST_BODY, bl_buf_cstr(b), false);
}

static void flow_document(pdf *P)
{
    const cJSON *v = P->view, *lists = jget(v, "lists"), *list;
    char title[256];
    int sec = 0, i;
    P->outline_section = CAIRO_PDF_OUTLINE_ROOT;
    title_block(P);
    bool has_lists = cJSON_GetArraySize(lists) > 0;
    if (has_lists) {
        section_title(++sec, "总体情况", title, sizeof title);
        heading(P, 1, title);
        period_note(P);
        i = 0;
        cJSON_ArrayForEach(list, lists)
        {
            list_heading(P, ++i, list);
            summary_figures(P, list);
        }

        section_title(++sec, "各单位完成率", title, sizeof title);
        heading(P, 1, title);
        PangoLayout *cl = pango_layout_new(P->ctx);
        pango_layout_set_font_description(cl, P->st[ST_CHART].font);
        i = 0;
        const bl_list *ml = P->doc->lists;
        cJSON_ArrayForEach(list, lists)
        {
            list_heading(P, ++i, list);
            department_chart(P, list, ml, cl);
            ml = ml ? ml->next : NULL;
        }
        g_object_unref(cl);

        section_title(++sec, "督办清单（滞后、未完成及部分完成项目）", title,
                      sizeof title);
        heading(P, 1, title);
        if (!jbool(v, "has_lagging"))
            paragraph(P, ST_BODY, "本期没有进度滞后、未完成或部分完成的项目。",
                      false);
        i = 0;
        cJSON_ArrayForEach(list, lists)
        {
            i++;
            if (!jbool(list, "has_lagging"))
                continue;
            list_heading(P, i, list);
            lagging_table(P, jget(list, "lagging"));
        }
    }
    const cJSON *sections = jget(v, "sections");
    if (cJSON_GetArraySize(sections) > 0) {
        section_title(++sec, "重点指标", title, sizeof title);
        heading(P, 1, title);
        const cJSON *s;
        table t;
        indicator_spec(P, sections, &t);
        i = 0;
        cJSON_ArrayForEach(s, sections)
        {
            char num[32], t2[512];
            cn_number(++i, num, sizeof num);
            snprintf(t2, sizeof t2, "（%s）%s", num, nz(jstr(s, "name")));
            heading(P, 2, t2);
            indicator_table(P, &t, s);
        }
    }
    if (has_lists) {
        /* the full tables are the annex: they start on a page of their own */
        page_break(P);
        section_title(++sec, "项目进展明细", title, sizeof title);
        heading(P, 1, title);
        i = 0;
        const bl_list *ml = P->doc->lists;
        cJSON_ArrayForEach(list, lists)
        {
            list_heading(P, ++i, list);
            if (ml) {
                project_table(P, list, ml);
                ml = ml->next;
            }
        }
    }
}

/* ---- font coverage ----------------------------------------------------- */

typedef struct coverage {
    bl_fonts *fonts;
    bl_buf missing;   /* scratch */
    bl_buf chars;     /* the uncovered characters, unique, UTF-8 */
    int *lines;       /* per character: the model's line of its text */
    size_t count;
} coverage;

static void cover(coverage *cv, const char *s, int line)
{
    if (!s || !*s)
        return;
    bl_buf_reset(&cv->missing);
    if (bl_fonts_uncovered(cv->fonts, s, &cv->missing) == 0)
        return;
    const char *p = bl_buf_cstr(&cv->missing), *end = p + cv->missing.len;
    while (p < end) {
        const char *start = p;
        bl_utf8_next(&p, end);
        char one[8];
        snprintf(one, sizeof one, "%.*s", (int)(p - start), start);
        if (cv->chars.len && strstr(bl_buf_cstr(&cv->chars), one))
            continue;
        bl_buf_puts(&cv->chars, one);
        cv->lines = xrealloc(cv->lines, (cv->count + 1) * sizeof *cv->lines);
        cv->lines[cv->count++] = line;
    }
}

/* The first line of the source where ch occurs, else fallback: the model
 * knows where a project starts, not the line of each character. */
static int source_line(const char *text, const char *ch, int fallback)
{
    const char *hit = text ? strstr(text, ch) : NULL;
    if (!hit)
        return fallback;
    int line = 1;
    for (const char *q = text; q < hit; q++)
        line += *q == '\n';
    return line;
}

/* "𪛖 U+2A6D6 (line 17), ..." or, with fallback, one line per character
 * naming the face that draws it. Returns the first line. */
static int describe_missing(coverage *cv, const bl_document *d, bool fallback,
                            bl_buf *out)
{
    bl_buf raw = BL_BUF_INIT;
    bl_arena *arena = bl_arena_new();
    char *text = NULL;
    size_t len;
    const char *enc;
    if (bl_read_file(d->source, &raw, NULL) == BL_OK)
        bl_text_decode(d->source, raw.data, raw.len, arena, &text, &len, &enc,
                       NULL);
    const char *p = bl_buf_cstr(&cv->chars), *end = p + cv->chars.len;
    int first = 0;
    for (size_t i = 0; p < end; i++) {
        const char *start = p;
        uint32_t cp = bl_utf8_next(&p, end);
        char one[8];
        snprintf(one, sizeof one, "%.*s", (int)(p - start), start);
        int line = source_line(text, one, cv->lines[i]);
        if (i == 0)
            first = line;
        if (i >= 24) {
            bl_buf_puts(out, fallback ? "\n..." : ", ...");
            break;
        }
        if (fallback) {
            bl_buf face = BL_BUF_INIT;
            bl_fonts_fallback_name(cv->fonts, cp, &face);
            if (strcmp(bl_buf_cstr(&face), "none") == 0)
                bl_buf_printf(out, "%s%s: %s U+%04X (line %d) is in no usable "
                              "face: drawn as a missing-glyph box",
                              out->len ? "\n" : "", d->source, one,
                              (unsigned)cp, line);
            else
                bl_buf_printf(out, "%s%s: %s U+%04X (line %d) drawn with the "
                              "fallback face %s",
                              out->len ? "\n" : "", d->source, one,
                              (unsigned)cp, line, bl_buf_cstr(&face));
            bl_buf_free(&face);
        } else {
            bl_buf_printf(out, "%s%s U+%04X (line %d)", out->len ? ", " : "",
                          one, (unsigned)cp, line);
        }
    }
    bl_arena_free(arena);
    bl_buf_free(&raw);
    return first;
}

/* Checks every text of d that the briefing draws. */
static void cover_document(coverage *cv, const bl_document *d)
{
    cover(cv, d->title, 1);
    cover(cv, d->office, 0);
    for (const bl_list *l = d->lists; l; l = l->next) {
        cover(cv, l->title, l->line);
        for (const bl_project *p = l->projects; p; p = p->next) {
            cover(cv, p->seq, p->line);
            cover(cv, p->content, p->line);
            for (const bl_entry *e = p->entries; e; e = e->next) {
                cover(cv, e->department, e->line);
                cover(cv, e->target, e->line);
                cover(cv, e->planned, e->line);
                cover(cv, e->progress, e->line);
                cover(cv, e->behind_reason, e->line);
            }
        }
    }
    for (const bl_indicator *i = d->indicators; i; i = i->next) {
        cover(cv, i->section, i->line);
        cover(cv, i->seq, i->line);
        cover(cv, i->name, i->line);
        cover(cv, i->text, i->line);
    }
}

/* ---- set-up and the two passes ----------------------------------------- */

typedef struct sink {
    FILE *fp;
    long long bytes;
} sink;

static cairo_status_t write_sink(void *closure, const unsigned char *data,
                                 unsigned int length)
{
    sink *s = closure;
    s->bytes += length;
    if (s->fp && fwrite(data, 1, length, s->fp) != length)
        return CAIRO_STATUS_WRITE_ERROR;
    return CAIRO_STATUS_SUCCESS;
}

/* The creation date (pdf_finish.h): SOURCE_DATE_EPOCH, else the published
 * date in China Standard Time, else the time of the run. */
static void creation_date(const bl_pdf_options *o, const bl_document *d,
                          char *out, size_t size)
{
    bl_pdf_date(o->creation_epoch, d->published, time(NULL), out, size);
}

static void set_metadata(pdf *P)
{
    cairo_surface_t *s = P->surface;
    const char *title = jstr(P->view, "page_title");
    const char *period = jstr(P->view, "period_label");
    char buf[256];
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, nz(title));
    if (P->doc->office)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
                                       P->doc->office);
    snprintf(buf, sizeof buf, "民生实事项目进展情况简报%s%s%s",
             period ? "（" : "", nz(period), period ? "）" : "");
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, buf);
    snprintf(buf, sizeof buf, "bulletin %s",
             P->o->version ? P->o->version : BL_VERSION);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, buf);
    creation_date(P->o, P->doc, buf, sizeof buf);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, buf);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, buf);
}

/* Table rows in the document: what decides whether workers pay off. */
static size_t count_rows(const pdf *P)
{
    size_t n = 0;
    for (const bl_list *l = P->doc->lists; l; l = l->next)
        n += l->n_projects;
    n += (size_t)cJSON_GetArraySize(jget(P->view, "lagging"));
    return n;
}

/* Workers for the measuring pass (the drawing pass uses one: the main
 * thread draws meanwhile). Small reports stay on one thread: a worker's
 * font map costs more than it saves below a few hundred rows. */
static int workers_wanted(const pdf *P)
{
    int t = P->o->threads;
    if (t < 0)
        return 0;
    if (t > 0)
        return t > 8 ? 8 : t;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus < 2 || count_rows(P) < 400)
        return 0;
    return 2;
}

static void rows_open(pdf *P)
{
    rowq *q = xrealloc(NULL, sizeof *q);
    memset(q, 0, sizeof *q);
    P->q = q;
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->work, NULL);
    pthread_cond_init(&q->done, NULL);
    rowctx_init(&q->main, NULL, P->ctx, &P->st[ST_TABLE], &P->lo);
    q->max_workers = workers_wanted(P);
    q->w = xrealloc(NULL, ((size_t)q->max_workers + 1) * sizeof *q->w);
    FcConfig *config = bl_fonts_config(P->fonts);
    for (int k = 0; k < q->max_workers; k++) {
        /* a font map of its own on the same configuration: Pango objects
         * are not shared between threads */
        PangoFontMap *map =
            pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
        rowctx_init(&q->w[k], map, NULL, &P->st[ST_TABLE], &P->lo);
        q->w[k].q = q;
    }
}

static void rows_close(pdf *P)
{
    rowq *q = P->q;
    if (!q)
        return;
    rows_stop(q);
    for (size_t i = 0; i < N_SLOTS; i++)
        job_free(&q->slots[i]);
    rowctx_free(&q->main);
    for (int k = 0; k < q->max_workers; k++)
        rowctx_free(&q->w[k]);
    free(q->w);
    free(q->gbuf);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->work);
    pthread_cond_destroy(&q->done);
    free(q);
    P->q = NULL;
}

static int check_style(const bl_pdf_options *o, bl_error *err)
{
    if (o->style && strcmp(o->style, "gongwen") != 0 &&
        strcmp(o->style, "default") != 0)
        return bl_error_set(err, BL_EUSAGE, "", 0,
                            "unknown PDF style '%s' (expected gongwen)",
                            o->style);
    return BL_OK;
}

/* Sets up the writer on fonts (taking them over) and a PDF surface
 * writing to out (a NULL FILE discards), and shapes the view. */
static void writer_open(pdf *P, bl_model *m, const bl_document *d,
                        const bl_pdf_options *o, bl_fonts *fonts, sink *out)
{
    memset(P, 0, sizeof *P);
    P->o = o;
    P->doc = d;
    P->page = -1;
    P->t0 = now_s();
    P->pg.gongwen = o->style && strcmp(o->style, "gongwen") == 0;
    P->fonts = fonts;
    char gen[64];
    snprintf(gen, sizeof gen, "bulletin %s", o->version ? o->version : BL_VERSION);
    /* the full tables are read from the model, not the view */
    bl_view_options vo = {.generator = gen, .omit_projects = true};
    P->view = bl_view_document(m, d, &vo);
    setup_page(P);
    P->surface = cairo_pdf_surface_create_for_stream(write_sink, out, P->pg.w,
                                                     P->pg.h);
    P->cr = cairo_create(P->surface);
    P->ctx = bl_fonts_context_new(P->fonts);
    /* measure with the surface's font options: the same ones drawing uses */
    pango_cairo_update_context(P->cr, P->ctx);
    bl_fonts_context_setup(P->ctx);
    setup_styles(P);
    P->scratch = pango_layout_new(P->ctx);
    P->running = pango_layout_new(P->ctx);
    P->lo.fix = true;
    P->lo.pad = P->pg.cell_pad;
    rows_open(P);
}

static void writer_close(pdf *P)
{
    rows_close(P);
    if (P->scratch)
        g_object_unref(P->scratch);
    if (P->running)
        g_object_unref(P->running);
    free_styles(P);
    if (P->ctx)
        g_object_unref(P->ctx);
    if (P->cr)
        cairo_destroy(P->cr);
    if (P->surface)
        cairo_surface_destroy(P->surface);
    if (P->view)
        cJSON_Delete(P->view);
    if (P->fonts)
        bl_fonts_free(P->fonts);
    for (size_t i = 0; i < P->n_comp; i++)
        bl_buf_free(&P->comp[i]);
    free(P->comp);
    free(P->blocks);
    free(P->line_of);
    free(P->lines);
    free(P->places);
}

/* Pass 1 and the pagination. */
static void measure(pdf *P)
{
    P->pass = 1;
    P->rows_total = count_rows(P);
    rows_start(P->q, P->q->max_workers);
    flow_document(P);
    rows_stop(P->q);
    for (size_t i = 0; i < P->n_blocks; i++)
        if (P->blocks[i].n_lines)
            P->blocks[i].lines = P->lines + P->line_of[i];
    P->places = xrealloc(NULL, (P->n_blocks ? P->n_blocks : 1) *
                                   sizeof *P->places);
    P->pages = bl_lay_paginate(P->blocks, P->n_blocks, P->pg.body_h,
                               P->places);
}

static int open_fonts(const bl_pdf_options *o, bl_fonts **fonts,
                      bl_error *err)
{
    int rc = check_style(o, err);
    if (rc)
        return rc;
    bl_fonts_options fo = {o->font_dir, o->allow_fallback};
    return bl_fonts_open(&fo, fonts, err);
}

/* Every character must have a glyph in the chosen faces, unless fallback
 * is allowed (then the faces used are named in warnings). */
static int check_coverage(bl_fonts *fonts, const bl_document *d,
                          const bl_pdf_options *o, bl_pdf_stats *stats,
                          bl_error *err)
{
    int rc = BL_OK;
    coverage cv = {fonts, BL_BUF_INIT, BL_BUF_INIT, NULL, 0};
    cover_document(&cv, d);
    bl_buf report = BL_BUF_INIT;
    int line = cv.count ? describe_missing(&cv, d, o->allow_fallback, &report)
                        : 0;
    if (cv.count && !o->allow_fallback) {
        rc = bl_error_set(err, BL_EFONT, d->source, line,
                          "%zu character%s not covered by the fonts (%s, %s): "
                          "%s; add a face that has them with --font-dir, "
                          "or pass --allow-fallback",
                          cv.count, cv.count > 1 ? "s" : "",
                          bl_fonts_serif(fonts), bl_fonts_sans(fonts),
                          bl_buf_cstr(&report));
    } else if (stats) {
        const char *w = bl_fonts_warnings(fonts);
        snprintf(stats->warnings, sizeof stats->warnings, "%s%s%s", w,
                 *w && report.len ? "\n" : "", bl_buf_cstr(&report));
    }
    bl_buf_free(&report);
    bl_buf_free(&cv.missing);
    bl_buf_free(&cv.chars);
    free(cv.lines);
    return rc;
}

/* Pass 2: draws every page. */
static int draw(pdf *P, const char *path, bl_error *err)
{
    P->pass = 2;
    rows_start(P->q, P->q->max_workers > 0 ? 1 : 0);
    flow_document(P);
    rows_stop(P->q);
    goto_page(P, P->pages - 1);
    cairo_show_page(P->cr);
    progress(P, 0, 0, true);
    cairo_surface_finish(P->surface);
    cairo_status_t cs = cairo_surface_status(P->surface);
    if (P->failed)
        return bl_error_set(err, BL_EIO, path, 0,
                            "internal error: the layout passes disagree");
    if (cs != CAIRO_STATUS_SUCCESS)
        return bl_error_set(err, BL_EIO, path, 0, "cannot write PDF: %s",
                            cairo_status_to_string(cs));
    return BL_OK;
}

int bl_write_pdf(bl_model *m, const bl_document *d, const char *path,
                 const bl_pdf_options *o, bl_pdf_stats *stats, bl_error *err)
{
    if (stats)
        memset(stats, 0, sizeof *stats);
    bl_fonts *fonts = NULL;
    int rc = open_fonts(o, &fonts, err);
    if (!rc)
        rc = check_coverage(fonts, d, o, stats, err);
    bl_atomic_file af;
    if (!rc)
        rc = bl_atomic_open(&af, path, err);
    if (rc) {
        if (fonts)
            bl_fonts_free(fonts);
        return rc;
    }
    sink out = {af.fp, 0};
    pdf P;
    writer_open(&P, m, d, o, fonts, &out);
    set_metadata(&P);
    double t0 = now_s();
    measure(&P);
    double t1 = now_s();
    rc = draw(&P, path, err);
    if (stats) {
        stats->seconds_measure = t1 - t0;
        stats->seconds_draw = now_s() - t1;
    }
    if (stats) {
        stats->pages = P.pages;
        stats->bytes = out.bytes;
    }
    writer_close(&P);
    if (!rc) /* cairo's dangling link-tag objects out, objects packed */
        rc = bl_pdf_finish(&af, path, stats ? &stats->bytes : NULL, err);
    if (rc) {
        bl_atomic_abort(&af);
        return rc;
    }
    return bl_atomic_commit(&af, err);
}

int bl_pdf_check_breaks(bl_model *m, const bl_document *d,
                        const bl_pdf_options *o, bool fix,
                        bl_pdf_break_report *r, bl_error *err)
{
    memset(r, 0, sizeof *r);
    bl_fonts *fonts = NULL;
    int rc = open_fonts(o, &fonts, err);
    if (rc)
        return rc;
    sink out = {NULL, 0};
    pdf P;
    writer_open(&P, m, d, o, fonts, &out);
    P.lo.fix = fix;
    P.q->main.lo.fix = fix;
    for (int k = 0; k < P.q->max_workers; k++)
        P.q->w[k].lo.fix = fix;
    P.check = r;
    measure(&P);
    writer_close(&P);
    return BL_OK;
}
