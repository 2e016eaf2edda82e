/* canvas_direct.c - the direct backend of pdf_canvas.h: the canvas calls
 * become PDF operators, a content stream per page, written through pdfw.h;
 * faces are embedded by pdf_embed.h at the finish.
 *
 * User space is cairo's (points, y down): each page's stream begins by
 * turning PDF's y-up space over, so coordinates go out as they come, and
 * text is set with a text matrix that turns the glyphs upright again.
 * Colour, line width, dash and join are written lazily, just before the
 * path or text that needs them, since PDF allows none of them inside a
 * path; a path is gathered apart and written with its painting operator.
 * Glyphs go out as two-byte glyph ids (pdf_embed.h) in one TJ per call,
 * each displaced from where the advance of the glyph before it (/W) would
 * put it by a TJ adjustment, so the positions are Pango's to the
 * thousandth of a point.
 *
 * A face asked for in bold that has none is emboldened as FreeType does
 * it for cairo (a stroke in text render mode 2).
 *
 * Links name their destinations (a /Dests name tree written at the finish),
 * so a link may come before the row it goes to; outline entries point at
 * a page and a position. Pages are written as they end, their content
 * streams CONTENT_LAG pages later (deflated meanwhile on the pool's thread
 * when there is one); images as they come; fonts (the faces subset on up
 * to jobs threads at once), the name tree, the outline, the page tree and
 * the catalog at the finish.
 */
#define _GNU_SOURCE /* qsort_r */
#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <cairo-pdf.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hb.h>

#include "alloc.h"
#include "buf.h"
#include "canvas_direct.h"
#include "pdf_deflate.h"
#include "pdf_embed.h"
#include "pdf_zpool.h"
#include "pdfw.h"

#define MAX_DEPTH 32
/* A page's content stream is written this many pages after the page: its
 * deflation (on the pool's thread, or here) is done by then, and the file
 * has the same bytes with a pool or without. */
#define CONTENT_LAG 4
#define NUM(b, v) pdfw_num((b), (v), 3)

typedef struct gstate {
    double rgb_fill[3], rgb_stroke[3];
    double lw;
    double dash[8];
    int n_dash;
    double dash_off;
    bool round_join;
} gstate;

typedef struct face { /* one face file, embedded once */
    char *path;
    int index;
    hb_blob_t *blob;
    hb_face_t *hb;
    pdf_embed *embed;
    unsigned obj;
} face;

typedef struct sfont { /* a scaled font seen, with its face and size */
    cairo_scaled_font_t *sf; /* referenced */
    int face;
    double size;
    double embolden; /* a stroke this wide: FreeType's synthetic bold */
} sfont;

typedef struct pending { /* a content stream not written yet */
    unsigned obj;
    unsigned char token[PDF_ZPOOL_TOKEN]; /* with a pool */
    bl_buf z;                             /* without: deflated already */
} pending;

typedef struct dest {
    size_t name;  /* offset into dcanvas.dest_names (a 10,000-row report
                     names 10,000 rows: one buffer, not a string each) */
    int page;
    double x, y;
} dest;

typedef struct outline {
    int parent;
    char *title;
    int page;
    double x, y;
    bool open;
} outline;

struct dcanvas {
    pdfw *w;
    pdf_zpool *pool; /* borrowed; NULL: deflate on this thread */
    int jobs;        /* threads the finish may use (faces subset at once) */
    pending lag[CONTENT_LAG + 1];
    size_t n_lag;
    bool failed;
    double pw, ph;
    int level;
    /* the page at hand */
    bl_buf content, path;
    bool page_begun;
    bl_buf annots;           /* its annotations' references */
    unsigned *page_font_used; /* per face: the page (1-based) last naming it */
    size_t cap_used;
    bl_buf page_fonts, page_xobjects;
    /* state: what the stream has (cur) and what the caller set (want) */
    gstate cur, want;
    gstate cur_stack[MAX_DEPTH], want_stack[MAX_DEPTH];
    int depth;
    /* the document */
    unsigned pages_obj;
    unsigned *page_objs;
    size_t n_pages, cap_pages;
    face *faces;
    size_t n_faces, cap_faces;
    sfont *sfonts;
    size_t n_sfonts, cap_sfonts;
    size_t n_images;
    dest *dests;
    size_t n_dests, cap_dests;
    bl_buf dest_names;
    outline *outlines;
    size_t n_outlines, cap_outlines;
    char *meta[8];
    struct glyph_out *gout; /* put_glyphs' input, kept between calls */
    size_t cap_gout;
};

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    *cap = need * 2 + 8;
    return bl_realloc(p, *cap * size);
}

dcanvas *dc_new(FILE *out, double w, double h, int level, pdf_zpool *pool,
                int jobs)
{
    dcanvas *d = bl_calloc(1, sizeof *d);
    d->pool = pool;
    d->jobs = jobs;
    d->w = pdfw_open(out, level);
    d->pw = w;
    d->ph = h;
    d->level = level;
    bl_buf_init(&d->content);
    bl_buf_init(&d->path);
    bl_buf_init(&d->annots);
    bl_buf_init(&d->page_fonts);
    bl_buf_init(&d->page_xobjects);
    d->want.lw = d->cur.lw = 2; /* cairo's and PDF's defaults differ: 2, 1 */
    d->cur.lw = 1;
    d->pages_obj = pdfw_reserve(d->w);
    return d;
}

