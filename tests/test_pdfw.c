/* test_pdfw.c - the object writer of the direct backend (pdfw.h): a PDF
 * of one page (a catalog, a page tree, a deflated content stream drawing
 * a rectangle, one written as it is, a form XObject deflated by the
 * caller, an information dictionary with a Chinese title, and enough
 * plain objects for two object streams), written in no particular order,
 * passes `qpdf --check` with no warning, has one page, its /ID is the MD5
 * of the bytes before the cross-reference stream, and the same calls give
 * the same bytes; so does one past 64 KiB with a dozen object streams; the files it refuses to finish (a reserved number never
 * written, one written twice or not reserved, no catalog, a bad level, a
 * full disk); and the value formatters: numbers, text strings (literal,
 * UTF-16BE with surrogate pairs, invalid UTF-8) and names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/wait.h>

#include <glib.h>

#include "buf.h"
#include "pdf_deflate.h"
#include "pdfw.h"

enum { FILLERS = 150 }; /* with the page's objects: two object streams */

/* catalog, pages, page, content, line, form, info, padding */
enum { CATALOG, PAGES, PAGE, CONTENT, LINE, FORM, INFO, PAD, NUMS };

/* Where the files go: the build directory under ctest, else the
 * temporary directory (not the checkout a test run by hand starts in). */
static const char *scratch_dir(void)
{
    const char *d = getenv("BL_BUILD_DIR");
    if (!d)
        d = getenv("TMPDIR");
    return d && *d ? d : "/tmp";
}

/* A new empty file in the scratch directory, its name in path. */
static FILE *scratch_file(char *path, size_t size)
{
    snprintf(path, size, "%s/test_pdfw-XXXXXX", scratch_dir());
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    return f;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    bl_buf b = BL_BUF_INIT;
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        bl_buf_append(&b, chunk, k);
    fclose(f);
    *len = b.len;
    return bl_buf_detach(&b);
}

/* The exit status of cmd, its output (stdout and stderr) in out. */
static int run(const char *cmd, bl_buf *out)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char chunk[4096];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, p)) > 0)
        bl_buf_append(out, chunk, k);
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void add_num(bl_buf *b, double v)
{
    pdfw_num(b, v, 2);
    bl_buf_putc(b, ' ');
}

/* The page's drawing: a blue rectangle, its numbers through pdfw_num. */
static void rectangle_content(bl_buf *c)
{
    bl_buf_puts(c, "0 0 1 rg\n");
    add_num(c, 72.0);
    add_num(c, 600.004);
    add_num(c, 200.25);
    add_num(c, 100.0);
    bl_buf_puts(c, "re f\n/Fm0 Do\n");
}

/* The page and its streams; the last of its contents is pad bytes of
 * comment lines, written as they are. */
static void write_page(pdfw *w, const unsigned *n, size_t pad)
{
    pdfw_objectf(w, n[PAGE],
                 "<< /Type /Page /Parent %u 0 R /MediaBox [ 0 0 595 842 ] "
                 "/Contents [ %u 0 R %u 0 R %u 0 R ] "
                 "/Resources << /XObject << /Fm0 %u 0 R >> >> >>",
                 n[PAGES], n[CONTENT], n[LINE], n[PAD], n[FORM]);
    bl_buf c = BL_BUF_INIT;
    rectangle_content(&c);
    pdfw_stream(w, n[CONTENT], "", c.data, c.len, true);
    static const char line[] = "q 1 0 0 RG 2 w 72 400 m 272 400 l S Q\n";
    pdfw_stream(w, n[LINE], NULL, line, sizeof line - 1, false);
    static const char form[] = "0.5 g 0 0 50 50 re f\n";
    bl_buf z = BL_BUF_INIT;
    assert_int_equal(pdf_deflate_whole(6, form, sizeof form - 1, &z), 0);
    pdfw_stream_deflated(w, n[FORM], "/Type /XObject /Subtype /Form /BBox [ 0 0 50 50 ]",
                         z.data, z.len);
    bl_buf_reset(&c);
    while (c.len < pad)
        bl_buf_puts(&c, "% padding\n");
    pdfw_stream(w, n[PAD], "", c.data, pad, false);
    bl_buf_free(&z);
    bl_buf_free(&c);
}

