/* write_json.h - the model as JSON (the schema is in docs/model.md).
 *
 * Deterministic: keys in a fixed order, documents/lists/projects in source
 * order, departments sorted by key, numbers printed the same way whatever
 * the C locale (215, 214.75; means rounded to 2 decimals). Pretty-printed
 * with 2-space indentation and a final newline. Call bl_analyze first: the
 * derived fields are written as they are.
 */
#ifndef BL_WRITE_JSON_H
#define BL_WRITE_JSON_H

#include <cjson/cJSON.h>

#include "buf.h"
#include "error.h"
#include "model.h"

/* Appends the JSON text of m to out (caller-initialised, caller frees).
 * Fails only when memory runs out (BL_ENOMEM). */
int bl_write_json(const bl_model *m, bl_buf *out, bl_error *err);

/* The same shape for one document of m: "documents" holds just d and
 * "departments" is d's own roll-up (what `bulletin build` writes per input). */
int bl_write_json_document(const bl_model *m, const bl_document *d,
                           bl_buf *out, bl_error *err);

/* Where the streaming writers send their text: returns BL_OK, or a status
 * (BL_EIO, ...) that stops the writer, which then fails with it. */
typedef int (*bl_json_sink)(void *ctx, const char *data, size_t len);

/* The same text as bl_write_json / bl_write_json_document, handed to fn in
 * pieces of at most 64 KiB: memory stays that of one project's tree, not
 * the whole model's, so large reports print in the space they were read
 * in. A sink error is returned with the message "cannot write the JSON"
 * (the sink keeps its own details). */
int bl_write_json_to(const bl_model *m, bl_json_sink fn, void *ctx, bl_error *err);
int bl_write_json_document_to(const bl_model *m, const bl_document *d,
                              bl_json_sink fn, void *ctx, bl_error *err);

/* Appends o as JSON in the layout of the model's (two-space indentation,
 * "key": value) and a newline to out. */
void bl_json_pretty(const cJSON *o, bl_buf *out);

/* Adds item to o under key and returns item. The key is not copied: it
 * must outlive o (a literal). The views and the JSON of a large report
 * make millions of members, each a key copy and its free otherwise. */
cJSON *bl_json_add(cJSON *o, const char *key, cJSON *item);

/* The entry that says why p lags (the first behind one, else the first not
 * done or partial one, else the first); NULL when p has no entry. */
const bl_entry *bl_lag_entry(const bl_project *p);

/* p's lag reasons as a new array [{"kind": "text"|"status"|"schedule",
 * "text": …}], in that order; the caller owns it. Shared by the JSON and
 * the view so both say the same. */
cJSON *bl_lag_reasons_json(const bl_document *d, const bl_project *p);

#endif
