/* test_font_ink.c - proof that the chosen faces survive the PDF path.
 *
 * cairo 1.16 (Debian 12) mis-subsets CFF-outline fonts: some glyphs come
 * out blank or misshapen while the text layer still names the character.
 * This test draws every character of every example and all 6,763 GB2312
 * hanzi through the writer's path (its canvas, pdf_canvas.h: cairo's PDF
 * surface, then again the direct backend with its hb-subset faces and its
 * emulation of synthetic bold; pangocairo, the bl_fonts font map and
 * context settings), in grids and in a shuffled
 * order, rasterises the PDFs with `pdftoppm -gray`, takes each character's
 * position from the text layer (`mutool draw -F stext`), and compares the
 * ink there with the same glyph drawn on an image surface straight from
 * the font file (FreeType face, same size, same position). A blank or
 * misshapen glyph fails the test, listing the characters.
 *
 * A control document draws characters whose text layer names one
 * character while the ink is blank or another glyph (as the cairo bug
 * does); the check must catch exactly those cells, so it can fail.
 *
 * BL_FONT_INK_FONT=FILE[:INDEX] checks that face instead of the chosen
 * ones (to see, e.g., a Noto CJK face fail); the configuration that
 * bulletin uses would refuse it as CFF, so the test builds its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glob.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "pdf_canvas.h"
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>

#include "arena.h"
#include "fonts.h"
#include "io.h"
#include "text.h"
#include "wraps.h"

/* LeakSanitizer: fontconfig stores pointers as offsets (patterns, charsets)
 * and Pango's fontconfig thread may still hold a configuration when the
 * program ends, so LSan reports fontconfig's memory as lost. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

/* Grid geometry, in points; rasterised at 72 dpi, so 1 pt = 1 pixel. */
#define FONT_SIZE 24
#define PITCH 32
#define MARGIN 16
#define PAGE 960
#define COLS ((PAGE - 2 * MARGIN) / PITCH)
#define ROWS ((PAGE - 2 * MARGIN) / PITCH)
#define PER_PAGE (COLS * ROWS)
#define DPI 72
#define CROP_PAD 2 /* pixels around the text-layer box */

/* Tolerances: a drawn glyph's ink is within -15%/+25% of the reference
 * and its shape correlates at 0.85 or more. Measured on the chosen faces:
 * ink 0.97-1.02, correlation 0.875 and up (a thin '|'), most above 0.95;
 * another glyph in its place (如 drawn as 好): 0.38. */
#define INK_MIN_RATIO 0.85
#define INK_MAX_RATIO 1.25
#define MIN_SIMILARITY 0.85

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#else
#define UNDER_ASAN 0
#endif

enum { DRAW_PANGO = -1, DRAW_WHITE = -2 };

typedef struct face_spec {
    const char *label;
    const char *family;
    bool bold;
} face_spec;

/* A face the reference drawing uses: a font file opened with FreeType. */
typedef struct ref_font {
    char *file;
    int index;
    bool embolden;
    cairo_scaled_font_t *scaled;
    FT_Face ft;
} ref_font;

typedef struct cell {
    uint32_t cp;      /* character the text layer must name */
    int face;         /* index into the job's faces */
    int font;         /* ref_font Pango drew with */
    unsigned glyph;   /* glyph Pango chose */
    int draw_glyph;   /* control cells: glyph really drawn, DRAW_* */
    int page;
    double x, y;      /* glyph origin, points */
    bool seen;        /* found in the text layer */
    bool fallback;    /* drawn with another face than the one asked for */
    bool failed;
    double box[4];    /* text-layer box x0 y0 x1 y1 */
} cell;

typedef struct job {
    const char *name;
    cell *cells;
    size_t n, cap;
} job;

typedef struct checker {
    bool direct;       /* through the direct backend (pdf_canvas.h) */
    bl_fonts *fonts;
    PangoFontMap *map; /* bl_fonts_map, or the BL_FONT_INK_FONT map */
    const face_spec *faces;
    size_t nfaces;
    ref_font refs[16];
    size_t nrefs;
    FT_Library ft;
    char *tmp;        /* scratch directory */
    bl_buf failures;  /* one line per failed character */
    size_t nfailed;
    size_t ncells;    /* characters drawn */
    size_t nchecked;  /* of them, compared with the reference */
    double worst_similarity, min_ratio, max_ratio; /* cells Pango drew */
    double tool_seconds;                           /* pdftoppm, mutool */
    double render_seconds, check_seconds;
} checker;

/* ---- characters ---------------------------------------------------- */

static bool needs_glyph(uint32_t cp)
{
    GUnicodeType t = g_unichar_type(cp);
    return cp > 0x20 && !g_unichar_isspace(cp) && t != G_UNICODE_CONTROL &&
           t != G_UNICODE_FORMAT && t != G_UNICODE_SPACE_SEPARATOR;
}

/* Appends the characters of text not seen before to out. */
static size_t unique_chars(const char *text, GHashTable *seen, uint32_t *out,
                           size_t n)
{
    const char *p = text, *end = text + strlen(text);
    uint32_t cp;
    while ((cp = bl_utf8_next(&p, end)) != 0) {
        if (!needs_glyph(cp) ||
            g_hash_table_contains(seen, GUINT_TO_POINTER(cp)))
            continue;
        g_hash_table_add(seen, GUINT_TO_POINTER(cp));
        out[n++] = cp;
    }
    return n;
}

