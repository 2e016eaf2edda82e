/* test_pdf_finish.c - the PDF's creation date (which date wins, which
 * published dates are real calendar days); the streaming rewrite of
 * pdf_rewrite.c on a file of cairo's shape (dangling entries left out,
 * /StructParent(s) dropped but not inside strings, lengths made direct,
 * the same bytes twice, read back by qpdf without a warning), objects of
 * every syntax the lexer knows, more than one object stream's worth, an
 * object larger than the first read, and the files it refuses (cut short,
 * a broken startxref, table, trailer, object header or stream length,
 * unreadable input, unwritable output); the qpdf rewrite of pdf_finish.c on files cairo did not
 * write: a hand-made PDF with a broken cross-reference table is repaired
 * and loses its annotations' /StructParent keys; a file that is not a PDF
 * is refused with qpdf's reason, the temporary file left for the caller
 * to abort. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <qpdf/qpdf-c.h>

#include "buf.h"
#include "pdf_finish.h"
#include "pdf_lex.h"
#include "pdf_rewrite.h"

static void date_of(long long epoch, const char *published, char *out, size_t size)
{
    /* 2001-09-09T01:46:40Z: "now" when neither epoch nor a valid date. */
    bl_pdf_date(epoch, published, (time_t)1000000000, out, size);
}

static void epoch_wins(void **state)
{
    (void)state;
    char s[64];
    date_of(0, "2023-10-15", s, sizeof s);
    assert_string_equal(s, "1970-01-01T00:00:00Z");
    date_of(1700000000, NULL, s, sizeof s);
    assert_string_equal(s, "2023-11-14T22:13:20Z");
    date_of(-1, NULL, s, sizeof s);
    assert_string_equal(s, "2001-09-09T01:46:40Z");
    /* Too small a buffer for the date: an empty string, not a cut one. */
    char small[8];
    date_of(-1, NULL, small, sizeof small);
    assert_string_equal(small, "");
}

