/* interpret.c - grids -> lists, projects and entries; see interpret.h.
 *
 * For each table: the header (one or two rows, or a run of one-cell lines
 * from a cell-per-line source) gives the columns and their roles. Each row
 * after it is first placed (place_row: which cells sit in which column),
 * then read (read_row: a new project when it carries a number, else a
 * further entry of the project above).
 */
#include "interpret.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

#include "columns.h"
#include "meta.h"
#include "numbering.h"
#include "rate.h"
#include "status.h"
#include "table.h"
#include "text.h"
#include "textkey.h"

#define MAX_COLS 32
#define MAX_PLACED 512 /* cells of one row placed by content; more are joined */

typedef struct column {
    bl_col_role role;
    const char *name; /* header as printed */
    bool with_person; /* 牵头单位及主要负责人 */
    bool percent;     /* the header gives the unit: "完成目标(%)" */
} column;

typedef struct interp {
    bl_model *m;
    bl_document *d;
    bl_arena *a;
    bl_arena *tmp;      /* scratch (match keys, DP tables), emptied per row */
    bl_columns *vocab;
    column cols[MAX_COLS];
    size_t n_cols;
    bool has_seq;       /* a 序号 column */
    bool numbered;      /* some row of this table carried a number */
    bl_list *list;
    bl_project *project; /* the last project of the list */
    bl_buf targets;      /* its sub-rows' targets, joined at the end: joining
                            as they come is quadratic in the sub-rows */
    const char *department, *leader, *category; /* carried down */
    int header_line;
    bool columns_warned; /* unknown columns of this table named */
    int roles_seen[BL_COL_COUNT];
    /* Match keys of the row's texts, made once: the header test, the
     * placing and the reading each ask for the same cells' keys. Keyed
     * by the text's address, in tmp, emptied with it. */
    const char **memo_text, **memo_key;
    size_t memo_n, memo_cap;
    /* the walk over the rows, kept between slices (bl_interp_rows) */
    const char *first_title;
    bool in_table, second_header_ok;
    bool have_last, last_is_end; /* a table row read; it was the grid's last */
    int last_line;               /* its line */
    struct placed *last_placed;  /* and how its cells were placed */
    bool any_row;
    int first_line;              /* of the grid's first row */
    bool office_leads_said;      /* a chrome line says 我局牵头 */
} interp;

/* Empties tmp and the keys kept in it. */
static void reset_tmp(interp *it)
{
    bl_arena_reset(it->tmp);
    it->memo_text = it->memo_key = NULL;
    it->memo_n = it->memo_cap = 0;
}

static size_t memo_slot(const interp *it, const char *s)
{
    uintptr_t h = (uintptr_t)s;
    return (size_t)((h >> 4) ^ (h >> 13)) & (it->memo_cap - 1);
}

/* The key of s (bl_key), made once per row; never to be written to. */
static const char *key_of_text(interp *it, const char *s)
{
    if (it->memo_n * 2 >= it->memo_cap) {
        const char **texts = it->memo_text, **keys = it->memo_key;
        size_t old = it->memo_cap;
        it->memo_cap = old ? old * 2 : 64;
        it->memo_text = bl_arena_alloc(it->tmp, it->memo_cap * sizeof *it->memo_text);
        it->memo_key = bl_arena_alloc(it->tmp, it->memo_cap * sizeof *it->memo_key);
        for (size_t i = 0; i < old; i++) {
            if (!texts[i])
                continue;
            size_t j = memo_slot(it, texts[i]);
            while (it->memo_text[j])
                j = (j + 1) & (it->memo_cap - 1);
            it->memo_text[j] = texts[i];
            it->memo_key[j] = keys[i];
        }
    }
    size_t j = memo_slot(it, s);
    while (it->memo_text[j]) {
        if (it->memo_text[j] == s)
            return it->memo_key[j];
        j = (j + 1) & (it->memo_cap - 1);
    }
    it->memo_text[j] = s;
    it->memo_key[j] = bl_key(it->tmp, s);
    it->memo_n++;
    return it->memo_key[j];
}

/* ---- cells: what they hold ------------------------------------------- */

typedef enum kind { K_TEXT = 0, K_EMPTY, K_SEQ, K_RATE, K_PERSON, K_DEPT,
                    K_STATUS, K_SHORT, K_COUNT } kind;

static bool is_empty_text(const char *k)
{
    static const char *const blanks[] = {"", "∕", "/", "-", "—", "——", "无", "/", "\\"};
    for (size_t i = 0; i < sizeof blanks / sizeof *blanks; i++)
        if (strcmp(k, blanks[i]) == 0)
            return true;
    return false;
}

static bool bare_number(const char *k, double *v)
{
    size_t n = bl_parse_number(k, v);
    return n && k[n] == '\0';
}

/* "63%" or "63%,育英路…" but not "50%县市、区推广…" (a text that opens
 * with a figure). */
static bool rate_then_remark(const char *k)
{
    const char *pct = strchr(k, '%');
    return pct && (!pct[1] || strchr(",;( ", pct[1]) || strncmp(pct + 1, "、", 3) == 0);
}

/* "区教育局,各平台、镇街": offices listed, the first one an office name. */
static bool department_list(bl_arena *a, const char *k)
{
    size_t n = strcspn(k, ",;"); /* ASCII only: strcspn works on bytes */
    const char *dun = strstr(k, "、");
    if (dun && (size_t)(dun - k) < n)
        n = (size_t)(dun - k);
    if (!k[n] || bl_utf8_count(k) > 40 || bl_has_digit(k) || strstr(k, "。"))
        return false;
    return bl_is_department_name(bl_arena_strndup(a, k, n));
}

