/* test_chart.c - the per-department chart (chart.c): classes agree with
 * the view model, bar geometry (scale, 100% and schedule lines, label
 * column), and painting checked on pixels: bar lengths, the dashed
 * schedule line, and grayscale classes that stay distinguishable. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "fonts.h"

static bl_fonts *fonts;
static PangoContext *ctx;

static int setup(void **state)
{
    (void)state;
    bl_error err = {0};
    if (bl_fonts_open(NULL, &fonts, &err) != 0)
        return -1;
    ctx = bl_fonts_context_new(fonts);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    g_object_unref(ctx);
    bl_fonts_free(fonts);
    return 0;
}

static PangoLayout *chart_layout(double size)
{
    PangoLayout *l = pango_layout_new(ctx);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, bl_fonts_sans(fonts));
    pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    return l;
}

static void classes_match_view(void **state)
{
    (void)state;
    /* view.c: >= 100 full, >= 80 high, >= 50 mid, else low */
    assert_int_equal(bl_chart_class_of(true, 100), BL_CHART_FULL);
    assert_int_equal(bl_chart_class_of(true, 99.99), BL_CHART_HIGH);
    assert_int_equal(bl_chart_class_of(true, 80), BL_CHART_HIGH);
    assert_int_equal(bl_chart_class_of(true, 79.9), BL_CHART_MID);
    assert_int_equal(bl_chart_class_of(true, 50), BL_CHART_MID);
    assert_int_equal(bl_chart_class_of(true, 49.9), BL_CHART_LOW);
    assert_int_equal(bl_chart_class_of(true, 0), BL_CHART_LOW);
    assert_int_equal(bl_chart_class_of(false, 100), BL_CHART_NONE);
    assert_int_equal(bl_chart_class_from_name("full"), BL_CHART_FULL);
    assert_int_equal(bl_chart_class_from_name("high"), BL_CHART_HIGH);
    assert_int_equal(bl_chart_class_from_name("mid"), BL_CHART_MID);
    assert_int_equal(bl_chart_class_from_name("low"), BL_CHART_LOW);
    assert_int_equal(bl_chart_class_from_name("none"), BL_CHART_NONE);
    assert_int_equal(bl_chart_class_from_name(NULL), BL_CHART_NONE);
}

static void geometry(void **state)
{
    (void)state;
    bl_chart_geom g;
    /* seed 000 is an October report: the schedule line is at 83.3% */
    bl_chart_layout(50, 500, 9, 12, 60, 25, 30, 83.3, &g);
    assert_true(g.x0 > 50 + 60);
    assert_true(g.x100 > g.x0);
    /* the value labels' column lies between the 100% line and counts */
    assert_true(g.x100 + g.label_w < g.counts_x);
    assert_true(fabs(g.counts_x + 30 - 550) < 1e-9);
    assert_true(fabs(bl_chart_x(&g, 83.3) - (g.x0 + 0.833 * (g.x100 - g.x0))) <
                1e-9);
    assert_true(bl_chart_x(&g, 0) == g.x0);
    assert_true(bl_chart_x(&g, 100) == g.x100);
    assert_true(bl_chart_x(&g, 215) == g.x100); /* capped */
    assert_true(bl_chart_x(&g, -5) == g.x0);
    assert_true(bl_chart_x(&g, NAN) == g.x0);
    assert_true(g.has_schedule);
    assert_true(g.row_h >= 12 && g.head_h >= 24);
    /* a very long name is capped at a third of the chart */
    bl_chart_layout(50, 500, 9, 12, 400, 25, 30, -1, &g);
    assert_true(fabs(g.name_w - 500 / 3.0) < 1e-9);
    assert_false(g.has_schedule);
}

static void long_name_makes_row_taller(void **state)
{
    (void)state;
    PangoLayout *l = chart_layout(9);
    bl_chart_geom g;
    bl_chart_layout(50, 300, 9, 12, 40, 25, 30, 83.3, &g);
    bl_chart_bar shortb = {"教育局", "100%", "6 · 0", true, 100, BL_CHART_FULL, NULL};
    bl_chart_bar longb = {"县综合行政执法局雅阳中队", "90%", "1 · 0", true, 90,
                          BL_CHART_HIGH, NULL};
    double h1 = bl_chart_row_height(&g, l, &shortb);
    double h2 = bl_chart_row_height(&g, l, &longb);
    assert_true(h1 == g.row_h);
    assert_true(h2 > h1); /* wraps rather than shrinking its text */
    g_object_unref(l);
}

