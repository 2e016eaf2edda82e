/* pdf_embed.c - a face's shown glyphs as a Type 0 font (see pdf_embed.h):
 * each use a lookup in a slot per glyph id of the face, the texts in one
 * buffer; at write time the glyph set subset by hb-subset (outlines only,
 * no hinting) and described by the font's dictionaries, /W, the
 * /CIDToGIDMap and the /ToUnicode CMap. */
#include "pdf_embed.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>
#include <hb-subset.h>

#include "alloc.h"
#include "buf.h"
#include "pdf_deflate.h"
#include "text.h"
#include "wraps.h"

enum {
    /* bytes of a glyph's text kept: more than a bfchar destination can
     * hold (UTF16_MAX) whatever the characters */
    TEXT_MAX = 1024,
    /* UTF-16 code units of a bfchar destination: 512 bytes, the limit
     * of the CMap format */
    UTF16_MAX = 256,
    /* entries of a beginbfchar block, the limit of the CMap format */
    BFCHAR_CHUNK = 100,
    /* a PostScript name has at most 63 characters */
    PS_NAME_MAX = 64,
    TAG_LEN = 6,
};

typedef struct {
    uint32_t gid;
    uint32_t text_off; /* in pdf_embed.texts */
    uint32_t text_len; /* 0: no text known yet */
    double advance;    /* pdf_embed_advance's, kept: asked per glyph shown */
} used_glyph;

struct pdf_embed {
    hb_face_t *face;
    hb_font_t *font; /* scale = upem: positions are font units */
    unsigned upem;
    unsigned nglyphs;
    uint32_t *slot;   /* per glyph id of the face: 1 + its index in used; 0 unused */
    used_glyph *used; /* in the order first shown */
    size_t nused, cap;
    bl_buf texts;
    /* pdf_embed_prepare's: the three streams under the font, deflated */
    bool prepared;
    int prepared_rc, prepared_level;
    unsigned file_len;      /* the subset's length before deflation */
    bl_buf z[3];            /* FontFile2, CIDToGIDMap, ToUnicode */
};

pdf_embed *pdf_embed_new(hb_face_t *face)
{
    pdf_embed *e = bl_calloc(1, sizeof *e);
    e->face = hb_face_reference(face);
    e->upem = hb_face_get_upem(face);
    e->nglyphs = hb_face_get_glyph_count(face);
    e->font = hb_font_create(face);
    hb_ot_font_set_funcs(e->font);
    hb_font_set_scale(e->font, (int)e->upem, (int)e->upem);
    e->slot = bl_calloc(e->nglyphs, sizeof *e->slot);
    bl_buf_init(&e->texts);
    return e;
}

void pdf_embed_free(pdf_embed *e)
{
    if (!e)
        return;
    hb_font_destroy(e->font);
    hb_face_destroy(e->face);
    bl_free(e->slot);
    bl_free(e->used);
    bl_buf_free(&e->texts);
    for (int i = 0; i < 3; i++)
        bl_buf_free(&e->z[i]);
    bl_free(e);
}

static long advance_centi(const pdf_embed *e, uint32_t gid);

static used_glyph *add_used(pdf_embed *e, uint32_t gid)
{
    if (e->nused == e->cap) {
        e->cap = e->cap ? 2 * e->cap : 256;
        e->used = bl_realloc(e->used, e->cap * sizeof *e->used);
    }
    used_glyph *u = &e->used[e->nused++];
    *u = (used_glyph){.gid = gid, .advance = (double)advance_centi(e, gid) / 100.0};
    e->slot[gid] = (uint32_t)e->nused;
    e->prepared = false;
    return u;
}

double pdf_embed_use(pdf_embed *e, uint32_t gid, const char *utf8, size_t len)
{
    /* a glyph id the face does not have cannot be embedded */
    if (gid >= e->nglyphs)
        return 0;
    used_glyph *u = e->slot[gid] ? &e->used[e->slot[gid] - 1] : add_used(e, gid);
    if (u->text_len || !len)
        return u->advance;
    /* a text ends at a NUL: one that starts with it is none */
    const char *nul = memchr(utf8, '\0', len);
    if (nul == utf8)
        return u->advance;
    if (nul)
        len = (size_t)(nul - utf8);
    if (len > TEXT_MAX)
        len = TEXT_MAX;
    e->prepared = false;
    u->text_off = (uint32_t)e->texts.len;
    u->text_len = (uint32_t)len;
    bl_buf_append(&e->texts, utf8, len);
    return u->advance;
}