void dc_free(dcanvas *d)
{
    if (!d)
        return;
    if (d->w)
        pdfw_abort(d->w);
    for (size_t i = 0; i < d->n_lag; i++)
        bl_buf_free(&d->lag[i].z);
    bl_buf_free(&d->content);
    bl_buf_free(&d->path);
    bl_buf_free(&d->annots);
    bl_buf_free(&d->page_fonts);
    bl_buf_free(&d->page_xobjects);
    for (size_t i = 0; i < d->n_faces; i++) {
        bl_free(d->faces[i].path);
        pdf_embed_free(d->faces[i].embed);
        hb_face_destroy(d->faces[i].hb);
        hb_blob_destroy(d->faces[i].blob);
    }
    bl_free(d->faces);
    for (size_t i = 0; i < d->n_sfonts; i++)
        cairo_scaled_font_destroy(d->sfonts[i].sf);
    bl_free(d->sfonts);
    bl_free(d->dests);
    bl_buf_free(&d->dest_names);
    for (size_t i = 0; i < d->n_outlines; i++)
        bl_free(d->outlines[i].title);
    bl_free(d->outlines);
    for (int i = 0; i < 8; i++)
        bl_free(d->meta[i]);
    bl_free(d->page_objs);
    bl_free(d->page_font_used);
    bl_free(d->gout);
    bl_free(d);
}

/* ---- pages ------------------------------------------------------------- */

static void begin_page(dcanvas *d)
{
    if (d->page_begun)
        return;
    d->page_begun = true;
    bl_buf_reset(&d->content);
    bl_buf_puts(&d->content, "1 0 0 -1 0 ");
    NUM(&d->content, d->ph);
    bl_buf_puts(&d->content, " cm\n");
    /* a new page starts from PDF's defaults, whatever the caller set */
    gstate fresh = {0};
    fresh.lw = 1;
    d->cur = fresh;
    d->page_objs = grow(d->page_objs, &d->cap_pages, d->n_pages + 1,
                        sizeof *d->page_objs);
    d->page_objs[d->n_pages++] = pdfw_reserve(d->w);
}

/* Writes the oldest pending content stream. */
static void write_oldest(dcanvas *d)
{
    pending *p = &d->lag[0];
    if (d->pool) {
        int fd;
        long long off, len;
        if (pdf_zpool_lookup(d->pool, p->token, &fd, &off, &len) != 1) {
            d->failed = true;
        } else {
            bl_buf_reset(&p->z);
            bl_buf_grow(&p->z, (size_t)len);
            if (pread(fd, p->z.data, (size_t)len, off) != (ssize_t)len)
                d->failed = true;
            p->z.len = (size_t)len;
        }
    }
    pdfw_stream_deflated(d->w, p->obj, "", p->z.data, p->z.len);
    bl_buf_free(&p->z);
    memmove(d->lag, d->lag + 1, --d->n_lag * sizeof *d->lag);
}

/* Hands the page's content to the pool (or deflates it) and writes the
 * one CONTENT_LAG pages older. */
static void queue_content(dcanvas *d, unsigned obj)
{
    pending *p = &d->lag[d->n_lag++];
    memset(p, 0, sizeof *p);
    p->obj = obj;
    if (d->pool) {
        size_t job = pdf_zpool_begin(d->pool, p->token);
        pdf_zpool_submit(d->pool, job, &d->content);
        pdf_zpool_buffer(d->pool, &d->content);
    } else if (pdf_deflate_whole(d->level, d->content.data, d->content.len, &p->z) != 0) {
        d->failed = true;
    }
    if (d->n_lag > CONTENT_LAG)
        write_oldest(d);
}

void dc_show_page(dcanvas *d)
{
    begin_page(d);
    unsigned page = d->page_objs[d->n_pages - 1];
    unsigned contents = pdfw_reserve(d->w);
    queue_content(d, contents);
    bl_buf b = BL_BUF_INIT;
    bl_buf_printf(&b, "<< /Type /Page /Parent %u 0 R /MediaBox [0 0 ", d->pages_obj);
    NUM(&b, d->pw);
    bl_buf_putc(&b, ' ');
    NUM(&b, d->ph);
    bl_buf_printf(&b, "] /Contents %u 0 R /Resources <<", contents);
    if (d->page_fonts.len) {
        bl_buf_puts(&b, " /Font <<");
        bl_buf_append(&b, d->page_fonts.data, d->page_fonts.len);
        bl_buf_puts(&b, " >>");
    }
    if (d->page_xobjects.len) {
        bl_buf_puts(&b, " /XObject <<");
        bl_buf_append(&b, d->page_xobjects.data, d->page_xobjects.len);
        bl_buf_puts(&b, " >>");
    }
    bl_buf_puts(&b, " >>");
    if (d->annots.len) {
        bl_buf_puts(&b, " /Annots [");
        bl_buf_append(&b, d->annots.data, d->annots.len);
        bl_buf_puts(&b, " ]");
    }
    bl_buf_puts(&b, " >>");
    pdfw_object(d->w, page, b.data, b.len);
    bl_buf_free(&b);
    bl_buf_reset(&d->annots);
    bl_buf_reset(&d->page_fonts);
    bl_buf_reset(&d->page_xobjects);
    d->page_begun = false;
    d->depth = 0;
}

