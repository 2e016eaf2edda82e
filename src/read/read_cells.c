/* read_cells.c - tables copied out of web pages one cell per line.
 *
 * The source: every cell on its own line (blank lines between or not), a
 * header of column names (possibly wrapped: "完成情况" + "(截止4月15日)",
 * or glued into one line: "实事内容工作任务责任单位进展情况"), then the rows,
 * each opening with its number when the table has a 序号 column. Cells
 * merged over rows are simply missing, and a long cell may span several
 * lines: the row's cells are placed in columns by the interpreter from
 * what they hold. A row with several status cells is several entries
 * (target?, department?, status, detail): it is cut into sub-rows here.
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "grid.h"
#include "interpret.h"
#include "numbering.h"
#include "reader.h"
#include "status.h"
#include "table.h"
#include "text.h"
#include "textkey.h"

#define MAX_HEADER 24

/* Memory: the grid's cells are the lines' own text (split once into the
 * model's arena, not copied again); the lines' keys, the kept-lines table
 * and whatever the header probes allocate (a key of every line tested)
 * live in scratch arenas that are gone when the grid is built, so a big
 * file costs its text about twice (lines, and the model's strings built
 * from them) plus a few words per line. */
typedef struct cells {
    bl_model *m;
    bl_arena *a;          /* scratch: probes, emptied at each header_at */
    bl_columns *vocab;
    const bl_line *lines; /* source text, trimmed */
    const char **keys;    /* their keys */
    /* header_at runs at every line: the role of line i (alone, and joined
     * with line i + 1) and whether it fails to split into glued names,
     * each worked out once. Roles: 0 not yet, else 1 + the role; glued: 1
     * when it fails with room for every name (so for any room). */
    unsigned char *role1, *role2, *glued;
    /* header_at's answers: no header at line i (nohead[i] = 1), and the
     * last header found, whose names stay valid until the scratch arena is
     * emptied by the next probe (the scan for the next table finds a
     * header, then the main loop asks again at the same line). */
    unsigned char *nohead;
    size_t last_i, last_h, last_n;
    const char *last_names[MAX_HEADER];
    size_t n;
    bl_grid *g;
} cells;

static bl_col_role line_role(cells *c, const char *s)
{
    bool person, percent;
    return bl_columns_role(c->vocab, c->a, s, &person, &percent);
}

/* a, sep and b in one string in the scratch arena (no printf: header_at
 * joins lines at every line of the file). */
static char *join(cells *c, const char *a, const char *sep, const char *b)
{
    size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
    char *s = bl_arena_alloc(c->a, la + ls + lb + 1);
    memcpy(s, a, la);
    memcpy(s + la, sep, ls);
    memcpy(s + la + ls, b, lb + 1);
    return s;
}

static bl_col_role role_of_line(cells *c, size_t i)
{
    bool person, percent;
    if (!c->role1[i])
        c->role1[i] = (unsigned char)(1 + bl_columns_role_of_key(c->vocab, c->a, c->keys[i],
                                                                 &person, &percent));
    return (bl_col_role)(c->role1[i] - 1);
}

static bl_col_role role_of_pair(cells *c, size_t i)
{
    if (!c->role2[i])
        c->role2[i] = (unsigned char)(1 + line_role(c, join(c, c->lines[i].text, "",
                                                             c->lines[i + 1].text)));
    return (bl_col_role)(c->role2[i] - 1);
}

/* Glued names of line j for a header that has n names so far. */
static size_t glued_at(cells *c, size_t j, size_t n, bl_col_role *roles,
                       const char **words)
{
    if (c->glued[j])
        return 0;
    size_t k = bl_columns_split_glued_key(c->vocab, c->a, c->keys[j], roles, words,
                                          MAX_HEADER - n);
    if (!k && n == 0)
        c->glued[j] = 1;
    return k;
}

/* A run of header lines at i: returns the number of lines and fills the
 * header row's names; 0 when no header starts at i. */