/* The sample file through a writer at level, with fillers plain objects
 * (the catalog's /BLFill) and pad bytes in the last content stream;
 * pdfw_close's result. */
static int write_sample_of(FILE *f, int level, int fillers, size_t pad, long long *bytes)
{
    pdfw *w = pdfw_open(f, level);
    assert_non_null(w);
    unsigned n[NUMS], *fill = malloc((size_t)fillers * sizeof *fill);
    for (int i = 0; i < NUMS; i++)
        n[i] = pdfw_reserve(w);
    for (int i = 0; i < fillers; i++)
        fill[i] = pdfw_reserve(w);
    assert_int_equal(n[CATALOG], 1);
    assert_int_equal(n[INFO], 7);
    /* Out of order on purpose: the page before its tree, the catalog last. */
    write_page(w, n, pad);
    bl_buf cat = BL_BUF_INIT;
    bl_buf_printf(&cat, "<< /Type /Catalog /Pages %u 0 R /BLFill [", n[PAGES]);
    for (int i = fillers - 1; i >= 0; i--) {
        pdfw_objectf(w, fill[i], "<< /Index %d /Name (filler %d) >>", i, i);
        bl_buf_printf(&cat, " %u 0 R", fill[i]);
    }
    bl_buf_puts(&cat, " ] >>");
    free(fill);
    pdfw_objectf(w, n[PAGES], "<< /Type /Pages /Kids [ %u 0 R ] /Count 1 >>", n[PAGE]);
    bl_buf info = BL_BUF_INIT;
    bl_buf_puts(&info, "<< /Title ");
    pdfw_text_string(&info, "民生简报 (週報)", strlen("民生简报 (週報)"));
    bl_buf_puts(&info, " /Producer ");
    pdfw_text_string(&info, "bulletin (test)", 15);
    bl_buf_puts(&info, " >>");
    pdfw_object(w, n[INFO], info.data, info.len);
    pdfw_object(w, n[CATALOG], cat.data, cat.len);
    bl_buf_free(&cat);
    bl_buf_free(&info);
    return pdfw_close(w, n[CATALOG], n[INFO], bytes);
}

static int write_sample(FILE *f, int level, long long *bytes)
{
    return write_sample_of(f, level, FILLERS, 0, bytes);
}

static size_t count(const char *s, size_t n, const char *what)
{
    size_t k = 0, m = strlen(what);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, what, m) == 0)
            k++;
    return k;
}

/* The last what in s[0..n), which may hold NULs; NULL when none. */
static const char *find_last(const char *s, size_t n, const char *what)
{
    size_t m = strlen(what);
    for (size_t i = n >= m ? n - m + 1 : 0; i-- > 0;)
        if (memcmp(s + i, what, m) == 0)
            return s + i;
    return NULL;
}

/* The /ID in data is the MD5 of the bytes before the xref stream, which
 * startxref names. */
static void check_id(const char *data, size_t len)
{
    const char *sx = find_last(data, len, "startxref\n");
    assert_non_null(sx);
    long long at = strtoll(sx + 10, NULL, 10);
    assert_true(at > 0 && (size_t)at < len);
    assert_memory_equal(data + at + strcspn(data + at, "\n") - 5, "0 obj", 5);
    char *md5 = g_compute_checksum_for_data(G_CHECKSUM_MD5, (const guchar *)data, (gsize)at);
    char want[80];
    snprintf(want, sizeof want, "/ID [ <%s> <%s> ]", md5, md5);
    g_free(md5);
    /* The dictionary is text up to its stream's data. */
    assert_non_null(g_strstr_len(data + at, (gssize)(len - (size_t)at), want));
}

/* What `qpdf ARGS path` prints; its exit status must be 0. */
static const char *qpdf(const char *args, const char *path, bl_buf *out)
{
    char cmd[1200];
    int k = snprintf(cmd, sizeof cmd, "qpdf %s '%s' 2>&1", args, path);
    assert_true(k > 0 && (size_t)k < sizeof cmd);
    bl_buf_reset(out);
    int rc = run(cmd, out);
    if (rc != 0)
        fail_msg("%s: exit %d\n%s", cmd, rc, bl_buf_cstr(out));
    return bl_buf_cstr(out);
}