/* Darkness (0 white .. 1 black) of pixel (x, y) of an RGB24 surface. */
static double ink(cairo_surface_t *s, int x, int y)
{
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    uint32_t px = *(uint32_t *)(d + y * stride + x * 4);
    return 1.0 - (double)((px >> 8) & 0xFF) / 255.0;
}

/* A white image and a cairo canvas drawing on it. */
static cairo_surface_t *white_surface(int w, int h, pdf_canvas **cv)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_destroy(cr);
    *cv = pdf_canvas_new_cairo(s);
    return s;
}

static void bar_painted_to_its_rate(void **state)
{
    (void)state;
    PangoLayout *l = chart_layout(9);
    pdf_canvas *cr;
    cairo_surface_t *s = white_surface(600, 60, &cr);
    bl_chart_geom g;
    bl_chart_layout(20, 560, 9, 12, 60, 25, 30, 83.3, &g);
    /* seed 000, list 3: 罗阳镇 at 76% */
    bl_chart_bar b = {"罗阳镇", "76%", "5 · 1", true, 76, BL_CHART_FULL, NULL};
    bl_chart_paint_row(cr, &g, 10, 20, l, &b);
    cairo_surface_flush(s);
    int y = 20; /* middle of the row */
    double x76 = bl_chart_x(&g, 76), x60 = bl_chart_x(&g, 60);
    /* inside the bar: dark */
    for (int x = (int)g.x0 + 2; x < (int)x76 - 2; x++)
        if (fabs(x - x60) > 2)
            assert_true(ink(s, x, y) > 0.6);
    /* after the bar, before the 80% grid line: white */
    for (int x = (int)x76 + 3; x < (int)bl_chart_x(&g, 80) - 2; x++)
        assert_true(ink(s, x, y) < 0.05);
    /* the dashed schedule line: some rows of its column are inked, some
     * are not */
    int sx = (int)lround(bl_chart_x(&g, 83.3));
    int on = 0, off = 0;
    for (int yy = 11; yy < 29; yy++) {
        double k = fmax(ink(s, sx, yy), ink(s, sx - 1, yy));
        if (k > 0.3)
            on++;
        else if (k < 0.05)
            off++;
    }
    assert_true(on > 3 && off > 3);
    /* the solid 100% line: inked along the whole row */
    int hx = (int)lround(g.x100);
    for (int yy = 11; yy < 29; yy++)
        assert_true(fmax(ink(s, hx, yy), ink(s, hx - 1, yy)) > 0.3);
    pdf_canvas_free(cr);
    cairo_surface_destroy(s);
    g_object_unref(l);
}

/* Mean darkness and how much it varies along a line through a swatch. */
static void swatch_look(bl_chart_class c, double *mean, double *spread)
{
    pdf_canvas *cr;
    cairo_surface_t *s = white_surface(80, 20, &cr);
    bl_chart_paint_swatch(cr, 0, 0, 80, 20, c);
    cairo_surface_flush(s);
    double sum = 0, sq = 0;
    int n = 0;
    for (int y = 3; y < 17; y++)
        for (int x = 3; x < 77; x++) {
            double k = ink(s, x, y);
            sum += k;
            sq += k * k;
            n++;
        }
    *mean = sum / n;
    *spread = sqrt(fmax(0, sq / n - *mean * *mean));
    pdf_canvas_free(cr);
    cairo_surface_destroy(s);
}

static void classes_apart_in_grayscale(void **state)
{
    (void)state;
    double m[5], sp[5];
    for (int c = BL_CHART_LOW; c <= BL_CHART_FULL; c++)
        swatch_look((bl_chart_class)c, &m[c], &sp[c]);
    /* the solid classes are flat, the hatched ones textured */
    assert_true(sp[BL_CHART_FULL] < 0.05 && sp[BL_CHART_HIGH] < 0.05);
    assert_true(sp[BL_CHART_MID] > 0.15 && sp[BL_CHART_LOW] > 0.15);
    /* and each pair differs in tone */
    assert_true(m[BL_CHART_FULL] - m[BL_CHART_HIGH] > 0.2);
    assert_true(fabs(m[BL_CHART_MID] - m[BL_CHART_LOW]) > 0.05);
}

