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
 * directory); when that err names no file, the engine fills in the file,
 * line and column of the tag that asked for the name. */
typedef int (*bl_template_loader)(void *ctx, const char *name, char **text,
                                  char **origin, bl_error *err);

typedef struct bl_template_options {
    bl_template_loader loader; /* NULL: no partials */
    void *loader_ctx;
    /* true: an unknown partial is an error (the CLI); false: it renders as
     * the empty string, as the spec requires. */
    bool strict_partials;
} bl_template_options;

/* How data renders:
 * - {{x}} and {{{x}}}/{{&x}}: strings as they are; numbers in their shortest
 *   exact form (85, 1.21); true/false as "true"/"false"; null and missing
 *   names as ""; objects and arrays as compact JSON. {{x}} escapes
 *   & < > " ' for HTML (text and attribute values); the other two do not.
 * - Sections: false, null, a missing name, an empty array, 0 and "" are
 *   falsy (the spec's `!!data`, i.e. JavaScript truthiness). A non-empty
 *   array renders the section once per element, any other truthy value once,
 *   each with the value pushed on the context stack.
 * Partials and parents nested deeper than BL_TEMPLATE_MAX_DEPTH (endless
 * recursion, usually) are an error, not a crash. */
#define BL_TEMPLATE_MAX_DEPTH 100

/* Renders template text (named `name` in messages) with data into out
 * (appending). On error, out is left as it was. */
int bl_template_render(const char *name, const char *text, const cJSON *data,
                       const bl_template_options *opts, bl_buf *out,
                       bl_error *err);

/* A compiled template, for rendering the same template for many documents:
 * the text is parsed once, and each partial or parent once, the first time
 * a render needs it (the loader is called at most once per name).
 * Ownership: bl_template_compile allocates it; bl_template_free releases it
 * with every partial it cached. opts is copied; loader_ctx must outlive the
 * template. Not safe to render from two threads at once. */
typedef struct bl_template bl_template;

int bl_template_compile(const char *name, const char *text,
                        const bl_template_options *opts, bl_template **out,
                        bl_error *err);
/* Renders t with data into out (appending). On error, out is left as it
 * was. */
int bl_template_render_compiled(bl_template *t, const cJSON *data,
                                bl_buf *out, bl_error *err);
void bl_template_free(bl_template *t);

#endif
