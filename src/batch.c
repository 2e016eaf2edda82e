/* batch.c - a batch's documents written by worker processes; see batch.h. */
#define _GNU_SOURCE
#include "batch.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "io.h"

int batch_cores(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* ---- what a worker sends its parent ------------------------------------
 * Records on the worker's own pipe: a head, then len bytes. */
enum { REC_START = 1, REC_PATH, REC_PAIR, REC_END, REC_DONE };

typedef struct rec_head {
    uint32_t type;
    uint32_t doc;
    uint64_t len;
} rec_head;

typedef struct rec_end {
    int64_t off_end; /* the stderr file's offset after the document */
    int32_t rc;
    bl_error err;
} rec_end;

/* Shared by the parent and its workers (an anonymous shared mapping). */
typedef struct shared {
    size_t next; /* the next document to take */
    size_t stop; /* the first document that failed, n when none */
} shared;

static void stop_at(shared *sh, size_t i)
{
    size_t cur = __atomic_load_n(&sh->stop, __ATOMIC_SEQ_CST);
    while (i < cur && !__atomic_compare_exchange_n(&sh->stop, &cur, i, false,
                                                   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        ;
}

static bool write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t k = write(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        p += k;
        len -= (size_t)k;
    }
    return true;
}

typedef struct child_out {
    int fd;
    bool failed;
    uint32_t doc;
    size_t skip; /* kept files of earlier documents (bl_batch_each) */
    size_t seen;
} child_out;

static void put(child_out *o, uint32_t type, const void *a, size_t alen, const void *b,
                size_t blen)
{
    rec_head h = {type, o->doc, (uint64_t)(alen + blen)};
    if (!o->failed)
        o->failed = !write_all(o->fd, &h, sizeof h) || (alen && !write_all(o->fd, a, alen)) ||
                    (blen && !write_all(o->fd, b, blen));
}

static void send_path(void *sink, const char *path)
{
    put(sink, REC_PATH, path, strlen(path) + 1, NULL, 0);
}

static void send_pair(void *ctx, const char *tmp_path, const char *final_path)
{
    child_out *o = ctx;
    if (o->seen++ >= o->skip)
        put(o, REC_PAIR, tmp_path, strlen(tmp_path) + 1, final_path,
            strlen(final_path) + 1);
}

static void count_pair(void *ctx, const char *tmp_path, const char *final_path)
{
    (void)tmp_path;
    (void)final_path;
    ++*(size_t *)ctx;
}

/* A worker ends with _exit (no atexit handlers, no stdio flushed twice);
 * a coverage build first writes its counts, which gcov leaves to exit(),
 * or the workers' lines would count as never run. */
static _Noreturn void worker_exit(int code)
{
#ifdef BL_COVERAGE
    /* a SIGTERM (the parent gone) in the middle of the dump would leave
     * counts half merged, which gcov then reads as negative */
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL);
    extern void __gcov_dump(void);
    __gcov_dump();
#endif
    _exit(code);
}

/* A worker's life: documents from the counter until none is left (or one
 * failed before them), then it waits for the parent to release it (EOF on
 * rel_fd) so that its temporary files stay removable by its signal handler
 * until the parent has adopted them. Never returns. */
static void child_run(const batch_job *job, shared *sh, int res_fd, int rel_fd,
                      int cap_fd, pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent)
        worker_exit(1);
    signal(SIGPIPE, SIG_IGN); /* a parent gone is a failed write */
    if (dup2(cap_fd, STDERR_FILENO) < 0)
        worker_exit(1);
    close(cap_fd);
    child_out o = {.fd = res_fd};
    for (;;) {
        size_t i = __atomic_fetch_add(&sh->next, 1, __ATOMIC_SEQ_CST);
        if (i >= job->n || i > __atomic_load_n(&sh->stop, __ATOMIC_SEQ_CST))
            break;
        o.doc = (uint32_t)i;
        int64_t off = lseek(STDERR_FILENO, 0, SEEK_CUR);
        put(&o, REC_START, &off, sizeof off, NULL, 0);
        size_t before = 0;
        bl_batch_each(count_pair, &before);
        rec_end end = {0};
        end.rc = job->write(job->ctx, i, send_path, &o, &end.err);
        o.skip = before;
        o.seen = 0;
        bl_batch_each(send_pair, &o);
        end.off_end = lseek(STDERR_FILENO, 0, SEEK_CUR);
        put(&o, REC_END, &end, sizeof end, NULL, 0);
        if (end.rc)
            stop_at(sh, i);
        if (o.failed)
            break;
    }
    put(&o, REC_DONE, NULL, 0, NULL, 0);
    if (o.failed) {
        bl_tmp_cleanup();
        worker_exit(1);
    }
    char c;
    while (read(rel_fd, &c, 1) < 0 && errno == EINTR)
        ;
    worker_exit(0);
}

