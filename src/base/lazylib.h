/* lazylib.h - a shared library opened on first use (dlopen) instead of
 * linked into the program.
 *
 * For the libraries only rare paths need: libqpdf (the PDF finisher's
 * fallback, pdf_finish.c) and librsvg (an SVG logo, pdf_office.c). Every
 * linked library costs every run its loading and relocation, and these two
 * bring gnutls, libstdc++, gio and gdk-pixbuf with them: about 15 ms of
 * the 44 ms a run of `bulletin --version` took to start.
 *
 * The caller keeps the handle (never closed: the library stays for the
 * rest of the run, as a linked one would) and the functions it looks up.
 * Not thread-safe: callers open their library once, from one thread at a
 * time (the PDF writer runs one document per process).
 */
#ifndef BL_LAZYLIB_H
#define BL_LAZYLIB_H

#include <stddef.h>

#include "error.h"

/* Opens the library of that SONAME ("libqpdf.so.29"), or fills err
 * (BL_EIO, file `what`) with dlerror's reason and returns NULL. */
void *bl_lazylib_open(const char *soname, const char *what, bl_error *err);

/* The address of function `name` in lib, or NULL with err filled. */
void *bl_lazylib_sym(void *lib, const char *soname, const char *name,
                     const char *what, bl_error *err);

/* One function of a caller's table of function pointers: its name and
 * the offset of its member (offsetof). */
typedef struct bl_lazyfn {
    const char *name;
    size_t offset;
} bl_lazyfn;

/* Once *lib is set, BL_OK at once; else opens the library and stores the
 * address of each of the n functions into its member of *table (POSIX:
 * a function pointer holds what dlsym returns); *lib is set only when all
 * are found. */
int bl_lazylib_load(void **lib, const char *soname, const bl_lazyfn *fns,
                    size_t n, void *table, const char *what, bl_error *err);

#endif
