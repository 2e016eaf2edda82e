/* test_layout.c - pagination maths of the PDF writer (layout.c): rows onto
 * pages, repeated table heads, split rows, kept headings, column widths
 * and the punctuation rules, without drawing anything; and the punctuation
 * rules held by every table cell of every example (bl_pdf_check_breaks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "layout.h"
#include "seeds.h"
#include "write_pdf.h"

#define BODY 700.0

static bl_lay_block blk(bl_lay_kind kind, double h)
{
    bl_lay_block b;
    memset(&b, 0, sizeof b);
    b.kind = kind;
    b.height = h;
    return b;
}

static void rows_fill_pages(void **state)
{
    (void)state;
    /* head 20 + 40 rows of 50: 13 rows per first page (20 + 13*50 = 670),
     * then 13 per page again below the repeated head */
    bl_lay_block b[42];
    bl_lay_place pl[42];
    b[0] = blk(BL_LAY_HEAD, 20);
    for (int i = 1; i <= 40; i++)
        b[i] = blk(BL_LAY_ROW, 50);
    b[41] = blk(BL_LAY_END, 0);
    int pages = bl_lay_paginate(b, 42, BODY, pl);
    assert_int_equal(pages, 4);
    assert_int_equal(pl[0].page, 0);
    assert_true(pl[0].y == 0);
    assert_int_equal(pl[13].page, 0);
    assert_true(pl[13].y == 20 + 12 * 50);
    assert_false(pl[13].head_before);
    /* row 14 starts page 2 right below the repeated head */
    assert_int_equal(pl[14].page, 1);
    assert_true(pl[14].y == 20);
    assert_true(pl[14].head_before);
    assert_false(pl[15].head_before);
    assert_int_equal(pl[27].page, 2);
    assert_true(pl[27].head_before);
    /* 13 + 13 + 13 would leave row 40 alone on page 4 below the head:
     * row 39 goes along (issue 10.2) */
    assert_int_equal(pl[38].page, 2);
    assert_int_equal(pl[39].page, 3);
    assert_true(pl[39].head_before);
    assert_true(pl[39].y == 20);
    assert_false(pl[40].head_before);
    assert_int_equal(pl[40].page, 3);
    for (int i = 1; i <= 40; i++) {
        assert_true(pl[i].y + 50 <= BODY);
        assert_int_equal(pl[i].parts, 1);
    }
}

static void head_never_orphaned(void **state)
{
    (void)state;
    /* a paragraph fills the page to 650: the head (30) would fit, the
     * first row (40) would not, so both go to the next page */
    bl_lay_block b[] = {blk(BL_LAY_BLOCK, 650), blk(BL_LAY_HEAD, 30),
                        blk(BL_LAY_ROW, 40), blk(BL_LAY_END, 0)};
    bl_lay_place pl[4];
    assert_int_equal(bl_lay_paginate(b, 4, BODY, pl), 2);
    assert_int_equal(pl[1].page, 1);
    assert_true(pl[1].y == 0);
    assert_int_equal(pl[2].page, 1);
    assert_true(pl[2].y == 30);
    assert_false(pl[2].head_before);
    /* with a row that fits, head and row stay on page 1 */
    b[2].height = 20;
    assert_int_equal(bl_lay_paginate(b, 4, BODY, pl), 1);
    assert_int_equal(pl[1].page, 0);
    assert_true(pl[2].y == 680);
}

/* No page holds a lone row of a table: not at the bottom below the head,
 * not at the top of the next page (issue 10.2). */
