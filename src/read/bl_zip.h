/* bl_zip.h - reading members of a zip archive in memory (XLSX, DOCX), through
 * libzip, with limits against zip bombs.
 *
 * An archive is refused when it has more than BL_ZIP_MAX_ENTRIES entries,
 * when its entries would inflate past BL_ZIP_MAX_TOTAL bytes, or when a
 * large entry inflates more than BL_ZIP_MAX_RATIO times its compressed
 * size: real office files stay far below, a bomb is refused before any
 * inflating. The declared sizes are checked again while reading, since an
 * archive may lie about them.
 *
 * Ownership: the bl_zip borrows data (which must outlive it) and is freed
 * by bl_zip_close; members are read into caller-owned buffers.
 */
#ifndef BL_BL_ZIP_H
#define BL_BL_ZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

#define BL_ZIP_MAX_ENTRIES 10000
#define BL_ZIP_MAX_TOTAL (256u * 1024 * 1024)
#define BL_ZIP_MAX_RATIO 200
/* Entries below this size may have any ratio (a sheet of empty cells). */
#define BL_ZIP_RATIO_FLOOR (1024u * 1024)

typedef struct bl_zip bl_zip;

/* Opens the archive in data[0..len); path names it in errors. */
int bl_zip_open(const unsigned char *data, size_t len, const char *path,
                bl_zip **out, bl_error *err);
/* Whether the archive has a member of that name. */
bool bl_zip_has(bl_zip *z, const char *name);
/* Appends member name, NUL-terminated, to out (cleared first); a missing
 * member is an error naming it. */
int bl_zip_read(bl_zip *z, const char *name, bl_buf *out, bl_error *err);
/* For sniffing: 1 when data is a zip archive with that member, 0 when it
 * is one without, -1 when libzip cannot open it (no limits checked). */
int bl_zip_probe(const unsigned char *data, size_t len, const char *member);
/* The path given to bl_zip_open. */
const char *bl_zip_path(const bl_zip *z);
void bl_zip_close(bl_zip *z);

#endif
