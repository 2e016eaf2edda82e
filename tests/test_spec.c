/* test_spec.c - runs the reader examples of the spec files in tests/spec
 * (cmark-style: an input report, a "." line, the expected model fragment).
 *
 * Each example's input is read with bl_read_bytes_into, analysed with
 * bl_analyze (built-in aliases) and written with bl_write_json; the JSON is
 * compared with the expected fragment as a subset (see tests/spec/README.md
 * for the format and the comparison rules). Prints every failing example as
 * FILE:LINE with the path of each key that differs, then
 * "spec: N passed, M failed"; fails when any example fails or none is found.
 *
 *   test_spec                      every spec file of tests/spec (BL_SPEC_DIR overrides)
 *   test_spec FILE.md...           those files
 *   test_spec FILE.md:LINE         the example whose fence opens on LINE
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "analysis.h"
#include "buf.h"
#include "departments.h"
#include "error.h"
#include "io.h"
#include "model.h"
#include "reader.h"
#include "write_json.h"

#define FENCE "````````````````````````````````" /* 32 backticks */
#define FENCE_LEN 32
#define MAX_FILES 256

/* The name every example's input is read under (errors and warnings name
 * it: "input.txt:3: error: …"). */
#define INPUT_NAME "input.txt"

typedef struct tally {
    int passed, failed;
} tally;

/* One example as found in a spec file. */
typedef struct example {
    const char *file;
    int line;          /* line of the opening fence */
    char from[32];     /* from=FORMAT, "" to sniff */
    char input_path[1024]; /* input=PATH, "" for the inline input */
    bl_buf input;      /* inline input, → replaced by tab */
    bl_buf expected;   /* the expected section as written */
} example;

/* --- reporting ------------------------------------------------------------ */

/* The first failure of an example prints its heading; later ones only their
 * detail. */
typedef struct report {
    const example *ex;
    bool failed;
} report;

