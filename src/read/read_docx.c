/* read_docx.c - Word documents (.docx) → a grid, or prose.
 *
 * The body is read in order: paragraphs are chrome rows (a title, the
 * issuing office, dates, the titles of lists), tables are rows of cells.
 * A cell's column is the sum of the spans before it (w:gridBefore,
 * w:gridSpan against w:tblGrid); w:vMerge continue cells are covered by
 * the restart cell above, whose row span grows, so a department merged
 * down a group of projects is carried by the interpreter. A cell's
 * paragraphs and w:br are line breaks of its text; text split over runs
 * is joined. A table inside a cell is text of that cell, unless the outer
 * table is a one-column frame around the document, whose cells are read
 * as body. A document without any table is narrative: its paragraphs go
 * to the prose reader. Rows and paragraphs are numbered in order as the
 * grid's lines (a .docx has no lines of its own).
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bl_zip.h"
#include "alloc.h"
#include "grid.h"
#include "interpret.h"
#include "ooxml.h"
#include "reader.h"
#include "text.h"
#include "xml_lib.h"

#define DOCX_MAX_COLS 512

typedef struct docx {
    bl_model *m;
    bl_grid *g;
    int line;    /* ordinal of the block (paragraph or table row) */
    int tables;  /* tables seen */
    bl_buf prose; /* every paragraph, for a document without a table */
} docx;

/* Where the restart cell of a vertical merge is, per grid column. */
typedef struct origin {
    size_t row, cell;
    bool set;
} origin;

/* The text of a paragraph, of a run, of anything below them (text boxes
 * too): w:t, tabs, breaks; deleted text and field codes are not text. */
static void run_text(const xmlNode *n, bl_buf *out)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (bl_xml_is(c, "t")) {
            bl_xml_append_content(c, out);
        } else if (bl_xml_is(c, "tab")) {
            bl_buf_putc(out, ' ');
        } else if (bl_xml_is(c, "br") || bl_xml_is(c, "cr")) {
            bl_buf_putc(out, '\n');
        } else if (!bl_xml_is(c, "delText") && !bl_xml_is(c, "instrText") &&
                   !bl_xml_is(c, "del") && !bl_xml_is(c, "pPr") && !bl_xml_is(c, "rPr") &&
                   !bl_xml_is(c, "Fallback")) {
            /* mc:Fallback repeats a text box of mc:Choice for old readers. */
            run_text(c, out);
        }
    }
}

static void table_text(const xmlNode *tbl, bl_buf *out);

/* A cell's paragraphs, one line each, and nested tables as lines. */
static void cell_text(const xmlNode *tc, bl_buf *out)
{
    for (xmlNode *c = bl_xml_child(tc, NULL); c; c = bl_xml_next(c, NULL)) {
        size_t before = out->len;
        if (out->len)
            bl_buf_putc(out, '\n');
        size_t start = out->len;
        if (bl_xml_is(c, "p"))
            run_text(c, out);
        else if (bl_xml_is(c, "tbl"))
            table_text(c, out);
        else if (bl_xml_is(c, "sdt"))
            cell_text(bl_xml_child(c, "sdtContent"), out);
        if (out->len == start || bl_text_blank_n(out->data + start, out->len - start))
            out->len = before; /* an empty paragraph adds no line */
    }
}

static void table_text(const xmlNode *tbl, bl_buf *out)
{
    for (xmlNode *tr = bl_xml_child(tbl, "tr"); tr; tr = bl_xml_next(tr, "tr")) {
        if (out->len)
            bl_buf_putc(out, '\n');
        bool first = true;
        for (xmlNode *tc = bl_xml_child(tr, "tc"); tc; tc = bl_xml_next(tc, "tc")) {
            bl_buf cell = BL_BUF_INIT;
            cell_text(tc, &cell);
            if (cell.len) {
                if (!first)
                    bl_buf_putc(out, ' ');
                bl_buf_append(out, cell.data, cell.len);
                first = false;
            }
            bl_buf_free(&cell);
        }
    }
}

static long int_val(const xmlNode *n, long dflt)
{
    const char *v = bl_xml_attr(n, "val");
    long x = v ? strtol(v, NULL, 10) : dflt;
    return x < 1 ? 1 : x > DOCX_MAX_COLS ? DOCX_MAX_COLS : x;
}

static void body(docx *x, const xmlNode *parent);

