/* test_inline_css.c - inline_css.c on hand-written sheets and fragments:
 * custom properties of the root rule substituted (and the ones it cannot
 * resolve kept as written), descendant selectors matched in cascade order,
 * selectors it cannot express left out, @-rules and comments skipped,
 * quotes and parentheses in declarations, an element's own style last,
 * a declaration whose parenthesis is never closed dropped, a var()'s
 * fallback used only when the property is unknown, void and self-closing
 * elements, comments and declarations in the HTML
 * copied, unbalanced sheets refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "inline_css.h"

static void expect_inline(const char *css, const char *html, const char *want)
{
    bl_buf out = BL_BUF_INIT;
    bl_error err = {0};
    assert_int_equal(bl_css_inline(css, "t.css", html, strlen(html), &out, &err), BL_OK);
    const char *got = bl_buf_cstr(&out);
    if (strcmp(got, want) != 0)
        fail_msg("\n got: %s\nwant: %s", got, want);
    bl_buf_free(&out);
}

static void custom_properties(void **state)
{
    (void)state;
    expect_inline(".bl-bulletin { --ink: #111; --w:\n  1px\n  solid ; }\n"
                  ".bl-bulletin { color: var(--ink) }\n"
                  ".b { border: var(--w); color: var(--none); y: var(--ink, red);"
                  " z: var(--none, red); w: var(--ink }\n",
                  "<div class=\"bl-bulletin\"><p class=\"b\">t</p></div>",
                  "<div class=\"bl-bulletin\" style=\"color: #111\">"
                  "<p class=\"b\" style=\"border: 1px solid; color: var(--none); "
                  "y: #111; z: var(--none, red)\">t</p></div>");
}

static void too_many_properties(void **state)
{
    (void)state;
    /* The root holds 64 custom properties at most; the 65th is dropped. */
    bl_buf css = BL_BUF_INIT;
    bl_buf_puts(&css, ".bl-bulletin {");
    for (int i = 0; i < 65; i++)
        bl_buf_printf(&css, " --v%d: %d;", i, i);
    bl_buf_puts(&css, " }\np { a: var(--v63); b: var(--v64) }");
    expect_inline(bl_buf_cstr(&css), "<p>x</p>", "<p style=\"a: 63; b: var(--v64)\">x</p>");
    bl_buf_free(&css);
}

static void selectors_and_cascade(void **state)
{
    (void)state;
    const char *css = "p { margin:\n 0\t1px }\n"
                      ".a .b { m: 1 }\n"
                      ".a.c, td.z, p:hover, a > b, [x], .q., .a .a .a .a .a .a .a .a .a,"
                      " abcdefghijklmnopq, .a.b.c.d.e { c: 2 }\n"
                      "* { f: 3 }\n"
                      ".a   { s: 4 }\n"
                      ".empty { }\n"
                      "em { --only: custom }\n";
    expect_inline(css,
                  "<div class=\"a  c\"><p class=\"b\">x</p><td class=\"z y\">y</td></div>"
                  "<p>z</p><em class=\"empty\">e</em>",
                  "<div class=\"a  c\" style=\"f: 3; s: 4; c: 2\">"
                  "<p class=\"b\" style=\"f: 3; margin: 0 1px; m: 1\">x</p>"
                  "<td class=\"z y\" style=\"f: 3; c: 2\">y</td></div>"
                  "<p style=\"f: 3; margin: 0 1px\">z</p>"
                  "<em class=\"empty\" style=\"f: 3\">e</em>");
}

static void descendants_need_ancestors(void **state)
{
    (void)state;
    const char *css = ".a .b { m: 1 }\nul li span { n: 2 }";
    /* Only inside their ancestors: not before .a opens, not after it closes. */
    expect_inline(css,
                  "<p class=\"b\">1</p><div class=\"a\"><br><p class=\"b\">2</p></div>"
                  "<p class=\"b\">3</p><ul><li><span>4</span></li></ul><li><span>5</span></li>",
                  "<p class=\"b\">1</p><div class=\"a\"><br><p class=\"b\" style=\"m: 1\">2</p>"
                  "</div><p class=\"b\">3</p><ul><li><span style=\"n: 2\">4</span></li></ul>"
                  "<li><span>5</span></li>");
}