/* The 6,763 hanzi of GB2312 (rows 16-87), decoded with iconv. */
static size_t gb2312_hanzi(uint32_t *out)
{
    iconv_t cd = iconv_open("UTF-8", "GB2312");
    assert_true(cd != (iconv_t)-1);
    size_t n = 0;
    for (unsigned hi = 0xB0; hi <= 0xF7; hi++) {
        for (unsigned lo = 0xA1; lo <= 0xFE; lo++) {
            char in[2] = {(char)hi, (char)lo}, utf8[8];
            char *ip = in, *op = utf8;
            size_t il = 2, ol = sizeof utf8;
            if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
                iconv(cd, NULL, NULL, NULL, NULL);
                continue; /* unassigned (end of row 0xD7) */
            }
            const char *p = utf8;
            out[n++] = bl_utf8_next(&p, op);
        }
    }
    iconv_close(cd);
    return n;
}

/* Unique characters of one example file, in order of first appearance
 * (the order the PDF subsetter meets them). */
static size_t seed_chars(const char *path, uint32_t *out)
{
    bl_buf raw = BL_BUF_INIT;
    bl_error err = {0};
    assert_int_equal(bl_read_file(path, &raw, &err), BL_OK);
    bl_arena *a = bl_arena_new();
    char *text;
    size_t len;
    const char *enc;
    assert_int_equal(bl_text_decode(path, raw.data, raw.len, a, &text, &len,
                                    &enc, &err),
                     BL_OK);
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    size_t n = unique_chars(text, seen, out, 0);
    g_hash_table_destroy(seen);
    bl_arena_free(a);
    bl_buf_free(&raw);
    return n;
}

/* ---- jobs ---------------------------------------------------------- */

static void job_add(job *j, uint32_t cp, int face, int draw_glyph)
{
    if (j->n == j->cap) {
        j->cap = j->cap ? 2 * j->cap : 1024;
        j->cells = realloc(j->cells, j->cap * sizeof *j->cells);
        assert_non_null(j->cells);
    }
    cell *c = &j->cells[j->n++];
    memset(c, 0, sizeof *c);
    c->cp = cp;
    c->face = face;
    c->draw_glyph = draw_glyph;
}

static void job_free(job *j)
{
    free(j->cells);
    memset(j, 0, sizeof *j);
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

BL_WRAPS static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void job_shuffle(job *j, uint64_t seed)
{
    for (size_t i = j->n; i > 1; i--) {
        size_t k = (size_t)(rng_next(&seed) % i);
        cell t = j->cells[i - 1];
        j->cells[i - 1] = j->cells[k];
        j->cells[k] = t;
    }
}

/* ---- reference faces --------------------------------------------- */

static void done_ft_face(void *face)
{
    FT_Done_Face(face);
}

static int ref_font_for(checker *ck, const char *file, int index,
                        bool embolden)
{
    for (size_t i = 0; i < ck->nrefs; i++)
        if (strcmp(ck->refs[i].file, file) == 0 &&
            ck->refs[i].index == index && ck->refs[i].embolden == embolden)
            return (int)i;
    assert_true(ck->nrefs < sizeof ck->refs / sizeof ck->refs[0]);
    ref_font *r = &ck->refs[ck->nrefs];
    r->file = strdup(file);
    r->index = index;
    r->embolden = embolden;
    assert_int_equal(FT_New_Face(ck->ft, file, index, &r->ft), 0);
    cairo_font_face_t *face = cairo_ft_font_face_create_for_ft_face(r->ft, 0);
    /* cairo may keep the face in its caches: it frees the FT_Face. */
    static cairo_user_data_key_t ft_key;
    cairo_font_face_set_user_data(face, &ft_key, r->ft,
                                  done_ft_face);
    if (embolden)
        cairo_ft_font_face_set_synthesize(face, CAIRO_FT_SYNTHESIZE_BOLD);
    cairo_matrix_t size, ctm;
    cairo_matrix_init_scale(&size, FONT_SIZE, FONT_SIZE);
    cairo_matrix_init_scale(&ctm, DPI / 72.0, DPI / 72.0);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    r->scaled = cairo_scaled_font_create(face, &size, &ctm, fo);
    assert_int_equal(cairo_scaled_font_status(r->scaled), CAIRO_STATUS_SUCCESS);
    cairo_font_options_destroy(fo);
    cairo_font_face_destroy(face);
    return (int)ck->nrefs++;
}

static void ref_fonts_free(checker *ck)
{
    for (size_t i = 0; i < ck->nrefs; i++) {
        cairo_scaled_font_destroy(ck->refs[i].scaled);
        free(ck->refs[i].file);
    }
    ck->nrefs = 0;
}

/* ---- drawing the PDF ---------------------------------------------- */

static PangoLayout *face_layout(PangoContext *ctx, const face_spec *f)
{
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *d = pango_font_description_new();
    pango_font_description_set_family(d, f->family);
    pango_font_description_set_weight(d, f->bold ? PANGO_WEIGHT_BOLD
                                                 : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_size(d, FONT_SIZE * PANGO_SCALE);
    pango_layout_set_font_description(layout, d);
    pango_font_description_free(d);
    return layout;
}

/* Lays out one cell's character and notes the face and glyph Pango chose;
 * returns the run (owned by the layout). */
static bool has_family(FcPattern *p, const char *family)
{
    FcChar8 *s;
    for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &s) == FcResultMatch;
         i++)
        if (strcmp((const char *)s, family) == 0)
            return true;
    return false;
}