/* The advance in hundredths of 1/1000 em: what /W writes (two decimals),
 * as an integer so that widths compare exactly. */
static long advance_centi(const pdf_embed *e, uint32_t gid)
{
    hb_position_t a = hb_font_get_glyph_h_advance(e->font, gid);
    return lround((double)a * 100000.0 / e->upem);
}

double pdf_embed_advance(pdf_embed *e, uint32_t gid)
{
    return (double)advance_centi(e, gid) / 100.0;
}

/* ---- what is written ---- */

/* The indexes into e->used in increasing glyph id: the slots scanned,
 * linear in the face's glyph count, no sort. */
static uint32_t *used_by_gid(const pdf_embed *e)
{
    uint32_t *order = bl_malloc(e->nused * sizeof *order);
    size_t n = 0;
    for (uint32_t gid = 0; gid < e->nglyphs; gid++)
        if (e->slot[gid])
            order[n++] = e->slot[gid] - 1;
    return order;
}

static bool has_table(hb_face_t *face, hb_tag_t tag)
{
    hb_blob_t *b = hb_face_reference_table(face, tag);
    bool has = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return has;
}

/* CIDFontType2 wants TrueType outlines: faces with CFF outlines (or none,
 * bitmap-only faces) are not embedded. */
static bool has_truetype_outlines(hb_face_t *face)
{
    return !has_table(face, HB_TAG('C', 'F', 'F', ' ')) &&
           !has_table(face, HB_TAG('C', 'F', 'F', '2')) &&
           has_table(face, HB_TAG('g', 'l', 'y', 'f'));
}

/* Every table of the face but the ones a PDF viewer reads from a
 * FontFile2 (cvt, fpgm and prep go with the hinting): layout, names,
 * cmap, bitmaps and the vertical metrics only make the file larger. */
static void drop_tables(hb_subset_input_t *in, hb_face_t *face)
{
    static const hb_tag_t keep[] = {
        HB_TAG('g', 'l', 'y', 'f'), HB_TAG('l', 'o', 'c', 'a'),
        HB_TAG('h', 'e', 'a', 'd'), HB_TAG('h', 'h', 'e', 'a'),
        HB_TAG('h', 'm', 't', 'x'), HB_TAG('m', 'a', 'x', 'p'),
    };
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    hb_tag_t tags[32];
    unsigned start = 0, n;
    do {
        n = sizeof tags / sizeof *tags;
        hb_face_get_table_tags(face, start, &n, tags);
        for (unsigned i = 0; i < n; i++) {
            bool kept = false;
            for (size_t k = 0; k < sizeof keep / sizeof *keep; k++)
                kept |= tags[i] == keep[k];
            if (!kept)
                hb_set_add(drop, tags[i]);
        }
        start += n;
    } while (n == sizeof tags / sizeof *tags);
}

/* The one code point of glyph u's text when u is that code point's glyph
 * in the face's cmap, else false. */
static bool nominal_code_point(const pdf_embed *e, const used_glyph *u,
                               hb_codepoint_t *cp)
{
    if (!u->text_len)
        return false;
    const char *p = e->texts.data + u->text_off, *end = p + u->text_len;
    *cp = bl_utf8_next(&p, end);
    hb_codepoint_t gid;
    return p == end && hb_font_get_nominal_glyph(e->font, *cp, &gid) && gid == u->gid;
}

/* Names the used glyphs to hb-subset. Given glyph ids, its plan maps the
 * face's whole cmap (7 ms for a CJK face of 50,000 glyphs, twice the rest
 * of a county's briefing's subsetting); given only code points, it looks
 * each one up. So when every glyph shown is the nominal glyph of its
 * text's one code point, the code points name them (the same glyphs);
 * otherwise the glyph ids. .notdef is glyph 0 of every subset. */
