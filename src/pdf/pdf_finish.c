/* pdf_finish.c - the finished PDF rewritten (pdf_rewrite.c, else libqpdf);
 * its dates. */
#include "alloc.h"
#include "lazylib.h"
#include "pdf_finish.h"
#include "pdf_rewrite.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <qpdf/qpdf-c.h>

enum { FOREIGN = -1 }; /* finish_streaming: not a file it knows */

/* libqpdf, opened the first time a file needs it (lazylib.h): cairo's own
 * files never do. */
#define QPDF_CALLS(X)                                                          \
    X(qpdf_init) X(qpdf_cleanup) X(qpdf_silence_errors)                        \
    X(qpdf_set_suppress_warnings) X(qpdf_read_memory) X(qpdf_has_error)        \
    X(qpdf_get_error) X(qpdf_get_error_full_text) X(qpdf_get_num_pages)        \
    X(qpdf_get_page_n) X(qpdf_oh_get_key) X(qpdf_oh_is_array)                  \
    X(qpdf_oh_get_array_n_items) X(qpdf_oh_get_array_item)                     \
    X(qpdf_oh_is_dictionary) X(qpdf_oh_remove_key) X(qpdf_oh_release_all)      \
    X(qpdf_init_write_memory) X(qpdf_set_object_stream_mode)                   \
    X(qpdf_set_compress_streams) X(qpdf_set_decode_level)                      \
    X(qpdf_set_deterministic_ID) X(qpdf_write) X(qpdf_get_buffer_length)       \
    X(qpdf_get_buffer)

BL_LAZYLIB(Q, BL_QPDF_SONAME, QPDF_CALLS)

/* The first error qpdf recorded, or a fallback. */
static const char *qpdf_message(qpdf_data q, const char *fallback)
{
    if (Q.qpdf_has_error(q)) {
        qpdf_error e = Q.qpdf_get_error(q);
        const char *s = Q.qpdf_get_error_full_text(q, e);
        if (s && *s)
            return s;
    }
    return fallback;
}

/* The annotations' /StructParent numbers point into the structure tree
 * cairo did not write: without the tree they mean nothing. */
static void drop_struct_parents(qpdf_data q)
{
    int pages = Q.qpdf_get_num_pages(q);
    for (int i = 0; i < pages; i++) {
        qpdf_oh page = Q.qpdf_get_page_n(q, (size_t)i);
        qpdf_oh annots = Q.qpdf_oh_get_key(q, page, "/Annots");
        int n = Q.qpdf_oh_is_array(q, annots) ? Q.qpdf_oh_get_array_n_items(q, annots)
                                             : 0;
        for (int k = 0; k < n; k++) {
            qpdf_oh a = Q.qpdf_oh_get_array_item(q, annots, k);
            if (Q.qpdf_oh_is_dictionary(q, a))
                Q.qpdf_oh_remove_key(q, a, "/StructParent");
        }
        if (Q.qpdf_oh_is_dictionary(q, page))
            Q.qpdf_oh_remove_key(q, page, "/StructParents");
    }
    Q.qpdf_oh_release_all(q);
}

static int replace_contents(bl_atomic_file *f, const unsigned char *data,
                            size_t len)
{
    if (fflush(f->fp) != 0 || fseek(f->fp, 0, SEEK_SET) != 0 ||
        ftruncate(fileno(f->fp), 0) != 0)
        return -1;
    if (len && fwrite(data, 1, len, f->fp) != len)
        return -1;
    return fflush(f->fp) == 0 ? 0 : -1;
}

/* The whole temporary file in one read into *data (malloc'd): qpdf reading
 * the file itself seeks and reads a few bytes at a time, about three
 * system calls per 10 bytes of PDF (a third of the CPU of a 1,000-project
 * briefing). */
static int slurp(const char *path, char **data, size_t *len)
{
    *data = NULL;
    FILE *fp = fopen(path, "rb"); /* f->fp is open for writing only */
    if (!fp)
        return -1;
    long n = -1;
    if (fseek(fp, 0, SEEK_END) == 0)
        n = ftell(fp);
    if (n >= 0 && fseek(fp, 0, SEEK_SET) == 0)
        *data = bl_malloc((size_t)n + 1);
    if (*data)
        *len = fread(*data, 1, (size_t)n, fp);
    int bad = !*data || *len != (size_t)n;
    fclose(fp);
    return bad ? -1 : 0;
}

/* The qpdf way, for a file pdf_rewrite.c does not know: every object
 * read into qpdf's model (about 14 times the file), then written again. */
