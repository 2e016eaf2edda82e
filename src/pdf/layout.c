/* layout.c - pagination, row splitting, column widths and the punctuation
 * rules of line breaking; see layout.h. Pure: no text, no pixels. */
#include "layout.h"

#include <math.h>
#include <string.h>

/* ---- pagination -------------------------------------------------------- */

typedef struct pager {
    const bl_lay_block *b;
    size_t n;
    double body;
    double head; /* height of the current table's head, 0 outside tables */
    size_t rows_n;    /* rows of the current table */
    size_t row_k;     /* rows of it placed so far */
    size_t seg_start; /* its first row on the current page */
} pager;

/* The rows of the table whose head is block i. */
static size_t rows_of(const pager *p, size_t i)
{
    size_t n = 0;
    for (size_t j = i + 1; j < p->n; j++) {
        if (p->b[j].kind == BL_LAY_END || p->b[j].kind == BL_LAY_HEAD)
            break;
        n += p->b[j].kind == BL_LAY_ROW;
    }
    return n;
}

/* The height of the table head that row i belongs to (0 when none). */
static double head_of(const pager *p, size_t i)
{
    for (size_t j = i; j > 0; j--) { /* no wrap below 0: clang's integer check */
        if (p->b[j - 1].kind == BL_LAY_HEAD)
            return p->b[j - 1].height;
        if (p->b[j - 1].kind == BL_LAY_END)
            return 0;
    }
    return 0;
}

/* Room a row must find below it: the whole row, or for a row that will be
 * split anyway, its first line. */
static double row_need(const pager *p, size_t i, double head)
{
    const bl_lay_block *r = &p->b[i];
    if (r->height <= p->body - head || r->n_lines == 0)
        return r->height;
    return r->lines[0].bottom + (r->height - r->lines[r->n_lines - 1].bottom);
}

/* Room block i needs to be placed here rather than on the next page: its
 * height plus whatever it must be kept with. */
static double need(const pager *p, size_t i)
{
    const bl_lay_block *b = &p->b[i];
    double h = b->height;
    switch (b->kind) {
    case BL_LAY_BREAK:
    case BL_LAY_END:
        return 0;
    case BL_LAY_HEAD: {
        /* never an orphaned head: it comes with its first row, and with
         * its first two (all three of a table of three) when they fit on
         * a page, so no page holds a lone row of a table (issue 10.2) */
        size_t rows = rows_of(p, i), want = rows == 3 ? 3 : 2, got = 0;
        double first = h, all = h;
        for (size_t j = i + 1; j < p->n && got < want; j++) {
            if (p->b[j].kind == BL_LAY_ROW) {
                if (got == 0)
                    first += row_need(p, j, h);
                all += p->b[j].height;
                got++;
            } else if (p->b[j].kind != BL_LAY_SPACE) {
                break;
            }
        }
        return got > 1 && all <= p->body ? all : first;
    }
    case BL_LAY_ROW:
        return row_need(p, i, head_of(p, i));
    case BL_LAY_SPACE:
    case BL_LAY_BLOCK:
        break;
    }
    /* a heading is kept with what follows, through any space between */
    if (b->keep_with_next || b->kind == BL_LAY_SPACE) {
        size_t j = i + 1;
        while (j < p->n && p->b[j].kind == BL_LAY_END)
            j++;
        if (j < p->n && p->b[j].kind != BL_LAY_BREAK)
            h += need(p, j);
    }
    return h;
}

/* Row i (the last but one of its table, placed at y) fits here but the
 * last row after it does not, and both fit below a head on a new page. */
static bool keep_last_two(const pager *p, size_t i, double y)
{
    size_t j = i + 1;
    while (j < p->n && p->b[j].kind != BL_LAY_ROW)
        j++;
    if (j >= p->n)
        return false;
    double two = p->b[i].height + p->b[j].height;
    return y + p->b[i].height <= p->body && y + two > p->body &&
           p->head + two <= p->body;
}

