/* arena.c - bump allocator in chained blocks; see arena.h. */
#include "arena.h"
#include "alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64 * 1024)

typedef struct block {
    struct block *next;
    size_t size, used;
    max_align_t data[]; /* aligned storage */
} block;

struct bl_arena {
    block *head;
    size_t total;
};

static block *block_new(size_t size)
{
    block *b = bl_calloc(1, sizeof *b + size);
    b->size = size;
    return b;
}

bl_arena *bl_arena_new(void)
{
    bl_arena *a = bl_calloc(1, sizeof *a);
    return a;
}

void bl_arena_free(bl_arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *bl_arena_alloc(bl_arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    block *b = a->head;
    if (!b || b->size - b->used < size) {
        /* Large requests get a block of their own so the current block's
         * free tail is not wasted. */
        if (size > ARENA_BLOCK / 4) {
            block *big = block_new(size);
            big->used = size;
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                a->head = big;
            }
            a->total += size;
            return big->data;
        }
        /* Blocks grow with the arena: a scratch arena that holds one key
         * must not cost a 64 KiB zeroed block. */
        size_t want = a->total < 1024 ? 1024 : a->total;
        if (want > ARENA_BLOCK)
            want = ARENA_BLOCK;
        if (want < size)
            want = size;
        b = block_new(want);
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    a->total += size;
    return p;
}

char *bl_arena_strndup(bl_arena *a, const char *s, size_t n)
{
    char *p = bl_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bl_arena_strdup(bl_arena *a, const char *s)
{
    return s ? bl_arena_strndup(a, s, strlen(s)) : NULL;
}

char *bl_arena_printf(bl_arena *a, const char *fmt, ...)
{
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) {
        va_end(ap);
        return bl_arena_strdup(a, "");
    }
    char *p = bl_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void bl_arena_reset(bl_arena *a)
{
    block *keep = a->head && a->head->size <= ARENA_BLOCK ? a->head : NULL;
    block *b = keep ? keep->next : a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    a->head = keep;
    a->total = 0;
    if (keep) {
        memset(keep->data, 0, keep->used);
        keep->used = 0;
        keep->next = NULL;
        a->total = keep->size; /* the next blocks are as large */
    }
}

size_t bl_arena_used(const bl_arena *a)
{
    return a->total;
}
