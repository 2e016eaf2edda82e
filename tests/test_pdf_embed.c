/* test_pdf_embed.c - a face's shown glyphs embedded as a Type 0 font
 * (pdf_embed.h) in one-page PDFs written through pdfw.h: advances in
 * 1/1000 em (a CJK glyph of WenQuanYi Micro Hei is 1000), /DW and the
 * compact /W, the ToUnicode CMap (first text kept, blocks of 100,
 * surrogate pairs), a CIDToGIDMap that sends each CID to the same outline
 * in the subset, the subset's tables, the tag made from the glyph set,
 * the same bytes for the same calls, CFF faces refused; and end to end
 * what qpdf --check, pdffonts and pdftotext make of the file. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <hb-ot.h>
#include <hb.h>
#include <zlib.h>

#include "buf.h"
#include "pdf_embed.h"
#include "pdfw.h"
#include "text.h"

#define WQY "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
#define UMING "/usr/share/fonts/truetype/arphic/uming.ttc"
#define WENKAI "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
#define TEXT "民生实事"

enum { MAX_GLYPHS = 512 };

/* ---- files ------------------------------------------------------------- */

/* A directory of this run's PDFs, under the build directory (or $TMPDIR):
 * the tests may be run from the source tree. */
static char scratch[1024];

static int make_scratch(void **state)
{
    (void)state;
    const char *base = getenv("BL_BUILD_DIR");
    if (!base)
        base = getenv("TMPDIR");
    if (!base)
        base = "/tmp";
    snprintf(scratch, sizeof scratch, "%s/test_pdf_embed.XXXXXX", base);
    return mkdtemp(scratch) ? 0 : -1;
}

/* Empty unless a test failed and left its file for a look. */
static int remove_scratch(void **state)
{
    (void)state;
    if (rmdir(scratch) != 0)
        fprintf(stderr, "# files of failed tests kept in %s\n", scratch);
    return 0;
}

static void scratch_file(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s.pdf", scratch, name);
}

static void slurp(const char *path, bl_buf *out)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        bl_buf_append(out, chunk, n);
    fclose(f);
}

static hb_face_t *load_face(const char *path, unsigned index)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob)
        return NULL;
    hb_face_t *face = hb_face_create(blob, index);
    hb_blob_destroy(blob);
    return face;
}

/* WenQuanYi Micro Hei, or the test skipped. */
static hb_face_t *wqy_or_skip(void)
{
    hb_face_t *face = load_face(WQY, 0);
    if (!face) {
        print_message("skipped: %s is not installed\n", WQY);
        skip();
    }
    return face;
}

/* ---- the PDFs ---------------------------------------------------------- */

/* Each character of text used in e as its nominal glyph in face, with
 * the character as its text; the glyphs go to gids (at most MAX_GLYPHS).
 * Returns how many. */
static size_t use_text(pdf_embed *e, hb_face_t *face, const char *text,
                       uint32_t *gids)
{
    hb_font_t *font = hb_font_create(face);
    const char *p = text, *end = text + strlen(text);
    size_t n = 0;
    for (;;) {
        const char *at = p;
        uint32_t cp = bl_utf8_next(&p, end);
        if (!cp || n == MAX_GLYPHS)
            break;
        hb_codepoint_t g = 0;
        assert_true(hb_font_get_nominal_glyph(font, cp, &g));
        pdf_embed_use(e, g, at, (size_t)(p - at));
        gids[n++] = g;
    }
    hb_font_destroy(font);
    return n;
}

/* A one-page PDF at path showing gids[0..n) in e's font at 12 pt:
 * catalog, pages, page, content stream and the font pdf_embed_write
 * writes. Returns what pdf_embed_write returned; on -1 the file is
 * abandoned. */
