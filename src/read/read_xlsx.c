/* read_xlsx.c - Excel workbooks (.xlsx) → a grid.
 *
 * The visible sheets are read in workbook order, each after a chrome line
 * with its name unless its first row is a title of its own (a sheet per
 * county, a sheet per list). Cells land in their columns by their
 * references; merged ranges become an origin cell with its spans and
 * covered cells, so a department merged down a group of rows is carried by
 * the interpreter. A row with a single filled cell (a title merged across
 * the table, a note) is chrome. Values are shown as Excel shows them where
 * it matters to the model: a number under a percent format is a rate
 * (0.72 → "72%"), under a date format a date (YYYY-MM-DD); hidden rows and
 * columns are left out, as a reader of the sheet does not see them.
 * A cell's `where` is "Sheet!B7", its line the sheet's row number.
 */
#define _GNU_SOURCE /* memmem */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "bl_zip.h"
#include "grid.h"
#include "interpret.h"
#include "ooxml.h"
#include "reader.h"
#include "text.h"
#include "xml_lib.h"

#define XL_MAX_COL 16384
#define XL_MAX_ROW 1048576

enum { XF_GENERAL, XF_PERCENT, XF_DATE };

/* Where a sheet's rows are in the grid, to title its lists. */
typedef struct xl_span {
    const char *name;
    size_t first, end;
} xl_span;

typedef struct xl_book {
    bl_model *m;
    bl_zip *z;
    const char *path;
    const char **shared;
    size_t n_shared;
    unsigned char *xf; /* XF_* per cellXfs index */
    size_t n_xf;
    bool date1904;
    xl_span *spans;
    size_t n_spans, cap_spans;
} xl_book;

typedef struct xl_cell {
    int col;
    const char *text;
} xl_cell;

typedef struct xl_row {
    int r;
    bool hidden;
    xl_cell *cells;
    size_t n;
} xl_row;

typedef struct xl_merge {
    int r0, c0, r1, c1;
} xl_merge;

typedef struct xl_sheet {
    const char *name;
    xl_row *rows;
    size_t n_rows;
    xl_merge *merges;
    size_t n_merges;
    bool *hidden_col; /* 1..XL_MAX_COL */
    int max_col;
} xl_sheet;

/* ---- small helpers ---- */

static void *grow(bl_arena *a, void *old, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return old;
    size_t cap2 = *cap ? *cap * 2 : 16;
    void *p = bl_arena_alloc(a, cap2 * size);
    if (n)
        memcpy(p, old, n * size);
    *cap = cap2;
    return p;
}

/* "B7" → column 2, row 7; false when s is no cell reference. */
static bool parse_ref(const char *s, int *col, int *row)
{
    int c = 0, r = 0;
    while (*s == '$')
        s++;
    for (; *s >= 'A' && *s <= 'Z'; s++)
        if ((c = c * 26 + (*s - 'A' + 1)) > XL_MAX_COL)
            return false;
    while (*s == '$')
        s++;
    for (; *s >= '0' && *s <= '9'; s++)
        if ((r = r * 10 + (*s - '0')) > XL_MAX_ROW)
            return false;
    *col = c;
    *row = r;
    return c > 0 && !*s;
}

static void col_name(int col, char *out)
{
    char tmp[8];
    int n = 0;
    for (; col > 0; col = (col - 1) / 26)
        tmp[n++] = (char)('A' + (col - 1) % 26);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* Number text without trailing zeros, '.' whatever the locale. */
static const char *number_text(bl_arena *a, double v, int decimals)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.';
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf);
        while (e > dot + 1 && e[-1] == '0')
            *--e = '\0';
        if (e == dot + 1)
            *dot = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        return "0";
    return bl_arena_strdup(a, buf);
}

/* Days since 1970-01-01 → civil date (Howard Hinnant's algorithm). */
static void civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static const char *date_text(bl_arena *a, double serial, bool date1904)
{
    long days = (long)floor(serial);
    if (date1904)
        days += 1462;
    /* Excel counts the 29 February 1900 that never was. */
    long unix_days = days - (days >= 61 || date1904 ? 25569 : 25568);
    int y, mo, d;
    civil(unix_days, &y, &mo, &d);
    return bl_arena_printf(a, "%04d-%02d-%02d", y, mo, d);
}

