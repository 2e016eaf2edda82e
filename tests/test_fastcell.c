/* test_fastcell.c - the fast layout of plain table cells (pdf_fastcell.c)
 * is Pango's, line for line and glyph for glyph (issue 12, the same
 * bytes), on cells heavy with punctuation: ASCII and full-width marks,
 * brackets, quotes, %, + and -, numbers with units, Latin words, spaces.
 * tests/data/pdf/punct_cells.txt holds them as a pipe table; each is laid
 * out by both paths (bl_pdf_check_breaks) at the table sizes --font-size
 * allows, portrait and landscape, and with a department name of several
 * lengths, which moves the widths of the other columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "alloc.h"
#include "seeds.h"
#include "write_pdf.h"

#define DATA "tests/data/pdf/punct_cells.txt"

/* The data file and one more row whose department has n characters. */
static bl_model *variant(int n)
{
    FILE *fp = fopen(seed_path(DATA), "rb");
    assert_non_null(fp);
    char buf[16384];
    size_t len = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    assert_true(len > 0 && len < sizeof buf - 512);
    buf[len] = 0;
    strcat(buf, "(99)新增停车位5000个以上。 | 完成50%。 | 已完成。 | 50% | 市");
    for (int k = 0; k < n; k++)
        strcat(buf, "综");
    strcat(buf, "局 | 王林 |\n");
    bl_model *m = bl_model_new();
    bl_error err = {0};
    assert_int_equal(seed_text(m, "punct_cells.txt", buf, "pipe", &err),
                     BL_OK);
    bl_aliases *a = NULL;
    assert_int_equal(bl_aliases_new(&a, &err), 0);
    assert_int_equal(bl_analyze(m, a, &err), 0);
    bl_aliases_free(a);
    return m;
}

static void punctuation_cells_as_pango_lays_them(void **state)
{
    (void)state;
    size_t cells = 0, fast = 0, differ = 0;
    for (int n = 0; n < 4; n++) {
        bl_model *m = variant(2 + 3 * n);
        /* 6 to 24 pt in half points: 9 (the old table size), 10.5 (the
         * default), 12, 14, 16 and the sizes between */
        for (double pt = 6; pt <= 24; pt += 0.5)
            for (int land = 0; land < 2; land++) {
                bl_pdf_options o;
                memset(&o, 0, sizeof o);
                o.creation_epoch = -1;
                o.landscape = land;
                o.table_font_pt = pt;
                bl_pdf_break_report r;
                bl_error err = {0};
                assert_int_equal(bl_pdf_check_breaks(m, m->documents, &o,
                                                     true, &r, &err),
                                 0);
                if (r.fast_differ)
                    fprintf(stderr, "%g pt%s, department of %d: %zu of "
                            "%zu fast cells differ, first: %s\n", pt,
                            land ? " landscape" : "", 2 + 3 * n,
                            r.fast_differ, r.fast, r.first_bad);
                assert_int_equal(r.bad, 0);
                /* the file is mostly what the fast path takes */
                assert_true(r.fast > r.cells / 2);
                cells += r.cells;
                fast += r.fast;
                differ += r.fast_differ;
            }
        bl_model_free(m);
    }
    fprintf(stderr, "%zu cells, %zu fast, %zu differ\n", cells, fast, differ);
    assert_int_equal(differ, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(punctuation_cells_as_pango_lays_them),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