static void published_dates(void **state)
{
    (void)state;
    static const struct {
        const char *published;
        bool valid;
    } cases[] = {
        {"2023-10-15", true},  {"2024-02-29", true},   {"2000-02-29", true},
        {"2023-02-29", false}, {"1900-02-29", false},  {"2023-04-31", false},
        {"2023-12-31", true},  {"2023-13-01", false},  {"2023-00-10", false},
        {"2023-01-00", false}, {"1899-12-31", false},  {"2023/10/15", false},
        {"2023-1-15", false},  {"2023-10-155", false}, {"20x3-10-15", false},
        {"", false},           {"2023-10-1a", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char s[64], want[64];
        date_of(-1, cases[i].published, s, sizeof s);
        if (cases[i].valid)
            snprintf(want, sizeof want, "%sT00:00:00+08:00", cases[i].published);
        else
            snprintf(want, sizeof want, "%s", "2001-09-09T01:46:40Z");
        if (strcmp(s, want) != 0)
            fail_msg("published '%s': got %s, want %s", cases[i].published, s, want);
    }
}

/* A one-page PDF with a link annotation carrying /StructParent and a page
 * with /StructParents, and an xref table whose offsets are all wrong (as
 * cairo 1.16's dangling entries make qpdf repair it). */
static const char hand_pdf[] =
    "%PDF-1.5\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /StructParents 0\n"
    "  /Annots [4 0 R 5 0 R] >> endobj\n"
    "4 0 obj << /Type /Annot /Subtype /Link /Rect [0 0 10 10] /StructParent 1\n"
    "  /Border [0 0 0] >> endobj\n"
    "5 0 obj 42 endobj\n"
    "xref\n0 6\n0000000000 65535 f \n0000000001 00000 n \n0000000002 00000 n \n"
    "0000000003 00000 n \n0000000004 00000 n \n0000000005 00000 n \n"
    "trailer << /Size 6 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n";

/* A file of cairo 1.16's shape, its table made from the real offsets:
 * object 7 is a dangling entry (it points at object 8, the parent-tree
 * array that only names it), 5 holds the length of stream 4, the page
 * dictionary has a comment as cairo writes one, and the link's /Dest is a
 * string that looks like a key and a reference. */
static char *cairo_like(size_t *len)
{
    static const char *objs[] = {
        NULL,
        "<< /Type /Pages\n   /Kids [ 3 0 R ]\n   /Count 1\n>>",
        "<< /Type /Catalog\n   /Pages 1 0 R\n>>",
        "<< /Type /Page % 1\n   /Parent 1 0 R\n   /MediaBox [ 0 0 200 200 ]\n"
        "   /Contents 4 0 R\n   /StructParents 0\n   /Annots [ 6 0 R ]\n>>",
        "<< /Length 5 0 R\n>>\nstream\n0 0 m 90 90 l S\nendstream",
        "   15",
        "<< /Type /Annot\n   /Subtype /Link\n   /StructParent 1\n"
        "   /Rect [ 0 0 10 10 ]\n   /Dest (a \\) /StructParent 7 0 R)\n>>",
        NULL, /* dangling */
        "[\n  7 0 R\n]",
        "<< /Producer (cairo) >>",
    };
    enum { N = 10 };
    long long off[N] = {0};
    bl_buf b = BL_BUF_INIT;
    bl_buf_puts(&b, "%PDF-1.5\n");
    for (int i = 1; i < N; i++) {
        if (!objs[i])
            continue;
        off[i] = (long long)b.len;
        bl_buf_printf(&b, "%d 0 obj\n%s\nendobj\n", i, objs[i]);
    }
    off[7] = off[8];
    long long x = (long long)b.len;
    bl_buf_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", N);
    for (int i = 1; i < N; i++)
        bl_buf_printf(&b, "%010lld 00000 n \n", off[i]);
    bl_buf_printf(&b, "trailer\n<< /Size %d\n   /Root 2 0 R\n   /Info 9 0 R\n>>\n"
                      "startxref\n%lld\n%%%%EOF\n", N, x);
    *len = b.len;
    return bl_buf_detach(&b);
}

/* The input in a temporary file, rewritten to *out (malloc'd), with the
 * streams' lookup (may be NULL). */
static bl_rewrite_status rewrite_with(const char *in, size_t in_len,
                                      const bl_rewrite_streams *streams,
                                      char **out, size_t *out_len)
{
    FILE *src = tmpfile(), *dst = tmpfile();
    assert_non_null(src);
    assert_non_null(dst);
    assert_int_equal(fwrite(in, 1, in_len, src), in_len);
    assert_int_equal(fflush(src), 0);
    long long bytes = -1;
    bl_rewrite_status st =
        bl_pdf_rewrite(fileno(src), (long long)in_len, streams, dst, &bytes);
    long n = ftell(dst);
    *out = malloc((size_t)n + 1);
    rewind(dst);
    *out_len = fread(*out, 1, (size_t)n, dst);
    if (st == BL_REWRITE_OK)
        assert_int_equal(bytes, n);
    fclose(src);
    fclose(dst);
    return st;
}

/* The output read back by qpdf: no error, no warning, one page. */
static qpdf_data read_back(const char *out, size_t len)
{
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    assert_false(qpdf_read_memory(q, "out.pdf", out, len, NULL) & QPDF_ERRORS);
    assert_false(qpdf_check_pdf(q) & (QPDF_ERRORS | QPDF_WARNINGS));
    assert_false(qpdf_more_warnings(q));
    assert_int_equal(qpdf_get_num_pages(q), 1);
    return q;
}

static void reads_back_clean(const char *out, size_t len)
{
    qpdf_data q = read_back(out, len);
    qpdf_cleanup(&q);
}

static bl_rewrite_status rewrite_bytes(const char *in, size_t in_len, char **out,
                                       size_t *out_len)
{
    return rewrite_with(in, in_len, NULL, out, out_len);
}

/* A lookup for cairo_like()'s content stream: its 15 bytes stand for the
 * 18 at offset 3 of the file *ctx (answer: 1), or, with a NULL ctx, the
 * lookup fails (-1); any other data is not a placeholder (0). */
static int lookup_content(void *ctx, const unsigned char *data, int *fd,
                          long long *off, long long *len)
{
    if (memcmp(data, "0 0 m 90 90 l S", 15) != 0)
        return 0;
    if (!ctx)
        return -1;
    *fd = fileno((FILE *)ctx);
    *off = 3;
    *len = 18;
    return 1;
}

static void puts_deferred_streams_back(void **state)
{
    (void)state;
    size_t in_len, len;
    char *in = cairo_like(&in_len), *out;
    FILE *held = tmpfile();
    assert_non_null(held);
    assert_true(fputs("---REPLACED-DATA-HERE---", held) >= 0);
    assert_int_equal(fflush(held), 0);
    bl_rewrite_streams st = {15, lookup_content, held};
    assert_int_equal(rewrite_with(in, in_len, &st, &out, &len), BL_REWRITE_OK);
    assert_non_null(strstr(out, "<< /Length 18 >>\nstream\nREPLACED-DATA-HERE\nendstream"));
    qpdf_data q = read_back(out, len);
    qpdf_cleanup(&q);
    free(out);
    /* a length of another size is not shown to the lookup */
    st.token_len = 14;
    assert_int_equal(rewrite_with(in, in_len, &st, &out, &len), BL_REWRITE_OK);
    assert_non_null(strstr(out, "<< /Length 15 >>\nstream\n0 0 m 90 90 l S\nendstream"));
    free(out);
    /* a failed lookup is an I/O error, not a file of another shape */
    st = (bl_rewrite_streams){15, lookup_content, NULL};
    assert_int_equal(rewrite_with(in, in_len, &st, &out, &len), BL_REWRITE_IO);
    free(out);
    /* bytes the held file does not have: an I/O error too */
    assert_int_equal(ftruncate(fileno(held), 10), 0);
    st = (bl_rewrite_streams){15, lookup_content, held};
    assert_int_equal(rewrite_with(in, in_len, &st, &out, &len), BL_REWRITE_IO);
    free(out);
    fclose(held);
    free(in);
}

static void streams_cairo_shape(void **state)
{
    (void)state;
    size_t in_len, len, len2;
    char *in = cairo_like(&in_len), *out, *out2;
    assert_int_equal(rewrite_bytes(in, in_len, &out, &len), BL_REWRITE_OK);
    assert_int_equal(rewrite_bytes(in, in_len, &out2, &len2), BL_REWRITE_OK);
    assert_int_equal(len, len2);
    assert_memory_equal(out, out2, len); /* deterministic, /ID included */

    qpdf_data q = read_back(out, len);
    qpdf_oh page = qpdf_get_page_n(q, 0);
    assert_false(qpdf_oh_has_key(q, page, "/StructParents"));
    qpdf_oh link = qpdf_oh_get_array_item(q, qpdf_oh_get_key(q, page, "/Annots"), 0);
    assert_false(qpdf_oh_has_key(q, link, "/StructParent"));
    assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, link, "/Dest")),
                        "a ) /StructParent 7 0 R");
    qpdf_oh trailer = qpdf_get_trailer(q);
    assert_true(qpdf_oh_has_key(q, trailer, "/ID"));
    assert_true(qpdf_oh_has_key(q, trailer, "/Info"));
    /* entry 0; 1, 2, 3, 6, 9 packed; stream 4; one object stream; the
     * xref stream: the length object 5, the dangling entry 7 and the
     * array 8 are gone */
    assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, trailer, "/Size")), 9);
    qpdf_cleanup(&q);
    /* the stream's data as it was, its length direct */
    assert_non_null(strstr(out, "<< /Length 15 >>\nstream\n0 0 m 90 90 l S\nendstream"));
    free(out);
    free(out2);
    free(in);
}

