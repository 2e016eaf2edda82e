/* pdf_deflate.c - the zlib streams cairo writes; see pdf_deflate.h for why
 * zlib's deflateInit_, deflate and deflateEnd are defined here. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include "pdf_deflate.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

#include <libdeflate.h>
#include <zlib.h>

/* zlib's deflateInit_ is deflateInit2_ with these (deflate.c, zconf.h) */
#define ZLIB_DEF_MEM_LEVEL 8
/* cairo has one content stream open at a time, and a font's compress() */
#define MAX_OPEN 4

/* A stream of the program's own: its data collected, then a pool's token
 * (pool set) or its whole deflation (out) handed to cairo. */
typedef struct {
    z_streamp strm; /* NULL: a free slot */
    pdf_zpool *pool;
    int level;
    size_t job;
    bl_buf data;
    bl_buf out;    /* without a pool: the bytes, from `given` on not given yet */
    size_t given;
    bool ended; /* the token written, or out deflated */
} own_stream;

static _Thread_local int thread_level = -1;
static _Thread_local pdf_zpool *thread_pool;
static _Thread_local own_stream open_streams[MAX_OPEN];

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

static own_stream *own_of(z_streamp strm)
{
    for (int i = 0; i < MAX_OPEN; i++)
        if (open_streams[i].strm == strm)
            return &open_streams[i];
    return NULL;
}

/* Compressors kept between streams: one is a few hundred KB that malloc
 * maps afresh and the kernel faults in page by page (a county's
 * briefing deflates 35 streams, a province's thousands). A compressor
 * carries nothing from one call to the next, so the bytes do not depend
 * on which one deflates. Kept until the process ends. */
#define SPARE_COMPRESSORS 4

static struct {
    pthread_mutex_t lock;
    struct libdeflate_compressor *c[SPARE_COMPRESSORS];
    int level[SPARE_COMPRESSORS];
    int n;
} spare = {.lock = PTHREAD_MUTEX_INITIALIZER};

static struct libdeflate_compressor *take_compressor(int level)
{
    struct libdeflate_compressor *c = NULL;
    pthread_mutex_lock(&spare.lock);
    for (int i = 0; i < spare.n; i++)
        if (spare.level[i] == level) {
            c = spare.c[i];
            spare.n--;
            spare.c[i] = spare.c[spare.n];
            spare.level[i] = spare.level[spare.n];
            break;
        }
    pthread_mutex_unlock(&spare.lock);
    return c ? c : libdeflate_alloc_compressor(level);
}

static void give_back_compressor(struct libdeflate_compressor *c, int level)
{
    pthread_mutex_lock(&spare.lock);
    if (spare.n < SPARE_COMPRESSORS) {
        spare.c[spare.n] = c;
        spare.level[spare.n++] = level;
        c = NULL;
    }
    pthread_mutex_unlock(&spare.lock);
    if (c)
        libdeflate_free_compressor(c);
}

int pdf_deflate_whole(int level, const void *in, size_t n, bl_buf *out)
{
    struct libdeflate_compressor *c = take_compressor(level);
    if (!c)
        return -1;
    size_t bound = libdeflate_zlib_compress_bound(c, n);
    bl_buf_grow(out, bound);
    size_t k = libdeflate_zlib_compress(c, in, n, out->data + out->len, bound);
    give_back_compressor(c, level);
    out->len += k; /* never 0: the bound leaves room */
    return k ? 0 : -1;
}

/* A stream of the program's: nothing of zlib's is set up, and a state of
 * NULL makes any other zlib call on it fail cleanly. */
static int begin_own(z_streamp strm, int level)
{
    own_stream *t = own_of(NULL);
    if (!t)
        return -1;
    *t = (own_stream){.strm = strm, .pool = thread_pool, .level = level};
    if (t->pool)
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
    /* cairo's streams, while the drawing pass has set a level or a pool */
    if ((thread_pool || thread_level >= 0) && level == Z_DEFAULT_COMPRESSION &&
        stream_size == (int)sizeof(z_stream) && begin_own(strm, thread_level) == 0)
        return Z_OK;
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS,
                         ZLIB_DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, version,
                         stream_size);
}

/* Hands cairo what it has room for of the deflated bytes. */
static int give_out(own_stream *t, z_streamp strm)
{
    size_t k = t->out.len - t->given;
    if (k > strm->avail_out)
        k = strm->avail_out;
    if (k == 0 && t->given < t->out.len)
        return Z_BUF_ERROR;
    memcpy(strm->next_out, t->out.data + t->given, k);
    t->given += k;
    strm->next_out += k;
    strm->avail_out -= (uInt)k;
    strm->total_out += k;
    return t->given == t->out.len ? Z_STREAM_END : Z_OK;
}

/* Takes all input; at Z_FINISH writes the token (once there is room for
 * it) and hands the data to the pool, or deflates the data whole and
 * hands cairo the bytes over as many calls as its buffer needs. */
static int own_deflate(own_stream *t, z_streamp strm, int flush)
{
    if (t->ended)
        return t->pool ? Z_STREAM_END : give_out(t, strm);
    if (strm->avail_in) {
        bl_buf_append(&t->data, strm->next_in, strm->avail_in);
        strm->total_in += strm->avail_in;
        strm->next_in += strm->avail_in;
        strm->avail_in = 0;
    }
    if (flush != Z_FINISH)
        return Z_OK;
    if (!t->pool) {
        if (pdf_deflate_whole(t->level, t->data.data ? t->data.data : "",
                              t->data.len, &t->out) != 0)
            return Z_STREAM_ERROR;
        bl_buf_free(&t->data);
        t->ended = true;
        return give_out(t, strm);
    }
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
    own_stream *t = strm ? own_of(strm) : NULL;
    if (t)
        return own_deflate(t, strm, flush);
    if (!pdf_deflate_can_pool())
        return Z_STREAM_ERROR;
    return zlib_deflate(strm, flush);
}

int deflateEnd(z_streamp strm)
{
    own_stream *t = strm ? own_of(strm) : NULL;
    if (t) {
        /* given up before its end (cairo on an error), or before all
         * its bytes were taken */
        bool ended = t->ended && (t->pool || t->given == t->out.len);
        bl_buf_free(&t->data);
        bl_buf_free(&t->out);
        memset(t, 0, sizeof *t);
        return ended ? Z_OK : Z_DATA_ERROR;
    }
    if (!pdf_deflate_can_pool())
        return Z_STREAM_ERROR;
    return zlib_deflate_end(strm);
}
