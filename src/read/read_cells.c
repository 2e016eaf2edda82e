/* read_cells.c - reader for tables exported one cell per line.
 *
 * The source is an HTML table flattened to text: every cell on its own line,
 * blank lines between, and cells merged over rows simply missing. A table
 * opens with its title line and a header (序号, 项目内容, 牵头单位, 落实情况),
 * then each row is:
 *
 *   seq                the next sequence number, digits alone
 *   content...         one or more lines
 *   department...      optional: absent when merged with the row above
 *   status             a short status phrase (提前完成年度任务。)
 *   detail...          the progress text
 *
 * and a project may repeat (target?, department?, status, detail) groups,
 * one per entry (see split_groups). Page chrome before the first table
 * (发布日期, 来源) is the document's metadata.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "rate.h"
#include "reader.h"
#include "status.h"
#include "table.h"
#include "text.h"

typedef struct cells {
    bl_model *m;
    bl_document *d;
    const bl_line *lines;
    size_t n;
    const char *carry; /* department of the previous entry in this list */
} cells;

/* A header starts with the 序号 cell and runs up to the first row number. */
static bool is_header_at(const bl_line *lines, size_t n, size_t i)
{
    return i + 1 < n && strcmp(lines[i].text, "序号") == 0 &&
           !bl_is_digits(lines[i + 1].text);
}

static size_t header_end(const bl_line *lines, size_t n, size_t i)
{
    size_t j = i + 1;
    while (j < n && j < i + 9 && !bl_is_digits(lines[j].text))
        j++;
    return j;
}

static void read_metadata(cells *c, size_t first_header)
{
    for (size_t i = 0; i < first_header; i++) {
        const char *s = c->lines[i].text, *src;
        char date[11];
        size_t len;
        if (strstr(s, "发布日期") && bl_find_date(s, date, &len))
            c->d->published = bl_arena_strdup(c->m->arena, date);
        if ((src = strstr(s, "来源:"))) {
            src += strlen("来源:");
            while (*src == ' ')
                src++;
            size_t k = strcspn(src, " ");
            if (k)
                c->d->office = bl_arena_strndup(c->m->arena, src, k);
        }
    }
    /* The first line is the document's title unless it is a list's. */
    if (first_header > 0 && !strstr(c->lines[0].text, "发布日期"))
        c->d->title = c->lines[0].text;
    int y = 0, mo = 0;
    if (c->d->title && bl_parse_period(c->d->title, &y, &mo)) {
        c->d->year = y;
        c->d->month = mo;
    }
}

/* Department cells just before index hi, from at least lo + 1 (the lines
 * before them are content or detail and cannot all be departments).
 * Returns the first department line. */
static size_t department_start(const cells *c, size_t lo, size_t hi)
{
    size_t k = hi;
    while (k > lo + 1 && hi - k < 3 && bl_is_department_name(c->lines[k - 1].text))
        k--;
    return k;
}

/* "温州公用事业发展集团泰顺水务有限公司" + "(县综合行政执法局)" is one name;
 * two plain names are two offices sharing the entry. */
static const char *join_department(const cells *c, size_t from, size_t to)
{
    if (from >= to)
        return NULL;
    const char *s = c->lines[from].text;
    for (size_t i = from + 1; i < to; i++) {
        const char *t = c->lines[i].text;
        s = bl_arena_printf(c->m->arena, "%s%s%s", s,
                            bl_is_parenthesised(t) ? "" : "、", t);
    }
    return s;
}

static void set_progress(cells *c, bl_entry *e, size_t from, size_t to)
{
    double rates[32];
    e->progress = bl_lines_join(c->m->arena, c->lines, from, to, "\n");
    if (!e->progress)
        return;
    size_t n = bl_rates_from_text(e->progress, rates, 32);
    for (size_t i = 0; i < n && i < 32; i++)
        bl_entry_add_rate(c->m, e, rates[i], BL_RATE_TEXT);
    if (bl_text_says_behind(e->progress)) {
        e->behind = true;
        e->behind_reason = bl_behind_reason(c->m->arena, e->progress);
    }
}