static void refuses_other_shapes(void **state)
{
    (void)state;
    size_t len;
    char *out;
    static const char junk[] = "this is not a PDF at all\n";
    assert_int_equal(rewrite_bytes(junk, sizeof junk - 1, &out, &len), BL_REWRITE_FOREIGN);
    free(out);
    /* offsets that point at no object header: for qpdf to repair */
    assert_int_equal(rewrite_bytes(hand_pdf, sizeof hand_pdf - 1, &out, &len),
                     BL_REWRITE_FOREIGN);
    free(out);
    /* a trailer with /Prev (an update appended): not cairo's */
    size_t in_len;
    char *in = cairo_like(&in_len);
    memcpy(strstr(in, "/Info 9 0 R"), "/Prev", 5);
    assert_int_equal(rewrite_bytes(in, in_len, &out, &len), BL_REWRITE_FOREIGN);
    free(out);
    free(in);
}

/* The tokens of bytes cairo's objects may hold, one of each kind: white
 * space of every sort (a NUL too), delimiters, a stray '>', comments
 * ending in CR or at the end, signed and overlong numbers, strings, names
 * and unterminated strings. */
static void lexes_every_token(void **state)
{
    (void)state;
    static const char s[] = "\t\f{}x>]<<>>%c\r+ -7 +8 99999999999999999999 (a\\)b) /N\0x <41";
    static const struct {
        pdf_tok_type type;
        const char *text;
        long long value;
    } want[] = {
        {PDF_TOK_DELIM, "{", -1},       {PDF_TOK_DELIM, "}", -1},
        {PDF_TOK_WORD, "x", -1},        {PDF_TOK_DELIM, ">", -1},
        {PDF_TOK_ARRAY_CLOSE, "]", -1}, {PDF_TOK_DICT_OPEN, "<<", -1},
        {PDF_TOK_DICT_CLOSE, ">>", -1}, {PDF_TOK_WORD, "+", -1},
        {PDF_TOK_INT, "-7", -1},        {PDF_TOK_INT, "+8", 8},
        {PDF_TOK_INT, "99999999999999999999", -1},
        {PDF_TOK_STRING, "(a\\)b)", -1}, {PDF_TOK_NAME, "/N", -1},
        {PDF_TOK_WORD, "x", -1},        {PDF_TOK_BAD, "<41", -1},
        {PDF_TOK_END, "", -1},
    };
    size_t pos = 0, n = sizeof s - 1;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        pdf_tok t = pdf_lex_next(s, n, &pos);
        if (t.type != want[i].type || !pdf_tok_is(s, &t, want[i].text) ||
            pdf_tok_int(s, &t) != want[i].value)
            fail_msg("token %zu: type %d, '%.*s'", i, t.type, (int)(t.end - t.start),
                     s + t.start);
    }
    assert_int_equal(pos, n);
    /* a '<' or '>' as the last byte; a comment to the end; an open '(' */
    static const struct {
        const char *in;
        pdf_tok_type type;
    } last[] = {{"<", PDF_TOK_BAD}, {">", PDF_TOK_DELIM}, {"% x", PDF_TOK_END},
                {"(a (b)", PDF_TOK_BAD}};
    for (size_t i = 0; i < sizeof last / sizeof last[0]; i++) {
        pos = 0;
        pdf_tok t = pdf_lex_next(last[i].in, strlen(last[i].in), &pos);
        assert_int_equal(t.type, last[i].type);
        assert_int_equal(pos, strlen(last[i].in));
    }
}

