/* test_write_html.c - the HTML bulletin (issue 3 items 3, 4 and 6): input
 * text is escaped in text and attributes, partial names cannot leave their
 * directory, and --templates overrides one file while the rest falls back to
 * the built-in set. Fixtures are real rows of the pipe seed (002), plus one
 * hostile row. */
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

#include <cjson/cJSON.h>

#include "seeds.h"
#include "inline_css.h"
#include "write_html.h"

#define PAYLOAD "<script>alert(1)</script>"
#define PAYLOAD_ESC "&lt;script&gt;alert(1)&lt;/script&gt;"
#define SPECIALS "\"&'<>"
#define SPECIALS_ESC "&quot;&amp;&#39;&lt;&gt;"

/* Two rows of the pipe seed (002); the second one made hostile in its
 * content, planned and actual progress, and department. */
static const char hostile_report[] =
    "项 目 内 容 | 8月计划进度 | 实际进度情况 | 完成率 | 责任 单位 | 具体分管领导 |\n"
    "(5)2022年完成6家托幼机构建设,新增普惠性托位180个。 | 完成7家托幼机构建设,"
    "新增普惠性托位355个,其中完成备案2家。完成装修3家。 | 完成10家托幼机构建设,"
    "新增普惠性托位545个,进度达到100% | 100% | 市卫生健康局 | 黄李虎 |\n"
    "(6)全市265家幼儿园安装智安校园预警防控系统" PAYLOAD SPECIALS "。 | "
    "全面铺开建设" SPECIALS ",并按照方案完成70%以上建设任务。 | "
    "一期190万招投标已完成" PAYLOAD " | 45%,建设量未达节点要求,滞后进度。 | "
    "市" SPECIALS "公安局 | 刘寅初 |\n";

/* Reads text (named path) into an analysed model with one document. */
static bl_model *model_of(const char *path, const char *text)
{
    bl_model *m = bl_model_new();
    bl_aliases *a = NULL;
    bl_error err = {0};
    int rc = bl_read_bytes_into(m, path, text, strlen(text), NULL, &err);
    if (rc)
        fail_msg("read %s: %s (line %d)", path, err.message, err.line);
    assert_int_equal(bl_aliases_new(&a, &err), BL_OK);
    assert_int_equal(bl_analyze(m, a, &err), BL_OK);
    bl_aliases_free(a);
    return m;
}

/* The page of the model's only document, rendered with templates_dir. */
static char *page_of(bl_model *m, const char *templates_dir, bl_error *err,
                     int *rc)
{
    bl_html_options o = {.templates_dir = templates_dir};
    bl_buf out = BL_BUF_INIT;
    *rc = bl_html_render(m, m->documents, &o, &out, err);
    return bl_buf_detach(&out);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* ---- escaping --------------------------------------------------------- */

static void input_is_escaped_in_text(void **state)
{
    (void)state;
    bl_model *m = model_of("hostile" SPECIALS ".txt", hostile_report);
    bl_error err = {0};
    int rc;
    char *page = page_of(m, NULL, &err, &rc);
    assert_int_equal(rc, BL_OK);

    /* Nothing from the input reaches the page unescaped... */
    assert_null(strstr(page, PAYLOAD));
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, SPECIALS));
    /* ...and all of it is there, escaped: content (table and lagging
     * index), planned and actual progress, department. The source file's
     * name is internal: the public page never shows it. */
    assert_true(count(page, "安装智安校园预警防控系统" PAYLOAD_ESC SPECIALS_ESC) >= 2);
    assert_non_null(strstr(page, "全面铺开建设" SPECIALS_ESC));
    assert_non_null(strstr(page, "一期190万招投标已完成" PAYLOAD_ESC));
    assert_null(strstr(page, "hostile" SPECIALS_ESC ".txt"));
    assert_null(strstr(page, "hostile"));
    assert_non_null(strstr(page, SPECIALS_ESC "公安局"));
    free(page);
    bl_model_free(m);
}

/* Every value of attribute `name` in page, checked for raw specials; returns
 * how many of them hold the escaped payload. */
