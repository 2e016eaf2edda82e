/* pdf_rowq.c - the queue of row jobs (pdf_rows.h): slots filled in order
 * by the main thread, laid out inline or by worker threads (each takes
 * every nw-th job), consumed in order. */
#include <string.h>

#include <pango/pangofc-fontmap.h>

#include "pdf_rows.h"

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
        if (j->seq == next && j->state == JOB_QUEUED) {
            j->state = JOB_TAKEN;
            pthread_mutex_unlock(&q->mu);
            pdf_process_job(w, j);
            pthread_mutex_lock(&q->mu);
            j->state = JOB_DONE;
            if (q->wait_seq == j->seq) /* the main thread waits for it */
                pthread_cond_signal(&q->done);
        }
        next += (size_t)q->nw;
    }
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* Starts n workers (at most max_workers) for one pass; 0 lays out inline. */
void pdf_rows_stop(rowq *q)
{
    pthread_mutex_lock(&q->mu);
    q->quit = true;
    pthread_cond_broadcast(&q->work);
    pthread_mutex_unlock(&q->mu);
    for (int k = 0; k < q->nw; k++)
        pthread_join(q->w[k].thread, NULL);
    q->nw = 0;
}

void pdf_rows_start(rowq *q, int n)
{
    q->produced = q->consumed = 0;
    q->wait_seq = SIZE_MAX;
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
        pdf_rows_stop(q);
        q->quit = false;
    }
}

static void consume_head(pdf *P)
{
    rowq *q = P->q;
    rowjob *j = &q->slots[q->consumed % N_SLOTS];
    if (q->nw) {
        pthread_mutex_lock(&q->mu);
        if (j->state == JOB_QUEUED) {
            /* no worker has begun it: rather than wait, lay it out here
             * (the workers go on with the rows after it) */
            j->state = JOB_TAKEN;
            pthread_cond_broadcast(&q->work);
            pthread_mutex_unlock(&q->mu);
            pdf_process_job(&q->main, j);
            pthread_mutex_lock(&q->mu);
            j->state = JOB_DONE;
        }
        if (j->state != JOB_DONE) {
            /* hand over the rows of the batch begun, then wait for this
             * one only */
            pthread_cond_broadcast(&q->work);
            q->wait_seq = q->consumed;
            while (j->state != JOB_DONE)
                pthread_cond_wait(&q->done, &q->mu);
            q->wait_seq = SIZE_MAX;
        }
        pthread_mutex_unlock(&q->mu);
    }
    pdf_consume(P, j);
    pdf_job_release(j);
    j->state = JOB_FREE;
    q->consumed++;
}

/* Hands row r of table t over to be laid out; rows are placed in order as
 * they are done (at the latest by rows_flush). */
static void submit_one(pdf *P, const table *t, const trow *r)
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
    j->seq = q->produced;
    if (q->nw == 0) {
        pdf_process_job(&q->main, j);
        pthread_mutex_lock(&q->mu); /* uncontended without workers */
        j->state = JOB_DONE;
        q->produced++;
        pthread_mutex_unlock(&q->mu);
        consume_head(P);
        return;
    }
    pthread_mutex_lock(&q->mu);
    j->state = JOB_QUEUED;
    q->produced++;
    if (q->produced % ROW_BATCH == 0) /* workers are woken per batch */
        pthread_cond_broadcast(&q->work);
    pthread_mutex_unlock(&q->mu);
}

/* Where to end the piece of s that starts a part of at most `max` bytes:
 * after the last line break in its last quarter, else at a character
 * boundary. */
static size_t piece_end(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    for (size_t i = max; i > max - max / 4; i--)
        if (s[i - 1] == '\n')
            return i;
    size_t i = max;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--; /* not inside a UTF-8 sequence */
    return i;
}

void pdf_rows_submit(pdf *P, const table *t, const trow *r)
{
    size_t cells = (size_t)r->n_entries * (size_t)t->n;
    bool long_cell = false;
    for (size_t i = 0; i < cells && !long_cell; i++)
        long_cell = r->cells[i] && strlen(r->cells[i]) > PDF_CELL_PART;
    if (!long_cell) {
        submit_one(P, t, r);
        return;
    }
    /* A cell this long is more than Pango lays out in one piece (past
     * about 230,000 characters the layout's widths overflow and most of
     * the text is lost): the row goes on in rows below it, each holding
     * the next part of its long cells (the other cells empty); each part
     * is still split over pages as it needs. */
    const char **rest = xrealloc(NULL, cells * sizeof *rest);
    const char **part = xrealloc(NULL, cells * sizeof *part);
    bl_buf *pieces = xrealloc(NULL, cells * sizeof *pieces);
    for (size_t i = 0; i < cells; i++) {
        rest[i] = r->cells[i] ? r->cells[i] : "";
        bl_buf_init(&pieces[i]);
    }
    trow pr = *r;
    pr.cells = part;
    for (bool first = true, more = true; more; first = false) {
        more = false;
        for (size_t i = 0; i < cells; i++) {
            size_t n = piece_end(rest[i], PDF_CELL_PART);
            bl_buf_reset(&pieces[i]);
            bl_buf_append(&pieces[i], rest[i], n);
            part[i] = bl_buf_cstr(&pieces[i]);
            rest[i] += n;
            more = more || *rest[i];
        }
        if (!first) {
            pr.dest = NULL;
            pr.dests = NULL;
        }
        submit_one(P, t, &pr);
    }
    for (size_t i = 0; i < cells; i++)
        bl_buf_free(&pieces[i]);
    free(pieces);
    free(part);
    free(rest);
}

void pdf_rows_flush(pdf *P)
{
    if (P->q->nw) {
        pthread_mutex_lock(&P->q->mu);
        pthread_cond_broadcast(&P->q->work); /* the last, short batch */
        pthread_mutex_unlock(&P->q->mu);
    }
    while (P->q->consumed < P->q->produced)
        consume_head(P);
    if (P->pass == 2)
        pdf_grid_flush(P);
}

void pdf_rows_open(pdf *P, int max_workers)
{
    rowq *q = xrealloc(NULL, sizeof *q);
    memset(q, 0, sizeof *q);
    P->q = q;
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->work, NULL);
    pthread_cond_init(&q->done, NULL);
    pdf_rowctx_init(&q->main, NULL, P->ctx, &P->st[ST_TABLE], &P->lo);
    q->max_workers = max_workers;
    q->w = xrealloc(NULL, ((size_t)q->max_workers + 1) * sizeof *q->w);
    FcConfig *config = bl_fonts_config(P->fonts);
    for (int k = 0; k < q->max_workers; k++) {
        /* a font map of its own on the same configuration: Pango objects
         * are not shared between threads */
        PangoFontMap *map =
            pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
        pdf_rowctx_init(&q->w[k], map, NULL, &P->st[ST_TABLE], &P->lo);
        q->w[k].q = q;
    }
}

void pdf_rows_close(pdf *P)
{
    rowq *q = P->q;
    if (!q)
        return;
    pdf_rows_stop(q);
    for (size_t i = 0; i < N_SLOTS; i++)
        pdf_job_free(&q->slots[i]);
    pdf_rowctx_free(&q->main);
    for (int k = 0; k < q->max_workers; k++)
        pdf_rowctx_free(&q->w[k]);
    free(q->w);
    free(q->gbuf);
    free(q->cbuf);
    free(q->grid);
    bl_buf_free(&q->tbuf);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->work);
    pthread_cond_destroy(&q->done);
    free(q);
    P->q = NULL;
}
