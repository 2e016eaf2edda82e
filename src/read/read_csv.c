/* read_csv.c - comma- and tab-separated files (RFC 4180) → a grid.
 *
 * The bytes are decoded first (bl_text_decode): Excel on a Chinese system
 * writes GBK without a BOM, other tools UTF-8 with or without one. Each
 * record is one grid row holding all its fields, empty ones included, so a
 * row's cells stay in their columns; the interpreter needs no guessing
 * (is_text stays false). A record with a single non-empty field is a line
 * around the table (the exporter's 数据库：/指标： preamble, a 注： footer,
 * a title): it becomes chrome. Quoted fields may hold delimiters, doubled
 * quotes and line breaks; a cell's line is its record's first line.
 */
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "grid.h"
#include "interpret.h"
#include "reader.h"
#include "text.h"

/* One field being parsed: a slice of the text, or (when it held doubled
 * quotes) a copy without them. */
typedef struct csv_field {
    const char *text;
    size_t len;
} csv_field;

typedef struct csv_parser {
    const char *p, *end;
    char delim;
    int line;
} csv_parser;

static bool name_ends(const char *path, const char *ext)
{
    size_t n = path ? strlen(path) : 0, e = strlen(ext);
    return n >= e && strcasecmp(path + n - e, ext) == 0;
}

/* Parses one field at ps->p; leaves ps->p on the delimiter, line end or
 * end. A quoted field runs to its closing quote; text after it (not
 * allowed by RFC 4180, written by some tools) is kept. */
static csv_field parse_field(bl_arena *a, csv_parser *ps)
{
    csv_field f = {ps->p, 0};
    if (ps->p < ps->end && *ps->p == '"') {
        bl_buf b = BL_BUF_INIT;
        ps->p++;
        while (ps->p < ps->end) {
            char c = *ps->p++;
            if (c == '"') {
                if (ps->p < ps->end && *ps->p == '"') {
                    ps->p++;
                } else {
                    break;
                }
            } else if (c == '\n') {
                ps->line++;
            }
            bl_buf_putc(&b, c);
        }
        while (ps->p < ps->end && *ps->p != ps->delim && *ps->p != '\n')
            bl_buf_putc(&b, *ps->p++);
        f.text = b.data ? bl_arena_strndup(a, b.data, b.len) : "";
        f.len = b.len;
        bl_buf_free(&b);
        return f;
    }
    while (ps->p < ps->end && *ps->p != ps->delim && *ps->p != '\n')
        ps->p++;
    f.len = (size_t)(ps->p - f.text);
    return f;
}

/* The fields of one record, in the arena; *n their count. Consumes the
 * record's line end. */
static csv_field *parse_record(bl_arena *a, csv_parser *ps, size_t *n)
{
    size_t cap = 16;
    csv_field *fields = bl_arena_alloc(a, cap * sizeof *fields);
    *n = 0;
    for (;;) {
        csv_field f = parse_field(a, ps);
        if (*n == cap) {
            csv_field *more = bl_arena_alloc(a, 2 * cap * sizeof *more);
            memcpy(more, fields, cap * sizeof *more);
            fields = more;
            cap *= 2;
        }
        fields[(*n)++] = f;
        if (ps->p < ps->end && *ps->p == ps->delim) {
            ps->p++;
            continue;
        }
        break;
    }
    if (ps->p < ps->end) { /* the '\n' */
        ps->p++;
        ps->line++;
    }
    return fields;
}

static size_t non_empty(const csv_field *f, size_t n, size_t *which)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!bl_text_blank_n(f[i].text, f[i].len)) {
            k++;
            *which = i;
        }
    return k;
}

static void add_record(bl_grid *g, const csv_field *f, size_t n, int line)
{
    size_t one = 0;
    size_t k = non_empty(f, n, &one);
    if (k == 0)
        return; /* a blank line or ",,,," */
    if (k == 1) {
        bl_grid_add_chrome(g, f[one].text, f[one].len, line);
        return;
    }
    bl_row *r = bl_grid_add_row(g, line);
    for (size_t i = 0; i < n; i++)
        bl_row_add_cell(g, r, f[i].text, f[i].len, line);
}

/* Delimiters outside quotes in the first lines: tab or comma, whichever
 * is more frequent (a .tsv name or a paste from Excel has tabs). */
static char pick_delim(const char *path, const char *s, size_t len)
{
    if (name_ends(path, ".tsv"))
        return '\t';
    size_t commas = 0, tabs = 0, lines = 0;
    bool quoted = false;
    for (size_t i = 0; i < len && lines < 50; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == ',')
            commas++;
        else if (!quoted && s[i] == '\t')
            tabs++;
        else if (!quoted && s[i] == '\n')
            lines++;
    }
    return tabs > commas ? '\t' : ',';
}

int bl_read_csv(bl_model *m, bl_document *d, const unsigned char *data,
                size_t len, bl_error *err)
{
    char *text;
    size_t n;
    const char *enc;
    int rc = bl_text_decode(d->source, (const char *)data, len, m->arena, &text,
                            &n, &enc, err);
    if (rc)
        return rc;
    d->encoding = enc;
    d->format = "csv";
    csv_parser ps = {text, text + n, pick_delim(d->source, text, n), 1};
    bl_grid *g = bl_grid_new(m->arena);
    while (ps.p < ps.end) {
        int line = ps.line;
        size_t k;
        csv_field *f = parse_record(m->arena, &ps, &k);
        if (f[k - 1].len && f[k - 1].text[f[k - 1].len - 1] == '\r')
            f[k - 1].len--; /* CRLF: the '\r' ends the last field */
        add_record(g, f, k, line);
    }
    d->grid = g;
    return bl_read_grid(m, d, g, err);
}

/* Whether nearly all of the first lines have the same number (two or
 * more) of delimiters outside quotes. */
static bool consistent_lines(const unsigned char *s, size_t len, char delim)
{
    int counts[32], lines = 0, cur = 0, blank = 1;
    bool quoted = false;
    for (size_t i = 0; i < len && lines < 32; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == (unsigned char)delim)
            cur++;
        else if (!quoted && s[i] == '\n') {
            if (!blank)
                counts[lines++] = cur;
            cur = 0;
            blank = 1;
            continue;
        }
        if (s[i] != ' ' && s[i] != '\r')
            blank = 0;
    }
    int best = 0;
    for (int i = 0; i < lines; i++) {
        int same = 0;
        for (int j = 0; j < lines; j++)
            same += counts[j] == counts[i];
        if (counts[i] >= 2 && same > best)
            best = same;
    }
    return best >= 3 && best * 10 >= lines * 9;
}

/* By name first; without one, only a file nearly all of whose lines hold
 * the same number of ASCII commas (Chinese prose uses the full-width ，;
 * pages copied from the web have lines of every shape), so that a text
 * report is not taken for a CSV. Tabs are left to the spaced reader
 * unless the name says .tsv. */
int bl_sniff_csv(const char *path, const unsigned char *data, size_t len)
{
    if (name_ends(path, ".csv") || name_ends(path, ".tsv"))
        return 90;
    if (len == 0 || memchr(data, '|', len < 4096 ? len : 4096))
        return 0;
    return consistent_lines(data, len < 65536 ? len : 65536, ',') ? 50 : 0;
}
