/* pdf_coverage.c - every character the briefing draws must have a glyph
 * in the chosen faces: missing ones are named with their source line, or
 * with --allow-fallback the face that draws each; see pdf_internal.h. */
#include <stdio.h>
#include <string.h>

#include "io.h"
#include "pdf_internal.h"
#include "text.h"

typedef struct coverage {
    bl_fonts *fonts;
    bl_buf missing;   /* scratch */
    bl_buf chars;     /* the uncovered characters, unique, UTF-8 */
    int *lines;       /* per character: the model's line of its text */
    size_t count;
} coverage;

static void cover(coverage *cv, const char *s, int line)
{
    if (!s || !*s)
        return;
    bl_buf_reset(&cv->missing);
    if (bl_fonts_uncovered(cv->fonts, s, &cv->missing) == 0)
        return;
    const char *p = bl_buf_cstr(&cv->missing), *end = p + cv->missing.len;
    while (p < end) {
        const char *start = p;
        bl_utf8_next(&p, end);
        char one[8];
        snprintf(one, sizeof one, "%.*s", (int)(p - start), start);
        if (cv->chars.len && strstr(bl_buf_cstr(&cv->chars), one))
            continue;
        bl_buf_puts(&cv->chars, one);
        cv->lines = xrealloc(cv->lines, (cv->count + 1) * sizeof *cv->lines);
        cv->lines[cv->count++] = line;
    }
}

/* The first line of the source where ch occurs, else fallback: the model
 * knows where a project starts, not the line of each character. */
static int source_line(const char *text, const char *ch, int fallback)
{
    const char *hit = text ? strstr(text, ch) : NULL;
    if (!hit)
        return fallback;
    int line = 1;
    for (const char *q = text; q < hit; q++)
        line += *q == '\n';
    return line;
}

/* "𪛖 U+2A6D6 (line 17), ..." or, with fallback, one line per character
 * naming the face that draws it. Returns the first line. */
static int describe_missing(coverage *cv, const bl_document *d, bool fallback,
                            bl_buf *out)
{
    bl_buf raw = BL_BUF_INIT;
    bl_arena *arena = bl_arena_new();
    char *text = NULL;
    size_t len;
    const char *enc;
    if (bl_read_file(d->source, &raw, NULL) == BL_OK)
        bl_text_decode(d->source, raw.data, raw.len, arena, &text, &len, &enc,
                       NULL);
    const char *p = bl_buf_cstr(&cv->chars), *end = p + cv->chars.len;
    int first = 0;
    for (size_t i = 0; p < end; i++) {
        const char *start = p;
        uint32_t cp = bl_utf8_next(&p, end);
        char one[8];
        snprintf(one, sizeof one, "%.*s", (int)(p - start), start);
        int line = source_line(text, one, cv->lines[i]);
        if (i == 0)
            first = line;
        if (i >= 24) {
            bl_buf_puts(out, fallback ? "\n..." : ", ...");
            break;
        }
        if (fallback) {
            bl_buf face = BL_BUF_INIT;
            bl_fonts_fallback_name(cv->fonts, cp, &face);
            if (strcmp(bl_buf_cstr(&face), "none") == 0)
                bl_buf_printf(out, "%s%s: %s U+%04X (line %d) is in no usable "
                              "face: drawn as a missing-glyph box",
                              out->len ? "\n" : "", d->source, one,
                              (unsigned)cp, line);
            else
                bl_buf_printf(out, "%s%s: %s U+%04X (line %d) drawn with the "
                              "fallback face %s",
                              out->len ? "\n" : "", d->source, one,
                              (unsigned)cp, line, bl_buf_cstr(&face));
            bl_buf_free(&face);
        } else {
            bl_buf_printf(out, "%s%s U+%04X (line %d)", out->len ? ", " : "",
                          one, (unsigned)cp, line);
        }
    }
    bl_arena_free(arena);
    bl_buf_free(&raw);
    return first;
}

/* Checks every text of d that the briefing draws. */
static void cover_document(coverage *cv, const bl_document *d)
{
    cover(cv, d->title, 1);
    cover(cv, d->office, 0);
    for (const bl_list *l = d->lists; l; l = l->next) {
        cover(cv, l->title, l->line);
        for (const bl_project *p = l->projects; p; p = p->next) {
            cover(cv, p->seq, p->line);
            cover(cv, p->content, p->line);
            for (const bl_entry *e = p->entries; e; e = e->next) {
                cover(cv, e->department, e->line);
                cover(cv, e->target, e->line);
                cover(cv, e->planned, e->line);
                cover(cv, e->progress, e->line);
                cover(cv, e->behind_reason, e->line);
            }
        }
    }
    for (const bl_indicator *i = d->indicators; i; i = i->next) {
        cover(cv, i->section, i->line);
        cover(cv, i->seq, i->line);
        cover(cv, i->name, i->line);
        cover(cv, i->text, i->line);
    }
}

/* Every character must have a glyph in the chosen faces, unless fallback
 * is allowed (then the faces used are named in warnings). */
int pdf_check_coverage(bl_fonts *fonts, const bl_document *d,
                       const bl_pdf_options *o, bl_pdf_stats *stats,
                       bl_error *err)
{
    int rc = BL_OK;
    coverage cv = {fonts, BL_BUF_INIT, BL_BUF_INIT, NULL, 0};
    cover_document(&cv, d);
    bl_buf report = BL_BUF_INIT;
    int line = cv.count ? describe_missing(&cv, d, o->allow_fallback, &report)
                        : 0;
    if (cv.count && !o->allow_fallback) {
        rc = bl_error_set(err, BL_EFONT, d->source, line,
                          "%zu character%s not covered by the fonts (%s, %s): "
                          "%s; add a face that has them with --font-dir, "
                          "or pass --allow-fallback",
                          cv.count, cv.count > 1 ? "s" : "",
                          bl_fonts_serif(fonts), bl_fonts_sans(fonts),
                          bl_buf_cstr(&report));
    } else if (stats) {
        const char *w = bl_fonts_warnings(fonts);
        snprintf(stats->warnings, sizeof stats->warnings, "%s%s%s", w,
                 *w && report.len ? "\n" : "", bl_buf_cstr(&report));
    }
    bl_buf_free(&report);
    bl_buf_free(&cv.missing);
    bl_buf_free(&cv.chars);
    free(cv.lines);
    return rc;
}
