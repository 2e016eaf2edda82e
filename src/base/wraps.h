/* wraps.h - BL_WRAPS marks a function whose unsigned arithmetic wraps on
 * purpose (hashes, pseudo-random generators), so that clang's
 * -fsanitize=integer (SANITIZE_INTEGER) keeps checking everything else.
 * gcc has no such check and no such attribute name. */
#ifndef BL_WRAPS_H
#define BL_WRAPS_H

#if defined(__clang__)
#define BL_WRAPS \
    __attribute__((no_sanitize("unsigned-integer-overflow", "unsigned-shift-base")))
#else
#define BL_WRAPS
#endif

#endif