static size_t find_header(cells *c, size_t i, const char **names, size_t *n_names)
{
    bl_arena_reset(c->a); /* the last probe's keys and names */
    size_t j = i, n = 0;
    bool seq = false;
    while (j < c->n && n < MAX_HEADER) {
        const char *s = c->lines[j].text;
        bl_col_role roles[MAX_HEADER], role = role_of_line(c, j);
        const char *words[MAX_HEADER];
        size_t glued, len = bl_utf8_count(c->keys[j]);
        bl_number num;
        if (n && bl_is_parenthesised(c->keys[j]) && len <= 20) {
            names[n - 1] = join(c, names[n - 1], "", s);
            j++;
        } else if (role != BL_COL_OTHER && len <= 20) {
            seq |= role == BL_COL_SEQ && n == 0;
            names[n++] = s;
            j++;
        } else if (j + 1 < c->n && len <= 8 && role_of_pair(c, j) != BL_COL_OTHER) {
            /* a name wrapped over two lines: "牵头" + "市领导" */
            names[n++] = join(c, s, "\n", c->lines[j + 1].text);
            j += 2;
        } else if ((glued = glued_at(c, j, n, roles, words))) {
            for (size_t k = 0; k < glued; k++)
                names[n++] = words[k];
            j++;
        } else if (seq && n >= 2 && len <= 8 && !bl_number_cell(c->keys[j], &num) &&
                   !bl_has_sentence_punct(c->keys[j])) {
            /* Under 序号 the header runs to the first row number, through
             * column names the vocabulary does not know (测评等次, 满意). */
            names[n++] = s;
            j++;
        } else {
            break;
        }
    }
    if (n < 2)
        return 0;
    bl_row probe = {0};
    bl_grid *tmp = bl_grid_new(c->a);
    for (size_t k = 0; k < n; k++)
        bl_row_add_cell(tmp, &probe, names[k], strlen(names[k]), c->lines[i].no);
    if (!bl_row_is_header(c->a, c->vocab, &probe))
        return 0;
    *n_names = n;
    return j - i;
}

/* find_header, each line probed once (see nohead and last_i). */
static size_t header_at(cells *c, size_t i, const char **names, size_t *n_names)
{
    if (c->nohead[i])
        return 0;
    if (i != c->last_i) {
        c->last_i = SIZE_MAX; /* find_header empties the scratch arena */
        c->last_h = find_header(c, i, c->last_names, &c->last_n);
        if (!c->last_h) {
            c->nohead[i] = 1;
            return 0;
        }
        c->last_i = i;
    }
    memcpy(names, c->last_names, c->last_n * sizeof *names);
    *n_names = c->last_n;
    return c->last_h;
}

static bool has_seq(cells *c, const char **names, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (line_role(c, names[k]) == BL_COL_SEQ)
            return true;
    return false;
}

/* The number opening a row at line i: the one expected next, or one of the
 * two after it (a lost cell must not fold every later row into one); a
 * number right after a status line is that status's detail. Rows count
 * from 1, so any row a 256 MiB input can hold has a number of at most 9
 * digits, whose value is exact (numbering.c). */
static int row_number(cells *c, size_t i, int expected)
{
    bl_number num;
    if (!bl_number_cell(c->keys[i], &num) || num.kind == BL_NUM_CHINESE ||
        num.value <= 0)
        return 0;
    if (num.value == expected)
        return num.value;
    bool skips = num.value > expected && num.value <= expected + 2;
    return skips && i > 0 && !bl_status_is_phrase(c->keys[i - 1]) ? num.value : 0;
}

/* Lines become cells without a copy: their text is trimmed, in the model's
 * arena, and each line goes into one cell only. */
static void add_line(cells *c, bl_row *r, size_t k)
{
    char *text = (char *)c->lines[k].text;
    bl_row_add_cell_in_place(c->g, r, text, strlen(text), c->lines[k].no);
}

static void add_cells(cells *c, bl_row *r, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        add_line(c, r, k);
}

static void add_chrome(cells *c, size_t k)
{
    bl_row *r = bl_grid_add_row(c->g, c->lines[k].no);
    r->chrome = true;
    bl_row_reserve(c->g, r, 1); /* not the 8 cells of a row that grows */
    add_line(c, r, k);
}

/* Department lines just before hi (at most 3, never all of the lines). */
static size_t department_start(cells *c, size_t lo, size_t hi)
{
    size_t k = hi;
    while (k > lo + 1 && hi - k < 3 && bl_is_department_name(c->keys[k - 1]))
        k--;
    return k;
}

/* After a status line come its detail and lines that go on numbering it;
 * what remains before the next group's department and status is that
 * group's own target. */
static size_t detail_end(cells *c, size_t lo, size_t hi)
{
    size_t k = lo + 1;
    while (k < hi && bl_is_enumerated(c->keys[k]))
        k++;
    return k < hi ? k : hi;
}

