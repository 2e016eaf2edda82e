/* test_series.c - `bulletin site`'s order of reports (series.c) on
 * hand-built documents: by period, ties by publish date (a dated report
 * before an undated one) and then as given, with the same period warned;
 * a report naming no office goes with the others; two offices refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "series.h"

static bl_document *doc(bl_model *m, const char *source, const char *office, int month,
                        const char *published)
{
    bl_document *d = bl_model_add_document(m, source);
    d->office = office;
    d->year = 2023;
    d->month = month;
    d->published = published;
    return d;
}

typedef struct said {
    char text[2048];
} said;

static void warned(void *ctx, const bl_document *d, const char *message)
{
    said *s = ctx;
    size_t n = strlen(s->text);
    snprintf(s->text + n, sizeof s->text - n, "%s: %s|", d->source, message);
}

static void order_of(const bl_model *m, char *out, size_t size)
{
    out[0] = '\0';
    for (const bl_document *d = m->documents; d; d = d->next) {
        size_t n = strlen(out);
        snprintf(out + n, size - n, "%s%s", n ? " " : "", d->source);
    }
}

static void same_period_ties(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    doc(m, "oct-b", "甲县政府办", 10, NULL);
    doc(m, "oct-a", NULL, 10, "2023-11-02");
    doc(m, "sep", "甲县政府办", 9, "2023-10-05");
    doc(m, "oct-c", "甲县政府办", 10, "2023-11-01");
    said s = {""};
    bl_error err = {0};
    assert_int_equal(bl_series_order(m, warned, &s, &err), BL_OK);
    char order[256];
    order_of(m, order, sizeof order);
    /* October's three: the dated by date, the undated last. */
    assert_string_equal(order, "sep oct-c oct-a oct-b");
    assert_non_null(strstr(s.text, "oct-a: states the same period as oct-c; both are kept"));
    assert_non_null(strstr(s.text, "oct-b: states the same period as oct-a; both are kept"));
    assert_null(strstr(s.text, "sep:"));
    assert_string_equal(m->documents_tail->source, "oct-b");
    bl_model_free(m);
}

static void two_offices(void **state)
{
    (void)state;
    bl_model *m = bl_model_new();
    doc(m, "a", NULL, 9, NULL);
    doc(m, "b", "甲县政府办", 10, NULL);
    doc(m, "c", "乙县政府办", 11, NULL);
    bl_error err = {0};
    assert_int_equal(bl_series_order(m, NULL, NULL, &err), BL_EUSAGE);
    assert_non_null(strstr(err.message, "more than one office (b: 甲县政府办; c: 乙县政府办)"));
    bl_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_period_ties),
        cmocka_unit_test(two_offices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
