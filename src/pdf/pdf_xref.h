/* pdf_xref.h - the rows of a cross-reference stream, as both writers of
 * PDF files write them (pdfw.c for the direct backend, pdf_rewrite.c for
 * cairo's files): entry r is type[r] (0 free, 1 at offset f2[r], 2 packed
 * in object stream f2[r] at index f3[r]), f2 in w2 bytes, f3 in one. */
#ifndef BL_PDF_XREF_H
#define BL_PDF_XREF_H

#include <stddef.h>

#include "buf.h"

/* Bytes needed for v (at least 1): the /W of the second field. */
unsigned pdf_xref_width(unsigned long long v);

/* Appends the n rows with PNG's Up predictor (each byte less the one
 * above it, filter byte 2 first), as qpdf writes them: far smaller once
 * deflated. */
void pdf_xref_rows(const unsigned char *type, const long long *f2,
                   const unsigned char *f3, size_t n, unsigned w2, bl_buf *out);

#endif
