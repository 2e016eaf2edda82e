/* test_zpool.c - cairo's streams through the program's own deflateInit_,
 * deflate and deflateEnd (pdf_deflate.h): with a level set, a stream
 * comes out as exactly the bytes pdf_deflate_whole gives its data at that
 * level, however the data was fed and however small cairo's output
 * buffer; with a pool attached (pdf_zpool.h) as a token whose job holds
 * those same bytes; with neither, every stream is zlib's own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "buf.h"
#include "pdf_deflate.h"
#include "pdf_zpool.h"
#include "wraps.h"

enum { LEVEL = 1, DATA_LEN = 300000, CHUNK = 16384 };

/* Where the pool's unnamed file goes: the build directory. */
static const char *scratch_dir(void)
{
    const char *d = getenv("BL_BUILD_DIR");
    return d ? d : ".";
}

/* A linear congruential step: wraps on purpose. */
BL_WRAPS static uint32_t next_random(uint32_t x)
{
    return x * 1103515245u + 12345u;
}

/* Text-like data (a content stream's operators and hex glyphs), made the
 * same every run. */
static unsigned char *sample(size_t n)
{
    unsigned char *d = malloc(n);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = next_random(x);
        d[i] = (unsigned char)("0123456789abcdef <>Tj\n"[(x >> 16) % 22]);
    }
    return d;
}

/* What compress2 gives at zlib's `level`. */
static unsigned char *reference(const unsigned char *d, size_t n, int level,
                                uLongf *len)
{
    *len = compressBound((uLong)n);
    unsigned char *z = malloc(*len);
    assert_int_equal(compress2(z, len, d, (uLong)n, level), Z_OK);
    return z;
}

/* What pdf_deflate_whole gives at libdeflate's `level`: zlib's format,
 * which zlib reads back as d. */
static unsigned char *whole(const unsigned char *d, size_t n, int level,
                            uLongf *len)
{
    bl_buf b = BL_BUF_INIT;
    assert_int_equal(pdf_deflate_whole(level, d, n, &b), 0);
    uLongf back_len = n + 1;
    unsigned char *back = malloc(back_len);
    assert_int_equal(uncompress(back, &back_len, (const Bytef *)b.data, (uLong)b.len), Z_OK);
    assert_int_equal(back_len, n);
    assert_memory_equal(back, d, n);
    free(back);
    *len = (uLongf)b.len;
    return (unsigned char *)bl_buf_detach(&b);
}

/* d deflated the way cairo's deflate stream does it: deflateInit at the
 * default level, CHUNK bytes at a time with Z_NO_FLUSH, then Z_FINISH;
 * returns the output (its length in *len). */
static unsigned char *deflate_as_cairo(const unsigned char *d, size_t n,
                                       size_t *len)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    assert_int_equal(deflateInit(&s, Z_DEFAULT_COMPRESSION), Z_OK);
    bl_buf out = BL_BUF_INIT;
    unsigned char buf[CHUNK];
    size_t at = 0;
    int rc;
    do {
        size_t k = n - at > CHUNK ? CHUNK : n - at;
        s.next_in = (Bytef *)d + at;
        s.avail_in = (uInt)k;
        at += k;
        int flush = at == n ? Z_FINISH : Z_NO_FLUSH;
        do {
            s.next_out = buf;
            s.avail_out = sizeof buf;
            rc = deflate(&s, flush);
            assert_true(rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR);
            bl_buf_append(&out, buf, sizeof buf - s.avail_out);
        } while (s.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    } while (at < n);
    assert_int_equal(deflateEnd(&s), Z_OK);
    *len = out.len;
    return (unsigned char *)bl_buf_detach(&out);
}

/* The job's bytes, read back from the pool's file. */
static unsigned char *job_bytes(pdf_zpool *z, const unsigned char *token,
                                long long *len)
{
    int fd;
    long long off;
    assert_int_equal(pdf_zpool_lookup(z, token, &fd, &off, len), 1);
    unsigned char *b = malloc((size_t)*len + 1);
    assert_int_equal(pread(fd, b, (size_t)*len, off), *len);
    return b;
}

static void without_a_pool_streams_are_zlibs(void **state)
{
    (void)state;
    unsigned char *d = sample(DATA_LEN);
    size_t len;
    unsigned char *got = deflate_as_cairo(d, DATA_LEN, &len);
    uLongf ref_len;
    unsigned char *ref = reference(d, DATA_LEN, Z_DEFAULT_COMPRESSION, &ref_len);
    assert_int_equal(len, ref_len);
    assert_memory_equal(got, ref, len);
    free(got);
    free(ref);
    /* with a level set: the data deflated whole at that level, fed in
     * pieces and handed back through CHUNK-byte buffers */
    int old = pdf_deflate_level(LEVEL);
    got = deflate_as_cairo(d, DATA_LEN, &len);
    ref = whole(d, DATA_LEN, LEVEL, &ref_len);
    assert_true(ref_len > 3 * CHUNK);
    assert_int_equal(len, ref_len);
    assert_memory_equal(got, ref, len);
    free(got);
    free(ref);
    /* an empty stream, and zlib's compress() as cairo deflates its fonts */
    got = deflate_as_cairo(d, 0, &len);
    ref = whole(d, 0, LEVEL, &ref_len);
    assert_int_equal(len, ref_len);
    assert_memory_equal(got, ref, len);
    free(got);
    free(ref);
    uLongf clen = compressBound(1000);
    got = malloc(clen);
    assert_int_equal(compress(got, &clen, d, 1000), Z_OK);
    ref = whole(d, 1000, LEVEL, &ref_len);
    assert_int_equal(clen, ref_len);
    assert_memory_equal(got, ref, clen);
    free(got);
    free(ref);
    /* a stream at a level of its own is zlib's */
    uLongf own_len = compressBound(DATA_LEN);
    unsigned char *own = malloc(own_len);
    assert_int_equal(compress2(own, &own_len, d, DATA_LEN, 9), Z_OK);
    pdf_deflate_level(old);
    ref = reference(d, DATA_LEN, 9, &ref_len);
    assert_int_equal(own_len, ref_len);
    assert_memory_equal(own, ref, own_len);
    free(own);
    free(ref);
    /* an out-of-range level is refused */
    bl_buf b = BL_BUF_INIT;
    assert_int_equal(pdf_deflate_whole(13, d, 10, &b), -1);
    assert_int_equal(b.len, 0);
    free(d);
}