static void failf(report *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void failf(report *r, const char *fmt, ...)
{
    if (!r->failed) {
        printf("%s:%d: example failed%s%s%s%s\n", r->ex->file, r->ex->line,
               r->ex->from[0] ? " (from=" : "", r->ex->from,
               r->ex->from[0] ? ")" : "",
               r->ex->input_path[0] ? " (input file)" : "");
        r->failed = true;
    }
    printf("    ");
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

/* A short printable form of a JSON value (strings quoted, long ones cut). */
static void value_text(const cJSON *v, char *out, size_t size)
{
    if (!v) {
        snprintf(out, size, "(missing)");
        return;
    }
    char *s = cJSON_PrintUnformatted(v);
    if (!s) {
        snprintf(out, size, "(?)");
        return;
    }
    size_t n = strlen(s);
    if (n < size) {
        memcpy(out, s, n + 1);
    } else {
        /* cut on a UTF-8 boundary */
        size_t cut = size > 8 ? size - 8 : 0;
        while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        memcpy(out, s, cut);
        strcpy(out + cut, " […]");
    }
    free(s);
}

static const char *type_name(const cJSON *v)
{
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsBool(v))
        return "boolean";
    if (cJSON_IsNumber(v))
        return "number";
    if (cJSON_IsString(v))
        return "string";
    if (cJSON_IsArray(v))
        return "array";
    if (cJSON_IsObject(v))
        return "object";
    return "?";
}

/* --- subset comparison ---------------------------------------------------- */

static bool is_ellipsis(const cJSON *v)
{
    return cJSON_IsString(v) && strcmp(v->valuestring, "...") == 0;
}

/* Compares got against the expected fragment want at path; reports each
 * difference. Returns the number of differences. */
static int compare(const cJSON *want, const cJSON *got, const char *path,
                   report *r)
{
    char a[240], b[240];
    if (!got) {
        value_text(want, a, sizeof a);
        failf(r, "%s: missing (expected %s)", path, a);
        return 1;
    }
    if (cJSON_IsObject(want)) {
        if (!cJSON_IsObject(got)) {
            value_text(got, b, sizeof b);
            failf(r, "%s: expected an object, got %s %s", path, type_name(got), b);
            return 1;
        }
        int diffs = 0;
        for (const cJSON *w = want->child; w; w = w->next) {
            char sub[1024];
            snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", w->string);
            diffs += compare(w, cJSON_GetObjectItemCaseSensitive(got, w->string), sub, r);
        }
        return diffs;
    }
    if (cJSON_IsArray(want)) {
        if (!cJSON_IsArray(got)) {
            value_text(got, b, sizeof b);
            failf(r, "%s: expected an array, got %s %s", path, type_name(got), b);
            return 1;
        }
        int nw = cJSON_GetArraySize(want), ng = cJSON_GetArraySize(got);
        bool open = nw > 0 && is_ellipsis(cJSON_GetArrayItem(want, nw - 1));
        int compared = open ? nw - 1 : nw;
        int diffs = 0;
        if (open ? ng < compared : ng != compared) {
            failf(r, "%s: expected %s%d element%s, got %d", path,
                  open ? "at least " : "", compared, compared == 1 ? "" : "s", ng);
            diffs++;
        }
        const cJSON *w = want->child, *g = got->child;
        for (int i = 0; i < compared && w; i++, w = w->next) {
            char sub[1024];
            snprintf(sub, sizeof sub, "%s[%d]", path, i);
            if (!g) {
                if (!diffs)
                    failf(r, "%s: missing", sub);
                diffs++;
                continue;
            }
            diffs += compare(w, g, sub, r);
            g = g->next;
        }
        return diffs;
    }
    bool same;
    if (cJSON_IsNumber(want))
        same = cJSON_IsNumber(got) &&
               fabs(want->valuedouble - got->valuedouble) <=
                   1e-9 * fmax(1.0, fabs(want->valuedouble));
    else if (cJSON_IsString(want))
        same = cJSON_IsString(got) && strcmp(want->valuestring, got->valuestring) == 0;
    else if (cJSON_IsBool(want))
        same = cJSON_IsBool(got) && cJSON_IsTrue(want) == cJSON_IsTrue(got);
    else
        same = cJSON_IsNull(got);
    if (same)
        return 0;
    value_text(want, a, sizeof a);
    value_text(got, b, sizeof b);
    failf(r, "%s: expected %s, got %s", path[0] ? path : "(top)", a, b);
    return 1;
}

/* --- running one example -------------------------------------------------- */

/* The expected section: "error: S" and "warning: S" lines, the rest JSON. */
typedef struct expectation {
    char *error;        /* substring of the formatted error, or NULL */
    char **warnings;    /* substrings, one warning each */
    int n_warnings;
    cJSON *json;        /* the fragment, or NULL */
    bool bad;           /* the section itself is malformed (reported) */
} expectation;

static char *dup_trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    char *d = malloc(n + 1);
    if (!d)
        abort();
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static void parse_expectation(const example *ex, expectation *e, report *r)
{
    memset(e, 0, sizeof *e);
    bl_buf json = BL_BUF_INIT;
    const char *s = ex->expected.data ? ex->expected.data : "";
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (n >= 6 && strncmp(s, "error:", 6) == 0) {
            free(e->error);
            e->error = dup_trimmed(s + 6, n - 6);
        } else if (n >= 8 && strncmp(s, "warning:", 8) == 0) {
            e->warnings = realloc(e->warnings, (size_t)(e->n_warnings + 1) * sizeof *e->warnings);
            if (!e->warnings)
                abort();
            e->warnings[e->n_warnings++] = dup_trimmed(s + 8, n - 8);
        } else {
            bl_buf_append(&json, s, n);
            bl_buf_putc(&json, '\n');
        }
        s += n + (nl ? 1 : 0);
    }
    const char *j = bl_buf_cstr(&json);
    bool blank = strspn(j, " \t\r\n") == strlen(j);
    if (!blank) {
        e->json = cJSON_Parse(j);
        if (!cJSON_IsObject(e->json)) {
            const char *at = cJSON_GetErrorPtr();
            failf(r, "the expected section is not a JSON object%s%.40s",
                  at ? " near: " : "", at ? at : "");
            e->bad = true;
        }
    } else if (!e->error && !e->n_warnings) {
        failf(r, "the expected section is empty");
        e->bad = true;
    }
    if (e->error && e->json) {
        failf(r, "an example expecting an error cannot expect a model too");
        e->bad = true;
    }
    bl_buf_free(&json);
}

static void free_expectation(expectation *e)
{
    free(e->error);
    for (int i = 0; i < e->n_warnings; i++)
        free(e->warnings[i]);
    free(e->warnings);
    cJSON_Delete(e->json);
}

static const bl_aliases *g_aliases;