/* qpdf reads path without a warning as a file of one page. */
static void check_with_qpdf(const char *path, bool show)
{
    bl_buf out = BL_BUF_INIT;
    const char *s = qpdf("--check", path, &out);
    if (show)
        printf("qpdf --check:\n%s", s);
    assert_non_null(strstr(s, "No syntax or stream encoding errors"));
    assert_null(strstr(s, "WARNING"));
    s = qpdf("--show-npages", path, &out);
    if (show)
        printf("qpdf --show-npages: %s", s);
    assert_string_equal(s, "1\n");
    bl_buf_free(&out);
}

/* The file's bytes, its size as pdfw_close gave it checked; its header,
 * /ID and count of object streams. */
static void check_bytes(const char *path, long long bytes, size_t objstms, const char *widths)
{
    size_t len;
    char *data = slurp(path, &len);
    assert_int_equal(bytes, (long long)len);
    assert_memory_equal(data, "%PDF-1.7\n%\xbf\xf7\xa2\xfe\n", 15);
    assert_int_equal(count(data, len, "/Type /ObjStm"), objstms);
    assert_int_equal(count(data, len, "/Type /XRef"), 1);
    assert_int_equal(count(data, len, widths), 1);
    check_id(data, len);
    free(data);
}

static void valid_for_qpdf(void **state)
{
    (void)state;
    char path[1100];
    FILE *f = scratch_file(path, sizeof path);
    long long bytes = -1;
    assert_int_equal(write_sample(f, 6, &bytes), 0);
    assert_int_equal(fclose(f), 0);
    /* 154 packed objects; offsets and numbers fit in two bytes. */
    check_bytes(path, bytes, 2, "/W [ 1 2 1 ]");
    check_with_qpdf(path, true);

    /* The title, read back: the UTF-16BE of 民生简报 (週報). */
    bl_buf out = BL_BUF_INIT;
    const char *s = qpdf("--show-object=7", path, &out);
    assert_non_null(strstr(s, "/Producer (bulletin \\(test\\))"));
    assert_non_null(strstr(s, "/Title <feff6c11751f7b8062a500200028903158310029>"));
    /* The catalog is packed (an entry of type 2), the streams are not. */
    s = qpdf("--show-xref", path, &out);
    assert_non_null(strstr(s, "1/0: compressed; stream = "));
    assert_non_null(strstr(s, "4/0: uncompressed; offset = "));
    /* The content stream as pdfw_num wrote its numbers. */
    s = qpdf("--show-object=4 --filtered-stream-data", path, &out);
    assert_string_equal(s, "0 0 1 rg\n72 600 200.25 100 re f\n/Fm0 Do\n");
    bl_buf_free(&out);
    assert_int_equal(unlink(path), 0);
}

/* Past 64 KiB and a thousand objects: three-byte offsets, a dozen object
 * streams, entries grown many times over. */
static void large_file(void **state)
{
    (void)state;
    char path[1100];
    FILE *f = scratch_file(path, sizeof path);
    long long bytes = -1;
    assert_int_equal(write_sample_of(f, 1, 1200, 70000, &bytes), 0);
    assert_int_equal(fclose(f), 0);
    check_bytes(path, bytes, 13, "/W [ 1 3 1 ]");
    check_with_qpdf(path, false);
    assert_int_equal(unlink(path), 0);
}

static void same_calls_same_bytes(void **state)
{
    (void)state;
    char a[1100], b[1100];
    FILE *fa = scratch_file(a, sizeof a), *fb = scratch_file(b, sizeof b);
    assert_int_equal(write_sample(fa, 1, NULL), 0);
    assert_int_equal(write_sample(fb, 1, NULL), 0);
    fclose(fa);
    fclose(fb);
    size_t la, lb;
    char *da = slurp(a, &la), *db = slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    free(da);
    free(db);
    unlink(a);
    unlink(b);
}

/* A file of a catalog, its page tree and a page, or instead of the page
 * what `mistake` does, finished with root as the catalog on a file of its
 * own; pdfw_close's result. */
