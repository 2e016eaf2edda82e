/* pdf_printf.h - the number formatting of the PDF cairo writes, made fast.
 *
 * cairo 1.16 writes every number of its PDF output through snprintf: its
 * output stream hands each conversion of a format ("%d", "%0*x" for each
 * glyph of a hex string) to snprintf on its own, and each coordinate to
 * snprintf("%f") (or "%.18f" and "%.*f" below 0.1) before trimming the
 * zeros. glibc's printf machinery was 12% of all CPU of a 10,000-project
 * briefing, nearly all of it on the drawing thread that sets the wall
 * time (bench/README.md).
 *
 * pdf_printf.c defines snprintf and __snprintf_chk (what fortified code,
 * cairo included, calls) in the program itself; the dynamic linker finds
 * them before libc's. On a thread that turned the fast path on, a format
 * that is exactly one of those conversions is formatted there, with the
 * bytes glibc writes (tests/test_printf.c compares them over millions of
 * values); every other format, and every call on any other thread, goes
 * to glibc's vsnprintf unchanged.
 */
#ifndef BL_PDF_PRINTF_H
#define BL_PDF_PRINTF_H

#include <stdbool.h>

/* Turns the fast path on or off for the calling thread; returns whether
 * it was on. It stays off when the locale's decimal point is not ".". */
bool pdf_printf_fast(bool on);

#endif