static kind kind_of(interp *it, const bl_cell *c, bool percent_col)
{
    if (c->covered)
        return K_EMPTY;
    bl_arena *a = it->tmp;
    const char *k = key_of_text(it, c->text);
    double v;
    const char *rest;
    bl_number num;
    if (is_empty_text(k))
        return K_EMPTY;
    if (bl_number_cell(k, &num) && num.kind != BL_NUM_CHINESE)
        return K_SEQ;
    if ((bl_rate_cell(k, &v, &rest) && bl_utf8_count(rest) < 40 &&
         rate_then_remark(k)) ||
        (percent_col && bare_number(k, &v)))
        return K_RATE;
    if (bl_status_is_phrase(k))
        return K_STATUS;
    if (bl_is_person_name(k))
        return K_PERSON;
    if (bl_is_department_name(k) || department_list(a, k))
        return K_DEPT;
    if (bl_utf8_count(k) <= 16 && !bl_has_digit(k) && !bl_has_sentence_punct(k))
        return K_SHORT;
    return K_TEXT;
}

/* How well a cell of kind k fits a column of role r; 0 = it cannot. */
static int fit(kind k, bl_col_role r)
{
    static const int table[K_COUNT][BL_COL_COUNT] = {
        /*          OTH SEQ CAT CON DEP CO LEA PLA PRO STA RAT NOT */
        /* TEXT */  {1, 0, 1, 2, 0, 0, 0, 3, 4, 1, 0, 2},
        /* EMPTY */ {1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1},
        /* SEQ */   {1, 6, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1},
        /* RATE */  {1, 0, 0, 0, 0, 0, 0, 1, 2, 1, 6, 1},
        /* PERS */  {1, 0, 0, 2, 0, 1, 6, 1, 1, 0, 0, 1},
        /* DEPT */  {1, 0, 1, 1, 6, 4, 0, 1, 1, 0, 0, 1},
        /* STAT */  {1, 0, 0, 0, 0, 0, 0, 1, 3, 6, 0, 1},
        /* SHORT */ {1, 0, 2, 3, 2, 2, 0, 3, 3, 1, 0, 2},
    };
    return table[k][r];
}

/* Columns whose cell may have been copied as several lines. */
static bool takes_many(bl_col_role r)
{
    return r == BL_COL_CONTENT || r == BL_COL_PROGRESS || r == BL_COL_PLANNED ||
           r == BL_COL_NOTE || r == BL_COL_OTHER || r == BL_COL_DEPARTMENT;
}

/* ---- placing a row's cells in columns --------------------------------- */

/* first[j]..first[j]+count[j]-1 are the cells of column j. */
typedef struct placed {
    size_t first[MAX_COLS], count[MAX_COLS];
} placed;

/* The number of an enumerated line ("6.…", "(6)…"), or -1. */
static long enum_number(const char *k)
{
    if (!bl_is_enumerated(k))
        return -1;
    const char *p = k + (*k == '(' ? 1 : bl_text_starts_with(k, "（") ? 3 : 0);
    long v = 0;
    while (*p >= '0' && *p <= '9' && v < 100000)
        v = v * 10 + (*p++ - '0');
    return v;
}

/* Places cells[0..n) in columns in order, each column taking none, one or
 * (for text columns) several consecutive cells, maximising the fit: a
 * dynamic programme over (cell, column). Text rows are short, and n is
 * bounded by the caller. follows[i]: cell i goes on the numbering of cell
 * i - 1 ("5.…" then "6.…"), so it is most likely the same cell's next
 * line. */
static bool align(interp *it, const kind *kinds, const bool *follows, size_t n,
                  placed *out)
{
    size_t m = it->n_cols;
    int *best = bl_arena_alloc(it->tmp, (n + 1) * (m + 1) * sizeof *best);
    unsigned short *take = bl_arena_alloc(it->tmp, (n + 1) * (m + 1) * sizeof *take);
#define B(i, j) best[(i) * (m + 1) + (j)]
#define T(i, j) take[(i) * (m + 1) + (j)]
    for (size_t i = 0; i <= n; i++)
        for (size_t j = 0; j <= m; j++)
            B(i, j) = i == n ? 0 : -1;
    /* A row that opens with its number carries its content: "新建医院"
     * there is the project, though it ends like an office. */
    int content_bonus = n && kinds[0] == K_SEQ ? 4 : 0;
    for (size_t j = m; j > 0;) { /* counts down without wrapping below 0 */
        j--;
        bl_col_role r = it->cols[j].role;
        size_t most = takes_many(r) ? n : 1;
        for (size_t i = n; i > 0;) {
            i--;
            int score = B(i, j + 1); /* column j left empty */
            unsigned short t = 0;
            int sum = 0;
            for (size_t k = 1; k <= most && i + k <= n; k++) {
                int f = fit(kinds[i + k - 1], r);
                if (kinds[i + k - 1] == K_SEQ && r == BL_COL_RATE && it->cols[j].percent)
                    f = 4; /* "100" under "完成工作进度(%)" */
                /* A status line opens its cell ("基本完成。" then detail). */
                if (!f || (k > 1 && kinds[i + k - 1] == K_STATUS))
                    break;
                /* A second line in one cell costs a little, so cells
                 * spread over columns when they can. */
                /* Two offices in one cell are rarer than a name that
                 * merely ends like one ("…厕所"). */
                int second = r == BL_COL_DEPARTMENT ? 5 : follows[i + k - 1] ? 0 : 2;
                sum += f - (k > 1 ? second : 0) +
                       (k == 1 && r == BL_COL_CONTENT ? content_bonus : 0);
                int rest = B(i + k, j + 1);
                /* On a tie a cell of its own beats leaving the column. */
                if (rest >= 0 && (sum + rest > score || (k == 1 && sum + rest == score))) {
                    score = sum + rest;
                    t = (unsigned short)k;
                }
            }
            B(i, j) = score;
            T(i, j) = t;
        }
    }
    if (B(0, 0) < 0)
        return false;
    size_t i = 0;
    for (size_t j = 0; j < m; j++) {
        out->first[j] = i;
        out->count[j] = T(i, j);
        i += T(i, j);
    }
    return i == n;
#undef B
#undef T
}

