/* pdf_rows.h - table rows as jobs, shared by pdf_rows.c (laying a row out
 * and recording its glyphs), pdf_rowq.c (the queue and the workers) and
 * pdf_rowdraw.c (placing and drawing a finished row). Internal to src/pdf/.
 */
#ifndef BL_PDF_ROWS_H
#define BL_PDF_ROWS_H

#include <pthread.h>

#include "pdf_internal.h"

/* Table rows are the bulk of a large report's work: each is laid out twice
 * (measured, then drawn: keeping pass 1's glyph runs for pass 2 cost more
 * than laying the rows out again, see below). A row is a job: the main thread fills in its
 * texts; a row context (this thread's, or a worker's with its own font map
 * on the same fontconfig configuration) lays it out and, when drawing,
 * records its glyph runs (scaled font, glyphs, clusters: plain cairo data
 * that crosses threads); the main thread then places the row and draws the
 * runs. So Pango objects never cross threads, and while the main thread
 * draws page n the worker lays out the rows of page n + 1. */

#define N_SLOTS 64
#define ROW_BATCH 16 /* rows handed to the workers at a time */
#define GROW(arr, cap, need)                                                   \
    do {                                                                       \
        if ((size_t)(need) > (cap)) {                                          \
            (cap) = (size_t)(need) * 2 + 16;                                   \
            (arr) = xrealloc((arr), (cap) * sizeof *(arr));                    \
        }                                                                      \
    } while (0)

/* A queued job is taken by one thread (its worker, or the main thread when
 * it needs that job next and no worker has begun it), then done. */
enum { JOB_FREE, JOB_QUEUED, JOB_TAKEN, JOB_DONE };

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
    size_t seq;          /* the row's number in its pass */
} rowjob;

typedef struct rowq rowq;
typedef struct fastlay fastlay;

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
    fastlay *fast;       /* plain cells laid out without Pango (owned) */
    double *xs;          /* scratch: glyph x positions of a run */
    size_t cap_xs;
    pthread_t thread;
} rowctx;

/* Nothing of pass 1's layout is kept for pass 2: nearly every cell of a
 * real report is laid out by pdf_fastcell.c, and laying a row out again
 * on the worker while the main thread draws costs less than keeping its
 * glyph runs. Measured at 10,000 projects (bench_10000.txt, Release):
 * keeping every row (up to 96 MiB) took 173 MB and 3.2 s of CPU; keeping
 * only rows with a cell Pango laid out, 95 MB and 3.0 s; keeping none,
 * 64 MB and 2.8 s, 2.4 s wall against 2.8 s, with the same bytes. */

struct rowq {
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    rowjob slots[N_SLOTS];
    size_t produced, consumed; /* job sequence numbers */
    size_t wait_seq;           /* the job the main thread waits for, or
                                  SIZE_MAX: workers signal only that one */
    int nw;                    /* workers running; 0: lay out inline */
    rowctx main;               /* the main thread's */
    rowctx *w;                 /* the workers' (max_workers) */
    int max_workers;
    bool quit;
    int table_id;
    /* main: the glyphs of consecutive runs in one face, moved to the
     * page, sent to cairo in one call (pdf_rowdraw.c) */
    cairo_glyph_t *gbuf;
    size_t n_gbuf, cap_gbuf;
    cairo_text_cluster_t *cbuf;
    size_t n_cbuf, cap_cbuf;
    bl_buf tbuf;               /* their text */
    cairo_scaled_font_t *gfont;
    bool g_clusters;
    double (*grid)[5];         /* main: the page's grid so far: x0 y0 x1 y1,
                                  1 for a rectangle (0 a line) */
    size_t n_grid, cap_grid;
    /* main: the rows of one table drawn one below the other since the
     * last flush, framed and ruled once (pdf_rowdraw.c) */
    const table *run_t;
    double run_top, run_bottom;
};

static inline size_t cell_index(const table *t, int e, int c)
{
    return (size_t)e * (size_t)t->n + (size_t)c;
}

static inline bool job_cell_used(const rowjob *j, int e, int c)
{
    return (e == 0 || j->t->col[c].per_entry) && e < j->n_entries;
}

/* Top of cell (e, c) inside its row. */
static inline double cell_top(const table *t, const double *sub_h, int e, int c)
{
    double y = 0;
    if (t->col[c].per_entry)
        for (int k = 0; k < e; k++)
            y += sub_h[k];
    return y;
}

/* pdf_rows.c. A row context lays rows out: the main thread's on the
 * writer's context (map NULL), a worker's on a map of its own. */
void pdf_rowctx_init(rowctx *w, PangoFontMap *map, PangoContext *ctx,
                     const tstyle *table_style, const layopts *lo);
void pdf_rowctx_free(rowctx *w);
/* Lays job j out with w: heights, line boxes of tall rows, glyph runs. */
void pdf_process_job(rowctx *w, rowjob *j);
/* Drops the font references of j's glyph runs. */
void pdf_job_release(rowjob *j);
void pdf_job_free(rowjob *j);

/* pdf_fastcell.c: cells of plain text (one face, characters with their
 * nominal glyphs, lines broken by the punctuation rules and the kept runs
 * of nobreak.h) laid out without a Pango layout, as the repaired Pango
 * layout would be. The results of a job's cells stay in the fastlay until
 * the next pdf_fast_begin. */
fastlay *pdf_fast_new(void);
void pdf_fast_free(fastlay *f);
/* Before the cells of a job of `cells` cells. */
void pdf_fast_begin(fastlay *f, size_t cells);
/* Lays cell i (column c) of j out in `width` points and sets *height, or
 * returns false: the cell is for Pango. */
bool pdf_fast_cell(rowctx *w, rowjob *j, int c, size_t i, double width,
                   double *height);
/* Appends the line boxes of fast cell i, its top at `top`, to j->lines. */
void pdf_fast_lines(rowctx *w, rowjob *j, size_t i, double top);
/* The check: compares Pango's layout l (height `height`) of cell i with
 * the fast layout's, counted into j->check (fast, fast_differ). */
void pdf_fast_compare(rowctx *w, rowjob *j, int c, size_t i, double width,
                      PangoLayout *l, double height);
/* Makes room in j for the glyph runs of the job's fast cells. */
void pdf_fast_reserve(rowctx *w, rowjob *j);
/* Records the lines and glyph runs of fast cell i into j. */
void pdf_fast_record(rowctx *w, rowjob *j, size_t i);

/* pdf_rowdraw.c: places (and in the drawing pass draws) the finished job;
 * the caller releases it. */
void pdf_consume(pdf *P, rowjob *j);
/* Strokes the grid of the rows drawn since the last call (one path). */
void pdf_grid_flush(pdf *P);

#endif