static const char *value_text(const xl_book *b, double v, unsigned style)
{
    int kind = style < b->n_xf ? b->xf[style] : XF_GENERAL;
    if (kind == XF_PERCENT)
        return bl_arena_printf(b->m->arena, "%s%%", number_text(b->m->arena, v * 100, 2));
    if (kind == XF_DATE && v > 0 && v < 2958466)
        return date_text(b->m->arena, v, b->date1904);
    return number_text(b->m->arena, v, 10);
}

/* ---- styles ---- */

/* A format code's kind, looking only outside quotes, brackets ([Red],
 * [$-804]) and escapes. */
static int code_kind(const char *code)
{
    bool quoted = false, bracket = false, date = false;
    for (const char *p = code; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (*p == '\\' && p[1])
            p++;
        else if (*p == '[')
            bracket = true;
        else if (*p == ']')
            bracket = false;
        else if (bracket)
            continue;
        else if (*p == '%')
            return XF_PERCENT;
        else if (strchr("yYdD", *p))
            date = true;
    }
    return date ? XF_DATE : XF_GENERAL;
}

static int builtin_kind(long id)
{
    if (id == 9 || id == 10)
        return XF_PERCENT;
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
        (id >= 50 && id <= 58))
        return XF_DATE;
    return XF_GENERAL;
}

static int format_kind(xmlNode *numfmts, long id)
{
    for (xmlNode *f = bl_xml_child(numfmts, "numFmt"); f; f = bl_xml_next(f, "numFmt")) {
        const char *fid = bl_xml_attr(f, "numFmtId");
        const char *code = bl_xml_attr(f, "formatCode");
        if (fid && code && strtol(fid, NULL, 10) == id)
            return code_kind(code);
    }
    return builtin_kind(id);
}

static int read_styles(xl_book *b, bl_error *err)
{
    if (!bl_zip_has(b->z, "xl/styles.xml"))
        return BL_OK;
    xmlDoc *doc;
    int rc = bl_ooxml_parse(b->z, "xl/styles.xml", &doc, err);
    if (rc)
        return rc;
    xmlNode *root = XML.xmlDocGetRootElement(doc);
    xmlNode *numfmts = bl_xml_child(root, "numFmts");
    xmlNode *xfs = bl_xml_child(root, "cellXfs");
    size_t cap = 0;
    for (xmlNode *x = bl_xml_child(xfs, "xf"); x; x = bl_xml_next(x, "xf")) {
        const char *id = bl_xml_attr(x, "numFmtId");
        b->xf = grow(b->m->arena, b->xf, b->n_xf, &cap, 1);
        b->xf[b->n_xf++] = (unsigned char)format_kind(numfmts, id ? strtol(id, NULL, 10) : 0);
    }
    XML.xmlFreeDoc(doc);
    return BL_OK;
}

/* ---- shared strings ---- */

static int read_shared(xl_book *b, bl_error *err)
{
    if (!bl_zip_has(b->z, "xl/sharedStrings.xml"))
        return BL_OK;
    xmlDoc *doc;
    int rc = bl_ooxml_parse(b->z, "xl/sharedStrings.xml", &doc, err);
    if (rc)
        return rc;
    size_t cap = 0;
    bl_buf t = BL_BUF_INIT;
    xmlNode *root = XML.xmlDocGetRootElement(doc);
    for (xmlNode *si = bl_xml_child(root, "si"); si; si = bl_xml_next(si, "si")) {
        bl_buf_reset(&t);
        bl_xml_text_of_t(si, &t); /* <t> alone, or the runs <r><t> joined */
        b->shared = grow(b->m->arena, b->shared, b->n_shared, &cap, sizeof *b->shared);
        b->shared[b->n_shared++] = bl_arena_strndup(b->m->arena, t.data ? t.data : "", t.len);
    }
    bl_buf_free(&t);
    XML.xmlFreeDoc(doc);
    return BL_OK;
}

/* ---- a sheet's cells ---- */

