/* buf.c - growable byte buffer; see buf.h. */
#include "buf.h"
#include "alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bl_buf_init(bl_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void bl_buf_free(bl_buf *b)
{
    free(b->data);
    bl_buf_init(b);
}

void bl_buf_reset(bl_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void bl_buf_grow(bl_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = bl_realloc(b->data, cap);
    b->data = p;
    b->cap = cap;
}

void bl_buf_append(bl_buf *b, const void *data, size_t len)
{
    bl_buf_grow(b, len);
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void bl_buf_puts(bl_buf *b, const char *s)
{
    bl_buf_append(b, s, strlen(s));
}

void bl_buf_putc(bl_buf *b, char c)
{
    bl_buf_append(b, &c, 1);
}

void bl_buf_vprintf(bl_buf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    bl_buf_grow(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void bl_buf_printf(bl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bl_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void bl_buf_append_html(bl_buf *b, const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        bl_buf_append(b, s + start, i - start);
        bl_buf_puts(b, rep);
        start = i + 1;
    }
    bl_buf_append(b, s + start, len - start);
}

char *bl_buf_detach(bl_buf *b)
{
    char *p = b->data;
    if (!p) {
        p = bl_malloc(1);
        p[0] = '\0';
    }
    bl_buf_init(b);
    return p;
}

const char *bl_buf_cstr(bl_buf *b)
{
    return b->data ? b->data : "";
}

void bl_buf_append_base64(bl_buf *b, const void *data, size_t len)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < len)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < len)
            v |= p[i + 2];
        char out[4] = {digits[(v >> 18) & 63], digits[(v >> 12) & 63],
                       i + 1 < len ? digits[(v >> 6) & 63] : '=',
                       i + 2 < len ? digits[v & 63] : '='};
        bl_buf_append(b, out, 4);
    }
}