/* One (target?, department?, status) group ending at the status line st. */
static bl_entry *add_entry(cells *c, bl_project *p, size_t target_from,
                           size_t dept_from, size_t st)
{
    const bl_line *L = c->lines;
    bl_entry *e = bl_model_add_entry(c->m, p, L[target_from < st ? target_from : st].no);
    e->target = bl_lines_join(c->m->arena, L, target_from, dept_from, "\n");
    e->department = join_department(c, dept_from, st);
    if (!e->department) {
        e->department = c->carry; /* merged with the cell above */
        e->department_carried = e->department != NULL;
    }
    c->carry = e->department;
    e->status_text = L[st].text;
    return e;
}

/* Indices of the status cells of rows [a, b). The line after a status is
 * its detail whatever it says, so it is never taken for a status. */
static size_t find_statuses(const cells *c, size_t a, size_t b, size_t *st)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++) {
        if (n && st[n - 1] == i - 1)
            continue;
        if (bl_status_is_phrase(c->lines[i].text))
            st[n++] = i;
    }
    return n;
}

/* Between two status cells of one project lie the first group's detail
 * and the next group's own target. A status cell is always followed by
 * its detail, so the first line is detail; lines that go on numbering it
 * ("2)…") are detail too. What remains is the next sub-item's target, the
 * way county #1 lists 启动…, 实施…, 完成… each with its own status.
 * Returns the first target line. */
static size_t detail_end(const cells *c, size_t lo, size_t hi)
{
    size_t k = lo + 1;
    while (k < hi && bl_is_enumerated(c->lines[k].text))
        k++;
    return k < hi ? k : hi;
}

static void read_groups(cells *c, bl_project *p, size_t a, size_t b,
                        const size_t *st, size_t ns)
{
    size_t lo = a, content_end = a;
    bl_entry *prev = NULL;
    bool targets = false;
    for (size_t g = 0; g < ns; g++) {
        size_t dept = department_start(c, lo, st[g]);
        size_t target = g ? detail_end(c, lo, dept) : dept;
        if (g == 0)
            content_end = dept;
        else
            set_progress(c, prev, lo, target);
        targets |= g && target < dept;
        prev = add_entry(c, p, g ? target : dept, dept, st[g]);
        lo = st[g] + 1;
    }
    set_progress(c, prev, lo, b);
    p->content = bl_lines_join(c->m->arena, c->lines, a, content_end, "\n");
    if (!targets)
        return;
    /* Sub-items with targets of their own: the first one's is the content
     * line(s), and the project reads as all of them. Joined in one buffer:
     * re-printing the growing content per sub-item is quadratic. */
    p->entries->target = p->content;
    bl_buf all = BL_BUF_INIT;
    if (p->content) /* NULL when the row opens with its status */
        bl_buf_puts(&all, p->content);
    for (bl_entry *e = p->entries->next; e; e = e->next)
        if (e->target) {
            if (all.len)
                bl_buf_putc(&all, '\n');
            bl_buf_puts(&all, e->target);
        }
    p->content = bl_arena_strndup(c->m->arena, bl_buf_cstr(&all), all.len);
    bl_buf_free(&all);
}

static void read_project(cells *c, bl_list *l, size_t seq, size_t b)
{
    size_t a = seq + 1;
    bl_project *p = bl_model_add_project(c->m, l, c->lines[seq].text, c->lines[seq].no);
    size_t *st = bl_arena_alloc(c->m->arena, (b - a + 1) * sizeof *st);
    size_t ns = find_statuses(c, a, b, st);
    if (ns) {
        read_groups(c, p, a, b, st, ns);
        return;
    }
    /* No status cell: content, then department, and no progress yet. A
     * number with nothing after it (a file cut short) is a project with no
     * content, whose entry starts on the number's own line. */
    size_t dept = department_start(c, a, b);
    p->content = bl_lines_join(c->m->arena, c->lines, a, dept, "\n");
    bl_entry *e = bl_model_add_entry(c->m, p, c->lines[dept < b ? dept : a < b ? a : seq].no);
    e->department = join_department(c, dept, b);
    if (!e->department) {
        e->department = c->carry;
        e->department_carried = e->department != NULL;
    }
    c->carry = e->department;
}

