/* fonts.c - the private fontconfig configuration behind the PDF writer;
 * see fonts.h and fonts/README.md. */
#include "fonts.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <pango/pangofc-fontmap.h>

#include "alloc.h"
#include "datadir.h"
#include "embedded.h"
#include "text.h"

#define SERIF_FAMILY "AR PL UMing CN"
#define SANS_FAMILY "WenQuanYi Micro Hei"
#define KAI_FAMILY "LXGW WenKai"

/* Office font directories are walked this deep at most (symlink loops). */
#define MAX_DIR_DEPTH 8

struct bl_fonts {
    FcConfig *config;     /* the private configuration */
    PangoFontMap *map;
    FcCharSet *coverage;  /* union of the chosen faces' charsets */
    unsigned char *bmp;   /* per BMP code point: 0 not asked yet, 1
                             covered, 2 not (bl_fonts_uncovered's cache:
                             a large report asks of every character) */
    FcConfig *system;     /* default configuration, loaded on demand */
    bool allow_fallback;
    const char *kai;      /* KAI_FAMILY or SERIF_FAMILY */
    char *fangsong;       /* office faces (malloc'd), NULL when none */
    char *title;
    bl_buf warnings;
};

bool bl_fonts_pattern_is_cff(FcPattern *face)
{
    FcChar8 *format = NULL;
    return FcPatternGetString(face, FC_FONTFORMAT, 0, &format) ==
               FcResultMatch &&
           strcmp((const char *)format, "CFF") == 0;
}

/* Characters Pango draws without a glyph of their own: controls, format
 * characters (soft hyphen, zero-width and bidi marks, BOM), line and
 * paragraph separators, variation selectors; spaces HarfBuzz synthesises
 * when a face lacks them. */
static bool needs_no_glyph(uint32_t cp)
{
    if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
        (cp >= 0x180B && cp <= 0x180D))
        return true;
    switch (g_unichar_type(cp)) {
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
        return true;
    default:
        return false;
    }
}

static bool family_has(FcPattern *face, const char *family)
{
    FcChar8 *s;
    for (int i = 0; FcPatternGetString(face, FC_FAMILY, i, &s) == FcResultMatch;
         i++)
        if (strcasecmp((const char *)s, family) == 0)
            return true;
    return false;
}

/* Appends the chosen faces of one font set to the coverage; says which of
 * the built-in families were seen (bit 0 serif, 1 sans, 2 kai). */
static unsigned add_coverage(bl_fonts *f, FcFontSet *set)
{
    unsigned seen = 0;
    for (int i = 0; set && i < set->nfont; i++) {
        FcCharSet *cs;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) ==
            FcResultMatch)
            FcCharSetMerge(f->coverage, cs, NULL);
        seen |= family_has(set->fonts[i], SERIF_FAMILY) ? 1u : 0u;
        seen |= family_has(set->fonts[i], SANS_FAMILY) ? 2u : 0u;
        seen |= family_has(set->fonts[i], KAI_FAMILY) ? 4u : 0u;
    }
    return seen;
}

/* strstr, ASCII case-insensitive (UTF-8 bytes compare as they are). */
static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

/* True when some family name of face contains one of the needles. */
static bool family_contains(FcPattern *face, const char *const *needles)
{
    FcChar8 *s;
    for (int i = 0; FcPatternGetString(face, FC_FAMILY, i, &s) == FcResultMatch;
         i++)
        for (const char *const *n = needles; *n; n++)
            if (contains_nocase((const char *)s, *n))
                return true;
    return false;
}

/* Remembers an office's 仿宋 and 小标宋 faces (the first found, in path
 * order) by their first family name. */
