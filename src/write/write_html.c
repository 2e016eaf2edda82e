/* write_html.c - the HTML bulletin and template files; see write_html.h.
 *
 * Two loaders feed partials and parents to the template engine: one for the
 * bulletin (an optional override directory over the built-in set) and one
 * for `bulletin template` (a plain directory). Both refuse names that could
 * read files outside their directory, since a template from elsewhere must
 * not be able to pull arbitrary files into a published page.
 */
#include "write_html.h"
#include "alloc.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "embedded.h"
#include "inline_css.h"
#include "io.h"
#include "template.h"
#include "view.h"

#ifndef BL_VERSION
#define BL_VERSION "0"
#endif

/* ---- names ------------------------------------------------------------ */

/* A partial name must be a relative path without ".." components. The error
 * leaves file/line empty so the engine fills in the tag's position. */
static int check_name(const char *name, bl_error *err)
{
    if (!name[0])
        return bl_error_set(err, BL_ETEMPLATE, NULL, 0, "empty partial name");
    if (name[0] == '/')
        return bl_error_set(err, BL_ETEMPLATE, NULL, 0,
                            "partial name '%s' is an absolute path; partials "
                            "must be inside the partials directory",
                            name);
    for (const char *p = name; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return bl_error_set(err, BL_ETEMPLATE, NULL, 0,
                                "partial name '%s' reaches outside the "
                                "partials directory",
                                name);
        p += n;
        if (*p == '/')
            p++;
    }
    return BL_OK;
}

/* ---- files inside a directory ----------------------------------------- */

/* A directory that partials must stay inside, resolved once. */
typedef struct confined_dir {
    const char *dir;      /* as given */
    char real[PATH_MAX];  /* realpath(dir), "" until resolved */
} confined_dir;