/* The sequence number starting a row at line i, or 0. It is the number
 * expected next or, when a row's number is missing from the source (a cell
 * lost in copying, or numbering that skips), one of the two after it: one
 * lost line must not fold every later row into the project before it. A
 * number right after a status is that status's detail, never a row. */
static size_t row_number(const cells *c, size_t i, size_t expected)
{
    const char *s = c->lines[i].text;
    if (!bl_is_digits(s) || strlen(s) >= 6)
        return 0;
    size_t n = (size_t)atoi(s);
    if (n == expected)
        return n;
    bool skips = n > expected && n <= expected + 2;
    return skips && i > 0 && !bl_status_is_phrase(c->lines[i - 1].text) ? n : 0;
}

/* Rows of one list: [a, b). A row starts at the next sequence number; any
 * other lone number (the stray "0" closing the page) is skipped. */
static void read_rows(cells *c, bl_list *l, size_t a, size_t b)
{
    size_t expected = 1, start = b;
    c->carry = NULL;
    for (size_t i = a; i <= b; i++) {
        size_t n = i < b ? row_number(c, i, expected) : 0;
        if (i < b && !n)
            continue;
        if (start < b) {
            size_t end = i;
            /* A lone number closing the rows (the page's stray "0") belongs
             * to nobody, unless it is the detail right after a status. */
            while (end > start + 2 && bl_is_digits(c->lines[end - 1].text) &&
                   !bl_status_is_phrase(c->lines[end - 2].text))
                end--;
            read_project(c, l, start, end);
        }
        start = i;
        expected = n + 1;
    }
}

int bl_read_cells(bl_model *m, bl_document *d, const char *text, size_t len,
                  bl_error *err)
{
    size_t n;
    const char *folded = bl_report_fold(m->arena, text);
    bl_line *lines = bl_lines_split(m->arena, folded, strlen(folded), &n);
    cells c = {m, d, lines, n, NULL};
    size_t first = n;
    (void)len;
    d->format = "cells";
    for (size_t i = 0; i < n && first == n; i++)
        if (is_header_at(lines, n, i))
            first = i;
    if (first == n)
        return bl_error_set(err, BL_EINPUT, d->source, n ? lines[0].no : 1,
                            "no table header (序号, 项目内容, ...) found");
    read_metadata(&c, first ? first - 1 : 0);
    for (size_t h = first; h < n;) {
        size_t rows = header_end(lines, n, h), next = rows;
        while (next < n && !is_header_at(lines, n, next))
            next++;
        /* The line before a header is its list's title. */
        size_t stop = next < n ? next - 1 : n;
        const char *title = h > 0 ? lines[h - 1].text : NULL;
        bl_list *l = bl_model_add_list(m, d, title, h > 0 ? lines[h - 1].no : lines[h].no);
        l->level = title ? bl_level_guess(title) : BL_LEVEL_NONE;
        read_rows(&c, l, rows, stop);
        h = next;
    }
    /* Without a document title, the first list's title names the period. */
    if (!d->year && d->lists && d->lists->title)
        bl_parse_period(d->lists->title, &d->year, &d->month);
    return BL_OK;
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
        /* Cells are trimmed of white space on both sides, as the reader
         * does (the text is folded: only ASCII white space is left). */
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
            pipes += memchr(q, '|', k) != NULL;
        }
        p = nl ? nl + 1 : end;
    }
    if (pipes * 2 > lines)
        return 0;
    /* Under a 序号 header one numbered row is a table (of one project). */
    if (header && numbers >= 1)
        return 90;
    return numbers >= 2 && numbers * 10 >= lines ? 40 : 0;
}