static void no_lone_rows(void **state)
{
    (void)state;
    /* 600 of text, head 30, rows of 40: head + 1 row would fit (670), head
     * + 2 rows would not; the head and both rows move to page 2 */
    bl_lay_block b[] = {blk(BL_LAY_BLOCK, 600), blk(BL_LAY_HEAD, 30),
                        blk(BL_LAY_ROW, 40),    blk(BL_LAY_ROW, 40),
                        blk(BL_LAY_ROW, 40),    blk(BL_LAY_ROW, 40),
                        blk(BL_LAY_END, 0)};
    bl_lay_place pl[7];
    assert_int_equal(bl_lay_paginate(b, 7, BODY, pl), 2);
    assert_int_equal(pl[1].page, 1);
    assert_int_equal(pl[2].page, 1);
    assert_int_equal(pl[3].page, 1);
    /* a table of three rows goes whole */
    b[5] = blk(BL_LAY_END, 0);
    b[0].height = 560; /* head + 2 rows fit (670), the third does not */
    assert_int_equal(bl_lay_paginate(b, 6, BODY, pl), 2);
    assert_int_equal(pl[1].page, 1);
    assert_int_equal(pl[4].page, 1);
    /* the last row would go alone to page 2: the one before goes along,
     * below the repeated head */
    b[0].height = 520; /* 520 + 30 + 4 * 40 = 710 */
    b[5] = blk(BL_LAY_ROW, 40);
    assert_int_equal(bl_lay_paginate(b, 7, BODY, pl), 2);
    assert_int_equal(pl[1].page, 0);
    assert_int_equal(pl[3].page, 0);
    assert_int_equal(pl[4].page, 1);
    assert_true(pl[4].head_before);
    assert_int_equal(pl[5].page, 1);
    assert_true(pl[5].y == 70);
    /* a head and two rows that fill a page alone: still placed, one row
     * after the head if that is all that fits */
    bl_lay_block t[] = {blk(BL_LAY_HEAD, 30), blk(BL_LAY_ROW, 400),
                        blk(BL_LAY_ROW, 400), blk(BL_LAY_END, 0)};
    assert_int_equal(bl_lay_paginate(t, 4, BODY, pl), 2);
    assert_int_equal(pl[1].page, 0);
    assert_int_equal(pl[2].page, 1);
}

static void heading_kept_with_table(void **state)
{
    (void)state;
    bl_lay_block b[] = {blk(BL_LAY_BLOCK, 640), blk(BL_LAY_BLOCK, 30),
                        blk(BL_LAY_SPACE, 10),  blk(BL_LAY_HEAD, 25),
                        blk(BL_LAY_ROW, 30),    blk(BL_LAY_END, 0)};
    b[1].keep_with_next = true;
    bl_lay_place pl[6];
    /* 640 + 30 + 10 + 25 + 30 > 700: the heading moves with the table */
    assert_int_equal(bl_lay_paginate(b, 6, BODY, pl), 2);
    assert_int_equal(pl[1].page, 1);
    assert_true(pl[1].y == 0);
    assert_int_equal(pl[3].page, 1);
    assert_true(pl[3].y == 40);
    assert_true(pl[4].y == 65);
    /* not kept: the heading stays and the table moves alone */
    b[1].keep_with_next = false;
    assert_int_equal(bl_lay_paginate(b, 6, BODY, pl), 2);
    assert_int_equal(pl[1].page, 0);
    assert_int_equal(pl[3].page, 1);
    assert_true(pl[3].y == 0);
}

static void space_dropped_at_top_and_breaks(void **state)
{
    (void)state;
    bl_lay_block b[] = {blk(BL_LAY_BLOCK, 695), blk(BL_LAY_SPACE, 12),
                        blk(BL_LAY_BLOCK, 20),  blk(BL_LAY_BREAK, 0),
                        blk(BL_LAY_BREAK, 0),   blk(BL_LAY_BLOCK, 20)};
    bl_lay_place pl[6];
    assert_int_equal(bl_lay_paginate(b, 6, BODY, pl), 3);
    assert_int_equal(pl[2].page, 1);
    assert_true(pl[2].y == 0); /* the space did not push it down */
    /* two breaks in a row make one new page, not an empty one */
    assert_int_equal(pl[5].page, 2);
    assert_true(pl[5].y == 0);
}

/* A row of two cells: a short one (3 lines) and a long one (n lines of
 * 14 pt), padding 3, as write_pdf.c builds for a long 进展情况 cell. */
