/* test_error.c - bl_error: setting, formatting by what is known, names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "error.h"

static void format_by_what_is_known(void **state)
{
    (void)state;
    bl_error e = {0};
    char out[2048];
    assert_int_equal(bl_error_set_at(&e, BL_EINPUT, "a.txt", 3, 7, "bad %s", "cell"),
                     BL_EINPUT);
    bl_error_format(&e, out, sizeof out);
    assert_string_equal(out, "a.txt:3:7: error: bad cell");
    bl_error_set(&e, BL_EIO, "a.txt", 3, "cannot read");
    bl_error_format(&e, out, sizeof out);
    assert_string_equal(out, "a.txt:3: error: cannot read");
    bl_error_set(&e, BL_EIO, "a.txt", 0, "cannot read");
    bl_error_format(&e, out, sizeof out);
    assert_string_equal(out, "a.txt: error: cannot read");
    bl_error_set(&e, BL_EUSAGE, NULL, 5, "no file");
    bl_error_format(&e, out, sizeof out);
    assert_string_equal(out, "error: no file");
    bl_error_clear(&e);
    assert_int_equal(e.code, BL_OK);
    assert_string_equal(e.message, "");
}

static void null_error_keeps_the_code(void **state)
{
    (void)state;
    assert_int_equal(bl_error_set(NULL, BL_ENOMEM, "x", 1, "y"), BL_ENOMEM);
    assert_int_equal(bl_error_set_at(NULL, BL_EFONT, "x", 1, 2, "y"), BL_EFONT);
    bl_error_clear(NULL);
}

static void status_names(void **state)
{
    (void)state;
    static const char *const names[] = {"ok", "input", "usage", "io",
                                        "template", "font", "memory"};
    for (int c = BL_OK; c <= BL_ENOMEM; c++)
        assert_string_equal(bl_status_name(c), names[c]);
    assert_string_equal(bl_status_name(99), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_by_what_is_known),
        cmocka_unit_test(null_error_keeps_the_code),
        cmocka_unit_test(status_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
