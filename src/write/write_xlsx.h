/* write_xlsx.h - the Excel ledger (台账): the model as a workbook an office
 * corrects in Excel or WPS and renders from with `bulletin build`. The
 * layout is in ledger.h and docs/ledger.md; read_ledger.c reads it back to
 * the same model.
 *
 * The only file that includes libxlsxwriter (library bl_write_xlsx). The
 * workbook is written to a temporary file beside path and renamed over it
 * (io.c), so a failure leaves no half-written ledger. The bytes depend only
 * on the model and creation_epoch.
 */
#ifndef BL_WRITE_XLSX_H
#define BL_WRITE_XLSX_H

#include "error.h"
#include "model.h"

typedef struct bl_xlsx_options {
    /* The workbook's creation date (seconds since 1970, UTC): -1 takes the
     * document's publish date, else the first day of its period, else
     * 1980-01-01. */
    long long creation_epoch;
} bl_xlsx_options;

/* Writes document d of m (analysed; read only) as a ledger at path. */
int bl_write_xlsx(const bl_model *m, const bl_document *d, const char *path,
                  const bl_xlsx_options *opt, bl_error *err);

#endif