/* A file of n objects (objs[i] is object i's value, NULL for a free
 * entry), its table made from the real offsets, with trailer_keys in the
 * trailer after /Size. */
static char *build_pdf(const char *const *objs, int n, const char *version,
                       const char *trailer_keys, size_t *len)
{
    long long *off = calloc((size_t)n, sizeof *off);
    bl_buf b = BL_BUF_INIT;
    bl_buf_printf(&b, "%%PDF-%s\n", version);
    for (int i = 1; i < n; i++) {
        if (!objs[i])
            continue;
        off[i] = (long long)b.len;
        bl_buf_printf(&b, "%d 0 obj\n%s\nendobj\n", i, objs[i]);
    }
    long long x = (long long)b.len;
    bl_buf_printf(&b, "xref\n0 %d\n0000000000 65535 f \n", n);
    for (int i = 1; i < n; i++)
        bl_buf_printf(&b, "%010lld %s \n", objs[i] ? off[i] : 0,
                      objs[i] ? "00000 n" : "00001 f");
    bl_buf_printf(&b, "trailer\n<< /Size %d %s >>\nstartxref\n%lld\n%%%%EOF\n", n,
                  trailer_keys, x);
    free(off);
    *len = b.len;
    return bl_buf_detach(&b);
}

/* Objects of every syntax the lexer knows: nested dictionaries and arrays,
 * strings with escapes and nested parentheses, hex strings, names with
 * #xx, comments ending in CR, signed numbers, /StructParent deep inside,
 * a free entry, a reference to it (null), an unreferenced object (gone),
 * no /Info, a stream whose "stream" and data end in CR LF, an /ID in the trailer,
 * and a 1.4 header (written as 1.5, for the object streams). */
