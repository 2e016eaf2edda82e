/* test_template.c - the template engine beyond the spec: error messages with
 * file:line:col, escaping of hostile text, the recursion limit, compiled
 * templates, and a bulletin-like page over real rows from examples/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "error.h"
#include "template.h"

/* ---- a loader over a fixed table of partials ---- */

typedef struct partial {
    const char *name, *text;
} partial;

typedef struct loader_ctx {
    const partial *partials; /* ends with name NULL */
    int calls;
} loader_ctx;

static int table_loader(void *vctx, const char *name, char **text,
                        char **origin, bl_error *err)
{
    loader_ctx *ctx = vctx;
    ctx->calls++;
    *text = NULL;
    *origin = NULL;
    /* Like the CLI: a name may not climb out of the partials directory. */
    if (strstr(name, "..") || name[0] == '/')
        return bl_error_set(err, BL_ETEMPLATE, NULL, 0,
                            "partial name '%s' leaves the partials directory",
                            name);
    for (const partial *p = ctx->partials; p && p->name; p++) {
        if (strcmp(p->name, name) == 0) {
            *text = strdup(p->text);
            char path[256];
            snprintf(path, sizeof path, "partials/%s.mustache", name);
            *origin = strdup(path);
            return 0;
        }
    }
    return 0;
}

/* Renders text with data (JSON) and the partials; returns the status and
 * leaves the output in out (caller frees) and the error in err. */
static int render(const char *text, const char *json, const partial *partials,
                  bool strict, bl_buf *out, bl_error *err)
{
    cJSON *data = json ? cJSON_Parse(json) : NULL;
    if (json)
        assert_non_null(data);
    loader_ctx ctx = {partials, 0};
    bl_template_options opts = {table_loader, &ctx, strict};
    bl_error_clear(err);
    int rc = bl_template_render("page.mustache", text, data, &opts, out, err);
    cJSON_Delete(data);
    return rc;
}

static void assert_renders(const char *text, const char *json,
                           const partial *partials, const char *expected)
{
    bl_buf out = BL_BUF_INIT;
    bl_error err;
    int rc = render(text, json, partials, false, &out, &err);
    if (rc)
        fail_msg("unexpected error: %s", err.message);
    assert_string_equal(bl_buf_cstr(&out), expected);
    bl_buf_free(&out);
}

/* Expects a template error and checks where and what it says. */
static void assert_error(const char *text, const partial *partials,
                         bool strict, const char *file, int line, int col,
                         const char *formatted)
{
    bl_buf out = BL_BUF_INIT;
    bl_buf_puts(&out, "kept");
    bl_error err;
    int rc = render(text, "{}", partials, strict, &out, &err);
    assert_int_equal(rc, BL_ETEMPLATE);
    assert_int_equal(err.code, BL_ETEMPLATE);
    assert_string_equal(err.file, file);
    assert_int_equal(err.line, line);
    assert_int_equal(err.col, col);
    char msg[2048];
    bl_error_format(&err, msg, sizeof msg);
    assert_string_equal(msg, formatted);
    /* A failed render leaves the output as it was. */
    assert_string_equal(bl_buf_cstr(&out), "kept");
    bl_buf_free(&out);
}

/* ---- errors ---- */

static void test_unclosed_section(void **state)
{
    (void)state;
    assert_error("<ul>\n{{#items}}\n  <li>{{name}}</li>\n", NULL, false,
                 "page.mustache", 2, 1,
                 "page.mustache:2:1: error: unclosed section 'items'");
    /* Columns count characters, not bytes. */
    assert_error("<h1>标题</h1>\n<p>进展 {{^ behind }}", NULL, false,
                 "page.mustache", 2, 7,
                 "page.mustache:2:7: error: unclosed section 'behind'");
    assert_error("{{<layout}}\n{{$content}}x{{/content}}\n", NULL, false,
                 "page.mustache", 1, 1,
                 "page.mustache:1:1: error: unclosed parent 'layout'");
    assert_error("a\n {{$content}}x", NULL, false, "page.mustache", 2, 2,
                 "page.mustache:2:2: error: unclosed block 'content'");
}

