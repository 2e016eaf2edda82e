/* pdf_deflate.c - the zlib level of the streams cairo writes; see
 * pdf_deflate.h for why zlib's deflateInit_ is defined here. */
#include "pdf_deflate.h"

#include <zlib.h>

/* zlib's deflateInit_ is deflateInit2_ with these (deflate.c, zconf.h) */
#define ZLIB_DEF_MEM_LEVEL 8

static _Thread_local int thread_level = -1;

int pdf_deflate_level(int level)
{
    int old = thread_level;
    thread_level = level;
    return old;
}

int deflateInit_(z_streamp strm, int level, const char *version,
                 int stream_size)
{
    if (thread_level >= 0 && level == Z_DEFAULT_COMPRESSION)
        level = thread_level;
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS,
                         ZLIB_DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, version,
                         stream_size);
}