/* One row [a, b) (a = its number line, or its first cell): cut at each
 * further status group into sub-rows that carry no number. */
static void emit_row(cells *c, size_t a, size_t b, bool numbered)
{
    size_t *st = bl_arena_alloc(c->a, (b - a + 1) * sizeof *st), ns = 0;
    for (size_t i = a + numbered; i < b; i++) {
        if (ns && st[ns - 1] == i - 1)
            continue;
        if (bl_status_is_phrase(c->keys[i]))
            st[ns++] = i;
    }
    size_t start = a;
    for (size_t g = 1; g < ns; g++) {
        size_t from = st[g - 1] + 1;
        size_t dept = department_start(c, from, st[g]);
        size_t cut = detail_end(c, from, dept);
        bl_row *r = bl_grid_add_row(c->g, c->lines[start].no);
        r->is_text = true;
        bl_row_reserve(c->g, r, cut - start + (start != a));
        if (start != a)
            bl_row_add_cell(c->g, r, "", 0, c->lines[start].no)->covered = true;
        add_cells(c, r, start, cut);
        start = cut;
    }
    bl_row *r = bl_grid_add_row(c->g, c->lines[start].no);
    r->is_text = true;
    bl_row_reserve(c->g, r, b - start + (start != a));
    if (start != a)
        bl_row_add_cell(c->g, r, "", 0, c->lines[start].no)->covered = true;
    add_cells(c, r, start, b);
}

/* Page furniture after a table: a date line, a signature line before it,
 * a note (注:), the page's own links. */
static bool is_trailer(cells *c, size_t i)
{
    static const char *const furniture[] = {"扫一扫", "打印本页", "关闭窗口", "【打印】",
                                            "分享到", "【关闭】", "上一篇", "下一篇"};
    const char *k = c->keys[i];
    char iso[11];
    size_t len;
    const char *d = bl_find_date(k, iso, &len);
    if (d == k && !k[len])
        return true;
    if (bl_text_starts_with(k, "注:") || bl_text_starts_with(k, "附件"))
        return true;
    for (size_t f = 0; f < sizeof furniture / sizeof *furniture; f++)
        if (strstr(k, furniture[f]))
            return true;
    /* "芙蓉区城市人居环境局" right above the date: the signature. */
    return i + 1 < c->n && bl_is_department_name(k) && is_trailer(c, i + 1) &&
           !bl_text_starts_with(c->keys[i + 1], "注:");
}

/* Where the rows of a table [a, b) end: at the first furniture line after
 * which no row number follows. */
static size_t rows_end(cells *c, size_t a, size_t b)
{
    size_t last_number = a;
    bl_number num;
    for (size_t i = a; i < b; i++)
        if (bl_number_cell(c->keys[i], &num) && num.kind == BL_NUM_ARABIC)
            last_number = i;
    for (size_t i = last_number + 1; i < b; i++)
        if (is_trailer(c, i))
            return i;
    return b;
}

/* Rows of one table: lines [a, b). */
static void emit_rows(cells *c, size_t a, size_t b, bool seq, size_t n_cols)
{

    if (!seq) { /* no numbers: rows of as many lines as columns */
        for (size_t i = a; i < b; i += n_cols)
            emit_row(c, i, i + n_cols < b ? i + n_cols : b, false);
        return;
    }
    int expected = 1;
    size_t start = b;
    for (size_t i = a; i <= b; i++) {
        int n = i < b ? row_number(c, i, expected) : 0;
        if (i < b && !n) {
            if (start == b) /* lines before the first number are chrome */
                add_chrome(c, i);
            continue;
        }
        if (start < b) {
            size_t end = i;
            /* A lone number closing the rows (a page's stray "0") belongs to
             * nobody, unless it is the detail right after a status. */
            while (end > start + 2 && bl_is_digits(c->keys[end - 1]) &&
                   !bl_status_is_phrase(c->keys[end - 2]))
                end--;
            emit_row(c, start, end, true);
        }
        start = i;
        expected = n + 1;
    }
}

/* A letter, digit or ideograph somewhere in s. */
static bool has_word(const char *s)
{
    const char *p = s, *end = s + strlen(s);
    while (p < end) {
        uint32_t cp = bl_utf8_next(&p, end);
        if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
            (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xFF10 && cp <= 0xFF5A) ||
            (cp >= 0x2460 && cp <= 0x2473) || cp >= 0x20000)
            return true;
    }
    return false;
}