static void note_office_face(bl_fonts *f, FcPattern *face)
{
    static const char *const fangsong[] = {"仿宋", "FangSong", "Fangsong",
                                           NULL};
    static const char *const title[] = {"小标宋", "XiaoBiaoSong",
                                        "XBSong", NULL};
    FcChar8 *family;
    if (FcPatternGetString(face, FC_FAMILY, 0, &family) != FcResultMatch)
        return;
    if (!f->fangsong && family_contains(face, fangsong))
        f->fangsong = bl_strdup((const char *)family);
    if (!f->title && family_contains(face, title))
        f->title = bl_strdup((const char *)family);
}

static void warn_cff(bl_fonts *f, const char *path, FcPattern *face)
{
    FcChar8 *family = (FcChar8 *)"?";
    FcPatternGetString(face, FC_FAMILY, 0, &family);
    bl_buf_printf(&f->warnings,
                  "%s: font \"%s\" has CFF (PostScript) outlines, which "
                  "bulletin's PDF writer does not embed (and cairo 1.16, "
                  "Debian 12, mis-subsets: blank or misshapen glyphs, "
                  "crashes); it is not used. Use a TrueType-outline version "
                  "of it (see fonts/README.md).\n",
                  path, (const char *)family);
}

/* One file of an office font directory: CFF faces are reported (the
 * configuration rejects them), the others are added to the configuration. */
static void add_office_file(bl_fonts *f, const char *path)
{
    FcFontSet *set = FcFontSetCreate();
    if (!set)
        bl_out_of_memory(sizeof *set);
    FcFreeTypeQueryAll((const FcChar8 *)path, (unsigned int)-1, NULL, NULL, set); /* every face */
    bool usable = false;
    for (int i = 0; i < set->nfont; i++) {
        if (bl_fonts_pattern_is_cff(set->fonts[i])) {
            warn_cff(f, path, set->fonts[i]);
        } else {
            usable = true;
            note_office_face(f, set->fonts[i]);
        }
    }
    FcFontSetDestroy(set);
    /* Added file by file, not with FcConfigAppFontAddDir, so fontconfig
     * writes no cache files for office directories. */
    if (usable)
        FcConfigAppFontAddFile(f->config, (const FcChar8 *)path);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name); /* not strcoll: same order
                                                  in every locale */
}

static void add_office_dir(bl_fonts *f, const char *dir, int depth)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, by_name);
    if (n < 0)
        return;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] != '.') {
            bl_buf path = BL_BUF_INIT;
            bl_buf_printf(&path, "%s/%s", dir, name);
            struct stat st;
            if (stat(path.data, &st) == 0) {
                if (S_ISDIR(st.st_mode) && depth < MAX_DIR_DEPTH)
                    add_office_dir(f, path.data, depth + 1);
                else if (S_ISREG(st.st_mode))
                    add_office_file(f, path.data);
            }
            bl_buf_free(&path);
        }
        free(names[i]);
    }
    free(names);
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int load_config(bl_fonts *f, bl_error *err)
{
    const bl_embedded_file *conf = bl_embedded_find("fonts/fonts.conf");
    if (!conf)
        return bl_error_set(err, BL_EFONT, "", 0,
                            "fonts/fonts.conf is not compiled into the "
                            "program (rebuild)");
    f->config = FcConfigCreate();
    if (!f->config)
        return bl_error_set(err, BL_ENOMEM, "", 0, "out of memory");
    if (!FcConfigParseAndLoadFromMemory(f->config, conf->data, FcTrue) ||
        !FcConfigBuildFonts(f->config))
        return bl_error_set(err, BL_EFONT, "fonts/fonts.conf", 0,
                            "cannot load the font configuration");
    return BL_OK;
}

/* The fonts/ directory of the data directory (datadir.h: found from the
 * program's location, never the source tree) and --font-dir. */
static int add_office_dirs(bl_fonts *f, const char *font_dir, bl_error *err)
{
    const char *data = bl_data_dir();
    char dir[4096];
    if (data && (size_t)snprintf(dir, sizeof dir, "%s/fonts", data) < sizeof dir &&
        is_dir(dir))
        add_office_dir(f, dir, 0);
    if (font_dir) {
        if (!is_dir(font_dir))
            return bl_error_set(err, BL_EFONT, font_dir, 0,
                                "--font-dir: not a directory");
        add_office_dir(f, font_dir, 0);
    }
    return BL_OK;
}

