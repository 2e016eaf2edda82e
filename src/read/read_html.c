/* read_html.c - web pages: the tables of a progress report, and the text
 * around them, read with libxml2's HTML parser.
 *
 * The bytes are turned into UTF-8 first (a BOM, then bytes that are valid
 * UTF-8 whatever the page declares, then a GBK-family <meta charset>, then
 * text.c's guess), so a page that re-saved as UTF-8 but still declares
 * GB2312 reads right. The DOM is walked in document order: text outside the
 * data tables becomes chrome rows of the grid (titles, 发布日期/来源 lines,
 * the 通报 around a table), and a table whose header the interpreter
 * recognises becomes rows. Other tables are layout: their cells are read as
 * text, and a data table nested in them is found. Rowspans and colspans put
 * each cell at its true column; the cells a span covers are emitted as
 * covered, so a merged department is carried down by the interpreter.
 *
 * This is the only file that includes libxml2 headers.
 */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/SAX2.h>

#include "buf.h"
#include "alloc.h"
#include "xml_lib.h"
#include "columns.h"
#include "grid.h"
#include "interpret.h"
#include "meta.h"
#include "numbering.h"
#include "reader.h"
#include "text.h"
#include "textkey.h"

#define HTML_MAX_BYTES (64u * 1024 * 1024) /* larger pages are refused */
#define HTML_MAX_DEPTH 300    /* deeper elements are not read */
#define HTML_MAX_COLS 256     /* a span past it is cut */
#define HTML_MAX_CELLS 4000000 /* rows x columns of one table */
#define HEADER_SEARCH_ROWS 30 /* a header lies within a table's first rows */

/* What is known of one <table>, memoised in its node's _private. */
typedef struct table_info {
    bl_grid *rows;   /* its rows, full width, in a scratch grid */
    size_t header;   /* index of the header row, or rows->n when none */
    size_t n_rows, n_cols;
    bool too_large;  /* rows x columns over HTML_MAX_CELLS: not built */
    bool scanned;    /* nested is known */
    bool nested;     /* a data table lies inside it: it is layout */
} table_info;

typedef struct html {
    bl_model *m;
    bl_document *d;
    bl_grid *g;
    bl_columns *vocab;
    bl_buf line;    /* chrome text being gathered */
    int line_no;    /* where it started */
    const char *title, *article_title, *pub_date, *source;
    const table_info *too_large; /* the first table refused for its size */
    int too_large_line;
} html;

/* ---- bytes to UTF-8 ------------------------------------------------------ */

static bool is_name_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
           c == '-' || c == '_';
}

/* The charset a page declares in its first bytes (<meta charset=gbk>,
 * content="text/html; charset=gb2312"), lower-cased into out. */
static bool declared_charset(const unsigned char *data, size_t len, char *out,
                             size_t cap)
{
    size_t n = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 7 < n; i++) {
        if (strncasecmp((const char *)data + i, "charset", 7) != 0)
            continue;
        size_t j = i + 7;
        while (j < n && (data[j] == ' ' || data[j] == '='))
            j++;
        while (j < n && (data[j] == '"' || data[j] == '\''))
            j++;
        size_t k = 0;
        while (j < n && k + 1 < cap && is_name_byte(data[j])) {
            out[k++] = (char)(data[j] >= 'A' && data[j] <= 'Z' ? data[j] | 0x20 : data[j]);
            j++;
        }
        out[k] = '\0';
        if (k)
            return true;
    }
    return false;
}

static bool gbk_family(const char *cs)
{
    return strcmp(cs, "gb2312") == 0 || strcmp(cs, "gbk") == 0 ||
           strcmp(cs, "gb18030") == 0 || strcmp(cs, "x-gbk") == 0 ||
           strcmp(cs, "cp936") == 0 || strcmp(cs, "euc-cn") == 0;
}

/* GB18030 (a superset of GB2312 and GBK) to UTF-8; NULL when the bytes are
 * not valid GB18030 or hold a NUL. */
