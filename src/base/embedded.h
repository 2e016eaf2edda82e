/* embedded.h - files compiled into the program (templates/, data/,
 * fonts/fonts.conf), generated at build time by cmake/embed.cmake.
 * The data is static and NUL-terminated; nobody frees it. */
#ifndef BL_EMBEDDED_H
#define BL_EMBEDDED_H

#include <stddef.h>

typedef struct bl_embedded_file {
    const char *name; /* path relative to the source tree */
    const unsigned char *data;
    size_t len;
} bl_embedded_file;

extern const bl_embedded_file bl_embedded_files[]; /* ends with name NULL */

/* The embedded file of that name, or NULL. */
const bl_embedded_file *bl_embedded_find(const char *name);

#endif
