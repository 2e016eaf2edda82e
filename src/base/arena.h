/* arena.h - bump allocator that owns every node and string of one run's model.
 *
 * Ownership: whoever calls bl_arena_new owns the arena and frees everything in
 * it at once with bl_arena_free. Pointers handed out by the arena are never
 * freed one by one. Memory is zeroed. Running out of memory follows the
 * library's one policy (alloc.h): the program's handler, else abort.
 */
#ifndef BL_ARENA_H
#define BL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct bl_arena bl_arena;

bl_arena *bl_arena_new(void);
void bl_arena_free(bl_arena *a);
void *bl_arena_alloc(bl_arena *a, size_t size);
char *bl_arena_strdup(bl_arena *a, const char *s);            /* NULL -> NULL */
char *bl_arena_strndup(bl_arena *a, const char *s, size_t n);
char *bl_arena_printf(bl_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands everything back at once (every pointer from a is invalid after
 * it), keeping one block for reuse: a scratch arena emptied per row. */
void bl_arena_reset(bl_arena *a);
/* Bytes handed out so far (for tests and memory reports). */
size_t bl_arena_used(const bl_arena *a);

#endif