static int attributes_holding(const char *page, const char *name,
                              const char *escaped)
{
    char key[64];
    snprintf(key, sizeof key, " %s=\"", name);
    int hits = 0;
    for (const char *p = strstr(page, key); p; p = strstr(p, key)) {
        p += strlen(key);
        const char *end = strchr(p, '"');
        assert_non_null(end);
        char *value = strndup(p, (size_t)(end - p));
        assert_null(strpbrk(value, "<>'"));
        for (const char *amp = strchr(value, '&'); amp; amp = strchr(amp + 1, '&'))
            assert_true(strncmp(amp, "&amp;", 5) == 0 || strncmp(amp, "&quot;", 6) == 0 ||
                        strncmp(amp, "&#39;", 5) == 0 || strncmp(amp, "&lt;", 4) == 0 ||
                        strncmp(amp, "&gt;", 4) == 0);
        if (strstr(value, escaped))
            hits++;
        free(value);
        p = end;
    }
    return hits;
}

static void input_is_escaped_in_attributes(void **state)
{
    (void)state;
    bl_model *m = model_of("hostile.txt", hostile_report);
    bl_error err = {0};
    int rc;
    char *page = page_of(m, NULL, &err, &rc);
    assert_int_equal(rc, BL_OK);
    /* The chart bar of the hostile department is labelled with its name. */
    assert_true(attributes_holding(page, "aria-label", SPECIALS_ESC) >= 1);
    attributes_holding(page, "title", SPECIALS_ESC);
    attributes_holding(page, "id", SPECIALS_ESC);
    attributes_holding(page, "href", SPECIALS_ESC);
    assert_int_equal(attributes_holding(page, "id", "&"), 0);
    free(page);
    bl_model_free(m);
}

/* ---- the page --------------------------------------------------------- */

static void seed_page_has_its_parts(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_CELLS, true);
    bl_error err = {0};
    int rc;
    char *page = page_of(m, NULL, &err, &rc);
    assert_int_equal(rc, BL_OK);
    assert_true(strncmp(page, "<!DOCTYPE html>\n<html lang=\"zh-CN\">", 35) == 0);
    assert_non_null(strstr(page, "<title>2023年10月份政府民生实事项目进展情况</title>"));
    assert_non_null(strstr(page, "县府及县府办"));
    assert_non_null(strstr(page, "<time datetime=\"2023-11-21\">"));
    /* Three lists: three tables, three charts, headers with scope. */
    assert_int_equal(count(page, "<table class=\"bl-projects\""), 3);
    assert_int_equal(count(page, "<caption"), 3);
    assert_int_equal(count(page, "<figure class=\"bl-chart\""), 3);
    assert_true(count(page, "<th scope=\"row\"") >= 44 + 52 + 31);
    /* Each project table and each list's 督办清单 table scrolls. */
    assert_int_equal(count(page, "role=\"region\""),
                     3 + count(page, "<table class=\"bl-lag-table\""));
    /* The county list's not-done project 2 (罗阳镇 弱电上改下) is in the
     * lagging index and marked behind in text. */
    assert_non_null(strstr(page, "id=\"lagging\""));
    assert_non_null(strstr(page, "实施城北路、飞龙路等路段弱电上改下工程。"));
    assert_non_null(strstr(page, ">滞后</span>"));
    /* Self-contained: inline CSS, no scripts, no external references. */
    assert_non_null(strstr(page, "<style>"));
    assert_non_null(strstr(page, "@page"));
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "<link"));
    assert_null(strstr(page, "http://"));
    assert_null(strstr(page, "https://"));
    free(page);
    bl_model_free(m);
}

static void write_html_writes_the_page(void **state)
{
    (void)state;
    char dir[] = "/tmp/bl-html-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/page.html", dir);
    bl_model *m = seed_model(SEED_PROSE, true);
    bl_error err = {0};
    assert_int_equal(bl_write_html(m, m->documents, path, NULL, &err), BL_OK);
    bl_buf got = BL_BUF_INIT;
    assert_int_equal(bl_read_file(path, &got, &err), BL_OK);
    int rc;
    char *page = page_of(m, NULL, &err, &rc);
    assert_string_equal(got.data, page);
    /* The narrative report shows its indicator sections. */
    assert_non_null(strstr(page, "id=\"indicators\""));
    assert_non_null(strstr(page, "幼有善育"));
    assert_non_null(strstr(page, "每千人口拥有3岁以下婴幼儿托位数"));
    free(page);
    bl_buf_free(&got);
    bl_model_free(m);
    unlink(path);
    rmdir(dir);
}

