/* test_summary_text.c - the 通报's HTML made plain for the PDF
 * (summary_text.c): tags dropped, named and numeric character references
 * decoded (and the malformed ones kept as printed), white space of every
 * kind collapsed, ends trimmed; a view without "tongbao" left alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "summary_text.h"

static void expect_plain(const char *html, const char *want)
{
    bl_buf b = BL_BUF_INIT;
    bl_html_plain_text(html, strlen(html), &b);
    const char *got = bl_buf_cstr(&b);
    if (strcmp(got, want) != 0)
        fail_msg("'%s': got '%s', want '%s'", html, got, want);
    bl_buf_free(&b);
}

static void tags_and_space(void **state)
{
    (void)state;
    expect_plain("<p>全市<b>38</b>个项目</p>", "全市38个项目");
    expect_plain("  \t<p>a</p>\r\n\f\v<p>b</p>  ", "a b");
    expect_plain("a<br>b", "ab");
    expect_plain("a <br> b", "a b");
    /* An unclosed tag runs to the end. */
    expect_plain("完成<span class=\"x\"", "完成");
    expect_plain("", "");
    expect_plain("   ", "");
}

static void named_references(void **state)
{
    (void)state;
    expect_plain("R&amp;D &lt;b&gt; &quot;x&quot; &apos;y&#39;", "R&D <b> \"x\" 'y'");
    /* &nbsp; is white space: collapsed with its neighbours, trimmed. */
    expect_plain("&nbsp;a&nbsp;&nbsp; b&nbsp;", "a b");
    /* Unknown or cut names stay as printed. */
    expect_plain("&copy; &amp &", "&copy; &amp &");
}

static void numeric_references(void **state)
{
    (void)state;
    expect_plain("&#65;&#x42;&#X43;&#x6d4b;&#x6D4B;", "ABC测测");
    expect_plain("&#x1F600;", "\xF0\x9F\x98\x80");
    /* Malformed: no digits, no ';', zero, a surrogate, past U+10FFFF, a
     * digit run past eight, a hex digit in a decimal reference. */
    expect_plain("&#; &#x; &#65 &#0; &#xD800; &#x110000; &#0000000065; &#6a;",
                 "&#; &#x; &#65 &#0; &#xD800; &#x110000; &#0000000065; &#6a;");
    /* Eight digits are read; the reference may end the text. */
    expect_plain("&#00000065;", "A");
    expect_plain("x&#", "x&#");
}

static void view_without_tongbao(void **state)
{
    (void)state;
    cJSON *view = cJSON_CreateObject();
    cJSON_AddItemToObject(view, "lists", cJSON_CreateArray());
    bl_error err = {0};
    assert_int_equal(bl_summary_text_add(view, NULL, &err), BL_OK);
    assert_null(cJSON_GetObjectItem(view, "tongbao_text"));
    cJSON_Delete(view);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tags_and_space),
        cmocka_unit_test(named_references),
        cmocka_unit_test(numeric_references),
        cmocka_unit_test(view_without_tongbao),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