static void run_example(const example *ex, tally *t)
{
    report r = {ex, false};
    expectation e;
    parse_expectation(ex, &e, &r);

    bl_buf file = BL_BUF_INIT;
    const char *data = ex->input.data ? ex->input.data : "";
    size_t len = ex->input.len;
    bl_error err;
    bl_error_clear(&err);
    if (!e.bad && ex->input_path[0]) {
        if (ex->input.len) {
            failf(&r, "input=%s and an inline input: give one", ex->input_path);
            e.bad = true;
        } else if (bl_read_file(ex->input_path, &file, &err) != BL_OK) {
            failf(&r, "cannot read input=%s: %s", ex->input_path, err.message);
            e.bad = true;
        }
        data = file.data ? file.data : "";
        len = file.len;
    }

    bl_model *m = bl_model_new();
    int rc = BL_OK;
    if (!e.bad) {
        bl_error_clear(&err);
        rc = bl_read_bytes_into(m, INPUT_NAME, data, len, ex->from[0] ? ex->from : NULL, &err);
        if (!rc)
            rc = bl_analyze(m, g_aliases, &err);
    }
    char msg[2048];
    bl_error_format(&err, msg, sizeof msg);

    if (e.bad) {
        /* reported */
    } else if (e.error) {
        if (rc == BL_OK)
            failf(&r, "expected an error containing \"%s\"; the input read without one",
                  e.error);
        else if (!strstr(msg, e.error))
            failf(&r, "expected an error containing \"%s\", got \"%s\"", e.error, msg);
    } else if (rc != BL_OK) {
        failf(&r, "unexpected error: %s", msg);
    } else {
        /* warnings, formatted as the command line prints them */
        for (int i = 0; i < e.n_warnings; i++) {
            bool found = false;
            for (const bl_document *d = m->documents; d && !found; d = d->next)
                for (const bl_warning *w = d->warnings; w && !found; w = w->next) {
                    char line[2048];
                    if (w->line)
                        snprintf(line, sizeof line, "%s:%d: warning: %s", d->source, w->line,
                                 w->message);
                    else
                        snprintf(line, sizeof line, "%s: warning: %s", d->source, w->message);
                    found = strstr(line, e.warnings[i]) != NULL;
                }
            if (!found) {
                failf(&r, "expected a warning containing \"%s\"; the warnings were:",
                      e.warnings[i]);
                int n = 0;
                for (const bl_document *d = m->documents; d; d = d->next)
                    for (const bl_warning *w = d->warnings; w; w = w->next, n++)
                        printf("      %d: %s\n", w->line, w->message);
                if (!n)
                    printf("      (none)\n");
            }
        }
        if (e.json) {
            bl_buf out = BL_BUF_INIT;
            if (bl_write_json(m, &out, &err) != BL_OK) {
                failf(&r, "bl_write_json failed: %s", err.message);
            } else {
                cJSON *got = cJSON_Parse(bl_buf_cstr(&out));
                if (!got)
                    failf(&r, "bl_write_json wrote JSON that does not parse");
                else
                    compare(e.json, got, "", &r);
                cJSON_Delete(got);
            }
            bl_buf_free(&out);
        }
    }
    bl_model_free(m);
    bl_buf_free(&file);
    free_expectation(&e);
    if (r.failed)
        t->failed++;
    else
        t->passed++;
}

/* --- reading spec files --------------------------------------------------- */

/* Options after "example" on the fence: from=FORMAT, input=PATH. Returns
 * false (reported) on an unknown one. */
static bool parse_options(example *ex, const char *s, report *r)
{
    while (*s) {
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            break;
        size_t n = strcspn(s, " \t");
        if (n > 5 && strncmp(s, "from=", 5) == 0 && n - 5 < sizeof ex->from) {
            memcpy(ex->from, s + 5, n - 5);
            ex->from[n - 5] = '\0';
        } else if (n > 6 && strncmp(s, "input=", 6) == 0 && n - 6 < sizeof ex->input_path) {
            memcpy(ex->input_path, s + 6, n - 6);
            ex->input_path[n - 6] = '\0';
        } else {
            failf(r, "unknown option on the fence: %.*s", (int)n, s);
            return false;
        }
        s += n;
    }
    return true;
}

/* Appends one input line, with → (U+2192) standing for a tab. */
static void append_input_line(bl_buf *b, const char *s, size_t n)
{
    static const char arrow[] = "\xe2\x86\x92";
    for (size_t i = 0; i < n; i++) {
        if (i + 3 <= n && memcmp(s + i, arrow, 3) == 0) {
            bl_buf_putc(b, '\t');
            i += 2;
        } else {
            bl_buf_putc(b, s[i]);
        }
    }
    bl_buf_putc(b, '\n');
}

static bool is_fence_close(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    return n == FENCE_LEN && strncmp(s, FENCE, FENCE_LEN) == 0;
}

/* Runs the examples of path; only_line > 0 runs just the one opening there.
 * Returns the number of examples found. */