static void name_glyphs(const pdf_embed *e, hb_subset_input_t *in)
{
    hb_set_t *unicodes = hb_subset_input_unicode_set(in);
    for (size_t i = 0; i < e->nused; i++) {
        hb_codepoint_t cp;
        if (e->used[i].gid == 0)
            continue;
        if (!nominal_code_point(e, &e->used[i], &cp)) {
            hb_set_clear(unicodes);
            break;
        }
        hb_set_add(unicodes, cp);
    }
    if (!hb_set_is_empty(unicodes))
        return;
    hb_set_t *glyphs = hb_subset_input_glyph_set(in);
    hb_set_add(glyphs, 0);
    for (size_t i = 0; i < e->nused; i++)
        hb_set_add(glyphs, e->used[i].gid);
}

/* The subset plan of the used glyphs (and .notdef, always glyph 0 of a
 * subset), or NULL. */
static hb_subset_plan_t *subset_plan(const pdf_embed *e)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    name_glyphs(e, in);
    drop_tables(in, e->face);
    /* .notdef keeps its outline: a glyph the shaper did not find shows
     * as the face's own box */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING |
                                      HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(e->face, in);
    hb_subset_input_destroy(in);
    return plan;
}

/* The subset font file as a blob (referenced), or NULL. */
static hb_blob_t *subset_blob(hb_subset_plan_t *plan)
{
    hb_face_t *sub = hb_subset_plan_execute_or_fail(plan);
    if (!sub)
        return NULL;
    hb_blob_t *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    if (hb_blob_get_length(blob) == 0) {
        hb_blob_destroy(blob);
        return NULL;
    }
    return blob;
}

/* FNV-1a over the sorted glyph ids. */
BL_WRAPS static uint64_t glyph_set_hash(const pdf_embed *e, const uint32_t *order)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < e->nused; i++) {
        uint32_t gid = e->used[order[i]].gid;
        for (int b = 0; b < 4; b++) {
            h ^= (gid >> (8 * b)) & 0xFF;
            h *= 1099511628211u;
        }
    }
    return h;
}

/* /TAG+PostScriptName: the subset's tag from its glyph set, so that the
 * same glyphs give the same name (and different ones a different name,
 * which keeps two subsets of one face apart). */
static void put_base_font(bl_buf *out, const pdf_embed *e, const uint32_t *order)
{
    char name[TAG_LEN + 1 + PS_NAME_MAX];
    uint64_t h = glyph_set_hash(e, order);
    for (int i = 0; i < TAG_LEN; i++, h /= 26)
        name[i] = (char)('A' + h % 26);
    name[TAG_LEN] = '+';
    char ps[PS_NAME_MAX] = "";
    unsigned size = sizeof ps;
    hb_ot_name_get_utf8(e->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
                        HB_LANGUAGE_INVALID, &size, ps);
    size_t n = TAG_LEN + 1;
    for (unsigned i = 0; i < size && ps[i]; i++)
        if (ps[i] != ' ')
            name[n++] = ps[i];
    if (n == TAG_LEN + 1) {
        memcpy(name + n, "Font", 4);
        n += 4;
    }
    name[n] = '\0';
    pdfw_name(out, name);
}

static void put_centi(bl_buf *out, long centi)
{
    pdfw_num(out, (double)centi / 100.0, 2);
}