/* ---- the parent ------------------------------------------------------- */

enum { DOC_NONE, DOC_STARTED, DOC_ENDED };

typedef struct doc_result {
    int state;
    int worker;
    int64_t off_start, off_end;
    int rc;
    bl_error err;
    char **paths; /* listed */
    size_t n_paths;
    char **pairs; /* kept files: tmp, final, tmp, final, ... */
    size_t n_pairs;
} doc_result;

typedef struct worker {
    pid_t pid;
    int res_fd, rel_fd, cap_fd;
    bool open, done, reaped;
    int status;
    char *buf;
    size_t len, cap;
} worker;

static void push_str(char ***v, size_t *n, const char *s)
{
    *v = bl_realloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = bl_strdup(s);
}

/* One record from worker k; false for a malformed one. */
static bool take_record(doc_result *docs, size_t n, int k, const rec_head *h,
                        const char *p, shared *sh, size_t *ended)
{
    if (h->type == REC_DONE)
        return true;
    if (h->doc >= n)
        return false;
    doc_result *d = &docs[h->doc];
    switch (h->type) {
    case REC_START:
        if (h->len != sizeof(int64_t))
            return false;
        d->state = DOC_STARTED;
        d->worker = k;
        memcpy(&d->off_start, p, sizeof d->off_start);
        return true;
    case REC_PATH:
        if (!h->len || p[h->len - 1])
            return false;
        push_str(&d->paths, &d->n_paths, p);
        return true;
    case REC_PAIR: {
        size_t a = strnlen(p, h->len);
        if (a + 1 >= h->len || p[h->len - 1])
            return false;
        push_str(&d->pairs, &d->n_pairs, p);
        push_str(&d->pairs, &d->n_pairs, p + a + 1);
        return true;
    }
    case REC_END: {
        if (h->len != sizeof(rec_end))
            return false;
        rec_end e;
        memcpy(&e, p, sizeof e);
        d->state = DOC_ENDED;
        ++*ended;
        d->off_end = e.off_end;
        d->rc = e.rc;
        d->err = e.err;
        if (d->rc)
            stop_at(sh, h->doc);
        return true;
    }
    }
    return false;
}

/* Reads what worker k has sent; at its end, reaps it. */
static void drain(worker *w, int k, doc_result *docs, size_t n, shared *sh,
                  size_t *ended)
{
    if (w->cap - w->len < 65536) {
        w->cap = w->cap ? w->cap * 2 : 131072;
        w->buf = bl_realloc(w->buf, w->cap);
    }
    ssize_t got = read(w->res_fd, w->buf + w->len, w->cap - w->len);
    if (got < 0 && errno == EINTR)
        return;
    if (got <= 0) {
        w->open = false;
        return;
    }
    w->len += (size_t)got;
    size_t at = 0;
    while (w->len - at >= sizeof(rec_head)) {
        rec_head h;
        memcpy(&h, w->buf + at, sizeof h);
        if (h.len > w->len - at - sizeof h)
            break;
        if (h.type == REC_DONE)
            w->done = true;
        if (!take_record(docs, n, k, &h, w->buf + at + sizeof h, sh, ended)) {
            w->open = false; /* garbled: treated as a worker that died */
            w->done = false;
            return;
        }
        at += sizeof h + (size_t)h.len;
    }
    memmove(w->buf, w->buf + at, w->len - at);
    w->len -= at;
}