/* The row's cells without the empty ones its source added past the last
 * column ("…| |"). */
static size_t used_cells(const bl_row *r)
{
    size_t n = r->n;
    while (n > 1 && !r->cells[n - 1].covered && !*r->cells[n - 1].text)
        n--;
    return n;
}

static bool place_row(interp *it, const bl_row *r, placed *p)
{
    size_t n = used_cells(r), m = it->n_cols;
    memset(p, 0, sizeof *p);
    /* A full row from a source that keeps empty cells (pipes, HTML) has its
     * cells where the header says, whatever they hold. */
    /* A row whose last cells are empty may have lost a cell before them
     * (a table exported with its short rows padded at the end): placed by
     * content too. Unnamed columns past the header's last name (a
     * spreadsheet's used range one column wider than the table) do not
     * count: a row filled up to the last named column is full. */
    size_t named = m;
    while (named > 1 && !(it->cols[named - 1].name && *it->cols[named - 1].name))
        named--;
    if ((n == m || n == named) && !r->is_text) {
        for (size_t j = 0; j < m; j++) {
            p->first[j] = j;
            p->count[j] = j < r->n ? 1 : 0;
        }
        return true;
    }
    if (n > MAX_PLACED)
        n = MAX_PLACED;
    kind *kinds = bl_arena_alloc(it->tmp, (n + 1) * sizeof *kinds);
    bool percent = false;
    for (size_t j = 0; j < m; j++)
        percent |= it->cols[j].percent;
    bool *follows = bl_arena_alloc(it->tmp, (n + 1) * sizeof *follows);
    long prev = -1;
    for (size_t i = 0; i < n; i++) {
        kinds[i] = kind_of(it, &r->cells[i], percent);
        long num = r->cells[i].covered ? -1 : enum_number(key_of_text(it, r->cells[i].text));
        follows[i] = prev >= 0 && num == prev + 1;
        prev = num;
    }
    if (align(it, kinds, follows, n, p))
        return true;
    if (n > m && !r->is_text) {
        /* More cells than columns: the last column takes the rest. */
        for (size_t j = 0; j < m; j++) {
            p->first[j] = j;
            p->count[j] = j + 1 < m ? 1 : n - j;
        }
        return true;
    }
    return false;
}

/* The text of column j of a placed row, lines joined with '\n'; NULL when
 * the column is empty or covered. */
static const char *column_text(interp *it, const bl_row *r, const placed *p,
                               size_t j)
{
    if (!p->count[j])
        return NULL;
    /* One cell with text (the usual case) is that cell's text: the grid
     * lives in the model's arena as long as the model. */
    const bl_cell *only = NULL;
    size_t pieces = 0;
    for (size_t i = p->first[j]; i < p->first[j] + p->count[j] && i < r->n; i++) {
        const bl_cell *c = &r->cells[i];
        if (!c->covered && *c->text && pieces++ == 0)
            only = c;
    }
    if (pieces == 1)
        return is_empty_text(key_of_text(it, only->text)) ? NULL : only->text;
    bl_buf b = BL_BUF_INIT;
    for (size_t i = p->first[j]; i < p->first[j] + p->count[j] && i < r->n; i++) {
        const bl_cell *c = &r->cells[i];
        if (c->covered || !*c->text)
            continue;
        if (b.len && it->cols[j].role == BL_COL_DEPARTMENT)
            bl_buf_puts(&b, bl_is_parenthesised(key_of_text(it, c->text)) ? "" : "、");
        else if (b.len)
            bl_buf_putc(&b, '\n');
        bl_buf_puts(&b, c->text);
    }
    const char *s = b.len ? bl_arena_strndup(it->a, bl_buf_cstr(&b), b.len) : NULL;
    bl_buf_free(&b);
    if (s && is_empty_text(key_of_text(it, s)))
        return NULL;
    return s;
}

/* ---- headers ----------------------------------------------------------- */

static bl_col_role role_of(interp *it, const char *name, column *c)
{
    c->role = bl_columns_role_of_key(it->vocab, it->tmp, key_of_text(it, name),
                                     &c->with_person, &c->percent);
    c->name = name;
    return c->role;
}

/* Roles a row names; a header names content and something to report. */
static bool header_roles(interp *it, const bl_row *r, column *cols, size_t *n)
{
    bool content = false, report = false;
    int known = 0;
    *n = 0;
    for (size_t i = 0; i < r->n && *n < MAX_COLS; i++) {
        column *c = &cols[(*n)++];
        memset(c, 0, sizeof *c);
        bl_col_role role = role_of(it, r->cells[i].covered ? "" : r->cells[i].text, c);
        known += role != BL_COL_OTHER;
        content |= role == BL_COL_CONTENT || role == BL_COL_CATEGORY;
        report |= role == BL_COL_DEPARTMENT || role == BL_COL_PROGRESS ||
                  role == BL_COL_RATE || role == BL_COL_STATUS ||
                  role == BL_COL_PLANNED || role == BL_COL_LEADER;
    }
    /* Most named cells of a header are column names. */
    size_t named = 0;
    for (size_t i = 0; i < r->n; i++)
        named += !r->cells[i].covered && *r->cells[i].text;
    bool seq = r->n && cols[0].role == BL_COL_SEQ;
    /* 序号 then the projects' column: a header even when the other
     * columns are ones the vocabulary does not know (测评等次, 满意…). */
    if (seq && content)
        return true;
    return content && report && known * 2 >= (int)named && known >= 2;
}