static char *from_gb18030(bl_arena *a, const unsigned char *data, size_t len,
                          size_t *out_len)
{
    if (memchr(data, '\0', len))
        return NULL;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16; /* 2 -> 3 and 4 -> 4 bytes at most */
    char *out = bl_arena_alloc(a, cap);
    char *in = (char *)data, *o = out;
    size_t in_left = len, out_left = cap - 1;
    size_t r = iconv(cd, &in, &in_left, &o, &out_left);
    if (r != (size_t)-1)
        r = iconv(cd, NULL, NULL, &o, &out_left);
    iconv_close(cd);
    if (r == (size_t)-1 || in_left)
        return NULL;
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

/* The page as UTF-8. Valid UTF-8 wins over what the page declares: pages
 * re-saved as UTF-8 keep their old <meta charset=gb2312>. */
static int to_utf8(html *h, const unsigned char *data, size_t len, char **text,
                   size_t *text_len, bl_error *err)
{
    char cs[32];
    bool bom = len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) ||
                            (data[0] == 0xFE && data[1] == 0xFF) ||
                            (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF));
    bool utf8 = bl_utf8_valid_prefix((const char *)data, len) == len;
    if (!bom && !utf8 && declared_charset(data, len, cs, sizeof cs) && gbk_family(cs)) {
        *text = from_gb18030(h->m->arena, data, len, text_len);
        if (*text) {
            h->d->encoding = "GB18030";
            return BL_OK;
        }
    }
    return bl_text_decode(h->d->source, (const char *)data, len, h->m->arena, text,
                          text_len, &h->d->encoding, err);
}

/* ---- elements and their text ---------------------------------------------- */

static bool is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name &&
           strcasecmp((const char *)n->name, name) == 0;
}

static bool is_one_of(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (is(n, *names))
            return true;
    return false;
}

/* Elements whose content is never text of the page: scripts, style sheets
 * (Word puts one inside the body), Word's <o:p> paragraph marks, column
 * lists, form controls. */
static bool skipped(const xmlNode *n)
{
    static const char *const names[] = {
        "script", "style", "noscript", "template", "xml", "o:p", "col",
        "colgroup", "select", "option", "textarea", "button", "iframe",
        "object", "embed", "svg", "math", "input", NULL};
    return is_one_of(n, names);
}

/* Elements that flow inside a line; every other element breaks it. Word's
 * namespaced tags (st1:chsdate) sit inside sentences. */
static bool is_inline(const xmlNode *n)
{
    static const char *const names[] = {
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "del", "dfn",
        "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q",
        "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
        "tt", "u", "var", "wbr", NULL};
    return is_one_of(n, names) || (n->name && strchr((const char *)n->name, ':'));
}

static int line_of(const xmlNode *n)
{
    long l = XML.xmlGetLineNo(n);
    return l < 1 ? 1 : l > 1000000000L ? 1000000000 : (int)l;
}

static bool ends_with_break(const bl_buf *b)
{
    return !b->len || b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\n';
}

/* Appends text with each run of HTML white space (and &nbsp;) as one space:
 * the source's line wrapping is not the text's. */
static void append_text(bl_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t space = (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
                           ? 1
                           : (p[0] == 0xC2 && p[1] == 0xA0) ? 2 : 0;
        if (space) {
            if (!ends_with_break(b))
                bl_buf_putc(b, ' ');
            p += space;
            continue;
        }
        bl_buf_putc(b, (char)*p++);
    }
}

/* A line break in a cell: <br>, or the edge of a <p> or <div>. */
static void line_break(bl_buf *b)
{
    if (!b->len || b->data[b->len - 1] == '\n')
        return;
    if (b->data[b->len - 1] == ' ')
        b->data[b->len - 1] = '\n';
    else
        bl_buf_putc(b, '\n');
}

/* All text under n, spans joined as they are, blocks and <br> as "\n". */
static void gather(const xmlNode *n, bl_buf *b, int depth)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                append_text(b, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE || skipped(c) || is(c, "title"))
            continue;
        if (is(c, "br")) {
            line_break(b);
            continue;
        }
        bool block = !is_inline(c);
        if (block)
            line_break(b);
        if (depth < HTML_MAX_DEPTH)
            gather(c, b, depth + 1);
        if (block)
            line_break(b);
    }
}

/* b's lines trimmed (spaces, U+3000, NBSP), empty ones dropped. */
static const char *clean_lines(bl_arena *a, bl_buf *b)
{
    bl_buf out = BL_BUF_INIT;
    const char *s = bl_buf_cstr(b), *end = s + b->len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *stop = nl ? nl : end;
        char *t = bl_text_trim(a, s, (size_t)(stop - s));
        if (*t) {
            if (out.len)
                bl_buf_putc(&out, '\n');
            bl_buf_puts(&out, t);
        }
        s = nl ? nl + 1 : end;
    }
    const char *r = bl_arena_strndup(a, out.len ? bl_buf_cstr(&out) : "", out.len);
    bl_buf_free(&out);
    return r;
}

