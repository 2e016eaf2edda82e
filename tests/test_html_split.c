/* test_html_split.c - a page split into an index and parts (html_split.c)
 * through bl_html_write_pages with a small page size: the parts' names,
 * each project on one part, the 督办清单's rows and the navigation linked
 * to the parts that hold them, pages under the size, a page over it split
 * without --split-lists, standard output never split, and a failure of a
 * page's template or of the emit callback stopping the pages. */
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

#include "analysis.h"
#include "reader.h"
#include "write_html.h"

#define N_ROWS 60

/* A pipe report of N_ROWS projects, every third one lagging. */
static bl_model *big_model(void)
{
    bl_buf t = BL_BUF_INIT;
    bl_buf_puts(&t, "项 目 内 容 | 8月计划进度 | 实际进度情况 | 完成率 | 责任 单位 | 具体分管领导 |\n");
    for (int i = 1; i <= N_ROWS; i++)
        bl_buf_printf(&t,
                      "(%d)新建第%d号村级综合服务中心并完善配套设施。 | 完成主体结构%d%%。 | "
                      "%s | %d%% | 县第%d局 | 李四 |\n",
                      i, i, i, i % 3 == 0 ? "主体施工，建设量未达节点要求，滞后进度。" : "按计划推进。",
                      i % 3 == 0 ? 30 : 80, i % 4 + 1);
    bl_model *m = bl_model_new();
    bl_aliases *a = NULL;
    bl_error err = {0};
    if (bl_read_bytes_into(m, "big.txt", t.data, t.len, NULL, &err))
        fail_msg("read: %s (line %d)", err.message, err.line);
    assert_int_equal(bl_aliases_new(&a, &err), BL_OK);
    assert_int_equal(bl_analyze(m, a, &err), BL_OK);
    bl_aliases_free(a);
    bl_buf_free(&t);
    return m;
}

typedef struct page {
    char *path; /* "-" for standard output */
    char *html;
} page;

typedef struct pages {
    page p[64];
    int n;
    int fail_at; /* the emit call (from 1) that fails, 0 never */
} pages;

static int collect(void *ctx, const char *path, const char *data, size_t len,
                   bl_error *err)
{
    pages *ps = ctx;
    if (ps->n + 1 == ps->fail_at)
        return bl_error_set(err, BL_EIO, path, 0, "disk full");
    assert_true(ps->n < 64);
    ps->p[ps->n].path = strdup(path ? path : "-");
    ps->p[ps->n].html = strndup(data, len);
    assert_int_equal(strlen(ps->p[ps->n].html), len);
    ps->n++;
    return BL_OK;
}