/* ---- graphics state ---------------------------------------------------- */

void dc_rgb(dcanvas *d, double r, double g, double b)
{
    double c[3] = {r, g, b};
    memcpy(d->want.rgb_fill, c, sizeof c);
    memcpy(d->want.rgb_stroke, c, sizeof c);
}

void dc_line_width(dcanvas *d, double w) { d->want.lw = w; }

void dc_dash(dcanvas *d, const double *dashes, int n, double offset)
{
    if (n > 8)
        n = 8;
    d->want.n_dash = n < 0 ? 0 : n;
    for (int i = 0; i < d->want.n_dash; i++)
        d->want.dash[i] = dashes[i];
    d->want.dash_off = offset;
}

static void put_rgb(bl_buf *b, const double *c, const char *op)
{
    for (int i = 0; i < 3; i++) {
        NUM(b, c[i]);
        bl_buf_putc(b, ' ');
    }
    bl_buf_puts(b, op);
    bl_buf_putc(b, '\n');
}

static void sync_fill(dcanvas *d)
{
    if (memcmp(d->cur.rgb_fill, d->want.rgb_fill, sizeof d->cur.rgb_fill)) {
        put_rgb(&d->content, d->want.rgb_fill, "rg");
        memcpy(d->cur.rgb_fill, d->want.rgb_fill, sizeof d->cur.rgb_fill);
    }
}

static void sync_stroke(dcanvas *d)
{
    bl_buf *b = &d->content;
    if (memcmp(d->cur.rgb_stroke, d->want.rgb_stroke, sizeof d->cur.rgb_stroke)) {
        put_rgb(b, d->want.rgb_stroke, "RG");
        memcpy(d->cur.rgb_stroke, d->want.rgb_stroke, sizeof d->cur.rgb_stroke);
    }
    if (d->cur.lw != d->want.lw) {
        NUM(b, d->want.lw);
        bl_buf_puts(b, " w\n");
        d->cur.lw = d->want.lw;
    }
    if (d->cur.round_join != d->want.round_join) {
        bl_buf_puts(b, d->want.round_join ? "1 j\n" : "0 j\n");
        d->cur.round_join = d->want.round_join;
    }
    if (d->cur.n_dash != d->want.n_dash || d->cur.dash_off != d->want.dash_off ||
        memcmp(d->cur.dash, d->want.dash, sizeof d->cur.dash)) {
        bl_buf_putc(b, '[');
        for (int i = 0; i < d->want.n_dash; i++) {
            if (i)
                bl_buf_putc(b, ' ');
            NUM(b, d->want.dash[i]);
        }
        bl_buf_puts(b, "] ");
        NUM(b, d->want.dash_off);
        bl_buf_puts(b, " d\n");
        d->cur.n_dash = d->want.n_dash;
        d->cur.dash_off = d->want.dash_off;
        memcpy(d->cur.dash, d->want.dash, sizeof d->cur.dash);
    }
}

void dc_save(dcanvas *d)
{
    begin_page(d);
    if (d->depth < MAX_DEPTH) {
        d->cur_stack[d->depth] = d->cur;
        d->want_stack[d->depth] = d->want;
    }
    d->depth++;
    bl_buf_puts(&d->content, "q\n");
}

void dc_restore(dcanvas *d)
{
    if (d->depth == 0)
        return;
    d->depth--;
    if (d->depth < MAX_DEPTH) {
        d->cur = d->cur_stack[d->depth];
        d->want = d->want_stack[d->depth];
    }
    bl_buf_puts(&d->content, "Q\n");
}

void dc_transform(dcanvas *d, double a, double b, double c, double dd,
                  double e, double f)
{
    begin_page(d);
    double m[6] = {a, b, c, dd, e, f};
    for (int i = 0; i < 6; i++) {
        pdfw_num(&d->content, m[i], 6);
        bl_buf_putc(&d->content, ' ');
    }
    bl_buf_puts(&d->content, "cm\n");
}

/* ---- paths ------------------------------------------------------------- */

static void put_xy(bl_buf *b, double x, double y, const char *op)
{
    NUM(b, x);
    bl_buf_putc(b, ' ');
    NUM(b, y);
    bl_buf_putc(b, ' ');
    bl_buf_puts(b, op);
    bl_buf_putc(b, '\n');
}

void dc_move_to(dcanvas *d, double x, double y) { put_xy(&d->path, x, y, "m"); }

void dc_line_to(dcanvas *d, double x, double y) { put_xy(&d->path, x, y, "l"); }

void dc_rectangle(dcanvas *d, double x, double y, double w, double h)
{
    bl_buf *b = &d->path;
    NUM(b, x);
    bl_buf_putc(b, ' ');
    NUM(b, y);
    bl_buf_putc(b, ' ');
    NUM(b, w);
    bl_buf_putc(b, ' ');
    NUM(b, h);
    bl_buf_puts(b, " re\n");
}