static int write_page(const char *path, pdf_embed *e, const uint32_t *gids, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    pdfw *w = pdfw_open(f, 6);
    assert_non_null(w);
    unsigned catalog = pdfw_reserve(w), pages = pdfw_reserve(w);
    unsigned page = pdfw_reserve(w), content = pdfw_reserve(w);
    unsigned font = pdfw_reserve(w);
    bl_buf c = BL_BUF_INIT;
    bl_buf_puts(&c, "BT /F1 12 Tf 72 720 Td <");
    for (size_t i = 0; i < n; i++)
        bl_buf_printf(&c, "%04X", (unsigned)gids[i]);
    bl_buf_puts(&c, "> Tj ET\n");
    pdfw_stream(w, content, "", c.data, c.len, true);
    bl_buf_free(&c);
    pdfw_objectf(w, page,
                 "<< /Type /Page /Parent %u 0 R /MediaBox [0 0 595 842]"
                 " /Resources << /Font << /F1 %u 0 R >> >> /Contents %u 0 R >>",
                 pages, font, content);
    pdfw_objectf(w, pages, "<< /Type /Pages /Kids [%u 0 R] /Count 1 >>", page);
    pdfw_objectf(w, catalog, "<< /Type /Catalog /Pages %u 0 R >>", pages);
    int r = pdf_embed_write(e, w, font);
    if (r == 0)
        assert_int_equal(pdfw_close(w, catalog, 0, NULL), 0);
    else
        pdfw_abort(w);
    fclose(f);
    return r;
}

/* The page of text in face at path; returns the file's bytes in out. */
static void text_page(const char *path, hb_face_t *face, const char *text,
                      bl_buf *out)
{
    pdf_embed *e = pdf_embed_new(face);
    uint32_t gids[MAX_GLYPHS];
    size_t n = use_text(e, face, text, gids);
    assert_int_equal(write_page(path, e, gids, n), 0);
    pdf_embed_free(e);
    slurp(path, out);
}

/* ---- reading them back ------------------------------------------------- */

/* zlib data at p (at most n bytes) inflated onto out; false (out as it
 * was) when it is not zlib data. */
static bool inflate_onto(const char *p, size_t n, bl_buf *out)
{
    z_stream z = {0};
    if (inflateInit(&z) != Z_OK)
        return false;
    size_t was = out->len;
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)n;
    int r;
    do {
        bl_buf_grow(out, 65536);
        z.next_out = (Bytef *)out->data + out->len;
        z.avail_out = 65536;
        r = inflate(&z, Z_NO_FLUSH);
        out->len += 65536 - z.avail_out;
    } while (r == Z_OK);
    inflateEnd(&z);
    if (r != Z_STREAM_END)
        out->len = was;
    return r == Z_STREAM_END;
}

/* Where the data of the stream whose "stream" keyword is at p starts. */
static const char *stream_data(const char *p)
{
    p += strlen("stream");
    return p + (*p == '\r') + 1;
}

/* Every stream of the file inflated, one after the other (the object
 * streams give the dictionaries' text). */
static void inflate_all(const bl_buf *file, bl_buf *out)
{
    const char *p = file->data, *end = file->data + file->len;
    while ((p = memmem(p, (size_t)(end - p), "stream", 6)) != NULL) {
        bool keyword = p - file->data >= 3 && memcmp(p - 3, "end", 3) != 0;
        const char *d = stream_data(p);
        p += 6;
        if (keyword && d < end && inflate_onto(d, (size_t)(end - d), out))
            bl_buf_putc(out, '\n');
    }
}

/* The inflated data of stream object num. */
static void stream_of(const bl_buf *file, unsigned num, bl_buf *out)
{
    char head[32];
    int n = snprintf(head, sizeof head, "\n%u 0 obj\n", num);
    const char *end = file->data + file->len;
    const char *p = memmem(file->data, file->len, head, (size_t)n);
    assert_non_null(p);
    p = memmem(p, (size_t)(end - p), ">>\nstream", 9);
    assert_non_null(p);
    const char *d = stream_data(p + 3);
    assert_true(inflate_onto(d, (size_t)(end - d), out));
}

static bool has(const bl_buf *b, const char *s)
{
    return memmem(b->data, b->len, s, strlen(s)) != NULL;
}

