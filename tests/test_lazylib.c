/* test_lazylib.c - libraries opened on first use (lazylib.h): a library
 * that is there and its functions, one that is not, a function it lacks.
 * tests/test_cli.sh checks that the program does not link the libraries it
 * opens this way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <zlib.h>

#include "lazylib.h"

static void opens_a_library_and_finds_its_functions(void **state)
{
    (void)state;
    bl_error err = {0};
    void *lib = bl_lazylib_open("libz.so.1", "x.pdf", &err);
    assert_non_null(lib);
    const char *(*version)(void) =
        (const char *(*)(void))bl_lazylib_sym(lib, "libz.so.1", "zlibVersion",
                                              "x.pdf", &err);
    assert_non_null(version);
    assert_string_equal(version(), zlibVersion()); /* the same library */
    assert_int_equal(err.code, BL_OK);
}

static void names_what_is_missing(void **state)
{
    (void)state;
    bl_error err = {0};
    assert_null(bl_lazylib_open("libbulletin-no-such.so.7", "out.pdf", &err));
    assert_int_equal(err.code, BL_EIO);
    assert_string_equal(err.file, "out.pdf");
    assert_non_null(strstr(err.message, "cannot load libbulletin-no-such.so.7: "));

    bl_error e2 = {0};
    void *lib = bl_lazylib_open("libz.so.1", "out.pdf", &e2);
    assert_non_null(lib);
    assert_null(bl_lazylib_sym(lib, "libz.so.1", "no_such_function_here",
                               "out.pdf", &e2));
    assert_int_equal(e2.code, BL_EIO);
    assert_string_equal(e2.message, "libz.so.1 has no function no_such_function_here");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(opens_a_library_and_finds_its_functions),
        cmocka_unit_test(names_what_is_missing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