void dc_paint_path(dcanvas *d, char op)
{
    begin_page(d);
    if (d->path.len == 0)
        return;
    if (op == 'S')
        sync_stroke(d);
    else if (op == 'f')
        sync_fill(d);
    bl_buf_append(&d->content, d->path.data, d->path.len);
    bl_buf_puts(&d->content, op == 'W' ? "W n\n" : op == 'S' ? "S\n" : "f\n");
    bl_buf_reset(&d->path);
}

/* ---- fonts ------------------------------------------------------------- */

/* The face of a cairo scaled font: the file FreeType opened it from. */
static int face_of(dcanvas *d, cairo_scaled_font_t *sf)
{
    FT_Face ft = cairo_ft_scaled_font_lock_face(sf);
    if (!ft)
        return -1;
    const char *path = ft->stream ? (const char *)ft->stream->pathname.pointer : NULL;
    int index = (int)(ft->face_index & 0xFFFF);
    int found = -1;
    for (size_t i = 0; path && i < d->n_faces && found < 0; i++)
        if (d->faces[i].index == index && strcmp(d->faces[i].path, path) == 0)
            found = (int)i;
    if (found < 0 && path) {
        d->faces = grow(d->faces, &d->cap_faces, d->n_faces + 1, sizeof *d->faces);
        face *f = &d->faces[d->n_faces];
        memset(f, 0, sizeof *f);
        f->path = bl_strdup(path);
        f->index = index;
        f->blob = hb_blob_create_from_file(path);
        f->hb = hb_face_create(f->blob, (unsigned)index);
        f->embed = pdf_embed_new(f->hb);
        f->obj = pdfw_reserve(d->w);
        found = (int)d->n_faces++;
        d->page_font_used = grow(d->page_font_used, &d->cap_used, d->n_faces,
                                 sizeof *d->page_font_used);
        d->page_font_used[found] = 0;
    }
    cairo_ft_scaled_font_unlock_face(sf);
    return found;
}

static const sfont *sfont_of(dcanvas *d, cairo_scaled_font_t *sf)
{
    for (size_t i = 0; i < d->n_sfonts; i++)
        if (d->sfonts[i].sf == sf)
            return &d->sfonts[i];
    int f = face_of(d, sf);
    if (f < 0)
        return NULL;
    cairo_matrix_t m;
    cairo_scaled_font_get_font_matrix(sf, &m);
    d->sfonts = grow(d->sfonts, &d->cap_sfonts, d->n_sfonts + 1, sizeof *d->sfonts);
    sfont *s = &d->sfonts[d->n_sfonts++];
    s->sf = cairo_scaled_font_reference(sf);
    s->face = f;
    s->size = m.yy;
    /* A face asked for in bold that has none: FreeType thickens each
     * outline by an em/24 (FT_GlyphSlot_Embolden, growing it to the
     * right), which a stroke of that width over the filled glyph (text
     * render mode 2), moved right by half of it, does too; the face
     * embedded is the regular one. */
    unsigned synth = cairo_ft_font_face_get_synthesize(cairo_scaled_font_get_font_face(sf));
    s->embolden = synth & CAIRO_FT_SYNTHESIZE_BOLD ? m.yy / 24 : 0;
    return s;
}

/* Names face f in this page's resources: /F<f>. */
static void page_uses_font(dcanvas *d, int f)
{
    if (d->page_font_used[f] == d->n_pages)
        return;
    d->page_font_used[f] = (unsigned)d->n_pages;
    bl_buf_printf(&d->page_fonts, " /F%d %u 0 R", f, d->faces[f].obj);
}

/* ---- text -------------------------------------------------------------- */

struct glyph_out;

typedef struct glyph_out {
    uint32_t gid;
    double x, y;
    const char *text;
    size_t text_len;
} glyph_out;

/* A glyph id's two bytes in a literal string, after its '(' when open:
 * half the bytes of hex digits, so half the deflating. A literal string
 * escapes its delimiters and the backslash, and CR, which a reader would
 * take for a line end. */
static void put_gid(bl_buf *b, uint32_t gid, bool open)
{
    bl_buf_grow(b, 6);
    char *q = b->data + b->len;
    if (open)
        *q++ = '(';
    unsigned char two[2] = {(unsigned char)(gid >> 8), (unsigned char)gid};
    for (int k = 0; k < 2; k++) {
        unsigned char c = two[k];
        if (c == '(' || c == ')' || c == '\\' || c == '\r') {
            *q++ = '\\';
            *q++ = c == '\r' ? 'r' : (char)c;
        } else {
            *q++ = (char)c;
        }
    }
    *q = '\0'; /* as every bl_buf is (grow left room for it) */
    b->len = (size_t)(q - b->data);
}

/* One BT ... ET of glyphs g[0..n) in scaled font s; embolden > 0 strokes
 * their outlines too (text render mode 2). */
