/* meta.h - a report's metadata from the lines around its tables: title,
 * issuing office (来源, 发布机关, a signature line), publish date
 * (发布日期/发布时间/成文日期, also "2025- 05- 20 15: 29" and "20171011"),
 * period and year.
 *
 * Ownership: strings stored in the document are the source's own text,
 * copied into m's arena.
 */
#ifndef BL_META_H
#define BL_META_H

#include <stdbool.h>

#include "model.h"

/* Takes what one line outside the tables says: a date after its label, an
 * office after 来源/发布机关. Returns true when the line was such a label
 * line (so it is no title). */
bool bl_meta_line(bl_model *m, bl_document *d, const char *line);

/* A line that reads as a report's or a list's title: short, no sentence,
 * naming the projects or their progress (民生实事, 进展情况, 汇总表…). */
bool bl_meta_is_title(bl_arena *a, const char *line);

/* Sets d's period and year from its title, or else from text ("截至10月底"),
 * unless they are already known. */
void bl_meta_period(bl_document *d, const char *text);

#endif