static void at_rules_comments_quotes(void **state)
{
    (void)state;
    const char *css = "/* p { c: 9 } */ @charset \"utf-8\";\n@import url(x.css);\n"
                      "@media print { p { c: blue } }\n"
                      "p { content: \"a;b\"; background: url(a;b.png) ; font: 'x;y' }\n"
                      "/* unterminated";
    expect_inline(css, "<p>x</p>",
                  "<p style=\"content: &quot;a;b&quot;; background: url(a;b.png); "
                  "font: 'x;y'\">x</p>");
}

static void html_side(void **state)
{
    (void)state;
    const char *css = "* { f: 3 }";
    expect_inline(css,
                  "<!doctype html><!-- c <p> --><?xml x?>"
                  "<p style=\"color: red\">a</p><p style=\"\">b</p><br/><br>"
                  "<img src=\"a>b\" /></x>text<!-- open",
                  "<!doctype html><!-- c <p> --><?xml x?>"
                  "<p style=\"f: 3; color: red\">a</p><p style=\"f: 3\">b</p>"
                  "<br style=\"f: 3\"/><br style=\"f: 3\">"
                  "<img src=\"a>b\" style=\"f: 3\" /></x>text<!-- open");
    /* No rules: the HTML as it was; a cut tag at the end copied. */
    expect_inline("", "<p class=\"a\">x</p><p", "<p class=\"a\">x</p><p");
    expect_inline("/* only a comment */", "plain text", "plain text");
}

static void unbalanced_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"p { color: red", "p } {", "p; q { a: b }",
                                      "p { a: b } q"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bl_buf out = BL_BUF_INIT;
        bl_error err = {0};
        assert_int_equal(bl_css_inline(bad[i], "t.css", "<p>x</p>", 8, &out, &err),
                         BL_ETEMPLATE);
        assert_string_equal(err.file, "t.css");
        assert_string_equal(err.message, "style sheet: unbalanced braces");
        assert_int_equal(out.len, 0);
        bl_buf_free(&out);
    }
}

/* Any CSS white space separates (CR, form feed); class names of letters of
 * either case, digits, '-' and '_'; the root rule found with space before
 * its brace. */
static void names_and_spaces(void **state)
{
    (void)state;
    expect_inline(".bl-bulletin \r\n{\f--ink:\r#222 }\r\n"
                  "\f.Row_2.x-Y\r\n{\ra:\f1;\r\nb: var(--ink) }",
                  "<div class=\"bl-bulletin\"><p class=\"x-Y\tRow_2\">t</p>"
                  "<p class=\"row_2 x-Y\">u</p></div>",
                  "<div class=\"bl-bulletin\"><p class=\"x-Y\tRow_2\" style=\"a: 1; b: #222\">t</p>"
                  "<p class=\"row_2 x-Y\">u</p></div>");
}

/* End tags close their own element (the innermost of that name), an end
 * tag of nothing open changes nothing; attribute values are skipped when
 * looking for class, and a value never closed ends the search. */
static void end_tags_and_attributes(void **state)
{
    (void)state;
    const char *css = ".a .b { m: 1 }";
    expect_inline(css,
                  "<div class=\"a\"><div>in</div ></span><p class=\"b\">x</p></div>"
                  "<p class=\"b\">y</p>",
                  "<div class=\"a\"><div>in</div ></span><p class=\"b\" style=\"m: 1\">x</p></div>"
                  "<p class=\"b\">y</p>");
    expect_inline(css,
                  "<div title=\"x class=&quot;a\" class=\"a\"><p data-x=\"class=b\" class=\"b\">x</p>"
                  "</div><div class=\"a\"><p title=\"open class=\"b\">",
                  "<div title=\"x class=&quot;a\" class=\"a\"><p data-x=\"class=b\" class=\"b\" "
                  "style=\"m: 1\">x</p></div><div class=\"a\"><p title=\"open class=\"b\">");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(custom_properties),
        cmocka_unit_test(names_and_spaces),
        cmocka_unit_test(end_tags_and_attributes),
        cmocka_unit_test(too_many_properties),
        cmocka_unit_test(selectors_and_cascade),
        cmocka_unit_test(descendants_need_ancestors),
        cmocka_unit_test(at_rules_comments_quotes),
        cmocka_unit_test(html_side),
        cmocka_unit_test(unbalanced_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
