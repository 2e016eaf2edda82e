/* template.h - Mustache templates over cJSON data.
 *
 * Implements the Mustache spec (interpolation, sections, inverted sections,
 * comments, partials with indentation, set delimiters, standalone lines) and
 * template inheritance (parents {{<name}} and blocks {{$name}}). Lambdas and
 * dynamic names are not supported. No file I/O of its own: partials and
 * parents come through a loader callback.
 *
 * Errors name the template: "name:line:col: error: unclosed section 'x'".
 */
#ifndef BL_TEMPLATE_H
#define BL_TEMPLATE_H

#include <stdbool.h>
#include <cjson/cJSON.h>

#include "buf.h"
#include "error.h"

/* Finds the partial or parent `name`. On success sets *text to a malloc'd
 * NUL-terminated string (the engine frees it) and *origin to a malloc'd name
 * used in error messages (e.g. the file path; the engine frees it), or sets
 * *text to NULL when there is no such partial. Returns non-zero with err
 * set to refuse a name (e.g. one that reaches outside the partials
 * directory). */
typedef int (*bl_template_loader)(void *ctx, const char *name, char **text,
                                  char **origin, bl_error *err);

typedef struct bl_template_options {
    bl_template_loader loader; /* NULL: no partials */
    void *loader_ctx;
    /* true: an unknown partial is an error (the CLI); false: it renders as
     * the empty string, as the spec requires. */
    bool strict_partials;
} bl_template_options;

/* Renders template text (named `name` in messages) with data into out
 * (appending). */
int bl_template_render(const char *name, const char *text, const cJSON *data,
                       const bl_template_options *opts, bl_buf *out,
                       bl_error *err);

#endif
