/* seeds.h - shared fixtures of the reader tests: the seed reports in
 * examples/, read (and analysed) into a model, and lookups by list and
 * sequence number. Header-only so every test program stays one file. */
#ifndef BL_TEST_SEEDS_H
#define BL_TEST_SEEDS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "buf.h"
#include "io.h"
#include "model.h"
#include "reader.h"
#include "text.h"

#define SEED_CELLS "examples/000_03b3a4d07901329f.txt"
#define SEED_PIPE "examples/002_d2b346bc7988df13.txt"
#define SEED_PROSE "examples/004_4439fbf7470fe794.txt"

/* Path of a file of the source tree (tests run from the repo root, but
 * BL_SOURCE_DIR says where it is when they do not). */
static inline const char *seed_path(const char *rel)
{
    static char buf[4][1024];
    static int k;
    const char *root = getenv("BL_SOURCE_DIR");
    char *out = buf[k++ % 4];
    snprintf(out, sizeof buf[0], "%s/%s", root && *root ? root : ".", rel);
    return out;
}

/* Reads one seed into a new model (analysed when analyse is true); fails
 * the test on error. */
static inline bl_model *seed_model(const char *rel, bool analyse)
{
    bl_model *m = bl_model_new();
    bl_error err = {0};
    int rc = bl_read_file_into(m, seed_path(rel), NULL, &err);
    if (rc) {
        char msg[2048];
        bl_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
        abort();
    }
    if (analyse) {
        bl_aliases *a = NULL;
        if (bl_aliases_new(&a, &err) || bl_analyze(m, a, &err))
            abort();
        bl_aliases_free(a);
    }
    return m;
}

static inline bl_list *seed_list(bl_model *m, int index)
{
    bl_list *l = m->documents->lists;
    while (l && index-- > 0)
        l = l->next;
    return l;
}

static inline bl_project *seed_project(bl_list *l, const char *seq)
{
    for (bl_project *p = l ? l->projects : NULL; p; p = p->next)
        if (strcmp(p->seq, seq) == 0)
            return p;
    return NULL;
}

static inline bl_entry *seed_entry(bl_project *p, int index)
{
    bl_entry *e = p ? p->entries : NULL;
    while (e && index-- > 0)
        e = e->next;
    return e;
}

/* Reads text (a fixture quoted from a seed) with the reader named format. */
static inline int seed_text(bl_model *m, const char *name, const char *text,
                            const char *format, bl_error *err)
{
    return bl_read_bytes_into(m, name, text, strlen(text), format, err);
}

#endif