int bl_lay_paginate(const bl_lay_block *blocks, size_t n, double body_height,
                    bl_lay_place *out)
{
    pager p = {blocks, n, body_height, 0, 0, 0, 0};
    int page = 0;
    double y = 0;
    for (size_t i = 0; i < n; i++) {
        const bl_lay_block *b = &blocks[i];
        bl_lay_place *o = &out[i];
        memset(o, 0, sizeof *o);
        o->parts = 1;
        switch (b->kind) {
        case BL_LAY_BREAK:
            if (y > 0) {
                page++;
                y = 0;
            }
            break;
        case BL_LAY_END:
            p.head = 0;
            p.rows_n = 0;
            break;
        case BL_LAY_SPACE:
            if (y > 0 && y + b->height <= body_height)
                y += b->height;
            else if (y > 0) {
                page++;
                y = 0;
            }
            break;
        case BL_LAY_BLOCK:
        case BL_LAY_HEAD: {
            double nd = fmin(need(&p, i), body_height);
            if (y > 0 && y + nd > body_height) {
                page++;
                y = 0;
            }
            if (b->kind == BL_LAY_HEAD) {
                p.head = b->height;
                p.rows_n = rows_of(&p, i);
                p.row_k = 0;
                p.seg_start = 0;
            }
            break;
        }
        case BL_LAY_ROW: {
            size_t k = p.row_k++;
            if (k + 2 == p.rows_n && k >= p.seg_start + 2 && y > p.head &&
                keep_last_two(&p, i, y)) {
                /* the last row would stand alone on the next page: it
                 * takes the one before it along */
                page++;
                y = p.head;
                o->head_before = p.head > 0;
                p.seg_start = k;
            } else if (y + b->height > body_height) {
                bool fits_page = b->height <= body_height - p.head;
                bool starts_here = !fits_page && b->n_lines > 0 &&
                                   y + row_need(&p, i, p.head) <= body_height;
                if (!starts_here && y > p.head) {
                    page++;
                    y = p.head;
                    o->head_before = p.head > 0;
                    p.seg_start = k;
                }
                if (!fits_page && b->n_lines > 0) {
                    size_t first = 0;
                    int parts = 0;
                    double room = body_height - y;
                    double last = 0;
                    while (first < b->n_lines) {
                        bl_lay_part part = bl_lay_split_next(
                            b->lines, b->n_lines, b->height, b->pad, &first,
                            parts == 0, room);
                        last = part.height;
                        parts++;
                        room = body_height - p.head;
                    }
                    o->page = page;
                    o->y = y;
                    o->parts = parts;
                    page += parts - 1;
                    y = (parts > 1 ? p.head : y) + last;
                    if (parts > 1)
                        p.seg_start = k;
                    continue;
                }
            }
            break;
        }
        }
        o->page = page;
        o->y = y;
        if (b->kind == BL_LAY_BLOCK || b->kind == BL_LAY_HEAD ||
            b->kind == BL_LAY_ROW)
            y += b->height;
    }
    return page + 1;
}

/* ---- splitting tall rows ----------------------------------------------- */

bl_lay_part bl_lay_split_next(const bl_lay_line *lines, size_t n,
                              double height, double pad, size_t *first,
                              bool is_first, double room)
{
    bl_lay_part part = {0, 0, 0};
    size_t i = *first;
    part.from = is_first ? 0 : lines[i].top - pad;
    /* the first line (in top order) that does not fit ends the part */
    size_t j = i;
    while (j < n && lines[j].bottom + pad - part.from <= room)
        j++;
    if (j == i) {
        /* not even one line fits: take it anyway (and its neighbours on
         * the same top), so the row always moves on */
        j = i + 1;
        while (j < n && lines[j].top <= lines[i].top)
            j++;
    }
    part.to = j < n ? lines[j].top : INFINITY;
    /* lines are in top order, so [i, j) is exactly the lines with top in
     * [from, to) */
    while (j < n && lines[j].top < part.to)
        j++;
    double bottom = 0;
    for (size_t k = i; k < j; k++)
        if (lines[k].bottom > bottom)
            bottom = lines[k].bottom;
    part.height = bottom + pad - part.from;
    if (j >= n && height - part.from > part.height)
        part.height = height - part.from;
    *first = j;
    return part;
}

/* ---- column widths ----------------------------------------------------- */