static void test_mismatched_close(void **state)
{
    (void)state;
    assert_error("{{#lists}}\n  {{#projects}}\n  {{/lists}}\n", NULL, false,
                 "page.mustache", 3, 3,
                 "page.mustache:3:3: error: mismatched closing tag 'lists': "
                 "section 'projects' opened at 2:3 is still open");
    assert_error("ok\nx {{/lists}}", NULL, false, "page.mustache", 2, 3,
                 "page.mustache:2:3: error: unexpected closing tag 'lists': "
                 "no open section");
}

static void test_bad_tags(void **state)
{
    (void)state;
    assert_error("<p>{{title</p>\n", NULL, false, "page.mustache", 1, 4,
                 "page.mustache:1:4: error: unclosed tag: no '}}' after it");
    assert_error("<p>{{{title}}</p>\n", NULL, false, "page.mustache", 1, 4,
                 "page.mustache:1:4: error: unclosed tag: no '}}}' after it");
    assert_error("\n  {{=<%>=}}\n", NULL, false, "page.mustache", 2, 3,
                 "page.mustache:2:3: error: bad set-delimiter tag '<%>': "
                 "expected two delimiters separated by a space, as in "
                 "{{=<% %>=}}");
    assert_error("{{=<% %>=}}\n<% title", NULL, false, "page.mustache", 2, 1,
                 "page.mustache:2:1: error: unclosed tag: no '%>' after it");
    assert_error("a {{ }} b", NULL, false, "page.mustache", 1, 3,
                 "page.mustache:1:3: error: empty tag name");
    assert_error("{{#a..b}}{{/a..b}}", NULL, false, "page.mustache", 1, 1,
                 "page.mustache:1:1: error: bad name 'a..b'");
}

static void test_unknown_partial(void **state)
{
    (void)state;
    static const partial none[] = {{NULL, NULL}};
    /* The spec: an unknown partial renders as the empty string. */
    assert_renders("a {{>nope}} b\n", "{}", none, "a  b\n");
    assert_renders("a {{<nope}}{{$x}}y{{/x}}{{/nope}} b\n", "{}", none,
                   "a  b\n");
    /* The CLI asks for strictness: it is an error at the tag. */
    assert_error("line one\n  {{> nope }}\n", none, true, "page.mustache", 2,
                 3, "page.mustache:2:3: error: unknown partial 'nope'");
    assert_error("{{<base}}{{/base}}", none, true, "page.mustache", 1, 1,
                 "page.mustache:1:1: error: unknown parent template 'base'");
    /* Only partials that are reached need to exist. */
    bl_buf out = BL_BUF_INIT;
    bl_error err;
    assert_int_equal(render("{{#missing}}{{>nope}}{{/missing}}ok", "{}", none,
                            true, &out, &err),
                     BL_OK);
    assert_string_equal(bl_buf_cstr(&out), "ok");
    bl_buf_free(&out);
}

static void test_loader_refusal(void **state)
{
    (void)state;
    static const partial parts[] = {{"row", "<tr>{{>../../etc/passwd}}</tr>"},
                                    {NULL, NULL}};
    /* The loader's message is kept; the engine adds where the tag is. */
    assert_error("<table>\n{{>row}}\n</table>", parts, false,
                 "partials/row.mustache", 1, 5,
                 "partials/row.mustache:1:5: error: partial name "
                 "'../../etc/passwd' leaves the partials directory");
}

static void test_error_inside_partial(void **state)
{
    (void)state;
    static const partial parts[] = {
        {"row", "<tr>\n  <td>{{#cells}}{{.}}</td>\n</tr>\n"}, {NULL, NULL}};
    assert_error("{{#rows}}{{>row}}", parts, false, "page.mustache",
                 1, 1, "page.mustache:1:1: error: unclosed section 'rows'");
    bl_buf out = BL_BUF_INIT;
    bl_error err;
    int rc = render("<table>\n{{#rows}}\n{{>row}}\n{{/rows}}\n</table>\n",
                    "{\"rows\":[1]}", parts, false, &out, &err);
    assert_int_equal(rc, BL_ETEMPLATE);
    char msg[2048];
    bl_error_format(&err, msg, sizeof msg);
    assert_string_equal(msg, "partials/row.mustache:2:7: error: unclosed "
                             "section 'cells'");
    bl_buf_free(&out);
}