static size_t count(const bl_buf *b, const char *s)
{
    size_t n = 0, k = strlen(s);
    const char *p = b->data, *end = b->data + b->len;
    while ((p = memmem(p, (size_t)(end - p), s, k)) != NULL) {
        n++;
        p += k;
    }
    return n;
}

/* The object number after key ("/FontFile2 " ...). */
static unsigned ref_after(const bl_buf *b, const char *key)
{
    const char *p = memmem(b->data, b->len, key, strlen(key));
    assert_non_null(p);
    return (unsigned)strtoul(p + strlen(key), NULL, 10);
}

/* The font's /BaseFont, e.g. "ABCDEF+WenQuanYiMicroHei". */
static void base_font(const bl_buf *dicts, char *out, size_t n)
{
    const char *p = memmem(dicts->data, dicts->len, "/BaseFont /", 11);
    assert_non_null(p);
    p += 11;
    size_t k = strcspn(p, " /<>[]\n");
    assert_true(k < n);
    memcpy(out, p, k);
    out[k] = '\0';
}

/* ---- the tools --------------------------------------------------------- */

static bool have_tool(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

static void tools_or_skip(void)
{
    static const char *const tools[] = {"qpdf", "pdffonts", "pdftotext"};
    for (size_t i = 0; i < sizeof tools / sizeof *tools; i++)
        if (!have_tool(tools[i])) {
            print_message("skipped: %s is not installed\n", tools[i]);
            skip();
        }
}

/* cmd's standard output in out; returns its exit status. */
static int run(const char *cmd, bl_buf *out)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        bl_buf_append(out, chunk, n);
    bl_buf_putc(out, '\0');
    out->len--;
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- the tests --------------------------------------------------------- */

static void test_advance_cjk(void **state)
{
    (void)state;
    hb_face_t *face = wqy_or_skip();
    hb_font_t *font = hb_font_create(face);
    hb_codepoint_t min, a;
    assert_true(hb_font_get_nominal_glyph(font, 0x6C11 /* 民 */, &min));
    assert_true(hb_font_get_nominal_glyph(font, 'A', &a));
    pdf_embed *e = pdf_embed_new(face);
    assert_true(pdf_embed_advance(e, min) == 1000.0);
    /* hmtx's advance in 1/1000 em, to two decimals */
    double want = hb_font_get_glyph_h_advance(font, a) * 1000.0 / hb_face_get_upem(face);
    assert_float_equal(pdf_embed_advance(e, a), want, 0.005);
    assert_true(pdf_embed_advance(e, a) != 1000.0);
    pdf_embed_free(e);
    hb_font_destroy(font);
    hb_face_destroy(face);
}

/* A face of one table, tag, of junk. */
static hb_face_t *built_face(hb_tag_t tag)
{
    static const char junk[64];
    hb_face_t *face = hb_face_builder_create();
    hb_blob_t *b = hb_blob_create(junk, sizeof junk, HB_MEMORY_MODE_READONLY,
                                  NULL, NULL);
    hb_face_builder_add_table(face, tag, b);
    hb_blob_destroy(b);
    return face;
}

/* pdf_embed_write on face fails, leaving the writer as it was. */
static void refused(hb_face_t *face)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    pdfw *w = pdfw_open(f, 6);
    unsigned font = pdfw_reserve(w);
    pdf_embed *e = pdf_embed_new(face);
    pdf_embed_use(e, 1, "x", 1);
    assert_int_equal(pdf_embed_write(e, w, font), -1);
    /* nothing reserved (no object was written that could take a number) */
    assert_int_equal(pdfw_reserve(w), font + 1);
    pdf_embed_free(e);
    pdfw_abort(w);
    fclose(f);
}