static int check_coverage(bl_fonts *f, bl_error *err)
{
    f->coverage = FcCharSetCreate();
    if (!f->coverage)
        return bl_error_set(err, BL_ENOMEM, "", 0, "out of memory");
    unsigned seen = add_coverage(f, FcConfigGetFonts(f->config, FcSetSystem)) |
                    add_coverage(f, FcConfigGetFonts(f->config,
                                                     FcSetApplication));
    if (!(seen & 1u))
        return bl_error_set(err, BL_EFONT, "", 0,
                            "font \"" SERIF_FAMILY "\" not found (install "
                            "the Debian package fonts-arphic-uming)");
    if (!(seen & 2u))
        return bl_error_set(err, BL_EFONT, "", 0,
                            "font \"" SANS_FAMILY "\" not found (install "
                            "the Debian package fonts-wqy-microhei)");
    f->kai = (seen & 4u) ? KAI_FAMILY : SERIF_FAMILY;
    if (!(seen & 4u))
        bl_buf_puts(&f->warnings,
                    "font \"" KAI_FAMILY "\" not found (Debian package "
                    "fonts-lxgw-wenkai); " SERIF_FAMILY " is used instead\n");
    return BL_OK;
}

static FcConfig *system_config(bl_fonts *f)
{
    if (!f->system)
        f->system = FcInitLoadConfigAndFonts();
    return f->system;
}

/* True when dir is below one of the directories in added ("a\nb\n"). */
static bool below_any(const char *dir, const char *added)
{
    for (const char *p = added; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = (size_t)(nl - p);
        if (strncmp(dir, p, n) == 0 && dir[n] == '/')
            return true;
        p = nl + 1;
    }
    return false;
}

/* --allow-fallback: the system's font directories go behind the chosen
 * faces (CFF faces among them are still rejected by fonts.conf). */
static void add_system_fonts(bl_fonts *f)
{
    FcConfig *sys = system_config(f);
    if (!sys)
        return;
    /* The list holds every subdirectory too; adding a directory adds its
     * subdirectories already. */
    bl_buf added = BL_BUF_INIT;
    FcStrList *dirs = FcConfigGetFontDirs(sys);
    if (!dirs)
        return;
    FcChar8 *dir;
    while ((dir = FcStrListNext(dirs))) {
        const char *d = (const char *)dir;
        if (below_any(d, added.data) || !is_dir(d))
            continue;
        FcConfigAppFontAddDir(f->config, dir);
        bl_buf_printf(&added, "%s\n", d);
    }
    FcStrListDone(dirs);
    bl_buf_free(&added);
}

/* The configuration and coverage of opts: fontconfig only, no Pango
 * object, so bl_fonts_ahead may run it on a thread of its own. */
static int open_config(const bl_fonts_options *opts, bl_fonts **out, bl_error *err)
{
    *out = NULL;
    bl_fonts *f = bl_calloc(1, sizeof *f);
    bl_buf_init(&f->warnings);
    f->allow_fallback = opts->allow_fallback;
    int rc = load_config(f, err);
    if (rc == BL_OK)
        rc = add_office_dirs(f, opts->font_dir, err);
    if (rc == BL_OK)
        rc = check_coverage(f, err);
    if (rc != BL_OK) {
        bl_fonts_free(f);
        return rc;
    }
    if (f->allow_fallback)
        add_system_fonts(f);
    *out = f;
    return BL_OK;
}

/* Pango's font map over f's configuration; on failure frees f. */
static int open_map(bl_fonts *f, bl_error *err)
{
    /* Pango 1.50 loads fontconfig's default configuration (FcInit) on a
     * thread of its own when the first font map is made, and every font
     * lookup waits for it, although the map is given its own: with this
     * configuration made the current one, FcInit has nothing to load
     * (about 10 ms of CPU, 2-3 ms of a 130-project run's wall time). */
    FcConfigSetCurrent(f->config);
    f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!f->map) {
        bl_fonts_free(f);
        return bl_error_set(err, BL_EFONT, "", 0,
                            "cairo has no FreeType font support");
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), f->config);
    return BL_OK;
}