/* `bulletin template` resolves names by the same rule as the bulletin, so
 * the built-in page renders from the source tree with any view JSON. */
static void template_command_renders_the_page(void **state)
{
    (void)state;
    bl_buf json = BL_BUF_INIT, out = BL_BUF_INIT;
    bl_error err = {0};
    assert_int_equal(bl_read_file(seed_path("tests/data/html-sample-view.json"), &json, &err), BL_OK);
    cJSON *view = cJSON_Parse(json.data);
    assert_non_null(view);
    assert_int_equal(bl_template_file_render(seed_path("templates/bulletin.html.mustache"),
                                             view, NULL, &out, &err), BL_OK);
    assert_int_equal(count(out.data, "<table class=\"bl-projects\""), 2);
    /* The sample's project with three entries spans three rows. */
    assert_non_null(strstr(out.data, "rowspan=\"3\""));
    /* Its hostile project content comes out escaped. */
    assert_null(strstr(out.data, PAYLOAD));
    assert_non_null(strstr(out.data, PAYLOAD_ESC " " SPECIALS_ESC));
    cJSON_Delete(view);
    bl_buf_free(&json);
    bl_buf_free(&out);
}

/* ---- scratch directories ---------------------------------------------- */

static void put_file(const char *dir, const char *rel, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    /* mkdir -p of the file's directories below dir */
    for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void remove_tree(const char *dir)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* ---- --templates override --------------------------------------------- */

static void override_one_partial_keeps_the_rest(void **state)
{
    (void)state;
    char dir[] = "/tmp/bl-tpl-XXXXXX";
    assert_non_null(mkdtemp(dir));
    put_file(dir, "partials/masthead.mustache",
             "<header class=\"site-head\">县政府门户 · {{title}}</header>\n");
    bl_model *m = seed_model(SEED_PIPE, true);
    bl_error err = {0};
    int rc;
    char *page = page_of(m, dir, &err, &rc);
    assert_int_equal(rc, BL_OK);
    /* The override is used instead of the built-in masthead... */
    assert_non_null(strstr(page, "<header class=\"site-head\">县政府门户 · "));
    assert_null(strstr(page, "class=\"bl-masthead\""));
    /* ...and everything else comes from the built-in set. */
    assert_non_null(strstr(page, "<!DOCTYPE html>"));
    assert_non_null(strstr(page, "all: revert"));
    assert_int_equal(count(page, "<table class=\"bl-projects\""), 1);
    assert_non_null(strstr(page, "<figure class=\"bl-chart\""));
    free(page);

    /* A stylesheet override replaces the built-in CSS. */
    put_file(dir, "style.css", "body { color: #123456; }\n");
    page = page_of(m, dir, &err, &rc);
    assert_int_equal(rc, BL_OK);
    assert_non_null(strstr(page, "body { color: #123456; }"));
    assert_null(strstr(page, "all: revert"));
    free(page);

    /* A mistyped directory is an error, not the built-in page. */
    char missing[PATH_MAX];
    snprintf(missing, sizeof missing, "%s/no-such-dir", dir);
    page = page_of(m, missing, &err, &rc);
    assert_int_equal(rc, BL_EIO);
    assert_string_equal(err.file, missing);
    free(page);

    /* A broken override is reported at its own file, line and column. */
    put_file(dir, "partials/footer.mustache", "<footer>\n{{#source}}\n</footer>\n");
    page = page_of(m, dir, &err, &rc);
    assert_int_equal(rc, BL_ETEMPLATE);
    assert_non_null(strstr(err.file, "partials/footer.mustache"));
    assert_int_equal(err.line, 2);
    assert_true(err.col > 0);
    free(page);
    bl_model_free(m);
    remove_tree(dir);
}

static void override_cannot_pull_files_from_outside(void **state)
{
    (void)state;
    char dir[] = "/tmp/bl-tpl-XXXXXX";
    assert_non_null(mkdtemp(dir));
    put_file(dir, "secret.mustache", "SECRET\n");
    put_file(dir, "site/partials/footer.mustache", "<footer>\n{{> ../../secret}}\n</footer>\n");
    char site[PATH_MAX];
    snprintf(site, sizeof site, "%s/site", dir);
    bl_model *m = seed_model(SEED_PIPE, true);
    bl_error err = {0};
    int rc;
    char *page = page_of(m, site, &err, &rc);
    assert_int_equal(rc, BL_ETEMPLATE);
    assert_non_null(strstr(err.message, "outside"));
    assert_non_null(strstr(err.file, "partials/footer.mustache"));
    assert_int_equal(err.line, 2);
    free(page);
    bl_model_free(m);
    remove_tree(dir);
}

/* ---- bl_template_file_render: partials directory ----------------------- */

typedef struct scratch {
    char dir[32];
    char tpl[PATH_MAX];
    cJSON *data;
} scratch;

static int scratch_setup(void **state)
{
    scratch *s = calloc(1, sizeof *s);
    snprintf(s->dir, sizeof s->dir, "/tmp/bl-part-XXXXXX");
    if (!mkdtemp(s->dir))
        return -1;
    put_file(s->dir, "secret.mustache", "SECRET {{name}}\n");
    put_file(s->dir, "tpl/item.mustache", "<li>{{name}}</li>\n");
    put_file(s->dir, "other/item.mustache", "<li class=\"other\">{{name}}</li>\n");
    put_file(s->dir, "tpl/plain", "plain {{name}}\n");
    char target[PATH_MAX], link[PATH_MAX];
    snprintf(target, sizeof target, "%s/secret.mustache", s->dir);
    snprintf(link, sizeof link, "%s/tpl/escape.mustache", s->dir);
    if (symlink(target, link))
        return -1;
    snprintf(link, sizeof link, "%s/tpl/inside.mustache", s->dir);
    if (symlink("item.mustache", link))
        return -1;
    snprintf(s->tpl, sizeof s->tpl, "%s/tpl/page.mustache", s->dir);
    s->data = cJSON_Parse("{\"name\": \"张三\"}");
    *state = s;
    return 0;
}

static int scratch_teardown(void **state)
{
    scratch *s = *state;
    remove_tree(s->dir);
    cJSON_Delete(s->data);
    free(s);
    return 0;
}

/* Renders a page template holding text; returns the status. */
static int render_page(scratch *s, const char *text, const char *partials,
                       bl_buf *out, bl_error *err)
{
    put_file(s->dir, "tpl/page.mustache", text);
    bl_buf_reset(out);
    bl_error_clear(err);
    return bl_template_file_render(s->tpl, s->data, partials, out, err);
}

static void partials_resolve_in_their_directory(void **state)
{
    scratch *s = *state;
    bl_buf out = BL_BUF_INIT;
    bl_error err = {0};
    /* name.mustache first, then the bare name; default DIR is the
     * template's own directory; a symlink that stays inside is fine. */
    assert_int_equal(render_page(s, "<ul>\n{{> item}}\n{{> plain}}\n{{> inside}}\n</ul>\n",
                                 NULL, &out, &err), BL_OK);
    assert_string_equal(out.data, "<ul>\n<li>张三</li>\nplain 张三\n<li>张三</li>\n</ul>\n");
    /* --partials DIR replaces the default directory. */
    char other[PATH_MAX];
    snprintf(other, sizeof other, "%s/other", s->dir);
    assert_int_equal(render_page(s, "{{> item}}", other, &out, &err), BL_OK);
    assert_string_equal(out.data, "<li class=\"other\">张三</li>\n");
    /* An unknown partial is an error for template authors. */
    assert_int_equal(render_page(s, "x\n{{> missing}}\n", NULL, &out, &err), BL_ETEMPLATE);
    assert_string_equal(err.file, s->tpl);
    assert_int_equal(err.line, 2);
    bl_buf_free(&out);
}

/* Renders text and expects a refusal at line 2 of the page template whose
 * message holds `why`. */
static void expect_refused(scratch *s, const char *text, const char *why)
{
    bl_buf out = BL_BUF_INIT;
    bl_error err = {0};
    assert_int_equal(render_page(s, text, NULL, &out, &err), BL_ETEMPLATE);
    assert_string_equal(err.file, s->tpl);
    assert_int_equal(err.line, 2);
    assert_true(err.col > 0);
    if (!strstr(err.message, why))
        fail_msg("message '%s' lacks '%s'", err.message, why);
    assert_true(out.len == 0 || !strstr(out.data, "SECRET"));
    bl_buf_free(&out);
}

static void partials_cannot_leave_their_directory(void **state)
{
    scratch *s = *state;
    expect_refused(s, "<p>\n{{> ../secret}}\n</p>\n", "outside");
    expect_refused(s, "<p>\n  {{>../secret.mustache}}\n", "outside");
    expect_refused(s, "<p>\n{{> item/../../secret}}\n", "outside");
    expect_refused(s, "<p>\n{{> /etc/passwd}}\n", "absolute");
    char abs[PATH_MAX + 32];
    snprintf(abs, sizeof abs, "<p>\n{{> %s/secret}}\n", s->dir);
    expect_refused(s, abs, "absolute");
    /* A symlink inside the directory that points outside it. */
    expect_refused(s, "<p>\n{{> escape}}\n", "outside");
    /* The same rules hold for parents. */
    expect_refused(s, "<p>\n{{< ../secret}}{{/ ../secret}}\n", "outside");
}


/* ---- fragments for a CMS ---------------------------------------------- */

static char *fragment_of(bl_model *m, bool inline_styles, int *rc)
{
    bl_html_options o = {.fragment = true, .inline_styles = inline_styles};
    bl_buf out = BL_BUF_INIT;
    bl_error err = {0};
    *rc = bl_html_render(m, m->documents, &o, &out, &err);
    return bl_buf_detach(&out);
}

static void fragment_is_one_scoped_element(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_CELLS, true);
    int rc;
    char *page = fragment_of(m, false, &rc);
    assert_int_equal(rc, BL_OK);
    assert_true(strncmp(page, "<div class=\"bl-bulletin\" lang=\"zh-CN\">", 38) == 0);
    assert_null(strstr(page, "<!DOCTYPE"));
    assert_null(strstr(page, "<html"));
    assert_null(strstr(page, "<head>"));
    assert_null(strstr(page, "<body"));
    assert_null(strstr(page, "@page"));
    assert_int_equal(count(page, "<style>"), 1);
    /* the same content as the page: three tables and charts */
    assert_int_equal(count(page, "<table class=\"bl-projects\""), 3);
    assert_int_equal(count(page, "<figure class=\"bl-chart\""), 3);
    /* every class attribute's first class is bulletin's own */
    assert_int_equal(count(page, "class=\""), count(page, "class=\"bl-"));
    free(page);

    page = fragment_of(m, true, &rc);
    assert_int_equal(rc, BL_OK);
    assert_null(strstr(page, "<style"));
    assert_null(strstr(page, "var(--"));
    assert_null(strstr(page, "--ink"));
    /* the root carries the sheet's root rule, custom properties resolved */
    assert_non_null(strstr(page, "<div class=\"bl-bulletin\" lang=\"zh-CN\" style=\"display: block;"));
    assert_non_null(strstr(page, "color: #1f2933"));
    assert_int_equal(count(page, "<table class=\"bl-projects\""), 3);
    free(page);
    bl_model_free(m);
}