static size_t tall_row(bl_lay_line *lines, size_t n_long, double *height)
{
    size_t k = 0;
    for (int i = 0; i < 3; i++)
        lines[k++] = (bl_lay_line){3 + i * 14.0, 3 + (i + 1) * 14.0};
    for (size_t i = 0; i < n_long; i++)
        lines[k++] = (bl_lay_line){3 + i * 14.0, 3 + (i + 1) * 14.0};
    /* sort by top (insertion sort keeps the test self-contained) */
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && lines[j].top < lines[j - 1].top; j--) {
            bl_lay_line t = lines[j];
            lines[j] = lines[j - 1];
            lines[j - 1] = t;
        }
    *height = 3 + n_long * 14.0 + 3;
    return k;
}

static void tall_row_split_between_lines(void **state)
{
    (void)state;
    bl_lay_line lines[200];
    double h;
    size_t n = tall_row(lines, 120, &h); /* 1686 pt: more than two pages */
    bl_lay_block b[4] = {blk(BL_LAY_HEAD, 20), blk(BL_LAY_ROW, 30),
                         blk(BL_LAY_ROW, h), blk(BL_LAY_END, 0)};
    b[2].lines = lines;
    b[2].n_lines = n;
    b[2].pad = 3;
    bl_lay_place pl[4];
    int pages = bl_lay_paginate(b, 4, BODY, pl);
    /* the tall row starts right below the first row, on page 1 */
    assert_int_equal(pl[2].page, 0);
    assert_true(pl[2].y == 50);
    assert_int_equal(pl[2].parts, 3);
    assert_int_equal(pages, 3);

    /* replay the cut as the drawer does: every line in exactly one part,
     * no part taller than its room, parts in order */
    size_t first = 0, seen = 0;
    double room = BODY - 50;
    for (int k = 0; k < pl[2].parts; k++) {
        size_t before = first;
        bl_lay_part part = bl_lay_split_next(lines, n, h, 3, &first, k == 0,
                                             room);
        assert_true(first > before);
        assert_true(part.height <= room + 1e-9);
        for (size_t i = 0; i < n; i++) {
            bool in = lines[i].top >= part.from && lines[i].top < part.to;
            if (in) {
                seen++;
                assert_true(lines[i].bottom - part.from + 3 <= room + 1e-9);
            }
        }
        room = BODY - 20;
    }
    assert_int_equal(first, n);
    assert_int_equal(seen, n);
}

static void tall_row_moves_when_no_line_fits(void **state)
{
    (void)state;
    bl_lay_line lines[200];
    double h;
    size_t n = tall_row(lines, 60, &h);
    /* 690 of 700 used: not even one line (14 + 6) fits, so the row starts
     * on the next page below the repeated head */
    bl_lay_block b[] = {blk(BL_LAY_HEAD, 20), blk(BL_LAY_ROW, 670),
                        blk(BL_LAY_ROW, h), blk(BL_LAY_END, 0)};
    b[2].lines = lines;
    b[2].n_lines = n;
    b[2].pad = 3;
    bl_lay_place pl[4];
    bl_lay_paginate(b, 4, BODY, pl);
    assert_int_equal(pl[2].page, 1);
    assert_true(pl[2].y == 20);
    assert_true(pl[2].head_before);
    assert_int_equal(pl[2].parts, 2);
}

static void line_taller_than_room_still_moves_on(void **state)
{
    (void)state;
    bl_lay_line lines[] = {{0, 900}, {900, 910}};
    size_t first = 0;
    bl_lay_part p = bl_lay_split_next(lines, 2, 910, 0, &first, true, 700);
    assert_int_equal(first, 1);
    assert_true(p.to == 900);
    p = bl_lay_split_next(lines, 2, 910, 0, &first, false, 700);
    assert_int_equal(first, 2);
    assert_true(p.height == 10);
}

