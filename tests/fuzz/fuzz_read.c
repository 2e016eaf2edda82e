/* fuzz_read.c - libFuzzer harness for the readers (not built by default;
 * see README.md in this directory).
 *
 * The first input byte picks the reader (sniffed, cells, pipe, prose); the
 * rest is the file. Every read must either succeed with a model that keeps
 * the invariants tests/test_hostile.c states, on which analysis and JSON
 * succeed, or fail with BL_EINPUT, the file's name, a message and a line
 * inside the file. A broken invariant aborts, so libFuzzer keeps the input.
 */
#define _GNU_SOURCE /* memmem */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "reader.h"
#include "text.h"
#include "write_json.h"

#ifndef NAME
#define NAME "fuzz.txt"
#endif

static int n_lines;
static int has_null_text; /* the input itself holds "(null)" */

static void require(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_read: invariant broken: %s\n", what);
        abort();
    }
}

#define REQUIRE(cond) require((cond) != 0, #cond)

static void check_str(const char *s)
{
    if (s)
        REQUIRE(bl_utf8_valid_prefix(s, strlen(s)) == strlen(s) &&
                (has_null_text || !strstr(s, "(null)")));
}

static void check_line(int line)
{
    REQUIRE(line >= 1 && line <= n_lines);
}

static void check_numbers(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        REQUIRE(isfinite(v[i]));
}

static void check_entry(const bl_project *p, const bl_entry *e)
{
    check_line(e->line);
    REQUIRE(e->line >= p->line);
    check_str(e->department);
    check_str(e->leader);
    check_str(e->target);
    check_str(e->planned);
    check_str(e->status_text);
    check_str(e->progress);
    check_str(e->behind_reason);
    REQUIRE((e->n_rates == 0) == (e->rate_source == BL_RATE_NONE));
    check_numbers(e->rates, e->n_rates);
    REQUIRE(isfinite(e->investment_planned) && isfinite(e->investment_actual));
}

static void check_document(const bl_document *d)
{
    size_t projects = 0;
    REQUIRE(d->format && d->encoding && strcmp(d->source, NAME) == 0);
    REQUIRE(d->month >= 0 && d->month <= 12);
    check_str(d->title);
    check_str(d->office);
    for (const bl_list *l = d->lists; l; l = l->next) {
        check_line(l->line);
        check_str(l->title);
        size_t n = 0;
        for (const bl_project *p = l->projects; p; p = p->next, n++) {
            REQUIRE(!p->seq || *p->seq); /* NULL: printed without one */
            check_str(p->seq);
            check_str(p->content);
            check_line(p->line);
            size_t k = 0;
            for (const bl_entry *e = p->entries; e; e = e->next, k++)
                check_entry(p, e);
            REQUIRE(k >= 1 && k == p->n_entries);
        }
        REQUIRE(n == l->n_projects);
        projects += n;
    }
    for (const bl_indicator *i = d->indicators; i; i = i->next) {
        REQUIRE(i->seq && i->name && i->text);
        check_str(i->section);
        check_str(i->name);
        check_str(i->text);
        check_line(i->line);
        check_numbers(i->values, i->n_values);
        check_numbers(i->rates, i->n_rates);
    }
    REQUIRE(projects + d->n_indicators > 0);
}

/* Whether a byte reader (HTML, office files, refused formats such as
 * images) takes the bytes: its errors are about the file, not a line. The
 * threshold is reader.c's SNIFF_MIN. */
static int claimed_by_bytes(const char *data, size_t len, const char *format)
{
    for (const bl_byte_reader *r = bl_byte_readers; r->name; r++)
        if (format ? strcmp(format, r->name) == 0
                   : r->sniff_bytes(NAME, (const unsigned char *)data, len) >= 20)
            return 1;
    return 0;
}

/* Reads data as the file NAME (format NULL: sniffed) and checks the
 * invariants: a sound model on which analysis and JSON succeed, or
 * BL_EINPUT naming the file, a message and a line. Lines are those of the
 * text when max_line is 0; office files (max_line > 0) number rows and
 * paragraphs instead, and their errors may name no line (0). Shared with
 * the other harnesses of this directory. */
static void check_read_lines(const char *data, size_t len, const char *format,
                             bl_aliases *aliases, int max_line)
{
    n_lines = 1;
    for (size_t i = 0; i < len && !max_line; i++)
        n_lines += data[i] == '\n';
    if (max_line)
        n_lines = max_line;
    has_null_text = memmem(data, len, "(null)", 6) != NULL;
    bl_model *m = bl_model_new();
    bl_error err = {0};
    int rc = bl_read_bytes_into(m, NAME, data, len, format, &err);
    if (rc == BL_OK) {
        REQUIRE(m->n_documents == 1);
        check_document(m->documents);
        REQUIRE(bl_analyze(m, aliases, &err) == BL_OK);
        bl_buf out = BL_BUF_INIT;
        REQUIRE(bl_write_json(m, &out, &err) == BL_OK);
        bl_buf_free(&out);
    } else {
        REQUIRE(rc == BL_EINPUT && err.code == rc);
        REQUIRE(strcmp(err.file, NAME) == 0 && err.message[0]);
        REQUIRE((err.line >= 1 && err.line <= n_lines) ||
                (err.line == 0 && (max_line || bl_text_blank_n(data, len) ||
                                   claimed_by_bytes(data, len, format))));
        REQUIRE(m->n_documents == 0);
    }
    bl_model_free(m);
}

static void check_read(const char *text, size_t len, const char *format,
                       bl_aliases *aliases)
{
    check_read_lines(text, len, format, aliases, 0);
}

static bl_aliases *fuzz_aliases(void)
{
    static bl_aliases *aliases;
    if (!aliases) {
        bl_error err = {0};
        REQUIRE(bl_aliases_new(&aliases, &err) == BL_OK);
    }
    return aliases;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const formats[] = {NULL, "cells", "pipe", "prose"};
    bl_aliases *aliases = fuzz_aliases();
    if (size < 1)
        return 0;
    const char *format = formats[data[0] % 4];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;

    /* The sniffers are public and see raw bytes in tests: any bytes. */
    char *copy = malloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    for (const bl_reader *r = bl_readers; r->name; r++) {
        int score = r->sniff(copy, len);
        REQUIRE(score >= 0 && score <= 100);
    }
    free(copy);
    check_read(text, len, format, aliases);
    return 0;
}
