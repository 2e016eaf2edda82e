/* read_pipe.c - reader for tables written as "cell | cell | cell |" lines.
 *
 * The header names the columns ("项 目 内 容 | 8月计划进度 | 实际进度情况 |
 * 完成率 | 责任 单位 | 具体分管领导 |"). A row with fewer cells than the header
 * lost the cells merged with the row above. Which ones is decided from what
 * the cells hold (a rate "72%", a person "王小强", an office "市民政局") by
 * aligning them to the columns in order (align_row), never from their
 * count alone. A missing department or leader is the previous row's.
 * A row that does not open with "(N)" is the previous project's next entry.
 */
#include <stdlib.h>
#include <string.h>

#include "rate.h"
#include "reader.h"
#include "status.h"
#include "table.h"
#include "text.h"

typedef enum role {
    COL_OTHER = 0,
    COL_SEQ,
    COL_CONTENT,
    COL_PLANNED,
    COL_PROGRESS,
    COL_RATE,
    COL_DEPARTMENT,
    COL_LEADER
} role;

typedef enum kind { K_TEXT = 0, K_EMPTY, K_RATE, K_PERSON, K_DEPT, K_SHORT } kind;

#define MAX_COLS 16

typedef struct row {
    const char *cell[MAX_COLS];
    size_t n;     /* cells kept: at most MAX_COLS */
    size_t total; /* cells the line holds */
    int line;
} row;

typedef struct pipe {
    bl_model *m;
    bl_document *d;
    role roles[MAX_COLS];
    size_t n_roles;
    const char *department; /* carried from the row above */
    const char *leader;
} pipe;

/* Splits a line at '|' into trimmed cells, dropping the empty cells outside
 * the first and last bar. */
static void split_row(bl_arena *a, const char *s, int line, row *r)
{
    r->n = r->total = 0;
    r->line = line;
    while (*s == ' ')
        s++;
    if (*s == '|')
        s++;
    for (;;) {
        const char *bar = strchr(s, '|');
        const char *end = bar ? bar : s + strlen(s);
        if (bar || !bl_text_blank_n(s, (size_t)(end - s))) {
            if (r->n < MAX_COLS)
                r->cell[r->n++] = bl_text_trim(a, s, (size_t)(end - s));
            r->total++;
        }
        if (!bar)
            break;
        s = bar + 1;
    }
}

/* The role a header names; spaces inside names ("责任 单位") are layout. */
static role role_of(bl_arena *a, const char *name, int *month)
{
    char *s = bl_arena_strdup(a, name), *o = s;
    for (const char *p = name; *p; p++)
        if (*p != ' ')
            *o++ = *p;
    *o = '\0';
    if (strstr(s, "序号"))
        return COL_SEQ;
    if (strstr(s, "计划")) {
        /* "8月计划进度" dates the report: its plan is for month 8. */
        const char *mo = strstr(s, "月"), *d = mo;
        while (d && d > s && d[-1] >= '0' && d[-1] <= '9')
            d--;
        /* One or two digits: atoi on a longer run could overflow. */
        if (d && d < mo && mo - d <= 2)
            *month = atoi(d);
        return COL_PLANNED;
    }
    if (strstr(s, "完成率") || strstr(s, "比例"))
        return COL_RATE;
    if (strstr(s, "单位") || strstr(s, "部门"))
        return COL_DEPARTMENT;
    if (strstr(s, "领导") || strstr(s, "负责人"))
        return COL_LEADER;
    if (strstr(s, "内容") || strstr(s, "项目"))
        return COL_CONTENT;
    if (strstr(s, "进度") || strstr(s, "情况") || strstr(s, "进展"))
        return COL_PROGRESS;
    return COL_OTHER;
}

static bool read_header(pipe *p, const row *r)
{
    int month = 0;
    bool content = false, progress = false;
    for (size_t i = 0; i < r->n; i++) {
        p->roles[i] = role_of(p->m->arena, r->cell[i], &month);
        content |= p->roles[i] == COL_CONTENT;
        progress |= p->roles[i] == COL_PROGRESS;
    }
    p->n_roles = r->n;
    if (month >= 1 && month <= 12)
        p->d->month = month;
    return content && progress;
}

/* "(22)新增城市绿道…": the sequence number of a new project, or 0. */
static size_t seq_prefix(const char *s, const char **rest)
{
    size_t open = *s == '(' ? 1 : bl_text_starts_with(s, "（") ? 3 : 0;
    if (!open)
        return 0;
    const char *p = s + open;
    size_t digits = strspn(p, "0123456789");
    if (!digits || digits > 4)
        return 0;
    size_t close = p[digits] == ')' ? 1 : bl_text_starts_with(p + digits, "）") ? 3 : 0;
    if (!close)
        return 0;
    *rest = p + digits + close;
    return digits;
}