/* The first CFF face fontconfig knows, or NULL. */
static hb_face_t *installed_cff(char *path, size_t n)
{
    bl_buf out = BL_BUF_INIT;
    run("fc-list :fontformat=CFF file 2>/dev/null | sort | head -n 1", &out);
    char *colon = out.len ? strchr(out.data, ':') : NULL;
    hb_face_t *face = NULL;
    if (colon) {
        *colon = '\0';
        snprintf(path, n, "%s", out.data);
        face = load_face(path, 0);
    }
    bl_buf_free(&out);
    return face;
}

static void test_cff_refused(void **state)
{
    (void)state;
    hb_face_t *face = built_face(HB_TAG('C', 'F', 'F', ' '));
    refused(face);
    hb_face_destroy(face);
    face = built_face(HB_TAG('C', 'F', 'F', '2'));
    refused(face);
    hb_face_destroy(face);
    /* no outlines at all (a bitmap-only face) */
    face = built_face(HB_TAG('h', 'e', 'a', 'd'));
    refused(face);
    hb_face_destroy(face);

    char path[4096];
    face = installed_cff(path, sizeof path);
    if (!face) {
        print_message("no CFF face installed (fc-list :fontformat=CFF): only "
                      "built faces checked\n");
        return;
    }
    refused(face);
    hb_face_destroy(face);
}

/* A font of no glyph is .notdef alone, still a valid file. */
static void test_no_glyphs(void **state)
{
    (void)state;
    hb_face_t *face = wqy_or_skip();
    char path[4096], cmd[8192];
    scratch_file(path, sizeof path, "empty");
    pdf_embed *e = pdf_embed_new(face);
    assert_int_equal(write_page(path, e, NULL, 0), 0);
    pdf_embed_free(e);
    if (have_tool("qpdf")) {
        bl_buf out = BL_BUF_INIT;
        snprintf(cmd, sizeof cmd, "qpdf --check '%s' 2>&1", path);
        assert_int_equal(run(cmd, &out), 0);
        bl_buf_free(&out);
    } else {
        print_message("qpdf is not installed: the file is not checked\n");
    }
    hb_face_destroy(face);
    unlink(path);
}

/* qpdf --check passes, pdffonts lists one embedded CID TrueType subset
 * with a ToUnicode map, and pdftotext reads TEXT back. */
static void check_tools(const char *path)
{
    char cmd[8192];
    bl_buf out = BL_BUF_INIT;
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' 2>&1", path);
    assert_int_equal(run(cmd, &out), 0);
    assert_true(has(&out, "No syntax or stream encoding errors"));

    bl_buf_reset(&out);
    snprintf(cmd, sizeof cmd, "pdffonts '%s' 2>&1", path);
    assert_int_equal(run(cmd, &out), 0);
    print_message("%s", out.data);
    const char *line = strstr(out.data, "\n---");
    assert_non_null(line);
    line = strchr(line + 1, '\n') + 1;
    assert_non_null(strstr(line, "CID TrueType"));
    assert_non_null(strstr(line, "Identity-H"));
    assert_non_null(strstr(line, "yes yes yes"));

    bl_buf_reset(&out);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' - 2>&1", path);
    assert_int_equal(run(cmd, &out), 0);
    while (out.len && strchr(" \n\f", out.data[out.len - 1]))
        out.data[--out.len] = '\0';
    assert_string_equal(out.data, TEXT);
    bl_buf_free(&out);
}

/* The FontFile2's size, inflated and as in the file. */
static void print_sizes(const char *name, const bl_buf *file)
{
    bl_buf dicts = BL_BUF_INIT, font = BL_BUF_INIT;
    inflate_all(file, &dicts);
    unsigned num = ref_after(&dicts, "/FontFile2 ");
    stream_of(file, num, &font);
    char head[32];
    snprintf(head, sizeof head, "\n%u 0 obj\n", num);
    const char *obj = memmem(file->data, file->len, head, strlen(head));
    const char *len = strstr(obj, "/Length ");
    const char *len1 = strstr(obj, "/Length1 ");
    assert_int_equal(strtoul(len1 + 9, NULL, 10), font.len);
    print_message("%s: FontFile2 %zu bytes (%lu deflated), the PDF %zu bytes\n",
                  name, font.len, strtoul(len + 8, NULL, 10), file->len);
    bl_buf_free(&dicts);
    bl_buf_free(&font);
}