bool bl_row_is_header(bl_arena *a, const bl_columns *vocab, const bl_row *r)
{
    interp it = {.a = a, .tmp = a, .vocab = (bl_columns *)vocab};
    if (r->chrome)
        return false;
    column cols[MAX_COLS];
    size_t n;
    return header_roles(&it, r, cols, &n);
}

static void demote_second_content(interp *it);

/* "序号 | 项目 | 牵头 | …" over "| 内容 | 市领导 | …": a header wrapped
 * cell by cell; joined, its columns name more roles. */
static bool join_header_lines(interp *it, const bl_row *r)
{
    if (r->n > it->n_cols)
        return false;
    column joined[MAX_COLS];
    int before = 0, after = 0;
    for (size_t j = 0; j < it->n_cols; j++) {
        const char *below = j < r->n && !r->cells[j].covered ? r->cells[j].text : "";
        joined[j] = it->cols[j];
        before += it->cols[j].role != BL_COL_OTHER;
        if (*below && !*it->cols[j].name)
            return false; /* a name under a spanning cell: sub-columns */
        if (*below)
            role_of(it, bl_arena_printf(it->a, "%s%s", it->cols[j].name, below), &joined[j]);
        after += joined[j].role != BL_COL_OTHER;
        /* A cell below a known name must keep it known. */
        if (it->cols[j].role != BL_COL_OTHER && joined[j].role == BL_COL_OTHER)
            return false;
    }
    if (after <= before)
        return false;
    memcpy(it->cols, joined, it->n_cols * sizeof *joined);
    demote_second_content(it);
    return true;
}

/* A second header row under the first ("工作任务 | 实际已完成工作量 | 完成
 * 工作进度(%)"): its cells name the columns under the first row's last
 * (spanning) cell; the first row's other cells span both rows. */
static bool merge_second_header(interp *it, const bl_row *r)
{
    column sub[MAX_COLS];
    size_t n = 0, known = 0;
    for (size_t i = 0; i < used_cells(r) && n < MAX_COLS; i++) {
        column *c = &sub[n++];
        memset(c, 0, sizeof *c);
        known += role_of(it, r->cells[i].text, c) != BL_COL_OTHER;
    }
    bl_number num;
    if (!n || bl_number_cell(key_of_text(it, r->cells[0].text), &num))
        return false;
    if (join_header_lines(it, r))
        return true;
    if (known * 2 < n)
        return false;
    size_t keep = it->n_cols;
    while (keep > 0 && !*it->cols[keep - 1].name)
        keep--;
    if (keep == 0)
        return false;
    keep--; /* the spanning cell itself gives way to the sub-columns */
    if (keep + n > MAX_COLS)
        return false;
    for (size_t i = 0; i < n; i++)
        it->cols[keep + i] = sub[i];
    it->n_cols = keep + n;
    demote_second_content(it);
    return true;
}

static void flush_targets(interp *it);

/* 项目名称 | 目标任务: a second column of the projects' text is their
 * target for the year, not their content. */
static void demote_second_content(interp *it)
{
    bool content = false;
    for (size_t j = 0; j < it->n_cols; j++) {
        if (it->cols[j].role != BL_COL_CONTENT)
            continue;
        if (content)
            it->cols[j].role = BL_COL_PLANNED;
        content = true;
    }
}

/* "项目名称 | 项目类别 | | | |" above "工作任务 | 实际已完成工作量 | …":
 * the first row names the projects and leaves its last cells to the
 * second, which alone would read as a header. */
static bool first_of_two_headers(interp *it, const bl_grid *g, size_t i,
                                 const column *cols, size_t n)
{
    const bl_row *r = &g->rows[i];
    bool content = false;
    for (size_t j = 0; j < n; j++)
        content |= cols[j].role == BL_COL_CONTENT;
    if (!content || used_cells(r) >= r->n || i + 1 >= g->n || g->rows[i + 1].chrome)
        return false;
    column next[MAX_COLS];
    size_t m;
    return header_roles(it, &g->rows[i + 1], next, &m);
}

static void start_table(interp *it, const column *cols, size_t n,
                        const char *title, int line)
{
    flush_targets(it);
    memcpy(it->cols, cols, n * sizeof *cols);
    it->n_cols = n;
    demote_second_content(it);
    it->has_seq = false;
    for (size_t j = 0; j < n; j++) {
        it->has_seq |= cols[j].role == BL_COL_SEQ;
        /* 进度 alone under a 完成率-less header is often the rate. */
    }
    it->numbered = false;
    /* "8月计划进度" dates a report that says nothing else of its period. */
    for (size_t j = 0; j < n; j++)
        if (cols[j].role == BL_COL_PLANNED && !it->d->month)
            bl_meta_period(it->d, cols[j].name);
    it->list = bl_model_add_list(it->m, it->d, title, line);
    it->list->level = title ? bl_level_guess(bl_key(it->tmp, title)) : BL_LEVEL_NONE;
    it->project = NULL;
    it->department = it->leader = it->category = NULL;
    it->header_line = line;
    it->columns_warned = false;
}

/* Named once the header is complete (a second header row may still name
 * a column). */
static void warn_unknown_columns(interp *it)
{
    it->columns_warned = true;
    for (size_t j = 0; j < it->n_cols; j++)
        if (it->cols[j].role == BL_COL_OTHER && *it->cols[j].name)
            bl_document_warn(it->m, it->d, it->header_line,
                             "column '%s' is not a known column; kept as printed "
                             "in each entry's extra fields", it->cols[j].name);
}

/* ---- rows -> projects and entries ------------------------------------- */

/* The source text behind the part of key k that sub (a pointer into k)
 * starts, up to its end. */
static const char *source_of(interp *it, const char *src, const char *k_sub,
                             size_t sub_len)
{
    bl_keyed k;
    bl_key_map(it->tmp, src, strlen(src), &k);
    const char *at = strstr(k.key, k_sub);
    if (!at)
        return bl_arena_strndup(it->a, k_sub, sub_len);
    return bl_keyed_source(it->a, &k, (size_t)(at - k.key),
                           (size_t)(at - k.key) + sub_len);
}

