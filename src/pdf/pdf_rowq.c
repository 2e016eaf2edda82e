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
        pthread_mutex_unlock(&q->mu);
        pdf_process_job(w, j);
        pthread_mutex_lock(&q->mu);
        j->state = JOB_DONE;
        pthread_cond_broadcast(&q->done);
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
        while (j->state != JOB_DONE)
            pthread_cond_wait(&q->done, &q->mu);
        pthread_mutex_unlock(&q->mu);
    }
    pdf_consume(P, j);
    j->state = JOB_FREE;
    q->consumed++;
}

/* Hands row r of table t over to be laid out; rows are placed in order as
 * they are done (at the latest by rows_flush). */
void pdf_rows_submit(pdf *P, const table *t, const trow *r)
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
        pdf_process_job(&q->main, j);
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

void pdf_rows_flush(pdf *P)
{
    while (P->q->consumed < P->q->produced)
        consume_head(P);
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
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->work);
    pthread_cond_destroy(&q->done);
    free(q);
    P->q = NULL;
}
