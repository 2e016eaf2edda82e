/* error.c - fill and format bl_error; see error.h for the convention. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int error_vset(bl_error *err, int code, const char *file, int line,
                      int col, const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    return code;
}

int bl_error_set(bl_error *err, int code, const char *file, int line,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vset(err, code, file, line, 0, fmt, ap);
    va_end(ap);
    return code;
}

int bl_error_set_at(bl_error *err, int code, const char *file, int line,
                    int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vset(err, code, file, line, col, fmt, ap);
    va_end(ap);
    return code;
}

void bl_error_clear(bl_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

void bl_error_format(const bl_error *err, char *out, size_t size)
{
    char where[600] = "";
    if (err->file[0] && err->line > 0 && err->col > 0)
        snprintf(where, sizeof where, "%s:%d:%d: ", err->file, err->line, err->col);
    else if (err->file[0] && err->line > 0)
        snprintf(where, sizeof where, "%s:%d: ", err->file, err->line);
    else if (err->file[0])
        snprintf(where, sizeof where, "%s: ", err->file);
    snprintf(out, size, "%serror: %s", where, err->message);
}

const char *bl_status_name(int code)
{
    switch (code) {
    case BL_OK: return "ok";
    case BL_EINPUT: return "input";
    case BL_EUSAGE: return "usage";
    case BL_EIO: return "io";
    case BL_ETEMPLATE: return "template";
    case BL_EFONT: return "font";
    case BL_ENOMEM: return "memory";
    }
    return "unknown";
}
