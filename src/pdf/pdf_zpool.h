/* pdf_zpool.h - cairo's streams deflated on a thread of their own.
 *
 * cairo 1.16 deflates each page's content stream as the page is shown,
 * and each font at the finish, on the drawing thread: in a large briefing
 * a tenth of that thread's time, which is the document's wall time. While
 * a pool is attached to the drawing thread (pdf_deflate.h), each zlib
 * stream cairo opens there is written into cairo's file as a placeholder
 * (a token naming a job of the pool) and its data handed to the pool,
 * whose worker deflates it into an unnamed file of its own (beside the
 * output, on the disk the output needs anyway) while cairo goes on.
 * pdf_rewrite.c, which copies the streams into the finished file anyway,
 * puts each job's bytes in its token's place (pdf_zpool_lookup).
 *
 * The worker deflates a stream's data whole with pdf_deflate_whole, as
 * the drawing thread does without a pool, so the finished file has the
 * same bytes with or without a pool, on any number of cores
 * (tests/test_pdf.sh compares).
 *
 * Ownership: the pool owns its thread, its temporary file and the data of
 * the jobs handed to it; pdf_zpool_free joins the thread and frees all.
 * Jobs are begun and submitted by one thread (the drawing thread);
 * pdf_zpool_lookup may be called from any one thread after that. A write
 * that fails fails its job and every job after it.
 */
#ifndef BL_PDF_ZPOOL_H
#define BL_PDF_ZPOOL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The placeholder's size: an 8-byte mark and the job's number */
#define PDF_ZPOOL_TOKEN 16

typedef struct pdf_zpool pdf_zpool;

/* A pool deflating at libdeflate's level `level` into an unnamed file in
 * directory dir, or NULL when its thread or its file cannot be had (the
 * caller lets cairo deflate, as without a pool). */
pdf_zpool *pdf_zpool_open(int level, const char *dir);

/* A new job; token gets its PDF_ZPOOL_TOKEN bytes. */
size_t pdf_zpool_begin(pdf_zpool *z, unsigned char *token);

/* An empty buffer for a stream's data: one a finished job left, or a new
 * one. */
void pdf_zpool_buffer(pdf_zpool *z, bl_buf *data);

/* Hands the job its data (taking over data's memory, leaving *data
 * empty). Waits while the worker has much undeflated data in hand. */
void pdf_zpool_submit(pdf_zpool *z, size_t job, bl_buf *data);

/* Whether any job was begun (z may be NULL): cairo's file then holds
 * tokens, and only pdf_rewrite.c (not the qpdf fallback) can finish it. */
bool pdf_zpool_used(const pdf_zpool *z);

/* The jobs begun (0 for a NULL z), asked by the thread that begins them. */
size_t pdf_zpool_jobs(const pdf_zpool *z);

/* The lookup of pdf_rewrite.h (ctx: the pool): 1 with where the job's
 * deflated bytes are when the stream data is one of this pool's tokens
 * (after waiting for the job), 0 when it is not, -1 when the job failed
 * (its temporary file could not be written). */
int pdf_zpool_lookup(void *ctx, const unsigned char *data, int *fd,
                     long long *off, long long *len);

void pdf_zpool_free(pdf_zpool *z);

#endif