static void add_paragraph(docx *x, const xmlNode *p)
{
    bl_buf b = BL_BUF_INIT;
    run_text(p, &b);
    if (b.len && !bl_text_blank_n(b.data, b.len)) {
        bl_grid_add_chrome(x->g, b.data, b.len, ++x->line);
        bl_buf_append(&x->prose, b.data, b.len);
        bl_buf_putc(&x->prose, '\n');
    }
    bl_buf_free(&b);
}

/* A covered cell (of a span, or of a merge from above). */
static void add_covered(docx *x, bl_row *r)
{
    bl_cell *c = bl_row_add_cell(x->g, r, "", 0, x->line);
    c->covered = true;
}

/* Cells of one w:tc at grid column *col of row r (index ri). */
static void add_tc(docx *x, size_t ri, const xmlNode *tc, size_t *col,
                   origin *orig, size_t *from_above)
{
    bl_grid *g = x->g;
    bl_row *r = &g->rows[ri];
    const xmlNode *pr = bl_xml_child(tc, "tcPr");
    long span = int_val(bl_xml_child(pr, "gridSpan"), 1);
    const xmlNode *vm = bl_xml_child(pr, "vMerge");
    const char *vval = vm ? bl_xml_attr(vm, "val") : NULL;
    bool cont = vm && (!vval || strcmp(vval, "continue") == 0);
    size_t c0 = *col < DOCX_MAX_COLS ? *col : DOCX_MAX_COLS - 1;
    origin *o = &orig[c0];
    if (cont && o->set && o->row < g->n && !g->rows[o->row].chrome &&
        o->cell < g->rows[o->row].n) {
        g->rows[o->row].cells[o->cell].row_span++;
        for (long i = 0; i < span; i++)
            add_covered(x, r);
        (*from_above)++;
    } else {
        bl_buf b = BL_BUF_INIT;
        cell_text(tc, &b);
        bl_cell *c = bl_row_add_cell(g, r, b.data ? b.data : "", b.len, x->line);
        c->col_span = (int)span;
        bl_buf_free(&b);
        for (long i = 1; i < span; i++)
            add_covered(x, r);
        *o = (origin){ri, r->n - (size_t)span, vm != NULL};
    }
    *col += (size_t)span;
}

static bool has_covered(const bl_row *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->cells[i].covered)
            return true;
    return false;
}

/* One w:tr as a grid row; a row of one filled cell (a title across the
 * table) is chrome, a blank row is dropped. */
static void add_tr(docx *x, const xmlNode *tr, size_t ncols, origin *orig)
{
    bl_grid *g = x->g;
    size_t ri = g->n, col = 0, from_above = 0;
    bl_grid_add_row(g, ++x->line);
    const xmlNode *trpr = bl_xml_child(tr, "trPr");
    const xmlNode *before = bl_xml_child(trpr, "gridBefore");
    if (before)
        for (long i = int_val(before, 0); i > 0; i--, col++)
            bl_row_add_cell(g, &g->rows[ri], "", 0, x->line);
    for (xmlNode *tc = bl_xml_child(tr, NULL); tc; tc = bl_xml_next(tc, NULL)) {
        if (bl_xml_is(tc, "sdt")) /* a content control around cells */
            for (xmlNode *in = bl_xml_child(bl_xml_child(tc, "sdtContent"), "tc"); in;
                 in = bl_xml_next(in, "tc"))
                add_tc(x, ri, in, &col, orig, &from_above);
        else if (bl_xml_is(tc, "tc"))
            add_tc(x, ri, tc, &col, orig, &from_above);
    }
    bl_row *r = &g->rows[ri];
    /* Fewer cells than the grid and no merge reaching in: cells were left
     * out, not merged, and the interpreter places them by what they hold. */
    r->is_text = r->n < ncols && from_above == 0 && !has_covered(r);
    while (r->n < ncols)
        bl_row_add_cell(g, r, "", 0, x->line);
    size_t filled = 0;
    const char *only = NULL;
    for (size_t i = 0; i < r->n; i++)
        if (!r->cells[i].covered && *r->cells[i].text) {
            filled++;
            only = r->cells[i].text;
        }
    if (from_above == 0 && filled <= 1) {
        g->n--; /* the index may be reused: no merge starts here any more */
        for (size_t i = 0; i < DOCX_MAX_COLS; i++)
            if (orig[i].row == ri)
                orig[i].set = false;
        if (only)
            bl_grid_add_chrome(g, only, strlen(only), x->line);
    }
}