static void set_behind(interp *it, bl_entry *e, const char *src)
{
    if (!src || (e->behind && e->behind_reason))
        return;
    const char *k = key_of_text(it, src);
    if (!bl_text_says_behind(k))
        return;
    e->behind = true;
    /* The reason may come from a later cell than the behind word
     * ("推进缓慢。" then "受征地影响,进度滞后。"). */
    const char *reason = bl_behind_reason(it->tmp, k);
    if (reason)
        e->behind_reason = source_of(it, src, reason, strlen(reason));
}

static void add_text_rates(interp *it, bl_entry *e, const char *src)
{
    if (!src || e->n_rates)
        return;
    double rates[32];
    size_t n = bl_rates_from_text(key_of_text(it, src), rates, 32);
    for (size_t i = 0; i < n && i < 32; i++)
        bl_entry_add_rate(it->m, e, rates[i], BL_RATE_TEXT);
}

static void set_rate_cell(interp *it, bl_entry *e, const char *src, bool percent)
{
    double v;
    const char *rest;
    const char *k = key_of_text(it, src);
    if (bl_rate_cell(k, &v, &rest)) {
        bl_entry_add_rate(it->m, e, v, BL_RATE_COLUMN);
        if (*rest) {
            set_behind(it, e, source_of(it, src, rest, strlen(rest)));
            /* "63%,…,滞后进度": a closing status phrase is the status. */
            const char *last = strrchr(rest, ',');
            last = last ? last + 1 : rest;
            if (!e->status_text && bl_status_is_phrase(last))
                e->status_text = source_of(it, src, last, strlen(last));
        }
    } else if (percent && bare_number(k, &v)) {
        bl_entry_add_rate(it->m, e, v, BL_RATE_COLUMN);
    } else {
        bl_entry_add_extra(it->m, e, "完成率", src);
    }
}

/* "市教育局 王旭良", "市教育局(王旭良)", "市教育局/王旭良": office and person. */
static void split_person(interp *it, bl_entry *e, const char *src)
{
    bl_keyed k;
    bl_key_map(it->tmp, src, strlen(src), &k);
    for (size_t i = k.len; i-- > 1;) {
        char ch = k.key[i];
        if (ch != ' ' && ch != '\n' && ch != '/' && ch != '(')
            continue;
        const char *person = bl_keyed_source(it->a, &k, i + 1, k.len);
        char *pk = bl_key(it->tmp, person);
        size_t pl = strlen(pk);
        if (pl && pk[pl - 1] == ')')
            pk[pl - 1] = '\0';
        if (bl_is_person_name(pk)) {
            e->department = bl_keyed_source(it->a, &k, 0, i);
            e->leader = ch == '(' ? bl_keyed_source(it->a, &k, i + 1, k.len - 1) : person;
            return;
        }
    }
    e->department = src;
}

static void add_co_departments(interp *it, bl_entry *e, const char *src)
{
    bl_keyed k;
    bl_key_map(it->tmp, src, strlen(src), &k);
    size_t from = 0;
    for (size_t i = 0; i <= k.len; i++) {
        bool sep = i == k.len || k.key[i] == ',' || k.key[i] == ';' ||
                   k.key[i] == '\n' || strncmp(k.key + i, "、", 3) == 0;
        if (!sep)
            continue;
        const char *name = bl_keyed_source(it->a, &k, from, i);
        if (*name)
            bl_entry_add_co_department(it->m, e, name);
        from = i + (i < k.len && k.key[i] & 0x80 ? 3 : 1);
        if (i < k.len && (k.key[i] & 0x80))
            i += 2;
    }
}

/* A progress text opening with a status line ("基本完成。\n完成…"): the
 * status phrase is its first line. */
static void status_from_progress(interp *it, bl_entry *e)
{
    if (e->status_text || !e->progress)
        return;
    const char *nl = strchr(e->progress, '\n');
    /* The first line is tried as scratch and kept only when it is the
     * phrase; the rest is the cell's own tail unless it must be trimmed. */
    const char *first = nl ? bl_arena_strndup(it->tmp, e->progress,
                                              (size_t)(nl - e->progress))
                           : e->progress;
    if (!bl_status_is_phrase(key_of_text(it, first)))
        return;
    if (!nl) {
        e->status_text = first; /* the whole cell is the phrase: "已完成。" */
        return;
    }
    e->status_text = bl_arena_strdup(it->a, first);
    size_t start, rest = strlen(nl + 1);
    size_t len = bl_text_trim_span(nl + 1, rest, &start);
    e->progress = !len ? NULL
                  : start + len == rest ? nl + 1 + start
                                        : bl_arena_strndup(it->a, nl + 1 + start, len);
}