static void put_glyphs(dcanvas *d, const sfont *s, const glyph_out *g, size_t n,
                       double embolden)
{
    if (n == 0)
        return;
    begin_page(d);
    embolden += s->embolden;
    face *f = &d->faces[s->face];
    page_uses_font(d, s->face);
    sync_fill(d);
    bl_buf *b = &d->content;
    if (embolden > 0) {
        d->want.lw = embolden;
        d->want.round_join = true;
        sync_stroke(d);
    }
    bl_buf_printf(b, "BT\n/F%d ", s->face);
    NUM(b, s->size);
    bl_buf_puts(b, embolden > 0 ? " Tf\n2 Tr\n" : " Tf\n");
    /* a line's first glyph: Tm for the first, Td (from the line before:
     * "0 -15 Td" repeats, and deflates well) for the others */
    double pen = 0, line_x = 0, line_y = NAN, shift = s->embolden / 2;
    bool in_tj = false, in_str = false;
    for (size_t i = 0; i < n; i++) {
        double advance = pdf_embed_use(f->embed, g[i].gid, g[i].text, g[i].text_len);
        double x = g[i].x + shift;
        if (g[i].y != line_y) {
            if (in_str)
                bl_buf_putc(b, ')');
            if (in_tj)
                bl_buf_puts(b, "]TJ\n");
            if (isnan(line_y)) {
                bl_buf_puts(b, "1 0 0 -1 ");
                NUM(b, x);
                bl_buf_putc(b, ' ');
                NUM(b, g[i].y);
                bl_buf_puts(b, " Tm\n[");
            } else { /* text space is y up: down the page is negative */
                NUM(b, x - line_x);
                bl_buf_putc(b, ' ');
                NUM(b, line_y - g[i].y);
                bl_buf_puts(b, " Td\n[");
            }
            in_tj = true;
            in_str = false;
            line_x = pen = x;
            line_y = g[i].y;
        }
        /* TJ's numbers move the next glyph left, in 1/1000 of the size;
         * the pen follows what the rounded number does */
        double adj = round((pen - x) * 10000 / s->size) / 10;
        if (adj != 0) {
            if (in_str)
                bl_buf_putc(b, ')');
            in_str = false;
            pdfw_num(b, adj, 1);
            pen -= adj * s->size / 1000;
        }
        put_gid(b, g[i].gid, !in_str);
        in_str = true;
        pen += advance * s->size / 1000;
    }
    if (in_str)
        bl_buf_putc(b, ')');
    if (in_tj)
        bl_buf_puts(b, "]TJ\n");
    bl_buf_puts(b, embolden > 0 ? "0 Tr\nET\n" : "ET\n");
}

/* Room for n glyphs, cleared: one buffer for every call. */
static glyph_out *glyphs_out(dcanvas *d, size_t n)
{
    d->gout = grow(d->gout, &d->cap_gout, n, sizeof *d->gout);
    memset(d->gout, 0, n * sizeof *d->gout);
    return d->gout;
}

void dc_show_glyphs(dcanvas *d, cairo_scaled_font_t *font,
                    const cairo_glyph_t *glyphs, int n_glyphs,
                    const char *utf8, int utf8_len,
                    const cairo_text_cluster_t *clusters, int n_clusters)
{
    const sfont *s = sfont_of(d, font);
    if (!s || n_glyphs <= 0)
        return;
    glyph_out *g = glyphs_out(d, (size_t)n_glyphs);
    for (int i = 0; i < n_glyphs; i++) {
        g[i].gid = (uint32_t)glyphs[i].index;
        g[i].x = glyphs[i].x;
        g[i].y = glyphs[i].y;
    }
    /* each cluster's text to its first glyph */
    int gi = 0, off = 0;
    for (int c = 0; c < n_clusters && utf8; c++) {
        if (clusters[c].num_glyphs > 0 && gi < n_glyphs &&
            off + clusters[c].num_bytes <= utf8_len) {
            g[gi].text = utf8 + off;
            g[gi].text_len = (size_t)clusters[c].num_bytes;
        }
        gi += clusters[c].num_glyphs;
        off += clusters[c].num_bytes;
    }
    put_glyphs(d, s, g, (size_t)n_glyphs, 0);
}

/* The glyphs of one run of a layout line at baseline (x, y). */
static void show_run(dcanvas *d, PangoGlyphItem *run, const char *text,
                     double x, double y, double embolden)
{
    cairo_scaled_font_t *sf =
        pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
    const sfont *s = sf ? sfont_of(d, sf) : NULL;
    if (!s)
        return;
    PangoGlyphString *gs = run->glyphs;
    glyph_out *g = glyphs_out(d, (size_t)gs->num_glyphs + 1);
    size_t n = 0;
    int pos = 0;
    const char *item_text = text + run->item->offset;
    for (int i = 0; i < gs->num_glyphs; i++) {
        PangoGlyphInfo *gi = &gs->glyphs[i];
        if (gi->glyph != PANGO_GLYPH_EMPTY && !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
            glyph_out *o = &g[n++];
            o->gid = gi->glyph;
            o->x = x + (double)(pos + gi->geometry.x_offset) / PANGO_SCALE;
            o->y = y + (double)gi->geometry.y_offset / PANGO_SCALE;
            int start = gs->log_clusters[i];
            bool first = i == 0 || gs->log_clusters[i - 1] != start;
            if (first) {
                int end = run->item->length;
                for (int k = i + 1; k < gs->num_glyphs; k++)
                    if (gs->log_clusters[k] != start) {
                        end = gs->log_clusters[k] > start ? gs->log_clusters[k] : end;
                        break;
                    }
                o->text = item_text + start;
                o->text_len = (size_t)(end - start);
            }
        }
        pos += gi->geometry.width;
    }
    put_glyphs(d, s, g, n, embolden);
}