static void reap(worker *w)
{
    if (w->reaped || w->pid <= 0)
        return;
    while (waitpid(w->pid, &w->status, 0) < 0 && errno == EINTR)
        ;
    w->reaped = true;
}

/* What a worker wrote on stderr while writing a document, printed here;
 * to the end of its file for one that died. */
static void replay(const worker *w, int64_t from, int64_t to)
{
    if (to < 0) {
        struct stat st;
        to = fstat(w->cap_fd, &st) == 0 ? (int64_t)st.st_size : from;
    }
    char chunk[8192];
    while (from < to) {
        size_t want = (size_t)(to - from) < sizeof chunk ? (size_t)(to - from) : sizeof chunk;
        ssize_t k = pread(w->cap_fd, chunk, want, (off_t)from);
        if (k <= 0)
            break;
        fwrite(chunk, 1, (size_t)k, stderr);
        from += k;
    }
}

static int died(const batch_job *job, size_t i, worker *w, bl_error *err)
{
    char how[64] = "its worker process died";
    if (w) {
        reap(w);
        if (WIFSIGNALED(w->status))
            snprintf(how, sizeof how, "its worker process was killed by signal %d",
                     WTERMSIG(w->status));
        else if (WIFEXITED(w->status))
            snprintf(how, sizeof how, "its worker process exited with status %d",
                     WEXITSTATUS(w->status));
    }
    return bl_error_set(err, BL_EIO, job->name(job->ctx, i), 0, "not written: %s", how);
}

static int start_worker(const batch_job *job, shared *sh, worker *ws, int k,
                        pid_t parent, bl_error *err)
{
    int res[2], rel[2];
    if (pipe(res) != 0)
        return bl_error_set(err, BL_EIO, NULL, 0, "cannot start a worker: %s",
                            strerror(errno));
    if (pipe(rel) != 0) {
        int e = errno;
        close(res[0]);
        close(res[1]);
        return bl_error_set(err, BL_EIO, NULL, 0, "cannot start a worker: %s",
                            strerror(e));
    }
    int cap = memfd_create("bulletin-stderr", 0);
    pid_t pid = cap >= 0 ? fork() : -1;
    if (pid == 0) {
        for (int j = 0; j < k; j++) {
            close(ws[j].res_fd);
            close(ws[j].rel_fd);
            close(ws[j].cap_fd);
        }
        close(res[0]);
        close(rel[1]);
        child_run(job, sh, res[1], rel[0], cap, parent);
    }
    int e = errno;
    close(res[1]);
    close(rel[0]);
    if (pid < 0) {
        close(res[0]);
        close(rel[1]);
        if (cap >= 0)
            close(cap);
        return bl_error_set(err, BL_EIO, NULL, 0, "cannot start a worker: %s",
                            strerror(e));
    }
    ws[k] = (worker){.pid = pid, .res_fd = res[0], .rel_fd = rel[1], .cap_fd = cap,
                     .open = true};
    return BL_OK;
}