static const char *cell_text(const xl_book *b, xmlNode *c)
{
    const char *t = bl_xml_attr(c, "t");
    const char *s = bl_xml_attr(c, "s");
    xmlNode *v = bl_xml_child(c, "v");
    if (t && strcmp(t, "inlineStr") == 0) {
        bl_buf buf = BL_BUF_INIT;
        bl_xml_text_of_t(bl_xml_child(c, "is"), &buf);
        const char *out = bl_arena_strndup(b->m->arena, buf.data ? buf.data : "", buf.len);
        bl_buf_free(&buf);
        return out;
    }
    if (!v)
        return "";
    xmlChar *raw = XML.xmlNodeGetContent(v);
    const char *val = raw ? (const char *)raw : "";
    const char *out;
    if (t && strcmp(t, "s") == 0) {
        char *end;
        unsigned long i = strtoul(val, &end, 10);
        out = end != val && i < b->n_shared ? b->shared[i] : "";
    } else if (t && strcmp(t, "b") == 0) {
        out = strcmp(val, "1") == 0 ? "TRUE" : "FALSE";
    } else if (!t || strcmp(t, "n") == 0) {
        char *end;
        double d = strtod(val, &end);
        out = end != val && isfinite(d)
                  ? value_text(b, d, s ? (unsigned)strtoul(s, NULL, 10) : 0)
                  : bl_arena_strdup(b->m->arena, val);
    } else { /* "str" (a formula's text), "e" (#N/A), "d" (ISO date) */
        out = bl_arena_strdup(b->m->arena, val);
    }
    bl_free(raw);
    return out;
}

static void read_row(const xl_book *b, xl_sheet *sh, xmlNode *row, int r)
{
    size_t cap = 0;
    xl_row *xr = &sh->rows[sh->n_rows - 1];
    int col = 0;
    xr->r = r;
    const char *hidden = bl_xml_attr(row, "hidden");
    xr->hidden = hidden && (strcmp(hidden, "1") == 0 || strcmp(hidden, "true") == 0);
    for (xmlNode *c = bl_xml_child(row, "c"); c; c = bl_xml_next(c, "c")) {
        const char *ref = bl_xml_attr(c, "r");
        int cc, rr;
        col = ref && parse_ref(ref, &cc, &rr) ? cc : col + 1;
        if (col > XL_MAX_COL)
            break;
        const char *text = cell_text(b, c);
        if (!*text)
            continue;
        xr->cells = grow(b->m->arena, xr->cells, xr->n, &cap, sizeof *xr->cells);
        xr->cells[xr->n++] = (xl_cell){col, text};
        if (col > sh->max_col)
            sh->max_col = col;
    }
}

static void read_cols(xl_sheet *sh, xmlNode *cols)
{
    for (xmlNode *c = bl_xml_child(cols, "col"); c; c = bl_xml_next(c, "col")) {
        const char *h = bl_xml_attr(c, "hidden");
        const char *lo = bl_xml_attr(c, "min"), *hi = bl_xml_attr(c, "max");
        if (!h || !lo || !hi || !(strcmp(h, "1") == 0 || strcmp(h, "true") == 0))
            continue;
        long a = strtol(lo, NULL, 10), z = strtol(hi, NULL, 10);
        for (long i = a < 1 ? 1 : a; i <= z && i <= XL_MAX_COL; i++)
            sh->hidden_col[i] = true;
    }
}

static void read_merges(bl_arena *a, xl_sheet *sh, xmlNode *merges)
{
    size_t cap = 0;
    for (xmlNode *mc = bl_xml_child(merges, "mergeCell"); mc; mc = bl_xml_next(mc, "mergeCell")) {
        const char *ref = bl_xml_attr(mc, "ref");
        const char *colon = ref ? strchr(ref, ':') : NULL;
        char first[32];
        xl_merge g;
        if (!colon || (size_t)(colon - ref) >= sizeof first)
            continue;
        memcpy(first, ref, (size_t)(colon - ref));
        first[colon - ref] = '\0';
        if (!parse_ref(first, &g.c0, &g.r0) || !parse_ref(colon + 1, &g.c1, &g.r1) ||
            g.r1 < g.r0 || g.c1 < g.c0)
            continue;
        sh->merges = grow(a, sh->merges, sh->n_merges, &cap, sizeof *sh->merges);
        sh->merges[sh->n_merges++] = g;
        if (g.c1 > sh->max_col && g.c0 <= sh->max_col)
            sh->max_col = g.c1;
    }
}

