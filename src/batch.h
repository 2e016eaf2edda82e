/* batch.h - the documents of one batch written in parallel by worker
 * processes (command-line side, beside main.c: it forks and _exits).
 *
 * Processes, not threads: the writers build roll-ups in the model's arena
 * and io.c's batch is single-threaded, so each worker works on its own
 * copy-on-write image of the model read once by the parent. Workers take
 * documents in input order from a shared counter and write each one's
 * outputs inside the parent's io.c batch (bl_batch_begin before
 * batch_run): their kept temporary files are sent to the parent, which
 * adopts them (bl_batch_adopt) in input order, so the caller's
 * bl_batch_end renames them in the order a run of one process would, or
 * unlinks them all. What a worker prints on stderr while writing a
 * document is kept (in a memory file) and printed by the parent in input
 * order, up to and including the first document that failed; documents
 * after it are not started, and whatever was written for them is unlinked
 * with the rest. So messages, file names, bytes and the error reported are
 * those of the documents written one after the other.
 *
 * A worker dies with its parent (PR_SET_PDEATHSIG: SIGTERM, whose handler
 * removes its temporary files); a worker that dies (a signal, out of
 * memory) fails the document it was writing, whose temporary files the
 * parent removes (lost).
 */
#ifndef BL_CLI_BATCH_H
#define BL_CLI_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct batch_job {
    size_t n;    /* documents, in input order */
    int workers; /* processes, 2 or more (at most n are started) */
    /* In a worker: writes document i inside the batch, prints its messages
     * on stderr, and names each file to list (printed with its size by
     * the caller) through written(sink, path). */
    int (*write)(void *ctx, size_t i, void (*written)(void *sink, const char *path),
                 void *sink, bl_error *err);
    /* In the parent, in input order, for the documents written: the paths
     * given to written (copies owned by the callee). */
    void (*listed)(void *ctx, size_t i, const char *path);
    /* The document's name (its source), for a worker that died. */
    const char *(*name)(void *ctx, size_t i);
    /* In the parent: removes the temporary files a worker that died while
     * writing document i left (io.h's bl_tmp_remove_left). */
    void (*lost)(void *ctx, size_t i);
    /* In the parent, or NULL: done of n documents written, each time one
     * is; finished once at the end, before the messages are printed. */
    void (*progress)(void *ctx, size_t done, size_t n, bool finished);
    void *ctx;
} batch_job;

/* Runs the job. Returns BL_OK when every document was written (the
 * caller then ends the batch with commit), else the first failed
 * document's status with err filled (its files and the others' are kept
 * in the batch, to be unlinked by bl_batch_end(false, …)). */
int batch_run(const batch_job *job, bl_error *err);

/* The cores this process may run on (sched_getaffinity), at least 1. */
int batch_cores(void);

#endif