static int write_broken(int level, void (*mistake)(pdfw *, const unsigned *),
                        unsigned root)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    pdfw *w = pdfw_open(f, level);
    unsigned n[3];
    for (int i = 0; i < 3; i++)
        n[i] = pdfw_reserve(w);
    pdfw_objectf(w, n[0], "<< /Type /Catalog /Pages %u 0 R >>", n[1]);
    pdfw_objectf(w, n[1], "<< /Type /Pages /Kids [ %u 0 R ] /Count 1 >>", n[2]);
    if (mistake)
        mistake(w, n);
    else
        pdfw_objectf(w, n[2], "<< /Type /Page /Parent %u 0 R >>", n[1]);
    long long bytes = -7;
    int rc = pdfw_close(w, root, 0, &bytes);
    if (rc != 0)
        assert_int_equal(bytes, -7); /* left as it was */
    else
        assert_int_equal(bytes, ftell(f));
    fclose(f);
    return rc;
}

static void never_written(pdfw *w, const unsigned *n)
{
    (void)w;
    (void)n;
}

static void written_twice(pdfw *w, const unsigned *n)
{
    pdfw_object(w, n[2], "<< /Type /Page >>", 17);
    pdfw_stream(w, n[2], "", "x", 1, true);
}

static void not_reserved(pdfw *w, const unsigned *n)
{
    pdfw_object(w, n[2], "<< /Type /Page >>", 17);
    pdfw_object(w, 99, "null", 4);
}

static void number_zero(pdfw *w, const unsigned *n)
{
    pdfw_object(w, n[2], "<< /Type /Page >>", 17);
    pdfw_stream_deflated(w, 0, "", "x", 1);
}

/* The object stream's own number, which the writer took for itself. */
static void object_stream_number(pdfw *w, const unsigned *n)
{
    pdfw_object(w, n[2], "<< /Type /Page >>", 17);
    pdfw_object(w, n[2] + 1, "null", 4);
}

static void refuses_unfinished(void **state)
{
    (void)state;
    assert_int_equal(write_broken(6, NULL, 1), 0);
    assert_int_equal(write_broken(6, never_written, 1), -1);
    assert_int_equal(write_broken(6, written_twice, 1), -1);
    assert_int_equal(write_broken(6, not_reserved, 1), -1);
    assert_int_equal(write_broken(6, number_zero, 1), -1);
    assert_int_equal(write_broken(6, object_stream_number, 1), -1);
    assert_int_equal(write_broken(6, NULL, 0), -1); /* no catalog */
    assert_int_equal(write_broken(6, NULL, 5), -1); /* past the last number */
    assert_int_equal(write_broken(0, NULL, 1), -1); /* levels libdeflate refuses */
    assert_int_equal(write_broken(13, NULL, 1), -1);
    assert_int_equal(pdfw_close(NULL, 1, 0, NULL), -1);
}

static void write_errors_and_abort(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "wb");
    if (full) {
        assert_int_equal(write_sample(full, 6, NULL), -1);
        fclose(full);
    }
    /* pdfw_abort writes nothing more: the header alone, the packed object
     * still in memory. */
    FILE *f = tmpfile();
    pdfw *w = pdfw_open(f, 6);
    unsigned n = pdfw_reserve(w);
    pdfw_object(w, n, "<< >>", 5);
    pdfw_abort(w);
    pdfw_abort(NULL);
    assert_int_equal(ftell(f), 15);
    fclose(f);
}

static void num_is(double v, int decimals, const char *want)
{
    bl_buf b = BL_BUF_INIT;
    bl_buf_putc(&b, '[');
    pdfw_num(&b, v, decimals);
    bl_buf_putc(&b, ']');
    char w[64];
    snprintf(w, sizeof w, "[%s]", want);
    if (strcmp(bl_buf_cstr(&b), w) != 0)
        fail_msg("pdfw_num(%.17g, %d): got %s, want %s", v, decimals, bl_buf_cstr(&b), w);
    bl_buf_free(&b);
}

