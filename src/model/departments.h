/* departments.h - department name normalisation.
 *
 * Names of one office are merged within a document by rules (a leading
 * 县/市/区/省 of the county's own bureaus is dropped: 县教育局 -> 教育局)
 * plus an alias table, a JSON object {"alias": "key", ...} in
 * data/departments.json (compiled in) that users extend with their own file.
 * Ownership: bl_aliases is malloc'd by bl_aliases_new and freed by
 * bl_aliases_free.
 */
#ifndef BL_DEPARTMENTS_H
#define BL_DEPARTMENTS_H

#include "arena.h"
#include "error.h"

typedef struct bl_aliases bl_aliases;

/* The built-in table (data/departments.json). */
int bl_aliases_new(bl_aliases **out, bl_error *err);
/* Adds the entries of a user's JSON file; later entries win. */
int bl_aliases_add_file(bl_aliases *a, const char *path, bl_error *err);
/* Adds entries from JSON text (path names it in messages). */
int bl_aliases_add_json(bl_aliases *a, const char *path, const char *json,
                        bl_error *err);
void bl_aliases_free(bl_aliases *a);

/* The normalised key of a department name as printed (in the arena). */
const char *bl_department_key(bl_arena *arena, const bl_aliases *a,
                              const char *name);

#endif