static PangoGlyphItem *shape_cell(checker *ck, PangoLayout *layout, cell *c)
{
    char utf8[8];
    utf8[bl_utf8_put(utf8, c->cp)] = '\0';
    pango_layout_set_text(layout, utf8, DRAW_PANGO);
    PangoLayoutLine *line = pango_layout_get_line_readonly(layout, 0);
    assert_non_null(line);
    assert_non_null(line->runs);
    PangoGlyphItem *run = line->runs->data;
    assert_int_equal(run->glyphs->num_glyphs, 1);
    FcPattern *p =
        pango_fc_font_get_pattern(PANGO_FC_FONT(run->item->analysis.font));
    FcChar8 *file;
    int index = 0;
    FcBool embolden = FcFalse;
    assert_int_equal(FcPatternGetString(p, FC_FILE, 0, &file), FcResultMatch);
    FcPatternGetInteger(p, FC_INDEX, 0, &index);
    FcPatternGetBool(p, FC_EMBOLDEN, 0, &embolden);
    c->font = ref_font_for(ck, (const char *)file, index, embolden);
    c->glyph = run->glyphs->glyphs[0].glyph;
    c->fallback = !has_family(p, ck->faces[c->face].family);
    return run;
}

static void draw_cell(pdf_canvas *cv, PangoLayout *layout, PangoGlyphItem *run,
                      cell *c, double left, double top)
{
    PangoGlyphGeometry *g = &run->glyphs->glyphs[0].geometry;
    c->x = left + (double)g->x_offset / PANGO_SCALE;
    c->y = top + (double)pango_layout_get_baseline(layout) / PANGO_SCALE +
           (double)g->y_offset / PANGO_SCALE;
    if (c->draw_glyph < 0) {
        /* A control cell drawn in white: text layer and no ink, like the
         * blank glyphs of the cairo bug (cairo itself drops glyphs that
         * have no outline, text and all). */
        if (c->draw_glyph == DRAW_WHITE)
            cv_set_source_rgb(cv, 1, 1, 1);
        cv_show_layout(cv, layout, left, top, 0);
        cv_set_source_rgb(cv, 0, 0, 0);
        return;
    }
    /* Control cell: the text layer names c->cp, the ink is another glyph. */
    char utf8[8];
    int len = bl_utf8_put(utf8, c->cp);
    cairo_glyph_t glyph = {(unsigned long)c->draw_glyph, c->x, c->y};
    cairo_text_cluster_t cluster = {len, 1};
    cv_show_glyphs(cv,
                   pango_cairo_font_get_scaled_font(
                       PANGO_CAIRO_FONT(run->item->analysis.font)),
                   &glyph, 1, utf8, len, &cluster, 1);
}