static void rewrites_every_syntax(void **state)
{
    (void)state;
    static const char *const objs[] = {
        NULL,
        "<< /Type /Catalog /Pages 2 0 R /Extra << /A [ 1 [ 2 << /StructParent 3 >> ] "
        "-4 +5 0.5 true ] /S (x (nested (deep)) \\( \\\\ \\n end) /H <48 65> "
        "/N#20x /Name#41 /Free 5 0 R >> >>",
        "<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R % a comment\r /MediaBox [ 0 0 200 200 ] "
        "/Contents 4 0 R /StructParents 7 >>",
        "<< /Length 7 >>\nstream\r\nq 1 w Q\r\nendstream",
        NULL, /* free */
        "(never referenced)",
    };
    size_t in_len, len;
    char *in = build_pdf(objs, 7, "1.4", "/Root 1 0 R /ID [ <01> <02> ]", &in_len);
    char *out;
    assert_int_equal(rewrite_bytes(in, in_len, &out, &len), BL_REWRITE_OK);
    assert_memory_equal(out, "%PDF-1.5\n", 9);
    qpdf_data q = read_back(out, len);
    qpdf_oh trailer = qpdf_get_trailer(q);
    assert_false(qpdf_oh_has_key(q, trailer, "/Info"));
    /* 1, 2, 3 packed; stream 4; one object stream; the xref stream; 0 */
    assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, trailer, "/Size")), 7);
    qpdf_oh extra = qpdf_oh_get_key(q, qpdf_get_root(q), "/Extra");
    assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, extra, "/S")),
                        "x (nested (deep)) ( \\ \n end");
    assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, extra, "/H")), "He");
    assert_true(qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, extra, "/N x"), "/NameA"));
    assert_true(qpdf_oh_is_null(q, qpdf_oh_get_key(q, extra, "/Free")));
    qpdf_oh a = qpdf_oh_get_key(q, extra, "/A");
    assert_int_equal(qpdf_oh_get_array_n_items(q, a), 6);
    assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, a, 2)), -4);
    qpdf_oh inner = qpdf_oh_get_array_item(q, qpdf_oh_get_array_item(q, a, 1), 1);
    assert_true(qpdf_oh_is_dictionary(q, inner));
    assert_false(qpdf_oh_has_key(q, inner, "/StructParent"));
    assert_false(qpdf_oh_has_key(q, qpdf_get_page_n(q, 0), "/StructParents"));
    qpdf_cleanup(&q);
    assert_non_null(strstr(out, "<< /Length 7 >>\nstream\nq 1 w Q\nendstream"));
    assert_null(strstr(out, "never referenced"));
    free(out);
    free(in);
}

/* More objects than one object stream holds (100), and an object larger
 * than the first read of 64 KiB: both written whole. */