static void pages_free(pages *ps)
{
    for (int i = 0; i < ps->n; i++) {
        free(ps->p[i].path);
        free(ps->p[i].html);
    }
    ps->n = 0;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The part (index into ps) whose page holds id="ID". */
static int part_of(const pages *ps, const char *id)
{
    char attr[96];
    snprintf(attr, sizeof attr, "id=\"%s\"", id);
    int at = -1;
    for (int i = 1; i < ps->n; i++)
        if (strstr(ps->p[i].html, attr)) {
            assert_int_equal(at, -1); /* on one part only */
            at = i;
        }
    return at;
}

static void split_into_parts(void **state)
{
    (void)state;
    bl_model *m = big_model();
    bl_html_options o = {.split_lists = true, .split_size = 40000};
    pages ps = {0};
    bl_error err = {0};
    /* A path without ".html": the parts are PATH-N.html. */
    int rc = bl_html_write_pages(m, m->documents, &o, "out/big", collect, &ps, &err);
    if (rc)
        fail_msg("%s", err.message);
    assert_true(ps.n >= 4);
    assert_string_equal(ps.p[0].path, "out/big");
    for (int i = 1; i < ps.n; i++) {
        char want[64];
        snprintf(want, sizeof want, "out/big-%d.html", i);
        assert_string_equal(ps.p[i].path, want);
        assert_true(strlen(ps.p[i].html) <= o.split_size);
        /* Each part links the index and its neighbours by name. */
        assert_non_null(strstr(ps.p[i].html, "href=\"big\""));
        snprintf(want, sizeof want, "href=\"big-%d.html\"", i + 1);
        assert_true((strstr(ps.p[i].html, want) != NULL) == (i + 1 < ps.n));
        snprintf(want, sizeof want, "href=\"big-%d.html\"", i - 1);
        assert_true((strstr(ps.p[i].html, want) != NULL) == (i > 1));
    }
    /* The index has no project row; every project is on one part, and the
     * 督办清单's rows link to the part of their row in the full table. */
    assert_null(strstr(ps.p[0].html, "id=\"list-1-p1\""));
    for (int i = 1; i <= N_ROWS; i++) {
        char id[32], href[64];
        snprintf(id, sizeof id, "list-1-p%d", i);
        int at = part_of(&ps, id);
        assert_true(at > 0);
        snprintf(href, sizeof href, "%s#%s", strrchr(ps.p[at].path, '/') + 1, id);
        size_t links = 0;
        for (int k = 0; k < ps.n; k++)
            links += count(ps.p[k].html, href);
        if (i % 3 == 0)
            assert_true(links >= 1);
    }
    pages_free(&ps);

    /* A failing emit stops the pages: the third is never asked for. */
    ps.fail_at = 2;
    rc = bl_html_write_pages(m, m->documents, &o, "out/big.html", collect, &ps, &err);
    assert_int_equal(rc, BL_EIO);
    assert_string_equal(err.message, "disk full");
    assert_string_equal(err.file, "out/big-1.html");
    assert_int_equal(ps.n, 1);
    assert_string_equal(ps.p[0].path, "out/big.html");
    pages_free(&ps);
    ps.fail_at = 1;
    assert_int_equal(bl_html_write_pages(m, m->documents, &o, "big.html", collect, &ps, &err),
                     BL_EIO);
    assert_int_equal(ps.n, 0);
    ps.fail_at = 0;
    bl_model_free(m);
}

/* Without --split-lists a page over the size is split all the same; one
 * under it, or one for standard output, is one page. */
static void split_by_size(void **state)
{
    (void)state;
    bl_model *m = big_model();
    pages ps = {0};
    bl_error err = {0};
    bl_html_options o = {.split_size = 40000};
    assert_int_equal(bl_html_write_pages(m, m->documents, &o, "a.html", collect, &ps, &err),
                     BL_OK);
    assert_true(ps.n > 1);
    assert_string_equal(ps.p[1].path, "a-1.html");
    pages_free(&ps);
    o.split_lists = true;
    assert_int_equal(bl_html_write_pages(m, m->documents, &o, NULL, collect, &ps, &err),
                     BL_OK);
    assert_int_equal(ps.n, 1);
    assert_string_equal(ps.p[0].path, "-");
    assert_int_equal(count(ps.p[0].html, "id=\"list-1-p"), N_ROWS);
    pages_free(&ps);
    o.split_lists = false;
    o.split_size = 0; /* the default, 2 MiB */
    assert_int_equal(bl_html_write_pages(m, m->documents, &o, "a.html", collect, &ps, &err),
                     BL_OK);
    assert_int_equal(ps.n, 1);
    assert_string_equal(ps.p[0].path, "a.html");
    pages_free(&ps);
    bl_model_free(m);
}

/* A part template that fails: no page at all is emitted. */
static void broken_part_template(void **state)
{
    (void)state;
    char dir[] = "/tmp/bl-split-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, BL_HTML_PART_TEMPLATE);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("<p>{{#part}}{{title}}</p>\n", f);
    fclose(f);
    bl_model *m = big_model();
    pages ps = {0};
    bl_error err = {0};
    bl_html_options o = {.templates_dir = dir, .split_lists = true, .split_size = 40000};
    assert_int_equal(bl_html_write_pages(m, m->documents, &o, "b.html", collect, &ps, &err),
                     BL_ETEMPLATE);
    assert_non_null(strstr(err.message, "unclosed section 'part'"));
    assert_int_equal(ps.n, 0);
    bl_model_free(m);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(split_into_parts),
        cmocka_unit_test(split_by_size),
        cmocka_unit_test(broken_part_template),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
