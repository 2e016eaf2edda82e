/* key_table.c - department keys by open addressing; see key_table.h. */
#include "key_table.h"
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#include "wraps.h"

BL_WRAPS static size_t key_hash(const char *s)
{
    size_t h = 14695981039346656037u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

void bl_key_table_init(bl_key_table *t, size_t n)
{
    t->cap = 16;
    while (t->cap < 2 * n)
        t->cap *= 2;
    t->slots = bl_calloc(t->cap, sizeof *t->slots);
}

void bl_key_table_free(bl_key_table *t)
{
    free(t->slots);
    t->slots = NULL;
    t->cap = 0;
}

bl_key_slot *bl_key_table_find(const bl_key_table *t, const char *key)
{
    for (size_t i = key_hash(key) & (t->cap - 1);; i = (i + 1) & (t->cap - 1))
        if (!t->slots[i].key || strcmp(t->slots[i].key, key) == 0)
            return &t->slots[i];
}

void bl_key_table_put(bl_key_table *t, const char *key, const char *id)
{
    bl_key_slot *s = bl_key_table_find(t, key);
    if (!s->key) {
        s->key = key;
        s->id = id;
    }
}