static const char *node_text(bl_arena *a, const xmlNode *n)
{
    bl_buf b = BL_BUF_INIT;
    gather(n, &b, 0);
    const char *s = clean_lines(a, &b);
    bl_buf_free(&b);
    return s;
}

/* ---- tables ---------------------------------------------------------------- */

typedef struct nodes {
    const xmlNode **v;
    size_t n, cap;
} nodes;

static void push(nodes *a, const xmlNode *n)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->v = bl_realloc(a->v, a->cap * sizeof *a->v);
    }
    a->v[a->n++] = n;
}

/* The table's own rows, through <thead>/<tbody>/<tfoot> and stray wrappers,
 * never a nested table's. */
static void collect(const xmlNode *n, nodes *out, const char *want, int depth)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is(c, "table") || skipped(c))
            continue;
        if (want ? is(c, want) : (is(c, "td") || is(c, "th")))
            push(out, c);
        else if (!is(c, "tr") && depth < HTML_MAX_DEPTH)
            collect(c, out, want, depth + 1);
    }
}

/* rowspan/colspan, at least 1 and at most max; rowspan="0" runs to the end.
 * A value that is no number ("", "auto") counts as 1, as in a browser. */
static int span_attr(const xmlNode *n, const char *name, int max)
{
    xmlChar *v = XML.xmlGetProp(n, BAD_CAST name);
    char *end = NULL;
    long k = v ? strtol((const char *)v, &end, 10) : 1;
    if (v && end == (char *)v)
        k = 1;
    bl_free(v);
    if (k == 0 && name[0] == 'r')
        k = max;
    return k < 1 ? 1 : k > max ? max : (int)k;
}

/* One slot of a table's matrix: a cell that starts there, or covered. */
typedef struct slot {
    const xmlNode *cell;
    int rs, cs;
    bool covered;
} slot;

/* Places the cells of rows at their true columns: a column a rowspan
 * occupies is skipped on the rows below, so counting cells per row would
 * put them under the wrong header. Fills mx (rows x width) when given;
 * returns the table's width. */
static size_t place(const nodes *rows, slot *mx, size_t width)
{
    int left[HTML_MAX_COLS] = {0}; /* rows still covered below this one */
    bool busy[HTML_MAX_COLS];
    size_t used = 0;
    for (size_t r = 0; r < rows->n; r++) {
        for (size_t j = 0; j < HTML_MAX_COLS; j++) {
            busy[j] = left[j] > 0;
            if (!busy[j])
                continue;
            left[j]--;
            if (mx && j < width)
                mx[r * width + j].covered = true;
            used = j + 1 > used ? j + 1 : used;
        }
        nodes cells = {0};
        collect(rows->v[r], &cells, NULL, 0);
        size_t col = 0;
        for (size_t i = 0; i < cells.n; i++) {
            while (col < HTML_MAX_COLS && busy[col])
                col++;
            if (col >= HTML_MAX_COLS)
                break;
            int cs = span_attr(cells.v[i], "colspan", (int)(HTML_MAX_COLS - col));
            int rs = span_attr(cells.v[i], "rowspan", (int)(rows->n - r));
            if (mx)
                mx[r * width + col] = (slot){cells.v[i], rs, cs, false};
            for (int k = 0; k < cs; k++) {
                busy[col + k] = true;
                left[col + k] = rs - 1;
                if (mx && k)
                    mx[r * width + col + k].covered = true;
            }
            col += (size_t)cs;
            used = col > used ? col : used;
        }
        free(cells.v);
    }
    return used;
}

/* A row with fewer cells than the table and no span reaching into it:
 * its cells were dropped, not merged (a table pasted together by hand, as
 * text tables are), so the interpreter places them by what they hold. */
static bool short_row(const slot *row, size_t width)
{
    size_t last = 0;
    for (size_t j = 0; j < width; j++) {
        if (row[j].covered)
            return false;
        if (row[j].cell)
            last = j + 1;
    }
    return last > 0 && last < width;
}

/* The rows of the matrix as grid rows, every one the table's full width:
 * covered slots are covered cells, so the interpreter carries a merged
 * department down. */
