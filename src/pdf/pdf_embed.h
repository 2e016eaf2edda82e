/* pdf_embed.h - one font face embedded in a PDF the direct backend writes
 * (canvas_direct.c): the glyphs the document showed, subset by HarfBuzz
 * (hb-subset), as a Type 0 font.
 *
 * Content streams show the face's glyphs by their glyph ids in the whole
 * face, two bytes each (/Encoding /Identity-H: a CID is the glyph id), so
 * a page can be written before the document's glyph set is known. The
 * descendant is a CIDFontType2 (TrueType outlines) whose /CIDToGIDMap
 * stream maps each CID to the glyph's id in the subset; /W gives every
 * used glyph's advance (1/1000 em, from the face's hmtx); a /ToUnicode
 * CMap gives the text each glyph stands for, so text can be searched and
 * copied; the /FontDescriptor has the face's metrics (/Ascent, /Descent,
 * /CapHeight, /FontBBox, /ItalicAngle, /StemV, /Flags) and the subset as
 * /FontFile2. /BaseFont is the face's PostScript name behind a six-letter
 * tag made from the glyph set (the same glyphs, the same tag).
 *
 * Faces with CFF outlines (or no glyf outlines at all) are not embedded
 * (pdf_embed_write fails): the PDF writer keeps them out of its
 * configuration (fonts.h).
 *
 * Ownership: pdf_embed_new references face; pdf_embed_free releases it
 * and everything else. One thread uses an embed at a time.
 */
#ifndef BL_PDF_EMBED_H
#define BL_PDF_EMBED_H

#include <stddef.h>
#include <stdint.h>

#include <hb.h>

#include "pdfw.h"

typedef struct pdf_embed pdf_embed;

pdf_embed *pdf_embed_new(hb_face_t *face);

/* Glyph gid was shown for utf8[0..len) (the text of its cluster; len 0:
 * none known). The first text given for a glyph is the one kept: a call
 * without one leaves a later one to be taken. A text ends at a NUL and is
 * kept up to 1 KB (a ToUnicode entry holds 256 UTF-16 units). A gid the
 * face does not have is ignored (0 returned). O(1): called per glyph
 * shown. Returns the glyph's advance, as pdf_embed_advance does. */
double pdf_embed_use(pdf_embed *e, uint32_t gid, const char *utf8,
                     size_t len);

/* The advance of glyph gid in 1/1000 em, as /W (or /DW) will give it
 * (hmtx's, rounded to 2 decimals): what a content stream positions the
 * next glyph against. Any gid, used or not. */
double pdf_embed_advance(pdf_embed *e, uint32_t gid);

/* Subsets the face and deflates the streams under the font at level
 * (libdeflate's), the slow part of pdf_embed_write, ahead of it: the
 * faces of a document can be prepared on threads of their own, one each
 * (no other call may use e meanwhile). Returns 0, or -1 when the face
 * cannot be subset (pdf_embed_write will then fail). A later
 * pdf_embed_use or another level makes pdf_embed_write prepare again. */
int pdf_embed_prepare(pdf_embed *e, int level);

/* Writes the Type 0 font as object num (reserved by the caller, who names
 * it in the pages' resources) and the objects under it (five numbers it
 * reserves). Returns 0, or -1 when the face cannot be subset (CFF
 * outlines, a damaged face): then nothing was reserved or written, and
 * num is still the caller's to write. e is unchanged either way. */
int pdf_embed_write(pdf_embed *e, pdfw *w, unsigned num);

void pdf_embed_free(pdf_embed *e);

#endif