static void fill_entry(interp *it, bl_entry *e, const bl_row *r, const placed *p,
                       const char **target)
{
    bool has_dept = false, has_leader = false, person_cell = false;
    for (size_t j = 0; j < it->n_cols; j++) {
        const column *c = &it->cols[j];
        const char *s = column_text(it, r, p, j);
        if (s)
            it->roles_seen[c->role]++;
        switch (c->role) {
        case BL_COL_SEQ:
            break;
        case BL_COL_CONTENT:
            if (s && target)
                *target = *target ? bl_arena_printf(it->a, "%s\n%s", *target, s) : s;
            break;
        case BL_COL_CATEGORY:
            if (s)
                it->category = s;
            break;
        case BL_COL_DEPARTMENT:
            if (s && !has_dept) {
                if (c->with_person) {
                    split_person(it, e, s);
                    person_cell = true;
                } else
                    e->department = s;
                has_dept = true;
                has_leader |= e->leader != NULL;
            }
            break;
        case BL_COL_CO_DEPARTMENT:
            if (s)
                add_co_departments(it, e, s);
            break;
        case BL_COL_LEADER:
            if (s && !has_leader) {
                e->leader = s;
                has_leader = true;
            }
            break;
        case BL_COL_PLANNED:
            if (s)
                e->planned = e->planned ? bl_arena_printf(it->a, "%s\n%s", e->planned, s) : s;
            break;
        case BL_COL_PROGRESS:
            if (s)
                e->progress = e->progress ? bl_arena_printf(it->a, "%s\n%s", e->progress, s) : s;
            break;
        case BL_COL_STATUS:
            if (s && !e->status_text)
                e->status_text = s;
            break;
        case BL_COL_RATE:
            if (s && !e->n_rates)
                set_rate_cell(it, e, s, c->percent);
            else if (s)
                bl_entry_add_extra(it->m, e, c->name, s);
            break;
        case BL_COL_NOTE:
        case BL_COL_OTHER:
        case BL_COL_COUNT:
            if (s)
                bl_entry_add_extra(it->m, e, *c->name ? c->name : "备注", s);
            break;
        }
    }
    if (!has_dept && it->department) {
        e->department = it->department;
        e->department_carried = true;
    }
    /* A merged leader is carried down; an office cell that names its
     * person ("县教育局(王旭良)") names none when it names only the office. */
    if (!has_leader && !person_cell)
        e->leader = it->leader;
    it->department = e->department;
    it->leader = e->leader;
    status_from_progress(it, e);
    set_behind(it, e, e->status_text);
    set_behind(it, e, e->progress);
    for (const bl_field *f = e->extra; f; f = f->next)
        if (!strstr(f->name, "问题") && !strstr(f->name, "计划"))
            set_behind(it, e, f->value);
    add_text_rates(it, e, e->progress);
}

/* The row's number: from the 序号 column, else opening the content. */
static bool row_number(interp *it, const bl_row *r, const placed *p,
                       const char **seq, const char **content)
{
    bl_number num;
    *seq = NULL;
    for (size_t j = 0; j < it->n_cols; j++) {
        const char *s = column_text(it, r, p, j);
        if (!s)
            continue;
        if (it->cols[j].role == BL_COL_SEQ) {
            const char *k = key_of_text(it, s);
            if (bl_number_cell(k, &num))
                *seq = source_of(it, s, num.digits, num.digits_len);
        } else if (it->cols[j].role == BL_COL_CONTENT && !*seq) {
            bl_keyed k;
            bl_key_map(it->tmp, s, strlen(s), &k);
            if (bl_number_prefix(k.key, &num) && num.kind != BL_NUM_CHINESE) {
                size_t d0 = (size_t)(num.digits - k.key);
                *seq = bl_keyed_source(it->a, &k, d0, d0 + num.digits_len);
                *content = bl_keyed_source_rest(it->a, &k, num.len);
            }
        }
    }
    return *seq != NULL;
}

/* A group row: one text, opening with a Chinese numeral (一、…, (一)…),
 * in a row that holds nothing else. */
static bool category_row(interp *it, const bl_row *r)
{
    const char *text = NULL;
    for (size_t i = 0; i < r->n; i++) {
        const bl_cell *c = &r->cells[i];
        if (c->covered || !*c->text)
            continue;
        if (text && strcmp(text, c->text) != 0)
            return false;
        text = c->text;
    }
    bl_number num;
    if (!text || !bl_number_prefix(key_of_text(it, text), &num) ||
        num.kind != BL_NUM_CHINESE)
        return false;
    it->category = text;
    return true;
}

/* A row's cells as one line of text, two spaces apart (in the model's arena:
 * bl_meta_line may keep it). */
static const char *row_line(interp *it, const bl_row *r)
{
    bl_buf b = BL_BUF_INIT;
    for (size_t i = 0; i < r->n; i++) {
        if (b.len)
            bl_buf_puts(&b, "  ");
        bl_buf_puts(&b, r->cells[i].text);
    }
    const char *text = bl_arena_strndup(it->a, bl_buf_cstr(&b), b.len);
    bl_buf_free(&b);
    return text;
}

/* "索引号: | … | 成文日期: |": page metadata set out as a table row. */
static bool metadata_row(interp *it, const bl_row *r)
{
    bool label = false;
    for (size_t i = 0; i < r->n; i++) {
        const char *k = key_of_text(it, r->cells[i].text);
        if (strstr(k, "索引号") || strstr(k, "成文日期") || strstr(k, "发布机构") ||
            strstr(k, "主题分类") || strstr(k, "文号:"))
            label = true;
    }
    if (label) /* one line, as before a table: a label's value is the next cell */
        bl_meta_line(it->m, it->d, row_line(it, r));
    return label;
}

static bool has_content(const interp *it, const placed *p)
{
    for (size_t j = 0; j < it->n_cols; j++)
        if (it->cols[j].role == BL_COL_CONTENT && p->count[j])
            return true;
    return false;
}

/* An entry starts at its first cell past the number and the content. */
static int entry_line(const interp *it, const bl_row *r, const placed *p)
{
    for (size_t j = 0; j < it->n_cols; j++) {
        bl_col_role role = it->cols[j].role;
        if (role == BL_COL_SEQ || role == BL_COL_CONTENT || role == BL_COL_CATEGORY ||
            !p->count[j])
            continue;
        const bl_cell *c = &r->cells[p->first[j]];
        if (!c->covered && *c->text && c->line)
            return c->line;
    }
    return r->line;
}

