/* key_table.h - department keys -> (anchor id, seen), by open addressing,
 * shared by the view and the PDF writer: a list of many departments is not
 * searched once per entry.
 *
 * Ownership: the table owns its slot array (free with bl_key_table_free);
 * keys and ids are borrowed and must outlive it.
 */
#ifndef BL_KEY_TABLE_H
#define BL_KEY_TABLE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bl_key_slot {
    const char *key, *id;
    bool seen; /* for callers that mark a key's first use */
} bl_key_slot;

typedef struct bl_key_table {
    bl_key_slot *slots;
    size_t cap; /* a power of two, at least twice the keys */
} bl_key_table;

/* An empty table for up to n keys. */
void bl_key_table_init(bl_key_table *t, size_t n);
void bl_key_table_free(bl_key_table *t);

/* The slot of key, or the empty slot (key NULL) where it would go. */
bl_key_slot *bl_key_table_find(const bl_key_table *t, const char *key);

/* Adds key -> id unless key is there already (the first one wins, as a
 * linear search would). */
void bl_key_table_put(bl_key_table *t, const char *key, const char *id);

#endif
