/* write_pdf.c - the PDF briefing: the entry and the two passes; see
 * write_pdf.h.
 *
 * bl_write_pdf checks the fonts cover every character (pdf_coverage.c),
 * opens the output atomically, shapes the view and sets up the writer
 * (Pango context, styles, the row queue), then runs the two passes of the
 * flow engine (pdf_flow.c) over the briefing's content (pdf_briefing.c):
 * pass 1 measures every block and paginates, pass 2 draws page by page.
 * Only block heights survive between the passes, so memory does not grow
 * with the page count, and the page total is known before page 1 is drawn.
 *
 * Table rows, the bulk of a large report, go through a queue of row jobs
 * (pdf_rows.h) that worker threads may lay out, each with a font map of
 * its own: two while measuring, one while the main thread draws; with
 * more than one core, cairo's streams are deflated by a pool of their own
 * beside the drawing (pdf_zpool.h). The bytes written depend on neither.
 * The parts are listed in pdf_internal.h.
 */
#include "write_pdf.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "pdf_deflate.h"
#include "pdf_printf.h"
#include "pdf_finish.h"
#include "pdf_rows.h"
#include "summary_text.h"
#include "view.h"

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
    pdf_canvas *s = P->cv;
    const char *title = jstr(P->view, "page_title");
    const char *period = jstr(P->view, "period_label");
    char buf[256];
    cv_set_metadata(s, CAIRO_PDF_METADATA_TITLE, nz(title));
    if (P->doc->office)
        cv_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, P->doc->office);
    snprintf(buf, sizeof buf, "民生实事项目进展情况简报%s%s%s",
             period ? "（" : "", nz(period), period ? "）" : "");
    cv_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, buf);
    snprintf(buf, sizeof buf, "bulletin %s",
             P->o->version ? P->o->version : BL_VERSION);
    cv_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, buf);
    creation_date(P->o, P->doc, buf, sizeof buf);
    cv_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, buf);
    cv_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, buf);
}

/* Table rows in the document: what decides whether workers pay off. */
static size_t count_rows(const pdf *P)
{
    size_t n = 0;
    for (const bl_list *l = P->doc->lists; l; l = l->next)
        n += l->n_projects;
    n += bl_view_rows_count(P->rows, -1, true);
    return n;
}

/* Workers for the measuring pass (the drawing pass uses one: the main
 * thread draws meanwhile), from --jobs. By default (the cores available)
 * small reports stay on one thread: a worker's font map costs more than
 * it saves below a few hundred rows. */
/* --jobs, or by default the cores available. */
static int jobs_of(const bl_pdf_options *o)
{
    if (o->jobs > 0)
        return o->jobs;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 0 ? (int)cpus : 1;
}

static int workers_wanted(const pdf *P)
{
    if (P->o->jobs == 0 && count_rows(P) < 400)
        return 0;
    int jobs = jobs_of(P->o);
    if (jobs < 2)
        return 0;
    return jobs > 8 ? 8 : jobs;
}

/* The direct backend (pdf_canvas.h) unless --pdf-backend cairo, or an
 * SVG logo: librsvg draws on cairo only. */