static void rewrites_many_and_large(void **state)
{
    (void)state;
    enum { N = 130 };
    char *objs[N] = {NULL};
    objs[1] = strdup("<< /Type /Catalog /Pages 2 0 R /Many 5 0 R /Big 6 0 R >>");
    objs[2] = strdup("<< /Type /Pages /Kids [ 3 0 R ] /Count 1 >>");
    objs[3] = strdup("<< /Type /Page /Parent 2 0 R /MediaBox [ 0 0 9 9 ] >>");
    objs[4] = strdup("0");
    bl_buf many = BL_BUF_INIT;
    bl_buf_puts(&many, "[");
    for (int i = 7; i < N; i++) {
        bl_buf_printf(&many, " %d 0 R", i);
        objs[i] = malloc(16);
        snprintf(objs[i], 16, "%d", i * 3);
    }
    bl_buf_puts(&many, " ]");
    objs[5] = bl_buf_detach(&many);
    size_t big = 70000;
    objs[6] = malloc(big + 3);
    objs[6][0] = '(';
    memset(objs[6] + 1, 'z', big);
    strcpy(objs[6] + 1 + big, ")");
    size_t in_len, len;
    char *in = build_pdf((const char *const *)objs, N, "1.7", "/Root 1 0 R", &in_len);
    char *out;
    assert_int_equal(rewrite_bytes(in, in_len, &out, &len), BL_REWRITE_OK);
    assert_memory_equal(out, "%PDF-1.7\n", 9);
    qpdf_data q = read_back(out, len);
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh arr = qpdf_oh_get_key(q, root, "/Many");
    assert_int_equal(qpdf_oh_get_array_n_items(q, arr), N - 7);
    for (int i = 7; i < N; i++)
        assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, arr, i - 7)),
                         i * 3);
    assert_int_equal(strlen(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, root, "/Big"))),
                     big);
    /* object 4, which nothing names, is gone: 0 + 128 packed + 2 object
     * streams + the xref stream */
    assert_int_equal(
        qpdf_oh_get_int_value(q, qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Size")), 132);
    qpdf_cleanup(&q);
    free(out);
    free(in);
    for (int i = 0; i < N; i++)
        free(objs[i]);
}

/* cairo_like() with the first `from` after `after` replaced by `to` (of
 * the same length, so that every offset still holds); its status. */
static bl_rewrite_status rewrite_edited(const char *after, const char *from,
                                        const char *to)
{
    size_t in_len, len;
    char *in = cairo_like(&in_len), *out;
    char *at = strstr(strstr(in, after), from);
    assert_non_null(at);
    assert_int_equal(strlen(from), strlen(to));
    memcpy(at, to, strlen(to));
    bl_rewrite_status st = rewrite_bytes(in, in_len, &out, &len);
    free(out);
    free(in);
    return st;
}

/* Each of these edits makes the file one cairo does not write: the
 * rewrite refuses it (and pdf_finish.c falls back on qpdf). */
static void refuses_broken_files(void **state)
{
    (void)state;
    static const struct {
        const char *after, *from, *to;
    } edits[] = {
        {"%PDF", "%PDF-1.", "%PDX-1."},             /* no PDF header */
        {"%PDF", "%PDF-1.5", "%PDF-1.x"},           /* no version digit */
        {"startxref", "startxref", "startxrex"},    /* no startxref */
        {"startxref", "startxref\n", "startxref-"}, /* its offset not a number */
        {"startxref", "startxref\n", "startxref9"}, /* ... past the end */
        {"xref", "xref\n0", "xrex\n0"},             /* not a classic table */
        {"xref", "xref\n0 10", "xref\n0 99"},       /* more entries than bytes */
        {"xref", "xref\n0 10", "xref\n- 10"},       /* no first number */
        {"xref\n", "00000 n", "00001 n"},           /* a generation not 0 */
        {"xref\n", "0000000009 00000 n", "000000000x 00000 n"}, /* bad offset */
        {"xref\n", "00000 n", "00000 ("},           /* no n or f */
        {"xref\n", "0000000009 00000 n", "9999999999 00000 n"}, /* past the end */
        {"trailer", "<< /Size", "[[ /Size"},        /* no dictionary */
        {"trailer", "/Size 10", "/Size 11"},        /* a /Size not the table's */
        {"trailer", "/Size 10", "/Size  R"},        /* not a number */
        {"trailer", "/Root 2 0 R", "/Root 0 0 R"},  /* root 0 */
        {"trailer", "/Root 2 0 R", "/Root 9 9 9"},  /* no root reference */
        {"trailer", "/Root 2 0 R", "/Root 2 0 X"},  /* ... either */
        {"trailer", "/Info 9 0 R", "/Encrypt 9 "},  /* an encrypted file */
        {"trailer", "/Info 9 0 R", "(x) 9 0 R  "},  /* a key not a name */
        {"trailer", "/Info 9 0 R", "/Info 9 R  "},  /* /Info not a reference */
        {"1 0 obj", "1 0 obj", "1 1 obj"},          /* a wrong generation */
        {"1 0 obj", "1 0 obj", "1 0 obx"},          /* no obj keyword */
        {"3 0 obj", "3 0 obj", "4 0 obj"},          /* another object's number */
        {"9 0 obj", "endobj", "endobx"},            /* no endobj */
        {"2 0 obj", "1 0 R", "1 0 ]"},              /* an array closed in a dict */
        {"2 0 obj", "/Catalog\n   /Pages 1 0 R", "/Catalog   /Pages 10 0 R"}, /* past /Size */
        {"2 0 obj", "1 0 R", "0 0 R"},              /* a reference to entry 0 */
        {"2 0 obj", "/Pages", "(Pages"},            /* an unterminated string */
        {"4 0 obj", "stream\n", "stream "},         /* stream without EOL */
        {"4 0 obj", "/Length 5 0 R", "/Lengtx 5 0 R"}, /* a stream without length */
        {"4 0 obj", "/Length 5 0 R", "/Length 1 0 R"}, /* length a dictionary */
        {"4 0 obj", "/Length 5 0 R", "/Length 4 0 R"}, /* length a stream */
        {"4 0 obj", "/Length 5 0 R", "/Length 7 0 R"}, /* length a dangling entry */
        {"4 0 obj", "/Length 5 0 R", "/Length 14   "}, /* a wrong direct length */
        {"4 0 obj", "/Length 5 0 R", "/Length 99999"}, /* past the object */
        {"5 0 obj", "   15", "15 15"},              /* a length of two tokens */
        {"5 0 obj", "   15", "   13"},              /* a wrong length */
        {"5 0 obj", "   15", "  -15"},              /* a negative length */
        {"6 0 obj", "/StructParent 1", "/StructParent /"}, /* its value not a number */
        {"%PDF", "%PDF-1.5", "%PDF-1./"},           /* a version below '0' */
        {"xref", "xref\n0 10", "xref\n0 -1"},       /* a negative count */
        {"xref", "xref\n0 10", "xref\n9999"},       /* a first entry past the table */
        {"xref\n", "00000 n", "-0000 n"},           /* a negative generation */
        {"xref\n", "0000000009 00000 n", "0000000008 00000 n"}, /* white space first */
        {"trailer", "/Size 10\n   /Root 2 0 R", "/Size 2 0 R /Root 2 0 R"}, /* a /Size ref */
        {"trailer", "/Size 10\n   /Root 2 0 R\n   /Info 9 0 R",
         "/Size 10 /Root 2 0 R /Info 10 0 R     "}, /* /Info past /Size */
    };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        bl_rewrite_status st = rewrite_edited(edits[i].after, edits[i].from, edits[i].to);
        if (st != BL_REWRITE_FOREIGN)
            fail_msg("edit %zu (%s -> %s): status %d", i, edits[i].from, edits[i].to, st);
    }
}