static void chart_continues_on_next_page(void **state)
{
    (void)state;
    /* a heading, the chart's axis head and 60 departments of 18 pt */
    bl_lay_block b[64];
    bl_lay_place pl[64];
    b[0] = blk(BL_LAY_BLOCK, 24);
    b[0].keep_with_next = true;
    b[1] = blk(BL_LAY_HEAD, 40);
    for (int i = 2; i < 62; i++)
        b[i] = blk(BL_LAY_ROW, 18);
    b[62] = blk(BL_LAY_END, 0);
    b[63] = blk(BL_LAY_BLOCK, 30);
    int pages = bl_lay_paginate(b, 64, BODY, pl);
    /* page 1: (700 - 64) / 18 = 35 rows; page 2: 25 rows below the head */
    assert_int_equal(pages, 2);
    assert_int_equal(pl[36].page, 0);
    assert_int_equal(pl[37].page, 1);
    assert_true(pl[37].head_before);
    assert_true(pl[61].y == 40 + 24 * 18);
    /* after the table, no head: the next block follows the last row */
    assert_true(pl[63].y == 40 + 25 * 18);
}

static void columns_fit(void **state)
{
    (void)state;
    /* 序号 | 项目内容 | 责任单位 | 状态 | 进展情况 | 完成率 at 9 pt */
    bl_lay_column c[] = {{18, 22, 0},   {36, 900, 1}, {36, 60, 0},
                         {36, 45, 0},   {36, 2400, 2}, {27, 40, 0}};
    double w[6];
    bl_lay_fit_columns(c, 6, 500, w);
    double sum = 0;
    for (int i = 0; i < 6; i++) {
        assert_true(w[i] >= c[i].min - 1e-9);
        sum += w[i];
    }
    assert_true(fabs(sum - 500) < 1e-6);
    /* narrow columns get their natural width */
    assert_true(w[0] == 22 && w[2] == 60 && w[3] == 45 && w[5] == 40);
    /* the rest is shared 1:2 */
    assert_true(fabs((w[4] - 36) - 2 * (w[1] - 36)) < 1e-6);

    /* a weighted column whose content is short stops at its natural
     * width and leaves the room to the other */
    c[1].natural = 100;
    bl_lay_fit_columns(c, 6, 500, w);
    assert_true(w[1] == 100);
    assert_true(fabs(w[4] - (500 - 22 - 100 - 60 - 45 - 40)) < 1e-6);

    /* too narrow for the minima: shrunk alike, still summing to total */
    bl_lay_fit_columns(c, 6, 100, w);
    sum = 0;
    for (int i = 0; i < 6; i++)
        sum += w[i];
    assert_true(fabs(sum - 100) < 1e-6);
}

static void punctuation_rules(void **state)
{
    (void)state;
    /* seed 000, project 20: "完成率达162%，" broken before the comma */
    const char *t = "1)开展职业技能培训5838人次，完成率达162%";
    size_t comma = strstr(t, "，") - t;
    assert_false(bl_lay_line_ok(t, comma, strlen(t) - comma, false, true));
    assert_true(bl_lay_line_ok(t, comma, strlen(t) - comma, true, true));
    assert_true(bl_lay_line_ok(t, 0, comma + 3, true, false));
    /* seed 002: "(1)吸收60所…“公助园”" ending a line with “ */
    const char *u = "吸收60所符合前置条件的民办等级幼儿园为“公助园”";
    size_t q = strstr(u, "“") - u;
    assert_false(bl_lay_line_ok(u, 0, q + 3, true, false));
    assert_true(bl_lay_line_ok(u, 0, q + 3, true, true));
    size_t close = strstr(u, "”") - u;
    assert_false(bl_lay_line_ok(u, close, strlen(u) - close, false, true));
    assert_true(bl_lay_line_ok(u, q + 6, strlen(u) - q - 6, false, true));
    /* ASCII: a line starting with ".75%" or ending with "(" */
    assert_false(bl_lay_line_ok("214.75%", 3, 4, false, true));
    assert_false(bl_lay_line_ok("建成(", 0, 7, true, false));
    assert_true(bl_lay_line_ok("建成( ", 0, 6, true, true));
    assert_false(bl_lay_line_ok("建成（ ", 0, 10, true, false));
    for (const char *s = "，。、；：）」』》”"; *s; s += 3) {
        const char *p = s;
        uint32_t cp = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        assert_true(bl_lay_is_closing(cp));
        assert_false(bl_lay_is_opening(cp));
    }
    for (const char *s = "（「『《“"; *s; s += 3) {
        const char *p = s;
        uint32_t cp = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        assert_true(bl_lay_is_opening(cp));
    }
    assert_false(bl_lay_is_closing(0x5B8C)); /* 完 */
    assert_false(bl_lay_is_closing('%'));
}

