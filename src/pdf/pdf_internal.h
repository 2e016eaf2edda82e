/* pdf_internal.h - what the files of the PDF writer share (not installed;
 * only src/pdf/ includes it).
 *
 * The writer is one `pdf` value, set up and torn down in write_pdf.c (the
 * entry and the two passes). The parts, each a file:
 *   pdf_style.c     page geometry and the text styles of each look;
 *   pdf_text.c      laying text out with Pango (line-breaking repairs) and
 *                   showing it;
 *   pdf_flow.c      the two-pass engine: blocks recorded in pass 1, found
 *                   again and drawn where they were placed in pass 2; pages,
 *                   running header and footer, outline, progress bar;
 *   pdf_table.c     table geometry: column widths, the head, links;
 *   pdf_rows.c, pdf_rowq.c, pdf_rowdraw.c (pdf_rows.h)
 *                   table rows as jobs: laid out and recorded, queued to
 *                   worker threads, placed and drawn;
 *   pdf_briefing.c  the content: which sections, in what order, the title
 *                   block, the summary figures and the charts;
 *   pdf_briefing_tables.c  the briefing's tables: their columns and rows;
 *   pdf_changes.c   与上期对比 (month over month) from the view;
 *   pdf_checks.c    the 数据核查 appendix (--checks) from the view;
 *   pdf_coverage.c  every character drawn is covered by the fonts.
 *
 * Ownership: the pdf value owns its Pango and Cairo objects, the view and
 * the fonts (taken over in writer_open); texts in trow and table are
 * borrowed from the view or the model for the duration of a call.
 */
#ifndef BL_PDF_INTERNAL_H
#define BL_PDF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <cjson/cJSON.h>
#include <pango/pangocairo.h>

#include "alloc.h"
#include "buf.h"
#include "fonts.h"
#include "layout.h"
#include "pdf_canvas.h"
#include "write_pdf.h"

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

#define MAX_COLS 10

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
    int id; /* set by pdf_table_begin: the head's layouts are cached by it */
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

/* ---- the office's settings (pdf_office.c) ------------------------------ */

typedef struct pdf_office {
    bool has_accent, has_secondary;
    double accent[3], secondary[3]; /* "#rrggbb" of the settings */
    cairo_surface_t *png;  /* the logo, decoded; or NULL */
    void *svg;             /* the logo as an RsvgHandle; or NULL */
    double logo_w, logo_h; /* its intrinsic size (aspect ratio) */
    bool internal;         /* edition = internal */
    /* borrowed from the view's "site" (pdf_office_texts) */
    const char *name, *footer, *contact;
} pdf_office;

/* ---- the writer -------------------------------------------------------- */

/* What every layout of a table cell shares. */
typedef struct layopts {
    bool fix;   /* repair line breaks that break the punctuation rules */
    double pad; /* cell padding: room the repair may widen into */
} layopts;