static int run_file(const char *path, int only_line, tally *t)
{
    bl_buf text = BL_BUF_INIT;
    bl_error err;
    bl_error_clear(&err);
    if (bl_read_file(path, &text, &err) != BL_OK) {
        printf("%s: cannot read: %s\n", path, err.message);
        t->failed++;
        bl_buf_free(&text);
        return 0;
    }
    int found = 0;
    const char *s = bl_buf_cstr(&text);
    int lineno = 0;
    enum { OUTSIDE, INPUT, EXPECTED } state = OUTSIDE;
    example ex;
    memset(&ex, 0, sizeof ex);
    bool skip = false;
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        lineno++;
        if (state == OUTSIDE) {
            if (n >= FENCE_LEN + 8 && strncmp(s, FENCE " example", FENCE_LEN + 8) == 0 &&
                (n == FENCE_LEN + 8 || s[FENCE_LEN + 8] == ' ')) {
                memset(&ex, 0, sizeof ex);
                ex.file = path;
                ex.line = lineno;
                skip = only_line > 0 && only_line != lineno;
                char opts[1200];
                size_t on = n - (FENCE_LEN + 8);
                if (on >= sizeof opts)
                    on = sizeof opts - 1;
                memcpy(opts, s + FENCE_LEN + 8, on);
                opts[on] = '\0';
                report r = {&ex, false};
                if (!skip && !parse_options(&ex, opts, &r)) {
                    t->failed++;
                    found++;
                    skip = true;
                }
                state = INPUT;
            }
        } else if (state == INPUT) {
            if (n == 1 && s[0] == '.')
                state = EXPECTED;
            else if (is_fence_close(s, n)) {
                report r = {&ex, false};
                if (!skip) {
                    failf(&r, "no \".\" line between the input and the expected model");
                    t->failed++;
                    found++;
                }
                bl_buf_free(&ex.input);
                state = OUTSIDE;
            } else
                append_input_line(&ex.input, s, n);
        } else {
            if (is_fence_close(s, n)) {
                if (!skip) {
                    found++;
                    run_example(&ex, t);
                }
                bl_buf_free(&ex.input);
                bl_buf_free(&ex.expected);
                state = OUTSIDE;
            } else {
                bl_buf_append(&ex.expected, s, n);
                bl_buf_putc(&ex.expected, '\n');
            }
        }
        s += n + (nl ? 1 : 0);
    }
    if (state != OUTSIDE) {
        report r = {&ex, false};
        if (!skip) {
            failf(&r, "the example is not closed (a line of 32 backticks)");
            t->failed++;
            found++;
        }
        bl_buf_free(&ex.input);
        bl_buf_free(&ex.expected);
    }
    bl_buf_free(&text);
    return found;
}

/* --- the cmocka group ----------------------------------------------------- */

static char *g_files[MAX_FILES];
static int g_lines[MAX_FILES];
static int g_n_files;
static tally g_tally;
static int g_examples;

static void spec_file(void **state)
{
    int i = (int)(intptr_t)*state;
    tally before = g_tally;
    int found = run_file(g_files[i], g_lines[i], &g_tally);
    g_examples += found;
    if (found == 0)
        fail_msg("%s: no example%s", g_files[i], g_lines[i] ? " on that line" : "");
    assert_int_equal(g_tally.failed - before.failed, 0);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_file(const char *path, int line)
{
    if (g_n_files == MAX_FILES)
        return;
    g_files[g_n_files] = strdup(path);
    if (!g_files[g_n_files])
        abort();
    g_lines[g_n_files++] = line;
}

/* Every *.md of dir but README.md, sorted. */
static int add_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char *names[MAX_FILES];
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < MAX_FILES) {
        size_t len = strlen(de->d_name);
        if (len > 3 && strcmp(de->d_name + len - 3, ".md") == 0 &&
            strcmp(de->d_name, "README.md") != 0)
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        add_file(path, 0);
        free(names[i]);
    }
    return n;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s", argv[i]);
            int line = 0;
            char *colon = strrchr(path, ':');
            if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
                line = atoi(colon + 1);
                *colon = '\0';
            }
            add_file(path, line);
        }
    } else {
        const char *dir = getenv("BL_SPEC_DIR");
        if (!dir || !*dir)
            dir = "tests/spec";
        if (add_dir(dir) <= 0) {
            printf("spec: no spec files in %s\n", dir);
            return 1;
        }
    }

    bl_aliases *aliases = NULL;
    bl_error err;
    bl_error_clear(&err);
    if (bl_aliases_new(&aliases, &err) != BL_OK) {
        printf("spec: cannot load the alias table: %s\n", err.message);
        return 1;
    }
    g_aliases = aliases;

    struct CMUnitTest *tests = calloc((size_t)g_n_files, sizeof *tests);
    if (!tests)
        abort();
    for (int i = 0; i < g_n_files; i++) {
        tests[i].name = g_files[i];
        tests[i].test_func = spec_file;
        tests[i].initial_state = (void *)(intptr_t)i;
    }
    int rc = _cmocka_run_group_tests("spec", tests, (size_t)g_n_files, NULL, NULL);
    printf("spec: %d passed, %d failed (%d examples in %d files)\n", g_tally.passed,
           g_tally.failed, g_examples, g_n_files);
    free(tests);
    for (int i = 0; i < g_n_files; i++)
        free(g_files[i]);
    bl_aliases_free(aliases);
    return rc || g_tally.failed || g_tally.passed == 0 ? 1 : 0;
}