void dc_show_layout(dcanvas *d, PangoLayout *l, double x, double y,
                    double embolden)
{
    const char *text = pango_layout_get_text(l);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run)
            continue;
        PangoRectangle logical;
        pango_layout_iter_get_run_extents(it, NULL, &logical);
        int baseline = pango_layout_iter_get_baseline(it);
        show_run(d, run, text, x + (double)logical.x / PANGO_SCALE,
                 y + (double)baseline / PANGO_SCALE, embolden);
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
}

/* ---- images ------------------------------------------------------------ */

void dc_image(dcanvas *d, cairo_surface_t *img)
{
    begin_page(d);
    cairo_surface_flush(img);
    int w = cairo_image_surface_get_width(img);
    int h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *px = cairo_image_surface_get_data(img);
    if (!px || w <= 0 || h <= 0)
        return;
    size_t n = (size_t)w * (size_t)h;
    unsigned char *rgb = bl_calloc(n, 3), *alpha = bl_calloc(n, 1);
    bool has_alpha = cairo_image_surface_get_format(img) == CAIRO_FORMAT_ARGB32;
    bool any = false;
    for (int r = 0; r < h; r++)
        for (int c = 0; c < w; c++) {
            uint32_t p;
            memcpy(&p, px + (size_t)r * (size_t)stride + (size_t)c * 4, 4);
            unsigned a = has_alpha ? p >> 24 : 255;
            unsigned ch[3] = {(p >> 16) & 255, (p >> 8) & 255, p & 255};
            size_t i = (size_t)r * (size_t)w + (size_t)c;
            for (int k = 0; k < 3; k++) /* cairo's pixels are premultiplied */
                rgb[i * 3 + (size_t)k] =
                    (unsigned char)(a ? (ch[k] * 255 + a / 2) / a : 0);
            alpha[i] = (unsigned char)a;
            any = any || a != 255;
        }
    char dict[160];
    unsigned smask = 0;
    if (any) {
        smask = pdfw_reserve(d->w);
        snprintf(dict, sizeof dict, "/Type /XObject /Subtype /Image /Width %d /Height %d "
                 "/ColorSpace /DeviceGray /BitsPerComponent 8", w, h);
        pdfw_stream(d->w, smask, dict, alpha, n, true);
    }
    unsigned obj = pdfw_reserve(d->w);
    int len = snprintf(dict, sizeof dict, "/Type /XObject /Subtype /Image /Width %d "
                       "/Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 "
                       "/Interpolate true", w, h);
    if (smask)
        snprintf(dict + len, sizeof dict - (size_t)len, " /SMask %u 0 R", smask);
    pdfw_stream(d->w, obj, dict, rgb, n * 3, true);
    bl_free(rgb);
    bl_free(alpha);
    size_t id = d->n_images++;
    bl_buf_printf(&d->page_xobjects, " /Im%zu %u 0 R", id, obj);
    bl_buf_printf(&d->content, "q %d 0 0 %d 0 %d cm /Im%zu Do Q\n", w, -h, h, id);
}

/* ---- links, destinations, outline -------------------------------------- */

void dc_dest(dcanvas *d, const char *name, double x, double y)
{
    begin_page(d);
    d->dests = grow(d->dests, &d->cap_dests, d->n_dests + 1, sizeof *d->dests);
    dest *t = &d->dests[d->n_dests++];
    t->name = d->dest_names.len;
    bl_buf_append(&d->dest_names, name, strlen(name) + 1);
    t->page = (int)d->n_pages - 1;
    t->x = x;
    t->y = y;
}

void dc_link(dcanvas *d, const char *name, double x, double y, double w,
             double h)
{
    begin_page(d);
    unsigned obj = pdfw_reserve(d->w);
    bl_buf b = BL_BUF_INIT;
    bl_buf_puts(&b, "<< /Type /Annot /Subtype /Link /Border [0 0 0] /Rect [");
    double r[4] = {x, d->ph - (y + h), x + w, d->ph - y};
    for (int i = 0; i < 4; i++) {
        if (i)
            bl_buf_putc(&b, ' ');
        NUM(&b, r[i]);
    }
    bl_buf_puts(&b, "] /Dest ");
    pdfw_text_string(&b, name, strlen(name));
    bl_buf_puts(&b, " >>");
    pdfw_object(d->w, obj, b.data, b.len);
    bl_buf_free(&b);
    bl_buf_printf(&d->annots, " %u 0 R", obj);
}

int dc_outline(dcanvas *d, int parent, const char *title, int page, double x,
               double y, bool open)
{
    d->outlines = grow(d->outlines, &d->cap_outlines, d->n_outlines + 1,
                       sizeof *d->outlines);
    outline *o = &d->outlines[d->n_outlines++];
    o->parent = parent;
    o->title = bl_strdup(title ? title : "");
    o->page = page;
    o->x = x;
    o->y = y;
    o->open = open;
    return (int)d->n_outlines;
}

