/* test_settings.c - the office settings file (settings.c) on files written
 * to a scratch directory: what each key gives, and every refusal with its
 * line and message. tests/test_settings_pdf.sh checks what the writers do
 * with the values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "settings.h"

static char dir[64];

static const char *at(const char *name)
{
    static char buf[2][PATH_MAX];
    static int k;
    char *p = buf[k++ % 2];
    snprintf(p, PATH_MAX, "%s/%s", dir, name);
    return p;
}

static const char *put(const char *name, const char *text, size_t len)
{
    const char *path = at(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    return path;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/bl-settings-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static void values(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("fonts"), 0755), 0);
    put("logo.svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n", 64);
    const char text[] = "# 办公室\n"
                        "\n"
                        "  [office]  \r\n"
                        "name = 某县人民政府督查室\n"
                        "\tlogo = logo.svg\n"
                        "footer=联系电话 0577-1234\n"
                        "[colours]\n"
                        "accent = #AbCdEf\n"
                        "[output]\n"
                        "edition = internal\n"
                        "style = gongwen\n"
                        "page-size = A4-landscape\n"
                        "font-size = 12.5\n"
                        "font-dirs = fonts; /tmp\n";
    bl_settings s;
    bl_error err = {0};
    assert_int_equal(bl_settings_load(put("a.conf", text, strlen(text)), &s, &err), BL_OK);
    assert_string_equal(s.name, "某县人民政府督查室");
    assert_string_equal(s.footer, "联系电话 0577-1234");
    assert_null(s.contact);
    assert_string_equal(s.accent, "#AbCdEf");
    assert_null(s.secondary);
    assert_string_equal(s.style, "gongwen");
    assert_string_equal(s.page_size, "A4-landscape");
    assert_true(s.font_size == 12.5);
    assert_string_equal(s.font_dirs[0], at("fonts"));
    assert_string_equal(s.font_dirs[1], "/tmp");
    assert_null(s.font_dirs[2]);
    assert_string_equal(s.logo_path, at("logo.svg"));
    assert_string_equal(s.logo_type, "image/svg+xml");
    assert_int_equal(s.logo_len, 64);
    assert_int_equal(s.logo_line, 5);
    assert_true(bl_settings_internal(&s));
    bl_settings_free(&s);
    assert_null(s.path);
    assert_false(bl_settings_internal(NULL));

    /* an empty file is fine and sets nothing */
    assert_int_equal(bl_settings_load(put("empty.conf", "", 0), &s, &err), BL_OK);
    assert_null(s.name);
    assert_null(s.font_dirs);
    assert_false(bl_settings_internal(&s));
    bl_settings_free(&s);
}

static const struct {
    const char *text;
    int line;
    const char *message;
} refused[] = {
    {"[office\nname = x\n", 1, "a group line must end with ']'"},
    {"[office]\n[print]\n", 2, "unknown group 'print' (known: office, colours, output)"},
    {"name = x\n", 1, "key 'name' before any [group]"},
    {"[office]\nname\n", 2, "not a key = value line, a [group] or a # comment"},
    {"[office]\nname = x\ncolour = red\n", 3, "unknown key 'colour'"},
    {"[office]\n[colours]\naccent = #12345g\n", 3, "accent: '#12345g' is not a colour (#rrggbb)"},
    {"[colours]\nsecondary = 123456\n", 2, "secondary: '123456' is not a colour (#rrggbb)"},
    {"[output]\nedition = draft\n", 2, "edition: 'draft' (known: public, internal)"},
    {"[output]\n\n  style = modern\n", 3, "style: 'modern' (known: default, gongwen)"},
    {"[output]\npage-size = A3\n", 2, "page-size: 'A3' (known: A4, A4-landscape)"},
    {"[output]\nfont-size = 5\n", 2, "font-size: '5' is not a size in points (6 to 24)"},
    {"[output]\nfont-size = 12pt\n", 2, "font-size: '12pt' is not a size in points (6 to 24)"},
    {"[output]\nfont-size =\n", 2, "font-size: '' is not a size in points (6 to 24)"},
    {"[output]\nfont-dirs = fonts;nowhere\n", 2, "font-dirs: DIR/nowhere is not a directory"},
    {"[office]\nlogo = missing.png\n", 2, "logo DIR/missing.png: "},
    {"[office]\nlogo = a.conf\n", 2, "logo DIR/a.conf is neither a PNG nor an SVG file"},
};

static void refusals(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("fonts"), 0755), 0);
    put("a.conf", "[office]\n", 9); /* text, as a logo */
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        const char *path = put("bad.conf", refused[i].text, strlen(refused[i].text));
        bl_settings s;
        bl_error err = {0};
        assert_int_equal(bl_settings_load(path, &s, &err), BL_EINPUT);
        char want[PATH_MAX + 128];
        const char *m = refused[i].message;
        const char *d = strstr(m, "DIR");
        if (d)
            snprintf(want, sizeof want, "%.*s%s%s", (int)(d - m), m, dir, d + 3);
        else
            snprintf(want, sizeof want, "%s", m);
        if (strcmp(err.message, want) && strncmp(err.message, want, strlen(want)))
            fail_msg("%s: got '%s', want '%s'", refused[i].text, err.message, want);
        if (err.line != refused[i].line)
            fail_msg("%s: line %d, want %d", refused[i].text, err.line, refused[i].line);
        assert_string_equal(err.file, path);
        assert_null(s.path); /* freed on error */
    }
    bl_settings s;
    bl_error err = {0};
    assert_int_equal(bl_settings_load(put("bin.conf", "[office]\nname = \xff\n", 17), &s, &err),
                     BL_EINPUT);
    assert_string_equal(err.message, "not UTF-8 text");
    assert_int_equal(bl_settings_load(at("none.conf"), &s, &err), BL_EIO);
    assert_null(s.path);
}

static void default_path(void **state)
{
    (void)state;
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(mkdir(at("home"), 0755), 0);
    assert_int_equal(chdir(at("home")), 0);
    setenv("XDG_CONFIG_HOME", at("xdg"), 1);
    char *p = bl_settings_default_path();
    assert_null(p);
    assert_int_equal(mkdir(at("xdg"), 0755), 0);
    assert_int_equal(mkdir(at("xdg/bulletin"), 0755), 0);
    put("xdg/bulletin/bulletin.conf", "", 0);
    p = bl_settings_default_path();
    assert_string_equal(p, at("xdg/bulletin/bulletin.conf"));
    free(p);
    put("home/bulletin.conf", "", 0); /* the working directory's wins */
    p = bl_settings_default_path();
    assert_string_equal(p, "bulletin.conf");
    free(p);
    assert_int_equal(chdir(cwd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(values, setup, teardown),
        cmocka_unit_test_setup_teardown(refusals, setup, teardown),
        cmocka_unit_test_setup_teardown(default_path, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
