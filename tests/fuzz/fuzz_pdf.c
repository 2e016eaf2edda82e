/* fuzz_pdf.c - libFuzzer harness for the PDF writer (src/pdf through its
 * public API); see README.md in this directory.
 *
 * The first input byte picks the reader (bits 0-1: sniffed, cells, pipe,
 * prose, as fuzz_read.c) and the options (bit 2 landscape, bit 3 the
 * gongwen style, bit 4 fallback faces allowed); the rest is the report.
 * A report that reads is analysed and rendered with the real fonts (the
 * compiled-in configuration) into a private temporary directory; reports of
 * more than MAX_ROWS projects, entries and indicators are skipped, so each
 * run stays a few pages and fast.
 *
 * Invariants: the writer returns BL_OK, or BL_EFONT with a message (a
 * character no face covers, fallback not allowed); on success the file is
 * a PDF of stats.bytes bytes and at least one page; on error nothing is
 * left; never a temporary file left beside the output.
 */
#define _GNU_SOURCE /* mkdtemp, strdup */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis.h"
#include "reader.h"
#include "write_pdf.h"

#define NAME "fuzz.txt"
#define MAX_ROWS 40

static void require(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_pdf: invariant broken: %s\n", what);
        abort();
    }
}

#define REQUIRE(cond) require((cond) != 0, #cond)

static char dir[64];
static char out[96];

static void remove_dir(void)
{
    rmdir(dir);
}

/* Files in dir other than out.pdf (temporary files left). */
static int strays(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    REQUIRE(d != NULL);
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
             strcmp(e->d_name, "out.pdf");
    closedir(d);
    return n;
}

static size_t rows(const bl_model *m)
{
    size_t n = 0;
    for (const bl_document *d = m->documents; d; d = d->next) {
        n += d->n_indicators;
        for (const bl_list *l = d->lists; l; l = l->next)
            for (const bl_project *p = l->projects; p; p = p->next)
                n += 1 + p->n_entries;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const formats[] = {NULL, "cells", "pipe", "prose"};
    static bl_aliases *aliases;
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/fuzz_pdf.XXXXXX", tmp && *tmp ? tmp : "/tmp");
        REQUIRE(mkdtemp(dir) != NULL);
        snprintf(out, sizeof out, "%s/out.pdf", dir);
        atexit(remove_dir);
        bl_error err = {0};
        REQUIRE(bl_aliases_new(&aliases, &err) == BL_OK);
    }
    if (size < 1)
        return 0;
    unsigned pick = data[0];
    bl_model *m = bl_model_new();
    bl_error err = {0};
    int rc = bl_read_bytes_into(m, NAME, (const char *)data + 1, size - 1,
                                formats[pick % 4], &err);
    if (rc == BL_OK && rows(m) <= MAX_ROWS) {
        REQUIRE(bl_analyze(m, aliases, &err) == BL_OK);
        bl_pdf_options o = {
            .landscape = pick & 4,
            .style = pick & 8 ? "gongwen" : NULL,
            .allow_fallback = pick & 16,
            .version = "fuzz",
            .creation_epoch = 0,
            .jobs = 1,
        };
        bl_pdf_stats stats = {0};
        rc = bl_write_pdf(m, m->documents, out, &o, &stats, &err);
        struct stat st;
        if (rc == BL_OK) {
            REQUIRE(stat(out, &st) == 0 && st.st_size == stats.bytes && stats.pages >= 1);
            FILE *f = fopen(out, "rb");
            char head[5] = {0};
            REQUIRE(f && fread(head, 1, 5, f) == 5 && memcmp(head, "%PDF-", 5) == 0);
            fclose(f);
            REQUIRE(unlink(out) == 0);
        } else {
            REQUIRE(rc == BL_EFONT && err.code == rc && err.message[0]);
            REQUIRE(stat(out, &st) != 0);
        }
        REQUIRE(strays() == 0);
    }
    bl_model_free(m);
    return 0;
}
