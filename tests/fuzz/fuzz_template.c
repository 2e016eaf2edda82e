/* fuzz_template.c - libFuzzer harness for the Mustache engine
 * (src/mustache); see README.md in this directory.
 *
 * The input is a template, a NUL byte, and JSON data (no NUL, or data that
 * is not JSON: a fixed object). Partials come from memory only: "a", "b"
 * (a block and a partial inside) and "loop" (includes itself, for the
 * depth limit); every other name is unknown, an error when the input's
 * length is odd (strict partials, as the CLI) and empty text when even.
 *
 * Invariants: rendering returns BL_OK or BL_ETEMPLATE; an error leaves the
 * output as it was and names a template with a message and, for the main
 * template, a line inside it; the compiled template renders the same bytes
 * as bl_template_render, twice in a row (its partial cache), and compiles
 * exactly when tpl_parse accepts the text. Inputs whose sections over the
 * data's arrays would multiply beyond a bound are skipped: Mustache output
 * is exponential in section nesting by design, not a bug to find.
 */
#define _GNU_SOURCE /* mkdtemp, strdup */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "template.h"
#include "template_parse.h"

#define NAME "fuzz.mustache"
#define MAX_WORK 200000.0 /* node visits allowed, estimated */

static void require(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_template: invariant broken: %s\n", what);
        abort();
    }
}

#define REQUIRE(cond) require((cond) != 0, #cond)

static const char *const partials[][2] = {
    {"a", "[{{x}}|{{{y}}}|{{.}}]\n"},
    {"b", "  {{$blk}}default {{x}}{{/blk}}\n{{>a}}"},
    {"loop", "{{>loop}}"},
};

static int loader(void *ctx, const char *name, char **text, char **origin,
                  bl_error *err)
{
    (void)ctx;
    (void)err;
    *text = NULL;
    for (size_t i = 0; i < sizeof partials / sizeof partials[0]; i++)
        if (strcmp(name, partials[i][0]) == 0) {
            *text = strdup(partials[i][1]);
            *origin = strdup(name);
            REQUIRE(*text && *origin);
        }
    return 0;
}

/* Largest array length anywhere in v. */
static double widest(const cJSON *v)
{
    double w = cJSON_IsArray(v) ? cJSON_GetArraySize(v) : 1;
    for (const cJSON *k = v ? v->child : NULL; k; k = k->next)
        w = fmax(w, widest(k));
    return w;
}

/* Nodes and section nesting of a parsed tree (partials add a fixed few). */
static void shape(const tpl_node *kids, size_t n, int depth, double *nodes,
                  int *deepest)
{
    for (size_t i = 0; i < n; i++) {
        const tpl_node *k = &kids[i];
        int d = depth + (k->kind == TPL_SECTION);
        *nodes += 1 + 4 * (k->kind == TPL_PARTIAL || k->kind == TPL_PARENT);
        if (d > *deepest)
            *deepest = d;
        shape(k->kids, k->nkids, d, nodes, deepest);
    }
}

static int count_lines(const char *s)
{
    int n = 1;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static int render_once(const char *text, const cJSON *data,
                       const bl_template_options *o, bl_buf *out, bl_error *err)
{
    bl_buf_append(out, "#", 1);
    int rc = bl_template_render(NAME, text, data, o, out, err);
    REQUIRE(rc == BL_OK || rc == BL_ETEMPLATE);
    REQUIRE(out->len >= 1 && out->data[0] == '#');
    if (rc) {
        REQUIRE(out->len == 1 && err->code == rc && err->message[0] && err->file[0]);
        if (strcmp(err->file, NAME) == 0)
            REQUIRE(err->line >= 1 && err->line <= count_lines(text) && err->col >= 1);
    }
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    const char *in = (const char *)bytes;
    const char *nul = memchr(in, '\0', size);
    size_t tlen = nul ? (size_t)(nul - in) : size;
    char *text = malloc(tlen + 1);
    REQUIRE(text != NULL);
    memcpy(text, in, tlen);
    text[tlen] = '\0';
    cJSON *data = nul ? cJSON_ParseWithLength(nul + 1, size - tlen - 1) : NULL;
    if (!data)
        data = cJSON_Parse("{\"x\":\"<a&b>\",\"y\":[1,\"two\",{\"x\":3}],"
                           "\"z\":{\"w\":true,\"e\":[]},\"n\":0}");
    REQUIRE(data != NULL);

    tpl_unit *unit = NULL;
    bl_error perr = {0};
    int prc = tpl_parse(NAME, text, &unit, &perr);
    REQUIRE(prc == BL_OK || prc == BL_ETEMPLATE);
    double nodes = 0;
    int deepest = 0;
    if (prc == BL_OK)
        shape(unit->kids, unit->nkids, 0, &nodes, &deepest);
    tpl_unit_free(unit);
    if (nodes * pow(widest(data) + 1, deepest + 1) > MAX_WORK) {
        cJSON_Delete(data);
        free(text);
        return 0;
    }

    bl_template_options o = {loader, NULL, size % 2 == 1};
    bl_buf a = BL_BUF_INIT, b = BL_BUF_INIT;
    bl_error ea = {0}, eb = {0};
    int rc = render_once(text, data, &o, &a, &ea);
    if (prc)
        REQUIRE(rc == BL_ETEMPLATE);

    bl_template *t = NULL;
    int crc = bl_template_compile(NAME, text, &o, &t, &eb);
    REQUIRE((crc == BL_OK) == (prc == BL_OK));
    if (crc == BL_OK) {
        for (int i = 0; i < 2; i++) {
            bl_buf c = BL_BUF_INIT;
            bl_error ec = {0};
            int rc2 = bl_template_render_compiled(t, data, &c, &ec);
            REQUIRE(rc2 == rc);
            if (rc == BL_OK)
                REQUIRE(c.len + 1 == a.len && (!c.len || memcmp(c.data, a.data + 1, c.len) == 0));
            else
                REQUIRE(c.len == 0 && strcmp(ec.message, ea.message) == 0);
            bl_buf_free(&c);
        }
        bl_template_free(t);
    } else {
        REQUIRE(strcmp(eb.message, perr.message) == 0 && eb.line == perr.line &&
                eb.col == perr.col);
    }
    bl_buf_free(&a);
    bl_buf_free(&b);
    cJSON_Delete(data);
    free(text);
    return 0;
}