static void read_row(interp *it, const bl_row *r, const placed *p)
{
    const char *seq = NULL, *content = NULL, *target = NULL;
    if (row_number(it, r, p, &seq, &content))
        it->numbered = true;
    bool new_project = seq || !it->project || (!it->numbered && !it->has_seq);
    /* Numbers inside the content cells, and a full row whose content has
     * none: a project whose number was lost, not a part of the one above. */
    if (!new_project && !it->has_seq && r->n == it->n_cols && has_content(it, p)) {
        bl_document_warn(it->m, it->d, r->line,
                         "row opens with no number like (N) but holds a project's "
                         "content; read as a project without a number");
        new_project = true;
    }
    if (new_project) {
        flush_targets(it);
        it->project = bl_model_add_project(it->m, it->list, seq, r->line);
        it->project->category = it->category;
    }
    bl_project *proj = it->project;
    /* A sub-row's entry starts with its own target. */
    bl_entry *e = bl_model_add_entry(it->m, proj,
                                     new_project ? entry_line(it, r, p) : r->line);
    fill_entry(it, e, r, p, &target);
    if (new_project) {
        proj->content = content ? content : target;
        return;
    }
    if (!target)
        return;
    /* A sub-row with a target of its own: the project reads as all of
     * them, and the first entry's target is the project's first line. */
    e->target = target;
    if (proj->entries && !proj->entries->target && proj->entries != e)
        proj->entries->target = proj->content;
    if (!it->targets.len && proj->content)
        bl_buf_puts(&it->targets, proj->content);
    if (it->targets.len)
        bl_buf_putc(&it->targets, '\n');
    bl_buf_puts(&it->targets, target);
}

/* The project reads as all of its sub-rows' targets. */
static void flush_targets(interp *it)
{
    if (it->project && it->targets.len)
        it->project->content = bl_arena_strndup(it->a, bl_buf_cstr(&it->targets),
                                                it->targets.len);
    bl_buf_free(&it->targets);
    it->targets = (bl_buf)BL_BUF_INIT;
}

/* ---- the walk over the grid ------------------------------------------- */

/* The title of a table: the chrome line just before its header. */
static const char *title_before(interp *it, const bl_grid *g, size_t h)
{
    for (size_t i = h; i > 0 && h - i < 2;) {
        i--;
        const bl_row *r = &g->rows[i];
        if (!r->chrome)
            return NULL;
        if (bl_meta_is_title(it->tmp, r->cells[0].text))
            return r->cells[0].text;
    }
    return NULL;
}

static void read_chrome(interp *it, const bl_row *r, bool before_table,
                        const char **first_title)
{
    const char *s = r->cells[0].text;
    if (bl_meta_line(it->m, it->d, s))
        return;
    if (before_table && !*first_title && bl_meta_is_title(it->tmp, s))
        *first_title = s;
}

/* After a table, an office name above a date line is the signature. */
static void read_signature(interp *it, const bl_grid *g, size_t i)
{
    if (i + 1 >= g->n || !g->rows[i + 1].chrome)
        return;
    const char *k = bl_key(it->tmp, g->rows[i].cells[0].text);
    const char *next = bl_key(it->tmp, g->rows[i + 1].cells[0].text);
    char iso[11];
    size_t len;
    if (!bl_is_department_name(k) || bl_find_date(next, iso, &len) != next || next[len])
        return;
    if (!it->d->office)
        it->d->office = g->rows[i].cells[0].text;
    if (!it->d->published)
        it->d->published = bl_arena_strdup(it->a, iso);
}

/* "现将我局牵头负责的…": a table without a department column whose office
 * says it leads the projects itself. */
static void office_leads(interp *it)
{
    if (!it->d->office || it->roles_seen[BL_COL_DEPARTMENT] || !it->office_leads_said)
        return;
    for (bl_list *l = it->d->lists; l; l = l->next)
        for (bl_project *p = l->projects; p; p = p->next)
            for (bl_entry *e = p->entries; e; e = e->next)
                if (!e->department)
                    e->department = it->d->office;
}

/* A row before any table ("索引号: | … | 成文日期: | 2024-07-01 |"): its
 * cells read as one line of page chrome. */
static void read_row_as_chrome(interp *it, const bl_row *r, const char **first_title)
{
    if (!r->n)
        return;
    if (r->n == 1)
        read_chrome(it, r, true, first_title);
    else
        bl_meta_line(it->m, it->d, row_line(it, r));
}

static void warn_unrecognised(interp *it)
{
    if (!it->d->lists)
        return;
    if (!it->roles_seen[BL_COL_DEPARTMENT] && !it->roles_seen[BL_COL_STATUS] &&
        !it->roles_seen[BL_COL_RATE] && !it->roles_seen[BL_COL_PROGRESS])
        bl_document_warn(it->m, it->d, it->d->lists->line,
                         "no project has a department, status, progress or rate: "
                         "the table's columns were not recognised");
}

/* The last row stops short of the header's columns at the end of the text:
 * an excerpt cut off mid-row. */
static void warn_cut_off(interp *it, int line, const placed *p)
{
    size_t filled = 0, last = 0;
    for (size_t j = 0; j < it->n_cols; j++)
        if (p->count[j]) {
            filled++;
            last = j;
        }
    /* Columns missing after the last cell that merged cells explain (a
     * department or leader carried from above, a remark left empty) are
     * no sign of a cut. */
    bool lost = false;
    for (size_t j = last + 1; j < it->n_cols; j++) {
        bl_col_role role = it->cols[j].role;
        lost |= role == BL_COL_PROGRESS || role == BL_COL_RATE || role == BL_COL_STATUS ||
                role == BL_COL_CONTENT;
    }
    if (it->n_cols > 1 && lost)
        bl_document_warn(it->m, it->d, line,
                         "the table stops here, in the middle of a row "
                         "(%zu of %zu columns): the rest is missing",
                         filled, it->n_cols);
}

