/* buf.h - growable byte buffer.
 *
 * Ownership: the bl_buf owns `data` (malloc'd); bl_buf_free releases it, or
 * bl_buf_detach hands it to the caller, who then frees it with free().
 * `data` is always NUL-terminated once anything was appended.
 * Running out of memory follows alloc.h (the program's handler, else
 * abort), as in the arena: it keeps every caller simple.
 */
#ifndef BL_BUF_H
#define BL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct bl_buf {
    char *data;
    size_t len;
    size_t cap;
} bl_buf;

#define BL_BUF_INIT {NULL, 0, 0}

void bl_buf_init(bl_buf *b);
void bl_buf_free(bl_buf *b);
void bl_buf_reset(bl_buf *b); /* len = 0, keeps the memory */
void bl_buf_grow(bl_buf *b, size_t extra);
void bl_buf_append(bl_buf *b, const void *data, size_t len);
void bl_buf_puts(bl_buf *b, const char *s);
void bl_buf_putc(bl_buf *b, char c);
void bl_buf_printf(bl_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void bl_buf_vprintf(bl_buf *b, const char *fmt, va_list ap);
/* Appends s with & < > " ' escaped for HTML text and attribute values. */
void bl_buf_append_html(bl_buf *b, const char *s, size_t len);
/* Appends data in base64 (RFC 4648, padded), for data: URIs. */
void bl_buf_append_base64(bl_buf *b, const void *data, size_t len);
/* Returns the data (never NULL: "" for an empty buffer) and empties b. */
char *bl_buf_detach(bl_buf *b);
/* A C string view of the content ("" when empty); b keeps ownership. */
const char *bl_buf_cstr(bl_buf *b);

#endif
