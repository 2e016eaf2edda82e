/* pdf_deflate.c - the zlib streams cairo writes; see pdf_deflate.h for why
 * zlib's deflateInit_, deflate and deflateEnd are defined here. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "pdf_deflate.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

#include <zlib.h>

/* zlib's deflateInit_ is deflateInit2_ with these (deflate.c, zconf.h) */
#define ZLIB_DEF_MEM_LEVEL 8
/* cairo has one content stream open at a time, and a font's compress() */
#define MAX_OPEN 4

typedef struct {
    z_streamp strm; /* NULL: a free slot */
    pdf_zpool *pool;
    size_t job;
    bl_buf data;
    bool ended; /* the token written */
} token_stream;

static _Thread_local int thread_level = -1;
static _Thread_local pdf_zpool *thread_pool;
static _Thread_local token_stream open_streams[MAX_OPEN];

static int (*zlib_deflate)(z_streamp, int);
static int (*zlib_deflate_end)(z_streamp);
static pthread_once_t zlib_once = PTHREAD_ONCE_INIT;

static void find_zlib(void)
{
    /* POSIX lets a function pointer be had from dlsym's void * */
    *(void **)&zlib_deflate = dlsym(RTLD_NEXT, "deflate");
    *(void **)&zlib_deflate_end = dlsym(RTLD_NEXT, "deflateEnd");
}

bool pdf_deflate_can_pool(void)
{
    pthread_once(&zlib_once, find_zlib);
    return zlib_deflate && zlib_deflate_end;
}

int pdf_deflate_level(int level)
{
    int old = thread_level;
    thread_level = level;
    return old;
}

pdf_zpool *pdf_deflate_pool(pdf_zpool *z)
{
    pdf_zpool *old = thread_pool;
    thread_pool = z;
    return old;
}

static token_stream *token_of(z_streamp strm)
{
    for (int i = 0; i < MAX_OPEN; i++)
        if (open_streams[i].strm == strm)
            return &open_streams[i];
    return NULL;
}

/* A stream of the pool's: nothing of zlib's is set up, and a state of NULL
 * makes any other zlib call on it fail cleanly. */
static int begin_token(z_streamp strm)
{
    token_stream *t = token_of(NULL);
    if (!t)
        return -1;
    *t = (token_stream){.strm = strm, .pool = thread_pool};
    pdf_zpool_buffer(t->pool, &t->data);
    strm->state = NULL;
    strm->msg = NULL;
    strm->total_in = strm->total_out = 0;
    strm->adler = 1;
    strm->data_type = Z_UNKNOWN;
    return 0;
}

int deflateInit_(z_streamp strm, int level, const char *version,
                 int stream_size)
{
    if (thread_pool && level == Z_DEFAULT_COMPRESSION &&
        stream_size == (int)sizeof(z_stream) && begin_token(strm) == 0)
        return Z_OK;
    if (thread_level >= 0 && level == Z_DEFAULT_COMPRESSION)
        level = thread_level;
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS,
                         ZLIB_DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, version,
                         stream_size);
}

/* Takes all input; at Z_FINISH writes the token (once there is room for
 * it) and hands the data to the pool. */
static int token_deflate(token_stream *t, z_streamp strm, int flush)
{
    if (t->ended)
        return Z_STREAM_END;
    if (strm->avail_in) {
        bl_buf_append(&t->data, strm->next_in, strm->avail_in);
        strm->total_in += strm->avail_in;
        strm->next_in += strm->avail_in;
        strm->avail_in = 0;
    }
    if (flush != Z_FINISH)
        return Z_OK;
    if (strm->avail_out < PDF_ZPOOL_TOKEN)
        return strm->avail_out ? Z_BUF_ERROR : Z_OK;
    t->job = pdf_zpool_begin(t->pool, strm->next_out);
    strm->next_out += PDF_ZPOOL_TOKEN;
    strm->avail_out -= PDF_ZPOOL_TOKEN;
    strm->total_out += PDF_ZPOOL_TOKEN;
    pdf_zpool_submit(t->pool, t->job, &t->data);
    t->ended = true;
    return Z_STREAM_END;
}

int deflate(z_streamp strm, int flush)
{
    token_stream *t = strm ? token_of(strm) : NULL;
    if (t)
        return token_deflate(t, strm, flush);
    if (!pdf_deflate_can_pool())
        return Z_STREAM_ERROR;
    return zlib_deflate(strm, flush);
}

int deflateEnd(z_streamp strm)
{
    token_stream *t = strm ? token_of(strm) : NULL;
    if (t) {
        bool ended = t->ended;
        bl_buf_free(&t->data); /* a stream given up before its end */
        memset(t, 0, sizeof *t);
        return ended ? Z_OK : Z_DATA_ERROR;
    }
    if (!pdf_deflate_can_pool())
        return Z_STREAM_ERROR;
    return zlib_deflate_end(strm);
}
