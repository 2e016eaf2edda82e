/* pdf_rewrite.h - the PDF cairo wrote, written again as it streams by,
 * without an object model (pdf_finish.c's first choice; qpdf is the
 * fallback for any file of another shape).
 *
 * The input is what cairo 1.16 writes: objects "N 0 obj … endobj", stream
 * lengths in objects of their own, one classic cross-reference table whose
 * dangling entries (objects reserved for link tags and never written)
 * point at the object written next, and a trailer without /Prev or
 * /Encrypt. The output:
 *   - the objects reachable from /Root and /Info, numbered 1, 2, … in their
 *     old order (the dangling entries and the parent-tree array that names
 *     them, which nothing reaches, are left out);
 *   - without the /StructParent and /StructParents keys, which point into
 *     the structure tree cairo did not write;
 *   - stream data copied byte for byte, each /Length written directly (the
 *     length objects go); or, for a placeholder of a stream deflated
 *     elsewhere (pdf_zpool.h), the bytes it stands for;
 *   - every other object packed, 100 to a stream, into zlib-compressed
 *     object streams;
 *   - a cross-reference stream whose /ID is the MD5 of all bytes before it,
 *     so the same input gives the same file.
 * Memory: about 70 bytes per object of the input, one object stream's
 * contents and the cross-reference stream; the file itself is read a
 * piece at a time with pread(2).
 */
#ifndef BL_PDF_REWRITE_H
#define BL_PDF_REWRITE_H

#include <stdio.h>

typedef enum {
    BL_REWRITE_OK,
    BL_REWRITE_FOREIGN, /* not cairo's shape (or not a PDF): nothing usable
                           was written, the caller falls back */
    BL_REWRITE_IO       /* reading in_fd or writing out failed */
} bl_rewrite_status;

/* Stream data held elsewhere: the data of every stream exactly token_len
 * bytes long is shown to lookup, which answers 1 with the file, offset
 * and length of the bytes to write instead, 0 to copy the data as it is,
 * -1 when those bytes cannot be had (BL_REWRITE_IO). */
typedef struct {
    size_t token_len;
    int (*lookup)(void *ctx, const unsigned char *data, int *fd,
                  long long *off, long long *len);
    void *ctx;
} bl_rewrite_streams;

/* Reads the in_size bytes of in_fd, writes the new file to out (from its
 * current position, which should be 0); *bytes gets its size on
 * BL_REWRITE_OK. streams may be NULL (every stream copied as it is). On
 * any other status out holds garbage. */
bl_rewrite_status bl_pdf_rewrite(int in_fd, long long in_size,
                                 const bl_rewrite_streams *streams, FILE *out,
                                 long long *bytes);

#endif
