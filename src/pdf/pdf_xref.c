/* pdf_xref.c - a cross-reference stream's rows (pdf_xref.h). */
#include <string.h>

#include "pdf_xref.h"

unsigned pdf_xref_width(unsigned long long v)
{
    unsigned w = 1;
    while (v >>= 8)
        w++;
    return w;
}

void pdf_xref_rows(const unsigned char *type, const long long *f2,
                   const unsigned char *f3, size_t n, unsigned w2, bl_buf *out)
{
    size_t cols = 2 + w2;
    unsigned char prev[16] = {0}, row[16];
    for (size_t r = 0; r < n; r++) {
        row[0] = type[r];
        unsigned long long v = (unsigned long long)f2[r];
        for (unsigned k = 0; k < w2; k++)
            row[1 + k] = (unsigned char)(v >> (8 * (w2 - 1 - k)));
        row[1 + w2] = f3[r];
        bl_buf_putc(out, 2);
        for (size_t c = 0; c < cols; c++)
            bl_buf_putc(out, (char)(unsigned char)(row[c] - prev[c]));
        memcpy(prev, row, cols);
    }
}