static void matrix_rows(bl_grid *g, const nodes *rows, const slot *mx, size_t width)
{
    for (size_t r = 0; r < rows->n; r++) {
        int line = line_of(rows->v[r]);
        bl_row *row = bl_grid_add_row(g, line);
        row->is_text = short_row(&mx[r * width], width);
        for (size_t j = 0; j < width; j++) {
            const slot *s = &mx[r * width + j];
            if (s->cell) {
                const char *t = node_text(g->arena, s->cell);
                bl_cell *c = bl_row_add_cell(g, row, t, strlen(t), line_of(s->cell));
                c->row_span = s->rs;
                c->col_span = s->cs > (int)(width - j) ? (int)(width - j) : s->cs;
            } else {
                bl_cell *c = bl_row_add_cell(g, row, "", 0, line);
                c->covered = s->covered;
            }
        }
    }
}

static void build_table(html *h, const xmlNode *t, table_info *ti)
{
    nodes rows = {0};
    collect(t, &rows, "tr", 0);
    size_t width = place(&rows, NULL, 0);
    ti->n_rows = rows.n;
    ti->n_cols = width;
    ti->rows = bl_grid_new(h->m->arena);
    if (width && rows.n > HTML_MAX_CELLS / width) {
        ti->too_large = true;
    } else if (width) {
        slot *mx = bl_calloc(rows.n * width, sizeof *mx);
        place(&rows, mx, width);
        matrix_rows(ti->rows, &rows, mx, width);
        free(mx);
    }
    free(rows.v);
    ti->header = ti->rows->n;
    for (size_t i = 0; i < ti->rows->n && i < HEADER_SEARCH_ROWS; i++)
        if (bl_row_is_header(h->m->arena, h->vocab, &ti->rows->rows[i])) {
            ti->header = i;
            break;
        }
}

static table_info *info_of(html *h, xmlNode *t)
{
    if (!t->_private) {
        table_info *ti = bl_arena_alloc(h->m->arena, sizeof *ti);
        build_table(h, t, ti);
        t->_private = ti;
    }
    return t->_private;
}

static bool holds_data(html *h, xmlNode *n, int depth);

/* Whether a data table lies inside t, or t is one. */
static bool table_holds_data(html *h, xmlNode *t, int depth)
{
    table_info *ti = info_of(h, t);
    if (!ti->scanned) {
        ti->scanned = true;
        ti->nested = holds_data(h, t, depth + 1);
    }
    return ti->nested || ti->header < ti->rows->n;
}

static bool holds_data(html *h, xmlNode *n, int depth)
{
    if (depth > HTML_MAX_DEPTH)
        return false;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || skipped(c))
            continue;
        if (is(c, "table") ? table_holds_data(h, c, depth) : holds_data(h, c, depth + 1))
            return true;
    }
    return false;
}

/* The one text of a row (a colspan'd title, a blank row gives ""), or NULL
 * when its cells say different things. */
static const char *single_text(const bl_row *r)
{
    const char *text = "";
    for (size_t i = 0; i < r->n; i++) {
        const char *t = r->cells[i].covered ? "" : r->cells[i].text;
        if (!*t)
            continue;
        if (*text && strcmp(text, t) != 0)
            return NULL;
        text = t;
    }
    return text;
}

/* A row that is one text across the table (注：…, a signature) rather than
 * a group row (一、教育类) the interpreter reads as the projects' category.
 * A single text in one narrow cell is a sub-row's progress, not this. */
static bool note_row(html *h, const bl_row *r)
{
    const bl_cell *c = NULL;
    for (size_t i = 0; i < r->n && !c; i++)
        if (!r->cells[i].covered && *r->cells[i].text)
            c = &r->cells[i];
    bl_number num;
    return c && (size_t)c->col_span * 2 >= r->n && r->n > 1 &&
           !(bl_number_prefix(bl_key(h->m->arena, c->text), &num) &&
             num.kind == BL_NUM_CHINESE);
}

/* A data table into the page's grid. Rows above its header holding one text
 * (a title across the table) are chrome, where the interpreter looks for
 * the list's title, and so are notes across the table below it (else an
 * empty entry of the last project); blank rows are dropped. */
