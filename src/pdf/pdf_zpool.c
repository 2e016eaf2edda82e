/* pdf_zpool.c - cairo's streams deflated on a thread of their own (see
 * pdf_zpool.h): a queue of jobs in order of submission, one worker, the
 * results appended to an unnamed temporary file. */
#include "pdf_zpool.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "alloc.h"

/* undeflated data the worker may have in hand before submit waits: the
 * drawing thread is rarely this far ahead, and memory stays bounded */
#define PENDING_MAX (32u << 20)

static const unsigned char MARK[8] = {0, 'B', 'L', 'Z', 'P', 'O', 'O', 'L'};

typedef enum { JOB_OPEN, JOB_QUEUED, JOB_DONE, JOB_FAILED } job_state;

typedef struct {
    bl_buf data; /* until the worker takes it */
    long long off, len; /* in the temporary file, when done */
    job_state state;
} zjob;

struct pdf_zpool {
    int level;
    FILE *file; /* the deflated streams, one after another */
    long long end;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    zjob *jobs; /* under mu: the worker reads them while begin grows them */
    size_t n, cap;
    size_t *queue; /* submitted, not yet taken */
    size_t head, tail, qcap;
    size_t pending; /* bytes of data submitted, not yet deflated */
    bool quit;
};

/* Deflates in into the file; the job's place, or len -1 on failure. */
static void deflate_job(pdf_zpool *z, const bl_buf *in, bl_buf *out,
                        long long *off, long long *len)
{
    uLongf n = compressBound((uLong)in->len);
    bl_buf_reset(out);
    bl_buf_grow(out, n);
    *off = z->end;
    *len = -1;
    if (compress2((Bytef *)out->data, &n, (const Bytef *)(in->data ? in->data : ""),
                  (uLong)in->len, z->level) != Z_OK ||
        fwrite(out->data, 1, n, z->file) != n)
        return;
    *len = (long long)n;
    z->end += (long long)n;
}

static void *worker_main(void *arg)
{
    pdf_zpool *z = arg;
    bl_buf out = BL_BUF_INIT;
    pthread_mutex_lock(&z->mu);
    for (;;) {
        while (!z->quit && z->head == z->tail)
            pthread_cond_wait(&z->work, &z->mu);
        if (z->head == z->tail)
            break;
        size_t id = z->queue[z->head++ % z->qcap];
        bl_buf in = z->jobs[id].data;
        memset(&z->jobs[id].data, 0, sizeof in);
        pthread_mutex_unlock(&z->mu);
        long long off, len;
        deflate_job(z, &in, &out, &off, &len);
        pthread_mutex_lock(&z->mu);
        z->jobs[id].off = off;
        z->jobs[id].len = len;
        z->jobs[id].state = len >= 0 ? JOB_DONE : JOB_FAILED;
        z->pending -= in.len;
        bl_buf_free(&in);
        pthread_cond_broadcast(&z->done);
    }
    pthread_mutex_unlock(&z->mu);
    bl_buf_free(&out);
    return NULL;
}

pdf_zpool *pdf_zpool_open(int level)
{
    pdf_zpool *z = bl_calloc(1, sizeof *z);
    z->level = level;
    z->file = tmpfile();
    pthread_mutex_init(&z->mu, NULL);
    pthread_cond_init(&z->work, NULL);
    pthread_cond_init(&z->done, NULL);
    if (!z->file || pthread_create(&z->thread, NULL, worker_main, z) != 0) {
        if (z->file)
            fclose(z->file);
        pthread_mutex_destroy(&z->mu);
        pthread_cond_destroy(&z->work);
        pthread_cond_destroy(&z->done);
        free(z);
        return NULL;
    }
    return z;
}

size_t pdf_zpool_begin(pdf_zpool *z, unsigned char *token)
{
    pthread_mutex_lock(&z->mu);
    if (z->n == z->cap) {
        z->cap = z->cap ? 2 * z->cap : 64;
        z->jobs = bl_realloc(z->jobs, z->cap * sizeof *z->jobs);
    }
    size_t id = z->n++;
    memset(&z->jobs[id], 0, sizeof z->jobs[id]);
    z->jobs[id].state = JOB_OPEN;
    pthread_mutex_unlock(&z->mu);
    memcpy(token, MARK, sizeof MARK);
    uint64_t v = id;
    for (int i = 0; i < 8; i++)
        token[8 + i] = (unsigned char)(v >> (8 * i));
    return id;
}

void pdf_zpool_submit(pdf_zpool *z, size_t job, bl_buf *data)
{
    pthread_mutex_lock(&z->mu);
    while (z->pending > PENDING_MAX)
        pthread_cond_wait(&z->done, &z->mu);
    if (z->tail - z->head == z->qcap) { /* full (or empty at first): grow */
        size_t cap = z->qcap ? 2 * z->qcap : 64;
        size_t *q = bl_malloc(cap * sizeof *q);
        for (size_t i = z->head; i < z->tail; i++)
            q[i % cap] = z->queue[i % z->qcap];
        free(z->queue);
        z->queue = q;
        z->qcap = cap;
    }
    z->jobs[job].data = *data;
    z->jobs[job].state = JOB_QUEUED;
    z->pending += data->len;
    memset(data, 0, sizeof *data);
    z->queue[z->tail++ % z->qcap] = job;
    pthread_cond_signal(&z->work);
    pthread_mutex_unlock(&z->mu);
}

bool pdf_zpool_used(const pdf_zpool *z) { return pdf_zpool_jobs(z) > 0; }

size_t pdf_zpool_jobs(const pdf_zpool *z)
{
    if (!z)
        return 0;
    pthread_mutex_lock((pthread_mutex_t *)&z->mu);
    size_t n = z->n;
    pthread_mutex_unlock((pthread_mutex_t *)&z->mu);
    return n;
}

int pdf_zpool_lookup(void *ctx, const unsigned char *data, int *fd,
                     long long *off, long long *len)
{
    pdf_zpool *z = ctx;
    if (memcmp(data, MARK, sizeof MARK) != 0)
        return 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)data[8 + i] << (8 * i);
    pthread_mutex_lock(&z->mu);
    if (v >= z->n || z->jobs[v].state == JOB_OPEN) {
        pthread_mutex_unlock(&z->mu);
        return 0;
    }
    while (z->jobs[v].state == JOB_QUEUED)
        pthread_cond_wait(&z->done, &z->mu);
    zjob j = z->jobs[v];
    pthread_mutex_unlock(&z->mu);
    if (j.state == JOB_FAILED || fflush(z->file) != 0)
        return -1;
    *fd = fileno(z->file);
    *off = j.off;
    *len = j.len;
    return 1;
}

void pdf_zpool_free(pdf_zpool *z)
{
    if (!z)
        return;
    pthread_mutex_lock(&z->mu);
    z->quit = true;
    pthread_cond_signal(&z->work);
    pthread_mutex_unlock(&z->mu);
    pthread_join(z->thread, NULL);
    for (size_t i = 0; i < z->n; i++)
        bl_buf_free(&z->jobs[i].data);
    free(z->jobs);
    free(z->queue);
    fclose(z->file);
    pthread_mutex_destroy(&z->mu);
    pthread_cond_destroy(&z->work);
    pthread_cond_destroy(&z->done);
    free(z);
}
