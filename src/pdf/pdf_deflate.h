/* pdf_deflate.h - the zlib streams cairo writes: their level, and their
 * deflation handed to a pool (pdf_zpool.h).
 *
 * cairo 1.16 compresses every page's content stream and every embedded
 * font through zlib's deflateInit() at the default level (6), with no
 * setting to change it; in a large briefing that deflation is an eighth
 * of the drawing thread's time. pdf_deflate.c defines deflateInit_ (the
 * function behind zlib's deflateInit macro), deflate and deflateEnd in
 * the program itself, which the dynamic linker finds before libz's for
 * cairo's calls (and zlib's compress() for cairo's fonts):
 *   - deflateInit_ passes them on to zlib's deflateInit2_ with the level
 *     asked for here;
 *   - with a pool attached, a stream begun at the default level is not
 *     zlib's at all: deflate collects its data, writes the pool's token as
 *     its whole output and hands the data to the pool; every other stream
 *     goes on to libz's own deflate and deflateEnd (found with
 *     dlsym(RTLD_NEXT)).
 *
 * Both settings are the calling thread's own: set them around the drawing
 * pass and restore them after, so no other zlib user in the process
 * (libqpdf, libxlsxwriter, the object streams of pdf_rewrite.c, the
 * pool's own worker) is touched. Levels 1 to 3 share zlib's fast match
 * strategy: level 3 deflates a briefing's pages in about half the time of
 * level 6 for streams about a tenth larger (bench/README.md).
 */
#ifndef BL_PDF_DEFLATE_H
#define BL_PDF_DEFLATE_H

#include <stdbool.h>

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

#endif
