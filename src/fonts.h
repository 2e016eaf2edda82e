/* fonts.h - the private font set-up of the PDF writer.
 *
 * Pango gets a fontconfig configuration of its own (fonts/fonts.conf,
 * compiled in) that holds only TrueType-outline CJK faces from Debian
 * packages (AR PL UMing CN for body text, WenQuanYi Micro Hei for headings
 * and tables, LXGW WenKai), the project's fonts/ directory and --font-dir.
 * CFF-outline faces are kept out: cairo 1.16 (Debian 12) mis-subsets them
 * (blank or misshapen glyphs, assertion failures). A CFF face an office adds
 * is loaded but reported with a warning naming that bug.
 *
 * Ownership: bl_fonts_open allocates, bl_fonts_free releases (the font map
 * and the FcConfig with it).
 */
#ifndef BL_FONTS_H
#define BL_FONTS_H

#include <stdbool.h>
#include <stddef.h>

#include <pango/pangocairo.h>

#include "buf.h"
#include "error.h"

typedef struct bl_fonts bl_fonts;

typedef struct bl_fonts_options {
    const char *font_dir;  /* --font-dir, may be NULL */
    bool allow_fallback;   /* --allow-fallback */
} bl_fonts_options;

int bl_fonts_open(const bl_fonts_options *opts, bl_fonts **out, bl_error *err);
void bl_fonts_free(bl_fonts *f);

/* The Pango font map backed by the private configuration. */
PangoFontMap *bl_fonts_map(bl_fonts *f);

/* Family names for Pango font descriptions. */
const char *bl_fonts_serif(const bl_fonts *f); /* body text, 宋/明 */
const char *bl_fonts_sans(const bl_fonts *f);  /* headings, tables, 黑 */

/* Warnings gathered while opening (a CFF face added, ...), one per line,
 * "" when none. */
const char *bl_fonts_warnings(const bl_fonts *f);

/* Checks that every character of text is covered by the chosen faces.
 * Characters not covered are appended to missing (UTF-8, unique, in order
 * of first appearance); returns how many there are. */
size_t bl_fonts_uncovered(bl_fonts *f, const char *text, bl_buf *missing);

/* Name of the face fontconfig falls back to for cp (for --allow-fallback
 * messages), in buf. */
void bl_fonts_fallback_name(bl_fonts *f, unsigned int cp, bl_buf *out);

#endif
