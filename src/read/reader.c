/* reader.c - the table of readers, format sniffing, and reading a file into
 * a new document; see reader.h. */
#include "reader.h"

#include <string.h>

#include "buf.h"
#include "grid.h"
#include "interpret.h"
#include "io.h"
#include "table.h"
#include "text.h"

const bl_reader bl_readers[] = {
    {"cells", bl_sniff_cells, bl_read_cells},
    {"pipe", bl_sniff_pipe, bl_read_pipe},
    {"spaced", bl_sniff_spaced, bl_read_spaced},
    {"prose", bl_sniff_prose, bl_read_prose},
    {"kv", bl_sniff_kv, bl_read_kv},
    {NULL, NULL, NULL},
};

/* Byte-level readers (HTML, office files): one row each. */
const bl_byte_reader bl_byte_readers[] = {
    {"html", bl_sniff_html, bl_read_html},
    {"csv", bl_sniff_csv, bl_read_csv},
    {"xlsx", bl_sniff_xlsx, bl_read_xlsx},
    {"docx", bl_sniff_docx, bl_read_docx},
    {"xls", bl_sniff_xls, bl_read_xls},
    {"refuse", bl_sniff_refuse, bl_read_refuse},
    {NULL, NULL, NULL},
};

/* Below this confidence no reader claims the text. */
#define SNIFF_MIN 20

const bl_reader *bl_reader_find(const char *name)
{
    for (const bl_reader *r = bl_readers; name && r->name; r++)
        if (strcmp(r->name, name) == 0)
            return r;
    return NULL;
}

/* Sniffers see the first SNIFF_BYTES of the text (cut at a line end): the
 * shape of a report shows in its first lines, and a sniffer that reads a
 * 100 MB table whole costs as much as the reader. */
#define SNIFF_BYTES (256 * 1024)

static const char *sniff_part(bl_arena *a, const char *text, size_t len)
{
    if (len <= SNIFF_BYTES)
        return text;
    size_t n = SNIFF_BYTES;
    while (n > 0 && text[n - 1] != '\n')
        n--;
    return bl_arena_strndup(a, text, n ? n : SNIFF_BYTES);
}

/* The readers that claim the text, most confident first. */
static size_t sniff(const char *text, size_t len, const bl_reader **order)
{
    int score[16];
    size_t n = 0;
    for (const bl_reader *r = bl_readers; r->name && n < 16; r++) {
        int s = r->sniff(text, len);
        if (s < SNIFF_MIN)
            continue;
        size_t at = n++;
        while (at > 0 && score[at - 1] < s) { /* stable: table order on ties */
            score[at] = score[at - 1];
            order[at] = order[at - 1];
            at--;
        }
        score[at] = s;
        order[at] = r;
    }
    return n;
}

/* Takes a failed document out of the model again: nothing half-read is
 * left behind (its memory stays in the arena until the model is freed). */
static void drop_document(bl_model *m, bl_document *d)
{
    bl_document **at = &m->documents, *prev = NULL;
    while (*at && *at != d) {
        prev = *at;
        at = &(*at)->next;
    }
    if (*at) {
        *at = d->next;
        m->n_documents--;
        if (m->documents_tail == d)
            m->documents_tail = prev;
    }
}

static bool has_content(const bl_document *d)
{
    for (const bl_list *l = d->lists; l; l = l->next)
        if (l->n_projects)
            return true;
    return d->n_indicators > 0;
}

static bool has_header(bl_model *m, const bl_grid *g)
{
    bl_columns *vocab;
    bl_error e = {0};
    if (bl_columns_new(m->arena, &vocab, &e))
        return true; /* cannot tell: keep the interpreter's answer */
    for (size_t i = 0; i < g->n; i++)
        if (bl_row_is_header(m->arena, vocab, &g->rows[i]))
            return true;
    return false;
}

/* Prose read from a file that was no table is kept only when it states a
 * completion rate: the numbered paragraphs of a form, a notice or a page's
 * footer are no report. */
static bool states_a_rate(const bl_document *d)
{
    for (const bl_indicator *i = d->indicators; i; i = i->next)
        if (i->n_rates)
            return true;
    for (const bl_list *l = d->lists; l; l = l->next)
        for (const bl_project *p = l->projects; p; p = p->next)
            for (const bl_entry *e = p->entries; e; e = e->next)
                if (e->n_rates)
                    return true;
    return false;
}

int bl_read_grid(bl_model *m, bl_document *d, const bl_grid *g, bl_error *err)
{
    int rc = bl_interpret_grid(m, d, g, err);
    if (rc != BL_EINPUT || d->lists || d->n_indicators || has_header(m, g))
        return rc;
    bl_buf text = BL_BUF_INIT;
    for (size_t i = 0; i < g->n; i++)
        for (size_t j = 0; j < g->rows[i].n; j++) {
            const bl_cell *c = &g->rows[i].cells[j];
            if (!c->covered && *c->text) {
                bl_buf_puts(&text, c->text);
                bl_buf_putc(&text, '\n');
            }
        }
    const char *format = d->format;
    size_t len = text.len;
    const char *prose = bl_arena_strndup(m->arena, text.data ? text.data : "", len);
    bl_buf_free(&text);
    bl_error e = {0};
    if (bl_read_prose(m, d, prose, len, &e) || !states_a_rate(d)) {
        d->lists = d->lists_tail = NULL; /* nothing of the prose stays */
        d->n_lists = 0;
        d->indicators = d->indicators_tail = NULL;
        d->n_indicators = 0;
        return rc; /* the table's error says more than "no project list" */
    }
    d->format = format; /* the file's format, whatever its shape */
    return BL_OK;
}