int batch_run(const batch_job *job, bl_error *err)
{
    size_t n = job->n;
    int nw = job->workers < 1 ? 1 : job->workers;
    if ((size_t)nw > n)
        nw = (int)n;
    shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                      -1, 0);
    if (sh == MAP_FAILED)
        return bl_error_set(err, BL_EIO, NULL, 0, "cannot share memory with workers: %s",
                            strerror(errno));
    sh->next = 0;
    sh->stop = n;
    doc_result *docs = bl_calloc(n ? n : 1, sizeof *docs);
    worker *ws = bl_calloc((size_t)nw, sizeof *ws);
    fflush(NULL); /* nothing buffered is copied into the workers */
    pid_t parent = getpid();
    int started = 0, rc = BL_OK;
    bl_error start_err = {0};
    while (started < nw && start_worker(job, sh, ws, started, parent, &start_err) == BL_OK)
        started++;
    if (!started) {
        rc = start_err.code;
        *err = start_err;
    }
    /* Everything the workers send, until each has said it is done or
     * closed its pipe (died). */
    struct pollfd *pfd = bl_calloc((size_t)nw, sizeof *pfd);
    size_t ended = 0;
    for (;;) {
        int np = 0, map[64];
        for (int k = 0; k < started && np < 64; k++)
            if (ws[k].open && !ws[k].done) { /* done: waits to be released */
                pfd[np] = (struct pollfd){.fd = ws[k].res_fd, .events = POLLIN};
                map[np++] = k;
            }
        if (!np)
            break;
        if (poll(pfd, (nfds_t)np, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        size_t before = ended;
        for (int j = 0; j < np; j++)
            if (pfd[j].revents)
                drain(&ws[map[j]], map[j], docs, n, sh, &ended);
        if (job->progress && ended != before)
            job->progress(job->ctx, ended, n, false);
    }
    free(pfd);
    if (job->progress)
        job->progress(job->ctx, ended, n, true);
    /* A worker that ended without its last record died: the document it
     * was writing failed. */
    for (int k = 0; k < started; k++)
        if (!ws[k].done) {
            if (ws[k].open) /* garbled, or poll failed: still running */
                kill(ws[k].pid, SIGTERM);
            reap(&ws[k]);
            for (size_t i = 0; i < n; i++)
                if (docs[i].state == DOC_STARTED && docs[i].worker == k) {
                    stop_at(sh, i);
                    job->lost(job->ctx, i);
                }
        }
    size_t first_bad = n;
    for (size_t i = 0; started && i < n; i++)
        if (docs[i].state != DOC_ENDED || docs[i].rc) {
            first_bad = i;
            break;
        }
    /* Messages and listed files in input order, up to the first failure. */
    for (size_t i = 0; started && i < n && i <= first_bad; i++) {
        doc_result *d = &docs[i];
        if (d->state != DOC_NONE)
            replay(&ws[d->worker], d->off_start, d->state == DOC_ENDED ? d->off_end : -1);
        if (i < first_bad)
            for (size_t p = 0; p < d->n_paths; p++)
                job->listed(job->ctx, i, d->paths[p]);
    }
    if (started && first_bad < n) {
        doc_result *d = &docs[first_bad];
        if (d->state == DOC_ENDED) {
            *err = d->err;
            rc = d->rc;
        } else {
            rc = died(job, first_bad, d->state == DOC_STARTED ? &ws[d->worker] : NULL, err);
        }
    }
    /* Every kept file into this process's batch, in input order, before
     * the workers (which still remove them on a signal) are let go. */
    for (size_t i = 0; i < n; i++) {
        for (size_t p = 0; p + 1 < docs[i].n_pairs; p += 2)
            bl_batch_adopt(docs[i].pairs[p], docs[i].pairs[p + 1]);
        for (size_t p = 0; p < docs[i].n_pairs; p++)
            free(docs[i].pairs[p]);
        for (size_t p = 0; p < docs[i].n_paths; p++)
            free(docs[i].paths[p]);
        free(docs[i].pairs);
        free(docs[i].paths);
    }
    for (int k = 0; k < started; k++) {
        close(ws[k].rel_fd);
        reap(&ws[k]);
        close(ws[k].res_fd);
        close(ws[k].cap_fd);
        free(ws[k].buf);
    }
    free(ws);
    free(docs);
    munmap(sh, sizeof *sh);
    return rc;
}
