/* pdf_deflate.h - the zlib level of the streams cairo writes.
 *
 * cairo 1.16 compresses every page's content stream and every embedded
 * font through zlib's deflateInit() at the default level (6), with no
 * setting to change it; in a large briefing that deflation is an eighth
 * of the drawing thread's time. pdf_deflate.c defines deflateInit_ (the
 * function behind zlib's deflateInit macro) in the program itself, which
 * the dynamic linker finds before libz's for cairo's calls, and passes
 * them on to zlib's deflateInit2_ with the level asked for here.
 *
 * The level is the calling thread's own: set it around the drawing pass
 * and restore it after, so no other zlib user in the process (libqpdf,
 * libxlsxwriter, the object streams of pdf_rewrite.c) is touched. Levels
 * 1 to 3 share zlib's fast match strategy: level 3 deflates a briefing's
 * pages in about half the time of level 6 for streams about a tenth
 * larger (bench/README.md).
 */
#ifndef BL_PDF_DEFLATE_H
#define BL_PDF_DEFLATE_H

/* The level cairo's streams get on this thread; -1 leaves every caller's
 * own level (the default). Returns the level it replaces. */
int pdf_deflate_level(int level);

#endif