typedef struct pdf {
    const bl_pdf_options *o;
    const bl_document *doc;
    cJSON *view;               /* its large tables empty: rows has them */
    struct bl_view_rows *rows; /* view.h; made into cJSON a chunk at a time */
    char (*lag_ids)[32];       /* per list, its 督办清单's anchors, in order */
    size_t *lag_id_of;         /* per list, where its anchors start */
    bl_fonts *fonts;
    PangoContext *ctx;
    page_spec pg;
    pdf_office office; /* owned: the logo */
    tstyle st[ST_COUNT];
    PangoLayout *scratch;
    PangoLayout *running; /* header and footer: drawn between a block's
                             layout and its drawing, so never scratch */
    /* Laid out once, drawn on every page (pdf_flow.c, pdf_table.c): the
     * running title and period, and the head of the table at hand. */
    PangoLayout *run_title, *run_period;
    double run_period_w;
    PangoLayout *head[MAX_COLS];
    double head_top[MAX_COLS], head_x[MAX_COLS]; /* from the cell's top left */
    int head_table; /* the table id they are for; 0 none */
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
    cairo_surface_t *surface; /* cairo's PDF surface (the direct backend's
                                 only sets the context's font options) */
    pdf_canvas *cv;           /* what pages are drawn on */
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

/* How a column's width is planned from its texts (pdf_table.c). */
typedef struct colplan {
    double widest, run, total; /* ems */
    double max_em;             /* cap for fixed columns */
    double min_em;             /* floor (the longest word, else this) */
    bool wraps;                /* shares the spare room */
} colplan;

/* ---- small helpers ----------------------------------------------------- */

static inline double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static inline cJSON *jget(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static inline const char *jstr(const cJSON *o, const char *k)
{
    cJSON *v = jget(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static inline double jnum(const cJSON *o, const char *k)
{
    cJSON *v = jget(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static inline bool jbool(const cJSON *o, const char *k)
{
    return cJSON_IsTrue(jget(o, k));
}

static inline const char *nz(const char *s)
{
    return s ? s : "";
}

/* A word of the view's "labels" (view_words.c: the page's wording too),
 * "" when absent: the briefing holds no label of its own. */
static inline const char *pdf_word(const pdf *P, const char *k)
{
    return nz(jstr(jget(P->view, "labels"), k));
}

static inline void *xrealloc(void *p, size_t n)
{
    void *q = bl_realloc(p, n ? n : 1);
    return q;
}

/* ---- pdf_style.c ------------------------------------------------------- */

/* Page geometry of P->o's orientation and P->pg.gongwen. */
void pdf_setup_page(pdf *P);
/* The text styles (P->st) for the look, on the faces of P->fonts. */
void pdf_setup_styles(pdf *P);
void pdf_free_styles(pdf *P);

/* ---- pdf_text.c -------------------------------------------------------- */

/* Lays text out in l with style s in `width` points (< 0: one line) and
 * returns its height; table cells (is_cell) are checked against the
 * punctuation rules and repaired (lo->fix), counted into check if given. */
double pdf_lay_text(const layopts *lo, bl_pdf_break_report *check,
                    PangoLayout *l, const tstyle *s, const char *text,
                    double width, bool is_cell);
/* Lays text out on one line in l and returns its width. */
double pdf_lay_width(pdf *P, PangoLayout *l, const tstyle *s,
                     const char *text);
/* Draws l with its top-left at (x, y) in style s. */
void pdf_show(pdf *P, PangoLayout *l, const tstyle *s, double x, double y);
/* The same in colour rgb (instead of the style's gray). */
void pdf_show_rgb(pdf *P, PangoLayout *l, const tstyle *s, double x, double y,
                  const double rgb[3]);

/* ---- pdf_flow.c -------------------------------------------------------- */

/* Reports progress to P->o->progress, when set (throttled). */
void pdf_progress(pdf *P, size_t done, size_t total, bool finished);
/* Moves the drawing to page `page` (0-based), finishing the pages before. */
void pdf_goto_page(pdf *P, int page);
/* Pass 1: records a block (lines copied) and returns NULL. Pass 2: returns
 * where it was placed and moves to its page. */
const bl_lay_place *pdf_block(pdf *P, bl_lay_kind kind, double h, bool keep,
                              const bl_lay_line *lines, size_t n_lines,
                              double pad);
void pdf_space(pdf *P, double h);
void pdf_page_break(pdf *P);
int pdf_add_outline(pdf *P, int parent, const char *title,
                    const bl_lay_place *pl, bool open);
/* A paragraph across the body; keep: on the page of what follows. */
const bl_lay_place *pdf_paragraph(pdf *P, int style, const char *text,
                                  bool keep);
/* Section heading (level 1) or list heading (level 2), with its outline
 * entry. */
void pdf_heading(pdf *P, int level, const char *text);

/* ---- pdf_table.c ------------------------------------------------------- */

/* Adds a cell's text to its column's plan. */
void pdf_plan_cell(colplan *c, const char *text);
/* Turns the plans into column widths over the body width. */
void pdf_fit_table(pdf *P, table *t, colplan *plan);
/* Draws the head of t at y; returns its height. */
double pdf_draw_head(pdf *P, const table *t, double y);
void pdf_dest_at(pdf *P, const char *name, double x, double y);
void pdf_link_rect(pdf *P, const char *dest, double x, double y, double w,
                   double h);
/* A table's head block (kept with the first row), and its end. */
void pdf_table_begin(pdf *P, table *t);
void pdf_table_end(pdf *P);

/* A plain table of view items, a row each: its columns (text columns
 * wrap, left-aligned; the others are centred, at most max_em wide), and
 * fill, which sets a row's cells (texts copied when the row is submitted;
 * pdf_comp_buf may compose them). At most MAX_COLS columns. */
typedef struct pdf_plain_col {
    const char *title;
    bool wraps;
    double max_em;
} pdf_plain_col;
typedef void (*pdf_cells_fn)(pdf *P, const cJSON *item, const char **cells);
void pdf_plain_table(pdf *P, const pdf_plain_col *cols, int n, const cJSON *items,
                     pdf_cells_fn fill);

/* ---- pdf_rowq.c -------------------------------------------------------- */

/* The row queue with max_workers worker contexts (none started). */
void pdf_rows_open(pdf *P, int max_workers);
void pdf_rows_close(pdf *P);
/* Starts n workers (at most max_workers) for one pass; 0 lays out inline. */
void pdf_rows_start(struct rowq *q, int n);
void pdf_rows_stop(struct rowq *q);
/* Hands row r of table t over to be laid out; rows are placed in order as
 * they are done (at the latest by pdf_rows_flush). A row with a cell of
 * more than PDF_CELL_PART bytes goes on in rows below it, a part each. */
#define PDF_CELL_PART 30000
void pdf_rows_submit(pdf *P, const table *t, const trow *r);
void pdf_rows_flush(pdf *P);

/* ---- pdf_briefing.c ---------------------------------------------------- */

/* Walks the whole briefing once (the pass is P->pass). */
void pdf_flow_document(pdf *P);
/* A scratch string for composing cell i of a row (valid until the next
 * row). */
bl_buf *pdf_comp_buf(pdf *P, size_t i);

/* ---- pdf_briefing_tables.c --------------------------------------------- */

/* The full table of one list (ml, the model's; its view list). */
void pdf_project_table(pdf *P, const cJSON *list, const bl_list *ml);
/* The 督办清单 of one view list: its lagging items (sorted by shortfall),
 * with a 分管领导 column when the list has_leader. */
void pdf_lagging_table(pdf *P, const cJSON *list);
/* P->lag_ids and P->lag_id_of from the view's rows (writer_open). */
void pdf_lag_ids(pdf *P);
/* The indicator tables share one set of widths, fitted to all sections. */
void pdf_indicator_spec(pdf *P, const cJSON *sections, table *t);
void pdf_indicator_table(pdf *P, table *t, const cJSON *section);

/* ---- pdf_office.c ------------------------------------------------------ */

/* The colours and the logo of o->settings into f (zeroed; nothing without
 * settings). Errors: BL_EINPUT for a logo that cannot be decoded. */
int pdf_office_load(const bl_pdf_options *o, pdf_office *f, bl_error *err);
void pdf_office_free(pdf_office *f);
/* The settings' name, footer and contact have glyphs in the fonts (unless
 * fallback is allowed): BL_EFONT naming the key and the characters. */
int pdf_office_coverage(bl_fonts *fonts, const bl_pdf_options *o, bl_error *err);
/* The name, footer and contact of the view's site (after the view). */
void pdf_office_texts(pdf *P);
/* The settings' colours, or NULL when they give none. */
const double *pdf_accent(const pdf *P);
const double *pdf_secondary(const pdf *P);
/* The masthead block: logo and office name over a rule (none without). */
void pdf_masthead(pdf *P);
/* The accent's mark left of a heading placed at pl. */
void pdf_heading_mark(pdf *P, const bl_lay_place *pl, int style);
/* The footer and contact lines of the page being drawn; number_w is the
 * width of its centred page number (0 when it has none there). True when
 * it drew a line: the layout P->running is then left with other text. */
bool pdf_office_footer(pdf *P, double number_w);
/* ---- pdf_changes.c ---------------------------------------------------- */

/* The body of 与上期对比 (under the caller's heading) from the view's
 * "changes": the counts, a table per non-empty change list, the
 * departments' changes. */
void pdf_changes_section(pdf *P);

/* ---- pdf_checks.c ----------------------------------------------------- */

/* The body of the 数据核查 appendix (under the caller's heading) from the
 * view's "checks" (--checks): a table of the findings, or a line saying
 * there are none. */
void pdf_checks_appendix(pdf *P);

/* ---- pdf_coverage.c ---------------------------------------------------- */

/* Every character of d must have a glyph in the chosen faces, unless
 * fallback is allowed (then the faces used are named in stats). */
int pdf_check_coverage(bl_fonts *fonts, const bl_document *d,
                       const bl_pdf_options *o, bl_pdf_stats *stats,
                       bl_error *err);

#endif