static char *inlined(const char *css, const char *html)
{
    bl_buf out = BL_BUF_INIT;
    bl_error err = {0};
    assert_int_equal(bl_css_inline(css, "t.css", html, strlen(html), &out, &err), BL_OK);
    return bl_buf_detach(&out);
}

static void inliner_follows_the_cascade(void **state)
{
    (void)state;
    const char *css =
        "/* c */ .bl-bulletin { --c: #123; color: var(--c); }\n"
        ".bl-bulletin .a.b { color: red; }\n"
        ".bl-bulletin .a { color: blue; margin: 0 }\n"
        ".bl-bulletin p, .x { padding: 1px; }\n"
        ".bl-bulletin .a:hover { color: green; }\n"
        ".bl-bulletin > .a { color: pink; }\n"
        "@media (max-width: 640px) { .bl-bulletin .a { color: olive; } }\n"
        ".bl-bulletin span { font: 12px \"A B\", serif; }\n";
    char *out = inlined(css, "<div class=\"bl-bulletin\"><p class=\"a b\" style=\"top: 0\">x</p>"
                             "<br><span>y</span><svg><rect class=\"a\"/></svg></div>"
                             "<p class=\"a\">outside</p>");
    assert_string_equal(out,
        "<div class=\"bl-bulletin\" style=\"color: #123\">"
        "<p class=\"a b\" style=\"padding: 1px; color: blue; margin: 0; color: red; top: 0\">x</p>"
        "<br><span style=\"font: 12px &quot;A B&quot;, serif\">y</span>"
        "<svg><rect class=\"a\" style=\"color: blue; margin: 0\"/></svg></div>"
        "<p class=\"a\">outside</p>");
    free(out);
    bl_buf b = BL_BUF_INIT;
    bl_error err = {0};
    assert_int_equal(bl_css_inline(".bl-bulletin { color: red;", "t.css", "<p>", 3, &b, &err),
                     BL_ETEMPLATE);
    bl_buf_free(&b);
}