static void render_job(checker *ck, job *j, const char *pdf)
{
    /* the direct backend's surface writes nowhere: it gives the context a
     * PDF surface's font options, as the writer does */
    cairo_surface_t *surface =
        ck->direct ? cairo_pdf_surface_create_for_stream(NULL, NULL, PAGE, PAGE)
                   : cairo_pdf_surface_create(pdf, PAGE, PAGE);
    FILE *out = ck->direct ? fopen(pdf, "wb") : NULL;
    assert_true(!ck->direct || out);
    pdf_canvas *cv = ck->direct ? pdf_canvas_new_direct(out, PAGE, PAGE, 1, NULL, 1)
                                : pdf_canvas_new_cairo(surface);
    cairo_t *cr = cairo_create(surface);
    PangoContext *ctx = pango_font_map_create_context(ck->map);
    bl_fonts_context_setup(ctx);
    pango_cairo_update_context(cr, ctx);
    cairo_destroy(cr);
    PangoLayout *layouts[8];
    for (size_t i = 0; i < ck->nfaces; i++)
        layouts[i] = face_layout(ctx, &ck->faces[i]);
    for (size_t i = 0; i < j->n; i++) {
        cell *c = &j->cells[i];
        if (i > 0 && i % PER_PAGE == 0)
            cv_show_page(cv);
        size_t slot = i % PER_PAGE;
        c->page = (int)(i / PER_PAGE);
        PangoGlyphItem *run = shape_cell(ck, layouts[c->face], c);
        draw_cell(cv, layouts[c->face], run, c,
                  MARGIN + (double)(slot % COLS) * PITCH,
                  MARGIN + (double)(slot / COLS) * PITCH);
    }
    for (size_t i = 0; i < ck->nfaces; i++)
        g_object_unref(layouts[i]);
    g_object_unref(ctx);
    assert_int_equal(cv_finish(cv), 0);
    pdf_canvas_free(cv);
    if (out)
        assert_int_equal(fclose(out), 0);
    cairo_surface_finish(surface);
    assert_int_equal(cairo_surface_status(surface), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(surface);
}

/* ---- reading the PDF back ------------------------------------------ */

static void run_tool(const char *cmd)
{
    int rc = system(cmd);
    if (rc != 0)
        fail_msg("`%s` failed (%d)", cmd, rc);
}

/* Cell at a text-layer origin, or NULL. */
static cell *cell_at(job *j, int page, double x, double y)
{
    int col = (int)floor((x - MARGIN + 0.5) / PITCH);
    int row = (int)floor((y - MARGIN - 1) / PITCH);
    if (col < 0 || col >= COLS || row < 0 || row >= ROWS)
        return NULL;
    size_t i = (size_t)page * PER_PAGE + (size_t)row * COLS + (size_t)col;
    return i < j->n ? &j->cells[i] : NULL;
}

static void fail_cell(checker *ck, const job *j, cell *c, const char *fmt,
                      ...) __attribute__((format(printf, 4, 5)));

static void fail_cell(checker *ck, const job *j, cell *c, const char *fmt,
                      ...)
{
    char utf8[8];
    utf8[bl_utf8_put(utf8, c->cp)] = '\0';
    bl_buf_printf(&ck->failures, "  %s: %s U+%04X %s (page %d): ", j->name,
                  ck->faces[c->face].label, (unsigned)c->cp, utf8,
                  c->page + 1);
    va_list ap;
    va_start(ap, fmt);
    bl_buf_vprintf(&ck->failures, fmt, ap);
    va_end(ap);
    bl_buf_putc(&ck->failures, '\n');
    if (!c->failed)
        ck->nfailed++;
    c->failed = true;
}

static uint32_t decode_attr_char(const char *s)
{
    if (strncmp(s, "&#x", 3) == 0)
        return (uint32_t)strtoul(s + 3, NULL, 16);
    if (strncmp(s, "&amp;", 5) == 0)
        return '&';
    if (strncmp(s, "&lt;", 4) == 0)
        return '<';
    if (strncmp(s, "&gt;", 4) == 0)
        return '>';
    if (strncmp(s, "&quot;", 6) == 0)
        return '"';
    if (strncmp(s, "&apos;", 6) == 0)
        return '\'';
    const char *p = s;
    return bl_utf8_next(&p, s + strlen(s));
}

/* Matches the text layer (mutool's structured text: one <char> per glyph,
 * with its quad and origin) against the cells. */
static void read_text_layer(checker *ck, job *j, const char *stext)
{
    FILE *fp = fopen(stext, "r");
    assert_non_null(fp);
    char line[1024];
    int page = -1;
    while (fgets(line, sizeof line, fp)) {
        if (strncmp(line, "<page ", 6) == 0) {
            page++;
            continue;
        }
        const char *q = strstr(line, "<char quad=\"");
        if (!q)
            continue;
        double v[8], x, y;
        const char *xs = strstr(q, " x=\""), *cs = strstr(q, " c=\"");
        assert_non_null(xs);
        assert_non_null(cs);
        assert_int_equal(sscanf(q + 12, "%lf %lf %lf %lf %lf %lf %lf %lf",
                                &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
                                &v[6], &v[7]),
                         8);
        assert_int_equal(sscanf(xs, " x=\"%lf\" y=\"%lf\"", &x, &y), 2);
        uint32_t cp = decode_attr_char(cs + 4);
        if (cp == ' ')
            continue; /* mutool marks the gaps between cells */
        cell *c = cell_at(j, page, x, y);
        if (!c) {
            bl_buf_printf(&ck->failures,
                          "  %s: text layer has U+%04X at page %d (%.1f, "
                          "%.1f), where nothing was drawn\n",
                          j->name, (unsigned)cp, page + 1, x, y);
            ck->nfailed++;
            continue;
        }
        if (c->cp != cp) {
            fail_cell(ck, j, c, "text layer says U+%04X",
                      (unsigned)cp);
            continue;
        }
        if (fabs(c->x - x) > 0.5 || fabs(c->y - y) > 0.5)
            fail_cell(ck, j, c, "text layer puts it at (%.2f, %.2f), drawn "
                      "at (%.2f, %.2f)", x, y, c->x, c->y);
        c->seen = true;
        c->box[0] = fmin(v[0], v[4]);
        c->box[1] = fmin(v[1], v[3]);
        c->box[2] = fmax(v[2], v[6]);
        c->box[3] = fmax(v[5], v[7]);
    }
    fclose(fp);
}

typedef struct gray {
    int w, h;
    unsigned char *px;
} gray;

static void read_pgm(const char *path, gray *g)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    int maxval;
    assert_int_equal(fscanf(fp, "P5 %d %d %d", &g->w, &g->h, &maxval), 3);
    assert_int_equal(maxval, 255);
    fgetc(fp);
    size_t n = (size_t)g->w * (size_t)g->h;
    g->px = malloc(n);
    assert_non_null(g->px);
    assert_int_equal(fread(g->px, 1, n, fp), n);
    fclose(fp);
}

/* The reference: glyph c drawn straight from its font file on an A8
 * surface covering page pixels [x0, x0+w) x [y0, y0+h). */
