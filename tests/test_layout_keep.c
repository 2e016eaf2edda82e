/* test_layout_keep.c - layout.c's pagination of a block kept with a row
 * that follows it (the room it needs is the row's: a tall row below a
 * table head needs only its first line; outside a table, or after the
 * table ended, no head is counted), and column widths when no column
 * wraps (the room left spread evenly). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "layout.h"

static bl_lay_block blk(bl_lay_kind kind, double h, bool keep)
{
    bl_lay_block b;
    memset(&b, 0, sizeof b);
    b.kind = kind;
    b.height = h;
    b.keep_with_next = keep;
    return b;
}

static void kept_with_row_outside_tables(void **state)
{
    (void)state;
    for (int ended_table = 0; ended_table < 2; ended_table++) {
        bl_lay_block b[8];
        size_t n = 0;
        if (ended_table) { /* a table before: its head does not count later */
            b[n++] = blk(BL_LAY_HEAD, 10, false);
            b[n++] = blk(BL_LAY_ROW, 10, false);
            b[n++] = blk(BL_LAY_END, 0, false);
        }
        b[n++] = blk(BL_LAY_BLOCK, 60 - 20 * ended_table, false);
        size_t kept = n;
        b[n++] = blk(BL_LAY_BLOCK, 20, true);
        b[n++] = blk(BL_LAY_ROW, 40, false);
        bl_lay_place pl[8];
        /* 60 + 20 fits, 60 + 20 + 40 does not: the heading goes with its
         * row to the next page. */
        assert_int_equal(bl_lay_paginate(b, n, 100, pl), 2);
        assert_int_equal(pl[kept - 1].page, 0);
        assert_int_equal(pl[kept].page, 1);
        assert_true(pl[kept].y == 0);
        assert_int_equal(pl[kept + 1].page, 1);
        assert_true(pl[kept + 1].y == 20);
        /* Not kept: the heading stays, the row moves alone. */
        b[kept].keep_with_next = false;
        assert_int_equal(bl_lay_paginate(b, n, 100, pl), 2);
        assert_int_equal(pl[kept].page, 0);
        assert_int_equal(pl[kept + 1].page, 1);
    }
}

static void kept_with_tall_row_in_table(void **state)
{
    (void)state;
    /* Inside a table (head 20): a note kept with a row of 150 that will be
     * split anyway needs room for the row's first line only (pad 4, first
     * line 4..24, last line ends at 146). */
    static const bl_lay_line lines[] = {{4, 24}, {24, 44}, {44, 64}, {64, 84},
                                        {84, 104}, {104, 124}, {126, 146}};
    bl_lay_block b[5] = {blk(BL_LAY_HEAD, 20, false), blk(BL_LAY_ROW, 30, false),
                         blk(BL_LAY_BLOCK, 10, true), blk(BL_LAY_ROW, 150, false),
                         blk(BL_LAY_END, 0, false)};
    b[3].lines = lines;
    b[3].n_lines = sizeof lines / sizeof lines[0];
    b[3].pad = 4;
    bl_lay_place pl[5];
    /* head 0..20, row 20..50, note 50..60 (+ 24 + 4 of the row = 88 <= 100):
     * the note stays on the first page and the row starts below it. */
    int pages = bl_lay_paginate(b, 5, 100, pl);
    assert_int_equal(pl[2].page, 0);
    assert_true(pl[2].y == 50);
    assert_int_equal(pl[3].page, 0);
    assert_true(pl[3].y == 60);
    assert_true(pl[3].parts >= 2);
    assert_int_equal(pages, 1 + pl[3].parts - 1);
    /* Without lines to split at, the whole row must fit: the note moves
     * with it to the next page. */
    b[3].n_lines = 0;
    bl_lay_paginate(b, 5, 100, pl);
    assert_int_equal(pl[2].page, 1);
    assert_true(pl[2].y == 0);
    assert_int_equal(pl[3].page, 1);
}

static void no_wrapping_column(void **state)
{
    (void)state;
    /* Fixed columns only: each gets its natural width, then the room left
     * is shared evenly. */
    const bl_lay_column cols[3] = {{10, 30, 0}, {10, 20, 0}, {5, 50, 0}};
    double w[3];
    bl_lay_fit_columns(cols, 3, 130, w);
    assert_true(w[0] == 40 && w[1] == 30 && w[2] == 60);
    /* Too little room for the natural widths: the narrowest growth first,
     * the last one what is left, nothing to spread. */
    bl_lay_fit_columns(cols, 3, 60, w);
    assert_true(w[0] + w[1] + w[2] == 60);
    assert_true(w[1] == 20 && w[0] == 30 && w[2] == 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kept_with_row_outside_tables),
        cmocka_unit_test(kept_with_tall_row_in_table),
        cmocka_unit_test(no_wrapping_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