static void test_one_page(void **state)
{
    (void)state;
    tools_or_skip();
    static const struct {
        const char *path;
        unsigned index;
        const char *name;
    } faces[] = {
        {WQY, 0, "wqy-microhei"},
        {UMING, 0, "uming-cn"},
        {WENKAI, 0, "lxgw-wenkai"},
    };
    size_t done = 0;
    for (size_t i = 0; i < sizeof faces / sizeof *faces; i++) {
        hb_face_t *face = load_face(faces[i].path, faces[i].index);
        if (!face) {
            print_message("%s is not installed\n", faces[i].path);
            continue;
        }
        char path[4096];
        scratch_file(path, sizeof path, faces[i].name);
        bl_buf file = BL_BUF_INIT;
        text_page(path, face, TEXT, &file);
        check_tools(path);
        print_sizes(faces[i].name, &file);
        bl_buf_free(&file);
        hb_face_destroy(face);
        unlink(path);
        done++;
    }
    if (!done) {
        print_message("skipped: none of the faces is installed\n");
        skip();
    }
}

/* /DW is the common CJK width and /W lists only the others, runs of
 * consecutive glyphs in one array; a glyph id the face does not have is
 * left out. */
static void test_widths(void **state)
{
    (void)state;
    hb_face_t *face = wqy_or_skip();
    char path[4096];
    scratch_file(path, sizeof path, "widths");
    pdf_embed *e = pdf_embed_new(face);
    uint32_t gids[MAX_GLYPHS];
    size_t n = use_text(e, face, "民生AB实事i", gids);
    pdf_embed_use(e, hb_face_get_glyph_count(face) + 5, "?", 1);
    assert_int_equal(write_page(path, e, gids, n), 0);

    bl_buf file = BL_BUF_INIT, dicts = BL_BUF_INIT, want = BL_BUF_INIT;
    slurp(path, &file);
    inflate_all(&file, &dicts);
    assert_true(has(&dicts, "/DW 1000 "));
    /* A and B are neighbours in the face; i is on its own */
    assert_int_equal(gids[3], gids[2] + 1);
    bl_buf_printf(&want, "/W [%u [", (unsigned)gids[2]);
    pdfw_num(&want, pdf_embed_advance(e, gids[2]), 2);
    bl_buf_putc(&want, ' ');
    pdfw_num(&want, pdf_embed_advance(e, gids[3]), 2);
    bl_buf_printf(&want, "] %u [", (unsigned)gids[6]);
    pdfw_num(&want, pdf_embed_advance(e, gids[6]), 2);
    bl_buf_puts(&want, "]]");
    assert_true(has(&dicts, want.data));

    bl_buf_free(&want);
    bl_buf_free(&dicts);
    bl_buf_free(&file);
    pdf_embed_free(e);
    hb_face_destroy(face);
    unlink(path);
}

/* The first text given for a glyph is kept (none is no text), a
 * character beyond the BMP is a surrogate pair, and the entries come in
 * blocks of at most 100. */