static void read_sheet_xml(const xl_book *b, xl_sheet *sh, xmlNode *root)
{
    bl_arena *a = b->m->arena;
    size_t cap = 0;
    int r = 0;
    sh->hidden_col = bl_arena_alloc(a, (XL_MAX_COL + 1) * sizeof *sh->hidden_col);
    memset(sh->hidden_col, 0, (XL_MAX_COL + 1) * sizeof *sh->hidden_col);
    read_cols(sh, bl_xml_child(root, "cols"));
    xmlNode *data = bl_xml_child(root, "sheetData");
    for (xmlNode *row = bl_xml_child(data, "row"); row; row = bl_xml_next(row, "row")) {
        const char *rs = bl_xml_attr(row, "r");
        long n = rs ? strtol(rs, NULL, 10) : r + 1;
        if (n <= r || n > XL_MAX_ROW)
            continue; /* rows out of order or past Excel's last: not a sheet Excel wrote */
        r = (int)n;
        sh->rows = grow(a, sh->rows, sh->n_rows, &cap, sizeof *sh->rows);
        memset(&sh->rows[sh->n_rows++], 0, sizeof *sh->rows);
        read_row(b, sh, row, r);
    }
    read_merges(a, sh, bl_xml_child(root, "mergeCells"));
}

/* ---- a sheet into the grid ---- */

static const xl_row *row_at(const xl_sheet *sh, int r, size_t *hint)
{
    while (*hint < sh->n_rows && sh->rows[*hint].r < r)
        (*hint)++;
    return *hint < sh->n_rows && sh->rows[*hint].r == r ? &sh->rows[*hint] : NULL;
}

static bool row_hidden(const xl_sheet *sh, int r)
{
    size_t lo = 0, hi = sh->n_rows; /* rows are in increasing order */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sh->rows[mid].r < r)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sh->n_rows && sh->rows[lo].r == r && sh->rows[lo].hidden;
}

/* The merge holding column c among those crossing the row. */
static const xl_merge *merge_at(const xl_merge *const *crossing, size_t n, int c)
{
    for (size_t i = 0; i < n; i++)
        if (c >= crossing[i]->c0 && c <= crossing[i]->c1)
            return crossing[i];
    return NULL;
}

/* The merges crossing the current row, kept as rows advance: merges
 * sorted by first row enter when reached and leave after their last, so
 * a sheet with thousands of merges is read in one pass. */
typedef struct xl_window {
    const xl_merge **sorted;
    size_t n, next;
    const xl_merge **active;
    size_t n_active;
} xl_window;

static int by_first_row(const void *a, const void *b)
{
    const xl_merge *x = *(const xl_merge *const *)a, *y = *(const xl_merge *const *)b;
    return (x->r0 > y->r0) - (x->r0 < y->r0);
}

static void window_init(bl_arena *a, xl_window *w, const xl_sheet *sh)
{
    w->n = sh->n_merges;
    w->next = w->n_active = 0;
    w->sorted = bl_arena_alloc(a, (w->n + 1) * sizeof *w->sorted);
    w->active = bl_arena_alloc(a, (w->n + 1) * sizeof *w->active);
    for (size_t i = 0; i < w->n; i++)
        w->sorted[i] = &sh->merges[i];
    qsort(w->sorted, w->n, sizeof *w->sorted, by_first_row);
}

static void window_move(xl_window *w, int r)
{
    size_t k = 0;
    for (size_t i = 0; i < w->n_active; i++)
        if (w->active[i]->r1 >= r)
            w->active[k++] = w->active[i];
    w->n_active = k;
    while (w->next < w->n && w->sorted[w->next]->r0 <= r) {
        const xl_merge *m = w->sorted[w->next++];
        if (m->r1 >= r)
            w->active[w->n_active++] = m;
    }
}

static int visible_span(const xl_sheet *sh, const xl_merge *g, bool rows)
{
    int n = 0;
    for (int i = rows ? g->r0 : g->c0; i <= (rows ? g->r1 : g->c1); i++)
        n += rows ? !row_hidden(sh, i) : !sh->hidden_col[i];
    return n ? n : 1;
}

static const char *text_at(const xl_row *xr, int c)
{
    for (size_t i = 0; xr && i < xr->n; i++)
        if (xr->cells[i].col == c)
            return xr->cells[i].text;
    return "";
}