static cairo_surface_t *draw_reference(checker *ck, const cell *c, int x0,
                                       int y0, int w, int h)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_translate(cr, -x0, -y0);
    cairo_scale(cr, DPI / 72.0, DPI / 72.0);
    cairo_set_scaled_font(cr, ck->refs[c->font].scaled);
    cairo_glyph_t glyph = {c->glyph, c->x, c->y};
    cairo_show_glyphs(cr, &glyph, 1);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

/* Normalised cross-correlation of page pixels (ink = 255 - gray) and the
 * reference's alpha, with the reference shifted by (dx, dy). */
static double similarity(const gray *page, int x0, int y0, int w, int h,
                         const unsigned char *ref, int stride, int dx,
                         int dy)
{
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    int n = 0;
    for (int y = 1; y < h - 1; y++) {
        for (int x = 1; x < w - 1; x++) {
            double a = 255 - page->px[(size_t)(y0 + y) * (size_t)page->w +
                                      (size_t)(x0 + x)];
            double b = ref[(y + dy) * stride + x + dx];
            sa += a, sb += b, saa += a * a, sbb += b * b, sab += a * b;
            n++;
        }
    }
    double va = saa - sa * sa / n, vb = sbb - sb * sb / n;
    if (va <= 1e-9 || vb <= 1e-9)
        return (va <= 1e-9 && vb <= 1e-9) ? 1.0 : 0.0;
    return (sab - sa * sb / n) / sqrt(va * vb);
}

/* The pixels to compare: the text-layer box with a margin, within the
 * cell's own share of the grid around its glyph origin (a face with a tall
 * line box would reach into the next row): from 3/4 of a pitch above the
 * baseline to 1/4 below, half a gap left and right. */
static void crop_box(const cell *c, int *x0, int *y0, int *x1, int *y1)
{
    double k = DPI / 72.0, gap = PITCH - FONT_SIZE;
    double left = c->x - gap / 2, top = c->y - 0.75 * PITCH;
    *x0 = (int)floor(fmax(c->box[0] * k - CROP_PAD, left * k));
    *y0 = (int)floor(fmax(c->box[1] * k - CROP_PAD, top * k));
    *x1 = (int)ceil(fmin(c->box[2] * k + CROP_PAD, (left + PITCH) * k));
    *y1 = (int)ceil(fmin(c->box[3] * k + CROP_PAD, (top + PITCH) * k));
}

static void check_cell(checker *ck, const job *j, cell *c, const gray *page)
{
    int x0, y0, x1, y1;
    crop_box(c, &x0, &y0, &x1, &y1);
    if (x0 < 0 || y0 < 0 || x1 > page->w || y1 > page->h || x1 - x0 < 4 ||
        y1 - y0 < 4) {
        fail_cell(ck, j, c, "text-layer box (%.1f %.1f %.1f %.1f) is off "
                  "its cell", c->box[0], c->box[1], c->box[2], c->box[3]);
        return;
    }
    /* Pango's glyph is the one the font's cmap gives the character. */
    unsigned cmap = FT_Get_Char_Index(ck->refs[c->font].ft, c->cp);
    if (cmap != c->glyph)
        fail_cell(ck, j, c, "Pango drew glyph %u, the cmap has %u", c->glyph,
                  cmap);
    int w = x1 - x0, h = y1 - y0;
    cairo_surface_t *ref = draw_reference(ck, c, x0, y0, w, h);
    const unsigned char *rp = cairo_image_surface_get_data(ref);
    int stride = cairo_image_surface_get_stride(ref);
    double ink = 0, ref_ink = 0;
    for (int y = 1; y < h - 1; y++)
        for (int x = 1; x < w - 1; x++) {
            ink += 255 - page->px[(size_t)(y0 + y) * (size_t)page->w +
                                  (size_t)(x0 + x)];
            ref_ink += rp[y * stride + x];
        }
    /* Same place first; else the best of the 1-pixel shifts (synthetic
     * bold comes out one pixel lower in the PDF than on the image). */
    double best = similarity(page, x0, y0, w, h, rp, stride, 0, 0);
    for (int dy = -1; dy <= 1 && best < 0.95; dy++)
        for (int dx = -1; dx <= 1; dx++)
            if (dx || dy)
                best = fmax(best, similarity(page, x0, y0, w, h, rp, stride,
                                             dx, dy));
    double ratio = ref_ink > 0 ? ink / ref_ink : (ink > 0 ? 99 : 1);
    ck->nchecked++;
    if (c->draw_glyph == DRAW_PANGO) {
        ck->worst_similarity = fmin(ck->worst_similarity, best);
        ck->min_ratio = fmin(ck->min_ratio, ratio);
        ck->max_ratio = fmax(ck->max_ratio, ratio);
    }
    if (ref_ink > 0 && ink < 0.05 * ref_ink)
        fail_cell(ck, j, c, "blank (ink %.0f, reference %.0f)", ink, ref_ink);
    else if (ratio < INK_MIN_RATIO || ratio > INK_MAX_RATIO ||
             best < MIN_SIMILARITY)
        fail_cell(ck, j, c,
                  "misshapen (ink %.2f of the reference, similarity %.2f)",
                  ratio, best);
    cairo_surface_destroy(ref);
}