static void test_to_unicode(void **state)
{
    (void)state;
    hb_face_t *face = wqy_or_skip();
    hb_font_t *font = hb_font_create(face);
    pdf_embed *e = pdf_embed_new(face);
    uint32_t gids[MAX_GLYPHS];
    size_t n = 0;
    /* 250 ideographs of the face from U+4E00 on */
    for (uint32_t cp = 0x4E00; n < 250; cp++) {
        hb_codepoint_t g;
        if (!hb_font_get_nominal_glyph(font, cp, &g) || g == 0)
            continue;
        char utf8[4];
        pdf_embed_use(e, g, utf8, (size_t)bl_utf8_put(utf8, cp));
        gids[n++] = g;
    }
    hb_codepoint_t min, sheng;
    assert_true(hb_font_get_nominal_glyph(font, 0x6C11 /* 民 */, &min));
    assert_true(hb_font_get_nominal_glyph(font, 0x751F /* 生 */, &sheng));
    pdf_embed_use(e, min, "民", strlen("民"));
    pdf_embed_use(e, min, "X", 1);
    pdf_embed_use(e, sheng, NULL, 0);
    pdf_embed_use(e, sheng, "\xF0\xA0\x80\x80" /* U+20000 */, 4);
    gids[n++] = min;
    gids[n++] = sheng;
    char path[4096];
    scratch_file(path, sizeof path, "to-unicode");
    assert_int_equal(write_page(path, e, gids, n), 0);

    bl_buf file = BL_BUF_INIT, dicts = BL_BUF_INIT, cmap = BL_BUF_INIT;
    slurp(path, &file);
    inflate_all(&file, &dicts);
    stream_of(&file, ref_after(&dicts, "/ToUnicode "), &cmap);
    assert_true(has(&cmap, "/CMapName /Adobe-Identity-UCS def"));
    assert_true(has(&cmap, "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange"));
    assert_int_equal(count(&cmap, "100 beginbfchar\n"), 2);
    assert_int_equal(count(&cmap, "52 beginbfchar\n"), 1);
    assert_int_equal(count(&cmap, "endbfchar\n"), 3);
    char line[64];
    snprintf(line, sizeof line, "<%04X> <6C11>\n", (unsigned)min);
    assert_true(has(&cmap, line));
    snprintf(line, sizeof line, "<%04X> <D840DC00>\n", (unsigned)sheng);
    assert_true(has(&cmap, line));

    bl_buf_free(&cmap);
    bl_buf_free(&dicts);
    bl_buf_free(&file);
    pdf_embed_free(e);
    hb_font_destroy(font);
    hb_face_destroy(face);
    unlink(path);
}

static bool table_in(hb_face_t *face, const char *tag)
{
    hb_blob_t *b = hb_face_reference_table(face, hb_tag_from_string(tag, 4));
    bool in = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return in;
}

/* The subset has the glyphs and the tables a viewer reads, nothing else;
 * the CIDToGIDMap sends every used CID to its own outline in it (the same
 * extents as in the face) and every other CID to 0. */