static bool is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Reads dir/rel into *text (malloc'd) and sets *origin to its path, when
 * that file exists and really lies inside dir; *text stays NULL when there
 * is no such file. */
static int read_confined(confined_dir *cd, const char *rel, char **text,
                         char **origin, bl_error *err)
{
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s", cd->dir, rel);
    if (n < 0 || (size_t)n >= sizeof path)
        return bl_error_set(err, BL_ETEMPLATE, NULL, 0,
                            "partial name '%s' is too long", rel);
    if (!is_regular_file(path))
        return BL_OK;
    if (!cd->real[0] && !realpath(cd->dir, cd->real))
        return bl_error_set(err, BL_EIO, cd->dir, 0,
                            "cannot resolve the partials directory: %s",
                            strerror(errno));
    char real[PATH_MAX];
    if (!realpath(path, real))
        return bl_error_set(err, BL_EIO, path, 0, "cannot resolve: %s",
                            strerror(errno));
    size_t dl = strlen(cd->real);
    bool inside = strncmp(real, cd->real, dl) == 0 &&
                  (real[dl] == '/' || strcmp(cd->real, "/") == 0);
    if (!inside)
        return bl_error_set(err, BL_ETEMPLATE, NULL, 0,
                            "partial '%s' resolves to %s, outside the "
                            "partials directory %s",
                            rel, real, cd->dir);
    bl_buf b = BL_BUF_INIT;
    int rc = bl_read_file(path, &b, err);
    if (rc) {
        bl_buf_free(&b);
        return rc;
    }
    *text = bl_buf_detach(&b);
    *origin = bl_strdup(path);
    return BL_OK;
}

/* ---- the bulletin's loader: override directory over built-ins ---------- */

typedef struct bulletin_loader {
    confined_dir override; /* override.dir NULL: built-ins only */
} bulletin_loader;

/* Where a name is looked for, in order: the same rule for the bulletin and
 * for `bulletin template`, so authors can try the page with the latter. */
static const char *const candidate_forms[] = {"%s.mustache", "%s", NULL};

static int find_file(bulletin_loader *bl, const char *rel, char **text,
                     char **origin, bl_error *err)
{
    if (bl->override.dir) {
        int rc = read_confined(&bl->override, rel, text, origin, err);
        if (rc || *text)
            return rc;
    }
    char name[PATH_MAX + 16]; /* "templates/" + a name of up to PATH_MAX */
    snprintf(name, sizeof name, "templates/%s", rel);
    const bl_embedded_file *f = bl_embedded_find(name);
    if (!f)
        return BL_OK;
    *text = bl_strndup((const char *)f->data, f->len);
    *origin = bl_strdup(name);
    return BL_OK;
}

/* Tries each candidate form of name with find (first hit wins). */
typedef int (*find_fn)(void *ctx, const char *rel, char **text,
                       char **origin, bl_error *err);

static int load_candidates(find_fn find, void *ctx, const char *name,
                           char **text, char **origin, bl_error *err)
{
    *text = NULL;
    *origin = NULL;
    if (check_name(name, err))
        return err ? err->code : BL_ETEMPLATE;
    for (int i = 0; candidate_forms[i]; i++) {
        char rel[PATH_MAX];
        int n = snprintf(rel, sizeof rel, candidate_forms[i], name);
        if (n < 0 || (size_t)n >= sizeof rel)
            return bl_error_set(err, BL_ETEMPLATE, NULL, 0,
                                "partial name '%s' is too long", name);
        int rc = find(ctx, rel, text, origin, err);
        if (rc || *text)
            return rc;
    }
    return BL_OK;
}

static int find_bulletin_file(void *ctx, const char *rel, char **text,
                              char **origin, bl_error *err)
{
    return find_file(ctx, rel, text, origin, err);
}

static int load_bulletin(void *ctx, const char *name, char **text,
                         char **origin, bl_error *err)
{
    return load_candidates(find_bulletin_file, ctx, name, text, origin, err);
}

/* The view of d as the page sees it: whole, or without its large tables
 * (rows not NULL: *rows gets them, view.h). */
static cJSON *html_view(bl_model *m, const bl_document *d, const bl_html_options *o,
                        bl_view_rows **rows)
{
    bl_view_options vo = {.generator = "bulletin " BL_VERSION,
                          .settings = o ? o->settings : NULL};
    cJSON *view = rows ? bl_view_document_rows(m, d, &vo, rows) : bl_view_document(m, d, &vo);
    bool inline_styles = o && o->inline_styles;
    cJSON_AddBoolToObject(view, "fragment", o && (o->fragment || inline_styles));
    cJSON_AddBoolToObject(view, "inline_styles", inline_styles);
    return view;
}

cJSON *bl_html_view(bl_model *m, const bl_document *d, const bl_html_options *o)
{
    return html_view(m, d, o, NULL);
}

cJSON *bl_html_view_rows(bl_model *m, const bl_document *d, const bl_html_options *o,
                         bl_view_rows **rows)
{
    return html_view(m, d, o, rows);
}

/* The loader of the templates in dir (NULL: the built-in set only). A
 * mistyped --templates must not silently give the built-in page. */
static int loader_init(bulletin_loader *bl, const char *dir, bl_error *err)
{
    memset(bl, 0, sizeof *bl);
    bl->override.dir = dir;
    struct stat st;
    if (dir && (stat(dir, &st) || !S_ISDIR(st.st_mode)))
        return bl_error_set(err, BL_EIO, dir, 0, "templates directory not found");
    return BL_OK;
}

int bl_html_render_view(const bl_html_options *o, const char *template_name,
                        const cJSON *view, bl_buf *out, bl_error *err)
{
    bulletin_loader bl;
    char *text = NULL, *origin = NULL;
    int rc = loader_init(&bl, o ? o->templates_dir : NULL, err);
    if (!rc)
        rc = find_file(&bl, template_name, &text, &origin, err);
    if (rc)
        return rc;
    if (!text)
        return bl_error_set(err, BL_ETEMPLATE, template_name, 0,
                            "no page template: neither the templates "
                            "directory nor the built-in set has it");

    bool inline_styles = o && o->inline_styles;
    bl_template_options to = {
        .loader = load_bulletin, .loader_ctx = &bl, .strict_partials = true};
    if (!inline_styles) {
        rc = bl_template_render(origin, text, view, &to, out, err);
    } else {
        bl_buf plain = BL_BUF_INIT;
        char *css = NULL, *css_origin = NULL;
        rc = bl_template_render(origin, text, view, &to, &plain, err);
        if (!rc)
            rc = load_bulletin(&bl, "style.css", &css, &css_origin, err);
        if (!rc && !css)
            rc = bl_error_set(err, BL_ETEMPLATE, "style.css", 0,
                              "no style sheet to inline");
        if (!rc)
            rc = bl_css_inline(css, css_origin, bl_buf_cstr(&plain), plain.len,
                               out, err);
        free(css);
        free(css_origin);
        bl_buf_free(&plain);
    }
    free(text);
    free(origin);
    return rc;
}

int bl_html_render(bl_model *m, const bl_document *d, const bl_html_options *o,
                   bl_buf *out, bl_error *err)
{
    cJSON *view = bl_html_view(m, d, o);
    int rc = bl_html_render_view(o, BL_HTML_PAGE_TEMPLATE, view, out, err);
    cJSON_Delete(view);
    return rc;
}

int bl_write_html(bl_model *m, const bl_document *d, const char *path,
                  const bl_html_options *o, bl_error *err)
{
    bl_buf page = BL_BUF_INIT;
    int rc = bl_html_render(m, d, o, &page, err);
    if (!rc)
        rc = bl_write_file_atomic(path, page.data ? page.data : "", page.len,
                                  err);
    bl_buf_free(&page);
    return rc;
}

int bl_html_render_string(const char *templates_dir, const char *name,
                          const char *text, const cJSON *data, bl_buf *out,
                          bl_error *err)
{
    bulletin_loader bl;
    int rc = loader_init(&bl, templates_dir, err);
    if (rc)
        return rc;
    bl_template_options to = {
        .loader = load_bulletin, .loader_ctx = &bl, .strict_partials = true};
    return bl_template_render(name, text, data, &to, out, err);
}

/* ---- `bulletin template`: one plain directory -------------------------- */

static int find_plain_file(void *ctx, const char *rel, char **text,
                           char **origin, bl_error *err)
{
    return read_confined(ctx, rel, text, origin, err);
}

static int load_plain(void *ctx, const char *name, char **text,
                      char **origin, bl_error *err)
{
    return load_candidates(find_plain_file, ctx, name, text, origin, err);
}

/* The directory part of path ("." when it has none). */
static void dir_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, size, ".");
    else if (slash == path)
        snprintf(out, size, "/");
    else
        snprintf(out, size, "%.*s", (int)(slash - path), path);
}

int bl_template_file_render(const char *template_path, const cJSON *data,
                            const char *partials_dir, bl_buf *out,
                            bl_error *err)
{
    bl_buf text = BL_BUF_INIT;
    int rc = bl_read_file(template_path, &text, err);
    if (rc) {
        bl_buf_free(&text);
        return rc;
    }
    char dir[PATH_MAX];
    if (partials_dir)
        snprintf(dir, sizeof dir, "%s", partials_dir);
    else
        dir_of(template_path, dir, sizeof dir);
    confined_dir cd;
    memset(&cd, 0, sizeof cd);
    cd.dir = dir;
    bl_template_options to = {
        .loader = load_plain, .loader_ctx = &cd, .strict_partials = true};
    rc = bl_template_render(template_path, bl_buf_cstr(&text), data, &to, out,
                            err);
    bl_buf_free(&text);
    return rc;
}