static bool is_empty_cell(const char *s)
{
    static const char *const blanks[] = {"∕", "/", "-", "—", "无", "/"};
    if (!*s)
        return true;
    for (size_t i = 0; i < sizeof blanks / sizeof *blanks; i++)
        if (strcmp(s, blanks[i]) == 0)
            return true;
    return false;
}

static kind kind_of(const char *s)
{
    double v;
    const char *rest;
    if (is_empty_cell(s))
        return K_EMPTY;
    if (bl_rate_cell(s, &v, &rest))
        return K_RATE;
    if (bl_is_person_name(s))
        return K_PERSON;
    if (bl_is_department_name(s))
        return K_DEPT;
    /* Short plain words could be an office without a known suffix
     * ("市市政公用工程建设"). */
    if (bl_utf8_count(s) <= 16 && !bl_has_digit(s) && !bl_has_sentence_punct(s))
        return K_SHORT;
    return K_TEXT;
}

/* How well a cell of kind k fits a column of role r; 0 = cannot. Text
 * prefers the progress column, so a row with a single text cell keeps its
 * progress rather than its plan. */
static int fit(kind k, role r)
{
    static const int table[][8] = {
        /*            OTHER SEQ CONT PLAN PROG RATE DEPT LEAD */
        /* TEXT   */ {1, 0, 3, 3, 4, 0, 0, 0},
        /* EMPTY  */ {1, 1, 1, 2, 2, 1, 1, 1},
        /* RATE   */ {1, 0, 0, 1, 1, 6, 0, 0},
        /* PERSON */ {1, 0, 0, 1, 1, 0, 0, 6},
        /* DEPT   */ {1, 0, 1, 1, 1, 0, 6, 0},
        /* SHORT  */ {1, 0, 3, 3, 4, 0, 2, 0},
    };
    return table[k][r];
}

/* Assigns cells[0..n) to columns cols[0..m) in order, each cell to one
 * column, maximising the total fit (a small dynamic programme: rows have a
 * handful of cells). Writes the column of each cell to at[]; false when the
 * cells cannot all be placed. */
static bool align_row(const kind *kinds, size_t n, const role *cols, size_t m,
                      size_t *at)
{
    int best[MAX_COLS + 1][MAX_COLS + 1]; /* best[i][j]: cells i.., cols j.. */
    for (size_t i = 0; i <= n; i++)
        for (size_t j = 0; j <= m; j++)
            best[i][j] = i == n ? 0 : -1;
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;) {
            int skip = best[i][j + 1];
            int f = fit(kinds[i], cols[j]);
            int take = f && best[i + 1][j + 1] >= 0 ? f + best[i + 1][j + 1] : -1;
            best[i][j] = take > skip ? take : skip;
        }
    if (best[0][0] < 0)
        return false;
    for (size_t i = 0, j = 0; i < n && j < m; j++) {
        int f = fit(kinds[i], cols[j]);
        if (f && best[i + 1][j + 1] >= 0 && f + best[i + 1][j + 1] == best[i][j]) {
            at[i++] = j;
        }
    }
    return true;
}

static void set_rate(pipe *p, bl_entry *e, const char *cell)
{
    double v;
    const char *rest;
    if (!bl_rate_cell(cell, &v, &rest))
        return;
    bl_entry_add_rate(p->m, e, v, BL_RATE_COLUMN);
    if (bl_text_says_behind(rest)) {
        e->behind = true;
        e->behind_reason = bl_behind_reason(p->m->arena, rest);
    }
    /* "…,滞后进度": the remark's closing phrase is the row's status. */
    const char *last = rest;
    for (const char *q = rest; *q; q++)
        if (*q == ',')
            last = q + 1;
    char *phrase = bl_text_trim(p->m->arena, last, strlen(last));
    if (!e->status_text && bl_status_is_phrase(phrase))
        e->status_text = phrase;
}

static void fill_entry(pipe *p, bl_entry *e, const row *r, size_t first,
                       const size_t *at, const role *cols)
{
    bool has_dept = false, has_leader = false;
    const char *rate = NULL;
    for (size_t i = first; i < r->n; i++) {
        const char *s = is_empty_cell(r->cell[i]) ? NULL : r->cell[i];
        switch (cols[at[i - first]]) {
        case COL_PLANNED: e->planned = s; break;
        case COL_PROGRESS: e->progress = s; break;
        case COL_RATE: rate = s; break;
        case COL_DEPARTMENT: e->department = s; has_dept = true; break;
        case COL_LEADER: e->leader = s; has_leader = true; break;
        default: break;
        }
    }
    if (!has_dept) {
        e->department = p->department;
        e->department_carried = e->department != NULL;
    }
    if (!has_leader)
        e->leader = p->leader;
    p->department = e->department;
    p->leader = e->leader;
    if (bl_status_is_phrase(e->progress))
        e->status_text = e->progress; /* "已完成。" */
    if (rate)
        set_rate(p, e, rate);
    if (!e->n_rates && e->progress) {
        double rates[16];
        size_t n = bl_rates_from_text(e->progress, rates, 16);
        for (size_t i = 0; i < n && i < 16; i++)
            bl_entry_add_rate(p->m, e, rates[i], BL_RATE_TEXT);
    }
    if (!e->behind && bl_text_says_behind(e->progress)) {
        e->behind = true;
        e->behind_reason = bl_behind_reason(p->m->arena, e->progress);
    }
}

