/* reader.h - format sniffing and the table of readers.
 *
 * A reader turns decoded UTF-8 text into one bl_document of the model. Each
 * reader is one file (read_cells.c, read_pipe.c, read_prose.c, read_kv.c) and one row
 * in the table in reader.c: a new format is one file and one row.
 */
#ifndef BL_READER_H
#define BL_READER_H

#include <stddef.h>

#include "error.h"
#include "model.h"
#include "table.h"

typedef struct bl_reader {
    const char *name; /* "cells", "pipe", "prose", "kv" */
    /* Confidence 0..100 that text is in this format. */
    int (*sniff)(const char *text, size_t len);
    /* Fills d (already added to m, source/stem/encoding set). text is
     * NUL-terminated UTF-8 owned by m's arena. On error returns non-zero
     * with err naming d->source and the line. */
    int (*read)(bl_model *m, bl_document *d, const char *text, size_t len,
                bl_error *err);
} bl_reader;

/* The readers, ending with a row whose name is NULL. */
extern const bl_reader bl_readers[];

/* Readers of files that are not plain text (HTML with its own charset,
 * XLSX, DOCX, XLS, CSV …): they see the file's bytes before any decoding,
 * and build their grids and text themselves. Tried before the text readers,
 * by the confidence of sniff_bytes. */
typedef struct bl_byte_reader {
    const char *name; /* "html", "xlsx", … (also a --from FORMAT) */
    /* Confidence 0..100 from the bytes and the file name (may be NULL). */
    int (*sniff_bytes)(const char *path, const unsigned char *data, size_t len);
    /* Fills d (added to m, source and stem set; the reader sets encoding
     * and format). */
    int (*read_bytes)(bl_model *m, bl_document *d, const unsigned char *data,
                      size_t len, bl_error *err);
} bl_byte_reader;

extern const bl_byte_reader bl_byte_readers[]; /* ends with name NULL */

/* The reader of that name, or NULL. */
const bl_reader *bl_reader_find(const char *name);

/* Reads the file at path (decoding GB18030 when needed) into a new document
 * of m. format forces a reader ("cells"...); NULL sniffs the content. */
int bl_read_file_into(bl_model *m, const char *path, const char *format,
                      bl_error *err);

/* The same for bytes already in memory (tests, stdin). path names them. */
int bl_read_bytes_into(bl_model *m, const char *path, const char *data,
                       size_t len, const char *format, bl_error *err);

/* Reads a byte reader's grid into d through the table interpreter; a grid
 * in which no row is a table header (a narrative report saved as a page,
 * a document or a sheet of one column) goes to the prose reader instead,
 * as its lines and cells in order, and d keeps its format. Returns the
 * interpreter's error when prose finds nothing either, or nothing that
 * states a completion rate. */
struct bl_grid;
int bl_read_grid(bl_model *m, bl_document *d, const struct bl_grid *g,
                 bl_error *err);

/* The grid of a cell-per-line table (read_cells.c; also used by the pipe
 * reader for one-cell-per-line pipes). The lines' text (trimmed, as
 * bl_lines_split gives it) must live in m's arena: the grid's cells take
 * it as it is, without a copy. */
struct bl_grid;
int bl_cells_grid(bl_model *m, const bl_line *lines, size_t n,
                  struct bl_grid **out, bl_error *err);

/* Reader entry points, for tests. */
int bl_sniff_cells(const char *text, size_t len);
int bl_read_cells(bl_model *m, bl_document *d, const char *text, size_t len,
                  bl_error *err);
int bl_sniff_pipe(const char *text, size_t len);
int bl_read_pipe(bl_model *m, bl_document *d, const char *text, size_t len,
                 bl_error *err);
int bl_sniff_spaced(const char *text, size_t len);
int bl_read_spaced(bl_model *m, bl_document *d, const char *text, size_t len,
                   bl_error *err);
int bl_sniff_prose(const char *text, size_t len);
int bl_read_prose(bl_model *m, bl_document *d, const char *text, size_t len,
                  bl_error *err);
int bl_sniff_kv(const char *text, size_t len);
int bl_read_kv(bl_model *m, bl_document *d, const char *text, size_t len,
               bl_error *err);
/* HTML pages (read_html.c): byte-level, see bl_byte_readers. */
int bl_sniff_html(const char *path, const unsigned char *data, size_t len);
int bl_read_html(bl_model *m, bl_document *d, const unsigned char *data,
                 size_t len, bl_error *err);

/* Byte readers (read_csv.c, read_xlsx.c, read_docx.c, read_refuse.c). */
int bl_sniff_csv(const char *path, const unsigned char *data, size_t len);
int bl_read_csv(bl_model *m, bl_document *d, const unsigned char *data,
                size_t len, bl_error *err);
int bl_sniff_xlsx(const char *path, const unsigned char *data, size_t len);
int bl_read_xlsx(bl_model *m, bl_document *d, const unsigned char *data,
                 size_t len, bl_error *err);
int bl_sniff_docx(const char *path, const unsigned char *data, size_t len);
int bl_read_docx(bl_model *m, bl_document *d, const unsigned char *data,
                 size_t len, bl_error *err);
/* Excel 97–2003 through FreeXL (read_xls.c; sniffed in read_refuse.c). */
int bl_sniff_xls(const char *path, const unsigned char *data, size_t len);
int bl_read_xls(bl_model *m, bl_document *d, const unsigned char *data,
                size_t len, bl_error *err);
/* The Excel ledger (read_ledger.c): whether a workbook's grid is one (its
 * metadata sheet's marker row), and the grid back into d. */
bool bl_ledger_grid(const struct bl_grid *g);
int bl_read_ledger(bl_model *m, bl_document *d, const struct bl_grid *g,
                   bl_error *err);
/* .doc, WPS, PDF, images: always an error saying how to convert. */
int bl_sniff_refuse(const char *path, const unsigned char *data, size_t len);
int bl_read_refuse(bl_model *m, bl_document *d, const unsigned char *data,
                   size_t len, bl_error *err);

#endif