/* An office's colour (settings secondary): FULL is that colour, HIGH its
 * tint, the hatched classes stay textured; the grayscale rule holds. */
static void classes_apart_in_colour(void **state)
{
    (void)state;
    const double rgb[3] = {0x12 / 255.0, 0x34 / 255.0, 0x56 / 255.0};
    double mean[5], spread[5];
    uint32_t centre[5];
    for (int c = BL_CHART_LOW; c <= BL_CHART_FULL; c++) {
        pdf_canvas *cr;
        cairo_surface_t *s = white_surface(80, 20, &cr);
        bl_chart_paint_swatch_rgb(cr, 0, 0, 80, 20, (bl_chart_class)c, rgb);
        cairo_surface_flush(s);
        double sum = 0, sq = 0;
        int n = 0;
        for (int y = 3; y < 17; y++)
            for (int x = 3; x < 77; x++) {
                double k = ink(s, x, y);
                sum += k;
                sq += k * k;
                n++;
            }
        mean[c] = sum / n;
        spread[c] = sqrt(fmax(0, sq / n - mean[c] * mean[c]));
        unsigned char *d = cairo_image_surface_get_data(s);
        centre[c] = *(uint32_t *)(d + 10 * cairo_image_surface_get_stride(s) + 40 * 4) & 0xFFFFFF;
        pdf_canvas_free(cr);
        cairo_surface_destroy(s);
    }
    assert_int_equal(centre[BL_CHART_FULL], 0x123456);
    /* HIGH: the colour half mixed with white, channel by channel */
    unsigned hi = centre[BL_CHART_HIGH];
    assert_true(abs((int)(hi >> 16) - (255 + 0x12) / 2) <= 2);
    assert_true(abs((int)((hi >> 8) & 0xFF) - (255 + 0x34) / 2) <= 2);
    assert_true(abs((int)(hi & 0xFF) - (255 + 0x56) / 2) <= 2);
    assert_true(spread[BL_CHART_FULL] < 0.05 && spread[BL_CHART_HIGH] < 0.05);
    assert_true(spread[BL_CHART_MID] > 0.15 && spread[BL_CHART_LOW] > 0.15);
    assert_true(mean[BL_CHART_FULL] - mean[BL_CHART_HIGH] > 0.2);
}

static void head_draws_legend_and_axis(void **state)
{
    (void)state;
    PangoLayout *l = chart_layout(9);
    pdf_canvas *cr;
    cairo_surface_t *s = white_surface(600, 60, &cr);
    bl_chart_geom g;
    bl_chart_layout(20, 560, 9, 12, 60, 25, 30, 83.3, &g);
    bl_chart_words w = {{"达到 100%", "80%–99%", "50%–79%", "不足 50%"},
                        "责任单位", "项目数 · 滞后", "序时进度 83.3%"};
    bl_chart_paint_head(cr, &g, 5, l, &w);
    cairo_surface_flush(s);
    /* the axis line under the head runs from 0% to 100% */
    int y = (int)(5 + g.head_h - 0.5);
    for (int x = (int)g.x0 + 1; x < (int)g.x100 - 1; x++)
        assert_true(ink(s, x, y) > 0.2);
    /* the legend: its first swatch (solid, dark) starts at the left */
    double k = 0;
    for (int x = 21; x < 30; x++)
        k = fmax(k, ink(s, x, 5 + (int)(g.line_h / 2)));
    assert_true(k > 0.6);
    pdf_canvas_free(cr);
    cairo_surface_destroy(s);
    g_object_unref(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(classes_match_view),
        cmocka_unit_test(geometry),
        cmocka_unit_test(long_name_makes_row_taller),
        cmocka_unit_test(bar_painted_to_its_rate),
        cmocka_unit_test(classes_apart_in_grayscale),
        cmocka_unit_test(classes_apart_in_colour),
        cmocka_unit_test(head_draws_legend_and_axis),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
