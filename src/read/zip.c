/* zip.c - zip members through libzip, with bomb limits; see bl_zip.h. */
#include "bl_zip.h" /* not "zip.h": that name is libzip's */

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "alloc.h"
#include "lazylib.h"

struct bl_zip {
    zip_t *za;
    const char *path;
    zip_uint64_t inflated; /* bytes read so far, against BL_ZIP_MAX_TOTAL */
};

/* libzip, opened the first time an input is a zip archive (lazylib.h):
 * the text and HTML readers never need it. */
#define ZIP_CALLS(X)                                                           \
    X(zip_discard) X(zip_error_fini) X(zip_error_init) X(zip_error_strerror)   \
    X(zip_fclose) X(zip_file_strerror) X(zip_fopen) X(zip_fread)               \
    X(zip_get_num_entries) X(zip_name_locate) X(zip_open_from_source)          \
    X(zip_source_buffer_create) X(zip_source_free) X(zip_stat_index)           \
    X(zip_strerror)

BL_LAZYLIB(Z, BL_ZIP_SONAME, ZIP_CALLS)

static int zip_failed(bl_error *err, const char *path, zip_error_t *ze)
{
    int rc = bl_error_set(err, BL_EINPUT, path, 0,
                          "not a readable zip archive (corrupt or truncated?): %s",
                          Z.zip_error_strerror(ze));
    Z.zip_error_fini(ze);
    return rc;
}

/* The declared sizes of every entry against the limits, before any
 * entry is inflated. */
static int check_sizes(zip_t *za, const char *path, bl_error *err)
{
    zip_int64_t n = Z.zip_get_num_entries(za, 0);
    if (n < 0 || n > BL_ZIP_MAX_ENTRIES)
        return bl_error_set(err, BL_EINPUT, path, 0,
                            "refused: the archive has %lld entries (at most %d)",
                            (long long)n, BL_ZIP_MAX_ENTRIES);
    zip_uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (Z.zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0 ||
            !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
            return bl_error_set(err, BL_EINPUT, path, 0,
                                "not a readable zip archive: entry %lld has no size",
                                (long long)i);
        total += st.size;
        if (total > BL_ZIP_MAX_TOTAL)
            return bl_error_set(err, BL_EINPUT, path, 0,
                                "refused: the archive would inflate to more than %u MB "
                                "(a zip bomb?)", BL_ZIP_MAX_TOTAL >> 20);
        if (st.size > BL_ZIP_RATIO_FLOOR &&
            st.size / (st.comp_size ? st.comp_size : 1) > BL_ZIP_MAX_RATIO)
            return bl_error_set(err, BL_EINPUT, path, 0,
                                "refused: entry %s inflates %llu times its size "
                                "(a zip bomb?)", st.name ? st.name : "?",
                                (unsigned long long)(st.size / (st.comp_size ? st.comp_size : 1)));
    }
    return BL_OK;
}

int bl_zip_open(const unsigned char *data, size_t len, const char *path,
                bl_zip **out, bl_error *err)
{
    *out = NULL;
    int rc = bl_lazy_open(path, err);
    if (rc)
        return rc;
    zip_error_t ze;
    Z.zip_error_init(&ze);
    zip_source_t *src = Z.zip_source_buffer_create(data, len, 0, &ze);
    if (!src)
        return zip_failed(err, path, &ze);
    zip_t *za = Z.zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!za) {
        Z.zip_source_free(src);
        return zip_failed(err, path, &ze);
    }
    Z.zip_error_fini(&ze);
    rc = check_sizes(za, path, err);
    if (rc) {
        Z.zip_discard(za);
        return rc;
    }
    bl_zip *z = bl_calloc(1, sizeof *z); /* never NULL (alloc.h) */
    z->za = za;
    z->path = path;
    *out = z;
    return BL_OK;
}

int bl_zip_probe(const unsigned char *data, size_t len, const char *member)
{
    if (bl_lazy_open("", NULL) != BL_OK)
        return -1;
    zip_error_t ze;
    Z.zip_error_init(&ze);
    zip_source_t *src = Z.zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = src ? Z.zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    int found = za ? Z.zip_name_locate(za, member, 0) >= 0 : -1;
    if (za)
        Z.zip_discard(za);
    else if (src)
        Z.zip_source_free(src);
    Z.zip_error_fini(&ze);
    return found;
}

bool bl_zip_has(bl_zip *z, const char *name)
{
    return Z.zip_name_locate(z->za, name, 0) >= 0;
}

int bl_zip_read(bl_zip *z, const char *name, bl_buf *out, bl_error *err)
{
    bl_buf_reset(out);
    zip_file_t *f = Z.zip_fopen(z->za, name, 0);
    if (!f)
        return bl_error_set(err, BL_EINPUT, z->path, 0,
                            "%s: %s", name, Z.zip_strerror(z->za));
    char chunk[65536];
    zip_int64_t got;
    int rc = BL_OK;
    while ((got = Z.zip_fread(f, chunk, sizeof chunk)) > 0) {
        z->inflated += (zip_uint64_t)got;
        if (z->inflated > BL_ZIP_MAX_TOTAL) {
            rc = bl_error_set(err, BL_EINPUT, z->path, 0,
                              "refused: %s inflates past %u MB (a zip bomb?)", name,
                              BL_ZIP_MAX_TOTAL >> 20);
            break;
        }
        bl_buf_append(out, chunk, (size_t)got);
    }
    if (!rc && got < 0)
        rc = bl_error_set(err, BL_EINPUT, z->path, 0,
                          "%s: %s (corrupt or truncated file?)", name,
                          Z.zip_file_strerror(f));
    Z.zip_fclose(f);
    bl_buf_putc(out, '\0');
    out->len--;
    return rc;
}

const char *bl_zip_path(const bl_zip *z)
{
    return z->path;
}

void bl_zip_close(bl_zip *z)
{
    if (!z)
        return;
    Z.zip_discard(z->za);
    free(z);
}