static const bl_fonts_options no_options = {NULL, false};

int bl_fonts_open(const bl_fonts_options *opts, bl_fonts **out, bl_error *err)
{
    int rc = open_config(opts ? opts : &no_options, out, err);
    if (rc == BL_OK && (rc = open_map(*out, err)) != BL_OK)
        *out = NULL;
    return rc;
}

/* ---- opened ahead ------------------------------------------------------ */

struct bl_fonts_ahead {
    pthread_t thread;
    bool joined;
    char *font_dir; /* the options, copied */
    bool allow_fallback;
    bl_fonts *fonts; /* NULL: failed (the opener meets the error again), or taken */
};

static void *open_ahead(void *arg)
{
    bl_fonts_ahead *a = arg;
    bl_fonts_options o = {a->font_dir, a->allow_fallback};
    bl_error ignored = {0};
    if (open_config(&o, &a->fonts, &ignored) != BL_OK)
        a->fonts = NULL;
    return NULL;
}

bl_fonts_ahead *bl_fonts_ahead_start(const bl_fonts_options *opts)
{
    if (!opts)
        opts = &no_options;
    bl_fonts_ahead *a = bl_calloc(1, sizeof *a);
    a->font_dir = opts->font_dir ? bl_strdup(opts->font_dir) : NULL;
    a->allow_fallback = opts->allow_fallback;
    if (pthread_create(&a->thread, NULL, open_ahead, a) != 0) {
        bl_free(a->font_dir);
        bl_free(a);
        return NULL;
    }
    return a;
}

void bl_fonts_ahead_wait(bl_fonts_ahead *a)
{
    if (a && !a->joined) {
        pthread_join(a->thread, NULL);
        a->joined = true;
    }
}

static bool same_options(const bl_fonts_ahead *a, const bl_fonts_options *o)
{
    const char *dir = o->font_dir;
    return a->allow_fallback == o->allow_fallback &&
           (dir && a->font_dir ? strcmp(dir, a->font_dir) == 0 : !dir && !a->font_dir);
}

int bl_fonts_open_ahead(bl_fonts_ahead *a, const bl_fonts_options *opts,
                        bl_fonts **out, bl_error *err)
{
    if (!opts)
        opts = &no_options;
    bl_fonts_ahead_wait(a);
    if (!a || !a->fonts || !same_options(a, opts))
        return bl_fonts_open(opts, out, err);
    bl_fonts *f = a->fonts;
    a->fonts = NULL;
    int rc = open_map(f, err);
    *out = rc == BL_OK ? f : NULL;
    return rc;
}

void bl_fonts_ahead_free(bl_fonts_ahead *a)
{
    if (!a)
        return;
    bl_fonts_ahead_wait(a);
    bl_fonts_free(a->fonts);
    bl_free(a->font_dir);
    bl_free(a);
}

void bl_fonts_free(bl_fonts *f)
{
    if (!f)
        return;
    if (f->map) {
        /* Pango 1.50 keeps a reference to the configuration it was given
         * and never drops it on finalisation; detaching it first lets the
         * configuration be freed below. */
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), NULL);
        g_object_unref(f->map);
    }
    bl_free(f->bmp);
    if (f->config)
        FcConfigDestroy(f->config);
    if (f->system)
        FcConfigDestroy(f->system);
    if (f->coverage)
        FcCharSetDestroy(f->coverage);
    free(f->fangsong);
    free(f->title);
    bl_buf_free(&f->warnings);
    free(f);
}

PangoFontMap *bl_fonts_map(bl_fonts *f)
{
    return f->map;
}