static void test_subset(void **state)
{
    (void)state;
    hb_face_t *face = wqy_or_skip();
    char path[4096];
    scratch_file(path, sizeof path, "subset");
    bl_buf file = BL_BUF_INIT, dicts = BL_BUF_INIT, ff = BL_BUF_INIT, map = BL_BUF_INIT;
    text_page(path, face, TEXT, &file);
    inflate_all(&file, &dicts);
    stream_of(&file, ref_after(&dicts, "/FontFile2 "), &ff);
    stream_of(&file, ref_after(&dicts, "/CIDToGIDMap "), &map);

    hb_blob_t *blob = hb_blob_create(ff.data, (unsigned)ff.len,
                                     HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *sub = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    /* .notdef, the 4 glyphs and the components of the composite ones
     * (WenQuanYi Micro Hei builds some ideographs of shared parts) */
    assert_in_range(hb_face_get_glyph_count(sub), 5, 5 + 4 * 4);
    static const char *const kept[] = {"glyf", "loca", "head", "hhea", "hmtx", "maxp"};
    for (size_t i = 0; i < 6; i++)
        assert_true(table_in(sub, kept[i]));
    static const char *const dropped[] = {"cmap", "name", "post", "GSUB", "GPOS",
                                          "OS/2", "fpgm", "prep", "cvt "};
    for (size_t i = 0; i < sizeof dropped / sizeof *dropped; i++)
        assert_false(table_in(sub, dropped[i]));

    uint32_t gids[MAX_GLYPHS];
    pdf_embed *e = pdf_embed_new(face);
    size_t n = use_text(e, face, TEXT, gids);
    uint32_t max = 0;
    for (size_t i = 0; i < n; i++)
        max = gids[i] > max ? gids[i] : max;
    assert_int_equal(map.len, 2 * (max + 1));
    hb_font_t *font = hb_font_create(face), *subfont = hb_font_create(sub);
    size_t mapped = 0;
    for (uint32_t cid = 0; cid <= max; cid++) {
        unsigned to = (unsigned)(uint8_t)map.data[2 * cid] << 8 | (uint8_t)map.data[2 * cid + 1];
        bool used = false;
        for (size_t i = 0; i < n; i++)
            used |= gids[i] == cid;
        if (!used) {
            assert_int_equal(to, 0);
            continue;
        }
        hb_glyph_extents_t x, y;
        assert_true(hb_font_get_glyph_extents(font, cid, &x));
        assert_true(hb_font_get_glyph_extents(subfont, to, &y));
        assert_memory_equal(&x, &y, sizeof x);
        assert_int_equal(hb_font_get_glyph_h_advance(font, cid),
                         hb_font_get_glyph_h_advance(subfont, to));
        mapped++;
    }
    assert_int_equal(mapped, 4);

    hb_font_destroy(subfont);
    hb_font_destroy(font);
    hb_face_destroy(sub);
    pdf_embed_free(e);
    bl_buf_free(&map);
    bl_buf_free(&ff);
    bl_buf_free(&dicts);
    bl_buf_free(&file);
    hb_face_destroy(face);
    unlink(path);
}

/* The page of text's glyphs, used in that order with their own texts or
 * (other_text not NULL) all with other_text; the file's bytes in out. */
static void page_in_order(const char *path, hb_face_t *face, const char *text,
                          const char *other_text, bl_buf *out)
{
    pdf_embed *e = pdf_embed_new(face);
    uint32_t gids[MAX_GLYPHS];
    size_t n = use_text(e, face, text, gids);
    if (other_text) {
        pdf_embed_free(e);
        e = pdf_embed_new(face);
        for (size_t i = 0; i < n; i++)
            pdf_embed_use(e, gids[i], other_text, strlen(other_text));
    }
    assert_int_equal(write_page(path, e, gids, n), 0);
    pdf_embed_free(e);
    slurp(path, out);
}

/* The same glyphs give the same tag whatever their order and texts,
 * other glyphs another; the same calls give the same bytes. */
static void test_tag_and_bytes(void **state)
{
    (void)state;
    hb_face_t *face = wqy_or_skip();
    char a[4096], b[4096];
    scratch_file(a, sizeof a, "tag-a");
    scratch_file(b, sizeof b, "tag-b");
    bl_buf fa = BL_BUF_INIT, fb = BL_BUF_INIT, da = BL_BUF_INIT, db = BL_BUF_INIT;
    char na[128], nb[128];

    page_in_order(a, face, TEXT, NULL, &fa);
    page_in_order(b, face, TEXT, NULL, &fb);
    assert_int_equal(fa.len, fb.len);
    assert_memory_equal(fa.data, fb.data, fa.len);

    bl_buf_reset(&fb);
    page_in_order(b, face, "事实生民", "?", &fb);
    inflate_all(&fa, &da);
    inflate_all(&fb, &db);
    base_font(&da, na, sizeof na);
    base_font(&db, nb, sizeof nb);
    assert_string_equal(na, nb);
    assert_int_equal(strlen(na), strlen("ABCDEF+WenQuanYiMicroHei"));
    assert_string_equal(na + 6, "+WenQuanYiMicroHei");
    for (int i = 0; i < 6; i++)
        assert_true(na[i] >= 'A' && na[i] <= 'Z');

    bl_buf_reset(&fb);
    bl_buf_reset(&db);
    page_in_order(b, face, "民生实", NULL, &fb);
    inflate_all(&fb, &db);
    base_font(&db, nb, sizeof nb);
    assert_string_not_equal(na, nb);
    assert_string_equal(nb + 6, "+WenQuanYiMicroHei");

    bl_buf_free(&fa);
    bl_buf_free(&fb);
    bl_buf_free(&da);
    bl_buf_free(&db);
    hb_face_destroy(face);
    unlink(a);
    unlink(b);
}

/* The FontFile2 of the page of text's glyphs, named by their own texts
 * or (other_text) all by another. */
static void font_file_of(hb_face_t *face, const char *name, const char *text,
                         const char *other_text, bl_buf *ff)
{
    char path[4096];
    scratch_file(path, sizeof path, name);
    bl_buf file = BL_BUF_INIT, dicts = BL_BUF_INIT;
    page_in_order(path, face, text, other_text, &file);
    inflate_all(&file, &dicts);
    stream_of(&file, ref_after(&dicts, "/FontFile2 "), ff);
    bl_buf_free(&dicts);
    bl_buf_free(&file);
    unlink(path);
}

/* hb-subset is told the glyphs by their code points when every glyph is
 * the nominal glyph of its text, by glyph id when one is not (text "?"
 * for all): the same subset either way, in a face that builds ideographs
 * of shared parts (UMing's composite glyphs) as in one that does not. */
static void test_subset_named_either_way(void **state)
{
    (void)state;
    static const char text[] = TEXT "项目进展情况，完成率98.5%（滞后）";
    const char *paths[] = {WQY, UMING};
    for (size_t i = 0; i < 2; i++) {
        hb_face_t *face = load_face(paths[i], 0);
        if (!face) {
            print_message("skipped: %s is not installed\n", paths[i]);
            continue;
        }
        bl_buf by_code = BL_BUF_INIT, by_gid = BL_BUF_INIT;
        font_file_of(face, "named-code", text, NULL, &by_code);
        font_file_of(face, "named-gid", text, "?", &by_gid);
        assert_true(by_code.len > 1000);
        assert_int_equal(by_code.len, by_gid.len);
        assert_memory_equal(by_code.data, by_gid.data, by_code.len);
        bl_buf_free(&by_code);
        bl_buf_free(&by_gid);
        hb_face_destroy(face);
    }
}

/* pdf_embed_prepare ahead of pdf_embed_write (as the finish does on
 * threads) gives the file pdf_embed_write alone gives; a glyph used after
 * it, or another level, is prepared again. */
static void test_prepared_ahead(void **state)
{
    (void)state;
    hb_face_t *face = wqy_or_skip();
    char a[4096], b[4096];
    scratch_file(a, sizeof a, "alone");
    scratch_file(b, sizeof b, "ahead");
    bl_buf fa = BL_BUF_INIT, fb = BL_BUF_INIT;
    uint32_t gids[MAX_GLYPHS];

    pdf_embed *e = pdf_embed_new(face);
    size_t n = use_text(e, face, TEXT "进展", gids);
    assert_int_equal(write_page(a, e, gids, n), 0);
    pdf_embed_free(e);
    slurp(a, &fa);

    e = pdf_embed_new(face);
    n = use_text(e, face, TEXT, gids);
    assert_int_equal(pdf_embed_prepare(e, 1), 0); /* not the page's level 6 */
    assert_int_equal(pdf_embed_prepare(e, 6), 0);
    n += use_text(e, face, "进展", gids + n);     /* after the preparing */
    assert_int_equal(write_page(b, e, gids, n), 0);
    pdf_embed_free(e);
    slurp(b, &fb);

    assert_int_equal(fa.len, fb.len);
    assert_memory_equal(fa.data, fb.data, fa.len);
    bl_buf_free(&fa);
    bl_buf_free(&fb);
    hb_face_destroy(face);
    unlink(a);
    unlink(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_advance_cjk),
        cmocka_unit_test(test_cff_refused),
        cmocka_unit_test(test_no_glyphs),
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_to_unicode),
        cmocka_unit_test(test_subset),
        cmocka_unit_test(test_tag_and_bytes),
        cmocka_unit_test(test_subset_named_either_way),
        cmocka_unit_test(test_prepared_ahead),
        cmocka_unit_test(test_one_page),
    };
    return cmocka_run_group_tests(tests, make_scratch, remove_scratch);
}
