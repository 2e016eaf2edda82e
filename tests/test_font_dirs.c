/* test_font_dirs.c - an office font directory (--font-dir) as fonts.c
 * walks it: faces in subdirectories are added, hidden entries and files
 * that hold no face are passed over without a warning. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fonts.h"

/* LeakSanitizer: fontconfig's memory (see test_fonts.c). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static const char *const dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

static bl_fonts *open_dir(const char *dir)
{
    bl_fonts_options opts = {dir, false};
    bl_fonts *f = NULL;
    bl_error err = {0};
    if (bl_fonts_open(&opts, &f, &err) != BL_OK)
        fail_msg("bl_fonts_open: %s", err.message);
    return f;
}

static void nested_and_hidden(void **state)
{
    (void)state;
    if (access(dejavu, R_OK) != 0)
        skip();
    char dir[] = "/tmp/test_font_dirs-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[4][1200];
    snprintf(p[0], sizeof p[0], "%s/.hidden", dir);
    snprintf(p[1], sizeof p[1], "%s/.hidden/office.ttf", dir);
    snprintf(p[2], sizeof p[2], "%s/notes.txt", dir);
    assert_int_equal(mkdir(p[0], 0700), 0);
    assert_int_equal(symlink(dejavu, p[1]), 0);
    FILE *fp = fopen(p[2], "w");
    assert_non_null(fp);
    fputs("not a font\n", fp);
    fclose(fp);

    /* Only a hidden face and a text file: nothing added, nothing said. */
    bl_fonts *f = open_dir(dir);
    assert_string_equal(bl_fonts_warnings(f), "");
    assert_false(bl_fonts_covers(f, 0x1F600));
    bl_fonts_free(f);

    /* The same face two levels down is found. */
    char a[1200], b[1200], face[1300];
    snprintf(a, sizeof a, "%s/a", dir);
    snprintf(b, sizeof b, "%s/a/b", dir);
    snprintf(face, sizeof face, "%s/a/b/office.ttf", dir);
    assert_int_equal(mkdir(a, 0700), 0);
    assert_int_equal(mkdir(b, 0700), 0);
    assert_int_equal(symlink(dejavu, face), 0);
    f = open_dir(dir);
    assert_string_equal(bl_fonts_warnings(f), "");
    assert_true(bl_fonts_covers(f, 0x1F600));
    bl_fonts_free(f);

    unlink(face);
    rmdir(b);
    rmdir(a);
    unlink(p[2]);
    unlink(p[1]);
    rmdir(p[0]);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nested_and_hidden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