/* A new document of m for path; its format names the reader. */
static bl_document *new_document(bl_model *m, const char *path, const char *format)
{
    char stem[256];
    bl_document *d = bl_model_add_document(m, path);
    bl_path_stem(path, stem, sizeof stem);
    d->stem = bl_arena_strdup(m->arena, stem);
    d->format = format;
    return d;
}

/* A reader's result: a document that holds nothing is an error, and a
 * failed one leaves the model. */
static int finish_document(bl_model *m, bl_document *d, const char *format,
                           int rc, bl_error *err)
{
    if (rc == BL_OK && !has_content(d))
        rc = bl_error_set(err, BL_EINPUT, d->source, 1,
                          "no projects or indicators found (read as %s)", format);
    if (rc)
        drop_document(m, d);
    return rc;
}

static int read_document(bl_model *m, const bl_reader *r, const char *path,
                         const char *text, size_t len, const char *encoding,
                         bl_error *err)
{
    bl_document *d = new_document(m, path, r->name);
    d->encoding = encoding;
    return finish_document(m, d, r->name, r->read(m, d, text, len, err), err);
}

static int read_with_bytes(bl_model *m, const bl_byte_reader *r,
                           const char *path, const char *data, size_t len,
                           bl_error *err)
{
    bl_document *d = new_document(m, path, r->name);
    int rc = r->read_bytes(m, d, (const unsigned char *)data, len, err);
    return finish_document(m, d, r->name, rc, err);
}

/* The byte-level reader that claims the file most surely, or NULL. */
static const bl_byte_reader *sniff_bytes(const char *path, const char *data,
                                         size_t len)
{
    const bl_byte_reader *best = NULL;
    int best_score = SNIFF_MIN - 1;
    for (const bl_byte_reader *r = bl_byte_readers; r->name; r++) {
        int s = r->sniff_bytes(path, (const unsigned char *)data, len);
        if (s > best_score) {
            best = r;
            best_score = s;
        }
    }
    return best;
}

static const bl_byte_reader *byte_reader_find(const char *name)
{
    for (const bl_byte_reader *r = bl_byte_readers; name && r->name; r++)
        if (strcmp(r->name, name) == 0)
            return r;
    return NULL;
}

/* bl_read_bytes_into; owned, when not NULL, holds data and is freed as
 * soon as the text is decoded: a big file is not held twice while it is
 * read. The decoded text is scratch too, freed when the readers are done:
 * they copy what the model keeps (cells, titles, prose), so a report's
 * text (and a legacy encoding's two trial conversions) does not stay in
 * the model's arena for the whole run. */
static int read_sniffed(bl_model *m, const char *path, const char *text,
                        size_t text_len, const char *encoding, bl_error *err);

static int read_bytes(bl_model *m, const char *path, const char *data,
                      size_t len, const char *format, bl_buf *owned,
                      bl_error *err)
{
    char *text;
    size_t text_len;
    const char *encoding;
    const bl_reader *r = NULL;
    const bl_byte_reader *br = format ? byte_reader_find(format)
                                      : sniff_bytes(path, data, len);
    if (br)
        return read_with_bytes(m, br, path, data, len, err);
    if (format && !(r = bl_reader_find(format)))
        return bl_error_set(err, BL_EUSAGE, NULL, 0,
                            "unknown format '%s' (use cells, pipe, spaced, kv, prose, html, csv, "
                            "xlsx, docx or xls)", format);
    bl_arena *decoded = bl_arena_new();
    int rc = bl_text_decode(path, data, len, decoded, &text, &text_len,
                            &encoding, err);
    if (rc == BL_OK && owned)
        bl_buf_free(owned);
    if (rc == BL_OK)
        rc = r ? read_document(m, r, path, text, text_len, encoding, err)
               : read_sniffed(m, path, text, text_len, encoding, err);
    bl_arena_free(decoded);
    return rc;
}

/* Text of no named format: the readers its sniffers find likeliest, in
 * turn, until one reads it. */
static int read_sniffed(bl_model *m, const char *path, const char *text,
                        size_t text_len, const char *encoding, bl_error *err)
{
    /* Sniffers look for ASCII digits, bars and brackets: full-width forms
     * ("１２", "｜") and ideographic spaces must not hide a format, so they
     * see the folded text, as the readers' keys do. When the likeliest
     * reader finds nothing, the next one tries: its error is kept only if
     * none succeeds. */
    const bl_reader *order[16];
    const char *folded = bl_report_fold(m->arena, sniff_part(m->arena, text, text_len));
    size_t n = sniff(folded, strlen(folded), order);
    if (!n)
        return bl_error_set(err, BL_EINPUT, path, 1,
                            "not a progress report: no project table, pipe table, "
                            "records or numbered sections found");
    bl_error first = {0};
    for (size_t i = 0; i < n; i++) {
        bl_error e = {0};
        int rc = read_document(m, order[i], path, text, text_len, encoding, &e);
        if (rc == BL_OK)
            return BL_OK;
        if (i == 0)
            first = e;
    }
    if (err)
        *err = first;
    return first.code;
}

int bl_read_bytes_into(bl_model *m, const char *path, const char *data,
                       size_t len, const char *format, bl_error *err)
{
    return read_bytes(m, path, data, len, format, NULL, err);
}

int bl_read_file_into(bl_model *m, const char *path, const char *format,
                      bl_error *err)
{
    bl_buf b = BL_BUF_INIT;
    int rc = bl_read_file(path, &b, err);
    if (rc == BL_OK)
        rc = read_bytes(m, path, b.data ? b.data : "", b.len, format, &b, err);
    bl_buf_free(&b);
    return rc;
}