/* What fails is reported and writes nothing: a --templates that is not a
 * directory, a page template that neither set has, an override page that
 * does not parse (with inline styles too), written or not. */
static void render_failures(void **state)
{
    (void)state;
    bl_model *m = seed_model(SEED_PIPE, true);
    bl_buf out = BL_BUF_INIT;
    bl_buf_puts(&out, "kept");
    bl_error err = {0};
    bl_html_options o = {.templates_dir = "/nonexistent/templates"};
    assert_int_equal(bl_html_render(m, m->documents, &o, &out, &err), BL_EIO);
    assert_string_equal(err.message, "templates directory not found");
    assert_string_equal(err.file, "/nonexistent/templates");
    assert_int_equal(bl_html_render_string("/dev/null", "t", "x", NULL, &out, &err), BL_EIO);
    assert_string_equal(err.message, "templates directory not found");
    cJSON *view = cJSON_CreateObject();
    assert_int_equal(bl_html_render_view(NULL, "nope.html.mustache", view, &out, &err),
                     BL_ETEMPLATE);
    assert_string_equal(err.file, "nope.html.mustache");
    assert_non_null(strstr(err.message, "no page template"));
    cJSON_Delete(view);
    assert_string_equal(bl_buf_cstr(&out), "kept");

    char dir[] = "/tmp/bl-html-fail-XXXXXX";
    assert_non_null(mkdtemp(dir));
    put_file(dir, BL_HTML_PAGE_TEMPLATE, "<html>\n{{#lists}}\n");
    for (int inl = 0; inl < 2; inl++) {
        bl_html_options bad = {.templates_dir = dir, .inline_styles = inl};
        assert_int_equal(bl_html_render(m, m->documents, &bad, &out, &err), BL_ETEMPLATE);
        assert_non_null(strstr(err.message, "unclosed section 'lists'"));
        assert_int_equal(err.line, 2);
        assert_string_equal(bl_buf_cstr(&out), "kept");
    }
    char target[PATH_MAX];
    snprintf(target, sizeof target, "%s/page.html", dir);
    bl_html_options bad = {.templates_dir = dir};
    assert_int_equal(bl_write_html(m, m->documents, target, &bad, &err), BL_ETEMPLATE);
    assert_int_equal(access(target, F_OK), -1);
    /* The built-in set writes it. */
    assert_int_equal(bl_write_html(m, m->documents, target, NULL, &err), BL_OK);
    assert_int_equal(access(target, F_OK), 0);
    remove_tree(dir);
    bl_buf_free(&out);
    bl_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(input_is_escaped_in_text),
        cmocka_unit_test(input_is_escaped_in_attributes),
        cmocka_unit_test(seed_page_has_its_parts),
        cmocka_unit_test(fragment_is_one_scoped_element),
        cmocka_unit_test(inliner_follows_the_cascade),
        cmocka_unit_test(write_html_writes_the_page),
        cmocka_unit_test(render_failures),
        cmocka_unit_test(template_command_renders_the_page),
        cmocka_unit_test(override_one_partial_keeps_the_rest),
        cmocka_unit_test(override_cannot_pull_files_from_outside),
        cmocka_unit_test_setup_teardown(partials_resolve_in_their_directory,
                                        scratch_setup, scratch_teardown),
        cmocka_unit_test_setup_teardown(partials_cannot_leave_their_directory,
                                        scratch_setup, scratch_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