static void numbers(void **state)
{
    (void)state;
    num_is(0.5, 2, "0.5");
    num_is(2.0, 2, "2");
    num_is(0, 6, "0");
    num_is(-0.0, 2, "0");
    num_is(-0.0001, 3, "0");
    num_is(-0.0004, 3, "0");
    num_is(-0.0005, 3, "-0.001");
    num_is(123.456789, 2, "123.46");
    num_is(123.456789, 6, "123.456789");
    num_is(123.456789, 0, "123");
    num_is(-123.456789, 4, "-123.4568");
    num_is(0.125, 2, "0.13"); /* half away from zero */
    num_is(-2.5, 0, "-3");
    num_is(10.0, 3, "10");
    num_is(100.10, 2, "100.1");
    num_is(0.000001, 6, "0.000001");
    num_is(0.0000004, 6, "0");
    num_is(595.2756, 2, "595.28");
    num_is(1e9, 2, "1000000000");
    num_is(-1e9, 6, "-1000000000");
    num_is(1234567.125, 3, "1234567.125");
    num_is(999999999.999, 2, "1000000000");
    num_is(1e30, 2, "1000000000000000000"); /* beyond any reader: capped */
    num_is(NAN, 2, "0");
    num_is(INFINITY, 2, "0");
    num_is(-INFINITY, 2, "0");
    num_is(1.5, 9, "1.5"); /* decimals past 6 are 6 */
    num_is(1.5, -1, "2");
}

static void text_is(const char *s, size_t n, const char *want)
{
    bl_buf b = BL_BUF_INIT;
    bl_buf_puts(&b, "x ");
    pdfw_text_string(&b, s, n);
    assert_string_equal(bl_buf_cstr(&b) + 2, want);
    assert_memory_equal(b.data, "x ", 2); /* appended */
    bl_buf_free(&b);
}

#define TEXT_IS(lit, want) text_is(lit, sizeof lit - 1, want)

static void text_strings(void **state)
{
    (void)state;
    TEXT_IS("", "()");
    TEXT_IS("Plain text", "(Plain text)");
    TEXT_IS("a(b)c\\d", "(a\\(b\\)c\\\\d)");
    TEXT_IS("tab\there\nnew\r\x7f", "(tab\\011here\\012new\\015\\177)");
    TEXT_IS("a\0b", "(a\\000b)");
    TEXT_IS("民生", "<FEFF6C11751F>");
    TEXT_IS("A 民(", "<FEFF004100206C110028>");
    TEXT_IS("\xF0\x9F\x98\x80", "<FEFFD83DDE00>");         /* U+1F600 */
    TEXT_IS("\xF4\x8F\xBF\xBF", "<FEFFDBFFDFFF>");         /* U+10FFFF */
    TEXT_IS("\xC3\xA9\xE2\x82\xAC", "<FEFF00E920AC>");     /* é € */
    TEXT_IS("\xFF", "<FEFFFFFD>");
    TEXT_IS("\xE6\xB0", "<FEFFFFFD>");                     /* cut short */
    TEXT_IS("\xE6\xB0" "A", "<FEFFFFFD0041>");
    TEXT_IS("\xC0\xAF", "<FEFFFFFDFFFD>");                 /* overlong */
    TEXT_IS("\xED\xA0\x80", "<FEFFFFFDFFFDFFFD>");         /* a surrogate */
    TEXT_IS("\xF4\x90\x80\x80", "<FEFFFFFDFFFDFFFDFFFD>"); /* past U+10FFFF */
    TEXT_IS("\x80" "b", "<FEFFFFFD0062>");
    /* n, not the NUL, ends the text */
    text_is("民生", 3, "<FEFF6C11>");
}

static void name_is(const char *s, const char *want)
{
    bl_buf b = BL_BUF_INIT;
    pdfw_name(&b, s);
    assert_string_equal(bl_buf_cstr(&b), want);
    bl_buf_free(&b);
}

static void names(void **state)
{
    (void)state;
    name_is("Type", "/Type");
    name_is("", "/");
    name_is("A B", "/A#20B");
    name_is("a#b/c", "/a#23b#2Fc");
    name_is("()<>[]{}%", "/#28#29#3C#3E#5B#5D#7B#7D#25");
    name_is("F1.0-x_y~!", "/F1.0-x_y~!");
    name_is("\x7f\x01", "/#7F#01");
    name_is("民", "/#E6#B0#91");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_for_qpdf),
        cmocka_unit_test(large_file),
        cmocka_unit_test(same_calls_same_bytes),
        cmocka_unit_test(refuses_unfinished),
        cmocka_unit_test(write_errors_and_abort),
        cmocka_unit_test(numbers),
        cmocka_unit_test(text_strings),
        cmocka_unit_test(names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