void dc_metadata(dcanvas *d, int key, const char *value)
{
    if (key < 0 || key >= 8)
        return;
    bl_free(d->meta[key]);
    d->meta[key] = bl_strdup(value ? value : "");
}

/* ---- the finish -------------------------------------------------------- */

/* "[page /XYZ x y 0]" for a point of page (0-based) in user space. */
static void put_xyz(dcanvas *d, bl_buf *b, int page, double x, double y)
{
    if (page < 0 || (size_t)page >= d->n_pages)
        page = 0;
    bl_buf_printf(b, "[%u 0 R /XYZ ", d->n_pages ? d->page_objs[page] : 0);
    NUM(b, x);
    bl_buf_putc(b, ' ');
    NUM(b, d->ph - y);
    bl_buf_puts(b, " 0]");
}

static int cmp_dest(const void *a, const void *b, void *names)
{
    const dest *x = a, *y = b;
    int c = strcmp((const char *)names + x->name, (const char *)names + y->name);
    /* a name given twice: the first given comes first, and stands */
    return c ? c : (x->name > y->name) - (x->name < y->name);
}

static unsigned write_dests(dcanvas *d)
{
    if (d->n_dests == 0)
        return 0;
    const char *names = d->dest_names.data;
    qsort_r(d->dests, d->n_dests, sizeof *d->dests, cmp_dest, (void *)names);
    bl_buf b = BL_BUF_INIT;
    bl_buf_puts(&b, "<< /Names [");
    for (size_t i = 0; i < d->n_dests; i++) {
        const char *name = names + d->dests[i].name;
        if (i && strcmp(name, names + d->dests[i - 1].name) == 0)
            continue; /* the first of a name stands */
        bl_buf_putc(&b, ' ');
        pdfw_text_string(&b, name, strlen(name));
        bl_buf_putc(&b, ' ');
        put_xyz(d, &b, d->dests[i].page, d->dests[i].x, d->dests[i].y);
    }
    bl_buf_puts(&b, " ] >>");
    unsigned obj = pdfw_reserve(d->w);
    pdfw_object(d->w, obj, b.data, b.len);
    bl_buf_free(&b);
    return obj;
}

/* Entries an open item shows under it (an outline's /Count). */
static int visible_under(const dcanvas *d, int id)
{
    int n = 0;
    for (size_t i = 0; i < d->n_outlines; i++)
        if (d->outlines[i].parent == id)
            n += 1 + (d->outlines[i].open ? visible_under(d, (int)i + 1) : 0);
    return n;
}

static unsigned write_outline(dcanvas *d)
{
    if (d->n_outlines == 0)
        return 0;
    size_t n = d->n_outlines;
    unsigned root = pdfw_reserve(d->w);
    unsigned *obj = bl_calloc(n + 1, sizeof *obj);
    obj[0] = root;
    for (size_t i = 0; i < n; i++)
        obj[i + 1] = pdfw_reserve(d->w);
    bl_buf b = BL_BUF_INIT;
    for (size_t id = 0; id <= n; id++) {
        int first = 0, last = 0, prev = 0, next = 0;
        for (size_t k = 0; k < n; k++)
            if ((size_t)d->outlines[k].parent == id) {
                if (!first)
                    first = (int)k + 1;
                last = (int)k + 1;
            }
        bl_buf_reset(&b);
        if (id == 0) {
            bl_buf_puts(&b, "<< /Type /Outlines");
        } else {
            const outline *o = &d->outlines[id - 1];
            for (size_t k = 0; k < n; k++)
                if (d->outlines[k].parent == o->parent) {
                    if (k + 1 < id)
                        prev = (int)k + 1;
                    else if (k + 1 > id && !next)
                        next = (int)k + 1;
                }
            bl_buf_puts(&b, "<< /Title ");
            pdfw_text_string(&b, o->title, strlen(o->title));
            bl_buf_printf(&b, " /Parent %u 0 R", obj[o->parent]);
            if (prev)
                bl_buf_printf(&b, " /Prev %u 0 R", obj[prev]);
            if (next)
                bl_buf_printf(&b, " /Next %u 0 R", obj[next]);
            bl_buf_puts(&b, " /Dest ");
            put_xyz(d, &b, o->page - 1, o->x, o->y);
        }
        if (first) {
            int count = visible_under(d, (int)id);
            bool open = id == 0 || d->outlines[id - 1].open;
            bl_buf_printf(&b, " /First %u 0 R /Last %u 0 R /Count %d", obj[first],
                          obj[last], open ? count : -count);
        }
        bl_buf_puts(&b, " >>");
        pdfw_object(d->w, obj[id], b.data, b.len);
    }
    bl_buf_free(&b);
    bl_free(obj);
    return root;
}

