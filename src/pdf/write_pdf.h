/* write_pdf.h - the PDF briefing for leadership meetings (Pango/Cairo).
 *
 * One PDF per document, from the same view model as the HTML bulletin
 * (view.h), so both say the same things. Contents, in order: title block
 * and summary figures per list; a per-department completion-rate chart per
 * list (chart.h); the lagging-projects table (督办清单) with links to the
 * detail rows; the full table per list; the indicators of narrative
 * reports by section. Running header (the title) and footer
 * "第 X 页 共 Y 页" ("— X —" in the gongwen style); PDF outline for every
 * section and list; metadata.
 *
 * Two passes: the first measures every block and paginates (layout.h), the
 * second lays each block out again and draws it, page by page, so memory
 * stays bounded for 10,000 projects (only row heights are kept). Fonts come
 * from the private configuration (fonts.h); every character must be
 * covered by the chosen faces unless allow_fallback is set.
 *
 * The file is written atomically (io.h): on any error nothing is left at
 * path. Output is deterministic: the same input and creation_epoch (or a
 * published date) give the same bytes. The finished file is rewritten
 * through qpdf (pdf_finish.h).
 */
#ifndef BL_WRITE_PDF_H
#define BL_WRITE_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "model.h"

typedef struct bl_pdf_options {
    bool landscape;         /* A4 landscape, for wide tables */
    const char *style;      /* NULL (the default) or "gongwen" (GB/T 9704) */
    const char *font_dir;   /* --font-dir, may be NULL */
    const char *templates_dir; /* --templates: the 通报 paragraph's
                                  partial (summary_text.h); NULL: built-in */
    bool allow_fallback;    /* draw uncovered characters with a fallback */
    const char *version;    /* for the creator field: "bulletin VERSION" */
    long long creation_epoch; /* SOURCE_DATE_EPOCH; -1 when unset (then the
                                 published date, else the time of the run:
                                 pdf_finish.h) */
    /* Progress of the render, for the caller's progress bar (NULL: none):
     * pass 1 (rows laid out) or 2 (pages drawn), done of total, then once
     * finished = true if it was called before. Called only once the render
     * has taken a second, at most ten times a second; on the calling
     * thread. */
    void (*progress)(void *ctx, const char *stem, int pass, size_t done,
                     size_t total, bool finished);
    void *progress_ctx;
    const char *backend;    /* --pdf-backend: "direct" (NULL: the default)
                               or "cairo" (pdf_canvas.h); an SVG logo is
                               always drawn by cairo */
    int jobs;               /* --jobs: threads for the render; 0: the
                               cores available. With 1 the main thread
                               does everything; with n > 1, large reports
                               (400 rows or more) lay rows out on n
                               workers (at most 8) while measuring and on
                               one while drawing. The bytes written do not
                               depend on it. */
    double table_font_pt;   /* table text (cells, heads, chart labels) in
                               points; 0: the default, 10.5 (五号). Set by
                               --font-size or the settings' font-size (the
                               command line wins). */
    /* The office's settings file (settings.h), or NULL: its name and logo
     * head the first page, its colours draw the rules, headings, chart and
     * table heads, its footer and contact lines close every page, and the
     * internal edition adds the 分管领导 column to the full tables. */
    const struct bl_settings *settings;
    bool checks;            /* --checks: the 数据核查 appendix (the
                               findings of `bulletin check`) */
    const char *check_errors; /* --error: its codes at error level */
    /* Fonts opened ahead (bl_pdf_fonts_ahead_start), or NULL: the first
     * document written with the same font options takes them. */
    struct bl_fonts_ahead *fonts_ahead;
} bl_pdf_options;

typedef struct bl_pdf_stats {
    int pages;
    long long bytes;
    double seconds_measure; /* wall time of the first pass (with paging) */
    double seconds_draw;    /* wall time of the second pass and the file */
    size_t streams_pooled;  /* streams deflated beside the drawing
                               thread (pdf_zpool.h); 0 with --jobs 1 */
    /* Notes for the user, one per line, "" when none: the fallback faces
     * used with allow_fallback, font warnings. main.c prints them. */
    char warnings[1024];
} bl_pdf_stats;

/* The fonts o names (font_dir, allow_fallback) opened on a thread of its
 * own while the caller reads its inputs (fonts.h: fontconfig only on that
 * thread). Call bl_pdf_fonts_ahead_wait before forking or writing
 * anything else, bl_pdf_fonts_ahead_free at the end. NULL: none started
 * (the writer opens its own). */
struct bl_fonts_ahead *bl_pdf_fonts_ahead_start(const bl_pdf_options *o);
void bl_pdf_fonts_ahead_wait(struct bl_fonts_ahead *a);
void bl_pdf_fonts_ahead_free(struct bl_fonts_ahead *a);

/* Writes the briefing of document d (analysed, in m) to path. stats may be
 * NULL. Errors: BL_EFONT when a character is not covered by the fonts (the
 * message lists each with its source line) or the fonts cannot be set up,
 * BL_EIO when the file cannot be written, BL_EUSAGE for an unknown style. */
int bl_write_pdf(bl_model *m, const bl_document *d, const char *path,
                 const bl_pdf_options *o, bl_pdf_stats *stats, bl_error *err);

/* Line-breaking check (issue item 4), for tests: lays out every table cell
 * of d as bl_write_pdf does and checks each line with bl_lay_line_ok
 * (layout.h). fix false turns off the writer's repairs, to show what they
 * repair. */
typedef struct bl_pdf_break_report {
    size_t cells;         /* cells laid out */
    size_t lines;         /* lines checked */
    size_t repaired;      /* cells whose first layout broke a rule */
    size_t bad;           /* lines still breaking a rule */
    size_t fast;          /* cells the fast layout (pdf_fastcell.c) takes */
    size_t fast_differ;   /* of them, laid out unlike Pango: other line
                             breaks, glyphs or positions */
    char first_bad[512];  /* "cell text | line" of the first bad line */
} bl_pdf_break_report;

int bl_pdf_check_breaks(bl_model *m, const bl_document *d,
                        const bl_pdf_options *o, bool fix,
                        bl_pdf_break_report *r, bl_error *err);

#endif