/* ---- escaping ---- */

static void test_escaping(void **state)
{
    (void)state;
    const char *json = "{\"content\":\"<script>alert(1)</script>\","
                       "\"quote\":\"\\\"&'<>\"}";
    assert_renders("<td title=\"{{quote}}\">{{content}}</td>", json, NULL,
                   "<td title=\"&quot;&amp;&#39;&lt;&gt;\">"
                   "&lt;script&gt;alert(1)&lt;/script&gt;</td>");
    assert_renders("<p>{{quote}}|{{content}}</p>", json, NULL,
                   "<p>&quot;&amp;&#39;&lt;&gt;|"
                   "&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    /* Raw output is for trusted markup only. */
    assert_renders("{{{content}}}{{&quote}}", json, NULL,
                   "<script>alert(1)</script>\"&'<>");
    /* Escaping also applies to values reached through sections and the
     * implicit iterator, and the template text itself is never touched. */
    assert_renders("<b>&amp;</b>{{#list}}[{{.}}]{{/list}}",
                   "{\"list\":[\"<i>\",\"a&b\"]}", NULL,
                   "<b>&amp;</b>[&lt;i&gt;][a&amp;b]");
}

/* ---- data ---- */

static void test_values(void **state)
{
    (void)state;
    assert_renders("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}}",
                   "{\"a\":1.210,\"b\":85,\"c\":86.2,\"d\":-3,\"e\":0.1,"
                   "\"f\":1e21,\"g\":214.75}",
                   NULL, "1.21 85 86.2 -3 0.1 1e+21 214.75");
    /* Past 15 digits the shortest form that reads back is kept. */
    assert_renders("{{a}} {{b}} {{c}}",
                   "{\"a\":0.3333333333333333,\"b\":1e300,\"c\":-0.0}",
                   NULL, "0.33333333333333331 1e+300 0");
    /* Arrays interpolate as JSON, escaped. */
    assert_renders("{{a}}", "{\"a\":[\"<b>\",1]}", NULL,
                   "[&quot;&lt;b&gt;&quot;,1]");
    assert_renders("{{t}}/{{f}}/{{n}}/{{missing}}/{{{o}}}",
                   "{\"t\":true,\"f\":false,\"n\":null,\"o\":{\"k\":[1,2]}}",
                   NULL, "true/false///{\"k\":[1,2]}");
    /* Truthiness: the spec's !!data. */
    assert_renders("{{#z}}0{{/z}}{{#e}}e{{/e}}{{#s}}s{{/s}}{{#o}}o{{/o}}"
                   "{{^z}}!0{{/z}}{{^e}}!e{{/e}}",
                   "{\"z\":0,\"e\":\"\",\"s\":\"0\",\"o\":{}}", NULL,
                   "so!0!e");
    /* Dotted names resolve their first part up the stack only. */
    assert_renders("{{#list}}{{dept.name}}:{{title}};{{/list}}",
                   "{\"title\":\"表\",\"list\":[{\"dept\":{\"name\":\"教育局\"}},"
                   "{\"dept\":{}}]}",
                   NULL, "教育局:表;:表;");
}

/* ---- recursion ---- */

static void test_recursion_limit(void **state)
{
    (void)state;
    static const partial loop[] = {{"loop", "x{{>loop}}"}, {NULL, NULL}};
    bl_buf out = BL_BUF_INIT;
    bl_error err;
    int rc = render("{{>loop}}", "{}", loop, false, &out, &err);
    assert_int_equal(rc, BL_ETEMPLATE);
    assert_string_equal(err.file, "partials/loop.mustache");
    assert_int_equal(err.line, 1);
    assert_int_equal(err.col, 2);
    assert_non_null(strstr(err.message, "nested more than 100 deep"));
    assert_int_equal(out.len, 0);
    bl_buf_free(&out);

    /* A parent whose block expands itself. */
    static const partial self[] = {{"base", "{{$a}}{{/a}}"}, {NULL, NULL}};
    rc = render("{{<base}}{{$a}}[{{$a}}{{/a}}]{{/a}}{{/base}}", "{}", self,
                false, &out, &err);
    assert_int_equal(rc, BL_ETEMPLATE);
    assert_non_null(strstr(err.message, "endless recursion"));
    bl_buf_free(&out);

    /* Recursion that the data ends is fine, 60 levels deep. */
    bl_buf json = BL_BUF_INIT;
    for (int i = 0; i < 60; i++)
        bl_buf_printf(&json, "{\"n\":%d,\"kids\":[", i);
    /* The leaf needs its own empty "kids": a missing name would be looked
     * up the context stack and find its parent's. */
    bl_buf_puts(&json, "{\"n\":60,\"kids\":[]}");
    for (int i = 0; i < 60; i++)
        bl_buf_puts(&json, "]}");
    static const partial tree[] = {{"node", "{{n}}{{#kids}}({{>node}}){{/kids}}"},
                                   {NULL, NULL}};
    rc = render("{{>node}}", bl_buf_cstr(&json), tree, false, &out, &err);
    if (rc)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.message);
    assert_true(strncmp(bl_buf_cstr(&out), "0(1(2(3(", 8) == 0);
    assert_non_null(strstr(bl_buf_cstr(&out), "(59(60))"));
    bl_buf_free(&out);
    bl_buf_free(&json);
}

