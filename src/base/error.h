/* error.h - the one error convention of bulletin.
 *
 * Every fallible function returns an int status (BL_OK on success) and takes a
 * caller-owned `bl_error *err` as its last argument. The message is set once,
 * where the problem is found, and propagated unchanged. Only main.c prints it.
 * `err` may be NULL when the caller does not care about the message.
 */
#ifndef BL_ERROR_H
#define BL_ERROR_H

#include <stddef.h>

enum {
    BL_OK = 0,
    BL_EINPUT = 1,    /* bad input data: exit code 1 */
    BL_EUSAGE = 2,    /* bad command line: exit code 2 */
    BL_EIO = 3,       /* cannot read or write a file: exit code 1 */
    BL_ETEMPLATE = 4, /* template syntax or partial error: exit code 1 */
    BL_EFONT = 5,     /* font set-up or coverage error: exit code 1 */
    BL_ENOMEM = 6     /* allocation failed */
};

typedef struct bl_error {
    int code;          /* BL_OK when nothing went wrong */
    char file[512];    /* file the problem is in, "" when none */
    int line;          /* 1-based line, 0 when unknown */
    int col;           /* 1-based column, 0 when unknown */
    char message[1024];
} bl_error;

/* Fills err (when not NULL) and returns code, so callers can write
 * `return bl_error_set(err, BL_EINPUT, path, line, "bad cell %s", s);` */
int bl_error_set(bl_error *err, int code, const char *file, int line,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int bl_error_set_at(bl_error *err, int code, const char *file, int line,
                    int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void bl_error_clear(bl_error *err);

/* "file:line:col: error: message" (parts that are unknown are left out). */
void bl_error_format(const bl_error *err, char *out, size_t size);

/* A short name for a status code ("input", "usage", ...). */
const char *bl_status_name(int code);

#endif
