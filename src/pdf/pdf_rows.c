/* pdf_rows.c - one table row laid out and recorded (pdf_rows.h): cells
 * laid out with a row context's own layouts (short repeated texts cached
 * per table), the line boxes of a row taller than a page, and in the
 * drawing pass its glyph runs as plain cairo data. Runs on any thread. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <pango/pangofc-fontmap.h>

#include "pdf_rows.h"

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

void pdf_rowctx_init(rowctx *w, PangoFontMap *map, PangoContext *ctx,
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
    w->fast = pdf_fast_new();
}

void pdf_rowctx_free(rowctx *w)
{
    if (!w->cache)
        return;
    g_hash_table_destroy(w->cache);
    pdf_fast_free(w->fast);
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
    double fh;
    if (!j->checking && pdf_fast_cell(w, j, c, i, width, &fh)) {
        w->lay[i] = NULL; /* laid out by pdf_fastcell.c */
        return fh;
    }
    PangoLayout *l = cacheable ? pango_layout_new(w->ctx) : rc_pool(w, i);
    double h = pdf_lay_text(&w->lo, j->checking ? &j->check : NULL, l,
                            &w->style, text, width, true);
    pango_layout_set_alignment(l, col->align);
    if (j->checking)
        pdf_fast_compare(w, j, c, i, width, l, h);
    if (cacheable) {
        cached_cell *cc = xrealloc(NULL, sizeof *cc);
        cc->layout = l;
        cc->height = h;
        g_hash_table_insert(w->cache, g_strdup(key), cc);
    }
    w->lay[i] = l;
    return h;
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
            if (!l) {
                pdf_fast_lines(w, j, cell_index(t, e, c), top);
                continue;
            }
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
    if (!l) {
        pdf_fast_record(w, j, i);
        return;
    }
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
void pdf_process_job(rowctx *w, rowjob *j)
{
    const table *t = j->t;
    double pad = w->lo.pad;
    if (w->cache_table != j->table_id) {
        g_hash_table_remove_all(w->cache);
        w->cache_table = j->table_id;
    }
    size_t cells = (size_t)j->n_entries * (size_t)t->n;
    GROW(w->lay, w->cap_lay, cells);
    pdf_fast_begin(w->fast, cells);
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
        pdf_fast_reserve(w, j); /* one allocation per array, not per line */
    if (j->record)
        for (int e = 0; e < j->n_entries; e++)
            for (int c = 0; c < t->n; c++)
                if (job_cell_used(j, e, c))
                    record_cell(w, j, cell_index(t, e, c));
}

void pdf_job_release(rowjob *j)
{
    for (size_t i = 0; i < j->n_runs; i++)
        if (j->runs[i].font)
            cairo_scaled_font_destroy(j->runs[i].font);
    j->n_runs = 0;
}

void pdf_job_free(rowjob *j)
{
    pdf_job_release(j);
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