/* cairo's metadata dates ("2024-06-30T00:00:00+08:00", "…Z") as PDF's. */
static void put_date(bl_buf *b, const char *iso)
{
    char digits[15] = {0};
    size_t n = 0;
    const char *p = iso;
    for (; *p && n < 14 && *p != 'Z' && *p != '+' && (n < 8 || *p != '-'); p++)
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    bl_buf_printf(b, "(D:%s", digits);
    if (*p == 'Z')
        bl_buf_puts(b, "Z");
    else if ((*p == '+' || *p == '-') && strlen(p) >= 6)
        bl_buf_printf(b, "%c%.2s'%.2s'", *p, p + 1, p + 4);
    bl_buf_putc(b, ')');
}

static unsigned write_info(dcanvas *d)
{
    static const struct { int key; const char *name; } keys[] = {
        {CAIRO_PDF_METADATA_TITLE, "Title"},     {CAIRO_PDF_METADATA_AUTHOR, "Author"},
        {CAIRO_PDF_METADATA_SUBJECT, "Subject"}, {CAIRO_PDF_METADATA_KEYWORDS, "Keywords"},
        {CAIRO_PDF_METADATA_CREATOR, "Creator"}, {CAIRO_PDF_METADATA_CREATE_DATE, "CreationDate"},
        {CAIRO_PDF_METADATA_MOD_DATE, "ModDate"},
    };
    bl_buf b = BL_BUF_INIT;
    bl_buf_puts(&b, "<<");
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *v = keys[i].key < 8 ? d->meta[keys[i].key] : NULL;
        if (!v)
            continue;
        bl_buf_printf(&b, " /%s ", keys[i].name);
        if (keys[i].key == CAIRO_PDF_METADATA_CREATE_DATE ||
            keys[i].key == CAIRO_PDF_METADATA_MOD_DATE)
            put_date(&b, v);
        else
            pdfw_text_string(&b, v, strlen(v));
    }
    bl_buf_puts(&b, " >>");
    unsigned obj = pdfw_reserve(d->w);
    pdfw_object(d->w, obj, b.data, b.len);
    bl_buf_free(&b);
    return obj;
}

/* Every face's font subset and its streams deflated (pdf_embed_prepare),
 * face k by the k-th of up to d->jobs threads (this one the first): the
 * subsetting is the finish's own time, a few ms a face. The file's bytes
 * do not depend on where a face was prepared. */
typedef struct {
    dcanvas *d;
    size_t first, step;
} prepare_job;

static void *prepare_faces(void *arg)
{
    const prepare_job *j = arg;
    for (size_t i = j->first; i < j->d->n_faces; i += j->step)
        pdf_embed_prepare(j->d->faces[i].embed, j->d->level);
    return NULL;
}

static void prepare_all_faces(dcanvas *d)
{
    enum { MAX_THREADS = 8 };
    size_t n = d->jobs > 1 ? (size_t)d->jobs : 1;
    if (n > d->n_faces)
        n = d->n_faces;
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    if (n < 2) {
        prepare_job all = {d, 0, 1};
        prepare_faces(&all);
        return;
    }
    pthread_t t[MAX_THREADS];
    prepare_job jobs[MAX_THREADS];
    bool started[MAX_THREADS] = {false};
    for (size_t k = 0; k < n; k++)
        jobs[k] = (prepare_job){d, k, n};
    for (size_t k = 1; k < n; k++)
        started[k] = pthread_create(&t[k], NULL, prepare_faces, &jobs[k]) == 0;
    prepare_faces(&jobs[0]);
    /* a share whose thread did not start is done here */
    for (size_t k = 1; k < n; k++) {
        if (started[k])
            pthread_join(t[k], NULL);
        else
            prepare_faces(&jobs[k]);
    }
}

int dc_finish(dcanvas *d)
{
    if (d->page_begun)
        dc_show_page(d);
    while (d->n_lag)
        write_oldest(d);
    int rc = d->failed ? -1 : 0;
    prepare_all_faces(d);
    for (size_t i = 0; i < d->n_faces; i++)
        if (pdf_embed_write(d->faces[i].embed, d->w, d->faces[i].obj) != 0)
            rc = -1;
    bl_buf b = BL_BUF_INIT;
    bl_buf_puts(&b, "<< /Type /Pages /Kids [");
    for (size_t i = 0; i < d->n_pages; i++)
        bl_buf_printf(&b, "%s%u 0 R", i ? " " : "", d->page_objs[i]);
    bl_buf_printf(&b, "] /Count %zu >>", d->n_pages);
    pdfw_object(d->w, d->pages_obj, b.data, b.len);
    unsigned dests = write_dests(d), outlines = write_outline(d);
    unsigned info = write_info(d);
    unsigned catalog = pdfw_reserve(d->w);
    bl_buf_reset(&b);
    bl_buf_printf(&b, "<< /Type /Catalog /Pages %u 0 R", d->pages_obj);
    if (dests)
        bl_buf_printf(&b, " /Names << /Dests %u 0 R >>", dests);
    if (outlines)
        bl_buf_printf(&b, " /Outlines %u 0 R /PageMode /UseOutlines", outlines);
    bl_buf_puts(&b, " >>");
    pdfw_object(d->w, catalog, b.data, b.len);
    bl_buf_free(&b);
    int closed = pdfw_close(d->w, catalog, info, NULL);
    d->w = NULL;
    return rc || closed ? -1 : 0;
}