/* Draws job into a PDF, reads it back and checks every cell; returns the
 * number of failed cells. */
static size_t check_job(checker *ck, job *j)
{
    size_t failed_before = ck->nfailed;
    bl_buf pdf = BL_BUF_INIT, cmd = BL_BUF_INIT, path = BL_BUF_INIT;
    bl_buf_printf(&pdf, "%s/%s.pdf", ck->tmp, j->name);
    double r0 = cpu_now();
    render_job(ck, j, pdf.data);
    ck->render_seconds += cpu_now() - r0;

    /* Both halves of the pages and the text layer at once: two cores. */
    size_t pages = (j->n + PER_PAGE - 1) / PER_PAGE, half = (pages + 1) / 2;
    bl_buf_printf(&cmd,
                  "pdftoppm -gray -r %d -f 1 -l %zu '%s' '%s/%s' & a=$!; ",
                  DPI, half, pdf.data, ck->tmp, j->name);
    if (pages > half)
        bl_buf_printf(&cmd,
                      "pdftoppm -gray -r %d -f %zu -l %zu '%s' '%s/%s' & "
                      "b=$!; ",
                      DPI, half + 1, pages, pdf.data, ck->tmp, j->name);
    bl_buf_printf(&cmd,
                  "mutool draw -q -F stext -o '%s/%s.stext' '%s' 2>/dev/null "
                  "&& wait $a%s",
                  ck->tmp, j->name, pdf.data, pages > half ? " && wait $b" : "");
    gint64 t0 = g_get_monotonic_time();
    run_tool(cmd.data);
    ck->tool_seconds += (double)(g_get_monotonic_time() - t0) / 1e6;
    bl_buf_printf(&path, "%s/%s.stext", ck->tmp, j->name);
    read_text_layer(ck, j, path.data);

    bl_buf pgm = BL_BUF_INIT;
    bl_buf_printf(&pgm, "%s/%s-*.pgm", ck->tmp, j->name);
    glob_t g;
    assert_int_equal(glob(pgm.data, 0, NULL, &g), 0);
    bl_buf_free(&pgm);
    assert_int_equal(g.gl_pathc, pages);
    size_t i = 0;
    double c0 = cpu_now();
    for (size_t p = 0; p < g.gl_pathc; p++) {
        gray page;
        read_pgm(g.gl_pathv[p], &page);
        for (; i < j->n && j->cells[i].page == (int)p; i++) {
            ck->ncells++;
            if (j->cells[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
                fail_cell(ck, j, &j->cells[i], "no glyph (a hex box)");
                continue;
            }
            /* Every character tested is in every chosen face. */
            if (j->cells[i].fallback)
                fail_cell(ck, j, &j->cells[i], "drawn with a fallback face "
                          "(%s)", ck->refs[j->cells[i].font].file);
            if (!j->cells[i].seen)
                fail_cell(ck, j, &j->cells[i], "missing from the text layer");
            else
                check_cell(ck, j, &j->cells[i], &page);
        }
        free(page.px);
        if (!getenv("BL_FONT_INK_KEEP"))
            unlink(g.gl_pathv[p]);
    }
    ck->check_seconds += cpu_now() - c0;
    globfree(&g);
    if (!getenv("BL_FONT_INK_KEEP")) {
        unlink(path.data);
        unlink(pdf.data);
    }
    bl_buf_free(&pdf);
    bl_buf_free(&cmd);
    bl_buf_free(&path);
    return ck->nfailed - failed_before;
}

/* ---- set-up -------------------------------------------------------- */

static const face_spec chosen_faces[] = {
    {"serif", "AR PL UMing CN", false},
    {"sans", "WenQuanYi Micro Hei", false},
    {"kai", "LXGW WenKai", false},
    {"serif-bold", "AR PL UMing CN", true},
    {"sans-bold", "WenQuanYi Micro Hei", true},
};

static bool have_tools(void)
{
    return system("command -v pdftoppm >/dev/null && "
                  "command -v mutool >/dev/null") == 0;
}

static void checker_init(checker *ck)
{
    memset(ck, 0, sizeof *ck);
    if (!have_tools()) {
        const char *ci = getenv("CI");
        if (ci && strcmp(ci, "true") == 0)
            fail_msg("pdftoppm (poppler-utils) and mutool (mupdf-tools) "
                     "are required");
        skip();
    }
    bl_error err = {0};
    if (bl_fonts_open(NULL, &ck->fonts, &err) != BL_OK)
        fail_msg("bl_fonts_open: %s", err.message);
    ck->map = bl_fonts_map(ck->fonts);
    ck->faces = chosen_faces;
    ck->nfaces = sizeof chosen_faces / sizeof chosen_faces[0];
    /* One FreeType for the process, never closed: the reference faces are
     * freed by cairo (their user data) when it drops them from its caches,
     * which may be after a checker is done; closing FreeType then would
     * leave cairo a freed face, found again for a new face made at its
     * address (test_font_ink crashed so, now and then). */
    static FT_Library ft;
    if (!ft)
        assert_int_equal(FT_Init_FreeType(&ft), 0);
    ck->ft = ft;
    const char *tmpdir = getenv("TMPDIR");
    bl_buf t = BL_BUF_INIT;
    bl_buf_printf(&t, "%s/bl-font-ink-XXXXXX", tmpdir ? tmpdir : "/tmp");
    assert_non_null(mkdtemp(t.data));
    ck->tmp = bl_buf_detach(&t);
    bl_buf_init(&ck->failures);
    ck->worst_similarity = ck->min_ratio = 1;
    ck->max_ratio = 1;
}

/* BL_FONT_INK_FONT=FILE[:INDEX]: a font map holding only that face,
 * checked as the only face (regular weight). */
static face_spec custom_face[1];
static char custom_family[256];

static bool use_custom_font(checker *ck)
{
    const char *spec = getenv("BL_FONT_INK_FONT");
    if (!spec || !*spec)
        return false;
    char file[4096];
    int index = 0;
    snprintf(file, sizeof file, "%s", spec);
    char *colon = strrchr(file, ':');
    if (colon) {
        *colon = '\0';
        index = atoi(colon + 1);
    }
    FcConfig *config = FcConfigCreate();
    assert_true(FcConfigAppFontAddFile(config, (const FcChar8 *)file));
    FcFontSet *set = FcConfigGetFonts(config, FcSetApplication);
    FcChar8 *family = NULL;
    for (int i = 0; set && i < set->nfont; i++) {
        int idx = 0;
        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &idx);
        if (idx == index)
            FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &family);
    }
    assert_non_null(family);
    snprintf(custom_family, sizeof custom_family, "%s", (const char *)family);
    custom_face[0] = (face_spec){"custom", custom_family, false};
    ck->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(ck->map), config);
    FcConfigDestroy(config);
    ck->faces = custom_face;
    ck->nfaces = 1;
    return true;
}

