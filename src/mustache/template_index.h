/* template_index.h - internal to the template engine: name lookup in the
 * data's objects without a string comparison per key.
 *
 * A tpl_index holds, for the objects names are looked up in, a hash table
 * of each object's keys built once (the first of duplicate keys wins, as
 * cJSON_GetObjectItemCaseSensitive finds it). Tables are kept in a small
 * direct-mapped cache by object address and rebuilt when another object
 * takes the slot, so memory stays that of a few objects' keys however large
 * the data. The data must not change while an index is in use (a render
 * takes it const).
 *
 * Ownership: the caller owns the tpl_index (zero it to start) and releases
 * its tables with tpl_index_free; the children returned belong to the data.
 */
#ifndef BL_TEMPLATE_INDEX_H
#define BL_TEMPLATE_INDEX_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TPL_INDEX_SLOTS 256 /* power of two */

typedef struct tpl_keys {
    const cJSON *object; /* whose keys these are; NULL: slot unused */
    bool small;          /* too few keys for a table: searched in turn */
    const cJSON **table; /* children by hash of their key, open addressing */
    size_t mask;         /* table size - 1 */
} tpl_keys;

typedef struct tpl_index {
    tpl_keys slots[TPL_INDEX_SLOTS];
} tpl_index;

/* The hash of a name as tpl_index_get wants it (the name's len bytes). */
uint32_t tpl_name_hash(const char *s, size_t len);

/* The child of object o named name (hash: tpl_name_hash of it), or NULL. */
const cJSON *tpl_index_get(tpl_index *x, const cJSON *o, const char *name,
                           uint32_t hash);

void tpl_index_free(tpl_index *x);

#endif