static void emit_table(html *h, const table_info *ti)
{
    for (size_t i = 0; i < ti->rows->n; i++) {
        const bl_row *r = &ti->rows->rows[i];
        const char *only = single_text(r);
        if (only && !*only)
            continue;
        if (only && (i < ti->header || (i > ti->header && note_row(h, r)))) {
            bl_grid_add_chrome(h->g, only, strlen(only), r->line);
            continue;
        }
        bl_row *dst = bl_grid_add_row(h->g, r->line);
        *dst = *r;
    }
}

/* ---- the walk ------------------------------------------------------------- */

/* The text gathered since the last block edge becomes one chrome row. */
static void flush(html *h)
{
    if (!h->line.len)
        return;
    const char *s = bl_buf_cstr(&h->line);
    if (!bl_text_blank_n(s, h->line.len))
        bl_grid_add_chrome(h->g, s, h->line.len, h->line_no);
    bl_buf_reset(&h->line);
}

/* <meta name="ArticleTitle|PubDate|ContentSource" content="…"> (jcms and
 * most provincial CMSs describe the article so). */
static void read_meta(html *h, const xmlNode *n)
{
    static const char *const names[] = {"ArticleTitle", "PubDate", "ContentSource"};
    const char **fields[] = {&h->article_title, &h->pub_date, &h->source};
    xmlChar *name = XML.xmlGetProp(n, BAD_CAST "name");
    xmlChar *content = name ? XML.xmlGetProp(n, BAD_CAST "content") : NULL;
    for (size_t i = 0; content && i < 3; i++) {
        if (strcasecmp((const char *)name, names[i]) != 0 || *fields[i])
            continue;
        const char *t = bl_text_trim(h->m->arena, (const char *)content,
                                     strlen((const char *)content));
        if (*t)
            *fields[i] = t;
    }
    bl_free(name);
    bl_free(content);
}

static void walk(html *h, xmlNode *n, int depth);

/* A data table becomes rows; any other table is layout, read as text, and
 * the tables inside it are looked at in turn. */
static void read_table(html *h, xmlNode *t, int depth)
{
    flush(h);
    table_info *ti = info_of(h, t);
    if (ti->too_large) {
        if (!h->too_large) {
            h->too_large = ti;
            h->too_large_line = line_of(t);
        }
        return;
    }
    if (!table_holds_data(h, t, depth) || ti->nested)
        walk(h, t, depth + 1);
    else
        emit_table(h, ti);
    flush(h);
}

static void walk(html *h, xmlNode *n, int depth)
{
    if (depth > HTML_MAX_DEPTH)
        return;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (!h->line.len)
                h->line_no = line_of(c);
            if (c->content)
                append_text(&h->line, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue; /* comments, processing instructions */
        if (is(c, "meta")) {
            read_meta(h, c);
        } else if (is(c, "title")) {
            if (!h->title)
                h->title = node_text(h->m->arena, c);
        } else if (is(c, "table")) {
            read_table(h, c, depth);
        } else if (is(c, "br")) {
            flush(h);
        } else if (!skipped(c)) {
            bool block = !is_inline(c);
            if (block)
                flush(h);
            walk(h, c, depth + 1);
            if (block)
                flush(h);
        }
    }
}

/* libxml2 reports through a global callback even with NOERROR in some
 * paths (encoding, memory); only main.c prints. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* libxml2's HTML parser drops the prefix of "<o:p>" and "<st1:chsdate>"
 * (Word's paragraph marks and smart tags), leaving a block <p> or an
 * unknown element: the node gets its whole name back, so Word's marks are
 * skipped and its tags stay inside the line (is_inline). */
static void start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    xmlParserCtxtPtr c = ctx;
    XML.xmlSAX2StartElement(ctx, name, atts);
    const char *colon = strchr((const char *)name, ':');
    if (colon && c->node && c->node->name && strcmp((const char *)c->node->name, colon + 1) == 0)
        XML.xmlNodeSetName(c->node, name);
}