/* ---- a bulletin-like page ---- */

/* Real rows: examples/000_03b3a4d07901329f.txt (items 1, 2 and 7) and
 * examples/002_d2b346bc7988df13.txt (item 1). */
static const char *bulletin_json =
    "{\"doc\":{\"title\":\"2023年10月份政府民生实事项目进展情况\","
    "\"source\":\"县府及县府办\"},"
    "\"lists\":["
    "{\"id\":\"list-1\",\"title\":\"2023年10月省政府民生实事项目进展情况汇总表\","
    "\"projects\":["
    "{\"seq\":\"1\",\"content\":\"完成县中崛起一对一结对帮扶学校1所"
    "(泰顺中学结对杭州高级中学)。\",\"dept\":\"教育局\","
    "\"status\":\"基本完成\",\"status_class\":\"mostly\",\"behind\":false},"
    "{\"seq\":\"2\",\"content\":\"在家长常住地100%保障入学:各县(市、区)均为100%。"
    "就读公办学校比例:泰顺>85.8%\",\"dept\":\"\",\"status\":\"提前完成\","
    "\"status_class\":\"ahead\",\"behind\":false,\"rate\":\"86.18%\"},"
    "{\"seq\":\"7\",\"content\":\"新建ICU床位10张。\",\"dept\":\"县卫生健康局\","
    "\"status\":\"提前完成\",\"status_class\":\"ahead\",\"behind\":false}]},"
    "{\"id\":\"list-2\",\"title\":\"市政府民生实事项目\",\"projects\":[]},"
    "{\"id\":\"list-3\",\"title\":\"8月进度\",\"projects\":["
    "{\"seq\":\"(1)\",\"content\":\"吸收60所符合前置条件的民办等级幼儿园为“公助园”\","
    "\"dept\":\"市教育局\",\"status\":\"滞后\",\"status_class\":\"behind\","
    "\"behind\":true,\"rate\":\"72%\"}]}]}";

