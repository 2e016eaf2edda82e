/* test_fonts.c - the private font configuration: which faces it holds,
 * coverage checks, CFF detection and fallback names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pango/pangofc-font.h>

#include "fonts.h"
#include "io.h"

/* LeakSanitizer: fontconfig stores pointers as offsets (patterns, charsets)
 * and Pango's fontconfig thread may still hold a configuration when the
 * program ends, so LSan reports fontconfig's memory as lost. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static const char *const chosen_files[] = {
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
    "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf",
    NULL};

/* A complete bare CFF font of 77 bytes ("FangSongCFF", one glyph: A),
 * built by hand: header, Name/Top DICT/String/GSubr INDEXes, charset,
 * CharStrings, Private DICT. FreeType reports its format as "CFF". */
static const unsigned char tiny_cff[] = {
    0x01, 0x00, 0x04, 0x01, 0x00, 0x01, 0x01, 0x01, 0x0c, 0x46, 0x61,
    0x6e, 0x67, 0x53, 0x6f, 0x6e, 0x67, 0x43, 0x46, 0x46, 0x00, 0x01,
    0x01, 0x01, 0x18, 0x1d, 0x00, 0x00, 0x00, 0x34, 0x0f, 0x1d, 0x00,
    0x00, 0x00, 0x37, 0x11, 0x1d, 0x00, 0x00, 0x00, 0x02, 0x1d, 0x00,
    0x00, 0x00, 0x4b, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x22,
    0x00, 0x02, 0x01, 0x01, 0x02, 0x0f, 0x0e, 0x8b, 0x8b, 0x15, 0xef,
    0x8b, 0x05, 0x8b, 0xef, 0x05, 0x27, 0x8b, 0x05, 0x0e, 0x8b, 0x15};

static bl_fonts *open_fonts(const char *font_dir, bool allow_fallback)
{
    bl_fonts_options opts = {font_dir, allow_fallback};
    bl_fonts *f = NULL;
    bl_error err = {0};
    int rc = bl_fonts_open(&opts, &f, &err);
    if (rc != BL_OK)
        fail_msg("bl_fonts_open: %s", err.message);
    return f;
}

static bool is_chosen_file(const char *file)
{
    for (const char *const *c = chosen_files; *c; c++)
        if (strcmp(*c, file) == 0)
            return true;
    return false;
}

/* Every face of the configuration, as "family|file" lines. */
static void list_faces(bl_fonts *f, bl_buf *out)
{
    FcSetName sets[] = {FcSetSystem, FcSetApplication};
    for (size_t s = 0; s < 2; s++) {
        FcFontSet *set = FcConfigGetFonts(bl_fonts_config(f), sets[s]);
        for (int i = 0; set && i < set->nfont; i++) {
            FcChar8 *family, *file;
            assert_int_equal(FcPatternGetString(set->fonts[i], FC_FAMILY, 0,
                                                &family),
                             FcResultMatch);
            assert_int_equal(
                FcPatternGetString(set->fonts[i], FC_FILE, 0, &file),
                FcResultMatch);
            bl_buf_printf(out, "%s|%s\n", family, file);
        }
    }
}

static void test_config_holds_only_the_chosen_faces(void **state)
{
    (void)state;
    bl_fonts *f = open_fonts(NULL, false);
    bl_buf faces = BL_BUF_INIT;
    list_faces(f, &faces);
    /* The private configuration sees no system font at all. */
    assert_null(strstr(faces.data, "DejaVu"));
    assert_null(strstr(faces.data, "Noto"));
    assert_null(strstr(faces.data, "Liberation"));
    assert_null(strstr(faces.data, "UMing TW"));
    assert_null(strstr(faces.data, "Micro Hei Mono"));
    size_t n = 0;
    for (char *line = faces.data; line && *line; n++) {
        char *nl = strchr(line, '\n');
        *nl = '\0';
        char *file = strchr(line, '|') + 1;
        if (!is_chosen_file(file))
            fail_msg("unexpected face %s", line);
        line = nl + 1;
    }
    /* UMing CN, Micro Hei, WenKai Regular and Bold. */
    assert_int_equal(n, 4);

    /* What Pango lists is the same set of families (besides the generic
     * names it adds itself). */
    PangoFontFamily **families;
    int nfam;
    pango_font_map_list_families(bl_fonts_map(f), &families, &nfam);
    bl_buf names = BL_BUF_INIT;
    int real = 0;
    for (int i = 0; i < nfam; i++) {
        const char *name = pango_font_family_get_name(families[i]);
        if (strcmp(name, "Sans") && strcmp(name, "Serif") &&
            strcmp(name, "Monospace") && strcmp(name, "System-ui")) {
            bl_buf_printf(&names, "[%s]", name);
            real++;
        }
    }
    g_free(families);
    assert_int_equal(real, 3);
    assert_non_null(strstr(names.data, "[AR PL UMing CN]"));
    assert_non_null(strstr(names.data, "[WenQuanYi Micro Hei]"));
    assert_non_null(strstr(names.data, "[LXGW WenKai]"));

    assert_string_equal(bl_fonts_serif(f), "AR PL UMing CN");
    assert_string_equal(bl_fonts_sans(f), "WenQuanYi Micro Hei");
    assert_string_equal(bl_fonts_kai(f), "LXGW WenKai");
    /* No office faces in the source tree's fonts/: gongwen uses serif. */
    assert_string_equal(bl_fonts_fangsong(f), "AR PL UMing CN");
    assert_string_equal(bl_fonts_title(f), "AR PL UMing CN");
    assert_string_equal(bl_fonts_warnings(f), "");
    bl_buf_free(&names);
    bl_buf_free(&faces);
    bl_fonts_free(f);
}

