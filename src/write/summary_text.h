/* summary_text.h - the written 通报 as plain text, for the PDF briefing
 * (issue 9.5). The paragraph is templates/partials/summary_text.mustache
 * (an office's own with --templates), rendered by the project's Mustache
 * engine against the view exactly as the page renders it
 * ({{#tongbao}}{{> partials/summary_text}}{{/tongbao}} in the view's, or a
 * list's, context), then made plain: tags dropped, character references
 * decoded, runs of white space made one space, ends trimmed. So the PDF
 * draws the text the page shows, and no sentence is composed in C.
 *
 * Ownership: the strings added belong to the view.
 */
#ifndef BL_SUMMARY_TEXT_H
#define BL_SUMMARY_TEXT_H

#include <cjson/cJSON.h>

#include "buf.h"
#include "error.h"

/* Adds "tongbao_text" to view (the whole report's paragraph) and to each
 * object of its "lists", when the view has "tongbao" (view_tongbao.h);
 * templates_dir as for the page (NULL: the built-in set). Errors are the
 * template's (BL_ETEMPLATE with file and line), the view unchanged. */
int bl_summary_text_add(cJSON *view, const char *templates_dir, bl_error *err);

/* HTML text as a reader sees it: tags dropped, &amp; &lt; &gt; &quot;
 * &#39; &apos; &nbsp; and numeric references decoded, white space
 * collapsed and trimmed. Appends to out. */
void bl_html_plain_text(const char *html, size_t len, bl_buf *out);

#endif
