/* write_html.h - the HTML bulletin: templates + view model -> one page.
 *
 * The page is rendered from the built-in templates compiled into the program
 * (templates/, see embedded.h); a directory given with --templates overrides
 * any of them file by file. A name in a tag ({{> partials/chart}},
 * {{<base.html}}) is the file NAME.mustache, else NAME, looked up first in
 * the override directory and then in the built-in set; the page itself is
 * bulletin.html.mustache. Names cannot reach outside the directory.
 *
 * The page template sees `fragment` and `inline_styles` (booleans) beside
 * the view model, and base.html.mustache writes the document around the
 * root element only when fragment is false.
 *
 * Ownership: nothing returned is owned by the caller except `out` buffers,
 * which the caller initialised and frees.
 */
#ifndef BL_WRITE_HTML_H
#define BL_WRITE_HTML_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "error.h"
#include "model.h"

struct bl_view_rows;

typedef struct bl_html_options {
    const char *templates_dir; /* --templates; NULL: built-in set only */
    bool fragment;             /* --fragment: the root element .bl-bulletin
                                  only (no html, head, body), its scoped
                                  style sheet inside it, for a CMS page */
    bool inline_styles;        /* --inline-styles: a fragment whose styles
                                  are in style attributes, no <style>
                                  (inline_css.h); implies fragment */
    const struct bl_settings *settings; /* the office's settings, or NULL */
    bool split_lists;          /* --split-lists: an index page and part pages
                                  (bl_html_write_pages) whatever the size */
    size_t split_size;         /* the largest page; 0: BL_HTML_SPLIT_SIZE */
} bl_html_options;

/* Pages larger than this (2 MiB) are split (bl_html_write_pages). */
#define BL_HTML_SPLIT_SIZE ((size_t)2 << 20)

/* The template of a split page's parts. */
#define BL_HTML_PART_TEMPLATE "part.html.mustache"

/* The page template every bulletin starts from. */
#define BL_HTML_PAGE_TEMPLATE "bulletin.html.mustache"

/* The data the page template sees: the view model (view.h) of d with the
 * settings' site, and `fragment` and `inline_styles`. The caller owns the
 * tree (cJSON_Delete). `bulletin view` prints it. */
cJSON *bl_html_view(bl_model *m, const bl_document *d, const bl_html_options *o);

/* The same view without its large tables, which *rows holds (view.h:
 * bl_view_document_rows); the caller frees both. */
cJSON *bl_html_view_rows(bl_model *m, const bl_document *d, const bl_html_options *o,
                         struct bl_view_rows **rows);

/* Renders document d of m (already analysed) into out (appending). */
int bl_html_render(bl_model *m, const bl_document *d, const bl_html_options *o,
                   bl_buf *out, bl_error *err);

/* Renders template_name (looked up as the page template is: the override
 * directory, then the built-in set) over view into out (appending), with
 * o's templates directory and inline styles. The bulletin, its split parts
 * and `bulletin site`'s index and period pages. */
int bl_html_render_view(const bl_html_options *o, const char *template_name,
                        const cJSON *view, bl_buf *out, bl_error *err);

/* Receives one finished page: path (NULL for standard output) and bytes,
 * borrowed for the call. */
typedef int (*bl_html_emit)(void *ctx, const char *path, const char *data,
                            size_t len, bl_error *err);

/* Renders d as one page for path, or as several (html_split.c) when
 * o->split_lists is set or the page would be larger than o->split_size:
 * the index page for path (every section but the long tables, with links)
 * and part pages PATH-1.html, PATH-2.html, ... beside it (path without
 * ".html"), each a piece of one list's 督办清单 or full table under the
 * size, linked to the index and to the previous and next parts. A NULL
 * path (standard output) is never split. Each page goes to emit, the
 * index first; nothing is written here. */
int bl_html_write_pages(bl_model *m, const bl_document *d, const bl_html_options *o,
                        const char *path, bl_html_emit emit, void *ctx, bl_error *err);

/* Renders d and writes the page to path atomically. */
int bl_write_html(bl_model *m, const bl_document *d, const char *path,
                  const bl_html_options *o, bl_error *err);

/* Renders template text (named name in messages) with data into out
 * (appending), its partials found as the page's are: in templates_dir
 * (NULL: none) over the built-in set. The PDF renders the 通报 partial
 * with it (summary_text.h). */
int bl_html_render_string(const char *templates_dir, const char *name,
                          const char *text, const cJSON *data, bl_buf *out,
                          bl_error *err);

/* `bulletin template TEMPLATE DATA.json [--partials DIR]`: renders the
 * template file with data into out (appending). {{> name}} and {{<name}}
 * read DIR/name.mustache, else DIR/name; DIR defaults to the template's own
 * directory. Unknown partials are errors. A name that is absolute, holds a
 * ".." component, or resolves (through symlinks) outside DIR is refused with
 * BL_ETEMPLATE at the tag's file and line. */
int bl_template_file_render(const char *template_path, const cJSON *data,
                            const char *partials_dir, bl_buf *out,
                            bl_error *err);

#endif