static int finish_with_qpdf(bl_atomic_file *f, const char *path, long long *bytes,
                            bl_error *err)
{
    int rc = bl_lazy_open(path, err);
    if (rc)
        return rc;
    char *data;
    size_t data_len = 0;
    if (slurp(f->tmp_path, &data, &data_len) != 0) {
        free(data);
        return bl_error_set(err, BL_EIO, path, 0, "cannot read back the PDF");
    }
    qpdf_data q = Q.qpdf_init();
    Q.qpdf_silence_errors(q);
    Q.qpdf_set_suppress_warnings(q, QPDF_TRUE);
    rc = BL_OK;
    /* warnings on reading are cairo's dangling entries, repaired here */
    if (Q.qpdf_read_memory(q, f->tmp_path, data, (unsigned long long)data_len,
                         NULL) & QPDF_ERRORS) {
        rc = bl_error_set(err, BL_EIO, path, 0, "cannot read back the PDF: %s",
                          qpdf_message(q, "qpdf failed"));
        goto done;
    }
    drop_struct_parents(q);
    if (Q.qpdf_init_write_memory(q) & QPDF_ERRORS) {
        rc = bl_error_set(err, BL_EIO, path, 0, "cannot rewrite the PDF: %s",
                          qpdf_message(q, "qpdf failed"));
        goto done;
    }
    Q.qpdf_set_object_stream_mode(q, qpdf_o_generate);
    Q.qpdf_set_compress_streams(q, QPDF_TRUE);
    /* cairo's streams are already compressed: copied as they are, not
     * inflated and deflated again (a tenth of the CPU of a large report) */
    Q.qpdf_set_decode_level(q, qpdf_dl_none);
    Q.qpdf_set_deterministic_ID(q, QPDF_TRUE);
    if (Q.qpdf_write(q) & QPDF_ERRORS) {
        rc = bl_error_set(err, BL_EIO, path, 0, "cannot rewrite the PDF: %s",
                          qpdf_message(q, "qpdf failed"));
        goto done;
    }
    size_t len = Q.qpdf_get_buffer_length(q);
    if (replace_contents(f, Q.qpdf_get_buffer(q), len) != 0) {
        rc = bl_error_set(err, BL_EIO, path, 0, "cannot write PDF");
        goto done;
    }
    if (bytes)
        *bytes = (long long)len;
done:
    Q.qpdf_cleanup(&q); /* before data: qpdf reads from it until here */
    free(data);
    return rc;
}

/* The rewrite into a second temporary file beside the first: on success
 * it replaces *f (the first is removed); FOREIGN when the file is not of the
 * shape pdf_rewrite.c knows. */
static int finish_streaming(bl_atomic_file *f, const char *path,
                            const bl_rewrite_streams *streams, long long *bytes,
                            bl_error *err)
{
    int fd = open(f->tmp_path, O_RDONLY); /* f->fp is open for writing only */
    off_t size = fd >= 0 ? lseek(fd, 0, SEEK_END) : -1;
    if (size < 0) {
        if (fd >= 0)
            close(fd);
        return bl_error_set(err, BL_EIO, path, 0, "cannot read back the PDF");
    }
    bl_atomic_file nf;
    int rc = bl_atomic_open(&nf, f->final_path, err);
    if (rc) {
        close(fd);
        return rc;
    }
    bl_rewrite_status st = bl_pdf_rewrite(fd, (long long)size, streams, nf.fp, bytes);
    close(fd);
    if (st != BL_REWRITE_OK) {
        bl_atomic_abort(&nf);
        return st == BL_REWRITE_FOREIGN
                   ? FOREIGN
                   : bl_error_set(err, BL_EIO, path, 0, "cannot write PDF");
    }
    bl_atomic_abort(f);
    *f = nf;
    return BL_OK;
}

int bl_pdf_finish(bl_atomic_file *f, const char *path,
                  const bl_rewrite_streams *streams, long long *bytes,
                  bl_error *err)
{
    if (fflush(f->fp) != 0)
        return bl_error_set(err, BL_EIO, path, 0, "cannot write PDF");
    int rc = finish_streaming(f, path, streams, bytes, err);
    if (rc == FOREIGN && streams) /* qpdf cannot put the streams back */
        return bl_error_set(err, BL_EIO, path, 0,
                            "internal error: cairo's PDF is not of the "
                            "shape its streams were deferred for");
    return rc == FOREIGN ? finish_with_qpdf(f, path, bytes, err) : rc;
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* "YYYY-MM-DD" naming a real day (years 1900-9999). */
static int valid_date(const char *s)
{
    if (!s || strlen(s) != 10)
        return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
            return 0;
    int y, m, d;
    if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return 0;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= days[m - 1] + (m == 2 && leap(y));
}

void bl_pdf_date(long long epoch, const char *published, time_t now,
                 char *out, size_t size)
{
    if (epoch < 0 && valid_date(published)) {
        snprintf(out, size, "%sT00:00:00+08:00", published);
        return;
    }
    time_t t = epoch >= 0 ? (time_t)epoch : now;
    struct tm tm;
    if (!gmtime_r(&t, &tm) ||
        !strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, size, "%s", "");
}