static void checker_finish(checker *ck, const char *what)
{
    if (ck->map != bl_fonts_map(ck->fonts))
        g_object_unref(ck->map);
    ref_fonts_free(ck);
    bl_fonts_free(ck->fonts);
    if (rmdir(ck->tmp) != 0)
        fprintf(stderr, "files kept in %s\n", ck->tmp);
    free(ck->tmp);
    if (ck->nfailed) {
        fprintf(stderr, "%s: %zu of %zu characters failed:\n", what,
                ck->nfailed, ck->ncells);
        /* The first 60 lines are enough to see the pattern. */
        const char *p = ck->failures.data;
        for (int i = 0; p && *p && i < 60; i++) {
            const char *nl = strchr(p, '\n');
            fprintf(stderr, "%.*s\n", (int)(nl - p), p);
            p = nl + 1;
        }
        bl_buf_free(&ck->failures);
        fail_msg("%s: blank or misshapen glyphs in the PDF", what);
    }
    bl_buf_free(&ck->failures);
}

/* ---- tests --------------------------------------------------------- */

/* The check itself catches what the cairo bug does: a cell whose text
 * layer says 如 while there is no ink, one that shows 好 instead; the good
 * cells around them pass. */
static void test_check_catches_blank_and_wrong_glyphs(void **state)
{
    (void)state;
    checker ck;
    checker_init(&ck);
    job j = {.name = "control"};
    /* The glyph id of 好 in the serif face. */
    PangoContext *ctx = bl_fonts_context_new(ck.fonts);
    PangoLayout *layout = face_layout(ctx, &chosen_faces[0]);
    cell probe = {.cp = 0x597D};
    shape_cell(&ck, layout, &probe);
    int hao = (int)probe.glyph;
    g_object_unref(layout);
    g_object_unref(ctx);

    const uint32_t good[] = {0x901A, 0x62A5, 0x5982, 0x4E0B, 0xFF0C, '1'};
    for (size_t i = 0; i < 6; i++)
        job_add(&j, good[i], 0, DRAW_PANGO);
    job_add(&j, 0x5982, 0, DRAW_WHITE); /* 如, no ink */
    job_add(&j, 0x5982, 1, DRAW_PANGO);
    job_add(&j, 0x5982, 0, hao);   /* 如, drawn as 好 */
    job_add(&j, 0x4E0B, 2, DRAW_PANGO);

    size_t failed = check_job(&ck, &j);
    fprintf(stderr, "%s", ck.failures.data);
    if (failed != 2)
        fail_msg("%zu failures:\n%s", failed, ck.failures.data);
    assert_non_null(strstr(ck.failures.data, "serif U+5982 如 (page 1): blank"));
    assert_non_null(
        strstr(ck.failures.data, "serif U+5982 如 (page 1): misshapen"));
    /* Both failures are this test's own; clear them. */
    ck.nfailed = 0;
    job_free(&j);
    checker_finish(&ck, "control");
}

static size_t read_seed_list(uint32_t **chars, size_t *counts, size_t max)
{
    const char *root = getenv("BL_SOURCE_DIR");
    bl_buf pat = BL_BUF_INIT;
    bl_buf_printf(&pat, "%s/examples/*.txt", root ? root : ".");
    glob_t g;
    assert_int_equal(glob(pat.data, 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 3 && g.gl_pathc <= max);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        chars[i] = malloc(64 * 1024 * sizeof **chars);
        counts[i] = seed_chars(g.gl_pathv[i], chars[i]);
        assert_true(counts[i] > 100);
    }
    size_t n = g.gl_pathc;
    globfree(&g);
    bl_buf_free(&pat);
    return n;
}

