/* read_xls.c - Excel 97–2003 workbooks (.xls) through Debian's FreeXL →
 * a grid.
 *
 * FreeXL reads only from a path, so the bytes go to a temporary file that
 * is unlinked before FreeXL opens it; it runs in a child process (see
 * read_isolated). Every sheet is read in order, after a
 * chrome line with its name (as in read_xlsx.c); a row with one filled cell
 * is chrome, a blank row is dropped, the others keep all their cells in
 * their columns. FreeXL 1.0 gives neither merged ranges nor number
 * formats: a merged department is an empty cell (the interpreter carries
 * it down as from any source without spans) and a percent stored as 0.72
 * reads as 0.72; saving the file as .xlsx keeps both.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <freexl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "lazylib.h"
#include "grid.h"
#include "interpret.h"
#include "reader.h"

/* Past this many cells a sheet is not a report: its rows are cut. */
#define XLS_MAX_CELLS (4u * 1024 * 1024)

/* FreeXL, opened the first time an input is an .xls workbook (lazylib.h). */
#define FREEXL_CALLS(X)                                                        \
    X(freexl_close) X(freexl_get_cell_value) X(freexl_get_info)                \
    X(freexl_get_worksheet_name) X(freexl_open)                                \
    X(freexl_select_active_worksheet) X(freexl_worksheet_dimensions)

BL_LAZYLIB(F, BL_FREEXL_SONAME, FREEXL_CALLS)

/* The bytes in a temporary file FreeXL can open. The name is unlinked
 * before FreeXL runs, and FreeXL opens the file through /proc/self/fd: a
 * child that FreeXL kills (see read_isolated) leaves nothing in TMPDIR.
 * Without /proc the name is unlinked once FreeXL has opened it.
 * BULLETIN_TEST_FAULT=freexl (tests/test_faults.sh) kills the child where
 * FreeXL would. */
static int open_xls(const unsigned char *data, size_t len, const void **xls)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/bulletin-xls-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    char by_fd[64];
    snprintf(by_fd, sizeof by_fd, "/proc/self/fd/%d", fd);
    bool named = access(by_fd, R_OK) != 0;
    if (!named)
        unlink(path);
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    const char *fault = getenv("BULLETIN_TEST_FAULT");
    if (fault && strcmp(fault, "freexl") == 0)
        raise(SIGSEGV);
    int rc = done == len ? F.freexl_open(named ? path : by_fd, xls) : -1;
    close(fd);
    if (named)
        unlink(path);
    return rc;
}

/* FreeXL runs in a child process: FreeXL 1.0.6 reads past its own buffers
 * on some damaged workbooks (found by tests/fuzz/fuzz_office.c; the input
 * is in tests/fuzz/corpus/office/) and loses memory on others. The child
 * opens the file and sends every sheet name, row and cell through a pipe
 * as records; whatever FreeXL does to the child, the parent sees either a
 * complete stream or an error. The readers run before any thread is
 * started, so the fork is safe.
 *
 * A record is one type byte, a 32-bit number and, for texts, a 32-bit
 * length and the bytes: 'S' sheet name, 'R' row (its number), 'C' cell
 * text, 'E' FreeXL error (its code), 'D' done. */

typedef struct sink {
    int fd;
    int failed;
} sink;

static void put(sink *k, const void *data, size_t len)
{
    const char *p = data;
    while (!k->failed && len > 0) {
        ssize_t w = write(k->fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            k->failed = 1;
            return;
        }
        p += w;
        len -= (size_t)w;
    }
}

static void put_record(sink *k, char type, int32_t num, const char *text)
{
    put(k, &type, 1);
    put(k, &num, sizeof num);
    if (text) {
        uint32_t len = (uint32_t)strlen(text);
        put(k, &len, sizeof len);
        put(k, text, len);
    }
}

static const char *cell_text(char *tmp, size_t size, const FreeXL_CellValue *v)
{
    switch (v->type) {
    case FREEXL_CELL_INT:
        snprintf(tmp, size, "%d", v->value.int_value);
        return tmp;
    case FREEXL_CELL_DOUBLE:
        snprintf(tmp, size, "%.10g", v->value.double_value);
        for (char *p = tmp; *p; p++)
            if (*p == ',') /* a decimal comma from the locale */
                *p = '.';
        return tmp;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
        return v->value.text_value ? v->value.text_value : "";
    default:
        return "";
    }
}