static const partial bulletin_partials[] = {
    {"layout", "<!DOCTYPE html>\n"
               "<html lang=\"zh-CN\">\n"
               "<head><title>{{$title}}民生实事{{/title}}</title></head>\n"
               "<body>\n"
               "  {{$content}}\n"
               "  <p>无内容</p>\n"
               "  {{/content}}\n"
               "  <footer>{{$footer}}bulletin{{/footer}}</footer>\n"
               "</body>\n"
               "</html>\n"},
    {"row", "<tr class=\"{{status_class}}\">\n"
            "  <td>{{seq}}</td>\n"
            "  <td>{{content}}</td>\n"
            "  <td>{{#dept}}{{dept}}{{/dept}}{{^dept}}—{{/dept}}</td>\n"
            "  <td>{{status}}{{#behind}} <strong>(滞后)</strong>{{/behind}}"
            "{{#rate}} {{rate}}{{/rate}}</td>\n"
            "</tr>\n"},
    {NULL, NULL}};

static const char *bulletin_template =
    "{{! the page: one section per list }}\n"
    "{{<layout}}\n"
    "  {{$title}}{{doc.title}}{{/title}}\n"
    "  {{$content}}\n"
    "  {{#lists}}\n"
    "  <section id=\"{{id}}\">\n"
    "    <h2>{{title}}</h2>\n"
    "    <table>\n"
    "      {{#projects}}\n"
    "      {{>row}}\n"
    "      {{/projects}}\n"
    "    </table>\n"
    "    {{^projects}}\n"
    "    <p>本表无项目</p>\n"
    "    {{/projects}}\n"
    "  </section>\n"
    "  {{/lists}}\n"
    "  {{/content}}\n"
    "{{/layout}}\n";

static const char *bulletin_expected =
    "<!DOCTYPE html>\n"
    "<html lang=\"zh-CN\">\n"
    "<head><title>2023年10月份政府民生实事项目进展情况</title></head>\n"
    "<body>\n"
    "  <section id=\"list-1\">\n"
    "    <h2>2023年10月省政府民生实事项目进展情况汇总表</h2>\n"
    "    <table>\n"
    "      <tr class=\"mostly\">\n"
    "        <td>1</td>\n"
    "        <td>完成县中崛起一对一结对帮扶学校1所(泰顺中学结对杭州高级中学)。</td>\n"
    "        <td>教育局</td>\n"
    "        <td>基本完成</td>\n"
    "      </tr>\n"
    "      <tr class=\"ahead\">\n"
    "        <td>2</td>\n"
    "        <td>在家长常住地100%保障入学:各县(市、区)均为100%。"
    "就读公办学校比例:泰顺&gt;85.8%</td>\n"
    "        <td>—</td>\n"
    "        <td>提前完成 86.18%</td>\n"
    "      </tr>\n"
    "      <tr class=\"ahead\">\n"
    "        <td>7</td>\n"
    "        <td>新建ICU床位10张。</td>\n"
    "        <td>县卫生健康局</td>\n"
    "        <td>提前完成</td>\n"
    "      </tr>\n"
    "    </table>\n"
    "  </section>\n"
    "  <section id=\"list-2\">\n"
    "    <h2>市政府民生实事项目</h2>\n"
    "    <table>\n"
    "    </table>\n"
    "    <p>本表无项目</p>\n"
    "  </section>\n"
    "  <section id=\"list-3\">\n"
    "    <h2>8月进度</h2>\n"
    "    <table>\n"
    "      <tr class=\"behind\">\n"
    "        <td>(1)</td>\n"
    "        <td>吸收60所符合前置条件的民办等级幼儿园为“公助园”</td>\n"
    "        <td>市教育局</td>\n"
    "        <td>滞后 <strong>(滞后)</strong> 72%</td>\n"
    "      </tr>\n"
    "    </table>\n"
    "  </section>\n"
    "  <footer>bulletin</footer>\n"
    "</body>\n"
    "</html>\n";

static void test_bulletin_page(void **state)
{
    (void)state;
    assert_renders(bulletin_template, bulletin_json, bulletin_partials,
                   bulletin_expected);
}

/* Compiled once, rendered for several documents: same output, and each
 * partial is loaded only once. */