/* A one-column table whose cells hold tables frames the document. */
static bool is_frame(const xmlNode *tbl, size_t ncols)
{
    if (ncols > 1)
        return false;
    for (xmlNode *tr = bl_xml_child(tbl, "tr"); tr; tr = bl_xml_next(tr, "tr"))
        for (xmlNode *tc = bl_xml_child(tr, "tc"); tc; tc = bl_xml_next(tc, "tc"))
            if (bl_xml_child(tc, "tbl"))
                return true;
    return false;
}

static void add_table(docx *x, const xmlNode *tbl)
{
    size_t ncols = 0;
    for (xmlNode *gc = bl_xml_child(bl_xml_child(tbl, "tblGrid"), "gridCol"); gc;
         gc = bl_xml_next(gc, "gridCol"))
        ncols++;
    if (is_frame(tbl, ncols)) {
        for (xmlNode *tr = bl_xml_child(tbl, "tr"); tr; tr = bl_xml_next(tr, "tr"))
            for (xmlNode *tc = bl_xml_child(tr, "tc"); tc; tc = bl_xml_next(tc, "tc"))
                body(x, tc);
        return;
    }
    x->tables++;
    origin *orig = bl_calloc(DOCX_MAX_COLS, sizeof *orig);
    for (xmlNode *tr = bl_xml_child(tbl, "tr"); tr; tr = bl_xml_next(tr, "tr"))
        add_tr(x, tr, ncols, orig);
    free(orig);
}

/* The blocks of the body (or of a frame's cell, or a content control). */
static void body(docx *x, const xmlNode *parent)
{
    for (xmlNode *c = bl_xml_child(parent, NULL); c; c = bl_xml_next(c, NULL)) {
        if (bl_xml_is(c, "p"))
            add_paragraph(x, c);
        else if (bl_xml_is(c, "tbl"))
            add_table(x, c);
        else if (bl_xml_is(c, "sdt"))
            body(x, bl_xml_child(c, "sdtContent"));
    }
}

int bl_read_docx(bl_model *m, bl_document *d, const unsigned char *data,
                 size_t len, bl_error *err)
{
    bl_zip *z;
    xmlDoc *doc = NULL;
    d->format = "docx";
    d->encoding = "UTF-8";
    int rc = bl_zip_open(data, len, d->source, &z, err);
    if (rc)
        return rc;
    if (!bl_zip_has(z, "word/document.xml"))
        rc = bl_error_set(err, BL_EINPUT, d->source, 0,
                          "not a Word document: no word/document.xml in the archive");
    if (!rc)
        rc = bl_ooxml_parse(z, "word/document.xml", &doc, err);
    bl_zip_close(z);
    if (rc)
        return rc;
    docx x = {m, bl_grid_new(m->arena), 0, 0, BL_BUF_INIT};
    body(&x, bl_xml_child(XML.xmlDocGetRootElement(doc), "body"));
    XML.xmlFreeDoc(doc);
    if (x.tables) {
        d->grid = x.g;
        rc = bl_read_grid(m, d, x.g, err);
    } else {
        /* Narrative: the paragraphs as text, for the prose reader. */
        const char *text = bl_arena_strndup(m->arena, x.prose.data ? x.prose.data : "",
                                            x.prose.len);
        rc = bl_read_prose(m, d, text, x.prose.len, err);
        d->format = "docx"; /* the file's format, whatever its shape */
    }
    bl_buf_free(&x.prose);
    return rc;
}

static bool has_ext(const char *path, const char *ext)
{
    size_t n = path ? strlen(path) : 0, e = strlen(ext);
    return n >= e && strcasecmp(path + n - e, ext) == 0;
}

/* A zip archive holding word/document.xml, or a file named .docx. */
int bl_sniff_docx(const char *path, const unsigned char *data, size_t len)
{
    bool zip = len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
    /* The archive's own members decide: a document may embed the other
     * kind of file, whose names then show in the bytes too. */
    int has = zip ? bl_zip_probe(data, len, "word/document.xml") : -1;
    if (has == 1)
        return 95;
    if (has == -1 && zip && memmem(data, len, "word/document.xml", 17))
        return 60; /* damaged: read, to say so */
    if (has_ext(path, ".docx") || has_ext(path, ".docm"))
        return has == 0 ? 30 : 70;
    return 0;
}