/* A metric in font units, in 1/1000 em. */
static void put_scaled(bl_buf *out, const pdf_embed *e, double units)
{
    pdfw_num(out, units * 1000.0 / e->upem, 2);
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* The most common advance of the used glyphs (the smallest of equally
 * common ones): /DW, so that /W lists only the others. 1000 (a CJK
 * face's full width) when no glyph was used. */
static long default_width(const pdf_embed *e)
{
    if (!e->nused)
        return 100000;
    long *w = bl_malloc(e->nused * sizeof *w);
    for (size_t i = 0; i < e->nused; i++)
        w[i] = advance_centi(e, e->used[i].gid);
    qsort(w, e->nused, sizeof *w, cmp_long);
    long best = w[0];
    size_t best_run = 0;
    for (size_t i = 0, j; i < e->nused; i = j) {
        for (j = i; j < e->nused && w[j] == w[i]; j++)
            ;
        if (j - i > best_run) {
            best_run = j - i;
            best = w[i];
        }
    }
    bl_free(w);
    return best;
}

/* " /W [g [w ...] ...]" of the used glyphs whose advance is not dw, runs
 * of consecutive glyph ids in one array; nothing when all are dw. */
static void put_widths(bl_buf *out, const pdf_embed *e, const uint32_t *order,
                       long dw)
{
    bool any = false, open = false;
    uint32_t prev = 0;
    for (size_t i = 0; i < e->nused; i++) {
        uint32_t gid = e->used[order[i]].gid;
        long w = advance_centi(e, gid);
        if (w == dw) {
            if (open)
                bl_buf_putc(out, ']');
            open = false;
            continue;
        }
        if (open && gid != prev + 1)
            bl_buf_putc(out, ']');
        if (!open || gid != prev + 1)
            bl_buf_printf(out, "%s%u [", any ? " " : " /W [", (unsigned)gid);
        else
            bl_buf_putc(out, ' ');
        put_centi(out, w);
        any = open = true;
        prev = gid;
    }
    if (open)
        bl_buf_putc(out, ']');
    if (any)
        bl_buf_putc(out, ']');
}

/* The CIDToGIDMap stream's data: for every CID (the face's glyph id) from
 * 0 to the largest used one, the glyph's id in the subset, 2 bytes big
 * endian; 0 for glyphs not used. */
static uint8_t *cid_to_gid(const pdf_embed *e, const uint32_t *order,
                           const hb_map_t *old_to_new, size_t *len)
{
    uint32_t max = e->nused ? e->used[order[e->nused - 1]].gid : 0;
    *len = 2 * ((size_t)max + 1);
    uint8_t *map = bl_calloc(*len, 1);
    for (size_t i = 0; i < e->nused; i++) {
        uint32_t gid = e->used[order[i]].gid;
        hb_codepoint_t to = hb_map_get(old_to_new, gid);
        if (to == HB_MAP_VALUE_INVALID)
            continue;
        map[2 * gid] = (uint8_t)(to >> 8);
        map[2 * gid + 1] = (uint8_t)to;
    }
    return map;
}

static void put_utf16_unit(bl_buf *out, unsigned u)
{
    bl_buf_printf(out, "%04X", u & 0xFFFFu);
}

/* Appends text's UTF-16BE in hex: at most UTF16_MAX units, whole
 * characters; bytes that are not UTF-8 as U+FFFD. */
static void put_utf16(bl_buf *out, const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    size_t units = 0;
    uint32_t cp;
    while ((cp = bl_utf8_next(&p, end)) != 0) {
        size_t need = cp >= 0x10000 ? 2 : 1;
        if (units + need > UTF16_MAX)
            break;
        if (need == 2) {
            put_utf16_unit(out, 0xD800 + ((cp - 0x10000) >> 10));
            put_utf16_unit(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            put_utf16_unit(out, cp);
        }
        units += need;
    }
}

static const char CMAP_HEAD[] =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n"
    "<0000> <FFFF>\n"
    "endcodespacerange\n";

static const char CMAP_TAIL[] =
    "endcmap\n"
    "CMapName currentdict /CMap defineresource pop\n"
    "end\n"
    "end\n";

/* The /ToUnicode CMap: a "<gid> <utf16>" line per used glyph with a
 * text, in increasing glyph id, in blocks of at most BFCHAR_CHUNK. */
static void to_unicode(bl_buf *out, const pdf_embed *e, const uint32_t *order)
{
    size_t n = 0, done = 0;
    for (size_t i = 0; i < e->nused; i++)
        n += e->used[i].text_len > 0;
    bl_buf_append(out, CMAP_HEAD, sizeof CMAP_HEAD - 1);
    for (size_t i = 0; i < e->nused; i++) {
        const used_glyph *u = &e->used[order[i]];
        if (!u->text_len)
            continue;
        if (done % BFCHAR_CHUNK == 0) {
            size_t left = n - done;
            bl_buf_printf(out, "%s%zu beginbfchar\n", done ? "endbfchar\n" : "",
                          left < BFCHAR_CHUNK ? left : (size_t)BFCHAR_CHUNK);
        }
        bl_buf_printf(out, "<%04X> <", (unsigned)u->gid);
        put_utf16(out, e->texts.data + u->text_off, u->text_len);
        bl_buf_puts(out, ">\n");
        done++;
    }
    if (done)
        bl_buf_puts(out, "endbfchar\n");
    bl_buf_append(out, CMAP_TAIL, sizeof CMAP_TAIL - 1);
}

static int16_t be16(const uint8_t *p)
{
    return (int16_t)(uint16_t)((p[0] << 8) | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* " /FontBBox [...]" from the head table's xMin yMin xMax yMax. */
static void put_bbox(bl_buf *out, const pdf_embed *e)
{
    hb_blob_t *b = hb_face_reference_table(e->face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned len;
    const uint8_t *head = (const uint8_t *)hb_blob_get_data(b, &len);
    bl_buf_puts(out, " /FontBBox [");
    for (int i = 0; i < 4; i++) {
        if (i)
            bl_buf_putc(out, ' ');
        put_scaled(out, e, len >= 44 ? be16(head + 36 + 2 * i) : 0);
    }
    bl_buf_putc(out, ']');
    hb_blob_destroy(b);
}

/* " /Flags ... /ItalicAngle ...": symbolic (the glyphs are not in the
 * standard Latin set), fixed pitch and italic from the post table. */
static void put_flags_angle(bl_buf *out, const pdf_embed *e)
{
    hb_blob_t *b = hb_face_reference_table(e->face, HB_TAG('p', 'o', 's', 't'));
    unsigned len;
    const uint8_t *post = (const uint8_t *)hb_blob_get_data(b, &len);
    double angle = len >= 16 ? (int32_t)be32(post + 4) / 65536.0 : 0;
    bool fixed = len >= 16 && be32(post + 12) != 0;
    hb_blob_destroy(b);
    unsigned flags = 4u | (fixed ? 1u : 0u) | (angle != 0 ? 64u : 0u);
    bl_buf_printf(out, " /Flags %u /ItalicAngle ", flags);
    pdfw_num(out, angle, 2);
}

/* " /Ascent ... /Descent ... /CapHeight ...": the face's OS/2 or hhea
 * metrics (HarfBuzz's fallbacks when neither has them); the cap height,
 * missing from old OS/2 tables, is the ascent then. */
static void put_vertical(bl_buf *out, const pdf_embed *e)
{
    hb_position_t asc, desc, cap;
    hb_ot_metrics_get_position_with_fallback(
        e->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc);
    hb_ot_metrics_get_position_with_fallback(
        e->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc);
    if (!hb_ot_metrics_get_position(e->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) ||
        cap <= 0)
        cap = asc;
    bl_buf_puts(out, " /Ascent ");
    put_scaled(out, e, asc);
    bl_buf_puts(out, " /Descent ");
    put_scaled(out, e, desc);
    bl_buf_puts(out, " /CapHeight ");
    put_scaled(out, e, cap);
}

static void write_descriptor(const pdf_embed *e, pdfw *w, unsigned num,
                             const bl_buf *base_font, unsigned file)
{
    bl_buf d = BL_BUF_INIT;
    bl_buf_puts(&d, "<< /Type /FontDescriptor /FontName ");
    bl_buf_append(&d, base_font->data, base_font->len);
    put_flags_angle(&d, e);
    put_bbox(&d, e);
    put_vertical(&d, e);
    bl_buf_printf(&d, " /StemV 80 /FontFile2 %u 0 R >>", file);
    pdfw_object(w, num, d.data, d.len);
    bl_buf_free(&d);
}

static void write_descendant(const pdf_embed *e, pdfw *w, unsigned num,
                             const bl_buf *base_font, const uint32_t *order,
                             unsigned descriptor, unsigned map)
{
    bl_buf d = BL_BUF_INIT;
    bl_buf_puts(&d, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont ");
    bl_buf_append(&d, base_font->data, base_font->len);
    bl_buf_printf(&d, " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity)"
                      " /Supplement 0 >> /FontDescriptor %u 0 R /DW ",
                  descriptor);
    long dw = default_width(e);
    put_centi(&d, dw);
    put_widths(&d, e, order, dw);
    bl_buf_printf(&d, " /CIDToGIDMap %u 0 R >>", map);
    pdfw_object(w, num, d.data, d.len);
    bl_buf_free(&d);
}

static void write_type0(pdfw *w, unsigned num, const bl_buf *base_font,
                        unsigned descendant, unsigned to_unicode)
{
    bl_buf d = BL_BUF_INIT;
    bl_buf_puts(&d, "<< /Type /Font /Subtype /Type0 /BaseFont ");
    bl_buf_append(&d, base_font->data, base_font->len);
    bl_buf_printf(&d, " /Encoding /Identity-H /DescendantFonts [%u 0 R]"
                      " /ToUnicode %u 0 R >>",
                  descendant, to_unicode);
    pdfw_object(w, num, d.data, d.len);
    bl_buf_free(&d);
}

/* The three streams under the font deflated at level into e->z: the
 * subset, the CIDToGIDMap and the ToUnicode CMap. */
static int deflate_streams(pdf_embed *e, int level, const uint32_t *order,
                           hb_subset_plan_t *plan, hb_blob_t *subset)
{
    unsigned len;
    const char *data = hb_blob_get_data(subset, &len);
    e->file_len = len;
    size_t map_len;
    uint8_t *map = cid_to_gid(e, order, hb_subset_plan_old_to_new_glyph_mapping(plan),
                              &map_len);
    bl_buf cmap = BL_BUF_INIT;
    to_unicode(&cmap, e, order);
    int rc = pdf_deflate_whole(level, data, len, &e->z[0]) ||
                     pdf_deflate_whole(level, map, map_len, &e->z[1]) ||
                     pdf_deflate_whole(level, cmap.data ? cmap.data : "", cmap.len, &e->z[2])
                 ? -1
                 : 0;
    bl_free(map);
    bl_buf_free(&cmap);
    return rc;
}

int pdf_embed_prepare(pdf_embed *e, int level)
{
    if (e->prepared && e->prepared_level == level)
        return e->prepared_rc;
    for (int i = 0; i < 3; i++)
        bl_buf_reset(&e->z[i]);
    e->prepared = true;
    e->prepared_level = level;
    e->prepared_rc = -1;
    if (!has_truetype_outlines(e->face))
        return -1;
    hb_subset_plan_t *plan = subset_plan(e);
    if (!plan)
        return -1;
    hb_blob_t *subset = subset_blob(plan);
    if (subset) {
        uint32_t *order = used_by_gid(e);
        e->prepared_rc = deflate_streams(e, level, order, plan, subset);
        bl_free(order);
        hb_blob_destroy(subset);
    }
    hb_subset_plan_destroy(plan);
    return e->prepared_rc;
}

int pdf_embed_write(pdf_embed *e, pdfw *w, unsigned num)
{
    /* everything that can fail comes before the first object written */
    if (pdf_embed_prepare(e, pdfw_level(w)) != 0)
        return -1;
    uint32_t *order = used_by_gid(e);
    bl_buf base_font = BL_BUF_INIT;
    put_base_font(&base_font, e, order);

    unsigned file = pdfw_reserve(w), map = pdfw_reserve(w);
    unsigned cmap = pdfw_reserve(w), descriptor = pdfw_reserve(w);
    unsigned descendant = pdfw_reserve(w);
    char dict[32];
    snprintf(dict, sizeof dict, "/Length1 %u", e->file_len);
    pdfw_stream_deflated(w, file, dict, e->z[0].data, e->z[0].len);
    pdfw_stream_deflated(w, map, "", e->z[1].data, e->z[1].len);
    pdfw_stream_deflated(w, cmap, "", e->z[2].data, e->z[2].len);
    write_descriptor(e, w, descriptor, &base_font, file);
    write_descendant(e, w, descendant, &base_font, order, descriptor, map);
    write_type0(w, num, &base_font, descendant, cmap);

    bl_buf_free(&base_font);
    bl_free(order);
    return 0;
}
