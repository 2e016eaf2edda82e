/* pdf_deflate.h - the zlib streams cairo writes: how they are deflated,
 * and their deflation handed to a pool (pdf_zpool.h).
 *
 * cairo 1.16 compresses every page's content stream and every embedded
 * font through zlib's deflateInit() at the default level (6), with no
 * setting to change it; in a large briefing that deflation is an eighth
 * of the drawing thread's time. pdf_deflate.c defines deflateInit_ (the
 * function behind zlib's deflateInit macro), deflate and deflateEnd in
 * the program itself, which the dynamic linker finds before libz's for
 * cairo's calls (and zlib's compress() for cairo's fonts). While a level
 * is set on the calling thread, a stream begun at the default level is
 * not zlib's at all:
 *   - without a pool, deflate collects its data and at the end deflates
 *     it whole with libdeflate (pdf_deflate_whole) at the level set, then
 *     hands cairo the bytes;
 *   - with a pool attached, deflate writes the pool's token as its whole
 *     output and hands the data to the pool, which deflates it the same
 *     way on its own thread.
 * Every other stream goes to libz's own deflate and deflateEnd (found
 * with dlsym(RTLD_NEXT)). libdeflate's level 1 takes under a third of
 * zlib's level 3 time on a briefing's streams, and its output is smaller
 * (bench/README.md); zlib-format bytes, so PDF's FlateDecode reads them.
 *
 * Both settings are the calling thread's own: set them around the drawing
 * pass and restore them after, so no other zlib user in the process
 * (libqpdf, libxlsxwriter, the pool's own worker) is touched.
 */
#ifndef BL_PDF_DEFLATE_H
#define BL_PDF_DEFLATE_H

#include <stdbool.h>

#include <stddef.h>

#include "buf.h"
#include "pdf_zpool.h"

/* The level cairo's streams get on this thread; -1 leaves every caller's
 * own level (the default). Returns the level it replaces. */
int pdf_deflate_level(int level);

/* Streams begun on this thread from now on go to z (NULL: to zlib, the
 * default); returns the pool it replaces. Streams already open keep
 * theirs. */
pdf_zpool *pdf_deflate_pool(pdf_zpool *z);

/* Whether libz's own deflate and deflateEnd were found (without them no
 * pool may be attached). */
bool pdf_deflate_can_pool(void);

/* Appends to out the zlib-format (RFC 1950) deflation of in[0..n) at
 * libdeflate's level (1 fastest .. 12); -1 when the level is out of range
 * (out unchanged). The same bytes on every thread and machine: the
 * format's whole-buffer compressor has no state carried between calls. */
int pdf_deflate_whole(int level, const void *in, size_t n, bl_buf *out);

#endif
