/* read_xls.c - Excel 97–2003 workbooks (.xls) through Debian's FreeXL →
 * a grid.
 *
 * FreeXL reads only from a path, so the bytes go to a temporary file that
 * is unlinked as soon as it is open. Every sheet is read in order, after a
 * chrome line with its name (as in read_xlsx.c); a row with one filled cell
 * is chrome, a blank row is dropped, the others keep all their cells in
 * their columns. FreeXL 1.0 gives neither merged ranges nor number
 * formats: a merged department is an empty cell (the interpreter carries
 * it down as from any source without spans) and a percent stored as 0.72
 * reads as 0.72; saving the file as .xlsx keeps both.
 */
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grid.h"
#include "interpret.h"
#include "reader.h"

/* Past this many cells a sheet is not a report: its rows are cut. */
#define XLS_MAX_CELLS (4u * 1024 * 1024)

static const char *cell_text(bl_arena *a, const FreeXL_CellValue *v)
{
    switch (v->type) {
    case FREEXL_CELL_INT:
        return bl_arena_printf(a, "%d", v->value.int_value);
    case FREEXL_CELL_DOUBLE: {
        char *s = bl_arena_printf(a, "%.10g", v->value.double_value);
        for (char *p = s; *p; p++)
            if (*p == ',') /* a decimal comma from the locale */
                *p = '.';
        return s;
    }
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

static void read_row(const void *xls, bl_grid *g, unsigned row, unsigned short cols)
{
    bl_row *r = bl_grid_add_row(g, (int)row + 1);
    size_t filled = 0;
    const char *only = NULL;
    for (unsigned short c = 0; c < cols; c++) {
        FreeXL_CellValue v;
        const char *text = "";
        if (freexl_get_cell_value(xls, row, c, &v) == FREEXL_OK)
            text = cell_text(g->arena, &v);
        bl_cell *cell = bl_row_add_cell(g, r, text, strlen(text), (int)row + 1);
        if (*cell->text) {
            filled++;
            only = cell->text;
        }
    }
    if (filled <= 1) {
        g->n--;
        if (only)
            bl_grid_add_chrome(g, only, strlen(only), (int)row + 1);
    }
}

static int read_sheets(const void *xls, bl_grid *g)
{
    unsigned count = 0;
    if (freexl_get_info(xls, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
        return -1;
    for (unsigned s = 0; s < count && s < 256; s++) {
        const char *name = NULL;
        unsigned rows;
        unsigned short cols;
        if (freexl_select_active_worksheet(xls, (unsigned short)s) != FREEXL_OK ||
            freexl_worksheet_dimensions(xls, &rows, &cols) != FREEXL_OK)
            return -1;
        if (cols && rows > XLS_MAX_CELLS / cols)
            rows = XLS_MAX_CELLS / cols;
        if (rows && freexl_get_worksheet_name(xls, (unsigned short)s, &name) == FREEXL_OK &&
            name && *name)
            bl_grid_add_chrome(g, name, strlen(name), 0);
        for (unsigned r = 0; r < rows; r++)
            read_row(xls, g, r, cols);
    }
    return 0;
}

/* The bytes in a temporary file FreeXL can open, unlinked at once. */
static int open_xls(const unsigned char *data, size_t len, const void **xls)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/bulletin-xls-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    close(fd);
    int rc = done == len ? freexl_open(path, xls) : -1;
    unlink(path);
    return rc;
}

int bl_read_xls(bl_model *m, bl_document *d, const unsigned char *data,
                size_t len, bl_error *err)
{
    const void *xls = NULL;
    d->format = "xls";
    d->encoding = "UTF-8";
    int x = open_xls(data, len, &xls);
    bl_grid *g = bl_grid_new(m->arena);
    if (x == FREEXL_OK)
        x = read_sheets(xls, g);
    if (xls)
        freexl_close(xls);
    if (x != FREEXL_OK)
        return bl_error_set(err, BL_EINPUT, d->source, 0,
                            "this Excel 97–2003 (.xls) file cannot be read (damaged, "
                            "encrypted or not a workbook: FreeXL error %d); save it as "
                            ".xlsx (in LibreOffice: soffice --headless --convert-to xlsx FILE)",
                            x);
    d->grid = g;
    return bl_read_grid(m, d, g, err);
}
