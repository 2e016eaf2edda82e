/* fonts.h - the private font set-up of the PDF writer.
 *
 * Pango gets a fontconfig configuration of its own (fonts/fonts.conf,
 * compiled in) that holds only TrueType-outline CJK faces from Debian
 * packages (AR PL UMing CN for body text, WenQuanYi Micro Hei for headings
 * and tables, LXGW WenKai), the data directory's fonts/ (datadir.h) and --font-dir.
 * CFF-outline faces are kept out: cairo 1.16 (Debian 12) mis-subsets them
 * (blank or misshapen glyphs, assertion failures), and the direct backend
 * embeds TrueType outlines only (pdf_embed.h). A CFF face an office adds
 * is left out of the configuration and reported with a warning naming
 * that. With --allow-fallback the system's (TrueType) faces are added behind
 * the chosen ones, so that characters they lack can still be drawn.
 *
 * Ownership: bl_fonts_open (or bl_fonts_open_ahead) allocates, bl_fonts_free releases (the font map
 * and the FcConfig with it). Strings returned by the getters belong to the
 * bl_fonts and live until bl_fonts_free.
 */
#ifndef BL_FONTS_H
#define BL_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "buf.h"
#include "error.h"

typedef struct bl_fonts bl_fonts;

typedef struct bl_fonts_options {
    const char *font_dir;  /* --font-dir, may be NULL */
    bool allow_fallback;   /* --allow-fallback */
} bl_fonts_options;

/* opts may be NULL (no --font-dir, no fallback). Fails with BL_EFONT when
 * the configuration cannot be built, a required face (AR PL UMing CN,
 * WenQuanYi Micro Hei) is not installed, or font_dir is not a directory. */
int bl_fonts_open(const bl_fonts_options *opts, bl_fonts **out, bl_error *err);
void bl_fonts_free(bl_fonts *f);

/* The fonts of opts opened on a thread of its own while the caller goes
 * on (main.c: while it reads its inputs). Only fontconfig works on that
 * thread (the configuration, its caches, the coverage); the Pango font
 * map is made by bl_fonts_open_ahead on the caller's thread. After
 * bl_fonts_ahead_wait no thread of it is left, so the process may fork.
 * NULL when no thread could be started (then bl_fonts_open_ahead opens
 * as bl_fonts_open does). Ownership: bl_fonts_ahead_free releases it and
 * fonts not taken. */
typedef struct bl_fonts_ahead bl_fonts_ahead;
bl_fonts_ahead *bl_fonts_ahead_start(const bl_fonts_options *opts);
void bl_fonts_ahead_wait(bl_fonts_ahead *a);
/* bl_fonts_open, with the fonts opened ahead when a (may be NULL) has
 * them for the same options and they are not taken yet: the first caller
 * takes them, the others open their own (as does any caller when the
 * opening ahead failed: it meets the error itself). */
int bl_fonts_open_ahead(bl_fonts_ahead *a, const bl_fonts_options *opts,
                        bl_fonts **out, bl_error *err);
void bl_fonts_ahead_free(bl_fonts_ahead *a);

/* The Pango font map backed by the private configuration. Never use
 * pango_cairo_create_context(cr): that takes the system's default map. */
PangoFontMap *bl_fonts_map(bl_fonts *f);

/* A new context on bl_fonts_map set up for PDF output (caller unrefs):
 * 72 dpi (a font size in points is that many PDF units), no hinting, hint
 * metrics and glyph-position rounding off, language zh-cn.
 * Measure and draw with contexts from here (after
 * pango_cairo_update_context), so both see the same metrics. */
PangoContext *bl_fonts_context_new(bl_fonts *f);

/* The same settings applied to a context the caller made on bl_fonts_map. */
void bl_fonts_context_setup(PangoContext *ctx);

/* Family names for Pango font descriptions. */
const char *bl_fonts_serif(const bl_fonts *f); /* body text, 宋/明 */
const char *bl_fonts_sans(const bl_fonts *f);  /* headings, tables, 黑 */
const char *bl_fonts_kai(const bl_fonts *f);   /* 楷; serif if missing */
/* An office's own faces for --style gongwen, found by family name among
 * the faces in fonts/ and --font-dir (…仿宋…/FangSong…, …小标宋…/
 * XiaoBiaoSong…); serif when the office has none. */
const char *bl_fonts_fangsong(const bl_fonts *f);
const char *bl_fonts_title(const bl_fonts *f);

/* Warnings gathered while opening (a CFF face added, ...), one per line,
 * "" when none. */
const char *bl_fonts_warnings(const bl_fonts *f);

/* Checks that every character of text is covered by the chosen faces.
 * Characters not covered are appended to missing (UTF-8, unique, in order
 * of first appearance); returns how many there are. Control, format and
 * space characters are never reported (they need no glyph). */
size_t bl_fonts_uncovered(bl_fonts *f, const char *text, bl_buf *missing);

/* True when the chosen faces cover cp (or cp needs no glyph). */
bool bl_fonts_covers(const bl_fonts *f, uint32_t cp);

/* Name of the face fontconfig falls back to for cp (for --allow-fallback
 * messages), appended to out: the family of the first non-CFF face in fontconfig's
 * fallback order that has cp — from the private configuration with
 * --allow-fallback (the face that will be drawn), else from the system's
 * default configuration; "none" when no usable face has it. */
void bl_fonts_fallback_name(bl_fonts *f, unsigned int cp, bl_buf *out);

/* The private configuration (owned by f), for tests and diagnostics. */
FcConfig *bl_fonts_config(bl_fonts *f);

/* True when the face pattern has CFF (PostScript) outlines
 * (FC_FONTFORMAT "CFF"), the outlines cairo 1.16 mis-subsets. */
bool bl_fonts_pattern_is_cff(FcPattern *face);

#endif