/* Edits the rewrite takes: an entry 0 marked in use (never an object),
 * /Info naming a dangling entry (no /Info written) or the catalog. */
static void takes_odd_but_whole_files(void **state)
{
    (void)state;
    static const struct {
        const char *after, *from, *to;
        bool info;
    } edits[] = {
        {"xref", "65535 f", "00000 n", true},
        {"trailer", "/Info 9 0 R", "/Info 7 0 R", false},
        {"trailer", "/Info 9 0 R", "/Info 2 0 R", true},
    };
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        size_t in_len, len;
        char *in = cairo_like(&in_len), *out;
        char *at = strstr(strstr(in, edits[i].after), edits[i].from);
        assert_non_null(at);
        memcpy(at, edits[i].to, strlen(edits[i].to));
        if (rewrite_bytes(in, in_len, &out, &len) != BL_REWRITE_OK)
            fail_msg("edit %zu (%s -> %s) refused", i, edits[i].from, edits[i].to);
        qpdf_data q = read_back(out, len);
        assert_int_equal(qpdf_oh_has_key(q, qpdf_get_trailer(q), "/Info"), edits[i].info);
        qpdf_cleanup(&q);
        free(out);
        free(in);
    }
}

/* Files cut short, and input that cannot be read or output written. */
static void refuses_short_files_and_io(void **state)
{
    (void)state;
    size_t in_len, len;
    char *in = cairo_like(&in_len), *out;
    /* cut in the header, the objects, the startxref offset */
    size_t cuts[] = {0, 10, in_len / 2, in_len - 9};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        assert_int_equal(rewrite_bytes(in, cuts[i], &out, &len), BL_REWRITE_FOREIGN);
        free(out);
    }
    /* only the %%EOF line gone: the offset still holds, the file is taken */
    assert_int_equal(rewrite_bytes(in, in_len - 7, &out, &len), BL_REWRITE_OK);
    reads_back_clean(out, len);
    free(out);
    /* a size larger than the file: the reads come short */
    FILE *src = tmpfile();
    assert_non_null(src);
    assert_int_equal(fwrite(in, 1, in_len, src), in_len);
    fflush(src);
    FILE *dst = tmpfile();
    long long bytes = -1;
    assert_int_equal(bl_pdf_rewrite(fileno(src), (long long)in_len + 100, NULL, dst, &bytes),
                     BL_REWRITE_FOREIGN);
    assert_int_equal(bytes, -1);
    fclose(dst);
    /* output that cannot be written */
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        assert_int_equal(bl_pdf_rewrite(fileno(src), (long long)in_len, NULL, full, &bytes),
                         BL_REWRITE_IO);
        fclose(full);
    }
    fclose(src);
    free(in);
}

