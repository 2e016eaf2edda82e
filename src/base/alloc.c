/* alloc.c - allocation that never returns NULL; see alloc.h. */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

static bl_oom_handler oom_handler;

void bl_set_oom_handler(bl_oom_handler h)
{
    oom_handler = h;
}

_Noreturn void bl_out_of_memory(size_t size)
{
    if (oom_handler)
        oom_handler(size);
    abort();
}

static void *out_of_memory(size_t size)
{
    bl_out_of_memory(size);
}

void *bl_malloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    return p ? p : out_of_memory(size);
}

void *bl_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    return p ? p : out_of_memory(n * size);
}

void *bl_realloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    return q ? q : out_of_memory(size);
}

char *bl_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(bl_malloc(n), s, n);
}

char *bl_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = bl_malloc(len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

void bl_free(void *p)
{
    free(p);
}