static bool use_direct(const bl_pdf_options *o, const pdf_office *office)
{
    if (o->backend && strcmp(o->backend, "cairo") == 0)
        return false;
    return !office->svg;
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

/* libdeflate's level for the page and font streams (cairo's, pdf_deflate.h; the direct backend's, pdfw.h) :
 * its fastest, in under a third of zlib's level 3 time and smaller */
#define PDF_STREAM_LEVEL 1

/* Sets up the writer on fonts (taking them over) and a PDF surface
 * writing to out (a NULL FILE discards), and shapes the view. */
static void writer_open(pdf *P, bl_model *m, const bl_document *d,
                        const bl_pdf_options *o, bl_fonts *fonts,
                        const pdf_office *office, sink *out, bool direct,
                        pdf_zpool *z)
{
    memset(P, 0, sizeof *P);
    P->office = *office; /* taken over */
    P->o = o;
    P->doc = d;
    P->page = -1;
    P->t0 = now_s();
    P->pg.gongwen = o->style && strcmp(o->style, "gongwen") == 0;
    P->fonts = fonts;
    char gen[64];
    snprintf(gen, sizeof gen, "bulletin %s", o->version ? o->version : BL_VERSION);
    /* the full tables are read from the model, the 督办清单 from the
     * view's rows a chunk at a time (pdf_briefing_tables.c) */
    bl_view_options vo = {.generator = gen, .settings = o->settings, .checks = o->checks,
                          .check_errors = o->check_errors};
    P->view = bl_view_document_rows(m, d, &vo, &P->rows);
    pdf_lag_ids(P);
    pdf_office_texts(P);
    pdf_setup_page(P);
    /* the direct backend's surface writes nowhere: it only gives the
     * context the font options a PDF surface has, so that both backends
     * lay text out alike */
    P->surface = direct ? cairo_pdf_surface_create_for_stream(NULL, NULL, P->pg.w, P->pg.h)
                        : cairo_pdf_surface_create_for_stream(write_sink, out, P->pg.w,
                                                              P->pg.h);
    P->cv = direct ? pdf_canvas_new_direct(out->fp, P->pg.w, P->pg.h, PDF_STREAM_LEVEL, z,
                                           jobs_of(o))
                   : pdf_canvas_new_cairo(P->surface);
    P->ctx = bl_fonts_context_new(P->fonts);
    /* measure with the surface's font options: the same ones drawing uses */
    cairo_t *cr = cairo_create(P->surface);
    pango_cairo_update_context(cr, P->ctx);
    cairo_destroy(cr);
    bl_fonts_context_setup(P->ctx);
    pdf_setup_styles(P);
    P->scratch = pango_layout_new(P->ctx);
    P->running = pango_layout_new(P->ctx);
    P->lo.fix = true;
    P->lo.pad = P->pg.cell_pad;
    pdf_rows_open(P, workers_wanted(P));
}

static void writer_close(pdf *P)
{
    pdf_rows_close(P);
    if (P->scratch)
        g_object_unref(P->scratch);
    if (P->running)
        g_object_unref(P->running);
    if (P->run_title)
        g_object_unref(P->run_title);
    if (P->run_period)
        g_object_unref(P->run_period);
    for (int c = 0; c < MAX_COLS; c++)
        if (P->head[c])
            g_object_unref(P->head[c]);
    pdf_free_styles(P);
    pdf_office_free(&P->office);
    if (P->ctx)
        g_object_unref(P->ctx);
    pdf_canvas_free(P->cv);
    if (P->surface)
        cairo_surface_destroy(P->surface);
    bl_view_rows_free(P->rows);
    free(P->lag_ids);
    free(P->lag_id_of);
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
    pdf_rows_start(P->q, P->q->max_workers);
    pdf_flow_document(P);
    pdf_rows_stop(P->q);
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
    return bl_fonts_open_ahead(o->fonts_ahead, &fo, fonts, err);
}

struct bl_fonts_ahead *bl_pdf_fonts_ahead_start(const bl_pdf_options *o)
{
    bl_fonts_options fo = {o->font_dir, o->allow_fallback};
    return bl_fonts_ahead_start(&fo);
}

void bl_pdf_fonts_ahead_wait(struct bl_fonts_ahead *a)
{
    bl_fonts_ahead_wait(a);
}

void bl_pdf_fonts_ahead_free(struct bl_fonts_ahead *a)
{
    bl_fonts_ahead_free(a);
}


/* The pool deflating the pages' streams beside the drawing thread
 * (pdf_zpool.h), or NULL: with one core or --jobs 1 (the direct backend:
 * with fewer than three); for cairo's, with a cairo other than 1.16, whose
 * file pdf_rewrite.c may not know (only it can put the streams back). */
static pdf_zpool *open_zpool(const bl_pdf_options *o, const char *tmp_path,
                             bool direct)
{
    int v = cairo_version();
    /* the direct backend deflates its pages on the drawing thread unless
     * a third core is there: on two, the pool's thread takes the second
     * from the row worker (10,000 projects: 0.64 s against 0.61 s) */
    if (jobs_of(o) < (direct ? 3 : 2))
        return NULL;
    if (!direct && (v < CAIRO_VERSION_ENCODE(1, 16, 0) ||
                    v >= CAIRO_VERSION_ENCODE(1, 17, 0) || !pdf_deflate_can_pool()))
        return NULL;
    /* its file beside the output's temporary file */
    char dir[PATH_MAX];
    if (bl_path_dir(tmp_path, dir, sizeof dir) != 0)
        return NULL;
    return pdf_zpool_open(PDF_STREAM_LEVEL, dir);
}

/* Pass 2: draws every page. */
static int draw(pdf *P, const char *path, pdf_zpool *z, bl_error *err)
{
    P->pass = 2;
    /* cairo deflates the pages as they are shown and the fonts at the
     * finish, on this thread, or hands them to z (pdf_deflate.h) */
    int level = pdf_deflate_level(PDF_STREAM_LEVEL);
    pdf_zpool *old_pool = pdf_deflate_pool(z);
    /* and format its numbers through snprintf (pdf_printf.h) */
    bool fast = pdf_printf_fast(true);
    pdf_rows_start(P->q, P->q->max_workers > 0 ? 1 : 0);
    pdf_flow_document(P);
    pdf_rows_stop(P->q);
    pdf_goto_page(P, P->pages - 1);
    cv_show_page(P->cv);
    pdf_progress(P, 0, 0, true);
    int finished = cv_finish(P->cv);
    pdf_deflate_pool(old_pool);
    pdf_deflate_level(level);
    pdf_printf_fast(fast);
    if (P->failed)
        return bl_error_set(err, BL_EIO, path, 0,
                            "internal error: the layout passes disagree");
    if (finished != 0) {
        cairo_status_t cs = cairo_surface_status(P->surface);
        return bl_error_set(err, BL_EIO, path, 0, "cannot write PDF: %s",
                            cs != CAIRO_STATUS_SUCCESS ? cairo_status_to_string(cs)
                                                       : strerror(errno));
    }
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
        rc = pdf_check_coverage(fonts, d, o, stats, err);
    if (!rc)
        rc = pdf_office_coverage(fonts, o, err);
    pdf_office office = {0};
    if (!rc)
        rc = pdf_office_load(o, &office, err);
    bl_atomic_file af;
    if (!rc)
        rc = bl_atomic_open(&af, path, err);
    if (rc) {
        if (fonts)
            bl_fonts_free(fonts);
        pdf_office_free(&office);
        return rc;
    }
    sink out = {af.fp, 0};
    pdf P;
    bool direct = use_direct(o, &office);
    pdf_zpool *z = direct ? open_zpool(o, af.tmp_path, true) : NULL;
    writer_open(&P, m, d, o, fonts, &office, &out, direct, z);
    /* the written 通报: the page's partial, rendered to plain text */
    rc = bl_summary_text_add(P.view, o->templates_dir, err);
    if (rc) {
        writer_close(&P);
        pdf_zpool_free(z);
        bl_atomic_abort(&af);
        return rc;
    }
    set_metadata(&P);
    double t0 = now_s();
    measure(&P);
    double t1 = now_s();
    if (!direct)
        z = open_zpool(o, af.tmp_path, false);
    /* the direct backend's pool was its own all along */
    rc = draw(&P, path, direct ? NULL : z, err);
    if (stats) {
        stats->seconds_measure = t1 - t0;
        stats->seconds_draw = now_s() - t1;
    }
    if (stats) {
        stats->pages = P.pages;
        stats->bytes = direct ? (long long)ftello(af.fp) : out.bytes;
    }
    writer_close(&P);
    /* cairo's file: its dangling link-tag objects out, objects packed, the
     * pool's streams put in (the direct backend's is final already) */
    bl_rewrite_streams streams = {PDF_ZPOOL_TOKEN, pdf_zpool_lookup, z};
    if (!rc && !direct)
        rc = bl_pdf_finish(&af, path, pdf_zpool_used(z) ? &streams : NULL,
                           stats ? &stats->bytes : NULL, err);
    if (stats)
        stats->streams_pooled = pdf_zpool_jobs(z);
    pdf_zpool_free(z);
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
    pdf_office office = {0};
    rc = pdf_office_load(o, &office, err);
    if (rc) {
        bl_fonts_free(fonts);
        return rc;
    }
    pdf P;
    writer_open(&P, m, d, o, fonts, &office, &out, false, NULL);
    rc = bl_summary_text_add(P.view, o->templates_dir, err);
    if (rc) {
        writer_close(&P);
        return rc;
    }
    P.lo.fix = fix;
    P.q->main.lo.fix = fix;
    for (int k = 0; k < P.q->max_workers; k++)
        P.q->w[k].lo.fix = fix;
    P.check = r;
    measure(&P);
    writer_close(&P);
    return BL_OK;
}