static void test_gb2312_count(void **state)
{
    (void)state;
    uint32_t *hanzi = malloc(8000 * sizeof *hanzi);
    assert_int_equal(gb2312_hanzi(hanzi), 6763);
    assert_int_equal(hanzi[0], 0x554A);    /* 啊, B0A1 */
    assert_int_equal(hanzi[6762], 0x9F44); /* 齄, F7FE */
    free(hanzi);
}

/* Every face: each example on its own (its characters in the order the
 * text has them), all of GB2312 in code order, and everything shuffled
 * into one document that mixes the faces. */
static void every_character_draws_ink(checker *ckp, bool custom)
{
    checker ck = *ckp;
    uint32_t *seeds[8];
    size_t seed_n[8];
    size_t nseeds = read_seed_list(seeds, seed_n, 8);
    uint32_t *hanzi = malloc(8000 * sizeof *hanzi);
    size_t nhanzi = gb2312_hanzi(hanzi);
    assert_int_equal(nhanzi, 6763);

    /* Regular faces get every document; the synthetic bold ones (cairo
     * embeds them through its own CFF writer) the seeds and the shuffle. */
    for (size_t f = 0; f < ck.nfaces; f++) {
        char name[64];
        for (size_t s = 0; s < nseeds; s++) {
            job j = {.name = name};
            snprintf(name, sizeof name, "%sseed%zu-%s", ck.direct ? "direct-" : "", s,
                     ck.faces[f].label);
            for (size_t i = 0; i < seed_n[s]; i++)
                job_add(&j, seeds[s][i], (int)f, DRAW_PANGO);
            check_job(&ck, &j);
            job_free(&j);
        }
        if (ck.faces[f].bold)
            continue;
        job j = {.name = name};
        snprintf(name, sizeof name, "%sgb2312-%s", ck.direct ? "direct-" : "",
                 ck.faces[f].label);
        for (size_t i = 0; i < nhanzi; i++)
            job_add(&j, hanzi[i], (int)f, DRAW_PANGO);
        check_job(&ck, &j);
        job_free(&j);
    }

    /* Under ASan the shuffled document holds each character once (in a
     * face picked at random) instead of once per face: still every
     * character, a fifth of the pixels. */
    job j = {.name = ck.direct ? "direct-shuffled" : "shuffled"};
    uint64_t rng = 0x9E3779B97F4A7C15u;
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    for (size_t s = 0; s <= nseeds; s++) {
        const uint32_t *list = s < nseeds ? seeds[s] : hanzi;
        size_t n = s < nseeds ? seed_n[s] : nhanzi;
        for (size_t i = 0; i < n; i++) {
            if (g_hash_table_contains(seen, GUINT_TO_POINTER(list[i])))
                continue;
            g_hash_table_add(seen, GUINT_TO_POINTER(list[i]));
            if (UNDER_ASAN && !custom)
                job_add(&j, list[i], (int)(rng_next(&rng) % ck.nfaces), DRAW_PANGO);
            else
                for (size_t f = 0; f < ck.nfaces; f++)
                    job_add(&j, list[i], (int)f, DRAW_PANGO);
        }
    }
    g_hash_table_destroy(seen);
    job_shuffle(&j, 20240430);
    check_job(&ck, &j);
    job_free(&j);

    for (size_t s = 0; s < nseeds; s++)
        free(seeds[s]);
    free(hanzi);
    fprintf(stderr,
            "%s: drew %zu characters in %zu faces, compared %zu: lowest "
            "similarity %.3f, ink %.3f-%.3f of the reference; CPU seconds: "
            "%.1f drawing PDFs, %.1f checking; %.1f s in pdftoppm and "
            "mutool\n",
            ck.direct ? "direct backend" : "cairo", ck.ncells, ck.nfaces,
            ck.nchecked, ck.worst_similarity, ck.min_ratio,
            ck.max_ratio, ck.render_seconds, ck.check_seconds,
            ck.tool_seconds);
    *ckp = ck;
}

/* Through cairo's canvas, then the direct backend's (its faces subset by
 * hb-subset), with one checker: the reference faces are made once, and
 * FreeType is not left while cairo's caches may still hold them (a face
 * freed and another made at its address would be found there). */
static void test_every_character_draws_ink(void **state)
{
    (void)state;
    checker ck;
    checker_init(&ck);
    bool custom = use_custom_font(&ck);
    every_character_draws_ink(&ck, custom);
    ck.direct = true;
    ck.ncells = ck.nchecked = 0;
    ck.worst_similarity = ck.min_ratio = ck.max_ratio = 1; /* as checker_init */
    ck.render_seconds = ck.check_seconds = ck.tool_seconds = 0;
    every_character_draws_ink(&ck, custom);
    checker_finish(&ck, "every character");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gb2312_count),
        cmocka_unit_test(test_check_catches_blank_and_wrong_glyphs),
        cmocka_unit_test(test_every_character_draws_ink),
    };
    const char *only = getenv("BL_FONT_INK_ONLY"); /* a test name glob */
    if (only)
        cmocka_set_test_filter(only);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