static void open_with(bl_atomic_file *f, char *dir, const char *content)
{
    bl_error err = {0};
    char path[1100];
    snprintf(path, sizeof path, "%s/out.pdf", dir);
    assert_int_equal(bl_atomic_open(f, path, &err), BL_OK);
    fputs(content, f->fp);
}

static void repairs_and_drops_struct_parents(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_pdf_finish-XXXXXX";
    assert_non_null(mkdtemp(dir));
    bl_atomic_file f;
    open_with(&f, dir, hand_pdf);
    bl_error err = {0};
    long long bytes = -1;
    assert_int_equal(bl_pdf_finish(&f, "out.pdf", NULL, &bytes, &err), BL_OK);
    assert_int_equal(bl_atomic_commit(&f, &err), BL_OK);

    char path[1100];
    snprintf(path, sizeof path, "%s/out.pdf", dir);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char data[1 << 16];
    size_t n = fread(data, 1, sizeof data, fp);
    fclose(fp);
    assert_int_equal((long long)n, bytes);
    assert_memory_equal(data, "%PDF-", 5);

    /* Read back: one page, its annotation without /StructParent, the page
     * without /StructParents, the non-dictionary annotation kept. */
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    assert_false(qpdf_read_memory(q, "out.pdf", data, n, NULL) & QPDF_ERRORS);
    assert_int_equal(qpdf_get_num_pages(q), 1);
    qpdf_oh page = qpdf_get_page_n(q, 0);
    assert_false(qpdf_oh_has_key(q, page, "/StructParents"));
    qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
    assert_int_equal(qpdf_oh_get_array_n_items(q, annots), 2);
    qpdf_oh link = qpdf_oh_get_array_item(q, annots, 0);
    assert_true(qpdf_oh_is_dictionary(q, link));
    assert_true(qpdf_oh_has_key(q, link, "/Rect"));
    assert_false(qpdf_oh_has_key(q, link, "/StructParent"));
    assert_int_equal(qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, annots, 1)), 42);
    qpdf_cleanup(&q);

    unlink(path);
    rmdir(dir);
}

static void not_a_pdf_refused(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_pdf_finish-XXXXXX";
    assert_non_null(mkdtemp(dir));
    bl_atomic_file f;
    open_with(&f, dir, "this is not a PDF at all\n");
    bl_error err = {0};
    long long bytes = -1;
    assert_int_equal(bl_pdf_finish(&f, "out.pdf", NULL, &bytes, &err), BL_EIO);
    assert_int_equal(bytes, -1);
    assert_string_equal(err.file, "out.pdf");
    assert_non_null(strstr(err.message, "cannot read back the PDF: "));
    /* qpdf's own reason follows, not the fallback. */
    assert_null(strstr(err.message, "qpdf failed"));
    assert_int_equal(access(f.tmp_path, F_OK), 0);
    bl_atomic_abort(&f);
    char path[1100];
    snprintf(path, sizeof path, "%s/out.pdf", dir);
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_equal(rmdir(dir), 0); /* nothing left behind */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(epoch_wins),
        cmocka_unit_test(published_dates),
        cmocka_unit_test(streams_cairo_shape),
        cmocka_unit_test(puts_deferred_streams_back),
        cmocka_unit_test(refuses_other_shapes),
        cmocka_unit_test(lexes_every_token),
        cmocka_unit_test(rewrites_every_syntax),
        cmocka_unit_test(rewrites_many_and_large),
        cmocka_unit_test(refuses_broken_files),
        cmocka_unit_test(takes_odd_but_whole_files),
        cmocka_unit_test(refuses_short_files_and_io),
        cmocka_unit_test(repairs_and_drops_struct_parents),
        cmocka_unit_test(not_a_pdf_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