static void test_compiled_reuse(void **state)
{
    (void)state;
    loader_ctx ctx = {bulletin_partials, 0};
    bl_template_options opts = {table_loader, &ctx, true};
    bl_template *t;
    bl_error err;
    bl_error_clear(&err);
    assert_int_equal(bl_template_compile("page.mustache", bulletin_template,
                                         &opts, &t, &err),
                     BL_OK);
    cJSON *data = cJSON_Parse(bulletin_json);
    cJSON *empty = cJSON_Parse("{\"doc\":{\"title\":\"空\"},\"lists\":[]}");
    for (int i = 0; i < 3; i++) {
        bl_buf out = BL_BUF_INIT;
        assert_int_equal(bl_template_render_compiled(t, data, &out, &err),
                         BL_OK);
        assert_string_equal(bl_buf_cstr(&out), bulletin_expected);
        bl_buf_reset(&out);
        assert_int_equal(bl_template_render_compiled(t, empty, &out, &err),
                         BL_OK);
        assert_non_null(strstr(bl_buf_cstr(&out), "<title>空</title>"));
        assert_null(strstr(bl_buf_cstr(&out), "<section"));
        bl_buf_free(&out);
    }
    assert_int_equal(ctx.calls, 2); /* layout and row */
    cJSON_Delete(data);
    cJSON_Delete(empty);
    bl_template_free(t);
}

/* A standalone block's content loses its indentation; the tags inside it
 * that are not alone on their lines have no indentation of their own (a
 * NULL prefix, which must not be offset: clang's UBSan aborts on NULL + 0). */
/* 200,000 tags on one line (issue 11 item 4: the parser recounted the
 * line from its start for each tag, 29.8 s for this): rendered whole, and
 * a tag after them still located by line and column, a line of 1000 tags
 * after a newline placing the standalone tests at the right offsets. The
 * timing is in bench/template_scaling.sh; ctest's TIMEOUT is the guard. */
static void test_long_line(void **state)
{
    (void)state;
    enum { TAGS = 200000 };
    bl_buf text = BL_BUF_INIT, want = BL_BUF_INIT;
    for (int i = 0; i < TAGS; i++) {
        bl_buf_puts(&text, i % 2 ? "{{x}}" : "{{#s}}{{x}}{{/s}}");
        bl_buf_puts(&want, "é");
    }
    bl_buf out = BL_BUF_INIT;
    bl_error err;
    int rc = render(bl_buf_cstr(&text), "{\"x\":\"é\",\"s\":true}", NULL,
                    false, &out, &err);
    if (rc)
        fail_msg("unexpected error: %s", err.message);
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.data, want.data, want.len);
    bl_buf_free(&out);
    bl_buf_free(&want);

    static const partial none[] = {{NULL, NULL}};
    bl_buf_puts(&text, "\né");
    for (int i = 0; i < 1000; i++)
        bl_buf_puts(&text, "{{x}}");
    bl_buf_puts(&text, " {{>nope}}\n  {{#s}}\n  {{>nope}}\n  {{/s}}\n");
    assert_error(bl_buf_cstr(&text), none, true, "page.mustache", 2, 5003,
                 "page.mustache:2:5003: error: unknown partial 'nope'");
    bl_buf_free(&text);
}

/* Names in objects large enough to be looked up through a hash table of
 * their keys: every key found, the first of two equal keys wins, a name an
 * inner object lacks comes from an outer one, dotted names go through a
 * large object, and objects that take turns in the table's slots (many
 * sibling items, each looked up with the page's labels) all stay right. */