static int send_sheets(const void *xls, sink *k)
{
    unsigned count = 0;
    if (F.freexl_get_info(xls, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
        return -1;
    for (unsigned s = 0; s < count && s < 256; s++) {
        const char *name = NULL;
        unsigned rows;
        unsigned short cols;
        if (F.freexl_select_active_worksheet(xls, (unsigned short)s) != FREEXL_OK ||
            F.freexl_worksheet_dimensions(xls, &rows, &cols) != FREEXL_OK)
            return -1;
        if (cols && rows > XLS_MAX_CELLS / cols)
            rows = XLS_MAX_CELLS / cols;
        if (rows && F.freexl_get_worksheet_name(xls, (unsigned short)s, &name) == FREEXL_OK &&
            name && *name)
            put_record(k, 'S', 0, name);
        for (unsigned r = 0; r < rows && !k->failed; r++) {
            put_record(k, 'R', (int32_t)r + 1, NULL);
            for (unsigned short c = 0; c < cols; c++) {
                FreeXL_CellValue v;
                char tmp[64];
                const char *text = "";
                if (F.freexl_get_cell_value(xls, r, c, &v) == FREEXL_OK)
                    text = cell_text(tmp, sizeof tmp, &v);
                put_record(k, 'C', 0, text);
            }
        }
    }
    return 0;
}

/* The child: opens the workbook, sends it, and ends without running the
 * parent's exit handlers. */
static void child(const unsigned char *data, size_t len, int fd)
{
    sink k = {fd, 0};
    const void *xls = NULL;
    int x = open_xls(data, len, &xls);
    if (x == FREEXL_OK)
        x = send_sheets(xls, &k);
    if (xls)
        F.freexl_close(xls);
    put_record(&k, x == FREEXL_OK ? 'D' : 'E', x, NULL);
    close(fd);
#ifdef BL_COVERAGE
    /* gcov writes its counts at exit(), which _exit skips: without this the
     * child's lines would count as never run. */
    extern void __gcov_dump(void);
    __gcov_dump();
#endif
    _exit(k.failed);
}

/* Ends the row being filled: a row with one filled cell is chrome, a
 * blank row is dropped. */
static void end_row(bl_grid *g, bl_row **row, size_t filled, const char *only,
                    int line)
{
    if (*row && filled <= 1) {
        g->n--;
        if (only)
            bl_grid_add_chrome(g, only, strlen(only), line);
    }
    *row = NULL;
}

/* Fills g from the child's records. Returns the FreeXL status, or -2 when
 * the stream is cut or damaged (the child died). */
static int take_records(const char *p, size_t n, bl_grid *g)
{
    const char *end = p + n;
    bl_row *row = NULL;
    int line = 0;
    size_t filled = 0;
    const char *only = NULL;
    for (;;) {
        int32_t num;
        uint32_t len = 0;
        const char *text = NULL;
        if ((size_t)(end - p) < 1 + sizeof num)
            return -2;
        char type = *p++;
        memcpy(&num, p, sizeof num);
        p += sizeof num;
        if (type == 'S' || type == 'C') {
            if ((size_t)(end - p) < sizeof len)
                return -2;
            memcpy(&len, p, sizeof len);
            p += sizeof len;
            if ((size_t)(end - p) < len)
                return -2;
            text = p;
            p += len;
        }
        if (type != 'C')
            end_row(g, &row, filled, only, line);
        if (type == 'S') {
            bl_grid_add_chrome(g, text, len, 0);
        } else if (type == 'R') {
            line = num;
            row = bl_grid_add_row(g, line);
            filled = 0;
            only = NULL;
        } else if (type == 'C' && row) {
            bl_cell *cell = bl_row_add_cell(g, row, text, len, line);
            if (*cell->text) {
                filled++;
                only = cell->text;
            }
        } else if (type == 'D' || type == 'E') {
            return p == end ? num : -2;
        } else {
            return -2;
        }
    }
}

/* Runs FreeXL on the bytes in a child and fills g from what it sends. */
static int read_isolated(const unsigned char *data, size_t len, bl_grid *g)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -2;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -2;
    }
    if (pid == 0) {
        close(fds[0]);
        child(data, len, fds[1]);
    }
    close(fds[1]);
    bl_buf b = BL_BUF_INIT;
    char chunk[65536];
    for (;;) {
        ssize_t r = read(fds[0], chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        bl_buf_append(&b, chunk, (size_t)r);
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    int x = -2;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        x = take_records(b.data ? b.data : "", b.len, g);
    bl_buf_free(&b);
    return x;
}

int bl_read_xls(bl_model *m, bl_document *d, const unsigned char *data,
                size_t len, bl_error *err)
{
    d->format = "xls";
    d->encoding = "UTF-8";
    int rc = bl_lazy_open(d->source, err); /* here: the child reports no error */
    if (rc)
        return rc;
    bl_grid *g = bl_grid_new(m->arena);
    int x = read_isolated(data, len, g);
    if (x != FREEXL_OK)
        return bl_error_set(err, BL_EINPUT, d->source, 0,
                            "this Excel 97–2003 (.xls) file cannot be read (damaged, "
                            "encrypted or not a workbook: %s); save it as "
                            ".xlsx (in LibreOffice: soffice --headless --convert-to xlsx FILE)",
                            x == -2 ? "FreeXL failed on it"
                                    : bl_arena_printf(m->arena, "FreeXL error %d", x));
    d->grid = g;
    return bl_read_grid(m, d, g, err);
}
