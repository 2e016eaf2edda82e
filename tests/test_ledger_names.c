/* test_ledger_names.c - the ledger's names back to values (ledger.c), as
 * read_ledger.c reads a level, a rate source and a period kind: every
 * value's name comes back as that value; other names, the empty name,
 * NULL and the "none" value's missing name are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ledger.h"

static void levels(void **state)
{
    (void)state;
    bl_level l = BL_LEVEL_NONE;
    for (int v = BL_LEVEL_PROVINCE; v <= BL_LEVEL_TOWN; v++) {
        assert_true(bl_level_from_name(bl_level_name((bl_level)v), &l));
        assert_int_equal(l, v);
    }
    l = BL_LEVEL_CITY;
    assert_false(bl_level_from_name("village", &l));
    assert_false(bl_level_from_name("", &l));
    assert_false(bl_level_from_name(NULL, &l));
    assert_int_equal(l, BL_LEVEL_CITY); /* unchanged when refused */
}

static void rate_sources(void **state)
{
    (void)state;
    bl_rate_source s = BL_RATE_NONE;
    for (int v = BL_RATE_TEXT; v <= BL_RATE_STATUS; v++) {
        assert_true(bl_rate_source_from_name(bl_rate_source_name((bl_rate_source)v), &s));
        assert_int_equal(s, v);
    }
    assert_false(bl_rate_source_from_name("guess", &s));
    assert_false(bl_rate_source_from_name(NULL, &s));
    assert_int_equal(s, BL_RATE_STATUS);
}

static void period_kinds(void **state)
{
    (void)state;
    bl_period_kind k = BL_PERIOD_NONE;
    for (int v = BL_PERIOD_MONTH; v <= BL_PERIOD_YEAR; v++) {
        assert_true(bl_period_kind_from_name(bl_period_kind_name((bl_period_kind)v), &k));
        assert_int_equal(k, v);
    }
    assert_null(bl_period_kind_name(BL_PERIOD_NONE));
    assert_false(bl_period_kind_from_name("week", &k));
    assert_false(bl_period_kind_from_name(NULL, &k));
    assert_int_equal(k, BL_PERIOD_YEAR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(levels),
        cmocka_unit_test(rate_sources),
        cmocka_unit_test(period_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
