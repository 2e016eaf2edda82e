/* pdf_finish.h - the finished PDF: rewritten through qpdf, and its dates.
 *
 * cairo 1.16 reserves objects for link tags that it never writes, so every
 * PDF with internal links has cross-reference entries pointing nowhere
 * ("object 10 0 not found" from `qpdf --check`). bl_pdf_finish reads the
 * file cairo wrote with libqpdf (repairing those entries), drops the
 * /StructParent keys that point into the missing structure tree, and
 * writes the reachable objects again, packed into object streams, with an
 * /ID computed from the content: the same input gives the same bytes, and
 * no date or producer is added.
 *
 * bl_pdf_date chooses the creation date written into the file.
 */
#ifndef BL_PDF_FINISH_H
#define BL_PDF_FINISH_H

#include <stddef.h>
#include <time.h>

#include "error.h"
#include "io.h"
#include "pdf_rewrite.h"

/* Rewrites the PDF in f's temporary file (f->fp, open for writing, holds
 * the whole file) in place; f stays open, to be committed or aborted by the
 * caller. streams (may be NULL): placeholders of streams deflated
 * elsewhere (pdf_rewrite.h), which only the streaming rewrite can put
 * back. *bytes (may be NULL) gets the new size. Errors: BL_EIO when the
 * file cannot be read back, parsed or written; the message names path
 * (the final target, for the user). */
int bl_pdf_finish(bl_atomic_file *f, const char *path,
                  const bl_rewrite_streams *streams, long long *bytes,
                  bl_error *err);

/* The creation date as cairo's metadata wants it ("YYYY-MM-DDThh:mm:ss"
 * with "Z" or "+hh:mm"): epoch >= 0 (SOURCE_DATE_EPOCH) in UTC; else the
 * report's published date ("YYYY-MM-DD", may be NULL) at midnight China
 * Standard Time (+08:00), the reports being Chinese; else `now` in UTC.
 * A published date that is not a valid calendar date is ignored. */
void bl_pdf_date(long long epoch, const char *published, time_t now,
                 char *out, size_t size);

#endif