/* Issue item 4 on real data: every table cell of every example, in every
 * page style, laid out as the writer does, breaks no punctuation rule. */
static void every_cell_of_every_example(void **state)
{
    (void)state;
    const char *seeds[] = {SEED_CELLS, SEED_PIPE, SEED_PROSE};
    bl_pdf_options styles[3];
    memset(styles, 0, sizeof styles);
    styles[1].landscape = true;
    styles[2].style = "gongwen";
    for (int i = 0; i < 3; i++) {
        bl_model *m = seed_model(seeds[i], true);
        for (int k = 0; k < 3; k++) {
            styles[k].creation_epoch = -1;
            bl_pdf_break_report r;
            bl_error err = {0};
            assert_int_equal(bl_pdf_check_breaks(m, m->documents, &styles[k],
                                                 true, &r, &err),
                             0);
            if (r.bad)
                fprintf(stderr, "%s style %d: %zu bad lines, first: %s\n",
                        seeds[i], k, r.bad, r.first_bad);
            assert_int_equal(r.bad, 0);
            /* the fast layout of plain cells is Pango's, glyph for glyph */
            if (r.fast_differ)
                fprintf(stderr, "%s style %d: %zu of %zu fast cells differ, "
                        "first: %s\n", seeds[i], k, r.fast_differ, r.fast,
                        r.first_bad);
            assert_int_equal(r.fast_differ, 0);
            /* most cells of the default look take it; the gongwen
             * look's face here (AR PL UMing) has substitutions: none */
            if (k < 2)
                assert_true(r.fast > r.cells / 2);
            assert_true(r.cells > 100);
            assert_true(r.lines >= r.cells);
        }
        bl_model_free(m);
    }
}

/* Without the repairs the check does find lines to fix: in seed 000 the
 * department cell "县卫生健康局" breaks right before its last character
 * "局" in its narrow column at 10.5 pt. */
static void check_finds_what_repair_fixes(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_CELLS, true);
    bl_pdf_options o;
    memset(&o, 0, sizeof o);
    o.creation_epoch = -1;
    bl_pdf_break_report fixed, raw;
    bl_error err = {0};
    assert_int_equal(bl_pdf_check_breaks(m, m->documents, &o, true, &fixed,
                                         &err), 0);
    assert_int_equal(bl_pdf_check_breaks(m, m->documents, &o, false, &raw,
                                         &err), 0);
    assert_true(fixed.repaired > 0);
    assert_true(raw.bad >= fixed.repaired);
    assert_int_equal(fixed.bad, 0);
    assert_non_null(strstr(raw.first_bad, "局 | 局"));
    bl_model_free(m);
}

/* Rows laid out on worker threads (each with its own font map), and
 * the pages' streams deflated by a pool (pdf_zpool.h), give the same bytes
 * as rows laid out and streams deflated on the calling thread: with the
 * direct backend (its pages' content in the pool) and with cairo (its
 * pages and fonts). */
static void workers_write_the_same_bytes_with(const char *backend)
{
    bl_model *m = seed_model(SEED_CELLS, true);
    const char *dir = getenv("BL_BUILD_DIR");
    char a[1024], b[1024];
    snprintf(a, sizeof a, "%s/test_layout_inline.pdf", dir ? dir : ".");
    snprintf(b, sizeof b, "%s/test_layout_workers.pdf", dir ? dir : ".");
    bl_pdf_options o;
    memset(&o, 0, sizeof o);
    o.creation_epoch = 1700000000;
    o.jobs = 1;
    o.backend = backend;
    bl_pdf_stats sa, sb;
    bl_error err = {0};
    assert_int_equal(bl_write_pdf(m, m->documents, a, &o, &sa, &err), 0);
    o.jobs = backend ? 2 : 3; /* the direct backend's pool wants a third core */
    assert_int_equal(bl_write_pdf(m, m->documents, b, &o, &sb, &err), 0);
    assert_int_equal(sa.pages, sb.pages);
    assert_true(sa.bytes == sb.bytes && sa.bytes > 10000);
    /* the pages (and cairo's fonts) in the pool with 2, none with 1 */
    assert_int_equal(sa.streams_pooled, 0);
    if (backend)
        assert_true(sb.streams_pooled > (size_t)sb.pages);
    else
        assert_int_equal(sb.streams_pooled, sb.pages);
    bl_buf x = BL_BUF_INIT, y = BL_BUF_INIT;
    assert_int_equal(bl_read_file(a, &x, &err), 0);
    assert_int_equal(bl_read_file(b, &y, &err), 0);
    assert_int_equal(x.len, y.len);
    assert_memory_equal(x.data, y.data, x.len);
    bl_buf_free(&x);
    bl_buf_free(&y);
    remove(a);
    remove(b);
    bl_model_free(m);
}