void bl_lay_fit_columns(const bl_lay_column *cols, size_t n, double total,
                        double *out)
{
    double used = 0, weights = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = cols[i].min;
        used += cols[i].min;
        weights += cols[i].weight;
    }
    if (used >= total) {
        /* not even the minima fit: shrink all alike */
        for (size_t i = 0; i < n && used > 0; i++)
            out[i] = cols[i].min * total / used;
        return;
    }
    /* fixed columns (no weight) get their natural width, cheapest first,
     * as long as the wrapping columns keep 60% of the width (or all they
     * need): they hold the text */
    double wrap_min = 0, wrap_natural = 0;
    for (size_t i = 0; i < n; i++)
        if (cols[i].weight > 0) {
            wrap_min += cols[i].min;
            wrap_natural += fmax(cols[i].natural, cols[i].min);
        }
    double reserve = fmax(0, fmin(wrap_natural, total * 0.6) - wrap_min);
    for (;;) {
        size_t best = n;
        for (size_t i = 0; i < n; i++) {
            if (cols[i].weight > 0 || out[i] >= cols[i].natural)
                continue;
            if (best == n || cols[i].natural - out[i] <
                                 cols[best].natural - out[best])
                best = i;
        }
        if (best == n)
            break;
        double grow = cols[best].natural - out[best];
        if (used + grow > total - reserve) {
            /* the last one gets what is left */
            double rest = total - reserve - used;
            if (rest > 0) {
                out[best] += rest;
                used += rest;
            }
            break;
        }
        out[best] = cols[best].natural;
        used += grow;
    }
    double spare = total - used;
    if (weights <= 0) {
        /* nobody wraps: spread the rest evenly */
        for (size_t i = 0; i < n; i++)
            out[i] += spare / (double)n;
        return;
    }
    /* weighted columns share the rest; one that reaches its natural width
     * stops there and leaves its share to the others */
    bool capped[64] = {false};
    for (int round = 0; round < 64 && spare > 1e-9; round++) {
        double w = 0;
        for (size_t i = 0; i < n && i < 64; i++)
            if (cols[i].weight > 0 && !capped[i])
                w += cols[i].weight;
        if (w <= 0)
            break;
        bool capped_any = false;
        double given = 0;
        for (size_t i = 0; i < n && i < 64; i++) {
            if (cols[i].weight <= 0 || capped[i])
                continue;
            double share = spare * cols[i].weight / w;
            if (out[i] + share >= cols[i].natural) {
                given += cols[i].natural - out[i];
                out[i] = cols[i].natural;
                capped[i] = true;
                capped_any = true;
            }
        }
        if (capped_any) {
            spare -= given;
            continue;
        }
        for (size_t i = 0; i < n && i < 64; i++)
            if (cols[i].weight > 0 && !capped[i])
                out[i] += spare * cols[i].weight / w;
        spare = 0;
    }
    if (spare > 1e-9) {
        /* every column shows its content on one line: widen by weight */
        for (size_t i = 0; i < n; i++)
            if (cols[i].weight > 0)
                out[i] += spare * cols[i].weight / weights;
    }
}

/* ---- punctuation ------------------------------------------------------- */

bool bl_lay_is_closing(uint32_t cp)
{
    switch (cp) {
    case ',': case '.': case ';': case ':': case ')': case ']': case '}':
    case '!': case '?':
    case 0xFF0C: /* ， */ case 0x3002: /* 。 */ case 0x3001: /* 、 */
    case 0xFF1B: /* ； */ case 0xFF1A: /* ： */ case 0xFF09: /* ） */
    case 0x300D: /* 」 */ case 0x300F: /* 』 */ case 0x300B: /* 》 */
    case 0x201D: /* ” */ case 0x2019: /* ’ */ case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */ case 0x3011: /* 】 */ case 0x3015: /* 〕 */
    case 0x3009: /* 〉 */ case 0xFF3D: /* ］ */ case 0xFF5D: /* ｝ */
    case 0xFF0E: /* ． */
        return true;
    default:
        return false;
    }
}

bool bl_lay_is_opening(uint32_t cp)
{
    switch (cp) {
    case '(': case '[': case '{':
    case 0xFF08: /* （ */ case 0x300C: /* 「 */ case 0x300E: /* 『 */
    case 0x300A: /* 《 */ case 0x201C: /* “ */ case 0x2018: /* ‘ */
    case 0x3010: /* 【 */ case 0x3014: /* 〔 */ case 0x3008: /* 〈 */
    case 0xFF3B: /* ［ */ case 0xFF5B: /* ｛ */
        return true;
    default:
        return false;
    }
}

/* Decodes the code point starting at s (at most n bytes); 0xFFFD when bad. */
static uint32_t decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3
                             : (c >> 3) == 30 ? 4 : 0;
    if (k == 0 || k > n) {
        *len = 1;
        return 0xFFFD;
    }
    uint32_t cp = k == 1 ? c : c & (0x7F >> k);
    for (size_t i = 1; i < k; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    *len = k;
    return cp;
}

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
           cp == 0x3000 || cp == 0xA0 || cp == 0x2028 || cp == 0x2029;
}

bool bl_lay_line_ok(const char *text, size_t start, size_t len,
                    bool paragraph_start, bool paragraph_end)
{
    const unsigned char *s = (const unsigned char *)text + start;
    size_t k;
    if (len == 0)
        return true;
    if (!paragraph_start && bl_lay_is_closing(decode(s, len, &k)))
        return false;
    if (paragraph_end)
        return true;
    /* the last character that is not white space */
    uint32_t last = 0;
    for (size_t i = 0; i < len; i += k) {
        uint32_t cp = decode(s + i, len - i, &k);
        if (!is_space(cp))
            last = cp;
    }
    return !bl_lay_is_opening(last);
}
