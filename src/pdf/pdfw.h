/* pdfw.h - a PDF file written object by object: what the direct backend
 * (canvas_direct.c) writes its pages, fonts and outline through.
 *
 * Object numbers are reserved as they are needed (1, 2, ...) and each
 * reserved object is written once, in any order. Dictionaries, arrays and
 * other plain values are packed, up to 100 to a stream, into object
 * streams deflated by libdeflate (pdf_deflate_whole, level 6); streams go
 * to the file as they come, deflated (/FlateDecode) at the writer's level
 * unless the caller deflated them already. pdfw_close writes the last
 * object stream, a cross-reference stream (compressed entries for packed
 * objects) and the trailer keys in it: /Root, /Info, /Size, and an /ID
 * that is the MD5 of every byte before the cross-reference stream, so the
 * same calls give the same bytes. The file starts "%PDF-1.7" and a binary
 * comment line.
 *
 * Ownership: pdfw_open returns a writer that owns its buffers but not the
 * FILE; pdfw_close writes the rest and frees the writer, pdfw_abort frees
 * it without writing more. Errors: after a write fails every call is a
 * no-op and pdfw_close returns -1; the caller then discards the file
 * (io.h's atomic files). Not thread-safe: one thread writes.
 */
#ifndef BL_PDFW_H
#define BL_PDFW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"

typedef struct pdfw pdfw;

/* A writer on out (positioned at 0) deflating streams at libdeflate's
 * level (1 fastest .. 12); writes the header at once. Never NULL (running
 * out of memory follows alloc.h); a level out of range fails the writer
 * as a failed write does. */
pdfw *pdfw_open(FILE *out, int level);

/* The level pdfw_open was given. */
int pdfw_level(const pdfw *w);

/* A new object number: increasing, not always consecutive (an object
 * stream takes the next number when its first object comes). Writing a
 * number that was not reserved, or one twice, fails the writer. */
unsigned pdfw_reserve(pdfw *w);

/* Object num's value (the PDF text of a dictionary, array, name, number
 * or string, len bytes; copied), packed into an object stream. */
void pdfw_object(pdfw *w, unsigned num, const char *body, size_t len);

/* pdfw_object with a printf format. */
void pdfw_objectf(pdfw *w, unsigned num, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Object num as a stream written now: dict holds its dictionary's entries
 * other than /Length and /Filter ("" for none; no << >>); data its len
 * bytes, deflated with /Filter /FlateDecode when deflate is set, else
 * written as they are (dict may then name a /Filter of its own). */
void pdfw_stream(pdfw *w, unsigned num, const char *dict, const void *data,
                 size_t len, bool deflate);

/* Object num as a stream whose data the caller deflated already (zlib
 * format, as pdf_deflate_whole makes): written with /Filter /FlateDecode. */
void pdfw_stream_deflated(pdfw *w, unsigned num, const char *dict,
                          const void *zdata, size_t zlen);

/* Finishes the file: root and info name the catalog and the information
 * dictionary (info 0: none). Every reserved number must have been
 * written (else -1). *bytes (may be NULL) gets the file's size when it
 * returns 0. Returns 0, or -1 when a write failed. Frees w either way. */
int pdfw_close(pdfw *w, unsigned root, unsigned info, long long *bytes);

/* Frees w without finishing the file. */
void pdfw_abort(pdfw *w);

/* Appends a PDF string literal of s[0..n) to out: "(...)" with \\, \( and
 * \) escaped (control characters as \ddd), or for text that is not ASCII
 * a UTF-16BE hex string with its byte-order mark (<FEFF...>), as PDF text
 * strings are written; bytes that are not UTF-8 become U+FFFD. */
void pdfw_text_string(bl_buf *out, const char *s, size_t n);

/* Appends a PDF name (/Name), characters outside ! to ~ and the
 * delimiters written #xx. */
void pdfw_name(bl_buf *out, const char *s);

/* Appends a number the way PDF content wants it: at most `decimals`
 * digits after the point (0-6), rounded half away from zero, trailing
 * zeros and a bare point dropped, "-0" written "0", never an exponent.
 * NaN and infinities are written 0, magnitudes past 1e18 as 1e18. Fast:
 * the content streams are mostly numbers. */
void pdfw_num(bl_buf *out, double v, int decimals);

#endif
