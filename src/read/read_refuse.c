/* read_refuse.c - files bulletin cannot read, told by their first bytes
 * or their name, refused with the way to convert them: Word 97–2003 and
 * WPS files (OLE2 compound files), PDF, images. An Excel 97–2003 workbook
 * is told apart here too, and handed to read_xls.c. Without this
 * row they would reach the text decoder and fail as "binary data", which
 * says nothing about what to do.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include <strings.h>

#include "reader.h"

typedef enum {
    K_NONE, K_DOC, K_XLS, K_PPT, K_WPS, K_ET, K_DPS, K_OLE, K_PDF, K_PNG,
    K_JPEG, K_GIF
} kind;

static bool has_ext(const char *path, const char *ext)
{
    size_t n = path ? strlen(path) : 0, e = strlen(ext);
    return n >= e && strcasecmp(path + n - e, ext) == 0;
}

/* A stream name as the OLE2 directory stores it: UTF-16LE. The names are
 * ole_kind's, "PowerPoint Document" the longest. */
static bool has_stream(const unsigned char *data, size_t len, const char *name)
{
    char wide[2 * sizeof "PowerPoint Document"];
    size_t n = strlen(name);
    for (size_t i = 0; i < n; i++) {
        wide[2 * i] = name[i];
        wide[2 * i + 1] = '\0';
    }
    return memmem(data, len, wide, 2 * n) != NULL;
}

static kind ole_kind(const char *path, const unsigned char *data, size_t len)
{
    /* WPS names its files by the application; the streams inside are
     * Word's or Excel's, so the name decides first. */
    if (has_ext(path, ".wps") || has_ext(path, ".wpt"))
        return K_WPS;
    if (has_ext(path, ".et") || has_ext(path, ".ett"))
        return K_ET;
    if (has_ext(path, ".dps"))
        return K_DPS;
    if (has_stream(data, len, "WordDocument"))
        return K_DOC;
    if (has_stream(data, len, "Workbook") || has_stream(data, len, "Book"))
        return K_XLS;
    if (has_stream(data, len, "PowerPoint Document"))
        return K_PPT;
    return K_OLE;
}

static kind kind_of(const char *path, const unsigned char *data, size_t len)
{
    if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return ole_kind(path, data, len);
    if (len >= 4 && memmem(data, len < 1024 ? len : 1024, "%PDF-", 5))
        return K_PDF;
    if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1A\n", 8) == 0)
        return K_PNG;
    if (len >= 3 && memcmp(data, "\xFF\xD8\xFF", 3) == 0)
        return K_JPEG;
    if (len >= 6 && (memcmp(data, "GIF87a", 6) == 0 || memcmp(data, "GIF89a", 6) == 0))
        return K_GIF;
    /* A WPS file that is not a compound file: still WPS's own format
     * (a zip of OOXML parts under this name is read as one). */
    bool zip = len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
    if (!zip && (has_ext(path, ".wps") || has_ext(path, ".et") || has_ext(path, ".dps")))
        return ole_kind(path, data, len);
    return K_NONE;
}

/* An Excel 97–2003 workbook is read (read_xls.c), not refused. */
int bl_sniff_refuse(const char *path, const unsigned char *data, size_t len)
{
    kind k = kind_of(path, data, len);
    return k != K_NONE && k != K_XLS ? 100 : 0;
}

int bl_sniff_xls(const char *path, const unsigned char *data, size_t len)
{
    return kind_of(path, data, len) == K_XLS ? 100 : 0;
}

#define SOFFICE(to) "(in LibreOffice: soffice --headless --convert-to " to " FILE)"
#define OCR "a scanned table must be typed in or recognised first " \
            "(e.g. tesseract FILE out -l chi_sim) and the text read"

int bl_read_refuse(bl_model *m, bl_document *d, const unsigned char *data,
                   size_t len, bl_error *err)
{
    (void)m;
    static const char *const why[] = {
        [K_DOC] = "this is a Word 97–2003 (.doc) file; save it as .docx " SOFFICE("docx"),
        [K_XLS] = "this is an Excel 97–2003 (.xls) file; save it as .xlsx " SOFFICE("xlsx"),
        [K_PPT] = "this is a PowerPoint 97–2003 (.ppt) file; copy the table into a .docx or .xlsx",
        [K_WPS] = "this is a WPS Writer (.wps) file; save it as .docx (WPS: 另存为 → Word 文件) "
                  SOFFICE("docx"),
        [K_ET] = "this is a WPS Spreadsheets (.et) file; save it as .xlsx (WPS: 另存为 → Excel 文件) "
                 SOFFICE("xlsx"),
        [K_DPS] = "this is a WPS Presentation (.dps) file; copy the table into a .docx or .xlsx",
        [K_OLE] = "this is an Office 97–2003 compound file; save it as .docx or .xlsx "
                  SOFFICE("docx"),
        [K_PDF] = "this is a PDF file; convert it to text first (pdftotext -layout FILE) "
                  "or use the Word or Excel file it was made from",
        [K_PNG] = "this is a PNG image; " OCR,
        [K_JPEG] = "this is a JPEG image; " OCR,
        [K_GIF] = "this is a GIF image; " OCR,
    };
    kind k = kind_of(d->source, data, len);
    return bl_error_set(err, BL_EINPUT, d->source, 0, "%s",
                        k != K_NONE ? why[k] : "this file cannot be read");
}