static void test_large_objects(void **state)
{
    (void)state;
    bl_buf json = BL_BUF_INIT, text = BL_BUF_INIT, want = BL_BUF_INIT;
    bl_buf_puts(&json, "{\"k\":\"first\",\"labels\":{");
    for (int l = 0; l < 40; l++)
        bl_buf_printf(&json, "%s\"l%d\":\"L%d\"", l ? "," : "", l, l);
    bl_buf_puts(&json, "},\"items\":[");
    for (int i = 0; i < 300; i++) {
        /* Item i has 14 keys, f3 twice, and "m<i % 40>" to pick its label. */
        bl_buf_printf(&json, "%s{\"n\":%d,\"m%d\":true", i ? "," : "", i, i % 40);
        for (int f = 0; f < 12; f++)
            bl_buf_printf(&json, ",\"f%d\":\"%d.%d\"", f, i, f);
        bl_buf_puts(&json, ",\"f3\":\"shadowed\"}");
        bl_buf_printf(&want, "%d:%d.3,%d.11,L%d,first;", i, i, i, i % 40);
    }
    bl_buf_puts(&json, "],\"k\":\"second\"}");
    bl_buf_puts(&text, "{{#items}}{{n}}:{{f3}},{{f11}},");
    for (int l = 0; l < 40; l++)
        bl_buf_printf(&text, "{{#m%d}}{{labels.l%d}}{{/m%d}}", l, l, l);
    bl_buf_puts(&text, ",{{k}};{{/items}}");
    assert_renders(bl_buf_cstr(&text), bl_buf_cstr(&json), NULL,
                   bl_buf_cstr(&want));
    bl_buf_free(&json);
    bl_buf_free(&text);
    bl_buf_free(&want);
}

static void test_relative_block_inline_tags(void **state)
{
    (void)state;
    const partial ps[] = {{"p", "P"}, {"lay", "<{{$b}}{{/b}}>"}, {NULL, NULL}};
    assert_renders("{{$b}}\n  x {{>p}} {{$c}}C{{/c}} {{<lay}}{{/lay}}\n{{/b}}\n",
                   "{}", ps, "  x P C <>\n");
    assert_renders("{{<lay}}\n{{$b}}\n  x {{>p}} {{$c}}C{{/c}}\n{{/b}}\n{{/lay}}\n",
                   "{}", ps, "<x P C\n>");
}

/* Tag syntax at its edges: names are trimmed of any white space (CR, form
 * feed, vertical tab too) but may not hold one; a tag cut at the end of
 * the text; the nesting limit of the parser. */
static void test_tag_edges(void **state)
{
    (void)state;
    assert_renders("[{{\r\n title \f\v}}]", "{\"title\":\"t\"}", NULL, "[t]");
    assert_renders("{{= <% %> =}}<% title %>{{title}}", "{\"title\":\"t\"}",
                   NULL, "t{{title}}");
    assert_error("x {{a b}}", NULL, false, "page.mustache", 1, 3,
                 "page.mustache:1:3: error: bad tag name 'a b'");
    assert_error("{{#a}}\n{{/a\tb}}", NULL, false, "page.mustache", 2, 1,
                 "page.mustache:2:1: error: bad tag name 'a\tb'");
    assert_error("序号{{", NULL, false, "page.mustache", 1, 3,
                 "page.mustache:1:3: error: unclosed tag: no '}}' after it");
    assert_error("x\n{{a}", NULL, false, "page.mustache", 2, 1,
                 "page.mustache:2:1: error: unclosed tag: no '}}' after it");
    assert_error("{{a.}}", NULL, false, "page.mustache", 1, 1,
                 "page.mustache:1:1: error: bad name 'a.'");
    assert_error("{{> a b}}", NULL, false, "page.mustache", 1, 1,
                 "page.mustache:1:1: error: bad tag name 'a b'");
    assert_error("{{=<%  =}}", NULL, false, "page.mustache", 1, 1,
                 "page.mustache:1:1: error: bad set-delimiter tag '<%': "
                 "expected two delimiters separated by a space, as in "
                 "{{=<% %>=}}");
    /* 100 sections deep is allowed, 101 is not. */
    bl_buf t = BL_BUF_INIT;
    for (int i = 0; i < 100; i++)
        bl_buf_puts(&t, "{{#a}}");
    bl_buf_puts(&t, "x");
    for (int i = 0; i < 100; i++)
        bl_buf_puts(&t, "{{/a}}");
    assert_renders(bl_buf_cstr(&t), "{\"a\":true}", NULL, "x");
    bl_buf_reset(&t);
    for (int i = 0; i < 101; i++)
        bl_buf_puts(&t, "{{#a}}");
    assert_error(bl_buf_cstr(&t), NULL, false, "page.mustache", 1, 601,
                 "page.mustache:1:601: error: sections nested too deeply "
                 "(more than 100)");
    bl_buf_free(&t);
}

