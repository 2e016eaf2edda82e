/* read_spaced.c - tables whose rows are lines of cells separated by spaces
 * ("1 新增城镇就业 区人社局 8950人 6453人 72%"), as a page's table comes out
 * of a text extractor that drops the cell borders.
 *
 * An empty cell leaves no trace, so a row's cells are placed in columns by
 * what they hold (the interpreter does that for every short row). The
 * header may wrap over several lines ("目标任务  1-7月" / "实际完成情况" /
 * "任务完成率 备注"): the lines from the one naming 序号 to the first row
 * are one header, and a name the vocabulary does not know is joined with
 * the next one when together they name a column ("1-7月" + "实际完成情况").
 */
#include <string.h>

#include "columns.h"
#include "grid.h"
#include "interpret.h"
#include "numbering.h"
#include "reader.h"
#include "table.h"
#include "text.h"
#include "textkey.h"

#define MAX_WORDS 64

/* Splits a line at runs of white space (ASCII and ideographic). */
static size_t split_words(bl_arena *a, const char *s, const char **w, size_t max)
{
    bl_keyed k;
    bl_key_map(a, s, strlen(s), &k);
    size_t n = 0, from = 0;
    for (size_t i = 0; i <= k.len && n < max; i++) {
        if (i < k.len && k.key[i] != ' ')
            continue;
        if (i > from)
            w[n++] = bl_keyed_source(a, &k, from, i);
        from = i + 1;
    }
    return n;
}

static void split_tabs(bl_grid *g, bl_row *r, const char *s, int line)
{
    for (;;) {
        const char *tab = strchr(s, '\t');
        size_t n = tab ? (size_t)(tab - s) : strlen(s);
        bl_row_add_cell(g, r, s, n, line);
        if (!tab)
            return;
        s = tab + 1;
    }
}

/* A row: its first word is a number and more words follow. */
static bool is_row(bl_arena *a, const char *line, int *value)
{
    const char *w[3];
    bl_number num;
    if (split_words(a, line, w, 3) < 2 || !bl_number_cell(bl_key(a, w[0]), &num) ||
        num.kind != BL_NUM_ARABIC)
        return false;
    *value = num.value;
    return true;
}

/* "序号 项目名称 责任单位 …": the first line of a header, its words naming
 * columns. */
static bool opens_header(bl_arena *a, const bl_columns *vocab, const char *line)
{
    const char *w[MAX_WORDS];
    size_t n = split_words(a, line, w, MAX_WORDS);
    if (n < 3 || n >= MAX_WORDS || strchr(line, '|'))
        return false;
    bl_grid *g = bl_grid_new(a);
    bl_row *r = bl_grid_add_row(g, 0);
    for (size_t i = 0; i < n; i++)
        bl_row_add_cell(g, r, w[i], strlen(w[i]), 0);
    return bl_row_is_header(a, vocab, r);
}

/* The header's names from lines [from, to), unknown names joined with the
 * next one when together they name a column. */
static void header_row(bl_model *m, bl_grid *g, const bl_line *lines,
                       size_t from, size_t to, bl_columns *vocab)
{
    const char *w[MAX_WORDS];
    size_t n = 0;
    for (size_t i = from; i < to && n < MAX_WORDS; i++)
        n += split_words(m->arena, lines[i].text, w + n, MAX_WORDS - n);
    bl_row *r = bl_grid_add_row(g, lines[from].no);
    for (size_t i = 0; i < n; i++) {
        bool person, percent;
        const char *name = w[i];
        if (i + 1 < n &&
            bl_columns_role(vocab, m->arena, name, &person, &percent) == BL_COL_OTHER) {
            const char *both = bl_arena_printf(m->arena, "%s%s", name, w[i + 1]);
            if (bl_columns_role(vocab, m->arena, both, &person, &percent) != BL_COL_OTHER) {
                name = both;
                i++;
            }
        }
        bl_row_add_cell(g, r, name, strlen(name), lines[from].no);
    }
}

int bl_read_spaced(bl_model *m, bl_document *d, const char *text, size_t len,
                   bl_error *err)
{
    size_t n;
    bl_line *lines = bl_lines_split(m->arena, text, len, &n);
    bl_columns *vocab;
    int rc = bl_columns_new(m->arena, &vocab, err);
    if (rc)
        return rc;
    d->format = "spaced";
    bl_grid *g = bl_grid_new(m->arena);
    for (size_t i = 0; i < n;) {
        int v;
        if (!opens_header(m->arena, vocab, lines[i].text)) {
            bl_grid_add_chrome(g, lines[i].text, strlen(lines[i].text), lines[i].no);
            i++;
            continue;
        }
        size_t h = i + 1;
        while (h < n && h < i + 4 && !is_row(m->arena, lines[h].text, &v))
            h++;
        header_row(m, g, lines, i, h, vocab);
        for (i = h; i < n && !opens_header(m->arena, vocab, lines[i].text); i++) {
            const char *w[MAX_WORDS];
            size_t k = split_words(m->arena, lines[i].text, w, MAX_WORDS);
            if (!is_row(m->arena, lines[i].text, &v)) {
                bl_grid_add_chrome(g, lines[i].text, strlen(lines[i].text), lines[i].no);
                continue;
            }
            bl_row *r = bl_grid_add_row(g, lines[i].no);
            if (strchr(lines[i].text, '\t')) {
                /* A paste from a spreadsheet: tabs keep the empty cells. */
                split_tabs(g, r, lines[i].text, lines[i].no);
                continue;
            }
            r->is_text = true; /* empty cells vanished: place by content */
            for (size_t j = 0; j < k; j++)
                bl_row_add_cell(g, r, w[j], strlen(w[j]), lines[i].no);
        }
    }
    d->grid = g;
    return bl_interpret_grid(m, d, g, err);
}

/* The sniffer looks at the first lines only, by their bytes: a line
 * opening with 序号 and spaces, and rows opening with a number and a space,
 * with no bars. */
#define SNIFF_LINES 400

int bl_sniff_spaced(const char *text, size_t len)
{
    int rows = 0, header = 0, lines = 0;
    const char *p = text, *end = text + len;
    while (p < end && lines < SNIFF_LINES) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        while (p < stop && (*p == ' ' || *p == '\t'))
            p++;
        size_t n = (size_t)(stop - p);
        if (n) {
            lines++;
            bool bars = memchr(p, '|', n) != NULL;
            size_t d = 0;
            while (d < n && p[d] >= '0' && p[d] <= '9')
                d++;
            rows += !bars && d && d < 6 && d < n && (p[d] == ' ' || p[d] == '\t');
            header += !bars && n > 7 && memcmp(p, "序号", 6) == 0 &&
                      (p[6] == ' ' || p[6] == '\t');
        }
        p = nl ? nl + 1 : end;
    }
    if (header && rows >= 2)
        return 80;
    return 0;
}