/* The face Pango draws the first character of text with, for a family. */
static void drawn_with(bl_fonts *f, const char *family, const char *text,
                       bl_buf *file)
{
    PangoContext *ctx = bl_fonts_context_new(f);
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *d = pango_font_description_from_string(family);
    pango_font_description_set_size(d, 12 * PANGO_SCALE);
    pango_layout_set_font_description(layout, d);
    pango_layout_set_text(layout, text, -1);
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
    assert_non_null(run);
    FcPattern *p = pango_fc_font_get_pattern(PANGO_FC_FONT(run->item->analysis.font));
    FcChar8 *s;
    assert_int_equal(FcPatternGetString(p, FC_FILE, 0, &s), FcResultMatch);
    bl_buf_puts(file, (const char *)s);
    pango_layout_iter_free(it);
    pango_font_description_free(d);
    g_object_unref(layout);
    g_object_unref(ctx);
}

static void test_generic_names_resolve_to_chosen_faces(void **state)
{
    (void)state;
    bl_fonts *f = open_fonts(NULL, false);
    static const struct {
        const char *family, *file;
    } cases[] = {
        {"serif", "/usr/share/fonts/truetype/arphic/uming.ttc"},
        {"sans-serif", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"},
        {"宋体", "/usr/share/fonts/truetype/arphic/uming.ttc"},
        {"黑体", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"},
        {"楷体", "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"},
        {"LXGW WenKai Bold",
         "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf"},
        {"No Such Family", "/usr/share/fonts/truetype/arphic/uming.ttc"},
        {"AR PL UMing CN", "/usr/share/fonts/truetype/arphic/uming.ttc"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bl_buf file = BL_BUF_INIT;
        drawn_with(f, cases[i].family, "通报如下", &file);
        if (strcmp(file.data, cases[i].file) != 0)
            fail_msg("%s drawn with %s, want %s", cases[i].family, file.data,
                     cases[i].file);
        bl_buf_free(&file);
    }
    bl_fonts_free(f);
}

static void test_seeds_are_covered(void **state)
{
    (void)state;
    bl_fonts *f = open_fonts(NULL, false);
    glob_t g;
    assert_int_equal(glob("examples/*.txt", 0, NULL, &g), 0);
    assert_true(g.gl_pathc >= 3);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        bl_buf text = BL_BUF_INIT, missing = BL_BUF_INIT;
        bl_error err = {0};
        assert_int_equal(bl_read_file(g.gl_pathv[i], &text, &err), BL_OK);
        size_t n = bl_fonts_uncovered(f, text.data, &missing);
        if (n)
            fail_msg("%s: %zu characters not covered: %s", g.gl_pathv[i], n,
                     missing.data);
        bl_buf_free(&text);
        bl_buf_free(&missing);
    }
    globfree(&g);
    bl_fonts_free(f);
}

static void test_uncovered_characters_are_listed(void **state)
{
    (void)state;
    bl_fonts *f = open_fonts(NULL, false);
    bl_buf missing = BL_BUF_INIT;
    /* A sentence of seed 004 with an emoji put in, then a CJK Ext-B
     * character no face has (U+2A6D6) and the emoji again; 𠮷 (U+20BB7) is
     * only in LXGW WenKai, which counts; tab, CR, LF and U+3000 need no
     * glyph. */
    const char *text = "县妇幼保健院年度计划投资1.3亿元,😀完成投资1.955亿元,"
                       "\t完成率150%;\r\n\xF0\xAA\x9B\x96　𠮷😀";
    assert_int_equal(bl_fonts_uncovered(f, text, &missing), 2);
    assert_string_equal(missing.data, "😀\xF0\xAA\x9B\x96");
    assert_false(bl_fonts_covers(f, 0x1F600));
    assert_false(bl_fonts_covers(f, 0x2A6D6));
    assert_true(bl_fonts_covers(f, 0x20BB7));
    assert_true(bl_fonts_covers(f, 0x5982)); /* 如 */
    assert_true(bl_fonts_covers(f, '\n'));
    assert_true(bl_fonts_covers(f, 0xFEFF)); /* BOM: a format character */

    bl_buf_reset(&missing);
    assert_int_equal(bl_fonts_uncovered(f, "通报如下：", &missing), 0);
    assert_int_equal(missing.len, 0);
    bl_buf_free(&missing);
    bl_fonts_free(f);
}

static char *make_temp_dir(void)
{
    char tmpl[] = "/tmp/bl-fonts-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    return strdup(dir);
}

static void write_bytes(const char *path, const void *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

static void test_cff_face_in_font_dir_is_reported_and_left_out(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    bl_buf path = BL_BUF_INIT;
    bl_buf_printf(&path, "%s/fangsong.cff", dir);
    write_bytes(path.data, tiny_cff, sizeof tiny_cff);

    bl_fonts *f = open_fonts(dir, false);
    const char *w = bl_fonts_warnings(f);
    assert_non_null(strstr(w, path.data));
    assert_non_null(strstr(w, "FangSongCFF"));
    assert_non_null(strstr(w, "CFF"));
    assert_non_null(strstr(w, "cairo 1.16"));
    /* Not in the configuration, so neither chosen nor a fallback... */
    bl_buf faces = BL_BUF_INIT;
    list_faces(f, &faces);
    assert_null(strstr(faces.data, "FangSongCFF"));
    /* ...and not taken as the office's 仿宋 although its name says so. */
    assert_string_equal(bl_fonts_fangsong(f), "AR PL UMing CN");
    bl_buf_free(&faces);
    bl_fonts_free(f);

    unlink(path.data);
    rmdir(dir);
    bl_buf_free(&path);
    free(dir);
}

static void test_truetype_face_in_font_dir_is_added(void **state)
{
    (void)state;
    const char *dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if (access(dejavu, R_OK) != 0)
        skip();
    char *dir = make_temp_dir();
    bl_buf path = BL_BUF_INIT;
    bl_buf_printf(&path, "%s/office.ttf", dir);
    assert_int_equal(symlink(dejavu, path.data), 0);

    bl_fonts *f = open_fonts(dir, false);
    assert_string_equal(bl_fonts_warnings(f), "");
    bl_buf faces = BL_BUF_INIT;
    list_faces(f, &faces);
    assert_non_null(strstr(faces.data, "DejaVu Sans|"));
    /* Its characters now count as covered. */
    assert_true(bl_fonts_covers(f, 0x1F600));
    bl_buf_free(&faces);
    bl_fonts_free(f);

    unlink(path.data);
    rmdir(dir);
    bl_buf_free(&path);
    free(dir);
}

static void test_missing_font_dir_is_an_error(void **state)
{
    (void)state;
    bl_fonts_options opts = {"/nonexistent/fonts", false};
    bl_fonts *f = (bl_fonts *)1;
    bl_error err = {0};
    assert_int_equal(bl_fonts_open(&opts, &f, &err), BL_EFONT);
    assert_null(f);
    assert_string_equal(err.file, "/nonexistent/fonts");
    assert_non_null(strstr(err.message, "not a directory"));
}

/* Fonts opened ahead (bl_fonts_ahead_start) go to the first opener with
 * the same options, which gets a working set as bl_fonts_open gives; the
 * next opener, and one with other options, open their own; an opening
 * ahead that fails leaves the opener to meet the same error. */
static void test_fonts_opened_ahead(void **state)
{
    (void)state;
    bl_fonts_options none = {NULL, false};
    bl_fonts_ahead *a = bl_fonts_ahead_start(&none);
    assert_non_null(a);
    bl_fonts *first = NULL, *second = NULL, *own = NULL;
    bl_error err = {0};
    assert_int_equal(bl_fonts_open_ahead(a, &none, &first, &err), BL_OK);
    assert_int_equal(bl_fonts_open_ahead(a, &none, &second, &err), BL_OK);
    assert_int_equal(bl_fonts_open(&none, &own, &err), BL_OK);
    bl_buf fa = BL_BUF_INIT, fb = BL_BUF_INIT, fo = BL_BUF_INIT;
    list_faces(first, &fa);
    list_faces(second, &fb);
    list_faces(own, &fo);
    assert_string_equal(fa.data, fo.data);
    assert_string_equal(fb.data, fo.data);
    assert_non_null(bl_fonts_map(first));
    assert_ptr_not_equal(bl_fonts_map(first), bl_fonts_map(second));
    assert_true(bl_fonts_covers(first, 0x6C11)); /* 民 */
    bl_buf_free(&fa);
    bl_buf_free(&fb);
    bl_buf_free(&fo);
    bl_fonts_free(first);
    bl_fonts_free(second);
    bl_fonts_free(own);
    bl_fonts_ahead_free(a);

    /* failed ahead: the opener's own error; other options: opened anew */
    bl_fonts_options missing = {"/nonexistent/fonts", false};
    a = bl_fonts_ahead_start(&missing);
    bl_fonts *f = (bl_fonts *)1;
    assert_int_equal(bl_fonts_open_ahead(a, &missing, &f, &err), BL_EFONT);
    assert_null(f);
    assert_string_equal(err.file, "/nonexistent/fonts");
    assert_int_equal(bl_fonts_open_ahead(a, &none, &f, &err), BL_OK);
    assert_non_null(bl_fonts_map(f));
    bl_fonts_free(f);
    bl_fonts_ahead_free(a);
    /* nothing taken: freed with the ahead */
    bl_fonts_ahead_free(bl_fonts_ahead_start(&none));
}

static void test_cff_detection_on_patterns(void **state)
{
    (void)state;
    FcPattern *p = FcPatternCreate();
    assert_false(bl_fonts_pattern_is_cff(p));
    FcPatternAddString(p, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
    assert_false(bl_fonts_pattern_is_cff(p));
    FcPatternDestroy(p);
    p = FcPatternCreate();
    FcPatternAddString(p, FC_FONTFORMAT, (const FcChar8 *)"CFF");
    assert_true(bl_fonts_pattern_is_cff(p));
    FcPatternDestroy(p);

    /* A real Noto CJK face, when the machine has one. */
    glob_t g;
    if (glob("/usr/share/fonts/opentype/noto/NotoSansCJK*", 0, NULL, &g) == 0) {
        FcFontSet *set = FcFontSetCreate();
        FcFreeTypeQueryAll((const FcChar8 *)g.gl_pathv[0], 0, NULL, NULL, set);
        assert_true(set->nfont > 0);
        assert_true(bl_fonts_pattern_is_cff(set->fonts[0]));
        FcFontSetDestroy(set);
        globfree(&g);
    }
}

/* The first system face (non-CFF) that has cp, per the default config. */
static bool system_has(unsigned cp)
{
    FcConfig *sys = FcInitLoadConfigAndFonts();
    FcPattern *p = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, cp);
    FcPatternAddCharSet(p, FC_CHARSET, cs);
    FcObjectSet *os = FcObjectSetBuild(FC_FONTFORMAT, NULL);
    FcFontSet *set = FcFontList(sys, p, os);
    bool found = false;
    for (int i = 0; set && i < set->nfont; i++)
        found |= !bl_fonts_pattern_is_cff(set->fonts[i]);
    FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcCharSetDestroy(cs);
    FcPatternDestroy(p);
    FcConfigDestroy(sys);
    return found;
}

static void test_fallback_name(void **state)
{
    (void)state;
    bl_fonts *f = open_fonts(NULL, false);
    bl_buf name = BL_BUF_INIT;
    bl_fonts_fallback_name(f, 0x2A6D6, &name);
    if (!system_has(0x2A6D6))
        assert_string_equal(name.data, "none");
    bl_buf_reset(&name);
    bl_fonts_fallback_name(f, 0x1F600, &name);
    bool has_emoji = system_has(0x1F600);
    if (has_emoji)
        assert_string_not_equal(name.data, "none");
    else
        assert_string_equal(name.data, "none");
    bl_fonts_free(f);

    /* With --allow-fallback the name is the face Pango really draws with,
     * while the character still counts as not covered by the chosen set. */
    f = open_fonts(NULL, true);
    bl_buf missing = BL_BUF_INIT;
    assert_int_equal(bl_fonts_uncovered(f, "进展😀", &missing), 1);
    if (has_emoji) {
        bl_buf_reset(&name);
        bl_fonts_fallback_name(f, 0x1F600, &name);
        bl_buf file = BL_BUF_INIT;
        drawn_with(f, bl_fonts_serif(f), "😀", &file);
        FcPattern *p = FcFreeTypeQuery((const FcChar8 *)file.data, 0, NULL,
                                       NULL);
        assert_non_null(p);
        FcChar8 *family;
        assert_int_equal(FcPatternGetString(p, FC_FAMILY, 0, &family),
                         FcResultMatch);
        assert_string_equal(name.data, (const char *)family);
        FcPatternDestroy(p);
        bl_buf_free(&file);
    }
    bl_buf_free(&missing);
    bl_buf_free(&name);
    bl_fonts_free(f);
}

static void test_context_for_pdf(void **state)
{
    (void)state;
    bl_fonts *f = open_fonts(NULL, false);
    PangoContext *ctx = bl_fonts_context_new(f);
    assert_ptr_equal(pango_context_get_font_map(ctx), bl_fonts_map(f));
    assert_false(pango_context_get_round_glyph_positions(ctx));
    const cairo_font_options_t *fo = pango_cairo_context_get_font_options(ctx);
    assert_non_null(fo);
    assert_int_equal(cairo_font_options_get_hint_metrics(fo),
                     CAIRO_HINT_METRICS_OFF);
    assert_int_equal(cairo_font_options_get_hint_style(fo),
                     CAIRO_HINT_STYLE_NONE);
    assert_string_equal(pango_language_to_string(pango_context_get_language(ctx)),
                        "zh-cn");
    g_object_unref(ctx);
    bl_fonts_free(f);
}

/* What Pango draws without a glyph needs none from a face: variation
 * selectors (standard, ideographic, Mongolian), format characters (soft
 * hyphen, zero-width joiner, bidi marks), line and paragraph separators,
 * controls and spaces; a variation selector after a covered character
 * adds nothing missing. */
static void test_characters_without_glyphs(void **state)
{
    (void)state;
    bl_fonts *f = open_fonts(NULL, false);
    const uint32_t none[] = {0xFE00, 0xFE0F, 0xE0100, 0xE01EF, 0x180B, 0x180D,
                             0x00AD, 0x200D, 0x200F, 0x2028, 0x2029, 0x0007,
                             0x3000, 0x2003};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        if (!bl_fonts_covers(f, none[i]))
            fail_msg("U+%04X counted as needing a glyph", (unsigned)none[i]);
    /* Just outside those ranges: ordinary characters no face here has. */
    assert_false(bl_fonts_covers(f, 0xE01F0));
    assert_false(bl_fonts_covers(f, 0x1F600));
    bl_buf missing = BL_BUF_INIT;
    assert_int_equal(bl_fonts_uncovered(f, "葛\xF3\xA0\x84\x80\xE2\x80\x8D进展\xC2\xAD", &missing), 0);
    bl_buf_free(&missing);
    /* No office faces: 仿宋 and 小标宋 fall back to the serif face. */
    assert_string_equal(bl_fonts_fangsong(f), bl_fonts_serif(f));
    assert_string_equal(bl_fonts_title(f), bl_fonts_serif(f));
    assert_string_equal(bl_fonts_warnings(f), "");
    bl_fonts_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_holds_only_the_chosen_faces),
        cmocka_unit_test(test_generic_names_resolve_to_chosen_faces),
        cmocka_unit_test(test_seeds_are_covered),
        cmocka_unit_test(test_uncovered_characters_are_listed),
        cmocka_unit_test(test_characters_without_glyphs),
        cmocka_unit_test(test_cff_face_in_font_dir_is_reported_and_left_out),
        cmocka_unit_test(test_truetype_face_in_font_dir_is_added),
        cmocka_unit_test(test_missing_font_dir_is_an_error),
        cmocka_unit_test(test_fonts_opened_ahead),
        cmocka_unit_test(test_cff_detection_on_patterns),
        cmocka_unit_test(test_fallback_name),
        cmocka_unit_test(test_context_for_pdf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
