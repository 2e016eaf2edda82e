/* lazylib.h - a shared library opened on first use (dlopen) instead of
 * linked into the program.
 *
 * For the libraries only some inputs and outputs need: libqpdf (the PDF
 * finisher's fallback, pdf_finish.c), librsvg (an SVG logo, pdf_office.c),
 * libxml2 (HTML, XLSX and DOCX, src/read/xml_lib.c), libzip (XLSX and
 * DOCX, zip.c), FreeXL (.xls, read_xls.c), uchardet (text that reads as
 * both GB18030 and Big5, text.c) and libxlsxwriter (the ledger,
 * write_xlsx.c). Every linked library costs every run its loading and
 * relocation, and these bring gnutls, OpenSSL's libcrypto, ICU,
 * libstdc++, gio, gdk-pixbuf and minizip with them.
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

/* The table of one library in a file that uses it (one per file):
 *
 *     #define QPDF_CALLS(X) X(qpdf_init) X(qpdf_cleanup) ...
 *     BL_LAZYLIB(Q, BL_QPDF_SONAME, QPDF_CALLS)
 *
 * declares `Q`, with a member per function typed from its prototype in the
 * library's header (Q.qpdf_init()), and `bl_lazy_open(what, err)`, which
 * fills it the first time (BL_OK, or err filled). */
#define BL_LAZY_MEMBER_(f) __typeof__(f) *f;
#define BL_LAZY_ENTRY_(f) {#f, offsetof(struct bl_lazy_calls, f)},
#define BL_LAZYLIB(var, soname, LIST)                                          \
    static struct bl_lazy_calls {                                              \
        LIST(BL_LAZY_MEMBER_)                                                  \
    } var;                                                                     \
    static const bl_lazyfn bl_lazy_fns[] = {LIST(BL_LAZY_ENTRY_)};             \
    static void *bl_lazy_lib;                                                  \
    static int bl_lazy_open(const char *what, bl_error *err)                   \
    {                                                                          \
        return bl_lazylib_load(&bl_lazy_lib, soname, bl_lazy_fns,              \
                               sizeof bl_lazy_fns / sizeof bl_lazy_fns[0],     \
                               &var, what, err);                               \
    }

#endif