/* Emits sheet row r: a row of cells, a chrome line, or nothing when blank. */
static void emit_row(const xl_book *b, bl_grid *g, const xl_sheet *sh,
                     const xl_window *w, const xl_row *xr, int r)
{
    bl_arena *a = b->m->arena;
    bl_row *row = bl_grid_add_row(g, r);
    size_t filled = 0, from_above = 0;
    const char *only = NULL;
    for (int c = 1; c <= sh->max_col; c++) {
        if (sh->hidden_col[c])
            continue;
        const xl_merge *m = merge_at(w->active, w->n_active, c);
        bool origin = !m || (m->r0 == r && m->c0 == c);
        const char *text = origin ? text_at(xr, c) : "";
        bl_cell *cell = bl_row_add_cell(g, row, text, strlen(text), r);
        char col[8];
        col_name(c, col);
        cell->where = bl_arena_printf(a, "%s!%s%d", sh->name, col, r);
        if (m && origin) {
            cell->row_span = visible_span(sh, m, true);
            cell->col_span = visible_span(sh, m, false);
        }
        cell->covered = !origin;
        from_above += m && !origin && m->r0 < r;
        if (*cell->text) {
            filled++;
            only = cell->text;
        }
    }
    if (filled == 1 && !from_above) { /* a title merged across, a note */
        g->n--;
        bl_grid_add_chrome(g, only, strlen(only), r);
    } else if (filled == 0 && !from_above) {
        g->n--; /* a blank row */
    }
}

/* Excel's and WPS's names for an unnamed sheet say nothing. */
static bool default_name(const char *name)
{
    const char *p = name;
    if (strncasecmp(p, "sheet", 5) == 0)
        p += 5;
    else if (strncmp(p, "工作表", 9) == 0)
        p += 9;
    else
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == '\0';
}

static void emit_sheet(xl_book *b, bl_grid *g, const xl_sheet *sh)
{
    size_t start = g->n, hint = 0;
    int last = 0;
    for (size_t i = 0; i < sh->n_rows; i++)
        if (sh->rows[i].r > last)
            last = sh->rows[i].r;
    for (size_t i = 0; i < sh->n_merges; i++)
        if (sh->merges[i].r1 > last)
            last = sh->merges[i].r1;
    xl_window w;
    window_init(b->m->arena, &w, sh);
    for (int r = 1; r <= last; r++) {
        const xl_row *xr = row_at(sh, r, &hint);
        window_move(&w, r);
        if ((xr && xr->hidden) || (!xr && !w.n_active))
            continue;
        emit_row(b, g, sh, &w, xr, r);
    }
    if (g->n > start && !g->rows[start].chrome && !default_name(sh->name)) {
        /* The sheet's name titles its list: put it before its rows. */
        bl_grid_add_chrome(g, sh->name, strlen(sh->name), 0);
        bl_row title = g->rows[g->n - 1];
        memmove(&g->rows[start + 1], &g->rows[start], (g->n - 1 - start) * sizeof *g->rows);
        g->rows[start] = title;
    }
    b->spans = grow(b->m->arena, b->spans, b->n_spans, &b->cap_spans, sizeof *b->spans);
    b->spans[b->n_spans++] = (xl_span){sh->name, start, g->n};
}

/* A list the interpreter found no title for (a sheet's name is rarely
 * worded like a title) takes its sheet's name. Lists come in grid order;
 * each records the line of its header row, or of its title line. */
static void title_lists(const xl_book *b, bl_document *d, const bl_grid *g)
{
    size_t pos = 0, s = 0;
    for (bl_list *l = d->lists; l; l = l->next) {
        size_t i = pos;
        while (i < g->n && ((g->rows[i].chrome && !l->title) || g->rows[i].line != l->line))
            i++;
        if (i >= g->n)
            return;
        pos = i + 1;
        while (s < b->n_spans && b->spans[s].end <= i)
            s++;
        if (!l->title && s < b->n_spans && !default_name(b->spans[s].name))
            l->title = b->spans[s].name;
    }
}

/* ---- the workbook ---- */

/* The part a relationship id of the workbook points to, or NULL. */
static const char *sheet_part(bl_arena *a, xmlNode *rels, const char *id)
{
    for (xmlNode *r = bl_xml_child(rels, "Relationship"); r; r = bl_xml_next(r, "Relationship")) {
        const char *rid = bl_xml_attr(r, "Id"), *target = bl_xml_attr(r, "Target");
        if (!rid || !target || strcmp(rid, id) != 0)
            continue;
        if (target[0] == '/')
            return bl_arena_strdup(a, target + 1);
        return bl_arena_printf(a, "xl/%s", target);
    }
    return NULL;
}

