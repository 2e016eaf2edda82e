/* template_index.c - hash tables of objects' keys for name lookup; see
 * template_index.h. */
#include "template_index.h"
#include "alloc.h"
#include "wraps.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Objects with fewer keys are searched key by key: a table costs more. */
#define SMALL_OBJECT 6

BL_WRAPS uint32_t tpl_name_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

BL_WRAPS static size_t slot_of(const cJSON *o)
{
    uintptr_t p = (uintptr_t)o;
    return (size_t)((p >> 4) ^ (p >> 10)) & (TPL_INDEX_SLOTS - 1);
}

static size_t count_keys(const cJSON *o, size_t stop)
{
    size_t n = 0;
    for (const cJSON *c = o->child; c && n < stop; c = c->next)
        n++;
    return n;
}

/* Fills k with o's keys: a table at least twice their number. */
static void build(tpl_keys *k, const cJSON *o, size_t n)
{
    size_t size = 16;
    while (size < 2 * n)
        size *= 2;
    if (!k->table || k->mask + 1 < size) {
        free(k->table);
        k->table = bl_malloc(size * sizeof *k->table);
        k->mask = size - 1;
    }
    memset(k->table, 0, (k->mask + 1) * sizeof *k->table);
    /* cJSON_GetObjectItemCaseSensitive stops at a child without a key. */
    for (const cJSON *c = o->child; c && c->string; c = c->next) {
        size_t i = tpl_name_hash(c->string, strlen(c->string)) & k->mask;
        while (k->table[i] && strcmp(k->table[i]->string, c->string) != 0)
            i = (i + 1) & k->mask;
        if (!k->table[i]) /* the first of duplicate keys wins */
            k->table[i] = c;
    }
}

const cJSON *tpl_index_get(tpl_index *x, const cJSON *o, const char *name,
                           uint32_t hash)
{
    tpl_keys *k = &x->slots[slot_of(o)];
    if (k->object != o) {
        k->object = o;
        k->small = count_keys(o, SMALL_OBJECT) < SMALL_OBJECT;
        if (!k->small)
            build(k, o, count_keys(o, SIZE_MAX));
    }
    if (k->small)
        return cJSON_GetObjectItemCaseSensitive(o, name);
    for (size_t i = hash & k->mask; k->table[i]; i = (i + 1) & k->mask)
        if (strcmp(k->table[i]->string, name) == 0)
            return k->table[i];
    return NULL;
}

void tpl_index_free(tpl_index *x)
{
    for (size_t i = 0; i < TPL_INDEX_SLOTS; i++) {
        free(x->slots[i].table);
        x->slots[i].table = NULL;
        x->slots[i].object = NULL;
    }
}