void bl_fonts_context_setup(PangoContext *ctx)
{
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    /* Sizes in points are PDF units (Pango's default is 96 dpi). */
    pango_cairo_context_set_resolution(ctx, 72.0);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
}

PangoContext *bl_fonts_context_new(bl_fonts *f)
{
    PangoContext *ctx = pango_font_map_create_context(f->map);
    bl_fonts_context_setup(ctx);
    return ctx;
}

const char *bl_fonts_serif(const bl_fonts *f)
{
    (void)f;
    return SERIF_FAMILY;
}

const char *bl_fonts_sans(const bl_fonts *f)
{
    (void)f;
    return SANS_FAMILY;
}

const char *bl_fonts_kai(const bl_fonts *f)
{
    return f->kai;
}

const char *bl_fonts_fangsong(const bl_fonts *f)
{
    return f->fangsong ? f->fangsong : SERIF_FAMILY;
}

const char *bl_fonts_title(const bl_fonts *f)
{
    return f->title ? f->title : SERIF_FAMILY;
}

const char *bl_fonts_warnings(const bl_fonts *f)
{
    return f->warnings.data ? f->warnings.data : "";
}

bool bl_fonts_covers(const bl_fonts *f, uint32_t cp)
{
    return needs_no_glyph(cp) || FcCharSetHasChar(f->coverage, cp);
}

/* bl_fonts_covers, remembered per BMP code point. */
static bool covers_cached(bl_fonts *f, uint32_t cp)
{
    if (cp > 0xFFFF)
        return bl_fonts_covers(f, cp);
    if (!f->bmp)
        f->bmp = bl_calloc(0x10000, 1);
    if (!f->bmp[cp])
        f->bmp[cp] = bl_fonts_covers(f, cp) ? 1 : 2;
    return f->bmp[cp] == 1;
}

size_t bl_fonts_uncovered(bl_fonts *f, const char *text, bl_buf *missing)
{
    FcCharSet *seen = NULL;
    size_t n = 0;
    const char *p = text, *end = text + strlen(text);
    uint32_t cp;
    while ((cp = bl_utf8_next(&p, end)) != 0) {
        if (covers_cached(f, cp))
            continue;
        if (!seen && !(seen = FcCharSetCreate()))
            bl_out_of_memory(0);
        if (FcCharSetHasChar(seen, cp))
            continue;
        FcCharSetAddChar(seen, cp);
        char utf8[4];
        bl_buf_append(missing, utf8, (size_t)bl_utf8_put(utf8, cp));
        n++;
    }
    if (seen)
        FcCharSetDestroy(seen);
    return n;
}

void bl_fonts_fallback_name(bl_fonts *f, unsigned int cp, bl_buf *out)
{
    FcConfig *config = f->allow_fallback ? f->config : system_config(f);
    FcPattern *want = FcPatternCreate();
    FcFontSet *sorted = NULL;
    if (config && want &&
        FcPatternAddString(want, FC_FAMILY, (const FcChar8 *)SERIF_FAMILY)) {
        FcResult res;
        FcConfigSubstitute(config, want, FcMatchPattern);
        FcDefaultSubstitute(want);
        sorted = FcFontSort(config, want, FcFalse, NULL, &res);
    }
    const char *name = "none";
    for (int i = 0; sorted && i < sorted->nfont; i++) {
        FcPattern *face = sorted->fonts[i];
        FcCharSet *cs;
        FcChar8 *family;
        if (!bl_fonts_pattern_is_cff(face) &&
            FcPatternGetCharSet(face, FC_CHARSET, 0, &cs) == FcResultMatch &&
            FcCharSetHasChar(cs, cp) &&
            FcPatternGetString(face, FC_FAMILY, 0, &family) == FcResultMatch) {
            name = (const char *)family;
            break;
        }
    }
    bl_buf_puts(out, name);
    if (sorted)
        FcFontSetDestroy(sorted);
    if (want)
        FcPatternDestroy(want);
}

FcConfig *bl_fonts_config(bl_fonts *f)
{
    return f->config;
}