static int read_one_sheet(xl_book *b, bl_grid *g, const char *name,
                          const char *part, bl_error *err)
{
    xmlDoc *doc;
    int rc = bl_ooxml_parse(b->z, part, &doc, err);
    if (rc)
        return rc;
    xl_sheet sh = {0};
    sh.name = name;
    read_sheet_xml(b, &sh, XML.xmlDocGetRootElement(doc));
    XML.xmlFreeDoc(doc);
    emit_sheet(b, g, &sh);
    return BL_OK;
}

static int read_sheets(xl_book *b, bl_grid *g, bl_error *err)
{
    xmlDoc *wb = NULL, *rels = NULL;
    int rc = bl_ooxml_parse(b->z, "xl/workbook.xml", &wb, err);
    if (!rc)
        rc = bl_ooxml_parse(b->z, "xl/_rels/workbook.xml.rels", &rels, err);
    if (!rc) {
        xmlNode *root = XML.xmlDocGetRootElement(wb);
        const char *d1904 = bl_xml_attr(bl_xml_child(root, "workbookPr"), "date1904");
        b->date1904 = d1904 && (strcmp(d1904, "1") == 0 || strcmp(d1904, "true") == 0);
        xmlNode *sheets = bl_xml_child(root, "sheets");
        for (xmlNode *s = bl_xml_child(sheets, "sheet"); s && !rc; s = bl_xml_next(s, "sheet")) {
            const char *state = bl_xml_attr(s, "state");
            const char *name = bl_xml_attr(s, "name"), *id = bl_xml_attr(s, "id");
            if (state && strcmp(state, "visible") != 0)
                continue; /* hidden and veryHidden sheets */
            const char *part = id ? sheet_part(b->m->arena, XML.xmlDocGetRootElement(rels), id) : NULL;
            if (part && bl_zip_has(b->z, part))
                rc = read_one_sheet(b, g, bl_arena_strdup(b->m->arena, name ? name : "?"),
                                    part, err);
        }
    }
    if (wb)
        XML.xmlFreeDoc(wb);
    if (rels)
        XML.xmlFreeDoc(rels);
    return rc;
}

int bl_read_xlsx(bl_model *m, bl_document *d, const unsigned char *data,
                 size_t len, bl_error *err)
{
    xl_book b = {0};
    b.m = m;
    b.path = d->source;
    d->format = "xlsx";
    d->encoding = "UTF-8";
    int rc = bl_zip_open(data, len, d->source, &b.z, err);
    if (rc)
        return rc;
    if (!bl_zip_has(b.z, "xl/workbook.xml"))
        rc = bl_error_set(err, BL_EINPUT, d->source, 0,
                          "not an Excel workbook: no xl/workbook.xml in the archive");
    bl_grid *g = bl_grid_new(m->arena);
    if (!rc)
        rc = read_styles(&b, err);
    if (!rc)
        rc = read_shared(&b, err);
    if (!rc)
        rc = read_sheets(&b, g, err);
    bl_zip_close(b.z);
    if (rc)
        return rc;
    d->grid = g;
    if (bl_ledger_grid(g))
        return bl_read_ledger(m, d, g, err);
    rc = bl_read_grid(m, d, g, err);
    if (!rc)
        title_lists(&b, d, g);
    return rc;
}

static bool has_ext(const char *path, const char *ext)
{
    size_t n = path ? strlen(path) : 0, e = strlen(ext);
    return n >= e && strcasecmp(path + n - e, ext) == 0;
}

/* A zip archive holding xl/workbook.xml, or a file named .xlsx. */
int bl_sniff_xlsx(const char *path, const unsigned char *data, size_t len)
{
    bool zip = len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
    /* The archive's own members decide: a document may embed the other
     * kind of file, whose names then show in the bytes too. */
    int has = zip ? bl_zip_probe(data, len, "xl/workbook.xml") : -1;
    if (has == 1)
        return 95;
    if (has == -1 && zip && memmem(data, len, "xl/workbook.xml", 15))
        return 60; /* damaged: read, to say so */
    if (has_ext(path, ".xlsx") || has_ext(path, ".xlsm"))
        return has == 0 ? 30 : 70;
    return 0;
}
