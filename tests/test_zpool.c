/* test_zpool.c - cairo's streams deflated by a pool (pdf_zpool.h) through
 * the program's own deflateInit_, deflate and deflateEnd (pdf_deflate.h):
 * a stream begun with a pool attached comes out as a token whose job holds
 * exactly the bytes zlib gives the same data at the pool's level, however
 * the data was fed; without a pool every stream is zlib's own. */
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

enum { LEVEL = 3, DATA_LEN = 300000, CHUNK = 16384 };

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

/* What compress2 gives at `level`. */
static unsigned char *reference(const unsigned char *d, size_t n, int level,
                                uLongf *len)
{
    *len = compressBound((uLong)n);
    unsigned char *z = malloc(*len);
    assert_int_equal(compress2(z, len, d, (uLong)n, level), Z_OK);
    return z;
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
    /* with a level set: zlib's stream at that level, still fed in pieces */
    int old = pdf_deflate_level(LEVEL);
    got = deflate_as_cairo(d, DATA_LEN, &len);
    pdf_deflate_level(old);
    ref = reference(d, DATA_LEN, LEVEL, &ref_len);
    assert_int_equal(len, ref_len);
    assert_memory_equal(got, ref, len);
    free(got);
    free(ref);
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
        unsigned char *ref = reference(d, sizes[i], LEVEL, &ref_len);
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