static int read_row(pipe *p, bl_list *l, const row *r, bl_error *err)
{
    const char *rest = NULL;
    size_t digits = seq_prefix(r->cell[0], &rest);
    bl_project *proj = l->projects_tail;
    if (!digits && !proj)
        return bl_error_set(err, BL_EINPUT, p->d->source, r->line,
                            "the first row does not open with a number like (1)");
    if (digits) {
        const char *seq = bl_arena_strndup(p->m->arena, r->cell[0] + (*r->cell[0] == '(' ? 1 : 3), digits);
        proj = bl_model_add_project(p->m, l, seq, r->line);
        proj->content = bl_text_trim(p->m->arena, rest, strlen(rest));
    }
    /* The content column is the project's, so an entry aligns the rest. */
    role cols[MAX_COLS];
    size_t m = 0, first = digits ? 1 : 0;
    for (size_t j = 0; j < p->n_roles; j++)
        if (p->roles[j] != COL_CONTENT && p->roles[j] != COL_SEQ)
            cols[m++] = p->roles[j];
    kind kinds[MAX_COLS];
    size_t at[MAX_COLS];
    for (size_t i = first; i < r->n; i++)
        kinds[i - first] = kind_of(r->cell[i]);
    /* A full row has no merged cells, so its cells are where the header
     * says, whatever they hold; only short rows need their cells placed by
     * what they look like. */
    bool full = r->n - first == m;
    if (full)
        for (size_t i = 0; i < m; i++)
            at[i] = i;
    if (!full && !align_row(kinds, r->n - first, cols, m, at)) {
        if (!digits) /* say why it was taken for an entry: no number */
            return bl_error_set(err, BL_EINPUT, p->d->source, r->line,
                                "row opens with no number like (N), and its %zu "
                                "cells do not fit as another entry of project (%s)",
                                r->n, proj->seq);
        return bl_error_set(err, BL_EINPUT, p->d->source, r->line,
                            "row of %zu cells does not fit the header's %zu columns",
                            r->n, p->n_roles);
    }
    fill_entry(p, bl_model_add_entry(p->m, proj, r->line), r, first, at, cols);
    return BL_OK;
}

/* A row of bars and nothing else ("| | |") is layout, not an entry. */
static bool is_blank_row(const row *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (*r->cell[i])
            return false;
    return true;
}

int bl_read_pipe(bl_model *m, bl_document *d, const char *text, size_t len,
                 bl_error *err)
{
    size_t n;
    const char *folded = bl_report_fold(m->arena, text);
    bl_line *lines = bl_lines_split(m->arena, folded, strlen(folded), &n);
    pipe p = {.m = m, .d = d};
    bl_list *l = NULL;
    (void)len;
    d->format = "pipe";
    for (size_t i = 0; i < n; i++) {
        row r;
        split_row(m->arena, lines[i].text, lines[i].no, &r);
        if (r.n < 2 || is_blank_row(&r))
            continue; /* page chrome or a lone bar */
        /* Empty cells past the header's last column are layout ("…| |"). */
        while (l && r.n > p.n_roles && !*r.cell[r.n - 1] && r.n == r.total) {
            r.n--;
            r.total--;
        }
        bool header = !l && read_header(&p, &r);
        /* Cells past MAX_COLS cannot be kept: refuse the table rather than
         * drop them without a word. Rows before the header are chrome. */
        if ((l || header) && r.total > MAX_COLS)
            return bl_error_set(err, BL_EINPUT, d->source, r.line,
                                "row of %zu cells: tables of more than %d "
                                "columns are not supported", r.total, MAX_COLS);
        if (!l) {
            if (header)
                l = bl_model_add_list(m, d, NULL, r.line);
            continue;
        }
        int rc = read_row(&p, l, &r, err);
        if (rc)
            return rc;
    }
    if (!l)
        return bl_error_set(err, BL_EINPUT, d->source, n ? lines[0].no : 1,
                            "no table header naming 项目内容 and 进度 columns found");
    return BL_OK;
}

int bl_sniff_pipe(const char *text, size_t len)
{
    int rows = 0, lines = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        int bars = 0;
        for (const char *q = p; q < stop; q++)
            bars += *q == '|';
        if (!bl_text_blank_n(p, (size_t)(stop - p)))
            lines++;
        rows += bars >= 3;
        p = nl ? nl + 1 : end;
    }
    if (rows < 2)
        return 0;
    return rows * 2 >= lines ? 90 : 30;
}