static void a_pool_gives_the_same_bytes(void **state)
{
    (void)state;
    assert_true(pdf_deflate_can_pool());
    pdf_zpool *z = pdf_zpool_open(LEVEL, scratch_dir());
    assert_non_null(z);
    assert_false(pdf_zpool_used(z));
    unsigned char *d = sample(DATA_LEN);
    pdf_zpool *old = pdf_deflate_pool(z);
    size_t len[3];
    unsigned char *tok[3];
    tok[0] = deflate_as_cairo(d, DATA_LEN, &len[0]);
    tok[1] = deflate_as_cairo(d, 0, &len[1]); /* an empty stream */
    /* zlib's compress(), as cairo deflates its fonts */
    uLongf clen = compressBound(1000);
    tok[2] = malloc(clen);
    assert_int_equal(compress(tok[2], &clen, d, 1000), Z_OK);
    len[2] = clen;
    /* a stream at a level of its own is zlib's, pool or not */
    uLongf own_len = compressBound(DATA_LEN);
    unsigned char *own = malloc(own_len);
    assert_int_equal(compress2(own, &own_len, d, DATA_LEN, 9), Z_OK);
    pdf_deflate_pool(old);
    assert_true(pdf_zpool_used(z));
    for (int i = 0; i < 3; i++)
        assert_int_equal(len[i], PDF_ZPOOL_TOKEN);
    size_t sizes[3] = {DATA_LEN, 0, 1000};
    for (int i = 0; i < 3; i++) {
        long long n;
        unsigned char *got = job_bytes(z, tok[i], &n);
        uLongf ref_len;
        unsigned char *ref = whole(d, sizes[i], LEVEL, &ref_len);
        assert_int_equal(n, (long long)ref_len);
        assert_memory_equal(got, ref, ref_len);
        free(got);
        free(ref);
    }
    uLongf ref9_len;
    unsigned char *ref9 = reference(d, DATA_LEN, 9, &ref9_len);
    assert_int_equal(own_len, ref9_len);
    assert_memory_equal(own, ref9, own_len);
    free(ref9);
    free(own);
    /* other data is not one of its tokens; nor is a changed number */
    int fd;
    long long off, n;
    assert_int_equal(pdf_zpool_lookup(z, d, &fd, &off, &n), 0);
    tok[0][8] = 99;
    assert_int_equal(pdf_zpool_lookup(z, tok[0], &fd, &off, &n), 0);
    for (int i = 0; i < 3; i++)
        free(tok[i]);
    free(d);
    pdf_zpool_free(z);
}

/* A pool needs its file: none in a directory that does not exist. */
static void no_pool_without_its_file(void **state)
{
    (void)state;
    assert_null(pdf_zpool_open(LEVEL, "/nonexistent/bulletin-zpool"));
}

/* A stream given up before its end (cairo on an error) leaves no job. */
static void a_stream_given_up_leaves_no_job(void **state)
{
    (void)state;
    pdf_zpool *z = pdf_zpool_open(LEVEL, scratch_dir());
    assert_non_null(z);
    pdf_zpool *old = pdf_deflate_pool(z);
    z_stream s;
    memset(&s, 0, sizeof s);
    assert_int_equal(deflateInit(&s, Z_DEFAULT_COMPRESSION), Z_OK);
    unsigned char in[100] = {0}, out[64];
    s.next_in = in;
    s.avail_in = sizeof in;
    s.next_out = out;
    s.avail_out = sizeof out;
    assert_int_equal(deflate(&s, Z_NO_FLUSH), Z_OK);
    assert_int_equal(s.avail_in, 0);
    assert_int_equal(s.avail_out, sizeof out);
    assert_int_equal(deflateEnd(&s), Z_DATA_ERROR);
    pdf_deflate_pool(old);
    assert_false(pdf_zpool_used(z));
    pdf_zpool_free(z);
    /* without a pool: given up before its end, or before all its bytes
     * were taken (a 64-byte buffer for data that deflates to more) */
    int old_level = pdf_deflate_level(LEVEL);
    unsigned char *d = sample(DATA_LEN);
    for (int finish = 0; finish < 2; finish++) {
        memset(&s, 0, sizeof s);
        assert_int_equal(deflateInit(&s, Z_DEFAULT_COMPRESSION), Z_OK);
        s.next_in = d;
        s.avail_in = DATA_LEN;
        s.next_out = out;
        s.avail_out = sizeof out;
        assert_int_equal(deflate(&s, finish ? Z_FINISH : Z_NO_FLUSH), Z_OK);
        assert_int_equal(s.avail_out, finish ? 0 : sizeof out);
        assert_int_equal(deflateEnd(&s), Z_DATA_ERROR);
    }
    pdf_deflate_level(old_level);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(without_a_pool_streams_are_zlibs),
        cmocka_unit_test(a_pool_gives_the_same_bytes),
        cmocka_unit_test(a_stream_given_up_leaves_no_job),
        cmocka_unit_test(no_pool_without_its_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
