/* pdf_zpool.c - cairo's streams deflated on a thread of their own (see
 * pdf_zpool.h): a queue of jobs in order of submission, one worker, the
 * results appended to an unnamed temporary file. */
#include "pdf_zpool.h"

#define _GNU_SOURCE /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "pdf_deflate.h"

/* undeflated data the worker may have in hand before submit waits: a
 * few dozen pages; the drawing thread is rarely this far ahead, and the
 * peak memory of a large briefing stays where it was without the pool */
#define PENDING_MAX (2u << 20)
/* data buffers kept for the next streams: a page's content stream (tens
 * of kilobytes) goes into a buffer a finished one left, not one grown
 * anew by doubling each time */
#define SPARES 4
#define SPARE_MAX (1u << 20)

static const unsigned char MARK[8] = {0, 'B', 'L', 'Z', 'P', 'O', 'O', 'L'};

typedef enum { JOB_OPEN, JOB_QUEUED, JOB_DONE, JOB_FAILED } job_state;

typedef struct {
    bl_buf data; /* until the worker takes it */
    long long off, len; /* in the temporary file, when done */
    job_state state;
} zjob;

struct pdf_zpool {
    int level;
    int fd;         /* the deflated streams, one after another */
    long long end;  /* the worker's: where the next one goes */
    bool broken;    /* the worker's: a write failed, every later job fails
                       too (their places would not be known) */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    zjob *jobs; /* under mu: the worker reads them while begin grows them */
    size_t n, cap;
    size_t *queue; /* submitted, not yet taken */
    size_t head, tail, qcap;
    size_t pending; /* bytes of data submitted, not yet deflated */
    bl_buf spare[SPARES];
    int n_spare;
    bool quit;
};

/* Writes all of data at z->end; -1 on failure. */
static int write_at_end(pdf_zpool *z, const unsigned char *data, size_t len)
{
    for (size_t done = 0; done < len;) {
        ssize_t k = pwrite(z->fd, data + done, len - done,
                           (off_t)(z->end + (long long)done));
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        done += (size_t)k;
    }
    return 0;
}

/* Deflates in whole (pdf_deflate_whole at the pool's level) into the
 * file through out, the worker's buffer; the job's place, or len -1 on
 * failure. */
static void deflate_job(pdf_zpool *z, const bl_buf *in, bl_buf *out,
                        long long *off, long long *len)
{
    *off = z->end;
    *len = -1;
    bl_buf_reset(out);
    if (z->broken ||
        pdf_deflate_whole(z->level, in->data ? in->data : "", in->len, out) != 0 ||
        write_at_end(z, (const unsigned char *)out->data, out->len) != 0) {
        z->broken = true;
        return;
    }
    z->end += (long long)out->len;
    *len = (long long)out->len;
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
        if (out.cap > SPARE_MAX) /* a font's: not kept for the pages */
            bl_buf_free(&out);
        pthread_mutex_lock(&z->mu);
        z->jobs[id].off = off;
        z->jobs[id].len = len;
        z->jobs[id].state = len >= 0 ? JOB_DONE : JOB_FAILED;
        z->pending -= in.len;
        if (z->n_spare < SPARES && in.cap <= SPARE_MAX) {
            bl_buf_reset(&in);
            z->spare[z->n_spare++] = in;
        } else {
            bl_buf_free(&in);
        }
        pthread_cond_broadcast(&z->done);
    }
    pthread_mutex_unlock(&z->mu);
    bl_buf_free(&out);
    return NULL;
}

/* An unnamed file in dir: O_TMPFILE where the file system has it, else
 * a named one unlinked at once; -1 when neither can be made. */
static int unnamed_file(const char *dir)
{
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) {
        bl_buf name = BL_BUF_INIT;
        bl_buf_printf(&name, "%s/.bulletin-zpool-XXXXXX", dir);
        fd = mkostemp(name.data, O_CLOEXEC);
        if (fd >= 0)
            unlink(name.data);
        bl_buf_free(&name);
    }
    return fd;
}

pdf_zpool *pdf_zpool_open(int level, const char *dir)
{
    pdf_zpool *z = bl_calloc(1, sizeof *z);
    z->level = level;
    z->fd = unnamed_file(dir);
    pthread_mutex_init(&z->mu, NULL);
    pthread_cond_init(&z->work, NULL);
    pthread_cond_init(&z->done, NULL);
    if (z->fd < 0 || pthread_create(&z->thread, NULL, worker_main, z) != 0) {
        if (z->fd >= 0)
            close(z->fd);
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

void pdf_zpool_buffer(pdf_zpool *z, bl_buf *data)
{
    pthread_mutex_lock(&z->mu);
    if (z->n_spare > 0)
        *data = z->spare[--z->n_spare];
    else
        bl_buf_init(data);
    pthread_mutex_unlock(&z->mu);
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

/* n is written only by the thread that begins jobs, the one asking */
size_t pdf_zpool_jobs(const pdf_zpool *z) { return z ? z->n : 0; }

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
    if (j.state == JOB_FAILED)
        return -1;
    *fd = z->fd;
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
    for (int i = 0; i < z->n_spare; i++)
        bl_buf_free(&z->spare[i]);
    free(z->jobs);
    free(z->queue);
    close(z->fd);
    pthread_mutex_destroy(&z->mu);
    pthread_cond_destroy(&z->work);
    pthread_cond_destroy(&z->done);
    free(z);
}
