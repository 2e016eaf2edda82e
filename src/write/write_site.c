/* write_site.c - `bulletin site`; see write_site.h. */
#include "alloc.h"
#include "write_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "io.h"
#include "site_view.h"
#include "view.h"

static char *join(const char *dir, const char *name)
{
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    bl_buf b = BL_BUF_INIT;
    bl_buf_printf(&b, "%.*s/%s", (int)dlen, dir, name);
    return bl_buf_detach(&b);
}

static char *file_name(const char *stem, const char *ext)
{
    bl_buf b = BL_BUF_INIT;
    bl_buf_printf(&b, "%s.%s", stem, ext);
    return bl_buf_detach(&b);
}

/* The written files, for the caller's list once the batch is committed. */
typedef struct paths {
    char **v;
    size_t n;
} paths;

static int write_page(bl_model *m, const bl_site_options *o, const bl_site_page *pages,
                      size_t n, size_t i, paths *done, bl_error *err)
{
    bl_view_options vo = {.generator = o->generator, .settings = o->html.settings};
    cJSON *view = bl_view_document(m, pages[i].d, &vo);
    cJSON_AddBoolToObject(view, "fragment", false);
    cJSON_AddBoolToObject(view, "inline_styles", false);
    bl_site_add_nav(view, pages, n, i);
    bl_buf page = BL_BUF_INIT;
    int rc = bl_html_render_view(&o->html, BL_SITE_PAGE_TEMPLATE, view, &page, err);
    cJSON_Delete(view);
    char *path = join(o->dir, pages[i].html);
    if (!rc)
        rc = bl_write_file_atomic(path, bl_buf_cstr(&page), page.len, err);
    bl_buf_free(&page);
    done->v[done->n++] = path;
    if (rc || !o->pdf)
        return rc;
    path = join(o->dir, pages[i].pdf);
    rc = o->pdf(o->pdf_ctx, m, pages[i].d, path, err);
    done->v[done->n++] = path;
    return rc;
}

static int write_index(bl_model *m, const bl_site_options *o, const bl_site_page *pages,
                       size_t n, paths *done, bl_error *err)
{
    bl_view_options vo = {.generator = o->generator, .settings = o->html.settings};
    cJSON *view = bl_site_index_view(m, pages, n, &vo);
    bl_buf page = BL_BUF_INIT;
    int rc = bl_html_render_view(&o->html, BL_SITE_INDEX_TEMPLATE, view, &page, err);
    cJSON_Delete(view);
    char *path = join(o->dir, "index.html");
    if (!rc)
        rc = bl_write_file_atomic(path, bl_buf_cstr(&page), page.len, err);
    bl_buf_free(&page);
    done->v[done->n++] = path;
    return rc;
}

/* Every path fits, and no report would be written over by another or by
 * the index, before anything is created. */
static int check_pages(const bl_site_options *o, const bl_site_page *pages, size_t n,
                       bl_error *err)
{
    int rc = bl_check_output_path(o->dir, err);
    for (size_t i = 0; !rc && i < n; i++) {
        if (strcmp(pages[i].d->stem, "index") == 0)
            return bl_error_set(err, BL_EUSAGE, pages[i].d->source, 0,
                                "site: a report named index would be written over by "
                                "the site's index.html; rename it");
        for (size_t k = 0; k < i; k++)
            if (strcmp(pages[k].d->stem, pages[i].d->stem) == 0)
                return bl_error_set(err, BL_EUSAGE, pages[i].d->source, 0,
                                    "has the same name as %s; outputs would collide",
                                    pages[k].d->source);
        char *path = join(o->dir, pages[i].html);
        rc = bl_check_output_path(path, err);
        free(path);
    }
    return rc;
}

int bl_write_site(bl_model *m, const bl_site_options *o, bl_error *err)
{
    size_t n = 0;
    for (const bl_document *d = m->documents; d; d = d->next)
        n += !d->previous_only;
    if (n == 0)
        return bl_error_set(err, BL_EUSAGE, NULL, 0, "site: no reports");
    bl_site_page *pages = bl_calloc(n, sizeof *pages);
    paths done = {bl_calloc(2 * n + 1, sizeof(char *)), 0};
        size_t i = 0;
    for (const bl_document *d = m->documents; d; d = d->next)
        if (!d->previous_only)
            pages[i++] = (bl_site_page){d, file_name(d->stem, "html"),
                                        o->pdf ? file_name(d->stem, "pdf") : NULL};
    int rc = check_pages(o, pages, n, err);
    if (!rc)
        rc = bl_mkdir_p(o->dir, err);
    int lock = -1;
    if (!rc)
        rc = bl_dir_lock(o->dir, &lock, err);
    if (!rc) {
        bl_batch_begin();
        for (i = 0; !rc && i < n; i++)
            rc = write_page(m, o, pages, n, i, &done, err);
        if (!rc)
            rc = write_index(m, o, pages, n, &done, err);
        int end = bl_batch_end(rc == BL_OK, err);
        if (!rc)
            rc = end;
        bl_dir_unlock(lock);
    }
    for (i = 0; i < done.n; i++) {
        if (!rc && o->written)
            o->written(o->written_ctx, done.v[i]);
        free(done.v[i]);
    }
    for (i = 0; i < n; i++) {
        free((char *)pages[i].html);
        free((char *)pages[i].pdf);
    }
    free(done.v);
    free(pages);
    return rc;
}