/* Whether a chrome line says its office leads the projects itself. */
static bool says_office_leads(interp *it, const char *text)
{
    const char *k = key_of_text(it, text);
    return strstr(k, "我局牵头") || strstr(k, "本局牵头") || strstr(k, "我单位牵头") ||
           strstr(k, "我委牵头") || strstr(k, "我办牵头");
}

struct bl_interp {
    interp it;
};

bl_interp *bl_interp_begin(bl_model *m, bl_document *d, bl_error *err)
{
    bl_interp *ip = bl_calloc(1, sizeof *ip);
    /* Match keys and alignment tables are scratch: a row's are dropped
     * before the next row, so the model arena keeps only what the model
     * holds (they were most of it). */
    ip->it = (interp){.m = m, .d = d, .a = m->arena, .tmp = bl_arena_new()};
    ip->it.last_placed = bl_calloc(1, sizeof *ip->it.last_placed);
    if (bl_columns_new(m->arena, &ip->it.vocab, err)) {
        bl_interp_free(ip);
        return NULL;
    }
    return ip;
}

void bl_interp_free(bl_interp *ip)
{
    if (!ip)
        return;
    bl_buf_free(&ip->it.targets);
    bl_arena_free(ip->it.tmp);
    free(ip->it.last_placed);
    free(ip);
}

static int walk_row(interp *itp, const bl_grid *g, size_t i, bool last, bl_error *err)
{
    interp *pit = itp;
#define it (*pit)
    bl_model *m = it.m;
    bl_document *d = it.d;
    reset_tmp(&it);
    const bl_row *r = &g->rows[i];
    if (r->chrome) {
        if (!it.office_leads_said)
            it.office_leads_said = says_office_leads(&it, r->cells[0].text);
        if (it.in_table)
            read_signature(&it, g, i);
        read_chrome(&it, r, !it.in_table, &it.first_title);
        it.second_header_ok = false;
        return BL_OK;
    }
    column cols[MAX_COLS];
    size_t n;
    if (r->n > MAX_COLS) { /* refused, never cut without a word */
        flush_targets(&it);
        return bl_error_set(err, BL_EINPUT, d->source, r->line,
                            "row of %zu cells: tables of more than %d columns "
                            "are not supported", r->n, MAX_COLS);
    }
    if (it.second_header_ok && !it.project && merge_second_header(&it, r))
        return BL_OK;
    bool header = header_roles(&it, r, cols, &n);
    if (!header && first_of_two_headers(&it, g, i, cols, n)) {
        const char *title = title_before(&it, g, i);
        start_table(&it, cols, n, title, title ? g->rows[i - 1].line : r->line);
        it.in_table = it.second_header_ok = true;
        return BL_OK;
    }
    if (header) {
        const char *title = title_before(&it, g, i);
        start_table(&it, cols, n, title, title ? g->rows[i - 1].line : r->line);
        it.in_table = it.second_header_ok = true;
        return BL_OK;
    }
    if (!it.in_table) {
        read_row_as_chrome(&it, r, &it.first_title);
        return BL_OK;
    }
    if (it.second_header_ok && !it.project && merge_second_header(&it, r))
        return BL_OK;
    it.second_header_ok = false;
    if (metadata_row(&it, r) || category_row(&it, r))
        return BL_OK;
    if (!it.columns_warned)
        warn_unknown_columns(&it);
    placed p;
    if (!place_row(&it, r, &p)) {
        bl_document_warn(m, d, r->line,
                         "row of %zu cells fits none of the header's %zu "
                         "columns; its cells are kept in the previous entry",
                         r->n, it.n_cols);
        return BL_OK;
    }
    read_row(&it, r, &p);
    it.have_last = true;
    it.last_is_end = last && i + 1 >= g->n;
    it.last_line = r->line;
    *it.last_placed = p;
    return BL_OK;
#undef it
}

int bl_interp_rows(bl_interp *ip, const bl_grid *g, size_t from, size_t to,
                   bool last, bl_error *err)
{
    interp *it = &ip->it;
    if (!it->any_row && from < to) {
        it->any_row = true;
        it->first_line = g->rows[from].line;
    }
    for (size_t i = from; i < to; i++) {
        int rc = walk_row(it, g, i, last, err);
        if (rc)
            return rc;
    }
    return BL_OK;
}

int bl_interp_end(bl_interp *ip, bl_error *err)
{
    interp *it = &ip->it;
    bl_document *d = it->d;
    reset_tmp(it);
    flush_targets(it);
    if (!d->lists)
        return bl_error_set(err, BL_EINPUT, d->source, it->any_row ? it->first_line : 1,
                            "no project table found: no header naming the projects "
                            "(项目名称, 项目内容…) and their progress, department or rate");
    bool rows = false;
    for (const bl_list *l = d->lists; l && !rows; l = l->next)
        rows = l->n_projects > 0;
    if (!rows) /* a template: the header, and nothing under it */
        return bl_error_set(err, BL_EINPUT, d->source, d->lists->line,
                            "the table has no rows: its header is there, but no project "
                            "under it");
    if (it->have_last && it->last_is_end)
        warn_cut_off(it, it->last_line, it->last_placed);
    office_leads(it);
    warn_unrecognised(it);
    /* The document's title: the first title line, unless it is the first
     * list's own. */
    if (!d->title && it->first_title)
        d->title = it->first_title;
    bl_meta_period(d, d->title);
    for (const bl_list *l = d->lists; l && !d->period_kind; l = l->next)
        bl_meta_period(d, l->title);
    return BL_OK;
}

int bl_interpret_grid(bl_model *m, bl_document *d, const bl_grid *g,
                      bl_error *err)
{
    bl_interp *ip = bl_interp_begin(m, d, err);
    if (!ip)
        return err ? err->code : BL_EINPUT;
    int rc = bl_interp_rows(ip, g, 0, g->n, true, err);
    if (!rc)
        rc = bl_interp_end(ip, err);
    bl_interp_free(ip);
    return rc;
}