int bl_cells_grid(bl_model *m, const bl_line *lines, size_t n, bl_grid **out,
                  bl_error *err)
{
    cells c = {.m = m, .lines = lines, .n = n};
    int rc = bl_columns_new(m->arena, &c.vocab, err);
    if (rc)
        return rc;
    bl_arena *keys = bl_arena_new();
    c.a = bl_arena_new();
    /* Lines of icons and symbols only ("?", "●") are page residue. */
    bl_line *kept = bl_arena_alloc(keys, (n + 1) * sizeof *kept);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (has_word(lines[i].text))
            kept[k++] = lines[i];
    c.lines = lines = kept;
    c.n = n = k;
    c.keys = bl_arena_alloc(keys, (n + 1) * sizeof *c.keys);
    for (size_t i = 0; i < n; i++)
        c.keys[i] = bl_key(keys, lines[i].text);
    c.role1 = bl_arena_alloc(keys, n + 1);
    c.role2 = bl_arena_alloc(keys, n + 1);
    c.glued = bl_arena_alloc(keys, n + 1);
    c.nohead = bl_arena_alloc(keys, n + 1);
    c.last_i = SIZE_MAX;
    c.g = bl_grid_new(m->arena);
    const char *names[MAX_HEADER];
    size_t n_names = 0;
    size_t i = 0;
    while (i < n) {
        size_t h = header_at(&c, i, names, &n_names);
        if (!h) {
            add_chrome(&c, i);
            i++;
            continue;
        }
        /* The names are scratch: the header row's copies are kept. */
        bl_row *hr = bl_grid_add_row(c.g, lines[i].no);
        bl_row_reserve(c.g, hr, n_names);
        const char *saved[MAX_HEADER];
        size_t n_saved = n_names;
        for (size_t k = 0; k < n_names; k++)
            saved[k] = bl_row_add_cell(c.g, hr, names[k], strlen(names[k]),
                                       lines[i].no)->text;
        size_t a = i + h, b = a;
        size_t dummy;
        while (b < n && !header_at(&c, b, names, &dummy))
            b++;
        /* The line before the next header is its title. */
        size_t stop = b < n && b > a ? b - 1 : b;
        size_t rows_stop = rows_end(&c, a, stop);
        emit_rows(&c, a, rows_stop, has_seq(&c, saved, n_saved), n_saved);
        i = rows_stop;
    }
    bl_arena_free(c.a);
    bl_arena_free(keys);
    *out = c.g;
    return BL_OK;
}

int bl_read_cells(bl_model *m, bl_document *d, const char *text, size_t len,
                  bl_error *err)
{
    size_t n;
    /* One copy of the text holds the lines, cut in place (a copy per line
     * cost an allocation and its rounding each); the lines array is
     * scratch: the grid keeps the lines' text, not the array. */
    char *copy = bl_arena_alloc(m->arena, len + 1);
    memcpy(copy, text, len);
    bl_arena *scratch = bl_arena_new();
    bl_line *lines = bl_lines_split_in_place(scratch, copy, len, &n);
    bl_grid *g;
    d->format = "cells";
    int rc = bl_cells_grid(m, lines, n, &g, err);
    bl_arena_free(scratch);
    if (!rc) {
        d->grid = g;
        rc = bl_interpret_grid(m, d, g, err);
    }
    return rc;
}

static bool is_blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

int bl_sniff_cells(const char *text, size_t len)
{
    int numbers = 0, lines = 0, pipes = 0;
    bool header = false;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        const char *q = p;
        while (q < stop && is_blank_byte(*q))
            q++;
        size_t k = (size_t)(stop - q);
        while (k && is_blank_byte(q[k - 1]))
            k--;
        if (k) {
            lines++;
            size_t digits = strspn(q, "0123456789");
            numbers += digits == k && k < 5;
            header |= k == strlen("序号") && memcmp(q, "序号", k) == 0;
            header |= k < 80 && (memmem(q, k, "项目名称", 12) || memmem(q, k, "项目内容", 12) ||
                                 memmem(q, k, "实事内容", 12) || memmem(q, k, "指标名称", 12));
            pipes += memchr(q, '|', k) != NULL;
        }
        p = nl ? nl + 1 : end;
    }
    if (pipes * 2 > lines)
        return 0;
    if (header && numbers >= 1)
        return 90;
    if (header)
        return 50;
    return numbers >= 2 && numbers * 10 >= lines ? 40 : 0;
}
