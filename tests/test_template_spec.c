/* test_template_spec.c - runs every case of the official Mustache spec
 * (comments, delimiters, interpolation, inverted, partials, sections,
 * ~inheritance) against the template engine and prints the pass count.
 *
 * The spec's JSON files come from MUSTACHE_SPEC_DIR (default
 * ../shared/mustache-spec, relative to the repository root where the tests
 * run). Lambdas and ~dynamic-names are not supported by the engine; their
 * cases are counted and reported as skipped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "error.h"
#include "io.h"
#include "template.h"

static const char *const spec_files[] = {
    "comments.json", "delimiters.json", "interpolation.json", "inverted.json",
    "partials.json", "sections.json",   "~inheritance.json",
};

/* The loader the spec's "partials" object stands behind. */
static int spec_loader(void *ctx, const char *name, char **text,
                       char **origin, bl_error *err)
{
    (void)err;
    const cJSON *partials = ctx;
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(partials, name);
    *text = NULL;
    *origin = NULL;
    if (cJSON_IsString(p)) {
        *text = strdup(p->valuestring);
        *origin = strdup(name);
    }
    return 0;
}

/* A lambda in the data is an object tagged {"__tag__": "code"}. */
static int has_lambda(const cJSON *v)
{
    if (!v)
        return 0;
    if (cJSON_IsObject(v) && cJSON_GetObjectItemCaseSensitive(v, "__tag__"))
        return 1;
    for (const cJSON *c = v->child; c; c = c->next)
        if (has_lambda(c))
            return 1;
    return 0;
}

/* Prints s with control characters visible, so whitespace diffs show. */
static void print_visible(const char *label, const char *s)
{
    printf("    %-9s \"", label);
    for (; *s; s++) {
        if (*s == '\n')
            printf("\\n");
        else if (*s == '\r')
            printf("\\r");
        else if (*s == '\t')
            printf("\\t");
        else
            putchar(*s);
    }
    printf("\"\n");
}

typedef struct tally {
    int run, passed, skipped_lambda;
} tally;

static void run_case(const char *file, const cJSON *c, tally *t)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(c, "name");
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(c, "data");
    const cJSON *tmpl = cJSON_GetObjectItemCaseSensitive(c, "template");
    const cJSON *expected = cJSON_GetObjectItemCaseSensitive(c, "expected");
    const cJSON *partials = cJSON_GetObjectItemCaseSensitive(c, "partials");
    if (has_lambda(data)) {
        t->skipped_lambda++;
        return;
    }
    t->run++;
    const char *cname = cJSON_IsString(name) ? name->valuestring : "?";
    if (!cJSON_IsString(tmpl) || !cJSON_IsString(expected)) {
        printf("FAIL %s: %s: malformed case\n", file, cname);
        return;
    }
    bl_template_options opts = {spec_loader, (void *)partials, false};
    bl_buf out = BL_BUF_INIT;
    bl_error err;
    bl_error_clear(&err);
    int rc = bl_template_render("template", tmpl->valuestring, data, &opts,
                                &out, &err);
    const char *got = bl_buf_cstr(&out);
    if (rc == BL_OK && strcmp(got, expected->valuestring) == 0) {
        t->passed++;
    } else {
        printf("FAIL %s: %s\n", file, cname);
        print_visible("template", tmpl->valuestring);
        print_visible("expected", expected->valuestring);
        if (rc) {
            char msg[2048];
            bl_error_format(&err, msg, sizeof msg);
            printf("    %-9s %s\n", "error", msg);
        } else {
            print_visible("got", got);
        }
    }
    bl_buf_free(&out);
}

static int run_file(const char *dir, const char *file, tally *t)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    bl_buf text = BL_BUF_INIT;
    bl_error err;
    bl_error_clear(&err);
    if (bl_read_file(path, &text, &err) != BL_OK) {
        printf("FAIL cannot read %s: %s\n", path, err.message);
        bl_buf_free(&text);
        return -1;
    }
    cJSON *root = cJSON_Parse(bl_buf_cstr(&text));
    bl_buf_free(&text);
    const cJSON *tests = cJSON_GetObjectItemCaseSensitive(root, "tests");
    if (!cJSON_IsArray(tests)) {
        printf("FAIL %s: no \"tests\" array\n", path);
        cJSON_Delete(root);
        return -1;
    }
    for (const cJSON *c = tests->child; c; c = c->next)
        run_case(file, c, t);
    cJSON_Delete(root);
    return 0;
}

/* Cases of a file we do not run (the optional dynamic-names module). */
static int count_cases(const char *dir, const char *file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    bl_buf text = BL_BUF_INIT;
    int n = 0;
    if (bl_read_file(path, &text, NULL) == BL_OK) {
        cJSON *root = cJSON_Parse(bl_buf_cstr(&text));
        n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "tests"));
        cJSON_Delete(root);
    }
    bl_buf_free(&text);
    return n;
}

static void test_mustache_spec(void **state)
{
    (void)state;
    const char *dir = getenv("MUSTACHE_SPEC_DIR");
    if (!dir || !*dir)
        dir = "../shared/mustache-spec";
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        const char *ci = getenv("CI");
        if (ci && strcmp(ci, "true") == 0)
            fail_msg("MUSTACHE_SPEC_DIR not found: %s (required when CI=true)",
                     dir);
        printf("skipped: MUSTACHE_SPEC_DIR not found (%s)\n", dir);
        skip();
    }
    tally t = {0};
    int broken = 0;
    for (size_t i = 0; i < sizeof spec_files / sizeof *spec_files; i++)
        if (run_file(dir, spec_files[i], &t) != 0)
            broken++;
    int dynamic = count_cases(dir, "~dynamic-names.json");
    printf("mustache spec: %d/%d passed\n", t.passed, t.run);
    printf("mustache spec: skipped %d (~dynamic-names: %d, lambdas: %d)\n",
           dynamic + t.skipped_lambda, dynamic, t.skipped_lambda);
    assert_int_equal(broken, 0);
    assert_true(t.run > 0);
    assert_int_equal(t.passed, t.run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mustache_spec),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