static htmlDocPtr parse(const char *text, size_t len)
{
    void *old_ctx = *XML.__xmlGenericErrorContext();
    xmlGenericErrorFunc old = *XML.__xmlGenericError();
    XML.xmlSetGenericErrorFunc(NULL, quiet);
    htmlDocPtr doc = NULL;
    htmlParserCtxtPtr c = XML.htmlNewParserCtxt();
    if (c) {
        c->sax->startElement = start_element;
        /* The text is UTF-8 by now: the page's <meta charset> must not
         * switch the parser to another decoding. No entity expansion, no
         * network. */
        doc = XML.htmlCtxtReadMemory(c, text, (int)len, NULL, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
        XML.htmlFreeParserCtxt(c);
    }
    XML.xmlSetGenericErrorFunc(old_ctx, old);
    return doc;
}

/* The page's own description, before the body's lines: the interpreter
 * keeps the first date and office it is given. */
static void page_meta(html *h)
{
    if (h->article_title && bl_text_blank(h->article_title) == false && !h->d->title)
        h->d->title = h->article_title;
    if (h->pub_date)
        bl_meta_line(h->m, h->d, bl_arena_printf(h->m->arena, "发布日期:%s", h->pub_date));
    if (h->source)
        bl_meta_line(h->m, h->d, bl_arena_printf(h->m->arena, "来源:%s", h->source));
}

int bl_read_html(bl_model *m, bl_document *d, const unsigned char *data,
                 size_t len, bl_error *err)
{
    html h = {.m = m, .d = d, .line = BL_BUF_INIT};
    char *text;
    size_t text_len;
    d->format = "html";
    if (len > HTML_MAX_BYTES)
        return bl_error_set(err, BL_EINPUT, d->source, 1,
                            "page of %zu bytes: pages over %u MiB are not read", len,
                            HTML_MAX_BYTES >> 20);
    int rc = bl_xml_open(d->source, err);
    if (!rc)
        rc = to_utf8(&h, data, len, &text, &text_len, err);
    if (!rc)
        rc = bl_columns_new(m->arena, &h.vocab, err);
    if (rc)
        return rc;
    htmlDocPtr doc = parse(text, text_len);
    if (!doc)
        return bl_error_set(err, BL_EINPUT, d->source, 1, "not an HTML page that can be read");
    h.g = bl_grid_new(m->arena);
    walk(&h, (xmlNode *)doc, 0);
    flush(&h);
    bl_buf_free(&h.line);
    XML.xmlFreeDoc(doc); /* every text is in the arena by now */
    if (h.too_large)
        return bl_error_set(err, BL_EINPUT, d->source, h.too_large_line,
                            "table of %zu rows and %zu columns: more than %d cells "
                            "are not read", h.too_large->n_rows, h.too_large->n_cols,
                            HTML_MAX_CELLS);
    d->grid = h.g;
    page_meta(&h);
    rc = bl_read_grid(m, d, h.g, err);
    if (!rc && !d->title && h.title && *h.title) {
        d->title = h.title;
        bl_meta_period(d, d->title);
    }
    return rc;
}

/* ---- sniffing ------------------------------------------------------------- */

static bool has_ci(const unsigned char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp((const char *)s + i, word, k) == 0)
            return true;
    return false;
}

static bool html_name(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    return dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0 ||
                   strcasecmp(dot, ".shtml") == 0);
}

/* Sure only of markup: a doctype or <html> first, or a page that opens with
 * a tag (JSP directives, <?xml …?>, a comment) and holds <html>, <body> or
 * a <table>. A .html name alone with no markup claims nothing. */
int bl_sniff_html(const char *path, const unsigned char *data, size_t len)
{
    size_t n = len < 2048 ? len : 2048, i = 0;
    if (n >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))) {
        /* UTF-16 with its mark (Word's "Unicode" web page): the markup is
         * ASCII, one byte of each unit; the rest stands as 0x80 here. */
        unsigned char narrow[1024];
        size_t k = 0, lo = data[0] == 0xFF ? 0 : 1;
        for (size_t j = 2; j + 1 < n && k < sizeof narrow; j += 2)
            narrow[k++] = data[j + 1 - lo] == 0 && data[j + lo] < 0x80 ? data[j + lo] : 0x80;
        return bl_sniff_html(path, narrow, k);
    }
    if (n >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
        i = 3;
    while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    const unsigned char *p = data + i;
    size_t rest = n - i;
    bool tag = rest && *p == '<';
    if (has_ci(p, rest < 14 ? rest : 14, "<!doctype html") || has_ci(p, rest < 5 ? rest : 5, "<html"))
        return 95;
    bool page = has_ci(p, rest, "<html") || has_ci(p, rest, "<body");
    bool table = has_ci(p, rest, "<table");
    if (tag && (page || has_ci(p, rest < 6 ? rest : 6, "<table")))
        return 90;
    if (html_name(path))
        return tag ? 85 : (page || table) ? 60 : 0;
    return tag && table ? 80 : 0;
}