static void workers_write_the_same_bytes(void **state)
{
    (void)state;
    workers_write_the_same_bytes_with(NULL);
    workers_write_the_same_bytes_with("cairo");
}

/* The other shapes of a table's widths: no wrapping column (the rest
 * spread evenly), a fixed column stopped where the wrapping one keeps its
 * share, and every column on one line with room to spare (widened by
 * weight). */
static void columns_fit_edges(void **state)
{
    (void)state;
    double w[2];
    const bl_lay_column fixed[] = {{10, 20, 0}, {10, 30, 0}};
    bl_lay_fit_columns(fixed, 2, 100, w);
    assert_true(fabs(w[0] - 45) < 1e-9 && fabs(w[1] - 55) < 1e-9);
    /* the wrapping column keeps min(natural 50, 60% of 100) = 50 */
    const bl_lay_column wide[] = {{10, 100, 0}, {10, 50, 1}};
    bl_lay_fit_columns(wide, 2, 100, w);
    assert_true(fabs(w[0] - 50) < 1e-9 && fabs(w[1] - 50) < 1e-9);
    const bl_lay_column short_text[] = {{10, 20, 1}, {10, 20, 3}};
    bl_lay_fit_columns(short_text, 2, 100, w);
    assert_true(fabs(w[0] - 35) < 1e-9 && fabs(w[1] - 65) < 1e-9);
}

/* Any white space after an opening bracket still makes it end the line;
 * bytes that are not UTF-8 are no punctuation. */
static void punctuation_spaces_and_bad_bytes(void **state)
{
    (void)state;
    const char *t = "建成（\t\r\n\xE3\x80\x80\xC2\xA0\xE2\x80\xA8\xE2\x80\xA9 ";
    assert_false(bl_lay_line_ok(t, 0, strlen(t), true, false));
    assert_true(bl_lay_line_ok(t, 0, strlen(t), true, true));
    assert_true(bl_lay_line_ok("\xFF，", 0, 4, false, false));
    assert_true(bl_lay_line_ok("\xEF\xBC", 0, 2, false, false)); /* ， cut */
    assert_false(bl_lay_line_ok("，", 0, 3, false, false));
    assert_true(bl_lay_line_ok("", 0, 0, false, false));
    assert_true(bl_lay_is_closing(0xFF0E) && bl_lay_is_opening(0xFF5B));
    assert_false(bl_lay_is_closing('a') || bl_lay_is_opening('a'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_fill_pages),
        cmocka_unit_test(head_never_orphaned),
        cmocka_unit_test(no_lone_rows),
        cmocka_unit_test(heading_kept_with_table),
        cmocka_unit_test(space_dropped_at_top_and_breaks),
        cmocka_unit_test(tall_row_split_between_lines),
        cmocka_unit_test(tall_row_moves_when_no_line_fits),
        cmocka_unit_test(line_taller_than_room_still_moves_on),
        cmocka_unit_test(chart_continues_on_next_page),
        cmocka_unit_test(columns_fit_edges),
        cmocka_unit_test(punctuation_spaces_and_bad_bytes),
        cmocka_unit_test(columns_fit),
        cmocka_unit_test(punctuation_rules),
        cmocka_unit_test(every_cell_of_every_example),
        cmocka_unit_test(check_finds_what_repair_fixes),
        cmocka_unit_test(workers_write_the_same_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
