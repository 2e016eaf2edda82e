/* alloc.h - the one allocation policy of the library.
 *
 * Every allocation of bulletin's own code goes through these functions
 * (the arena's blocks, buffers, and cJSON through cJSON_InitHooks, which
 * main.c points at bl_malloc/bl_free). They never return NULL: when memory
 * runs out they call the out-of-memory handler the program installed, which
 * must not return (main.c's prints "FILE: error: out of memory reading
 * FILE", removes the temporary files and exits 1). Without a handler, or
 * when it returns, they abort(). Library code therefore needs no NULL
 * checks; what it owns is freed with bl_free (the same as free()).
 *
 * Libraries: cJSON (cJSON_InitHooks) and libxml2 (xmlMemSetup, when
 * src/read/xml_lib.c opens it) allocate through these functions.
 * Libraries without an allocation hook report failures their own way:
 * fontconfig's constructors return NULL, which src/pdf/fonts.c hands to
 * bl_out_of_memory; GLib (settings, Pango) aborts with its own message;
 * libzip has no allocation hook and returns an error, reported as a zip
 * error by src/read/zip.c; Cairo and Pango mark their objects in error.
 */
#ifndef BL_ALLOC_H
#define BL_ALLOC_H

#include <stddef.h>

void *bl_malloc(size_t size);
void *bl_calloc(size_t n, size_t size);
void *bl_realloc(void *p, size_t size);
char *bl_strdup(const char *s);
/* At most n bytes of s, NUL-terminated. */
char *bl_strndup(const char *s, size_t n);
void bl_free(void *p);

/* Called with the size that could not be had. */
typedef void (*bl_oom_handler)(size_t size);
void bl_set_oom_handler(bl_oom_handler h);
/* What the functions above do when memory runs out, for callers of a
 * library that returns NULL instead (fontconfig): the handler, then
 * abort(). size is what could not be had, 0 when unknown. */
_Noreturn void bl_out_of_memory(size_t size);

#endif