/* Standalone tags on CRLF lines take their CRLF with them; an empty
 * template renders nothing. */
static void test_crlf_and_empty(void **state)
{
    (void)state;
    assert_renders("<ul>\r\n{{#items}}\r\n  <li>{{.}}</li>\r\n{{/items}}\r\n</ul>\r\n",
                   "{\"items\":[\"a\",\"b\"]}", NULL,
                   "<ul>\r\n  <li>a</li>\r\n  <li>b</li>\r\n</ul>\r\n");
    /* A lone CR is not a line end: the tag is not standalone. */
    assert_renders("{{#a}}\rx{{/a}}", "{\"a\":1}", NULL, "\rx");
    assert_renders("", "{}", NULL, "");
    static const partial parts[] = {{"p", "P{{$b}}d{{/b}}"}, {NULL, NULL}};
    /* A parent starting a line whose closing tag does not end it keeps its
     * indentation as text. */
    assert_renders("  {{<p}}{{/p}}x\n", "{}", parts, "  Pdx\n");
    /* A standalone one indents the partial and takes its line's end. */
    assert_renders("  {{<p}}{{$b}}B{{/b}}{{/p}}\n", "{}", parts, "  PB");
}

/* A loader that fails with or without saying why, or without a file. */
static int failing_loader(void *vctx, const char *name, char **text,
                          char **origin, bl_error *err)
{
    const char *how = vctx;
    *text = strdup("unused");
    *origin = NULL;
    if (strcmp(how, "silent") == 0)
        return BL_EIO;
    return bl_error_set(err, BL_EIO, NULL, 0, "cannot read %s", name);
}

static void test_loader_failures(void **state)
{
    (void)state;
    const char *hows[] = {"silent", "no file"};
    const char *want[] = {
        "page.mustache:2:3: error: cannot load partial 'row'",
        "page.mustache:2:3: error: cannot read row",
    };
    for (int i = 0; i < 2; i++) {
        bl_template_options opts = {failing_loader, (void *)hows[i], false};
        bl_buf out = BL_BUF_INIT;
        bl_error err;
        bl_error_clear(&err);
        int rc = bl_template_render("page.mustache", "a\n  {{>row}}\n", NULL,
                                    &opts, &out, &err);
        assert_int_not_equal(rc, BL_OK);
        char msg[2048];
        bl_error_format(&err, msg, sizeof msg);
        assert_string_equal(msg, want[i]);
        /* Nothing of a failed render is left. */
        assert_string_equal(bl_buf_cstr(&out), "");
        bl_buf_free(&out);
    }
    /* With no options there is no loader: a partial is empty; with no
     * data, names and the implicit iterator are empty too. */
    bl_template *t;
    bl_error err;
    assert_int_equal(bl_template_compile("t", "[{{>p}}{{.}}{{a}}{{^a}}-{{/a}}]",
                                         NULL, &t, &err),
                     BL_OK);
    bl_buf out = BL_BUF_INIT;
    assert_int_equal(bl_template_render_compiled(t, NULL, &out, NULL), BL_OK);
    assert_string_equal(bl_buf_cstr(&out), "[-]");
    bl_buf_free(&out);
    bl_template_free(t);
    bl_template_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unclosed_section),
        cmocka_unit_test(test_mismatched_close),
        cmocka_unit_test(test_bad_tags),
        cmocka_unit_test(test_loader_failures),
        cmocka_unit_test(test_tag_edges),
        cmocka_unit_test(test_crlf_and_empty),
        cmocka_unit_test(test_unknown_partial),
        cmocka_unit_test(test_loader_refusal),
        cmocka_unit_test(test_error_inside_partial),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_recursion_limit),
        cmocka_unit_test(test_bulletin_page),
        cmocka_unit_test(test_compiled_reuse),
        cmocka_unit_test(test_relative_block_inline_tags),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_large_objects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
